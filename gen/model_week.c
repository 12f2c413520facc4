/* The weekly newsletter's "this week" part of the model, from the week's
 * figures (figures_week.c). */
#include "asset.h"
#include "model_fig.h"
#include "utc.h"

static json_t *price_week(const ms_week_price *w)
{
	if (!w->ds)
		return json_null();
	const ms_series *s = w->ds->series;
	const char *src = w->ds->cfg->name;
	json_t *o = json_object();
	json_object_set_new(o, "asset", json_string(w->ds->cfg->asset));
	json_object_set_new(o, "asset_name", json_string(ms_asset_of(w->ds->cfg->asset).name));
	json_object_set_new(o, "venue", json_string(w->ds->cfg->venue));
	json_object_set_new(o, "previous_close", ms_fig_on(s->col[MS_CLOSE][w->before], MS_USD, s->t[w->before], src,
							   "close of the day before the week"));
	json_object_set_new(o, "close", ms_fig_on(s->col[MS_CLOSE][w->last], MS_USD, s->t[w->last], src,
						  "close of the week's last day"));
	ms_json_set_day(o, "to", 1, s->t[w->last]);
	json_object_set_new(o, "change", ms_fig(w->change, MS_CHANGE, src, "week's last close / previous close - 1"));
	json_object_set_new(o, "high", ms_fig_on(s->col[MS_HIGH][w->high], MS_USD, s->t[w->high], src,
						 "the week's intraday high"));
	json_object_set_new(o, "low", ms_fig_on(s->col[MS_LOW][w->low], MS_USD, s->t[w->low], src,
						"the week's intraday low"));
	json_object_set_new(o, "range", ms_fig(w->range, MS_FRACTION, src, "week high / week low - 1"));
	return o;
}

json_t *ms_model_week(const ms_figures *f)
{
	const ms_week *wk = &f->week;
	json_t *w = json_object();
	ms_json_set_day(w, "from", 1, wk->from);
	ms_json_set_day(w, "to", 1, wk->to - MS_DAY);
	json_object_set_new(w, "days", json_integer((wk->to - wk->from) / MS_DAY));
	/* every figure is named, null where the data does not give it */
	json_object_set_new(w, "primary", price_week(&wk->price[0]));
	json_object_set_new(w, "other", price_week(&wk->price[1]));
	json_object_set_new(w, "worst_24h", json_null());
	if (wk->hourly) {
		const ms_series *s = wk->hourly->series;
		json_t *fig = ms_fig(wk->worst.depth, MS_CHANGE, wk->hourly->cfg->name,
				     "deepest hourly low / earlier hourly high - 1 within 24 hours, this week");
		ms_fig_set_time(fig, s->t[wk->worst.trough]);
		json_object_set_new(fig, "venue", json_string(wk->hourly->cfg->venue));
		json_object_set_new(w, "worst_24h", fig);
	}
	json_object_set_new(w, "liquidations", json_null());
	if (wk->has_liquidations) {
		json_t *l = ms_fig(wk->liquidations, MS_USD_BIG, wk->liquidation_sources,
				   "BTC and ETH contracts, long + short, over the week");
		json_object_set_new(l, "to", ms_json_date(wk->liquidations_last));
		json_object_set_new(w, "liquidations", l);
	}
	json_object_set_new(w, "etf_flows", json_null());
	if (wk->flows) {
		json_t *e = ms_fig(wk->flows_sum, MS_USD_MILLIONS, wk->flows->cfg->name, "net flows of the week's trading days");
		json_object_set_new(e, "trading_days", json_integer((json_int_t)wk->flow_days));
		json_object_set_new(e, "to", ms_json_date(wk->flows_last));
		json_object_set_new(w, "etf_flows", e);
	}
	json_object_set_new(w, "market_cap_change", json_null());
	if (wk->mcap)
		json_object_set_new(w, "market_cap_change", ms_fig_on(wk->mcap_change, MS_CHANGE, wk->mcap_day,
			wk->mcap->cfg->name, "total market cap, the week's last day / the day before the week - 1"));
	return w;
}
