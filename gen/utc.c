#include "utc.h"
#include <stdio.h>
#include <string.h>

/* Howard Hinnant's days_from_civil / civil_from_days: exact for the
 * proleptic Gregorian calendar, no tables, no libc. */
int64_t ms_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void ms_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dm[m - 1];
}

/* Reads exactly `digits` decimal digits. */
static int read_digits(const char *s, size_t n, size_t *i, int digits, int *v)
{
	int x = 0;
	for (int k = 0; k < digits; k++, (*i)++) {
		if (*i >= n || s[*i] < '0' || s[*i] > '9')
			return -1;
		x = x * 10 + (s[*i] - '0');
	}
	*v = x;
	return 0;
}

static int expect(const char *s, size_t n, size_t *i, char c)
{
	if (*i >= n || s[*i] != c)
		return -1;
	(*i)++;
	return 0;
}

/* A Unix time in seconds, milliseconds or microseconds: the unit is the one
 * that puts it between 1990 and 2100 (the three ranges do not overlap), so
 * a year-9999 second or a 1970 millisecond is refused, never misread. */
static int parse_epoch(const char *s, size_t n, int64_t *t)
{
	static const int64_t from = 631152000, to = 4102444800;    /* 1990-01-01, 2100-01-01 */
	int64_t v = 0;
	if (n == 0 || n > 17)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	for (int64_t unit = 1; unit <= 1000000; unit *= 1000)
		if (v >= from * unit && v < to * unit) {
			*t = v / unit;
			return 0;
		}
	return -1;
}

/* A UTC offset after a time: +HH:MM, +HHMM or +HH (or -), in seconds. */
static int read_offset(const char *s, size_t n, size_t *i, int *off)
{
	int sign = s[*i] == '-' ? -1 : 1, h, m = 0;
	(*i)++;
	if (read_digits(s, n, i, 2, &h))
		return -1;
	if (*i < n && s[*i] == ':')
		(*i)++;
	if (*i < n && read_digits(s, n, i, 2, &m))
		return -1;
	if (h > 23 || m > 59)
		return -1;
	*off = sign * (h * 3600 + m * 60);
	return 0;
}

int ms_parse_time_zone(const char *s, size_t n, int64_t *t, enum ms_time_zone *zone)
{
	size_t i = 0;
	int y, mo, d, h = 0, mi = 0, se = 0, off = 0;
	if (n >= 4 && memchr(s, '-', n) == NULL) {
		*zone = MS_TZ_GIVEN;
		return parse_epoch(s, n, t);
	}
	if (read_digits(s, n, &i, 4, &y) || expect(s, n, &i, '-') ||
	    read_digits(s, n, &i, 2, &mo) || expect(s, n, &i, '-') ||
	    read_digits(s, n, &i, 2, &d))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
		return -1;
	*zone = MS_TZ_DATE;
	if (i < n && (s[i] == 'T' || s[i] == ' ') && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
		i++;
		*zone = MS_TZ_NAIVE;
		if (read_digits(s, n, &i, 2, &h) || expect(s, n, &i, ':') ||
		    read_digits(s, n, &i, 2, &mi))
			return -1;
		if (i < n && s[i] == ':') {
			i++;
			if (read_digits(s, n, &i, 2, &se))
				return -1;
			if (i < n && s[i] == '.') {     /* fractions of a second are dropped */
				i++;
				size_t start = i;
				while (i < n && s[i] >= '0' && s[i] <= '9')
					i++;
				if (i == start)
					return -1;
			}
		}
		if (h > 23 || mi > 59 || se > 59)
			return -1;
		if (i < n && s[i] == 'Z') {
			i++;
			*zone = MS_TZ_GIVEN;
		} else if (i < n && (s[i] == '+' || s[i] == '-')) {
			if (read_offset(s, n, &i, &off))
				return -1;
			*zone = MS_TZ_GIVEN;
		}
	}
	if (n - i == 4 && memcmp(s + i, " UTC", 4) == 0) {
		i += 4;
		*zone = MS_TZ_GIVEN;
	}
	if (i != n)
		return -1;
	*t = ms_days_from_civil(y, mo, d) * MS_DAY + h * 3600 + mi * 60 + se - off;
	return 0;
}

int ms_parse_time(const char *s, size_t n, int64_t *t)
{
	enum ms_time_zone zone;
	return ms_parse_time_zone(s, n, t, &zone);
}

int ms_parse_date(const char *s, int64_t *t)
{
	size_t n = strlen(s);
	if (n != 10)
		return -1;
	return ms_parse_time(s, n, t);
}

int64_t ms_day_floor(int64_t t)
{
	int64_t days = t / MS_DAY;
	if (t % MS_DAY < 0)
		days--;
	return days * MS_DAY;
}

void ms_fmt_date(int64_t t, char out[11])
{
	int y, m, d;
	ms_civil_from_days(ms_day_floor(t) / MS_DAY, &y, &m, &d);
	char tmp[48];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y % 10000, m, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

void ms_fmt_datetime(int64_t t, char out[17])
{
	int y, m, d;
	int64_t day = ms_day_floor(t);
	int64_t sec = t - day;
	ms_civil_from_days(day / MS_DAY, &y, &m, &d);
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d %02d:%02d", y % 10000, m, d,
		 (int)(sec / 3600), (int)(sec % 3600 / 60));
	memcpy(out, tmp, 16);
	out[16] = '\0';
}

static const char *const month_names[12] = { "January", "February", "March", "April", "May", "June", "July",
					     "August", "September", "October", "November", "December" };

const char *ms_month_name(int m)
{
	return m >= 1 && m <= 12 ? month_names[m - 1] : "?";
}

const char *ms_month_abbr(int m)
{
	static const char *const abbr[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	return m >= 1 && m <= 12 ? abbr[m - 1] : "?";
}

void ms_fmt_day_short(int64_t t, char *out, size_t n)
{
	int y, m, d;
	ms_civil_from_days(ms_day_floor(t) / MS_DAY, &y, &m, &d);
	snprintf(out, n, "%d %s %d", d, ms_month_abbr(m), y);
}

void ms_fmt_day_text(int64_t t, char *out, size_t n)
{
	int y, m, d;
	ms_civil_from_days(ms_day_floor(t) / MS_DAY, &y, &m, &d);
	snprintf(out, n, "%d %s %d", d, ms_month_name(m), y);
}
