/* Market-wide figures: total market capitalisation, liquidations, ETF flows
 * and their cost basis, fear & greed. A part whose data is not loaded is
 * NULL (null in the model); the report says which data it would need. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "flows.h"
#include "model_fig.h"
#include "utc.h"
#include "memwatch.h"

#define TOP_DAYS 5
#define MAX_MONTHS 600

static long bar_on(const ms_series *s, int64_t day)
{
	size_t i = ms_series_lower_bound(s, day);
	return i < s->n && s->t[i] == day ? (long)i : -1;
}

json_t *ms_model_market_cap(const ms_dataset *ds, size_t nds, const ms_config *cfg)
{
	const ms_dataset *m = ms_find_metric(ds, nds, "market_cap", "");
	(void)cfg;
	if (!m || m->hi <= m->lo)
		return NULL;
	const ms_series *s = m->series;
	const double *v = s->col[MS_VALUE];
	const char *src = m->cfg->name;
	size_t peak = (size_t)ms_argmax(v, m->lo, m->hi), last = m->hi - 1;
	size_t low = peak;
	for (size_t i = peak; i < m->hi; i++)
		if (v[i] < v[low])
			low = i;
	json_t *o = json_object();
	json_object_set_new(o, "source", json_string(src));
	json_object_set_new(o, "peak", ms_fig_on(v[peak], MS_USD_BIG, s->t[peak], src,
		"highest end-of-day total market cap in the window"));
	json_object_set_new(o, "latest", ms_fig_on(v[last], MS_USD_BIG, s->t[last], src,
		"end-of-day total market cap (CoinGecko's next-day 00:00 snapshot)"));
	json_object_set_new(o, "low_after_peak", ms_fig_on(v[low], MS_USD_BIG, s->t[low], src,
		"lowest end-of-day value since the peak"));
	json_object_set_new(o, "change", ms_fig(v[last] / v[peak] - 1, MS_FRACTION, src, "latest / peak - 1"));
	json_object_set_new(o, "lost", ms_fig(v[peak] - v[last], MS_USD_BIG, src, "peak - latest, US$"));
	return o;
}

/* Long and short liquidations of one asset, joined on their dates. */
static json_t *liquidations_of(const ms_dataset *lg, const ms_dataset *sh, const ms_config *cfg)
{
	const ms_series *a = lg->series, *b = sh->series;
	const char *src = lg->cfg->name;
	const char *conv = "US$ liquidated per UTC day, BTC- or ETH-margined contracts only";
	double tot_long = 0, tot_short = 0;
	size_t ndays = 0, cap = lg->hi - lg->lo;
	int64_t *day = malloc((cap + 1) * sizeof *day);
	double *lv = malloc((cap + 1) * sizeof *lv), *sv = malloc((cap + 1) * sizeof *sv);
	json_t *o = json_object();
	if (!day || !lv || !sv) {
		ms_nomem();
		goto done;
	}
	for (size_t i = lg->lo; i < lg->hi; i++) {
		long j = bar_on(b, a->t[i]);
		if (j < 0 || a->t[i] > cfg->as_of)
			continue;
		day[ndays] = a->t[i];
		lv[ndays] = a->col[MS_VALUE][i];
		sv[ndays] = b->col[MS_VALUE][j];
		tot_long += lv[ndays];
		tot_short += sv[ndays];
		ndays++;
	}
	if (!ndays)
		goto done;
	json_object_set_new(o, "asset", json_string(lg->cfg->asset));
	json_object_set_new(o, "source", json_string(src));
	json_object_set_new(o, "days", json_integer((json_int_t)ndays));
	size_t last = ndays - 1;
	json_t *latest = json_object();
	json_object_set_new(latest, "date", ms_json_date(day[last]));
	json_object_set_new(latest, "long", ms_fig(lv[last], MS_USD_BIG, src, conv));
	json_object_set_new(latest, "short", ms_fig(sv[last], MS_USD_BIG, sh->cfg->name, conv));
	json_object_set_new(latest, "total", ms_fig(lv[last] + sv[last], MS_USD_BIG, src, "long + short"));
	json_object_set_new(o, "latest", latest);
	json_object_set_new(o, "window_long", ms_fig(tot_long, MS_USD_BIG, src, "sum over the window"));
	json_object_set_new(o, "window_short", ms_fig(tot_short, MS_USD_BIG, sh->cfg->name, "sum over the window"));
	json_object_set_new(o, "window_total", ms_fig(tot_long + tot_short, MS_USD_BIG, src, "sum over the window"));
	json_object_set_new(o, "long_short_ratio", ms_fig(tot_short > 0 ? tot_long / tot_short : NAN, MS_RATIO, src,
		"window long liquidations / short liquidations"));
	json_t *largest = json_array();
	int *taken = calloc(ndays, sizeof *taken);
	if (!taken && ndays)
		ms_nomem();
	for (size_t k = 0; taken && k < TOP_DAYS && k < ndays; k++) {
		size_t best = ndays;
		for (size_t i = 0; i < ndays; i++)
			if (!taken[i] && (best == ndays || lv[i] + sv[i] > lv[best] + sv[best]))
				best = i;
		taken[best] = 1;
		json_t *row = json_object();
		json_object_set_new(row, "date", ms_json_date(day[best]));
		json_object_set_new(row, "long", ms_fig(lv[best], MS_USD_BIG, src, conv));
		json_object_set_new(row, "short", ms_fig(sv[best], MS_USD_BIG, sh->cfg->name, conv));
		json_object_set_new(row, "total", ms_fig(lv[best] + sv[best], MS_USD_BIG, src, "long + short"));
		json_object_set_new(row, "long_share", ms_fig(lv[best] / (lv[best] + sv[best]), MS_FRACTION, src,
			"long / (long + short)"));
		json_array_append_new(largest, row);
	}
	free(taken);
	json_object_set_new(o, "largest_days", largest);
	json_t *crash = json_array();
	for (size_t k = 0; k < cfg->ncrash; k++) {
		for (size_t i = 0; i < ndays; i++) {
			if (day[i] != cfg->crash_day[k])
				continue;
			json_t *row = json_object();
			json_object_set_new(row, "date", ms_json_date(day[i]));
			json_object_set_new(row, "long", ms_fig(lv[i], MS_USD_BIG, src, conv));
			json_object_set_new(row, "short", ms_fig(sv[i], MS_USD_BIG, sh->cfg->name, conv));
			json_object_set_new(row, "total", ms_fig(lv[i] + sv[i], MS_USD_BIG, src, "long + short"));
			json_array_append_new(crash, row);
		}
	}
	json_object_set_new(o, "crash_days", crash);
done:
	free(day);
	free(lv);
	free(sv);
	return o;
}

