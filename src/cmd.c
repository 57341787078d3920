/*
 * cmd.c: the command table and what every command shares: lookup by name,
 * alias or unique prefix, argument splitting and option parsing, usage
 * errors, and output through the pager.
 */
#include "cmd.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "term.h"
#include "text.h"

extern const struct cmd_entry cmd_help_entry, cmd_decks_entry, cmd_cards_entry,
	cmd_show_entry, cmd_search_entry, cmd_check_entry, cmd_lang_entry, cmd_quit_entry;

extern const struct cmd_entry cmd_demo_entry, cmd_run_entry;

extern const struct cmd_entry cmd_review_entry, cmd_rate_entry, cmd_card_entry, cmd_due_entry,
	cmd_stats_entry, cmd_export_entry;

extern const struct cmd_entry cmd_practice_entry, cmd_interview_entry, cmd_history_entry;

/* Every command, in the order `help` lists them. */
const struct cmd_entry *const cmd_table[] = {
	&cmd_help_entry,
	&cmd_decks_entry,
	&cmd_cards_entry,
	&cmd_show_entry,
	&cmd_search_entry,
	&cmd_review_entry,
	&cmd_rate_entry,
	&cmd_card_entry,
	&cmd_due_entry,
	&cmd_stats_entry,
	&cmd_export_entry,
	&cmd_practice_entry,
	&cmd_interview_entry,
	&cmd_history_entry,
	&cmd_demo_entry,
	&cmd_run_entry,
	&cmd_check_entry,
	&cmd_lang_entry,
	&cmd_quit_entry,
	NULL
};

void
cmd_error(const char *fmt, ...)
{
	va_list ap;
	char buf[1024];
	char *safe;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	safe = text_safe(buf, 0);
	fflush(stdout);
	fprintf(stderr, "osprep: %s\n", safe != NULL ? safe : buf);
	free(safe);
}

const struct cmd_entry *
cmd_find(const char *name, char *err, size_t errlen)
{
	const struct cmd_entry *found = NULL;
	const char *best = NULL;
	char list[512] = "";
	size_t len = strlen(name), i, nfound = 0;
	int bestd = INT_MAX;

	if (err != NULL && errlen > 0)
		err[0] = '\0';
	for (i = 0; cmd_table[i] != NULL; i++) {
		const struct cmd_entry *c = cmd_table[i];
		if (strcmp(c->name, name) == 0 || (c->alias != NULL && strcmp(c->alias, name) == 0))
			return c;
	}
	for (i = 0; len > 0 && cmd_table[i] != NULL; i++) {
		const struct cmd_entry *c = cmd_table[i];
		if (strncmp(c->name, name, len) == 0) {
			found = c;
			nfound++;
			if (list[0] != '\0')
				strncat(list, ", ", sizeof list - strlen(list) - 1);
			strncat(list, c->name, sizeof list - strlen(list) - 1);
		}
	}
	if (nfound == 1)
		return found;
	if (err == NULL)
		return NULL;
	if (nfound > 1) {
		snprintf(err, errlen, "ambiguous command: %s, could be: %s", name, list);
		return NULL;
	}
	for (i = 0; cmd_table[i] != NULL; i++) {
		int d = text_distance(name, cmd_table[i]->name);
		if (d < bestd) {
			bestd = d;
			best = cmd_table[i]->name;
		}
	}
	if (best != NULL && bestd <= 2 && bestd < (int)len)
		snprintf(err, errlen, "unknown command: %s (did you mean \"%s\"?)", name, best);
	else
		snprintf(err, errlen, "unknown command: %s (try \"help\")", name);
	return NULL;
}

int
cmd_usage(const struct ctx *ctx, const struct cmd_entry *cmd)
{
	fflush(stdout);
	fprintf(stderr, "usage: %s\n", cmd->usage);
	if (ctx->lang == LANG_EN)
		fprintf(stderr, "see \"help %s\"\n", cmd->name);
	else
		fprintf(stderr, "자세한 내용: help %s\n", cmd->name);
	return EXIT_USAGE;
}

int
cmd_parse(const struct cmd_entry *cmd, int argc, char **argv,
          const struct cmd_opt *opts, int *npos)
{
	int i, n = 1, only_pos = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const struct cmd_opt *o;
		const char *eq;
		size_t nlen;

		if (only_pos || a[0] != '-' || a[1] != '-' || a[2] == '\0') {
			if (!only_pos && strcmp(a, "--") == 0) {
				only_pos = 1;
				continue;
			}
			argv[n++] = argv[i];
			continue;
		}
		eq = strchr(a + 2, '=');
		nlen = eq != NULL ? (size_t)(eq - (a + 2)) : strlen(a + 2);
		for (o = opts; o != NULL && o->name != NULL; o++)
			if (strlen(o->name) == nlen && strncmp(o->name, a + 2, nlen) == 0)
				break;
		if (o == NULL || o->name == NULL) {
			cmd_error("%s: unknown option \"%s\"", cmd->name, a);
			fprintf(stderr, "usage: %s\n", cmd->usage);
			return -1;
		}
		if (o->arg != NULL) {
			if (eq != NULL) {
				*o->arg = eq + 1;
			} else if (i + 1 < argc) {
				*o->arg = argv[++i];
			} else {
				cmd_error("%s: option \"--%s\" needs a value", cmd->name, o->name);
				fprintf(stderr, "usage: %s\n", cmd->usage);
				return -1;
			}
		} else {
			if (eq != NULL) {
				cmd_error("%s: option \"--%s\" takes no value", cmd->name, o->name);
				return -1;
			}
			if (o->flag != NULL)
				*o->flag = 1;
		}
	}
	*npos = n - 1;
	return 0;
}

