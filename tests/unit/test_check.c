/*
 * test_check.c: the loader and validator, one test per class of problem.
 * Each builds a small deck in memory, parses it, and asserts the exact
 * line, column and wording of the message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "check.h"

/* A valid deck around one card's JSON. */
#define DECK(cards) \
	"{\n" \
	"  \"deck\": \"t\",\n" \
	"  \"title\": {\"ko\": \"시험\", \"en\": \"test\"},\n" \
	"  \"cards\": [\n" cards "\n  ]\n}\n"

#define FLASH(id) \
	"    {\"id\": \"" id "\", \"kind\": \"flashcard\", " \
	"\"front\": {\"ko\": \"앞\", \"en\": \"front\"}, \"back\": {\"ko\": \"뒤\", \"en\": \"back\"}}"

static struct diags d;

static int
setup(void **state)
{
	(void)state;
	memset(&d, 0, sizeof d);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	diags_free(&d);
	return 0;
}

/* Parse buf as "t.json"; return the deck (or NULL) and keep the diags. */
static struct deck *
parse(const char *buf, size_t len)
{
	return deck_parse("t.json", buf, len, &d);
}

/* Assert one diagnostic holds want at line:col. */
static void
assert_diag(const char *want, int line, int col)
{
	size_t i;

	for (i = 0; i < d.n; i++)
		if (strstr(d.v[i].msg, want) != NULL) {
			if (d.v[i].line != line || d.v[i].col != col)
				fail_msg("\"%s\" at %d:%d, want %d:%d", d.v[i].msg, d.v[i].line,
				         d.v[i].col, line, col);
			return;
		}
	for (i = 0; i < d.n; i++)
		print_message("  got: %d:%d: %s\n", d.v[i].line, d.v[i].col, d.v[i].msg);
	fail_msg("no diagnostic contains \"%s\"", want);
}

static void
check_should_accept_a_valid_deck(void **state)
{
	const char *s = DECK(FLASH("a-1") ",\n" FLASH("a-2"));
	struct deck *k = parse(s, strlen(s));

	(void)state;
	assert_non_null(k);
	assert_int_equal(d.nerrors, 0);
	assert_int_equal(k->ncards, 2);
	assert_string_equal(k->cards[1].id, "a-2");
	assert_string_equal(k->cards[0].title.s[LANG_KO], "앞");
	assert_int_equal(k->cards[0].line, 5);
	deck_free(k);
}

static void
check_should_report_truncated_json(void **state)
{
	const char *s = "{\n  \"deck\": \"t\",\n  \"cards\": [\n";

	(void)state;
	assert_null(parse(s, strlen(s)));
	assert_diag("invalid JSON: unexpected end of file (2 unclosed brackets)", 4, 1);
}

static void
check_should_report_a_syntax_error_where_it_is(void **state)
{
	const char *s = "{\n  \"deck\": \"t\",\n  \"title\" {}\n}";

	(void)state;
	assert_null(parse(s, strlen(s)));
	assert_diag("invalid JSON", 3, 11);
}

static void
check_should_report_wrong_types(void **state)
{
	const char *s = DECK("    {\"id\": \"a\", \"kind\": \"flashcard\", \"front\": \"plain\", "
	                     "\"back\": {\"ko\": \"뒤\", \"en\": \"back\"}}");

	(void)state;
	assert_null(parse(s, strlen(s)));
	assert_diag("card \"a\": field \"front\": expected an object {\"ko\": ..., \"en\": ...}, got a string", 5, 47);
}

static void
check_should_report_missing_fields(void **state)
{
	const char *s = DECK("    {\"id\": \"a\", \"kind\": \"concept\", \"title\": {\"ko\": \"제목\", \"en\": \"t\"}}");

	(void)state;
	assert_null(parse(s, strlen(s)));
	assert_diag("card \"a\": missing field \"body\"", 5, 5);
}

static void
check_should_report_bad_ids(void **state)
{
	const char *s = DECK(FLASH("Bad_Id"));

	(void)state;
	assert_null(parse(s, strlen(s)));
	assert_diag("card id \"Bad_Id\" must match [a-z0-9-]+", 5, 12);
}

