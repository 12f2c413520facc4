/* What every command shares: exit statuses, where mstress's own files are,
 * the terminal (colour, progress) and the date options. */
#ifndef MS_CLI_H
#define MS_CLI_H
#include <stddef.h>
#include <stdint.h>
#include "diag.h"
#include "fetch.h"

/* Exit statuses (documented in mstress(1)). */
enum {
	MS_EXIT_OK = 0,
	MS_EXIT_DATA = 1,    /* bad data, template, configuration or claims */
	MS_EXIT_USAGE = 2,   /* the command line is wrong */
	MS_EXIT_IO = 3,      /* a file could not be read or written */
	MS_EXIT_NETWORK = 4  /* a server could not be reached or refused (fetch, mail) */
};

/* The directory holding templates/, fonts/ and data/: $MSTRESS_HOME, else
 * found from the running binary: its own directory or the one or two above
 * it (a built tree), else ../share/mstress beside it (an install). Returns
 * buf, or NULL after an error naming the places tried. */
const char *ms_cli_home(char *buf, size_t n, ms_diag *d);
/* The embedded default configuration's path (owned), or NULL after an error. */
char *ms_default_config(char *buf, size_t n, ms_diag *d);
/* Colour on a terminal unless NO_COLOR is set; progress on a terminal. */
void ms_cli_terminal(ms_diag *d);
/* The exit status after a run: 0, 3 when a file could not be read or
 * written, else 1 when anything failed. */
int ms_cli_status(const ms_diag *d, int failed);
/* A mistake on the command line, through the diagnostics like every message:
 * "mstress CMD: error: …" (nothing when fmt is NULL), then usage when given.
 * Returns MS_EXIT_USAGE. */
int ms_cli_usage(ms_diag *d, const char *cmd, const char *usage, const char *fmt, ...) MS_PRINTF(4, 5);
/* The usage error for getopt's '?': an unknown option, or one without its value. */
int ms_cli_bad_option(ms_diag *d, const char *cmd, const char *usage, char **argv);
/* Parses --as-of for cmd; a usage error (and -1) if bad. */
int ms_cli_date(ms_diag *d, const char *cmd, const char *arg, int64_t *t);
/* The as-of day from SOURCE_DATE_EPOCH when set (-1 when not); -2 when it
 * is not a number, after a usage error. */
int64_t ms_cli_source_date_epoch(ms_diag *d, const char *cmd);
/* A base-10 integer from lo to hi, the whole of s (no NaN, no exponent, no
 * overflow); -1 otherwise. */
int ms_cli_integer(const char *s, long long lo, long long hi, long long *out);

/* Options that fetch and build share (--timeout 'T', --retries 'R',
 * --max-bytes 'M'): 1 when c was one of them, -1 when its value is bad. */
int ms_fetch_options(int c, const char *arg, ms_fetch_opts *o);

int ms_cmd_build(int argc, char **argv, ms_diag *d);
int ms_cmd_check(int argc, char **argv, ms_diag *d);
int ms_cmd_render(int argc, char **argv, ms_diag *d);
int ms_cmd_config(int argc, char **argv, ms_diag *d);
int ms_cmd_mail(int argc, char **argv, ms_diag *d);
int ms_cmd_fetch(int argc, char **argv, ms_diag *d);

#endif
