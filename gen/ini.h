/* INI reading shared by the report configuration and the claims files:
 * [section] headers, key = value lines, '#' or ';' comments. The callback
 * gets each pair with its line; sections are reported as key NULL. */
#ifndef MS_INI_H
#define MS_INI_H
#include <stddef.h>
#include "diag.h"

/* Returns 0 to go on, -1 to stop (after reporting the error). */
typedef int (*ms_ini_fn)(void *ctx, const char *section, const char *key, const char *value,
			 long line);

int ms_ini_parse(const char *file, const char *text, size_t len, ms_ini_fn fn, void *ctx, ms_diag *d);

/* The key of the known list nearest to key (a likely typo), or NULL. */
const char *ms_ini_suggest(const char *key, const char *const *known);
/* Reports "unknown key" with a suggestion; returns -1. */
int ms_ini_unknown_key(ms_diag *d, const char *file, long line, const char *key,
		       const char *const *known);

#endif
