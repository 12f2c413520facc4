/* The statistics a claim can name, each recomputed from the point-in-time
 * views at the claim's date: prices per venue, market capitalisation,
 * liquidations, ETF flows, sentiment, open interest, funding, volatility
 * and ranks ("the worst day since …"). The table at the end says which
 * units and dates each accepts; claims.c holds every claim to it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "claim.h"
#include "figures.h"
#include "fmt.h"
#include "stats.h"
#include "utc.h"
#include "asset.h"

static void add(outcome *o, const char *venue, double v)
{
	if (o->n < CLAIM_MAX_VALUES && isfinite(v)) {
		o->val[o->n].venue = venue;
		o->val[o->n].v = v;
		o->n++;
	}
}

static const char *label(const claim_ctx *x, const ms_dataset *d, const char *what)
{
	claim_labels *L = x->labels;
	if (L->n == sizeof L->text / sizeof L->text[0])
		return d->cfg->venue;
	snprintf(L->text[L->n], sizeof L->text[0], "%s%s%s%s", d->cfg->venue, d->daily ? " (hourly bars)" : "",
		 what ? ", " : "", what ? what : "");
	return L->text[L->n++];
}

/* The day a one-day claim is about: its date, or the day it is checked against. */
static int64_t day_of(const claim_ctx *x, const claim *c)
{
	return c->has_date ? ms_day_floor(c->date) : x->day;
}

/* A range's end, no later than the data a reader had: a period still
 * running at the claim's date is read "so far". */
static int64_t range_end(const claim_ctx *x, const claim *c)
{
	return c->to < x->day + MS_DAY ? c->to : x->day + MS_DAY;
}

static int is_range(const claim *c)
{
	return c->has_period || (c->has_from && c->has_to);
}

/* Daily bars of a venue: its own, or those built from its intraday bars. */
static const ms_series *daily_of(const ms_dataset *d)
{
	if (d->daily)
		return d->daily;
	return d->series->step == MS_DAY && ms_series_has(d->series, MS_CLOSE) ? d->series : NULL;
}

static int is_price(const ms_dataset *d, const claim *c)
{
	return c->asset && !strcmp(d->cfg->asset, c->asset) && d->cfg->metric == MS_METRIC_PRICE;
}

static double col_at(const ms_series *s, int64_t day, enum ms_col col)
{
	long i = s && ms_series_has(s, col) ? ms_series_at(s, day) : -1;
	return i < 0 ? NAN : s->col[col][i];
}

/* The highest (or lowest) of a column over the bars inside [from, to),
 * only when the bars reach both ends of it; NAN otherwise. */
static double extreme_between(const ms_series *s, int64_t from, int64_t to, enum ms_col col, int highest)
{
	if (!s || !s->n || !ms_series_has(s, col) || to - from < s->step)
		return NAN;
	size_t lo, hi;
	ms_series_range(s, from, to - s->step + 1, &lo, &hi);
	if (hi <= lo || s->t[lo] > from || s->t[hi - 1] + s->step < to)
		return NAN;
	long i = highest ? ms_argmax(s->col[col], lo, hi) : ms_argmin(s->col[col], lo, hi);
	return i < 0 ? NAN : s->col[col][i];
}

/* A change from a to b in the claim's unit: percent, or the difference. */
static double change_in(const claim *c, double a, double b)
{
	return c->unit == U_PERCENT ? (b / a - 1) * 100 : b - a;
}

/* The values a change is between: the close (or value) of from and of the
 * range's last day, or of the day before date and of date. */
static double change_of(const claim_ctx *x, const claim *c, const ms_series *s, enum ms_col col)
{
	int64_t a = is_range(c) ? c->from : day_of(x, c) - MS_DAY;
	int64_t b = is_range(c) ? range_end(x, c) - MS_DAY : day_of(x, c);
	return change_in(c, col_at(s, a, col), col_at(s, b, col));
}

/* ---- prices ---- */

