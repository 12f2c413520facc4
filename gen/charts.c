#include "charts.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asset.h"
#include "fmt.h"
#include "model_fig.h"
#include "phrase.h"
#include "utc.h"

const char *const ms_chart_ids[] = {
	"price", "underwater", "etf_flows", "etf_monthly", "liquidations", "market_cap", "fear_greed",
	"returns", "volatility", "week", "stress", "cycles", "open_interest", "funding", NULL
};

#define H_TALL (290.0 * x->height_scale)
#define H_SHORT (220.0 * x->height_scale)

typedef struct ctx {
	const ms_figures *fig;
	const ms_config *cfg;
	const ms_dataset *ds;
	size_t nds;
	const ms_fontset *fonts;
	ms_chartset *out;
	double width, type_scale, height_scale;   /* the layout (ms_chart_layout) */
	const char *id_suffix;
	int failed;
} ctx;

static void keep(ctx *x, ms_chart *c)
{
	size_t len = c ? strlen(c->id) : 0, add = strlen(x->id_suffix);
	char *id = c && add ? realloc(c->id, len + add + 1) : NULL;
	if (id) {
		memcpy(id + len, x->id_suffix, add + 1);
		c->id = id;
	}
	if (!c || (add && !id) || x->out->n == MS_MAX_CHARTS) {
		x->failed = 1;
		ms_chart_free(c);
		return;
	}
	x->out->chart[x->out->n++] = c;
}

static const ms_dataset *hourly(const ctx *x, const char *asset)
{
	for (size_t i = 0; i < x->nds; i++)
		if (x->ds[i].daily && !strcmp(x->ds[i].cfg->asset, asset))
			return &x->ds[i];
	return NULL;
}

static void note(char *out, size_t n, const ctx *x, const ms_dataset *d)
{
	char day[11];
	ms_fmt_date(x->cfg->as_of, day);
	/* "CryptoQuant (CryptoQuant)" says it once */
	if (!strcmp(d->fmt.provider, d->cfg->venue))
		snprintf(out, n, "Source: %s. UTC. As of %s.", d->fmt.provider, day);
	else
		snprintf(out, n, "Source: %s (%s). UTC. As of %s.", d->fmt.provider, d->cfg->venue, day);
}

/* Hourly venues may quote in USDT: their labels and axis say so. */
static int in_dollars(const ms_dataset *d)
{
	return !d->fmt.quote || !strcmp(d->fmt.quote, "USD");
}

static const char *unit_word(const ms_dataset *d)
{
	return in_dollars(d) ? "US$" : d->fmt.quote;
}

static void extent(const double *v, size_t n, double *lo, double *hi)
{
	for (size_t i = 0; i < n; i++) {
		*lo = fmin(*lo, v[i]);
		*hi = fmax(*hi, v[i]);
	}
}

static void date_of(char out[11], int64_t t)
{
	ms_fmt_date(t, out);
}

/* The ETF cost basis as it stood day by day (the flows bought at different
 * prices over time), labelled with today's value at its end. */
static int basis_line(ms_plot *p, const ms_figures *fig, int64_t from, char *label, size_t n)
{
	const ms_series *fs = fig->basis.flows->series;
	int64_t *bt = malloc(fs->n * sizeof *bt);
	double *bv = malloc(fs->n * sizeof *bv);
	if (!bt || !bv) {
		free(bt);
		free(bv);
		return -1;
	}
	size_t k = 0;
	for (size_t i = 0; i < fs->n; i++)
		if (!isnan(fig->basis_running[i]) && fs->t[i] >= from) {
			bt[k] = fs->t[i];
			bv[k++] = fig->basis_running[i];
		}
	if (k) {
		char a[32];
		ms_fmt_usd(a, sizeof a, fig->basis.cb.basis);
		snprintf(label, n, "ETF cost basis %s", a);
		ms_plot_line(p, (ms_xs){ bt, NULL }, bv, k, MS_GREEN, 1.1, 0);
		ms_plot_mark(p, (double)bt[k - 1], bv[k - 1], label);
	}
	free(bt);
	free(bv);
	return 0;
}

/* 1. The price since the window start: the fall below the running high
 * shaded, the all-time high as a reference line, the ETF cost basis as it
 * stood day by day, the deepest drawdown's peak and trough and the crash
 * days annotated. */
static void price_chart(ctx *x, const ms_dataset *d)
{
	const ms_series *s = d->series;
	size_t n = d->hi - d->lo;
	const int64_t *t = s->t + d->lo;
	const double *cl = s->col[MS_CLOSE] + d->lo;
	const double *under = x->fig->underwater;
	double *hwm = malloc(n * sizeof *hwm);
	if (!hwm) {
		x->failed = 1;
		return;
	}
	for (size_t i = 0; i < n; i++)
		hwm[i] = cl[i] / (1 + under[i]);
	/* the figures' own values: the chart never recomputes them */
	const ms_price_figures *pf = x->fig->primary_price;
	size_t ath = pf->ath_high;
	ms_drawdown dd = pf->maxdd;
	dd.peak -= d->lo;
	dd.trough -= d->lo;
	/* the ETF cost basis, when it is of the charted asset */
	double basis = NAN;
	const ms_basis *bs = &x->fig->basis;
	if (bs->has && !strcmp(bs->flows->cfg->asset, d->cfg->asset))
		basis = bs->cb.basis;
	double lo = INFINITY, hi = -INFINITY;
	extent(cl, n, &lo, &hi);
	hi = fmax(hi, s->col[MS_HIGH][ath]);
	char title[192], sub[160], nt[160], desc[512], ath_l[160], basis_l[96], peak_l[64], trough_l[64];
	char a[32], b[32], c[32], dp[11], dt[11], da[11], nt2[32];
	snprintf(sub, sizeof sub, "Daily close, US$. Shaded: the fall below the running high. Green: the ETF cost basis as it stood.");
	note(nt, sizeof nt, x, d);
	ms_fmt_usd(a, sizeof a, s->col[MS_HIGH][ath]);
	date_of(da, s->t[ath]);
	ms_asset asset = ms_asset_of(d->cfg->asset);
	char high[64], high_lc[64], below[32];
	ms_asset_high_label(&asset, s->t[0], 1, high, sizeof high);
	ms_asset_high_label(&asset, s->t[0], 0, high_lc, sizeof high_lc);
	/* the title says what the chart shows, by the figure's sign */
	if (ms_direction(pf->from_ath_high, 0) == MS_DIR_DOWN) {
		ms_fmt_magnitude(below, sizeof below, pf->from_ath_high, 0);
		snprintf(title, sizeof title, "%s is %s below its %s", asset.name, below, high_lc);
	} else {
		snprintf(title, sizeof title, "%s at its %s", asset.name, high_lc);
	}
	snprintf(ath_l, sizeof ath_l, "%s: %s (%s)", high, a, da);
	ms_fmt_usd_compact(a, sizeof a, cl[dd.peak]);
	ms_fmt_usd_compact(b, sizeof b, cl[dd.trough]);
	ms_fmt_pct(c, sizeof c, dd.depth, 1);
	date_of(dp, t[dd.peak]);
	date_of(dt, t[dd.trough]);
	snprintf(peak_l, sizeof peak_l, "Peak %s, %s", a, dp);
	snprintf(trough_l, sizeof trough_l, "Trough %s, %s", b, dt);
	ms_fmt_usd(nt2, sizeof nt2, s->col[MS_HIGH][ath]);
	snprintf(desc, sizeof desc, "Line chart of the %s daily close. %s: %s on %s; the deepest "
		 "fall from a closing high ran from %s on %s to %s on %s (%s).", d->cfg->asset, high, nt2, da,
		 a, dp, b, dt, c);
	ms_frame fr = { .id = "price", .title = title, .subtitle = sub, .note = nt, .desc = desc, .width = x->width, .type_scale = x->type_scale,
			.height = H_TALL, .x_time = 1, .x0 = (double)t[0], .x1 = (double)t[n - 1], .y0 = lo,
			.y1 = hi, .y_fmt = MS_AX_USD };
	ms_plot *p = ms_plot_begin(&fr, x->fonts);
	if (p) {
		ms_xs xs = { t, NULL };
		ms_plot_area(p, xs, cl, n, 0, hwm, ms_alpha(MS_VERMILLION, 0.28));
		ms_plot_line(p, xs, cl, n, MS_BLUE, 1.3, 0);
		ms_plot_hline(p, s->col[MS_HIGH][ath], MS_INK, 3, ath_l);
		if (!isnan(basis) && basis_line(p, x->fig, t[0], basis_l, sizeof basis_l))
			x->failed = 1;
		ms_plot_mark(p, (double)t[dd.peak], cl[dd.peak], peak_l);
		ms_plot_mark(p, (double)t[dd.trough], cl[dd.trough], trough_l);
		/* crash days: a dashed line and the date at the top */
		for (size_t k = 0; k < x->fig->ncrash; k++) {
			int64_t day = x->fig->crash_day[k];
			if (day < t[0] || day > t[n - 1])
				continue;
			int yy, mm, dd2;
			char l[48];
			ms_civil_from_days(day / MS_DAY, &yy, &mm, &dd2);
			snprintf(l, sizeof l, "Crash, %d %s", dd2, ms_month_abbr(mm));
			ms_plot_vline(p, (double)day, MS_GREY, l, 0);
		}
	}
	ms_chart *ch = ms_plot_end(p);
	if (ch) {
		char c0[32], c1[32], c2[32], c3[32], d0[11], d3[11];
		ms_fmt_usd(c0, sizeof c0, cl[0]);
		ms_fmt_usd(c1, sizeof c1, cl[dd.peak]);
		ms_fmt_usd(c2, sizeof c2, cl[dd.trough]);
		ms_fmt_usd(c3, sizeof c3, cl[n - 1]);
		date_of(d0, t[0]);
		date_of(d3, t[n - 1]);
		const char *cells[] = { "Point", "Date", "Close", "First day", d0, c0, "Peak", dp, c1,
					"Trough", dt, c2, "Latest", d3, c3 };
		if (ms_chart_set_table(ch, 3, cells, 15))
			x->failed = 1;
	}
	keep(x, ch);
	free(hwm);
}