static void
check_should_report_missing_translations(void **state)
{
	const char *s = DECK("    {\"id\": \"a\", \"kind\": \"flashcard\", \"front\": {\"ko\": \"앞\"}, "
	                     "\"back\": {\"ko\": \"뒤\", \"en\": \"back\"}}");

	(void)state;
	assert_null(parse(s, strlen(s)));
	assert_diag("card \"a\": field \"front\": missing \"en\" translation", 5, 47);
}

static void
check_should_report_empty_text(void **state)
{
	const char *s = DECK("    {\"id\": \"a\", \"kind\": \"flashcard\", \"front\": {\"ko\": \"  \", \"en\": \"f\"}, "
	                     "\"back\": {\"ko\": \"뒤\", \"en\": \"back\"}}");

	(void)state;
	assert_null(parse(s, strlen(s)));
	assert_diag("field \"front.ko\": empty text", 5, 54);
}

static void
check_should_report_invalid_utf8(void **state)
{
	const char *s = DECK("    {\"id\": \"a\", \"kind\": \"flashcard\", \"front\": {\"ko\": \"\xff\", \"en\": \"f\"}, "
	                     "\"back\": {\"ko\": \"뒤\", \"en\": \"back\"}}");

	(void)state;
	assert_null(parse(s, strlen(s)));
	assert_diag("invalid UTF-8 sequence (byte 0xFF)", 5, 55);
}

static void
check_should_report_nul_bytes(void **state)
{
	const char s[] = "{\n  \"deck\": \"t\0\"\n}";

	(void)state;
	assert_null(parse(s, sizeof s - 1));
	assert_diag("NUL byte in file", 2, 13);
}

static void
check_should_report_a_byte_order_mark(void **state)
{
	const char *s = "\xEF\xBB\xBF" DECK(FLASH("a"));

	(void)state;
	assert_null(parse(s, strlen(s)));
	assert_diag("byte order mark", 1, 1);
}

static void
check_should_report_escape_sequences_in_text(void **state)
{
	const char *s = DECK("    {\"id\": \"a\", \"kind\": \"flashcard\", \"front\": {\"ko\": \"x\\u001b[2J\", \"en\": \"f\"}, "
	                     "\"back\": {\"ko\": \"뒤\", \"en\": \"back\"}}");

	(void)state;
	assert_null(parse(s, strlen(s)));
	assert_diag("card \"a\": field \"front\": control character U+001B in text", 5, 56);
}

static void
check_should_allow_newlines_in_long_text_only(void **state)
{
	const char *ok = DECK("    {\"id\": \"a\", \"kind\": \"flashcard\", \"front\": {\"ko\": \"x\\ny\", \"en\": \"f\"}, "
	                      "\"back\": {\"ko\": \"뒤\", \"en\": \"b\"}}");
	const char *bad = DECK("    {\"id\": \"a\", \"kind\": \"concept\", \"title\": {\"ko\": \"x\\ny\", \"en\": \"f\"}, "
	                       "\"body\": {\"ko\": \"뒤\", \"en\": \"b\"}}");
	struct deck *k = parse(ok, strlen(ok));

	(void)state;
	assert_non_null(k);
	deck_free(k);
	assert_null(parse(bad, strlen(bad)));
	assert_diag("field \"title\": control character U+000A", 5, 54);
}

static void
check_should_report_deep_nesting(void **state)
{
	char buf[512];
	int i;

	(void)state;
	for (i = 0; i < 100; i++)
		buf[i] = '[';
	for (i = 0; i < 100; i++)
		buf[100 + i] = ']';
	buf[200] = '\0';
	assert_null(parse(buf, strlen(buf)));
	assert_diag("nesting deeper than 32 levels", 1, 33);
}

static void
check_should_report_oversize_files(void **state)
{
	size_t n = CHECK_MAX_FILE_SIZE + 10;
	char *big = malloc(n);

	(void)state;
	assert_non_null(big);
	memset(big, ' ', n);
	big[0] = '{';
	big[n - 1] = '}';
	assert_null(parse(big, n));
	assert_diag("over the 4 MiB limit", 1, 1);
	free(big);
}

