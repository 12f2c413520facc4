/* Verdicts: each claim's recomputed values against the article's figure
 * and tolerance, and the table `mstress check` prints. */
#include "claims.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "claim.h"
#include "figures.h"
#include "fmt.h"
#include "model_fig.h"
#include "utc.h"

/* ---- verdicts ---- */

/* Decimals enough to show a tolerance (0.0005 pp: 3), at least one. */
static int decimals_for(double tolerance)
{
	int d = 1;
	while (tolerance > 0 && tolerance * 2 < pow(10, -d) && d < 6)
		d++;
	return d;
}

/* A figure in the claim's unit: amounts of millions and more in compact
 * form, US$ figures quoted to the cent with their cents, percentages to
 * the tolerance's precision. */
static void show(char *out, size_t n, double v, const claim *c)
{
	switch (c->unit) {
	case U_NUNIT: break;
	case U_INDEX: ms_fmt_grouped(out, n, v, 0); break;
	case U_DATE: {
		char d[11];
		ms_fmt_date((int64_t)v * MS_DAY, d);
		snprintf(out, n, "%s", d);
		break;
	}
	case U_USD:
		if (fabs(v) >= 1e6) {
			ms_fmt_usd_compact(out, n, v);
		} else if (c->tolerance < 0.5 && fabs(v) < 1e6) {
			char g[64];
			ms_fmt_grouped(g, sizeof g, fabs(v), 2);
			snprintf(out, n, "%s$%s", v < 0 ? "\xE2\x88\x92" : "", g);
		} else {
			ms_fmt_usd(out, n, v);
		}
		break;
	case U_USD_MILLIONS: ms_fmt_usd_compact(out, n, v * 1e6); break;
	case U_PERCENT: ms_fmt_pct(out, n, v / 100, decimals_for(c->tolerance)); break;
	case U_COUNT: ms_fmt_grouped(out, n, v, 0); break;
	}
}

static double implied_value(const ms_claims *cl, const claim *c)
{
	int is_change;
	const claim *a, *b;
	if (!c->implied || ms_claims_parse_implied(cl, c->implied, &is_change, &a, &b))
		return NAN;
	return is_change ? (b->value / a->value - 1) * 100 : a->value - b->value;
}

static int holds(const claim *c, double v)
{
	if (c->unit == U_DATE)
		return v < c->value;     /* rank: as extreme a day only before the claimed date */
	switch (c->op) {
	case OP_AT_LEAST: return v >= c->value - c->tolerance;
	case OP_AT_MOST: return v <= c->value + c->tolerance;
	default: return fabs(v - c->value) <= c->tolerance;
	}
}

/* A lower bound of the figure (some coins' liquidations of an all-coin
 * total) decides a claim it already proves or refutes. */
static const char *bound_verdict(const claim *c, const outcome *o)
{
	if (c->unit == U_DATE)
		return NULL;
	if (c->op == OP_AT_LEAST)
		return o->partial_value >= c->value - c->tolerance ? "confirmed" : NULL;
	return o->partial_value > c->value + c->tolerance ? "differs" : NULL;
}

