#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "src_csv.h"
#include "test.h"
#include "utc.h"

static ms_series *load(const char *fmt, const char *text, capture *cap)
{
	ms_series *s = NULL;
	if (ms_load_csv("f.csv", text, strlen(text), ms_csv_format_find(fmt), &s, &cap->d))
		return NULL;
	return s;
}

static void cryptoquant_skips_empty_rows(void)
{
	capture cap;
	capture_start(&cap);
	ms_series *s = load("cryptoquant_ohlcv",
			    "date,Open,High,Low,Close,Volume\n"
			    "2009-01-03,,,,,0.0\n"
			    "2009-01-04,,,,,0.0\n"
			    "2024-01-01,42280.2,44184.1,42180.7,44183.4,20000.5\n"
			    "2024-01-02,44183.4,45879.6,44148.3,44943.6,31000\n", &cap);
	CHECK(s && s->n == 2);
	CHECK(s && s->t[0] == ms_days_from_civil(2024, 1, 1) * MS_DAY);
	CHECK(s && s->col[MS_HIGH][1] == 45879.6 && s->col[MS_CLOSE][0] == 44183.4);
	CHECK(strstr(capture_text(&cap), "f.csv:2: warning: 2 rows with empty cells skipped (lines 2 to 3)"));
	ms_series_free(s);
	capture_end(&cap);
}

/* a header without rows is a source with no data yet: an empty series and a
 * warning (a build leaves it out, or fails when it is the primary) */
static void header_only_is_empty(void)
{
	capture cap;
	capture_start(&cap);
	ms_series *s = load("cryptoquant_ohlcv", "date,Open,High,Low,Close,Volume\n", &cap);
	CHECK(s && s->n == 0);
	CHECK(strstr(capture_text(&cap), "f.csv: warning: no data rows after the header"));
	ms_series_free(s);
	capture_end(&cap);
}

static void coinmarketcap_newest_first(void)
{
	capture cap;
	capture_start(&cap);
	ms_series *s = load("coinmarketcap_export",
			    "\xEF\xBB\xBFtimeOpen;timeClose;timeHigh;timeLow;name;open;high;low;close;volume;marketCap;circulatingSupply;timestamp\n"
			    "\"2026-02-06T00:00:00.000Z\";\"x\";\"x\";\"x\";\"2781\";62704.45;71681.31;60074.20;70555.39;1;2;3;\"x\"\n"
			    "\"2026-02-05T00:00:00.000Z\";\"x\";\"x\";\"x\";\"2781\";73016.37;73161.55;62353.54;62702.10;1;2;3;\"x\"\n",
			    &cap);
	CHECK(s && s->n == 2);
	/* the series is ascending whatever the file's order */
	CHECK(s && s->t[0] < s->t[1] && s->col[MS_CLOSE][0] == 62702.10 && s->col[MS_LOW][1] == 60074.20);
	CHECK(s && s->col[MS_VALUE][0] == 2);
	CHECK(cap.d.count[MS_WARNING] == 0);
	ms_series_free(s);
	capture_end(&cap);
}

static void farside_bogus_first_row(void)
{
	capture cap;
	capture_start(&cap);
	ms_series *s = load("farside_flows_csv",
			    "date,IBIT,GBTC,Total\n"
			    "2024-01-01,111.7,-95.1,655.3\n"
			    "2024-01-11,111.7,-95.1,655.3\n"
			    "2024-01-12,386.0,-484.1,-203.0\n", &cap);
	CHECK(s && s->n == 2);
	CHECK(s && s->col[MS_VALUE][1] == -203.0);   /* outflows keep their sign */
	CHECK(strstr(capture_text(&cap), "f.csv:2:1: warning: row dated 2024-01-01 dropped"));
	ms_series_free(s);
	capture_end(&cap);
}

