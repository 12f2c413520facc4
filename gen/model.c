#include "model.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figures.h"
#include "fmt.h"
#include "memwatch.h"
#include "phrase.h"
#include "model_fig.h"
#include "utc.h"

json_t *ms_json_date(int64_t t)
{
	char day[11];
	ms_fmt_date(t, day);
	return json_string(day);
}

static void display(char *out, size_t n, double v, ms_unit unit)
{
	char tmp[64];
	switch (unit) {
	case MS_USD: ms_fmt_usd(out, n, v); break;
	case MS_USD_BIG: ms_fmt_usd_compact(out, n, v); break;
	case MS_USD_MILLIONS: ms_fmt_usd_compact(out, n, v * 1e6); break;
	case MS_FRACTION: ms_fmt_pct(out, n, v, 1); break;
	case MS_CHANGE: ms_fmt_change(out, n, v, 1); break;
	case MS_LOSS: ms_fmt_pct(out, n, v, 1); break;
	case MS_DAYS: ms_fmt_grouped(out, n, v, 0); break;
	case MS_INDEX: snprintf(out, n, "%.0f", v); break;
	case MS_RATIO: ms_fmt_grouped(out, n, v, 2); break;
	case MS_COINS:
		ms_fmt_grouped(tmp, sizeof tmp, v, 0);
		snprintf(out, n, "%s", tmp);
		break;
	case MS_USDT: ms_fmt_price(out, n, v, "USDT"); break;
	}
}

static const char *const unit_names[] = {
	"USD", "USD", "USD millions", "fraction", "fraction", "fraction (loss)", "days", "index", "ratio", "coins", "USDT"
};

ms_unit ms_price_unit(const ms_dataset *ds)
{
	return ds->fmt.quote && !strcmp(ds->fmt.quote, "USDT") ? MS_USDT : MS_USD;
}

/* A change's words, so that templates never write a sign before "below":
 * its size alone, and above/below, rose/fell, higher/lower as it reads. */
static void change_words(json_t *o, double v)
{
	char mag[64];
	ms_dir d = ms_direction(v, 1);
	ms_fmt_magnitude(mag, sizeof mag, v, 1);
	json_object_set_new(o, "magnitude", json_string(mag));
	json_object_set_new(o, "direction", json_string(ms_dir_name(d)));
	json_object_set_new(o, "above_below", json_string(ms_dir_above_below(d)));
	json_object_set_new(o, "rose_fell", json_string(ms_dir_rose_fell(d)));
	json_object_set_new(o, "higher_lower", json_string(ms_dir_higher_lower(d)));
	json_object_set_new(o, "up", json_boolean(d == MS_DIR_UP));
	json_object_set_new(o, "down", json_boolean(d == MS_DIR_DOWN));
	json_object_set_new(o, "flat", json_boolean(d == MS_DIR_FLAT));
}

void ms_json_set_day(json_t *o, const char *key, int have, int64_t t)
{
	char text_key[64], text[32];
	snprintf(text_key, sizeof text_key, "%s_text", key);
	if (have)
		ms_fmt_day_text(t, text, sizeof text);
	json_object_set_new(o, key, have ? ms_json_date(t) : json_null());
	json_object_set_new(o, text_key, have ? json_string(text) : json_null());
}

json_t *ms_fig(double v, ms_unit unit, const char *source, const char *convention)
{
	char disp[64];
	display(disp, sizeof disp, v, unit);
	json_t *o = json_object();
	/* jansson has no NaN: a missing value is null, its display a dash */
	json_object_set_new(o, "value", isfinite(v) ? json_real(v) : json_null());
	json_object_set_new(o, "unit", json_string(unit_names[unit]));
	json_object_set_new(o, "display", json_string(isfinite(v) ? disp : "\xE2\x80\x93"));
	json_object_set_new(o, "source", json_string(source));
	json_object_set_new(o, "convention", json_string(convention));
	if (unit == MS_CHANGE && isfinite(v))
		change_words(o, v);
	return o;
}

