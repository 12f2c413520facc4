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

const ms_test fsutil_tests[] = {
	{ "fsutil/planted_symlink_untouched", planted_symlink_untouched },
};
const size_t fsutil_ntests = sizeof fsutil_tests / sizeof fsutil_tests[0];
