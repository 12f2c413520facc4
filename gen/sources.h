/* Loading a report's inputs: the configuration file and every source it
 * names, parsed and cut to the report's window. Shared by `build` and
 * `check`. */
#ifndef MS_SOURCES_H
#define MS_SOURCES_H
#include <stdint.h>
#include "config.h"
#include "diag.h"
#include "model.h"
#include "notes.h"

/* Reads and checks the config at path; as_of >= 0 (--as-of) overrides its
 * date, fallback_as_of >= 0 (SOURCE_DATE_EPOCH) applies when it has none. */
int ms_config_load(const char *path, int64_t as_of, int64_t fallback_as_of, ms_config *cfg, ms_diag *d);
/* Loads every source of cfg as a point-in-time view at its as-of date
 * (model.h). On success *ds is an owned array of *n datasets, and each
 * secondary source with no bar in the window is left out with a note added
 * to left_out; on failure (every bad source reported) nothing is returned. */
int ms_sources_load(const ms_config *cfg, ms_dataset **ds, size_t *n, ms_notes *left_out, ms_diag *d);
void ms_sources_free(ms_dataset *ds, size_t n);

#endif