void ms_fig_column(json_t *figs, double scale)
{
	size_t n = json_array_size(figs);
	double *v = malloc((n ? n : 1) * sizeof *v);
	if (!v) {
		ms_nomem();
		return;
	}
	for (size_t i = 0; i < n; i++)
		v[i] = json_number_value(json_object_get(json_array_get(figs, i), "value")) * scale;
	ms_usd_column c = ms_usd_column_of(v, n);
	for (size_t i = 0; i < n; i++) {
		char cell[64];
		ms_fmt_usd_in(cell, sizeof cell, v[i], c);
		json_object_set_new(json_array_get(figs, i), "cell", json_string(cell));
	}
	free(v);
}

void ms_rows_column(json_t *rows, const char *key, double scale)
{
	json_t *figs = json_array();
	for (size_t i = 0; i < json_array_size(rows); i++) {
		json_t *fig = json_object_get(json_array_get(rows, i), key);
		if (json_is_object(fig))
			json_array_append(figs, fig);
	}
	ms_fig_column(figs, scale);
	json_decref(figs);
}

json_t *ms_fig_on(double v, ms_unit unit, int64_t day, const char *source, const char *convention)
{
	json_t *o = ms_fig(v, unit, source, convention);
	ms_json_set_day(o, "date", 1, day);
	return o;
}

void ms_fig_set_time(json_t *fig, int64_t t)
{
	char s[17], full[32];
	ms_fmt_datetime(t, s);
	snprintf(full, sizeof full, "%s UTC", s);
	json_object_set_new(fig, "time", json_string(full));
}

int ms_is_daily_price(const ms_dataset *ds)
{
	return ds->series->step == MS_DAY && ds->fmt.column[MS_HIGH] && ds->fmt.column[MS_CLOSE];
}

ms_dataset ms_day_view(const ms_dataset *ds)
{
	ms_dataset v = *ds;
	if (ds->daily) {
		v.series = ds->daily;
		v.lo = ds->dlo;
		v.hi = ds->dhi;
		v.daily = NULL;
		v.fmt.step = MS_DAY;
	}
	return v;
}

const ms_dataset *ms_find_metric(const ms_dataset *ds, size_t nds, ms_metric metric, const char *asset)
{
	for (size_t i = 0; i < nds; i++)
		if (ds[i].cfg->metric == metric && (!*asset || !strcmp(ds[i].cfg->asset, asset)))
			return &ds[i];
	return NULL;
}

static json_t *file_block(const ms_file_facts *file)
{
	json_t *o = json_object();
	json_object_set_new(o, "name", json_string(file->name));
	json_object_set_new(o, "bytes", json_integer((json_int_t)file->bytes));
	json_object_set_new(o, "rows", json_integer((json_int_t)file->rows));
	json_object_set_new(o, "first", file->rows ? ms_json_date(file->first) : json_null());
	json_object_set_new(o, "last", file->rows ? ms_json_date(file->last) : json_null());
	return o;
}

/* What a source is, in a reader's words: "BTC hourly prices, Coinbase". */
static json_t *source_label(const ms_dataset *ds)
{
	const char *words = ms_metric_words(ds->cfg->metric);
	int64_t step = ds->series->step;
	const char *every = step == MS_DAY ? "daily " : step == 3600 ? "hourly " : "";
	/* an index or a market-wide total has no asset of its own */
	int per_asset = ms_metric_per_asset(ds->cfg->metric);
	char label[256];
	snprintf(label, sizeof label, "%s%s%s%s, %s", per_asset && ds->cfg->asset ? ds->cfg->asset : "",
		 per_asset && ds->cfg->asset ? " " : "", every, words, ds->cfg->venue);
	label[0] = (char)(label[0] >= 'a' && label[0] <= 'z' ? label[0] - 32 : label[0]);
	return json_string(label);
}

