#include "claims.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "figures.h"
#include "fmt.h"
#include "fsutil.h"
#include "model_fig.h"
#include "ini.h"
#include "stats.h"
#include "utc.h"

#define MAX_VALUES 16

enum unit { U_USD, U_USD_MILLIONS, U_PERCENT, U_COUNT };
enum op { OP_EQUAL, OP_AT_LEAST, OP_AT_MOST };

typedef struct claim {
	char *id, *quote, *stat, *asset, *kind, *scope, *implied, *note;
	int64_t date, from, to, period_from, period_to;
	int has_date, has_from, has_to, has_period, has_value, has_tolerance;
	double hours;
	double value, tolerance;
	enum unit unit;
	enum op op;
	long line;
} claim;

struct ms_claims {
	char *file;
	char *title, *published, *article;
	claim *c;
	size_t n;
};

static const char *const claim_keys[] = {
	"quote", "stat", "asset", "kind", "scope", "date", "from", "to", "period", "hours", "value",
	"unit", "tolerance", "op", "implied", "note", NULL
};
static const char *const article_keys[] = { "title", "date", "file", NULL };
static const char *const stats[] = {
	"close", "traded_on", "period_high", "ath", "drawdown_from_period_high", "drawdown_from_ath",
	"max_drawdown", "intraday_drop", "retracement_24h", "low_between", "mcap_on", "mcap_peak",
	"mcap_lost", "liquidations_total", "traders_liquidated", "etf_cost_basis", "etf_month_net", NULL
};

/* ---- the claims file ---- */

static void claim_release(claim *c)
{
	free(c->id);
	free(c->quote);
	free(c->stat);
	free(c->asset);
	free(c->kind);
	free(c->scope);
	free(c->implied);
	free(c->note);
}

void ms_claims_free(ms_claims *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		claim_release(&c->c[i]);
	free(c->c);
	free(c->file);
	free(c->title);
	free(c->published);
	free(c->article);
	free(c);
}

/* 97600, -35.3, 4.3T, 2.3B, 19B, 400k */
static int parse_amount(const char *v, double *out)
{
	char *end;
	double x = strtod(v, &end);
	if (end == v)
		return -1;
	double mult = 1;
	if (*end == 'k')
		mult = 1e3;
	else if (*end == 'M')
		mult = 1e6;
	else if (*end == 'B')
		mult = 1e9;
	else if (*end == 'T')
		mult = 1e12;
	if (mult != 1)
		end++;
	if (*end || !isfinite(x))
		return -1;
	*out = x * mult;
	return 0;
}

/* YYYY-MM-DD or YYYY-MM-DD HH:MM */
static int parse_when(const char *v, int64_t *t)
{
	size_t n = strlen(v);
	return (n == 10 || n == 16) ? ms_parse_time(v, n, t) : -1;
}

typedef struct reader {
	ms_claims *cl;
	claim *cur;
	int in_article;
	ms_diag *d;
} reader;

static int set_str(char **dst, const char *v, reader *r, long line)
{
	free(*dst);
	if (!(*dst = strdup(v)))
		return ms_error(r->d, r->cl->file, line, 0, "out of memory");
	return 0;
}

static int bad(reader *r, long line, const char *key, const char *v, const char *want)
{
	return ms_error(r->d, r->cl->file, line, 1, "%s: '%s' is not %s", key, v, want);
}

