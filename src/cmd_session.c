/*
 * cmd_session.c: commands about the session itself: help, lang, quit.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "config.h"
#include "render.h"
#include "text.h"

extern const struct cmd_entry cmd_help_entry, cmd_lang_entry, cmd_quit_entry;
int cmd_help_for(struct ctx *ctx, const struct cmd_entry *cmd);

static void
help_list(struct ctx *ctx)
{
	FILE *out = ctx->out;
	int i, w = 0;

	for (i = 0; cmd_table[i] != NULL; i++) {
		int u = text_width(cmd_table[i]->usage);
		if (u > w && u <= 24)
			w = u;
	}
	fprintf(out, "%s\n\n", L(ctx->lang, "명령:", "commands:"));
	for (i = 0; cmd_table[i] != NULL; i++) {
		const struct cmd_entry *c = cmd_table[i];
		struct render_opts o = { ctx->width, 6, 0 };
		int u = text_width(c->usage);

		fprintf(out, "  %s%s%s", render_style(ctx->color, "bold"), c->usage,
		        render_style(ctx->color, "reset"));
		if (u > w) {
			fputc('\n', out);
			render_paragraph(out, c->summary[ctx->lang], &o);
			continue;
		}
		fprintf(out, "%*s", w - u + 2, "");
		o.indent = w + 4;
		render_wrap_at(out, c->summary[ctx->lang], w + 4, &o);
	}
	fprintf(out, "\n%s\n", L(ctx->lang,
		"명령 이름은 앞부분만 써도 됩니다(예: \"sh\" = show). \"help 명령\"으로 자세히 봅니다.",
		"A unique prefix runs a command (\"sh\" = show). \"help COMMAND\" shows more."));
	if (!ctx->in_repl)
		fprintf(out, "%s\n", L(ctx->lang,
			"공통 옵션: --lang ko|en, --content DIR, --data DIR, --no-pager, --help, --version",
			"global options: --lang ko|en, --content DIR, --data DIR, --no-pager, --help, --version"));
}

int
cmd_help_for(struct ctx *ctx, const struct cmd_entry *cmd)
{
	FILE *out = ctx->out != NULL ? ctx->out : stdout;
	struct render_opts o = { ctx->width, 2, ctx->color };

	fprintf(out, "%s: %s\n", L(ctx->lang, "사용법", "usage"), cmd->usage);
	if (cmd->alias != NULL)
		fprintf(out, "%s: %s\n", L(ctx->lang, "별칭", "alias"), cmd->alias);
	fputc('\n', out);
	render_paragraph(out, cmd->summary[ctx->lang], &o);
	if (cmd->help[ctx->lang] != NULL) {
		fputc('\n', out);
		render_markdown(out, cmd->help[ctx->lang], &o);
	}
	return EXIT_OK;
}

static int
help_exec(struct ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry *cmd;
	char err[600];

	if (argc > 2)
		return cmd_usage(ctx, &cmd_help_entry);
	if (argc == 1) {
		help_list(ctx);
		return EXIT_OK;
	}
	cmd = cmd_find(argv[1], err, sizeof err);
	if (cmd == NULL) {
		cmd_error("%s", err);
		return EXIT_USAGE;
	}
	return cmd_help_for(ctx, cmd);
}

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.alias = "?",
	.usage = "help [COMMAND]",
	.summary = { "명령 목록이나 한 명령의 자세한 설명을 봅니다",
	             "list the commands, or explain one" },
	.complete = COMPLETE_COMMAND,
	.paged = 1,
	.exec = help_exec,
};

static int
lang_exec(struct ctx *ctx, int argc, char **argv)
{
	int l;

	if (argc > 2)
		return cmd_usage(ctx, &cmd_lang_entry);
	if (argc == 1) {
		printf("%s\n", lang_name(ctx->lang));
		return EXIT_OK;
	}
	l = lang_parse(argv[1]);
	if (l < 0) {
		cmd_error("lang: %s \"%s\" (ko, en)",
		          L(ctx->lang, "지원하지 않는 언어", "unknown language"), argv[1]);
		return EXIT_USAGE;
	}
	ctx->lang = (enum lang)l;
	if (config_set_string(ctx, "lang", lang_name(ctx->lang)) == 0)
		printf("%s\n", L(ctx->lang, "언어를 한국어로 바꿨습니다 (설정에 저장됨).",
		                 "Language set to English (saved in the config)."));
	else
		printf("%s\n", L(ctx->lang, "언어를 한국어로 바꿨습니다 (이번 세션만).",
		                 "Language set to English (this session only)."));
	return EXIT_OK;
}

const struct cmd_entry cmd_lang_entry = {
	.name = "lang",
	.usage = "lang [ko|en]",
	.summary = { "화면과 내용의 언어를 보거나 바꿉니다",
	             "show or change the language of the interface and content" },
	.help = {
		"언어는 `--lang`, `OSPREP_LANG`, 설정 파일 순으로 정해지고, 없으면 한국어입니다. "
		"`lang en`은 설정 파일에 저장되어 다음에도 유지됩니다.",
		"The language comes from `--lang`, then `OSPREP_LANG`, then the config file, "
		"and is Korean otherwise. `lang en` is saved in the config file and sticks.",
	},
	.complete = COMPLETE_LANG,
	.exec = lang_exec,
};

static int
quit_exec(struct ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	ctx->quit = 1;
	return EXIT_OK;
}

const struct cmd_entry cmd_quit_entry = {
	.name = "quit",
	.alias = "exit",
	.usage = "quit",
	.summary = { "osprep을 끝냅니다 (Ctrl-D도 같습니다)", "leave osprep (Ctrl-D does too)" },
	.exec = quit_exec,
};
