/* Price figures: highs and drawdowns per venue, the drawdown table,
 * returns and risk, the volume trend, a quiet period, crash days and the
 * 24-hour retracements. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "model_fig.h"
#include "utc.h"
#include "memwatch.h"

#define ROLLING_DAYS 30

static json_t *drawdown_row(const ms_series *s, const ms_drawdown *e, int64_t as_of, const char *src)
{
	const double *cl = s->col[MS_CLOSE];
	int64_t peak = s->t[e->peak], trough = s->t[e->trough];
	int64_t end = e->recovered ? s->t[e->recovery] : as_of;
	json_t *o = json_object();
	json_object_set_new(o, "depth", ms_fig(e->depth, MS_FRACTION, src, "trough close / peak close - 1"));
	json_object_set_new(o, "peak", ms_fig_on(cl[e->peak], MS_USD, peak, src, "daily close"));
	json_object_set_new(o, "trough", ms_fig_on(cl[e->trough], MS_USD, trough, src, "daily close"));
	json_object_set_new(o, "recovery_date", e->recovered ? ms_json_date(end) : json_null());
	json_object_set_new(o, "ongoing", json_boolean(!e->recovered));
	json_object_set_new(o, "recovered", json_boolean(e->recovered));
	json_object_set_new(o, "days_peak_to_trough", json_integer((trough - peak) / MS_DAY));
	json_object_set_new(o, "days_trough_to_recovery",
			    e->recovered ? json_integer((end - trough) / MS_DAY) : json_null());
	json_object_set_new(o, "days_total", json_integer((end - peak) / MS_DAY));
	return o;
}

static json_t *top_drawdowns(const ms_dataset *ds, const ms_config *cfg)
{
	const ms_series *s = ds->series;
	size_t n = ds->hi - ds->lo, max = (size_t)cfg->top_drawdowns;
	ms_drawdown *e = calloc(max, sizeof *e);
	json_t *a = json_array();
	if (!e) {
		ms_nomem();
		return a;
	}
	size_t k = ms_drawdown_episodes(s->col[MS_CLOSE] + ds->lo, n, e, max);
	for (size_t i = 0; i < k; i++) {
		e[i].peak += ds->lo;
		e[i].trough += ds->lo;
		e[i].recovery += ds->lo;
		json_t *row = drawdown_row(s, &e[i], cfg->as_of, ds->cfg->name);
		json_object_set_new(row, "rank", json_integer((json_int_t)i + 1));
		json_array_append_new(a, row);
	}
	free(e);
	return a;
}

typedef struct returns {
	double *simple, *logr;
	size_t *end, n;
} returns;

static int returns_in(const ms_series *s, size_t lo, size_t hi, returns *r)
{
	size_t n = hi > lo ? hi - lo : 0;
	r->simple = malloc((n + 1) * sizeof *r->simple);
	r->logr = malloc((n + 1) * sizeof *r->logr);
	r->end = malloc((n + 1) * sizeof *r->end);
	if (!r->simple || !r->logr || !r->end) {
		ms_nomem();
		r->n = 0;
		return -1;
	}
	r->n = ms_returns(s->t + lo, s->col[MS_CLOSE] + lo, n, s->step, r->simple, r->logr, r->end);
	for (size_t i = 0; i < r->n; i++)
		r->end[i] += lo;
	return 0;
}

static void returns_free(returns *r)
{
	free(r->simple);
	free(r->logr);
	free(r->end);
}


static json_t *returns_block(const ms_dataset *ds, const ms_risk *r)
{
	const char *src = ds->cfg->name;
	json_t *o = json_object();
	/* every key is there, a dash where the data is too short for it */
	static const char *const keys[] = { "volatility", "volatility_30d", "volatility_30d_max", "var_95",
					    "cvar_95", "var_99", "cvar_99" };
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		json_t *f = ms_fig(NAN, k < 3 ? MS_FRACTION : MS_LOSS, src, "too little data");
		json_object_set_new(f, "date", json_null());
		json_object_set_new(o, keys[k], f);
	}
	json_object_set_new(o, "worst_days", json_array());
	if (r->n < 2) {
		json_object_set_new(o, "count", json_integer(0));
		return o;
	}
	json_object_set_new(o, "count", json_integer((json_int_t)r->n));
	json_object_set_new(o, "volatility", ms_fig(r->volatility, MS_FRACTION, src,
		"annualised: sample stdev of daily log returns x sqrt(365)"));
	if (r->nroll) {
		json_object_set_new(o, "volatility_30d", ms_fig_on(r->roll[r->nroll - 1], MS_FRACTION, r->day[r->n - 1],
			src, "annualised, the last 30 daily log returns"));
		json_object_set_new(o, "volatility_30d_max", ms_fig_on(r->roll[r->roll_max], MS_FRACTION,
			r->day[r->roll_max + MS_ROLLING_DAYS - 1], src,
			"the highest 30-day volatility in the window, dated at its last day"));
	}
	static const char *const var_keys[] = { "var_95", "var_99" }, *const cvar_keys[] = { "cvar_95", "cvar_99" };
	for (size_t i = 0; i < 2; i++) {
		if (isnan(r->var[i]))
			continue;
		json_object_set_new(o, var_keys[i], ms_fig(r->var[i], MS_LOSS, src,
			"historical one-day value at risk on simple returns (a loss)"));
		json_object_set_new(o, cvar_keys[i], ms_fig(r->cvar[i], MS_LOSS, src,
			"historical expected shortfall: mean loss beyond the value at risk"));
	}
	json_t *worst = json_array();
	for (size_t k = 0; k < r->nworst; k++)
		json_array_append_new(worst, ms_fig_on(r->simple[r->worst[k]], MS_FRACTION, r->day[r->worst[k]], src,
						       "close / previous close - 1"));
	json_object_set_new(o, "worst_days", worst);
	return o;
}

