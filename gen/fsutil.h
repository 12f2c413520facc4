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
	int guard;                /* its slot in the SIGBUS guard, or -1 */
	ms_buf buf;               /* owned copy when not mapped */
} ms_file_bytes;

int ms_map_file(const char *path, ms_file_bytes *f, size_t max, ms_diag *d);
/* A mapped file cut short while it is read would kill the process with
 * SIGBUS; the guard (ms_fs_guard_signals) gives the missing pages as zeros
 * instead, and this says so: an error naming the file, after its parse. */
int ms_file_check_whole(const ms_file_bytes *f, const char *path, ms_diag *d);
void ms_unmap_file(ms_file_bytes *f);
/* The bytes in [from, to) are no longer needed: a mapping gives their
 * pages back (the peak memory of a large parse stays near the columns). */
void ms_file_bytes_done(ms_file_bytes *f, size_t from, size_t to);

/* Writes data to path through path.tmp + rename: readers see the old file or
 * the new one, never a part. */
int ms_write_file_atomic(const char *path, const void *data, size_t len, ms_diag *d);
/* The same in two steps, for a set of files that must change together:
 * write every one's temporary file, then commit them all (or abort them
 * all when one write failed). path is borrowed until commit or abort. */
typedef struct ms_pending_file {
	const char *path;
	char *tmp;
	int slot;
} ms_pending_file;
int ms_write_tmp(ms_pending_file *p, const char *path, const void *data, size_t len, ms_diag *d);
int ms_pending_commit(ms_pending_file *p, ms_diag *d);
/* Around a set of commits: SIGINT, SIGTERM or SIGHUP waits for the end. */
void ms_commit_begin(void);
void ms_commit_end(void);
void ms_pending_abort(ms_pending_file *p);
/* On SIGINT, SIGTERM and SIGHUP, the temporary files of writes in flight
 * are removed before the process dies; a file-size limit (SIGXFSZ) becomes
 * a write error; a mapped input cut short (SIGBUS) reads as zeros and is
 * reported by ms_file_check_whole. */
void ms_fs_guard_signals(void);
/* Creates dir and its parents (like mkdir -p). */
int ms_mkdirs(const char *dir, ms_diag *d);

/* A lock on a directory (flock on the directory itself: no lock file to
 * leave behind, released when the process dies). Exclusive for writers,
 * shared for readers; waits up to wait_s seconds for another mstress, then
 * fails naming the directory. Returns the descriptor to unlock, or -1. */
int ms_dir_lock(const char *dir, int exclusive, int wait_s, ms_diag *d);
#define MS_LOCK_WAIT_S 60
void ms_dir_unlock(int fd);
/* Joins dir and name into a new string (owned); NULL on allocation failure.
 * An absolute name is returned as it is. */
char *ms_path_join(const char *dir, const char *name);
/* Directory part of path, owned ("." when there is none). */
char *ms_dirname(const char *path);

#endif
