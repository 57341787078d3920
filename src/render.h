/*
 * render.h: the Markdown subset of content/README.md, drawn for a terminal.
 *
 * Paragraphs and list items wrap to the width by display columns (Hangul
 * takes two), tables align by display width, code blocks stay verbatim.
 * Every control character from the text is shown escaped, never sent raw.
 */
#ifndef OSPREP_RENDER_H
#define OSPREP_RENDER_H

#include <stdio.h>

struct render_opts {
	int width;      /* total columns available (>= 20) */
	int indent;     /* columns of left margin */
	int color;      /* emit bold/colour escape sequences */
};

/* Render Markdown text. */
void render_markdown(FILE *out, const char *md, const struct render_opts *o);

/*
 * Wrap one paragraph of plain text (inline markup applied): the first line
 * starts after `first` columns already used, continuation lines are
 * indented by o->indent.
 */
void render_paragraph(FILE *out, const char *text, const struct render_opts *o);

/*
 * Continue a line the caller has already filled to column `lead`: wrap text
 * from there, continuation lines indented by o->indent.
 */
void render_wrap_at(FILE *out, const char *text, int lead, const struct render_opts *o);

/* A title line: bold when colour is on, control characters escaped. */
void render_title(FILE *out, const char *text, const struct render_opts *o);

/* Write text with control characters escaped (no wrapping). */
void render_safe(FILE *out, const char *text);

/* Pad s with spaces to `cols` display columns (s is printed safe). */
void render_pad(FILE *out, const char *s, int cols);

/* ANSI styles, or "" when colour is off. */
const char *render_style(int color, const char *which);

#endif
