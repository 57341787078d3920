/*
 * store.c: the progress store on SQLite.
 *
 * The database runs in WAL mode with synchronous=FULL, so a committed
 * rating survives a killed process and a power cut, and a rating is one
 * IMMEDIATE transaction (the write lock is taken before anything is read,
 * so two sessions queue instead of failing half-way). The schema lives in
 * `migrations` below, one step per version; PRAGMA user_version says how
 * far a database has come.
 */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

/*
 * migrations[v - 1] takes the schema from version v - 1 to v. Never edit a
 * step that has shipped: add one.
 */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
	/* 1: card state and the review log */
	"CREATE TABLE card_state (\n"
	"  card_id TEXT PRIMARY KEY NOT NULL,\n"
	"  state INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),\n"
	"  stability REAL NOT NULL,\n"
	"  difficulty REAL NOT NULL,\n"
	"  due INTEGER NOT NULL,\n"
	"  last_review INTEGER NOT NULL,\n"
	"  step INTEGER NOT NULL,\n"
	"  scheduled_days INTEGER NOT NULL,\n"
	"  elapsed_days INTEGER NOT NULL,\n"
	"  reps INTEGER NOT NULL,\n"
	"  lapses INTEGER NOT NULL,\n"
	"  updated INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX card_state_due ON card_state(due);\n"
	"CREATE TABLE review_log (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  card_id TEXT NOT NULL REFERENCES card_state(card_id),\n"
	"  time INTEGER NOT NULL,\n"
	"  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),\n"
	"  seconds REAL NOT NULL DEFAULT 0,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('flashcard', 'practice', 'prediction')),\n"
	"  state_before INTEGER NOT NULL,\n"
	"  stability_before REAL NOT NULL,\n"
	"  difficulty_before REAL NOT NULL,\n"
	"  due_before INTEGER NOT NULL,\n"
	"  last_review_before INTEGER NOT NULL,\n"
	"  step_before INTEGER NOT NULL,\n"
	"  scheduled_days_before INTEGER NOT NULL,\n"
	"  elapsed_days_before INTEGER NOT NULL,\n"
	"  reps_before INTEGER NOT NULL,\n"
	"  lapses_before INTEGER NOT NULL,\n"
	"  state_after INTEGER NOT NULL,\n"
	"  stability_after REAL NOT NULL,\n"
	"  difficulty_after REAL NOT NULL,\n"
	"  due_after INTEGER NOT NULL,\n"
	"  step_after INTEGER NOT NULL,\n"
	"  scheduled_days INTEGER NOT NULL,\n"
	"  elapsed_days INTEGER NOT NULL,\n"
	"  reps_after INTEGER NOT NULL,\n"
	"  lapses_after INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX review_log_card ON review_log(card_id, id);\n"
	"CREATE INDEX review_log_time ON review_log(time);\n"
	"CREATE TRIGGER review_log_no_update BEFORE UPDATE ON review_log\n"
	"  BEGIN SELECT RAISE(ABORT, 'review_log is append-only'); END;\n"
	"CREATE TRIGGER review_log_no_delete BEFORE DELETE ON review_log\n"
	"  BEGIN SELECT RAISE(ABORT, 'review_log is append-only'); END;\n",

	/* 2: mock-interview transcripts */
	"CREATE TABLE interview (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  started INTEGER NOT NULL,\n"
	"  ended INTEGER,\n"
	"  complete INTEGER NOT NULL DEFAULT 0,\n"
	"  score REAL,\n"
	"  lang TEXT NOT NULL DEFAULT 'ko'\n"
	");\n"
	"CREATE TABLE interview_turn (\n"
	"  interview_id INTEGER NOT NULL REFERENCES interview(id),\n"
	"  seq INTEGER NOT NULL,\n"
	"  card_id TEXT NOT NULL,\n"
	"  answer TEXT NOT NULL,\n"
	"  coverage REAL NOT NULL,\n"
	"  seconds REAL NOT NULL,\n"
	"  overrun INTEGER NOT NULL DEFAULT 0,\n"
	"  time INTEGER NOT NULL,\n"
	"  PRIMARY KEY (interview_id, seq)\n"
	");\n",

	/* 3: undo marks ratings undone; `review` is the log without them */
	"CREATE TABLE review_undo (\n"
	"  review_id INTEGER PRIMARY KEY REFERENCES review_log(id),\n"
	"  time INTEGER NOT NULL\n"
	");\n"
	"CREATE VIEW review AS SELECT * FROM review_log\n"
	"  WHERE id NOT IN (SELECT review_id FROM review_undo);\n",

	/*
	 * 4: the all-time counts behind true retention (reviews of cards in the
	 * review state, and how many were not "again"), kept by triggers in the
	 * same transaction as each rating and undo, so stats need not scan the
	 * whole log; the last 30 days are still counted from the log by time.
	 */
	"CREATE TABLE retention_total (\n"
	"  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
	"  reviews INTEGER NOT NULL,\n"
	"  passed INTEGER NOT NULL\n"
	");\n"
	"INSERT INTO retention_total SELECT 1, count(*), count(*) FILTER (WHERE rating > 1)\n"
	"  FROM review WHERE state_before = 2;\n"
	"CREATE TRIGGER retention_on_review AFTER INSERT ON review_log\n"
	"  WHEN NEW.state_before = 2\n"
	"  BEGIN UPDATE retention_total SET reviews = reviews + 1,\n"
	"    passed = passed + (NEW.rating > 1) WHERE id = 1; END;\n"
	"CREATE TRIGGER retention_on_undo AFTER INSERT ON review_undo\n"
	"  BEGIN UPDATE retention_total SET\n"
	"    reviews = reviews - (SELECT count(*) FROM review_log\n"
	"      WHERE id = NEW.review_id AND state_before = 2),\n"
	"    passed = passed - (SELECT count(*) FROM review_log\n"
	"      WHERE id = NEW.review_id AND state_before = 2 AND rating > 1)\n"
	"    WHERE id = 1; END;\n",
};

