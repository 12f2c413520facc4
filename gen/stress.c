#include "stress.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "series.h"
#include "stats.h"
#include "utc.h"
#include "asset.h"

const ms_stress_part_info ms_stress_parts[MS_SP_N] = {
	[MS_SP_DRAWDOWN] = { "drawdown_365d", "Drawdown from the 365-day high", "the drawdown from the 365-day high", -1 },
	[MS_SP_VOLATILITY] = { "volatility_30d", "30-day volatility", "the 30-day volatility", +1 },
	[MS_SP_DAY_FALL] = { "day_fall", "The day's fall, high to low", "the day's fall from high to low", -1 },
	[MS_SP_LIQ_OI] = { "liquidations_to_oi", "Liquidations over open interest", "liquidations over open interest",
			   +1 },
	[MS_SP_OI_CHANGE] = { "oi_change_7d", "Open interest, 7-day change", "the 7-day change in open interest", -1 },
	[MS_SP_FUNDING] = { "funding_7d", "Funding rate, 7-day mean (annualised)", "the funding rate", -1 },
	[MS_SP_MCAP_DRAWDOWN] = { "mcap_drawdown_365d", "Total market cap from its 365-day high",
				  "the total market cap's drawdown", -1 },
	[MS_SP_FEAR_GREED] = { "fear_greed", "Fear & Greed Index", "the Fear & Greed Index", -1 },
	[MS_SP_ETF_FLOWS] = { "etf_flows_5d", "ETF net flows, 5 trading days", "the ETFs' net flows", -1 },
};

/* Fixed from the record of the market, not from the index: the days the
 * readers of a market-stress report remember. */
const ms_stress_episode ms_stress_episodes[] = {
	{ "2020-03-12", "March 2020 (Covid crash)" },
	{ "2021-05-19", "May 2021 sell-off" },
	{ "2022-06-13", "June 2022 (Celsius, 3AC)" },
	{ "2022-11-09", "November 2022 (FTX)" },
	{ "2024-08-05", "August 2024 (yen carry unwind)" },
	{ "2025-10-10", "October 2025 (tariff crash)" },
	{ "2026-02-05", "February 2026 crash" },
};
const size_t ms_stress_nepisodes = sizeof ms_stress_episodes / sizeof ms_stress_episodes[0];

#define YEAR_DAYS 365
#define CARRY_DAYS 3          /* a value stands for at most three days after its own (gaps, weekends) */

/* The value of the last bar at or before day, if it is at most carry days old. */
static double value_on(const ms_series *s, const double *v, int64_t day, int carry)
{
	size_t k = ms_series_lower_bound(s, day + 1);
	if (k == 0 || s->t[k - 1] < day - carry * (int64_t)MS_DAY)
		return NAN;
	return v[k - 1];
}

/* x / its highest value over the 365 days to it - 1, for each bar. */
static void drawdown_365(const int64_t *t, const double *x, size_t n, double *out)
{
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		while (t[from] <= t[i] - YEAR_DAYS * (int64_t)MS_DAY)
			from++;
		double top = x[i];
		for (size_t j = from; j < i; j++)
			top = fmax(top, x[j]);
		out[i] = top > 0 ? x[i] / top - 1 : NAN;
	}
}

static size_t grid_index(const ms_stress *s, int64_t day)
{
	return (size_t)((day - s->day[0]) / MS_DAY);
}

