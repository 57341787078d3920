/*
 * test_choice.c: choice cards as practice and review share them: the
 * shuffle is a permutation fixed by its seed, review's seed is fixed by the
 * card and the time, and the user's numbers parse as practice always took
 * them ("1 3", "1,3", "13"), refusing anything that is not an option.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "choice.h"
#include "rng.h"

/* A card with n options, the first `right` of them correct. */
static struct card *
card_new(size_t n, size_t right)
{
	static char id[] = "c-test";
	struct card *c = calloc(1, sizeof *c);
	size_t i;

	assert_non_null(c);
	c->id = id;
	c->kind = KIND_CHOICE;
	c->noptions = n;
	c->options = calloc(n, sizeof *c->options);
	assert_non_null(c->options);
	for (i = 0; i < n; i++)
		c->options[i].correct = i < right;
	return c;
}

static void
card_free(struct card *c)
{
	free(c->options);
	free(c);
}

static void
choice_should_shuffle_to_a_permutation_fixed_by_the_seed(void **state)
{
	struct ctx ctx = { 0 };
	struct card *c = card_new(6, 2);
	struct choice a, b;
	unsigned seen = 0;
	size_t i;
	int differs = 0;
	uint64_t seed;

	(void)state;
	assert_int_equal(choice_init(&ctx, &a, c, 42), 0);
	assert_int_equal(choice_init(&ctx, &b, c, 42), 0);
	assert_int_equal(a.n, 6);
	assert_int_equal(a.ncorrect, 2);
	for (i = 0; i < a.n; i++) {
		assert_true(a.order[i] < 6);
		seen |= 1u << a.order[i];
		assert_int_equal(a.order[i], b.order[i]);
	}
	assert_int_equal(seen, 0x3f);
	choice_free(&b);
	/* some other seed gives another order */
	for (seed = 0; seed < 20 && !differs; seed++) {
		assert_int_equal(choice_init(&ctx, &b, c, seed), 0);
		differs = memcmp(a.order, b.order, a.n * sizeof *a.order) != 0;
		choice_free(&b);
	}
	assert_true(differs);
	choice_free(&a);
	card_free(c);
}

static void
choice_should_parse_numbers_as_practice_did(void **state)
{
	struct ctx ctx = { 0 };
	struct card *c = card_new(4, 1);
	struct choice ch;

	(void)state;
	assert_int_equal(choice_init(&ctx, &ch, c, 1), 0);
	assert_int_equal(choice_pick(&ch, "1 3"), 2);
	assert_int_equal(ch.picked[0] + ch.picked[1] * 2 + ch.picked[2] * 4 + ch.picked[3] * 8, 5);
	assert_int_equal(choice_pick(&ch, "2,4"), 2);
	assert_true(ch.picked[1] && ch.picked[3] && !ch.picked[0] && !ch.picked[2]);
	assert_int_equal(choice_pick(&ch, "13"), 2);
	assert_true(ch.picked[0] && ch.picked[2]);
	assert_int_equal(choice_pick(&ch, "2 2"), 1);
	assert_int_equal(choice_pick(&ch, ""), 0);
	assert_int_equal(choice_pick(&ch, "5"), -1);
	assert_int_equal(choice_pick(&ch, "0"), -1);
	assert_int_equal(choice_pick(&ch, "1 x"), -1);
	assert_int_equal(choice_pick(&ch, "-1"), -1);
	choice_free(&ch);
	card_free(c);
}

static void
rng_seed_of_should_depend_on_the_card_and_the_time(void **state)
{
	(void)state;
	assert_true(rng_seed_of("m-one", 1000) == rng_seed_of("m-one", 1000));
	assert_true(rng_seed_of("m-one", 1000) != rng_seed_of("m-two", 1000));
	assert_true(rng_seed_of("m-one", 1000) != rng_seed_of("m-one", 1001));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(choice_should_shuffle_to_a_permutation_fixed_by_the_seed),
		cmocka_unit_test(choice_should_parse_numbers_as_practice_did),
		cmocka_unit_test(rng_seed_of_should_depend_on_the_card_and_the_time),
	};
	return cmocka_run_group_tests_name("choice", tests, NULL, NULL);
}
