/* One interpretive sentence per section of the report: what the section's
 * figures mean together, chosen by fixed rules (doc/editorial.md) from the
 * figures the model carries. A section whose figures give no reading gets
 * null, and the template says nothing. */
#include <stdlib.h>
#include "editorial_text.h"
#include "fmt.h"
#include "phrase.h"

/* The fall under way against the deepest falls of the window. */
static void drawdown(json_t *m, const char *since, text *t)
{
	json_t *p = ms_model_at(m, "primary"), *top = ms_model_at(p, "top_drawdowns"), *now = NULL;
	for (size_t i = 0; i < json_array_size(top); i++)
		if (yes(json_array_get(top, i), "ongoing"))
			now = json_array_get(top, i);
	json_t *first = json_array_get(top, 0), *from_high = ms_model_at(p, "drawdown_from_ath_close");
	json_int_t rank = json_integer_value(ms_model_at(now, "rank"));
	char n[24], nth[24];
	ms_fmt_ordinal(nth, sizeof nth, (size_t)(rank > 0 ? rank : 0));
	ms_fmt_count(n, sizeof n, json_array_size(top));
	if (now && rank == 1)
		say(t, "The fall under way is the deepest since %s: %s at its low on %s; %lld days after its "
		    "peak, %s has not closed back at %s.", since, str(now, "depth.magnitude"),
		    str(now, "trough.date_text"), (long long)json_integer_value(ms_model_at(now, "days_total")),
		    str(p, "asset_noun"), str(now, "peak.display"));
	else if (now && rank > 1 && yes(first, "recovered"))
		say(t, "The fall under way, %s at its deepest, is the %s deepest since %s; the deepest, %s, took "
		    "%lld days from its peak to a close back at it.", str(now, "depth.magnitude"), nth, since,
		    str(first, "depth.magnitude"), (long long)json_integer_value(ms_model_at(first, "days_total")));
	else if (now && rank > 1)
		say(t, "The fall under way, %s at its deepest, is the %s deepest since %s.", str(now, "depth.magnitude"),
		    nth, since);
	else if (from_high && yes(from_high, "down") && json_array_size(top))
		say(t, "The close is %s below its closing high, a shallower fall than the %s deepest since %s.",
		    str(from_high, "magnitude"), n, since);
	else if (from_high && !yes(from_high, "down"))
		say(t, "No fall is under way: %s closed at its closing high.", str(p, "asset_noun"));
}

/* The window's sharpest 24-hour fall, and whether it came on a crash day. */
static void crash(json_t *m, const char *since, text *t)
{
	json_t *r = json_array_get(ms_model_at(m, "retracements"), 0), *w = ms_model_at(r, "worst");
	if (!w || !yes(w, "down"))
		return;
	const char *time = str(w, "trough.time");
	char iso[11] = "", day_text[40] = "";
	int64_t day;
	if (strlen(time) >= 10) {
		memcpy(iso, time, 10);
		if (!ms_parse_date(iso, &day))
			ms_fmt_day_text(day, day_text, sizeof day_text);
	}
	if (!day_text[0])
		return;
	int on_crash_day = 0;
	json_t *days = ms_model_at(m, "crash_days");
	for (size_t i = 0; i < json_array_size(days); i++)
		on_crash_day |= !strcmp(str(json_array_get(days, i), "date"), iso);
	say(t, "The sharpest 24-hour fall since %s was %s (%s on %s), to a low on %s%s.", since, str(w, "magnitude"),
	    str(r, "asset"), str(r, "venue"), day_text, on_crash_day ? ", one of the days below" : "");
}

/* The last 30 days' volatility against the window's: a calmer or a rougher
 * market than usual (within a tenth of it either way: as usual). */
static void risk(json_t *m, const char *since, text *t)
{
	json_t *r = ms_model_at(m, "primary.returns");
	double now = num(r, "volatility_30d.value"), all = num(r, "volatility.value");
	if (isnan(now) || isnan(all) || all <= 0)
		return;
	const char *name = str(m, "primary.asset_noun"), *how = now > 1.1 * all ? "has moved more than usual" :
		now < 0.9 * all ? "has been calmer than usual" : "has moved about as usual";
	say(t, "Over the last 30 days, %s %s: an annualised volatility of %s, against %s since %s.", name, how,
	    str(r, "volatility_30d.display"), str(r, "volatility.display"), since);
}

/* Which side the forced selling came from: the window's long to short ratio. */
static void leverage(json_t *m, const char *since, text *t)
{
	json_t *l = json_array_get(ms_model_at(m, "liquidations"), 0);
	double ratio = num(l, "long_short_ratio.value");
	if (!l || isnan(ratio) || ratio <= 0)
		return;
	if (ratio >= 1.1)
		say(t, "Since %s, %s longs were liquidated %s times as much as shorts: the forced selling came mostly "
		    "from traders betting on a rise.", since, str(l, "asset"), str(l, "long_short_ratio.display"));
	else if (ratio <= 1 / 1.1)
		say(t, "Since %s, %s shorts were liquidated more than longs (a ratio of %s): the forced buying of "
		    "traders betting on a fall outweighed the forced selling.", since, str(l, "asset"),
		    str(l, "long_short_ratio.display"));
	else
		say(t, "Since %s, %s longs and shorts were liquidated in about equal measure (a ratio of %s).", since,
		    str(l, "asset"), str(l, "long_short_ratio.display"));
}

