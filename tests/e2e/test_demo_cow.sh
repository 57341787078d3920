#!/bin/bash
# test_demo_cow.sh: `demo cow` end to end: its --json carries the documented
# keys and what copy-on-write predicts: reading every page in the child
# costs almost no faults, writing one byte into a page costs one fault and
# one page of private memory, the parent's byte at the same address is
# unchanged, and fork of the whole buffer is quicker than a memcpy of it;
# usage errors; --source; a report in both languages that fits 80 columns;
# nothing left behind when the time limit stops it.
. "$(dirname "$0")/lib.sh"
export OSPREP_CONTENT="$TMP/content"
mkdir -p "$OSPREP_CONTENT"

# A small buffer: the properties hold at any size.
run "$OSPREP" demo cow --json --mib 32
expect_rc "cow --json exits 0" 0
json_check "cow --json is one object" 'isinstance(d, dict) and d["demo"] == "cow"'
json_check "cow derived has the documented keys" \
	'set(["fork_us_base","fork_us_small","fork_us_mid","fork_us_full","vfork_us_full","memcpy_us_full","memcpy_fresh_us_full","child_read_faults","child_write_faults","pages_written","fault_us","private_kib_after_write","private_kib_per_page_written","read_faults_per_page","write_faults_per_page_written","parent_value_unchanged","thp","pages"]) <= set(d["derived"])'
json_check "cow --mib is honoured" \
	'd["params"]["mib"] == 32 and d["derived"]["pages"] * d["machine"]["page_size"] == 32 << 20'
json_check "cow writes into a quarter of the pages by default" \
	'd["params"]["write_pct"] == 25 and d["derived"]["pages_written"] == d["derived"]["pages"] * 25 // 100'
json_check "cow fork times are positive" \
	'all(d["derived"][k] > 0 for k in ("fork_us_base","fork_us_small","fork_us_mid","fork_us_full","vfork_us_full"))'
json_check "cow reading every page in the child causes far fewer faults than pages" \
	'd["derived"]["child_read_faults"] < d["derived"]["pages"] / 10 and d["derived"]["read_faults_per_page"] < 0.1'
json_check "cow writing a byte costs one fault per page (±20%)" \
	'abs(d["derived"]["child_write_faults"] - d["derived"]["pages_written"]) <= 0.2 * d["derived"]["pages_written"] + 16'
json_check "cow writing the same pages again costs almost no faults" \
	'd["derived"]["child_rewrite_faults"] <= d["derived"]["pages_written"] / 10 + 16'
json_check "cow private memory grows by one page per page written (±20%)" \
	'abs(d["derived"]["private_kib_after_write"] - d["derived"]["private_kib_before_write"] - d["derived"]["pages_written"] * d["machine"]["page_size"] / 1024) <= 0.2 * d["derived"]["pages_written"] * d["machine"]["page_size"] / 1024 + 64'
json_check "cow nothing is private in the child before it writes" \
	'd["derived"]["private_kib_before_write"] <= d["params"]["mib"] * 1024 / 20'
json_check "cow the child is resident in full but pays half (Pss)" \
	'd["derived"]["child_rss_kib"] >= 0.9 * d["params"]["mib"] * 1024 and abs(d["derived"]["child_pss_kib"] - d["derived"]["child_rss_kib"] / 2) <= 0.1 * d["derived"]["child_rss_kib"]'
json_check "cow parent value unchanged at the same address" \
	'd["derived"]["parent_value_unchanged"] is True and d["derived"]["parent_value"] == 1 and d["derived"]["child_value"] == 2 and d["derived"]["address"].startswith("0x")'
json_check "cow fault cost is positive and above the bare page copy" \
	'd["derived"]["fault_us"] > 0 and d["derived"]["fault_us"] > d["derived"]["copy_us_per_page"] > 0'
json_check "cow THP setting matches /sys" \
	'd["derived"]["thp"] == (__import__("re").search(r"\[(\w+)\]", open("/sys/kernel/mm/transparent_hugepage/enabled").read()).group(1) if __import__("os").path.exists("/sys/kernel/mm/transparent_hugepage/enabled") else "unavailable")'
json_check "cow buffer kept to small pages" \
	'not d["derived"]["nohugepage"] or d["derived"]["anon_huge_kib"] == 0'
json_check "cow reports the median of its fork timings" \
	'all(len(f["us"]) == 5 and sorted(f["us"])[2] == f["median_us"] for f in d["runs"]["fork"]) and d["runs"]["fork"][3]["median_us"] == d["derived"]["fork_us_full"]'
json_check "cow fork sizes are none, 1/16, 1/4 and all of the buffer" \
	'[f["resident_mib"] for f in d["runs"]["fork"]] == [0, 2, 8, 32]'
if [ -z "$err" ]; then pass "cow --json writes nothing on stderr off a terminal"
else fail "cow --json writes nothing on stderr off a terminal" "${err:0:300}"; fi

run "$OSPREP" demo cow --json --mib 16 --write-pct 100 --repeats 1
expect_rc "cow --write-pct 100 exits 0" 0
json_check "cow --write-pct 100 writes every page" \
	'd["derived"]["pages_written"] == d["derived"]["pages"] and abs(d["derived"]["child_write_faults"] - d["derived"]["pages"]) <= 0.2 * d["derived"]["pages"] + 16'