/* Binance's dumps: milliseconds with a header, microseconds without one. */
static void binance_dumps(void)
{
	capture cap;
	capture_start(&cap);
	ms_series *a = load("binance_klines_csv",
			    "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n"
			    "1760097600000,121493.20,121638.70,121353.70,121534.80,1997.407,1760101199999,1,1,1,1,0\n"
			    "1760101200000,121534.80,122497.00,121313.60,121609.10,11634.251,1760104799999,1,1,1,1,0\n", &cap);
	ms_series *b = load("binance_klines_csv",
			    "1760097600000000,121493.20,121638.70,121353.70,121534.80,1997.407,1760101199999999,1,1,1,1,0\n"
			    "1760101200000000,121534.80,122497.00,121313.60,121609.10,11634.251,1760104799999999,1,1,1,1,0\n", &cap);
	CHECK(a && b && a->n == 2 && b->n == 2 && a->step == 3600 && b->step == 3600);
	CHECK(a && b && a->t[1] == b->t[1] && b->t[0] == 1760097600 && b->col[MS_HIGH][1] == 122497.00);
	CHECK(cap.d.count[MS_ERROR] == 0);
	ms_series_free(a);
	ms_series_free(b);
	capture_end(&cap);
}

static void coingecko_snapshot_is_previous_day(void)
{
	capture cap;
	capture_start(&cap);
	ms_series *s = load("coingecko_global_mcap",
			    "snapped_at,market_cap,total_volume\n1704067200000,1724556588113.7183,60122600330.89368\n",
			    &cap);
	CHECK(s && s->t[0] == ms_days_from_civil(2023, 12, 31) * MS_DAY);
	ms_series_free(s);
	capture_end(&cap);
}

static void expect_error(const char *fmt, const char *text, const char *msg)
{
	capture cap;
	capture_start(&cap);
	ms_series *s = load(fmt, text, &cap);
	CHECK(s == NULL);
	check_message(&cap, msg);
	ms_series_free(s);
	capture_end(&cap);
}

static void bad_rows_are_errors(void)
{
	const char *h = "date,Open,High,Low,Close,Volume\n";
	char buf[512];
	snprintf(buf, sizeof buf, "%s2024-01-01,1,2,1,1.5,1\n2024-01-01,1,2,1,1.6,1\n", h);
	expect_error("cryptoquant_ohlcv", buf,
		     "f.csv:3:1: error: time 2024-01-01 00:00 again with other values than line 2: conflicting rows");
	snprintf(buf, sizeof buf, "%s2024-01-01,1,2,1,1.5,1\n2024-01-03,1,2,1,1.5,1\n2024-01-02,1,2,1,1.5,1\n", h);
	expect_error("cryptoquant_ohlcv", buf, "f.csv:4:1: error: out-of-order time");
	snprintf(buf, sizeof buf, "%s2024-01-01,1,1,2,1.5,1\n", h);
	expect_error("cryptoquant_ohlcv", buf, "f.csv:2:14: error: inconsistent bar");
	snprintf(buf, sizeof buf, "%s2024-01-01,1,2,1,abc,1\n", h);
	expect_error("cryptoquant_ohlcv", buf, "f.csv:2:18: error: Close 'abc' is not a finite number");
	snprintf(buf, sizeof buf, "%s2024-01-01,1,2,1,nan,1\n", h);
	expect_error("cryptoquant_ohlcv", buf, "is not a finite number");
	snprintf(buf, sizeof buf, "%s2024-01-01,0,2,0,1,1\n", h);
	expect_error("cryptoquant_ohlcv", buf, "f.csv:2:12: error: Open is 0: a price or capitalisation must be positive");
	snprintf(buf, sizeof buf, "%s2024-01-01,1,2,1\n", h);
	expect_error("cryptoquant_ohlcv", buf, "f.csv:2: error: 4 fields where the header has 6");
	expect_error("cryptoquant_ohlcv", "date,Open,High,Low,Volume\n", "f.csv:1: error: no 'Close' column");
	expect_error("cryptoquant_ohlcv", "", "f.csv: error: empty file");
	snprintf(buf, sizeof buf, "%s01/02/2024,1,2,1,1.5,1\n", h);
	expect_error("cryptoquant_ohlcv", buf, "f.csv:2:1: error: '01/02/2024' is not a date or time");
}

/* A file big enough for two threads: every value read back exactly, and a
 * bad row in the second half still named with its own line. */
