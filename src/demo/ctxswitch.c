/*
 * ctxswitch.c: the context-switch demo. Two tasks bounce one byte back and
 * forth through two pipes with both pinned to one CPU, so each round trip
 * is exactly two switches: A blocks in read and B runs, B blocks and A
 * runs. The round trip minus the same pipe calls made inside one task,
 * halved, is what one switch costs. It is measured between two processes
 * and between two threads of one process, then once with the two on
 * different CPUs, where the figure is wake-up latency instead.
 *
 * The part between the core markers is what `demo ctxswitch --source`
 * prints.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <stdio.h>
#include <sys/utsname.h>

#include <cjson/cJSON.h>

#include "demo.h"
#include "report.h"

/* osprep:core-begin */

enum ctxswitch_kind { CTXSWITCH_PROCESS, CTXSWITCH_THREAD };

/* One side of the ping-pong: where it ran and how often it left the CPU. */
struct ctxswitch_side {
	int cpu;              /* the CPU it pins itself to */
	int pinned;           /* sched_setaffinity took and sched_getcpu agrees */
	long voluntary;       /* ru_nvcsw over the timed round trips: it blocked */
	long involuntary;     /* ru_nivcsw: it was preempted */
	int err;              /* errno of a failed call, 0 if none */
};

/*
 * One measurement. It lives in a MAP_SHARED mapping, so a forked child
 * writes its side's figures where the parent reads them.
 */
struct ctxswitch_run {
	int ping[2];          /* pipe A -> B */
	int pong[2];          /* pipe B -> A */
	long warmup;          /* untimed round trips first */
	long round_trips;     /* then the timed ones */
	struct ctxswitch_side side[2];
	long long ns;         /* A's clock over the timed round trips */
};

static long long
ctxswitch_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Pin the calling thread to one CPU; 1 when the kernel confirms it. */
static int
ctxswitch_pin(int cpu)
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
ctxswitch_put(int fd, char c)
{
	ssize_t n;

	while ((n = write(fd, &c, 1)) < 0 && errno == EINTR)
		;
	return n == 1 ? 0 : -1;
}

static int
ctxswitch_get(int fd, char *c)
{
	ssize_t n;

	while ((n = read(fd, c, 1)) < 0 && errno == EINTR)
		;
	if (n == 0)
		errno = EPIPE;    /* the other side is gone */
	return n == 1 ? 0 : -1;
}

/*
 * n round trips. A writes a byte and waits for it to come back; B waits
 * for it and writes it back. Whoever waits in read() blocks, and the
 * scheduler switches to the other, which is runnable and on the same CPU.
 */
static int
ctxswitch_bounce(const struct ctxswitch_run *r, int who, long n)
{
	int out = who == 0 ? r->ping[1] : r->pong[1];
	int in = who == 0 ? r->pong[0] : r->ping[0];
	char c = 'x';
	long i;

	for (i = 0; i < n; i++) {
		if (who == 0 && ctxswitch_put(out, c) != 0)
			return -1;
		if (ctxswitch_get(in, &c) != 0)
			return -1;
		if (who == 1 && ctxswitch_put(out, c) != 0)
			return -1;
	}
	return 0;
}

/* One side's whole part: pin, warm up, then count switches around the timed run. */
static void
ctxswitch_side_run(struct ctxswitch_run *r, int who)
{
	struct ctxswitch_side *s = &r->side[who];
	struct rusage r0, r1;
	long long t0;

	s->pinned = ctxswitch_pin(s->cpu);
	if (ctxswitch_bounce(r, who, r->warmup) != 0)
		goto fail;
	getrusage(RUSAGE_THREAD, &r0);
	t0 = ctxswitch_now_ns();
	if (ctxswitch_bounce(r, who, r->round_trips) != 0)
		goto fail;
	if (who == 0)
		r->ns = ctxswitch_now_ns() - t0;
	getrusage(RUSAGE_THREAD, &r1);
	s->voluntary = r1.ru_nvcsw - r0.ru_nvcsw;
	s->involuntary = r1.ru_nivcsw - r0.ru_nivcsw;
	return;
fail:
	s->err = errno != 0 ? errno : EIO;
}

static void *
ctxswitch_thread_b(void *arg)
{
	ctxswitch_side_run(arg, 1);
	return NULL;
}

/*
 * Run side A here and side B in a new process or a new thread. Returns 0
 * when both sides finished, -1 with errno set otherwise.
 */
