/* What the editorial layer's files share: reading the model by dotted
 * path, and a sentence built up piece by piece. Internal to editorial.c
 * and readings.c. */
#ifndef MS_EDITORIAL_TEXT_H
#define MS_EDITORIAL_TEXT_H
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "model.h"
#include "utc.h"

static inline const char *str(json_t *o, const char *path)
{
	const char *s = json_string_value(ms_model_at(o, path));
	return s ? s : "";
}

static inline double num(json_t *o, const char *path)
{
	json_t *v = ms_model_at(o, path);
	return json_is_number(v) ? json_number_value(v) : NAN;
}

static inline int yes(json_t *o, const char *path)
{
	return json_is_true(ms_model_at(o, path));
}

/* Days from one YYYY-MM-DD to another (NaN-free: -1e9 when unreadable). */
static inline double days_between(const char *from, const char *to)
{
	int64_t a, b;
	if (ms_parse_date(from, &a) || ms_parse_date(to, &b))
		return -1e9;
	return (double)(b - a) / MS_DAY;
}

typedef struct text {
	char s[600];
} text;

static inline void say(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline void say(text *t, const char *fmt, ...)
{
	size_t k = strlen(t->s);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->s + k, sizeof t->s - k, fmt, ap);
	va_end(ap);
}

/* Capitalises a sentence's first letter (ASCII: the words start it). */
static inline void capitalise(text *t)
{
	if (t->s[0] >= 'a' && t->s[0] <= 'z')
		t->s[0] = (char)(t->s[0] - 32);
}

/* readings.c: one sentence per section that puts its figures in context,
 * into e's "reading" ({drawdown, crash, risk, leverage, etf, market}, null
 * where no rule applies). since: the window's first day, as text. -1 when
 * out of memory. */
int ms_editorial_readings(json_t *model, json_t *e, const char *since);

/* factcheck_words.c: claims.dated_apart, claims.show (week: the weekly's
 * words, or null) and each claim's key_figure; -1 when out of memory. */
int ms_editorial_factcheck(json_t *model, json_t *week);

#endif
