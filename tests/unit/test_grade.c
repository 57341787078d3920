/*
 * test_grade.c: key-point matching, one test per rule. Each rule is tried
 * with realistic answer fragments that must match and with near-misses that
 * must not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "content.h"
#include "grade.h"

/* 1 if phrase matches answer; fails the test on an allocation error. */
static int
m(const char *answer, const char *phrase)
{
	struct grade_answer *a = grade_prepare(answer);
	int r;

	assert_non_null(a);
	r = grade_phrase(a, phrase);
	grade_free(a);
	assert_true(r == 0 || r == 1);
	return r;
}

#define MATCH(answer, phrase) do { \
	if (!m(answer, phrase)) \
		fail_msg("\"%s\" should match \"%s\"", phrase, answer); \
} while (0)

#define NO_MATCH(answer, phrase) do { \
	if (m(answer, phrase)) \
		fail_msg("\"%s\" should not match \"%s\"", phrase, answer); \
} while (0)

static void
grade_should_ignore_case(void **state)
{
	(void)state;
	MATCH("A Context Switch saves the registers", "context switch");
	MATCH("the CONTEXT SWITCH is expensive", "Context switch");
	MATCH("ipc는 커널을 거친다", "IPC");
	MATCH("Mutex와 세마포어의 차이", "mutex");
}

static void
grade_should_ignore_unicode_form(void **state)
{
	/* 스레드 and 메모리 spelled with conjoining jamo (NFD, as macOS saves) */
	const char *nfd_thread = "\xe1\x84\x89\xe1\x85\xb3\xe1\x84\x85\xe1\x85\xa6"
	                         "\xe1\x84\x83\xe1\x85\xb3";
	/* 메모리를 in conjoining jamo */
	const char *nfd_memory_obj = "\xe1\x84\x86\xe1\x85\xa6\xe1\x84\x86\xe1\x85\xa9"
	                             "\xe1\x84\x85\xe1\x85\xb5\xe1\x84\x85\xe1\x85\xb3\xe1\x86\xaf";
	char buf[128];

	(void)state;
	snprintf(buf, sizeof buf, "%s는 실행 단위이다", nfd_thread);
	MATCH(buf, "스레드");
	MATCH("스레드는 실행 단위이다", nfd_thread);
	MATCH(nfd_memory_obj, "메모리");
	NO_MATCH(nfd_memory_obj, "메모");
	/* full-width letters and the ideographic space */
	MATCH("ＴＬＢ가 비워진다", "TLB");
	MATCH("주소\xe3\x80\x80공간을 나눈다", "주소 공간");
}

static void
grade_should_ignore_spacing_in_korean_terms(void **state)
{
	(void)state;
	MATCH("스레드풀을 쓰면 생성 비용이 줄어든다", "스레드 풀");
	MATCH("스레드 풀을 쓰면 생성 비용이 줄어든다", "스레드풀");
	MATCH("각자 독립된 주소공간을 가진다", "주소 공간");
	MATCH("문맥  교환이 일어나면", "문맥 교환");
	MATCH("문맥\n교환이 일어나면", "문맥 교환");
	MATCH("프로세스간 통신은 커널을 거친다", "프로세스 간 통신");
}

static void
grade_should_treat_spaces_and_hyphens_in_english_alike(void **state)
{
	(void)state;
	MATCH("every context-switch flushes state", "context switch");
	MATCH("a contextswitch costs microseconds", "context switch");
	MATCH("the context\tswitch", "context switch");
	MATCH("lock-free queues", "lock free");
	MATCH("multi-threading helps I/O bound work", "multithreading");
	MATCH("copy on write", "copy-on-write");
	MATCH("a spin lock busy-waits", "spinlock");
	MATCH("a spinlock busy-waits", "spin lock");
}

static void
grade_should_accept_korean_particles(void **state)
{
	(void)state;
	MATCH("스레드는 메모리를 공유한다", "메모리");
	MATCH("메모리는 프로세스마다 따로 있다", "메모리");
	MATCH("공유 메모리에서 데이터를 읽는다", "메모리");
	MATCH("메모리에서는 페이지 단위로 관리한다", "메모리");
	MATCH("메모리로부터 읽어 온다", "메모리");
	MATCH("캐시는 빠른 메모리입니다", "메모리");
	MATCH("스택과 힙의 차이", "스택");
	MATCH("힙이 공유된다", "힙");
	MATCH("뮤텍스나 세마포어로 막는다", "뮤텍스");
	MATCH("세마포어로 막는다", "세마포어");
	MATCH("커널에게 요청한다", "커널");
	MATCH("교착 상태이다", "교착 상태");
	MATCH("교착상태이지만 복구된다", "교착 상태");
	MATCH("TLB가 무효화되어", "TLB");
}

