/* The PDF layout: laying a document out without writing it (what the fuzzer
 * runs) takes the same verdicts as writing it. */
#include <string.h>
#include "doc.h"
#include "test.h"

static int typeset(const char *md, int write, capture *cap)
{
	ms_fontset *f = ms_fontset_new("fonts", &cap->d);
	ms_doc *doc = f ? ms_doc_parse("t.md", md, strlen(md), &cap->d) : NULL;
	ms_theme th;
	ms_theme_defaults(&th);
	ms_doc_meta meta = { "Title", "Author", "Subject", "2026-02-06", 2026, 2, 6 };
	ms_buf pdf;
	ms_buf_init(&pdf, 0);
	int rc = doc ? ms_doc_pdf(doc, NULL, 0, f, &th, &meta, write ? &pdf : NULL, &cap->d) : -2;
	if (rc == 0 && write && (pdf.len < 1000 || memcmp(pdf.data, "%PDF-", 5)))
		rc = -3;
	ms_buf_release(&pdf);
	ms_doc_free(doc);
	ms_fontset_free(f);
	return rc;
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
};
const size_t doc_ntests = sizeof doc_tests / sizeof doc_tests[0];