static int set_claim_key(reader *r, claim *c, const char *k, const char *v, long line)
{
	if (!strcmp(k, "quote")) return set_str(&c->quote, v, r, line);
	if (!strcmp(k, "asset")) return set_str(&c->asset, v, r, line);
	if (!strcmp(k, "kind")) return set_str(&c->kind, v, r, line);
	if (!strcmp(k, "scope")) return set_str(&c->scope, v, r, line);
	if (!strcmp(k, "implied")) return set_str(&c->implied, v, r, line);
	if (!strcmp(k, "note")) return set_str(&c->note, v, r, line);
	if (!strcmp(k, "stat")) {
		for (size_t i = 0; stats[i]; i++)
			if (!strcmp(v, stats[i]))
				return set_str(&c->stat, v, r, line);
		const char *s = ms_ini_suggest(v, stats);
		return ms_error(r->d, r->cl->file, line, 1, "unknown stat '%s'%s%s%s", v,
				s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
	}
	if (!strcmp(k, "date"))
		return parse_when(v, &c->date) ? bad(r, line, k, v, "a date") : (c->has_date = 1, 0);
	if (!strcmp(k, "from"))
		return parse_when(v, &c->from) ? bad(r, line, k, v, "a date or time") : (c->has_from = 1, 0);
	if (!strcmp(k, "to"))
		return parse_when(v, &c->to) ? bad(r, line, k, v, "a date or time") : (c->has_to = 1, 0);
	if (!strcmp(k, "hours"))
		return parse_amount(v, &c->hours) || c->hours <= 0 ? bad(r, line, k, v, "a number of hours") : 0;
	if (!strcmp(k, "value"))
		return parse_amount(v, &c->value) ? bad(r, line, k, v, "a number") : (c->has_value = 1, 0);
	if (!strcmp(k, "tolerance"))
		return parse_amount(v, &c->tolerance) || c->tolerance < 0 ?
		       bad(r, line, k, v, "a non-negative number") : (c->has_tolerance = 1, 0);
	if (!strcmp(k, "period")) {
		char a[11];
		if (strlen(v) != 7)
			return bad(r, line, k, v, "a month (YYYY-MM)");
		snprintf(a, sizeof a, "%.7s-01", v);
		if (ms_parse_date(a, &c->period_from))
			return bad(r, line, k, v, "a month (YYYY-MM)");
		int y, m, dd;
		ms_civil_from_days(c->period_from / MS_DAY, &y, &m, &dd);
		c->period_to = ms_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) * MS_DAY;
		c->has_period = 1;
		return 0;
	}
	if (!strcmp(k, "unit")) {
		static const char *const units[] = { "USD", "USD millions", "percent", "count", NULL };
		for (int i = 0; units[i]; i++)
			if (!strcmp(v, units[i])) {
				c->unit = (enum unit)i;
				return 0;
			}
		return bad(r, line, k, v, "USD, USD millions, percent or count");
	}
	if (!strcmp(k, "op")) {
		static const char *const ops[] = { "equal", "at_least", "at_most", NULL };
		for (int i = 0; ops[i]; i++)
			if (!strcmp(v, ops[i])) {
				c->op = (enum op)i;
				return 0;
			}
		return bad(r, line, k, v, "equal, at_least or at_most");
	}
	return ms_ini_unknown_key(r->d, r->cl->file, line, k, claim_keys);
}

static int on_pair(void *ctx, const char *section, const char *k, const char *v, long line)
{
	reader *r = ctx;
	ms_claims *cl = r->cl;
	if (!k) {
		r->in_article = !strcmp(section, "article");
		r->cur = NULL;
		if (r->in_article)
			return 0;
		if (strncmp(section, "claim.", 6) || !section[6])
			return ms_error(r->d, cl->file, line, 1,
					"unknown section [%s] (sections: [article], [claim.ID])", section);
		for (size_t i = 0; i < cl->n; i++)
			if (!strcmp(cl->c[i].id, section + 6))
				return ms_error(r->d, cl->file, line, 1, "claim '%s' is defined twice", section + 6);
		claim *arr = realloc(cl->c, (cl->n + 1) * sizeof *arr);
		if (!arr)
			return ms_error(r->d, cl->file, line, 0, "out of memory");
		cl->c = arr;
		r->cur = &arr[cl->n];
		memset(r->cur, 0, sizeof *r->cur);
		r->cur->line = line;
		r->cur->hours = 24;
		cl->n++;
		return set_str(&r->cur->id, section + 6, r, line);
	}
	if (r->in_article) {
		if (!strcmp(k, "title")) return set_str(&cl->title, v, r, line);
		if (!strcmp(k, "date")) return set_str(&cl->published, v, r, line);
		if (!strcmp(k, "file")) return set_str(&cl->article, v, r, line);
		return ms_ini_unknown_key(r->d, cl->file, line, k, article_keys);
	}
	return set_claim_key(r, r->cur, k, v, line);
}

static const claim *find_claim(const ms_claims *cl, const char *id, size_t n)
{
	for (size_t i = 0; i < cl->n; i++)
		if (strlen(cl->c[i].id) == n && !strncmp(cl->c[i].id, id, n))
			return &cl->c[i];
	return NULL;
}

/* implied = change(A, B) | difference(A, B): two claim ids. */
static int parse_implied(const ms_claims *cl, const char *s, int *is_change, const claim **a,
			 const claim **b)
{
	const char *open = strchr(s, '('), *comma = open ? strchr(open, ',') : NULL;
	const char *close = comma ? strchr(comma, ')') : NULL;
	if (!close || close[1])
		return -1;
	size_t fn = (size_t)(open - s);
	if (fn == 6 && !strncmp(s, "change", 6))
		*is_change = 1;
	else if (fn == 10 && !strncmp(s, "difference", 10))
		*is_change = 0;
	else
		return -1;
	const char *p = open + 1, *q = comma + 1;
	while (*p == ' ')
		p++;
	while (*q == ' ')
		q++;
	size_t an = (size_t)(comma - p), bn = (size_t)(close - q);
	while (an && p[an - 1] == ' ')
		an--;
	while (bn && q[bn - 1] == ' ')
		bn--;
	*a = find_claim(cl, p, an);
	*b = find_claim(cl, q, bn);
	return *a && *b ? 0 : -1;
}

