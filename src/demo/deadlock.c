/*
 * deadlock.c: the deadlock demo. Two threads take two mutexes in opposite
 * order and are forced into the deadly interleaving every time. A watchdog
 * finds the cycle in the wait-for graph, confirms in /proc that both
 * threads are asleep, and recovers by making one back off. Then the fixes:
 * one global lock order, and try-lock with back-off; --livelock shows two
 * polite threads backing off in step forever.
 *
 * The part between the core markers is what `demo deadlock --source`
 * prints and what tests/tsan compiles on its own (DEMO_CORE_ONLY).
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef DEMO_CORE_ONLY
#include <cjson/cJSON.h>

#include "demo.h"
#include "report.h"
#endif

/* ThreadSanitizer in clang 14 does not intercept pthread_mutex_clocklock. */
#if defined(__SANITIZE_THREAD__)
#define DEADLOCK_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define DEADLOCK_TSAN 1
#endif
#endif

/* osprep:core-begin */

enum { LOCK_A, LOCK_B };

struct deadlock_shared {
	pthread_mutex_t lock[2];     /* A and B */
	pthread_barrier_t start;     /* both threads meet here */
	long long slice_ns;          /* one bounded wait for a lock */
	long long give_up_ns;        /* T2 backs off by itself after this */
	int hang;                    /* --hang: wait without a bound, never recover */
	long work;                   /* critical sections done; needs both locks */
};

/* One thread of the deadlock, and what it tells the watchdog. */
struct deadlock_thread {
	struct deadlock_shared *sh;
	struct deadlock_thread *peer;
	int id;                      /* 0 = T1, 1 = T2 */
	int first, second;           /* lock order */
	atomic_int tid;
	atomic_int holds;            /* bit 1 << lock for each lock held */
	atomic_int waits_for;        /* lock + 1 while waiting for it, else 0 */
	atomic_llong wait_start_ns;
	atomic_int back_off;         /* set by the watchdog: let go and retry */
	atomic_int done;
	int backed_off, gave_up, completed;
	long long done_ns;
};

/* What the watchdog saw when it declared a deadlock. */
struct deadlock_seen {
	int detected;
	long long at_ns;             /* when the cycle was confirmed */
	long long detect_ns;         /* from the later wait starting to confirmation */
	int holds[2], waits[2];      /* waits: lock index, -1 for none */
	int tid[2];
	char state[2];               /* from /proc/self/task/TID/stat */
	char wchan[2][40];           /* kernel function it sleeps in, if shown */
};

static long long
deadlock_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Wait at most slice_ns for m: 0 when locked, ETIMEDOUT when not. */
static int
deadlock_timedlock(pthread_mutex_t *m, long long slice_ns)
{
	struct timespec ts;

#ifdef DEADLOCK_TSAN
	clock_gettime(CLOCK_REALTIME, &ts);
#else
	clock_gettime(CLOCK_MONOTONIC, &ts);
#endif
	ts.tv_nsec += slice_ns % 1000000000LL;
	ts.tv_sec += slice_ns / 1000000000LL + ts.tv_nsec / 1000000000L;
	ts.tv_nsec %= 1000000000L;
#ifdef DEADLOCK_TSAN
	return pthread_mutex_timedlock(m, &ts);
#else
	return pthread_mutex_clocklock(m, CLOCK_MONOTONIC, &ts);
#endif
}

static void
deadlock_take(struct deadlock_thread *t, int l)
{
	pthread_mutex_lock(&t->sh->lock[l]);
	atomic_fetch_or(&t->holds, 1 << l);
}

static void
deadlock_drop(struct deadlock_thread *t, int l)
{
	atomic_fetch_and(&t->holds, ~(1 << l));
	pthread_mutex_unlock(&t->sh->lock[l]);
}

/*
 * Wait for lock l while holding the other. Unbounded, or (bounded) in
 * slices so that the thread can still be told to back off. 0 once it holds
 * l; -1 when it was told to back off or waited longer than give_up_ns.
 */
static int
deadlock_wait_for(struct deadlock_thread *t, int l, int bounded)
{
	struct deadlock_shared *sh = t->sh;
	long long start = deadlock_now_ns();

	atomic_store(&t->wait_start_ns, start);
	atomic_store(&t->waits_for, l + 1);
	if (!bounded) {
		pthread_mutex_lock(&sh->lock[l]);
	} else {
		while (deadlock_timedlock(&sh->lock[l], sh->slice_ns) != 0) {
			int asked = atomic_load(&t->back_off);
			if (asked || deadlock_now_ns() - start > sh->give_up_ns) {
				t->gave_up = !asked;
				atomic_store(&t->waits_for, 0);
				return -1;
			}
		}
	}
	atomic_fetch_or(&t->holds, 1 << l);
	atomic_store(&t->waits_for, 0);
	return 0;
}

/*
 * T1 waits for its second lock like most code does, without a bound. T2
 * waits in bounded slices, so it is the one that can back off: the victim.
 */
static void *
deadlock_worker(void *arg)
{
	struct deadlock_thread *t = arg;
	struct deadlock_shared *sh = t->sh;
	struct timespec nap = { 0, 1000000 };

	atomic_store(&t->tid, (int)gettid());
	deadlock_take(t, t->first);
	/* Both hold their first lock before either asks for its second. */
	pthread_barrier_wait(&sh->start);
	if (deadlock_wait_for(t, t->second, t->id == 1 && !sh->hang) != 0) {
		/* Back off: let go, let the other finish, then take both again. */
		deadlock_drop(t, t->first);
		t->backed_off = 1;
		while (!atomic_load(&t->peer->done))
			nanosleep(&nap, NULL);
		deadlock_take(t, t->first);
		deadlock_wait_for(t, t->second, 0);
	}
	sh->work++;
	t->completed = 1;
	deadlock_drop(t, t->second);
	deadlock_drop(t, t->first);
	t->done_ns = deadlock_now_ns();
	atomic_store(&t->done, 1);
	return NULL;
}

