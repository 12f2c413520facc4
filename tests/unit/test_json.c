/* The JSON and HTML sources, on the live APIs' shapes (tests/fixtures). */
#include <stdlib.h>
#include <string.h>
#include "fsutil.h"
#include "src_csv.h"
#include "test.h"
#include "utc.h"

static ms_series *parse(const char *fixture, const char *format, const char *value_column, capture *cap)
{
	char path[256];
	snprintf(path, sizeof path, "tests/fixtures/%s", fixture);
	ms_buf b;
	ms_buf_init(&b, 0);
	ms_series *s = NULL;
	ms_csv_format fmt = *ms_csv_format_find(format);
	if (value_column)
		fmt.column[MS_VALUE] = value_column;
	if (ms_read_file(path, &b, 1u << 20, &cap->d) == 0)
		ms_load_source(fixture, b.data, b.len, &fmt, &s, &cap->d);
	ms_buf_release(&b);
	return s;
}

static ms_series *parse_text(const char *text, const char *format, capture *cap)
{
	ms_series *s = NULL;
	ms_load_source("t.json", text, strlen(text), ms_csv_format_find(format), &s, &cap->d);
	return s;
}

static void binance_klines(void)
{
	capture cap;
	capture_start(&cap);
	ms_series *s = parse("binance_klines_btcusdt_1h.json", "binance_klines_json", NULL, &cap);
	CHECK(s && s->n == 12 && s->step == 3600);
	CHECK(s && s->t[0] == ms_days_from_civil(2025, 10, 10) * MS_DAY + 12 * 3600);
	CHECK(s && s->col[MS_OPEN][0] == 121493.20 && s->col[MS_HIGH][1] == 122497.00);
	ms_series_free(s);
	CHECK(!parse_text("[[1760097600000, \"1\", \"2\"", "binance_klines_json", &cap));
	check_message(&cap, "t.json:1:");
	CHECK(!parse_text("{\"code\": -1121, \"msg\": \"Invalid symbol.\"}", "binance_klines_json", &cap));
	check_message(&cap, "Binance answered an error: Invalid symbol.");
	capture_end(&cap);
}

static void fear_greed(void)
{
	capture cap;
	capture_start(&cap);
	ms_series *s = parse("alternative_me_fng.json", "alternative_me_fng_json", NULL, &cap);
	CHECK(s && s->n == 10 && s->t[0] < s->t[9]);                  /* newest first, read ascending */
	CHECK(s && s->col[MS_VALUE][9] == 10 && s->t[9] == ms_days_from_civil(2025, 11, 16) * MS_DAY);
	ms_series_free(s);
	CHECK(!parse_text("{\"data\": [], \"metadata\": {\"error\": \"rate limited\"}}", "alternative_me_fng_json", &cap));
	check_message(&cap, "alternative.me answered an error: rate limited");
	CHECK(!parse_text("{\"data\": [{\"value\": \"101\", \"timestamp\": \"1763251200\"}]}", "alternative_me_fng_json", &cap));
	check_message(&cap, "t.json: error: data[0]: expected a timestamp and a value from 0 to 100");
	capture_end(&cap);
}

static void yahoo_and_coinglass(void)
{
	capture cap;
	capture_start(&cap);
	ms_series *s = parse("yahoo_chart_btc.json", "yahoo_chart_json", NULL, &cap);
	CHECK(s && s->n == 2 && s->col[MS_CLOSE][1] == 70544.00 && s->col[MS_LOW][1] == 60001.46);
	check_message(&cap, "1 element with missing values skipped");
	ms_series_free(s);
	CHECK(!parse_text("{\"chart\":{\"result\":null,\"error\":{\"code\":\"Not Found\",\"description\":\"No data found\"}}}",
			  "yahoo_chart_json", &cap));
	check_message(&cap, "Yahoo Finance answered an error: No data found");
	s = parse("coinglass_liquidations.json", "coinglass_liquidations_json", NULL, &cap);
	CHECK(s && s->n == 2 && s->col[MS_VALUE][0] == 688457614.29);
	ms_series_free(s);
	s = parse("coinglass_liquidations.json", "coinglass_liquidations_json", "short", &cap);
	CHECK(s && s->col[MS_VALUE][0] == 204783332.25);             /* strings read too */
	ms_series_free(s);
	CHECK(!parse_text("{\"code\":\"40001\",\"msg\":\"API key missing\"}", "coinglass_liquidations_json", &cap));
	check_message(&cap, "CoinGlass answered an error: API key missing");
	/* the per-pair key when the aggregated one is absent; negative amounts refused */
	s = parse_text("{\"code\": 0, \"data\": [{\"time\": 1760054400000, \"long_liquidation_usd\": 5.5}]}",
		       "coinglass_liquidations_json", &cap);
	CHECK(s && s->n == 1 && s->col[MS_VALUE][0] == 5.5 && s->t[0] == ms_days_from_civil(2025, 10, 10) * MS_DAY);
	ms_series_free(s);
	CHECK(!parse_text("{\"code\": 0, \"data\": [{\"time\": 1760054400000, \"aggregated_long_liquidation_usd\": -1}]}",
			  "coinglass_liquidations_json", &cap));
	check_message(&cap, "data[0]: expected a time and a non-negative aggregated_long_liquidation_usd");
	capture_end(&cap);
}

