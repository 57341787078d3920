#!/bin/bash
# test_demo_mutex.sh: `demo mutex` end to end: on Linux the mutex refuses a
# non-owner's unlock (EPERM) and a relock (EDEADLK) and reports a dead owner
# (EOWNERDEAD), while the semaphore takes anyone's post, waits for itself and
# loses a dead holder's unit; PTHREAD_PRIO_INHERIT is accepted. Also --only,
# --source, usage errors, both languages, 80 columns, and no process left
# behind, after a normal run or the time limit.
. "$(dirname "$0")/lib.sh"
export OSPREP_CONTENT="$TMP/content"
mkdir -p "$OSPREP_CONTENT"

# no process of a run (its demo child or the child that demo forks) remains
no_stray() {
	if pgrep -f -- "$2" >/dev/null; then fail "$1" "$(pgrep -af -- "$2")"
	else pass "$1"; fi
}

start=$(date +%s%N)
run "$OSPREP" demo mutex --json --timeout-ms 197
end=$(date +%s%N)
expect_rc "mutex --json exits 0" 0
json_check "mutex --json is one object naming the demo" 'd["demo"] == "mutex" and d["params"]["timeout_ms"] == 197'
json_check "mutex derived has the documented keys" \
	'set(["non_owner_unlock_errno","mutex_still_locked","sem_post_by_other_ok","relock_errno","sem_second_wait","robust_owner_dead","robust_recovered","sem_dead_holder_timed_out","prio_inherit_supported"]) <= set(d["derived"])'
json_check "mutex: a non-owner's unlock is refused with EPERM" 'd["derived"]["non_owner_unlock_errno"] == "EPERM"'
json_check "mutex: it stays locked (the non-owner's trylock is EBUSY)" \
	'd["derived"]["mutex_still_locked"] is True and d["experiments"]["ownership"]["other_trylock"] == "EBUSY"'
json_check "semaphore: a thread that never waited may post, and gets in" \
	'd["derived"]["sem_post_by_other_ok"] is True and d["derived"]["sem_other_entered"] is True and d["derived"]["sem_value_end"] == 2'
json_check "mutex: the owner's relock is EDEADLK" 'd["derived"]["relock_errno"] == "EDEADLK"'
json_check "mutex: a recursive mutex counts two locks" \
	'd["derived"]["recursive_counted"] is True and d["experiments"]["relock"]["recursive_extra_unlock"] == "EPERM"'
json_check "semaphore: a second wait by the same thread times out" \
	'd["derived"]["sem_second_wait"] == "ETIMEDOUT" and 150 <= d["experiments"]["relock"]["sem_waited_ms"] < 2000'
json_check "robust mutex: a dead owner is reported as EOWNERDEAD" 'd["derived"]["robust_owner_dead"] == "EOWNERDEAD"'
json_check "robust mutex: consistent, then it works again" 'd["derived"]["robust_recovered"] is True'
json_check "robust mutex: unlocked without consistent it is ENOTRECOVERABLE" \
	'd["derived"]["robust_unrepaired"] == "ENOTRECOVERABLE"'
json_check "a plain shared mutex and a semaphore wait for the dead until the time-out" \
	'd["derived"]["plain_dead_owner_timed_out"] is True and d["derived"]["sem_dead_holder_timed_out"] is True and d["experiments"]["owner_death"]["sem_value"] == 0'
json_check "PTHREAD_PRIO_INHERIT is accepted without root" \
	'd["derived"]["prio_inherit_supported"] is True and d["experiments"]["priority"]["setprotocol"] == "0"'
json_check "priority boost: observed or not, only the PI mutex's holder is boosted" \
	'isinstance(d["derived"]["prio_boost_observed"], bool) and d["derived"]["sem_prio_boost_observed"] is False and d["experiments"]["priority"]["runs"]["plain_mutex"]["boosted"] is False'
json_check "mutex and semaphore are memory: making them opens no file" 'd["machine"]["fds_opened_by_init"] == 0'
ms=$(( (end - start) / 1000000 ))
if [ "$ms" -lt 5000 ]; then pass "mutex runs well within the time limit"
else fail "mutex runs well within the time limit" "took $ms ms"; fi
no_stray "mutex leaves no process behind" 'mutex --json --timeout-ms 197'

run "$OSPREP" demo mutex --json --only 1
expect_rc "mutex --only 1 exits 0" 0
json_check "mutex --only 1 runs the ownership experiment alone" \
	'list(d["experiments"]) == ["ownership"] and "relock_errno" not in d["derived"] and d["derived"]["non_owner_unlock_errno"] == "EPERM"'
run "$OSPREP" demo mutex --json --only 3 --timeout-ms 30
json_check "mutex --timeout-ms bounds the waits" \
	'list(d["experiments"]) == ["owner_death"] and d["experiments"]["owner_death"]["sem_wait_ms"] < 1000 and d["derived"]["sem_dead_holder_timed_out"] is True'

run "$OSPREP" --lang en demo mutex
expect_rc "mutex in English exits 0" 0
fits_80 "mutex report fits 80 columns (en)"
expect_out "mutex report shows the non-owner's EPERM" 'unlock → EPERM'
expect_out "mutex report shows the semaphore letting T2 in" 'trywait → 0: T2 is in too'
expect_out "mutex report shows EDEADLK" 'lock → EDEADLK'
expect_out "mutex report shows the semaphore waiting for itself" 'ETIMEDOUT after [0-9]+ ms'
expect_out "mutex report shows EOWNERDEAD" 'robust mutex +EOWNERDEAD'
expect_out "mutex report shows the protocol attribute" 'PTHREAD_PRIO_INHERIT\) → 0'
expect_out "mutex report explains in English" 'What to say in the interview'
expect_out "mutex explanation names priority inversion" 'Mars Pathfinder'
expect_out "mutex explanation says a semaphore is not a file" 'neither is a file'
expect_no_out "mutex report has no Korean explanation in English" '면접 답변'
run "$OSPREP" --lang ko demo mutex
expect_rc "mutex in Korean exits 0" 0
fits_80 "mutex report fits 80 columns (ko)"
expect_out "mutex report in Korean" '면접 답변으로 정리하면'
expect_out "mutex explanation in Korean names priority inversion" '우선순위 역전'
expect_out "mutex explanation in Korean: a binary semaphore is not a mutex" '이진 세마포어가 뮤텍스가 되지는'

run "$OSPREP" demo mutex --source
expect_rc "mutex --source exits 0" 0
expect_out "mutex --source shows the ownership experiment" 'mutex_ownership'
expect_out "mutex --source shows the robust mutex" 'PTHREAD_MUTEX_ROBUST'
expect_no_out "mutex --source is the core only" 'mx_explain'

for bad in "--only 0" "--only 5" "--only x" "--timeout-ms 5" "--timeout-ms 2001" "--timeout-ms" "--bogus"; do
	# shellcheck disable=SC2086
	run "$OSPREP" demo mutex $bad
	expect_rc "mutex $bad is a usage error" 2
	opt=${bad%% *}
	expect_err "mutex $bad names the option" "demo mutex: .*(\"?)$opt"
done

# stopped by the time limit in the middle of a wait: the group goes with it
run "$OSPREP" --lang en demo mutex --timeout-ms 1987 --timeout 1
expect_rc "mutex stopped by the time limit exits 1" 1
expect_err "mutex says it timed out" 'demo "mutex" timed out after 1 s'
no_stray "mutex leaves no process behind after the time limit" 'timeout-ms 1987'
