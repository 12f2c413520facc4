/* Number formats for people, fixed and locale-free: every figure the report
 * prints goes through here, so the same value reads the same everywhere.
 * Negative numbers take the typographic minus (U+2212) and percentages a
 * no-break space before the sign, so "−44.1 %" never splits over two lines. */
#ifndef MS_FMT_H
#define MS_FMT_H
#include <stddef.h>

/* "$126,210" (whole dollars, thousands separated); "$0.30" under $100. */
void ms_fmt_usd(char *out, size_t n, double v);
/* A price in its quote: "$126,210", or "70,544 USDT" for a quote other than
 * US dollars (NULL or "USD" is dollars). */
void ms_fmt_price(char *out, size_t n, double v, const char *quote);
/* "$63.1k", "$2.55T": three significant digits, for axes and cards. */
void ms_fmt_usd_compact(char *out, size_t n, double v);
/* A table column of US$ amounts in one unit with one number of decimals, so
 * its figures align: the unit and decimals that give the largest amount three
 * significant digits (ms_fmt_usd_compact's form), then every amount in them:
 * −$0.80B over $5.25B and $4.60B, where each alone reads −$801M, $5.25B, $4.6B. */
typedef struct ms_usd_column {
	double scale;
	const char *suffix;
	int decimals;
} ms_usd_column;
ms_usd_column ms_usd_column_of(const double *v, size_t n);
void ms_fmt_usd_in(char *out, size_t n, double v, ms_usd_column c);
/* "−44.1 %" from -0.441 with decimals = 1. */
void ms_fmt_pct(char *out, size_t n, double fraction, int decimals);
/* "1,234,567" with the given decimals. */
void ms_fmt_grouped(char *out, size_t n, double v, int decimals);
/* A score (the stress index, a z): two decimals, the typographic minus;
 * with plus, "+" before one that does not round below zero (a change). */
void ms_fmt_score(char *out, size_t n, double v, int plus);

#endif
