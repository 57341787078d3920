#!/usr/bin/env bash
# tests/run.sh: run every test and end with "N passed, N failed".
#
#   unit tests   the cmocka programs given as arguments (TAP output)
#   e2e tests    tests/e2e/test_*.sh, which print PASS/FAIL lines
#
# OSPREP names the binary under test (make test and make sanitize set it).
# TESTS=pattern runs only the unit programs and scripts whose name matches.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export ROOT
export OSPREP=${OSPREP:-$ROOT/osprep}
export BUILD=${BUILD:-$ROOT/build}
pattern=${TESTS:-}
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count() {       # count NAME: tally PASS/FAIL or ok/not ok lines from $log
	local p f
	p=$(grep -cE '^(PASS |ok )' "$log")
	f=$(grep -cE '^(FAIL |not ok )' "$log")
	grep -E '^(FAIL |not ok )' "$log" | sed "s|^|  $1: |"
	if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "  $1: exited with status $2 without reporting a failure"
		tail -n 15 "$log" | sed 's/^/    | /'
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	printf '%-28s %3d passed, %d failed\n' "$1" "$p" "$f"
}

export CMOCKA_MESSAGE_OUTPUT=TAP
for t in "$@"; do
	name=$(basename "$t")
	[ -n "$pattern" ] && [[ $name != *$pattern* ]] && continue
	(cd "$ROOT" && timeout 300 "$t") >"$log" 2>&1
	count "$name" $?
done

for t in "$ROOT"/tests/e2e/test_*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	[ -n "$pattern" ] && [[ $name != *$pattern* ]] && continue
	(cd "$ROOT" && timeout 600 bash "$t") >"$log" 2>&1
	count "$name" $?
done

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
