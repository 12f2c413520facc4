#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cmark-gfm-core-extensions.h>
#include "doc_internal.h"
#include "memwatch.h"
#include "grow.h"
#include "pages.h"
#include "pdf_pages.h"

/* Sizes in points; the page, margins and text come from the theme. */
#define CONTENT_W (r->th->page_w - r->th->margin_left - r->th->margin_right)
/* running text's width at an indent: the theme's measure, within the column */
#define TEXT_W(indent) fmin(r->text_w, CONTENT_W - (indent))
#define TABLE_SIZE 8.8
#define TABLE_LEAD 12.4
#define CELL_PAD_X 5.0
#define CELL_PAD_Y 3.2
#define MAX_PAGES 2000
#define MAX_CONTENTS 48

static const ms_rgba HEAD_BG = { 0.94, 0.95, 0.96, 1 };
static const ms_rgba CODE_BG = { 0.95, 0.95, 0.95, 1 };

/* Inline text is cut into words (runs of pieces with no space between),
 * which lines are filled with. */
typedef struct piece {
	const char *s;            /* borrows a cmark literal */
	size_t n;
	enum ms_face face;
	const char *url;          /* borrows; NULL when not a link */
} piece;

typedef struct word {
	size_t first, count;      /* pieces */
	double width;
	int break_before;         /* a hard line break precedes it */
} word;

typedef struct inl {
	piece *pc;
	size_t npc, cappc;
	word *w;
	size_t nw, capw;
	int open;                 /* the last word still takes pieces */
	int pending_break;
	int failed;
} inl;

typedef struct line {
	size_t first, count;      /* words */
	double width;
} line;

typedef struct R {
	ms_pages pp;              /* the pages laid out so far; the last is being filled */
	const ms_fontset *fonts;
	int failed;               /* an error was said: nothing more is laid out */
	const ms_theme *th;
	double text_w;            /* the measure of running text in points */
	ms_rgba ink;              /* the colour of running text here (quotes are muted) */
	const ms_doc_meta *meta;
	const ms_doc_chart *charts;
	size_t ncharts;
	const ms_doc *doc;
	ms_diag *d;
	double y;                 /* next free position, PDF coordinates (from the page's foot) */
	int at_top;               /* nothing drawn on this page yet */
	ms_buf *layout;           /* NULL, or where the layout is logged (--dump-layout) */
	const char *marker;       /* list marker waiting for the next line */
	double marker_x;
	int warned_html;
} R;

/* ---- inline collection ---- */

static void inl_free(inl *in)
{
	free(in->pc);
	free(in->w);
	memset(in, 0, sizeof *in);
}

static void inl_piece(inl *in, const ms_fontset *f, double size, const char *s, size_t n,
		      enum ms_face face, const char *url)
{
	if (n == 0 || in->failed)
		return;
	if (MS_GROW(in->pc, in->npc, in->cappc)) {
		in->failed = 1;
		return;
	}
	if (!in->open) {
		if (MS_GROW(in->w, in->nw, in->capw)) {
			in->failed = 1;
			return;
		}
		in->w[in->nw++] = (word){ in->npc, 0, 0, in->pending_break };
		in->pending_break = 0;
		in->open = 1;
	}
	in->pc[in->npc++] = (piece){ s, n, face, url };
	word *w = &in->w[in->nw - 1];
	w->count++;
	w->width += ms_text_width(f, face, size, s, n);
}

/* Splits text at ASCII spaces (no-break spaces keep "44.1 %" whole). */
static void inl_text(inl *in, const ms_fontset *f, double size, const char *s, enum ms_face face,
		     const char *url)
{
	while (*s) {
		const char *sp = strchr(s, ' ');
		size_t n = sp ? (size_t)(sp - s) : strlen(s);
		inl_piece(in, f, size, s, n, face, url);
		if (!sp)
			break;
		in->open = 0;
		s = sp + 1;
	}
}

static void collect(inl *in, const ms_fontset *f, double size, cmark_node *node, enum ms_face base)
{
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
			inl_text(in, f, size, cmark_node_get_literal(c), base, NULL);
			break;
		case CMARK_NODE_CODE:
			inl_text(in, f, size, cmark_node_get_literal(c), MS_MONO, NULL);
			break;
		case CMARK_NODE_SOFTBREAK:
			in->open = 0;
			break;
		case CMARK_NODE_LINEBREAK:
			in->open = 0;
			in->pending_break = 1;
			break;
		case CMARK_NODE_STRONG:
			collect(in, f, size, c, MS_BOLD);
			break;
		case CMARK_NODE_EMPH:
			collect(in, f, size, c, base == MS_BOLD ? MS_BOLD : MS_ITALIC);
			break;
		case CMARK_NODE_LINK: {
			size_t from = in->npc;
			collect(in, f, size, c, base);
			for (size_t i = from; i < in->npc; i++)
				in->pc[i].url = cmark_node_get_url(c);
			break;
		}
		default:
			collect(in, f, size, c, base);
		}
	}
}

