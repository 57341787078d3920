/*
 * cmd_demo.c: `demo` lists the live demos and runs one; `run` runs the
 * demo of the card `show` displayed last. The demo itself runs isolated
 * (demo/runner.c); this file parses the options common to every demo,
 * prints --source and --help, and turns how the child ended into a message
 * and an exit status.
 */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "demo/demo.h"
#include "render.h"
#include "term.h"
#include "text.h"

extern const struct cmd_entry cmd_demo_entry, cmd_run_entry;

#define DEMO_TIMEOUT_MAX 3600.0

static const char core_begin[] = "osprep:core-begin";
static const char core_end[] = "osprep:core-end";

static int
demo_list(struct ctx *ctx)
{
	FILE *out = ctx->out;
	struct render_opts o = { ctx->width, 14, 0 };
	size_t i;

	fprintf(out, "%s\n\n", L(ctx->lang, "데모:", "demos:"));
	for (i = 0; demo_table[i] != NULL; i++) {
		fprintf(out, "  %s%-10s%s  ", render_style(ctx->color, "bold"), demo_table[i]->name,
		        render_style(ctx->color, "reset"));
		render_wrap_at(out, demo_table[i]->summary[ctx->lang == LANG_EN], 14, &o);
	}
	fprintf(out, "\n%s\n", L(ctx->lang,
		"실행: demo 이름 [--timeout 초] [--json] [--source]. 데모별 옵션: demo 이름 --help",
		"run one: demo NAME [--timeout S] [--json] [--source]. Its options: demo NAME --help"));
	return EXIT_OK;
}

/* A demo by exact name or unique prefix; prints why not and returns NULL. */
static const struct demo *
demo_lookup(const struct ctx *ctx, const char *name)
{
	const struct demo *d = demo_find(name), *found = NULL;
	const char *best = NULL;
	size_t i, len = strlen(name), nfound = 0;
	int bestd = 3;

	if (d != NULL)
		return d;
	for (i = 0; len > 0 && demo_table[i] != NULL; i++)
		if (strncmp(demo_table[i]->name, name, len) == 0) {
			found = demo_table[i];
			nfound++;
		}
	if (nfound == 1)
		return found;
	for (i = 0; demo_table[i] != NULL; i++) {
		int dist = text_distance(name, demo_table[i]->name);
		if (dist < bestd) {
			bestd = dist;
			best = demo_table[i]->name;
		}
	}
	if (best != NULL)
		cmd_error("%s \"%s\" (%s \"%s\"?)", L(ctx->lang, "없는 데모", "unknown demo"), name,
		          L(ctx->lang, "혹시", "did you mean"), best);
	else
		cmd_error("%s \"%s\" (%s)", L(ctx->lang, "없는 데모", "unknown demo"), name,
		          L(ctx->lang, "\"demo\"로 목록을 보세요", "see \"demo\" for the list"));
	return NULL;
}

static int
demo_help(struct ctx *ctx, const struct demo *d)
{
	FILE *out = ctx->out;
	struct render_opts o = { ctx->width, 2, 0 };

	fprintf(out, "%s: %s\n", L(ctx->lang, "사용법", "usage"), d->usage);
	fputc('\n', out);
	render_paragraph(out, d->summary[ctx->lang == LANG_EN], &o);
	fprintf(out, "\n%s\n", L(ctx->lang, "옵션:", "options:"));
	if (d->help[ctx->lang == LANG_EN] != NULL) {
		const char *p = d->help[ctx->lang == LANG_EN];
		while (*p != '\0') {
			const char *nl = strchr(p, '\n');
			size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
			fprintf(out, "  %.*s\n", (int)n, p);
			p += n + (nl != NULL);
		}
	}
	fputs(L(ctx->lang,
		"  --timeout S      이 시간(초)이 지나면 데모를 멈춤 (기본 15)\n"
		"  --json           결과를 JSON 객체 하나로 출력\n"
		"  --source         이 데모의 핵심 C 코드 (실제로 컴파일된 파일에서)\n"
		"  --full           --source와 함께: 파일 전체\n",
		"  --timeout S      stop the demo after S seconds (default 15)\n"
		"  --json           print the results as one JSON object\n"
		"  --source         the demo's core C code (from the very file compiled)\n"
		"  --full           with --source: the whole file\n"), out);
	fprintf(out, "\n%s\n", L(ctx->lang,
		"데모는 별도 프로세스 그룹에서 실행됩니다. Ctrl-C를 누르면 멈추고 프롬프트로 돌아옵니다.",
		"The demo runs in its own process group; Ctrl-C stops it and gives the prompt back."));
	return EXIT_OK;
}

/*
 * Print the demo's source: the core between the markers, or the whole file.
 * Line numbers are the file's own, so they match an editor.
 */