/* The primary's parts, from its own daily bars. */
static int price_parts(ms_stress *s, const ms_series *p)
{
	double *dd = malloc(p->n * sizeof *dd);
	if (!dd)
		return -1;
	drawdown_365(p->t, p->col[MS_CLOSE], p->n, dd);
	for (size_t i = 0; i < p->n; i++) {
		size_t g = grid_index(s, p->t[i]);
		s->raw[MS_SP_DRAWDOWN][g] = dd[i];
		s->raw[MS_SP_DAY_FALL][g] = p->col[MS_LOW][i] / p->col[MS_HIGH][i] - 1;
		/* the 30-day volatility as the risk figures define it: 30 daily log
		 * returns (the bars a day apart), their standard deviation annualised */
		if (i < MS_ROLLING_DAYS || p->t[i] - p->t[i - MS_ROLLING_DAYS] != MS_ROLLING_DAYS * (int64_t)MS_DAY)
			continue;
		double r[MS_ROLLING_DAYS];
		for (int k = 0; k < MS_ROLLING_DAYS; k++)
			r[k] = log(p->col[MS_CLOSE][i - MS_ROLLING_DAYS + 1 + k] / p->col[MS_CLOSE][i - MS_ROLLING_DAYS + k]);
		s->raw[MS_SP_VOLATILITY][g] = ms_stdev(r, MS_ROLLING_DAYS) * sqrt(365.0);
	}
	free(dd);
	return 0;
}

/* The leverage parts: liquidations and open interest of BTC and ETH, summed
 * over the assets that have all three series loaded, and the primary
 * asset's funding. A day missing any value of them has no value. */
static void leverage_parts(ms_stress *s, const ms_dataset *ds, size_t nds, const char *asset)
{
	const ms_series *lg[2], *sh[2], *oi[2];
	size_t k = 0;
	for (ms_major a = MS_BTC; a < MS_NMAJORS; a++) {
		const ms_dataset *l = ms_find_metric(ds, nds, MS_METRIC_LONG_LIQUIDATIONS, ms_major_code(a));
		const ms_dataset *h = ms_find_metric(ds, nds, MS_METRIC_SHORT_LIQUIDATIONS, ms_major_code(a));
		const ms_dataset *o = ms_find_metric(ds, nds, MS_METRIC_OPEN_INTEREST, ms_major_code(a));
		if (l && h && o) {
			lg[k] = l->series;
			sh[k] = h->series;
			oi[k++] = o->series;
		}
	}
	const ms_dataset *fd = ms_find_metric(ds, nds, MS_METRIC_FUNDING, asset);
	for (size_t g = 0; g < s->n; g++) {
		int64_t d = s->day[g];
		double liq = k ? 0 : NAN, before = k ? 0 : NAN, now = k ? 0 : NAN, week = k ? 0 : NAN;
		for (size_t a = 0; a < k; a++) {
			liq += value_on(lg[a], lg[a]->col[MS_VALUE], d, 0) + value_on(sh[a], sh[a]->col[MS_VALUE], d, 0);
			before += value_on(oi[a], oi[a]->col[MS_VALUE], d - MS_DAY, 0);
			now += value_on(oi[a], oi[a]->col[MS_VALUE], d, 0);
			week += value_on(oi[a], oi[a]->col[MS_VALUE], d - 7 * MS_DAY, 0);
		}
		s->raw[MS_SP_LIQ_OI][g] = before > 0 ? liq / before : NAN;
		s->raw[MS_SP_OI_CHANGE][g] = week > 0 ? now / week - 1 : NAN;
		if (!fd)
			continue;
		double sum = 0;
		for (int j = 0; j < 7; j++)
			sum += value_on(fd->series, fd->series->col[MS_VALUE], d - j * MS_DAY, 0);
		s->raw[MS_SP_FUNDING][g] = ms_funding_annualised(sum / 7);
	}
}

/* The market's parts: the total market cap's drawdown, Fear & Greed, and
 * the ETF flows of the last five trading days. */