/* A thread's state letter from /proc: R running, S sleeping, D disk... */
static char
deadlock_task_state(int tid, char *wchan, size_t wlen)
{
	char path[64], buf[512], *p;
	FILE *f;
	size_t n;

	if (wchan != NULL && wlen > 0) {
		wchan[0] = '\0';
		snprintf(path, sizeof path, "/proc/self/task/%d/wchan", tid);
		if ((f = fopen(path, "r")) != NULL) {
			n = fread(wchan, 1, wlen - 1, f);
			wchan[n] = '\0';
			fclose(f);
		}
	}
	snprintf(path, sizeof path, "/proc/self/task/%d/stat", tid);
	if ((f = fopen(path, "r")) == NULL)
		return '?';
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');          /* the name in parentheses may hold spaces */
	return p != NULL && p[1] == ' ' && p[2] != '\0' ? p[2] : '?';
}

/* The wait-for graph has the cycle T1 -> T2 -> T1. */
static int
deadlock_cycle(struct deadlock_thread *t, int *holds, int *waits)
{
	int i;

	for (i = 0; i < 2; i++) {
		holds[i] = atomic_load(&t[i].holds);
		waits[i] = atomic_load(&t[i].waits_for) - 1;
	}
	return waits[0] >= 0 && waits[1] >= 0 &&
	       (holds[1] & (1 << waits[0])) && (holds[0] & (1 << waits[1]));
}

/*
 * The watchdog: look every 0.1 ms. A deadlock is a cycle in the wait-for
 * graph (each waits for a lock the other holds) while the kernel shows both
 * threads asleep. Returns 1 when found, 0 when both finished or limit_ns
 * passed first.
 */
static int
deadlock_watch(struct deadlock_thread *t, long long limit_ns, struct deadlock_seen *s)
{
	struct timespec nap = { 0, 100000 };
	long long start = deadlock_now_ns(), w0, w1;
	int i;

	memset(s, 0, sizeof *s);
	for (;;) {
		if (atomic_load(&t[0].done) && atomic_load(&t[1].done))
			return 0;
		if (deadlock_cycle(t, s->holds, s->waits)) {
			for (i = 0; i < 2; i++) {
				s->tid[i] = atomic_load(&t[i].tid);
				s->state[i] = deadlock_task_state(s->tid[i], s->wchan[i], sizeof s->wchan[i]);
			}
			if (s->state[0] == 'S' && s->state[1] == 'S' &&
			    deadlock_cycle(t, s->holds, s->waits)) {
				s->detected = 1;
				s->at_ns = deadlock_now_ns();
				w0 = atomic_load(&t[0].wait_start_ns);
				w1 = atomic_load(&t[1].wait_start_ns);
				s->detect_ns = s->at_ns - (w0 > w1 ? w0 : w1);
				return 1;
			}
		}
		if (deadlock_now_ns() - start > limit_ns)
			return 0;
		nanosleep(&nap, NULL);
	}
}

/* Set up the two threads in opposite order and start them. */
static int
deadlock_start(struct deadlock_shared *sh, struct deadlock_thread *t, pthread_t *tid)
{
	int i, err;

	pthread_mutex_init(&sh->lock[LOCK_A], NULL);
	pthread_mutex_init(&sh->lock[LOCK_B], NULL);
	pthread_barrier_init(&sh->start, NULL, 2);
	sh->work = 0;
	for (i = 0; i < 2; i++) {
		memset(&t[i], 0, sizeof t[i]);
		t[i].sh = sh;
		t[i].peer = &t[1 - i];
		t[i].id = i;
		t[i].first = i == 0 ? LOCK_A : LOCK_B;    /* T1: A then B */
		t[i].second = i == 0 ? LOCK_B : LOCK_A;   /* T2: B then A */
	}
	for (i = 0; i < 2; i++) {
		err = pthread_create(&tid[i], NULL, deadlock_worker, &t[i]);
		if (err != 0) {
			if (i == 1) {
				/* T1 waits at the barrier for a partner that never comes */
				pthread_cancel(tid[0]);
				pthread_join(tid[0], NULL);
			}
			errno = err;
			return -1;
		}
	}
	return 0;
}

/* Recover: the victim, T2, backs off; join both. */
static int
deadlock_recover(struct deadlock_shared *sh, struct deadlock_thread *t, pthread_t *tid,
                 const struct deadlock_seen *s)
{
	int victim = 1;

	if (s->detected)
		atomic_store(&t[victim].back_off, 1);
	pthread_join(tid[0], NULL);
	pthread_join(tid[1], NULL);
	pthread_barrier_destroy(&sh->start);
	pthread_mutex_destroy(&sh->lock[LOCK_A]);
	pthread_mutex_destroy(&sh->lock[LOCK_B]);
	return victim;
}

/* The fixes run this loop in two threads, T1 in order A B, T2 in B A. */
struct deadlock_loop {
	struct deadlock_shared *sh;
	int first, second;
	long iters;
	long backoffs;
	unsigned seed;
};

/* Fix 1: one global order. Whatever its own order, everyone takes A first. */
static void *
deadlock_ordered(void *arg)
{
	struct deadlock_loop *l = arg;
	struct deadlock_shared *sh = l->sh;
	long i;

	pthread_barrier_wait(&sh->start);
	for (i = 0; i < l->iters; i++) {
		pthread_mutex_lock(&sh->lock[LOCK_A]);
		pthread_mutex_lock(&sh->lock[LOCK_B]);
		sh->work++;
		pthread_mutex_unlock(&sh->lock[LOCK_B]);
		pthread_mutex_unlock(&sh->lock[LOCK_A]);
	}
	return NULL;
}

/* Wait a random while, longer after each failure, to fall out of step. */
static void
deadlock_backoff(unsigned *seed, int attempt)
{
	int cap = attempt < 10 ? 64 << attempt : 64 << 10;
	volatile int k;
	int spins = rand_r(seed) % cap;

	for (k = 0; k < spins; k++)
		;
	if (attempt >= 4)
		sched_yield();
}

