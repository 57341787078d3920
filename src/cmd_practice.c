/*
 * cmd_practice.c: practice, interview and history.
 *
 * practice asks one card. A question is answered in free text and graded
 * by its key points (grade.c); a choice card by the options picked; a
 * prediction card by running its demo and testing each option against what
 * the demo measured. interview strings questions and follow-ups into a
 * timed mock interview and keeps the transcript; history shows past ones.
 *
 * A finished answer is never lost: in an interview each one is stored
 * before the next question, and in practice an answer ended by the end of
 * input still updates the schedule with the suggested rating.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "choice.h"
#include "cmd.h"
#include "demo/demo.h"
#include "grade.h"
#include "render.h"
#include "rng.h"
#include "clock.h"
#include "fsrs.h"
#include "store.h"
#include "text.h"

extern const struct cmd_entry cmd_practice_entry, cmd_interview_entry, cmd_history_entry;

/* For other commands (review) that want to study one card the same way. */
int practice_card(struct ctx *ctx, const struct card *c, uint64_t seed);

#define ANSWER_MAX (1024 * 1024)     /* bytes of one answer that are kept */
#define BUDGET_DEFAULT 180           /* seconds, when the card sets none */
#define DEMO_TIMEOUT 60.0            /* seconds a prediction's demo may take by default */

/* Small helpers ------------------------------------------------------------ */

static double
now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "2:05"; negative values are shown as their size. */
static const char *
clock_str(char *buf, size_t len, double s)
{
	long t = lround(fabs(s));

	snprintf(buf, len, "%ld:%02ld", t / 60, t % 60);
	return buf;
}

static void
heading(struct ctx *ctx, const char *ko, const char *en)
{
	fprintf(stdout, "\n%s%s%s\n", render_style(ctx->color, "yellow"), L(ctx->lang, ko, en),
	        render_style(ctx->color, "reset"));
}

static void
dim(struct ctx *ctx, const char *ko, const char *en)
{
	fprintf(stdout, "%s%s%s\n", render_style(ctx->color, "dim"), L(ctx->lang, ko, en),
	        render_style(ctx->color, "reset"));
}

/* Seconds an answer counted as taking: measured, or OSPREP_ANSWER_SECONDS (tests). */
static double
answer_seconds(double measured)
{
	const char *e = getenv("OSPREP_ANSWER_SECONDS");
	char *end;
	double v;

	if (e == NULL || *e == '\0')
		return measured;
	v = strtod(e, &end);
	return *end == '\0' && v >= 0 && v < 1e6 ? v : measured;
}

static int
card_budget(const struct card *c)
{
	return c->budget > 0 ? c->budget : BUDGET_DEFAULT;
}

/* Reading an answer -------------------------------------------------------- */

enum answer_end {
	ANSWER_DONE,         /* an empty line or a lone "." */
	ANSWER_EOF,          /* end of input (the text so far is the answer) */
	ANSWER_ABANDONED,    /* Ctrl-C */
	ANSWER_NOMEM,
};

struct answer {
	char *text;          /* the lines typed, joined with newlines */
	size_t len;
	double seconds;
	int truncated;       /* longer than ANSWER_MAX: the rest was dropped */
	enum answer_end end;
};

struct countdown {
	int budget;          /* seconds; 0: no countdown */
	double t0;           /* now_mono() when the answer began */
};

/* The answer prompt: the time left, or how far past the budget it has run. */
static void
countdown_prompt(char *prompt, size_t size, void *arg)
{
	const struct countdown *cd = arg;
	char tb[32];

	if (cd->budget > 0) {
		double left = cd->budget - (now_mono() - cd->t0);
		snprintf(prompt, size, "[%s%s] > ", left < 0 ? "+" : "",
		         clock_str(tb, sizeof tb, left));
	} else {
		snprintf(prompt, size, "> ");
	}
}

/*
 * Read a multi-line answer. When budget > 0 the prompt counts down, second
 * by second on a terminal, and then counts the overrun.
 */
static void
answer_read(struct ctx *ctx, int budget, struct answer *a)
{
	size_t cap = 0;
	struct countdown cd = { budget, now_mono() };
	double t0 = cd.t0;

	memset(a, 0, sizeof *a);
	for (;;) {
		int intr = 0;
		char *line;
		size_t n;

		line = ctx_read_line_ticking(ctx, countdown_prompt, &cd, &intr);
		if (line == NULL) {
			a->end = intr ? ANSWER_ABANDONED : ANSWER_EOF;
			break;
		}
		n = strlen(line);
		if (strspn(line, " \t\r") == n || strcmp(text_trim(line), ".") == 0) {
			free(line);
			a->end = ANSWER_DONE;
			break;
		}
		if (a->len + n + 2 > ANSWER_MAX) {
			a->truncated = 1;
			free(line);
			continue;
		}
		if (a->len + n + 2 > cap) {
			size_t ncap = cap == 0 ? 4096 : cap;
			char *nt;
			while (ncap < a->len + n + 2)
				ncap *= 2;
			nt = realloc(a->text, ncap);
			if (nt == NULL) {
				free(line);
				a->end = ANSWER_NOMEM;
				break;
			}
			a->text = nt;
			cap = ncap;
		}
		memcpy(a->text + a->len, line, n);
		a->len += n;
		a->text[a->len++] = '\n';
		a->text[a->len] = '\0';
		free(line);
	}
	if (a->text == NULL) {
		a->text = strdup("");
		if (a->text == NULL)
			a->end = ANSWER_NOMEM;
	}
	a->seconds = answer_seconds(now_mono() - t0);
}

static void
answer_free(struct answer *a)
{
	free(a->text);
	a->text = NULL;
}

/*
 * No reply came (Ctrl-C, or end of input): say that nothing was recorded.
 * Returns the command's status: Ctrl-C is the user's choice, end of input
 * is a failure.
 */
static int
reply_gone(struct ctx *ctx, int intr)
{
	fprintf(stdout, "%s\n", intr ? L(ctx->lang, "취소했습니다. 기록하지 않았습니다.",
	                                 "Abandoned. Nothing was recorded.")
	                             : L(ctx->lang, "입력이 끝났습니다. 기록하지 않았습니다.",
	                                 "End of input. Nothing was recorded."));
	return intr ? EXIT_OK : EXIT_FAIL;
}

/*
 * Read a short reply (a rating, an option number). Returns the trimmed
 * line (malloc'd), or NULL on Ctrl-C (*intr set) or end of input.
 */
static char *
reply_read(struct ctx *ctx, const char *prompt, int *intr)
{
	char *line;

	if (!ctx->interactive) {
		/* the prompt still shows in a transcript of a piped session */
		fputs(prompt, stdout);
		fflush(stdout);
	}
	line = ctx_read_line(ctx, ctx->interactive ? prompt : "", intr);
	if (!ctx->interactive)
		fputc('\n', stdout);
	if (line != NULL)
		text_trim(line);
	return line;
}

/* Showing a graded answer ------------------------------------------------- */

