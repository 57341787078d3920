/*
 * ctx.c: session services opened on first use: the progress store.
 */
#include "cmd.h"

#if defined(__has_include)
#if __has_include("store.h")
#define HAVE_STORE 1
#include "store.h"
#endif
#endif

#ifdef HAVE_STORE
struct store *
ctx_store(struct ctx *ctx)
{
	char err[512];

	if (ctx->store == NULL) {
		ctx->store = store_open(ctx->data_dir, err, sizeof err);
		if (ctx->store == NULL)
			cmd_error("%s", err);
	}
	return ctx->store;
}

void ctx_close_store(struct ctx *ctx);
void
ctx_close_store(struct ctx *ctx)
{
	if (ctx->store != NULL)
		store_close(ctx->store);
	ctx->store = NULL;
}
#else
struct store *
ctx_store(struct ctx *ctx)
{
	(void)ctx;
	cmd_error("progress store not built in");
	return NULL;
}

void ctx_close_store(struct ctx *ctx);
void
ctx_close_store(struct ctx *ctx)
{
	(void)ctx;
}
#endif
