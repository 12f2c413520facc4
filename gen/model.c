#include "model.h"
#include <math.h>
#include <string.h>
#include "fmt.h"
#include "utc.h"

static json_t *date_str(int64_t t)
{
	char day[11];
	ms_fmt_date(t, day);
	return json_string(day);
}

/* {"value": v, "display": "$126,210", "date": "2025-10-06"} */
static json_t *usd_at(double v, int64_t t)
{
	char disp[64];
	ms_fmt_usd(disp, sizeof disp, v);
	json_t *o = json_object();
	json_object_set_new(o, "value", json_real(v));
	json_object_set_new(o, "display", json_string(disp));
	json_object_set_new(o, "date", date_str(t));
	return o;
}

static json_t *pct(double fraction)
{
	char disp[64];
	ms_fmt_pct(disp, sizeof disp, fraction, 1);
	json_t *o = json_object();
	json_object_set_new(o, "value", json_real(fraction));
	json_object_set_new(o, "display", json_string(disp));
	return o;
}

int ms_price_figures_compute(const ms_dataset *ds, const ms_config *cfg,
			     ms_price_figures *out, ms_diag *d)
{
	const ms_series *s = ds->series;
	const double *hi = s->col[MS_HIGH], *cl = s->col[MS_CLOSE];
	memset(out, 0, sizeof *out);
	if (ds->hi <= ds->lo)
		return ms_error(d, ds->cfg->path, 0, 0, "no bars between the window start and the as-of date");
	out->latest = ds->hi - 1;
	out->ath_high = (size_t)ms_argmax(hi, ds->lo, ds->hi);
	out->ath_close = (size_t)ms_argmax(cl, ds->lo, ds->hi);
	size_t plo, phi;
	ms_series_range(s, cfg->period_from, cfg->period_to, &plo, &phi);
	if (plo < ds->lo)
		plo = ds->lo;
	if (phi > ds->hi)
		phi = ds->hi;
	if (phi > plo) {
		out->period_high = (size_t)ms_argmax(hi, plo, phi);
		out->has_period = 1;
	}
	ms_max_drawdown(cl + ds->lo, ds->hi - ds->lo, &out->maxdd);
	out->maxdd.peak += ds->lo;
	out->maxdd.trough += ds->lo;
	out->maxdd.recovery += ds->lo;
	return 0;
}

static json_t *price_block(const ms_dataset *ds, const ms_config *cfg, const ms_price_figures *f)
{
	const ms_series *s = ds->series;
	const double *hi = s->col[MS_HIGH], *cl = s->col[MS_CLOSE];
	double last = cl[f->latest];
	json_t *o = json_object();
	json_object_set_new(o, "source", json_string(ds->cfg->name));
	json_object_set_new(o, "venue", json_string(ds->cfg->venue));
	json_object_set_new(o, "asset", json_string(ds->cfg->asset));
	json_object_set_new(o, "latest_close", usd_at(last, s->t[f->latest]));
	json_object_set_new(o, "ath_intraday", usd_at(hi[f->ath_high], s->t[f->ath_high]));
	json_object_set_new(o, "ath_close", usd_at(cl[f->ath_close], s->t[f->ath_close]));
	json_object_set_new(o, "drawdown_from_ath", pct(ms_change(hi[f->ath_high], last)));
	json_object_set_new(o, "drawdown_from_ath_close", pct(ms_change(cl[f->ath_close], last)));
	if (f->has_period) {
		json_t *ph = usd_at(hi[f->period_high], s->t[f->period_high]);
		json_object_set_new(ph, "label", json_string(cfg->period_label));
		json_object_set_new(o, "period_high", ph);
		json_object_set_new(o, "drawdown_from_period_high",
				    pct(ms_change(hi[f->period_high], last)));
	}
	const ms_drawdown *dd = &f->maxdd;
	json_t *m = pct(dd->depth);
	json_object_set_new(m, "peak", usd_at(cl[dd->peak], s->t[dd->peak]));
	json_object_set_new(m, "trough", usd_at(cl[dd->trough], s->t[dd->trough]));
	json_object_set_new(m, "peak_to_trough_days",
			    json_integer((s->t[dd->trough] - s->t[dd->peak]) / MS_DAY));
	json_object_set_new(m, "recovered", json_boolean(dd->recovered));
	json_object_set_new(m, "recovery_date", dd->recovered ? date_str(s->t[dd->recovery]) : json_null());
	json_object_set_new(m, "ongoing", json_boolean(!dd->recovered));
	json_object_set_new(o, "max_drawdown", m);
	return o;
}

