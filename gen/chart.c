#include "chart.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fmt.h"
#include "utc.h"
#include "grow.h"

const ms_rgba MS_BLUE = { 0.0, 0.447, 0.698, 1 };           /* #0072B2 */
const ms_rgba MS_VERMILLION = { 0.835, 0.369, 0.0, 1 };     /* #D55E00 */
const ms_rgba MS_GREEN = { 0.0, 0.620, 0.451, 1 };          /* #009E73 */
const ms_rgba MS_ORANGE = { 0.902, 0.624, 0.0, 1 };         /* #E69F00 */
const ms_rgba MS_SKY = { 0.337, 0.706, 0.914, 1 };          /* #56B4E9 */
const ms_rgba MS_PURPLE = { 0.800, 0.475, 0.655, 1 };       /* #CC79A7 */
const ms_rgba MS_INK = { 0.10, 0.10, 0.10, 1 };
const ms_rgba MS_GREY = { 0.33, 0.33, 0.33, 1 };            /* 7.5:1 on white: WCAG AA */

static const ms_rgba GRID = { 0.88, 0.88, 0.88, 1 };
static const ms_rgba AXIS = { 0.45, 0.45, 0.45, 1 };
static const ms_rgba NONE = { 0, 0, 0, 0 };
static const ms_rgba WHITE = { 1, 1, 1, 1 };

#define PAD 6.0
#define TITLE_SIZE 12.0
#define TEXT_SIZE 8.0
#define PI 3.14159265358979323846
#define MAX_BOXES 64

ms_rgba ms_alpha(ms_rgba c, double a)
{
	c.a = a;
	return c;
}

typedef struct box {
	double x0, y0, x1, y1;
} box;

struct ms_plot {
	ms_chart *c;
	const ms_fontset *fonts;
	const ms_frame *f;
	double left, right, top, bottom;      /* the plot area */
	double x0, x1, y0, y1, y2_0, y2_1;    /* axis domains after rounding to ticks */
	box boxes[MAX_BOXES];                 /* labels placed so far */
	size_t nboxes;
	unsigned char *occ;                   /* one cell per point of the plot area: data drawn there */
	size_t ncols, nrows;
	double ts, tt;                        /* text and title sizes: the frame's type scale applied */
	ms_buf readout;                       /* the chart's readout (ms_chart.readout) */
	double readout_x;                     /* the last point read out of the current series */
	int failed;
};

/* ---- the display list ---- */

void ms_chart_free(ms_chart *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->prim[i].xy);
		free(c->prim[i].text);
	}
	for (size_t i = 0; i < c->rows * c->cols; i++)
		free(c->cell[i]);
	free(c->cell);
	free(c->readout);
	free(c->prim);
	free(c->id);
	free(c->title);
	free(c->desc);
	free(c);
}

int ms_chart_set_table(ms_chart *c, size_t cols, const char *const *cells, size_t ncells)
{
	if (!cols || ncells % cols)
		return -1;
	char **cell = calloc(ncells, sizeof *cell);
	if (!cell)
		return -1;
	for (size_t i = 0; i < ncells; i++)
		if (!(cell[i] = strdup(cells[i]))) {
			while (i--)
				free(cell[i]);
			free(cell);
			return -1;
		}
	c->cell = cell;
	c->cols = cols;
	c->rows = ncells / cols;
	return 0;
}

static ms_prim *add_prim(ms_plot *p, enum ms_prim_kind kind)
{
	ms_chart *c = p->c;
	if (p->failed)
		return NULL;
	if (MS_GROW(c->prim, c->n, c->cap)) {
		p->failed = 1;
		return NULL;
	}
	ms_prim *pr = &c->prim[c->n++];
	memset(pr, 0, sizeof *pr);
	pr->kind = kind;
	return pr;
}

static ms_prim *add_path(ms_plot *p, size_t npts, ms_rgba stroke, ms_rgba fill, double width, double dash)
{
	ms_prim *pr = add_prim(p, MS_PRIM_PATH);
	if (!pr)
		return NULL;
	if (!(pr->xy = malloc(2 * (npts ? npts : 1) * sizeof *pr->xy))) {
		p->failed = 1;
		p->c->n--;
		return NULL;
	}
	pr->npts = npts;
	pr->stroke = stroke;
	pr->fill = fill;
	pr->width = width;
	pr->dash = dash;
	return pr;
}

static void add_segment(ms_plot *p, double x0, double y0, double x1, double y1, ms_rgba color,
			double width, double dash)
{
	ms_prim *pr = add_path(p, 2, color, NONE, width, dash);
	if (pr) {
		pr->xy[0] = x0;
		pr->xy[1] = y0;
		pr->xy[2] = x1;
		pr->xy[3] = y1;
	}
}

/* Rectangles r[4k..4k+3] = x0, y0, x1, y1 as one path of separate pieces:
 * a thousand bars make one element in SVG, not a thousand. */
static void add_rects(ms_plot *p, const double *r, size_t n, ms_rgba fill)
{
	if (!n)
		return;
	ms_prim *pr = add_path(p, 4 * n, NONE, fill, 0, 0);
	if (!pr)
		return;
	pr->seg = 4;
	for (size_t i = 0; i < n; i++) {
		const double *q = r + 4 * i;
		double xy[8] = { q[0], q[1], q[2], q[1], q[2], q[3], q[0], q[3] };
		memcpy(pr->xy + 8 * i, xy, sizeof xy);
	}
}

