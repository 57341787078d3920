/*
 * fuzz_check.c: libFuzzer over the deck loader and validator, and the
 * renderer for whatever text survives validation. Any input must come back
 * as a deck or as diagnostics, never as a crash, a leak or a hang.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "check.h"
#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags d = { 0 };
	struct deck *k = deck_parse("fuzz.json", (const char *)data, size, &d);
	static FILE *null;

	if (null == NULL)
		null = fopen("/dev/null", "w");
	if (k != NULL && null != NULL) {
		struct render_opts o = { 40, 2, 1 };
		size_t i;
		for (i = 0; i < k->ncards; i++) {
			int l;
			for (l = 0; l < LANG_N; l++) {
				if (k->cards[i].title.s[l] != NULL)
					render_markdown(null, k->cards[i].title.s[l], &o);
				if (k->cards[i].body.s[l] != NULL)
					render_markdown(null, k->cards[i].body.s[l], &o);
			}
		}
	}
	if (null != NULL)
		diags_print(&d, null);
	deck_free(k);
	diags_free(&d);
	return 0;
}
