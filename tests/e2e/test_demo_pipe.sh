#!/bin/bash
# test_demo_pipe.sh: `demo pipe` end to end: its --json carries the
# documented keys, positive and sane figures, about two switches per round
# trip when pinned, a stream of exactly --mib MiB in 64 KiB writes, a
# breakdown that adds up, null cross-CPU figures when only one CPU is
# usable; usage errors; --source; a report that fits 80 columns.
. "$(dirname "$0")/lib.sh"
export OSPREP_CONTENT="$TMP/content"
mkdir -p "$OSPREP_CONTENT"

# Defaults: what a prediction card sees.
run "$OSPREP" demo pipe --json
expect_rc "pipe --json exits 0" 0
json_check "pipe --json is one object" 'isinstance(d, dict) and d["demo"] == "pipe"'
json_check "pipe derived has the documented keys" \
	'set(["latency_same_cpu_us","latency_cross_cpu_us","throughput_same_cpu_mibs","throughput_cross_cpu_mibs","socketpair_latency_us","shm_latency_us","thread_latency_us","memcpy_gibs","syscall_ns"]) <= set(d["derived"])'
json_check "pipe sends at least 256 MiB in 64 KiB writes by default" \
	'd["params"]["mib"] >= 256 and d["params"]["write_bytes"] == 65536 and d["throughput"]["same_cpu"]["bytes"] == d["params"]["mib"] << 20 and d["throughput"]["same_cpu"]["writes"] == d["params"]["mib"] * 16'
json_check "pipe warms up with 1,000 round trips" 'd["params"]["warmup"] == 1000'
json_check "pipe latencies are positive and sane" \
	'all(0 < d["derived"][k] < 1000 for k in ("latency_same_cpu_us","socketpair_latency_us","shm_latency_us","thread_latency_us"))'
json_check "pipe throughput is positive and below 1 TiB/s" '0 < d["derived"]["throughput_same_cpu_mibs"] < 1 << 20'
json_check "pipe references are positive and sane" \
	'0 < d["derived"]["memcpy_gibs"] < 10000 and 0 < d["derived"]["syscall_ns"] < 100000 and d["reference"]["pipe_write_read_ns"] > d["derived"]["syscall_ns"]'
json_check "pipe reads never exceed 64 KiB" \
	'd["throughput"]["same_cpu"]["reads"] >= d["throughput"]["same_cpu"]["bytes"] // 65536'
json_check "pipe pins both processes" 'd["machine"]["pinned"] is True and d["latency"]["pipe_same_cpu"]["cpu_a"] == d["latency"]["pipe_same_cpu"]["cpu_b"]'
json_check "pipe counts about 2 switches per round trip when pinned" \
	'not d["machine"]["pinned"] or all(1.6 <= d["latency"][k]["switches_per_rtt"] <= 2.6 for k in ("pipe_same_cpu","shm_futex","threads_futex"))'
json_check "pipe round trip splits into its measured parts" \
	'abs(d["breakdown"]["rtt_syscalls_us"] + d["breakdown"]["rtt_pipe_work_us"] + d["breakdown"]["rtt_switches_us"] - d["derived"]["latency_same_cpu_us"]) < 1e-6'
json_check "pipe stream estimate adds up to the measured total" \
	'abs(sum(d["breakdown"]["stream_" + k + "_ms"] for k in ("copies","syscalls","switches","other")) - d["breakdown"]["stream_total_ms"]) < 1e-6 and d["breakdown"]["stream_copies_ms"] > 0'
json_check "pipe crosses CPUs when two are usable, else null" \
	'(d["machine"]["usable_cpus"] >= 2 and d["derived"]["latency_cross_cpu_us"] > 0 and d["derived"]["throughput_cross_cpu_mibs"] > 0 and d["latency"]["pipe_cross_cpu"]["cpu_a"] != d["latency"]["pipe_cross_cpu"]["cpu_b"]) or (d["machine"]["usable_cpus"] < 2 and d["derived"]["latency_cross_cpu_us"] is None and d["derived"]["throughput_cross_cpu_mibs"] is None)'
json_check "pipe machine facts" 'all(k in d["machine"] for k in ("online_cpus","usable_cpus","pinned","cross_cpu_pinned"))'

