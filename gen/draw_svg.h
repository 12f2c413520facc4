/* Display list → SVG, written directly: paths as <path>, text as real
 * <text> (selectable, searchable, read by screen readers), each run given
 * the width the layout measured with the embedded fonts (textLength), so
 * it fits whatever font the reader's system draws it with. */
#ifndef MS_DRAW_SVG_H
#define MS_DRAW_SVG_H
#include <stddef.h>
#include "buf.h"
#include "chart.h"
#include "diag.h"
#include "font.h"

/* Appends an SVG document; from *inline_at on (after the XML declaration)
 * it is ready to embed in HTML. Ids are the chart's id with a suffix, so
 * several charts can live in one page. */
int ms_draw_svg(const ms_chart *c, const ms_fontset *fonts, ms_buf *out, size_t *inline_at, ms_diag *d);

#endif
