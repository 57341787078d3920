/*
 * cmd_review.c: spaced repetition from the command line: review, rate,
 * card, due, stats and export.
 *
 * Scheduling is fsrs.c, progress is store.c; this file decides which cards
 * come up, talks to the user and draws the charts. Every command takes the
 * time from clock_now(), so OSPREP_NOW moves the clock for tests and plans.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "choice.h"
#include "clock.h"
#include "cmd.h"
#include "fsrs.h"
#include "render.h"
#include "rng.h"
#include "store.h"
#include "text.h"

extern const struct cmd_entry cmd_review_entry, cmd_rate_entry, cmd_card_entry, cmd_due_entry,
	cmd_stats_entry, cmd_export_entry;

#define LEARN_AHEAD (20 * 60)   /* show learning cards this early when nothing else is left */
#define FORECAST_DAYS 14
#define STATS_DAYS 30

/* Settings ------------------------------------------------------------------ */

static const cJSON *
config_item(const struct ctx *ctx, const char *key)
{
	if (ctx->config == NULL)
		return NULL;
	return cJSON_GetObjectItemCaseSensitive((const cJSON *)ctx->config, key);
}

/*
 * The scheduler's settings from the config file: "retention" (0.9),
 * "max_interval" (36500), "fuzz" (true), "learning_steps" ("1m 10m"),
 * "relearning_steps" ("10m"). A bad value is reported and the default used.
 */
void
review_params(const struct ctx *ctx, struct fsrs_params *p)
{
	const cJSON *v;
	char err[200];
	struct fsrs_params def;

	fsrs_params_default(p);
	p->fuzz = 1;
	p->retention = ctx_config_number(ctx, "retention", 0.9);
	p->max_interval = (int)ctx_config_number(ctx, "max_interval", 36500);
	v = config_item(ctx, "fuzz");
	if (cJSON_IsBool(v))
		p->fuzz = cJSON_IsTrue(v);
	else if (cJSON_IsNumber(v))
		p->fuzz = v->valuedouble != 0;
	v = config_item(ctx, "learning_steps");
	if (cJSON_IsString(v)) {
		int n = fsrs_parse_steps(v->valuestring, p->learning, FSRS_MAX_STEPS);
		if (n < 0)
			cmd_error("config: learning_steps \"%s\" is not like \"1m 10m\"", v->valuestring);
		else
			p->nlearning = n;
	}
	v = config_item(ctx, "relearning_steps");
	if (cJSON_IsString(v)) {
		int n = fsrs_parse_steps(v->valuestring, p->relearning, FSRS_MAX_STEPS);
		if (n < 0)
			cmd_error("config: relearning_steps \"%s\" is not like \"10m\"", v->valuestring);
		else
			p->nrelearning = n;
	}
	if (fsrs_params_check(p, err, sizeof err) != 0) {
		cmd_error("config: %s; using the defaults", err);
		fsrs_params_default(&def);
		def.fuzz = p->fuzz;
		*p = def;
	}
}

/* Now, or -1 after saying why OSPREP_NOW cannot be read. */
int
review_now(int64_t *now)
{
	char err[300];

	if (clock_check(err, sizeof err) != 0) {
		cmd_error("%s", err);
		return -1;
	}
	*now = clock_now();
	return 0;
}

/* Labels --------------------------------------------------------------------- */

static const char *
rating_label(enum lang l, int g)
{
	static const char *const ko[5] = { "", "다시", "어려움", "알맞음", "쉬움" };

	if (g < FSRS_AGAIN || g > FSRS_EASY)
		return "?";
	return l == LANG_EN ? fsrs_rating_name(g) : ko[g];
}

static const char *
state_label(enum lang l, enum fsrs_state s)
{
	static const char *const ko[FSRS_STATE_N] = { "새 카드", "학습 중", "복습", "재학습" };

	if ((int)s < 0 || s >= FSRS_STATE_N)
		return "?";
	return l == LANG_EN ? fsrs_state_name(s) : ko[s];
}

/* "in 3d", "3일 후", "3d ago", "3일 전", "now" */
static void
relative(enum lang l, int64_t t, int64_t now, char *buf, size_t len)
{
	char span[32];

	if (llabs((long long)(t - now)) < 60) {
		snprintf(buf, len, "%s", L(l, "지금", "now"));
		return;
	}
	clock_format_span(t > now ? t - now : now - t, l == LANG_KO, span, sizeof span);
	if (t > now)
		snprintf(buf, len, l == LANG_EN ? "in %s" : "%s 후", span);
	else
		snprintf(buf, len, l == LANG_EN ? "%s ago" : "%s 전", span);
}

/* Selection ------------------------------------------------------------------ */

/*
 * What `review` shows: flashcards and choice cards, both quick and graded
 * in a moment. Questions and predictions take longer and are practised
 * with `practice`. A set of kinds is a bit mask, 1 << kind.
 */
#define KINDS_REVIEW ((1u << KIND_FLASHCARD) | (1u << KIND_CHOICE))

static int
reviewed_kind(enum card_kind k, unsigned kinds)
{
	return (kinds >> k) & 1u;
}

static int
selected(const struct card *c, const struct deck *only, const char *tag, unsigned kinds)
{
	if (!reviewed_kind(c->kind, kinds))
		return 0;
	if (only != NULL && c->deck != only)
		return 0;
	return tag == NULL || card_has_tag(c, tag);
}

/* Probability of recall at now with fractional days: orders the due cards. */
static double
recall_now(const struct fsrs_params *p, const struct fsrs_card *c, int64_t now)
{
	double t;

	if (c->state == FSRS_NEW || c->stability <= 0)
		return 0;
	t = (double)(now - c->last_review) / 86400.0;
	return fsrs_forgetting_curve(p->w, t > 0 ? t : 0, c->stability);
}

/*
 * A first rating that uses up the day's new cards: a flashcard or a choice
 * card, wherever it was first rated (review, practice, rate). A card gone
 * from the content counts if it was logged as a flashcard, as before choice
 * cards joined review.
 */
static int
new_counts(const char *card_id, enum store_kind kind, void *arg)
{
	const struct card *c = content_find_card(arg, card_id);

	if (c == NULL)
		return kind == STORE_FLASHCARD;
	return reviewed_kind(c->kind, KINDS_REVIEW);
}

/*
 * How many new cards may still come up today: the config's new_per_day
 * less those introduced since midnight. 0, or -1 after saying why.
 */
static int
new_left_today(struct ctx *ctx, struct store *st, int64_t now, long *left)
{
	long per_day = (long)ctx_config_number(ctx, "new_per_day", 20), today = 0;

	if (store_new_since(st, clock_day_start(now), new_counts, ctx->content, &today) != 0) {
		cmd_error("%s", store_errmsg(st));
		return -1;
	}
	*left = per_day > today ? per_day - today : 0;
	return 0;
}

/*
 * The log kind of a rating of c. It follows the card, not the command:
 * a choice card is logged as 'practice' whether review, practice or rate
 * took it, as practice always logged it, so `card ID` lists one kind for
 * it and a rating's kind still tells a self-graded recall ('flashcard')
 * from an answer the program graded ('practice', 'prediction').
 */
static enum store_kind
log_kind(const struct card *c)
{
	switch (c->kind) {
	case KIND_FLASHCARD:
		return STORE_FLASHCARD;
	case KIND_PREDICTION:
		return STORE_PREDICTION;
	default:
		return STORE_PRACTICE;
	}
}

struct item {
	const struct card *card;
	struct fsrs_card st;
	double r;
};

static int
cmp_item_r(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->r != y->r)
		return x->r < y->r ? -1 : 1;
	if (x->st.due != y->st.due)
		return x->st.due < y->st.due ? -1 : 1;
	return strcmp(x->card->id, y->card->id);
}

/* The review session ------------------------------------------------------- */

struct session {
	struct ctx *ctx;
	struct store *store;
	struct fsrs_params p;
	unsigned kinds;              /* the card kinds this session shows */
	struct item *queue;          /* what is left to show, in order */
	size_t nqueue, capqueue, pos;
	struct item *learning;       /* rated this session, coming back within minutes */
	size_t nlearning, caplearning;
	struct undo {                /* this session's ratings, newest last */
		int64_t id;
		const struct card *card;
		int rating;
	} *undo;
	size_t nundo, capundo;
	int rated, recalled, again, skipped, unsaved;
	double seconds;
	int shown;
};

/* v with room for need elements (v itself if it has it), or NULL with v untouched. */
static void *
grow(void *v, size_t *cap, size_t need, size_t size)
{
	size_t nc;
	void *nv;

	if (need <= *cap)
		return v;
	nc = *cap ? *cap * 2 : 32;
	while (nc < need)
		nc *= 2;
	nv = realloc(v, nc * size);
	if (nv != NULL)
		*cap = nc;
	return nv;
}

static double
mono_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The rating line: `1 again 10m · 2 hard 1d · 3 good 3d · 4 easy 8d`. */
static void
print_ratings(struct session *s, const struct fsrs_card next[4], int64_t now)
{
	struct ctx *ctx = s->ctx;
	int g;

	fputc('\n', stdout);
	for (g = FSRS_AGAIN; g <= FSRS_EASY; g++) {
		char span[32];

		clock_format_span(next[g - 1].due - now, ctx->lang == LANG_KO, span, sizeof span);
		printf("%s%s%d%s %s %s%s%s", g > 1 ? " · " : "", render_style(ctx->color, "bold"), g,
		       render_style(ctx->color, "reset"), rating_label(ctx->lang, g),
		       render_style(ctx->color, "dim"), span, render_style(ctx->color, "reset"));
	}
	fputc('\n', stdout);
}

enum answer {
	ANS_NONE,     /* Enter */
	ANS_RATING,
	ANS_UNDO,
	ANS_SKIP,
	ANS_QUIT,
	ANS_EOF,
	ANS_OTHER
};

/*
 * Read a reply and tell Enter, u, s and q (or undo, skip, quit) from the
 * rest, ANS_OTHER. *line gets the reply trimmed and lowercased (NULL at the
 * end of input); the caller frees it.
 */
