#!/usr/bin/env bash
# tests/fuzz/run.sh FUZZER SECONDS: run the loader fuzzer with a seed corpus
# from content/, the test fixtures and the bad-input suite.
set -eu
fuzzer=$1
seconds=${2:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$(dirname "$fuzzer")/corpus
mkdir -p "$corpus"
cp "$root"/content/*.json "$root"/tests/fixtures/content/*.json "$root"/tests/bad-content/*.json "$corpus"/ 2>/dev/null || true
echo "fuzzing the loader for ${seconds}s (corpus: $(ls "$corpus" | wc -l) files)"
"$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	-dict="$root/tests/fuzz/check.dict" -print_final_stats=1 \
	-artifact_prefix="$(dirname "$fuzzer")/" "$corpus" 2>&1 | tail -n 25
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
	echo "fuzz: the fuzzer found a problem (status $status); see $(dirname "$fuzzer")/crash-*" >&2
	exit 1
fi
echo "fuzz: clean"
