/* libFuzzer: every source format's parser (CSV, JSON, HTML) on arbitrary
 * bytes; the first byte picks the format. */
#include <stdint.h>
#include <stdlib.h>
#include "src_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const formats[] = {
		"cryptoquant_ohlcv", "coinmarketcap_export", "binance_klines_csv", "coinbase_candles_csv",
		"coingecko_global_mcap", "coingecko_export", "farside_flows_csv", "alternative_me_fng_csv", "ohlcv_csv",
		"binance_klines_json", "yahoo_chart_json", "alternative_me_fng_json", "coinglass_liquidations_json",
		"coingecko_market_chart_json", "coingecko_global_json", "farside_html"
	};
	const size_t n = sizeof formats / sizeof formats[0];
	if (!size)
		return 0;
	ms_diag d;
	ms_diag_init(&d, NULL);
	ms_series *s = NULL;
	const ms_csv_format *f = ms_csv_format_find(formats[data[0] % n]);
	ms_load_source("fuzz", (const char *)data + 1, size - 1, f, &s, &d);
	ms_series_free(s);
	return 0;
}
