/*
 * pipe.c: the IPC demo. A parent and its child exchange data through
 * pipe(2): latency as a one-byte ping-pong, throughput as a stream of
 * 64 KiB writes, both with the two processes pinned to one CPU and to two
 * CPUs. In the same run the ping-pong is repeated over a UNIX socketpair,
 * over shared memory with a futex, and between two threads of one process,
 * and the time is taken apart against three measured references: memcpy
 * bandwidth (copies), a null system call, and the cost of a switch.
 *
 * The part between the core markers is what `demo pipe --source` prints.
 */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "demo.h"
#include "report.h"

/* osprep:core-begin */

#define PIPE_CHUNK (64 * 1024)          /* bytes per write() when streaming */

enum pipe_how {
	PIPE_PIPE,           /* two pipes, one per direction */
	PIPE_SOCKETPAIR,     /* one UNIX stream socket pair, both directions */
	PIPE_SHM,            /* a word in MAP_SHARED memory and a futex: two processes */
	PIPE_THREADS,        /* the same word and futex between two threads: no IPC */
	PIPE_HOW_N
};

/* One side of an exchange: where it ran and how often it left the CPU. */
struct pipe_side {
	int cpu;             /* the CPU it pins itself to */
	int pinned;          /* sched_setaffinity took and sched_getcpu agrees */
	long voluntary;      /* ru_nvcsw over the timed part: it blocked */
	long involuntary;    /* ru_nivcsw: it was preempted */
	long calls;          /* streaming: its read() or write() calls */
	int err;             /* errno of a failed call, 0 if none */
};

/*
 * One measurement. It lives in a MAP_SHARED mapping: a forked child writes
 * its figures where the parent reads them, and for PIPE_SHM the futex word
 * `turn` is memory both processes really share.
 */
struct pipe_job {
	enum pipe_how how;
	int stream;          /* 0: ping-pong (latency); 1: B streams to A */
	int ab[2];           /* pipe A -> B; for a socketpair, A's end and B's end */
	int ba[2];           /* pipe B -> A */
	atomic_int turn;     /* futex word: 0 = A's turn, 1 = B's turn */
	long warmup;         /* ping-pong: untimed round trips first */
	long round_trips;    /* ping-pong: timed round trips */
	long long warmup_bytes, bytes;  /* streaming: untimed, then timed */
	struct pipe_side side[2];
	long long ns;        /* A's clock over the timed part */
};

static long long
pipe_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Pin the calling thread to one CPU; 1 when the kernel confirms it. */
static int
pipe_pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof set, &set) != 0)    /* 0: this thread */
		return 0;
	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof set, &set) != 0)
		return 0;
	return CPU_COUNT(&set) == 1 && CPU_ISSET(cpu, &set) && sched_getcpu() == cpu;
}

static int
pipe_put(int fd)
{
	char c = 'x';
	ssize_t n;

	while ((n = write(fd, &c, 1)) < 0 && errno == EINTR)
		;
	return n == 1 ? 0 : -1;
}

static int
pipe_get(int fd)
{
	char c;
	ssize_t n;

	while ((n = read(fd, &c, 1)) < 0 && errno == EINTR)
		;
	if (n == 0)
		errno = EPIPE;    /* the other side is gone */
	return n == 1 ? 0 : -1;
}

/* Processes sharing a mapping need a shared futex; threads can use a private one. */
static int
pipe_futex_op(const struct pipe_job *j, int op)
{
	return j->how == PIPE_THREADS ? op | FUTEX_PRIVATE_FLAG : op;
}

/*
 * Hand the turn to the other side. Through a pipe or a socket that is one
 * byte copied into the kernel; through shared memory it is one store, and
 * a FUTEX_WAKE to wake the other side if it sleeps.
 */
static int
pipe_send(struct pipe_job *j, int who)
{
	switch (j->how) {
	case PIPE_PIPE:
		return pipe_put(who == 0 ? j->ab[1] : j->ba[1]);
	case PIPE_SOCKETPAIR:
		return pipe_put(j->ab[who]);
	default:
		atomic_store(&j->turn, !who);
		syscall(SYS_futex, &j->turn, pipe_futex_op(j, FUTEX_WAKE), 1, NULL, NULL, 0);
		return 0;
	}
}

/* Wait for the turn to come back: a blocking read, or FUTEX_WAIT until it is ours. */
static int
pipe_recv(struct pipe_job *j, int who)
{
	int t;

	switch (j->how) {
	case PIPE_PIPE:
		return pipe_get(who == 0 ? j->ba[0] : j->ab[0]);
	case PIPE_SOCKETPAIR:
		return pipe_get(j->ab[who]);
	default:
		/* FUTEX_WAIT sleeps only while the word still holds t: no lost wake-up */
		while ((t = atomic_load(&j->turn)) != who)
			syscall(SYS_futex, &j->turn, pipe_futex_op(j, FUTEX_WAIT), t,
			        NULL, NULL, 0);
		return 0;
	}
}

/* n round trips: A sends and waits for the answer; B waits and answers. */
static int
pipe_bounce(struct pipe_job *j, int who, long n)
{
	long i;

	for (i = 0; i < n; i++) {
		if (who == 0 && pipe_send(j, 0) != 0)
			return -1;
		if (pipe_recv(j, who) != 0)
			return -1;
		if (who == 1 && pipe_send(j, 1) != 0)
			return -1;
	}
	return 0;
}

/*
 * Move bytes through the pipe B -> A: B write()s 64 KiB at a time, A
 * read()s up to 64 KiB at a time. Every byte is copied twice: from B's
 * buffer into the pipe's pages in the kernel, and from there into A's.
 */
static int
pipe_stream(struct pipe_job *j, int who, long long bytes, char *buf, long *calls)
{
	long long done = 0;
	size_t want;
	ssize_t n;

	while (done < bytes) {
		want = bytes - done < PIPE_CHUNK ? (size_t)(bytes - done) : PIPE_CHUNK;
		if (who == 1)
			n = write(j->ba[1], buf, want);
		else
			n = read(j->ba[0], buf, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EPIPE;
			return -1;
		}
		done += n;
		++*calls;
	}
	return 0;
}

