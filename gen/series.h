/* The data model: a columnar time series. Times are UTC seconds at the
 * start of each bar; columns a source does not have stay NULL. */
#ifndef MS_SERIES_H
#define MS_SERIES_H
#include <stddef.h>
#include <stdint.h>

enum ms_col { MS_OPEN, MS_HIGH, MS_LOW, MS_CLOSE, MS_VOLUME, MS_VALUE, MS_NCOL };
#define MS_COLBIT(c) (1u << (c))
#define MS_OHLC (MS_COLBIT(MS_OPEN) | MS_COLBIT(MS_HIGH) | MS_COLBIT(MS_LOW) | MS_COLBIT(MS_CLOSE))

typedef struct ms_series {
	int64_t step;            /* bar length in seconds (86400, 3600, …) */
	unsigned mask;           /* MS_COLBIT of each column present */
	size_t n, cap;
	int64_t *t;              /* owned; ascending, no duplicates */
	double *col[MS_NCOL];    /* owned; NULL when absent or still empty */
	int borrowed;            /* a window into another series' columns: never grown or freed */
} ms_series;

/* Returns an empty series with the columns in mask, or NULL (out of memory). */
ms_series *ms_series_new(int64_t step, unsigned mask);
void ms_series_free(ms_series *s);
static inline int ms_series_has(const ms_series *s, enum ms_col c) { return (s->mask >> c) & 1u; }
/* Makes room for n bars in all (a hint: pushes still grow as needed). */
int ms_series_reserve(ms_series *s, size_t n);
/* Appends a bar; vals is indexed by enum ms_col (absent columns ignored). */
int ms_series_push(ms_series *s, int64_t t, const double vals[MS_NCOL]);
void ms_series_reverse(ms_series *s);
/* First index whose time is >= t (n when none). */
size_t ms_series_lower_bound(const ms_series *s, int64_t t);
/* The index of the bar starting at t, or -1. */
long ms_series_at(const ms_series *s, int64_t t);
/* Point in time: the number of leading bars that end by end (t + step <= end). */
size_t ms_series_count_by(const ms_series *s, int64_t end);
/* A read-only window onto s's first n bars (borrowed: never grown or freed). */
ms_series ms_series_head(const ms_series *s, size_t n);
/* Index range [*lo, *hi) of the bars starting in [from, to). */
void ms_series_range(const ms_series *s, int64_t from, int64_t to, size_t *lo, size_t *hi);

/* A run of missing bars: from is the last bar before the gap, to the first
 * after it; missing = bars that should lie between. */
typedef struct ms_gap {
	int64_t from, to;
	int64_t missing;
} ms_gap;

/* Finds where consecutive bars are more than one step apart, in [lo, hi).
 * Writes at most max gaps to out and returns how many there are in all
 * (daily series of trading days, such as ETF flows, are not checked). */
size_t ms_series_gaps(const ms_series *s, size_t lo, size_t hi, ms_gap *out, size_t max);

/* Aggregates intraday OHLCV bars into UTC days: open of the first bar, the
 * highest high, the lowest low, close of the last bar, summed volume. A day
 * missing any bar is still built, and counted in *incomplete_days. Returns
 * NULL when out of memory. */
ms_series *ms_series_resample_daily(const ms_series *s, size_t *incomplete_days);

#endif
