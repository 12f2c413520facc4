#include "tmpl.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { K_TEXT, K_VAR, K_RAW, K_SECTION, K_INVERTED, K_PARTIAL, K_BLOCK, K_PARENT };

typedef struct node {
	enum kind kind;
	const char *s;            /* borrows the template text: text or tag name */
	size_t n;
	const char *indent;       /* standalone partial/parent/block: the line's indentation */
	size_t indent_n;
	int standalone;           /* the tag's line holds only tags and blanks */
	int same_line;            /* a block closed on the line it opened on */
	size_t content_indent;    /* a standalone block: indentation of its first line */
	unsigned line_id_open;    /* the standalone line the tag sits on */
	struct node *child, *next;
	size_t pos;               /* offset of the tag, for diagnostics */
} node;

typedef struct parser {
	const char *file, *src;
	size_t len, pos;
	char open[16], close[16];
	size_t olen, clen;
	ms_diag *d;
	/* the standalone line being read: its indentation, its last tag's end,
	 * where the next line starts, and a number that tells lines apart */
	int in_line;
	size_t line_start, indent_end, last_tag_end, after;
	unsigned line_id;
} parser;

enum { MAX_CONTEXT = 256, MAX_PARTIAL_DEPTH = 64, MAX_BLOCK_DEPTH = 64 };

static void parser_init(parser *p, const char *file, const char *src, size_t len, ms_diag *d)
{
	memset(p, 0, sizeof *p);
	p->file = file;
	p->src = src;
	p->len = len;
	memcpy(p->open, "{{", 3);
	memcpy(p->close, "}}", 3);
	p->olen = p->clen = 2;
	p->d = d;
}

