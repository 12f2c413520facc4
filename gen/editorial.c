#include "editorial.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "phrase.h"
#include "fmt.h"
#include "model.h"
#include "utc.h"
#include "editorial_text.h"

/* "44 %" at 10 % and over, "4.4 %" under: a headline rounds harder than a table. */
static void headline_pct(char *out, size_t n, double change)
{
	ms_fmt_magnitude(out, n, change, fabs(change) >= 0.095 ? 0 : 1);
}

static size_t utf8_chars(const char *s)
{
	size_t k = 0;
	for (; *s; s++)
		k += ((unsigned char)*s & 0xC0) != 0x80;
	return k;
}

/* The price against its high: "Bitcoin 44 % below its all-time high",
 * "Bitcoin at a record $126,210". */
static void price_clause(json_t *m, text *t, int short_high)
{
	json_t *p = ms_model_at(m, "primary");
	double dd = num(p, "drawdown_from_ath.value");
	const char *label = short_high ? "high" : str(p, "high_label");
	if (!strcmp(str(p, "ath_intraday.date"), str(p, "latest_close.date"))) {      /* the high was made today */
		if (yes(p, "all_time"))
			say(t, "%s sets a record high of %s", str(p, "asset_name"), str(p, "ath_intraday.display"));
		else
			say(t, "%s at its %s, %s", str(p, "asset_name"), label, str(p, "ath_intraday.display"));
		return;
	}
	if (isnan(dd) || ms_direction(dd, 1) != MS_DIR_DOWN) {
		if (yes(p, "all_time"))
			say(t, "%s at a record %s", str(p, "asset_name"), str(p, "latest_close.display"));
		else
			say(t, "%s at its %s, %s", str(p, "asset_name"), label, str(p, "latest_close.display"));
		return;
	}
	char pct[32];
	headline_pct(pct, sizeof pct, dd);
	say(t, "%s %s below its %s", str(p, "asset_name"), pct, label);
}

/* This month's ETF flows so far, when the month has any: its entry in etf.monthly. */
static json_t *month_flows(json_t *m)
{
	json_t *months = ms_model_at(m, "etf.monthly");
	json_t *last = json_array_get(months, json_array_size(months) ? json_array_size(months) - 1 : 0);
	const char *as_of = str(m, "report.as_of");
	return last && !strncmp(str(last, "month"), as_of, 7) ? last : NULL;
}

static const char *month_of(json_t *m)
{
	int64_t t;
	int y, mo, d;
	if (ms_parse_date(str(m, "report.as_of"), &t))
		return "the month";
	ms_civil_from_days(t / MS_DAY, &y, &mo, &d);
	return ms_month_name(mo);
}

/* The figure that goes with the price in the headline, if one stands out:
 * the day's liquidations at $1B or more, else a month of ETF flows of $500M
 * or more, else a Fear & Greed reading in its extreme bands. */
static void second_clause(json_t *m, text *t)
{
	json_t *liq = json_array_get(ms_model_at(m, "liquidations"), 0);
	if (liq && !strcmp(str(liq, "latest.date"), str(m, "report.as_of")) && num(liq, "latest.total.value") >= 1e9) {
		say(t, " after %s of %s liquidations", str(liq, "latest.total.display"), str(liq, "asset"));
		return;
	}
	json_t *mf = month_flows(m);
	double net = num(mf, "net.value");      /* US$ millions */
	if (mf && fabs(net) >= 500) {
		char usd[32];
		ms_fmt_usd_compact(usd, sizeof usd, fabs(net) * 1e6);
		/* "ETF outflows" of the primary asset's funds; "ether ETF outflows" of another's */
		int same = !strcmp(str(m, "etf.asset"), str(m, "primary.asset"));
		say(t, " as %s%sETF %s reach %s in %s", same ? "" : str(m, "etf.asset_noun"), same ? "" : " ",
		    net < 0 ? "outflows" : "inflows", usd, month_of(m));
		return;
	}
	double fg = num(m, "sentiment.latest.value");
	if (!isnan(fg) && (fg <= 25 || fg >= 75))
		say(t, " with the Fear & Greed Index at %s", str(m, "sentiment.latest.display"));
}

/* The email's subject: the price clause and the day, in at most 60
 * characters (a shorter label when the long one does not fit). */
