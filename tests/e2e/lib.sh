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