static const char *const kind_names[STORE_KIND_N] = { "flashcard", "practice", "prediction" };

enum {
	Q_GET,
	Q_UPSERT,
	Q_LOG,
	Q_LAST_OF_CARD,
	Q_N
};

static const char *const queries[Q_N] = {
	[Q_GET] =
	"SELECT state, stability, difficulty, due, last_review, step, scheduled_days,"
	" elapsed_days, reps, lapses FROM card_state WHERE card_id = ?1",
	[Q_UPSERT] =
	"INSERT INTO card_state (card_id, state, stability, difficulty, due, last_review, step,"
	" scheduled_days, elapsed_days, reps, lapses, updated)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
	" ON CONFLICT (card_id) DO UPDATE SET state = ?2, stability = ?3, difficulty = ?4,"
	" due = ?5, last_review = ?6, step = ?7, scheduled_days = ?8, elapsed_days = ?9,"
	" reps = ?10, lapses = ?11, updated = ?12",
	[Q_LOG] =
	"INSERT INTO review_log (card_id, time, rating, seconds, kind,"
	" state_before, stability_before, difficulty_before, due_before, last_review_before,"
	" step_before, scheduled_days_before, elapsed_days_before, reps_before, lapses_before,"
	" state_after, stability_after, difficulty_after, due_after, step_after,"
	" scheduled_days, elapsed_days, reps_after, lapses_after)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
	" ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
	[Q_LAST_OF_CARD] =
	"SELECT max(id) FROM review WHERE card_id = ?1",
};

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *q[Q_N];
	char errmsg[600];
};

static void store_seterr(struct store *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
store_seterr(struct store *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
	va_end(ap);
}

/* SQLite's reason, with what it means for the user where that helps. */
static const char *
why(sqlite3 *db, char *buf, size_t len)
{
	int code = sqlite3_errcode(db) & 0xff;
	const char *msg = sqlite3_errmsg(db);

	switch (code) {
	case SQLITE_READONLY:
		snprintf(buf, len, "%s (the data directory or file is read-only)", msg);
		break;
	case SQLITE_FULL:
		snprintf(buf, len, "%s (the disk is full)", msg);
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		snprintf(buf, len, "%s (another osprep is writing; try again)", msg);
		break;
	case SQLITE_CANTOPEN:
		snprintf(buf, len, "%s (cannot create files in the data directory: is it writable?)", msg);
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		snprintf(buf, len, "%s (the file is damaged or not an osprep database)", msg);
		break;
	default:
		snprintf(buf, len, "%s", msg);
		break;
	}
	return buf;
}

static void
set_sqlite_err(struct store *s, const char *what)
{
	char buf[400];

	store_seterr(s, "%s: %s", what, why(s->db, buf, sizeof buf));
}

const char *
store_errmsg(const struct store *s)
{
	return s->errmsg;
}

const char *
store_path(const struct store *s)
{
	return s->path;
}

void *
store_db(struct store *s)
{
	return s->db;
}

const char *
store_kind_name(enum store_kind k)
{
	return (int)k >= 0 && k < STORE_KIND_N ? kind_names[k] : "?";
}

/* The log's kind column back to the enum (flashcard if unknown). */
static enum store_kind
kind_parse(const char *name)
{
	int i;

	for (i = 0; name != NULL && i < STORE_KIND_N; i++)
		if (strcmp(name, kind_names[i]) == 0)
			return (enum store_kind)i;
	return STORE_FLASHCARD;
}

const char *
store_migration_sql(int v)
{
	return v >= 1 && v <= STORE_SCHEMA_VERSION ? migrations[v - 1] : NULL;
}

void
store_set_busy_timeout(struct store *s, int ms)
{
	sqlite3_busy_timeout(s->db, ms);
}

static int
exec(struct store *s, const char *sql, const char *what)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		set_sqlite_err(s, what);
		return -1;
	}
	return 0;
}