static void big_file_two_threads(void)
{
	const size_t rows = 600000;
	ms_buf b;
	ms_buf_init(&b, 0);
	ms_buf_puts(&b, "timestamp,open,high,low,close,volume\n");
	int64_t t0 = ms_days_from_civil(2020, 1, 1) * MS_DAY;
	for (size_t i = 0; i < rows; i++) {
		char when[17];
		ms_fmt_datetime(t0 + (int64_t)i * 60, when);
		when[10] = 'T';
		double c = 1000 + (double)(i % 997) / 1000;
		ms_buf_printf(&b, "%s:00Z,%.6f,%.6f,%.6f,%.6f,%.6f\n", when, c, c + 1, c - 1, c, (double)i / 7);
	}
	CHECK(b.len > (32u << 20));
	capture cap;
	capture_start(&cap);
	ms_series *s = NULL;
	CHECK(ms_load_csv("big.csv", b.data, b.len, ms_csv_format_find("ohlcv_csv"), &s, &cap.d) == 0);
	CHECK(s && s->n == rows && s->step == 60);
	int exact = 1;
	for (size_t i = 0; s && i < rows; i += 997) {
		char num[32];
		snprintf(num, sizeof num, "%.6f", (double)i / 7);
		exact &= s->t[i] == t0 + (int64_t)i * 60 && s->col[MS_VOLUME][i] == strtod(num, NULL);
	}
	CHECK(exact);
	ms_series_free(s);
	capture_end(&cap);
	/* line 500001 holds a bad number: in the second half */
	char *line = b.data;
	for (int k = 0; k < 500000; k++)
		line = strchr(line, '\n') + 1;
	char *comma = strchr(line, ',');
	memcpy(comma + 1, "x", 1);
	capture_start(&cap);
	s = NULL;
	CHECK(ms_load_csv("big.csv", b.data, b.len, ms_csv_format_find("ohlcv_csv"), &s, &cap.d) == -1);
	CHECK(strstr(capture_text(&cap), "big.csv:500001:22: error: open 'x") != NULL);
	ms_series_free(s);
	capture_end(&cap);
	/* a first row over twice as long as the rest: the room reserved from it
	 * is too small for either half, and the file is read again, whole */
	memcpy(comma + 1, "1", 1);
	ms_buf c;
	ms_buf_init(&c, 0);
	const char *first = strchr(b.data, '\n') + 1, *second = strchr(first, '\n') + 1;
	ms_buf_append(&c, b.data, (size_t)(second - b.data) - 1);
	ms_buf_printf(&c, "%0100d\n", 0);
	ms_buf_append(&c, second, b.len - (size_t)(second - b.data));
	capture_start(&cap);
	s = NULL;
	CHECK(ms_load_csv("long_first.csv", c.data, c.len, ms_csv_format_find("ohlcv_csv"), &s, &cap.d) == 0);
	CHECK(s && s->n == rows && s->t[rows - 1] == t0 + (int64_t)(rows - 1) * 60);
	CHECK(s && s->col[MS_VOLUME][0] == 0 && s->col[MS_VOLUME][rows - 1] == strtod("85714.142857", NULL));
	ms_series_free(s);
	capture_end(&cap);
	ms_buf_release(&c);
	ms_buf_release(&b);
}

/* ---- data as it comes: the source's policies ---- */

static ms_series *load_with(ms_csv_format f, const char *text, capture *cap)
{
	ms_series *s = NULL;
	if (ms_load_csv("f.csv", text, strlen(text), &f, &s, &cap->d))
		return NULL;
	return s;
}

/* bad_rows = skip: each bad row dropped with a warning and counted; one
 * inside the report's window is always named as such */
