/* Mustache templates over a jansson data tree: variables (escaped by the
 * caller's escaper), {{{raw}}} and {{&raw}}, sections, inverted sections,
 * comments, partials, delimiter changes, and the inheritance module's
 * blocks and parents. Errors name the template's file, line and column. */
#ifndef MS_TMPL_H
#define MS_TMPL_H
#include <stddef.h>
#include <jansson.h>
#include "buf.h"
#include "diag.h"

/* Appends s (n bytes) to out, escaped for the output it lands in. */
typedef void (*ms_escape_fn)(ms_buf *out, const char *s, size_t n);
/* Returns the partial's text in *text (owned by the caller, malloc'd) and a
 * name for diagnostics in *file (owned), or -1 when there is no such partial. */
typedef int (*ms_partial_fn)(void *ctx, const char *name, char **text, char **file);

typedef struct ms_tmpl_opts {
	ms_escape_fn escape;          /* NULL: HTML escaping */
	ms_partial_fn partial;        /* NULL: no partials */
	void *partial_ctx;
	int strict;                   /* missing partials and names are errors, not "" */
} ms_tmpl_opts;

/* Renders template text (len bytes; file names it in messages) with data
 * into out. Returns 0, or -1 after reporting the error. */
int ms_tmpl_render(const char *file, const char *text, size_t len, json_t *data,
		   const ms_tmpl_opts *opts, ms_buf *out, ms_diag *d);

void ms_escape_html(ms_buf *out, const char *s, size_t n);
/* Copies the value unchanged (for plain-text output). */
void ms_escape_none(ms_buf *out, const char *s, size_t n);
/* Escapes for Markdown source: every ASCII punctuation character gets a
 * backslash, so a value can never become markup or a table cell break. */
void ms_escape_markdown(ms_buf *out, const char *s, size_t n);
/* Formats a number as its shortest round-tripping decimal ("1.21", "3"). */
void ms_format_number(char out[32], double v);

#endif