/* 2. The underwater curve: how far below its running high the close is. */
static void underwater_chart(ctx *x, const ms_dataset *d)
{
	const ms_series *s = d->series;
	size_t n = d->hi - d->lo;
	const int64_t *t = s->t + d->lo;
	const double *under = x->fig->underwater;
	size_t deep = x->fig->primary_price->maxdd.trough - d->lo;
	char title[128], nt[160], desc[256], l[64], a[32], day[11];
	note(nt, sizeof nt, x, d);
	ms_fmt_pct(a, sizeof a, under[deep], 1);
	date_of(day, t[deep]);
	if (ms_direction(under[deep], 1) == MS_DIR_DOWN) {
		char depth[32], when[32];
		ms_fmt_magnitude(depth, sizeof depth, under[deep], 1);
		ms_fmt_day_short(t[deep], when, sizeof when);
		snprintf(title, sizeof title, "The deepest fall from a closing high: %s (%s)", depth, when);
	} else {
		snprintf(title, sizeof title, "%s has not closed below a closing high", d->cfg->asset);
	}
	snprintf(l, sizeof l, "%s, %s", a, day);
	snprintf(desc, sizeof desc, "Area chart of the %s drawdown from its running closing high; the deepest "
		 "point is %s on %s.", d->cfg->asset, a, day);
	ms_frame fr = { .id = "underwater", .title = title,
			.subtitle = "Drawdown from the running closing high; 0 % is a new high.", .note = nt,
			.desc = desc, .width = x->width, .type_scale = x->type_scale, .height = H_SHORT, .x_time = 1, .x0 = (double)t[0],
			.x1 = (double)t[n - 1], .y0 = under[deep] * 1.08, .y1 = 0, .y_fmt = MS_AX_PCT };
	ms_plot *p = ms_plot_begin(&fr, x->fonts);
	if (p) {
		ms_xs xs = { t, NULL };
		ms_plot_area(p, xs, under, n, 0, NULL, ms_alpha(MS_VERMILLION, 0.35));
		ms_plot_line(p, xs, under, n, MS_VERMILLION, 1.1, 0);
		ms_plot_mark(p, (double)t[deep], under[deep], l);
	}
	keep(x, ms_plot_end(p));
}

void ms_crash_chart_id(char *out, size_t n, size_t k)
{
	snprintf(out, n, "crash%zu", k + 1);
}

/* 3. Hourly candlesticks of a crash: the day and the next. */
static void crash_chart(ctx *x, const ms_dataset *d, size_t k)
{
	const ms_series *s = d->series;
	/* the day and the next, as far as the as-of date goes */
	int64_t from = x->fig->crash_day[k], to = from + 2 * MS_DAY;
	int with_next = to <= x->cfg->as_of + MS_DAY;
	if (!with_next)
		to = from + MS_DAY;
	size_t lo, hi;
	ms_series_range(s, from, to, &lo, &hi);
	if (hi <= lo + 1)
		return;
	double ylo = INFINITY, yhi = -INFINITY;
	extent(s->col[MS_LOW] + lo, hi - lo, &ylo, &yhi);
	extent(s->col[MS_HIGH] + lo, hi - lo, &ylo, &yhi);
	size_t il = lo, ih = lo;
	for (size_t i = lo; i < hi; i++) {
		if (s->col[MS_LOW][i] < s->col[MS_LOW][il])
			il = i;
		if (s->col[MS_HIGH][i] > s->col[MS_HIGH][ih])
			ih = i;
	}
	char id[16], title[128], nt[160], desc[320], day[11], next[11], a[32], b[32], lh[64], ll[64], t1[17], t2[17];
	ms_crash_chart_id(id, sizeof id, k);
	date_of(day, from);
	date_of(next, from + MS_DAY);
	/* the title: the figures' worst 24-hour fall to a low on this day */
	const ms_retracement *fall = NULL;
	for (size_t i = 0; i < x->fig->nretr; i++)
		if (x->fig->retr[i].ds == d && x->fig->retr[i].has_day[k])
			fall = &x->fig->retr[i].day[k];
	const char *name = ms_asset_of(d->cfg->asset).name;
	char when[32], depth[32], low[32];
	ms_fmt_day_short(from, when, sizeof when);
	if (fall && ms_direction(fall->depth, 1) == MS_DIR_DOWN) {
		ms_fmt_magnitude(depth, sizeof depth, fall->depth, 1);
		ms_fmt_price(low, sizeof low, s->col[MS_LOW][fall->trough], d->fmt.quote);
		snprintf(title, sizeof title, "%s fell %s within 24 hours to %s on %s", name, depth, low, when);
	} else if (with_next) {
		snprintf(title, sizeof title, "%s hour by hour, %s and the day after", name, when);
	} else {
		snprintf(title, sizeof title, "%s hour by hour, %s", name, when);
	}
	note(nt, sizeof nt, x, d);
	ms_fmt_price(a, sizeof a, s->col[MS_HIGH][ih], d->fmt.quote);
	ms_fmt_price(b, sizeof b, s->col[MS_LOW][il], d->fmt.quote);
	ms_fmt_datetime(s->t[ih], t1);
	ms_fmt_datetime(s->t[il], t2);
	snprintf(lh, sizeof lh, "High %s, %s", a, t1 + 11);
	snprintf(ll, sizeof ll, "Low %s, %s", b, t2 + 11);
	snprintf(desc, sizeof desc, "Hourly candlesticks of %s on %s (%s) from %s to the end of %s: the high was "
		 "%s at %s UTC, the low %s at %s UTC.", d->cfg->asset, d->cfg->venue, d->fmt.provider, day,
		 with_next ? next : day, a, t1, b, t2);
	ms_legend legend[] = { { "Hour closed up", MS_BLUE }, { "Hour closed down", MS_VERMILLION } };
	char sub[128];
	snprintf(sub, sizeof sub, "%s, %s. Body: open to close. Wick: low to high. UTC.", d->cfg->venue, unit_word(d));
	ms_frame fr = { .id = id, .title = title, .subtitle = sub,
			.note = nt, .desc = desc, .width = x->width, .type_scale = x->type_scale, .height = H_TALL, .x_time = 1, .x0 = (double)from,
			.x1 = (double)to, .y0 = ylo, .y1 = yhi, .y_fmt = in_dollars(d) ? MS_AX_USD : MS_AX_NUM,
			.legend = legend, .nlegend = 2 };
	ms_plot *p = ms_plot_begin(&fr, x->fonts);
	if (p) {
		/* candles are centred on their hour: shift by half a bar */
		int64_t *mid = malloc((hi - lo) * sizeof *mid);
		if (mid) {
			for (size_t i = lo; i < hi; i++)
				mid[i - lo] = s->t[i] + s->step / 2;
			ms_xs xs = { mid, NULL };
			ms_plot_candles(p, xs, s->col[MS_OPEN] + lo, s->col[MS_HIGH] + lo, s->col[MS_LOW] + lo,
					s->col[MS_CLOSE] + lo, hi - lo, (double)s->step, MS_BLUE, MS_VERMILLION);
			ms_plot_mark(p, (double)mid[ih - lo], s->col[MS_HIGH][ih], lh);
			ms_plot_mark(p, (double)mid[il - lo], s->col[MS_LOW][il], ll);
			free(mid);
		} else {
			x->failed = 1;
		}
	}
	keep(x, ms_plot_end(p));
}

