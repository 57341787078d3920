/*
 * check.h: loading deck files with validation, and the diagnostics it
 * produces. Every problem carries FILE:LINE:COL; all problems of a run are
 * collected, none stops the others from being found.
 */
#ifndef OSPREP_CHECK_H
#define OSPREP_CHECK_H

#include <stddef.h>
#include <stdio.h>

#include "content.h"

#define CHECK_MAX_FILE_SIZE (4u * 1024 * 1024)
#define CHECK_MAX_DEPTH 32

struct diag {
	char *file;
	int line, col;          /* 1-based; 0 when the problem has no position */
	int warning;            /* a warning does not make the deck broken */
	char *msg;
};

struct diags {
	struct diag *v;
	size_t n, cap;
	size_t nerrors, nwarnings;
};

void diags_add(struct diags *d, const char *file, int line, int col, int warning,
               const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Print as "file:line:col: message" (", warning: " for warnings), in order. */
void diags_print(const struct diags *d, FILE *f);
void diags_free(struct diags *d);

/*
 * Parse and validate one deck from a buffer (path names it in messages).
 * Returns the deck, or NULL when it has errors; problems go to d.
 */
struct deck *deck_parse(const char *path, const char *buf, size_t len, struct diags *d);

/* Read and parse a deck file. */
struct deck *deck_load(const char *path, struct diags *d);

void deck_free(struct deck *k);

/*
 * Load every *.json in dir (sorted by name), or the given files and
 * directories, then check what spans decks: unique ids, links, demo names.
 * A deck with errors is left out of c; the rest load. Returns the number of
 * errors found.
 */
size_t content_load(struct content *c, const char *const *paths, size_t npaths,
                    struct diags *d);

#endif