static void add_rect(ms_plot *p, double x0, double y0, double x1, double y1, ms_rgba fill)
{
	ms_prim *pr = add_path(p, 4, NONE, fill, 0, 0);
	if (pr) {
		double xy[8] = { x0, y0, x1, y0, x1, y1, x0, y1 };
		memcpy(pr->xy, xy, sizeof xy);
	}
}

static double text_w(const ms_plot *p, const char *s, double size, enum ms_face face)
{
	return ms_text_width(p->fonts, face, size, s, strlen(s));
}

static void add_text(ms_plot *p, double x, double y, const char *s, double size, enum ms_face face,
		     ms_rgba color, double anchor)
{
	ms_prim *pr = add_prim(p, MS_PRIM_TEXT);
	if (!pr)
		return;
	if (!(pr->text = strdup(s))) {
		p->failed = 1;
		p->c->n--;
		return;
	}
	pr->x = x;
	pr->y = y;
	pr->size = size;
	pr->face = face;
	pr->color = color;
	pr->anchor = anchor;
}

/* ---- scales and axes ---- */

static double xv(ms_xs x, size_t i)
{
	return x.t ? (double)x.t[i] : x.v[i];
}

static double px(const ms_plot *p, double x)
{
	return p->left + (x - p->x0) / (p->x1 - p->x0) * (p->right - p->left);
}

static double py_on(const ms_plot *p, double y, int axis2)
{
	double lo = axis2 ? p->y2_0 : p->y0, hi = axis2 ? p->y2_1 : p->y1;
	double k = !axis2 && p->f->y_log ? (log10(y) - log10(lo)) / (log10(hi) - log10(lo)) : (y - lo) / (hi - lo);
	return p->bottom - k * (p->bottom - p->top);
}

static double py(const ms_plot *p, double y)
{
	return py_on(p, y, 0);
}

/* 1, 2, 2.5 or 5 times a power of ten, near range / intervals. */
static double nice_step(double range, int intervals)
{
	double raw = range / intervals;
	double mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

static void fmt_value(char *out, size_t n, double v, ms_axis_fmt f, double step)
{
	switch (f) {
	case MS_AX_USD: ms_fmt_usd_compact(out, n, v); break;
	case MS_AX_USD_M: ms_fmt_usd_compact(out, n, v * 1e6); break;
	case MS_AX_PCT: ms_fmt_pct(out, n, v, step < 0.01 ? 1 : 0); break;
	case MS_AX_NUM: ms_fmt_grouped(out, n, v, step < 1 ? 1 : 0); break;
	}
}

/* Rounds [*lo, *hi] out to nice ticks; returns the step. */
static double round_domain(double *lo, double *hi, int intervals)
{
	if (!(*hi > *lo))
		*hi = *lo + (*lo ? fabs(*lo) * 0.1 : 1);
	double step = nice_step(*hi - *lo, intervals);
	*lo = floor(*lo / step + 1e-9) * step;
	*hi = ceil(*hi / step - 1e-9) * step;
	return step;
}

/* Log-scale ticks: 1, 2 and 5 times the powers of ten in the domain. */
static size_t log_ticks(double lo, double hi, double *out, size_t max)
{
	size_t n = 0;
	for (double mag = pow(10, floor(log10(lo))); mag <= hi && n < max; mag *= 10)
		for (int k = 0; k < 3 && n < max; k++) {
			double v = mag * (k == 0 ? 1 : k == 1 ? 2 : 5);
			if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9))
				out[n++] = v;
		}
	return n;
}

static size_t y_ticks(const ms_plot *p, int axis2, double step, double *out, size_t max)
{
	if (!axis2 && p->f->y_log)
		return log_ticks(p->y0, p->y1, out, max);
	double lo = axis2 ? p->y2_0 : p->y0, hi = axis2 ? p->y2_1 : p->y1;
	size_t n = 0;
	for (double v = lo; v <= hi + step * 1e-9 && n < max; v += step)
		out[n++] = fabs(v) < step * 1e-9 ? 0 : v;
	return n;
}

