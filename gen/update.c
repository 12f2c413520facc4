#include "update.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include "buf.h"
#include "cache.h"
#include "fsutil.h"
#include "src_csv.h"
#include "utc.h"

enum { PAGE_ROWS = 1000, MAX_PAGES = 2000 };

/* Binance gives at most 1000 klines an answer: the pages are asked for by
 * startTime from the window's start on, and joined into one JSON array,
 * which is what the cache keeps. A URL that names its own startTime is
 * fetched as it is. */
static int wants_pages(const ms_source_cfg *s)
{
	return !strcmp(s->format, "binance_klines_json") && !strstr(s->url, "startTime=");
}

/* The kline interval the URL asks for (interval=1h), in ms; 0 if none. */
static long long url_interval_ms(const char *url)
{
	const char *p = strstr(url, "interval=");
	char *end;
	long long n = p ? strtoll(p + 9, &end, 10) : 0;
	if (!p || n <= 0 || end == p + 9)
		return 0;
	switch (*end) {
	case 's': return n * 1000;
	case 'm': return n * 60000;
	case 'h': return n * 3600000;
	case 'd': return n * 86400000;
	case 'w': return n * 7 * 86400000LL;
	case 'M': return n * 28 * 86400000LL;      /* the shortest month: a bound, not a step */
	default: return 0;
	}
}

/* A page must move forward: open times from the startTime asked on,
 * increasing, at least the interval apart (the URL's, else the first
 * page's spacing, at least Binance's smallest, 1 s). 0, or -1 with why. */
static int check_page(const json_t *arr, long long start, long long *interval, char why[160])
{
	long long prev = -1, gap = -1;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const json_t *t = json_array_get(json_array_get(arr, i), 0);
		long long v = json_is_integer(t) ? (long long)json_integer_value(t) : -1;
		if (v < 0)
			return snprintf(why, 160, "row %zu is not a kline with an open time", i + 1), -1;
		if (v < start)
			return snprintf(why, 160, "row %zu opens before the startTime asked for", i + 1), -1;
		if (prev >= 0 && v <= prev)
			return snprintf(why, 160, "row %zu does not open after the row before it", i + 1), -1;
		if (prev >= 0 && (gap < 0 || v - prev < gap))
			gap = v - prev;
		prev = v;
	}
	if (gap < 0)
		return 0;
	if (!*interval) {
		if (gap < 1000)
			return snprintf(why, 160, "rows %lld ms apart: no kline interval is shorter than 1 s", gap), -1;
		*interval = gap;
	} else if (gap < *interval) {
		return snprintf(why, 160, "rows %lld ms apart, closer than the %lld ms interval", gap, *interval), -1;
	}
	return 0;
}

