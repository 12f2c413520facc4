/* Each verdict, on small synthetic data: two daily venues for BTC. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "claims.h"
#include "config.h"
#include "test.h"
#include "utc.h"

static const char *cfg_text =
	"[report]\nas_of = 2026-01-10\nwindow_start = 2026-01-01\nperiod_high = 2026-01\nprimary = a\n"
	"[source.a]\nformat = cryptoquant_ohlcv\npath = a.csv\nasset = BTC\nvenue = VenueA\n"
	"[source.b]\nformat = cryptoquant_ohlcv\npath = b.csv\nasset = BTC\nvenue = VenueB\n";

typedef struct fixture {
	ms_config cfg;
	ms_dataset ds[2];
	capture cap;
} fixture;

/* Ten days; venue A closes at 100 + i, venue B 2 % higher. */
static void setup(fixture *f)
{
	capture_start(&f->cap);
	CHECK(ms_config_parse(&f->cfg, "r.ini", cfg_text, strlen(cfg_text), &f->cap.d) == 0);
	for (int v = 0; v < 2; v++) {
		ms_dataset *d = &f->ds[v];
		memset(d, 0, sizeof *d);
		d->cfg = &f->cfg.source[v];
		d->fmt = *ms_csv_format_find("cryptoquant_ohlcv");
		d->series = ms_series_new(MS_DAY, MS_OHLC | MS_COLBIT(MS_VOLUME));
		for (int i = 0; i < 10; i++) {
			double c = (100 + i) * (v ? 1.02 : 1.0);
			double vals[MS_NCOL] = { c, c + 5, c - 5, c, 1, 0 };
			ms_series_push(d->series, (ms_days_from_civil(2026, 1, 1) + i) * MS_DAY, vals);
		}
		d->lo = 0;
		d->hi = 10;
	}
}

static void teardown(fixture *f)
{
	for (int v = 0; v < 2; v++)
		ms_series_free(f->ds[v].series);
	ms_config_release(&f->cfg);
	capture_end(&f->cap);
}

static const char *verdict_of(const json_t *r, const char *id)
{
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(r, "items"), i, it)
		if (!strcmp(json_string_value(json_object_get(it, "id")), id))
			return json_string_value(json_object_get(it, "verdict"));
	return "(missing)";
}

static const json_t *item(const json_t *r, const char *id)
{
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(r, "items"), i, it)
		if (!strcmp(json_string_value(json_object_get(it, "id")), id))
			return it;
	return NULL;
}

