#include "asset.h"
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

ms_asset ms_asset_of(const char *code)
{
	for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++)
		if (!strcmp(assets[i].code, code))
			return (ms_asset){ assets[i].code, assets[i].name, assets[i].noun,
					   ms_days_from_civil(assets[i].y, assets[i].m, assets[i].d) * MS_DAY };
	return (ms_asset){ code, code, code, 0 };
}