static json_t *judge(const ms_claims *cl, const claim *c, const outcome *o)
{
	json_t *j = json_object();
	char buf[128], buf2[192];
	json_object_set_new(j, "id", json_string(c->id));
	json_object_set_new(j, "quote", json_string(c->quote));
	json_object_set_new(j, "stat", json_string(c->stat->name));
	if (c->asset)
		json_object_set_new(j, "asset", json_string(c->asset));
	json_object_set_new(j, "unit", json_string(claim_unit_names[c->unit]));
	json_object_set_new(j, "article_value", json_real(c->value));
	show(buf, sizeof buf, c->value, c);
	if (c->op != OP_EQUAL) {
		snprintf(buf2, sizeof buf2, "%s %s", c->op == OP_AT_LEAST ? "at least" : "at most", buf);
		json_object_set_new(j, "article_display", json_string(buf2));
	} else {
		json_object_set_new(j, "article_display", json_string(buf));
	}
	json_object_set_new(j, "tolerance", json_real(c->tolerance));
	if (c->unit == U_PERCENT) {
		snprintf(buf2, sizeof buf2, "\xC2\xB1%g pp", c->tolerance);
	} else if (c->unit == U_DATE) {
		snprintf(buf2, sizeof buf2, "exact");     /* a rank's date is checked exactly */
	} else {
		show(buf, sizeof buf, c->tolerance, c);
		snprintf(buf2, sizeof buf2, "\xC2\xB1%s", buf);
	}
	json_object_set_new(j, "tolerance_display", json_string(buf2));
	json_t *vals = json_array();
	double lo = INFINITY, hi = -INFINITY, closest = NAN;
	int ok = 0;
	for (size_t i = 0; i < o->n; i++) {
		double v = o->val[i].v;
		json_t *vj = json_object();
		show(buf, sizeof buf, v, c);
		json_object_set_new(vj, "venue", json_string(o->val[i].venue));
		json_object_set_new(vj, "value", json_real(v));
		json_object_set_new(vj, "display", json_string(buf));
		if (!strcmp(c->stat->name, "traded_on")) {
			char a[56], b[56];
			show(a, sizeof a, o->range_lo[i], c);
			show(b, sizeof b, o->range_hi[i], c);
			snprintf(buf2, sizeof buf2, "%s\xE2\x80\x93%s", a, b);
			json_object_set_new(vj, "display", json_string(buf2));
			lo = fmin(lo, o->range_lo[i]);
			hi = fmax(hi, o->range_hi[i]);
			if (c->value >= o->range_lo[i] - c->tolerance && c->value <= o->range_hi[i] + c->tolerance)
				ok = 1;
		} else {
			lo = fmin(lo, v);
			hi = fmax(hi, v);
			ok |= holds(c, v);
		}
		if (isnan(closest) || fabs(v - c->value) < fabs(closest - c->value))
			closest = v;
		json_array_append_new(vals, vj);
	}
	/* several venues: judge against their spread, not one venue (a rank: any venue) */
	if (c->op == OP_EQUAL && o->n > 1 && strcmp(c->stat->name, "traded_on") && c->unit != U_DATE)
		ok = c->value >= lo - c->tolerance && c->value <= hi + c->tolerance;
	json_object_set_new(j, "data_values", vals);
	json_object_set_new(j, "data_value", o->n ? json_real(closest) : json_null());
	if (o->n) {
		char a[56], b[56];
		show(a, sizeof a, lo, c);
		show(b, sizeof b, hi, c);
		if (c->unit == U_DATE && o->n == 1 && *o->text[0])
			snprintf(buf, sizeof buf, "%s", o->text[0]);
		else if (o->n == 1 && strcmp(c->stat->name, "traded_on"))
			snprintf(buf, sizeof buf, "%s", a);
		else
			snprintf(buf, sizeof buf, "%s to %s", a, b);
		json_object_set_new(j, "data_display", json_string(buf));
	} else if (o->partial) {
		show(buf, sizeof buf, o->partial_value, c);
		snprintf(buf2, sizeof buf2, c->unit == U_DATE ? "none since %s (partial)" : "%s (partial)", buf);
		json_object_set_new(j, "data_display", json_string(buf2));
		json_object_set_new(j, "partial_value", json_real(o->partial_value));
	} else {
		json_object_set_new(j, "data_display", json_string("\xE2\x80\x93"));
	}
	double implied = implied_value(cl, c);
	const char *verdict;
	char note[512];
	snprintf(note, sizeof note, "%s", o->note);
	for (size_t i = 0; i < o->n; i++)
		if (*o->text[i])
			snprintf(note + strlen(note), sizeof note - strlen(note), "%s%s: %s", *note ? "; " : "",
				 o->val[i].venue, o->text[i]);
	const char *decided = o->partial && !o->n ? bound_verdict(c, o) : NULL;
	if (o->partial && !o->n) {
		show(buf, sizeof buf, o->partial_value, c);
		if (c->unit == U_DATE)
			snprintf(note, sizeof note, "none as extreme in the data of %s, which starts on %s, after the "
				 "claimed date", o->partial_what, buf);
		else if (decided)
			snprintf(note, sizeof note, "%s on %s alone: they sum to %s, a lower bound of the total",
				 decided, o->partial_what, buf);
		else
			snprintf(note, sizeof note, "the loaded data (%s) sums to %s, a lower bound; needs %s",
				 o->partial_what, buf, c->stat->needs);
	}
	if (!isnan(implied) && fabs(implied - c->value) > c->tolerance) {
		verdict = "inconsistent";
		show(buf, sizeof buf, implied, c);
		json_object_set_new(j, "implied_value", json_real(implied));
		snprintf(note + strlen(note), sizeof note - strlen(note), "%sthe article's own figures give %s",
			 *note ? "; " : "", buf);
	} else if (decided) {
		verdict = decided;
	} else if (!o->n) {
		verdict = "unverifiable";
		if (!o->partial)
			snprintf(note + strlen(note), sizeof note - strlen(note), "%sneeds %s", *note ? "; " : "",
				 *o->needs_more ? o->needs_more : c->stat->needs);
	} else {
		verdict = ok ? "confirmed" : "differs";
	}
	if (c->note)
		snprintf(note + strlen(note), sizeof note - strlen(note), "%s%s", *note ? "; " : "", c->note);
	json_object_set_new(j, "verdict", json_string(verdict));
	json_object_set_new(j, "note", json_string(note));
	return j;
}

