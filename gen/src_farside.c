/* Farside's ETF flow page, scraped with libxml2's HTML parser and XPath:
 * the rows of <table class="etf">, each a date like "11 Jan 2024", one cell
 * per fund, then the Total (US$ millions; "(95.1)" an outflow, "-" no data).
 * A bot-challenge page instead of the table is an error, not an empty
 * series. Bytes in, series out; the parser never touches the network. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include "numparse.h"
#include "src_csv.h"
#include "utc.h"

static char *cell_text(xmlNodePtr n)
{
	xmlChar *c = xmlNodeGetContent(n);
	char *s = strdup(c ? (const char *)c : "");
	xmlFree(c);
	if (!s)
		return NULL;
	/* trim, and fold the non-breaking spaces pages use */
	char *p = s, *e;
	while (*p && (isspace((unsigned char)*p) || (unsigned char)*p == 0xC2 || (unsigned char)*p == 0xA0))
		p++;
	e = p + strlen(p);
	while (e > p && (isspace((unsigned char)e[-1]) || (unsigned char)e[-1] == 0xA0 || (unsigned char)e[-1] == 0xC2))
		*--e = '\0';
	memmove(s, p, strlen(p) + 1);
	return s;
}

/* "11 Jan 2024" */
static int farside_date(const char *s, int64_t *t)
{
	int day, year;
	char mon[4];
	if (sscanf(s, "%2d %3s %4d", &day, mon, &year) != 3)
		return -1;
	for (int m = 1; m <= 12; m++)
		if (!strcmp(mon, ms_month_abbr(m))) {
			char iso[32];
			snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, m, day);
			return ms_parse_date(iso, t);
		}
	return -1;
}

/* "1,234.5" → 1234.5, "(95.1)" → -95.1 */
static int flow_value(const char *s, double *v)
{
	char tmp[64];
	size_t k = 0;
	int neg = 0;
	for (const char *p = s; *p && k + 1 < sizeof tmp; p++) {
		if (*p == ',')
			continue;
		if (*p == '(' && k == 0) {
			neg = 1;
			continue;
		}
		if (*p == ')' && neg && !p[1])
			break;
		tmp[k++] = *p;
	}
	tmp[k] = '\0';
	if (ms_parse_double(tmp, k, v))
		return -1;
	if (neg)
		*v = -*v;
	return 0;
}

static int contains(const char *data, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (data[i] == needle[0] && !memcmp(data + i, needle, n))
			return 1;
	return 0;
}

static int is_summary(const char *s)
{
	static const char *const labels[] = { "Total", "Average", "Maximum", "Minimum", "Fee", "Seed" };
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (!strncmp(s, labels[i], strlen(labels[i])))
			return 1;
	return 0;
}

