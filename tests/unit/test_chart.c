/* Charts through their display lists: scales, the reduction of long
 * series, label placement and the axes' adaptive ticks. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "chart.h"
#include "draw_svg.h"
#include "test.h"
#include "utc.h"

static ms_fontset *fonts(capture *cap)
{
	ms_fontset *f = ms_fontset_new("fonts", &cap->d);
	CHECK(f != NULL);
	return f;
}

static int has_text(const ms_chart *c, const char *s)
{
	for (size_t i = 0; c && i < c->n; i++)
		if (c->prim[i].kind == MS_PRIM_TEXT && !strcmp(c->prim[i].text, s))
			return 1;
	return 0;
}

/* Ten days rising from 100 to 190 with a reference line at 150: the line
 * rises to the right and the reference sits 5/9 of the way up. */
static void reference_line_position(void)
{
	capture cap;
	capture_start(&cap);
	ms_fontset *f = fonts(&cap);
	int64_t t[10];
	double y[10];
	for (int i = 0; i < 10; i++) {
		t[i] = (ms_days_from_civil(2026, 1, 1) + i) * MS_DAY;
		y[i] = 100 + 10 * i;
	}
	ms_frame fr = { .id = "test", .title = "Title", .width = 400, .height = 200, .x_time = 1,
			.x0 = (double)t[0], .x1 = (double)t[9], .y0 = 100, .y1 = 190, .y_fmt = MS_AX_USD };
	ms_plot *p = f ? ms_plot_begin(&fr, f) : NULL;
	if (p) {
		ms_plot_line(p, (ms_xs){ t, NULL }, y, 10, MS_BLUE, 1, 0);
		ms_plot_hline(p, 150, MS_INK, 3, "Ref");
	}
	ms_chart *c = ms_plot_end(p);
	CHECK(c != NULL);
	const ms_prim *line = NULL, *ref = NULL;
	for (size_t i = 0; c && i < c->n; i++) {
		if (c->prim[i].kind == MS_PRIM_PATH && c->prim[i].npts == 10)
			line = &c->prim[i];
		if (c->prim[i].kind == MS_PRIM_PATH && c->prim[i].dash > 0)
			ref = &c->prim[i];
	}
	CHECK(line && ref);
	if (line && ref) {
		/* the axis runs from $100k-rounded ticks: compute from the gridlines instead */
		CHECK(line->xy[19] < line->xy[1]);
		double expect = line->xy[1] + (line->xy[19] - line->xy[1]) * 50.0 / 90.0;
		CHECK_NEAR(ref->xy[1], expect, 1e-9);
	}
	CHECK(has_text(c, "Ref") && has_text(c, "Title"));
	ms_buf dump;
	ms_buf_init(&dump, 0);
	if (c)
		ms_chart_dump(c, &dump);
	CHECK(strstr(ms_buf_str(&dump), "chart test 400x200\n") == ms_buf_str(&dump));
	ms_buf_release(&dump);
	ms_chart_free(c);
	ms_fontset_free(f);
	capture_end(&cap);
}

