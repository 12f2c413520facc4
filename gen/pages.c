#include <stdlib.h>
#include <string.h>
#include "grow.h"
#include "pages.h"

static void page_release(ms_page *pg)
{
	for (size_t i = 0; i < pg->dl.n; i++) {
		free(pg->dl.prim[i].xy);
		free(pg->dl.prim[i].text);
	}
	free(pg->dl.prim);
	for (size_t i = 0; i < pg->nlink; i++)
		free(pg->link[i].url);
	free(pg->link);
	free(pg->chart);
}

void ms_pages_free(ms_pages *pp)
{
	for (size_t i = 0; i < pp->n; i++)
		page_release(&pp->page[i]);
	free(pp->page);
	for (size_t i = 0; i < pp->nentry; i++)
		free(pp->entry[i].title);
	free(pp->entry);
	memset(pp, 0, sizeof *pp);
}

ms_page *ms_pages_insert(ms_pages *pp, size_t at)
{
	if (at > pp->n || MS_GROW(pp->page, pp->n, pp->cap)) {
		pp->failed = 1;
		return NULL;
	}
	memmove(&pp->page[at + 1], &pp->page[at], (pp->n - at) * sizeof pp->page[0]);
	memset(&pp->page[at], 0, sizeof pp->page[0]);
	pp->page[at].dl.width = pp->width;
	pp->page[at].dl.height = pp->height;
	pp->n++;
	for (size_t i = 0; i < pp->nentry; i++)
		if (pp->entry[i].page >= at)
			pp->entry[i].page++;
	return &pp->page[at];
}

size_t ms_pages_outline(ms_pages *pp, const char *title, int level, size_t page, double y)
{
	char *t = strdup(title);
	if (!t || MS_GROW(pp->entry, pp->nentry, pp->capentry)) {
		free(t);
		pp->failed = 1;
		return (size_t)-1;
	}
	pp->entry[pp->nentry] = (ms_outline_entry){ t, level, page, y };
	return pp->nentry++;
}

static ms_prim *add_prim(ms_pages *pp, ms_page *pg)
{
	if (MS_GROW(pg->dl.prim, pg->dl.n, pg->dl.cap)) {
		pp->failed = 1;
		return NULL;
	}
	ms_prim *pr = &pg->dl.prim[pg->dl.n];
	memset(pr, 0, sizeof *pr);
	return pr;
}

void ms_page_text(ms_pages *pp, ms_page *pg, enum ms_face face, double size, ms_rgba color, double x,
		  double y, const char *s, size_t n)
{
	ms_prim *pr = add_prim(pp, pg);
	char *t = pr ? malloc(n + 1) : NULL;
	if (!t) {
		pp->failed = 1;
		return;
	}
	memcpy(t, s, n);
	t[n] = '\0';
	*pr = (ms_prim){ .kind = MS_PRIM_TEXT, .text = t, .x = x, .y = y, .size = size, .face = face,
			 .color = color };
	pg->dl.n++;
}

static void add_path(ms_pages *pp, ms_page *pg, const double *xy, size_t npts, ms_rgba stroke, ms_rgba fill,
		     double width)
{
	ms_prim *pr = add_prim(pp, pg);
	double *pts = pr ? malloc(npts * 2 * sizeof *pts) : NULL;
	if (!pts) {
		pp->failed = 1;
		return;
	}
	memcpy(pts, xy, npts * 2 * sizeof *pts);
	*pr = (ms_prim){ .kind = MS_PRIM_PATH, .xy = pts, .npts = npts, .stroke = stroke, .fill = fill,
			 .width = width };
	pg->dl.n++;
}

void ms_page_rect(ms_pages *pp, ms_page *pg, double x, double y, double w, double h, ms_rgba fill)
{
	const double xy[] = { x, y, x + w, y, x + w, y + h, x, y + h };
	add_path(pp, pg, xy, 4, (ms_rgba){ 0, 0, 0, 0 }, fill, 0);
}

void ms_page_line(ms_pages *pp, ms_page *pg, double x0, double y0, double x1, double y1, ms_rgba color,
		  double width)
{
	const double xy[] = { x0, y0, x1, y1 };
	add_path(pp, pg, xy, 2, color, (ms_rgba){ 0, 0, 0, 0 }, width);
}

void ms_page_chart_at(ms_pages *pp, ms_page *pg, const ms_chart *c, double x, double y, double scale)
{
	if (MS_GROW(pg->chart, pg->nchart, pg->capchart)) {
		pp->failed = 1;
		return;
	}
	pg->chart[pg->nchart++] = (ms_page_chart){ c, x, y, scale };
}

static void add_link(ms_pages *pp, ms_page *pg, ms_page_link l)
{
	if (MS_GROW(pg->link, pg->nlink, pg->caplink)) {
		free(l.url);
		pp->failed = 1;
		return;
	}
	pg->link[pg->nlink++] = l;
}

void ms_page_link_url(ms_pages *pp, ms_page *pg, double x0, double y0, double x1, double y1, const char *url)
{
	char *u = strdup(url);
	if (!u) {
		pp->failed = 1;
		return;
	}
	add_link(pp, pg, (ms_page_link){ x0, y0, x1, y1, u, 0 });
}

void ms_page_link_entry(ms_pages *pp, ms_page *pg, double x0, double y0, double x1, double y1, size_t entry)
{
	add_link(pp, pg, (ms_page_link){ x0, y0, x1, y1, NULL, entry });
}