static const char *month_name_of(json_t *month)
{
	const char *ym = str(month, "month");        /* "2026-02" */
	return strlen(ym) == 7 ? ms_month_name(atoi(ym + 5)) : "";
}

/* The run of months with flows of one sign that ends with the latest. */
static void etf(json_t *m, text *t)
{
	json_t *months = ms_model_at(m, "etf.monthly");
	size_t n = json_array_size(months);
	if (n == 0)
		return;
	json_t *last = json_array_get(months, n - 1);
	double net = num(last, "net.value");
	if (isnan(net) || net == 0)
		return;
	size_t k = 1;
	double sum = net;
	while (k < n && num(json_array_get(months, n - 1 - k), "net.value") * net > 0)
		sum += num(json_array_get(months, n - 1 - k++), "net.value");
	const char *way = net < 0 ? "outflows" : "inflows", *noun = str(m, "etf.asset_noun");
	char usd[32];
	ms_fmt_usd_compact(usd, sizeof usd, fabs(sum) * 1e6);
	char buf[24];
	ms_fmt_count(buf, sizeof buf, k);
	if (k >= 2)
		say(t, "The US spot %s ETFs have had net %s for %s months running, %s to %s, %s in all.", noun, way,
		    buf,
		    month_name_of(json_array_get(months, n - k)), month_name_of(last), usd);
	else if (n >= 2)
		say(t, "%s's net %s of %s follow %s's net %s.", month_name_of(last), way, usd,
		    month_name_of(json_array_get(months, n - 2)), net < 0 ? "inflows" : "outflows");
}

/* The whole market's fall against the primary asset's, each from its own
 * closing peak: "in step" within 2 points or 15 % of the larger fall. */
static void market(json_t *m, text *t)
{
	json_t *mc = ms_model_at(m, "market_cap.change"), *p = ms_model_at(m, "primary.drawdown_from_ath_close");
	double a = num(mc, "value"), b = num(p, "value");
	if (isnan(a) || isnan(b) || !yes(mc, "down") || !yes(p, "down"))
		return;
	const char *name = str(m, "primary.asset_noun");
	double apart = fmax(0.02, 0.15 * fmax(-a, -b));
	if (a < b - apart)
		say(t, "The wider market has fallen further than %s, %s from its peak against %s: the rest of the "
		    "market fell harder.", name, str(mc, "magnitude"), str(p, "magnitude"));
	else if (a > b + apart)
		say(t, "%s has fallen further than the market as a whole, %s from its closing high against the "
		    "market's %s.", str(m, "primary.asset_name"), str(p, "magnitude"), str(mc, "magnitude"));
	else
		say(t, "The whole market has fallen in step with %s: %s from its peak, against %s's %s.", name,
		    str(mc, "magnitude"), name, str(p, "magnitude"));
}

/* The stress index's regime and the two parts that add most to it. */
static void stress(json_t *m, text *t)
{
	json_t *s = ms_model_at(m, "stress"), *parts = ms_model_at(s, "parts"), *top[2] = { NULL, NULL };
	if (!json_is_object(s) || !json_is_string(ms_model_at(s, "regime")))
		return;
	for (size_t i = 0; i < json_array_size(parts); i++) {
		json_t *p = json_array_get(parts, i);
		double c = num(p, "contribution.value");
		if (isnan(c) || c <= 0)
			continue;
		if (!top[0] || c > num(top[0], "contribution.value")) {
			top[1] = top[0];
			top[0] = p;
		} else if (!top[1] || c > num(top[1], "contribution.value")) {
			top[1] = p;
		}
	}
	say(t, "Market stress is %s: the index, %s, is higher than on %s of the days since %s", str(s, "regime"),
	    str(s, "value.display"), str(s, "percentile.display"), str(s, "start_text"));
	if (top[1])
		say(t, "; %s (%s) and %s (%s) add the most to it", str(top[0], "phrase"), str(top[0], "raw.display"),
		    str(top[1], "phrase"), str(top[1], "raw.display"));
	else if (top[0])
		say(t, "; %s (%s) adds the most to it", str(top[0], "phrase"), str(top[0], "raw.display"));
	say(t, ".");
}

int ms_editorial_readings(json_t *model, json_t *e, const char *since)
{
	text s[7] = { { "" } };
	static const char *const keys[] = { "drawdown", "crash", "risk", "leverage", "etf", "market", "stress" };
	drawdown(model, since, &s[0]);
	crash(model, since, &s[1]);
	risk(model, since, &s[2]);
	leverage(model, since, &s[3]);
	etf(model, &s[4]);
	market(model, &s[5]);
	stress(model, &s[6]);
	json_t *r = json_object();
	int rc = r ? 0 : -1;
	for (size_t i = 0; i < 7 && !rc; i++)
		rc = json_object_set_new(r, keys[i], s[i].s[0] ? json_string(s[i].s) : json_null());
	return json_object_set_new(e, "reading", r) || rc ? -1 : 0;
}
