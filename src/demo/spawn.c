/*
 * spawn.c: the creation-cost demo. What does it cost to start a unit of
 * concurrency? Each kind is created, run and waited for (joined or reaped)
 * many times: a thread that returns at once, a job handed to a thread that
 * already exists (a pool), fork, vfork, and a program (/bin/true) started
 * by fork+exec and by posix_spawn. Then the parent makes some memory
 * resident and the process kinds are timed again: only what copies page
 * tables should slow down. Kinds of one group take turns, and everything
 * runs on one CPU, so the figures are the work of creating rather than the
 * latency of waking an idle CPU.
 *
 * The part between the core markers is what `demo spawn --source` prints.
 */
#include <dirent.h>
#include <errno.h>
#include <gnu/libc-version.h>
#include <pthread.h>
#include <sched.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "demo.h"
#include "report.h"

/* osprep:core-begin */

extern char **environ;

/* A timing that failed because the child did not exit with status 0. */
#define SPAWN_CHILD_FAILED (-2)

static char spawn_true_name[] = "true";
static char *spawn_true_argv[] = { spawn_true_name, NULL };

static long long
spawn_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* What every new thread runs: nothing. It returns at once. */
static void *
spawn_nothing(void *arg)
{
	return arg;
}

/*
 * Create a thread and join it. pthread_create finds a stack (glibc keeps
 * the stacks of joined threads and reuses them) and calls clone() with
 * CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | ...:
 * one new task that shares the address space, the file table and the
 * signal handlers. The time runs until the thread has run, exited and
 * been joined. attr NULL: the default stack.
 */
static long long
spawn_time_thread(const pthread_attr_t *attr)
{
	long long t0 = spawn_now_ns();
	pthread_t t;
	int err = pthread_create(&t, attr, spawn_nothing, NULL);

	if (err != 0) {
		errno = err;
		return -1;
	}
	pthread_join(t, NULL);
	return spawn_now_ns() - t0;
}

/*
 * A pool of one thread, created once. Work is posted under a mutex; the
 * worker, asleep on a condition variable, wakes, does it and says so.
 */
struct spawn_pool {
	pthread_mutex_t lock;
	pthread_cond_t posted_cv;      /* the worker waits here for work */
	pthread_cond_t done_cv;        /* the poster waits here for the result */
	unsigned long posted, done;    /* jobs handed over, jobs finished */
	int quit;
	pthread_t worker;
};

static void *
spawn_pool_worker(void *arg)
{
	struct spawn_pool *p = arg;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->done == p->posted && !p->quit)
			pthread_cond_wait(&p->posted_cv, &p->lock);
		if (p->done == p->posted)
			break;                 /* told to quit, nothing left to do */
		p->done++;                 /* the job: nothing, like the thread's */
		pthread_cond_signal(&p->done_cv);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

static int
spawn_pool_start(struct spawn_pool *p)
{
	int err;

	memset(p, 0, sizeof *p);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->posted_cv, NULL);
	pthread_cond_init(&p->done_cv, NULL);
	err = pthread_create(&p->worker, NULL, spawn_pool_worker, p);
	if (err != 0) {
		pthread_cond_destroy(&p->done_cv);
		pthread_cond_destroy(&p->posted_cv);
		pthread_mutex_destroy(&p->lock);
		errno = err;
		return -1;
	}
	return 0;
}

/* Hand one job to the pool's worker and wait until it is done. */
static long long
spawn_time_handoff(struct spawn_pool *p)
{
	long long t0 = spawn_now_ns();
	unsigned long job;

	pthread_mutex_lock(&p->lock);
	job = ++p->posted;
	pthread_cond_signal(&p->posted_cv);
	while (p->done < job)
		pthread_cond_wait(&p->done_cv, &p->lock);
	pthread_mutex_unlock(&p->lock);
	return spawn_now_ns() - t0;
}

/* Tell the worker to finish and join it: no thread is left behind. */
static void
spawn_pool_stop(struct spawn_pool *p)
{
	pthread_mutex_lock(&p->lock);
	p->quit = 1;
	pthread_cond_signal(&p->posted_cv);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->worker, NULL);
	pthread_cond_destroy(&p->done_cv);
	pthread_cond_destroy(&p->posted_cv);
	pthread_mutex_destroy(&p->lock);
}

/* Reap child pid: 0 when it exited with status 0, SPAWN_CHILD_FAILED or -1. */
static int
spawn_reap(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : SPAWN_CHILD_FAILED;
}

/*
 * fork(), the child exits at once, the parent reaps it. fork is clone()
 * without CLONE_VM: the kernel builds a new address space, copies the
 * parent's memory areas and page tables, marks every writable page
 * read-only in both for copy-on-write, and copies the file table. The
 * child's exit tears that address space down again before waitpid returns.
 */
static long long
spawn_time_fork(void)
{
	long long t0 = spawn_now_ns(), t;
	pid_t pid = fork();
	int rc;

	if (pid == 0)
		_exit(0);
	if (pid < 0)
		return -1;
	rc = spawn_reap(pid);
	t = spawn_now_ns() - t0;
	return rc == 0 ? t : rc;
}

/*
 * vfork(): clone(CLONE_VM | CLONE_VFORK). The child borrows the parent's
 * address space, page tables and all, and the parent waits until the
 * child calls _exit (or exec). Nothing is copied.
 */
static long long
spawn_time_vfork(void)
{
	static long long t0;    /* static: off the stack the child borrows */
	long long t;
	pid_t pid;
	int rc;

	t0 = spawn_now_ns();
	pid = vfork();
	if (pid == 0)
		_exit(0);
	if (pid < 0)
		return -1;
	rc = spawn_reap(pid);
	t = spawn_now_ns() - t0;
	return rc == 0 ? t : rc;
}

/*
 * Start a program the classic way: fork, then exec in the child. exec
 * throws away the address space fork just copied and loads the program
 * (the executable, the dynamic linker, libc), faulting in what it touches.
 */
static long long
spawn_time_fork_exec(const char *path)
{
	long long t0 = spawn_now_ns(), t;
	pid_t pid = fork();
	int rc;

	if (pid == 0) {
		execve(path, spawn_true_argv, environ);
		_exit(127);    /* exec failed */
	}
	if (pid < 0)
		return -1;
	rc = spawn_reap(pid);
	t = spawn_now_ns() - t0;
	return rc == 0 ? t : rc;
}

/*
 * The same with posix_spawn, which glibc implements with
 * clone(CLONE_VM | CLONE_VFORK) and exec: no page tables are copied.
 */
static long long
spawn_time_posix_spawn(const char *path)
{
	long long t0 = spawn_now_ns(), t;
	pid_t pid;
	int rc, err = posix_spawn(&pid, path, NULL, NULL, spawn_true_argv, environ);

	if (err != 0) {
		errno = err;
		return -1;
	}
	rc = spawn_reap(pid);
	t = spawn_now_ns() - t0;
	return rc == 0 ? t : rc;
}

/*
 * Memory for the parent to hold: len bytes of private anonymous memory.
 * MADV_NOHUGEPAGE keeps it to small pages, one page-table entry each, as
 * a heap of ordinary allocations has.
 */
static char *
spawn_map(size_t len, int *nohuge)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	*nohuge = madvise(p, len, MADV_NOHUGEPAGE) == 0;
	return p;
}

