/*
 * test_demo_runner.c: the runner that isolates a demo in a child process
 * group: captured output, exit statuses and crashes, the time limit, SIGINT,
 * grandchildren, and the caller's signal set-up left as it was.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "demo/demo.h"

static int
fake_print(int argc, char **argv, const struct demo_env *env)
{
	int i;

	printf("demo %s lang %d json %d args", argv[0], env->lang, env->json);
	for (i = 1; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\n");
	return 0;
}

static int
fake_usage(int argc, char **argv, const struct demo_env *env)
{
	(void)argc; (void)argv; (void)env;
	fprintf(stderr, "usage: fake\n");
	return 2;
}

static int
fake_crash(int argc, char **argv, const struct demo_env *env)
{
	(void)argc; (void)argv; (void)env;
	raise(SIGABRT);
	return 0;
}

/* Sleeps far past any limit the tests give, ignoring SIGTERM. */
static int
fake_hang(int argc, char **argv, const struct demo_env *env)
{
	(void)argc; (void)argv; (void)env;
	signal(SIGTERM, SIG_IGN);
	printf("before the hang\n");
	fflush(stdout);
	for (;;)
		pause();
	return 0;
}

/* Leaves a grandchild behind, sleeping, with the pipe's write end open. */
static int
fake_orphan(int argc, char **argv, const struct demo_env *env)
{
	int ready[2];
	char c;
	pid_t pid;

	(void)argc; (void)argv; (void)env;
	if (pipe(ready) != 0)
		return 1;
	pid = fork();
	if (pid == 0) {
		printf("grandchild %d\n", (int)getpid());
		fflush(stdout);
		(void)!write(ready[1], "x", 1);
		for (;;)
			pause();
	}
	/* return only once the grandchild has said who it is */
	if (pid < 0 || read(ready[0], &c, 1) != 1)
		return 1;
	printf("child done\n");
	return 0;
}

static const struct demo demo_fake_print = { .name = "print", .main = fake_print };
static const struct demo demo_fake_usage = { .name = "usage", .main = fake_usage };
static const struct demo demo_fake_crash = { .name = "crash", .main = fake_crash };
static const struct demo demo_fake_hang = { .name = "hang", .main = fake_hang };
static const struct demo demo_fake_orphan = { .name = "orphan", .main = fake_orphan };

static struct demo_run_opts
opts_with(double timeout, int capture)
{
	struct demo_run_opts o;

	memset(&o, 0, sizeof o);
	o.timeout_s = timeout;
	o.capture = capture;
	o.env.lang = 1;
	o.env.width = 80;
	return o;
}

static void
runner_should_capture_the_demo_stdout(void **state)
{
	char a0[] = "print", a1[] = "--x", a2[] = "7";
	char *argv[] = { a0, a1, a2, NULL };
	struct demo_run_opts o = opts_with(10, 1);
	struct demo_result r;

	(void)state;
	o.env.json = 1;
	assert_int_equal(demo_run(&demo_fake_print, 3, argv, &o, &r), 0);
	assert_int_equal(r.status, 0);
	assert_false(r.timed_out);
	assert_false(r.interrupted);
	assert_non_null(r.out);
	assert_string_equal(r.out, "demo print lang 1 json 1 args --x 7\n");
	assert_int_equal(r.out_len, strlen(r.out));
	demo_result_free(&r);
	assert_null(r.out);
}

static void
runner_should_pass_the_exit_status_through(void **state)
{
	char a0[] = "usage";
	char *argv[] = { a0, NULL };
	struct demo_run_opts o = opts_with(10, 1);
	struct demo_result r;

	(void)state;
	assert_int_equal(demo_run(&demo_fake_usage, 1, argv, &o, &r), 0);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	demo_result_free(&r);
}

static void
runner_should_report_a_crash_as_128_plus_signal(void **state)
{
	char a0[] = "crash";
	char *argv[] = { a0, NULL };
	struct demo_run_opts o = opts_with(10, 0);
	struct demo_result r;

	(void)state;
	assert_int_equal(demo_run(&demo_fake_crash, 1, argv, &o, &r), 0);
	assert_int_equal(r.status, 128 + SIGABRT);
	assert_false(r.timed_out);
	demo_result_free(&r);
}

