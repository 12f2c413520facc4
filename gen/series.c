#include "series.h"
#include <stdlib.h>

ms_series *ms_series_new(int64_t step, unsigned mask)
{
	ms_series *s = calloc(1, sizeof *s);
	if (s) {
		s->step = step;
		s->mask = mask;
	}
	return s;
}

void ms_series_free(ms_series *s)
{
	if (!s)
		return;
	free(s->t);
	for (int c = 0; c < MS_NCOL; c++)
		free(s->col[c]);
	free(s);
}

static int grow(ms_series *s)
{
	size_t cap = s->cap ? s->cap * 2 : 256;
	int64_t *t = realloc(s->t, cap * sizeof *t);
	if (!t)
		return -1;
	s->t = t;
	for (int c = 0; c < MS_NCOL; c++) {
		if (!ms_series_has(s, c))
			continue;
		double *v = realloc(s->col[c], cap * sizeof *v);
		if (!v)
			return -1;
		s->col[c] = v;
	}
	s->cap = cap;
	return 0;
}

int ms_series_push(ms_series *s, int64_t t, const double vals[MS_NCOL])
{
	if (s->n == s->cap && grow(s))
		return -1;
	s->t[s->n] = t;
	for (int c = 0; c < MS_NCOL; c++)
		if (ms_series_has(s, c))
			s->col[c][s->n] = vals[c];
	s->n++;
	return 0;
}

void ms_series_reverse(ms_series *s)
{
	for (size_t i = 0, j = s->n ? s->n - 1 : 0; i < j; i++, j--) {
		int64_t tt = s->t[i];
		s->t[i] = s->t[j];
		s->t[j] = tt;
		for (int c = 0; c < MS_NCOL; c++) {
			if (!ms_series_has(s, c))
				continue;
			double v = s->col[c][i];
			s->col[c][i] = s->col[c][j];
			s->col[c][j] = v;
		}
	}
}

size_t ms_series_lower_bound(const ms_series *s, int64_t t)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->t[mid] < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void ms_series_range(const ms_series *s, int64_t from, int64_t to, size_t *lo, size_t *hi)
{
	*lo = ms_series_lower_bound(s, from);
	*hi = ms_series_lower_bound(s, to);
	if (*hi < *lo)
		*hi = *lo;
}
