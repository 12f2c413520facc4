/* Price figures: highs and drawdowns per venue, the drawdown episodes, the
 * volume trend, the quiet period, each crash day's venues and the worst
 * 24-hour falls. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "figures.h"
#include "memwatch.h"
#include "utc.h"

static void volume_trend(const ms_dataset *ds, ms_price_figures *out)
{
	const ms_series *s = ds->series;
	if (!ms_series_has(s, MS_VOLUME) || ds->hi - ds->lo < 2 * MS_ROLLING_DAYS)
		return;
	const double *v = s->col[MS_VOLUME];
	out->has_volume = 1;
	out->volume_last = ms_mean(v + ds->hi - MS_ROLLING_DAYS, MS_ROLLING_DAYS);
	out->volume_previous = ms_mean(v + ds->hi - 2 * MS_ROLLING_DAYS, MS_ROLLING_DAYS);
	out->volume_change = out->volume_last / out->volume_previous - 1;
}

static int range_figures(const ms_dataset *ds, const ms_span *span, ms_range_figures *r)
{
	const ms_series *s = ds->series;
	memset(r, 0, sizeof *r);
	if (!span->has)
		return 0;
	size_t lo, hi;
	ms_series_range(s, span->from, span->to, &lo, &hi);
	lo = lo < ds->lo ? ds->lo : lo;
	hi = hi > ds->hi ? ds->hi : hi;
	if (hi <= lo + 1)
		return 0;
	r->has = 1;
	r->lo = lo;
	r->hi = hi;
	r->high = (size_t)ms_argmax(s->col[MS_HIGH], lo, hi);
	r->low = (size_t)ms_argmin(s->col[MS_LOW], lo, hi);
	r->range = s->col[MS_HIGH][r->high] / s->col[MS_LOW][r->low] - 1;
	r->change = s->col[MS_CLOSE][hi - 1] / s->col[MS_CLOSE][lo] - 1;
	r->volatility = NAN;
	size_t n = hi - lo;
	double *simple = malloc(n * sizeof *simple), *logr = malloc(n * sizeof *logr);
	size_t *end = malloc(n * sizeof *end);
	int rc = 0;
	if (!simple || !logr || !end) {
		ms_nomem();
		rc = -1;
	} else {
		size_t k = ms_returns(s->t + lo, s->col[MS_CLOSE] + lo, n, s->step, simple, logr, end);
		if (k >= 2)
			r->volatility = ms_stdev(logr, k) * sqrt(365.0);
	}
	free(simple);
	free(logr);
	free(end);
	return rc;
}

int ms_price_figures_compute(const ms_dataset *ds, const ms_span *period, const ms_span *regime, int top_n,
			     ms_price_figures *out)
{
	const ms_series *s = ds->series;
	const double *hi = s->col[MS_HIGH], *cl = s->col[MS_CLOSE];
	memset(out, 0, sizeof *out);
	if (ds->hi <= ds->lo)
		return -1;
	out->latest = ds->hi - 1;
	/* the high of all the loaded history to date, not only of the window */
	out->ath_high = (size_t)ms_argmax(hi, 0, ds->hi);
	out->ath_close = (size_t)ms_argmax(cl, 0, ds->hi);
	out->from_ath_high = ms_change(hi[out->ath_high], cl[out->latest]);
	out->from_ath_close = ms_change(cl[out->ath_close], cl[out->latest]);
	if (period->has) {
		size_t plo, phi;
		ms_series_range(s, period->from, period->to, &plo, &phi);
		plo = plo < ds->lo ? ds->lo : plo;
		phi = phi > ds->hi ? ds->hi : phi;
		if (phi > plo) {
			out->period_high = (size_t)ms_argmax(hi, plo, phi);
			out->has_period = 1;
			out->from_period_high = ms_change(hi[out->period_high], cl[out->latest]);
		}
	}
	size_t n = ds->hi - ds->lo;
	ms_max_drawdown(cl + ds->lo, n, &out->maxdd);
	out->maxdd.peak += ds->lo;
	out->maxdd.trough += ds->lo;
	out->maxdd.recovery += ds->lo;
	if (!(out->episodes = calloc((size_t)top_n, sizeof *out->episodes))) {
		ms_nomem();
		return -1;
	}
	out->nepisodes = ms_drawdown_episodes(cl + ds->lo, n, out->episodes, (size_t)top_n);
	for (size_t i = 0; i < out->nepisodes; i++) {
		out->episodes[i].peak += ds->lo;
		out->episodes[i].trough += ds->lo;
		out->episodes[i].recovery += ds->lo;
	}
	volume_trend(ds, out);
	if (range_figures(ds, regime, &out->regime)) {
		ms_price_figures_release(out);
		return -1;
	}
	return 0;
}