static void close_stat(const claim_ctx *x, const claim *c, outcome *o)
{
	for (size_t i = 0; i < x->nds; i++)
		if (is_price(&x->ds[i], c))
			add(o, label(x, &x->ds[i], NULL), col_at(daily_of(&x->ds[i]), day_of(x, c), MS_CLOSE));
}

static void traded_on(const claim_ctx *x, const claim *c, outcome *o)
{
	for (size_t i = 0; i < x->nds; i++) {
		const ms_series *s = daily_of(&x->ds[i]);
		double lo = col_at(s, day_of(x, c), MS_LOW), hi = col_at(s, day_of(x, c), MS_HIGH);
		if (!is_price(&x->ds[i], c) || isnan(lo) || isnan(hi) || o->n == CLAIM_MAX_VALUES)
			continue;
		o->range_lo[o->n] = lo;
		o->range_hi[o->n] = hi;
		add(o, label(x, &x->ds[i], NULL), col_at(s, day_of(x, c), MS_CLOSE));
	}
}

/* high_between, period_high, low_between: every venue's own bars (hourly
 * venues answer ranges given to the hour). */
static void extreme_stat(const claim_ctx *x, const claim *c, outcome *o, int highest)
{
	int64_t from = c->has_from || c->has_period ? c->from : day_of(x, c);
	int64_t to = c->has_to || c->has_period ? range_end(x, c) : from + MS_DAY;
	for (size_t i = 0; i < x->nds; i++)
		if (is_price(&x->ds[i], c))
			add(o, label(x, &x->ds[i], NULL),
			    extreme_between(x->ds[i].series, from, to, highest ? MS_HIGH : MS_LOW, highest));
	if (!o->n)
		snprintf(o->needs_more, sizeof o->needs_more, "a venue with bars over the whole range");
}

static void high_between(const claim_ctx *x, const claim *c, outcome *o)
{
	extreme_stat(x, c, o, 1);
}

static void low_between(const claim_ctx *x, const claim *c, outcome *o)
{
	extreme_stat(x, c, o, 0);
}

static void drawdown_from_period_high(const claim_ctx *x, const claim *c, outcome *o)
{
	for (size_t i = 0; i < x->nds; i++) {
		const ms_dataset *d = &x->ds[i];
		if (!is_price(d, c))
			continue;
		double h = extreme_between(d->series, c->from, range_end(x, c), MS_HIGH, 1);
		add(o, label(x, d, NULL), (col_at(daily_of(d), day_of(x, c), MS_CLOSE) / h - 1) * 100);
	}
}

/* An all-time high needs the whole window: venues starting later are left out. */
static void ath_stat(const claim_ctx *x, const claim *c, outcome *o)
{
	int64_t day = day_of(x, c), ws = x->cfg->window_start;
	int close_too = c->kind && !strcmp(c->kind, "both");
	int close_only = c->kind && !strcmp(c->kind, "close");
	int dd = !strcmp(c->stat->name, "drawdown_from_ath");
	for (size_t i = 0; i < x->nds; i++) {
		const ms_dataset *d = &x->ds[i];
		const ms_series *s = daily_of(d);
		if (!s || !is_price(d, c))
			continue;
		double hi = extreme_between(s, ws, day + MS_DAY, MS_HIGH, 1);
		double cl = extreme_between(s, ws, day + MS_DAY, MS_CLOSE, 1);
		double last = dd ? col_at(s, day, MS_CLOSE) : 1;
		if (!close_only)
			add(o, label(x, d, close_too ? "intraday" : NULL), dd ? (last / hi - 1) * 100 : hi);
		if (close_only || close_too)
			add(o, label(x, d, "close"), dd ? (last / cl - 1) * 100 : cl);
	}
}

static void max_drawdown(const claim_ctx *x, const claim *c, outcome *o)
{
	for (size_t i = 0; i < x->nds; i++) {
		const ms_series *s = daily_of(&x->ds[i]);
		if (!s || !is_price(&x->ds[i], c) || !s->n || s->t[0] > x->cfg->window_start)
			continue;
		size_t lo, hi;
		ms_drawdown dd;
		ms_series_range(s, x->cfg->window_start, day_of(x, c) + MS_DAY, &lo, &hi);
		if (hi > lo && !ms_max_drawdown(s->col[MS_CLOSE] + lo, hi - lo, &dd))
			add(o, label(x, &x->ds[i], NULL), dd.depth * 100);
	}
}

