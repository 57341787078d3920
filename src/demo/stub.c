/* Temporary: weak stand-ins until the demo table lands (removed then). */
#include <stddef.h>
#include <string.h>
#include "demo.h"

__attribute__((weak)) const struct demo *const demo_table[] = { NULL };

__attribute__((weak)) const struct demo *
demo_find(const char *name)
{
	size_t i;
	for (i = 0; demo_table[i] != NULL; i++)
		if (strcmp(demo_table[i]->name, name) == 0)
			return demo_table[i];
	return NULL;
}