static int
ctxswitch_measure(struct ctxswitch_run *r, enum ctxswitch_kind kind)
{
	pid_t parent = getpid(), pid;
	pthread_t b;
	int status, err, b_ends_open = 1;

	if (pipe(r->ping) != 0)
		return -1;
	if (pipe(r->pong) != 0) {
		close(r->ping[0]);
		close(r->ping[1]);
		return -1;
	}
	if (kind == CTXSWITCH_THREAD) {
		err = pthread_create(&b, NULL, ctxswitch_thread_b, r);
		if (err == 0) {
			ctxswitch_side_run(r, 0);
			if (r->side[0].err != 0)
				pthread_cancel(b);    /* B may wait for a byte that never comes */
			pthread_join(b, NULL);
		}
	} else {
		err = (pid = fork()) < 0 ? errno : 0;
		if (pid == 0) {
			/* the grandchild: die with the demo, keep only B's pipe ends */
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() != parent)
				_exit(1);
			close(r->ping[1]);
			close(r->pong[0]);
			ctxswitch_side_run(r, 1);
			_exit(0);
		}
		if (pid > 0) {
			/* if B dies, A's read sees end of file instead of waiting forever */
			close(r->ping[0]);
			close(r->pong[1]);
			b_ends_open = 0;    /* not in *r: B reads the numbers from there */
			ctxswitch_side_run(r, 0);
			if (r->side[0].err != 0)
				kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
		}
	}
	close(r->ping[1]);
	close(r->pong[0]);
	if (b_ends_open) {
		close(r->ping[0]);
		close(r->pong[1]);
	}
	if (err == 0)
		err = r->side[0].err != 0 ? r->side[0].err : r->side[1].err;
	if (err != 0) {
		errno = err;
		return -1;
	}
	return 0;
}

/*
 * The same pipe calls without a switch: one task writes a byte to a pipe
 * and reads it straight back. A round trip makes this pair of calls twice.
 */
static double
ctxswitch_pipe_calls_ns(long n)
{
	int p[2], ok = 1;
	char c = 'x';
	long i;
	long long t0;
	double ns;

	if (pipe(p) != 0)
		return -1;
	for (i = 0; i < 1000 && ok; i++)          /* warm-up, untimed */
		ok = ctxswitch_put(p[1], c) == 0 && ctxswitch_get(p[0], &c) == 0;
	t0 = ctxswitch_now_ns();
	for (i = 0; i < n && ok; i++)
		ok = ctxswitch_put(p[1], c) == 0 && ctxswitch_get(p[0], &c) == 0;
	ns = (double)(ctxswitch_now_ns() - t0) / (double)n;
	close(p[0]);
	close(p[1]);
	return ok ? ns : -1;
}

/* osprep:core-end */

extern const char demo_ctxswitch_source[];
extern const struct demo demo_ctxswitch;

#define CTXSWITCH_WARMUP        1000
#define CTXSWITCH_MAX_REPEATS   9
#define CTXSWITCH_CROSS_MAX     10000    /* round trips across CPUs: each is slow */

struct ctxswitch_opts {
	long round_trips, repeats;
	int same_cpu_only;
};

/* What one kind of run measured: every repeat, then the summary. */
struct ctxswitch_result {
	int n;                        /* repeats done */
	double rtt_us[CTXSWITCH_MAX_REPEATS];
	double med_us, min_us, max_us;
	double switch_us;             /* (median round trip - 2 x pipe calls) / 2 */
	long long trips;              /* timed round trips over all repeats */
	long vol[2], invol[2];        /* switches counted by A and B, summed */
	double per_rtt;               /* (vol + invol) / trips, both sides */
	int pinned;                   /* every side of every repeat confirmed */
	int cpu[2];
};

struct ctxswitch_machine {
	int online, nallowed;
	int allowed[2];
	int cross;                    /* two CPUs usable: cross-CPU run possible */
	char arch[65];
	char kernel[65];
	int pcid;                     /* -1 unknown, 0 no, 1 yes */
	int pti;                      /* -1 unknown, 0 off, 1 on */
	char meltdown[128];           /* the kernel's own words, or "" */
	char ibpb[32];                /* IBPB on a switch between processes, or "" */
};

static int
ctxswitch_parse(int argc, char **argv, struct ctxswitch_opts *o)
{
	int i;

	o->round_trips = 100000;
	o->repeats = 3;
	o->same_cpu_only = 0;
	for (i = 1; i < argc; i++) {
		const char *v = NULL;
		int m;

		if ((m = report_opt(argc, argv, &i, "round-trips", &v)) != 0) {
			if (m < 0 || report_arg_long("ctxswitch", "round-trips", v, 1, 100000000,
			                             &o->round_trips) != 0)
				return -1;
		} else if ((m = report_opt(argc, argv, &i, "repeats", &v)) != 0) {
			if (m < 0 || report_arg_long("ctxswitch", "repeats", v, 1, CTXSWITCH_MAX_REPEATS,
			                             &o->repeats) != 0)
				return -1;
		} else if (report_opt(argc, argv, &i, "same-cpu-only", NULL) == 1) {
			o->same_cpu_only = 1;
		} else {
			report_error("ctxswitch", "unknown option \"%s\"", argv[i]);
			fprintf(stderr, "usage: %s\n", demo_ctxswitch.usage);
			return -1;
		}
	}
	return 0;
}

/* Is word a whole word of the first "flags" line of /proc/cpuinfo? -1: no such line */
static int
ctxswitch_cpu_flag(const char *word)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char *line = NULL, *p;
	size_t cap = 0, n = strlen(word);
	int found = -1;

	if (f == NULL)
		return -1;
	while (getline(&line, &cap, f) > 0) {
		if (strncmp(line, "flags", 5) != 0 || (p = strchr(line, ':')) == NULL)
			continue;
		found = 0;
		for (p++; (p = strstr(p, word)) != NULL; p += n)
			if (p[-1] == ' ' && (p[n] == ' ' || p[n] == '\n' || p[n] == '\0')) {
				found = 1;
				break;
			}
		break;
	}
	free(line);
	fclose(f);
	return found;
}

