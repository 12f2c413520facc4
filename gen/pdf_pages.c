/* The document's device: laid-out pages (pages.h) to a PDF with libharu,
 * with its info dictionary, language, outline and links. */
#include <stdlib.h>
#include <string.h>
#include "memwatch.h"
#include "pdf_backend.h"
#include "pdf_pages.h"

typedef struct writer {
	ms_pdf p;
	const char *file;         /* named in errors */
} writer;

static void on_hpdf_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
	writer *w = user;
	if (!w->p.failed)
		ms_error(w->p.d, w->file, 0, 0, "libharu error 0x%04X (detail %u)", (unsigned)err, (unsigned)detail);
	w->p.failed = 1;
	w->p.page = NULL;    /* libharu's state is not to be trusted now: nothing more is drawn */
}

static void *hpdf_alloc(HPDF_UINT n)
{
	return ms_malloc_or_exit(n);
}

/* Text for the PDF's strings outside the pages (metadata, outline), which
 * libharu's UTF-8 encoder writes as UTF-16: Unicode's basic plane only, so
 * anything else (and broken UTF-8) becomes U+FFFD, control characters a space. */
static void pdf_string(const char *s, char *out, size_t n)
{
	size_t k = 0;
	const char *end = s + strlen(s);
	while (s < end && k + 4 < n) {
		unsigned long c = ms_utf8_next(&s, end);
		if (c < 0x20 || c == 0x7F)
			c = ' ';
		else if (c > 0xFFFF || (c >= 0xD800 && c <= 0xDFFF))
			c = 0xFFFD;
		if (c < 0x80) {
			out[k++] = (char)c;
		} else if (c < 0x800) {
			out[k++] = (char)(0xC0 | c >> 6);
			out[k++] = (char)(0x80 | (c & 0x3F));
		} else {
			out[k++] = (char)(0xE0 | c >> 12);
			out[k++] = (char)(0x80 | (c >> 6 & 0x3F));
			out[k++] = (char)(0x80 | (c & 0x3F));
		}
	}
	out[k] = '\0';
}

static void set_info(writer *w, const ms_doc_meta *meta)
{
	char s[512];
	HPDF_Doc doc = w->p.doc;
	pdf_string(meta->title, s, sizeof s);
	HPDF_SetInfoAttr(doc, HPDF_INFO_TITLE, s);
	pdf_string(meta->author, s, sizeof s);
	HPDF_SetInfoAttr(doc, HPDF_INFO_AUTHOR, s);
	pdf_string(meta->subject, s, sizeof s);
	HPDF_SetInfoAttr(doc, HPDF_INFO_SUBJECT, s);
	HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, "mstress " MS_VERSION);
	/* dates come from the as-of day, never the clock: same input, same bytes */
	HPDF_Date date = { meta->year, meta->month, meta->day, 0, 0, 0, 'Z', 0, 0 };
	HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, date);
	HPDF_SetInfoDateAttr(doc, HPDF_INFO_MOD_DATE, date);
	HPDF_SetPageMode(doc, HPDF_PAGE_MODE_USE_OUTLINE);
	/* the language, for screen readers and hyphenation (libharu has no call for it) */
	HPDF_Dict_Add(doc->catalog, "Lang", HPDF_String_New(doc->mmgr, "en", NULL));
}

/* The outline, each entry under the latest of a lower level, opened; its
 * destinations (what the contents links point to) into dst. */
static void outline(writer *w, const ms_pages *pp, const HPDF_Page *page, HPDF_Destination *dst)
{
	HPDF_Outline latest[7] = { 0 };
	char title[512];
	for (size_t i = 0; i < pp->nentry && !w->p.failed; i++) {
		const ms_outline_entry *e = &pp->entry[i];
		int level = e->level < 1 ? 1 : e->level > 6 ? 6 : e->level;
		HPDF_Outline parent = NULL;
		for (int l = level - 1; l >= 1 && !parent; l--)
			parent = latest[l];
		pdf_string(e->title, title, sizeof title);
		HPDF_Outline o = HPDF_CreateOutline(w->p.doc, parent, title, HPDF_GetEncoder(w->p.doc, "UTF-8"));
		if (!o)
			return;
		dst[i] = HPDF_Page_CreateDestination(page[e->page]);
		if (dst[i]) {
			HPDF_Destination_SetFitH(dst[i], (HPDF_REAL)(pp->height - e->y + 4));
			HPDF_Outline_SetDestination(o, dst[i]);
		}
		HPDF_Outline_SetOpened(o, HPDF_TRUE);
		latest[level] = o;
		for (int l = level + 1; l <= 6; l++)
			latest[l] = NULL;
	}
}

