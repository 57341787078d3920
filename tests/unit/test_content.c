/*
 * test_content.c: the shipped decks, as the interview-deck issue promises
 * them: clean under the validator, every question-list id covered by a
 * question card, question cards complete in both languages, every demo
 * with prediction cards, and the minimum counts of each kind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "demo/demo.h"

#ifndef OSPREP_ROOT
#define OSPREP_ROOT "."
#endif

static struct content ct;
static struct diags d;

static int
load(void **state)
{
	const char *paths[1] = { OSPREP_ROOT "/content" };

	(void)state;
	content_load(&ct, paths, 1, &d);
	return 0;
}

static int
unload(void **state)
{
	(void)state;
	content_free(&ct);
	diags_free(&d);
	return 0;
}

static size_t
count_kind(enum card_kind k)
{
	size_t i, j, n = 0;

	for (i = 0; i < ct.ndecks; i++)
		for (j = 0; j < ct.decks[i]->ncards; j++)
			n += ct.decks[i]->cards[j].kind == k;
	return n;
}

static void
content_should_pass_the_validator(void **state)
{
	(void)state;
	if (d.nerrors > 0) {
		diags_print(&d, stderr);
		fail_msg("%zu problems in content/", d.nerrors);
	}
	assert_int_equal(ct.nbroken, 0);
	assert_true(ct.ndecks > 0);
}

/* The question-list ids: from the shared list when it is there, else our copy. */
static size_t
read_ids(char ids[][8], size_t max)
{
	FILE *f = fopen(OSPREP_ROOT "/../shared/content/QUESTIONS.md", "r");
	char line[4096];
	size_t n = 0;

	if (f != NULL) {
		while (fgets(line, sizeof line, f) != NULL && n < max)
			if (strncmp(line, "- Q", 3) == 0 && sscanf(line + 2, "%7[Q0-9]", ids[n]) == 1)
				n++;
		fclose(f);
		if (n > 0)
			return n;
	}
	f = fopen(OSPREP_ROOT "/tests/question-ids.txt", "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f) != NULL && n < max)
		if (sscanf(line, "%7[Q0-9]", ids[n]) == 1)
			n++;
	fclose(f);
	return n;
}

static void
content_should_cover_every_question_id_with_a_question_card(void **state)
{
	char ids[128][8];
	size_t n = read_ids(ids, 128), q, i, j, k, missing = 0;

	(void)state;
	assert_true(n >= 44);
	for (q = 0; q < n; q++) {
		int found = 0;
		for (i = 0; i < ct.ndecks && !found; i++)
			for (j = 0; j < ct.decks[i]->ncards && !found; j++) {
				const struct card *c = &ct.decks[i]->cards[j];
				if (c->kind != KIND_QUESTION)
					continue;
				for (k = 0; k < c->covers.n; k++)
					if (strcmp(c->covers.v[k], ids[q]) == 0)
						found = 1;
			}
		if (!found) {
			print_message("no question card covers %s\n", ids[q]);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

static void
content_should_give_every_question_an_answer_and_key_points_in_both_languages(void **state)
{
	size_t i, j, k;

	(void)state;
	for (i = 0; i < ct.ndecks; i++)
		for (j = 0; j < ct.decks[i]->ncards; j++) {
			const struct card *c = &ct.decks[i]->cards[j];
			if (c->kind != KIND_QUESTION)
				continue;
			assert_non_null(c->body.s[LANG_KO]);
			assert_non_null(c->body.s[LANG_EN]);
			assert_true(c->npoints > 0);
			for (k = 0; k < c->npoints; k++) {
				assert_true(c->points[k].match[LANG_KO].n > 0);
				assert_true(c->points[k].match[LANG_EN].n > 0);
			}
		}
}

static void
content_should_link_only_to_cards_that_exist(void **state)
{
	size_t i, j, k;

	(void)state;
	for (i = 0; i < ct.ndecks; i++)
		for (j = 0; j < ct.decks[i]->ncards; j++) {
			const struct card *c = &ct.decks[i]->cards[j];
			for (k = 0; k < c->see_also.n; k++)
				if (content_find_card(&ct, c->see_also.v[k]) == NULL)
					fail_msg("%s: see_also \"%s\" does not exist", c->id, c->see_also.v[k]);
			for (k = 0; k < c->nfollow_ups; k++) {
				const struct card *f = content_find_card(&ct, c->follow_ups[k].card);
				if (f == NULL || f->kind != KIND_QUESTION)
					fail_msg("%s: follow-up \"%s\" is not a question card", c->id, c->follow_ups[k].card);
			}
			if (c->demo != NULL && demo_find(c->demo) == NULL)
				fail_msg("%s: demo \"%s\" does not exist", c->id, c->demo);
		}
}

static void
content_should_have_prediction_cards_for_every_demo(void **state)
{
	size_t t, i, j;

	(void)state;
	for (t = 0; demo_table[t] != NULL; t++) {
		size_t n = 0;
		for (i = 0; i < ct.ndecks; i++)
			for (j = 0; j < ct.decks[i]->ncards; j++) {
				const struct card *c = &ct.decks[i]->cards[j];
				n += c->kind == KIND_PREDICTION && strcmp(c->demo, demo_table[t]->name) == 0;
			}
		if (n == 0)
			fail_msg("no prediction card for demo \"%s\"", demo_table[t]->name);
	}
}

static void
content_should_meet_the_minimum_counts(void **state)
{
	(void)state;
	if (count_kind(KIND_FLASHCARD) < 150)
		fail_msg("%zu flashcards, want at least 150", count_kind(KIND_FLASHCARD));
	if (count_kind(KIND_CHOICE) < 25)
		fail_msg("%zu choice cards, want at least 25", count_kind(KIND_CHOICE));
	assert_true(count_kind(KIND_CONCEPT) > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(content_should_pass_the_validator),
		cmocka_unit_test(content_should_cover_every_question_id_with_a_question_card),
		cmocka_unit_test(content_should_give_every_question_an_answer_and_key_points_in_both_languages),
		cmocka_unit_test(content_should_link_only_to_cards_that_exist),
		cmocka_unit_test(content_should_have_prediction_cards_for_every_demo),
		cmocka_unit_test(content_should_meet_the_minimum_counts),
	};
	return cmocka_run_group_tests_name("content", tests, load, unload);
}
