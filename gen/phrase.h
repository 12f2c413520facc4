/* The phrase layer: words chosen from a figure's sign and size, so that a
 * sentence is right for the number it carries at any date. A change that
 * rounds to zero where it is shown is flat: no sentence says "fell 0.0 %",
 * and none puts a minus sign before "below". */
#ifndef MS_PHRASE_H
#define MS_PHRASE_H
#include <stddef.h>

typedef enum ms_dir { MS_DIR_FLAT, MS_DIR_UP, MS_DIR_DOWN } ms_dir;

/* The direction of a relative change as shown with decimals digits of a
 * percentage (1: "−44.1 %"). */
ms_dir ms_direction(double change, int decimals);
/* "above", "below", "at" (the close against a high). */
const char *ms_dir_above_below(ms_dir d);
/* "rose", "fell", "was unchanged". */
const char *ms_dir_rose_fell(ms_dir d);
/* "higher", "lower", "level". */
const char *ms_dir_higher_lower(ms_dir d);
/* "up", "down", "flat" (for stats.json and templates' sections). */
const char *ms_dir_name(ms_dir d);
/* A change with its sign: "+3.3 %", "−44.1 %", "0.0 %". */
void ms_fmt_change(char *out, size_t n, double change, int decimals);
/* Its size alone: "44.1 %" for −0.441. */
void ms_fmt_magnitude(char *out, size_t n, double change, int decimals);

/* An ordinal as prose writes it: "first" to "tenth", then "11th", "22nd"… */
void ms_fmt_ordinal(char *out, size_t n, size_t k);
/* A count as prose writes it: "none", "one" to "twelve", then digits. */
void ms_fmt_count(char *out, size_t n, size_t k);

/* The Crypto Fear & Greed Index's band of a reading: "Extreme Fear" (25
 * and under), "Fear" (to 46), "Neutral" (to 54), "Greed" (to 75), "Extreme Greed". */
const char *ms_fear_greed_band(double v);

#endif
