#include "week_deltas.h"
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "fmt.h"
#include "model.h"
#include "phrase.h"

/* How a figure's change reads: as a relative change of a price or a level,
 * in percentage points of a fraction, in points of an index, in money. */
enum change_kind { RELATIVE, POINTS_PCT, POINTS, MONEY_M, SCORE };

static const struct {
	const char *path, *label;
	enum change_kind kind;
} figures[] = {
	{ "primary.latest_close", "close", RELATIVE },
	{ "primary.drawdown_from_ath", "drawdown from the high", POINTS_PCT },
	{ "primary.returns.volatility_30d", "30-day volatility", POINTS_PCT },
	{ "market_cap.latest", "Total crypto market cap", RELATIVE },
	{ "etf.cumulative", "ETF net flows since launch", MONEY_M },
	{ "etf.cost_basis", "ETF cost basis", RELATIVE },
	{ "sentiment.latest", "Fear & Greed Index", POINTS },
	{ "stress.value", "Market stress index", SCORE },
};


static void change_text(char *out, size_t n, enum change_kind kind, double now, double before)
{
	char v[48];
	switch (kind) {
	case RELATIVE:
		ms_fmt_change(out, n, now / before - 1, 1);
		return;
	case POINTS_PCT:
		ms_fmt_grouped(v, sizeof v, fabs(now - before) * 100, 1);
		snprintf(out, n, "%s%s pts", now - before < 0 ? "\xE2\x88\x92" : "+", v);
		return;
	case POINTS:
		ms_fmt_grouped(v, sizeof v, fabs(now - before), 0);
		snprintf(out, n, "%s%s", now - before < 0 ? "\xE2\x88\x92" : "+", v);
		return;
	case MONEY_M:
		ms_fmt_usd_compact(v, sizeof v, fabs(now - before) * 1e6);
		snprintf(out, n, "%s%s", now - before < 0 ? "\xE2\x88\x92" : "+", v);
		return;
	case SCORE:
		ms_fmt_score(out, n, now - before, 1);
		return;
	}
}

int ms_week_deltas(json_t *model, json_t *before)
{
	json_t *list = json_array(), *week = json_object_get(model, "week");
	const char *asset = json_string_value(ms_model_at(model, "primary.asset_name"));
	for (size_t i = 0; list && i < sizeof figures / sizeof figures[0]; i++) {
		json_t *a = ms_model_at(model, figures[i].path), *b = ms_model_at(before, figures[i].path);
		json_t *va = json_object_get(a, "value"), *vb = json_object_get(b, "value");
		if (!json_is_number(va) || !json_is_number(vb))
			continue;
		double now = json_number_value(va), then = json_number_value(vb);
		if (!isfinite(now) || !isfinite(then) || (figures[i].kind == RELATIVE && then == 0))
			continue;
		char label[96], change[64];
		/* the asset's own figures are named with it: "Bitcoin, close" */
		if (!strncmp(figures[i].path, "primary.", 8))
			snprintf(label, sizeof label, "%s, %s", asset ? asset : "", figures[i].label);
		else
			snprintf(label, sizeof label, "%s", figures[i].label);
		change_text(change, sizeof change, figures[i].kind, now, then);
		json_t *row = json_pack("{s:s, s:O, s:O, s:s}", "label", label, "now", a, "before", b, "change", change);
		if (!row || json_array_append_new(list, row)) {
			json_decref(list);
			list = NULL;
		}
	}
	if (!list || !json_is_object(week)) {
		json_decref(list);
		return list ? 0 : -1;
	}
	return json_object_set_new(week, "deltas", list) ||
	       json_object_set_new(week, "has_deltas", json_boolean(json_array_size(list) > 0)) ? -1 : 0;
}
