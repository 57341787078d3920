#!/usr/bin/env bash
# interview and history through stdin: follow-ups chosen from what each
# answer covered or missed, the depth limit, the report (times, coverage,
# missed points, score, scheduled reviews), the transcript in the store,
# --seed, and interviews cut short by end of input or Ctrl-C.
. "$(dirname "$0")/lib.sh"
export OSPREP_CONTENT=$TMP/content
mkdir -p "$OSPREP_CONTENT"
# every answer counts as taking 75 s, so times and overruns are fixed
export OSPREP_ANSWER_SECONDS=75

cat > "$OSPREP_CONTENT/iv.json" <<'EOF'
{
  "deck": "iv",
  "title": { "ko": "면접 시험 덱", "en": "interview test deck" },
  "cards": [
    {
      "id": "q-a", "kind": "question", "budget": 60,
      "prompt": { "ko": "프로세스와 스레드의 차이는?", "en": "Process versus thread?" },
      "answer": { "ko": "주소 공간과 문맥 교환 비용이 다릅니다.", "en": "Address spaces and context switch costs differ." },
      "key_points": [
        { "id": "as", "label": { "ko": "주소 공간", "en": "address space" },
          "match": { "ko": ["주소 공간"], "en": ["address space"] } },
        { "id": "cost", "label": { "ko": "전환 비용", "en": "switch cost" },
          "match": { "ko": ["문맥 교환"], "en": ["context switch"] } }
      ],
      "follow_ups": [
        { "card": "q-a-tlb", "when": "covered", "point": "as" },
        { "card": "q-a-pcb", "when": "missed", "point": "cost" }
      ]
    },
    {
      "id": "q-a-tlb", "kind": "question",
      "prompt": { "ko": "TLB는 전환 때 어떻게 되나요?", "en": "What happens to the TLB on a switch?" },
      "answer": { "ko": "프로세스 전환이면 TLB를 비웁니다.", "en": "A process switch flushes the TLB." },
      "key_points": [
        { "id": "flush", "label": { "ko": "TLB 비우기", "en": "TLB flush" },
          "match": { "ko": ["플러시", "비우"], "en": ["flush"] } }
      ]
    },
    {
      "id": "q-a-pcb", "kind": "question",
      "prompt": { "ko": "문맥 교환 때 무엇을 저장하나요?", "en": "What is saved on a context switch?" },
      "answer": { "ko": "레지스터를 PCB에 저장합니다.", "en": "Registers go into the PCB." },
      "key_points": [
        { "id": "pcb", "label": { "ko": "PCB", "en": "PCB" },
          "match": { "ko": ["PCB"], "en": ["PCB"] } }
      ],
      "follow_ups": [ { "card": "q-a-deep", "when": "always" } ]
    },
    {
      "id": "q-a-deep", "kind": "question",
      "prompt": { "ko": "PCB는 어디에 있나요?", "en": "Where does the PCB live?" },
      "answer": { "ko": "커널 메모리에 있습니다.", "en": "In kernel memory." },
      "key_points": [
        { "id": "kernel", "label": { "ko": "커널 공간", "en": "kernel space" },
          "match": { "ko": ["커널"], "en": ["kernel"] } }
      ]
    }
  ]
}
EOF

DB=$OSPREP_DATA/progress.db
sql() { sqlite3 "$DB" "$1" 2>/dev/null; }

# --- a Korean interview: the missed point chooses the follow-up ---------------
run_in $'스레드는 같은 주소공간을 씁니다\n\nPCB에 레지스터를 저장합니다\n\n커널에 있습니다\n\n' \
	"$OSPREP" interview --count 1 --seed 3