static json_t *source_block(const ms_dataset *ds, const ms_freshness *fr)
{
	const ms_series *s = ds->series;
	json_t *o = json_object();
	json_object_set_new(o, "name", json_string(ds->cfg->name));
	json_object_set_new(o, "label", source_label(ds));
	json_object_set_new(o, "provider", json_string(ds->fmt.provider));
	json_object_set_new(o, "provider_site", ds->fmt.site ? json_string(ds->fmt.site) : json_null());
	json_object_set_new(o, "venue", json_string(ds->cfg->venue));
	json_object_set_new(o, "asset", json_string(ds->cfg->asset));
	json_object_set_new(o, "metric", json_string(ms_metric_name(ds->cfg->metric)));
	json_object_set_new(o, "format", json_string(ds->fmt.name));
	json_object_set_new(o, "convention", json_string(ds->fmt.convention));
	/* the file as it is: the only part that may depend on rows after the as-of date */
	json_object_set_new(o, "file", file_block(&ds->file));
	json_object_set_new(o, "url", ds->cfg->url ? json_string(ds->cfg->url_shown) : json_null());
	json_object_set_new(o, "fetched_at", json_null());
	json_object_set_new(o, "fetch_failed_at", json_null());
	json_object_set_new(o, "last_error", json_null());
	if (ds->from_cache) {
		char when[17], full[32];
		ms_fmt_datetime(ds->fetched_at, when);
		snprintf(full, sizeof full, "%s UTC", when);
		json_object_set_new(o, "fetched_at", json_string(full));
	}
	json_object_set_new(o, "fetch_failed", json_boolean(ds->stale_since != 0));
	if (ds->stale_since) {
		char when[17], full[32];
		ms_fmt_datetime(ds->stale_since, when);
		snprintf(full, sizeof full, "%s UTC", when);
		json_object_set_new(o, "fetch_failed_at", json_string(full));
		json_object_set_new(o, "last_error", json_string(ds->last_error ? ds->last_error : ""));
	}
	json_object_set_new(o, "stale", json_boolean(fr->stale));
	json_object_set_new(o, "behind", json_boolean(fr->behind_days > 0));
	ms_json_set_day(o, "last_day", 1, fr->last_day);
	ms_json_set_day(o, "expected_day", 1, fr->expected_day);
	json_object_set_new(o, "behind_days", json_integer((json_int_t)fr->behind_days));
	char behind[48];
	snprintf(behind, sizeof behind, "%lld day%s", (long long)fr->behind_days, fr->behind_days == 1 ? "" : "s");
	json_object_set_new(o, "behind_text", json_string(behind));
	/* what the report reads: the rows by the as-of date */
	json_object_set_new(o, "rows", json_integer((json_int_t)s->n));
	json_object_set_new(o, "rows_in_window", json_integer((json_int_t)(ds->hi - ds->lo)));
	json_object_set_new(o, "first", ms_json_date(s->t[0]));
	json_object_set_new(o, "last", ms_json_date(s->t[s->n - 1]));
	char res[32];
	if (s->step % MS_DAY == 0)
		snprintf(res, sizeof res, "%lldd", (long long)(s->step / MS_DAY));
	else if (s->step % 3600 == 0)
		snprintf(res, sizeof res, "%lldh", (long long)(s->step / 3600));
	else if (s->step % 60 == 0)
		snprintf(res, sizeof res, "%lldm", (long long)(s->step / 60));
	else
		snprintf(res, sizeof res, "%llds", (long long)s->step);
	json_object_set_new(o, "resolution", json_string(res));
	/* gaps inside the window; ETF flows are US trading days, gaps by design */
	json_t *gaps = json_array();
	size_t ngaps = 0;
	if (ds->cfg->metric != MS_METRIC_ETF_FLOWS) {
		ms_gap g[5];
		ngaps = ms_series_gaps(s, ds->lo, ds->hi, g, 5);
		for (size_t i = 0; i < ngaps && i < 5; i++) {
			char a[17], b[17];
			ms_fmt_datetime(g[i].from, a);
			ms_fmt_datetime(g[i].to, b);
			json_t *gj = json_object();
			json_object_set_new(gj, "after", json_string(s->step == MS_DAY ? (a[10] = 0, a) : a));
			json_object_set_new(gj, "before", json_string(s->step == MS_DAY ? (b[10] = 0, b) : b));
			json_object_set_new(gj, "missing", json_integer(g[i].missing));
			json_array_append_new(gaps, gj);
		}
	}
	json_object_set_new(o, "gap_count", json_integer((json_int_t)ngaps));
	char gaps_text[48];
	snprintf(gaps_text, sizeof gaps_text, "%zu gap%s", ngaps, ngaps == 1 ? "" : "s");
	json_object_set_new(o, "gaps_text", json_string(gaps_text));
	json_object_set(o, "first_gap", ngaps ? json_array_get(gaps, 0) : json_null());
	json_object_set_new(o, "gaps", gaps);
	json_object_set_new(o, "has_gaps", json_boolean(ngaps > 0));
	if (ds->daily)
		json_object_set_new(o, "incomplete_days", json_integer((json_int_t)ds->incomplete_days));
	return o;
}

