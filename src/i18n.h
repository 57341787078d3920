/*
 * i18n.h: the language setting and the compiled-in table of UI messages.
 *
 * Minimal systems often lack a Korean locale for gettext, so messages live
 * in a small table here, one entry per message with its Korean and English.
 */
#ifndef OSPREP_I18N_H
#define OSPREP_I18N_H

enum lang {
	LANG_KO,
	LANG_EN,
	LANG_N
};

/* Parse "ko" or "en" (also "korean", "english", "ko_KR.UTF-8"); -1 if neither. */
int lang_parse(const char *s);
const char *lang_name(enum lang l);

/* Pick the string for the language: L(lang, "한국어", "English"). */
#define L(lang, ko, en) ((lang) == LANG_EN ? (en) : (ko))

#endif
