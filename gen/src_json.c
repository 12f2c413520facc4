/* JSON sources (jansson): Binance klines, alternative.me fear & greed,
 * Yahoo Finance chart, CoinGlass liquidation history, CoinGecko market_chart
 * and /global. Bytes in, series out, no I/O: the same checks as the CSV
 * loaders, with the element that failed named in the message. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "numparse.h"
#include "src_csv.h"
#include "utc.h"

/* A number from a JSON number or a numeric string ("121493.20"). */
static int number(const json_t *v, double *out)
{
	if (json_is_string(v))
		return ms_parse_double(json_string_value(v), json_string_length(v), out);
	if (json_is_number(v)) {
		*out = json_number_value(v);
		return isfinite(*out) ? 0 : -1;
	}
	return -1;
}

/* Unix time in s, ms or µs, from a number or a numeric string. */
static int unix_time(const json_t *v, int64_t *t)
{
	char tmp[32];
	if (json_is_integer(v)) {
		snprintf(tmp, sizeof tmp, "%lld", (long long)json_integer_value(v));
		return ms_parse_time(tmp, strlen(tmp), t);
	}
	if (json_is_string(v))
		return ms_parse_time(json_string_value(v), json_string_length(v), t);
	return -1;
}

static json_t *load(const char *file, const char *data, size_t len, ms_diag *d)
{
	json_error_t err;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
	if (!root)
		ms_error(d, file, err.line, err.column, "not valid JSON: %s", err.text);
	return root;
}

typedef struct builder {
	const char *file;
	const ms_csv_format *fmt;
	ms_series *s;
	ms_diag *d;
	int order;
	long skipped;
} builder;

/* Checks a bar as the CSV loaders do and appends it; what names it in a
 * message is `where` (e.g. "data[12]"). */
static int add_bar(builder *b, int64_t t, const double v[MS_NCOL], const char *where)
{
	const ms_csv_format *f = b->fmt;
	for (int k = 0; k < MS_NCOL; k++) {
		if (!ms_series_has(b->s, k) || k == MS_VOLUME || (k == MS_VALUE && f->signed_value))
			continue;
		if (v[k] <= 0)
			return ms_error(b->d, b->file, 0, 0, "%s: a price must be positive, not %g", where, v[k]);
	}
	if (ms_series_has(b->s, MS_HIGH) && ms_series_has(b->s, MS_LOW) &&
	    (v[MS_HIGH] < v[MS_LOW] || v[MS_OPEN] > v[MS_HIGH] || v[MS_OPEN] < v[MS_LOW] ||
	     v[MS_CLOSE] > v[MS_HIGH] || v[MS_CLOSE] < v[MS_LOW]))
		return ms_error(b->d, b->file, 0, 0, "%s: inconsistent bar: high %g, low %g must bound open and close",
				where, v[MS_HIGH], v[MS_LOW]);
	ms_series *s = b->s;
	if (s->n) {
		int64_t prev = s->t[s->n - 1];
		int dir = t > prev ? 1 : t < prev ? -1 : 0;
		if (!dir || (b->order && dir != b->order))
			return ms_error(b->d, b->file, 0, 0, "%s: %s time: elements must be in time order", where,
					dir ? "out-of-order" : "duplicate");
		b->order = dir;
	}
	return ms_series_push(s, t, v) ? ms_error(b->d, b->file, 0, 0, "out of memory") : 0;
}

static int finish(builder *b, ms_series **out)
{
	if (b->skipped)
		ms_warn(b->d, b->file, 0, 0, "%ld element%s with missing values skipped", b->skipped,
			b->skipped == 1 ? "" : "s");
	if (!b->s->n) {
		ms_series_free(b->s);
		return ms_error(b->d, b->file, 0, 0, "no data in the response");
	}
	if (b->order < 0)
		ms_series_reverse(b->s);
	if (!b->s->step)
		b->s->step = b->s->n > 1 ? b->s->t[1] - b->s->t[0] : MS_DAY;
	*out = b->s;
	return 0;
}

static int start(builder *b, const char *file, const ms_csv_format *fmt, unsigned mask, ms_diag *d)
{
	*b = (builder){ file, fmt, ms_series_new(fmt->step, mask), d, 0, 0 };
	return b->s ? 0 : ms_error(d, file, 0, 0, "out of memory");
}

