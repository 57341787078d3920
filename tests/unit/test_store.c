/*
 * test_store.c: the progress store: creation, ratings, undo, migrations,
 * failures (read-only, full, locked) and a process killed at 100 random
 * moments during ratings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "clock.h"
#include "fsrs.h"
#include "store.h"

#define T0 1700000000LL
#define DAY 86400

static char tmpdir[200];

static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "%s/osprep-store.XXXXXX",
	         getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	char cmd[600];

	(void)state;
	snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", tmpdir, tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct store *
open_data(const char *sub)
{
	char dir[400], err[600];
	struct store *s;

	snprintf(dir, sizeof dir, "%s/%s", tmpdir, sub);
	s = store_open(dir, err, sizeof err);
	if (s == NULL)
		fail_msg("store_open: %s", err);
	return s;
}

/* Rate card_id at now through FSRS and record it; returns the review id. */
static int64_t
rate(struct store *s, const char *card_id, int64_t now, int rating)
{
	struct fsrs_params p;
	struct store_review r = { .card_id = card_id, .time = now, .rating = rating,
	                          .seconds = 4.5, .kind = STORE_FLASHCARD };
	int have;

	fsrs_params_default(&p);
	have = store_get_state(s, card_id, &r.before);
	assert_true(have >= 0);
	if (!have)
		fsrs_card_new(&r.before, now);
	assert_int_equal(fsrs_next(&p, &r.before, now, rating, &r.after), 0);
	if (store_record_review(s, &r) != 0)
		fail_msg("store_record_review: %s", store_errmsg(s));
	return r.id;
}

