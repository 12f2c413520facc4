#include "sources.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cache.h"
#include "fsutil.h"
#include "utc.h"

#define MAX_CONFIG (1u << 20)
#define MAX_INPUT ((size_t)4 << 30)

int ms_config_load(const char *path, int64_t as_of, int64_t fallback_as_of, ms_config *cfg, ms_diag *d)
{
	ms_buf text;
	ms_buf_init(&text, 0);
	memset(cfg, 0, sizeof *cfg);
	int rc = ms_read_file(path, &text, MAX_CONFIG, d);
	if (!rc)
		rc = ms_config_parse(cfg, path, text.data, text.len, d);
	if (!rc && as_of >= 0)
		cfg->as_of = as_of;
	else if (!rc && !cfg->as_of && fallback_as_of >= 0)
		cfg->as_of = fallback_as_of;
	if (!rc && !cfg->as_of)
		rc = ms_error(d, path, 0, 0, "no as-of date: set as_of in [report] or pass --as-of");
	if (!rc && cfg->window_start > cfg->as_of) {
		char a[11], w[11];
		ms_fmt_date(cfg->as_of, a);
		ms_fmt_date(cfg->window_start, w);
		rc = ms_error(d, path, cfg->window_start_line, 1, "window_start = %s is after the as-of date (%s)",
			      w, a);
	}
	ms_buf_release(&text);
	return rc;
}

static void give_back(void *ctx, size_t from, size_t to)
{
	ms_file_bytes_done(ctx, from, to);
}

/* A source with a URL is read from the cache when it has been fetched,
 * else from its snapshot (path). */
static const char *choose_file(const ms_config *cfg, const ms_source_cfg *sc, ms_dataset *ds, char **owned,
			       ms_diag *d)
{
	*owned = NULL;
	if (sc->url && cfg->cache) {
		ms_cache_meta m;
		char *body = ms_cache_body_path(cfg->cache, sc->name);
		FILE *f = body ? fopen(body, "rb") : NULL;
		int ok = f && !ms_cache_read(cfg->cache, sc->name, &m, d);
		if (ok && !ms_cache_body_intact(cfg->cache, sc->name, &m)) {
			ms_warn(d, body, 0, 0, "the cached copy of source '%s' does not match its record's SHA-256 (it was "
				"changed outside mstress): not used%s", sc->name, sc->path ? "; the snapshot is" : "");
			ms_cache_meta_release(&m);
			ok = 0;
		}
		if (ok) {
			fclose(f);
			ds->from_cache = 1;
			ds->fetched_at = m.fetched_at;
			ds->stale_since = m.failed_at;
			ds->last_error = m.last_error;
			m.last_error = NULL;
			ms_cache_meta_release(&m);
			*owned = body;
			return body;
		}
		if (f)
			fclose(f);
		free(body);
	}
	if (!sc->path)
		ms_error(d, cfg->file, sc->line, 1, "source '%s' has not been fetched (mstress fetch) and has no path",
			 sc->name);
	return sc->path;
}

static void describe_file(ms_dataset *ds, const char *file, size_t bytes)
{
	const ms_series *s = ds->series;
	if (ds->from_cache) {
		snprintf(ds->file.name, sizeof ds->file.name, "%s.body (cache)", ds->cfg->name);
	} else {
		const char *base = strrchr(file, '/');
		snprintf(ds->file.name, sizeof ds->file.name, "%s", base ? base + 1 : file);
	}
	ds->file.bytes = (int64_t)bytes;
	ds->file.rows = s->n;
	ds->file.first = s->n ? s->t[0] : 0;
	ds->file.last = s->n ? s->t[s->n - 1] : 0;
}

/* The point-in-time view: the bars that end by the end of the as-of day
 * are all a reader could have had then; the rest are cut off here, before
 * anything else sees the series. */
