#include "csv.h"
#include "grow.h"
#include <stdlib.h>
#include <string.h>

static char detect_delim(const char *p, const char *end)
{
	size_t commas = 0, semis = 0;
	int quoted = 0;
	for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == ',')
			commas++;
		else if (!quoted && *p == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

int ms_csv_open(ms_csv *c, const char *file, const char *data, size_t len,
		char delim, ms_diag *d)
{
	memset(c, 0, sizeof *c);
	ms_buf_init(&c->scratch, 0);
	c->file = file;
	c->data = data;
	c->end = data + len;
	if (len >= 2 && ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE) &&
	    ((unsigned char)data[1] == 0xFE || (unsigned char)data[1] == 0xFF))
		return ms_error(d, file, 1, 1, "UTF-16/32 byte-order mark: save the file as UTF-8");
	if (memchr(data, '\0', len))
		return ms_error(d, file, 0, 0, "holds NUL bytes: a binary file, not CSV");
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		data += 3;
	c->pos = data;
	c->line = 1;
	c->delim = delim ? delim : detect_delim(c->pos, c->end);
	return 0;
}

void ms_csv_release(ms_csv *c)
{
	free(c->field);
	free(c->scratch_off);
	ms_buf_release(&c->scratch);
	c->field = NULL;
	c->scratch_off = NULL;
	c->nfield = c->cap = 0;
}

static int push_field(ms_csv *c, const char *p, size_t len, size_t off, long col)
{
	if (c->nfield == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		if (MS_RESIZE(c->field, cap) || MS_RESIZE(c->scratch_off, cap))
			return -1;
		c->cap = cap;
	}
	c->field[c->nfield].p = p;
	c->field[c->nfield].len = len;
	c->field[c->nfield].col = col;
	c->scratch_off[c->nfield] = off;
	c->nfield++;
	return 0;
}

int ms_csv_next(ms_csv *c, ms_diag *d)
{
	const char *p = c->pos, *end = c->end;
	/* skip blank lines */
	while (p < end && (*p == '\n' || *p == '\r')) {
		p += (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
		c->line++;
	}
	if (p >= end) {
		c->pos = p;
		return 0;
	}
	c->nfield = 0;
	c->scratch.len = 0;
	long line = c->line;
	const char *line_start = p;
	c->rec_line = line;
	for (;;) {
		long col = (long)(p - line_start) + 1;
		if (p < end && *p == '"') {
			const char *q = ++p;
			size_t off = c->scratch.len;
			int unescaped = 0;
			for (;;) {
				if (q >= end)
					return ms_error(d, c->file, line, 0,
							"unterminated quoted field (the closing '\"' is missing)");
				if (*q == '"') {
					if (q + 1 < end && q[1] == '"') {
						ms_buf_append(&c->scratch, p, (size_t)(q - p) + 1);
						unescaped = 1;
						p = q = q + 2;
						continue;
					}
					break;
				}
				if (*q == '\n')
					c->line++;
				q++;
			}
			if (unescaped) {
				ms_buf_append(&c->scratch, p, (size_t)(q - p));
				if (ms_buf_failed(&c->scratch) ||
				    push_field(c, NULL, c->scratch.len - off, off, col))
					return ms_error(d, c->file, line, 0, "out of memory");
			} else if (push_field(c, p, (size_t)(q - p), (size_t)-1, col)) {
				return ms_error(d, c->file, line, 0, "out of memory");
			}
			p = q + 1;
			if (p < end && *p != c->delim && *p != '\n' && *p != '\r')
				return ms_error(d, c->file, c->line, (long)(p - line_start) + 1,
						"unexpected '%c' after a closing quote", *p);
		} else {
			const char *q = p;
			while (q < end && *q != c->delim && *q != '\n' && *q != '\r') {
				if (*q == '"')
					return ms_error(d, c->file, line, (long)(q - line_start) + 1,
							"quote inside an unquoted field");
				q++;
			}
			if (push_field(c, p, (size_t)(q - p), (size_t)-1, col))
				return ms_error(d, c->file, line, 0, "out of memory");
			p = q;
		}
		if (p < end && *p == c->delim) {
			p++;
			continue;
		}
		break;
	}
	if (p < end && *p == '\r')
		p++;
	if (p < end && *p == '\n')
		p++;
	c->line++;
	c->pos = p;
	/* fields unescaped into scratch get their pointers now that it no longer moves */
	for (size_t i = 0; i < c->nfield; i++)
		if (c->scratch_off[i] != (size_t)-1)
			c->field[i].p = c->scratch.data + c->scratch_off[i];
	return 1;
}

int ms_csv_field_is(const ms_csv *c, size_t i, const char *s)
{
	size_t n = strlen(s);
	return i < c->nfield && c->field[i].len == n && memcmp(c->field[i].p, s, n) == 0;
}
