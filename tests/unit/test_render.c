/*
 * test_render.c: text measurement and the Markdown renderer: wrapping by
 * display width with Hangul, table alignment, wide and zero-width
 * characters, verbatim code, and control characters never passing through.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "render.h"
#include "text.h"

static char *
render(const char *md, int width)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct render_opts o = { width, 0, 0 };

	render_markdown(f, md, &o);
	fclose(f);
	return buf;
}

/* Every line of s is at most width columns wide. */
static void
assert_fits(const char *s, int width)
{
	const char *p = s;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		int w = text_width_n(p, n);
		if (w > width)
			fail_msg("line of %d columns > %d: %.*s", w, width, (int)n, p);
		p += n + (nl != NULL);
	}
}

/* Display column of the n-th occurrence of needle in line (0-based). */
static int
col_of(const char *line, const char *needle)
{
	const char *at = strstr(line, needle);
	return at ? text_width_n(line, (size_t)(at - line)) : -1;
}

static void
text_should_count_hangul_as_two_columns(void **state)
{
	(void)state;
	assert_int_equal(text_width("프로세스"), 8);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("스레드 pool"), 11);
	/* a combining accent and a zero-width joiner take no column */
	assert_int_equal(text_width("e\xCC\x81"), 1);
	assert_int_equal(text_width("a\xE2\x80\x8D" "b"), 2);
	/* CJK ideographs and full-width forms are wide too */
	assert_int_equal(text_width("漢字"), 4);
	assert_int_equal(text_width("ＡＢ"), 4);
}

static void
text_should_normalise_nfd_hangul_to_nfc(void **state)
{
	char *s = text_nfc("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB");

	(void)state;
	assert_string_equal(s, "한");
	free(s);
	s = text_fold("Thread POOL 스레드");
	assert_string_equal(s, "thread pool 스레드");
	free(s);
}

static void
text_should_escape_control_characters(void **state)
{
	char *s = text_safe("a\033[2Jb\rc\x7f\n\xE2\x80\xAE", 0);

	(void)state;
	assert_string_equal(s, "a\\x1B[2Jb\\x0Dc\\x7F\n\\u{202E}");
	free(s);
	s = text_safe("bad\xff", 0);
	assert_string_equal(s, "bad\\xFF");
	free(s);
}

static void
text_should_validate_utf8(void **state)
{
	size_t bad = 0;

	(void)state;
	assert_true(text_valid("스레드", strlen("스레드"), &bad));
	assert_false(text_valid("ab\xC3", 3, &bad));
	assert_int_equal(bad, 2);
	assert_false(text_valid("\xED\xA0\x80", 3, &bad));   /* a surrogate */
}

static void
render_should_wrap_korean_by_display_width(void **state)
{
	const char *md = "프로세스는 실행 중인 프로그램의 인스턴스이며 운영체제로부터 독립된 "
	                 "가상 주소 공간과 자원을 할당받습니다. 스레드는 그 안에서 실행되는 흐름입니다.";
	char *out = render(md, 30);
	size_t first_nl;

	(void)state;
	assert_fits(out, 30);
	/* it did wrap, and broke only between words */
	first_nl = strcspn(out, "\n");
	assert_true(out[first_nl] == '\n' && out[first_nl + 1] != '\0');
	assert_non_null(strstr(out, "프로세스는 실행 중인"));
	assert_null(strstr(out, "프로\n"));
	free(out);
}

static void
render_should_wrap_mixed_korean_and_english(void **state)
{
	char *out = render("컨텍스트 스위칭(context switching)은 CPU가 실행 중인 task를 바꾸는 일입니다. "
	                   "TLB와 page table이 관련됩니다.", 24);

	(void)state;
	assert_fits(out, 24);
	assert_non_null(strstr(out, "switching)은"));
	free(out);
}

static void
render_should_break_words_longer_than_a_line(void **state)
{
	char *out = render("가나다라마바사아자차카타파하가나다라마바사아자차카타파하", 20);

	(void)state;
	assert_fits(out, 20);
	free(out);
}