static int cut_at(ms_dataset *ds, int64_t window_start, int64_t end)
{
	ms_series *s = ds->series;
	s->n = ms_series_count_by(s, end);
	ms_series_range(s, window_start, end, &ds->lo, &ds->hi);
	if (s->n && s->step < MS_DAY && ms_series_has(s, MS_HIGH)) {
		if (!(ds->daily = ms_series_resample_daily(s, &ds->incomplete_days)))
			return -1;
		ms_series_range(ds->daily, window_start, end, &ds->dlo, &ds->dhi);
	}
	return 0;
}

static void release_one(ms_dataset *ds)
{
	ms_series_free(ds->series);
	ms_series_free(ds->daily);
	free(ds->last_error);
}

static int load_one(const ms_config *cfg, const ms_source_cfg *sc, int64_t window_start, int64_t end,
		    ms_dataset *ds, ms_diag *d)
{
	ms_file_bytes raw;
	memset(ds, 0, sizeof *ds);
	char *owned;
	const char *file = choose_file(cfg, sc, ds, &owned, d);
	if (!file)
		return -1;
	ds->cfg = sc;
	ds->fmt = ms_source_format(sc);
	ds->fmt.window_from = cfg->window_start;
	ds->fmt.window_to = cfg->as_of + MS_DAY;
	int rc = ms_map_file(file, &raw, MAX_INPUT, d) ? -1 :
		 (ds->fmt.parse ? ds->fmt.parse(file, raw.data, raw.len, &ds->fmt, &ds->series, d) :
		  ms_load_csv_ex(file, raw.data, raw.len, &ds->fmt, &ds->series, d, give_back, &raw)) ? -1 : 0;
	if (ms_file_check_whole(&raw, file, d))
		rc = -1;
	if (!rc)
		describe_file(ds, file, raw.len);
	if (raw.data)
		ms_unmap_file(&raw);
	free(owned);
	if (!rc && cut_at(ds, window_start, end)) {
		release_one(ds);
		return ms_error(d, sc->name, 0, 0, "out of memory");
	}
	if (rc)
		free(ds->last_error);
	return rc;
}

/* A source with no bar in the report's window at the as-of date cannot
 * give a figure: a secondary one is left out with a note for the reader,
 * the primary is a configuration error. */
static int keep_in_window(const ms_config *cfg, ms_dataset *ds, ms_notes *left_out, ms_diag *d)
{
	if (ds->hi > ds->lo)
		return 1;
	char w[11], a[11];
	ms_fmt_date(cfg->window_start, w);
	ms_fmt_date(cfg->as_of, a);
	/* the note says nothing of rows after the as-of date: a reader then could not know them */
	if (!strcmp(ds->cfg->name, cfg->primary))
		ms_error(d, cfg->file, cfg->primary_line, 1, "primary = %s: the source has no bars from %s to the "
			 "as-of date %s", cfg->primary, w, a);
	else
		ms_notes_add(left_out, "%s (%s) is left out: it has no data from %s to %s.",
			     ds->cfg->venue, ds->cfg->name, w, a);
	return 0;
}

int ms_sources_load(const ms_config *cfg, ms_dataset **out, size_t *n, ms_notes *left_out, ms_diag *d)
{
	ms_dataset *ds = calloc(cfg->nsource ? cfg->nsource : 1, sizeof *ds);
	*out = NULL;
	*n = 0;
	if (!ds)
		return ms_error(d, NULL, 0, 0, "out of memory");
	size_t k = 0;
	int rc = 0;
	for (size_t i = 0; i < cfg->nsource; i++) {
		if (load_one(cfg, &cfg->source[i], cfg->window_start, cfg->as_of + MS_DAY, &ds[k], d)) {
			rc = -1;         /* go on: report every bad source at once */
		} else if (!keep_in_window(cfg, &ds[k], left_out, d)) {
			release_one(&ds[k]);
			rc |= !strcmp(cfg->source[i].name, cfg->primary) ? -1 : 0;
		} else {
			k++;
		}
	}
	if (rc) {
		ms_sources_free(ds, k);
		return -1;
	}
	*out = ds;
	*n = k;
	return 0;
}

void ms_sources_free(ms_dataset *ds, size_t n)
{
	for (size_t i = 0; ds && i < n; i++)
		release_one(&ds[i]);
	free(ds);
}
