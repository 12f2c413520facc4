/* Bringing the cache up to date: every source with a URL is fetched (in
 * parallel), checked by parsing it in its format, and only then stored. */
#ifndef MS_UPDATE_H
#define MS_UPDATE_H
#include <stdio.h>
#include "config.h"
#include "diag.h"
#include "fetch.h"

typedef struct ms_update_result {
	int fetched, unchanged, failed_network, failed_data, failed_store;   /* failed_store: the cache could not be written */
} ms_update_result;

enum {
	MS_UPDATE_WARN_ONLY = 1,   /* failures are warnings: a build goes on with the last good copy */
	MS_UPDATE_FORCE = 2,       /* store an answer even when it is worse than the cached copy */
};

/* Fetches into cache_dir; a failure keeps the last good copy and is noted
 * in its record (the report then says the source is stale). So does an
 * answer that parses but is worse than the cached copy: no rows in the
 * report's window, or ending earlier, or fewer rows in the window (unless
 * MS_UPDATE_FORCE). Failures are errors, or warnings (MS_UPDATE_WARN_ONLY).
 * Each source's outcome goes to summary as a line, or is a note when
 * summary is NULL. */
void ms_update_sources(const ms_config *cfg, const char *cache_dir, const ms_fetch_opts *o, unsigned flags,
		       FILE *summary, ms_update_result *r, ms_diag *d);

#endif