/* The weekly's chart of the week: the seven days' hourly closes over the
 * band of each hour's low to high, the worst 24-hour fall shaded from its
 * high to its low. */
static void week_chart(ctx *x, const ms_week *w)
{
	const ms_dataset *d = w->hourly;
	const ms_series *s = d->series;
	size_t lo, hi;
	ms_series_range(s, w->from, w->to, &lo, &hi);
	if (hi <= lo + 1)
		return;
	size_t n = hi - lo, pk = w->worst.peak, tr = w->worst.trough;
	double ylo = INFINITY, yhi = -INFINITY;
	extent(s->col[MS_LOW] + lo, n, &ylo, &yhi);
	extent(s->col[MS_HIGH] + lo, n, &ylo, &yhi);
	/* the fall's shading: a box from the high's hour to the low's, from the
	 * high down to the low */
	double *level = malloc(2 * n * sizeof *level);
	int64_t *mid = malloc(n * sizeof *mid);
	if (!level || !mid) {
		free(level);
		free(mid);
		x->failed = 1;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		mid[i] = s->t[lo + i] + s->step / 2;
		level[i] = s->col[MS_HIGH][pk];
		level[n + i] = s->col[MS_LOW][tr];
	}
	char title[160], sub[160], nt[160], desc[384], depth[32], when[32], a[32], b[32], lh[64], ll[64];
	char t1[17], t2[17];
	const char *name = ms_asset_of(d->cfg->asset).name;
	ms_fmt_magnitude(depth, sizeof depth, w->worst.depth, 1);
	ms_fmt_day_short(s->t[tr], when, sizeof when);
	ms_fmt_price(a, sizeof a, s->col[MS_HIGH][pk], d->fmt.quote);
	ms_fmt_price(b, sizeof b, s->col[MS_LOW][tr], d->fmt.quote);
	ms_fmt_datetime(s->t[pk], t1);
	ms_fmt_datetime(s->t[tr], t2);
	if (ms_direction(w->worst.depth, 1) == MS_DIR_DOWN)
		snprintf(title, sizeof title, "The week's worst 24 hours: %s fell %s to a low on %s", name, depth, when);
	else
		snprintf(title, sizeof title, "%s's week, hour by hour", name);
	snprintf(sub, sizeof sub, "Hourly close, %s; the band is each hour's low to high. Shaded: the worst 24-hour fall.",
		 unit_word(d));
	note(nt, sizeof nt, x, d);
	snprintf(lh, sizeof lh, "High %s, %s", a, t1 + 11);
	snprintf(ll, sizeof ll, "Low %s, %s", b, t2 + 11);
	snprintf(desc, sizeof desc, "Line chart of the hourly %s close on %s over the seven days to %.10s; the worst "
		 "fall within 24 hours ran from a high of %s at %s UTC to a low of %s at %s UTC (%s).", d->cfg->asset,
		 d->cfg->venue, t2, a, t1, b, t2, depth);
	ms_frame fr = { .id = "week", .title = title, .subtitle = sub, .note = nt, .desc = desc, .width = x->width, .type_scale = x->type_scale,
			.height = H_TALL, .x_time = 1, .x_bar = (double)s->step, .x0 = (double)w->from, .x1 = (double)w->to, .y0 = ylo,
			.y1 = yhi, .y_fmt = in_dollars(d) ? MS_AX_USD : MS_AX_NUM };
	ms_plot *p = ms_plot_begin(&fr, x->fonts);
	if (p) {
		ms_xs xs = { mid, NULL };
		ms_plot_area(p, xs, s->col[MS_LOW] + lo, n, 0, s->col[MS_HIGH] + lo, ms_alpha(MS_SKY, 0.45));
		ms_xs fall = { mid + (pk - lo), NULL };
		ms_plot_area(p, fall, level + n + (pk - lo), tr - pk + 1, 0, level + (pk - lo),
			     ms_alpha(MS_VERMILLION, 0.30));
		ms_plot_line(p, xs, s->col[MS_CLOSE] + lo, n, MS_BLUE, 1.2, 0);
		ms_plot_mark(p, (double)mid[pk - lo], s->col[MS_HIGH][pk], lh);
		ms_plot_mark(p, (double)mid[tr - lo], s->col[MS_LOW][tr], ll);
	}
	keep(x, ms_plot_end(p));
	free(level);
	free(mid);
}

/* 4. ETF flows: daily net flows as signed bars, the cumulative flow as a
 * line on the right axis; and 5. the monthly net flows. */
