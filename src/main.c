/*
 * main.c: start-up. Settles the locale, the language, where content and
 * data live, loads the decks, then runs one command or the REPL.
 */
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "check.h"
#include "cmd.h"
#include "config.h"
#include "repl.h"
#include "term.h"

#ifndef OSPREP_VERSION
#define OSPREP_VERSION "dev"
#endif
#ifndef OSPREP_DATADIR
#define OSPREP_DATADIR "/usr/local/share/osprep"
#endif

extern const struct cmd_entry cmd_check_entry;
void ctx_close_store(struct ctx *ctx);

static void
usage(FILE *f)
{
	fputs("usage: osprep [--lang ko|en] [--content DIR] [--data DIR] [--no-pager] [COMMAND [ARGS...]]\n"
	      "       osprep --help | --version\n"
	      "\n"
	      "With no command, osprep starts its REPL; with one, it runs it and exits.\n"
	      "\"osprep help\" lists the commands; \"osprep help COMMAND\" explains one.\n"
	      "\n"
	      "environment: OSPREP_LANG, OSPREP_CONTENT, OSPREP_DATA, OSPREP_NOW, PAGER, NO_COLOR,\n"
	      "             XDG_DATA_HOME, XDG_CONFIG_HOME\n"
	      "exit status: 0 success, 1 failure, 2 usage error\n", f);
}

/* UTF-8 or nothing: libedit drops Hangul bytes in a non-UTF-8 locale. */
static void
setup_locale(void)
{
	const char *cs;

	if (setlocale(LC_ALL, "") == NULL)
		setlocale(LC_ALL, "C");
	cs = nl_langinfo(CODESET);
	if (cs == NULL || (strcmp(cs, "UTF-8") != 0 && strcmp(cs, "utf8") != 0)) {
		if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
			setlocale(LC_CTYPE, "en_US.UTF-8");
	}
}

static char *
join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *s = malloc(n);
	if (s != NULL)
		snprintf(s, n, "%s/%s", a, b);
	return s;
}

static int
is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* --content, OSPREP_CONTENT, the checkout beside the binary, the installed copy. */
static char *
find_content_dir(const char *opt)
{
	char exe[PATH_MAX];
	ssize_t n;
	const char *env = getenv("OSPREP_CONTENT");

	if (opt != NULL)
		return strdup(opt);
	if (env != NULL && *env != '\0')
		return strdup(env);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *slash, *dir;
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			dir = join(exe, "content");
			if (dir != NULL && is_dir(dir))
				return dir;
			free(dir);
		}
	}
	return strdup(OSPREP_DATADIR "/content");
}

/* --data, OSPREP_DATA, $XDG_DATA_HOME/osprep, ~/.local/share/osprep. */
static char *
find_data_dir(const char *opt)
{
	const char *env = getenv("OSPREP_DATA"), *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (opt != NULL)
		return strdup(opt);
	if (env != NULL && *env != '\0')
		return strdup(env);
	if (xdg != NULL && xdg[0] == '/')
		return join(xdg, "osprep");
	if (home == NULL || *home == '\0')
		home = "/tmp";
	{
		char *base = join(home, ".local/share");
		char *r = base != NULL ? join(base, "osprep") : NULL;
		free(base);
		return r;
	}
}

static char *
find_config_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *dir, *r;

	if (xdg != NULL && xdg[0] == '/')
		dir = join(xdg, "osprep");
	else {
		char *base;
		if (home == NULL || *home == '\0')
			return NULL;
		base = join(home, ".config");
		dir = base != NULL ? join(base, "osprep") : NULL;
		free(base);
	}
	if (dir == NULL)
		return NULL;
	r = join(dir, "config.json");
	free(dir);
	return r;
}

/* Say once per broken deck that it was skipped, with its first problem. */
static void
report_broken(const struct diags *d)
{
	size_t i, j;

	for (i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		size_t more = 0;
		int seen = 0;

		if (g->warning)
			continue;
		for (j = 0; j < i; j++)
			if (!d->v[j].warning && strcmp(d->v[j].file, g->file) == 0)
				seen = 1;
		if (seen)
			continue;
		for (j = i + 1; j < d->n; j++)
			if (!d->v[j].warning && strcmp(d->v[j].file, g->file) == 0)
				more++;
		if (g->line > 0)
			fprintf(stderr, "osprep: %s:%d:%d: %s\n", g->file, g->line, g->col, g->msg);
		else
			fprintf(stderr, "osprep: %s: %s\n", g->file, g->msg);
		fprintf(stderr, "osprep: %s: deck skipped%s (run \"osprep check\" for details)\n",
		        g->file, more > 0 ? ", more problems follow" : "");
	}
}

static int
load_content(struct ctx *ctx)
{
	struct diags d = { 0 };
	const char *paths[1] = { ctx->content_dir };

	ctx->content = calloc(1, sizeof *ctx->content);
	if (ctx->content == NULL)
		return -1;
	if (!is_dir(ctx->content_dir)) {
		cmd_error("%s: content directory not found (set --content DIR or OSPREP_CONTENT)",
		          ctx->content_dir);
		return -1;
	}
	content_load(ctx->content, paths, 1, &d);
	report_broken(&d);
	diags_free(&d);
	return 0;
}