static void four_verdicts(void)
{
	fixture f;
	setup(&f);
	const char *claims =
		"[article]\ntitle = T\n"
		/* A closes at 109 on Jan 10, B at 111.18: 110 lies inside the spread */
		"[claim.spread]\nquote = q\nstat = close\nasset = BTC\ndate = 2026-01-10\nvalue = 110\nunit = USD\ntolerance = 0.5\n"
		"[claim.off]\nquote = q\nstat = close\nasset = BTC\ndate = 2026-01-10\nvalue = 120\nunit = USD\ntolerance = 0.5\n"
		/* the period high: A 114, B 116.28 */
		"[claim.high]\nquote = q\nstat = period_high\nasset = BTC\nperiod = 2026-01\nvalue = 114\nunit = USD\ntolerance = 0.5\n"
		/* 114 -> 109 is -4.39 %; the article says -10 %: its own numbers disagree */
		"[claim.now]\nquote = q\nstat = close\nasset = BTC\ndate = 2026-01-10\nvalue = 109\nunit = USD\ntolerance = 0.5\n"
		"[claim.fall]\nquote = q\nstat = drawdown_from_period_high\nasset = BTC\nperiod = 2026-01\ndate = 2026-01-10\n"
		"value = -10\nunit = percent\ntolerance = 0.05\nimplied = change(high, now)\n"
		"[claim.mcap]\nquote = q\nstat = mcap_peak\nvalue = 4T\nunit = USD\ntolerance = 0.1T\n"
		"[claim.bound]\nquote = q\nstat = close\nasset = BTC\ndate = 2026-01-02\nvalue = 102\nop = at_least\nunit = USD\ntolerance = 0\n";
	ms_claims *cl = ms_claims_parse("c.ini", claims, strlen(claims), &f.cap.d);
	CHECK(cl != NULL);
	json_t *r = cl ? ms_claims_check(cl, &f.cfg, f.ds, 2) : NULL;
	CHECK(r != NULL);
	if (r) {
		CHECK_STR(verdict_of(r, "spread"), "confirmed");
		CHECK_STR(verdict_of(r, "off"), "differs");
		CHECK_STR(verdict_of(r, "high"), "confirmed");
		CHECK_STR(verdict_of(r, "fall"), "inconsistent");
		CHECK_STR(verdict_of(r, "mcap"), "unverifiable");
		CHECK_STR(verdict_of(r, "bound"), "confirmed");    /* B closed at 102.0 * 1.02 */
		const json_t *fall = item(r, "fall");
		CHECK_NEAR(json_real_value(json_object_get(fall, "implied_value")), (109.0 / 114 - 1) * 100, 1e-12);
		CHECK(strstr(json_string_value(json_object_get(item(r, "mcap"), "note")), "coingecko_global_mcap"));
		const json_t *off = item(r, "off");
		CHECK_NEAR(json_real_value(json_object_get(off, "data_value")), 111.18, 1e-12);
		CHECK(json_array_size(json_object_get(off, "data_values")) == 2);
		CHECK(json_integer_value(json_object_get(json_object_get(r, "counts"), "total")) == 7);
		ms_buf table;
		ms_buf_init(&table, 0);
		ms_claims_table(r, &table);
		CHECK(strstr(ms_buf_str(&table), "4 confirmed, 1 differ, 1 inconsistent, 1 unverifiable"));
		ms_buf_release(&table);
	}
	json_decref(r);
	ms_claims_free(cl);
	teardown(&f);
}

static void expect_error(const char *text, const char *msg)
{
	capture cap;
	capture_start(&cap);
	ms_claims *cl = ms_claims_parse("c.ini", text, strlen(text), &cap.d);
	CHECK(cl == NULL);
	check_message(&cap, msg);
	ms_claims_free(cl);
	capture_end(&cap);
}

static void bad_claims_files(void)
{
	expect_error("[claim.a]\nstat = period_hgh\n", "c.ini:2:1: error: unknown stat 'period_hgh' (did you mean 'period_high'?)");
	expect_error("[claim.a]\nvalu = 3\n", "c.ini:2:1: error: unknown key 'valu' (did you mean 'value'?)");
	expect_error("[claim.a]\nquote = q\nstat = close\n", "c.ini:1:1: error: claim 'a' needs quote, stat, value, unit and tolerance");
	expect_error("[claim.a]\nquote = q\nstat = close\nasset = BTC\nvalue = 1\nunit = USD\ntolerance = 0\nimplied = change(a, zz)\n",
		     "c.ini:1:1: error: claim 'a': implied = 'change(a, zz)' must be");
	expect_error("[claim.a]\nquote = q\nstat = close\nasset = BTC\nvalue = 4.3X\nunit = USD\ntolerance = 0\n",
		     "c.ini:1:1: error: claim 'a': value '4.3X' is not a number");
	expect_error("[claims.a]\n", "c.ini:1:1: error: unknown section [claims.a]");
}

/* ---- every stat, on hand-computed data ---- */