/* Fix 2: keep the opposite orders but never wait while holding a lock. */
static void *
deadlock_trylock(void *arg)
{
	struct deadlock_loop *l = arg;
	struct deadlock_shared *sh = l->sh;
	long i;
	int attempt;

	pthread_barrier_wait(&sh->start);
	for (i = 0; i < l->iters; i++) {
		for (attempt = 0;; attempt++) {
			pthread_mutex_lock(&sh->lock[l->first]);
			if (pthread_mutex_trylock(&sh->lock[l->second]) == 0)
				break;
			pthread_mutex_unlock(&sh->lock[l->first]);   /* let go of everything */
			l->backoffs++;
			deadlock_backoff(&l->seed, attempt);
		}
		sh->work++;
		pthread_mutex_unlock(&sh->lock[l->second]);
		pthread_mutex_unlock(&sh->lock[l->first]);
	}
	return NULL;
}

/* Run a fix in two threads; returns the work done, or -1 (errno set). */
static long
deadlock_fix(void *(*fn)(void *), long iters, struct deadlock_loop *l)
{
	struct deadlock_shared sh;
	pthread_t tid[2];
	int i, err;

	memset(&sh, 0, sizeof sh);
	pthread_mutex_init(&sh.lock[LOCK_A], NULL);
	pthread_mutex_init(&sh.lock[LOCK_B], NULL);
	pthread_barrier_init(&sh.start, NULL, 2);
	for (i = 0; i < 2; i++) {
		memset(&l[i], 0, sizeof l[i]);
		l[i].sh = &sh;
		l[i].first = i == 0 ? LOCK_A : LOCK_B;
		l[i].second = i == 0 ? LOCK_B : LOCK_A;
		l[i].iters = iters;
		l[i].seed = 12345u + (unsigned)i * 7919u;
	}
	err = pthread_create(&tid[0], NULL, fn, &l[0]);
	if (err == 0 && (err = pthread_create(&tid[1], NULL, fn, &l[1])) != 0) {
		pthread_cancel(tid[0]);
		pthread_join(tid[0], NULL);
	}
	if (err == 0) {
		pthread_join(tid[0], NULL);
		pthread_join(tid[1], NULL);
	}
	pthread_barrier_destroy(&sh.start);
	pthread_mutex_destroy(&sh.lock[LOCK_A]);
	pthread_mutex_destroy(&sh.lock[LOCK_B]);
	if (err != 0) {
		errno = err;
		return -1;
	}
	return sh.work;
}

/* --livelock: a meeting point both threads spin at, so they stay in step. */
struct deadlock_step {
	atomic_int arrived, generation, go, stop;
};

/* Meet the other thread; 0 when the round should not start (stop asked). */
static int
deadlock_meet(struct deadlock_step *s, int may_stop)
{
	int gen = atomic_load(&s->generation), spins = 0;

	if (atomic_fetch_add(&s->arrived, 1) == 1) {
		atomic_store(&s->arrived, 0);
		atomic_store(&s->go, !(may_stop && atomic_load(&s->stop)));
		atomic_fetch_add(&s->generation, 1);
	} else {
		while (atomic_load(&s->generation) == gen)
			if (++spins > 1000)
				sched_yield();
	}
	return atomic_load(&s->go);
}

struct deadlock_polite {
	struct deadlock_shared *sh;
	struct deadlock_step *step;
	int first, second;
	atomic_int tid;
	long attempts, successes;
	long long cpu_ns;
};

/*
 * Two polite threads in step: each takes its first lock, tries the second
 * (the other holds it), politely lets go, and tries again, at the same
 * moment as the other. Both stay busy; neither gets anywhere.
 */
static void *
deadlock_lockstep(void *arg)
{
	struct deadlock_polite *p = arg;
	struct deadlock_shared *sh = p->sh;
	struct timespec cpu;

	atomic_store(&p->tid, (int)gettid());
	while (deadlock_meet(p->step, 1)) {
		pthread_mutex_lock(&sh->lock[p->first]);
		deadlock_meet(p->step, 0);
		p->attempts++;
		if (pthread_mutex_trylock(&sh->lock[p->second]) == 0) {
			p->successes++;
			pthread_mutex_unlock(&sh->lock[p->second]);
		}
		deadlock_meet(p->step, 0);
		pthread_mutex_unlock(&sh->lock[p->first]);
	}
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
	p->cpu_ns = (long long)cpu.tv_sec * 1000000000LL + cpu.tv_nsec;
	return NULL;
}

/* osprep:core-end */

#ifndef DEMO_CORE_ONLY

extern const char demo_deadlock_source[];
extern const struct demo demo_deadlock;

#define DL_MAX_RUNS 1000

struct dl_opts {
	long runs, iters;
	int livelock, hang;
};

struct dl_run {
	struct deadlock_seen seen;
	int recovered, victim;
	double detect_ms, recover_ms;
};

struct dl_fix {
	long work;
	int completed;
	double ms, per_s;
	long backoffs;
};

struct dl_live {
	long attempts, successes;
	double ms, cpu_pct;
	char state[2];
	int ran;
};

static const char dl_lock_name[] = "AB";

static int
dl_parse(int argc, char **argv, struct dl_opts *o)
{
	int i;

	o->runs = 5;
	o->iters = 1000000;
	o->livelock = 0;
	o->hang = 0;
	for (i = 1; i < argc; i++) {
		const char *v = NULL;
		int m;

		if ((m = report_opt(argc, argv, &i, "runs", &v)) != 0) {
			if (m < 0 || report_arg_long("deadlock", "runs", v, 1, DL_MAX_RUNS, &o->runs) != 0)
				return -1;
		} else if ((m = report_opt(argc, argv, &i, "iters", &v)) != 0) {
			if (m < 0 || report_arg_long("deadlock", "iters", v, 1, 100000000, &o->iters) != 0)
				return -1;
		} else if (report_opt(argc, argv, &i, "livelock", NULL) == 1) {
			o->livelock = 1;
		} else if (report_opt(argc, argv, &i, "hang", NULL) == 1) {
			o->hang = 1;
		} else {
			report_error("deadlock", "unknown option \"%s\"", argv[i]);
			fprintf(stderr, "usage: %s\n", demo_deadlock.usage);
			return -1;
		}
	}
	return 0;
}

