/* Files: whole-file reads with a size cap, and writes that never leave a
 * half-written file behind (temporary file, then rename). */
#ifndef MS_FSUTIL_H
#define MS_FSUTIL_H
#include <stddef.h>
#include "buf.h"
#include "diag.h"

/* Appends the file's bytes to out (max bytes at most). */
int ms_read_file(const char *path, ms_buf *out, size_t max, ms_diag *d);
/* A file's bytes: mapped when it is a regular file (no copy of a large
 * download), read into memory otherwise (pipes). Not NUL-terminated. */
typedef struct ms_file_bytes {
	const char *data;
	size_t len;
	void *map;                /* owned mapping, or NULL */
	size_t map_len;
	ms_buf buf;               /* owned copy when not mapped */
} ms_file_bytes;

int ms_map_file(const char *path, ms_file_bytes *f, size_t max, ms_diag *d);
void ms_unmap_file(ms_file_bytes *f);
/* The bytes in [from, to) are no longer needed: a mapping gives their
 * pages back (the peak memory of a large parse stays near the columns). */
void ms_file_bytes_done(ms_file_bytes *f, size_t from, size_t to);

/* Writes data to path through path.tmp + rename: readers see the old file or
 * the new one, never a part. */
int ms_write_file_atomic(const char *path, const void *data, size_t len, ms_diag *d);
/* Creates dir and its parents (like mkdir -p). */
int ms_mkdirs(const char *dir, ms_diag *d);
/* Joins dir and name into a new string (owned); NULL on allocation failure.
 * An absolute name is returned as it is. */
char *ms_path_join(const char *dir, const char *name);
/* Directory part of path, owned ("." when there is none). */
char *ms_dirname(const char *path);

#endif
