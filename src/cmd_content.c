/*
 * cmd_content.c: browsing the content: decks, cards, show, search.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "render.h"
#include "text.h"

extern const struct cmd_entry cmd_decks_entry, cmd_cards_entry, cmd_show_entry,
	cmd_search_entry;

/* Print s cut to at most cols display columns, with "…" when cut. */
static void
print_clipped(FILE *out, const char *s, int cols)
{
	char *safe = text_safe(s, 0), *p;
	size_t i = 0, n;
	int w = 0;

	if (safe == NULL)
		return;
	for (p = safe; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	n = strlen(safe);
	if (text_width(safe) <= cols) {
		fputs(safe, out);
		free(safe);
		return;
	}
	while (i < n) {
		int32_t cp;
		int len = text_decode(safe + i, n - i, &cp);
		int cw = len < 0 ? 1 : text_cp_width(cp);
		if (len < 0)
			len = 1;
		if (w + cw > cols - 1)
			break;
		w += cw;
		i += (size_t)len;
	}
	fwrite(safe, 1, i, out);
	fputs("…", out);
	free(safe);
}

/* The text a card is listed by: its title, prompt or front, first line only. */
static const char *
card_headline(const struct card *c, enum lang l)
{
	return text_get(&c->title, l);
}

static int
decks_exec(struct ctx *ctx, int argc, char **argv)
{
	FILE *out = ctx->out;
	size_t i, j, total = 0;
	int idw = 4;

	(void)argv;
	if (argc > 1)
		return cmd_usage(ctx, &cmd_decks_entry);
	if (ctx->content == NULL || ctx->content->ndecks == 0) {
		cmd_error("%s", L(ctx->lang, "불러온 덱이 없습니다", "no decks loaded"));
		return EXIT_FAIL;
	}
	for (i = 0; i < ctx->content->ndecks; i++) {
		int w = text_width(ctx->content->decks[i]->id);
		if (w > idw)
			idw = w;
	}
	for (i = 0; i < ctx->content->ndecks; i++) {
		const struct deck *k = ctx->content->decks[i];
		size_t counts[KIND_N] = { 0 };
		char kinds[200] = "";

		for (j = 0; j < k->ncards; j++)
			counts[k->cards[j].kind]++;
		for (j = 0; j < KIND_N; j++) {
			char part[48];
			if (counts[j] == 0)
				continue;
			snprintf(part, sizeof part, "%s%s %zu", kinds[0] ? ", " : "",
			         card_kind_label((enum card_kind)j, ctx->lang), counts[j]);
			strncat(kinds, part, sizeof kinds - strlen(kinds) - 1);
		}
		fprintf(out, "%s", render_style(ctx->color, "bold"));
		render_pad(out, k->id, idw);
		fprintf(out, "%s %4zu  ", render_style(ctx->color, "reset"), k->ncards);
		print_clipped(out, text_get(&k->title, ctx->lang), ctx->width - idw - 8);
		fputc('\n', out);
		fprintf(out, "%*s%s%s%s\n", idw + 7, "", render_style(ctx->color, "dim"), kinds,
		        render_style(ctx->color, "reset"));
		total += k->ncards;
	}
	fprintf(out, "\n%s: %zu, %s: %zu\n", L(ctx->lang, "덱", "decks"), ctx->content->ndecks,
	        L(ctx->lang, "카드", "cards"), total);
	return EXIT_OK;
}

const struct cmd_entry cmd_decks_entry = {
	.name = "decks",
	.usage = "decks",
	.summary = { "덱 목록과 종류별 카드 수를 봅니다", "list the decks and their cards by kind" },
	.paged = 1,
	.exec = decks_exec,
};

static int
cards_exec(struct ctx *ctx, int argc, char **argv)
{
	const char *deck = NULL, *tag = NULL, *kind = NULL;
	const struct cmd_opt opts[] = {
		{ "deck", &deck, NULL }, { "tag", &tag, NULL }, { "kind", &kind, NULL }, { NULL, NULL, NULL },
	};
	const struct deck *only = NULL;
	FILE *out = ctx->out;
	size_t i, j, shown = 0;
	int npos, k = -1, idw = 0;

	if (cmd_parse(&cmd_cards_entry, argc, argv, opts, &npos) != 0)
		return EXIT_USAGE;
	if (npos > 0)
		return cmd_usage(ctx, &cmd_cards_entry);
	if (deck != NULL && (only = cmd_deck_arg(ctx, deck)) == NULL)
		return EXIT_USAGE;
	if (kind != NULL && (k = card_kind_parse(kind)) < 0) {
		cmd_error("cards: %s \"%s\" (concept, question, flashcard, choice, prediction)",
		          L(ctx->lang, "없는 종류", "unknown kind"), kind);
		return EXIT_USAGE;
	}
	for (i = 0; ctx->content != NULL && i < ctx->content->ndecks; i++)
		for (j = 0; j < ctx->content->decks[i]->ncards; j++) {
			int w = text_width(ctx->content->decks[i]->cards[j].id);
			if (w > idw)
				idw = w;
		}
	if (idw > 24)
		idw = 24;
	for (i = 0; ctx->content != NULL && i < ctx->content->ndecks; i++) {
		const struct deck *d = ctx->content->decks[i];
		if (only != NULL && d != only)
			continue;
		for (j = 0; j < d->ncards; j++) {
			const struct card *c = &d->cards[j];
			const char *label = card_kind_label(c->kind, ctx->lang);
			if (k >= 0 && (int)c->kind != k)
				continue;
			if (tag != NULL && !card_has_tag(c, tag))
				continue;
			render_pad(out, c->id, idw);
			fprintf(out, "  %s", render_style(ctx->color, "dim"));
			render_pad(out, label, 11);
			fprintf(out, "%s ", render_style(ctx->color, "reset"));
			print_clipped(out, card_headline(c, ctx->lang), ctx->width - idw - 15);
			fputc('\n', out);
			shown++;
		}
	}
	if (shown == 0) {
		cmd_error("%s", L(ctx->lang, "조건에 맞는 카드가 없습니다", "no cards match"));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

const struct cmd_entry cmd_cards_entry = {
	.name = "cards",
	.usage = "cards [--deck D] [--tag T] [--kind K]",
	.summary = { "카드 목록을 봅니다 (덱, 태그, 종류로 거를 수 있음)",
	             "list cards, filtered by deck, tag or kind" },
	.help = {
		"종류(K): `concept`(개념), `question`(면접 질문), `flashcard`(플래시카드), "
		"`choice`(객관식), `prediction`(예측).",
		"Kinds (K): `concept`, `question`, `flashcard`, `choice`, `prediction`.",
	},
	.complete = COMPLETE_DECK,
	.paged = 1,
	.exec = cards_exec,
};

static void
heading(struct ctx *ctx, const char *ko, const char *en)
{
	fprintf(ctx->out, "\n%s%s%s\n", render_style(ctx->color, "yellow"), L(ctx->lang, ko, en),
	        render_style(ctx->color, "reset"));
}

static void
show_list(struct ctx *ctx, const char *ko, const char *en, const struct strlist *l)
{
	size_t i;

	if (l->n == 0)
		return;
	fprintf(ctx->out, "%s%s: ", render_style(ctx->color, "dim"), L(ctx->lang, ko, en));
	for (i = 0; i < l->n; i++) {
		render_safe(ctx->out, l->v[i]);
		if (i + 1 < l->n)
			fputs(", ", ctx->out);
	}
	fprintf(ctx->out, "%s\n", render_style(ctx->color, "reset"));
}

/* Render a card in full, in the session's language. */
static void
show_card(struct ctx *ctx, const struct card *c)
{
	FILE *out = ctx->out;
	struct render_opts o = { ctx->width, 0, ctx->color };
	struct render_opts in = { ctx->width, 2, ctx->color };
	enum lang l = ctx->lang;
	size_t i;

	fprintf(out, "%s[%s] ", render_style(ctx->color, "dim"), card_kind_label(c->kind, l));
	render_safe(out, c->id);
	fputs(" · ", out);
	render_safe(out, text_get(&c->deck->title, l));
	fprintf(out, "%s\n\n", render_style(ctx->color, "reset"));

	switch (c->kind) {
	case KIND_CONCEPT:
		render_title(out, text_get(&c->title, l), &o);
		fputc('\n', out);
		render_markdown(out, text_get(&c->body, l), &o);
		break;
	case KIND_QUESTION:
		render_title(out, text_get(&c->title, l), &o);
		heading(ctx, "모범 답안", "Model answer");
		render_markdown(out, text_get(&c->body, l), &in);
		heading(ctx, "핵심 포인트", "Key points");
		for (i = 0; i < c->npoints; i++) {
			fputs("  • ", out);
			render_safe(out, text_get(&c->points[i].label, l));
			fputc('\n', out);
		}
		if (c->nfollow_ups > 0) {
			heading(ctx, "꼬리질문", "Follow-up questions");
			for (i = 0; i < c->nfollow_ups; i++) {
				const struct card *f = content_find_card(ctx->content, c->follow_ups[i].card);
				fputs("  → ", out);
				render_safe(out, c->follow_ups[i].card);
				if (f != NULL) {
					fputs("  ", out);
					print_clipped(out, text_get(&f->title, l), ctx->width - 30);
				}
				fputc('\n', out);
			}
		}
		break;
	case KIND_FLASHCARD:
		render_markdown(out, text_get(&c->title, l), &o);
		fprintf(out, "\n%s──%s\n\n", render_style(ctx->color, "dim"), render_style(ctx->color, "reset"));
		render_markdown(out, text_get(&c->body, l), &o);
		break;
	case KIND_CHOICE:
	case KIND_PREDICTION:
		render_markdown(out, text_get(&c->title, l), &o);
		fputc('\n', out);
		for (i = 0; i < c->noptions; i++) {
			const struct option *op = &c->options[i];
			fprintf(out, "  %c) ", (int)('a' + i));
			render_safe(out, text_get(&op->text, l));
			if (c->kind == KIND_CHOICE && op->correct)
				fprintf(out, "  %s✓%s", render_style(ctx->color, "green"),
				        render_style(ctx->color, "reset"));
			fputc('\n', out);
		}
		if (c->kind == KIND_PREDICTION)
			fprintf(out, "\n%s\n", L(l, "정답은 카드가 아니라 이 컴퓨터에서 돌린 데모의 측정값이 정합니다.",
			                         "The answer is decided by the demo's measurement on this machine, not by the card."));
		if (c->body.s[0] != NULL) {
			fputc('\n', out);
			render_markdown(out, text_get(&c->body, l), &o);
		}
		break;
	default:
		break;
	}
	fputc('\n', out);
	show_list(ctx, "태그", "tags", &c->tags);
	show_list(ctx, "다루는 질문", "covers", &c->covers);
	show_list(ctx, "함께 볼 카드", "see also", &c->see_also);
	if (c->demo != NULL)
		fprintf(out, "%s%s `%s`%s\n", render_style(ctx->color, "green"),
		        L(l, "▶ 이 내용을 직접 확인하는 데모: run 또는 demo", "▶ see it run on this machine: run, or demo"),
		        c->demo, render_style(ctx->color, "reset"));
}

static int
show_exec(struct ctx *ctx, int argc, char **argv)
{
	const struct card *c;

	if (argc != 2)
		return cmd_usage(ctx, &cmd_show_entry);
	c = cmd_card_arg(ctx, argv[1]);
	if (c == NULL)
		return EXIT_FAIL;
	show_card(ctx, c);
	ctx->last_card = c;
	return EXIT_OK;
}

const struct cmd_entry cmd_show_entry = {
	.name = "show",
	.usage = "show CARD",
	.summary = { "카드 하나를 보여 줍니다", "show one card in full" },
	.help = {
		"카드에 데모가 있으면 `show` 다음에 `run`으로 그 데모를 실행합니다.",
		"When the card has a demo, `run` after `show` starts it.",
	},
	.complete = COMPLETE_CARD,
	.paged = 1,
	.exec = show_exec,
};

/* Search ----------------------------------------------------------------- */

static int
text_has(const char *hay, const char *folded_word)
{
	char *f;
	int r;

	if (hay == NULL)
		return 0;
	f = text_fold(hay);
	if (f == NULL)
		return 0;
	r = strstr(f, folded_word) != NULL;
	free(f);
	return r;
}

static int
card_has(const struct card *c, const char *w)
{
	size_t i;
	int l;

	if (strstr(c->id, w) != NULL)
		return 1;
	for (i = 0; i < c->tags.n; i++)
		if (strstr(c->tags.v[i], w) != NULL)
			return 1;
	for (l = 0; l < LANG_N; l++) {
		if (text_has(c->title.s[l], w) || text_has(c->body.s[l], w))
			return 1;
		for (i = 0; i < c->noptions; i++)
			if (text_has(c->options[i].text.s[l], w))
				return 1;
		for (i = 0; i < c->npoints; i++)
			if (text_has(c->points[i].label.s[l], w))
				return 1;
	}
	return 0;
}

static int
search_exec(struct ctx *ctx, int argc, char **argv)
{
	char **words;
	size_t i, j, found = 0;
	int a, nw = argc - 1;

	if (argc < 2)
		return cmd_usage(ctx, &cmd_search_entry);
	words = calloc((size_t)nw, sizeof *words);
	if (words == NULL)
		return EXIT_FAIL;
	for (a = 0; a < nw; a++)
		words[a] = text_fold(argv[a + 1]);
	for (i = 0; ctx->content != NULL && i < ctx->content->ndecks; i++) {
		const struct deck *d = ctx->content->decks[i];
		for (j = 0; j < d->ncards; j++) {
			const struct card *c = &d->cards[j];
			int all = 1;
			for (a = 0; a < nw && all; a++)
				all = words[a] != NULL && card_has(c, words[a]);
			if (!all)
				continue;
			fprintf(ctx->out, "%s", render_style(ctx->color, "bold"));
			render_pad(ctx->out, c->id, 22);
			fprintf(ctx->out, "%s ", render_style(ctx->color, "reset"));
			print_clipped(ctx->out, card_headline(c, ctx->lang), ctx->width - 24);
			fputc('\n', ctx->out);
			found++;
		}
	}
	for (a = 0; a < nw; a++)
		free(words[a]);
	free(words);
	if (found == 0) {
		cmd_error("%s", L(ctx->lang, "찾는 말이 들어간 카드가 없습니다", "no card matches"));
		return EXIT_FAIL;
	}
	fprintf(ctx->out, "\n%zu %s\n", found, L(ctx->lang, "개 카드", "cards"));
	return EXIT_OK;
}

const struct cmd_entry cmd_search_entry = {
	.name = "search",
	.usage = "search WORDS...",
	.summary = { "질문, 답, 태그에서 낱말을 찾습니다 (한국어·영어 모두)",
	             "find cards by words in prompts, answers and tags (Korean and English)" },
	.help = {
		"모든 낱말이 들어간 카드를 찾습니다. 대소문자와 유니코드 정규화(NFC) 차이는 무시합니다.",
		"Finds cards holding every word. Case and Unicode normalisation (NFC) differences are ignored.",
	},
	.paged = 1,
	.exec = search_exec,
};
