/*
 * report.c: what every demo prints with: headings, bar charts made of
 * eighth blocks, wrapped explanations, progress on stderr, option parsing
 * and the machine facts the --json output carries.
 */
#include "report.h"

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <pthread.h>

#include <cjson/cJSON.h>

#include "render.h"
#include "text.h"

/* The last thing printed was a heading: a paragraph follows it directly. */
static int report_fresh;

int
report_width(const char *s)
{
	return text_width(s);
}

int
report_cols(const struct demo_env *env)
{
	int w = env->width > 0 ? env->width : 80;

	if (w > 80)
		w = 80;
	if (w < 40)
		w = 40;
	return w;
}

void
report_heading(const struct demo_env *env, const char *title)
{
	int i, w = report_width(title);

	report_fresh = 1;
	printf("\n%s%s%s\n", env->color ? "\033[1m" : "", title, env->color ? "\033[0m" : "");
	for (i = 0; i < w && i < report_cols(env); i++)
		fputs("─", stdout);
	fputc('\n', stdout);
}

/* Print n columns of bar for frac (0..1) of width cols, in eighths. */
static void
bar_draw(FILE *f, double frac, int cols)
{
	static const char *const part[8] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	long eighths;
	int i, full, used;

	if (!(frac > 0))
		frac = 0;
	if (frac > 1)
		frac = 1;
	eighths = (long)(frac * cols * 8 + 0.5);
	if (eighths == 0 && frac > 0)
		eighths = 1;	/* a value that is not zero never looks like zero */
	full = (int)(eighths / 8);
	for (i = 0; i < full; i++)
		fputs("█", f);
	used = full;
	if (eighths % 8 != 0) {
		fputs(part[eighths % 8], f);
		used++;
	}
	for (; used < cols; used++)
		fputc(' ', f);
}

void
report_bar(const struct demo_env *env, const char *label, int label_cols,
           double value, double max, const char *value_text)
{
	int cols = report_cols(env) - 2 - label_cols - 2 - 1 - 22;
	int pad = label_cols - report_width(label);

	if (cols > 40)
		cols = 40;
	if (cols < 8)
		cols = 8;
	report_fresh = 0;
	printf("  %s%*s  ", label, pad > 0 ? pad : 0, "");
	if (env->color)
		fputs("\033[36m", stdout);
	bar_draw(stdout, max > 0 ? value / max : 0, cols);
	if (env->color)
		fputs("\033[0m", stdout);
	printf(" %s\n", value_text != NULL ? value_text : "");
}

void
progress_update(const struct demo_env *env, const char *label, double frac)
{
	if (!env->progress)
		return;
	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	fprintf(stderr, "\r  %s [", label);
	bar_draw(stderr, frac, 24);
	fprintf(stderr, "] %3d%%\033[K", (int)(frac * 100 + 0.5));
	fflush(stderr);
}

void
progress_done(const struct demo_env *env)
{
	if (!env->progress)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
}

void
report_paragraph(const struct demo_env *env, const char *text)
{
	struct render_opts o;

	o.width = report_cols(env);
	o.indent = 2;
	o.color = env->color;
	if (!report_fresh)
		fputc('\n', stdout);
	report_fresh = 0;
	fflush(stdout);
	render_paragraph(stdout, text, &o);
}

long long
report_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

const char *
report_count(char *buf, size_t len, long long v)
{
	char digits[32], out[48];
	int n, i, o = 0;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	n = snprintf(digits, sizeof digits, "%llu", u);
	if (v < 0)
		out[o++] = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	snprintf(buf, len, "%s", out);
	return buf;
}

void
report_error(const char *demo, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fflush(stdout);
	fprintf(stderr, "osprep: demo %s: %s\n", demo, msg);
}

int
report_opt(int argc, char **argv, int *i, const char *name, const char **val)
{
	const char *a = argv[*i];
	size_t n = strlen(name);

	if (strncmp(a, "--", 2) != 0 || strncmp(a + 2, name, n) != 0)
		return 0;
	if (val == NULL)
		return a[2 + n] == '\0';
	if (a[2 + n] == '=') {
		*val = a + 3 + n;
		return 1;
	}
	if (a[2 + n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		report_error(argv[0], "option \"--%s\" needs a value", name);
		return -1;
	}
	*val = argv[++*i];
	return 1;
}

int
report_arg_long(const char *demo, const char *opt, const char *s,
                long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (s[0] == '\0' || *end != '\0' || errno != 0 || v < min || v > max) {
		char a[32], b[32];
		report_error(demo, "--%s must be a whole number from %s to %s, not \"%s\"",
		             opt, report_count(a, sizeof a, min), report_count(b, sizeof b, max), s);
		return -1;
	}
	*out = v;
	return 0;
}

int
report_cpus(int *cpus, int max)
{
	cpu_set_t set;
	int c, n = 0;

	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof set, &set) != 0)
		return 0;
	for (c = 0; c < CPU_SETSIZE && n < max; c++)
		if (CPU_ISSET(c, &set))
			cpus[n++] = c;
	return n;
}

int
report_cpus_online(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 && n < INT_MAX ? (int)n : 1;
}

int
report_pin_self(int cpu)
{
	cpu_set_t set, back;

	if (cpu < 0 || cpu >= CPU_SETSIZE)
		return 0;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (pthread_setaffinity_np(pthread_self(), sizeof set, &set) != 0)
		return 0;
	CPU_ZERO(&back);
	if (pthread_getaffinity_np(pthread_self(), sizeof back, &back) != 0)
		return 0;
	if (CPU_COUNT(&back) != 1 || !CPU_ISSET(cpu, &back))
		return 0;
	/* the scheduler moves a thread off a CPU it may no longer use at once */
	return sched_getcpu() == cpu;
}

int
report_json_print(struct cJSON *root)
{
	char *s;
	int rc = 0;

	if (root == NULL)
		return -1;
	s = cJSON_PrintUnformatted(root);
	if (s == NULL || printf("%s\n", s) < 0)
		rc = -1;
	cJSON_free(s);
	cJSON_Delete(root);
	return rc;
}

void
report_thp(char *buf, size_t len)
{
	char line[256], *b, *e;
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");

	snprintf(buf, len, "unavailable");
	if (f == NULL)
		return;
	/* "always [madvise] never": the brackets mark the setting in force */
	if (fgets(line, sizeof line, f) != NULL && (b = strchr(line, '[')) != NULL &&
	    (e = strchr(b, ']')) != NULL) {
		*e = '\0';
		snprintf(buf, len, "%s", b + 1);
	}
	fclose(f);
}

long
report_mem_available_mib(void)
{
	char line[256];
	long kib, mib = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "MemAvailable: %ld kB", &kib) == 1) {
			mib = kib / 1024;
			break;
		}
	fclose(f);
	return mib;
}
