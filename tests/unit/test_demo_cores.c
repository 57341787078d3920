/*
 * test_demo_cores.c: the cores of the race and deadlock demos, included
 * from the demo files without their drivers: every fix is exact, the
 * deadlock is found and recovered from every time, the fixes finish, and
 * the lock-step threads never get both locks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define DEMO_CORE_ONLY 1
#include "../../src/demo/race.c"
#include "../../src/demo/deadlock.c"

static long
race_count(enum race_mode mode, long increments)
{
	struct race_thread *t = aligned_alloc(64, 2 * sizeof *t);
	long got;

	assert_non_null(t);
	got = race_phase(t, 2, mode, increments, NULL);
	free(t);
	return got;
}

static void
race_should_count_exactly_with_each_fix(void **state)
{
	(void)state;
	assert_int_equal(race_count(RACE_MUTEX, 200000), 400000);
	assert_int_equal(race_count(RACE_ATOMIC, 200000), 400000);
	assert_int_equal(race_count(RACE_LOCAL, 200000), 400000);
}

static void
race_should_never_count_more_than_was_added(void **state)
{
	long got = race_count(RACE_UNSYNC, 200000);

	(void)state;
	assert_true(got > 0);
	assert_true(got <= 400000);
}

static void
race_should_keep_per_thread_counters_on_their_own_cache_line(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct race_thread) % 64, 0);
	assert_int_equal(_Alignof(struct race_thread), 64);
}

static void
deadlock_should_be_detected_and_recovered_every_time(void **state)
{
	int run;

	(void)state;
	for (run = 0; run < 20; run++) {
		struct deadlock_shared sh;
		struct deadlock_thread t[2];
		struct deadlock_seen seen;
		pthread_t tid[2];

		memset(&sh, 0, sizeof sh);
		sh.slice_ns = 5000000;
		sh.give_up_ns = 1000000000;
		assert_int_equal(deadlock_start(&sh, t, tid), 0);
		assert_int_equal(deadlock_watch(t, 2000000000LL, &seen), 1);
		assert_int_equal(deadlock_recover(&sh, t, tid, &seen), 1);
		assert_true(seen.detected);
		/* the cycle: T1 holds A and waits for B, T2 holds B and waits for A */
		assert_int_equal(seen.holds[0], 1 << LOCK_A);
		assert_int_equal(seen.waits[0], LOCK_B);
		assert_int_equal(seen.holds[1], 1 << LOCK_B);
		assert_int_equal(seen.waits[1], LOCK_A);
		assert_int_equal(seen.state[0], 'S');
		assert_int_equal(seen.state[1], 'S');
		assert_true(seen.detect_ns >= 0);
		/* recovered: both critical sections ran, T2 backed off, T1 did not */
		assert_int_equal(sh.work, 2);
		assert_true(t[1].backed_off);
		assert_false(t[1].gave_up);
		assert_false(t[0].backed_off);
	}
}

static void
deadlock_fixes_should_complete(void **state)
{
	struct deadlock_loop loops[2];

	(void)state;
	assert_int_equal(deadlock_fix(deadlock_ordered, 50000, loops), 100000);
	assert_int_equal(loops[0].backoffs + loops[1].backoffs, 0);
	assert_int_equal(deadlock_fix(deadlock_trylock, 50000, loops), 100000);
}

static void
deadlock_lockstep_should_never_get_both_locks(void **state)
{
	struct deadlock_shared sh;
	struct deadlock_step step;
	struct deadlock_polite p[2];
	struct timespec t = { 0, 50000000 };
	pthread_t tid[2];
	int i;

	(void)state;
	memset(&sh, 0, sizeof sh);
	memset(&step, 0, sizeof step);
	pthread_mutex_init(&sh.lock[LOCK_A], NULL);
	pthread_mutex_init(&sh.lock[LOCK_B], NULL);
	for (i = 0; i < 2; i++) {
		memset(&p[i], 0, sizeof p[i]);
		p[i].sh = &sh;
		p[i].step = &step;
		p[i].first = i == 0 ? LOCK_A : LOCK_B;
		p[i].second = i == 0 ? LOCK_B : LOCK_A;
	}
	for (i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&tid[i], NULL, deadlock_lockstep, &p[i]), 0);
	nanosleep(&t, NULL);
	atomic_store(&step.stop, 1);
	for (i = 0; i < 2; i++)
		pthread_join(tid[i], NULL);
	assert_true(p[0].attempts > 0);
	assert_int_equal(p[0].attempts, p[1].attempts);
	assert_int_equal(p[0].successes + p[1].successes, 0);
	pthread_mutex_destroy(&sh.lock[LOCK_A]);
	pthread_mutex_destroy(&sh.lock[LOCK_B]);
}

static void
deadlock_should_read_a_running_thread_as_r(void **state)
{
	char wchan[40];

	(void)state;
	assert_int_equal(deadlock_task_state((int)gettid(), wchan, sizeof wchan), 'R');
	assert_int_equal(deadlock_task_state(-1, NULL, 0), '?');
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(race_should_count_exactly_with_each_fix),
		cmocka_unit_test(race_should_never_count_more_than_was_added),
		cmocka_unit_test(race_should_keep_per_thread_counters_on_their_own_cache_line),
		cmocka_unit_test(deadlock_should_be_detected_and_recovered_every_time),
		cmocka_unit_test(deadlock_fixes_should_complete),
		cmocka_unit_test(deadlock_lockstep_should_never_get_both_locks),
		cmocka_unit_test(deadlock_should_read_a_running_thread_as_r),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
