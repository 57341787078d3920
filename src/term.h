/*
 * term.h: the terminal edge: size, whether to colour, and the pager.
 */
#ifndef OSPREP_TERM_H
#define OSPREP_TERM_H

#include <stddef.h>

/* Columns of the terminal on fd (or $COLUMNS, or 80). */
int term_columns(int fd);
/* Columns to lay text out in: the terminal's, at most 100 for reading. */
int term_text_width(void);

/* Rows of the terminal on fd, 0 if it is not one. */
int term_rows(int fd);

/* Colour on fd: it is a terminal, NO_COLOR is unset and TERM is not dumb. */
int term_color(int fd);

/*
 * Show buf on stdout; when it has more lines than rows-1 and rows > 0, pipe
 * it through $PAGER (default "less -FRX") instead, as git does.
 */
void term_page(const char *buf, size_t len, int rows);

#endif
