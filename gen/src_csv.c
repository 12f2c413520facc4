#include "src_csv.h"
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csv.h"
#include "memwatch.h"
#include "numparse.h"
#include "tz.h"
#include "utc.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* 2024-01-11: the US spot bitcoin ETFs' first trading day. */
#define ETF_LAUNCH (19733 * (int64_t)MS_DAY)

static const ms_csv_format formats[] = {
	{ .name = "cryptoquant_ohlcv", .provider = "CryptoQuant", .site = "https://cryptoquant.com/", .time_column = "date", .step = MS_DAY,
	  .column = { "Open", "High", "Low", "Close", "Volume", NULL },
	  .convention = "spot price, all exchanges, UTC days", .metric = MS_METRIC_PRICE },
	{ .name = "coinmarketcap_export", .provider = "CoinMarketCap", .site = "https://coinmarketcap.com/", .time_column = "timeOpen",
	  .step = MS_DAY, .column = { "open", "high", "low", "close", "volume", "marketCap" },
	  .convention = "website export, UTC days; volume and market cap in US$", .metric = MS_METRIC_PRICE,
	  .volume_in_usd = 1 },
	{ .name = "binance_klines_csv", .provider = "Binance", .site = "https://www.binance.com/", .quote = "USDT", .time_column = "open_time", .step = 0,
	  .column = { "open", "high", "low", "close", "volume", NULL }, .positional = 1,
	  .convention = "Binance klines (candles) by UTC open time, prices in USDT", .metric = MS_METRIC_PRICE },
	{ .name = "coinbase_candles_csv", .provider = "Coinbase", .site = "https://www.coinbase.com/", .time_column = "timestamp", .step = 3600,
	  .column = { "open", "high", "low", "close", "volume", NULL },
	  .convention = "spot, hourly bars, prices in US$", .metric = MS_METRIC_PRICE },
	{ .name = "coingecko_global_mcap", .provider = "CoinGecko", .site = "https://www.coingecko.com/", .time_column = "snapped_at",
	  .time_shift = -MS_DAY, .step = MS_DAY, .column = { NULL, NULL, NULL, NULL, "total_volume", "market_cap" },
	  .convention = "total crypto market cap; the snapshot at 00:00 UTC is the previous day's value",
	  .metric = MS_METRIC_MARKET_CAP },
	{ .name = "coingecko_export", .provider = "CoinGecko", .site = "https://www.coingecko.com/", .time_column = "snapped_at",
	  .time_shift = -MS_DAY, .step = MS_DAY, .column = { NULL, NULL, NULL, "price", "total_volume", "market_cap" },
	  .convention = "website CSV export of a coin, US$; the snapshot at 00:00 UTC is the previous day's close",
	  .metric = MS_METRIC_PRICE, .volume_in_usd = 1 },
	{ .name = "farside_flows_csv", .provider = "Farside Investors", .site = "https://farside.co.uk/", .time_column = "date", .step = MS_DAY,
	  .column = { NULL, NULL, NULL, NULL, NULL, "Total" }, .signed_value = 1,
	  .first_valid = ETF_LAUNCH, .first_valid_why = "it precedes the funds' launch on 2024-01-11",
	  .convention = "US spot ETF daily net flows, US$ millions, US trading days", .metric = MS_METRIC_ETF_FLOWS },
	{ .name = "ohlcv_csv", .provider = "CSV file", .time_column = "timestamp", .step = 0,
	  .column = { "open", "high", "low", "close", "volume", NULL },
	  .convention = "timestamp,open,high,low,close,volume; ISO-8601 UTC times; the bar length read from the data",
	  .metric = MS_METRIC_PRICE, .generic = 1 },
	{ .name = "binance_klines_json", .provider = "Binance", .site = "https://www.binance.com/", .quote = "USDT", .step = 0,
	  .column = { "open", "high", "low", "close", "volume", NULL }, .parse = ms_parse_binance_klines,
	  .convention = "klines API response (JSON), open times in ms", .metric = MS_METRIC_PRICE },
	{ .name = "yahoo_chart_json", .provider = "Yahoo Finance", .site = "https://finance.yahoo.com/", .step = MS_DAY,
	  .column = { "open", "high", "low", "close", "volume", NULL }, .parse = ms_parse_yahoo_chart,
	  .convention = "chart API response (JSON), daily bars; days with nulls skipped", .metric = MS_METRIC_PRICE },
	{ .name = "alternative_me_fng_json", .provider = "alternative.me", .site = "https://alternative.me/crypto/fear-and-greed-index/", .step = MS_DAY,
	  .column = { NULL, NULL, NULL, NULL, NULL, "value" }, .signed_value = 1, .parse = ms_parse_fng_json,
	  .convention = "Crypto Fear & Greed Index API response (JSON), newest first", .metric = MS_METRIC_FEAR_GREED },
	{ .name = "coinglass_liquidations_json", .provider = "CoinGlass", .site = "https://www.coinglass.com/", .step = MS_DAY,
	  .column = { NULL, NULL, NULL, NULL, NULL, "long" }, .signed_value = 1, .parse = ms_parse_coinglass,
	  .key_header = "CG-API-KEY", .key_env = "COINGLASS_API_KEY",
	  .convention = "liquidation history API response (JSON); value_column long or short" },
	{ .name = "coingecko_market_chart_json", .provider = "CoinGecko", .site = "https://www.coingecko.com/", .step = MS_DAY,
	  .column = { NULL, NULL, NULL, "prices", "total_volumes", "market_caps" }, .parse = ms_parse_coingecko_chart,
	  .convention = "market_chart API response (JSON), daily points; the 00:00 UTC point closes the day before",
	  .metric = MS_METRIC_PRICE },
	{ .name = "coingecko_global_json", .provider = "CoinGecko", .site = "https://www.coingecko.com/", .step = MS_DAY,
	  .column = { NULL, NULL, NULL, NULL, NULL, "total_market_cap" }, .parse = ms_parse_coingecko_global,
	  .convention = "/global API response (JSON): today's total market cap only, no history",
	  .metric = MS_METRIC_MARKET_CAP },
	{ .name = "farside_html", .provider = "Farside Investors", .site = "https://farside.co.uk/", .step = MS_DAY,
	  .column = { NULL, NULL, NULL, NULL, NULL, "Total" }, .signed_value = 1, .parse = ms_parse_farside,
	  .first_valid = ETF_LAUNCH, .first_valid_why = "it precedes the funds' launch on 2024-01-11",
	  .convention = "the ETF flow page (HTML), US$ millions, US trading days", .metric = MS_METRIC_ETF_FLOWS },
	{ .name = "csv", .provider = "CSV file", .step = 0, .signed_value = 1, .generic = 1,
	  .convention = "a CSV export; its columns named in the configuration" },
	{ .name = "cryptoquant_metric", .provider = "CryptoQuant", .site = "https://cryptoquant.com/", .time_column = "date", .step = MS_DAY,
	  .signed_value = 1, .convention = "one value per UTC day" },
	{ .name = "alternative_me_fng_csv", .provider = "alternative.me", .site = "https://alternative.me/crypto/fear-and-greed-index/", .time_column = "date",
	  .step = MS_DAY, .column = { NULL, NULL, NULL, NULL, NULL, "fng_value" }, .signed_value = 1,
	  .convention = "Crypto Fear & Greed Index, 0 (extreme fear) to 100 (extreme greed), daily",
	  .metric = MS_METRIC_FEAR_GREED },
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
	       "coinbase_candles_csv, coingecko_global_mcap, coingecko_export, farside_flows_csv, "
	       "cryptoquant_metric, alternative_me_fng_csv, ohlcv_csv, csv, binance_klines_json, "
	       "yahoo_chart_json, alternative_me_fng_json, coinglass_liquidations_json, coingecko_market_chart_json, "
	       "coingecko_global_json, farside_html";
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

/* What is wrong with a bar, in problem; returns the column it is in, or -1
 * when the bar is sound. */
static long check_bar(const ms_csv_field *field, const ms_csv_format *fmt, const double v[MS_NCOL],
		      const long idx[MS_NCOL], char *problem, size_t n)
{
	for (int k = 0; k < MS_NCOL; k++) {
		if (!fmt->column[k] || k == MS_VOLUME || (k == MS_VALUE && fmt->signed_value))
			continue;
		if (v[k] <= 0) {
			snprintf(problem, n, "%s is %g: a price or capitalisation must be positive", fmt->column[k], v[k]);
			return field[idx[k]].col;
		}
	}
	if (fmt->column[MS_VOLUME] && v[MS_VOLUME] < 0) {
		snprintf(problem, n, "negative volume %g", v[MS_VOLUME]);
		return field[idx[MS_VOLUME]].col;
	}
	if (fmt->column[MS_HIGH] && fmt->column[MS_LOW]) {
		double hi = v[MS_HIGH], lo = v[MS_LOW];
		if (hi < lo || (fmt->column[MS_OPEN] && (v[MS_OPEN] > hi || v[MS_OPEN] < lo)) ||
		    (fmt->column[MS_CLOSE] && (v[MS_CLOSE] > hi || v[MS_CLOSE] < lo))) {
			snprintf(problem, n, "inconsistent bar: high %g, low %g must bound open and close", hi, lo);
			return field[idx[MS_HIGH]].col;
		}
	}
	return -1;
}

/* 1 when the new row's values equal those of bar i. */
static int same_values(const ms_series *s, size_t i, const double v[MS_NCOL])
{
	for (int k = 0; k < MS_NCOL; k++)
		if (ms_series_has(s, k) && s->col[k][i] != v[k])
			return 0;
	return 1;
}

/* What a load knows between rows. */
typedef struct loader {
	const char *file;
	const ms_csv_format *fmt;
	ms_diag *d;
	ms_series *s;
	long idx[MS_NCOL], time_idx;
	size_t nheader;
	long skipped, first_skipped, last_skipped;
	long dropped, first_dropped, last_dropped;   /* bad rows dropped (bad_rows = skip) */
	long duplicates;          /* exact copies of the row before, dropped */
	long naive;               /* times without a zone, read as UTC */
	long last_line;           /* the line of the last row kept */
	const ms_tz *tz;          /* the zone of naive times, or NULL */
	int order;                /* +1 ascending, -1 newest first, 0 unknown */
	const char *data;         /* the start of the bytes, for done() offsets */
	const char *readable_end; /* fields lie in bytes readable up to here (NULL: no further than each field) */
	char last_date[10];       /* the date part of the last ISO time read, and its day */
	int64_t last_day;
	void (*done)(void *ctx, size_t from, size_t to);
	void *ctx;
} loader;

static int two_digits(const char *s, int max, int *v)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	*v = (s[0] - '0') * 10 + (s[1] - '0');
	return *v > max ? -1 : 0;
}