expect_rc "interview: a Korean interview runs" 0
expect_out "interview: prints its seed" 'seed 3'
expect_out "interview: asks the opening question" '프로세스와 스레드의 차이는'
expect_out "interview: a missed point brings its follow-up first" 'q-a-pcb'
expect_no_out "interview: the covered-point follow-up waits" 'q-a-tlb'
expect_out "interview: the follow-up's own follow-up comes at depth 2" 'q-a-deep'
expect_out "interview: the report gives the time and the overrun" 'q-a .*1:15 / 1:00 \(\+0:15\)'
expect_out "interview: the report gives coverage" 'q-a .*포인트 1/2 \(50%\)'
expect_out "interview: the report names missed points" '놓침: 전환 비용'
expect_out "interview: the overall score" '전체 점수 83%'
expect_out "interview: lists the reviews it scheduled" '복습 일정'
expect_no_out "interview: a whole interview is not marked incomplete" '미완료'

[ "$(sql 'select count(*) from interview_turn')" = 3 ] && pass "interview: every answer is stored" \
	|| fail "interview: every answer is stored" "$(sql 'select seq, card_id from interview_turn')"
[ "$(sql 'select card_id from interview_turn where seq = 2')" = q-a-pcb ] && pass "interview: the stored transcript keeps the order" \
	|| fail "interview: the stored transcript keeps the order" "$(sql 'select seq, card_id from interview_turn')"
[ "$(sql "select answer from interview_turn where seq = 1")" = '스레드는 같은 주소공간을 씁니다' ] \
	&& pass "interview: the answer is stored as typed" || fail "interview: the answer is stored as typed" "$(sql 'select answer from interview_turn')"
[ "$(sql 'select coverage from interview_turn where seq = 1')" = 0.5 ] && pass "interview: coverage is stored" \
	|| fail "interview: coverage is stored" "$(sql 'select coverage from interview_turn')"
[ "$(sql 'select overrun from interview_turn where seq = 1')" = 1 ] && pass "interview: the overrun is stored" \
	|| fail "interview: the overrun is stored" "$(sql 'select overrun from interview_turn')"
[ "$(sql 'select complete from interview')" = 1 ] && pass "interview: stored as complete" \
	|| fail "interview: stored as complete" "$(sql 'select * from interview')"
[ "$(sql "select count(*) from review_log where kind = 'practice'")" = 3 ] && pass "interview: each answer schedules its card" \
	|| fail "interview: each answer schedules its card" "$(sql 'select card_id, rating from review_log')"
[ "$(sql "select rating from review_log where card_id = 'q-a'")" = 2 ] && pass "interview: half the points rates hard" \
	|| fail "interview: half the points rates hard" "$(sql 'select card_id, rating from review_log')"

# --- an English interview: the covered point chooses, and --depth 1 -----------
run_in $'Each process has its own address space and a context switch costs more\n\nthe TLB gets a flush\n\n' \
	"$OSPREP" --lang en interview --count 1 --depth 1
expect_out "interview en: a covered point brings its follow-up" 'q-a-tlb'
expect_out "interview en: inflections and acronyms count" 'q-a-tlb .*points 1/1 \(100%\)'
expect_out "interview en: report in English" 'Overall score 100%'

run_in $'주소 공간\n\n문맥 교환\n\n' "$OSPREP" interview --count 1 --depth 0
expect_no_out "interview: --depth 0 asks no follow-up" '꼬리 질문 *\('

# --- history --------------------------------------------------------------------
run "$OSPREP" history
expect_rc "history: lists interviews" 0
expect_out "history: one line per interview" '^ +1  .* 3 +83%  완료'
expect_out "history: the newest first" '^ +3 '

run "$OSPREP" history 1
expect_rc "history N: shows one" 0
expect_out "history N: the question" '프로세스와 스레드의 차이는'
expect_out "history N: the answer verbatim" '스레드는 같은 주소공간을 씁니다'
expect_out "history N: follow-ups indented" '↳ q-a-pcb'
expect_out "history N: missed points" '놓침: 전환 비용'

run "$OSPREP" history 99
expect_rc "history N: an unknown interview fails" 1
expect_err "history N: says which" '99'

run "$OSPREP" history x
expect_rc "history N: N must be a number" 2

