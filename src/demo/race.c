/*
 * race.c: the race-condition demo. Threads increment one shared counter
 * without synchronisation and lose updates; then the same work is done
 * exactly with a mutex, an atomic increment and per-thread counters, and
 * the cost of one increment is compared.
 *
 * The part between the core markers is what `demo race --source` prints and
 * what tests/tsan compiles on its own (with DEMO_CORE_ONLY defined).
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#ifndef DEMO_CORE_ONLY
#include <stdio.h>

#include <cjson/cJSON.h>

#include "demo.h"
#include "report.h"
#endif

/* osprep:core-begin */

enum race_mode {
	RACE_UNSYNC,     /* counter = counter + 1, no protection: wrong */
	RACE_MUTEX,      /* the same statement inside a mutex */
	RACE_ATOMIC,     /* one atomic read-modify-write instruction */
	RACE_LOCAL,      /* each thread counts on its own; summed at the end */
	RACE_MODE_N
};

struct race_shared {
	/*
	 * volatile: every `counter + 1` really loads from memory and every
	 * assignment really stores, as it would in code the compiler cannot
	 * see through. It makes the race visible; it does not prevent it.
	 */
	volatile long counter;
	pthread_mutex_t lock;
	atomic_long atomic_counter;
	atomic_int ready;            /* threads at the start line */
	int nthreads;
};

/* One thread's job and what it saw; a whole cache line of its own. */
struct race_thread {
	_Alignas(64) volatile long local;  /* RACE_LOCAL: this thread's counter */
	struct race_shared *sh;
	enum race_mode mode;
	long increments;
	int cpu;                     /* CPU to pin to, or -1 */
	int pinned;                  /* pinning verified */
	int ran_on;                  /* sched_getcpu() when the loop started */
	long long ns;                /* time in the loop */
	long preempted;              /* involuntary context switches in the loop */
};

static long long
race_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Pin the calling thread to one CPU; 1 when the kernel confirms it. */
static int
race_pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (pthread_setaffinity_np(pthread_self(), sizeof set, &set) != 0)
		return 0;
	CPU_ZERO(&set);
	if (pthread_getaffinity_np(pthread_self(), sizeof set, &set) != 0)
		return 0;
	return CPU_COUNT(&set) == 1 && CPU_ISSET(cpu, &set) && sched_getcpu() == cpu;
}

static void *
race_worker(void *arg)
{
	struct race_thread *t = arg;
	struct race_shared *sh = t->sh;
	long i, n = t->increments;
	struct rusage r0, r1;
	long long t0;

	t->pinned = t->cpu >= 0 ? race_pin(t->cpu) : 0;

	/* The start line: nobody starts counting until every thread is here. */
	atomic_fetch_add(&sh->ready, 1);
	while (atomic_load(&sh->ready) < sh->nthreads)
		sched_yield();

	t->ran_on = sched_getcpu();
	getrusage(RUSAGE_THREAD, &r0);
	t0 = race_now_ns();
	switch (t->mode) {
	case RACE_UNSYNC:
		for (i = 0; i < n; i++)
			sh->counter = sh->counter + 1;    /* load, add, store */
		break;
	case RACE_MUTEX:
		for (i = 0; i < n; i++) {
			pthread_mutex_lock(&sh->lock);
			sh->counter = sh->counter + 1;
			pthread_mutex_unlock(&sh->lock);
		}
		break;
	case RACE_ATOMIC:
		/* a counter needs atomicity, not ordering: relaxed is enough */
		for (i = 0; i < n; i++)
			atomic_fetch_add_explicit(&sh->atomic_counter, 1, memory_order_relaxed);
		break;
	case RACE_LOCAL:
		for (i = 0; i < n; i++)
			t->local = t->local + 1;          /* nobody else touches it */
		break;
	case RACE_MODE_N:
		break;
	}
	t->ns = race_now_ns() - t0;
	getrusage(RUSAGE_THREAD, &r1);
	t->preempted = r1.ru_nivcsw - r0.ru_nivcsw;
	return NULL;
}

