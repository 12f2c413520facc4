/* The fact-check's terms, in the model: whether it is dated apart from the
 * key figures, whether a weekly issue shows it, and, for each claim about a
 * quantity the key figures also give at another date, that figure beside
 * it with its date, so a reader sees both values and why they differ. */
#include "editorial_text.h"

/* A claim's stat and the key figure of the same quantity: where the figure
 * is, the asset it is of, and the path of the date it is as of. */
static const struct {
	const char *stat, *label, *figure, *asset, *as_of;
} same_quantity[] = {
	{ "max_drawdown", "maximum drawdown", "primary.max_drawdown", "primary.asset", "primary.latest_close.date" },
	{ "ath", "all-time high", "primary.ath_intraday", "primary.asset", "primary.latest_close.date" },
	{ "drawdown_from_ath", "drawdown from the high", "primary.drawdown_from_ath", "primary.asset",
	  "primary.latest_close.date" },
	{ "period_high", "period high", "primary.period_high", "primary.asset", "primary.latest_close.date" },
	{ "drawdown_from_period_high", "drawdown from the period high", "primary.drawdown_from_period_high",
	  "primary.asset", "primary.latest_close.date" },
	{ "mcap_peak", "market cap peak", "market_cap.peak", NULL, "market_cap.latest.date" },
	{ "mcap_lost", "market cap lost", "market_cap.lost", NULL, "market_cap.latest.date" },
	{ "etf_cost_basis", "ETF cost basis", "etf.cost_basis", "etf.asset", "etf.cost_basis.date" },
};

static void day_text(const char *iso, char *out, size_t n)
{
	int64_t t;
	out[0] = 0;
	if (!ms_parse_date(iso, &t))
		ms_fmt_day_text(t, out, n);
}

static int pair_with_key_figure(json_t *m, json_t *item)
{
	for (size_t i = 0; i < sizeof same_quantity / sizeof same_quantity[0]; i++) {
		if (strcmp(str(item, "stat"), same_quantity[i].stat))
			continue;
		json_t *fig = ms_model_at(m, same_quantity[i].figure);
		const char *as_of = str(m, same_quantity[i].as_of), *asset = str(item, "asset");
		/* the same date, or the same value as shown: nothing to tell apart */
		if (!json_is_object(fig) || !as_of[0] || !strcmp(as_of, str(item, "checked_through")) ||
		    !strcmp(str(fig, "display"), str(item, "data_display")))
			return 0;
		if (asset[0] && same_quantity[i].asset && strcmp(asset, str(m, same_quantity[i].asset)))
			return 0;
		char day[40], checked[40];
		day_text(as_of, day, sizeof day);
		day_text(str(item, "checked_through"), checked, sizeof checked);
		json_t *k = json_pack("{s:s, s:s, s:s, s:s, s:s}", "label", same_quantity[i].label, "display",
				      str(fig, "display"), "as_of", as_of, "as_of_text", day, "checked_through_text", checked);
		return json_object_set_new(item, "key_figure", k);
	}
	return 0;
}

int ms_editorial_factcheck(json_t *model, json_t *week)
{
	json_t *claims = ms_model_at(model, "claims");
	if (!json_is_object(claims))
		return 0;
	const char *article = str(claims, "article.date");
	int rc = json_object_set_new(claims, "dated_apart",
				     json_boolean(strcmp(str(claims, "checked_through"), str(model, "report.as_of")) != 0));
	/* a weekly issue carries the fact-check only in the week of the article */
	rc |= json_object_set_new(claims, "show", json_boolean(!json_is_object(week) ||
		(strcmp(article, str(model, "week.from")) >= 0 && strcmp(article, str(model, "week.to")) <= 0)));
	json_t *items = ms_model_at(claims, "items");
	size_t paired = 0;
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *item = json_array_get(items, i);
		rc |= json_object_set_new(item, "key_figure", json_null());
		rc |= pair_with_key_figure(model, item);
		paired += json_is_object(json_object_get(item, "key_figure"));
	}
	rc |= json_object_set_new(claims, "has_key_figures", json_boolean(paired > 0));
	return rc ? -1 : 0;
}