static json_t *conventions(void)
{
	static const char *const text[] = {
		"All times are UTC; daily figures use UTC days; durations are calendar days.",
		"The as-of date is inclusive: the report uses every bar that ends by 24:00 UTC on that day.",
		"\"Intraday\" highs and lows are a day's extreme traded prices; \"close\" figures use the daily close.",
		"Drawdowns are measured from the highest value before them: x / running maximum - 1.",
		"The all-time high is the highest value in the loaded history; it is called all-time only when "
		"that history starts within a month of the asset's first trading day, else the high since its first day.",
		"Point in time: every figure uses only the bars that end by 24:00 UTC on the as-of date; "
		"the article's claims are checked with the data up to the article's own date.",
		"Returns are close to close between consecutive days; volatility is the sample standard "
		"deviation of daily log returns times the square root of 365.",
		"Value at risk and expected shortfall are historical, on daily simple returns: the "
		"5 % (1 %) quantile by linear interpolation, and the mean of the returns at or below it.",
		"The 24-hour retracement is the deepest fall from an hourly high to a later hourly low "
		"within 24 hours.",
		"CoinGecko's market-cap snapshot at 00:00 UTC is the previous day's value and is dated so.",
		"ETF flows are US$ millions on US trading days; the cost basis prices each day's net flow "
		"at that UTC day's close (flow-weighted average price).",
		"Gaps in a series are reported, never filled.",
		"The headline and the key takeaways are chosen from these figures by fixed rules "
		"(doc/editorial.md): the price against its high, then the largest day of liquidations, "
		"the month's ETF flows or an extreme Fear & Greed reading; \"since\" names the first day the report covers. "
		"Each section's first sentence reads its figures by a fixed rule too: the fall under way against the "
		"deepest, the 30-day volatility against the whole period's (a tenth either way is \"as usual\"), the "
		"long to short liquidation ratio, the run of months of ETF flows of one sign, and the whole market's "
		"fall against the asset's.",
		"Open interest is the value of the futures and perpetual contracts open on all exchanges at the end of "
		"the UTC day; funding rates (percent per 8 hours) are annualised x 3 x 365.",
		"Each fund's flows are its own column of the Farside file; a fund's cost basis prices its flows as the "
		"funds' together are priced; \"since the peak\" runs from the closing high of the fall under way.",
		"The market stress index standardises each of its parts against the part's own history up to each "
		"day, so its history never changes as data arrives; its method is under \"Market stress\".",
		"Numbers in stats.json carry 15 significant digits; the report rounds them for reading.",
	};
	json_t *a = json_array();
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		json_array_append_new(a, json_string(text[i]));
	return a;
}

