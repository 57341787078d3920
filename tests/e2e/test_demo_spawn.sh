#!/bin/bash
# test_demo_spawn.sh: `demo spawn` end to end: its --json carries the
# documented keys and what holds on any Linux machine: every time is
# positive, creating a thread is cheaper than fork, fork does not get
# cheaper when the parent holds more memory, handing work to an existing
# thread is cheaper than creating one, and /bin/true starts both ways when
# it exists; usage errors; --source; a report in both languages that fits
# 80 columns; no process or thread left behind, after a normal run and when
# the time limit stops it.
. "$(dirname "$0")/lib.sh"
export OSPREP_CONTENT="$TMP/content"
mkdir -p "$OSPREP_CONTENT"

# expect_prose NAME PATTERN: the report, with its wrapped lines joined,
# matches (a phrase may break across lines).
expect_prose() {
	if printf '%s\n' "$out" | sed 's/^ *//' | tr '\n' ' ' | grep -qE -- "$2"; then pass "$1"
	else fail "$1" "the report lacks /$2/: ${out:0:300}"; fi
}

# Small sizes: the properties hold at any size. The odd numbers mark our
# processes for pgrep below.
run "$OSPREP" demo spawn --json --mib 16 --iterations 41
expect_rc "spawn --json exits 0" 0
json_check "spawn --json is one object" 'isinstance(d, dict) and d["demo"] == "spawn"'
json_check "spawn derived has the documented keys" \
	'set(["thread_us","thread_small_stack_us","pool_handoff_us","fork_us","fork_big_us","vfork_us","vfork_big_us","fork_exec_us","posix_spawn_us","fork_exec_big_us","posix_spawn_big_us","fork_over_thread","fork_big_over_fork","thread_over_handoff","mib","bin_true","children_left","threads_left"]) <= set(d["derived"])'
json_check "spawn --mib and --iterations are honoured" \
	'd["params"]["mib"] == 16 and d["derived"]["mib"] == 16 and d["params"]["iterations"] == 41 and all(v is None or v["n"] == 41 for v in d["runs"].values())'
json_check "spawn warms up a tenth of the runs, at least 5" 'd["params"]["warmup"] == 5'
json_check "spawn times without exec are positive" \
	'all(d["derived"][k] > 0 for k in ("thread_us","thread_small_stack_us","pool_handoff_us","fork_us","fork_big_us","vfork_us","vfork_big_us"))'
json_check "spawn each median lies between its min and p90, and p90 below max" \
	'all(v["min_us"] <= v["median_us"] <= v["p90_us"] <= v["max_us"] for v in d["runs"].values() if v is not None)'
json_check "spawn creating a thread is cheaper than fork (medians)" \
	'd["derived"]["thread_us"] < d["derived"]["fork_us"] and d["derived"]["fork_over_thread"] > 1'
json_check "spawn fork is not much cheaper with more memory resident" \
	'd["derived"]["fork_big_us"] >= 0.8 * d["derived"]["fork_us"]'
json_check "spawn the parent's page tables grew with its memory" \
	'd["derived"]["pte_kib_before"] is None or d["derived"]["pte_kib_after"] > d["derived"]["pte_kib_before"]'
json_check "spawn handing work to a pool is cheaper than creating a thread" \
	'd["derived"]["pool_handoff_us"] < d["derived"]["thread_us"] and d["derived"]["thread_over_handoff"] > 1'
json_check "spawn fork_over_thread is the ratio of the medians" \
	'abs(d["derived"]["fork_over_thread"] - d["derived"]["fork_us"] / d["derived"]["thread_us"]) < 1e-6 * d["derived"]["fork_over_thread"]'
json_check "spawn derived medians are the runs' medians" \
	'd["derived"]["thread_us"] == d["runs"]["thread"]["median_us"] and d["derived"]["fork_big_us"] == d["runs"]["fork_big"]["median_us"]'
if [ -x /bin/true ]; then
	json_check "spawn starts /bin/true with fork+exec and posix_spawn" \
		'd["derived"]["bin_true"] is True and all(d["derived"][k] > 0 for k in ("fork_exec_us","posix_spawn_us","fork_exec_big_us","posix_spawn_big_us"))'
else
	json_check "spawn skips the program kinds without /bin/true" \
		'd["derived"]["bin_true"] is False and d["derived"]["fork_exec_us"] is None and d["derived"]["posix_spawn_us"] is None'
fi
json_check "spawn says whether it ran pinned to one CPU" \
	'd["derived"]["pinned"] in (True, False) and d["machine"]["pinned"] == d["derived"]["pinned"]'
json_check "spawn reaps every child and joins every thread" \
	'd["derived"]["children_left"] == 0 and d["derived"]["threads_left"] in (0, None)'
if [ -z "$err" ]; then pass "spawn --json writes nothing on stderr off a terminal"
else fail "spawn --json writes nothing on stderr off a terminal" "${err:0:300}"; fi
sleep 0.2
if pgrep -f 'mib 16 --iterations 41' >/dev/null; then
	fail "spawn leaves no process behind after a normal run" "$(pgrep -af 'mib 16 --iterations 41')"
else pass "spawn leaves no process behind after a normal run"; fi

# --mib 0: the second round runs with nothing added.
run "$OSPREP" demo spawn --json --mib 0 --iterations 10
expect_rc "spawn --mib 0 exits 0" 0
json_check "spawn --mib 0 still times fork twice" \
	'd["derived"]["mib"] == 0 and d["derived"]["fork_big_us"] > 0 and d["runs"]["fork_big"]["n"] == 10'

