/* Assets as data: the names a report uses for an asset's ticker, so every
 * sentence, label and unit follows the configured asset instead of
 * bitcoin. An unknown ticker is named by the ticker itself. */
#ifndef MS_ASSET_H
#define MS_ASSET_H
#include <stdint.h>

typedef struct ms_asset {
	const char *code;        /* "BTC" */
	const char *name;        /* at the start of a sentence or a label: "Bitcoin" */
	const char *noun;        /* inside a sentence: "bitcoin" */
	int64_t first_day;       /* its first trading day (UTC), or 0 when unknown */
} ms_asset;

/* The entry for code; for an unknown code, one naming the code itself
 * (code must then outlive the result). */
ms_asset ms_asset_of(const char *code);

#endif