static json_t *report_block(const ms_figures *f)
{
	const ms_config *cfg = f->cfg;
	json_t *r = json_object();
	/* without one, the editorial layer's headline (editorial.c) */
	json_object_set_new(r, "title", cfg->title ? json_string(cfg->title) : json_null());
	json_object_set_new(r, "title_from_config", json_boolean(cfg->title != NULL));
	json_object_set_new(r, "subtitle", json_string(cfg->subtitle));
	json_object_set_new(r, "author", json_string(cfg->author));
	ms_json_set_day(r, "as_of", 1, cfg->as_of);
	ms_json_set_day(r, "window_start", 1, cfg->window_start);
	json_object_set_new(r, "generator", json_string("mstress " MS_VERSION));
	json_object_set_new(r, "period", json_string(cfg->weekly ? "week" : "all"));
	return r;
}

/* The publisher, and a slug of its name for file names ("market-stress-research"). */
static json_t *publisher_block(const ms_publisher *p)
{
	char slug[128];
	size_t k = 0;
	for (const unsigned char *c = (const unsigned char *)p->name; *c && k < sizeof slug - 1; c++) {
		int alnum = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'Z');
		if (alnum)
			slug[k++] = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
		else if (k && slug[k - 1] != '-')
			slug[k++] = '-';
	}
	while (k && slug[k - 1] == '-')
		k--;
	slug[k] = 0;
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "name", p->name, "url", p->url,
			      "contact", p->contact, "disclaimer", p->disclaimer, "colophon", p->colophon,
			      "from", p->from, "reply_to", p->reply_to, "unsubscribe", p->unsubscribe,
			      "slug", k ? slug : "report");
	if (o)
		json_object_set_new(o, "unsubscribe_is_url", json_boolean(!strncmp(p->unsubscribe, "https://", 8)));
	return o;
}

/* The sources that end before the as-of date (or whose last fetch failed),
 * for the line a reader sees under the title. */
static json_t *stale_block(const ms_figures *f)
{
	json_t *a = json_array();
	for (size_t i = 0; i < f->nds; i++) {
		if (!f->fresh[i].stale)
			continue;
		json_t *o = json_object();
		json_object_set_new(o, "name", json_string(f->ds[i].cfg->name));
		json_object_set_new(o, "venue", json_string(f->ds[i].cfg->venue));
		ms_json_set_day(o, "last_day", 1, f->fresh[i].last_day);
		json_object_set_new(o, "behind_days", json_integer((json_int_t)f->fresh[i].behind_days));
		json_object_set_new(o, "fetch_failed", json_boolean(f->ds[i].stale_since != 0));
		json_array_append_new(a, o);
	}
	/* every source ending on one day reads better as one sentence */
	int64_t common = -1;
	int one_day = f->nstale == f->nds && f->nds > 0;
	for (size_t i = 0; one_day && i < f->nds; i++) {
		one_day = !f->ds[i].stale_since && (common < 0 || f->fresh[i].last_day == common);
		common = f->fresh[i].last_day;
	}
	/* many stale sources read better as a count and the span of their last days */
	int64_t first = 0, last = 0;
	for (size_t i = 0; i < f->nds; i++) {
		if (!f->fresh[i].stale)
			continue;
		first = !first || f->fresh[i].last_day < first ? f->fresh[i].last_day : first;
		last = f->fresh[i].last_day > last ? f->fresh[i].last_day : last;
	}
	json_t *o = json_object();
	json_object_set_new(o, "count", json_integer((json_int_t)json_array_size(a)));
	json_object_set_new(o, "total", json_integer((json_int_t)f->nds));
	json_object_set_new(o, "any", json_boolean(json_array_size(a) > 0));
	json_object_set_new(o, "few", json_boolean(json_array_size(a) > 0 && json_array_size(a) <= 3));
	json_object_set_new(o, "all_one_day", json_boolean(one_day));
	ms_json_set_day(o, "last_day", one_day, common);
	ms_json_set_day(o, "earliest_last_day", f->nstale > 0, first);
	ms_json_set_day(o, "latest_last_day", f->nstale > 0, last);
	json_object_set_new(o, "one_last_day", json_boolean(f->nstale && first == last));
	json_object_set_new(o, "sources", a);
	return o;
}