static void
rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Commit, or roll back and report. */
static int
commit(struct store *s, const char *what)
{
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		set_sqlite_err(s, what);
		rollback(s);
		return -1;
	}
	return 0;
}

int
store_schema_version(struct store *s)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Bring the schema to STORE_SCHEMA_VERSION, one transaction per step. */
static int
migrate(struct store *s)
{
	int v;

	if (exec(s, "BEGIN IMMEDIATE", "cannot read the schema version") != 0)
		return -1;
	v = store_schema_version(s);
	if (v < 0) {
		set_sqlite_err(s, "cannot read the schema version");
		rollback(s);
		return -1;
	}
	if (v > STORE_SCHEMA_VERSION) {
		store_seterr(s, "\"%s\" has schema version %d but this osprep knows only up to %d "
		             "(written by a newer osprep?)", s->path, v, STORE_SCHEMA_VERSION);
		rollback(s);
		return -1;
	}
	for (; v < STORE_SCHEMA_VERSION; v++) {
		char sql[64], what[64];

		if (sqlite3_get_autocommit(s->db) &&
		    exec(s, "BEGIN IMMEDIATE", "cannot upgrade the schema") != 0)
			return -1;
		snprintf(what, sizeof what, "cannot upgrade the schema to version %d", v + 1);
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
		if (exec(s, migrations[v], what) != 0 || exec(s, sql, what) != 0) {
			rollback(s);
			return -1;
		}
		if (commit(s, what) != 0)
			return -1;
	}
	if (!sqlite3_get_autocommit(s->db))
		return commit(s, "cannot read the schema version");
	return 0;
}

/* mkdir -p with mode 0700 for what it creates. */
static int
mkdirs(const char *dir, char *err, size_t errlen)
{
	char *p = strdup(dir), *c;
	struct stat sb;

	if (p == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (c = p + 1;; c++) {
		if (*c != '/' && *c != '\0')
			continue;
		{
			char save = *c;

			*c = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST) {
				snprintf(err, errlen, "cannot create \"%s\": %s", p, strerror(errno));
				free(p);
				return -1;
			}
			*c = save;
		}
		if (*c == '\0')
			break;
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		snprintf(err, errlen, "cannot use \"%s\": %s", dir,
		         stat(dir, &sb) != 0 ? strerror(errno) : "not a directory");
		free(p);
		return -1;
	}
	free(p);
	return 0;
}

