/* The weekly newsletter's figures: the seven UTC days ending on the as-of
 * date, each as far as its source goes (a source a day behind still has a
 * week, to its last day), against the close of the day before the week. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "figures.h"
#include "utc.h"
#include "asset.h"

#define WEEK_DAYS 7

static const ms_dataset *first_price(const ms_dataset *ds, size_t nds, const char *asset, int hourly)
{
	for (size_t i = 0; i < nds; i++)
		if (!strcmp(ds[i].cfg->asset, asset) && ds[i].cfg->metric == MS_METRIC_PRICE &&
		    (hourly ? ds[i].daily != NULL : ms_is_daily_price(&ds[i])))
			return &ds[i];
	return NULL;
}

static void price_week(const ms_dataset *d, int64_t from, int64_t to, ms_week_price *w)
{
	const ms_series *s = d->series;
	size_t lo, hi;
	ms_series_range(s, from, to, &lo, &hi);
	long before = ms_series_at(s, from - MS_DAY);
	if (before < 0 || hi <= lo)
		return;
	w->ds = d;
	w->before = (size_t)before;
	w->last = hi - 1;
	w->high = (size_t)ms_argmax(s->col[MS_HIGH], lo, hi);
	w->low = (size_t)ms_argmin(s->col[MS_LOW], lo, hi);
	w->change = s->col[MS_CLOSE][w->last] / s->col[MS_CLOSE][w->before] - 1;
	w->range = s->col[MS_HIGH][w->high] / s->col[MS_LOW][w->low] - 1;
}

/* The sum of d's values over [from, to), their count in *days and the
 * last day summed in *last. */
static double sum_between(const ms_dataset *d, int64_t from, int64_t to, size_t *days, int64_t *last)
{
	size_t lo, hi;
	double sum = 0;
	*days = 0;
	if (!d)
		return NAN;
	ms_series_range(d->series, from, to, &lo, &hi);
	for (size_t i = lo; i < hi; i++)
		sum += d->series->col[MS_VALUE][i];
	*days = hi - lo;
	if (hi > lo && d->series->t[hi - 1] > *last)
		*last = d->series->t[hi - 1];
	return *days ? sum : NAN;
}

/* The primary's asset: the report's own, whichever it is. */
static const char *primary_asset(const ms_figures *f)
{
	const ms_source_cfg *p = ms_config_source(f->cfg, f->cfg->primary);
	return p ? p->asset : ms_major_code(MS_BTC);
}

static void worst_fall(const ms_figures *f, ms_week *w)
{
	const ms_dataset *h = first_price(f->ds, f->nds, primary_asset(f), 1);
	if (!h)
		return;
	const ms_series *s = h->series;
	size_t lo, hi;
	ms_series_range(s, w->from, w->to - s->step + 1, &lo, &hi);
	if (hi <= lo || ms_worst_retracement(s->t + lo, s->col[MS_HIGH] + lo, s->col[MS_LOW] + lo, hi - lo, s->step,
					     MS_DAY, 0, &w->worst))
		return;
	w->worst.peak += lo;
	w->worst.trough += lo;
	w->hourly = h;
}

static void liquidations(const ms_figures *f, ms_week *w)
{
	size_t days;
	for (ms_major k = MS_BTC; k < MS_NMAJORS; k++) {
		const ms_dataset *ld = ms_find_metric(f->ds, f->nds, MS_METRIC_LONG_LIQUIDATIONS, ms_major_code(k));
		const ms_dataset *sd = ms_find_metric(f->ds, f->nds, MS_METRIC_SHORT_LIQUIDATIONS, ms_major_code(k));
		double l = sum_between(ld, w->from, w->to, &days, &w->liquidations_last);
		double s = sum_between(sd, w->from, w->to, &days, &w->liquidations_last);
		if (isnan(l) || isnan(s))
			continue;
		w->liquidations += l + s;
		size_t n = strlen(w->liquidation_sources);
		snprintf(w->liquidation_sources + n, sizeof w->liquidation_sources - n, "%s%s, %s", n ? ", " : "",
			 ld->cfg->name, sd->cfg->name);
		w->has_liquidations = 1;
	}
}

void ms_week_figures(ms_figures *f)
{
	ms_week *w = &f->week;
	f->has_week = 1;
	w->to = f->cfg->as_of + MS_DAY;
	w->from = w->to - WEEK_DAYS * MS_DAY;
	/* the primary's asset, then the other of bitcoin and ether */
	const char *first = primary_asset(f);
	const char *assets[] = { first, ms_major_code(strcmp(first, ms_major_code(MS_BTC)) ? MS_BTC : MS_ETH) };
	for (int k = 0; k < 2; k++) {
		const ms_dataset *d = first_price(f->ds, f->nds, assets[k], 0);
		if (d)
			price_week(d, w->from, w->to, &w->price[k]);
	}
	worst_fall(f, w);
	liquidations(f, w);
	const ms_dataset *fl = ms_find_metric(f->ds, f->nds, MS_METRIC_ETF_FLOWS, "");
	w->flows_sum = sum_between(fl, w->from, w->to, &w->flow_days, &w->flows_last);
	if (!isnan(w->flows_sum))
		w->flows = fl;
	const ms_dataset *m = ms_find_metric(f->ds, f->nds, MS_METRIC_MARKET_CAP, "");
	long m0 = m ? ms_series_at(m->series, w->from - MS_DAY) : -1;
	size_t lo = 0, hi = 0;
	if (m)
		ms_series_range(m->series, w->from, w->to, &lo, &hi);
	if (m0 >= 0 && hi > lo) {
		w->mcap = m;
		w->mcap_change = m->series->col[MS_VALUE][hi - 1] / m->series->col[MS_VALUE][m0] - 1;
		w->mcap_day = m->series->t[hi - 1];
	}
}
