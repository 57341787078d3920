/*
 * mutex.c: the mutex-versus-semaphore demo. A binary semaphore is not a
 * mutex: a mutex has an owner, a semaphore is a counter. Four experiments
 * do the same things to both and print what each call returned here:
 *   1. a thread that does not hold it lets go of it (EPERM vs success);
 *   2. the holder takes it a second time (EDEADLK, a recursive count, or
 *      a semaphore waiting for itself until the time-out);
 *   3. a child process takes it and dies (EOWNERDEAD vs a lost unit);
 *   4. priority inheritance: the attribute, the owner's TID in the lock
 *      word, and the holder's priority seen in /proc while a waiter blocks.
 *
 * The part between the core markers is what `demo mutex --source` prints and
 * what compiles on its own (DEMO_CORE_ONLY) for a ThreadSanitizer check.
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef DEMO_CORE_ONLY
#include <dirent.h>
#include <gnu/libc-version.h>
#include <stdarg.h>
#include <sys/utsname.h>

#include <cjson/cJSON.h>

#include "demo.h"
#include "report.h"
#endif

/*
 * ThreadSanitizer in clang 14 does not intercept pthread_mutex_clocklock or
 * sem_clockwait, so under it the bounded waits use calls it does know: a
 * CLOCK_REALTIME sem_timedwait, and trylock polled, whose EOWNERDEAD it
 * understands. And it books an unlock before glibc can refuse it, so the
 * unlocks meant to be refused go to glibc directly (mutex_unlock_refused).
 */
#if defined(__SANITIZE_THREAD__)
#define MUTEX_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define MUTEX_TSAN 1
#endif
#endif
#ifdef MUTEX_TSAN
#include <dlfcn.h>
#include <gnu/lib-names.h>
#endif

/* osprep:core-begin */

/* A semaphore call's result as a pthread call gives it: 0 or an errno value. */
static int
mutex_sem_rc(int r)
{
	return r == 0 ? 0 : errno;
}

static long long
mutex_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void
mutex_nap_us(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	nanosleep(&ts, NULL);
}

/* The absolute time timeout_ms from now on clock, for the *clock/timed calls. */
static struct timespec
mutex_deadline(clockid_t clock, long timeout_ms)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	ts.tv_sec += timeout_ms / 1000;
	ts.tv_nsec += (timeout_ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return ts;
}

/* sem_wait, giving up after timeout_ms: 0 or ETIMEDOUT. */
static int
mutex_sem_wait_for(sem_t *s, long timeout_ms)
{
	int r;
#ifdef MUTEX_TSAN
	struct timespec ts = mutex_deadline(CLOCK_REALTIME, timeout_ms);

	while ((r = mutex_sem_rc(sem_timedwait(s, &ts))) == EINTR)
		;
#else
	struct timespec ts = mutex_deadline(CLOCK_MONOTONIC, timeout_ms);

	while ((r = mutex_sem_rc(sem_clockwait(s, CLOCK_MONOTONIC, &ts))) == EINTR)
		;
#endif
	return r;
}

/* pthread_mutex_lock, giving up after timeout_ms: 0, EOWNERDEAD, ETIMEDOUT... */
static int
mutex_lock_for(pthread_mutex_t *m, long timeout_ms)
{
#ifdef MUTEX_TSAN
	long long end = mutex_now_ns() + timeout_ms * 1000000LL;
	int r;

	while ((r = pthread_mutex_trylock(m)) == EBUSY && mutex_now_ns() < end)
		mutex_nap_us(1000);
	return r == EBUSY ? ETIMEDOUT : r;
#else
	struct timespec ts = mutex_deadline(CLOCK_MONOTONIC, timeout_ms);

	return pthread_mutex_clocklock(m, CLOCK_MONOTONIC, &ts);
#endif
}

/*
 * An unlock the experiment expects to be refused (EPERM): by a thread that
 * is not the owner, or one more than were locked. Only error-checking,
 * recursive and robust mutexes refuse; on a default mutex it is undefined.
 */
static int
mutex_unlock_refused(pthread_mutex_t *m)
{
#ifdef MUTEX_TSAN
	/* glibc's own, looked up in libc: not TSan's interceptor of the same name */
	void *libc = dlopen(LIBC_SO, RTLD_LAZY | RTLD_NOLOAD);
	void *sym = libc != NULL ? dlsym(libc, "pthread_mutex_unlock") : NULL;
	int (*real)(pthread_mutex_t *), r = -1;

	if (sym != NULL) {
		memcpy(&real, &sym, sizeof real);
		r = real(m);
	}
	if (libc != NULL)
		dlclose(libc);
	if (r >= 0)
		return r;
#endif
	return pthread_mutex_unlock(m);
}

/* A mutex of one type, optionally robust and shared between processes. */
static int
mutex_make(pthread_mutex_t *m, int type, int pshared, int robust, int protocol)
{
	pthread_mutexattr_t a;
	int r;

	if ((r = pthread_mutexattr_init(&a)) != 0)
		return r;
	r = pthread_mutexattr_settype(&a, type);
	if (r == 0 && pshared)
		r = pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	if (r == 0 && robust)
		r = pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	if (r == 0 && protocol != PTHREAD_PRIO_NONE)
		r = pthread_mutexattr_setprotocol(&a, protocol);
	if (r == 0)
		r = pthread_mutex_init(m, &a);
	pthread_mutexattr_destroy(&a);
	return r;
}

/*
 * Experiment 1: ownership. T1 (the calling thread) takes an error-checking
 * mutex and a semaphore of value 1; T2, which took neither, lets go of both
 * and then tries to take them.
 */
struct mutex_own {
	pthread_mutex_t m;           /* PTHREAD_MUTEX_ERRORCHECK */
	sem_t s;                     /* initial value 1: a "binary semaphore" */
	int lock, wait;              /* T1 takes both */
	int other_unlock, other_trylock;     /* T2 on the mutex it does not own */
	int other_post, other_trywait;       /* T2 on the semaphore it never took */
	int value_after_post;
	int owner_unlock, owner_post, other_leave_post;
	int value_end;
};

static void *
mutex_intruder(void *arg)
{
	struct mutex_own *o = arg;

	o->other_unlock = mutex_unlock_refused(&o->m);        /* T2 is not the owner */
	o->other_trylock = pthread_mutex_trylock(&o->m);      /* is it still locked? */
	if (o->other_trylock == 0)
		pthread_mutex_unlock(&o->m);
	o->other_post = mutex_sem_rc(sem_post(&o->s));        /* T2 never waited */
	sem_getvalue(&o->s, &o->value_after_post);
	o->other_trywait = mutex_sem_rc(sem_trywait(&o->s));  /* and now walks in */
	return NULL;
}

/* 0 when it ran (results in o), else an error number. */
static int
mutex_ownership(struct mutex_own *o)
{
	pthread_t t2;
	int r;

	memset(o, 0, sizeof *o);
	if ((r = mutex_make(&o->m, PTHREAD_MUTEX_ERRORCHECK, 0, 0, PTHREAD_PRIO_NONE)) != 0)
		return r;
	if (sem_init(&o->s, 0, 1) != 0) {
		r = errno;
		pthread_mutex_destroy(&o->m);
		return r;
	}
	o->lock = pthread_mutex_lock(&o->m);                  /* T1 owns the mutex */
	o->wait = mutex_sem_rc(sem_wait(&o->s));              /* T1 took the semaphore: 1 -> 0 */
	if ((r = pthread_create(&t2, NULL, mutex_intruder, o)) == 0)
		pthread_join(t2, NULL);
	o->owner_unlock = pthread_mutex_unlock(&o->m);        /* T1 leaves */
	if (r == 0 && o->other_trywait == 0)
		o->other_leave_post = mutex_sem_rc(sem_post(&o->s));  /* T2 leaves */
	o->owner_post = mutex_sem_rc(sem_post(&o->s));        /* T1 leaves */
	sem_getvalue(&o->s, &o->value_end);
	sem_destroy(&o->s);
	pthread_mutex_destroy(&o->m);
	return r;
}

/*
 * Experiment 2: the holder takes it again. An error-checking mutex says
 * EDEADLK, a recursive one counts, and a semaphore of value 1 waits for a
 * unit its own thread holds: forever, here cut short after timeout_ms.
 * Then unlock as often as it was locked, and once more: the mutexes count.
 */
struct mutex_relock {
	int ec_first, ec_second, ec_unlocks, ec_refused;
	int rec_first, rec_second, rec_unlocks, rec_refused;
	int sem_first, sem_second, sem_value;
	double sem_waited_ms;
};