/* Greedy line filling; a word wider than the line gets a line of its own. */
static size_t break_lines(const inl *in, const ms_fontset *f, double size, double width,
			  line **out)
{
	double space = ms_text_width(f, MS_REGULAR, size, " ", 1);
	line *ls = malloc((in->nw ? in->nw : 1) * sizeof *ls);
	size_t nl = 0;
	if (!ls)
		return (size_t)-1;
	for (size_t i = 0; i < in->nw; i++) {
		const word *w = &in->w[i];
		if (nl && !w->break_before && ls[nl - 1].width + space + w->width <= width) {
			ls[nl - 1].count++;
			ls[nl - 1].width += space + w->width;
			continue;
		}
		ls[nl++] = (line){ i, 1, w->width };
	}
	*out = ls;
	return nl;
}

/* ---- pages ---- */

static void new_page(R *r)
{
	if (r->failed)
		return;
	if (r->pp.n == MAX_PAGES) {
		ms_error(r->d, r->doc->file, 0, 0, "more than %d pages", MAX_PAGES);
		r->failed = 1;
		return;
	}
	if (!ms_pages_insert(&r->pp, r->pp.n))
		return;
	if (r->layout)
		ms_buf_printf(r->layout, "page %zu\n", r->pp.n);
	r->y = r->th->page_h - r->th->margin_top;
	r->at_top = 1;
}

/* Starts a new page unless h points fit above the bottom margin. */
static void need(R *r, double h)
{
	if (r->y - h < r->th->margin_bottom && !r->at_top)
		new_page(r);
}

static void gap(R *r, double h)
{
	if (!r->at_top)
		r->y -= h;
}

/* Drawing takes PDF coordinates (y from the page's foot), as the layout
 * counts; the pages hold them from the top, as charts do. */
static ms_page *page_at(R *r, size_t i)
{
	return i < r->pp.n ? &r->pp.page[i] : NULL;
}

static ms_page *current(R *r)
{
	return r->pp.n ? page_at(r, r->pp.n - 1) : NULL;
}

static void text(R *r, ms_page *pg, enum ms_face face, double size, ms_rgba c, double x, double y, const char *s,
		 size_t n)
{
	if (pg)
		ms_page_text(&r->pp, pg, face, size, c, x, r->th->page_h - y, s, n);
}

static void rect(R *r, double x, double y, double w, double h, ms_rgba c)
{
	ms_page *pg = current(r);
	if (pg)
		ms_page_rect(&r->pp, pg, x, r->th->page_h - y - h, w, h, c);
}

static void segment(R *r, ms_page *pg, double x0, double y0, double x1, double y1, ms_rgba c, double width)
{
	if (pg)
		ms_page_line(&r->pp, pg, x0, r->th->page_h - y0, x1, r->th->page_h - y1, c, width);
}

static void hline(R *r, ms_page *pg, double x0, double x1, double y, ms_rgba c, double width)
{
	segment(r, pg, x0, y, x1, y, c, width);
}

/* A link's box over a run of text at baseline y. */
static void link_url(R *r, double x0, double x1, double y, double size, const char *url)
{
	ms_page *pg = current(r);
	if (pg)
		ms_page_link_url(&r->pp, pg, x0, r->th->page_h - y - size * 0.85, x1, r->th->page_h - y + size * 0.25, url);
}

/* Draws one line of words with its left edge at x and baseline at y. */
static void draw_line(R *r, const inl *in, const line *l, double x, double y, double size,
		      ms_rgba color)
{
	double space = ms_text_width(r->fonts, MS_REGULAR, size, " ", 1);
	for (size_t k = 0; k < l->count; k++) {
		const word *w = &in->w[l->first + k];
		for (size_t j = 0; j < w->count; j++) {
			const piece *pc = &in->pc[w->first + j];
			double pw = ms_text_width(r->fonts, pc->face, size, pc->s, pc->n);
			text(r, current(r), pc->face, size, pc->url ? r->th->accent : color, x, y, pc->s, pc->n);
			if (pc->url)
				link_url(r, x, x + pw, y, size, pc->url);
			x += pw;
		}
		x += space;
	}
}

/* Flows inline content as a paragraph at x, width wide, breaking pages
 * between lines. */