static int check_claims(ms_claims *cl, ms_diag *d)
{
	int rc = 0;
	for (size_t i = 0; i < cl->n; i++) {
		claim *c = &cl->c[i];
		if (!c->quote || !c->stat || !c->has_value || !c->has_tolerance)
			rc = ms_error(d, cl->file, c->line, 1, "claim '%s' needs quote, stat, value and tolerance", c->id);
		int is_change;
		const claim *a, *b;
		if (c->implied && parse_implied(cl, c->implied, &is_change, &a, &b))
			rc = ms_error(d, cl->file, c->line, 1, "claim '%s': implied = '%s' must be change(ID, ID) "
				      "or difference(ID, ID) over claims of this file", c->id, c->implied);
	}
	return rc;
}

ms_claims *ms_claims_parse(const char *file, const char *text, size_t len, ms_diag *d)
{
	ms_claims *cl = calloc(1, sizeof *cl);
	if (!cl || !(cl->file = strdup(file))) {
		free(cl);
		ms_error(d, file, 0, 0, "out of memory");
		return NULL;
	}
	reader r = { cl, NULL, 0, d };
	if (ms_ini_parse(file, text, len, on_pair, &r, d) || check_claims(cl, d)) {
		ms_claims_free(cl);
		return NULL;
	}
	return cl;
}

ms_claims *ms_claims_load(const char *path, ms_diag *d)
{
	ms_buf text;
	ms_buf_init(&text, 0);
	ms_claims *cl = NULL;
	if (!ms_read_file(path, &text, 1u << 20, d))
		cl = ms_claims_parse(path, text.data, text.len, d);
	ms_buf_release(&text);
	return cl;
}

/* ---- recomputing ---- */

typedef struct outcome {
	struct { const char *venue; double v; } val[MAX_VALUES];
	size_t n;
	double range_lo[MAX_VALUES], range_hi[MAX_VALUES];   /* traded_on: each venue's day range */
	char note[320];
	const char *needs;        /* what would make an unverifiable claim checkable */
	int partial;              /* the data covers only part of what the claim is about */
	double partial_value;
	char partial_what[64];    /* which part: "BTC + ETH contracts" */
} outcome;

/* A claim is recomputed on views cut at its own date: the data a reader
 * had at the end of day (the claim's date, or the article's). */
typedef struct ctx {
	const ms_config *cfg;
	const ms_dataset *ds;    /* the views at day */
	size_t nds;
	int64_t day;             /* the last day of data the claim is checked against */
} ctx;

static void add(outcome *o, const char *venue, double v)
{
	if (o->n < MAX_VALUES && isfinite(v)) {
		o->val[o->n].venue = venue;
		o->val[o->n].v = v;
		o->n++;
	}
}

/* Daily bars of a venue: its own, or built from its intraday bars. */
static const ms_series *daily_of(const ms_dataset *d)
{
	if (d->daily)
		return d->daily;
	return ms_is_daily_price(d) ? d->series : NULL;
}

static int is_asset(const ms_dataset *d, const claim *c)
{
	return c->asset && !strcmp(d->cfg->asset, c->asset) && !strcmp(d->cfg->metric, "price");
}

static int64_t claim_day(const ctx *x, const claim *c)
{
	return c->has_date ? ms_day_floor(c->date) : x->day;
}

/* The highest high (or close) of s in [from, to), only when s covers the
 * whole range; NAN otherwise. */
static double highest(const ms_series *s, int64_t from, int64_t to, enum ms_col col)
{
	if (!s->n || s->t[0] > from || s->t[s->n - 1] < to - MS_DAY)
		return NAN;
	size_t lo, hi;
	ms_series_range(s, from, to, &lo, &hi);
	long i = ms_argmax(s->col[col], lo, hi);
	return i < 0 ? NAN : s->col[col][i];
}

static void venue_label(char *out, size_t n, const ms_dataset *d, const char *what)
{
	snprintf(out, n, "%s%s%s%s", d->cfg->venue, d->daily ? " (hourly bars)" : "", what ? ", " : "",
		 what ? what : "");
}

/* Venue labels live as long as the check: one pool of strings per run. */
typedef struct labels {
	char text[MAX_VALUES * 4][96];
	size_t n;
} labels;