static enum answer
ask_line(struct session *s, const char *prompt, char **line)
{
	int intr = 0;
	char *l = ctx_read_line(s->ctx, prompt, &intr);
	size_t i;

	*line = l;
	if (l == NULL)
		return ANS_EOF;
	text_trim(l);
	for (i = 0; l[i] != '\0'; i++)
		if (l[i] >= 'A' && l[i] <= 'Z')
			l[i] = (char)(l[i] - 'A' + 'a');
	if (l[0] == '\0')
		return ANS_NONE;
	if (strcmp(l, "u") == 0 || strcmp(l, "undo") == 0)
		return ANS_UNDO;
	if (strcmp(l, "s") == 0 || strcmp(l, "skip") == 0)
		return ANS_SKIP;
	if (strcmp(l, "q") == 0 || strcmp(l, "quit") == 0)
		return ANS_QUIT;
	return ANS_OTHER;
}

/* A reply that may also be a rating: 1-4, a/h/g/e or the names. */
static enum answer
ask(struct session *s, const char *prompt, int *rating)
{
	char *line;
	enum answer a = ask_line(s, prompt, &line);
	int g;

	if (a == ANS_OTHER && (g = fsrs_rating_parse(line)) > 0) {
		*rating = g;
		a = ANS_RATING;
	}
	free(line);
	return a;
}

/*
 * Undo this session's last rating. The card goes back in front of the
 * queue with the state the log restored; returns 1, or 0 if nothing was
 * undone.
 */
static int
session_undo(struct session *s)
{
	struct ctx *ctx = s->ctx;
	struct fsrs_card restored;
	struct undo u;
	struct item it, *nq;
	size_t i;

	if (s->nundo == 0) {
		printf("%s\n", L(ctx->lang, "되돌릴 평가가 없습니다", "nothing to undo"));
		return 0;
	}
	u = s->undo[s->nundo - 1];
	if (store_undo(s->store, u.id, clock_now(), &restored) != 0) {
		cmd_error("%s", store_errmsg(s->store));
		return 0;
	}
	s->nundo--;
	s->rated--;
	if (u.rating > FSRS_AGAIN)
		s->recalled--;
	else
		s->again--;
	/* it no longer comes back in minutes: it comes back now */
	for (i = 0; i < s->nlearning; i++)
		if (s->learning[i].card == u.card) {
			s->learning[i] = s->learning[--s->nlearning];
			break;
		}
	it.card = u.card;
	it.st = restored;
	it.r = 0;
	nq = grow(s->queue, &s->capqueue, s->nqueue + 1, sizeof *s->queue);
	if (nq != NULL) {
		s->queue = nq;
		memmove(&s->queue[s->pos + 1], &s->queue[s->pos], (s->nqueue - s->pos) * sizeof *s->queue);
		s->queue[s->pos] = it;
		s->nqueue++;
	}
	printf("%s: %s → %s\n", L(ctx->lang, "되돌렸습니다", "undone"), u.card->id,
	       state_label(ctx->lang, restored.state));
	return 1;
}

/*
 * What u, s, q and the end of input do at any prompt of a card: -1 to ask
 * again, else what session_card returns (0 end, 1 next, 2 undone).
 */
static int
session_command(struct session *s, enum answer a)
{
	switch (a) {
	case ANS_EOF:
	case ANS_QUIT:
		return 0;
	case ANS_SKIP:
		s->skipped++;
		return 1;
	case ANS_UNDO:
		return session_undo(s) ? 2 : -1;   /* undone: that card first, then this one */
	default:
		return -1;
	}
}

/*
 * A choice card's question, after its prompt: the options shuffled (seeded
 * from the card and the time, so the same OSPREP_NOW shows the same order),
 * the numbers picked, then the verdict with each option's reason. Returns
 * -1 once answered, *right set; otherwise what session_card returns.
 */
static int
session_choice(struct session *s, const struct item *it, int *right)
{
	struct ctx *ctx = s->ctx;
	struct choice ch;
	char prompt[200];
	int rc = -1;

	if (choice_init(ctx, &ch, it->card, rng_seed_of(it->card->id, clock_now())) != 0)
		return 1;
	fputc('\n', stdout);
	choice_show(ctx, &ch);
	snprintf(prompt, sizeof prompt, L(ctx->lang, "%s, u 되돌리기, s 건너뛰기, q 끝 > ",
	                                  "%s, u undo, s skip, q quit > "), choice_prompt(ctx->lang));
	for (;;) {
		char *line;
		enum answer a = ask_line(s, prompt, &line);
		int got = a == ANS_OTHER ? choice_pick(&ch, line) : 0;

		free(line);
		if (got > 0)
			break;
		if ((rc = session_command(s, a)) >= 0)
			goto out;
		if (a != ANS_UNDO)
			choice_retry(ctx, &ch);
	}
	fputc('\n', stdout);
	*right = choice_grade(ctx, &ch);
out:
	choice_free(&ch);
	return rc;
}

/*
 * Show one card and take its rating. Returns 1 to go on, 0 to end the
 * session. it->st is the state the store held when the card was queued.
 * A flashcard turns over on Enter; a choice card is answered and graded,
 * and its rating defaults to good when right and again when wrong.
 */
static int
session_card(struct session *s, struct item *it)
{
	struct ctx *ctx = s->ctx;
	struct render_opts o = { ctx->width, 2, ctx->color };
	struct fsrs_card next[4], cur;
	struct store_review r = { 0 };
	double t0 = mono_seconds();
	int64_t now;
	int rating = 0, have, suggest = 0, go;
	enum answer a;
	char span[32], when[40], prompt[200];

	/* the store is the truth: another session may have rated it */
	have = store_get_state(s->store, it->card->id, &cur);
	if (have < 0) {
		cmd_error("%s", store_errmsg(s->store));
		return 1;
	}
	if (have)
		it->st = cur;
	else
		fsrs_card_new(&it->st, clock_now());

	s->shown++;
	printf("\n%s[%d] %s · %s · %s%s\n", render_style(ctx->color, "dim"), s->shown,
	       it->card->deck->id, it->card->id, state_label(ctx->lang, it->st.state),
	       render_style(ctx->color, "reset"));
	render_markdown(stdout, text_get(&it->card->title, ctx->lang), &o);
	if (it->card->kind == KIND_CHOICE) {
		int right = 0;

		if ((go = session_choice(s, it, &right)) >= 0)
			return go;
		suggest = right ? FSRS_GOOD : FSRS_AGAIN;
	} else {
		for (;;) {
			a = ask(s, L(ctx->lang, "[Enter] 답 보기 > ", "[Enter] show answer > "), &rating);
			if (a == ANS_NONE || a == ANS_RATING || a == ANS_OTHER)
				break;
			if ((go = session_command(s, a)) >= 0)
				return go;
		}
		printf("%s\n", render_style(ctx->color, "dim"));
		printf("────────%s\n", render_style(ctx->color, "reset"));
		render_markdown(stdout, text_get(&it->card->body, ctx->lang), &o);
	}

	now = clock_now();
	if (it->st.state != FSRS_NEW && now < it->st.last_review)
		now = it->st.last_review;      /* a clock set back: rate as of the last review */
	if (fsrs_preview(&s->p, &it->st, now, next) != 0) {
		cmd_error("%s \"%s\"", L(ctx->lang, "예약을 계산할 수 없습니다", "cannot schedule"),
		          it->card->id);
		return 1;
	}
	print_ratings(s, next, now);
	if (suggest > 0)
		snprintf(prompt, sizeof prompt, L(ctx->lang, "평가 (1-4, Enter는 %d %s, u 되돌리기, s 건너뛰기, q 끝) > ",
		                                  "rate (1-4, Enter %d %s, u undo, s skip, q quit) > "),
		         suggest, rating_label(ctx->lang, suggest));
	else
		snprintf(prompt, sizeof prompt, "%s", L(ctx->lang, "평가 (1-4, u 되돌리기, s 건너뛰기, q 끝) > ",
		                                        "rate (1-4, u undo, s skip, q quit) > "));
	for (;;) {
		a = ask(s, prompt, &rating);
		if (a == ANS_NONE && suggest > 0) {
			rating = suggest;
			break;
		}
		if (a == ANS_RATING)
			break;
		if ((go = session_command(s, a)) >= 0)
			return go;
		if (a == ANS_UNDO)
			continue;           /* nothing to undo: said already */
		printf("%s\n", L(ctx->lang, "1 다시 · 2 어려움 · 3 알맞음 · 4 쉬움 (a/h/g/e도 됩니다), "
		                 "u 되돌리기, s 건너뛰기, q 끝내기",
		                 "1 again · 2 hard · 3 good · 4 easy (or a/h/g/e), u undo, s skip, q quit"));
	}

	r.card_id = it->card->id;
	r.time = now;
	r.rating = rating;
	r.seconds = mono_seconds() - t0;
	r.kind = log_kind(it->card);
	r.before = it->st;
	r.after = next[rating - 1];
	if (store_record_review(s->store, &r) != 0) {
		s->unsaved++;
		cmd_error("%s: %s", L(ctx->lang, "저장하지 못했습니다", "not saved"), store_errmsg(s->store));
		return 1;
	}
	{
		struct undo *nu = grow(s->undo, &s->capundo, s->nundo + 1, sizeof *s->undo);

		if (nu != NULL) {
			s->undo = nu;
			s->undo[s->nundo].id = r.id;
			s->undo[s->nundo].card = it->card;
			s->undo[s->nundo].rating = rating;
			s->nundo++;
		}
	}
	s->rated++;
	s->seconds += r.seconds;
	if (rating > FSRS_AGAIN)
		s->recalled++;
	else
		s->again++;
	it->st = r.after;
	clock_format_span(r.after.due - now, ctx->lang == LANG_KO, span, sizeof span);
	clock_format_time(r.after.due, when, sizeof when);
	printf("%s%s: %s, %s %s (%s)%s\n", render_style(ctx->color, "green"),
	       L(ctx->lang, "저장됨", "saved"), rating_label(ctx->lang, rating),
	       L(ctx->lang, "다음 복습", "next in"), span, when, render_style(ctx->color, "reset"));
	fflush(stdout);
	if (r.after.state == FSRS_LEARNING || r.after.state == FSRS_RELEARNING) {
		struct item *nl = grow(s->learning, &s->caplearning, s->nlearning + 1, sizeof *s->learning);

		if (nl != NULL) {
			s->learning = nl;
			s->learning[s->nlearning++] = *it;
		}
	}
	return 1;
}

