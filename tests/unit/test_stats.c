#include <stdlib.h>
#include "flows.h"
#include "series.h"
#include "stats.h"
#include "test.h"
#include "utc.h"

#define H 3600
#define D 86400

/* Hand-computed: peak 130 at index 4, trough 65 at index 5 (-50 %), never
 * recovered; an earlier dip from 120 to 90 (-25 %) is shallower. */
static void max_drawdown_by_hand(void)
{
	const double x[] = { 100, 120, 90, 95, 130, 65, 70 };
	ms_drawdown dd;
	CHECK(ms_max_drawdown(x, 7, &dd) == 0);
	CHECK(dd.peak == 4 && dd.trough == 5 && !dd.recovered);
	CHECK_NEAR(dd.depth, -0.5, 1e-15);
	double under[7];
	ms_drawdown_series(x, 7, under);
	CHECK(under[0] == 0 && under[1] == 0 && under[4] == 0);
	CHECK_NEAR(under[2], -0.25, 1e-15);
	CHECK_NEAR(under[3], 95.0 / 120 - 1, 1e-15);
	CHECK_NEAR(under[6], 70.0 / 130 - 1, 1e-15);
}

static void recovery_and_flat(void)
{
	const double x[] = { 100, 80, 90, 100, 110 };
	ms_drawdown dd;
	CHECK(ms_max_drawdown(x, 5, &dd) == 0);
	CHECK(dd.peak == 0 && dd.trough == 1 && dd.recovered && dd.recovery == 3);
	CHECK_NEAR(dd.depth, -0.2, 1e-15);
	const double up[] = { 1, 2, 3 };
	CHECK(ms_max_drawdown(up, 3, &dd) == 0);
	CHECK(dd.depth == 0 && !dd.recovered);
	CHECK(ms_max_drawdown(up, 0, &dd) == -1);
}

static void argmax_first_of_ties(void)
{
	const double x[] = { 3, 7, 7, 1 };
	CHECK(ms_argmax(x, 0, 4) == 1);
	CHECK(ms_argmax(x, 2, 4) == 2);
	CHECK(ms_argmax(x, 3, 3) == -1);
	CHECK_NEAR(ms_change(97600, 63100), -0.35348360655737704, 1e-15);
}


/* Episodes: 100 -> 80 -> 100 (recovered, -20 %), 100 -> 110 -> 66 (ongoing,
 * -40 %), with an equal high (100, 100) that is not a new episode. */
static void drawdown_episodes_ranked(void)
{
	const double x[] = { 100, 80, 100, 100, 110, 90, 66, 70 };
	ms_drawdown e[4];
	size_t k = ms_drawdown_episodes(x, 8, e, 4);
	CHECK(k == 2);
	CHECK(e[0].peak == 4 && e[0].trough == 6 && !e[0].recovered);
	CHECK_NEAR(e[0].depth, -0.4, 1e-15);
	CHECK(e[1].peak == 0 && e[1].trough == 1 && e[1].recovered && e[1].recovery == 2);
	CHECK_NEAR(e[1].depth, -0.2, 1e-15);
	/* keeping only the deepest one */
	CHECK(ms_drawdown_episodes(x, 8, e, 1) == 1 && e[0].peak == 4);
	/* a single row and an all-increasing series have no drawdown */
	CHECK(ms_drawdown_episodes(x, 1, e, 4) == 0);
	const double up[] = { 1, 2, 3, 4 };
	CHECK(ms_drawdown_episodes(up, 4, e, 4) == 0);
	ms_drawdown dd;
	CHECK(ms_max_drawdown(x, 1, &dd) == 0 && dd.depth == 0);
}

/* Hourly bars; the worst fall within 24 h is from bar 1's high (120) to
 * bar 3's low (84): -30 %. A deeper fall (120 -> 60) takes 26 hours and
 * must not count. */