static void fetch_pages(const ms_config *cfg, const ms_source_cfg *s, const ms_fetch_opts *o, ms_fetch *out,
			ms_diag *d)
{
	json_t *all = json_array();
	long long start = (long long)cfg->window_start * 1000, end = ((long long)cfg->as_of + 86400) * 1000;
	long long interval = url_interval_ms(s->url), max_pages = MAX_PAGES;
	size_t joined = 0;
	int pages = 0;
	char why[160] = "";
	out->ok = 0;
	while (all && start < end) {
		if (pages == max_pages) {
			snprintf(out->error, sizeof out->error, "more than the %lld pages the range asked for takes: the "
				 "pages do not advance", max_pages);
			break;
		}
		char url[2048];
		snprintf(url, sizeof url, "%s%sstartTime=%lld&limit=%d", s->url, strchr(s->url, '?') ? "&" : "?",
			 start, PAGE_ROWS);
		ms_fetch page = { .name = s->name, .url = url, .auth = out->auth };
		ms_fetch_all(&page, 1, o, d);
		pages++;
		out->attempts += page.attempts;
		json_t *arr = page.ok ? json_loadb(ms_buf_str(&page.body), page.body.len, 0, NULL) : NULL;
		joined += page.body.len;
		if (!page.ok || !json_is_array(arr) || check_page(arr, start, &interval, why) ||
		    joined > o->max_bytes) {
			snprintf(out->error, sizeof out->error, "page %d: %.200s", pages,
				 !page.ok ? page.error : !json_is_array(arr) ? "not a JSON array of klines" :
				 *why ? why : "the joined pages are larger than the size limit (--max-bytes)");
			json_decref(arr);
			ms_fetch_release(&page);
			break;
		}
		/* the range asked for bounds the pages it can take */
		if (pages == 1 && interval)
			max_pages = (end - start) / (interval * PAGE_ROWS) + 2 < MAX_PAGES ?
				    (end - start) / (interval * PAGE_ROWS) + 2 : MAX_PAGES;
		size_t n = json_array_size(arr);
		json_array_extend(all, arr);
		json_t *last = json_array_get(json_array_get(arr, n ? n - 1 : 0), 0);
		long long next = json_is_integer(last) ? (long long)json_integer_value(last) + 1 : end;
		json_decref(arr);
		ms_fetch_release(&page);
		if (n < PAGE_ROWS) {
			start = end;
			break;
		}
		start = next;
	}
	char *body = all && start >= end ? json_dumps(all, JSON_COMPACT) : NULL;
	json_decref(all);
	if (!body) {
		if (!out->error[0])
			snprintf(out->error, sizeof out->error, "out of memory joining the pages");
		return;
	}
	ms_buf_init(&out->body, 0);
	ms_buf_puts(&out->body, body);
	free(body);
	out->ok = !ms_buf_failed(&out->body);
	ms_note(d, "%s: %d page%s", s->name, pages, pages == 1 ? "" : "s");
}

/* The "Header: key" line for a source whose API wants a key, in *line
 * (NULL when it needs none); -1 when the key's variable is not set, -2 out
 * of memory. */
static int api_key(const ms_source_cfg *s, char **line, const char **var)
{
	ms_csv_format fmt = ms_source_format(s);
	*line = NULL;
	*var = s->api_key_env ? s->api_key_env : fmt.key_env;
	if (!fmt.key_header || !strncmp(s->url, "file:", 5))
		return 0;
	const char *key = getenv(*var);
	if (!key || !*key)
		return -1;
	size_t n = strlen(fmt.key_header) + strlen(key) + 3;
	if (!(*line = malloc(n)))
		return -2;
	snprintf(*line, n, "%s: %s", fmt.key_header, key);
	return 0;
}

/* A source's outcome in one line: on summary (fetch's stdout), else as a note. */
static void summarize(FILE *summary, ms_diag *d, const char *name, const char *outcome, const char *detail)
{
	if (summary)
		fprintf(summary, "%-20s %-10s %s\n", name, outcome, detail);
	else
		ms_note(d, "%s: %s, %s", name, outcome, detail);
}

/* Rows of s inside the report's window, and its last time. */
static size_t rows_in_window(const ms_config *cfg, const ms_series *s)
{
	size_t lo, hi;
	ms_series_range(s, cfg->window_start, cfg->as_of + MS_DAY, &lo, &hi);
	return hi - lo;
}

/* Why a parsed answer must not replace the cached copy (in why), or 0: it
 * holds nothing in the report's window, ends earlier, or has fewer rows in
 * the window than the copy it would replace. No cached copy: nothing to lose. */
