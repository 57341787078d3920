/*
 * text.c: UTF-8 helpers over utf8proc. Everything osprep shows or matches
 * passes through here, so this is where Hangul gets its two columns and
 * where control characters from content are defused.
 */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

int
text_decode(const char *s, size_t n, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	int32_t c;
	int len, i;

	if (n == 0)
		goto bad;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		len = 2;
		c = u[0] & 0x1F;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		len = 3;
		c = u[0] & 0x0F;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		len = 4;
		c = u[0] & 0x07;
	} else {
		goto bad;
	}
	if ((size_t)len > n)
		goto bad;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3F);
	}
	/* overlong forms, surrogates and values past U+10FFFF are invalid */
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = 0xFFFD;
	return -1;
}

int
text_valid(const char *s, size_t n, size_t *bad)
{
	size_t i = 0;
	int32_t cp;

	while (i < n) {
		int len;
		/* ASCII needs no decoding: most of a deck's bytes are JSON and English */
		const unsigned char *u = (const unsigned char *)s + i;
		if (u[0] < 0x80) {
			i++;
			continue;
		}
		/* the common case in Korean text: a 3-byte form outside E0 and ED */
		if (u[0] > 0xE0 && u[0] <= 0xEF && u[0] != 0xED && n - i >= 3 &&
		    (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		len = text_decode(s + i, n - i, &cp);
		if (len < 0) {
			if (bad != NULL)
				*bad = i;
			return 0;
		}
		i += (size_t)len;
	}
	return 1;
}

static char *
text_map(const char *s, utf8proc_option_t opts)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t r;

	r = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
	                 opts | UTF8PROC_NULLTERM | UTF8PROC_STABLE);
	if (r < 0)
		return NULL;
	return (char *)out;
}

/*
 * 1 when s is certainly NFC already: every code point is below U+0300 (no
 * combining marks), a precomposed Hangul syllable, or common punctuation,
 * arrows and symbols that have no canonical decomposition, combine with
 * nothing and are no second half of a composition (checked against the
 * Unicode data). Saves utf8proc on almost all content.
 */
int
text_nfc_quick(const char *s)
{
	size_t n = strlen(s), i = 0;
	int32_t cp;

	while (i < n) {
		int len;
		const unsigned char *u = (const unsigned char *)s + i;
		if (u[0] < 0x80) {
			i++;
			continue;
		}
		if (u[0] >= 0xEA && u[0] <= 0xED && n - i >= 3 &&
		    (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
			cp = ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
			len = 3;
		} else {
			len = text_decode(s + i, n - i, &cp);
		}
		if (len < 0)
			return 0;
		if (!(cp < 0x300 || (cp >= 0xAC00 && cp <= 0xD7A3) ||
		      (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2500 && cp <= 0x257F) ||
		      (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0x2190 && cp <= 0x2199) ||
		      cp == 0x2212 || cp == 0x2248 || cp == 0x2264 || cp == 0x2265 ||
		      (cp >= 0x2460 && cp <= 0x24FF) || (cp >= 0x25A0 && cp <= 0x25FF) ||
		      (cp >= 0x2700 && cp <= 0x27BF) || (cp >= 0x27E6 && cp <= 0x27EF)))
			return 0;
		i += (size_t)len;
	}
	return 1;
}

char *
text_nfc(const char *s)
{
	char *r;

	if (text_nfc_quick(s))
		return strdup(s);
	r = text_map(s, UTF8PROC_COMPOSE);
	return r != NULL ? r : strdup(s);
}

char *
text_fold(const char *s)
{
	char *r = text_map(s, UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	if (r == NULL) {
		/* invalid UTF-8: fold what we can byte by byte (ASCII only) */
		size_t i;
		r = strdup(s);
		if (r == NULL)
			return NULL;
		for (i = 0; r[i] != '\0'; i++)
			if (r[i] >= 'A' && r[i] <= 'Z')
				r[i] = (char)(r[i] - 'A' + 'a');
	}
	return r;
}

int
text_is_control(int32_t cp)
{
	if (cp < 0x20 || cp == 0x7f)
		return 1;
	if (cp >= 0x80 && cp < 0xa0)
		return 1;
	/* bidi overrides and isolates can reorder what the terminal shows */
	if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return 1;
	if (cp == 0x2028 || cp == 0x2029)
		return 1;
	return 0;
}

int
text_cp_width(int32_t cp)
{
	int w;

	if (text_is_control(cp))
		return 0;
	w = utf8proc_charwidth(cp);
	/* Hangul conjoining medial vowels and finals attach to the syllable */
	if (cp >= 0x1160 && cp <= 0x11ff)
		return 0;
	if (w < 0)
		return 0;
	return w > 2 ? 2 : w;
}

int
text_width_n(const char *s, size_t n)
{
	size_t i = 0;
	int w = 0;
	int32_t cp;

	while (i < n && s[i] != '\0') {
		int len = text_decode(s + i, n - i, &cp);
		if (len < 0) {
			w += 1;
			i++;
			continue;
		}
		w += text_cp_width(cp);
		i += (size_t)len;
	}
	return w;
}

int
text_width(const char *s)
{
	return text_width_n(s, strlen(s));
}

char *
text_safe(const char *s, int keep_tab)
{
	size_t n = strlen(s), i = 0, o = 0, cap = n + 1;
	char *out = malloc(cap);
	int32_t cp;

	if (out == NULL)
		return NULL;
	while (i < n) {
		int len = text_decode(s + i, n - i, &cp);
		char esc[16];
		const char *put;
		size_t plen;

		if (len < 0) {
			snprintf(esc, sizeof esc, "\\x%02X", (unsigned char)s[i]);
			put = esc;
			plen = strlen(esc);
			len = 1;
		} else if (text_is_control(cp) && cp != '\n' && !(keep_tab && cp == '\t')) {
			if (cp < 0x100)
				snprintf(esc, sizeof esc, "\\x%02X", (unsigned)cp);
			else
				snprintf(esc, sizeof esc, "\\u{%04X}", (unsigned)cp);
			put = esc;
			plen = strlen(esc);
		} else {
			put = s + i;
			plen = (size_t)len;
		}
		if (o + plen + 1 > cap) {
			char *nb;
			cap = (o + plen + 1) * 2;
			nb = realloc(out, cap);
			if (nb == NULL) {
				free(out);
				return NULL;
			}
			out = nb;
		}
		memcpy(out + o, put, plen);
		o += plen;
		i += (size_t)len;
	}
	out[o] = '\0';
	return out;
}

char *
text_trim(char *s)
{
	size_t n = strlen(s);
	char *p = s;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (p != s)
		memmove(s, p, strlen(p) + 1);
	return s;
}

int
text_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int *row, r;

	if (la > 64 || lb > 64)
		return 1000;
	row = malloc((lb + 1) * sizeof *row);
	if (row == NULL)
		return 1000;
	for (j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (i = 1; i <= la; i++) {
		int prev = row[0];
		row[0] = (int)i;
		for (j = 1; j <= lb; j++) {
			int cur = row[j];
			int best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	r = row[lb];
	free(row);
	return r;
}
