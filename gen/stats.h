/* Statistics: pure functions over const arrays. Drawdowns are fractions
 * (-0.35 is a 35 % fall); indices refer to the arrays passed in. */
#ifndef MS_STATS_H
#define MS_STATS_H
#include <stddef.h>

/* Index of the first largest x[i] for i in [lo, hi); -1 when the range is empty. */
long ms_argmax(const double *x, size_t lo, size_t hi);
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

#endif
