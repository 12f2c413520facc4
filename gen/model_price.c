/* Price figures: highs and drawdowns per venue, the drawdown table,
 * returns and risk, the volume trend, a quiet period, crash days and the
 * 24-hour retracements. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "asset.h"
#include "model_fig.h"
#include "utc.h"
#include "memwatch.h"

json_t *ms_model_drawdown_row(const ms_series *s, const ms_drawdown *e, int64_t as_of, const char *src)
{
	const double *cl = s->col[MS_CLOSE];
	int64_t peak = s->t[e->peak], trough = s->t[e->trough];
	int64_t end = e->recovered ? s->t[e->recovery] : as_of;
	json_t *o = json_object();
	json_object_set_new(o, "depth", ms_fig(e->depth, MS_CHANGE, src, "trough close / peak close - 1"));
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

static json_t *top_drawdowns(const ms_dataset *ds, const ms_price_figures *pf, int64_t as_of)
{
	json_t *a = json_array();
	for (size_t i = 0; i < pf->nepisodes; i++) {
		json_t *row = ms_model_drawdown_row(ds->series, &pf->episodes[i], as_of, ds->cfg->name);
		json_object_set_new(row, "rank", json_integer((json_int_t)i + 1));
		json_array_append_new(a, row);
	}
	return a;
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
		json_array_append_new(worst, ms_fig_on(r->simple[r->worst[k]], MS_CHANGE, r->day[r->worst[k]], src,
						       "close / previous close - 1"));
	json_object_set_new(o, "worst_days", worst);
	return o;
}

static json_t *volume_trend(const ms_dataset *ds, const ms_price_figures *pf)
{
	if (!pf->has_volume)
		return json_null();
	ms_unit unit = ds->fmt.volume_in_usd ? MS_USD_BIG : MS_COINS;
	const char *src = ds->cfg->name;
	json_t *o = json_object();
	json_object_set_new(o, "last_30d", ms_fig(pf->volume_last, unit, src, "mean daily volume, the last 30 days"));
	json_object_set_new(o, "previous_30d", ms_fig(pf->volume_previous, unit, src,
						      "mean daily volume, the 30 days before"));
	json_object_set_new(o, "change", ms_fig(pf->volume_change, MS_CHANGE, src, "last 30 days / previous 30 - 1"));
	json_object_set_new(o, "in_coins", json_boolean(unit == MS_COINS));
	return o;
}

static json_t *regime(const ms_dataset *ds, const ms_range_figures *r, const ms_span *span)
{
	const ms_series *s = ds->series;
	if (!r->has)
		return json_null();
	const char *src = ds->cfg->name;
	json_t *o = json_object();
	json_object_set_new(o, "label", json_string(span->label));
	json_object_set_new(o, "to_date", json_boolean(span->to_date));
	ms_json_set_day(o, "from", 1, s->t[r->lo]);
	ms_json_set_day(o, "to", 1, s->t[r->hi - 1]);
	json_object_set_new(o, "high", ms_fig_on(s->col[MS_HIGH][r->high], MS_USD, s->t[r->high], src, "intraday high"));
	json_object_set_new(o, "low", ms_fig_on(s->col[MS_LOW][r->low], MS_USD, s->t[r->low], src, "intraday low"));
	json_object_set_new(o, "range", ms_fig(r->range, MS_FRACTION, src, "period high / period low - 1"));
	json_object_set_new(o, "change", ms_fig(r->change, MS_CHANGE, src, "last close / first close - 1"));
	if (!isnan(r->volatility))
		json_object_set_new(o, "volatility", ms_fig(r->volatility, MS_FRACTION, src,
			"annualised stdev of the period's daily log returns"));
	return o;
}

static void high_labels(json_t *o, const ms_asset *a, int64_t first)
{
	char label[64], cap[64];
	int all_time = ms_asset_high_label(a, first, 0, label, sizeof label);
	ms_asset_high_label(a, first, 1, cap, sizeof cap);
	json_object_set_new(o, "all_time", json_boolean(all_time));
	json_object_set_new(o, "high_label", json_string(label));
	json_object_set_new(o, "high_label_cap", json_string(cap));
}

json_t *ms_model_price(const ms_dataset *ds, const ms_price_figures *pf, const ms_risk *risk,
		       const ms_figures *figs)
{
	const ms_config *cfg = figs->cfg;
	const ms_price_figures *f = pf;
	const ms_series *s = ds->series;
	const double *hi = s->col[MS_HIGH], *cl = s->col[MS_CLOSE];
	const char *src = ds->cfg->name;
	double last = cl[f->latest];
	int64_t last_day = s->t[f->latest];
	json_t *o = json_object();
	json_object_set_new(o, "source", json_string(src));
	json_object_set_new(o, "venue", json_string(ds->cfg->venue));
	json_object_set_new(o, "asset", json_string(ds->cfg->asset));
	ms_asset a = ms_asset_of(ds->cfg->asset);
	json_object_set_new(o, "asset_name", json_string(a.name));
	json_object_set_new(o, "asset_noun", json_string(a.noun));
	json_object_set_new(o, "first_date", ms_json_date(s->t[ds->lo]));
	json_object_set_new(o, "closes_only", json_boolean(pf->closes_only));
	high_labels(o, &a, s->t[0]);
	json_object_set_new(o, "latest_close", ms_fig_on(last, MS_USD, last_day, src, "daily close"));
	json_object_set_new(o, "ath_intraday", ms_fig_on(hi[f->ath_high], MS_USD, s->t[f->ath_high], src,
		"highest intraday high in the loaded data"));
	json_object_set_new(o, "ath_close", ms_fig_on(cl[f->ath_close], MS_USD, s->t[f->ath_close], src,
		"highest daily close in the loaded data"));
	json_object_set_new(o, "drawdown_from_ath", ms_fig_on(f->from_ath_high, MS_CHANGE,
		last_day, src, "latest close / all-time intraday high - 1"));
	json_object_set_new(o, "drawdown_from_ath_close", ms_fig_on(f->from_ath_close,
		MS_CHANGE, last_day, src, "latest close / all-time closing high - 1"));
	json_object_set_new(o, "period_high", json_null());
	json_object_set_new(o, "drawdown_from_period_high", json_null());
	if (f->has_period) {
		json_t *ph = ms_fig_on(hi[f->period_high], MS_USD, s->t[f->period_high], src,
				       "highest intraday high of the period");
		json_object_set_new(ph, "label", json_string(figs->period.label));
		json_object_set_new(ph, "to_date", json_boolean(figs->period.to_date));
		json_object_set_new(o, "period_high", ph);
		json_object_set_new(o, "drawdown_from_period_high", ms_fig_on(f->from_period_high,
			MS_CHANGE, last_day, src, "latest close / period intraday high - 1"));
	}
	json_t *m = ms_model_drawdown_row(s, &f->maxdd, cfg->as_of, src);
	json_object_update(m, json_object_get(m, "depth"));   /* value, display … at the top level */
	json_object_del(m, "depth");
	json_object_set_new(m, "peak_to_trough_days", json_integer((s->t[f->maxdd.trough] - s->t[f->maxdd.peak]) / MS_DAY));
	/* how far the close has come back from that drawdown's trough */
	json_object_set_new(m, "from_trough", ms_fig_on(last / cl[f->maxdd.trough] - 1, MS_CHANGE, last_day, src,
		"latest close / the deepest drawdown's trough close - 1"));
	json_object_set_new(o, "max_drawdown", m);
	json_object_set_new(o, "top_drawdowns", top_drawdowns(ds, f, cfg->as_of));
	json_object_set_new(o, "returns", returns_block(ds, risk));
	json_object_set_new(o, "volume_trend", volume_trend(ds, f));
	json_object_set_new(o, "regime", regime(ds, &f->regime, &figs->regime));
	return o;
}

