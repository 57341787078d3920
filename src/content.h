/*
 * content.h: the content model (decks and cards) and its loader.
 *
 * The model is plain data: every string is NFC-normalised UTF-8 owned by the
 * content. The loader parses each deck file with cJSON and checks it; a deck
 * with errors is reported and left out, the others load.
 */
#ifndef OSPREP_CONTENT_H
#define OSPREP_CONTENT_H

#include <stddef.h>

#include "i18n.h"

/* A text in every language. */
struct text {
	char *s[LANG_N];
};

enum card_kind {
	KIND_CONCEPT,
	KIND_QUESTION,
	KIND_FLASHCARD,
	KIND_CHOICE,
	KIND_PREDICTION,
	KIND_N
};

struct strlist {
	char **v;
	size_t n;
};

struct key_point {
	char *id;
	struct text label;
	struct strlist match[LANG_N];
};

enum follow_when {
	FOLLOW_ALWAYS,
	FOLLOW_COVERED,
	FOLLOW_MISSED
};

struct follow_up {
	char *card;
	enum follow_when when;
	char *point;                  /* NULL unless when != FOLLOW_ALWAYS */
};

enum check_op {
	OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE
};

/* A prediction option's test against a demo's --json output. */
struct check {
	char *left;                   /* dotted path */
	enum check_op op;
	char *right_path;             /* dotted path, or NULL */
	double right_num;             /* used when right_path is NULL */
	int right_is_bool;
};

struct option {
	struct text text;
	int correct;                  /* choice cards */
	struct text why;              /* may be empty (NULL strings) */
	struct check check;           /* prediction cards */
};

struct deck;

struct card {
	char *id;
	enum card_kind kind;
	const struct deck *deck;
	int line, col;                /* where the card's object starts */
	struct text title;            /* concept title, question/choice/prediction prompt, flashcard front */
	struct text body;             /* concept body, answer template, flashcard back, explain */
	struct strlist tags;
	struct strlist covers;
	struct strlist see_also;
	char *demo;
	struct strlist demo_args;
	struct key_point *points;
	size_t npoints;
	struct follow_up *follow_ups;
	size_t nfollow_ups;
	struct option *options;
	size_t noptions;
	int budget;                   /* seconds; 0 = default */
};

/* A reference from one card to another, checked once every deck is loaded. */
struct link {
	const char *from;             /* card id */
	const char *to;               /* target card id */
	const char *field;            /* "see_also" or "follow_ups" */
	int need_question;            /* target must be a question card */
	int line, col;
};

struct arena;

struct deck {
	char *id;
	char *path;
	int line, col;                /* where the deck id is */
	struct text title;
	struct text about;
	struct card *cards;
	size_t ncards;
	struct link *links;
	size_t nlinks;
	size_t nerrors;               /* problems found while loading */
	struct arena *arena;          /* owns every string and array above */
};

struct content {
	struct deck **decks;
	size_t ndecks;
	size_t nbroken;               /* decks that failed to load */
};

const char *card_kind_name(enum card_kind k);
/* Korean or English display name of a kind ("개념", "concept"). */
const char *card_kind_label(enum card_kind k, enum lang l);
int card_kind_parse(const char *s);

/* The text in the language, falling back to Korean then English. */
const char *text_get(const struct text *t, enum lang l);

/* Find a card by id, or a deck by id; NULL if none. */
/* 1 when the card carries the tag. */
int card_has_tag(const struct card *c, const char *tag);

const struct card *content_find_card(const struct content *c, const char *id);
const struct deck *content_find_deck(const struct content *c, const char *id);

void content_free(struct content *c);

#endif
