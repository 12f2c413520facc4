/* Time zones from the system's tz database (TZif files under
 * /usr/share/zoneinfo, or $TZDIR): local wall-clock times of a source that
 * declares its zone made into UTC, across daylight-saving changes. No libc
 * time functions: they depend on the process-wide TZ. */
#ifndef MS_TZ_H
#define MS_TZ_H
#include <stdint.h>
#include "diag.h"

typedef struct ms_tz ms_tz;

/* Loads zone name ("America/New_York", "UTC"); errors name file and line
 * (the config key that asked for it). NULL after an error. */
ms_tz *ms_tz_load(const char *name, const char *file, long line, ms_diag *d);
void ms_tz_free(ms_tz *z);

enum ms_tz_result { MS_TZ_OK, MS_TZ_GAP, MS_TZ_AMBIGUOUS };
/* The UTC time of local wall-clock time `local` (seconds as if it were
 * UTC). A time skipped when clocks go forward is MS_TZ_GAP; one that occurs
 * twice when they go back is resolved by the rows' order: the first UTC
 * time after `after` (ascending rows), else the earlier of the two, with
 * MS_TZ_AMBIGUOUS when order could not decide. */
enum ms_tz_result ms_tz_to_utc(const ms_tz *z, int64_t local, int64_t after, int64_t *utc);

#endif
