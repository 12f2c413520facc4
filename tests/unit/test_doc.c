/* The PDF layout: laying a document out without writing it (what the fuzzer
 * runs) takes the same verdicts as writing it. */
#include <string.h>
#include "doc.h"
#include "test.h"

/* Typesets md; write: into a PDF, kept in *kept when that is not NULL. */
static int typeset_as(const char *md, const char *title, int write, ms_buf *kept, capture *cap)
{
	ms_fontset *f = ms_fontset_new("fonts", &cap->d);
	ms_doc *doc = f ? ms_doc_parse("t.md", md, strlen(md), &cap->d) : NULL;
	ms_theme th;
	ms_theme_defaults(&th);
	ms_doc_meta meta = { title, "Author", "Subject", "2026-02-06", 2026, 2, 6 };
	ms_buf pdf;
	ms_buf_init(&pdf, 0);
	int rc = doc ? ms_doc_pdf(doc, NULL, 0, f, &th, &meta, write ? &pdf : NULL, NULL, &cap->d) : -2;
	if (rc == 0 && write && (pdf.len < 1000 || memcmp(pdf.data, "%PDF-", 5)))
		rc = -3;
	if (kept)
		*kept = pdf;
	else
		ms_buf_release(&pdf);
	ms_doc_free(doc);
	ms_fontset_free(f);
	return rc;
}

static int typeset(const char *md, int write, capture *cap)
{
	return typeset_as(md, "Title", write, NULL, cap);
}

static int contains(const ms_buf *b, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i + n <= b->len; i++)
		if (!memcmp(b->data + i, s, n))
			return 1;
	return 0;
}

/* Metadata and outline entries keep their non-ASCII text (as UTF-16):
 * beyond the basic plane, U+FFFD; control characters, a space. */
static void pdf_strings_unicode(void)
{
	capture cap;
	capture_start(&cap);
	ms_buf pdf;
	CHECK(typeset_as("# Z\xC3\xBCrich \xE2\x88\x92 \xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x98\x80\n\ntext\n",
			 "(a\\b)\x01\xC3\xA9", 1, &pdf, &cap) == 0);
	/* "Zürich − 東京 😀" */
	CHECK(contains(&pdf, "<FEFF005A00FC007200690063006800202212002067714EAC0020FFFD>"));
	/* "(a\b) é": the delimiters need no escape in a hex string */
	CHECK(contains(&pdf, "<FEFF00280061005C00620029002000E9>"));
	ms_buf_release(&pdf);
	capture_end(&cap);
}

/* Characters the embedded fonts cannot draw are said, once, with the line
 * of the first, the code point and how many there are; a document the fonts
 * cover says nothing. */
static void missing_glyphs_warned(void)
{
	capture cap;
	capture_start(&cap);
	CHECK(typeset("# Title\n\nplain text, \xE2\x88\x92 and \xC3\xBC\n", 0, &cap) == 0);
	CHECK(cap.d.count[MS_WARNING] == 0);
	CHECK(typeset("# Title\n\nTokyo \xE6\x9D\xB1\xE4\xBA\xAC\n\n`\xF0\x9F\x98\x80`\n", 0, &cap) == 0);
	CHECK(cap.d.count[MS_WARNING] == 1);
	check_message(&cap, "t.md:3: warning: the PDF's fonts have no glyph for U+6771: 3 such characters");
	capture_end(&cap);
}

static void layout_only_same_verdicts(void)
{
	static const char good[] = "# Title\n\nSome *text*, **bold** and a [link](https://example.com).\n\n"
				   "| a | b |\n|---|--:|\n| 1 | 2.5 |\n\n> a quote\n\n- one\n- two\n\n```\ncode\n```\n";
	static const char bad[] = "# Title\n\n![a chart nobody drew](chart:nope)\n";
	capture cap;
	for (int write = 0; write < 2; write++) {
		capture_start(&cap);
		CHECK(typeset(good, write, &cap) == 0);
		CHECK(typeset(bad, write, &cap) == -1);
		check_message(&cap, "nope");
		capture_end(&cap);
	}
}

/* Quotes in quotes, 60 deep: refused with the line, before any layout
 * recurses (the fuzzer overflowed the stack with 4,000). */
static void deep_nesting_refused(void)
{
	char md[128];
	memset(md, '>', 60);
	strcpy(md + 60, " deep\n");
	capture cap;
	capture_start(&cap);
	ms_doc *doc = ms_doc_parse("deep.md", md, strlen(md), &cap.d);
	CHECK(doc == NULL);
	check_message(&cap, "deep.md:1:");
	check_message(&cap, "nested more than 40 levels deep");
	ms_doc_free(doc);
	capture_end(&cap);
	/* 30 levels are a document */
	md[30] = ' ';
	md[31] = 'x';
	md[32] = '\n';
	md[33] = '\0';
	capture_start(&cap);
	doc = ms_doc_parse("ok.md", md, strlen(md), &cap.d);
	CHECK(doc != NULL);
	ms_doc_free(doc);
	capture_end(&cap);
}

const ms_test doc_tests[] = {
	{ "doc/layout_only_same_verdicts", layout_only_same_verdicts },
	{ "doc/deep_nesting_refused", deep_nesting_refused },
	{ "doc/pdf_strings_unicode", pdf_strings_unicode },
	{ "doc/missing_glyphs_warned", missing_glyphs_warned },
};
const size_t doc_ntests = sizeof doc_tests / sizeof doc_tests[0];
