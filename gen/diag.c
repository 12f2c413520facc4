#include "diag.h"
#include <stdarg.h>

static const char *const level_names[] = { "note", "warning", "error" };

static const char *const level_colors[] = { "\033[36m", "\033[33m", "\033[1;31m" };

void ms_diag_init(ms_diag *d, FILE *out)
{
	d->out = out;
	d->quiet = d->verbose = d->color = d->progress = 0;
	d->count[0] = d->count[1] = d->count[2] = 0;
	d->io_errors = 0;
}

static void vreport(ms_diag *d, enum ms_level lv, const char *file, long line,
		    long col, const char *fmt, va_list ap)
{
	d->count[lv]++;
	if (!d->out || (d->quiet && lv != MS_ERROR) || (lv == MS_NOTE && !d->verbose))
		return;
	if (file) {
		fprintf(d->out, "%s:", file);
		if (line > 0)
			fprintf(d->out, "%ld:", line);
		if (line > 0 && col > 0)
			fprintf(d->out, "%ld:", col);
		fputc(' ', d->out);
	} else {
		fputs("mstress: ", d->out);
	}
	if (d->color)
		fprintf(d->out, "%s%s\033[0m: ", level_colors[lv], level_names[lv]);
	else
		fprintf(d->out, "%s: ", level_names[lv]);
	vfprintf(d->out, fmt, ap);
	fputc('\n', d->out);
}

void ms_report(ms_diag *d, enum ms_level lv, const char *file, long line,
	       long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(d, lv, file, line, col, fmt, ap);
	va_end(ap);
}

int ms_error(ms_diag *d, const char *file, long line, long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(d, MS_ERROR, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

void ms_warn(ms_diag *d, const char *file, long line, long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(d, MS_WARNING, file, line, col, fmt, ap);
	va_end(ap);
}

int ms_io_error(ms_diag *d, const char *file, const char *fmt, ...)
{
	va_list ap;
	d->io_errors++;
	va_start(ap, fmt);
	vreport(d, MS_ERROR, file, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

void ms_note(ms_diag *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(d, MS_NOTE, NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void ms_progress(ms_diag *d, const char *fmt, ...)
{
	if (!d->progress || !d->out)
		return;
	va_list ap;
	va_start(ap, fmt);
	fputs("\r\033[K", d->out);
	vfprintf(d->out, fmt, ap);
	va_end(ap);
	fflush(d->out);
}

void ms_progress_done(ms_diag *d)
{
	if (d->progress && d->out)
		fputs("\r\033[K", d->out);
}