static const char *all_cfg_text =
	"[report]\nas_of = 2026-01-10\nwindow_start = 2026-01-01\nperiod_high = 2026-01\nprimary = a\n"
	"[source.a]\nformat = cryptoquant_ohlcv\npath = a.csv\nasset = BTC\nvenue = VenueA\n"
	"[source.b]\nformat = cryptoquant_ohlcv\npath = b.csv\nasset = BTC\nvenue = VenueB\n"
	"[source.m]\nformat = coingecko_global_mcap\npath = m.csv\nvenue = Caps\n"
	"[source.ll]\nformat = cryptoquant_metric\nmetric = long_liquidations\nvalue_column = v\npath = l.csv\nasset = BTC\nvenue = Q\n"
	"[source.sl]\nformat = cryptoquant_metric\nmetric = short_liquidations\nvalue_column = v\npath = s.csv\nasset = BTC\nvenue = Q\n"
	"[source.f]\nformat = farside_flows_csv\npath = f.csv\nasset = BTC\nvenue = Farside\n"
	"[source.g]\nformat = alternative_me_fng_csv\npath = g.csv\nvenue = Alt\n"
	"[source.oi]\nformat = cryptoquant_metric\nmetric = open_interest\nvalue_column = v\npath = o.csv\nasset = BTC\nvenue = Q\n"
	"[source.fr]\nformat = cryptoquant_metric\nmetric = funding\nvalue_column = v\npath = r.csv\nasset = BTC\nvenue = Q\n";

enum { NDS = 9 };
typedef struct world {
	ms_config cfg;
	ms_dataset ds[NDS];
	capture cap;
} world;

static int64_t jan(int d)
{
	return ms_days_from_civil(2026, 1, d) * MS_DAY;
}

static void value_series(ms_dataset *d, const double *v, const int *days, size_t n)
{
	d->series = ms_series_new(MS_DAY, MS_COLBIT(MS_VALUE));
	for (size_t i = 0; i < n; i++) {
		double vals[MS_NCOL] = { 0 };
		vals[MS_VALUE] = v[i];
		ms_series_push(d->series, jan(days ? days[i] : (int)i + 1), vals);
	}
	d->hi = n;
}

/* Ten days of January 2026. Venue A closes at 100 + i (high +5, low −5),
 * venue B 2 % higher; the other series are given below. */
static void world_setup(world *w)
{
	capture_start(&w->cap);
	CHECK(ms_config_parse(&w->cfg, "r.ini", all_cfg_text, strlen(all_cfg_text), &w->cap.d) == 0);
	memset(w->ds, 0, sizeof w->ds);
	for (int k = 0; k < NDS; k++) {
		w->ds[k].cfg = &w->cfg.source[k];
		w->ds[k].fmt = *ms_csv_format_find(w->cfg.source[k].format);
	}
	for (int v = 0; v < 2; v++) {
		ms_dataset *d = &w->ds[v];
		d->series = ms_series_new(MS_DAY, MS_OHLC | MS_COLBIT(MS_VOLUME));
		for (int i = 0; i < 10; i++) {
			double c = (100 + i) * (v ? 1.02 : 1.0);
			double vals[MS_NCOL] = { c, c + 5, c - 5, c, 1, 0 };
			ms_series_push(d->series, jan(i + 1), vals);
		}
		d->hi = 10;
	}
	static const double mcap[] = { 3.0e12, 3.2e12, 3.5e12, 3.4e12, 3.1e12, 3.0e12, 2.9e12, 2.8e12, 2.7e12, 2.6e12 };
	static const double lng[] = { 10e6, 20e6, 30e6, 40e6, 50e6, 60e6, 70e6, 80e6, 90e6, 100e6 };
	static const double sht[] = { 1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6 };
	static const double flow[] = { 100, -50, -200 };
	static const int flow_days[] = { 2, 5, 6 };
	static const double fng[] = { 50, 40, 30, 45, 44, 43, 42, 41, 35, 33 };
	static const double oi[] = { 1.0e9, 1.1e9, 1.2e9, 1.3e9, 1.4e9, 1.5e9, 1.6e9, 1.7e9, 1.8e9, 1.9e9 };
	static const double fr[] = { 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, -0.02 };
	value_series(&w->ds[2], mcap, NULL, 10);
	value_series(&w->ds[3], lng, NULL, 10);
	value_series(&w->ds[4], sht, NULL, 10);
	value_series(&w->ds[5], flow, flow_days, 3);
	value_series(&w->ds[6], fng, NULL, 10);
	value_series(&w->ds[7], oi, NULL, 10);
	value_series(&w->ds[8], fr, NULL, 10);
}

