#include "theme.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ini.h"

void ms_theme_defaults(ms_theme *t)
{
	t->page_w = 595.276;
	t->page_h = 841.89;
	t->margin_top = t->margin_left = t->margin_right = 62;
	t->margin_bottom = 72;
	t->body_size = 10;
	t->body_lead = 14.6;
	t->measure = 72;
	t->text = (ms_rgba){ 0.10, 0.10, 0.10, 1 };
	t->muted = (ms_rgba){ 0.36, 0.36, 0.36, 1 };
	t->accent = (ms_rgba){ 0.0, 0.36, 0.62, 1 };
	t->rule = (ms_rgba){ 0.80, 0.80, 0.80, 1 };
}

typedef struct reader {
	ms_theme *t;
	const char *file;
	const char *section;
	ms_diag *d;
} reader;

/* "62", "22mm", "0.5in": a length in points. */
static int length(const char *v, double *out)
{
	char *end;
	double x = strtod(v, &end);
	double k = !strcmp(end, "mm") ? 72 / 25.4 : !strcmp(end, "in") ? 72 : !strcmp(end, "pt") || !*end ? 1 : -1;
	if (end == v || k < 0 || !isfinite(x) || x < 0 || x > 2000)
		return -1;
	*out = x * k;
	return 0;
}

static int color(const char *v, ms_rgba *out)
{
	unsigned r, g, b;
	char tail;
	if (strlen(v) != 7 || sscanf(v, "#%2x%2x%2x%c", &r, &g, &b, &tail) != 3)
		return -1;
	*out = (ms_rgba){ r / 255.0, g / 255.0, b / 255.0, 1 };
	return 0;
}

static int on_pair(void *ctx, const char *section, const char *k, const char *v, long line)
{
	static const char *const page_keys[] = { "size", "margin_top", "margin_bottom", "margin_left",
						 "margin_right", NULL };
	static const char *const text_keys[] = { "size", "leading", "measure", NULL };
	static const char *const color_keys[] = { "text", "muted", "accent", "rule", NULL };
	reader *r = ctx;
	ms_theme *t = r->t;
	if (!k) {
		if (strcmp(section, "page") && strcmp(section, "text") && strcmp(section, "color"))
			return ms_error(r->d, r->file, line, 1, "unknown section [%s] (sections: [page], [text], [color])",
					section);
		r->section = !strcmp(section, "page") ? "page" : !strcmp(section, "text") ? "text" : "color";
		return 0;
	}
	if (!strcmp(r->section, "page")) {
		if (!strcmp(k, "size")) {
			if (!strcmp(v, "A4")) {
				t->page_w = 595.276;
				t->page_h = 841.89;
			} else if (!strcmp(v, "Letter")) {
				t->page_w = 612;
				t->page_h = 792;
			} else {
				return ms_error(r->d, r->file, line, 1, "size: '%s' is neither A4 nor Letter", v);
			}
			return 0;
		}
		double *dst = !strcmp(k, "margin_top") ? &t->margin_top : !strcmp(k, "margin_bottom") ? &t->margin_bottom :
			      !strcmp(k, "margin_left") ? &t->margin_left : !strcmp(k, "margin_right") ? &t->margin_right : NULL;
		if (!dst)
			return ms_ini_unknown_key(r->d, r->file, line, k, page_keys);
		if (length(v, dst))
			return ms_error(r->d, r->file, line, 1, "%s: '%s' is not a length (62, 22mm, 0.8in)", k, v);
		return 0;
	}
	if (!strcmp(r->section, "text")) {
		if (!strcmp(k, "measure")) {
			char *end;
			t->measure = strtod(v, &end);
			if (end == v || *end || !(t->measure >= 30 && t->measure <= 200))
				return ms_error(r->d, r->file, line, 1, "measure: '%s' is not a number of characters (30 to 200)", v);
			return 0;
		}
		double *dst = !strcmp(k, "size") ? &t->body_size : !strcmp(k, "leading") ? &t->body_lead : NULL;
		if (!dst)
			return ms_ini_unknown_key(r->d, r->file, line, k, text_keys);
		if (length(v, dst) || *dst < 4 || *dst > 72)
			return ms_error(r->d, r->file, line, 1, "%s: '%s' is not a size in points (4 to 72)", k, v);
		return 0;
	}
	ms_rgba *dst = !strcmp(k, "text") ? &t->text : !strcmp(k, "muted") ? &t->muted :
		       !strcmp(k, "accent") ? &t->accent : !strcmp(k, "rule") ? &t->rule : NULL;
	if (!dst)
		return ms_ini_unknown_key(r->d, r->file, line, k, color_keys);
	if (color(v, dst))
		return ms_error(r->d, r->file, line, 1, "%s: '%s' is not a colour (#rrggbb)", k, v);
	return 0;
}

int ms_theme_parse(ms_theme *t, const char *file, const char *text, size_t len, ms_diag *d)
{
	reader r = { t, file, "", d };
	if (ms_ini_parse(file, text, len, on_pair, &r, d))
		return -1;
	if (t->margin_left + t->margin_right > t->page_w - 144 || t->margin_top + t->margin_bottom > t->page_h - 144)
		return ms_error(d, file, 0, 0, "the margins leave less than 2 inches of page");
	return 0;
}