/* One side's whole part: pin, warm up, then the timed part with switches counted. */
static void
pipe_side_run(struct pipe_job *j, int who)
{
	struct pipe_side *s = &j->side[who];
	struct rusage r0, r1;
	char *buf = NULL;
	long calls = 0;
	long long t0;
	int rc;

	s->pinned = pipe_pin(s->cpu);
	if (j->stream) {
		buf = malloc(PIPE_CHUNK);
		if (buf == NULL)
			goto fail;
		memset(buf, 'x', PIPE_CHUNK);    /* its pages are mapped before the clock runs */
		rc = pipe_stream(j, who, j->warmup_bytes, buf, &calls);
	} else {
		rc = pipe_bounce(j, who, j->warmup);
	}
	if (rc != 0)
		goto fail;
	calls = 0;
	getrusage(RUSAGE_THREAD, &r0);
	t0 = pipe_now_ns();
	if (j->stream)
		rc = pipe_stream(j, who, j->bytes, buf, &calls);
	else
		rc = pipe_bounce(j, who, j->round_trips);
	if (rc != 0)
		goto fail;
	if (who == 0)
		j->ns = pipe_now_ns() - t0;
	getrusage(RUSAGE_THREAD, &r1);
	s->voluntary = r1.ru_nvcsw - r0.ru_nvcsw;
	s->involuntary = r1.ru_nivcsw - r0.ru_nivcsw;
	s->calls = calls;
	free(buf);
	return;
fail:
	s->err = errno != 0 ? errno : EIO;
	free(buf);
}

static void *
pipe_thread_b(void *arg)
{
	pipe_side_run(arg, 1);
	return NULL;
}

/* Close the descriptors that side `who` does not use. */
static void
pipe_close_unused(const struct pipe_job *j, int who)
{
	if (j->how == PIPE_PIPE) {
		close(j->ab[who == 0 ? 0 : 1]);
		close(j->ba[who == 0 ? 1 : 0]);
	} else if (j->how == PIPE_SOCKETPAIR) {
		close(j->ab[!who]);
	}
}

/*
 * Run side A here and side B in a forked child (or, for PIPE_THREADS, in a
 * second thread). Returns 0 when both sides finished, -1 with errno set.
 */
static int
pipe_measure(struct pipe_job *j)
{
	pid_t parent = getpid(), pid = -1;
	pthread_t b;
	int status, err = 0;

	atomic_init(&j->turn, 0);
	if (j->how == PIPE_PIPE) {
		if (pipe(j->ab) != 0)
			return -1;
		if (pipe(j->ba) != 0) {
			err = errno;
			close(j->ab[0]);
			close(j->ab[1]);
			errno = err;
			return -1;
		}
	} else if (j->how == PIPE_SOCKETPAIR) {
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, j->ab) != 0)
			return -1;
	}
	if (j->how == PIPE_THREADS) {
		/* no descriptors: the two threads share the futex word in memory */
		err = pthread_create(&b, NULL, pipe_thread_b, j);
		if (err == 0) {
			pipe_side_run(j, 0);
			if (j->side[0].err != 0)
				pthread_cancel(b);    /* B may wait for a turn that never comes */
			pthread_join(b, NULL);
		}
	} else if ((pid = fork()) < 0) {
		err = errno;
		pipe_close_unused(j, 0);
		pipe_close_unused(j, 1);
	} else if (pid == 0) {
		/* the grandchild: die with the demo, keep only B's descriptors */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(1);
		pipe_close_unused(j, 1);
		pipe_side_run(j, 1);
		_exit(0);
	} else {
		/* without B's ends here, A sees end of file if B dies */
		pipe_close_unused(j, 0);
		pipe_side_run(j, 0);
		if (j->side[0].err != 0)
			kill(pid, SIGKILL);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		pipe_close_unused(j, 1);    /* what is still open here is A's */
	}
	if (err == 0)
		err = j->side[0].err != 0 ? j->side[0].err : j->side[1].err;
	if (err != 0) {
		errno = err;
		return -1;
	}
	return 0;
}

/* References for where the time goes, measured on the same CPU. */

/* memcpy bandwidth for 64 KiB blocks, the size each write copies; GiB/s. */
static double
pipe_memcpy_gibs(void)
{
	char *src = malloc(PIPE_CHUNK), *dst = malloc(PIPE_CHUNK);
	long long t0, t, n = 0;
	int i;

	if (src == NULL || dst == NULL) {
		free(src);
		free(dst);
		return -1;
	}
	memset(src, 'x', PIPE_CHUNK);
	memset(dst, 'y', PIPE_CHUNK);
	t0 = pipe_now_ns();
	do {
		for (i = 0; i < 64; i++) {
			memcpy(dst, src, PIPE_CHUNK);
			__asm__ volatile("" : : "r"(dst) : "memory");   /* the copy must happen */
		}
		n += 64;
		t = pipe_now_ns();
	} while (t - t0 < 50000000);
	free(src);
	free(dst);
	return (double)n * PIPE_CHUNK / (1024.0 * 1024 * 1024) / ((double)(t - t0) / 1e9);
}

/* A system call that does no work: the price of entering and leaving the kernel. */
static double
pipe_syscall_ns(long n)
{
	long long t0 = pipe_now_ns();
	long i;

	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	return (double)(pipe_now_ns() - t0) / (double)n;
}

/* One write() and one read() of a byte on a pipe by one task: no wake-up, no switch. */
static double
pipe_calls_ns(long n)
{
	int p[2], ok = 1;
	long i;
	long long t0;
	double ns;

	if (pipe(p) != 0)
		return -1;
	for (i = 0; i < 1000 && ok; i++)
		ok = pipe_put(p[1]) == 0 && pipe_get(p[0]) == 0;
	t0 = pipe_now_ns();
	for (i = 0; i < n && ok; i++)
		ok = pipe_put(p[1]) == 0 && pipe_get(p[0]) == 0;
	ns = (double)(pipe_now_ns() - t0) / (double)n;
	close(p[0]);
	close(p[1]);
	return ok ? ns : -1;
}

/* osprep:core-end */

extern const char demo_pipe_source[];
extern const struct demo demo_pipe;

#define PIPE_WARMUP        1000
#define PIPE_CROSS_MAX     5000     /* round trips across CPUs: each is slow */
#define PIPE_WARMUP_BYTES  (4LL << 20)

struct pipe_opts {
	long round_trips, mib;
	int same_cpu_only;
};

/* What one run measured. */
struct pipe_result {
	int done;
	long long n;                 /* round trips, or bytes */
	double ns;
	double value;                /* µs per round trip, or MiB/s */
	long switches;               /* both sides, voluntary and involuntary */
	long vol;
	long calls[2];               /* streaming: A's reads, B's writes */
	int pinned;
	int cpu[2];
};