/* Minute and hour bars repeat the same date for a day's rows: when a
 * "YYYY-MM-DDTHH:MM:SSZ" has the previous row's date, only the time is
 * read. Returns -1 when the slow, general parse must do it. */
static int time_of_day_fast(loader *L, const ms_csv_field *tf, int64_t *t)
{
	const char *s = tf->p;
	int h, m, sec;
	if (tf->len != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' ||
	    memcmp(s, L->last_date, 10) || two_digits(s + 11, 23, &h) || two_digits(s + 14, 59, &m) ||
	    two_digits(s + 17, 59, &sec))
		goto slow;
	*t = L->last_day + h * 3600 + m * 60 + sec;
	return 0;
slow:
	if (tf->len == 20 && ms_parse_time(s, 10, &L->last_day) == 0)
		memcpy(L->last_date, s, 10);
	return -1;
}

/* Warnings for dropped rows known to lie outside the report's window stop
 * here (a count follows); rows inside it, or of unknown time, are each named. */
#define DROP_WARNINGS 10

/* A row that cannot be taken: fatal, or with bad_rows = skip dropped with a
 * warning. t: the row's time, or INT64_MIN when it could not be read. */
static int bad_row(loader *L, long line, long col, int64_t t, const char *fmt, ...) MS_PRINTF(5, 6);
static int bad_row(loader *L, long line, long col, int64_t t, const char *fmt, ...)
{
	char msg[320];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!L->fmt->skip_bad_rows)
		return ms_error(L->d, L->file, line, col, "%s", msg);
	int inside = t == INT64_MIN || (t >= L->fmt->window_from && t < L->fmt->window_to);
	if (!L->dropped++)
		L->first_dropped = line;
	L->last_dropped = line;
	if (inside || L->dropped <= DROP_WARNINGS)
		ms_warn(L->d, L->file, line, col, "%s: row dropped (bad_rows = skip)%s", msg,
			t == INT64_MIN ? "" : inside ? "; it lies inside the report's window" : "");
	return 0;
}

