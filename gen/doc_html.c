#include <stdlib.h>
#include <string.h>
#include <cmark-gfm-extension_api.h>
#include "doc_internal.h"
#include "grow.h"
#include "tmpl.h"

/* A table's box, which scrolls sideways when the table is wider than the
 * column: reachable with the keyboard, so its overflow can be scrolled too;
 * named by the table's caption when it has one. */
#define TABLE_BOX "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\""
#define TABLE_SCROLL TABLE_BOX " aria-label=\"Table\">"

/* Appends HTML with its tokens kept whole: in a table every token that
 * carries a digit ("2025-10-06", "−$801M", "17.1 %", "01:00 UTC"), in
 * running text (signed_only) those that start with a sign, each in a span
 * that does not break, whatever the browser's line breaking makes of
 * hyphens and minus signs. */
static void keep_tokens_whole(ms_buf *out, const char *s, int signed_only)
{
	static const char *const units[] = { " %", " pp", " UTC", " USDT" };
	while (*s) {
		if (*s == '<') {           /* a tag, as it is */
			const char *end = strchr(s, '>');
			size_t len = end ? (size_t)(end - s) + 1 : strlen(s);
			ms_buf_append(out, s, len);
			s += len;
			continue;
		}
		size_t len = strcspn(s, " <\n");
		int digit = 0;
		for (size_t i = 0; i < len && !digit; i++)
			digit = s[i] >= '0' && s[i] <= '9' && !(i > 1 && s[i - 1] == '#' && s[i - 2] == '&');
		/* in running text only signed values: a minus is never left at a line's end */
		const char *v = *s == '(' ? s + 1 : s;
		int sign = !strncmp(v, "\xE2\x88\x92", 3) || *v == '+';
		if (!digit || len < 2 || (signed_only && !sign)) {
			ms_buf_append(out, s, len ? len : 1);
			s += len ? len : 1;
			continue;
		}
		for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
			size_t ul = strlen(units[u]);
			if (!strncmp(s + len, units[u], ul) && strchr(" <,\n", s[len + ul] ? s[len + ul] : ' ')) {
				len += ul;
				break;
			}
		}
		ms_buf_puts(out, "<span class=\"nw\">");
		ms_buf_append(out, s, len);
		ms_buf_puts(out, "</span>");
		s += len;
	}
}

/* The chart's key values as a table under it, folded ("table" as the
 * image's title asks for it: ![alt](chart:ID "table")). */
static void data_table(ms_buf *out, const ms_chart *c)
{
	if (!c->rows)
		return;
	ms_buf t;
	ms_buf_init(&t, 0);
	ms_buf_puts(out, "<details class=\"chart-data\"><summary>The data</summary>\n" TABLE_SCROLL "<table>\n");
	for (size_t r = 0; r < c->rows; r++) {
		ms_buf_puts(out, r ? "<tr>" : "<thead><tr>");
		for (size_t k = 0; k < c->cols; k++) {
			const char *cell = c->cell[r * c->cols + k];
			ms_buf_puts(out, r ? (k ? "<td>" : "<th scope=\"row\">") : "<th scope=\"col\">");
			t.len = 0;
			ms_escape_html(&t, cell, strlen(cell));
			keep_tokens_whole(out, ms_buf_str(&t), 0);
			ms_buf_puts(out, r && k ? "</td>" : "</th>");
		}
		ms_buf_puts(out, r ? "</tr>\n" : "</tr></thead>\n<tbody>\n");
	}
	ms_buf_puts(out, "</tbody></table></div></details>\n");
	if (ms_buf_failed(&t))
		out->failed = 1;
	ms_buf_release(&t);
}

typedef struct html {
	const ms_doc *doc;
	const ms_doc_chart *charts;
	size_t n;
	ms_buf *out, *toc;
	char (*ids)[64];         /* the heading ids given so far, to keep them unique */
	size_t nids, cap;
	int toc_depth;           /* 0: no entry yet; 2: a section's entry open; 3: a sub-entry open */
	int ncaptions;           /* captions so far, for their ids */
} html;

