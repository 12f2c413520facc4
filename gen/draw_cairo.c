#include "draw_cairo.h"
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <cairo-ft.h>
#include <cairo-svg.h>
#include <png.h>
#include <stdint.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include "tmpl.h"

struct ms_cairo_fonts {
	const ms_fontset *fonts;
	FT_Library lib;
	FT_Face ft[MS_NFACE];
	cairo_font_face_t *face[MS_NFACE];
};

ms_cairo_fonts *ms_cairo_fonts_new(const ms_fontset *fonts, ms_diag *d)
{
	ms_cairo_fonts *cf = calloc(1, sizeof *cf);
	if (!cf || FT_Init_FreeType(&cf->lib)) {
		free(cf);
		ms_error(d, NULL, 0, 0, "cannot start FreeType for Cairo");
		return NULL;
	}
	cf->fonts = fonts;
	for (int i = 0; i < MS_NFACE; i++) {
		if (FT_New_Face(cf->lib, ms_font_path(fonts, (enum ms_face)i), 0, &cf->ft[i])) {
			ms_error(d, ms_font_path(fonts, (enum ms_face)i), 0, 0, "cannot load font for Cairo");
			ms_cairo_fonts_free(cf);
			return NULL;
		}
		cf->face[i] = cairo_ft_font_face_create_for_ft_face(cf->ft[i], 0);
	}
	return cf;
}

void ms_cairo_fonts_free(ms_cairo_fonts *cf)
{
	if (!cf)
		return;
	for (int i = 0; i < MS_NFACE; i++) {
		if (cf->face[i])
			cairo_font_face_destroy(cf->face[i]);
		if (cf->ft[i])
			FT_Done_Face(cf->ft[i]);
	}
	FT_Done_FreeType(cf->lib);
	free(cf);
}

static void set_color(cairo_t *cr, ms_rgba c)
{
	cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

static void draw_list(cairo_t *cr, const ms_chart *c, ms_cairo_fonts *cf)
{
	cairo_font_options_t *fo = cairo_font_options_create();
	/* unhinted metrics, so glyphs sit where the layout measured them */
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_set_font_options(cr, fo);
	cairo_font_options_destroy(fo);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	set_color(cr, (ms_rgba){ 1, 1, 1, 1 });
	cairo_paint(cr);
	for (size_t i = 0; i < c->n; i++) {
		const ms_prim *p = &c->prim[i];
		if (p->kind == MS_PRIM_TEXT) {
			size_t len = strlen(p->text);
			double w = ms_text_width(cf->fonts, p->face, p->size, p->text, len);
			cairo_set_font_face(cr, cf->face[p->face]);
			cairo_set_font_size(cr, p->size);
			set_color(cr, p->color);
			cairo_move_to(cr, p->x - p->anchor * w, p->y);
			cairo_show_text(cr, p->text);
			continue;
		}
		if (p->npts == 0)
			continue;
		cairo_new_path(cr);
		size_t seg = p->seg ? p->seg : p->npts;
		for (size_t k = 0; k < p->npts; k++) {
			if (k % seg == 0) {
				if (k && p->fill.a > 0)
					cairo_close_path(cr);
				cairo_move_to(cr, p->xy[2 * k], p->xy[2 * k + 1]);
			} else {
				cairo_line_to(cr, p->xy[2 * k], p->xy[2 * k + 1]);
			}
		}
		if (p->fill.a > 0) {
			cairo_close_path(cr);
			set_color(cr, p->fill);
			cairo_fill_preserve(cr);
		}
		if (p->stroke.a > 0 && p->width > 0) {
			set_color(cr, p->stroke);
			cairo_set_line_width(cr, p->width);
			cairo_set_dash(cr, &p->dash, p->dash > 0 ? 1 : 0, 0);
			cairo_stroke(cr);
		}
		cairo_new_path(cr);
	}
}

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	ms_buf *b = closure;
	ms_buf_append(b, data, len);
	return ms_buf_failed(b) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static void png_write_buf(png_structp png, png_bytep data, size_t len)
{
	ms_buf_append(png_get_io_ptr(png), data, len);
}

static void png_flush_none(png_structp png)
{
	(void)png;
}

/* The pixels as an 8-bit RGB PNG through libpng, at a compression level
 * that costs a third of Cairo's default for a few percent more bytes. */
static int encode_png(cairo_surface_t *s, ms_buf *out)
{
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *px = cairo_image_surface_get_data(s);
	unsigned char *row = malloc((size_t)w * 3);
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!row || !info || setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, info ? &info : NULL);
		free(row);
		return -1;
	}
	png_set_write_fn(png, out, png_write_buf, png_flush_none);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	/* charts are flat colour: unfiltered rows at a fast level come out both
	 * smaller and 2.5x quicker than filtered ones at the default level */
	png_set_compression_level(png, 2);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_write_info(png, info);
	for (int y = 0; y < h; y++) {
		const uint32_t *src = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
		for (int x = 0; x < w; x++) {
			row[3 * x] = (unsigned char)(src[x] >> 16);
			row[3 * x + 1] = (unsigned char)(src[x] >> 8);
			row[3 * x + 2] = (unsigned char)src[x];
		}
		png_write_row(png, row);
	}
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	free(row);
	return ms_buf_failed(out) ? -1 : 0;
}