static void intraday_drop(const claim_ctx *x, const claim *c, outcome *o)
{
	int open_low = c->kind && !strcmp(c->kind, "open_low");
	for (size_t i = 0; i < x->nds; i++) {
		const ms_series *s = daily_of(&x->ds[i]);
		if (!is_price(&x->ds[i], c))
			continue;
		double ref = col_at(s, day_of(x, c), open_low ? MS_OPEN : MS_HIGH);
		add(o, label(x, &x->ds[i], NULL), (col_at(s, day_of(x, c), MS_LOW) / ref - 1) * 100);
	}
}

static void change_stat(const claim_ctx *x, const claim *c, outcome *o)
{
	for (size_t i = 0; i < x->nds; i++)
		if (is_price(&x->ds[i], c))
			add(o, label(x, &x->ds[i], NULL), change_of(x, c, daily_of(&x->ds[i]), MS_CLOSE));
}

static void retracement(const claim_ctx *x, const claim *c, outcome *o)
{
	int64_t to = c->has_to ? c->to : x->day + MS_DAY, span = (int64_t)(c->hours * 3600);
	for (size_t i = 0; i < x->nds; i++) {
		const ms_dataset *d = &x->ds[i];
		const ms_series *s = d->series;
		if (!d->daily || !is_price(d, c))
			continue;
		size_t lo, hi;
		ms_series_range(s, to - span, to - s->step + 1, &lo, &hi);
		if (hi <= lo || s->t[lo] > to - span + s->step)
			continue;           /* the venue does not cover the span */
		ms_retracement r;
		if (!ms_worst_retracement(s->t + lo, s->col[MS_HIGH] + lo, s->col[MS_LOW] + lo, hi - lo, s->step, span,
					  0, &r))
			add(o, label(x, d, NULL), r.depth * 100);
	}
}

/* Annualised volatility: the sample standard deviation of the `days` daily
 * log returns to date, times sqrt(365) (the figures layer's convention). */
static void volatility(const claim_ctx *x, const claim *c, outcome *o)
{
	size_t k = (size_t)c->days;
	double *simple = malloc(k * sizeof *simple), *logr = malloc(k * sizeof *logr);
	size_t *end = malloc(k * sizeof *end);
	if (!simple || !logr || !end) {
		free(simple), free(logr), free(end);
		o->out_of_memory = 1;
		return;
	}
	for (size_t i = 0; i < x->nds; i++) {
		const ms_series *s = daily_of(&x->ds[i]);
		long at = s && is_price(&x->ds[i], c) ? ms_series_at(s, day_of(x, c)) : -1;
		if (at < (long)k)
			continue;
		size_t first = (size_t)at - k;
		if (ms_returns(s->t + first, s->col[MS_CLOSE] + first, k + 1, MS_DAY, simple, logr, end) == k)
			add(o, label(x, &x->ds[i], NULL), ms_stdev(logr, k) * sqrt(365.0) * 100);
	}
	free(simple), free(logr), free(end);
}

/* ---- market-wide and derivatives ---- */

static const ms_dataset *metric_of(const claim_ctx *x, ms_metric metric, const char *asset)
{
	return ms_find_metric(x->ds, x->nds, metric, asset ? asset : "");
}

static void market_cap(const claim_ctx *x, const claim *c, outcome *o)
{
	const ms_dataset *m = metric_of(x, MS_METRIC_MARKET_CAP, NULL);
	if (!m)
		return;
	const ms_series *s = m->series;
	const char *st = c->stat->name;
	int64_t day = day_of(x, c);
	double peak = extreme_between(s, x->cfg->window_start, day + MS_DAY, MS_VALUE, 1);
	double on = col_at(s, day, MS_VALUE);
	if (!strcmp(st, "mcap_on"))
		add(o, m->cfg->venue, on);
	else if (!strcmp(st, "mcap_peak"))
		add(o, m->cfg->venue, peak);
	else if (!strcmp(st, "mcap_lost"))
		add(o, m->cfg->venue, peak - on);
	else
		add(o, m->cfg->venue, change_of(x, c, s, MS_VALUE));
}

