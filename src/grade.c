/*
 * grade.c: key-point matching for Korean and English answers.
 *
 * Both the answer and each phrase become arrays of code points with the
 * separators (spaces, punctuation, symbols) taken out; each code point keeps
 * a flag saying whether a separator stood before it and whether it is
 * Hangul. Matching then runs over those arrays: spacing inside a phrase is
 * free because the separators are gone, while word boundaries are still
 * known from the flags. grade.h lists the rules; the tables of Korean
 * particles and endings are below.
 */
#include "grade.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uchar.h>

#include <cjson/cJSON.h>
#include <utf8proc.h>

#include "content.h"

enum {
	FL_SEP = 1,       /* a separator (or the start of the text) comes before */
	FL_HANGUL = 2,    /* Hangul: syllable or jamo */
	FL_SYL = 4,       /* a precomposed Hangul syllable */
};

struct grade_answer {
	char *text;               /* the answer as NFC UTF-8 */
	int32_t *cp;              /* folded code points, separators left out */
	unsigned char *fl;
	size_t *off;              /* byte offset in text of each code point's source */
	size_t n;
};

static void
grade_clear(struct grade_answer *t)
{
	free(t->text);
	free(t->cp);
	free(t->fl);
	free(t->off);
	memset(t, 0, sizeof *t);
}

/* One word of a phrase, or a run of Hangul with the spaces squeezed out. */
#define TAIL_MAX 12
#define TAIL_LEN 8

struct piece {
	size_t off, len;          /* the core: ph->text.cp[off .. off+len) */
	int hangul;
	int acronym;              /* IPC, TLB: no inner separator, plural -s only */
	size_t nsyl;              /* syllables in a Hangul piece */
	int ntails;
	char tails[TAIL_MAX][TAIL_LEN];   /* inflection endings after the core */
};

struct phrase {
	struct grade_answer text; /* the folded phrase */
	struct piece *pc;
	size_t npc;
};

/*
 * What may follow a Korean term inside the same word: particles, copula
 * endings and noun suffixes, chained (스레드+들+이, 메모리+에서+는). Both the
 * forms after a consonant and after a vowel are listed; a wrong pairing
 * (메모리을) costs nothing and spelling slips are common.
 */
static const char32_t *const grade_follow[] = {
	/* case and auxiliary particles */
	U"이", U"가", U"은", U"는", U"을", U"를", U"의", U"에", U"에서", U"에게",
	U"에게서", U"한테", U"한테서", U"께", U"께서", U"으로", U"로", U"으로서",
	U"로서", U"으로써", U"로써", U"으론", U"론", U"와", U"과", U"랑", U"이랑",
	U"하고", U"도", U"만", U"까지", U"부터", U"보다", U"처럼", U"같이", U"같은",
	U"마다", U"조차", U"마저", U"밖에", U"뿐", U"이나", U"나", U"이나마",
	U"이든", U"든", U"이든지", U"든지", U"이라도", U"라도", U"이야", U"야",
	U"요", U"이요", U"란", U"이란", U"라는", U"이라는", U"라고", U"이라고",
	U"라서", U"이라서", U"라면", U"이라면", U"엔", U"에선",
	/* the copula 이다 and its endings */
	U"이다", U"다", U"입니다", U"이고", U"고", U"이며", U"며", U"인", U"일",
	U"임", U"이지만", U"지만", U"이죠", U"죠", U"이지", U"였", U"이었",
	U"예요", U"이에요", U"에요", U"여서", U"이어서", U"이므로", U"므로",
	U"이니까", U"니까", U"이면", U"면", U"이기",
	/* endings after a verb stem used as a term (훔쳐서, 쌓여도, 굶었다) */
	U"서", U"어", U"아", U"여", U"게", U"니", U"네", U"러", U"려", U"자", U"지",
	U"도록", U"었", U"았", U"겠",
	/* noun suffixes: plural, between, -ic, -ness, per, -ize, for, within, during */
	U"들", U"간", U"끼리", U"적", U"성", U"상", U"별", U"화", U"용", U"당",
	U"내", U"시", U"중",
};