/* A heading's id: its words in lower case joined by hyphens ("data-and-
 * methods"), made unique with -2, -3 as GitHub does. */
static int heading_id(html *h, cmark_node *node, char id[64])
{
	ms_buf text;
	ms_buf_init(&text, 0);
	ms_doc_plain_text(node, &text);
	if (ms_buf_failed(&text)) {
		ms_buf_release(&text);
		return -1;
	}
	size_t k = 0;
	for (const char *c = ms_buf_str(&text); *c && k < 48; c++) {
		char ch = *c >= 'A' && *c <= 'Z' ? (char)(*c + 32) : *c;
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
			id[k++] = ch;
		else if (k && id[k - 1] != '-')
			id[k++] = '-';
	}
	ms_buf_release(&text);
	while (k && id[k - 1] == '-')
		k--;
	if (!k)
		memcpy(id, "section", (k = 7));
	id[k] = '\0';
	char base[64];
	memcpy(base, id, k + 1);
	for (unsigned dup = 2;; dup++) {
		int taken = 0;
		for (size_t i = 0; i < h->nids && !taken; i++)
			taken = !strcmp(h->ids[i], id);
		if (!taken)
			break;
		snprintf(id, 64, "%.48s-%u", base, dup);
	}
	if (MS_GROW(h->ids, h->nids, h->cap))
		return -1;
	memcpy(h->ids[h->nids++], id, 64);
	return 0;
}

static int render_node(html *h, cmark_node *node, int table)
{
	char *s = cmark_render_html(node, CMARK_OPT_UNSAFE | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES,
				    cmark_parser_get_syntax_extensions(h->doc->parser));
	if (!s)
		return -1;
	keep_tokens_whole(h->out, s, !table);
	free(s);
	return 0;
}

/* A table in its box; with a caption paragraph, both in a figure whose
 * caption (without the "Table: " mark) names the box and the table, and
 * stays in the column while the table scrolls under it. */
static int table(html *h, cmark_node *node)
{
	cmark_node *cap = ms_doc_caption_of(node);
	if (!cap) {
		ms_buf_puts(h->out, TABLE_SCROLL "\n");
		int rc = render_node(h, node, 1);
		ms_buf_puts(h->out, "</div>\n");
		return rc;
	}
	int opts = CMARK_OPT_UNSAFE | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES;
	cmark_llist *ext = cmark_parser_get_syntax_extensions(h->doc->parser);
	char *c = cmark_render_html(cap, opts, ext), *t = c ? cmark_render_html(node, opts, ext) : NULL;
	const char *words = c && !strncmp(c, "<p>" MS_CAPTION_MARK, 3 + strlen(MS_CAPTION_MARK)) ? c + 3 + strlen(MS_CAPTION_MARK) : NULL;
	const char *after = t ? strstr(t, "<table") : NULL;
	if (!words || !after) {
		free(c);
		free(t);
		return -1;
	}
	size_t wn = strlen(words);
	while (wn && (words[wn - 1] == '\n'))
		wn--;
	if (wn >= 4 && !strncmp(words + wn - 4, "</p>", 4))
		wn -= 4;
	int k = ++h->ncaptions;
	ms_buf_printf(h->out, "<figure class=\"table\">\n<figcaption id=\"caption-%d\">", k);
	ms_buf tmp;
	ms_buf_init(&tmp, 0);
	ms_buf_append(&tmp, words, wn);
	keep_tokens_whole(h->out, ms_buf_str(&tmp), 1);
	ms_buf_printf(h->out, "</figcaption>\n" TABLE_BOX " aria-labelledby=\"caption-%d\">\n", k);
	ms_buf_append(h->out, t, (size_t)(after - t));
	ms_buf_printf(h->out, "<table aria-labelledby=\"caption-%d\"", k);
	keep_tokens_whole(h->out, after + strlen("<table"), 0);
	ms_buf_puts(h->out, "</div>\n</figure>\n");
	int failed = ms_buf_failed(&tmp);
	ms_buf_release(&tmp);
	free(c);
	free(t);
	return failed ? -1 : 0;
}