static void
check_should_normalise_nfd_text_and_warn(void **state)
{
	/* 한 in NFD: U+1112 U+1161 U+11AB */
	const char *s = DECK("    {\"id\": \"a\", \"kind\": \"flashcard\", \"front\": {\"ko\": \"\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB\", \"en\": \"f\"}, "
	                     "\"back\": {\"ko\": \"뒤\", \"en\": \"back\"}}");
	struct deck *k = parse(s, strlen(s));

	(void)state;
	assert_non_null(k);
	assert_int_equal(d.nerrors, 0);
	assert_int_equal(d.nwarnings, 1);
	assert_diag("text is not in NFC form (normalised on load)", 5, 54);
	assert_string_equal(k->cards[0].title.s[LANG_KO], "한");
	deck_free(k);
}

static void
check_should_suggest_a_close_field_name(void **state)
{
	const char *s = DECK("    {\"id\": \"a\", \"kind\": \"flashcard\", \"frnt\": {\"ko\": \"앞\", \"en\": \"f\"}, "
	                     "\"back\": {\"ko\": \"뒤\", \"en\": \"back\"}}");

	(void)state;
	assert_null(parse(s, strlen(s)));
	assert_diag("unknown field \"frnt\" in a flashcard card (did you mean \"front\"?)", 5, 38);
}

static void
check_should_report_unknown_kinds(void **state)
{
	const char *s = DECK("    {\"id\": \"a\", \"kind\": \"quiz\"}");

	(void)state;
	assert_null(parse(s, strlen(s)));
	assert_diag("unknown kind \"quiz\"", 5, 25);
}

static void
check_should_report_unknown_demos(void **state)
{
	const char *s = DECK("    {\"id\": \"a\", \"kind\": \"concept\", \"demo\": \"no-such-demo\", "
	                     "\"title\": {\"ko\": \"t\", \"en\": \"t\"}, \"body\": {\"ko\": \"b\", \"en\": \"b\"}}");

	(void)state;
	assert_null(parse(s, strlen(s)));
	assert_diag("card \"a\": unknown demo \"no-such-demo\"", 5, 44);
}

static void
check_should_report_follow_up_points_that_do_not_exist(void **state)
{
	const char *s = DECK(
		"    {\"id\": \"q\", \"kind\": \"question\", \"prompt\": {\"ko\": \"p\", \"en\": \"p\"},\n"
		"     \"answer\": {\"ko\": \"a\", \"en\": \"a\"},\n"
		"     \"key_points\": [{\"id\": \"k\", \"label\": {\"ko\": \"l\", \"en\": \"l\"}, \"match\": {\"ko\": [\"x\"], \"en\": [\"x\"]}}],\n"
		"     \"follow_ups\": [{\"card\": \"r\", \"when\": \"missed\", \"point\": \"nope\"}]}");

	(void)state;
	assert_null(parse(s, strlen(s)));
	assert_diag("follow-up \"r\": no key point \"nope\" in this card", 8, 62);
}

static void
check_should_require_a_correct_option(void **state)
{
	const char *s = DECK(
		"    {\"id\": \"m\", \"kind\": \"choice\", \"prompt\": {\"ko\": \"p\", \"en\": \"p\"}, \"options\": [\n"
		"      {\"text\": {\"ko\": \"a\", \"en\": \"a\"}, \"correct\": false, \"why\": {\"ko\": \"w\", \"en\": \"w\"}},\n"
		"      {\"text\": {\"ko\": \"b\", \"en\": \"b\"}, \"correct\": false, \"why\": {\"ko\": \"w\", \"en\": \"w\"}}]}");

	(void)state;
	assert_null(parse(s, strlen(s)));
	assert_diag("no option is marked \"correct\": true", 5, 80);
}

