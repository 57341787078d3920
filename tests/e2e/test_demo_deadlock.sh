#!/bin/bash
# test_demo_deadlock.sh: `demo deadlock` end to end: detection and recovery
# every run, both fixes complete, the wait-for graph and the Coffman
# conditions in the report, the livelock, usage errors and --hang under the
# time limit.
. "$(dirname "$0")/lib.sh"
export OSPREP_CONTENT="$TMP/content"
mkdir -p "$OSPREP_CONTENT"

run "$OSPREP" demo deadlock --json --runs 20 --iters 20000
expect_rc "deadlock --json exits 0" 0
json_check "deadlock derived has the documented keys" \
	'set(["detected","recovered","detect_ms","ordered_completed","trylock_completed","ordered_iters_per_s"]) <= set(d["derived"])'
json_check "deadlock is detected and recovered in every run" \
	'd["derived"]["detected"] and d["derived"]["recovered"] and d["derived"]["detections"] == 20 and all(r["detected"] and r["recovered"] for r in d["runs"])'
json_check "deadlock both fixes complete" \
	'd["derived"]["ordered_completed"] and d["derived"]["trylock_completed"] and d["fixes"]["ordered"]["iters"] == 40000'
json_check "deadlock graph is the cycle T1->B, T2->A" \
	'd["graph"]["T1"]["holds"] == "A" and d["graph"]["T1"]["waits_for"] == "B" and d["graph"]["T2"]["holds"] == "B" and d["graph"]["T2"]["waits_for"] == "A"'
json_check "deadlock threads were asleep in the kernel" \
	'd["graph"]["T1"]["proc_state"] == "S" and d["graph"]["T2"]["proc_state"] == "S"'
json_check "deadlock all four Coffman conditions" 'all(d["coffman"].values()) and len(d["coffman"]) == 4'
json_check "deadlock detect_ms is a time" 'd["derived"]["detect_ms"] >= 0'

run "$OSPREP" demo deadlock --json --runs 1 --iters 1000 --livelock
expect_rc "deadlock --livelock exits 0" 0
json_check "livelock makes no progress" 'd["livelock"]["attempts"] > 0 and d["livelock"]["successes"] == 0'

run "$OSPREP" --lang en demo deadlock --runs 2 --iters 10000 --livelock
fits_80 "deadlock report fits 80 columns (en)"
expect_rc "deadlock in English exits 0" 0
expect_out "deadlock report draws the wait-for graph" '\[T1 holds A\]'
expect_out "deadlock report names the edges" 'waits for B \(T2 holds it\)'
expect_out "deadlock report names circular wait" 'circular wait'
expect_out "deadlock report names hold and wait" 'hold and wait'
expect_out "deadlock report shows the fixes" 'global order'
run "$OSPREP" --lang ko demo deadlock --runs 2 --iters 10000 --livelock
fits_80 "deadlock report fits 80 columns (ko)"
expect_out "deadlock report in Korean" '순환 대기'

run "$OSPREP" demo deadlock --runs 0
expect_rc "deadlock --runs 0 is a usage error" 2
run "$OSPREP" demo deadlock --iters x
expect_rc "deadlock --iters x is a usage error" 2
run "$OSPREP" demo deadlock --source
expect_out "deadlock --source shows the watchdog" 'deadlock_watch'

# --hang: nothing recovers; the time limit must
start=$(date +%s)
run "$OSPREP" --lang en demo deadlock --hang --timeout 1
end=$(date +%s)
expect_rc "deadlock --hang ends at the time limit with status 1" 1
expect_err "deadlock --hang says it timed out" 'demo "deadlock" timed out after 1 s'
expect_out "deadlock --hang still shows the graph" '\[T2 holds B\]'
if [ $((end - start)) -lt 10 ]; then pass "deadlock --hang does not outlive its limit"
else fail "deadlock --hang does not outlive its limit" "took $((end - start)) s"; fi
