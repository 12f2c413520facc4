/* Assets as data: the names a report uses for an asset's ticker, so every
 * sentence, label and unit follows the configured asset instead of
 * bitcoin. An unknown ticker is named by the ticker itself. */
#ifndef MS_ASSET_H
#define MS_ASSET_H
#include <stddef.h>
#include <stdint.h>

typedef struct ms_asset {
	const char *code;        /* "BTC" */
	const char *name;        /* at the start of a sentence or a label: "Bitcoin" */
	const char *noun;        /* inside a sentence: "bitcoin" */
	int64_t first_day;       /* its first trading day (UTC), or 0 when unknown */
} ms_asset;

/* The two assets whose derivatives, liquidations and weekly moves the
 * figures cover, in the order of their tables. */
typedef enum ms_major { MS_BTC, MS_ETH, MS_NMAJORS } ms_major;
/* "BTC", "ETH" */
const char *ms_major_code(ms_major a);

/* The entry for code; for an unknown code, one naming the code itself
 * (code must then outlive the result). */
ms_asset ms_asset_of(const char *code);

/* "all-time high" when a history starting on `first` begins with the asset's
 * trading (within a month of its first day), else "high since 1 January
 * 2024"; capital: for the start of a label. Returns 1 for all-time. */
int ms_asset_high_label(const ms_asset *a, int64_t first, int capital, char *out, size_t n);

#endif
