#include "fund_flows.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "csv.h"
#include "fsutil.h"
#include "numparse.h"
#include "utc.h"
#include "grow.h"

#define MAX_BYTES (64u << 20)

static int grow(ms_fund_flows *ff, size_t *cap)
{
	if (ff->ndays < *cap)
		return 0;
	size_t n = *cap ? 2 * *cap : 1024;
	if (MS_RESIZE(ff->day, n) || (ff->nfund && n > SIZE_MAX / ff->nfund) || MS_RESIZE(ff->v, n * ff->nfund))
		return -1;
	*cap = n;
	return 0;
}

/* The header: the date column first, then one column per fund, and the
 * total (the source's value column), which is not a fund. */
static int read_header(ms_csv *c, const ms_dataset *flows, ms_fund_flows *ff, size_t *total, ms_diag *d)
{
	const char *tot = flows->fmt.column[MS_VALUE];
	*total = c->nfield;
	for (size_t i = 1; i < c->nfield; i++) {
		if (tot && ms_csv_field_is(c, i, tot)) {
			*total = i;
			continue;
		}
		if (ff->nfund == MS_MAX_FUNDS)
			return ms_error(d, c->file, c->rec_line, c->field[i].col, "more than %d fund columns", MS_MAX_FUNDS);
		char *name = strndup(c->field[i].p, c->field[i].len);
		if (!name)
			return ms_error(d, c->file, 0, 0, "out of memory");
		ff->fund[ff->nfund++] = name;
	}
	return 0;
}

int ms_fund_flows_load(const ms_dataset *flows, int64_t end, ms_fund_flows *out, ms_diag *d)
{
	memset(out, 0, sizeof *out);
	if (!flows || flows->from_cache || !flows->cfg->path || strcmp(flows->fmt.name, "farside_flows_csv"))
		return 0;
	const char *path = flows->cfg->path;
	ms_buf b;
	ms_buf_init(&b, 0);
	if (ms_read_file(path, &b, MAX_BYTES, d))
		return -1;
	ms_csv c;
	int rc = ms_csv_open(&c, path, b.data, b.len, 0, d);
	if (rc) {
		ms_buf_release(&b);
		return -1;
	}
	size_t total = 0, cap = 0;
	int got = ms_csv_next(&c, d);
	rc = got < 0 ? -1 : got == 0 ? ms_error(d, path, 1, 1, "no header") : read_header(&c, flows, out, &total, d);
	while (!rc && out->nfund && (got = ms_csv_next(&c, d)) == 1) {
		int64_t t;
		char date[11] = "";
		if (c.nfield && c.field[0].len == 10) {
			memcpy(date, c.field[0].p, 10);
			date[10] = '\0';
		}
		if (ms_parse_date(date, &t)) {
			rc = ms_error(d, path, c.rec_line, 1, "not a date (YYYY-MM-DD)");
			break;
		}
		/* the rows the flows source keeps: from the funds' launch, by the as-of date */
		if (t < flows->fmt.first_valid || t >= end)
			continue;
		if (grow(out, &cap)) {
			rc = ms_error(d, path, 0, 0, "out of memory");
			break;
		}
		double *row = out->v + out->ndays * out->nfund;
		for (size_t i = 1, k = 0; i < c.nfield && !rc; i++) {
			if (i == total)
				continue;
			const ms_csv_field *f = &c.field[i];
			if (k >= out->nfund)
				rc = ms_error(d, path, c.rec_line, f->col, "more cells than the header's columns");
			else if (f->len == 0 || (f->len == 1 && f->p[0] == '-'))
				row[k++] = NAN;      /* the fund had not launched */
			else if (ms_parse_double(f->p, f->len, &row[k]) || !isfinite(row[k]))
				rc = ms_error(d, path, c.rec_line, f->col, "a fund's flow is not a number: '%.*s'",
					      (int)(f->len > 40 ? 40 : f->len), f->p);
			else
				k++;
		}
		if (!rc && c.nfield - (total < c.nfield) - 1 != out->nfund)
			rc = ms_error(d, path, c.rec_line, 1, "%zu fund cells where the header has %zu funds",
				      c.nfield - (total < c.nfield) - 1, out->nfund);
		if (!rc)
			out->day[out->ndays++] = t;
	}
	if (got < 0)
		rc = -1;
	ms_csv_release(&c);
	ms_buf_release(&b);
	if (rc)
		ms_fund_flows_release(out);
	return rc;
}

void ms_fund_flows_release(ms_fund_flows *ff)
{
	for (size_t i = 0; i < ff->nfund; i++)
		free(ff->fund[i]);
	free(ff->day);
	free(ff->v);
	memset(ff, 0, sizeof *ff);
}
