/*
 * test_fsrs.c: the FSRS-6 rules one by one, then every test vector that
 * tests/fsrs/gen-vectors.mjs wrote from ts-fsrs 5.4.2.
 *
 * The vector file is $OSPREP_ROOT/tests/fsrs/vectors.tsv; OSPREP_ROOT comes
 * from the environment, else from the build (-DOSPREP_ROOT), else ".".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsrs.h"

#ifndef OSPREP_ROOT
#define OSPREP_ROOT "."
#endif

#define T0 1700000000LL /* 2023-11-14 22:13:20 UTC */
#define MIN 60
#define DAY 86400

static const double *W = fsrs_default_w;

static void
assert_near(double got, double want, double rel)
{
	double tol = rel * fmax(fabs(want), 1e-9);

	if (fabs(got - want) > tol)
		fail_msg("got %.10g, want %.10g (relative tolerance %g)", got, want, rel);
}

static struct fsrs_params
defaults(void)
{
	struct fsrs_params p;

	fsrs_params_default(&p);
	return p;
}

/* A card rated once per rating in turn, each at its own moment. */
static struct fsrs_card
rate(const struct fsrs_params *p, struct fsrs_card c, int64_t now, int rating)
{
	struct fsrs_card out;

	assert_int_equal(fsrs_next(p, &c, now, rating, &out), 0);
	return out;
}

static void
params_should_default_to_fsrs6_weights_and_settings(void **state)
{
	struct fsrs_params p = defaults();
	static const double want[FSRS_NW] = {
		0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
		0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658,
		0.1542,
	};
	int i;

	(void)state;
	for (i = 0; i < FSRS_NW; i++)
		assert_true(p.w[i] == want[i]);
	assert_true(p.retention == 0.9);
	assert_int_equal(p.max_interval, 36500);
	assert_int_equal(p.fuzz, 0);
	assert_int_equal(p.nlearning, 2);
	assert_int_equal(p.learning[0], 1);
	assert_int_equal(p.learning[1], 10);
	assert_int_equal(p.nrelearning, 1);
	assert_int_equal(p.relearning[0], 10);
}

static void
params_should_clip_weights_and_reject_bad_settings(void **state)
{
	struct fsrs_params p = defaults();
	char err[128];

	(void)state;
	p.w[4] = 20.0;   /* initial difficulty at most 10 */
	p.w[0] = -1.0;   /* stability at least 0.001 */
	p.w[20] = 0.05;  /* decay at least 0.1 */
	assert_int_equal(fsrs_params_check(&p, err, sizeof err), 0);
	assert_true(p.w[4] == 10.0);
	assert_true(p.w[0] == 0.001);
	assert_true(p.w[20] == 0.1);

	p = defaults();
	p.retention = 0.0;
	assert_int_equal(fsrs_params_check(&p, err, sizeof err), -1);
	assert_non_null(strstr(err, "retention"));
	p = defaults();
	p.retention = 1.01;
	assert_int_equal(fsrs_params_check(&p, err, sizeof err), -1);
	p = defaults();
	p.max_interval = 0;
	assert_int_equal(fsrs_params_check(&p, err, sizeof err), -1);
	p = defaults();
	p.learning[0] = 0;
	assert_int_equal(fsrs_params_check(&p, err, sizeof err), -1);
	p = defaults();
	p.w[3] = NAN;
	assert_int_equal(fsrs_params_check(&p, err, sizeof err), -1);
}

static void
params_should_bound_short_term_weights_with_several_relearning_steps(void **state)
{
	struct fsrs_params p = defaults();
	char err[128];

	(void)state;
	/* with w11 = 5, w13 = 0.9, w14 = 4 the bound is sqrt(-(ln5 + ln(2^.9-1) + 1.2)/3) */
	p.w[11] = 5.0;
	p.w[13] = 0.9;
	p.w[14] = 4.0;
	p.w[17] = 2.0;
	p.w[18] = 2.0;
	p.nrelearning = 3;
	p.relearning[1] = 30;
	p.relearning[2] = 60;
	assert_int_equal(fsrs_params_check(&p, err, sizeof err), 0);
	assert_true(p.w[17] == 0.01);   /* the bound is negative: the floor 0.01 */
	assert_true(p.w[18] == 0.01);

	p = defaults();
	p.w[17] = 2.0;
	p.w[18] = 2.0;
	assert_int_equal(fsrs_params_check(&p, err, sizeof err), 0);
	assert_true(p.w[17] == 2.0);    /* one relearning step: the plain ceiling */
}

