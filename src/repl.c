/*
 * repl.c: the loop, and libedit behind one function, read_line().
 *
 * libedit reads characters through our own function (EL_GETCFN) so that a
 * Ctrl-C, which only sets a flag, ends the current line cleanly: the line is
 * thrown away and a fresh prompt follows. The terminal keeps ISIG, so Ctrl-C
 * arrives as SIGINT whether the editor or a command is running.
 */
#include "repl.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include <histedit.h>

#include "config.h"
#include "demo/demo.h"
#include "term.h"
#include "text.h"

volatile sig_atomic_t repl_sigint;
static volatile sig_atomic_t repl_sigwinch;

static EditLine *el;
static History *hist;
static char *hist_path;
static char cur_prompt[128] = "> ";
static struct ctx *cur_ctx;
/* A prompt that changes while the user types (a countdown): redrawn each second. */
static void (*tick_fn)(char *prompt, size_t size, void *arg);
static void *tick_arg;

static void
on_sigint(int sig)
{
	(void)sig;
	repl_sigint = 1;
}

static void
on_sigwinch(int sig)
{
	(void)sig;
	repl_sigwinch = 1;
}

void
repl_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;        /* no SA_RESTART: a blocked read returns EINTR */
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_sigwinch;
	sigaction(SIGWINCH, &sa, NULL);
}

int
repl_take_interrupt(void)
{
	int r = repl_sigint;
	repl_sigint = 0;
	return r;
}

static char *
prompt_fn(EditLine *e)
{
	(void)e;
	return cur_prompt;
}

/* After a window resize: tell the editor and the renderer. */
static void
take_sigwinch(EditLine *e)
{
	if (!repl_sigwinch)
		return;
	repl_sigwinch = 0;
	el_resize(e);
	if (cur_ctx != NULL)
		cur_ctx->width = term_text_width();
}

/*
 * libedit's character source: one UTF-8 character from stdin as a wide
 * character. A Ctrl-C turns into Enter with the interrupt flag set, which
 * read_line() sees and discards the line for.
 */
static int
getc_fn(EditLine *e, wchar_t *wc)
{
	unsigned char buf[4];
	size_t have = 0, need = 1;

	for (;;) {
		ssize_t n;
		if (repl_sigint) {
			*wc = L'\n';
			return 1;
		}
		if (tick_fn != NULL && have == 0) {
			/* wait a second at most, then redraw the prompt with the new time */
			struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
			int r = poll(&pfd, 1, 1000);
			if (r == 0) {
				tick_fn(cur_prompt, sizeof cur_prompt, tick_arg);
				el_set(e, EL_REFRESH);
				continue;
			}
			if (r < 0) {
				if (errno != EINTR)
					return -1;
				take_sigwinch(e);
				continue;
			}
		}
		n = read(STDIN_FILENO, buf + have, 1);
		if (n < 0) {
			if (errno == EINTR) {
				take_sigwinch(e);
				continue;
			}
			return -1;
		}
		if (n == 0)
			return 0;
		if (have == 0) {
			if (buf[0] < 0x80)
				need = 1;
			else if ((buf[0] & 0xE0) == 0xC0)
				need = 2;
			else if ((buf[0] & 0xF0) == 0xE0)
				need = 3;
			else if ((buf[0] & 0xF8) == 0xF0)
				need = 4;
			else {
				*wc = 0xFFFD;
				return 1;
			}
		}
		have++;
		if (have == need) {
			int32_t cp;
			if (text_decode((const char *)buf, have, &cp) < 0)
				cp = 0xFFFD;
			*wc = (wchar_t)cp;
			return 1;
		}
	}
}

/* Completion ------------------------------------------------------------- */

struct cands {
	const char **v;
	size_t n, cap;
};

static void
cand_add(struct cands *c, const char *s, const char *prefix)
{
	if (strncmp(s, prefix, strlen(prefix)) != 0)
		return;
	if (c->n == c->cap) {
		const char **nv;
		c->cap = c->cap ? c->cap * 2 : 32;
		nv = realloc(c->v, c->cap * sizeof *nv);
		if (nv == NULL)
			return;
		c->v = nv;
	}
	c->v[c->n++] = s;
}