/* Unlock as often as it was locked, then once more: how many worked. */
static int
mutex_unlock_all(pthread_mutex_t *m, int locked, int *refused)
{
	int n = 0;

	while (n < locked && pthread_mutex_unlock(m) == 0)
		n++;
	*refused = mutex_unlock_refused(m);      /* not held any more */
	return n + (*refused == 0);
}

static int
mutex_relock(struct mutex_relock *o, long timeout_ms)
{
	pthread_mutex_t ec, rec;
	sem_t s;
	long long t0;
	int r;

	memset(o, 0, sizeof *o);
	if ((r = mutex_make(&ec, PTHREAD_MUTEX_ERRORCHECK, 0, 0, PTHREAD_PRIO_NONE)) != 0)
		return r;
	if ((r = mutex_make(&rec, PTHREAD_MUTEX_RECURSIVE, 0, 0, PTHREAD_PRIO_NONE)) != 0) {
		pthread_mutex_destroy(&ec);
		return r;
	}
	if (sem_init(&s, 0, 1) != 0) {
		r = errno;
		pthread_mutex_destroy(&rec);
		pthread_mutex_destroy(&ec);
		return r;
	}
	o->ec_first = pthread_mutex_lock(&ec);
	o->ec_second = pthread_mutex_lock(&ec);               /* EDEADLK instead of hanging */
	o->ec_unlocks = mutex_unlock_all(&ec, (o->ec_first == 0) + (o->ec_second == 0), &o->ec_refused);

	o->rec_first = pthread_mutex_lock(&rec);
	o->rec_second = pthread_mutex_lock(&rec);             /* count 2 */
	o->rec_unlocks = mutex_unlock_all(&rec, (o->rec_first == 0) + (o->rec_second == 0), &o->rec_refused);

	o->sem_first = mutex_sem_rc(sem_wait(&s));            /* 1 -> 0 */
	t0 = mutex_now_ns();
	o->sem_second = mutex_sem_wait_for(&s, timeout_ms);   /* waits for itself */
	o->sem_waited_ms = (double)(mutex_now_ns() - t0) / 1e6;
	if (o->sem_second == 0)
		sem_post(&s);
	if (o->sem_first == 0)
		sem_post(&s);
	sem_getvalue(&s, &o->sem_value);

	sem_destroy(&s);
	pthread_mutex_destroy(&rec);
	pthread_mutex_destroy(&ec);
	return 0;
}

/*
 * Experiment 3: the holder dies. The objects live in a MAP_SHARED mapping,
 * made process-shared; a child takes them all and exits without letting go.
 * The kernel walks a dying thread's robust list and marks each robust mutex
 * it held "owner died"; nothing of the kind exists for a plain mutex or a
 * semaphore.
 */
struct mutex_death_shm {
	pthread_mutex_t robust;      /* the parent recovers this one */
	pthread_mutex_t robust2;     /* and forgets pthread_mutex_consistent here */
	pthread_mutex_t plain;       /* process-shared, not robust */
	sem_t sem;                   /* process-shared, value 1 */
};

struct mutex_death {
	int child_exit;              /* the child's exit status; 0 = took all four */
	int robust_lock, consistent, robust_unlock, robust_relock;
	double robust_ms;
	int robust2_lock, robust2_unlock, robust2_relock;
	int plain_lock;
	double plain_ms;
	int sem_value, sem_wait;
	double sem_ms;
};

static int
mutex_owner_death(struct mutex_death *o, long timeout_ms)
{
	struct mutex_death_shm *sh;
	long long t0;
	pid_t pid;
	int r = 0, status = 0;

	memset(o, 0, sizeof *o);
	o->child_exit = -1;
	sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return errno;
	if ((r = mutex_make(&sh->robust, PTHREAD_MUTEX_ERRORCHECK, 1, 1, PTHREAD_PRIO_NONE)) != 0 ||
	    (r = mutex_make(&sh->robust2, PTHREAD_MUTEX_ERRORCHECK, 1, 1, PTHREAD_PRIO_NONE)) != 0 ||
	    (r = mutex_make(&sh->plain, PTHREAD_MUTEX_NORMAL, 1, 0, PTHREAD_PRIO_NONE)) != 0)
		goto out;
	if (sem_init(&sh->sem, 1, 1) != 0) {
		r = errno;
		goto out;
	}
	fflush(NULL);        /* nothing buffered for the child to write a second time */
	pid = fork();
	if (pid < 0) {
		r = errno;
		goto out;
	}
	if (pid == 0) {
		/* the child: take everything, then die holding it */
		int bad = pthread_mutex_lock(&sh->robust) != 0;
		bad |= pthread_mutex_lock(&sh->robust2) != 0;
		bad |= pthread_mutex_lock(&sh->plain) != 0;
		bad |= sem_wait(&sh->sem) != 0;
		_exit(bad);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			r = errno;
			goto out;
		}
	o->child_exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);

	t0 = mutex_now_ns();
	o->robust_lock = mutex_lock_for(&sh->robust, timeout_ms);   /* EOWNERDEAD */
	o->robust_ms = (double)(mutex_now_ns() - t0) / 1e6;
	if (o->robust_lock == EOWNERDEAD) {
		/* we hold it now; repair what the dead owner left, then say so */
		o->consistent = pthread_mutex_consistent(&sh->robust);
		o->robust_unlock = pthread_mutex_unlock(&sh->robust);
		o->robust_relock = mutex_lock_for(&sh->robust, timeout_ms);
		if (o->robust_relock == 0)
			pthread_mutex_unlock(&sh->robust);
	}

	o->robust2_lock = mutex_lock_for(&sh->robust2, timeout_ms);
	if (o->robust2_lock == EOWNERDEAD) {
		/* unlocking without pthread_mutex_consistent gives up on it for good */
		o->robust2_unlock = pthread_mutex_unlock(&sh->robust2);
		o->robust2_relock = mutex_lock_for(&sh->robust2, timeout_ms);
		if (o->robust2_relock == 0)
			pthread_mutex_unlock(&sh->robust2);
	}

	t0 = mutex_now_ns();
	o->plain_lock = mutex_lock_for(&sh->plain, timeout_ms);     /* waits for the dead */
	o->plain_ms = (double)(mutex_now_ns() - t0) / 1e6;
	if (o->plain_lock == 0)
		pthread_mutex_unlock(&sh->plain);

	sem_getvalue(&sh->sem, &o->sem_value);
	t0 = mutex_now_ns();
	o->sem_wait = mutex_sem_wait_for(&sh->sem, timeout_ms);     /* the unit is gone */
	o->sem_ms = (double)(mutex_now_ns() - t0) / 1e6;
	if (o->sem_wait == 0)
		sem_post(&sh->sem);
	sem_destroy(&sh->sem);
	pthread_mutex_destroy(&sh->robust);
	pthread_mutex_destroy(&sh->robust2);
	/* the plain mutex is still held by a process that no longer exists */
out:
	munmap(sh, sizeof *sh);
	return r;
}

/*
 * Experiment 4: priority inheritance. A holder thread at nice +10 takes the
 * lock; a waiter at the caller's nice blocks on it. With a PTHREAD_PRIO_INHERIT
 * mutex the kernel lends the holder the waiter's priority while it waits,
 * which /proc/self/task/TID/stat shows (field 18: 20 + nice for normal
 * threads, lower runs first). It needs no privilege: the holder is made less
 * important, never more.
 */
enum mutex_kind { MUTEX_PI, MUTEX_PLAIN, MUTEX_SEM, MUTEX_KIND_N };

struct mutex_boost {
	int ran, nice_ok, blocked;   /* the waiter was seen asleep */
	int before, during, after;   /* the holder's priority (lowest seen while blocked) */
	long waiter_syscall;         /* what the waiter slept in, from /proc */
	int on_object;               /* ... with the lock's own address as its argument */
	unsigned lock_word;          /* PI mutex: the futex word while held */
	int holder_tid;
};

struct mutex_boost_run {
	enum mutex_kind kind;
	pthread_mutex_t m;
	sem_t s;
	int holder_nice;
	atomic_int holder_tid, waiter_tid, held, waiting, release;
	int nice_ok, after;
	unsigned lock_word;
};