/* The parsers share their start and end: load the document, read it into
 * a series with body(), then check and order the series. */
typedef int (*body_fn)(builder *b, json_t *root);

static int drive(const char *file, const char *data, size_t len, const ms_csv_format *fmt, unsigned mask,
		 body_fn body, ms_series **out, ms_diag *d)
{
	builder b;
	*out = NULL;
	json_t *root = load(file, data, len, d);
	if (!root || start(&b, file, fmt, mask, d)) {
		json_decref(root);
		return -1;
	}
	int rc = body(&b, root);
	json_decref(root);
	if (rc) {
		ms_series_free(b.s);
		return -1;
	}
	return finish(&b, out);
}

/* [[openTime ms, "open", "high", "low", "close", "volume", closeTime, …], …] */
static int klines_body(builder *b, json_t *root)
{
	const char *file = b->file;
	ms_diag *d = b->d;
	if (json_is_object(root) && json_object_get(root, "msg")) {
		const char *msg = json_string_value(json_object_get(root, "msg"));
		return ms_error(d, file, 0, 0, "Binance answered an error: %s", msg ? msg : "?");
	}
	if (!json_is_array(root))
		return ms_error(d, file, 0, 0, "expected an array of klines");
	size_t i;
	json_t *k;
	json_array_foreach(root, i, k) {
		char where[32];
		snprintf(where, sizeof where, "kline %zu", i);
		double v[MS_NCOL] = { 0 };
		int64_t t;
		if (!json_is_array(k) || json_array_size(k) < 6 || unix_time(json_array_get(k, 0), &t) ||
		    number(json_array_get(k, 1), &v[MS_OPEN]) || number(json_array_get(k, 2), &v[MS_HIGH]) ||
		    number(json_array_get(k, 3), &v[MS_LOW]) || number(json_array_get(k, 4), &v[MS_CLOSE]) ||
		    number(json_array_get(k, 5), &v[MS_VOLUME]))
			return ms_error(d, file, 0, 0, "%s: expected [time, open, high, low, close, volume, …]", where);
		if (add_bar(b, t, v, where))
			return -1;
	}
	return 0;
}

int ms_parse_binance_klines(const char *file, const char *data, size_t len, const ms_csv_format *fmt,
			    ms_series **out, ms_diag *d)
{
	return drive(file, data, len, fmt, MS_OHLC | MS_COLBIT(MS_VOLUME), klines_body, out, d);
}

/* data[i] = {time_key: unix time, value_key (or else alt_key): v}, one
 * element a day, 0 <= v <= max; `expect` says what is wanted when not. */
static int daily_values(builder *b, const json_t *arr, const char *time_key, const char *value_key,
			const char *alt_key, double max, const char *expect)
{
	size_t i;
	const json_t *e;
	json_array_foreach(arr, i, e) {
		char where[32];
		snprintf(where, sizeof where, "data[%zu]", i);
		double v[MS_NCOL] = { 0 };
		int64_t t;
		const json_t *x = json_object_get(e, value_key);
		if (!x && alt_key)
			x = json_object_get(e, alt_key);
		if (unix_time(json_object_get(e, time_key), &t) || number(x, &v[MS_VALUE]) || !(v[MS_VALUE] >= 0) ||
		    v[MS_VALUE] > max)
			return ms_error(b->d, b->file, 0, 0, "%s: expected %s", where, expect);
		if (add_bar(b, ms_day_floor(t), v, where))
			return -1;
	}
	return 0;
}

/* {"data": [{"value": "25", "timestamp": "unix s"}, …], "metadata": {"error": null}} */
static int fng_body(builder *b, json_t *root)
{
	const json_t *err = json_object_get(json_object_get(root, "metadata"), "error");
	const json_t *arr = json_object_get(root, "data");
	if (err && !json_is_null(err))
		return ms_error(b->d, b->file, 0, 0, "alternative.me answered an error: %s",
				json_is_string(err) ? json_string_value(err) : "?");
	if (!json_is_array(arr))
		return ms_error(b->d, b->file, 0, 0, "expected {\"data\": [...]}");
	return daily_values(b, arr, "timestamp", "value", NULL, 100, "a timestamp and a value from 0 to 100");
}

