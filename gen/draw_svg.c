#include "draw_svg.h"
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "tmpl.h"

/* A coordinate with at most two decimals and no trailing zeros: "38.14", "6". */
static void num(ms_buf *out, double v)
{
	char b[32];
	snprintf(b, sizeof b, "%.2f", fabs(v) < 0.005 ? 0.0 : v);
	size_t n = strlen(b);
	while (b[n - 1] == '0')
		n--;
	if (b[n - 1] == '.')
		n--;
	ms_buf_append(out, b, n);
}

static void color(ms_buf *out, const char *attr, ms_rgba c)
{
	ms_buf_printf(out, " %s=\"#%02x%02x%02x\"", attr, (unsigned)lround(c.r * 255), (unsigned)lround(c.g * 255),
		      (unsigned)lround(c.b * 255));
	if (c.a < 1)
		ms_buf_printf(out, " %s-opacity=\"%.2f\"", attr, c.a);
}

static void path(ms_buf *out, const ms_prim *p)
{
	if (p->npts == 0)
		return;
	ms_buf_puts(out, "<path d=\"");
	size_t seg = p->seg ? p->seg : p->npts;
	for (size_t k = 0; k < p->npts; k++) {
		if (k % seg == 0 && k && p->fill.a > 0)
			ms_buf_putc(out, 'Z');
		ms_buf_putc(out, k % seg == 0 ? 'M' : 'L');
		num(out, p->xy[2 * k]);
		ms_buf_putc(out, ' ');
		num(out, p->xy[2 * k + 1]);
	}
	if (p->fill.a > 0)
		ms_buf_putc(out, 'Z');
	ms_buf_putc(out, '"');
	if (p->fill.a > 0)
		color(out, "fill", p->fill);
	else
		ms_buf_puts(out, " fill=\"none\"");
	if (p->stroke.a > 0 && p->width > 0) {
		color(out, "stroke", p->stroke);
		ms_buf_puts(out, " stroke-width=\"");
		num(out, p->width);
		ms_buf_putc(out, '"');
		if (p->dash > 0) {
			ms_buf_puts(out, " stroke-dasharray=\"");
			num(out, p->dash);
			ms_buf_putc(out, '"');
		}
	}
	ms_buf_puts(out, "/>\n");
}

static void text(ms_buf *out, const ms_prim *p, const ms_fontset *fonts)
{
	static const char *const style[MS_NFACE] = {
		[MS_REGULAR] = "", [MS_BOLD] = " font-weight=\"bold\"", [MS_ITALIC] = " font-style=\"italic\"",
		[MS_MONO] = " font-family=\"'DejaVu Sans Mono', monospace\"",
	};
	size_t len = strlen(p->text);
	double w = ms_text_width(fonts, p->face, p->size, p->text, len);
	ms_buf_puts(out, "<text x=\"");
	num(out, p->x - p->anchor * w);
	ms_buf_puts(out, "\" y=\"");
	num(out, p->y);
	ms_buf_puts(out, "\" font-size=\"");
	num(out, p->size);
	ms_buf_printf(out, "\"%s", style[p->face]);
	if (p->color.r != 0 || p->color.g != 0 || p->color.b != 0 || p->color.a < 1)
		color(out, "fill", p->color);
	ms_buf_puts(out, " textLength=\"");
	num(out, w);
	ms_buf_puts(out, "\" lengthAdjust=\"spacingAndGlyphs\">");
	ms_escape_html(out, p->text, len);
	ms_buf_puts(out, "</text>\n");
}

int ms_draw_svg(const ms_chart *c, const ms_fontset *fonts, ms_buf *out, size_t *inline_at, ms_diag *d)
{
	ms_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	*inline_at = out->len;
	ms_buf_puts(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
	num(out, c->width);
	ms_buf_puts(out, "pt\" height=\"");
	num(out, c->height);
	ms_buf_puts(out, "pt\" viewBox=\"0 0 ");
	num(out, c->width);
	ms_buf_putc(out, ' ');
	num(out, c->height);
	ms_buf_printf(out, "\" role=\"img\" aria-labelledby=\"%s-title %s-desc\"", c->id, c->id);
	if (c->readout) {           /* read by the page's script: the value under the pointer */
		ms_buf_puts(out, " data-readout=\"");
		ms_escape_html(out, c->readout, strlen(c->readout));
		ms_buf_putc(out, '"');
	}
	ms_buf_printf(out, ">\n<title id=\"%s-title\">", c->id);
	ms_escape_html(out, c->title, strlen(c->title));
	ms_buf_printf(out, "</title>\n<desc id=\"%s-desc\">", c->id);
	ms_escape_html(out, c->desc, strlen(c->desc));
	/* the layout's fonts first; round joins as the PNG draws them */
	ms_buf_puts(out, "</desc>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
			 "<g font-family=\"'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif\" "
			 "stroke-linejoin=\"round\">\n");
	for (size_t i = 0; i < c->n; i++) {
		if (c->prim[i].kind == MS_PRIM_TEXT)
			text(out, &c->prim[i], fonts);
		else
			path(out, &c->prim[i]);
	}
	ms_buf_puts(out, "</g>\n</svg>\n");
	return ms_buf_failed(out) ? ms_error(d, NULL, 0, 0, "chart %s: out of memory", c->id) : 0;
}