# --- cut short: end of input, then Ctrl-C on a terminal --------------------------
before=$(sql 'select count(*) from interview_turn')
run_in $'주소 공간을 따로 씁니다\n\n' "$OSPREP" interview --count 1
expect_rc "interview: end of input mid-interview is not an error" 0
expect_out "interview: end of input says the interview stops" '입력이 끝나 면접을 중단했습니다'
expect_out "interview: the report still comes" '면접 결과'
expect_out "interview: said to be stored as incomplete" '미완료'
[ "$(sql 'select complete from interview order by id desc limit 1')" = 0 ] && pass "interview: cut off, stored as incomplete" \
	|| fail "interview: cut off, stored as incomplete" "$(sql 'select * from interview')"
[ "$(sql 'select count(*) from interview_turn')" = $((before + 1)) ] && pass "interview: the finished answer was kept" \
	|| fail "interview: the finished answer was kept" "$(sql 'select * from interview_turn')"
run "$OSPREP" history
expect_out "history: an incomplete interview says so" '미완료'

# the answer in progress when input ends is taken
run_in $'문맥 교환이 일어납니다' "$OSPREP" interview --count 1 --depth 0
expect_out "interview: a partial answer at end of input is taken" 'q-a .*포인트 1/2'

DRIVE=${BUILD:-$ROOT/build}/tests/ptydrive
if [ -x "$DRIVE" ]; then
	before=$(sql 'select count(*) from interview')
	out=$(TERM=xterm "$DRIVE" -c 80 '주소 공간\r' '\r' '버려질 답\x03' -- "$OSPREP" interview --count 1 2>&1); rc=$?
	expect_out "interview on a pty: Ctrl-C stops it" '중단했습니다 \(Ctrl-C\)'
	expect_no_out "interview on a pty: the abandoned answer is dropped" '버려질 답.*포인트'
	[ "$(sql 'select complete from interview order by id desc limit 1')" = 0 ] && \
	[ "$(sql 'select count(*) from interview')" = $((before + 1)) ] && pass "interview on a pty: stored as incomplete" \
		|| fail "interview on a pty: stored as incomplete" "$(sql 'select * from interview')"
else
	fail "ptydrive built" "missing $DRIVE"
fi

# --- --seed makes the choice reproducible ----------------------------------------
{
	printf '{"deck": "many", "title": {"ko": "많은 질문", "en": "many"}, "cards": [\n'
	for i in $(seq 0 11); do
		[ "$i" -gt 0 ] && printf ',\n'
		printf '{"id": "q-m%d", "kind": "question", "prompt": {"ko": "질문 %d번", "en": "question %d"},' "$i" "$i" "$i"
		printf ' "answer": {"ko": "답 %d", "en": "answer %d"}, "key_points": [{"id": "k",' "$i" "$i"
		printf ' "label": {"ko": "요점", "en": "point"}, "match": {"ko": ["요점"], "en": ["point"]}}]}'
	done
	printf '\n]}\n'
} > "$OSPREP_CONTENT/many.json"
picks() {       # picks DATA SEED: the question ids asked, in order
	printf '\n\n\n\n\n\n' | OSPREP_DATA=$1 "$OSPREP" interview --deck many --count 3 --seed "$2" 2>/dev/null |
		grep -oE '^\[면접\] q-m[0-9]+' | sed 's/.* //' | tr '\n' ' '
}
p1=$(picks "$TMP/d1" 11); p2=$(picks "$TMP/d2" 11); p3=$(picks "$TMP/d3" 12)
[ -n "$p1" ] && [ "$p1" = "$p2" ] && pass "interview: the same seed asks the same questions" \
	|| fail "interview: the same seed asks the same questions" "'$p1' vs '$p2'"
[ "$p1" != "$p3" ] && pass "interview: another seed asks others" || fail "interview: another seed asks others" "$p1"
[ "$(printf '%s' "$p1" | wc -w)" = 3 ] && pass "interview: --count sets the number of openings" \
	|| fail "interview: --count sets the number of openings" "$p1"

run "$OSPREP" interview --count 0
expect_rc "interview: --count 0 is a usage error" 2
run "$OSPREP" interview --deck nope
expect_rc "interview: an unknown deck is a usage error" 2
