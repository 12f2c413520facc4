#include <string.h>
#include "test.h"
#include "utc.h"

static int64_t T(const char *s)
{
	int64_t t = -1;
	if (ms_parse_time(s, strlen(s), &t))
		return -999;
	return t;
}

static void civil_days(void)
{
	CHECK(ms_days_from_civil(1970, 1, 1) == 0);
	CHECK(ms_days_from_civil(2024, 1, 11) == 19733);
	CHECK(ms_days_from_civil(2000, 3, 1) == 11017);
	CHECK(ms_days_from_civil(1969, 12, 31) == -1);
	int y, m, d;
	ms_civil_from_days(20490, &y, &m, &d);      /* 2026-02-06 */
	CHECK(y == 2026 && m == 2 && d == 6);
	ms_civil_from_days(ms_days_from_civil(2024, 2, 29), &y, &m, &d);
	CHECK(y == 2024 && m == 2 && d == 29);
}

static void timestamp_forms(void)
{
	int64_t day = 20490 * (int64_t)MS_DAY;      /* 2026-02-06 */
	CHECK(T("2026-02-06") == day);
	CHECK(T("2026-02-06 00:20:00") == day + 1200);
	CHECK(T("2026-02-06T00:20:00.000Z") == day + 1200);
	CHECK(T("2026-02-06 00:00:00 UTC") == day);
	CHECK(T("1770337200") == day + 1200);        /* unix seconds */
	CHECK(T("1770336000000") == day);           /* milliseconds */
	CHECK(T("1770336000000000") == day);        /* microseconds (Binance dumps from 2025) */
	/* the unit that puts a number between 1990 and 2100; none: refused */
	CHECK(T("253402300799") == -999);           /* 9999-12-31 in seconds, not 1978 in ms */
	CHECK(T("86400000") == -999);               /* 1970-01-02 in ms, not 1972 in seconds */
	CHECK(T("631152000") == 631152000);         /* 1990-01-01 */
	CHECK(T("4102444799999") == 4102444799);    /* the last ms of 2099 */
	CHECK(T("2025-02-29") == -999);
	CHECK(T("2026-13-01") == -999);
	CHECK(T("2026-02-06 24:00") == -999);
	CHECK(T("6 Feb 2026") == -999);
	CHECK(T("") == -999);
	char out[17];
	ms_fmt_datetime(day + 1200, out);
	CHECK_STR(out, "2026-02-06 00:20");
	ms_fmt_date(-1, out);
	CHECK_STR(out, "1969-12-31");
}

const ms_test utc_tests[] = {
	{ "utc/civil_days", civil_days },
	{ "utc/timestamp_forms", timestamp_forms },
};
const size_t utc_ntests = sizeof utc_tests / sizeof utc_tests[0];