struct store *
store_open(const char *data_dir, char *err, size_t errlen)
{
	struct store *s;
	char *path;
	size_t n;

	if (data_dir == NULL || *data_dir == '\0') {
		snprintf(err, errlen, "no data directory (set OSPREP_DATA or XDG_DATA_HOME)");
		return NULL;
	}
	if (mkdirs(data_dir, err, errlen) != 0)
		return NULL;
	n = strlen(data_dir) + sizeof STORE_FILE + 2;
	path = malloc(n);
	if (path == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	snprintf(path, n, "%s/%s", data_dir, STORE_FILE);
	s = store_open_file(path, err, errlen);
	free(path);
	return s;
}

struct store *
store_open_file(const char *path, char *err, size_t errlen)
{
	struct store *s;
	struct stat sb;
	char buf[400];
	int fd, i;

	/* Create the file ourselves so it is 0600 from the first byte; SQLite
	 * gives its -wal and -shm files the same mode. */
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0) {
		close(fd);
	} else if (errno != EEXIST) {
		snprintf(err, errlen, "cannot create \"%s\": %s", path, strerror(errno));
		return NULL;
	} else if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && (sb.st_mode & 077) != 0) {
		(void)chmod(path, sb.st_mode & 0700);
	}
	s = calloc(1, sizeof *s);
	if (s == NULL || (s->path = strdup(path)) == NULL) {
		free(s);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open \"%s\": %s", path,
		         s->db != NULL ? why(s->db, buf, sizeof buf) : "out of memory");
		store_close(s);
		return NULL;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 3000);
	if (sqlite3_db_readonly(s->db, "main") == 1) {
		snprintf(err, errlen, "cannot open \"%s\" for writing: the file or its directory is read-only",
		         path);
		store_close(s);
		return NULL;
	}
	{
		sqlite3_stmt *st;
		int ok = 0;

		if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &st, NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW) {
				const unsigned char *mode = sqlite3_column_text(st, 0);
				ok = mode != NULL && strcmp((const char *)mode, "wal") == 0;
			}
			sqlite3_finalize(st);
		}
		if (!ok) {
			snprintf(err, errlen, "cannot open \"%s\": %s", path,
			         sqlite3_errcode(s->db) != SQLITE_OK ? why(s->db, buf, sizeof buf)
			                                             : "cannot switch to WAL mode");
			store_close(s);
			return NULL;
		}
	}
	/*
	 * mmap_size: reads (stats scans the whole log) come straight from the
	 * page cache instead of a read() and a copy per page. Writes still go
	 * through the WAL, so durability is as before.
	 */
	if (exec(s, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
	         " PRAGMA mmap_size = 268435456", "cannot set up") != 0 ||
	    migrate(s) != 0) {
		snprintf(err, errlen, "cannot open \"%s\": %s", path, s->errmsg);
		store_close(s);
		return NULL;
	}
	for (i = 0; i < Q_N; i++)
		if (sqlite3_prepare_v3(s->db, queries[i], -1, SQLITE_PREPARE_PERSISTENT, &s->q[i],
		                       NULL) != SQLITE_OK) {
			snprintf(err, errlen, "cannot open \"%s\": %s", path, sqlite3_errmsg(s->db));
			store_close(s);
			return NULL;
		}
	return s;
}

void
store_close(struct store *s)
{
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < Q_N; i++)
		sqlite3_finalize(s->q[i]);
	if (s->db != NULL)
		sqlite3_close(s->db);
	free(s->path);
	free(s);
}

/* Read a card state from columns col.. of st. */
static void
read_card(sqlite3_stmt *st, int col, struct fsrs_card *c)
{
	memset(c, 0, sizeof *c);
	c->state = (enum fsrs_state)sqlite3_column_int(st, col);
	c->stability = sqlite3_column_double(st, col + 1);
	c->difficulty = sqlite3_column_double(st, col + 2);
	c->due = sqlite3_column_int64(st, col + 3);
	c->last_review = sqlite3_column_int64(st, col + 4);
	c->step = sqlite3_column_int(st, col + 5);
	c->scheduled_days = sqlite3_column_int(st, col + 6);
	c->elapsed_days = sqlite3_column_int(st, col + 7);
	c->reps = sqlite3_column_int(st, col + 8);
	c->lapses = sqlite3_column_int(st, col + 9);
}

int
store_get_state(struct store *s, const char *card_id, struct fsrs_card *c)
{
	sqlite3_stmt *st = s->q[Q_GET];
	int rc;

	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, card_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_card(st, 0, c);
		sqlite3_reset(st);
		return 1;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	set_sqlite_err(s, "cannot read progress");
	return -1;
}