/* 2.6 million points become a few thousand, and the extremes survive. */
static void long_series_keep_extremes(void)
{
	capture cap;
	capture_start(&cap);
	ms_fontset *f = fonts(&cap);
	size_t n = 2600000;
	double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
	CHECK(x && y);
	if (!x || !y || !f) {
		free(x);
		free(y);
		ms_fontset_free(f);
		capture_end(&cap);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		x[i] = (double)i;
		y[i] = 100 + sin((double)i / 5000.0) * 10;
	}
	y[1234567] = 250;      /* one spike up, one down: a single point each */
	y[2345678] = 1;
	ms_frame fr = { .id = "big", .title = "Big", .width = 510, .height = 220, .x0 = 0, .x1 = (double)n,
			.y0 = 0, .y1 = 250, .y_fmt = MS_AX_NUM, .x_fmt = MS_AX_NUM };
	ms_plot *p = ms_plot_begin(&fr, f);
	if (p)
		ms_plot_line(p, (ms_xs){ NULL, x }, y, n, MS_BLUE, 1, 0);
	ms_chart *c = ms_plot_end(p);
	const ms_prim *line = NULL;
	for (size_t i = 0; c && i < c->n; i++)
		if (c->prim[i].kind == MS_PRIM_PATH && c->prim[i].npts > 100)
			line = &c->prim[i];
	CHECK(line != NULL);
	if (line) {
		CHECK(line->npts < 5000);
		double top = INFINITY, bottom = -INFINITY;
		for (size_t k = 0; k < line->npts; k++) {
			top = fmin(top, line->xy[2 * k + 1]);
			bottom = fmax(bottom, line->xy[2 * k + 1]);
		}
		/* the spike to 250 is the plot's top; the dip to 1 is just above its bottom */
		const ms_prim *grid0 = NULL;
		for (size_t i = 0; i < c->n; i++)
			if (c->prim[i].kind == MS_PRIM_PATH && c->prim[i].npts == 2 && !grid0)
				grid0 = &c->prim[i];
		CHECK(grid0 != NULL);
		double zero_y = grid0 ? grid0->xy[1] : 0;     /* the first gridline is y = 0 */
		CHECK_NEAR(bottom, zero_y - (zero_y - top) * 1.0 / 250, 1e-9);
	}
	/* as SVG it stays small (under 200 KB), its text real text */
	ms_buf svg;
	ms_buf_init(&svg, 0);
	size_t at = 0;
	CHECK(c && ms_draw_svg(c, f, &svg, &at, &cap.d) == 0);
	CHECK(svg.data && !strncmp(svg.data, "<?xml", 5) && !strncmp(svg.data + at, "<svg", 4));
	CHECK(svg.len > 1000 && svg.len < 200 * 1024);
	size_t texts = 0;
	for (size_t i = 0; c && i < c->n; i++)
		texts += c->prim[i].kind == MS_PRIM_TEXT;
	size_t found = 0;
	for (const char *t = svg.data; t && (t = strstr(t, "<text ")); t++)
		found++;
	CHECK(texts > 3 && found == texts);
	ms_buf_release(&svg);
	ms_chart_free(c);
	free(x);
	free(y);
	ms_fontset_free(f);
	capture_end(&cap);
}

/* Two marks on the same point: their labels must not overlap. */
static void labels_do_not_collide(void)
{
	capture cap;
	capture_start(&cap);
	ms_fontset *f = fonts(&cap);
	double x[3] = { 0, 50, 100 }, y[3] = { 10, 50, 10 };
	ms_frame fr = { .id = "m", .title = "M", .width = 400, .height = 220, .x0 = 0, .x1 = 100, .y0 = 0,
			.y1 = 60, .y_fmt = MS_AX_NUM, .x_fmt = MS_AX_NUM };
	ms_plot *p = f ? ms_plot_begin(&fr, f) : NULL;
	if (p) {
		ms_plot_line(p, (ms_xs){ NULL, x }, y, 3, MS_BLUE, 1, 0);
		ms_plot_mark(p, 50, 50, "First label here");
		ms_plot_mark(p, 50, 50, "Second label here");
	}
	ms_chart *c = ms_plot_end(p);
	const ms_prim *a = NULL, *b = NULL;
	for (size_t i = 0; c && i < c->n; i++) {
		if (c->prim[i].kind == MS_PRIM_TEXT && !strcmp(c->prim[i].text, "First label here"))
			a = &c->prim[i];
		if (c->prim[i].kind == MS_PRIM_TEXT && !strcmp(c->prim[i].text, "Second label here"))
			b = &c->prim[i];
	}
	CHECK(a && b);
	if (a && b && f) {
		double wa = ms_text_width(f, a->face, a->size, a->text, strlen(a->text));
		double wb = ms_text_width(f, b->face, b->size, b->text, strlen(b->text));
		int apart_x = a->x + wa <= b->x || b->x + wb <= a->x;
		int apart_y = fabs(a->y - b->y) >= a->size;
		CHECK(apart_x || apart_y);
	}
	ms_chart_free(c);
	ms_fontset_free(f);
	capture_end(&cap);
}

/* Time axes adapt: hours for two days, months for two years; a log axis
 * ticks at 1, 2 and 5 times powers of ten. */
