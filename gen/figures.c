#include "figures.h"
#include <stdlib.h>
#include <string.h>
#include "memwatch.h"
#include "utc.h"

/* A configured span as it stands at the as-of date: left out when it has
 * not begun (with a note), clipped and labelled "to date" when running. */
static void span_at(const ms_config *cfg, int64_t from, int64_t to, const char *label, const char *key,
		    ms_span *out, ms_notes *notes)
{
	memset(out, 0, sizeof *out);
	int64_t end = cfg->as_of + MS_DAY;
	if (!to)
		return;
	/* the note names neither the span nor its label: both lie after the date */
	if (from >= end) {
		ms_notes_add(notes, "The configured %s is left out: it begins after the as-of date.", key);
		return;
	}
	out->has = 1;
	out->from = from;
	out->to = to < end ? to : end;
	out->to_date = to > end;
	snprintf(out->label, sizeof out->label, "%s%s", label, out->to_date ? " to date" : "");
}

static int is_daily_price_view(const ms_dataset *v)
{
	return v->series && v->series->step == MS_DAY && ms_series_has(v->series, MS_HIGH) &&
	       ms_series_has(v->series, MS_CLOSE) && ms_series_has(v->series, MS_LOW);
}

/* A venue of daily closes alone (a CoinGecko export): no highs or lows. */
static int is_closes_venue(const ms_dataset *ds)
{
	const ms_series *s = ds->series;
	return ds->cfg->metric == MS_METRIC_PRICE && s->step == MS_DAY && ms_series_has(s, MS_CLOSE) &&
	       !ms_series_has(s, MS_HIGH);
}

/* Its closes as bars whose open, high and low are the close, so the venue's
 * figures (the highest close, drawdowns, returns) come from the same code;
 * the model marks them as closes (closes_only). */
static int closes_as_bars(ms_dataset *v, ms_series **out)
{
	const ms_series *s = v->series;
	ms_series *b = ms_series_new(MS_DAY, MS_OHLC | (s->mask & MS_COLBIT(MS_VOLUME)));
	if (!b || ms_series_reserve(b, s->n)) {
		ms_series_free(b);
		return -1;
	}
	for (size_t k = 0; k < s->n; k++) {
		double c = s->col[MS_CLOSE][k];
		double vals[MS_NCOL] = { c, c, c, c, ms_series_has(s, MS_VOLUME) ? s->col[MS_VOLUME][k] : 0, 0 };
		ms_series_push(b, s->t[k], vals);
	}
	v->series = *out = b;
	return 0;
}

/* The day a source should reach by the as-of date: the as-of day itself,
 * or for ETF flows (US trading days) the last weekday on or before it. */
static int64_t expected_day(const ms_dataset *ds, int64_t as_of)
{
	if (ds->cfg->metric != MS_METRIC_ETF_FLOWS)
		return as_of;
	int64_t day = as_of;
	for (;;) {
		int64_t wd = ((day / MS_DAY) % 7 + 11) % 7;     /* 0 Sunday: 1970-01-01 was a Thursday */
		if (wd != 0 && wd != 6)
			return day;
		day -= MS_DAY;
	}
}

static int freshness(ms_figures *f, ms_diag *d)
{
	const ms_config *cfg = f->cfg;
	int rc = 0;
	for (size_t i = 0; i < f->nds; i++) {
		const ms_dataset *ds = &f->ds[i];
		const ms_series *s = ds->series;
		ms_freshness *fr = &f->fresh[i];
		fr->last_day = ms_day_floor(s->t[s->n - 1] + s->step - 1);
		fr->expected_day = expected_day(ds, cfg->as_of);
		fr->behind_days = fr->expected_day > fr->last_day ? (fr->expected_day - fr->last_day) / MS_DAY : 0;
		fr->stale = fr->behind_days > 0 || ds->stale_since != 0;
		f->nstale += fr->stale != 0;
		if (cfg->max_stale_days >= 0 && fr->behind_days > cfg->max_stale_days) {
			char last[11], a[11];
			ms_fmt_date(fr->last_day, last);
			ms_fmt_date(cfg->as_of, a);
			rc = ms_error(d, cfg->file, cfg->max_stale_line, 1, "source '%s' ends on %s, %lld days before the "
				      "as-of date %s (max_stale_days = %d)", ds->cfg->name, last,
				      (long long)fr->behind_days, a, cfg->max_stale_days);
		}
	}
	return rc;
}

/* The configured crash days a reader could know of at the as-of date and
 * that some price venue has a bar for. */