enum pipe_run {
	PIPE_LAT_PIPE, PIPE_LAT_SOCK, PIPE_LAT_SHM, PIPE_LAT_THREADS, PIPE_TPUT,
	PIPE_LAT_PIPE_X, PIPE_TPUT_X, PIPE_RUN_N
};

struct pipe_refs {
	double memcpy_gibs, syscall_ns, calls_ns;
};

struct pipe_machine {
	int online, nallowed, cpu[2], cross;
};

static int
pipe_parse(int argc, char **argv, struct pipe_opts *o)
{
	int i;

	o->round_trips = 20000;
	o->mib = 256;
	o->same_cpu_only = 0;
	for (i = 1; i < argc; i++) {
		const char *v = NULL;
		int m;

		if ((m = report_opt(argc, argv, &i, "round-trips", &v)) != 0) {
			if (m < 0 || report_arg_long("pipe", "round-trips", v, 1, 100000000, &o->round_trips) != 0)
				return -1;
		} else if ((m = report_opt(argc, argv, &i, "mib", &v)) != 0) {
			if (m < 0 || report_arg_long("pipe", "mib", v, 1, 65536, &o->mib) != 0)
				return -1;
		} else if (report_opt(argc, argv, &i, "same-cpu-only", NULL) == 1) {
			o->same_cpu_only = 1;
		} else {
			report_error("pipe", "unknown option \"%s\"", argv[i]);
			fprintf(stderr, "usage: %s\n", demo_pipe.usage);
			return -1;
		}
	}
	return 0;
}

static void
pipe_machine_read(struct pipe_machine *m)
{
	int cpus[64], n = report_cpus(cpus, 64);

	m->online = report_cpus_online();
	m->nallowed = n;
	m->cpu[0] = n > 0 ? cpus[0] : 0;
	m->cpu[1] = n > 1 ? cpus[1] : m->cpu[0];
	m->cross = n >= 2;
}

/* Run one measurement into res; -1 (message printed) on failure. */
static int
pipe_run_one(struct pipe_job *j, enum pipe_how how, int stream, long long n,
             int cpu_a, int cpu_b, struct pipe_result *res)
{
	static const char *const name[PIPE_HOW_N] = { "pipe", "socketpair", "shared memory", "threads" };
	int s;

	memset(j, 0, sizeof *j);
	j->how = how;
	j->stream = stream;
	j->warmup = PIPE_WARMUP;
	j->round_trips = stream ? 0 : (long)n;
	j->warmup_bytes = PIPE_WARMUP_BYTES;
	j->bytes = stream ? n : 0;
	j->side[0].cpu = cpu_a;
	j->side[1].cpu = cpu_b;
	if (pipe_measure(j) != 0) {
		report_error("pipe", "%s %s: %s", name[how], stream ? "stream" : "ping-pong", strerror(errno));
		return -1;
	}
	memset(res, 0, sizeof *res);
	res->done = 1;
	res->n = n;
	res->ns = (double)j->ns;
	res->value = stream ? (double)n / (1024.0 * 1024) / ((double)j->ns / 1e9)
	                    : (double)j->ns / 1000.0 / (double)n;
	for (s = 0; s < 2; s++) {
		res->switches += j->side[s].voluntary + j->side[s].involuntary;
		res->vol += j->side[s].voluntary;
		res->calls[s] = j->side[s].calls;
		res->cpu[s] = j->side[s].cpu;
	}
	res->pinned = j->side[0].pinned && j->side[1].pinned;
	return 0;
}

/* The estimated share of each cost in the one-CPU stream, in ms. */
struct pipe_split {
	double total, copies, syscalls, switches, other;
	double switch_us;            /* one switch, from the one-CPU ping-pong */
	double lat_syscalls, lat_pipe, lat_switches;   /* one round trip, µs */
};

static void
pipe_split(const struct pipe_result *r, const struct pipe_refs *ref, struct pipe_split *sp)
{
	const struct pipe_result *lat = &r[PIPE_LAT_PIPE], *t = &r[PIPE_TPUT];

	sp->switch_us = (lat->value - 2 * ref->calls_ns / 1000.0) / 2;
	sp->lat_syscalls = 4 * ref->syscall_ns / 1000.0;
	sp->lat_pipe = 2 * ref->calls_ns / 1000.0 - sp->lat_syscalls;
	sp->lat_switches = lat->value - 2 * ref->calls_ns / 1000.0;
	sp->total = t->ns / 1e6;
	sp->copies = ref->memcpy_gibs > 0
	             ? 2.0 * (double)t->n / (ref->memcpy_gibs * 1024.0 * 1024 * 1024) * 1000.0 : 0;
	sp->syscalls = (double)(t->calls[0] + t->calls[1]) * ref->syscall_ns / 1e6;
	sp->switches = sp->switch_us > 0 ? (double)t->switches * sp->switch_us / 1000.0 : 0;
	sp->other = sp->total - sp->copies - sp->syscalls - sp->switches;
}

static void
pipe_intro(const struct demo_env *env, const struct pipe_opts *o, const struct pipe_machine *m,
           int pinned)
{
	char rt[32], line[1024];

	report_heading(env, DL(env, "파이프로 하는 IPC: 지연, 처리량, 시간이 드는 곳",
	                            "IPC through a pipe: latency, throughput, where the time goes"));
	snprintf(line, sizeof line, DL(env,
		"부모와 자식 프로세스가 pipe(2)로 데이터를 주고받습니다. 지연은 1바이트 핑퐁 %s회"
		"(먼저 1,000회 예열)로, 처리량은 64 KiB씩 write해서 %ld MiB를 보내는 것으로 잽니다. "
		"두 프로세스를 CPU 하나에 고정했을 때와 두 CPU에 나눴을 때를 모두 재고, 같은 핑퐁을 "
		"소켓쌍, 공유 메모리+futex, 한 프로세스의 두 스레드로도 해 봅니다. 지켜볼 것: "
		"무엇이 빠른지보다 시간이 어디에 드는지입니다(복사, 시스템 호출, 문맥 교환).",
		"A parent and its child exchange data through pipe(2). Latency is a one-byte "
		"ping-pong, %s round trips after 1,000 untimed ones; throughput is %ld MiB "
		"sent in 64 KiB writes. Both run with the two processes pinned to one CPU and "
		"to two CPUs, and the same ping-pong is repeated over a socketpair, over shared "
		"memory with a futex, and between two threads of one process. Watch for: not "
		"just which is fastest but where the time goes: copies, system calls, context "
		"switches."),
		report_count(rt, sizeof rt, o->round_trips), o->mib);
	report_paragraph(env, line);
	printf("\n  %s %d, %s %d; ", DL(env, "온라인 CPU", "online CPUs"), m->online,
	       DL(env, "사용 가능", "usable"), m->nallowed);
	if (!pinned)
		printf(DL(env, "CPU %d 고정 실패: 결과를 조심해서 읽으세요\n",
		          "pinning to CPU %d failed: read the results with care\n"), m->cpu[0]);
	else if (m->cross && !o->same_cpu_only)
		printf(DL(env, "CPU %d과 CPU %d에 고정 확인됨\n", "pinned to CPU %d and CPU %d, confirmed\n"),
		       m->cpu[0], m->cpu[1]);
	else
		printf(DL(env, "CPU %d에 고정 확인됨\n", "pinned to CPU %d, confirmed\n"), m->cpu[0]);
}

