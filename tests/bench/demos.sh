#!/usr/bin/env bash
# tests/bench/demos.sh: how well the live demos agree with trusted tools.
# A benchmark, not a timed test: it prints figures and says whether each
# is within its target, and exits 0 either way unless something failed to
# run. Everything runs in one session, alternating the two sides of each
# pair so that a change in the machine's load hits both.
#
#   ctxswitch  `demo ctxswitch` round trip (one run of 100,000) against
#              `taskset -c CPU perf bench sched pipe -l 100000`, processes,
#              and with -T, threads: target within 10%
#   pipe       `demo pipe` one-CPU throughput (256 MiB in 64 KiB writes)
#              against pipe_ref.c, a bare 64 KiB write/read loop between
#              two processes pinned to the same CPU: target within 15%
#   race, deadlock   tests/bench/demos-race-deadlock.sh, when present
#
#   PAIRS=5 (alternations)   ROUND_TRIPS=100000   MIB=256
#   SKIP_RACE_DEADLOCK=1     to run only the pipe and ctxswitch parts
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
osprep=${OSPREP:-$root/osprep}
pairs=${PAIRS:-5}
trips=${ROUND_TRIPS:-100000}
mib=${MIB:-256}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x "$osprep" ] || make -C "$root" >/dev/null
export OSPREP_CONTENT="$tmp/content" OSPREP_DATA="$tmp/data" NO_COLOR=1
mkdir -p "$OSPREP_CONTENT"

if ! command -v perf >/dev/null; then
	if [ "$(id -u)" = 0 ]; then
		echo "installing linux-perf"
		apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q linux-perf >/dev/null
	else
		echo "demos.sh needs perf from Debian's linux-perf; run:" >&2
		echo "  sudo apt-get update && sudo apt-get install -y linux-perf" >&2
		exit 1
	fi
fi
# Debian's perf wrapper names the kernel it wants when its version is
# missing; the versioned binary works for `perf bench` on any kernel.
if ! perf bench sched pipe -l 10 >/dev/null 2>&1; then
	alt=$(ls /usr/bin/perf_* 2>/dev/null | sort -V | tail -1 || true)
	[ -n "$alt" ] && perf() { "$alt" "$@"; }
fi
perf bench sched pipe -l 10 >/dev/null 2>&1 || { echo "demos.sh: perf bench does not run" >&2; exit 1; }

${CC:-cc} -O2 -o "$tmp/pipe_ref" "$root/tests/bench/pipe_ref.c"
cpu=$(python3 -c 'import os; print(min(os.sched_getaffinity(0)))')

echo "date: $(date -u +%Y-%m-%d), $(nproc) CPUs online, $(uname -r)," \
     "$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(perf --version)"
echo "pairs: $pairs, alternating; pinned to CPU $cpu; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

perf_us() {     # perf_us ARGS...: usecs/op of one perf bench sched pipe run
	taskset -c "$cpu" perf bench sched pipe -l "$trips" "$@" 2>&1 | awk '/usecs\/op/ { print $1 }'
}

: >"$tmp/rows"
for i in $(seq "$pairs"); do
	# odd pairs start with osprep, even ones with the reference
	for side in $( [ $((i % 2)) = 1 ] && echo "osprep ref" || echo "ref osprep"); do
		if [ "$side" = osprep ]; then
			"$osprep" demo ctxswitch --json --same-cpu-only --repeats 1 --round-trips "$trips" >"$tmp/cs.json"
			"$osprep" demo pipe --json --same-cpu-only --mib "$mib" >"$tmp/pipe.json"
			python3 - "$tmp/cs.json" "$tmp/pipe.json" >>"$tmp/rows" <<'PY'
import json, sys
cs = json.load(open(sys.argv[1])); p = json.load(open(sys.argv[2]))
print("osprep_proc", cs["derived"]["process_rtt_us"])
print("osprep_thr", cs["derived"]["thread_rtt_us"])
print("osprep_spr_proc", cs["derived"]["switches_per_rtt_process"])
print("osprep_spr_thr", cs["derived"]["switches_per_rtt_thread"])
print("osprep_pinned", int(cs["derived"]["pinned"] and p["machine"]["pinned"]))
print("osprep_mibs", p["derived"]["throughput_same_cpu_mibs"])
PY
		else
			echo "perf_proc $(perf_us)" >>"$tmp/rows"
			echo "perf_thr $(perf_us -T)" >>"$tmp/rows"
			echo "ref_mibs $("$tmp/pipe_ref" "$mib" "$cpu")" >>"$tmp/rows"
		fi
	done
done

python3 - "$tmp/rows" "$trips" "$mib" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    k, v = line.split()
    rows.setdefault(k, []).append(float(v))
trips, mib = int(sys.argv[2]), int(sys.argv[3])

def med(v):
    v = sorted(v); n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2

def line(name, a, b, unit, target, fmt):
    ma, mb = med(rows[a]), med(rows[b])
    r = ma / mb
    ok = abs(r - 1) <= target
    spread = lambda k: f"{fmt(min(rows[k]))}-{fmt(max(rows[k]))}"
    print(f"  {name}: osprep {fmt(ma)} {unit} (runs {spread(a)}), "
          f"reference {fmt(mb)} {unit} (runs {spread(b)})")
    print(f"  {' ' * len(name)}  ratio {r:.3f}: {'within' if ok else 'OUTSIDE'} {target:.0%}")
    return ok

us = lambda x: f"{x:.2f}"
mibs = lambda x: f"{x:,.0f}"
print(f"\nctxswitch round trip vs perf bench sched pipe -l {trips} (medians)")
a = line("processes", "osprep_proc", "perf_proc", "µs", 0.10, us)
b = line("threads  ", "osprep_thr", "perf_thr", "µs", 0.10, us)
print(f"  switches per round trip (osprep, median): processes {med(rows['osprep_spr_proc']):.2f}, "
      f"threads {med(rows['osprep_spr_thr']):.2f}; pinning confirmed in "
      f"{int(sum(rows['osprep_pinned']))}/{len(rows['osprep_pinned'])} runs")
print(f"\npipe one-CPU throughput, {mib} MiB in 64 KiB writes, vs a bare write/read loop (medians)")
c = line("throughput", "osprep_mibs", "ref_mibs", "MiB/s", 0.15, mibs)
print(f"\nsummary: ctxswitch processes {'ok' if a else 'off'}, threads {'ok' if b else 'off'}, "
      f"pipe throughput {'ok' if c else 'off'} "
      f"(single runs vary; medians over {len(rows['perf_proc'])} alternating pairs)")
PY

if [ "${SKIP_RACE_DEADLOCK:-0}" != 1 ]; then
	if [ -x "$root/tests/bench/demos-race-deadlock.sh" ] || [ -f "$root/tests/bench/demos-race-deadlock.sh" ]; then
		echo
		OSPREP="$osprep" bash "$root/tests/bench/demos-race-deadlock.sh"
	else
		echo
		echo "race, deadlock: tests/bench/demos-race-deadlock.sh is not there yet"
	fi
fi
