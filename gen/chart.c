#include "chart.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fmt.h"
#include "utc.h"

/* The house style: Okabe–Ito colours (readable with colour-blindness),
 * greys for everything that is not data, text at WCAG AA contrast. */
static const ms_rgba INK = { 0.10, 0.10, 0.10, 1 };
static const ms_rgba MUTED = { 0.33, 0.33, 0.33, 1 };       /* 7.5:1 on white */
static const ms_rgba GRID = { 0.88, 0.88, 0.88, 1 };
static const ms_rgba AXIS = { 0.45, 0.45, 0.45, 1 };
static const ms_rgba LINE = { 0.0, 0.447, 0.698, 1 };        /* blue #0072B2 */
static const ms_rgba LOSS = { 0.835, 0.369, 0.0, 1 };        /* vermillion #D55E00 */

enum { TITLE_SIZE = 12, SUBTITLE_SIZE = 9, LABEL_SIZE = 8, NOTE_SIZE = 7 };
#define PAD 6.0
#define PI 3.14159265358979323846

typedef struct layout {
	ms_chart *c;
	const ms_fontset *fonts;
	double left, right, top, bottom;     /* plot area */
	double x0, x1, y0, y1;               /* data domain */
	int failed;
} layout;

void ms_chart_free(ms_chart *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->prim[i].xy);
		free(c->prim[i].text);
	}
	free(c->prim);
	free(c->id);
	free(c->title);
	free(c->desc);
	free(c);
}

static ms_prim *add_prim(layout *L, enum ms_prim_kind kind)
{
	ms_chart *c = L->c;
	if (L->failed)
		return NULL;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		ms_prim *p = realloc(c->prim, cap * sizeof *p);
		if (!p) {
			L->failed = 1;
			return NULL;
		}
		c->prim = p;
		c->cap = cap;
	}
	ms_prim *p = &c->prim[c->n++];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	return p;
}

static ms_prim *add_path(layout *L, size_t npts, ms_rgba stroke, ms_rgba fill, double width,
			 double dash)
{
	ms_prim *p = add_prim(L, MS_PRIM_PATH);
	if (!p)
		return NULL;
	p->xy = malloc(2 * npts * sizeof *p->xy);
	if (!p->xy) {
		L->failed = 1;
		L->c->n--;
		return NULL;
	}
	p->npts = npts;
	p->stroke = stroke;
	p->fill = fill;
	p->width = width;
	p->dash = dash;
	return p;
}

static void add_line(layout *L, double x0, double y0, double x1, double y1, ms_rgba color,
		     double width, double dash)
{
	ms_rgba none = { 0, 0, 0, 0 };
	ms_prim *p = add_path(L, 2, color, none, width, dash);
	if (p) {
		p->xy[0] = x0;
		p->xy[1] = y0;
		p->xy[2] = x1;
		p->xy[3] = y1;
	}
}

static void add_text(layout *L, double x, double y, const char *s, double size,
		     enum ms_face face, ms_rgba color, double anchor)
{
	ms_prim *p = add_prim(L, MS_PRIM_TEXT);
	if (!p)
		return;
	if (!(p->text = strdup(s))) {
		L->failed = 1;
		L->c->n--;
		return;
	}
	p->x = x;
	p->y = y;
	p->size = size;
	p->face = face;
	p->color = color;
	p->anchor = anchor;
}

static double text_w(const layout *L, const char *s, double size, enum ms_face face)
{
	return ms_text_width(L->fonts, face, size, s, strlen(s));
}

static double px(const layout *L, double x)
{
	return L->left + (x - L->x0) / (L->x1 - L->x0) * (L->right - L->left);
}

static double py(const layout *L, double y)
{
	return L->bottom - (y - L->y0) / (L->y1 - L->y0) * (L->bottom - L->top);
}

/* 1, 2, 2.5 or 5 times a power of ten, near range / intervals. */
static double nice_step(double range, int intervals)
{
	double raw = range / intervals;
	double mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
	return nice * mag;
}

static void y_label(char *out, size_t n, double v, int percent)
{
	if (percent)
		ms_fmt_pct(out, n, v, 0);
	else
		ms_fmt_usd_compact(out, n, v);
}

static void y_domain(const ms_line_spec *s, double *lo, double *hi)
{
	*lo = INFINITY;
	*hi = -INFINITY;
	for (size_t i = 0; i < s->n; i++) {
		*lo = fmin(*lo, s->y[i]);
		*hi = fmax(*hi, s->y[i]);
		if (s->band) {
			*lo = fmin(*lo, s->band[i]);
			*hi = fmax(*hi, s->band[i]);
		}
	}
	if (!isnan(s->ref)) {
		*lo = fmin(*lo, s->ref);
		*hi = fmax(*hi, s->ref);
	}
	if (s->area) {
		*lo = fmin(*lo, 0);
		*hi = fmax(*hi, 0);
	}
	if (*hi <= *lo)
		*hi = *lo + 1;
}

