#!/usr/bin/env bash
# The command line and the non-interactive REPL: options, exit codes,
# language selection, browsing commands, and content discovery.
. "$(dirname "$0")/lib.sh"
export OSPREP_CONTENT=$ROOT/tests/fixtures/content

run "$OSPREP" --version
expect_rc "--version exits 0" 0
expect_out "--version prints the version" '^osprep [0-9]+\.[0-9]+'

run "$OSPREP" --help
expect_rc "--help exits 0" 0
expect_out "--help shows usage" '^usage: osprep'

run "$OSPREP" --bogus
expect_rc "an unknown option is a usage error" 2
expect_err "an unknown option is named" 'unknown option "--bogus"'

run "$OSPREP" --lang fr help
expect_rc "a bad --lang is a usage error" 2
expect_err "a bad --lang is named" 'unknown language "fr"'

run "$OSPREP" shwo s-process
expect_rc "an unknown command is a usage error" 2
expect_err "an unknown command suggests the closest" 'unknown command: shwo \(did you mean "show"\?\)'

run "$OSPREP" s
expect_rc "an ambiguous prefix is a usage error" 2
expect_err "an ambiguous prefix lists the candidates" 'ambiguous command: s, could be: .*show.*search'

run "$OSPREP" sh s-process
expect_rc "a unique prefix runs the command" 0
expect_out "show renders in Korean by default" '실행 중인 프로그램'

run "$OSPREP" show s-process --lang en
expect_out "--lang en anywhere switches the content" 'program in execution'

OSPREP_LANG=en run "$OSPREP" show s-process
expect_out "OSPREP_LANG=en switches the content" 'program in execution'

run "$OSPREP" show s-q-process-thread
expect_out "a question shows its model answer" '모범 답안'
expect_out "a question shows its follow-ups" 's-q-switch'

run "$OSPREP" show nope
expect_rc "an unknown card fails" 1
expect_err "an unknown card is named" '없는 카드 "nope"'

run "$OSPREP" show s-procss
expect_err "a mistyped card id gets a suggestion" '혹시 "s-process"'

run "$OSPREP" show
expect_rc "show without a card is a usage error" 2
expect_err "usage is printed" '^usage: show CARD'

run "$OSPREP" help show
expect_rc "help COMMAND exits 0" 0
expect_out "help COMMAND shows usage" 'show CARD'

run "$OSPREP" show --help
expect_out "COMMAND --help shows its help" 'show CARD'

run "$OSPREP" decks
expect_out "decks lists the deck with kinds" '^starter .* 9 '

run "$OSPREP" cards --kind question
expect_rc "cards --kind filters" 0
expect_out "cards --kind shows questions" 's-q-switch'
expect_no_out "cards --kind hides the rest" 's-f-pcb'

run "$OSPREP" cards --kind nonsense
expect_rc "a bad --kind is a usage error" 2

run "$OSPREP" cards --tag thread
expect_out "cards --tag filters" 's-thread'
expect_no_out "cards --tag hides untagged cards" 's-f-pcb'

run "$OSPREP" search 스레드 공유
expect_out "search finds Korean words (all of them)" 's-q-share'
expect_no_out "search needs every word" 's-f-pcb'

# 스택 written in NFD (decomposed jamo) still matches the NFC content
nfd=$(printf '\xe1\x84\x89\xe1\x85\xb3\xe1\x84\x90\xe1\x85\xa2\xe1\x86\xa8')
run "$OSPREP" search "$nfd"
expect_out "search normalises the query to NFC" 's-f-stack'

run "$OSPREP" search PROCESS
expect_out "search folds case" 's-process'

run "$OSPREP" search zzzz-nothing
expect_rc "search with no match fails" 1

run "$OSPREP" check
expect_rc "check of good content exits 0" 0
expect_out "check prints a summary by kind" '^ok: .*question 3'

# The REPL reads commands from a pipe, without line editing.
run_in $'show s-f-pcb\nbogus\n\nlang en\nshow s-f-pcb\nquit\nshow s-process\n' "$OSPREP"
expect_out "the piped REPL runs commands" 'Process Control Block'
expect_err "the piped REPL reports bad commands and goes on" 'unknown command: bogus'
expect_no_out "quit ends the REPL" 'program in execution'
if [ -f "$XDG_CONFIG_HOME/osprep/config.json" ] && grep -qE '"lang":[[:space:]]*"en"' "$XDG_CONFIG_HOME/osprep/config.json"; then
	pass "lang en is saved in the config"
else
	fail "lang en is saved in the config" "$(cat "$XDG_CONFIG_HOME/osprep/config.json" 2>&1)"
fi
unset OSPREP_LANG
run "$OSPREP" show nope
expect_err "the saved language is used next time" 'unknown card "nope"'
export OSPREP_LANG=ko
rm -rf "$XDG_CONFIG_HOME"

mkdir -p "$XDG_CONFIG_HOME/osprep"
printf '{"lang": "en",\n  oops}' > "$XDG_CONFIG_HOME/osprep/config.json"
unset OSPREP_LANG
run "$OSPREP" show s-process
expect_err "a broken config is reported with its position" 'config.json:2:[0-9]+: invalid config'
expect_out "a broken config is ignored" '실행 중인 프로그램'
export OSPREP_LANG=ko
rm -rf "$XDG_CONFIG_HOME"

# Content discovery: --content beats OSPREP_CONTENT; a missing dir is an error.
run "$OSPREP" --content "$TMP/none" cards
expect_rc "a missing content dir fails" 1
expect_err "a missing content dir is named" 'content directory not found'

# Output never carries raw escapes from content, even with colour forced off.
mkdir -p "$TMP/evil"
sed 's/프로세스는 \*\*실행/프로세스는 \\u001b]0;x\\u0007 **실행/' "$ROOT/tests/fixtures/content/starter.json" > "$TMP/evil/evil.json"
run "$OSPREP" --content "$TMP/evil" cards
if printf '%s%s' "$out" "$err" | LC_ALL=C grep -q $'\033'; then fail "escapes in content never reach the terminal" "raw ESC"
else pass "escapes in content never reach the terminal"; fi

# A write error (stdout closed early) is not a crash.
"$OSPREP" help | head -c 10 >/dev/null; rc=$?
if [ "$rc" -lt 128 ]; then pass "a closed pipe is not a crash"; else fail "a closed pipe is not a crash" "status $rc"; fi