static void subject(json_t *m, text *t)
{
	int64_t day;
	char when[32] = "";
	if (!ms_parse_date(str(m, "report.as_of"), &day))
		ms_fmt_day_short(day, when, sizeof when);
	for (int short_high = 0; short_high < 2; short_high++) {
		t->s[0] = 0;
		price_clause(m, t, short_high);
		say(t, " \xC2\xB7 %s", when);
		if (utf8_chars(t->s) <= 60)
			return;
	}
	t->s[0] = 0;
	say(t, "%s, %s", str(m, "primary.asset_name"), when);
}

typedef struct takeaways {
	json_t *list, *lead;     /* lead: the editorial object, whose "lead" is the price sentence */
	const char *as_of, *since;
} takeaways;

static void take(takeaways *k, const char *rule, const text *t)
{
	if (json_array_size(k->list) >= 5 || !t->s[0])
		return;
	json_t *o = json_pack("{s:s, s:s}", "rule", rule, "text", t->s);
	if (o)
		json_array_append_new(k->list, o);
}

static void take_price(json_t *m, takeaways *k)
{
	json_t *p = ms_model_at(m, "primary");
	text t = { "" };
	json_t *dd = ms_model_at(p, "drawdown_from_ath");
	if (!strcmp(str(p, "ath_intraday.date"), str(p, "latest_close.date")) && dd && !yes(dd, "flat"))
		say(&t, "%s closed at %s on %s, %s below the %s of %s it set that day.", str(p, "asset_name"),
		    str(p, "latest_close.display"), str(p, "latest_close.date_text"), str(dd, "magnitude"),
		    str(p, "high_label"), str(p, "ath_intraday.display"));
	else if (!dd || yes(dd, "flat"))
		say(&t, "%s closed at %s on %s, at its %s.", str(p, "asset_name"), str(p, "latest_close.display"),
		    str(p, "latest_close.date_text"), str(p, "high_label"));
	else
		say(&t, "%s closed at %s on %s, %s %s its %s of %s (%s).", str(p, "asset_name"),
		    str(p, "latest_close.display"), str(p, "latest_close.date_text"), str(dd, "magnitude"),
		    str(dd, "above_below"), str(p, "high_label"), str(p, "ath_intraday.display"),
		    str(p, "ath_intraday.date_text"));
	json_object_set_new(k->lead, "lead", json_string(t.s));
}

/* The deepest drawdown of the window, when today is its trough; else how
 * far the close has come back from that trough, when it is recent. */
static void take_fall(json_t *m, takeaways *k)
{
	json_t *p = ms_model_at(m, "primary");
	text t = { "" };
	json_t *md = ms_model_at(p, "max_drawdown");
	if (md && !yes(md, "flat") && !strcmp(str(md, "trough.date"), str(p, "latest_close.date"))) {
		say(&t, "The fall from the closing high of %s (%s) is now %s, the deepest since %s.",
		    str(md, "peak.display"), str(md, "peak.date_text"), str(md, "magnitude"), k->since);
		take(k, "deepest_drawdown", &t);
		return;
	}
	/* a rebound: the deepest drawdown's trough in the last 90 days, the close 10 % or more above it */
	double up = num(md, "from_trough.value"), since_trough = days_between(str(md, "trough.date"), k->as_of);
	if (md && !yes(md, "flat") && up >= 0.10 && since_trough > 0 && since_trough <= 90) {
		say(&t, "%s has risen %s from its close of %s on %s, the low of the deepest fall since %s.",
		    str(p, "asset_name"), str(md, "from_trough.magnitude"), str(md, "trough.display"),
		    str(md, "trough.date_text"), k->since);
		take(k, "rebound", &t);
	}
}

/* One of the window's five worst days in the last seven, the worst of them named. */
static void take_worst_day(json_t *m, takeaways *k)
{
	json_t *p = ms_model_at(m, "primary");
	text t = { "" };

	json_t *worst = ms_model_at(p, "returns.worst_days");
	for (size_t i = 0; i < json_array_size(worst) && i < 5; i++) {
		json_t *w = json_array_get(worst, i);
		double ago = days_between(str(w, "date"), k->as_of);
		if (ago < 0 || ago >= 7)
			continue;
		if (i == 0)
			say(&t, "%s was %s's worst day since %s: %s close to close.", str(w, "date_text"),
			    str(p, "asset_noun"), k->since, str(w, "display"));
		else {
			char nth[16];
			ms_fmt_ordinal(nth, sizeof nth, i + 1);
			say(&t, "%s was %s's %s-worst day since %s: %s close to close.", str(w, "date_text"),
			    str(p, "asset_noun"), nth, k->since, str(w, "display"));
		}
		take(k, "worst_day", &t);
		return;
	}
}