/* The bar starting on day in s, or -1. */
static json_t *crash_venue(const ms_crash_row *r)
{
	const ms_dataset *ds = r->ds;
	const ms_series *s = r->s;
	size_t i = r->i;
	const char *src = ds->cfg->name;
	json_t *v = json_object();
	json_object_set_new(v, "asset", json_string(ds->cfg->asset));
	json_object_set_new(v, "venue", json_string(ds->cfg->venue));
	json_object_set_new(v, "source", json_string(src));
	json_object_set_new(v, "from_hourly", json_boolean(r->from_hourly));
	ms_unit pu = ms_price_unit(ds);
	json_object_set_new(v, "open", ms_fig(s->col[MS_OPEN][i], pu, src, "first trade of the UTC day"));
	json_object_set_new(v, "high", ms_fig(s->col[MS_HIGH][i], pu, src, "intraday high"));
	json_object_set_new(v, "low", ms_fig(s->col[MS_LOW][i], pu, src, "intraday low"));
	json_object_set_new(v, "close", ms_fig(s->col[MS_CLOSE][i], pu, src, "daily close"));
	json_object_set_new(v, "drop_high_low", ms_fig(r->drop_high_low, MS_CHANGE, src,
						       "intraday low / intraday high - 1"));
	json_object_set_new(v, "drop_open_low", ms_fig(r->drop_open_low, MS_CHANGE, src, "intraday low / open - 1"));
	if (r->has_change)
		json_object_set_new(v, "change", ms_fig(r->change, MS_CHANGE, src, "close / previous close - 1"));
	return v;
}

