#include "update.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cache.h"
#include "src_csv.h"

void ms_update_sources(const ms_config *cfg, const char *cache_dir, const ms_fetch_opts *o, int warn_only,
		       ms_update_result *r, ms_diag *d)
{
	memset(r, 0, sizeof *r);
	size_t n = 0;
	ms_fetch *f = calloc(cfg->nsource ? cfg->nsource : 1, sizeof *f);
	ms_cache_meta *meta = calloc(cfg->nsource ? cfg->nsource : 1, sizeof *meta);
	const ms_source_cfg **src = calloc(cfg->nsource ? cfg->nsource : 1, sizeof *src);
	if (!f || !meta || !src) {
		ms_error(d, NULL, 0, 0, "out of memory");
		r->failed_data++;
		goto done;
	}
	for (size_t i = 0; i < cfg->nsource; i++) {
		const ms_source_cfg *s = &cfg->source[i];
		if (!s->url)
			continue;
		ms_cache_read(cache_dir, s->name, &meta[n], d);
		/* validators only for the same URL: another address is another document */
		int same = meta[n].url && !strcmp(meta[n].url, s->url);
		f[n] = (ms_fetch){ .name = s->name, .url = s->url, .etag = same ? meta[n].etag : NULL,
				   .last_modified = same ? meta[n].last_modified : NULL };
		src[n++] = s;
	}
	ms_fetch_all(f, n, o, d);
	int64_t t = (int64_t)time(NULL);   /* provenance of the download, not of any output */
	for (size_t i = 0; i < n; i++) {
		const ms_source_cfg *s = src[i];
		if (!f[i].ok) {
			ms_report(d, warn_only ? MS_WARNING : MS_ERROR, s->url, 0, 0,
				  "source %s not fetched: %s; the last good copy stays in use", s->name, f[i].error);
			ms_cache_note(cache_dir, s->name, f[i].error, t, d);
			r->failed_network++;
			continue;
		}
		if (f[i].not_modified) {
			ms_note(d, "%s: not modified since the last fetch", s->name);
			ms_cache_note(cache_dir, s->name, NULL, t, d);
			r->unchanged++;
			continue;
		}
		/* parse before storing: an error page or a truncated file never replaces good data */
		ms_csv_format fmt = ms_source_format(s);
		ms_series *check = NULL;
		ms_diag quiet;           /* a build only warns: the parse's errors become one warning */
		ms_diag_init(&quiet, NULL);
		if (ms_load_source(s->url, ms_buf_str(&f[i].body), f[i].body.len, &fmt, &check, warn_only ? &quiet : d)) {
			if (warn_only)
				ms_warn(d, s->url, 0, 0, "source %s: the response is not valid %s data; the last good copy "
					"stays in use", s->name, s->format);
			char why[256];
			snprintf(why, sizeof why, "the response is not valid %s data", s->format);
			ms_cache_note(cache_dir, s->name, why, t, d);
			r->failed_data++;
		} else if (ms_cache_store(cache_dir, s->name, s->url, ms_buf_str(&f[i].body), f[i].body.len,
					  f[i].new_etag, f[i].new_last_modified, t, d) == 0) {
			ms_note(d, "%s: %zu bytes, %zu rows", s->name, f[i].body.len, check->n);
			r->fetched++;
		} else {
			r->failed_data++;
		}
		ms_series_free(check);
	}
done:
	for (size_t i = 0; f && i < n; i++) {
		ms_fetch_release(&f[i]);
		ms_cache_meta_release(&meta[i]);
	}
	free(f);
	free(meta);
	free(src);
}