/* Time ticks that adapt from hours to years: the smallest step that fits. */
static void time_axis(ms_plot *p)
{
	static const struct { int64_t sec; int months; } steps[] = {
		{ 3600, 0 }, { 7200, 0 }, { 10800, 0 }, { 21600, 0 }, { 43200, 0 }, { 86400, 0 },
		{ 2 * 86400, 0 }, { 7 * 86400, 0 }, { 14 * 86400, 0 }, { 0, 1 }, { 0, 2 }, { 0, 3 },
		{ 0, 6 }, { 0, 12 }, { 0, 24 }, { 0, 60 }
	};
	double room = (p->right - p->left) / 58.0;
	size_t k = 0;
	for (; k + 1 < sizeof steps / sizeof steps[0]; k++) {
		double span = p->x1 - p->x0;
		double count = steps[k].sec ? span / (double)steps[k].sec : span / (30.44 * 86400 * steps[k].months);
		if (count <= room)
			break;
	}
	char label[32];
	double ly = p->bottom + 4 + p->ts;
	int first = 1;
	int64_t t = ms_day_floor((int64_t)p->x0);
	int y, m, d;
	ms_civil_from_days(t / MS_DAY, &y, &m, &d);
	int64_t month_index = (int64_t)y * 12 + m - 1;
	for (int guard = 0; guard < 4000; guard++) {
		if (steps[k].months) {
			int64_t mi = month_index + guard;
			if (mi % steps[k].months)
				continue;
			y = (int)(mi / 12);
			m = (int)(mi % 12) + 1;
			t = ms_days_from_civil(y, m, 1) * MS_DAY;
		} else if (guard) {
			t += steps[k].sec;
		}
		if ((double)t > p->x1)
			break;
		if ((double)t < p->x0)
			continue;
		int64_t sec = t - ms_day_floor(t);
		ms_civil_from_days(ms_day_floor(t) / MS_DAY, &y, &m, &d);
		if (steps[k].months >= 12)
			snprintf(label, sizeof label, "%d", y);
		else if (steps[k].months && (m == 1 || first))
			snprintf(label, sizeof label, "%s %d", ms_month_abbr(m), y);
		else if (steps[k].months)
			snprintf(label, sizeof label, "%s", ms_month_abbr(m));
		else if (steps[k].sec >= 86400)
			snprintf(label, sizeof label, "%d %s", d, ms_month_abbr(m));
		else if (sec == 0 || first)
			snprintf(label, sizeof label, "%d %s %02d:00", d, ms_month_abbr(m), (int)(sec / 3600));
		else
			snprintf(label, sizeof label, "%02d:00", (int)(sec / 3600));
		first = 0;
		double x = px(p, (double)t), half = text_w(p, label, p->ts, MS_REGULAR) / 2;
		add_segment(p, x, p->bottom, x, p->bottom + 3, AXIS, 0.8, 0);
		if (x - half >= 1 && x + half <= p->f->width - 1)    /* never clipped */
			add_text(p, x, ly, label, p->ts, MS_REGULAR, MS_GREY, 0.5);
	}
}

static void number_axis(ms_plot *p, double step)
{
	char label[64];
	for (double v = p->x0; v <= p->x1 + step * 1e-9; v += step) {
		double x = px(p, v);
		fmt_value(label, sizeof label, fabs(v) < step * 1e-9 ? 0 : v, p->f->x_fmt, step);
		add_segment(p, x, p->bottom, x, p->bottom + 3, AXIS, 0.8, 0);
		add_text(p, x, p->bottom + 4 + p->ts, label, p->ts, MS_REGULAR, MS_GREY, 0.5);
	}
}

/* ---- the frame ---- */

static double label_width(const ms_plot *p, int axis2, double step)
{
	double ticks[64], w = 0;
	char label[64];
	size_t n = y_ticks(p, axis2, step, ticks, 64);
	for (size_t i = 0; i < n; i++) {
		fmt_value(label, sizeof label, ticks[i], axis2 ? p->f->y2_fmt : p->f->y_fmt, step);
		w = fmax(w, text_w(p, label, p->ts, MS_REGULAR));
	}
	return w;
}

/* Text broken at spaces into lines no wider than width; with draw, drawn
 * from baseline y down, lead apart. Returns the number of lines. */
static int wrapped(ms_plot *p, int draw, double x, double y, const char *s, double size, enum ms_face face,
		   ms_rgba color, double width, double lead)
{
	int lines = 0;
	char line[512];
	while (*s) {
		/* the longest run of whole words that fits, or one word whatever its width */
		size_t fit = 0;
		for (;;) {
			size_t next = fit;
			while (s[next] == ' ')
				next++;
			while (s[next] && s[next] != ' ')
				next++;
			if (next >= sizeof line)
				break;
			memcpy(line, s, next);
			line[next] = '\0';
			if (fit && text_w(p, line, size, face) > width)
				break;
			fit = next;
			if (!s[next])
				break;
		}
		if (!fit)              /* a word longer than the buffer: cut */
			fit = strnlen(s, sizeof line - 1);
		if (draw) {
			memcpy(line, s, fit);
			line[fit] = '\0';
			add_text(p, x, y + lines * lead, line, size, face, color, 0);
		}
		lines++;
		s += fit;
		while (*s == ' ')
			s++;
	}
	return lines;
}