static void skip_bad_rows(void)
{
	capture cap;
	capture_start(&cap);
	ms_csv_format f = *ms_csv_format_find("cryptoquant_ohlcv");
	f.skip_bad_rows = 1;
	f.window_from = ms_days_from_civil(2024, 1, 3) * MS_DAY;
	f.window_to = ms_days_from_civil(2024, 2, 1) * MS_DAY;
	ms_series *s = load_with(f, "date,Open,High,Low,Close,Volume\n"
				 "2023-06-01,1,1,2,1.5,1\n"        /* high below low: outside the window */
				 "2024-01-01,1,2,1,1.5,1\n"
				 "2024-01-02,1,2,1,abc,1\n"
				 "2024-01-03,1,2,1,1.5\n"          /* a field short, time unknown */
				 "2024-01-04,1,1,2,1.5,1\n"        /* inside the window */
				 "2024-01-05,1,2,1,1.5,1\n", &cap);
	CHECK(s && s->n == 2);
	CHECK(s && s->t[1] == ms_days_from_civil(2024, 1, 5) * MS_DAY);
	const char *t = capture_text(&cap);
	CHECK(strstr(t, "f.csv:2:14: warning: inconsistent bar: high 1, low 2 must bound open and close: row dropped "
			"(bad_rows = skip)\n"));
	CHECK(strstr(t, "f.csv:4:18: warning: Close 'abc' is not a finite number: row dropped (bad_rows = skip)\n"));
	CHECK(strstr(t, "f.csv:5: warning: 5 fields where the header has 6: row dropped (bad_rows = skip)\n"));
	CHECK(strstr(t, "f.csv:6:14: warning: inconsistent bar: high 1, low 2 must bound open and close: row dropped "
			"(bad_rows = skip); it lies inside the report's window"));
	CHECK(strstr(t, "f.csv:2: warning: 4 bad rows dropped (bad_rows = skip; lines 2 to 6)"));
	ms_series_free(s);
	/* the default policy: the first bad row is fatal */
	f.skip_bad_rows = 0;
	CHECK(load_with(f, "date,Open,High,Low,Close,Volume\n2023-06-01,1,1,2,1.5,1\n", &cap) == NULL);
	CHECK(strstr(capture_text(&cap), "f.csv:2:14: error: inconsistent bar"));
	capture_end(&cap);
}

/* exact copies of a row are dropped with a count; a time repeated with
 * other values is an error */
static void duplicate_rows(void)
{
	capture cap;
	capture_start(&cap);
	const char *h = "date,Open,High,Low,Close,Volume\n";
	char buf[512];
	snprintf(buf, sizeof buf, "%s2024-01-01,1,2,1,1.5,1\n2024-01-01,1,2,1,1.5,1\n2024-01-02,1,2,1,1.5,1\n"
		 "2024-01-02,1,2,1,1.5,1\n2024-01-03,1,2,1,1.5,1\n", h);
	ms_series *s = load("cryptoquant_ohlcv", buf, &cap);
	CHECK(s && s->n == 3);
	CHECK(strstr(capture_text(&cap), "f.csv: warning: 2 exact duplicate rows dropped"));
	ms_series_free(s);
	capture_end(&cap);
}

/* ISO times with an offset are converted to UTC */
static void offsets_to_utc(void)
{
	capture cap;
	capture_start(&cap);
	ms_series *s = load("ohlcv_csv", "timestamp,open,high,low,close,volume\n"
			    "2024-03-09T19:00:00-05:00,1,2,1,1.5,1\n"      /* 00:00Z on the 10th */
			    "2024-03-10T02:00:00+01:00,1,2,1,1.5,1\n"      /* 01:00Z */
			    "2024-03-10T02:00:00+0000,1,2,1,1.5,1\n"       /* 02:00Z */
			    "2024-03-10T05:30:00+02:30,1,2,1,1.5,1\n", &cap);   /* 03:00Z */
	int64_t d10 = ms_days_from_civil(2024, 3, 10) * MS_DAY;
	CHECK(s && s->n == 4);
	CHECK(s && s->t[0] == d10 && s->t[1] == d10 + 3600 && s->t[2] == d10 + 7200 && s->t[3] == d10 + 10800);
	CHECK(cap.d.count[MS_WARNING] == 0);      /* times with a zone are not naive */
	ms_series_free(s);
	capture_end(&cap);
}

/* naive local times through the source's zone, across both changes of
 * daylight-saving time in New York (10 March and 3 November 2024) */