static void etf_charts(ctx *x, const ms_etf *e)
{
	const ms_dataset *f = e->ds;
	size_t n = e->n;
	const int64_t *t = e->t;
	const double *v = e->v, *cum = e->cumulative;
	double lo = 0, hi = 0, clo = 0, chi = 0, run = cum[n - 1];
	extent(v, n, &lo, &hi);
	extent(cum, n, &clo, &chi);
	char nt[160], desc[320], a[32], b[32], title[160], title_m[160];
	const char *noun = ms_asset_of(f->cfg->asset).noun;
	note(nt, sizeof nt, x, f);
	ms_fmt_usd_compact(a, sizeof a, run * 1e6);
	snprintf(desc, sizeof desc, "Bar chart of the daily net flows of the US spot %s ETFs, inflows up, "
		 "outflows down, with the cumulative flow as a line on the right axis, reaching %s.", noun, a);
	/* the titles say where the money went: since the first day, and in the latest month */
	char since[32], mname[48];
	ms_fmt_day_short(t[0], since, sizeof since);
	ms_fmt_usd_compact(b, sizeof b, fabs(run) * 1e6);
	snprintf(title, sizeof title, "US spot %s ETFs have %s a net %s since %s", noun,
		 run < 0 ? "lost" : "taken in", b, since);
	const ms_month_flow *last = &e->months[e->nmonths - 1];
	size_t best = 0, worst = 0;
	for (size_t i = 1; i < e->nmonths; i++) {
		best = e->months[i].net > e->months[best].net ? i : best;
		worst = e->months[i].net < e->months[worst].net ? i : worst;
	}
	/* the as-of month is not over yet */
	int ay, am, ad;
	ms_civil_from_days((x->cfg->as_of + MS_DAY) / MS_DAY, &ay, &am, &ad);
	snprintf(mname, sizeof mname, "%s %d%s", ms_month_name(last->month), last->year,
		 ay == last->year && am == last->month ? " so far" : "");
	ms_fmt_usd_compact(b, sizeof b, fabs(last->net) * 1e6);
	if (e->nmonths > 1 && last->net < 0 && worst == e->nmonths - 1)
		snprintf(title_m, sizeof title_m, "%s: %s out, the largest monthly outflow since %s", mname, b, since);
	else if (e->nmonths > 1 && last->net > 0 && best == e->nmonths - 1)
		snprintf(title_m, sizeof title_m, "%s: %s in, the largest monthly inflow since %s", mname, b, since);
	else if (last->net != 0)
		snprintf(title_m, sizeof title_m, "US spot %s ETFs %s %s in %s", noun, last->net < 0 ? "lost" : "took in",
			 b, mname);
	else
		snprintf(title_m, sizeof title_m, "US spot %s ETFs: net flows by month", noun);
	ms_legend legend[] = { { "Inflow day", MS_GREEN }, { "Outflow day", MS_VERMILLION },
			       { "Cumulative (right axis)", MS_INK } };
	ms_frame fr = { .id = "etf_flows", .title = title,
			.subtitle = "US$, by trading day; the line adds them up.", .note = nt, .desc = desc,
			.width = x->width, .type_scale = x->type_scale, .height = H_TALL, .x_time = 1, .x0 = (double)t[0], .x1 = (double)t[n - 1],
			.y0 = lo, .y1 = hi, .y_fmt = MS_AX_USD_M, .y2 = 1, .y2_0 = clo, .y2_1 = chi,
			.y2_fmt = MS_AX_USD_M, .legend = legend, .nlegend = 3 };
	ms_plot *p = ms_plot_begin(&fr, x->fonts);
	if (p) {
		ms_xs xs = { t, NULL };
		ms_plot_bars(p, xs, v, n, MS_DAY, MS_GREEN, MS_VERMILLION, 0);
		ms_plot_line(p, xs, cum, n, MS_INK, 1.2, 1);
	}
	keep(x, ms_plot_end(p));

	/* every month of the window */
	const ms_month_flow *m = e->months;
	size_t nm = e->nmonths;
	int64_t *mt = malloc((nm + 1) * sizeof *mt);
	double *mv = malloc((nm + 1) * sizeof *mv);
	if (!mt || !mv) {
		free(mt);
		free(mv);
		x->failed = 1;
		return;
	}
	lo = hi = 0;
	for (size_t i = 0; i < nm; i++) {
		mt[i] = (ms_days_from_civil(m[i].year, m[i].month, 1) + 15) * MS_DAY;
		mv[i] = m[i].net;
	}
	extent(mv, nm, &lo, &hi);
	ms_fmt_usd_compact(a, sizeof a, lo * 1e6);
	ms_fmt_usd_compact(b, sizeof b, hi * 1e6);
	snprintf(desc, sizeof desc, "Bar chart of the monthly net flows of the US spot %s ETFs, from %s "
		 "(the worst month) to %s (the best).", noun, a, b);
	ms_frame fm = { .id = "etf_monthly", .title = title_m,
			.subtitle = "US$; green months took money in, red months lost it.", .note = nt,
			.desc = desc, .width = x->width, .type_scale = x->type_scale, .height = H_SHORT, .x_time = 1,
			.x0 = (double)(mt[0] - 16 * MS_DAY), .x1 = (double)(mt[nm - 1] + 16 * MS_DAY), .y0 = lo,
			.y1 = hi, .y_fmt = MS_AX_USD_M };
	p = ms_plot_begin(&fm, x->fonts);
	if (p) {
		ms_xs xs = { mt, NULL };
		ms_plot_bars(p, xs, mv, nm, 28 * MS_DAY, MS_GREEN, MS_VERMILLION, 0);
	}
	ms_chart *ch = ms_plot_end(p);
	if (ch) {
		/* the table: the last six months */
		const char *cells[3 * 7];
		char mon[6][11], net[6][32], out[6][32];
		size_t first = nm > 6 ? nm - 6 : 0, k = 3;
		cells[0] = "Month";
		cells[1] = "Net flow";
		cells[2] = "Outflow days alone";
		for (size_t i = first; i < nm; i++, k += 3) {
			size_t r = i - first;
			ms_fmt_date(ms_days_from_civil(m[i].year, m[i].month, 1) * MS_DAY, mon[r]);
			mon[r][7] = '\0';
			ms_fmt_usd_compact(net[r], sizeof net[r], m[i].net * 1e6);
			ms_fmt_usd_compact(out[r], sizeof out[r], m[i].outflows * 1e6);
			cells[k] = mon[r];
			cells[k + 1] = net[r];
			cells[k + 2] = out[r];
		}
		if (ms_chart_set_table(ch, 3, cells, k))
			x->failed = 1;
	}
	keep(x, ch);
	free(mt);
	free(mv);
}

/* 6. Long and short liquidations, stacked by day. */
/* The days' liquidations summed by week (Monday to Sunday, UTC) into wl and
 * ws, each week's bar centred in t (over the days'); the weeks' highest
 * total into *hi. Returns the number of weeks. */
static size_t by_week(const ms_liq *q, int64_t *t, double *wl, double *ws, double *hi)
{
	size_t nb = 0;
	*hi = 0;
	for (size_t i = 0; i < q->n; i++) {
		/* 1970-01-01 was a Thursday: Mondays are 4 days after a multiple of 7 */
		int64_t day = q->day[i] / MS_DAY, monday = day - ((day - 4) % 7 + 7) % 7;
		int64_t mid = monday * MS_DAY + 7 * MS_DAY / 2;
		if (!nb || t[nb - 1] != mid) {
			t[nb] = mid;
			wl[nb] = ws[nb] = 0;
			nb++;
		}
		wl[nb - 1] += q->lv[i];
		ws[nb - 1] += q->sv[i];
		*hi = fmax(*hi, wl[nb - 1] + ws[nb - 1]);
	}
	return nb;
}

