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

# --- choice cards in review: a deck of its own so the flashcard checks above
# stay as they were. Option order is seeded from the card id and OSPREP_NOW.
cat > "$OSPREP_CONTENT/quiz.json" <<'EOF'
{"deck": "quiz", "title": {"ko": "퀴즈", "en": "quiz"}, "cards": [
 {"id": "c-one", "kind": "choice", "prompt": {"ko": "세마포어에 대해 옳은 것은?", "en": "Which hold for a semaphore?"},
  "options": [
   {"text": {"ko": "값을 센다", "en": "it counts"}, "correct": true,
    "why": {"ko": "0 아래로는 기다립니다.", "en": "below zero one waits"}},
   {"text": {"ko": "다른 스레드가 올려도 된다", "en": "another thread may post"}, "correct": true,
    "why": {"ko": "신호 용도로 씁니다.", "en": "that is how it signals"}},
   {"text": {"ko": "주인이 있다", "en": "it is owned"}, "correct": false,
    "why": {"ko": "주인은 뮤텍스에 있습니다.", "en": "ownership belongs to a mutex"}}],
  "explain": {"ko": "세기가 핵심입니다.", "en": "Counting is the point."}},
 {"id": "c-two", "kind": "choice", "prompt": {"ko": "스핀락이 맞는 곳은?", "en": "Where does a spinlock fit?"},
  "options": [
   {"text": {"ko": "아주 짧은 임계 구역", "en": "a very short critical section"}, "correct": true,
    "why": {"ko": "잠들고 깨는 비용보다 짧을 때.", "en": "shorter than sleeping and waking"}},
   {"text": {"ko": "디스크 입출력 대기", "en": "waiting for disk I/O"}, "correct": false,
    "why": {"ko": "CPU를 태웁니다.", "en": "it burns the CPU"}},
   {"text": {"ko": "단일 코어의 사용자 공간", "en": "user space on one core"}, "correct": false,
    "why": {"ko": "잡은 스레드가 돌 수 없습니다.", "en": "the holder cannot run"}}]},
 {"id": "c-three", "kind": "choice", "prompt": {"ko": "교착 상태 조건은?", "en": "A deadlock condition?"},
  "options": [
   {"text": {"ko": "순환 대기", "en": "circular wait"}, "correct": true,
    "why": {"ko": "네 조건 중 하나.", "en": "one of the four"}},
   {"text": {"ko": "선점 가능", "en": "preemption"}, "correct": false,
    "why": {"ko": "비선점이 조건입니다.", "en": "no preemption is the condition"}}]},
 {"id": "q-quiz", "kind": "question", "prompt": {"ko": "교착 상태란?", "en": "What is a deadlock?"},
  "answer": {"ko": "서로 기다리는 상태.", "en": "Waiting on each other."},
  "key_points": [{"id": "wait", "label": {"ko": "순환 대기", "en": "circular wait"},
   "match": {"ko": ["기다"], "en": ["wait"]}}]}
]}
EOF
C0=2025-03-20T00:00:00Z
C1=2025-03-20T00:10:00Z
DB=$OSPREP_DATA/progress.db
# opt TEXT: the number an option was last shown with in $out
opt() { printf '%s\n' "$out" | grep -E "^ +[0-9]+\) $1" | tail -n 1 | sed -E 's/^ +([0-9]+)\).*/\1/'; }
sql() { sqlite3 "$DB" "$1" 2>/dev/null; }

run_in $'q\n' env OSPREP_NOW=$C0 "$OSPREP" --lang en review --deck quiz
expect_rc choice-review-exit 0
expect_out choice-review-header '^\[1\] quiz · c-one · new$'
expect_out choice-review-how 'Choice cards: type every right option number'
a=$(opt 'it counts'); b=$(opt 'another thread may'); c=$(opt 'it is owned')
if [ "$(printf '%s\n' "$a" "$b" "$c" | sort | tr -d '\n')" = 123 ]; then
	pass choice-review-shows-every-option
else fail choice-review-shows-every-option "$out"; fi
expect_no_out choice-quit-before-answer-grades-nothing 'Right\.|Not quite\.'
first=$out
run_in $'q\n' env OSPREP_NOW=$C0 "$OSPREP" --lang en review --deck quiz
[ "$out" = "$first" ] && pass choice-review-shuffle-reproducible || fail choice-review-shuffle-reproducible "orders differ"
run env OSPREP_NOW=$C0 "$OSPREP" card c-one --json
[ "$(json reps)" = 0 ] && pass choice-quit-saves-nothing || fail choice-quit-saves-nothing "$out"

# a right answer, then a rating given; the next card (c-two) shows and we quit
run_in "$a $b"$'\n4\nq\n' env OSPREP_NOW=$C0 "$OSPREP" --lang en review --deck quiz
expect_out choice-right-verdict '^Right\.$'
expect_out choice-right-why-of-wrong-option 'ownership belongs to a mutex'
expect_out choice-right-explanation 'Counting is the point'
expect_out choice-right-ratings '^1 again 1m · 2 hard 6m · 3 good 10m · 4 easy 8d$'
expect_out choice-right-saved 'saved: easy, next in 8d \(2025-03-28 00:00\)'
expect_out choice-next-card-shown '^\[2\] quiz · c-two · new$'
expect_out choice-summary-counts-it 'cards 1 · recalled 1 \(100%\) · again 0'
expect_no_out choice-deck-only-quiz ' · e2e · '
w=$(opt 'waiting for disk I/O')
run env OSPREP_NOW=$C0 "$OSPREP" card c-one --json
if [ "$(json kind)" = choice ] && [ "$(json state)" = review ] && [ "$(json reps)" = 1 ] &&
   [ "$(json due)" = 2025-03-28T00:00:00Z ]; then pass choice-stored-state
