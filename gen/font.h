/* The fonts that charts and the PDF embed, loaded from fonts/ (never from the
 * system), and their metrics: every layout measures text here, so Cairo and
 * libharu draw what the layout computed. */
#ifndef MS_FONT_H
#define MS_FONT_H
#include <stddef.h>
#include "diag.h"

enum ms_face { MS_REGULAR, MS_BOLD, MS_ITALIC, MS_MONO, MS_NFACE };

typedef struct ms_fontset ms_fontset;

/* Loads the four faces from dir. Returns NULL after reporting an error. */
ms_fontset *ms_fontset_new(const char *dir, ms_diag *d);
void ms_fontset_free(ms_fontset *f);
/* Path of a face's TrueType file (borrowed). */
const char *ms_font_path(const ms_fontset *f, enum ms_face face);
/* Advance width of UTF-8 text (n bytes) at size points, unhinted, unkerned. */
double ms_text_width(const ms_fontset *f, enum ms_face face, double size, const char *s, size_t n);
/* How many characters of UTF-8 text (n bytes) the face cannot draw: no
 * glyph, or beyond Unicode's basic plane (which libharu's UTF-8 encoder
 * leaves out); the first in *first. Control characters are not drawn and
 * not counted. */
size_t ms_font_missing(const ms_fontset *f, enum ms_face face, const char *s, size_t n, unsigned long *first);
/* Ascender and descender (positive, below the baseline) at size points. */
double ms_font_ascent(const ms_fontset *f, enum ms_face face, double size);
double ms_font_descent(const ms_fontset *f, enum ms_face face, double size);
/* Decodes one UTF-8 character at *s (advancing it); invalid bytes give U+FFFD. */
unsigned long ms_utf8_next(const char **s, const char *end);

#endif
