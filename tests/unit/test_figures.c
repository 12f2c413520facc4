/* The figures layer on small hand-made series: the ETF cost basis of the
 * flows' own asset with its unpriced days, spans at the as-of date, crash
 * days after it, freshness on weekends, and views at an earlier date. */
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "figures.h"
#include "test.h"
#include "utc.h"

static const char *cfg_text =
	"[report]\nas_of = 2026-01-10\nwindow_start = 2026-01-03\nperiod_high = 2026-01\nprimary = eth\n"
	"regime = 2026-01-08..2026-01-20\ncrash_days = 2026-01-05, 2026-01-12\n"
	"[source.eth]\nformat = cryptoquant_ohlcv\npath = e.csv\nasset = ETH\nvenue = E\n"
	"[source.btc]\nformat = cryptoquant_ohlcv\npath = b.csv\nasset = BTC\nvenue = B\n"
	"[source.flows]\nformat = farside_flows_csv\npath = f.csv\nasset = BTC\nvenue = F\n";

#define DAY0 (ms_days_from_civil(2026, 1, 1) * MS_DAY)

typedef struct fixture {
	ms_config cfg;
	ms_dataset ds[3];
	capture cap;
} fixture;

/* ETH closes at 10 + i on day i (0 is 2026-01-01), BTC at 99 + i from day 1
 * (no close on the 1st), both for ten bars; BTC flows of 100 on the 1st, 2nd, 5th and 9th,
 * -50 on the 6th (a Tuesday; 2026-01-01 is a Thursday). */
static void setup(fixture *f, int64_t as_of)
{
	capture_start(&f->cap);
	CHECK(ms_config_parse(&f->cfg, "r.ini", cfg_text, strlen(cfg_text), &f->cap.d) == 0);
	f->cfg.as_of = as_of;
	memset(f->ds, 0, sizeof f->ds);
	for (int v = 0; v < 3; v++) {
		ms_dataset *d = &f->ds[v];
		d->cfg = &f->cfg.source[v];
		d->fmt = *ms_csv_format_find(d->cfg->format);
		d->series = ms_series_new(MS_DAY, v < 2 ? MS_OHLC | MS_COLBIT(MS_VOLUME) : MS_COLBIT(MS_VALUE));
	}
	for (int i = 0; i < 10; i++) {
		double e = 10 + i, b = 100 + i;
		double ve[MS_NCOL] = { e, e + 1, e - 1, e, 1, 0 }, vb[MS_NCOL] = { b, b + 1, b - 1, b, 1, 0 };
		ms_series_push(f->ds[0].series, DAY0 + i * MS_DAY, ve);
		ms_series_push(f->ds[1].series, DAY0 + (i + 1) * MS_DAY, vb);
	}
	static const struct { int day; double flow; } flows[] = { { 0, 100 }, { 1, 100 }, { 4, 100 }, { 5, -50 }, { 8, 100 } };
	for (size_t k = 0; k < 5; k++) {
		double vf[MS_NCOL] = { 0, 0, 0, 0, 0, flows[k].flow };
		ms_series_push(f->ds[2].series, DAY0 + flows[k].day * MS_DAY, vf);
	}
	/* the point-in-time cut, as sources.c makes it */
	for (int v = 0; v < 3; v++) {
		ms_series *s = f->ds[v].series;
		s->n = ms_series_count_by(s, as_of + MS_DAY);
		ms_series_range(s, f->cfg.window_start, as_of + MS_DAY, &f->ds[v].lo, &f->ds[v].hi);
	}
}

static void teardown(fixture *f)
{
	for (int v = 0; v < 3; v++)
		ms_series_free(f->ds[v].series);
	ms_config_release(&f->cfg);
	capture_end(&f->cap);
}

static void cost_basis_of_the_flows_asset(void)
{
	fixture f;
	setup(&f, DAY0 + 9 * MS_DAY);
	ms_notes none = { 0 };
	ms_figures g;
	CHECK(ms_figures_compute(&f.cfg, f.ds, 3, &none, &g, &f.cap.d) == 0);
	/* BTC flows at BTC closes although the primary is ETH; the 1st has no
	 * BTC close: dollars 100 + 100 - 50 + 100 = 250 over coins
	 * 100/100 + 100/103 - 50/104 + 100/107 */
	CHECK(g.basis.has && g.basis.prices == &f.ds[1]);
	double coins = 100 / 100.0 + 100 / 103.0 - 50 / 104.0 + 100 / 107.0;
	CHECK_NEAR(g.basis.cb.basis, 250 / coins, 1e-12);
	CHECK(g.basis.cb.unpriced == 1 && g.basis.cb.days == 4);
	CHECK(g.basis.last_flow == DAY0 + 8 * MS_DAY);
	CHECK(g.basis.latest_close == 108);
	ms_figures_release(&g);
	teardown(&f);
}