static const char *
dl_state_name(const struct demo_env *env, char s)
{
	switch (s) {
	case 'R': return DL(env, "실행 중", "running");
	case 'S': return DL(env, "잠듦", "sleeping");
	case 'D': return DL(env, "깨울 수 없는 대기", "uninterruptible");
	default:  return DL(env, "알 수 없음", "unknown");
	}
}

/* A table cell: text padded to cols display columns. */
static void
dl_cell(const char *text, int cols)
{
	int w = report_width(text);

	printf("%s%*s", text, w < cols ? cols - w : 1, "");
}

/* "  ─── text ───" spanning exactly cols columns. */
static void
dl_rule(int cols, const char *text)
{
	int w = report_width(text) + 2, left, i;

	if (w > cols)
		w = cols;
	left = (cols - w) / 2;
	for (i = 0; i < left; i++)
		fputs("─", stdout);
	printf(" %s ", text);
	for (i = left + w; i < cols; i++)
		fputs("─", stdout);
}

/*
 *     ┌──── waits for B (T2 holds it) ────┐
 *     │                                   ▼
 *   [T1 holds A]                   [T2 holds B]
 *     ▲                                   │
 *     └──── waits for A (T1 holds it) ────┘
 */
static void
dl_graph(const struct demo_env *env, const struct deadlock_seen *s)
{
	char node[2][64], edge[2][96];
	int i, wl, lab, cl, cr, span;

	for (i = 0; i < 2; i++) {
		int held = (s->holds[i] & (1 << LOCK_A)) ? LOCK_A : LOCK_B;
		snprintf(node[i], sizeof node[i], DL(env, "[T%d: %c를 가짐]", "[T%d holds %c]"),
		         i + 1, dl_lock_name[held]);
		/* the holder is the other thread: 티투가 and 티원이 */
		snprintf(edge[i], sizeof edge[i], DL(env, i == 0 ? "%c를 기다림 (T%d가 가짐)" : "%c를 기다림 (T%d이 가짐)",
		                                          "waits for %c (T%d holds it)"),
		         s->waits[i] >= 0 ? dl_lock_name[s->waits[i]] : '?', 2 - i);
	}
	wl = report_width(node[0]);
	lab = report_width(edge[0]) > report_width(edge[1]) ? report_width(edge[0]) : report_width(edge[1]);
	cl = 4;                                 /* column of the left vertical */
	cr = cl + 1 + lab + 8;                  /* column of the right vertical */
	if (cr - 2 < 2 + wl + 4)
		cr = 2 + wl + 4 + 2;
	span = cr - cl - 1;

	printf("\n%*s┌", cl, "");
	dl_rule(span, edge[0]);
	printf("┐\n%*s│%*s▼\n", cl, "", span, "");
	printf("  %s%*s%s\n", node[0], cr - 2 - (2 + wl), "", node[1]);
	printf("%*s▲%*s│\n%*s└", cl, "", span, "", cl, "");
	dl_rule(span, edge[1]);
	printf("┘\n\n");

	fputs("  ", stdout);
	dl_cell(DL(env, "스레드", "thread"), 8);
	dl_cell("TID", 9);
	dl_cell(DL(env, "/proc 상태", "/proc state"), 16);
	dl_cell(DL(env, "가진 락", "holds"), 9);
	printf("%s\n", DL(env, "기다리는 락", "waits for"));
	for (i = 0; i < 2; i++) {
		char cell[64];
		int held = (s->holds[i] & (1 << LOCK_A)) ? LOCK_A : LOCK_B;

		snprintf(cell, sizeof cell, "  T%d", i + 1);
		dl_cell(cell, 10);
		snprintf(cell, sizeof cell, "%d", s->tid[i]);
		dl_cell(cell, 9);
		snprintf(cell, sizeof cell, "%c (%s)", s->state[i], dl_state_name(env, s->state[i]));
		dl_cell(cell, 16);
		snprintf(cell, sizeof cell, "%c", dl_lock_name[held]);
		dl_cell(cell, 9);
		snprintf(cell, sizeof cell, "%c", s->waits[i] >= 0 ? dl_lock_name[s->waits[i]] : '-');
		dl_cell(cell, 6);
		if (s->wchan[i][0] != '\0' && strcmp(s->wchan[i], "0") != 0)
			printf("%s: %s", DL(env, "커널 대기 위치", "sleeping in"), s->wchan[i]);
		printf("\n");
	}
}

static void
dl_coffman(const struct demo_env *env, const struct deadlock_seen *s)
{
	char line[160];

	report_heading(env, DL(env, "코프먼 조건 네 가지: 모두 성립", "The four Coffman conditions: all hold"));
	printf("  ✓ %s\n", DL(env, "상호 배제: 뮤텍스는 한 번에 한 스레드만 가질 수 있음",
	                           "mutual exclusion: a mutex has at most one owner"));
	snprintf(line, sizeof line, DL(env, "점유 대기: T1은 %c를 가진 채 %c를 기다림",
	                                    "hold and wait: T1 holds %c while it waits for %c"),
	         dl_lock_name[(s->holds[0] & 1) ? LOCK_A : LOCK_B],
	         s->waits[0] >= 0 ? dl_lock_name[s->waits[0]] : '?');
	printf("  ✓ %s\n", line);
	printf("  ✓ %s\n", DL(env, "비선점: 아무도 T1에게서 락을 빼앗을 수 없고, 스스로 놓을 때까지 기다림",
	                           "no preemption: nobody can take a lock from T1; only T1 can release it"));
	printf("  ✓ %s\n", DL(env, "순환 대기: T1 → T2 → T1 (대기 그래프의 순환)",
	                           "circular wait: T1 → T2 → T1 (a cycle in the wait-for graph)"));
}

