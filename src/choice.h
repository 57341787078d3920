/*
 * choice.h: choice cards, shown and graded the same way wherever they are
 * studied (practice, review).
 *
 * The options are shuffled from a seed (the same seed, the same order) and
 * numbered from 1; the user's numbers refer to that order. Grading shows
 * every option with a tick or a cross, what was picked, and why each option
 * is right or wrong. This module prints, but it neither reads input nor
 * touches the store: the caller owns the prompts and the schedule.
 */
#ifndef OSPREP_CHOICE_H
#define OSPREP_CHOICE_H

#include <stddef.h>
#include <stdint.h>

#include "cmd.h"

struct choice {
	const struct card *card;
	size_t n;                    /* options */
	size_t ncorrect;             /* right ones among them */
	size_t *order;               /* order[i]: the option shown as number i + 1 */
	unsigned char *picked;       /* picked[i]: number i + 1 was picked */
};

/* Shuffle c's options with seed. 0, or -1 (out of memory, said). */
int choice_init(struct ctx *ctx, struct choice *ch, const struct card *c, uint64_t seed);
void choice_free(struct choice *ch);

/* The numbered options in their shuffled order, then an empty line. */
void choice_show(struct ctx *ctx, const struct choice *ch);

/* "맞는 것을 모두 고르세요 (예: 1 3)": what to type, without a colon. */
const char *choice_prompt(enum lang l);

/*
 * Take the user's numbers: "1 3", "1,3" or "13" (up to 9 options). Returns
 * how many were picked; 0 or -1 (not an option number) mean ask again, and
 * choice_retry says so.
 */
int choice_pick(struct choice *ch, const char *reply);
void choice_retry(struct ctx *ctx, const struct choice *ch);

/*
 * Show the verdict: every option marked right or wrong with what was picked
 * and why, then the card's explanation. Returns 1 if exactly the right
 * options were picked, else 0.
 */
int choice_grade(struct ctx *ctx, const struct choice *ch);

/* An option's reason, indented under it (nothing when it has none). */
void choice_why(struct ctx *ctx, const struct option *op);

#endif
