/* Growable byte buffer with a hard size cap and a sticky error: after a
 * failed append (out of memory or over the cap) every later append is a
 * no-op and ms_buf_failed() says so, so builders check once at the end. */
#ifndef MS_BUF_H
#define MS_BUF_H
#include <stddef.h>
#include "diag.h"

typedef struct ms_buf {
	char *data;     /* owned; always NUL-terminated when non-NULL */
	size_t len, cap;
	size_t max;     /* hard cap on len; 0 means no cap */
	int failed;
} ms_buf;

void ms_buf_init(ms_buf *b, size_t max);
void ms_buf_release(ms_buf *b);
int ms_buf_reserve(ms_buf *b, size_t extra);
void ms_buf_append(ms_buf *b, const void *p, size_t n);
void ms_buf_puts(ms_buf *b, const char *s);
void ms_buf_putc(ms_buf *b, char c);
void ms_buf_printf(ms_buf *b, const char *fmt, ...) MS_PRINTF(2, 3);
/* Returns the data (owned by the caller, never NULL unless failed) and resets b. */
char *ms_buf_detach(ms_buf *b, size_t *len);
static inline int ms_buf_failed(const ms_buf *b) { return b->failed; }
/* Text of the buffer; "" when empty. Borrowed. */
static inline const char *ms_buf_str(const ms_buf *b) { return b->data ? b->data : ""; }

#endif