/*
 * Run n threads doing mode, thread i pinned to cpus[i] (cpus may be NULL:
 * no pinning). Returns the final count, or -1 (errno set) when a thread
 * could not be started.
 */
static long
race_phase(struct race_thread *t, int n, enum race_mode mode, long increments,
           const int *cpus)
{
	struct race_shared sh;
	pthread_t *tid;
	long total = 0;
	int i, started = 0, err = 0;

	tid = calloc((size_t)n, sizeof *tid);
	if (tid == NULL)
		return -1;
	memset(&sh, 0, sizeof sh);
	pthread_mutex_init(&sh.lock, NULL);
	atomic_init(&sh.atomic_counter, 0);
	atomic_init(&sh.ready, 0);
	sh.nthreads = n;
	for (i = 0; i < n; i++) {
		memset(&t[i], 0, sizeof t[i]);
		t[i].sh = &sh;
		t[i].mode = mode;
		t[i].increments = increments;
		t[i].cpu = cpus != NULL ? cpus[i] : -1;
	}
	for (i = 0; i < n; i++) {
		err = pthread_create(&tid[i], NULL, race_worker, &t[i]);
		if (err != 0)
			break;
		started++;
	}
	if (started < n)    /* let the ones that started past the start line */
		atomic_fetch_add(&sh.ready, n - started);
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	free(tid);
	pthread_mutex_destroy(&sh.lock);
	if (started < n) {
		errno = err;
		return -1;
	}
	switch (mode) {
	case RACE_ATOMIC:
		total = atomic_load(&sh.atomic_counter);
		break;
	case RACE_LOCAL:
		for (i = 0; i < n; i++)
			total += t[i].local;
		break;
	default:
		total = sh.counter;
		break;
	}
	return total;
}

/* osprep:core-end */

#ifndef DEMO_CORE_ONLY

extern const char demo_race_source[];
extern const struct demo demo_race;

#define RACE_MAX_THREADS 64

struct race_opts {
	long threads, increments, runs;
	int same_cpu, no_pin;
};

struct race_run {
	long actual, preempted;
	double ms, ns_per_inc;
};

struct race_fix {
	long actual;
	double ms, ns_per_inc;
};

struct race_machine {
	int online, nallowed;
	int allowed[RACE_MAX_THREADS];
	int assign[RACE_MAX_THREADS];    /* CPU each thread is pinned to */
	int want_pin;                    /* pinning was attempted */
	int pinned;                      /* every thread's pinning verified */
	int ran_on[RACE_MAX_THREADS];    /* CPU each thread counted on (first run) */
	int distinct;                    /* distinct CPUs they counted on */
};

static const char *const race_mode_key[RACE_MODE_N] = { "unsync", "mutex", "atomic", "local" };

static int
race_parse(int argc, char **argv, struct race_opts *o)
{
	int i;

	o->threads = 2;
	o->increments = 10000000;
	o->runs = 5;
	o->same_cpu = 0;
	o->no_pin = 0;
	for (i = 1; i < argc; i++) {
		const char *v = NULL;
		int m;

		if ((m = report_opt(argc, argv, &i, "threads", &v)) != 0) {
			if (m < 0 || report_arg_long("race", "threads", v, 1, RACE_MAX_THREADS, &o->threads) != 0)
				return -1;
		} else if ((m = report_opt(argc, argv, &i, "increments", &v)) != 0) {
			if (m < 0 || report_arg_long("race", "increments", v, 1, 1000000000, &o->increments) != 0)
				return -1;
		} else if ((m = report_opt(argc, argv, &i, "runs", &v)) != 0) {
			if (m < 0 || report_arg_long("race", "runs", v, 1, 100, &o->runs) != 0)
				return -1;
		} else if (report_opt(argc, argv, &i, "same-cpu", NULL) == 1) {
			o->same_cpu = 1;
		} else if (report_opt(argc, argv, &i, "no-pin", NULL) == 1) {
			o->no_pin = 1;
		} else {
			report_error("race", "unknown option \"%s\"", argv[i]);
			fprintf(stderr, "usage: %s\n", demo_race.usage);
			return -1;
		}
	}
	if (o->same_cpu && o->no_pin) {
		report_error("race", "--same-cpu and --no-pin cannot be used together");
		return -1;
	}
	return 0;
}