json_t *ms_model_liquidations(const ms_dataset *ds, size_t nds, const ms_config *cfg)
{
	static const char *const assets[] = { "BTC", "ETH" };
	json_t *a = json_array();
	for (size_t k = 0; k < 2; k++) {
		const ms_dataset *lg = ms_find_metric(ds, nds, "long_liquidations", assets[k]);
		const ms_dataset *sh = ms_find_metric(ds, nds, "short_liquidations", assets[k]);
		if (!lg || !sh)
			continue;
		json_t *o = liquidations_of(lg, sh, cfg);
		if (json_object_size(o))
			json_array_append_new(a, o);
		else
			json_decref(o);
	}
	if (!json_array_size(a)) {
		json_decref(a);
		return NULL;
	}
	return a;
}

static json_t *flow_day(const ms_series *s, size_t i, const char *src)
{
	return ms_fig_on(s->col[MS_VALUE][i], MS_USD_MILLIONS, s->t[i], src, "net flow of the day, US$ millions");
}

json_t *ms_model_etf(const ms_figures *figs)
{
	const ms_dataset *f = ms_find_metric(figs->ds, figs->nds, "etf_flows", "");
	if (!f || f->hi <= f->lo)
		return NULL;
	const ms_series *s = f->series;
	const char *src = f->cfg->name;
	const double *v = s->col[MS_VALUE] + f->lo;
	const int64_t *t = s->t + f->lo;
	size_t n = f->hi - f->lo;
	json_t *o = json_object();
	json_object_set_new(o, "source", json_string(src));
	json_object_set_new(o, "asset", json_string(f->cfg->asset));
	json_object_set_new(o, "first", ms_json_date(t[0]));
	json_object_set_new(o, "last", ms_json_date(t[n - 1]));
	ms_month_flow *months = malloc(MAX_MONTHS * sizeof *months);
	if (!months) {
		ms_nomem();
		json_decref(o);
		return NULL;
	}
	size_t nm = ms_flows_monthly(t, v, n, months, MAX_MONTHS);
	json_t *ma = json_array();
	for (size_t i = 0; i < nm && i < MAX_MONTHS; i++) {
		json_t *m = json_object();
		int64_t first = ms_days_from_civil(months[i].year, months[i].month, 1) * MS_DAY;
		char label[11];
		ms_fmt_date(first, label);
		label[7] = '\0';                 /* YYYY-MM */
		json_object_set_new(m, "month", json_string(label));
		json_object_set_new(m, "first_day", ms_json_date(first));
		json_object_set_new(m, "net", ms_fig(months[i].net, MS_USD_MILLIONS, src, "sum of daily net flows"));
		json_object_set_new(m, "outflows", ms_fig(months[i].outflows, MS_USD_MILLIONS, src,
							  "sum of the outflow days alone"));
		json_object_set_new(m, "inflows", ms_fig(months[i].inflows, MS_USD_MILLIONS, src,
							 "sum of the inflow days alone"));
		json_object_set_new(m, "days", json_integer(months[i].days));
		json_object_set_new(m, "outflow_days", json_integer(months[i].outflow_days));
		json_array_append_new(ma, m);
	}
	free(months);
	/* the last twelve months, for tables */
	json_t *recent = json_array();
	for (size_t i = json_array_size(ma) > 12 ? json_array_size(ma) - 12 : 0; i < json_array_size(ma); i++)
		json_array_append(recent, json_array_get(ma, i));
	json_object_set_new(o, "monthly", ma);
	json_object_set_new(o, "monthly_recent", recent);
	double total = 0;
	size_t in = 0, out = 0;
	for (size_t i = 0; i < n; i++) {
		total += v[i];
		if (v[i] > v[in])
			in = i;
		if (v[i] < v[out])
			out = i;
	}
	json_object_set_new(o, "cumulative", ms_fig_on(total, MS_USD_MILLIONS, t[n - 1], src,
		"sum of every daily net flow since the first day"));
	json_object_set_new(o, "largest_inflow", flow_day(s, f->lo + in, src));
	json_object_set_new(o, "largest_outflow", flow_day(s, f->lo + out, src));
	ms_streak longest, current;
	ms_outflow_streaks(v, n, &longest, &current);
	static const char *const names[] = { "longest_outflow_streak", "current_outflow_streak" };
	const ms_streak *streaks[] = { &longest, &current };
	for (int k = 0; k < 2; k++) {
		const ms_streak *st = streaks[k];
		if (!st->length) {
			json_object_set_new(o, names[k], json_null());
			continue;
		}
		json_t *so = json_object();
		json_object_set_new(so, "days", json_integer((json_int_t)st->length));
		json_object_set_new(so, "from", ms_json_date(t[st->first]));
		json_object_set_new(so, "to", ms_json_date(t[st->last]));
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
		json_object_set_new(b, "first_flow", ms_json_date(s->t[0]));
		json_object_set_new(b, "coins", ms_fig(cb->coins * 1e6, MS_COINS, src, "net coins bought"));
		json_object_set_new(b, "days_priced", json_integer((json_int_t)cb->days));
		json_object_set_new(b, "days_unpriced", json_integer((json_int_t)cb->unpriced));
		json_object_set_new(b, "has_unpriced", json_boolean(cb->unpriced > 0));
		json_object_set_new(o, "cost_basis", b);
		json_object_set_new(o, "price_vs_cost_basis", ms_fig_on(bs->latest_close / cb->basis - 1, MS_FRACTION,
			bs->latest_day, bs->prices->cfg->name, "latest close / cost basis - 1"));
	} else {
		json_object_set_new(o, "cost_basis", json_null());
	}
	return o;
}