static void
dl_intro(const struct demo_env *env, const struct dl_opts *o)
{
	char line[800];

	report_heading(env, DL(env, "교착 상태: 두 스레드, 두 락, 반대 순서",
	                            "Deadlock: two threads, two locks, opposite order"));
	snprintf(line, sizeof line, DL(env,
		"T1은 락 A를 잡고 B를, T2는 B를 잡고 A를 원합니다. 둘이 첫 락을 잡은 뒤 배리어에서 "
		"서로를 기다리게 해서 매번 교착 상태에 빠지게 만듭니다(%ld회). 감시자가 대기 "
		"그래프에서 순환을 찾고 /proc에서 두 스레드가 잠들어 있음을 확인한 뒤, 한 스레드를 "
		"물러나게 해서 회복합니다. 지켜볼 것: 누가 무엇을 가지고 무엇을 기다리는지, 감지까지 "
		"걸린 시간, 그리고 교착을 아예 막는 두 가지 방법.",
		"T1 takes lock A and then wants B; T2 takes B and then wants A. Both meet at a "
		"barrier after their first lock, so they deadlock every time (%ld runs). A "
		"watchdog finds the cycle in the wait-for graph, confirms in /proc that both "
		"threads are asleep, and recovers by making one back off. Watch for: who holds "
		"what and waits for what, the time to detection, and two ways to prevent the "
		"deadlock altogether."), o->runs);
	report_paragraph(env, line);
	if (o->hang)
		report_paragraph(env, DL(env,
			"--hang: 이번에는 기한 없이 기다리고 아무도 회복시키지 않습니다. 프로세스는 "
			"제한 시간이 지나거나 Ctrl-C를 누를 때까지 멈춰 있습니다.",
			"--hang: this time the threads wait with no bound and nothing recovers them. "
			"The process stays stuck until the time limit or Ctrl-C."));
	fflush(stdout);
}

static int
dl_hang(const struct demo_env *env)
{
	struct deadlock_shared sh;
	struct deadlock_thread t[2];
	struct deadlock_seen seen;
	pthread_t tid[2];

	memset(&sh, 0, sizeof sh);
	sh.hang = 1;
	sh.slice_ns = 5000000;
	sh.give_up_ns = 1000000000;
	if (deadlock_start(&sh, t, tid) != 0) {
		report_error("deadlock", "cannot start threads: %s", strerror(errno));
		return 1;
	}
	if (deadlock_watch(t, 2000000000LL, &seen) && !env->json) {
		report_heading(env, DL(env, "대기 그래프", "Wait-for graph"));
		dl_graph(env, &seen);
		printf("\n");
		report_paragraph(env, DL(env,
			"이 순환을 깰 것이 아무것도 없습니다. 두 스레드는 CPU를 쓰지 않고 영원히 "
			"잠들어 있습니다. 제한 시간이나 Ctrl-C가 프로세스를 끝낼 때까지 기다립니다.",
			"Nothing will break this cycle. Both threads sleep forever without using any "
			"CPU. Waiting for the time limit or Ctrl-C to end the process."));
		fflush(stdout);
	}
	pthread_join(tid[0], NULL);    /* never returns */
	pthread_join(tid[1], NULL);
	return 1;
}

static void
dl_livelock(struct dl_live *lv)
{
	struct deadlock_shared sh;
	struct deadlock_step step;
	struct deadlock_polite p[2];
	struct timespec quarter = { 0, 250000000 };
	pthread_t tid[2];
	long long t0;
	int i, started = 0;

	memset(lv, 0, sizeof *lv);
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
	t0 = report_now_ns();
	for (i = 0; i < 2; i++)
		if (pthread_create(&tid[i], NULL, deadlock_lockstep, &p[i]) == 0)
			started++;
	if (started == 2) {
		nanosleep(&quarter, NULL);
		for (i = 0; i < 2; i++)
			lv->state[i] = deadlock_task_state(atomic_load(&p[i].tid), NULL, 0);
		nanosleep(&quarter, NULL);
	}
	atomic_store(&step.stop, 1);
	if (started == 1)              /* its partner never came: meet it */
		deadlock_meet(&step, 1);
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	lv->ms = (double)(report_now_ns() - t0) / 1e6;
	pthread_mutex_destroy(&sh.lock[LOCK_A]);
	pthread_mutex_destroy(&sh.lock[LOCK_B]);
	lv->ran = started == 2;
	for (i = 0; i < 2; i++) {
		lv->attempts += p[i].attempts;
		lv->successes += p[i].successes;
		lv->cpu_pct += 100.0 * (double)p[i].cpu_ns / 1e6 / lv->ms / 2;
	}
}