static void
pipe_print(const struct demo_env *env, const struct pipe_opts *o, const struct pipe_machine *m,
           const struct pipe_result *r, const struct pipe_refs *ref, const struct pipe_split *sp)
{
	static const char *const lat_ko[] = { "파이프, CPU 1개", "소켓쌍, CPU 1개", "공유 메모리+futex",
	                                      "스레드+futex", "", "파이프, CPU 2개" };
	static const char *const lat_en[] = { "pipe, one CPU", "socketpair, one CPU", "shm + futex",
	                                      "threads + futex", "", "pipe, two CPUs" };
	static const int lat_order[] = {
		PIPE_LAT_PIPE, PIPE_LAT_SOCK, PIPE_LAT_SHM, PIPE_LAT_THREADS
	};
	char text[64], n[32], n2[32];
	double max = 0, copy_mibs = ref->memcpy_gibs * 1024 / 2;
	int i, lw = 0;

	for (i = 0; i < 6; i++)
		if (report_width(DL(env, lat_ko[i], lat_en[i])) > lw)
			lw = report_width(DL(env, lat_ko[i], lat_en[i]));
	if (lw < 14)
		lw = 14;

	snprintf(text, sizeof text, DL(env, "지연: CPU 하나에서 1바이트 왕복 (%s회)",
	                                    "Latency: a 1-byte round trip on one CPU (%s round trips)"),
	         report_count(n, sizeof n, o->round_trips));
	report_heading(env, text);
	for (i = 0; i < 4; i++)
		if (r[lat_order[i]].value > max)
			max = r[lat_order[i]].value;
	for (i = 0; i < 4; i++) {
		const struct pipe_result *x = &r[lat_order[i]];

		snprintf(text, sizeof text, "%7.2f µs", x->value);
		report_bar(env, DL(env, lat_ko[lat_order[i]], lat_en[lat_order[i]]), lw, x->value, max,
		           text);
	}

	report_heading(env, DL(env, "지연: CPU 두 개 사이의 파이프 왕복", "Latency: a pipe round trip across two CPUs"));
	if (r[PIPE_LAT_PIPE_X].done) {
		const struct pipe_result *one = &r[PIPE_LAT_PIPE], *two = &r[PIPE_LAT_PIPE_X];

		max = two->value > one->value ? two->value : one->value;
		snprintf(text, sizeof text, "%7.2f µs", one->value);
		report_bar(env, DL(env, lat_ko[PIPE_LAT_PIPE], lat_en[PIPE_LAT_PIPE]), lw, one->value, max, text);
		snprintf(text, sizeof text, "%7.2f µs", two->value);
		report_bar(env, DL(env, lat_ko[PIPE_LAT_PIPE_X], lat_en[PIPE_LAT_PIPE_X]), lw, two->value, max,
		           text);
		printf(DL(env, "  (CPU %d ↔ CPU %d, %s회)\n", "  (CPU %d ↔ CPU %d, %s round trips)\n"),
		       r[PIPE_LAT_PIPE_X].cpu[0], r[PIPE_LAT_PIPE_X].cpu[1],
		       report_count(n2, sizeof n2, r[PIPE_LAT_PIPE_X].n));
	} else {
		printf("  %s\n", m->nallowed < 2
		       ? DL(env, "건너뜀: 사용 가능한 CPU가 하나뿐입니다", "skipped: only one CPU is usable")
		       : DL(env, "건너뜀: --same-cpu-only", "skipped: --same-cpu-only"));
	}

	report_heading(env, DL(env, "처리량: 64 KiB write", "Throughput: 64 KiB writes"));
	max = copy_mibs;
	if (r[PIPE_TPUT].value > max)
		max = r[PIPE_TPUT].value;
	if (r[PIPE_TPUT_X].done && r[PIPE_TPUT_X].value > max)
		max = r[PIPE_TPUT_X].value;
	snprintf(text, sizeof text, "%7s MiB/s", report_count(n, sizeof n, (long long)(r[PIPE_TPUT].value + 0.5)));
	report_bar(env, DL(env, "파이프, CPU 1개", "pipe, one CPU"), lw, r[PIPE_TPUT].value, max, text);
	if (r[PIPE_TPUT_X].done) {
		snprintf(text, sizeof text, "%7s MiB/s",
		         report_count(n, sizeof n, (long long)(r[PIPE_TPUT_X].value + 0.5)));
		report_bar(env, DL(env, "파이프, CPU 2개", "pipe, two CPUs"), lw, r[PIPE_TPUT_X].value, max, text);
	}
	snprintf(text, sizeof text, "%7s MiB/s", report_count(n, sizeof n, (long long)(copy_mibs + 0.5)));
	report_bar(env, DL(env, "복사만 두 번", "two copies only"), lw, copy_mibs, max, text);
	printf(DL(env, "  (%ld MiB씩; 복사만 두 번: 잰 memcpy 속도 %.1f GiB/s의 절반)\n",
	              "  (%ld MiB each; two copies only: half the measured memcpy speed, %.1f GiB/s)\n"),
	       o->mib, ref->memcpy_gibs);

	report_heading(env, DL(env, "시간이 드는 곳: 1바이트 왕복, CPU 1개",
	                            "Where the time goes: a 1-byte round trip, one CPU"));
	{
		const char *l1 = DL(env, "커널 진입·복귀 ×4", "kernel entry/exit ×4");
		const char *l2 = DL(env, "파이프 처리", "pipe work");
		const char *l3 = DL(env, "깨우기+교환 ×2", "wake-up + switch ×2");
		int w = report_width(l1);

		if (report_width(l3) > w)
			w = report_width(l3);
		snprintf(text, sizeof text, "%6.2f µs", sp->lat_syscalls);
		report_bar(env, l1, w, sp->lat_syscalls, r[PIPE_LAT_PIPE].value, text);
		snprintf(text, sizeof text, "%6.2f µs", sp->lat_pipe);
		report_bar(env, l2, w, sp->lat_pipe, r[PIPE_LAT_PIPE].value, text);
		snprintf(text, sizeof text, "%6.2f µs", sp->lat_switches);
		report_bar(env, l3, w, sp->lat_switches, r[PIPE_LAT_PIPE].value, text);
		printf(DL(env, "  빈 시스템 호출 %.0f ns, 한 태스크 안의 write+read %.2f µs로 나눈 값\n",
		              "  from a null system call, %.0f ns, and write+read within one task, %.2f µs\n"),
		       ref->syscall_ns, ref->calls_ns / 1000.0);
	}

	snprintf(text, sizeof text, DL(env, "시간이 드는 곳: %ld MiB 스트림, CPU 1개 (추정)",
	                                    "Where the time goes: %ld MiB stream, one CPU (estimate)"), o->mib);
	report_heading(env, text);
	{
		const char *lab[4] = { DL(env, "복사 (memcpy로 환산)", "copies (at memcpy speed)"),
		                       DL(env, "시스템 호출 진입·복귀", "syscall entry/exit"),
		                       DL(env, "문맥 교환", "context switches"),
		                       DL(env, "나머지", "the rest") };
		double v[4] = { sp->copies, sp->syscalls, sp->switches, sp->other };
		int w = 0;

		for (i = 0; i < 4; i++)
			if (report_width(lab[i]) > w)
				w = report_width(lab[i]);
		for (i = 0; i < 4; i++) {
			snprintf(text, sizeof text, "%7.1f ms %3.0f%%", v[i], sp->total > 0 ? 100 * v[i] / sp->total : 0);
			report_bar(env, lab[i], w, v[i] > 0 ? v[i] : 0, sp->total, text);
		}
		printf(DL(env, "  잰 전체 %.1f ms: write %s번, read %s번,\n  교환 %s번 (교환당 %.2f µs로 계산)\n",
		              "  measured total %.1f ms: %s writes, %s reads,\n  %s switches (at %.2f µs each)\n"),
		       sp->total, report_count(n, sizeof n, r[PIPE_TPUT].calls[1]),
		       report_count(n2, sizeof n2, r[PIPE_TPUT].calls[0]),
		       report_count(text, sizeof text, r[PIPE_TPUT].switches), sp->switch_us);
		if (sp->other < 0)
			printf("  %s\n", DL(env, "추정치의 합이 잰 전체보다 큽니다: 각 추정이 조금씩 큰 것입니다",
			                         "the estimates add up to more than the total: each runs a little high"));
	}
}

