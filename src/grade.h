/*
 * grade.h: does a typed answer touch a question's key points?
 *
 * A pure core: no terminal, clock or disk. An answer is prepared once
 * (NFKC, case folding, punctuation reduced to word boundaries; invalid UTF-8
 * is tolerated) and then tested against each phrase of each key point.
 *
 * What counts as a match (content/README.md gives the author's view):
 *
 *   - Case, Unicode form (NFC/NFD, full-width letters) and spacing are
 *     ignored: 스레드풀 = 스레드 풀, context switch = context-switch.
 *   - A Latin word must start and end on a word boundary, after one of its
 *     inflections (switch: switches, switched, switching; share: sharing;
 *     copy: copies; map: mapped). `lock` does not match block, clock,
 *     deadlock, unlock or locker. An all-capital word of two or more letters
 *     (IPC, TLB) is an acronym: whole word, plural -s only, no inner spaces.
 *   - A Korean term may end a compound (공유메모리 covers 메모리, since the
 *     last noun of a Korean compound is its head) but not start one
 *     (스레드풀 does not cover 스레드, 공유기 does not cover 공유). After the
 *     term the rest of the word must be particles and copula endings
 *     (메모리를, 메모리에서는, 메모리입니다), noun suffixes (스레드들이,
 *     원자적으로, 동기화), a 하다/되다 verb (공유하는, 전환되지) or, after
 *     a term that is a verb stem, a verb ending (훔쳐서, 굶었다). Endings that
 *     fuse with the stem (깨우 → 깨웁니다) need their own phrase. A term of
 *     one syllable (락, 힙) must also start a word, so 연락 does not cover 락.
 *
 * This measures which points an answer touches, not whether what it says
 * about them is true.
 */
#ifndef OSPREP_GRADE_H
#define OSPREP_GRADE_H

#include <stddef.h>

struct card;
struct check;
struct cJSON;
struct key_point;

/* An answer ready for matching. */
struct grade_answer;

/*
 * Prepare an answer (any bytes; NULL is the empty answer). Returns NULL only
 * when memory runs out.
 */
struct grade_answer *grade_prepare(const char *answer);

/* Code points left after preparation: 0 means the answer holds no words. */
size_t grade_length(const struct grade_answer *a);

/* 1 if the answer contains phrase, 0 if not, -1 when memory runs out. */
int grade_phrase(const struct grade_answer *a, const char *phrase);

/*
 * The answer as grading saw it: NFC UTF-8, invalid bytes replaced by U+FFFD.
 * Safe to store; offsets from grade_find point into it.
 */
const char *grade_text(const struct grade_answer *a);

/*
 * Find the first match of phrase that starts at or after byte offset from of
 * grade_text(a). On a match returns 1 and the bytes [*start, *end) that
 * matched (the term itself, without Korean particles; an English word with
 * its inflection). 0 if none, -1 when memory runs out.
 */
int grade_find(const struct grade_answer *a, const char *phrase, size_t from,
               size_t *start, size_t *end);

/*
 * 1 if any phrase of the point, in any language, matches; 0 if none; -1
 * when memory runs out.
 */
int grade_point(const struct grade_answer *a, const struct key_point *kp);

/*
 * Grade every key point of a question card: covered[i] (card->npoints
 * entries, may be NULL) is set to 1 or 0. Returns how many are covered, or
 * -1 when memory runs out.
 */
int grade_card(const struct grade_answer *a, const struct card *c, unsigned char *covered);

/*
 * The self-rating to suggest for a coverage (1 again, 2 hard, 3 good,
 * 4 easy): under 40% of the points is 1, under 70% is 2, short of all is 3,
 * all is 4. A card without points suggests 3.
 */
int grade_suggest_rating(size_t covered, size_t total);

void grade_free(struct grade_answer *a);

/*
 * Evaluate a prediction option's check against a demo's --json result.
 * Returns 1 if it holds, 0 if not, -1 if a path is missing or not a number
 * or boolean (booleans compare as 1 and 0). *left and *right (may be NULL)
 * get the values compared.
 */
int grade_check(const struct check *ck, const struct cJSON *result, double *left, double *right);

#endif