static int market_parts(ms_stress *s, const ms_dataset *ds, size_t nds, const char *asset)
{
	const ms_dataset *m = ms_find_metric(ds, nds, MS_METRIC_MARKET_CAP, "");
	const ms_dataset *fg = ms_find_metric(ds, nds, MS_METRIC_FEAR_GREED, "");
	const ms_dataset *fl = ms_find_metric(ds, nds, MS_METRIC_ETF_FLOWS, asset);
	if (!fl)
		fl = ms_find_metric(ds, nds, MS_METRIC_ETF_FLOWS, "");
	double *mdd = NULL;
	if (m && m->series->n) {
		if (!(mdd = malloc(m->series->n * sizeof *mdd)))
			return -1;
		drawdown_365(m->series->t, m->series->col[MS_VALUE], m->series->n, mdd);
	}
	for (size_t g = 0; g < s->n; g++) {
		int64_t d = s->day[g];
		if (mdd)
			s->raw[MS_SP_MCAP_DRAWDOWN][g] = value_on(m->series, mdd, d, CARRY_DAYS);
		if (fg)
			s->raw[MS_SP_FEAR_GREED][g] = value_on(fg->series, fg->series->col[MS_VALUE], d, CARRY_DAYS);
		if (!fl)
			continue;
		/* five trading days to the last one by d; a long weekend is four days */
		const ms_series *f = fl->series;
		size_t j = ms_series_lower_bound(f, d + 1);
		if (j < 5 || f->t[j - 1] < d - 4 * (int64_t)MS_DAY)
			continue;
		double sum = 0;
		for (size_t i = j - 5; i < j; i++)
			sum += f->col[MS_VALUE][i];
		s->raw[MS_SP_ETF_FLOWS][g] = sum;
	}
	free(mdd);
	return 0;
}

/* Each part against its own past up to the day (Welford's running mean
 * and variance), signed so that higher is more stress, capped. */
static void standardise(ms_stress *s)
{
	for (int c = 0; c < MS_SP_N; c++) {
		double mean = 0, m2 = 0;
		size_t count = 0;
		for (size_t g = 0; g < s->n; g++) {
			double x = s->raw[c][g];
			s->z[c][g] = NAN;
			if (isnan(x))
				continue;
			count++;
			double delta = x - mean;
			mean += delta / (double)count;
			m2 += delta * (x - mean);
			if (count < MS_STRESS_MIN_OBS)
				continue;
			double sd = sqrt(m2 / (double)(count - 1));
			double z = sd > 0 ? ms_stress_parts[c].sign * (x - mean) / sd : 0;
			s->z[c][g] = fmax(-MS_STRESS_Z_CAP, fmin(MS_STRESS_Z_CAP, z));
		}
	}
}

static void combine(ms_stress *s)
{
	s->first = s->n;
	for (size_t g = 0; g < s->n; g++) {
		double sum = 0;
		int k = 0;
		for (int c = 0; c < MS_SP_N; c++)
			if (!isnan(s->z[c][g])) {
				sum += s->z[c][g];
				k++;
			}
		s->index[g] = k >= MS_STRESS_MIN_PARTS ? sum / k : NAN;
		s->percentile[g] = NAN;
		if (isnan(s->index[g]))
			continue;
		if (s->first == s->n)
			s->first = g;
		size_t below = 0, all = 0;
		for (size_t h = s->first; h <= g; h++)
			if (!isnan(s->index[h])) {
				all++;
				below += s->index[h] <= s->index[g];
			}
		/* a rank among too few days says nothing */
		if (all >= MS_STRESS_MIN_RANK)
			s->percentile[g] = (double)below / (double)all;
	}
}

