/*
 * render.c: Markdown subset to terminal text.
 *
 * Inline markup becomes a "styled string": the visible bytes plus one style
 * byte for each. Wrapping then works on visible text only, so escape
 * sequences never count towards the width and never split a character.
 */
#include "render.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

enum { ST_PLAIN = 0, ST_BOLD = 1, ST_CODE = 2 };

struct styled {
	char *s;
	unsigned char *st;
	size_t n, cap;
};

const char *
render_style(int color, const char *which)
{
	if (!color)
		return "";
	if (strcmp(which, "bold") == 0)
		return "\033[1m";
	if (strcmp(which, "code") == 0)
		return "\033[36m";
	if (strcmp(which, "dim") == 0)
		return "\033[2m";
	if (strcmp(which, "green") == 0)
		return "\033[32m";
	if (strcmp(which, "red") == 0)
		return "\033[31m";
	if (strcmp(which, "yellow") == 0)
		return "\033[33m";
	if (strcmp(which, "reset") == 0)
		return "\033[0m";
	return "";
}

static void
sty_put(struct styled *b, const char *s, size_t n, unsigned char style)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = (b->n + n + 1) * 2;
		char *ns = realloc(b->s, cap);
		unsigned char *nst;
		if (ns == NULL)
			return;
		b->s = ns;
		nst = realloc(b->st, cap);
		if (nst == NULL)
			return;
		b->st = nst;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	memset(b->st + b->n, style, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void
sty_free(struct styled *b)
{
	free(b->s);
	free(b->st);
	memset(b, 0, sizeof *b);
}

/* Control characters escaped, tabs as spaces: safe to measure and print. */
static char *
safe_line(const char *s, size_t n)
{
	char *tmp = malloc(n * 4 + 1), *r;
	size_t i, o = 0;

	if (tmp == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if (s[i] == '\t') {
			memcpy(tmp + o, "    ", 4);
			o += 4;
		} else {
			tmp[o++] = s[i];
		}
	}
	tmp[o] = '\0';
	r = text_safe(tmp, 0);
	free(tmp);
	return r;
}

/* Apply **bold** and `code` to one line of text, appending to b. */
static void
inline_markup(struct styled *b, const char *s, int color)
{
	size_t i = 0, n = strlen(s);
	int bold = 0;

	while (i < n) {
		if (s[i] == '`') {
			const char *close = strchr(s + i + 1, '`');
			if (close != NULL) {
				size_t len = (size_t)(close - (s + i + 1));
				if (!color)
					sty_put(b, "`", 1, ST_CODE);
				sty_put(b, s + i + 1, len, ST_CODE);
				if (!color)
					sty_put(b, "`", 1, ST_CODE);
				i += len + 2;
				continue;
			}
		}
		if (s[i] == '*' && i + 1 < n && s[i + 1] == '*') {
			if (bold || strstr(s + i + 2, "**") != NULL) {
				bold = !bold;
				i += 2;
				continue;
			}
		}
		sty_put(b, s + i, 1, bold ? ST_BOLD : ST_PLAIN);
		i++;
	}
}

static void
emit(FILE *out, const struct styled *b, size_t from, size_t to, int color)
{
	unsigned char cur = ST_PLAIN;
	size_t i;

	for (i = from; i < to; i++) {
		if (color && b->st[i] != cur) {
			fputs(render_style(color, "reset"), out);
			if (b->st[i] == ST_BOLD)
				fputs(render_style(color, "bold"), out);
			else if (b->st[i] == ST_CODE)
				fputs(render_style(color, "code"), out);
			cur = b->st[i];
		}
		fputc(b->s[i], out);
	}
	if (color && cur != ST_PLAIN)
		fputs(render_style(color, "reset"), out);
}

static void
spaces(FILE *out, int n)
{
	while (n-- > 0)
		fputc(' ', out);
}

/* Length in bytes of the longest prefix of s[0..n) that fits in cols columns. */
static size_t
fit_prefix(const char *s, size_t n, int cols)
{
	size_t i = 0;
	int w = 0;

	while (i < n) {
		int32_t cp;
		int len = text_decode(s + i, n - i, &cp);
		int cw;
		if (len < 0)
			len = 1, cw = 1;
		else
			cw = text_cp_width(cp);
		if (w + cw > cols && i > 0)
			break;
		w += cw;
		i += (size_t)len;
	}
	return i;
}

/*
 * Wrap a styled string: the first line gets `first` for its prefix (already
 * printed by the caller, `lead` columns wide), later lines are indented by
 * `indent` columns. Words break at spaces; a word wider than a line breaks
 * between characters.
 */
static void
wrap_styled(FILE *out, const struct styled *b, int lead, int indent, int width, int color)
{
	size_t i = 0;
	int col = lead, first = 1;

	if (width - indent < 10)
		width = indent + 10;
	while (i < b->n) {
		size_t ws = i, we;
		int w;

		while (ws < b->n && b->s[ws] == ' ')
			ws++;
		if (ws >= b->n)
			break;
		we = ws;
		while (we < b->n && b->s[we] != ' ')
			we++;
		w = text_width_n(b->s + ws, we - ws);
		if (!first) {
			if (col + 1 + w > width && col > indent) {
				fputc('\n', out);
				spaces(out, indent);
				col = indent;
			} else {
				fputc(' ', out);
				col++;
			}
		}
		first = 0;
		/* a word too long for any line breaks between characters */
		while (col + w > width && we > ws) {
			int avail = width - col;
			size_t cut = fit_prefix(b->s + ws, we - ws, avail > 1 ? avail : 1);
			emit(out, b, ws, ws + cut, color);
			ws += cut;
			if (ws >= we)
				break;
			fputc('\n', out);
			spaces(out, indent);
			col = indent;
			w = text_width_n(b->s + ws, we - ws);
		}
		if (ws < we) {
			emit(out, b, ws, we, color);
			col += w;
		}
		i = we;
	}
	fputc('\n', out);
}

void
render_safe(FILE *out, const char *text)
{
	char *s = text_safe(text, 0);
	if (s != NULL)
		fputs(s, out);
	free(s);
}

void
render_pad(FILE *out, const char *s, int cols)
{
	char *safe = text_safe(s, 0);
	if (safe == NULL)
		return;
	fputs(safe, out);
	spaces(out, cols - text_width(safe));
	free(safe);
}

void
render_wrap_at(FILE *out, const char *text, int lead, const struct render_opts *o)
{
	struct styled b = { 0 };
	char *safe = safe_line(text, strlen(text));
	size_t k;

	if (safe == NULL)
		return;
	for (k = 0; safe[k] != '\0'; k++)
		if (safe[k] == '\n')
			safe[k] = ' ';
	inline_markup(&b, safe, o->color);
	wrap_styled(out, &b, lead, o->indent, o->width, o->color);
	sty_free(&b);
	free(safe);
}

void
render_title(FILE *out, const char *text, const struct render_opts *o)
{
	struct styled b = { 0 };
	char *safe = safe_line(text, strlen(text));
	size_t k;

	if (safe == NULL)
		return;
	/* titles are one line: newlines become spaces */
	for (k = 0; safe[k] != '\0'; k++)
		if (safe[k] == '\n')
			safe[k] = ' ';
	spaces(out, o->indent);
	inline_markup(&b, safe, o->color);
	for (k = 0; k < b.n; k++)
		if (b.st[k] == ST_PLAIN)
			b.st[k] = ST_BOLD;
	wrap_styled(out, &b, o->indent, o->indent, o->width, o->color);
	sty_free(&b);
	free(safe);
}

void
render_paragraph(FILE *out, const char *text, const struct render_opts *o)
{
	struct styled b = { 0 };
	char *safe = safe_line(text, strlen(text));
	size_t k;

	if (safe == NULL)
		return;
	for (k = 0; safe[k] != '\0'; k++)
		if (safe[k] == '\n')
			safe[k] = ' ';
	spaces(out, o->indent);
	inline_markup(&b, safe, o->color);
	wrap_styled(out, &b, o->indent, o->indent, o->width, o->color);
	sty_free(&b);
	free(safe);
}

/* Block parsing ---------------------------------------------------------- */

struct lines {
	char **v;
	size_t n;
};

static void
split_lines(const char *md, struct lines *L)
{
	const char *p = md;
	size_t cap = 16;

	L->n = 0;
	L->v = malloc(cap * sizeof *L->v);
	while (L->v != NULL) {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (L->n == cap) {
			char **nv = realloc(L->v, (cap *= 2) * sizeof *nv);
			if (nv == NULL)
				break;
			L->v = nv;
		}
		if (len > 0 && p[len - 1] == '\r')
			len--;
		L->v[L->n++] = safe_line(p, len);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

static void
free_lines(struct lines *L)
{
	size_t i;
	for (i = 0; i < L->n; i++)
		free(L->v[i]);
	free(L->v);
}

static int
is_blank(const char *s)
{
	return s == NULL || s[strspn(s, " ")] == '\0';
}

/* "- x", "* x" or "12. x" after leading spaces: returns marker length, 0 if none. */
static size_t
list_marker(const char *s, int *numbered, int *level)
{
	size_t sp = strspn(s, " "), i = sp;

	*level = (int)sp / 2;
	*numbered = 0;
	if ((s[i] == '-' || s[i] == '*') && s[i + 1] == ' ' && !(s[i] == '*' && s[i + 1] == '*'))
		return i + 2;
	while (s[i] >= '0' && s[i] <= '9' && i - sp < 4)
		i++;
	if (i > sp && s[i] == '.' && s[i + 1] == ' ') {
		*numbered = 1;
		return i + 2;
	}
	return 0;
}

static int
is_fence(const char *s)
{
	return strncmp(s + strspn(s, " "), "```", 3) == 0;
}

static int
is_table_row(const char *s)
{
	const char *t = s + strspn(s, " ");
	return t[0] == '|';
}

static int
is_table_sep(const char *s)
{
	const char *t = s + strspn(s, " ");
	if (*t != '|')
		return 0;
	for (; *t; t++)
		if (strchr("|-: ", *t) == NULL)
			return 0;
	return strchr(s, '-') != NULL;
}

/* Split "| a | b |" into trimmed cells; '|' inside `code` does not split. */
static size_t
table_cells(const char *row, char ***out)
{
	const char *p = row + strspn(row, " ");
	char **cells = NULL;
	size_t n = 0;
	int code = 0;
	const char *start;

	if (*p == '|')
		p++;
	start = p;
	for (;; p++) {
		if (*p == '`')
			code = !code;
		if ((*p == '|' && !code && !(p > start && p[-1] == '\\')) || *p == '\0') {
			size_t len = (size_t)(p - start);
			char *c, **nc;
			if (*p == '\0' && is_blank(start))
				break;
			c = malloc(len + 1);
			nc = realloc(cells, (n + 1) * sizeof *cells);
			if (c == NULL || nc == NULL) {
				free(c);
				free(nc);
				break;
			}
			cells = nc;
			memcpy(c, start, len);
			c[len] = '\0';
			text_trim(c);
			cells[n++] = c;
			if (*p == '\0')
				break;
			start = p + 1;
		}
	}
	*out = cells;
	return n;
}

static int
styled_width(const char *cell, int color)
{
	struct styled b = { 0 };
	int w;

	inline_markup(&b, cell, color);
	w = b.n ? text_width_n(b.s, b.n) : 0;
	sty_free(&b);
	return w;
}

static void
emit_cell(FILE *out, const char *cell, int cols, int color, int bold)
{
	struct styled b = { 0 };
	size_t k;

	inline_markup(&b, cell, color);
	if (bold)
		for (k = 0; k < b.n; k++)
			if (b.st[k] == ST_PLAIN)
				b.st[k] = ST_BOLD;
	emit(out, &b, 0, b.n, color);
	spaces(out, cols - (b.n ? text_width_n(b.s, b.n) : 0));
	sty_free(&b);
}

/*
 * A pipe table: columns aligned by display width, a rule under the header.
 * When it cannot fit, each row becomes a list of "header: value" lines.
 */
static void
render_table(FILE *out, char **rows, size_t nrows, const struct render_opts *o)
{
	char ***cells = calloc(nrows, sizeof *cells);
	size_t *nc = calloc(nrows, sizeof *nc);
	size_t r, c, ncols = 0;
	int widths[32] = { 0 }, total;

	if (cells == NULL || nc == NULL)
		goto out;
	for (r = 0; r < nrows; r++) {
		nc[r] = table_cells(rows[r], &cells[r]);
		if (nc[r] > ncols)
			ncols = nc[r];
	}
	if (ncols > 32)
		ncols = 32;
	for (r = 0; r < nrows; r++) {
		if (r == 1 && is_table_sep(rows[1]))
			continue;
		for (c = 0; c < nc[r] && c < ncols; c++) {
			int w = styled_width(cells[r][c], o->color);
			if (w > widths[c])
				widths[c] = w;
		}
	}
	total = o->indent;
	for (c = 0; c < ncols; c++)
		total += widths[c] + 3;
	if (total <= o->width) {
		for (r = 0; r < nrows; r++) {
			if (r == 1 && is_table_sep(rows[1])) {
				spaces(out, o->indent);
				for (c = 0; c < ncols; c++) {
					int k;
					if (c > 0)
						fputs("─┼─", out);
					else
						fputs("─", out);
					for (k = 0; k < widths[c]; k++)
						fputs("─", out);
				}
				fputs("─\n", out);
				continue;
			}
			spaces(out, o->indent);
			fputc(' ', out);
			for (c = 0; c < ncols; c++) {
				if (c > 0)
					fputs(" │ ", out);
				emit_cell(out, c < nc[r] ? cells[r][c] : "", c + 1 < ncols ? widths[c] : 0,
				          o->color, r == 0 && nrows > 1 && is_table_sep(rows[1]));
			}
			fputc('\n', out);
		}
	} else {
		int has_header = nrows > 1 && is_table_sep(rows[1]);
		struct render_opts sub = *o;
		sub.indent = o->indent + 2;
		for (r = has_header ? 2 : 0; r < nrows; r++) {
			for (c = 0; c < nc[r]; c++) {
				char buf[2048];
				const char *h = has_header && c < nc[0] ? cells[0][c] : "";
				snprintf(buf, sizeof buf, "%s%s%s%s", *h ? "**" : "", h, *h ? "**: " : "", cells[r][c]);
				spaces(out, o->indent);
				fputs(c == 0 ? "• " : "  ", out);
				{
					struct styled b = { 0 };
					inline_markup(&b, buf, o->color);
					wrap_styled(out, &b, o->indent + 2, sub.indent, o->width, o->color);
					sty_free(&b);
				}
			}
		}
	}
out:
	for (r = 0; cells != NULL && r < nrows; r++) {
		for (c = 0; c < nc[r]; c++)
			free(cells[r][c]);
		free(cells[r]);
	}
	free(cells);
	free(nc);
}

void
render_markdown(FILE *out, const char *md, const struct render_opts *o)
{
	struct lines L;
	size_t i = 0;
	int need_gap = 0;

	if (md == NULL)
		return;
	split_lines(md, &L);
	while (i < L.n) {
		const char *line = L.v[i];
		int numbered, level;
		size_t m;

		if (line == NULL || is_blank(line)) {
			i++;
			continue;
		}
		if (need_gap)
			fputc('\n', out);
		need_gap = 1;
		if (is_fence(line)) {
			i++;
			while (i < L.n && L.v[i] != NULL && !is_fence(L.v[i])) {
				spaces(out, o->indent + 2);
				fputs(render_style(o->color, "code"), out);
				fputs("│ ", out);
				fputs(L.v[i], out);
				fputs(render_style(o->color, "reset"), out);
				fputc('\n', out);
				i++;
			}
			i++;    /* closing fence */
			continue;
		}
		if (is_table_row(line)) {
			size_t start = i;
			while (i < L.n && L.v[i] != NULL && is_table_row(L.v[i]))
				i++;
			render_table(out, L.v + start, i - start, o);
			continue;
		}
		m = list_marker(line, &numbered, &level);
		if (m > 0) {
			/* a list: items until a blank line or a non-list paragraph */
			need_gap = 1;
			while (i < L.n && L.v[i] != NULL && (m = list_marker(L.v[i], &numbered, &level)) > 0) {
				struct styled b = { 0 };
				char marker[16];
				int ind = o->indent + level * 2, mw;
				const char *t = L.v[i];

				if (numbered) {
					size_t sp = strspn(t, " ");
					snprintf(marker, sizeof marker, "%.*s", (int)(m - sp), t + sp);
				} else {
					snprintf(marker, sizeof marker, "%s", level % 2 ? "◦ " : "• ");
				}
				mw = text_width(marker);
				spaces(out, ind);
				fputs(marker, out);
				inline_markup(&b, t + m, o->color);
				i++;
				/* continuation lines: indented, not a new item */
				while (i < L.n && L.v[i] != NULL && !is_blank(L.v[i]) &&
				       list_marker(L.v[i], &numbered, &level) == 0 &&
				       L.v[i][0] == ' ' && !is_fence(L.v[i])) {
					sty_put(&b, " ", 1, ST_PLAIN);
					inline_markup(&b, L.v[i] + strspn(L.v[i], " "), o->color);
					i++;
				}
				wrap_styled(out, &b, ind + mw, ind + mw, o->width, o->color);
				sty_free(&b);
			}
			continue;
		}
		/* a paragraph: consecutive plain lines joined */
		{
			struct styled b = { 0 };
			spaces(out, o->indent);
			while (i < L.n && L.v[i] != NULL && !is_blank(L.v[i]) && !is_fence(L.v[i]) &&
			       !is_table_row(L.v[i]) && list_marker(L.v[i], &numbered, &level) == 0) {
				if (b.n > 0)
					sty_put(&b, " ", 1, ST_PLAIN);
				inline_markup(&b, L.v[i] + strspn(L.v[i], " "), o->color);
				i++;
			}
			wrap_styled(out, &b, o->indent, o->indent, o->width, o->color);
			sty_free(&b);
		}
	}
	free_lines(&L);
}
