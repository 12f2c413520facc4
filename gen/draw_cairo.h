/* Display list → Cairo → PNG (scaled for screens and email). The SVG is
 * written directly (draw_svg.c), with real text. */
#ifndef MS_DRAW_CAIRO_H
#define MS_DRAW_CAIRO_H
#include "buf.h"
#include "chart.h"
#include "diag.h"
#include "font.h"

typedef struct ms_cairo_fonts ms_cairo_fonts;

ms_cairo_fonts *ms_cairo_fonts_new(const ms_fontset *fonts, ms_diag *d);
void ms_cairo_fonts_free(ms_cairo_fonts *cf);

/* Appends a PNG of the chart at scale pixels per point. */
int ms_draw_png(const ms_chart *c, ms_cairo_fonts *cf, double scale, ms_buf *out, ms_diag *d);

#endif
