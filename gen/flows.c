#include "flows.h"
#include <math.h>
#include "utc.h"

size_t ms_flows_monthly(const int64_t *t, const double *flow, size_t n, ms_month_flow *out, size_t max)
{
	size_t count = 0;
	int cy = 0, cm = 0;
	for (size_t i = 0; i < n; i++) {
		int y, m, d;
		ms_civil_from_days(ms_day_floor(t[i]) / MS_DAY, &y, &m, &d);
		if (count == 0 || y != cy || m != cm) {
			cy = y;
			cm = m;
			if (count < max)
				out[count] = (ms_month_flow){ y, m, 0, 0, 0, 0, 0 };
			count++;
		}
		if (count > max)
			continue;
		ms_month_flow *mf = &out[count - 1];
		mf->net += flow[i];
		mf->days++;
		if (flow[i] < 0) {
			mf->outflows += flow[i];
			mf->outflow_days++;
		} else {
			mf->inflows += flow[i];
		}
	}
	return count;
}

void ms_outflow_streaks(const double *flow, size_t n, ms_streak *longest, ms_streak *current)
{
	ms_streak best = { 0, 0, 0, 0.0 }, run = { 0, 0, 0, 0.0 };
	for (size_t i = 0; i < n; i++) {
		if (flow[i] >= 0) {
			run.length = 0;
			continue;
		}
		if (run.length == 0)
			run = (ms_streak){ i, i, 0, 0.0 };
		run.last = i;
		run.length++;
		run.sum += flow[i];
		if (run.length > best.length)
			best = run;
	}
	*longest = best;
	*current = run;
}

/* Index of the bar starting on t's UTC day, or n. */
static size_t find_day(const int64_t *pt, size_t np, int64_t t)
{
	int64_t day = ms_day_floor(t);
	size_t lo = 0, hi = np;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pt[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < np && pt[lo] == day ? lo : np;
}

int ms_flow_cost_basis(const int64_t *t, const double *flow, size_t n, const int64_t *price_t,
		       const double *close, size_t np, ms_cost_basis *out, double *running)
{
	ms_cost_basis cb = { 0, 0, 0, 0, 0 };
	for (size_t i = 0; i < n; i++) {
		size_t k = find_day(price_t, np, t[i]);
		if (running)
			running[i] = NAN;
		if (k == np) {
			cb.unpriced++;
			continue;
		}
		cb.dollars += flow[i];
		cb.coins += flow[i] / close[k];
		cb.days++;
		if (running && cb.coins > 0)
			running[i] = cb.dollars / cb.coins;
	}
	cb.basis = cb.coins > 0 ? cb.dollars / cb.coins : 0;
	*out = cb;
	return cb.coins > 0 ? 0 : -1;
}