ms_plot *ms_plot_begin(const ms_frame *f, const ms_fontset *fonts)
{
	ms_plot *p = calloc(1, sizeof *p);
	ms_chart *c = calloc(1, sizeof *c);
	if (!p || !c || !(c->id = strdup(f->id)) || !(c->title = strdup(f->title)) ||
	    !(c->desc = strdup(f->desc ? f->desc : f->title))) {
		ms_chart_free(c);
		free(p);
		return NULL;
	}
	p->c = c;
	ms_buf_init(&p->readout, 0);
	p->ts = TEXT_SIZE * (f->type_scale > 0 ? f->type_scale : 1);
	p->tt = TITLE_SIZE * (f->type_scale > 0 ? f->type_scale : 1);
	p->fonts = fonts;
	p->f = f;
	c->width = f->width;
	c->height = f->height;
	/* title, subtitle and legend wrap to the chart's width (a phone's is narrow) */
	double line_w = f->width - 2 * PAD, ty = PAD + ms_font_ascent(fonts, MS_BOLD, p->tt);
	int n = wrapped(p, 1, PAD, ty, f->title, p->tt, MS_BOLD, MS_INK, line_w, p->tt * 1.2);
	ty += (n - 1) * p->tt * 1.2;
	if (f->subtitle && *f->subtitle) {
		ty += p->ts + 6;
		n = wrapped(p, 1, PAD, ty, f->subtitle, p->ts, MS_REGULAR, MS_GREY, line_w, p->ts * 1.3);
		ty += (n - 1) * p->ts * 1.3;
	}
	if (f->nlegend) {
		/* a legend only where series need telling apart: swatches in a row */
		ty += p->ts + 6;
		double x = PAD;
		for (size_t i = 0; i < f->nlegend; i++) {
			double w = 12 + text_w(p, f->legend[i].label, p->ts, MS_REGULAR);
			if (x > PAD && x + w > f->width - PAD) {
				x = PAD;
				ty += p->ts + 6;
			}
			add_rect(p, x, ty - 7, x + 9, ty + 1, f->legend[i].color);
			add_text(p, x + 12, ty, f->legend[i].label, p->ts, MS_REGULAR, MS_INK, 0);
			x += w + 14;
		}
	}
	/* domains: nice ticks, or decades for a log scale */
	p->x0 = f->x0;
	p->x1 = f->x1 > f->x0 ? f->x1 : f->x0 + 1;
	double xstep = f->x_time ? 0 : round_domain(&p->x0, &p->x1, 6);
	p->y0 = f->y0;
	p->y1 = f->y1;
	double ystep = 0, y2step = 0;
	if (f->y_log) {
		p->y0 = pow(10, floor(log10(f->y0) * 4) / 4);
		p->y1 = pow(10, ceil(log10(f->y1) * 4) / 4);
	} else {
		ystep = round_domain(&p->y0, &p->y1, 5);
	}
	if (f->y2) {
		p->y2_0 = f->y2_0;
		p->y2_1 = f->y2_1;
		y2step = round_domain(&p->y2_0, &p->y2_1, 5);
		/* both axes hold zero: one level for both, or a reader sees one
		 * series cross zero where it does not */
		if (p->y0 <= 0 && p->y1 > 0 && p->y2_0 <= 0 && p->y2_1 > 0) {
			double fa = -p->y0 / (p->y1 - p->y0), fb = -p->y2_0 / (p->y2_1 - p->y2_0);
			if (fa > fb)
				p->y2_0 = -fa / (1 - fa) * p->y2_1;
			else if (fb > fa)
				p->y0 = -fb / (1 - fb) * p->y1;
		}
	}
	p->left = PAD + label_width(p, 0, ystep) + 6;
	p->right = f->width - PAD - (f->y2 ? label_width(p, 1, y2step) + 6 : 4) - f->right_pad;
	p->top = ty + 14;
	/* the x axis's labels, then the note (its lines counted, drawn at the end) */
	int note_lines = f->note ? wrapped(p, 0, 0, 0, f->note, p->ts, MS_REGULAR, MS_GREY, line_w, 0) : 1;
	p->bottom = f->height - PAD - p->ts - 8 - p->ts - 6 - (note_lines - 1) * p->ts * 1.3;
	p->ncols = (size_t)fmax(1, ceil(p->right - p->left)) + 1;
	p->nrows = (size_t)fmax(1, ceil(p->bottom - p->top)) + 1;
	if (!(p->occ = calloc(p->ncols * p->nrows, 1))) {
		p->failed = 1;
		return p;
	}
	/* gridlines and labels, the zero line darker */
	double ticks[64];
	char label[64];
	size_t nt = y_ticks(p, 0, ystep, ticks, 64);
	for (size_t i = 0; i < nt; i++) {
		double y = py(p, ticks[i]);
		int zero = ticks[i] == 0 && !f->y_log;
		add_segment(p, p->left, y, p->right, y, zero ? AXIS : GRID, zero ? 0.8 : 0.5, 0);
		fmt_value(label, sizeof label, ticks[i], f->y_fmt, ystep);
		add_text(p, p->left - 4, y + p->ts * 0.35, label, p->ts, MS_REGULAR, MS_GREY, 1);
	}
	if (f->y2) {
		nt = y_ticks(p, 1, y2step, ticks, 64);
		for (size_t i = 0; i < nt; i++) {
			fmt_value(label, sizeof label, ticks[i], f->y2_fmt, y2step);
			add_text(p, p->right + 4, py_on(p, ticks[i], 1) + p->ts * 0.35, label, p->ts,
				 MS_REGULAR, MS_GREY, 0);
		}
	}
	add_segment(p, p->left, p->bottom, p->right, p->bottom, AXIS, 0.8, 0);
	if (f->x_time)
		time_axis(p);
	else
		number_axis(p, xstep);
	return p;
}

ms_chart *ms_plot_end(ms_plot *p)
{
	if (!p)
		return NULL;
	if (p->f->note) {
		double lead = p->ts * 1.3, line_w = p->f->width - 2 * PAD;
		int n = wrapped(p, 0, 0, 0, p->f->note, p->ts, MS_REGULAR, MS_GREY, line_w, lead);
		wrapped(p, 1, PAD, p->f->height - PAD - (n - 1) * lead, p->f->note, p->ts, MS_REGULAR, MS_GREY, line_w,
			lead);
	}
	ms_chart *c = p->c;
	if (ms_buf_failed(&p->readout))
		p->failed = 1;
	else if (p->readout.len)
		c->readout = ms_buf_detach(&p->readout, NULL);
	ms_buf_release(&p->readout);
	if (p->failed) {
		ms_chart_free(c);
		c = NULL;
	}
	free(p->occ);
	free(p);
	return c;
}