static const char *label(labels *L, const ms_dataset *d, const char *what)
{
	if (L->n == sizeof L->text / sizeof L->text[0])
		return d->cfg->venue;
	venue_label(L->text[L->n], sizeof L->text[0], d, what);
	return L->text[L->n++];
}

static void price_stat(const ctx *x, const claim *c, outcome *o, labels *L)
{
	int64_t day = claim_day(x, c);
	/* a period still running at the as-of date has a high "so far" */
	int64_t pto = c->period_to < x->day + MS_DAY ? c->period_to : x->day + MS_DAY;
	for (size_t i = 0; i < x->nds; i++) {
		const ms_dataset *d = &x->ds[i];
		const ms_series *s = daily_of(d);
		if (!s || !is_asset(d, c))
			continue;
		long at = ms_series_at(s, day);
		const char *st = c->stat;
		if (!strcmp(st, "close") && at >= 0) {
			add(o, label(L, d, NULL), s->col[MS_CLOSE][at]);
		} else if (!strcmp(st, "traded_on") && at >= 0 && o->n < MAX_VALUES) {
			o->range_lo[o->n] = s->col[MS_LOW][at];
			o->range_hi[o->n] = s->col[MS_HIGH][at];
			add(o, label(L, d, NULL), s->col[MS_CLOSE][at]);
		} else if (!strcmp(st, "period_high") && c->has_period) {
			add(o, label(L, d, NULL), highest(s, c->period_from, pto, MS_HIGH));
		} else if (!strcmp(st, "drawdown_from_period_high") && c->has_period && at >= 0) {
			double h = highest(s, c->period_from, pto, MS_HIGH);
			add(o, label(L, d, NULL), (s->col[MS_CLOSE][at] / h - 1) * 100);
		} else if (!strcmp(st, "ath") || !strcmp(st, "drawdown_from_ath")) {
			/* an all-time high needs the whole window: venues starting later are left out */
			int close_too = c->kind && !strcmp(c->kind, "both");
			int close_only = c->kind && !strcmp(c->kind, "close");
			double hi = highest(s, x->cfg->window_start, day + MS_DAY, MS_HIGH);
			double cl = highest(s, x->cfg->window_start, day + MS_DAY, MS_CLOSE);
			int dd = !strcmp(st, "drawdown_from_ath");
			if (dd && at < 0)
				continue;
			double last = dd ? s->col[MS_CLOSE][at] : 0;
			if (!close_only)
				add(o, label(L, d, close_too ? "intraday" : NULL), dd ? (last / hi - 1) * 100 : hi);
			if (close_only || close_too)
				add(o, label(L, d, "close"), dd ? (last / cl - 1) * 100 : cl);
		} else if (!strcmp(st, "max_drawdown")) {
			size_t lo, hi;
			ms_series_range(s, x->cfg->window_start, day + MS_DAY, &lo, &hi);
			ms_drawdown dd;
			if (s->t[0] <= x->cfg->window_start && hi > lo &&
			    !ms_max_drawdown(s->col[MS_CLOSE] + lo, hi - lo, &dd))
				add(o, label(L, d, NULL), dd.depth * 100);
		} else if (!strcmp(st, "intraday_drop") && at >= 0) {
			int open_low = c->kind && !strcmp(c->kind, "open_low");
			double ref = open_low ? s->col[MS_OPEN][at] : s->col[MS_HIGH][at];
			add(o, label(L, d, NULL), (s->col[MS_LOW][at] / ref - 1) * 100);
		}
	}
	o->needs = "daily or hourly prices of the asset (formats cryptoquant_ohlcv, coinmarketcap_export, "
		   "binance_klines_csv, coinbase_candles_csv)";
}

static void hourly_stat(const ctx *x, const claim *c, outcome *o, labels *L)
{
	int64_t to = c->has_to ? c->to : x->day + MS_DAY;
	int64_t from = !strcmp(c->stat, "low_between") && c->has_from ? c->from :
		       to - (int64_t)(c->hours * 3600);
	for (size_t i = 0; i < x->nds; i++) {
		const ms_dataset *d = &x->ds[i];
		const ms_series *s = d->series;
		if (!d->daily || !is_asset(d, c))
			continue;
		size_t lo, hi;
		ms_series_range(s, from, to - s->step + 1, &lo, &hi);
		if (hi <= lo || s->t[lo] > from + s->step)
			continue;           /* the venue does not cover the window */
		if (!strcmp(c->stat, "low_between")) {
			double low = s->col[MS_LOW][lo];
			for (size_t k = lo; k < hi; k++)
				low = fmin(low, s->col[MS_LOW][k]);
			add(o, label(L, d, NULL), low);
			continue;
		}
		ms_retracement r;
		if (!ms_worst_retracement(s->t + lo, s->col[MS_HIGH] + lo, s->col[MS_LOW] + lo, hi - lo,
					  s->step, (int64_t)(c->hours * 3600), 0, &r))
			add(o, label(L, d, NULL), r.depth * 100);
	}
	o->needs = "hourly prices of the asset (formats binance_klines_csv, coinbase_candles_csv)";
}