/* The row's time, as UTC: a naive local time through the source's zone.
 * Returns 0 with *t set, 1 when the row was dropped, -1 after an error. */
static int all_digits(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	return n > 0;
}

static int row_time(loader *L, const ms_csv_field *tf, long line, int64_t *t)
{
	enum ms_time_zone zone = MS_TZ_GIVEN;
	if (time_of_day_fast(L, tf, t) && ms_parse_time_zone(tf->p, tf->len, t, &zone))
		return bad_row(L, line, tf->col, INT64_MIN, "'%.*s' is not a date or time%s",
			       (int)(tf->len > 40 ? 40 : tf->len), tf->p,
			       all_digits(tf->p, tf->len) ?
			       " (a Unix time must fall between 1990 and 2100 in seconds, milliseconds or "
			       "microseconds)" : "") ? -1 : 1;
	if (zone != MS_TZ_NAIVE)
		return 0;
	if (!L->tz) {
		L->naive += !L->fmt->timezone && L->fmt->generic;
		return 0;
	}
	int64_t after = L->s->n && L->order >= 0 ? L->s->t[L->s->n - 1] - L->fmt->time_shift : INT64_MIN;
	enum ms_tz_result r = ms_tz_to_utc(L->tz, *t, after, t);
	if (r == MS_TZ_OK)
		return 0;
	return bad_row(L, line, tf->col, INT64_MIN, "local time '%.*s' %s in %s", (int)(tf->len > 40 ? 40 : tf->len),
		       tf->p, r == MS_TZ_GAP ? "does not exist (the clocks went forward)" :
		       "occurs twice (the clocks went back) and the rows' order cannot tell which", L->fmt->timezone) ?
	       -1 : 1;
}