static json_t *article_block(const ms_claims *cl)
{
	json_t *article = json_object();
	json_object_set_new(article, "title", json_string(cl->title ? cl->title : ""));
	json_object_set_new(article, "date", json_string(cl->published ? cl->published : ""));
	json_object_set_new(article, "file", json_string(cl->article ? cl->article : ""));
	json_object_set_new(article, "publisher", json_string(cl->publisher ? cl->publisher : ""));
	json_object_set_new(article, "url", json_string(cl->url ? cl->url : ""));
	/* the site, for running text (a whole URL is one unbreakable token) */
	const char *host = cl->url && strstr(cl->url, "://") ? strstr(cl->url, "://") + 3 : "";
	json_object_set_new(article, "site", json_stringn(host, strcspn(host, "/?#")));
	return article;
}

json_t *ms_claims_check(const ms_claims *cl, const ms_config *cfg, const ms_dataset *ds, size_t nds)
{
	int64_t article_day = cfg->as_of;
	if (cl->published && ms_parse_date(cl->published, &article_day))
		article_day = cfg->as_of;
	json_t *r = json_object();
	json_t *article = article_block(cl);
	int64_t published;
	char text[32] = "";
	if (cl->published && !ms_parse_date(cl->published, &published))
		ms_fmt_day_text(published, text, sizeof text);
	json_object_set_new(article, "date_text", json_string(text));
	json_object_set_new(r, "article", article);
	ms_json_set_day(r, "checked_through", 1, article_day < cfg->as_of ? article_day : cfg->as_of);
	json_object_set_new(r, "tolerance_rule", json_string(
		"a figure is confirmed when it lies within the claim's tolerance of the data (of the range across "
		"venues where several give it); the tolerance is half a unit of the last digit the article quotes "
		"unless the claims file says otherwise"));
	/* an article published after the as-of date is not known yet */
	json_object_set_new(r, "checked", json_boolean(article_day <= cfg->as_of));
	if (article_day > cfg->as_of) {
		json_object_set_new(r, "counts", json_null());
		json_object_set_new(r, "items", json_array());
		return r;
	}
	claim_labels *L = calloc(1, sizeof *L);
	if (!L) {
		json_decref(r);
		return NULL;
	}
	json_t *items = json_array();
	int counts[4] = { 0, 0, 0, 0 };
	static const char *const verdicts[] = { "confirmed", "differs", "inconsistent", "unverifiable" };
	int failed = 0;
	for (size_t i = 0; i < cl->n; i++) {
		outcome o;
		ms_views v;
		int64_t day = claim_checked_day(&cl->c[i], article_day);
		if (ms_views_at(ds, nds, cfg->window_start, day + MS_DAY, &v)) {
			failed = 1;
			break;
		}
		claim_ctx x = { cfg, v.ds, v.n, day, L };
		L->n = 0;
		memset(&o, 0, sizeof o);
		cl->c[i].stat->eval(&x, &cl->c[i], &o);
		if (o.out_of_memory) {
			ms_views_release(&v);
			failed = 1;
			break;
		}
		json_t *j = judge(cl, &cl->c[i], &o);
		ms_views_release(&v);
		json_object_set_new(j, "number", json_integer((json_int_t)i + 1));
		json_object_set_new(j, "checked_through", ms_json_date(day));
		/* the venue labels are copied into j: the pool can be reused */
		const char *vd = json_string_value(json_object_get(j, "verdict"));
		for (int k = 0; k < 4; k++)
			counts[k] += vd && !strcmp(vd, verdicts[k]);
		json_array_append_new(items, j);
	}
	free(L);
	if (failed) {
		json_decref(items);
		json_decref(r);
		return NULL;
	}
	json_t *cj = json_object();
	for (int k = 0; k < 4; k++)
		json_object_set_new(cj, verdicts[k], json_integer(counts[k]));
	json_object_set_new(cj, "total", json_integer((json_int_t)cl->n));
	json_object_set_new(r, "counts", cj);
	json_object_set_new(r, "items", items);
	return r;
}

