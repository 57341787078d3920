/*
 * fsrs.c: FSRS-6 scheduling.
 *
 * The arithmetic follows ts-fsrs 5.4.2 step for step, including where it
 * rounds to 8 decimals and the order of its multiplications, so that the
 * results agree to the last bit in nearly every case: an interval is a
 * rounded product, and a different last bit could move a due date by a day.
 * JavaScript's Math.round (half up) is fsrs_round here.
 */
#include "fsrs.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const double fsrs_default_w[FSRS_NW] = {
	0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
	0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658,
	0.1542,
};

/* The range each weight is clipped to (w17 and w18 may be narrowed further). */
static const double fsrs_w_range[FSRS_NW][2] = {
	{ FSRS_S_MIN, 100.0 }, { FSRS_S_MIN, 100.0 }, { FSRS_S_MIN, 100.0 }, { FSRS_S_MIN, 100.0 },
	{ 1.0, 10.0 }, { 0.001, 4.0 }, { 0.001, 4.0 }, { 0.001, 0.75 },
	{ 0.0, 4.5 }, { 0.0, 0.8 }, { 0.001, 3.5 }, { 0.001, 5.0 },
	{ 0.001, 0.25 }, { 0.001, 0.9 }, { 0.0, 4.0 }, { 0.0, 1.0 },
	{ 1.0, 6.0 }, { 0.0, 2.0 }, { 0.0, 2.0 }, { 0.01, 0.8 },
	{ 0.1, 0.8 },
};

#define DAY 86400

double
fsrs_round(double x)
{
	double f = floor(x);

	return x - f >= 0.5 ? f + 1.0 : f;
}

static double
round8(double x)
{
	return fsrs_round(x * 1e8) / 1e8;
}

static double
clamp(double v, double lo, double hi)
{
	return fmin(fmax(v, lo), hi);
}

void
fsrs_params_default(struct fsrs_params *p)
{
	memset(p, 0, sizeof *p);
	memcpy(p->w, fsrs_default_w, sizeof p->w);
	p->retention = 0.9;
	p->max_interval = 36500;
	p->fuzz = 0;
	p->learning[0] = 1;
	p->learning[1] = 10;
	p->nlearning = 2;
	p->relearning[0] = 10;
	p->nrelearning = 1;
}

int
fsrs_params_check(struct fsrs_params *p, char *err, size_t errlen)
{
	double hi17 = fsrs_w_range[17][1];
	int i;

	if (!(p->retention > 0.0 && p->retention <= 1.0)) {
		snprintf(err, errlen, "retention %g is not in (0, 1]", p->retention);
		return -1;
	}
	if (p->max_interval < 1) {
		snprintf(err, errlen, "maximum interval %d is not a positive number of days",
		         p->max_interval);
		return -1;
	}
	if (p->nlearning < 0 || p->nlearning > FSRS_MAX_STEPS ||
	    p->nrelearning < 0 || p->nrelearning > FSRS_MAX_STEPS) {
		snprintf(err, errlen, "at most %d learning and relearning steps", FSRS_MAX_STEPS);
		return -1;
	}
	for (i = 0; i < p->nlearning; i++)
		if (p->learning[i] <= 0) {
			snprintf(err, errlen, "learning step %d is not a positive number of minutes", i + 1);
			return -1;
		}
	for (i = 0; i < p->nrelearning; i++)
		if (p->relearning[i] <= 0) {
			snprintf(err, errlen, "relearning step %d is not a positive number of minutes", i + 1);
			return -1;
		}
	for (i = 0; i < FSRS_NW; i++)
		if (!isfinite(p->w[i])) {
			snprintf(err, errlen, "weight w%d is not a finite number", i);
			return -1;
		}
	/*
	 * With several relearning steps, the short-term boosts over those steps
	 * must not lift a lapsed card's stability above where it was: bound
	 * w17 * w18 so that holds for an easy case (D = 1, R = 0.7, S = 1).
	 */
	if (p->nrelearning > 1) {
		double w11 = clamp(p->w[11], fsrs_w_range[11][0], fsrs_w_range[11][1]);
		double w13 = clamp(p->w[13], fsrs_w_range[13][0], fsrs_w_range[13][1]);
		double w14 = clamp(p->w[14], fsrs_w_range[14][0], fsrs_w_range[14][1]);
		double v = -(log(w11) + log(pow(2.0, w13) - 1.0) + w14 * 0.3) / p->nrelearning;

		hi17 = clamp(round8(sqrt(fmax(v, 0.0))), 0.01, fsrs_w_range[17][1]);
	}
	for (i = 0; i < FSRS_NW; i++) {
		double hi = (i == 17 || i == 18) ? hi17 : fsrs_w_range[i][1];
		p->w[i] = clamp(p->w[i], fsrs_w_range[i][0], hi);
	}
	return 0;
}

