#include "cli.h"
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fsutil.h"
#include "utc.h"

static int has_templates(const char *dir)
{
	char probe[2 * PATH_MAX];
	struct stat st;
	snprintf(probe, sizeof probe, "%s/templates/report.md", dir);
	return stat(probe, &st) == 0 && S_ISREG(st.st_mode);
}

const char *ms_cli_home(char *buf, size_t n, ms_diag *d)
{
	const char *env = getenv("MSTRESS_HOME");
	if (env && *env) {
		snprintf(buf, n, "%s", env);
		return buf;
	}
	/* from the running binary: a built tree (mstress at its top, or in
	 * build/KIND/), or an install (PREFIX/bin beside PREFIX/share/mstress) */
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash = len > 0 ? (exe[len] = '\0', strrchr(exe, '/')) : NULL;
	if (!slash) {
		ms_io_error(d, NULL, "cannot tell where the mstress binary is (/proc/self/exe): set MSTRESS_HOME "
			    "to the directory holding templates/, fonts/ and data/");
		return NULL;
	}
	*slash = '\0';
	static const char *const places[] = { "", "/..", "/../..", "/../share/mstress" };
	char tried[4 * (PATH_MAX + 32)] = "";
	for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
		char dir[PATH_MAX + 32];
		snprintf(dir, sizeof dir, "%s%s", exe, places[i]);
		if (has_templates(dir)) {
			snprintf(buf, n, "%s", dir);
			return buf;
		}
		size_t k = strlen(tried);
		snprintf(tried + k, sizeof tried - k, "%s%s", k ? ", " : "", dir);
	}
	ms_io_error(d, NULL, "cannot find mstress's templates, fonts and data (tried %s): set MSTRESS_HOME", tried);
	return NULL;
}

void ms_cli_terminal(ms_diag *d)
{
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
	int tty = isatty(fileno(stderr));
	d->color = tty && !(no_color && *no_color) && !(term && !strcmp(term, "dumb"));
	d->progress = tty && !d->quiet;
}

int ms_cli_status(const ms_diag *d, int failed)
{
	if (!failed && !d->count[MS_ERROR])
		return MS_EXIT_OK;
	return d->io_errors ? MS_EXIT_IO : MS_EXIT_DATA;
}

int ms_cli_usage(ms_diag *d, const char *cmd, const char *usage, const char *fmt, ...)
{
	if (fmt) {
		char where[64], msg[1024];
		snprintf(where, sizeof where, cmd ? "mstress %s" : "mstress", cmd);
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(msg, sizeof msg, fmt, ap);
		va_end(ap);
		ms_error(d, where, 0, 0, "%s", msg);
	}
	if (usage)
		ms_diag_text(d, usage);
	return MS_EXIT_USAGE;
}

int ms_cli_bad_option(ms_diag *d, const char *cmd, const char *usage, char **argv)
{
	char opt[3] = { '-', (char)optopt, 0 };
	const char *what = optind > 1 && argv[optind - 1][0] == '-' ? argv[optind - 1] : opt;
	return ms_cli_usage(d, cmd, usage, "'%s': an unknown option, or one without its value", what);
}

int ms_cli_date(ms_diag *d, const char *cmd, const char *arg, int64_t *t)
{
	if (ms_parse_date(arg, t) == 0)
		return 0;
	ms_cli_usage(d, cmd, NULL, "--as-of '%s' is not a date (YYYY-MM-DD)", arg);
	return -1;
}

int ms_cli_integer(const char *s, long long lo, long long hi, long long *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (end == s || *end || errno == ERANGE || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* The last second of 9999-12-31: dates are written with four digits. */
#define LAST_SECOND 253402300799LL

int64_t ms_cli_source_date_epoch(ms_diag *d, const char *cmd)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (!s || !*s)
		return -1;
	long long v;
	if (ms_cli_integer(s, 0, LAST_SECOND, &v)) {
		ms_cli_usage(d, cmd, NULL, "SOURCE_DATE_EPOCH='%s' is not a number of seconds up to the end of "
			     "year 9999", s);
		return -2;
	}
	return ms_day_floor(v);
}

char *ms_default_config(char *buf, size_t n, ms_diag *d)
{
	const char *home = ms_cli_home(buf, n, d);
	char *path = home ? ms_path_join(home, "data/default.ini") : NULL;
	if (home && !path)
		ms_error(d, NULL, 0, 0, "out of memory");
	return path;
}
