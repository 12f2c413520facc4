/* The ETF flows fund by fund: each fund's net flow since launch, over the
 * last months and since the peak of the fall under way (who sold in the
 * stress), and its own flow-weighted cost basis where its coins add up. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "figures.h"
#include "utc.h"

static int by_inflow(const void *a, const void *b)
{
	const ms_fund_row *x = a, *y = b;
	return (x->since_launch < y->since_launch) - (x->since_launch > y->since_launch);
}

static int month_key(int64_t t)
{
	int y, m, d;
	ms_civil_from_days(t / MS_DAY, &y, &m, &d);
	return y * 12 + (m - 1);
}

int ms_fund_figures(ms_figures *f, const ms_fund_flows *ff)
{
	ms_funds *u = &f->funds;
	memset(u, 0, sizeof *u);
	if (!ff->nfund || !ff->ndays)
		return 0;
	u->ff = ff;
	if (!(u->row = calloc(ff->nfund, sizeof *u->row)))
		return -1;
	double *col = malloc(ff->ndays * sizeof *col);
	if (!col) {
		free(u->row);
		u->row = NULL;
		return -1;
	}
	/* the last months, to the as-of day's */
	int last = month_key(ff->day[ff->ndays - 1]);
	u->nmonths = MS_FUND_MONTHS;
	for (size_t m = 0; m < MS_FUND_MONTHS; m++)
		u->month_key[m] = last - (int)(MS_FUND_MONTHS - 1 - m);
	/* the stress: from the peak of the fall under way */
	const ms_history *h = &f->history;
	if (h->n && !h->falls[h->n - 1].recovered) {
		u->has_stress = 1;
		u->stress_from = f->primary.series->t[h->falls[h->n - 1].peak];
	}
	const ms_basis *b = &f->basis;
	for (size_t k = 0; k < ff->nfund; k++) {
		ms_fund_row *r = &u->row[k];
		r->fund = k;
		for (size_t m = 0; m < MS_FUND_MONTHS; m++)
			r->month[m] = 0;
		for (size_t i = 0; i < ff->ndays; i++) {
			double v = ff->v[i * ff->nfund + k];
			col[i] = isnan(v) ? 0 : v;      /* before its launch: no flow */
			r->since_launch += col[i];
			if (u->has_stress && ff->day[i] >= u->stress_from)
				r->stress += col[i];
			int m = month_key(ff->day[i]) - u->month_key[0];
			if (m >= 0 && m < MS_FUND_MONTHS)
				r->month[m] += col[i];
		}
		u->stress_total += r->stress;
		if (b->has)
			r->has_basis = !ms_flow_cost_basis(ff->day, col, ff->ndays, b->price_days.t,
							   b->price_days.col[MS_CLOSE], b->price_days.n, &r->cb, NULL);
	}
	free(col);
	/* a fund with no flow by the as-of day (not launched yet) is left out */
	for (size_t k = 0; k < ff->nfund; k++) {
		int any = 0;
		for (size_t i = 0; i < ff->ndays && !any; i++) {
			double v = ff->v[i * ff->nfund + k];
			any = !isnan(v) && v != 0;
		}
		if (any)
			u->row[u->n++] = u->row[k];
	}
	qsort(u->row, u->n, sizeof *u->row, by_inflow);
	return 0;
}

void ms_fund_figures_release(ms_figures *f)
{
	free(f->funds.row);
	memset(&f->funds, 0, sizeof f->funds);
}