static void
steps_should_parse_minutes_hours_and_days(void **state)
{
	int m[FSRS_MAX_STEPS];

	(void)state;
	assert_int_equal(fsrs_parse_steps("1m 10m", m, FSRS_MAX_STEPS), 2);
	assert_int_equal(m[0], 1);
	assert_int_equal(m[1], 10);
	assert_int_equal(fsrs_parse_steps("1m,1h,2d", m, FSRS_MAX_STEPS), 3);
	assert_int_equal(m[1], 60);
	assert_int_equal(m[2], 2880);
	assert_int_equal(fsrs_parse_steps("", m, FSRS_MAX_STEPS), 0);
	assert_int_equal(fsrs_parse_steps("10", m, FSRS_MAX_STEPS), -1);
	assert_int_equal(fsrs_parse_steps("10s", m, FSRS_MAX_STEPS), -1);
	assert_int_equal(fsrs_parse_steps("0m", m, FSRS_MAX_STEPS), -1);
	assert_int_equal(fsrs_parse_steps("1m 2m 3m", m, 2), -1);
}

static void
forgetting_curve_should_be_ninety_percent_at_stability(void **state)
{
	double s;

	(void)state;
	for (s = 0.5; s < 5000; s *= 3.7)
		assert_near(fsrs_forgetting_curve(W, s, s), 0.9, 1e-7);
	assert_true(fsrs_forgetting_curve(W, 0, 10) == 1.0);
	assert_true(fsrs_forgetting_curve(W, 5, 10) > fsrs_forgetting_curve(W, 6, 10));
	assert_near(fsrs_forgetting_curve(W, 30, 10), 0.8093881, 1e-7);
	assert_near(fsrs_forgetting_curve(W, 1.5, 2), 0.9185229, 1e-7);
}

static void
initial_state_should_follow_the_first_rating(void **state)
{
	static const double d0[4] = { 6.4133, 5.11217071, 2.11810397, -4.7716307 };
	int g;

	(void)state;
	for (g = FSRS_AGAIN; g <= FSRS_EASY; g++) {
		assert_true(fsrs_init_stability(W, g) == W[g - 1]);
		assert_near(fsrs_init_difficulty(W, g), d0[g - 1], 1e-9);
	}
}

static void
initial_stability_should_be_at_least_a_tenth_of_a_day(void **state)
{
	double w[FSRS_NW];

	(void)state;
	memcpy(w, W, sizeof w);
	w[0] = 0.01;
	assert_true(fsrs_init_stability(w, FSRS_AGAIN) == 0.1);
}

static void
new_card_should_clamp_initial_difficulty_to_one(void **state)
{
	struct fsrs_params p = defaults();
	struct fsrs_card c;

	(void)state;
	fsrs_card_new(&c, T0);
	c = rate(&p, c, T0, FSRS_EASY);   /* D0(easy) is below 1 with the defaults */
	assert_true(c.difficulty == 1.0);
	assert_true(c.stability == W[3]);
}

static void
difficulty_should_move_by_rating_and_revert_to_the_mean(void **state)
{
	(void)state;
	assert_near(fsrs_next_difficulty(W, 5, FSRS_AGAIN), 8.34176237, 1e-9);
	assert_near(fsrs_next_difficulty(W, 5, FSRS_GOOD), 4.99022837, 1e-9);
	assert_near(fsrs_next_difficulty(W, 5, FSRS_EASY), 3.31446137, 1e-9);
	/* good changes nothing but the pull towards D0(easy) */
	assert_true(fsrs_next_difficulty(W, 5, FSRS_GOOD) < 5.0);
	/* damping: near 10 an again moves little, and never past 10 */
	assert_near(fsrs_next_difficulty(W, 9.9, FSRS_AGAIN), 9.95235905, 1e-9);
	assert_true(fsrs_next_difficulty(W, 10, FSRS_AGAIN) <= 10.0);
	assert_true(fsrs_next_difficulty(W, 1, FSRS_EASY) >= 1.0);
}

