/* What a source's values measure: one enum, its names in configurations and
 * stats.json, and its words for a reader, in one table. */
#ifndef MS_METRIC_H
#define MS_METRIC_H

typedef enum ms_metric {
	MS_METRIC_NONE,              /* not said (a generic format without a config's metric) */
	MS_METRIC_PRICE,             /* bars: open, high, low, close, volume */
	MS_METRIC_LONG_LIQUIDATIONS,
	MS_METRIC_SHORT_LIQUIDATIONS,
	MS_METRIC_MARKET_CAP,
	MS_METRIC_ETF_FLOWS,
	MS_METRIC_FEAR_GREED,
	MS_METRIC_OPEN_INTEREST,
	MS_METRIC_FUNDING,
	MS_NMETRICS
} ms_metric;

/* The name in a configuration and in stats.json: "long_liquidations". */
const char *ms_metric_name(ms_metric m);
/* A reader's words: "long liquidations", "total crypto market capitalisation". */
const char *ms_metric_words(ms_metric m);
/* The metric named name; MS_METRIC_NONE when there is none. */
ms_metric ms_metric_parse(const char *name);
/* Whether the metric belongs to one asset (not an index or a market-wide total). */
int ms_metric_per_asset(ms_metric m);

#endif