static void axes_adapt(void)
{
	capture cap;
	capture_start(&cap);
	ms_fontset *f = fonts(&cap);
	double d0 = (double)(ms_days_from_civil(2025, 10, 10) * MS_DAY);
	ms_frame hours = { .id = "h", .title = "H", .width = 510, .height = 200, .x_time = 1, .x0 = d0,
			   .x1 = d0 + 2 * MS_DAY, .y0 = 1, .y1 = 2, .y_fmt = MS_AX_NUM };
	ms_chart *c = f ? ms_plot_end(ms_plot_begin(&hours, f)) : NULL;
	CHECK(has_text(c, "12:00") && has_text(c, "11 Oct 00:00") && !has_text(c, "Oct 2025"));
	ms_chart_free(c);
	double y0 = (double)(ms_days_from_civil(2024, 1, 1) * MS_DAY);
	ms_frame years = { .id = "y", .title = "Y", .width = 510, .height = 200, .x_time = 1, .x0 = y0,
			   .x1 = y0 + 760.0 * MS_DAY, .y0 = 30000, .y1 = 130000, .y_fmt = MS_AX_USD, .y_log = 1 };
	c = f ? ms_plot_end(ms_plot_begin(&years, f)) : NULL;
	CHECK(has_text(c, "Jan 2024") && has_text(c, "Jan 2025") && has_text(c, "Jul"));
	CHECK(has_text(c, "$50k") && has_text(c, "$100k") && !has_text(c, "$75k"));
	ms_chart_free(c);
	ms_fontset_free(f);
	capture_end(&cap);
}

/* Bars of a colour are one path of four-point pieces. */
static void bars_are_batched(void)
{
	capture cap;
	capture_start(&cap);
	ms_fontset *f = fonts(&cap);
	double x[4] = { 1, 2, 3, 4 }, y[4] = { 5, -3, 2, -1 };
	ms_frame fr = { .id = "b", .title = "B", .width = 300, .height = 200, .x0 = 0.5, .x1 = 4.5, .y0 = -3,
			.y1 = 5, .y_fmt = MS_AX_NUM, .x_fmt = MS_AX_NUM };
	ms_plot *p = f ? ms_plot_begin(&fr, f) : NULL;
	if (p)
		ms_plot_bars(p, (ms_xs){ NULL, x }, y, 4, 1, MS_GREEN, MS_VERMILLION, 0);
	ms_chart *c = ms_plot_end(p);
	int pieces = 0;
	for (size_t i = 0; c && i < c->n; i++)
		if (c->prim[i].seg == 4) {
			CHECK(c->prim[i].npts == 8);
			pieces++;
		}
	CHECK(pieces == 2);
	ms_chart_free(c);
	ms_fontset_free(f);
	capture_end(&cap);
}

/* Hourly closes drawn at each hour's middle are read as their hour: the
 * readout names 13:00 for the bar from 13:00 to 14:00, with its value. */
static void readout_names_bars_by_start(void)
{
	capture cap;
	capture_start(&cap);
	ms_fontset *f = fonts(&cap);
	int64_t t0 = ms_days_from_civil(2026, 1, 1) * MS_DAY + 12 * 3600, mid[3];
	double y[3] = { 100, 125.5, 110 };
	for (int i = 0; i < 3; i++)
		mid[i] = t0 + i * 3600 + 1800;
	ms_frame fr = { .id = "hours", .title = "Hours", .width = 400, .height = 200, .x_time = 1, .x_bar = 3600,
			.x0 = (double)t0, .x1 = (double)(t0 + 3 * 3600), .y0 = 100, .y1 = 130, .y_fmt = MS_AX_USD };
	ms_plot *p = f ? ms_plot_begin(&fr, f) : NULL;
	if (p)
		ms_plot_line(p, (ms_xs){ mid, NULL }, y, 3, MS_BLUE, 1, 0);
	ms_chart *c = ms_plot_end(p);
	CHECK(c && c->readout);
	if (c && c->readout) {
		CHECK(strstr(c->readout, ",2026-01-01 12:00: $100;") && strstr(c->readout, ",2026-01-01 13:00: $126;") &&
		      strstr(c->readout, ",2026-01-01 14:00: $110;"));
		CHECK(strstr(c->readout, ":30") == NULL);
	}
	ms_chart_free(c);
	ms_fontset_free(f);
	capture_end(&cap);
}

const ms_test chart_tests[] = {
	{ "chart/readout_names_bars_by_start", readout_names_bars_by_start },
	{ "chart/reference_line_position", reference_line_position },
	{ "chart/long_series_keep_extremes", long_series_keep_extremes },
	{ "chart/labels_do_not_collide", labels_do_not_collide },
	{ "chart/axes_adapt", axes_adapt },
	{ "chart/bars_are_batched", bars_are_batched },
};
const size_t chart_ntests = sizeof chart_tests / sizeof chart_tests[0];
