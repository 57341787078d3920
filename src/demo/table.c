/*
 * table.c: the list of demos, in the order `demo` shows them.
 */
#include <stddef.h>
#include <string.h>

#include "demo.h"

extern const struct demo demo_race, demo_deadlock, demo_pipe, demo_ctxswitch, demo_cow,
	demo_mutex, demo_spawn;

const struct demo *const demo_table[] = {
	&demo_race,
	&demo_deadlock,
	&demo_pipe,
	&demo_ctxswitch,
	&demo_cow,
	&demo_mutex,
	&demo_spawn,
	NULL
};

const struct demo *
demo_find(const char *name)
{
	size_t i;

	for (i = 0; demo_table[i] != NULL; i++)
		if (strcmp(demo_table[i]->name, name) == 0)
			return demo_table[i];
	return NULL;
}
