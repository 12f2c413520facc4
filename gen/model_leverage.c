/* Leverage in the model: each asset's open interest and funding over the
 * window, what each crash day flushed, and open interest against the
 * total market cap. */
#include <math.h>
#include "model_fig.h"
#include "utc.h"

static json_t *crash_days(const ms_figures *f, const ms_lev_asset *a)
{
	json_t *arr = json_array();
	const ms_series *s = a->oi->series;
	const char *src = a->oi->cfg->name;
	for (size_t k = 0; k < f->ncrash; k++) {
		if (!a->has_crash[k])
			continue;
		size_t i = a->crash_i[k];
		json_t *o = json_object();
		ms_json_set_day(o, "date", 1, s->t[i]);
		json_object_set_new(o, "before", ms_fig_on(s->col[MS_VALUE][i - 1], MS_USD_BIG, s->t[i - 1], src,
							   "open interest, the day before"));
		json_object_set_new(o, "after", ms_fig_on(s->col[MS_VALUE][i], MS_USD_BIG, s->t[i], src,
							  "open interest, the crash day"));
		json_object_set_new(o, "change", ms_fig(a->crash_change[k], MS_CHANGE, src,
							"the crash day's open interest / the day before's - 1"));
		json_object_set_new(o, "liquidated", isnan(a->crash_liq_to_oi[k]) ? json_null() :
				    ms_fig(a->crash_liq_to_oi[k], MS_FRACTION, src,
					   "the day's long and short liquidations / open interest the day before"));
		json_object_set_new(o, "delta", ms_fig(s->col[MS_VALUE][i] - s->col[MS_VALUE][i - 1], MS_USD_BIG, src,
						       "the crash day's open interest - the day before's"));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *funding(const ms_lev_asset *a)
{
	if (!a->has_funding)
		return json_null();
	const ms_series *s = a->funding->series;
	const char *src = a->funding->cfg->name;
	json_t *o = json_object();
	json_object_set_new(o, "latest_7d", ms_fig_on(a->funding_7d, MS_CHANGE, s->t[a->funding->hi - 1], src,
						       "the last 7 days' mean rate, annualised (x 3 x 365)"));
	json_object_set_new(o, "mean", ms_fig(a->funding_mean, MS_CHANGE, src, "the window's mean rate, annualised"));
	json_object_set_new(o, "negative_share", ms_fig(a->negative_share, MS_FRACTION, src,
							"the share of the window's days with a negative rate"));
	const ms_streak *r = &a->negative_run;
	json_t *run = json_null();
	if (r->length) {
		run = json_object();
		json_object_set_new(run, "days", json_integer((json_int_t)r->length));
		ms_json_set_day(run, "from", 1, s->t[r->first]);
		ms_json_set_day(run, "to", 1, s->t[r->last]);
	}
	json_object_set_new(o, "negative_run", run);
	return o;
}

json_t *ms_model_leverage(const ms_figures *f)
{
	const ms_leverage *l = &f->leverage;
	if (!l->n)
		return NULL;
	json_t *o = json_object(), *assets = json_array();
	int crashes = 0;
	for (size_t k = 0; k < l->n; k++)
		for (size_t c = 0; c < f->ncrash; c++)
			crashes |= l->asset[k].has_crash[c];
	json_object_set_new(o, "has_crash_days", json_boolean(crashes));
	for (size_t k = 0; k < l->n; k++) {
		const ms_lev_asset *a = &l->asset[k];
		const ms_series *s = a->oi->series;
		const double *v = s->col[MS_VALUE];
		const char *src = a->oi->cfg->name;
		json_t *x = json_object();
		json_object_set_new(x, "asset", json_string(a->oi->cfg->asset));
		json_object_set_new(x, "latest", ms_fig_on(v[a->oi_last], MS_USD_BIG, s->t[a->oi_last], src,
							   "open interest, all exchanges' futures and perpetuals"));
		json_object_set_new(x, "first", ms_fig_on(v[a->oi_first], MS_USD_BIG, s->t[a->oi_first], src,
							  "open interest on the window's first day"));
		json_object_set_new(x, "change", ms_fig(a->oi_change, MS_CHANGE, src, "latest / first - 1"));
		json_object_set_new(x, "high", ms_fig_on(v[a->oi_high], MS_USD_BIG, s->t[a->oi_high], src,
							 "the window's highest open interest"));
		json_object_set_new(x, "from_high", ms_fig(v[a->oi_last] / v[a->oi_high] - 1, MS_CHANGE, src,
							   "latest / the window's highest - 1"));
		json_object_set_new(x, "crash_days", crash_days(f, a));
		json_object_set_new(x, "funding", funding(a));
		json_array_append_new(assets, x);
	}
	/* the crash days of every asset make one table */
	json_t *rows = json_array();
	for (size_t i = 0; i < json_array_size(assets); i++)
		json_array_extend(rows, json_object_get(json_array_get(assets, i), "crash_days"));
	ms_rows_column(rows, "before", 1);
	ms_rows_column(rows, "after", 1);
	ms_rows_column(rows, "delta", 1);
	json_decref(rows);
	json_object_set_new(o, "assets", assets);
	json_t *r = json_null();
	if (l->has_ratio) {
		const char *src = f->mcap.ds->cfg->name;
		r = json_object();
		json_object_set_new(r, "latest", ms_fig_on(l->ratio, MS_FRACTION, l->ratio_day, src,
							   "the assets' open interest / the total market cap"));
		json_object_set_new(r, "high", ms_fig_on(l->ratio_high, MS_FRACTION, l->ratio_high_day, src,
							 "the window's highest"));
	}
	json_object_set_new(o, "oi_to_mcap", r);
	return o;
}
