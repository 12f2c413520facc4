/* Decimal text to double, exactly as strtod rounds, fast: most market data
 * ("67577.90", "0.00123") has at most 19 significant digits and no exponent,
 * and for those a 64-bit integer divided by an exact power of ten is the
 * correctly rounded result (Clinger's fast path). Anything else goes to
 * strtod. */
#ifndef MS_NUMPARSE_H
#define MS_NUMPARSE_H
#include <stddef.h>

/* Parses exactly n bytes; 0 and *out on success, -1 when the text is not a
 * finite number. */
int ms_parse_double(const char *s, size_t n, double *out);
/* The same, allowed to read (never to use) the bytes after the n up to
 * readable_end: eight digits are read at once where eight bytes are there. */
int ms_parse_double_in(const char *s, size_t n, const char *readable_end, double *out);

#endif