static int ascending(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The regimes' edges in the index's own units: the index at the 80th and
 * 95th percentile of its history to the last day. -1 when out of memory. */
static int edges(ms_stress *s)
{
	s->edge_high = s->edge_extreme = NAN;
	size_t n = 0;
	for (size_t g = s->first; g < s->n; g++)
		n += !isnan(s->index[g]);
	if (!n)
		return 0;
	double *v = malloc(n * sizeof *v);
	if (!v)
		return -1;
	n = 0;
	for (size_t g = s->first; g < s->n; g++)
		if (!isnan(s->index[g]))
			v[n++] = s->index[g];
	qsort(v, n, sizeof *v, ascending);
	s->edge_high = ms_quantile_sorted(v, n, 0.80);
	s->edge_extreme = ms_quantile_sorted(v, n, 0.95);
	free(v);
	return 0;
}

int ms_stress_compute(const ms_dataset *primary, const ms_dataset *ds, size_t nds, ms_stress *out)
{
	memset(out, 0, sizeof *out);
	out->edge_high = out->edge_extreme = NAN;
	const ms_series *p = primary->series;
	if (!p || p->n < 2 || !ms_series_has(p, MS_CLOSE) || !ms_series_has(p, MS_HIGH) || !ms_series_has(p, MS_LOW))
		return 0;
	out->n = (size_t)((p->t[p->n - 1] - p->t[0]) / MS_DAY) + 1;
	int rc = !(out->day = malloc(out->n * sizeof *out->day)) || !(out->index = malloc(out->n * sizeof(double))) ||
		 !(out->percentile = malloc(out->n * sizeof(double)));
	for (int c = 0; c < MS_SP_N && !rc; c++)
		rc = !(out->raw[c] = malloc(out->n * sizeof(double))) || !(out->z[c] = malloc(out->n * sizeof(double)));
	if (rc) {
		ms_stress_release(out);
		return -1;
	}
	for (size_t g = 0; g < out->n; g++) {
		out->day[g] = p->t[0] + (int64_t)g * MS_DAY;
		for (int c = 0; c < MS_SP_N; c++)
			out->raw[c][g] = NAN;
	}
	const char *asset = primary->cfg->asset;
	if (price_parts(out, p) || market_parts(out, ds, nds, asset)) {
		ms_stress_release(out);
		return -1;
	}
	leverage_parts(out, ds, nds, asset);
	standardise(out);
	combine(out);
	if (edges(out)) {
		ms_stress_release(out);
		return -1;
	}
	return 0;
}

void ms_stress_release(ms_stress *s)
{
	free(s->day);
	free(s->index);
	free(s->percentile);
	for (int c = 0; c < MS_SP_N; c++) {
		free(s->raw[c]);
		free(s->z[c]);
	}
	memset(s, 0, sizeof *s);
}

size_t ms_stress_peaks(const ms_stress *s, int sep_days, size_t *out, size_t max)
{
	size_t k = 0;
	while (k < max) {
		size_t best = s->n;
		for (size_t g = s->first; g < s->n; g++) {
			if (isnan(s->index[g]) || (best < s->n && s->index[g] <= s->index[best]))
				continue;
			int clear = 1;
			for (size_t j = 0; j < k && clear; j++)
				clear = (g > out[j] ? g - out[j] : out[j] - g) >= (size_t)sep_days;
			if (clear)
				best = g;
		}
		if (best == s->n)
			break;
		out[k++] = best;
	}
	return k;
}

const char *ms_stress_regime(double percentile)
{
	return percentile >= 0.95 ? "extreme" : percentile >= 0.80 ? "high" : percentile >= 0.50 ? "elevated" : "calm";
}

static void cell(ms_buf *out, double v)
{
	if (isnan(v))
		ms_buf_putc(out, ',');
	else
		ms_buf_printf(out, ",%.12g", v);
}

void ms_stress_csv(const ms_stress *s, ms_buf *out)
{
	ms_buf_puts(out, "date,index,percentile,regime");
	for (int c = 0; c < MS_SP_N; c++)
		ms_buf_printf(out, ",%s,%s_z", ms_stress_parts[c].name, ms_stress_parts[c].name);
	ms_buf_putc(out, '\n');
	for (size_t g = s->first; g < s->n; g++) {
		char day[11];
		ms_fmt_date(s->day[g], day);
		ms_buf_puts(out, day);
		cell(out, s->index[g]);
		cell(out, s->percentile[g]);
		ms_buf_printf(out, ",%s", isnan(s->percentile[g]) ? "" : ms_stress_regime(s->percentile[g]));
		for (int c = 0; c < MS_SP_N; c++) {
			cell(out, s->raw[c][g]);
			cell(out, s->z[c][g]);
		}
		ms_buf_putc(out, '\n');
	}
}