static int
demo_source(struct ctx *ctx, const struct demo *d, int full)
{
	const char *src = d->source, *p, *b = NULL, *e = NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *out;
	int line = 1, first = 1, last = 0;

	if (src == NULL) {
		cmd_error("demo \"%s\": %s", d->name, L(ctx->lang, "소스가 들어 있지 않음", "no source built in"));
		return EXIT_FAIL;
	}
	for (p = src; *p != '\0'; p++) {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (b == NULL && memmem(p, n, core_begin, sizeof core_begin - 1) != NULL) {
			b = nl != NULL ? nl + 1 : p + n;
			first = line + 1;
		} else if (b != NULL && e == NULL && memmem(p, n, core_end, sizeof core_end - 1) != NULL) {
			e = p;
			last = line - 1;
		}
		line++;
		p += n;
		if (*p == '\0')
			break;
	}
	if (full || b == NULL || e == NULL) {
		b = src;
		e = src + strlen(src);
		first = 1;
		last = line - 1;
	}
	out = open_memstream(&buf, &len);
	if (out == NULL)
		out = stdout;
	fprintf(out, "/* src/demo/%s.c:%d-%d%s */\n", d->name, first, last,
	        full ? "" : L(ctx->lang, " (핵심 부분; 파일 전체는 --source --full)",
	                                 " (the core; the whole file with --source --full)"));
	fwrite(b, 1, (size_t)(e - b), out);
	if (out == stdout)
		return EXIT_OK;
	fclose(out);
	if (ctx->use_pager && isatty(STDOUT_FILENO))
		term_page(buf, len, ctx->rows);
	else
		fwrite(buf, 1, len, stdout);
	free(buf);
	return EXIT_OK;
}

/*
 * Run demo d with argv[0..argc) (argv[0] names the demo): the common
 * options are taken out here, the rest go to the demo.
 */
static int
demo_start(struct ctx *ctx, const struct demo *d, int argc, char **argv)
{
	struct demo_run_opts o;
	struct demo_result res;
	char **dargv;
	double timeout = ctx_config_number(ctx, "demo_timeout", 15);
	int i, n = 0, json = 0, source = 0, full = 0, rc;

	dargv = calloc((size_t)argc + 1, sizeof *dargv);
	if (dargv == NULL) {
		cmd_error("out of memory");
		return EXIT_FAIL;
	}
	dargv[n++] = (char *)(uintptr_t)d->name;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = NULL;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			free(dargv);
			return demo_help(ctx, d);
		} else if (strcmp(a, "--json") == 0) {
			json = 1;
		} else if (strcmp(a, "--source") == 0) {
			source = 1;
		} else if (strcmp(a, "--full") == 0) {
			full = 1;
		} else if (strcmp(a, "--timeout") == 0 || strncmp(a, "--timeout=", 10) == 0) {
			char *end;
			if (a[9] == '=')
				v = a + 10;
			else if (i + 1 < argc)
				v = argv[++i];
			if (v == NULL) {
				cmd_error("demo: option \"--timeout\" needs a value");
				free(dargv);
				return cmd_usage(ctx, &cmd_demo_entry);
			}
			errno = 0;
			timeout = strtod(v, &end);
			if (*v == '\0' || *end != '\0' || errno != 0 || !isfinite(timeout) ||
			    timeout <= 0 || timeout > DEMO_TIMEOUT_MAX) {
				cmd_error("demo: --timeout must be a number of seconds above 0 and at most %g, not \"%s\"",
				          DEMO_TIMEOUT_MAX, v);
				free(dargv);
				return EXIT_USAGE;
			}
		} else {
			dargv[n++] = argv[i];
		}
	}
	dargv[n] = NULL;
	if (full && !source) {
		cmd_error("demo: --full goes with --source");
		free(dargv);
		return EXIT_USAGE;
	}
	if (source) {
		free(dargv);
		return demo_source(ctx, d, full);
	}
	if (timeout <= 0 || timeout > DEMO_TIMEOUT_MAX)
		timeout = 15;

	memset(&o, 0, sizeof o);
	o.timeout_s = timeout;
	o.env.lang = ctx->lang == LANG_EN;
	o.env.json = json;
	o.env.progress = isatty(STDERR_FILENO);
	o.env.color = ctx->color && !json;
	o.env.width = ctx->width > 0 && ctx->width < 80 ? ctx->width : 80;
	fflush(ctx->out);
	rc = demo_run(d, n, dargv, &o, &res);
	free(dargv);
	if (rc != 0) {
		cmd_error("demo \"%s\": %s: %s", d->name,
		          L(ctx->lang, "시작할 수 없음", "cannot start"), strerror(errno));
		return EXIT_FAIL;
	}
	rc = res.status;
	if (res.timed_out) {
		if (ctx->lang == LANG_EN)
			cmd_error("demo \"%s\" timed out after %g s", d->name, timeout);
		else
			cmd_error("데모 \"%s\" 시간 초과: %g초 제한 (--timeout으로 바꿀 수 있음)", d->name, timeout);
		rc = EXIT_FAIL;
	} else if (res.interrupted) {
		fflush(stdout);
		fputc('\n', stderr);
		if (ctx->lang == LANG_EN)
			cmd_error("demo \"%s\" stopped", d->name);
		else
			cmd_error("데모 \"%s\" 중지됨", d->name);
		rc = EXIT_FAIL;
	} else if (res.status == 128 + SIGPIPE) {
		rc = EXIT_FAIL;    /* the reader went away: nothing to say */
	} else if (res.status > 128) {
		if (ctx->lang == LANG_EN)
			cmd_error("demo \"%s\" crashed: %s", d->name, strsignal(res.status - 128));
		else
			cmd_error("데모 \"%s\" 비정상 종료: %s", d->name, strsignal(res.status - 128));
		rc = EXIT_FAIL;
	} else if (rc != EXIT_OK && rc != EXIT_FAIL && rc != EXIT_USAGE) {
		rc = EXIT_FAIL;
	}
	demo_result_free(&res);
	return rc;
}

