/*
 * content.c: the content model's small helpers: kinds, text lookup, finding
 * cards and decks. Loading and validation live in check.c.
 */
#include "content.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"

static const char *const kind_names[KIND_N] = {
	"concept", "question", "flashcard", "choice", "prediction",
};

static const char *const kind_labels[KIND_N][LANG_N] = {
	{ "개념", "concept" },
	{ "면접 질문", "question" },
	{ "플래시카드", "flashcard" },
	{ "객관식", "choice" },
	{ "예측", "prediction" },
};

const char *
card_kind_name(enum card_kind k)
{
	return (unsigned)k < KIND_N ? kind_names[k] : "?";
}

const char *
card_kind_label(enum card_kind k, enum lang l)
{
	return (unsigned)k < KIND_N ? kind_labels[k][l] : "?";
}

int
card_kind_parse(const char *s)
{
	int i;

	for (i = 0; i < KIND_N; i++)
		if (strcmp(s, kind_names[i]) == 0)
			return i;
	return -1;
}

const char *
text_get(const struct text *t, enum lang l)
{
	if (t->s[l] != NULL)
		return t->s[l];
	if (t->s[LANG_KO] != NULL)
		return t->s[LANG_KO];
	return t->s[LANG_EN] != NULL ? t->s[LANG_EN] : "";
}

const struct card *
content_find_card(const struct content *c, const char *id)
{
	size_t i, j;

	if (c == NULL || id == NULL)
		return NULL;
	for (i = 0; i < c->ndecks; i++)
		for (j = 0; j < c->decks[i]->ncards; j++)
			if (strcmp(c->decks[i]->cards[j].id, id) == 0)
				return &c->decks[i]->cards[j];
	return NULL;
}

const struct deck *
content_find_deck(const struct content *c, const char *id)
{
	size_t i;

	if (c == NULL || id == NULL)
		return NULL;
	for (i = 0; i < c->ndecks; i++)
		if (c->decks[i]->id != NULL && strcmp(c->decks[i]->id, id) == 0)
			return c->decks[i];
	return NULL;
}

void
content_free(struct content *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->ndecks; i++)
		deck_free(c->decks[i]);
	free(c->decks);
	memset(c, 0, sizeof *c);
}

int
card_has_tag(const struct card *c, const char *tag)
{
	size_t i;

	for (i = 0; i < c->tags.n; i++)
		if (strcmp(c->tags.v[i], tag) == 0)
			return 1;
	return 0;
}
