#!/usr/bin/env bash
# practice through stdin: free answers in Korean and English graded by key
# points, the marked model answer and the self-rating; choice cards; and
# prediction cards judged by the demo's measurement, forced both ways
# through OSPREP_DEMO_RESULT and once by running the real demo.
. "$(dirname "$0")/lib.sh"
export OSPREP_CONTENT=$TMP/content
mkdir -p "$OSPREP_CONTENT"

cat > "$OSPREP_CONTENT/t.json" <<'EOF'
{
  "deck": "t",
  "title": { "ko": "시험 덱", "en": "test deck" },
  "cards": [
    {
      "id": "q-t1", "kind": "question", "budget": 60, "demo": "deadlock",
      "prompt": { "ko": "프로세스와 스레드의 차이는?", "en": "How do processes and threads differ?" },
      "answer": {
        "ko": "프로세스는 독립된 주소 공간을 가지고, 스레드는 힙을 공유합니다.\n\n- 스레드 전환은 문맥 교환 비용이 작습니다.",
        "en": "A process has its own address space; threads share the heap.\n\n- A thread switch makes the context switch cheaper."
      },
      "key_points": [
        { "id": "as", "label": { "ko": "독립된 주소 공간", "en": "own address space" },
          "match": { "ko": ["주소 공간"], "en": ["address space"] } },
        { "id": "share", "label": { "ko": "힙 공유", "en": "heap shared" },
          "match": { "ko": ["공유"], "en": ["share"] } },
        { "id": "cost", "label": { "ko": "전환 비용", "en": "switch cost" },
          "match": { "ko": ["문맥 교환", "컨텍스트 스위칭"], "en": ["context switch"] } }
      ]
    },
    {
      "id": "m-t1", "kind": "choice",
      "prompt": { "ko": "뮤텍스에 대해 옳은 것은?", "en": "Which are true of a mutex?" },
      "options": [
        { "text": { "ko": "소유자가 있다", "en": "it has an owner" }, "correct": true,
          "why": { "ko": "잠근 스레드만 풉니다.", "en": "only the locker unlocks it" } },
        { "text": { "ko": "재귀적으로 잠글 수도 있다", "en": "it can be recursive" }, "correct": true,
          "why": { "ko": "PTHREAD_MUTEX_RECURSIVE.", "en": "PTHREAD_MUTEX_RECURSIVE." } },
        { "text": { "ko": "아무 스레드나 풀 수 있다", "en": "any thread may unlock it" }, "correct": false,
          "why": { "ko": "그건 세마포어입니다.", "en": "that is a semaphore" } }
      ]
    },
    {
      "id": "p-t1", "kind": "prediction", "demo": "race", "demo_args": ["--runs", "2"],
      "prompt": { "ko": "동기화 없는 카운터는?", "en": "An unsynchronised counter?" },
      "options": [
        { "text": { "ko": "갱신을 잃는다", "en": "updates are lost" },
          "check": { "left": "derived.runs_with_loss", "op": ">", "right": 0 } },
        { "text": { "ko": "정확하다", "en": "it is exact" },
          "check": { "left": "derived.runs_with_loss", "op": "==", "right": 0 } }
      ]
    },
    {
      "id": "f-t1", "kind": "flashcard",
      "front": { "ko": "PCB?", "en": "PCB?" }, "back": { "ko": "프로세스 제어 블록", "en": "process control block" }
    }
  ]
}
EOF

DB=$OSPREP_DATA/progress.db
# reviews CARD: how many reviews of CARD the store logged (kind practice/choice/prediction)
reviews() { sqlite3 "$DB" "select count(*) from review_log where card_id = '$1';" 2>/dev/null || echo 0; }