static void flow(R *r, cmark_node *node, enum ms_face face, double size, double lead, double x,
		 double width, ms_rgba color)
{
	inl in;
	memset(&in, 0, sizeof in);
	collect(&in, r->fonts, size, node, face);
	line *ls = NULL;
	size_t nl = in.failed ? (size_t)-1 : break_lines(&in, r->fonts, size, width, &ls);
	if (nl == (size_t)-1) {
		ms_error(r->d, r->doc->file, 0, 0, "out of memory laying out text");
		r->failed = 1;
		inl_free(&in);
		return;
	}
	double ascent = ms_font_ascent(r->fonts, MS_REGULAR, size);
	for (size_t i = 0; i < nl; i++) {
		need(r, lead);
		double base = r->y - ascent - (lead - size * 1.17) / 2;
		draw_line(r, &in, &ls[i], x, base, size, color);
		if (r->marker) {
			text(r, current(r), MS_REGULAR, size, color, r->marker_x, base, r->marker, strlen(r->marker));
			r->marker = NULL;
		}
		r->y -= lead;
		r->at_top = 0;
	}
	free(ls);
	inl_free(&in);
}

/* One line of the layout log per block: where it starts on its page, what it
 * is, its first words. Pages are numbered as laid out (before the contents
 * page goes in). */