/* The sum of a daily series over the claim's range (or its day), only
 * when every day of it is there; NAN otherwise. */
static double sum_days(const claim_ctx *x, const claim *c, const ms_series *s)
{
	int64_t from = is_range(c) ? c->from : day_of(x, c);
	int64_t to = is_range(c) ? range_end(x, c) : from + MS_DAY;
	size_t lo, hi;
	if (!s)
		return NAN;
	ms_series_range(s, from, to, &lo, &hi);
	if ((int64_t)(hi - lo) * MS_DAY != to - from)
		return NAN;
	double sum = 0;
	for (size_t i = lo; i < hi; i++)
		sum += s->col[MS_VALUE][i];
	return sum;
}

static void liquidations(const claim_ctx *x, const claim *c, outcome *o)
{
	int all = !c->scope || !strcmp(c->scope, "all");
	double sum = 0;
	int found = 0;
	char which[64] = "";
	if (!strcmp(c->stat->name, "traders_liquidated"))
		return;
	for (ms_major k = MS_BTC; k < MS_NMAJORS; k++) {
		if (!all && strcmp(c->scope, ms_major_code(k)))
			continue;
		const ms_dataset *lg = metric_of(x, MS_METRIC_LONG_LIQUIDATIONS, ms_major_code(k));
		const ms_dataset *sh = metric_of(x, MS_METRIC_SHORT_LIQUIDATIONS, ms_major_code(k));
		double v = sum_days(x, c, lg ? lg->series : NULL) + sum_days(x, c, sh ? sh->series : NULL);
		if (isnan(v))
			continue;
		sum += v;
		snprintf(which + strlen(which), sizeof which - strlen(which), "%s%s", found ? " + " : "", ms_major_code(k));
		found = 1;
	}
	if (!found)
		return;
	if (all) {
		/* a total over every coin cannot be checked with some coins: a lower bound */
		o->partial = 1;
		o->partial_value = sum;
		snprintf(o->partial_what, sizeof o->partial_what, "%.50s contracts", which);
		return;
	}
	add(o, "CryptoQuant", sum);
}

static void etf_net(const claim_ctx *x, const claim *c, outcome *o)
{
	const ms_dataset *f = metric_of(x, MS_METRIC_ETF_FLOWS, c->asset);
	if (!f)
		return;
	const ms_series *s = f->series;
	int64_t from = is_range(c) ? c->from : day_of(x, c);
	int64_t to = is_range(c) ? range_end(x, c) : from + MS_DAY;
	size_t lo, hi;
	ms_series_range(s, from, to, &lo, &hi);
	if (hi <= lo) {
		snprintf(o->needs_more, sizeof o->needs_more, "a flow day in the range (US trading days only)");
		return;
	}
	double net = 0, out = 0;
	for (size_t i = lo; i < hi; i++) {
		net += s->col[MS_VALUE][i];
		out += fmin(s->col[MS_VALUE][i], 0);
	}
	double scale = c->unit == U_USD ? 1e6 : 1;
	add(o, f->cfg->venue, net * scale);
	char disp[64], a[11], b[11];
	ms_fmt_usd_compact(disp, sizeof disp, out * 1e6);
	ms_fmt_date(s->t[lo], a);
	ms_fmt_date(s->t[hi - 1], b);
	snprintf(o->note, sizeof o->note, "%s net flows, %zu trading day%s from %s to %s; the outflow days alone "
		 "sum to %s", f->cfg->asset, hi - lo, hi - lo == 1 ? "" : "s", a, b, disp);
}

