/*
 * fsrs.h: FSRS-6 spaced-repetition scheduling.
 *
 * A pure module: no I/O, no clock, no allocation. Times are Unix seconds
 * (UTC) passed in by the caller; days are UTC calendar days. Given a card's
 * memory state and a rating at a moment, it says what the card becomes: its
 * state (new, learning, review, relearning), stability, difficulty, the
 * learning step it is on and when it is due next.
 *
 * The results agree with open-spaced-repetition's ts-fsrs 5.4.2 (short-term
 * scheduler): stability and difficulty to rounding, due times to the second.
 * tests/fsrs/ holds the generator of the test vectors that check this.
 */
#ifndef OSPREP_FSRS_H
#define OSPREP_FSRS_H

#include <stddef.h>
#include <stdint.h>

#define FSRS_NW 21           /* FSRS-6 has 21 weights */
#define FSRS_MAX_STEPS 8     /* most (re)learning steps a schedule may have */
#define FSRS_S_MIN 0.001     /* smallest stability, days */
#define FSRS_S_MAX 36500.0   /* largest stability, days */

enum fsrs_state {
	FSRS_NEW,
	FSRS_LEARNING,
	FSRS_REVIEW,
	FSRS_RELEARNING,
	FSRS_STATE_N
};

enum fsrs_rating {
	FSRS_AGAIN = 1,
	FSRS_HARD = 2,
	FSRS_GOOD = 3,
	FSRS_EASY = 4
};

struct fsrs_params {
	double w[FSRS_NW];
	double retention;            /* desired retention, (0, 1]; default 0.9 */
	int max_interval;            /* days; default 36500 */
	int fuzz;                    /* spread intervals of 3 days and more; default off */
	int learning[FSRS_MAX_STEPS];    /* learning steps in minutes; default 1, 10 */
	int nlearning;
	int relearning[FSRS_MAX_STEPS];  /* relearning steps in minutes; default 10 */
	int nrelearning;
};

/* A card's scheduling state. A new card has state FSRS_NEW and zeroes. */
struct fsrs_card {
	enum fsrs_state state;
	double stability;            /* days until recall falls to 90% */
	double difficulty;           /* 1 (easy) to 10 (hard); 0 while new */
	int64_t due;                 /* Unix seconds */
	int64_t last_review;         /* Unix seconds; meaningless while new */
	int step;                    /* index into the (re)learning steps */
	int scheduled_days;          /* interval chosen at the last review */
	int elapsed_days;            /* calendar days between the last two reviews */
	int reps;
	int lapses;
};

/* The default weights (FSRS-6) and settings. */
extern const double fsrs_default_w[FSRS_NW];
void fsrs_params_default(struct fsrs_params *p);

/*
 * Check and normalise p: weights clipped to their ranges (the short-term
 * weights w17, w18 further bounded when there are several relearning steps),
 * retention in (0, 1], a positive max interval, steps positive and at most
 * FSRS_MAX_STEPS. Returns 0, or -1 with a message in err.
 */
int fsrs_params_check(struct fsrs_params *p, char *err, size_t errlen);

/* Parse steps like "1m 10m", "1m,1h,1d" into minutes; the count, or -1. */
int fsrs_parse_steps(const char *s, int *minutes, int max);

/* A new card due at now. */
void fsrs_card_new(struct fsrs_card *c, int64_t now);

/*
 * The card after rating it at now; returns 0, or -1 if the rating is not
 * 1-4 or now lies before the last review. c and out may be the same.
 */
int fsrs_next(const struct fsrs_params *p, const struct fsrs_card *c, int64_t now,
              int rating, struct fsrs_card *out);

/* What each rating (index rating - 1) would give: for the review screen. */
int fsrs_preview(const struct fsrs_params *p, const struct fsrs_card *c, int64_t now,
                 struct fsrs_card out[4]);

/*
 * Probability of recall at now, 0 for a new card. Counts whole days since
 * the last review, as ts-fsrs's get_retrievability does.
 */
double fsrs_retrievability(const struct fsrs_params *p, const struct fsrs_card *c, int64_t now);

/* Probability of recall after t days (fractional) at stability s. */
double fsrs_forgetting_curve(const double *w, double t, double s);

/* The rules, exposed for tests. */
double fsrs_init_stability(const double *w, int rating);
double fsrs_init_difficulty(const double *w, int rating);
double fsrs_next_difficulty(const double *w, double d, int rating);
double fsrs_recall_stability(const double *w, double d, double s, double r, int rating);
double fsrs_forget_stability(const double *w, double d, double s, double r);
double fsrs_short_term_stability(const double *w, double s, int rating);
/* Interval in days for stability s at the desired retention, before fuzz. */
int fsrs_interval(const struct fsrs_params *p, double s);
/* UTC calendar days from a to b (negative if b is earlier). */
int64_t fsrs_day_diff(int64_t a, int64_t b);
/* Fuzz factor in [0, 1) from a seed string: the Alea generator's first number. */
double fsrs_alea(const char *seed);
/* Round half up, as JavaScript's Math.round. */
double fsrs_round(double x);

const char *fsrs_state_name(enum fsrs_state s);
int fsrs_state_parse(const char *s);
const char *fsrs_rating_name(int rating);
int fsrs_rating_parse(const char *s);

#endif