/* Which CPU each thread goes to: spread over the allowed CPUs, or one. */
static void
race_plan(const struct race_opts *o, struct race_machine *m)
{
	int i;

	memset(m, 0, sizeof *m);
	m->online = report_cpus_online();
	m->nallowed = report_cpus(m->allowed, RACE_MAX_THREADS);
	m->want_pin = !o->no_pin && m->nallowed > 0 && (o->same_cpu || m->nallowed >= 2);
	for (i = 0; i < o->threads; i++)
		m->assign[i] = !m->want_pin ? -1 :
		               o->same_cpu ? m->allowed[0] : m->allowed[i % m->nallowed];
}

static double
race_ns_per_inc(const struct race_thread *t, long n, long increments)
{
	double sum = 0;
	long i;

	for (i = 0; i < n; i++)
		sum += (double)t[i].ns / (double)increments;
	return n > 0 ? sum / (double)n : 0;
}

static void
race_intro(const struct demo_env *env, const struct race_opts *o, const struct race_machine *m)
{
	char inc[32], exp[32], line[512];
	int i;

	report_count(inc, sizeof inc, o->increments);
	report_count(exp, sizeof exp, o->increments * o->threads);
	report_heading(env, DL(env, "경쟁 조건: 잠금 없이 공유 카운터 올리기",
	                            "Race condition: a shared counter without a lock"));
	snprintf(line, sizeof line, DL(env,
		"스레드 %ld개가 공유 카운터를 각자 %s번씩 동기화 없이 1 올립니다(%ld회 반복). "
		"기대값은 %s입니다. 지켜볼 것: 실제값이 기대값보다 작은 만큼이 잃어버린 갱신입니다. "
		"그다음 뮤텍스, 원자적 증가, 스레드별 카운터로 같은 일을 하고 비용을 비교합니다.",
		"%ld threads each add 1 to a shared counter %s times, with no synchronisation "
		"(%ld runs). The expected total is %s. Watch for: every increment the actual "
		"count is short by is a lost update. Then the same work is done with a mutex, an "
		"atomic increment and per-thread counters, and their costs are compared."),
		o->threads, inc, o->runs, exp);
	report_paragraph(env, line);
	printf("\n  %s %d, %s %d", DL(env, "온라인 CPU", "online CPUs"), m->online,
	       DL(env, "사용 가능한 CPU", "usable CPUs"), m->nallowed);
	if (!m->want_pin) {
		printf(", %s\n", o->no_pin ? DL(env, "고정 안 함(--no-pin)", "not pinned (--no-pin)")
		                           : DL(env, "CPU가 하나라 고정 안 함", "one CPU, so not pinned"));
		return;
	}
	printf("\n  %s", DL(env, "스레드 고정:", "pinned:"));
	for (i = 0; i < o->threads && i < 6; i++)
		printf(" T%d→CPU %d", i + 1, m->assign[i]);
	printf("%s\n  %s\n", o->threads > 6 ? " …" : "",
	       m->pinned ? DL(env, "고정 확인됨 (pthread_getaffinity_np, sched_getcpu)",
	                       "pinning confirmed (pthread_getaffinity_np, sched_getcpu)")
	                 : DL(env, "고정 실패: 결과를 그대로 믿지 마세요",
	                       "pinning failed: read the results with care"));
}

