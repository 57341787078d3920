#!/usr/bin/env bash
# test_review.sh: review, rate, card, due, stats and export end to end,
# driven through stdin with OSPREP_NOW fixing the clock. The expected
# intervals and memory states come from ts-fsrs 5.4.2 (default weights,
# fuzz off), the reference the scheduler is tested against.
. "$(dirname "$0")/lib.sh"

T0=2025-03-01T00:00:00Z        # day 1
T1=2025-03-02T00:00:00Z        # day 2
export TZ=UTC
export OSPREP_CONTENT="$TMP/content"
mkdir -p "$OSPREP_CONTENT" "$XDG_CONFIG_HOME/osprep"
printf '{"fuzz": false, "new_per_day": 2}\n' > "$XDG_CONFIG_HOME/osprep/config.json"

card() {   # card ID KO-FRONT EN-FRONT
	printf '{"id": "%s", "kind": "flashcard", "tags": ["e2e"], "front": {"ko": "%s", "en": "%s"}, "back": {"ko": "**답** %s", "en": "**answer** %s"}}' \
		"$1" "$2" "$3" "$1" "$1"
}
write_deck() {  # write_deck CARD-IDS...
	local first=1 id
	{
		printf '{"deck": "e2e", "title": {"ko": "종단 테스트", "en": "end to end"}, "cards": [\n'
		for id in "$@"; do
			[ $first -eq 1 ] || printf ',\n'
			first=0
			card "$id" "$id 앞면" "$id front"
		done
		printf '\n]}\n'
	} > "$OSPREP_CONTENT/e2e.json"
}
write_deck e-one e-two e-three

# json FIELD: a top-level scalar from `card --json` output in $out
json() { printf '%s\n' "$out" | sed -n "s/^	\"$1\":	\(.*\),\{0,1\}$/\1/p" | head -n 1 | sed 's/,$//; s/^"//; s/"$//'; }

# --- day 1: two new cards (the daily limit), intervals as ts-fsrs gives them
run_in $'\n3\n\n4\nq\n' env OSPREP_NOW=$T0 "$OSPREP" --lang en review
expect_rc review-day1-exit 0
expect_out review-shows-anki-style-choices '^1 again 1m · 2 hard 6m · 3 good 10m · 4 easy 8d$'
expect_out review-confirms-good 'saved: good, next in 10m \(2025-03-01 00:10\)'
expect_out review-confirms-easy 'saved: easy, next in 8d \(2025-03-09 00:00\)'
expect_no_out review-respects-new-limit 'e-three'
expect_out review-summary 'cards 2 · recalled 2 \(100%\) · again 0'
expect_out review-summary-next-due 'next due: 2025-03-01 00:10'

run_in $'\n3\nq\n' env OSPREP_NOW=$T0 "$OSPREP" review --new 1 --deck e2e
expect_out review-korean-choices '^1 다시 1분 · 2 어려움 6분 · 3 알맞음 10분 · 4 쉬움 8일$'
run env OSPREP_NOW=$T0 "$OSPREP" card e-three --json
[ "$(json reps)" = 1 ] && pass review-new-flag-overrides-limit || fail review-new-flag-overrides-limit "$out"

run env OSPREP_NOW=$T0 "$OSPREP" card e-one --json
if [ "$(json state)" = learning ] && [ "$(json stability)" = 2.3065 ] &&
   [ "$(json difficulty)" = 2.11810397 ] && [ "$(json due)" = 2025-03-01T00:10:00Z ] &&
   [ "$(json step)" = 1 ]; then pass stored-learning-state
else fail stored-learning-state "$out"; fi
run env OSPREP_NOW=$T0 "$OSPREP" card e-two --json
if [ "$(json state)" = review ] && [ "$(json interval_days)" = 8 ] &&
   [ "$(json due)" = 2025-03-09T00:00:00Z ]; then pass stored-review-state
else fail stored-review-state "$out"; fi

run env OSPREP_NOW=$T0 "$OSPREP" --lang en due
expect_out due-counts-per-deck '^e2e +0 +0 +0$'
run env OSPREP_NOW=2025-03-01T00:10:00Z "$OSPREP" --lang en due
expect_out due-learning-now '^e2e +0 +2 +0$'
expect_out due-new-left 'new cards left today: 0'
expect_out due-forecast-today '^today +2 █'
expect_out due-forecast-day9 '^03-09 Sun +1 █'

# --- day 2: e-one (learning, a day late) comes back; undo; a lapse
run_in $'\n3\nu\n\n2\n\n1\nq\n' env OSPREP_NOW=$T1 "$OSPREP" --lang en review --new 0
expect_out day2-intervals '^1 again 1m · 2 hard 6m · 3 good 7d · 4 easy 12d$'
expect_out day2-undo 'undone: e-one → learning'
expect_out day2-hard 'saved: hard, next in 6m \(2025-03-02 00:06\)'
expect_out day2-e-three-lapse 'saved: again'
run env OSPREP_NOW=$T1 "$OSPREP" card e-one --json
if [ "$(json reps)" = 2 ] && [ "$(json stability)" = 5.31879273 ] &&
   [ "$(json difficulty)" = 4.75285849 ] && [ "$(json due)" = 2025-03-02T00:06:00Z ]; then
	pass undo-restores-then-rerates
else fail undo-restores-then-rerates "$out"; fi
n_undone=$(printf '%s\n' "$out" | grep -c '"undone":	true')
n_hist=$(printf '%s\n' "$out" | grep -c '"rating":')
[ "$n_undone" = 1 ] && [ "$n_hist" = 3 ] && pass history-keeps-undone || fail history-keeps-undone "$n_hist entries, $n_undone undone"

