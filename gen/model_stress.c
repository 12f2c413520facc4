/* The market stress index in the model: the as-of day's value, percentile
 * and regime, each part's reading and contribution, the index's peaks so
 * far against the known episodes, and the thresholds of its regimes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fmt.h"
#include "model_fig.h"
#include "phrase.h"
#include "utc.h"

#define SOURCE "stress_index"
#define PEAKS 10
#define PEAK_SEPARATION_DAYS 30
#define EPISODE_MATCH_DAYS 7

/* How each part's raw value reads. */
static const ms_unit part_units[MS_SP_N] = {
	[MS_SP_DRAWDOWN] = MS_CHANGE, [MS_SP_VOLATILITY] = MS_FRACTION, [MS_SP_DAY_FALL] = MS_CHANGE,
	[MS_SP_LIQ_OI] = MS_FRACTION, [MS_SP_OI_CHANGE] = MS_CHANGE, [MS_SP_FUNDING] = MS_FRACTION,
	[MS_SP_MCAP_DRAWDOWN] = MS_CHANGE, [MS_SP_FEAR_GREED] = MS_INDEX, [MS_SP_ETF_FLOWS] = MS_USD_MILLIONS,
};

static json_t *score(double v, const char *convention)
{
	json_t *o = ms_fig(v, MS_RATIO, SOURCE, convention);
	char b[32];
	ms_fmt_score(b, sizeof b, v, 0);
	json_object_set_new(o, "display", json_string(b));
	return o;
}

static json_t *parts(const ms_stress *s, size_t g)
{
	json_t *a = json_array();
	int k = 0;
	for (int c = 0; c < MS_SP_N; c++)
		k += !isnan(s->z[c][g]);
	for (int c = 0; c < MS_SP_N; c++) {
		json_t *o = json_object();
		json_object_set_new(o, "name", json_string(ms_stress_parts[c].name));
		json_object_set_new(o, "label", json_string(ms_stress_parts[c].label));
		json_object_set_new(o, "phrase", json_string(ms_stress_parts[c].phrase));
		int has = !isnan(s->z[c][g]);
		json_object_set_new(o, "has", json_boolean(has));
		json_object_set_new(o, "raw", isnan(s->raw[c][g]) ? json_null() :
				    ms_fig(s->raw[c][g], part_units[c], SOURCE, "the part's value on the day"));
		json_object_set_new(o, "z", has ? score(s->z[c][g], "standard deviations from the part's mean to the "
							      "day, signed so that higher is more stress") : json_null());
		json_object_set_new(o, "contribution", has ? score(s->z[c][g] / k, "z / the number of parts that day") :
				    json_null());
		json_array_append_new(a, o);
	}
	return a;
}

/* The grid index of a YYYY-MM-DD day, or s->n. */
static size_t day_index(const ms_stress *s, const char *iso)
{
	int64_t t;
	if (ms_parse_date(iso, &t) || t < s->day[0] || t > s->day[s->n - 1])
		return s->n;
	return (size_t)((t - s->day[0]) / MS_DAY);
}

/* The known episode within a week of day g, or NULL. */
static const ms_stress_episode *episode_near(const ms_stress *s, size_t g)
{
	for (size_t e = 0; e < ms_stress_nepisodes; e++) {
		size_t k = day_index(s, ms_stress_episodes[e].day);
		if (k < s->n && (k > g ? k - g : g - k) <= EPISODE_MATCH_DAYS)
			return &ms_stress_episodes[e];
	}
	return NULL;
}

static json_t *peaks(const ms_stress *s)
{
	size_t at[PEAKS];
	size_t n = ms_stress_peaks(s, PEAK_SEPARATION_DAYS, at, PEAKS);
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		const ms_stress_episode *e = episode_near(s, at[i]);
		json_object_set_new(o, "rank", json_integer((json_int_t)i + 1));
		ms_json_set_day(o, "date", 1, s->day[at[i]]);
		json_object_set_new(o, "value", score(s->index[at[i]], "the index on its peak day"));
		json_object_set_new(o, "episode", e ? json_string(e->label) : json_null());
		json_array_append_new(a, o);
	}
	return a;
}

/* The known episodes by the as-of day: the index's highest value within a
 * week either side (as far as the data goes), and that day's regime. */
static json_t *episodes(const ms_stress *s)
{
	json_t *a = json_array();
	for (size_t e = 0; e < ms_stress_nepisodes; e++) {
		size_t k = day_index(s, ms_stress_episodes[e].day);
		if (k >= s->n || k < s->first)
			continue;
		size_t best = s->n;
		for (size_t g = k > EPISODE_MATCH_DAYS ? k - EPISODE_MATCH_DAYS : 0; g < s->n && g <= k + EPISODE_MATCH_DAYS; g++)
			if (!isnan(s->index[g]) && (best == s->n || s->index[g] > s->index[best]))
				best = g;
		if (best == s->n)
			continue;
		json_t *o = json_object();
		json_object_set_new(o, "label", json_string(ms_stress_episodes[e].label));
		json_object_set_new(o, "episode_date", json_string(ms_stress_episodes[e].day));
		ms_json_set_day(o, "date", 1, s->day[best]);
		json_object_set_new(o, "value", score(s->index[best], "the index's highest within a week of the episode"));
		json_object_set_new(o, "regime", isnan(s->percentile[best]) ? json_null() :
				    json_string(ms_stress_regime(s->percentile[best])));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *ms_model_stress(const ms_figures *f)
{
	const ms_stress *s = &f->stress;
	size_t g = s->n ? s->n - 1 : 0;
	if (s->first >= s->n || isnan(s->index[g]))
		return NULL;
	json_t *o = json_object();
	ms_json_set_day(o, "date", 1, s->day[g]);
	ms_json_set_day(o, "start", 1, s->day[s->first]);
	json_t *value = score(s->index[g], "the mean of the day's standardised parts");
	json_object_set_new(value, "date", ms_json_date(s->day[g]));
	json_object_set_new(o, "value", value);
	json_t *pct = NULL;
	if (!isnan(s->percentile[g])) {
		char b[48];
		pct = ms_fig(s->percentile[g], MS_FRACTION, SOURCE, "the share of the index's days so far at or below it");
		ms_fmt_ordinal(b, sizeof b, (size_t)floor(s->percentile[g] * 100));
		json_object_set_new(pct, "ordinal", json_string(b));
	}
	json_object_set_new(o, "percentile", pct ? pct : json_null());
	json_object_set_new(o, "regime", pct ? json_string(ms_stress_regime(s->percentile[g])) : json_null());
	int k = 0;
	for (int c = 0; c < MS_SP_N; c++)
		k += !isnan(s->z[c][g]);
	json_object_set_new(o, "part_count", json_integer(k));
	json_object_set_new(o, "parts", parts(s, g));
	json_object_set_new(o, "peaks", peaks(s));
	json_object_set_new(o, "episodes", episodes(s));
	return o;
}
