/* The primary's falls of more than 20 % since 2011 in the model, with
 * where the fall under way ranks among them. */
#include <math.h>
#include <stdio.h>
#include "asset.h"
#include "fmt.h"
#include "model_fig.h"
#include "phrase.h"
#include "utc.h"

static int year_of(int64_t t)
{
	int y, m, d;
	ms_civil_from_days(t / MS_DAY, &y, &m, &d);
	return y;
}

/* Peak to trough: "2021–22", "2013–15", "2011"; "2025–" while under way. */
void ms_history_span_label(const ms_series *s, const ms_drawdown *e, char *out, size_t n)
{
	int a = year_of(s->t[e->peak]), b = year_of(s->t[e->trough]);
	if (!e->recovered)
		snprintf(out, n, "%d\xE2\x80\x93", a);
	else if (b == a)
		snprintf(out, n, "%d", a);
	else
		snprintf(out, n, "%d\xE2\x80\x93%02d", a, b % 100);
}

json_t *ms_model_history(const ms_figures *f)
{
	const ms_history *h = &f->history;
	if (!h->n)
		return NULL;
	const ms_series *s = f->primary.series;
	const char *src = f->primary.cfg->name;
	json_t *o = json_object(), *rows = json_array();
	ms_json_set_day(o, "from", 1, s->t[h->from]);
	json_t *min = ms_fig(MS_HISTORY_MIN_DEPTH, MS_FRACTION, src, "the falls listed are deeper");
	char pct[32];
	ms_fmt_pct(pct, sizeof pct, MS_HISTORY_MIN_DEPTH, 0);
	json_object_set_new(min, "display", json_string(pct));
	json_object_set_new(o, "min_depth", min);
	json_object_set_new(o, "count", json_integer((json_int_t)h->n));
	const ms_drawdown *now = h->falls[h->n - 1].recovered ? NULL : &h->falls[h->n - 1];
	for (size_t i = 0; i < h->n; i++) {
		const ms_drawdown *e = &h->falls[i];
		json_t *r = ms_model_drawdown_row(s, e, f->cfg->as_of, src);
		char span[32];
		ms_history_span_label(s, e, span, sizeof span);
		json_object_set_new(r, "span", json_string(span));
		json_object_set_new(r, "number", json_integer((json_int_t)i + 1));
		json_object_set_new(r, "current", json_boolean(e == now));
		json_array_append_new(rows, r);
	}
	json_object_set_new(o, "falls", rows);
	json_t *cur = json_null();
	if (now) {
		/* its rank by depth, and the last earlier fall at least as deep */
		size_t deeper = 0;
		const ms_drawdown *last_as_deep = NULL;
		for (size_t i = 0; i + 1 < h->n; i++) {
			deeper += h->falls[i].depth < now->depth;
			if (h->falls[i].depth <= now->depth)
				last_as_deep = &h->falls[i];
		}
		cur = json_object();
		char rank[24];
		ms_fmt_ordinal(rank, sizeof rank, deeper + 1);
		json_object_set_new(cur, "rank", json_integer((json_int_t)deeper + 1));
		json_object_set_new(cur, "rank_text", json_string(rank));
		json_object_set_new(cur, "depth", ms_fig(now->depth, MS_CHANGE, src, "trough close / peak close - 1, so far"));
		json_object_set_new(cur, "deepest_ever", json_boolean(!last_as_deep));
		json_object_set_new(cur, "since", json_null());
		if (last_as_deep) {
			char span[32];
			ms_history_span_label(s, last_as_deep, span, sizeof span);
			json_t *since = json_object();
			json_object_set_new(since, "span", json_string(span));
			json_object_set_new(since, "depth", ms_fig(last_as_deep->depth, MS_CHANGE, src,
								   "trough close / peak close - 1"));
			json_object_set_new(cur, "since", since);
		}
	}
	json_object_set_new(o, "current", cur);
	return o;
}
