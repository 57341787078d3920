#!/usr/bin/env bash
# tests/bench/store.sh: the progress store's costs (a benchmark, not a test).
#
#  1. one rating's commit (store_record_review: one WAL transaction with
#     synchronous=FULL): median, p90 and max of 2,000 ratings;
#  2. the queries behind `due` and `stats` over 10,000 cards with 100,000
#     review-log rows, in process: median of 21 runs;
#  3. `osprep due` and `osprep stats` as whole commands on that data, and
#     `osprep decks` on the same content as the start-up baseline; the
#     difference is what the command itself costs.
#
# Targets on the 2-core machine: commit <= 5 ms; due and stats <= 50 ms each
# (beyond loading the 10,000-card content, which tests/bench/startup.sh covers).
#
#   bash tests/bench/store.sh          (RUNS=21 by default)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
osprep=${OSPREP:-$root/osprep}
runs=${RUNS:-21}
tmp=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
[ -x "$osprep" ] || make -C "$root" >/dev/null

cat > "$tmp/bench.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "fsrs.h"
#include "store.h"

static double
ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static struct store *
open_or_die(const char *dir)
{
	char err[600];
	struct store *s = store_open(dir, err, sizeof err);
	if (s == NULL) {
		fprintf(stderr, "bench: %s\n", err);
		exit(1);
	}
	return s;
}

/* Rate card id at t with rating g through FSRS and the store. */
static double
rate(struct store *s, const struct fsrs_params *p, const char *id, long long t, int g)
{
	struct store_review r = { .card_id = id, .time = t, .rating = g, .seconds = 5,
	                          .kind = STORE_FLASHCARD };
	double t0;

	if (store_get_state(s, id, &r.before) == 0)
		fsrs_card_new(&r.before, t);
	if (r.before.state != FSRS_NEW && t < r.before.last_review)
		r.time = t = r.before.last_review;
	fsrs_next(p, &r.before, t, g, &r.after);
	t0 = ms();
	if (store_record_review(s, &r) != 0) {
		fprintf(stderr, "bench: %s\n", store_errmsg(s));
		exit(1);
	}
	return ms() - t0;
}

int
main(int argc, char **argv)
{
	struct fsrs_params p;
	struct store *s;
	long long now = 1740787200;   /* 2025-03-01 */
	int i, n;

	fsrs_params_default(&p);
	srand(7);
	if (argc == 4 && strcmp(argv[1], "commit") == 0) {
		double *t;

		n = atoi(argv[3]);
		t = malloc(n * sizeof *t);
		s = open_or_die(argv[2]);
		for (i = 0; i < n; i++) {
			char id[32];
			snprintf(id, sizeof id, "c-%d", i % 500);
			t[i] = rate(s, &p, id, now + i * 60, 1 + rand() % 4);
		}
		qsort(t, n, sizeof *t, cmp);
		printf("%.3f %.3f %.3f\n", t[n / 2], t[n * 9 / 10], t[n - 1]);
		store_close(s);
		return 0;
	}
	if (argc == 5 && strcmp(argv[1], "populate") == 0) {
		int ncards = atoi(argv[3]), nrev = atoi(argv[4]);

		s = open_or_die(argv[2]);
		/* the history only: no need to wait for the disk here */
		sqlite3_exec(store_db(s), "PRAGMA synchronous = OFF", NULL, NULL, NULL);
		for (i = 0; i < nrev; i++) {
			char id[32];
			int c = i % ncards, k = i / ncards, per = nrev / ncards;
			/* each card's reviews spread over the last year, oldest first */
			long long t = now - 365LL * 86400 + (long long)(k + 1) * 365 * 86400 / per
			              - rand() % (30 * 86400);
			int g = rand() % 100 < 12 ? 1 : rand() % 100 < 15 ? 2 : rand() % 100 < 85 ? 3 : 4;

			if (c % 10 == 0)
				c++;          /* every tenth card is a question: rate flashcards */
			snprintf(id, sizeof id, "b-%d", c);
			rate(s, &p, id, t, g);
		}
		store_close(s);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "queries") == 0) {
		enum { R = 21 };
		double tl[R], tr[R], tt[R];
		long counts[30];
		int64_t b[31];
		struct store_retention ret;
		struct store_states st;

		s = open_or_die(argv[2]);
		for (i = 0; i <= 30; i++)
			b[i] = now - (30 - i) * 86400LL;
		for (i = 0; i < R; i++) {
			double t0 = ms();
			store_load_states(s, &st);
			tl[i] = ms() - t0;
			if (i == 0)
				fprintf(stderr, "  states loaded: %zu\n", st.n);
			store_states_free(&st);
			t0 = ms();
			store_reviews_between(s, b, 30, counts);
			tr[i] = ms() - t0;
			t0 = ms();
			store_retention(s, b[0], &ret);
			tt[i] = ms() - t0;
		}
		qsort(tl, R, sizeof *tl, cmp);
		qsort(tr, R, sizeof *tr, cmp);
		qsort(tt, R, sizeof *tt, cmp);
		printf("%.3f %.3f %.3f\n", tl[R / 2], tr[R / 2], tt[R / 2]);
		store_close(s);
		return 0;
	}
	fprintf(stderr, "usage: bench commit DIR N | populate DIR CARDS REVIEWS | queries DIR\n");
	return 2;
}
C
cc -O2 -std=c17 -D_GNU_SOURCE -I"$root/src" -o "$tmp/bench" "$tmp/bench.c" \
	"$root/src/store.c" "$root/src/fsrs.c" $(pkg-config --cflags --libs sqlite3) -lm
