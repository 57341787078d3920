/*
 * term.c: terminal size, colour and the pager.
 */
#include "term.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int
term_columns(int fd)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");

	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (env != NULL && atoi(env) >= 20)
		return atoi(env);
	return 80;
}

int
term_text_width(void)
{
	int w = term_columns(STDOUT_FILENO);
	return w > 100 ? 100 : w;
}

int
term_rows(int fd)
{
	struct winsize ws;

	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0)
		return ws.ws_row;
	return 0;
}

int
term_color(int fd)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (nc != NULL && *nc != '\0')
		return 0;
	if (term != NULL && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fd);
}

static size_t
count_lines(const char *buf, size_t len)
{
	size_t i, n = 0;
	for (i = 0; i < len; i++)
		if (buf[i] == '\n')
			n++;
	return n;
}

void
term_page(const char *buf, size_t len, int rows)
{
	const char *pager = getenv("PAGER");
	FILE *p;
	void (*old)(int);

	fflush(stdout);
	if (rows <= 0 || count_lines(buf, len) < (size_t)rows - 1 ||
	    (pager != NULL && (*pager == '\0' || strcmp(pager, "cat") == 0))) {
		fwrite(buf, 1, len, stdout);
		fflush(stdout);
		return;
	}
	if (pager == NULL)
		pager = "less -FRX";
	/* less reads LESS; -R keeps our colour, -F quits on one screen */
	setenv("LESS", "FRX", 0);
	old = signal(SIGPIPE, SIG_IGN);
	p = popen(pager, "w");
	if (p == NULL) {
		fwrite(buf, 1, len, stdout);
	} else {
		fwrite(buf, 1, len, p);
		pclose(p);
	}
	signal(SIGPIPE, old);
	fflush(stdout);
}