static void
pipe_explain(const struct demo_env *env, const struct pipe_machine *m,
             const struct pipe_result *r, const struct pipe_split *sp)
{
	char line[1400];
	double lat = r[PIPE_LAT_PIPE].value;

	report_heading(env, DL(env, "무엇을 보여 주나", "What it shows"));
	if (!r[PIPE_LAT_PIPE].pinned || !r[PIPE_TPUT].pinned)
		report_paragraph(env, DL(env,
			"CPU 고정이 확인되지 않았습니다. 아래 설명은 고정됐다는 전제로 합니다.",
			"Pinning was not confirmed; what follows assumes it held."));
	snprintf(line, sizeof line, DL(env,
		"작은 메시지의 왕복 %.2f µs 중 %.0f%%는 데이터를 옮기는 일이 아니라 잠든 쪽을 깨우고 "
		"CPU를 넘겨주는 문맥 교환입니다. 1바이트 복사는 거의 공짜입니다. 그래서 소켓쌍, "
		"공유 메모리+futex, 스레드의 왕복이 파이프와 크게 다르지 않습니다(%.2f, %.2f, %.2f µs). "
		"모두 기다리는 쪽을 재우고 깨워야 하기 때문입니다. 소켓은 파이프처럼 커널 버퍼를 "
		"거치는 바이트 스트림이고 계층이 더 많습니다. 공유 메모리는 데이터를 커널로 옮기지 "
		"않지만 알림에는 여전히 futex 시스템 호출과 교환이 듭니다. 스레드는 메모리를 이미 "
		"공유하니 IPC가 필요 없고, 프로세스와의 차이는 주소 공간 전환뿐입니다.",
		"Of the %.2f µs round trip for a small message, %.0f%% is not moving data but "
		"waking the sleeping side and handing it the CPU: a context switch. Copying one "
		"byte is nearly free. That is why a socketpair, shared memory with a futex and "
		"two threads come out close to the pipe (%.2f, %.2f and %.2f µs): each must put "
		"the waiting side to sleep and wake it. A socket is a byte stream through a "
		"kernel buffer like a pipe, with more layers. Shared memory moves no data "
		"through the kernel, but the notification still costs futex system calls and a "
		"switch. Threads share memory already and need no IPC; what separates them from "
		"processes is only the address-space switch."),
		lat, lat > 0 ? 100 * sp->lat_switches / lat : 0,
		r[PIPE_LAT_SOCK].value, r[PIPE_LAT_SHM].value, r[PIPE_LAT_THREADS].value);
	report_paragraph(env, line);
	if (sp->other >= 0)
		snprintf(line, sizeof line, DL(env,
			"큰 데이터에서는 그림이 바뀝니다. 파이프는 모든 바이트를 두 번 복사합니다: 보내는 "
			"쪽 버퍼에서 커널의 파이프 페이지로, 거기서 받는 쪽 버퍼로. 64 KiB마다 write와 "
			"read가 한 번씩이라 시스템 호출 비용은 얇게 나뉩니다. 위 추정에서 복사는 캐시 안에서 "
			"도는 memcpy 속도로 쳐도 %.0f%%입니다(실제로는 새 파이프 페이지를 건드리므로 이는 "
			"하한입니다). 교환이 %.0f%%, 나머지 %.0f%%는 파이프 자체의 관리 일입니다: 4 KiB마다 "
			"페이지를 내주고 읽힌 뒤 거둬들이기, 잠금, 깨우기. 공유 메모리가 큰 데이터에 유리한 "
			"것은 커널을 거치는 복사를 건너뛰기 때문입니다: 한 번만 복사하거나, 받는 쪽이 "
			"제자리에서 읽으면 아예 복사하지 않습니다.",
			"With bulk data the picture changes. A pipe copies every byte twice, from the "
			"sender's buffer into the kernel's pipe pages and from there into the "
			"receiver's, and one write and one read per 64 KiB spread the system-call cost "
			"thin. In the estimate above the copies take %.0f%% even at the speed of a "
			"memcpy that stays in cache (the real ones touch fresh pipe pages, so this is a "
			"lower bound); switches take %.0f%%, and the rest, %.0f%%, is the pipe's own "
			"bookkeeping: handing out a page for every 4 KiB written and taking it back once "
			"read, locking, waking. Shared memory wins for bulk data because it skips the "
			"copies through the kernel: one copy, or none when the reader works on the data "
			"in place."),
			100 * sp->copies / sp->total, 100 * sp->switches / sp->total,
			100 * sp->other / sp->total);
	else
		snprintf(line, sizeof line, DL(env,
			"큰 데이터에서는 그림이 바뀝니다. 파이프는 모든 바이트를 두 번 복사합니다: 보내는 "
			"쪽 버퍼에서 커널의 파이프 페이지로, 거기서 받는 쪽 버퍼로. 64 KiB마다 write와 "
			"read가 한 번씩이라 시스템 호출 비용은 얇게 나뉩니다. 위 추정에서 복사가 %.0f%%, "
			"교환이 %.0f%%입니다. 공유 메모리가 큰 데이터에 유리한 것은 커널을 거치는 복사를 "
			"건너뛰기 때문입니다: 한 번만 복사하거나, 받는 쪽이 제자리에서 읽으면 아예 복사하지 "
			"않습니다.",
			"With bulk data the picture changes. A pipe copies every byte twice, from the "
			"sender's buffer into the kernel's pipe pages and from there into the "
			"receiver's, and one write and one read per 64 KiB spread the system-call cost "
			"thin. In the estimate above copies take %.0f%% and switches %.0f%%. Shared "
			"memory wins for bulk data because it skips the copies through the kernel: one "
			"copy, or none when the reader works on the data in place."),
			sp->total > 0 ? 100 * sp->copies / sp->total : 0,
			sp->total > 0 ? 100 * sp->switches / sp->total : 0);
	report_paragraph(env, line);

	if (r[PIPE_LAT_PIPE_X].done && r[PIPE_TPUT_X].done) {
		double rl = r[PIPE_LAT_PIPE_X].value / lat;
		double rt = r[PIPE_TPUT_X].value / r[PIPE_TPUT].value;
		double wake_ms = (double)r[PIPE_TPUT_X].vol * r[PIPE_LAT_PIPE_X].value / 2 / 1000;
		char n[32];
		size_t k;

		snprintf(line, sizeof line, DL(env,
			"두 프로세스를 다른 CPU에 두면 왕복 지연은 %.2f µs로 %.1f배가 됩니다. 기다리는 "
			"CPU가 쉬는 상태라 프로세서 간 인터럽트로 깨워야 하고, 깨어나는 시간까지 더해지기 "
			"때문입니다. ",
			"With the two processes on different CPUs the round trip takes %.2f µs, %.1f "
			"times as long: the waiting CPU idles and must be woken by an inter-processor "
			"interrupt, and its time to wake up adds on. "),
			r[PIPE_LAT_PIPE_X].value, rl);
		k = strlen(line);
		if (rt > 1.1)
			snprintf(line + k, sizeof line - k, DL(env,
				"처리량은 오히려 %.2f배입니다. 쓰는 쪽이 파이프를 채우는 동안 받는 쪽이 다른 "
				"CPU에서 비우니 두 복사가 겹치고, 교환도 덜 필요합니다.",
				"Throughput is %.2f times as high: while the writer fills the pipe, the "
				"reader drains it on the other CPU, so the two copies overlap and fewer "
				"switches are needed."), rt);
		else if (rt < 0.9)
			snprintf(line + k, sizeof line - k, DL(env,
				"처리량은 %.2f배로 떨어집니다. 한 CPU의 캐시에 쓰인 데이터를 다른 CPU가 가져와야 "
				"하고, 무엇보다 깨우기를 기다립니다. CPU 하나에서는 받는 쪽이 복사할 때 데이터가 "
				"아직 같은 캐시에 있습니다.",
				"Throughput drops to %.2f times: data written into one CPU's cache must be "
				"fetched by the other, and above all each side waits to be woken. On one "
				"CPU the data is still in the same cache when the reader copies it out."), rt);
		else
			snprintf(line + k, sizeof line - k, DL(env,
				"처리량은 %.2f배로 거의 같습니다. 복사가 겹쳐서 얻는 것과 데이터가 CPU 사이를 "
				"옮겨 다니며 잃는 것이 비슷합니다.",
				"Throughput is about the same, %.2f times: what overlapping the copies "
				"gains, moving the data between CPUs' caches costs."), rt);
		k = strlen(line);
		snprintf(line + k, sizeof line - k, DL(env,
			" 스트림에서 어느 한쪽이 잠들었다 깨어난 것이 %s번이고, 깨우기 한 번에 CPU 2개 왕복의 "
			"절반쯤(%.1f µs)이 든다고 치면 그것만으로 %.0f ms 중 약 %.0f ms입니다.",
			" In the stream one side or the other went to sleep and had to be woken %s "
			"times; at about half the cross-CPU round trip per wake-up (%.1f µs), that "
			"alone is about %.0f ms of the %.0f ms."),
			report_count(n, sizeof n, r[PIPE_TPUT_X].vol), r[PIPE_LAT_PIPE_X].value / 2,
			env->lang == 1 ? wake_ms : r[PIPE_TPUT_X].ns / 1e6,
			env->lang == 1 ? r[PIPE_TPUT_X].ns / 1e6 : wake_ms);
		report_paragraph(env, line);
	} else if (m->nallowed < 2) {
		report_paragraph(env, DL(env,
			"CPU가 하나뿐이라 두 CPU 사이는 재지 않았습니다. JSON에도 지어낸 값 대신 null을 둡니다.",
			"With only one CPU nothing was measured across CPUs; the JSON carries null "
			"rather than a made-up figure."));
	}
}