/* ---- layers ---- */

/* Keeps, of each pixel column (two per point, for 2x images), the first,
 * lowest, highest and last point: extremes are never lost. */
static size_t reduce(const ms_plot *p, ms_xs x, const double *y, size_t n, size_t *keep)
{
	size_t cols = 2 * (p->ncols + 1);
	if (n <= 4 * cols) {
		for (size_t i = 0; i < n; i++)
			keep[i] = i;
		return n;
	}
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		long col = (long)floor(2 * (px(p, xv(x, i)) - p->left));
		size_t first = i, lo = i, hi = i, last = i;
		for (; i < n && (long)floor(2 * (px(p, xv(x, i)) - p->left)) == col; i++) {
			if (y[i] < y[lo])
				lo = i;
			if (y[i] > y[hi])
				hi = i;
			last = i;
		}
		size_t pick[4] = { first, lo < hi ? lo : hi, lo < hi ? hi : lo, last };
		for (int j = 0; j < 4; j++)
			if (!k || keep[k - 1] < pick[j])
				keep[k++] = pick[j];
	}
	return k;
}

static void occupy(ms_plot *p, double x, double y)
{
	long col = (long)floor(x - p->left), row = (long)floor(y - p->top);
	if (p->occ && col >= 0 && (size_t)col < p->ncols && row >= 0 && (size_t)row < p->nrows)
		p->occ[(size_t)row * p->ncols + (size_t)col] = 1;
}

/* Marks the cells a segment crosses (half-point steps along its longer side). */
static void occupy_segment(ms_plot *p, double x0, double y0, double x1, double y1)
{
	double len = fmax(fabs(x1 - x0), fabs(y1 - y0));
	int steps = (int)fmin(ceil(len * 2), 1e6);
	for (int i = 0; i <= steps; i++) {
		double k = steps ? (double)i / steps : 0;
		occupy(p, x0 + (x1 - x0) * k, y0 + (y1 - y0) * k);
	}
}

/* Marks the rectangle [x0, x1] x [ya, yb] as taken by data. */
static void occupy_span(ms_plot *p, double x0, double x1, double ya, double yb)
{
	double lo = fmin(ya, yb), hi = fmax(ya, yb);
	for (double x = x0; x <= x1 + 0.5; x += 1)
		for (double y = lo; y <= hi + 0.5; y += 1)
			occupy(p, fmin(x, x1), fmin(y, hi));
}

/* A value as the axis writes it, at full precision, for the readout. */
static void read_value(const ms_plot *p, double y, int axis2, char *out, size_t n)
{
	switch (axis2 ? p->f->y2_fmt : p->f->y_fmt) {
	case MS_AX_USD: ms_fmt_usd(out, n, y); break;
	case MS_AX_USD_M: ms_fmt_usd_compact(out, n, y * 1e6); break;
	case MS_AX_PCT: ms_fmt_pct(out, n, y, 1); break;
	case MS_AX_NUM: ms_fmt_grouped(out, n, y, fabs(y) < 100 && y != floor(y) ? 2 : 0); break;
	}
}

/* A point for the readout: its place, its date (and hour, for intraday
 * bars) and what it says. A series of more than two points per point of
 * width keeps one per point. */
static void read_at(ms_plot *p, double x, double label_x, double cy, const char *says, size_t i, size_t n,
		    double span)
{
	double cx = px(p, x);
	x = label_x;
	int thin = (double)n > 2 * (p->right - p->left);
	if (i && i + 1 < n && thin && fabs(cx - p->readout_x) < 1)     /* the first and last always */
		return;
	p->readout_x = cx;
	char xs[32];
	if (p->f->x_time) {
		/* hours on a chart of a few weeks or a time that is not midnight */
		int64_t t = (int64_t)x;
		if (t % MS_DAY || p->x1 - p->x0 <= 31.0 * MS_DAY)
			ms_fmt_datetime(t, xs);
		else
			ms_fmt_date(t, xs);
		if (span >= 28.0 * MS_DAY) {          /* a month's bar stands mid-month: named by its month */
			xs[7] = '\0';
		} else if (span >= 7.0 * MS_DAY) {    /* a week's, by its first day */
			char day[11];
			ms_fmt_date((int64_t)(x - span / 2), day);
			snprintf(xs, sizeof xs, "week of %s", day);
		}
	} else {
		fmt_value(xs, sizeof xs, x, p->f->x_fmt, 0.001);
	}
	ms_buf_printf(&p->readout, "%.2f,%.2f,%s: %s;", cx, cy, xs, says);
}

/* label_x: the time the point is named by (a bar's start), x where it stands */
static void read_point(ms_plot *p, double x, double label_x, double y, int axis2, size_t i, size_t n, double span)
{
	char ys[48];
	if (!isfinite(y))
		return;
	read_value(p, y, axis2, ys, sizeof ys);
	read_at(p, x, label_x, py_on(p, y, axis2), ys, i, n, span);
}

