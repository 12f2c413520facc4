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
