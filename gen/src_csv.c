#include "src_csv.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "csv.h"
#include "utc.h"

/* 2024-01-11: the US spot bitcoin ETFs' first trading day. */
#define ETF_LAUNCH (19733 * (int64_t)MS_DAY)

static const ms_csv_format formats[] = {
	{ .name = "cryptoquant_ohlcv", .provider = "CryptoQuant", .time_column = "date", .step = MS_DAY,
	  .column = { "Open", "High", "Low", "Close", "Volume", NULL },
	  .convention = "spot price, all exchanges, UTC days", .metric = "price" },
	{ .name = "coinmarketcap_export", .provider = "CoinMarketCap", .time_column = "timeOpen",
	  .step = MS_DAY, .column = { "open", "high", "low", "close", "volume", "marketCap" },
	  .convention = "website export, UTC days; volume and market cap in US$", .metric = "price",
	  .volume_in_usd = 1 },
	{ .name = "binance_klines_csv", .provider = "Binance", .time_column = "open_time", .step = 3600,
	  .column = { "open", "high", "low", "close", "volume", NULL },
	  .convention = "USDT-M perpetual futures, hourly bars, prices in USDT", .metric = "price" },
	{ .name = "coinbase_candles_csv", .provider = "Coinbase", .time_column = "timestamp", .step = 3600,
	  .column = { "open", "high", "low", "close", "volume", NULL },
	  .convention = "spot, hourly bars, prices in US$", .metric = "price" },
	{ .name = "coingecko_global_mcap", .provider = "CoinGecko", .time_column = "snapped_at",
	  .time_shift = -MS_DAY, .step = MS_DAY, .column = { NULL, NULL, NULL, NULL, "total_volume", "market_cap" },
	  .convention = "total crypto market cap; the snapshot at 00:00 UTC is the previous day's value",
	  .metric = "market_cap" },
	{ .name = "farside_flows_csv", .provider = "Farside Investors", .time_column = "date", .step = MS_DAY,
	  .column = { NULL, NULL, NULL, NULL, NULL, "Total" }, .signed_value = 1,
	  .first_valid = ETF_LAUNCH, .first_valid_why = "it precedes the funds' launch on 2024-01-11",
	  .convention = "US spot ETF daily net flows, US$ millions, US trading days", .metric = "etf_flows" },
	{ .name = "cryptoquant_metric", .provider = "CryptoQuant", .time_column = "date", .step = MS_DAY,
	  .signed_value = 1, .convention = "one value per UTC day (the config names its column)" },
	{ .name = "alternative_me_fng_csv", .provider = "alternative.me", .time_column = "date",
	  .step = MS_DAY, .column = { NULL, NULL, NULL, NULL, NULL, "fng_value" }, .signed_value = 1,
	  .convention = "Crypto Fear & Greed Index, 0 (extreme fear) to 100 (extreme greed), daily",
	  .metric = "fear_greed" },
};

const ms_csv_format *ms_csv_format_find(const char *name)
{
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}

const char *ms_csv_format_names(void)
{
	return "cryptoquant_ohlcv, coinmarketcap_export, binance_klines_csv, "
	       "coinbase_candles_csv, coingecko_global_mcap, farside_flows_csv, "
	       "cryptoquant_metric, alternative_me_fng_csv";
}

static int parse_number(const ms_csv_field *f, double *v)
{
	char tmp[64];
	if (f->len == 0 || f->len >= sizeof tmp)
		return -1;
	memcpy(tmp, f->p, f->len);
	tmp[f->len] = '\0';
	char *end;
	*v = strtod(tmp, &end);
	return (*end == '\0' && isfinite(*v)) ? 0 : -1;
}

/* Maps header names to field indices; missing mapped columns are errors. */
static int map_header(const ms_csv *c, const ms_csv_format *fmt, long idx[MS_NCOL],
		      long *time_idx, ms_diag *d)
{
	*time_idx = -1;
	for (int k = 0; k < MS_NCOL; k++)
		idx[k] = -1;
	for (size_t i = 0; i < c->nfield; i++) {
		if (ms_csv_field_is(c, i, fmt->time_column))
			*time_idx = (long)i;
		for (int k = 0; k < MS_NCOL; k++)
			if (fmt->column[k] && ms_csv_field_is(c, i, fmt->column[k]))
				idx[k] = (long)i;
	}
	if (*time_idx < 0)
		return ms_error(d, c->file, c->rec_line, 0,
				"no '%s' column in the header: is this a %s file?",
				fmt->time_column, fmt->name);
	for (int k = 0; k < MS_NCOL; k++)
		if (fmt->column[k] && idx[k] < 0)
			return ms_error(d, c->file, c->rec_line, 0,
					"no '%s' column in the header: is this a %s file?",
					fmt->column[k], fmt->name);
	return 0;
}

