/* The download cache: per source, the last good response body and a JSON
 * record of where and when it came from (URL, fetched-at, validators,
 * SHA-256) and of the last failure. A failed or invalid fetch never
 * replaces the body: the report is built from the last good copy and says
 * which source is stale, and since when. */
#ifndef MS_CACHE_H
#define MS_CACHE_H
#include <stddef.h>
#include <stdint.h>
#include "diag.h"

typedef struct ms_cache_meta {
	char *url, *etag, *last_modified, *sha256, *last_error;   /* owned, or NULL */
	int64_t fetched_at;      /* when the body was fetched (unix s), 0: never */
	int64_t failed_at;       /* the last failed attempt after it, 0: none */
	size_t bytes;
} ms_cache_meta;

/* The cache directory: dir if given, else $XDG_CACHE_HOME/mstress, else
 * $HOME/.cache/mstress (owned). */
char *ms_cache_dir(const char *dir);
/* The body's path for a source (owned). */
char *ms_cache_body_path(const char *dir, const char *name);
/* Reads a source's record; 0 and an empty meta when there is none. */
int ms_cache_read(const char *dir, const char *name, ms_cache_meta *m, ms_diag *d);
void ms_cache_meta_release(ms_cache_meta *m);
/* Stores a good body and its record (body first, then the record, each
 * written atomically). */
int ms_cache_store(const char *dir, const char *name, const char *url, const char *body, size_t len,
		   const char *etag, const char *last_modified, int64_t now, ms_diag *d);
/* 1 when the body is there and its SHA-256 is the record's: a body changed
 * or cut outside mstress is neither used nor revalidated. */
int ms_cache_body_intact(const char *dir, const char *name, const ms_cache_meta *m);
/* Records a failure (or a 304, with error NULL: the body is still current). */
int ms_cache_note(const char *dir, const char *name, const char *error, int64_t now, ms_diag *d);

#endif
