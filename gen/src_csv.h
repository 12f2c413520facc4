/* CSV sources: a column map per provider export turns a CSV into a series.
 * Bytes in, series out: no I/O here, so every format can be fuzzed. */
#ifndef MS_SRC_CSV_H
#define MS_SRC_CSV_H
#include <stddef.h>
#include <stdint.h>
#include "diag.h"
#include "series.h"
#include "metric.h"

struct ms_series;

typedef struct ms_csv_format {
	const char *name;            /* as named in a config: "cryptoquant_ohlcv" */
	const char *provider;        /* for provenance: "CryptoQuant" */
	const char *site;            /* the provider's home page, linked from the report; NULL for a generic file */
	const char *time_column;
	int64_t time_shift;          /* added to every time (CoinGecko snapshots) */
	int64_t step;
	const char *column[MS_NCOL]; /* header name per column, NULL when absent */
	int signed_value;            /* MS_VALUE may be negative or zero (flows) */
	int64_t first_valid;         /* rows before this time are dropped, loudly (0: none) */
	const char *first_valid_why;
	const char *convention;      /* what a reader must know, for the report */
	ms_metric metric;            /* what the series measures unless a config says */
	int volume_in_usd;           /* volume is in US$ rather than in coins */
	const char *quote;           /* the currency prices are quoted in when not US$ ("USDT"), or NULL */
	int positional;              /* files may come without a header: the time in the first
	                                field, the columns after it in MS_OPEN … MS_VOLUME order */
	int generic;                 /* a user's own export (csv, ohlcv_csv): its times' zone is not known */
	/* the source's policies (from its config): drop malformed rows with a
	 * warning instead of failing; the zone of naive local times */
	int skip_bad_rows;
	const char *timezone;
	int64_t window_from, window_to;   /* the report's window: a row dropped inside it is always named */
	/* an API that wants a key: the request header, and the environment
	 * variable it is read from unless the config names another */
	const char *key_header, *key_env;
	/* a format that is not CSV has a parser of its own (src_json.c, src_farside.c) */
	int (*parse)(const char *file, const char *data, size_t len, const struct ms_csv_format *fmt,
		     struct ms_series **out, ms_diag *d);
} ms_csv_format;

/* The built-in format named name, or NULL. */
const ms_csv_format *ms_csv_format_find(const char *name);
/* Lists the names of the built-in formats, comma-separated (static text). */
const char *ms_csv_format_names(void);

/* Parses data (len bytes of the file named file) into a new series.
 * Rows may be oldest- or newest-first; the series is always ascending.
 * Rows with empty cells are skipped with one warning; a malformed row is an
 * error naming file, line and column. *out is owned by the caller. */
int ms_load_csv(const char *file, const char *data, size_t len,
		const ms_csv_format *fmt, ms_series **out, ms_diag *d);
/* The same, telling done(ctx, from, to) now and then which bytes have been
 * consumed, so a caller can give back memory it no longer needs. done may
 * be called from two threads at once (for different ranges). */
int ms_load_csv_ex(const char *file, const char *data, size_t len, const ms_csv_format *fmt,
		   ms_series **out, ms_diag *d, void (*done)(void *ctx, size_t from, size_t to), void *ctx);

/* The parsers of the formats that are not CSV (same contract as ms_load_csv). */
int ms_parse_binance_klines(const char *file, const char *data, size_t len, const ms_csv_format *fmt,
			    ms_series **out, ms_diag *d);
int ms_parse_fng_json(const char *file, const char *data, size_t len, const ms_csv_format *fmt,
		      ms_series **out, ms_diag *d);
int ms_parse_yahoo_chart(const char *file, const char *data, size_t len, const ms_csv_format *fmt,
			 ms_series **out, ms_diag *d);
int ms_parse_coinglass(const char *file, const char *data, size_t len, const ms_csv_format *fmt,
		       ms_series **out, ms_diag *d);
int ms_parse_coingecko_chart(const char *file, const char *data, size_t len, const ms_csv_format *fmt,
			     ms_series **out, ms_diag *d);
int ms_parse_coingecko_global(const char *file, const char *data, size_t len, const ms_csv_format *fmt,
			      ms_series **out, ms_diag *d);
int ms_parse_farside(const char *file, const char *data, size_t len, const ms_csv_format *fmt,
		     ms_series **out, ms_diag *d);
/* Parses data in fmt, whatever it is (CSV or not). */
int ms_load_source(const char *file, const char *data, size_t len, const ms_csv_format *fmt,
		   ms_series **out, ms_diag *d);

#endif
