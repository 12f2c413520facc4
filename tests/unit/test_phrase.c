#include <string.h>
/* The phrase layer: words for each sign, and the degenerate cases. */
#include <jansson.h>
#include "editorial_text.h"
#include "phrase.h"
#include "test.h"

static void directions(void)
{
	CHECK(ms_direction(0.033, 1) == MS_DIR_UP);
	CHECK(ms_direction(-0.441, 1) == MS_DIR_DOWN);
	CHECK(ms_direction(0, 1) == MS_DIR_FLAT);
	/* what rounds to 0.0 % reads as flat, either side */
	CHECK(ms_direction(0.0004, 1) == MS_DIR_FLAT);
	CHECK(ms_direction(-0.0004, 1) == MS_DIR_FLAT);
	CHECK(ms_direction(0.0006, 1) == MS_DIR_UP);
	CHECK(ms_direction(0.0004, 2) == MS_DIR_UP);
	CHECK(ms_direction(NAN, 1) == MS_DIR_FLAT);
	CHECK_STR(ms_dir_above_below(MS_DIR_UP), "above");
	CHECK_STR(ms_dir_above_below(MS_DIR_DOWN), "below");
	CHECK_STR(ms_dir_above_below(MS_DIR_FLAT), "at");
	CHECK_STR(ms_dir_rose_fell(MS_DIR_UP), "rose");
	CHECK_STR(ms_dir_rose_fell(MS_DIR_DOWN), "fell");
	CHECK_STR(ms_dir_rose_fell(MS_DIR_FLAT), "was unchanged");
	CHECK_STR(ms_dir_higher_lower(MS_DIR_DOWN), "lower");
	CHECK_STR(ms_dir_name(MS_DIR_FLAT), "flat");
}

static void signed_changes(void)
{
	char b[64];
	ms_fmt_change(b, sizeof b, 0.033, 1);
	CHECK_STR(b, "+3.3\xC2\xA0%");
	ms_fmt_change(b, sizeof b, -0.441, 1);
	CHECK_STR(b, "\xE2\x88\x92" "44.1\xC2\xA0%");
	/* no "+0.0 %" nor "−0.0 %" */
	ms_fmt_change(b, sizeof b, -0.0004, 1);
	CHECK_STR(b, "0.0\xC2\xA0%");
	ms_fmt_change(b, sizeof b, 0.0004, 1);
	CHECK_STR(b, "0.0\xC2\xA0%");
	/* the size alone, for "44.1 % below": never a double negative */
	ms_fmt_magnitude(b, sizeof b, -0.441, 1);
	CHECK_STR(b, "44.1\xC2\xA0%");
	ms_fmt_magnitude(b, sizeof b, 0.057, 1);
	CHECK_STR(b, "5.7\xC2\xA0%");
	ms_fmt_magnitude(b, sizeof b, -0.0004, 1);
	CHECK_STR(b, "0.0\xC2\xA0%");
}

/* Ordinals and counts as prose writes them. */
static void ordinals_and_counts(void)
{
	char b[32];
	ms_fmt_ordinal(b, sizeof b, 1);
	CHECK_STR(b, "first");
	ms_fmt_ordinal(b, sizeof b, 10);
	CHECK_STR(b, "tenth");
	ms_fmt_ordinal(b, sizeof b, 11);
	CHECK_STR(b, "11th");
	ms_fmt_ordinal(b, sizeof b, 22);
	CHECK_STR(b, "22nd");
	ms_fmt_ordinal(b, sizeof b, 98);
	CHECK_STR(b, "98th");
	ms_fmt_ordinal(b, sizeof b, 113);
	CHECK_STR(b, "113th");
	ms_fmt_count(b, sizeof b, 0);
	CHECK_STR(b, "none");
	ms_fmt_count(b, sizeof b, 12);
	CHECK_STR(b, "twelve");
	ms_fmt_count(b, sizeof b, 13);
	CHECK_STR(b, "13");
}

/* The index's five bands at their edges (alternative.me's bands). */
static void fear_greed_bands(void)
{
	CHECK(!strcmp(ms_fear_greed_band(0), "Extreme Fear"));
	CHECK(!strcmp(ms_fear_greed_band(25), "Extreme Fear"));
	CHECK(!strcmp(ms_fear_greed_band(26), "Fear"));
	CHECK(!strcmp(ms_fear_greed_band(46), "Fear"));
	CHECK(!strcmp(ms_fear_greed_band(47), "Neutral"));
	CHECK(!strcmp(ms_fear_greed_band(54), "Neutral"));
	CHECK(!strcmp(ms_fear_greed_band(55), "Greed"));
	CHECK(!strcmp(ms_fear_greed_band(75), "Greed"));
	CHECK(!strcmp(ms_fear_greed_band(76), "Extreme Greed"));
	CHECK(!strcmp(ms_fear_greed_band(100), "Extreme Greed"));
}


/* Section readings from small models: each rule's words for each sign, and
 * null where the figures give no reading. */
