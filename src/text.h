/*
 * text.h: UTF-8 text: validation, NFC, case folding, display width, and
 * making untrusted text safe for a terminal. Wraps utf8proc.
 */
#ifndef OSPREP_TEXT_H
#define OSPREP_TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode one code point at s (at most n bytes). Returns the byte length
 * (1-4), or -1 for an invalid sequence (then *cp is U+FFFD).
 */
int text_decode(const char *s, size_t n, int32_t *cp);

/* 1 if s[0..n) is valid UTF-8; otherwise 0 and *bad is the offset. */
int text_valid(const char *s, size_t n, size_t *bad);

/* Malloc'd NFC form of valid UTF-8 s; NULL on allocation failure. */
char *text_nfc(const char *s);
/* 1 when s is certainly in NFC already (a fast check that needs no copy). */
int text_nfc_quick(const char *s);

/* Malloc'd NFC + case-folded form (for search and matching). */
char *text_fold(const char *s);

/* Columns one code point takes: 0 (combining, control), 1 or 2 (Hangul, CJK). */
int text_cp_width(int32_t cp);

/* Display width of a UTF-8 string (invalid bytes count as 1). */
int text_width(const char *s);
int text_width_n(const char *s, size_t n);

/* 1 if the code point must never reach the terminal raw (C0, DEL, C1, ...). */
int text_is_control(int32_t cp);

/*
 * Write s to a malloc'd string with every control character except '\n'
 * (and '\t' when keep_tab) shown escaped as \xNN or \u{NNNN}, and invalid
 * bytes as \xNN: content can never send escape sequences to the terminal.
 */
char *text_safe(const char *s, int keep_tab);

/* Edit distance between two byte strings (for "did you mean"). */
int text_distance(const char *a, const char *b);

/* Leading/trailing ASCII whitespace trimmed in place; returns s. */
char *text_trim(char *s);

#endif