static void
race_print_runs(const struct demo_env *env, const struct race_opts *o,
                const struct race_run *runs, int nwith, double mean_pct, double max_pct)
{
	long long expected = (long long)o->increments * o->threads;
	char label[32], num[32], text[64];
	int r, lw = report_width(DL(env, "기대값", "expected")), nw;
	long lost;

	nw = (int)strlen(report_count(num, sizeof num, expected));

	report_heading(env, DL(env, "실행별 카운터: 기대값과 실제값", "Counter per run: expected vs actual"));
	report_bar(env, DL(env, "기대값", "expected"), lw, (double)expected, (double)expected,
	           report_count(num, sizeof num, expected));
	for (r = 0; r < o->runs; r++) {
		snprintf(label, sizeof label, DL(env, "%d회", "run %d"), r + 1);
		lost = (long)(expected - runs[r].actual);
		report_count(num, sizeof num, runs[r].actual);
		if (lost > 0)
			snprintf(text, sizeof text, "%*s  -%.1f%%", nw, num, 100.0 * (double)lost / (double)expected);
		else
			snprintf(text, sizeof text, "%*s  %s", nw, num, DL(env, "정확", "exact"));
		report_bar(env, label, lw, (double)runs[r].actual, (double)expected, text);
	}
	printf("\n  %s %d/%ld", DL(env, "갱신을 잃은 실행:", "runs that lost updates:"), nwith, o->runs);
	if (nwith > 0)
		printf(DL(env, ", 평균 %.1f%%, 최대 %.1f%% 손실", ", %.1f%% lost on average, %.1f%% at most"),
		       mean_pct, max_pct);
	printf("\n");
	printf("  %s", DL(env, "실행별 선점(비자발적 문맥 교환):", "preemptions per run (involuntary switches):"));
	for (r = 0; r < o->runs && r < 12; r++)
		printf(" %ld", runs[r].preempted);
	printf("%s\n", o->runs > 12 ? " …" : "");
}

static void
race_print_fixes(const struct demo_env *env, const struct race_opts *o, double unsync_ns,
                 int nwith, const struct race_fix *fix)
{
	static const char *const ko[RACE_MODE_N] = { "잠금 없음(틀림)", "뮤텍스", "원자적 증가", "스레드별 카운터" };
	static const char *const en[RACE_MODE_N] = { "no lock (wrong)", "mutex", "atomic add", "per-thread" };
	long long expected = (long long)o->increments * o->threads;
	double max = unsync_ns;
	char num[32], text[64];
	int m, lw = 0, nw = (int)strlen(report_count(num, sizeof num, expected));

	for (m = 0; m < RACE_MODE_N; m++) {
		int w = report_width(DL(env, ko[m], en[m]));
		if (w > lw)
			lw = w;
		if (m > 0 && fix[m].ns_per_inc > max)
			max = fix[m].ns_per_inc;
	}
	report_heading(env, DL(env, "같은 일을 정확하게: 증가 한 번의 비용", "The same work, exact: cost of one increment"));
	for (m = 0; m < RACE_MODE_N; m++) {
		double ns = m == 0 ? unsync_ns : fix[m].ns_per_inc;

		if (m == 0 && env->lang == 1)
			snprintf(text, sizeof text, "%6.2f ns ✗ %d/%ld runs", ns, nwith, o->runs);
		else if (m == 0)
			snprintf(text, sizeof text, "%6.2f ns ✗ %ld회 중 %d회", ns, o->runs, nwith);
		else
			snprintf(text, sizeof text, "%6.2f ns %s %*s", ns, fix[m].actual == expected ? "✓" : "✗",
			         nw, report_count(num, sizeof num, fix[m].actual));
		report_bar(env, DL(env, ko[m], en[m]), lw, ns, max, text);
	}
	printf("  %s\n  %s\n", DL(env, "(스레드 하나가 증가 한 번에 쓴 시간)", "(the time one thread spends per increment)"),
	       DL(env, "✓ 합계가 기대값과 같음, ✗ 갱신을 잃은 실행 수", "✓ the total is exact, ✗ runs that lost updates"));
}

