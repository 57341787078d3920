/*
 * store.h: the progress store, DATA_DIR/progress.db (SQLite).
 *
 * It holds each card's scheduling state keyed by the card's stable id, an
 * append-only log of every rating, and mock-interview transcripts. The
 * store promises:
 *
 *  - a rating is one transaction: when store_record_review returns 0 the
 *    rating is on disk (WAL, synchronous=FULL); when it returns -1 nothing
 *    of it is, and store_errmsg says why (read-only, disk full, locked);
 *  - a process killed at any moment leaves a consistent database;
 *  - state is never deleted: a card that leaves the content keeps its
 *    history, and gets it back if its id returns;
 *  - undo restores the state a rating replaced, taken from the log, and
 *    marks the rating undone (the log itself is only appended to).
 *
 * Functions that can fail return -1 and leave a message for store_errmsg.
 */
#ifndef OSPREP_STORE_H
#define OSPREP_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "fsrs.h"

#define STORE_FILE "progress.db"
#define STORE_SCHEMA_VERSION 4

struct store;

/* Where a rating came from. */
enum store_kind {
	STORE_FLASHCARD,
	STORE_PRACTICE,
	STORE_PREDICTION,
	STORE_KIND_N
};

/* One rating as the log keeps it. */
struct store_review {
	int64_t id;                  /* set by store_record_review */
	const char *card_id;
	int64_t time;                /* Unix seconds */
	int rating;                  /* 1-4 */
	double seconds;              /* time taken to answer; 0 if unknown */
	enum store_kind kind;
	struct fsrs_card before;     /* the state the rating replaced */
	struct fsrs_card after;      /* the state it produced */
	int undone;                  /* history only: later undone */
};

/* Every card state in the store, sorted by id (see store_load_states). */
struct store_state {
	const char *id;
	struct fsrs_card card;
};

struct store_states {
	struct store_state *v;
	size_t n;
	char *names;                 /* storage for the ids */
};

/*
 * Open DATA_DIR/progress.db, creating the directory (0700) and the file
 * (0600) when missing, and bring the schema up to date. NULL on failure,
 * with the reason in err: `cannot create "DIR": Permission denied`.
 */
struct store *store_open(const char *data_dir, char *err, size_t errlen);
/* The same for a database file named directly. */
struct store *store_open_file(const char *path, char *err, size_t errlen);
void store_close(struct store *s);

const char *store_errmsg(const struct store *s);
const char *store_path(const struct store *s);
/* How long a write waits for another process's lock (default 3000 ms). */
void store_set_busy_timeout(struct store *s, int ms);
/* PRAGMA user_version, or -1. */
int store_schema_version(struct store *s);
/* The sqlite3 * underneath, for tests and benchmarks only. */
void *store_db(struct store *s);
/* The SQL that takes the schema from version v - 1 to v, or NULL (tests). */
const char *store_migration_sql(int v);

/* A card's state: 1 and *c filled, 0 if it has none (new), -1 on error. */
int store_get_state(struct store *s, const char *card_id, struct fsrs_card *c);

/* All card states (any content), sorted by id. Free with store_states_free. */
int store_load_states(struct store *s, struct store_states *out);
const struct fsrs_card *store_states_find(const struct store_states *st, const char *card_id);
void store_states_free(struct store_states *st);

/*
 * Record a rating: the card's state becomes r->after and the rating is
 * appended to the log, in one transaction. r->before must be the state the
 * store holds (a new card: reps 0), so two sessions cannot silently
 * overwrite each other. Sets r->id. 0, or -1 and nothing was saved.
 */
int store_record_review(struct store *s, struct store_review *r);

/*
 * Undo rating `id`: the card gets back the state before it. Only a card's
 * latest rating can be undone. 0 with the restored state in *restored
 * (may be NULL), or -1.
 */
int store_undo(struct store *s, int64_t id, int64_t now, struct fsrs_card *restored);

/* The newest rating not undone: 1 and *id, 0 if none, -1 on error. */
int store_last_review(struct store *s, int64_t *id);

/*
 * A card's ratings, oldest first, undone ones included (undone set). The
 * callback returns 0 to go on. Returns 0, or -1.
 */
int store_history(struct store *s, const char *card_id,
                  int (*cb)(const struct store_review *r, void *arg), void *arg);

/*
 * Ratings (not undone) per period: counts[i] gets those with time in
 * [bounds[i], bounds[i + 1]), for i < n. Returns the total, or -1.
 */
long store_reviews_between(struct store *s, const int64_t *bounds, int n, long *counts);

/*
 * True retention: ratings of cards that were in review state, and those
 * among them not "again", over all time and since `since`.
 */
struct store_retention {
	long total, passed;
	long recent_total, recent_passed;
};
int store_retention(struct store *s, int64_t since, struct store_retention *out);

/*
 * New cards introduced (first rated, not undone) since `since`, counted in
 * *n: those keep(card_id, kind, arg) returns non-zero for, or all of them
 * when keep is NULL. The log does not know a card's content kind, so the
 * caller, which does, decides what counts (review: flashcards and choice
 * cards).
 */
int store_new_since(struct store *s, int64_t since,
                    int (*keep)(const char *card_id, enum store_kind kind, void *arg), void *arg,
                    long *n);

/* Ratings and seconds spent since `since`. */
int store_totals(struct store *s, int64_t since, long *reviews, double *seconds);

/* Mock interviews ----------------------------------------------------------- */

struct store_interview {
	int64_t id;
	int64_t started, ended;      /* ended is 0 while running or if abandoned */
	int complete;
	double score;                /* 0-100; negative if none */
	const char *lang;
	int nturns;
};

struct store_turn {
	int seq;                     /* 1, 2, ... within the interview */
	const char *card_id;         /* the question card */
	const char *answer;          /* what the user said */
	double coverage;             /* share of key points covered, 0-1 */
	double seconds;              /* time taken */
	int overrun;                 /* went over the time budget */
	int64_t time;
};

int store_interview_begin(struct store *s, int64_t now, const char *lang, int64_t *id);
int store_interview_turn(struct store *s, int64_t interview_id, const struct store_turn *t);
int store_interview_end(struct store *s, int64_t interview_id, int64_t now, int complete,
                        double score);
/* Newest first; at most limit (0: all). */
int store_interview_list(struct store *s, int limit,
                         int (*cb)(const struct store_interview *iv, void *arg), void *arg);
int store_interview_turns(struct store *s, int64_t interview_id,
                          int (*cb)(const struct store_turn *t, void *arg), void *arg);

const char *store_kind_name(enum store_kind k);

#endif
