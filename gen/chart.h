/* Charts as display lists: a chart spec is laid out once (scales, ticks,
 * labels, measured with the embedded fonts) into primitives in points, with
 * the origin at the top left. Backends (draw_cairo.c, draw_pdf.c) only
 * translate primitives, so PNG, SVG and PDF show the same chart. */
#ifndef MS_CHART_H
#define MS_CHART_H
#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "font.h"

typedef struct ms_rgba { double r, g, b, a; } ms_rgba;

enum ms_prim_kind { MS_PRIM_PATH, MS_PRIM_TEXT };

typedef struct ms_prim {
	enum ms_prim_kind kind;
	/* path: a polyline, closed into a polygon when fill.a > 0 */
	double *xy;               /* owned; npts (x, y) pairs */
	size_t npts;
	ms_rgba stroke, fill;     /* alpha 0: no stroke / no fill */
	double width, dash;       /* dash 0: solid; else on and off lengths */
	/* text: baseline at (x, y); anchor 0 left, 0.5 centre, 1 right */
	char *text;               /* owned, UTF-8 */
	double x, y, size, anchor;
	enum ms_face face;
	ms_rgba color;
} ms_prim;

typedef struct ms_chart {
	char *id, *title, *desc;  /* owned; desc is the alt text */
	double width, height;     /* points */
	ms_prim *prim;            /* owned */
	size_t n, cap;
} ms_chart;

void ms_chart_free(ms_chart *c);
/* A stable text dump of the display list (what tests compare). */
void ms_chart_dump(const ms_chart *c, ms_buf *out);

/* A time-series line chart. */
typedef struct ms_mark {
	int64_t t;
	double y;
	const char *label;        /* borrowed */
} ms_mark;

typedef struct ms_line_spec {
	const char *id, *title, *subtitle, *note, *desc;   /* borrowed */
	const int64_t *t;
	const double *y;
	size_t n;
	const double *band;       /* optional: shade between y and band (e.g. the running high) */
	int area;                 /* fill between the line and zero (underwater curves) */
	int percent;              /* y values are fractions shown as percentages */
	double ref;               /* a horizontal reference line; NAN for none */
	const char *ref_label;
	const ms_mark *marks;
	size_t nmarks;
	double width, height;
} ms_line_spec;

/* Lays out a line chart. Returns NULL on allocation failure. */
ms_chart *ms_chart_line(const ms_line_spec *spec, const ms_fontset *fonts);

#endif
