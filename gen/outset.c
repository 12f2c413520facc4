/* renameat2 and RENAME_EXCHANGE are Linux's: ask glibc for them. */
#define _GNU_SOURCE
#include "outset.h"
#include "fsutil.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The sibling being written is named .BASE.new-XXXXXX (mkdtemp). */
#define NEW_MARK ".new-"

/* dir's lock, taken on the folder now at dir's path: a run that waited on
 * a folder since switched out tries again on the one switched in. */
static int lock_current(const char *dir, ms_diag *d)
{
	for (int tries = 0; tries < 100; tries++) {
		int fd = ms_dir_lock(dir, 1, MS_LOCK_WAIT_S, d);
		if (fd < 0)
			return -1;
		struct stat held, now;
		if (fstat(fd, &held) == 0 && stat(dir, &now) == 0 && held.st_dev == now.st_dev &&
		    held.st_ino == now.st_ino)
			return fd;
		ms_dir_unlock(fd);
	}
	return ms_io_error(d, dir, "the folder kept being replaced while waiting for its lock");
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st, (void)type, (void)ftw;
	return remove(path) != 0 && errno != ENOENT ? -1 : 0;
}

static int remove_tree(const char *path)
{
	return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int fsync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = fd < 0 || (fsync(fd) != 0 && errno != EINVAL) ? -1 : 0;
	int e = errno;
	if (fd >= 0)
		close(fd);
	errno = e;
	return rc;
}

static int flush_dir(const char *path, ms_diag *d)
{
	return fsync_dir(path) ? ms_io_error(d, path, "cannot flush the folder to disk: %s", strerror(errno)) : 0;
}

/* Folders of runs that died before their switch (only the lock's holder
 * makes one, so any found under the lock is dead). */
static void sweep_dead(const char *parent, const char *base, ms_diag *d)
{
	DIR *dp = opendir(parent);
	size_t bl = strlen(base), ml = strlen(NEW_MARK);
	for (struct dirent *e; dp && (e = readdir(dp));) {
		const char *s = e->d_name;
		if (s[0] != '.' || strncmp(s + 1, base, bl) || strncmp(s + 1 + bl, NEW_MARK, ml) ||
		    strlen(s + 1 + bl + ml) != 6)
			continue;
		char *path = ms_path_join(parent, s);
		if (path && remove_tree(path) != 0 && errno != ENOENT)
			ms_warn(d, path, 0, 0, "cannot remove the folder a stopped run left: %s", strerror(errno));
		free(path);
	}
	if (dp)
		closedir(dp);
}

/* Whether name (a top-level entry) is the first component of a file of the set. */
static int in_set(const char *name, const ms_out_file *files, size_t n)
{
	size_t k = strlen(name);
	for (size_t i = 0; i < n; i++)
		if (!strncmp(files[i].name, name, k) && (files[i].name[k] == '/' || !files[i].name[k]))
			return 1;
	return 0;
}

/* A temporary file (NAME.tmp.XXXXXX) a stopped run left. */
static int is_leftover(const char *name)
{
	size_t k = strlen(name);
	return k > 11 && !strncmp(name + k - 11, ".tmp.", 5);
}

/* dst becomes a copy of src made of hard links: the bytes are shared, and
 * src stays where it is until the switch has happened. */
static int link_tree(const char *src, const char *dst, ms_diag *d)
{
	struct stat st;
	if (lstat(src, &st) != 0)
		return errno == ENOENT ? 0 : ms_io_error(d, src, "cannot read: %s", strerror(errno));
	if (S_ISREG(st.st_mode))
		return link(src, dst) == 0 ? 0 :
		       ms_io_error(d, src, "cannot keep this file beside the new report (hard link): %s", strerror(errno));
	if (S_ISLNK(st.st_mode)) {
		char target[PATH_MAX];
		ssize_t k = readlink(src, target, sizeof target - 1);
		if (k < 0)
			return ms_io_error(d, src, "cannot read the link: %s", strerror(errno));
		target[k] = 0;
		return symlink(target, dst) == 0 ? 0 :
		       ms_io_error(d, src, "cannot keep this link beside the new report: %s", strerror(errno));
	}
	if (!S_ISDIR(st.st_mode))
		return ms_error(d, src, 0, 0, "neither a file, a folder nor a link: move it out of the report folder");
	if (mkdir(dst, st.st_mode & 07777) != 0)
		return ms_io_error(d, dst, "cannot create: %s", strerror(errno));
	DIR *dp = opendir(src);
	int rc = dp ? 0 : ms_io_error(d, src, "cannot read the folder: %s", strerror(errno));
	for (struct dirent *e; !rc && (e = readdir(dp));) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *a = ms_path_join(src, e->d_name), *b = ms_path_join(dst, e->d_name);
		rc = !a || !b ? ms_error(d, src, 0, 0, "out of memory") : link_tree(a, b, d);
		free(a);
		free(b);
	}
	if (dp)
		closedir(dp);
	return rc;
}

/* The old folder's entries that are not the report's, into the new one. */
static int carry_foreign(const char *old, const char *fresh, const ms_out_file *files, size_t n, ms_diag *d)
{
	DIR *dp = opendir(old);
	int rc = dp ? 0 : ms_io_error(d, old, "cannot read the folder: %s", strerror(errno));
	for (struct dirent *e; !rc && (e = readdir(dp));) {
		const char *s = e->d_name;
		if (!strcmp(s, ".") || !strcmp(s, "..") || in_set(s, files, n) || is_leftover(s))
			continue;
		char *a = ms_path_join(old, s), *b = ms_path_join(fresh, s);
		rc = !a || !b ? ms_error(d, old, 0, 0, "out of memory") : link_tree(a, b, d);
		free(a);
		free(b);
	}
	if (dp)
		closedir(dp);
	return rc;
}