else fail choice-stored-state "$out"; fi
[ "$(sql "select kind || ' ' || rating from review_log where card_id = 'c-one'")" = "practice 4" ] &&
	pass choice-logged-as-practice || fail choice-logged-as-practice "$(sql 'select card_id, kind, rating from review_log')"
run env OSPREP_NOW=$C0 "$OSPREP" --lang en card c-one
expect_out choice-card-history-kind 'easy +new +→ review .* practice$'

# a wrong answer, and Enter takes the suggested rating: again
run_in "$w"$'\n\nq\n' env OSPREP_NOW=$C0 "$OSPREP" --lang en review --deck quiz
expect_out choice-wrong-verdict '^Not quite\.$'
expect_out choice-wrong-right-count 'Right options: 1 \(marked ✓\)'
expect_out choice-wrong-default-again 'saved: again, next in 1m \(2025-03-20 00:01\)'
run env OSPREP_NOW=$C0 "$OSPREP" card c-two --json
if [ "$(json state)" = learning ] && [ "$(sql "select rating from review_log where card_id = 'c-two'")" = 1 ]; then
	pass choice-wrong-stored
else fail choice-wrong-stored "$out"; fi

# new choice cards count toward new_per_day (2 here): c-three waits for tomorrow
run_in $'q\n' env OSPREP_NOW=$C0 "$OSPREP" --lang en review --deck quiz
expect_out choice-daily-limit 'nothing to review now'
run env OSPREP_NOW=$C0 "$OSPREP" --lang en rate q-quiz again
run env OSPREP_NOW=$C1 "$OSPREP" --lang en due
expect_out due-counts-choice-deck '^quiz +0 +1 +1$'
expect_out due-choice-new-left 'new cards left today: 0'
expect_out due-practice-line 'due in practice \(questions, predictions\): 1$'
run env OSPREP_NOW=$C1 "$OSPREP" --lang en stats
expect_out stats-new-counts-choice '^  new 1 · '
run env OSPREP_NOW=$C1 "$OSPREP" due
expect_out due-practice-line-ko 'practice로 풀 때가 된 질문·예측 카드: 1$'

# skip and undo, at the answer prompt and at the rating prompt. The orders
# at C1 first: skip c-two, quit at c-three.
run_in $'s\nq\n' env OSPREP_NOW=$C1 "$OSPREP" --lang en review --deck quiz --new 1
expect_out choice-skip-at-answer 'skipped 1'
r2=$(opt 'a very short'); r3=$(opt 'circular wait'); w3=$(opt 'preemption')
# c-two right, Enter (good); u at c-three's answer; c-two again, hard;
# c-three wrong, u at its rating; c-two skipped; c-three right, s at its rating
run_in "$r2"$'\n\nu\n'"$r2"$'\n2\n'"$w3"$'\nu\ns\n'"$r3"$'\ns\n' \
	env OSPREP_NOW=$C1 "$OSPREP" --lang en review --deck quiz --new 1
expect_rc choice-undo-exit 0
expect_out choice-undo-first-good 'saved: good'
expect_out choice-undo-then-hard 'saved: hard'
n=$(printf '%s\n' "$out" | grep -c '^undone: c-two → learning$')
[ "$n" = 2 ] && pass choice-undo-at-answer-and-rating || fail choice-undo-at-answer-and-rating "$n undos: $out"
expect_out choice-skips-counted 'cards 0 · recalled 0 · again 0 · skipped 2'
[ "$(sql "select count(*) from review where card_id = 'c-two'")" = 1 ] &&
[ "$(sql "select count(*) from review_log where card_id = 'c-two'")" = 3 ] &&
[ "$(sql "select count(*) from review_log where card_id = 'c-three'")" = 0 ] &&
	pass choice-undo-stored || fail choice-undo-stored "$(sql 'select card_id, rating from review_log')"

# --kind
run_in $'q\n' env OSPREP_NOW=$C1 "$OSPREP" --lang en review --kind choice
expect_out review-kind-choice '^\[1\] quiz · c-two · learning$'
run_in $'q\n' env OSPREP_NOW=$C1 "$OSPREP" --lang en review --kind flashcard
expect_out review-kind-flashcard '^\[1\] e2e · e-'
expect_no_out review-kind-flashcard-no-choice 'Choice cards'
run_in $'q\n' env OSPREP_NOW=$C1 "$OSPREP" --lang en review --deck quiz --kind flashcard
expect_out review-kind-and-deck 'nothing to review now'
run env OSPREP_NOW=$C1 "$OSPREP" --lang en review --kind question
expect_rc review-kind-question 2
expect_err review-kind-question-message 'review: not a kind review shows "question" \(flashcard, choice\)'
run_in $'q\n' env OSPREP_NOW=$C1 "$OSPREP" --lang en review --new 5 --limit 100
expect_no_out review-never-shows-questions 'q-quiz'

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
