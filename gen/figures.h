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
#include "fund_flows.h"
#include "model.h"
#include "notes.h"
#include "stats.h"
#include "stress.h"

#define MS_MAX_CRASH_DAYS 8

/* A span of one venue's days (the quiet period): its extremes and moves. */
typedef struct ms_range_figures {
	int has;                     /* at least two days of the span */
	size_t lo, hi;               /* its bars [lo, hi) */
	size_t high, low;            /* the highest high, the (first) lowest low */
	double range, change;        /* high / low - 1; last close / first close - 1 */
	double volatility;           /* annualised; NAN below two returns */
} ms_range_figures;

/* The price figures of one daily OHLC series. Indices are into the series. */
typedef struct ms_price_figures {
	size_t latest;               /* the last bar by the as-of date */
	size_t ath_high, ath_close;  /* the highest high and close of the loaded history */
	int closes_only;             /* a venue of closes alone: its "highs" are its closes */
	double from_ath_high, from_ath_close;   /* the latest close against them, - 1 */
	size_t period_high;          /* the period's highest high */
	int has_period;
	double from_period_high;
	ms_drawdown maxdd;           /* on closes */
	ms_drawdown *episodes;       /* owned; the deepest drawdown episodes, deepest first */
	size_t nepisodes;
	int has_volume;              /* the volume trend: 60 days of volume */
	double volume_last, volume_previous, volume_change;   /* means of the last 30 days and the 30 before */
	ms_range_figures regime;
} ms_price_figures;

/* One venue's crash day. */
typedef struct ms_crash_row {
	const ms_dataset *ds;        /* borrowed */
	const ms_series *s;          /* borrowed: its daily bars (built from hours when from_hourly) */
	size_t i;                    /* the day's bar */
	int from_hourly, has_change;
	double drop_high_low, drop_open_low, change;
} ms_crash_row;

/* The worst 24-hour fall of one hourly source: over the window, and the
 * worst whose low lies on each crash day. */
typedef struct ms_retr {
	const ms_dataset *ds;        /* borrowed */
	ms_retracement worst;        /* indices into ds->series */
	ms_retracement day[MS_MAX_CRASH_DAYS];
	unsigned char has_day[MS_MAX_CRASH_DAYS];
} ms_retr;

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

/* Total market capitalisation over the window. */
typedef struct ms_mcap {
	const ms_dataset *ds;        /* borrowed; NULL when not loaded */
	size_t peak, latest, low;    /* indices: the peak, the last day, the low since the peak */
	double change, lost;         /* latest / peak - 1; peak - latest */
} ms_mcap;

