/* The market stress index on hand-made series: each part's raw value by
 * its formula, the carry of a value over at most three days, the expanding
 * standardisation against a two-pass recomputation, the index's need for
 * five parts, the percentile's burn-in and the regimes' edges. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "stress.h"
#include "test.h"
#include "utc.h"

static const char *cfg_text =
	"[report]\nas_of = 2021-12-31\nwindow_start = 2020-01-01\nperiod_high = 2021-01\nprimary = btc\n"
	"[source.btc]\nformat = cryptoquant_ohlcv\npath = b.csv\nasset = BTC\nvenue = B\n"
	"[source.fng]\nformat = alternative_me_fng_csv\npath = f.csv\nvenue = A\n"
	"[source.mcap]\nformat = coingecko_global_mcap\npath = m.csv\nvenue = C\n"
	"[source.flows]\nformat = farside_flows_csv\npath = e.csv\nasset = BTC\nvenue = F\n";

#define DAY0 (ms_days_from_civil(2020, 1, 1) * MS_DAY)
#define DAYS 600
#define FALL_DAY 250

typedef struct fixture {
	ms_config cfg;
	ms_dataset ds[4];
	capture cap;
	ms_stress s;
} fixture;

static void push_value(ms_series *s, int day, double v)
{
	double vals[MS_NCOL] = { 0, 0, 0, 0, 0, v };
	ms_series_push(s, DAY0 + day * MS_DAY, vals);
}

/* BTC: close 100, high 110, low 90 every day, but a close of 80 (low 70)
 * on FALL_DAY. Fear & Greed: 0 on even days, 100 on odd ones, missing on
 * days 300-302 (carried) and 400-403 (the fourth not). Market cap: flat.
 * ETF flows: 10 a day on weekdays from day 500. */
static void setup(fixture *f)
{
	capture_start(&f->cap);
	CHECK(ms_config_parse(&f->cfg, "r.ini", cfg_text, strlen(cfg_text), &f->cap.d) == 0);
	memset(f->ds, 0, sizeof f->ds);
	for (int v = 0; v < 4; v++) {
		f->ds[v].cfg = &f->cfg.source[v];
		f->ds[v].fmt = *ms_csv_format_find(f->ds[v].cfg->format);
		f->ds[v].series = ms_series_new(MS_DAY, v == 0 ? MS_OHLC : MS_COLBIT(MS_VALUE));
	}
	for (int i = 0; i < DAYS; i++) {
		double c = i == FALL_DAY ? 80 : 100, lo = i == FALL_DAY ? 70 : 90;
		double bar[MS_NCOL] = { 100, 110, lo, c, 0, 0 };
		ms_series_push(f->ds[0].series, DAY0 + i * MS_DAY, bar);
		if (!(i >= 300 && i <= 302) && !(i >= 400 && i <= 403))
			push_value(f->ds[1].series, i, i % 2 ? 100 : 0);
		push_value(f->ds[2].series, i, 1e12);
		int weekday = (int)((ms_days_from_civil(2020, 1, 1) + i + 3) % 7);   /* 0 is Monday */
		if (i >= 500 && weekday < 5)
			push_value(f->ds[3].series, i, 10);
	}
	CHECK(ms_stress_compute(&f->ds[0], f->ds, 4, &f->s) == 0);
}

static void teardown(fixture *f)
{
	ms_stress_release(&f->s);
	for (int v = 0; v < 4; v++)
		ms_series_free(f->ds[v].series);
	ms_config_release(&f->cfg);
	capture_end(&f->cap);
}

static void parts_by_their_formulas(void)
{
	fixture f;
	setup(&f);
	const ms_stress *s = &f.s;
	CHECK(s->n == DAYS && s->day[0] == DAY0);
	/* the fall: 80 against the 365-day high of 100; back at 100 the next day */
	CHECK_NEAR(s->raw[MS_SP_DRAWDOWN][FALL_DAY], -0.2, 1e-15);
	CHECK(s->raw[MS_SP_DRAWDOWN][FALL_DAY + 1] == 0);
	CHECK_NEAR(s->raw[MS_SP_DAY_FALL][0], 90.0 / 110 - 1, 1e-15);
	CHECK_NEAR(s->raw[MS_SP_DAY_FALL][FALL_DAY], 70.0 / 110 - 1, 1e-15);
	/* 30 returns on FALL_DAY: ln 0.8 and 29 zeros */
	double r = log(0.8), m = r / 30, ss = (r - m) * (r - m) + 29 * m * m;
	CHECK_NEAR(s->raw[MS_SP_VOLATILITY][FALL_DAY], sqrt(ss / 29) * sqrt(365.0), 1e-12);
	CHECK(isnan(s->raw[MS_SP_VOLATILITY][29]) && !isnan(s->raw[MS_SP_VOLATILITY][30]));
	/* no leverage series: those parts are absent everywhere */
	CHECK(isnan(s->raw[MS_SP_LIQ_OI][FALL_DAY]) && isnan(s->raw[MS_SP_FUNDING][FALL_DAY]));
	/* Fear & Greed carried over three missing days, not four */
	CHECK(s->raw[MS_SP_FEAR_GREED][302] == 100);          /* day 299's value */
	CHECK(s->raw[MS_SP_FEAR_GREED][402] == 100);          /* 399's, three days on */
	CHECK(isnan(s->raw[MS_SP_FEAR_GREED][403]));
	CHECK(s->raw[MS_SP_MCAP_DRAWDOWN][FALL_DAY] == 0);
	/* ETF flows: the last five trading days' sum, over a weekend too */
	CHECK(isnan(s->raw[MS_SP_ETF_FLOWS][499]));
	int sat = 0;
	while ((ms_days_from_civil(2020, 1, 1) + sat + 3) % 7 != 5 || sat < 510)
		sat++;
	CHECK(s->raw[MS_SP_ETF_FLOWS][sat] == 50);
	teardown(&f);
}

