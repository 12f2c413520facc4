#include "font.h"
#include <stdlib.h>
#include <string.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include "fsutil.h"

static const char *const face_files[MS_NFACE] = {
	"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSansMono.ttf"
};

struct ms_fontset {
	FT_Library lib;
	FT_Face face[MS_NFACE];
	char *path[MS_NFACE];
	/* advances of the first 256 code points, in font units, for speed */
	unsigned short latin[MS_NFACE][256];
};

ms_fontset *ms_fontset_new(const char *dir, ms_diag *d)
{
	ms_fontset *f = calloc(1, sizeof *f);
	if (!f) {
		ms_error(d, dir, 0, 0, "out of memory");
		return NULL;
	}
	if (FT_Init_FreeType(&f->lib)) {
		ms_error(d, NULL, 0, 0, "FreeType failed to start");
		free(f);
		return NULL;
	}
	for (int i = 0; i < MS_NFACE; i++) {
		f->path[i] = ms_path_join(dir, face_files[i]);
		if (!f->path[i] || FT_New_Face(f->lib, f->path[i], 0, &f->face[i])) {
			ms_error(d, f->path[i] ? f->path[i] : dir, 0, 0,
				 "cannot load the TrueType font (is the fonts/ directory complete?)");
			ms_fontset_free(f);
			return NULL;
		}
		for (unsigned c = 0; c < 256; c++) {
			FT_Fixed adv = 0;
			FT_UInt g = FT_Get_Char_Index(f->face[i], c);
			if (g)
				FT_Get_Advance(f->face[i], g, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING, &adv);
			f->latin[i][c] = (unsigned short)adv;
		}
	}
	return f;
}

void ms_fontset_free(ms_fontset *f)
{
	if (!f)
		return;
	for (int i = 0; i < MS_NFACE; i++) {
		if (f->face[i])
			FT_Done_Face(f->face[i]);
		free(f->path[i]);
	}
	FT_Done_FreeType(f->lib);
	free(f);
}

const char *ms_font_path(const ms_fontset *f, enum ms_face face)
{
	return f->path[face];
}

unsigned long ms_utf8_next(const char **s, const char *end)
{
	const unsigned char *p = (const unsigned char *)*s;
	unsigned long c = *p;
	int extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 :
		    (c & 0xF8) == 0xF0 ? 3 : -1;
	if (extra < 0 || extra >= end - (const char *)p) {
		*s += 1;
		return 0xFFFD;
	}
	c &= extra ? 0x3Fu >> extra : 0x7F;
	for (int i = 1; i <= extra; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*s += 1;
			return 0xFFFD;
		}
		c = (c << 6) | (p[i] & 0x3F);
	}
	*s += extra + 1;
	return c;
}

double ms_text_width(const ms_fontset *f, enum ms_face face, double size, const char *s, size_t n)
{
	FT_Face ft = f->face[face];
	const char *end = s + n;
	double units = 0;
	while (s < end) {
		unsigned long c = ms_utf8_next(&s, end);
		if (c < 256) {
			units += f->latin[face][c];
			continue;
		}
		FT_Fixed adv = 0;
		FT_UInt g = FT_Get_Char_Index(ft, c);
		if (g)
			FT_Get_Advance(ft, g, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING, &adv);
		units += (double)adv;
	}
	return units * size / ft->units_per_EM;
}

size_t ms_font_missing(const ms_fontset *f, enum ms_face face, const char *s, size_t n, unsigned long *first)
{
	const char *end = s + n;
	size_t missing = 0;
	while (s < end) {
		unsigned long c = ms_utf8_next(&s, end);
		if (c < 0x20 || c == 0x7F)
			continue;
		if (c > 0xFFFF || !FT_Get_Char_Index(f->face[face], c)) {
			if (!missing++)
				*first = c;
		}
	}
	return missing;
}

double ms_font_ascent(const ms_fontset *f, enum ms_face face, double size)
{
	return (double)f->face[face]->ascender * size / f->face[face]->units_per_EM;
}

double ms_font_descent(const ms_fontset *f, enum ms_face face, double size)
{
	return -(double)f->face[face]->descender * size / f->face[face]->units_per_EM;
}
