#include "diag.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *const level_names[] = { "note", "warning", "error" };

static const char *const level_colors[] = { "\033[36m", "\033[33m", "\033[1;31m" };

void ms_diag_init(ms_diag *d, FILE *out)
{
	d->out = out;
	d->quiet = d->verbose = d->color = d->progress = 0;
	d->count[0] = d->count[1] = d->count[2] = 0;
	d->io_errors = d->nomem = 0;
}

/* Appends text to out (n bytes, NUL-terminated) with the bytes a terminal
 * would act on made visible: C0 controls and DEL as \xNN, and Unicode's
 * bidirectional overrides and isolates as \u{…}. Data files' bytes reach
 * messages, and must not move the cursor or reorder what is shown. */
static void append_visible(char *out, size_t n, const char *text)
{
	size_t k = strlen(out);
	for (const unsigned char *p = (const unsigned char *)text; *p && k + 12 < n; p++) {
		if (*p < 0x20 || *p == 0x7F) {
			k += (size_t)snprintf(out + k, n - k, "\\x%02X", *p);
		} else if (p[0] == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
					    (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9))) {
			unsigned cp = 0x2000u | (unsigned)(p[1] & 0x3F) << 6 | (unsigned)(p[2] & 0x3F);
			k += (size_t)snprintf(out + k, n - k, "\\u{%04X}", cp);
			p += 2;
		} else {
			out[k++] = (char)*p;
			out[k] = 0;
		}
	}
}

/* One message, formatted into one buffer and written with one call, so
 * lines of two threads never interleave. */
static void vreport(ms_diag *d, enum ms_level lv, const char *file, long line,
		    long col, const char *fmt, va_list ap)
{
	d->count[lv]++;
	if (!d->out || (d->quiet && lv != MS_ERROR) || (lv == MS_NOTE && !d->verbose))
		return;
	char msg[2048], out[4096] = "", where[64] = "";
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (file) {
		append_visible(out, sizeof out - 256, file);
		if (line > 0)
			snprintf(where, sizeof where, line > 0 && col > 0 ? ":%ld:%ld: " : ":%ld: ", line, col);
		else
			snprintf(where, sizeof where, ": ");
	} else {
		snprintf(where, sizeof where, "mstress: ");
	}
	size_t k = strlen(out);
	if (d->color)
		snprintf(out + k, sizeof out - k, "%s%s%s\033[0m: ", where, level_colors[lv], level_names[lv]);
	else
		snprintf(out + k, sizeof out - k, "%s%s: ", where, level_names[lv]);
	append_visible(out, sizeof out - 1, msg);
	k = strlen(out);
	out[k] = '\n';
	fwrite(out, 1, k + 1, d->out);
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

void ms_diag_text(ms_diag *d, const char *text)
{
	if (d->out)
		fwrite(text, 1, strlen(text), d->out);
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

void ms_bug(const char *file, int line, const char *fmt, ...)
{
	char msg[512], out[700];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	int n = snprintf(out, sizeof out, "mstress: bug: %s:%d: %s (please report it)\n", file, line, msg);
	fwrite(out, 1, n < (int)sizeof out ? (size_t)n : sizeof out - 1, stderr);
	abort();
}
