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

/* Eight ASCII digits at once (SWAR, as in simdjson and fast_float): whether
 * all eight bytes are digits, and their value, first byte most significant.
 * The bytes are loaded little-endian. */
static int eight_digits(uint64_t v)
{
	return !(((v + UINT64_C(0x4646464646464646)) | (v - UINT64_C(0x3030303030303030))) &
		 UINT64_C(0x8080808080808080));
}

static uint64_t eight_value(uint64_t v)
{
	v -= UINT64_C(0x3030303030303030);
	v = v * 10 + (v >> 8);
	return (((v & UINT64_C(0x000000FF000000FF)) * (100 + (UINT64_C(1000000) << 32))) +
		(((v >> 16) & UINT64_C(0x000000FF000000FF)) * (1 + (UINT64_C(10000) << 32)))) >> 32;
}

/* The k digits (1 to 8) at p, reading 8 bytes (all readable): the bytes past
 * the k are shifted out and '0's shifted in ahead. -1 if one is no digit. */
static inline __attribute__((always_inline)) int few_digits(const char *p, size_t k, uint64_t *value)
{
	if (k == 0) {
		*value = 0;
		return 0;
	}
	uint64_t v;
	memcpy(&v, p, 8);
	if (k < 8)
		v = v << (8 * (8 - k)) | (UINT64_C(0x3030303030303030) >> (8 * k));
	if (!eight_digits(v))
		return -1;
	*value = eight_value(v);
	return 0;
}

static const uint64_t pow10_int[] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000
};

/* The offset of the first '.' among the 8 bytes of v, 8 if there is none
 * (exact: a zero byte of v ^ "........" sets its top bit, and nothing else
 * does). */
static size_t find_dot(uint64_t v)
{
	const uint64_t low7 = UINT64_C(0x7F7F7F7F7F7F7F7F);
	uint64_t x = v ^ UINT64_C(0x2E2E2E2E2E2E2E2E);
	uint64_t zero = ~(((x & low7) + low7) | x | low7);
	return zero ? (size_t)__builtin_ctzll(zero) / 8 : 8;
}

/* Up to 8 integer and 8 fraction digits, with no branch per digit (their
 * count varies from field to field, and mispredicted loop exits cost more
 * than the digits). -1 when the text is anything else. */
static int short_decimal(const char *p, size_t len, uint64_t *m, size_t *nfrac)
{
	uint64_t w;
	memcpy(&w, p, 8);
	size_t dot = find_dot(w);
	if (dot >= len)
		dot = len;                      /* the field has no dot (a later one may) */
	else if (dot == 8 && p[8] != '.')
		return -1;                      /* more than 8 integer digits, or not a number */
	size_t nf = dot < len ? len - dot - 1 : 0;
	uint64_t ip, fp;
	if ((dot == 0 && nf == 0) || nf > 8 || few_digits(p, dot, &ip) || few_digits(p + dot + 1, nf, &fp))
		return -1;
	*m = ip * pow10_int[nf] + fp;
	*nfrac = nf;
	return 0;
}

int ms_parse_double_in(const char *s, size_t n, const char *readable_end, double *out)
{
	const char *p = s, *e = s + n;
	int neg = 0;
	if (p < e && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	size_t len = (size_t)(e - p);
	uint64_t sm;
	size_t sf;
	if (len && len <= 17 && readable_end - p >= 17 && short_decimal(p, len, &sm, &sf) == 0 &&
	    sm < (UINT64_C(1) << 53)) {
		double v = (double)sm / pow10_exact[sf];
		*out = neg ? -v : v;
		return 0;
	}
	/* the general case, a digit at a time */
	const char *ip = p;
	uint64_t m = 0;
	while (p < e && (unsigned char)(*p - '0') < 10)
		m = m * 10 + (uint64_t)(*p++ - '0');
	size_t nint = (size_t)(p - ip), nfrac = 0;
	if (p < e && *p == '.') {
		const char *fp = ++p;
		while (p < e && (unsigned char)(*p - '0') < 10 && p - fp < 20)
			m = m * 10 + (uint64_t)(*p++ - '0');
		nfrac = (size_t)(p - fp);
	}
	if (p != e || nint + nfrac > 19)
		return slow(s, n, out);        /* an exponent, a space, many digits, anything else */
	if (!nint && !nfrac)
		return -1;
	if (m >= (UINT64_C(1) << 53))
		return slow(s, n, out);
	double v = (double)m / pow10_exact[nfrac];
	*out = neg ? -v : v;
	return 0;
}

int ms_parse_double(const char *s, size_t n, double *out)
{
	return ms_parse_double_in(s, n, s + n, out);
}
