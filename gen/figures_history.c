/* The primary's drawdowns over its whole history since 2011: every fall of
 * more than 20 % from a closing high, and the deepest cycles' paths. */
#include <stdlib.h>
#include <string.h>
#include "figures.h"
#include "utc.h"

#define HISTORY_FROM_YEAR 2011
#define MAX_EPISODES 512

static int by_peak(const void *a, const void *b)
{
	const ms_drawdown *x = a, *y = b;
	return (x->peak > y->peak) - (x->peak < y->peak);
}

int ms_history_figures(ms_figures *f)
{
	ms_history *h = &f->history;
	memset(h, 0, sizeof *h);
	const ms_series *s = f->primary.series;
	if (!s || s->n < 2 || !ms_series_has(s, MS_CLOSE))
		return 0;
	h->from = ms_series_lower_bound(s, ms_days_from_civil(HISTORY_FROM_YEAR, 1, 1) * MS_DAY);
	if (h->from + 1 >= s->n)
		return 0;
	ms_drawdown *all = malloc(MAX_EPISODES * sizeof *all);
	if (!all)
		return -1;
	size_t n = ms_drawdown_episodes(s->col[MS_CLOSE] + h->from, s->n - h->from, all, MAX_EPISODES);
	for (size_t i = 0; i < n; i++) {
		if (all[i].depth > -MS_HISTORY_MIN_DEPTH)
			break;      /* deepest first: the rest are shallower */
		all[i].peak += h->from;
		all[i].trough += h->from;
		all[i].recovery += h->from;
		h->n = i + 1;
	}
	qsort(all, h->n, sizeof *all, by_peak);
	h->falls = all;
	return 0;
}
