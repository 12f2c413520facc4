#include "stats.h"
#include "memwatch.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

long ms_argmin(const double *x, size_t lo, size_t hi)
{
	if (lo >= hi)
		return -1;
	size_t best = lo;
	for (size_t i = lo + 1; i < hi; i++)
		if (x[i] < x[best])
			best = i;
	return (long)best;
}

size_t ms_extremes(const double *x, size_t n, int highest, size_t *out, size_t k)
{
	size_t m = 0;
	for (; m < k && m < n; m++) {
		size_t best = n;
		for (size_t i = 0; i < n; i++) {
			int taken = 0;
			for (size_t j = 0; j < m; j++)
				taken |= out[j] == i;
			if (!taken && (best == n || (highest ? x[i] > x[best] : x[i] < x[best])))
				best = i;
		}
		out[m] = best;
	}
	return m;
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

static int deeper_first(const void *a, const void *b)
{
	const ms_drawdown *x = a, *y = b;
	if (x->depth != y->depth)
		return x->depth < y->depth ? -1 : 1;
	return x->peak < y->peak ? -1 : x->peak > y->peak;
}

size_t ms_drawdown_episodes(const double *x, size_t n, ms_drawdown *out, size_t max)
{
	size_t kept = 0, i = 0;
	while (i < n && max) {
		size_t peak = i;
		while (i + 1 < n && x[i + 1] >= x[peak])
			peak = ++i;                     /* climb to the last high before a fall */
		if (i + 1 >= n)
			break;
		ms_drawdown e = { peak, i + 1, 0, 0, 0.0 };
		size_t j = i + 1;
		for (; j < n && x[j] < x[peak]; j++)
			if (x[j] < x[e.trough])
				e.trough = j;
		e.depth = x[e.trough] / x[peak] - 1.0;
		if (j < n) {
			e.recovered = 1;
			e.recovery = j;
		}
		/* keep the max deepest: replace the shallowest kept when deeper */
		if (kept < max) {
			out[kept++] = e;
		} else {
			size_t worst = 0;
			for (size_t k = 1; k < kept; k++)
				if (deeper_first(&out[k], &out[worst]) > 0)
					worst = k;
			if (deeper_first(&e, &out[worst]) < 0)
				out[worst] = e;
		}
		i = j;
	}
	qsort(out, kept, sizeof *out, deeper_first);
	return kept;
}

int ms_worst_retracement(const int64_t *t, const double *high, const double *low, size_t n,
			 int64_t step, int64_t span, size_t first_trough, ms_retracement *out)
{
	if (first_trough >= n)
		return -1;
	size_t *dq = malloc(n * sizeof *dq);
	if (!dq) {
		ms_nomem();
		return -1;
	}
	size_t head = 0, tail = 0;
	ms_retracement best = { 0, 0, 0.0 };
	int found = 0;
	for (size_t j = 0; j < n; j++) {
		/* bar j is a candidate peak for itself and later bars */
		/* strictly lower highs leave: among equal highs the earliest is the peak */
		while (tail > head && high[dq[tail - 1]] < high[j])
			tail--;
		dq[tail++] = j;
		while (t[j] + step - t[dq[head]] > span)
			head++;
		if (j < first_trough)
			continue;
		double r = low[j] / high[dq[head]] - 1.0;
		if (!found || r < best.depth) {
			best = (ms_retracement){ dq[head], j, r };
			found = 1;
		}
	}
	free(dq);
	*out = best;
	return 0;
}

size_t ms_returns(const int64_t *t, const double *close, size_t n, int64_t step,
		  double *simple, double *logr, size_t *end)
{
	size_t k = 0;
	for (size_t i = 1; i < n; i++) {
		if (t[i] - t[i - 1] != step)
			continue;
		simple[k] = close[i] / close[i - 1] - 1.0;
		logr[k] = log(close[i] / close[i - 1]);
		end[k] = i;
		k++;
	}
	return k;
}

double ms_mean(const double *x, size_t n)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += x[i];
	return n ? s / (double)n : 0.0;
}

double ms_stdev(const double *x, size_t n)
{
	if (n < 2)
		return 0.0;
	double m = ms_mean(x, n), ss = 0;
	for (size_t i = 0; i < n; i++)
		ss += (x[i] - m) * (x[i] - m);
	return sqrt(ss / (double)(n - 1));
}

double ms_quantile_sorted(const double *x, size_t n, double p)
{
	double h = (double)(n - 1) * p;
	size_t lo = (size_t)floor(h);
	if (lo + 1 >= n)
		return x[n - 1];
	return x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]);
}

static int ascending(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int ms_var_cvar(const double *r, size_t n, double level, double *var, double *cvar)
{
	if (n == 0)
		return -1;
	double *s = malloc(n * sizeof *s);
	if (!s) {
		ms_nomem();
		return -1;
	}
	memcpy(s, r, n * sizeof *s);
	qsort(s, n, sizeof *s, ascending);
	double q = ms_quantile_sorted(s, n, 1.0 - level);
	double sum = 0;
	size_t k = 0;
	for (; k < n && s[k] <= q; k++)
		sum += s[k];
	*var = -q;
	*cvar = k ? -sum / (double)k : -q;
	free(s);
	return 0;
}

/* percent per 8 hours, as exported: three a day */
double ms_funding_annualised(double pct_per_8h)
{
	return pct_per_8h / 100 * 3 * 365;
}
