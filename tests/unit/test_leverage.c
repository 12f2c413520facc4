/* Leverage, funds and history on hand-made series: open interest's change
 * over the window and on a crash day, funding annualised, its negative
 * share and longest negative run, open interest over the total market cap;
 * the Farside file's fund columns and each fund's figures; the falls of more
 * than 20 % since 2011. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include "config.h"
#include "figures.h"
#include "test.h"
#include "utc.h"

static const char *cfg_text =
	"[report]\nas_of = 2026-01-08\nwindow_start = 2026-01-01\nperiod_high = 2026-01\nprimary = btc\n"
	"[source.btc]\nformat = cryptoquant_ohlcv\npath = b.csv\nasset = BTC\nvenue = Q\n"
	"[source.btc_oi]\nformat = cryptoquant_metric\nvalue_column = v\nmetric = open_interest\npath = o.csv\n"
	"asset = BTC\nvenue = Q\n"
	"[source.btc_funding]\nformat = cryptoquant_metric\nvalue_column = v\nmetric = funding\npath = f.csv\n"
	"asset = BTC\nvenue = Q\n"
	"[source.mcap]\nformat = coingecko_global_mcap\npath = m.csv\nvenue = C\n";

#define DAY0 (ms_days_from_civil(2026, 1, 1) * MS_DAY)

static void open_interest_and_funding(void)
{
	capture cap;
	capture_start(&cap);
	ms_config cfg;
	CHECK(ms_config_parse(&cfg, "r.ini", cfg_text, strlen(cfg_text), &cap.d) == 0);
	ms_dataset ds[3];
	memset(ds, 0, sizeof ds);
	/* open interest (US$): a high of 130 on the 4th, 100 before the crash
	 * day (the 6th) and 70 on it; funding (percent per 8 h) negative on the
	 * 2nd, the 5th, 6th and 7th; the market cap 1000 a day */
	static const double oi[8] = { 100, 110, 120, 130, 100, 70, 80, 90 };
	static const double fu[8] = { 0.01, -0.01, 0.01, 0.01, -0.02, -0.03, -0.01, 0.02 };
	for (int v = 0; v < 3; v++) {
		ds[v].cfg = &cfg.source[v + 1];      /* the price source is not needed */
		ds[v].fmt = *ms_csv_format_find(ds[v].cfg->format);
		ds[v].series = ms_series_new(MS_DAY, MS_COLBIT(MS_VALUE));
		for (int i = 0; i < 8; i++) {
			double vals[MS_NCOL] = { 0, 0, 0, 0, 0, v == 0 ? oi[i] : v == 1 ? fu[i] : 1000 };
			ms_series_push(ds[v].series, DAY0 + i * MS_DAY, vals);
		}
		ds[v].lo = 0;
		ds[v].hi = 8;
	}
	ms_figures f;
	memset(&f, 0, sizeof f);
	f.cfg = &cfg;
	f.ds = ds;
	f.nds = 3;
	f.ncrash = 1;
	f.crash_day[0] = DAY0 + 5 * MS_DAY;
	f.mcap.ds = &ds[2];
	CHECK(ms_leverage_figures(&f) == 0);
	const ms_leverage *l = &f.leverage;
	CHECK(l->n == 1);
	const ms_lev_asset *a = &l->asset[0];
	CHECK_NEAR(a->oi_change, 90.0 / 100 - 1, 1e-15);
	CHECK(a->oi_high == 3);
	CHECK(a->has_crash[0] && a->crash_i[0] == 5);
	CHECK_NEAR(a->crash_change[0], 70.0 / 100 - 1, 1e-15);
	CHECK(isnan(a->crash_liq_to_oi[0]));        /* no liquidations loaded */
	/* funding: 0.01 % per 8 h is 0.01 / 100 x 3 x 365 = 10.95 % a year */
	CHECK_NEAR(ms_funding_annualised(0.01), 0.1095, 1e-15);
	double mean = (0.01 - 0.01 + 0.01 + 0.01 - 0.02 - 0.03 - 0.01 + 0.02) / 8;
	CHECK_NEAR(a->funding_mean, ms_funding_annualised(mean), 1e-12);
	double last7 = (-0.01 + 0.01 + 0.01 - 0.02 - 0.03 - 0.01 + 0.02) / 7;
	CHECK_NEAR(a->funding_7d, ms_funding_annualised(last7), 1e-12);
	CHECK_NEAR(a->negative_share, 4.0 / 8, 1e-15);
	CHECK(a->negative_run.length == 3 && a->negative_run.first == 4 && a->negative_run.last == 6);
	/* open interest over the market cap: the last day's, and the highest */
	CHECK(l->has_ratio);
	CHECK_NEAR(l->ratio, 90.0 / 1000, 1e-15);
	CHECK_NEAR(l->ratio_high, 130.0 / 1000, 1e-15);
	CHECK(l->ratio_high_day == DAY0 + 3 * MS_DAY);
	/* the funding line the chart draws: the 7-day mean from the seventh day */
	CHECK(a->funding_7d_n == 2 && a->funding_7d_first == 6);
	CHECK_NEAR(a->funding_7d_series[1], a->funding_7d, 1e-15);
	ms_leverage_figures_release(&f);
	for (int v = 0; v < 3; v++)
		ms_series_free(ds[v].series);
	ms_config_release(&cfg);
	capture_end(&cap);
}

