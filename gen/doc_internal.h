/* Shared by the doc_*.c renderers: the parsed tree and chart lookup. */
#ifndef MS_DOC_INTERNAL_H
#define MS_DOC_INTERNAL_H
#include <cmark-gfm.h>
#include "doc.h"

struct ms_doc {
	char *file;                  /* owned */
	cmark_parser *parser;        /* owned; keeps the extensions alive */
	cmark_node *root;            /* owned */
};

/* The chart ID of a paragraph that holds only ![alt](chart:ID), else NULL
 * (borrowed from the node). */
const char *ms_doc_chart_id(cmark_node *paragraph);
/* A table's caption is the paragraph just before it that starts with
 * "Table: " (as Pandoc writes one); both renderers set it with the table. */
#define MS_CAPTION_MARK "Table: "
int ms_doc_is_caption(cmark_node *para);
/* The table's caption paragraph, or NULL. */
cmark_node *ms_doc_caption_of(cmark_node *table);
const ms_doc_chart *ms_doc_find_chart(const ms_doc_chart *charts, size_t n, const char *id);
/* The plain text under node (alt text, heading text), appended to out. */
void ms_doc_plain_text(cmark_node *node, ms_buf *out);

#endif