static void retracement_within_24h(void)
{
	int64_t t[30];
	double hi[30], lo[30];
	for (int i = 0; i < 30; i++) {
		t[i] = i * H;
		hi[i] = 101;
		lo[i] = 99;
	}
	hi[1] = 120;
	lo[3] = 84;
	lo[26] = 60;     /* 26 bars after bar 1: out of reach; within 24 h of bar 3 */
	ms_retracement r;
	CHECK(ms_worst_retracement(t, hi, lo, 30, H, D, 0, &r) == 0);
	/* bars 3..26 span 24 hours: 60 / 101 - 1 is deeper than 84 / 120 - 1 */
	CHECK(r.trough == 26 && r.peak == 3);
	CHECK_NEAR(r.depth, 60.0 / 101 - 1, 1e-15);
	lo[26] = 99;
	CHECK(ms_worst_retracement(t, hi, lo, 30, H, D, 0, &r) == 0);
	CHECK(r.peak == 1 && r.trough == 3);
	CHECK_NEAR(r.depth, 84.0 / 120 - 1, 1e-15);
	/* troughs before first_trough do not count, but peaks before it do */
	CHECK(ms_worst_retracement(t, hi, lo, 30, H, D, 4, &r) == 0);
	CHECK(r.trough >= 4 && r.peak == 1);
	CHECK_NEAR(r.depth, 99.0 / 120 - 1, 1e-15);
	/* the same bar's high and low count (a one-bar crash) */
	CHECK(ms_worst_retracement(t, hi, lo, 1, H, D, 0, &r) == 0);
	CHECK_NEAR(r.depth, 99.0 / 101 - 1, 1e-15);
	CHECK(ms_worst_retracement(t, hi, lo, 3, H, D, 3, &r) == -1);
}