static void links(writer *w, const ms_pages *pp, const ms_page *pg, HPDF_Page page, const HPDF_Destination *dst)
{
	for (size_t i = 0; i < pg->nlink && !w->p.failed; i++) {
		const ms_page_link *l = &pg->link[i];
		HPDF_Rect box = { (HPDF_REAL)l->x0, (HPDF_REAL)(pp->height - l->y1), (HPDF_REAL)l->x1,
				  (HPDF_REAL)(pp->height - l->y0) };
		HPDF_Annotation a = l->url ? HPDF_Page_CreateURILinkAnnot(page, box, l->url) :
				    l->entry < pp->nentry && dst[l->entry] ?
				    HPDF_Page_CreateLinkAnnot(page, box, dst[l->entry]) : NULL;
		if (a)
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	}
}

/* Appends the finished document's bytes to out. */
static void save(writer *w, ms_buf *out)
{
	if (HPDF_SaveToStream(w->p.doc) != HPDF_OK)
		return;                   /* on_hpdf_error said why */
	HPDF_UINT32 size = HPDF_GetStreamSize(w->p.doc);
	if (ms_buf_reserve(out, size)) {
		ms_error(w->p.d, w->file, 0, 0, "out of memory writing the PDF");
		w->p.failed = 1;
		return;
	}
	HPDF_UINT32 got = size;
	HPDF_ReadFromStream(w->p.doc, (HPDF_BYTE *)out->data + out->len, &got);
	out->len += got;
	out->data[out->len] = '\0';
	if (got != size && !w->p.failed) {
		ms_error(w->p.d, w->file, 0, 0, "short PDF stream");
		w->p.failed = 1;
	}
}

int ms_pdf_write_pages(const ms_pages *pp, const ms_fontset *fonts, const ms_doc_meta *meta, const char *file,
		       ms_buf *out, ms_diag *d)
{
	writer w = { .p = { .fonts = fonts, .d = d }, .file = file };
	HPDF_Page *page = calloc(pp->n ? pp->n : 1, sizeof *page);
	HPDF_Destination *dst = calloc(pp->nentry ? pp->nentry : 1, sizeof *dst);
	if (!page || !dst) {
		ms_error(d, file, 0, 0, "out of memory writing the PDF");
		w.p.failed = 1;
	} else if (!(w.p.doc = HPDF_NewEx(on_hpdf_error, hpdf_alloc, free, 0, &w))) {
		ms_error(d, file, 0, 0, "libharu failed to start");
		w.p.failed = 1;
	}
	if (!w.p.failed) {
		HPDF_SetCompressionMode(w.p.doc, HPDF_COMP_ALL);
		HPDF_UseUTFEncodings(w.p.doc);
		HPDF_SetCurrentEncoder(w.p.doc, "UTF-8");
	}
	if (!w.p.failed)
		set_info(&w, meta);
	for (size_t i = 0; i < pp->n && !w.p.failed; i++) {
		const ms_page *pg = &pp->page[i];
		if (!(page[i] = w.p.page = HPDF_AddPage(w.p.doc)))
			break;
		HPDF_Page_SetWidth(page[i], (HPDF_REAL)pp->width);
		HPDF_Page_SetHeight(page[i], (HPDF_REAL)pp->height);
		ms_pdf_draw_chart(&w.p, &pg->dl, 0, pp->height, 1);
		for (size_t c = 0; c < pg->nchart; c++)
			ms_pdf_draw_chart(&w.p, pg->chart[c].chart, pg->chart[c].x, pp->height - pg->chart[c].y,
					  pg->chart[c].scale);
	}
	if (!w.p.failed)
		outline(&w, pp, page, dst);
	for (size_t i = 0; i < pp->n && !w.p.failed; i++)
		links(&w, pp, &pp->page[i], page[i], dst);
	if (!w.p.failed)
		save(&w, out);
	if (w.p.doc)
		HPDF_Free(w.p.doc);
	free(page);
	free(dst);
	return w.p.failed ? -1 : 0;
}