static cJSON *
pipe_json_result(const struct pipe_result *r, int stream)
{
	cJSON *o;

	if (!r->done)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	if (stream) {
		cJSON_AddNumberToObject(o, "bytes", (double)r->n);
		cJSON_AddNumberToObject(o, "mibs", r->value);
		cJSON_AddNumberToObject(o, "reads", (double)r->calls[0]);
		cJSON_AddNumberToObject(o, "writes", (double)r->calls[1]);
		cJSON_AddNumberToObject(o, "switches", (double)r->switches);
	} else {
		cJSON_AddNumberToObject(o, "round_trips", (double)r->n);
		cJSON_AddNumberToObject(o, "rtt_us", r->value);
		cJSON_AddNumberToObject(o, "switches_per_rtt", (double)r->switches / (double)r->n);
	}
	cJSON_AddNumberToObject(o, "ms", r->ns / 1e6);
	cJSON_AddNumberToObject(o, "voluntary_switches", (double)r->vol);
	cJSON_AddNumberToObject(o, "cpu_a", r->cpu[0]);
	cJSON_AddNumberToObject(o, "cpu_b", r->cpu[1]);
	cJSON_AddBoolToObject(o, "pinned", r->pinned);
	return o;
}

static void
pipe_json_num(cJSON *o, const char *key, const struct pipe_result *r)
{
	if (r->done)
		cJSON_AddNumberToObject(o, key, r->value);
	else
		cJSON_AddNullToObject(o, key);
}

