/* The figures layer: every figure that more than one output shows (the
 * price figures of each venue, the period and the quiet period as they
 * stand at the as-of date, the crash days, the ETF cost basis, each
 * source's freshness) computed once, by ms_figures_compute, from the
 * point-in-time views. The model, the charts and the claims read these
 * structs and never recompute them. */
#ifndef MS_FIGURES_H
#define MS_FIGURES_H
#include <stddef.h>
#include <stdint.h>
#include "config.h"
#include "diag.h"
#include "flows.h"
#include "model.h"
#include "notes.h"
#include "stats.h"

#define MS_MAX_CRASH_DAYS 8

/* The price figures of one daily OHLC series. Indices are into the series. */
typedef struct ms_price_figures {
	size_t latest;               /* the last bar by the as-of date */
	size_t ath_high, ath_close;  /* the highest high and close since the window start */
	size_t period_high;          /* the period's highest high */
	int has_period;
	ms_drawdown maxdd;           /* on closes */
} ms_price_figures;

/* A configured span of days as it stands at the as-of date. */
typedef struct ms_span {
	int has;                     /* 0: not configured, or it begins after the as-of date */
	int64_t from, to;            /* [from, to), cut at the end of the as-of day */
	int to_date;                 /* it had begun but not ended: clipped */
	char label[160];             /* "January 2026", or "January 2026 to date" */
} ms_span;

/* The ETF cost basis: every flow since the funds' launch up to the as-of
 * date, each day's net flow priced at the close of the flows' own asset. */
typedef struct ms_basis {
	int has;
	ms_cost_basis cb;
	const ms_dataset *flows;     /* borrowed */
	const ms_dataset *prices;    /* borrowed; daily bars of the flows' asset */
	ms_series price_days;        /* borrowed view: the daily bars priced with */
	int64_t last_flow;           /* the day of the last flow counted */
	double latest_close;         /* of the price series, by the as-of date */
	int64_t latest_day;
} ms_basis;

/* How current a source is at the as-of date. */
typedef struct ms_freshness {
	int64_t last_day;            /* the day of its last bar by the as-of date */
	int64_t expected_day;        /* the last day it should have (a trading day for ETF flows) */
	int64_t behind_days;         /* calendar days from last_day to expected_day */
	int stale;                   /* behind, or its last fetch failed */
} ms_freshness;

/* Returns and risk of one daily price series over the window. */
typedef struct ms_risk {
	size_t n;                    /* close-to-close returns between consecutive days */
	double *simple, *logr;       /* owned; n each */
	int64_t *day;                /* owned; the day whose close ends each return */
	double volatility;           /* annualised; NAN below 2 returns */
	size_t nroll;                /* rolling 30-day volatilities: n - 29, or 0 */
	double *roll;                /* owned; roll[i] ends on day[i + 29] */
	size_t roll_max;             /* the first highest */
	double var[2], cvar[2];      /* at 95 % and 99 %, as positive losses; NAN when none */
	size_t worst[5], nworst;     /* the lowest simple returns, lowest first */
} ms_risk;
#define MS_ROLLING_DAYS 30

/* Total market capitalisation over the window. */
typedef struct ms_mcap {
	const ms_dataset *ds;        /* borrowed; NULL when not loaded */
	size_t peak, latest, low;    /* indices: the peak, the last day, the low since the peak */
} ms_mcap;

/* Long and short liquidations of one asset, joined on their days. */
typedef struct ms_liq {
	const ms_dataset *lg, *sh;   /* borrowed */
	size_t n;
	int64_t *day;                /* owned; n each */
	double *lv, *sv;
	double total_long, total_short;
	size_t largest[5], nlargest; /* the days of the largest totals */
} ms_liq;

/* ETF flows over the window. */
typedef struct ms_etf {
	const ms_dataset *ds;        /* borrowed; NULL when not loaded */
	const int64_t *t;            /* borrowed: the window's rows */
	const double *v;
	size_t n;
	ms_month_flow *months;       /* owned */
	size_t nmonths;
	double *cumulative;          /* owned; the running sum, n */
	size_t largest_in, largest_out;
	ms_streak longest, current;  /* outflow streaks */
} ms_etf;

/* The Fear & Greed Index over the window. */
typedef struct ms_fng {
	const ms_dataset *ds;        /* borrowed; NULL when not loaded */
	size_t latest, min;          /* indices; the first lowest */
} ms_fng;

typedef struct ms_figures {
	const ms_config *cfg;        /* borrowed */
	const ms_dataset *ds;        /* borrowed: the point-in-time views */
	size_t nds;
	ms_dataset primary;          /* the primary as daily bars (an intraday primary's days) */
	ms_dataset *day_views;       /* owned; per dataset: its daily bars (ms_day_view) */
	ms_price_figures *price;     /* owned; per dataset, valid where is_price[i] */
	unsigned char *is_price;     /* owned; a price venue: daily bars, or the primary */
	ms_risk *risk;               /* owned; per dataset, where is_price[i] */
	ms_price_figures primary_price;
	const ms_risk *primary_risk;
	double *underwater;          /* owned; the primary's close / running high - 1 over the window */
	ms_span period, regime;
	int64_t crash_day[MS_MAX_CRASH_DAYS];   /* the configured crash days by the as-of date */
	size_t ncrash;
	ms_basis basis;
	ms_mcap mcap;
	ms_liq liq[2];               /* BTC, then ETH, as loaded */
	size_t nliq;
	ms_etf etf;
	ms_fng fng;
	ms_freshness *fresh;         /* owned; per dataset */
	size_t nstale;
	ms_notes notes;              /* what is left out at this date, for the reader */
} ms_figures;

/* Computes every figure from the views ds (borrowed for the life of f);
 * left_out (taken) holds the notes of the sources already left out. Errors
 * are configuration errors (a source staler than max_stale_days). */
int ms_figures_compute(const ms_config *cfg, const ms_dataset *ds, size_t nds, ms_notes *left_out,
		       ms_figures *f, ms_diag *d);
void ms_figures_release(ms_figures *f);

/* figures_market.c: the market-wide parts; -1 when out of memory. */
int ms_market_figures(ms_figures *f);
void ms_market_figures_release(ms_figures *f);
/* figures_risk.c: returns and risk of a daily view; -1 when out of memory. */
int ms_risk_compute(const ms_dataset *view, ms_risk *out);
void ms_risk_release(ms_risk *r);

/* The ETF cost basis from whatever views are given (the report's, or a
 * claim's earlier ones), priced with the source of the flows' asset that
 * prices the most flow days; primary wins a tie. */
void ms_basis_compute(const ms_dataset *ds, size_t nds, const char *primary, ms_basis *out);

/* The price figures of a daily view over [lo, hi), the period's high taken
 * over span (when it has one). Returns -1 when the view has no bars. */
int ms_price_figures_compute(const ms_dataset *ds, const ms_span *period, ms_price_figures *out);

/* Datasets cut at an earlier end (a claim's date): borrowed views of ds. */
typedef struct ms_views {
	ms_dataset *ds;              /* owned array of n */
	ms_series *series;           /* owned; 2 per dataset (bars, days) */
	size_t n;
} ms_views;
int ms_views_at(const ms_dataset *ds, size_t nds, int64_t window_start, int64_t end, ms_views *out);
void ms_views_release(ms_views *v);

#endif
