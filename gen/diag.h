/* Diagnostics: "file:line:col: level: message" on a stream; the worst level
 * seen decides the exit status. Functions that fail return -1 after calling
 * ms_error(), in the manner of git's error(). */
#ifndef MS_DIAG_H
#define MS_DIAG_H
#include <stdio.h>

enum ms_level { MS_NOTE, MS_WARNING, MS_ERROR };

typedef struct ms_diag {
	FILE *out;          /* borrows; where messages go (stderr in main) */
	int quiet;          /* suppress notes and warnings, never errors */
	int verbose;        /* notes too (what was read and written) */
	int color;          /* colour the level names (a terminal, no NO_COLOR) */
	int progress;       /* show progress (a terminal, not quiet) */
	int count[3];       /* messages seen per level */
	int io_errors;      /* errors reading or writing files (exit status 3) */
	int nomem;          /* allocations gone without (memwatch.h), collected from the threads */
} ms_diag;

void ms_diag_init(ms_diag *d, FILE *out);

/* file may be NULL (no location); line/col 0 mean "not known". */
#if defined(__GNUC__)
#define MS_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define MS_PRINTF(a, b)
/* A state the code rules out (a bug in mstress, never bad input): says where
 * on standard error and aborts, so it is found rather than worked around. */
#define MS_BUG(...) ms_bug(__FILE__, __LINE__, __VA_ARGS__)
_Noreturn void ms_bug(const char *file, int line, const char *fmt, ...) MS_PRINTF(3, 4);

#endif
void ms_report(ms_diag *d, enum ms_level lv, const char *file, long line,
	       long col, const char *fmt, ...) MS_PRINTF(6, 7);
/* Reports an error and returns -1, so callers can write `return ms_error(...)`. */
int ms_error(ms_diag *d, const char *file, long line, long col,
	     const char *fmt, ...) MS_PRINTF(5, 6);
void ms_warn(ms_diag *d, const char *file, long line, long col,
	     const char *fmt, ...) MS_PRINTF(5, 6);
/* An error reading or writing a file (as opposed to bad content). */
int ms_io_error(ms_diag *d, const char *file, const char *fmt, ...) MS_PRINTF(3, 4);
/* A note: shown with verbose only. */
void ms_note(ms_diag *d, const char *fmt, ...) MS_PRINTF(2, 3);
/* Text as it is (a command's usage after a usage error), in one write. */
void ms_diag_text(ms_diag *d, const char *text);
/* A progress line, rewritten in place on a terminal; nothing elsewhere. */
void ms_progress(ms_diag *d, const char *fmt, ...) MS_PRINTF(2, 3);
/* Ends a progress line. */
void ms_progress_done(ms_diag *d);

/* A state the code rules out (a bug in mstress, never bad input): says where
 * on standard error and aborts, so it is found rather than worked around. */
#define MS_BUG(...) ms_bug(__FILE__, __LINE__, __VA_ARGS__)
_Noreturn void ms_bug(const char *file, int line, const char *fmt, ...) MS_PRINTF(3, 4);

#endif
