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

/* A column in one unit and one number of decimals: the ETF months of 2025
 * (net flows, US$ millions), each of which alone reads −$801M, $5.25B, $4.6B. */
static void usd_columns(void)
{
	char s[64];
	const double net[] = { -801.4e6, 2973e6, 5251e6, 4598e6, 6012e6, -3474e6 };
	ms_usd_column c = ms_usd_column_of(net, 6);
	CHECK_STR(c.suffix, "B");
	CHECK(c.decimals == 2);
	ms_fmt_usd_in(s, sizeof s, net[0], c);
	CHECK_STR(s, "\xE2\x88\x92$0.80B");
	ms_fmt_usd_in(s, sizeof s, net[3], c);
	CHECK_STR(s, "$4.60B");
	ms_fmt_usd_in(s, sizeof s, -2e6, c);
	CHECK_STR(s, "$0.00B");                /* rounds to zero: no sign */
	/* the largest decides: $22.5B gives one decimal; 999.7M rounds to $1.00B */
	const double oi[] = { 22.46e9, 11.9e9 };
	c = ms_usd_column_of(oi, 2);
	ms_fmt_usd_in(s, sizeof s, oi[1], c);
	CHECK_STR(s, "$11.9B");
	const double edge[] = { 999.7e6, 5e6 };
	c = ms_usd_column_of(edge, 2);
	ms_fmt_usd_in(s, sizeof s, edge[0], c);
	CHECK_STR(s, "$1.00B");
	ms_fmt_usd_in(s, sizeof s, edge[1], c);
	CHECK_STR(s, "$0.01B");
}

const ms_test fmt_tests[] = {
	{ "fmt/number_formats", number_formats },
	{ "fmt/usd_columns", usd_columns },
};
const size_t fmt_ntests = sizeof fmt_tests / sizeof fmt_tests[0];