static void
grade_should_accept_korean_verbs_and_suffixes(void **state)
{
	(void)state;
	MATCH("스레드는 힙을 공유하는 반면", "공유");
	MATCH("코드 영역은 공유되지만", "공유");
	MATCH("데이터를 공유해서 빠르다", "공유");
	MATCH("카운터는 원자적으로 증가해야 한다", "원자");
	MATCH("스레드들이 같은 변수를 쓴다", "스레드");
	MATCH("스레드간 통신이 싸다", "스레드");
	MATCH("문맥 전환시 레지스터를 저장한다", "문맥 전환");
	MATCH("상호 배제를 보장한다", "상호 배제");
	MATCH("접근을 동기화시키는 방법", "동기화");
	/* terms that are verb stems take verb endings */
	MATCH("유휴 워커가 작업을 훔쳐서 실행한다", "훔쳐");
	MATCH("요청이 큐에 쌓여도 처리하지 못한다", "쌓여");
	MATCH("기아 상태의 스레드는 굶었다", "굶");
	MATCH("init이 고아 프로세스를 거둬서 정리한다", "거둬");
}

static void
grade_should_not_extend_a_korean_term_into_a_longer_noun(void **state)
{
	(void)state;
	NO_MATCH("공유기를 재부팅했다", "공유");
	NO_MATCH("공유기가 꺼졌다", "공유");
	NO_MATCH("스레드풀이 가득 찼다", "스레드");
	NO_MATCH("스레드풀을 쓴다", "스레드");
	NO_MATCH("메모리풀에서 할당한다", "메모리");
	NO_MATCH("교착상태가 생긴다", "교착");
	NO_MATCH("프로세서가 두 개다", "프로세스");
}

static void
grade_should_match_a_korean_term_that_ends_a_compound(void **state)
{
	(void)state;
	MATCH("공유메모리를 쓰면 복사가 없다", "메모리");
	MATCH("멀티스레드 서버", "스레드");
	MATCH("가상메모리가 주소를 번역한다", "가상 메모리");
	MATCH("L1캐시가 먼저 비워진다", "캐시");
}

static void
grade_should_start_one_syllable_korean_terms_at_a_word(void **state)
{
	(void)state;
	MATCH("락을 잡은 채로 잠든다", "락");
	MATCH("스핀 락은 바쁜 대기를 한다", "락");
	MATCH("스택과 힙은 다르다", "힙");
	NO_MATCH("연락을 주고받는다", "락");
	NO_MATCH("타락한 코드", "락");
	NO_MATCH("스핀락은 바쁜 대기를 한다", "락");
}

static void
grade_should_accept_english_inflections(void **state)
{
	(void)state;
	MATCH("the kernel switches stacks", "switch");
	MATCH("switching threads is cheaper", "switch");
	MATCH("the scheduler switched to B", "switch");
	MATCH("threads are sharing the heap", "share");
	MATCH("the heap is shared", "share");
	MATCH("fork copies the page tables", "copy");
	MATCH("pages are copied on write", "copy");
	MATCH("copying is lazy", "copy");
	MATCH("the file is mapped into memory", "map");
	MATCH("mapping a file with mmap", "map");
	MATCH("many processes run at once", "process");
	MATCH("the lock was released", "release");
	MATCH("two threads locking the same mutexes", "lock");
}

static void
grade_should_not_match_inside_a_longer_english_word(void **state)
{
	(void)state;
	MATCH("take the lock first", "lock");
	MATCH("locks are held briefly", "lock");
	MATCH("a lock-free queue", "lock");
	MATCH("call pthread_mutex_lock", "lock");
	NO_MATCH("the read blocks until data arrives", "lock");
	NO_MATCH("the clock interrupt fires", "lock");
	NO_MATCH("a deadlock needs four conditions", "lock");
	NO_MATCH("unlock before returning", "lock");
	NO_MATCH("lockstep execution", "lock");
	NO_MATCH("a locker room", "lock");
	NO_MATCH("the threadpool", "thread");
	NO_MATCH("mapreduce jobs", "map");
	NO_MATCH("processor affinity", "process");
}