/* A learning card of this session that is due (or, if ahead, due soon). */
static int
take_learning(struct session *s, int64_t now, int ahead, struct item *out)
{
	size_t i, best = 0;
	int found = 0;

	for (i = 0; i < s->nlearning; i++)
		if (!found || s->learning[i].st.due < s->learning[best].st.due) {
			best = i;
			found = 1;
		}
	if (!found || s->learning[best].st.due > now + (ahead ? LEARN_AHEAD : 0))
		return 0;
	*out = s->learning[best];
	s->learning[best] = s->learning[--s->nlearning];
	return 1;
}

static void
session_summary(struct session *s, const struct deck *only, const char *tag)
{
	struct ctx *ctx = s->ctx;
	struct store_states st;
	int64_t now = clock_now(), next = 0;
	size_t i, j;
	int secs = (int)(s->seconds + 0.5);

	printf("\n%s── %s ──%s\n", render_style(ctx->color, "bold"), L(ctx->lang, "요약", "summary"),
	       render_style(ctx->color, "reset"));
	if (ctx->lang == LANG_EN)
		printf("cards %d · recalled %d", s->rated, s->recalled);
	else
		printf("카드 %d장 · 기억함 %d", s->rated, s->recalled);
	if (s->rated > 0)
		printf(" (%d%%)", (int)(100.0 * s->recalled / s->rated + 0.5));
	printf(" · %s %d", L(ctx->lang, "다시", "again"), s->again);
	if (s->skipped)
		printf(" · %s %d", L(ctx->lang, "건너뜀", "skipped"), s->skipped);
	if (s->unsaved)
		printf(" · %s%s %d%s", render_style(ctx->color, "red"),
		       L(ctx->lang, "저장 못 함", "not saved"), s->unsaved, render_style(ctx->color, "reset"));
	printf("\n%s ", L(ctx->lang, "걸린 시간", "time spent"));
	if (secs >= 60)
		printf(ctx->lang == LANG_EN ? "%dm %ds\n" : "%d분 %d초\n", secs / 60, secs % 60);
	else
		printf(ctx->lang == LANG_EN ? "%ds\n" : "%d초\n", secs);
	if (store_load_states(s->store, &st) != 0) {
		cmd_error("%s", store_errmsg(s->store));
		return;
	}
	for (i = 0; ctx->content != NULL && i < ctx->content->ndecks; i++)
		for (j = 0; j < ctx->content->decks[i]->ncards; j++) {
			const struct card *c = &ctx->content->decks[i]->cards[j];
			const struct fsrs_card *f;

			if (!selected(c, only, tag, s->kinds) || (f = store_states_find(&st, c->id)) == NULL ||
			    f->state == FSRS_NEW)
				continue;
			if (next == 0 || f->due < next)
				next = f->due;
		}
	store_states_free(&st);
	if (next != 0) {
		char when[40], rel[48];

		clock_format_time(next, when, sizeof when);
		relative(ctx->lang, next, now, rel, sizeof rel);
		printf("%s %s (%s)\n", L(ctx->lang, "다음 복습:", "next due:"), when, rel);
	}
}

static int
review_exec(struct ctx *ctx, int argc, char **argv)
{
	const char *deck = NULL, *tag = NULL, *limit_s = NULL, *new_s = NULL, *kind = NULL;
	const struct cmd_opt opts[] = {
		{ "deck", &deck, NULL }, { "tag", &tag, NULL }, { "limit", &limit_s, NULL },
		{ "new", &new_s, NULL }, { "kind", &kind, NULL }, { NULL, NULL, NULL },
	};
	struct session s;
	struct store_states st;
	struct item *due = NULL, *fresh = NULL;
	size_t ndue = 0, nfresh = 0, capdue = 0, capfresh = 0, i, j;
	const struct deck *only = NULL;
	long limit = 0, new_allow;
	int64_t now;
	int npos, rc = EXIT_OK;
	unsigned kinds = KINDS_REVIEW;
	size_t nchoice = 0;

	if (cmd_parse(&cmd_review_entry, argc, argv, opts, &npos) != 0)
		return EXIT_USAGE;
	if (npos > 0)
		return cmd_usage(ctx, &cmd_review_entry);
	if (deck != NULL && (only = cmd_deck_arg(ctx, deck)) == NULL)
		return EXIT_USAGE;
	if (kind != NULL) {
		int k = card_kind_parse(kind);

		if (k < 0 || !reviewed_kind((enum card_kind)k, KINDS_REVIEW)) {
			cmd_error("review: %s \"%s\" (flashcard, choice)",
			          L(ctx->lang, "review가 보여 주지 않는 종류", "not a kind review shows"), kind);
			return EXIT_USAGE;
		}
		kinds = 1u << k;
	}
	if (limit_s != NULL && cmd_int_arg("review", "--limit", limit_s, 1, 100000, &limit) != 0)
		return EXIT_USAGE;
	new_allow = -1;
	if (new_s != NULL && cmd_int_arg("review", "--new", new_s, 0, 100000, &new_allow) != 0)
		return EXIT_USAGE;
	if (review_now(&now) != 0)
		return EXIT_USAGE;

	memset(&s, 0, sizeof s);
	s.ctx = ctx;
	s.kinds = kinds;
	s.store = ctx_store(ctx);
	if (s.store == NULL)
		return EXIT_FAIL;
	review_params(ctx, &s.p);
	if (new_allow < 0 && new_left_today(ctx, s.store, now, &new_allow) != 0)
		return EXIT_FAIL;
	if (store_load_states(s.store, &st) != 0) {
		cmd_error("%s", store_errmsg(s.store));
		return EXIT_FAIL;
	}
	for (i = 0; ctx->content != NULL && i < ctx->content->ndecks; i++)
		for (j = 0; j < ctx->content->decks[i]->ncards; j++) {
			const struct card *c = &ctx->content->decks[i]->cards[j];
			const struct fsrs_card *f;
			struct item it;

			if (!selected(c, only, tag, kinds))
				continue;
			f = store_states_find(&st, c->id);
			it.card = c;
			if (f == NULL || f->state == FSRS_NEW) {
				if ((long)nfresh >= new_allow)
					continue;
				fsrs_card_new(&it.st, now);
				it.r = 0;
				struct item *nf = grow(fresh, &capfresh, nfresh + 1, sizeof *fresh);

				if (nf == NULL)
					goto oom;
				fresh = nf;
				fresh[nfresh++] = it;
			} else if (f->due <= now) {
				it.st = *f;
				it.r = recall_now(&s.p, f, now);
				struct item *nd = grow(due, &capdue, ndue + 1, sizeof *due);

				if (nd == NULL)
					goto oom;
				due = nd;
				due[ndue++] = it;
			}
		}
	store_states_free(&st);
	if (ndue > 1)
		qsort(due, ndue, sizeof *due, cmp_item_r);
	/* due first (least likely remembered first), then new cards */
	s.queue = grow(NULL, &s.capqueue, ndue + nfresh + 1, sizeof *s.queue);
	if (s.queue == NULL)
		goto oom_lists;
	if (ndue > 0)
		memcpy(s.queue, due, ndue * sizeof *due);
	if (nfresh > 0)
		memcpy(s.queue + ndue, fresh, nfresh * sizeof *fresh);
	s.nqueue = ndue + nfresh;
	if (limit > 0 && s.nqueue > (size_t)limit)
		s.nqueue = (size_t)limit;
	free(due);
	free(fresh);
	due = fresh = NULL;

	if (s.nqueue == 0) {
		printf("%s\n", L(ctx->lang, "지금 복습할 카드가 없습니다.", "nothing to review now."));
		session_summary(&s, only, tag);
		goto out;
	}
	if (ctx->lang == LANG_EN)
		printf("%zu due, %zu new. Enter shows the answer; rate 1-4 (a/h/g/e); "
		       "u undo, s skip, q quit.\n", ndue < s.nqueue ? ndue : s.nqueue,
		       s.nqueue > ndue ? s.nqueue - ndue : 0);
	else
		printf("복습 %zu장, 새 카드 %zu장. Enter로 답을 보고 1-4(a/h/g/e)로 평가합니다. "
		       "u 되돌리기, s 건너뛰기, q 끝내기.\n", ndue < s.nqueue ? ndue : s.nqueue,
		       s.nqueue > ndue ? s.nqueue - ndue : 0);
	for (i = 0; i < s.nqueue; i++)
		nchoice += s.queue[i].card->kind == KIND_CHOICE;
	if (nchoice > 0)
		printf("%s\n", L(ctx->lang, "객관식 카드는 맞는 보기 번호를 모두 입력하고(예: 1 3) 평가합니다. "
		                 "Enter는 제안한 평가입니다: 맞으면 3, 틀리면 1.",
		                 "Choice cards: type every right option number (e.g. 1 3), then rate; "
		                 "Enter takes the suggestion, 3 when right, 1 when wrong."));
	for (;;) {
		struct item it;
		int go;

		now = clock_now();
		if (take_learning(&s, now, 0, &it) ||
		    (s.pos >= s.nqueue && take_learning(&s, now, 1, &it))) {
			go = session_card(&s, &it);
			if (go == 2) {
				/* undo put a card in front; this one waits for its turn again */
				struct item *nl = grow(s.learning, &s.caplearning, s.nlearning + 1,
				                       sizeof *s.learning);
				if (nl != NULL) {
					s.learning = nl;
					s.learning[s.nlearning++] = it;
				}
			}
		} else if (s.pos < s.nqueue) {
			it = s.queue[s.pos];
			go = session_card(&s, &it);
			if (go == 2)
				continue;      /* undo put a card at pos: it comes next, then this one */
			s.pos++;
		} else {
			break;
		}
		if (go == 0)
			break;
	}
	session_summary(&s, only, tag);
	if (s.unsaved > 0)
		rc = EXIT_FAIL;
out:
	free(s.queue);
	free(s.learning);
	free(s.undo);
	return rc;
oom:
	store_states_free(&st);
oom_lists:
	free(due);
	free(fresh);
	cmd_error("out of memory");
	return EXIT_FAIL;
}

