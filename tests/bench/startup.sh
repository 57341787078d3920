#!/usr/bin/env bash
# tests/bench/startup.sh: start-up cost of `osprep check` and `osprep cards`
# for the shipped content and for a generated 10,000-card deck (and 2,500
# and 5,000, to show the cost is linear in cards). Median of RUNS runs,
# wall time and peak RSS. Targets (2-core machine): shipped content
# <= 15 ms; 10,000 cards <= 150 ms and <= 64 MiB.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
osprep=${OSPREP:-$root/osprep}
runs=${RUNS:-11}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x "$osprep" ] || make -C "$root" >/dev/null
cc -O2 -o "$tmp/runstat" "$root/tests/bench/runstat.c"

# A deck of N cards: flashcards with Korean and English text of realistic
# length, every tenth a question with key points.
gen() {
	local n=$1 dir=$2 i
	mkdir -p "$dir"
	{
		printf '{"deck": "bench", "title": {"ko": "벤치마크 덱", "en": "benchmark deck"}, "cards": [\n'
		for ((i = 0; i < n; i++)); do
			[ "$i" -gt 0 ] && printf ',\n'
			if [ $((i % 10)) -eq 0 ]; then
				printf '{"id": "b-%d", "kind": "question", "tags": ["bench"], "prompt": {"ko": "프로세스와 스레드의 차이를 설명해 주세요 %d", "en": "Explain processes and threads %d"}, "answer": {"ko": "프로세스는 독립된 주소 공간을 가지며 스레드는 이를 공유합니다.\\n\\n- 메모리\\n- 비용", "en": "A process has its own address space; threads share one.\\n\\n- memory\\n- cost"}, "key_points": [{"id": "a", "label": {"ko": "주소 공간", "en": "address space"}, "match": {"ko": ["주소 공간"], "en": ["address space"]}}]}' "$i" "$i" "$i"
			else
				printf '{"id": "b-%d", "kind": "flashcard", "tags": ["bench"], "front": {"ko": "컨텍스트 스위칭 때 저장하는 것은? %d", "en": "What does a context switch save? %d"}, "back": {"ko": "레지스터, PC, 스택 포인터 같은 실행 상태를 PCB에 저장합니다.", "en": "Registers, the PC and the stack pointer, into the PCB."}}' "$i" "$i" "$i"
			fi
		done
		printf '\n]}\n'
	} > "$dir/bench.json"
}

measure() {     # measure LABEL DIR
	local label=$1 dir=$2 c k
	c=$("$tmp/runstat" "$runs" "$osprep" --content "$dir" --data "$tmp/data" check "$dir")
	k=$("$tmp/runstat" "$runs" "$osprep" --content "$dir" --data "$tmp/data" cards)
	printf '%-22s check %7.1f ms %6.1f MiB    cards %7.1f ms %6.1f MiB\n' "$label" \
		"${c% *}" "$(echo "${c#* }" | awk '{print $1/1024}')" \
		"${k% *}" "$(echo "${k#* }" | awk '{print $1/1024}')"
}

echo "osprep start-up, median of $runs runs ($(date -u +%Y-%m-%d), $(nproc) CPUs)"
cards=$("$osprep" --content "$root/content" check 2>/dev/null | sed -n 's/^ok: .*, \([0-9]*\) card.*/\1/p; s/^ok: .*카드 \([0-9]*\)장.*/\1/p')
measure "shipped (${cards:-?} cards)" "$root/content"
for n in 2500 5000 10000; do
	gen "$n" "$tmp/deck$n"
	measure "$n cards" "$tmp/deck$n"
done
