/* Leverage over the window: each asset's open interest (its level, its
 * change over the window and on each crash day) and funding rate (its
 * annualised level, the share of days it was negative, the longest run of
 * them), and the open interest against the total market cap. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "figures.h"
#include "utc.h"
#include "asset.h"

static void open_interest(ms_figures *f, ms_lev_asset *a)
{
	const ms_dataset *d = a->oi;
	const double *v = d->series->col[MS_VALUE];
	if (d->hi < d->lo + 2)
		return;
	a->has_oi = 1;
	a->oi_first = d->lo;
	a->oi_last = d->hi - 1;
	a->oi_change = v[a->oi_last] / v[a->oi_first] - 1;
	a->oi_high = (size_t)ms_argmax(v, d->lo, d->hi);
	for (size_t k = 0; k < f->ncrash; k++) {
		long i = ms_series_at(d->series, f->crash_day[k]);
		if (i < 1 || (size_t)i >= d->series->n || d->series->t[i] - d->series->t[i - 1] != MS_DAY)
			continue;
		a->has_crash[k] = 1;
		a->crash_i[k] = (size_t)i;
		a->crash_change[k] = v[i] / v[i - 1] - 1;
		/* the asset's long and short liquidations that day against the leverage open before it */
		a->crash_liq_to_oi[k] = NAN;
		for (size_t q = 0; q < f->nliq; q++) {
			const ms_liq *l = &f->liq[q];
			if (strcmp(l->lg->cfg->asset, d->cfg->asset))
				continue;
			for (size_t j = 0; j < l->n; j++)
				if (l->day[j] == f->crash_day[k])
					a->crash_liq_to_oi[k] = (l->lv[j] + l->sv[j]) / v[i - 1];
		}
	}
}

static int funding(ms_lev_asset *a)
{
	const ms_dataset *d = a->funding;
	const double *v = d->series->col[MS_VALUE] + d->lo;
	size_t n = d->hi - d->lo;
	if (n < 7)
		return 0;
	/* the 7-day mean on each day from the window's seventh, annualised (the chart's line) */
	if (!(a->funding_7d_series = malloc((n - 6) * sizeof *a->funding_7d_series)))
		return -1;
	a->funding_7d_first = d->lo + 6;
	a->funding_7d_n = n - 6;
	for (size_t i = 6; i < n; i++) {
		double sum = 0;
		for (size_t j = i - 6; j <= i; j++)
			sum += v[j];
		a->funding_7d_series[i - 6] = ms_funding_annualised(sum / 7);
	}
	a->has_funding = 1;
	double sum = 0, last7 = 0;
	size_t negative = 0;
	for (size_t i = 0; i < n; i++) {
		sum += v[i];
		negative += v[i] < 0;
		if (i + 7 >= n)
			last7 += v[i];
	}
	a->funding_mean = ms_funding_annualised(sum / (double)n);
	a->funding_7d = ms_funding_annualised(last7 / 7);
	a->negative_share = (double)negative / (double)n;
	ms_streak current;
	ms_outflow_streaks(v, n, &a->negative_run, &current);
	a->negative_run.first += d->lo;
	a->negative_run.last += d->lo;
	return 0;
}

/* The assets' open interest summed over the total market cap, on each of
 * the market cap's window days that every asset has a value for. */
static void oi_to_mcap(ms_figures *f, ms_leverage *l)
{
	const ms_dataset *m = f->mcap.ds;
	if (!m || !l->n)
		return;
	for (size_t i = m->lo; i < m->hi; i++) {
		double oi = 0;
		for (size_t k = 0; k < l->n; k++) {
			long j = ms_series_at(l->asset[k].oi->series, m->series->t[i]);
			oi = j < 0 ? NAN : oi + l->asset[k].oi->series->col[MS_VALUE][j];
		}
		if (isnan(oi))
			continue;
		double r = oi / m->series->col[MS_VALUE][i];
		if (!l->has_ratio || r > l->ratio_high) {
			l->ratio_high = r;
			l->ratio_high_day = m->series->t[i];
		}
		l->has_ratio = 1;
		l->ratio = r;
		l->ratio_day = m->series->t[i];
	}
}

int ms_leverage_figures(ms_figures *f)
{
	ms_leverage *l = &f->leverage;
	memset(l, 0, sizeof *l);
	for (ms_major k = MS_BTC; k < MS_NMAJORS; k++) {
		const ms_dataset *oi = ms_find_metric(f->ds, f->nds, MS_METRIC_OPEN_INTEREST, ms_major_code(k));
		if (!oi)
			continue;
		ms_lev_asset *a = &l->asset[l->n];
		a->oi = oi;
		a->funding = ms_find_metric(f->ds, f->nds, MS_METRIC_FUNDING, ms_major_code(k));
		open_interest(f, a);
		if (a->funding && funding(a))
			return -1;
		if (a->has_oi) {
			l->n++;
		} else {
			free(a->funding_7d_series);
			memset(a, 0, sizeof *a);
		}
	}
	oi_to_mcap(f, l);
	return 0;
}

void ms_leverage_figures_release(ms_figures *f)
{
	for (ms_major k = MS_BTC; k < MS_NMAJORS; k++)
		free(f->leverage.asset[k].funding_7d_series);
	memset(&f->leverage, 0, sizeof f->leverage);
}