# --- questions, Korean -------------------------------------------------------
run_in $'프로세스는 각자 독립된 주소공간을 가지고\n스레드는 힙을 공유합니다\n\n\n' "$OSPREP" practice q-t1
expect_rc "practice: a Korean answer is graded" 0
expect_out "practice: coverage as a fraction" '핵심 포인트 2/3 \(67%\)'
expect_out "practice: a covered point gets a tick" '✓ 독립된 주소 공간'
expect_out "practice: particles and spacing are forgiven" '✓ 힙 공유'
expect_out "practice: a missed point gets a cross" '✗ 전환 비용'
expect_out "practice: the model answer marks the missed point" '✗문맥 교환'
expect_no_out "practice: covered points are not marked" '✗주소 공간'
expect_out "practice: the rating suggested from coverage" '\[2\]'
expect_out "practice: says coverage is not correctness" '맞게 설명했는지는'
expect_out "practice: offers the backing demo" 'demo deadlock'
expect_out "practice: the schedule is updated" '다음 복습'
[ "$(reviews q-t1)" = 1 ] && pass "practice: the review is stored" || fail "practice: the review is stored" "reviews: $(reviews q-t1)"

# --- English, inflections, a lone "." ends the answer ------------------------
run_in $'Each process owns an address space, threads are sharing the heap,\nand switching contexts between threads is cheap\n.\n4\n' "$OSPREP" --lang en practice q-t1
expect_out "practice en: inflected words count" 'Key points 2/3 \(67%\)'
expect_out "practice en: share matches sharing" '✓ heap shared'
expect_out "practice en: context switch needs the phrase" '✗ switch cost'
expect_out "practice en: the model answer marks it" '✗context switch'
expect_out "practice en: the rating given is taken" 'Next review'

run_in $'The context-switches are cheap.\n\n3\n' "$OSPREP" --lang en practice q-t1
expect_out "practice en: hyphens and plurals" '✓ switch cost'

# --- robustness --------------------------------------------------------------
run_in $'\n\n' "$OSPREP" practice q-t1
expect_rc "practice: an empty answer is graded, not an error" 0
expect_out "practice: an empty answer says so" '빈 답입니다'
expect_out "practice: an empty answer covers nothing" '핵심 포인트 0/3'

run "$OSPREP" practice q-t1 </dev/null
expect_rc "practice: end of input before an answer fails" 1
expect_out "practice: end of input before an answer says so" '답이 없어 기록하지 않았습니다'

before=$(reviews q-t1)
run_in $'스레드는 문맥 교환이 싸다' "$OSPREP" practice q-t1
expect_rc "practice: end of input mid-answer keeps the answer" 0
expect_out "practice: end of input mid-answer says so" '여기까지 쓴 내용을 답으로 받습니다'
expect_out "practice: the unfinished answer is graded" '✓ 전환 비용'
expect_out "practice: end of input at the rating takes the suggestion" "제안한 평가 [0-9]로 기록합니다"
[ "$(reviews q-t1)" = $((before + 1)) ] && pass "practice: an answer ended by end of input is still recorded" || fail "practice: an answer ended by end of input is still recorded" "reviews went from $before to $(reviews q-t1)"

printf '주소 공간\xff\xfe을 가진다\n\xc3\x28공유\n\n1\n' > "$TMP/bad-utf8"
run "$OSPREP" practice q-t1 <"$TMP/bad-utf8"
expect_rc "practice: invalid UTF-8 in an answer is graded" 0
expect_out "practice: text around invalid bytes still counts" '핵심 포인트 2/3'

{ for i in $(seq 1 1400); do printf '스레드 풀을 쓰면 생성 비용이 줄고 block clock 연락 deadlock 같은 말이 나옵니다 %d\n' "$i"; done
  printf '마지막 줄에서 컨텍스트 스위칭을 말합니다\n\n1\n'; } > "$TMP/paste"
size=$(wc -c <"$TMP/paste")
run "$OSPREP" practice q-t1 <"$TMP/paste"
expect_rc "practice: a ${size}-byte paste is graded" 0
expect_out "practice: a long paste finds the point at its end" '✓ 전환 비용'
expect_out "practice: near-misses in a long paste do not count" '✗ 독립된 주소 공간'

run "$OSPREP" practice f-t1 </dev/null
expect_rc "practice: a flashcard is refused" 2
expect_err "practice: the refusal names the card" 'f-t1'

run "$OSPREP" practice nope </dev/null
expect_rc "practice: an unknown card fails" 1

