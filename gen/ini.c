#include "ini.h"
#include <stdlib.h>
#include <string.h>

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

int ms_ini_parse(const char *file, const char *text, size_t len, ms_ini_fn fn, void *ctx, ms_diag *d)
{
	char *section = NULL;
	long line = 0;
	int rc = 0;
	const char *p = text, *end = text + len;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		p += 3;
	while (p < end && !rc) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *raw = strndup(p, n);
		line++;
		p += n + (nl != NULL);
		if (!raw) {
			rc = ms_error(d, file, line, 0, "out of memory");
			break;
		}
		char *s = trim(raw);
		if (*s == '\0' || *s == '#' || *s == ';') {
			/* blank or comment */
		} else if (*s == '[') {
			char *close = strchr(s, ']');
			if (!close || close[1] != '\0') {
				rc = ms_error(d, file, line, 1, "malformed section header (expected [name])");
			} else {
				*close = '\0';
				free(section);
				section = strdup(trim(s + 1));
				rc = !section ? ms_error(d, file, line, 0, "out of memory") :
				     fn(ctx, section, NULL, NULL, line);
			}
		} else {
			char *eq = strchr(s, '=');
			if (!eq) {
				rc = ms_error(d, file, line, 1, "expected 'key = value'");
			} else {
				*eq = '\0';
				char *k = trim(s), *v = trim(eq + 1);
				if (!section)
					rc = ms_error(d, file, line, 1, "key '%s' outside any section", k);
				else
					rc = fn(ctx, section, k, v, line);
			}
		}
		free(raw);
	}
	free(section);
	return rc ? -1 : 0;
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64];
	if (lb >= 64 || la >= 64)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *ms_ini_suggest(const char *key, const char *const *known)
{
	const char *best = NULL;
	size_t bestd = 3;
	for (size_t i = 0; known[i]; i++) {
		size_t e = edit_distance(key, known[i]);
		if (e < bestd) {
			bestd = e;
			best = known[i];
		}
	}
	return best;
}

int ms_ini_unknown_key(ms_diag *d, const char *file, long line, const char *key,
		       const char *const *known)
{
	const char *best = ms_ini_suggest(key, known);
	if (best)
		return ms_error(d, file, line, 1, "unknown key '%s' (did you mean '%s'?)", key, best);
	return ms_error(d, file, line, 1, "unknown key '%s'", key);
}