/* Each part against its own past: a two-pass mean and deviation over the
 * values up to the day, the part's sign, the cap. */
static void expanding_standardisation(void)
{
	fixture f;
	setup(&f);
	const ms_stress *s = &f.s;
	for (int c = 0; c < MS_SP_N; c++) {
		double *x = malloc(DAYS * sizeof *x);
		size_t k = 0;
		for (size_t g = 0; g < s->n; g++) {
			if (isnan(s->raw[c][g])) {
				CHECK(isnan(s->z[c][g]));
				continue;
			}
			x[k++] = s->raw[c][g];
			if (k < MS_STRESS_MIN_OBS) {
				CHECK(isnan(s->z[c][g]));
				continue;
			}
			double mean = 0, ss = 0, lo = x[0], hi = x[0];
			for (size_t i = 0; i < k; i++) {
				mean += x[i] / (double)k;
				lo = fmin(lo, x[i]);
				hi = fmax(hi, x[i]);
			}
			for (size_t i = 0; i < k; i++)
				ss += (x[i] - mean) * (x[i] - mean);
			double sd = sqrt(ss / (double)(k - 1));
			/* values all the same: no deviation (a two-pass mean may round off them) */
			double z = lo < hi ? ms_stress_parts[c].sign * (x[k - 1] - mean) / sd : 0;
			z = fmax(-MS_STRESS_Z_CAP, fmin(MS_STRESS_Z_CAP, z));
			CHECK_NEAR(s->z[c][g], z, 1e-9);
		}
		free(x);
	}
	/* the fall is far out on its own part: capped */
	CHECK(s->z[MS_SP_DAY_FALL][FALL_DAY] == MS_STRESS_Z_CAP);
	/* a flat market cap is no stress at all */
	CHECK(s->z[MS_SP_MCAP_DRAWDOWN][400] == 0);
	teardown(&f);
}

static void index_of_five_parts(void)
{
	fixture f;
	setup(&f);
	const ms_stress *s = &f.s;
	/* volatility's 180th value is on day 209: five parts from then */
	CHECK(s->first == 209);
	CHECK(isnan(s->index[208]) && !isnan(s->index[209]));
	double sum = 0;
	int k = 0;
	for (int c = 0; c < MS_SP_N; c++)
		if (!isnan(s->z[c][FALL_DAY])) {
			sum += s->z[c][FALL_DAY];
			k++;
		}
	CHECK(k == 5);
	CHECK_NEAR(s->index[FALL_DAY], sum / 5, 1e-15);
	/* Fear & Greed missing on day 403: four parts, no index */
	CHECK(isnan(s->index[403]));
	/* no rank before the 365th index value (day 574: day 403 has none);
	 * then the share at or below */
	CHECK(isnan(s->percentile[573]) && !isnan(s->percentile[574]));
	size_t g = 574, below = 0, all = 0;
	for (size_t h = 209; h <= g; h++)
		if (!isnan(s->index[h])) {
			all++;
			below += s->index[h] <= s->index[g];
		}
	CHECK(all == MS_STRESS_MIN_RANK);
	CHECK_NEAR(s->percentile[g], (double)below / (double)all, 1e-15);
	teardown(&f);
}

static void regimes_and_peaks(void)
{
	CHECK(!strcmp(ms_stress_regime(0.4999), "calm"));
	CHECK(!strcmp(ms_stress_regime(0.50), "elevated"));
	CHECK(!strcmp(ms_stress_regime(0.7999), "elevated"));
	CHECK(!strcmp(ms_stress_regime(0.80), "high"));
	CHECK(!strcmp(ms_stress_regime(0.95), "extreme"));
	fixture f;
	setup(&f);
	size_t at[3];
	size_t n = ms_stress_peaks(&f.s, 30, at, 3);
	CHECK(n == 3);
	/* the highest day first, the others at least 30 days from it and each other */
	for (size_t g = f.s.first; g < f.s.n; g++)
		CHECK(isnan(f.s.index[g]) || f.s.index[g] <= f.s.index[at[0]]);
	CHECK(at[0] == FALL_DAY);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			CHECK((at[i] > at[j] ? at[i] - at[j] : at[j] - at[i]) >= 30);
	teardown(&f);
}

const ms_test stress_tests[] = {
	{ "stress/parts_by_their_formulas", parts_by_their_formulas },
	{ "stress/expanding_standardisation", expanding_standardisation },
	{ "stress/index_of_five_parts", index_of_five_parts },
	{ "stress/regimes_and_peaks", regimes_and_peaks },
};
const size_t stress_ntests = sizeof stress_tests / sizeof stress_tests[0];