const struct cmd_entry cmd_review_entry = {
	.name = "review",
	.alias = "r",
	.usage = "review [--deck D] [--tag T] [--limit N] [--new N] [--kind flashcard|choice]",
	.summary = { "플래시카드와 객관식 카드를 복습합니다 (FSRS 간격 반복)",
	             "review flashcards and choice cards with FSRS spaced repetition" },
	.help = {
		"기한이 된 카드(기억할 확률이 낮은 것부터) 다음에 새 카드를 하루 한도까지 보여 줍니다. "
		"앞면을 보고 Enter를 누르면 뒷면과 함께 각 평가가 줄 다음 간격이 나옵니다:\n\n"
		"`1 다시 1분 · 2 어려움 6분 · 3 알맞음 10분 · 4 쉬움 8일`\n\n"
		"- `1`-`4` 또는 `a`/`h`/`g`/`e`: 평가 (평가마다 바로 저장)\n"
		"- `u`: 마지막 평가 되돌리기, `s`: 건너뛰기, `q`: 끝내기\n\n"
		"객관식 카드(`misconceptions` 덱)는 섞인 보기 중 맞는 번호를 모두 입력하면(예: `1 3`) 정답 여부와 "
		"보기마다 이유를 보여 주고, 같은 방식으로 평가를 받습니다. 빈 줄은 제안한 평가(맞으면 3, "
		"틀리면 1)입니다. 새 객관식 카드도 하루 새 카드 한도에 들어갑니다. `--kind flashcard` 또는 "
		"`--kind choice`는 한 종류만 보여 줍니다.\n\n"
		"`--new N`은 이번에 볼 새 카드 수(기본: 설정 `new_per_day`, 20에서 오늘 본 만큼 뺀 수), "
		"`--limit N`은 이번에 볼 카드 수의 상한입니다. 설정 파일의 `retention`(0.9), "
		"`max_interval`(36500일), `fuzz`(true), `learning_steps`(\"1m 10m\"), "
		"`relearning_steps`(\"10m\")가 예약을 바꿉니다. 환경 변수 `OSPREP_NOW`"
		"(ISO 8601, 예: `2025-03-01T09:00:00+09:00`)를 정하면 그 시각을 현재로 씁니다.",
		"Due cards come first (least likely recalled first), then new cards up to the daily "
		"limit. Enter turns the card over and shows the next interval each rating would give:\n\n"
		"`1 again 1m · 2 hard 6m · 3 good 10m · 4 easy 8d`\n\n"
		"- `1`-`4` or `a`/`h`/`g`/`e`: rate (each rating is saved at once)\n"
		"- `u`: undo the last rating, `s`: skip, `q`: quit\n\n"
		"A choice card (deck `misconceptions`) shows its options shuffled; type every right "
		"number (e.g. `1 3`) to see whether it was right and why each option is right or wrong, "
		"then rate it the same way. An empty line takes the suggested rating (3 when right, 1 "
		"when wrong). New choice cards count toward the daily new-card limit. `--kind flashcard` "
		"or `--kind choice` shows one kind only.\n\n"
		"`--new N` sets how many new cards to show this time (default: config `new_per_day`, "
		"20, less those seen today); `--limit N` caps the cards this time. Config keys "
		"`retention` (0.9), `max_interval` (36500 days), `fuzz` (true), `learning_steps` "
		"(\"1m 10m\") and `relearning_steps` (\"10m\") tune the schedule. Set `OSPREP_NOW` "
		"(ISO 8601, e.g. `2025-03-01T09:00:00+09:00`) to run at another time.",
	},
	.complete = COMPLETE_DECK,
	.exec = review_exec,
};

/* rate ----------------------------------------------------------------------- */

