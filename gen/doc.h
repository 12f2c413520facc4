/* The report's document: Markdown (cmark-gfm with GFM tables) parsed once
 * into one tree, then published by doc_html.c and doc_pdf.c. Charts appear
 * as images with a chart: URL, `![alt](chart:ID)`, alone in a paragraph. */
#ifndef MS_DOC_H
#define MS_DOC_H
#include <stddef.h>
#include "buf.h"
#include "chart.h"
#include "diag.h"
#include "font.h"
#include "theme.h"

typedef struct ms_doc ms_doc;

typedef struct ms_doc_chart {
	const ms_chart *chart;   /* borrows */
	const char *svg;         /* borrows; inline SVG for HTML */
	const char *svg_phone;   /* borrows; the same laid out for a phone, or NULL */
} ms_doc_chart;

typedef struct ms_doc_meta {
	const char *title, *author, *subject, *as_of;   /* borrowed, UTF-8 */
	int year, month, day;                           /* the PDF's dates */
} ms_doc_meta;

/* file names the Markdown in messages. Returns NULL after an error. */
ms_doc *ms_doc_parse(const char *file, const char *md, size_t len, ms_diag *d);
void ms_doc_free(ms_doc *doc);

/* Checks that every chart: image names a chart in charts (so HTML and PDF
 * fail alike, before anything is written). */
int ms_doc_check_charts(const ms_doc *doc, const ms_doc_chart *charts, size_t n, ms_diag *d);

/* Appends the HTML body (the page shell is a template of its own) to out,
 * and the table of contents (an <ol> of the sections and their sub-sections,
 * linked to the headings' ids; nothing when there is no section) to toc. */
int ms_doc_html(const ms_doc *doc, const ms_doc_chart *charts, size_t n, ms_buf *out, ms_buf *toc, ms_diag *d);
/* Appends a PDF file. With out NULL it only lays the document out, with
 * the same checks and errors, and writes nothing: what the fuzzer runs, as
 * libharu's set-up of the fonts takes some 50 ms per document. With layout,
 * also a log of the pagination: a line per page and per block (where it
 * starts, what it is, its first words), what the layout goldens compare. */
int ms_doc_pdf(const ms_doc *doc, const ms_doc_chart *charts, size_t n, const ms_fontset *fonts,
	       const ms_theme *theme, const ms_doc_meta *meta, ms_buf *out, ms_buf *layout, ms_diag *d);

#endif
