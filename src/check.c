/*
 * check.c: the deck loader and validator.
 *
 * A deck file goes through four gates, each reporting FILE:LINE:COL:
 *   1. bytes: size cap, NUL bytes, byte order mark, UTF-8, nesting depth;
 *   2. syntax: cJSON_ParseWithLengthOpts, which says where it stopped;
 *   3. positions: a walk over the text alongside cJSON's tree records where
 *      every value starts, so later messages can point at it (cJSON's nodes
 *      come from one bump region, so the walk's pre-order is address order
 *      and a lookup is a binary search);
 *   4. the schema of content/README.md, building the model as it goes.
 * Links between cards and duplicate ids are checked across decks at the end.
 */
#include "check.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "demo/demo.h"
#include "text.h"

/* Arena ------------------------------------------------------------------ */

struct arena {
	struct arena *next;
	size_t used, cap;
	max_align_t data[];
};

static void *
arena_alloc(struct arena **ap, size_t n)
{
	struct arena *a = *ap;
	void *p;

	n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	if (a == NULL || a->used + n > a->cap) {
		size_t cap = n > 65536 ? n : 65536;
		struct arena *na = malloc(sizeof *na + cap);
		if (na == NULL)
			return NULL;
		na->next = a;
		na->used = 0;
		na->cap = cap;
		*ap = a = na;
	}
	p = (char *)a->data + a->used;
	a->used += n;
	memset(p, 0, n);
	return p;
}

static char *
arena_strdup(struct arena **ap, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = arena_alloc(ap, n);
	if (p != NULL)
		memcpy(p, s, n);
	return p;
}

static void
arena_free(struct arena *a)
{
	while (a != NULL) {
		struct arena *next = a->next;
		free(a);
		a = next;
	}
}

/* Diagnostics ------------------------------------------------------------ */

void
diags_add(struct diags *d, const char *file, int line, int col, int warning,
          const char *fmt, ...)
{
	va_list ap;
	struct diag *g;
	char buf[1024];

	if (d == NULL)
		return;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		struct diag *nv = realloc(d->v, cap * sizeof *nv);
		if (nv == NULL)
			return;
		d->v = nv;
		d->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	g = &d->v[d->n++];
	g->file = strdup(file != NULL ? file : "");
	g->line = line;
	g->col = col;
	g->warning = warning;
	g->msg = strdup(buf);
	if (warning)
		d->nwarnings++;
	else
		d->nerrors++;
}

void
diags_print(const struct diags *d, FILE *f)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		char *safe = text_safe(g->msg, 0);
		if (g->line > 0)
			fprintf(f, "%s:%d:%d: %s%s\n", g->file, g->line, g->col,
			        g->warning ? "warning: " : "", safe ? safe : g->msg);
		else
			fprintf(f, "%s: %s%s\n", g->file, g->warning ? "warning: " : "",
			        safe ? safe : g->msg);
		free(safe);
	}
}

void
diags_free(struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

/* Positions -------------------------------------------------------------- */

struct pos_entry {
	const cJSON *item;
	size_t val, key;        /* byte offsets of the value and of its key */
};

struct parse {
	const char *path;
	const char *buf;
	size_t len;
	size_t *lines;          /* offset where each line starts */
	size_t nlines;
	struct pos_entry *pos;  /* in walk order; sorted by item address */
	size_t npos, poscap;
	struct diags *d;
	struct deck *deck;
	const char *card_id;    /* prefix for messages while inside a card */
	size_t errors;
	/* the position walk */
	size_t at;
};

static void
parse_lines(struct parse *p)
{
	const char *q = p->buf, *end = p->buf + p->len;
	size_t n = 1;

	while ((q = memchr(q, '\n', (size_t)(end - q))) != NULL) {
		n++;
		q++;
	}
	p->lines = malloc(n * sizeof *p->lines);
	if (p->lines == NULL)
		return;
	p->lines[0] = 0;
	p->nlines = 1;
	for (q = p->buf; (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++)
		p->lines[p->nlines++] = (size_t)(q - p->buf) + 1;
}

/* Line and column (in characters, 1-based) of a byte offset. */
static void
parse_linecol(const struct parse *p, size_t off, int *line, int *col)
{
	size_t lo = 0, hi = p->nlines, i, c = 1;

	if (p->lines == NULL) {
		*line = 1;
		*col = (int)off + 1;
		return;
	}
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (p->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	for (i = p->lines[lo]; i < off && i < p->len; i++)
		if (((unsigned char)p->buf[i] & 0xC0) != 0x80)
			c++;
	*line = (int)lo + 1;
	*col = (int)c;
}

static void
pos_put(struct parse *p, const cJSON *item, size_t val, size_t key)
{
	if (p->pos == NULL || p->npos == p->poscap)
		return;
	p->pos[p->npos].item = item;
	p->pos[p->npos].val = val;
	p->pos[p->npos].key = key;
	p->npos++;
}

static int
pos_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct pos_entry *)a)->item;
	uintptr_t y = (uintptr_t)((const struct pos_entry *)b)->item;
	return x < y ? -1 : x > y;
}

/*
 * After the walk: the entries are in pre-order, which is the order cJSON
 * made the nodes in. From the bump region that is address order already;
 * from malloc (no region) it may not be, and a sort puts it right.
 */
static void
pos_sort(struct parse *p)
{
	size_t i;

	for (i = 1; i < p->npos; i++)
		if ((uintptr_t)p->pos[i - 1].item > (uintptr_t)p->pos[i].item)
			break;
	if (i < p->npos)
		qsort(p->pos, p->npos, sizeof *p->pos, pos_cmp);
}