static void
runner_should_kill_the_group_at_the_time_limit(void **state)
{
	char a0[] = "hang";
	char *argv[] = { a0, NULL };
	struct demo_run_opts o = opts_with(0.3, 1);
	struct demo_result r;

	(void)state;
	assert_int_equal(demo_run(&demo_fake_hang, 1, argv, &o, &r), 0);
	assert_true(r.timed_out);
	assert_false(r.interrupted);
	assert_int_equal(r.status, 128 + SIGKILL);   /* SIGTERM was ignored */
	assert_string_equal(r.out, "before the hang\n");
	assert_true(r.elapsed_s >= 0.3);
	demo_result_free(&r);
}

static void *
send_sigint(void *arg)
{
	sigset_t set;
	struct timespec t = { 0, 200000000 };

	(void)arg;
	/* block it here so that it lands on the thread waiting in the runner */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	nanosleep(&t, NULL);
	kill(getpid(), SIGINT);
	return NULL;
}

static volatile sig_atomic_t caller_saw_sigint;

static void
caller_handler(int sig)
{
	(void)sig;
	caller_saw_sigint = 1;
}

static void
runner_should_stop_on_sigint_and_restore_the_handler(void **state)
{
	char a0[] = "hang";
	char *argv[] = { a0, NULL };
	struct demo_run_opts o = opts_with(60, 0);
	struct demo_result r;
	struct sigaction sa, now;
	pthread_t t;

	(void)state;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = caller_handler;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	caller_saw_sigint = 0;
	assert_int_equal(pthread_create(&t, NULL, send_sigint, NULL), 0);
	assert_int_equal(demo_run(&demo_fake_hang, 1, argv, &o, &r), 0);
	pthread_join(t, NULL);
	assert_true(r.interrupted);
	assert_false(r.timed_out);
	assert_true(r.elapsed_s < 30);
	/* the runner took the Ctrl-C; the caller's handler is back in place */
	assert_false(caller_saw_sigint);
	sigaction(SIGINT, NULL, &now);
	assert_ptr_equal(now.sa_handler, caller_handler);
	demo_result_free(&r);
	signal(SIGINT, SIG_DFL);
}

static void
runner_should_leave_no_grandchild_behind(void **state)
{
	char a0[] = "orphan";
	char *argv[] = { a0, NULL };
	struct demo_run_opts o = opts_with(10, 1);
	struct demo_result r;
	char *p;
	int gc, reaper = -1;

	(void)state;
	assert_int_equal(demo_run(&demo_fake_orphan, 1, argv, &o, &r), 0);
	assert_int_equal(r.status, 0);
	p = strstr(r.out, "grandchild ");
	assert_non_null(p);
	gc = atoi(p + strlen("grandchild "));
	assert_true(gc > 0);
	/* killed and reaped: the pid no longer exists, not even as a zombie */
	assert_int_equal(kill(gc, 0), -1);
	assert_int_equal(errno, ESRCH);
	prctl(PR_GET_CHILD_SUBREAPER, &reaper);
	assert_int_equal(reaper, 0);
	demo_result_free(&r);
}

static void
runner_should_find_demos_by_name(void **state)
{
	(void)state;
	assert_non_null(demo_find("race"));
	assert_non_null(demo_find("deadlock"));
	assert_null(demo_find("rac"));
	assert_string_equal(demo_table[0]->name, "race");
	assert_non_null(demo_table[0]->source);
	assert_non_null(strstr(demo_table[0]->source, "osprep:core-begin"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(runner_should_capture_the_demo_stdout),
		cmocka_unit_test(runner_should_pass_the_exit_status_through),
		cmocka_unit_test(runner_should_report_a_crash_as_128_plus_signal),
		cmocka_unit_test(runner_should_kill_the_group_at_the_time_limit),
		cmocka_unit_test(runner_should_stop_on_sigint_and_restore_the_handler),
		cmocka_unit_test(runner_should_leave_no_grandchild_behind),
		cmocka_unit_test(runner_should_find_demos_by_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