static void
recall_stability_should_grow_more_for_easier_ratings(void **state)
{
	double hard = fsrs_recall_stability(W, 5, 10, 0.9, FSRS_HARD);
	double good = fsrs_recall_stability(W, 5, 10, 0.9, FSRS_GOOD);
	double easy = fsrs_recall_stability(W, 5, 10, 0.9, FSRS_EASY);

	(void)state;
	assert_near(hard, 23.24687511, 1e-9);
	assert_near(good, 32.02672948, 1e-9);
	assert_near(easy, 51.25386165, 1e-9);
	/* recalled when recall was certain: nothing learnt */
	assert_true(fsrs_recall_stability(W, 5, 10, 1.0, FSRS_GOOD) == 10.0);
	/* harder cards grow less */
	assert_true(fsrs_recall_stability(W, 9, 10, 0.9, FSRS_GOOD) < good);
}

static void
forget_stability_should_drop_after_a_lapse(void **state)
{
	(void)state;
	assert_near(fsrs_forget_stability(W, 5, 10, 0.9), 1.39198697, 1e-9);
	assert_true(fsrs_forget_stability(W, 5, 10, 0.9) < 10.0);
	/* forgetting when recall was unlikely costs less than when it was likely */
	assert_true(fsrs_forget_stability(W, 5, 10, 0.5) > fsrs_forget_stability(W, 5, 10, 0.95));
}

static void
lapse_should_not_leave_stability_above_the_short_term_floor(void **state)
{
	struct fsrs_params p = defaults();
	struct fsrs_card c = { .state = FSRS_REVIEW, .stability = 10, .difficulty = 5,
	                       .last_review = T0, .due = T0 + 10 * DAY };

	(void)state;
	c = rate(&p, c, T0 + 5 * DAY, FSRS_AGAIN);
	assert_near(c.stability, 1.30243125, 1e-9);
	assert_near(c.difficulty, 8.34176237, 1e-9);
	assert_int_equal(c.state, FSRS_RELEARNING);
	assert_int_equal(c.lapses, 1);
}

static void
short_term_stability_should_never_fall_for_a_pass(void **state)
{
	(void)state;
	assert_near(fsrs_short_term_stability(W, 3, FSRS_AGAIN), 0.99084179, 1e-9);
	assert_true(fsrs_short_term_stability(W, 3, FSRS_HARD) == 3.0);
	assert_true(fsrs_short_term_stability(W, 3, FSRS_GOOD) == 3.0);
	assert_near(fsrs_short_term_stability(W, 3, FSRS_EASY), 5.04450534, 1e-9);
}

static void
interval_should_follow_retention_and_the_cap(void **state)
{
	struct fsrs_params p = defaults();

	(void)state;
	/* at 90% retention the interval is the stability, rounded */
	assert_int_equal(fsrs_interval(&p, 7.43792762), 7);
	assert_int_equal(fsrs_interval(&p, 28.5), 29);
	assert_int_equal(fsrs_interval(&p, 0.2), 1);      /* at least a day */
	p.retention = 0.95;
	assert_true(fsrs_interval(&p, 100) < 100);
	p.retention = 0.8;
	assert_true(fsrs_interval(&p, 100) > 100);
	p = defaults();
	p.max_interval = 30;
	assert_int_equal(fsrs_interval(&p, 1000), 30);
}

static void
day_diff_should_count_utc_calendar_days(void **state)
{
	(void)state;
	assert_int_equal(fsrs_day_diff(T0, T0 + 60), 0);
	/* 23:59:59 to 00:00:00 the next day is a day */
	assert_int_equal(fsrs_day_diff(86400 * 19000 - 1, 86400 * 19000), 1);
	/* 00:00:00 to 23:59:59 the same day is none */
	assert_int_equal(fsrs_day_diff(86400 * 19000, 86400 * 19001 - 1), 0);
	assert_int_equal(fsrs_day_diff(-1, 0), 1);
	assert_int_equal(fsrs_day_diff(-86400, -1), 0);
	assert_int_equal(fsrs_day_diff(T0 + 10 * DAY, T0), -10);
}