static long value_on(const ms_dataset *d, int64_t day)
{
	return d ? ms_series_at(d->series, day) : -1;
}

static void market_stat(const ctx *x, const claim *c, outcome *o)
{
	const ms_dataset *m = ms_find_metric(x->ds, x->nds, "market_cap", "");
	int64_t day = claim_day(x, c);
	o->needs = "total crypto market capitalisation (format coingecko_global_mcap)";
	if (!m)
		return;
	const ms_series *s = m->series;
	size_t lo, hi;
	ms_series_range(s, x->cfg->window_start, day + MS_DAY, &lo, &hi);
	long at = value_on(m, day), pk = ms_argmax(s->col[MS_VALUE], lo, hi);
	if (!strcmp(c->stat, "mcap_on") && at >= 0)
		add(o, m->cfg->venue, s->col[MS_VALUE][at]);
	else if (!strcmp(c->stat, "mcap_peak") && pk >= 0)
		add(o, m->cfg->venue, s->col[MS_VALUE][pk]);
	else if (!strcmp(c->stat, "mcap_lost") && pk >= 0 && at >= 0)
		add(o, m->cfg->venue, s->col[MS_VALUE][pk] - s->col[MS_VALUE][at]);
}

static void liquidation_stat(const ctx *x, const claim *c, outcome *o)
{
	static const char *const assets[] = { "BTC", "ETH" };
	int64_t day = claim_day(x, c);
	int all = !c->scope || !strcmp(c->scope, "all");
	double sum = 0;
	int found = 0;
	char which[64] = "";
	o->needs = "liquidations of every coin (an all-market source such as CoinGlass's aggregated "
		   "liquidation history); the loaded data covers BTC- and ETH-margined contracts only";
	if (!strcmp(c->stat, "traders_liquidated")) {
		o->needs = "a count of liquidated traders (no loaded source counts them)";
		return;
	}
	for (size_t k = 0; k < 2; k++) {
		if (!all && strcmp(c->scope, assets[k]))
			continue;
		const ms_dataset *lg = ms_find_metric(x->ds, x->nds, "long_liquidations", assets[k]);
		const ms_dataset *sh = ms_find_metric(x->ds, x->nds, "short_liquidations", assets[k]);
		long l = value_on(lg, day), s = value_on(sh, day);
		if (l < 0 || s < 0)
			continue;
		sum += lg->series->col[MS_VALUE][l] + sh->series->col[MS_VALUE][s];
		snprintf(which + strlen(which), sizeof which - strlen(which), "%s%s", found ? " + " : "", assets[k]);
		found = 1;
	}
	if (!found)
		return;
	if (all) {
		/* a total over every coin cannot be checked with some coins: a lower bound only */
		o->partial = 1;
		o->partial_value = sum;
		snprintf(o->partial_what, sizeof o->partial_what, "%.50s contracts", which);
		return;
	}
	add(o, "CryptoQuant", sum);
}

static void etf_stat(const ctx *x, const claim *c, outcome *o)
{
	const ms_dataset *f = ms_find_metric(x->ds, x->nds, "etf_flows", "");
	o->needs = "US spot ETF daily flows (format farside_flows_csv) and daily closes of their asset";
	if (!f)
		return;
	const ms_series *s = f->series;
	if (!strcmp(c->stat, "etf_month_net")) {
		if (!c->has_period)
			return;
		size_t lo, hi;
		ms_series_range(s, c->period_from, c->period_to, &lo, &hi);
		double net = 0, out = 0;
		for (size_t i = lo; i < hi; i++) {
			net += s->col[MS_VALUE][i];
			if (s->col[MS_VALUE][i] < 0)
				out += s->col[MS_VALUE][i];
		}
		if (hi > lo) {
			add(o, f->cfg->venue, net);
			char disp[64];
			ms_fmt_usd_compact(disp, sizeof disp, out * 1e6);
			snprintf(o->note, sizeof o->note, "net flow of the month; the outflow days alone sum to %s", disp);
		}
		return;
	}
	/* the figures layer's cost basis, on the views at the claim's date */
	ms_basis b;
	ms_basis_compute(x->ds, x->nds, x->cfg->primary, &b);
	if (b.has) {
		add(o, f->cfg->venue, b.cb.basis);
		char through[11];
		ms_fmt_date(b.last_flow, through);
		snprintf(o->note, sizeof o->note, "every flow up to %s, priced at %s closes (%s)%s", through,
			 b.flows->cfg->asset, b.prices->cfg->venue, b.cb.unpriced ? "; some flow days had no close" : "");
	}
}

