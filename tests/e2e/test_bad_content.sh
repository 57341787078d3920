#!/usr/bin/env bash
# The bad-input suite: every malformed deck gets its precise
# FILE:LINE:COL message from `osprep check`, and nothing crashes.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1
export OSPREP_LANG=en

head -c 5242880 /dev/zero | tr '\0' ' ' > "$TMP/oversize.json"

while IFS= read -r line; do
	case $line in ''|'#'*) continue ;; esac
	args=${line%% | *}
	rest=${line#* | }
	want_rc=${rest%% | *}
	want=${rest#* | }
	args=${args//\$TMP/$TMP}
	want=${want//\$TMP/$TMP}
	name="bad-content: $(basename "${args##* }")"
	# shellcheck disable=SC2086
	run "$OSPREP" check $args
	if [ "$rc" -ge 128 ]; then fail "$name" "crashed (status $rc)"; continue; fi
	if [ "$rc" -ne "$want_rc" ]; then fail "$name" "exit $rc, want $want_rc: $out"; continue; fi
	if printf '%s\n' "$out" | grep -qxF -- "$want"; then pass "$name"
	else fail "$name" "want line: $want; got: $out"; fi
done < tests/bad-content/cases.txt

# Every bad deck is skipped by the other commands, reported once on stderr,
# and the good decks beside it still work.
mkdir -p "$TMP/mixed"
cp tests/bad-content/escape-sequence.json tests/bad-content/truncated.json "$TMP/mixed/"
cp tests/fixtures/content/starter.json "$TMP/mixed/"
run "$OSPREP" --content "$TMP/mixed" cards
expect_rc "broken decks are skipped, the rest load" 0
expect_out "the good deck's cards are listed" "s-process"
n=$(printf '%s\n' "$err" | grep -c 'deck skipped')
if [ "$n" -eq 2 ]; then pass "each broken deck is reported once"
else fail "each broken deck is reported once" "got $n reports: $err"; fi
if printf '%s' "$out$err" | LC_ALL=C grep -q $'\033'; then fail "no escape reaches the terminal" "ESC in output"
else pass "no escape reaches the terminal"; fi
