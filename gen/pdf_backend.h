/* The libharu backend, shared by doc_pdf.c (layout), draw_pdf.c (charts)
 * and pdf_font.c (fonts): libharu handles stay inside these files. */
#ifndef MS_PDF_BACKEND_H
#define MS_PDF_BACKEND_H
#include <hpdf.h>
#include "chart.h"
#include "diag.h"
#include "font.h"

enum { MS_PDF_MAX_ALPHA = 16 };

typedef struct ms_pdf {
	HPDF_Doc doc;
	HPDF_Page page;                  /* the page being drawn; NULL: layout only, nothing drawn */
	HPDF_Font font[MS_NFACE];        /* NULL until a page uses the face */
	const ms_fontset *fonts;
	ms_diag *d;
	int failed;                      /* an error was said: nothing more is drawn or written */
	double alpha[MS_PDF_MAX_ALPHA];  /* ExtGStates made so far, by fill alpha */
	HPDF_ExtGState gstate[MS_PDF_MAX_ALPHA];
	int nalpha;
} ms_pdf;

/* Draws the chart with its top-left corner at (x, y_top) in PDF points,
 * scaled by scale, as vector paths and text. */
void ms_pdf_draw_chart(ms_pdf *p, const ms_chart *c, double x, double y_top, double scale);
/* The face's font, embedded on first use; NULL (and p->failed, with the
 * error said) when libharu cannot load it. */
HPDF_Font ms_pdf_font(ms_pdf *p, enum ms_face face);
/* Text in one font at a baseline, in PDF coordinates. */
void ms_pdf_text(ms_pdf *p, enum ms_face face, double size, ms_rgba color, double x, double y,
		 const char *s);

#endif