static void
new_card_should_take_the_learning_steps(void **state)
{
	struct fsrs_params p = defaults();
	struct fsrs_card c, out[4];

	(void)state;
	fsrs_card_new(&c, T0);
	assert_int_equal(fsrs_preview(&p, &c, T0, out), 0);
	assert_int_equal(out[0].state, FSRS_LEARNING);
	assert_int_equal(out[0].due, T0 + 1 * MIN);
	assert_int_equal(out[0].step, 0);
	assert_int_equal(out[1].state, FSRS_LEARNING);
	assert_int_equal(out[1].due, T0 + 6 * MIN);       /* hard: halfway between the steps */
	assert_int_equal(out[2].state, FSRS_LEARNING);
	assert_int_equal(out[2].due, T0 + 10 * MIN);
	assert_int_equal(out[2].step, 1);
	assert_int_equal(out[3].state, FSRS_REVIEW);     /* easy skips the steps */
	assert_int_equal(out[3].scheduled_days, 8);
	assert_int_equal(out[3].due, T0 + 8 * DAY);
	assert_int_equal(out[3].reps, 1);
}

static void
learning_card_should_graduate_after_the_last_step(void **state)
{
	struct fsrs_params p = defaults();
	struct fsrs_card c;

	(void)state;
	fsrs_card_new(&c, T0);
	c = rate(&p, c, T0, FSRS_GOOD);
	assert_int_equal(c.step, 1);
	c = rate(&p, c, T0 + 10 * MIN, FSRS_HARD);        /* hard repeats the step */
	assert_int_equal(c.state, FSRS_LEARNING);
	assert_int_equal(c.step, 1);
	assert_int_equal(c.due, T0 + 16 * MIN);
	c = rate(&p, c, T0 + 20 * MIN, FSRS_AGAIN);       /* again restarts */
	assert_int_equal(c.step, 0);
	assert_int_equal(c.due, T0 + 21 * MIN);
	c = rate(&p, c, T0 + 21 * MIN, FSRS_GOOD);
	c = rate(&p, c, T0 + 31 * MIN, FSRS_GOOD);
	assert_int_equal(c.state, FSRS_REVIEW);
	assert_true(c.scheduled_days >= 1);
	assert_int_equal(c.due, T0 + 31 * MIN + (int64_t)c.scheduled_days * DAY);
	assert_int_equal(c.reps, 5);
}

static void
review_card_should_relearn_after_a_lapse(void **state)
{
	struct fsrs_params p = defaults();
	struct fsrs_card c = { .state = FSRS_REVIEW, .stability = 20, .difficulty = 5,
	                       .last_review = T0, .due = T0 + 20 * DAY, .reps = 4 };
	struct fsrs_card out[4];

	(void)state;
	assert_int_equal(fsrs_preview(&p, &c, T0 + 20 * DAY, out), 0);
	assert_int_equal(out[0].state, FSRS_RELEARNING);
	assert_int_equal(out[0].due, T0 + 20 * DAY + 10 * MIN);
	assert_int_equal(out[0].lapses, 1);
	/* hard < good < easy, each at least a day apart */
	assert_true(out[1].scheduled_days < out[2].scheduled_days);
	assert_true(out[2].scheduled_days < out[3].scheduled_days);
	c = out[0];
	c = rate(&p, c, T0 + 20 * DAY + 15 * MIN, FSRS_HARD);   /* one step: hard is 1.5x */
	assert_int_equal(c.state, FSRS_RELEARNING);
	assert_int_equal(c.due, T0 + 20 * DAY + 30 * MIN);
	c = rate(&p, c, T0 + 20 * DAY + 30 * MIN, FSRS_GOOD);
	assert_int_equal(c.state, FSRS_REVIEW);
	assert_int_equal(c.lapses, 1);
}

static void
review_intervals_should_keep_hard_good_easy_apart(void **state)
{
	struct fsrs_params p = defaults();
	struct fsrs_card c = { .state = FSRS_REVIEW, .stability = 0.5, .difficulty = 9,
	                       .last_review = T0, .due = T0 + DAY };
	struct fsrs_card out[4];

	(void)state;
	/* a same-day review barely moves stability: the order is enforced */
	assert_int_equal(fsrs_preview(&p, &c, T0 + 60, out), 0);
	assert_int_equal(out[1].scheduled_days, 1);
	assert_int_equal(out[2].scheduled_days, 2);
	assert_true(out[3].scheduled_days >= 3);
}