/* The figures layer's cost basis, on the views at the claim's date. */
static void etf_cost_basis(const claim_ctx *x, const claim *c, outcome *o)
{
	(void)c;
	ms_basis b;
	ms_basis_compute(x->ds, x->nds, x->cfg->primary, &b);
	if (!b.has)
		return;
	add(o, b.flows->cfg->venue, b.cb.basis);
	char through[11];
	ms_fmt_date(b.last_flow, through);
	snprintf(o->note, sizeof o->note, "every flow up to %s, priced at %s closes (%s)%s", through,
		 b.flows->cfg->asset, b.prices->cfg->venue, b.cb.unpriced ? "; some flow days had no close" : "");
}

static void fear_greed(const claim_ctx *x, const claim *c, outcome *o)
{
	const ms_dataset *f = metric_of(x, MS_METRIC_FEAR_GREED, NULL);
	if (f)
		add(o, f->cfg->venue, col_at(f->series, day_of(x, c), MS_VALUE));
}

static void open_interest(const claim_ctx *x, const claim *c, outcome *o)
{
	const ms_dataset *d = metric_of(x, MS_METRIC_OPEN_INTEREST, c->asset);
	if (!d)
		return;
	if (!strcmp(c->stat->name, "open_interest"))
		add(o, d->cfg->venue, col_at(d->series, day_of(x, c), MS_VALUE));
	else
		add(o, d->cfg->venue, change_of(x, c, d->series, MS_VALUE));
}

/* Funding as exported (percent per 8 hours): the day's rate or the mean over
 * the range; kind = annualised multiplies by 3 × 365. */
static void funding(const claim_ctx *x, const claim *c, outcome *o)
{
	const ms_dataset *d = metric_of(x, MS_METRIC_FUNDING, c->asset);
	if (!d)
		return;
	double v = is_range(c) ? sum_days(x, c, d->series) / (double)((range_end(x, c) - c->from) / MS_DAY) :
		   col_at(d->series, day_of(x, c), MS_VALUE);
	add(o, d->cfg->venue, c->kind && !strcmp(c->kind, "annualised") ? v * 3 * 365 : v);
}

/* ---- rank: "the worst day since D" ---- */

/* The measure of day i of the series a rank reads (NAN where it has none). */
static double measure_at(const claim *c, const ms_series *s, const ms_series *other, size_t i)
{
	const char *m = c->measure;
	if (!strcmp(m, "change"))
		return i && s->t[i] - s->t[i - 1] == MS_DAY ? s->col[MS_CLOSE][i] / s->col[MS_CLOSE][i - 1] - 1 : NAN;
	if (!strcmp(m, "close"))
		return s->col[MS_CLOSE][i];
	if (!strcmp(m, "low"))
		return ms_series_has(s, MS_LOW) ? s->col[MS_LOW][i] : NAN;
	if (!strcmp(m, "liquidations")) {
		double sh = col_at(other, s->t[i], MS_VALUE);
		return s->col[MS_VALUE][i] + sh;
	}
	return s->col[MS_VALUE][i];     /* fear_greed, etf_net */
}

static int rank_lowest(const claim *c)
{
	if (c->kind)
		return !strcmp(c->kind, "lowest");
	return strcmp(c->measure, "liquidations") != 0;
}

/* The latest earlier day whose measure is as extreme as the claim's day:
 * the claim "the lowest since D" holds when that day is before D. */
static void rank_one(const claim_ctx *x, const claim *c, outcome *o, const char *venue, const ms_series *s,
		     const ms_series *other)
{
	long at = s ? ms_series_at(s, day_of(x, c)) : -1;
	double v0 = at >= 0 ? measure_at(c, s, other, (size_t)at) : NAN;
	if (isnan(v0))
		return;
	int lowest = rank_lowest(c);
	for (long j = at - 1; j >= 0; j--) {
		double v = measure_at(c, s, other, (size_t)j);
		if (!isnan(v) && (lowest ? v <= v0 : v >= v0)) {
			add(o, venue, (double)(s->t[j] / MS_DAY));
			return;
		}
	}
	double first = (double)(s->t[0] / MS_DAY);
	if (first <= c->value) {         /* none since the data's start, which is early enough */
		char d[11];
		ms_fmt_date(s->t[0], d);
		if (o->n < CLAIM_MAX_VALUES)
			snprintf(o->text[o->n], sizeof o->text[0], "none as extreme since the data starts (%s)", d);
		add(o, venue, first - 1);
		return;
	}
	o->partial = 1;
	o->partial_value = first;
	snprintf(o->partial_what, sizeof o->partial_what, "%.60s", venue);
}