int
store_record_review(struct store *s, struct store_review *r)
{
	struct fsrs_card cur;
	sqlite3_stmt *st;
	char what[300];
	int have;

	snprintf(what, sizeof what, "cannot save the rating of \"%s\"", r->card_id);
	if (r->rating < FSRS_AGAIN || r->rating > FSRS_EASY || (int)r->kind < 0 ||
	    r->kind >= STORE_KIND_N) {
		store_seterr(s, "%s: bad rating or kind", what);
		return -1;
	}
	if (exec(s, "BEGIN IMMEDIATE", what) != 0)
		return -1;
	have = store_get_state(s, r->card_id, &cur);
	if (have < 0)
		goto fail_sql;
	if (have ? (cur.reps != r->before.reps || cur.last_review != r->before.last_review ||
	            cur.state != r->before.state)
	         : r->before.reps != 0) {
		store_seterr(s, "%s: it changed since it was shown (another session?)", r->card_id);
		rollback(s);
		return -1;
	}

	st = s->q[Q_UPSERT];
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, r->card_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, (int)r->after.state);
	sqlite3_bind_double(st, 3, r->after.stability);
	sqlite3_bind_double(st, 4, r->after.difficulty);
	sqlite3_bind_int64(st, 5, r->after.due);
	sqlite3_bind_int64(st, 6, r->after.last_review);
	sqlite3_bind_int(st, 7, r->after.step);
	sqlite3_bind_int(st, 8, r->after.scheduled_days);
	sqlite3_bind_int(st, 9, r->after.elapsed_days);
	sqlite3_bind_int(st, 10, r->after.reps);
	sqlite3_bind_int(st, 11, r->after.lapses);
	sqlite3_bind_int64(st, 12, r->time);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail_sql;
	sqlite3_reset(st);

	st = s->q[Q_LOG];
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, r->card_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, r->time);
	sqlite3_bind_int(st, 3, r->rating);
	sqlite3_bind_double(st, 4, r->seconds);
	sqlite3_bind_text(st, 5, kind_names[r->kind], -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, (int)r->before.state);
	sqlite3_bind_double(st, 7, r->before.stability);
	sqlite3_bind_double(st, 8, r->before.difficulty);
	sqlite3_bind_int64(st, 9, r->before.due);
	sqlite3_bind_int64(st, 10, r->before.last_review);
	sqlite3_bind_int(st, 11, r->before.step);
	sqlite3_bind_int(st, 12, r->before.scheduled_days);
	sqlite3_bind_int(st, 13, r->before.elapsed_days);
	sqlite3_bind_int(st, 14, r->before.reps);
	sqlite3_bind_int(st, 15, r->before.lapses);
	sqlite3_bind_int(st, 16, (int)r->after.state);
	sqlite3_bind_double(st, 17, r->after.stability);
	sqlite3_bind_double(st, 18, r->after.difficulty);
	sqlite3_bind_int64(st, 19, r->after.due);
	sqlite3_bind_int(st, 20, r->after.step);
	sqlite3_bind_int(st, 21, r->after.scheduled_days);
	sqlite3_bind_int(st, 22, r->after.elapsed_days);
	sqlite3_bind_int(st, 23, r->after.reps);
	sqlite3_bind_int(st, 24, r->after.lapses);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail_sql;
	sqlite3_reset(st);
	r->id = sqlite3_last_insert_rowid(s->db);
	return commit(s, what);

fail_sql:
	set_sqlite_err(s, what);
	sqlite3_reset(s->q[Q_UPSERT]);
	sqlite3_reset(s->q[Q_LOG]);
	rollback(s);
	return -1;
}

int
store_undo(struct store *s, int64_t id, int64_t now, struct fsrs_card *restored)
{
	static const char get_sql[] =
		"SELECT card_id, state_before, stability_before, difficulty_before, due_before,"
		" last_review_before, step_before, scheduled_days_before, elapsed_days_before,"
		" reps_before, lapses_before FROM review WHERE id = ?1";
	static const char set_sql[] =
		"UPDATE card_state SET state = ?2, stability = ?3, difficulty = ?4, due = ?5,"
		" last_review = ?6, step = ?7, scheduled_days = ?8, elapsed_days = ?9, reps = ?10,"
		" lapses = ?11, updated = ?12 WHERE card_id = ?1";
	sqlite3_stmt *get = NULL, *last = s->q[Q_LAST_OF_CARD], *set = NULL, *mark = NULL;
	struct fsrs_card before;
	char *card = NULL;
	int rc = -1;

	if (exec(s, "BEGIN IMMEDIATE", "cannot undo") != 0)
		return -1;
	if (sqlite3_prepare_v2(s->db, get_sql, -1, &get, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, set_sql, -1, &set, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "INSERT INTO review_undo (review_id, time) VALUES (?1, ?2)",
	                       -1, &mark, NULL) != SQLITE_OK)
		goto fail_sql;
	sqlite3_bind_int64(get, 1, id);
	switch (sqlite3_step(get)) {
	case SQLITE_ROW:
		break;
	case SQLITE_DONE:
		store_seterr(s, "cannot undo: no rating %lld (or it was undone already)", (long long)id);
		goto out;
	default:
		goto fail_sql;
	}
	card = strdup((const char *)sqlite3_column_text(get, 0));
	if (card == NULL) {
		store_seterr(s, "cannot undo: out of memory");
		goto out;
	}
	read_card(get, 1, &before);

	sqlite3_reset(last);
	sqlite3_bind_text(last, 1, card, -1, SQLITE_STATIC);
	if (sqlite3_step(last) != SQLITE_ROW)
		goto fail_sql;
	if (sqlite3_column_int64(last, 0) != id) {
		store_seterr(s, "cannot undo: \"%s\" has been rated again since", card);
		sqlite3_reset(last);
		goto out;
	}
	sqlite3_reset(last);

	sqlite3_bind_text(set, 1, card, -1, SQLITE_STATIC);
	sqlite3_bind_int(set, 2, (int)before.state);
	sqlite3_bind_double(set, 3, before.stability);
	sqlite3_bind_double(set, 4, before.difficulty);
	sqlite3_bind_int64(set, 5, before.due);
	sqlite3_bind_int64(set, 6, before.last_review);
	sqlite3_bind_int(set, 7, before.step);
	sqlite3_bind_int(set, 8, before.scheduled_days);
	sqlite3_bind_int(set, 9, before.elapsed_days);
	sqlite3_bind_int(set, 10, before.reps);
	sqlite3_bind_int(set, 11, before.lapses);
	sqlite3_bind_int64(set, 12, now);
	if (sqlite3_step(set) != SQLITE_DONE)
		goto fail_sql;
	sqlite3_bind_int64(mark, 1, id);
	sqlite3_bind_int64(mark, 2, now);
	if (sqlite3_step(mark) != SQLITE_DONE)
		goto fail_sql;
	sqlite3_finalize(get);
	sqlite3_finalize(set);
	sqlite3_finalize(mark);
	get = set = mark = NULL;
	if (commit(s, "cannot undo") != 0)
		goto out_done;
	if (restored != NULL)
		*restored = before;
	rc = 0;
	goto out_done;

fail_sql:
	set_sqlite_err(s, "cannot undo");
out:
	sqlite3_reset(last);
	sqlite3_finalize(get);
	sqlite3_finalize(set);
	sqlite3_finalize(mark);
	rollback(s);
out_done:
	free(card);
	return rc;
}