static void world_teardown(world *w)
{
	for (int k = 0; k < NDS; k++)
		ms_series_free(w->ds[k].series);
	ms_config_release(&w->cfg);
	capture_end(&w->cap);
}

#define CLAIM(id, body) "[claim." id "]\nquote = q\n" body
static const char *every_stat =
	"[article]\ndate = 2026-01-10\n"
	/* 109/108 − 1 = 0.926 % on both venues */
	CLAIM("chg_day", "stat = change\nasset = BTC\ndate = 2026-01-10\nvalue = 0.93\nunit = percent\ntolerance = 0.005\n")
	/* from the close of Jan 2 to that of Jan 10: A +8, B +8.16 */
	CLAIM("chg_range", "stat = change\nasset = BTC\nfrom = 2026-01-02\nto = 2026-01-10\nvalue = 8\nunit = USD\ntolerance = 0\n")
	/* highs of Jan 3–5: A 109, B 104 × 1.02 + 5 = 111.08 */
	CLAIM("high", "stat = high_between\nasset = BTC\nfrom = 2026-01-03\nto = 2026-01-05\nvalue = 111\nunit = USD\ntolerance = 0.5\n")
	CLAIM("low", "stat = low_between\nasset = BTC\nfrom = 2026-01-03\nto = 2026-01-05\nvalue = 97\nunit = USD\ntolerance = 0\n")
	/* the stdev of ln(105/104) … ln(109/108) × sqrt(365) = 0.26643 % */
	CLAIM("vol", "stat = volatility\nasset = BTC\ndays = 5\ndate = 2026-01-10\nvalue = 0.27\nunit = percent\ntolerance = 0.005\n")
	/* 2.6T − 2.7T; 2.6/3.5 − 1 = −25.71 % */
	CLAIM("mcap_day", "stat = mcap_change\ndate = 2026-01-10\nvalue = -0.1T\nunit = USD\ntolerance = 0.001T\n")
	CLAIM("mcap_range", "stat = mcap_change\nfrom = 2026-01-03\nto = 2026-01-10\nvalue = -25.7\nunit = percent\ntolerance = 0.05\n")
	/* 50M + 1M; 10M + 20M + 30M + 3 × 1M */
	CLAIM("liq_day", "stat = liquidations_total\nscope = BTC\ndate = 2026-01-05\nvalue = 51M\nunit = USD\ntolerance = 0\n")
	CLAIM("liq_range", "stat = liquidations_total\nscope = BTC\nfrom = 2026-01-01\nto = 2026-01-03\nvalue = 63M\nunit = USD\ntolerance = 0\n")
	/* all coins: BTC alone gives 51M, a lower bound */
	CLAIM("liq_bound_yes", "stat = liquidations_total\ndate = 2026-01-05\nvalue = 40M\nop = at_least\nunit = USD\ntolerance = 0\n")
	CLAIM("liq_bound_no", "stat = liquidations_total\ndate = 2026-01-05\nvalue = 30M\nunit = USD\ntolerance = 1M\n")
	CLAIM("liq_open", "stat = liquidations_total\ndate = 2026-01-05\nvalue = 100M\nunit = USD\ntolerance = 1M\n")
	/* +100 − 50 − 200 */
	CLAIM("etf_week", "stat = etf_net\nfrom = 2026-01-01\nto = 2026-01-07\nvalue = -150\nunit = USD millions\ntolerance = 0\n")
	CLAIM("etf_day", "stat = etf_net\ndate = 2026-01-06\nvalue = -200M\nunit = USD\ntolerance = 0\n")
	CLAIM("etf_month", "stat = etf_net\nperiod = 2026-01\nvalue = -150\nunit = USD millions\ntolerance = 0\n")
	CLAIM("etf_empty", "stat = etf_net\nfrom = 2026-01-03\nto = 2026-01-04\nvalue = 0\nunit = USD millions\ntolerance = 0\n")
	CLAIM("fng", "stat = fear_greed\ndate = 2026-01-10\nvalue = 33\nunit = index\ntolerance = 0\n")
	CLAIM("oi", "stat = open_interest\nasset = BTC\ndate = 2026-01-10\nvalue = 1.9B\nunit = USD\ntolerance = 0.05B\n")
	CLAIM("oi_chg", "stat = open_interest_change\nasset = BTC\nfrom = 2026-01-01\nto = 2026-01-10\nvalue = 90\nunit = percent\ntolerance = 0.5\n")
	CLAIM("fund_day", "stat = funding\nasset = BTC\ndate = 2026-01-10\nvalue = -0.02\nunit = percent\ntolerance = 0\n")
	/* (9 × 0.01 − 0.02) / 10 */
	CLAIM("fund_mean", "stat = funding\nasset = BTC\nfrom = 2026-01-01\nto = 2026-01-10\nvalue = 0.007\nunit = percent\ntolerance = 0.0001\n")
	CLAIM("fund_year", "stat = funding\nasset = BTC\nkind = annualised\ndate = 2026-01-09\nvalue = 10.95\nunit = percent\ntolerance = 0.005\n")
	/* Fear & Greed 33 on Jan 10: as low last on Jan 3 (30) */
	CLAIM("rank_yes", "stat = rank\nmeasure = fear_greed\ndate = 2026-01-10\nvalue = 2026-01-04\nunit = date\ntolerance = 0\n")
	CLAIM("rank_no", "stat = rank\nmeasure = fear_greed\ndate = 2026-01-10\nvalue = 2026-01-02\nunit = date\ntolerance = 0\n")
	/* Jan 10's change (1/108) is the smallest of all: none since the data starts */
	CLAIM("rank_all", "stat = rank\nmeasure = change\nasset = BTC\ndate = 2026-01-10\nvalue = 2026-01-01\nunit = date\ntolerance = 0\n")
	CLAIM("rank_short", "stat = rank\nmeasure = change\nasset = BTC\ndate = 2026-01-10\nvalue = 2025-06-01\nunit = date\ntolerance = 0\n")
	/* the highest highs: A 114, B 116.18; the close against them: 109/114 − 1, 111.18/116.18 − 1 */
	CLAIM("ath", "stat = ath\nasset = BTC\ndate = 2026-01-10\nvalue = 115\nunit = USD\ntolerance = 1.5\n")
	CLAIM("from_ath", "stat = drawdown_from_ath\nasset = BTC\ndate = 2026-01-10\nvalue = -4.35\nunit = percent\ntolerance = 0.05\n")
	/* closes only rise: no drawdown */
	CLAIM("maxdd", "stat = max_drawdown\nasset = BTC\ndate = 2026-01-10\nvalue = 0\nunit = percent\ntolerance = 0\n")
	/* Jan 5: A 99/109 − 1, B 101.08/111.08 − 1 */
	CLAIM("drop", "stat = intraday_drop\nasset = BTC\ndate = 2026-01-05\nvalue = -9.1\nunit = percent\ntolerance = 0.1\n")
	CLAIM("traded", "stat = traded_on\nasset = BTC\ndate = 2026-01-10\nvalue = 110\nunit = USD\ntolerance = 0\n")
	CLAIM("mcap_on", "stat = mcap_on\ndate = 2026-01-10\nvalue = 2.6T\nunit = USD\ntolerance = 0.05T\n")
	CLAIM("mcap_lost", "stat = mcap_lost\ndate = 2026-01-10\nvalue = 0.9T\nunit = USD\ntolerance = 0.05T\n")
	CLAIM("traders", "stat = traders_liquidated\ndate = 2026-01-10\nvalue = 1000\nunit = count\ntolerance = 0\n");