cc -O2 -o "$tmp/runstat" "$root/tests/bench/runstat.c"

# the same 10,000-card deck as tests/bench/startup.sh: flashcards, every tenth a question
mkdir -p "$tmp/content"
{
	printf '{"deck": "bench", "title": {"ko": "벤치마크 덱", "en": "benchmark deck"}, "cards": [\n'
	for ((i = 0; i < 10000; i++)); do
		[ "$i" -gt 0 ] && printf ',\n'
		if [ $((i % 10)) -eq 0 ]; then
			printf '{"id": "b-%d", "kind": "question", "tags": ["bench"], "prompt": {"ko": "프로세스와 스레드의 차이를 설명해 주세요 %d", "en": "Explain processes and threads %d"}, "answer": {"ko": "프로세스는 독립된 주소 공간을 가지며 스레드는 이를 공유합니다.", "en": "A process has its own address space; threads share one."}, "key_points": [{"id": "a", "label": {"ko": "주소 공간", "en": "address space"}, "match": {"ko": ["주소 공간"], "en": ["address space"]}}]}' "$i" "$i" "$i"
		else
			printf '{"id": "b-%d", "kind": "flashcard", "tags": ["bench"], "front": {"ko": "컨텍스트 스위칭 때 저장하는 것은? %d", "en": "What does a context switch save? %d"}, "back": {"ko": "레지스터, PC, 스택 포인터 같은 실행 상태를 PCB에 저장합니다.", "en": "Registers, the PC and the stack pointer, into the PCB."}}' "$i" "$i" "$i"
		fi
	done
	printf '\n]}\n'
} > "$tmp/content/bench.json"

echo "osprep progress store, $(date -u +%Y-%m-%d), $(nproc) CPUs, SQLite $(pkg-config --modversion sqlite3)"
read -r med p90 max < <("$tmp/bench" commit "$tmp/commit" 2000)
printf '%-40s median %6.3f ms  p90 %6.3f ms  max %6.3f ms   (target <= 5 ms)\n' \
	"one rating's commit (2,000 ratings)" "$med" "$p90" "$max"

"$tmp/bench" populate "$tmp/data" 10000 100000
rows=$(sqlite3 "$tmp/data/progress.db" 'SELECT count(*) FROM review_log' 2>/dev/null || echo 100000)
echo "data: 10,000 cards, $rows review-log rows, $(du -k "$tmp/data/progress.db" | cut -f1) KiB"
read -r tl tr tt < <("$tmp/bench" queries "$tmp/data" 2>/dev/null)
printf '%-40s %7.3f ms\n' "  load every card state" "$tl" "  reviews per day, 30 days" "$tr" \
	"  true retention" "$tt"

export OSPREP_NOW=2025-03-01T00:00:00Z NO_COLOR=1 TERM=dumb
args=(--content "$tmp/content" --data "$tmp/data" --no-pager)
base=$("$tmp/runstat" "$runs" "$osprep" "${args[@]}" decks)
due=$("$tmp/runstat" "$runs" "$osprep" "${args[@]}" due)
stats=$("$tmp/runstat" "$runs" "$osprep" "${args[@]}" stats)
b=${base% *} d=${due% *} s=${stats% *}
printf '%-40s %7.1f ms\n' "osprep decks (start-up baseline)" "$b"
printf '%-40s %7.1f ms   own cost %5.1f ms   (target <= 50 ms)\n' "osprep due" "$d" \
	"$(awk "BEGIN {print $d - $b}")"
printf '%-40s %7.1f ms   own cost %5.1f ms   (target <= 50 ms)\n' "osprep stats" "$s" \
	"$(awk "BEGIN {print $s - $b}")"
