#include "asset.h"
#include <stdio.h>
#include <string.h>
#include "utc.h"

/* First trading days: bitcoin's first exchange prices (17 July 2010, Mt. Gox),
 * ether's first trades (7 August 2015), others' listing days. */
static const struct {
	const char *code, *name, *noun;
	int y, m, d;
} assets[] = {
	{ "BTC", "Bitcoin", "bitcoin", 2010, 7, 17 },
	{ "ETH", "Ether", "ether", 2015, 8, 7 },
	{ "SOL", "Solana", "Solana", 2020, 4, 10 },
	{ "XRP", "XRP", "XRP", 2013, 8, 4 },
	{ "BNB", "BNB", "BNB", 2017, 7, 25 },
	{ "DOGE", "Dogecoin", "dogecoin", 2013, 12, 15 },
	{ "ADA", "Cardano", "Cardano", 2017, 10, 1 },
	{ "LTC", "Litecoin", "litecoin", 2013, 4, 28 },
};

const char *ms_major_code(ms_major a)
{
	return assets[a].code;    /* the majors lead the table, in their order */
}

ms_asset ms_asset_of(const char *code)
{
	for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++)
		if (!strcmp(assets[i].code, code))
			return (ms_asset){ assets[i].code, assets[i].name, assets[i].noun,
					   ms_days_from_civil(assets[i].y, assets[i].m, assets[i].d) * MS_DAY };
	return (ms_asset){ code, code, code, 0 };
}

int ms_asset_high_label(const ms_asset *a, int64_t first, int capital, char *out, size_t n)
{
	int all_time = a->first_day && first <= a->first_day + 31 * MS_DAY;
	char day[32];
	ms_fmt_day_text(first, day, sizeof day);
	if (all_time)
		snprintf(out, n, "%s-time high", capital ? "All" : "all");
	else
		snprintf(out, n, "%s since %s", capital ? "High" : "high", day);
	return all_time;
}
