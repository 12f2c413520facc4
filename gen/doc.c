#include "doc_internal.h"
#include <stdlib.h>
#include <string.h>
#include <cmark-gfm-core-extensions.h>

/* The layouts recurse once per level of nesting: deeper documents are
 * refused (real reports nest three or four levels). */
#define MAX_NESTING 40

/* The first node nested deeper than MAX_NESTING, or NULL. */
static cmark_node *too_deep(cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_node *bad = NULL;
	for (cmark_event_type ev; it && !bad && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *n = cmark_iter_get_node(it);
		int depth = 0;
		for (cmark_node *p = n; p && depth <= MAX_NESTING; p = cmark_node_parent(p))
			depth++;
		if (depth > MAX_NESTING)
			bad = n;
	}
	cmark_iter_free(it);
	return bad;
}

ms_doc *ms_doc_parse(const char *file, const char *md, size_t len, ms_diag *d)
{
	ms_doc *doc = calloc(1, sizeof *doc);
	if (!doc || !(doc->file = strdup(file))) {
		free(doc);
		ms_error(d, file, 0, 0, "out of memory");
		return NULL;
	}
	cmark_gfm_core_extensions_ensure_registered();
	doc->parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_syntax_extension *table = cmark_find_syntax_extension("table");
	if (!doc->parser || !table || !cmark_parser_attach_syntax_extension(doc->parser, table)) {
		ms_error(d, file, 0, 0, "cannot set up the Markdown parser");
		ms_doc_free(doc);
		return NULL;
	}
	cmark_parser_feed(doc->parser, md, len);
	doc->root = cmark_parser_finish(doc->parser);
	if (!doc->root) {
		ms_error(d, file, 0, 0, "Markdown parsing failed");
		ms_doc_free(doc);
		return NULL;
	}
	cmark_node *deep = too_deep(doc->root);
	if (deep) {
		while (cmark_node_parent(deep) && !cmark_node_get_start_line(deep))
			deep = cmark_node_parent(deep);
		ms_error(d, file, cmark_node_get_start_line(deep), cmark_node_get_start_column(deep),
			 "Markdown nested more than %d levels deep", MAX_NESTING);
		ms_doc_free(doc);
		return NULL;
	}
	return doc;
}

void ms_doc_free(ms_doc *doc)
{
	if (!doc)
		return;
	if (doc->root)
		cmark_node_free(doc->root);
	if (doc->parser)
		cmark_parser_free(doc->parser);
	free(doc->file);
	free(doc);
}

const char *ms_doc_chart_id(cmark_node *para)
{
	if (cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return NULL;
	cmark_node *img = cmark_node_first_child(para);
	if (!img || cmark_node_next(img) || cmark_node_get_type(img) != CMARK_NODE_IMAGE)
		return NULL;
	const char *url = cmark_node_get_url(img);
	return url && !strncmp(url, "chart:", 6) ? url + 6 : NULL;
}

int ms_doc_is_caption(cmark_node *para)
{
	cmark_node *first = cmark_node_first_child(para), *next = cmark_node_next(para);
	const char *s = first && cmark_node_get_type(first) == CMARK_NODE_TEXT ? cmark_node_get_literal(first) : NULL;
	return cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH && s && !strncmp(s, MS_CAPTION_MARK, strlen(MS_CAPTION_MARK)) &&
	       next && !strcmp(cmark_node_get_type_string(next), "table");
}

cmark_node *ms_doc_caption_of(cmark_node *table)
{
	cmark_node *prev = cmark_node_previous(table);
	return prev && ms_doc_is_caption(prev) ? prev : NULL;
}

const ms_doc_chart *ms_doc_find_chart(const ms_doc_chart *charts, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(charts[i].chart->id, id))
			return &charts[i];
	return NULL;
}

void ms_doc_plain_text(cmark_node *node, ms_buf *out)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		int t = cmark_node_get_type(n);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
			ms_buf_puts(out, cmark_node_get_literal(n));
		else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			ms_buf_putc(out, ' ');
	}
	cmark_iter_free(it);
}

int ms_doc_check_charts(const ms_doc *doc, const ms_doc_chart *charts, size_t n, ms_diag *d)
{
	int rc = 0;
	cmark_iter *it = cmark_iter_new(doc->root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_IMAGE)
			continue;
		const char *url = cmark_node_get_url(node);
		if (!url || strncmp(url, "chart:", 6))
			continue;
		long line = cmark_node_get_start_line(node), col = cmark_node_get_start_column(node);
		cmark_node *para = cmark_node_parent(node);
		if (!ms_doc_chart_id(para))
			rc = ms_error(d, doc->file, line, col, "chart '%s' must stand alone in its paragraph", url + 6);
		else if (cmark_node_parent(para) != doc->root)
			rc = ms_error(d, doc->file, line, col, "chart '%s' must stand at the top level, not in a list "
				      "or a quote", url + 6);
		else if (!ms_doc_find_chart(charts, n, url + 6))
			rc = ms_error(d, doc->file, line, col, "unknown chart id '%s'", url + 6);
	}
	cmark_iter_free(it);
	return rc;
}