static int is_daily_ohlc(const ms_dataset *ds)
{
	return ds->fmt->step == MS_DAY && ds->fmt->column[MS_HIGH] && ds->fmt->column[MS_CLOSE];
}

static json_t *source_block(const ms_dataset *ds)
{
	const ms_series *s = ds->series;
	json_t *o = json_object();
	json_object_set_new(o, "name", json_string(ds->cfg->name));
	json_object_set_new(o, "provider", json_string(ds->fmt->provider));
	json_object_set_new(o, "venue", json_string(ds->cfg->venue));
	json_object_set_new(o, "asset", json_string(ds->cfg->asset));
	json_object_set_new(o, "format", json_string(ds->fmt->name));
	json_object_set_new(o, "convention", json_string(ds->fmt->convention));
	const char *base = strrchr(ds->cfg->path, '/');
	json_object_set_new(o, "file", json_string(base ? base + 1 : ds->cfg->path));
	json_object_set_new(o, "rows", json_integer((json_int_t)s->n));
	json_object_set_new(o, "rows_in_window", json_integer((json_int_t)(ds->hi - ds->lo)));
	json_object_set_new(o, "first", date_str(s->t[0]));
	json_object_set_new(o, "last", date_str(s->t[s->n - 1]));
	json_object_set_new(o, "resolution", json_string(s->step == MS_DAY ? "1d" : "1h"));
	return o;
}

static json_t *conventions(void)
{
	static const char *const text[] = {
		"All times are UTC; daily figures use UTC days.",
		"The as-of date is inclusive: the report uses every bar that ends by 24:00 UTC on that day.",
		"\"Intraday\" highs are the highest traded price of a day; \"close\" figures use the daily close.",
		"Drawdowns are measured from the highest value before them: x / running maximum - 1.",
		"The all-time high is the highest value in the loaded data since the window start.",
		"Numbers in stats.json carry 15 significant digits; the report rounds them for reading.",
	};
	json_t *a = json_array();
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		json_array_append_new(a, json_string(text[i]));
	return a;
}

json_t *ms_model_build(const ms_config *cfg, const ms_dataset *ds, size_t nds, ms_diag *d)
{
	json_t *root = json_object();
	json_t *report = json_object();
	json_object_set_new(report, "title", json_string(cfg->title));
	json_object_set_new(report, "subtitle", json_string(cfg->subtitle));
	json_object_set_new(report, "author", json_string(cfg->author));
	json_object_set_new(report, "as_of", date_str(cfg->as_of));
	json_object_set_new(report, "window_start", date_str(cfg->window_start));
	json_object_set_new(report, "generator", json_string("mstress " MS_VERSION));
	json_object_set_new(root, "report", report);
	json_object_set_new(root, "conventions", conventions());
	json_t *sources = json_array(), *venues = json_array();
	int failed = 0;
	for (size_t i = 0; i < nds; i++) {
		json_array_append_new(sources, source_block(&ds[i]));
		if (!is_daily_ohlc(&ds[i]) || strcmp(ds[i].cfg->asset, "BTC"))
			continue;
		ms_price_figures f;
		if (ms_price_figures_compute(&ds[i], cfg, &f, d)) {
			failed = 1;
			continue;
		}
		json_t *b = price_block(&ds[i], cfg, &f);
		if (!strcmp(ds[i].cfg->name, cfg->primary))
			json_object_set(root, "btc", b);
		json_array_append_new(venues, b);
	}
	json_object_set_new(root, "sources", sources);
	json_object_set_new(root, "venues", venues);
	if (failed) {
		json_decref(root);
		return NULL;
	}
	if (!json_object_get(root, "btc")) {
		json_decref(root);
		ms_error(d, cfg->file, 0, 0, "primary source '%s' has no BTC daily prices", cfg->primary);
		return NULL;
	}
	return root;
}