static void rank(const claim_ctx *x, const claim *c, outcome *o)
{
	const char *m = c->measure;
	if (!strcmp(m, "change") || !strcmp(m, "close") || !strcmp(m, "low")) {
		for (size_t i = 0; i < x->nds; i++)
			if (is_price(&x->ds[i], c))
				rank_one(x, c, o, label(x, &x->ds[i], NULL), daily_of(&x->ds[i]), NULL);
		return;
	}
	if (!strcmp(m, "liquidations")) {
		const ms_dataset *lg = metric_of(x, MS_METRIC_LONG_LIQUIDATIONS, c->asset);
		const ms_dataset *sh = metric_of(x, MS_METRIC_SHORT_LIQUIDATIONS, c->asset);
		if (lg && sh)
			rank_one(x, c, o, lg->cfg->venue, lg->series, sh->series);
		return;
	}
	const ms_dataset *d = metric_of(x, !strcmp(m, "etf_net") ? MS_METRIC_ETF_FLOWS : MS_METRIC_FEAR_GREED,
					!strcmp(m, "etf_net") ? c->asset : NULL);
	if (d)
		rank_one(x, c, o, d->cfg->venue, d->series, NULL);
}

static void nothing(const claim_ctx *x, const claim *c, outcome *o)
{
	(void)x, (void)c, (void)o;     /* no source counts liquidated traders */
}

/* ---- the table ---- */

#define PRICES "daily or hourly prices of the asset (formats cryptoquant_ohlcv, coinmarketcap_export, " \
	       "binance_klines_csv, coinbase_candles_csv, ohlcv_csv)"
#define HOURLY "hourly prices of the asset (formats binance_klines_csv, coinbase_candles_csv)"
#define MCAP "total crypto market capitalisation (format coingecko_global_mcap)"
#define LIQ "liquidations of every coin (an all-market source such as CoinGlass's aggregated liquidation " \
	    "history); the loaded data covers BTC- and ETH-margined contracts only"
#define ETF "US spot ETF daily flows of the asset (format farside_flows_csv)"
#define OI "open interest of the asset (metric open_interest)"
#define USD_PCT (UNIT(U_PERCENT) | UNIT(U_USD))

