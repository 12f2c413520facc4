/* `mstress build`: config → sources → figures → model → charts → documents,
 * all in memory (ms_build_make), then written as one set (ms_build_write):
 * a failed run leaves out/ as it was. `mail` and the site use the report
 * object and never read a written file back. */
#ifndef MS_REPORT_H
#define MS_REPORT_H
#include <stdint.h>
#include <jansson.h>
#include "buf.h"
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
	int dump_layout;         /* also write layout.txt, the PDF's pagination */
	int offline;             /* no downloads: the cache and the snapshots only */
	const char *cache;       /* borrows; the cache directory, or NULL for the default */
	const char *const *sources;   /* borrows; --source NAME=URL overrides */
	size_t nsources;
	ms_fetch_opts fetch;
	int64_t *as_of_used;     /* borrows; NULL, or where the build puts the as-of date it used */
} ms_build_opts;

/* A built report: its model, and every output file by name. */
typedef struct ms_built ms_built;

/* Builds the report in memory; *out is NULL when it fails. o must outlive it. */
int ms_build_make(const ms_build_opts *o, ms_built **out, ms_diag *d);
/* Writes every output file to the report's folder, as one set. */
int ms_build_write(const ms_built *r, ms_diag *d);
/* The model, as serialized to stats.json (with the claims, editorial and links). */
const json_t *ms_build_model(const ms_built *r);
/* An output by its name in the set ("report.pdf", "charts/price.png"), or NULL. */
const ms_buf *ms_build_output(const ms_built *r, const char *name);
/* A chart as the email shows it, a PNG at 2x appended to out: ID laid out
 * for the 600 px email, ID-phone for a phone. 1 when the report draws no
 * such chart (nothing said), -1 after an error. */
int ms_build_email_chart(const ms_built *r, const char *id, ms_buf *out, ms_diag *d);
const char *ms_build_out_dir(const ms_built *r);
int64_t ms_build_as_of(const ms_built *r);
void ms_build_free(ms_built *r);

/* make, write, free */
int ms_build(const ms_build_opts *o, ms_diag *d);

#endif
