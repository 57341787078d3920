/*
 * cow.c: the copy-on-write demo. A buffer is made resident page by page
 * and fork() is timed with more and more of it resident, beside a memcpy of
 * the same memory: fork copies the page tables, not the pages. A child then
 * reads every page (no faults: its page tables already point at the
 * parent's pages) and writes one byte into some of them (one fault and one
 * whole page copied per page), and reports back through a pipe while the
 * parent reads the same address and finds its own value unchanged.
 *
 * The part between the core markers is what `demo cow --source` prints.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "demo.h"
#include "report.h"

/* osprep:core-begin */

#define COW_PARENT_VALUE 1     /* what the parent writes into every page */
#define COW_CHILD_VALUE  2     /* what the child writes after fork */

/* The buffer's own entry in /proc/self/smaps, in KiB. */
struct cow_mem {
	int ok;                /* the buffer's mapping was found */
	long rss_kib;          /* resident, shared pages counted in full */
	long pss_kib;          /* resident, shared pages divided among their users */
	long private_kib;      /* Private_Clean + Private_Dirty: pages only we map */
	long anon_huge_kib;    /* AnonHugePages: should stay 0 (MADV_NOHUGEPAGE) */
};

/* What the child measured, sent to the parent in one write() on a pipe. */
struct cow_report {
	long read_faults;      /* ru_minflt over reading one byte of every page */
	long write_faults;     /* ... over writing one byte into pages_written pages */
	long rewrite_faults;   /* ... over writing the same pages a second time */
	long pages_written;
	long long read_ns, write_ns;
	unsigned long read_sum;        /* what the reads saw (keeps them real) */
	struct cow_mem before, after;  /* the buffer, before and after the writes */
	uintptr_t address;             /* the first page written */
	int child_value;               /* what the child reads there afterwards */
	int err;                       /* errno of a failed step, 0 if none */
};

static long long
cow_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Minor page faults of this process so far: faults served without disk I/O. */
static long
cow_minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/* Is page i one of the pct percent the child writes? Spread evenly, page 0 first. */
static int
cow_selected(long i, long pct)
{
	return (i * pct) % 100 < pct;
}

/*
 * Map len bytes of private anonymous memory. MADV_NOHUGEPAGE asks for small
 * pages only, so one page-table entry, one fault and one copy are one page
 * (with transparent huge pages one entry could map 2 MiB).
 */
static char *
cow_map(size_t len, int *nohuge)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	*nohuge = madvise(p, len, MADV_NOHUGEPAGE) == 0;
	return p;
}

/*
 * Make pages [from, to) resident: the first write to an untouched anonymous
 * page faults, and the kernel maps a zeroed page of its own there.
 */
static void
cow_touch(char *buf, long from, long to, long page)
{
	long i;

	for (i = from; i < to; i++)
		buf[i * page] = COW_PARENT_VALUE;
}

/*
 * Time one fork() as the parent sees it: the call returns once the child
 * exists with a copy of the parent's page tables. The child only waits
 * for the pipe to close and exits; its exit is not timed.
 */
