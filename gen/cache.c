#include "cache.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <jansson.h>
#include "fsutil.h"

char *ms_cache_dir(const char *dir)
{
	if (dir)
		return strdup(dir);
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *base = xdg && *xdg ? strdup(xdg) : ms_path_join(home && *home ? home : ".", ".cache");
	char *p = base ? ms_path_join(base, "mstress") : NULL;
	free(base);
	return p;
}

static char *file_of(const char *dir, const char *name, const char *ext)
{
	char leaf[300];
	snprintf(leaf, sizeof leaf, "%s.%s", name, ext);
	return ms_path_join(dir, leaf);
}

char *ms_cache_body_path(const char *dir, const char *name)
{
	return file_of(dir, name, "body");
}

static char *dup_str(const json_t *v)
{
	return json_is_string(v) ? strdup(json_string_value(v)) : NULL;
}

int ms_cache_read(const char *dir, const char *name, ms_cache_meta *m, ms_diag *d)
{
	memset(m, 0, sizeof *m);
	char *path = file_of(dir, name, "json");
	if (!path)
		return ms_error(d, dir, 0, 0, "out of memory");
	FILE *f = fopen(path, "r");
	if (!f) {
		free(path);
		return 0;
	}
	fclose(f);
	json_error_t err;
	json_t *j = json_load_file(path, 0, &err);
	if (!j) {
		/* a damaged record: keep the body, forget its validators */
		ms_warn(d, path, err.line, err.column, "unreadable cache record (%s): fetching anew", err.text);
		free(path);
		return 0;
	}
	m->url = dup_str(json_object_get(j, "url"));
	m->etag = dup_str(json_object_get(j, "etag"));
	m->last_modified = dup_str(json_object_get(j, "last_modified"));
	m->sha256 = dup_str(json_object_get(j, "sha256"));
	m->last_error = dup_str(json_object_get(j, "last_error"));
	m->fetched_at = json_integer_value(json_object_get(j, "fetched_at"));
	m->failed_at = json_integer_value(json_object_get(j, "failed_at"));
	m->bytes = (size_t)json_integer_value(json_object_get(j, "bytes"));
	json_decref(j);
	free(path);
	return 0;
}

void ms_cache_meta_release(ms_cache_meta *m)
{
	free(m->url);
	free(m->etag);
	free(m->last_modified);
	free(m->sha256);
	free(m->last_error);
	memset(m, 0, sizeof *m);
}

static int write_meta(const char *dir, const char *name, const ms_cache_meta *m, ms_diag *d)
{
	json_t *j = json_object();
	json_object_set_new(j, "url", m->url ? json_string(m->url) : json_null());
	json_object_set_new(j, "fetched_at", json_integer(m->fetched_at));
	json_object_set_new(j, "etag", m->etag ? json_string(m->etag) : json_null());
	json_object_set_new(j, "last_modified", m->last_modified ? json_string(m->last_modified) : json_null());
	json_object_set_new(j, "sha256", m->sha256 ? json_string(m->sha256) : json_null());
	json_object_set_new(j, "bytes", json_integer((json_int_t)m->bytes));
	json_object_set_new(j, "last_error", m->last_error ? json_string(m->last_error) : json_null());
	json_object_set_new(j, "failed_at", json_integer(m->failed_at));
	char *s = json_dumps(j, JSON_INDENT(2));
	json_decref(j);
	char *path = file_of(dir, name, "json");
	int rc = !s || !path ? ms_error(d, dir, 0, 0, "out of memory") : ms_write_file_atomic(path, s, strlen(s), d);
	free(s);
	free(path);
	return rc;
}

int ms_cache_store(const char *dir, const char *name, const char *url, const char *body, size_t len,
		   const char *etag, const char *last_modified, int64_t now, ms_diag *d)
{
	if (ms_mkdirs(dir, d))
		return -1;
	char *path = ms_cache_body_path(dir, name);
	int rc = !path ? ms_error(d, dir, 0, 0, "out of memory") : ms_write_file_atomic(path, body, len, d);
	free(path);
	if (rc)
		return -1;
	gchar *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)body, len);
	ms_cache_meta m = { (char *)url, (char *)etag, (char *)last_modified, sum, NULL, now, 0, len };
	rc = write_meta(dir, name, &m, d);
	g_free(sum);
	return rc;
}

int ms_cache_body_intact(const char *dir, const char *name, const ms_cache_meta *m)
{
	char *path = ms_cache_body_path(dir, name);
	ms_buf body;
	ms_buf_init(&body, 0);
	ms_diag quiet;
	ms_diag_init(&quiet, NULL);
	int intact = 0;
	if (path && m->sha256 && !ms_read_file(path, &body, SIZE_MAX, &quiet)) {
		gchar *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)ms_buf_str(&body), body.len);
		intact = sum && !strcmp(sum, m->sha256);
		g_free(sum);
	}
	ms_buf_release(&body);
	free(path);
	return intact;
}

int ms_cache_note(const char *dir, const char *name, const char *error, int64_t now, ms_diag *d)
{
	ms_cache_meta m;
	if (ms_mkdirs(dir, d) || ms_cache_read(dir, name, &m, d))
		return -1;
	free(m.last_error);
	m.last_error = error ? strdup(error) : NULL;
	m.failed_at = error ? now : 0;
	if (!error)
		m.fetched_at = now;     /* a 304: the body is current as of now */
	int rc = write_meta(dir, name, &m, d);
	ms_cache_meta_release(&m);
	return rc;
}