static void take_etf(json_t *m, takeaways *k)
{
	json_t *mf = month_flows(m);
	double net = num(mf, "net.value");
	text t = { "" };
	if (mf && ms_direction(net, 0) != MS_DIR_FLAT) {
		char usd[32];
		ms_fmt_usd_compact(usd, sizeof usd, fabs(net) * 1e6);
		say(&t, "US spot %s ETFs %s a net %s in %s so far", str(m, "etf.asset_noun"),
		    net < 0 ? "lost" : "took in", usd, month_of(m));
		json_t *cs = ms_model_at(m, "etf.current_outflow_streak");
		if (json_integer_value(ms_model_at(cs, "days")) >= 3)
			say(&t, "; outflows have run %lld trading days in a row (%s)",
			    (long long)json_integer_value(ms_model_at(cs, "days")), str(cs, "sum.display"));
		say(&t, ".");
		take(k, "etf_month", &t);
	}
	json_t *vs = ms_model_at(m, "etf.price_vs_cost_basis");
	if (vs) {
		text c = { "" };
		if (yes(vs, "flat"))
			say(&c, "%s trades at the ETFs' flow-weighted cost basis of %s.", str(m, "primary.asset_name"),
			    str(m, "etf.cost_basis.display"));
		else
			say(&c, "%s trades %s %s the ETFs' flow-weighted cost basis of %s%s.", str(m, "primary.asset_name"),
			    str(vs, "magnitude"), str(vs, "above_below"), str(m, "etf.cost_basis.display"),
			    yes(vs, "down") ? ": the average ETF dollar is under water" : "");
		take(k, "cost_basis", &c);
	}
}

/* The window's largest liquidation day, when it fell in the last 30 days. */
static void take_liquidations(json_t *m, takeaways *k)
{
	json_t *liq = json_array_get(ms_model_at(m, "liquidations"), 0);
	json_t *top = json_array_get(ms_model_at(liq, "largest_days"), 0);
	double ago = top ? days_between(str(top, "date"), k->as_of) : -1;
	if (!top || ago < 0 || ago >= 30)
		return;
	text t = { "" };
	say(&t, "%s of %s positions were liquidated on %s, the most in a day since %s; longs were %s of it.",
	    str(top, "total.display"), str(liq, "asset"), str(top, "date_text"), k->since, str(top, "long_share.display"));
	take(k, "liquidations", &t);
}

static void take_sentiment(json_t *m, takeaways *k)
{
	json_t *s = ms_model_at(m, "sentiment");
	double v = num(s, "latest.value");
	if (!s || isnan(v) || (v > 25 && v < 75))
		return;
	text t = { "" };
	say(&t, "The Fear & Greed Index read %s (%s) on %s%s%s.", str(s, "latest.display"), str(s, "latest.class"),
	    str(s, "latest.date_text"), yes(s, "latest_is_min") ? ", its lowest since " : "",
	    yes(s, "latest_is_min") ? k->since : "");
	take(k, "sentiment", &t);
}

static void take_volatility(json_t *m, takeaways *k)
{
	json_t *r = ms_model_at(m, "primary.returns");
	if (isnan(num(r, "volatility_30d.value")) || isnan(num(r, "volatility_30d_max.value")))
		return;
	text t = { "" };
	say(&t, "%s's 30-day volatility is %s (annualised), against a high of %s on %s.", str(m, "primary.asset_name"),
	    str(r, "volatility_30d.display"), str(r, "volatility_30d_max.display"), str(r, "volatility_30d_max.date_text"));
	take(k, "volatility", &t);
}

static void take_market_cap(json_t *m, takeaways *k)
{
	json_t *mc = ms_model_at(m, "market_cap");
	if (!mc)
		return;
	text t = { "" };
	if (yes(mc, "at_peak"))
		say(&t, "The total crypto market capitalisation stood at %s on %s, its highest since %s.",
		    str(mc, "latest.display"), str(mc, "latest.date_text"), k->since);
	else
		say(&t, "The total crypto market capitalisation stood at %s, %s below its peak of %s (%s).",
		    str(mc, "latest.display"), str(mc, "change.magnitude"), str(mc, "peak.display"),
		    str(mc, "peak.date_text"));
	take(k, "market_cap", &t);
}