/* A thread's state letter and priority from /proc; 0 if read. */
static int
mutex_task_stat(int tid, char *state, int *prio)
{
	char path[64], buf[1024], *p, *save = NULL;
	FILE *f;
	size_t n;
	int field;

	snprintf(path, sizeof path, "/proc/self/task/%d/stat", tid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	if ((p = strrchr(buf, ')')) == NULL)    /* the name may hold spaces */
		return -1;
	/* after the name come field 3 (state), 4, ... 18 (priority) */
	for (field = 3, p = strtok_r(p + 1, " ", &save); p != NULL; p = strtok_r(NULL, " ", &save), field++) {
		if (field == 3)
			*state = p[0];
		if (field == 18) {
			*prio = atoi(p);
			return 0;
		}
	}
	return -1;
}

/* The system call a thread sleeps in and its first argument, from /proc. */
static long
mutex_task_syscall(int tid, unsigned long *arg0)
{
	char path[64], buf[256];
	FILE *f;
	size_t n;
	long nr = -1;

	snprintf(path, sizeof path, "/proc/self/task/%d/syscall", tid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	if (sscanf(buf, "%ld %lx", &nr, arg0) != 2)
		return -1;    /* "running": not in a system call */
	return nr;
}

static int
mutex_take(struct mutex_boost_run *b)
{
	return b->kind == MUTEX_SEM ? mutex_sem_rc(sem_wait(&b->s)) : pthread_mutex_lock(&b->m);
}

static void
mutex_give(struct mutex_boost_run *b)
{
	if (b->kind == MUTEX_SEM)
		sem_post(&b->s);
	else
		pthread_mutex_unlock(&b->m);
}

static void *
mutex_holder(void *arg)
{
	struct mutex_boost_run *b = arg;
	int tid = (int)gettid(), took;
	char st;

	/* lowering one's own priority needs no privilege */
	b->nice_ok = setpriority(PRIO_PROCESS, (id_t)tid, b->holder_nice) == 0;
	took = mutex_take(b) == 0;
#ifdef __GLIBC__
	if (took && b->kind == MUTEX_PI)   /* glibc: a PI mutex's futex word holds the owner's TID */
		b->lock_word = (unsigned)__atomic_load_n(&b->m.__data.__lock, __ATOMIC_RELAXED);
#endif
	atomic_store(&b->holder_tid, tid);
	atomic_store(&b->held, took ? 1 : -1);
	while (!atomic_load(&b->release))
		mutex_nap_us(500);
	if (took)
		mutex_give(b);
	b->after = -1;
	mutex_task_stat(tid, &st, &b->after);
	return NULL;
}

static void *
mutex_waiter(void *arg)
{
	struct mutex_boost_run *b = arg;

	atomic_store(&b->waiter_tid, (int)gettid());
	atomic_store(&b->waiting, 1);
	if (mutex_take(b) == 0)              /* blocks: the holder has it */
		mutex_give(b);
	return NULL;
}

/* Wait up to limit_us for *flag to become non-zero; its value. */
static int
mutex_await(atomic_int *flag, long limit_us)
{
	int v;

	while ((v = atomic_load(flag)) == 0 && limit_us > 0) {
		mutex_nap_us(100);
		limit_us -= 100;
	}
	return v;
}

static int
mutex_boost(enum mutex_kind kind, int holder_nice, struct mutex_boost *o)
{
	struct mutex_boost_run *b;
	pthread_t th, tw;
	long long end;
	int r, htid, wtid, prio;
	char st = '?';

	memset(o, 0, sizeof *o);
	o->before = o->during = o->after = -1;
	o->waiter_syscall = -1;
	if ((b = calloc(1, sizeof *b)) == NULL)
		return ENOMEM;
	b->kind = kind;
	b->holder_nice = holder_nice;
	if (kind == MUTEX_SEM)
		r = sem_init(&b->s, 0, 1) == 0 ? 0 : errno;
	else
		r = mutex_make(&b->m, PTHREAD_MUTEX_NORMAL, 0, 0,
		               kind == MUTEX_PI ? PTHREAD_PRIO_INHERIT : PTHREAD_PRIO_NONE);
	if (r != 0) {
		free(b);
		return r;
	}
	if ((r = pthread_create(&th, NULL, mutex_holder, b)) != 0)
		goto out;
	if (mutex_await(&b->held, 1000000) == 1) {
		htid = atomic_load(&b->holder_tid);
		mutex_task_stat(htid, &st, &o->before);
		if ((r = pthread_create(&tw, NULL, mutex_waiter, b)) == 0) {
			mutex_await(&b->waiting, 1000000);
			wtid = atomic_load(&b->waiter_tid);
			/* asleep in the kernel on the lock: up to half a second to get there */
			for (end = mutex_now_ns() + 500000000LL; mutex_now_ns() < end; mutex_nap_us(200))
				if (mutex_task_stat(wtid, &st, &prio) == 0 && st == 'S')
					break;
			o->blocked = st == 'S';
			if (o->blocked) {
				unsigned long arg0 = 0;
				uintptr_t lo = kind == MUTEX_SEM ? (uintptr_t)&b->s : (uintptr_t)&b->m;
				size_t len = kind == MUTEX_SEM ? sizeof b->s : sizeof b->m;

				o->waiter_syscall = mutex_task_syscall(wtid, &arg0);
				o->on_object = arg0 >= lo && arg0 < lo + len;
				/* watch the holder for 20 ms; keep the most urgent priority seen */
				o->during = o->before;
				for (end = mutex_now_ns() + 20000000LL; mutex_now_ns() < end; mutex_nap_us(200))
					if (mutex_task_stat(htid, &st, &prio) == 0 && prio < o->during)
						o->during = prio;
			}
			atomic_store(&b->release, 1);
			pthread_join(tw, NULL);
		}
	}
	atomic_store(&b->release, 1);
	pthread_join(th, NULL);
	o->ran = r == 0 && atomic_load(&b->held) == 1;
	o->nice_ok = b->nice_ok;
	o->after = b->after;
	o->lock_word = b->lock_word;
	o->holder_tid = atomic_load(&b->holder_tid);
out:
	if (kind == MUTEX_SEM)
		sem_destroy(&b->s);
	else
		pthread_mutex_destroy(&b->m);
	free(b);
	return r;
}

/* osprep:core-end */

#ifndef DEMO_CORE_ONLY

extern const char demo_mutex_source[];
extern const struct demo demo_mutex;

struct mx_opts {
	long timeout_ms;
	long only;                   /* 0 = all four */
};

/* What experiment 4 found besides the three runs. */
struct mx_prio {
	int setprotocol, protocol_back;
	int nice_base, nice_holder, possible;
	struct mutex_boost run[MUTEX_KIND_N];
	int err[MUTEX_KIND_N];
};

/* Facts about the machine and the objects, for the report and --json. */
struct mx_facts {
	char kernel[65];
	const char *libc;
	int online, usable;
	int fds_opened;              /* by mutex_init + sem_init: none, they are memory */
};

struct mx_results {
	int ran[5];                  /* by experiment number; -1 failed to run */
	int err[5];
	struct mutex_own own;
	struct mutex_relock relock;
	struct mutex_death death;
	struct mx_prio prio;
	struct mx_facts facts;
};

/* An errno value by name ("EPERM"); "0" for success. */
static const char *
mx_name(int err)
{
	static char buf[16];
	const char *n;

	if (err == 0)
		return "0";
	if ((n = strerrorname_np(err)) != NULL)
		return n;
	snprintf(buf, sizeof buf, "E%d", err);
	return buf;
}

static int
mx_parse(int argc, char **argv, struct mx_opts *o)
{
	int i;

	o->timeout_ms = 200;
	o->only = 0;
	for (i = 1; i < argc; i++) {
		const char *v = NULL;
		int m;

		if ((m = report_opt(argc, argv, &i, "timeout-ms", &v)) != 0) {
			if (m < 0 || report_arg_long("mutex", "timeout-ms", v, 10, 2000, &o->timeout_ms) != 0)
				return -1;
		} else if ((m = report_opt(argc, argv, &i, "only", &v)) != 0) {
			if (m < 0 || report_arg_long("mutex", "only", v, 1, 4, &o->only) != 0)
				return -1;
		} else {
			report_error("mutex", "unknown option \"%s\"", argv[i]);
			fprintf(stderr, "usage: %s\n", demo_mutex.usage);
			return -1;
		}
	}
	return 0;
}

static int
mx_count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static void
mx_facts_read(struct mx_facts *f)
{
	struct utsname u;
	pthread_mutex_t m;
	sem_t s;
	int cpus[256], before = mx_count_fds();

	memset(f, 0, sizeof *f);
	/* a mutex and a semaphore are plain memory: making them opens nothing */
	f->fds_opened = -1;
	if (pthread_mutex_init(&m, NULL) == 0) {
		if (sem_init(&s, 0, 1) == 0) {
			if (before >= 0)
				f->fds_opened = mx_count_fds() - before;
			sem_destroy(&s);
		}
		pthread_mutex_destroy(&m);
	}
	if (uname(&u) == 0)
		snprintf(f->kernel, sizeof f->kernel, "%s", u.release);
	f->libc = gnu_get_libc_version();
	f->online = report_cpus_online();
	f->usable = report_cpus(cpus, 256);
}

static void
mx_prio_run(struct mx_prio *p)
{
	pthread_mutexattr_t a;
	int k;

	memset(p, 0, sizeof *p);
	p->setprotocol = ENOMEM;
	p->protocol_back = -1;
	if (pthread_mutexattr_init(&a) == 0) {
		p->setprotocol = pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT);
		pthread_mutexattr_getprotocol(&a, &p->protocol_back);
		pthread_mutexattr_destroy(&a);
	}
	errno = 0;
	p->nice_base = getpriority(PRIO_PROCESS, (id_t)gettid());
	if (errno != 0)
		p->nice_base = 0;
	p->nice_holder = p->nice_base + 10 > 19 ? 19 : p->nice_base + 10;
	p->possible = p->nice_holder > p->nice_base;
	for (k = 0; k < MUTEX_KIND_N; k++) {
		if (k == MUTEX_PI && p->setprotocol != 0) {
			p->err[k] = p->setprotocol;
			continue;
		}
		p->err[k] = mutex_boost((enum mutex_kind)k, p->nice_holder, &p->run[k]);
	}
}

static int
mx_prio_supported(const struct mx_prio *p)
{
	return p->setprotocol == 0 && p->protocol_back == PTHREAD_PRIO_INHERIT &&
	       p->err[MUTEX_PI] == 0 && p->run[MUTEX_PI].ran;
}

static int
mx_boosted(const struct mutex_boost *b)
{
	return b->ran && b->blocked && b->nice_ok && b->during >= 0 && b->during < b->before;
}

/* ---- the report ---------------------------------------------------------- */

#define MX_ROWS 6
#define MX_COLS 5

struct mx_table {
	int rows, cols;
	char cell[MX_ROWS][MX_COLS][80];
};

static void
mx_set(struct mx_table *t, int r, int c, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
mx_set(struct mx_table *t, int r, int c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->cell[r][c], sizeof t->cell[r][c], fmt, ap);
	va_end(ap);
	if (r >= t->rows)
		t->rows = r + 1;
	if (c >= t->cols)
		t->cols = c + 1;
}

/* Row 0 is the header, ruled off; columns padded to display width. */
static void
mx_table_print(const struct mx_table *t)
{
	int w[MX_COLS] = { 0 }, r, c, total = 0;

	for (r = 0; r < t->rows; r++)
		for (c = 0; c < t->cols; c++)
			if (report_width(t->cell[r][c]) > w[c])
				w[c] = report_width(t->cell[r][c]);
	for (c = 0; c < t->cols; c++)
		total += w[c] + (c > 0 ? 2 : 0);
	for (r = 0; r < t->rows; r++) {
		fputs("  ", stdout);
		for (c = 0; c < t->cols; c++) {
			fputs(t->cell[r][c], stdout);
			if (c < t->cols - 1)
				printf("%*s", w[c] - report_width(t->cell[r][c]) + 2, "");
		}
		fputc('\n', stdout);
		if (r == 0) {
			fputs("  ", stdout);
			for (c = 0; c < total; c++)
				fputs("─", stdout);
			fputc('\n', stdout);
		}
	}
}

/*
 * Print text wrapped to the report's width: the first line after lead (at
 * column 2), the rest indented to line up with the text.
 */
static void
mx_wrap(const struct demo_env *env, const char *lead, const char *text)
{
	int cols = report_cols(env), indent = 2 + (lead[0] != '\0' ? report_width(lead) + 1 : 0);
	int col = indent, first = 1;
	const char *p = text;

	printf("  %s%s", lead, lead[0] != '\0' ? " " : "");
	while (*p != '\0') {
		const char *end = p;
		char word[256];
		size_t n;
		int w;

		while (*end != '\0' && *end != ' ')
			end++;
		n = (size_t)(end - p) < sizeof word - 1 ? (size_t)(end - p) : sizeof word - 1;
		memcpy(word, p, n);
		word[n] = '\0';
		w = report_width(word);
		if (!first && col + 1 + w > cols) {
			printf("\n%*s", indent, "");
			col = indent;
		} else if (!first) {
			fputc(' ', stdout);
			col++;
		}
		fputs(word, stdout);
		col += w;
		first = 0;
		for (p = end; *p == ' '; p++)
			;
	}
	fputc('\n', stdout);
}

/* "  ✓ text" or "  ✗ text", wrapped. */
static void
mx_verdict(const struct demo_env *env, int ok, const char *text)
{
	mx_wrap(env, ok ? "✓" : "✗", text);
}

/* A short time: "3 µs" below a millisecond, else "200 ms". */
static const char *
mx_ms(char *buf, size_t len, double ms)
{
	if (ms < 1)
		snprintf(buf, len, "%.0f µs", ms * 1000);
	else
		snprintf(buf, len, "%.0f ms", ms);
	return buf;
}

static void
mx_intro(const struct demo_env *env, const struct mx_opts *o)
{
	char line[900];

	report_heading(env, DL(env, "뮤텍스 대 이진 세마포어: 소유자가 있는 락과 카운터",
	                            "Mutex vs binary semaphore: a lock with an owner vs a counter"));
	snprintf(line, sizeof line, DL(env,
		"같은 일을 뮤텍스와 초기값 1인 세마포어('이진 세마포어')에 해 보고, 이 기계에서 각 호출이 "
		"돌려준 값을 그대로 보여 줍니다: 주인이 아닌 스레드가 풀기, 주인이 한 번 더 잡기, 잡은 "
		"프로세스가 죽기, 우선순위 상속(기다림은 최대 %ld ms). 지켜볼 것: 뮤텍스는 누가 잡았는지 "
		"알아서 EPERM, EDEADLK, EOWNERDEAD로 답하고, 세마포어는 세기만 하므로 그냥 허락하거나 "
		"기다립니다.",
		"The same things are done to a mutex and to a semaphore of value 1 (a \"binary "
		"semaphore\"), and each call's return value on this machine is shown: a thread "
		"that does not hold it lets go, the holder takes it again, the holder's process "
		"dies, priority inheritance (waits capped at %ld ms). Watch for: the mutex knows "
		"who holds it and answers EPERM, EDEADLK, EOWNERDEAD; the semaphore only counts, "
		"so it simply allows or waits."), o->timeout_ms);
	report_paragraph(env, line);
	fflush(stdout);
}

static void
mx_print_own(const struct demo_env *env, const struct mutex_own *o, const struct mx_facts *f)
{
	struct mx_table t = { 0 };
	char line[300];
	int locked = o->other_trylock == EBUSY, entered = o->other_post == 0 && o->other_trywait == 0;

	report_heading(env, DL(env, "1. 주인이 아닌 스레드가 풀면", "1. A thread that does not hold it lets go"));
	mx_set(&t, 0, 0, "%s", DL(env, "단계", "step"));
	mx_set(&t, 0, 1, "%s", DL(env, "오류 검사형 뮤텍스", "errorcheck mutex"));
	mx_set(&t, 0, 2, "%s", DL(env, "세마포어 (초기값 1)", "semaphore (value 1)"));
	mx_set(&t, 1, 0, "%s", DL(env, "T1이 잡음", "T1 takes it"));
	mx_set(&t, 1, 1, "lock → %s%s", mx_name(o->lock), o->lock == 0 ? DL(env, ", 주인 T1", ", owner T1") : "");
	mx_set(&t, 1, 2, "wait → %s%s", mx_name(o->wait), o->wait == 0 ? DL(env, ", 값 0", ", value 0") : "");
	mx_set(&t, 2, 0, "%s", DL(env, "T2가 놓음", "T2 lets go"));
	mx_set(&t, 2, 1, "unlock → %s", mx_name(o->other_unlock));
	mx_set(&t, 2, 2, DL(env, "post → %s, 값 %d", "post → %s, value %d"), mx_name(o->other_post),
	       o->value_after_post);
	mx_set(&t, 3, 0, "%s", DL(env, "T2가 잡아 봄", "T2 tries it"));
	mx_set(&t, 3, 1, "trylock → %s%s", mx_name(o->other_trylock),
	       locked ? DL(env, ": 여전히 T1 소유", ": still T1's") : "");
	mx_set(&t, 3, 2, "trywait → %s%s", mx_name(o->other_trywait),
	       o->other_trywait == 0 ? DL(env, ": T2도 들어감", ": T2 is in too") : "");
	mx_set(&t, 4, 0, "%s", DL(env, "둘 다 나감", "both leave"));
	mx_set(&t, 4, 1, "T1 unlock → %s", mx_name(o->owner_unlock));
	if (o->other_trywait == 0)
		mx_set(&t, 4, 2, DL(env, "post, post → 값 %d", "post, post → value %d"), o->value_end);
	else
		mx_set(&t, 4, 2, DL(env, "T1 post → 값 %d", "T1 post → value %d"), o->value_end);
	mx_table_print(&t);
	printf("\n");
	mx_verdict(env, o->other_unlock == EPERM && locked, DL(env,
		"뮤텍스는 주인이 아닌 스레드의 unlock을 거절했고, 계속 잠겨 있었습니다",
		"the mutex refused an unlock from a thread that does not own it, and stayed locked"));
	if (entered && o->value_end >= 2)
		snprintf(line, sizeof line, DL(env,
			"세마포어는 기다린 적 없는 스레드의 post를 받아 T2를 T1과 함께 들여보냈고, "
			"'이진' 세마포어의 값이 이제 %d입니다",
			"the semaphore took a post from a thread that never waited, let T2 in beside "
			"T1, and the \"binary\" semaphore now counts %d"), o->value_end);
	else
		snprintf(line, sizeof line, "%s", DL(env,
			"세마포어가 남의 post를 거절했습니다(리눅스에서는 예상 밖)",
			"the semaphore refused the stranger's post (unexpected on Linux)"));
	mx_verdict(env, entered, line);
	printf("\n");
	mx_wrap(env, "", DL(env,
		"기본형(PTHREAD_MUTEX_NORMAL) 뮤텍스에서 주인 아닌 스레드가 풀면 정의되지 않은 동작이라 "
		"여기서는 하지 않습니다. 오류 검사형, 재귀형, robust 뮤텍스만 EPERM을 약속합니다.",
		"On a default (PTHREAD_MUTEX_NORMAL) mutex an unlock by a non-owner is undefined "
		"behaviour, so this demo does not try it; only errorcheck, recursive and robust "
		"mutexes promise EPERM."));
	if (f->fds_opened == 0) {
		snprintf(line, sizeof line, DL(env,
			"pthread_mutex_t는 %zu바이트, sem_t는 %zu바이트의 메모리이고, 만들 때 연 파일은 "
			"0개입니다 (/proc/self/fd)",
			"pthread_mutex_t is %zu bytes of memory and sem_t %zu; creating them opened 0 "
			"files (/proc/self/fd)"), sizeof(pthread_mutex_t), sizeof(sem_t));
		printf("\n");
		mx_wrap(env, "", line);
	}
}

static void
mx_print_relock(const struct demo_env *env, const struct mutex_relock *o, long timeout_ms)
{
	struct mx_table t = { 0 };
	char line[300];

	report_heading(env, DL(env, "2. 잡은 스레드가 한 번 더 잡으면", "2. The holder takes it again"));
	mx_set(&t, 0, 0, "%s", DL(env, "같은 스레드", "same thread"));
	mx_set(&t, 0, 1, "%s", DL(env, "오류 검사형", "errorcheck"));
	mx_set(&t, 0, 2, "%s", DL(env, "재귀형", "recursive"));
	mx_set(&t, 0, 3, "%s", DL(env, "세마포어 (1)", "semaphore (1)"));
	mx_set(&t, 1, 0, "%s", DL(env, "첫 번째", "1st take"));
	mx_set(&t, 1, 1, "lock → %s", mx_name(o->ec_first));
	mx_set(&t, 1, 2, "lock → %s", mx_name(o->rec_first));
	mx_set(&t, 1, 3, "wait → %s", mx_name(o->sem_first));
	mx_set(&t, 2, 0, "%s", DL(env, "두 번째", "2nd take"));
	mx_set(&t, 2, 1, "lock → %s", mx_name(o->ec_second));
	mx_set(&t, 2, 2, DL(env, "lock → %s, 횟수 2", "lock → %s, count 2"), mx_name(o->rec_second));
	/* the words come in a different order: a cell per language */
	if (env->lang == 1)
		mx_set(&t, 2, 3, "%s after %.0f ms", mx_name(o->sem_second), o->sem_waited_ms);
	else
		mx_set(&t, 2, 3, "%.0f ms 뒤 %s", o->sem_waited_ms, mx_name(o->sem_second));
	mx_set(&t, 3, 0, "%s", DL(env, "풀기", "unlocks"));
	mx_set(&t, 3, 1, DL(env, "%d번 성공, 다음 %s", "%d ok, then %s"), o->ec_unlocks, mx_name(o->ec_refused));
	mx_set(&t, 3, 2, DL(env, "%d번 성공, 다음 %s", "%d ok, then %s"), o->rec_unlocks, mx_name(o->rec_refused));
	mx_set(&t, 3, 3, "%s", DL(env, "(주인이 없음)", "(no owner)"));
	mx_table_print(&t);
	printf("\n");
	mx_verdict(env, o->ec_second == EDEADLK, DL(env,
		"오류 검사형 뮤텍스는 두 번째 lock에서 멈추는 대신 EDEADLK를 돌려주었습니다",
		"the errorcheck mutex returned EDEADLK instead of hanging on the second lock"));
	mx_verdict(env, o->rec_second == 0 && o->rec_unlocks == 2, DL(env,
		"재귀형 뮤텍스는 주인이 두 번 잡은 것을 세고, 두 번 풀어야 놓아줍니다",
		"the recursive mutex counted its owner's two locks and needed two unlocks"));
	snprintf(line, sizeof line, DL(env,
		"세마포어는 자기 스레드가 가진 하나뿐인 단위를 기다렸습니다: 자기 자신과의 교착이며, "
		"기한이 없었다면 영원히 기다렸을 것입니다(%ld ms에서 끊음)",
		"the semaphore waited for the one unit its own thread holds: a deadlock with "
		"itself that would have lasted forever (cut off at %ld ms)"), timeout_ms);
	mx_verdict(env, o->sem_second == ETIMEDOUT, line);
}

static void
mx_print_death(const struct demo_env *env, const struct mutex_death *o, long timeout_ms)
{
	struct mx_table t = { 0 };
	char line[300], num[32];
	int recovered = o->robust_lock == EOWNERDEAD && o->consistent == 0 && o->robust_relock == 0;

	report_heading(env, DL(env, "3. 잡은 프로세스가 죽으면", "3. The holder's process dies"));
	if (o->child_exit != 0)
		printf("  %s %d\n", DL(env, "자식이 모두 잡지 못함, 종료 상태", "the child could not take them all, exit status"),
		       o->child_exit);
	mx_set(&t, 0, 0, "%s", DL(env, "자식이 잡고 종료", "child took it, exited"));
	mx_set(&t, 0, 1, "%s", DL(env, "부모가 잡으면", "parent's take"));
	mx_set(&t, 0, 2, "%s", DL(env, "기다림", "waited"));
	mx_set(&t, 0, 3, "%s", DL(env, "그다음", "afterwards"));
	mx_set(&t, 1, 0, "%s", DL(env, "robust 뮤텍스", "robust mutex"));
	mx_set(&t, 1, 1, "%s", mx_name(o->robust_lock));
	mx_set(&t, 1, 2, "%s", mx_ms(num, sizeof num, o->robust_ms));
	mx_set(&t, 1, 3, "consistent → %s, lock → %s", mx_name(o->consistent), mx_name(o->robust_relock));
	mx_set(&t, 2, 0, "%s", DL(env, "robust, 복구 없이", "robust, no consistent"));
	mx_set(&t, 2, 1, "%s", mx_name(o->robust2_lock));
	mx_set(&t, 2, 2, "%s", "");
	mx_set(&t, 2, 3, "unlock, lock → %s", mx_name(o->robust2_relock));
	mx_set(&t, 3, 0, "%s", DL(env, "보통 공유 뮤텍스", "plain shared mutex"));
	mx_set(&t, 3, 1, "%s", mx_name(o->plain_lock));
	mx_set(&t, 3, 2, "%s", mx_ms(num, sizeof num, o->plain_ms));
	mx_set(&t, 3, 3, "%s", o->plain_lock == ETIMEDOUT ? DL(env, "죽은 주인을 영원히 기다림", "waits for the dead forever") : "");
	mx_set(&t, 4, 0, "%s", DL(env, "공유 세마포어 (1)", "shared semaphore (1)"));
	mx_set(&t, 4, 1, "%s", mx_name(o->sem_wait));
	mx_set(&t, 4, 2, "%s", mx_ms(num, sizeof num, o->sem_ms));
	mx_set(&t, 4, 3, DL(env, "값 %d: 단위를 잃음", "value %d: the unit is lost"), o->sem_value);
	mx_table_print(&t);
	printf("\n");
	mx_verdict(env, recovered, DL(env,
		"robust 뮤텍스: 커널이 죽은 주인의 락을 표시해 두어 부모가 바로 EOWNERDEAD를 받고, "
		"데이터를 고친 뒤 pthread_mutex_consistent로 계속 쓸 수 있었습니다",
		"robust mutex: the kernel marked the dead owner's lock, so the parent got EOWNERDEAD "
		"at once, could repair the data, and went on after pthread_mutex_consistent"));
	mx_verdict(env, o->robust2_relock == ENOTRECOVERABLE, DL(env,
		"consistent 없이 풀면 그 뮤텍스는 영영 쓸 수 없게 됩니다(ENOTRECOVERABLE)",
		"unlocked without consistent, the mutex is unusable for good (ENOTRECOVERABLE)"));
	snprintf(line, sizeof line, DL(env,
		"세마포어는 누가 단위를 가져갔는지 모르니 죽은 프로세스의 몫을 돌려받을 길이 없습니다: "
		"%ld ms 기다리다 ETIMEDOUT, 값은 %d 그대로입니다",
		"the semaphore does not know who took its unit, so nothing gives back a dead "
		"process's share: ETIMEDOUT after %ld ms, and the value stays %d"), timeout_ms, o->sem_value);
	mx_verdict(env, o->sem_wait == ETIMEDOUT, line);
}

static void
mx_print_prio(const struct demo_env *env, const struct mx_prio *p)
{
	static const char *const ko[MUTEX_KIND_N] = { "PI 뮤텍스", "보통 뮤텍스", "세마포어" };
	static const char *const en[MUTEX_KIND_N] = { "PI mutex", "plain mutex", "semaphore" };
	const struct mutex_boost *pi = &p->run[MUTEX_PI];
	struct mx_table t = { 0 };
	char line[300];
	int k;

	report_heading(env, DL(env, "4. 우선순위 상속", "4. Priority inheritance"));
	snprintf(line, sizeof line, "pthread_mutexattr_setprotocol(PTHREAD_PRIO_INHERIT) → %s%s",
	         mx_name(p->setprotocol), p->setprotocol == 0 && p->protocol_back == PTHREAD_PRIO_INHERIT ?
	         DL(env, ", 다시 읽으면 PTHREAD_PRIO_INHERIT", ", reads back as PTHREAD_PRIO_INHERIT") : "");
	mx_wrap(env, "", line);
	mx_wrap(env, "", DL(env, "sem_init(sem, pshared, value): 속성 인자가 없으니 설정할 프로토콜도 없음",
	                         "sem_init(sem, pshared, value): no attribute argument, so no protocol to set"));
#ifdef __GLIBC__
	if (pi->ran && pi->holder_tid > 0) {
		snprintf(line, sizeof line, DL(env, "PI 뮤텍스를 잡은 동안의 락 워드: 0x%08x = 주인의 TID %d %s",
		                                    "the PI mutex's lock word while held: 0x%08x = the owner's TID %d %s"),
		         pi->lock_word, pi->holder_tid, (int)(pi->lock_word & 0x3fffffffu) == pi->holder_tid ? "✓" : "✗");
		mx_wrap(env, "", line);
	}
#endif
	if (!p->possible) {
		printf("  %s\n", DL(env, "nice가 이미 19라 더 낮은 우선순위의 주인을 만들 수 없어 관찰은 건너뜀",
		                       "nice is already 19: no room for a less important holder, so not observed"));
		return;
	}
	printf("\n");
	mx_set(&t, 0, 0, DL(env, "주인 nice %d, 대기자 %d", "holder nice %d, waiter %d"), p->nice_holder, p->nice_base);
	mx_set(&t, 0, 1, "%s", DL(env, "전", "before"));
	mx_set(&t, 0, 2, "%s", DL(env, "대기자가 막힌 동안", "waiter blocked"));
	mx_set(&t, 0, 3, "%s", DL(env, "후", "after"));
	mx_set(&t, 0, 4, "%s", DL(env, "대기자가 잠든 곳", "waiter sleeps in"));
	for (k = 0; k < MUTEX_KIND_N; k++) {
		const struct mutex_boost *b = &p->run[k];

		mx_set(&t, k + 1, 0, "%s", DL(env, ko[k], en[k]));
		if (!b->ran) {
			mx_set(&t, k + 1, 1, "%s", DL(env, "실행 못 함", "did not run"));
			mx_set(&t, k + 1, 2, "%s", mx_name(p->err[k]));
			continue;
		}
		mx_set(&t, k + 1, 1, "%d", b->before);
		if (!b->blocked)
			mx_set(&t, k + 1, 2, "%s", DL(env, "잠들지 않음", "never slept"));
		else if (mx_boosted(b))
			mx_set(&t, k + 1, 2, DL(env, "%d ✓ 올라감", "%d ✓ boosted"), b->during);
		else
			mx_set(&t, k + 1, 2, "%d", b->during);
		mx_set(&t, k + 1, 3, "%d", b->after);
		if (b->waiter_syscall == SYS_futex)
			mx_set(&t, k + 1, 4, "futex(&%s)%s", k == MUTEX_SEM ? "sem" : "mutex", b->on_object ? "" : "?");
		else if (b->waiter_syscall >= 0)
			mx_set(&t, k + 1, 4, "syscall %ld", b->waiter_syscall);
		else
			mx_set(&t, k + 1, 4, "?");
	}
	mx_table_print(&t);
	mx_wrap(env, "", DL(env, "(주인의 우선순위: /proc/self/task/TID/stat의 18번째 값, 20 + nice, 낮을수록 먼저 돎)",
	                         "(the holder's priority: field 18 of /proc/self/task/TID/stat, 20 + nice, lower runs first)"));
	printf("\n");
	mx_verdict(env, mx_prio_supported(p), DL(env,
		"PTHREAD_PRIO_INHERIT 뮤텍스를 root 없이 만들고 잡을 수 있음",
		"a PTHREAD_PRIO_INHERIT mutex can be made and locked without root"));
	if (mx_boosted(pi))
		mx_verdict(env, 1, DL(env,
			"PI 뮤텍스의 주인만 기다리는 스레드의 우선순위를 잠시 물려받았고, 놓자 돌아왔습니다",
			"only the PI mutex's holder took on its waiter's priority, and lost it on unlocking"));
	else
		mx_verdict(env, 0, DL(env,
			"이 커널에서는 주인의 우선순위가 바뀌는 것을 보지 못했습니다(API 결과만 믿으세요)",
			"this kernel did not show the holder's priority change (rely on the API result only)"));
}

static void
mx_explain(const struct demo_env *env)
{
	char text[2048];

	report_heading(env, DL(env, "면접 답변으로 정리하면", "What to say in the interview"));
	report_paragraph(env, DL(env,
		"뮤텍스는 상호 배제를 위한 락이고 주인이 있습니다. 잠근 스레드만 풀 수 있다는 규칙 덕분에 "
		"시스템이 오용을 잡아내고(주인 아닌 unlock은 EPERM, 같은 스레드의 재잠금은 EDEADLK), "
		"주인이 죽으면 다음 사람에게 알리며(robust 뮤텍스의 EOWNERDEAD), 높은 우선순위 스레드가 "
		"기다리면 주인의 우선순위를 올려 줍니다(우선순위 상속). 모두 '누가 잡고 있는가'를 알아야 "
		"가능한 일이고, 위 실험에서 이 기계가 직접 그렇게 답했습니다.",
		"A mutex is a lock for mutual exclusion, and it has an owner. Because only the "
		"thread that locked it may unlock it, the system can catch misuse (EPERM for a "
		"non-owner's unlock, EDEADLK for a relock by the same thread), tell the next "
		"taker when the owner died (EOWNERDEAD from a robust mutex), and raise the "
		"owner's priority while a more important thread waits (priority inheritance). "
		"Each of these needs to know who holds the lock, and above this machine answered "
		"exactly so."));
	report_paragraph(env, DL(env,
		"세마포어는 쓸 수 있는 단위의 개수를 세는 카운터입니다. wait(P)는 하나를 가져가고 없으면 "
		"기다리며, post(V)는 하나를 돌려놓는데 어느 스레드나 할 수 있습니다. 그래서 용도가 "
		"신호와 개수 세기입니다: 생산자-소비자에서 생산자가 post하고 소비자가 wait하며(빈 칸과 "
		"찬 칸을 세는 두 세마포어), 커넥션 N개짜리 풀은 초기값 N으로 동시 사용을 제한합니다. "
		"초기값 1인 이진 세마포어는 모두가 약속을 지킬 때만 락처럼 보입니다. 실험 1에서 기다린 "
		"적 없는 스레드의 post가 통과해 두 스레드가 함께 들어갔고, 실험 2에서 같은 스레드의 두 "
		"번째 wait는 자기 자신을 기다렸으며, 실험 3에서 죽은 프로세스의 몫은 돌아오지 않았고, "
		"실험 4에서 세마포어를 잡은 스레드는 우선순위를 물려받지 못했습니다.",
		"A semaphore is a count of available units. wait (P) takes one, sleeping while "
		"there are none; post (V) puts one back, and any thread may do it. That makes it "
		"a tool for signalling and counting: in producer/consumer the producer posts and "
		"the consumer waits (two semaphores counting empty and full slots), and a pool of "
		"N connections starts a semaphore at N to cap concurrent use. A binary semaphore, "
		"initial value 1, behaves like a lock only as long as everyone keeps to the "
		"convention. In experiment 1 a post from a thread that never waited went through "
		"and two threads got in; in experiment 2 the same thread's second wait waited for "
		"itself; in experiment 3 a dead process's unit never came back; in experiment 4 "
		"the semaphore's holder inherited nothing."));
	report_paragraph(env, DL(env,
		"우선순위 역전의 유명한 예가 1997년 화성 탐사선 마스 패스파인더입니다. 낮은 우선순위 "
		"작업이 공유 버스의 락을 쥔 동안 높은 우선순위 작업이 그 락을 기다렸고, 락과 상관없는 "
		"중간 우선순위 작업이 낮은 작업을 계속 밀어내서 감시 타이머가 시스템을 반복해서 "
		"재시작시켰습니다. 지구에서 그 락에 우선순위 상속을 켜서 고쳤습니다. VxWorks가 그 락을 "
		"'상호 배제 세마포어'라고 부르지만 주인이 있는 락, 곧 뮤텍스였기에 가능했습니다.",
		"The famous case of priority inversion is the Mars Pathfinder lander in 1997: a "
		"low-priority task held the lock of a shared bus while a high-priority task "
		"waited for it, and medium-priority work unrelated to the lock kept preempting "
		"the low one, until a watchdog reset the system, again and again. It was fixed "
		"from Earth by turning on priority inheritance for that lock. VxWorks calls it a "
		"\"mutual-exclusion semaphore\", but it had an owner, which is what made the fix "
		"possible: it was a mutex."));
	snprintf(text, sizeof text, DL(env,
		"언제 무엇을 쓰나: 공유 데이터를 지키는 임계 구역에는 뮤텍스(같은 스레드가 잠그고 "
		"풉니다). 개수가 있는 자원을 제한하거나 한 스레드가 다른 스레드를 깨워야 하면 세마포어, "
		"또는 뮤텍스와 조건 변수. 프로세스 사이의 락이라면 robust 뮤텍스를 써야 죽은 주인에서 "
		"회복할 수 있습니다. 그리고 둘 다 파일이 아닙니다: 리눅스에서 pthread_mutex_t(%zu바이트)와 "
		"sem_t(%zu바이트)는 사용자 공간의 평범한 메모리이고, 경쟁이 없으면 원자적 명령 하나로 "
		"끝나며, 잠들고 깨울 때만 futex 시스템 호출로 커널에 들어갑니다. 실험 4의 대기자들이 모두 "
		"그 객체의 주소로 futex에서 잠들어 있었습니다. sem_open의 이름 있는 세마포어가 /dev/shm에 "
		"보이는 것은 공유 메모리에 이름을 붙이는 방법일 뿐입니다.",
		"When to use which: to guard shared data in a critical section, a mutex (the same "
		"thread locks and unlocks). To cap the use of N identical resources, or when one "
		"thread must wake another, a semaphore, or a mutex with a condition variable. For a "
		"lock shared between processes, a robust mutex, so that a dead owner can be "
		"recovered from. And neither is a file: on Linux a pthread_mutex_t (%zu bytes) and a "
		"sem_t (%zu bytes) are ordinary memory in user space; uncontended, an operation is "
		"one atomic instruction, and only sleeping and waking enter the kernel, through the "
		"futex system call. The waiters in experiment 4 were all asleep in futex on the "
		"object's own address. A named semaphore from sem_open shows up in /dev/shm only "
		"because that is how shared memory gets a name."),
	         sizeof(pthread_mutex_t), sizeof(sem_t));
	report_paragraph(env, text);
	report_paragraph(env, DL(env,
		"한 문장으로: \"뮤텍스는 주인이 있는 락이라 주인만 풀고, 그래서 오류 검사, 죽은 주인 "
		"복구, 우선순위 상속이 가능합니다. 세마포어는 주인 없는 카운터라 신호와 자원 개수 세기에 "
		"씁니다. 값이 0과 1뿐이라고 이진 세마포어가 뮤텍스가 되지는 않습니다.\"",
		"In one breath: \"A mutex is a lock with an owner, and only the owner unlocks it, "
		"which is what makes error checking, recovery from a dead owner and priority "
		"inheritance possible. A semaphore is a counter with no owner, for signalling and "
		"counting resources. Having only the values 0 and 1 does not make a binary "
		"semaphore a mutex.\""));
}

/* ---- --json --------------------------------------------------------------- */

static cJSON *
mx_json(const struct mx_opts *o, const struct mx_results *r)
{
	cJSON *root = cJSON_CreateObject(), *p, *m, *e, *x, *d;
	int k;

	if (root == NULL)
		return NULL;
	cJSON_AddStringToObject(root, "demo", "mutex");
	p = cJSON_AddObjectToObject(root, "params");
	cJSON_AddNumberToObject(p, "timeout_ms", (double)o->timeout_ms);
	cJSON_AddNumberToObject(p, "only", (double)o->only);

	m = cJSON_AddObjectToObject(root, "machine");
	cJSON_AddNumberToObject(m, "online_cpus", r->facts.online);
	cJSON_AddNumberToObject(m, "usable_cpus", r->facts.usable);
	cJSON_AddStringToObject(m, "kernel", r->facts.kernel);
	cJSON_AddStringToObject(m, "glibc", r->facts.libc != NULL ? r->facts.libc : "");
	cJSON_AddNumberToObject(m, "sizeof_mutex", (double)sizeof(pthread_mutex_t));
	cJSON_AddNumberToObject(m, "sizeof_sem", (double)sizeof(sem_t));
	cJSON_AddNumberToObject(m, "fds_opened_by_init", r->facts.fds_opened);

	e = cJSON_AddObjectToObject(root, "experiments");
	d = cJSON_CreateObject();
	if (r->ran[1] > 0) {
		const struct mutex_own *w = &r->own;
		x = cJSON_AddObjectToObject(e, "ownership");
		cJSON_AddStringToObject(x, "mutex_type", "errorcheck");
		cJSON_AddStringToObject(x, "owner_lock", mx_name(w->lock));
		cJSON_AddStringToObject(x, "other_unlock", mx_name(w->other_unlock));
		cJSON_AddStringToObject(x, "other_trylock", mx_name(w->other_trylock));
		cJSON_AddStringToObject(x, "owner_unlock", mx_name(w->owner_unlock));
		cJSON_AddNumberToObject(x, "sem_initial", 1);
		cJSON_AddStringToObject(x, "owner_wait", mx_name(w->wait));
		cJSON_AddStringToObject(x, "other_post", mx_name(w->other_post));
		cJSON_AddNumberToObject(x, "sem_value_after_other_post", w->value_after_post);
		cJSON_AddStringToObject(x, "other_trywait", mx_name(w->other_trywait));
		cJSON_AddNumberToObject(x, "sem_value_end", w->value_end);
		cJSON_AddStringToObject(d, "non_owner_unlock_errno", mx_name(w->other_unlock));
		cJSON_AddBoolToObject(d, "mutex_still_locked", w->other_trylock == EBUSY);
		cJSON_AddBoolToObject(d, "sem_post_by_other_ok", w->other_post == 0);
		cJSON_AddBoolToObject(d, "sem_other_entered", w->other_post == 0 && w->other_trywait == 0);
		cJSON_AddNumberToObject(d, "sem_value_end", w->value_end);
	}
	if (r->ran[2] > 0) {
		const struct mutex_relock *w = &r->relock;
		x = cJSON_AddObjectToObject(e, "relock");
		cJSON_AddStringToObject(x, "errorcheck_first", mx_name(w->ec_first));
		cJSON_AddStringToObject(x, "errorcheck_second", mx_name(w->ec_second));
		cJSON_AddNumberToObject(x, "errorcheck_unlocks_ok", w->ec_unlocks);
		cJSON_AddStringToObject(x, "errorcheck_extra_unlock", mx_name(w->ec_refused));
		cJSON_AddStringToObject(x, "recursive_first", mx_name(w->rec_first));
		cJSON_AddStringToObject(x, "recursive_second", mx_name(w->rec_second));
		cJSON_AddNumberToObject(x, "recursive_unlocks_ok", w->rec_unlocks);
		cJSON_AddStringToObject(x, "recursive_extra_unlock", mx_name(w->rec_refused));
		cJSON_AddStringToObject(x, "sem_first", mx_name(w->sem_first));
		cJSON_AddStringToObject(x, "sem_second", mx_name(w->sem_second));
		cJSON_AddNumberToObject(x, "sem_waited_ms", w->sem_waited_ms);
		cJSON_AddStringToObject(d, "relock_errno", mx_name(w->ec_second));
		cJSON_AddBoolToObject(d, "recursive_counted", w->rec_second == 0 && w->rec_unlocks == 2);
		cJSON_AddStringToObject(d, "sem_second_wait", mx_name(w->sem_second));
		cJSON_AddBoolToObject(d, "sem_second_wait_timed_out", w->sem_second == ETIMEDOUT);
	}
	if (r->ran[3] > 0) {
		const struct mutex_death *w = &r->death;
		x = cJSON_AddObjectToObject(e, "owner_death");
		cJSON_AddNumberToObject(x, "child_exit", w->child_exit);
		cJSON_AddStringToObject(x, "robust_lock", mx_name(w->robust_lock));
		cJSON_AddNumberToObject(x, "robust_lock_ms", w->robust_ms);
		cJSON_AddStringToObject(x, "consistent", mx_name(w->consistent));
		cJSON_AddStringToObject(x, "robust_unlock", mx_name(w->robust_unlock));
		cJSON_AddStringToObject(x, "robust_relock", mx_name(w->robust_relock));
		cJSON_AddStringToObject(x, "unrepaired_lock", mx_name(w->robust2_lock));
		cJSON_AddStringToObject(x, "unrepaired_unlock", mx_name(w->robust2_unlock));
		cJSON_AddStringToObject(x, "unrepaired_relock", mx_name(w->robust2_relock));
		cJSON_AddStringToObject(x, "plain_lock", mx_name(w->plain_lock));
		cJSON_AddNumberToObject(x, "plain_lock_ms", w->plain_ms);
		cJSON_AddNumberToObject(x, "sem_value", w->sem_value);
		cJSON_AddStringToObject(x, "sem_wait", mx_name(w->sem_wait));
		cJSON_AddNumberToObject(x, "sem_wait_ms", w->sem_ms);
		cJSON_AddStringToObject(d, "robust_owner_dead", mx_name(w->robust_lock));
		cJSON_AddBoolToObject(d, "robust_recovered",
		                      w->robust_lock == EOWNERDEAD && w->consistent == 0 && w->robust_relock == 0);
		cJSON_AddStringToObject(d, "robust_unrepaired", mx_name(w->robust2_relock));
		cJSON_AddBoolToObject(d, "plain_dead_owner_timed_out", w->plain_lock == ETIMEDOUT);
		cJSON_AddBoolToObject(d, "sem_dead_holder_timed_out", w->sem_wait == ETIMEDOUT);
	}
	if (r->ran[4] > 0) {
		static const char *const key[MUTEX_KIND_N] = { "pi_mutex", "plain_mutex", "semaphore" };
		const struct mx_prio *w = &r->prio;
		cJSON *runs;
		x = cJSON_AddObjectToObject(e, "priority");
		cJSON_AddStringToObject(x, "setprotocol", mx_name(w->setprotocol));
		cJSON_AddBoolToObject(x, "protocol_reads_back", w->protocol_back == PTHREAD_PRIO_INHERIT);
		cJSON_AddNumberToObject(x, "nice_waiter", w->nice_base);
		cJSON_AddNumberToObject(x, "nice_holder", w->nice_holder);
		cJSON_AddNumberToObject(x, "pi_lock_word", w->run[MUTEX_PI].lock_word);
		cJSON_AddNumberToObject(x, "pi_holder_tid", w->run[MUTEX_PI].holder_tid);
		runs = cJSON_AddObjectToObject(x, "runs");
		for (k = 0; k < MUTEX_KIND_N; k++) {
			const struct mutex_boost *b = &w->run[k];
			cJSON *y = cJSON_AddObjectToObject(runs, key[k]);
			cJSON_AddBoolToObject(y, "ran", b->ran);
			cJSON_AddBoolToObject(y, "waiter_blocked", b->blocked);
			cJSON_AddNumberToObject(y, "holder_prio_before", b->before);
			cJSON_AddNumberToObject(y, "holder_prio_during", b->during);
			cJSON_AddNumberToObject(y, "holder_prio_after", b->after);
			cJSON_AddBoolToObject(y, "boosted", mx_boosted(b));
			cJSON_AddBoolToObject(y, "waiter_in_futex", b->waiter_syscall == SYS_futex && b->on_object);
		}
		cJSON_AddBoolToObject(d, "prio_inherit_supported", mx_prio_supported(w));
		cJSON_AddBoolToObject(d, "prio_boost_observed", mx_boosted(&w->run[MUTEX_PI]));
		cJSON_AddBoolToObject(d, "sem_prio_boost_observed", mx_boosted(&w->run[MUTEX_SEM]));
		cJSON_AddBoolToObject(d, "waiters_in_futex",
		                      w->run[MUTEX_PI].waiter_syscall == SYS_futex &&
		                      w->run[MUTEX_PLAIN].waiter_syscall == SYS_futex &&
		                      w->run[MUTEX_SEM].waiter_syscall == SYS_futex);
	}
	cJSON_AddItemToObject(root, "derived", d);
	return root;
}

static int
mutex_main(int argc, char **argv, const struct demo_env *env)
{
	static const char *const step_ko[5] = { "", "소유권", "다시 잡기", "주인의 죽음", "우선순위 상속" };
	static const char *const step_en[5] = { "", "ownership", "relocking", "owner death", "priority inheritance" };
	struct mx_opts o;
	struct mx_results *r;
	int n, rc = 0;

	if (mx_parse(argc, argv, &o) != 0)
		return 2;
	if ((r = calloc(1, sizeof *r)) == NULL) {
		report_error("mutex", "out of memory");
		return 1;
	}
	if (!env->json)
		mx_intro(env, &o);
	mx_facts_read(&r->facts);
	for (n = 1; n <= 4; n++) {
		if (o.only != 0 && o.only != n)
			continue;
		progress_update(env, DL(env, step_ko[n], step_en[n]), (double)(n - 1) / 4);
		switch (n) {
		case 1: r->err[n] = mutex_ownership(&r->own); break;
		case 2: r->err[n] = mutex_relock(&r->relock, o.timeout_ms); break;
		case 3: r->err[n] = mutex_owner_death(&r->death, o.timeout_ms); break;
		default: mx_prio_run(&r->prio); r->err[n] = 0; break;
		}
		r->ran[n] = r->err[n] == 0 ? 1 : -1;
	}
	progress_done(env);

	if (env->json) {
		if (report_json_print(mx_json(&o, r)) != 0)
			rc = 1;
	} else {
		if (r->ran[1] > 0)
			mx_print_own(env, &r->own, &r->facts);
		if (r->ran[2] > 0)
			mx_print_relock(env, &r->relock, o.timeout_ms);
		if (r->ran[3] > 0)
			mx_print_death(env, &r->death, o.timeout_ms);
		if (r->ran[4] > 0)
			mx_print_prio(env, &r->prio);
		mx_explain(env);
	}
	for (n = 1; n <= 4; n++)
		if (r->ran[n] < 0) {
			report_error("mutex", "experiment %d (%s) could not run: %s", n, step_en[n],
			             strerror(r->err[n]));
			rc = 1;
		}
	free(r);
	return rc;
}

const struct demo demo_mutex = {
	.name = "mutex",
	.summary = { "이진 세마포어는 뮤텍스가 아님: 주인 없는 unlock, 재잠금, 죽은 주인, 우선순위 상속",
	             "a binary semaphore is not a mutex: foreign unlock, relock, dead owner, priority inheritance" },
	.usage = "demo mutex [--timeout-ms N] [--only N]",
	.help = {
		"--timeout-ms N   끝나지 않을 기다림을 끊는 시간, ms (기본 200, 10-2000)\n"
		"--only N         실험 하나만: 1 소유권, 2 재잠금, 3 주인의 죽음, 4 우선순위\n",
		"--timeout-ms N   cut off waits that would never end, ms (default 200, 10-2000)\n"
		"--only N         one experiment only: 1 owner, 2 relock, 3 death, 4 priority\n",
	},
	.main = mutex_main,
	.source = demo_mutex_source,
};

#endif /* DEMO_CORE_ONLY */