/* Long and short liquidations of one asset, joined on their days. */
typedef struct ms_liq {
	const ms_dataset *lg, *sh;   /* borrowed */
	size_t n;
	int64_t *day;                /* owned; n each */
	double *lv, *sv;
	double total_long, total_short;
	double ratio;                /* total_long / total_short; NAN without shorts */
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

/* One asset's leverage over the window (figures_leverage.c). */
typedef struct ms_lev_asset {
	const ms_dataset *oi, *funding;   /* borrowed; funding may be NULL */
	int has_oi;
	size_t oi_first, oi_last, oi_high;   /* indices into oi->series: the window's ends, its highest */
	double oi_change;                 /* last / first - 1 */
	unsigned char has_crash[MS_MAX_CRASH_DAYS];
	size_t crash_i[MS_MAX_CRASH_DAYS];
	double crash_change[MS_MAX_CRASH_DAYS];   /* the crash day's open interest / the day before's - 1 */
	double crash_liq_to_oi[MS_MAX_CRASH_DAYS]; /* the day's liquidations / the open interest before; NAN without */
	int has_funding;
	double funding_7d, funding_mean;  /* annualised: the last 7 days' mean, the window's */
	double negative_share;            /* the share of the window's days with negative funding */
	ms_streak negative_run;           /* the longest run of them: indices into funding->series */
	double *funding_7d_series;        /* owned; the 7-day mean annualised, from the window's 7th day */
	size_t funding_7d_first, funding_7d_n;   /* its first day's index into funding->series; its length */
} ms_lev_asset;

typedef struct ms_leverage {
	ms_lev_asset asset[2];            /* BTC, then ETH, as loaded */
	size_t n;
	int has_ratio;                    /* their open interest over the total market cap */
	double ratio, ratio_high;
	int64_t ratio_day, ratio_high_day;
} ms_leverage;

/* The ETF flows fund by fund (figures_funds.c): US$ millions. */
#define MS_FUND_MONTHS 6
typedef struct ms_fund_row {
	size_t fund;                      /* index into ff->fund */
	double since_launch;              /* every flow by the as-of day */
	double stress;                    /* since the peak of the fall under way */
	double month[MS_FUND_MONTHS];     /* the last months' net, oldest first */
	int has_basis;
	ms_cost_basis cb;                 /* priced at the closes the ETF cost basis uses */
} ms_fund_row;

typedef struct ms_funds {
	const ms_fund_flows *ff;          /* borrowed; NULL without funds */
	ms_fund_row *row;                 /* owned; n, the largest inflow first */
	size_t n;
	int month_key[MS_FUND_MONTHS];    /* year * 12 + month - 1 */
	size_t nmonths;
	int has_stress;
	int64_t stress_from;              /* the day of the peak */
	double stress_total;
} ms_funds;

/* The primary's drawdowns over its history since 2011 (or its first day):
 * every fall from a closing high deeper than MS_HISTORY_MIN_DEPTH. */
#define MS_HISTORY_MIN_DEPTH 0.20
typedef struct ms_history {
	size_t from;                 /* the first bar of the history, in the primary's daily series */
	ms_drawdown *falls;          /* owned; indices into that series, by peak date */
	size_t n;
} ms_history;

/* The weekly newsletter's figures: the seven UTC days ending on the as-of
 * date, each as far as its source goes, against the day before the week. */
typedef struct ms_week_price {
	const ms_dataset *ds;        /* borrowed; NULL: no week for the asset */
	size_t before, last;         /* the day before the week, the week's last day */
	size_t high, low;            /* the week's highest high and (first) lowest low */
	double change, range;        /* last / before - 1; high / low - 1 */
} ms_week_price;

typedef struct ms_week {
	int64_t from, to;            /* [from, to) */
	ms_week_price price[2];      /* BTC, ETH */
	const ms_dataset *hourly;    /* borrowed; the BTC hourly source of the worst fall, or NULL */
	ms_retracement worst;        /* indices into hourly->series */
	int has_liquidations;
	double liquidations;         /* BTC and ETH contracts, long + short */
	int64_t liquidations_last;
	char liquidation_sources[256];
	const ms_dataset *flows;     /* borrowed; NULL: no flows in the week */
	double flows_sum;
	size_t flow_days;
	int64_t flows_last;
	const ms_dataset *mcap;      /* borrowed; NULL: no change to give */
	double mcap_change;
	int64_t mcap_day;
} ms_week;

typedef struct ms_figures {
	const ms_config *cfg;        /* borrowed */
	const ms_dataset *ds;        /* borrowed: the point-in-time views */
	size_t nds;
	ms_dataset primary;          /* the primary as daily bars (an intraday primary's days) */
	ms_dataset *day_views;       /* owned; per dataset: its daily bars (ms_day_view) */
	ms_series **closes_bars;     /* owned; per dataset: a closes-only venue's closes as bars, or NULL */
	ms_price_figures *price;     /* owned; per dataset, valid where is_price[i] */
	unsigned char *is_price;     /* owned; a price venue: daily bars, or the primary */
	ms_risk *risk;               /* owned; per dataset, where is_price[i] */
	const ms_price_figures *primary_price;
	const ms_risk *primary_risk;
	double *underwater;          /* owned; the primary's close / running high - 1 over the window */
	ms_span period, regime;
	int64_t crash_day[MS_MAX_CRASH_DAYS];   /* the configured crash days by the as-of date */
	size_t ncrash;
	ms_crash_row *crash_row[MS_MAX_CRASH_DAYS];   /* owned; each day's venues */
	size_t ncrash_row[MS_MAX_CRASH_DAYS];
	ms_retr *retr;               /* owned; per hourly source with bars in the window */
	size_t nretr;
	ms_basis basis;
	double *basis_running;       /* owned; the basis after each of basis.flows' rows (NAN before any) */
	ms_mcap mcap;
	ms_liq liq[2];               /* BTC, then ETH, as loaded */
	size_t nliq;
	ms_etf etf;
	ms_fng fng;
	ms_stress stress;            /* the market stress index, to the as-of day */
	ms_history history;          /* the primary's falls since 2011 */
	ms_leverage leverage;
	ms_funds funds;              /* set by ms_fund_figures, after the rest */
	int has_week;                /* a weekly report */
	ms_week week;
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
/* figures_funds.c: the flows fund by fund (ff borrowed for the life of f);
 * -1 when out of memory. */
int ms_fund_figures(ms_figures *f, const ms_fund_flows *ff);
void ms_fund_figures_release(ms_figures *f);
/* figures_leverage.c: open interest and funding over the window; -1 when
 * out of memory. */
int ms_leverage_figures(ms_figures *f);
void ms_leverage_figures_release(ms_figures *f);
/* figures_history.c: the primary's falls since 2011; -1 when out of memory. */
int ms_history_figures(ms_figures *f);
/* figures_week.c: the week's figures. */
void ms_week_figures(ms_figures *f);
/* figures_risk.c: returns and risk of a daily view; -1 when out of memory. */
int ms_risk_compute(const ms_dataset *view, ms_risk *out);
void ms_risk_release(ms_risk *r);

/* The ETF cost basis from whatever views are given (the report's, or a
 * claim's earlier ones), priced with the source of the flows' asset that
 * prices the most flow days; primary wins a tie. */
void ms_basis_compute(const ms_dataset *ds, size_t nds, const char *primary, ms_basis *out);

/* figures_price.c: the price figures of a daily view over [lo, hi), the
 * period's high and the quiet period taken over their spans, top_n drawdown
 * episodes. Returns -1 when the view has no bars or out of memory (*out
 * then holds nothing to release). */
int ms_price_figures_compute(const ms_dataset *ds, const ms_span *period, const ms_span *regime, int top_n,
			     ms_price_figures *out);
void ms_price_figures_release(ms_price_figures *pf);
/* The crash days' venues and the 24-hour falls; -1 when out of memory. */
int ms_crash_figures(ms_figures *f);
void ms_crash_figures_release(ms_figures *f);

/* Datasets cut at an earlier end (a claim's date): borrowed views of ds. */
typedef struct ms_views {
	ms_dataset *ds;              /* owned array of n */
	ms_series *series;           /* owned; 2 per dataset (bars, days) */
	size_t n;
} ms_views;
int ms_views_at(const ms_dataset *ds, size_t nds, int64_t window_start, int64_t end, ms_views *out);
void ms_views_release(ms_views *v);

#endif