static void log_block(R *r, const char *kind, cmark_node *node)
{
	if (!r->layout)
		return;
	ms_buf text;
	ms_buf_init(&text, 0);
	if (node)
		ms_doc_plain_text(node, &text);
	size_t n = 0;
	const char *s = ms_buf_str(&text);
	while (s[n] && n < 48)        /* whole UTF-8 characters only */
		n++;
	while (n && s[n] && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	if (ms_buf_failed(&text))
		r->layout->failed = 1;     /* the log is then not written, and the build fails */
	ms_buf_printf(r->layout, "  %6.1f %s", r->y, kind);
	if (n)
		ms_buf_printf(r->layout, " \"%.*s%s\"", (int)n, s, s[n] ? "…" : "");
	ms_buf_putc(r->layout, '\n');
	ms_buf_release(&text);
}

/* Tables of at most this many body rows are kept whole; a longer one is
 * split with at least KEEP_ROWS rows on each side. */
#define WHOLE_TABLE_ROWS 12
#define KEEP_ROWS 3

/* The height of a table's header and its first `rows` body rows, taking
 * each row as one line (a heading's estimate of what must follow it). */
static double table_top_height(cmark_node *table, size_t rows)
{
	size_t n = 0;
	for (cmark_node *row = cmark_node_first_child(table); row; row = cmark_node_next(row))
		n++;
	size_t body = n ? n - 1 : 0;
	size_t keep = body <= WHOLE_TABLE_ROWS ? body : rows;
	return 6 + (double)(keep + 1) * (TABLE_LEAD + 2 * CELL_PAD_Y);
}

/* The room the top of a table wants (its caption, header and first rows)
 * when node is a table or a table's caption; 0 otherwise. */
static double table_top(cmark_node *node)
{
	double caption = 0;       /* a caption goes with its table: counted as two lines */
	if (node && ms_doc_is_caption(node)) {
		node = cmark_node_next(node);
		caption = 2 * TABLE_LEAD + 3;
	}
	return node && !strcmp(cmark_node_get_type_string(node), "table") ?
	       caption + table_top_height(node, KEEP_ROWS) : 0;
}

/* Room a heading wants below it: the whole chart that follows, a table's
 * header and first rows (all of a short one), or its first paragraph and,
 * when a table follows that, the table's first rows too. */
static double next_block_height(R *r, cmark_node *next)
{
	const char *id = next ? ms_doc_chart_id(next) : NULL;
	const ms_doc_chart *c = id ? ms_doc_find_chart(r->charts, r->ncharts, id) : NULL;
	if (c)
		return c->chart->height * CONTENT_W / c->chart->width + 6;
	double table = table_top(next);
	if (table > 0)
		return table;
	if (next && cmark_node_get_type(next) == CMARK_NODE_PARAGRAPH) {
		/* the whole first paragraph, measured as flow() will set it */
		inl in;
		memset(&in, 0, sizeof in);
		line *ls = NULL;
		collect(&in, r->fonts, r->th->body_size, next, MS_REGULAR);
		size_t nl = in.failed ? (size_t)-1 : break_lines(&in, r->fonts, r->th->body_size, TEXT_W(0), &ls);
		inl_free(&in);
		free(ls);
		table = table_top(cmark_node_next(next));
		table += table > 0 ? 7 : 0;     /* blocks() leaves 7 after a paragraph */
		if (nl != (size_t)-1)
			return (double)nl * r->th->body_lead + table;
		if (!r->failed)        /* a guess would paginate another way: no PDF rather than another */
			ms_error(r->d, r->doc->file, 0, 0, "out of memory laying out text");
		r->failed = 1;
	}
	return 3 * r->th->body_lead;
}

static void heading(R *r, cmark_node *node)
{
	static const double sizes[] = { 0, 19, 14, 11.5, 10.5, 10, 10 };
	int level = cmark_node_get_heading_level(node);
	if (level < 1 || level > 6)
		level = 6;
	double size = sizes[level], lead = size * 1.3;
	gap(r, level <= 2 ? 16 : 10);
	need(r, lead + 8 + next_block_height(r, cmark_node_next(node)));   /* keep with what follows */
	if (r->y - lead < r->th->page_h / 5 && !r->at_top)                 /* never in the bottom fifth */
		new_page(r);
	log_block(r, "heading", node);
	ms_buf title;              /* its bookmark */
	ms_buf_init(&title, 0);
	ms_doc_plain_text(node, &title);
	if (ms_buf_failed(&title) && !r->failed) {      /* a bookmark without its words */
		ms_error(r->d, r->doc->file, 0, 0, "out of memory laying out a heading");
		r->failed = 1;
	}
	if (!r->failed && r->pp.n)
		ms_pages_outline(&r->pp, ms_buf_str(&title), level, r->pp.n - 1, r->th->page_h - r->y);
	ms_buf_release(&title);
	flow(r, node, MS_BOLD, size, lead, r->th->margin_left, TEXT_W(0), r->th->text);
	if (level == 1)
		hline(r, current(r), r->th->margin_left, r->th->margin_left + CONTENT_W, r->y + 2, r->th->rule, 0.6);
	r->y -= level <= 2 ? 4 : 2;
}

static void chart(R *r, const ms_doc_chart *c, double x, double width)
{
	double k = width / c->chart->width;
	double h = c->chart->height * k;
	gap(r, 6);
	need(r, h);
	if (current(r))
		ms_page_chart_at(&r->pp, current(r), c->chart, x, r->th->page_h - r->y, k);
	r->y -= h + 8;
	r->at_top = 0;
}

/* ---- tables ---- */

typedef struct cell {
	inl in;
	line *ls;
	size_t nl;
	char align;               /* 'l', 'c' or 'r' */
} cell;

static int looks_numeric(const inl *in)
{
	if (!in->npc)
		return 0;
	const unsigned char *s = (const unsigned char *)in->pc[0].s;
	return (*s >= '0' && *s <= '9') || *s == '$' || *s == '+' ||
	       (s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92) || (*s == '-' && s[1] >= '0' && s[1] <= '9');
}

static double row_height(const cell *row, size_t ncols)
{
	size_t lines = 1;
	for (size_t c = 0; c < ncols; c++)
		if (row[c].nl > lines)
			lines = row[c].nl;
	return (double)lines * TABLE_LEAD + 2 * CELL_PAD_Y;
}

static void draw_row(R *r, cell *row, size_t ncols, const double *colw, double x0, int header)
{
	double h = row_height(row, ncols), total = 0;
	for (size_t c = 0; c < ncols; c++)
		total += colw[c];
	if (header)
		rect(r, x0, r->y - h, total, h, HEAD_BG);
	double ascent = ms_font_ascent(r->fonts, MS_REGULAR, TABLE_SIZE);
	double x = x0;
	for (size_t c = 0; c < ncols; c++) {
		cell *ce = &row[c];
		for (size_t i = 0; i < ce->nl; i++) {
			double inner = colw[c] - 2 * CELL_PAD_X;
			double off = ce->align == 'r' ? inner - ce->ls[i].width :
				     ce->align == 'c' ? (inner - ce->ls[i].width) / 2 : 0;
			double base = r->y - CELL_PAD_Y - ascent - (double)i * TABLE_LEAD - 1;
			draw_line(r, &ce->in, &ce->ls[i], x + CELL_PAD_X + off, base, TABLE_SIZE, r->th->text);
		}
		x += colw[c];
	}
	r->y -= h;
	hline(r, current(r), x0, x0 + total, r->y, header ? r->th->muted : r->th->rule, header ? 0.8 : 0.4);
	r->at_top = 0;
}

static void table(R *r, cmark_node *node)
{
	size_t ncols = cmark_gfm_extensions_get_table_columns(node);
	uint8_t *align = cmark_gfm_extensions_get_table_alignments(node);
	size_t nrows = 0;
	for (cmark_node *row = cmark_node_first_child(node); row; row = cmark_node_next(row))
		nrows++;
	if (!ncols || !nrows)
		return;
	cell *cells = calloc(nrows * ncols, sizeof *cells);
	double *natural = calloc(ncols, sizeof *natural), *minw = calloc(ncols, sizeof *minw);
	double *colw = calloc(ncols, sizeof *colw);
	int *is_header = calloc(nrows, sizeof *is_header);
	if (!cells || !natural || !minw || !colw || !is_header) {
		ms_error(r->d, r->doc->file, 0, 0, "out of memory laying out a table");
		r->failed = 1;
		goto done;
	}
	const ms_fontset *f = r->fonts;
	double space = ms_text_width(f, MS_REGULAR, TABLE_SIZE, " ", 1);
	size_t ri = 0;
	for (cmark_node *row = cmark_node_first_child(node); row; row = cmark_node_next(row), ri++) {
		is_header[ri] = cmark_gfm_extensions_get_table_row_is_header(row);
		size_t ci = 0;
		for (cmark_node *c = cmark_node_first_child(row); c && ci < ncols; c = cmark_node_next(c), ci++) {
			cell *ce = &cells[ri * ncols + ci];
			collect(&ce->in, f, TABLE_SIZE, c, is_header[ri] ? MS_BOLD : MS_REGULAR);
			double nat = 0;
			for (size_t w = 0; w < ce->in.nw; w++) {
				nat += (w ? space : 0) + ce->in.w[w].width;
				minw[ci] = fmax(minw[ci], ce->in.w[w].width);
			}
			natural[ci] = fmax(natural[ci], nat);
			char a = align ? (char)align[ci] : 0;
			ce->align = a == 'l' || a == 'r' || a == 'c' ? a :
				    (!is_header[ri] && looks_numeric(&ce->in)) ? 'r' : 'l';
		}
	}
	/* header cells follow their column's alignment */
	for (size_t ci = 0; ci < ncols; ci++) {
		char a = 'l';
		for (size_t rr = 0; rr < nrows; rr++)
			if (!is_header[rr] && cells[rr * ncols + ci].align == 'r')
				a = 'r';
		for (size_t rr = 0; rr < nrows; rr++)
			if (is_header[rr])
				cells[rr * ncols + ci].align = align && align[ci] ? (char)align[ci] : a;
	}
	double sum_nat = 0, sum_min = 0, pad = 2 * CELL_PAD_X;
	for (size_t c = 0; c < ncols; c++) {
		sum_nat += natural[c] + pad;
		sum_min += minw[c] + pad;
	}
	for (size_t c = 0; c < ncols; c++) {
		if (sum_nat <= CONTENT_W)
			colw[c] = natural[c] + pad;
		else if (sum_min >= CONTENT_W || sum_nat <= sum_min)
			colw[c] = (minw[c] + pad) * CONTENT_W / sum_min;
		else
			colw[c] = minw[c] + pad + (natural[c] - minw[c]) * (CONTENT_W - sum_min) / (sum_nat - sum_min);
	}
	for (size_t i = 0; i < nrows * ncols; i++) {
		cell *ce = &cells[i];
		size_t nl = ce->in.failed ? (size_t)-1 :
			    break_lines(&ce->in, f, TABLE_SIZE, colw[i % ncols] - pad + 0.01, &ce->ls);
		ce->nl = nl == (size_t)-1 ? 0 : nl;
		if (nl == (size_t)-1 && !r->failed) {
			ms_error(r->d, r->doc->file, 0, 0, "out of memory laying out a table");
			r->failed = 1;
		}
	}
	gap(r, 6);
	/* a short table whole; a long one with KEEP_ROWS rows at least before a break */
	size_t body = 0;
	for (ri = 0; ri < nrows; ri++)
		body += !is_header[ri];
	double lead_h = 0;
	for (ri = 0; ri < nrows && (body <= WHOLE_TABLE_ROWS || ri <= KEEP_ROWS); ri++)
		lead_h += row_height(&cells[ri * ncols], ncols);
	/* the caption, set above the table and kept with its first rows */
	cmark_node *cap_node = ms_doc_caption_of(node);
	inl cap;
	memset(&cap, 0, sizeof cap);
	line *cap_ls = NULL;
	size_t cap_nl = 0;
	if (cap_node) {
		collect(&cap, f, TABLE_SIZE, cap_node, MS_BOLD);
		if (cap.nw) {            /* the "Table:" mark is not shown */
			memmove(cap.w, cap.w + 1, (cap.nw - 1) * sizeof *cap.w);
			cap.nw--;
		}
		cap_nl = cap.failed ? (size_t)-1 : break_lines(&cap, f, TABLE_SIZE, CONTENT_W, &cap_ls);
		if (cap_nl == (size_t)-1) {
			ms_error(r->d, r->doc->file, 0, 0, "out of memory laying out a table");
			r->failed = 1;
			cap_nl = 0;
		}
	}
	need(r, lead_h + (double)cap_nl * TABLE_LEAD + (cap_nl ? 3 : 0));
	log_block(r, cap_nl ? "table with caption" : "table", cap_node);
	if (r->layout)
		ms_buf_printf(r->layout, "         %zu rows, %zu columns\n", nrows, ncols);
	double cap_ascent = ms_font_ascent(f, MS_BOLD, TABLE_SIZE);
	for (size_t i = 0; i < cap_nl; i++) {
		draw_line(r, &cap, &cap_ls[i], r->th->margin_left, r->y - cap_ascent - 1, TABLE_SIZE, r->th->text);
		r->y -= TABLE_LEAD;
		r->at_top = 0;
	}
	r->y -= cap_nl ? 3 : 0;
	free(cap_ls);
	inl_free(&cap);
	double tail_h = 0;      /* the last KEEP_ROWS rows: never left alone after a break */
	for (ri = nrows > KEEP_ROWS ? nrows - KEEP_ROWS : 0; ri < nrows; ri++)
		tail_h += row_height(&cells[ri * ncols], ncols);
	for (ri = 0; ri < nrows && !r->failed; ri++) {
		cell *row = &cells[ri * ncols];
		double h = row_height(row, ncols);
		/* a header row keeps its first body row with it; the last rows go together */
		double want = h + (is_header[ri] && ri + 1 < nrows ? row_height(row + ncols, ncols) : 0);
		if (body > WHOLE_TABLE_ROWS && ri == nrows - KEEP_ROWS)
			want = tail_h;
		if (r->y - want < r->th->margin_bottom && !r->at_top) {
			new_page(r);
			if (r->layout)
				ms_buf_printf(r->layout, "  %6.1f table continues at row %zu of %zu\n", r->y, ri + 1, nrows);
			if (!is_header[ri] && is_header[0])
				draw_row(r, &cells[0], ncols, colw, r->th->margin_left, 1);
		}
		draw_row(r, row, ncols, colw, r->th->margin_left, is_header[ri]);
	}
	r->y -= 8;
done:
	for (size_t i = 0; cells && i < nrows * ncols; i++) {
		inl_free(&cells[i].in);
		free(cells[i].ls);
	}
	free(cells);
	free(natural);
	free(minw);
	free(colw);
	free(is_header);
}

/* ---- blocks ---- */


static void blocks(R *r, cmark_node *parent, double indent, int tight);

static void list(R *r, cmark_node *node, double indent)
{
	int ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
	int start = cmark_node_get_list_start(node), n = start;
	int tight = cmark_node_get_list_tight(node);
	char marker[16];
	/* the text starts past the widest marker ("10." is wider than "•") */
	double step = 16;
	if (ordered) {
		int last = start;
		for (cmark_node *item = cmark_node_first_child(node); item; item = cmark_node_next(item))
			last++;
		snprintf(marker, sizeof marker, "%d.", last);
		step = fmax(step, ms_text_width(r->fonts, MS_REGULAR, r->th->body_size, marker, strlen(marker)) + 6);
	}
	for (cmark_node *item = cmark_node_first_child(node); item; item = cmark_node_next(item), n++) {
		if (ordered)
			snprintf(marker, sizeof marker, "%d.", n);
		else
			snprintf(marker, sizeof marker, "\xE2\x80\xA2");
		r->marker = marker;
		r->marker_x = r->th->margin_left + indent + 2;
		blocks(r, item, indent + step, tight);
		r->marker = NULL;
	}
	r->y -= tight ? 4 : 0;
}

static void code_block(R *r, cmark_node *node, double indent)
{
	const char *s = cmark_node_get_literal(node);
	double size = 8.3, lead = 11.2;
	gap(r, 4);
	while (s && *s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		need(r, lead);
		rect(r, r->th->margin_left + indent, r->y - lead, CONTENT_W - indent, lead, CODE_BG);
		text(r, current(r), MS_MONO, size, r->th->text, r->th->margin_left + indent + 6, r->y - lead + 3.2, s, n);
		r->y -= lead;
		r->at_top = 0;
		s = nl ? nl + 1 : s + n;
	}
	r->y -= 8;
}

/* A quotation: indented, in the muted colour, with a bar in the margin on
 * every page it spans. */
static void quote(R *r, cmark_node *node, double indent, int tight)
{
	size_t first_page = r->pp.n;
	double top = r->y;
	gap(r, 2);
	ms_rgba saved = r->ink;
	r->ink = r->th->muted;
	blocks(r, node, indent + 16, tight);
	r->ink = saved;
	double x = r->th->margin_left + indent + 4;
	for (size_t pg = first_page; pg <= r->pp.n && pg && !r->failed; pg++) {
		double from = pg == first_page ? top : r->th->page_h - r->th->margin_top;
		double to = pg == r->pp.n ? r->y + 6 : r->th->margin_bottom;
		segment(r, page_at(r, pg - 1), x, from, x, to, r->th->accent, 2);
	}
}

static void blocks(R *r, cmark_node *parent, double indent, int tight)
{
	for (cmark_node *node = cmark_node_first_child(parent); node && !r->failed;
	     node = cmark_node_next(node)) {
		const char *id;
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_PARAGRAPH:
			if (ms_doc_is_caption(node))        /* set with its table */
				break;
			if ((id = ms_doc_chart_id(node))) {
				log_block(r, "chart", NULL);
				if (r->layout)
					ms_buf_printf(r->layout, "         %s\n", id);
				chart(r, ms_doc_find_chart(r->charts, r->ncharts, id), r->th->margin_left + indent,
				      CONTENT_W - indent);
				break;
			}
			log_block(r, "paragraph", node);
			flow(r, node, MS_REGULAR, r->th->body_size, r->th->body_lead, r->th->margin_left + indent,
			     TEXT_W(indent), r->ink);
			r->y -= tight ? 1 : 7;
			break;
		case CMARK_NODE_HEADING:
			heading(r, node);
			break;
		case CMARK_NODE_LIST:
			log_block(r, "list", NULL);
			list(r, node, indent);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			log_block(r, "quote", NULL);
			quote(r, node, indent, tight);
			break;
		case CMARK_NODE_CODE_BLOCK:
			log_block(r, "code", NULL);
			code_block(r, node, indent);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			gap(r, 6);
			hline(r, current(r), r->th->margin_left + indent, r->th->margin_left + CONTENT_W, r->y, r->th->rule, 0.6);
			r->y -= 10;
			break;
		case CMARK_NODE_HTML_BLOCK:
			if (!r->warned_html++)
				ms_warn(r->d, r->doc->file, cmark_node_get_start_line(node), 0,
					"raw HTML is left out of the PDF");
			break;
		default:
			if (!strcmp(cmark_node_get_type_string(node), "table"))
				table(r, node);
			else
				blocks(r, node, indent, tight);
		}
	}
}