static long long
cow_time_fork(void)
{
	int hold[2];
	long long t0, t;
	pid_t pid;
	char c;

	if (pipe(hold) != 0)
		return -1;
	t0 = cow_now_ns();
	pid = fork();
	if (pid == 0) {
		close(hold[1]);
		while (read(hold[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	t = cow_now_ns() - t0;
	close(hold[0]);
	close(hold[1]);    /* the child sees end of file and exits */
	if (pid < 0)
		return -1;
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return t;
}

/*
 * The same with vfork(): the child borrows the parent's address space,
 * page tables and all, and the parent waits until the child calls _exit
 * (or exec). Nothing is copied.
 */
static long long
cow_time_vfork(void)
{
	static long long t0;    /* static: off the stack that the vfork child shares */
	long long t;
	pid_t pid;

	t0 = cow_now_ns();
	pid = vfork();
	if (pid == 0)
		_exit(0);
	t = cow_now_ns() - t0;
	if (pid < 0)
		return -1;
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return t;
}

/* What "fork copies the whole memory" would cost: one memcpy of it. */
static long long
cow_time_memcpy(char *dst, const char *src, size_t len)
{
	long long t0 = cow_now_ns();

	memcpy(dst, src, len);
	__asm__ volatile("" : : "r"(dst) : "memory");    /* the copy must happen */
	return cow_now_ns() - t0;
}

/* Find the mapping that holds addr in /proc/self/smaps and read its sizes. */
static void
cow_smaps(const void *addr, struct cow_mem *m)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	unsigned long lo, hi, a = (unsigned long)(uintptr_t)addr;
	char *line = NULL;
	size_t cap = 0;
	int in = 0;
	long v;

	memset(m, 0, sizeof *m);
	if (f == NULL)
		return;
	while (getline(&line, &cap, f) > 0) {
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2) {    /* a mapping's first line */
			if (in)
				break;
			in = lo <= a && a < hi;
			m->ok |= in;
		} else if (!in) {
			continue;
		} else if (sscanf(line, "Rss: %ld kB", &v) == 1) {
			m->rss_kib = v;
		} else if (sscanf(line, "Pss: %ld kB", &v) == 1) {
			m->pss_kib = v;
		} else if (sscanf(line, "Private_Clean: %ld kB", &v) == 1 ||
		           sscanf(line, "Private_Dirty: %ld kB", &v) == 1) {
			m->private_kib += v;
		} else if (sscanf(line, "AnonHugePages: %ld kB", &v) == 1) {
			m->anon_huge_kib = v;
		}
	}
	free(line);
	fclose(f);
}

/*
 * The child's part, right after fork: read every page, then write one byte
 * into pct percent of them, counting the page faults each step causes.
 */
static void
cow_child(char *buf, long pages, long page, long pct, struct cow_report *r)
{
	long i, f0;
	long long t0;

	memset(r, 0, sizeof *r);
	/* our own stack is copy-on-write too: fault it in before counting */
	(void)cow_minflt();
	(void)cow_now_ns();

	f0 = cow_minflt();
	t0 = cow_now_ns();
	for (i = 0; i < pages; i++)
		r->read_sum += (unsigned char)buf[i * page];
	r->read_ns = cow_now_ns() - t0;
	r->read_faults = cow_minflt() - f0;
	cow_smaps(buf, &r->before);

	f0 = cow_minflt();
	t0 = cow_now_ns();
	for (i = 0; i < pages; i++)
		if (cow_selected(i, pct)) {
			buf[i * page] = COW_CHILD_VALUE;    /* faults: the page is read-only */
			r->pages_written++;
		}
	r->write_ns = cow_now_ns() - t0;
	r->write_faults = cow_minflt() - f0;

	f0 = cow_minflt();
	for (i = 0; i < pages; i++)
		if (cow_selected(i, pct))
			buf[i * page] = COW_CHILD_VALUE;    /* the page is ours now */
	r->rewrite_faults = cow_minflt() - f0;
	cow_smaps(buf, &r->after);

	r->address = (uintptr_t)buf;
	r->child_value = buf[0];
}

/*
 * Fork a child that runs cow_child and sends its report. While the child
 * is still alive, holding its copies, the parent reads the byte at the
 * same address: *parent_value. Returns 0, or -1 with errno set.
 */
static int
cow_experiment(char *buf, long pages, long page, long pct, struct cow_report *r,
               int *parent_value)
{
	int rep[2], hold[2], err = 0;
	pid_t parent = getpid(), pid;
	size_t got = 0;
	ssize_t n;
	char c;

	if (pipe(rep) != 0)
		return -1;
	if (pipe(hold) != 0) {
		err = errno;
		close(rep[0]);
		close(rep[1]);
		errno = err;
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		struct cow_report mine;

		/* the grandchild: die with the demo */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(1);
		close(rep[0]);
		close(hold[1]);
		cow_child(buf, pages, page, pct, &mine);
		if (write(rep[1], &mine, sizeof mine) != (ssize_t)sizeof mine)
			_exit(1);
		/* stay alive, with the copies, until the parent has looked */
		while (read(hold[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	if (pid < 0)
		err = errno;
	close(rep[1]);
	close(hold[0]);
	while (pid > 0 && got < sizeof *r) {
		n = read(rep[0], (char *)r + got, sizeof *r - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n == 0 ? EPIPE : errno;    /* the child died first */
			break;
		}
		got += (size_t)n;
	}
	*parent_value = buf[0];    /* the same virtual address as the child's */
	close(hold[1]);
	close(rep[0]);
	if (pid > 0)
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	if (err == 0)
		err = r->err;
	if (err != 0) {
		errno = err;
		return -1;
	}
	return 0;
}

/* osprep:core-end */

extern const char demo_cow_source[];
extern const struct demo demo_cow;

#define COW_MAX_REPEATS  21
#define COW_MEMCPY_RUNS  3
#define COW_SIZES        4        /* none, 1/16, 1/4 and all of the buffer resident */

struct cow_opts {
	long mib, write_pct, repeats;
};

struct cow_machine {
	long page;               /* bytes */
	char thp[32];            /* the bracketed word of .../transparent_hugepage/enabled */
	long mem_available_mib;  /* -1 unknown */
	int online;
	char kernel[65];
};

struct cow_results {
	long pages;
	long resident[COW_SIZES];           /* pages resident at each fork size */
	double fork_us[COW_SIZES][COW_MAX_REPEATS];
	double fork_med_us[COW_SIZES];
	double vfork_us[COW_MAX_REPEATS], vfork_med_us;
	double memcpy_fresh_us;             /* into pages never touched */
	double memcpy_us[COW_MEMCPY_RUNS], memcpy_med_us;   /* into pages already mapped */
	int nohugepage;                     /* madvise(MADV_NOHUGEPAGE) took */
	struct cow_report child;
	int parent_value;
};

static int
cow_parse(int argc, char **argv, struct cow_opts *o)
{
	int i;

	o->mib = 256;
	o->write_pct = 25;
	o->repeats = 5;
	for (i = 1; i < argc; i++) {
		const char *v = NULL;
		int m;

		if ((m = report_opt(argc, argv, &i, "mib", &v)) != 0) {
			if (m < 0 || report_arg_long("cow", "mib", v, 16, 2048, &o->mib) != 0)
				return -1;
		} else if ((m = report_opt(argc, argv, &i, "write-pct", &v)) != 0) {
			if (m < 0 || report_arg_long("cow", "write-pct", v, 1, 100, &o->write_pct) != 0)
				return -1;
		} else if ((m = report_opt(argc, argv, &i, "repeats", &v)) != 0) {
			if (m < 0 || report_arg_long("cow", "repeats", v, 1, COW_MAX_REPEATS, &o->repeats) != 0)
				return -1;
		} else {
			report_error("cow", "unknown option \"%s\"", argv[i]);
			fprintf(stderr, "usage: %s\n", demo_cow.usage);
			return -1;
		}
	}
	return 0;
}

static void
cow_machine_read(struct cow_machine *m)
{
	struct utsname u;

	memset(m, 0, sizeof *m);
	m->page = sysconf(_SC_PAGESIZE);
	if (m->page <= 0)
		m->page = 4096;
	m->online = report_cpus_online();
	if (uname(&u) == 0)
		snprintf(m->kernel, sizeof m->kernel, "%s", u.release);
	report_thp(m->thp, sizeof m->thp);
	m->mem_available_mib = report_mem_available_mib();
}

static int
cow_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
cow_median(const double *v, int n)
{
	double s[COW_MAX_REPEATS];

	memcpy(s, v, (size_t)n * sizeof s[0]);
	qsort(s, (size_t)n, sizeof s[0], cow_cmp_double);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/* A duration in µs as "8.5 µs", "85 µs", "1.52 ms", "186 ms" or "2.10 s". */
static const char *
cow_time_text(char *buf, size_t len, double us)
{
	if (us < 10)
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

static long
cow_mib_of(const struct cow_results *r, int s, long page)
{
	return (long)((long long)r->resident[s] * page >> 20);
}

/* Page-table cost per GiB resident: the slope from none to all of the buffer. */
static double
cow_ms_per_gib(const struct cow_results *r, long page)
{
	double gib = (double)r->resident[COW_SIZES - 1] * (double)page / (1024.0 * 1024 * 1024);
	double d = r->fork_med_us[COW_SIZES - 1] - r->fork_med_us[0];

	return gib > 0 && d > 0 ? d / 1000 / gib : 0;
}

/* µs to copy one page at the measured memcpy speed. */
static double
cow_copy_us_per_page(const struct cow_results *r)
{
	return r->pages > 0 ? r->memcpy_med_us / (double)r->pages : 0;
}

static double
cow_fault_us(const struct cow_results *r)
{
	return r->child.write_faults > 0
	       ? (double)r->child.write_ns / 1000.0 / (double)r->child.write_faults : 0;
}

static long
cow_private_growth(const struct cow_report *c)
{
	return c->after.private_kib - c->before.private_kib;
}

static void
cow_intro(const struct demo_env *env, const struct cow_opts *o, const struct cow_machine *m,
          const struct cow_results *r)
{
	char line[2048], n[32], k[32];
	long written = 0, i;

	for (i = 0; i < r->pages; i++)
		written += cow_selected(i, o->write_pct);
	report_heading(env, DL(env, "fork()와 쓰기 시 복사: 실제로 복사되는 것",
	                            "fork() and copy-on-write: what really gets copied"));
	snprintf(line, sizeof line, DL(env,
		"%ld MiB 버퍼를 mmap으로 잡고 %ld KiB 페이지 %s개마다 1바이트를 써서 모두 메모리에 "
		"올립니다. MADV_NOHUGEPAGE로 이 버퍼에는 큰 페이지를 쓰지 않게 해서 폴트 하나가 "
		"페이지 하나가 됩니다. 버퍼가 0, %ld, %ld, %ld MiB 올라와 있을 때 fork()를 %ld번씩 "
		"재고(중앙값) 같은 양의 memcpy와 비교합니다. 그다음 자식이 모든 페이지를 읽고, "
		"%ld%%의 페이지(%s개)에 1바이트씩 씁니다. 지켜볼 것: fork가 메모리 복사보다 "
		"짧고 페이지 테이블만큼만 늘어나는지, 읽기에는 폴트가 거의 없는지, 쓴 페이지마다 "
		"폴트 한 번과 페이지 한 장의 복사가 일어나는지.",
		"A %ld MiB buffer is mapped with mmap and made resident by writing one byte into "
		"each of its %ld KiB pages (%s of them); MADV_NOHUGEPAGE keeps huge pages out of "
		"it, so one fault is one page. fork() is timed with 0, %ld, %ld and %ld MiB of "
		"the buffer resident, %ld times each (median), and compared with a memcpy of the "
		"same memory. Then a child reads every page and writes one byte into %ld%% of "
		"them (%s pages). Watch for: fork faster than copying the memory and growing "
		"only with the page tables; reads that cause almost no faults; one fault and one "
		"whole page copied per page written."),
		o->mib, m->page / 1024, report_count(n, sizeof n, r->pages),
		cow_mib_of(r, 1, m->page), cow_mib_of(r, 2, m->page), o->mib, o->repeats,
		o->write_pct, report_count(k, sizeof k, written));
	report_paragraph(env, line);
	printf("\n  %s %s\n", DL(env, "이 컴퓨터의 투명 큰 페이지(THP) 설정:",
	                            "transparent huge pages (THP) on this machine:"), m->thp);
	if (r->nohugepage)
		printf("  %s\n", DL(env, "이 버퍼: MADV_NOHUGEPAGE, 작은 페이지만",
		                         "this buffer: MADV_NOHUGEPAGE, small pages only"));
	else
		printf("  %s\n", DL(env, "이 버퍼: MADV_NOHUGEPAGE 실패, 큰 페이지가 섞일 수 있음",
		                         "this buffer: MADV_NOHUGEPAGE failed, huge pages may mix in"));
}

static void
cow_print(const struct demo_env *env, const struct cow_opts *o, const struct cow_machine *m,
          const struct cow_results *r)
{
	const struct cow_report *c = &r->child;
	char text[128], label[COW_SIZES][32], vlabel[48], n[32], a[32], b[32];
	double max;
	int s, lw = 0;

	for (s = 0; s < COW_SIZES; s++) {
		snprintf(label[s], sizeof label[s], "%ld MiB", cow_mib_of(r, s, m->page));
		if (report_width(label[s]) > lw)
			lw = report_width(label[s]);
	}
	snprintf(vlabel, sizeof vlabel, "vfork, %ld MiB", o->mib);
	if (report_width(vlabel) > lw)
		lw = report_width(vlabel);

	snprintf(text, sizeof text, DL(env, "fork() 시간, 올라와 있는 버퍼 크기별 (%ld회 중앙값)",
	                                    "fork() time by resident buffer (median of %ld)"), o->repeats);
	report_heading(env, text);
	max = r->vfork_med_us;
	for (s = 0; s < COW_SIZES; s++)
		if (r->fork_med_us[s] > max)
			max = r->fork_med_us[s];
	for (s = 0; s < COW_SIZES; s++)
		report_bar(env, label[s], lw, r->fork_med_us[s], max,
		           cow_time_text(text, sizeof text, r->fork_med_us[s]));
	report_bar(env, vlabel, lw, r->vfork_med_us, max, cow_time_text(text, sizeof text, r->vfork_med_us));
	printf(DL(env, "  페이지 테이블 복사: 올라와 있는 1 GiB당 약 %.1f ms\n"
	               "  (%ld MiB = 페이지 %s개 = 페이지 테이블 항목 %s개, 약 %s KiB)\n",
	              "  page-table copy: about %.1f ms per GiB resident\n"
	              "  (%ld MiB = %s pages = %s page-table entries, about %s KiB)\n"),
	       cow_ms_per_gib(r, m->page), o->mib, report_count(n, sizeof n, r->pages),
	       report_count(a, sizeof a, r->pages),
	       report_count(b, sizeof b, r->pages * (long)sizeof(void *) / 1024));

	snprintf(text, sizeof text, DL(env, "fork() 대 메모리 복사, %ld MiB", "fork() vs copying the memory, %ld MiB"),
	         o->mib);
	report_heading(env, text);
	{
		const char *l[3] = { "fork()", DL(env, "memcpy, 매핑된 곳으로", "memcpy, mapped pages"),
		                     DL(env, "memcpy, 새 페이지로", "memcpy, fresh pages") };
		double v[3] = { r->fork_med_us[COW_SIZES - 1], r->memcpy_med_us, r->memcpy_fresh_us };
		int i, w = 0;

		max = 0;
		for (i = 0; i < 3; i++) {
			if (report_width(l[i]) > w)
				w = report_width(l[i]);
			if (v[i] > max)
				max = v[i];
		}
		for (i = 0; i < 3; i++)
			report_bar(env, l[i], w, v[i], max, cow_time_text(text, sizeof text, v[i]));
		if (r->fork_med_us[COW_SIZES - 1] > 0)
			printf(DL(env, "  fork가 가장 싼 복사보다 %.1f배 빠름 (memcpy는 %d회 중앙값)\n",
			              "  fork: %.1f times faster than the cheapest copy (memcpy: median of %d)\n"),
			       r->memcpy_med_us / r->fork_med_us[COW_SIZES - 1], COW_MEMCPY_RUNS);
	}

	report_heading(env, DL(env, "자식의 페이지 폴트 (getrusage ru_minflt)",
	                            "The child's page faults (getrusage ru_minflt)"));
	{
		const char *l[5] = { DL(env, "읽은 페이지", "pages read"), DL(env, "읽기 폴트", "faults reading"),
		                     DL(env, "쓴 페이지", "pages written"), DL(env, "쓰기 폴트", "faults writing"),
		                     DL(env, "다시 쓰기 폴트", "faults writing again") };
		long v[5] = { r->pages, c->read_faults, c->pages_written, c->write_faults, c->rewrite_faults };
		int i, w = 0;

		for (i = 0; i < 5; i++)
			if (report_width(l[i]) > w)
				w = report_width(l[i]);
		for (i = 0; i < 5; i++) {
			report_count(n, sizeof n, v[i]);
			snprintf(text, sizeof text, i == 0 || i == 2 ? DL(env, "%s 페이지", "%s pages")
			                                             : DL(env, "%s회", "%s faults"), n);
			report_bar(env, l[i], w, (double)v[i], (double)r->pages, text);
		}
		printf(DL(env, "  쓰기 시 복사 폴트 한 번 %.2f µs (그중 %ld KiB 복사만 memcpy로 %.2f µs)\n",
		              "  %.2f µs per copy-on-write fault (copying %ld KiB alone: %.2f µs)\n"),
		       cow_fault_us(r), m->page / 1024, cow_copy_us_per_page(r));
	}

	report_heading(env, DL(env, "자식이 보는 버퍼 메모리 (/proc/self/smaps)",
	                            "The buffer's memory in the child (/proc/self/smaps)"));
	if (c->before.ok && c->after.ok) {
		const char *l[5] = { "Rss", "Pss", DL(env, "사적, 쓰기 전", "private, before writes"),
		                     DL(env, "사적, 쓴 뒤", "private, after writes"),
		                     DL(env, "실제로 쓴 바이트", "bytes actually written") };
		double v[5] = { (double)c->before.rss_kib, (double)c->before.pss_kib,
		                (double)c->before.private_kib, (double)c->after.private_kib,
		                (double)c->pages_written / 1024.0 };
		int i, w = 0;

		for (i = 0; i < 5; i++)
			if (report_width(l[i]) > w)
				w = report_width(l[i]);
		for (i = 0; i < 5; i++) {
			if (i == 4)
				snprintf(text, sizeof text, DL(env, "%s 바이트", "%s bytes"),
				         report_count(n, sizeof n, c->pages_written));
			else
				snprintf(text, sizeof text, "%s KiB", report_count(n, sizeof n, (long long)v[i]));
			report_bar(env, l[i], w, v[i], (double)o->mib * 1024, text);
		}
		printf("  %s\n", DL(env, "Rss는 공유 페이지를 다 세고, Pss는 나눠 세고, 사적 = 복사된 페이지",
		                         "Rss counts shared pages in full, Pss divides them, private = copied"));
	} else {
		printf("  %s\n", DL(env, "/proc/self/smaps를 읽을 수 없어 건너뜀",
		                         "skipped: /proc/self/smaps could not be read"));
	}

	report_heading(env, DL(env, "같은 가상 주소, 다른 값", "Same virtual address, two values"));
	printf(DL(env, "  자식  %p  = %d  (fork 뒤에 씀)\n", "  child   %p  = %d  (written after fork)\n"),
	       (void *)c->address, c->child_value);
	printf(DL(env, "  부모  %p  = %d  (%s)\n", "  parent  %p  = %d  (%s)\n"),
	       (void *)c->address, r->parent_value,
	       r->parent_value == COW_PARENT_VALUE ? DL(env, "그대로", "unchanged") : DL(env, "바뀜!", "changed!"));
}

static void
cow_explain(const struct demo_env *env, const struct cow_opts *o, const struct cow_machine *m,
            const struct cow_results *r)
{
	const struct cow_report *c = &r->child;
	char line[2400], t1[32], t2[32], t3[32], n1[32], n2[32], n3[32];
	double fork_full = r->fork_med_us[COW_SIZES - 1], per_gib = cow_ms_per_gib(r, m->page);
	double wpp = c->pages_written > 0 ? (double)c->write_faults / (double)c->pages_written : 0;
	double ns_page = r->pages > 0 ? (fork_full - r->fork_med_us[0]) * 1000 / (double)r->pages : 0;
	double copy_ns = cow_copy_us_per_page(r) * 1000;
	size_t k;

	report_heading(env, DL(env, "무엇을 보여 주나", "What it shows"));
	if (!r->nohugepage || c->after.anon_huge_kib > 0)
		report_paragraph(env, DL(env,
			"이 버퍼에 큰 페이지가 섞였습니다(MADV_NOHUGEPAGE가 듣지 않음). 폴트 수와 복사된 양이 "
			"아래 설명의 페이지 단위 예상과 다를 수 있습니다.",
			"Huge pages mixed into this buffer (MADV_NOHUGEPAGE did not hold), so the fault "
			"counts and the amount copied may differ from the page-by-page account below."));
	if (wpp < 0.8 || wpp > 1.2 || c->read_faults > r->pages / 10)
		report_paragraph(env, DL(env,
			"폴트 수가 쓰기 시 복사의 예상(읽기에는 거의 0, 쓴 페이지마다 1)에서 벗어났습니다. "
			"메모리가 부족해 페이지가 회수되었거나(스왑), 커널 설정이 다를 수 있습니다.",
			"The fault counts are off what copy-on-write predicts (almost none for reads, one "
			"per page written): pages may have been reclaimed under memory pressure, or the "
			"kernel is configured differently."));

	snprintf(line, sizeof line, DL(env,
		"fork()는 %ld MiB를 복사하지 않았습니다. 복사한 것은 버퍼를 가리키는 페이지 "
		"테이블(항목 %s개, 약 %s KiB: 데이터의 %ld분의 1)이고, 쓰기 가능한 사적 페이지를 부모와 "
		"자식 양쪽에서 읽기 전용으로 바꾸고 물리 페이지마다 참조 수를 올렸을 뿐입니다. 이 일은 "
		"바이트가 아니라 페이지 단위로 듭니다. 이 컴퓨터에서 올라와 있는 페이지 한 장에 약 %.0f ns, "
		"페이지 한 장(%ld KiB)을 복사하는 데는 약 %.0f ns입니다. 버퍼 전체가 올라와 있을 때 fork는 "
		"%s, 같은 양을 이미 매핑된 곳으로 memcpy하면 %s, 새 페이지로 복사하면(fork가 정말 "
		"복사한다면 해야 할 일) %s 걸렸습니다. ",
		"fork() did not copy the %ld MiB. It copied the page tables that map the buffer "
		"(%s entries, about %s KiB: 1/%ld of the data), marked every writable private "
		"page read-only in both processes and raised each physical page's reference "
		"count. That work is counted in pages, not bytes: on this machine about %.0f ns "
		"per resident page, while copying one %ld KiB page takes about %.0f ns. With the "
		"whole buffer resident fork took %s; a memcpy of the same memory took %s into "
		"pages already mapped, and %s into fresh pages, which is what a real copy at "
		"fork would need. "),
		o->mib, report_count(n1, sizeof n1, r->pages),
		report_count(n2, sizeof n2, r->pages * (long)sizeof(void *) / 1024),
		m->page / (long)sizeof(void *), ns_page, m->page / 1024, copy_ns,
		cow_time_text(t1, sizeof t1, fork_full),
		cow_time_text(t2, sizeof t2, r->memcpy_med_us), cow_time_text(t3, sizeof t3, r->memcpy_fresh_us));
	k = strlen(line);
	if (fork_full > 0 && fork_full < r->memcpy_med_us)
		snprintf(line + k, sizeof line - k, DL(env,
			"fork가 각각 %.1f배, %.0f배 빨랐습니다.",
			"fork was %.1f and %.0f times faster."),
			r->memcpy_med_us / fork_full, r->memcpy_fresh_us / fork_full);
	else
		snprintf(line + k, sizeof line - k, "%s", DL(env,
			"이번에는 fork가 가장 싼 복사보다 빠르지 않았습니다. 다른 일이 CPU를 많이 쓰고 "
			"있었는지 확인하세요.",
			"This time fork was not faster than the cheapest copy: check whether something "
			"else was busy on the CPUs."));
	report_paragraph(env, line);

	if (c->before.ok)
		snprintf(line, sizeof line, DL(env,
			"이어서 자식이 페이지 %s개를 모두 읽는 동안 폴트는 %ld번이었습니다. 자식의 페이지 "
			"테이블이 이미 부모의 물리 페이지를 가리키고 있으니 읽기는 그대로 통과합니다. 자식의 "
			"Rss는 버퍼 전체(%s KiB)를 세므로 top 같은 도구에서 fork한 프로세스는 부모만큼 커 "
			"보입니다. 공유 페이지를 쓰는 프로세스 수로 나눠 세는 Pss는 그 절반(%s KiB)이고, "
			"사적 메모리는 %s KiB, 즉 아무것도 복사되지 않았습니다.",
			"The child then read all %s pages with %ld page faults: its page tables already "
			"pointed at the parent's physical pages, so reads went straight through. Its Rss "
			"counts the whole buffer (%s KiB), which is why tools like top make a forked "
			"process look as big as its parent; Pss, which divides shared pages among the "
			"processes using them, is half of it (%s KiB), and its private memory was %s "
			"KiB: nothing had been copied."),
			report_count(n1, sizeof n1, r->pages), c->read_faults,
			report_count(n2, sizeof n2, c->before.rss_kib), report_count(n3, sizeof n3, c->before.pss_kib),
			report_count(t1, sizeof t1, c->before.private_kib));
	else
		snprintf(line, sizeof line, DL(env,
			"이어서 자식이 페이지 %s개를 모두 읽는 동안 폴트는 %ld번이었습니다. 자식의 페이지 "
			"테이블이 이미 부모의 물리 페이지를 가리키고 있으니 읽기는 그대로 통과합니다.",
			"The child then read all %s pages with %ld page faults: its page tables already "
			"pointed at the parent's physical pages, so reads went straight through."),
			report_count(n1, sizeof n1, r->pages), c->read_faults);
	report_paragraph(env, line);

	snprintf(line, sizeof line, DL(env,
		"페이지 %s개에 1바이트씩 쓰자 폴트가 %s번(쓴 페이지당 %.2f번) 일어났습니다. ",
		"Writing one byte into %s pages caused %s faults (%.2f per page written). "),
		report_count(n1, sizeof n1, c->pages_written), report_count(n2, sizeof n2, c->write_faults), wpp);
	k = strlen(line);
	if (c->after.ok)
		snprintf(line + k, sizeof line - k, DL(env,
			"자식의 사적 메모리는 %s KiB 늘었습니다. 1바이트를 쓸 때마다 %ld KiB 페이지 한 장이 "
			"통째로 복사된 것입니다. ",
			"The child's private memory grew by %s KiB: each one-byte write copied a whole "
			"%ld KiB page. "),
			report_count(n3, sizeof n3, cow_private_growth(c)), m->page / 1024);
	k = strlen(line);
	snprintf(line + k, sizeof line - k, DL(env,
		"이 컴퓨터에서 폴트 한 번은 약 %.1f µs였고, 그중 %ld KiB 복사 자체는 memcpy 속도로 "
		"약 %.2f µs입니다. 나머지는 커널로 들어가는 트랩, 새 페이지 할당, 페이지 테이블 항목 "
		"갱신, TLB에서 옛 변환을 지우는 일입니다. 같은 페이지에 다시 쓸 때 폴트는 %ld번: 한 번 "
		"복사된 페이지는 이제 자식만의 것입니다.",
		"On this machine one fault took about %.1f µs, of which copying the %ld KiB is "
		"about %.2f µs at memcpy speed; the rest is the trap into the kernel, allocating "
		"a page, updating the page-table entry and dropping the old translation from the "
		"TLB. Writing the same pages again caused %ld faults: once copied, a page is the "
		"child's own."),
		cow_fault_us(r), m->page / 1024, cow_copy_us_per_page(r), c->rewrite_faults);
	report_paragraph(env, line);

	snprintf(line, sizeof line, DL(env,
		"같은 가상 주소 %p의 값이 자식에서는 %d, 부모에서는 %d였습니다. 프로그램이 보는 주소는 "
		"가상 주소이고 프로세스마다 자기 페이지 테이블로 변환합니다. 자식이 쓴 뒤로 자식의 "
		"항목은 새 복사본을, 부모의 항목은 원래 페이지를 가리킵니다.",
		"At the same virtual address %p the child read %d and the parent %d. The addresses "
		"a program sees are virtual, and each process translates them through its own page "
		"tables: after the child's write, its entry points at the new copy and the parent's "
		"still at the original page."),
		(void *)c->address, c->child_value, r->parent_value);
	report_paragraph(env, line);

	snprintf(line, sizeof line, DL(env,
		"그래서 fork 직후 exec하는 흔한 패턴은 쌉니다. exec가 복사한 페이지 테이블을 곧바로 "
		"버리고, 그 사이에 건드린 몇 페이지(주로 스택)만 복사되기 때문입니다. 그렇다고 비용이 "
		"사라지지는 않습니다. 나중의 쓰기로 미뤄져 폴트로 나타나고, 올라와 있는 메모리가 크면 fork "
		"자체도 공짜가 아닙니다. 여기서 잰 GiB당 약 %.1f ms로 치면, 32 GiB가 올라와 있는 "
		"프로세스는 페이지 테이블을 복사하느라 fork 안에서 대략 %.0f ms를 보냅니다(Redis는 이를 "
		"latest_fork_usec로 보고합니다). 그 뒤에는 어느 쪽이든 쓰는 페이지마다 복사되니, 쓰기가 "
		"많은 Redis의 BGSAVE는 메모리를 거의 두 배로 쓰기도 합니다.",
		"That is why fork followed by exec is cheap: exec throws the copied page tables "
		"away at once, and only the few pages touched in between (mostly stack) are ever "
		"copied. The cost does not vanish, though. It moves to later writes, as faults, "
		"and with a big resident set fork itself is not free: at about %.1f ms per GiB as "
		"measured here, a process with 32 GiB resident spends roughly %.0f ms inside fork "
		"copying page tables (Redis reports this as latest_fork_usec). After that every "
		"page either side writes is copied, so a Redis BGSAVE under heavy writes can "
		"nearly double its memory."),
		per_gib, per_gib * 32);
	report_paragraph(env, line);

	snprintf(line, sizeof line, DL(env,
		"페이지 테이블 복사마저 피하는 방법: vfork()는 자식이 exec나 _exit를 부를 때까지 부모의 "
		"주소 공간을 그대로 빌려 줍니다(여기서 같은 %ld MiB가 올라와 있을 때 %s). posix_spawn()이 "
		"그 일을 안전하게 대신 해 주고(glibc는 clone(CLONE_VM | CLONE_VFORK)를 씁니다), "
		"clone(CLONE_VM)은 주소 공간을 아예 공유합니다. 그것이 스레드입니다.",
		"To avoid even the page-table copy: vfork() lends the parent's address space to "
		"the child until it calls exec or _exit (here, with the same %ld MiB resident: "
		"%s); posix_spawn() does that safely for you (glibc uses clone(CLONE_VM | "
		"CLONE_VFORK)); and clone(CLONE_VM) shares the address space outright, which is "
		"what a thread is."),
		o->mib, cow_time_text(t1, sizeof t1, r->vfork_med_us));
	report_paragraph(env, line);

	snprintf(line, sizeof line, DL(env,
		"투명 큰 페이지(THP, 이 컴퓨터의 설정: %s)는 단위를 바꿉니다. 이 버퍼는 MADV_NOHUGEPAGE로 "
		"%ld KiB 페이지만 쓰게 했습니다. 2 MiB 페이지라면 fork는 2 MiB마다 항목 하나만 복사하니 더 "
		"빨라지지만, Linux 5.8 이전에는 공유된 큰 페이지에 처음 쓰면 2 MiB 전체가, 곧 4 KiB의 "
		"512배가 복사되었습니다. 5.8부터는 큰 페이지의 매핑을 쪼개 4 KiB만 복사합니다. fork하는 "
		"Redis 같은 데이터베이스가 오래전부터 THP를 끄라고 경고해 온 이유입니다.",
		"Transparent huge pages (THP; the setting here: %s) change the unit. This buffer "
		"was kept to %ld KiB pages with MADV_NOHUGEPAGE. With 2 MiB pages fork copies one "
		"entry per 2 MiB and gets cheaper still, but before Linux 5.8 the first write into "
		"a shared huge page copied all 2 MiB, 512 times a 4 KiB page; since 5.8 the kernel "
		"splits the huge page's mapping and copies 4 KiB. That is why databases that fork, "
		"such as Redis, have long warned against THP."),
		m->thp, m->page / 1024);
	report_paragraph(env, line);

	report_paragraph(env, DL(env,
		"면접에서는: fork는 논리적으로 주소 공간 전체를 복제하지만 실제로 복사하는 것은 페이지 "
		"테이블뿐이고, 페이지는 읽기 전용으로 공유되다가 어느 쪽이든 처음 쓰는 순간 그 페이지 "
		"한 장만 복사됩니다. 남는 비용 두 가지를 덧붙이면 좋습니다: 올라와 있는 메모리에 "
		"비례하는 페이지 테이블 복사 시간, 그리고 나중에 쓰는 페이지마다 폴트 한 번과 페이지 "
		"복사 한 번.",
		"In an interview: fork duplicates the address space logically but copies only the "
		"page tables; the pages are shared read-only, and a page is copied when either "
		"side first writes to it, one page at a time. Add the two costs that remain: "
		"page-table copy time in proportion to resident memory, and one fault plus one "
		"page copy for every page written later."));
}

static void
cow_json_mem(cJSON *o, const char *key, const struct cow_mem *mem)
{
	cJSON *x;

	if (!mem->ok) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	x = cJSON_AddObjectToObject(o, key);
	cJSON_AddNumberToObject(x, "rss_kib", (double)mem->rss_kib);
	cJSON_AddNumberToObject(x, "pss_kib", (double)mem->pss_kib);
	cJSON_AddNumberToObject(x, "private_kib", (double)mem->private_kib);
	cJSON_AddNumberToObject(x, "anon_huge_kib", (double)mem->anon_huge_kib);
}

static cJSON *
cow_json(const struct cow_opts *o, const struct cow_machine *m, const struct cow_results *r)
{
	const struct cow_report *c = &r->child;
	cJSON *root = cJSON_CreateObject(), *p, *mach, *runs, *forks, *x, *a, *d;
	static const char *const size_key[COW_SIZES] = {
		"fork_us_base", "fork_us_small", "fork_us_mid", "fork_us_full"
	};
	char addr[32];
	int s, i;

	if (root == NULL)
		return NULL;
	snprintf(addr, sizeof addr, "%p", (void *)c->address);
	cJSON_AddStringToObject(root, "demo", "cow");
	p = cJSON_AddObjectToObject(root, "params");
	cJSON_AddNumberToObject(p, "mib", (double)o->mib);
	cJSON_AddNumberToObject(p, "write_pct", (double)o->write_pct);
	cJSON_AddNumberToObject(p, "repeats", (double)o->repeats);
	cJSON_AddNumberToObject(p, "memcpy_runs", COW_MEMCPY_RUNS);

	mach = cJSON_AddObjectToObject(root, "machine");
	cJSON_AddNumberToObject(mach, "page_size", (double)m->page);
	cJSON_AddStringToObject(mach, "thp", m->thp);
	cJSON_AddBoolToObject(mach, "nohugepage", r->nohugepage);
	cJSON_AddNumberToObject(mach, "online_cpus", m->online);
	cJSON_AddStringToObject(mach, "kernel", m->kernel);
	if (m->mem_available_mib >= 0)
		cJSON_AddNumberToObject(mach, "mem_available_mib", (double)m->mem_available_mib);
	else
		cJSON_AddNullToObject(mach, "mem_available_mib");

	runs = cJSON_AddObjectToObject(root, "runs");
	forks = cJSON_AddArrayToObject(runs, "fork");
	for (s = 0; s < COW_SIZES; s++) {
		x = cJSON_CreateObject();
		cJSON_AddNumberToObject(x, "resident_mib", (double)cow_mib_of(r, s, m->page));
		cJSON_AddNumberToObject(x, "resident_pages", (double)r->resident[s]);
		a = cJSON_AddArrayToObject(x, "us");
		for (i = 0; i < o->repeats; i++)
			cJSON_AddItemToArray(a, cJSON_CreateNumber(r->fork_us[s][i]));
		cJSON_AddNumberToObject(x, "median_us", r->fork_med_us[s]);
		cJSON_AddItemToArray(forks, x);
	}
	x = cJSON_AddObjectToObject(runs, "vfork");
	a = cJSON_AddArrayToObject(x, "us");
	for (i = 0; i < o->repeats; i++)
		cJSON_AddItemToArray(a, cJSON_CreateNumber(r->vfork_us[i]));
	cJSON_AddNumberToObject(x, "median_us", r->vfork_med_us);
	x = cJSON_AddObjectToObject(runs, "memcpy");
	cJSON_AddNumberToObject(x, "bytes", (double)r->pages * (double)m->page);
	cJSON_AddNumberToObject(x, "fresh_us", r->memcpy_fresh_us);
	a = cJSON_AddArrayToObject(x, "mapped_us");
	for (i = 0; i < COW_MEMCPY_RUNS; i++)
		cJSON_AddItemToArray(a, cJSON_CreateNumber(r->memcpy_us[i]));
	x = cJSON_AddObjectToObject(runs, "child");
	cJSON_AddNumberToObject(x, "read_faults", (double)c->read_faults);
	cJSON_AddNumberToObject(x, "read_us", (double)c->read_ns / 1000.0);
	cJSON_AddNumberToObject(x, "pages_written", (double)c->pages_written);
	cJSON_AddNumberToObject(x, "write_faults", (double)c->write_faults);
	cJSON_AddNumberToObject(x, "write_us", (double)c->write_ns / 1000.0);
	cJSON_AddNumberToObject(x, "rewrite_faults", (double)c->rewrite_faults);
	cow_json_mem(x, "smaps_before_write", &c->before);
	cow_json_mem(x, "smaps_after_write", &c->after);
	x = cJSON_AddObjectToObject(runs, "same_address");
	cJSON_AddStringToObject(x, "address", addr);
	cJSON_AddNumberToObject(x, "child_value", c->child_value);
	cJSON_AddNumberToObject(x, "parent_value", r->parent_value);

	d = cJSON_AddObjectToObject(root, "derived");
	cJSON_AddNumberToObject(d, "mib", (double)o->mib);
	cJSON_AddNumberToObject(d, "pages", (double)r->pages);
	cJSON_AddNumberToObject(d, "pages_written", (double)c->pages_written);
	for (s = 0; s < COW_SIZES; s++)
		cJSON_AddNumberToObject(d, size_key[s], r->fork_med_us[s]);
	cJSON_AddNumberToObject(d, "vfork_us_full", r->vfork_med_us);
	cJSON_AddNumberToObject(d, "fork_ms_per_gib", cow_ms_per_gib(r, m->page));
	cJSON_AddNumberToObject(d, "memcpy_us_full", r->memcpy_med_us);
	cJSON_AddNumberToObject(d, "memcpy_fresh_us_full", r->memcpy_fresh_us);
	cJSON_AddNumberToObject(d, "memcpy_over_fork",
	                        r->fork_med_us[COW_SIZES - 1] > 0
	                        ? r->memcpy_med_us / r->fork_med_us[COW_SIZES - 1] : 0);
	cJSON_AddNumberToObject(d, "child_read_faults", (double)c->read_faults);
	cJSON_AddNumberToObject(d, "read_faults_per_page",
	                        r->pages > 0 ? (double)c->read_faults / (double)r->pages : 0);
	cJSON_AddNumberToObject(d, "child_write_faults", (double)c->write_faults);
	cJSON_AddNumberToObject(d, "write_faults_per_page_written",
	                        c->pages_written > 0 ? (double)c->write_faults / (double)c->pages_written : 0);
	cJSON_AddNumberToObject(d, "child_rewrite_faults", (double)c->rewrite_faults);
	cJSON_AddNumberToObject(d, "fault_us", cow_fault_us(r));
	cJSON_AddNumberToObject(d, "copy_us_per_page", cow_copy_us_per_page(r));
	if (c->before.ok && c->after.ok) {
		cJSON_AddNumberToObject(d, "child_rss_kib", (double)c->before.rss_kib);
		cJSON_AddNumberToObject(d, "child_pss_kib", (double)c->before.pss_kib);
		cJSON_AddNumberToObject(d, "private_kib_before_write", (double)c->before.private_kib);
		cJSON_AddNumberToObject(d, "private_kib_after_write", (double)c->after.private_kib);
		cJSON_AddNumberToObject(d, "private_kib_per_page_written",
		                        c->pages_written > 0
		                        ? (double)cow_private_growth(c) / (double)c->pages_written : 0);
		cJSON_AddNumberToObject(d, "anon_huge_kib", (double)c->after.anon_huge_kib);
	} else {
		cJSON_AddNullToObject(d, "child_rss_kib");
		cJSON_AddNullToObject(d, "child_pss_kib");
		cJSON_AddNullToObject(d, "private_kib_before_write");
		cJSON_AddNullToObject(d, "private_kib_after_write");
		cJSON_AddNullToObject(d, "private_kib_per_page_written");
		cJSON_AddNullToObject(d, "anon_huge_kib");
	}
	cJSON_AddNumberToObject(d, "bytes_written", (double)c->pages_written);
	cJSON_AddStringToObject(d, "address", addr);
	cJSON_AddNumberToObject(d, "parent_value", r->parent_value);
	cJSON_AddNumberToObject(d, "child_value", c->child_value);
	cJSON_AddBoolToObject(d, "parent_value_unchanged", r->parent_value == COW_PARENT_VALUE);
	cJSON_AddStringToObject(d, "thp", m->thp);
	cJSON_AddBoolToObject(d, "nohugepage", r->nohugepage);
	return root;
}

/*
 * The fork timings: the buffer becomes resident in steps (none, 1/16, 1/4,
 * all) and fork() is timed o->repeats times at each step; then vfork() with
 * all of it resident.
 */
static int
cow_run_forks(const struct demo_env *env, const struct cow_opts *o, char *buf, long page,
              struct cow_results *r)
{
	long done = 0, step, to;
	long long ns;
	int s, i, total = COW_SIZES * (int)o->repeats + (int)o->repeats, k = 0;

	for (s = 0; s < COW_SIZES; s++) {
		/* touch in slices so the progress bar moves on big buffers */
		for (step = 1L << 14; done < r->resident[s]; done = to) {
			to = done + step < r->resident[s] ? done + step : r->resident[s];
			cow_touch(buf, done, to, page);
			progress_update(env, DL(env, "페이지 올리는 중", "touching pages"),
			                0.6 * (double)to / (double)r->pages);
		}
		for (i = 0; i < o->repeats; i++) {
			progress_update(env, DL(env, "fork 재는 중", "timing fork"), 0.6 + 0.1 * k++ / total);
			if ((ns = cow_time_fork()) < 0) {
				report_error("cow", "fork: %s", strerror(errno));
				return -1;
			}
			r->fork_us[s][i] = (double)ns / 1000.0;
		}
		r->fork_med_us[s] = cow_median(r->fork_us[s], (int)o->repeats);
	}
	for (i = 0; i < o->repeats; i++) {
		progress_update(env, DL(env, "vfork 재는 중", "timing vfork"), 0.6 + 0.1 * k++ / total);
		if ((ns = cow_time_vfork()) < 0) {
			report_error("cow", "vfork: %s", strerror(errno));
			return -1;
		}
		r->vfork_us[i] = (double)ns / 1000.0;
	}
	r->vfork_med_us = cow_median(r->vfork_us, (int)o->repeats);
	return 0;
}

/* memcpy of the whole buffer: once into fresh pages, then into the same, mapped ones. */
static int
cow_run_memcpy(const struct demo_env *env, const char *buf, size_t len, struct cow_results *r)
{
	int nohuge, i;
	char *dst;

	progress_update(env, DL(env, "memcpy 재는 중", "timing memcpy"), 0.7);
	dst = cow_map(len, &nohuge);
	if (dst == NULL) {
		report_error("cow", "cannot map %zu MiB to copy into: %s", len >> 20, strerror(errno));
		return -1;
	}
	r->memcpy_fresh_us = (double)cow_time_memcpy(dst, buf, len) / 1000.0;
	for (i = 0; i < COW_MEMCPY_RUNS; i++) {
		progress_update(env, DL(env, "memcpy 재는 중", "timing memcpy"), 0.75 + 0.05 * i);
		r->memcpy_us[i] = (double)cow_time_memcpy(dst, buf, len) / 1000.0;
	}
	r->memcpy_med_us = cow_median(r->memcpy_us, COW_MEMCPY_RUNS);
	munmap(dst, len);
	return 0;
}

static int
cow_main(int argc, char **argv, const struct demo_env *env)
{
	struct cow_opts o;
	struct cow_machine m;
	struct cow_results *r;
	size_t len;
	char *buf;
	int rc = 0;

	if (cow_parse(argc, argv, &o) != 0)
		return 2;
	signal(SIGPIPE, SIG_IGN);    /* a vanished child is an error, not a death */
	cow_machine_read(&m);
	/* the buffer, and a second one as large to memcpy into */
	if (m.mem_available_mib >= 0 && 2 * o.mib > m.mem_available_mib * 9 / 10) {
		report_error("cow", "not enough free memory: --mib %ld needs about %ld MiB and %ld MiB "
		             "is available; try a smaller --mib", o.mib, 2 * o.mib, m.mem_available_mib);
		return 1;
	}
	r = calloc(1, sizeof *r);
	if (r == NULL) {
		report_error("cow", "out of memory");
		return 1;
	}
	len = (size_t)o.mib << 20;
	r->pages = (long)(len / (size_t)m.page);
	r->resident[0] = 0;
	r->resident[1] = r->pages / 16;
	r->resident[2] = r->pages / 4;
	r->resident[3] = r->pages;
	buf = cow_map(len, &r->nohugepage);
	if (buf == NULL) {
		report_error("cow", "cannot map %ld MiB: %s", o.mib, strerror(errno));
		free(r);
		return 1;
	}
	if (!env->json) {
		cow_intro(env, &o, &m, r);
		fflush(stdout);
	}
	if (cow_run_forks(env, &o, buf, m.page, r) != 0 || cow_run_memcpy(env, buf, len, r) != 0) {
		progress_done(env);
		rc = 1;
		goto out;
	}
	progress_update(env, DL(env, "자식이 읽고 쓰는 중", "child reading and writing"), 0.9);
	if (cow_experiment(buf, r->pages, m.page, o.write_pct, &r->child, &r->parent_value) != 0) {
		progress_done(env);
		report_error("cow", "child: %s", strerror(errno));
		rc = 1;
		goto out;
	}
	progress_done(env);

	if (env->json) {
		if (report_json_print(cow_json(&o, &m, r)) != 0)
			rc = 1;
	} else {
		cow_print(env, &o, &m, r);
		cow_explain(env, &o, &m, r);
	}
out:
	munmap(buf, len);
	free(r);
	return rc;
}

const struct demo demo_cow = {
	.name = "cow",
	.summary = { "fork()는 메모리를 복사하지 않는다: 쓰기 시 복사를 폴트 수와 시간으로 확인",
	             "fork() does not copy the memory: copy-on-write, in page faults and timings" },
	.usage = "demo cow [--mib N] [--write-pct P] [--repeats N]",
	.help = {
		"--mib N        버퍼 크기, MiB (기본 256, 16-2,048); 메모리는 그 두 배까지 씀\n"
		"--write-pct P  자식이 1바이트씩 쓸 페이지의 비율, % (기본 25, 1-100)\n"
		"--repeats N    크기마다 fork를 잴 횟수, 중앙값을 씀 (기본 5, 1-21)\n",
		"--mib N        buffer size in MiB (default 256, 16-2,048); uses up to twice that\n"
		"--write-pct P  percentage of pages the child writes one byte into (default 25,\n"
		"               1-100)\n"
		"--repeats N    fork timings per size; the median is used (default 5, 1-21)\n",
	},
	.main = cow_main,
	.source = demo_cow_source,
};
