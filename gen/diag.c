#include "diag.h"
#include <stdarg.h>

static const char *const level_names[] = { "note", "warning", "error" };

void ms_diag_init(ms_diag *d, FILE *out)
{
	d->out = out;
	d->quiet = 0;
	d->count[0] = d->count[1] = d->count[2] = 0;
}

static void vreport(ms_diag *d, enum ms_level lv, const char *file, long line,
		    long col, const char *fmt, va_list ap)
{
	d->count[lv]++;
	if (!d->out || (d->quiet && lv != MS_ERROR))
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