static void
cands_for(struct ctx *ctx, enum cmd_complete what, const char *prefix, struct cands *c)
{
	static const char *const langs[] = { "ko", "en", NULL };
	size_t i, j;

	switch (what) {
	case COMPLETE_COMMAND:
		for (i = 0; cmd_table[i] != NULL; i++)
			cand_add(c, cmd_table[i]->name, prefix);
		break;
	case COMPLETE_CARD:
		for (i = 0; ctx->content != NULL && i < ctx->content->ndecks; i++)
			for (j = 0; j < ctx->content->decks[i]->ncards; j++)
				cand_add(c, ctx->content->decks[i]->cards[j].id, prefix);
		break;
	case COMPLETE_DECK:
		for (i = 0; ctx->content != NULL && i < ctx->content->ndecks; i++)
			cand_add(c, ctx->content->decks[i]->id, prefix);
		break;
	case COMPLETE_DEMO:
		for (i = 0; demo_table[i] != NULL; i++)
			cand_add(c, demo_table[i]->name, prefix);
		break;
	case COMPLETE_LANG:
		for (i = 0; langs[i] != NULL; i++)
			cand_add(c, langs[i], prefix);
		break;
	default:
		break;
	}
}

static unsigned char
complete_fn(EditLine *e, int ch)
{
	const LineInfo *li = el_line(e);
	size_t len = (size_t)(li->cursor - li->buffer), i, common;
	char *line = malloc(len + 1), *word;
	struct cands c = { 0 };
	int nwords = 0, argc;
	char **argv = NULL;
	unsigned char ret = CC_REFRESH;

	(void)ch;
	if (line == NULL)
		return CC_ERROR;
	memcpy(line, li->buffer, len);
	line[len] = '\0';
	word = strrchr(line, ' ');
	word = word != NULL ? word + 1 : line;
	if (cmd_split(line, &argc, &argv) == 0)
		nwords = argc;
	if (*word != '\0' && nwords > 0)
		nwords--;       /* the word being completed */
	if (nwords == 0) {
		cands_for(cur_ctx, COMPLETE_COMMAND, word, &c);
	} else {
		const struct cmd_entry *cmd = cmd_find(argv[0], NULL, 0);
		enum cmd_complete what = cmd != NULL ? cmd->complete : COMPLETE_NONE;
		/* `demo NAME`: the name; after it, nothing to offer */
		if (what == COMPLETE_DEMO && nwords > 1)
			what = COMPLETE_NONE;
		if (*word == '-')
			what = COMPLETE_NONE;
		cands_for(cur_ctx, what, word, &c);
	}
	if (c.n == 0) {
		ret = CC_ERROR;
	} else if (c.n == 1) {
		el_insertstr(e, c.v[0] + strlen(word));
		el_insertstr(e, " ");
	} else {
		common = strlen(c.v[0]);
		for (i = 1; i < c.n; i++) {
			size_t k = 0;
			while (k < common && c.v[i][k] == c.v[0][k])
				k++;
			common = k;
		}
		if (common > strlen(word)) {
			char *add = strndup(c.v[0] + strlen(word), common - strlen(word));
			if (add != NULL)
				el_insertstr(e, add);
			free(add);
		} else {
			int col = 0, w = cur_ctx != NULL ? cur_ctx->width : 80;
			fputc('\n', stdout);
			for (i = 0; i < c.n && i < 200; i++) {
				int cw = (int)strlen(c.v[i]) + 2;
				if (col + cw > w) {
					fputc('\n', stdout);
					col = 0;
				}
				printf("%s  ", c.v[i]);
				col += cw;
			}
			if (c.n > 200)
				printf("\n… %zu more", c.n - 200);
			fputc('\n', stdout);
			ret = CC_REDISPLAY;
		}
	}
	free(c.v);
	cmd_free_argv(argc, argv);
	free(line);
	return ret;
}

/* The editor ------------------------------------------------------------- */

static void
history_save(void)
{
	HistEvent ev;
	int fd;

	if (hist == NULL || hist_path == NULL)
		return;
	/* created 0600 before libedit writes it: history may hold answers */
	fd = open(hist_path, O_WRONLY | O_CREAT, 0600);
	if (fd < 0)
		return;
	fchmod(fd, 0600);
	close(fd);
	history(hist, &ev, H_SAVE, hist_path);
}

static int
editor_init(struct ctx *ctx)
{
	HistEvent ev;

	if (el != NULL)
		return 0;
	el = el_init("osprep", stdin, stdout, stderr);
	if (el == NULL)
		return -1;
	hist = history_init();
	if (hist != NULL) {
		history(hist, &ev, H_SETSIZE, 1000);
		history(hist, &ev, H_SETUNIQUE, 1);
		el_set(el, EL_HIST, history, hist);
	}
	el_set(el, EL_EDITOR, "emacs");
	el_set(el, EL_PROMPT, prompt_fn);
	el_set(el, EL_GETCFN, getc_fn);
	/*
	 * The wide form: el_set() would convert the two strings to copies that
	 * libedit keeps for good and never frees (a leak LeakSanitizer reports).
	 */
	el_wset(el, EL_ADDFN, L"osprep-complete", L"complete a command, card, deck or demo",
	        complete_fn);
	el_set(el, EL_BIND, "^I", "osprep-complete", NULL);
	el_source(el, NULL);    /* the user's ~/.editrc, if any */
	if (ctx->data_dir != NULL && config_mkdirs(ctx->data_dir) == 0) {
		size_t n = strlen(ctx->data_dir) + 16;
		hist_path = malloc(n);
		if (hist_path != NULL) {
			snprintf(hist_path, n, "%s/history", ctx->data_dir);
			if (hist != NULL)
				history(hist, &ev, H_LOAD, hist_path);
		}
	}
	return 0;
}

