/*
 * rng.h: a small seedable generator (splitmix64).
 *
 * The same seed gives the same numbers on every machine, so an interview's
 * --seed, practice's --seed and review's choice shuffle (seeded from the
 * card and the time) can be reproduced. Not for anything secret.
 */
#ifndef OSPREP_RNG_H
#define OSPREP_RNG_H

#include <stdint.h>

/* The next 64 random bits; *s is the state and moves on. */
uint64_t rng_next(uint64_t *s);

/* A double in [0, 1). */
double rng_unit(uint64_t *s);

/* A seed that differs from run to run (the wall clock and the process id). */
uint64_t rng_seed_now(void);

/* A seed from a string and a number: the same pair, the same seed. */
uint64_t rng_seed_of(const char *s, int64_t n);

#endif