static void liquidation_chart(ctx *x, const ms_liq *q)
{
	const ms_dataset *lg = q->lg;
	size_t n = q->n;
	const double *lv = q->lv, *sv = q->sv;
	/* bars centred on their day (or week) */
	int64_t *t = malloc((n + 1) * sizeof *t);
	double *wl = malloc((n + 1) * sizeof *wl), *ws = malloc((n + 1) * sizeof *ws);
	if (!t || !wl || !ws) {
		free(t);
		free(wl);
		free(ws);
		x->failed = 1;
		return;
	}
	double hi = 0;
	for (size_t i = 0; i < n; i++) {
		t[i] = q->day[i] + MS_DAY / 2;
		hi = fmax(hi, lv[i] + sv[i]);
	}
	if (n < 2)
		goto done;
	char title[128], nt[160], desc[256], top[32], share[32], big[32];
	size_t most = 0;
	for (size_t i = 1; i < n; i++)
		if (lv[i] + sv[i] > lv[most] + sv[most])
			most = i;
	ms_fmt_day_short(q->day[most], big, sizeof big);
	/* the title names the side that took the larger share */
	double long_share = lv[most] / (lv[most] + sv[most]);
	ms_fmt_pct(share, sizeof share, long_share >= 0.5 ? long_share : 1 - long_share, 0);
	if (lv[most] + sv[most] > 0)
		snprintf(title, sizeof title, "%s took %s of the largest %s liquidation day, %s",
			 long_share >= 0.5 ? "Longs" : "Shorts", share, lg->cfg->asset, big);
	else
		snprintf(title, sizeof title, "%s liquidations by day", lg->cfg->asset);
	note(nt, sizeof nt, x, lg);
	ms_fmt_usd_compact(top, sizeof top, hi);
	snprintf(desc, sizeof desc, "Stacked bar chart of the US$ value of %s long and short positions "
		 "liquidated each day; the largest day reached %s.", lg->cfg->asset, top);
	ms_legend legend[] = { { "Longs liquidated", MS_VERMILLION }, { "Shorts liquidated", MS_BLUE } };
	/* a day's bar narrower than 1.5 px (at the PNG's 2 px per point) is
	 * texture, not a bar: then weeks, Monday to Sunday, the record day marked */
	int weekly = (x->width - 70) * 2 / (double)n < 1.5;
	size_t nb = weekly ? by_week(q, t, wl, ws, &hi) : n;
	ms_frame fr = { .id = "liquidations", .title = title,
			.subtitle = weekly ? "US$ per week (Monday to Sunday, UTC); BTC-margined contracts only." :
					     "US$ per UTC day; BTC-margined contracts only.",
			.note = nt, .desc = desc, .width = x->width, .type_scale = x->type_scale, .height = H_SHORT,
			/* the axis spans the days (a week's bar may reach past them, never the axis) */
			.x_time = 1, .x0 = (double)q->day[0], .x1 = (double)(q->day[n - 1] + MS_DAY), .y0 = 0, .y1 = hi,
			.y_fmt = MS_AX_USD,
			.legend = legend, .nlegend = 2 };
	ms_plot *p = ms_plot_begin(&fr, x->fonts);
	if (p) {
		ms_xs xs = { t, NULL };
		ms_plot_stacked(p, xs, weekly ? wl : lv, weekly ? ws : sv, nb, weekly ? 7 * MS_DAY : MS_DAY,
				MS_VERMILLION, MS_BLUE);
		if (weekly) {
			char mark[96], v[32];
			ms_fmt_usd_compact(v, sizeof v, lv[most] + sv[most]);
			snprintf(mark, sizeof mark, "Record day: %s, %s", v, big);
			size_t w = 0;
			while (w + 1 < nb && t[w + 1] - 7 * MS_DAY / 2 <= q->day[most])
				w++;
			ms_plot_mark(p, (double)t[w], wl[w] + ws[w], mark);
		}
	}
	keep(x, ms_plot_end(p));
done:
	free(t);
	free(wl);
	free(ws);
}

/* 7. The total market capitalisation as an area. */
static void market_cap_chart(ctx *x, const ms_mcap *c)
{
	const ms_dataset *m = c->ds;
	const ms_series *s = m->series;
	size_t n = m->hi - m->lo;
	const int64_t *t = s->t + m->lo;
	const double *v = s->col[MS_VALUE] + m->lo;
	double lo = INFINITY, hi = -INFINITY;
	extent(v, n, &lo, &hi);
	size_t pk = c->peak - m->lo;
	char nt[160], desc[256], a[32], b[32], l[64], day[11];
	note(nt, sizeof nt, x, m);
	ms_fmt_usd_compact(a, sizeof a, v[pk]);
	ms_fmt_usd_compact(b, sizeof b, v[n - 1]);
	date_of(day, t[pk]);
	snprintf(l, sizeof l, "Peak %s, %s", a, day);
	snprintf(desc, sizeof desc, "Area chart of the total crypto market capitalisation: a peak of %s on %s, "
		 "%s at the end.", a, day, b);
	char title[160], fall[32];
	if (ms_direction(v[n - 1] / v[pk] - 1, 1) == MS_DIR_DOWN) {
		ms_fmt_magnitude(fall, sizeof fall, v[n - 1] / v[pk] - 1, 0);
		snprintf(title, sizeof title, "The crypto market is %s below its peak of %s", fall, a);
	} else {
		snprintf(title, sizeof title, "The crypto market at its peak, %s", a);
	}
	ms_frame fr = { .id = "market_cap", .title = title,
			.subtitle = "Total crypto market capitalisation, US$, end of each UTC day.", .note = nt,
			.desc = desc, .width = x->width, .type_scale = x->type_scale, .height = H_SHORT, .x_time = 1, .x0 = (double)t[0],
			.x1 = (double)t[n - 1], .y0 = 0, .y1 = hi, .y_fmt = MS_AX_USD };
	ms_plot *p = ms_plot_begin(&fr, x->fonts);
	if (p) {
		ms_xs xs = { t, NULL };
		ms_plot_area(p, xs, v, n, 0, NULL, ms_alpha(MS_SKY, 0.45));
		ms_plot_line(p, xs, v, n, MS_BLUE, 1.1, 0);
		ms_plot_mark(p, (double)t[pk], v[pk], l);
	}
	keep(x, ms_plot_end(p));
}

/* 8. Fear & greed over its five zones. */
static void fear_greed_chart(ctx *x, const ms_dataset *f)
{
	const ms_series *s = f->series;
	size_t n = f->hi - f->lo;
	const int64_t *t = s->t + f->lo;
	const double *v = s->col[MS_VALUE] + f->lo;
	char nt[160], desc[256], l[64], day[11];
	note(nt, sizeof nt, x, f);
	date_of(day, t[n - 1]);
	snprintf(l, sizeof l, "%.0f on %s", v[n - 1], day);
	snprintf(desc, sizeof desc, "Line chart of the Crypto Fear & Greed Index over its five zones, from "
		 "extreme fear (0-25) to extreme greed (76-100); it reads %.0f on %s.", v[n - 1], day);
	char title[96], when[32];
	ms_fmt_day_short(t[n - 1], when, sizeof when);
	snprintf(title, sizeof title, "Fear & Greed at %.0f on %s: %s", v[n - 1], when, ms_fear_greed_band(v[n - 1]));
	ms_frame fr = { .id = "fear_greed", .title = title,
			.subtitle = "Crypto Fear & Greed Index: 0 is extreme fear, 100 extreme greed.", .note = nt,
			.desc = desc, .width = x->width, .type_scale = x->type_scale,
			.height = H_SHORT, .x_time = 1, .x0 = (double)t[0], .x1 = (double)t[n - 1], .y0 = 0,
			.y1 = 100, .y_fmt = MS_AX_NUM, .right_pad = 62 };
	ms_plot *p = ms_plot_begin(&fr, x->fonts);
	if (p) {
		ms_plot_hband(p, 0, 25, ms_alpha(MS_VERMILLION, 0.16), "Extreme fear");
		ms_plot_hband(p, 25, 46, ms_alpha(MS_ORANGE, 0.12), "Fear");
		ms_plot_hband(p, 46, 54, ms_alpha(MS_GREY, 0.06), "Neutral");
		ms_plot_hband(p, 54, 75, ms_alpha(MS_SKY, 0.14), "Greed");
		ms_plot_hband(p, 75, 100, ms_alpha(MS_GREEN, 0.14), "Extr. greed");
		ms_xs xs = { t, NULL };
		ms_plot_line(p, xs, v, n, MS_INK, 1.0, 0);
		ms_plot_mark(p, (double)t[n - 1], v[n - 1], l);
	}
	keep(x, ms_plot_end(p));
}