static void
no_learning_steps_should_schedule_in_days_at_once(void **state)
{
	struct fsrs_params p = defaults();
	struct fsrs_card c;

	(void)state;
	p.nlearning = 0;
	p.nrelearning = 0;
	fsrs_card_new(&c, T0);
	c = rate(&p, c, T0, FSRS_AGAIN);
	assert_int_equal(c.state, FSRS_REVIEW);
	assert_int_equal(c.due, T0 + DAY);
	c = rate(&p, c, c.due, FSRS_AGAIN);
	assert_int_equal(c.state, FSRS_REVIEW);           /* no relearning step either */
	assert_int_equal(c.lapses, 1);
}

static void
day_long_step_should_schedule_whole_days(void **state)
{
	struct fsrs_params p = defaults();
	struct fsrs_card c;

	(void)state;
	p.learning[0] = 10;
	p.learning[1] = 1440;
	fsrs_card_new(&c, T0);
	c = rate(&p, c, T0, FSRS_GOOD);
	assert_int_equal(c.state, FSRS_REVIEW);
	assert_int_equal(c.step, 1);
	assert_int_equal(c.scheduled_days, 1);
	assert_int_equal(c.due, T0 + DAY);
}

static void
next_should_reject_bad_ratings_and_time_going_back(void **state)
{
	struct fsrs_params p = defaults();
	struct fsrs_card c = { .state = FSRS_REVIEW, .stability = 5, .difficulty = 5,
	                       .last_review = T0, .due = T0 + 5 * DAY };
	struct fsrs_card out;

	(void)state;
	assert_int_equal(fsrs_next(&p, &c, T0 + DAY, 0, &out), -1);
	assert_int_equal(fsrs_next(&p, &c, T0 + DAY, 5, &out), -1);
	assert_int_equal(fsrs_next(&p, &c, T0 - 2 * DAY, FSRS_GOOD, &out), -1);
	/* earlier on the same day is still day 0 */
	assert_int_equal(fsrs_next(&p, &c, T0 - 1, FSRS_GOOD, &out), 0);
}

static void
fuzz_should_be_reproducible_and_stay_in_its_window(void **state)
{
	struct fsrs_params p = defaults();
	struct fsrs_card c = { .state = FSRS_REVIEW, .stability = 40, .difficulty = 5,
	                       .last_review = T0, .due = T0 + 40 * DAY, .reps = 3 };
	struct fsrs_card a, b, plain;
	int spread = 0;
	int64_t t;

	(void)state;
	assert_int_equal(fsrs_next(&p, &c, T0 + 40 * DAY, FSRS_GOOD, &plain), 0);
	p.fuzz = 1;
	for (t = T0 + 40 * DAY; t < T0 + 40 * DAY + 50 * 3600; t += 3600) {
		assert_int_equal(fsrs_next(&p, &c, t, FSRS_GOOD, &a), 0);
		assert_int_equal(fsrs_next(&p, &c, t, FSRS_GOOD, &b), 0);
		assert_int_equal(a.scheduled_days, b.scheduled_days);
		if (fsrs_day_diff(T0, t) == 40) {
			/* 2.5-7: 15%, 7-20: 10%, beyond: 5% */
			double delta = 1 + 0.15 * 4.5 + 0.1 * 13 + 0.05 * (plain.scheduled_days - 20);
			assert_true(a.scheduled_days >= plain.scheduled_days - (int)ceil(delta));
			assert_true(a.scheduled_days <= plain.scheduled_days + (int)ceil(delta));
			if (a.scheduled_days != plain.scheduled_days)
				spread++;
		}
	}
	assert_true(spread > 0);
	/* the factor depends on the seed only (ts-fsrs's exact values: the vectors) */
	assert_true(fsrs_alea("hello") >= 0.0 && fsrs_alea("hello") < 1.0);
	assert_true(fsrs_alea("hello") == fsrs_alea("hello"));
	assert_true(fsrs_alea("hello") != fsrs_alea("hellp"));
}

