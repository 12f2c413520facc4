#include "buf.h"
#include "memwatch.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ms_buf_init(ms_buf *b, size_t max)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->max = max;
	b->failed = 0;
}

void ms_buf_release(ms_buf *b)
{
	free(b->data);
	ms_buf_init(b, b->max);
}

int ms_buf_reserve(ms_buf *b, size_t extra)
{
	if (b->failed)
		return -1;
	if (extra > (size_t)-1 / 2 - b->len || (b->max && b->len + extra > b->max)) {
		b->failed = 1;
		return -1;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	char *p = realloc(b->data, cap);
	if (!p) {
		b->failed = 1;
		ms_nomem();      /* a caller may use what it has: never silently */
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

void ms_buf_append(ms_buf *b, const void *p, size_t n)
{
	if (ms_buf_reserve(b, n))
		return;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void ms_buf_puts(ms_buf *b, const char *s) { ms_buf_append(b, s, strlen(s)); }
void ms_buf_putc(ms_buf *b, char c) { ms_buf_append(b, &c, 1); }

void ms_buf_printf(ms_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || ms_buf_reserve(b, (size_t)n)) {
		b->failed = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *ms_buf_detach(ms_buf *b, size_t *len)
{
	if (b->failed) {
		ms_buf_release(b);
		return NULL;
	}
	if (!b->data)
		ms_buf_reserve(b, 0);
	char *p = b->data;
	if (len)
		*len = b->len;
	ms_buf_init(b, b->max);
	return p;
}
