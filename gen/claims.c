/* Reading a claims file: each [claim.ID] section checked against the table
 * of statistics (claim_stats.c) for its unit, its dates and its options,
 * so a claim that cannot mean what it says is an error at its line. */
#include "claims.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "claim.h"
#include "fsutil.h"
#include "ini.h"
#include "utc.h"
#include "grow.h"

const char *const claim_unit_names[U_NUNIT] = { "USD", "USD millions", "percent", "count", "index", "date" };

static const char *const claim_keys[] = {
	"quote", "stat", "asset", "kind", "scope", "measure", "date", "from", "to", "period", "hours", "days",
	"value", "unit", "tolerance", "op", "implied", "note", NULL
};
static const char *const article_keys[] = { "title", "date", "file", "publisher", "url", NULL };

/* ---- the claims file ---- */

static void claim_release(claim *c)
{
	free(c->id);
	free(c->quote);
	free(c->stat_name);
	free(c->asset);
	free(c->kind);
	free(c->scope);
	free(c->measure);
	free(c->implied);
	free(c->note);
	free(c->value_text);
}

void ms_claims_free(ms_claims *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		claim_release(&c->c[i]);
	free(c->c);
	free(c->file);
	free(c->title);
	free(c->published);
	free(c->article);
	free(c->publisher);
	free(c->url);
	free(c);
}

/* 97600, -35.3, 4.3T, 2.3B, 19B, 400k */
static int parse_amount(const char *v, double *out)
{
	char *end;
	double x = strtod(v, &end);
	if (end == v)
		return -1;
	double mult = 1;
	if (*end == 'k')
		mult = 1e3;
	else if (*end == 'M')
		mult = 1e6;
	else if (*end == 'B')
		mult = 1e9;
	else if (*end == 'T')
		mult = 1e12;
	if (mult != 1)
		end++;
	if (*end || !isfinite(x))
		return -1;
	*out = x * mult;
	return 0;
}

/* YYYY-MM-DD or YYYY-MM-DD HH:MM; *is_day tells which. */
static int parse_when(const char *v, int64_t *t, int *is_day)
{
	size_t n = strlen(v);
	*is_day = n == 10;
	return (n == 10 || n == 16) ? ms_parse_time(v, n, t) : -1;
}

typedef struct reader {
	ms_claims *cl;
	claim *cur;
	int in_article;
	ms_diag *d;
} reader;

static int set_str(char **dst, const char *v, reader *r, long line)
{
	free(*dst);
	if (!(*dst = strdup(v)))
		return ms_error(r->d, r->cl->file, line, 0, "out of memory");
	return 0;
}

static int bad(reader *r, long line, const char *key, const char *v, const char *want)
{
	return ms_error(r->d, r->cl->file, line, 1, "%s: '%s' is not %s", key, v, want);
}

static int set_period(reader *r, claim *c, const char *v, long line)
{
	char a[11];
	if (strlen(v) != 7)
		return bad(r, line, "period", v, "a month (YYYY-MM)");
	snprintf(a, sizeof a, "%.7s-01", v);
	if (ms_parse_date(a, &c->from))
		return bad(r, line, "period", v, "a month (YYYY-MM)");
	int y, m, dd;
	ms_civil_from_days(c->from / MS_DAY, &y, &m, &dd);
	c->to = ms_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) * MS_DAY;
	c->has_period = 1;
	return 0;
}