run "$OSPREP" practice q-t1 --deck t </dev/null
expect_rc "practice: a card and --deck together are a usage error" 2

# --- choice ------------------------------------------------------------------
# Learn the shuffled order for a seed, then answer with the right numbers.
run "$OSPREP" practice m-t1 --seed 5 </dev/null
order=$out
num() { printf '%s\n' "$order" | grep -E "^ +[0-9]+\) $1" | sed -E 's/^ +([0-9]+)\).*/\1/'; }
a=$(num '소유자가 있다'); b=$(num '재귀적으로'); c=$(num '아무 스레드나')
if [ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ]; then pass "choice: every option is shown"
else fail "choice: every option is shown" "$order"; fi
run "$OSPREP" practice m-t1 --seed 5 </dev/null
[ "$out" = "$order" ] && pass "choice: --seed fixes the shuffle" || fail "choice: --seed fixes the shuffle" "orders differ"

run_in "$a $b"$'\n' "$OSPREP" practice m-t1 --seed 5
expect_rc "choice: graded" 0
expect_out "choice: all right options picked is right" '정답입니다'
expect_out "choice: each option explains itself" '그건 세마포어입니다'
[ "$(reviews m-t1)" = 1 ] && pass "choice: logged as a review" || fail "choice: logged as a review" "$(reviews m-t1)"

run_in "$a"$'\n' "$OSPREP" practice m-t1 --seed 5
expect_out "choice: a right option missing is wrong" '틀렸습니다'

run_in "9"$'\n'"$a,$c"$'\n' "$OSPREP" practice m-t1 --seed 5
expect_out "choice: an out-of-range number is asked again" '보기 번호를 입력하세요'
expect_out "choice: a wrong option picked is wrong" '틀렸습니다'

# --- prediction, forced both ways ---------------------------------------------
printf '{"demo":"race","derived":{"runs":2,"runs_with_loss":2}}\n' > "$TMP/loss.json"
printf '{"demo":"race","derived":{"runs":2,"runs_with_loss":0}}\n' > "$TMP/exact.json"
printf '{"demo":"race","derived":{"runs":2}}\n' > "$TMP/nothing.json"

OSPREP_DEMO_RESULT=$TMP/loss.json run_in $'1\n' "$OSPREP" practice p-t1
expect_rc "prediction: forced loss, predicted loss" 0
expect_out "prediction: the measured value is shown" 'derived.runs_with_loss = 2 > 0'
expect_out "prediction: predicting loss when loss was measured is right" '예측이 맞았습니다'

OSPREP_DEMO_RESULT=$TMP/exact.json run_in $'1\n' "$OSPREP" practice p-t1
expect_out "prediction: the same answer is wrong when the measurement says exact" '예측이 빗나갔습니다'
expect_out "prediction: the option that held is marked" '✓ 2\)'
[ "$(reviews p-t1)" = 2 ] && pass "prediction: both outcomes logged" || fail "prediction: both outcomes logged" "$(reviews p-t1)"

OSPREP_DEMO_RESULT=$TMP/nothing.json run_in $'2\n' "$OSPREP" practice p-t1
expect_out "prediction: a result no option fits is not judged" '판정하지 않았습니다'
[ "$(reviews p-t1)" = 2 ] && pass "prediction: an unjudged one is not logged" || fail "prediction: an unjudged one is not logged" "$(reviews p-t1)"

OSPREP_DEMO_RESULT=$TMP/missing.json run_in $'1\n' "$OSPREP" practice p-t1
expect_err "prediction: a missing result file is named" 'missing.json'

# The real demo: whatever it measures, exactly one option holds and the
# verdict follows the measurement.
run_in $'1\n' "$OSPREP" --lang en practice p-t1
if printf '%s\n' "$out" | grep -q 'runs_with_loss = 0 > 0'; then want='did not hold'; else want='held\.'; fi
expect_out "prediction: the real demo's measurement decides" "Your prediction $want"
n=$(printf '%s\n' "$out" | grep -cE '^✓ [0-9]\)')
[ "$n" = 1 ] && pass "prediction: exactly one option holds on the real demo" || fail "prediction: exactly one option holds on the real demo" "$n held: $out"