/* A heading with its id, and its entry in the contents (levels 2 and 3). */
static int heading(html *h, cmark_node *node)
{
	char id[64];
	int level = cmark_node_get_heading_level(node);
	if (heading_id(h, node, id))
		return -1;
	ms_buf_printf(h->out, "<h%d id=\"%s\">", level, id);
	int failed = 0;
	for (cmark_node *in = cmark_node_first_child(node); in && !failed; in = cmark_node_next(in))
		failed = render_node(h, in, 0);
	ms_buf_printf(h->out, "</h%d>\n", level);
	if (level < 2 || level > 3)
		return failed ? -1 : 0;
	ms_buf title;
	ms_buf_init(&title, 0);
	ms_doc_plain_text(node, &title);
	if (level == 3 && !h->toc_depth)    /* a sub-section before any section: not listed */
		goto done;
	static const char *const close_to[4][4] = {
		/* from depth 0, 2, 3 to level 2 or 3 */
		[0] = { [2] = "<ol>" },
		[2] = { [2] = "</li>", [3] = "\n<ol>" },
		[3] = { [2] = "</li></ol></li>", [3] = "</li>" },
	};
	ms_buf_puts(h->toc, close_to[h->toc_depth][level]);
	h->toc_depth = level;
	ms_buf_printf(h->toc, "\n<li><a href=\"#%s\">", id);
	ms_escape_html(h->toc, title.data ? title.data : "", title.len);
	ms_buf_puts(h->toc, "</a>");
done:
	failed |= ms_buf_failed(&title);
	ms_buf_release(&title);
	return failed ? -1 : 0;
}

static void chart(html *h, cmark_node *para, const char *id)
{
	const ms_doc_chart *c = ms_doc_find_chart(h->charts, h->n, id);
	if (!c)
		MS_BUG("chart '%s' passed ms_doc_check_charts but is not in the set", id);
	/* the page's layout and a phone's: the style sheet shows the one that fits */
	ms_buf_printf(h->out, "<figure class=\"chart\" id=\"chart-%s\">\n", c->chart->id);
	if (c->svg_phone)
		ms_buf_printf(h->out, "<div class=\"chart-page\">%s</div>\n<div class=\"chart-phone\">%s</div>\n", c->svg,
			      c->svg_phone);
	else
		ms_buf_printf(h->out, "%s\n", c->svg);
	const char *title = cmark_node_get_title(cmark_node_first_child(para));
	if (title && !strcmp(title, "table"))
		data_table(h->out, c->chart);
	ms_buf_puts(h->out, "</figure>\n");
}

/* The body, block by block, without touching the tree (the PDF reads it on
 * another thread): charts as inline SVG, headings with ids, wide tables in
 * a container of their own that scrolls. */
int ms_doc_html(const ms_doc *doc, const ms_doc_chart *charts, size_t n, ms_buf *out, ms_buf *toc, ms_diag *d)
{
	if (ms_doc_check_charts(doc, charts, n, d))
		return -1;
	html h = { doc, charts, n, out, toc, NULL, 0, 0, 0, 0 };
	int rc = 0;
	for (cmark_node *node = cmark_node_first_child(doc->root); node && !rc; node = cmark_node_next(node)) {
		const char *id = ms_doc_chart_id(node);
		if (id) {
			chart(&h, node, id);
		} else if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
			rc = heading(&h, node);
		} else if (!strcmp(cmark_node_get_type_string(node), "table")) {
			rc = table(&h, node);
		} else if (!ms_doc_is_caption(node)) {       /* a caption goes with its table */
			rc = render_node(&h, node, 0);
		}
	}
	static const char *const close_all[4] = { [2] = "</li>\n</ol>", [3] = "</li></ol></li>\n</ol>" };
	ms_buf_puts(toc, close_all[h.toc_depth] ? close_all[h.toc_depth] : "");
	free(h.ids);
	if (rc || ms_buf_failed(out) || ms_buf_failed(toc))
		return ms_error(d, doc->file, 0, 0, "out of memory");
	return 0;
}