static void recompute(const ctx *x, const claim *c, outcome *o, labels *L)
{
	memset(o, 0, sizeof *o);
	const char *st = c->stat;
	if (!strcmp(st, "retracement_24h") || !strcmp(st, "low_between"))
		hourly_stat(x, c, o, L);
	else if (!strncmp(st, "mcap_", 5))
		market_stat(x, c, o);
	else if (!strcmp(st, "liquidations_total") || !strcmp(st, "traders_liquidated"))
		liquidation_stat(x, c, o);
	else if (!strncmp(st, "etf_", 4))
		etf_stat(x, c, o);
	else
		price_stat(x, c, o, L);
}

/* ---- verdicts ---- */

static void show(char *out, size_t n, double v, enum unit u)
{
	switch (u) {
	case U_USD:
		if (fabs(v) >= 1e9)
			ms_fmt_usd_compact(out, n, v);
		else
			ms_fmt_usd(out, n, v);
		break;
	case U_USD_MILLIONS: ms_fmt_usd_compact(out, n, v * 1e6); break;
	case U_PERCENT: ms_fmt_pct(out, n, v / 100, 1); break;
	case U_COUNT: ms_fmt_grouped(out, n, v, 0); break;
	}
}

static double implied_value(const ms_claims *cl, const claim *c)
{
	int is_change;
	const claim *a, *b;
	if (!c->implied || parse_implied(cl, c->implied, &is_change, &a, &b))
		return NAN;
	return is_change ? (b->value / a->value - 1) * 100 : a->value - b->value;
}

static int holds(const claim *c, double v)
{
	switch (c->op) {
	case OP_AT_LEAST: return v >= c->value - c->tolerance;
	case OP_AT_MOST: return v <= c->value + c->tolerance;
	default: return fabs(v - c->value) <= c->tolerance;
	}
}