/* 9. The distribution of daily returns with the 95 % and 99 % VaR; and
 * 10. the rolling 30-day volatility. */
static void risk_charts(ctx *x, const ms_dataset *d, const ms_risk *r)
{
	const double *simple = r->simple;
	size_t k = r->n;
	if (k < 31 || isnan(r->var[0]) || isnan(r->var[1]))
		return;
	double var95 = r->var[0], var99 = r->var[1], lo = INFINITY, hi = -INFINITY;
	extent(simple, k, &lo, &hi);
	/* bins of half a percentage point */
	const double bw = 0.005;
	double b0 = floor(lo / bw) * bw;
	size_t nb = (size_t)ceil((hi - b0) / bw) + 1;
	double *cnt = calloc(nb, sizeof *cnt), *mid = malloc(nb * sizeof *mid);
	if (!cnt || !mid) {
		free(cnt);
		free(mid);
		x->failed = 1;
		return;
	}
	double top = 0;
	for (size_t i = 0; i < k; i++) {
		size_t bi = (size_t)floor((simple[i] - b0) / bw);
		cnt[bi < nb ? bi : nb - 1]++;
	}
	for (size_t i = 0; i < nb; i++) {
		mid[i] = b0 + (i + 0.5) * bw;
		top = fmax(top, cnt[i]);
	}
	char nt[160], desc[320], title[160], l95[48], l99[48], a[32], b[32];
	note(nt, sizeof nt, x, d);
	ms_fmt_pct(a, sizeof a, -var95, 1);
	ms_fmt_pct(b, sizeof b, -var99, 1);
	snprintf(l95, sizeof l95, "VaR 95 %%");
	snprintf(l99, sizeof l99, "VaR 99 %%");
	snprintf(title, sizeof title, "One day in 20, %s lost more than %s", ms_asset_of(d->cfg->asset).noun,
		 a + (a[0] == '\xE2' ? 3 : 0));
	snprintf(desc, sizeof desc, "Histogram of %zu daily %s returns in bins of half a percentage point; one "
		 "day in 20 lost more than %s, one in 100 more than %s (historical value at risk).", k,
		 d->cfg->asset, a + (a[0] == '\xE2' ? 3 : 0), b + (b[0] == '\xE2' ? 3 : 0));
	char rsub[160];
	snprintf(rsub, sizeof rsub, "Days per half-point bin, close to close. Value at risk: 95 %% %s, 99 %% %s.", a, b);
	ms_frame fr = { .id = "returns", .title = title, .subtitle = rsub,
			.note = nt, .desc = desc, .width = x->width, .type_scale = x->type_scale, .height = H_SHORT, .x_time = 0, .x0 = b0,
			.x1 = b0 + nb * bw, .x_fmt = MS_AX_PCT, .y0 = 0, .y1 = top, .y_fmt = MS_AX_NUM };
	ms_plot *p = ms_plot_begin(&fr, x->fonts);
	if (p) {
		ms_xs xs = { NULL, mid };
		ms_plot_bars(p, xs, cnt, nb, bw, ms_alpha(MS_BLUE, 0.85), MS_BLUE, 0);
		ms_plot_vline(p, -var95, MS_VERMILLION, l95, 1);
		ms_plot_vline(p, -var99, MS_VERMILLION, l99, 1);
	}
	keep(x, ms_plot_end(p));
	free(cnt);
	free(mid);

	/* the rolling 30-day volatility, annualised */
	size_t nv = r->nroll;
	const double *vol = r->roll;
	const int64_t *vt = r->day + MS_ROLLING_DAYS - 1;
	char first_day[32];
	ms_fmt_day_short(vt[0], first_day, sizeof first_day);
	lo = INFINITY;
	hi = -INFINITY;
	extent(vol, nv, &lo, &hi);
	ms_fmt_pct(a, sizeof a, vol[nv - 1], 0);
	/* the title: today's reading against the window's highest (the figures' own) */
	size_t top_i = r->roll_max;
	ms_fmt_pct(b, sizeof b, vol[top_i], 0);
	char top_when[32];
	ms_fmt_day_short(vt[top_i], top_when, sizeof top_when);
	if (top_i == nv - 1)
		snprintf(title, sizeof title, "%s's 30-day volatility, %s, is the highest since %s",
			 ms_asset_of(d->cfg->asset).name, a, first_day);
	else
		snprintf(title, sizeof title, "%s's 30-day volatility is %s, against a high of %s (%s)",
			 ms_asset_of(d->cfg->asset).name, a, b, top_when);
	snprintf(desc, sizeof desc, "Line chart of the annualised 30-day volatility of %s daily log returns; "
		 "it ends at %s.", d->cfg->asset, a);
	ms_frame fv = { .id = "volatility", .title = title, .subtitle = "The standard deviation of 30 daily log returns, times \xE2\x88\x9A" "365.",
			.note = nt, .desc = desc, .width = x->width, .type_scale = x->type_scale, .height = H_SHORT, .x_time = 1,
			.x0 = (double)vt[0], .x1 = (double)vt[nv - 1], .y0 = 0, .y1 = hi, .y_fmt = MS_AX_PCT };
	p = ms_plot_begin(&fv, x->fonts);
	if (p) {
		ms_xs xs = { vt, NULL };
		ms_plot_line(p, xs, vol, nv, MS_PURPLE, 1.3, 0);
	}
	keep(x, ms_plot_end(p));
}

/* 11. The market stress index since its first day: the regimes' edges as
 * they stand at the as-of day, the known episodes and the latest value. */