/* Verb-making endings: after these the rest of the word may be anything. */
static const char32_t *const grade_verb[] = {
	U"하", U"한", U"할", U"함", U"합", U"해", U"했", U"되", U"된", U"될",
	U"됨", U"됩", U"돼", U"됐", U"시키", U"시킨", U"시킬", U"시켜", U"시켰",
};

/* Longest run of Hangul after a term that is checked for particles. */
#define FOLLOW_MAX 12

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int
grade_is_hangul(int32_t c)
{
	return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) ||
	       (c >= 0x3130 && c <= 0x318F) || (c >= 0xA960 && c <= 0xA97F) ||
	       (c >= 0xD7B0 && c <= 0xD7FF);
}

/*
 * The answer as valid NFC UTF-8: invalid bytes become U+FFFD, which is a
 * symbol and so acts as a separator. This is the text offsets refer to.
 */
static char *
grade_nfc(const char *s)
{
	size_t n = strlen(s), i = 0, o = 0;
	char *clean;
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t r;

	if (n > SIZE_MAX / 3 - 1)
		return NULL;
	clean = malloc(n * 3 + 1);
	if (clean == NULL)
		return NULL;
	while (i < n) {
		utf8proc_int32_t c;
		utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                        (utf8proc_ssize_t)(n - i), &c);
		if (len <= 0) {
			memcpy(clean + o, "\xEF\xBF\xBD", 3);
			o += 3;
			i++;
			continue;
		}
		memcpy(clean + o, s + i, (size_t)len);
		o += (size_t)len;
		i += (size_t)len;
	}
	clean[o] = '\0';
	r = utf8proc_map((const utf8proc_uint8_t *)clean, 0, &out,
	                 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	free(clean);
	if (r < 0)
		return NULL;
	return (char *)out;
}

/*
 * The compatibility form of one code point, case-folded when fold is set
 * (ＩＰＣ → ipc, ß → ss); default-ignorable code points such as zero-width
 * spaces give nothing. Done per code point so each result keeps the offset
 * of the character it came from. Returns the count, or -1 if it is too long.
 */
static int
grade_fold_cp(int32_t c, int32_t *dst, int max, int fold)
{
	utf8proc_ssize_t n;

	if (c < 0x80) {
		dst[0] = fold && c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
		return 1;
	}
	if (c >= 0xAC00 && c <= 0xD7A3) {
		dst[0] = c;
		return 1;
	}
	n = utf8proc_decompose_char(c, dst, max, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
	                            UTF8PROC_IGNORE | (fold ? UTF8PROC_CASEFOLD : 0), NULL);
	if (n < 0 || n > max)
		return -1;
	if (n > 1)
		n = utf8proc_normalize_utf32(dst, n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	return n < 0 ? -1 : (int)n;
}

/*
 * Fill t from s: the kept code points (letters, marks, digits) with their
 * flags and the offset in t->text of the character each came from.
 */
static int
grade_build(struct grade_answer *t, const char *s, int fold)
{
	size_t n, i = 0, cap;
	int sep = 1;

	memset(t, 0, sizeof *t);
	t->text = grade_nfc(s);
	if (t->text == NULL)
		return -1;
	n = strlen(t->text);
	cap = n + 16;
	t->cp = malloc(cap * sizeof *t->cp);
	t->fl = malloc(cap);
	t->off = malloc(cap * sizeof *t->off);
	if (t->cp == NULL || t->fl == NULL || t->off == NULL)
		goto fail;
	while (i < n) {
		utf8proc_int32_t c, f[32];
		utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)t->text + i,
		                                        (utf8proc_ssize_t)(n - i), &c);
		int k, nf;

		if (len <= 0) {         /* cannot happen after grade_nfc */
			i++;
			sep = 1;
			continue;
		}
		nf = grade_fold_cp(c, f, 32, fold);
		if (nf < 0) {
			nf = 1;
			f[0] = 0xFFFD;
		}
		if (t->n + (size_t)nf >= cap) {
			size_t ncap = cap * 2 + (size_t)nf;
			int32_t *ncp = realloc(t->cp, ncap * sizeof *ncp);
			unsigned char *nfl;
			size_t *noff;
			if (ncp == NULL)
				goto fail;
			t->cp = ncp;
			if ((nfl = realloc(t->fl, ncap)) == NULL)
				goto fail;
			t->fl = nfl;
			if ((noff = realloc(t->off, ncap * sizeof *noff)) == NULL)
				goto fail;
			t->off = noff;
			cap = ncap;
		}
		for (k = 0; k < nf; k++) {
			utf8proc_category_t cat = utf8proc_category(f[k]);
			if (cat < UTF8PROC_CATEGORY_LU || cat > UTF8PROC_CATEGORY_NO) {
				sep = 1;
				continue;
			}
			t->cp[t->n] = f[k];
			t->off[t->n] = i;
			t->fl[t->n] = (unsigned char)((sep ? FL_SEP : 0) |
			                              (grade_is_hangul(f[k]) ? FL_HANGUL : 0) |
			                              (f[k] >= 0xAC00 && f[k] <= 0xD7A3 ? FL_SYL : 0));
			t->n++;
			sep = 0;
		}
		i += (size_t)len;
	}
	t->off[t->n] = n;
	return 0;