static void
render_should_align_tables_with_hangul_by_display_width(void **state)
{
	char *out = render("| 구분 | 프로세스 | thread |\n|---|---|---|\n| 메모리 | 독립 | shared |\n"
	                   "| 전환 비용 | 큼 | small |", 60);
	char *lines[8];
	int n = 0, c1 = -1, c2 = -1;
	char *save = NULL, *l;

	(void)state;
	for (l = strtok_r(out, "\n", &save); l != NULL && n < 8; l = strtok_r(NULL, "\n", &save))
		lines[n++] = l;
	assert_int_equal(n, 4);
	/* the column separators sit in the same display column on every row */
	for (int i = 0; i < n; i++) {
		const char *sep = i == 1 ? "┼" : "│";
		int a = col_of(lines[i], sep);
		int b = col_of(strstr(lines[i], sep) + strlen(sep), sep);
		b = b < 0 ? -1 : b + a + 1;
		if (c1 < 0) {
			c1 = a;
			c2 = b;
		}
		assert_int_equal(a, c1);
		assert_int_equal(b, c2);
	}
	assert_non_null(strstr(lines[2], "메모리"));
	free(out);
}

static void
render_should_list_rows_when_a_table_is_too_wide(void **state)
{
	char *out = render("| 항목 | 설명 |\n|---|---|\n| 프로세스 | 운영체제로부터 자원을 할당받는 작업의 단위이며 독립된 주소 공간을 가집니다 |", 30);

	(void)state;
	assert_fits(out, 30);
	assert_non_null(strstr(out, "항목: 프로세스"));
	free(out);
}

static void
render_should_keep_code_blocks_verbatim(void **state)
{
	char *out = render("앞\n\n```c\nint  x = 1;   // 두 칸\n```\n\n뒤", 20);

	(void)state;
	assert_non_null(strstr(out, "int  x = 1;   // 두 칸"));
	assert_null(strstr(out, "```"));
	free(out);
}

static void
render_should_indent_lists_and_mark_bold_and_code(void **state)
{
	char *out = render("- **뮤텍스**는 소유자가 있다\n- `sem_post`는 누구나 부른다\n  이어지는 줄\n1. 첫째\n2. 둘째", 40);

	(void)state;
	assert_non_null(strstr(out, "• 뮤텍스는 소유자가 있다"));
	assert_non_null(strstr(out, "• `sem_post`는 누구나 부른다 이어지는 줄"));
	assert_non_null(strstr(out, "1. 첫째"));
	assert_non_null(strstr(out, "2. 둘째"));
	free(out);
}

static void
render_should_never_emit_raw_control_characters(void **state)
{
	char *out = render("title\033]0;pwned\007 **x\033[31m**\n\n```\n\033[2J\r\b\n```\n| a\033 | b |", 40);
	const char *p;

	(void)state;
	for (p = out; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\n')
			fail_msg("raw control byte 0x%02x in output", (unsigned char)*p);
	assert_non_null(strstr(out, "\\x1B]0;pwned\\x07"));
	free(out);
}

static void
render_should_use_colour_only_when_asked(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct render_opts o = { 40, 0, 1 };

	(void)state;
	render_markdown(f, "**굵게**", &o);
	fclose(f);
	assert_non_null(strstr(buf, "\033[1m굵게"));
	free(buf);
	buf = render("**굵게**", 40);
	assert_null(strchr(buf, '\033'));
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_should_count_hangul_as_two_columns),
		cmocka_unit_test(text_should_normalise_nfd_hangul_to_nfc),
		cmocka_unit_test(text_should_escape_control_characters),
		cmocka_unit_test(text_should_validate_utf8),
		cmocka_unit_test(render_should_wrap_korean_by_display_width),
		cmocka_unit_test(render_should_wrap_mixed_korean_and_english),
		cmocka_unit_test(render_should_break_words_longer_than_a_line),
		cmocka_unit_test(render_should_align_tables_with_hangul_by_display_width),
		cmocka_unit_test(render_should_list_rows_when_a_table_is_too_wide),
		cmocka_unit_test(render_should_keep_code_blocks_verbatim),
		cmocka_unit_test(render_should_indent_lists_and_mark_bold_and_code),
		cmocka_unit_test(render_should_never_emit_raw_control_characters),
		cmocka_unit_test(render_should_use_colour_only_when_asked),
	};
	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