static const struct pos_entry *
pos_get(const struct parse *p, const cJSON *item)
{
	size_t lo = 0, hi;

	if (p->pos == NULL || item == NULL)
		return NULL;
	hi = p->npos;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uintptr_t m = (uintptr_t)p->pos[mid].item;
		if (m == (uintptr_t)item)
			return &p->pos[mid];
		if (m < (uintptr_t)item)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * cJSON's allocations for one deck, from one region reserved up front and
 * released at once: nodes come out in parse order (so positions need no
 * hash table) and a deck of many small values costs no malloc/free each.
 * The reservation is virtual (MAP_NORESERVE); only the pages used are
 * touched. A node is 64 bytes and each value takes at least one byte of
 * text, so JSON_REGION_PER_BYTE bytes of region per byte of file suffice.
 */
#define JSON_REGION_PER_BYTE 80
struct json_region {
	char *base, *cur, *end;
};
static struct json_region *json_region;

static void *
json_region_malloc(size_t n)
{
	struct json_region *r = json_region;
	size_t a = (n + 15) & ~(size_t)15;
	void *v;

	if (r == NULL || (size_t)(r->end - r->cur) < a)
		return NULL;
	v = r->cur;
	r->cur += a;
	return v;
}

static void
json_region_free(void *v)
{
	(void)v;        /* released with the region */
}

/* Parse with cJSON, from a region when one can be reserved (*r set then). */
static cJSON *
json_parse(const char *buf, size_t len, const char **end, struct json_region *r)
{
	size_t size = len * JSON_REGION_PER_BYTE + 65536;
	cJSON_Hooks hooks = { json_region_malloc, json_region_free };
	cJSON *root;

	r->base = mmap(NULL, size, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (r->base == MAP_FAILED) {
		r->base = NULL;
		return cJSON_ParseWithLengthOpts(buf, len, end, 0);
	}
	r->cur = r->base;
	r->end = r->base + size;
	json_region = r;
	cJSON_InitHooks(&hooks);
	root = cJSON_ParseWithLengthOpts(buf, len, end, 0);
	cJSON_InitHooks(NULL);
	json_region = NULL;
	return root;
}

static void
json_free(cJSON *root, struct json_region *r)
{
	if (r->base != NULL)
		munmap(r->base, (size_t)(r->end - r->base));
	else
		cJSON_Delete(root);
	memset(r, 0, sizeof *r);
}

static void
walk_ws(struct parse *p)
{
	while (p->at < p->len && (p->buf[p->at] == ' ' || p->buf[p->at] == '\t' ||
	                          p->buf[p->at] == '\n' || p->buf[p->at] == '\r'))
		p->at++;
}

static void
walk_string(struct parse *p)
{
	p->at++;        /* opening quote */
	while (p->at < p->len && p->buf[p->at] != '"') {
		if (p->buf[p->at] == '\\')
			p->at++;
		p->at++;
	}
	p->at++;
}

/*
 * Walk the text of a value that cJSON parsed into item, recording where it
 * and every value inside it start. The text is known to be valid JSON, and
 * cJSON keeps members in text order (duplicates included), so the two walks
 * stay in step.
 */
static void
walk_value(struct parse *p, const cJSON *item, size_t key)
{
	const cJSON *child;

	walk_ws(p);
	pos_put(p, item, p->at, key);
	if (p->at >= p->len)
		return;
	switch (p->buf[p->at]) {
	case '{':
		p->at++;
		for (child = item->child; child != NULL; child = child->next) {
			size_t k;
			walk_ws(p);
			k = p->at;
			walk_string(p);
			walk_ws(p);
			p->at++;        /* ':' */
			walk_value(p, child, k);
			walk_ws(p);
			if (p->at < p->len && p->buf[p->at] == ',')
				p->at++;
		}
		walk_ws(p);
		p->at++;
		break;
	case '[':
		p->at++;
		for (child = item->child; child != NULL; child = child->next) {
			walk_value(p, child, SIZE_MAX);
			walk_ws(p);
			if (p->at < p->len && p->buf[p->at] == ',')
				p->at++;
		}
		walk_ws(p);
		p->at++;
		break;
	case '"':
		walk_string(p);
		break;
	default:
		while (p->at < p->len && strchr(",]} \t\r\n", p->buf[p->at]) == NULL)
			p->at++;
		break;
	}
}

static size_t
count_items(const cJSON *item)
{
	size_t n = 1;
	const cJSON *c;

	for (c = item->child; c != NULL; c = c->next)
		n += count_items(c);
	return n;
}

/* Messages --------------------------------------------------------------- */

static void __attribute__((format(printf, 4, 0)))
vreport(struct parse *p, size_t off, int warning, const char *fmt, va_list ap)
{
	char msg[900];
	int line = 0, col = 0;

	vsnprintf(msg, sizeof msg, fmt, ap);
	if (off != SIZE_MAX)
		parse_linecol(p, off, &line, &col);
	if (p->card_id != NULL)
		diags_add(p->d, p->path, line, col, warning, "card \"%s\": %s", p->card_id, msg);
	else
		diags_add(p->d, p->path, line, col, warning, "%s", msg);
	if (!warning)
		p->errors++;
}

static void __attribute__((format(printf, 3, 4)))
report_at(struct parse *p, size_t off, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(p, off, 0, fmt, ap);
	va_end(ap);
}

/* An error at the value of item. */
static void __attribute__((format(printf, 3, 4)))
err(struct parse *p, const cJSON *item, const char *fmt, ...)
{
	const struct pos_entry *e = pos_get(p, item);
	va_list ap;
	va_start(ap, fmt);
	vreport(p, e != NULL ? e->val : SIZE_MAX, 0, fmt, ap);
	va_end(ap);
}

/* An error at the key of an object member. */
static void __attribute__((format(printf, 3, 4)))
err_key(struct parse *p, const cJSON *item, const char *fmt, ...)
{
	const struct pos_entry *e = pos_get(p, item);
	va_list ap;
	size_t off = SIZE_MAX;

	if (e != NULL)
		off = e->key != SIZE_MAX ? e->key : e->val;
	va_start(ap, fmt);
	vreport(p, off, 0, fmt, ap);
	va_end(ap);
}

static void __attribute__((format(printf, 4, 5)))
warn_at(struct parse *p, const cJSON *item, size_t delta, const char *fmt, ...)
{
	const struct pos_entry *e = pos_get(p, item);
	va_list ap;
	va_start(ap, fmt);
	vreport(p, e != NULL ? e->val + delta : SIZE_MAX, 1, fmt, ap);
	va_end(ap);
}

static const char *
json_type_name(const cJSON *item)
{
	if (cJSON_IsString(item))
		return "a string";
	if (cJSON_IsNumber(item))
		return "a number";
	if (cJSON_IsBool(item))
		return "a boolean";
	if (cJSON_IsNull(item))
		return "null";
	if (cJSON_IsArray(item))
		return "an array";
	if (cJSON_IsObject(item))
		return "an object";
	return "invalid";
}

/* Field helpers ---------------------------------------------------------- */

static int
id_valid(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

static int
qid_valid(const char *s)
{
	size_t i;

	if (s[0] != 'Q' || s[1] == '\0')
		return 0;
	for (i = 1; s[i] != '\0'; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return i <= 5;
}

static int
path_valid(const char *s)
{
	size_t i;
	int seg = 0;

	for (i = 0; s[i] != '\0'; i++) {
		char c = s[i];
		if (c == '.') {
			if (seg == 0)
				return 0;
			seg = 0;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		           (c >= '0' && c <= '9') || c == '_') {
			seg++;
		} else {
			return 0;
		}
	}
	return seg > 0;
}

/*
 * Find the first control character in a JSON string value by reading its
 * raw text (so the column points at the very escape or byte). Returns the
 * byte offset of it, or SIZE_MAX.
 */
static size_t
raw_control(const struct parse *p, size_t start, int allow_newline, int32_t *which)
{
	size_t i = start + 1;

	while (i < p->len && p->buf[i] != '"') {
		int32_t cp;
		int len;
		if (p->buf[i] == '\\' && i + 1 < p->len) {
			char e = p->buf[i + 1];
			if (e == 'u' && i + 5 < p->len) {
				char hex[5];
				memcpy(hex, p->buf + i + 2, 4);
				hex[4] = '\0';
				cp = (int32_t)strtol(hex, NULL, 16);
				if (text_is_control(cp) && !(allow_newline && (cp == '\n' || cp == '\t'))) {
					*which = cp;
					return i;
				}
				i += 6;
				continue;
			}
			if ((e == 'b' || e == 'f' || e == 'r') ||
			    (!allow_newline && (e == 'n' || e == 't'))) {
				*which = e == 'b' ? 8 : e == 'f' ? 12 : e == 'r' ? 13 : e == 'n' ? 10 : 9;
				return i;
			}
			i += 2;
			continue;
		}
		{
			unsigned char b = (unsigned char)p->buf[i];
			if (b >= 0x20 && b < 0x7f) {
				i++;        /* printable ASCII: the common case, no decoding */
				continue;
			}
			/*
			 * The file is valid UTF-8 by now, and every control character
			 * past ASCII starts with C2 (U+0080..U+009F) or E2 (U+2028..);
			 * other sequences are skipped by their length.
			 */
			if (b >= 0xC3 && b != 0xE2 && b < 0xF8) {
				i += b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
				continue;
			}
		}
		len = text_decode(p->buf + i, p->len - i, &cp);
		if (len < 0)
			len = 1;
		else if (text_is_control(cp)) {
			/* raw newlines and tabs are not valid JSON anyway */
			*which = cp;
			return i;
		}
		i += (size_t)len;
	}
	return SIZE_MAX;
}

/*
 * Take a string value: check it holds no control characters (newline and
 * tab allowed in long text), warn when it is not NFC, and copy its NFC form
 * into the deck's arena.
 */
static char *
take_string(struct parse *p, const cJSON *item, const char *field, int multiline)
{
	const struct pos_entry *e = pos_get(p, item);
	const char *s = item->valuestring;
	char *nfc, *r;
	size_t bad;
	int32_t cp;

	if (e != NULL) {
		bad = raw_control(p, e->val, multiline, &cp);
		if (bad != SIZE_MAX) {
			report_at(p, bad, "field \"%s\": control character U+%04X in text",
			          field, (unsigned)cp);
			return NULL;
		}
	}
	/*
	 * No UTF-8 check here: check_bytes() has checked the whole file, and
	 * cJSON turns \u escapes into valid UTF-8 or rejects them (a lone
	 * surrogate is a syntax error), so the string is valid.
	 */
	if (text_nfc_quick(s))
		return arena_strdup(&p->deck->arena, s);
	nfc = text_nfc(s);
	if (nfc == NULL)
		return NULL;
	if (strcmp(nfc, s) != 0)
		warn_at(p, item, 0, "field \"%s\": text is not in NFC form (normalised on load)", field);
	r = arena_strdup(&p->deck->arena, nfc);
	free(nfc);
	return r;
}

static const cJSON *
field(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

static int
get_text(struct parse *p, const cJSON *obj, const char *key, int required,
         int multiline, struct text *out)
{
	static const char *const langs[LANG_N] = { "ko", "en" };
	const cJSON *item = field(obj, key), *c;
	int l, ok = 1;

	memset(out, 0, sizeof *out);
	if (item == NULL) {
		if (required)
			err(p, obj, "missing field \"%s\"", key);
		return !required;
	}
	if (!cJSON_IsObject(item)) {
		err(p, item, "field \"%s\": expected an object {\"ko\": ..., \"en\": ...}, got %s",
		    key, json_type_name(item));
		return 0;
	}
	for (c = item->child; c != NULL; c = c->next)
		if (strcmp(c->string, "ko") != 0 && strcmp(c->string, "en") != 0) {
			err_key(p, c, "field \"%s\": unknown language \"%s\" (use \"ko\" and \"en\")",
			        key, c->string);
			ok = 0;
		}
	for (l = 0; l < LANG_N; l++) {
		const cJSON *s = field(item, langs[l]);
		if (s == NULL) {
			err(p, item, "field \"%s\": missing \"%s\" translation", key, langs[l]);
			ok = 0;
			continue;
		}
		if (!cJSON_IsString(s)) {
			err(p, s, "field \"%s.%s\": expected a string, got %s", key, langs[l],
			    json_type_name(s));
			ok = 0;
			continue;
		}
		{
			char *t = take_string(p, s, key, multiline);
			if (t == NULL) {
				ok = 0;
				continue;
			}
			if (*t == '\0' || strspn(t, " \t\n") == strlen(t)) {
				err(p, s, "field \"%s.%s\": empty text", key, langs[l]);
				ok = 0;
				continue;
			}
			out->s[l] = t;
		}
	}
	return ok;
}

typedef int (*valid_fn)(const char *);

static int
get_strlist(struct parse *p, const cJSON *obj, const char *key, valid_fn valid,
            const char *what, struct strlist *out)
{
	const cJSON *item = field(obj, key), *c;
	size_t n = 0;
	int ok = 1;

	memset(out, 0, sizeof *out);
	if (item == NULL)
		return 1;
	if (!cJSON_IsArray(item)) {
		err(p, item, "field \"%s\": expected an array of strings, got %s", key,
		    json_type_name(item));
		return 0;
	}
	out->v = arena_alloc(&p->deck->arena, ((size_t)cJSON_GetArraySize(item) + 1) * sizeof(char *));
	if (out->v == NULL)
		return 0;
	for (c = item->child; c != NULL; c = c->next) {
		char *s;
		if (!cJSON_IsString(c)) {
			err(p, c, "field \"%s\": expected a string, got %s", key, json_type_name(c));
			ok = 0;
			continue;
		}
		if (valid != NULL && !valid(c->valuestring)) {
			err(p, c, "field \"%s\": invalid %s \"%s\"", key, what, c->valuestring);
			ok = 0;
			continue;
		}
		s = take_string(p, c, key, 0);
		if (s == NULL) {
			ok = 0;
			continue;
		}
		out->v[n++] = s;
	}
	out->n = n;
	return ok;
}

static char *
get_string(struct parse *p, const cJSON *obj, const char *key, int required)
{
	const cJSON *item = field(obj, key);

	if (item == NULL) {
		if (required)
			err(p, obj, "missing field \"%s\"", key);
		return NULL;
	}
	if (!cJSON_IsString(item)) {
		err(p, item, "field \"%s\": expected a string, got %s", key, json_type_name(item));
		return NULL;
	}
	return take_string(p, item, key, 0);
}

/* Report members of obj whose names are not in allowed (NULL-terminated). */
static void
check_fields(struct parse *p, const cJSON *obj, const char *const *allowed, const char *what)
{
	const cJSON *c;

	for (c = obj->child; c != NULL; c = c->next) {
		const char *best = NULL;
		int bestd = 3, i, known = 0;
		for (i = 0; allowed[i] != NULL && !known; i++)
			known = strcmp(c->string, allowed[i]) == 0;
		if (known || c->string[0] == '$')
			continue;
		for (i = 0; allowed[i] != NULL; i++) {
			int dist = text_distance(c->string, allowed[i]);
			if (dist < bestd) {
				bestd = dist;
				best = allowed[i];
			}
		}
		if (best != NULL)
			err_key(p, c, "unknown field \"%s\" in %s (did you mean \"%s\"?)", c->string, what, best);
		else
			err_key(p, c, "unknown field \"%s\" in %s", c->string, what);
	}
	/* a key given twice: cJSON keeps both, the loader would see only one */
	for (c = obj->child; c != NULL; c = c->next) {
		const cJSON *e;
		for (e = c->next; e != NULL; e = e->next)
			if (strcmp(c->string, e->string) == 0) {
				err_key(p, e, "field \"%s\" given twice in %s", e->string, what);
				break;
			}
	}
}

static void
add_link(struct parse *p, struct card *card, const cJSON *at, const char *to,
         const char *fieldname, int need_question)
{
	struct deck *k = p->deck;
	const struct pos_entry *e = pos_get(p, at);
	struct link *l;

	if (k->nlinks % 32 == 0) {
		struct link *nl = arena_alloc(&k->arena, (k->nlinks + 32) * sizeof *nl);
		if (nl == NULL)
			return;
		if (k->nlinks > 0)
			memcpy(nl, k->links, k->nlinks * sizeof *nl);
		k->links = nl;
	}
	l = &k->links[k->nlinks++];
	l->from = card->id;
	l->to = to;
	l->field = fieldname;
	l->need_question = need_question;
	l->line = l->col = 0;
	if (e != NULL)
		parse_linecol(p, e->val, &l->line, &l->col);
}

/* Cards ------------------------------------------------------------------ */

static const char *const common_fields[] = {
	"id", "kind", "tags", "covers", "see_also", "demo",
};

static const char *const *
kind_fields(enum card_kind k)
{
	static const char *const concept[] = { "title", "body", NULL };
	static const char *const question[] = { "prompt", "answer", "key_points", "follow_ups", "budget", NULL };
	static const char *const flashcard[] = { "front", "back", NULL };
	static const char *const choice[] = { "prompt", "options", "explain", NULL };
	static const char *const prediction[] = { "prompt", "demo_args", "options", "explain", NULL };

	switch (k) {
	case KIND_CONCEPT: return concept;
	case KIND_QUESTION: return question;
	case KIND_FLASHCARD: return flashcard;
	case KIND_CHOICE: return choice;
	case KIND_PREDICTION: return prediction;
	default: return concept;
	}
}

static void
check_card_fields(struct parse *p, const cJSON *obj, enum card_kind k)
{
	const char *allowed[24];
	const char *const *kf = kind_fields(k);
	size_t n = 0, i;
	char what[32];

	for (i = 0; i < sizeof common_fields / sizeof common_fields[0]; i++)
		allowed[n++] = common_fields[i];
	for (i = 0; kf[i] != NULL; i++)
		allowed[n++] = kf[i];
	allowed[n] = NULL;
	snprintf(what, sizeof what, "a %s card", card_kind_name(k));
	check_fields(p, obj, allowed, what);
}

static void
parse_key_points(struct parse *p, const cJSON *obj, struct card *card)
{
	static const char *const kp_fields[] = { "id", "label", "match", NULL };
	static const char *const langs[LANG_N] = { "ko", "en" };
	const cJSON *item = field(obj, "key_points"), *c;
	size_t n = 0;

	if (item == NULL) {
		err(p, obj, "missing field \"key_points\"");
		return;
	}
	if (!cJSON_IsArray(item) || cJSON_GetArraySize(item) == 0) {
		err(p, item, "field \"key_points\": expected a non-empty array of key points");
		return;
	}
	card->points = arena_alloc(&p->deck->arena, (size_t)cJSON_GetArraySize(item) * sizeof *card->points);
	if (card->points == NULL)
		return;
	for (c = item->child; c != NULL; c = c->next) {
		struct key_point *kp = &card->points[n];
		const cJSON *m, *mc;
		char *id;
		size_t j;
		int l;

		if (!cJSON_IsObject(c)) {
			err(p, c, "field \"key_points\": expected an object, got %s", json_type_name(c));
			continue;
		}
		check_fields(p, c, kp_fields, "a key point");
		id = get_string(p, c, "id", 1);
		if (id != NULL && !id_valid(id)) {
			err(p, field(c, "id"), "key point id \"%s\" must match [a-z0-9-]+", id);
			id = NULL;
		}
		if (id != NULL)
			for (j = 0; j < n; j++)
				if (strcmp(card->points[j].id, id) == 0) {
					err(p, field(c, "id"), "key point id \"%s\" used twice", id);
					id = NULL;
					break;
				}
		get_text(p, c, "label", 1, 0, &kp->label);
		m = field(c, "match");
		if (m == NULL) {
			err(p, c, "key point \"%s\": missing field \"match\"", id ? id : "?");
		} else if (!cJSON_IsObject(m)) {
			err(p, m, "field \"match\": expected an object {\"ko\": [...], \"en\": [...]}");
		} else {
			for (mc = m->child; mc != NULL; mc = mc->next)
				if (strcmp(mc->string, "ko") != 0 && strcmp(mc->string, "en") != 0)
					err_key(p, mc, "field \"match\": unknown language \"%s\"", mc->string);
			for (l = 0; l < LANG_N; l++) {
				const cJSON *arr = field(m, langs[l]);
				if (arr == NULL) {
					err(p, m, "key point \"%s\": missing \"%s\" match phrases",
					    id ? id : "?", langs[l]);
					continue;
				}
				get_strlist(p, m, langs[l], NULL, "phrase", &kp->match[l]);
				if (kp->match[l].n == 0 && cJSON_IsArray(arr))
					err(p, arr, "key point \"%s\": no \"%s\" match phrases",
					    id ? id : "?", langs[l]);
				for (j = 0; j < kp->match[l].n; j++)
					if (strspn(kp->match[l].v[j], " \t") == strlen(kp->match[l].v[j]))
						err(p, arr, "key point \"%s\": empty match phrase", id ? id : "?");
			}
		}
		if (id == NULL)
			continue;
		kp->id = id;
		n++;
	}
	card->npoints = n;
}

static void
parse_follow_ups(struct parse *p, const cJSON *obj, struct card *card)
{
	static const char *const fu_fields[] = { "card", "when", "point", NULL };
	const cJSON *item = field(obj, "follow_ups"), *c;
	size_t n = 0;

	if (item == NULL)
		return;
	if (!cJSON_IsArray(item)) {
		err(p, item, "field \"follow_ups\": expected an array, got %s", json_type_name(item));
		return;
	}
	card->follow_ups = arena_alloc(&p->deck->arena,
	                               ((size_t)cJSON_GetArraySize(item) + 1) * sizeof *card->follow_ups);
	if (card->follow_ups == NULL)
		return;
	for (c = item->child; c != NULL; c = c->next) {
		struct follow_up *f = &card->follow_ups[n];
		char *to, *when, *point;
		size_t j;

		if (!cJSON_IsObject(c)) {
			err(p, c, "field \"follow_ups\": expected an object {\"card\": ...}, got %s",
			    json_type_name(c));
			continue;
		}
		check_fields(p, c, fu_fields, "a follow-up");
		to = get_string(p, c, "card", 1);
		when = get_string(p, c, "when", 0);
		point = get_string(p, c, "point", 0);
		if (to == NULL)
			continue;
		if (!id_valid(to)) {
			err(p, field(c, "card"), "follow-up card id \"%s\" must match [a-z0-9-]+", to);
			continue;
		}
		if (strcmp(to, card->id) == 0) {
			err(p, field(c, "card"), "follow-up \"%s\" is the card itself", to);
			continue;
		}
		f->card = to;
		f->when = FOLLOW_ALWAYS;
		if (when != NULL) {
			if (strcmp(when, "always") == 0)
				f->when = FOLLOW_ALWAYS;
			else if (strcmp(when, "covered") == 0)
				f->when = FOLLOW_COVERED;
			else if (strcmp(when, "missed") == 0)
				f->when = FOLLOW_MISSED;
			else {
				err(p, field(c, "when"), "follow-up \"when\" must be \"always\", \"covered\" or \"missed\", not \"%s\"", when);
				continue;
			}
		}
		if (f->when != FOLLOW_ALWAYS && point == NULL) {
			err(p, c, "follow-up \"%s\": \"when\": \"%s\" needs a \"point\"", to, when);
			continue;
		}
		if (point != NULL) {
			int found = 0;
			for (j = 0; j < card->npoints; j++)
				if (strcmp(card->points[j].id, point) == 0)
					found = 1;
			if (!found) {
				err(p, field(c, "point"), "follow-up \"%s\": no key point \"%s\" in this card", to, point);
				continue;
			}
			f->point = point;
		}
		add_link(p, card, field(c, "card"), f->card, "follow_ups", 1);
		n++;
	}
	card->nfollow_ups = n;
}

static int
parse_check(struct parse *p, const cJSON *item, struct check *ck)
{
	static const char *const ck_fields[] = { "left", "op", "right", NULL };
	static const char *const ops[] = { "<", "<=", ">", ">=", "==", "!=" };
	char *left, *op;
	const cJSON *right;
	size_t i;

	if (!cJSON_IsObject(item)) {
		err(p, item, "field \"check\": expected an object {\"left\", \"op\", \"right\"}");
		return 0;
	}
	check_fields(p, item, ck_fields, "a check");
	left = get_string(p, item, "left", 1);
	op = get_string(p, item, "op", 1);
	right = field(item, "right");
	if (left == NULL || op == NULL)
		return 0;
	if (!path_valid(left)) {
		err(p, field(item, "left"), "check: \"%s\" is not a dotted path like \"derived.runs\"", left);
		return 0;
	}
	ck->left = left;
	for (i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (strcmp(op, ops[i]) == 0)
			break;
	if (i == sizeof ops / sizeof ops[0]) {
		err(p, field(item, "op"), "check: unknown operator \"%s\" (use <, <=, >, >=, == or !=)", op);
		return 0;
	}
	ck->op = (enum check_op)i;
	if (right == NULL) {
		err(p, item, "check: missing field \"right\"");
		return 0;
	}
	if (cJSON_IsNumber(right)) {
		ck->right_num = right->valuedouble;
	} else if (cJSON_IsBool(right)) {
		ck->right_num = cJSON_IsTrue(right) ? 1 : 0;
		ck->right_is_bool = 1;
	} else if (cJSON_IsString(right)) {
		if (!path_valid(right->valuestring)) {
			err(p, right, "check: \"%s\" is not a dotted path", right->valuestring);
			return 0;
		}
		ck->right_path = take_string(p, right, "right", 0);
	} else {
		err(p, right, "check: \"right\" must be a number, a boolean or a path, not %s",
		    json_type_name(right));
		return 0;
	}
	return 1;
}

static void
parse_options(struct parse *p, const cJSON *obj, struct card *card)
{
	static const char *const choice_fields[] = { "text", "correct", "why", NULL };
	static const char *const pred_fields[] = { "text", "check", "why", NULL };
	const cJSON *item = field(obj, "options"), *c;
	int pred = card->kind == KIND_PREDICTION;
	int max = pred ? 6 : 8, ncorrect = 0;
	size_t n = 0;

	if (item == NULL) {
		err(p, obj, "missing field \"options\"");
		return;
	}
	if (!cJSON_IsArray(item)) {
		err(p, item, "field \"options\": expected an array, got %s", json_type_name(item));
		return;
	}
	if (cJSON_GetArraySize(item) < 2 || cJSON_GetArraySize(item) > max) {
		err(p, item, "field \"options\": expected 2 to %d options, got %d", max,
		    cJSON_GetArraySize(item));
		return;
	}
	card->options = arena_alloc(&p->deck->arena, (size_t)cJSON_GetArraySize(item) * sizeof *card->options);
	if (card->options == NULL)
		return;
	for (c = item->child; c != NULL; c = c->next) {
		struct option *o = &card->options[n];
		if (!cJSON_IsObject(c)) {
			err(p, c, "field \"options\": expected an object, got %s", json_type_name(c));
			continue;
		}
		check_fields(p, c, pred ? pred_fields : choice_fields, "an option");
		get_text(p, c, "text", 1, 1, &o->text);
		get_text(p, c, "why", !pred, 1, &o->why);
		if (pred) {
			const cJSON *ck = field(c, "check");
			if (ck == NULL)
				err(p, c, "option: missing field \"check\"");
			else
				parse_check(p, ck, &o->check);
		} else {
			const cJSON *cor = field(c, "correct");
			if (cor == NULL)
				err(p, c, "option: missing field \"correct\"");
			else if (!cJSON_IsBool(cor))
				err(p, cor, "field \"correct\": expected true or false, got %s", json_type_name(cor));
			else if (cJSON_IsTrue(cor)) {
				o->correct = 1;
				ncorrect++;
			}
		}
		n++;
	}
	card->noptions = n;
	if (!pred && n == (size_t)cJSON_GetArraySize(item) && ncorrect == 0)
		err(p, item, "no option is marked \"correct\": true");
}

static void
parse_card(struct parse *p, const cJSON *obj, struct card *card)
{
	const cJSON *kind_item, *b;
	char *id, *kind, *demo;
	size_t i;
	int k;

	p->card_id = NULL;
	if (!cJSON_IsObject(obj)) {
		err(p, obj, "a card must be an object, got %s", json_type_name(obj));
		return;
	}
	{
		const struct pos_entry *e = pos_get(p, obj);
		if (e != NULL)
			parse_linecol(p, e->val, &card->line, &card->col);
	}
	id = get_string(p, obj, "id", 1);
	if (id == NULL)
		return;
	if (!id_valid(id)) {
		err(p, field(obj, "id"), "card id \"%s\" must match [a-z0-9-]+ (at most 64 characters)", id);
		return;
	}
	card->id = id;
	card->deck = p->deck;
	p->card_id = id;

	kind_item = field(obj, "kind");
	kind = get_string(p, obj, "kind", 1);
	if (kind == NULL)
		goto out;
	k = card_kind_parse(kind);
	if (k < 0) {
		err(p, kind_item, "unknown kind \"%s\" (use concept, question, flashcard, choice or prediction)", kind);
		goto out;
	}
	card->kind = (enum card_kind)k;
	check_card_fields(p, obj, card->kind);

	get_strlist(p, obj, "tags", id_valid, "tag", &card->tags);
	get_strlist(p, obj, "covers", qid_valid, "question id (like Q01)", &card->covers);
	get_strlist(p, obj, "see_also", id_valid, "card id", &card->see_also);
	if (card->see_also.n > 0) {
		const cJSON *sa = field(obj, "see_also"), *c;
		i = 0;
		for (c = sa->child; c != NULL && i < card->see_also.n; c = c->next)
			if (cJSON_IsString(c) && strcmp(c->valuestring, card->see_also.v[i]) == 0)
				add_link(p, card, c, card->see_also.v[i++], "see_also", 0);
	}
	demo = get_string(p, obj, "demo", card->kind == KIND_PREDICTION);
	if (demo != NULL) {
		if (demo_find(demo) == NULL) {
			const char *best = NULL;
			int bestd = 3;
			for (i = 0; demo_table[i] != NULL; i++) {
				int dist = text_distance(demo, demo_table[i]->name);
				if (dist < bestd) {
					bestd = dist;
					best = demo_table[i]->name;
				}
			}
			if (best != NULL)
				err(p, field(obj, "demo"), "unknown demo \"%s\" (did you mean \"%s\"?)", demo, best);
			else
				err(p, field(obj, "demo"), "unknown demo \"%s\"", demo);
		} else {
			card->demo = demo;
		}
	}

	switch (card->kind) {
	case KIND_CONCEPT:
		get_text(p, obj, "title", 1, 0, &card->title);
		get_text(p, obj, "body", 1, 1, &card->body);
		break;
	case KIND_QUESTION:
		get_text(p, obj, "prompt", 1, 1, &card->title);
		get_text(p, obj, "answer", 1, 1, &card->body);
		parse_key_points(p, obj, card);
		parse_follow_ups(p, obj, card);
		b = field(obj, "budget");
		if (b != NULL) {
			if (!cJSON_IsNumber(b) || b->valuedouble < 10 || b->valuedouble > 3600)
				err(p, b, "field \"budget\": expected seconds between 10 and 3600");
			else
				card->budget = (int)b->valuedouble;
		}
		break;
	case KIND_FLASHCARD:
		get_text(p, obj, "front", 1, 1, &card->title);
		get_text(p, obj, "back", 1, 1, &card->body);
		break;
	case KIND_CHOICE:
	case KIND_PREDICTION:
		get_text(p, obj, "prompt", 1, 1, &card->title);
		get_text(p, obj, "explain", 0, 1, &card->body);
		parse_options(p, obj, card);
		if (card->kind == KIND_PREDICTION)
			get_strlist(p, obj, "demo_args", NULL, "argument", &card->demo_args);
		break;
	default:
		break;
	}
out:
	p->card_id = NULL;
}

/* Decks ------------------------------------------------------------------ */

/* Gate 1: what must hold of the bytes before JSON is even considered. */
static int
check_bytes(struct parse *p)
{
	size_t i, bad;
	int depth = 0, in_str = 0;

	if (p->len >= 3 && memcmp(p->buf, "\xEF\xBB\xBF", 3) == 0) {
		report_at(p, 0, "file starts with a byte order mark (save it as UTF-8 without BOM)");
		return 0;
	}
	{
		const char *nul = memchr(p->buf, '\0', p->len);
		if (nul != NULL) {
			report_at(p, (size_t)(nul - p->buf), "NUL byte in file");
			return 0;
		}
	}
	if (!text_valid(p->buf, p->len, &bad)) {
		report_at(p, bad, "invalid UTF-8 sequence (byte 0x%02X)", (unsigned char)p->buf[bad]);
		return 0;
	}
	for (i = 0; i < p->len; i++) {
		/* only quotes, backslashes and brackets matter to the nesting count */
		static const unsigned char syntax[256] = {
			['"'] = 1, ['\\'] = 1, ['{'] = 1, ['['] = 1, ['}'] = 1, [']'] = 1,
		};
		char c = p->buf[i];
		if (!syntax[(unsigned char)c])
			continue;
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[') {
			if (++depth > CHECK_MAX_DEPTH) {
				report_at(p, i, "nesting deeper than %d levels", CHECK_MAX_DEPTH);
				return 0;
			}
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	return 1;
}

/*
 * Gate 2: a syntax error, said as precisely as we can. A file that ends
 * inside a string or with brackets open was cut short: say so at its end
 * (and where the open string began) rather than where cJSON gave up.
 */
static void
report_syntax(struct parse *p, const char *end)
{
	size_t off = end != NULL && end >= p->buf ? (size_t)(end - p->buf) : p->len;
	size_t i, str_start = 0;
	int depth = 0, in_str = 0;

	for (i = 0; i < p->len; i++) {
		char c = p->buf[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
			str_start = i;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	if (in_str) {
		int line, col;
		parse_linecol(p, str_start, &line, &col);
		report_at(p, p->len, "invalid JSON: unexpected end of file inside the string begun at %d:%d",
		          line, col);
		return;
	}
	if (depth > 0) {
		report_at(p, p->len, "invalid JSON: unexpected end of file (%d unclosed bracket%s)",
		          depth, depth == 1 ? "" : "s");
		return;
	}
	i = off;
	while (i < p->len && strchr(" \t\r\n", p->buf[i]) != NULL)
		i++;
	/* cJSON stops one character into a bad word: point at its start */
	while (i > 0 && i < p->len && isalnum((unsigned char)p->buf[i]) &&
	       isalnum((unsigned char)p->buf[i - 1]))
		i--;
	if (i >= p->len)
		report_at(p, p->len, "invalid JSON: unexpected end of file");
	else if ((unsigned char)p->buf[i] < 0x80 && p->buf[i] >= 0x20)
		report_at(p, i, "invalid JSON: unexpected '%c'", p->buf[i]);
	else
		report_at(p, i, "invalid JSON");
}

void
deck_free(struct deck *k)
{
	if (k == NULL)
		return;
	free(k->path);
	arena_free(k->arena);
	free(k);
}

/* Parse a deck; on errors the deck is still returned with nerrors set. */
static struct deck *
deck_parse_all(const char *path, const char *buf, size_t len, struct diags *d)
{
	static const char *const deck_fields[] = { "deck", "title", "about", "cards", NULL };
	struct parse p;
	struct deck *k;
	struct json_region region = { NULL, NULL, NULL };
	cJSON *root = NULL;
	const char *end = NULL;
	const cJSON *cards, *c;
	char *id;
	size_t n = 0;

	memset(&p, 0, sizeof p);
	p.path = path;
	p.buf = buf;
	p.len = len;
	p.d = d;
	k = calloc(1, sizeof *k);
	if (k == NULL)
		return NULL;
	k->path = strdup(path);
	p.deck = k;
	parse_lines(&p);

	if (len > CHECK_MAX_FILE_SIZE) {
		diags_add(d, path, 1, 1, 0, "file is %zu bytes, over the %u MiB limit", len,
		          CHECK_MAX_FILE_SIZE >> 20);
		p.errors++;
		goto out;
	}
	if (!check_bytes(&p))
		goto out;
	root = json_parse(buf, len, &end, &region);
	if (root == NULL) {
		report_syntax(&p, end != NULL ? end : cJSON_GetErrorPtr());
		goto out;
	}
	if (end != NULL) {
		size_t off = (size_t)(end - buf);
		while (off < len && strchr(" \t\r\n", buf[off]) != NULL)
			off++;
		if (off < len) {
			report_at(&p, off, "unexpected text after the deck's closing '}'");
			goto out;
		}
	}
	p.poscap = count_items(root);
	p.pos = malloc(p.poscap * sizeof *p.pos);
	walk_value(&p, root, SIZE_MAX);
	pos_sort(&p);

	if (!cJSON_IsObject(root)) {
		err(&p, root, "a deck must be a JSON object with \"deck\", \"title\" and \"cards\", got %s",
		    json_type_name(root));
		goto out;
	}
	check_fields(&p, root, deck_fields, "a deck");
	id = get_string(&p, root, "deck", 1);
	if (id != NULL && !id_valid(id))
		err(&p, field(root, "deck"), "deck id \"%s\" must match [a-z0-9-]+", id);
	else if (id != NULL) {
		const struct pos_entry *e = pos_get(&p, field(root, "deck"));
		k->id = id;
		if (e != NULL)
			parse_linecol(&p, e->val, &k->line, &k->col);
	}
	get_text(&p, root, "title", 1, 0, &k->title);
	get_text(&p, root, "about", 0, 1, &k->about);
	cards = field(root, "cards");
	if (cards == NULL) {
		err(&p, root, "missing field \"cards\"");
		goto out;
	}
	if (!cJSON_IsArray(cards)) {
		err(&p, cards, "field \"cards\": expected an array, got %s", json_type_name(cards));
		goto out;
	}
	k->cards = arena_alloc(&k->arena, ((size_t)cJSON_GetArraySize(cards) + 1) * sizeof *k->cards);
	if (k->cards == NULL && cJSON_GetArraySize(cards) > 0) {
		diags_add(d, path, 0, 0, 0, "out of memory");
		p.errors++;
		goto out;
	}
	for (c = cards->child; c != NULL; c = c->next) {
		struct card *card = &k->cards[n];
		/* a card with errors keeps its id, so cross-deck checks know it */
		memset(card, 0, sizeof *card);
		parse_card(&p, c, card);
		if (card->id != NULL)
			n++;
	}
	k->ncards = n;
out:
	k->nerrors = p.errors;
	json_free(root, &region);
	free(p.pos);
	free(p.lines);
	return k;
}

struct deck *
deck_parse(const char *path, const char *buf, size_t len, struct diags *d)
{
	struct deck *k = deck_parse_all(path, buf, len, d);

	if (k != NULL && k->nerrors > 0) {
		deck_free(k);
		return NULL;
	}
	return k;
}

static char *
read_file(const char *path, size_t *len, struct diags *d)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	char *buf;
	size_t got;

	if (f == NULL) {
		diags_add(d, path, 0, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		diags_add(d, path, 0, 0, 0, "not a regular file");
		fclose(f);
		return NULL;
	}
	if ((size_t)st.st_size > CHECK_MAX_FILE_SIZE) {
		diags_add(d, path, 1, 1, 0, "file is %lld bytes, over the %u MiB limit",
		          (long long)st.st_size, CHECK_MAX_FILE_SIZE >> 20);
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf == NULL) {
		diags_add(d, path, 0, 0, 0, "out of memory");
		fclose(f);
		return NULL;
	}
	got = fread(buf, 1, (size_t)st.st_size, f);
	if (ferror(f)) {
		diags_add(d, path, 0, 0, 0, "read error: %s", strerror(errno));
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[got] = '\0';
	*len = got;
	return buf;
}

struct deck *
deck_load(const char *path, struct diags *d)
{
	size_t len;
	char *buf = read_file(path, &len, d);
	struct deck *k;

	if (buf == NULL)
		return NULL;
	k = deck_parse(path, buf, len, d);
	free(buf);
	return k;
}

/* Across decks ----------------------------------------------------------- */

struct idmap {
	const struct card **v;
	size_t cap;
};

static size_t
str_hash(const char *s)
{
	size_t h = 1469598103934665603ull;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

static const struct card *
idmap_get(const struct idmap *m, const char *id)
{
	size_t i = str_hash(id) & (m->cap - 1);
	while (m->v[i] != NULL) {
		if (strcmp(m->v[i]->id, id) == 0)
			return m->v[i];
		i = (i + 1) & (m->cap - 1);
	}
	return NULL;
}

static void
idmap_put(struct idmap *m, const struct card *c)
{
	size_t i = str_hash(c->id) & (m->cap - 1);
	while (m->v[i] != NULL)
		i = (i + 1) & (m->cap - 1);
	m->v[i] = c;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The *.json files of a directory, sorted; schema.json is not a deck. */
static size_t
list_dir(const char *dir, char ***out, struct diags *d)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t n = 0, cap = 0;

	*out = NULL;
	if (dp == NULL) {
		diags_add(d, dir, 0, 0, 0, "cannot open directory: %s", strerror(errno));
		return 0;
	}
	while ((e = readdir(dp)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0 || e->d_name[0] == '.')
			continue;
		if (strcmp(e->d_name, "schema.json") == 0)
			continue;
		if (n == cap) {
			char **nv;
			cap = cap ? cap * 2 : 16;
			nv = realloc(v, cap * sizeof *v);
			if (nv == NULL)
				break;
			v = nv;
		}
		v[n] = malloc(strlen(dir) + len + 2);
		if (v[n] == NULL)
			break;
		sprintf(v[n], "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		n++;
	}
	closedir(dp);
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_str);
	*out = v;
	return n;
}

size_t
content_load(struct content *c, const char *const *paths, size_t npaths, struct diags *d)
{
	struct deck **all = NULL;
	size_t nall = 0, cap = 0, i, j, total = 0, errors_before = d->nerrors;
	struct idmap m;

	memset(c, 0, sizeof *c);
	for (i = 0; i < npaths; i++) {
		struct stat st;
		char **files = NULL;
		size_t nfiles = 0, f;

		if (stat(paths[i], &st) != 0) {
			diags_add(d, paths[i], 0, 0, 0, "cannot open: %s", strerror(errno));
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			nfiles = list_dir(paths[i], &files, d);
		} else {
			files = malloc(sizeof *files);
			if (files != NULL) {
				files[0] = strdup(paths[i]);
				nfiles = files[0] != NULL;
			}
		}
		for (f = 0; f < nfiles; f++) {
			size_t len;
			char *buf = read_file(files[f], &len, d);
			if (buf != NULL) {
				struct deck *k = deck_parse_all(files[f], buf, len, d);
				free(buf);
				if (k != NULL) {
					if (nall == cap) {
						struct deck **na;
						cap = cap ? cap * 2 : 16;
						na = realloc(all, cap * sizeof *na);
						if (na == NULL) {
							deck_free(k);
							free(files[f]);
							continue;
						}
						all = na;
					}
					all[nall++] = k;
					total += k->ncards;
				}
			} else {
				c->nbroken++;
			}
			free(files[f]);
		}
		free(files);
	}

	/* ids unique across decks: the first definition wins */
	m.cap = 16;
	while (m.cap < total * 2)
		m.cap *= 2;
	m.v = calloc(m.cap, sizeof *m.v);
	for (i = 0; i < nall && m.v != NULL; i++) {
		struct deck *k = all[i];
		for (j = 0; j < i; j++)
			if (k->id != NULL && all[j]->id != NULL && strcmp(k->id, all[j]->id) == 0) {
				diags_add(d, k->path, k->line, k->col, 0,
				          "deck id \"%s\" is already used by %s", k->id, all[j]->path);
				k->nerrors++;
				break;
			}
		for (j = 0; j < k->ncards; j++) {
			const struct card *card = &k->cards[j];
			const struct card *prev = idmap_get(&m, card->id);
			if (prev != NULL) {
				diags_add(d, k->path, card->line, card->col, 0,
				          "card id \"%s\" is already defined at %s:%d:%d",
				          card->id, prev->deck->path, prev->line, prev->col);
				k->nerrors++;
				continue;
			}
			idmap_put(&m, card);
		}
	}
	/* links resolve, and follow-ups lead to question cards */
	for (i = 0; i < nall && m.v != NULL; i++) {
		struct deck *k = all[i];
		for (j = 0; j < k->nlinks; j++) {
			const struct link *l = &k->links[j];
			const struct card *to = idmap_get(&m, l->to);
			if (to == NULL) {
				diags_add(d, k->path, l->line, l->col, 0,
				          "card \"%s\": %s links to unknown card \"%s\"", l->from, l->field, l->to);
				k->nerrors++;
			} else if (l->need_question && to->kind != KIND_QUESTION) {
				diags_add(d, k->path, l->line, l->col, 0,
				          "card \"%s\": follow-up \"%s\" is a %s card, not a question",
				          l->from, l->to, card_kind_name(to->kind));
				k->nerrors++;
			}
		}
	}
	free(m.v);

	for (i = 0; i < nall; i++) {
		if (all[i]->nerrors > 0) {
			c->nbroken++;
			deck_free(all[i]);
			continue;
		}
		all[c->ndecks++] = all[i];
	}
	c->decks = all;
	return d->nerrors - errors_before;
}
