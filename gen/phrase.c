#include "phrase.h"
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "fmt.h"

ms_dir ms_direction(double change, int decimals)
{
	/* what the reader sees: the digits the percentage is printed with (as
	 * ms_fmt_pct prints them), so that the words never contradict them */
	char digits[64];
	if (!isfinite(change))
		return MS_DIR_FLAT;
	snprintf(digits, sizeof digits, "%.*f", decimals, fabs(change) * 100.0);
	if (strspn(digits, "0.") == strlen(digits))
		return MS_DIR_FLAT;
	return change > 0 ? MS_DIR_UP : MS_DIR_DOWN;
}

const char *ms_dir_above_below(ms_dir d)
{
	return d == MS_DIR_UP ? "above" : d == MS_DIR_DOWN ? "below" : "at";
}

const char *ms_dir_rose_fell(ms_dir d)
{
	return d == MS_DIR_UP ? "rose" : d == MS_DIR_DOWN ? "fell" : "was unchanged";
}

const char *ms_dir_higher_lower(ms_dir d)
{
	return d == MS_DIR_UP ? "higher" : d == MS_DIR_DOWN ? "lower" : "level";
}

const char *ms_dir_name(ms_dir d)
{
	return d == MS_DIR_UP ? "up" : d == MS_DIR_DOWN ? "down" : "flat";
}

void ms_fmt_change(char *out, size_t n, double change, int decimals)
{
	char pct[64];
	ms_dir d = ms_direction(change, decimals);
	ms_fmt_pct(pct, sizeof pct, d == MS_DIR_FLAT ? 0.0 : change, decimals);
	snprintf(out, n, "%s%s", d == MS_DIR_UP ? "+" : "", pct);
}

void ms_fmt_magnitude(char *out, size_t n, double change, int decimals)
{
	ms_fmt_pct(out, n, ms_direction(change, decimals) == MS_DIR_FLAT ? 0.0 : fabs(change), decimals);
}

const char *ms_fear_greed_band(double v)
{
	return v <= 25 ? "Extreme Fear" : v <= 46 ? "Fear" : v <= 54 ? "Neutral" : v <= 75 ? "Greed" : "Extreme Greed";
}

void ms_fmt_ordinal(char *out, size_t n, size_t k)
{
	static const char *const words[] = { "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
					     "eighth", "ninth", "tenth" };
	if (k >= 1 && k <= 10) {
		snprintf(out, n, "%s", words[k - 1]);
		return;
	}
	const char *suffix = k % 100 >= 11 && k % 100 <= 13 ? "th" : k % 10 == 1 ? "st" : k % 10 == 2 ? "nd" :
			     k % 10 == 3 ? "rd" : "th";
	snprintf(out, n, "%zu%s", k, suffix);
}

void ms_fmt_count(char *out, size_t n, size_t k)
{
	static const char *const words[] = { "none", "one", "two", "three", "four", "five", "six", "seven", "eight",
					     "nine", "ten", "eleven", "twelve" };
	if (k <= 12)
		snprintf(out, n, "%s", words[k]);
	else
		snprintf(out, n, "%zu", k);
}
