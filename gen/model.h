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

/* A loaded source, cut to the report's window. */
typedef struct ms_dataset {
	const ms_source_cfg *cfg;    /* borrows */
	ms_csv_format fmt;           /* the format, with the config's value column */
	ms_series *series;           /* owned */
	size_t lo, hi;               /* bars inside [window_start, as_of + 1 day) */
	ms_series *daily;            /* owned; UTC days built from intraday bars, or NULL */
	size_t dlo, dhi;             /* the days of `daily` inside the window */
	size_t incomplete_days;      /* days of `daily` missing some bars */
	int from_cache;              /* read from the download cache (else the snapshot) */
	int64_t fetched_at, stale_since;   /* unix s; stale_since 0: the last fetch worked */
	char *last_error;            /* owned; why the last fetch failed, or NULL */
} ms_dataset;

/* The price figures of one daily OHLC series (computed once, used by the
 * model and by the charts). Indices are into the whole series. */
typedef struct ms_price_figures {
	size_t latest;               /* the last bar in the window */
	size_t ath_high, ath_close;  /* the highest high and close */
	size_t period_high;          /* the period's highest high */
	int has_period;
	ms_drawdown maxdd;           /* on closes */
} ms_price_figures;

int ms_price_figures_compute(const ms_dataset *ds, const ms_config *cfg,
			     ms_price_figures *out, ms_diag *d);
/* 1 when the dataset holds daily bars with high and close (a price venue). */
int ms_is_daily_price(const ms_dataset *ds);
/* The daily bars of a price source: its own, or the days built from its
 * intraday bars (so an intraday file can be a report's primary source). */
ms_dataset ms_day_view(const ms_dataset *ds);

/* The first dataset with this metric and asset ("" matches any), or NULL. */
const ms_dataset *ms_find_metric(const ms_dataset *ds, size_t nds, const char *metric, const char *asset);

/* Builds the model. Returns a new reference, or NULL after an error. */
json_t *ms_model_build(const ms_config *cfg, const ms_dataset *ds, size_t nds, ms_diag *d);

#endif