static void
race_explain(const struct demo_env *env, const struct race_opts *o, const struct race_machine *m,
             int nwith)
{
	report_heading(env, DL(env, "무슨 일이 일어났나", "What happened"));
	if (o->threads == 1) {
		report_paragraph(env, DL(env,
			"스레드가 하나뿐이라 끼어들 상대가 없으니 잃는 갱신도 없습니다. 경쟁 조건은 "
			"둘 이상의 실행 흐름이 같은 데이터를 동시에 읽고 쓸 때 생깁니다. "
			"--threads 2로 다시 해 보세요.",
			"With one thread there is nobody to interleave with, so nothing is lost. A race "
			"needs two or more flows of execution reading and writing the same data at the "
			"same time. Try again with --threads 2."));
		return;
	}
	if (o->same_cpu || m->nallowed < 2) {
		report_paragraph(env, DL(env,
			"스레드가 모두 CPU 하나를 나눠 쓰면 실제로 동시에 실행되지는 않고 번갈아 "
			"실행됩니다. 그래서 끼어들기는 선점, 즉 타이머 인터럽트로 문맥 교환이 일어나는 "
			"순간에만 생기고, 그 선점이 `counter`를 읽은 뒤 다시 쓰기 전에 떨어져야만 "
			"갱신을 잃습니다. 이렇게 빡빡한 루프에서는 그 구간이 루프의 상당 부분이라, "
			"선점이 일어나기만 하면 꽤 자주 걸립니다. 드문 것은 선점 자체입니다: 위의 선점 "
			"횟수가 보여 주듯 실행당 몇 번뿐이고, 그래서 값을 잃는 사건도 실행당 많아야 그만큼입니다.",
			"When all threads share one CPU they never truly run at once; they take turns. "
			"They can only interleave at a preemption (a timer interrupt that switches "
			"threads), and an update is lost only when that preemption lands after "
			"`counter` is read and before it is written back. In a loop this tight that "
			"window is a good part of every iteration, so a preemption often lands in it; "
			"what is rare is the preemption itself. As the counts above show there are only "
			"a few per run, so there are at most that many loss events."));
		report_paragraph(env, DL(env,
			"하지만 한 번 걸리면 피해가 큽니다. 읽어 둔 옛 값을 늦게 쓰는 스레드가 상대가 "
			"자기 타임 슬라이스 내내 올린 값을 한꺼번에 덮어쓰기 때문입니다. 실행이 타임 "
			"슬라이스보다 짧으면 한 스레드의 몫이 통째로(스레드가 둘이면 정확히 절반) 사라지기도 합니다. 드물다는 것은 "
			"안전하다는 뜻이 아닙니다. 단일 코어에서도 경쟁 조건은 버그이고, 그래서 "
			"유니프로세서 커널도 임계 구역에서 선점이나 인터럽트를 막았습니다.",
			"But when one hits, it costs a lot: the thread that writes its stale value late "
			"wipes out everything the other thread added during its whole time slice; when a "
			"run is shorter than a time slice, one thread's entire share (exactly half, with "
			"two threads) can "
			"vanish at once. Rare "
			"is not safe: a race is a bug on a single core too, which is why uniprocessor "
			"kernels disabled preemption or interrupts around critical sections."));
	} else {
		report_paragraph(env, DL(env,
			"`counter = counter + 1`은 한 줄이지만 CPU에서는 읽기, 더하기, 쓰기 세 단계입니다. "
			"두 CPU가 같은 값을 거의 동시에 읽으면 둘 다 그 값에 1을 더해 쓰고, 증가 하나가 "
			"사라집니다(lost update). 두 스레드가 정말로 동시에 실행되니 이런 겹침이 수없이 "
			"일어나고, 그래서 거의 모든 실행에서 값을 잃습니다. `volatile`은 컴파일러가 값을 "
			"레지스터에 두지 못하게 할 뿐 세 단계를 하나로 묶어 주지는 않습니다.",
			"`counter = counter + 1` is one line, but the CPU does it in three steps: load, "
			"add, store. When two CPUs load the same value at nearly the same moment, both "
			"store that value plus one and one increment vanishes (a lost update). With the "
			"threads truly running at once this overlap happens over and over, so nearly "
			"every run loses updates. `volatile` only keeps the value out of registers; it "
			"does not make the three steps one."));
	}
	report_paragraph(env, DL(env,
		"읽기-수정-쓰기를 한 번에 한 스레드만 하게 하면(상호 배제) 결과가 정확해집니다. "
		"뮤텍스는 가장 일반적이지만 잠금과 해제, 그리고 스레드가 여러 CPU에 있을 때 CPU "
		"사이를 오가는 락의 캐시 라인 때문에 가장 비쌉니다. 원자적 증가는 하드웨어가 읽기-수정-쓰기를 나눌 수 없는 "
		"한 동작으로 처리합니다(x86의 `lock xadd`). 가장 빠른 방법은 공유를 없애는 것입니다: "
		"스레드마다 자기 카운터를 올리고 끝에 한 번 합칩니다. 각 카운터가 자기 캐시 라인을 "
		"갖게 해서 거짓 공유(false sharing)도 피했습니다.",
		"Letting only one thread at a time do the read-modify-write (mutual exclusion) "
		"makes the result exact. A mutex is the general tool but the most expensive: "
		"lock and unlock, and, when the threads are on several CPUs, the lock's cache line "
		"bouncing between them. An atomic "
		"increment has the hardware do the read-modify-write as one indivisible step "
		"(`lock xadd` on x86). Fastest of all is not sharing: each thread counts on its "
		"own and the counts are added once at the end. Each counter sits on its own cache "
		"line, so false sharing is avoided too."));
	if (nwith == 0 && !o->same_cpu && m->nallowed >= 2 && o->threads >= 2)
		report_paragraph(env, DL(env,
			"이번에는 잃은 갱신이 없었습니다. 증가 횟수가 작으면 한 스레드가 다른 스레드가 "
			"시작하기 전에 끝나 버릴 수 있습니다. --increments를 늘려 보세요. 결과가 맞았다고 "
			"해서 코드가 맞는 것은 아닙니다.",
			"No update was lost this time. With few increments one thread can finish before "
			"the other starts; try a larger --increments. A right answer does not make the "
			"code right."));
}

