/*
 * report.h: output shared by the demos: progress on stderr, Unicode bar
 * charts, and headings. Everything here writes plain text; colour only when
 * env->color is set. Labels may hold Hangul: widths are display columns.
 */
#ifndef OSPREP_DEMO_REPORT_H
#define OSPREP_DEMO_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "demo.h"

struct cJSON;

/* Pick the language's string, as L() does for the UI. */
#define DL(env, ko, en) ((env)->lang == 1 ? (en) : (ko))

/* Print a section heading. */
void report_heading(const struct demo_env *env, const char *title);

/*
 * One bar of a chart: "label  ████████▍      value unit". max is the value
 * that fills the bar; label_cols pads labels to the same display width.
 * A value_text of up to 22 columns keeps the line within report_cols().
 */
void report_bar(const struct demo_env *env, const char *label, int label_cols,
                double value, double max, const char *value_text);

/* Display width of a UTF-8 string in terminal columns. */
int report_width(const char *s);

/*
 * Progress on stderr, drawn only when env->progress: a bar with a label that
 * redraws in place. progress_done clears the line.
 */
void progress_update(const struct demo_env *env, const char *label, double frac);
void progress_done(const struct demo_env *env);

/* Wrap a paragraph to env->width and print it (explanations). */
void report_paragraph(const struct demo_env *env, const char *text);

/* Monotonic time in nanoseconds. */
long long report_now_ns(void);

/* Columns the demo's output may use: env->width, kept within 40..80. */
int report_cols(const struct demo_env *env);

/* A whole number with thousands separators ("20,000,000") into buf. */
const char *report_count(char *buf, size_t len, long long v);

/*
 * Option parsing for a demo's main. report_opt matches argv[*i] against
 * "--name" (a flag when val is NULL) or "--name VALUE" / "--name=VALUE",
 * stepping *i past a separate value. Returns 1 on a match, 0 when argv[*i]
 * is another option, -1 (message printed) when the value is missing.
 */
int report_opt(int argc, char **argv, int *i, const char *name, const char **val);

/*
 * Parse a whole number in [min, max] for option opt of demo; on failure
 * prints `demo NAME: --opt must be a whole number from MIN to MAX, not "x"`
 * on stderr and returns -1.
 */
int report_arg_long(const char *demo, const char *opt, const char *s,
                    long min, long max, long *out);

/* Print `osprep: demo NAME: ...` on stderr (usage problems). */
void report_error(const char *demo, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * The CPUs this process may run on (sched_getaffinity), lowest first, into
 * cpus[0..max); returns how many there are (0 if unknown).
 */
int report_cpus(int *cpus, int max);

/* CPUs online (sysconf), at least 1. */
int report_cpus_online(void);

/*
 * Pin the calling thread to cpu and check it took: the affinity mask reads
 * back as that one CPU and sched_getcpu() reports it. 1 if verified.
 */
int report_pin_self(int cpu);

/* Print a cJSON object as one line on stdout and free it; 0 on success. */
int report_json_print(struct cJSON *root);

/* The transparent-huge-page setting in force ("always", "madvise", "never"), or "unavailable". */
void report_thp(char *buf, size_t len);

/* MemAvailable from /proc/meminfo in MiB, or -1. */
long report_mem_available_mib(void);

#endif