/* A contents page after the first: each section and sub-section with its
 * page, the line a link to its outline entry. Inserted once the rest is
 * laid out, when the pages are known. */
static void contents_page(R *r)
{
	const ms_theme *th = r->th;
	size_t n = 0;
	for (size_t i = 0; i < r->pp.nentry; i++)
		n += r->pp.entry[i].level == 2 || r->pp.entry[i].level == 3;
	if (r->failed || r->pp.n < 2 || n < 2 || r->pp.n == MAX_PAGES)
		return;
	ms_page *cp = ms_pages_insert(&r->pp, 1);
	if (!cp)
		return;
	n = n < MAX_CONTENTS ? n : MAX_CONTENTS;
	double x0 = th->margin_left, x1 = th->page_w - th->margin_right, y = th->page_h - th->margin_top - 19;
	text(r, cp, MS_BOLD, 19, th->text, x0, y, "Contents", 8);
	y -= 30;
	/* the lead that fits every entry on the page, 16 pt at most */
	double lead = fmin(16, (y - th->margin_bottom) / (double)n);
	for (size_t i = 0, shown = 0; i < r->pp.nentry && shown < n; i++) {
		const ms_outline_entry *e = &r->pp.entry[i];
		if (e->level != 2 && e->level != 3)
			continue;
		shown++;
		char num[24];
		snprintf(num, sizeof num, "%zu", e->page + 1);
		int sub = e->level == 3;
		double size = sub ? 9 : 10.5, x = x0 + (sub ? 14 : 0);
		double w = ms_text_width(r->fonts, MS_REGULAR, size, num, strlen(num));
		/* a title too long for the line is cut at a word, with an ellipsis */
		enum ms_face face = sub ? MS_REGULAR : MS_BOLD;
		char t[204];
		snprintf(t, sizeof t, "%.199s", e->title);
		size_t len = strlen(t);
		while (len > 1 && ms_text_width(r->fonts, face, size, t, strlen(t)) > x1 - w - 12 - x) {
			while (len > 1 && t[len - 1] != ' ')
				len--;
			while (len > 1 && (t[len - 1] == ' ' || t[len - 1] == ',' || t[len - 1] == ';'))
				len--;
			memcpy(t + len, "\xE2\x80\xA6", 4);     /* … */
		}
		text(r, cp, face, size, sub ? th->muted : th->text, x, y, t, strlen(t));
		text(r, cp, MS_REGULAR, size, th->muted, x1 - w, y, num, strlen(num));
		ms_page_link_entry(&r->pp, cp, x, th->page_h - y - size, x1, th->page_h - y + 3, i);
		y -= lead;
	}
}