/* Make pages [from, to) resident: the first write to each one faults it in. */
static void
spawn_touch(char *buf, long from, long to, long page)
{
	long i;

	for (i = from; i < to; i++)
		buf[i * page] = 1;
}

/* osprep:core-end */

extern const char demo_spawn_source[];
extern const struct demo demo_spawn;

#define SPAWN_TRUE          "/bin/true"
#define SPAWN_SMALL_STACK   (64 * 1024)
#define SPAWN_REQUESTS      10000       /* per second, for the arithmetic */

enum spawn_kind {
	SPAWN_POOL, SPAWN_THREAD, SPAWN_THREAD_SMALL, SPAWN_VFORK, SPAWN_FORK,
	SPAWN_FORK_EXEC, SPAWN_POSIX_SPAWN,
	/* after the parent made --mib MiB resident */
	SPAWN_FORK_BIG, SPAWN_VFORK_BIG, SPAWN_FORK_EXEC_BIG, SPAWN_POSIX_SPAWN_BIG,
	SPAWN_KINDS
};

/* JSON names, and whether a kind starts /bin/true. */
static const struct {
	const char *key;
	int exec;
} spawn_kind_info[SPAWN_KINDS] = {
	[SPAWN_POOL] = { "pool_handoff", 0 },
	[SPAWN_THREAD] = { "thread", 0 },
	[SPAWN_THREAD_SMALL] = { "thread_small_stack", 0 },
	[SPAWN_VFORK] = { "vfork", 0 },
	[SPAWN_FORK] = { "fork", 0 },
	[SPAWN_FORK_EXEC] = { "fork_exec", 1 },
	[SPAWN_POSIX_SPAWN] = { "posix_spawn", 1 },
	[SPAWN_FORK_BIG] = { "fork_big", 0 },
	[SPAWN_VFORK_BIG] = { "vfork_big", 0 },
	[SPAWN_FORK_EXEC_BIG] = { "fork_exec_big", 1 },
	[SPAWN_POSIX_SPAWN_BIG] = { "posix_spawn_big", 1 },
};

struct spawn_opts {
	long iterations, warmup, mib;
};

/* One kind's timings in µs, summarised. */
struct spawn_stat {
	int done;            /* measured (exec kinds are skipped without /bin/true) */
	long n;
	double min, med, p90, max, mean;
};

/* The parent's memory, from /proc/self/status, in KiB (-1 unknown). */
struct spawn_mem {
	long rss_kib;
	long pte_kib;        /* VmPTE: the page tables */
};

struct spawn_machine {
	long page;
	int online;
	char kernel[65];
	const char *libc;
	long default_stack_kib;     /* -1 unknown */
	char thp[32];
	long mem_available_mib;     /* -1 unknown */
	int have_true;              /* /bin/true can be executed */
	int cpu;                    /* the CPU everything runs on */
	int pinned;                 /* ... confirmed by the kernel */
};

struct spawn_results {
	struct spawn_stat stat[SPAWN_KINDS];
	struct spawn_mem before, after;     /* around making --mib resident */
	int nohugepage;
	int children_left;                  /* children still waitable at the end */
	int threads_left;                   /* threads besides this one at the end, -1 unknown */
};

/* What one kind needs to run. */
struct spawn_ctx {
	pthread_attr_t small;
	struct spawn_pool pool;
	int pool_up;
};

static int
spawn_parse(int argc, char **argv, struct spawn_opts *o)
{
	int i;

	o->iterations = 200;
	o->mib = 64;
	for (i = 1; i < argc; i++) {
		const char *v = NULL;
		int m;

		if ((m = report_opt(argc, argv, &i, "iterations", &v)) != 0) {
			if (m < 0 || report_arg_long("spawn", "iterations", v, 10, 100000, &o->iterations) != 0)
				return -1;
		} else if ((m = report_opt(argc, argv, &i, "mib", &v)) != 0) {
			if (m < 0 || report_arg_long("spawn", "mib", v, 0, 1024, &o->mib) != 0)
				return -1;
		} else {
			report_error("spawn", "unknown option \"%s\"", argv[i]);
			fprintf(stderr, "usage: %s\n", demo_spawn.usage);
			return -1;
		}
	}
	/* a tenth of the runs, untimed, first: caches, stacks, the dynamic linker */
	o->warmup = o->iterations / 10 < 5 ? 5 : o->iterations / 10;
	return 0;
}

static void
spawn_mem_read(struct spawn_mem *m)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");
	long v;

	m->rss_kib = m->pte_kib = -1;
	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "VmRSS: %ld kB", &v) == 1)
			m->rss_kib = v;
		else if (sscanf(line, "VmPTE: %ld kB", &v) == 1)
			m->pte_kib = v;
	}
	fclose(f);
}

static void
spawn_machine_read(struct spawn_machine *m)
{
	pthread_attr_t a;
	struct utsname u;
	size_t stack;

	memset(m, 0, sizeof *m);
	m->page = sysconf(_SC_PAGESIZE);
	if (m->page <= 0)
		m->page = 4096;
	m->online = report_cpus_online();
	if (uname(&u) == 0)
		snprintf(m->kernel, sizeof m->kernel, "%s", u.release);
	m->libc = gnu_get_libc_version();
	m->default_stack_kib = -1;
	if (pthread_getattr_default_np(&a) == 0) {
		if (pthread_attr_getstacksize(&a, &stack) == 0)
			m->default_stack_kib = (long)(stack / 1024);
		pthread_attr_destroy(&a);
	}
	report_thp(m->thp, sizeof m->thp);
	m->mem_available_mib = report_mem_available_mib();
	m->have_true = access(SPAWN_TRUE, X_OK) == 0;
}

static int
spawn_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Sort v[0..n) and summarise it into st. */
static void
spawn_summarise(double *v, long n, struct spawn_stat *st)
{
	double sum = 0;
	long i, k;

	qsort(v, (size_t)n, sizeof v[0], spawn_cmp_double);
	for (i = 0; i < n; i++)
		sum += v[i];
	k = (n * 9 + 9) / 10;    /* ceil(0.9 n): the nearest-rank 90th percentile */
	st->done = 1;
	st->n = n;
	st->min = v[0];
	st->max = v[n - 1];
	st->med = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	st->p90 = v[k - 1];
	st->mean = sum / (double)n;
}

/* One timed start of kind k, in ns; -1 (errno) or SPAWN_CHILD_FAILED. */
static long long
spawn_once(enum spawn_kind k, struct spawn_ctx *c)
{
	switch (k) {
	case SPAWN_POOL:
		return spawn_time_handoff(&c->pool);
	case SPAWN_THREAD:
		return spawn_time_thread(NULL);
	case SPAWN_THREAD_SMALL:
		return spawn_time_thread(&c->small);
	case SPAWN_VFORK:
	case SPAWN_VFORK_BIG:
		return spawn_time_vfork();
	case SPAWN_FORK:
	case SPAWN_FORK_BIG:
		return spawn_time_fork();
	case SPAWN_FORK_EXEC:
	case SPAWN_FORK_EXEC_BIG:
		return spawn_time_fork_exec(SPAWN_TRUE);
	case SPAWN_POSIX_SPAWN:
	case SPAWN_POSIX_SPAWN_BIG:
		return spawn_time_posix_spawn(SPAWN_TRUE);
	case SPAWN_KINDS:
		break;
	}
	errno = EINVAL;
	return -1;
}

