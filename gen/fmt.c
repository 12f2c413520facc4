#include "fmt.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

#define MINUS "\xE2\x88\x92"   /* U+2212 */
#define NBSP "\xC2\xA0"        /* U+00A0 */

void ms_fmt_grouped(char *out, size_t n, double v, int decimals)
{
	char digits[64];
	int neg = v < 0;
	snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
	if (neg && strspn(digits, "0.") == strlen(digits))
		neg = 0;             /* no "−0" */
	const char *dot = strchr(digits, '.');
	size_t int_len = dot ? (size_t)(dot - digits) : strlen(digits);
	char tmp[96];
	size_t k = 0;
	if (neg)
		k += (size_t)snprintf(tmp + k, sizeof tmp - k, MINUS);
	for (size_t i = 0; i < int_len; i++) {
		if (i && (int_len - i) % 3 == 0)
			tmp[k++] = ',';
		tmp[k++] = digits[i];
	}
	snprintf(tmp + k, sizeof tmp - k, "%s", dot ? dot : "");
	snprintf(out, n, "%s", tmp);
}

void ms_fmt_usd(char *out, size_t n, double v)
{
	char g[96];
	/* cents under $100 (bitcoin in 2011 traded at $0.30): whole dollars would read $0 */
	int cents = fabs(v) < 99.995;
	ms_fmt_grouped(g, sizeof g, fabs(v), cents ? 2 : 0);
	snprintf(out, n, "%s$%s", v < 0 && fabs(v) >= (cents ? 0.005 : 0.5) ? MINUS : "", g);
}

void ms_fmt_price(char *out, size_t n, double v, const char *quote)
{
	if (!quote || !strcmp(quote, "USD")) {
		ms_fmt_usd(out, n, v);
		return;
	}
	char g[96];
	ms_fmt_grouped(g, sizeof g, fabs(v), 0);
	/* a no-break space keeps the number with its currency */
	snprintf(out, n, "%s%s\xC2\xA0%.16s", v < 0 && fabs(v) >= 0.5 ? MINUS : "", g, quote);
}

/* The compact forms' units, largest first. */
static const struct { double scale; const char *suffix; } units[] = {
	{ 1e12, "T" }, { 1e9, "B" }, { 1e6, "M" }, { 1e3, "k" }, { 1, "" }
};
enum { NUNITS = sizeof units / sizeof units[0] };

void ms_fmt_usd_compact(char *out, size_t n, double v)
{
	double a = fabs(v);
	const char *sign = v < 0 ? MINUS : "";
	for (size_t i = 0; i < NUNITS; i++) {
		if (a < units[i].scale && units[i].scale > 1)
			continue;
		double x = a / units[i].scale;
		/* three significant digits, without trailing zeros */
		int dec = x >= 100 ? 0 : x >= 10 ? 1 : 2;
		char num[48];
		snprintf(num, sizeof num, "%.*f", dec, x);
		if (strchr(num, '.')) {
			char *e = num + strlen(num) - 1;
			while (*e == '0')
				*e-- = '\0';
			if (*e == '.')
				*e = '\0';
		}
		snprintf(out, n, "%s$%s%s", sign, num, units[i].suffix);
		return;
	}
}

ms_usd_column ms_usd_column_of(const double *v, size_t n)
{
	double top = 0;
	for (size_t i = 0; i < n; i++)
		if (isfinite(v[i]) && fabs(v[i]) > top)
			top = fabs(v[i]);
	size_t u = 0;
	while (u + 1 < NUNITS && top < units[u].scale)
		u++;
	/* three significant digits as the largest rounds: 9.996 is 10.0, 999.6M is $1.00B */
	double x = top / units[u].scale;
	int dec = x >= 99.95 ? 0 : x >= 9.995 ? 1 : 2;
	if (x >= 999.5 && u > 0) {
		u--;
		dec = 2;
	}
	return (ms_usd_column){ units[u].scale, units[u].suffix, dec };
}

void ms_fmt_usd_in(char *out, size_t n, double v, ms_usd_column c)
{
	char num[48];
	snprintf(num, sizeof num, "%.*f", c.decimals, fabs(v) / c.scale);
	/* an amount that rounds to zero carries no sign */
	int zero = strspn(num, "0.") == strlen(num);
	snprintf(out, n, "%s$%s%s", v < 0 && !zero ? MINUS : "", num, c.suffix);
}

void ms_fmt_pct(char *out, size_t n, double fraction, int decimals)
{
	char g[96];
	ms_fmt_grouped(g, sizeof g, fraction * 100.0, decimals);
	snprintf(out, n, "%s" NBSP "%%", g);
}

void ms_fmt_score(char *out, size_t n, double v, int plus)
{
	snprintf(out, n, "%s%.2f", v < -0.005 ? "\xE2\x88\x92" : plus ? "+" : "", fabs(v));
}