int
fsrs_parse_steps(const char *s, int *minutes, int max)
{
	int n = 0;

	for (;;) {
		char *end;
		long v;

		while (*s == ' ' || *s == ',' || *s == '\t')
			s++;
		if (*s == '\0')
			return n;
		if (!isdigit((unsigned char)*s) || n >= max)
			return -1;
		v = strtol(s, &end, 10);
		if (v <= 0 || v > 100000)
			return -1;
		switch (*end) {
		case 'm': break;
		case 'h': v *= 60; break;
		case 'd': v *= 1440; break;
		default: return -1;
		}
		minutes[n++] = (int)v;
		s = end + 1;
		if (*s != '\0' && *s != ' ' && *s != ',' && *s != '\t')
			return -1;
	}
}

void
fsrs_card_new(struct fsrs_card *c, int64_t now)
{
	memset(c, 0, sizeof *c);
	c->state = FSRS_NEW;
	c->due = now;
}

/* decay = -w20; factor makes R = 0.9 when t = S. */
static void
decay_factor(const double *w, double *decay, double *factor)
{
	*decay = -w[20];
	*factor = round8(exp(pow(*decay, -1.0) * log(0.9)) - 1.0);
}

double
fsrs_forgetting_curve(const double *w, double t, double s)
{
	double decay, factor;

	decay_factor(w, &decay, &factor);
	return round8(pow(1.0 + factor * t / s, decay));
}

static double
interval_modifier(const struct fsrs_params *p)
{
	double decay, factor;

	decay_factor(p->w, &decay, &factor);
	return round8((pow(p->retention, 1.0 / decay) - 1.0) / factor);
}

double
fsrs_init_stability(const double *w, int rating)
{
	return fmax(w[rating - 1], 0.1);
}

double
fsrs_init_difficulty(const double *w, int rating)
{
	return round8(w[4] - exp((rating - 1) * w[5]) + 1.0);
}

/* Difficulty moves by rating, less so near 10, then reverts towards D0(easy). */
double
fsrs_next_difficulty(const double *w, double d, int rating)
{
	double delta = -w[6] * (rating - 3);
	double next = d + round8(delta * (10.0 - d) / 9.0);
	double reverted = round8(w[7] * fsrs_init_difficulty(w, FSRS_EASY) + (1.0 - w[7]) * next);

	return clamp(reverted, 1.0, 10.0);
}

double
fsrs_recall_stability(const double *w, double d, double s, double r, int rating)
{
	double hard = rating == FSRS_HARD ? w[15] : 1.0;
	double easy = rating == FSRS_EASY ? w[16] : 1.0;
	double inc = exp(w[8]) * (11.0 - d) * pow(s, -w[9]) * (exp((1.0 - r) * w[10]) - 1.0)
	             * hard * easy;

	return round8(clamp(s * (1.0 + inc), FSRS_S_MIN, FSRS_S_MAX));
}

double
fsrs_forget_stability(const double *w, double d, double s, double r)
{
	double v = w[11] * pow(d, -w[12]) * (pow(s + 1.0, w[13]) - 1.0) * exp((1.0 - r) * w[14]);

	return round8(clamp(v, FSRS_S_MIN, FSRS_S_MAX));
}

/* A review on the same day: stability scales by a factor, never down for a pass. */
double
fsrs_short_term_stability(const double *w, double s, int rating)
{
	double sinc = pow(s, -w[19]) * exp(w[17] * ((rating - 3) + w[18]));

	if (rating >= FSRS_HARD)
		sinc = fmax(sinc, 1.0);
	return round8(clamp(s * sinc, FSRS_S_MIN, FSRS_S_MAX));
}