static json_t *judge(const ms_claims *cl, const claim *c, const outcome *o)
{
	json_t *j = json_object();
	char buf[128], buf2[192];
	json_object_set_new(j, "id", json_string(c->id));
	json_object_set_new(j, "quote", json_string(c->quote));
	json_object_set_new(j, "stat", json_string(c->stat));
	static const char *const unit_names[] = { "USD", "USD millions", "percent", "count" };
	json_object_set_new(j, "unit", json_string(unit_names[c->unit]));
	json_object_set_new(j, "article_value", json_real(c->value));
	show(buf, sizeof buf, c->value, c->unit);
	if (c->op != OP_EQUAL) {
		snprintf(buf2, sizeof buf2, "%s %s", c->op == OP_AT_LEAST ? "at least" : "at most", buf);
		json_object_set_new(j, "article_display", json_string(buf2));
	} else {
		json_object_set_new(j, "article_display", json_string(buf));
	}
	json_object_set_new(j, "tolerance", json_real(c->tolerance));
	if (c->unit == U_PERCENT)
		snprintf(buf2, sizeof buf2, "\xC2\xB1%g pp", c->tolerance);
	else {
		show(buf, sizeof buf, c->tolerance, c->unit);
		snprintf(buf2, sizeof buf2, "\xC2\xB1%s", buf);
	}
	json_object_set_new(j, "tolerance_display", json_string(buf2));
	json_t *vals = json_array();
	double lo = INFINITY, hi = -INFINITY, closest = NAN;
	int ok = 0;
	for (size_t i = 0; i < o->n; i++) {
		double v = o->val[i].v;
		json_t *vj = json_object();
		show(buf, sizeof buf, v, c->unit);
		json_object_set_new(vj, "venue", json_string(o->val[i].venue));
		json_object_set_new(vj, "value", json_real(v));
		json_object_set_new(vj, "display", json_string(buf));
		if (!strcmp(c->stat, "traded_on")) {
			char a[56], b[56];
			show(a, sizeof a, o->range_lo[i], c->unit);
			show(b, sizeof b, o->range_hi[i], c->unit);
			snprintf(buf2, sizeof buf2, "%s\xE2\x80\x93%s", a, b);
			json_object_set_new(vj, "display", json_string(buf2));
			lo = fmin(lo, o->range_lo[i]);
			hi = fmax(hi, o->range_hi[i]);
			if (c->value >= o->range_lo[i] - c->tolerance && c->value <= o->range_hi[i] + c->tolerance)
				ok = 1;
		} else {
			lo = fmin(lo, v);
			hi = fmax(hi, v);
			ok |= holds(c, v);
		}
		if (isnan(closest) || fabs(v - c->value) < fabs(closest - c->value))
			closest = v;
		json_array_append_new(vals, vj);
	}
	/* several venues: judge against their spread, not one venue */
	if (c->op == OP_EQUAL && o->n > 1 && strcmp(c->stat, "traded_on"))
		ok = c->value >= lo - c->tolerance && c->value <= hi + c->tolerance;
	json_object_set_new(j, "data_values", vals);
	json_object_set_new(j, "data_value", o->n ? json_real(closest) : json_null());
	if (o->n) {
		char a[56], b[56];
		show(a, sizeof a, lo, c->unit);
		show(b, sizeof b, hi, c->unit);
		if (o->n == 1 && strcmp(c->stat, "traded_on"))
			snprintf(buf, sizeof buf, "%s", a);
		else
			snprintf(buf, sizeof buf, "%s to %s", a, b);
		json_object_set_new(j, "data_display", json_string(buf));
	} else if (o->partial) {
		show(buf, sizeof buf, o->partial_value, c->unit);
		snprintf(buf2, sizeof buf2, "%s (partial)", buf);
		json_object_set_new(j, "data_display", json_string(buf2));
		json_object_set_new(j, "partial_value", json_real(o->partial_value));
	} else {
		json_object_set_new(j, "data_display", json_string("\xE2\x80\x93"));
	}
	double implied = implied_value(cl, c);
	const char *verdict;
	char note[512];
	snprintf(note, sizeof note, "%s", o->note);
	if (o->partial) {
		show(buf, sizeof buf, o->partial_value, c->unit);
		snprintf(note, sizeof note, "the loaded data (%s) sums to %s, a lower bound; needs %s",
			 o->partial_what, buf, o->needs);
	}
	if (!isnan(implied) && fabs(implied - c->value) > c->tolerance) {
		verdict = "inconsistent";
		show(buf, sizeof buf, implied, c->unit);
		json_object_set_new(j, "implied_value", json_real(implied));
		snprintf(note + strlen(note), sizeof note - strlen(note), "%sthe article's own figures give %s (%s)",
			 *note ? "; " : "", buf, c->implied);
	} else if (!o->n) {
		verdict = "unverifiable";
		if (!o->partial)
			snprintf(note + strlen(note), sizeof note - strlen(note), "%sneeds %s", *note ? "; " : "", o->needs);
	} else {
		verdict = ok ? "confirmed" : "differs";
	}
	if (c->note)
		snprintf(note + strlen(note), sizeof note - strlen(note), "%s%s", *note ? "; " : "", c->note);
	json_object_set_new(j, "verdict", json_string(verdict));
	json_object_set_new(j, "note", json_string(note));
	return j;
}

/* The last day of data a claim may use: its own date (or the day its
 * range ends), never later than the article's date or the as-of date. */
static int64_t checked_day(const claim *c, int64_t article_day)
{
	int64_t day = c->has_date ? ms_day_floor(c->date) : c->has_to ? ms_day_floor(c->to - 1) : article_day;
	return day < article_day ? day : article_day;
}

static json_t *article_block(const ms_claims *cl)
{
	json_t *article = json_object();
	json_object_set_new(article, "title", json_string(cl->title ? cl->title : ""));
	json_object_set_new(article, "date", json_string(cl->published ? cl->published : ""));
	json_object_set_new(article, "file", json_string(cl->article ? cl->article : ""));
	return article;
}