static void spans_and_crash_days_at_the_date(void)
{
	fixture f;
	setup(&f, DAY0 + 9 * MS_DAY);              /* 2026-01-10 */
	ms_notes none = { 0 };
	ms_figures g;
	CHECK(ms_figures_compute(&f.cfg, f.ds, 3, &none, &g, &f.cap.d) == 0);
	/* January has begun: clipped to the 10th and labelled */
	CHECK(g.period.has && g.period.to_date && g.period.to == DAY0 + 10 * MS_DAY);
	CHECK(strstr(g.period.label, " to date") != NULL);
	CHECK(g.regime.has && g.regime.to_date && g.regime.from == DAY0 + 7 * MS_DAY);
	/* the 5th is kept, the 12th lies after the date: left out, unnamed */
	CHECK(g.ncrash == 1 && g.crash_day[0] == DAY0 + 4 * MS_DAY);
	CHECK(g.notes.n == 1 && strstr(g.notes.text[0], "1 of the configured crash days") != NULL);
	CHECK(strstr(g.notes.text[0], "2026-01-12") == NULL);
	/* the ETH period high so far: 18 + 1 on the 9th, from the window start */
	CHECK(g.primary_price->has_period && g.primary.series->col[MS_HIGH][g.primary_price->period_high] == 20);
	ms_figures_release(&g);
	teardown(&f);

	setup(&f, DAY0 - MS_DAY);                  /* 2025-12-31: nothing of January yet */
	f.cfg.window_start = DAY0 - 5 * MS_DAY;
	ms_figures h;
	/* no bars by then: the primary has no prices, an error at its line */
	CHECK(ms_figures_compute(&f.cfg, f.ds, 3, &none, &h, &f.cap.d) == -1);
	check_message(&f.cap, "r.ini:5:1: error: primary = eth");
	ms_figures_release(&h);
	teardown(&f);
}

static void freshness_on_a_weekend(void)
{
	fixture f;
	/* Saturday 2026-01-10: ETH's last day is the 10th, BTC's the 11th is
	 * cut, flows' last is Friday the 9th: none is stale */
	setup(&f, DAY0 + 9 * MS_DAY);
	ms_notes none = { 0 };
	ms_figures g;
	CHECK(ms_figures_compute(&f.cfg, f.ds, 3, &none, &g, &f.cap.d) == 0);
	CHECK(g.fresh[2].expected_day == DAY0 + 8 * MS_DAY && g.fresh[2].behind_days == 0);
	CHECK(g.nstale == 0);
	ms_figures_release(&g);
	teardown(&f);
	/* Wednesday the 14th: ETH ended on the 10th, BTC on the 11th, flows on Friday the 9th */
	setup(&f, DAY0 + 13 * MS_DAY);
	CHECK(ms_figures_compute(&f.cfg, f.ds, 3, &none, &g, &f.cap.d) == 0);
	CHECK(g.fresh[0].stale && g.fresh[0].behind_days == 4);
	CHECK(g.fresh[1].stale && g.fresh[1].behind_days == 3);
	CHECK(g.fresh[2].stale && g.fresh[2].behind_days == 5);
	CHECK(g.nstale == 3);
	ms_figures_release(&g);
	f.cfg.max_stale_days = 3;
	f.cfg.max_stale_line = 9;
	CHECK(ms_figures_compute(&f.cfg, f.ds, 3, &none, &g, &f.cap.d) == -1);
	check_message(&f.cap, "r.ini:9:1: error: source 'eth' ends on 2026-01-10, 4 days before the as-of date 2026-01-14");
	ms_figures_release(&g);
	teardown(&f);
}

static void views_at_an_earlier_date(void)
{
	fixture f;
	setup(&f, DAY0 + 9 * MS_DAY);
	ms_views v;
	/* the end of the 5th: ETH's first five days, BTC's four, three flows */
	CHECK(ms_views_at(f.ds, 3, f.cfg.window_start, DAY0 + 5 * MS_DAY, &v) == 0);
	CHECK(v.n == 3);
	CHECK(v.ds[0].series->n == 5 && v.ds[1].series->n == 4 && v.ds[2].series->n == 3);
	CHECK(v.ds[0].series->borrowed && v.ds[0].series->t == f.ds[0].series->t);
	/* the originals are untouched */
	CHECK(f.ds[0].series->n == 10);
	ms_basis b;
	ms_basis_compute(v.ds, v.n, "eth", &b);
	double coins = 100 / 100.0 + 100 / 103.0;
	CHECK(b.has && b.cb.unpriced == 1);
	CHECK_NEAR(b.cb.basis, 200 / coins, 1e-12);
	ms_views_release(&v);
	/* before every bar: no view at all */
	CHECK(ms_views_at(f.ds, 3, f.cfg.window_start, DAY0, &v) == 0 && v.n == 0);
	ms_views_release(&v);
	teardown(&f);
}

const ms_test figures_tests[] = {
	{ "figures/cost_basis_of_the_flows_asset", cost_basis_of_the_flows_asset },
	{ "figures/spans_and_crash_days_at_the_date", spans_and_crash_days_at_the_date },
	{ "figures/freshness_on_a_weekend", freshness_on_a_weekend },
	{ "figures/views_at_an_earlier_date", views_at_an_earlier_date },
};
const size_t figures_ntests = sizeof figures_tests / sizeof figures_tests[0];