/* asset: the stat reads one asset's series; kinds: the words `kind` may take */
const claim_stat claim_stats[] = {
	{ "close", UNIT(U_USD), W_DAY, close_stat, PRICES, 1, NULL },
	{ "traded_on", UNIT(U_USD), W_DAY, traded_on, PRICES, 1, NULL },
	{ "change", USD_PCT, W_DAY_RANGE, change_stat, PRICES, 1, NULL },
	{ "high_between", UNIT(U_USD), W_RANGE, high_between, PRICES, 1, NULL },
	{ "period_high", UNIT(U_USD), W_RANGE, high_between, PRICES, 1, NULL },
	{ "low_between", UNIT(U_USD), W_TIMES, low_between, PRICES, 1, NULL },
	{ "ath", UNIT(U_USD), W_DAY, ath_stat, PRICES, 1, "intraday close both" },
	{ "drawdown_from_period_high", UNIT(U_PERCENT), W_BOTH, drawdown_from_period_high, PRICES, 1, NULL },
	{ "drawdown_from_ath", UNIT(U_PERCENT), W_DAY, ath_stat, PRICES, 1, "intraday close both" },
	{ "max_drawdown", UNIT(U_PERCENT), W_DAY, max_drawdown, PRICES, 1, NULL },
	{ "intraday_drop", UNIT(U_PERCENT), W_DAY, intraday_drop, PRICES, 1, "high_low open_low" },
	{ "retracement_24h", UNIT(U_PERCENT), W_TIMES, retracement, HOURLY, 1, NULL },
	{ "volatility", UNIT(U_PERCENT), W_DAY, volatility, PRICES, 1, NULL },
	{ "mcap_on", UNIT(U_USD), W_DAY, market_cap, MCAP, 0, NULL },
	{ "mcap_peak", UNIT(U_USD), W_DAY, market_cap, MCAP, 0, NULL },
	{ "mcap_lost", UNIT(U_USD), W_DAY, market_cap, MCAP, 0, NULL },
	{ "mcap_change", USD_PCT, W_DAY_RANGE, market_cap, MCAP, 0, NULL },
	{ "liquidations_total", UNIT(U_USD), W_DAY_RANGE, liquidations, LIQ, 0, NULL },
	{ "traders_liquidated", UNIT(U_COUNT), W_DAY, nothing, "a count of liquidated traders (no loaded source "
	  "counts them)", 0, NULL },
	{ "etf_net", UNIT(U_USD_MILLIONS) | UNIT(U_USD), W_DAY_RANGE, etf_net, ETF, 0, NULL },
	{ "etf_month_net", UNIT(U_USD_MILLIONS) | UNIT(U_USD), W_RANGE, etf_net, ETF, 0, NULL },
	{ "etf_cost_basis", UNIT(U_USD), W_DAY, etf_cost_basis, ETF " and daily closes of their asset", 0, NULL },
	{ "fear_greed", UNIT(U_INDEX), W_DAY, fear_greed, "the Fear & Greed Index (format alternative_me_fng_csv)",
	  0, NULL },
	{ "open_interest", UNIT(U_USD), W_DAY, open_interest, OI, 1, NULL },
	{ "open_interest_change", USD_PCT, W_DAY_RANGE, open_interest, OI, 1, NULL },
	{ "funding", UNIT(U_PERCENT), W_DAY_RANGE, funding, "funding rates of the asset (metric funding)", 1,
	  "per_8h annualised" },
	{ "rank", UNIT(U_DATE), W_DAY, rank, "the measure's daily history back to the claimed date", 0,
	  "lowest highest" },
	{ NULL, 0, 0, NULL, NULL, 0, NULL }
};

const claim_stat *claim_stat_find(const char *name)
{
	for (const claim_stat *s = claim_stats; s->name; s++)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

static int word_in(const char *w, const char *list)
{
	size_t n = strlen(w);
	for (const char *p = list; (p = strstr(p, w)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return 1;
	return 0;
}

int claim_stat_check_options(const char *file, const claim *c, ms_diag *d)
{
	const claim_stat *st = c->stat;
	if (st->needs_asset && !c->asset)
		return ms_error(d, file, c->line, 1, "claim '%s': stat %s needs asset (BTC, ETH, …)", c->id, st->name);
	if (c->kind && !(st->kinds && word_in(c->kind, st->kinds)))
		return ms_error(d, file, c->line, 1, "claim '%s': kind '%s' does not apply to stat %s%s%s%s", c->id,
				c->kind, st->name, st->kinds ? " (kinds: " : "", st->kinds ? st->kinds : "",
				st->kinds ? ")" : "");
	if (strcmp(st->name, "rank")) {
		if (c->measure)
			return ms_error(d, file, c->line, 1, "claim '%s': measure applies to stat rank only", c->id);
		return 0;
	}
	static const char *const measures = "change close low liquidations fear_greed etf_net";
	if (!c->measure || !word_in(c->measure, measures))
		return ms_error(d, file, c->line, 1, "claim '%s': rank needs measure = one of %s", c->id, measures);
	if (!c->asset && (word_in(c->measure, "change close low liquidations")))
		return ms_error(d, file, c->line, 1, "claim '%s': rank of %s needs asset", c->id, c->measure);
	return 0;
}

int64_t claim_checked_day(const claim *c, int64_t article_day)
{
	int64_t day = c->has_date ? ms_day_floor(c->date) : c->has_to ? ms_day_floor(c->to - 1) : article_day;
	return day < article_day ? day : article_day;
}
