/* Runs every unit test group; prints one line per test and a count. */
#include <stdlib.h>
#include "test.h"

int ms_test_failures;

void capture_start(capture *c)
{
	c->text = NULL;
	c->len = 0;
	ms_diag_init(&c->d, open_memstream(&c->text, &c->len));
}

const char *capture_text(capture *c)
{
	fflush(c->d.out);
	return c->text ? c->text : "";
}

void check_message(capture *c, const char *msg)
{
	if (!strstr(capture_text(c), msg)) {
		ms_test_failures++;
		fprintf(stderr, "  expected \"%s\" in: %s\n", msg, capture_text(c));
	}
}

void capture_end(capture *c)
{
	fclose(c->d.out);
	free(c->text);
	c->text = NULL;
}

#define GROUP(g) extern const ms_test g##_tests[]; extern const size_t g##_ntests;
GROUP(csv) GROUP(utc) GROUP(src) GROUP(stats) GROUP(fmt) GROUP(tmpl) GROUP(config) GROUP(chart)
GROUP(spec) GROUP(claims) GROUP(theme) GROUP(numparse) GROUP(json) GROUP(doc) GROUP(phrase) GROUP(figures)
GROUP(fsutil) GROUP(stress) GROUP(leverage)
#undef GROUP

int main(int argc, char **argv)
{
	struct { const ms_test *t; size_t n; } groups[] = {
		{ csv_tests, csv_ntests }, { utc_tests, utc_ntests }, { src_tests, src_ntests },
		{ stats_tests, stats_ntests }, { fmt_tests, fmt_ntests }, { tmpl_tests, tmpl_ntests },
		{ config_tests, config_ntests }, { chart_tests, chart_ntests }, { spec_tests, spec_ntests }, { claims_tests, claims_ntests }, { theme_tests, theme_ntests }, { numparse_tests, numparse_ntests }, { json_tests, json_ntests },
		{ doc_tests, doc_ntests }, { phrase_tests, phrase_ntests }, { figures_tests, figures_ntests },
		{ fsutil_tests, fsutil_ntests }, { stress_tests, stress_ntests }, { leverage_tests, leverage_ntests },
	};
	const char *only = argc > 1 ? argv[1] : NULL;
	int passed = 0, failed = 0;
	for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		for (size_t i = 0; i < groups[g].n; i++) {
			const ms_test *t = &groups[g].t[i];
			if (only && !strstr(t->name, only))
				continue;
			ms_test_failures = 0;
			t->fn();
			if (ms_test_failures) {
				printf("FAIL %s\n", t->name);
				failed++;
			} else {
				printf("PASS %s\n", t->name);
				passed++;
			}
		}
	}
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