static void every_stat_recomputed(void)
{
	world w;
	world_setup(&w);
	ms_claims *cl = ms_claims_parse("c.ini", every_stat, strlen(every_stat), &w.cap.d);
	CHECK(cl != NULL);
	json_t *r = cl ? ms_claims_check(cl, &w.cfg, w.ds, NDS) : NULL;
	CHECK(r != NULL);
	if (r) {
		const struct { const char *id, *verdict; double value; } want[] = {
			{ "chg_day", "confirmed", (109.0 / 108 - 1) * 100 }, { "chg_range", "confirmed", 8 },
			{ "high", "confirmed", 104 * 1.02 + 5 }, { "low", "confirmed", 97 },
			{ "vol", "confirmed", 0.2664304267575156 }, { "mcap_day", "confirmed", -0.1e12 },
			{ "mcap_range", "confirmed", (2.6 / 3.5 - 1) * 100 }, { "liq_day", "confirmed", 51e6 },
			{ "liq_range", "confirmed", 63e6 }, { "etf_week", "confirmed", -150 },
			{ "etf_day", "confirmed", -200e6 }, { "etf_month", "confirmed", -150 },
			{ "fng", "confirmed", 33 }, { "oi", "confirmed", 1.9e9 }, { "oi_chg", "confirmed", 90 },
			{ "fund_day", "confirmed", -0.02 }, { "fund_mean", "confirmed", 0.007 },
			{ "fund_year", "confirmed", 10.95 },
			{ "rank_yes", "confirmed", (double)ms_days_from_civil(2026, 1, 3) },
			{ "rank_no", "differs", (double)ms_days_from_civil(2026, 1, 3) },
			{ "rank_all", "confirmed", (double)ms_days_from_civil(2025, 12, 31) },
			{ "ath", "confirmed", 114 }, { "from_ath", "confirmed", (109.0 / 114 - 1) * 100 },
			{ "maxdd", "confirmed", 0 }, { "drop", "confirmed", (99.0 / 109 - 1) * 100 },
			{ "traded", "confirmed", 109 }, { "mcap_on", "confirmed", 2.6e12 },
			{ "mcap_lost", "confirmed", 0.9e12 },
		};
		for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
			const json_t *it = item(r, want[i].id);
			char got[96], exp[96];
			snprintf(got, sizeof got, "%s: %s", want[i].id, verdict_of(r, want[i].id));
			snprintf(exp, sizeof exp, "%s: %s", want[i].id, want[i].verdict);
			CHECK_STR(got, exp);
			/* the value nearest the article's: on both venues where two give it */
			double v = json_real_value(json_object_get(it, "data_value"));
			if (fabs(v - want[i].value) > 1e-9 * fmax(1, fabs(want[i].value)))
				fprintf(stderr, "  %s: data value %.17g, want %.17g\n", want[i].id, v, want[i].value);
			CHECK(fabs(v - want[i].value) <= 1e-9 * fmax(1, fabs(want[i].value)));
		}
		CHECK_STR(verdict_of(r, "liq_bound_yes"), "confirmed");
		CHECK(strstr(json_string_value(json_object_get(item(r, "liq_bound_yes"), "note")), "on BTC contracts alone"));
		CHECK_STR(verdict_of(r, "liq_bound_no"), "differs");
		CHECK_STR(verdict_of(r, "liq_open"), "unverifiable");
		CHECK_STR(verdict_of(r, "etf_empty"), "unverifiable");
		CHECK(strstr(json_string_value(json_object_get(item(r, "etf_empty"), "note")), "a flow day in the range"));
		CHECK_STR(verdict_of(r, "rank_short"), "unverifiable");
		CHECK_STR(verdict_of(r, "traders"), "unverifiable");
		CHECK_STR(json_string_value(json_object_get(item(r, "rank_short"), "data_display")),
			  "none since 2026-01-01 (partial)");
		CHECK_STR(json_string_value(json_object_get(item(r, "rank_yes"), "data_display")), "2026-01-03");
		/* a claim is checked with the data to its own date */
		CHECK_STR(json_string_value(json_object_get(item(r, "liq_range"), "checked_through")), "2026-01-03");
	}
	json_decref(r);
	ms_claims_free(cl);
	world_teardown(&w);
}

