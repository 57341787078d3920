/*
 * tsan_deadlock.c: the deadlock demo's core under ThreadSanitizer.
 * Includes src/demo/deadlock.c without its driver and runs one variant:
 *   tsan_deadlock deadlock|ordered|trylock
 * "deadlock" really deadlocks and recovers (bounded waits, watchdog), so
 * TSan sees both lock orders without hanging and must report a
 * lock-order inversion; the two fixes must run clean.
 */
#define DEMO_CORE_ONLY 1
#include "../../src/demo/deadlock.c"

int
main(int argc, char **argv)
{
	struct deadlock_loop loops[2];
	long work;

	if (argc != 2)
		return 2;
	if (strcmp(argv[1], "deadlock") == 0) {
		struct deadlock_shared sh;
		struct deadlock_thread t[2];
		struct deadlock_seen seen;
		pthread_t tid[2];

		memset(&sh, 0, sizeof sh);
		sh.slice_ns = 5000000;
		sh.give_up_ns = 1000000000;
		if (deadlock_start(&sh, t, tid) != 0)
			return 1;
		deadlock_watch(t, 2000000000LL, &seen);
		deadlock_recover(&sh, t, tid, &seen);
		printf("deadlock: detected %d, work %ld of 2\n", seen.detected, sh.work);
		return !(seen.detected && sh.work == 2);
	}
	if (strcmp(argv[1], "ordered") == 0)
		work = deadlock_fix(deadlock_ordered, 20000, loops);
	else if (strcmp(argv[1], "trylock") == 0)
		work = deadlock_fix(deadlock_trylock, 20000, loops);
	else
		return 2;
	printf("%s: work %ld of 40000\n", argv[1], work);
	return work != 40000;
}
