/*
 * demo.h: the live demos and the runner that isolates them.
 *
 * A demo is a small C program compiled into osprep. The runner forks it into
 * a child in its own process group, enforces a time limit, stops it on
 * Ctrl-C, reaps every process it made, and optionally captures its standard
 * output (used by prediction cards, which read the demo's --json).
 *
 * Each demo file (race.c, deadlock.c, pipe.c, ctxswitch.c) holds the code it
 * shows with --source and defines one `const struct demo demo_NAME`. A demo
 * file stands alone on purpose: its few helpers (a monotonic clock, pinning
 * to a CPU, a one-byte pipe read) are repeated in each rather than shared,
 * so the source a user reads is the whole program that ran.
 */
#ifndef OSPREP_DEMO_H
#define OSPREP_DEMO_H

#include <stddef.h>
#include <stdio.h>

/* What a demo's main gets: the language and output settings. */
struct demo_env {
	int lang;          /* 0 = Korean, 1 = English */
	int json;          /* --json: print one JSON object on stdout, nothing else */
	int progress;      /* draw progress on stderr (stderr is a terminal) */
	int color;         /* stdout may carry colour */
	int width;         /* terminal width in columns for charts */
};

struct demo {
	const char *name;
	const char *summary[2];     /* one line, ko and en */
	const char *usage;          /* "demo race [--threads N] ..." */
	const char *help[2];        /* option help, ko and en */
	/*
	 * Runs in the forked child. argv[0] is the demo name; the common options
	 * (--json, --timeout, --source) are already removed. Returns the child's
	 * exit status: 0 ok, 1 failure, 2 usage error (message on stderr).
	 */
	int (*main)(int argc, char **argv, const struct demo_env *env);
	const char *source;         /* the demo file's text, embedded at build time */
};

/* The table of demos, NULL-terminated. */
extern const struct demo *const demo_table[];

const struct demo *demo_find(const char *name);

/* Options of one run, set by the caller (the demo command or a prediction). */
struct demo_run_opts {
	double timeout_s;    /* kill the child's process group after this (default 15) */
	int capture;         /* collect the child's stdout into out/out_len */
	struct demo_env env;
};

struct demo_result {
	int status;          /* child's exit status, or 128+signal */
	int timed_out;       /* killed by the time limit */
	int interrupted;     /* stopped by Ctrl-C (SIGINT in the parent) */
	char *out;           /* captured stdout (capture only), NUL-terminated, malloc'd */
	size_t out_len;
	double elapsed_s;
};

/*
 * Run a demo isolated in a child process group. Never blocks past the time
 * limit plus a short grace period, leaves no process behind, and returns 0
 * when the child was started and reaped (res says how it ended), -1 when it
 * could not be started (errno set).
 */
int demo_run(const struct demo *d, int argc, char **argv,
             const struct demo_run_opts *opts, struct demo_result *res);

void demo_result_free(struct demo_result *res);

#endif
