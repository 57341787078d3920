/*
 * cmd.h: the command table and the session every command runs in.
 *
 * One table (cmd_table in cmd.c) drives dispatch from the REPL and from the
 * shell, `help`, tab completion and usage errors. A command family lives in
 * its own cmd_*.c file and defines one `const struct cmd_entry` per command.
 */
#ifndef OSPREP_CMD_H
#define OSPREP_CMD_H

#include <stdint.h>
#include <stdio.h>

#include "content.h"
#include "i18n.h"

struct store;

/* Exit statuses, shared by commands and main. */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_USAGE = 2,
};

/* What a command's arguments complete to in the REPL. */
enum cmd_complete {
	COMPLETE_NONE,
	COMPLETE_COMMAND,
	COMPLETE_CARD,
	COMPLETE_DECK,
	COMPLETE_DEMO,
	COMPLETE_LANG,
	COMPLETE_FILE,
};

/* The session: loaded content and settings, shared by every command. */
struct ctx {
	struct content *content;   /* all decks that loaded */
	enum lang lang;            /* UI and content language */
	char *content_dir;
	char *data_dir;            /* progress.db and history live here */
	char *config_path;
	int interactive;           /* stdin is a terminal: the REPL with line editing */
	int color;                 /* stdout is a terminal and NO_COLOR is unset */
	int use_pager;             /* --no-pager turns it off */
	int width;                 /* output width in columns */
	const struct card *last_card;  /* the card `show` displayed last (for `run`) */
	struct store *store;       /* opened on first use; see ctx_store() */
	int in_repl;               /* running inside the REPL (not one-shot) */
	FILE *out;                 /* normal output: stdout, or a buffer on its way to the pager */
	int rows;                  /* terminal height, 0 when unknown */
	void *config;              /* the parsed config file (cJSON *), or NULL */
	int quit;                  /* set by `quit`: the REPL ends after this command */
};

struct cmd_entry {
	const char *name;
	const char *alias;             /* NULL or a second name */
	const char *usage;             /* "show CARD" */
	const char *summary[LANG_N];   /* one line */
	const char *help[LANG_N];      /* more lines, or NULL */
	enum cmd_complete complete;
	int paged;                     /* long output goes through $PAGER: write to ctx->out */
	int (*exec)(struct ctx *ctx, int argc, char **argv);
};

extern const struct cmd_entry *const cmd_table[];

/*
 * Find a command by exact name, alias or unique prefix. On failure returns
 * NULL and writes into err why: "ambiguous command: x, could be: a, b" or
 * "unknown command: x" with the closest name suggested.
 */
const struct cmd_entry *cmd_find(const char *name, char *err, size_t errlen);

/* Run argv[0] with its arguments; returns an exit status. */
int cmd_run(struct ctx *ctx, int argc, char **argv);

/* Print "usage: ..." for a command on stderr and return EXIT_USAGE. */
int cmd_usage(const struct ctx *ctx, const struct cmd_entry *cmd);

/* An option a command accepts: "--deck D" (arg) or "--json" (flag). */
struct cmd_opt {
	const char *name;              /* "deck" for --deck */
	const char **arg;              /* set for options with an argument */
	int *flag;                     /* set to 1 for flags */
};

/*
 * Parse argv[1..] against opts (NULL-name terminated); "--name=value" and
 * "--name value" both work, "--" ends options. Positional arguments are
 * moved to the front of argv (after argv[0]) and counted in *npos.
 * On an unknown option or a missing value, prints the problem and the
 * command's usage on stderr and returns -1.
 */
int cmd_parse(const struct cmd_entry *cmd, int argc, char **argv,
              const struct cmd_opt *opts, int *npos);

/* Parse a whole number in [min, max]; -1 and a message naming opt if not. */
int cmd_int_arg(const char *cmdname, const char *opt, const char *s, long min, long max, long *out);

/* Print "osprep: <message>" on stderr (lowercase, subject quoted). */
void cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Look up a card given on the command line; on failure prints
 * `unknown card "x"` with the closest id suggested and returns NULL.
 */
const struct card *cmd_card_arg(const struct ctx *ctx, const char *id);
const struct deck *cmd_deck_arg(const struct ctx *ctx, const char *id);

/* A number from the config file, or def. */
double ctx_config_number(const struct ctx *ctx, const char *key, double def);

/* Split a command line into words, honouring "double" and 'single' quotes. */
int cmd_split(const char *line, int *argc, char ***argv);
void cmd_free_argv(int argc, char **argv);

/*
 * Read one line of user input inside a command (review answers, practice
 * answers). Uses line editing when interactive. Returns a malloc'd line
 * without its newline, or NULL on end of input. *interrupted is set when the
 * user pressed Ctrl-C.
 */
char *ctx_read_line(struct ctx *ctx, const char *prompt, int *interrupted);

/*
 * The same with a prompt that tick() writes, called before the line starts
 * and, on a terminal, again every second while the user types (a countdown).
 */
char *ctx_read_line_ticking(struct ctx *ctx, void (*tick)(char *prompt, size_t size, void *arg),
                            void *arg, int *interrupted);

/*
 * The scheduler's settings from the config file ("retention", "max_interval",
 * "fuzz", "learning_steps", "relearning_steps"); a bad value is reported and
 * its default used. review, practice and interview all schedule with these.
 */
struct fsrs_params;
void review_params(const struct ctx *ctx, struct fsrs_params *p);

/* Now (Unix seconds, OSPREP_NOW when set), or -1 after saying why not. */
int review_now(int64_t *now);

/* The progress store, opened on first use; NULL (with a message) on error. */
struct store *ctx_store(struct ctx *ctx);

#endif
