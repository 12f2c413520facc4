/* The report's charts, each built from the loaded data: the chart ids the
 * templates use (chart:ID) are the ones made here. */
#ifndef MS_CHARTS_H
#define MS_CHARTS_H
#include <stddef.h>
#include "chart.h"
#include "config.h"
#include "diag.h"
#include "figures.h"
#include "model.h"

enum { MS_MAX_CHARTS = 24 };

typedef struct ms_chartset {
	ms_chart *chart[MS_MAX_CHARTS];   /* owned */
	size_t n;
} ms_chartset;

/* The ids of the charts that are not per crash day, NULL-terminated: the
 * model says of each whether it was drawn. */
extern const char *const ms_chart_ids[];

/* Where a chart is read: its width in points and how much larger its type
 * is than the 8 pt of the page's. The page layout serves the PDF column,
 * the desktop page and the PNG files; the email's is narrower with larger
 * type, for 520 to 600 px; the phone's narrower still, with type that stays
 * at 11 CSS px or more on a 360 px screen (the page's and the email's
 * narrow charts). Each chart's id is its kind's plus the layout's suffix
 * ("price", "price-phone"), so the page's and the phone's fit in one page. */
typedef struct ms_chart_layout {
	double width, type_scale, height_scale;
	const char *id_suffix;
} ms_chart_layout;
extern const ms_chart_layout MS_LAYOUT_PAGE, MS_LAYOUT_EMAIL, MS_LAYOUT_PHONE;

/* Builds every chart the figures' data allows (figures borrowed), laid out for lay. */
int ms_charts_build(const ms_figures *fig, const ms_fontset *fonts, ms_chart_layout lay, ms_chartset *out,
		    ms_diag *d);
void ms_charts_release(ms_chartset *cs);
/* The id of the candlestick chart of crash day k (e.g. "crash1"). */
void ms_crash_chart_id(char *out, size_t n, size_t k);

#endif