static void local_times_in_a_zone(void)
{
	capture cap;
	capture_start(&cap);
	ms_csv_format f = *ms_csv_format_find("ohlcv_csv");
	f.timezone = "America/New_York";
	ms_series *s = load_with(f, "timestamp,open,high,low,close,volume\n"
				 "2024-03-10 00:00,1,2,1,1.5,1\n"     /* EST, UTC−5: 05:00Z */
				 "2024-03-10 01:00,1,2,1,1.5,1\n"     /* 06:00Z */
				 "2024-03-10 03:00,1,2,1,1.5,1\n"     /* EDT, UTC−4: 07:00Z, one hour later */
				 "2024-11-03 00:00,1,2,1,1.5,1\n"     /* EDT: 04:00Z */
				 "2024-11-03 01:00,1,2,1,1.5,1\n"     /* the first 01:00, EDT: 05:00Z */
				 "2024-11-03 01:00,1,2,1,1.6,1\n"     /* the second, EST: 06:00Z */
				 "2024-11-03 02:00,1,2,1,1.5,1\n", &cap);   /* EST: 07:00Z */
	int64_t m10 = ms_days_from_civil(2024, 3, 10) * MS_DAY, n3 = ms_days_from_civil(2024, 11, 3) * MS_DAY;
	CHECK(s && s->n == 7);
	if (s && s->n == 7) {
		CHECK(s->t[0] == m10 + 5 * 3600 && s->t[1] == m10 + 6 * 3600 && s->t[2] == m10 + 7 * 3600);
		CHECK(s->t[3] == n3 + 4 * 3600 && s->t[4] == n3 + 5 * 3600 && s->t[5] == n3 + 6 * 3600 &&
		      s->t[6] == n3 + 7 * 3600);
	}
	CHECK(cap.d.count[MS_WARNING] == 0);
	ms_series_free(s);
	/* a time the clocks skipped */
	CHECK(load_with(f, "timestamp,open,high,low,close,volume\n2024-03-10 02:30,1,2,1,1.5,1\n", &cap) == NULL);
	CHECK(strstr(capture_text(&cap), "f.csv:2:1: error: local time '2024-03-10 02:30' does not exist (the clocks "
					 "went forward) in America/New_York"));
	/* without a zone, naive times are read as UTC, with a word; across the
	 * change back the repeated hour is an error that says why */
	s = load("ohlcv_csv", "timestamp,open,high,low,close,volume\n2024-11-03 00:00,1,2,1,1.5,1\n"
		 "2024-11-03 01:00,1,2,1,1.5,1\n", &cap);
	CHECK(s && s->t[0] == n3);
	CHECK(strstr(capture_text(&cap), "f.csv: warning: the times carry no zone: read as UTC"));
	ms_series_free(s);
	CHECK(load("ohlcv_csv", "timestamp,open,high,low,close,volume\n2024-11-03 01:00,1,2,1,1.5,1\n"
		   "2024-11-03 01:00,1,2,1,1.6,1\n", &cap) == NULL);
	CHECK(strstr(capture_text(&cap), "conflicting rows (naive local times repeat an hour when daylight-saving time "
					 "ends: set the source's timezone)"));
	capture_end(&cap);
}

const ms_test src_tests[] = {
	{ "src/cryptoquant_skips_empty_rows", cryptoquant_skips_empty_rows },
	{ "src/header_only_is_empty", header_only_is_empty },
	{ "src/coinmarketcap_newest_first", coinmarketcap_newest_first },
	{ "src/farside_bogus_first_row", farside_bogus_first_row },
	{ "src/coingecko_snapshot_is_previous_day", coingecko_snapshot_is_previous_day },
	{ "src/binance_dumps", binance_dumps },
	{ "src/bad_rows_are_errors", bad_rows_are_errors },
	{ "src/big_file_two_threads", big_file_two_threads },
	{ "src/skip_bad_rows", skip_bad_rows },
	{ "src/duplicate_rows", duplicate_rows },
	{ "src/offsets_to_utc", offsets_to_utc },
	{ "src/local_times_in_a_zone", local_times_in_a_zone },
};
const size_t src_ntests = sizeof src_tests / sizeof src_tests[0];