static void draw_y_axis(layout *L, double step, int percent)
{
	char label[64];
	for (double v = L->y0; v <= L->y1 + step * 1e-9; v += step) {
		double y = py(L, v);
		int zero = fabs(v) < step * 1e-9;
		add_line(L, L->left, y, L->right, y, zero ? AXIS : GRID, zero ? 0.8 : 0.5, 0);
		y_label(label, sizeof label, zero ? 0 : v, percent);
		add_text(L, L->left - 4, y + LABEL_SIZE * 0.35, label, LABEL_SIZE, MS_REGULAR, MUTED, 1);
	}
}

static const char *const month_abbr[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* Ticks on month starts every k months (k from 1, 2, 3, 6, 12), or on days
 * for short spans, so that labels never crowd. */
static void draw_x_axis(layout *L)
{
	double span_days = (L->x1 - L->x0) / MS_DAY;
	double room = (L->right - L->left) / 55.0;  /* one label per 55 pt at most */
	char label[32];
	double y = L->bottom + 4 + LABEL_SIZE;
	add_line(L, L->left, L->bottom, L->right, L->bottom, AXIS, 0.8, 0);
	if (span_days < 62) {
		static const int steps[] = { 1, 2, 7, 14 };
		int k = 14;
		for (size_t i = 0; i < 4; i++)
			if (span_days / steps[i] <= room) {
				k = steps[i];
				break;
			}
		for (int64_t t = ms_day_floor((int64_t)L->x0); t <= L->x1; t += (int64_t)k * MS_DAY) {
			if (t < L->x0)
				continue;
			int yy, mm, dd;
			ms_civil_from_days(t / MS_DAY, &yy, &mm, &dd);
			snprintf(label, sizeof label, "%d %s", dd, month_abbr[mm - 1]);
			add_line(L, px(L, (double)t), L->bottom, px(L, (double)t), L->bottom + 3, AXIS, 0.8, 0);
			add_text(L, px(L, (double)t), y, label, LABEL_SIZE, MS_REGULAR, MUTED, 0.5);
		}
		return;
	}
	static const int steps[] = { 1, 2, 3, 6, 12 };
	int k = 12;
	for (size_t i = 0; i < 5; i++)
		if (span_days / 30.44 / steps[i] <= room) {
			k = steps[i];
			break;
		}
	int yy, mm, dd;
	ms_civil_from_days(ms_day_floor((int64_t)L->x0) / MS_DAY, &yy, &mm, &dd);
	int first = 1;
	for (int m = (yy * 12 + mm - 1); ; m++) {
		int year = m / 12, month = m % 12 + 1;
		if ((month - 1) % k)
			continue;
		double t = (double)(ms_days_from_civil(year, month, 1) * MS_DAY);
		if (t > L->x1)
			break;
		if (t < L->x0)
			continue;
		if (k == 12)
			snprintf(label, sizeof label, "%d", year);
		else if (month == 1 || first)
			snprintf(label, sizeof label, "%s %d", month_abbr[month - 1], year);
		else
			snprintf(label, sizeof label, "%s", month_abbr[month - 1]);
		first = 0;
		add_line(L, px(L, t), L->bottom, px(L, t), L->bottom + 3, AXIS, 0.8, 0);
		add_text(L, px(L, t), y, label, LABEL_SIZE, MS_REGULAR, MUTED, 0.5);
	}
}

static ms_prim *series_path(layout *L, const ms_line_spec *s, size_t extra, ms_rgba stroke,
			    ms_rgba fill, double width)
{
	ms_prim *p = add_path(L, s->n + extra, stroke, fill, width, 0);
	if (!p)
		return NULL;
	for (size_t i = 0; i < s->n; i++) {
		p->xy[2 * i] = px(L, (double)s->t[i]);
		p->xy[2 * i + 1] = py(L, s->y[i]);
	}
	return p;
}

static void draw_marks(layout *L, const ms_line_spec *s)
{
	char label[128];
	for (size_t m = 0; m < s->nmarks; m++) {
		const ms_mark *mk = &s->marks[m];
		double x = px(L, (double)mk->t), y = py(L, mk->y);
		ms_prim *dot = add_path(L, 16, (ms_rgba){ 1, 1, 1, 1 }, INK, 1.0, 0);
		if (!dot)
			return;
		for (int i = 0; i < 16; i++) {
			dot->xy[2 * i] = x + 2.6 * cos(i * PI / 8);
			dot->xy[2 * i + 1] = y + 2.6 * sin(i * PI / 8);
		}
		snprintf(label, sizeof label, "%s", mk->label);
		double w = text_w(L, label, LABEL_SIZE, MS_BOLD);
		/* right of the point, or left of it near the right edge; above the
		 * point for highs, below for lows (the line runs the other way) */
		double anchor = x + 6 + w > L->right ? 1 : 0;
		double tx = anchor == 1 ? x - 6 : x + 6;
		double ty = mk->y >= (L->y0 + L->y1) / 2 ? y - 5 : y + LABEL_SIZE + 4;
		if (ty > L->bottom - 3)
			ty = y - 5;
		add_text(L, tx, ty, label, LABEL_SIZE, MS_BOLD, INK, anchor);
	}
}

ms_chart *ms_chart_line(const ms_line_spec *s, const ms_fontset *fonts)
{
	ms_chart *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	layout L = { c, fonts, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	c->width = s->width;
	c->height = s->height;
	if (!(c->id = strdup(s->id)) || !(c->title = strdup(s->title)) ||
	    !(c->desc = strdup(s->desc ? s->desc : s->title)) || s->n < 2) {
		ms_chart_free(c);
		return NULL;
	}
	double ty = PAD + ms_font_ascent(fonts, MS_BOLD, TITLE_SIZE);
	add_text(&L, PAD, ty, s->title, TITLE_SIZE, MS_BOLD, INK, 0);
	if (s->subtitle && *s->subtitle) {
		ty += SUBTITLE_SIZE + 6;
		add_text(&L, PAD, ty, s->subtitle, SUBTITLE_SIZE, MS_REGULAR, MUTED, 0);
	}
	double lo, hi;
	y_domain(s, &lo, &hi);
	double step = nice_step(hi - lo, 5);
	L.y0 = floor(lo / step) * step;
	L.y1 = ceil(hi / step) * step;
	double label_w = 0;
	char label[64];
	for (double v = L.y0; v <= L.y1 + step * 1e-9; v += step) {
		y_label(label, sizeof label, fabs(v) < step * 1e-9 ? 0 : v, s->percent);
		label_w = fmax(label_w, text_w(&L, label, LABEL_SIZE, MS_REGULAR));
	}
	L.left = PAD + label_w + 6;
	L.right = s->width - PAD - 4;
	L.top = ty + 14;
	L.bottom = s->height - PAD - NOTE_SIZE - 8 - LABEL_SIZE - 6;
	L.x0 = (double)s->t[0];
	L.x1 = (double)s->t[s->n - 1];
	draw_y_axis(&L, step, s->percent);
	draw_x_axis(&L);
	ms_rgba none = { 0, 0, 0, 0 };
	if (s->band) {
		/* the gap between the running high and the price: the drawdown */
		ms_prim *p = series_path(&L, s, s->n, none, (ms_rgba){ LOSS.r, LOSS.g, LOSS.b, 0.28 }, 0);
		for (size_t i = 0; p && i < s->n; i++) {
			size_t j = s->n - 1 - i;
			p->xy[2 * (s->n + i)] = px(&L, (double)s->t[j]);
			p->xy[2 * (s->n + i) + 1] = py(&L, s->band[j]);
		}
	}
	if (s->area) {
		ms_prim *p = series_path(&L, s, 2, none, (ms_rgba){ LOSS.r, LOSS.g, LOSS.b, 0.35 }, 0);
		if (p) {
			p->xy[2 * s->n] = px(&L, L.x1);
			p->xy[2 * s->n + 1] = py(&L, 0);
			p->xy[2 * s->n + 2] = px(&L, L.x0);
			p->xy[2 * s->n + 3] = py(&L, 0);
		}
	}
	series_path(&L, s, 0, s->area ? LOSS : LINE, none, 1.3);
	if (!isnan(s->ref)) {
		double y = py(&L, s->ref);
		add_line(&L, L.left, y, L.right, y, INK, 0.8, 3);
		if (s->ref_label)
			add_text(&L, L.left + 4, y - 4, s->ref_label, LABEL_SIZE, MS_REGULAR, INK, 0);
	}
	draw_marks(&L, s);
	if (s->note)
		add_text(&L, PAD, s->height - PAD, s->note, NOTE_SIZE, MS_REGULAR, MUTED, 0);
	if (L.failed) {
		ms_chart_free(c);
		return NULL;
	}
	return c;
}

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
		ms_buf_printf(out, "path n=%zu width=%.2f dash=%.1f", p->npts, p->width, p->dash);
		dump_color(out, "stroke", p->stroke);
		dump_color(out, "fill", p->fill);
		for (size_t k = 0; k < p->npts; k++)
			ms_buf_printf(out, "%s%.2f,%.2f", k ? " " : ": ", p->xy[2 * k], p->xy[2 * k + 1]);
		ms_buf_putc(out, '\n');
	}
}
