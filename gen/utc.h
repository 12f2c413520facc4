/* UTC calendar arithmetic and the timestamp forms that market data uses.
 * Times are int64 seconds since 1970-01-01T00:00:00Z; no time zones, no
 * locale, no libc time functions (they depend on TZ). */
#ifndef MS_UTC_H
#define MS_UTC_H
#include <stddef.h>
#include <stdint.h>

#define MS_DAY 86400

int64_t ms_days_from_civil(int y, int m, int d);
void ms_civil_from_days(int64_t days, int *y, int *m, int *d);

/* Parses, from exactly n bytes:
 *   YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS], YYYY-MM-DDTHH:MM:SS[.fff], followed
 *   by Z, a UTC offset (+HH:MM, +HHMM, +HH, or -; converted to UTC), " UTC",
 *   or nothing;
 *   or a bare unix integer in seconds, milliseconds or microseconds
 *   (told apart by magnitude: Binance's dumps switched to microseconds).
 * Returns 0 and sets *t, or -1 when the text is not a valid time. */
int ms_parse_time(const char *s, size_t n, int64_t *t);
/* The same, telling whether the text said its zone: a time of day with
 * neither Z nor an offset is naive (local times, perhaps). */
enum ms_time_zone { MS_TZ_DATE, MS_TZ_NAIVE, MS_TZ_GIVEN };
int ms_parse_time_zone(const char *s, size_t n, int64_t *t, enum ms_time_zone *zone);
/* Parses YYYY-MM-DD only. */
int ms_parse_date(const char *s, int64_t *t);

/* Writes "YYYY-MM-DD" (11 bytes with NUL). */
void ms_fmt_date(int64_t t, char out[11]);
/* Writes "YYYY-MM-DD HH:MM" (17 bytes with NUL). */
void ms_fmt_datetime(int64_t t, char out[17]);
/* Start of the UTC day holding t. */
int64_t ms_day_floor(int64_t t);
/* Month names, m from 1 to 12: "February", and "Feb". */
const char *ms_month_name(int m);
const char *ms_month_abbr(int m);
/* A day for prose: "6 February 2026" (at most 18 bytes with NUL). */
void ms_fmt_day_text(int64_t t, char *out, size_t n);
/* A day short enough for a subject or a chart's title: "6 Feb 2026". */
void ms_fmt_day_short(int64_t t, char *out, size_t n);

#endif