static void
ctxswitch_machine_read(struct ctxswitch_machine *m)
{
	struct utsname u;
	int cpus[64], n;
	FILE *f;

	memset(m, 0, sizeof *m);
	m->online = report_cpus_online();
	n = report_cpus(cpus, 64);
	m->nallowed = n;
	m->allowed[0] = n > 0 ? cpus[0] : 0;
	m->allowed[1] = n > 1 ? cpus[1] : m->allowed[0];
	m->cross = n >= 2;
	if (uname(&u) == 0) {
		snprintf(m->arch, sizeof m->arch, "%s", u.machine);
		snprintf(m->kernel, sizeof m->kernel, "%s", u.release);
	}
	m->pcid = ctxswitch_cpu_flag("pcid");
	m->pti = ctxswitch_cpu_flag("pti");
	f = fopen("/sys/devices/system/cpu/vulnerabilities/meltdown", "r");
	if (f != NULL) {
		if (fgets(m->meltdown, sizeof m->meltdown, f) != NULL)
			m->meltdown[strcspn(m->meltdown, "\n")] = '\0';
		fclose(f);
		/* "Mitigation: PTI" is the kernel's word on isolation, flag or not */
		if (strstr(m->meltdown, "PTI") != NULL)
			m->pti = 1;
		else if (m->pti < 0)
			m->pti = 0;
	}
	/* Spectre v2: a branch-predictor barrier that only a process switch pays */
	f = fopen("/sys/devices/system/cpu/vulnerabilities/spectre_v2", "r");
	if (f != NULL) {
		char line[512], *p;

		if (fgets(line, sizeof line, f) != NULL && (p = strstr(line, "IBPB: ")) != NULL) {
			p += 6;
			p[strcspn(p, ",;\n")] = '\0';
			snprintf(m->ibpb, sizeof m->ibpb, "%s", p);
		}
		fclose(f);
	}
}

static int
ctxswitch_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Fold one finished run into res. */
static void
ctxswitch_add(struct ctxswitch_result *res, const struct ctxswitch_run *r)
{
	int s;

	res->rtt_us[res->n++] = (double)r->ns / 1000.0 / (double)r->round_trips;
	res->trips += r->round_trips;
	for (s = 0; s < 2; s++) {
		res->vol[s] += r->side[s].voluntary;
		res->invol[s] += r->side[s].involuntary;
		res->cpu[s] = r->side[s].cpu;
	}
	res->pinned = (res->n == 1 || res->pinned) && r->side[0].pinned && r->side[1].pinned;
}

static void
ctxswitch_summarise(struct ctxswitch_result *res, double calls_ns)
{
	double v[CTXSWITCH_MAX_REPEATS];

	memcpy(v, res->rtt_us, sizeof v);
	qsort(v, (size_t)res->n, sizeof v[0], ctxswitch_cmp_double);
	res->med_us = res->n % 2 ? v[res->n / 2] : (v[res->n / 2 - 1] + v[res->n / 2]) / 2;
	res->min_us = v[0];
	res->max_us = v[res->n - 1];
	res->switch_us = (res->med_us - 2 * calls_ns / 1000.0) / 2;
	res->per_rtt = (double)(res->vol[0] + res->vol[1] + res->invol[0] + res->invol[1]) /
	               (double)res->trips;
}

/* Set up r for one run: A on cpu_a, B on cpu_b. */
static void
ctxswitch_prepare(struct ctxswitch_run *r, long trips, int cpu_a, int cpu_b)
{
	memset(r, 0, sizeof *r);
	r->warmup = CTXSWITCH_WARMUP;
	r->round_trips = trips;
	r->side[0].cpu = cpu_a;
	r->side[1].cpu = cpu_b;
}

static const char *
ctxswitch_yes_no(const struct demo_env *env, int v)
{
	return v < 0 ? DL(env, "알 수 없음", "unknown") : v ? DL(env, "있음", "yes") : DL(env, "없음", "no");
}