static int
rate_exec(struct ctx *ctx, int argc, char **argv)
{
	const struct card *c;
	struct store *st;
	struct fsrs_params p;
	struct store_review r = { 0 };
	int64_t now;
	int have, g, npos;
	char span[32], when[40];

	if (cmd_parse(&cmd_rate_entry, argc, argv, NULL, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 2)
		return cmd_usage(ctx, &cmd_rate_entry);
	if ((c = cmd_card_arg(ctx, argv[1])) == NULL)
		return EXIT_USAGE;
	g = fsrs_rating_parse(argv[2]);
	if (g < 0) {
		cmd_error("rate: %s \"%s\" (again, hard, good, easy)",
		          L(ctx->lang, "알 수 없는 평가", "unknown rating"), argv[2]);
		return EXIT_USAGE;
	}
	if (review_now(&now) != 0)
		return EXIT_USAGE;
	if ((st = ctx_store(ctx)) == NULL)
		return EXIT_FAIL;
	review_params(ctx, &p);
	have = store_get_state(st, c->id, &r.before);
	if (have < 0) {
		cmd_error("%s", store_errmsg(st));
		return EXIT_FAIL;
	}
	if (!have)
		fsrs_card_new(&r.before, now);
	if (r.before.state != FSRS_NEW && now < r.before.last_review) {
		char last[40];

		clock_format_time(r.before.last_review, last, sizeof last);
		cmd_error("rate: \"%s\" %s %s", c->id,
		          L(ctx->lang, "의 마지막 복습이 지금보다 나중입니다:", "was last reviewed after now:"),
		          last);
		return EXIT_FAIL;
	}
	r.card_id = c->id;
	r.time = now;
	r.rating = g;
	r.kind = log_kind(c);
	if (fsrs_next(&p, &r.before, now, g, &r.after) != 0) {
		cmd_error("rate: %s \"%s\"", L(ctx->lang, "예약을 계산할 수 없습니다", "cannot schedule"),
		          c->id);
		return EXIT_FAIL;
	}
	if (store_record_review(st, &r) != 0) {
		cmd_error("%s: %s", L(ctx->lang, "저장하지 못했습니다", "not saved"), store_errmsg(st));
		return EXIT_FAIL;
	}
	clock_format_span(r.after.due - now, ctx->lang == LANG_KO, span, sizeof span);
	clock_format_time(r.after.due, when, sizeof when);
	fprintf(ctx->out, "%s: %s → %s, %s %s (%s)\n", c->id, rating_label(ctx->lang, g),
	        state_label(ctx->lang, r.after.state), L(ctx->lang, "다음 복습", "next in"), span, when);
	return EXIT_OK;
}

const struct cmd_entry cmd_rate_entry = {
	.name = "rate",
	.usage = "rate CARD again|hard|good|easy",
	.summary = { "카드 하나를 평가해 저장합니다 (스크립트용)",
	             "rate one card and save it (for scripts)" },
	.help = {
		"평가는 `again`/`hard`/`good`/`easy`, `1`-`4` 또는 `a`/`h`/`g`/`e`로 씁니다. "
		"시각은 `OSPREP_NOW`가 있으면 그것을 씁니다.",
		"The rating is `again`/`hard`/`good`/`easy`, `1`-`4` or `a`/`h`/`g`/`e`. "
		"The time is `OSPREP_NOW` when set.",
	},
	.complete = COMPLETE_CARD,
	.exec = rate_exec,
};

/* card ----------------------------------------------------------------------- */

struct hist_out {
	struct ctx *ctx;
	cJSON *arr;
	int n;
};

static int
card_hist_json(const struct store_review *r, void *arg)
{
	struct hist_out *h = arg;
	cJSON *o = cJSON_CreateObject();
	char iso[40];

	if (o == NULL)
		return 1;
	cJSON_AddNumberToObject(o, "id", (double)r->id);
	clock_format_iso(r->time, iso, sizeof iso);
	cJSON_AddStringToObject(o, "time", iso);
	cJSON_AddStringToObject(o, "rating", fsrs_rating_name(r->rating));
	cJSON_AddStringToObject(o, "kind", store_kind_name(r->kind));
	cJSON_AddNumberToObject(o, "seconds", r->seconds);
	cJSON_AddStringToObject(o, "state_before", fsrs_state_name(r->before.state));
	cJSON_AddStringToObject(o, "state_after", fsrs_state_name(r->after.state));
	cJSON_AddNumberToObject(o, "stability_before", r->before.stability);
	cJSON_AddNumberToObject(o, "stability_after", r->after.stability);
	cJSON_AddNumberToObject(o, "difficulty_before", r->before.difficulty);
	cJSON_AddNumberToObject(o, "difficulty_after", r->after.difficulty);
	cJSON_AddNumberToObject(o, "interval_days", r->after.scheduled_days);
	clock_format_iso(r->after.due, iso, sizeof iso);
	cJSON_AddStringToObject(o, "due", iso);
	cJSON_AddBoolToObject(o, "undone", r->undone);
	cJSON_AddItemToArray(h->arr, o);
	h->n++;
	return 0;
}

static int
card_hist_text(const struct store_review *r, void *arg)
{
	struct hist_out *h = arg;
	struct ctx *ctx = h->ctx;
	char when[40], span[32];

	clock_format_time(r->time, when, sizeof when);
	clock_format_span(r->after.due - r->time, ctx->lang == LANG_KO, span, sizeof span);
	fprintf(ctx->out, "  %s%s  ", r->undone ? render_style(ctx->color, "dim") : "", when);
	render_pad(ctx->out, rating_label(ctx->lang, r->rating), 7);
	render_pad(ctx->out, state_label(ctx->lang, r->before.state), 9);
	fputs("→ ", ctx->out);
	render_pad(ctx->out, state_label(ctx->lang, r->after.state), 9);
	fprintf(ctx->out, "%6s  S %-8.2f D %-5.2f %5.1fs", span, r->after.stability,
	        r->after.difficulty, r->seconds);
	if (r->kind != STORE_FLASHCARD)
		fprintf(ctx->out, "  %s", store_kind_name(r->kind));
	if (r->undone)
		fprintf(ctx->out, "  (%s)%s", L(ctx->lang, "되돌림", "undone"), render_style(ctx->color, "reset"));
	fputc('\n', ctx->out);
	h->n++;
	return 0;
}

static int
card_exec(struct ctx *ctx, int argc, char **argv)
{
	int json = 0, npos, have;
	const struct cmd_opt opts[] = { { "json", NULL, &json }, { NULL, NULL, NULL } };
	const struct card *c;
	const char *id;
	struct store *st;
	struct fsrs_params p;
	struct fsrs_card f;
	struct hist_out h = { ctx, NULL, 0 };
	int64_t now;
	double r;
	char when[40], rel[48];

	if (cmd_parse(&cmd_card_entry, argc, argv, opts, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 1)
		return cmd_usage(ctx, &cmd_card_entry);
	if (review_now(&now) != 0)
		return EXIT_USAGE;
	id = argv[1];
	c = content_find_card(ctx->content, id);
	if ((st = ctx_store(ctx)) == NULL)
		return EXIT_FAIL;
	have = store_get_state(st, id, &f);
	if (have < 0) {
		cmd_error("%s", store_errmsg(st));
		return EXIT_FAIL;
	}
	if (c == NULL && !have) {
		cmd_card_arg(ctx, id);    /* says "unknown card" with a suggestion */
		return EXIT_USAGE;
	}
	if (!have)
		fsrs_card_new(&f, now);
	review_params(ctx, &p);
	r = fsrs_retrievability(&p, &f, now);

	if (json) {
		cJSON *o = cJSON_CreateObject();
		char iso[40], *s;

		if (o == NULL)
			return EXIT_FAIL;
		cJSON_AddStringToObject(o, "id", id);
		if (c != NULL) {
			cJSON_AddStringToObject(o, "deck", c->deck->id);
			cJSON_AddStringToObject(o, "kind", card_kind_name(c->kind));
		}
		cJSON_AddBoolToObject(o, "in_content", c != NULL);
		cJSON_AddStringToObject(o, "state", fsrs_state_name(f.state));
		if (f.state != FSRS_NEW) {
			cJSON_AddNumberToObject(o, "stability", f.stability);
			cJSON_AddNumberToObject(o, "difficulty", f.difficulty);
			cJSON_AddNumberToObject(o, "retrievability", r);
			clock_format_iso(f.due, iso, sizeof iso);
			cJSON_AddStringToObject(o, "due", iso);
			clock_format_iso(f.last_review, iso, sizeof iso);
			cJSON_AddStringToObject(o, "last_review", iso);
			cJSON_AddNumberToObject(o, "interval_days", f.scheduled_days);
			cJSON_AddNumberToObject(o, "step", f.step);
		}
		cJSON_AddNumberToObject(o, "reps", f.reps);
		cJSON_AddNumberToObject(o, "lapses", f.lapses);
		h.arr = cJSON_AddArrayToObject(o, "history");
		if (h.arr == NULL || store_history(st, id, card_hist_json, &h) != 0) {
			if (h.arr != NULL)
				cmd_error("%s", store_errmsg(st));
			cJSON_Delete(o);
			return EXIT_FAIL;
		}
		s = cJSON_Print(o);
		cJSON_Delete(o);
		if (s == NULL)
			return EXIT_FAIL;
		fprintf(ctx->out, "%s\n", s);
		free(s);
		return EXIT_OK;
	}

	fprintf(ctx->out, "%s%s%s", render_style(ctx->color, "bold"), id, render_style(ctx->color, "reset"));
	if (c != NULL) {
		fprintf(ctx->out, "  %s%s · %s%s\n", render_style(ctx->color, "dim"), c->deck->id,
		        card_kind_label(c->kind, ctx->lang), render_style(ctx->color, "reset"));
		{
			/* the prompt wraps by display width, like everything else shown */
			struct render_opts o = { ctx->width, 2, ctx->color };
			fputs("  ", ctx->out);
			render_wrap_at(ctx->out, text_get(&c->title, ctx->lang), 2, &o);
		}
	} else {
		fprintf(ctx->out, "  %s(%s)%s\n", render_style(ctx->color, "yellow"),
		        L(ctx->lang, "지금 콘텐츠에 없는 카드입니다. 기록은 남아 있습니다",
		          "not in the current content; its progress is kept"),
		        render_style(ctx->color, "reset"));
	}
	fputc('\n', ctx->out);
	render_pad(ctx->out, L(ctx->lang, "상태", "state"), 13);
	fprintf(ctx->out, "%s\n", state_label(ctx->lang, f.state));
	if (f.state != FSRS_NEW) {
		clock_format_time(f.due, when, sizeof when);
		relative(ctx->lang, f.due, now, rel, sizeof rel);
		render_pad(ctx->out, L(ctx->lang, "안정성", "stability"), 13);
		fprintf(ctx->out, "%.2f%s\n", f.stability, L(ctx->lang, "일", " days"));
		render_pad(ctx->out, L(ctx->lang, "난이도", "difficulty"), 13);
		fprintf(ctx->out, "%.2f / 10\n", f.difficulty);
		render_pad(ctx->out, L(ctx->lang, "지금 기억률", "recall now"), 13);
		fprintf(ctx->out, "%.0f%%\n", r * 100);
		render_pad(ctx->out, L(ctx->lang, "다음 복습", "due"), 13);
		fprintf(ctx->out, "%s (%s)\n", when, rel);
	}
	render_pad(ctx->out, L(ctx->lang, "복습 횟수", "reviews"), 13);
	fprintf(ctx->out, "%d", f.reps);
	fprintf(ctx->out, " (%s %d)\n", L(ctx->lang, "잊음", "lapses"), f.lapses);
	fprintf(ctx->out, "\n%s\n", L(ctx->lang, "기록", "history"));
	if (store_history(st, id, card_hist_text, &h) != 0) {
		cmd_error("%s", store_errmsg(st));
		return EXIT_FAIL;
	}
	if (h.n == 0)
		fprintf(ctx->out, "  %s\n", L(ctx->lang, "(아직 없음)", "(none yet)"));
	return EXIT_OK;
}

const struct cmd_entry cmd_card_entry = {
	.name = "card",
	.usage = "card CARD [--json]",
	.summary = { "카드의 복습 상태와 기록을 봅니다",
	             "show a card's review state and history" },
	.help = {
		"상태, 안정성(기억률이 90%로 떨어지는 데 걸리는 일수), 난이도(1-10), 지금 기억할 확률, "
		"다음 복습 시각, 모든 평가 기록을 보여 줍니다. 콘텐츠에서 빠진 카드도 기록이 있으면 "
		"보여 줍니다.",
		"Shows the state, stability (days until recall falls to 90%), difficulty (1-10), "
		"the probability of recall now, the due time and every rating. A card that left the "
		"content is shown too if it has progress.",
	},
	.complete = COMPLETE_CARD,
	.paged = 1,
	.exec = card_exec,
};

/* due ------------------------------------------------------------------------ */

/* s right-aligned in cols display columns. */
static void
rpad(FILE *out, const char *s, int cols)
{
	int w = text_width(s);

	fprintf(out, "%*s%s", cols > w ? cols - w : 0, "", s);
}

static void
rpad_num(FILE *out, long v, int cols)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%ld", v);
	rpad(out, buf, cols);
}

/* A bar of v out of max in width columns, with eighth blocks. */
static void
bar(FILE *out, long v, long max, int width)
{
	static const char *const eighths[8] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	long units;
	int i;

	if (max <= 0 || v <= 0)
		return;
	units = (long)((double)v / (double)max * width * 8 + 0.5);
	if (units == 0)
		units = 1;
	for (i = 0; i < units / 8; i++)
		fputs("█", out);
	fputs(eighths[units % 8], out);
}

static int
due_exec(struct ctx *ctx, int argc, char **argv)
{
	const char *deck = NULL;
	const struct cmd_opt opts[] = { { "deck", &deck, NULL }, { NULL, NULL, NULL } };
	const struct deck *only = NULL;
	struct store *st;
	struct store_states states;
	FILE *out = ctx->out;
	int64_t now, bounds[FORECAST_DAYS + 1];
	long forecast[FORECAST_DAYS] = { 0 }, max = 0, new_left;
	long tot_due = 0, tot_learn = 0, tot_new = 0, other_due = 0;
	size_t i, j;
	int npos, d, idw = 6;

	if (cmd_parse(&cmd_due_entry, argc, argv, opts, &npos) != 0)
		return EXIT_USAGE;
	if (npos > 0)
		return cmd_usage(ctx, &cmd_due_entry);
	if (deck != NULL && (only = cmd_deck_arg(ctx, deck)) == NULL)
		return EXIT_USAGE;
	if (review_now(&now) != 0)
		return EXIT_USAGE;
	if ((st = ctx_store(ctx)) == NULL)
		return EXIT_FAIL;
	if (new_left_today(ctx, st, now, &new_left) != 0)
		return EXIT_FAIL;
	if (store_load_states(st, &states) != 0) {
		cmd_error("%s", store_errmsg(st));
		return EXIT_FAIL;
	}
	bounds[0] = clock_day_start(now);
	for (d = 1; d <= FORECAST_DAYS; d++)     /* local midnights, whatever DST does */
		bounds[d] = clock_day_start(bounds[d - 1] + 36 * 3600);

	for (i = 0; ctx->content != NULL && i < ctx->content->ndecks; i++) {
		int w = text_width(ctx->content->decks[i]->id);
		if (w > idw)
			idw = w;
	}
	fprintf(out, "%s", render_style(ctx->color, "bold"));
	render_pad(out, L(ctx->lang, "덱", "deck"), idw);
	rpad(out, L(ctx->lang, "복습", "due"), 10);
	rpad(out, L(ctx->lang, "학습 중", "learning"), 10);
	rpad(out, L(ctx->lang, "새 카드", "new"), 10);
	fprintf(out, "%s\n", render_style(ctx->color, "reset"));
	for (i = 0; ctx->content != NULL && i < ctx->content->ndecks; i++) {
		const struct deck *k = ctx->content->decks[i];
		long ndue = 0, nlearn = 0, nnew = 0;

		if (only != NULL && k != only)
			continue;
		for (j = 0; j < k->ncards; j++) {
			const struct card *c = &k->cards[j];
			const struct fsrs_card *f = store_states_find(&states, c->id);

			if (!reviewed_kind(c->kind, KINDS_REVIEW)) {
				if (f != NULL && f->state != FSRS_NEW && f->due <= now)
					other_due++;
				continue;
			}
			if (f == NULL || f->state == FSRS_NEW) {
				nnew++;
				continue;
			}
			if (f->due <= now) {
				if (f->state == FSRS_REVIEW)
					ndue++;
				else
					nlearn++;
			}
			for (d = 0; d < FORECAST_DAYS; d++)
				if (f->due < bounds[d + 1]) {
					forecast[d]++;
					break;
				}
		}
		for (j = 0; j < k->ncards && !reviewed_kind(k->cards[j].kind, KINDS_REVIEW); j++)
			;
		if (j == k->ncards && only == NULL)
			continue;          /* nothing in this deck that review shows */
		render_pad(out, k->id, idw);
		rpad_num(out, ndue, 10);
		rpad_num(out, nlearn, 10);
		rpad_num(out, nnew, 10);
		fputc('\n', out);
		tot_due += ndue;
		tot_learn += nlearn;
		tot_new += nnew;
	}
	store_states_free(&states);
	render_pad(out, L(ctx->lang, "합계", "total"), idw);
	rpad_num(out, tot_due, 10);
	rpad_num(out, tot_learn, 10);
	rpad_num(out, tot_new, 10);
	fputc('\n', out);
	fprintf(out, "%s%s %ld%s\n", render_style(ctx->color, "dim"),
	        L(ctx->lang, "오늘 더 볼 수 있는 새 카드:", "new cards left today:"),
	        new_left < tot_new ? new_left : tot_new, render_style(ctx->color, "reset"));
	if (other_due > 0)
		fprintf(out, "%s %ld\n", L(ctx->lang, "practice로 풀 때가 된 질문·예측 카드:",
		                         "due in practice (questions, predictions):"),
		        other_due);

	for (d = 0; d < FORECAST_DAYS; d++)
		if (forecast[d] > max)
			max = forecast[d];
	fprintf(out, "\n%s%s%s\n", render_style(ctx->color, "bold"),
	        L(ctx->lang, "14일 예보 (복습할 카드 수)", "14-day forecast (cards due)"),
	        render_style(ctx->color, "reset"));
	for (d = 0; d < FORECAST_DAYS; d++) {
		char date[16], label[32];
		time_t t = (time_t)bounds[d];
		struct tm tm;

		if (localtime_r(&t, &tm) == NULL || strftime(date, sizeof date, "%m-%d %a", &tm) == 0)
			snprintf(date, sizeof date, "+%d", d);
		if (d == 0)
			snprintf(label, sizeof label, "%s", L(ctx->lang, "오늘", "today"));
		else if (d == 1)
			snprintf(label, sizeof label, "%s", L(ctx->lang, "내일", "tomorrow"));
		else
			snprintf(label, sizeof label, "%s", date);
		render_pad(out, label, 10);
		fprintf(out, " %5ld ", forecast[d]);
		fputs(render_style(ctx->color, "cyan"), out);
		bar(out, forecast[d], max, ctx->width - 18 > 60 ? 60 : ctx->width - 18);
		fprintf(out, "%s\n", render_style(ctx->color, "reset"));
	}
	return EXIT_OK;
}

const struct cmd_entry cmd_due_entry = {
	.name = "due",
	.usage = "due [--deck D]",
	.summary = { "덱별로 지금 복습할 카드 수와 14일 예보를 봅니다",
	             "cards due now per deck, and a 14-day forecast" },
	.help = {
		"`review`가 보여 주는 플래시카드와 객관식 카드를 셉니다. `복습`은 기한이 된 복습 카드, "
		"`학습 중`은 학습 단계(1분, 10분)에 있는 카드, `새 카드`는 아직 본 적 없는 카드입니다. "
		"예보의 오늘 칸에는 밀린 카드도 들어갑니다. 면접 질문과 예측 카드는 `practice`로 풀 때가 "
		"된 수만 따로 한 줄로 나옵니다.",
		"Counts the flashcards and choice cards `review` shows: `due` counts review cards past "
		"their due time, `learning` cards on a learning step (1m, 10m), `new` cards never seen. "
		"Today's forecast includes overdue cards. Question and prediction cards due in `practice` "
		"get one line of their own.",
	},
	.complete = COMPLETE_DECK,
	.paged = 1,
	.exec = due_exec,
};

/* stats ---------------------------------------------------------------------- */

struct hard {
	const struct card *card;
	const struct fsrs_card *f;
};

static int
cmp_hard(const void *a, const void *b)
{
	const struct hard *x = a, *y = b;

	if (x->f->difficulty != y->f->difficulty)
		return x->f->difficulty > y->f->difficulty ? -1 : 1;
	if (x->f->lapses != y->f->lapses)
		return x->f->lapses > y->f->lapses ? -1 : 1;
	return strcmp(x->card->id, y->card->id);
}

/* A column chart of counts, eight rows high, with eighth blocks. */
static void
column_chart(FILE *out, const long *v, int n, int color)
{
	static const char *const level[9] = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	long max = 0;
	int row, i, rows = 6;

	for (i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	if (max == 0)
		max = 1;
	for (row = rows - 1; row >= 0; row--) {
		if (row == rows - 1)
			fprintf(out, "%5ld ┤", max);
		else if (row == 0)
			fprintf(out, "%5d ┤", 0);
		else
			fprintf(out, "      │");
		fputs(render_style(color, "cyan"), out);
		for (i = 0; i < n; i++) {
			long units = (long)((double)v[i] / (double)max * rows * 8 + 0.5) - row * 8;

			if (v[i] > 0 && row == 0 && units < 1)
				units = 1;
			fputs(level[units < 0 ? 0 : units > 8 ? 8 : units], out);
		}
		fprintf(out, "%s\n", render_style(color, "reset"));
	}
}

static int
stats_exec(struct ctx *ctx, int argc, char **argv)
{
	int json = 0, npos, d;
	const struct cmd_opt opts[] = { { "json", NULL, &json }, { NULL, NULL, NULL } };
	struct store *st;
	struct store_states states;
	struct store_retention ret;
	int64_t now, bounds[STATS_DAYS + 1];
	long per_day[STATS_DAYS], total, by_state[FSRS_STATE_N] = { 0 };
	struct hard *hard = NULL, *nh;
	size_t nhard = 0, caphard = 0, i, j, nshow;
	FILE *out = ctx->out;
	char first[16], last[16];

	if (cmd_parse(&cmd_stats_entry, argc, argv, opts, &npos) != 0)
		return EXIT_USAGE;
	if (npos > 0)
		return cmd_usage(ctx, &cmd_stats_entry);
	if (review_now(&now) != 0)
		return EXIT_USAGE;
	if ((st = ctx_store(ctx)) == NULL)
		return EXIT_FAIL;
	/* the last 30 local days, today included */
	bounds[STATS_DAYS] = clock_day_start(clock_day_start(now) + 36 * 3600);
	for (d = STATS_DAYS - 1; d >= 0; d--)
		bounds[d] = clock_day_start(bounds[d + 1] - 12 * 3600);
	total = store_reviews_between(st, bounds, STATS_DAYS, per_day);
	if (total < 0 || store_retention(st, bounds[0], &ret) != 0 ||
	    store_load_states(st, &states) != 0) {
		cmd_error("%s", store_errmsg(st));
		return EXIT_FAIL;
	}
	for (i = 0; ctx->content != NULL && i < ctx->content->ndecks; i++)
		for (j = 0; j < ctx->content->decks[i]->ncards; j++) {
			const struct card *c = &ctx->content->decks[i]->cards[j];
			const struct fsrs_card *f = store_states_find(&states, c->id);

			if (f == NULL || f->state == FSRS_NEW) {
				if (reviewed_kind(c->kind, KINDS_REVIEW))    /* new: waiting in review */
					by_state[FSRS_NEW]++;
				continue;
			}
			by_state[f->state]++;
			nh = grow(hard, &caphard, nhard + 1, sizeof *hard);
			if (nh == NULL) {
				store_states_free(&states);
				free(hard);
				cmd_error("out of memory");
				return EXIT_FAIL;
			}
			hard = nh;
			hard[nhard].card = c;
			hard[nhard].f = f;
			nhard++;
		}
	if (nhard > 1)
		qsort(hard, nhard, sizeof *hard, cmp_hard);
	nshow = nhard < 10 ? nhard : 10;

	if (json) {
		cJSON *o = cJSON_CreateObject(), *a, *x;
		char date[16], *s;

		if (o == NULL)
			goto fail;
		a = cJSON_AddArrayToObject(o, "reviews_per_day");
		for (d = 0; a != NULL && d < STATS_DAYS; d++) {
			x = cJSON_CreateObject();
			clock_format_date(bounds[d], date, sizeof date);
			cJSON_AddStringToObject(x, "date", date);
			cJSON_AddNumberToObject(x, "reviews", per_day[d]);
			cJSON_AddItemToArray(a, x);
		}
		x = cJSON_AddObjectToObject(o, "retention");
		cJSON_AddNumberToObject(x, "reviews_30d", ret.recent_total);
		cJSON_AddNumberToObject(x, "passed_30d", ret.recent_passed);
		if (ret.recent_total > 0)
			cJSON_AddNumberToObject(x, "true_retention_30d", (double)ret.recent_passed / ret.recent_total);
		cJSON_AddNumberToObject(x, "reviews", ret.total);
		cJSON_AddNumberToObject(x, "passed", ret.passed);
		if (ret.total > 0)
			cJSON_AddNumberToObject(x, "true_retention", (double)ret.passed / ret.total);
		x = cJSON_AddObjectToObject(o, "states");
		for (d = 0; d < FSRS_STATE_N; d++)
			cJSON_AddNumberToObject(x, fsrs_state_name((enum fsrs_state)d), by_state[d]);
		a = cJSON_AddArrayToObject(o, "hardest");
		for (i = 0; a != NULL && i < nshow; i++) {
			x = cJSON_CreateObject();
			cJSON_AddStringToObject(x, "id", hard[i].card->id);
			cJSON_AddNumberToObject(x, "difficulty", hard[i].f->difficulty);
			cJSON_AddNumberToObject(x, "stability", hard[i].f->stability);
			cJSON_AddNumberToObject(x, "lapses", hard[i].f->lapses);
			cJSON_AddItemToArray(a, x);
		}
		s = cJSON_Print(o);
		cJSON_Delete(o);
		if (s == NULL)
			goto fail;
		fprintf(out, "%s\n", s);
		free(s);
		goto done;
	}

	fprintf(out, "%s%s%s  ", render_style(ctx->color, "bold"),
	        L(ctx->lang, "최근 30일 복습", "reviews, last 30 days"), render_style(ctx->color, "reset"));
	fprintf(out, L(ctx->lang, "합계 %ld, 하루 평균 %.1f\n", "total %ld, %.1f a day\n"), total,
	        total / (double)STATS_DAYS);
	column_chart(out, per_day, STATS_DAYS, ctx->color);
	clock_format_date(bounds[0], first, sizeof first);
	clock_format_date(bounds[STATS_DAYS - 1], last, sizeof last);
	fprintf(out, "       %-*s%s\n", STATS_DAYS - 10 > 0 ? STATS_DAYS - 10 : 0, first + 5, last + 5);

	fprintf(out, "\n%s%s%s\n", render_style(ctx->color, "bold"),
	        L(ctx->lang, "실제 기억률 (복습 카드 중 \"다시\"가 아닌 비율)",
	          "true retention (review cards not rated \"again\")"), render_style(ctx->color, "reset"));
	if (ret.recent_total > 0)
		fprintf(out, "  %s %.1f%% (%ld/%ld)\n", L(ctx->lang, "최근 30일", "last 30 days"),
		        100.0 * ret.recent_passed / ret.recent_total, ret.recent_passed, ret.recent_total);
	else
		fprintf(out, "  %s -\n", L(ctx->lang, "최근 30일", "last 30 days"));
	if (ret.total > 0)
		fprintf(out, "  %s %.1f%% (%ld/%ld)\n", L(ctx->lang, "전체", "all time"),
		        100.0 * ret.passed / ret.total, ret.passed, ret.total);
	else
		fprintf(out, "  %s -\n", L(ctx->lang, "전체", "all time"));

	fprintf(out, "\n%s%s%s\n  ", render_style(ctx->color, "bold"), L(ctx->lang, "상태별 카드", "cards by state"),
	        render_style(ctx->color, "reset"));
	for (d = 0; d < FSRS_STATE_N; d++)
		fprintf(out, "%s%s %ld", d > 0 ? " · " : "", state_label(ctx->lang, (enum fsrs_state)d),
		        by_state[d]);
	fputc('\n', out);

	fprintf(out, "\n%s%s%s\n", render_style(ctx->color, "bold"),
	        L(ctx->lang, "가장 어려운 카드 10", "ten hardest cards"), render_style(ctx->color, "reset"));
	if (nshow == 0)
		fprintf(out, "  %s\n", L(ctx->lang, "(아직 복습한 카드가 없습니다)", "(no cards reviewed yet)"));
	for (i = 0; i < nshow; i++) {
		int idw = 0;
		char *safe = text_safe(text_get(&hard[i].card->title, ctx->lang), 0);

		fprintf(out, "  D %5.2f  %s %2d  ", hard[i].f->difficulty, L(ctx->lang, "잊음", "lapses"),
		        hard[i].f->lapses);
		render_pad(out, hard[i].card->id, 28);
		idw = ctx->width - 52;
		if (safe != NULL && idw > 10) {
			char *p;
			int w = 0;

			for (p = safe; *p; p++)
				if (*p == '\n')
					*p = ' ';
			fputc(' ', out);
			for (p = safe; *p;) {
				int32_t cp;
				int len = text_decode(p, strlen(p), &cp);
				int cw = len < 0 ? 1 : text_cp_width(cp);

				if (len < 0)
					len = 1;
				if (w + cw > idw - 1) {
					fputs("…", out);
					break;
				}
				fwrite(p, 1, (size_t)len, out);
				w += cw;
				p += len;
			}
		}
		free(safe);
		fputc('\n', out);
	}
done:
	store_states_free(&states);
	free(hard);
	return EXIT_OK;
fail:
	store_states_free(&states);
	free(hard);
	return EXIT_FAIL;
}

const struct cmd_entry cmd_stats_entry = {
	.name = "stats",
	.usage = "stats [--json]",
	.summary = { "복습 통계: 30일 복습 수, 실제 기억률, 상태별 카드, 어려운 카드",
	             "review statistics: 30 days of reviews, true retention, states, hardest cards" },
	.help = {
		"실제 기억률은 복습 단계 카드의 평가 중 `다시`가 아닌 비율로, 목표 기억률(기본 90%)과 "
		"비교해 볼 수 있습니다.",
		"True retention is the share of ratings of review-state cards that were not `again`; "
		"compare it with the desired retention (90% by default).",
	},
	.paged = 1,
	.exec = stats_exec,
};

/* export --------------------------------------------------------------------- */

/* Text as HTML, verbatim: for code blocks. */
static void
html_escape(FILE *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\t': fputs("&#9;", out); break;
		default:
			if ((unsigned char)s[i] >= 0x20)
				fputc(s[i], out);
		}
}

/* Inline Markdown (**bold**, `code`) to HTML, escaping the rest. */
static void
html_inline(FILE *out, const char *s, size_t n)
{
	int bold = 0, code = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		char ch = s[i];

		if (!code && ch == '*' && i + 1 < n && s[i + 1] == '*') {
			fputs(bold ? "</b>" : "<b>", out);
			bold = !bold;
			i++;
			continue;
		}
		if (ch == '`') {
			fputs(code ? "</code>" : "<code>", out);
			code = !code;
			continue;
		}
		switch (ch) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\t': fputc(' ', out); break;
		case '\r': break;
		default:
			if ((unsigned char)ch < 0x20)
				break;
			fputc(ch, out);
		}
	}
	if (code)
		fputs("</code>", out);
	if (bold)
		fputs("</b>", out);
}

