/*
 * tsan_race.c: the race demo's core under ThreadSanitizer. Includes
 * src/demo/race.c without its driver and runs one variant:
 *   tsan_race unsync|mutex|atomic|local
 * TSan must report a data race on the first and nothing on the others.
 */
#define DEMO_CORE_ONLY 1
#include "../../src/demo/race.c"

#include <stdio.h>

int
main(int argc, char **argv)
{
	static const char *const names[RACE_MODE_N] = { "unsync", "mutex", "atomic", "local" };
	struct race_thread *t;
	long got;
	int m;

	if (argc != 2)
		return 2;
	for (m = 0; m < RACE_MODE_N; m++)
		if (strcmp(argv[1], names[m]) == 0)
			break;
	if (m == RACE_MODE_N)
		return 2;
	t = aligned_alloc(64, 2 * sizeof *t);
	if (t == NULL)
		return 1;
	got = race_phase(t, 2, (enum race_mode)m, 100000, NULL);
	printf("%s: %ld of %ld\n", names[m], got, 200000L);
	free(t);
	return got < 0;
}