static void coingecko(void)
{
	capture cap;
	capture_start(&cap);
	ms_series *s = parse("coingecko_market_chart_btc.json", "coingecko_market_chart_json", NULL, &cap);
	/* the 00:00 UTC point of 2025-09-01 is 2025-08-31's close */
	CHECK(s && s->n == 182 && s->t[0] == ms_days_from_civil(2025, 8, 31) * MS_DAY);
	CHECK(s && s->col[MS_CLOSE][0] == 108253.36092385623 && s->col[MS_VALUE][0] == 2155694976689.5984);
	CHECK(s && s->col[MS_VOLUME][181] == 41704740318.60586 && s->t[181] == ms_days_from_civil(2026, 2, 28) * MS_DAY);
	CHECK(s && !ms_series_has(s, MS_HIGH));
	ms_series_free(s);
	/* the last point is "now": left out */
	s = parse_text("{\"prices\":[[1756684800000,1],[1756690000000,2]],\"market_caps\":[[1756684800000,3],"
		       "[1756690000000,4]],\"total_volumes\":[[1756684800000,5],[1756690000000,6]]}",
		       "coingecko_market_chart_json", &cap);
	CHECK(s && s->n == 1 && s->col[MS_CLOSE][0] == 1);
	ms_series_free(s);
	CHECK(!parse_text("{\"prices\":[[1756684800000,1],[1756688400000,2],[1756692000000,3]],\"market_caps\":"
			  "[[1756684800000,3],[1756688400000,4],[1756692000000,5]],\"total_volumes\":[[1756684800000,5],"
			  "[1756688400000,6],[1756692000000,7]]}", "coingecko_market_chart_json", &cap));
	check_message(&cap, "prices[1]: not at 00:00 UTC: ask CoinGecko for more than 90 days");
	CHECK(!parse_text("{\"prices\":[[1756684800000,1]],\"market_caps\":[],\"total_volumes\":[]}",
			  "coingecko_market_chart_json", &cap));
	check_message(&cap, "prices has 1 points, total_volumes 0, market_caps 0");
	CHECK(!parse_text("{\"status\":{\"error_code\":429,\"error_message\":\"You've exceeded the Rate Limit.\"}}",
			  "coingecko_market_chart_json", &cap));
	check_message(&cap, "CoinGecko answered an error: You've exceeded the Rate Limit.");
	s = parse_text("{\"data\":{\"total_market_cap\":{\"usd\":2.31e12,\"btc\":3e7},"
		       "\"market_cap_percentage\":{\"btc\":57.1},\"updated_at\":1770379200}}", "coingecko_global_json", &cap);
	CHECK(s && s->n == 1 && s->col[MS_VALUE][0] == 2.31e12 && s->t[0] == ms_days_from_civil(2026, 2, 6) * MS_DAY);
	ms_series_free(s);
	CHECK(!parse_text("{\"data\":{\"total_market_cap\":{}}}", "coingecko_global_json", &cap));
	check_message(&cap, "expected {\"data\": {\"total_market_cap\"");
	/* the website's CSV export: snapped_at is the next day's 00:00 UTC */
	s = parse("coingecko_export_btc.csv", "coingecko_export", NULL, &cap);
	CHECK(s && s->n == 3 && s->t[0] == ms_days_from_civil(2026, 2, 4) * MS_DAY);
	CHECK(s && s->col[MS_CLOSE][1] == 62921.81237574575 && s->col[MS_VALUE][2] == 1407320763637.3828);
	check_message(&cap, "1 row with empty cells skipped");
	ms_series_free(s);
	check_message(&cap, "expected {\"data\": {\"total_market_cap\"");
	capture_end(&cap);
}

static void farside_page(void)
{
	capture cap;
	capture_start(&cap);
	ms_series *s = parse("farside_btc.html", "farside_html", NULL, &cap);
	/* 01 Jan (the bogus row) dropped, 16 Jan ("-") skipped, summaries ignored */
	CHECK(s && s->n == 3);
	CHECK(s && s->t[0] == ms_days_from_civil(2024, 1, 11) * MS_DAY && s->col[MS_VALUE][0] == 243.6);
	CHECK(s && s->col[MS_VALUE][2] == -1163.5);                    /* brackets, thousands commas */
	check_message(&cap, "01 Jan 2024 dropped: it precedes the funds' launch");
	check_message(&cap, "1 day without a Total (\"-\") skipped");
	ms_series_free(s);
	CHECK(!parse("farside_challenge.html", "farside_html", NULL, &cap));
	check_message(&cap, "farside_challenge.html: error: a bot-challenge page came instead of the data");
	CHECK(!parse_text("<html><body><p>Hello</p></body></html>", "farside_html", &cap));
	check_message(&cap, "no <table class=\"etf\"> in the page");
	CHECK(!parse_text("<table class=\"etf\"><thead><tr><th>Date</th><th>Net</th></tr></thead>"
			  "<tbody><tr><td>11 Jan 2024</td><td>1.0</td></tr></tbody></table>", "farside_html", &cap));
	check_message(&cap, "no Total column in the table's header");
	capture_end(&cap);
}

const ms_test json_tests[] = {
	{ "json/binance_klines", binance_klines },
	{ "json/fear_greed", fear_greed },
	{ "json/yahoo_and_coinglass", yahoo_and_coinglass },
	{ "json/coingecko", coingecko },
	{ "json/farside_page", farside_page },
};
const size_t json_ntests = sizeof json_tests / sizeof json_tests[0];