/* One data row, from either reader: checked, then appended. */
static int take_row(loader *L, const ms_csv_field *field, size_t nfield, long line)
{
	const ms_csv_format *fmt = L->fmt;
	ms_diag *d = L->d;
	if (nfield != L->nheader)
		return bad_row(L, line, 0, INT64_MIN, "%zu fields where the header has %zu", nfield, L->nheader);
	const ms_csv_field *tf = &field[L->time_idx];
	int64_t t;
	int rt = row_time(L, tf, line, &t);
	if (rt)
		return rt < 0 ? -1 : 0;
	t += fmt->time_shift;
	double v[MS_NCOL] = { 0 };
	int empty = 0;
	for (int k = 0; k < MS_NCOL; k++) {
		if (!fmt->column[k])
			continue;
		const ms_csv_field *f = &field[L->idx[k]];
		if (f->len == 0) {
			empty = 1;
			continue;
		}
		if (ms_parse_double_in(f->p, f->len, L->readable_end ? L->readable_end : f->p + f->len, &v[k]))
			return bad_row(L, line, f->col, t, "%s '%.*s' is not a finite number", fmt->column[k],
				       (int)(f->len > 40 ? 40 : f->len), f->p);
	}
	if (empty) {
		if (!L->skipped++)
			L->first_skipped = line;
		L->last_skipped = line;
		return 0;
	}
	char problem[160];
	long col = check_bar(field, fmt, v, L->idx, problem, sizeof problem);
	if (col >= 0)
		return bad_row(L, line, col, t, "%s", problem);
	if (fmt->first_valid && t < fmt->first_valid) {
		char day[11];
		ms_fmt_date(t, day);
		ms_warn(d, L->file, line, tf->col, "row dated %s dropped: %s", day, fmt->first_valid_why);
		return 0;
	}
	ms_series *s = L->s;
	if (s->n > 0) {
		int64_t prev = s->t[s->n - 1];
		int dir = t > prev ? 1 : t < prev ? -1 : 0;
		if (dir == 0 && same_values(s, s->n - 1, v)) {
			L->duplicates++;     /* an exact copy of the row before (API exports repeat rows) */
			return 0;
		}
		if (dir == 0 || (L->order && dir != L->order)) {
			char when[17];
			ms_fmt_datetime(t, when);
			if (dir == 0)
				return ms_error(d, L->file, line, tf->col, "time %s again with other values than line %ld: "
						"conflicting rows%s", when, L->last_line, L->naive ?
						" (naive local times repeat an hour when daylight-saving time ends: set "
						"the source's timezone)" : "");
			return ms_error(d, L->file, line, tf->col, "out-of-order time %s: rows must be in time order%s",
					when, L->naive ? " (naive local times go back an hour when daylight-saving time "
					"ends: set the source's timezone)" : "");
		}
		L->order = dir;
	}
	if (ms_series_push(s, t, v))
		return ms_error(d, L->file, line, 0, "out of memory");
	L->last_line = line;
	return 0;
}