/* Each crash day's section headline: how far the primary asset fell from
 * its high to its low that day, and the day's liquidations ("the largest
 * liquidation day since …" when it is the window's largest). */
static void crash_headlines(json_t *m, const char *since)
{
	json_t *days = ms_model_at(m, "crash_days"), *liq = json_array_get(ms_model_at(m, "liquidations"), 0);
	const char *largest = str(json_array_get(ms_model_at(liq, "largest_days"), 0), "date");
	for (size_t i = 0; i < json_array_size(days); i++) {
		json_t *day = json_array_get(days, i), *venue = NULL;
		for (size_t k = 0; k < json_array_size(ms_model_at(day, "venues")) && !venue; k++)
			if (!strcmp(str(json_array_get(ms_model_at(day, "venues"), k), "source"), str(m, "primary.source")))
				venue = json_array_get(ms_model_at(day, "venues"), k);
		double drop = num(venue, "drop_high_low.value");
		text t = { "" };
		if (venue && !isnan(drop) && ms_direction(drop, 1) == MS_DIR_DOWN)
			say(&t, "%s fell %s from high to low", str(m, "primary.asset_noun"),
			    str(venue, "drop_high_low.magnitude"));
		const char *date = str(day, "date");
		json_t *ld = NULL;
		for (size_t k = 0; k < json_array_size(ms_model_at(liq, "crash_days")) && !ld; k++)
			if (!strcmp(str(json_array_get(ms_model_at(liq, "crash_days"), k), "date"), date))
				ld = json_array_get(ms_model_at(liq, "crash_days"), k);
		if (ld && !strcmp(date, largest))
			say(&t, "%s%s of %s liquidated, the most in a day since %s", t.s[0] ? "; " : "",
			    str(ld, "total.display"), str(liq, "asset"), since);
		else if (ld)
			say(&t, "%s%s of %s liquidated", t.s[0] ? "; " : "", str(ld, "total.display"), str(liq, "asset"));
		capitalise(&t);
		json_object_set_new(day, "headline", t.s[0] ? json_string(t.s) : json_null());
	}
}

/* The weekly newsletter's words: its issue number (weeks since the
 * window's start, the first week issue 1), a headline, a subject and three
 * bullets of the week, from the week's figures. */