static cJSON *
dl_json(const struct dl_opts *o, const struct dl_run *runs, const struct dl_fix *fix,
        const struct dl_live *lv, int ndet, int nrec, double worst_ms, double mean_ms)
{
	cJSON *root = cJSON_CreateObject(), *p, *m, *arr, *g, *c, *fx, *d;
	const struct deadlock_seen *s = &runs[0].seen;
	int i;

	if (root == NULL)
		return NULL;
	cJSON_AddStringToObject(root, "demo", "deadlock");
	p = cJSON_AddObjectToObject(root, "params");
	cJSON_AddNumberToObject(p, "runs", (double)o->runs);
	cJSON_AddNumberToObject(p, "iters", (double)o->iters);
	cJSON_AddBoolToObject(p, "livelock", o->livelock);
	cJSON_AddNumberToObject(p, "watch_interval_ms", 0.1);
	cJSON_AddNumberToObject(p, "wait_slice_ms", 5);

	m = cJSON_AddObjectToObject(root, "machine");
	cJSON_AddNumberToObject(m, "online_cpus", report_cpus_online());
	{
		int cpus[256];
		cJSON_AddNumberToObject(m, "usable_cpus", report_cpus(cpus, 256));
	}
	cJSON_AddBoolToObject(m, "pinned", 0);

	arr = cJSON_AddArrayToObject(root, "runs");
	for (i = 0; i < o->runs; i++) {
		cJSON *r = cJSON_CreateObject();
		char st[3] = { runs[i].seen.state[0], runs[i].seen.state[1], '\0' };
		cJSON_AddBoolToObject(r, "detected", runs[i].seen.detected);
		cJSON_AddBoolToObject(r, "recovered", runs[i].recovered);
		cJSON_AddNumberToObject(r, "detect_ms", runs[i].detect_ms);
		cJSON_AddNumberToObject(r, "recover_ms", runs[i].recover_ms);
		cJSON_AddStringToObject(r, "victim", runs[i].victim == 0 ? "T1" : "T2");
		cJSON_AddStringToObject(r, "states", st);
		cJSON_AddItemToArray(arr, r);
	}

	g = cJSON_AddObjectToObject(root, "graph");
	for (i = 0; i < 2; i++) {
		cJSON *n = cJSON_AddObjectToObject(g, i == 0 ? "T1" : "T2");
		char held[3] = "", w[2] = "";
		int k = 0;
		if (s->holds[i] & (1 << LOCK_A))
			held[k++] = 'A';
		if (s->holds[i] & (1 << LOCK_B))
			held[k++] = 'B';
		held[k] = '\0';
		if (s->waits[i] >= 0)
			w[0] = dl_lock_name[s->waits[i]];
		cJSON_AddStringToObject(n, "holds", held);
		cJSON_AddStringToObject(n, "waits_for", w);
		cJSON_AddNumberToObject(n, "tid", s->tid[i]);
		cJSON_AddStringToObject(n, "proc_state", (char[2]){ s->state[i] ? s->state[i] : '?', '\0' });
		cJSON_AddStringToObject(n, "wchan", s->wchan[i]);
	}
	c = cJSON_AddObjectToObject(root, "coffman");
	cJSON_AddBoolToObject(c, "mutual_exclusion", s->detected);
	cJSON_AddBoolToObject(c, "hold_and_wait", s->detected);
	cJSON_AddBoolToObject(c, "no_preemption", s->detected);
	cJSON_AddBoolToObject(c, "circular_wait", s->detected);

	fx = cJSON_AddObjectToObject(root, "fixes");
	for (i = 0; i < 2; i++) {
		cJSON *f = cJSON_AddObjectToObject(fx, i == 0 ? "ordered" : "trylock");
		cJSON_AddBoolToObject(f, "completed", fix[i].completed);
		cJSON_AddNumberToObject(f, "iters", (double)fix[i].work);
		cJSON_AddNumberToObject(f, "ms", fix[i].ms);
		cJSON_AddNumberToObject(f, "iters_per_s", fix[i].per_s);
		cJSON_AddNumberToObject(f, "backoffs", (double)fix[i].backoffs);
	}
	if (o->livelock) {
		cJSON *l = cJSON_AddObjectToObject(root, "livelock");
		char st[3] = { lv->state[0], lv->state[1], '\0' };
		cJSON_AddNumberToObject(l, "attempts", (double)lv->attempts);
		cJSON_AddNumberToObject(l, "successes", (double)lv->successes);
		cJSON_AddNumberToObject(l, "ms", lv->ms);
		cJSON_AddNumberToObject(l, "cpu_pct", lv->cpu_pct);
		cJSON_AddStringToObject(l, "states", st);
	}

	d = cJSON_AddObjectToObject(root, "derived");
	cJSON_AddBoolToObject(d, "detected", ndet == o->runs);
	cJSON_AddBoolToObject(d, "recovered", nrec == o->runs);
	cJSON_AddNumberToObject(d, "detect_ms", worst_ms);
	cJSON_AddBoolToObject(d, "ordered_completed", fix[0].completed);
	cJSON_AddBoolToObject(d, "trylock_completed", fix[1].completed);
	cJSON_AddNumberToObject(d, "ordered_iters_per_s", fix[0].per_s);
	cJSON_AddNumberToObject(d, "trylock_iters_per_s", fix[1].per_s);
	cJSON_AddNumberToObject(d, "detections", ndet);
	cJSON_AddNumberToObject(d, "recoveries", nrec);
	cJSON_AddNumberToObject(d, "detect_ms_mean", mean_ms);
	if (o->livelock) {
		cJSON_AddNumberToObject(d, "livelock_attempts", (double)lv->attempts);
		cJSON_AddNumberToObject(d, "livelock_successes", (double)lv->successes);
	}
	return root;
}

