#include <stdlib.h>
#include <string.h>
#include <cmark-gfm-extension_api.h>
#include "doc_internal.h"
#include "tmpl.h"

/* The chart's key values as a table under it, folded ("table" as the
 * image's title asks for it: ![alt](chart:ID "table")). */
static void data_table(ms_buf *out, const ms_chart *c)
{
	if (!c->rows)
		return;
	ms_buf_puts(out, "<details class=\"chart-data\"><summary>The data</summary>\n<table>\n");
	for (size_t r = 0; r < c->rows; r++) {
		ms_buf_puts(out, r ? "<tr>" : "<thead><tr>");
		for (size_t k = 0; k < c->cols; k++) {
			const char *cell = c->cell[r * c->cols + k];
			ms_buf_puts(out, r ? (k ? "<td>" : "<th scope=\"row\">") : "<th scope=\"col\">");
			ms_escape_html(out, cell, strlen(cell));
			ms_buf_puts(out, r && k ? "</td>" : "</th>");
		}
		ms_buf_puts(out, r ? "</tr>\n" : "</tr></thead>\n<tbody>\n");
	}
	ms_buf_puts(out, "</tbody></table></details>\n");
}

/* Swaps each chart paragraph for an HTML block holding its inline SVG,
 * renders with cmark-gfm, then swaps the paragraphs back: the tree is
 * shared with the PDF renderer. */
int ms_doc_html(const ms_doc *doc, const ms_doc_chart *charts, size_t n, ms_buf *out, ms_diag *d)
{
	if (ms_doc_check_charts(doc, charts, n, d))
		return -1;
	size_t nrep = 0, cap = 0;
	cmark_node **para = NULL, **html = NULL;
	int rc = 0;
	cmark_iter *it = cmark_iter_new(doc->root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || !ms_doc_chart_id(node))
			continue;
		if (nrep == cap) {
			cap = cap ? cap * 2 : 8;
			cmark_node **p = realloc(para, cap * sizeof *p);
			if (!p) {
				rc = ms_error(d, doc->file, 0, 0, "out of memory");
				break;
			}
			para = p;
		}
		para[nrep++] = node;
	}
	cmark_iter_free(it);
	if (!rc && nrep && !(html = calloc(nrep, sizeof *html)))
		rc = ms_error(d, doc->file, 0, 0, "out of memory");
	ms_buf block;
	ms_buf_init(&block, 0);
	for (size_t i = 0; !rc && i < nrep; i++) {
		const ms_doc_chart *c = ms_doc_find_chart(charts, n, ms_doc_chart_id(para[i]));
		block.len = 0;
		ms_buf_printf(&block, "<figure class=\"chart\" id=\"chart-%s\">\n%s\n", c->chart->id, c->svg);
		const char *title = cmark_node_get_title(cmark_node_first_child(para[i]));
		if (title && !strcmp(title, "table"))
			data_table(&block, c->chart);
		ms_buf_puts(&block, "</figure>");
		html[i] = cmark_node_new(CMARK_NODE_HTML_BLOCK);
		if (!html[i] || ms_buf_failed(&block) || !cmark_node_set_literal(html[i], block.data)) {
			rc = ms_error(d, doc->file, 0, 0, "out of memory");
			break;
		}
		cmark_node_insert_before(para[i], html[i]);
		cmark_node_unlink(para[i]);
	}
	if (!rc) {
		char *s = cmark_render_html(doc->root, CMARK_OPT_UNSAFE | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES,
					    cmark_parser_get_syntax_extensions(doc->parser));
		if (!s)
			rc = ms_error(d, doc->file, 0, 0, "out of memory");
		else
			ms_buf_puts(out, s);
		free(s);
	}
	for (size_t i = 0; html && i < nrep; i++) {
		if (!html[i])
			continue;
		if (cmark_node_parent(html[i]))
			cmark_node_insert_before(html[i], para[i]);
		cmark_node_free(html[i]);
	}
	free(html);
	free(para);
	ms_buf_release(&block);
	return rc;
}