int ms_draw_png(const ms_chart *c, ms_cairo_fonts *cf, double scale, ms_buf *out, ms_diag *d)
{
	int w = (int)(c->width * scale + 0.5), h = (int)(c->height * scale + 0.5);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);
	cairo_scale(cr, scale, scale);
	draw_list(cr, c, cf);
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	int rc = st == CAIRO_STATUS_SUCCESS ? encode_png(s, out) : -1;
	cairo_surface_destroy(s);
	if (rc)
		return ms_error(d, NULL, 0, 0, "chart %s: PNG failed: %s", c->id,
				st == CAIRO_STATUS_SUCCESS ? "libpng error" : cairo_status_to_string(st));
	return 0;
}

/* Prefixes every id and reference with the chart's id (Cairo names glyphs
 * and clips the same way in every SVG it writes), and renumbers Cairo's
 * "surfaceN" ids, which come from a process-wide counter, in order of
 * appearance: the same chart gives the same bytes whatever was drawn before
 * it, or beside it in another thread. */
static void prefix_ids(const char *svg, size_t len, const char *pfx, ms_buf *out)
{
	static const char *const marks[] = { "id=\"", "href=\"#", "url(#" };
	unsigned long seen[64];
	size_t nseen = 0;
	size_t i = 0;
	while (i < len) {
		/* copy up to the next byte that can start a mark, in one piece */
		size_t j = i;
		while (j < len && svg[j] != 'i' && svg[j] != 'h' && svg[j] != 'u')
			j++;
		ms_buf_append(out, svg + i, j - i);
		i = j;
		if (i == len)
			break;
		int hit = -1;
		for (int m = 0; m < 3 && hit < 0; m++)
			if (len - i >= strlen(marks[m]) && !memcmp(svg + i, marks[m], strlen(marks[m])))
				hit = m;
		if (hit < 0) {
			ms_buf_putc(out, svg[i++]);
			continue;
		}
		ms_buf_puts(out, marks[hit]);
		ms_buf_puts(out, pfx);
		ms_buf_putc(out, '-');
		i += strlen(marks[hit]);
		if (len - i > 7 && !memcmp(svg + i, "surface", 7) && svg[i + 7] >= '0' && svg[i + 7] <= '9') {
			char *end;
			unsigned long n = strtoul(svg + i + 7, &end, 10);
			size_t k = 0;
			while (k < nseen && seen[k] != n)
				k++;
			if (k == nseen && nseen < 64)
				seen[nseen++] = n;
			ms_buf_printf(out, "surface%zu", k + 1);
			i = (size_t)(end - svg);
		}
	}
}

int ms_draw_svg(const ms_chart *c, ms_cairo_fonts *cf, ms_buf *out, size_t *inline_at, ms_diag *d)
{
	ms_buf raw;
	ms_buf_init(&raw, 0);
	cairo_surface_t *s = cairo_svg_surface_create_for_stream(write_buf, &raw, c->width, c->height);
	cairo_t *cr = cairo_create(s);
	draw_list(cr, c, cf);
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	const char *open = raw.data ? strstr(raw.data, "<svg") : NULL;
	const char *gt = open ? strchr(open, '>') : NULL;
	if (st != CAIRO_STATUS_SUCCESS || !gt || ms_buf_failed(&raw)) {
		ms_buf_release(&raw);
		return ms_error(d, NULL, 0, 0, "chart %s: SVG failed: %s", c->id,
				cairo_status_to_string(st));
	}
	ms_buf_append(out, raw.data, (size_t)(open - raw.data));
	*inline_at = out->len;
	ms_buf_append(out, open, (size_t)(gt - open));
	ms_buf_printf(out, " role=\"img\" aria-labelledby=\"%s-title %s-desc\">", c->id, c->id);
	ms_buf_printf(out, "\n<title id=\"%s-title\">", c->id);
	ms_escape_html(out, c->title, strlen(c->title));
	ms_buf_printf(out, "</title>\n<desc id=\"%s-desc\">", c->id);
	ms_escape_html(out, c->desc, strlen(c->desc));
	ms_buf_puts(out, "</desc>");
	const char *rest = gt + 1;
	prefix_ids(rest, raw.len - (size_t)(rest - raw.data), c->id, out);
	ms_buf_release(&raw);
	return ms_buf_failed(out) ? ms_error(d, NULL, 0, 0, "out of memory") : 0;
}