int
store_last_review(struct store *s, int64_t *id)
{
	sqlite3_stmt *st;
	int rc = -1;

	if (sqlite3_prepare_v2(s->db, "SELECT max(id) FROM review", -1, &st, NULL) != SQLITE_OK) {
		set_sqlite_err(s, "cannot read the review log");
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		rc = sqlite3_column_type(st, 0) == SQLITE_NULL ? 0 : 1;
		if (rc == 1)
			*id = sqlite3_column_int64(st, 0);
	} else {
		set_sqlite_err(s, "cannot read the review log");
	}
	sqlite3_finalize(st);
	return rc;
}

int
store_history(struct store *s, const char *card_id,
              int (*cb)(const struct store_review *r, void *arg), void *arg)
{
	static const char sql[] =
		"SELECT id, time, rating, seconds, kind,"
		" state_before, stability_before, difficulty_before, due_before, last_review_before,"
		" step_before, scheduled_days_before, elapsed_days_before, reps_before, lapses_before,"
		" state_after, stability_after, difficulty_after, due_after, time,"
		" step_after, scheduled_days, elapsed_days, reps_after, lapses_after,"
		" id IN (SELECT review_id FROM review_undo)"
		" FROM review_log WHERE card_id = ?1 ORDER BY id";
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		set_sqlite_err(s, "cannot read the review log");
		return -1;
	}
	sqlite3_bind_text(st, 1, card_id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_review r;
		const char *kind = (const char *)sqlite3_column_text(st, 4);

		memset(&r, 0, sizeof r);
		r.id = sqlite3_column_int64(st, 0);
		r.card_id = card_id;
		r.time = sqlite3_column_int64(st, 1);
		r.rating = sqlite3_column_int(st, 2);
		r.seconds = sqlite3_column_double(st, 3);
		r.kind = kind_parse(kind);
		read_card(st, 5, &r.before);
		read_card(st, 15, &r.after);
		r.undone = sqlite3_column_int(st, 25);
		if (cb(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc != SQLITE_DONE)
		set_sqlite_err(s, "cannot read the review log");
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
cmp_state(const void *a, const void *b)
{
	return strcmp(((const struct store_state *)a)->id, ((const struct store_state *)b)->id);
}

int
store_load_states(struct store *s, struct store_states *out)
{
	static const char sql[] =
		"SELECT card_id, state, stability, difficulty, due, last_review, step, scheduled_days,"
		" elapsed_days, reps, lapses FROM card_state ORDER BY card_id";
	sqlite3_stmt *st;
	size_t cap = 0, ncap = 0, nlen = 0, i;
	size_t *offs = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		set_sqlite_err(s, "cannot read progress");
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0) + 1;

		if (out->n == cap) {
			size_t nc = cap ? cap * 2 : 256;
			struct store_state *nv = realloc(out->v, nc * sizeof *nv);
			size_t *no = realloc(offs, nc * sizeof *no);

			if (nv != NULL)
				out->v = nv;
			if (no != NULL)
				offs = no;
			if (nv == NULL || no == NULL)
				goto oom;
			cap = nc;
		}
		if (nlen + len > ncap) {
			size_t nc = ncap ? ncap * 2 : 4096;
			char *nn;

			while (nc < nlen + len)
				nc *= 2;
			nn = realloc(out->names, nc);
			if (nn == NULL)
				goto oom;
			out->names = nn;
			ncap = nc;
		}
		memcpy(out->names + nlen, id != NULL ? id : "", len);
		offs[out->n] = nlen;
		nlen += len;
		read_card(st, 1, &out->v[out->n].card);
		out->n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		set_sqlite_err(s, "cannot read progress");
		free(offs);
		store_states_free(out);
		return -1;
	}
	for (i = 0; i < out->n; i++)
		out->v[i].id = out->names + offs[i];
	free(offs);
	/* SQLite's BINARY order is byte order already; sort anyway to be sure */
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, cmp_state);
	return 0;
