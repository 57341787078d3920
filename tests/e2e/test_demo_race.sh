#!/bin/bash
# test_demo_race.sh: `demo race` end to end: its --json carries the
# promised keys and properties (updates lost when two or more CPUs are
# usable, every fix exact, pinning checked), usage errors, --source, and a
# human report that fits 80 columns.
. "$(dirname "$0")/lib.sh"
export OSPREP_CONTENT="$TMP/content"
mkdir -p "$OSPREP_CONTENT"

run "$OSPREP" demo race --json
expect_rc "race --json exits 0" 0
json_check "race --json is one object" 'isinstance(d, dict) and d["demo"] == "race"'
json_check "race derived has the documented keys" \
	'set(["runs","runs_with_loss","mean_lost_pct","max_lost_pct","fixes_exact","mutex_ns","atomic_ns","local_ns"]) <= set(d["derived"])'
json_check "race every fix is exact" 'd["derived"]["fixes_exact"] is True and all(f["exact"] for f in d["fixes"].values())'
json_check "race loses updates in some run when 2+ CPUs are usable" \
	'd["machine"]["usable_cpus"] < 2 or d["derived"]["runs_with_loss"] >= 1'
json_check "race pins threads to different CPUs when it can" \
	'd["machine"]["usable_cpus"] < 2 or (d["machine"]["pinned"] and d["machine"]["distinct_cpus"] == 2)'
json_check "race runs add up" \
	'all(r["expected"] == r["actual"] + r["lost"] and r["lost"] >= 0 for r in d["runs"]) and len(d["runs"]) == d["params"]["runs"]'
json_check "race costs are positive" 'all(d["derived"][k] > 0 for k in ("mutex_ns","atomic_ns","local_ns"))'
json_check "race machine facts" '"online_cpus" in d["machine"] and "pinned" in d["machine"]'

run "$OSPREP" demo race --json --same-cpu --increments 200000 --runs 2
expect_rc "race --same-cpu exits 0" 0
json_check "race --same-cpu puts every thread on one CPU" \
	'd["params"]["same_cpu"] and len(set(d["machine"]["thread_cpus"])) == 1 and d["machine"]["pinned"]'

run "$OSPREP" demo race --json --threads 3 --increments 1000 --runs 2
json_check "race --threads 3 expects 3 x increments" 'd["runs"][0]["expected"] == 3000 and d["derived"]["fixes_exact"]'

run "$OSPREP" demo race --threads 0
expect_rc "race --threads 0 is a usage error" 2
expect_err "race --threads 0 says why" '--threads must be a whole number from 1 to 64, not "0"'
run "$OSPREP" demo race --runs abc
expect_rc "race --runs abc is a usage error" 2
expect_err "race --runs abc says why" 'runs must be a whole number'
run "$OSPREP" demo race --increments
expect_rc "race --increments without a value is a usage error" 2
run "$OSPREP" demo race --frobnicate
expect_rc "race unknown option is a usage error" 2
expect_err "race unknown option is named" 'unknown option "--frobnicate"'
run "$OSPREP" demo race --timeout abc
expect_rc "demo --timeout abc is a usage error" 2
run "$OSPREP" demo race --timeout 0
expect_rc "demo --timeout 0 is a usage error" 2
run "$OSPREP" --lang en demo rase
expect_rc "misspelt demo is a usage error" 2
expect_err "misspelt demo gets a suggestion" 'did you mean "race"'

run "$OSPREP" demo race --source
expect_rc "race --source exits 0" 0
expect_out "race --source shows the racy loop" 'sh->counter = sh->counter \+ 1'
expect_out "race --source names the file and lines" '^/\* src/demo/race\.c:[0-9]+-[0-9]+'
expect_no_out "race --source leaves out the driver" 'race_main'
run "$OSPREP" demo race --source --full
expect_out "race --source --full is the whole file" 'const struct demo demo_race = \{'
if [ -f "$ROOT/src/demo/race.c" ]; then
	printf '%s\n' "$out" | tail -n +2 >"$TMP/shown.c"
	if cmp -s "$TMP/shown.c" "$ROOT/src/demo/race.c"; then pass "race --source --full is the compiled file"
	else fail "race --source --full is the compiled file" "differs from src/demo/race.c (stale build?)"; fi
fi

run "$OSPREP" demo race --help
expect_rc "race --help exits 0" 0
expect_out "race --help lists its options" '--same-cpu'

run "$OSPREP" --lang en demo race --increments 100000 --runs 3
expect_rc "race in English exits 0" 0
expect_out "race report shows expected vs actual" 'expected +█+'
expect_out "race report compares the fixes" 'mutex'
expect_out "race report explains" 'What happened'
fits_80 "race report fits 80 columns (en)"
run "$OSPREP" --lang ko demo race --increments 100000 --runs 3
expect_out "race report in Korean" '기대값'
fits_80 "race report fits 80 columns (ko)"
run "$OSPREP" --lang en demo race --same-cpu --increments 100000 --runs 2
expect_out "race --same-cpu explains preemption" 'preemption'

run "$OSPREP" demo
expect_rc "demo lists" 0
expect_out "demo lists race" '^  race '
expect_out "demo lists deadlock" '^  deadlock '
