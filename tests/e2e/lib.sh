# lib.sh: helpers for the end-to-end tests. Each tests/e2e/test_*.sh sources
# this file, runs the real binary, and reports every check as one line:
#   PASS name            or            FAIL name: reason
# tests/run.sh counts those lines. A script's own exit status is ignored
# except that a non-zero exit with no FAIL line counts as one failure.

set -u
ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
OSPREP=${OSPREP:-$ROOT/osprep}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/osprep-e2e.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# A private data dir, the shipped content, a fixed language and no pager.
export OSPREP_DATA="$TMP/data"
export OSPREP_CONTENT="${OSPREP_CONTENT:-$ROOT/content}"
export XDG_CONFIG_HOME="$TMP/config"
export OSPREP_LANG=ko
export NO_COLOR=1
export TERM=dumb
unset OSPREP_NOW PAGER

pass() { printf 'PASS %s\n' "$1"; }
fail() { printf 'FAIL %s: %s\n' "$1" "$2"; }

# run CMD...: run with stdin from /dev/null unless redirected by the caller;
# sets $out, $err and $rc.
run() {
	out=$("$@" 2>"$TMP/stderr"); rc=$?
	err=$(cat "$TMP/stderr")
}

# run_in INPUT CMD...: like run, with INPUT on stdin.
run_in() {
	local input=$1; shift
	out=$(printf '%s' "$input" | "$@" 2>"$TMP/stderr"); rc=$?
	err=$(cat "$TMP/stderr")
}

# expect_rc NAME WANT: the last run's exit status.
expect_rc() {
	if [ "$rc" -eq "$2" ]; then pass "$1"; else fail "$1" "exit $rc, want $2; stderr: ${err:0:300}"; fi
}

# expect_out NAME PATTERN: stdout matches the grep -E pattern.
expect_out() {
	if printf '%s\n' "$out" | grep -qE -- "$2"; then pass "$1"
	else fail "$1" "stdout lacks /$2/: ${out:0:300}"; fi
}

# expect_err NAME PATTERN: stderr matches the grep -E pattern.
expect_err() {
	if printf '%s\n' "$err" | grep -qE -- "$2"; then pass "$1"
	else fail "$1" "stderr lacks /$2/: ${err:0:300}"; fi
}

# expect_no_out NAME PATTERN: stdout does not match.
expect_no_out() {
	if printf '%s\n' "$out" | grep -qE -- "$2"; then fail "$1" "stdout has /$2/"
	else pass "$1"; fi
}

# json_check NAME PYTHON-EXPR: the expression holds on $out parsed as JSON (d).
json_check() {
	if printf '%s' "$out" | python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
sys.exit(0 if eval(sys.argv[1]) else 1)' "$2" 2>"$TMP/py"; then pass "$1"
	else fail "$1" "$2 is false or unreadable: $(head -c 300 "$TMP/py") ${out:0:400}"; fi
}

# fits_80 NAME: no line of $out is wider than 80 display columns (Hangul counts two).
fits_80() {
	if printf '%s' "$out" | python3 -c '
import sys, unicodedata
bad = [l for l in sys.stdin.read().split("\n")
       if sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l) > 80]
print(bad[:2]); sys.exit(1 if bad else 0)' >"$TMP/py"; then pass "$1"
	else fail "$1" "lines wider than 80 columns: $(cat "$TMP/py")"; fi
}