static void
check_should_report_bad_check_operators(void **state)
{
	const char *s = DECK(
		"    {\"id\": \"p\", \"kind\": \"prediction\", \"demo\": \"x\", \"prompt\": {\"ko\": \"p\", \"en\": \"p\"}, \"options\": [\n"
		"      {\"text\": {\"ko\": \"a\", \"en\": \"a\"}, \"check\": {\"left\": \"derived.n\", \"op\": \"=>\", \"right\": 0}},\n"
		"      {\"text\": {\"ko\": \"b\", \"en\": \"b\"}, \"check\": {\"left\": \"derived.n\", \"op\": \"<\", \"right\": 0}}]}");

	(void)state;
	assert_null(parse(s, strlen(s)));
	assert_diag("check: unknown operator \"=>\"", 6, 77);
}

static void
check_should_report_text_after_the_deck(void **state)
{
	const char *s = "{\"deck\": \"t\", \"title\": {\"ko\": \"t\", \"en\": \"t\"}, \"cards\": []}\nxyz";

	(void)state;
	assert_null(parse(s, strlen(s)));
	assert_diag("unexpected text after the deck", 2, 1);
}

static void
check_should_report_a_key_given_twice(void **state)
{
	const char *s = DECK("    {\"id\": \"a\", \"id\": \"b\", \"kind\": \"flashcard\", "
	                     "\"front\": {\"ko\": \"앞\", \"en\": \"front\"}, \"back\": {\"ko\": \"뒤\", \"en\": \"back\"}}");

	(void)state;
	assert_null(parse(s, strlen(s)));
	assert_diag("field \"id\" given twice", 5, 17);
}

static char *
write_tmp(const char *dir, const char *name, const char *text)
{
	char *path = malloc(strlen(dir) + strlen(name) + 2);
	FILE *f;

	sprintf(path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static void
check_should_report_duplicate_ids_across_decks_and_keep_the_first(void **state)
{
	char dir[] = "/tmp/osprep-test-XXXXXX";
	char *a, *b, *c;
	const char *paths[1];
	struct content ct;

	(void)state;
	assert_non_null(mkdtemp(dir));
	a = write_tmp(dir, "a.json", DECK(FLASH("same")));
	b = write_tmp(dir, "b.json", "{\"deck\": \"u\", \"title\": {\"ko\": \"t\", \"en\": \"t\"}, \"cards\": [\n" FLASH("same") "]}");
	c = write_tmp(dir, "c.json", "{\"deck\": \"v\", \"title\": {\"ko\": \"t\", \"en\": \"t\"}, \"cards\": [\n"
	                             "{\"id\": \"w\", \"kind\": \"flashcard\", \"see_also\": [\"same\", \"gone\"], "
	                             "\"front\": {\"ko\": \"앞\", \"en\": \"f\"}, \"back\": {\"ko\": \"뒤\", \"en\": \"b\"}}]}");
	paths[0] = dir;
	assert_int_equal(content_load(&ct, paths, 1, &d), 2);
	assert_diag("card id \"same\" is already defined at", 2, 5);
	assert_diag("card \"w\": see_also links to unknown card \"gone\"", 2, 55);
	/* the first deck loads; the duplicate and the dangling link are skipped */
	assert_int_equal(ct.ndecks, 1);
	assert_int_equal(ct.nbroken, 2);
	assert_non_null(content_find_card(&ct, "same"));
	content_free(&ct);
	unlink(a);
	unlink(b);
	unlink(c);
	rmdir(dir);
	free(a);
	free(b);
	free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(check_should_accept_a_valid_deck, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_truncated_json, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_a_syntax_error_where_it_is, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_wrong_types, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_missing_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_bad_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_missing_translations, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_empty_text, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_invalid_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_nul_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_a_byte_order_mark, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_escape_sequences_in_text, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_allow_newlines_in_long_text_only, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_deep_nesting, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_oversize_files, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_normalise_nfd_text_and_warn, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_suggest_a_close_field_name, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_unknown_kinds, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_unknown_demos, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_follow_up_points_that_do_not_exist, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_require_a_correct_option, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_bad_check_operators, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_text_after_the_deck, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_a_key_given_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(check_should_report_duplicate_ids_across_decks_and_keep_the_first, setup, teardown),
	};
	return cmocka_run_group_tests_name("check", tests, NULL, NULL);
}
