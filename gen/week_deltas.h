/* The weekly newsletter's changes since the last issue: each figure of
 * this issue beside the same figure computed at the last issue's date
 * (the data up to that day, not an old file), and the change between. */
#ifndef MS_WEEK_DELTAS_H
#define MS_WEEK_DELTAS_H
#include <jansson.h>

/* Adds week.deltas to model from before (the model built as of a week
 * earlier): [{label, now, before, change}] of the figures both have.
 * 0, or -1 out of memory. */
int ms_week_deltas(json_t *model, json_t *before);

#endif
