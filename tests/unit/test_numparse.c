/* The fast decimal parser gives strtod's result, bit for bit. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "numparse.h"
#include "test.h"

static int same(const char *s)
{
	double a, b = strtod(s, NULL);
	if (ms_parse_double(s, strlen(s), &a))
		return 0;
	return memcmp(&a, &b, sizeof a) == 0;
}

static void equals_strtod(void)
{
	static const char *const cases[] = {
		"0", "-0", "0.0", "-0.0", "1", "67577.90", "0.1", "0.3", "123456789012345678",
		"9007199254740993", "1234567890123456789", "12345678901234567890", "0.000001",
		"72834.20", "1e5", "1.5E-3", "-95.1", "+3.25", "0.00000000000000000000001", "00012.500",
		"99999999999999999999.5", "1.7976931348623157e308"
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (!same(cases[i])) {
			ms_test_failures++;
			fprintf(stderr, "  %s differs from strtod\n", cases[i]);
		}
	}
	/* a million random prices with 1 to 8 decimals */
	uint64_t x = 88172645463325252u;
	int bad = 0;
	for (int k = 0; k < 1000000; k++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		char s[48];
		int dec = 1 + (int)(x % 8);
		double p = (double)(x >> 20) / 1e9;
		snprintf(s, sizeof s, "%.*f", dec, p);
		bad += !same(s);
	}
	CHECK(bad == 0);
}

static void rejects(void)
{
	double v;
	static const char *const bad[] = { "", "-", ".", "abc", "1.2.3", "nan", "inf", "1,5", "12a", "--1" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (!ms_parse_double(bad[i], strlen(bad[i]), &v)) {
			ms_test_failures++;
			fprintf(stderr, "  accepted '%s'\n", bad[i]);
		}
	/* only the n bytes given are read */
	CHECK(ms_parse_double("12.5,99", 4, &v) == 0 && v == 12.5);
}

const ms_test numparse_tests[] = {
	{ "numparse/equals_strtod", equals_strtod },
	{ "numparse/rejects", rejects },
};
const size_t numparse_ntests = sizeof numparse_tests / sizeof numparse_tests[0];