static json_t *notes_block(const ms_notes *notes)
{
	json_t *a = json_array();
	for (size_t i = 0; i < notes->n; i++)
		json_array_append_new(a, json_string(notes->text[i]));
	return a;
}

json_t *ms_model_at(json_t *o, const char *path)
{
	char key[64];
	while (o && *path) {
		size_t n = strcspn(path, ".");
		if (n >= sizeof key)
			return NULL;
		memcpy(key, path, n);
		key[n] = 0;
		o = json_object_get(o, key);
		path += n + (path[n] == '.');
	}
	return o;
}

json_t *ms_model_build(const ms_figures *f, ms_diag *d)
{
	const ms_config *cfg = f->cfg;
	json_t *root = json_object();
	json_object_set_new(root, "report", report_block(f));
	json_object_set_new(root, "publisher", publisher_block(&cfg->publisher));
	json_object_set_new(root, "conventions", conventions());
	json_object_set_new(root, "stale", stale_block(f));
	json_object_set_new(root, "left_out", notes_block(&f->notes));
	json_object_set_new(root, "has_left_out", json_boolean(f->notes.n > 0));
	json_t *sources = json_array(), *venues = json_array(), *eth_venues = json_array();
	for (size_t i = 0; i < f->nds; i++) {
		json_array_append_new(sources, source_block(&f->ds[i], &f->fresh[i]));
		if (!f->is_price[i])
			continue;
		/* an intraday source reports on its days */
		json_t *b = ms_model_price(&f->day_views[i], &f->price[i], &f->risk[i], f);
		const char *asset = f->ds[i].cfg->asset;
		if (!strcmp(f->ds[i].cfg->name, cfg->primary))
			json_object_set(root, "primary", b);
		else if (strcmp(asset, f->primary.cfg->asset) && !json_object_get(root, "other"))
			json_object_set(root, "other", b);     /* the first venue of another asset */
		json_array_append_new(!strcmp(asset, "ETH") ? eth_venues : venues, b);
	}
	if (!json_object_get(root, "other"))
		json_object_set_new(root, "other", json_null());
	json_object_set_new(root, "sources", sources);
	json_object_set_new(root, "venues", venues);
	json_object_set_new(root, "eth_venues", eth_venues);
	struct { const char *name; json_t *value; } parts[] = {
		{ "crash_days", ms_model_crash_days(f) },
		{ "retracements", ms_model_retracements(f) },
		{ "market_cap", ms_model_market_cap(f) },
		{ "liquidations", ms_model_liquidations(f) },
		{ "etf", ms_model_etf(f) },
		{ "sentiment", ms_model_sentiment(f) },
		{ "stress", ms_model_stress(f) },
		{ "history", ms_model_history(f) },
		{ "leverage", ms_model_leverage(f) },
		{ "funds", ms_model_funds(f) },
		{ "week", f->has_week ? ms_model_week(f) : NULL },
	};
	/* a part whose data is not loaded is null, and the template says so */
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		json_object_set_new(root, parts[i].name, parts[i].value ? parts[i].value : json_null());
	json_object_set_new(root, "has_retracements",
			    json_boolean(json_array_size(json_object_get(root, "retracements")) > 0));
	if (!root || ms_nomem_collect(d)) {
		ms_error(d, cfg->file, 0, 0, "out of memory building the model");
		json_decref(root);
		return NULL;
	}
	return root;
}