static void
grade_should_match_acronyms_as_whole_words(void **state)
{
	(void)state;
	MATCH("IPC를 통해 데이터를 주고받는다", "IPC");
	MATCH("ipc costs a system call", "IPC");
	MATCH("all IPCs go through the kernel", "IPC");
	MATCH("the PCBs are kept in a list", "PCB");
	NO_MATCH("RPC는 네트워크를 넘는다", "IPC");
	NO_MATCH("IPC와 RPC", "PC");
	NO_MATCH("the I PC", "IPC");
	NO_MATCH("TLBI instructions", "TLB");
	NO_MATCH("IPCing", "IPC");
	MATCH("the PC points at the next instruction", "PC");
}

static void
grade_should_match_mixed_korean_and_english(void **state)
{
	const char *a = "CR3가 바뀌면 TLB가 flush되지 않게 ASID를 쓴다";

	(void)state;
	MATCH(a, "TLB");
	MATCH(a, "flush");
	MATCH(a, "ASID");
	MATCH("context switching이 일어나면", "context switch");
	MATCH("mutex로 감싼다", "mutex");
	MATCH("스레드(thread)는 가볍다", "thread");
	MATCH("스레드(thread)는 가볍다", "스레드");
	MATCH("CPU 스케줄링이 끝나면", "CPU 스케줄링");
	MATCH("CPU스케줄링", "CPU 스케줄링");
}

static void
grade_should_inflect_every_word_of_a_phrase(void **state)
{
	(void)state;
	MATCH("both page tables are walked", "page table");
	MATCH("context switches are rare", "context switch");
	MATCH("switching contexts costs time", "switch context");
	MATCH("processes sharing memory", "process share memory");
	NO_MATCH("page tablet", "page table");
	NO_MATCH("pages table", "page tables");
}

static void
grade_should_survive_invalid_utf8(void **state)
{
	(void)state;
	MATCH("TLB\xff\xfe가 비워진다", "TLB");
	MATCH("\xc3\x28 메모리를 \xed\xa0\x80 공유", "메모리");
	MATCH("메모리\x80를", "메모리");
	NO_MATCH("\xe2\x82", "메모리");
	NO_MATCH("메모리", "\xff\xfe");
	NO_MATCH("abc", "\xe2\x82");
}

/* The bytes grade_find reports for phrase in answer, from byte offset from. */
static char *
found(const char *answer, const char *phrase, size_t from)
{
	struct grade_answer *a = grade_prepare(answer);
	size_t s = 0, e = 0;
	char *r = NULL;

	assert_non_null(a);
	if (grade_find(a, phrase, from, &s, &e) == 1) {
		assert_true(s < e);
		r = strndup(grade_text(a) + s, e - s);
	}
	grade_free(a);
	return r;
}

#define FOUND(answer, phrase, from, want) do { \
	char *got_ = found(answer, phrase, from); \
	assert_non_null(got_); \
	assert_string_equal(got_, want); \
	free(got_); \
} while (0)

static void
grade_should_report_where_a_phrase_matched(void **state)
{
	const char *a = "스레드는 메모리를 공유하고, 프로세스는 공유메모리를 쓴다";
	size_t s, e;
	struct grade_answer *g;

	(void)state;
	FOUND(a, "메모리", 0, "메모리");
	FOUND(a, "공유", 0, "공유");
	FOUND("Threads are SWITCHING often", "switch", 0, "SWITCHING");
	FOUND("a context-switch costs", "context switch", 0, "context-switch");
	FOUND("the Straße is long", "strasse", 0, "Straße");
	FOUND("ＴＬＢ가 비워진다", "TLB", 0, "ＴＬＢ");
	/* the second occurrence, searching past the first */
	g = grade_prepare(a);
	assert_int_equal(grade_find(g, "메모리", 0, &s, &e), 1);
	assert_int_equal(grade_find(g, "메모리", e, &s, &e), 1);
	assert_true(strncmp(grade_text(g) + s - strlen("공유"), "공유메모리", strlen("공유메모리")) == 0);
	assert_int_equal(grade_find(g, "메모리", e, &s, &e), 0);
	grade_free(g);
}

