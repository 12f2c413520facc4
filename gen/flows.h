/* Fund flows: monthly sums, outflow streaks and the flow-weighted cost
 * basis. Pure functions over const arrays; flows in any unit, signed
 * (outflows negative). */
#ifndef MS_FLOWS_H
#define MS_FLOWS_H
#include <stddef.h>
#include <stdint.h>

typedef struct ms_month_flow {
	int year, month;
	double net;              /* sum of every day's flow */
	double outflows;         /* sum of the outflow days alone (<= 0) */
	double inflows;          /* sum of the inflow days alone (>= 0) */
	int days, outflow_days;
} ms_month_flow;

/* Sums flows by UTC calendar month, in time order. Writes at most max
 * months and returns how many there are. */
size_t ms_flows_monthly(const int64_t *t, const double *flow, size_t n, ms_month_flow *out, size_t max);

/* A run of consecutive rows with negative flow (rows are trading days). */
typedef struct ms_streak {
	size_t first, last;      /* row indices */
	size_t length;
	double sum;
} ms_streak;

/* The longest run of outflow rows (the earliest of equal length), and the
 * run that the last row belongs to (length 0 when the last row is not an
 * outflow). */
void ms_outflow_streaks(const double *flow, size_t n, ms_streak *longest, ms_streak *current);

/* The average price the flows bought at: sum(flow) / sum(flow / price),
 * each day's flow priced at that day's close. price_t/close is a daily
 * series; days without a price are left out and counted in *unpriced.
 * Returns -1 when the net coins bought are not positive (no basis). With
 * running (n values, or NULL): the basis as it stood after each row, NAN
 * while no coin is bought yet or on a row without a price. */
typedef struct ms_cost_basis {
	double basis;            /* US$ per coin */
	double dollars;          /* net flow priced, in the flows' unit */
	double coins;            /* net coins bought, per flow unit / price */
	size_t days, unpriced;
} ms_cost_basis;
int ms_flow_cost_basis(const int64_t *t, const double *flow, size_t n, const int64_t *price_t,
		       const double *close, size_t np, ms_cost_basis *out, double *running);

#endif
