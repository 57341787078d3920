#!/bin/bash
# test_demo_ctxswitch.sh: `demo ctxswitch` end to end: its --json carries
# the documented keys, positive and sane figures, about two switches per
# round trip when pinned, a per-switch cost that follows its formula, the
# machine facts (PCID, PTI), null cross-CPU figures when only one CPU is
# usable; usage errors; --source; a report that fits 80 columns.
. "$(dirname "$0")/lib.sh"
export OSPREP_CONTENT="$TMP/content"
mkdir -p "$OSPREP_CONTENT"

# Defaults: what a prediction card sees.
run "$OSPREP" demo ctxswitch --json
expect_rc "ctxswitch --json exits 0" 0
json_check "ctxswitch --json is one object" 'isinstance(d, dict) and d["demo"] == "ctxswitch"'
json_check "ctxswitch derived has the documented keys" \
	'set(["process_rtt_us","thread_rtt_us","process_switch_us","thread_switch_us","switches_per_rtt_process","switches_per_rtt_thread","cross_cpu_rtt_us","pinned"]) <= set(d["derived"])'
json_check "ctxswitch times at least 100,000 round trips by default" \
	'd["params"]["round_trips"] >= 100000 and d["runs"]["process"]["round_trips"] >= 100000 and d["params"]["warmup"] == 1000'
json_check "ctxswitch round trips are positive and sane" \
	'all(0 < d["derived"][k] < 1000 for k in ("process_rtt_us","thread_rtt_us"))'
json_check "ctxswitch switch costs are positive and below a round trip" \
	'0 < d["derived"]["process_switch_us"] < d["derived"]["process_rtt_us"] and 0 < d["derived"]["thread_switch_us"] < d["derived"]["thread_rtt_us"]'
json_check "ctxswitch pins both sides to one CPU" 'd["derived"]["pinned"] is True and d["machine"]["pinned"] is True'
json_check "ctxswitch counts about 2 switches per round trip when pinned" \
	'not d["derived"]["pinned"] or all(1.6 <= d["derived"][k] <= 2.6 for k in ("switches_per_rtt_process","switches_per_rtt_thread"))'
json_check "ctxswitch both sides blocked once per round trip" \
	'all(r["voluntary_a"] + r["involuntary_a"] > 0.8 * r["round_trips"] and r["voluntary_b"] + r["involuntary_b"] > 0.8 * r["round_trips"] for r in (d["runs"]["process"], d["runs"]["thread"]))'
json_check "ctxswitch per switch = (round trip - 2 x write+read) / 2" \
	'abs(d["derived"]["process_switch_us"] - (d["derived"]["process_rtt_us"] - 2 * d["derived"]["pipe_write_read_us"]) / 2) < 1e-6 and abs(d["derived"]["thread_switch_us"] - (d["derived"]["thread_rtt_us"] - 2 * d["derived"]["pipe_write_read_us"]) / 2) < 1e-6'
json_check "ctxswitch reports the median of its runs" \
	'len(d["runs"]["process"]["rtt_us"]) == 3 and sorted(d["runs"]["process"]["rtt_us"])[1] == d["derived"]["process_rtt_us"]'
json_check "ctxswitch machine facts" \
	'all(k in d["machine"] for k in ("online_cpus","usable_cpus","pinned","pcid","pti","meltdown")) and d["machine"]["online_cpus"] >= 1'
json_check "ctxswitch PCID matches /proc/cpuinfo" \
	'd["machine"]["pcid"] is None or d["machine"]["pcid"] == (" pcid " in next((l.rstrip("\n") + " " for l in open("/proc/cpuinfo") if l.startswith("flags")), ""))'
json_check "ctxswitch crosses CPUs when two are usable, else null" \
	'(d["machine"]["usable_cpus"] >= 2 and d["derived"]["cross_cpu_rtt_us"] > 0 and d["runs"]["cross_cpu_process"]["cpus"][0] != d["runs"]["cross_cpu_process"]["cpus"][1]) or (d["machine"]["usable_cpus"] < 2 and d["derived"]["cross_cpu_rtt_us"] is None)'

run "$OSPREP" demo ctxswitch --json --round-trips 5000 --repeats 1 --same-cpu-only
expect_rc "ctxswitch --same-cpu-only exits 0" 0
json_check "ctxswitch --same-cpu-only leaves the cross-CPU figures null" \
	'd["derived"]["cross_cpu_rtt_us"] is None and d["runs"]["cross_cpu_process"] is None and d["params"]["same_cpu_only"]'
