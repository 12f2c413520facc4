/* Statistics: pure functions over const arrays. Drawdowns are fractions
 * (-0.35 is a 35 % fall); indices refer to the arrays passed in. */
#ifndef MS_STATS_H
#define MS_STATS_H
#include <stddef.h>
#include <stdint.h>

/* the window of the rolling volatility: the risk figures and the stress index */
#define MS_ROLLING_DAYS 30

/* Index of the first largest x[i] for i in [lo, hi); -1 when the range is empty. */
long ms_argmax(const double *x, size_t lo, size_t hi);
/* Index of the first smallest x[i] for i in [lo, hi); -1 when the range is empty. */
long ms_argmin(const double *x, size_t lo, size_t hi);
/* The indices of the k highest (or lowest) of x[0..n), in that order, the
 * earlier of equal values first: a partial selection for short top-k
 * lists. Writes min(k, n) indices to out and returns how many. */
size_t ms_extremes(const double *x, size_t n, int highest, size_t *out, size_t k);
/* A funding rate as exported (percent per 8 hours) annualised, as a fraction. */
double ms_funding_annualised(double pct_per_8h);
/* Relative change from a to b: b / a - 1. */
double ms_change(double a, double b);

typedef struct ms_drawdown {
	size_t peak, trough;     /* indices of the running high and the low after it */
	size_t recovery;         /* first index back at the peak's level, when recovered */
	int recovered;
	double depth;            /* x[trough] / x[peak] - 1, <= 0 */
} ms_drawdown;

/* The deepest fall from a running maximum in x[0..n). Returns -1 when n == 0.
 * A series that never falls has depth 0 with peak == trough. */
int ms_max_drawdown(const double *x, size_t n, ms_drawdown *out);
/* out[i] = x[i] / max(x[0..i]) - 1 (the underwater curve). */
void ms_drawdown_series(const double *x, size_t n, double *out);
/* Every drawdown episode of x[0..n): a fall below a running high, ended by
 * the first return to that high (or still ongoing at the end). Writes the
 * max deepest to out, deepest first (equal depths: the earlier first), and
 * returns how many it wrote. */
size_t ms_drawdown_episodes(const double *x, size_t n, ms_drawdown *out, size_t max);

/* The worst fall from a high to a later (or the same bar's) low inside any
 * window of at most span seconds: min over i <= j of low[j] / high[i] - 1,
 * where bar j ends within span of bar i's start (t[j] + step - t[i] <= span),
 * counting only troughs j >= first_trough (earlier bars still serve as
 * peaks). O(n): a monotonic deque holds the candidate peaks. Returns -1
 * when there is no trough to count (or out of memory). */
typedef struct ms_retracement {
	size_t peak, trough;     /* bar indices of the high and the low */
	double depth;            /* <= 0 */
} ms_retracement;
int ms_worst_retracement(const int64_t *t, const double *high, const double *low, size_t n,
			 int64_t step, int64_t span, size_t first_trough, ms_retracement *out);

/* Simple and log returns between consecutive bars (exactly step apart; a
 * return across a gap is not made up). end[k] is the bar that closes
 * return k. Returns how many were written. */
size_t ms_returns(const int64_t *t, const double *close, size_t n, int64_t step,
		  double *simple, double *logr, size_t *end);
double ms_mean(const double *x, size_t n);
/* Sample standard deviation (n - 1); 0 when n < 2. */
double ms_stdev(const double *x, size_t n);
/* The p-quantile of sorted x by linear interpolation between order
 * statistics (Hyndman-Fan type 7, numpy's default). */
double ms_quantile_sorted(const double *x, size_t n, double p);
/* Historical value at risk and expected shortfall of returns r at a
 * confidence level (0.95): var = -quantile(r, 1 - level), cvar = -mean of
 * the returns at or below -var. Both are positive losses. -1 when out of
 * memory or n == 0. */
int ms_var_cvar(const double *r, size_t n, double level, double *var, double *cvar);

#endif
