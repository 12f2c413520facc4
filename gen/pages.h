/* A laid-out document as pages of display lists: the same primitives as a
 * chart (points, origin at the page's top left), the charts placed on them,
 * links and the outline. doc_pdf.c lays the pages out; pdf_pages.c is the
 * one file that turns them into a PDF, so libharu stays in the device files. */
#ifndef MS_PAGES_H
#define MS_PAGES_H
#include <stddef.h>
#include "chart.h"

typedef struct ms_page_chart {
	const ms_chart *chart;    /* borrows */
	double x, y, scale;       /* its top-left corner */
} ms_page_chart;

typedef struct ms_page_link {
	double x0, y0, x1, y1;    /* the active box, y0 above y1 */
	char *url;                /* owned; NULL: a link to an outline entry */
	size_t entry;
} ms_page_link;

typedef struct ms_page {
	ms_chart dl;              /* the page's primitives, drawn in order */
	ms_page_chart *chart;
	size_t nchart, capchart;
	ms_page_link *link;
	size_t nlink, caplink;
} ms_page;

typedef struct ms_outline_entry {
	char *title;              /* owned, UTF-8 */
	int level;                /* 1..6: nested under the latest entry of a lower level */
	size_t page;              /* index into page[] */
	double y;                 /* where the view opens, from the page's top */
} ms_outline_entry;

typedef struct ms_pages {
	double width, height;
	ms_page *page;            /* owned */
	size_t n, cap;
	ms_outline_entry *entry;  /* owned */
	size_t nentry, capentry;
	int failed;               /* memory ran out: the pages are incomplete */
} ms_pages;

void ms_pages_free(ms_pages *pp);
/* A blank page inserted before page[at] (at == n appends); NULL when out
 * of memory. Outline entries keep pointing at their pages. */
ms_page *ms_pages_insert(ms_pages *pp, size_t at);
/* An outline entry; its index (for ms_page_link_entry), or (size_t)-1. */
size_t ms_pages_outline(ms_pages *pp, const char *title, int level, size_t page, double y);

/* Drawing on a page: the failures go to pp->failed. Text is n bytes of
 * UTF-8 with its baseline's left end at (x, y). */
void ms_page_text(ms_pages *pp, ms_page *pg, enum ms_face face, double size, ms_rgba color, double x,
		  double y, const char *s, size_t n);
void ms_page_rect(ms_pages *pp, ms_page *pg, double x, double y, double w, double h, ms_rgba fill);
void ms_page_line(ms_pages *pp, ms_page *pg, double x0, double y0, double x1, double y1, ms_rgba color,
		  double width);
void ms_page_chart_at(ms_pages *pp, ms_page *pg, const ms_chart *c, double x, double y, double scale);
void ms_page_link_url(ms_pages *pp, ms_page *pg, double x0, double y0, double x1, double y1, const char *url);
void ms_page_link_entry(ms_pages *pp, ms_page *pg, double x0, double y0, double x1, double y1, size_t entry);

#endif