json_check "cow --repeats is honoured" 'all(len(f["us"]) == 1 for f in d["runs"]["fork"])'

# The page-table copy grows with the resident memory, and at 128 MiB the
# fixed part of fork (the rest of the process) no longer hides it.
run "$OSPREP" demo cow --json --mib 128 --write-pct 1
expect_rc "cow --mib 128 exits 0" 0
json_check "cow fork takes longer with 128 MiB resident than with none" \
	'd["derived"]["fork_us_full"] > d["derived"]["fork_us_base"] and d["derived"]["fork_ms_per_gib"] > 0'
json_check "cow fork of the whole buffer is quicker than a memcpy of it" \
	'0 < d["derived"]["fork_us_full"] < d["derived"]["memcpy_us_full"] and d["derived"]["memcpy_over_fork"] > 1'
json_check "cow vfork does not copy page tables: quicker than fork" \
	'd["derived"]["vfork_us_full"] < d["derived"]["fork_us_full"]'

run "$OSPREP" demo cow --mib 8
expect_rc "cow --mib 8 is a usage error" 2
expect_err "cow --mib 8 says why" '--mib must be a whole number from 16 to 2,048'
run "$OSPREP" demo cow --mib abc
expect_rc "cow --mib abc is a usage error" 2
run "$OSPREP" demo cow --mib 2049
expect_rc "cow --mib 2049 is a usage error" 2
run "$OSPREP" demo cow --write-pct 0
expect_rc "cow --write-pct 0 is a usage error" 2
expect_err "cow --write-pct 0 says why" '--write-pct must be a whole number from 1 to 100'
run "$OSPREP" demo cow --write-pct 101
expect_rc "cow --write-pct 101 is a usage error" 2
run "$OSPREP" demo cow --repeats 22
expect_rc "cow --repeats 22 is a usage error" 2
expect_err "cow --repeats 22 says why" '--repeats must be a whole number from 1 to 21'
run "$OSPREP" demo cow --mib
expect_rc "cow --mib without a value is a usage error" 2
expect_err "cow --mib without a value says so" 'needs a value'
run "$OSPREP" demo cow --frobnicate
expect_rc "cow unknown option is a usage error" 2
expect_err "cow unknown option is named" 'unknown option "--frobnicate"'

run "$OSPREP" demo cow --source
expect_rc "cow --source exits 0" 0
expect_out "cow --source shows the timed fork" 'cow_time_fork'
expect_out "cow --source shows the fault count" 'ru_minflt'
expect_out "cow --source shows small pages asked for" 'MADV_NOHUGEPAGE'
expect_out "cow --source shows the smaps reading" '/proc/self/smaps'
expect_out "cow --source shows the child's writes" 'COW_CHILD_VALUE'
expect_no_out "cow --source leaves out the driver" 'cow_main'
run "$OSPREP" demo cow --source --full
if [ -f "$ROOT/src/demo/cow.c" ]; then
	printf '%s\n' "$out" | tail -n +2 >"$TMP/shown.c"
	if cmp -s "$TMP/shown.c" "$ROOT/src/demo/cow.c"; then pass "cow --source --full is the compiled file"
	else fail "cow --source --full is the compiled file" "differs from src/demo/cow.c (stale build?)"; fi
fi

run "$OSPREP" demo cow --help
expect_rc "cow --help exits 0" 0
expect_out "cow --help lists its options" '--write-pct'

run "$OSPREP" --lang en demo cow --mib 32 --repeats 3
expect_rc "cow in English exits 0" 0
expect_out "cow report charts fork by resident memory" '32 MiB +█+.* (µs|ms)'
expect_out "cow report compares fork with memcpy" 'memcpy, fresh pages +█'
expect_out "cow report counts the child's faults" 'faults writing +█+.* faults'
expect_out "cow report shows the same address in both" '^  parent  0x[0-9a-f]+  = 1  \(unchanged\)'
expect_out "cow report shows the child's value" '^  child   0x[0-9a-f]+  = 2'
expect_out "cow report names the THP setting" 'transparent huge pages \(THP\) on this machine: '
expect_out "cow report explains the page tables" 'copied the page tables'
expect_out "cow report names vfork and posix_spawn" 'posix_spawn'
expect_out "cow report gives the interview answer" 'In an interview'
fits_80 "cow report fits 80 columns (en)"
run "$OSPREP" --lang ko demo cow --mib 32 --repeats 3
expect_rc "cow in Korean exits 0" 0
expect_out "cow report in Korean" '무엇을 보여 주나'
expect_out "cow Korean report explains copy-on-write" '페이지 테이블뿐이고'
expect_out "cow Korean report shows the parent unchanged" '^  부모  0x[0-9a-f]+  = 1  \(그대로\)'
fits_80 "cow report fits 80 columns (ko)"

# A time limit stops it and leaves nothing behind (the odd numbers are a marker).
run "$OSPREP" demo cow --mib 509 --repeats 19 --timeout 0.1
expect_rc "cow past its time limit fails" 1
expect_err "cow past its time limit says so" '시간 초과|timed out'
sleep 0.2
if pgrep -f 'mib 509 --repeats 19' >/dev/null; then
	fail "cow leaves no process behind after the time limit" "$(pgrep -af 'mib 509 --repeats 19')"
else pass "cow leaves no process behind after the time limit"; fi

run "$OSPREP" demo
expect_out "demo lists cow" '^  cow '