/* Where the delimiters and newlines are, 64 bytes at a time (SSE2 compares
 * where there is SSE2), taken one by one from a bit mask. */
typedef struct seps {
	const char *base;
	size_t len, block;       /* block: the offset of the 64 bytes bits describes */
	uint64_t bits;           /* separators in the block not yet taken */
	char delim;
} seps;

static uint64_t sep_mask(const char *p, size_t n, char delim)
{
#if defined(__SSE2__)
	if (n == 64) {
		__m128i d = _mm_set1_epi8(delim), nl = _mm_set1_epi8('\n');
		uint64_t m = 0;
		for (int k = 0; k < 4; k++) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
			m |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, d),
										 _mm_cmpeq_epi8(x, nl))) << (16 * k);
		}
		return m;
	}
#endif
	uint64_t m = 0;
	for (size_t i = 0; i < n; i++)
		m |= (uint64_t)(p[i] == delim || p[i] == '\n') << i;
	return m;
}

static void seps_init(seps *s, const char *p, const char *end, char delim)
{
	*s = (seps){ p, (size_t)(end - p), 0, 0, delim };
	s->bits = sep_mask(p, s->len < 64 ? s->len : 64, delim);
}

/* The next delimiter or newline, or the end. */
static const char *next_sep(seps *s)
{
	while (!s->bits) {
		s->block += 64;
		if (s->block >= s->len)
			return s->base + s->len;
		size_t n = s->len - s->block;
		s->bits = sep_mask(s->base + s->block, n < 64 ? n : 64, s->delim);
	}
	const char *q = s->base + s->block + __builtin_ctzll(s->bits);
	s->bits &= s->bits - 1;
	return q;
}

/* Files without a quote character (most machine exports) are split at the
 * separators, field pointers straight into the bytes: no per-field work but
 * the number itself. The first FAST_FIELDS fields are kept (the columns
 * read must lie among them: fast_fits), the rest only counted. */
enum { FAST_FIELDS = 64 };

static int fast_fits(const loader *L)
{
	int fits = L->time_idx < FAST_FIELDS;
	for (int k = 0; k < MS_NCOL; k++)
		fits &= L->idx[k] < FAST_FIELDS;
	return fits;
}

static int fast_rows(loader *L, const char *p, const char *end, long line, char delim)
{
	ms_csv_field field[FAST_FIELDS];
	const char *reported = p;
	seps sc;
	seps_init(&sc, p, end, delim);
	L->readable_end = end;
	while (p < end) {
		if (L->done && p - reported > (16 << 20)) {
			L->done(L->ctx, (size_t)(reported - L->data), (size_t)(p - L->data));
			reported = p;
		}
		/* fields end at the delimiter or the line's end */
		size_t nf = 0;
		const char *f = p, *q;
		for (;;) {
			q = next_sep(&sc);
			const char *fe = q > f && q[-1] == '\r' && (q == end || *q == '\n') ? q - 1 : q;
			if (nf < FAST_FIELDS)
				field[nf] = (ms_csv_field){ f, (size_t)(fe - f), (long)(f - p) + 1 };
			nf++;
			if (q == end || *q == '\n')
				break;
			f = q + 1;
		}
		if (!(nf == 1 && field[0].len == 0) && take_row(L, field, nf, line))
			return -1;
		line++;
		p = q < end ? q + 1 : end;
	}
	return 0;
}

/* Big quote-free files are read by two threads, each half straight into
 * its own part of the columns (the first half from row 0, the second from
 * the middle of the room reserved), the gap between closed at the end.
 * Anything to report (an error, a skipped row, a half that outgrows its
 * room) sends the file back to one thread, whose messages carry the right
 * lines. Returns 1 when the rows were read, 0 when the caller must read them. */
typedef struct half {
	loader L;
	ms_series part;          /* a window into the caller's columns */
	ms_diag quiet;
	const char *p, *end;
	long line;
	char delim;
	int rc;
} half;

