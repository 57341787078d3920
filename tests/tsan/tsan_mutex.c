/*
 * tsan_mutex.c: the mutex demo's core under ThreadSanitizer. Includes
 * src/demo/mutex.c without its driver and runs one experiment:
 *   tsan_mutex ownership|relock|death|boost
 * The experiments misuse the lock API on purpose (an unlock by a thread that
 * does not own the mutex, a second lock by its owner) and check the errors
 * that come back; none of that is a data race, and TSan must report nothing.
 */
#define DEMO_CORE_ONLY 1
#include "../../src/demo/mutex.c"

#include <stdio.h>

int
main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	if (strcmp(argv[1], "ownership") == 0) {
		struct mutex_own o;
		if (mutex_ownership(&o) != 0)
			return 1;
		printf("ownership: unlock %d trylock %d post %d\n", o.other_unlock, o.other_trylock,
		       o.other_post);
		return o.other_unlock == EPERM && o.other_trylock == EBUSY && o.other_post == 0 ? 0 : 1;
	}
	if (strcmp(argv[1], "relock") == 0) {
		struct mutex_relock o;
		if (mutex_relock(&o, 50) != 0)
			return 1;
		printf("relock: errorcheck %d recursive %d\n", o.ec_second, o.rec_second);
		return o.ec_second == EDEADLK && o.rec_second == 0 ? 0 : 1;
	}
	if (strcmp(argv[1], "death") == 0) {
		struct mutex_death o;
		if (mutex_owner_death(&o, 50) != 0)
			return 1;
		printf("death: robust %d\n", o.robust_lock);
		return o.robust_lock == EOWNERDEAD ? 0 : 1;
	}
	if (strcmp(argv[1], "boost") == 0) {
		struct mutex_boost b;
		int k;
		for (k = 0; k < MUTEX_KIND_N; k++)
			if (mutex_boost((enum mutex_kind)k, 10, &b) != 0)
				return 1;
		printf("boost: ran\n");
		return 0;
	}
	return 2;
}