/* What a kind is called in the report and on the progress bar. */
static const char *
spawn_label(const struct demo_env *env, enum spawn_kind k, long mib, char *buf, size_t len)
{
	switch (k) {
	case SPAWN_POOL:
		return DL(env, "풀에 넘기기", "pool hand-off");
	case SPAWN_THREAD:
		return DL(env, "스레드", "thread");
	case SPAWN_THREAD_SMALL:
		snprintf(buf, len, DL(env, "스레드, 스택 %d KiB", "thread, %d KiB stack"), SPAWN_SMALL_STACK / 1024);
		return buf;
	case SPAWN_VFORK:
		return "vfork";
	case SPAWN_FORK:
		return "fork";
	case SPAWN_FORK_EXEC:
		return "fork+exec";
	case SPAWN_POSIX_SPAWN:
		return "posix_spawn";
	case SPAWN_FORK_BIG:
		snprintf(buf, len, "fork, +%ld MiB", mib);
		return buf;
	case SPAWN_VFORK_BIG:
		snprintf(buf, len, "vfork, +%ld MiB", mib);
		return buf;
	case SPAWN_FORK_EXEC_BIG:
		snprintf(buf, len, "fork+exec, +%ld MiB", mib);
		return buf;
	case SPAWN_POSIX_SPAWN_BIG:
		snprintf(buf, len, "posix_spawn, +%ld MiB", mib);
		return buf;
	case SPAWN_KINDS:
		break;
	}
	return "";
}

#define SPAWN_GROUP_MAX 4

/*
 * Time a group of kinds, taking turns: o->warmup untimed rounds, then
 * o->iterations timed ones, each round starting every kind once, so a
 * change in the machine's state (load, which CPUs the tasks land on) hits
 * them all alike. samples holds SPAWN_GROUP_MAX * o->iterations; the
 * progress bar runs from frac0 to frac1 meanwhile.
 */
static int
spawn_measure(const struct demo_env *env, const struct spawn_opts *o, const char *label,
              const enum spawn_kind *ks, int nk, struct spawn_ctx *c, double *samples,
              struct spawn_results *r, double frac0, double frac1)
{
	char buf[64];
	long i, rounds = o->iterations + o->warmup, every = rounds / 50 + 1;
	long long ns;
	int j;

	for (i = -o->warmup; i < o->iterations; i++) {
		if ((i + o->warmup) % every == 0)
			progress_update(env, label, frac0 + (frac1 - frac0) * (double)(i + o->warmup) /
			                                    (double)rounds);
		for (j = 0; j < nk; j++) {
			ns = spawn_once(ks[j], c);
			if (ns < 0) {
				progress_done(env);
				if (ns == SPAWN_CHILD_FAILED)
					report_error("spawn", "%s: the child did not exit with status 0",
					             spawn_label(env, ks[j], o->mib, buf, sizeof buf));
				else
					report_error("spawn", "%s: %s", spawn_label(env, ks[j], o->mib, buf, sizeof buf),
					             strerror(errno));
				return -1;
			}
			if (i >= 0)
				samples[j * o->iterations + i] = (double)ns / 1000.0;
		}
	}
	for (j = 0; j < nk; j++)
		spawn_summarise(samples + j * o->iterations, o->iterations, &r->stat[ks[j]]);
	return 0;
}

/* Threads of this process besides the calling one, from /proc/self/task. */
static int
spawn_other_threads(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n - 1;
}

/* Children that could still be waited for (zombies or running): should be none. */
static int
spawn_children_left(void)
{
	int n = 0;
	pid_t w;

	while ((w = waitpid(-1, NULL, WNOHANG)) > 0)
		n++;            /* one that had exited: reaped now */
	return n + (w == 0);    /* 0: one still running */
}

/* A duration in µs as "8.51 µs", "85.1 µs", "851 µs", "1.52 ms", "186 ms" or "2.10 s". */
static const char *
spawn_time_text(char *buf, size_t len, double us)
{
	if (us < 10)
		snprintf(buf, len, "%.2f µs", us);
	else if (us < 100)
		snprintf(buf, len, "%.1f µs", us);
	else if (us < 1000)
		snprintf(buf, len, "%.0f µs", us);
	else if (us < 100000)
		snprintf(buf, len, "%.2f ms", us / 1000);
	else if (us < 1e6)
		snprintf(buf, len, "%.0f ms", us / 1000);
	else
		snprintf(buf, len, "%.2f s", us / 1e6);
	return buf;
}

/* "43.7 µs, p90 52" : the median, then the 90th percentile in the same unit. */
static const char *
spawn_pair_text(char *buf, size_t len, const struct spawn_stat *st)
{
	char med[32];
	double p = st->p90;
	int prec;

	spawn_time_text(med, sizeof med, st->med);
	if (st->med >= 1e6)
		p /= 1e6;
	else if (st->med >= 1000)
		p /= 1000;
	prec = p < 10 ? 2 : p < 100 ? 1 : 0;
	snprintf(buf, len, "%s, p90 %.*f", med, prec, p);
	return buf;
}

/* The order of magnitude of a duration in words, for the explanation. */
static const char *
spawn_magnitude(const struct demo_env *env, double us)
{
	if (us < 10)
		return DL(env, "수 µs", "a few µs");
	if (us < 100)
		return DL(env, "수십 µs", "tens of µs");
	if (us < 1000)
		return DL(env, "수백 µs", "hundreds of µs");
	if (us < 10000)
		return DL(env, "수 ms", "a few ms");
	return DL(env, "수십 ms 이상", "tens of ms or more");
}

static double
spawn_ratio(double a, double b)
{
	return b > 0 ? a / b : 0;
}