run "$OSPREP" demo spawn --iterations 9
expect_rc "spawn --iterations 9 is a usage error" 2
expect_err "spawn --iterations 9 says why" '--iterations must be a whole number from 10 to 100,000'
run "$OSPREP" demo spawn --iterations 100001
expect_rc "spawn --iterations 100001 is a usage error" 2
run "$OSPREP" demo spawn --iterations abc
expect_rc "spawn --iterations abc is a usage error" 2
expect_err "spawn --iterations abc names the option" '--iterations'
run "$OSPREP" demo spawn --mib 1025
expect_rc "spawn --mib 1025 is a usage error" 2
expect_err "spawn --mib 1025 says why" '--mib must be a whole number from 0 to 1,024'
run "$OSPREP" demo spawn --mib -1
expect_rc "spawn --mib -1 is a usage error" 2
run "$OSPREP" demo spawn --mib
expect_rc "spawn --mib without a value is a usage error" 2
expect_err "spawn --mib without a value says so" 'option "--mib" needs a value'
run "$OSPREP" demo spawn --frobnicate
expect_rc "spawn unknown option is a usage error" 2
expect_err "spawn unknown option is named" 'unknown option "--frobnicate"'
expect_err "spawn unknown option shows the usage" 'usage: demo spawn'

run "$OSPREP" demo spawn --source
expect_rc "spawn --source exits 0" 0
expect_out "spawn --source shows the timed thread" 'spawn_time_thread'
expect_out "spawn --source shows pthread_create and join" 'pthread_join\(t, NULL\)'
expect_out "spawn --source shows fork and the reaping" 'waitpid\(pid, &status, 0\)'
expect_out "spawn --source shows vfork" 'vfork\(\)'
expect_out "spawn --source shows posix_spawn" 'posix_spawn\(&pid'
expect_out "spawn --source shows the pool hand-off" 'spawn_time_handoff'
expect_out "spawn --source names the clone flags" 'CLONE_VM \| CLONE_VFORK'
expect_no_out "spawn --source leaves out the driver" 'spawn_main'
run "$OSPREP" demo spawn --source --full
if [ -f "$ROOT/src/demo/spawn.c" ]; then
	printf '%s\n' "$out" | tail -n +2 >"$TMP/shown.c"
	if cmp -s "$TMP/shown.c" "$ROOT/src/demo/spawn.c"; then pass "spawn --source --full is the compiled file"
	else fail "spawn --source --full is the compiled file" "differs from src/demo/spawn.c (stale build?)"; fi
fi

run "$OSPREP" demo spawn --help
expect_rc "spawn --help exits 0" 0
expect_out "spawn --help lists its options" '--iterations'

run "$OSPREP" --lang en demo spawn --mib 16 --iterations 20
expect_rc "spawn in English exits 0" 0
expect_out "spawn report charts the thread" '^  thread +[▏▎▍▌▋▊▉█]+ +[0-9.]+ (µs|ms), p90'
expect_out "spawn report charts fork" '^  fork +█+.* (µs|ms), p90'
expect_out "spawn report charts the pool hand-off" '^  pool hand-off +[▏▎▍▌▋▊▉█]+ '
expect_out "spawn report gives the fork/thread ratio" 'fork / thread = [0-9.]+×'
expect_out "spawn report charts fork with more memory" '^  fork, \+16 MiB +█'
expect_out "spawn report shows the page tables growing" 'page tables \(VmPTE\) [0-9,]+ → [0-9,]+ KiB'
if [ -x /bin/true ]; then
	expect_out "spawn report charts posix_spawn" '^  posix_spawn +[▏▎▍▌▋▊▉█]+ '
fi
expect_prose "spawn report explains the clone flags" 'clone\(CLONE_VM \| CLONE_FS \| CLONE_FILES'
expect_prose "spawn report names copy-on-write and the cow demo" 'copy-on-write, which osprep demo cow shows'
expect_prose "spawn report explains posix_spawn" "glibc's posix_spawn uses clone\(CLONE_VM \| CLONE_VFORK\)"
expect_prose "spawn report names pools and servers" "Apache's prefork MPM"
expect_prose "spawn report names isolation" 'the other side of the trade-off is isolation'
expect_out "spawn report gives the interview answer" 'In an interview'
fits_80 "spawn report fits 80 columns (en)"
run "$OSPREP" --lang ko demo spawn --mib 16 --iterations 20
expect_rc "spawn in Korean exits 0" 0
expect_out "spawn report in Korean" '무엇을 보여 주나'
expect_out "spawn Korean report charts the thread" '^  스레드 +[▏▎▍▌▋▊▉█]+ '
expect_out "spawn Korean report explains the shared address space" '스레드는 주소 공간을 공유합니다'
expect_prose "spawn Korean report names copy-on-write" '쓰기 시 복사이고, osprep demo cow가'
expect_out "spawn Korean report gives the interview answer" '면접에서는'
fits_80 "spawn report fits 80 columns (ko)"

# A time limit stops it and leaves nothing behind (the odd numbers are a marker).
run "$OSPREP" demo spawn --iterations 99991 --mib 17 --timeout 1
expect_rc "spawn past its time limit fails" 1
expect_err "spawn past its time limit says so" '시간 초과|timed out'
sleep 0.2
if pgrep -f 'iterations 99991 --mib 17' >/dev/null; then
	fail "spawn leaves no process behind after the time limit" "$(pgrep -af 'iterations 99991 --mib 17')"
else pass "spawn leaves no process behind after the time limit"; fi

run "$OSPREP" demo
expect_out "demo lists spawn" '^  spawn '