static void
retrievability_should_count_whole_days_since_the_review(void **state)
{
	struct fsrs_params p = defaults();
	struct fsrs_card c = { .state = FSRS_REVIEW, .stability = 10, .difficulty = 5,
	                       .last_review = T0, .due = T0 + 10 * DAY };
	struct fsrs_card n;

	(void)state;
	fsrs_card_new(&n, T0);
	assert_true(fsrs_retrievability(&p, &n, T0 + DAY) == 0.0);
	assert_true(fsrs_retrievability(&p, &c, T0 + DAY - 1) == 1.0);
	assert_near(fsrs_retrievability(&p, &c, T0 + 10 * DAY), 0.9, 1e-7);
	assert_near(fsrs_retrievability(&p, &c, T0 + 30 * DAY + 5), 0.8093881, 1e-7);
}

static void
ratings_and_states_should_parse_by_name_letter_and_number(void **state)
{
	(void)state;
	assert_int_equal(fsrs_rating_parse("again"), 1);
	assert_int_equal(fsrs_rating_parse("h"), 2);
	assert_int_equal(fsrs_rating_parse("3"), 3);
	assert_int_equal(fsrs_rating_parse("easy"), 4);
	assert_int_equal(fsrs_rating_parse("5"), -1);
	assert_int_equal(fsrs_rating_parse("good!"), -1);
	assert_int_equal(fsrs_rating_parse(""), -1);
	assert_string_equal(fsrs_rating_name(FSRS_HARD), "hard");
	assert_int_equal(fsrs_state_parse("relearning"), FSRS_RELEARNING);
	assert_int_equal(fsrs_state_parse("old"), -1);
	assert_string_equal(fsrs_state_name(FSRS_REVIEW), "review");
}

/* Split a tab-separated line in place; returns the field count. */
static int
split_tabs(char *line, char **f, int max)
{
	int n = 0;

	line[strcspn(line, "\r\n")] = '\0';
	while (n < max) {
		f[n++] = line;
		line = strchr(line, '\t');
		if (line == NULL)
			break;
		*line++ = '\0';
	}
	return n;
}

static int
parse_steps_field(const char *s, int *m)
{
	char buf[128];
	size_t i;

	if (strcmp(s, "-") == 0)
		return 0;
	snprintf(buf, sizeof buf, "%s", s);
	for (i = 0; buf[i] != '\0'; i++)
		if (buf[i] == ',')
			buf[i] = ' ';
	return fsrs_parse_steps(buf, m, FSRS_MAX_STEPS);
}

