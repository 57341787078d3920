/*
 * report.h: output shared by the demos: progress on stderr, Unicode bar
 * charts, and headings. Everything here writes plain text; colour only when
 * env->color is set. Labels may hold Hangul: widths are display columns.
 */
#ifndef OSPREP_DEMO_REPORT_H
#define OSPREP_DEMO_REPORT_H

#include <stdio.h>

#include "demo.h"

/* Pick the language's string, as L() does for the UI. */
#define DL(env, ko, en) ((env)->lang == 1 ? (en) : (ko))

/* Print a section heading. */
void report_heading(const struct demo_env *env, const char *title);

/*
 * One bar of a chart: "label  ████████▍      value unit". max is the value
 * that fills the bar; label_cols pads labels to the same display width.
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

#endif
