/*
 * test_cmd.c: the command table: lookup by name, alias and unique prefix,
 * ambiguity and suggestions, line splitting and option parsing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cmd.h"

static void
cmd_should_find_exact_names_and_aliases(void **state)
{
	char err[256];

	(void)state;
	assert_string_equal(cmd_find("show", err, sizeof err)->name, "show");
	assert_string_equal(cmd_find("exit", err, sizeof err)->name, "quit");
	assert_string_equal(cmd_find("?", err, sizeof err)->name, "help");
}

static void
cmd_should_run_a_unique_prefix(void **state)
{
	char err[256];
	const struct cmd_entry *c = cmd_find("sh", err, sizeof err);

	(void)state;
	assert_non_null(c);
	assert_string_equal(c->name, "show");
	assert_string_equal(cmd_find("dec", err, sizeof err)->name, "decks");
}

static void
cmd_should_name_every_candidate_of_an_ambiguous_prefix(void **state)
{
	char err[256];

	(void)state;
	assert_null(cmd_find("s", err, sizeof err));
	assert_true(strncmp(err, "ambiguous command: s, could be: ", 32) == 0);
	assert_non_null(strstr(err, "show"));
	assert_non_null(strstr(err, "search"));
	assert_null(strstr(err, "decks"));
}

static void
cmd_should_suggest_the_closest_name_for_a_typo(void **state)
{
	char err[256];

	(void)state;
	assert_null(cmd_find("shwo", err, sizeof err));
	assert_string_equal(err, "unknown command: shwo (did you mean \"show\"?)");
	assert_null(cmd_find("xyzzy", err, sizeof err));
	assert_string_equal(err, "unknown command: xyzzy (try \"help\")");
}

static void
cmd_should_give_every_command_usage_and_both_languages(void **state)
{
	int i;

	(void)state;
	for (i = 0; cmd_table[i] != NULL; i++) {
		const struct cmd_entry *c = cmd_table[i];
		assert_non_null(c->usage);
		assert_true(strncmp(c->usage, c->name, strlen(c->name)) == 0);
		assert_non_null(c->summary[LANG_KO]);
		assert_non_null(c->summary[LANG_EN]);
		assert_non_null(c->exec);
	}
}

static void
cmd_should_split_words_and_quotes(void **state)
{
	int argc;
	char **argv;

	(void)state;
	assert_int_equal(cmd_split("  search \"컨텍스트 스위칭\" 'a b' c\\ d  ", &argc, &argv), 0);
	assert_int_equal(argc, 4);
	assert_string_equal(argv[0], "search");
	assert_string_equal(argv[1], "컨텍스트 스위칭");
	assert_string_equal(argv[2], "a b");
	assert_string_equal(argv[3], "c d");
	cmd_free_argv(argc, argv);
	assert_int_equal(cmd_split("show \"open", &argc, &argv), -1);
	assert_int_equal(cmd_split("   ", &argc, &argv), 0);
	assert_int_equal(argc, 0);
	cmd_free_argv(argc, argv);
}

static void
cmd_should_parse_options_and_keep_positionals(void **state)
{
	const char *deck = NULL;
	int json = 0, npos = 0;
	const struct cmd_opt opts[] = { { "deck", &deck, NULL }, { "json", NULL, &json }, { NULL, NULL, NULL } };
	char a0[] = "cards", a1[] = "x", a2[] = "--deck", a3[] = "basics", a4[] = "--json", a5[] = "--", a6[] = "--y";
	char *argv[] = { a0, a1, a2, a3, a4, a5, a6, NULL };
	char b2[] = "--deck=sync";
	char *argv2[] = { a0, b2, NULL };

	(void)state;
	assert_int_equal(cmd_parse(cmd_table[0], 7, argv, opts, &npos), 0);
	assert_string_equal(deck, "basics");
	assert_int_equal(json, 1);
	assert_int_equal(npos, 2);
	assert_string_equal(argv[1], "x");
	assert_string_equal(argv[2], "--y");
	assert_int_equal(cmd_parse(cmd_table[0], 2, argv2, opts, &npos), 0);
	assert_string_equal(deck, "sync");
}

static void
cmd_should_reject_unknown_options_and_missing_values(void **state)
{
	const char *deck = NULL;
	int npos;
	const struct cmd_opt opts[] = { { "deck", &deck, NULL }, { NULL, NULL, NULL } };
	char a0[] = "cards", a1[] = "--bogus", a2[] = "--deck";
	char *argv[] = { a0, a1, NULL };
	char *argv2[] = { a0, a2, NULL };

	(void)state;
	assert_int_equal(cmd_parse(cmd_table[0], 2, argv, opts, &npos), -1);
	assert_int_equal(cmd_parse(cmd_table[0], 2, argv2, opts, &npos), -1);
}

static void
cmd_should_check_number_ranges(void **state)
{
	long v = 0;

	(void)state;
	assert_int_equal(cmd_int_arg("x", "--n", "12", 1, 100, &v), 0);
	assert_int_equal(v, 12);
	assert_int_equal(cmd_int_arg("x", "--n", "0", 1, 100, &v), -1);
	assert_int_equal(cmd_int_arg("x", "--n", "12abc", 1, 100, &v), -1);
	assert_int_equal(cmd_int_arg("x", "--n", "", 1, 100, &v), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cmd_should_find_exact_names_and_aliases),
		cmocka_unit_test(cmd_should_run_a_unique_prefix),
		cmocka_unit_test(cmd_should_name_every_candidate_of_an_ambiguous_prefix),
		cmocka_unit_test(cmd_should_suggest_the_closest_name_for_a_typo),
		cmocka_unit_test(cmd_should_give_every_command_usage_and_both_languages),
		cmocka_unit_test(cmd_should_split_words_and_quotes),
		cmocka_unit_test(cmd_should_parse_options_and_keep_positionals),
		cmocka_unit_test(cmd_should_reject_unknown_options_and_missing_values),
		cmocka_unit_test(cmd_should_check_number_ranges),
	};
	return cmocka_run_group_tests_name("cmd", tests, NULL, NULL);
}
