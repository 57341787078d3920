/*
 * config.c: reading and writing the config file. Writes go to a temporary
 * file that is renamed over the old one, so a crash never leaves half a file.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

int
config_mkdirs(const char *dir)
{
	char *p = strdup(dir), *s;

	if (p == NULL)
		return -1;
	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	if (mkdir(p, 0700) != 0 && errno != EEXIST) {
		free(p);
		return -1;
	}
	free(p);
	return 0;
}

int
config_load(struct ctx *ctx)
{
	FILE *f;
	char *buf;
	long n;
	const char *end = NULL;
	cJSON *root;

	if (ctx->config_path == NULL)
		return 0;
	f = fopen(ctx->config_path, "rb");
	if (f == NULL)
		return 0;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || n > 1 << 20 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		cmd_error("%s: cannot read config", ctx->config_path);
		return -1;
	}
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		cmd_error("%s: cannot read config", ctx->config_path);
		return -1;
	}
	fclose(f);
	buf[n] = '\0';
	root = cJSON_ParseWithLengthOpts(buf, (size_t)n, &end, 0);
	if (root == NULL || !cJSON_IsObject(root)) {
		int line = 1, col = 1;
		const char *p;
		if (end == NULL)
			end = buf;
		for (p = buf; p < end && *p; p++) {
			if (*p == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)*p & 0xC0) != 0x80) {
				col++;
			}
		}
		cmd_error("%s:%d:%d: invalid config (expected a JSON object); ignoring it",
		          ctx->config_path, line, col);
		cJSON_Delete(root);
		free(buf);
		return -1;
	}
	free(buf);
	ctx->config = root;
	return 0;
}

int
config_set_string(struct ctx *ctx, const char *key, const char *value)
{
	cJSON *root = ctx->config;
	char *text, *tmp, *dir, *slash;
	int fd, ok;
	size_t len;

	if (ctx->config_path == NULL)
		return -1;
	if (root == NULL) {
		root = cJSON_CreateObject();
		if (root == NULL)
			return -1;
		ctx->config = root;
	}
	if (cJSON_GetObjectItemCaseSensitive(root, key) != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(root, key, cJSON_CreateString(value));
	else
		cJSON_AddStringToObject(root, key, value);
	text = cJSON_Print(root);
	if (text == NULL)
		return -1;
	dir = strdup(ctx->config_path);
	slash = dir != NULL ? strrchr(dir, '/') : NULL;
	if (slash != NULL) {
		*slash = '\0';
		config_mkdirs(dir);
	}
	free(dir);
	len = strlen(ctx->config_path) + 8;
	tmp = malloc(len);
	if (tmp == NULL) {
		free(text);
		return -1;
	}
	snprintf(tmp, len, "%s.tmp", ctx->config_path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ok = fd >= 0;
	if (ok) {
		size_t n = strlen(text);
		ok = write(fd, text, n) == (ssize_t)n && write(fd, "\n", 1) == 1 && fsync(fd) == 0;
		ok = close(fd) == 0 && ok;
	}
	if (ok)
		ok = rename(tmp, ctx->config_path) == 0;
	if (!ok) {
		cmd_error("%s: cannot write config: %s", ctx->config_path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	free(text);
	return ok ? 0 : -1;
}