int
cmd_int_arg(const char *cmdname, const char *opt, const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (s[0] == '\0' || *end != '\0' || errno != 0 || v < min || v > max) {
		if (max == LONG_MAX)    /* no real upper bound: do not print one */
			cmd_error("%s: %s must be a whole number of at least %ld, not \"%s\"",
			          cmdname, opt, min, s);
		else
			cmd_error("%s: %s must be a whole number from %ld to %ld, not \"%s\"",
			          cmdname, opt, min, max, s);
		return -1;
	}
	*out = v;
	return 0;
}

const struct card *
cmd_card_arg(const struct ctx *ctx, const char *id)
{
	const struct card *c = content_find_card(ctx->content, id);
	const char *best = NULL;
	int bestd = 4;
	size_t i, j;

	if (c != NULL)
		return c;
	for (i = 0; ctx->content != NULL && i < ctx->content->ndecks; i++)
		for (j = 0; j < ctx->content->decks[i]->ncards; j++) {
			const char *cid = ctx->content->decks[i]->cards[j].id;
			int d = text_distance(id, cid);
			if (d < bestd) {
				bestd = d;
				best = cid;
			}
		}
	if (best != NULL)
		cmd_error("%s \"%s\" (%s \"%s\"?)", L(ctx->lang, "없는 카드", "unknown card"), id,
		          L(ctx->lang, "혹시", "did you mean"), best);
	else
		cmd_error("%s \"%s\" (%s)", L(ctx->lang, "없는 카드", "unknown card"), id,
		          L(ctx->lang, "\"cards\"로 목록을 보세요", "see \"cards\" for the list"));
	return NULL;
}

const struct deck *
cmd_deck_arg(const struct ctx *ctx, const char *id)
{
	const struct deck *k = content_find_deck(ctx->content, id);
	size_t i;

	if (k != NULL)
		return k;
	/* a unique prefix of a deck id is fine too */
	for (i = 0; ctx->content != NULL && i < ctx->content->ndecks; i++) {
		const struct deck *d = ctx->content->decks[i];
		if (strncmp(d->id, id, strlen(id)) == 0) {
			if (k != NULL) {
				k = NULL;
				break;
			}
			k = d;
		}
	}
	if (k == NULL)
		cmd_error("%s \"%s\" (%s)", L(ctx->lang, "없는 덱", "unknown deck"), id,
		          L(ctx->lang, "\"decks\"로 목록을 보세요", "see \"decks\" for the list"));
	return k;
}

double
ctx_config_number(const struct ctx *ctx, const char *key, double def)
{
	const cJSON *v;

	if (ctx->config == NULL)
		return def;
	v = cJSON_GetObjectItemCaseSensitive((const cJSON *)ctx->config, key);
	return cJSON_IsNumber(v) ? v->valuedouble : def;
}

int
cmd_split(const char *line, int *argc, char ***argv)
{
	char **v = NULL, *word = NULL;
	size_t n = 0, wl = 0, len = strlen(line);
	const char *p = line;

	word = malloc(len + 1);
	if (word == NULL)
		return -1;
	for (;;) {
		char quote = 0;
		int have = 0;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p == '\0')
			break;
		wl = 0;
		while (*p != '\0' && (quote || (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r'))) {
			if (quote && *p == quote) {
				quote = 0;
			} else if (!quote && (*p == '"' || *p == '\'')) {
				quote = *p;
				have = 1;
			} else if (*p == '\\' && quote != '\'' && p[1] != '\0') {
				word[wl++] = *++p;
			} else {
				word[wl++] = *p;
			}
			p++;
		}
		if (quote) {
			free(word);
			cmd_free_argv((int)n, v);
			errno = EINVAL;
			return -1;
		}
		if (wl > 0 || have) {
			char **nv = realloc(v, (n + 2) * sizeof *v);
			if (nv == NULL)
				break;
			v = nv;
			v[n] = malloc(wl + 1);
			if (v[n] == NULL)
				break;
			memcpy(v[n], word, wl);
			v[n][wl] = '\0';
			n++;
			v[n] = NULL;
		}
	}
	free(word);
	*argc = (int)n;
	*argv = v;
	return 0;
}

void
cmd_free_argv(int argc, char **argv)
{
	int i;

	for (i = 0; argv != NULL && i < argc; i++)
		free(argv[i]);
	free(argv);
}

static int
wants_help(int argc, char **argv)
{
	return argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0);
}

int cmd_help_for(struct ctx *ctx, const struct cmd_entry *cmd);

int
cmd_run(struct ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry *cmd;
	char err[600];
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = NULL;
	int rc;

	if (argc == 0)
		return EXIT_OK;
	cmd = cmd_find(argv[0], err, sizeof err);
	if (cmd == NULL) {
		cmd_error("%s", err);
		return EXIT_USAGE;
	}
	if (wants_help(argc, argv))
		return cmd_help_for(ctx, cmd);

	ctx->out = stdout;
	if (cmd->paged && ctx->use_pager && ctx->rows > 0 && isatty(STDOUT_FILENO)) {
		mem = open_memstream(&buf, &len);
		if (mem != NULL)
			ctx->out = mem;
	}
	rc = cmd->exec(ctx, argc, argv);
	if (mem != NULL) {
		fclose(mem);
		ctx->out = stdout;
		term_page(buf, len, ctx->rows);
		free(buf);
	}
	if (fflush(stdout) != 0 && rc == EXIT_OK)
		rc = EXIT_FAIL;
	return rc;
}