json_check "ctxswitch --round-trips and --repeats are honoured" \
	'd["runs"]["process"]["round_trips"] == 5000 and len(d["runs"]["thread"]["rtt_us"]) == 1'

if command -v taskset >/dev/null; then
	cpu=$(python3 -c 'import os; print(min(os.sched_getaffinity(0)))')
	run taskset -c "$cpu" "$OSPREP" demo ctxswitch --json --round-trips 5000 --repeats 1
	expect_rc "ctxswitch on one usable CPU exits 0" 0
	json_check "ctxswitch on one usable CPU skips cross-CPU with null" \
		'd["machine"]["usable_cpus"] == 1 and d["derived"]["cross_cpu_rtt_us"] is None and d["derived"]["process_rtt_us"] > 0'
	run taskset -c "$cpu" "$OSPREP" --lang en demo ctxswitch --round-trips 5000 --repeats 1
	expect_out "ctxswitch on one usable CPU says why it skipped" 'only one CPU is usable'
fi

run "$OSPREP" demo ctxswitch --round-trips 0
expect_rc "ctxswitch --round-trips 0 is a usage error" 2
expect_err "ctxswitch --round-trips 0 says why" '--round-trips must be a whole number from 1 to'
run "$OSPREP" demo ctxswitch --round-trips -5
expect_rc "ctxswitch --round-trips -5 is a usage error" 2
run "$OSPREP" demo ctxswitch --repeats abc
expect_rc "ctxswitch --repeats abc is a usage error" 2
expect_err "ctxswitch --repeats abc says why" 'repeats must be a whole number'
run "$OSPREP" demo ctxswitch --repeats 10
expect_rc "ctxswitch --repeats 10 is a usage error" 2
run "$OSPREP" demo ctxswitch --round-trips
expect_rc "ctxswitch --round-trips without a value is a usage error" 2
run "$OSPREP" demo ctxswitch --frobnicate
expect_rc "ctxswitch unknown option is a usage error" 2
expect_err "ctxswitch unknown option is named" 'unknown option "--frobnicate"'

run "$OSPREP" demo ctxswitch --source
expect_rc "ctxswitch --source exits 0" 0
expect_out "ctxswitch --source shows the ping-pong" 'ctxswitch_bounce'
expect_out "ctxswitch --source shows the pinning" 'sched_setaffinity'
expect_out "ctxswitch --source shows the switch count" 'RUSAGE_THREAD'
expect_no_out "ctxswitch --source leaves out the driver" 'ctxswitch_main'
run "$OSPREP" demo ctxswitch --source --full
if [ -f "$ROOT/src/demo/ctxswitch.c" ]; then
	printf '%s\n' "$out" | tail -n +2 >"$TMP/shown.c"
	if cmp -s "$TMP/shown.c" "$ROOT/src/demo/ctxswitch.c"; then pass "ctxswitch --source --full is the compiled file"
	else fail "ctxswitch --source --full is the compiled file" "differs from src/demo/ctxswitch.c (stale build?)"; fi
fi

run "$OSPREP" demo ctxswitch --help
expect_rc "ctxswitch --help exits 0" 0
expect_out "ctxswitch --help lists its options" '--same-cpu-only'

run "$OSPREP" --lang en demo ctxswitch --round-trips 20000 --repeats 1
expect_rc "ctxswitch in English exits 0" 0
expect_out "ctxswitch report charts the round trip" 'processes +█+.* µs'
expect_out "ctxswitch report shows the formula" 'round trip - 2 × write\+read'
expect_out "ctxswitch report shows switches per round trip" 'Switches per round trip'
expect_out "ctxswitch report names the address space as the cause" 'address space'
expect_out "ctxswitch report states PCID and PTI" 'PCID: (yes|no|unknown)'
fits_80 "ctxswitch report fits 80 columns (en)"
run "$OSPREP" --lang ko demo ctxswitch --round-trips 20000 --repeats 1
expect_out "ctxswitch report in Korean" '문맥 교환 한 번의 비용'
fits_80 "ctxswitch report fits 80 columns (ko)"

# A time limit stops it and leaves nothing behind (the odd count is a marker).
run "$OSPREP" demo ctxswitch --round-trips 99999989 --timeout 0.5
expect_rc "ctxswitch past its time limit fails" 1
sleep 0.2
if pgrep -f 'round-trips 99999989' >/dev/null; then
	fail "ctxswitch leaves no process behind after the time limit" "$(pgrep -af 'round-trips 99999989')"
else pass "ctxswitch leaves no process behind after the time limit"; fi

run "$OSPREP" demo
expect_out "demo lists ctxswitch" '^  ctxswitch '