static int
demo_exec(struct ctx *ctx, int argc, char **argv)
{
	const struct demo *d;

	if (argc == 1)
		return demo_list(ctx);
	if (argv[1][0] == '-') {
		cmd_error("demo: %s \"%s\"", L(ctx->lang, "데모 이름이 먼저 와야 함, 받은 것", "a demo name comes first, not"),
		          argv[1]);
		return cmd_usage(ctx, &cmd_demo_entry);
	}
	d = demo_lookup(ctx, argv[1]);
	if (d == NULL)
		return EXIT_USAGE;
	return demo_start(ctx, d, argc - 1, argv + 1);
}

static int
run_exec(struct ctx *ctx, int argc, char **argv)
{
	const struct card *c = ctx->last_card;
	const struct demo *d;
	char **v;
	size_t i, n = 0;
	int rc;

	if (c == NULL) {
		cmd_error("run: %s", L(ctx->lang, "아직 본 카드가 없음: 먼저 \"show 카드\"",
		                                  "no card shown yet: \"show CARD\" first"));
		return EXIT_FAIL;
	}
	if (c->demo == NULL) {
		cmd_error("run: %s \"%s\" %s", L(ctx->lang, "카드", "card"), c->id,
		          L(ctx->lang, "에는 데모가 없음 (\"demo\"로 목록을 보세요)",
		                       "has no demo (see \"demo\" for the list)"));
		return EXIT_FAIL;
	}
	d = demo_lookup(ctx, c->demo);
	if (d == NULL)
		return EXIT_FAIL;
	v = calloc(c->demo_args.n + (size_t)argc + 1, sizeof *v);
	if (v == NULL) {
		cmd_error("out of memory");
		return EXIT_FAIL;
	}
	v[n++] = c->demo;
	for (i = 0; i < c->demo_args.n; i++)
		v[n++] = c->demo_args.v[i];
	for (i = 1; i < (size_t)argc; i++)
		v[n++] = argv[i];
	v[n] = NULL;
	rc = demo_start(ctx, d, (int)n, v);
	free(v);
	return rc;
}

const struct cmd_entry cmd_demo_entry = {
	.name = "demo",
	.usage = "demo [NAME [--timeout S] [--json] [--source] [options]]",
	.summary = { "라이브 데모 목록을 보거나 하나를 이 컴퓨터에서 실행합니다",
	             "list the live demos, or run one on this machine" },
	.help = {
		"이름 없이 쓰면 데모 목록을 보여 줍니다. 데모는 별도 프로세스 그룹에서 실행되므로 "
		"멈추거나 죽어도 osprep은 그대로이고, 제한 시간(기본 15초, `--timeout S`)이 지나거나 "
		"Ctrl-C를 누르면 프로세스를 남기지 않고 멈춥니다.\n\n"
		"- `--json`: 매개변수, 기계 정보, 측정값, 결과를 JSON 객체 하나로\n"
		"- `--source`: 실제로 컴파일된 파일에서 가져온 데모의 핵심 C 코드\n"
		"- `demo 이름 --help`: 그 데모의 옵션\n\n"
		"종료 상태: 0 성공, 1 실패나 시간 초과나 중지, 2 사용법 오류.",
		"With no name, lists the demos. A demo runs in its own process group, so a hang or "
		"a crash never takes osprep down; the time limit (15 s, `--timeout S`) or Ctrl-C "
		"stops it and leaves no process behind.\n\n"
		"- `--json`: parameters, machine facts, raw figures and results as one JSON object\n"
		"- `--source`: the demo's core C code, from the very file that was compiled\n"
		"- `demo NAME --help`: that demo's options\n\n"
		"Exit status: 0 success, 1 failure, time-out or stop, 2 usage error.",
	},
	.complete = COMPLETE_DEMO,
	.paged = 0,
	.exec = demo_exec,
};

const struct cmd_entry cmd_run_entry = {
	.name = "run",
	.usage = "run [--timeout S] [--json] [options]",
	.summary = { "마지막으로 본 카드의 데모를 실행합니다",
	             "run the demo of the card shown last" },
	.help = {
		"`show 카드` 다음에 쓰면 그 카드를 뒷받침하는 데모를 카드가 정한 인자로 실행합니다. "
		"옵션은 `demo`와 같습니다.",
		"After `show CARD`, runs the demo that backs the card, with the card's arguments. "
		"Options are those of `demo`.",
	},
	.complete = COMPLETE_NONE,
	.paged = 0,
	.exec = run_exec,
};