static void
grade_should_keep_the_answer_as_valid_nfc(void **state)
{
	/* 스 in conjoining jamo, then an invalid byte */
	struct grade_answer *a = grade_prepare("\xe1\x84\x89\xe1\x85\xb3 \xff!");

	(void)state;
	assert_non_null(a);
	assert_string_equal(grade_text(a), "스 \xef\xbf\xbd!");
	grade_free(a);
}

static void
grade_should_handle_empty_input(void **state)
{
	struct grade_answer *a;

	(void)state;
	a = grade_prepare(NULL);
	assert_non_null(a);
	assert_int_equal(grade_length(a), 0);
	assert_int_equal(grade_phrase(a, "lock"), 0);
	grade_free(a);
	a = grade_prepare(" \n\t.,!?  ");
	assert_non_null(a);
	assert_int_equal(grade_length(a), 0);
	grade_free(a);
	NO_MATCH("lock", "");
	NO_MATCH("lock", "...");
	NO_MATCH("", "lock");
	grade_free(NULL);
}

/* A key point with one phrase list per language. */
static struct key_point
point(const char *id, const char *const *ko, size_t nko, const char *const *en, size_t nen)
{
	struct key_point kp;

	memset(&kp, 0, sizeof kp);
	kp.id = (char *)(uintptr_t)id;
	kp.match[LANG_KO].v = (char **)(uintptr_t)ko;
	kp.match[LANG_KO].n = nko;
	kp.match[LANG_EN].v = (char **)(uintptr_t)en;
	kp.match[LANG_EN].n = nen;
	return kp;
}

static const char *const ko_as[] = { "주소 공간", "메모리 공간", "가상 메모리" };
static const char *const en_as[] = { "address space", "memory space", "virtual memory" };
static const char *const ko_ipc[] = { "IPC", "프로세스 간 통신" };
static const char *const en_ipc[] = { "IPC", "inter-process communication" };
static const char *const ko_cost[] = { "문맥 교환", "컨텍스트 스위칭", "생성 비용" };
static const char *const en_cost[] = { "context switch", "creation cost" };

static void
grade_should_cover_a_point_in_either_language(void **state)
{
	struct key_point as = point("address-space", ko_as, 3, en_as, 3);
	struct grade_answer *a;

	(void)state;
	a = grade_prepare("프로세스는 각자 address space를 가진다");
	assert_int_equal(grade_point(a, &as), 1);
	grade_free(a);
	a = grade_prepare("Each process has its own 가상메모리.");
	assert_int_equal(grade_point(a, &as), 1);
	grade_free(a);
	a = grade_prepare("프로세스는 무겁고 스레드는 가볍다");
	assert_int_equal(grade_point(a, &as), 0);
	grade_free(a);
}

static void
grade_should_grade_every_point_of_a_card(void **state)
{
	struct key_point pts[3];
	struct card c;
	unsigned char covered[3];
	struct grade_answer *a;
	const char *ko_answer =
		"프로세스는 운영체제로부터 자원을 할당받는 작업 단위이고, 각 프로세스는 독립된 "
		"주소공간을 가집니다. 그래서 프로세스끼리 데이터를 주고받으려면 파이프나 소켓 같은 "
		"IPC가 필요합니다. 스레드는 프로세스 안에서 실행 흐름의 단위로, 힙과 코드 영역을 "
		"공유합니다.";
	const char *en_answer =
		"A process owns its resources; threads inside it share the heap. Switching "
		"between threads is cheaper because the address space stays the same, so "
		"a context switch between threads needs no TLB flush.";

	(void)state;
	pts[0] = point("address-space", ko_as, 3, en_as, 3);
	pts[1] = point("ipc", ko_ipc, 2, en_ipc, 2);
	pts[2] = point("cost", ko_cost, 3, en_cost, 2);
	memset(&c, 0, sizeof c);
	c.kind = KIND_QUESTION;
	c.points = pts;
	c.npoints = 3;

	a = grade_prepare(ko_answer);
	assert_int_equal(grade_card(a, &c, covered), 2);
	assert_int_equal(covered[0], 1);
	assert_int_equal(covered[1], 1);
	assert_int_equal(covered[2], 0);
	grade_free(a);

	a = grade_prepare(en_answer);
	assert_int_equal(grade_card(a, &c, covered), 2);
	assert_int_equal(covered[0], 1);
	assert_int_equal(covered[1], 0);
	assert_int_equal(covered[2], 1);
	grade_free(a);
}