fail:
	grade_clear(t);
	return -1;
}

struct grade_answer *
grade_prepare(const char *answer)
{
	struct grade_answer *a = calloc(1, sizeof *a);

	if (a == NULL)
		return NULL;
	if (grade_build(a, answer != NULL ? answer : "", 1) < 0) {
		free(a);
		return NULL;
	}
	return a;
}

size_t
grade_length(const struct grade_answer *a)
{
	return a != NULL ? a->n : 0;
}

void
grade_free(struct grade_answer *a)
{
	if (a == NULL)
		return;
	grade_clear(a);
	free(a);
}

/* Tokens of a prepared text: [start, end) runs of one class between separators. */
static size_t
grade_tokens(const struct grade_answer *t, size_t *start, size_t *end)
{
	size_t i, n = 0;

	for (i = 0; i < t->n; i++) {
		int brk = i == 0 || (t->fl[i] & FL_SEP) ||
		          ((t->fl[i] ^ t->fl[i - 1]) & FL_HANGUL);
		if (brk) {
			if (n > 0)
				end[n - 1] = i;
			start[n++] = i;
		}
	}
	if (n > 0)
		end[n - 1] = t->n;
	return n;
}

static void
grade_add_form(char forms[][TAIL_LEN * 4], int *n, const char *w, size_t wlen,
               const char *suffix)
{
	if (*n >= TAIL_MAX || wlen + strlen(suffix) >= TAIL_LEN * 4)
		return;
	memcpy(forms[*n], w, wlen);
	strcpy(forms[*n] + wlen, suffix);
	(*n)++;
}