static int check_bar(const ms_csv *c, const ms_csv_format *fmt, const double v[MS_NCOL],
		     const long idx[MS_NCOL], ms_diag *d)
{
	for (int k = 0; k < MS_NCOL; k++) {
		if (!fmt->column[k] || k == MS_VOLUME || (k == MS_VALUE && fmt->signed_value))
			continue;
		if (v[k] <= 0)
			return ms_error(d, c->file, c->rec_line, c->field[idx[k]].col,
					"%s is %g: a price or capitalisation must be positive",
					fmt->column[k], v[k]);
	}
	if (fmt->column[MS_VOLUME] && v[MS_VOLUME] < 0)
		return ms_error(d, c->file, c->rec_line, c->field[idx[MS_VOLUME]].col,
				"negative volume %g", v[MS_VOLUME]);
	if (fmt->column[MS_HIGH] && fmt->column[MS_LOW]) {
		double hi = v[MS_HIGH], lo = v[MS_LOW];
		if (hi < lo || (fmt->column[MS_OPEN] && (v[MS_OPEN] > hi || v[MS_OPEN] < lo)) ||
		    (fmt->column[MS_CLOSE] && (v[MS_CLOSE] > hi || v[MS_CLOSE] < lo)))
			return ms_error(d, c->file, c->rec_line, c->field[idx[MS_HIGH]].col,
					"inconsistent bar: high %g, low %g must bound open and close", hi, lo);
	}
	return 0;
}

int ms_load_csv(const char *file, const char *data, size_t len,
		const ms_csv_format *fmt, ms_series **out, ms_diag *d)
{
	ms_csv c;
	long idx[MS_NCOL], time_idx;
	unsigned mask = 0;
	long skipped = 0, first_skipped = 0, last_skipped = 0;
	int order = 0;            /* +1 ascending, -1 newest first, 0 unknown */
	int rc = -1;
	for (int k = 0; k < MS_NCOL; k++)
		if (fmt->column[k])
			mask |= MS_COLBIT(k);
	ms_series *s = ms_series_new(fmt->step, mask);
	*out = NULL;
	if (!s)
		return ms_error(d, file, 0, 0, "out of memory");
	if (ms_csv_open(&c, file, data, len, 0, d))
		goto done;
	int r = ms_csv_next(&c, d);
	if (r <= 0) {
		if (r == 0)
			ms_error(d, file, 0, 0, "empty file: no header, no data");
		goto done;
	}
	if (map_header(&c, fmt, idx, &time_idx, d))
		goto done;
	size_t nheader = c.nfield;
	while ((r = ms_csv_next(&c, d)) > 0) {
		if (c.nfield != nheader) {
			ms_error(d, file, c.rec_line, 0, "%zu fields where the header has %zu",
				 c.nfield, nheader);
			goto done;
		}
		const ms_csv_field *tf = &c.field[time_idx];
		int64_t t;
		if (ms_parse_time(tf->p, tf->len, &t)) {
			ms_error(d, file, c.rec_line, tf->col, "'%.*s' is not a date or time",
				 (int)(tf->len > 40 ? 40 : tf->len), tf->p);
			goto done;
		}
		t += fmt->time_shift;
		double v[MS_NCOL] = { 0 };
		int empty = 0;
		for (int k = 0; k < MS_NCOL; k++) {
			if (!fmt->column[k])
				continue;
			const ms_csv_field *f = &c.field[idx[k]];
			if (f->len == 0) {
				empty = 1;
				continue;
			}
			if (parse_number(f, &v[k])) {
				ms_error(d, file, c.rec_line, f->col,
					 "%s '%.*s' is not a finite number", fmt->column[k],
					 (int)(f->len > 40 ? 40 : f->len), f->p);
				goto done;
			}
		}
		if (empty) {
			if (!skipped++)
				first_skipped = c.rec_line;
			last_skipped = c.rec_line;
			continue;
		}
		if (check_bar(&c, fmt, v, idx, d))
			goto done;
		if (fmt->first_valid && t < fmt->first_valid) {
			char day[11];
			ms_fmt_date(t, day);
			ms_warn(d, file, c.rec_line, tf->col, "row dated %s dropped: %s", day,
				fmt->first_valid_why);
			continue;
		}
		if (s->n > 0) {
			int64_t prev = s->t[s->n - 1];
			int dir = t > prev ? 1 : t < prev ? -1 : 0;
			if (dir == 0 || (order && dir != order)) {
				char day[17];
				ms_fmt_datetime(t, day);
				ms_error(d, file, c.rec_line, tf->col, "%s time %s: rows must be in time order",
					 dir == 0 ? "duplicate" : "out-of-order", day);
				goto done;
			}
			order = dir;
		}
		if (ms_series_push(s, t, v)) {
			ms_error(d, file, c.rec_line, 0, "out of memory");
			goto done;
		}
	}
	if (r < 0)
		goto done;
	if (skipped)
		ms_warn(d, file, first_skipped, 0,
			"%ld row%s with empty cells skipped (lines %ld to %ld)", skipped,
			skipped == 1 ? "" : "s", first_skipped, last_skipped);
	if (s->n == 0) {
		ms_error(d, file, 0, 0, "no data rows after the header");
		goto done;
	}
	if (order < 0)
		ms_series_reverse(s);
	*out = s;
	s = NULL;
	rc = 0;
done:
	ms_csv_release(&c);
	ms_series_free(s);
	return rc;
}