static int set_claim_key(reader *r, claim *c, const char *k, const char *v, long line)
{
	int day;
	if (!strcmp(k, "quote")) return set_str(&c->quote, v, r, line);
	if (!strcmp(k, "asset")) return set_str(&c->asset, v, r, line);
	if (!strcmp(k, "kind")) return set_str(&c->kind, v, r, line);
	if (!strcmp(k, "scope")) return set_str(&c->scope, v, r, line);
	if (!strcmp(k, "measure")) return set_str(&c->measure, v, r, line);
	if (!strcmp(k, "implied")) return set_str(&c->implied, v, r, line);
	if (!strcmp(k, "note")) return set_str(&c->note, v, r, line);
	if (!strcmp(k, "value")) return c->has_value = 1, set_str(&c->value_text, v, r, line);
	if (!strcmp(k, "stat")) {
		if ((c->stat = claim_stat_find(v)))
			return set_str(&c->stat_name, v, r, line);
		const char *names[64];
		size_t n = 0;
		for (const claim_stat *st = claim_stats; st->name && n < 63; st++)
			names[n++] = st->name;
		names[n] = NULL;
		const char *s = ms_ini_suggest(v, names);
		return ms_error(r->d, r->cl->file, line, 1, "unknown stat '%s'%s%s%s", v,
				s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
	}
	if (!strcmp(k, "date"))
		return parse_when(v, &c->date, &day) ? bad(r, line, k, v, "a date") : (c->has_date = 1, 0);
	if (!strcmp(k, "from")) {
		if (parse_when(v, &c->from, &day))
			return bad(r, line, k, v, "a date or time");
		c->has_from = 1;
		return 0;
	}
	if (!strcmp(k, "to")) {
		if (parse_when(v, &c->to, &day))
			return bad(r, line, k, v, "a date or time");
		c->to += day ? MS_DAY : 0;   /* to = D: through the end of day D */
		c->has_to = 1;
		return 0;
	}
	if (!strcmp(k, "period")) return set_period(r, c, v, line);
	if (!strcmp(k, "hours"))
		return parse_amount(v, &c->hours) || c->hours <= 0 ? bad(r, line, k, v, "a number of hours") : 0;
	if (!strcmp(k, "days"))
		return parse_amount(v, &c->days) || c->days < 2 || c->days != floor(c->days) || c->days > 3650 ?
		       bad(r, line, k, v, "a whole number of days from 2 to 3650") : 0;
	if (!strcmp(k, "tolerance"))
		return parse_amount(v, &c->tolerance) || c->tolerance < 0 ?
		       bad(r, line, k, v, "a non-negative number") : (c->has_tolerance = 1, 0);
	if (!strcmp(k, "unit")) {
		for (int i = 0; i < U_NUNIT; i++)
			if (!strcmp(v, claim_unit_names[i])) {
				c->unit = (enum claim_unit)i;
				c->has_unit = 1;
				return 0;
			}
		return bad(r, line, k, v, "USD, USD millions, percent, count, index or date");
	}
	if (!strcmp(k, "op")) {
		static const char *const ops[] = { "equal", "at_least", "at_most", NULL };
		for (int i = 0; ops[i]; i++)
			if (!strcmp(v, ops[i])) {
				c->op = (enum claim_op)i;
				return 0;
			}
		return bad(r, line, k, v, "equal, at_least or at_most");
	}
	return ms_ini_unknown_key(r->d, r->cl->file, line, k, claim_keys);
}

static int on_pair(void *ctx, const char *section, const char *k, const char *v, long line)
{
	reader *r = ctx;
	ms_claims *cl = r->cl;
	if (!k) {
		r->in_article = !strcmp(section, "article");
		r->cur = NULL;
		if (r->in_article)
			return 0;
		if (strncmp(section, "claim.", 6) || !section[6])
			return ms_error(r->d, cl->file, line, 1,
					"unknown section [%s] (sections: [article], [claim.ID])", section);
		for (size_t i = 0; i < cl->n; i++)
			if (!strcmp(cl->c[i].id, section + 6))
				return ms_error(r->d, cl->file, line, 1, "claim '%s' is defined twice", section + 6);
		if (MS_GROW(cl->c, cl->n, cl->cap))
			return ms_error(r->d, cl->file, line, 0, "out of memory");
		r->cur = &cl->c[cl->n];
		memset(r->cur, 0, sizeof *r->cur);
		r->cur->line = line;
		r->cur->hours = 24;
		r->cur->days = 30;
		cl->n++;
		return set_str(&r->cur->id, section + 6, r, line);
	}
	if (r->in_article) {
		if (!strcmp(k, "title")) return set_str(&cl->title, v, r, line);
		if (!strcmp(k, "date")) return set_str(&cl->published, v, r, line);
		if (!strcmp(k, "file")) return set_str(&cl->article, v, r, line);
		if (!strcmp(k, "publisher")) return set_str(&cl->publisher, v, r, line);
		if (!strcmp(k, "url")) return set_str(&cl->url, v, r, line);
		return ms_ini_unknown_key(r->d, cl->file, line, k, article_keys);
	}
	return set_claim_key(r, r->cur, k, v, line);
}

static const claim *find_claim(const ms_claims *cl, const char *id, size_t n)
{
	for (size_t i = 0; i < cl->n; i++)
		if (strlen(cl->c[i].id) == n && !strncmp(cl->c[i].id, id, n))
			return &cl->c[i];
	return NULL;
}

int ms_claims_parse_implied(const ms_claims *cl, const char *s, int *is_change, const claim **a,
			    const claim **b)
{
	const char *open = strchr(s, '('), *comma = open ? strchr(open, ',') : NULL;
	const char *close = comma ? strchr(comma, ')') : NULL;
	if (!close || close[1])
		return -1;
	size_t fn = (size_t)(open - s);
	if (fn == 6 && !strncmp(s, "change", 6))
		*is_change = 1;
	else if (fn == 10 && !strncmp(s, "difference", 10))
		*is_change = 0;
	else
		return -1;
	const char *p = open + 1, *q = comma + 1;
	while (*p == ' ')
		p++;
	while (*q == ' ')
		q++;
	size_t an = (size_t)(comma - p), bn = (size_t)(close - q);
	while (an && p[an - 1] == ' ')
		an--;
	while (bn && q[bn - 1] == ' ')
		bn--;
	*a = find_claim(cl, p, an);
	*b = find_claim(cl, q, bn);
	return *a && *b ? 0 : -1;
}

/* "USD, USD millions or percent" */
static void unit_list(char *out, size_t n, unsigned mask)
{
	int total = 0, k = 0;
	for (int u = 0; u < U_NUNIT; u++)
		total += (mask >> u) & 1u;
	*out = 0;
	for (int u = 0; u < U_NUNIT; u++)
		if ((mask >> u) & 1u) {
			k++;
			snprintf(out + strlen(out), n - strlen(out), "%s%s", claim_unit_names[u],
				 k == total ? "" : k == total - 1 ? " or " : ", ");
		}
}

/* One claim against its statistic: the unit, the dates and the options. */
static int check_claim(const ms_claims *cl, claim *c, ms_diag *d)
{
	const char *f = cl->file, *id = c->id;
	long ln = c->line;
	if (!c->quote || !c->stat || !c->has_value || !c->has_unit || !c->has_tolerance)
		return ms_error(d, f, ln, 1, "claim '%s' needs quote, stat, value, unit and tolerance", id);
	const claim_stat *st = c->stat;
	char units[96];
	if (!((st->units >> c->unit) & 1u)) {
		unit_list(units, sizeof units, st->units);
		return ms_error(d, f, ln, 1, "claim '%s': stat %s is not stated in '%s' (its units: %s)", id,
				st->name, claim_unit_names[c->unit], units);
	}
	if (c->unit == U_DATE) {
		int64_t day;
		if (ms_parse_date(c->value_text, &day))
			return ms_error(d, f, ln, 1, "claim '%s': value '%s' is not a date (YYYY-MM-DD)", id, c->value_text);
		c->value = (double)(day / MS_DAY);
		if (c->op != OP_EQUAL || c->tolerance != 0)
			return ms_error(d, f, ln, 1, "claim '%s': a date is checked exactly (no op, tolerance = 0)", id);
	} else if (parse_amount(c->value_text, &c->value)) {
		return ms_error(d, f, ln, 1, "claim '%s': value '%s' is not a number", id, c->value_text);
	}
	int ranged = c->has_from || c->has_to || c->has_period;
	if (c->has_period && (c->has_from || c->has_to))
		return ms_error(d, f, ln, 1, "claim '%s': give period or from/to, not both", id);
	if (st->when & W_TIMES) {
		if (c->has_from && c->has_to && c->from >= c->to)
			return ms_error(d, f, ln, 1, "claim '%s': the range from/to is empty", id);
		return 0;
	}
	if (ranged && !(st->when & (W_RANGE | W_BOTH)))
		return ms_error(d, f, ln, 1, "claim '%s': stat %s is about one day: give date, not from/to or period",
				id, st->name);
	if (c->has_date && !(st->when & (W_DAY | W_BOTH)))
		return ms_error(d, f, ln, 1, "claim '%s': stat %s is about a range: give from and to, or period, "
				"not date", id, st->name);
	if (ranged && !c->has_period && !(c->has_from && c->has_to))
		return ms_error(d, f, ln, 1, "claim '%s': a range needs both from and to", id);
	if (!ranged && !(st->when & W_DAY))
		return ms_error(d, f, ln, 1, "claim '%s': stat %s needs a range: from and to (dates), or period "
				"(YYYY-MM)", id, st->name);
	if (ranged && (c->from % MS_DAY || c->to % MS_DAY))
		return ms_error(d, f, ln, 1, "claim '%s': stat %s reads whole days: from and to are dates", id,
				st->name);
	if (ranged && c->from >= c->to)
		return ms_error(d, f, ln, 1, "claim '%s': the range from/to is empty", id);
	return claim_stat_check_options(cl->file, c, d);
}

static int check_claims(ms_claims *cl, ms_diag *d)
{
	int rc = 0;
	for (size_t i = 0; i < cl->n; i++) {
		claim *c = &cl->c[i];
		if (check_claim(cl, c, d)) {
			rc = -1;
			continue;
		}
		int is_change;
		const claim *a, *b;
		if (c->implied && ms_claims_parse_implied(cl, c->implied, &is_change, &a, &b))
			rc = ms_error(d, cl->file, c->line, 1, "claim '%s': implied = '%s' must be change(ID, ID) "
				      "or difference(ID, ID) over claims of this file", c->id, c->implied);
	}
	return rc;
}

ms_claims *ms_claims_parse(const char *file, const char *text, size_t len, ms_diag *d)
{
	ms_claims *cl = calloc(1, sizeof *cl);
	if (!cl || !(cl->file = strdup(file))) {
		free(cl);
		ms_error(d, file, 0, 0, "out of memory");
		return NULL;
	}
	reader r = { cl, NULL, 0, d };
	if (ms_ini_parse(file, text, len, on_pair, &r, d) || check_claims(cl, d)) {
		ms_claims_free(cl);
		return NULL;
	}
	return cl;
}

ms_claims *ms_claims_load(const char *path, ms_diag *d)
{
	ms_buf text;
	ms_buf_init(&text, 0);
	ms_claims *cl = NULL;
	if (!ms_read_file(path, &text, 1u << 20, d))
		cl = ms_claims_parse(path, text.data, text.len, d);
	ms_buf_release(&text);
	return cl;
}