/* A reduced series as points, into pr starting at point `at`. */
static size_t series_points(ms_plot *p, ms_xs x, const double *y, size_t n, int axis2, ms_prim **out,
			    size_t extra, ms_rgba stroke, ms_rgba fill, double width)
{
	size_t *keep = malloc((n ? n : 1) * sizeof *keep);
	*out = NULL;
	if (!keep) {
		p->failed = 1;
		return 0;
	}
	size_t k = reduce(p, x, y, n, keep);
	ms_prim *pr = add_path(p, k + extra, stroke, fill, width, 0);
	if (pr)
		for (size_t i = 0; i < k; i++) {
			pr->xy[2 * i] = px(p, xv(x, keep[i]));
			pr->xy[2 * i + 1] = py_on(p, y[keep[i]], axis2);
		}
	free(keep);
	*out = pr;
	return pr ? k : 0;
}

void ms_plot_line(ms_plot *p, ms_xs x, const double *y, size_t n, ms_rgba color, double width, int axis2)
{
	for (size_t i = 0; i < n; i++)
		read_point(p, xv(x, i), xv(x, i) - p->f->x_bar / 2, y[i], axis2, i, n, 0);
	ms_prim *pr;
	size_t k = series_points(p, x, y, n, axis2, &pr, 0, color, NONE, width);
	for (size_t i = 1; pr && i < k; i++)
		occupy_segment(p, pr->xy[2 * i - 2], pr->xy[2 * i - 1], pr->xy[2 * i], pr->xy[2 * i + 1]);
}

void ms_plot_area(ms_plot *p, ms_xs x, const double *y, size_t n, double base, const double *band,
		  ms_rgba fill)
{
	if (!n)
		return;
	if (!band) {
		ms_prim *pr;
		size_t k = series_points(p, x, y, n, 0, &pr, 2, NONE, fill, 0);
		if (pr) {
			pr->npts = k + 2;
			pr->xy[2 * k] = pr->xy[2 * k - 2];
			pr->xy[2 * k + 1] = py(p, base);
			pr->xy[2 * k + 2] = pr->xy[0];
			pr->xy[2 * k + 3] = py(p, base);
		}
		return;
	}
	/* between two series: the upper edge forward, the lower edge back */
	ms_prim *a, *b;
	size_t ka = series_points(p, x, y, n, 0, &a, 0, NONE, NONE, 0);
	size_t kb = series_points(p, x, band, n, 0, &b, 0, NONE, NONE, 0);
	ms_prim *pr = add_path(p, ka + kb, NONE, fill, 0, 0);
	if (!pr || !a || !b)
		return;
	a = &p->c->prim[p->c->n - 3];
	b = &p->c->prim[p->c->n - 2];
	memcpy(pr->xy, a->xy, 2 * ka * sizeof *pr->xy);
	for (size_t i = 0; i < kb; i++) {
		pr->xy[2 * (ka + i)] = b->xy[2 * (kb - 1 - i)];
		pr->xy[2 * (ka + i) + 1] = b->xy[2 * (kb - 1 - i) + 1];
	}
	/* the two helper paths served their purpose: drop them, keep the polygon */
	free(a->xy);
	free(b->xy);
	p->c->prim[p->c->n - 3] = *pr;
	p->c->n -= 2;
}

static double bar_width(const ms_plot *p, double bar_w)
{
	double w = bar_w / (p->x1 - p->x0) * (p->right - p->left);
	return w > 2 ? w * 0.8 : fmax(w, 0.4);
}

/* Scratch rectangles for the bar layers: two colours, n bars each at most. */
static double *rect_buffer(ms_plot *p, size_t n)
{
	double *r = malloc((n ? n : 1) * 8 * sizeof *r);
	if (!r)
		p->failed = 1;
	return r;
}

void ms_plot_bars(ms_plot *p, ms_xs x, const double *y, size_t n, double bar_w, ms_rgba pos, ms_rgba neg,
		  int axis2)
{
	double w = bar_width(p, bar_w), zero = py_on(p, 0, axis2);
	double *r = rect_buffer(p, n);
	size_t np = 0, nn = 0;
	for (size_t i = 0; i < n; i++)
		read_point(p, xv(x, i), xv(x, i), y[i], axis2, i, n, p->f->x_time ? bar_w : 0);
	for (size_t i = 0; r && i < n; i++) {
		double cx = px(p, xv(x, i)), top = py_on(p, y[i], axis2);
		double *q = y[i] >= 0 ? r + 4 * np++ : r + 4 * (n + nn++);
		q[0] = cx - w / 2;
		q[1] = fmin(top, zero);
		q[2] = cx + w / 2;
		q[3] = fmax(top, zero);
		occupy_span(p, cx - w / 2, cx + w / 2, top, zero);
	}
	if (r) {
		add_rects(p, r, np, pos);
		add_rects(p, r + 4 * n, nn, neg);
	}
	free(r);
}

void ms_plot_stacked(ms_plot *p, ms_xs x, const double *a, const double *b, size_t n, double bar_w,
		     ms_rgba ca, ms_rgba cb)
{
	double w = bar_width(p, bar_w), zero = py(p, 0);
	double *r = rect_buffer(p, n);
	for (size_t i = 0; i < n; i++)
		read_point(p, xv(x, i), xv(x, i), a[i] + b[i], 0, i, n, p->f->x_time ? bar_w : 0);
	for (size_t i = 0; r && i < n; i++) {
		double cx = px(p, xv(x, i)), ya = py(p, a[i]), yb = py(p, a[i] + b[i]);
		double lower[4] = { cx - w / 2, ya, cx + w / 2, zero }, upper[4] = { cx - w / 2, yb, cx + w / 2, ya };
		memcpy(r + 4 * i, lower, sizeof lower);
		memcpy(r + 4 * (n + i), upper, sizeof upper);
		occupy_span(p, cx - w / 2, cx + w / 2, yb, zero);
	}
	if (r) {
		add_rects(p, r, n, ca);
		add_rects(p, r + 4 * n, n, cb);
	}
	free(r);
}