/* Display width of UTF-8 text: one column per code point. */
static size_t width(const char *s)
{
	size_t w = 0;
	for (; s && *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

static void cell(ms_buf *out, const char *s, size_t w, int right)
{
	size_t have = width(s);
	if (right)
		for (size_t i = have; i < w; i++)
			ms_buf_putc(out, ' ');
	ms_buf_puts(out, s ? s : "");
	if (!right)
		for (size_t i = have; i < w; i++)
			ms_buf_putc(out, ' ');
}

void ms_claims_table(const json_t *result, ms_buf *out)
{
	if (!json_is_true(json_object_get(result, "checked"))) {
		ms_buf_printf(out, "The article is dated %s, after the as-of date: its claims are not checked.\n",
			      json_string_value(json_object_get(json_object_get(result, "article"), "date")));
		return;
	}
	enum { NCOL = 6, LAST = NCOL - 1 };
	static const char *const head[NCOL] = { "ID", "VERDICT", "ARTICLE", "DATA", "DATA TO", "CLAIM" };
	static const char *const key[NCOL] = { "id", "verdict", "article_display", "data_display", "checked_through",
					       "quote" };
	const json_t *items = json_object_get(result, "items");
	size_t w[NCOL];
	for (int k = 0; k < NCOL; k++)
		w[k] = width(head[k]);
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
		for (int k = 0; k < LAST; k++)
			w[k] = fmax(w[k], width(json_string_value(json_object_get(it, key[k]))));
	for (int k = 0; k < NCOL; k++) {
		cell(out, head[k], k == LAST ? 0 : w[k], k == 2 || k == 3);
		ms_buf_puts(out, k == LAST ? "\n" : "  ");
	}
	json_array_foreach(items, i, it) {
		for (int k = 0; k < NCOL; k++) {
			cell(out, json_string_value(json_object_get(it, key[k])), k == LAST ? 0 : w[k], k == 2 || k == 3);
			ms_buf_puts(out, k == LAST ? "\n" : "  ");
		}
		const char *note = json_string_value(json_object_get(it, "note"));
		if (note && *note) {
			for (size_t s = 0; s < w[0] + 2; s++)
				ms_buf_putc(out, ' ');
			ms_buf_printf(out, "note: %s\n", note);
		}
	}
	const json_t *c = json_object_get(result, "counts");
	ms_buf_printf(out, "\n%lld confirmed, %lld differ, %lld inconsistent, %lld unverifiable\n",
		      (long long)json_integer_value(json_object_get(c, "confirmed")),
		      (long long)json_integer_value(json_object_get(c, "differs")),
		      (long long)json_integer_value(json_object_get(c, "inconsistent")),
		      (long long)json_integer_value(json_object_get(c, "unverifiable")));
	ms_buf_printf(out, "Each claim is checked with the data up to the date in DATA TO; the rule: %s.\n",
		      json_string_value(json_object_get(result, "tolerance_rule")));
}