static json_t *volume_trend(const ms_dataset *ds)
{
	const ms_series *s = ds->series;
	if (!ms_series_has(s, MS_VOLUME) || ds->hi - ds->lo < 2 * ROLLING_DAYS)
		return json_null();
	const double *v = s->col[MS_VOLUME];
	double last = ms_mean(v + ds->hi - ROLLING_DAYS, ROLLING_DAYS);
	double prev = ms_mean(v + ds->hi - 2 * ROLLING_DAYS, ROLLING_DAYS);
	ms_unit unit = ds->fmt.volume_in_usd ? MS_USD_BIG : MS_COINS;
	const char *src = ds->cfg->name;
	json_t *o = json_object();
	json_object_set_new(o, "last_30d", ms_fig(last, unit, src, "mean daily volume, the last 30 days"));
	json_object_set_new(o, "previous_30d", ms_fig(prev, unit, src, "mean daily volume, the 30 days before"));
	json_object_set_new(o, "change", ms_fig(last / prev - 1, MS_FRACTION, src, "last 30 days / previous 30 - 1"));
	return o;
}

static json_t *regime(const ms_dataset *ds, const ms_span *span)
{
	const ms_series *s = ds->series;
	size_t lo, hi;
	if (!span->has)
		return json_null();
	ms_series_range(s, span->from, span->to, &lo, &hi);
	lo = lo < ds->lo ? ds->lo : lo;
	hi = hi > ds->hi ? ds->hi : hi;
	if (hi <= lo + 1)
		return json_null();
	const char *src = ds->cfg->name;
	size_t ih = (size_t)ms_argmax(s->col[MS_HIGH], lo, hi), il = lo;
	for (size_t i = lo; i < hi; i++)
		if (s->col[MS_LOW][i] < s->col[MS_LOW][il])
			il = i;
	json_t *o = json_object();
	json_object_set_new(o, "label", json_string(span->label));
	json_object_set_new(o, "to_date", json_boolean(span->to_date));
	json_object_set_new(o, "from", ms_json_date(s->t[lo]));
	json_object_set_new(o, "to", ms_json_date(s->t[hi - 1]));
	json_object_set_new(o, "high", ms_fig_on(s->col[MS_HIGH][ih], MS_USD, s->t[ih], src, "intraday high"));
	json_object_set_new(o, "low", ms_fig_on(s->col[MS_LOW][il], MS_USD, s->t[il], src, "intraday low"));
	json_object_set_new(o, "range", ms_fig(s->col[MS_HIGH][ih] / s->col[MS_LOW][il] - 1, MS_FRACTION, src,
					       "period high / period low - 1"));
	json_object_set_new(o, "change", ms_fig(s->col[MS_CLOSE][hi - 1] / s->col[MS_CLOSE][lo] - 1, MS_FRACTION,
						src, "last close / first close - 1"));
	returns r;
	if (!returns_in(s, lo, hi, &r) && r.n >= 2)
		json_object_set_new(o, "volatility", ms_fig(ms_stdev(r.logr, r.n) * sqrt(365.0), MS_FRACTION, src,
			"annualised stdev of the period's daily log returns"));
	returns_free(&r);
	return o;
}