static void stress_chart(ctx *x, const ms_stress *s)
{
	size_t n = s->n - s->first, last = s->n - 1;
	const int64_t *t = s->day + s->first;
	const double *v = s->index + s->first;
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < n; i++)
		if (!isnan(v[i])) {
			lo = fmin(lo, v[i]);
			hi = fmax(hi, v[i]);
		}
	double high = s->edge_high, extreme = s->edge_extreme;
	char title[160], nt[160], desc[384], l[64], day[11], start[32], when[32];
	char a[32];
	ms_fmt_date(s->day[last], day);
	ms_fmt_day_short(s->day[s->first], start, sizeof start);
	ms_fmt_day_short(s->day[last], when, sizeof when);
	ms_fmt_score(a, sizeof a, s->index[last], 0);
	if (isnan(s->percentile[last]))
		snprintf(title, sizeof title, "Market stress at %s on %s", a, when);
	else
		snprintf(title, sizeof title, "Market stress is %s: %s, above %.0f %% of days since %s",
			 ms_stress_regime(s->percentile[last]), a, floor(s->percentile[last] * 100), start);
	snprintf(nt, sizeof nt, "Source: mstress, from the sources under Data and methods. UTC. As of %s.", day);
	snprintf(l, sizeof l, "%s on %s", a, day);
	snprintf(desc, sizeof desc, "Line chart of the daily crypto market stress index from %s, the mean of its "
		 "standardised parts; it reads %s on %s. Dashed lines: the index at its 80th and 95th percentiles.",
		 start, a, day);
	ms_frame fr = { .id = "stress", .title = title,
			.subtitle = "Mean of the standardised parts; 0 is average. Dashed: the top 20 % and 5 % of days so far.",
			.note = nt, .desc = desc, .width = x->width, .type_scale = x->type_scale, .height = H_TALL, .x_time = 1, .x0 = (double)t[0],
			.x1 = (double)t[n - 1], .y0 = fmin(lo, 0), .y1 = hi, .y_fmt = MS_AX_NUM };
	ms_plot *p = ms_plot_begin(&fr, x->fonts);
	if (p) {
		ms_xs xs = { t, NULL };
		if (!isnan(high))
			ms_plot_hline(p, high, MS_ORANGE, 3, NULL);
		if (!isnan(extreme))
			ms_plot_hline(p, extreme, MS_VERMILLION, 3, NULL);
		ms_plot_line(p, xs, v, n, MS_PURPLE, 0.9, 0);
		/* each known episode: a dot on the index's highest day within a week of it */
		for (size_t e = 0; e < ms_stress_nepisodes; e++) {
			int64_t d;
			if (ms_parse_date(ms_stress_episodes[e].day, &d) || d < t[0] || d > t[n - 1])
				continue;
			size_t k = (size_t)((d - t[0]) / MS_DAY), best = n;
			for (size_t i = k > 7 ? k - 7 : 0; i < n && i <= k + 7; i++)
				if (!isnan(v[i]) && (best == n || v[i] > v[best]))
					best = i;
			int yy, mm, dd;
			char el[32];
			ms_civil_from_days(d / MS_DAY, &yy, &mm, &dd);
			snprintf(el, sizeof el, "%s %d", ms_month_abbr(mm), yy);
			if (best < n)
				ms_plot_mark(p, (double)t[best], v[best], el);
		}
		ms_plot_mark(p, (double)t[n - 1], v[n - 1], l);
	}
	keep(x, ms_plot_end(p));
}

/* 12. The deepest falls since 2011 side by side: each from its closing high
 * to its recovery (or the as-of day), by days since the peak; the fall
 * under way drawn over them. */
#define CYCLE_DEPTH 0.70
#define CYCLE_DAYS 1200
static void cycles_chart(ctx *x, const ms_history *h, const ms_dataset *d)
{
	const ms_series *s = d->series;
	const double *cl = s->col[MS_CLOSE];
	const ms_drawdown *now = h->falls[h->n - 1].recovered ? NULL : &h->falls[h->n - 1];
	size_t pick[16], k = 0;
	for (size_t i = 0; i < h->n && k < 16; i++)
		if (-h->falls[i].depth >= CYCLE_DEPTH || &h->falls[i] == now)
			pick[k++] = i;
	if (k < 2 || !now)
		return;
	double *xs = malloc(CYCLE_DAYS * sizeof *xs), *ys = malloc(CYCLE_DAYS * sizeof *ys);
	if (!xs || !ys) {
		free(xs);
		free(ys);
		x->failed = 1;
		return;
	}
	char title[160], nt[160], desc[512], when[32], span[32], depth[32], since[32] = "";
	const char *name = ms_asset_of(d->cfg->asset).name;
	ms_fmt_magnitude(depth, sizeof depth, now->depth, 0);
	size_t deeper = 0;
	for (size_t i = 0; i + 1 < h->n; i++)
		deeper += h->falls[i].depth < now->depth;
	ms_fmt_day_short(s->t[h->from], since, sizeof since);
	snprintf(title, sizeof title, "%s's fall under way, %s so far, against its deepest since %.4s", name, depth,
		 since + strlen(since) - 4);
	ms_fmt_date(x->cfg->as_of, when);
	snprintf(nt, sizeof nt, "Source: %s. Daily closes. As of %s.", d->fmt.provider, when);
	snprintf(desc, sizeof desc, "Line chart of %s's falls of %.0f %% or more since %s, each from its closing high "
		 "by days since that high; the fall under way, %s so far, is the %zu%s deepest of the %zu falls of "
		 "more than %.0f %% since then.", name, CYCLE_DEPTH * 100, since, depth, deeper + 1,
		 deeper == 0 ? "st" : deeper == 1 ? "nd" : deeper == 2 ? "rd" : "th", h->n, MS_HISTORY_MIN_DEPTH * 100);
	ms_frame fr = { .id = "cycles", .title = title,
			.subtitle = "Close against the cycle's closing high, by days since that high, to its recovery.",
			.note = nt, .desc = desc, .width = x->width, .type_scale = x->type_scale, .height = H_TALL, .x_time = 0, .x0 = 0,
			.x1 = CYCLE_DAYS, .x_fmt = MS_AX_NUM, .y0 = -1, .y1 = 0.05, .y_fmt = MS_AX_PCT };
	ms_plot *p = ms_plot_begin(&fr, x->fonts);
	static const ms_rgba *palette[] = { &MS_GREY, &MS_SKY, &MS_BLUE, &MS_GREEN, &MS_PURPLE, &MS_ORANGE };
	for (size_t j = 0; p && j < k; j++) {
		const ms_drawdown *e = &h->falls[pick[j]];
		size_t end = e->recovered ? e->recovery : s->n - 1, m = 0;
		for (size_t i = e->peak; i <= end && m < CYCLE_DAYS; i++, m++) {
			xs[m] = (double)(s->t[i] - s->t[e->peak]) / MS_DAY;
			ys[m] = cl[i] / cl[e->peak] - 1;
			if (xs[m] >= CYCLE_DAYS)
				break;
		}
		ms_xs at = { NULL, xs };
		int mine = e == now;
		ms_plot_line(p, at, ys, m, mine ? MS_VERMILLION : *palette[j % 6], mine ? 2.0 : 1.0, 0);
		ms_history_span_label(s, e, span, sizeof span);
		ms_plot_mark(p, (double)(s->t[e->trough] - s->t[e->peak]) / MS_DAY, cl[e->trough] / cl[e->peak] - 1,
			     span);
	}
	keep(x, ms_plot_end(p));
	free(xs);
	free(ys);
}

/* 13. Open interest of each asset over the window, the crash days marked;
 * and 14. the primary asset's funding rate, its 7-day mean annualised. */