static void *read_half(void *arg)
{
	half *h = arg;
	/* a quote sends the file to the general reader: looked for here, on
	 * both threads, rather than over the whole file before the split */
	h->rc = memchr(h->p, '"', (size_t)(h->end - h->p)) ? -1 : fast_rows(&h->L, h->p, h->end, h->line, h->delim);
	ms_nomem_collect(&h->quiet);
	return NULL;
}

static int parallel_rows(loader *L, const char *p, const char *end, long line, char delim)
{
	size_t len = (size_t)(end - p);
	const char *mid = len >= (32u << 20) ? memchr(p + len / 2, '\n', len - len / 2) : NULL;
	ms_series *a = L->s;
	if (!mid || a->cap < 1024 || L->tz || !fast_fits(L))    /* local times are resolved in row order */
		return 0;
	mid++;
	size_t second = a->cap / 2;      /* where the second half's rows start */
	half h[2];
	for (int k = 0; k < 2; k++) {
		h[k].L = *L;
		h[k].part = *a;      /* the first half after any row already read */
		h[k].part.borrowed = 1;
		h[k].L.s = &h[k].part;
		ms_diag_init(&h[k].quiet, NULL);
		h[k].L.d = &h[k].quiet;
		h[k].delim = delim;
		h[k].rc = 0;
	}
	h[0].p = p;
	h[0].end = mid;
	h[0].line = line;
	h[0].part.cap = second;
	h[1].p = mid;
	h[1].end = end;
	h[1].line = 0;           /* not known yet: only a clean read is kept */
	h[1].part.n = 0;
	h[1].part.cap = a->cap - second;
	h[1].part.t = a->t + second;
	for (int c = 0; c < MS_NCOL; c++)
		if (ms_series_has(a, c))
			h[1].part.col[c] = a->col[c] + second;
	pthread_t tid;
	int threaded = pthread_create(&tid, NULL, read_half, &h[1]) == 0;
	read_half(&h[0]);
	if (threaded)
		pthread_join(tid, NULL);
	else
		read_half(&h[1]);
	L->d->nomem += h[0].quiet.nomem + h[1].quiet.nomem;
	size_t n0 = h[0].part.n, n1 = h[1].part.n;
	/* rows skipped, dropped or repeated are counted with their lines: one thread reads again */
	int clean = !h[0].rc && !h[1].rc && !h[0].quiet.count[MS_WARNING] && !h[0].quiet.count[MS_ERROR] &&
		    !h[1].quiet.count[MS_WARNING] && !h[1].quiet.count[MS_ERROR];
	for (int k = 0; k < 2; k++)
		clean &= !h[k].L.skipped && !h[k].L.dropped && !h[k].L.duplicates;
	int order = h[0].L.order ? h[0].L.order : h[1].L.order;
	if (clean && n0 && n1) {
		int64_t gap = a->t[second] - a->t[n0 - 1];
		int dir = gap > 0 ? 1 : gap < 0 ? -1 : 0;
		clean = dir && (!h[0].L.order || h[0].L.order == dir) && (!h[1].L.order || h[1].L.order == dir);
		order = dir;
	}
	if (clean) {
		memmove(a->t + n0, a->t + second, n1 * sizeof *a->t);
		for (int c = 0; c < MS_NCOL; c++)
			if (ms_series_has(a, c))
				memmove(a->col[c] + n0, a->col[c] + second, n1 * sizeof *a->col[c]);
		a->n = n0 + n1;
		L->order = order;
		L->naive += h[0].L.naive + h[1].L.naive;
	}
	return clean;            /* else a->n is unchanged: read again, on one thread, for exact messages */
}

int ms_load_csv(const char *file, const char *data, size_t len,
		const ms_csv_format *fmt, ms_series **out, ms_diag *d)
{
	return ms_load_csv_ex(file, data, len, fmt, out, d, NULL, NULL);
}

