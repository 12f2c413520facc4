/* The ETF flows fund by fund: the per-fund columns of a Farside flows CSV
 * (the report's flows source reads only its Total), read as the point-in-
 * time view: the days by the as-of date. */
#ifndef MS_FUND_FLOWS_H
#define MS_FUND_FLOWS_H
#include <stddef.h>
#include <stdint.h>
#include "diag.h"
#include "model.h"

#define MS_MAX_FUNDS 32

typedef struct ms_fund_flows {
	size_t nfund, ndays;
	char *fund[MS_MAX_FUNDS];    /* owned; the funds' tickers, as the header names them */
	int64_t *day;                /* owned; ndays, ascending */
	double *v;                   /* owned; ndays x nfund, US$ millions; NAN where a cell is empty (not launched) */
} ms_fund_flows;

/* Reads flows's file when it is a farside_flows_csv snapshot (a cached
 * download or another format has no funds: out stays empty), the days
 * before end. Errors name the file, line and column. */
int ms_fund_flows_load(const ms_dataset *flows, int64_t end, ms_fund_flows *out, ms_diag *d);
void ms_fund_flows_release(ms_fund_flows *ff);

#endif
