#include "stats.h"
#include "test.h"

/* Hand-computed: peak 130 at index 4, trough 65 at index 5 (-50 %), never
 * recovered; an earlier dip from 120 to 90 (-25 %) is shallower. */
static void max_drawdown_by_hand(void)
{
	const double x[] = { 100, 120, 90, 95, 130, 65, 70 };
	ms_drawdown dd;
	CHECK(ms_max_drawdown(x, 7, &dd) == 0);
	CHECK(dd.peak == 4 && dd.trough == 5 && !dd.recovered);
	CHECK_NEAR(dd.depth, -0.5, 1e-15);
	double under[7];
	ms_drawdown_series(x, 7, under);
	CHECK(under[0] == 0 && under[1] == 0 && under[4] == 0);
	CHECK_NEAR(under[2], -0.25, 1e-15);
	CHECK_NEAR(under[3], 95.0 / 120 - 1, 1e-15);
	CHECK_NEAR(under[6], 70.0 / 130 - 1, 1e-15);
}

static void recovery_and_flat(void)
{
	const double x[] = { 100, 80, 90, 100, 110 };
	ms_drawdown dd;
	CHECK(ms_max_drawdown(x, 5, &dd) == 0);
	CHECK(dd.peak == 0 && dd.trough == 1 && dd.recovered && dd.recovery == 3);
	CHECK_NEAR(dd.depth, -0.2, 1e-15);
	const double up[] = { 1, 2, 3 };
	CHECK(ms_max_drawdown(up, 3, &dd) == 0);
	CHECK(dd.depth == 0 && !dd.recovered);
	CHECK(ms_max_drawdown(up, 0, &dd) == -1);
}

static void argmax_first_of_ties(void)
{
	const double x[] = { 3, 7, 7, 1 };
	CHECK(ms_argmax(x, 0, 4) == 1);
	CHECK(ms_argmax(x, 2, 4) == 2);
	CHECK(ms_argmax(x, 3, 3) == -1);
	CHECK_NEAR(ms_change(97600, 63100), -0.35348360655737704, 1e-15);
}

const ms_test stats_tests[] = {
	{ "stats/max_drawdown_by_hand", max_drawdown_by_hand },
	{ "stats/recovery_and_flat", recovery_and_flat },
	{ "stats/argmax_first_of_ties", argmax_first_of_ties },
};
const size_t stats_ntests = sizeof stats_tests / sizeof stats_tests[0];