static void
dl_print(const struct demo_env *env, const struct dl_opts *o, const struct dl_run *runs,
         const struct dl_fix *fix, const struct dl_live *lv, int ndet, int nrec, double worst_ms)
{
	char label[32], text[64], num[32];
	double max;
	int i, lw;

	if (runs[0].seen.detected) {
		report_heading(env, DL(env, "감지한 대기 그래프 (1회)", "The wait-for graph found (run 1)"));
		dl_graph(env, &runs[0].seen);
		dl_coffman(env, &runs[0].seen);
	}

	report_heading(env, DL(env, "실행별 감지 시간", "Time to detection per run"));
	lw = report_width(DL(env, "1000회", "run 1000"));
	max = worst_ms > 0 ? worst_ms : 1;
	for (i = 0; i < o->runs && i < 10; i++) {
		snprintf(label, sizeof label, DL(env, "%d회", "run %d"), i + 1);
		if (runs[i].seen.detected)
			snprintf(text, sizeof text, "%.2f ms %s", runs[i].detect_ms,
			         runs[i].recovered ? DL(env, "회복 ✓", "recovered ✓") : DL(env, "회복 ✗", "not recovered ✗"));
		else
			snprintf(text, sizeof text, "%s", DL(env, "감지 못 함 ✗", "not detected ✗"));
		report_bar(env, label, lw, runs[i].detect_ms, max, text);
	}
	if (o->runs > 10)
		printf("  … %s\n", DL(env, "(나머지는 --json으로)", "(the rest with --json)"));
	printf("\n  %s %d/%ld, %s %d/%ld, %s %.2f ms\n",
	       DL(env, "감지", "detected"), ndet, o->runs, DL(env, "회복", "recovered"), nrec, o->runs,
	       DL(env, "가장 늦은 감지", "slowest detection"), worst_ms);
	if (runs[0].seen.detected)
		printf("  %s\n", DL(env, "회복: T2가 B를 놓고 물러남 → T1이 B를 얻어 끝냄 → T2가 다시 시도해 끝냄",
		                         "recovery: T2 lets go of B → T1 gets B and finishes → T2 retries and finishes"));

	report_heading(env, DL(env, "교착을 막는 두 방법: 초당 반복 횟수", "Two ways to prevent it: iterations per second"));
	{
		const char *name[2] = { DL(env, "전역 락 순서", "global order"), DL(env, "try-lock+물러남", "try-lock+back off") };
		lw = report_width(name[0]) > report_width(name[1]) ? report_width(name[0]) : report_width(name[1]);
		max = fix[0].per_s > fix[1].per_s ? fix[0].per_s : fix[1].per_s;
		for (i = 0; i < 2; i++) {
			snprintf(text, sizeof text, "%s/s %s", report_count(num, sizeof num, (long long)(fix[i].per_s + 0.5)),
			         fix[i].completed ? DL(env, "완료 ✓", "done ✓") : DL(env, "실패 ✗", "failed ✗"));
			report_bar(env, name[i], lw, fix[i].per_s, max, text);
		}
		printf("  %s %s, %s %s\n", DL(env, "스레드마다 반복:", "iterations per thread:"),
		       report_count(num, sizeof num, o->iters), DL(env, "try-lock 실패 후 물러난 횟수:", "back-offs after a failed try-lock:"),
		       report_count(label, sizeof label, fix[1].backoffs));
		if (fix[1].per_s > fix[0].per_s)
			report_paragraph(env, DL(env,
				"try-lock 쪽이 더 빠르게 나올 수 있습니다. 한 스레드가 물러나 있는 동안 다른 "
				"스레드가 두 락을 캐시에 둔 채 여러 번 연달아 돌기 때문입니다. 그 대가는 "
				"헛된 시도(물러난 횟수)와 공정하지 않은 순서로 나타납니다.",
				"Try-lock can come out faster: while one thread backs off, the other runs "
				"several iterations in a row with both locks hot in its cache. The price "
				"shows up as wasted attempts (the back-offs) and unfair turns instead."));
	}

	if (o->livelock && lv->ran) {
		report_heading(env, DL(env, "라이브락: 예의 바른 두 스레드가 같은 박자로 물러남",
		                            "Livelock: two polite threads backing off in step"));
		printf("  %s %s, %s %ld, %s %.0f ms\n", DL(env, "시도", "attempts"),
		       report_count(num, sizeof num, lv->attempts), DL(env, "성공", "successes"), lv->successes,
		       DL(env, "걸린 시간", "time"), lv->ms);
		printf("  %s %.0f%%, /proc %s: T1 %c (%s), T2 %c (%s)\n", DL(env, "CPU 사용", "CPU use"), lv->cpu_pct,
		       DL(env, "상태", "state"), lv->state[0], dl_state_name(env, lv->state[0]),
		       lv->state[1], dl_state_name(env, lv->state[1]));
		printf("\n");
		report_paragraph(env, DL(env,
			"교착 상태와 달리 두 스레드는 잠들지 않고 계속 일합니다(상태 R, CPU 사용). 락을 "
			"잡고, 상대의 락을 시도하고, 실패하면 예의 바르게 놓는데, 둘이 정확히 같은 박자로 "
			"이것을 반복하니 아무도 앞으로 나아가지 못합니다. 여기서는 만남 지점으로 박자를 "
			"강제로 맞췄지만, 실제로는 같은 코드와 같은 대기 시간이 같은 효과를 냅니다. 위의 "
			"try-lock 해법이 완료된 것은 물러나는 시간을 무작위로, 실패할수록 길게 해서 박자를 "
			"깨기 때문입니다.",
			"Unlike a deadlock, both threads stay awake and busy (state R, using CPU). Each "
			"takes its lock, tries the other's, politely lets go when that fails, and does it "
			"again in exact step with the other, so neither makes progress. Here a meeting "
			"point forces the step; in real systems identical code with identical delays "
			"does the same. The try-lock fix above completed because its back-off is random "
			"and grows after each failure, which breaks the step."));
	}
}

static void
dl_explain(const struct demo_env *env)
{
	report_heading(env, DL(env, "면접 답변으로 정리하면", "What to say in the interview"));
	report_paragraph(env, DL(env,
		"교착 상태는 상호 배제, 점유 대기, 비선점, 순환 대기 네 조건이 모두 성립할 때만 "
		"생깁니다. 그러니 하나만 깨면 막을 수 있습니다. 전역 락 순서는 순환 대기를 깹니다: "
		"모든 스레드가 A 다음 B 순서로만 잡으면 순환이 생길 수 없고, 실행 중에 따로 하는 "
		"일이 없어 실무에서 가장 흔한 해법입니다. try-lock과 물러나기는 점유 대기를 깹니다: 두 번째 락을 "
		"못 얻으면 가진 것을 놓습니다. 대신 실패한 시도만큼 일을 되풀이하고, 물러나는 박자가 "
		"맞아떨어지면 라이브락이 되므로 무작위 지연을 섞어야 합니다(--livelock).",
		"A deadlock needs all four conditions at once: mutual exclusion, hold and wait, no "
		"preemption and circular wait, so breaking any one prevents it. A global lock order "
		"breaks circular wait: if every thread takes A before B, no cycle can form, and it "
		"needs no extra work at run time, which is why it is the usual fix in practice. Try-lock with "
		"back-off breaks hold and wait: a thread that cannot get its second lock lets go of "
		"its first. The price is repeated work after each failure, and if the back-offs "
		"fall into step the result is a livelock, so the delay must be random (--livelock)."));
	report_paragraph(env, DL(env,
		"감지와 회복은 예방과 다른 길입니다. 대기 그래프에서 순환을 찾고 희생자를 골라 "
		"물러나게 하거나 종료합니다. 데이터베이스가 트랜잭션을 중단시키는 방식이 이것입니다. "
		"여기서 감지 시간은 감시자가 0.1 ms마다 살펴보는 간격과 두 스레드가 커널에서 잠들기까지의 "
		"시간으로 거의 정해집니다. 희생자 T2는 `pthread_mutex_clocklock`으로 5 ms씩 기한을 "
		"두고 기다리므로 감시자의 요청을 알아채고 물러날 수 있습니다. 감시자도 "
		"기한 있는 대기도 없다면 이 프로세스는 영원히 멈춰 있습니다(--hang).",
		"Detection and recovery is the other road: find a cycle in the wait-for graph, pick "
		"a victim, and make it back off or end it. Databases abort a transaction this way. "
		"The time to detection here is mostly the watchdog's 0.1 ms polling interval and "
		"the time the threads take to fall asleep in the kernel. The victim, T2, waits in "
		"bounded 5 ms slices (`pthread_mutex_clocklock`), so it notices the watchdog's "
		"request and can back off. With neither a watchdog nor bounded waits the process "
		"would stay stuck forever (--hang)."));
}

