#!/usr/bin/env bash
# The REPL on a real pseudo-terminal: Hangul typed and edited with
# Backspace and the arrow keys reaches the command intact; Ctrl-C clears
# the line; Tab completes; Ctrl-D leaves; history is private.
. "$(dirname "$0")/lib.sh"
export OSPREP_CONTENT=$ROOT/tests/fixtures/content
export TERM=xterm
DRIVE=${BUILD:-$ROOT/build}/tests/ptydrive
[ -x "$DRIVE" ] || { fail "ptydrive built" "missing $DRIVE"; exit 0; }

pty() {         # pty KEYS...: run the REPL on a pty; sets $out and $rc
	out=$("$DRIVE" -c 60 "$@" '\x04' -- "$OSPREP" 2>&1); rc=$?; err=$out
}

# `show X` echoes X back in its error, so it shows the line received.
pty 'show 스레디\x7f드\r'
expect_out "backspace deletes one Hangul syllable" '없는 카드 "스레드"'

pty 'show 레드\e[D\e[D스\r'
expect_out "left arrow moves over Hangul; insert in the middle" '없는 카드 "스레드"'

pty 'show 프로세스\e[D\e[D\e[D\x7f\e[C\e[C\e[C지\r'
expect_out "right arrow and backspace in the middle" '없는 카드 "로세스지"'

pty 'show 가나다라마바사아자차카타파하가나다라마바사아자차카타파하끝\x7f\x7f마지막\r'
expect_out "a line wider than the terminal edits correctly" '없는 카드 "가나다라마바사아자차카타파하가나다라마바사아자차카타파마지막"'

pty 'show 버려질줄\x03' 'show 남는줄\r'
expect_out "Ctrl-C clears the line" '없는 카드 "남는줄"'
expect_no_out "Ctrl-C discards what was typed" '버려질줄남는줄|없는 카드 "버려질줄'

pty 'show s-f-sta\t\r'
expect_out "tab completes a card id" '스택입니다'

pty 'he\t\r'
expect_out "tab completes a command" 'show CARD'

pty 'lang en\r' 'show nope\r'
expect_out "lang en switches the messages" 'unknown card "nope"'
export OSPREP_LANG=ko

pty
expect_rc "Ctrl-D leaves with status 0" 0

if [ -f "$OSPREP_DATA/history" ]; then
	mode=$(stat -c %a "$OSPREP_DATA/history")
	if [ "$mode" = 600 ]; then pass "history is mode 0600"; else fail "history is mode 0600" "mode $mode"; fi
	# libedit writes history with vis(3): a space is \040
	if grep -qF 'show\040스레드' "$OSPREP_DATA/history"; then pass "history keeps the edited line"
	else fail "history keeps the edited line" "$(cat "$OSPREP_DATA/history")"; fi
else
	fail "history is written" "no $OSPREP_DATA/history"
fi

# A practice answer's prompt counts down while the user thinks: on a
# terminal it is redrawn every second, not only when a line is entered.
out=$("$DRIVE" -w 1200 'answer\r' '\r' '\x03' '\x04' -- "$OSPREP" practice s-q-process-thread 2>&1)
ticks=$(printf '%s' "$out" | grep -ao '\[[0-9]*:[0-9]*\] >' | sort -u | wc -l)
if [ "$ticks" -ge 3 ]; then pass "the answer countdown ticks on a terminal"
else fail "the answer countdown ticks on a terminal" "$ticks distinct prompts"; fi

# Long output on a terminal goes through $PAGER; short output and
# --no-pager do not.
export PAGER='sed s/^/PAGED:/'
out=$("$DRIVE" -r 10 -- "$OSPREP" help 2>&1)
expect_out "long output goes through the pager" '^PAGED:'
out=$("$DRIVE" -r 10 -- "$OSPREP" --no-pager help 2>&1)
expect_no_out "--no-pager turns the pager off" '^PAGED:'
out=$("$DRIVE" -r 40 -- "$OSPREP" show s-f-stack 2>&1)
expect_no_out "output that fits the screen is not paged" '^PAGED:'
out=$(env -u NO_COLOR "$DRIVE" -r 10 -- "$OSPREP" help 2>&1)
if printf '%s' "$out" | LC_ALL=C grep -q $'\033\[1m'; then pass "a terminal gets colour"
else fail "a terminal gets colour" "no bold escape"; fi
out=$(NO_COLOR=1 "$DRIVE" -r 10 -- "$OSPREP" --no-pager help 2>&1)
if printf '%s' "$out" | LC_ALL=C grep -q $'\033\['; then fail "NO_COLOR turns colour off" "escape found"
else pass "NO_COLOR turns colour off"; fi
unset PAGER