static json_t *week_words(json_t *m)
{
	json_t *w = ms_model_at(m, "week"), *p = ms_model_at(w, "primary");
	if (!json_is_object(w) || !p)
		return json_null();
	double days = days_between(str(m, "report.window_start"), str(w, "to"));
	long issue = days < 0 ? 1 : (long)(days / 7) + 1;
	json_t *o = json_object(), *bullets = json_array();
	json_object_set_new(o, "issue", json_integer(issue));
	text h = { "" }, subj = { "" }, b1 = { "" }, b2 = { "" }, b3 = { "" };
	json_t *ch = ms_model_at(p, "change");
	int flat = yes(ch, "flat");
	/* the headline: the week's move, and what stood out */
	/* to the day of its last close: a stale source's week ends early */
	if (flat)
		say(&h, "%s ends the week to %s where it began", str(p, "asset_name"), str(p, "to_text"));
	else
		say(&h, "%s %s %s in the week to %s", str(p, "asset_name"), str(ch, "rose_fell"), str(ch, "magnitude"),
		    str(p, "to_text"));
	if (num(w, "liquidations.value") >= 1e9)
		say(&h, " as %s of positions were liquidated", str(w, "liquidations.display"));
	int64_t day;
	char when[32] = "";
	if (!ms_parse_date(str(w, "to"), &day))
		ms_fmt_day_short(day, when, sizeof when);
	say(&subj, "No. %ld · %s %s · week to %s", issue, str(p, "asset_name"), str(ch, "display"), when);
	if (utf8_chars(subj.s) > 60) {
		subj.s[0] = 0;
		say(&subj, "No. %ld · the week to %s", issue, when);
	}
	/* the bullets: the price, the worst 24 hours, the flows and liquidations */
	if (flat)
		say(&b1, "%s closed the week at %s, where it began, trading between %s and %s.", str(p, "asset_name"),
		    str(p, "close.display"), str(p, "low.display"), str(p, "high.display"));
	else
		say(&b1, "%s %s %s over the week, from %s (%s) to %s, trading between %s and %s.", str(p, "asset_name"),
		    str(ch, "rose_fell"), str(ch, "magnitude"), str(p, "previous_close.display"),
		    str(p, "previous_close.date_text"), str(p, "close.display"), str(p, "low.display"),
		    str(p, "high.display"));
	json_t *fall = ms_model_at(w, "worst_24h");
	const char *low_time = str(fall, "time");       /* "2026-02-06 00:00 UTC" */
	int64_t low_day;
	char low_iso[11] = "", low_text[40] = "";
	if (strlen(low_time) >= 16)
		memcpy(low_iso, low_time, 10);
	if (low_iso[0] && !ms_parse_date(low_iso, &low_day))
		ms_fmt_day_text(low_day, low_text, sizeof low_text);
	if (json_is_object(fall) && yes(fall, "down") && low_text[0])
		say(&b2, "Its worst 24-hour fall was %s (%s), to a low at %.5s UTC on %s.", str(fall, "magnitude"),
		    str(fall, "venue"), low_time + 11, low_text);
	json_t *liq = ms_model_at(w, "liquidations"), *etf = ms_model_at(w, "etf_flows");
	if (json_is_object(liq))
		say(&b3, "%s of BTC and ETH positions were liquidated", str(liq, "display"));
	if (json_is_object(etf))
		say(&b3, "%sthe spot ETFs' net flows were %s over %lld trading days", b3.s[0] ? "; " : "",
		    str(etf, "display"), (long long)json_integer_value(ms_model_at(etf, "trading_days")));
	if (b3.s[0]) {
		say(&b3, ".");
		capitalise(&b3);
	}
	const text *all[] = { &b1, &b2, &b3 };
	for (size_t i = 0; i < 3; i++)
		if (all[i]->s[0])
			json_array_append_new(bullets, json_string(all[i]->s));
	json_object_set_new(o, "headline", json_string(h.s));
	json_object_set_new(o, "subject", json_string(subj.s));
	json_object_set_new(o, "bullets", bullets);
	return o;
}

int ms_editorial_add(json_t *model, ms_diag *d)
{
	json_t *e = json_object(), *list = json_array();
	if (!e || !list || !ms_model_at(model, "primary")) {
		json_decref(e);
		json_decref(list);
		return ms_error(d, NULL, 0, 0, "out of memory");
	}
	text headline = { "" }, subj = { "" };
	price_clause(model, &headline, 0);
	second_clause(model, &headline);
	subject(model, &subj);
	takeaways k = { list, e, str(model, "report.as_of"), str(model, "report.window_start_text") };
	take_price(model, &k);
	take_worst_day(model, &k);
	take_fall(model, &k);
	take_liquidations(model, &k);
	take_etf(model, &k);
	take_sentiment(model, &k);
	/* three at least where the data allows: the market cap, then the volatility */
	if (json_array_size(list) < 3)
		take_market_cap(model, &k);
	if (json_array_size(list) < 3)
		take_volatility(model, &k);
	/* the weekly newsletter leads with its week */
	json_t *week = week_words(model);
	if (json_is_object(week)) {
		headline.s[0] = subj.s[0] = 0;
		say(&headline, "%s", str(week, "headline"));
		say(&subj, "%s", str(week, "subject"));
	}
	json_object_set_new(e, "week", week);
	json_object_set_new(e, "headline", json_string(headline.s));
	json_object_set_new(e, "subject", json_string(subj.s));
	json_object_set_new(e, "preheader", json_string(str(e, "lead")));
	json_object_set_new(e, "takeaways", list);
	json_object_set_new(e, "has_takeaways", json_boolean(json_array_size(list) > 0));
	json_object_set_new(model, "editorial", e);
	crash_headlines(model, k.since);
	if (ms_editorial_readings(model, e, k.since))
		return ms_error(d, NULL, 0, 0, "out of memory");
	if (ms_editorial_factcheck(model, week))
		return ms_error(d, NULL, 0, 0, "out of memory");
	json_t *report = ms_model_at(model, "report");
	if (!json_is_string(json_object_get(report, "title")))
		json_object_set_new(report, "title", json_string(headline.s));
	return json_is_string(json_object_get(report, "title")) &&
	       json_is_string(ms_model_at(model, "editorial.preheader")) ?
	       0 : ms_error(d, NULL, 0, 0, "out of memory");
}