static int worse_than_cached(const ms_config *cfg, const ms_source_cfg *s, const ms_csv_format *fmt,
			     const ms_series *fresh, const char *cache_dir, char *why, size_t n)
{
	char *path = ms_cache_body_path(cache_dir, s->name);
	ms_buf body;
	ms_buf_init(&body, 0);
	ms_diag quiet;
	ms_diag_init(&quiet, NULL);
	ms_series *old = NULL;
	int worse = 0;
	if (path && !ms_read_file(path, &body, SIZE_MAX, &quiet) &&
	    !ms_load_source(path, ms_buf_str(&body), body.len, fmt, &old, &quiet) && old->n) {
		size_t now = rows_in_window(cfg, fresh), before = rows_in_window(cfg, old);
		char a[11], b[11];
		ms_fmt_date(fresh->n ? fresh->t[fresh->n - 1] : 0, a);
		ms_fmt_date(old->t[old->n - 1], b);
		if (!now && before)
			worse = snprintf(why, n, "the answer holds no rows in the report's window (its last is of %s)", a) > 0;
		else if (fresh->t[fresh->n - 1] < old->t[old->n - 1])
			worse = snprintf(why, n, "the answer ends on %s, before the cached copy (%s)", a, b) > 0;
		else if (now < before)
			worse = snprintf(why, n, "the answer holds %zu rows in the report's window, the cached copy %zu",
					 now, before) > 0;
	}
	ms_series_free(old);
	ms_buf_release(&body);
	free(path);
	return worse;
}