run "$OSPREP" demo pipe --json --round-trips 3000 --mib 8 --same-cpu-only
expect_rc "pipe --same-cpu-only exits 0" 0
json_check "pipe --same-cpu-only leaves the cross-CPU figures null" \
	'd["derived"]["latency_cross_cpu_us"] is None and d["derived"]["throughput_cross_cpu_mibs"] is None and d["latency"]["pipe_cross_cpu"] is None'
json_check "pipe --round-trips and --mib are honoured" \
	'd["latency"]["pipe_same_cpu"]["round_trips"] == 3000 and d["latency"]["socketpair"]["round_trips"] == 3000 and d["throughput"]["same_cpu"]["bytes"] == 8 << 20 and d["throughput"]["same_cpu"]["writes"] == 128'

if command -v taskset >/dev/null; then
	cpu=$(python3 -c 'import os; print(min(os.sched_getaffinity(0)))')
	run taskset -c "$cpu" "$OSPREP" demo pipe --json --round-trips 2000 --mib 8
	expect_rc "pipe on one usable CPU exits 0" 0
	json_check "pipe on one usable CPU skips cross-CPU with null" \
		'd["machine"]["usable_cpus"] == 1 and d["derived"]["latency_cross_cpu_us"] is None and d["machine"]["cross_cpu"] is None and d["derived"]["latency_same_cpu_us"] > 0'
	run taskset -c "$cpu" "$OSPREP" --lang en demo pipe --round-trips 2000 --mib 8
	expect_out "pipe on one usable CPU says why it skipped" 'only one CPU is usable'
fi

run "$OSPREP" demo pipe --mib 0
expect_rc "pipe --mib 0 is a usage error" 2
expect_err "pipe --mib 0 says why" '--mib must be a whole number from 1 to'
run "$OSPREP" demo pipe --mib -3
expect_rc "pipe --mib -3 is a usage error" 2
run "$OSPREP" demo pipe --round-trips 12x
expect_rc "pipe --round-trips 12x is a usage error" 2
expect_err "pipe --round-trips 12x says why" 'round-trips must be a whole number'
run "$OSPREP" demo pipe --mib
expect_rc "pipe --mib without a value is a usage error" 2
run "$OSPREP" demo pipe --frobnicate
expect_rc "pipe unknown option is a usage error" 2
expect_err "pipe unknown option is named" 'unknown option "--frobnicate"'

run "$OSPREP" demo pipe --source
expect_rc "pipe --source exits 0" 0
expect_out "pipe --source shows the ping-pong" 'pipe_bounce'
expect_out "pipe --source shows the shared-memory futex" 'FUTEX_WAIT'
expect_out "pipe --source shows the socketpair" 'socketpair\(AF_UNIX'
expect_no_out "pipe --source leaves out the driver" 'pipe_main'
run "$OSPREP" demo pipe --source --full
if [ -f "$ROOT/src/demo/pipe.c" ]; then
	printf '%s\n' "$out" | tail -n +2 >"$TMP/shown.c"
	if cmp -s "$TMP/shown.c" "$ROOT/src/demo/pipe.c"; then pass "pipe --source --full is the compiled file"
	else fail "pipe --source --full is the compiled file" "differs from src/demo/pipe.c (stale build?)"; fi
fi

run "$OSPREP" demo pipe --help
expect_rc "pipe --help exits 0" 0
expect_out "pipe --help lists its options" '--mib'

run "$OSPREP" --lang en demo pipe --round-trips 5000 --mib 32
expect_rc "pipe in English exits 0" 0
expect_out "pipe report charts latency" 'pipe, one CPU +█+.* µs'
expect_out "pipe report compares socketpair, shm and threads" 'socketpair'
expect_out "pipe report charts throughput" 'MiB/s'
expect_out "pipe report shows where the time goes" 'Where the time goes'
expect_out "pipe report explains" 'What it shows'
fits_80 "pipe report fits 80 columns (en)"
run "$OSPREP" --lang ko demo pipe --round-trips 5000 --mib 32
expect_out "pipe report in Korean" '시간이 드는 곳'
fits_80 "pipe report fits 80 columns (ko)"

# A time limit stops it and leaves nothing behind (the odd size is a marker).
run "$OSPREP" demo pipe --mib 65531 --timeout 0.5
expect_rc "pipe past its time limit fails" 1
sleep 0.2
if pgrep -f 'mib 65531' >/dev/null; then
	fail "pipe leaves no process behind after the time limit" "$(pgrep -af 'mib 65531')"
else pass "pipe leaves no process behind after the time limit"; fi

run "$OSPREP" demo
expect_out "demo lists pipe" '^  pipe '
