/* Bringing the cache up to date: every source with a URL is fetched (in
 * parallel), checked by parsing it in its format, and only then stored. */
#ifndef MS_UPDATE_H
#define MS_UPDATE_H
#include <stdio.h>
#include "config.h"
#include "diag.h"
#include "fetch.h"

typedef struct ms_update_result {
	int fetched, unchanged, failed_network, failed_data;
} ms_update_result;

/* Fetches into cache_dir; a failure keeps the last good copy and is noted
 * in its record (the report then says the source is stale). It is reported
 * as an error, or as a warning with warn_only (a build goes on with the
 * last good copy). Each source's outcome goes to summary as a line, or is
 * a note when summary is NULL. */
void ms_update_sources(const ms_config *cfg, const char *cache_dir, const ms_fetch_opts *o, int warn_only,
		       FILE *summary, ms_update_result *r, ms_diag *d);

#endif