static const char *reading_of(const char *model_json, const char *key)
{
	static char keep[600];
	json_t *m = json_loads(model_json, 0, NULL), *e = json_object();
	keep[0] = 0;
	if (!m || !e || ms_editorial_readings(m, e, "1 January 2024")) {
		json_decref(m);
		json_decref(e);
		return "(out of memory)";
	}
	json_t *r = ms_model_at(e, "reading");
	const char *v = json_string_value(json_object_get(r, key));
	snprintf(keep, sizeof keep, "%s", v ? v : "(null)");
	json_decref(m);
	json_decref(e);
	return keep;
}

static void readings_volatility(void)
{
	CHECK_STR(reading_of("{\"primary\": {\"asset_noun\": \"bitcoin\", \"returns\": {"
			  "\"volatility\": {\"value\": 0.5, \"display\": \"50.0 %\"},"
			  "\"volatility_30d\": {\"value\": 0.8, \"display\": \"80.0 %\"}}}}", "risk"),
		  "Over the last 30 days, bitcoin has moved more than usual: an annualised volatility of 80.0 %, "
		  "against 50.0 % since 1 January 2024.");
	CHECK_STR(reading_of("{\"primary\": {\"asset_noun\": \"bitcoin\", \"returns\": {"
			  "\"volatility\": {\"value\": 0.5, \"display\": \"50.0 %\"},"
			  "\"volatility_30d\": {\"value\": 0.3, \"display\": \"30.0 %\"}}}}", "risk"),
		  "Over the last 30 days, bitcoin has been calmer than usual: an annualised volatility of 30.0 %, "
		  "against 50.0 % since 1 January 2024.");
	/* within a tenth either way: as usual */
	CHECK_STR(reading_of("{\"primary\": {\"asset_noun\": \"bitcoin\", \"returns\": {"
			  "\"volatility\": {\"value\": 0.5, \"display\": \"50.0 %\"},"
			  "\"volatility_30d\": {\"value\": 0.54, \"display\": \"54.0 %\"}}}}", "risk"),
		  "Over the last 30 days, bitcoin has moved about as usual: an annualised volatility of 54.0 %, "
		  "against 50.0 % since 1 January 2024.");
	/* under 30 days of returns: no reading */
	CHECK_STR(reading_of("{\"primary\": {\"asset_noun\": \"bitcoin\", \"returns\": {"
			  "\"volatility\": {\"value\": 0.5, \"display\": \"50.0 %\"}, \"volatility_30d\": null}}}", "risk"),
		  "(null)");
}

static void readings_leverage(void)
{
	CHECK_STR(reading_of("{\"liquidations\": [{\"asset\": \"BTC\", \"long_short_ratio\": {\"value\": 1.54, "
			  "\"display\": \"1.54\"}}]}", "leverage"),
		  "Since 1 January 2024, BTC longs were liquidated 1.54 times as much as shorts: the forced selling "
		  "came mostly from traders betting on a rise.");
	CHECK_STR(reading_of("{\"liquidations\": [{\"asset\": \"BTC\", \"long_short_ratio\": {\"value\": 0.5, "
			  "\"display\": \"0.50\"}}]}", "leverage"),
		  "Since 1 January 2024, BTC shorts were liquidated more than longs (a ratio of 0.50): the forced "
		  "buying of traders betting on a fall outweighed the forced selling.");
	CHECK_STR(reading_of("{\"liquidations\": [{\"asset\": \"BTC\", \"long_short_ratio\": {\"value\": 1.0, "
			  "\"display\": \"1.00\"}}]}", "leverage"),
		  "Since 1 January 2024, BTC longs and shorts were liquidated in about equal measure (a ratio of 1.00).");
	/* no shorts: no ratio, no reading */
	CHECK_STR(reading_of("{\"liquidations\": [{\"asset\": \"BTC\", \"long_short_ratio\": null}]}", "leverage"),
		  "(null)");
	CHECK_STR(reading_of("{\"liquidations\": []}", "leverage"), "(null)");
}

#define MONTH(ym, v) "{\"month\": \"" ym "\", \"net\": {\"value\": " v "}}"

static void readings_etf(void)
{
	CHECK_STR(reading_of("{\"etf\": {\"asset_noun\": \"bitcoin\", \"monthly\": [" MONTH("2025-10", "100") ","
			  MONTH("2025-11", "-1000") "," MONTH("2025-12", "-500") "," MONTH("2026-01", "-250") "]}}", "etf"),
		  "The US spot bitcoin ETFs have had net outflows for three months running, November to January, "
		  "$1.75B in all.");
	CHECK_STR(reading_of("{\"etf\": {\"asset_noun\": \"ether\", \"monthly\": [" MONTH("2025-03", "-700") ","
			  MONTH("2025-04", "2260") "]}}", "etf"),
		  "April's net inflows of $2.26B follow March's net outflows.");
	/* a month without a net flow, or a single month: nothing to compare */
	CHECK_STR(reading_of("{\"etf\": {\"asset_noun\": \"bitcoin\", \"monthly\": [" MONTH("2025-03", "-700") ","
			  MONTH("2025-04", "0") "]}}", "etf"), "(null)");
	CHECK_STR(reading_of("{\"etf\": {\"asset_noun\": \"bitcoin\", \"monthly\": [" MONTH("2024-01", "700") "]}}", "etf"),
		  "(null)");
}

