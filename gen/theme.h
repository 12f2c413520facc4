/* The PDF's look, from templates/theme.ini: page size, margins, text size
 * and colours, so a newsletter can change them without touching code. */
#ifndef MS_THEME_H
#define MS_THEME_H
#include <stddef.h>
#include "chart.h"
#include "diag.h"

typedef struct ms_theme {
	double page_w, page_h;                                  /* points */
	double margin_top, margin_bottom, margin_left, margin_right;
	double body_size, body_lead;
	double measure;           /* the longest line of running text, in characters of average width */
	ms_rgba text, muted, accent, rule;
} ms_theme;

/* A4, 22 mm margins, 10 pt text. */
void ms_theme_defaults(ms_theme *t);
/* Reads theme.ini text over the defaults; unknown keys are errors. */
int ms_theme_parse(ms_theme *t, const char *file, const char *text, size_t len, ms_diag *d);

#endif
