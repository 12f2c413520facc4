#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "chart.h"
#include "test.h"
#include "utc.h"

/* Ten days rising from 100 to 190 with a reference line at 150: the dump
 * must hold the line, the reference at the right height, and the labels. */
static void line_chart_display_list(void)
{
	capture cap;
	capture_start(&cap);
	ms_fontset *f = ms_fontset_new("fonts", &cap.d);
	CHECK(f != NULL);
	if (!f) {
		capture_end(&cap);
		return;
	}
	int64_t t[10];
	double y[10];
	for (int i = 0; i < 10; i++) {
		t[i] = (ms_days_from_civil(2026, 1, 1) + i) * MS_DAY;
		y[i] = 100 + 10 * i;
	}
	ms_line_spec s = { "test", "Title", "Sub", "Note", "Alt", t, y, 10, NULL, 0, 0, 150, "Ref",
			   NULL, 0, 400, 200 };
	ms_chart *c = ms_chart_line(&s, f);
	CHECK(c != NULL);
	ms_buf dump;
	ms_buf_init(&dump, 0);
	if (c)
		ms_chart_dump(c, &dump);
	const char *txt = ms_buf_str(&dump);
	CHECK(strstr(txt, "chart test 400x200\n") == txt);
	CHECK(strstr(txt, "\"Title\"") && strstr(txt, "\"Ref\""));
	CHECK(strstr(txt, "\"1 Jan\"") || strstr(txt, "\"Jan 2026\""));
	/* the data path: 10 points, first at the left edge, rising to the right */
	const ms_prim *line = NULL, *ref = NULL;
	for (size_t i = 0; c && i < c->n; i++) {
		if (c->prim[i].kind == MS_PRIM_PATH && c->prim[i].npts == 10)
			line = &c->prim[i];
		if (c->prim[i].kind == MS_PRIM_PATH && c->prim[i].dash > 0)
			ref = &c->prim[i];
	}
	CHECK(line && ref);
	if (line && ref) {
		double y_first = line->xy[1], y_last = line->xy[19];
		CHECK(y_last < y_first);                    /* higher values are higher up */
		/* 150 lies 5/9 of the way from 100 to 190 */
		double expect = y_first + (y_last - y_first) * 50.0 / 90.0;
		CHECK_NEAR(ref->xy[1], expect, 1e-9);
	}
	ms_buf_release(&dump);
	ms_chart_free(c);
	ms_fontset_free(f);
	capture_end(&cap);
}

const ms_test chart_tests[] = {
	{ "chart/line_chart_display_list", line_chart_display_list },
};
const size_t chart_ntests = sizeof chart_tests / sizeof chart_tests[0];