json_t *ms_model_price(const ms_dataset *ds, const ms_price_figures *pf, const ms_risk *risk,
		       const ms_figures *figs)
{
	const ms_config *cfg = figs->cfg;
	const ms_price_figures f = *pf;
	const ms_series *s = ds->series;
	const double *hi = s->col[MS_HIGH], *cl = s->col[MS_CLOSE];
	const char *src = ds->cfg->name;
	double last = cl[f.latest];
	int64_t last_day = s->t[f.latest];
	json_t *o = json_object();
	json_object_set_new(o, "source", json_string(src));
	json_object_set_new(o, "venue", json_string(ds->cfg->venue));
	json_object_set_new(o, "asset", json_string(ds->cfg->asset));
	json_object_set_new(o, "first_date", ms_json_date(s->t[ds->lo]));
	json_object_set_new(o, "latest_close", ms_fig_on(last, MS_USD, last_day, src, "daily close"));
	json_object_set_new(o, "ath_intraday", ms_fig_on(hi[f.ath_high], MS_USD, s->t[f.ath_high], src,
		"highest intraday high in the loaded data"));
	json_object_set_new(o, "ath_close", ms_fig_on(cl[f.ath_close], MS_USD, s->t[f.ath_close], src,
		"highest daily close in the loaded data"));
	json_object_set_new(o, "drawdown_from_ath", ms_fig_on(ms_change(hi[f.ath_high], last), MS_FRACTION,
		last_day, src, "latest close / all-time intraday high - 1"));
	json_object_set_new(o, "drawdown_from_ath_close", ms_fig_on(ms_change(cl[f.ath_close], last),
		MS_FRACTION, last_day, src, "latest close / all-time closing high - 1"));
	json_object_set_new(o, "period_high", json_null());
	json_object_set_new(o, "drawdown_from_period_high", json_null());
	if (f.has_period) {
		json_t *ph = ms_fig_on(hi[f.period_high], MS_USD, s->t[f.period_high], src,
				       "highest intraday high of the period");
		json_object_set_new(ph, "label", json_string(figs->period.label));
		json_object_set_new(ph, "to_date", json_boolean(figs->period.to_date));
		json_object_set_new(o, "period_high", ph);
		json_object_set_new(o, "drawdown_from_period_high", ms_fig_on(ms_change(hi[f.period_high], last),
			MS_FRACTION, last_day, src, "latest close / period intraday high - 1"));
	}
	json_t *m = drawdown_row(s, &f.maxdd, cfg->as_of, src);
	json_object_update(m, json_object_get(m, "depth"));   /* value, display … at the top level */
	json_object_del(m, "depth");
	json_object_set_new(m, "peak_to_trough_days", json_integer((s->t[f.maxdd.trough] - s->t[f.maxdd.peak]) / MS_DAY));
	json_object_set_new(o, "max_drawdown", m);
	json_object_set_new(o, "top_drawdowns", top_drawdowns(ds, cfg));
	json_object_set_new(o, "returns", returns_block(ds, risk));
	json_object_set_new(o, "volume_trend", volume_trend(ds));
	json_object_set_new(o, "regime", regime(ds, &figs->regime));
	return o;
}

/* The bar starting on day in s, or -1. */
static long bar_on(const ms_series *s, int64_t day)
{
	size_t i = ms_series_lower_bound(s, day);
	return i < s->n && s->t[i] == day ? (long)i : -1;
}

static json_t *crash_venue(const ms_dataset *ds, const ms_series *s, long i, int from_hourly)
{
	const char *src = ds->cfg->name;
	const double o = s->col[MS_OPEN][i], h = s->col[MS_HIGH][i], l = s->col[MS_LOW][i], c = s->col[MS_CLOSE][i];
	json_t *v = json_object();
	json_object_set_new(v, "asset", json_string(ds->cfg->asset));
	json_object_set_new(v, "venue", json_string(ds->cfg->venue));
	json_object_set_new(v, "source", json_string(src));
	json_object_set_new(v, "from_hourly", json_boolean(from_hourly));
	json_object_set_new(v, "open", ms_fig(o, MS_USD, src, "first trade of the UTC day"));
	json_object_set_new(v, "high", ms_fig(h, MS_USD, src, "intraday high"));
	json_object_set_new(v, "low", ms_fig(l, MS_USD, src, "intraday low"));
	json_object_set_new(v, "close", ms_fig(c, MS_USD, src, "daily close"));
	json_object_set_new(v, "drop_high_low", ms_fig(l / h - 1, MS_FRACTION, src, "intraday low / intraday high - 1"));
	json_object_set_new(v, "drop_open_low", ms_fig(l / o - 1, MS_FRACTION, src, "intraday low / open - 1"));
	if (i > 0 && s->t[i] - s->t[i - 1] == MS_DAY)
		json_object_set_new(v, "change", ms_fig(c / s->col[MS_CLOSE][i - 1] - 1, MS_FRACTION, src,
							"close / previous close - 1"));
	return v;
}