oom:
	sqlite3_finalize(st);
	free(offs);
	store_states_free(out);
	store_seterr(s, "cannot read progress: out of memory");
	return -1;
}

const struct fsrs_card *
store_states_find(const struct store_states *st, const char *card_id)
{
	struct store_state key = { .id = card_id };
	const struct store_state *f;

	if (st->n == 0)
		return NULL;
	f = bsearch(&key, st->v, st->n, sizeof *st->v, cmp_state);
	return f != NULL ? &f->card : NULL;
}

void
store_states_free(struct store_states *st)
{
	free(st->v);
	free(st->names);
	memset(st, 0, sizeof *st);
}

long
store_reviews_between(struct store *s, const int64_t *bounds, int n, long *counts)
{
	sqlite3_stmt *st;
	long total = 0;
	int i = 0, rc;

	for (i = 0; i < n; i++)
		counts[i] = 0;
	if (n <= 0)
		return 0;
	if (sqlite3_prepare_v2(s->db, "SELECT time FROM review WHERE time >= ?1 AND time < ?2"
	                       " ORDER BY time", -1, &st, NULL) != SQLITE_OK) {
		set_sqlite_err(s, "cannot read the review log");
		return -1;
	}
	sqlite3_bind_int64(st, 1, bounds[0]);
	sqlite3_bind_int64(st, 2, bounds[n]);
	i = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t t = sqlite3_column_int64(st, 0);

		while (i < n - 1 && t >= bounds[i + 1])
			i++;
		counts[i]++;
		total++;
	}
	if (rc != SQLITE_DONE) {
		set_sqlite_err(s, "cannot read the review log");
		total = -1;
	}
	sqlite3_finalize(st);
	return total;
}

int
store_retention(struct store *s, int64_t since, struct store_retention *out)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	/* all time from the running totals; the recent part through the time index */
	if (sqlite3_prepare_v2(s->db,
	        "SELECT t.reviews, t.passed, r.n, r.passed FROM retention_total AS t,"
	        " (SELECT count(*) AS n, count(*) FILTER (WHERE rating > 1) AS passed"
	        "  FROM review WHERE time >= ?1 AND state_before = 2) AS r",
	        -1, &st, NULL) != SQLITE_OK) {
		set_sqlite_err(s, "cannot read the review log");
		return -1;
	}
	sqlite3_bind_int64(st, 1, since);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->total = sqlite3_column_int64(st, 0);
		out->passed = (long)sqlite3_column_int64(st, 1);
		out->recent_total = (long)sqlite3_column_int64(st, 2);
		out->recent_passed = (long)sqlite3_column_int64(st, 3);
	} else {
		set_sqlite_err(s, "cannot read the review log");
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int
store_new_since(struct store *s, int64_t since,
                int (*keep)(const char *card_id, enum store_kind kind, void *arg), void *arg, long *n)
{
	sqlite3_stmt *st;
	int rc;

	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT card_id, kind FROM review WHERE time >= ?1"
	                       " AND state_before = 0", -1, &st, NULL) != SQLITE_OK) {
		set_sqlite_err(s, "cannot read the review log");
		return -1;
	}
	sqlite3_bind_int64(st, 1, since);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		enum store_kind k = kind_parse((const char *)sqlite3_column_text(st, 1));

		if (keep == NULL || (id != NULL && keep(id, k, arg)))
			(*n)++;
	}
	if (rc != SQLITE_DONE)
		set_sqlite_err(s, "cannot read the review log");
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_totals(struct store *s, int64_t since, long *reviews, double *seconds)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT count(*), total(seconds) FROM review WHERE time >= ?1",
	                       -1, &st, NULL) != SQLITE_OK) {
		set_sqlite_err(s, "cannot read the review log");
		return -1;
	}
	sqlite3_bind_int64(st, 1, since);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*reviews = (long)sqlite3_column_int64(st, 0);
		*seconds = sqlite3_column_double(st, 1);
	} else {
		set_sqlite_err(s, "cannot read the review log");
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Run one statement that changes data, in its own transaction. */
static int
write1(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE) {
		set_sqlite_err(s, what);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

int
store_interview_begin(struct store *s, int64_t now, const char *lang, int64_t *id)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db, "INSERT INTO interview (started, lang) VALUES (?1, ?2)",
	                       -1, &st, NULL) != SQLITE_OK) {
		set_sqlite_err(s, "cannot start the interview record");
		return -1;
	}
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_text(st, 2, lang != NULL ? lang : "ko", -1, SQLITE_STATIC);
	if (write1(s, st, "cannot start the interview record") != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int
store_interview_turn(struct store *s, int64_t interview_id, const struct store_turn *t)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db,
	        "INSERT INTO interview_turn (interview_id, seq, card_id, answer, coverage, seconds,"
	        " overrun, time) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", -1, &st, NULL) != SQLITE_OK) {
		set_sqlite_err(s, "cannot save the answer");
		return -1;
	}
	sqlite3_bind_int64(st, 1, interview_id);
	sqlite3_bind_int(st, 2, t->seq);
	sqlite3_bind_text(st, 3, t->card_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, t->answer != NULL ? t->answer : "", -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 5, t->coverage);
	sqlite3_bind_double(st, 6, t->seconds);
	sqlite3_bind_int(st, 7, t->overrun != 0);
	sqlite3_bind_int64(st, 8, t->time);
	return write1(s, st, "cannot save the answer");
}

