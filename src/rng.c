/*
 * rng.c: splitmix64, and seeds for it.
 */
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "rng.h"

uint64_t
rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

double
rng_unit(uint64_t *s)
{
	return (double)(rng_next(s) >> 11) * (1.0 / 9007199254740992.0);
}

uint64_t
rng_seed_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ((uint64_t)ts.tv_sec * 1000003u) ^ (uint64_t)ts.tv_nsec ^ ((uint64_t)getpid() << 32);
}

/* FNV-1a over the string, then the number mixed in by one splitmix step. */
uint64_t
rng_seed_of(const char *s, int64_t n)
{
	uint64_t h = 0xCBF29CE484222325ULL;

	for (; s != NULL && *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001B3ULL;
	}
	h ^= (uint64_t)n;
	return rng_next(&h);
}