void ms_plot_candles(ms_plot *p, ms_xs x, const double *o, const double *h, const double *l,
		     const double *c, size_t n, double bar_w, ms_rgba up, ms_rgba down)
{
	double w = bar_width(p, bar_w);
	for (size_t i = 0; i < n; i++) {
		char ov[48], hv[48], lv[48], cv[48], says[220];
		read_value(p, o[i], 0, ov, sizeof ov);
		read_value(p, h[i], 0, hv, sizeof hv);
		read_value(p, l[i], 0, lv, sizeof lv);
		read_value(p, c[i], 0, cv, sizeof cv);
		snprintf(says, sizeof says, "open %s, high %s, low %s, close %s", ov, hv, lv, cv);
		/* a candle stands at its bar's middle; it is named by its opening time */
		read_at(p, xv(x, i), xv(x, i) - bar_w / 2, py(p, c[i]), says, i, n, 0);
	}
	for (int rising = 1; rising >= 0; rising--) {
		/* per colour: the wicks as one path of segments, the bodies as one of rectangles */
		size_t k = 0;
		for (size_t i = 0; i < n; i++)
			k += (c[i] >= o[i]) == rising;
		ms_rgba col = rising ? up : down;
		ms_prim *wick = k ? add_path(p, 2 * k, col, NONE, 0.7, 0) : NULL;
		double *r = k ? rect_buffer(p, k) : NULL;
		if (!wick || !r) {
			free(r);
			continue;
		}
		wick->seg = 2;
		size_t j = 0;
		for (size_t i = 0; i < n; i++) {
			if ((c[i] >= o[i]) != rising)
				continue;
			double cx = px(p, xv(x, i));
			double wk[4] = { cx, py(p, h[i]), cx, py(p, l[i]) };
			memcpy(wick->xy + 4 * j, wk, sizeof wk);
			double y0 = py(p, fmax(o[i], c[i])), y1 = py(p, fmin(o[i], c[i]));
			double body[4] = { cx - w / 2, y0, cx + w / 2, fmax(y1, y0 + 0.6) };
			memcpy(r + 4 * j, body, sizeof body);
			occupy_span(p, cx - w / 2, cx + w / 2, py(p, h[i]), py(p, l[i]));
			j++;
		}
		add_rects(p, r, k, col);
		free(r);
	}
}

