/*
 * i18n.c: the language setting. UI strings sit next to their use as
 * L(lang, "한국어", "English") pairs, so a message and its translation are
 * always edited together and no locale files are needed at run time.
 */
#include "i18n.h"

#include <string.h>
#include <strings.h>

int
lang_parse(const char *s)
{
	if (s == NULL || *s == '\0')
		return -1;
	if (strncasecmp(s, "ko", 2) == 0 || strcasecmp(s, "korean") == 0 ||
	    strcmp(s, "한국어") == 0)
		return LANG_KO;
	if (strncasecmp(s, "en", 2) == 0 || strcasecmp(s, "english") == 0 ||
	    strcmp(s, "영어") == 0)
		return LANG_EN;
	return -1;
}

const char *
lang_name(enum lang l)
{
	return l == LANG_EN ? "en" : "ko";
}