/* Take a global option at argv[i]; returns how many words it used, 0 if none, -1 on error. */
static int
global_option(int argc, char **argv, int i, const char **lang, const char **content,
              const char **data, int *no_pager)
{
	static const char *const names[] = { "--lang", "--content", "--data" };
	const char **slots[3];
	const char *a = argv[i];
	int k;

	slots[0] = lang;
	slots[1] = content;
	slots[2] = data;
	if (strcmp(a, "--no-pager") == 0) {
		*no_pager = 1;
		return 1;
	}
	for (k = 0; k < 3; k++) {
		size_t n = strlen(names[k]);
		if (strncmp(a, names[k], n) != 0)
			continue;
		if (a[n] == '=') {
			*slots[k] = a + n + 1;
			return 1;
		}
		if (a[n] == '\0') {
			if (i + 1 >= argc) {
				fprintf(stderr, "osprep: option \"%s\" needs a value\n", names[k]);
				return -1;
			}
			*slots[k] = argv[i + 1];
			return 2;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct ctx ctx;
	const char *opt_lang = NULL, *opt_content = NULL, *opt_data = NULL, *env_lang;
	int no_pager = 0, i, n, nargs = 0, rc;
	char **args;

	setup_locale();
	memset(&ctx, 0, sizeof ctx);
	args = calloc((size_t)argc + 1, sizeof *args);
	if (args == NULL)
		return EXIT_FAIL;

	/* global options may stand anywhere before "--" */
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			for (; i < argc; i++)
				args[nargs++] = argv[i];
			break;
		}
		if (nargs == 0 && (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)) {
			usage(stdout);
			free(args);
			return EXIT_OK;
		}
		if (nargs == 0 && (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0)) {
			printf("osprep %s\n", OSPREP_VERSION);
			free(args);
			return EXIT_OK;
		}
		n = global_option(argc, argv, i, &opt_lang, &opt_content, &opt_data, &no_pager);
		if (n < 0) {
			free(args);
			return EXIT_USAGE;
		}
		if (n > 0) {
			i += n - 1;
			continue;
		}
		if (nargs == 0 && argv[i][0] == '-') {
			fprintf(stderr, "osprep: unknown option \"%s\"\n", argv[i]);
			usage(stderr);
			free(args);
			return EXIT_USAGE;
		}
		args[nargs++] = argv[i];
	}

	ctx.config_path = find_config_path();
	config_load(&ctx);
	ctx.lang = LANG_KO;
	if (ctx.config != NULL) {
		const cJSON *l = cJSON_GetObjectItemCaseSensitive(ctx.config, "lang");
		if (cJSON_IsString(l) && lang_parse(l->valuestring) >= 0)
			ctx.lang = (enum lang)lang_parse(l->valuestring);
	}
	env_lang = getenv("OSPREP_LANG");
	if (env_lang != NULL && *env_lang != '\0') {
		if (lang_parse(env_lang) >= 0)
			ctx.lang = (enum lang)lang_parse(env_lang);
		else
			fprintf(stderr, "osprep: OSPREP_LANG: unknown language \"%s\" (ko, en); ignoring it\n", env_lang);
	}
	if (opt_lang != NULL) {
		if (lang_parse(opt_lang) < 0) {
			fprintf(stderr, "osprep: --lang: unknown language \"%s\" (ko, en)\n", opt_lang);
			free(args);
			return EXIT_USAGE;
		}
		ctx.lang = (enum lang)lang_parse(opt_lang);
	}
	ctx.content_dir = find_content_dir(opt_content);
	ctx.data_dir = find_data_dir(opt_data);
	ctx.interactive = isatty(STDIN_FILENO);
	ctx.color = term_color(STDOUT_FILENO);
	ctx.use_pager = !no_pager;
	ctx.width = term_text_width();
	ctx.rows = term_rows(STDOUT_FILENO);
	ctx.out = stdout;
	repl_signals();

	rc = EXIT_OK;
	if (nargs == 0 || cmd_find(args[0], NULL, 0) != &cmd_check_entry) {
		if (load_content(&ctx) != 0 && nargs == 0)
			rc = EXIT_FAIL;
	}
	if (rc == EXIT_OK) {
		if (nargs > 0) {
			rc = cmd_run(&ctx, nargs, args);
		} else {
			rc = repl_run(&ctx);
			repl_end();
		}
	}
	ctx_close_store(&ctx);
	content_free(ctx.content);
	free(ctx.content);
	cJSON_Delete(ctx.config);
	free(ctx.content_dir);
	free(ctx.data_dir);
	free(ctx.config_path);
	free(args);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno != EPIPE)
			fprintf(stderr, "osprep: write error: %s\n", strerror(errno));
		return EXIT_FAIL;
	}
	return rc;
}