static cJSON *
race_json(const struct race_opts *o, const struct race_machine *m, const struct race_run *runs,
          const struct race_fix *fix, int nwith, double mean_pct, double max_pct,
          int fixes_exact, double unsync_ns)
{
	long long expected = (long long)o->increments * o->threads;
	cJSON *root = cJSON_CreateObject(), *p, *mach, *arr, *fx, *d;
	int i;

	if (root == NULL)
		return NULL;
	cJSON_AddStringToObject(root, "demo", "race");
	p = cJSON_AddObjectToObject(root, "params");
	cJSON_AddNumberToObject(p, "threads", (double)o->threads);
	cJSON_AddNumberToObject(p, "increments", (double)o->increments);
	cJSON_AddNumberToObject(p, "runs", (double)o->runs);
	cJSON_AddBoolToObject(p, "same_cpu", o->same_cpu);
	cJSON_AddBoolToObject(p, "no_pin", o->no_pin);

	mach = cJSON_AddObjectToObject(root, "machine");
	cJSON_AddNumberToObject(mach, "online_cpus", m->online);
	cJSON_AddNumberToObject(mach, "usable_cpus", m->nallowed);
	cJSON_AddBoolToObject(mach, "pin_requested", m->want_pin);
	cJSON_AddBoolToObject(mach, "pinned", m->pinned);
	arr = cJSON_AddArrayToObject(mach, "thread_cpus");
	for (i = 0; i < o->threads; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateNumber(m->ran_on[i]));
	cJSON_AddNumberToObject(mach, "distinct_cpus", m->distinct);

	arr = cJSON_AddArrayToObject(root, "runs");
	for (i = 0; i < o->runs; i++) {
		cJSON *r = cJSON_CreateObject();
		long long lost = expected - runs[i].actual;
		cJSON_AddNumberToObject(r, "expected", (double)expected);
		cJSON_AddNumberToObject(r, "actual", (double)runs[i].actual);
		cJSON_AddNumberToObject(r, "lost", (double)lost);
		cJSON_AddNumberToObject(r, "lost_pct", 100.0 * (double)lost / (double)expected);
		cJSON_AddNumberToObject(r, "ms", runs[i].ms);
		cJSON_AddNumberToObject(r, "ns_per_increment", runs[i].ns_per_inc);
		cJSON_AddNumberToObject(r, "preemptions", (double)runs[i].preempted);
		cJSON_AddItemToArray(arr, r);
	}

	fx = cJSON_AddObjectToObject(root, "fixes");
	for (i = RACE_MUTEX; i < RACE_MODE_N; i++) {
		cJSON *f = cJSON_AddObjectToObject(fx, race_mode_key[i]);
		cJSON_AddNumberToObject(f, "expected", (double)expected);
		cJSON_AddNumberToObject(f, "actual", (double)fix[i].actual);
		cJSON_AddBoolToObject(f, "exact", fix[i].actual == expected);
		cJSON_AddNumberToObject(f, "ms", fix[i].ms);
		cJSON_AddNumberToObject(f, "ns_per_increment", fix[i].ns_per_inc);
	}

	d = cJSON_AddObjectToObject(root, "derived");
	cJSON_AddNumberToObject(d, "runs", (double)o->runs);
	cJSON_AddNumberToObject(d, "runs_with_loss", nwith);
	cJSON_AddNumberToObject(d, "mean_lost_pct", mean_pct);
	cJSON_AddNumberToObject(d, "max_lost_pct", max_pct);
	cJSON_AddBoolToObject(d, "fixes_exact", fixes_exact);
	cJSON_AddNumberToObject(d, "unsync_ns", unsync_ns);
	cJSON_AddNumberToObject(d, "mutex_ns", fix[RACE_MUTEX].ns_per_inc);
	cJSON_AddNumberToObject(d, "atomic_ns", fix[RACE_ATOMIC].ns_per_inc);
	cJSON_AddNumberToObject(d, "local_ns", fix[RACE_LOCAL].ns_per_inc);
	return root;
}