static void refusals(void)
{
	expect_error(CLAIM("a", "stat = close\nasset = BTC\nvalue = 3\nunit = percent\ntolerance = 0\n"),
		     "c.ini:1:1: error: claim 'a': stat close is not stated in 'percent' (its units: USD)");
	expect_error(CLAIM("a", "stat = change\nasset = BTC\nvalue = 3\nunit = count\ntolerance = 0\n"),
		     "claim 'a': stat change is not stated in 'count' (its units: USD or percent)");
	expect_error(CLAIM("a", "stat = close\nasset = BTC\nfrom = 2026-01-01\nto = 2026-01-02\nvalue = 3\nunit = USD\ntolerance = 0\n"),
		     "claim 'a': stat close is about one day: give date, not from/to or period");
	expect_error(CLAIM("a", "stat = high_between\nasset = BTC\ndate = 2026-01-01\nvalue = 3\nunit = USD\ntolerance = 0\n"),
		     "claim 'a': stat high_between is about a range: give from and to, or period, not date");
	expect_error(CLAIM("a", "stat = etf_month_net\nvalue = 3\nunit = USD millions\ntolerance = 0\n"),
		     "claim 'a': stat etf_month_net needs a range: from and to (dates), or period (YYYY-MM)");
	expect_error(CLAIM("a", "stat = etf_net\nfrom = 2026-01-01\nvalue = 3\nunit = USD millions\ntolerance = 0\n"),
		     "claim 'a': a range needs both from and to");
	expect_error(CLAIM("a", "stat = etf_net\nfrom = 2026-01-05\nto = 2026-01-01\nvalue = 3\nunit = USD millions\ntolerance = 0\n"),
		     "claim 'a': the range from/to is empty");
	expect_error(CLAIM("a", "stat = etf_net\nperiod = 2026-01\nfrom = 2026-01-05\nto = 2026-01-06\nvalue = 3\nunit = USD millions\ntolerance = 0\n"),
		     "claim 'a': give period or from/to, not both");
	expect_error(CLAIM("a", "stat = etf_net\nfrom = 2026-01-05 10:00\nto = 2026-01-06\nvalue = 3\nunit = USD millions\ntolerance = 0\n"),
		     "claim 'a': stat etf_net reads whole days: from and to are dates");
	expect_error(CLAIM("a", "stat = close\nvalue = 3\nunit = USD\ntolerance = 0\n"),
		     "claim 'a': stat close needs asset (BTC, ETH, …)");
	expect_error(CLAIM("a", "stat = ath\nasset = BTC\nkind = highest\nvalue = 3\nunit = USD\ntolerance = 0\n"),
		     "claim 'a': kind 'highest' does not apply to stat ath (kinds: intraday close both)");
	expect_error(CLAIM("a", "stat = rank\nvalue = 2026-01-01\nunit = date\ntolerance = 0\n"),
		     "claim 'a': rank needs measure = one of change close low liquidations fear_greed etf_net");
	expect_error(CLAIM("a", "stat = rank\nmeasure = fear_greed\nvalue = 2026-13-01\nunit = date\ntolerance = 0\n"),
		     "claim 'a': value '2026-13-01' is not a date (YYYY-MM-DD)");
	expect_error(CLAIM("a", "stat = rank\nmeasure = fear_greed\nvalue = 2026-01-01\nunit = date\ntolerance = 1\n"),
		     "claim 'a': a date is checked exactly (no op, tolerance = 0)");
	expect_error(CLAIM("a", "stat = close\nasset = BTC\nmeasure = close\nvalue = 3\nunit = USD\ntolerance = 0\n"),
		     "claim 'a': measure applies to stat rank only");
	expect_error(CLAIM("a", "stat = close\nasset = BTC\nvalue = 3\nunit = EUR\ntolerance = 0\n"),
		     "c.ini:6:1: error: unit: 'EUR' is not USD, USD millions, percent, count, index or date");
}

const ms_test claims_tests[] = {
	{ "claims/four_verdicts", four_verdicts },
	{ "claims/bad_claims_files", bad_claims_files },
	{ "claims/every_stat_recomputed", every_stat_recomputed },
	{ "claims/refusals", refusals },
};
const size_t claims_ntests = sizeof claims_tests / sizeof claims_tests[0];
