/* libFuzzer: Markdown through the document tree to HTML and to the PDF
 * layout engine (run from the project's root: it reads fonts/). */
#include <stdint.h>
#include <stdlib.h>
#include "doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static ms_fontset *fonts;
	ms_diag d;
	ms_diag_init(&d, NULL);
	if (!fonts && !(fonts = ms_fontset_new("fonts", &d)))
		abort();
	ms_doc *doc = ms_doc_parse("fuzz.md", (const char *)data, size, &d);
	if (!doc)
		return 0;
	ms_buf html, toc;
	ms_buf_init(&html, 0);
	ms_buf_init(&toc, 0);
	ms_doc_html(doc, NULL, 0, &html, &toc, &d);
	ms_theme th;
	ms_theme_defaults(&th);
	ms_doc_meta meta = { "T\xC3\xA9st", "a", "s", "2026-02-06", 2026, 2, 6 };
	/* laid out only: libharu's font set-up per document would allow some 20
	 * runs a second (the tests write real PDFs from hostile text) */
	ms_doc_pdf(doc, NULL, 0, fonts, &th, &meta, NULL, NULL, &d);
	ms_buf_release(&html);
	ms_buf_release(&toc);
	ms_doc_free(doc);
	return 0;
}