static void
vectors_should_match_ts_fsrs(void **state)
{
	const char *root = getenv("OSPREP_ROOT");
	char path[1024], line[1024], err[128];
	struct fsrs_params p;
	struct fsrs_card c;
	FILE *fp;
	int lineno = 0, nrows = 0, nseq = 0, nfuzz = 0, have_seq = 0;

	(void)state;
	snprintf(path, sizeof path, "%s/tests/fsrs/vectors.tsv", root != NULL ? root : OSPREP_ROOT);
	fp = fopen(path, "r");
	if (fp == NULL)
		fail_msg("cannot open \"%s\" (set OSPREP_ROOT to the source tree)", path);
	fsrs_params_default(&p);
	fsrs_card_new(&c, 0);
	while (fgets(line, sizeof line, fp) != NULL) {
		char *f[16];
		int n;

		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		n = split_tabs(line, f, 16);
		if (strcmp(f[0], "S") == 0) {
			assert_int_equal(n, 8);
			fsrs_params_default(&p);
			p.retention = strtod(f[2], NULL);
			p.max_interval = atoi(f[3]);
			p.fuzz = atoi(f[4]);
			p.nlearning = parse_steps_field(f[5], p.learning);
			p.nrelearning = parse_steps_field(f[6], p.relearning);
			assert_true(p.nlearning >= 0 && p.nrelearning >= 0);
			if (strcmp(f[7], "default") != 0) {
				char *s = f[7], *end;
				int i;

				for (i = 0; i < FSRS_NW; i++) {
					p.w[i] = strtod(s, &end);
					assert_true(end != s);
					s = *end == ',' ? end + 1 : end;
				}
			}
			if (fsrs_params_check(&p, err, sizeof err) != 0)
				fail_msg("vectors.tsv:%d: %s", lineno, err);
			nseq++;
			nfuzz += p.fuzz;
			have_seq = 1;
		} else if (strcmp(f[0], "C") == 0) {
			assert_int_equal(n, 2);
			fsrs_card_new(&c, strtoll(f[1], NULL, 10));
		} else if (strcmp(f[0], "R") == 0) {
			int64_t now = strtoll(f[1], NULL, 10);
			int rating = atoi(f[2]);
			double r = fsrs_retrievability(&p, &c, now);
			struct fsrs_card out;
			double ws = strtod(f[5], NULL), wd = strtod(f[6], NULL);

			assert_true(have_seq);
			assert_int_equal(n, 13);
			if (fabs(r - strtod(f[3], NULL)) > 1e-6)
				fail_msg("vectors.tsv:%d: retrievability %.8f, want %s", lineno, r, f[3]);
			if (fsrs_next(&p, &c, now, rating, &out) != 0)
				fail_msg("vectors.tsv:%d: fsrs_next failed", lineno);
			if ((int)out.state != atoi(f[4]) ||
			    fabs(out.stability - ws) > 1e-4 * fabs(ws) ||
			    fabs(out.difficulty - wd) > 1e-4 * fabs(wd) ||
			    out.due != strtoll(f[7], NULL, 10) ||
			    out.scheduled_days != atoi(f[8]) || out.step != atoi(f[9]) ||
			    out.reps != atoi(f[10]) || out.lapses != atoi(f[11]) ||
			    out.elapsed_days != atoi(f[12]))
				fail_msg("vectors.tsv:%d: got state %d s %.8f d %.8f due %lld ivl %d step %d "
				         "reps %d lapses %d elapsed %d; want %s %s %s %s %s %s %s %s %s",
				         lineno, out.state, out.stability, out.difficulty, (long long)out.due,
				         out.scheduled_days, out.step, out.reps, out.lapses, out.elapsed_days,
				         f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12]);
			c = out;
			nrows++;
		} else {
			fail_msg("vectors.tsv:%d: unknown line kind \"%s\"", lineno, f[0]);
		}
	}
	fclose(fp);
	/* the file is what we think it is: enough sequences, some with fuzz */
	assert_true(nseq >= 100);
	assert_true(nrows >= 2000);
	assert_true(nfuzz >= 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(params_should_default_to_fsrs6_weights_and_settings),
		cmocka_unit_test(params_should_clip_weights_and_reject_bad_settings),
		cmocka_unit_test(params_should_bound_short_term_weights_with_several_relearning_steps),
		cmocka_unit_test(steps_should_parse_minutes_hours_and_days),
		cmocka_unit_test(forgetting_curve_should_be_ninety_percent_at_stability),
		cmocka_unit_test(initial_state_should_follow_the_first_rating),
		cmocka_unit_test(initial_stability_should_be_at_least_a_tenth_of_a_day),
		cmocka_unit_test(new_card_should_clamp_initial_difficulty_to_one),
		cmocka_unit_test(difficulty_should_move_by_rating_and_revert_to_the_mean),
		cmocka_unit_test(recall_stability_should_grow_more_for_easier_ratings),
		cmocka_unit_test(forget_stability_should_drop_after_a_lapse),
		cmocka_unit_test(lapse_should_not_leave_stability_above_the_short_term_floor),
		cmocka_unit_test(short_term_stability_should_never_fall_for_a_pass),
		cmocka_unit_test(interval_should_follow_retention_and_the_cap),
		cmocka_unit_test(day_diff_should_count_utc_calendar_days),
		cmocka_unit_test(new_card_should_take_the_learning_steps),
		cmocka_unit_test(learning_card_should_graduate_after_the_last_step),
		cmocka_unit_test(review_card_should_relearn_after_a_lapse),
		cmocka_unit_test(review_intervals_should_keep_hard_good_easy_apart),
		cmocka_unit_test(no_learning_steps_should_schedule_in_days_at_once),
		cmocka_unit_test(day_long_step_should_schedule_whole_days),
		cmocka_unit_test(next_should_reject_bad_ratings_and_time_going_back),
		cmocka_unit_test(fuzz_should_be_reproducible_and_stay_in_its_window),
		cmocka_unit_test(retrievability_should_count_whole_days_since_the_review),
		cmocka_unit_test(ratings_and_states_should_parse_by_name_letter_and_number),
		cmocka_unit_test(vectors_should_match_ts_fsrs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