static void
ctxswitch_intro(const struct demo_env *env, const struct ctxswitch_opts *o,
                const struct ctxswitch_machine *m, int pinned)
{
	char n[32], w[32], line[1024];

	report_heading(env, DL(env, "문맥 교환 비용: CPU 하나에서 파이프 핑퐁",
	                            "Context-switch cost: pipe ping-pong on one CPU"));
	snprintf(line, sizeof line, DL(env,
		"두 태스크를 같은 CPU에 고정하고 파이프 두 개로 1바이트를 주고받습니다. "
		"한쪽이 read()에서 잠들어야 다른 쪽이 돌 수 있으니 왕복 한 번에 문맥 교환이 "
		"정확히 두 번 일어납니다. 프로세스 두 개와 한 프로세스의 스레드 두 개로 "
		"각각 %s회씩 %ld번 잽니다(먼저 %s회는 재지 않고 예열). "
		"지켜볼 것: 교환 한 번의 비용, 왕복당 교환 수가 2 근처인지, "
		"CPU가 둘일 때 왕복이 얼마나 길어지는지.",
		"Two tasks pinned to the same CPU pass one byte back and forth through two "
		"pipes. One can only run while the other sleeps in read(), so every round "
		"trip is exactly two context switches. It is timed %s round trips at a time, "
		"%ld times, between two processes and between two threads of one process "
		"(after %s untimed warm-up round trips). Watch for: the cost of one switch, "
		"whether the switches per round trip come out near 2, and how much longer a "
		"round trip gets across two CPUs."),
		report_count(n, sizeof n, o->round_trips), o->repeats,
		report_count(w, sizeof w, CTXSWITCH_WARMUP));
	report_paragraph(env, line);
	printf("\n  %s %d, %s %d; ", DL(env, "온라인 CPU", "online CPUs"), m->online,
	       DL(env, "사용 가능", "usable"), m->nallowed);
	if (pinned)
		printf(DL(env, "CPU %d에 고정 확인됨\n", "pinned to CPU %d, confirmed\n"), m->allowed[0]);
	else
		printf(DL(env, "CPU %d 고정 실패: 결과를 조심해서 읽으세요\n",
		          "pinning to CPU %d failed: read the results with care\n"), m->allowed[0]);
	printf("  %s %s, %s %s", DL(env, "PCID:", "PCID:"), ctxswitch_yes_no(env, m->pcid),
	       DL(env, "페이지 테이블 격리(PTI):", "page-table isolation (PTI):"),
	       m->pti < 0 ? DL(env, "알 수 없음", "unknown") : m->pti ? DL(env, "켜짐", "on") : DL(env, "꺼짐", "off"));
	if (m->meltdown[0] != '\0')
		printf(" (meltdown: %.40s)", m->meltdown);
	printf("\n");
}

static void
ctxswitch_print(const struct demo_env *env, const struct ctxswitch_opts *o,
                const struct ctxswitch_machine *m, const struct ctxswitch_result *proc,
                const struct ctxswitch_result *thr, const struct ctxswitch_result *cross,
                double calls_ns)
{
	const char *lp = DL(env, "프로세스", "processes"), *lt = DL(env, "스레드", "threads");
	const char *lc = DL(env, "CPU 두 개", "two CPUs"), *l1 = DL(env, "CPU 하나", "one CPU");
	char text[64], n[32];
	int lw = report_width(lp);
	double max;

	if (report_width(lt) > lw)
		lw = report_width(lt);
	if (report_width(lc) > lw)
		lw = report_width(lc);
	if (report_width(l1) > lw)
		lw = report_width(l1);

	snprintf(text, sizeof text, DL(env, "CPU 하나에서 왕복 시간 (%ld번 잰 것의 중앙값)",
	                                    "Round trip on one CPU (median of %ld runs)"), o->repeats);
	report_heading(env, text);
	max = proc->med_us > thr->med_us ? proc->med_us : thr->med_us;
	snprintf(text, sizeof text, "%7.2f µs", proc->med_us);
	report_bar(env, lp, lw, proc->med_us, max, text);
	snprintf(text, sizeof text, "%7.2f µs", thr->med_us);
	report_bar(env, lt, lw, thr->med_us, max, text);
	printf("  %s %.2f-%.2f µs, %s %.2f-%.2f µs\n", DL(env, "범위: 프로세스", "range: processes"),
	       proc->min_us, proc->max_us, DL(env, "스레드", "threads"), thr->min_us, thr->max_us);

	report_heading(env, DL(env, "CPU 두 개 사이의 왕복 (프로세스)", "Round trip across two CPUs (processes)"));
	if (cross->n > 0) {
		snprintf(text, sizeof text, "%7.2f µs", proc->med_us);
		report_bar(env, l1, lw, proc->med_us, cross->med_us, text);
		snprintf(text, sizeof text, "%7.2f µs", cross->med_us);
		report_bar(env, lc, lw, cross->med_us, cross->med_us, text);
		printf(DL(env, "  CPU %d ↔ CPU %d, %s회: 교환 비용이 아니라 깨우기 지연\n",
		          "  CPU %d ↔ CPU %d, %s round trips: wake-up latency, not switch cost\n"),
		       cross->cpu[0], cross->cpu[1], report_count(n, sizeof n, cross->trips));
	} else {
		printf("  %s\n", m->nallowed < 2
		       ? DL(env, "건너뜀: 사용 가능한 CPU가 하나뿐입니다", "skipped: only one CPU is usable")
		       : DL(env, "건너뜀: --same-cpu-only", "skipped: --same-cpu-only"));
	}

	report_heading(env, DL(env, "문맥 교환 한 번의 비용", "Cost of one switch"));
	printf(DL(env, "  = (왕복 - 2 × 한 태스크 안에서 write+read %.2f µs) / 2\n",
	              "  = (round trip - 2 × write+read within one task %.2f µs) / 2\n"),
	       calls_ns / 1000.0);
	max = proc->switch_us > thr->switch_us ? proc->switch_us : thr->switch_us;
	snprintf(text, sizeof text, "%7.2f µs", proc->switch_us);
	report_bar(env, lp, lw, proc->switch_us, max, text);
	snprintf(text, sizeof text, "%7.2f µs", thr->switch_us);
	report_bar(env, lt, lw, thr->switch_us, max, text);

	report_heading(env, DL(env, "왕복당 문맥 교환 수 (양쪽 getrusage 합)",
	                            "Switches per round trip (getrusage, both sides)"));
	{
		const struct ctxswitch_result *rs[3] = { proc, thr, cross };
		const char *ls[3] = { lp, lt, lc };
		int i;

		for (i = 0; i < 3; i++) {
			double v;

			if (rs[i]->n == 0)
				continue;
			v = (double)(rs[i]->vol[0] + rs[i]->vol[1]) / (double)rs[i]->trips;
			snprintf(text, sizeof text, DL(env, "%5.2f (자발 %.2f)", "%5.2f (%.2f vol.)"), rs[i]->per_rtt, v);
			report_bar(env, ls[i], lw, rs[i]->per_rtt, 3.0, text);
		}
	}
	printf("  %s\n", DL(env, "자발: read()에서 잠듦, 나머지는 비자발(선점)",
	                         "vol.: blocked in read(); the rest were involuntary (preempted)"));
}

