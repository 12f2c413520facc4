#include "stats.h"

long ms_argmax(const double *x, size_t lo, size_t hi)
{
	if (lo >= hi)
		return -1;
	size_t best = lo;
	for (size_t i = lo + 1; i < hi; i++)
		if (x[i] > x[best])
			best = i;
	return (long)best;
}

double ms_change(double a, double b)
{
	return b / a - 1.0;
}

int ms_max_drawdown(const double *x, size_t n, ms_drawdown *out)
{
	if (n == 0)
		return -1;
	size_t peak = 0;
	ms_drawdown best = { 0, 0, 0, 0, 0.0 };
	for (size_t i = 1; i < n; i++) {
		if (x[i] > x[peak]) {
			peak = i;
			continue;
		}
		double dd = ms_change(x[peak], x[i]);
		if (dd < best.depth) {
			best.depth = dd;
			best.peak = peak;
			best.trough = i;
		}
	}
	for (size_t i = best.trough + 1; best.depth < 0 && i < n; i++)
		if (x[i] >= x[best.peak]) {
			best.recovery = i;
			best.recovered = 1;
			break;
		}
	*out = best;
	return 0;
}

void ms_drawdown_series(const double *x, size_t n, double *out)
{
	double peak = 0;
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || x[i] > peak)
			peak = x[i];
		out[i] = ms_change(peak, x[i]);
	}
}
