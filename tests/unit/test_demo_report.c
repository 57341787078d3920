/*
 * test_demo_report.c: what the demos print with: numbers with separators,
 * bars drawn in eighths, option parsing and its usage errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <unistd.h>

#include "demo/report.h"

/* Run fn with stdout going into buf. */
static void
capture(char *buf, size_t len, void (*fn)(void))
{
	FILE *tmp = tmpfile();
	int saved = dup(STDOUT_FILENO);
	size_t n;

	assert_non_null(tmp);
	fflush(stdout);
	dup2(fileno(tmp), STDOUT_FILENO);
	fn();
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	rewind(tmp);
	n = fread(buf, 1, len - 1, tmp);
	buf[n] = '\0';
	fclose(tmp);
}

static const struct demo_env env80 = { .lang = 1, .width = 80 };

static void
bars(void)
{
	report_bar(&env80, "full", 5, 10, 10, "10");
	report_bar(&env80, "half", 5, 5, 10, "5");
	report_bar(&env80, "none", 5, 0, 10, "0");
	report_bar(&env80, "tiny", 5, 0.0001, 10, "tiny");
}

static int
count_of(const char *s, const char *what)
{
	int n = 0;

	while ((s = strstr(s, what)) != NULL) {
		n++;
		s += strlen(what);
	}
	return n;
}

static void
report_should_draw_bars_in_proportion(void **state)
{
	char out[4096], *line[4], *save = NULL;
	int i, full;

	(void)state;
	capture(out, sizeof out, bars);
	line[0] = strtok_r(out, "\n", &save);
	for (i = 1; i < 4; i++)
		line[i] = strtok_r(NULL, "\n", &save);
	for (i = 0; i < 4; i++)
		assert_non_null(line[i]);
	full = count_of(line[0], "█");
	assert_true(full >= 8);
	assert_int_equal(count_of(line[1], "█") * 2, full);
	assert_int_equal(count_of(line[2], "█"), 0);
	/* a value that is not zero never looks like zero */
	assert_int_equal(count_of(line[3], "▏"), 1);
	/* every line is the same width, so the values line up */
	for (i = 0; i < 4; i++)
		assert_true(report_width(line[i]) <= 80);
	assert_int_equal(report_width(line[0]) - 2, report_width(line[1]) - 1);
}

static void
report_should_group_thousands(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(report_count(b, sizeof b, 0), "0");
	assert_string_equal(report_count(b, sizeof b, 999), "999");
	assert_string_equal(report_count(b, sizeof b, 1000), "1,000");
	assert_string_equal(report_count(b, sizeof b, 20000000), "20,000,000");
	assert_string_equal(report_count(b, sizeof b, -1234567), "-1,234,567");
}

static void
report_should_measure_hangul_as_two_columns(void **state)
{
	(void)state;
	assert_int_equal(report_width("abc"), 3);
	assert_int_equal(report_width("기대값"), 6);
	assert_int_equal(report_width("█▏"), 2);
}

static void
report_should_parse_options_in_both_forms(void **state)
{
	char a0[] = "race", a1[] = "--threads", a2[] = "4", a3[] = "--runs=3", a4[] = "--same-cpu",
	     a5[] = "--same-cpux", a6[] = "--runs";
	char *argv[] = { a0, a1, a2, a3, a4, a5, a6, NULL };
	const char *v = NULL;
	int i = 1;

	(void)state;
	assert_int_equal(report_opt(7, argv, &i, "threads", &v), 1);
	assert_string_equal(v, "4");
	assert_int_equal(i, 2);
	i = 3;
	assert_int_equal(report_opt(7, argv, &i, "runs", &v), 1);
	assert_string_equal(v, "3");
	i = 4;
	assert_int_equal(report_opt(7, argv, &i, "same-cpu", NULL), 1);
	i = 5;
	assert_int_equal(report_opt(7, argv, &i, "same-cpu", NULL), 0);
	assert_int_equal(report_opt(7, argv, &i, "runs", &v), 0);
	i = 6;
	assert_int_equal(report_opt(7, argv, &i, "runs", &v), -1);   /* no value */
}

static void
report_should_reject_numbers_out_of_range(void **state)
{
	long v = -7;

	(void)state;
	assert_int_equal(report_arg_long("race", "threads", "8", 1, 64, &v), 0);
	assert_int_equal(v, 8);
	assert_int_equal(report_arg_long("race", "threads", "0", 1, 64, &v), -1);
	assert_int_equal(report_arg_long("race", "threads", "65", 1, 64, &v), -1);
	assert_int_equal(report_arg_long("race", "runs", "abc", 1, 100, &v), -1);
	assert_int_equal(report_arg_long("race", "runs", "3x", 1, 100, &v), -1);
	assert_int_equal(report_arg_long("race", "runs", "", 1, 100, &v), -1);
	assert_int_equal(report_arg_long("race", "runs", "99999999999999999999", 1, 100, &v), -1);
	assert_int_equal(v, 8);
}

static void
report_should_know_the_usable_cpus(void **state)
{
	int cpus[1024], n = report_cpus(cpus, 1024), i;

	(void)state;
	assert_true(n >= 1);
	assert_true(report_cpus_online() >= 1);
	for (i = 1; i < n; i++)
		assert_true(cpus[i] > cpus[i - 1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(report_should_draw_bars_in_proportion),
		cmocka_unit_test(report_should_group_thousands),
		cmocka_unit_test(report_should_measure_hangul_as_two_columns),
		cmocka_unit_test(report_should_parse_options_in_both_forms),
		cmocka_unit_test(report_should_reject_numbers_out_of_range),
		cmocka_unit_test(report_should_know_the_usable_cpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