/* A gap: day 2 is missing, so no return spans days 1 to 3. */
static void returns_skip_gaps(void)
{
	int64_t t[] = { 0, D, 3 * D, 4 * D };
	double c[] = { 100, 90, 99, 108.9 };
	double s[4], l[4];
	size_t end[4];
	size_t n = ms_returns(t, c, 4, D, s, l, end);
	CHECK(n == 2);
	CHECK_NEAR(s[0], -0.1, 1e-15);           /* the first return is negative */
	CHECK(end[0] == 1 && end[1] == 3);
	CHECK_NEAR(s[1], 0.1, 1e-13);
	CHECK_NEAR(l[0], log(0.9), 1e-15);
	/* stdev of {2, 4, 4, 4, 5, 5, 7, 9}: sample variance 32/7 */
	const double v[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
	CHECK_NEAR(ms_stdev(v, 8), sqrt(32.0 / 7), 1e-15);
	CHECK(ms_stdev(v, 1) == 0);
}

/* Returns -10 .. +9 %: the 5 % quantile (type 7) lies between the two
 * lowest, at h = 19 * 0.05 = 0.95: -0.10 + 0.95 * 0.01 = -0.0905. */
static void var_and_cvar(void)
{
	double r[20];
	for (int i = 0; i < 20; i++)
		r[19 - i] = (i - 10) / 100.0;     /* unsorted on purpose */
	double var, cvar;
	CHECK(ms_var_cvar(r, 20, 0.95, &var, &cvar) == 0);
	CHECK_NEAR(var, 0.0905, 1e-12);
	CHECK_NEAR(cvar, 0.10, 1e-12);          /* only -10 % is at or below -9.05 % */
	CHECK(ms_var_cvar(r, 20, 0.5, &var, &cvar) == 0);
	CHECK_NEAR(var, 0.005, 1e-12);          /* median of -10..9 % is -0.5 % */
	CHECK_NEAR(cvar, 0.055, 1e-12);         /* mean of -10..-1 % */
	CHECK(ms_var_cvar(r, 0, 0.95, &var, &cvar) == -1);
}

static void flows_monthly_streaks_basis(void)
{
	int64_t jan = ms_days_from_civil(2026, 1, 30) * (int64_t)D;
	int64_t t[] = { jan, jan + D, jan + 3 * D, jan + 4 * D, jan + 5 * D };   /* Jan 30, 31, Feb 2, 3, 4 */
	double f[] = { -10, 30, -5, -7, 2 };
	ms_month_flow m[4];
	CHECK(ms_flows_monthly(t, f, 5, m, 4) == 2);
	CHECK(m[0].year == 2026 && m[0].month == 1 && m[0].net == 20 && m[0].outflows == -10 && m[0].days == 2);
	CHECK(m[1].month == 2 && m[1].net == -10 && m[1].outflows == -12 && m[1].outflow_days == 2);
	ms_streak longest, current;
	ms_outflow_streaks(f, 5, &longest, &current);
	CHECK(longest.first == 2 && longest.last == 3 && longest.length == 2 && longest.sum == -12);
	CHECK(current.length == 0);
	ms_outflow_streaks(f, 4, &longest, &current);
	CHECK(current.length == 2 && current.first == 2);
	/* cost basis: 100 in at 50 (2 coins), 100 in at 100 (1 coin), 60 out at
	 * 60 (1 coin): 140 / 2 = 70 */
	int64_t pt[] = { jan, jan + D, jan + 3 * D };
	double close[] = { 50, 100, 60 };
	double g[] = { 100, 100, -60, 5 };
	ms_cost_basis cb;
	CHECK(ms_flow_cost_basis(t, g, 4, pt, close, 3, &cb, NULL) == 0);
	CHECK_NEAR(cb.basis, 70, 1e-15);
	CHECK(cb.days == 3 && cb.unpriced == 1);        /* Feb 3 has no price */
	/* as it stood: 100 / 2 = 50, then 200 / 3, then 140 / 2 = 70; none on the unpriced day */
	double running[4];
	CHECK(ms_flow_cost_basis(t, g, 4, pt, close, 3, &cb, running) == 0);
	CHECK_NEAR(running[0], 50, 1e-15);
	CHECK_NEAR(running[1], 200.0 / 3, 1e-13);
	CHECK(isnan(running[3]));
	CHECK(running[2] == cb.basis);                  /* the figure is the series' last value */
	double out[] = { -1 };
	CHECK(ms_flow_cost_basis(t, out, 1, pt, close, 3, &cb, NULL) == -1);
}

static void resample_and_gaps(void)
{
	ms_series *s = ms_series_new(H, MS_OHLC | MS_COLBIT(MS_VOLUME));
	for (int i = 0; i < 48; i++) {
		if (i == 30)
			continue;                   /* one missing hour on day 2 */
		double v[MS_NCOL] = { 10 + i, 20 + i, 5 + i, 11 + i, 1, 0 };
		ms_series_push(s, (int64_t)i * H, v);
	}
	size_t incomplete;
	ms_series *d = ms_series_resample_daily(s, &incomplete);
	CHECK(d && d->n == 2 && incomplete == 1);
	if (d && d->n == 2) {
		CHECK(d->t[0] == 0 && d->t[1] == D);
		CHECK(d->col[MS_OPEN][0] == 10 && d->col[MS_HIGH][0] == 43 && d->col[MS_LOW][0] == 5);
		CHECK(d->col[MS_CLOSE][0] == 34 && d->col[MS_VOLUME][0] == 24 && d->col[MS_VOLUME][1] == 23);
	}
	ms_gap g[2];
	CHECK(ms_series_gaps(s, 0, s->n, g, 2) == 1);
	CHECK(g[0].from == 29 * H && g[0].to == 31 * H && g[0].missing == 1);
	ms_series_free(d);
	ms_series_free(s);
}

static void argmin_and_extremes(void)
{
	const double x[] = { 3, 1, 4, 1, 5, 9, 2, 6 };
	CHECK(ms_argmin(x, 0, 8) == 1);          /* the first of equal lows */
	CHECK(ms_argmin(x, 2, 8) == 3);
	CHECK(ms_argmin(x, 4, 4) == -1);
	size_t out[4];
	CHECK(ms_extremes(x, 8, 1, out, 3) == 3);
	CHECK(out[0] == 5 && out[1] == 7 && out[2] == 4);
	CHECK(ms_extremes(x, 8, 0, out, 4) == 4);
	CHECK(out[0] == 1 && out[1] == 3 && out[2] == 6 && out[3] == 0);
	CHECK(ms_extremes(x, 2, 1, out, 4) == 2);   /* fewer values than asked */
	CHECK(out[0] == 0 && out[1] == 1);
}

const ms_test stats_tests[] = {
	{ "stats/argmin_and_extremes", argmin_and_extremes },
	{ "stats/max_drawdown_by_hand", max_drawdown_by_hand },
	{ "stats/recovery_and_flat", recovery_and_flat },
	{ "stats/argmax_first_of_ties", argmax_first_of_ties },
	{ "stats/drawdown_episodes_ranked", drawdown_episodes_ranked },
	{ "stats/retracement_within_24h", retracement_within_24h },
	{ "stats/returns_skip_gaps", returns_skip_gaps },
	{ "stats/var_and_cvar", var_and_cvar },
	{ "stats/flows_monthly_streaks_basis", flows_monthly_streaks_basis },
	{ "stats/resample_and_gaps", resample_and_gaps },
};
const size_t stats_ntests = sizeof stats_tests / sizeof stats_tests[0];
