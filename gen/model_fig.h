/* Internal to model*.c: figures as JSON objects. Every figure carries its
 * value, unit, display form, source id and convention. */
#ifndef MS_MODEL_FIG_H
#define MS_MODEL_FIG_H
#include <stdint.h>
#include <jansson.h>
#include "figures.h"
#include "model.h"

typedef enum ms_unit {
	MS_USD,          /* US dollars, shown whole: $126,210 */
	MS_USD_BIG,      /* US dollars, shown compact: $2.55T */
	MS_USD_MILLIONS, /* a value in US$ millions, shown compact: −$3.09B */
	MS_FRACTION,     /* a level shown as a percentage: 44.1 % */
	MS_CHANGE,       /* a relative change, shown with its sign (+3.3 %, −44.1 %) and its words */
	MS_LOSS,         /* a positive fraction that is a loss (VaR): 5.2 % */
	MS_DAYS,
	MS_INDEX,        /* a 0–100 index */
	MS_RATIO,        /* shown with two decimals */
	MS_COINS,        /* an amount of the asset */
	MS_USDT          /* Tether, the quote of perpetual futures, shown whole: 70,544 USDT */
} ms_unit;

/* The unit of a source's prices: US$, or the currency its format quotes in. */
ms_unit ms_price_unit(const ms_dataset *ds);

json_t *ms_fig(double v, ms_unit unit, const char *source, const char *convention);
/* The same figure, dated (adds "date": "YYYY-MM-DD"). */
json_t *ms_fig_on(double v, ms_unit unit, int64_t day, const char *source, const char *convention);
/* Sets "cell" on each US$ figure of figs (a JSON array; scale 1e6 for
 * figures in US$ millions): its form in a table column of them all, one
 * unit and one number of decimals (ms_usd_column_of). */
void ms_fig_column(json_t *figs, double scale);
/* The same for the column key of a table's rows (objects; rows without the
 * figure are left out). */
void ms_rows_column(json_t *rows, const char *key, double scale);
/* Adds "time": "YYYY-MM-DD HH:MM UTC". */
void ms_fig_set_time(json_t *fig, int64_t t);
json_t *ms_json_date(int64_t t);
/* Sets key to the day ("2026-02-06", for tables) and key_text to it for
 * prose ("6 February 2026"); both null when !have. */
void ms_json_set_day(json_t *o, const char *key, int have, int64_t t);

/* model_price.c; a drawdown episode as a table row (depth, peak, trough,
 * recovery, durations in calendar days) */
json_t *ms_model_drawdown_row(const ms_series *s, const ms_drawdown *e, int64_t as_of, const char *src);
json_t *ms_model_price(const ms_dataset *view, const ms_price_figures *pf, const ms_risk *risk,
		       const ms_figures *f);
json_t *ms_model_crash_days(const ms_figures *f);
json_t *ms_model_retracements(const ms_figures *f);
/* model_market.c */
json_t *ms_model_market_cap(const ms_figures *f);
json_t *ms_model_liquidations(const ms_figures *f);
json_t *ms_model_etf(const ms_figures *f);
json_t *ms_model_sentiment(const ms_figures *f);
/* model_week.c */
json_t *ms_model_week(const ms_figures *f);
/* model_funds.c: the ETF flows fund by fund, or NULL without them. */
json_t *ms_model_funds(const ms_figures *f);
/* model_leverage.c: open interest and funding, or NULL without open interest. */
json_t *ms_model_leverage(const ms_figures *f);
/* model_history.c: the primary's falls since 2011, or NULL without them. */
json_t *ms_model_history(const ms_figures *f);
/* A fall's years, peak to trough: "2021–22", "2011"; "2025–" while under way. */
void ms_history_span_label(const ms_series *s, const ms_drawdown *e, char *out, size_t n);
/* model_stress.c: the stress index at the as-of day, or NULL without one. */
json_t *ms_model_stress(const ms_figures *f);

#endif
