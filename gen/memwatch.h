/* Allocation failures that a caller absorbs, remembered. A statistic or a
 * chart whose scratch memory could not be had is left out, and jansson
 * reports a failed allocation only as a NULL that json_object_set_new() and
 * its kind swallow: either way the report would silently lack something.
 * Such places call ms_nomem(), jansson's allocations are watched, and a
 * build writes nothing once one failed. */
#ifndef MS_MEMWATCH_H
#define MS_MEMWATCH_H
#include <stddef.h>
#include "diag.h"

/* Routes jansson's allocations through the watch (once, at start). */
void ms_memwatch_init(void);
/* Notes an allocation failure that the caller goes on without, on this thread. */
void ms_nomem(void);
/* Moves this thread's failures into d (a thread that worked for a build
 * gives them to the build's diagnostics before it is joined); returns d's
 * total: a build asks before it writes anything. */
int ms_nomem_collect(ms_diag *d);
/* malloc for a library that cannot recover from a failed allocation
 * (libharu: its error paths use blocks they have just freed). A failure
 * ends the process at once with an error line; nothing has been written
 * then, since a build writes its files only once all are made. */
void *ms_malloc_or_exit(size_t n);

#endif
