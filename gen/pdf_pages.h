/* Writes laid-out pages as a PDF (the document's device file). */
#ifndef MS_PDF_PAGES_H
#define MS_PDF_PAGES_H
#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "font.h"
#include "pages.h"

/* Appends the PDF of pp to out: meta gives its info dictionary, file names
 * the document in errors. -1 after an error, said through d. */
int ms_pdf_write_pages(const ms_pages *pp, const ms_fontset *fonts, const ms_doc_meta *meta, const char *file,
		       ms_buf *out, ms_diag *d);

#endif
