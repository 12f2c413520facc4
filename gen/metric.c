#include "metric.h"
#include <string.h>

static const struct {
	const char *name, *words;
	int per_asset;
} metrics[MS_NMETRICS] = {
	[MS_METRIC_NONE] = { "", "values", 1 },
	[MS_METRIC_PRICE] = { "price", "prices", 1 },
	[MS_METRIC_LONG_LIQUIDATIONS] = { "long_liquidations", "long liquidations", 1 },
	[MS_METRIC_SHORT_LIQUIDATIONS] = { "short_liquidations", "short liquidations", 1 },
	[MS_METRIC_MARKET_CAP] = { "market_cap", "total crypto market capitalisation", 0 },
	[MS_METRIC_ETF_FLOWS] = { "etf_flows", "spot ETF net flows", 1 },
	[MS_METRIC_FEAR_GREED] = { "fear_greed", "Crypto Fear & Greed Index", 0 },
	[MS_METRIC_OPEN_INTEREST] = { "open_interest", "futures open interest", 1 },
	[MS_METRIC_FUNDING] = { "funding", "perpetual funding rates", 1 },
};

const char *ms_metric_name(ms_metric m)
{
	return metrics[m].name;
}

const char *ms_metric_words(ms_metric m)
{
	return metrics[m].words;
}

ms_metric ms_metric_parse(const char *name)
{
	for (int m = MS_METRIC_PRICE; m < MS_NMETRICS; m++)
		if (!strcmp(metrics[m].name, name))
			return (ms_metric)m;
	return MS_METRIC_NONE;
}

int ms_metric_per_asset(ms_metric m)
{
	return metrics[m].per_asset;
}
