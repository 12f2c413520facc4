#include <math.h>
#include <string.h>
#include "pdf_backend.h"

void ms_pdf_text(ms_pdf *p, enum ms_face face, double size, ms_rgba color, double x, double y,
		 const char *s)
{
	HPDF_Font font = p->page ? ms_pdf_font(p, face) : NULL;
	if (!font)
		return;
	HPDF_Page_SetRGBFill(p->page, (HPDF_REAL)color.r, (HPDF_REAL)color.g, (HPDF_REAL)color.b);
	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetFontAndSize(p->page, font, (HPDF_REAL)size);
	HPDF_Page_TextOut(p->page, (HPDF_REAL)x, (HPDF_REAL)y, s);
	HPDF_Page_EndText(p->page);
}

/* Translucent fills need an ExtGState; one is made per distinct alpha. */
static HPDF_ExtGState alpha_state(ms_pdf *p, double a)
{
	for (int i = 0; i < p->nalpha; i++)
		if (fabs(p->alpha[i] - a) < 1e-6)
			return p->gstate[i];
	if (p->nalpha == MS_PDF_MAX_ALPHA)
		return NULL;
	HPDF_ExtGState gs = HPDF_CreateExtGState(p->doc);
	HPDF_ExtGState_SetAlphaFill(gs, (HPDF_REAL)a);
	HPDF_ExtGState_SetAlphaStroke(gs, (HPDF_REAL)a);
	p->alpha[p->nalpha] = a;
	p->gstate[p->nalpha++] = gs;
	return gs;
}

static void draw_path(ms_pdf *p, const ms_prim *pr, double x0, double y0, double k)
{
	HPDF_Page pg = p->page;
	double a = pr->fill.a > 0 ? pr->fill.a : pr->stroke.a;
	HPDF_Page_GSave(pg);
	if (a < 1) {
		HPDF_ExtGState gs = alpha_state(p, a);
		if (gs)
			HPDF_Page_SetExtGState(pg, gs);
	}
	int fill = pr->fill.a > 0, stroke = pr->stroke.a > 0 && pr->width > 0;
	if (fill)
		HPDF_Page_SetRGBFill(pg, (HPDF_REAL)pr->fill.r, (HPDF_REAL)pr->fill.g, (HPDF_REAL)pr->fill.b);
	if (stroke) {
		HPDF_Page_SetRGBStroke(pg, (HPDF_REAL)pr->stroke.r, (HPDF_REAL)pr->stroke.g,
				       (HPDF_REAL)pr->stroke.b);
		HPDF_Page_SetLineWidth(pg, (HPDF_REAL)(pr->width * k));
		HPDF_Page_SetLineJoin(pg, HPDF_ROUND_JOIN);
		if (pr->dash > 0) {
			HPDF_UINT16 on = (HPDF_UINT16)(pr->dash * k + 0.5);
			HPDF_UINT16 pat[2] = { on ? on : 1, on ? on : 1 };
			HPDF_Page_SetDash(pg, pat, 2, 0);
		}
	}
	/* colours and widths are graphics state: set before the path starts */
	size_t seg = pr->seg ? pr->seg : pr->npts;
	for (size_t i = 0; i < pr->npts; i++) {
		HPDF_REAL x = (HPDF_REAL)(x0 + pr->xy[2 * i] * k), y = (HPDF_REAL)(y0 - pr->xy[2 * i + 1] * k);
		if (i % seg)
			HPDF_Page_LineTo(pg, x, y);
		else {
			if (i && fill)
				HPDF_Page_ClosePath(pg);
			HPDF_Page_MoveTo(pg, x, y);
		}
	}
	if (fill && stroke)
		HPDF_Page_ClosePathFillStroke(pg);
	else if (fill)
		HPDF_Page_Fill(pg);
	else if (stroke)
		HPDF_Page_Stroke(pg);
	else
		HPDF_Page_EndPath(pg);
	HPDF_Page_GRestore(pg);
}

void ms_pdf_draw_chart(ms_pdf *p, const ms_chart *c, double x, double y_top, double k)
{
	if (!p->page)
		return;
	for (size_t i = 0; i < c->n; i++) {
		const ms_prim *pr = &c->prim[i];
		if (pr->kind == MS_PRIM_PATH) {
			if (pr->npts)
				draw_path(p, pr, x, y_top, k);
			continue;
		}
		double w = ms_text_width(p->fonts, pr->face, pr->size, pr->text, strlen(pr->text));
		ms_pdf_text(p, pr->face, pr->size * k, pr->color, x + (pr->x - pr->anchor * w) * k,
			    y_top - pr->y * k, pr->text);
	}
}