int
store_interview_end(struct store *s, int64_t interview_id, int64_t now, int complete, double score)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(s->db,
	        "UPDATE interview SET ended = ?2, complete = ?3, score = ?4 WHERE id = ?1",
	        -1, &st, NULL) != SQLITE_OK) {
		set_sqlite_err(s, "cannot finish the interview record");
		return -1;
	}
	sqlite3_bind_int64(st, 1, interview_id);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int(st, 3, complete != 0);
	if (score >= 0)
		sqlite3_bind_double(st, 4, score);
	else
		sqlite3_bind_null(st, 4);
	if (write1(s, st, "cannot finish the interview record") != 0)
		return -1;
	if (sqlite3_changes(s->db) != 1) {
		store_seterr(s, "cannot finish the interview record: no interview %lld",
		             (long long)interview_id);
		return -1;
	}
	return 0;
}

int
store_interview_list(struct store *s, int limit,
                     int (*cb)(const struct store_interview *iv, void *arg), void *arg)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db,
	        "SELECT id, started, ended, complete, score, lang,"
	        " (SELECT count(*) FROM interview_turn t WHERE t.interview_id = i.id)"
	        " FROM interview i ORDER BY started DESC, id DESC LIMIT ?1", -1, &st, NULL) != SQLITE_OK) {
		set_sqlite_err(s, "cannot read interviews");
		return -1;
	}
	sqlite3_bind_int(st, 1, limit > 0 ? limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_interview iv;

		iv.id = sqlite3_column_int64(st, 0);
		iv.started = sqlite3_column_int64(st, 1);
		iv.ended = sqlite3_column_int64(st, 2);
		iv.complete = sqlite3_column_int(st, 3);
		iv.score = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1.0 : sqlite3_column_double(st, 4);
		iv.lang = (const char *)sqlite3_column_text(st, 5);
		iv.nturns = sqlite3_column_int(st, 6);
		if (cb(&iv, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc != SQLITE_DONE)
		set_sqlite_err(s, "cannot read interviews");
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_interview_turns(struct store *s, int64_t interview_id,
                      int (*cb)(const struct store_turn *t, void *arg), void *arg)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db,
	        "SELECT seq, card_id, answer, coverage, seconds, overrun, time FROM interview_turn"
	        " WHERE interview_id = ?1 ORDER BY seq", -1, &st, NULL) != SQLITE_OK) {
		set_sqlite_err(s, "cannot read the interview");
		return -1;
	}
	sqlite3_bind_int64(st, 1, interview_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_turn t;

		t.seq = sqlite3_column_int(st, 0);
		t.card_id = (const char *)sqlite3_column_text(st, 1);
		t.answer = (const char *)sqlite3_column_text(st, 2);
		t.coverage = sqlite3_column_double(st, 3);
		t.seconds = sqlite3_column_double(st, 4);
		t.overrun = sqlite3_column_int(st, 5);
		t.time = sqlite3_column_int64(st, 6);
		if (cb(&t, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc != SQLITE_DONE)
		set_sqlite_err(s, "cannot read the interview");
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}