static void
ctxswitch_explain(const struct demo_env *env, const struct ctxswitch_machine *m,
                  const struct ctxswitch_result *proc, const struct ctxswitch_result *thr,
                  const struct ctxswitch_result *cross)
{
	char line[1200];
	double diff = proc->switch_us - thr->switch_us;
	/* run-to-run spread, carried over to the per-switch figure */
	double noise = ((proc->max_us - proc->min_us) + (thr->max_us - thr->min_us)) / 2 / 2;

	report_heading(env, DL(env, "무엇을 보여 주나", "What it shows"));
	if (!proc->pinned || !thr->pinned)
		report_paragraph(env, DL(env,
			"CPU 고정이 확인되지 않았습니다. 두 태스크가 다른 CPU에서 돌았다면 위 수치는 "
			"문맥 교환이 아니라 CPU 사이의 깨우기 지연을 잰 것입니다.",
			"Pinning was not confirmed. If the two tasks ran on different CPUs, the "
			"figures above measure wake-up latency between CPUs, not switches."));
	if (proc->per_rtt < 1.8 || proc->per_rtt > 2.2 || thr->per_rtt < 1.8 || thr->per_rtt > 2.2)
		report_paragraph(env, DL(env,
			"왕복당 교환 수가 2에서 꽤 벗어났습니다. 다른 태스크가 같은 CPU를 쓰며 끼어들었거나 "
			"고정이 듣지 않은 것이니, 교환 한 번의 비용은 어림값으로만 보세요.",
			"The switches per round trip came out well away from 2: other tasks shared "
			"the CPU, or the pinning did not hold. Take the cost per switch as a rough "
			"figure only."));
	report_paragraph(env, DL(env,
		"여기서 잰 교환 비용은 커널이 한 태스크를 재우고, 다른 태스크를 깨우고, 스케줄러가 "
		"고른 태스크로 레지스터와 커널 스택을 바꾸는 일 전체입니다. 애플리케이션이 실제로 "
		"치르는 비용이 이것이고, 레지스터를 바꾸는 순간 자체는 그중 일부입니다. 왕복당 "
		"교환 수가 2 근처라는 것은 이 계산의 전제(왕복 한 번 = 교환 두 번)가 맞았다는 "
		"뜻입니다.",
		"The switch cost measured here is everything the kernel does to put one task "
		"to sleep, wake the other and move to whichever the scheduler picks, registers "
		"and kernel stack included. That is what an application pays; the register "
		"swap itself is only part of it. Switches per round trip near 2 confirm the "
		"premise of the arithmetic: one round trip is two switches."));
	report_paragraph(env, DL(env,
		"프로세스와 스레드의 차이는 주소 공간 하나에서 옵니다. 같은 프로세스의 스레드는 "
		"페이지 테이블을 공유하므로 커널이 주소 공간 전환을 건너뜁니다. 다른 프로세스로 "
		"가면 페이지 테이블 기준 레지스터(x86의 CR3)를 바꿔야 하고, PCID가 없으면 그때 "
		"TLB가 비워져 새 프로세스가 주소 변환을 페이지 테이블 탐색으로 다시 채웁니다. "
		"PCID가 있으면 TLB 항목에 주소 공간 꼬리표가 붙어 살아남으므로 차이가 작아집니다. "
		"흔히 말하는 \"캐시가 비워진다\"는 틀린 말입니다. 교환이 캐시를 비우지는 않고, "
		"다른 태스크의 데이터가 내 데이터를 밀어낼 뿐이며 이는 스레드끼리도 똑같습니다.",
		"The difference between processes and threads comes from the address space "
		"alone. Threads of one process share their page tables, so the kernel skips "
		"the address-space switch. Moving to another process means loading its page "
		"tables (CR3 on x86); without PCID that empties the TLB, and the new process "
		"refills its address translations by walking page tables. With PCID the TLB "
		"entries are tagged by address space and survive, so the gap shrinks. The "
		"common line \"the cache is flushed\" is wrong: a switch does not flush the "
		"caches; the other task's data merely pushes yours out, and that happens "
		"between threads just the same."));

	if (diff > noise && diff > 0)
		snprintf(line, sizeof line, DL(env,
			"이 컴퓨터에서는 스레드 교환이 %.2f µs(%.0f%%) 쌌습니다. PCID %s, 페이지 테이블 "
			"격리 %s. 격리가 켜져 있으면 시스템 호출마다 페이지 테이블을 바꾸므로 양쪽 모두 "
			"느려집니다.",
			"On this machine a thread switch was %.2f µs (%.0f%%) cheaper. PCID: %s; "
			"page-table isolation: %s. With isolation on, every system call switches page "
			"tables, which slows both kinds down."),
			diff, 100 * diff / proc->switch_us, ctxswitch_yes_no(env, m->pcid),
			m->pti < 0 ? DL(env, "알 수 없음", "unknown") : m->pti ? DL(env, "켜짐", "on") : DL(env, "꺼짐", "off"));
	else
		snprintf(line, sizeof line, DL(env,
			"이 컴퓨터에서는 두 값의 차이(%.2f µs)가 실행마다 달라지는 폭(약 %.2f µs) 안에 "
			"있습니다. PCID %s, 페이지 테이블 격리 %s: 주소 공간 전환이 싸서 이 방법으로는 "
			"구별되지 않는다는 뜻입니다. 면접에서는 원리(주소 공간과 TLB)를 말하고, 실제 "
			"크기는 하드웨어에 따라 다르다고 덧붙이면 됩니다.",
			"On this machine the difference (%.2f µs) is within the run-to-run spread "
			"(about %.2f µs). PCID: %s; page-table isolation: %s. The address-space switch "
			"is cheap enough here that this method cannot tell them apart. In an "
			"interview, give the cause (address space and TLB) and add that the size "
			"depends on the hardware."),
			diff, noise, ctxswitch_yes_no(env, m->pcid),
			m->pti < 0 ? DL(env, "알 수 없음", "unknown") : m->pti ? DL(env, "켜짐", "on") : DL(env, "꺼짐", "off"));
	report_paragraph(env, line);
	if (strstr(m->ibpb, "always") != NULL)
		report_paragraph(env, DL(env,
			"이 컴퓨터는 Spectre v2 대책으로 프로세스가 바뀔 때마다 분기 예측기를 비우는 "
			"장벽(IBPB)을 씁니다. 스레드 사이에는 들지 않는, 프로세스 교환만의 비용입니다.",
			"This machine guards against Spectre v2 with a barrier that clears the branch "
			"predictor whenever the process changes (IBPB): a cost only a switch between "
			"processes pays."));

	if (cross->n > 0) {
		snprintf(line, sizeof line, DL(env,
			"두 태스크를 서로 다른 CPU에 두면 왕복이 %.2f µs로 %.1f배가 됩니다. 이것은 문맥 "
			"교환 비용이 아니라 CPU 사이의 깨우기 지연입니다. 기다리는 쪽의 CPU는 할 일이 "
			"없어 쉬고 있고, 쓰는 쪽은 프로세서 간 인터럽트로 그 CPU를 깨워야 하며, 깨어난 "
			"CPU가 휴면 상태에서 돌아오는 시간(가상 머신이면 하이퍼바이저를 거치는 시간)까지 "
			"더해집니다. 고정하지 않고 재면 대개 이 경우가 됩니다.",
			"With the two tasks on different CPUs a round trip takes %.2f µs, %.1f times "
			"as long. That is not switch cost but cross-CPU wake-up latency: the waiting "
			"side's CPU has nothing to do and idles, the writer must wake it with an "
			"inter-processor interrupt, and the CPU's return from its idle state (through "
			"the hypervisor, in a virtual machine) adds on. Measuring unpinned usually "
			"ends up here."),
			cross->med_us, cross->med_us / proc->med_us);
		report_paragraph(env, line);
	} else if (m->nallowed < 2) {
		report_paragraph(env, DL(env,
			"CPU가 하나뿐이라 CPU 두 개 사이의 왕복은 재지 않았습니다. 값을 지어내지 "
			"않으려고 JSON에서도 null로 둡니다.",
			"With only one CPU the round trip between two CPUs was not measured; the "
			"JSON carries null rather than a made-up figure."));
	}
}