static long
count_rows(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	long n = -1;

	assert_int_equal(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void
store_should_create_a_private_wal_database(void **state)
{
	char path[512];
	struct stat sb;
	struct store *s;
	sqlite3_stmt *st;
	mode_t old = umask(0);

	(void)state;
	s = open_data("a/b");
	umask(old);
	snprintf(path, sizeof path, "%s/a/b", tmpdir);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	snprintf(path, sizeof path, "%s/a/b/progress.db", tmpdir);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);

	assert_int_equal(sqlite3_prepare_v2(store_db(s), "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	assert_int_equal(count_rows(s, "PRAGMA foreign_keys"), 1);
	/* foreign keys are enforced: a log row for a card with no state fails */
	assert_int_not_equal(sqlite3_exec(store_db(s),
	        "INSERT INTO review_log (card_id, time, rating, kind, state_before, stability_before,"
	        " difficulty_before, due_before, last_review_before, step_before,"
	        " scheduled_days_before, elapsed_days_before, reps_before, lapses_before,"
	        " state_after, stability_after, difficulty_after, due_after, step_after,"
	        " scheduled_days, elapsed_days, reps_after, lapses_after)"
	        " VALUES ('ghost', 0, 3, 'flashcard', 0,0,0,0,0,0,0,0,0,0,1,1,1,1,0,0,0,1,0)",
	        NULL, NULL, NULL), SQLITE_OK);
	rate(s, "c1", T0, FSRS_GOOD);
	store_close(s);
	snprintf(path, sizeof path, "%s/a/b/progress.db-wal", tmpdir);
	if (stat(path, &sb) == 0)   /* a clean close may remove it */
		assert_int_equal(sb.st_mode & 0777, 0600);
}

static void
store_should_tighten_a_world_readable_database(void **state)
{
	char path[512];
	struct stat sb;
	struct store *s;

	(void)state;
	s = open_data("loose");
	store_close(s);
	snprintf(path, sizeof path, "%s/loose/progress.db", tmpdir);
	assert_int_equal(chmod(path, 0644), 0);
	s = open_data("loose");
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	store_close(s);
}

static void
store_should_record_a_rating_with_its_before_and_after(void **state)
{
	struct store *s = open_data("rec");
	struct fsrs_card c;
	int64_t id, last;

	(void)state;
	assert_int_equal(store_get_state(s, "c1", &c), 0);
	id = rate(s, "c1", T0, FSRS_GOOD);
	assert_true(id > 0);
	assert_int_equal(store_get_state(s, "c1", &c), 1);
	assert_int_equal(c.state, FSRS_LEARNING);
	assert_int_equal(c.due, T0 + 600);
	assert_int_equal(c.reps, 1);
	assert_int_equal(store_last_review(s, &last), 1);
	assert_int_equal(last, id);
	rate(s, "c1", T0 + 600, FSRS_GOOD);
	assert_int_equal(store_get_state(s, "c1", &c), 1);
	assert_int_equal(c.state, FSRS_REVIEW);
	assert_int_equal(count_rows(s, "SELECT count(*) FROM review_log WHERE card_id = 'c1'"), 2);
	assert_int_equal(count_rows(s, "SELECT state_before FROM review_log ORDER BY id DESC"), 1);
	assert_int_equal(count_rows(s, "SELECT state_after FROM review_log ORDER BY id DESC"), 2);
	assert_int_equal(count_rows(s, "SELECT scheduled_days FROM review_log ORDER BY id DESC"),
	                 c.scheduled_days);
	/* the log takes no edits */
	assert_int_not_equal(sqlite3_exec(store_db(s), "DELETE FROM review_log", NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(store_db(s), "UPDATE review_log SET rating = 1", NULL, NULL,
	                                  NULL), SQLITE_OK);
	store_close(s);
}

static void
store_should_refuse_a_rating_from_a_stale_state(void **state)
{
	struct store *s = open_data("stale");
	struct fsrs_params p;
	struct store_review r = { .card_id = "c1", .time = T0 + 60, .rating = FSRS_GOOD,
	                          .kind = STORE_FLASHCARD };

	(void)state;
	fsrs_params_default(&p);
	/* this session saw c1 as new ... */
	fsrs_card_new(&r.before, T0);
	assert_int_equal(fsrs_next(&p, &r.before, T0 + 60, FSRS_GOOD, &r.after), 0);
	/* ... but another session rated it meanwhile */
	rate(s, "c1", T0, FSRS_AGAIN);
	assert_int_equal(store_record_review(s, &r), -1);
	assert_non_null(strstr(store_errmsg(s), "changed since"));
	assert_int_equal(count_rows(s, "SELECT count(*) FROM review_log"), 1);
	store_close(s);
}

static void
store_should_undo_the_last_rating_from_the_log(void **state)
{
	struct store *s = open_data("undo");
	struct fsrs_card before, restored, now;
	int64_t id1, id2;

	(void)state;
	id1 = rate(s, "c1", T0, FSRS_GOOD);
	assert_int_equal(store_get_state(s, "c1", &before), 1);
	id2 = rate(s, "c1", T0 + 600, FSRS_EASY);
	assert_int_equal(store_undo(s, id2, T0 + 700, &restored), 0);
	assert_int_equal(store_get_state(s, "c1", &now), 1);
	assert_memory_equal(&now, &before, sizeof now);
	assert_memory_equal(&restored, &before, sizeof now);
	/* the log keeps the row, marked undone; the effective log drops it */
	assert_int_equal(count_rows(s, "SELECT count(*) FROM review_log"), 2);
	assert_int_equal(count_rows(s, "SELECT count(*) FROM review"), 1);
	assert_int_equal(store_undo(s, id2, T0 + 700, NULL), -1);   /* not twice */
	/* undo again: back to new */
	assert_int_equal(store_undo(s, id1, T0 + 800, NULL), 0);
	assert_int_equal(store_get_state(s, "c1", &now), 1);
	assert_int_equal(now.state, FSRS_NEW);
	assert_int_equal(now.reps, 0);
	/* rating it again as new works */
	rate(s, "c1", T0 + 900, FSRS_GOOD);
	assert_int_equal(count_rows(s, "SELECT count(*) FROM review"), 1);
	store_close(s);
}

static void
store_should_only_undo_a_cards_latest_rating(void **state)
{
	struct store *s = open_data("undo2");
	int64_t id1, last;

	(void)state;
	id1 = rate(s, "c1", T0, FSRS_GOOD);
	rate(s, "c1", T0 + 600, FSRS_GOOD);
	assert_int_equal(store_undo(s, id1, T0 + 700, NULL), -1);
	assert_non_null(strstr(store_errmsg(s), "rated again"));
	assert_int_equal(count_rows(s, "SELECT count(*) FROM review"), 2);
	/* another card's rating in between does not matter */
	rate(s, "c2", T0 + 800, FSRS_GOOD);
	assert_int_equal(store_last_review(s, &last), 1);
	assert_int_equal(store_undo(s, last, T0 + 900, NULL), 0);
	assert_int_equal(store_last_review(s, &last), 1);
	assert_int_equal(store_undo(s, last, T0 + 900, NULL), 0);
	assert_int_equal(count_rows(s, "SELECT count(*) FROM review"), 1);
	store_close(s);
}

struct hist {
	int n, undone;
	int ratings[8];
};

static int
hist_cb(const struct store_review *r, void *arg)
{
	struct hist *h = arg;

	if (h->n < 8)
		h->ratings[h->n] = r->rating;
	h->n++;
	h->undone += r->undone;
	assert_true(r->after.reps == r->before.reps + 1);
	return 0;
}

static void
store_should_list_a_cards_history_in_order(void **state)
{
	struct store *s = open_data("hist");
	struct hist h = { 0 };
	int64_t id;

	(void)state;
	rate(s, "c1", T0, FSRS_AGAIN);
	rate(s, "c2", T0 + 10, FSRS_GOOD);
	rate(s, "c1", T0 + 60, FSRS_GOOD);
	id = rate(s, "c1", T0 + 660, FSRS_EASY);
	assert_int_equal(store_undo(s, id, T0 + 700, NULL), 0);
	assert_int_equal(store_history(s, "c1", hist_cb, &h), 0);
	assert_int_equal(h.n, 3);
	assert_int_equal(h.ratings[0], FSRS_AGAIN);
	assert_int_equal(h.ratings[1], FSRS_GOOD);
	assert_int_equal(h.ratings[2], FSRS_EASY);
	assert_int_equal(h.undone, 1);
	store_close(s);
}

static void
store_should_keep_progress_of_cards_that_left_the_content(void **state)
{
	struct store *s = open_data("keep");
	struct store_states st;
	const struct fsrs_card *c;

	(void)state;
	rate(s, "gone-card", T0, FSRS_GOOD);
	rate(s, "a-card", T0, FSRS_EASY);
	store_close(s);
	/* a later session whose content lacks gone-card still has its state */
	s = open_data("keep");
	assert_int_equal(store_load_states(s, &st), 0);
	assert_int_equal(st.n, 2);
	assert_string_equal(st.v[0].id, "a-card");
	assert_string_equal(st.v[1].id, "gone-card");
	c = store_states_find(&st, "gone-card");
	assert_non_null(c);
	assert_int_equal(c->reps, 1);
	assert_null(store_states_find(&st, "never-seen"));
	store_states_free(&st);
	/* and when it comes back, rating it continues from there */
	rate(s, "gone-card", T0 + 600, FSRS_GOOD);
	{
		struct fsrs_card now;
		assert_int_equal(store_get_state(s, "gone-card", &now), 1);
		assert_int_equal(now.reps, 2);
		assert_int_equal(now.state, FSRS_REVIEW);
	}
	store_close(s);
}

static void
store_should_migrate_a_version_1_database(void **state)
{
	char dir[400], path[512], err[600];
	sqlite3 *db;
	struct store *s;
	struct fsrs_card c;
	struct hist h = { 0 };
	int64_t last;

	(void)state;
	snprintf(dir, sizeof dir, "%s/old", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(path, sizeof path, "%s/progress.db", dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, store_migration_sql(1), NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	        "PRAGMA user_version = 1;"
	        "INSERT INTO card_state VALUES ('old-card', 2, 12.5, 4.25, 1700864000, 1699000000,"
	        " 0, 10, 3, 4, 1, 1699000000);"
	        "INSERT INTO review_log (card_id, time, rating, seconds, kind, state_before,"
	        " stability_before, difficulty_before, due_before, last_review_before, step_before,"
	        " scheduled_days_before, elapsed_days_before, reps_before, lapses_before,"
	        " state_after, stability_after, difficulty_after, due_after, step_after,"
	        " scheduled_days, elapsed_days, reps_after, lapses_after) VALUES"
	        " ('old-card', 1699000000, 3, 7, 'flashcard', 2, 5.5, 4.5, 1699000000, 1698700000,"
	        "  0, 4, 3, 3, 1, 2, 12.5, 4.25, 1700864000, 0, 10, 3, 4, 1);",
	        NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_null(store_migration_sql(0));
	assert_null(store_migration_sql(STORE_SCHEMA_VERSION + 1));

	s = store_open(dir, err, sizeof err);
	if (s == NULL)
		fail_msg("%s", err);
	assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
	assert_int_equal(store_get_state(s, "old-card", &c), 1);
	assert_true(c.stability == 12.5);
	assert_int_equal(c.reps, 4);
	assert_int_equal(store_history(s, "old-card", hist_cb, &h), 0);
	assert_int_equal(h.n, 1);
	/* version 4's running retention totals start from the old log */
	{
		struct store_retention ret;
		assert_int_equal(store_retention(s, T0, &ret), 0);
		assert_int_equal(ret.total, 1);
		assert_int_equal(ret.passed, 1);
	}
	/* the old rating can be undone with the new schema's undo */
	assert_int_equal(store_last_review(s, &last), 1);
	assert_int_equal(store_undo(s, last, T0, &c), 0);
	assert_true(c.stability == 5.5);
	assert_int_equal(c.last_review, 1698700000);
	{
		struct store_retention ret;
		assert_int_equal(store_retention(s, T0, &ret), 0);
		assert_int_equal(ret.total, 0);
		assert_int_equal(ret.passed, 0);
	}
	/* and the new tables work */
	{
		int64_t iv;
		assert_int_equal(store_interview_begin(s, T0, "ko", &iv), 0);
	}
	store_close(s);
}

static void
store_should_refuse_a_newer_schema(void **state)
{
	char dir[400], path[512], err[600];
	sqlite3 *db;

	(void)state;
	snprintf(dir, sizeof dir, "%s/newer", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(path, sizeof path, "%s/progress.db", dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_null(store_open(dir, err, sizeof err));
	assert_non_null(strstr(err, "schema version 99"));
	assert_non_null(strstr(err, "progress.db\""));
}

static void
store_should_refuse_a_file_that_is_not_a_database(void **state)
{
	char dir[400], path[512], err[600];
	FILE *f;

	(void)state;
	snprintf(dir, sizeof dir, "%s/junk", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(path, sizeof path, "%s/progress.db", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("this is not a database, just some text that is long enough to be read as a header\n", f);
	fclose(f);
	assert_null(store_open(dir, err, sizeof err));
	assert_non_null(strstr(err, "cannot open"));
	assert_non_null(strstr(err, "not an osprep database"));
}

/*
 * A read-only data dir. Permission bits do not stop root, so as root the
 * check runs in a child that drops to uid/gid 65534 (nobody).
 */
static void
store_should_report_a_read_only_data_dir(void **state)
{
	char dir[400], dir2[400], err[600];
	struct store *s;
	int fds[2], status;
	pid_t pid;
	ssize_t n;

	(void)state;
	snprintf(dir, sizeof dir, "%s/ro", tmpdir);
	s = open_data("ro");
	rate(s, "c1", T0, FSRS_GOOD);
	store_close(s);
	snprintf(dir2, sizeof dir2, "%s/ro/progress.db", tmpdir);
	assert_int_equal(chmod(dir2, 0444), 0);
	assert_int_equal(chmod(dir, 0555), 0);
	assert_int_equal(chmod(tmpdir, 0755), 0);
	snprintf(dir2, sizeof dir2, "%s/ro/sub", tmpdir);    /* cannot be created either */

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char out[1300];
		struct store *t;
		int ok = 1;

		close(fds[0]);
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(3);
		t = store_open(dir, err, sizeof err);
		if (t != NULL) {
			ok = 0;
			store_close(t);
			snprintf(err, sizeof err, "(opened)");
		}
		snprintf(out, sizeof out, "%s\n", err);
		t = store_open(dir2, err, sizeof err);
		if (t != NULL) {
			ok = 0;
			store_close(t);
		}
		snprintf(out + strlen(out), sizeof out - strlen(out), "%s\n", err);
		if (write(fds[1], out, strlen(out)) < 0)
			_exit(4);
		_exit(ok ? 0 : 1);
	}
	close(fds[1]);
	n = read(fds[0], err, sizeof err - 1);
	close(fds[0]);
	assert_true(waitpid(pid, &status, 0) == pid);
	err[n > 0 ? n : 0] = '\0';
	chmod(dir, 0700);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail_msg("read-only store opened or child failed (status %d): %s", status, err);
	assert_non_null(strstr(err, "read-only"));
	assert_non_null(strstr(err, "ro/progress.db\""));
	assert_non_null(strstr(err, "cannot create"));
	assert_non_null(strstr(err, "ro/sub\""));
	/* nothing was lost, and a writable store opens again */
	s = open_data("ro");
	assert_int_equal(count_rows(s, "SELECT count(*) FROM review"), 1);
	store_close(s);
}

static void
store_should_report_a_full_disk_and_save_nothing(void **state)
{
	struct store *s = open_data("full");
	struct fsrs_params p;
	struct store_review r = { .card_id = "c-full", .time = T0, .rating = FSRS_GOOD,
	                          .kind = STORE_FLASHCARD };
	char big[600];
	struct fsrs_card c;
	int i;

	(void)state;
	fsrs_params_default(&p);
	rate(s, "c0", T0, FSRS_GOOD);
	/* a database that may not grow by a page: as good as a full disk */
	assert_int_equal(sqlite3_exec(store_db(s), "PRAGMA max_page_count = 1", NULL, NULL, NULL),
	                 SQLITE_OK);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	for (i = 0; i < 40; i++) {      /* enough new cards to need a new page */
		char id[700];

		snprintf(id, sizeof id, "%s-%d", big, i);
		r.card_id = id;
		fsrs_card_new(&r.before, T0);
		assert_int_equal(fsrs_next(&p, &r.before, T0, FSRS_GOOD, &r.after), 0);
		if (store_record_review(s, &r) != 0)
			break;
		assert_int_equal(store_get_state(s, id, &c), 1);
	}
	assert_true(i < 40);
	assert_non_null(strstr(store_errmsg(s), "disk is full"));
	assert_non_null(strstr(store_errmsg(s), "cannot save the rating of"));
	assert_int_equal(count_rows(s, "SELECT count(*) FROM review"), i + 1);
	assert_int_equal(count_rows(s, "SELECT count(*) FROM card_state"), i + 1);
	/* space again: the session goes on */
	assert_int_equal(sqlite3_exec(store_db(s), "PRAGMA max_page_count = 1000000", NULL, NULL, NULL),
	                 SQLITE_OK);
	rate(s, "c0", T0 + 600, FSRS_GOOD);
	store_close(s);
}

static void
store_should_report_a_locked_database_and_save_nothing(void **state)
{
	struct store *s = open_data("locked");
	char path[512];
	sqlite3 *other;
	struct fsrs_params p;
	struct store_review r = { .card_id = "c1", .time = T0, .rating = FSRS_GOOD,
	                          .kind = STORE_FLASHCARD };

	(void)state;
	fsrs_params_default(&p);
	snprintf(path, sizeof path, "%s/locked/progress.db", tmpdir);
	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	store_set_busy_timeout(s, 50);
	fsrs_card_new(&r.before, T0);
	assert_int_equal(fsrs_next(&p, &r.before, T0, FSRS_GOOD, &r.after), 0);
	assert_int_equal(store_record_review(s, &r), -1);
	assert_non_null(strstr(store_errmsg(s), "locked"));
	assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	assert_int_equal(count_rows(s, "SELECT count(*) FROM review"), 0);
	assert_int_equal(store_record_review(s, &r), 0);
	assert_int_equal(count_rows(s, "SELECT count(*) FROM review"), 1);
	store_close(s);
}

static void
store_should_count_reviews_and_retention(void **state)
{
	struct store *s = open_data("stats");
	struct store_retention ret;
	int64_t bounds[4] = { T0, T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY };
	long counts[3], n;
	double secs;
	int64_t id, failed;

	(void)state;
	rate(s, "a", T0 + 10, FSRS_EASY);             /* new -> review, 8 days */
	rate(s, "b", T0 + 20, FSRS_EASY);
	rate(s, "a", T0 + 9 * DAY, FSRS_GOOD);         /* review: passed */
	failed = rate(s, "b", T0 + 9 * DAY, FSRS_AGAIN);   /* review: failed */
	id = rate(s, "c", T0 + DAY + 5, FSRS_GOOD);
	assert_int_equal(store_reviews_between(s, bounds, 3, counts), 3);
	assert_int_equal(counts[0], 2);
	assert_int_equal(counts[1], 1);
	assert_int_equal(counts[2], 0);
	assert_int_equal(store_undo(s, id, T0 + DAY + 6, NULL), 0);
	assert_int_equal(store_reviews_between(s, bounds, 3, counts), 2);
	assert_int_equal(counts[1], 0);
	assert_int_equal(store_retention(s, T0 + 5 * DAY, &ret), 0);
	assert_int_equal(ret.total, 2);
	assert_int_equal(ret.passed, 1);
	assert_int_equal(ret.recent_total, 2);
	assert_int_equal(store_retention(s, T0 + 10 * DAY, &ret), 0);
	assert_int_equal(ret.recent_total, 0);
	assert_int_equal(store_totals(s, T0, &n, &secs), 0);
	assert_int_equal(n, 4);
	assert_true(secs == 4 * 4.5);
	/* new cards introduced: a and b on day 0 (c's was undone) */
	assert_int_equal(store_new_since(s, T0, NULL, NULL, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_new_since(s, T0 + 15, NULL, NULL, &n), 0);
	assert_int_equal(n, 1);
	/* undoing a review-state rating takes it out of the running totals */
	assert_int_equal(store_undo(s, failed, T0 + 9 * DAY + 5, NULL), 0);
	assert_int_equal(store_retention(s, T0 + 5 * DAY, &ret), 0);
	assert_int_equal(ret.total, 1);
	assert_int_equal(ret.passed, 1);
	assert_int_equal(ret.recent_total, 1);
	assert_int_equal(ret.recent_passed, 1);
	store_close(s);
	/* and the totals survive a reopen */
	s = open_data("stats");
	assert_int_equal(store_retention(s, T0, &ret), 0);
	assert_int_equal(ret.total, 1);
	assert_int_equal(ret.passed, 1);
	store_close(s);
}

/* The clock lives beside the store: OSPREP_NOW and ISO 8601. */
static void
clock_should_read_iso_8601_and_osprep_now(void **state)
{
	int64_t t;
	char err[200], buf[64];

	(void)state;
	assert_int_equal(clock_parse("2025-03-01T09:00:00+09:00", &t), 0);
	assert_int_equal(t, 1740787200);
	assert_int_equal(clock_parse("2025-03-01T00:00:00Z", &t), 0);
	assert_int_equal(t, 1740787200);
	assert_int_equal(clock_parse("2025-03-01T00:00:00.250Z", &t), 0);
	assert_int_equal(t, 1740787200);
	assert_int_equal(clock_parse("2024-02-29T23:59:59-0130", &t), 0);
	assert_int_equal(t, 1709251199 + 5400);
	assert_int_equal(clock_parse("@1700000000", &t), 0);
	assert_int_equal(t, 1700000000);
	assert_int_equal(clock_parse("2025-02-29", &t), -1);
	assert_int_equal(clock_parse("2025-13-01", &t), -1);
	assert_int_equal(clock_parse("2025-03-01T25:00Z", &t), -1);
	assert_int_equal(clock_parse("2025-03-01Tnoon", &t), -1);
	assert_int_equal(clock_parse("tomorrow", &t), -1);
	/* without a zone it is local time */
	setenv("TZ", "Asia/Seoul", 1);
	tzset();
	assert_int_equal(clock_parse("2025-03-01 09:00", &t), 0);
	if (t != 1740787200)   /* no zoneinfo installed: UTC */
		assert_int_equal(t, 1740819600);
	setenv("TZ", "UTC", 1);
	tzset();
	assert_int_equal(clock_parse("2025-03-01", &t), 0);
	assert_int_equal(t, 1740787200);
	assert_int_equal(clock_day_start(1740787200 + 5000), 1740787200);
	clock_format_iso(1740787200, buf, sizeof buf);
	assert_string_equal(buf, "2025-03-01T00:00:00Z");

	setenv("OSPREP_NOW", "2025-03-01T00:00:00Z", 1);
	assert_int_equal(clock_check(err, sizeof err), 0);
	assert_int_equal(clock_now(), 1740787200);
	setenv("OSPREP_NOW", "soon", 1);
	assert_int_equal(clock_check(err, sizeof err), -1);
	assert_non_null(strstr(err, "OSPREP_NOW: cannot read \"soon\""));
	assert_true(clock_now() > 1740787200);      /* falls back to the system clock */
	unsetenv("OSPREP_NOW");
	assert_int_equal(clock_check(err, sizeof err), 0);
}

static void
clock_should_write_short_spans_in_both_languages(void **state)
{
	char buf[32];

	(void)state;
	clock_format_span(45, 0, buf, sizeof buf);
	assert_string_equal(buf, "45s");
	clock_format_span(600, 0, buf, sizeof buf);
	assert_string_equal(buf, "10m");
	clock_format_span(600, 1, buf, sizeof buf);
	assert_string_equal(buf, "10분");
	clock_format_span(6 * 3600, 1, buf, sizeof buf);
	assert_string_equal(buf, "6시간");
	clock_format_span(8 * 86400, 0, buf, sizeof buf);
	assert_string_equal(buf, "8d");
	clock_format_span(8 * 86400, 1, buf, sizeof buf);
	assert_string_equal(buf, "8일");
	clock_format_span(45 * 86400, 0, buf, sizeof buf);
	assert_string_equal(buf, "1.5mo");
	clock_format_span(400 * 86400, 1, buf, sizeof buf);
	assert_string_equal(buf, "1.1년");
}

struct ivs {
	int n;
	int64_t first_id;
	int complete;
	double score;
	int nturns;
};

static int
iv_cb(const struct store_interview *iv, void *arg)
{
	struct ivs *v = arg;

	if (v->n++ == 0) {
		v->first_id = iv->id;
		v->complete = iv->complete;
		v->score = iv->score;
		v->nturns = iv->nturns;
	}
	return 0;
}

static int
turn_cb(const struct store_turn *t, void *arg)
{
	int *n = arg;

	(*n)++;
	assert_int_equal(t->seq, *n);
	if (t->seq == 2) {
		assert_string_equal(t->card_id, "q02");
		assert_string_equal(t->answer, "스레드는 주소 공간을 공유합니다");
		assert_int_equal(t->overrun, 1);
	}
	return 0;
}

static void
store_should_keep_interview_transcripts(void **state)
{
	struct store *s = open_data("iv");
	struct store_turn t1 = { 1, "q01", "process answer", 0.5, 90, 0, T0 + 100 };
	struct store_turn t2 = { 2, "q02", "스레드는 주소 공간을 공유합니다", 0.75, 200, 1, T0 + 300 };
	struct ivs v = { 0 };
	int64_t a, b;
	int n = 0;

	(void)state;
	assert_int_equal(store_interview_begin(s, T0, "ko", &a), 0);
	assert_int_equal(store_interview_turn(s, a, &t1), 0);
	assert_int_equal(store_interview_turn(s, a, &t2), 0);
	assert_int_equal(store_interview_turn(s, a, &t2), -1);     /* same turn twice */
	assert_int_equal(store_interview_end(s, a, T0 + 400, 1, 62.5), 0);
	assert_int_equal(store_interview_begin(s, T0 + DAY, "en", &b), 0);   /* abandoned */
	assert_int_equal(store_interview_end(s, 999, T0, 1, 1), -1);
	assert_int_equal(store_interview_list(s, 0, iv_cb, &v), 0);
	assert_int_equal(v.n, 2);
	assert_true(v.first_id == b);            /* newest first */
	assert_int_equal(v.complete, 0);
	assert_true(v.score < 0);
	v.n = 0;
	assert_int_equal(store_interview_list(s, 0, iv_cb, &v), 0);
	assert_int_equal(store_interview_turns(s, a, turn_cb, &n), 0);
	assert_int_equal(n, 2);
	store_close(s);
	s = open_data("iv");
	memset(&v, 0, sizeof v);
	assert_int_equal(store_interview_list(s, 0, iv_cb, &v), 0);
	assert_int_equal(v.n, 2);
	store_close(s);
}

/* The child of the kill test: rate cards forever, confirming each commit. */
static void __attribute__((noreturn))
kill_child(const char *dir, int fd, unsigned seed)
{
	char err[600];
	struct fsrs_params p;
	struct store *s;
	int64_t now = T0 + (int64_t)seed * 60;
	unsigned i;

	fsrs_params_default(&p);
	s = store_open(dir, err, sizeof err);
	if (s == NULL) {
		dprintf(fd, "error %s\n", err);
		_exit(2);
	}
	for (i = 0;; i++) {
		char id[32];
		struct store_review r = { .card_id = id, .rating = (int)((seed + i) % 4) + 1,
		                          .kind = STORE_FLASHCARD, .seconds = 1 };
		int have;

		snprintf(id, sizeof id, "card-%02u", (seed * 7 + i) % 40);
		now += 37;
		r.time = now;
		have = store_get_state(s, id, &r.before);
		if (have < 0)
			_exit(5);
		if (!have)
			fsrs_card_new(&r.before, now);
		if (r.before.state != FSRS_NEW && r.before.last_review > now)
			r.time = now = r.before.last_review;
		if (fsrs_next(&p, &r.before, r.time, r.rating, &r.after) != 0)
			_exit(6);
		if (store_record_review(s, &r) != 0) {
			dprintf(fd, "error %s\n", store_errmsg(s));
			_exit(7);
		}
		/* confirmed only once the commit returned */
		dprintf(fd, "ok %lld %s %d\n", (long long)r.id, id, r.after.reps);
	}
}

static void
store_should_survive_kill_9_at_100_random_moments(void **state)
{
	char dir[400];
	struct store *s;
	unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
	long confirmed = 0;
	int round;

	(void)state;
	snprintf(dir, sizeof dir, "%s/kill", tmpdir);
	srand(seed);
	for (round = 0; round < 100; round++) {
		int fds[2], status;
		pid_t pid;
		FILE *in;
		static char lines[4096][80];
		int wait_lines = rand() % 8, nlines;

		assert_int_equal(pipe(fds), 0);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(fds[0]);
			kill_child(dir, fds[1], (unsigned)round * 1000);
		}
		close(fds[1]);
		in = fdopen(fds[0], "r");
		assert_non_null(in);
		/* let it confirm a few ratings, then kill it a random moment later,
		 * as likely inside a transaction as between two */
		nlines = 0;
		while (nlines < wait_lines && fgets(lines[nlines], sizeof lines[0], in) != NULL) {
			if (strncmp(lines[nlines], "error", 5) == 0)
				fail_msg("round %d: child: %s", round, lines[nlines]);
			nlines++;
		}
		usleep((useconds_t)(rand() % 20000));
		kill(pid, SIGKILL);
		assert_true(waitpid(pid, &status, 0) == pid);
		if (WIFEXITED(status))
			fail_msg("round %d: child exited with %d", round, WEXITSTATUS(status));
		assert_true(WIFSIGNALED(status));
		while (nlines < (int)(sizeof lines / sizeof lines[0]) &&
		       fgets(lines[nlines], sizeof lines[0], in) != NULL)
			nlines++;

		/* every rating the child confirmed is in the log, with its card */
		s = open_data("kill");
		{
			sqlite3_stmt *st;
			int k;

			assert_int_equal(sqlite3_prepare_v2(store_db(s),
			        "SELECT count(*) FROM review_log WHERE id = ?1 AND card_id = ?2"
			        " AND reps_after = ?3", -1, &st, NULL), SQLITE_OK);
			for (k = 0; k < nlines; k++) {
				long long id;
				char card[64];
				int reps;

				if (strncmp(lines[k], "error", 5) == 0)
					fail_msg("round %d: child: %s", round, lines[k]);
				/* a line the kill cut short was never confirmed */
				if (strchr(lines[k], '\n') == NULL ||
				    sscanf(lines[k], "ok %lld %63s %d", &id, card, &reps) != 3)
					continue;
				sqlite3_reset(st);
				sqlite3_bind_int64(st, 1, id);
				sqlite3_bind_text(st, 2, card, -1, SQLITE_TRANSIENT);
				sqlite3_bind_int(st, 3, reps);
				assert_int_equal(sqlite3_step(st), SQLITE_ROW);
				if (sqlite3_column_int(st, 0) != 1)
					fail_msg("round %d: confirmed rating %lld of %s is not in the log",
					         round, id, card);
				confirmed++;
			}
			sqlite3_finalize(st);
		}
		fclose(in);
		store_close(s);
	}
	/* the database is whole, and state agrees with the log card by card */
	s = open_data("kill");
	{
		sqlite3_stmt *st;

		assert_int_equal(sqlite3_prepare_v2(store_db(s), "PRAGMA integrity_check", -1, &st, NULL),
		                 SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
		sqlite3_finalize(st);
	}
	assert_int_equal(count_rows(s,
	        "SELECT count(*) FROM card_state c WHERE c.reps !="
	        " (SELECT count(*) FROM review r WHERE r.card_id = c.card_id)"), 0);
	assert_int_equal(count_rows(s, "PRAGMA foreign_key_check"), -1);   /* no rows */
	assert_true(count_rows(s, "SELECT count(*) FROM review_log") >= confirmed);
	store_close(s);
	print_message("kill test: seed %u, %ld confirmed ratings checked\n", seed, confirmed);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(store_should_create_a_private_wal_database, setup, teardown),
		cmocka_unit_test_setup_teardown(store_should_tighten_a_world_readable_database, setup, teardown),
		cmocka_unit_test_setup_teardown(store_should_record_a_rating_with_its_before_and_after, setup, teardown),
		cmocka_unit_test_setup_teardown(store_should_refuse_a_rating_from_a_stale_state, setup, teardown),
		cmocka_unit_test_setup_teardown(store_should_undo_the_last_rating_from_the_log, setup, teardown),
		cmocka_unit_test_setup_teardown(store_should_only_undo_a_cards_latest_rating, setup, teardown),
		cmocka_unit_test_setup_teardown(store_should_list_a_cards_history_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(store_should_keep_progress_of_cards_that_left_the_content, setup, teardown),
		cmocka_unit_test_setup_teardown(store_should_migrate_a_version_1_database, setup, teardown),
		cmocka_unit_test_setup_teardown(store_should_refuse_a_newer_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(store_should_refuse_a_file_that_is_not_a_database, setup, teardown),
		cmocka_unit_test_setup_teardown(store_should_report_a_read_only_data_dir, setup, teardown),
		cmocka_unit_test_setup_teardown(store_should_report_a_full_disk_and_save_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(store_should_report_a_locked_database_and_save_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(store_should_count_reviews_and_retention, setup, teardown),
		cmocka_unit_test_setup_teardown(store_should_keep_interview_transcripts, setup, teardown),
		cmocka_unit_test_setup_teardown(store_should_survive_kill_9_at_100_random_moments, setup, teardown),
		cmocka_unit_test(clock_should_read_iso_8601_and_osprep_now),
		cmocka_unit_test(clock_should_write_short_spans_in_both_languages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