json_t *ms_claims_check(const ms_claims *cl, const ms_config *cfg, const ms_dataset *ds, size_t nds)
{
	int64_t article_day = cfg->as_of;
	if (cl->published && ms_parse_date(cl->published, &article_day))
		article_day = cfg->as_of;
	json_t *r = json_object();
	json_t *article = article_block(cl);
	int64_t published;
	char text[32] = "";
	if (cl->published && !ms_parse_date(cl->published, &published))
		ms_fmt_day_text(published, text, sizeof text);
	json_object_set_new(article, "date_text", json_string(text));
	json_object_set_new(r, "article", article);
	ms_json_set_day(r, "checked_through", 1, article_day < cfg->as_of ? article_day : cfg->as_of);
	json_object_set_new(r, "tolerance_rule", json_string(
		"a figure is confirmed when it lies within the claim's tolerance of the data (of the range across "
		"venues where several give it); the tolerance is half a unit of the last digit the article quotes "
		"unless the claims file says otherwise"));
	/* an article published after the as-of date is not known yet */
	json_object_set_new(r, "checked", json_boolean(article_day <= cfg->as_of));
	if (article_day > cfg->as_of) {
		json_object_set_new(r, "counts", json_null());
		json_object_set_new(r, "items", json_array());
		return r;
	}
	labels *L = calloc(1, sizeof *L);
	if (!L) {
		json_decref(r);
		return NULL;
	}
	json_t *items = json_array();
	int counts[4] = { 0, 0, 0, 0 };
	static const char *const verdicts[] = { "confirmed", "differs", "inconsistent", "unverifiable" };
	int failed = 0;
	for (size_t i = 0; i < cl->n; i++) {
		outcome o;
		ms_views v;
		int64_t day = checked_day(&cl->c[i], article_day);
		if (ms_views_at(ds, nds, cfg->window_start, day + MS_DAY, &v)) {
			failed = 1;
			break;
		}
		ctx x = { cfg, v.ds, v.n, day };
		L->n = 0;
		recompute(&x, &cl->c[i], &o, L);
		json_t *j = judge(cl, &cl->c[i], &o);
		ms_views_release(&v);
		json_object_set_new(j, "number", json_integer((json_int_t)i + 1));
		json_object_set_new(j, "checked_through", ms_json_date(day));
		/* the venue labels are copied into j: the pool can be reused */
		const char *vd = json_string_value(json_object_get(j, "verdict"));
		for (int k = 0; k < 4; k++)
			counts[k] += vd && !strcmp(vd, verdicts[k]);
		json_array_append_new(items, j);
	}
	free(L);
	if (failed) {
		json_decref(items);
		json_decref(r);
		return NULL;
	}
	json_t *cj = json_object();
	for (int k = 0; k < 4; k++)
		json_object_set_new(cj, verdicts[k], json_integer(counts[k]));
	json_object_set_new(cj, "total", json_integer((json_int_t)cl->n));
	json_object_set_new(r, "counts", cj);
	json_object_set_new(r, "items", items);
	return r;
}

/* Display width of UTF-8 text: one column per code point. */
static size_t width(const char *s)
{
	size_t w = 0;
	for (; s && *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

static void cell(ms_buf *out, const char *s, size_t w, int right)
{
	size_t have = width(s);
	if (right)
		for (size_t i = have; i < w; i++)
			ms_buf_putc(out, ' ');
	ms_buf_puts(out, s ? s : "");
	if (!right)
		for (size_t i = have; i < w; i++)
			ms_buf_putc(out, ' ');
}

void ms_claims_table(const json_t *result, ms_buf *out)
{
	if (!json_is_true(json_object_get(result, "checked"))) {
		ms_buf_printf(out, "The article is dated %s, after the as-of date: its claims are not checked.\n",
			      json_string_value(json_object_get(json_object_get(result, "article"), "date")));
		return;
	}
	enum { NCOL = 6, LAST = NCOL - 1 };
	static const char *const head[NCOL] = { "ID", "VERDICT", "ARTICLE", "DATA", "DATA TO", "CLAIM" };
	static const char *const key[NCOL] = { "id", "verdict", "article_display", "data_display", "checked_through",
					       "quote" };
	const json_t *items = json_object_get(result, "items");
	size_t w[NCOL];
	for (int k = 0; k < NCOL; k++)
		w[k] = width(head[k]);
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
		for (int k = 0; k < LAST; k++)
			w[k] = fmax(w[k], width(json_string_value(json_object_get(it, key[k]))));
	for (int k = 0; k < NCOL; k++) {
		cell(out, head[k], k == LAST ? 0 : w[k], k == 2 || k == 3);
		ms_buf_puts(out, k == LAST ? "\n" : "  ");
	}
	json_array_foreach(items, i, it) {
		for (int k = 0; k < NCOL; k++) {
			cell(out, json_string_value(json_object_get(it, key[k])), k == LAST ? 0 : w[k], k == 2 || k == 3);
			ms_buf_puts(out, k == LAST ? "\n" : "  ");
		}
		const char *note = json_string_value(json_object_get(it, "note"));
		if (note && *note) {
			for (size_t s = 0; s < w[0] + 2; s++)
				ms_buf_putc(out, ' ');
			ms_buf_printf(out, "note: %s\n", note);
		}
	}
	const json_t *c = json_object_get(result, "counts");
	ms_buf_printf(out, "\n%lld confirmed, %lld differ, %lld inconsistent, %lld unverifiable\n",
		      (long long)json_integer_value(json_object_get(c, "confirmed")),
		      (long long)json_integer_value(json_object_get(c, "differs")),
		      (long long)json_integer_value(json_object_get(c, "inconsistent")),
		      (long long)json_integer_value(json_object_get(c, "unverifiable")));
	ms_buf_printf(out, "Each claim is checked with the data up to the date in DATA TO; the rule: %s.\n",
		      json_string_value(json_object_get(result, "tolerance_rule")));
}
