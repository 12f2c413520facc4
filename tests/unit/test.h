/* A small test harness: each test is a function; CHECK records a failure
 * with its line and goes on, so one run shows every broken assertion. */
#ifndef MS_TEST_H
#define MS_TEST_H
#include <math.h>
#include <stdio.h>
#include <string.h>

extern int ms_test_failures;   /* failed checks in the current test */

#define CHECK(cond) do { if (!(cond)) { ms_test_failures++; \
	fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#define CHECK_STR(a, b) do { const char *a_ = (a), *b_ = (b); \
	if (!a_ || !b_ || strcmp(a_, b_)) { ms_test_failures++; \
	fprintf(stderr, "  %s:%d: \"%s\" != \"%s\"\n", __FILE__, __LINE__, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); } } while (0)
/* Relative tolerance, for values computed by hand. */
#define CHECK_NEAR(a, b, rel) do { double a_ = (a), b_ = (b); \
	if (!(fabs(a_ - b_) <= (rel) * fmax(fabs(b_), 1e-300))) { ms_test_failures++; \
	fprintf(stderr, "  %s:%d: %.17g != %.17g\n", __FILE__, __LINE__, a_, b_); } } while (0)

typedef struct ms_test {
	const char *name;
	void (*fn)(void);
} ms_test;

/* Captures diagnostics in memory so tests can assert on the messages. */
#include "diag.h"
typedef struct capture {
	ms_diag d;
	char *text;
	size_t len;
} capture;
void capture_start(capture *c);
/* Returns what was reported since capture_start (owned by c until the next call). */
const char *capture_text(capture *c);
void capture_end(capture *c);
/* A failed check unless the captured messages contain msg. */
void check_message(capture *c, const char *msg);
#endif