static void
grade_should_find_a_point_at_the_end_of_a_large_answer(void **state)
{
	size_t size = 100 * 1024, i;
	const char *filler = "스레드풀은 작업 큐를 두고 blocks of clocks 연락을 ";
	size_t fl = strlen(filler);
	char *buf = malloc(size + 64);
	struct grade_answer *a;

	(void)state;
	assert_non_null(buf);
	for (i = 0; i + fl < size; i += fl)
		memcpy(buf + i, filler, fl);
	strcpy(buf + i, " 마지막으로 deadlock 회피");
	a = grade_prepare(buf);
	assert_non_null(a);
	for (i = 0; i < 40; i++) {
		assert_int_equal(grade_phrase(a, "lock"), 0);
		assert_int_equal(grade_phrase(a, "락"), 0);
		assert_int_equal(grade_phrase(a, "스레드"), 0);
	}
	assert_int_equal(grade_phrase(a, "deadlock"), 1);
	assert_int_equal(grade_phrase(a, "회피"), 1);
	assert_int_equal(grade_phrase(a, "작업 큐"), 1);
	grade_free(a);
	free(buf);
}

static void
grade_should_suggest_a_rating_from_coverage(void **state)
{
	(void)state;
	assert_int_equal(grade_suggest_rating(0, 4), 1);
	assert_int_equal(grade_suggest_rating(1, 4), 1);
	assert_int_equal(grade_suggest_rating(2, 4), 2);
	assert_int_equal(grade_suggest_rating(1, 2), 2);
	assert_int_equal(grade_suggest_rating(3, 4), 3);
	assert_int_equal(grade_suggest_rating(2, 3), 2);
	assert_int_equal(grade_suggest_rating(4, 5), 3);
	assert_int_equal(grade_suggest_rating(3, 3), 4);
	assert_int_equal(grade_suggest_rating(0, 0), 3);
}

static void
grade_should_survive_arbitrary_bytes(void **state)
{
	static const char *const frag[] = {
		"메모리", "를", " ", "\xff", "\xe1\x84", "\xe1\x84\x89", "\xe1\x85\xb3", "lock",
		"s", "-", "IPC", "ß", "ＴＬＢ", "\xcc\x81", "\xe2\x80\x8b", "이나", "\xf0\x9f\x98\x80",
	};
	static const char *const phrases[] = { "메모리", "lock", "IPC", "스 레드", "strasse", "e\xcc\x81", "" };
	unsigned long x = 12345;
	char buf[256];
	int i, k;

	(void)state;
	for (i = 0; i < 3000; i++) {
		size_t n = 0;
		struct grade_answer *a;
		buf[0] = '\0';
		for (k = 0; k < 12; k++) {
			const char *f;
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			f = frag[(x >> 33) % (sizeof frag / sizeof frag[0])];
			if (n + strlen(f) + 1 >= sizeof buf)
				break;
			strcpy(buf + n, f);
			n += strlen(f);
		}
		a = grade_prepare(buf);
		assert_non_null(a);
		for (k = 0; k < (int)(sizeof phrases / sizeof phrases[0]); k++) {
			size_t s = 0, e = 0;
			int r = grade_find(a, phrases[k], 0, &s, &e);
			assert_true(r == 0 || r == 1);
			if (r == 1)
				assert_true(s < e && e <= strlen(grade_text(a)));
		}
		grade_free(a);
	}
}

/* A check as the loader builds it; right is a path when rpath is set. */
static struct check
chk(const char *left, enum check_op op, const char *rpath, double rnum)
{
	struct check c;

	memset(&c, 0, sizeof c);
	c.left = (char *)(uintptr_t)left;
	c.op = op;
	c.right_path = (char *)(uintptr_t)rpath;
	c.right_num = rnum;
	return c;
}