/* The outline entry of the section on the data and methods, the footer's
 * link; (size_t)-1 when the document has none. */
static size_t methods_entry(const R *r)
{
	for (size_t i = 0; i < r->pp.nentry; i++)
		if (!strcasecmp(r->pp.entry[i].title, "Data and methods"))
			return i;
	return (size_t)-1;
}

/* Every page: a footer with the date, the link to the data and methods and
 * "Page N of M"; from the second page on, the title in a running header
 * (the first page has it as its heading). Drawn once the page count is known. */
static void page_furniture(R *r)
{
	const ms_theme *th = r->th;
	static const char methods[] = "Data and methods";
	char left[64], right[64];
	if (r->failed)
		return;
	snprintf(left, sizeof left, "As of %s (UTC)", r->meta->as_of);
	double x0 = th->margin_left, x1 = th->page_w - th->margin_right;
	double foot = th->margin_bottom - 26, head = th->page_h - th->margin_top + 22;
	size_t to_methods = methods_entry(r);
	double mw = ms_text_width(r->fonts, MS_REGULAR, 7.5, methods, strlen(methods)), mx = (x0 + x1 - mw) / 2;
	for (size_t i = 0; i < r->pp.n; i++) {
		ms_page *pg = page_at(r, i);
		snprintf(right, sizeof right, "Page %zu of %zu", i + 1, r->pp.n);
		double w = ms_text_width(r->fonts, MS_REGULAR, 7.5, right, strlen(right));
		hline(r, pg, x0, x1, foot + 12, th->rule, 0.5);
		text(r, pg, MS_REGULAR, 7.5, th->muted, x0, foot, left, strlen(left));
		text(r, pg, MS_REGULAR, 7.5, th->muted, x1 - w, foot, right, strlen(right));
		if (to_methods != (size_t)-1 && r->pp.entry[to_methods].page != i) {
			text(r, pg, MS_REGULAR, 7.5, th->accent, mx, foot, methods, strlen(methods));
			ms_page_link_entry(&r->pp, pg, mx, th->page_h - foot - 7.5, mx + mw, th->page_h - foot + 2.5,
					   to_methods);
		}
		if (i == 0)
			continue;
		text(r, pg, MS_BOLD, 7.5, th->muted, x0, head, r->meta->title, strlen(r->meta->title));
		hline(r, pg, x0, x1, head - 5, th->rule, 0.5);
	}
}