static void locate(const char *src, size_t pos, long *line, long *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < pos; i++) {
		if (src[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

static int parse_error(parser *p, size_t pos, const char *fmt, const char *a, int an,
		       const char *b)
{
	long line, col;
	locate(p->src, pos, &line, &col);
	char msg[256];
	snprintf(msg, sizeof msg, fmt, an, a, b ? b : "");
	return ms_error(p->d, p->file, line, col, "%s", msg);
}

static void free_nodes(node *n)
{
	while (n) {
		node *next = n->next;
		free_nodes(n->child);
		free(n);
		n = next;
	}
}

static node *add_node(node ***tail, enum kind k, const char *s, size_t n, size_t pos)
{
	node *nd = calloc(1, sizeof *nd);
	if (!nd)
		return NULL;
	nd->kind = k;
	nd->s = s;
	nd->n = n;
	nd->pos = pos;
	**tail = nd;
	*tail = &nd->next;
	return nd;
}

static int is_space(char c) { return c == ' ' || c == '\t'; }

static const char *find(const parser *p, size_t from, const char *s, size_t n)
{
	if (n == 0 || from > p->len)
		return NULL;
	const char *at = p->src + from, *end = p->src + p->len;
	while ((size_t)(end - at) >= n && (at = memchr(at, s[0], (size_t)(end - at) - n + 1))) {
		if (memcmp(at, s, n) == 0)
			return at;
		at++;
	}
	return NULL;
}

/* Where the tag opening at `open` ends (after its closing delimiter), or 0. */
static size_t tag_end_at(const parser *p, size_t open, char *type)
{
	size_t inner = open + p->olen;
	*type = inner < p->len ? p->src[inner] : '\0';
	char want[17];
	size_t extra = 0;
	const char *close;
	if (*type == '{' || *type == '=') {
		want[0] = *type == '{' ? '}' : '=';
		memcpy(want + 1, p->close, p->clen);
		close = find(p, inner + 1, want, p->clen + 1);
		extra = 1;
	} else {
		close = find(p, inner, p->close, p->clen);
	}
	return close ? (size_t)(close - p->src) + extra + p->clen : 0;
}

/* A line that holds only blanks and tags that print nothing by themselves
 * (sections, comments, partials, blocks, parents, a delimiter change) is
 * "standalone": it vanishes with its newline, and its indentation goes to
 * the partials and blocks on it. Called at the line's first tag. */
static int scan_standalone(parser *p, size_t tag_start)
{
	size_t i = tag_start, ntags = 0, last = 0;
	while (i > 0 && is_space(p->src[i - 1]))
		i--;
	if (i > 0 && p->src[i - 1] != '\n')
		return 0;
	size_t line_start = i;
	i = tag_start;
	for (;;) {
		while (i < p->len && is_space(p->src[i]))
			i++;
		if (i >= p->len || p->src[i] == '\n' || (p->src[i] == '\r' && i + 1 < p->len && p->src[i + 1] == '\n'))
			break;
		if (p->len - i < p->olen || memcmp(p->src + i, p->open, p->olen))
			return 0;
		char type;
		size_t end = tag_end_at(p, i, &type);
		/* a delimiter change alters how the rest of the line reads: alone only */
		if (!end || !type || !strchr("#^/>!=$<", type) || (type == '=' && ntags) ||
		    (ntags && last && p->src[last] == '='))
			return 0;
		ntags++;
		last = i + p->olen;
		i = end;
	}
	if (!ntags)
		return 0;
	p->in_line = 1;
	p->line_start = line_start;
	p->indent_end = tag_start;
	p->last_tag_end = i;
	while (p->last_tag_end > 0 && is_space(p->src[p->last_tag_end - 1]))
		p->last_tag_end--;
	p->after = i < p->len ? i + (p->src[i] == '\r' ? 2 : 1) : i;
	p->line_id++;
	return 1;
}

static void trim_span(const char **s, size_t *n)
{
	while (*n && is_space(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_space((*s)[*n - 1]))
		(*n)--;
}

static int set_delimiters(parser *p, const char *s, size_t n, size_t pos)
{
	trim_span(&s, &n);
	size_t i = 0;
	while (i < n && !is_space(s[i]))
		i++;
	size_t olen = i;
	while (i < n && is_space(s[i]))
		i++;
	size_t cstart = i;
	size_t clen = n - cstart;
	if (olen == 0 || clen == 0 || olen >= sizeof p->open || clen >= sizeof p->close ||
	    memchr(s + cstart, ' ', clen) || memchr(s, '=', olen))
		return parse_error(p, pos, "bad delimiter change '%.*s'%s", s, (int)n, NULL);
	memcpy(p->open, s, olen);
	p->olen = olen;
	memcpy(p->close, s + cstart, clen);
	p->clen = clen;
	return 0;
}

/* Parses nodes up to the closing tag of `section` (NULL: to the end). */
static int parse_list(parser *p, node **list, node *section)
{
	node **tail = list;
	*list = NULL;
	for (;;) {
		size_t text_start = p->pos;
		const char *open = find(p, p->pos, p->open, p->olen);
		if (!open) {
			if (section)
				return parse_error(p, section->pos, "section '%.*s' is never closed%s",
						   section->s, (int)section->n, NULL);
			if (p->len > text_start && !add_node(&tail, K_TEXT, p->src + text_start,
							     p->len - text_start, text_start))
				return ms_error(p->d, p->file, 0, 0, "out of memory");
			p->pos = p->len;
			return 0;
		}
		size_t tag_start = (size_t)(open - p->src);
		size_t inner = tag_start + p->olen;
		char type;
		size_t tag_end = tag_end_at(p, tag_start, &type);
		if (!tag_end)
			return parse_error(p, tag_start, "tag is never closed (no '%.*s')%s",
					   p->close, (int)p->clen, NULL);
		int sigil = type && strchr("{&#^/>!=$<", type);
		const char *name = p->src + inner + (sigil ? 1 : 0);
		/* the sigil may also be the first byte of the closing delimiter
		 * ("<%>" with "<%" and ">"): then the name is empty */
		size_t name_at = (size_t)(name - p->src);
		size_t name_end = tag_end - p->clen - (type == '{' || type == '=' ? 1 : 0);
		size_t name_n = name_end > name_at ? name_end - name_at : 0;
		if (type != '!' && type != '=')
			trim_span(&name, &name_n);
		int first_on_line = !p->in_line;
		if (first_on_line)
			scan_standalone(p, tag_start);
		/* text before the tag, but none of a standalone line's blanks */
		size_t text_end = tag_start;
		if (p->in_line)
			text_end = first_on_line ? p->line_start : text_start;
		if (text_end > text_start &&
		    !add_node(&tail, K_TEXT, p->src + text_start, text_end - text_start, text_start))
			return ms_error(p->d, p->file, 0, 0, "out of memory");
		int standalone = p->in_line;
		size_t line_start = p->line_start, indent_end = p->indent_end;
		unsigned line_id = p->line_id;
		p->pos = tag_end;
		if (p->in_line && tag_end >= p->last_tag_end) {
			p->pos = p->after;
			p->in_line = 0;
		}
		if (type == '!')
			continue;
		if (type == '=') {
			if (set_delimiters(p, name, name_n, tag_start))
				return -1;
			continue;
		}
		if (type != '!' && type != '=' && name_n == 0)
			return parse_error(p, tag_start, "empty tag name%.*s%s", "", 0, NULL);
		if (type == '/') {
			if (!section)
				return parse_error(p, tag_start, "closing tag '%.*s' without an open section%s",
						   name, (int)name_n, NULL);
			if (section->n != name_n || memcmp(section->s, name, name_n)) {
				char opened[128];
				snprintf(opened, sizeof opened, "'%.*s'", (int)(section->n > 60 ? 60 : section->n),
					 section->s);
				return parse_error(p, tag_start, "closing tag '%.*s' does not match the open section %s",
						   name, (int)name_n, opened);
			}
			section->same_line = section->standalone && standalone && line_id == section->line_id_open;
			return 0;
		}
		enum kind k = type == '{' || type == '&' ? K_RAW : type == '#' ? K_SECTION :
			      type == '^' ? K_INVERTED : type == '>' ? K_PARTIAL :
			      type == '$' ? K_BLOCK : type == '<' ? K_PARENT : K_VAR;
		node *nd = add_node(&tail, k, name, name_n, tag_start);
		if (!nd)
			return ms_error(p->d, p->file, 0, 0, "out of memory");
		if (standalone) {
			nd->standalone = 1;
			nd->line_id_open = line_id;
			if (k == K_PARTIAL || k == K_PARENT || k == K_BLOCK) {
				nd->indent = p->src + line_start;
				nd->indent_n = indent_end - line_start;
			}
		}
		if ((k == K_SECTION || k == K_INVERTED || k == K_BLOCK || k == K_PARENT) &&
		    parse_list(p, &nd->child, nd))
			return -1;
		if (k == K_BLOCK && nd->standalone && nd->child && nd->child->kind == K_TEXT) {
			while (nd->content_indent < nd->child->n && is_space(nd->child->s[nd->content_indent]))
				nd->content_indent++;
		}
	}
}

/* ---- rendering ---- */

typedef struct source {
	const char *file, *text;
	size_t len;
} source;

typedef struct override {
	const node *block;        /* the {{$name}} tag that overrides */
	const source *src;        /* the template it is written in (its positions are there) */
	struct override *next;
} override;

typedef struct renderer {
	const ms_tmpl_opts *o;
	ms_escape_fn escape;
	ms_diag *d;
	ms_buf *out;
	json_t *stack[MAX_CONTEXT];
	int depth;
	int partial_depth;
	int block_depth;
	int overflow;             /* an output buffer was full (its cap) or memory ran out */
	override *overrides;
} renderer;

static int render_list(renderer *r, const source *src, const node *n);

static json_t *lookup(renderer *r, const char *name, size_t n, int *found)
{
	*found = 0;
	if (n == 1 && name[0] == '.') {
		*found = 1;
		return r->depth ? r->stack[r->depth - 1] : NULL;
	}
	const char *dot = memchr(name, '.', n);
	size_t first = dot ? (size_t)(dot - name) : n;
	char key[256];
	if (first >= sizeof key)
		return NULL;
	memcpy(key, name, first);
	key[first] = '\0';
	json_t *v = NULL;
	for (int i = r->depth - 1; i >= 0 && !v; i--)
		if (json_is_object(r->stack[i]))
			v = json_object_get(r->stack[i], key);
	if (!v)
		return NULL;
	size_t pos = first;
	while (pos < n) {
		const char *seg = name + pos + 1;
		const char *next = memchr(seg, '.', n - pos - 1);
		size_t len = next ? (size_t)(next - seg) : n - pos - 1;
		if (len >= sizeof key || !json_is_object(v))
			return NULL;
		memcpy(key, seg, len);
		key[len] = '\0';
		v = json_object_get(v, key);
		if (!v)
			return NULL;
		pos += len + 1;
	}
	*found = 1;
	return v;
}

static int truthy(const json_t *v)
{
	if (!v || json_is_null(v) || json_is_false(v))
		return 0;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	return 1;
}

void ms_format_number(char out[32], double v)
{
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(out, 32, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

static int render_error(renderer *r, const source *src, const node *n, const char *what)
{
	long line, col;
	locate(src->text, n->pos, &line, &col);
	return ms_error(r->d, src->file, line, col, "%s '%.*s'", what, (int)(n->n > 80 ? 80 : n->n), n->s);
}

static int render_value(renderer *r, const source *src, const node *n)
{
	int found;
	json_t *v = lookup(r, n->s, n->n, &found);
	if (!found && r->o->strict)
		return render_error(r, src, n, "no value for");
	char num[32];
	const char *s = NULL;
	size_t len = 0;
	if (json_is_string(v)) {
		s = json_string_value(v);
		len = json_string_length(v);
	} else if (json_is_integer(v)) {
		snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
		s = num;
	} else if (json_is_real(v)) {
		ms_format_number(num, json_real_value(v));
		s = num;
	} else if (json_is_boolean(v)) {
		s = json_is_true(v) ? "true" : "false";
	} else if (v && !json_is_null(v) && r->o->strict) {
		return render_error(r, src, n, "a list or object cannot be printed:");
	}
	if (!s)
		return 0;
	if (!len)
		len = strlen(s);
	if (n->kind == K_RAW)
		ms_buf_append(r->out, s, len);
	else
		r->escape(r->out, s, len);
	return 0;
}

static int push(renderer *r, const source *src, const node *n, json_t *v)
{
	if (r->depth == MAX_CONTEXT)
		return render_error(r, src, n, "sections nested too deeply at");
	r->stack[r->depth++] = v;
	return 0;
}

static int render_section(renderer *r, const source *src, const node *n)
{
	int found;
	json_t *v = lookup(r, n->s, n->n, &found);
	if (!found && r->o->strict)
		return render_error(r, src, n, "no value for section");
	if (n->kind == K_INVERTED)
		return truthy(v) ? 0 : render_list(r, src, n->child);
	if (!truthy(v))
		return 0;
	if (json_is_array(v)) {
		size_t i;
		json_t *item;
		json_array_foreach(v, i, item) {
			if (push(r, src, n, item))
				return -1;
			int rc = render_list(r, src, n->child);
			r->depth--;
			if (rc)
				return -1;
		}
		return 0;
	}
	if (push(r, src, n, v))
		return -1;
	int rc = render_list(r, src, n->child);
	r->depth--;
	return rc;
}

/* Prefixes each line of text with indent (a standalone partial's indentation). */
static char *indent_text(const char *text, size_t len, const char *indent, size_t ilen, size_t *out_len)
{
	ms_buf b;
	ms_buf_init(&b, 0);
	int at_line_start = 1;
	for (size_t i = 0; i < len; i++) {
		if (at_line_start)
			ms_buf_append(&b, indent, ilen);
		ms_buf_putc(&b, text[i]);
		at_line_start = text[i] == '\n';
	}
	return ms_buf_detach(&b, out_len);
}

static int render_partial(renderer *r, const source *src, const node *n)
{
	char name[256];
	if (n->n >= sizeof name)
		return render_error(r, src, n, "partial name too long:");
	memcpy(name, n->s, n->n);
	name[n->n] = '\0';
	char *text = NULL, *file = NULL;
	if (!r->o->partial || r->o->partial(r->o->partial_ctx, name, &text, &file)) {
		if (r->o->strict || n->kind == K_PARENT)
			return render_error(r, src, n, "no such partial");
		return 0;
	}
	if (r->partial_depth >= MAX_PARTIAL_DEPTH) {
		free(text);
		free(file);
		return render_error(r, src, n, "partials nested too deeply at");
	}
	size_t len = strlen(text);
	if (n->indent_n) {
		size_t ilen;
		char *indented = indent_text(text, len, n->indent, n->indent_n, &ilen);
		free(text);
		if (!indented) {
			free(file);
			return ms_error(r->d, src->file, 0, 0, "out of memory");
		}
		text = indented;
		len = ilen;
	}
	parser p;
	parser_init(&p, file ? file : name, text, len, r->d);
	node *tree = NULL;
	int rc = parse_list(&p, &tree, NULL);
	override *saved = r->overrides;
	override *added = NULL;
	if (!rc && n->kind == K_PARENT) {
		/* The parent's own block tags are overridden by this tag's blocks,
		 * which yield in turn to overrides from further out. */
		for (const node *c = n->child; c && !rc; c = c->next) {
			if (c->kind != K_BLOCK)
				continue;
			override *o = malloc(sizeof *o);
			if (!o) {
				rc = ms_error(r->d, src->file, 0, 0, "out of memory");
				break;
			}
			*o = (override){ c, src, added };
			added = o;
		}
		if (added) {
			override *last = added;
			while (last->next)
				last = last->next;
			last->next = saved;
			r->overrides = added;
		}
	}
	if (!rc) {
		source psrc = { p.file, text, len };
		r->partial_depth++;
		rc = render_list(r, &psrc, tree);
		r->partial_depth--;
	}
	r->overrides = saved;
	while (added && added != saved) {
		override *next = added->next;
		free(added);
		added = next;
	}
	free_nodes(tree);
	free(text);
	free(file);
	return rc;
}

/* Re-indents rendered block text: the indentation the body had where it was
 * written goes, the indentation of the site it lands on comes. */
static void reindent(ms_buf *out, const char *text, size_t len, size_t strip, const char *add,
		     size_t add_n)
{
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) + 1 : len;
		size_t k = 0;
		while (k < strip && i + k < end && is_space(text[i + k]))
			k++;
		ms_buf_append(out, add, add_n);
		ms_buf_append(out, text + i + k, end - i - k);
		i = end;
	}
}

static int render_block(renderer *r, const source *src, const node *n)
{
	/* an override may name its own block: each round goes one level deeper */
	if (r->block_depth >= MAX_BLOCK_DEPTH)
		return render_error(r, src, n, "blocks nested too deeply at");
	/* the outermost override wins: search from the far end of the chain */
	const node *body = n;
	const source *body_src = src;
	for (const override *o = r->overrides; o; o = o->next)
		if (o->block->n == n->n && memcmp(o->block->s, n->s, n->n) == 0) {
			body = o->block;
			body_src = o->src;
		}
	r->block_depth++;
	if (!body->content_indent && !n->standalone) {
		int rc = render_list(r, body_src, body->child);
		r->block_depth--;
		return rc;
	}
	ms_buf *out = r->out, tmp;
	/* the block's text goes into out after: it may use only out's room */
	ms_buf_init(&tmp, !out->max ? 0 : out->len < out->max ? out->max - out->len : 1);
	r->out = &tmp;
	int rc = render_list(r, body_src, body->child);
	r->block_depth--;
	r->out = out;
	if (ms_buf_failed(&tmp))
		r->overflow = 1;
	/* a standalone site's indentation: the tag's, or its default content's */
	const char *add = n->indent;
	size_t add_n = n->standalone ? n->indent_n : 0;
	if (n->standalone && n->content_indent && n->child) {
		add = n->child->s;
		add_n = n->content_indent;
	}
	if (!rc)
		reindent(out, tmp.data ? tmp.data : "", tmp.len, body->content_indent, add, add_n);
	/* a block opened and closed on one standalone line keeps that line's end */
	if (!rc && n->same_line)
		ms_buf_putc(out, '\n');
	ms_buf_release(&tmp);
	return rc;
}

static int render_list(renderer *r, const source *src, const node *n)
{
	for (; n; n = n->next) {
		/* a full buffer ends the rendering: partials calling themselves
		 * could otherwise go on doubling the output for a long time */
		if (ms_buf_failed(r->out)) {
			r->overflow = 1;
			return -1;
		}
		int rc = 0;
		switch (n->kind) {
		case K_TEXT:
			ms_buf_append(r->out, n->s, n->n);
			break;
		case K_VAR:
		case K_RAW:
			rc = render_value(r, src, n);
			break;
		case K_SECTION:
		case K_INVERTED:
			rc = render_section(r, src, n);
			break;
		case K_PARTIAL:
		case K_PARENT:
			rc = render_partial(r, src, n);
			break;
		case K_BLOCK:
			rc = render_block(r, src, n);
			break;
		}
		if (rc)
			return rc;
	}
	return 0;
}

int ms_tmpl_render(const char *file, const char *text, size_t len, json_t *data,
		   const ms_tmpl_opts *opts, ms_buf *out, ms_diag *d)
{
	static const ms_tmpl_opts defaults = { NULL, NULL, NULL, 0 };
	parser p;
	parser_init(&p, file, text, len, d);
	node *tree = NULL;
	if (parse_list(&p, &tree, NULL)) {
		free_nodes(tree);
		return -1;
	}
	renderer r;
	memset(&r, 0, sizeof r);
	r.o = opts ? opts : &defaults;
	r.escape = r.o->escape ? r.o->escape : ms_escape_html;
	r.d = d;
	r.out = out;
	r.stack[r.depth++] = data;
	source src = { file, text, len };
	int rc = render_list(&r, &src, tree);
	free_nodes(tree);
	if (r.overflow || (!rc && ms_buf_failed(out))) {
		if (out->max)
			rc = ms_error(d, file, 0, 0, "the rendered template outgrew %zu MB, or memory ran out",
				      out->max >> 20);
		else
			rc = ms_error(d, file, 0, 0, "out of memory rendering the template");
	}
	return rc;
}

void ms_escape_html(ms_buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': ms_buf_puts(out, "&amp;"); break;
		case '<': ms_buf_puts(out, "&lt;"); break;
		case '>': ms_buf_puts(out, "&gt;"); break;
		case '"': ms_buf_puts(out, "&quot;"); break;
		case '\'': ms_buf_puts(out, "&#39;"); break;
		default: ms_buf_putc(out, s[i]);
		}
	}
}

void ms_escape_none(ms_buf *out, const char *s, size_t n)
{
	ms_buf_append(out, s, n);
}

void ms_escape_markdown(ms_buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n' || c == '\r') {
			ms_buf_putc(out, ' ');
			continue;
		}
		if (c < 128 && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) && c)
			ms_buf_putc(out, '\\');
		ms_buf_putc(out, (char)c);
	}
}