void ms_price_figures_release(ms_price_figures *pf)
{
	free(pf->episodes);
	pf->episodes = NULL;
	pf->nepisodes = 0;
}

/* The venues of one crash day: every daily price source with open and low,
 * and the days built from every intraday one. */
static int crash_rows(ms_figures *f, size_t k)
{
	int64_t day = f->crash_day[k];
	if (!(f->crash_row[k] = calloc(f->nds ? f->nds : 1, sizeof *f->crash_row[k])))
		return -1;
	for (size_t i = 0; i < f->nds; i++) {
		const ms_dataset *d = &f->ds[i];
		int hourly = d->daily != NULL;
		const ms_series *s = hourly ? d->daily : d->series;
		if ((!hourly && !ms_is_daily_price(d)) || !ms_series_has(s, MS_OPEN) || !ms_series_has(s, MS_LOW))
			continue;
		long found = ms_series_at(s, day);
		if (found < 0)
			continue;
		size_t at = (size_t)found;
		const double o = s->col[MS_OPEN][at], h = s->col[MS_HIGH][at], l = s->col[MS_LOW][at];
		ms_crash_row *r = &f->crash_row[k][f->ncrash_row[k]++];
		r->ds = d;
		r->s = s;
		r->i = at;
		r->from_hourly = hourly;
		r->drop_high_low = l / h - 1;
		r->drop_open_low = l / o - 1;
		r->has_change = at > 0 && s->t[at] - s->t[at - 1] == MS_DAY;
		if (r->has_change)
			r->change = s->col[MS_CLOSE][at] / s->col[MS_CLOSE][at - 1] - 1;
	}
	return 0;
}

/* The worst 24-hour fall of an hourly source, and per crash day the worst
 * whose low lies on that day. */
static void retracements(const ms_figures *f, const ms_dataset *d, ms_retr *out)
{
	const ms_series *s = d->series;
	const int64_t span = MS_DAY;
	out->ds = d;
	for (size_t k = 0; k < f->ncrash; k++) {
		int64_t day = f->crash_day[k];
		size_t from = ms_series_lower_bound(s, day - span + s->step);
		size_t first = ms_series_lower_bound(s, day);
		size_t to = ms_series_lower_bound(s, day + MS_DAY);
		ms_retracement *r = &out->day[k];
		if (first >= to || ms_worst_retracement(s->t + from, s->col[MS_HIGH] + from, s->col[MS_LOW] + from,
							to - from, s->step, span, first - from, r))
			continue;
		r->peak += from;
		r->trough += from;
		out->has_day[k] = 1;
	}
}

int ms_crash_figures(ms_figures *f)
{
	for (size_t k = 0; k < f->ncrash; k++)
		if (crash_rows(f, k))
			return -1;
	if (!(f->retr = calloc(f->nds ? f->nds : 1, sizeof *f->retr)))
		return -1;
	for (size_t i = 0; i < f->nds; i++) {
		const ms_dataset *d = &f->ds[i];
		const ms_series *s = d->series;
		if (!d->daily || d->hi <= d->lo)
			continue;
		ms_retr *r = &f->retr[f->nretr];
		if (ms_worst_retracement(s->t + d->lo, s->col[MS_HIGH] + d->lo, s->col[MS_LOW] + d->lo, d->hi - d->lo,
					 s->step, MS_DAY, 0, &r->worst))
			continue;
		r->worst.peak += d->lo;
		r->worst.trough += d->lo;
		retracements(f, d, r);
		f->nretr++;
	}
	return 0;
}

void ms_crash_figures_release(ms_figures *f)
{
	for (size_t k = 0; k < MS_MAX_CRASH_DAYS; k++)
		free(f->crash_row[k]);
	free(f->retr);
}