int ms_parse_farside(const char *file, const char *data, size_t len, const ms_csv_format *fmt,
		     ms_series **out, ms_diag *d)
{
	*out = NULL;
	if (len > (size_t)64 << 20)
		return ms_error(d, file, 0, 0, "larger than a Farside page can be");
	/* the parser's own errors are read: a page's usual sloppiness is
	 * recoverable, but a fatal error (nesting past libxml2's limit) ends the
	 * parse early, and a table cut there must not pass for the whole page */
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	htmlDocPtr doc = ctxt ? htmlCtxtReadMemory(ctxt, data, (int)len, NULL, "UTF-8",
						   HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET) : NULL;
	const xmlError *err = ctxt ? xmlCtxtGetLastError(ctxt) : NULL;
	if (doc && err && err->level == XML_ERR_FATAL) {
		char msg[160];
		snprintf(msg, sizeof msg, "%s", err->message ? err->message : "a fatal error");
		msg[strcspn(msg, "\n")] = 0;
		ms_error(d, file, err->line, 0, "the page could not be parsed to its end: %s", msg);
		xmlFreeDoc(doc);
		htmlFreeParserCtxt(ctxt);
		return -1;
	}
	htmlFreeParserCtxt(ctxt);
	if (!doc)
		return ms_error(d, file, 0, 0, "not an HTML page");
	xmlXPathContextPtr xp = xmlXPathNewContext(doc);
	xmlXPathObjectPtr rows = xp ? xmlXPathEvalExpression(BAD_CAST
		"(//table[contains(concat(' ', normalize-space(@class), ' '), ' etf ')])[1]//tr", xp) : NULL;
	ms_series *s = ms_series_new(MS_DAY, MS_COLBIT(MS_VALUE));
	int rc = -1, order = 0, total_col = -1, header_cells = 0;
	long skipped = 0;
	if (!s || !rows) {
		ms_error(d, file, 0, 0, "out of memory");
		goto done;
	}
	if (!rows->nodesetval || !rows->nodesetval->nodeNr) {
		const char *c = contains(data, len, "challenge") || contains(data, len, "Just a moment") ?
			"a bot-challenge page came instead of the data: fetch it again later, or save it from a browser" :
			"no <table class=\"etf\"> in the page: Farside's layout has changed";
		ms_error(d, file, 0, 0, "%s", c);
		goto done;
	}
	for (int i = 0; i < rows->nodesetval->nodeNr; i++) {
		xmlNodePtr tr = rows->nodesetval->nodeTab[i];
		/* the day's Total is read from the Total column, never from whatever
		 * cell comes last: a row short of a cell is an error, not a fund's flow */
		xmlNodePtr first_cell = NULL, total_cell = NULL, last_cell = NULL;
		int nc = 0;
		for (xmlNodePtr c = tr->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && (!xmlStrcmp(c->name, BAD_CAST "td") || !xmlStrcmp(c->name, BAD_CAST "th"))) {
				if (!nc)
					first_cell = c;
				if (nc == total_col)
					total_cell = c;
				last_cell = c;
				nc++;
			}
		if (!nc)
			continue;
		int in_head = tr->parent && !xmlStrcmp(tr->parent->name, BAD_CAST "thead");
		char *first = cell_text(first_cell), *last = cell_text(in_head || !total_cell ? last_cell : total_cell);
		int64_t t;
		double v;
		int bad = 0;
		if (!first || !last) {
			bad = ms_error(d, file, 0, 0, "out of memory");
		} else if (in_head) {
			if (!strcmp(last, "Total")) {
				total_col = nc - 1;
				header_cells = nc;
			}
		} else if (farside_date(first, &t) == 0) {
			if (total_col < 0)
				bad = ms_error(d, file, 0, 0, "no Total column in the table's header (renamed columns?)");
			else if (nc != header_cells)
				bad = ms_error(d, file, 0, 0, "%s: %d cells where the header has %d: the Total cannot be told",
					       first, nc, header_cells);
			else if (!strcmp(last, "-") || !*last)
				skipped++;
			else if (flow_value(last, &v))
				bad = ms_error(d, file, 0, 0, "%s: Total '%s' is not a flow", first, last);
			else if (s->n && (t == s->t[s->n - 1] || (order && (t > s->t[s->n - 1] ? 1 : -1) != order)))
				bad = ms_error(d, file, 0, 0, "%s: rows must be in date order, each date once", first);
			else {
				if (s->n)
					order = t > s->t[s->n - 1] ? 1 : -1;
				if (fmt->first_valid && t < fmt->first_valid)
					ms_warn(d, file, 0, 0, "%s dropped: %s", first, fmt->first_valid_why);
				else {
					double vals[MS_NCOL] = { 0 };
					vals[MS_VALUE] = v;
					if (ms_series_push(s, t, vals))
						bad = ms_error(d, file, 0, 0, "out of memory");
				}
			}
		} else if (!is_summary(first) && strcmp(first, "") && total_col >= 0) {
			bad = ms_error(d, file, 0, 0, "a row that is neither a date nor a summary: '%.40s'", first);
		}
		free(first);
		free(last);
		if (bad)
			goto done;
	}
	if (skipped)
		ms_warn(d, file, 0, 0, "%ld day%s without a Total (\"-\") skipped", skipped, skipped == 1 ? "" : "s");
	if (!s->n) {
		ms_error(d, file, 0, 0, "the table holds no flows");
		goto done;
	}
	if (order < 0)
		ms_series_reverse(s);
	*out = s;
	s = NULL;
	rc = 0;
done:
	ms_series_free(s);
	xmlXPathFreeObject(rows);
	xmlXPathFreeContext(xp);
	xmlFreeDoc(doc);
	return rc;
}