static void leverage_charts(ctx *x, const ms_leverage *l)
{
	static const ms_rgba *colour[] = { &MS_ORANGE, &MS_BLUE };
	const ms_lev_asset *first = &l->asset[0];
	const ms_series *s0 = first->oi->series;
	int64_t t0 = s0->t[first->oi_first], t1 = s0->t[first->oi_last];
	double hi = 0;
	for (size_t k = 0; k < l->n; k++) {
		const ms_lev_asset *a = &l->asset[k];
		hi = fmax(hi, a->oi->series->col[MS_VALUE][a->oi_high]);
		t0 = a->oi->series->t[a->oi_first] < t0 ? a->oi->series->t[a->oi_first] : t0;
		t1 = a->oi->series->t[a->oi_last] > t1 ? a->oi->series->t[a->oi_last] : t1;
	}
	char title[160], nt[160], desc[384], when[32], a0[32], a1[32], pct[32], day[11];
	ms_fmt_date(x->cfg->as_of, day);
	snprintf(nt, sizeof nt, "Source: %s. UTC. As of %s.", first->oi->fmt.provider, day);
	ms_fmt_usd_compact(a0, sizeof a0, s0->col[MS_VALUE][first->oi_high]);
	ms_fmt_usd_compact(a1, sizeof a1, s0->col[MS_VALUE][first->oi_last]);
	ms_fmt_day_short(s0->t[first->oi_high], when, sizeof when);
	double from_high = s0->col[MS_VALUE][first->oi_last] / s0->col[MS_VALUE][first->oi_high] - 1;
	ms_fmt_magnitude(pct, sizeof pct, from_high, 0);
	if (ms_direction(from_high, 0) == MS_DIR_DOWN)
		snprintf(title, sizeof title, "%s open interest is %s below its high of %s (%s)", first->oi->cfg->asset,
			 pct, a0, when);
	else
		snprintf(title, sizeof title, "%s open interest at its high, %s", first->oi->cfg->asset, a1);
	snprintf(desc, sizeof desc, "Line chart of the open interest of %s contracts%s, US$; %s's stood at %s on %s, "
		 "against a high of %s on %s.", first->oi->cfg->asset, l->n > 1 ? " and of the other asset's" : "",
		 first->oi->cfg->asset, a1, day, a0, when);
	ms_legend legend[2];
	for (size_t k = 0; k < l->n; k++)
		legend[k] = (ms_legend){ l->asset[k].oi->cfg->asset, *colour[k] };
	ms_frame fr = { .id = "open_interest", .title = title,
			.subtitle = "Futures and perpetuals open on all exchanges, US$, end of each UTC day.", .note = nt,
			.desc = desc, .width = x->width, .type_scale = x->type_scale, .height = H_SHORT, .x_time = 1, .x0 = (double)t0, .x1 = (double)t1,
			.y0 = 0, .y1 = hi, .y_fmt = MS_AX_USD, .legend = legend, .nlegend = l->n };
	ms_plot *p = ms_plot_begin(&fr, x->fonts);
	for (size_t k = 0; p && k < l->n; k++) {
		const ms_lev_asset *a = &l->asset[k];
		ms_xs xs = { a->oi->series->t + a->oi_first, NULL };
		ms_plot_line(p, xs, a->oi->series->col[MS_VALUE] + a->oi_first, a->oi_last - a->oi_first + 1, *colour[k],
			     1.2, 0);
	}
	for (size_t k = 0; p && k < x->fig->ncrash; k++) {
		int64_t d = x->fig->crash_day[k];
		if (d < t0 || d > t1)
			continue;
		int yy, mm, dd;
		char lab[48];
		ms_civil_from_days(d / MS_DAY, &yy, &mm, &dd);
		snprintf(lab, sizeof lab, "Crash, %d %s", dd, ms_month_abbr(mm));
		ms_plot_vline(p, (double)d, MS_GREY, lab, (int)(k % 2));
	}
	keep(x, ms_plot_end(p));

	/* the primary asset's funding, else the first loaded */
	const ms_lev_asset *fa = NULL;
	for (size_t k = 0; k < l->n; k++)
		if (l->asset[k].has_funding && (!fa || !strcmp(l->asset[k].oi->cfg->asset, x->fig->primary.cfg->asset)))
			fa = &l->asset[k];
	if (!fa)
		return;
	const ms_dataset *fd = fa->funding;
	size_t m = fa->funding_7d_n;
	if (m < 2)
		return;
	const int64_t *t = fd->series->t + fa->funding_7d_first;
	const double *v = fa->funding_7d_series;
	double lo = 0, top = 0;
	extent(v, m, &lo, &top);
	char share[32];
	ms_fmt_pct(share, sizeof share, fa->negative_share, 0);
	ms_fmt_pct(pct, sizeof pct, fabs(fa->funding_7d), 1);
	if (fa->funding_7d < 0)
		snprintf(title, sizeof title, "%s funding is negative: shorts pay %s a year (7-day mean)", fd->cfg->asset,
			 pct);
	else
		snprintf(title, sizeof title, "%s funding: longs pay %s a year (7-day mean)", fd->cfg->asset, pct);
	snprintf(nt, sizeof nt, "Source: %s. UTC. As of %s.", fd->fmt.provider, day);
	snprintf(desc, sizeof desc, "Line chart of the %s perpetual funding rate, its 7-day mean annualised; below "
		 "zero, shorts pay longs. It ends at %s%s.", fd->cfg->asset, fa->funding_7d < 0 ? "minus " : "", pct);
	char fsub[160], since[32];
	ms_fmt_day_short(fd->series->t[fd->lo], since, sizeof since);
	snprintf(fsub, sizeof fsub, "7-day mean of the daily rate, x 3 payments x 365 days. Negative on %s of days "
		 "since %s.", share, since);
	ms_frame ff = { .id = "funding", .title = title, .subtitle = fsub,
			.note = nt, .desc = desc, .width = x->width, .type_scale = x->type_scale, .height = H_SHORT, .x_time = 1, .x0 = (double)t[0],
			.x1 = (double)t[m - 1], .y0 = lo, .y1 = top, .y_fmt = MS_AX_PCT };
	p = ms_plot_begin(&ff, x->fonts);
	if (p) {
		ms_xs xs = { t, NULL };
		ms_plot_area(p, xs, v, m, 0, NULL, ms_alpha(MS_BLUE, 0.25));
		ms_plot_line(p, xs, v, m, MS_BLUE, 1.0, 0);
	}
	keep(x, ms_plot_end(p));
}

const ms_chart_layout MS_LAYOUT_PAGE = { 510, 1, 1, "" }, MS_LAYOUT_EMAIL = { 440, 1.2, 1.1, "" },
		      MS_LAYOUT_PHONE = { 340, 1.45, 1.4, "-phone" };

int ms_charts_build(const ms_figures *fig, const ms_fontset *fonts, ms_chart_layout lay, ms_chartset *out,
		    ms_diag *d)
{
	const ms_dataset *ds = fig->ds;
	size_t nds = fig->nds;
	ctx x = { fig, fig->cfg, ds, nds, fonts, out, lay.width, lay.type_scale, lay.height_scale, lay.id_suffix, 0 };
	memset(out, 0, sizeof *out);
	/* an intraday primary is charted by day */
	const ms_dataset *prim = &fig->primary;
	if (prim->hi >= prim->lo + 2) {
		price_chart(&x, prim);
		underwater_chart(&x, prim);
	}
	const ms_dataset *h = hourly(&x, prim->cfg->asset);
	for (size_t k = 0; h && k < fig->ncrash; k++)
		crash_chart(&x, h, k);
	if (fig->has_week && fig->week.hourly)
		week_chart(&x, &fig->week);
	if (fig->etf.ds && fig->etf.n > 1)
		etf_charts(&x, &fig->etf);
	for (size_t k = 0; k < fig->nliq; k++)
		if (!strcmp(fig->liq[k].lg->cfg->asset, prim->cfg->asset))
			liquidation_chart(&x, &fig->liq[k]);
	if (fig->mcap.ds && fig->mcap.ds->hi > fig->mcap.ds->lo + 1)
		market_cap_chart(&x, &fig->mcap);
	const ms_dataset *fg = ms_find_metric(ds, nds, MS_METRIC_FEAR_GREED, "");
	if (fg && fg->hi > fg->lo + 1)
		fear_greed_chart(&x, fg);
	if (prim->hi >= prim->lo + 2)
		risk_charts(&x, prim, fig->primary_risk);
	if (fig->history.n)
		cycles_chart(&x, &fig->history, prim);
	if (fig->leverage.n)
		leverage_charts(&x, &fig->leverage);
	if (fig->stress.first + 1 < fig->stress.n && !isnan(fig->stress.index[fig->stress.n - 1]))
		stress_chart(&x, &fig->stress);
	if (x.failed) {
		ms_charts_release(out);
		return ms_error(d, NULL, 0, 0, "out of memory laying out the charts");
	}
	return 0;
}

void ms_charts_release(ms_chartset *cs)
{
	for (size_t i = 0; i < cs->n; i++)
		ms_chart_free(cs->chart[i]);
	cs->n = 0;
}