int ms_load_csv_ex(const char *file, const char *data, size_t len, const ms_csv_format *fmt,
		   ms_series **out, ms_diag *d, void (*done)(void *ctx, size_t from, size_t to), void *ctx)
{
	ms_csv c;
	loader L = { .file = file, .fmt = fmt, .d = d, .data = data, .done = done, .ctx = ctx };
	unsigned mask = 0;
	int rc = -1;
	for (int k = 0; k < MS_NCOL; k++)
		if (fmt->column[k])
			mask |= MS_COLBIT(k);
	L.s = ms_series_new(fmt->step, mask);
	*out = NULL;
	if (!L.s)
		return ms_error(d, file, 0, 0, "out of memory");
	ms_tz *tz = NULL;
	if (fmt->timezone && strcmp(fmt->timezone, "UTC") && !(L.tz = tz = ms_tz_load(fmt->timezone, file, 0, d))) {
		ms_series_free(L.s);
		return -1;
	}
	if (ms_csv_open(&c, file, data, len, 0, d))
		goto done;
	int r = ms_csv_next(&c, d);
	if (r <= 0) {
		if (r == 0)
			ms_error(d, file, 0, 0, "empty file: no header, no data");
		goto done;
	}
	int64_t first_time;
	int headerless = fmt->positional && c.nfield >= 6 && c.field[0].len &&
			 ms_parse_time(c.field[0].p, c.field[0].len, &first_time) == 0;
	if (headerless) {
		/* Binance's newer dumps have no header: the kline fields in their order */
		L.time_idx = 0;
		for (int k = 0; k < MS_NCOL; k++)
			L.idx[k] = fmt->column[k] ? (long)k + 1 : -1;
	} else if (map_header(&c, fmt, L.idx, &L.time_idx, d)) {
		goto done;
	}
	L.nheader = c.nfield;
	if (headerless && take_row(&L, c.field, c.nfield, c.rec_line))
		goto done;
	/* rows of the first row's length tell how many to make room for, and a
	 * quarter more for longer ones (room never used costs no memory) */
	const char *first_nl = memchr(c.pos, '\n', (size_t)(c.end - c.pos));
	if (first_nl && first_nl > c.pos)
		ms_series_reserve(L.s, (size_t)(c.end - c.pos) / (size_t)(first_nl - c.pos + 1) / 4 * 5 + 16);
	if (!parallel_rows(&L, c.pos, c.end, c.line, c.delim)) {
		if (fast_fits(&L) && !memchr(c.pos, '"', (size_t)(c.end - c.pos))) {
			if (fast_rows(&L, c.pos, c.end, c.line, c.delim))
				goto done;
		} else {
			while ((r = ms_csv_next(&c, d)) > 0)
				if (take_row(&L, c.field, c.nfield, c.rec_line))
					goto done;
			if (r < 0)
				goto done;
		}
	}
	if (L.skipped)
		ms_warn(d, file, L.first_skipped, 0, "%ld row%s with empty cells skipped (lines %ld to %ld)",
			L.skipped, L.skipped == 1 ? "" : "s", L.first_skipped, L.last_skipped);
	if (L.dropped)
		ms_warn(d, file, L.first_dropped, 0, "%ld bad row%s dropped (bad_rows = skip; lines %ld to %ld)%s",
			L.dropped, L.dropped == 1 ? "" : "s", L.first_dropped, L.last_dropped,
			L.dropped > DROP_WARNINGS ? "; rows outside the window past the first ten are not named" : "");
	if (L.duplicates)
		ms_warn(d, file, 0, 0, "%ld exact duplicate row%s dropped", L.duplicates, L.duplicates == 1 ? "" : "s");
	if (L.naive)
		ms_warn(d, file, 0, 0, "the times carry no zone: read as UTC (if they are local times, set the "
			"source's timezone, e.g. timezone = America/New_York)");
	/* a header and no rows is a source with no data yet (a file cut at an
	 * early date): the build leaves it out with a note, or fails if it is
	 * the primary */
	if (L.s->n == 0)
		ms_warn(d, file, 0, 0, "no data rows after the header");
	if (L.order < 0)
		ms_series_reverse(L.s);
	if (!L.s->step)   /* a format that leaves the bar length to the data */
		L.s->step = L.s->n > 1 ? L.s->t[1] - L.s->t[0] : MS_DAY;
	*out = L.s;
	L.s = NULL;
	rc = 0;
done:
	ms_csv_release(&c);
	ms_series_free(L.s);
	ms_tz_free(tz);
	return rc;
}

int ms_load_source(const char *file, const char *data, size_t len, const ms_csv_format *fmt,
		   ms_series **out, ms_diag *d)
{
	return fmt->parse ? fmt->parse(file, data, len, fmt, out, d) : ms_load_csv(file, data, len, fmt, out, d);
}