static cJSON *
ctxswitch_json_result(const struct ctxswitch_result *r, int same_cpu)
{
	cJSON *o = cJSON_CreateObject(), *a;
	int i;

	cJSON_AddNumberToObject(o, "round_trips", (double)r->trips);
	a = cJSON_AddArrayToObject(o, "rtt_us");
	for (i = 0; i < r->n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateNumber(r->rtt_us[i]));
	cJSON_AddNumberToObject(o, "rtt_median_us", r->med_us);
	if (same_cpu)
		cJSON_AddNumberToObject(o, "switch_us", r->switch_us);
	else    /* across CPUs the formula measures wake-up latency, not a switch */
		cJSON_AddNullToObject(o, "switch_us");
	cJSON_AddNumberToObject(o, "voluntary_a", (double)r->vol[0]);
	cJSON_AddNumberToObject(o, "voluntary_b", (double)r->vol[1]);
	cJSON_AddNumberToObject(o, "involuntary_a", (double)r->invol[0]);
	cJSON_AddNumberToObject(o, "involuntary_b", (double)r->invol[1]);
	cJSON_AddNumberToObject(o, "switches_per_rtt", r->per_rtt);
	a = cJSON_AddArrayToObject(o, "cpus");
	cJSON_AddItemToArray(a, cJSON_CreateNumber(r->cpu[0]));
	cJSON_AddItemToArray(a, cJSON_CreateNumber(r->cpu[1]));
	cJSON_AddBoolToObject(o, "pinned", r->pinned);
	return o;
}