static void crash_days(ms_figures *f)
{
	const ms_config *cfg = f->cfg;
	size_t late = 0;
	for (size_t k = 0; k < cfg->ncrash; k++) {
		int64_t day = cfg->crash_day[k];
		char dd[11];
		ms_fmt_date(day, dd);
		if (day > cfg->as_of) {
			late++;
			continue;
		}
		int found = 0;
		for (size_t i = 0; i < f->nds && !found; i++) {
			found = !f->closes_bars[i] && is_daily_price_view(&f->day_views[i]) &&
				ms_series_at(f->day_views[i].series, day) >= 0;
		}
		if (found)
			f->crash_day[f->ncrash++] = day;
		else
			ms_notes_add(&f->notes, "The crash day %s (crash_days) is left out: no price source has that day.", dd);
	}
	if (late)
		ms_notes_add(&f->notes, "%zu of the configured crash days (crash_days) %s after the as-of date and %s "
			     "left out.", late, late == 1 ? "lies" : "lie", late == 1 ? "is" : "are");
}

/* Flow days with no close in the daily bars p (both ascending). */
static size_t unpriced_days(const ms_series *flows, const ms_series *p)
{
	size_t missing = 0, j = 0;
	for (size_t i = 0; i < flows->n; i++) {
		while (j < p->n && p->t[j] < flows->t[i])
			j++;
		missing += j == p->n || p->t[j] != flows->t[i];
	}
	return missing;
}

void ms_basis_compute(const ms_dataset *ds, size_t nds, const char *primary, ms_basis *out)
{
	memset(out, 0, sizeof *out);
	const ms_dataset *flows = ms_find_metric(ds, nds, MS_METRIC_ETF_FLOWS, "");
	if (!flows || !flows->series->n || !*flows->cfg->asset)
		return;
	/* the closes of the flows' own asset, whatever the primary: the source
	 * that prices the most flow days (on a tie the primary, then the first) */
	const ms_dataset *best = NULL;
	size_t best_missing = 0;
	for (size_t i = 0; i < nds; i++) {
		const ms_dataset *p = &ds[i];
		if (strcmp(p->cfg->asset, flows->cfg->asset) || p->cfg->metric != MS_METRIC_PRICE)
			continue;
		ms_dataset v = ms_day_view(p);
		if (!is_daily_price_view(&v) || !v.series->n)
			continue;
		size_t missing = unpriced_days(flows->series, v.series);
		if (!best || missing < best_missing ||
		    (missing == best_missing && !strcmp(p->cfg->name, primary))) {
			best = p;
			best_missing = missing;
		}
	}
	if (!best)
		return;
	out->flows = flows;
	out->prices = best;
	out->price_days = *(best->daily ? best->daily : best->series);
	const ms_series *fs = flows->series, *ps = &out->price_days;
	if (ms_flow_cost_basis(fs->t, fs->col[MS_VALUE], fs->n, ps->t, ps->col[MS_CLOSE], ps->n, &out->cb, NULL))
		return;
	out->has = 1;
	out->last_flow = fs->t[fs->n - 1];
	out->latest_close = ps->col[MS_CLOSE][ps->n - 1];
	out->latest_day = ps->t[ps->n - 1];
}

/* The cost basis as it stood after each flow day, by the same sums as the
 * figure: its last value is basis.cb.basis. */
static int running_basis(ms_figures *f)
{
	const ms_series *fs = f->basis.flows->series, *ps = &f->basis.price_days;
	if (!(f->basis_running = malloc(fs->n * sizeof *f->basis_running)))
		return -1;
	ms_cost_basis cb;
	ms_flow_cost_basis(fs->t, fs->col[MS_VALUE], fs->n, ps->t, ps->col[MS_CLOSE], ps->n, &cb, f->basis_running);
	return 0;
}