int ms_parse_fng_json(const char *file, const char *data, size_t len, const ms_csv_format *fmt,
		      ms_series **out, ms_diag *d)
{
	return drive(file, data, len, fmt, MS_COLBIT(MS_VALUE), fng_body, out, d);
}

/* {"chart": {"result": [{"timestamp": [...], "indicators": {"quote": [{"open": [...], …}]}}],
 *  "error": null}}; null values (days without trading data) are skipped. */
static int yahoo_body(builder *b, json_t *root)
{
	const json_t *chart = json_object_get(root, "chart");
	const json_t *err = json_object_get(chart, "error");
	const json_t *res = json_array_get(json_object_get(chart, "result"), 0);
	const json_t *ts = json_object_get(res, "timestamp");
	const json_t *q = json_array_get(json_object_get(json_object_get(res, "indicators"), "quote"), 0);
	static const char *const names[] = { "open", "high", "low", "close", "volume" };
	const json_t *col[5];
	for (int k = 0; k < 5; k++)
		col[k] = json_object_get(q, names[k]);
	if (err && !json_is_null(err)) {
		const char *why = json_string_value(json_object_get(err, "description"));
		return ms_error(b->d, b->file, 0, 0, "Yahoo Finance answered an error: %s", why ? why : "?");
	}
	if (!json_is_array(ts) || !col[0] || !col[1] || !col[2] || !col[3] || !col[4])
		return ms_error(b->d, b->file, 0, 0, "expected chart.result[0] with timestamp and indicators.quote[0]");
	for (size_t i = 0; i < json_array_size(ts); i++) {
		char where[32];
		snprintf(where, sizeof where, "timestamp[%zu]", i);
		double v[MS_NCOL] = { 0 };
		int64_t t;
		int missing = 0;
		for (int k = 0; k < 5; k++) {
			const json_t *x = json_array_get(col[k], i);
			if (!x || json_is_null(x))
				missing = 1;
			else if (number(x, &v[k]))
				return ms_error(b->d, b->file, 0, 0, "%s: %s is not a number", where, names[k]);
		}
		if (unix_time(json_array_get(ts, i), &t))
			return ms_error(b->d, b->file, 0, 0, "%s: not a unix time", where);
		if (missing) {
			b->skipped++;
			continue;
		}
		if (add_bar(b, b->fmt->step == MS_DAY ? ms_day_floor(t) : t, v, where))
			return -1;
	}
	return 0;
}

int ms_parse_yahoo_chart(const char *file, const char *data, size_t len, const ms_csv_format *fmt,
			 ms_series **out, ms_diag *d)
{
	return drive(file, data, len, fmt, MS_OHLC | MS_COLBIT(MS_VOLUME), yahoo_body, out, d);
}

/* {"code": "0", "msg": "success", "data": [{"time": ms, "aggregated_long_liquidation_usd": …,
 *  "aggregated_short_liquidation_usd": …}]}; the value column ("long" or "short") picks. */
static int coinglass_body(builder *b, json_t *root)
{
	const json_t *code = json_object_get(root, "code");
	const json_t *arr = json_object_get(root, "data");
	const char *col = b->fmt->column[MS_VALUE];
	const char *side = col && !strcmp(col, "short") ? "short" : "long";
	char agg[64], pair[64];
	snprintf(agg, sizeof agg, "aggregated_%s_liquidation_usd", side);
	snprintf(pair, sizeof pair, "%s_liquidation_usd", side);
	if (code && !(json_is_string(code) && !strcmp(json_string_value(code), "0")) &&
	    !(json_is_integer(code) && json_integer_value(code) == 0)) {
		const char *msg = json_string_value(json_object_get(root, "msg"));
		return ms_error(b->d, b->file, 0, 0, "CoinGlass answered an error: %s", msg ? msg : "?");
	}
	if (!json_is_array(arr))
		return ms_error(b->d, b->file, 0, 0, "expected {\"code\": \"0\", \"data\": [...]}");
	char expect[96];
	snprintf(expect, sizeof expect, "a time and a non-negative %s", agg);
	return daily_values(b, arr, "time", agg, pair, INFINITY, expect);
}