static void
ctxswitch_json_tristate(cJSON *o, const char *key, int v)
{
	if (v < 0)
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddBoolToObject(o, key, v);
}

static cJSON *
ctxswitch_json(const struct ctxswitch_opts *o, const struct ctxswitch_machine *m,
               const struct ctxswitch_result *proc, const struct ctxswitch_result *thr,
               const struct ctxswitch_result *cross, double calls_ns, long cross_trips)
{
	cJSON *root = cJSON_CreateObject(), *p, *mach, *runs, *d;
	int pinned = proc->pinned && thr->pinned;

	if (root == NULL)
		return NULL;
	cJSON_AddStringToObject(root, "demo", "ctxswitch");
	p = cJSON_AddObjectToObject(root, "params");
	cJSON_AddNumberToObject(p, "round_trips", (double)o->round_trips);
	cJSON_AddNumberToObject(p, "repeats", (double)o->repeats);
	cJSON_AddNumberToObject(p, "warmup", CTXSWITCH_WARMUP);
	cJSON_AddNumberToObject(p, "cross_cpu_round_trips", (double)cross_trips);
	cJSON_AddBoolToObject(p, "same_cpu_only", o->same_cpu_only);
	cJSON_AddNumberToObject(p, "message_bytes", 1);

	mach = cJSON_AddObjectToObject(root, "machine");
	cJSON_AddNumberToObject(mach, "online_cpus", m->online);
	cJSON_AddNumberToObject(mach, "usable_cpus", m->nallowed);
	cJSON_AddNumberToObject(mach, "cpu", m->allowed[0]);
	cJSON_AddBoolToObject(mach, "pinned", pinned);
	if (cross->n > 0)
		cJSON_AddBoolToObject(mach, "cross_cpu_pinned", cross->pinned);
	else
		cJSON_AddNullToObject(mach, "cross_cpu_pinned");
	cJSON_AddStringToObject(mach, "arch", m->arch);
	cJSON_AddStringToObject(mach, "kernel", m->kernel);
	ctxswitch_json_tristate(mach, "pcid", m->pcid);
	ctxswitch_json_tristate(mach, "pti", m->pti);
	if (m->meltdown[0] != '\0')
		cJSON_AddStringToObject(mach, "meltdown", m->meltdown);
	else
		cJSON_AddNullToObject(mach, "meltdown");
	if (m->ibpb[0] != '\0')
		cJSON_AddStringToObject(mach, "ibpb", m->ibpb);
	else
		cJSON_AddNullToObject(mach, "ibpb");

	runs = cJSON_AddObjectToObject(root, "runs");
	cJSON_AddNumberToObject(runs, "pipe_write_read_ns", calls_ns);
	cJSON_AddItemToObject(runs, "process", ctxswitch_json_result(proc, 1));
	cJSON_AddItemToObject(runs, "thread", ctxswitch_json_result(thr, 1));
	if (cross->n > 0)
		cJSON_AddItemToObject(runs, "cross_cpu_process", ctxswitch_json_result(cross, 0));
	else
		cJSON_AddNullToObject(runs, "cross_cpu_process");

	d = cJSON_AddObjectToObject(root, "derived");
	cJSON_AddNumberToObject(d, "process_rtt_us", proc->med_us);
	cJSON_AddNumberToObject(d, "thread_rtt_us", thr->med_us);
	cJSON_AddNumberToObject(d, "process_switch_us", proc->switch_us);
	cJSON_AddNumberToObject(d, "thread_switch_us", thr->switch_us);
	cJSON_AddNumberToObject(d, "switches_per_rtt_process", proc->per_rtt);
	cJSON_AddNumberToObject(d, "switches_per_rtt_thread", thr->per_rtt);
	if (cross->n > 0) {
		cJSON_AddNumberToObject(d, "cross_cpu_rtt_us", cross->med_us);
		cJSON_AddNumberToObject(d, "switches_per_rtt_cross_cpu", cross->per_rtt);
	} else {
		cJSON_AddNullToObject(d, "cross_cpu_rtt_us");
		cJSON_AddNullToObject(d, "switches_per_rtt_cross_cpu");
	}
	cJSON_AddBoolToObject(d, "pinned", pinned);
	cJSON_AddNumberToObject(d, "pipe_write_read_us", calls_ns / 1000.0);
	return root;
}

