/* The ETF flows fund by fund in the model: the funds by their net flow
 * since launch, their last months, who sold since the peak of the fall
 * under way, and each fund's cost basis. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fmt.h"
#include "model_fig.h"
#include "phrase.h"
#include "utc.h"

#define SELLERS 5

/* The issuers of the funds Farside lists, by ticker. */
static const struct {
	const char *ticker, *issuer;
} issuers[] = {
	{ "IBIT", "BlackRock" }, { "FBTC", "Fidelity" }, { "BITB", "Bitwise" }, { "ARKB", "ARK 21Shares" },
	{ "BTCO", "Invesco Galaxy" }, { "EZBC", "Franklin Templeton" }, { "BRRR", "Valkyrie / CoinShares" },
	{ "HODL", "VanEck" }, { "BTCW", "WisdomTree" }, { "GBTC", "Grayscale" }, { "BTC", "Grayscale Mini" },
	{ "ETHA", "BlackRock" }, { "FETH", "Fidelity" }, { "ETHW", "Bitwise" }, { "ETHE", "Grayscale" },
	{ "ETH", "Grayscale Mini" }, { "CETH", "21Shares" }, { "ETHV", "VanEck" }, { "QETH", "Invesco Galaxy" },
	{ "EZET", "Franklin Templeton" },
};

static const char *issuer_of(const char *ticker)
{
	for (size_t i = 0; i < sizeof issuers / sizeof issuers[0]; i++)
		if (!strcmp(issuers[i].ticker, ticker))
			return issuers[i].issuer;
	return NULL;
}

static int most_sold(const void *a, const void *b)
{
	const ms_fund_row *x = *(const ms_fund_row *const *)a, *y = *(const ms_fund_row *const *)b;
	return (x->stress > y->stress) - (x->stress < y->stress);
}

json_t *ms_model_funds(const ms_figures *f)
{
	const ms_funds *u = &f->funds;
	if (!u->ff || !u->n)
		return NULL;
	const char *src = f->etf.ds->cfg->name;
	json_t *o = json_object(), *months = json_array(), *rows = json_array(), *sellers = json_array();
	for (size_t m = 0; m < u->nmonths; m++) {
		char key[16], label[24];
		int y = u->month_key[m] / 12, mo = u->month_key[m] % 12 + 1;
		snprintf(key, sizeof key, "%04d-%02d", y, mo);
		snprintf(label, sizeof label, "%s %d", ms_month_abbr(mo), y);
		json_array_append_new(months, json_pack("{s:s, s:s}", "month", key, "label", label));
	}
	const ms_fund_row *sorted[MS_MAX_FUNDS];
	for (size_t i = 0; i < u->n; i++) {
		const ms_fund_row *r = &u->row[i];
		sorted[i] = r;
		json_t *x = json_object(), *ms = json_array();
		const char *issuer = issuer_of(u->ff->fund[r->fund]);
		json_object_set_new(x, "fund", json_string(u->ff->fund[r->fund]));
		json_object_set_new(x, "issuer", issuer ? json_string(issuer) : json_null());
		json_object_set_new(x, "since_launch", ms_fig(r->since_launch, MS_USD_MILLIONS, src,
							      "the fund's net flows by the as-of day"));
		json_object_set_new(x, "stress", u->has_stress ? ms_fig(r->stress, MS_USD_MILLIONS, src,
			"the fund's net flows since the peak of the fall under way") : json_null());
		for (size_t m = 0; m < u->nmonths; m++)
			json_array_append_new(ms, ms_fig(r->month[m], MS_USD_MILLIONS, src, "the month's net flows"));
		json_object_set_new(x, "months", ms);
		json_object_set_new(x, "basis", r->has_basis ? ms_fig(r->cb.basis, MS_USD, src,
			"the fund's flows priced at each day's close: net dollars / net coins") : json_null());
		json_array_append_new(rows, x);
	}
	ms_rows_column(rows, "since_launch", 1e6);
	ms_rows_column(rows, "stress", 1e6);
	for (size_t m = 0; m < u->nmonths; m++) {
		json_t *col = json_array();
		for (size_t i = 0; i < json_array_size(rows); i++)
			json_array_append(col, json_array_get(json_object_get(json_array_get(rows, i), "months"), m));
		ms_fig_column(col, 1e6);
		json_decref(col);
	}
	json_object_set_new(o, "months", months);
	json_object_set_new(o, "rows", rows);
	json_object_set_new(o, "has_stress", json_boolean(u->has_stress));
	ms_json_set_day(o, "stress_from", u->has_stress, u->stress_from);
	json_object_set_new(o, "stress_out", json_boolean(u->has_stress && u->stress_total < 0));
	json_object_set_new(o, "stress_total", u->has_stress ? ms_fig(u->stress_total, MS_USD_MILLIONS, src,
		"every fund's net flows since the peak") : json_null());
	if (u->has_stress) {
		/* the words of the sellers' sentence: "GBTC (−$1.77B), FBTC (−$1.51B) and ARKB (−$884M)" */
		qsort(sorted, u->n, sizeof *sorted, most_sold);
		size_t k = 0, in = 0;
		char text[512] = "", cell[32];
		for (size_t i = 0; i < u->n; i++)
			k += sorted[i]->stress < 0 && k < SELLERS;
		for (size_t i = 0, j = 0; i < u->n; i++) {
			if (sorted[i]->stress < 0 && j < k) {
				ms_fmt_usd_compact(cell, sizeof cell, sorted[i]->stress * 1e6);
				size_t len = strlen(text);
				snprintf(text + len, sizeof text - len, "%s%s (%s)", j == 0 ? "" : j + 1 == k ? " and " : ", ",
					 u->ff->fund[sorted[i]->fund], cell);
				json_array_append_new(sellers, json_pack("{s:s, s:o}", "fund", u->ff->fund[sorted[i]->fund],
					"stress", ms_fig(sorted[i]->stress, MS_USD_MILLIONS, src, "net flows since the peak")));
				j++;
			}
			in += sorted[i]->stress > 0;
		}
		char buyers[96], a[24], b[24];
		ms_fmt_count(a, sizeof a, in);
		ms_fmt_count(b, sizeof b, u->n);
		snprintf(buyers, sizeof buyers, "%s of the %s funds", a, b);
		buyers[0] = (char)(buyers[0] - 32 * (buyers[0] >= 'a' && buyers[0] <= 'z'));
		json_object_set_new(o, "sellers_text", json_string(text));
		json_object_set_new(o, "buyers_text", json_string(buyers));
		ms_fmt_usd_compact(cell, sizeof cell, fabs(u->stress_total) * 1e6);
		json_object_set_new(o, "stress_size", json_string(cell));
	}
	json_object_set_new(o, "sellers", sellers);
	json_object_set_new(o, "has_sellers", json_boolean(json_array_size(sellers) > 0));
	return o;
}
