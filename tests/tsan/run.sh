#!/bin/bash
# run.sh: ThreadSanitizer checks of the race, deadlock and mutex demos' cores
# (`make tsan`). Builds tests/tsan/tsan_*.c, which include the demo files
# themselves, with clang -fsanitize=thread, runs each variant and asserts
# what TSan reports:
#   race unsync          "data race"
#   race mutex/atomic/local   nothing
#   deadlock deadlock    "lock-order-inversion" (and no data race)
#   deadlock ordered/trylock  nothing
#   mutex ownership/relock/death/boost  nothing (the API misuse it shows
#                                   returns errors; it is not a race)
# Prints PASS/FAIL lines like the other tests; exits 1 if any failed.

set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${BUILD:-$ROOT/build}/tsan
CC_TSAN=${CC_TSAN:-clang}
mkdir -p "$OUT"
failed=0

pass() { printf 'PASS %s\n' "$1"; }
fail() { printf 'FAIL %s: %s\n' "$1" "$2"; failed=1; }

build() {
	if ! "$CC_TSAN" -std=c17 -D_GNU_SOURCE -fsanitize=thread -g -O1 -Wall -Wextra -Wno-unused-function \
		-o "$OUT/$1" "$ROOT/tests/tsan/$1.c" -lpthread 2>"$OUT/$1.build.log"; then
		fail "tsan build $1" "$(head -c 400 "$OUT/$1.build.log")"
		return 1
	fi
}

# run_variant PROGRAM VARIANT: TSan's report into $report, exit status in $rc.
run_variant() {
	report=$(TSAN_OPTIONS="exitcode=66 halt_on_error=0 detect_deadlocks=1 second_deadlock_stack=1" \
		timeout 60 "$OUT/$1" "$2" 2>&1); rc=$?
	# clang 14's TSan cannot map its shadow with newer kernels' ASLR: retry without
	if printf '%s' "$report" | grep -q 'unexpected memory mapping'; then
		report=$(TSAN_OPTIONS="exitcode=66 halt_on_error=0 detect_deadlocks=1" \
			timeout 60 setarch "$(uname -m)" -R "$OUT/$1" "$2" 2>&1); rc=$?
	fi
}

# expect PROGRAM VARIANT WANT: WANT is a TSan warning that must appear, or
# "none" for a clean run.
expect() {
	local name="tsan $1 $2"
	run_variant "$1" "$2"
	if [ "$3" = none ]; then
		if printf '%s' "$report" | grep -q 'WARNING: ThreadSanitizer'; then
			fail "$name reports nothing" "$(printf '%s' "$report" | grep 'WARNING: ThreadSanitizer' | head -3)"
		elif [ "$rc" -ne 0 ]; then
			fail "$name reports nothing" "exit $rc: $(printf '%s' "$report" | tail -3)"
		else
			pass "$name reports nothing"
		fi
	else
		if printf '%s' "$report" | grep -q "WARNING: ThreadSanitizer: $3"; then
			pass "$name reports $3"
		else
			fail "$name reports $3" "exit $rc: $(printf '%s' "$report" | head -5)"
		fi
	fi
}

if ! command -v "$CC_TSAN" >/dev/null; then
	fail "tsan" "$CC_TSAN not found (apt-get install clang)"
	exit 1
fi

if build tsan_race; then
	expect tsan_race unsync "data race"
	for v in mutex atomic local; do expect tsan_race $v none; done
fi
if build tsan_deadlock; then
	expect tsan_deadlock deadlock "lock-order-inversion"
	if printf '%s' "$report" | grep -q 'WARNING: ThreadSanitizer: data race'; then
		fail "tsan tsan_deadlock deadlock has no data race" "$(printf '%s' "$report" | grep -A3 'data race' | head -4)"
	else
		pass "tsan tsan_deadlock deadlock has no data race"
	fi
	if printf '%s' "$report" | grep -q 'detected 1, work 2 of 2'; then
		pass "tsan tsan_deadlock deadlock detects and recovers"
	else
		fail "tsan tsan_deadlock deadlock detects and recovers" "$(printf '%s' "$report" | grep '^deadlock:')"
	fi
	for v in ordered trylock; do expect tsan_deadlock $v none; done
fi
if build tsan_mutex; then
	for v in ownership relock death boost; do expect tsan_mutex $v none; done
fi
exit $failed