void ms_update_sources(const ms_config *cfg, const char *cache_dir, const ms_fetch_opts *o, unsigned flags,
		       FILE *summary, ms_update_result *r, ms_diag *d)
{
	int warn_only = (flags & MS_UPDATE_WARN_ONLY) != 0;
	memset(r, 0, sizeof *r);
	size_t n = 0;
	ms_fetch *f = calloc(cfg->nsource ? cfg->nsource : 1, sizeof *f);
	ms_cache_meta *meta = calloc(cfg->nsource ? cfg->nsource : 1, sizeof *meta);
	const ms_source_cfg **src = calloc(cfg->nsource ? cfg->nsource : 1, sizeof *src);
	char **auth = calloc(cfg->nsource ? cfg->nsource : 1, sizeof *auth);
	int64_t t = (int64_t)time(NULL);   /* provenance of the download, not of any output */
	int lock = -1;
	if (!f || !meta || !src || !auth) {
		ms_error(d, NULL, 0, 0, "out of memory");
		r->failed_data++;
		goto done;
	}
	/* one fetch at a time per cache: a body and its record always come
	 * from the same answer */
	if (ms_mkdirs(cache_dir, d) || (lock = ms_dir_lock(cache_dir, 1, MS_LOCK_WAIT_S, d)) < 0) {
		r->failed_data++;
		goto done;
	}
	for (size_t i = 0; i < cfg->nsource; i++) {
		const ms_source_cfg *s = &cfg->source[i];
		if (!s->url)
			continue;
		const char *var;
		int key = api_key(s, &auth[n], &var);
		if (key) {
			char why[256];
			if (key == -2)
				snprintf(why, sizeof why, "out of memory");
			else
				snprintf(why, sizeof why, "%.80s is not set: %.40s needs an API key", var,
					 ms_source_format(s).provider);
			ms_report(d, warn_only ? MS_WARNING : MS_ERROR, s->url_shown, 0, 0,
				  "source %s not fetched: %s; the last good copy stays in use", s->name, why);
			ms_cache_note(cache_dir, s->name, why, t, d);
			summarize(summary, d, s->name, "failed", why);
			r->failed_network++;
			continue;
		}
		ms_cache_read(cache_dir, s->name, &meta[n], d);
		/* validators only for the same URL, and a body that is still what was
		 * stored: another address is another document, and a 304 must not
		 * bless a body that is missing or was changed */
		int same = meta[n].url && !strcmp(meta[n].url, s->url_shown) &&
			   ms_cache_body_intact(cache_dir, s->name, &meta[n]);
		f[n] = (ms_fetch){ .name = s->name, .url = s->url, .etag = same ? meta[n].etag : NULL,
				   .last_modified = same ? meta[n].last_modified : NULL, .auth = auth[n] };
		src[n++] = s;
	}
	/* the plain downloads at once; then the paged ones, page after page */
	size_t np = 0;
	ms_fetch *plain = calloc(n ? n : 1, sizeof *plain);
	size_t *where = calloc(n ? n : 1, sizeof *where);
	if (!plain || !where) {
		free(plain);
		free(where);
		ms_error(d, NULL, 0, 0, "out of memory");
		r->failed_data++;
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		if (!wants_pages(src[i])) {
			where[np] = i;
			plain[np++] = f[i];
		}
	ms_fetch_all(plain, np, o, d);
	for (size_t k = 0; k < np; k++)
		f[where[k]] = plain[k];
	free(plain);
	free(where);
	for (size_t i = 0; i < n; i++)
		if (wants_pages(src[i]))
			fetch_pages(cfg, src[i], o, &f[i], d);
	for (size_t i = 0; i < n; i++) {
		const ms_source_cfg *s = src[i];
		if (!f[i].ok) {
			ms_report(d, warn_only ? MS_WARNING : MS_ERROR, s->url_shown, 0, 0,
				  "source %s not fetched: %s; the last good copy stays in use", s->name, f[i].error);
			ms_cache_note(cache_dir, s->name, f[i].error, t, d);
			summarize(summary, d, s->name, "failed", f[i].error);
			r->failed_network++;
			continue;
		}
		if (f[i].not_modified) {
			summarize(summary, d, s->name, "unchanged", "not modified since the last fetch");
			ms_cache_note(cache_dir, s->name, NULL, t, d);
			r->unchanged++;
			continue;
		}
		/* parse before storing: an error page or a truncated file never replaces good data */
		ms_csv_format fmt = ms_source_format(s);
		ms_series *check = NULL;
		ms_diag quiet;           /* a build only warns: the parse's errors become one warning */
		ms_diag_init(&quiet, NULL);
		int bad = ms_load_source(s->url_shown, ms_buf_str(&f[i].body), f[i].body.len, &fmt, &check,
					 warn_only ? &quiet : d);
		/* a response with no rows is never better than the copy there is */
		if (!bad && !check->n) {
			bad = -1;
			if (!warn_only)
				ms_error(d, s->url_shown, 0, 0, "the response holds no data rows");
		}
		char worse[200];
		if (!bad && !(flags & MS_UPDATE_FORCE) &&
		    worse_than_cached(cfg, s, &fmt, check, cache_dir, worse, sizeof worse)) {
			ms_report(d, warn_only ? MS_WARNING : MS_ERROR, s->url_shown, 0, 0, "source %s: %s; the cached copy "
				  "stays in use (fetch --force replaces it)", s->name, worse);
			ms_cache_note(cache_dir, s->name, worse, t, d);
			summarize(summary, d, s->name, "refused", worse);
			r->failed_data++;
		} else if (bad) {
			if (warn_only)
				ms_warn(d, s->url_shown, 0, 0, "source %s: the response is not valid %s data; the last good copy "
					"stays in use", s->name, s->format);
			char why[256];
			snprintf(why, sizeof why, "the response is not valid %s data", s->format);
			ms_cache_note(cache_dir, s->name, why, t, d);
			summarize(summary, d, s->name, "invalid", why);
			r->failed_data++;
		} else if (ms_cache_store(cache_dir, s->name, s->url_shown, ms_buf_str(&f[i].body), f[i].body.len,
					  f[i].new_etag, f[i].new_last_modified, t, d) == 0) {
			char what[96];
			snprintf(what, sizeof what, "%zu bytes, %zu rows", f[i].body.len, check->n);
			summarize(summary, d, s->name, "fetched", what);
			r->fetched++;
		} else {
			summarize(summary, d, s->name, "failed", "the cache could not be written");
			r->failed_store++;
		}
		ms_series_free(check);
	}
done:
	ms_dir_unlock(lock);
	for (size_t i = 0; f && i < n; i++) {
		ms_fetch_release(&f[i]);
		ms_cache_meta_release(&meta[i]);
		free(auth[i]);
	}
	free(auth);
	free(f);
	free(meta);
	free(src);
}