static int
grade_vowel(int c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/*
 * The inflected forms of an English word, split into the common core (the
 * piece's code points) and the endings after it. Only plain ASCII words of
 * three letters or more inflect: shorter ones are usually abbreviations.
 */
static void
grade_inflect(struct piece *p, const int32_t *cp)
{
	char w[TAIL_LEN * 4], forms[TAIL_MAX][TAIL_LEN * 4], last[2] = "";
	char dbl[8];
	int nf = 0, i, j;
	size_t k, core;

	p->ntails = 1;
	p->tails[0][0] = '\0';
	if (p->len >= sizeof w - 8)
		return;
	for (k = 0; k < p->len; k++) {
		if (cp[p->off + k] < 'a' || cp[p->off + k] > 'z')
			return;
		w[k] = (char)cp[p->off + k];
	}
	w[p->len] = '\0';
	if (p->acronym) {
		p->ntails = 2;
		strcpy(p->tails[1], "s");
		return;
	}
	if (p->len < 3)
		return;
	k = p->len;
	grade_add_form(forms, &nf, w, k, "");
	grade_add_form(forms, &nf, w, k, "s");
	grade_add_form(forms, &nf, w, k, "es");
	grade_add_form(forms, &nf, w, k, "ed");
	grade_add_form(forms, &nf, w, k, "ing");
	if (w[k - 1] == 'e') {                          /* share: shared, sharing */
		grade_add_form(forms, &nf, w, k, "d");
		grade_add_form(forms, &nf, w, k - 1, "ing");
	} else if (w[k - 1] == 'y' && !grade_vowel(w[k - 2])) {   /* copy: copies */
		grade_add_form(forms, &nf, w, k - 1, "ies");
		grade_add_form(forms, &nf, w, k - 1, "ied");
	} else if (!grade_vowel(w[k - 1]) && strchr("wxy", w[k - 1]) == NULL &&
	           grade_vowel(w[k - 2]) && !grade_vowel(w[k - 3])) {  /* map: mapped */
		last[0] = w[k - 1];
		snprintf(dbl, sizeof dbl, "%sed", last);
		grade_add_form(forms, &nf, w, k, dbl);
		snprintf(dbl, sizeof dbl, "%sing", last);
		grade_add_form(forms, &nf, w, k, dbl);
	}
	core = k;
	for (i = 0; i < nf; i++) {
		size_t m = 0;
		while (m < core && forms[i][m] == w[m])
			m++;
		core = m;
	}
	p->len = core;
	p->ntails = 0;
	for (i = 0; i < nf; i++) {
		const char *t = forms[i] + core;
		int dup = 0;
		if (strlen(t) >= TAIL_LEN)
			continue;
		for (j = 0; j < p->ntails; j++)
			if (strcmp(p->tails[j], t) == 0)
				dup = 1;
		if (!dup)
			strcpy(p->tails[p->ntails++], t);
	}
}

/* 1 if the unfolded token is an acronym: capitals and digits, two capitals or more. */
static int
grade_acronym(const struct grade_answer *raw, size_t s, size_t e)
{
	size_t i, caps = 0;

	for (i = s; i < e; i++) {
		if (raw->cp[i] >= 'A' && raw->cp[i] <= 'Z')
			caps++;
		else if (raw->cp[i] < '0' || raw->cp[i] > '9')
			return 0;
	}
	return caps >= 2;
}

static void
grade_phrase_free(struct phrase *ph)
{
	grade_clear(&ph->text);
	free(ph->pc);
}

/* Compile a phrase into pieces; -1 when memory runs out. */
static int
grade_compile(struct phrase *ph, const char *s)
{
	struct grade_answer raw;
	size_t *ts = NULL, *te = NULL, *rs = NULL, *re = NULL, nt, nr, i;
	int rc = -1;

	memset(ph, 0, sizeof *ph);
	if (grade_build(&ph->text, s, 1) < 0)
		return -1;
	if (grade_build(&raw, s, 0) < 0) {
		grade_phrase_free(ph);
		return -1;
	}
	ts = malloc((ph->text.n + 1) * sizeof *ts);
	te = malloc((ph->text.n + 1) * sizeof *te);
	rs = malloc((raw.n + 1) * sizeof *rs);
	re = malloc((raw.n + 1) * sizeof *re);
	ph->pc = malloc((ph->text.n + 1) * sizeof *ph->pc);
	if (ts == NULL || te == NULL || rs == NULL || re == NULL || ph->pc == NULL)
		goto out;
	nt = grade_tokens(&ph->text, ts, te);
	nr = grade_tokens(&raw, rs, re);
	for (i = 0; i < nt; i++) {
		int hangul = (ph->text.fl[ts[i]] & FL_HANGUL) != 0;
		struct piece *p;

		if (hangul && ph->npc > 0 && ph->pc[ph->npc - 1].hangul) {
			/* Hangul words of a phrase join up: 주소 공간 = 주소공간 */
			p = &ph->pc[ph->npc - 1];
			p->len = te[i] - p->off;
		} else {
			p = &ph->pc[ph->npc++];
			memset(p, 0, sizeof *p);
			p->off = ts[i];
			p->len = te[i] - ts[i];
			p->hangul = hangul;
			p->ntails = 1;
		}
		if (hangul) {
			size_t k;
			p->nsyl = 0;
			for (k = p->off; k < p->off + p->len; k++)
				p->nsyl += (ph->text.fl[k] & FL_SYL) != 0;
		} else {
			p->acronym = nr == nt && grade_acronym(&raw, rs[i], re[i]);
			grade_inflect(p, ph->text.cp);
		}
	}
	rc = 0;
out:
	free(ts);
	free(te);
	free(rs);
	free(re);
	grade_clear(&raw);
	if (rc < 0)
		grade_phrase_free(ph);
	return rc;
}

/* 1 if a Latin word ends before position j (end, separator or Hangul next). */
static int
grade_word_end(const struct grade_answer *a, size_t j)
{
	return j >= a->n || (a->fl[j] & FL_SEP) || (a->fl[j] & FL_HANGUL);
}

static size_t
grade_prefix(const int32_t *r, size_t len, const char32_t *s)
{
	size_t k;

	for (k = 0; s[k] != 0; k++)
		if (k >= len || r[k] != (int32_t)s[k])
			return 0;
	return k;
}

/*
 * 1 if the syllables r[0..len) can follow a Korean term: empty, a verb
 * ending then anything, or a chain of particles and suffixes that uses them
 * all. more says the word goes on past r (too long to be only particles).
 * A table of reachable positions keeps this linear in len.
 */
static int
grade_follow_ok(const int32_t *r, size_t len, int more)
{
	unsigned char reach[FOLLOW_MAX + 1] = { 1 };
	size_t pos, i, k;

	for (pos = 0; pos < len; pos++) {
		if (!reach[pos])
			continue;
		for (i = 0; i < NELEM(grade_verb); i++)
			if (grade_prefix(r + pos, len - pos, grade_verb[i]) > 0)
				return 1;
		for (i = 0; i < NELEM(grade_follow); i++) {
			k = grade_prefix(r + pos, len - pos, grade_follow[i]);
			if (k > 0)
				reach[pos + k] = 1;
		}
	}
	return reach[len] && !more;
}

/* 1 if a Korean term ending before j may end there. */
static int
grade_hangul_end(const struct grade_answer *a, size_t j)
{
	size_t k = j;

	while (k < a->n && k - j <= FOLLOW_MAX && !(a->fl[k] & FL_SEP) && (a->fl[k] & FL_SYL))
		k++;
	if (k - j > FOLLOW_MAX)
		return grade_follow_ok(a->cp + j, FOLLOW_MAX, 1);
	/* the word goes on with jamo or other Hangul that is not a syllable */
	if (k < a->n && !(a->fl[k] & FL_SEP) && (a->fl[k] & FL_HANGUL))
		return 0;
	return grade_follow_ok(a->cp + j, k - j, 0);
}

/* Match pieces k.. of ph at answer position j; *end is where the match stops. */
static int
grade_match_from(const struct grade_answer *a, size_t j, const struct phrase *ph, size_t k,
                 size_t *end)
{
	const struct piece *p = &ph->pc[k];
	int last = k + 1 == ph->npc, t;
	size_t m;

	if (p->len > a->n - j)
		return 0;
	for (m = 0; m < p->len; m++) {
		if (a->cp[j + m] != ph->text.cp[p->off + m])
			return 0;
		if (p->acronym && m > 0 && (a->fl[j + m] & FL_SEP))
			return 0;
	}
	j += p->len;
	if (p->hangul) {
		if (!last)
			return grade_match_from(a, j, ph, k + 1, end);
		*end = j;
		return grade_hangul_end(a, j);
	}
	for (t = 0; t < p->ntails; t++) {
		const char *tail = p->tails[t];
		size_t tl = strlen(tail), jj = j;

		/* the ending is attached: no separator before or inside it */
		for (m = 0; m < tl; m++, jj++)
			if (jj >= a->n || a->cp[jj] != (unsigned char)tail[m] ||
			    (a->fl[jj] & FL_SEP))
				break;
		if (m < tl)
			continue;
		if (last) {
			if (grade_word_end(a, jj)) {
				*end = jj;
				return 1;
			}
			continue;
		}
		if (tl > 0 && !grade_word_end(a, jj))
			continue;
		if (grade_match_from(a, jj, ph, k + 1, end))
			return 1;
	}
	return 0;
}

/* 1 if a phrase starting with piece p may start at answer position i. */
static int
grade_start_ok(const struct grade_answer *a, size_t i, const struct piece *p)
{
	if (a->fl[i] & FL_SEP)
		return 1;
	if (!p->hangul)
		return (a->fl[i - 1] & FL_HANGUL) != 0;
	/* a Korean term of two syllables or more may end a compound */
	return p->nsyl > 1 || !(a->fl[i - 1] & FL_HANGUL);
}

int
grade_find(const struct grade_answer *a, const char *phrase, size_t from,
           size_t *start, size_t *end)
{
	struct phrase ph;
	size_t i, e = 0;
	int32_t first;
	int found = 0;

	if (a == NULL || phrase == NULL)
		return 0;
	if (grade_compile(&ph, phrase) < 0)
		return -1;
	if (ph.npc == 0 || ph.pc[0].len == 0)
		goto out;
	first = ph.text.cp[ph.pc[0].off];
	for (i = 0; i < a->n && !found; i++) {
		if (a->off[i] < from || a->cp[i] != first || !grade_start_ok(a, i, &ph.pc[0]) ||
		    !grade_match_from(a, i, &ph, 0, &e))
			continue;
		found = 1;
		if (start != NULL)
			*start = a->off[i];
		if (end != NULL) {
			/* past the whole source character of the last code point */
			size_t o = a->off[e - 1] + 1;
			while (a->text[o] != '\0' && ((unsigned char)a->text[o] & 0xC0) == 0x80)
				o++;
			*end = o;
		}
	}
out:
	grade_phrase_free(&ph);
	return found;
}

int
grade_phrase(const struct grade_answer *a, const char *phrase)
{
	return grade_find(a, phrase, 0, NULL, NULL);
}

const char *
grade_text(const struct grade_answer *a)
{
	return a != NULL ? a->text : "";
}

int
grade_point(const struct grade_answer *a, const struct key_point *kp)
{
	size_t l, i;

	for (l = 0; l < LANG_N; l++)
		for (i = 0; i < kp->match[l].n; i++) {
			int r = grade_phrase(a, kp->match[l].v[i]);
			if (r != 0)
				return r;
		}
	return 0;
}

int
grade_card(const struct grade_answer *a, const struct card *c, unsigned char *covered)
{
	size_t i;
	int n = 0;

	for (i = 0; i < c->npoints; i++) {
		int r = grade_point(a, &c->points[i]);
		if (r < 0)
			return -1;
		if (covered != NULL)
			covered[i] = (unsigned char)r;
		n += r;
	}
	return n;
}

int
grade_suggest_rating(size_t covered, size_t total)
{
	if (total == 0)
		return 3;
	if (covered >= total)
		return 4;
	if (covered * 10 < total * 4)
		return 1;
	if (covered * 10 < total * 7)
		return 2;
	return 3;
}

/* The number (or boolean as 0/1) at a dotted path; -1 if there is none. */
static int
grade_json_value(const cJSON *root, const char *path, double *out)
{
	const cJSON *cur = root;
	const char *p = path;

	while (cur != NULL && *p != '\0') {
		char seg[128];
		size_t n = strcspn(p, ".");

		if (n == 0 || n >= sizeof seg)
			return -1;
		memcpy(seg, p, n);
		seg[n] = '\0';
		p += n;
		if (*p == '.')
			p++;
		if (cJSON_IsArray(cur) && strspn(seg, "0123456789") == n)
			cur = cJSON_GetArrayItem(cur, atoi(seg));
		else if (cJSON_IsObject(cur))
			cur = cJSON_GetObjectItemCaseSensitive(cur, seg);
		else
			cur = NULL;
	}
	if (cJSON_IsBool(cur)) {
		*out = cJSON_IsTrue(cur) ? 1 : 0;
		return 0;
	}
	if (cJSON_IsNumber(cur)) {
		*out = cur->valuedouble;
		return 0;
	}
	return -1;
}

int
grade_check(const struct check *ck, const cJSON *result, double *left, double *right)
{
	double l, r;

	if (ck->left == NULL || grade_json_value(result, ck->left, &l) < 0)
		return -1;
	if (ck->right_path != NULL) {
		if (grade_json_value(result, ck->right_path, &r) < 0)
			return -1;
	} else {
		r = ck->right_num;
	}
	if (left != NULL)
		*left = l;
	if (right != NULL)
		*right = r;
	switch (ck->op) {
	case OP_LT: return l < r;
	case OP_LE: return l <= r;
	case OP_GT: return l > r;
	case OP_GE: return l >= r;
	case OP_EQ: return l == r;
	case OP_NE: return l != r;
	}
	return -1;
}
