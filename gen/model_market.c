/* Market-wide figures: total market capitalisation, liquidations, ETF flows
 * and their cost basis, fear & greed. A part whose data is not loaded is
 * NULL (null in the model); the report says which data it would need. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "asset.h"
#include "model_fig.h"
#include "utc.h"
#include "memwatch.h"
#include "phrase.h"

json_t *ms_model_market_cap(const ms_figures *f)
{
	const ms_mcap *c = &f->mcap;
	if (!c->ds)
		return NULL;
	const ms_series *s = c->ds->series;
	const double *v = s->col[MS_VALUE];
	const char *src = c->ds->cfg->name;
	size_t peak = c->peak, last = c->latest, low = c->low;
	json_t *o = json_object();
	json_object_set_new(o, "source", json_string(src));
	json_object_set_new(o, "venue", json_string(c->ds->cfg->venue));
	json_object_set_new(o, "peak", ms_fig_on(v[peak], MS_USD_BIG, s->t[peak], src,
		"highest end-of-day total market cap in the window"));
	json_object_set_new(o, "latest", ms_fig_on(v[last], MS_USD_BIG, s->t[last], src,
		"end-of-day total market cap (CoinGecko's next-day 00:00 snapshot)"));
	json_object_set_new(o, "low_after_peak", ms_fig_on(v[low], MS_USD_BIG, s->t[low], src,
		"lowest end-of-day value since the peak"));
	json_object_set_new(o, "change", ms_fig(c->change, MS_CHANGE, src, "latest / peak - 1"));
	json_object_set_new(o, "lost", ms_fig(c->lost, MS_USD_BIG, src, "peak - latest, US$"));
	/* the latest day is the peak: there is no fall to speak of */
	json_object_set_new(o, "at_peak", json_boolean(ms_direction(c->change, 1) == MS_DIR_FLAT));
	/* the latest day is the low since the peak: "its lowest since", not "after a low of" */
	json_object_set_new(o, "latest_is_low", json_boolean(low == last));
	return o;
}

static json_t *liquidation_day(const ms_liq *q, size_t i, const char *conv)
{
	const char *src = q->lg->cfg->name;
	json_t *row = json_object();
	ms_json_set_day(row, "date", 1, q->day[i]);
	json_object_set_new(row, "long", ms_fig(q->lv[i], MS_USD_BIG, src, conv));
	json_object_set_new(row, "short", ms_fig(q->sv[i], MS_USD_BIG, q->sh->cfg->name, conv));
	json_object_set_new(row, "total", ms_fig(q->lv[i] + q->sv[i], MS_USD_BIG, src, "long + short"));
	return row;
}

/* Long and short liquidations of one asset. */
static json_t *liquidations_of(const ms_liq *q, const ms_figures *f)
{
	const char *src = q->lg->cfg->name;
	const char *conv = "US$ liquidated per UTC day, BTC- or ETH-margined contracts only";
	json_t *o = json_object();
	json_object_set_new(o, "asset", json_string(q->lg->cfg->asset));
	json_object_set_new(o, "source", json_string(src));
	json_object_set_new(o, "days", json_integer((json_int_t)q->n));
	json_object_set_new(o, "latest", liquidation_day(q, q->n - 1, conv));
	json_object_set_new(o, "window_long", ms_fig(q->total_long, MS_USD_BIG, src, "sum over the window"));
	json_object_set_new(o, "window_short", ms_fig(q->total_short, MS_USD_BIG, q->sh->cfg->name,
						      "sum over the window"));
	json_object_set_new(o, "window_total", ms_fig(q->total_long + q->total_short, MS_USD_BIG, src,
						      "sum over the window"));
	json_object_set_new(o, "long_short_ratio", ms_fig(q->ratio, MS_RATIO, src,
		"window long liquidations / short liquidations"));
	json_t *largest = json_array();
	for (size_t k = 0; k < q->nlargest; k++) {
		size_t i = q->largest[k];
		json_t *row = liquidation_day(q, i, conv);
		json_object_set_new(row, "long_share", ms_fig(q->lv[i] / (q->lv[i] + q->sv[i]), MS_FRACTION, src,
			"long / (long + short)"));
		json_array_append_new(largest, row);
	}
	ms_rows_column(largest, "long", 1);
	ms_rows_column(largest, "short", 1);
	ms_rows_column(largest, "total", 1);
	json_object_set_new(o, "largest_days", largest);
	json_t *crash = json_array();
	for (size_t k = 0; k < f->ncrash; k++)
		for (size_t i = 0; i < q->n; i++)
			if (q->day[i] == f->crash_day[k])
				json_array_append_new(crash, liquidation_day(q, i, conv));
	json_object_set_new(o, "crash_days", crash);
	return o;
}

