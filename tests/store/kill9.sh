#!/usr/bin/env bash
# kill9.sh: kill a running `osprep review` with SIGKILL at 100 random
# moments and check that the progress store survives every time:
#   - PRAGMA integrity_check says ok,
#   - every rating the program confirmed ("saved: ...") is in the log, and
#     at most one more (the one in flight) is,
#   - each card's state agrees with its log (reps = ratings not undone).
#
#   bash tests/store/kill9.sh [OSPREP] [ROUNDS]
#
# Prints PASS/FAIL lines like the e2e tests. Needs the sqlite3 shell to look
# inside the database (a test package the Makefile installs); without it the
# test fails rather than pass unchecked.
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OSPREP=${1:-${OSPREP:-$ROOT/osprep}}
ROUNDS=${2:-100}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/osprep-kill9.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

if ! command -v sqlite3 >/dev/null; then
	# make test installs it (Debian package sqlite3); a skip would hide the test
	echo "FAIL kill9: no sqlite3 shell to inspect the database (apt-get install sqlite3)"
	exit 1
fi

export OSPREP_DATA="$TMP/data" OSPREP_CONTENT="$TMP/content" XDG_CONFIG_HOME="$TMP/config"
export OSPREP_LANG=en NO_COLOR=1 TERM=dumb
unset PAGER
mkdir -p "$TMP/content" "$TMP/config/osprep"
printf '{"fuzz": false, "new_per_day": 1000}\n' > "$TMP/config/osprep/config.json"
{
	printf '{"deck": "kill", "title": {"ko": "킬 테스트", "en": "kill test"}, "cards": [\n'
	for i in $(seq 1 1000); do
		[ "$i" -gt 1 ] && printf ',\n'
		printf '{"id": "k-%04d", "kind": "flashcard", "front": {"ko": "앞 %d", "en": "front %d"}, "back": {"ko": "뒤 %d", "en": "back %d"}}' \
			"$i" "$i" "$i" "$i" "$i"
	done
	printf '\n]}\n'
} > "$TMP/content/kill.json"

db="$TMP/data/progress.db"
header='^\[[0-9]+\] [^ ]+ · ([^ ]+) · '
declare -A confirmed=()
total_confirmed=0 failures=0 kills=0
base=1740787200   # 2025-03-01T00:00:00Z
for round in $(seq 1 "$ROUNDS"); do
	now=$((base + round * 86400))
	# an endless stream of answers: Enter, then a random rating
	( while :; do printf '\n%d\n' $((RANDOM % 4 + 1)) || exit 0; done ) 2>/dev/null |
		OSPREP_NOW="@$now" "$OSPREP" review --new 1000 >"$TMP/out" 2>"$TMP/err" &
	pid=$!
	# kill after a random number of confirmations plus a random few ms, so
	# the kill lands anywhere: mid-transaction, mid-output, between cards
	want=$((RANDOM % 40))
	while [ "$(grep -c '^saved' "$TMP/out" 2>/dev/null)" -lt "$want" ] && kill -0 "$pid" 2>/dev/null; do
		sleep 0.002
	done
	sleep "0.00$((RANDOM % 10))"
	kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
	[ -n "${KILL9_DEBUG:-}" ] && echo "round $round: $(grep -c '^saved' "$TMP/out") saved, $(tail -c 300 "$TMP/err")"
	wait "$pid" 2>/dev/null

	# killed before it created the database or its schema (a slow start, as
	# under ASan): nothing can have been confirmed, and sqlite3 must not
	# create the file
	if [ ! -f "$db" ] ||
	   [ "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_master WHERE name = 'review'" 2>/dev/null)" != 1 ]; then
		if grep -q '^saved' "$TMP/out"; then
			echo "FAIL kill9: round $round: ratings confirmed but no database"
			failures=$((failures + 1))
			break
		fi
		continue
	fi

	# confirmations: a "saved" line belongs to the card shown last
	card=""
	while IFS= read -r line; do
		case $line in
		\[*\]*) card=""
			[[ $line =~ $header ]] && card=${BASH_REMATCH[1]} ;;
		saved:*) if [ -n "$card" ]; then
				confirmed[$card]=$(( ${confirmed[$card]:-0} + 1 ))
				total_confirmed=$((total_confirmed + 1))
			fi ;;
		esac
	done < "$TMP/out"

	ic=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
	if [ "$ic" != ok ]; then
		echo "FAIL kill9: round $round: integrity_check says: $ic"
		failures=$((failures + 1))
		break
	fi
	in_log=$(sqlite3 "$db" 'SELECT count(*) FROM review')
	extra=$((in_log - total_confirmed))
	if [ "$extra" -lt 0 ] || [ "$extra" -gt 1 ]; then
		echo "FAIL kill9: round $round: $total_confirmed ratings confirmed but $in_log in the log"
		# what to look at when it happens: this round's confirmations, the
		# cards the log is short of, and what the program said on stderr
		echo "  this round: $(grep -c '^saved' "$TMP/out") confirmed; undone in the log:" \
			"$(sqlite3 "$db" 'SELECT count(*) FROM review_undo' 2>&1)"
		while IFS='|' read -r c n; do
			[ "${confirmed[$c]:-0}" -gt "$n" ] && echo "  card $c: ${confirmed[$c]} confirmed, $n in the log"
		done < <(sqlite3 "$db" 'SELECT card_id, count(*) FROM review GROUP BY card_id') | head -5
		tail -n 3 "$TMP/err" | sed 's/^/  stderr: /'
		failures=$((failures + 1))
		break
	fi
	# the one in flight may have committed before the kill: count it as confirmed now
	if [ "$extra" -eq 1 ]; then
		c=$(sqlite3 "$db" 'SELECT card_id FROM review ORDER BY id DESC LIMIT 1')
		confirmed[$c]=$(( ${confirmed[$c]:-0} + 1 ))
		total_confirmed=$((total_confirmed + 1))
	fi
	while IFS='|' read -r c n; do
		if [ "${confirmed[$c]:-0}" -ne "$n" ]; then
			echo "FAIL kill9: round $round: card $c has $n ratings in the log, ${confirmed[$c]:-0} confirmed"
			failures=$((failures + 1))
			break 2
		fi
	done < <(sqlite3 "$db" 'SELECT card_id, count(*) FROM review GROUP BY card_id')
	bad=$(sqlite3 "$db" 'SELECT count(*) FROM card_state c WHERE c.reps !=
		(SELECT count(*) FROM review r WHERE r.card_id = c.card_id)')
	if [ "$bad" != 0 ]; then
		echo "FAIL kill9: round $round: ${bad:-(query failed)} cards whose state disagrees with the log"
		failures=$((failures + 1))
		break
	fi
	# the running retention totals (schema 4) agree with the log
	agree=$(sqlite3 "$db" "SELECT (SELECT reviews || '/' || passed FROM retention_total) =
		(SELECT count(*) || '/' || count(*) FILTER (WHERE rating > 1) FROM review
		 WHERE state_before = 2)")
	if [ "$agree" != 1 ]; then
		echo "FAIL kill9: round $round: the retention totals disagree with the log"
		failures=$((failures + 1))
		break
	fi
done 2>>"$TMP/shell-err"   # bash's own "Killed" notices
if [ "$failures" -eq 0 ]; then
	echo "PASS kill9: $ROUNDS rounds ($kills killed mid-run), integrity ok, all $total_confirmed confirmed ratings in the log"
fi
[ "$total_confirmed" -gt 0 ] || echo "FAIL kill9: no rating was ever confirmed (is review working?)"