static int
is_table_sep(const char *l, size_t n)
{
	size_t i;
	int dash = 0;

	for (i = 0; i < n; i++) {
		if (l[i] == '-')
			dash = 1;
		else if (l[i] != '|' && l[i] != ':' && l[i] != ' ')
			return 0;
	}
	return dash && n > 0 && l[0] == '|';
}

/* A table row: cells between pipes. */
static void
html_row(FILE *out, const char *l, size_t n, const char *cell)
{
	size_t i = 0, start;

	fputs("<tr>", out);
	if (n > 0 && l[0] == '|')
		i = 1;
	while (i < n) {
		start = i;
		while (i < n && l[i] != '|')
			i++;
		{
			size_t a = start, b = i;

			while (a < b && l[a] == ' ')
				a++;
			while (b > a && l[b - 1] == ' ')
				b--;
			if (i < n || b > a) {
				fprintf(out, "<%s>", cell);
				html_inline(out, l + a, b - a);
				fprintf(out, "</%s>", cell);
			}
		}
		i++;
	}
	fputs("</tr>", out);
}

/*
 * The Markdown subset to HTML on one line (Anki fields hold no newlines):
 * paragraphs, - and 1. lists, fenced code, pipe tables, bold and code.
 */
static void
html_markdown(FILE *out, const char *md)
{
	const char *p = md;
	enum { NONE, PARA, UL, OL, PRE, TABLE } in = NONE;
	int first_para_line = 1, table_row = 0;

	while (*p != '\0') {
		const char *e = strchr(p, '\n');
		size_t n = e != NULL ? (size_t)(e - p) : strlen(p);
		const char *l = p;
		size_t k = 0;

		p = e != NULL ? e + 1 : p + n;
		if (in == PRE) {
			if (n >= 3 && strncmp(l, "```", 3) == 0) {
				fputs("</pre>", out);
				in = NONE;
			} else {
				html_escape(out, l, n);
				fputs("<br>", out);
			}
			continue;
		}
		while (k < n && l[k] == ' ')
			k++;
		if (n - k >= 3 && strncmp(l + k, "```", 3) == 0) {
			if (in == PARA) fputs("</p>", out);
			if (in == UL) fputs("</ul>", out);
			if (in == OL) fputs("</ol>", out);
			if (in == TABLE) fputs("</table>", out);
			fputs("<pre>", out);
			in = PRE;
			continue;
		}
		if (k == n) {             /* blank line ends a block */
			if (in == PARA) fputs("</p>", out);
			if (in == UL) fputs("</ul>", out);
			if (in == OL) fputs("</ol>", out);
			if (in == TABLE) fputs("</table>", out);
			in = NONE;
			continue;
		}
		if (l[k] == '|') {
			if (in != TABLE) {
				if (in == PARA) fputs("</p>", out);
				if (in == UL) fputs("</ul>", out);
				if (in == OL) fputs("</ol>", out);
				fputs("<table>", out);
				in = TABLE;
				table_row = 0;
			}
			if (is_table_sep(l + k, n - k))
				continue;
			html_row(out, l + k, n - k, table_row++ == 0 ? "th" : "td");
			continue;
		}
		if (n - k >= 2 && l[k] == '-' && l[k + 1] == ' ') {
			if (in != UL) {
				if (in == PARA) fputs("</p>", out);
				if (in == OL) fputs("</ol>", out);
				if (in == TABLE) fputs("</table>", out);
				fputs("<ul>", out);
				in = UL;
			}
			fputs("<li>", out);
			html_inline(out, l + k + 2, n - k - 2);
			fputs("</li>", out);
			continue;
		}
		{
			size_t dgt = k;

			while (dgt < n && l[dgt] >= '0' && l[dgt] <= '9')
				dgt++;
			if (dgt > k && dgt + 1 < n && l[dgt] == '.' && l[dgt + 1] == ' ') {
				if (in != OL) {
					if (in == PARA) fputs("</p>", out);
					if (in == UL) fputs("</ul>", out);
					if (in == TABLE) fputs("</table>", out);
					fputs("<ol>", out);
					in = OL;
				}
				fputs("<li>", out);
				html_inline(out, l + dgt + 2, n - dgt - 2);
				fputs("</li>", out);
				continue;
			}
		}
		if (in != PARA) {
			if (in == UL) fputs("</ul>", out);
			if (in == OL) fputs("</ol>", out);
			if (in == TABLE) fputs("</table>", out);
			fputs("<p>", out);
			in = PARA;
			first_para_line = 1;
		}
		if (!first_para_line)
			fputs("<br>", out);
		html_inline(out, l + k, n - k);
		first_para_line = 0;
	}
	if (in == PARA) fputs("</p>", out);
	if (in == UL) fputs("</ul>", out);
	if (in == OL) fputs("</ol>", out);
	if (in == TABLE) fputs("</table>", out);
	if (in == PRE) fputs("</pre>", out);
}

