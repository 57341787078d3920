/*
 * cmd_check.c: `check`, the content validator's command.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd.h"

extern const struct cmd_entry cmd_check_entry;

static int
check_exec(struct ctx *ctx, int argc, char **argv)
{
	struct content c;
	struct diags d = { 0 };
	const char *def[1];
	const char *const *paths;
	size_t npaths, i, j, cards = 0, counts[KIND_N] = { 0 };
	int rc;

	(void)ctx;
	if (argc > 1) {
		paths = (const char *const *)(argv + 1);
		npaths = (size_t)argc - 1;
	} else {
		def[0] = ctx->content_dir;
		paths = def;
		npaths = 1;
	}
	content_load(&c, paths, npaths, &d);
	diags_print(&d, stdout);
	for (i = 0; i < c.ndecks; i++)
		for (j = 0; j < c.decks[i]->ncards; j++) {
			counts[c.decks[i]->cards[j].kind]++;
			cards++;
		}
	if (d.nerrors > 0) {
		if (ctx->lang == LANG_EN)
			printf("%zu problem%s found\n", d.nerrors, d.nerrors == 1 ? "" : "s");
		else
			printf("문제 %zu개를 찾았습니다\n", d.nerrors);
		rc = EXIT_FAIL;
	} else {
		if (ctx->lang == LANG_EN)
			printf("ok: %zu deck%s, %zu cards (", c.ndecks, c.ndecks == 1 ? "" : "s", cards);
		else
			printf("ok: 덱 %zu개, 카드 %zu장 (", c.ndecks, cards);
		for (i = 0; i < KIND_N; i++)
			printf("%s%s %zu", i ? ", " : "", card_kind_name((enum card_kind)i), counts[i]);
		printf(")");
		if (d.nwarnings > 0)
			printf(L(ctx->lang, ", 경고 %zu개", ", %zu warning(s)"), d.nwarnings);
		printf("\n");
		rc = EXIT_OK;
	}
	content_free(&c);
	diags_free(&d);
	return rc;
}

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.usage = "check [FILE|DIR ...]",
	.summary = { "내용 파일(덱)을 검사합니다", "validate content files (decks)" },
	.help = {
		"JSON 문법, 형식, 필수 필드, id 형식과 중복(덱 사이까지), 끊어진 링크, 없는 데모 이름, "
		"빠진 번역, 잘못된 UTF-8, 제어 문자, 파일 크기(4 MiB), 중첩 깊이를 검사합니다. "
		"문제마다 `파일:줄:칸: 설명`으로 한 줄씩 알리고, 문제가 있으면 종료 상태 1입니다. "
		"인자가 없으면 내용 디렉터리 전체를 검사합니다.",
		"Checks JSON syntax, types, required fields, id format and uniqueness across decks, "
		"dangling links, unknown demo names, missing translations, invalid UTF-8, control "
		"characters, file size (4 MiB) and nesting depth. Each problem is one line "
		"`FILE:LINE:COL: message`; the exit status is 1 if there are any. With no argument "
		"it checks the whole content directory.",
	},
	.complete = COMPLETE_FILE,
	.exec = check_exec,
};