/* The memory state after a rating t calendar days after the last review. */
static void
memory_next(const struct fsrs_params *p, double d, double s, int64_t t, int rating,
            int have_r, double r, double *nd, double *ns)
{
	const double *w = p->w;

	if (d == 0.0 && s == 0.0) {
		*nd = clamp(fsrs_init_difficulty(w, rating), 1.0, 10.0);
		*ns = fsrs_init_stability(w, rating);
		return;
	}
	if (!have_r)
		r = fsrs_forgetting_curve(w, (double)t, s);
	if (t == 0) {
		*ns = fsrs_short_term_stability(w, s, rating);
	} else if (rating == FSRS_AGAIN) {
		double after = fsrs_forget_stability(w, d, s, r);
		double floor_s = round8(s / exp(w[17] * w[18]));

		*ns = clamp(floor_s, FSRS_S_MIN, after);
	} else {
		*ns = fsrs_recall_stability(w, d, s, r, rating);
	}
	*nd = fsrs_next_difficulty(w, d, rating);
}

int
fsrs_interval(const struct fsrs_params *p, double s)
{
	double ivl = fmax(1.0, fsrs_round(s * interval_modifier(p)));

	return (int)fmin(ivl, (double)p->max_interval);
}

int64_t
fsrs_day_diff(int64_t a, int64_t b)
{
	int64_t da = a / DAY - (a % DAY < 0);
	int64_t db = b / DAY - (b % DAY < 0);

	return db - da;
}

/* ToUint32 of a non-negative double. */
static double
to_u32(double x)
{
	return fmod(trunc(x), 4294967296.0);
}

/* Baagøe's Mash hash, carried across calls in *n. */
static double
mash(double *n, const char *data)
{
	const unsigned char *p;

	for (p = (const unsigned char *)data; *p != '\0'; p++) {
		double h;

		*n += *p;
		h = 0.02519603282416938 * *n;
		*n = to_u32(h);
		h -= *n;
		h *= *n;
		*n = to_u32(h);
		h -= *n;
		*n += h * 4294967296.0;
	}
	return to_u32(*n) * 2.3283064365386963e-10;
}

double
fsrs_alea(const char *seed)
{
	double n = 4022871197.0; /* 0xefc8249d */
	double s0, s1, s2, c = 1.0, t;

	s0 = mash(&n, " ");
	s1 = mash(&n, " ");
	s2 = mash(&n, " ");
	s0 -= mash(&n, seed);
	if (s0 < 0)
		s0 += 1.0;
	s1 -= mash(&n, seed);
	if (s1 < 0)
		s1 += 1.0;
	s2 -= mash(&n, seed);
	if (s2 < 0)
		s2 += 1.0;
	/* the first number depends on s0 only; s1 and s2 keep the hash sequence */
	(void)s1;
	(void)s2;
	t = 2091639.0 * s0 + c * 2.3283064365386963e-10;
	return t - trunc(t);
}