json_t *ms_model_crash_days(const ms_figures *f)
{
	const ms_dataset *ds = f->ds;
	size_t nds = f->nds;
	json_t *days = json_array();
	for (size_t k = 0; k < f->ncrash; k++) {
		int64_t day = f->crash_day[k];
		json_t *venues = json_array();
		for (size_t i = 0; i < nds; i++) {
			int hourly = ds[i].daily != NULL;
			const ms_series *s = hourly ? ds[i].daily : ds[i].series;
			if (!hourly && !ms_is_daily_price(&ds[i]))
				continue;
			if (!ms_series_has(s, MS_OPEN) || !ms_series_has(s, MS_LOW))
				continue;
			long at = bar_on(s, day);
			if (at >= 0)
				json_array_append_new(venues, crash_venue(&ds[i], s, at, hourly));
		}
		json_t *o = json_object();
		json_object_set_new(o, "date", ms_json_date(day));
		json_object_set_new(o, "venues", venues);
		json_object_set_new(o, "chart", json_null());     /* set once the charts are drawn */
		json_array_append_new(days, o);
	}
	return days;
}

static json_t *retracement(const ms_series *s, const ms_retracement *r, const char *src)
{
	json_t *o = ms_fig(r->depth, MS_FRACTION, src,
			   "deepest hourly low / earlier hourly high - 1 within 24 hours");
	json_t *peak = ms_fig(s->col[MS_HIGH][r->peak], MS_USD, src, "high of the hour");
	json_t *trough = ms_fig(s->col[MS_LOW][r->trough], MS_USD, src, "low of the hour");
	ms_fig_set_time(peak, s->t[r->peak]);
	ms_fig_set_time(trough, s->t[r->trough]);
	json_object_set_new(o, "peak", peak);
	json_object_set_new(o, "trough", trough);
	return o;
}

json_t *ms_model_retracements(const ms_figures *f)
{
	const ms_dataset *ds = f->ds;
	size_t nds = f->nds;
	json_t *a = json_array();
	for (size_t i = 0; i < nds; i++) {
		const ms_series *s = ds[i].series;
		if (!ds[i].daily || ds[i].hi <= ds[i].lo)
			continue;
		const char *src = ds[i].cfg->name;
		const int64_t span = MS_DAY;
		size_t n = ds[i].hi - ds[i].lo;
		const int64_t *t = s->t + ds[i].lo;
		const double *h = s->col[MS_HIGH] + ds[i].lo, *l = s->col[MS_LOW] + ds[i].lo;
		ms_retracement r;
		if (ms_worst_retracement(t, h, l, n, s->step, span, 0, &r))
			continue;
		r.peak += ds[i].lo;
		r.trough += ds[i].lo;
		json_t *o = json_object();
		json_object_set_new(o, "asset", json_string(ds[i].cfg->asset));
		json_object_set_new(o, "venue", json_string(ds[i].cfg->venue));
		json_object_set_new(o, "source", json_string(src));
		json_object_set_new(o, "worst", retracement(s, &r, src));
		/* per crash day: the worst 24-hour fall whose low falls on that day */
		json_t *days = json_array();
		for (size_t k = 0; k < f->ncrash; k++) {
			int64_t day = f->crash_day[k];
			size_t from = ms_series_lower_bound(s, day - span + s->step);
			size_t first = ms_series_lower_bound(s, day);
			size_t to = ms_series_lower_bound(s, day + MS_DAY);
			ms_retracement rd;
			if (first >= to || ms_worst_retracement(s->t + from, s->col[MS_HIGH] + from,
								 s->col[MS_LOW] + from, to - from, s->step,
								 span, first - from, &rd))
				continue;
			rd.peak += from;
			rd.trough += from;
			json_t *row = retracement(s, &rd, src);
			json_object_set_new(row, "date", ms_json_date(day));
			json_array_append_new(days, row);
		}
		json_object_set_new(o, "days", days);
		json_array_append_new(a, o);
	}
	return a;
}
