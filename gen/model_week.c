/* The weekly newsletter's "this week" figures: the seven UTC days ending on
 * the as-of date, against the close of the day before. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "model_fig.h"
#include "utc.h"

#define WEEK_DAYS 7

static long bar_on(const ms_series *s, int64_t day)
{
	size_t i = ms_series_lower_bound(s, day);
	return i < s->n && s->t[i] == day ? (long)i : -1;
}

static const ms_dataset *first_price(const ms_dataset *ds, size_t nds, const char *asset, int hourly)
{
	for (size_t i = 0; i < nds; i++)
		if (!strcmp(ds[i].cfg->asset, asset) && !strcmp(ds[i].cfg->metric, "price") &&
		    (hourly ? ds[i].daily != NULL : ms_is_daily_price(&ds[i])))
			return &ds[i];
	return NULL;
}

static json_t *price_week(const ms_dataset *d, int64_t from, int64_t to)
{
	const ms_series *s = d->series;
	const char *src = d->cfg->name;
	/* the week as far as the source goes: a source a day behind still has
	 * a week, to its last day, and the figure's dates say so */
	size_t lo, hi;
	ms_series_range(s, from, to, &lo, &hi);
	long before = bar_on(s, from - MS_DAY), last = (long)hi - 1;
	if (before < 0 || hi <= lo)
		return json_null();
	size_t ih = (size_t)ms_argmax(s->col[MS_HIGH], lo, hi), il = lo;
	for (size_t i = lo; i < hi; i++)
		if (s->col[MS_LOW][i] < s->col[MS_LOW][il])
			il = i;
	double c0 = s->col[MS_CLOSE][before], c1 = s->col[MS_CLOSE][last];
	json_t *o = json_object();
	json_object_set_new(o, "asset", json_string(d->cfg->asset));
	json_object_set_new(o, "venue", json_string(d->cfg->venue));
	json_object_set_new(o, "previous_close", ms_fig_on(c0, MS_USD, s->t[before], src, "close of the day before the week"));
	json_object_set_new(o, "close", ms_fig_on(c1, MS_USD, s->t[last], src, "close of the week's last day"));
	json_object_set_new(o, "to", ms_json_date(s->t[last]));
	json_object_set_new(o, "to_as_of", json_boolean(s->t[last] == to - MS_DAY));
	json_object_set_new(o, "change", ms_fig(c1 / c0 - 1, MS_FRACTION, src, "week's last close / previous close - 1"));
	json_object_set_new(o, "high", ms_fig_on(s->col[MS_HIGH][ih], MS_USD, s->t[ih], src, "the week's intraday high"));
	json_object_set_new(o, "low", ms_fig_on(s->col[MS_LOW][il], MS_USD, s->t[il], src, "the week's intraday low"));
	json_object_set_new(o, "range", ms_fig(s->col[MS_HIGH][ih] / s->col[MS_LOW][il] - 1, MS_FRACTION, src,
					       "week high / week low - 1"));
	return o;
}

/* The sum of d's values over [from, to), their count in *days and the
 * last day summed in *last (the week as far as the source goes). */
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

json_t *ms_model_week(const ms_dataset *ds, size_t nds, const ms_config *cfg)
{
	int64_t to = cfg->as_of + MS_DAY, from = to - WEEK_DAYS * MS_DAY;
	json_t *w = json_object();
	json_object_set_new(w, "from", ms_json_date(from));
	json_object_set_new(w, "to", ms_json_date(cfg->as_of));
	json_object_set_new(w, "days", json_integer(WEEK_DAYS));
	/* every figure is named, null where the data does not give it */
	static const char *const keys[] = { "worst_24h", "liquidations", "etf_flows", "market_cap_change" };
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
		json_object_set_new(w, keys[k], json_null());
	static const char *const assets[] = { "BTC", "ETH" };
	for (int k = 0; k < 2; k++) {
		const ms_dataset *d = first_price(ds, nds, assets[k], 0);
		json_object_set_new(w, k ? "eth" : "btc", d ? price_week(d, from, to) : json_null());
	}
	const ms_dataset *h = first_price(ds, nds, "BTC", 1);
	if (h) {
		const ms_series *s = h->series;
		size_t lo, hi;
		ms_series_range(s, from, to - s->step + 1, &lo, &hi);
		ms_retracement r;
		if (hi > lo && !ms_worst_retracement(s->t + lo, s->col[MS_HIGH] + lo, s->col[MS_LOW] + lo, hi - lo,
						     s->step, MS_DAY, 0, &r)) {
			json_t *f = ms_fig(r.depth, MS_FRACTION, h->cfg->name,
					   "deepest hourly low / earlier hourly high - 1 within 24 hours, this week");
			ms_fig_set_time(f, s->t[lo + r.trough]);
			json_object_set_new(f, "venue", json_string(h->cfg->venue));
			json_object_set_new(w, "worst_24h", f);
		}
	}
	size_t days;
	int64_t liq_last = 0, flows_last = 0;
	double total = 0;
	char used[256] = "";          /* the sources summed, named in the figure */
	for (int k = 0; k < 2; k++) {
		const ms_dataset *ld = ms_find_metric(ds, nds, "long_liquidations", assets[k]);
		const ms_dataset *sd = ms_find_metric(ds, nds, "short_liquidations", assets[k]);
		double l = sum_between(ld, from, to, &days, &liq_last), s = sum_between(sd, from, to, &days, &liq_last);
		if (!isnan(l) && !isnan(s)) {
			total += l + s;
			size_t n = strlen(used);
			snprintf(used + n, sizeof used - n, "%s%s, %s", n ? ", " : "", ld->cfg->name, sd->cfg->name);
		}
	}
	if (*used) {
		json_t *l = ms_fig(total, MS_USD_BIG, used, "BTC and ETH contracts, long + short, over the week");
		json_object_set_new(l, "to", ms_json_date(liq_last));
		json_object_set_new(w, "liquidations", l);
	}
	const ms_dataset *f = ms_find_metric(ds, nds, "etf_flows", "");
	double flows = sum_between(f, from, to, &days, &flows_last);
	if (!isnan(flows)) {
		json_t *e = ms_fig(flows, MS_USD_MILLIONS, f->cfg->name, "net flows of the week's trading days");
		json_object_set_new(e, "trading_days", json_integer((json_int_t)days));
		json_object_set_new(e, "to", ms_json_date(flows_last));
		json_object_set_new(w, "etf_flows", e);
	}
	const ms_dataset *m = ms_find_metric(ds, nds, "market_cap", "");
	long m0 = m ? bar_on(m->series, from - MS_DAY) : -1;
	size_t mlo = 0, mhi = 0;
	if (m)
		ms_series_range(m->series, from, to, &mlo, &mhi);
	if (m0 >= 0 && mhi > mlo) {
		double a = m->series->col[MS_VALUE][m0], b = m->series->col[MS_VALUE][mhi - 1];
		json_object_set_new(w, "market_cap_change", ms_fig_on(b / a - 1, MS_FRACTION, m->series->t[mhi - 1],
			m->cfg->name, "total market cap, the week's last day / the day before the week - 1"));
	}
	return w;
}