static cJSON *
pipe_json(const struct pipe_opts *o, const struct pipe_machine *m, const struct pipe_result *r,
          const struct pipe_refs *ref, const struct pipe_split *sp)
{
	cJSON *root = cJSON_CreateObject(), *p, *mach, *lat, *tp, *rf, *br, *d;
	int pinned = 1, i;

	if (root == NULL)
		return NULL;
	for (i = 0; i < PIPE_RUN_N; i++)
		if (r[i].done && i != PIPE_LAT_PIPE_X && i != PIPE_TPUT_X)
			pinned = pinned && r[i].pinned;
	cJSON_AddStringToObject(root, "demo", "pipe");
	p = cJSON_AddObjectToObject(root, "params");
	cJSON_AddNumberToObject(p, "round_trips", (double)o->round_trips);
	cJSON_AddNumberToObject(p, "cross_cpu_round_trips", r[PIPE_LAT_PIPE_X].done ? (double)r[PIPE_LAT_PIPE_X].n : 0);
	cJSON_AddNumberToObject(p, "warmup", PIPE_WARMUP);
	cJSON_AddNumberToObject(p, "mib", (double)o->mib);
	cJSON_AddNumberToObject(p, "write_bytes", PIPE_CHUNK);
	cJSON_AddNumberToObject(p, "warmup_bytes", (double)PIPE_WARMUP_BYTES);
	cJSON_AddBoolToObject(p, "same_cpu_only", o->same_cpu_only);

	mach = cJSON_AddObjectToObject(root, "machine");
	cJSON_AddNumberToObject(mach, "online_cpus", m->online);
	cJSON_AddNumberToObject(mach, "usable_cpus", m->nallowed);
	cJSON_AddNumberToObject(mach, "cpu", m->cpu[0]);
	cJSON_AddBoolToObject(mach, "pinned", pinned);
	if (r[PIPE_LAT_PIPE_X].done) {
		cJSON_AddNumberToObject(mach, "cross_cpu", m->cpu[1]);
		cJSON_AddBoolToObject(mach, "cross_cpu_pinned", r[PIPE_LAT_PIPE_X].pinned && r[PIPE_TPUT_X].pinned);
	} else {
		cJSON_AddNullToObject(mach, "cross_cpu");
		cJSON_AddNullToObject(mach, "cross_cpu_pinned");
	}

	lat = cJSON_AddObjectToObject(root, "latency");
	cJSON_AddItemToObject(lat, "pipe_same_cpu", pipe_json_result(&r[PIPE_LAT_PIPE], 0));
	cJSON_AddItemToObject(lat, "pipe_cross_cpu", pipe_json_result(&r[PIPE_LAT_PIPE_X], 0));
	cJSON_AddItemToObject(lat, "socketpair", pipe_json_result(&r[PIPE_LAT_SOCK], 0));
	cJSON_AddItemToObject(lat, "shm_futex", pipe_json_result(&r[PIPE_LAT_SHM], 0));
	cJSON_AddItemToObject(lat, "threads_futex", pipe_json_result(&r[PIPE_LAT_THREADS], 0));
	tp = cJSON_AddObjectToObject(root, "throughput");
	cJSON_AddItemToObject(tp, "same_cpu", pipe_json_result(&r[PIPE_TPUT], 1));
	cJSON_AddItemToObject(tp, "cross_cpu", pipe_json_result(&r[PIPE_TPUT_X], 1));
	rf = cJSON_AddObjectToObject(root, "reference");
	cJSON_AddNumberToObject(rf, "memcpy_gibs", ref->memcpy_gibs);
	cJSON_AddNumberToObject(rf, "syscall_ns", ref->syscall_ns);
	cJSON_AddNumberToObject(rf, "pipe_write_read_ns", ref->calls_ns);
	br = cJSON_AddObjectToObject(root, "breakdown");
	cJSON_AddNumberToObject(br, "rtt_syscalls_us", sp->lat_syscalls);
	cJSON_AddNumberToObject(br, "rtt_pipe_work_us", sp->lat_pipe);
	cJSON_AddNumberToObject(br, "rtt_switches_us", sp->lat_switches);
	cJSON_AddNumberToObject(br, "stream_total_ms", sp->total);
	cJSON_AddNumberToObject(br, "stream_copies_ms", sp->copies);
	cJSON_AddNumberToObject(br, "stream_syscalls_ms", sp->syscalls);
	cJSON_AddNumberToObject(br, "stream_switches_ms", sp->switches);
	cJSON_AddNumberToObject(br, "stream_other_ms", sp->other);

	d = cJSON_AddObjectToObject(root, "derived");
	pipe_json_num(d, "latency_same_cpu_us", &r[PIPE_LAT_PIPE]);
	pipe_json_num(d, "latency_cross_cpu_us", &r[PIPE_LAT_PIPE_X]);
	pipe_json_num(d, "throughput_same_cpu_mibs", &r[PIPE_TPUT]);
	pipe_json_num(d, "throughput_cross_cpu_mibs", &r[PIPE_TPUT_X]);
	pipe_json_num(d, "socketpair_latency_us", &r[PIPE_LAT_SOCK]);
	pipe_json_num(d, "shm_latency_us", &r[PIPE_LAT_SHM]);
	pipe_json_num(d, "thread_latency_us", &r[PIPE_LAT_THREADS]);
	cJSON_AddNumberToObject(d, "memcpy_gibs", ref->memcpy_gibs);
	cJSON_AddNumberToObject(d, "syscall_ns", ref->syscall_ns);
	cJSON_AddNumberToObject(d, "switch_us", sp->switch_us);
	cJSON_AddNumberToObject(d, "switches_per_rtt",
	                        (double)r[PIPE_LAT_PIPE].switches / (double)r[PIPE_LAT_PIPE].n);
	cJSON_AddNumberToObject(d, "copies_pct", sp->total > 0 ? 100 * sp->copies / sp->total : 0);
	cJSON_AddBoolToObject(d, "pinned", pinned);
	return root;
}