/* A double as JavaScript's String(x) writes it: shortest digits that read back. */
static void
js_number(double x, char *buf, size_t len)
{
	char tmp[40], digits[24];
	int prec, exp10, nd = 0, i;
	char *p, *e;
	size_t o = 0;

	if (x == 0.0 || !isfinite(x)) {
		snprintf(buf, len, "%s", x == 0.0 ? "0" : isnan(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
		return;
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*e", prec - 1, x);
		if (strtod(tmp, NULL) == x)
			break;
	}
	p = tmp;
	if (*p == '-') {
		if (o + 1 < len)
			buf[o++] = '-';
		p++;
	}
	e = strchr(p, 'e');
	exp10 = atoi(e + 1);
	for (; p < e; p++)
		if (isdigit((unsigned char)*p))
			digits[nd++] = *p;
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	digits[nd] = '\0';
	/* n: where the decimal point goes, counted in digits from the left */
	{
		int n = exp10 + 1;
		char out[64];
		size_t k = 0;

		if (nd <= n && n <= 21) {
			for (i = 0; i < nd; i++)
				out[k++] = digits[i];
			for (i = nd; i < n; i++)
				out[k++] = '0';
		} else if (0 < n && n <= 21) {
			for (i = 0; i < nd; i++) {
				if (i == n)
					out[k++] = '.';
				out[k++] = digits[i];
			}
		} else if (-6 < n && n <= 0) {
			out[k++] = '0';
			out[k++] = '.';
			for (i = 0; i < -n; i++)
				out[k++] = '0';
			for (i = 0; i < nd; i++)
				out[k++] = digits[i];
		} else {
			out[k++] = digits[0];
			if (nd > 1) {
				out[k++] = '.';
				for (i = 1; i < nd; i++)
					out[k++] = digits[i];
			}
			k += (size_t)snprintf(out + k, sizeof out - k, "e%c%d", n - 1 < 0 ? '-' : '+',
			                      abs(n - 1));
		}
		out[k] = '\0';
		snprintf(buf + o, len - o, "%s", out);
	}
}

/*
 * Fuzz as ts-fsrs does it: a seeded factor picks a day in a window that
 * widens with the interval (±15% from 2.5 to 7 days, ±10% to 20, ±5% after),
 * never at or before the days already elapsed.
 */
static int
apply_fuzz(const struct fsrs_params *p, int ivl, int64_t elapsed, const char *seed)
{
	static const double ranges[3][3] = {
		{ 2.5, 7.0, 0.15 }, { 7.0, 20.0, 0.1 }, { 20.0, INFINITY, 0.05 },
	};
	double delta = 1.0, iv = ivl, lo, hi, f;
	int i;

	if (!p->fuzz || ivl < 2.5)
		return ivl;
	f = fsrs_alea(seed);
	for (i = 0; i < 3; i++)
		delta += ranges[i][2] * fmax(fmin(iv, ranges[i][1]) - ranges[i][0], 0.0);
	iv = fmin(iv, (double)p->max_interval);
	lo = fmax(2.0, fsrs_round(iv - delta));
	hi = fmin(fsrs_round(iv + delta), (double)p->max_interval);
	if (iv > (double)elapsed)
		lo = fmax(lo, (double)elapsed + 1.0);
	lo = fmin(lo, hi);
	return (int)floor(f * (hi - lo + 1.0) + lo);
}

static int
next_interval(const struct fsrs_params *p, double s, int64_t elapsed, const char *seed)
{
	return apply_fuzz(p, fsrs_interval(p, s), elapsed, seed);
}

/* Minutes to the next step for a rating, and the step after it; 0 minutes: none. */
static void
step_for(const struct fsrs_params *p, enum fsrs_state state, int cur, int rating,
         int *minutes, int *next)
{
	int relearn = state == FSRS_RELEARNING || state == FSRS_REVIEW;
	const int *steps = relearn ? p->relearning : p->learning;
	int n = relearn ? p->nrelearning : p->nlearning;

	*minutes = 0;
	*next = 0;
	if (cur < 0)
		cur = 0;
	if (n == 0 || cur >= n)
		return;
	if (state == FSRS_REVIEW) {
		if (rating == FSRS_AGAIN)
			*minutes = steps[cur];
		return;
	}
	switch (rating) {
	case FSRS_AGAIN:
		*minutes = steps[0];
		break;
	case FSRS_HARD:
		*minutes = n == 1 ? (int)fsrs_round(steps[0] * 1.5)
		                  : (int)fsrs_round((steps[0] + steps[1]) / 2.0);
		*next = cur;
		break;
	case FSRS_GOOD:
		if (cur + 1 < n) {
			*minutes = steps[cur + 1];
			*next = cur + 1;
		}
		break;
	default:
		break;
	}
}

/* Put nx on its next (re)learning step, or graduate it to review. */
static void
apply_steps(const struct fsrs_params *p, const struct fsrs_card *cur, struct fsrs_card *nx,
            int rating, enum fsrs_state to, int64_t now, const char *seed)
{
	int minutes, next;

	step_for(p, cur->state, cur->step, rating, &minutes, &next);
	if (minutes > 0 && minutes < 1440) {
		nx->step = next;
		nx->scheduled_days = 0;
		nx->state = to;
		nx->due = now + (int64_t)minutes * 60;
		return;
	}
	nx->state = FSRS_REVIEW;
	if (minutes >= 1440) {
		nx->step = next;
		nx->due = now + (int64_t)minutes * 60;
		nx->scheduled_days = minutes / 1440;
	} else {
		int ivl = next_interval(p, nx->stability, cur->elapsed_days, seed);

		nx->step = 0;
		nx->scheduled_days = ivl;
		nx->due = now + (int64_t)ivl * DAY;
	}
}

int
fsrs_preview(const struct fsrs_params *p, const struct fsrs_card *c, int64_t now,
             struct fsrs_card out[4])
{
	struct fsrs_card cur = *c;
	char seed[128], mul[64];
	int64_t t = 0;
	int g;

	if ((int)c->state < 0 || (int)c->state >= FSRS_STATE_N)
		return -1;
	if (c->state != FSRS_NEW) {
		t = fsrs_day_diff(c->last_review, now);
		if (t < 0)
			return -1;
	}
	cur.last_review = now;
	cur.elapsed_days = (int)t;
	cur.reps++;
	/* ts-fsrs's default seed: review time in ms, reps, and D times S */
	js_number(c->difficulty * c->stability, mul, sizeof mul);
	snprintf(seed, sizeof seed, "%lld_%d_%s", (long long)now * 1000, cur.reps, mul);

	for (g = FSRS_AGAIN; g <= FSRS_EASY; g++)
		out[g - 1] = cur;
	if (c->state == FSRS_REVIEW) {
		double r = fsrs_forgetting_curve(p->w, (double)t, c->stability);
		int hard, good, easy;

		for (g = FSRS_AGAIN; g <= FSRS_EASY; g++)
			memory_next(p, c->difficulty, c->stability, t, g, 1, r,
			            &out[g - 1].difficulty, &out[g - 1].stability);
		hard = next_interval(p, out[1].stability, t, seed);
		good = next_interval(p, out[2].stability, t, seed);
		hard = hard < good ? hard : good;
		good = good > hard + 1 ? good : hard + 1;
		easy = next_interval(p, out[3].stability, t, seed);
		easy = easy > good + 1 ? easy : good + 1;
		out[1].scheduled_days = hard;
		out[2].scheduled_days = good;
		out[3].scheduled_days = easy;
		for (g = FSRS_HARD; g <= FSRS_EASY; g++) {
			out[g - 1].state = FSRS_REVIEW;
			out[g - 1].step = 0;
			out[g - 1].due = now + (int64_t)out[g - 1].scheduled_days * DAY;
		}
		apply_steps(p, &cur, &out[0], FSRS_AGAIN, FSRS_RELEARNING, now, seed);
		out[0].lapses++;
		return 0;
	}
	for (g = FSRS_AGAIN; g <= FSRS_EASY; g++) {
		enum fsrs_state to = c->state == FSRS_NEW ? FSRS_LEARNING : c->state;

		memory_next(p, c->difficulty, c->stability, t, g, 0, 0.0,
		            &out[g - 1].difficulty, &out[g - 1].stability);
		apply_steps(p, &cur, &out[g - 1], g, to, now, seed);
	}
	return 0;
}

int
fsrs_next(const struct fsrs_params *p, const struct fsrs_card *c, int64_t now,
          int rating, struct fsrs_card *out)
{
	struct fsrs_card all[4];

	if (rating < FSRS_AGAIN || rating > FSRS_EASY)
		return -1;
	if (fsrs_preview(p, c, now, all) != 0)
		return -1;
	*out = all[rating - 1];
	return 0;
}

double
fsrs_retrievability(const struct fsrs_params *p, const struct fsrs_card *c, int64_t now)
{
	int64_t d;

	if (c->state == FSRS_NEW || c->stability <= 0.0)
		return 0.0;
	d = now - c->last_review;
	d = d >= 0 ? d / DAY : 0;
	return fsrs_forgetting_curve(p->w, (double)d, c->stability);
}

static const char *const state_names[FSRS_STATE_N] = { "new", "learning", "review", "relearning" };
static const char *const rating_names[5] = { "", "again", "hard", "good", "easy" };

const char *
fsrs_state_name(enum fsrs_state s)
{
	return (int)s >= 0 && (int)s < FSRS_STATE_N ? state_names[s] : "?";
}

int
fsrs_state_parse(const char *s)
{
	int i;

	for (i = 0; i < FSRS_STATE_N; i++)
		if (strcmp(s, state_names[i]) == 0)
			return i;
	return -1;
}

const char *
fsrs_rating_name(int rating)
{
	return rating >= FSRS_AGAIN && rating <= FSRS_EASY ? rating_names[rating] : "?";
}

/* "again", "hard", "good", "easy", their first letters, or 1-4. */
int
fsrs_rating_parse(const char *s)
{
	int i;

	if (s[0] >= '1' && s[0] <= '4' && s[1] == '\0')
		return s[0] - '0';
	for (i = FSRS_AGAIN; i <= FSRS_EASY; i++)
		if (strcmp(s, rating_names[i]) == 0 || (s[0] == rating_names[i][0] && s[1] == '\0'))
			return i;
	return -1;
}