int ms_figures_compute(const ms_config *cfg, const ms_dataset *ds, size_t nds, ms_notes *left_out,
		       ms_figures *f, ms_diag *d)
{
	memset(f, 0, sizeof *f);
	f->cfg = cfg;
	f->ds = ds;
	f->nds = nds;
	f->notes = *left_out;
	memset(left_out, 0, sizeof *left_out);
	size_t n = nds ? nds : 1;
	f->day_views = calloc(n, sizeof *f->day_views);
	f->closes_bars = calloc(n, sizeof *f->closes_bars);
	f->price = calloc(n, sizeof *f->price);
	f->is_price = calloc(n, 1);
	f->fresh = calloc(n, sizeof *f->fresh);
	f->risk = calloc(n, sizeof *f->risk);
	if (!f->day_views || !f->closes_bars || !f->price || !f->is_price || !f->fresh || !f->risk)
		return ms_error(d, NULL, 0, 0, "out of memory");
	span_at(cfg, cfg->period_from, cfg->period_to, cfg->period_label, "period_high", &f->period, &f->notes);
	span_at(cfg, cfg->regime_from, cfg->regime_to, cfg->regime_label, "regime", &f->regime, &f->notes);
	int have_primary = 0;
	for (size_t i = 0; i < nds; i++) {
		f->day_views[i] = ms_day_view(&ds[i]);
		if (is_closes_venue(&ds[i]) && closes_as_bars(&f->day_views[i], &f->closes_bars[i]))
			return ms_error(d, NULL, 0, 0, "out of memory");
		const ms_dataset *v = &f->day_views[i];
		/* a venue: a daily price source, or the primary (whose days may be built from hours) */
		int is_primary = !strcmp(ds[i].cfg->name, cfg->primary);
		if (!(ms_is_daily_price(&ds[i]) || is_primary || f->closes_bars[i]) || !is_daily_price_view(v) ||
		    v->hi <= v->lo)
			continue;
		if (ms_price_figures_compute(v, &f->period, &f->regime, cfg->top_drawdowns, &f->price[i]))
			return ms_error(d, NULL, 0, 0, "out of memory");
		f->price[i].closes_only = f->closes_bars[i] != NULL;
		f->is_price[i] = 1;
		if (ms_risk_compute(v, &f->risk[i]))
			return ms_error(d, NULL, 0, 0, "out of memory");
		if (is_primary) {
			f->primary = *v;
			f->primary_price = &f->price[i];
			f->primary_risk = &f->risk[i];
			have_primary = 1;
		}
	}
	if (!have_primary)
		return ms_error(d, cfg->file, cfg->primary_line, 1, "primary = %s: the source has no daily prices "
				"(high, low and close) in the window", cfg->primary);
	size_t np = f->primary.hi - f->primary.lo;
	if (!(f->underwater = malloc(np * sizeof *f->underwater)))
		return ms_error(d, NULL, 0, 0, "out of memory");
	ms_drawdown_series(f->primary.series->col[MS_CLOSE] + f->primary.lo, np, f->underwater);
	crash_days(f);
	ms_basis_compute(ds, nds, cfg->primary, &f->basis);
	if (f->basis.has && running_basis(f))
		return ms_error(d, NULL, 0, 0, "out of memory");
	if (ms_crash_figures(f) || ms_market_figures(f) || ms_stress_compute(&f->primary, ds, nds, &f->stress) ||
	    ms_history_figures(f))
		return ms_error(d, NULL, 0, 0, "out of memory");
	if (ms_leverage_figures(f))
		return ms_error(d, NULL, 0, 0, "out of memory");
	if (cfg->weekly)
		ms_week_figures(f);
	return freshness(f, d);
}

void ms_figures_release(ms_figures *f)
{
	free(f->basis_running);
	f->basis_running = NULL;
	for (size_t i = 0; f->risk && i < f->nds; i++)
		ms_risk_release(&f->risk[i]);
	for (size_t i = 0; f->price && i < f->nds; i++)
		ms_price_figures_release(&f->price[i]);
	ms_crash_figures_release(f);
	free(f->risk);
	free(f->underwater);
	ms_market_figures_release(f);
	ms_stress_release(&f->stress);
	ms_fund_figures_release(f);
	ms_leverage_figures_release(f);
	free(f->history.falls);
	for (size_t i = 0; f->closes_bars && i < f->nds; i++)
		ms_series_free(f->closes_bars[i]);
	free(f->closes_bars);
	free(f->day_views);
	free(f->price);
	free(f->is_price);
	free(f->fresh);
	ms_notes_release(&f->notes);
	memset(f, 0, sizeof *f);
}

int ms_views_at(const ms_dataset *ds, size_t nds, int64_t window_start, int64_t end, ms_views *out)
{
	memset(out, 0, sizeof *out);
	out->ds = calloc(nds ? nds : 1, sizeof *out->ds);
	out->series = calloc(2 * (nds ? nds : 1), sizeof *out->series);
	if (!out->ds || !out->series) {
		ms_views_release(out);
		return -1;
	}
	for (size_t i = 0; i < nds; i++) {
		ms_dataset *v = &out->ds[out->n];
		*v = ds[i];
		ms_series *s = &out->series[2 * out->n];
		*s = ms_series_head(ds[i].series, ms_series_count_by(ds[i].series, end));
		v->series = s;
		ms_series_range(s, window_start, end, &v->lo, &v->hi);
		if (ds[i].daily) {
			ms_series *dd = &out->series[2 * out->n + 1];
			*dd = ms_series_head(ds[i].daily, ms_series_count_by(ds[i].daily, end));
			v->daily = dd;
			ms_series_range(dd, window_start, end, &v->dlo, &v->dhi);
		}
		if (s->n)                /* a source with nothing by then is not there */
			out->n++;
	}
	return 0;
}

void ms_views_release(ms_views *v)
{
	free(v->ds);
	free(v->series);
	memset(v, 0, sizeof *v);
}
