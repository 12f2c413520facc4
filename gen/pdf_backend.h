/* The libharu backend, shared by doc_pdf.c (layout) and draw_pdf.c (charts):
 * libharu handles stay inside these two files. */
#ifndef MS_PDF_BACKEND_H
#define MS_PDF_BACKEND_H
#include <hpdf.h>
#include "chart.h"
#include "font.h"

enum { MS_PDF_MAX_ALPHA = 16 };

typedef struct ms_pdf {
	HPDF_Doc doc;
	HPDF_Page page;                  /* the page being drawn; NULL: layout only, nothing drawn */
	HPDF_Font font[MS_NFACE];
	const ms_fontset *fonts;
	double alpha[MS_PDF_MAX_ALPHA];  /* ExtGStates made so far, by fill alpha */
	HPDF_ExtGState gstate[MS_PDF_MAX_ALPHA];
	int nalpha;
} ms_pdf;

/* Draws the chart with its top-left corner at (x, y_top) in PDF points,
 * scaled by scale, as vector paths and text. */
void ms_pdf_draw_chart(ms_pdf *p, const ms_chart *c, double x, double y_top, double scale);
/* Gives a font from HPDF_GetFont(…, "UTF-8") a valid ToUnicode map (see
 * pdf_tounicode.c), so that text copied from the PDF is the text drawn. */
int ms_pdf_fix_to_unicode(HPDF_Font font);
/* Text in one font at a baseline, in PDF coordinates. */
void ms_pdf_text(ms_pdf *p, enum ms_face face, double size, ms_rgba color, double x, double y,
		 const char *s);

#endif