/* Text the embedded fonts cannot draw would show as empty boxes in the
 * PDF (or, beyond the basic plane, not at all): said once, with where it
 * first occurs and how much there is. */
static void check_glyphs(R *r)
{
	cmark_iter *it = cmark_iter_new(r->doc->root);
	if (!it)
		return;
	size_t count = 0;
	unsigned long first = 0;
	long at = 0;
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER || (t != CMARK_NODE_TEXT && t != CMARK_NODE_CODE && t != CMARK_NODE_CODE_BLOCK))
			continue;
		const char *s = cmark_node_get_literal(n);
		unsigned long c = 0;
		size_t k = s ? ms_font_missing(r->fonts, t == CMARK_NODE_TEXT ? MS_REGULAR : MS_MONO, s, strlen(s), &c) : 0;
		if (k && !count) {
			first = c;
			for (cmark_node *p = n; p && !at; p = cmark_node_parent(p))
				at = cmark_node_get_start_line(p);
		}
		count += k;
	}
	cmark_iter_free(it);
	if (count)
		ms_warn(r->d, r->doc->file, at, 0, "the PDF's fonts have no glyph for U+%04lX%s: %zu such "
			"character%s will show as empty boxes or be left out (the HTML is not affected)", first,
			first > 0xFFFF ? " (beyond Unicode's basic plane)" : "", count, count == 1 ? "" : "s");
}

