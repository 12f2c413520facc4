/* Charts as display lists. A chart is laid out once (scales, nice ticks,
 * date axes, labels placed clear of each other and of the data, all
 * measured with the embedded fonts) into primitives in points, origin at
 * the top left. Backends (draw_cairo.c, draw_pdf.c) only translate
 * primitives, so PNG, SVG and PDF show the same chart. */
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
	/* path: a polyline, closed into a polygon when fill.a > 0; with seg > 0,
	 * npts / seg separate pieces of seg points each (all the bars of a colour) */
	double *xy;               /* owned; npts (x, y) pairs */
	size_t npts, seg;
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
	/* the points a reader can read off (HTML): "x,y,label;" per point, x and
	 * y in points, the label "2026-02-05: $62,809"; owned, NULL when none */
	char *readout;
	/* a small table of the chart's key values, for HTML (may be empty) */
	char **cell;              /* owned; rows x cols strings, the first row the header */
	size_t rows, cols;
} ms_chart;

void ms_chart_free(ms_chart *c);
/* A stable text dump of the display list (what the golden tests compare). */
void ms_chart_dump(const ms_chart *c, ms_buf *out);
/* Sets the chart's data table: cols columns, cells row by row (copied). */
int ms_chart_set_table(ms_chart *c, size_t cols, const char *const *cells, size_t ncells);

/* The house palette: Okabe–Ito colours, readable with colour-blindness. */
extern const ms_rgba MS_BLUE, MS_VERMILLION, MS_GREEN, MS_ORANGE, MS_SKY, MS_PURPLE, MS_INK, MS_GREY;
ms_rgba ms_alpha(ms_rgba c, double a);

/* How axis values are written. */
typedef enum ms_axis_fmt {
	MS_AX_USD,        /* $63.1k, $2.5T */
	MS_AX_USD_M,      /* a value in US$ millions: $500M, −$1.2B */
	MS_AX_PCT,        /* a fraction: −35 % */
	MS_AX_NUM         /* a plain number */
} ms_axis_fmt;

typedef struct ms_legend {
	const char *label;
	ms_rgba color;
} ms_legend;

/* The frame: titles, axes and the plot area. x is time (UTC seconds) or a
 * plain number; y is linear or logarithmic; an optional second y axis on
 * the right. Domains are data extents: axes round them out to nice ticks. */
typedef struct ms_frame {
	const char *id, *title, *subtitle, *note, *desc;
	double width, height;
	int x_time;
	double x0, x1;
	ms_axis_fmt x_fmt;
	double y0, y1;
	ms_axis_fmt y_fmt;
	int y_log;
	int y2;                   /* a second axis */
	double y2_0, y2_1;
	ms_axis_fmt y2_fmt;
	const ms_legend *legend;
	size_t nlegend;
	double right_pad;         /* room right of the plot (zone names) */
	double type_scale;        /* every text size times this (0: 1): larger type for a narrow layout */
	double x_bar;             /* a line's points stand mid-bar of bars this long (seconds; 0: none):
				     the readout names each by its bar's start, "13:00" for 13:00 to 14:00 */
} ms_frame;

/* x values: UTC seconds (t) or numbers (v); one of the two is set. */
typedef struct ms_xs {
	const int64_t *t;
	const double *v;
} ms_xs;

typedef struct ms_plot ms_plot;

/* Starts a chart; NULL when out of memory. Every call below draws into it. */
ms_plot *ms_plot_begin(const ms_frame *f, const ms_fontset *fonts);
/* A line; long series are reduced to the first, lowest, highest and last
 * point of each pixel column, so extremes are never lost. */
void ms_plot_line(ms_plot *p, ms_xs x, const double *y, size_t n, ms_rgba color, double width, int axis2);
/* The area between y and base (a number) or between y and band (a series). */
void ms_plot_area(ms_plot *p, ms_xs x, const double *y, size_t n, double base, const double *band,
		  ms_rgba fill);
/* Bars centred on x, bar_w wide in x units: pos colour for >= 0, neg below. */
void ms_plot_bars(ms_plot *p, ms_xs x, const double *y, size_t n, double bar_w, ms_rgba pos, ms_rgba neg,
		  int axis2);
/* Two stacked series (both >= 0). */
void ms_plot_stacked(ms_plot *p, ms_xs x, const double *a, const double *b, size_t n, double bar_w,
		     ms_rgba ca, ms_rgba cb);
/* Candlesticks: a body from open to close, a wick from low to high. */
void ms_plot_candles(ms_plot *p, ms_xs x, const double *o, const double *h, const double *l,
		     const double *c, size_t n, double bar_w, ms_rgba up, ms_rgba down);
/* A horizontal reference line, labelled near its left end. */
void ms_plot_hline(ms_plot *p, double y, ms_rgba color, double dash, const char *label);
/* A horizontal band (a zone) with a label at its left. */
void ms_plot_hband(ms_plot *p, double y0, double y1, ms_rgba fill, const char *label);
/* A vertical marker line, labelled near its top or its bottom. */
void ms_plot_vline(ms_plot *p, double x, ms_rgba color, const char *label, int label_at_top);
/* An annotated point: a dot and a label placed clear of other labels and of
 * the lines drawn so far. */
void ms_plot_mark(ms_plot *p, double x, double y, const char *label);
/* Finishes the chart (NULL when anything failed); frees p either way. */
ms_chart *ms_plot_end(ms_plot *p);

#endif