static void
grade_should_evaluate_prediction_checks(void **state)
{
	const char *json =
		"{\"demo\": \"race\", \"derived\": {\"runs\": 5, \"runs_with_loss\": 4, "
		"\"fixes_exact\": true, \"mutex_ns\": 21.5, \"atomic_ns\": 8.25, \"note\": \"x\"}, "
		"\"runs\": [{\"lost\": 0}, {\"lost\": 1200}]}";
	cJSON *r = cJSON_Parse(json);
	struct check c;
	double l = 0, rv = 0;

	(void)state;
	assert_non_null(r);
	c = chk("derived.runs_with_loss", OP_GT, NULL, 0);
	assert_int_equal(grade_check(&c, r, &l, &rv), 1);
	assert_true(l == 4 && rv == 0);
	c = chk("derived.runs_with_loss", OP_EQ, NULL, 0);
	assert_int_equal(grade_check(&c, r, NULL, NULL), 0);
	c = chk("derived.runs_with_loss", OP_LE, "derived.runs", 0);
	assert_int_equal(grade_check(&c, r, NULL, NULL), 1);
	c = chk("derived.atomic_ns", OP_LT, "derived.mutex_ns", 0);
	assert_int_equal(grade_check(&c, r, &l, &rv), 1);
	assert_true(l == 8.25 && rv == 21.5);
	c = chk("derived.mutex_ns", OP_GE, "derived.atomic_ns", 0);
	assert_int_equal(grade_check(&c, r, NULL, NULL), 1);
	c = chk("derived.fixes_exact", OP_EQ, NULL, 1);
	c.right_is_bool = 1;
	assert_int_equal(grade_check(&c, r, NULL, NULL), 1);
	c = chk("derived.fixes_exact", OP_NE, NULL, 1);
	assert_int_equal(grade_check(&c, r, NULL, NULL), 0);
	c = chk("runs.1.lost", OP_GT, "runs.0.lost", 0);
	assert_int_equal(grade_check(&c, r, NULL, NULL), 1);
	/* what cannot be evaluated says so rather than guessing */
	c = chk("derived.missing", OP_GT, NULL, 0);
	assert_int_equal(grade_check(&c, r, NULL, NULL), -1);
	c = chk("derived.note", OP_GT, NULL, 0);
	assert_int_equal(grade_check(&c, r, NULL, NULL), -1);
	c = chk("derived.runs", OP_LT, "derived.nothing", 0);
	assert_int_equal(grade_check(&c, r, NULL, NULL), -1);
	c = chk("derived", OP_LT, NULL, 0);
	assert_int_equal(grade_check(&c, r, NULL, NULL), -1);
	cJSON_Delete(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(grade_should_ignore_case),
		cmocka_unit_test(grade_should_ignore_unicode_form),
		cmocka_unit_test(grade_should_ignore_spacing_in_korean_terms),
		cmocka_unit_test(grade_should_treat_spaces_and_hyphens_in_english_alike),
		cmocka_unit_test(grade_should_accept_korean_particles),
		cmocka_unit_test(grade_should_accept_korean_verbs_and_suffixes),
		cmocka_unit_test(grade_should_not_extend_a_korean_term_into_a_longer_noun),
		cmocka_unit_test(grade_should_match_a_korean_term_that_ends_a_compound),
		cmocka_unit_test(grade_should_start_one_syllable_korean_terms_at_a_word),
		cmocka_unit_test(grade_should_accept_english_inflections),
		cmocka_unit_test(grade_should_not_match_inside_a_longer_english_word),
		cmocka_unit_test(grade_should_match_acronyms_as_whole_words),
		cmocka_unit_test(grade_should_match_mixed_korean_and_english),
		cmocka_unit_test(grade_should_inflect_every_word_of_a_phrase),
		cmocka_unit_test(grade_should_survive_invalid_utf8),
		cmocka_unit_test(grade_should_report_where_a_phrase_matched),
		cmocka_unit_test(grade_should_keep_the_answer_as_valid_nfc),
		cmocka_unit_test(grade_should_handle_empty_input),
		cmocka_unit_test(grade_should_survive_arbitrary_bytes),
		cmocka_unit_test(grade_should_cover_a_point_in_either_language),
		cmocka_unit_test(grade_should_grade_every_point_of_a_card),
		cmocka_unit_test(grade_should_find_a_point_at_the_end_of_a_large_answer),
		cmocka_unit_test(grade_should_suggest_a_rating_from_coverage),
		cmocka_unit_test(grade_should_evaluate_prediction_checks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