/* The average width of a character of running text in the body face: a
 * measure in characters becomes one in points. */
static double average_char_width(const ms_fontset *f, double size)
{
	static const char sample[] = "The crypto market stress index reads 0.96 on 6 February 2026: extreme, "
				     "higher than 98.2 % of the days since 16 November 2016, and the fall from "
				     "the high is the deepest since the year began.";
	return ms_text_width(f, MS_REGULAR, size, sample, strlen(sample)) / (double)(sizeof sample - 1);
}

int ms_doc_pdf(const ms_doc *doc, const ms_doc_chart *charts, size_t n, const ms_fontset *fonts,
	       const ms_theme *theme, const ms_doc_meta *meta, ms_buf *out, ms_buf *layout, ms_diag *d)
{
	if (ms_doc_check_charts(doc, charts, n, d))
		return -1;
	R *r = calloc(1, sizeof *r);
	if (!r)
		return ms_error(d, doc->file, 0, 0, "out of memory");
	r->meta = meta;
	r->th = theme;
	r->ink = theme->text;
	r->charts = charts;
	r->ncharts = n;
	r->doc = doc;
	r->d = d;
	r->fonts = fonts;
	r->pp.width = theme->page_w;
	r->pp.height = theme->page_h;
	r->layout = layout;
	r->text_w = theme->measure * average_char_width(fonts, theme->body_size);
	check_glyphs(r);
	new_page(r);
	blocks(r, doc->root, 0, 0);
	contents_page(r);
	page_furniture(r);
	if (r->pp.failed && !r->failed) {
		ms_error(d, doc->file, 0, 0, "out of memory laying out the PDF");
		r->failed = 1;
	}
	if (out && !r->failed && ms_pdf_write_pages(&r->pp, fonts, meta, doc->file, out, d))
		r->failed = 1;
	int rc = r->failed ? -1 : 0;
	ms_pages_free(&r->pp);
	free(r);
	return rc;
}