static const char *fng_class(double v)
{
	return v <= 25 ? "Extreme Fear" : v <= 46 ? "Fear" : v <= 54 ? "Neutral" : v <= 75 ? "Greed" : "Extreme Greed";
}

json_t *ms_model_sentiment(const ms_dataset *ds, size_t nds, const ms_config *cfg)
{
	const ms_dataset *f = ms_find_metric(ds, nds, "fear_greed", "");
	(void)cfg;
	if (!f || f->hi <= f->lo)
		return NULL;
	const ms_series *s = f->series;
	const double *v = s->col[MS_VALUE];
	const char *src = f->cfg->name;
	const char *conv = "Crypto Fear & Greed Index (0-100); bands: <=25 extreme fear, <=46 fear, "
			   "<=54 neutral, <=75 greed, else extreme greed";
	size_t last = f->hi - 1, low = f->lo;
	for (size_t i = f->lo; i < f->hi; i++)
		if (v[i] < v[low])
			low = i;
	json_t *o = json_object();
	json_t *l = ms_fig_on(v[last], MS_INDEX, s->t[last], src, conv);
	json_object_set_new(l, "class", json_string(fng_class(v[last])));
	json_t *m = ms_fig_on(v[low], MS_INDEX, s->t[low], src, conv);
	json_object_set_new(m, "class", json_string(fng_class(v[low])));
	json_object_set_new(o, "source", json_string(src));
	json_object_set_new(o, "latest", l);
	json_object_set_new(o, "min", m);
	return o;
}