/* The funds' columns of a Farside flows file: the total is not a fund, a
 * fund not launched yet is empty, the rows before the launch and after the
 * as-of day are not read, and a bad cell is named by line and column. */
static const char *flows_cfg =
	"[report]\nas_of = 2024-01-12\nwindow_start = 2024-01-01\nperiod_high = 2024-01\nprimary = btc\n"
	"[source.btc]\nformat = cryptoquant_ohlcv\npath = b.csv\nasset = BTC\nvenue = Q\n"
	"[source.flows]\nformat = farside_flows_csv\npath = %s\nasset = BTC\nvenue = F\n";

static int load(const char *csv_text, ms_fund_flows *ff, capture *cap, ms_config *cfg, char *path)
{
	strcpy(path, "/tmp/ms_funds_XXXXXX");
	int fd = mkstemp(path);
	CHECK(fd >= 0 && write(fd, csv_text, strlen(csv_text)) == (ssize_t)strlen(csv_text));
	close(fd);
	char text[1024];
	snprintf(text, sizeof text, flows_cfg, path);
	CHECK(ms_config_parse(cfg, "r.ini", text, strlen(text), &cap->d) == 0);
	ms_dataset flows;
	memset(&flows, 0, sizeof flows);
	flows.cfg = &cfg->source[1];
	flows.fmt = *ms_csv_format_find(flows.cfg->format);
	int rc = ms_fund_flows_load(&flows, ms_days_from_civil(2024, 1, 13) * MS_DAY, ff, &cap->d);
	unlink(path);
	return rc;
}

static void fund_columns(void)
{
	capture cap;
	capture_start(&cap);
	ms_config cfg;
	char path[64];
	ms_fund_flows ff;
	CHECK(load("date,IBIT,GBTC,NEW,Total\n2024-01-01,1,2,,3\n2024-01-11,10,-5,,5\n2024-01-12,20,-6,-,14\n"
		   "2024-01-13,30,-7,1,24\n", &ff, &cap, &cfg, path) == 0);
	CHECK(ff.nfund == 3 && !strcmp(ff.fund[0], "IBIT") && !strcmp(ff.fund[1], "GBTC") && !strcmp(ff.fund[2], "NEW"));
	CHECK(ff.ndays == 2 && ff.day[0] == ms_days_from_civil(2024, 1, 11) * MS_DAY);
	CHECK(ff.v[0] == 10 && ff.v[1] == -5 && isnan(ff.v[2]) && ff.v[3] == 20 && ff.v[4] == -6 && isnan(ff.v[5]));
	ms_fund_flows_release(&ff);
	ms_config_release(&cfg);
	CHECK(load("date,IBIT,Total\n2024-01-11,10,10\n2024-01-12,1O,10\n", &ff, &cap, &cfg, path) == -1);
	char want[128];
	snprintf(want, sizeof want, "%s:3:12: error: a fund's flow is not a number: '1O'", path);
	CHECK(strstr(capture_text(&cap), want) != NULL);
	CHECK(ff.nfund == 0 && ff.ndays == 0);
	ms_config_release(&cfg);
	capture_end(&cap);
}

/* Each fund's figures: flows since launch, by month, since the peak of the
 * fall under way, and its own cost basis at the day's close. */