static void readings_market(void)
{
	const char *fmt = "{\"primary\": {\"asset_name\": \"Bitcoin\", \"asset_noun\": \"bitcoin\", "
			  "\"drawdown_from_ath_close\": {\"value\": %s, \"magnitude\": \"%s\", \"down\": %s}}, "
			  "\"market_cap\": {\"change\": {\"value\": %s, \"magnitude\": \"%s\", \"down\": %s}}}";
	char m[600];
	snprintf(m, sizeof m, fmt, "-0.094", "9.4 %", "true", "-0.121", "12.1 %", "true");
	CHECK_STR(reading_of(m, "market"), "The wider market has fallen further than bitcoin, 12.1 % from its peak "
		  "against 9.4 %: the rest of the market fell harder.");
	snprintf(m, sizeof m, fmt, "-0.30", "30.0 %", "true", "-0.20", "20.0 %", "true");
	CHECK_STR(reading_of(m, "market"), "Bitcoin has fallen further than the market as a whole, 30.0 % from its "
		  "closing high against the market's 20.0 %.");
	snprintf(m, sizeof m, fmt, "-0.434", "43.4 %", "true", "-0.435", "43.5 %", "true");
	CHECK_STR(reading_of(m, "market"), "The whole market has fallen in step with bitcoin: 43.5 % from its peak, "
		  "against bitcoin's 43.4 %.");
	/* at a peak: nothing has fallen */
	snprintf(m, sizeof m, fmt, "0", "0.0 %", "false", "-0.1", "10.0 %", "true");
	CHECK_STR(reading_of(m, "market"), "(null)");
}

static void readings_drawdown(void)
{
	const char *under_way = "{\"primary\": {\"asset_noun\": \"bitcoin\", \"drawdown_from_ath_close\": "
		"{\"magnitude\": \"43.4 %\", \"down\": true}, \"top_drawdowns\": [{\"rank\": 1, \"ongoing\": true, "
		"\"days_total\": 123, \"depth\": {\"magnitude\": \"49.6 %\"}, \"peak\": {\"display\": \"$124,710\"}, "
		"\"trough\": {\"date_text\": \"5 February 2026\"}}]}}";
	CHECK_STR(reading_of(under_way, "drawdown"), "The fall under way is the deepest since 1 January 2024: 49.6 % at "
		  "its low on 5 February 2026; 123 days after its peak, bitcoin has not closed back at $124,710.");
	const char *third = "{\"primary\": {\"asset_noun\": \"bitcoin\", \"top_drawdowns\": ["
		"{\"rank\": 1, \"recovered\": true, \"days_total\": 117, \"depth\": {\"magnitude\": \"28.2 %\"}},"
		"{\"rank\": 2, \"recovered\": true}, {\"rank\": 3, \"ongoing\": true, \"depth\": {\"magnitude\": \"9.9 %\"}}]}}";
	CHECK_STR(reading_of(third, "drawdown"), "The fall under way, 9.9 % at its deepest, is the third deepest since "
		  "1 January 2024; the deepest, 28.2 %, took 117 days from its peak to a close back at it.");
	const char *shallow = "{\"primary\": {\"asset_noun\": \"bitcoin\", \"drawdown_from_ath_close\": "
		"{\"magnitude\": \"1.2 %\", \"down\": true}, \"top_drawdowns\": [{\"rank\": 1}, {\"rank\": 2}]}}";
	CHECK_STR(reading_of(shallow, "drawdown"), "The close is 1.2 % below its closing high, a shallower fall than the "
		  "two deepest since 1 January 2024.");
	const char *at_high = "{\"primary\": {\"asset_noun\": \"bitcoin\", \"drawdown_from_ath_close\": "
		"{\"magnitude\": \"0.0 %\", \"down\": false}, \"top_drawdowns\": []}}";
	CHECK_STR(reading_of(at_high, "drawdown"), "No fall is under way: bitcoin closed at its closing high.");
	CHECK_STR(reading_of("{}", "drawdown"), "(null)");
}

const ms_test phrase_tests[] = {
	{ "phrase/directions", directions },
	{ "phrase/signed_changes", signed_changes },
	{ "phrase/fear_greed_bands", fear_greed_bands },
	{ "phrase/ordinals_and_counts", ordinals_and_counts },
	{ "phrase/readings_volatility", readings_volatility },
	{ "phrase/readings_leverage", readings_leverage },
	{ "phrase/readings_etf", readings_etf },
	{ "phrase/readings_market", readings_market },
	{ "phrase/readings_drawdown", readings_drawdown },
};
const size_t phrase_ntests = sizeof phrase_tests / sizeof phrase_tests[0];
