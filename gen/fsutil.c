/* madvise(MADV_DONTNEED) is not in POSIX: ask glibc for it. */
#define _DEFAULT_SOURCE
#include "fsutil.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int ms_read_file(const char *path, ms_buf *out, size_t max, ms_diag *d)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return ms_io_error(d, path, "cannot open: %s", strerror(errno));
	char chunk[65536];
	size_t n, total = 0;
	int rc = 0;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		total += n;
		if (total > max) {
			rc = ms_error(d, path, 0, 0, "larger than the %zu-byte limit", max);
			break;
		}
		ms_buf_append(out, chunk, n);
	}
	if (!rc && ferror(f))
		rc = ms_io_error(d, path, "read error: %s", strerror(errno));
	if (!rc && ms_buf_failed(out))
		rc = ms_error(d, path, 0, 0, "out of memory reading the file");
	if (!rc && !out->data)
		ms_buf_reserve(out, 0);
	fclose(f);
	return rc;
}

/* The temporary files being written, so that a signal handler can remove
 * them: slots claimed with an atomic flag, read in the handler with only
 * async-signal-safe calls. */
enum { TMP_SLOTS = 64, TMP_PATH = 4096 };
static char tmp_path[TMP_SLOTS][TMP_PATH];
static atomic_int tmp_used[TMP_SLOTS];

static int tmp_claim(const char *path)
{
	if (strlen(path) >= TMP_PATH)
		return -1;
	for (int i = 0; i < TMP_SLOTS; i++) {
		int free_slot = 0;
		if (atomic_compare_exchange_strong(&tmp_used[i], &free_slot, 1)) {
			strcpy(tmp_path[i], path);
			atomic_store(&tmp_used[i], 2);     /* the path is complete */
			return i;
		}
	}
	return -1;    /* all busy: the file is written unregistered */
}

static void tmp_release(int slot)
{
	if (slot >= 0)
		atomic_store(&tmp_used[slot], 0);
}

/* While a set of renames is under way, a signal waits for its end, so that
 * the set lands whole or not at all. */
static atomic_int committing;
static volatile sig_atomic_t deferred_signal;

