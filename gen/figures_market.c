/* The market-wide figures: total market capitalisation, liquidations, ETF
 * flows (monthly sums, streaks, the running total) and fear & greed, over
 * the report's window. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "figures.h"
#include "memwatch.h"
#include "asset.h"

#define MAX_MONTHS 600

static void mcap_figures(ms_figures *f)
{
	const ms_dataset *m = ms_find_metric(f->ds, f->nds, MS_METRIC_MARKET_CAP, "");
	if (!m || m->hi <= m->lo)
		return;
	const double *v = m->series->col[MS_VALUE];
	ms_mcap *c = &f->mcap;
	c->ds = m;
	c->peak = (size_t)ms_argmax(v, m->lo, m->hi);
	c->latest = m->hi - 1;
	c->low = (size_t)ms_argmin(v, c->peak, m->hi);
	c->change = v[c->latest] / v[c->peak] - 1;
	c->lost = v[c->peak] - v[c->latest];
}

static int liquidations_of(const ms_dataset *lg, const ms_dataset *sh, ms_liq *q)
{
	const ms_series *a = lg->series, *b = sh->series;
	size_t cap = lg->hi - lg->lo + 1;
	q->lg = lg;
	q->sh = sh;
	q->day = malloc(cap * sizeof *q->day);
	q->lv = malloc(cap * sizeof *q->lv);
	q->sv = malloc(cap * sizeof *q->sv);
	if (!q->day || !q->lv || !q->sv)
		return -1;
	for (size_t i = lg->lo; i < lg->hi; i++) {
		long j = ms_series_at(b, a->t[i]);
		if (j < 0)
			continue;
		q->day[q->n] = a->t[i];
		q->lv[q->n] = a->col[MS_VALUE][i];
		q->sv[q->n] = b->col[MS_VALUE][j];
		q->total_long += q->lv[q->n];
		q->total_short += q->sv[q->n];
		q->n++;
	}
	q->ratio = q->total_short > 0 ? q->total_long / q->total_short : NAN;
	/* the largest days by long + short */
	double *total = malloc(cap * sizeof *total);
	if (!total)
		return -1;
	for (size_t i = 0; i < q->n; i++)
		total[i] = q->lv[i] + q->sv[i];
	q->nlargest = ms_extremes(total, q->n, 1, q->largest, sizeof q->largest / sizeof q->largest[0]);
	free(total);
	return 0;
}

static int etf_figures(ms_figures *f)
{
	const ms_dataset *d = ms_find_metric(f->ds, f->nds, MS_METRIC_ETF_FLOWS, "");
	if (!d || d->hi <= d->lo)
		return 0;
	ms_etf *e = &f->etf;
	e->ds = d;
	e->t = d->series->t + d->lo;
	e->v = d->series->col[MS_VALUE] + d->lo;
	e->n = d->hi - d->lo;
	e->months = malloc(MAX_MONTHS * sizeof *e->months);
	e->cumulative = malloc(e->n * sizeof *e->cumulative);
	if (!e->months || !e->cumulative)
		return -1;
	size_t nm = ms_flows_monthly(e->t, e->v, e->n, e->months, MAX_MONTHS);
	e->nmonths = nm < MAX_MONTHS ? nm : MAX_MONTHS;
	double run = 0;
	for (size_t i = 0; i < e->n; i++) {
		run += e->v[i];
		e->cumulative[i] = run;
		if (e->v[i] > e->v[e->largest_in])
			e->largest_in = i;
		if (e->v[i] < e->v[e->largest_out])
			e->largest_out = i;
	}
	ms_outflow_streaks(e->v, e->n, &e->longest, &e->current);
	return 0;
}

static void fng_figures(ms_figures *f)
{
	const ms_dataset *d = ms_find_metric(f->ds, f->nds, MS_METRIC_FEAR_GREED, "");
	if (!d || d->hi <= d->lo)
		return;
	const double *v = d->series->col[MS_VALUE];
	f->fng.ds = d;
	f->fng.latest = d->hi - 1;
	f->fng.min = (size_t)ms_argmin(v, d->lo, d->hi);
}

int ms_market_figures(ms_figures *f)
{
	mcap_figures(f);
	fng_figures(f);
	for (ms_major k = MS_BTC; k < MS_NMAJORS; k++) {
		const ms_dataset *lg = ms_find_metric(f->ds, f->nds, MS_METRIC_LONG_LIQUIDATIONS, ms_major_code(k));
		const ms_dataset *sh = ms_find_metric(f->ds, f->nds, MS_METRIC_SHORT_LIQUIDATIONS, ms_major_code(k));
		if (!lg || !sh)
			continue;
		ms_liq *q = &f->liq[f->nliq++];
		if (liquidations_of(lg, sh, q))
			return -1;
		if (!q->n) {             /* no day in common: nothing to show */
			free(q->day);
			free(q->lv);
			free(q->sv);
			memset(q, 0, sizeof *q);
			f->nliq--;
		}
	}
	return etf_figures(f);
}

void ms_market_figures_release(ms_figures *f)
{
	for (size_t k = 0; k < f->nliq; k++) {
		free(f->liq[k].day);
		free(f->liq[k].lv);
		free(f->liq[k].sv);
	}
	free(f->etf.months);
	free(f->etf.cumulative);
}