static int
ctxswitch_main(int argc, char **argv, const struct demo_env *env)
{
	struct ctxswitch_opts o;
	struct ctxswitch_machine m;
	struct ctxswitch_result proc, thr, cross;
	struct ctxswitch_run *r;
	cpu_set_t saved;
	long cross_trips = 0;
	double calls_ns;
	int i, ok, steps, step = 0, rc = 0;

	if (ctxswitch_parse(argc, argv, &o) != 0)
		return 2;
	signal(SIGPIPE, SIG_IGN);    /* a vanished peer is an error, not a death */
	ctxswitch_machine_read(&m);
	memset(&proc, 0, sizeof proc);
	memset(&thr, 0, sizeof thr);
	memset(&cross, 0, sizeof cross);
	r = mmap(NULL, sizeof *r, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (r == MAP_FAILED) {
		report_error("ctxswitch", "cannot map shared memory: %s", strerror(errno));
		return 1;
	}
	CPU_ZERO(&saved);
	sched_getaffinity(0, sizeof saved, &saved);
	if (!o.same_cpu_only && m.cross)
		cross_trips = o.round_trips < CTXSWITCH_CROSS_MAX ? o.round_trips
		                                                  : CTXSWITCH_CROSS_MAX;

	/* the pipe calls alone, on the CPU the ping-pong will use */
	if (!ctxswitch_pin(m.allowed[0]) && !env->json)
		report_error("ctxswitch", "cannot pin to CPU %d: figures may mix in other effects",
		             m.allowed[0]);
	calls_ns = ctxswitch_pipe_calls_ns(o.round_trips < 100000 ? 100000 : o.round_trips);
	if (calls_ns < 0) {
		report_error("ctxswitch", "pipe: %s", strerror(errno));
		rc = 1;
		goto out;
	}
	if (!env->json) {
		/* a short dry run checks the pinning before the intro claims it */
		ctxswitch_prepare(r, 10, m.allowed[0], m.allowed[0]);
		ok = ctxswitch_measure(r, CTXSWITCH_PROCESS) == 0 &&
		     r->side[0].pinned && r->side[1].pinned;
		ctxswitch_intro(env, &o, &m, ok);
		fflush(stdout);
	}

	/* processes and threads alternate, so a change in the machine's load hits both */
	steps = (int)o.repeats * 2 + (cross_trips > 0);
	for (i = 0; i < o.repeats * 2; i++) {
		enum ctxswitch_kind kind = i % 2 == 0 ? CTXSWITCH_PROCESS : CTXSWITCH_THREAD;

		progress_update(env, kind == CTXSWITCH_PROCESS ? DL(env, "프로세스 사이 핑퐁", "ping-pong, processes")
		                                        : DL(env, "스레드 사이 핑퐁", "ping-pong, threads"),
		                (double)step++ / steps);
		ctxswitch_prepare(r, o.round_trips, m.allowed[0], m.allowed[0]);
		if (ctxswitch_measure(r, kind) != 0) {
			progress_done(env);
			report_error("ctxswitch", "ping-pong between %s: %s",
			             kind == CTXSWITCH_PROCESS ? "processes" : "threads", strerror(errno));
			rc = 1;
			goto out;
		}
		ctxswitch_add(kind == CTXSWITCH_PROCESS ? &proc : &thr, r);
	}
	if (cross_trips > 0) {
		progress_update(env, DL(env, "CPU 두 개 사이 핑퐁", "ping-pong across CPUs"), (double)step++ / steps);
		ctxswitch_prepare(r, cross_trips, m.allowed[0], m.allowed[1]);
		if (ctxswitch_measure(r, CTXSWITCH_PROCESS) != 0) {
			progress_done(env);
			report_error("ctxswitch", "ping-pong across CPUs: %s", strerror(errno));
			rc = 1;
			goto out;
		}
		ctxswitch_add(&cross, r);
		ctxswitch_summarise(&cross, calls_ns);
	}
	progress_done(env);
	ctxswitch_summarise(&proc, calls_ns);
	ctxswitch_summarise(&thr, calls_ns);

	if (env->json) {
		cJSON *root = ctxswitch_json(&o, &m, &proc, &thr, &cross, calls_ns, cross_trips);

		if (report_json_print(root) != 0)
			rc = 1;
	} else {
		ctxswitch_print(env, &o, &m, &proc, &thr, &cross, calls_ns);
		ctxswitch_explain(env, &m, &proc, &thr, &cross);
	}
out:
	sched_setaffinity(0, sizeof saved, &saved);
	munmap(r, sizeof *r);
	return rc;
}

const struct demo demo_ctxswitch = {
	.name = "ctxswitch",
	.summary = { "프로세스와 스레드의 문맥 교환 비용을 파이프 핑퐁으로 재기",
	             "the cost of a context switch, processes vs threads, by pipe ping-pong" },
	.usage = "demo ctxswitch [--round-trips N] [--repeats N] [--same-cpu-only]",
	.help = {
		"--round-trips N  한 번 잴 때의 왕복 수 (기본 100,000)\n"
		"--repeats N      프로세스와 스레드를 번갈아 잴 횟수, 중앙값을 씀 (기본 3, 1-9)\n"
		"--same-cpu-only  CPU 두 개 사이의 왕복은 재지 않음\n",
		"--round-trips N  round trips per timed run (default 100,000)\n"
		"--repeats N      runs of processes and threads, alternating; the median is used\n"
		"                 (default 3, 1-9)\n"
		"--same-cpu-only  skip the round trip across two CPUs\n",
	},
	.main = ctxswitch_main,
	.source = demo_ctxswitch_source,
};