static int overlaps(const box *a, const box *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* 1 when the box is inside the plot and clear of the labels placed so far
 * (and, with lines set, of the lines drawn). */
static int clear(const ms_plot *p, const box *b, int lines)
{
	if (b->x0 < p->left || b->x1 > p->right || b->y0 < p->top - 2 || b->y1 > p->bottom)
		return 0;
	for (size_t i = 0; i < p->nboxes; i++)
		if (overlaps(b, &p->boxes[i]))
			return 0;
	if (!lines || !p->occ)      /* no grid when its memory failed (the plot has failed) */
		return 1;
	for (long row = (long)floor(b->y0 - p->top) - 1; row <= (long)ceil(b->y1 - p->top) + 1; row++)
		for (long col = (long)floor(b->x0 - p->left) - 1; col <= (long)ceil(b->x1 - p->left) + 1; col++)
			if (row >= 0 && (size_t)row < p->nrows && col >= 0 && (size_t)col < p->ncols &&
			    p->occ[(size_t)row * p->ncols + (size_t)col])
				return 0;
	return 1;
}

/* Places a label near (x, y): the first candidate position clear of the
 * rest, else the first inside the plot. */
static void place(ms_plot *p, double x, double y, const char *s, enum ms_face face, ms_rgba color)
{
	double w = text_w(p, s, p->ts, face), h = p->ts * 1.15;
	static const double cand[][2] = {   /* offsets of the box's left/bottom from the point */
		{ 6, -5 }, { -6, -5 }, { 6, 5 }, { -6, 5 }, { 6, -16 }, { -6, -16 }, { 6, 16 }, { -6, 16 },
		{ 6, -28 }, { -6, -28 }, { 6, 28 }, { -6, 28 }, { -6, -40 }, { 6, -40 }, { -6, 40 }, { 6, 40 },
		{ -30, -52 }, { 30, -52 }, { -30, 52 }, { 30, 52 }, { -60, 64 }, { 60, 64 }
	};
	/* clear of labels and lines; else of labels only; else the first that fits */
	size_t ncand = sizeof cand / sizeof cand[0];
	box b = { 0, 0, 0, 0 };
	int found = 0;
	double k = p->ts / TEXT_SIZE;      /* larger type, offsets as much larger */
	for (int pass = 0; pass < 3 && !found; pass++) {
		for (size_t i = 0; i < ncand && !found; i++) {
			double dx = cand[i][0] * k, dy = cand[i][1] * k;
			double bx0 = dx > 0 ? x + dx : x + dx - w;
			double by1 = dy < 0 ? y + dy : y + dy + h;     /* the baseline */
			box t = { bx0, by1 - h + 2, bx0 + w, by1 + 2 };
			int inside = t.x0 >= p->left && t.x1 <= p->right && t.y0 >= p->top - 2 && t.y1 <= p->bottom;
			if (pass == 2 ? inside : clear(p, &t, pass == 0)) {
				b = t;
				found = 1;
			}
		}
	}
	if (!found) {          /* nothing fits: beside the point, held inside the plot */
		double bx0 = fmax(p->left, fmin(x + 6, p->right - w)), by0 = fmax(p->top, fmin(y - 3 - h, p->bottom - h));
		b = (box){ bx0, by0, bx0 + w, by0 + h };
	}
	/* a label set apart from its point gets a leader line to it */
	double lx = fmin(fmax(x, b.x0), b.x1), ly = y < b.y0 ? b.y0 : b.y1;
	if (fabs(ly - y) > 12 || x < b.x0 - 12 || x > b.x1 + 12)
		add_segment(p, x, y, lx, ly, MS_GREY, 0.5, 0);
	add_text(p, b.x0, b.y1 - 2, s, p->ts, face, color, 0);
	if (p->nboxes < MAX_BOXES)
		p->boxes[p->nboxes++] = b;
}

void ms_plot_hline(ms_plot *p, double yv, ms_rgba color, double dash, const char *label)
{
	double y = py(p, yv);
	add_segment(p, p->left, y, p->right, y, color, 0.8, dash);
	occupy_segment(p, p->left, y, p->right, y);
	if (label)   /* at the left end: series usually end, not start, near their extremes */
		place(p, p->left, y, label, MS_REGULAR, color);
}

void ms_plot_hband(ms_plot *p, double y0, double y1, ms_rgba fill, const char *label)
{
	double a = py(p, fmin(fmax(y0, p->y0), p->y1)), b = py(p, fmin(fmax(y1, p->y0), p->y1));
	add_rect(p, p->left, b, p->right, a, fill);
	/* the zone's name in the right margin (frames leave room with right_pad) */
	if (label && a - b > p->ts - 2)
		add_text(p, p->right + 5, (a + b) / 2 + p->ts * 0.35, label, p->ts, MS_REGULAR, MS_GREY, 0);
}

void ms_plot_vline(ms_plot *p, double xv_, ms_rgba color, const char *label, int label_at_top)
{
	double x = px(p, xv_);
	add_segment(p, x, p->top, x, p->bottom, color, 0.8, 2);
	occupy_segment(p, x, p->top, x, p->bottom);
	if (label)
		place(p, x, label_at_top ? p->top + 10 : p->bottom - 4, label, MS_REGULAR, color);
}

void ms_plot_mark(ms_plot *p, double x, double y, const char *label)
{
	double cx = px(p, x), cy = py(p, y);
	ms_prim *dot = add_path(p, 16, WHITE, MS_INK, 1.0, 0);
	for (int i = 0; dot && i < 16; i++) {
		dot->xy[2 * i] = cx + 2.6 * cos(i * PI / 8);
		dot->xy[2 * i + 1] = cy + 2.6 * sin(i * PI / 8);
	}
	if (p->nboxes < MAX_BOXES)
		p->boxes[p->nboxes++] = (box){ cx - 3, cy - 3, cx + 3, cy + 3 };
	if (label)
		place(p, cx, cy, label, MS_BOLD, MS_INK);
}

/* ---- the dump ---- */

static void dump_color(ms_buf *out, const char *name, ms_rgba c)
{
	if (c.a <= 0)
		ms_buf_printf(out, " %s=none", name);
	else
		ms_buf_printf(out, " %s=#%02x%02x%02x/%.2f", name, (int)lround(c.r * 255),
			      (int)lround(c.g * 255), (int)lround(c.b * 255), c.a);
}

void ms_chart_dump(const ms_chart *c, ms_buf *out)
{
	ms_buf_printf(out, "chart %s %.0fx%.0f\n", c->id, c->width, c->height);
	for (size_t i = 0; i < c->n; i++) {
		const ms_prim *p = &c->prim[i];
		if (p->kind == MS_PRIM_TEXT) {
			ms_buf_printf(out, "text %.2f,%.2f size=%.1f face=%d anchor=%.1f", p->x, p->y,
				      p->size, (int)p->face, p->anchor);
			dump_color(out, "color", p->color);
			ms_buf_printf(out, " \"%s\"\n", p->text);
			continue;
		}
		ms_buf_printf(out, "path n=%zu seg=%zu width=%.2f dash=%.1f", p->npts, p->seg, p->width, p->dash);
		dump_color(out, "stroke", p->stroke);
		dump_color(out, "fill", p->fill);
		/* the points below, a piece (or eight points of a line) per line, so
		 * a changed bar is a one-line difference */
		size_t per_line = p->seg ? p->seg : 8;
		for (size_t k = 0; k < p->npts; k++)
			ms_buf_printf(out, "%s%.2f,%.2f", k % per_line ? " " : "\n  ", p->xy[2 * k], p->xy[2 * k + 1]);
		ms_buf_putc(out, '\n');
	}
	for (size_t r = 0; r < c->rows; r++) {
		ms_buf_puts(out, r ? "row" : "header");
		for (size_t k = 0; k < c->cols; k++)
			ms_buf_printf(out, " | %s", c->cell[r * c->cols + k]);
		ms_buf_putc(out, '\n');
	}
}
