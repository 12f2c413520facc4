/* RFC 4180 CSV reader over a byte buffer: quoted fields with doubled quotes,
 * CRLF or LF, a UTF-8 byte-order mark, ',' or ';' (detected from the header
 * line). Fields point into the input where they can, so reading a large
 * file allocates only for fields that hold doubled quotes. */
#ifndef MS_CSV_H
#define MS_CSV_H
#include <stddef.h>
#include "buf.h"
#include "diag.h"

typedef struct ms_csv_field {
	const char *p;   /* borrows: into the input or into the reader's scratch */
	size_t len;
	long col;        /* 1-based byte column where the field starts */
} ms_csv_field;

typedef struct ms_csv {
	const char *file;        /* borrows; for diagnostics */
	const char *data, *pos, *end;
	char delim;
	long line;               /* line the reader is at */
	long rec_line;           /* line where the current record starts */
	ms_csv_field *field;     /* owned; the current record */
	size_t nfield, cap;
	ms_buf scratch;          /* unescaped text of quoted fields */
	size_t *scratch_off;     /* per field: offset into scratch, or (size_t)-1 */
} ms_csv;

/* delim 0 detects ',' or ';' from the first line. Fails (with a message
 * naming the file) on UTF-16/32 byte-order marks and NUL bytes. */
int ms_csv_open(ms_csv *c, const char *file, const char *data, size_t len,
		char delim, ms_diag *d);
void ms_csv_release(ms_csv *c);
/* Reads the next record: 1 when one was read, 0 at the end, -1 on error.
 * Blank lines are skipped. */
int ms_csv_next(ms_csv *c, ms_diag *d);
/* 1 when field i equals s exactly. */
int ms_csv_field_is(const ms_csv *c, size_t i, const char *s);

#endif
