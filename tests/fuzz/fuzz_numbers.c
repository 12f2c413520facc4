/* libFuzzer, differential: the fast decimal parser and the time parser
 * against the C library on the same text. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "numparse.h"
#include "utc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[64];
	if (size >= sizeof s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	double a;
	if (strlen(s) == size && ms_parse_double(s, size, &a) == 0) {
		char *end;
		double b = strtod(s, &end);
		if (*end || !isfinite(b) || memcmp(&a, &b, sizeof a))
			abort();   /* accepted what strtod would not, or rounded otherwise */
	}
	int64_t t;
	ms_parse_time((const char *)data, size, &t);
	return 0;
}