static void
spawn_intro(const struct demo_env *env, const struct spawn_opts *o, const struct spawn_machine *m,
            const struct spawn_results *r)
{
	char line[2048], n[32], w[32], s[32];

	report_heading(env, DL(env, "스레드, 프로세스, 프로그램을 시작하는 비용",
	                            "What it costs to start a thread, a process, a program"));
	snprintf(line, sizeof line, DL(env,
		"종류마다 만들고, 돌게 하고, 끝나기를 기다려 거두기(join, waitpid)를 %s번씩 잽니다(예열 "
		"%s번 뒤, 종류끼리 번갈아, CPU 하나에 고정해서: 쉬는 CPU를 깨우는 지연은 가상 머신에서 "
		"특히 들쭉날쭉하므로 뺍니다). 기본 스택과 %d KiB 스택의 스레드, 이미 있는 스레드에 일 "
		"넘기기(풀), vfork, fork, 그리고 %s를 fork+exec와 posix_spawn으로. 부모가 %ld MiB를 더 "
		"올린 뒤 프로세스 쪽을 다시 잽니다. 지켜볼 것: fork가 스레드의 몇 배인지, 부모의 메모리를 "
		"따라 무엇이 늘고 무엇이 그대로인지, 재사용이 생성보다 얼마나 싼지.",
		"Each kind is started, run and waited for (join, waitpid) %s times after %s warm-up "
		"runs, the kinds taking turns, pinned to one CPU (waking an idle CPU, erratic in "
		"virtual machines, stays out): a thread with the default and with a %d KiB stack, a "
		"job handed to an existing thread (a pool), vfork, fork, and %s by fork+exec and by "
		"posix_spawn; the process kinds again after the parent makes %ld MiB more resident. "
		"Watch for: how many threads a fork costs, what grows with the parent's memory and "
		"what does not, and how much cheaper reuse is than creation."),
		report_count(n, sizeof n, o->iterations), report_count(w, sizeof w, o->warmup),
		SPAWN_SMALL_STACK / 1024, SPAWN_TRUE, o->mib);
	report_paragraph(env, line);
	printf("\n  %s %d, glibc %s, %s ", DL(env, "온라인 CPU", "online CPUs"), m->online, m->libc,
	       DL(env, "기본 스레드 스택", "default thread stack"));
	if (m->default_stack_kib >= 0)
		printf("%s KiB\n", report_count(s, sizeof s, m->default_stack_kib));
	else
		printf("%s\n", DL(env, "알 수 없음", "unknown"));
	if (m->pinned)
		printf(DL(env, "  CPU %d에 고정 확인됨\n", "  pinned to CPU %d, confirmed\n"), m->cpu);
	else
		printf(DL(env, "  CPU %d 고정 실패: 다른 CPU를 깨우는 지연이 섞일 수 있습니다\n",
		              "  pinning to CPU %d failed: waking other CPUs may add to the figures\n"), m->cpu);
	if (r->before.rss_kib >= 0)
		printf(DL(env, "  이 프로세스: RSS %s KiB, 페이지 테이블(VmPTE) %s KiB\n",
		               "  this process: RSS %s KiB, page tables (VmPTE) %s KiB\n"),
		       report_count(n, sizeof n, r->before.rss_kib), report_count(w, sizeof w, r->before.pte_kib));
	if (!m->have_true)
		printf("  %s\n", DL(env, "/bin/true가 없어 프로그램 실행은 건너뜁니다",
		                         "/bin/true is missing: starting a program is skipped"));
}

/* One chart of the kinds in ks[0..n) that were measured, scaled to the largest. */
static void
spawn_chart(const struct demo_env *env, const struct spawn_opts *o, const struct spawn_results *r,
            const enum spawn_kind *ks, int n)
{
	char buf[SPAWN_KINDS][64], text[64];
	const char *label[SPAWN_KINDS];
	double max = 0;
	int i, lw = 0;

	for (i = 0; i < n; i++) {
		label[i] = spawn_label(env, ks[i], o->mib, buf[i], sizeof buf[i]);
		if (!r->stat[ks[i]].done)
			continue;
		if (report_width(label[i]) > lw)
			lw = report_width(label[i]);
		if (r->stat[ks[i]].med > max)
			max = r->stat[ks[i]].med;
	}
	for (i = 0; i < n; i++)
		if (r->stat[ks[i]].done)
			report_bar(env, label[i], lw, r->stat[ks[i]].med, max,
			           spawn_pair_text(text, sizeof text, &r->stat[ks[i]]));
}

static void
spawn_print(const struct demo_env *env, const struct spawn_opts *o, const struct spawn_machine *m,
            const struct spawn_results *r)
{
	static const enum spawn_kind units[] = {
		SPAWN_POOL, SPAWN_THREAD, SPAWN_THREAD_SMALL, SPAWN_VFORK, SPAWN_FORK
	};
	static const enum spawn_kind big[] = { SPAWN_FORK, SPAWN_FORK_BIG, SPAWN_VFORK, SPAWN_VFORK_BIG };
	static const enum spawn_kind progs[] = {
		SPAWN_FORK_EXEC, SPAWN_POSIX_SPAWN, SPAWN_FORK_EXEC_BIG, SPAWN_POSIX_SPAWN_BIG
	};
	const struct spawn_stat *st = r->stat;
	char text[128], a[32], b[32], c[32], d[32];

	report_heading(env, DL(env, "만들고, 돌고, 거둘 때까지 (중앙값, p90)",
	                            "Create, run, join or reap (median, p90)"));
	spawn_chart(env, o, r, units, 5);
	printf(DL(env, "  fork ÷ 스레드 = %.1f배, 스레드 ÷ 풀에 넘기기 = %.1f배\n",
	               "  fork / thread = %.1f×, thread / pool hand-off = %.1f×\n"),
	       spawn_ratio(st[SPAWN_FORK].med, st[SPAWN_THREAD].med),
	       spawn_ratio(st[SPAWN_THREAD].med, st[SPAWN_POOL].med));

	snprintf(text, sizeof text, DL(env, "부모가 %ld MiB를 더 올린 뒤", "After the parent made %ld MiB more resident"),
	         o->mib);
	report_heading(env, text);
	spawn_chart(env, o, r, big, 4);
	if (r->before.pte_kib >= 0 && r->after.pte_kib >= 0)
		printf(DL(env, "  부모의 RSS %s → %s KiB, 페이지 테이블(VmPTE) %s → %s KiB\n",
		               "  parent's RSS %s → %s KiB, page tables (VmPTE) %s → %s KiB\n"),
		       report_count(a, sizeof a, r->before.rss_kib), report_count(b, sizeof b, r->after.rss_kib),
		       report_count(c, sizeof c, r->before.pte_kib), report_count(d, sizeof d, r->after.pte_kib));
	printf(DL(env, "  +%ld MiB에서: fork %.1f배, vfork %.1f배\n",
	               "  with +%ld MiB: fork %.1f×, vfork %.1f× as long\n"),
	       o->mib, spawn_ratio(st[SPAWN_FORK_BIG].med, st[SPAWN_FORK].med),
	       spawn_ratio(st[SPAWN_VFORK_BIG].med, st[SPAWN_VFORK].med));

	report_heading(env, DL(env, "프로그램 실행: " SPAWN_TRUE, "Starting a program: " SPAWN_TRUE));
	if (m->have_true) {
		spawn_chart(env, o, r, progs, 4);
		printf(DL(env, "  +%ld MiB에서 fork+exec ÷ posix_spawn = %.1f배\n",
		               "  at +%ld MiB, fork+exec / posix_spawn = %.1f×\n"),
		       o->mib, spawn_ratio(st[SPAWN_FORK_EXEC_BIG].med, st[SPAWN_POSIX_SPAWN_BIG].med));
	} else {
		printf("  %s\n", DL(env, "건너뜀: /bin/true가 없습니다", "skipped: /bin/true is missing"));
	}
}

