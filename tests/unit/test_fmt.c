#include "fmt.h"
#include "test.h"

static void number_formats(void)
{
	char s[64];
	ms_fmt_usd(s, sizeof s, 126209.56024004);
	CHECK_STR(s, "$126,210");
	ms_fmt_usd(s, sizeof s, 999.4);
	CHECK_STR(s, "$999");
	ms_fmt_usd(s, sizeof s, -1700000000000.0);
	CHECK_STR(s, "\xE2\x88\x92$1,700,000,000,000");
	/* cents under $100, so early prices do not read $0 */
	ms_fmt_usd(s, sizeof s, 0.29899);
	CHECK_STR(s, "$0.30");
	ms_fmt_usd(s, sizeof s, 99.994);
	CHECK_STR(s, "$99.99");
	ms_fmt_usd(s, sizeof s, 99.996);
	CHECK_STR(s, "$100");
	ms_fmt_usd(s, sizeof s, -0.004);
	CHECK_STR(s, "$0.00");
	ms_fmt_usd_compact(s, sizeof s, 63100);
	CHECK_STR(s, "$63.1k");
	ms_fmt_usd_compact(s, sizeof s, 2.55e12);
	CHECK_STR(s, "$2.55T");
	ms_fmt_usd_compact(s, sizeof s, 120000);
	CHECK_STR(s, "$120k");
	ms_fmt_usd_compact(s, sizeof s, 40000);
	CHECK_STR(s, "$40k");
	ms_fmt_pct(s, sizeof s, -0.441056531870952, 1);
	CHECK_STR(s, "\xE2\x88\x92" "44.1\xC2\xA0%");
	ms_fmt_pct(s, sizeof s, -0.0001, 1);
	CHECK_STR(s, "0.0\xC2\xA0%");           /* no negative zero */
	ms_fmt_grouped(s, sizeof s, 1234567.891, 2);
	CHECK_STR(s, "1,234,567.89");
}

const ms_test fmt_tests[] = {
	{ "fmt/number_formats", number_formats },
};
const size_t fmt_ntests = sizeof fmt_tests / sizeof fmt_tests[0];