# --- rate (for scripts)
run env OSPREP_NOW=2025-03-02T00:05:00Z "$OSPREP" --lang en rate e-three good
expect_rc rate-exit 0
expect_out rate-output '^e-three: good → learning, next in 10m \(2025-03-02 00:15\)'
run env OSPREP_NOW=2025-03-02T00:05:00Z "$OSPREP" rate e-three meh
expect_rc rate-bad-rating 2
expect_err rate-bad-rating-message 'unknown rating|알 수 없는 평가'
run env OSPREP_NOW=2025-03-02T00:05:00Z "$OSPREP" rate e-nope good
expect_rc rate-unknown-card 2
run env OSPREP_NOW=yesterday "$OSPREP" due
expect_rc bad-osprep-now 2
expect_err bad-osprep-now-message 'OSPREP_NOW: cannot read "yesterday"'

# --- a card removed from the content keeps its history, and gets it back
write_deck e-one e-three
run env OSPREP_NOW=$T1 "$OSPREP" --lang en card e-two
expect_rc removed-card-shown 0
expect_out removed-card-note 'not in the current content'
expect_out removed-card-state 'reviews +1'
run env OSPREP_NOW=$T1 "$OSPREP" --lang en stats
expect_rc stats-without-removed 0
write_deck e-one e-two e-three
run env OSPREP_NOW=$T1 "$OSPREP" card e-two --json
if [ "$(json in_content)" = true ] && [ "$(json reps)" = 1 ] && [ "$(json state)" = review ]; then
	pass returning-card-keeps-progress
else fail returning-card-keeps-progress "$out"; fi

# --- a lapse: a review card rated again relearns
T9=2025-03-09T00:00:00Z
run env OSPREP_NOW=$T9 "$OSPREP" --lang en rate e-two again
expect_out lapse-relearns '^e-two: again → relearning, next in 10m \(2025-03-09 00:10\)'

# --- stats
run env OSPREP_NOW=$T9 "$OSPREP" --lang en stats
expect_out stats-total 'total 7, 0.2 a day'
expect_out stats-states 'new 0 · learning 2 · review 0 · relearning 1'
expect_out stats-hardest-first '^  D +7\.[0-9]+ +lapses +0 +e-three'
expect_out stats-hardest-lapse '^  D +[0-9.]+ +lapses +1 +e-two'
expect_out stats-no-retention-yet 'last 30 days 0\.0% \(0/1\)'
run env OSPREP_NOW=$T9 "$OSPREP" stats --json
expect_out stats-json-states '"relearning":	1'
expect_out stats-json-retention '"reviews_30d":	1'

# --- export
run "$OSPREP" --lang en export anki "$TMP/e2e.txt" --deck e2e
expect_rc export-anki 0
if [ "$(head -n 7 "$TMP/e2e.txt" | tr '\n' '|')" = \
     "#separator:tab|#html:true|#notetype:Basic|#guid column:1|#deck column:4|#tags column:5|#columns:guid	Front	Back	deck	tags|" ]; then
	pass export-anki-headers
else fail export-anki-headers "$(head -n 7 "$TMP/e2e.txt")"; fi
if [ "$(grep -vc '^#' "$TMP/e2e.txt")" = 3 ] &&
   [ "$(grep -v '^#' "$TMP/e2e.txt" | awk -F'\t' 'NF != 5' | wc -l)" = 0 ] &&
   grep -q $'^osprep-en-e-one\t<p>e-one front</p>\t<p><b>answer</b> e-one</p>\tosprep::e2e\tosprep e2e e2e$' "$TMP/e2e.txt"; then
	pass export-anki-rows
else fail export-anki-rows "$(cat "$TMP/e2e.txt")"; fi
run "$OSPREP" export md "$TMP/e2e.md"
expect_rc export-md 0
grep -q '^# 종단 테스트$' "$TMP/e2e.md" && grep -q '^### Q. e-two 앞면$' "$TMP/e2e.md" &&
	pass export-md-sheet || fail export-md-sheet "$(head -c 300 "$TMP/e2e.md")"

# --- a read-only data dir: a clear error, and the session goes on
RO="$TMP/ro-data"
OSPREP_DATA="$RO" OSPREP_NOW=$T0 "$OSPREP" rate e-one good >/dev/null 2>&1
chmod 0555 "$RO"
chmod 0444 "$RO/progress.db"
chmod 0755 "$TMP"
as_user=()
if [ "$(id -u)" = 0 ]; then
	# permission bits do not bind root: run as nobody
	command -v setpriv >/dev/null && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
if [ "$(id -u)" = 0 ] && [ ${#as_user[@]} -eq 0 ]; then
	pass read-only-data-dir-skipped
else
	run_in $'rate e-two good\ndecks\n' env OSPREP_DATA="$RO" OSPREP_NOW=$T1 OSPREP_LANG=en HOME="$TMP" \
		"${as_user[@]}" "$OSPREP"
	expect_err read-only-clear-error 'read-only'
	expect_out read-only-session-goes-on '^e2e '
	expect_no_out read-only-nothing-saved 'next in'
fi
chmod 0755 "$RO"

# --- kill -9 at random moments during scripted reviews
if [ -n "${OSPREP_SKIP_KILL9:-}" ]; then
	pass kill9-skipped
else
	bash "$ROOT/tests/store/kill9.sh" "$OSPREP" 100
fi
