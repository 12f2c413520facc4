/* libFuzzer: every CSV format's loader on arbitrary bytes (the first byte
 * picks the format). */
#include <stdint.h>
#include <stdlib.h>
#include "src_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const formats[] = {
		"cryptoquant_ohlcv", "coinmarketcap_export", "binance_klines_csv", "coinbase_candles_csv",
		"coingecko_global_mcap", "farside_flows_csv", "alternative_me_fng_csv", "ohlcv_csv"
	};
	if (!size)
		return 0;
	ms_diag d;
	ms_diag_init(&d, NULL);
	ms_series *s = NULL;
	const ms_csv_format *f = ms_csv_format_find(formats[data[0] % 8]);
	ms_load_csv("fuzz.csv", (const char *)data + 1, size - 1, f, &s, &d);
	ms_series_free(s);
	return 0;
}