static void remove_tmp_and_die(int sig)
{
	if (atomic_load(&committing)) {
		deferred_signal = sig;
		return;
	}
	for (int i = 0; i < TMP_SLOTS; i++)
		if (atomic_load(&tmp_used[i]) == 2)
			unlink(tmp_path[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

void ms_commit_begin(void)
{
	atomic_fetch_add(&committing, 1);
}

void ms_commit_end(void)
{
	if (atomic_fetch_sub(&committing, 1) == 1 && deferred_signal)
		remove_tmp_and_die(deferred_signal);
}

/* The mappings being read, for the SIGBUS handler: a fault inside one
 * (its file was cut short) maps zero pages over the rest of it and marks it. */
enum { MAP_SLOTS = 64 };
static _Atomic(char *) map_base[MAP_SLOTS];
static atomic_size_t map_len[MAP_SLOTS];
static atomic_int map_cut[MAP_SLOTS];

static int guard_claim(void *base, size_t len)
{
	for (int i = 0; i < MAP_SLOTS; i++) {
		char *none = NULL;
		if (atomic_compare_exchange_strong(&map_base[i], &none, (char *)base)) {
			atomic_store(&map_cut[i], 0);
			atomic_store(&map_len[i], len);
			return i;
		}
	}
	return -1;    /* all busy: the file is read unguarded */
}

static void on_sigbus(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	char *at = si->si_addr;
	long page = sysconf(_SC_PAGESIZE);
	for (int i = 0; i < MAP_SLOTS && page > 0; i++) {
		char *base = atomic_load(&map_base[i]);
		size_t len = atomic_load(&map_len[i]);
		if (!base || at < base || at >= base + len)
			continue;
		char *from = base + (size_t)(at - base) / (size_t)page * (size_t)page;
		size_t rest = (size_t)(base + len - from + page - 1) / (size_t)page * (size_t)page;
		if (mmap(from, rest, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED) {
			atomic_store(&map_cut[i], 1);
			return;
		}
	}
	signal(sig, SIG_DFL);     /* not a guarded mapping: the fault it is */
	raise(sig);
}

void ms_fs_guard_signals(void)
{
	struct sigaction bus = { .sa_sigaction = on_sigbus, .sa_flags = SA_SIGINFO };
	sigemptyset(&bus.sa_mask);
	sigaction(SIGBUS, &bus, NULL);
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct sigaction sa = { .sa_handler = remove_tmp_and_die };
		sigemptyset(&sa.sa_mask);
		sigaction(sigs[i], &sa, NULL);
	}
	/* past a file-size limit, write() fails with EFBIG and is reported,
	 * instead of the process being killed mid-file */
	signal(SIGXFSZ, SIG_IGN);
}

int ms_write_tmp(ms_pending_file *p, const char *path, const void *data, size_t len, ms_diag *d)
{
	size_t n = strlen(path) + 32;
	p->path = path;
	p->slot = -1;
	if (!(p->tmp = malloc(n)))
		return ms_error(d, path, 0, 0, "out of memory");
	/* an unpredictable name created exclusively (mkstemp: O_CREAT|O_EXCL),
	 * so a file or symlink planted beside the target is never written
	 * through; the data reaches the disk (fsync) before any rename */
	snprintf(p->tmp, n, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(p->tmp);
	if (fd < 0) {
		ms_io_error(d, path, "cannot create %s: %s", p->tmp, strerror(errno));
		free(p->tmp);
		p->tmp = NULL;
		return -1;
	}
	p->slot = tmp_claim(p->tmp);
	int werr = fchmod(fd, 0644) ? errno : 0;
	for (size_t done = 0; !werr && done < len;) {
		ssize_t w = write(fd, (const char *)data + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			werr = w < 0 ? errno : EIO;
		else
			done += (size_t)w;
	}
	if (!werr && fsync(fd) != 0)
		werr = errno;
	if (close(fd) != 0 && !werr)
		werr = errno;
	if (werr) {
		ms_io_error(d, path, "write failed: %s", strerror(werr));
		ms_pending_abort(p);
		return -1;
	}
	return 0;
}

int ms_pending_commit(ms_pending_file *p, ms_diag *d)
{
	int rc = 0;
	if (rename(p->tmp, p->path) != 0) {
		rc = ms_io_error(d, p->path, "cannot rename %s into place: %s", p->tmp, strerror(errno));
		remove(p->tmp);
	}
	tmp_release(p->slot);
	free(p->tmp);
	p->tmp = NULL;
	return rc;
}

void ms_pending_abort(ms_pending_file *p)
{
	if (!p->tmp)
		return;
	remove(p->tmp);
	tmp_release(p->slot);
	free(p->tmp);
	p->tmp = NULL;
}

int ms_write_file_atomic(const char *path, const void *data, size_t len, ms_diag *d)
{
	ms_pending_file p;
	return ms_write_tmp(&p, path, data, len, d) ? -1 : ms_pending_commit(&p, d);
}

int ms_mkdirs(const char *dir, ms_diag *d)
{
	char *p = strdup(dir);
	if (!p)
		return ms_error(d, dir, 0, 0, "out of memory");
	int rc = 0;
	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char saved = *s;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			rc = ms_io_error(d, p, "cannot create directory: %s", strerror(errno));
			break;
		}
		*s = saved;
		if (!saved)
			break;
	}
	free(p);
	if (!rc) {
		struct stat st;
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
			rc = ms_io_error(d, dir, "not a directory");
	}
	return rc;
}

char *ms_path_join(const char *dir, const char *name)
{
	if (name[0] == '/' || !dir || !*dir)
		return strdup(name);
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

char *ms_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

int ms_map_file(const char *path, ms_file_bytes *f, size_t max, ms_diag *d)
{
	memset(f, 0, sizeof *f);
	f->guard = -1;
	ms_buf_init(&f->buf, 0);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return ms_io_error(d, path, "cannot open: %s", strerror(errno));
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		if ((unsigned long long)st.st_size > max) {
			close(fd);
			return ms_error(d, path, 0, 0, "larger than the %zu-byte limit", max);
		}
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		close(fd);
		if (m == MAP_FAILED)
			return ms_io_error(d, path, "cannot map: %s", strerror(errno));
		posix_madvise(m, (size_t)st.st_size, POSIX_MADV_SEQUENTIAL);
		f->map = m;
		f->map_len = (size_t)st.st_size;
		f->guard = guard_claim(m, f->map_len);
		f->data = m;
		f->len = f->map_len;
		return 0;
	}
	close(fd);
	if (ms_read_file(path, &f->buf, max, d))
		return -1;
	f->data = ms_buf_str(&f->buf);
	f->len = f->buf.len;
	return 0;
}

int ms_file_check_whole(const ms_file_bytes *f, const char *path, ms_diag *d)
{
	if (f->map && f->guard >= 0 && atomic_load(&map_cut[f->guard]))
		return ms_error(d, path, 0, 0, "the file was cut short while it was read (is another program "
				"writing it?): what was read is not used");
	return 0;
}

void ms_unmap_file(ms_file_bytes *f)
{
	if (f->map && f->guard >= 0) {
		atomic_store(&map_len[f->guard], 0);    /* a free slot has no length */
		atomic_store(&map_base[f->guard], NULL);
	}
	if (f->map)
		munmap(f->map, f->map_len);
	ms_buf_release(&f->buf);
	f->map = NULL;
	f->data = NULL;
}

void ms_file_bytes_done(ms_file_bytes *f, size_t from, size_t to)
{
	long page = sysconf(_SC_PAGESIZE);
	if (!f->map || page <= 0 || to > f->map_len || from >= to)
		return;
	/* whole pages inside the range only: a neighbour may still be read */
	size_t a = (from + (size_t)page - 1) / (size_t)page * (size_t)page, b = to / (size_t)page * (size_t)page;
	if (b > a)
		madvise((char *)f->map + a, b - a, MADV_DONTNEED);
}

int ms_dir_lock(const char *dir, int exclusive, int wait_s, ms_diag *d)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return ms_io_error(d, dir, "cannot open the directory to lock it: %s", strerror(errno));
	for (int tries = 0;; tries++) {
		if (flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0)
			return fd;
		if (errno != EWOULDBLOCK && errno != EINTR)
			break;
		if (tries >= wait_s * 10) {
			errno = EWOULDBLOCK;
			break;
		}
		usleep(100000);
	}
	int e = errno;
	close(fd);
	if (e == EWOULDBLOCK)
		return ms_io_error(d, dir, "another mstress has been using this directory for %d s: try again when it "
				   "has finished", wait_s);
	return ms_io_error(d, dir, "cannot lock: %s", strerror(e));
}

void ms_dir_unlock(int fd)
{
	if (fd >= 0)
		close(fd);      /* closing the descriptor releases the flock */
}
