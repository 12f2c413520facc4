/* Notes for the reader: what a report left out and why (a venue with no
 * bars in its window, a crash day after the as-of date). They go to
 * stats.json and under "Data and methods"; they are not warnings, since
 * leaving such things out is right at that date. */
#ifndef MS_NOTES_H
#define MS_NOTES_H
#include <stddef.h>
#include "diag.h"

typedef struct ms_notes {
	char **text;                 /* owned */
	size_t n, cap;
} ms_notes;

/* Adds a note; -1 when out of memory (remembered by memwatch too). */
int ms_notes_add(ms_notes *notes, const char *fmt, ...) MS_PRINTF(2, 3);
void ms_notes_release(ms_notes *notes);

#endif
