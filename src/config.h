/*
 * config.h: the optional config file, $XDG_CONFIG_HOME/osprep/config.json.
 * Keys: "lang" ("ko"|"en"), "new_per_day", "retention", "max_interval",
 * "fuzz", "learning_steps", "relearning_steps" (review_params() in
 * cmd_review.c reads the scheduler's) and "demo_timeout".
 */
#ifndef OSPREP_CONFIG_H
#define OSPREP_CONFIG_H

#include "cmd.h"

/*
 * Read the config file into ctx->config. A missing file is fine; a broken
 * one is reported (file:line:col) and ignored. Returns 0, or -1 if broken.
 */
int config_load(struct ctx *ctx);

/* Set a string key and write the file atomically (0600). 0 or -1 with a message. */
int config_set_string(struct ctx *ctx, const char *key, const char *value);

/* Create dir and its parents with mode 0700 where missing. 0 or -1 (errno). */
int config_mkdirs(const char *dir);

#endif
