/* Returns and risk: close-to-close returns, volatility, rolling 30-day
 * volatility, historical VaR and CVaR, the worst days. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "figures.h"
#include "memwatch.h"

void ms_risk_release(ms_risk *r)
{
	free(r->simple);
	free(r->logr);
	free(r->day);
	free(r->roll);
	memset(r, 0, sizeof *r);
}

static void rolling(ms_risk *r)
{
	if (r->n < MS_ROLLING_DAYS)
		return;
	r->nroll = r->n - MS_ROLLING_DAYS + 1;
	if (!(r->roll = malloc(r->nroll * sizeof *r->roll))) {
		r->nroll = 0;
		ms_nomem();
		return;
	}
	for (size_t i = 0; i < r->nroll; i++) {
		r->roll[i] = ms_stdev(r->logr + i, MS_ROLLING_DAYS) * sqrt(365.0);
		if (r->roll[i] > r->roll[r->roll_max])
			r->roll_max = i;
	}
}

int ms_risk_compute(const ms_dataset *v, ms_risk *r)
{
	memset(r, 0, sizeof *r);
	r->volatility = NAN;
	for (int k = 0; k < 2; k++)
		r->var[k] = r->cvar[k] = NAN;
	const ms_series *s = v->series;
	size_t n = v->hi > v->lo ? v->hi - v->lo : 0;
	size_t *end = malloc((n + 1) * sizeof *end);
	r->simple = malloc((n + 1) * sizeof *r->simple);
	r->logr = malloc((n + 1) * sizeof *r->logr);
	r->day = malloc((n + 1) * sizeof *r->day);
	if (!end || !r->simple || !r->logr || !r->day) {
		free(end);
		ms_risk_release(r);
		r->volatility = NAN;
		ms_nomem();
		return -1;
	}
	r->n = ms_returns(s->t + v->lo, s->col[MS_CLOSE] + v->lo, n, s->step, r->simple, r->logr, end);
	for (size_t i = 0; i < r->n; i++)
		r->day[i] = s->t[v->lo + end[i]];
	free(end);
	if (r->n < 2)
		return 0;
	r->volatility = ms_stdev(r->logr, r->n) * sqrt(365.0);
	rolling(r);
	static const double levels[] = { 0.95, 0.99 };
	for (int k = 0; k < 2; k++)
		if (ms_var_cvar(r->simple, r->n, levels[k], &r->var[k], &r->cvar[k])) {
			r->var[k] = r->cvar[k] = NAN;
			ms_nomem();
		}
	r->nworst = ms_extremes(r->simple, r->n, 0, r->worst, sizeof r->worst / sizeof r->worst[0]);
	return 0;
}
