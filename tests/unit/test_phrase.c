#include <string.h>
/* The phrase layer: words for each sign, and the degenerate cases. */
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

const ms_test phrase_tests[] = {
	{ "phrase/directions", directions },
	{ "phrase/signed_changes", signed_changes },
	{ "phrase/fear_greed_bands", fear_greed_bands },
};
const size_t phrase_ntests = sizeof phrase_tests / sizeof phrase_tests[0];