static void fund_figures(void)
{
	ms_fund_flows ff;
	memset(&ff, 0, sizeof ff);
	char a[] = "AAA", b[] = "BBB", c[] = "CCC";
	ff.nfund = 3;
	ff.fund[0] = a;
	ff.fund[1] = b;
	ff.fund[2] = c;
	/* 30 Jan, 31 Jan, 1 Feb, 2 Feb: AAA buys 100 a day; BBB buys 100 twice
	 * and sells 50 twice; CCC never trades */
	int64_t day[4];
	double v[12] = { 100, 100, 0, 100, 100, NAN, 100, -50, NAN, 100, -50, 0 };
	for (int i = 0; i < 4; i++)
		day[i] = (ms_days_from_civil(2026, 1, 30) + i) * MS_DAY;
	ff.ndays = 4;
	ff.day = day;
	ff.v = v;
	/* closes 10, 20, 40, 50 on the four days */
	ms_series *px = ms_series_new(MS_DAY, MS_OHLC);
	for (int i = 0; i < 4; i++) {
		double c4 = 10.0 * (i == 0 ? 1 : i == 1 ? 2 : i == 2 ? 4 : 5), bar[MS_NCOL] = { c4, c4, c4, c4, 0, 0 };
		ms_series_push(px, day[i], bar);
	}
	/* a fall under way from a peak on 31 January */
	ms_drawdown fall = { .peak = 1, .trough = 2, .recovered = 0, .depth = -0.3 };
	ms_figures f;
	memset(&f, 0, sizeof f);
	f.basis.has = 1;
	f.basis.price_days = *px;
	f.primary.series = px;
	f.history.falls = &fall;
	f.history.n = 1;
	CHECK(ms_fund_figures(&f, &ff) == 0);
	const ms_funds *u = &f.funds;
	CHECK(u->n == 2);                     /* CCC has no flow: left out */
	const ms_fund_row *ra = &u->row[0], *rb = &u->row[1];
	CHECK(ra->fund == 0 && rb->fund == 1);
	CHECK(ra->since_launch == 400 && rb->since_launch == 100);
	/* since the peak (31 January): the last three days */
	CHECK(u->has_stress && u->stress_from == day[1]);
	CHECK(ra->stress == 300 && rb->stress == 0 && u->stress_total == 300);
	/* by month, oldest first: January is the fifth of six, February the last */
	CHECK(ra->month[4] == 200 && ra->month[5] == 200 && rb->month[4] == 200 && rb->month[5] == -100);
	CHECK(ra->month[0] == 0);
	/* AAA: 400 dollars over 100/10 + 100/20 + 100/40 + 100/50 coins; BBB:
	 * 100 dollars over 10 + 5 - 1.25 - 1 coins (it sold what it bought dear) */
	CHECK(ra->has_basis && rb->has_basis);
	CHECK_NEAR(ra->cb.basis, 400 / (10.0 + 5 + 2.5 + 2), 1e-12);
	CHECK_NEAR(rb->cb.basis, 100 / (10.0 + 5 - 1.25 - 1), 1e-12);
	ms_fund_figures_release(&f);
	ms_series_free(px);
}

/* Falls of more than 20 % from 2011 on, by peak date: a fall of 10 % is
 * not one, a recovered fall has its recovery, the last is under way. */
static void history_falls(void)
{
	static const double closes[] = { 50, 10, 20, 18, 21, 15, 24, 12, 13 };
	ms_series *s = ms_series_new(MS_DAY, MS_OHLC);
	int64_t d0 = ms_days_from_civil(2010, 12, 31) * MS_DAY;
	for (int i = 0; i < 9; i++) {
		double bar[MS_NCOL] = { closes[i], closes[i], closes[i], closes[i], 0, 0 };
		ms_series_push(s, d0 + i * MS_DAY, bar);
	}
	ms_figures f;
	memset(&f, 0, sizeof f);
	f.primary.series = s;
	CHECK(ms_history_figures(&f) == 0);
	const ms_history *h = &f.history;
	/* from 2011: 50 on 31 December 2010 is before it */
	CHECK(h->from == 1);
	/* 20 -> 18 is 10 %: not listed; 21 -> 15 (-28.6 %), recovered at 24; 24 -> 12 (-50 %), under way */
	CHECK(h->n == 2);
	CHECK(h->falls[0].peak == 4 && h->falls[0].trough == 5 && h->falls[0].recovered && h->falls[0].recovery == 6);
	CHECK_NEAR(h->falls[0].depth, 15.0 / 21 - 1, 1e-15);
	CHECK(h->falls[1].peak == 6 && h->falls[1].trough == 7 && !h->falls[1].recovered);
	CHECK_NEAR(h->falls[1].depth, -0.5, 1e-15);
	free(f.history.falls);
	ms_series_free(s);
}

const ms_test leverage_tests[] = {
	{ "leverage/open_interest_and_funding", open_interest_and_funding },
	{ "leverage/fund_columns", fund_columns },
	{ "leverage/fund_figures", fund_figures },
	{ "history/falls_deeper_than_20_percent", history_falls },
};
const size_t leverage_ntests = sizeof leverage_tests / sizeof leverage_tests[0];
