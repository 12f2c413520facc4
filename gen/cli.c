#include "cli.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "utc.h"

const char *ms_cli_home(char *buf, size_t n)
{
	const char *env = getenv("MSTRESS_HOME");
	if (env && *env) {
		snprintf(buf, n, "%s", env);
		return buf;
	}
	/* an installed binary: PREFIX/bin/mstress beside PREFIX/share/mstress */
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len > 0) {
		exe[len] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			char probe[PATH_MAX + 64];
			struct stat st;
			snprintf(probe, sizeof probe, "%s/../share/mstress/templates", exe);
			if (stat(probe, &st) == 0 && S_ISDIR(st.st_mode)) {
				snprintf(buf, n, "%s/../share/mstress", exe);
				return buf;
			}
		}
	}
	snprintf(buf, n, "%s", MS_HOME);
	return buf;
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

int ms_cli_date(const char *cmd, const char *arg, int64_t *t)
{
	if (ms_parse_date(arg, t) == 0)
		return 0;
	fprintf(stderr, "mstress %s: --as-of '%s' is not a date (YYYY-MM-DD)\n", cmd, arg);
	return -1;
}

int64_t ms_cli_source_date_epoch(const char *cmd)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (!s || !*s)
		return -1;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*end || v < 0) {
		fprintf(stderr, "mstress %s: SOURCE_DATE_EPOCH='%s' is not a number of seconds\n", cmd, s);
		return -2;
	}
	return ms_day_floor(v);
}
