/* Each verdict, on small synthetic data: two daily venues for BTC. */
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
	expect_error("[claim.a]\nquote = q\nstat = close\n", "c.ini:1:1: error: claim 'a' needs quote, stat, value and tolerance");
	expect_error("[claim.a]\nquote = q\nstat = close\nvalue = 1\ntolerance = 0\nimplied = change(a, zz)\n",
		     "c.ini:1:1: error: claim 'a': implied = 'change(a, zz)' must be");
	expect_error("[claim.a]\nvalue = 4.3X\n", "c.ini:2:1: error: value: '4.3X' is not a number");
	expect_error("[claims.a]\n", "c.ini:1:1: error: unknown section [claims.a]");
}

const ms_test claims_tests[] = {
	{ "claims/four_verdicts", four_verdicts },
	{ "claims/bad_claims_files", bad_claims_files },
};
const size_t claims_ntests = sizeof claims_tests / sizeof claims_tests[0];