static void
anki_tags(FILE *out, const struct card *c)
{
	size_t i;

	fprintf(out, "osprep %s", c->deck->id);
	for (i = 0; i < c->tags.n; i++)
		fprintf(out, " %s", c->tags.v[i]);
}

/* Flashcards (front/back) and interview questions (prompt/model answer). */
static long
export_anki(struct ctx *ctx, FILE *out, const struct deck *only)
{
	size_t i, j;
	long n = 0;

	fputs("#separator:tab\n#html:true\n#notetype:Basic\n", out);
	fputs("#guid column:1\n#deck column:4\n#tags column:5\n", out);
	fputs("#columns:guid\tFront\tBack\tdeck\ttags\n", out);
	for (i = 0; ctx->content != NULL && i < ctx->content->ndecks; i++) {
		const struct deck *k = ctx->content->decks[i];

		if (only != NULL && k != only)
			continue;
		for (j = 0; j < k->ncards; j++) {
			const struct card *c = &k->cards[j];

			if (c->kind != KIND_FLASHCARD && c->kind != KIND_QUESTION)
				continue;
			fprintf(out, "osprep-%s-%s\t", lang_name(ctx->lang), c->id);
			html_markdown(out, text_get(&c->title, ctx->lang));
			fputc('\t', out);
			html_markdown(out, text_get(&c->body, ctx->lang));
			fprintf(out, "\tosprep::%s\t", k->id);
			anki_tags(out, c);
			fputc('\n', out);
			n++;
		}
	}
	return n;
}

