#include "sources.h"
#include <stdlib.h>
#include <string.h>
#include "cache.h"
#include "fsutil.h"
#include "utc.h"

#define MAX_CONFIG (1u << 20)
#define MAX_INPUT ((size_t)4 << 30)

int ms_config_load(const char *path, int64_t as_of, ms_config *cfg, ms_diag *d)
{
	ms_buf text;
	ms_buf_init(&text, 0);
	memset(cfg, 0, sizeof *cfg);
	int rc = ms_read_file(path, &text, MAX_CONFIG, d);
	if (!rc)
		rc = ms_config_parse(cfg, path, text.data, text.len, d);
	if (!rc && as_of >= 0)
		cfg->as_of = as_of;
	if (!rc && !cfg->as_of)
		rc = ms_error(d, path, 0, 0, "no as-of date: set as_of in [report] or pass --as-of");
	if (!rc && cfg->window_start > cfg->as_of)
		rc = ms_error(d, path, 0, 0, "window_start is after the as-of date");
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
		if (f && !ms_cache_read(cfg->cache, sc->name, &m, d)) {
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
	int rc = ms_map_file(file, &raw, MAX_INPUT, d) ? -1 :
		 (ds->fmt.parse ? ds->fmt.parse(file, raw.data, raw.len, &ds->fmt, &ds->series, d) :
		  ms_load_csv_ex(file, raw.data, raw.len, &ds->fmt, &ds->series, d, give_back, &raw)) ? -1 : 0;
	if (raw.data)
		ms_unmap_file(&raw);
	free(owned);
	if (rc) {
		free(ds->last_error);
		return -1;
	}
	/* bars that end by the end of the as-of day */
	ms_series_range(ds->series, window_start, end - ds->series->step + 1, &ds->lo, &ds->hi);
	int64_t last = ds->series->t[ds->series->n - 1];
	if (last + ds->series->step < end) {
		char day[11];
		ms_fmt_date(last, day);
		ms_warn(d, sc->name, 0, 0, "data ends on %s, before the as-of date", day);
	}
	if (ds->series->step < MS_DAY && ms_series_has(ds->series, MS_HIGH)) {
		if (!(ds->daily = ms_series_resample_daily(ds->series, &ds->incomplete_days))) {
			ms_series_free(ds->series);
			free(ds->last_error);
			return ms_error(d, sc->name, 0, 0, "out of memory");
		}
		ms_series_range(ds->daily, window_start, end - MS_DAY + 1, &ds->dlo, &ds->dhi);
	}
	return 0;
}

int ms_sources_load(const ms_config *cfg, ms_dataset **out, size_t *n, ms_diag *d)
{
	ms_dataset *ds = calloc(cfg->nsource ? cfg->nsource : 1, sizeof *ds);
	*out = NULL;
	*n = 0;
	if (!ds)
		return ms_error(d, NULL, 0, 0, "out of memory");
	size_t k = 0;
	int rc = 0;
	for (size_t i = 0; i < cfg->nsource; i++) {
		if (load_one(cfg, &cfg->source[i], cfg->window_start, cfg->as_of + MS_DAY, &ds[k], d))
			rc = -1;         /* go on: report every bad source at once */
		else
			k++;
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
	for (size_t i = 0; ds && i < n; i++) {
		ms_series_free(ds[i].series);
		ms_series_free(ds[i].daily);
		free(ds[i].last_error);
	}
	free(ds);
}
