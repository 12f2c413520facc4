/* An article's claims, recomputed from the data. A claims file (INI) holds
 * one [claim.ID] section per quantitative claim: the quoted sentence, the
 * statistic and its parameters, the article's figure, its unit and a
 * tolerance. Each claim gets a verdict: confirmed, differs, inconsistent
 * (the article's own numbers disagree) or unverifiable (the data needed is
 * not loaded, and the verdict says which data would be). */
#ifndef MS_CLAIMS_H
#define MS_CLAIMS_H
#include <stddef.h>
#include <jansson.h>
#include "buf.h"
#include "config.h"
#include "diag.h"
#include "model.h"

typedef struct ms_claims ms_claims;

ms_claims *ms_claims_parse(const char *file, const char *text, size_t len, ms_diag *d);
void ms_claims_free(ms_claims *c);
/* Reads and parses the claims file at path. */
ms_claims *ms_claims_load(const char *path, ms_diag *d);

/* Checks every claim; returns {"article": {…}, "counts": {…}, "items": [ … ]}
 * (a new reference), or NULL when out of memory. */
json_t *ms_claims_check(const ms_claims *c, const ms_config *cfg, const ms_dataset *ds, size_t nds);

/* The results as a text table (for `mstress check`). */
void ms_claims_table(const json_t *result, ms_buf *out);

#endif