int ms_parse_coinglass(const char *file, const char *data, size_t len, const ms_csv_format *fmt,
		       ms_series **out, ms_diag *d)
{
	return drive(file, data, len, fmt, MS_COLBIT(MS_VALUE), coinglass_body, out, d);
}

/* CoinGecko market_chart: {"prices": [[ms, v], …], "market_caps": […], "total_volumes": […]}.
 * Daily answers (days > 90) stamp each point at 00:00 UTC with the day
 * that just ended, as the website export does; the last point is the
 * price "now", not a day's close, and is left out. */
static int market_chart_body(builder *b, json_t *root)
{
	static const char *const names[] = { "prices", "total_volumes", "market_caps" };
	static const int cols[] = { MS_CLOSE, MS_VOLUME, MS_VALUE };
	const json_t *arr[3];
	const char *err = json_string_value(json_object_get(json_object_get(root, "status"), "error_message"));
	if (!err)
		err = json_string_value(json_object_get(root, "error"));
	if (err)
		return ms_error(b->d, b->file, 0, 0, "CoinGecko answered an error: %s", err);
	for (int k = 0; k < 3; k++)
		arr[k] = json_object_get(root, names[k]);
	if (!json_is_array(arr[0]) || !json_is_array(arr[1]) || !json_is_array(arr[2]))
		return ms_error(b->d, b->file, 0, 0, "expected {\"prices\": [...], \"market_caps\": [...], "
			"\"total_volumes\": [...]}");
	size_t n = json_array_size(arr[0]);
	if (json_array_size(arr[1]) != n || json_array_size(arr[2]) != n)
		return ms_error(b->d, b->file, 0, 0, "prices has %zu points, total_volumes %zu, market_caps %zu: "
			"they must pair up", n, json_array_size(arr[1]), json_array_size(arr[2]));
	for (size_t i = 0; i < n; i++) {
		char where[32];
		snprintf(where, sizeof where, "prices[%zu]", i);
		double v[MS_NCOL] = { 0 };
		int64_t t = 0, tk;
		for (int k = 0; k < 3; k++) {
			const json_t *p = json_array_get(arr[k], i);
			if (!json_is_array(p) || json_array_size(p) != 2 || unix_time(json_array_get(p, 0), &tk) ||
			    number(json_array_get(p, 1), &v[cols[k]]))
				return ms_error(b->d, b->file, 0, 0, "%s[%zu]: expected [time ms, value]", names[k], i);
			if (k && tk != t)
				return ms_error(b->d, b->file, 0, 0, "%s[%zu]: its time differs from prices[%zu]",
						names[k], i, i);
			t = tk;
		}
		if (t % MS_DAY) {
			if (i + 1 == n)
				continue;
			return ms_error(b->d, b->file, 0, 0, "%s: not at 00:00 UTC: ask CoinGecko for more than 90 "
					"days to get daily points", where);
		}
		if (add_bar(b, t - MS_DAY, v, where))
			return -1;
	}
	return 0;
}

int ms_parse_coingecko_chart(const char *file, const char *data, size_t len, const ms_csv_format *fmt,
			     ms_series **out, ms_diag *d)
{
	return drive(file, data, len, fmt, MS_COLBIT(MS_CLOSE) | MS_COLBIT(MS_VOLUME) | MS_COLBIT(MS_VALUE),
		     market_chart_body, out, d);
}

/* CoinGecko /global: {"data": {"total_market_cap": {"usd": v}, "updated_at": unix s}}.
 * No history: one point, on the day of updated_at. */
static int global_body(builder *b, json_t *root)
{
	const json_t *data = json_object_get(root, "data");
	double v[MS_NCOL] = { 0 };
	int64_t t;
	if (number(json_object_get(json_object_get(data, "total_market_cap"), "usd"), &v[MS_VALUE]) ||
	    unix_time(json_object_get(data, "updated_at"), &t))
		return ms_error(b->d, b->file, 0, 0, "expected {\"data\": {\"total_market_cap\": {\"usd\": …}, "
				"\"updated_at\": …}}");
	return add_bar(b, ms_day_floor(t), v, "data");
}

int ms_parse_coingecko_global(const char *file, const char *data, size_t len, const ms_csv_format *fmt,
			      ms_series **out, ms_diag *d)
{
	return drive(file, data, len, fmt, MS_COLBIT(MS_VALUE), global_body, out, d);
}