json_t *ms_model_crash_days(const ms_figures *f)
{
	json_t *days = json_array();
	for (size_t k = 0; k < f->ncrash; k++) {
		json_t *venues = json_array();
		for (size_t i = 0; i < f->ncrash_row[k]; i++)
			json_array_append_new(venues, crash_venue(&f->crash_row[k][i]));
		json_t *o = json_object();
		ms_json_set_day(o, "date", 1, f->crash_day[k]);
		json_object_set_new(o, "venues", venues);
		json_object_set_new(o, "chart", json_null());     /* set once the charts are drawn */
		json_array_append_new(days, o);
	}
	return days;
}

static json_t *retracement(const ms_dataset *ds, const ms_retracement *r)
{
	const ms_series *s = ds->series;
	const char *src = ds->cfg->name;
	json_t *o = ms_fig(r->depth, MS_CHANGE, src,
			   "deepest hourly low / earlier hourly high - 1 within 24 hours");
	json_t *peak = ms_fig(s->col[MS_HIGH][r->peak], ms_price_unit(ds), src, "high of the hour");
	json_t *trough = ms_fig(s->col[MS_LOW][r->trough], ms_price_unit(ds), src, "low of the hour");
	ms_fig_set_time(peak, s->t[r->peak]);
	ms_fig_set_time(trough, s->t[r->trough]);
	json_object_set_new(o, "peak", peak);
	json_object_set_new(o, "trough", trough);
	return o;
}

json_t *ms_model_retracements(const ms_figures *f)
{
	json_t *a = json_array();
	for (size_t i = 0; i < f->nretr; i++) {
		const ms_retr *r = &f->retr[i];
		const char *src = r->ds->cfg->name;
		json_t *o = json_object();
		json_object_set_new(o, "asset", json_string(r->ds->cfg->asset));
		json_object_set_new(o, "venue", json_string(r->ds->cfg->venue));
		json_object_set_new(o, "source", json_string(src));
		json_object_set_new(o, "worst", retracement(r->ds, &r->worst));
		/* per crash day: the worst 24-hour fall whose low falls on that day */
		json_t *days = json_array();
		for (size_t k = 0; k < f->ncrash; k++) {
			if (!r->has_day[k])
				continue;
			json_t *row = retracement(r->ds, &r->day[k]);
			json_object_set_new(row, "date", ms_json_date(f->crash_day[k]));
			json_array_append_new(days, row);
		}
		json_object_set_new(o, "days", days);
		json_array_append_new(a, o);
	}
	return a;
}
