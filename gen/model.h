/* The report model: every figure the report shows, with its value, unit,
 * display form, date, source and convention, as one JSON tree (jansson).
 * Templates, stats.json and the charts' labels all read it, so a number
 * cannot differ between outputs. */
#ifndef MS_MODEL_H
#define MS_MODEL_H
#include <stddef.h>
#include <jansson.h>
#include "config.h"
#include "diag.h"
#include "series.h"
#include "src_csv.h"
#include "stats.h"

/* What the file held, before the point-in-time cut: the only part of a
 * dataset that may depend on rows after the as-of date (stats.json's
 * "file" object of each source). */
typedef struct ms_file_facts {
	char name[160];              /* the file's leaf name, or "NAME.body (cache)" */
	int64_t bytes;
	size_t rows;
	int64_t first, last;         /* bar start times */
} ms_file_facts;

/* A loaded source as a point-in-time view: series holds only the bars that
 * end by 24:00 UTC on the as-of date (the rest are cut off when it is
 * loaded), so nothing downstream can reach a later row. */
typedef struct ms_dataset {
	const ms_source_cfg *cfg;    /* borrows */
	ms_csv_format fmt;           /* the format, with the config's value column */
	ms_file_facts file;
	ms_series *series;           /* owned (borrowed in an earlier view: ms_views_at) */
	size_t lo, hi;               /* bars inside [window_start, as_of + 1 day) */
	ms_series *daily;            /* owned; UTC days built from intraday bars, or NULL */
	size_t dlo, dhi;             /* the days of `daily` inside the window */
	size_t incomplete_days;      /* days of `daily` missing some bars */
	int from_cache;              /* read from the download cache (else the snapshot) */
	int64_t fetched_at, stale_since;   /* unix s; stale_since 0: the last fetch worked */
	char *last_error;            /* owned; why the last fetch failed, or NULL */
} ms_dataset;

/* 1 when the dataset holds daily bars with high and close (a price venue). */
int ms_is_daily_price(const ms_dataset *ds);
/* The daily bars of a price source: its own, or the days built from its
 * intraday bars (so an intraday file can be a report's primary source). */
ms_dataset ms_day_view(const ms_dataset *ds);

/* The first dataset with this metric and asset ("" matches any), or NULL. */
const ms_dataset *ms_find_metric(const ms_dataset *ds, size_t nds, ms_metric metric, const char *asset);

struct ms_figures;
/* Builds the model from the figures (figures.h): the one serializer of
 * stats.json and the templates' context. Returns a new reference, or NULL
 * after an error. */
json_t *ms_model_build(const struct ms_figures *f, ms_diag *d);
/* A member of the model by a dotted path ("primary.latest_close.value"),
 * borrowed, or NULL. */
json_t *ms_model_at(json_t *model, const char *path);

#endif
