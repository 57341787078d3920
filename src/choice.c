/*
 * choice.c: showing and grading choice cards, for practice and review.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "choice.h"
#include "render.h"
#include "rng.h"

int
choice_init(struct ctx *ctx, struct choice *ch, const struct card *c, uint64_t seed)
{
	size_t i;

	memset(ch, 0, sizeof *ch);
	ch->card = c;
	ch->n = c->noptions;
	ch->order = calloc(ch->n + 1, sizeof *ch->order);
	ch->picked = calloc(ch->n + 1, 1);
	if (ch->order == NULL || ch->picked == NULL) {
		choice_free(ch);
		cmd_error("%s", L(ctx->lang, "메모리가 부족합니다", "out of memory"));
		return -1;
	}
	for (i = 0; i < ch->n; i++) {
		ch->order[i] = i;
		ch->ncorrect += c->options[i].correct != 0;
	}
	/* Fisher-Yates */
	for (i = ch->n; i > 1; i--) {
		size_t j = (size_t)(rng_next(&seed) % i), t = ch->order[i - 1];

		ch->order[i - 1] = ch->order[j];
		ch->order[j] = t;
	}
	return 0;
}

void
choice_free(struct choice *ch)
{
	free(ch->order);
	free(ch->picked);
	ch->order = NULL;
	ch->picked = NULL;
}

void
choice_show(struct ctx *ctx, const struct choice *ch)
{
	struct render_opts o = { ctx->width, 5, ctx->color };
	size_t i;

	for (i = 0; i < ch->n; i++) {
		fprintf(stdout, "  %zu) ", i + 1);
		render_wrap_at(stdout, text_get(&ch->card->options[ch->order[i]].text, ctx->lang), 5, &o);
	}
	fputc('\n', stdout);
}

const char *
choice_prompt(enum lang l)
{
	return L(l, "맞는 것을 모두 고르세요 (예: 1 3)", "Pick every right option (e.g. 1 3)");
}

int
choice_pick(struct choice *ch, const char *s)
{
	size_t n = ch->n;
	int count = 0;

	memset(ch->picked, 0, n);
	while (*s != '\0') {
		char *end;
		long v;

		if (*s == ' ' || *s == ',' || *s == '\t') {
			s++;
			continue;
		}
		if (*s < '0' || *s > '9')
			return -1;
		v = strtol(s, &end, 10);
		if (end - s > 1 && n <= 9) {
			/* "13" with single-digit options: each digit is one pick */
			v = *s - '0';
			end = (char *)(uintptr_t)(s + 1);
		}
		if (v < 1 || (size_t)v > n)
			return -1;
		if (!ch->picked[v - 1])
			count++;
		ch->picked[v - 1] = 1;
		s = end;
	}
	return count;
}

void
choice_retry(struct ctx *ctx, const struct choice *ch)
{
	fprintf(stdout, "%s %zu%s\n", L(ctx->lang, "보기 번호를 입력하세요: 1에서", "Type option numbers from 1 to"),
	        ch->n, L(ctx->lang, " 사이", ""));
}

void
choice_why(struct ctx *ctx, const struct option *op)
{
	struct render_opts o = { ctx->width, 7, ctx->color };
	const char *why = text_get(&op->why, ctx->lang);

	if (why != NULL)
		render_markdown(stdout, why, &o);
}

int
choice_grade(struct ctx *ctx, const struct choice *ch)
{
	const struct card *c = ch->card;
	struct render_opts o = { ctx->width, 5, ctx->color };
	size_t i;
	int right = 1;

	for (i = 0; i < ch->n; i++) {
		const struct option *op = &c->options[ch->order[i]];

		if (ch->picked[i] != (op->correct != 0))
			right = 0;
		fprintf(stdout, "%s%s%s %zu) %s ", render_style(ctx->color, op->correct ? "green" : "red"),
		        op->correct ? "✓" : "✗", render_style(ctx->color, "reset"), i + 1,
		        ch->picked[i] ? "▶" : " ");
		render_wrap_at(stdout, text_get(&op->text, ctx->lang), 7, &o);
		choice_why(ctx, op);
	}
	fprintf(stdout, "\n%s%s%s\n", render_style(ctx->color, right ? "green" : "red"),
	        right ? L(ctx->lang, "정답입니다.", "Right.")
	              : L(ctx->lang, "틀렸습니다.", "Not quite."),
	        render_style(ctx->color, "reset"));
	if (!right)
		fprintf(stdout, "%s %zu%s\n", L(ctx->lang, "정답 보기 수:", "Right options:"), ch->ncorrect,
		        L(ctx->lang, "개 (✓ 표시)", " (marked ✓)"));
	if (c->body.s[0] != NULL) {
		struct render_opts e = { ctx->width, 0, ctx->color };

		fputc('\n', stdout);
		render_markdown(stdout, text_get(&c->body, ctx->lang), &e);
	}
	return right;
}
