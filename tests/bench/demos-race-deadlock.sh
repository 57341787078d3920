#!/usr/bin/env bash
# tests/bench/demos-race-deadlock.sh: accuracy of the race and deadlock
# demos (a benchmark, not a timed test; tests/bench/demos.sh calls it).
#
#   race       RACE_N (10) runs of `demo race` with defaults: how many lost
#              updates (target: at least 9 of 10 on 2+ CPUs)
#   deadlock   DEADLOCK_N (100) runs of `demo deadlock`, each a fresh process
#              through the runner: detections, recoveries, worst time to
#              detection, and whether each finished within its time limit
#              plus 50 ms (target: 100 of 100)
#   Ctrl-C     CTRLC_N (10) times: SIGINT to `osprep demo deadlock --hang`
#              until osprep has exited (target: under 200 ms)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
osprep=${OSPREP:-$root/osprep}
race_n=${RACE_N:-10}
deadlock_n=${DEADLOCK_N:-100}
ctrlc_n=${CTRLC_N:-10}
timeout_s=15
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x "$osprep" ] || make -C "$root" >/dev/null
export OSPREP_CONTENT="$tmp/content" OSPREP_DATA="$tmp/data" NO_COLOR=1
mkdir -p "$OSPREP_CONTENT"

now_ms() { date +%s%3N; }

echo "date: $(date -u +%Y-%m-%d), $(nproc) CPUs online, $(uname -r)"

# race: one default invocation is 5 unsynchronised runs; the first run of
# each fresh invocation is the figure (independent processes), the rest
# are reported too.
: >"$tmp/race"
for i in $(seq "$race_n"); do
	t0=$(now_ms)
	"$osprep" demo race --json >>"$tmp/race"
	echo "wall $(( $(now_ms) - t0 ))" >>"$tmp/race.wall"
done
python3 - "$tmp/race" "$tmp/race.wall" <<'PY'
import json, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
walls = [int(l.split()[1]) for l in open(sys.argv[2])]
first = sum(1 for d in runs if d["runs"][0]["lost"] > 0)
every = sum(r["lost"] > 0 for d in runs for r in d["runs"])
total = sum(len(d["runs"]) for d in runs)
lost = [r["lost_pct"] for d in runs for r in d["runs"]]
m = runs[0]["machine"]
print(f"race: {first}/{len(runs)} runs lost updates (first run of each invocation); "
      f"{every}/{total} of all unsynchronised runs")
print(f"race: lost {min(lost):.1f}-{max(lost):.1f}% per run, mean {sum(lost)/len(lost):.1f}%; "
      f"fixes exact {sum(d['derived']['fixes_exact'] for d in runs)}/{len(runs)}; "
      f"usable CPUs {m['usable_cpus']}, pinned {m['pinned']}")
med = lambda k: sorted(d["derived"][k] for d in runs)[len(runs) // 2]
print(f"race: per increment (median): no lock {med('unsync_ns'):.2f} ns, mutex {med('mutex_ns'):.1f} ns, "
      f"atomic {med('atomic_ns'):.1f} ns, per-thread {med('local_ns'):.2f} ns")
print(f"race: default run takes {min(walls)}-{max(walls)} ms wall")
PY

# deadlock: each invocation one deadlock, under the runner's time limit
: >"$tmp/dl"
for i in $(seq "$deadlock_n"); do
	t0=$(now_ms)
	if "$osprep" demo deadlock --json --runs 1 --iters 10000 --timeout "$timeout_s" >"$tmp/one" 2>/dev/null; then rc=0; else rc=$?; fi
	wall=$(( $(now_ms) - t0 ))
	printf '{"rc": %d, "wall_ms": %d, "out": %s}\n' "$rc" "$wall" "$(cat "$tmp/one" || echo null)" >>"$tmp/dl"
done
python3 - "$tmp/dl" "$timeout_s" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
limit_ms = float(sys.argv[2]) * 1000 + 50
ok = [r for r in rows if r["out"]]
det = sum(r["out"]["derived"]["detected"] for r in ok)
rec = sum(r["out"]["derived"]["recovered"] for r in ok)
within = sum(r["wall_ms"] <= limit_ms for r in rows)
both = sum(r["out"]["derived"]["detected"] and r["out"]["derived"]["recovered"] and r["wall_ms"] <= limit_ms for r in ok)
ms = sorted(r["out"]["derived"]["detect_ms"] for r in ok)
walls = sorted(r["wall_ms"] for r in rows)
print(f"deadlock: {det}/{len(rows)} detected, {rec}/{len(rows)} recovered, "
      f"{both}/{len(rows)} detected and recovered within the time limit + 50 ms")
if ms:
    print(f"deadlock: time to detection median {ms[len(ms)//2]:.2f} ms, worst {ms[-1]:.2f} ms; "
          f"whole invocation median {walls[len(walls)//2]} ms, worst {walls[-1]} ms")
PY

# Ctrl-C: SIGINT to osprep while the demo hangs, until osprep is gone
: >"$tmp/ctrlc"
for i in $(seq "$ctrlc_n"); do
	"$osprep" demo deadlock --hang --timeout 60 >/dev/null 2>&1 &
	pid=$!
	for j in $(seq 100); do
		c=$(pgrep -P "$pid" | head -1 || true)
		[ -n "$c" ] && [ "$(ps -o nlwp= -p "$c" 2>/dev/null | tr -d ' ')" = 3 ] && break
		sleep 0.02
	done
	t0=$(date +%s%N)
	kill -INT "$pid"
	wait "$pid" || true
	t1=$(date +%s%N)
	left=$(pgrep -g "$c" | wc -l || true)
	echo "$(( (t1 - t0) / 1000 )) $left" >>"$tmp/ctrlc"
done
python3 - "$tmp/ctrlc" <<'PY'
import sys
rows = [tuple(map(int, l.split())) for l in open(sys.argv[1]) if l.strip()]
us = sorted(r[0] for r in rows)
print(f"Ctrl-C: prompt back in median {us[len(us)//2]/1000:.1f} ms, worst {us[-1]/1000:.1f} ms "
      f"over {len(us)}; processes left behind: {sum(r[1] for r in rows)}")
PY