static int
race_main(int argc, char **argv, const struct demo_env *env)
{
	struct race_opts o;
	struct race_machine m;
	struct race_run runs[100];
	struct race_fix fix[RACE_MODE_N];
	struct race_thread *t;
	long long expected;
	double mean_pct = 0, max_pct = 0, unsync_ns = 0;
	int r, i, nwith = 0, fixes_exact = 1, steps, step = 0, rc = 0;
	const int *cpus;

	if (race_parse(argc, argv, &o) != 0)
		return 2;
	race_plan(&o, &m);
	cpus = m.want_pin ? m.assign : NULL;
	expected = (long long)o.increments * o.threads;
	t = aligned_alloc(64, sizeof *t * (size_t)o.threads);
	if (t == NULL) {
		report_error("race", "out of memory");
		return 1;
	}
	memset(fix, 0, sizeof fix);
	if (!env->json) {
		/* check the pinning before saying it worked: a dry run of one increment */
		if (race_phase(t, (int)o.threads, RACE_LOCAL, 1, cpus) >= 0) {
			m.pinned = m.want_pin;
			for (i = 0; i < o.threads; i++)
				m.pinned = m.pinned && t[i].pinned;
		}
		race_intro(env, &o, &m);
		fflush(stdout);
	}

	steps = (int)o.runs + 3;
	for (r = 0; r < o.runs; r++) {
		long long t0 = report_now_ns();
		long got;
		double pct;

		progress_update(env, DL(env, "잠금 없이 세는 중", "counting without a lock"), (double)step++ / steps);
		got = race_phase(t, (int)o.threads, RACE_UNSYNC, o.increments, cpus);
		if (got < 0) {
			progress_done(env);
			report_error("race", "cannot start threads: %s", strerror(errno));
			free(t);
			return 1;
		}
		runs[r].actual = got;
		runs[r].ms = (double)(report_now_ns() - t0) / 1e6;
		runs[r].ns_per_inc = race_ns_per_inc(t, o.threads, o.increments);
		runs[r].preempted = 0;
		for (i = 0; i < o.threads; i++)
			runs[r].preempted += t[i].preempted;
		if (r == 0) {
			m.pinned = m.want_pin;
			for (i = 0; i < o.threads; i++) {
				int j, seen = 0;
				m.pinned = m.pinned && t[i].pinned;
				m.ran_on[i] = t[i].ran_on;
				for (j = 0; j < i; j++)
					seen = seen || t[j].ran_on == t[i].ran_on;
				m.distinct += !seen;
			}
		}
		pct = 100.0 * (double)(expected - got) / (double)expected;
		if (got != expected)
			nwith++;
		mean_pct += pct;
		if (pct > max_pct)
			max_pct = pct;
		unsync_ns += runs[r].ns_per_inc;
	}
	mean_pct /= (double)o.runs;
	unsync_ns /= (double)o.runs;

	for (i = RACE_MUTEX; i < RACE_MODE_N; i++) {
		static const char *const ko[] = { "", "뮤텍스로 세는 중", "원자적으로 세는 중", "스레드별로 세는 중" };
		static const char *const en[] = { "", "counting with a mutex", "counting atomically", "counting per thread" };
		long long t0 = report_now_ns();

		progress_update(env, DL(env, ko[i], en[i]), (double)step++ / steps);
		fix[i].actual = race_phase(t, (int)o.threads, (enum race_mode)i, o.increments, cpus);
		fix[i].ms = (double)(report_now_ns() - t0) / 1e6;
		fix[i].ns_per_inc = race_ns_per_inc(t, o.threads, o.increments);
		if (fix[i].actual != expected)
			fixes_exact = 0;
	}
	progress_done(env);
	free(t);

	if (env->json) {
		if (report_json_print(race_json(&o, &m, runs, fix, nwith, mean_pct, max_pct,
		                                fixes_exact, unsync_ns)) != 0)
			rc = 1;
	} else {
		race_print_runs(env, &o, runs, nwith, mean_pct, max_pct);
		race_print_fixes(env, &o, unsync_ns, nwith, fix);
		race_explain(env, &o, &m, nwith);
	}
	if (!fixes_exact) {
		report_error("race", "a synchronised count came out wrong: this is a bug in osprep");
		rc = 1;
	}
	return rc;
}

const struct demo demo_race = {
	.name = "race",
	.summary = { "잠금 없는 공유 카운터가 갱신을 잃는 모습과 세 가지 해결책의 비용",
	             "a shared counter without a lock loses updates; three fixes and their cost" },
	.usage = "demo race [--threads N] [--increments N] [--runs N] [--same-cpu|--no-pin]",
	.help = {
		"--threads N      스레드 수 (기본 2, 1-64)\n"
		"--increments N   스레드마다 올리는 횟수 (기본 10,000,000)\n"
		"--runs N         잠금 없이 세는 실행 횟수 (기본 5, 1-100)\n"
		"--same-cpu       모든 스레드를 CPU 하나에 고정: 끼어들기가 선점 때만 생김\n"
		"--no-pin         스레드를 CPU에 고정하지 않음\n",
		"--threads N      number of threads (default 2, 1-64)\n"
		"--increments N   increments per thread (default 10,000,000)\n"
		"--runs N         runs without a lock (default 5, 1-100)\n"
		"--same-cpu       pin every thread to one CPU: they interleave only when preempted\n"
		"--no-pin         leave threads unpinned\n",
	},
	.main = race_main,
	.source = demo_race_source,
};

#endif /* DEMO_CORE_ONLY */