static int
pipe_main(int argc, char **argv, const struct demo_env *env)
{
	static const struct { int how, stream, cross; const char *ko, *en; } plan[PIPE_RUN_N] = {
		[PIPE_LAT_PIPE] = { PIPE_PIPE, 0, 0, "파이프 핑퐁", "pipe ping-pong" },
		[PIPE_LAT_SOCK] = { PIPE_SOCKETPAIR, 0, 0, "소켓쌍 핑퐁", "socketpair ping-pong" },
		[PIPE_LAT_SHM] = { PIPE_SHM, 0, 0, "공유 메모리 핑퐁", "shared-memory ping-pong" },
		[PIPE_LAT_THREADS] = { PIPE_THREADS, 0, 0, "스레드 핑퐁", "thread ping-pong" },
		[PIPE_TPUT] = { PIPE_PIPE, 1, 0, "파이프 스트림", "pipe stream" },
		[PIPE_LAT_PIPE_X] = { PIPE_PIPE, 0, 1, "CPU 2개 핑퐁", "ping-pong across CPUs" },
		[PIPE_TPUT_X] = { PIPE_PIPE, 1, 1, "CPU 2개 스트림", "stream across CPUs" },
	};
	struct pipe_opts o;
	struct pipe_machine m;
	struct pipe_result r[PIPE_RUN_N];
	struct pipe_refs ref;
	struct pipe_split sp;
	struct pipe_job *j;
	cpu_set_t saved;
	int i, rc = 0, cross;

	if (pipe_parse(argc, argv, &o) != 0)
		return 2;
	signal(SIGPIPE, SIG_IGN);    /* a vanished peer is an error, not a death */
	pipe_machine_read(&m);
	cross = m.cross && !o.same_cpu_only;
	memset(r, 0, sizeof r);
	memset(&sp, 0, sizeof sp);
	j = mmap(NULL, sizeof *j, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (j == MAP_FAILED) {
		report_error("pipe", "cannot map shared memory: %s", strerror(errno));
		return 1;
	}
	CPU_ZERO(&saved);
	sched_getaffinity(0, sizeof saved, &saved);

	/* the references, on the CPU the one-CPU runs use */
	progress_update(env, DL(env, "기준값 재는 중", "measuring references"), 0);
	pipe_pin(m.cpu[0]);
	ref.syscall_ns = pipe_syscall_ns(200000);
	ref.calls_ns = pipe_calls_ns(100000);
	ref.memcpy_gibs = pipe_memcpy_gibs();
	if (ref.calls_ns < 0 || ref.memcpy_gibs < 0) {
		progress_done(env);
		report_error("pipe", "cannot measure the references: %s", strerror(errno));
		rc = 1;
		goto out;
	}
	if (!env->json) {
		struct pipe_result dry;

		/* a short dry run checks the pinning before the intro claims it */
		if (pipe_run_one(j, PIPE_PIPE, 0, 10, m.cpu[0], m.cpu[0], &dry) != 0) {
			rc = 1;
			goto out;
		}
		progress_done(env);
		pipe_intro(env, &o, &m, dry.pinned);
		fflush(stdout);
	}
	for (i = 0; i < PIPE_RUN_N; i++) {
		long long n;

		if (plan[i].cross && !cross)
			continue;
		progress_update(env, DL(env, plan[i].ko, plan[i].en),
		                (double)(i + 1) / (PIPE_RUN_N + 1));
		if (plan[i].stream)
			n = (long long)o.mib << 20;
		else
			n = plan[i].cross && o.round_trips > PIPE_CROSS_MAX ? PIPE_CROSS_MAX
			                                                    : o.round_trips;
		if (pipe_run_one(j, (enum pipe_how)plan[i].how, plan[i].stream, n, m.cpu[0],
		                 plan[i].cross ? m.cpu[1] : m.cpu[0], &r[i]) != 0) {
			progress_done(env);
			rc = 1;
			goto out;
		}
	}
	progress_done(env);
	pipe_split(r, &ref, &sp);

	if (env->json) {
		if (report_json_print(pipe_json(&o, &m, r, &ref, &sp)) != 0)
			rc = 1;
	} else {
		pipe_print(env, &o, &m, r, &ref, &sp);
		pipe_explain(env, &m, r, &sp);
	}
out:
	sched_setaffinity(0, sizeof saved, &saved);
	munmap(j, sizeof *j);
	return rc;
}

const struct demo demo_pipe = {
	.name = "pipe",
	.summary = { "파이프 IPC의 지연과 처리량, 소켓·공유 메모리·스레드와 비교",
	             "IPC through a pipe: latency and throughput vs socket, shm, threads" },
	.usage = "demo pipe [--round-trips N] [--mib N] [--same-cpu-only]",
	.help = {
		"--round-trips N  지연을 잴 1바이트 왕복 수 (기본 20,000; CPU 2개는 최대 5,000)\n"
		"--mib N          처리량을 잴 때 보낼 양, MiB (기본 256, 1-65,536)\n"
		"--same-cpu-only  CPU 두 개에 나눈 측정은 건너뜀\n",
		"--round-trips N  1-byte round trips for latency (default 20,000; at most 5,000\n"
		"                 across CPUs)\n"
		"--mib N          MiB to send for throughput (default 256, 1-65,536)\n"
		"--same-cpu-only  skip the runs across two CPUs\n",
	},
	.main = pipe_main,
	.source = demo_pipe_source,
};