void
repl_end(void)
{
	history_save();
	if (el != NULL)
		el_end(el);
	if (hist != NULL)
		history_end(hist);
	el = NULL;
	hist = NULL;
	free(hist_path);
	hist_path = NULL;
}

/*
 * One line from the user: libedit on a terminal, plain reads otherwise.
 * NULL at end of input or, with *interrupted set, on Ctrl-C.
 */
static char *
read_line(struct ctx *ctx, const char *prompt, int *interrupted, int remember)
{
	*interrupted = 0;
	cur_ctx = ctx;
	if (ctx->interactive && editor_init(ctx) == 0) {
		int count;
		const char *s;
		HistEvent ev;

		snprintf(cur_prompt, sizeof cur_prompt, "%s", prompt);
		repl_sigint = 0;
		s = el_gets(el, &count);
		if (repl_take_interrupt()) {
			*interrupted = 1;
			return NULL;
		}
		if (s == NULL || count <= 0)
			return NULL;
		if (remember && hist != NULL && s[strspn(s, " \t\n")] != '\0')
			history(hist, &ev, H_ENTER, s);
		{
			char *r = strdup(s);
			size_t n = r != NULL ? strlen(r) : 0;
			if (n > 0 && r[n - 1] == '\n')
				r[n - 1] = '\0';
			return r;
		}
	} else {
		char *buf = NULL;
		size_t cap = 0;
		ssize_t n;

		repl_sigint = 0;
		n = getline(&buf, &cap, stdin);
		if (repl_take_interrupt()) {
			clearerr(stdin);
			free(buf);
			*interrupted = 1;
			return NULL;
		}
		if (n < 0) {
			free(buf);
			return NULL;
		}
		if (n > 0 && buf[n - 1] == '\n')
			buf[--n] = '\0';
		if (n > 0 && buf[n - 1] == '\r')
			buf[--n] = '\0';
		return buf;
	}
}

char *
ctx_read_line_ticking(struct ctx *ctx, void (*tick)(char *prompt, size_t size, void *arg),
                      void *arg, int *interrupted)
{
	char prompt[sizeof cur_prompt];
	char *s;
	int intr = 0;

	tick(prompt, sizeof prompt, arg);
	tick_fn = ctx->interactive ? tick : NULL;
	tick_arg = arg;
	s = read_line(ctx, prompt, &intr, 0);
	tick_fn = NULL;
	tick_arg = NULL;
	if (interrupted != NULL)
		*interrupted = intr;
	return s;
}

char *
ctx_read_line(struct ctx *ctx, const char *prompt, int *interrupted)
{
	int intr = 0;
	char *s = read_line(ctx, prompt, &intr, 0);

	if (interrupted != NULL)
		*interrupted = intr;
	return s;
}

int
repl_run(struct ctx *ctx)
{
	int rc = EXIT_OK;

	ctx->in_repl = 1;
	if (ctx->interactive) {
		printf("osprep %s — %s\n", OSPREP_VERSION,
		       L(ctx->lang, "운영체제 동시성 면접 준비. \"help\"로 명령을 보고, Ctrl-D로 끝냅니다.",
		         "OS concurrency interview prep. \"help\" lists commands; Ctrl-D leaves."));
	}
	while (!ctx->quit) {
		int intr, argc;
		char **argv;
		char *line = read_line(ctx, "osprep> ", &intr, 1);

		if (line == NULL) {
			if (intr)
				continue;       /* Ctrl-C: a fresh prompt */
			if (ctx->interactive)
				fputc('\n', stdout);
			break;
		}
		if (cmd_split(line, &argc, &argv) != 0) {
			cmd_error("%s", L(ctx->lang, "닫히지 않은 따옴표", "unterminated quote"));
			free(line);
			rc = EXIT_USAGE;
			continue;
		}
		if (argc > 0 && argv[0][0] != '#')
			rc = cmd_run(ctx, argc, argv);
		cmd_free_argv(argc, argv);
		free(line);
		repl_take_interrupt();
		history_save();
	}
	return rc;
}
