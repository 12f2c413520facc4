#include "numparse.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Powers of ten that a double holds exactly. */
static const double pow10_exact[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static int slow(const char *s, size_t n, double *out)
{
	char tmp[128];
	if (n == 0 || n >= sizeof tmp)
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	char *end;
	double v = strtod(tmp, &end);
	if (end == tmp || *end || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

int ms_parse_double(const char *s, size_t n, double *out)
{
	size_t i = 0;
	int neg = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	uint64_t m = 0;
	int digits = 0, frac = -1, any = 0;
	for (; i < n; i++) {
		unsigned c = (unsigned char)s[i];
		if (c - '0' < 10) {
			any = 1;
			if (m == 0 && c == '0') {      /* leading zeros are not significant */
				if (frac >= 0)
					frac++;
				continue;
			}
			if (++digits > 19)
				return slow(s, n, out);
			m = m * 10 + (c - '0');
			if (frac >= 0)
				frac++;
		} else if (c == '.' && frac < 0) {
			frac = 0;
		} else {
			return slow(s, n, out);        /* an exponent, a space, anything else */
		}
	}
	if (!any)
		return -1;
	if (frac < 0)
		frac = 0;
	if (m >= (UINT64_C(1) << 53) || frac > 22)
		return slow(s, n, out);
	double v = (double)m / pow10_exact[frac];
	*out = neg ? -v : v;
	return 0;
}