json_t *ms_model_liquidations(const ms_figures *f)
{
	if (!f->nliq)
		return NULL;
	json_t *a = json_array();
	for (size_t k = 0; k < f->nliq; k++)
		json_array_append_new(a, liquidations_of(&f->liq[k], f));
	return a;
}

static json_t *flow_day(const ms_series *s, size_t i, const char *src)
{
	return ms_fig_on(s->col[MS_VALUE][i], MS_USD_MILLIONS, s->t[i], src, "net flow of the day, US$ millions");
}

json_t *ms_model_etf(const ms_figures *figs)
{
	const ms_etf *e = &figs->etf;
	if (!e->ds)
		return NULL;
	const ms_series *s = e->ds->series;
	const char *src = e->ds->cfg->name;
	const int64_t *t = e->t;
	size_t n = e->n;
	json_t *o = json_object();
	json_object_set_new(o, "source", json_string(src));
	json_object_set_new(o, "asset", json_string(e->ds->cfg->asset));
	json_object_set_new(o, "asset_noun", json_string(ms_asset_of(e->ds->cfg->asset).noun));
	ms_json_set_day(o, "first", 1, t[0]);
	ms_json_set_day(o, "last", 1, t[n - 1]);
	json_t *ma = json_array();
	for (size_t i = 0; i < e->nmonths; i++) {
		const ms_month_flow *mf = &e->months[i];
		json_t *m = json_object();
		int64_t first = ms_days_from_civil(mf->year, mf->month, 1) * MS_DAY;
		char label[11];
		ms_fmt_date(first, label);
		label[7] = '\0';                 /* YYYY-MM */
		json_object_set_new(m, "month", json_string(label));
		json_object_set_new(m, "first_day", ms_json_date(first));
		json_object_set_new(m, "net", ms_fig(mf->net, MS_USD_MILLIONS, src, "sum of daily net flows"));
		json_object_set_new(m, "outflows", ms_fig(mf->outflows, MS_USD_MILLIONS, src,
							  "sum of the outflow days alone"));
		json_object_set_new(m, "inflows", ms_fig(mf->inflows, MS_USD_MILLIONS, src,
							 "sum of the inflow days alone"));
		json_object_set_new(m, "days", json_integer(mf->days));
		json_object_set_new(m, "outflow_days", json_integer(mf->outflow_days));
		json_array_append_new(ma, m);
	}
	/* the last twelve months, for tables */
	json_t *recent = json_array();
	for (size_t i = json_array_size(ma) > 12 ? json_array_size(ma) - 12 : 0; i < json_array_size(ma); i++)
		json_array_append(recent, json_array_get(ma, i));
	ms_rows_column(recent, "net", 1e6);
	ms_rows_column(recent, "outflows", 1e6);
	ms_rows_column(recent, "inflows", 1e6);
	json_object_set_new(o, "monthly", ma);
	json_object_set_new(o, "monthly_recent", recent);
	json_object_set_new(o, "cumulative", ms_fig_on(e->cumulative[n - 1], MS_USD_MILLIONS, t[n - 1], src,
		"sum of every daily net flow since the first day"));
	json_object_set_new(o, "largest_inflow", flow_day(s, e->ds->lo + e->largest_in, src));
	json_object_set_new(o, "largest_outflow", flow_day(s, e->ds->lo + e->largest_out, src));
	static const char *const names[] = { "longest_outflow_streak", "current_outflow_streak" };
	const ms_streak *streaks[] = { &e->longest, &e->current };
	for (int k = 0; k < 2; k++) {
		const ms_streak *st = streaks[k];
		if (!st->length) {
			json_object_set_new(o, names[k], json_null());
			continue;
		}
		json_t *so = json_object();
		json_object_set_new(so, "days", json_integer((json_int_t)st->length));
		ms_json_set_day(so, "from", 1, t[st->first]);
		ms_json_set_day(so, "to", 1, t[st->last]);
		json_object_set_new(so, "sum", ms_fig(st->sum, MS_USD_MILLIONS, src, "sum of the streak's flows"));
		json_object_set_new(o, names[k], so);
	}
	const ms_basis *bs = &figs->basis;
	if (bs->has) {
		const ms_cost_basis *cb = &bs->cb;
		json_t *b = ms_fig_on(cb->basis, MS_USD, bs->last_flow, src,
			"flow-weighted average price: net US$ in / net coins bought, every flow since the first "
			"day up to the as-of date, each day's flow priced at that UTC day's close of the flows' asset");
		json_object_set_new(b, "price_source", json_string(bs->prices->cfg->name));
		json_object_set_new(b, "price_venue", json_string(bs->prices->cfg->venue));
		json_object_set_new(b, "flows_provider", json_string(bs->flows->fmt.provider));
		ms_json_set_day(b, "first_flow", 1, s->t[0]);
		json_object_set_new(b, "coins", ms_fig(cb->coins * 1e6, MS_COINS, src, "net coins bought"));
		json_object_set_new(b, "days_priced", json_integer((json_int_t)cb->days));
		json_object_set_new(b, "days_unpriced", json_integer((json_int_t)cb->unpriced));
		json_object_set_new(b, "has_unpriced", json_boolean(cb->unpriced > 0));
		json_object_set_new(o, "cost_basis", b);
		json_object_set_new(o, "price_vs_cost_basis", ms_fig_on(bs->latest_close / cb->basis - 1, MS_CHANGE,
			bs->latest_day, bs->prices->cfg->name, "latest close / cost basis - 1"));
	} else {
		json_object_set_new(o, "cost_basis", json_null());
	}
	return o;
}

