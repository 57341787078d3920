#!/bin/bash
# test_demo_runner.sh: the runner that isolates demos. A real SIGINT stops a
# stuck demo and gives control back (one-shot and in the REPL), the time
# limit kills it, and no process of the demo's group is left either way.
# `run` starts the demo of the card shown last.
. "$(dirname "$0")/lib.sh"
export OSPREP_CONTENT="$TMP/content"
mkdir -p "$OSPREP_CONTENT"
cat >"$OSPREP_CONTENT/demo.json" <<'JSON'
{
  "deck": "demo-test",
  "title": { "ko": "데모 시험", "en": "Demo test" },
  "cards": [
    { "id": "c-race-test", "kind": "concept", "demo": "race",
      "title": { "ko": "경쟁 조건", "en": "Race condition" },
      "body": { "ko": "본문입니다.", "en": "The body." } },
    { "id": "c-plain-test", "kind": "concept",
      "title": { "ko": "데모 없음", "en": "No demo" },
      "body": { "ko": "본문입니다.", "en": "The body." } }
  ]
}
JSON

# wait_child PID: the demo child of PID (its group leader), waiting up to 5 s.
wait_child() {
	local i c
	for i in $(seq 50); do
		c=$(pgrep -P "$1" | head -1)
		if [ -n "$c" ] && [ "$(ps -o pgid= -p "$c" | tr -d ' ')" = "$c" ] &&
		   [ "$(ps -o nlwp= -p "$c" | tr -d ' ')" -ge 3 ]; then
			echo "$c"
			return 0
		fi
		sleep 0.1
	done
	return 1
}

# wait_exit PID SECONDS: 0 when PID exits within SECONDS.
wait_exit() {
	local i
	for i in $(seq $(($2 * 20))); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.05
	done
	return 1
}

# group_empty NAME PGID: no process is left in the demo's group.
group_empty() {
	local left
	sleep 0.1
	left=$(pgrep -g "$2" 2>/dev/null | tr '\n' ' ')
	if [ -z "$left" ]; then pass "$1"; else fail "$1" "processes left in group $2: $left"; fi
}

# one-shot: Ctrl-C (SIGINT to osprep) stops a stuck demo
"$OSPREP" --lang en demo deadlock --hang --timeout 60 >"$TMP/o1" 2>"$TMP/e1" &
pid=$!
if child=$(wait_child "$pid"); then
	pass "one-shot demo runs in its own process group"
	kill -INT "$pid"
	if wait_exit "$pid" 5; then
		wait "$pid"; rc=$?
		pass "one-shot Ctrl-C gives control back"
		[ "$rc" -eq 1 ] && pass "one-shot Ctrl-C exits 1" || fail "one-shot Ctrl-C exits 1" "exit $rc"
		grep -q 'demo "deadlock" stopped' "$TMP/e1" && pass "one-shot Ctrl-C says stopped" ||
			fail "one-shot Ctrl-C says stopped" "$(cat "$TMP/e1")"
	else
		fail "one-shot Ctrl-C gives control back" "osprep still running after 5 s"
		kill -KILL "$pid" 2>/dev/null
	fi
	group_empty "one-shot Ctrl-C leaves no process" "$child"
else
	fail "one-shot demo runs in its own process group" "no demo child appeared"
	kill -KILL "$pid" 2>/dev/null
fi

# time limit
"$OSPREP" --lang en demo deadlock --hang --timeout 1 >"$TMP/o2" 2>"$TMP/e2" &
pid=$!
child=$(wait_child "$pid")
if wait_exit "$pid" 10; then
	wait "$pid"; rc=$?
	[ "$rc" -eq 1 ] && pass "time limit exits 1" || fail "time limit exits 1" "exit $rc"
	grep -q 'demo "deadlock" timed out after 1 s' "$TMP/e2" && pass "time limit says timed out" ||
		fail "time limit says timed out" "$(cat "$TMP/e2")"
else
	fail "time limit exits 1" "osprep still running after 10 s"
	kill -KILL "$pid" 2>/dev/null
fi
[ -n "$child" ] && group_empty "time limit leaves no process" "$child"

# the REPL: Ctrl-C stops the demo, the next command still runs
mkfifo "$TMP/in"
"$OSPREP" --lang en <"$TMP/in" >"$TMP/o3" 2>"$TMP/e3" &
pid=$!
exec 7>"$TMP/in"
printf 'demo deadlock --hang --timeout 60\n' >&7
if child=$(wait_child "$pid"); then
	kill -INT "$pid"
	for i in $(seq 100); do grep -q 'stopped' "$TMP/e3" && break; sleep 0.05; done
	printf 'lang\n' >&7
	exec 7>&-
	if wait_exit "$pid" 5; then
		wait "$pid"
		grep -q 'demo "deadlock" stopped' "$TMP/e3" && pass "REPL Ctrl-C stops the demo" ||
			fail "REPL Ctrl-C stops the demo" "$(cat "$TMP/e3")"
		tail -n 1 "$TMP/o3" | grep -qx 'en' && pass "REPL runs the next command after Ctrl-C" ||
			fail "REPL runs the next command after Ctrl-C" "$(tail -n 3 "$TMP/o3")"
	else
		fail "REPL Ctrl-C stops the demo" "osprep still running after 5 s"
		kill -KILL "$pid" 2>/dev/null
	fi
	group_empty "REPL Ctrl-C leaves no process" "$child"
else
	exec 7>&-
	fail "REPL starts the demo" "no demo child appeared"
	kill -KILL "$pid" 2>/dev/null
fi

# a demo's usage error passes through with status 2
run "$OSPREP" demo deadlock --runs -1
expect_rc "a demo's usage error exits 2" 2

# run: the demo of the card shown last
run_in $'run\n' "$OSPREP" --lang en
expect_err "run with no card shown says so" 'no card shown yet'
run_in $'show c-plain-test\nrun\n' "$OSPREP" --lang en
expect_err "run on a card without a demo says so" 'card "c-plain-test" has no demo'
run_in $'show c-race-test\nrun --json --increments 1000 --runs 2\n' "$OSPREP" --lang en
json=$(printf '%s\n' "$out" | grep '^{"demo":"race"' | head -1)
if [ -n "$json" ] && printf '%s' "$json" | python3 -c '
import json, sys
d = json.load(sys.stdin)
sys.exit(0 if d["params"]["increments"] == 1000 and d["derived"]["fixes_exact"] else 1)'; then
	pass "run starts the shown card's demo with the options given"
else
	fail "run starts the shown card's demo with the options given" "${out:0:300} ${err:0:300}"
fi