static int
point_index(const struct card *c, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < c->npoints; i++)
		if (strcmp(c->points[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* "2/3 (67%)" */
static const char *
coverage_str(char *buf, size_t len, int covered, size_t total)
{
	if (total == 0)
		snprintf(buf, len, "0/0");
	else
		snprintf(buf, len, "%d/%zu (%d%%)", covered, total,
		         (int)lround(100.0 * covered / (double)total));
	return buf;
}

static void
points_show(struct ctx *ctx, const struct card *c, const unsigned char *cov, int ncov)
{
	char buf[64];
	size_t i;

	fprintf(stdout, "\n%s%s %s%s\n", render_style(ctx->color, "bold"),
	        L(ctx->lang, "핵심 포인트", "Key points"), coverage_str(buf, sizeof buf, ncov, c->npoints),
	        render_style(ctx->color, "reset"));
	for (i = 0; i < c->npoints; i++) {
		fprintf(stdout, "  %s%s%s ", render_style(ctx->color, cov[i] ? "green" : "red"),
		        cov[i] ? "✓" : "✗", render_style(ctx->color, "reset"));
		render_safe(stdout, text_get(&c->points[i].label, ctx->lang));
		fputc('\n', stdout);
	}
}

/* Where offset at lies in Markdown md: inside a code span or block, inside bold. */
static void
md_context(const char *md, size_t at, int *in_code, int *in_bold)
{
	size_t i, line = 0;
	int fence = 0, tick = 0, bold = 0;

	for (i = 0; i < at; i++) {
		if (i == line) {
			if (strncmp(md + i, "```", 3) == 0)
				fence = !fence;
			tick = bold = 0;
		}
		if (md[i] == '\n') {
			line = i + 1;
			continue;
		}
		if (md[i] == '`')
			tick = !tick;
		else if (!tick && md[i] == '*' && md[i + 1] == '*') {
			bold = !bold;
			i++;
		}
	}
	*in_code = fence || tick;
	*in_bold = bold;
}

struct mark {
	size_t start, end;
	int bold;            /* already bold: add the cross only */
};

static int
mark_cmp(const void *a, const void *b)
{
	const struct mark *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * The answer template with the first mention of each missed point marked
 * "✗**term**" (shown bold with colour, the cross either way). Points the
 * template never names are left to the list above it.
 */
static char *
template_marked(const struct card *c, const unsigned char *cov, enum lang l)
{
	const char *md = text_get(&c->body, l);
	struct grade_answer *g;
	struct mark *marks;
	size_t nmarks = 0, i, out_len = 0, pos = 0;
	char *out;
	const char *t;

	if (md == NULL)
		return NULL;
	g = grade_prepare(md);
	marks = calloc(c->npoints + 1, sizeof *marks);
	if (g == NULL || marks == NULL) {
		grade_free(g);
		free(marks);
		return strdup(md);
	}
	t = grade_text(g);
	for (i = 0; i < c->npoints; i++) {
		int pass, done = 0;
		if (cov[i])
			continue;
		/* phrases in the template's language first, then the other one */
		for (pass = 0; pass < LANG_N && !done; pass++) {
			const struct strlist *ph = &c->points[i].match[pass == 0 ? l : (int)!l];
			size_t k;
			for (k = 0; k < ph->n && !done; k++) {
				size_t from = 0, s, e;
				while (!done && grade_find(g, ph->v[k], from, &s, &e) == 1) {
					int in_code, in_bold, clash = 0;
					size_t m;
					md_context(t, s, &in_code, &in_bold);
					for (m = 0; m < nmarks; m++)
						if (s < marks[m].end && e > marks[m].start)
							clash = 1;
					if (!in_code && !clash) {
						marks[nmarks].start = s;
						marks[nmarks].end = e;
						marks[nmarks].bold = in_bold;
						nmarks++;
						done = 1;
					}
					from = e;
				}
			}
		}
	}
	qsort(marks, nmarks, sizeof *marks, mark_cmp);
	out = malloc(strlen(t) + nmarks * 16 + 1);
	if (out != NULL) {
		for (i = 0; i < nmarks; i++) {
			memcpy(out + out_len, t + pos, marks[i].start - pos);
			out_len += marks[i].start - pos;
			out_len += (size_t)sprintf(out + out_len, "%s", marks[i].bold ? "✗" : "✗**");
			memcpy(out + out_len, t + marks[i].start, marks[i].end - marks[i].start);
			out_len += marks[i].end - marks[i].start;
			if (!marks[i].bold)
				out_len += (size_t)sprintf(out + out_len, "**");
			pos = marks[i].end;
		}
		strcpy(out + out_len, t + pos);
	}
	grade_free(g);
	free(marks);
	return out;
}

static void
template_show(struct ctx *ctx, const struct card *c, const unsigned char *cov, int ncov)
{
	struct render_opts o = { ctx->width, 2, ctx->color };
	char *md = template_marked(c, cov, ctx->lang);

	heading(ctx, "모범 답안", "Model answer");
	if (ncov < (int)c->npoints)
		dim(ctx, "  (✗ 표시는 답에서 빠진 포인트)", "  (✗ marks the points your answer missed)");
	render_markdown(stdout, md != NULL ? md : text_get(&c->body, ctx->lang), &o);
	free(md);
}

static void
demo_offer(struct ctx *ctx, const struct card *c)
{
	if (c->demo == NULL)
		return;
	ctx->last_card = c;
	fputc('\n', stdout);
	if (ctx->in_repl)
		fprintf(stdout, "%s▶ %s `run` (demo %s)%s\n", render_style(ctx->color, "green"),
		        L(ctx->lang, "이 내용을 이 컴퓨터에서 직접 확인하려면:", "see it on this machine:"),
		        c->demo, render_style(ctx->color, "reset"));
	else
		fprintf(stdout, "%s▶ %s osprep demo %s%s\n", render_style(ctx->color, "green"),
		        L(ctx->lang, "이 내용을 이 컴퓨터에서 직접 확인하려면:", "see it on this machine:"),
		        c->demo, render_style(ctx->color, "reset"));
}

/* The store ---------------------------------------------------------------- */

struct interview;
struct turn;

/*
 * How much a card needs study now, 0-1: the chance it has been forgotten
 * (1 - retrievability), and 0.8 for a card never studied.
 */
static double
pst_need(struct store *st, const struct fsrs_params *p, const struct card *c, int64_t now)
{
	struct fsrs_card f;

	if (st == NULL || store_get_state(st, c->id, &f) != 1 || f.state == FSRS_NEW)
		return 0.8;
	return 1 - fsrs_retrievability(p, &f, now);
}

/* "in 3d (2025-03-04 09:00)" */
static const char *
pst_when(struct ctx *ctx, int64_t due, int64_t now, char *buf, size_t len)
{
	char span[32], when[40];

	clock_format_span(due > now ? due - now : 0, ctx->lang == LANG_KO, span, sizeof span);
	clock_format_time(due, when, sizeof when);
	snprintf(buf, len, L(ctx->lang, "%s 뒤 (%s)", "in %s (%s)"), span, when);
	return buf;
}

/*
 * Rate a card: its FSRS state moves on and the rating joins the log, in one
 * transaction. *due (may be NULL) gets when it comes back. 0, or -1 with
 * the reason printed.
 */
static int
pst_rate(struct ctx *ctx, struct store *st, const struct card *c, int rating,
         enum store_kind kind, double seconds, int64_t now, int64_t *due)
{
	struct fsrs_params p;
	struct store_review r;
	int have;

	if (st == NULL)
		return -1;
	memset(&r, 0, sizeof r);
	review_params(ctx, &p);
	have = store_get_state(st, c->id, &r.before);
	if (have < 0) {
		cmd_error("%s", store_errmsg(st));
		return -1;
	}
	if (!have)
		fsrs_card_new(&r.before, now);
	if (r.before.state != FSRS_NEW && now < r.before.last_review)
		now = r.before.last_review;      /* a clock moved back: rate at the last review */
	r.card_id = c->id;
	r.time = now;
	r.rating = rating;
	r.seconds = seconds;
	r.kind = kind;
	if (fsrs_next(&p, &r.before, now, rating, &r.after) != 0) {
		cmd_error("%s \"%s\"", L(ctx->lang, "복습 일정을 계산할 수 없습니다", "cannot schedule"), c->id);
		return -1;
	}
	if (store_record_review(st, &r) != 0) {
		cmd_error("\"%s\": %s: %s", c->id, L(ctx->lang, "저장하지 못했습니다", "not saved"),
		          store_errmsg(st));
		return -1;
	}
	if (due != NULL)
		*due = r.after.due;
	return 0;
}

/* Rate a card and say when it comes back. */
static int
pst_review(struct ctx *ctx, struct store *st, const struct card *c, int rating,
           enum store_kind kind, double seconds)
{
	int64_t now, due;
	char when[96];

	if (st == NULL) {
		fprintf(stdout, "%s\n", L(ctx->lang, "기록 저장소가 없어 일정에 반영하지 못했습니다.",
		                          "No progress store: the schedule was not updated."));
		return -1;
	}
	if (review_now(&now) != 0 || pst_rate(ctx, st, c, rating, kind, seconds, now, &due) != 0)
		return -1;
	fprintf(stdout, "%s %s\n", L(ctx->lang, "다음 복습:", "Next review:"),
	        pst_when(ctx, due, now, when, sizeof when));
	return 0;
}

/* Practice a question card -------------------------------------------------- */

/*
 * Ask for a self-rating 1-4, suggesting one. Returns the rating, 0 when the
 * user skipped it with Ctrl-C, -1 at the end of input.
 */
static int
rating_ask(struct ctx *ctx, int suggest)
{
	char prompt[160];

	snprintf(prompt, sizeof prompt, "%s [%d]: ",
	         L(ctx->lang, "자기 평가 1 다시 · 2 어려움 · 3 알맞음 · 4 쉬움",
	           "Rate yourself 1 again · 2 hard · 3 good · 4 easy"), suggest);
	for (;;) {
		int intr = 0;
		char *r = reply_read(ctx, prompt, &intr);
		int v = 0;

		if (r == NULL)
			return intr ? 0 : -1;
		if (r[0] == '\0')
			v = suggest;
		else if (r[1] == '\0' && r[0] >= '1' && r[0] <= '4')
			v = r[0] - '0';
		free(r);
		if (v > 0)
			return v;
		fprintf(stdout, "%s\n", L(ctx->lang, "1에서 4 사이의 숫자를 입력하세요 (Enter는 제안한 값).",
		                          "Type a number from 1 to 4 (Enter takes the suggestion)."));
	}
}

/* Say how an answer ended when that is worth saying; 0 if it can be graded. */
static int
answer_check_end(struct ctx *ctx, const struct answer *a)
{
	switch (a->end) {
	case ANSWER_ABANDONED:
		fprintf(stdout, "\n%s\n", L(ctx->lang, "답을 취소했습니다 (Ctrl-C). 기록하지 않았습니다.",
		                            "Answer abandoned (Ctrl-C). Nothing was recorded."));
		return -1;
	case ANSWER_NOMEM:
		cmd_error("%s", L(ctx->lang, "메모리가 부족합니다", "out of memory"));
		return -1;
	case ANSWER_EOF:
		if (a->len == 0) {
			fprintf(stdout, "\n%s\n", L(ctx->lang, "입력이 끝났습니다. 답이 없어 기록하지 않았습니다.",
			                            "End of input before any answer. Nothing was recorded."));
			return -1;
		}
		fprintf(stdout, "\n%s\n", L(ctx->lang, "입력이 끝났습니다. 여기까지 쓴 내용을 답으로 받습니다.",
		                            "End of input: taking what was typed as the answer."));
		break;
	case ANSWER_DONE:
		break;
	}
	if (a->truncated)
		fprintf(stdout, "%s\n", L(ctx->lang, "답이 너무 길어 앞부분 1 MiB만 채점합니다.",
		                          "The answer is too long: only its first 1 MiB is graded."));
	return 0;
}

static void
prompt_show(struct ctx *ctx, const struct card *c, const char *tag)
{
	struct render_opts o = { ctx->width, 0, ctx->color };

	fprintf(stdout, "%s[%s] ", render_style(ctx->color, "dim"), tag != NULL ? tag :
	        card_kind_label(c->kind, ctx->lang));
	render_safe(stdout, c->id);
	fprintf(stdout, "%s\n", render_style(ctx->color, "reset"));
	render_markdown(stdout, text_get(&c->title, ctx->lang), &o);
}

static int
practice_question(struct ctx *ctx, const struct card *c)
{
	struct answer a;
	struct grade_answer *g = NULL;
	unsigned char *cov = NULL;
	char tb[32], tb2[32];
	int ncov, rating, suggest, budget = card_budget(c), rc = EXIT_FAIL;
	struct store *st;

	prompt_show(ctx, c, NULL);
	fprintf(stdout, "%s%s %s. %s%s\n", render_style(ctx->color, "dim"),
	        L(ctx->lang, "제한 시간", "Time budget"), clock_str(tb, sizeof tb, budget),
	        L(ctx->lang, "답을 쓰고 빈 줄이나 \".\"만 있는 줄로 끝냅니다 (Ctrl-C 취소).",
	          "Type your answer; end it with an empty line or a line holding only \".\" (Ctrl-C abandons)."),
	        render_style(ctx->color, "reset"));
	answer_read(ctx, budget, &a);
	if (answer_check_end(ctx, &a) < 0) {
		rc = a.end == ANSWER_ABANDONED ? EXIT_OK : EXIT_FAIL;
		goto out;
	}
	g = grade_prepare(a.text);
	cov = calloc(c->npoints + 1, 1);
	if (g == NULL || cov == NULL || (ncov = grade_card(g, c, cov)) < 0) {
		cmd_error("%s", L(ctx->lang, "메모리가 부족합니다", "out of memory"));
		goto out;
	}
	if (grade_length(g) == 0)
		fprintf(stdout, "%s\n", L(ctx->lang, "빈 답입니다. 모든 포인트를 놓친 것으로 채점합니다.",
		                          "The answer is empty: every point counts as missed."));
	fprintf(stdout, "\n%s %s / %s", L(ctx->lang, "걸린 시간", "Time taken"),
	        clock_str(tb, sizeof tb, a.seconds), clock_str(tb2, sizeof tb2, budget));
	if (a.seconds > budget)
		fprintf(stdout, " (%s +%s)", L(ctx->lang, "초과", "over by"),
		        clock_str(tb, sizeof tb, a.seconds - budget));
	fputc('\n', stdout);
	points_show(ctx, c, cov, ncov);
	template_show(ctx, c, cov, ncov);
	fputc('\n', stdout);
	dim(ctx, "※ 답이 포인트를 언급했는지만 봅니다. 맞게 설명했는지는 모범 답안과 비교해 보세요.",
	    "※ This shows which points your answer touched, not whether what it said about them is right.");
	demo_offer(ctx, c);

	suggest = grade_suggest_rating((size_t)ncov, c->npoints);
	st = ctx_store(ctx);
	fputc('\n', stdout);
	rating = rating_ask(ctx, suggest);
	if (rating == 0) {
		fprintf(stdout, "%s\n", L(ctx->lang, "평가 없이 끝냈습니다 (Ctrl-C). 일정은 바뀌지 않았습니다.",
		                          "No rating given (Ctrl-C): the schedule is unchanged."));
		rc = EXIT_OK;
		goto out;
	}
	if (rating < 0) {
		/* a finished answer is not lost to a missing rating */
		rating = suggest;
		fprintf(stdout, L(ctx->lang, "입력이 끝나 제안한 평가 %d로 기록합니다.\n",
		                  "End of input: recording the suggested rating %d.\n"), rating);
	}
	rc = pst_review(ctx, st, c, rating, STORE_PRACTICE, a.seconds) < 0 ? EXIT_FAIL : EXIT_OK;
out:
	grade_free(g);
	free(cov);
	answer_free(&a);
	return rc;
}

/* Choice cards ------------------------------------------------------------- */

/* Shown and graded by choice.c; practice records right as good and wrong as again. */
static int
practice_choice(struct ctx *ctx, const struct card *c, uint64_t seed)
{
	struct choice ch;
	int rc = EXIT_FAIL, right;

	if (choice_init(ctx, &ch, c, seed) != 0)
		return EXIT_FAIL;
	prompt_show(ctx, c, NULL);
	fputc('\n', stdout);
	choice_show(ctx, &ch);
	for (;;) {
		char prompt[160];
		int intr = 0, got;
		char *r;

		snprintf(prompt, sizeof prompt, "%s: ", choice_prompt(ctx->lang));
		r = reply_read(ctx, prompt, &intr);
		if (r == NULL) {
			rc = reply_gone(ctx, intr);
			goto out;
		}
		got = choice_pick(&ch, r);
		free(r);
		if (got > 0)
			break;
		choice_retry(ctx, &ch);
	}
	fputc('\n', stdout);
	right = choice_grade(ctx, &ch);
	demo_offer(ctx, c);
	rc = pst_review(ctx, ctx_store(ctx), c, right ? 3 : 1, STORE_PRACTICE, 0) < 0 ? EXIT_FAIL : EXIT_OK;
out:
	choice_free(&ch);
	return rc;
}

/* Prediction cards --------------------------------------------------------- */

static const char *const check_ops[] = { "<", "<=", ">", ">=", "==", "!=" };

/*
 * The demo's --json result: from the file named by OSPREP_DEMO_RESULT when
 * set (a testing aid that forces an outcome), else from running the demo.
 * NULL with the reason printed when there is none.
 */
static cJSON *
prediction_result(struct ctx *ctx, const struct card *c)
{
	const char *forced = getenv("OSPREP_DEMO_RESULT");
	const struct demo *d;
	struct demo_run_opts o;
	struct demo_result res;
	cJSON *root = NULL;
	char **argv;
	size_t i;

	if (forced != NULL && *forced != '\0') {
		FILE *f = fopen(forced, "r");
		char *buf;
		size_t n;

		if (f == NULL) {
			cmd_error("OSPREP_DEMO_RESULT: \"%s\": %s", forced, strerror(errno));
			return NULL;
		}
		buf = malloc(ANSWER_MAX + 1);
		n = buf != NULL ? fread(buf, 1, ANSWER_MAX, f) : 0;
		fclose(f);
		if (buf == NULL)
			return NULL;
		buf[n] = '\0';
		root = cJSON_Parse(buf);
		free(buf);
		if (!cJSON_IsObject(root)) {
			cJSON_Delete(root);
			cmd_error("OSPREP_DEMO_RESULT: \"%s\": %s", forced,
			          L(ctx->lang, "JSON 객체가 아닙니다", "not a JSON object"));
			return NULL;
		}
		fprintf(stdout, "%s%s \"%s\"%s\n", render_style(ctx->color, "dim"),
		        L(ctx->lang, "데모를 돌리는 대신 이 결과를 씁니다 (OSPREP_DEMO_RESULT):",
		          "using this result instead of running the demo (OSPREP_DEMO_RESULT):"),
		        forced, render_style(ctx->color, "reset"));
		return root;
	}
	d = demo_find(c->demo);
	if (d == NULL) {
		cmd_error("%s \"%s\"", L(ctx->lang, "이 빌드에 없는 데모", "demo not built in"), c->demo);
		return NULL;
	}
	argv = calloc(c->demo_args.n + 2, sizeof *argv);
	if (argv == NULL)
		return NULL;
	argv[0] = c->demo;
	for (i = 0; i < c->demo_args.n; i++)
		argv[i + 1] = c->demo_args.v[i];
	memset(&o, 0, sizeof o);
	o.timeout_s = ctx_config_number(ctx, "demo_timeout", DEMO_TIMEOUT);
	if (!(o.timeout_s > 0 && o.timeout_s <= 3600))
		o.timeout_s = DEMO_TIMEOUT;
	o.capture = 1;
	o.env.lang = ctx->lang == LANG_EN;
	o.env.json = 1;
	o.env.progress = ctx->interactive && isatty(STDERR_FILENO);
	o.env.width = ctx->width > 0 && ctx->width < 80 ? ctx->width : 80;
	fprintf(stdout, "%s%s %s…%s\n", render_style(ctx->color, "dim"),
	        L(ctx->lang, "데모를 실행합니다:", "running the demo:"), c->demo,
	        render_style(ctx->color, "reset"));
	fflush(stdout);
	memset(&res, 0, sizeof res);
	if (demo_run(d, (int)c->demo_args.n + 1, argv, &o, &res) != 0) {
		cmd_error("demo \"%s\": %s: %s", c->demo, L(ctx->lang, "시작할 수 없음", "cannot start"),
		          strerror(errno));
		free(argv);
		return NULL;
	}
	free(argv);
	if (res.interrupted)
		cmd_error(L(ctx->lang, "데모 \"%s\" 중지됨", "demo \"%s\" stopped"), c->demo);
	else if (res.timed_out)
		cmd_error(L(ctx->lang, "데모 \"%s\" 시간 초과: %g초 제한", "demo \"%s\" timed out after %g s"),
		          c->demo, o.timeout_s);
	else if (res.status != 0)
		cmd_error(L(ctx->lang, "데모 \"%s\" 실패: 종료 상태 %d", "demo \"%s\" failed: exit status %d"),
		          c->demo, res.status);
	else if ((root = cJSON_Parse(res.out != NULL ? res.out : "")) == NULL || !cJSON_IsObject(root)) {
		cJSON_Delete(root);
		root = NULL;
		cmd_error(L(ctx->lang, "데모 \"%s\": JSON 결과를 읽을 수 없음", "demo \"%s\": no JSON result"),
		          c->demo);
	}
	demo_result_free(&res);
	return root;
}

/* "derived.thread_switch_us = 1.8 < derived.process_switch_us = 3.2" */
static void
check_show(struct ctx *ctx, const struct check *ck, int holds, double l, double r)
{
	fprintf(stdout, "       %s", render_style(ctx->color, "dim"));
	render_safe(stdout, ck->left);
	if (holds < 0) {
		fprintf(stdout, " %s %s%s\n", check_ops[ck->op],
		        L(ctx->lang, "(결과에 없는 값이라 판단 못 함)", "(not in the result: cannot tell)"),
		        render_style(ctx->color, "reset"));
		return;
	}
	fprintf(stdout, " = %.6g %s ", l, check_ops[ck->op]);
	if (ck->right_path != NULL) {
		render_safe(stdout, ck->right_path);
		fprintf(stdout, " = %.6g", r);
	} else if (ck->right_is_bool) {
		fputs(r != 0 ? "true" : "false", stdout);
	} else {
		fprintf(stdout, "%.6g", r);
	}
	fprintf(stdout, "%s\n", render_style(ctx->color, "reset"));
}

static int
practice_prediction(struct ctx *ctx, const struct card *c)
{
	size_t n = c->noptions, i;
	struct render_opts o = { ctx->width, 5, ctx->color };
	int *holds = calloc(n + 1, sizeof *holds);
	double *lv = calloc(n + 1, sizeof *lv), *rv = calloc(n + 1, sizeof *rv);
	int pick = -1, nholds = 0, rc = EXIT_FAIL;
	cJSON *root = NULL;

	if (holds == NULL || lv == NULL || rv == NULL) {
		cmd_error("%s", L(ctx->lang, "메모리가 부족합니다", "out of memory"));
		goto out;
	}
	prompt_show(ctx, c, NULL);
	fputc('\n', stdout);
	for (i = 0; i < n; i++) {
		fprintf(stdout, "  %zu) ", i + 1);
		render_wrap_at(stdout, text_get(&c->options[i].text, ctx->lang), 5, &o);
	}
	fputc('\n', stdout);
	dim(ctx, "정답은 카드가 아니라 이 컴퓨터에서 돌린 데모의 측정값이 정합니다.",
	    "The demo's measurement on this machine decides, not the card.");
	while (pick < 0) {
		char prompt[128];
		int intr = 0;
		char *r, *end;
		long v;

		snprintf(prompt, sizeof prompt, "%s (1-%zu): ", L(ctx->lang, "예측", "Your prediction"), n);
		r = reply_read(ctx, prompt, &intr);
		if (r == NULL) {
			rc = reply_gone(ctx, intr);
			goto out;
		}
		v = strtol(r, &end, 10);
		if (r[0] != '\0' && *end == '\0' && v >= 1 && (size_t)v <= n)
			pick = (int)v - 1;
		else
			fprintf(stdout, "%s 1-%zu\n", L(ctx->lang, "번호 하나를 입력하세요:", "Type one number:"), n);
		free(r);
	}
	root = prediction_result(ctx, c);
	if (root == NULL) {
		fprintf(stdout, "%s\n", L(ctx->lang, "측정값이 없어 예측을 판정하지 않았습니다. 기록하지 않았습니다.",
		                          "No measurement, so the prediction was not judged or recorded."));
		goto out;
	}
	heading(ctx, "측정 결과", "What the demo measured");
	for (i = 0; i < n; i++) {
		holds[i] = grade_check(&c->options[i].check, root, &lv[i], &rv[i]);
		nholds += holds[i] == 1;
		fprintf(stdout, "%s%s%s %zu) %s ", render_style(ctx->color, holds[i] == 1 ? "green" : "red"),
		        holds[i] == 1 ? "✓" : holds[i] == 0 ? "✗" : "?", render_style(ctx->color, "reset"),
		        i + 1, (int)i == pick ? "▶" : " ");
		render_wrap_at(stdout, text_get(&c->options[i].text, ctx->lang), 7, &o);
		check_show(ctx, &c->options[i].check, holds[i], lv[i], rv[i]);
		if (holds[i] == 1 || (int)i == pick)
			choice_why(ctx, &c->options[i]);
	}
	fputc('\n', stdout);
	if (holds[pick] == 1) {
		fprintf(stdout, "%s%s%s\n", render_style(ctx->color, "green"),
		        L(ctx->lang, "예측이 맞았습니다.", "Your prediction held."), render_style(ctx->color, "reset"));
	} else if (nholds > 0) {
		fprintf(stdout, "%s%s%s\n", render_style(ctx->color, "red"),
		        L(ctx->lang, "예측이 빗나갔습니다.", "Your prediction did not hold."),
		        render_style(ctx->color, "reset"));
	} else {
		fprintf(stdout, "%s\n", L(ctx->lang,
		        "측정값이 어느 보기와도 맞지 않아 판정하지 않았습니다. 기록하지 않았습니다.",
		        "The measurement matches no option, so nothing was judged or recorded."));
		rc = EXIT_OK;
		goto out;
	}
	if (c->body.s[0] != NULL) {
		struct render_opts e = { ctx->width, 0, ctx->color };
		fputc('\n', stdout);
		render_markdown(stdout, text_get(&c->body, ctx->lang), &e);
	}
	rc = pst_review(ctx, ctx_store(ctx), c, holds[pick] == 1 ? 3 : 1, STORE_PREDICTION, 0) < 0
	     ? EXIT_FAIL : EXIT_OK;
out:
	cJSON_Delete(root);
	free(holds);
	free(lv);
	free(rv);
	return rc;
}

/* practice ----------------------------------------------------------------- */

int
practice_card(struct ctx *ctx, const struct card *c, uint64_t seed)
{
	switch (c->kind) {
	case KIND_QUESTION:
		return practice_question(ctx, c);
	case KIND_CHOICE:
		return practice_choice(ctx, c, seed);
	case KIND_PREDICTION:
		return practice_prediction(ctx, c);
	default:
		cmd_error("practice: %s \"%s\" %s", L(ctx->lang, "카드", "card"), c->id,
		          L(ctx->lang, "는 면접 질문, 객관식, 예측 카드가 아닙니다 (show나 review를 쓰세요)",
		            "is not a question, choice or prediction card (use show or review)"));
		return EXIT_USAGE;
	}
}

static int
practice_exec(struct ctx *ctx, int argc, char **argv)
{
	const char *deck = NULL, *tag = NULL, *seed_s = NULL;
	const struct cmd_opt opts[] = {
		{ "deck", &deck, NULL }, { "tag", &tag, NULL }, { "seed", &seed_s, NULL },
		{ NULL, NULL, NULL },
	};
	const struct deck *only = NULL;
	const struct card *best = NULL;
	struct store *st = NULL;
	double best_need = -1;
	uint64_t seed;
	int64_t now;
	struct fsrs_params p;
	size_t i, j;
	int npos;
	long sv;

	if (cmd_parse(&cmd_practice_entry, argc, argv, opts, &npos) != 0)
		return EXIT_USAGE;
	if (npos > 1 || (npos == 1 && (deck != NULL || tag != NULL)))
		return cmd_usage(ctx, &cmd_practice_entry);
	seed = rng_seed_now();
	if (seed_s != NULL) {
		if (cmd_int_arg("practice", "--seed", seed_s, 0, LONG_MAX, &sv) != 0)
			return EXIT_USAGE;
		seed = (uint64_t)sv;
	}
	if (npos == 1) {
		best = cmd_card_arg(ctx, argv[1]);
		if (best == NULL)
			return EXIT_FAIL;
		return practice_card(ctx, best, seed);
	}
	if (deck != NULL && (only = cmd_deck_arg(ctx, deck)) == NULL)
		return EXIT_USAGE;
	if (review_now(&now) != 0)
		return EXIT_USAGE;
	review_params(ctx, &p);
	for (i = 0; ctx->content != NULL && i < ctx->content->ndecks; i++) {
		const struct deck *d = ctx->content->decks[i];
		if (only != NULL && d != only)
			continue;
		for (j = 0; j < d->ncards; j++) {
			const struct card *c = &d->cards[j];
			double need;
			if (c->kind != KIND_QUESTION && c->kind != KIND_CHOICE && c->kind != KIND_PREDICTION)
				continue;
			if (tag != NULL && !card_has_tag(c, tag))
				continue;
			if (st == NULL)
				st = ctx_store(ctx);
			need = pst_need(st, &p, c, now);
			if (need > best_need) {
				best_need = need;
				best = c;
			}
		}
	}
	if (best == NULL) {
		cmd_error("practice: %s", L(ctx->lang, "조건에 맞는 면접 질문, 객관식, 예측 카드가 없습니다",
		                            "no question, choice or prediction cards match"));
		return EXIT_FAIL;
	}
	return practice_card(ctx, best, seed);
}

const struct cmd_entry cmd_practice_entry = {
	.name = "practice",
	.usage = "practice [CARD | --deck D | --tag T] [--seed S]",
	.summary = { "면접 질문에 답하고 핵심 포인트로 채점받습니다 (객관식·예측 카드도)",
	             "answer an interview question and see which key points you covered (also choice and prediction cards)" },
	.help = {
		"카드를 주지 않으면 덱·태그 안에서 가장 급한 카드를 고릅니다.\n\n"
		"- **면접 질문**: 답을 여러 줄로 쓰고 빈 줄이나 `.`만 있는 줄로 끝냅니다. Ctrl-C는 답을 취소합니다. "
		"다룬 포인트(✓)와 놓친 포인트(✗), 놓친 곳을 표시한 모범 답안을 보여 주고, 1–4 자기 평가를 받아 "
		"복습 일정에 반영합니다.\n"
		"- **객관식**: 보기를 섞어 보여 줍니다. 맞는 번호를 모두 입력합니다 (예: `1 3`).\n"
		"- **예측**: 결과를 예측한 뒤 데모를 실행하고, 측정값으로 판정합니다.\n\n"
		"채점은 답이 포인트를 **언급했는지**만 봅니다. 맞게 설명했는지는 판단하지 않습니다. "
		"`--seed`는 객관식 보기 순서를 고정합니다. 시험용: `OSPREP_DEMO_RESULT=파일`이면 예측 카드가 "
		"데모를 돌리는 대신 그 파일의 JSON을 결과로 씁니다.",
		"Without a card, the most pressing card in the deck or tag is chosen.\n\n"
		"- **question**: type a multi-line answer and end it with an empty line or a line holding only `.`; "
		"Ctrl-C abandons it. You see the points covered (✓) and missed (✗) and the model answer with the "
		"missed points marked, then rate yourself 1–4 to update the schedule.\n"
		"- **choice**: the options are shuffled; type every right number (e.g. `1 3`).\n"
		"- **prediction**: predict, then the demo runs and its measurement decides.\n\n"
		"Grading checks which points the answer **mentions**, not whether what it says is right. "
		"`--seed` fixes the order of choice options. For tests, `OSPREP_DEMO_RESULT=FILE` makes "
		"prediction cards read the demo's JSON from FILE instead of running it.",
	},
	.complete = COMPLETE_CARD,
	.exec = practice_exec,
};

/* interview ---------------------------------------------------------------- */

struct turn {
	const struct card *card;
	int depth;                /* 0 for an opening question */
	char *answer;             /* NULL when not answered */
	double seconds;
	int budget;
	unsigned char *covered;
	int ncovered;
	int rating;               /* scheduled with this rating, 0 if not */
	int64_t due;
};

struct interview {
	struct turn *turns;
	size_t nturns, cap;
	int64_t id;               /* in the store, or -1 */
	uint64_t seed;
	int complete;
};

/* 1 if some question card lists c as a follow-up. */
static int
is_follow_up(const struct content *ct, const struct card *c)
{
	size_t i, j, k;

	for (i = 0; i < ct->ndecks; i++)
		for (j = 0; j < ct->decks[i]->ncards; j++) {
			const struct card *q = &ct->decks[i]->cards[j];
			for (k = 0; k < q->nfollow_ups; k++)
				if (strcmp(q->follow_ups[k].card, c->id) == 0)
					return 1;
		}
	return 0;
}

struct cand {
	const struct card *card;
	double key;
};

static int
cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	return x->key > y->key ? -1 : x->key < y->key;
}

/*
 * Rank the opening questions: a weighted draw without replacement (each
 * card's key is u^(1/weight)), the weight growing with how much the card
 * needs study, so the weakest and most overdue tend to come first while
 * --seed still varies and reproduces the order. Cards that are follow-ups
 * of other questions come after all the others. Returns how many are in
 * *out (malloc'd).
 */
static size_t
interview_rank(struct ctx *ctx, struct store *st, const struct deck *only, uint64_t seed,
               const struct card ***out)
{
	struct cand *v;
	const struct card **r;
	size_t i, j, n, total = 0, got = 0;
	int64_t now = clock_now();
	struct fsrs_params p;
	int pass;

	review_params(ctx, &p);
	for (i = 0; i < ctx->content->ndecks; i++)
		total += ctx->content->decks[i]->ncards;
	v = calloc(total + 1, sizeof *v);
	r = calloc(total + 1, sizeof *r);
	if (v == NULL || r == NULL) {
		free(v);
		free(r);
		return 0;
	}
	for (pass = 0; pass < 2; pass++) {
		n = 0;
		for (i = 0; i < ctx->content->ndecks; i++) {
			const struct deck *d = ctx->content->decks[i];
			if (only != NULL && d != only)
				continue;
			for (j = 0; j < d->ncards; j++) {
				const struct card *c = &d->cards[j];
				double w;
				if (c->kind != KIND_QUESTION || is_follow_up(ctx->content, c) != pass)
					continue;
				w = 0.05 + pst_need(st, &p, c, now);
				v[n].card = c;
				v[n].key = pow(rng_unit(&seed), 1.0 / w);
				n++;
			}
		}
		qsort(v, n, sizeof *v, cand_cmp);
		for (i = 0; i < n; i++)
			r[got++] = v[i].card;
	}
	free(v);
	*out = r;
	return got;
}

static int
interview_asked(const struct interview *iv, const struct card *c)
{
	size_t i;

	for (i = 0; i < iv->nturns; i++)
		if (iv->turns[i].card == c)
			return 1;
	return 0;
}

/*
 * The follow-up to ask after turn t: one the answer earned by missing a
 * point first (probe the gap), then one for a covered point (go deeper),
 * then an unconditional one; the card's order breaks ties.
 */
static const struct card *
interview_follow_up(struct ctx *ctx, const struct interview *iv, const struct turn *t)
{
	const struct card *best = NULL;
	int best_rank = 3;
	size_t i;

	for (i = 0; i < t->card->nfollow_ups; i++) {
		const struct follow_up *f = &t->card->follow_ups[i];
		const struct card *c = content_find_card(ctx->content, f->card);
		int p = point_index(t->card, f->point), rank;

		if (c == NULL || c->kind != KIND_QUESTION || interview_asked(iv, c))
			continue;
		if (f->when == FOLLOW_MISSED && p >= 0 && !t->covered[p])
			rank = 0;
		else if (f->when == FOLLOW_COVERED && p >= 0 && t->covered[p])
			rank = 1;
		else if (f->when == FOLLOW_ALWAYS)
			rank = 2;
		else
			continue;
		if (rank < best_rank) {
			best_rank = rank;
			best = c;
		}
	}
	return best;
}

static struct turn *
interview_add(struct interview *iv, const struct card *c, int depth)
{
	struct turn *t;

	if (iv->nturns == iv->cap) {
		size_t ncap = iv->cap == 0 ? 8 : iv->cap * 2;
		struct turn *nt = realloc(iv->turns, ncap * sizeof *nt);
		if (nt == NULL)
			return NULL;
		iv->turns = nt;
		iv->cap = ncap;
	}
	t = &iv->turns[iv->nturns++];
	memset(t, 0, sizeof *t);
	t->card = c;
	t->depth = depth;
	t->budget = card_budget(c);
	return t;
}

static void
interview_free(struct interview *iv)
{
	size_t i;

	for (i = 0; i < iv->nturns; i++) {
		free(iv->turns[i].answer);
		free(iv->turns[i].covered);
	}
	free(iv->turns);
}

static double interview_score(const struct interview *iv);

static int64_t
pst_interview_begin(struct ctx *ctx, struct store *st)
{
	int64_t id;

	if (st == NULL)
		return -1;
	if (store_interview_begin(st, clock_now(), lang_name(ctx->lang), &id) != 0) {
		cmd_error("%s: %s", L(ctx->lang, "면접을 기록할 수 없습니다", "cannot record the interview"),
		          store_errmsg(st));
		return -1;
	}
	return id;
}

/* Store one answered turn at once: a finished answer is never lost. */
static void
pst_turn(struct ctx *ctx, struct store *st, const struct interview *iv, const struct turn *t, int seq)
{
	struct store_turn row;

	if (st == NULL || iv->id < 0)
		return;
	memset(&row, 0, sizeof row);
	row.seq = seq;
	row.card_id = t->card->id;
	row.answer = t->answer;
	row.coverage = t->card->npoints > 0 ? (double)t->ncovered / (double)t->card->npoints : 0;
	row.seconds = t->seconds;
	row.overrun = t->seconds > t->budget;
	row.time = clock_now();
	if (store_interview_turn(st, iv->id, &row) != 0)
		cmd_error("%s: %s", L(ctx->lang, "답을 저장하지 못했습니다", "cannot store the answer"),
		          store_errmsg(st));
}

static void
pst_interview_end(struct ctx *ctx, struct store *st, const struct interview *iv)
{
	if (st == NULL || iv->id < 0)
		return;
	if (store_interview_end(st, iv->id, clock_now(), iv->complete, interview_score(iv)) != 0)
		cmd_error("%s: %s", L(ctx->lang, "면접 결과를 저장하지 못했습니다", "cannot store the interview"),
		          store_errmsg(st));
}

enum ask_result { ASK_OK, ASK_STOP, ASK_FAIL };

/* Ask one question of the interview, grade the answer and store it at once. */
static enum ask_result
interview_ask(struct ctx *ctx, struct store *st, struct interview *iv, struct turn *t,
              int number, int total)
{
	struct answer a;
	struct grade_answer *g;
	char tb[32];
	enum ask_result r = ASK_OK;

	fputc('\n', stdout);
	if (t->depth == 0)
		fprintf(stdout, "%s%s %d/%d%s  ", render_style(ctx->color, "bold"),
		        L(ctx->lang, "질문", "Question"), number, total, render_style(ctx->color, "reset"));
	else
		fprintf(stdout, "%s%*s↳ %s%s  ", render_style(ctx->color, "bold"), 2 * (t->depth - 1), "",
		        L(ctx->lang, "꼬리 질문", "Follow-up"), render_style(ctx->color, "reset"));
	fprintf(stdout, "%s(%s %s)%s\n", render_style(ctx->color, "dim"),
	        L(ctx->lang, "제한 시간", "time"), clock_str(tb, sizeof tb, t->budget),
	        render_style(ctx->color, "reset"));
	prompt_show(ctx, t->card, L(ctx->lang, "면접", "interview"));
	answer_read(ctx, t->budget, &a);
	if (a.end == ANSWER_ABANDONED || a.end == ANSWER_NOMEM || (a.end == ANSWER_EOF && a.len == 0)) {
		fprintf(stdout, "\n%s\n", a.end == ANSWER_ABANDONED
		        ? L(ctx->lang, "면접을 중단했습니다 (Ctrl-C). 이 질문의 답은 버렸습니다.",
		            "Interview stopped (Ctrl-C). The answer to this question was dropped.")
		        : L(ctx->lang, "입력이 끝나 면접을 중단했습니다.", "End of input: the interview stops here."));
		answer_free(&a);
		iv->nturns--;           /* t was never answered */
		return ASK_STOP;
	}
	if (a.end == ANSWER_EOF) {
		fprintf(stdout, "\n%s\n", L(ctx->lang, "입력이 끝났습니다. 여기까지 쓴 내용을 답으로 받습니다.",
		                            "End of input: taking what was typed as the answer."));
		r = ASK_STOP;
	}
	if (a.truncated)
		fprintf(stdout, "%s\n", L(ctx->lang, "답이 너무 길어 앞부분 1 MiB만 받습니다.",
		                          "The answer is too long: only its first 1 MiB is kept."));
	g = grade_prepare(a.text);
	t->covered = calloc(t->card->npoints + 1, 1);
	if (g == NULL || t->covered == NULL || (t->ncovered = grade_card(g, t->card, t->covered)) < 0 ||
	    (t->answer = strdup(grade_text(g))) == NULL) {
		grade_free(g);
		answer_free(&a);
		cmd_error("%s", L(ctx->lang, "메모리가 부족합니다", "out of memory"));
		iv->nturns--;
		free(t->covered);
		return ASK_FAIL;
	}
	t->seconds = a.seconds;
	grade_free(g);
	answer_free(&a);
	pst_turn(ctx, st, iv, t, (int)(t - iv->turns) + 1);
	fprintf(stdout, "%s%s (%s", render_style(ctx->color, "dim"),
	        L(ctx->lang, "답을 받았습니다", "Answer recorded"), clock_str(tb, sizeof tb, t->seconds));
	if (t->seconds > t->budget)
		fprintf(stdout, ", %s +%s", L(ctx->lang, "초과", "over by"),
		        clock_str(tb, sizeof tb, t->seconds - t->budget));
	fprintf(stdout, ")%s\n", render_style(ctx->color, "reset"));
	return r;
}

/* The mean coverage of the answered turns, 0-100; -1 if none was answered. */
static double
interview_score(const struct interview *iv)
{
	double sum = 0;
	size_t i, n = 0;

	for (i = 0; i < iv->nturns; i++) {
		const struct turn *t = &iv->turns[i];
		if (t->answer == NULL || t->card->npoints == 0)
			continue;
		sum += (double)t->ncovered / (double)t->card->npoints;
		n++;
	}
	return n > 0 ? 100.0 * sum / (double)n : -1;
}

static void
interview_report(struct ctx *ctx, const struct interview *iv)
{
	char tb[32], tb2[32], cb[64];
	double score = interview_score(iv);
	size_t i, k;
	int q = 0;

	heading(ctx, "면접 결과", "Interview report");
	for (i = 0; i < iv->nturns; i++) {
		const struct turn *t = &iv->turns[i];
		int first = 1;

		if (t->depth == 0)
			fprintf(stdout, "%2d. ", ++q);
		else
			fprintf(stdout, "    %*s↳ ", 2 * (t->depth - 1), "");
		fprintf(stdout, "%s", render_style(ctx->color, "bold"));
		render_safe(stdout, t->card->id);
		fprintf(stdout, "%s  %s %s / %s", render_style(ctx->color, "reset"),
		        L(ctx->lang, "시간", "time"), clock_str(tb, sizeof tb, t->seconds),
		        clock_str(tb2, sizeof tb2, t->budget));
		if (t->seconds > t->budget)
			fprintf(stdout, " (+%s)", clock_str(tb, sizeof tb, t->seconds - t->budget));
		fprintf(stdout, "  %s %s\n", L(ctx->lang, "포인트", "points"),
		        coverage_str(cb, sizeof cb, t->ncovered, t->card->npoints));
		for (k = 0; k < t->card->npoints; k++) {
			if (t->covered[k])
				continue;
			fprintf(stdout, "%s%s", first ? "      " : ", ",
			        first ? L(ctx->lang, "놓침: ", "missed: ") : "");
			render_safe(stdout, text_get(&t->card->points[k].label, ctx->lang));
			first = 0;
		}
		if (!first)
			fputc('\n', stdout);
	}
	if (score >= 0)
		fprintf(stdout, "\n%s%s %.0f%%%s (%s)\n", render_style(ctx->color, "bold"),
		        L(ctx->lang, "전체 점수", "Overall score"), score, render_style(ctx->color, "reset"),
		        L(ctx->lang, "답한 질문의 포인트 비율 평균", "mean share of key points covered per answer"));
	else
		fprintf(stdout, "\n%s\n", L(ctx->lang, "답한 질문이 없습니다.", "No question was answered."));
	if (!iv->complete)
		fprintf(stdout, "%s\n", L(ctx->lang, "이 면접은 중간에 끝나 '미완료'로 기록됩니다.",
		                          "This interview was cut short and is stored as incomplete."));
	fprintf(stdout, "%s%s: interview --seed %llu%s\n", render_style(ctx->color, "dim"),
	        L(ctx->lang, "같은 질문으로 다시 하려면", "the same questions again"),
	        (unsigned long long)iv->seed, render_style(ctx->color, "reset"));
}

/* Record a review for every answered turn and list when each card comes back. */
static void
interview_schedule(struct ctx *ctx, struct store *st, struct interview *iv)
{
	size_t i;
	int any = 0;
	int64_t now = clock_now();

	for (i = 0; st != NULL && i < iv->nturns; i++) {
		struct turn *t = &iv->turns[i];
		if (t->answer == NULL)
			continue;
		t->rating = grade_suggest_rating((size_t)t->ncovered, t->card->npoints);
		if (pst_rate(ctx, st, t->card, t->rating, STORE_PRACTICE, t->seconds, now, &t->due) != 0)
			t->rating = 0;
	}
	for (i = 0; i < iv->nturns; i++) {
		const struct turn *t = &iv->turns[i];
		char when[96];
		if (t->rating == 0)
			continue;
		if (!any)
			heading(ctx, "복습 일정 (이 면접으로 잡힘)", "Scheduled for review because of this interview");
		any = 1;
		fprintf(stdout, "  ");
		render_pad(stdout, t->card->id, 24);
		fprintf(stdout, " %s\n", pst_when(ctx, t->due, now, when, sizeof when));
	}
}

static int
interview_exec(struct ctx *ctx, int argc, char **argv)
{
	const char *deck = NULL, *count_s = NULL, *min_s = NULL, *seed_s = NULL, *depth_s = NULL;
	const struct cmd_opt opts[] = {
		{ "deck", &deck, NULL }, { "count", &count_s, NULL }, { "minutes", &min_s, NULL },
		{ "seed", &seed_s, NULL }, { "depth", &depth_s, NULL }, { NULL, NULL, NULL },
	};
	const struct deck *only = NULL;
	const struct card **ranked = NULL;
	struct interview iv;
	struct store *st;
	long count = 3, minutes = 0, depth = 2, sv;
	int64_t now;
	size_t nopen, nranked, i, next;
	double t0, limit;
	int npos, stop = 0, rc = EXIT_OK;

	memset(&iv, 0, sizeof iv);
	iv.id = -1;
	if (cmd_parse(&cmd_interview_entry, argc, argv, opts, &npos) != 0)
		return EXIT_USAGE;
	if (npos > 0)
		return cmd_usage(ctx, &cmd_interview_entry);
	if ((count_s != NULL && cmd_int_arg("interview", "--count", count_s, 1, 20, &count) != 0) ||
	    (min_s != NULL && cmd_int_arg("interview", "--minutes", min_s, 1, 600, &minutes) != 0) ||
	    (depth_s != NULL && cmd_int_arg("interview", "--depth", depth_s, 0, 5, &depth) != 0))
		return EXIT_USAGE;
	iv.seed = rng_seed_now() % 1000000000u;
	if (seed_s != NULL) {
		if (cmd_int_arg("interview", "--seed", seed_s, 0, LONG_MAX, &sv) != 0)
			return EXIT_USAGE;
		iv.seed = (uint64_t)sv;
	}
	if (deck != NULL && (only = cmd_deck_arg(ctx, deck)) == NULL)
		return EXIT_USAGE;
	if (review_now(&now) != 0)
		return EXIT_USAGE;
	if (ctx->content == NULL)
		return EXIT_FAIL;
	st = ctx_store(ctx);
	if (st == NULL)
		fprintf(stdout, "%s\n", L(ctx->lang, "기록 저장소를 열지 못해 이번 면접은 저장되지 않습니다.",
		                          "The progress store could not be opened: this interview will not be saved."));
	nranked = interview_rank(ctx, st, only, iv.seed, &ranked);
	nopen = nranked < (size_t)count ? nranked : (size_t)count;
	if (nopen == 0) {
		cmd_error("interview: %s", L(ctx->lang, "면접 질문 카드가 없습니다", "no question cards"));
		free(ranked);
		return EXIT_FAIL;
	}
	fprintf(stdout, "%s%s%s\n", render_style(ctx->color, "bold"),
	        L(ctx->lang, "모의 면접", "Mock interview"), render_style(ctx->color, "reset"));
	fprintf(stdout, "%s: %zu", L(ctx->lang, "질문", "questions"), nopen);
	if (depth > 0)
		fprintf(stdout, ", %s %ld%s", L(ctx->lang, "꼬리 질문 최대", "follow-ups up to"), depth,
		        L(ctx->lang, "단계", " deep"));
	if (minutes > 0)
		fprintf(stdout, ", %s %ld%s", L(ctx->lang, "전체", "in"), minutes, L(ctx->lang, "분", " minutes"));
	fprintf(stdout, " (seed %llu)\n", (unsigned long long)iv.seed);
	dim(ctx, "답은 빈 줄이나 \".\"만 있는 줄로 끝냅니다. 시간이 지나도 답은 받고, 초과 시간을 기록합니다. "
	    "Ctrl-C는 면접을 중단합니다.",
	    "End each answer with an empty line or a line holding only \".\". Answers are taken after the "
	    "time is up, and the overrun is recorded. Ctrl-C stops the interview.");
	iv.id = pst_interview_begin(ctx, st);
	t0 = now_mono();
	limit = minutes > 0 ? (double)minutes * 60 : INFINITY;
	for (i = 0, next = 0; i < nopen && !stop; i++) {
		size_t cur;
		struct turn *t;
		enum ask_result r;

		/* an opening already asked as a follow-up gives way to the next one */
		while (next < nranked && interview_asked(&iv, ranked[next]))
			next++;
		if (next == nranked)
			break;
		if (now_mono() - t0 >= limit) {
			fprintf(stdout, "\n%s\n", L(ctx->lang, "시간이 다 되어 면접을 마칩니다.",
			                             "Time is up: the interview ends here."));
			break;
		}
		t = interview_add(&iv, ranked[next++], 0);
		if (t == NULL) {
			rc = EXIT_FAIL;
			break;
		}
		cur = iv.nturns - 1;
		r = interview_ask(ctx, st, &iv, t, (int)i + 1, (int)nopen);
		if (r != ASK_OK) {
			stop = 1;
			rc = r == ASK_FAIL ? EXIT_FAIL : rc;
			break;
		}
		/* follow-ups, each chosen from the answer before it */
		while (iv.turns[cur].depth < depth && now_mono() - t0 < limit) {
			const struct card *f = interview_follow_up(ctx, &iv, &iv.turns[cur]);
			int d = iv.turns[cur].depth + 1;
			if (f == NULL)
				break;
			t = interview_add(&iv, f, d);
			if (t == NULL) {
				rc = EXIT_FAIL;
				stop = 1;
				break;
			}
			cur = iv.nturns - 1;
			r = interview_ask(ctx, st, &iv, t, (int)i + 1, (int)nopen);
			if (r != ASK_OK) {
				stop = 1;
				rc = r == ASK_FAIL ? EXIT_FAIL : rc;
				break;
			}
		}
	}
	iv.complete = !stop;
	interview_report(ctx, &iv);
	interview_schedule(ctx, st, &iv);
	pst_interview_end(ctx, st, &iv);
	interview_free(&iv);
	free(ranked);
	return rc;
}

const struct cmd_entry cmd_interview_entry = {
	.name = "interview",
	.usage = "interview [--deck D] [--count N] [--minutes M] [--seed S] [--depth K]",
	.summary = { "시간을 재며 모의 면접을 봅니다 (꼬리 질문과 결과 보고서)",
	             "a timed mock interview with follow-up questions and a report" },
	.help = {
		"가장 약하고 복습이 밀린 면접 질문 중에서 N개(기본 3)를 고릅니다. 질문마다 카드의 제한 시간"
		"(기본 3분)이 줄마다 프롬프트에 표시되고, 시간이 지나도 답은 받되 초과 시간을 기록합니다. 답이 "
		"다루거나 놓친 포인트에 따라 꼬리 질문이 이어집니다 (기본 2단계, `--depth`).\n\n"
		"끝나면 질문별 시간·포인트·놓친 포인트, 전체 점수, 이 면접으로 잡힌 복습 일정을 보여 줍니다. "
		"모든 질문과 답은 기록되어 `history`로 다시 볼 수 있습니다. Ctrl-C나 입력 끝으로 중단하면 "
		"그때까지의 답과 함께 '미완료'로 저장됩니다.\n\n"
		"- `--minutes M`: 면접 전체 시간; 지나면 새 질문을 하지 않습니다.\n"
		"- `--seed S`: 같은 기록 상태에서 같은 질문을 고릅니다 (보고서에 seed가 나옵니다).",
		"Picks N opening questions (default 3) from the weakest and most overdue question cards. Each "
		"has the card's time budget (default 3 minutes), shown in the prompt of every line; an answer "
		"is still taken after time runs out and the overrun is recorded. Follow-ups are chosen from "
		"what the answer covered or missed (up to 2 deep by default, `--depth`).\n\n"
		"The report gives each question's time, coverage and missed points, the overall score, and the "
		"cards scheduled for review because of it. The whole transcript is stored: `history` shows it "
		"again. Stopped by Ctrl-C or end of input, the interview is stored as incomplete with the "
		"answers given so far.\n\n"
		"- `--minutes M`: the whole interview's time; no new question is asked after it.\n"
		"- `--seed S`: the same questions again, given the same progress (the report prints the seed).",
	},
	.complete = COMPLETE_DECK,
	.exec = interview_exec,
};

/* history ------------------------------------------------------------------ */

struct history_list {
	struct ctx *ctx;
	int n;
	int64_t want;                 /* history N: the one to find */
	struct store_interview found;
	int have;
};

static const char *
history_status(struct ctx *ctx, const struct store_interview *iv)
{
	if (iv->complete)
		return L(ctx->lang, "완료", "complete");
	return iv->ended != 0 ? L(ctx->lang, "미완료", "incomplete") : L(ctx->lang, "중단됨", "abandoned");
}

static int
history_row(const struct store_interview *iv, void *arg)
{
	struct history_list *h = arg;
	struct ctx *ctx = h->ctx;
	char when[40], score[16];

	if (h->want > 0) {
		if (iv->id == h->want) {
			h->found = *iv;
			h->have = 1;
			return 1;
		}
		return 0;
	}
	if (h->n++ == 0)
		fprintf(ctx->out, "%s%4s  %-16s  %5s  %5s  %s%s\n", render_style(ctx->color, "dim"), "#",
		        L(ctx->lang, "시작", "started"), L(ctx->lang, "질문", "turns"),
		        L(ctx->lang, "점수", "score"), L(ctx->lang, "상태", "status"),
		        render_style(ctx->color, "reset"));
	clock_format_time(iv->started, when, sizeof when);
	if (iv->score >= 0)
		snprintf(score, sizeof score, "%.0f%%", iv->score);
	else
		snprintf(score, sizeof score, "-");
	fprintf(ctx->out, "%4lld  %-16s  %5d  %5s  %s\n", (long long)iv->id, when, iv->nturns, score,
	        history_status(ctx, iv));
	return 0;
}

struct history_turns {
	struct ctx *ctx;
	const struct card *prev;      /* the card of the turn before */
	int depth;
	int q;
};

/* 1 if card a lists b among its follow-ups. */
static int
follows(const struct card *a, const struct card *b)
{
	size_t i;

	for (i = 0; a != NULL && b != NULL && i < a->nfollow_ups; i++)
		if (strcmp(a->follow_ups[i].card, b->id) == 0)
			return 1;
	return 0;
}

/* One stored turn: the question, the answer as typed, time and coverage. */
static int
history_turn(const struct store_turn *t, void *arg)
{
	struct history_turns *h = arg;
	struct ctx *ctx = h->ctx;
	const struct card *c = content_find_card(ctx->content, t->card_id);
	struct render_opts o = { ctx->width, 6, ctx->color };
	char tb[32], tb2[32];

	if (c != NULL && follows(h->prev, c))
		h->depth++;
	else
		h->depth = 0;
	fputc('\n', ctx->out);
	if (h->depth == 0)
		fprintf(ctx->out, "%2d. ", ++h->q);
	else
		fprintf(ctx->out, "    %*s↳ ", 2 * (h->depth - 1), "");
	fprintf(ctx->out, "%s", render_style(ctx->color, "bold"));
	render_safe(ctx->out, t->card_id);
	fprintf(ctx->out, "%s  %s %s", render_style(ctx->color, "reset"), L(ctx->lang, "시간", "time"),
	        clock_str(tb, sizeof tb, t->seconds));
	if (c != NULL)
		fprintf(ctx->out, " / %s", clock_str(tb2, sizeof tb2, card_budget(c)));
	if (t->overrun)
		fprintf(ctx->out, " (%s)", L(ctx->lang, "초과", "over time"));
	fprintf(ctx->out, "  %s %.0f%%\n", L(ctx->lang, "포인트", "points"), 100 * t->coverage);
	if (c != NULL) {
		fprintf(ctx->out, "    ");
		render_wrap_at(ctx->out, text_get(&c->title, ctx->lang), 4, &o);
	} else {
		fprintf(ctx->out, "    %s\n", L(ctx->lang, "(지금 내용에 없는 카드)", "(card no longer in the content)"));
	}
	fprintf(ctx->out, "    %s%s%s\n", render_style(ctx->color, "dim"), L(ctx->lang, "답:", "answer:"),
	        render_style(ctx->color, "reset"));
	{
		/* the answer verbatim, every line indented, control characters escaped */
		const char *p = t->answer != NULL ? t->answer : "";
		while (*p != '\0') {
			size_t n = strcspn(p, "\n");
			char *line = strndup(p, n);
			if (line != NULL) {
				fputs("      ", ctx->out);
				render_safe(ctx->out, line);
				fputc('\n', ctx->out);
				free(line);
			}
			p += n;
			if (*p == '\n')
				p++;
		}
	}
	if (c != NULL && c->npoints > 0 && t->answer != NULL) {
		/* missed points, graded again against the card as it is now */
		struct grade_answer *g = grade_prepare(t->answer);
		size_t k;
		int first = 1;
		for (k = 0; g != NULL && k < c->npoints; k++) {
			if (grade_point(g, &c->points[k]) != 0)
				continue;
			fprintf(ctx->out, "%s", first ? "    " : ", ");
			if (first)
				fprintf(ctx->out, "%s", L(ctx->lang, "놓침: ", "missed: "));
			render_safe(ctx->out, text_get(&c->points[k].label, ctx->lang));
			first = 0;
		}
		if (!first)
			fputc('\n', ctx->out);
		grade_free(g);
	}
	h->prev = c;
	return 0;
}

static int
history_exec(struct ctx *ctx, int argc, char **argv)
{
	struct history_list h;
	struct history_turns ht;
	struct store *st;
	long n = 0;
	char when[40], score[16];

	if (argc > 2)
		return cmd_usage(ctx, &cmd_history_entry);
	if (argc == 2 && cmd_int_arg("history", "N", argv[1], 1, LONG_MAX, &n) != 0)
		return EXIT_USAGE;
	if ((st = ctx_store(ctx)) == NULL)
		return EXIT_FAIL;
	memset(&h, 0, sizeof h);
	h.ctx = ctx;
	h.want = n;
	if (store_interview_list(st, 0, history_row, &h) != 0) {
		cmd_error("history: %s", store_errmsg(st));
		return EXIT_FAIL;
	}
	if (n == 0) {
		if (h.n == 0)
			fprintf(ctx->out, "%s\n", L(ctx->lang, "아직 모의 면접 기록이 없습니다. \"interview\"로 시작하세요.",
			                            "No mock interviews yet. Start one with \"interview\"."));
		return EXIT_OK;
	}
	if (!h.have) {
		cmd_error(L(ctx->lang, "history: 면접 %ld 없음 (\"history\"로 목록을 보세요)",
		            "history: no interview %ld (see \"history\" for the list)"), n);
		return EXIT_FAIL;
	}
	clock_format_time(h.found.started, when, sizeof when);
	if (h.found.score >= 0)
		snprintf(score, sizeof score, "%.0f%%", h.found.score);
	else
		snprintf(score, sizeof score, "-");
	fprintf(ctx->out, "%s%s %ld%s · %s · %s %s · %s\n", render_style(ctx->color, "bold"),
	        L(ctx->lang, "모의 면접", "Mock interview"), n, render_style(ctx->color, "reset"), when,
	        L(ctx->lang, "점수", "score"), score, history_status(ctx, &h.found));
	memset(&ht, 0, sizeof ht);
	ht.ctx = ctx;
	if (store_interview_turns(st, h.found.id, history_turn, &ht) != 0) {
		cmd_error("history: %s", store_errmsg(st));
		return EXIT_FAIL;
	}
	if (ht.q == 0 && ht.depth == 0 && ht.prev == NULL)
		fprintf(ctx->out, "\n%s\n", L(ctx->lang, "답한 질문이 없습니다.", "No question was answered."));
	return EXIT_OK;
}

const struct cmd_entry cmd_history_entry = {
	.name = "history",
	.usage = "history [N]",
	.summary = { "지난 모의 면접 목록을 보거나, 면접 N의 기록을 다시 봅니다",
	             "list past mock interviews, or show interview N again" },
	.help = {
		"목록에는 번호, 시작 시각, 답한 질문 수, 점수, 상태(완료, 미완료, 중단됨)가 나옵니다. "
		"`history N`은 질문과 답을 그대로, 걸린 시간과 포인트 비율, 놓친 포인트와 함께 보여 줍니다.",
		"The list gives each interview's number, start, questions answered, score and status "
		"(complete, incomplete, abandoned). `history N` shows its questions and answers verbatim "
		"with the time taken, the coverage and the points missed.",
	},
	.paged = 1,
	.exec = history_exec,
};