json_t *ms_model_sentiment(const ms_figures *f)
{
	const ms_fng *g = &f->fng;
	if (!g->ds)
		return NULL;
	const ms_series *s = g->ds->series;
	const double *v = s->col[MS_VALUE];
	const char *src = g->ds->cfg->name;
	const char *conv = "Crypto Fear & Greed Index (0-100); bands: <=25 extreme fear, <=46 fear, "
			   "<=54 neutral, <=75 greed, else extreme greed";
	json_t *o = json_object();
	json_t *l = ms_fig_on(v[g->latest], MS_INDEX, s->t[g->latest], src, conv);
	json_object_set_new(l, "class", json_string(ms_fear_greed_band(v[g->latest])));
	json_t *m = ms_fig_on(v[g->min], MS_INDEX, s->t[g->min], src, conv);
	json_object_set_new(m, "class", json_string(ms_fear_greed_band(v[g->min])));
	json_object_set_new(o, "source", json_string(src));
	json_object_set_new(o, "venue", json_string(g->ds->cfg->venue));
	json_object_set_new(o, "latest", l);
	json_object_set_new(o, "min", m);
	/* today's reading is the lowest: "the lowest since" would point at itself */
	json_object_set_new(o, "latest_is_min", json_boolean(v[g->latest] <= v[g->min]));
	return o;
}
