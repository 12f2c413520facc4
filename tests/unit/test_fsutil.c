/* Writing files all-or-nothing, safely beside a hostile neighbour. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "buf.h"
#include "fsutil.h"
#include "test.h"

/* A symlink planted at the temporary name the old scheme used (NAME.tmp.PID)
 * is never written through: temporary files are made by mkstemp. */
static void planted_symlink_untouched(void)
{
	char dir[] = "/tmp/ms_fsutil_XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char target[256], victim[256], planted[300];
	snprintf(target, sizeof target, "%s/stats.json", dir);
	snprintf(victim, sizeof victim, "%s/victim", dir);
	snprintf(planted, sizeof planted, "%s.tmp.%ld", target, (long)getpid());
	FILE *f = fopen(victim, "w");
	CHECK(f != NULL);
	if (f) {
		fputs("precious", f);
		fclose(f);
	}
	CHECK(symlink(victim, planted) == 0);
	capture cap;
	capture_start(&cap);
	CHECK(ms_write_file_atomic(target, "{}", 2, &cap.d) == 0);
	ms_buf b;
	ms_buf_init(&b, 0);
	CHECK(ms_read_file(victim, &b, 100, &cap.d) == 0 && !strcmp(ms_buf_str(&b), "precious"));
	ms_buf_release(&b);
	ms_buf_init(&b, 0);
	CHECK(ms_read_file(target, &b, 100, &cap.d) == 0 && !strcmp(ms_buf_str(&b), "{}"));
	ms_buf_release(&b);
	struct stat st;
	CHECK(lstat(target, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0644);
	capture_end(&cap);
	unlink(planted);
	unlink(victim);
	unlink(target);
	rmdir(dir);
}

/* A mapped input cut short while it is read: the missing pages read as
 * zeros (no SIGBUS), and the file is reported as cut short. */
static void file_cut_short_while_mapped(void)
{
	char path[] = "/tmp/ms_fsutil_cut_XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	size_t len = 3 * (size_t)sysconf(_SC_PAGESIZE);
	char *bytes = malloc(len);
	CHECK(bytes != NULL);
	if (fd < 0 || !bytes)
		return;
	memset(bytes, 'x', len);
	CHECK(write(fd, bytes, len) == (ssize_t)len);
	ms_fs_guard_signals();
	capture cap;
	capture_start(&cap);
	ms_file_bytes f;
	CHECK(ms_map_file(path, &f, len, &cap.d) == 0 && f.map != NULL);
	CHECK(f.data[len - 1] == 'x');
	CHECK(ms_file_check_whole(&f, path, &cap.d) == 0);
	CHECK(ftruncate(fd, 100) == 0);
	size_t xs = 0;
	for (size_t i = 0; i < len; i++)
		xs += f.data[i] == 'x';
	CHECK(xs >= 100 && xs < len);      /* the pages past the cut read as zeros */
	CHECK(ms_file_check_whole(&f, path, &cap.d) == -1);
	CHECK(strstr(capture_text(&cap), "the file was cut short while it was read") != NULL);
	capture_end(&cap);
	ms_unmap_file(&f);
	close(fd);
	unlink(path);
	free(bytes);
}

const ms_test fsutil_tests[] = {
	{ "fsutil/planted_symlink_untouched", planted_symlink_untouched },
	{ "fsutil/file_cut_short_while_mapped", file_cut_short_while_mapped },
};
const size_t fsutil_ntests = sizeof fsutil_tests / sizeof fsutil_tests[0];
