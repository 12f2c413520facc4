/* `mstress build`: config → sources → model → charts → documents → out/.
 * Everything is rendered in memory first and written only when all of it
 * succeeded, each file atomically, so a failed run leaves out/ as it was. */
#ifndef MS_REPORT_H
#define MS_REPORT_H
#include <stdint.h>
#include "diag.h"
#include "fetch.h"

typedef struct ms_build_opts {
	const char *config;      /* borrows; NULL: the default config in data/ */
	const char *out_dir;     /* borrows; ignored with site */
	const char *site;        /* borrows; a site directory: the report goes to site/AS_OF/ */
	const char *templates;   /* borrows; a templates directory, or NULL for the home's */
	const char *home;        /* borrows; where templates/, fonts/ and data/ live */
	int64_t as_of;           /* -1: from the config */
	int64_t fallback_as_of;  /* SOURCE_DATE_EPOCH's day when the config has no as_of, or -1 */
	int weekly;              /* -1: from the config; 1: the weekly newsletter; 0: the report */
	int dump_charts;         /* also write charts/ID.txt, each chart's display list */
	int offline;             /* no downloads: the cache and the snapshots only */
	const char *cache;       /* borrows; the cache directory, or NULL for the default */
	const char *const *sources;   /* borrows; --source NAME=URL overrides */
	size_t nsources;
	ms_fetch_opts fetch;
	int64_t *as_of_used;     /* borrows; NULL, or where the build puts the as-of date it used */
} ms_build_opts;

int ms_build(const ms_build_opts *o, ms_diag *d);

#endif