static void
spawn_explain(const struct demo_env *env, const struct spawn_opts *o, const struct spawn_machine *m,
              const struct spawn_results *r)
{
	const struct spawn_stat *st = r->stat;
	double thr = st[SPAWN_THREAD].med, thr_small = st[SPAWN_THREAD_SMALL].med;
	double frk = st[SPAWN_FORK].med, frk_big = st[SPAWN_FORK_BIG].med, pool = st[SPAWN_POOL].med;
	char line[2400], t1[32], t2[32], t3[32], t4[32], n1[32], n2[32];
	size_t k;

	report_heading(env, DL(env, "무엇을 보여 주나", "What it shows"));
	if (!(thr < frk))
		report_paragraph(env, DL(env,
			"이번에는 스레드 생성이 fork보다 싸지 않았습니다. 다른 일이 CPU를 많이 쓰고 "
			"있었는지 확인하고 다시 돌려 보세요. 아래 설명은 보통의 결과를 기준으로 합니다.",
			"This time creating a thread was not cheaper than fork: check whether something "
			"else was busy on the CPUs and run it again. The account below describes the "
			"usual result."));

	snprintf(line, sizeof line, DL(env,
		"이 컴퓨터에서 스레드 하나를 만들어 join하기까지 %s(%s), fork로 프로세스 하나를 만들어 "
		"거두기까지 %s(%s) 걸렸습니다. fork가 %.1f배입니다. \"스레드가 프로세스보다 빠르다\"는 "
		"말이 확실히 맞는 곳이 여기, 생성입니다.",
		"On this machine a thread took %s (%s) from create to join, and a process %s (%s) "
		"from fork to reaped: fork took %.1f times as long. Creation is where \"threads are "
		"faster than processes\" is plainly true."),
		spawn_magnitude(env, thr), spawn_time_text(t1, sizeof t1, thr),
		spawn_magnitude(env, frk), spawn_time_text(t2, sizeof t2, frk), spawn_ratio(frk, thr));
	report_paragraph(env, line);

	snprintf(line, sizeof line, DL(env,
		"스레드는 주소 공간을 공유합니다. pthread_create는 스택을 하나 마련하고(glibc는 join된 "
		"스레드의 스택을 모아 두었다가 다시 씁니다) clone(CLONE_VM | CLONE_FS | CLONE_FILES | "
		"CLONE_SIGHAND | CLONE_THREAD | ...)으로 같은 주소 공간, 파일 테이블, 시그널 처리기를 "
		"가리키는 태스크(task_struct) 하나를 만들 뿐입니다. ",
		"A thread shares the address space. pthread_create finds a stack (glibc keeps the "
		"stacks of joined threads and reuses them) and asks clone(CLONE_VM | CLONE_FS | "
		"CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | ...) for one task (task_struct) that "
		"points at the same address space, file table and signal handlers. "));
	k = strlen(line);
	if (thr > 0 && thr_small / thr > 0.75 && thr_small / thr < 1.33)
		snprintf(line + k, sizeof line - k, DL(env,
			"스택 크기는 거의 상관이 없었습니다(기본 %s KiB에서 %s, %d KiB에서 %s). 스택은 "
			"예약해 둔 가상 메모리이고, 스레드가 실제로 쓰는 페이지만 물리 메모리를 차지합니다.",
			"The stack size hardly mattered (%s KiB default: %s; %d KiB: %s): a stack is "
			"reserved virtual memory, and only the pages a thread really uses take physical "
			"memory."),
			report_count(n1, sizeof n1, m->default_stack_kib), spawn_time_text(t1, sizeof t1, thr),
			SPAWN_SMALL_STACK / 1024, spawn_time_text(t2, sizeof t2, thr_small));
	else
		snprintf(line + k, sizeof line - k, DL(env,
			"스택 크기에 따라 차이가 났습니다(기본 %s KiB에서 %s, %d KiB에서 %s). 스택은 예약해 "
			"둔 가상 메모리일 뿐이지만, 다시 쓸 스택이 없으면 mmap과 보호 페이지 설정이 "
			"더해집니다.",
			"The stack size made a difference here (%s KiB default: %s; %d KiB: %s). A stack "
			"is only reserved virtual memory, but without a cached one to reuse, an mmap and "
			"a guard page are added."),
			report_count(n1, sizeof n1, m->default_stack_kib), spawn_time_text(t1, sizeof t1, thr),
			SPAWN_SMALL_STACK / 1024, spawn_time_text(t2, sizeof t2, thr_small));
	report_paragraph(env, line);

	snprintf(line, sizeof line, DL(env,
		"fork는 CLONE_VM 없이 부르는 clone입니다. 커널은 새 주소 공간을 만들고, 부모의 메모리 "
		"영역(VMA)과 페이지 테이블을 복사하고, 쓰기 가능한 페이지를 양쪽 모두 읽기 전용으로 "
		"바꿔 쓰기 시 복사(copy-on-write)를 준비하고, 파일 디스크립터 테이블도 복사합니다. 자식이 "
		"끝나면 그 주소 공간을 다시 허물어야 하고, 여기서 잰 시간에는 그것도 들어 있습니다. ",
		"fork is clone without CLONE_VM. The kernel builds a new address space, copies the "
		"parent's memory areas (VMAs) and page tables, marks the writable pages read-only on "
		"both sides to prepare copy-on-write, and copies the file descriptor table. When the "
		"child exits, that address space is torn down again, and the time measured here "
		"includes it. "));
	k = strlen(line);
	if (o->mib > 0 && r->before.pte_kib >= 0 && r->after.pte_kib >= 0)
		snprintf(line + k, sizeof line - k, DL(env,
			"그래서 비용은 부모가 올려 둔 메모리를 따라갑니다. 부모가 %ld MiB를 더 올리자 "
			"페이지 테이블이 %s KiB에서 %s KiB로 커졌고 fork는 %s에서 %s로 %.1f배가 되었습니다. "
			"데이터는 한 바이트도 복사되지 않았습니다. 그것이 쓰기 시 복사이고, "
			"osprep demo cow가 페이지 폴트 수로 보여 줍니다.",
			"So the cost follows the memory the parent has resident: with %ld MiB more "
			"resident, the parent's page tables grew from %s KiB to %s KiB and fork went from "
			"%s to %s, %.1f times as long. Not one byte of the data was copied: that is "
			"copy-on-write, which osprep demo cow shows in page faults."),
			o->mib, report_count(n1, sizeof n1, r->before.pte_kib),
			report_count(n2, sizeof n2, r->after.pte_kib), spawn_time_text(t1, sizeof t1, frk),
			spawn_time_text(t2, sizeof t2, frk_big), spawn_ratio(frk_big, frk));
	else
		snprintf(line + k, sizeof line - k, "%s", DL(env,
			"그래서 비용은 부모가 올려 둔 메모리, 곧 복사할 페이지 테이블을 따라갑니다(여기서는 "
			"부모의 메모리를 늘리지 않았습니다). 데이터 자체는 복사되지 않습니다. 그것이 쓰기 시 "
			"복사이고, osprep demo cow가 페이지 폴트 수로 보여 줍니다.",
			"So the cost follows the memory the parent has resident, that is the page tables "
			"to copy (the parent's memory was not grown this time). The data itself is not "
			"copied: that is copy-on-write, which osprep demo cow shows in page faults."));
	report_paragraph(env, line);

	snprintf(line, sizeof line, DL(env,
		"vfork는 clone(CLONE_VM | CLONE_VFORK)로, 자식이 exec나 _exit를 부를 때까지 부모의 주소 "
		"공간을 빌려 씁니다. 복사할 것이 없어 %s였고, 부모가 메모리를 더 올린 뒤에는 %s였습니다"
		"(fork는 %.1f배, vfork는 %.1f배). ",
		"vfork is clone(CLONE_VM | CLONE_VFORK): the child borrows the parent's address "
		"space until it calls exec or _exit. With nothing to copy it took %s, and %s once "
		"the parent had more memory (fork: %.1f times as long, vfork: %.1f times). "),
		spawn_time_text(t1, sizeof t1, st[SPAWN_VFORK].med),
		spawn_time_text(t2, sizeof t2, st[SPAWN_VFORK_BIG].med), spawn_ratio(frk_big, frk),
		spawn_ratio(st[SPAWN_VFORK_BIG].med, st[SPAWN_VFORK].med));
	k = strlen(line);
	if (m->have_true)
		snprintf(line + k, sizeof line - k, DL(env,
			"exec는 거기에 주소 공간을 통째로 버리고 프로그램을 싣는 일을 더합니다(실행 파일, "
			"동적 링커, libc를 매핑하고 처음 건드리는 페이지마다 폴트). %s를 fork+exec로 "
			"실행하면 %s, posix_spawn으로는 %s였고, 부모가 %ld MiB를 더 올린 뒤에는 fork+exec가 "
			"%s로 늘었지만 posix_spawn은 %s였습니다. glibc의 posix_spawn은 vfork처럼 "
			"clone(CLONE_VM | CLONE_VFORK)를 쓰기 때문입니다. 큰 프로세스가 다른 프로그램을 "
			"띄울 때 posix_spawn을 쓰는 이유이고, Python의 subprocess와 Java의 ProcessBuilder도 "
			"리눅스에서 vfork나 posix_spawn을 씁니다.",
			"exec adds throwing the whole address space away and loading a program (mapping "
			"the executable, the dynamic linker and libc, and a fault for each page first "
			"touched). Starting %s took %s with fork+exec and %s with posix_spawn; with %ld MiB "
			"more in the parent, fork+exec grew to %s while posix_spawn took %s, because "
			"glibc's posix_spawn uses clone(CLONE_VM | CLONE_VFORK) like vfork. That is why "
			"a big process should start programs with posix_spawn, and why Python's "
			"subprocess and Java's ProcessBuilder use vfork or posix_spawn on Linux."),
			SPAWN_TRUE, spawn_time_text(t1, sizeof t1, st[SPAWN_FORK_EXEC].med),
			spawn_time_text(t2, sizeof t2, st[SPAWN_POSIX_SPAWN].med), o->mib,
			spawn_time_text(t3, sizeof t3, st[SPAWN_FORK_EXEC_BIG].med),
			spawn_time_text(t4, sizeof t4, st[SPAWN_POSIX_SPAWN_BIG].med));
	else
		snprintf(line + k, sizeof line - k, DL(env,
			"exec(프로그램 적재)는 %s가 없어 재지 못했습니다.",
			"exec (loading a program) was not measured: %s is missing."), SPAWN_TRUE);
	report_paragraph(env, line);

	report_paragraph(env, DL(env,
		"리눅스에서는 둘 다 clone이 만드는 태스크이고, 스레드는 커널이 직접 스케줄하는 1:1 "
		"스레드(NPTL)입니다. 만들어진 뒤에는 스케줄러가 둘을 똑같이 다룹니다. 다른 것은 무엇을 "
		"공유하느냐, 그래서 만들 때 무엇을 새로 지어야 하느냐뿐입니다.",
		"On Linux both are tasks made by clone, and a thread is a 1:1 thread (NPTL) that the "
		"kernel schedules itself; once created, the scheduler treats both alike. What differs "
		"is only what they share, and so what has to be built when one is created."));

	if (pool < thr)
		snprintf(line, sizeof line, DL(env,
			"이미 있는 스레드에 일을 넘기고 끝나기를 기다리는 데는 %s 들었습니다. 스레드 "
			"생성은 그 %.1f배, fork는 %.0f배입니다. 넘기기에 남은 것은 잠든 스레드를 깨워 그쪽으로 "
			"전환했다가 돌아오는 비용뿐입니다. ",
			"Handing a job to a thread that already exists and waiting for it took %s; "
			"creating a thread took %.1f times that, and a fork %.0f times. All a hand-off "
			"leaves is waking a sleeping thread, switching to it and back. "),
			spawn_time_text(t1, sizeof t1, pool), spawn_ratio(thr, pool), spawn_ratio(frk, pool));
	else
		snprintf(line, sizeof line, DL(env,
			"이번에는 이미 있는 스레드에 일을 넘기는 데(%s) 스레드를 만드는 것보다 덜 들지 "
			"않았습니다. 보통은 잠든 스레드를 깨워 전환하는 비용만 남아 생성보다 쌉니다. ",
			"This time handing a job to an existing thread (%s) was not cheaper than creating "
			"one; usually only waking a sleeping thread and switching to it is left, and it is. "),
			spawn_time_text(t1, sizeof t1, pool));
	k = strlen(line);
	snprintf(line + k, sizeof line - k, DL(env,
		"생성 비용이 문제가 되는 것은 요청마다 만들 때입니다. 초당 %s건이면 여기서 잰 값으로 "
		"매초 스레드 생성에 %.2f초, fork에 %.2f초",
		"Creation cost matters when something is created per request. At %s requests a "
		"second, the figures measured here come to %.2f s of every second for creating "
		"threads, %.2f s for forking"),
		report_count(n1, sizeof n1, SPAWN_REQUESTS),
		thr * SPAWN_REQUESTS / 1e6, frk * SPAWN_REQUESTS / 1e6);
	k = strlen(line);
	if (m->have_true)
		snprintf(line + k, sizeof line - k, DL(env,
			", fork+exec(CGI 방식)에 %.2f초",
			", %.2f s for fork+exec (the CGI way)"),
			st[SPAWN_FORK_EXEC].med * SPAWN_REQUESTS / 1e6);
	k = strlen(line);
	snprintf(line + k, sizeof line - k, DL(env,
		"가 들고(한 번에 하나씩 잰 값이라 1초를 넘으면 하나씩 차례로 만들어서는 따라가지 "
		"못합니다), 풀에 넘기면 %.2f초입니다. 그래서 서버는 미리 만들어 두고 다시 씁니다. "
		"Apache의 prefork는 프로세스를, worker와 event MPM은 스레드를 미리 띄워 두고, nginx는 "
		"코어 수만큼 고정된 워커 프로세스가 이벤트 루프로 연결을 나눠 맡으며, 스레드 풀도 같은 "
		"생각입니다. 풀을 쓰면 생성 비용은 시작할 때 한 번뿐이라, 스레드냐 프로세스냐를 가르는 "
		"이유가 되지 못합니다.",
		" (measured one at a time: past 1 s, starting them one after another cannot keep "
		"up), and %.2f s for handing the work to a pool. So servers create ahead and reuse: "
		"Apache's prefork MPM keeps processes ready and its worker and event MPMs keep "
		"threads, nginx runs a fixed set of worker processes, one per core, each with an "
		"event loop, and thread pools do the same inside one process. With a pool, creation "
		"is paid once at start-up, so it stops being a reason to choose threads or "
		"processes."),
		pool * SPAWN_REQUESTS / 1e6);
	report_paragraph(env, line);

	report_paragraph(env, DL(env,
		"생성이 싸다는 것만으로 스레드를 고를 이유는 되지 않습니다. 트레이드오프의 반대편에는 "
		"격리가 있습니다. 프로세스는 자기 주소 공간을 가지므로 한 워커의 크래시나 메모리 오염이 "
		"그 워커에서 끝나고(스레드라면 프로세스 전체가 죽습니다), 권한을 낮춰 돌리거나 따로 다시 "
		"시작할 수 있습니다. 브라우저가 렌더러를 프로세스로 띄우고 PostgreSQL이 연결마다 백엔드 "
		"프로세스를 두는 이유입니다.",
		"Cheap creation alone is not a reason to pick threads. On the other side of the "
		"trade-off is isolation: a process has its own address space, so one worker's crash "
		"or memory corruption ends with that worker (a thread's takes the whole process "
		"down), and a process can run with fewer privileges or be restarted alone. That is "
		"why browsers run their renderers as processes and PostgreSQL keeps a backend "
		"process per connection."));

	report_paragraph(env, DL(env,
		"면접에서는: \"스레드가 빠르다\"는 생성에 대해서는 맞습니다. 스레드는 주소 공간과 파일 "
		"테이블을 공유해 태스크와 스택만 있으면 되지만, 프로세스는 페이지 테이블과 파일 테이블을 "
		"복사하고 메모리를 쓰기 시 복사로 표시해야 하며, exec는 프로그램 적재를 더합니다. 보통의 "
		"컴퓨터에서 수 µs에서 수십 µs 대 수십에서 수백 µs입니다. 이 차이는 요청마다 만들 때 "
		"중요하고 풀을 쓰면 사라지므로, 진짜 선택은 공유의 편리함과 격리(크래시의 피해 범위) "
		"사이의 트레이드오프라고 덧붙이세요.",
		"In an interview: \"threads are faster\" is true of creation. A thread shares the "
		"address space and the file table, so a task and a stack are all it needs; a process "
		"needs its page tables and file table copied and its memory marked copy-on-write, and "
		"exec adds loading a program. On typical machines that is a few to tens of µs against "
		"tens to hundreds. The gap matters when something is created per request and "
		"disappears with a pool, so add that the real choice is a trade-off between easy "
		"sharing and isolation (how far a crash reaches)."));
}