/* Writes every file under root, each flushed, then root's folders. */
static int write_set(const char *root, const ms_out_file *files, size_t n, ms_diag *d)
{
	int rc = 0;
	char *last_dir = NULL;
	for (size_t i = 0; !rc && i < n; i++) {
		ms_progress(d, "mstress: writing %s", files[i].name);
		char *path = ms_path_join(root, files[i].name), *dir = path ? ms_dirname(path) : NULL;
		if (!dir)
			rc = ms_error(d, files[i].name, 0, 0, "out of memory");
		else if (!last_dir || strcmp(dir, last_dir)) {
			rc = (last_dir && flush_dir(last_dir, d)) || ms_mkdirs(dir, d) ? -1 : 0;
			free(last_dir);
			last_dir = dir;
			dir = NULL;
		}
		if (!rc)
			rc = ms_write_file_atomic(path, files[i].data, files[i].len, d);
		free(dir);
		free(path);
	}
	if (!rc && last_dir && strcmp(last_dir, root))
		rc = flush_dir(last_dir, d);
	free(last_dir);
	return rc || flush_dir(root, d) ? -1 : 0;
}

/* Where the folder cannot be exchanged (a file system without
 * RENAME_EXCHANGE, or the working directory inside it), file by file. */
static int move_each(const char *from, const char *to, const ms_out_file *files, size_t n, ms_diag *d)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		char *a = ms_path_join(from, files[i].name), *b = ms_path_join(to, files[i].name);
		char *dir = b ? ms_dirname(b) : NULL;
		if (!a || !dir)
			rc = ms_error(d, to, 0, 0, "out of memory");
		else if (!ms_mkdirs(dir, d) && rename(a, b) != 0)
			rc = ms_io_error(d, b, "cannot rename into place: %s", strerror(errno));
		free(a);
		free(b);
		free(dir);
	}
	return rc;
}

static int inside_cwd(const char *real)
{
	char cwd[PATH_MAX];
	size_t k = strlen(real);
	return getcwd(cwd, sizeof cwd) && !strncmp(cwd, real, k) && (cwd[k] == '/' || !cwd[k]);
}

/* The switch: one exchange of the two folders, or file by file. */
static int switch_in(const char *fresh, const char *real, const ms_out_file *files, size_t n, ms_diag *d)
{
	ms_commit_begin();      /* a signal waits for the end */
	int e = inside_cwd(real) ? EBUSY :
		renameat2(AT_FDCWD, fresh, AT_FDCWD, real, RENAME_EXCHANGE) == 0 ? 0 : errno;
	int rc = 0;
	if (e == EINVAL || e == ENOSYS || e == ENOTSUP || e == EBUSY || e == EXDEV)
		rc = move_each(fresh, real, files, n, d);
	else if (e)
		rc = ms_io_error(d, real, "cannot switch the new report into place: %s", strerror(e));
	ms_commit_end();
	return rc;
}

int ms_outset_write(const char *dir, const ms_out_file *files, size_t n, ms_diag *d)
{
	int lock = ms_mkdirs(dir, d) ? -1 : lock_current(dir, d);
	if (lock < 0)
		return -1;
	char *real = realpath(dir, NULL), *parent = real ? ms_dirname(real) : NULL, *fresh = NULL;
	const char *base = real ? strrchr(real, '/') + 1 : NULL;
	struct stat st;
	int rc = 0;
	if (!real)
		rc = ms_io_error(d, dir, "cannot resolve the folder's path: %s", strerror(errno));
	else if (!*base)
		rc = ms_error(d, dir, 0, 0, "the root folder cannot hold a report");
	else if (!parent || !(fresh = malloc(strlen(parent) + strlen(base) + 16)))
		rc = ms_error(d, dir, 0, 0, "out of memory");
	if (!rc) {
		sweep_dead(parent, base, d);
		sprintf(fresh, "%s/.%s" NEW_MARK "XXXXXX", parent, base);
		if (!mkdtemp(fresh)) {
			rc = ms_io_error(d, dir, "cannot create a folder beside it: %s", strerror(errno));
			free(fresh);
			fresh = NULL;
		}
	}
	if (!rc && (stat(real, &st) != 0 || chmod(fresh, st.st_mode & 07777) != 0))
		rc = ms_io_error(d, fresh, "cannot set the folder's mode: %s", strerror(errno));
	if (!rc)
		rc = write_set(fresh, files, n, d) || carry_foreign(real, fresh, files, n, d) ||
		     switch_in(fresh, real, files, n, d) ? -1 : 0;
	/* switched: the new report is what readers see, whatever follows */
	if (!rc && fsync_dir(parent))
		ms_warn(d, parent, 0, 0, "cannot flush the folder to disk (%s): a crash may bring back the "
			"previous report", strerror(errno));
	/* fresh now holds the previous report, or an unfinished new one */
	if (fresh && remove_tree(fresh) != 0 && errno != ENOENT)
		ms_warn(d, fresh, 0, 0, "cannot remove: %s (the next run removes it)", strerror(errno));
	ms_dir_unlock(lock);
	free(fresh);
	free(parent);
	free(real);
	return rc;
}
