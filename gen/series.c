#include "series.h"
#include "grow.h"
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

static int grow_to(ms_series *s, size_t cap)
{
	if (s->borrowed)
		return -1;
	if (MS_RESIZE(s->t, cap))
		return -1;
	for (int c = 0; c < MS_NCOL; c++)
		if (ms_series_has(s, c) && MS_RESIZE(s->col[c], cap))
			return -1;
	s->cap = cap;
	return 0;
}

static int grow(ms_series *s)
{
	return grow_to(s, s->cap ? s->cap * 2 : 256);
}

int ms_series_reserve(ms_series *s, size_t n)
{
	return n > s->cap ? grow_to(s, n) : 0;
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

long ms_series_at(const ms_series *s, int64_t t)
{
	size_t i = ms_series_lower_bound(s, t);
	return i < s->n && s->t[i] == t ? (long)i : -1;
}

size_t ms_series_count_by(const ms_series *s, int64_t end)
{
	return ms_series_lower_bound(s, end - s->step + 1);
}

ms_series ms_series_head(const ms_series *s, size_t n)
{
	ms_series v = *s;
	v.n = n < s->n ? n : s->n;
	v.cap = v.n;
	v.borrowed = 1;
	return v;
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

size_t ms_series_gaps(const ms_series *s, size_t lo, size_t hi, ms_gap *out, size_t max)
{
	size_t count = 0;
	for (size_t i = lo + 1; i < hi; i++) {
		int64_t dt = s->t[i] - s->t[i - 1];
		if (dt <= s->step)
			continue;
		if (count < max)
			out[count] = (ms_gap){ s->t[i - 1], s->t[i], dt / s->step - 1 };
		count++;
	}
	return count;
}

ms_series *ms_series_resample_daily(const ms_series *s, size_t *incomplete_days)
{
	const int64_t day = 86400;
	ms_series *d = ms_series_new(day, s->mask & (MS_OHLC | MS_COLBIT(MS_VOLUME)));
	*incomplete_days = 0;
	if (!d)
		return NULL;
	size_t per_day = s->step > 0 && s->step < day ? (size_t)(day / s->step) : 1;
	for (size_t i = 0; i < s->n;) {
		int64_t start = s->t[i] - ((s->t[i] % day) + day) % day;
		size_t j = i;
		double v[MS_NCOL] = { 0 };
		if (ms_series_has(s, MS_OPEN))
			v[MS_OPEN] = s->col[MS_OPEN][i];
		if (ms_series_has(s, MS_HIGH))
			v[MS_HIGH] = s->col[MS_HIGH][i];
		if (ms_series_has(s, MS_LOW))
			v[MS_LOW] = s->col[MS_LOW][i];
		for (; j < s->n && s->t[j] < start + day; j++) {
			if (ms_series_has(s, MS_HIGH) && s->col[MS_HIGH][j] > v[MS_HIGH])
				v[MS_HIGH] = s->col[MS_HIGH][j];
			if (ms_series_has(s, MS_LOW) && s->col[MS_LOW][j] < v[MS_LOW])
				v[MS_LOW] = s->col[MS_LOW][j];
			if (ms_series_has(s, MS_VOLUME))
				v[MS_VOLUME] += s->col[MS_VOLUME][j];
			if (ms_series_has(s, MS_CLOSE))
				v[MS_CLOSE] = s->col[MS_CLOSE][j];
		}
		if (j - i != per_day)
			(*incomplete_days)++;
		if (ms_series_push(d, start, v)) {
			ms_series_free(d);
			return NULL;
		}
		i = j;
	}
	return d;
}