static void
md_text(FILE *out, const char *s)
{
	fputs(s != NULL ? s : "", out);
	fputs("\n\n", out);
}

/* A Markdown study sheet: every card of the deck(s), by kind. */
static long
export_md(struct ctx *ctx, FILE *out, const struct deck *only)
{
	enum lang l = ctx->lang;
	size_t i, j, o;
	long n = 0;

	for (i = 0; ctx->content != NULL && i < ctx->content->ndecks; i++) {
		const struct deck *k = ctx->content->decks[i];

		if (only != NULL && k != only)
			continue;
		fprintf(out, "# %s\n\n", text_get(&k->title, l));
		if (k->about.s[0] != NULL)
			md_text(out, text_get(&k->about, l));
		for (j = 0; j < k->ncards; j++) {
			const struct card *c = &k->cards[j];

			n++;
			switch (c->kind) {
			case KIND_CONCEPT:
				fprintf(out, "## %s\n\n", text_get(&c->title, l));
				md_text(out, text_get(&c->body, l));
				break;
			case KIND_FLASHCARD:
				fprintf(out, "### Q. %s\n\n", text_get(&c->title, l));
				md_text(out, text_get(&c->body, l));
				break;
			case KIND_QUESTION:
				fprintf(out, "### %s %s\n\n", L(l, "면접 질문:", "Interview question:"),
				        text_get(&c->title, l));
				md_text(out, text_get(&c->body, l));
				if (c->npoints > 0) {
					fprintf(out, "%s\n\n", L(l, "**핵심 포인트**", "**Key points**"));
					for (o = 0; o < c->npoints; o++)
						fprintf(out, "- %s\n", text_get(&c->points[o].label, l));
					fputc('\n', out);
				}
				break;
			case KIND_CHOICE:
			case KIND_PREDICTION:
				fprintf(out, "### %s %s\n\n",
				        c->kind == KIND_CHOICE ? L(l, "문제:", "Quiz:") : L(l, "예측:", "Predict:"),
				        text_get(&c->title, l));
				for (o = 0; o < c->noptions; o++) {
					const struct option *op = &c->options[o];

					fprintf(out, "- %s%s", c->kind == KIND_CHOICE ? (op->correct ? "[x] " : "[ ] ") : "",
					        text_get(&op->text, l));
					if (op->why.s[0] != NULL)
						fprintf(out, " — %s", text_get(&op->why, l));
					fputc('\n', out);
				}
				fputc('\n', out);
				if (c->body.s[0] != NULL)
					md_text(out, text_get(&c->body, l));
				if (c->demo != NULL)
					fprintf(out, "%s `osprep demo %s`\n\n", L(l, "데모:", "Demo:"), c->demo);
				break;
			default:
				break;
			}
		}
	}
	return n;
}

static int
export_exec(struct ctx *ctx, int argc, char **argv)
{
	const char *deck = NULL, *fmt, *file;
	const struct cmd_opt opts[] = { { "deck", &deck, NULL }, { NULL, NULL, NULL } };
	const struct deck *only = NULL;
	char *tmp = NULL;
	FILE *out;
	long n;
	int npos, to_stdout, anki;

	if (cmd_parse(&cmd_export_entry, argc, argv, opts, &npos) != 0)
		return EXIT_USAGE;
	if (npos != 2)
		return cmd_usage(ctx, &cmd_export_entry);
	fmt = argv[1];
	file = argv[2];
	if (strcmp(fmt, "anki") != 0 && strcmp(fmt, "md") != 0) {
		cmd_error("export: %s \"%s\" (anki, md)", L(ctx->lang, "모르는 형식", "unknown format"), fmt);
		return EXIT_USAGE;
	}
	anki = fmt[0] == 'a';
	if (deck != NULL && (only = cmd_deck_arg(ctx, deck)) == NULL)
		return EXIT_USAGE;
	to_stdout = strcmp(file, "-") == 0;
	if (to_stdout) {
		out = ctx->out;
	} else {
		size_t len = strlen(file) + 16;

		/* write beside the target and rename, so a failure leaves no half file */
		tmp = malloc(len);
		if (tmp == NULL)
			return EXIT_FAIL;
		snprintf(tmp, len, "%s.tmp%ld", file, (long)getpid());
		out = fopen(tmp, "w");
		if (out == NULL) {
			cmd_error("export: %s \"%s\": %s", L(ctx->lang, "쓸 수 없습니다", "cannot write"), file,
			          strerror(errno));
			free(tmp);
			return EXIT_FAIL;
		}
	}
	n = anki ? export_anki(ctx, out, only) : export_md(ctx, out, only);
	if (!to_stdout) {
		int bad = ferror(out);

		if (fclose(out) != 0 || bad || rename(tmp, file) != 0) {
			cmd_error("export: %s \"%s\": %s", L(ctx->lang, "쓸 수 없습니다", "cannot write"), file,
			          strerror(errno));
			unlink(tmp);
			free(tmp);
			return EXIT_FAIL;
		}
		free(tmp);
		if (ctx->lang == LANG_EN)
			printf("wrote %ld %s to %s\n", n, anki ? "notes" : "cards", file);
		else
			printf("%s에 %s %ld개를 썼습니다\n", file, anki ? "노트" : "카드", n);
	}
	return EXIT_OK;
}

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.usage = "export anki|md FILE [--deck D]",
	.summary = { "Anki 가져오기 파일이나 Markdown 학습지를 씁니다",
	             "write an Anki import file or a Markdown study sheet" },
	.help = {
		"`export anki FILE`: 플래시카드와 면접 질문을 Anki의 텍스트 가져오기(파일 > 가져오기)가 "
		"그대로 받는 탭 구분 파일로 씁니다 (기본 노트 유형, 덱 `osprep::덱`, 태그 포함, HTML). "
		"노트 GUID가 카드 id라서 다시 가져오면 새로 만들지 않고 갱신합니다.\n\n"
		"`export md FILE`: 덱의 모든 카드를 Markdown 학습지로 씁니다. FILE이 `-`이면 표준 "
		"출력으로 씁니다. 지금 언어(`lang`)로 씁니다.",
		"`export anki FILE`: writes the flashcards and interview questions as a tab-separated "
		"file that Anki's text import (File > Import) takes as it is: Basic note type, deck "
		"`osprep::DECK`, tags, HTML. Note GUIDs come from card ids, so importing again updates "
		"notes instead of duplicating them.\n\n"
		"`export md FILE`: writes every card of the deck as a Markdown study sheet. FILE `-` "
		"is standard output. The current language (`lang`) is used.",
	},
	.complete = COMPLETE_FILE,
	.exec = export_exec,
};