static void
spawn_json_mem(cJSON *o, const char *rss, const char *pte, const struct spawn_mem *m)
{
	if (m->rss_kib >= 0)
		cJSON_AddNumberToObject(o, rss, (double)m->rss_kib);
	else
		cJSON_AddNullToObject(o, rss);
	if (m->pte_kib >= 0)
		cJSON_AddNumberToObject(o, pte, (double)m->pte_kib);
	else
		cJSON_AddNullToObject(o, pte);
}

/* A number, or null when the kind was not measured or the ratio has no base. */
static void
spawn_json_num(cJSON *o, const char *key, int ok, double v)
{
	if (ok)
		cJSON_AddNumberToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

static cJSON *
spawn_json(const struct spawn_opts *o, const struct spawn_machine *m, const struct spawn_results *r)
{
	const struct spawn_stat *st = r->stat;
	cJSON *root = cJSON_CreateObject(), *p, *mach, *runs, *x, *d;
	char key[64];
	int k;

	if (root == NULL)
		return NULL;
	cJSON_AddStringToObject(root, "demo", "spawn");
	p = cJSON_AddObjectToObject(root, "params");
	cJSON_AddNumberToObject(p, "iterations", (double)o->iterations);
	cJSON_AddNumberToObject(p, "warmup", (double)o->warmup);
	cJSON_AddNumberToObject(p, "mib", (double)o->mib);
	cJSON_AddNumberToObject(p, "small_stack_kib", SPAWN_SMALL_STACK / 1024);
	cJSON_AddStringToObject(p, "program", SPAWN_TRUE);

	mach = cJSON_AddObjectToObject(root, "machine");
	cJSON_AddNumberToObject(mach, "online_cpus", m->online);
	cJSON_AddStringToObject(mach, "kernel", m->kernel);
	cJSON_AddStringToObject(mach, "glibc", m->libc);
	cJSON_AddNumberToObject(mach, "page_size", (double)m->page);
	spawn_json_num(mach, "default_stack_kib", m->default_stack_kib >= 0, (double)m->default_stack_kib);
	cJSON_AddStringToObject(mach, "thp", m->thp);
	cJSON_AddBoolToObject(mach, "nohugepage", r->nohugepage);
	cJSON_AddBoolToObject(mach, "bin_true", m->have_true);
	cJSON_AddNumberToObject(mach, "cpu", m->cpu);
	cJSON_AddBoolToObject(mach, "pinned", m->pinned);
	spawn_json_mem(mach, "rss_kib_before", "pte_kib_before", &r->before);
	spawn_json_mem(mach, "rss_kib_after", "pte_kib_after", &r->after);

	runs = cJSON_AddObjectToObject(root, "runs");
	for (k = 0; k < SPAWN_KINDS; k++) {
		if (!st[k].done) {
			cJSON_AddNullToObject(runs, spawn_kind_info[k].key);
			continue;
		}
		x = cJSON_AddObjectToObject(runs, spawn_kind_info[k].key);
		cJSON_AddNumberToObject(x, "n", (double)st[k].n);
		cJSON_AddNumberToObject(x, "min_us", st[k].min);
		cJSON_AddNumberToObject(x, "median_us", st[k].med);
		cJSON_AddNumberToObject(x, "p90_us", st[k].p90);
		cJSON_AddNumberToObject(x, "max_us", st[k].max);
		cJSON_AddNumberToObject(x, "mean_us", st[k].mean);
	}

	d = cJSON_AddObjectToObject(root, "derived");
	cJSON_AddNumberToObject(d, "mib", (double)o->mib);
	for (k = 0; k < SPAWN_KINDS; k++) {
		snprintf(key, sizeof key, "%s_us", spawn_kind_info[k].key);
		spawn_json_num(d, key, st[k].done, st[k].med);
	}
	cJSON_AddNumberToObject(d, "thread_p90_us", st[SPAWN_THREAD].p90);
	cJSON_AddNumberToObject(d, "fork_p90_us", st[SPAWN_FORK].p90);
	cJSON_AddNumberToObject(d, "fork_over_thread", spawn_ratio(st[SPAWN_FORK].med, st[SPAWN_THREAD].med));
	cJSON_AddNumberToObject(d, "fork_big_over_thread",
	                        spawn_ratio(st[SPAWN_FORK_BIG].med, st[SPAWN_THREAD].med));
	cJSON_AddNumberToObject(d, "fork_big_over_fork", spawn_ratio(st[SPAWN_FORK_BIG].med, st[SPAWN_FORK].med));
	cJSON_AddNumberToObject(d, "thread_over_handoff", spawn_ratio(st[SPAWN_THREAD].med, st[SPAWN_POOL].med));
	spawn_json_num(d, "fork_exec_big_over_posix_spawn_big", st[SPAWN_FORK_EXEC_BIG].done,
	               spawn_ratio(st[SPAWN_FORK_EXEC_BIG].med, st[SPAWN_POSIX_SPAWN_BIG].med));
	spawn_json_num(d, "pte_kib_before", r->before.pte_kib >= 0, (double)r->before.pte_kib);
	spawn_json_num(d, "pte_kib_after", r->after.pte_kib >= 0, (double)r->after.pte_kib);
	cJSON_AddBoolToObject(d, "bin_true", m->have_true);
	cJSON_AddBoolToObject(d, "pinned", m->pinned);
	cJSON_AddNumberToObject(d, "children_left", r->children_left);
	spawn_json_num(d, "threads_left", r->threads_left >= 0, r->threads_left);
	return root;
}

/*
 * The kinds of one group, those that need /bin/true left out when it is
 * missing, into out; returns how many.
 */
static int
spawn_group(const struct spawn_machine *m, const enum spawn_kind *ks, int n, enum spawn_kind *out)
{
	int i, k = 0;

	for (i = 0; i < n; i++)
		if (!spawn_kind_info[ks[i]].exec || m->have_true)
			out[k++] = ks[i];
	return k;
}

/*
 * The first round, with the parent as it started: threads and the pool
 * (the pool's worker is joined before any fork, so forks come from a
 * process of one thread), then the process kinds.
 */
static int
spawn_run_small(const struct demo_env *env, const struct spawn_opts *o, const struct spawn_machine *m,
                struct spawn_ctx *c, double *samples, struct spawn_results *r)
{
	static const enum spawn_kind threads[] = { SPAWN_THREAD, SPAWN_THREAD_SMALL, SPAWN_POOL };
	static const enum spawn_kind procs[] = {
		SPAWN_VFORK, SPAWN_FORK, SPAWN_FORK_EXEC, SPAWN_POSIX_SPAWN
	};
	enum spawn_kind ks[SPAWN_GROUP_MAX];
	int rc;

	if (spawn_pool_start(&c->pool) != 0) {
		report_error("spawn", "cannot start the pool's thread: %s", strerror(errno));
		return -1;
	}
	c->pool_up = 1;
	rc = spawn_measure(env, o, DL(env, "스레드 재는 중", "timing threads"), threads, 3, c, samples, r,
	                   0, 0.05);
	spawn_pool_stop(&c->pool);
	c->pool_up = 0;
	if (rc != 0)
		return -1;
	return spawn_measure(env, o, DL(env, "프로세스 재는 중", "timing processes"), ks,
	                     spawn_group(m, procs, 4, ks), c, samples, r, 0.05, 0.4);
}

/* Make --mib resident in slices, so the progress bar moves, then time the process kinds again. */
static int
spawn_run_big(const struct demo_env *env, const struct spawn_opts *o, const struct spawn_machine *m,
              struct spawn_ctx *c, char *buf, double *samples, struct spawn_results *r)
{
	static const enum spawn_kind procs[] = {
		SPAWN_VFORK_BIG, SPAWN_FORK_BIG, SPAWN_FORK_EXEC_BIG, SPAWN_POSIX_SPAWN_BIG
	};
	long pages = (long)(((size_t)o->mib << 20) / (size_t)m->page), done, to;
	enum spawn_kind ks[SPAWN_GROUP_MAX];

	for (done = 0; done < pages; done = to) {
		to = done + (1L << 14) < pages ? done + (1L << 14) : pages;
		spawn_touch(buf, done, to, m->page);
		progress_update(env, DL(env, "메모리 올리는 중", "making memory resident"),
		                0.4 + 0.05 * (double)to / (double)pages);
	}
	spawn_mem_read(&r->after);
	return spawn_measure(env, o, DL(env, "큰 부모에서 프로세스 재는 중", "timing processes, bigger parent"),
	                     ks, spawn_group(m, procs, 4, ks), c, samples, r, 0.45, 1);
}

static int
spawn_main(int argc, char **argv, const struct demo_env *env)
{
	struct spawn_opts o;
	struct spawn_machine m;
	struct spawn_results *r;
	struct spawn_ctx c;
	cpu_set_t saved;
	int cpus[1];
	double *samples;
	size_t len;
	char *buf = NULL;
	int rc = 0;

	if (spawn_parse(argc, argv, &o) != 0)
		return 2;
	spawn_machine_read(&m);
	/* one CPU for everything: new threads and children inherit it */
	CPU_ZERO(&saved);
	sched_getaffinity(0, sizeof saved, &saved);
	m.cpu = report_cpus(cpus, 1) == 1 ? cpus[0] : 0;
	m.pinned = report_pin_self(m.cpu);
	if (m.mem_available_mib >= 0 && o.mib > m.mem_available_mib * 8 / 10) {
		report_error("spawn", "not enough free memory: --mib %ld and %ld MiB is available; "
		             "try a smaller --mib", o.mib, m.mem_available_mib);
		sched_setaffinity(0, sizeof saved, &saved);
		return 1;
	}
	r = calloc(1, sizeof *r);
	samples = calloc((size_t)o.iterations * SPAWN_GROUP_MAX, sizeof *samples);
	memset(&c, 0, sizeof c);
	if (r == NULL || samples == NULL || pthread_attr_init(&c.small) != 0) {
		report_error("spawn", "out of memory");
		free(samples);
		free(r);
		sched_setaffinity(0, sizeof saved, &saved);
		return 1;
	}
	if (pthread_attr_setstacksize(&c.small, SPAWN_SMALL_STACK) != 0) {
		report_error("spawn", "a %d KiB thread stack is not allowed here", SPAWN_SMALL_STACK / 1024);
		rc = 1;
		goto out;
	}
	len = (size_t)o.mib << 20;
	if (len > 0 && (buf = spawn_map(len, &r->nohugepage)) == NULL) {
		report_error("spawn", "cannot map %ld MiB: %s", o.mib, strerror(errno));
		rc = 1;
		goto out;
	}
	spawn_mem_read(&r->before);
	if (!env->json) {
		spawn_intro(env, &o, &m, r);
		fflush(stdout);
	}
	if (spawn_run_small(env, &o, &m, &c, samples, r) != 0 ||
	    spawn_run_big(env, &o, &m, &c, buf, samples, r) != 0) {
		progress_done(env);
		rc = 1;
		goto out;
	}
	progress_done(env);
	r->children_left = spawn_children_left();
	r->threads_left = spawn_other_threads();

	if (env->json) {
		if (report_json_print(spawn_json(&o, &m, r)) != 0)
			rc = 1;
	} else {
		spawn_print(env, &o, &m, r);
		spawn_explain(env, &o, &m, r);
	}
out:
	if (c.pool_up)
		spawn_pool_stop(&c.pool);
	pthread_attr_destroy(&c.small);
	sched_setaffinity(0, sizeof saved, &saved);
	if (buf != NULL)
		munmap(buf, len);
	free(samples);
	free(r);
	return rc;
}

const struct demo demo_spawn = {
	.name = "spawn",
	.summary = { "스레드, 프로세스, 프로그램을 시작하는 비용과 풀이 있는 이유",
	             "what starting a thread, a process or a program costs, and why pools exist" },
	.usage = "demo spawn [--iterations N] [--mib N]",
	.help = {
		"--iterations N  종류마다 잴 횟수, 중앙값과 p90을 씀 (기본 200, 10-100,000)\n"
		"--mib N         부모가 더 올릴 메모리, MiB (기본 64, 0-1,024)\n",
		"--iterations N  timed starts per kind; the median and p90 are used (default 200,\n"
		"                10-100,000)\n"
		"--mib N         memory the parent makes resident before the second round, in MiB\n"
		"                (default 64, 0-1,024)\n",
	},
	.main = spawn_main,
	.source = demo_spawn_source,
};