static int
deadlock_main(int argc, char **argv, const struct demo_env *env)
{
	struct dl_opts o;
	struct dl_run *runs;
	struct dl_fix fix[2];
	struct dl_live lv;
	struct deadlock_loop loops[2];
	int r, i, ndet = 0, nrec = 0, steps, step = 0, rc = 0;
	double worst = 0, mean = 0;

	if (dl_parse(argc, argv, &o) != 0)
		return 2;
	if (!env->json)
		dl_intro(env, &o);
	if (o.hang)
		return dl_hang(env);

	runs = calloc((size_t)o.runs, sizeof *runs);
	if (runs == NULL) {
		report_error("deadlock", "out of memory");
		return 1;
	}
	steps = (int)o.runs + 2 + (o.livelock ? 1 : 0);
	for (r = 0; r < o.runs; r++) {
		struct deadlock_shared sh;
		struct deadlock_thread t[2];
		pthread_t tid[2];

		if (r % 10 == 0)
			progress_update(env, DL(env, "교착 만들고 감지하는 중", "deadlocking and detecting"),
			                (double)(step + r) / steps);
		memset(&sh, 0, sizeof sh);
		sh.slice_ns = 5000000;          /* 5 ms per bounded wait */
		sh.give_up_ns = 1000000000;     /* T2's own limit if no watchdog acts */
		if (deadlock_start(&sh, t, tid) != 0) {
			progress_done(env);
			report_error("deadlock", "cannot start threads: %s", strerror(errno));
			free(runs);
			return 1;
		}
		deadlock_watch(t, 2000000000LL, &runs[r].seen);
		runs[r].victim = deadlock_recover(&sh, t, tid, &runs[r].seen);
		runs[r].recovered = sh.work == 2 && t[0].completed && t[1].completed;
		if (runs[r].seen.detected) {
			long long last = t[0].done_ns > t[1].done_ns ? t[0].done_ns : t[1].done_ns;
			runs[r].detect_ms = (double)runs[r].seen.detect_ns / 1e6;
			runs[r].recover_ms = (double)(last - runs[r].seen.at_ns) / 1e6;
			ndet++;
			mean += runs[r].detect_ms;
			if (runs[r].detect_ms > worst)
				worst = runs[r].detect_ms;
		}
		nrec += runs[r].seen.detected && runs[r].recovered;
	}
	step += (int)o.runs;
	if (ndet > 0)
		mean /= ndet;

	for (i = 0; i < 2; i++) {
		long long t0 = report_now_ns();
		progress_update(env, i == 0 ? DL(env, "전역 락 순서로 실행 중", "running with one lock order")
		                            : DL(env, "try-lock으로 실행 중", "running with try-lock"),
		                (double)step++ / steps);
		fix[i].work = deadlock_fix(i == 0 ? deadlock_ordered : deadlock_trylock, o.iters, loops);
		fix[i].ms = (double)(report_now_ns() - t0) / 1e6;
		fix[i].completed = fix[i].work == 2 * o.iters;
		fix[i].per_s = fix[i].ms > 0 ? (double)fix[i].work / (fix[i].ms / 1e3) : 0;
		fix[i].backoffs = loops[0].backoffs + loops[1].backoffs;
	}
	memset(&lv, 0, sizeof lv);
	if (o.livelock) {
		progress_update(env, DL(env, "라이브락 지켜보는 중", "watching a livelock"), (double)step++ / steps);
		dl_livelock(&lv);
	}
	progress_done(env);

	if (env->json) {
		if (report_json_print(dl_json(&o, runs, fix, &lv, ndet, nrec, worst, mean)) != 0)
			rc = 1;
	} else {
		dl_print(env, &o, runs, fix, &lv, ndet, nrec, worst);
		dl_explain(env);
	}
	if (ndet < o.runs || nrec < o.runs || !fix[0].completed || !fix[1].completed) {
		report_error("deadlock", "detected %d/%ld, recovered %d/%ld, fixes %s",
		             ndet, o.runs, nrec, o.runs,
		             fix[0].completed && fix[1].completed ? "completed" : "failed");
		rc = 1;
	}
	free(runs);
	return rc;
}

const struct demo demo_deadlock = {
	.name = "deadlock",
	.summary = { "반대 순서로 락을 잡는 두 스레드의 교착: 감지, 회복, 두 가지 예방법",
	             "two threads locking in opposite order deadlock: detection, recovery, two fixes" },
	.usage = "demo deadlock [--runs N] [--iters N] [--livelock] [--hang]",
	.help = {
		"--runs N         교착을 만들고 감지하는 횟수 (기본 5, 1-1000)\n"
		"--iters N        해법마다 스레드 하나가 반복하는 횟수 (기본 1,000,000)\n"
		"--livelock       같은 박자로 물러나는 두 스레드의 라이브락도 보여 줌\n"
		"--hang           회복하지 않음: 제한 시간이나 Ctrl-C가 끝낼 때까지 멈춰 있음\n",
		"--runs N         deadlocks to make and detect (default 5, 1-1000)\n"
		"--iters N        iterations per thread for each fix (default 1,000,000)\n"
		"--livelock       also show a livelock: two threads backing off in step\n"
		"--hang           do not recover: stay stuck until the time limit or Ctrl-C\n",
	},
	.main = deadlock_main,
	.source = demo_deadlock_source,
};

#endif /* DEMO_CORE_ONLY */
