#include "report.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "chart.h"
#include "claims.h"
#include "config.h"
#include "doc.h"
#include "draw_cairo.h"
#include "fmt.h"
#include "fsutil.h"
#include "model.h"
#include "sources.h"
#include "tmpl.h"
#include "utc.h"

#define NCHARTS 2

typedef struct outfile {
	char *name;          /* owned; relative to the output directory */
	ms_buf data;
} outfile;

typedef struct build {
	const ms_build_opts *o;
	ms_diag *d;
	ms_config cfg;
	int have_cfg;
	ms_dataset *ds;
	size_t nds;
	json_t *model;
	ms_fontset *fonts;
	ms_cairo_fonts *cfonts;
	ms_chart *chart[NCHARTS];
	ms_buf svg[NCHARTS];
	double *scratch;     /* owned; chart series */
	outfile out[16];
	size_t nout;
} build;

static ms_buf *add_output(build *b, const char *name)
{
	outfile *f = &b->out[b->nout];
	if (b->nout == sizeof b->out / sizeof b->out[0] || !(f->name = strdup(name)))
		return NULL;
	ms_buf_init(&f->data, 0);
	b->nout++;
	return &f->data;
}

static char *home_path(const build *b, const char *rel)
{
	return ms_path_join(b->o->home, rel);
}

static int load_inputs(build *b)
{
	char *path = b->o->config ? strdup(b->o->config) : home_path(b, "data/default.ini");
	int rc = !path ? ms_error(b->d, NULL, 0, 0, "out of memory") :
		 ms_config_load(path, b->o->as_of, &b->cfg, b->d);
	b->have_cfg = 1;
	free(path);
	if (!rc && b->o->weekly >= 0)
		b->cfg.weekly = b->o->weekly;
	return rc || ms_sources_load(&b->cfg, &b->ds, &b->nds, b->d) ? -1 : 0;
}

static const ms_dataset *primary(const build *b)
{
	for (size_t i = 0; i < b->nds; i++)
		if (!strcmp(b->ds[i].cfg->name, b->cfg.primary))
			return &b->ds[i];
	return NULL;
}

/* The price with its running high (the drawdown shaded between them) and the
 * underwater curve, from the primary source's closes. */
static int make_charts(build *b)
{
	const ms_dataset *ds = primary(b);
	ms_price_figures f;
	if (!ds || ms_price_figures_compute(ds, &b->cfg, &f, b->d))
		return -1;
	const ms_series *s = ds->series;
	size_t n = ds->hi - ds->lo;
	const int64_t *t = s->t + ds->lo;
	const double *close = s->col[MS_CLOSE] + ds->lo;
	b->scratch = malloc(2 * n * sizeof *b->scratch);
	if (!b->scratch)
		return ms_error(b->d, NULL, 0, 0, "out of memory");
	double *hwm = b->scratch, *under = b->scratch + n;
	ms_drawdown_series(close, n, under);
	for (size_t i = 0; i < n; i++)
		hwm[i] = close[i] / (1 + under[i]);
	char ath[48], peak[48], trough[48], depth[48], from[11], to[11], pday[11], tday[11];
	char title[160], sub[200], ref[160], note[240], lpeak[120], ltrough[120], ldepth[120], desc[600];
	const double *high = s->col[MS_HIGH];
	ms_fmt_usd(ath, sizeof ath, high[f.ath_high]);
	ms_fmt_date(s->t[f.ath_high], from);
	ms_fmt_date(s->t[f.latest], to);
	ms_fmt_usd_compact(peak, sizeof peak, s->col[MS_CLOSE][f.maxdd.peak]);
	ms_fmt_usd_compact(trough, sizeof trough, s->col[MS_CLOSE][f.maxdd.trough]);
	ms_fmt_pct(depth, sizeof depth, f.maxdd.depth, 1);
	ms_fmt_date(s->t[f.maxdd.peak], pday);
	ms_fmt_date(s->t[f.maxdd.trough], tday);
	snprintf(title, sizeof title, "%s price, daily close (US$)", ds->cfg->asset);
	snprintf(sub, sizeof sub, "Shaded: the fall below the running high. Dashed: the all-time high.");
	snprintf(ref, sizeof ref, "All-time high %s (intraday, %s)", ath, from);
	snprintf(note, sizeof note, "Source: %s (%s). UTC days. As of %s.", ds->fmt.provider,
		 ds->cfg->name, to);
	snprintf(lpeak, sizeof lpeak, "Peak %s, %s", peak, pday);
	snprintf(ltrough, sizeof ltrough, "Trough %s, %s", trough, tday);
	snprintf(desc, sizeof desc,
		 "Line chart of the %s daily close from %s to %s. The all-time high was %s on %s; "
		 "the deepest fall from a closing high ran from %s on %s to %s on %s, %s.",
		 ds->cfg->asset, "the window start", to, ath, from, peak, pday, trough, tday, depth);
	ms_mark marks[2] = {
		{ s->t[f.maxdd.peak], s->col[MS_CLOSE][f.maxdd.peak], lpeak },
		{ s->t[f.maxdd.trough], s->col[MS_CLOSE][f.maxdd.trough], ltrough },
	};
	ms_line_spec price = { "price", title, sub, note, desc, t, close, n, hwm, 0, 0,
			       high[f.ath_high], ref, marks, 2, 510, 290 };
	b->chart[0] = ms_chart_line(&price, b->fonts);
	snprintf(ldepth, sizeof ldepth, "%s, %s", depth, tday);
	ms_mark deepest = { s->t[f.maxdd.trough], f.maxdd.depth, ldepth };
	char utitle[160], udesc[400];
	snprintf(utitle, sizeof utitle, "%s below its running high (drawdown, daily close)", ds->cfg->asset);
	snprintf(udesc, sizeof udesc,
		 "Area chart of the %s drawdown from its running closing high, from 0 down to %s "
		 "at the trough on %s.", ds->cfg->asset, depth, tday);
	ms_line_spec uw = { "underwater", utitle, "0 % means a new high; the deeper, the further below it.",
			    note, udesc, t, under, n, NULL, 1, 1, NAN, NULL, &deepest, 1, 510, 220 };
	b->chart[1] = ms_chart_line(&uw, b->fonts);
	if (!b->chart[0] || !b->chart[1])
		return ms_error(b->d, NULL, 0, 0, "cannot lay out the charts (out of memory or too little data)");
	for (int i = 0; i < NCHARTS; i++) {
		char name[64];
		ms_buf_init(&b->svg[i], 0);
		if (ms_draw_svg(b->chart[i], b->cfonts, 1, &b->svg[i], b->d))
			return -1;
		snprintf(name, sizeof name, "charts/%s.svg", b->chart[i]->id);
		ms_buf *svg = add_output(b, name);
		snprintf(name, sizeof name, "charts/%s.png", b->chart[i]->id);
		ms_buf *png = add_output(b, name);
		if (!svg || !png || ms_draw_svg(b->chart[i], b->cfonts, 0, svg, b->d) ||
		    ms_draw_png(b->chart[i], b->cfonts, 2.0, png, b->d))
			return -1;
	}
	return 0;
}

static int read_template(const build *b, const char *rel, ms_buf *text, char **path)
{
	*path = home_path(b, rel);
	if (!*path)
		return ms_error(b->d, NULL, 0, 0, "out of memory");
	return ms_read_file(*path, text, 4u << 20, b->d);
}

/* Every ![…](chart:ID) the template writes must name a chart: reported at
 * the template's own line and column (the rendered Markdown's differ). */
static int check_chart_refs(const build *b, const char *path, const ms_buf *tmpl)
{
	static const char mark[] = "](chart:";
	const char *text = ms_buf_str(tmpl);
	int rc = 0;
	for (const char *p = strstr(text, mark); p; p = strstr(p + 1, mark)) {
		const char *id = p + strlen(mark);
		size_t n = strcspn(id, ")\n");
		int known = 0;
		for (int i = 0; i < NCHARTS; i++)
			known |= strlen(b->chart[i]->id) == n && !strncmp(b->chart[i]->id, id, n);
		if (known)
			continue;
		long line = 1, col = 1;
		for (const char *q = text; q < id; q++) {
			col = *q == '\n' ? 1 : col + 1;
			line += *q == '\n';
		}
		rc = ms_error(b->d, path, line, col, "unknown chart id '%.*s' (charts: price, underwater)",
			      (int)(n > 60 ? 60 : n), id);
	}
	return rc;
}

/* Partials and parents: {{>name}} and {{<name}} read templates/name.md (a
 * missing one is reported by the template engine, with its line). */
static int read_partial(void *ctx, const char *name, char **text, char **file)
{
	const build *b = ctx;
	char rel[300];
	if (strchr(name, '/') || !*name || strlen(name) > 200)
		return -1;
	snprintf(rel, sizeof rel, "templates/%s.md", name);
	ms_buf t;
	ms_buf_init(&t, 0);
	ms_diag quiet;
	ms_diag_init(&quiet, NULL);
	*text = NULL;
	if ((*file = home_path(b, rel)) && ms_read_file(*file, &t, 4u << 20, &quiet) == 0)
		*text = ms_buf_detach(&t, NULL);
	ms_buf_release(&t);
	if (*text)
		return 0;
	free(*file);
	*file = NULL;
	return -1;
}

static int render_documents(build *b)
{
	ms_buf md_tmpl, page_tmpl, body;
	ms_buf_init(&md_tmpl, 0);
	ms_buf_init(&page_tmpl, 0);
	ms_buf_init(&body, 0);
	char *md_path = NULL, *page_path = NULL;
	ms_doc *doc = NULL;
	int rc = -1;
	ms_buf *md = add_output(b, "report.md");
	ms_buf *html = add_output(b, "report.html");
	ms_buf *pdf = add_output(b, "report.pdf");
	if (!md || !html || !pdf) {
		ms_error(b->d, NULL, 0, 0, "out of memory");
		goto done;
	}
	/* the weekly newsletter is a template that extends the report's */
	ms_tmpl_opts md_opts = { ms_escape_markdown, read_partial, (void *)b, 1 };
	if (read_template(b, b->cfg.weekly ? "templates/weekly.md" : "templates/report.md", &md_tmpl, &md_path) ||
	    ms_tmpl_render(md_path, md_tmpl.data, md_tmpl.len, b->model, &md_opts, md, b->d))
		goto done;
	if (check_chart_refs(b, md_path, &md_tmpl) || !(doc = ms_doc_parse(md_path, md->data, md->len, b->d)))
		goto done;
	ms_doc_chart charts[NCHARTS];
	for (int i = 0; i < NCHARTS; i++)
		charts[i] = (ms_doc_chart){ b->chart[i], b->svg[i].data };
	if (ms_doc_html(doc, charts, NCHARTS, &body, b->d))
		goto done;
	/* the page shell sees the model plus the rendered body */
	json_t *page = json_deep_copy(b->model);
	if (!page || json_object_set_new(page, "body", json_stringn(body.data, body.len))) {
		json_decref(page);
		ms_error(b->d, NULL, 0, 0, "out of memory");
		goto done;
	}
	ms_tmpl_opts html_opts = { ms_escape_html, NULL, NULL, 1 };
	rc = read_template(b, "templates/page.html", &page_tmpl, &page_path) ||
	     ms_tmpl_render(page_path, page_tmpl.data, page_tmpl.len, page, &html_opts, html, b->d);
	json_decref(page);
	if (rc)
		goto done;
	int y, m, dd;
	char as_of[11];
	ms_civil_from_days(b->cfg.as_of / MS_DAY, &y, &m, &dd);
	ms_fmt_date(b->cfg.as_of, as_of);
	ms_doc_meta meta = { b->cfg.title, b->cfg.author,
			     b->cfg.subtitle[0] ? b->cfg.subtitle : "Market stress report", as_of, y, m, dd };
	ms_buf theme_text;
	char *theme_path = NULL;
	ms_theme theme;
	ms_theme_defaults(&theme);
	ms_buf_init(&theme_text, 0);
	rc = read_template(b, "templates/theme.ini", &theme_text, &theme_path) ||
	     ms_theme_parse(&theme, theme_path, theme_text.data, theme_text.len, b->d) ||
	     ms_doc_pdf(doc, charts, NCHARTS, b->fonts, &theme, &meta, pdf, b->d);
	ms_buf_release(&theme_text);
	free(theme_path);
done:
	ms_doc_free(doc);
	ms_buf_release(&md_tmpl);
	ms_buf_release(&page_tmpl);
	ms_buf_release(&body);
	free(md_path);
	free(page_path);
	return rc ? -1 : 0;
}

static int write_outputs(build *b)
{
	char *charts = ms_path_join(b->o->out_dir, "charts");
	int rc = !charts ? ms_error(b->d, NULL, 0, 0, "out of memory") : ms_mkdirs(charts, b->d);
	free(charts);
	for (size_t i = 0; !rc && i < b->nout; i++) {
		char *path = ms_path_join(b->o->out_dir, b->out[i].name);
		if (!path || ms_buf_failed(&b->out[i].data))
			rc = ms_error(b->d, b->out[i].name, 0, 0, "out of memory");
		else
			rc = ms_write_file_atomic(path, b->out[i].data.data, b->out[i].data.len, b->d);
		free(path);
	}
	return rc;
}

/* The article check: the claims' verdicts join the model as "claims". */
static int add_claims(build *b)
{
	ms_claims *cl = ms_claims_load(b->cfg.claims, b->d);
	json_t *r = cl ? ms_claims_check(cl, &b->cfg, b->ds, b->nds) : NULL;
	ms_claims_free(cl);
	if (!r)
		return cl ? ms_error(b->d, b->cfg.claims, 0, 0, "out of memory") : -1;
	json_object_set_new(b->model, "claims", r);
	return 0;
}

static int dump_model(build *b)
{
	ms_buf *out = add_output(b, "stats.json");
	char *s = json_dumps(b->model, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
	if (!out || !s) {
		free(s);
		return ms_error(b->d, NULL, 0, 0, "out of memory");
	}
	ms_buf_puts(out, s);
	ms_buf_putc(out, '\n');
	free(s);
	return 0;
}

int ms_build(const ms_build_opts *o, ms_diag *d)
{
	build b;
	memset(&b, 0, sizeof b);
	b.o = o;
	b.d = d;
	char *font_dir = home_path(&b, "fonts");
	int rc = load_inputs(&b);
	if (!rc && !(b.model = ms_model_build(&b.cfg, b.ds, b.nds, d)))
		rc = -1;
	if (!rc && b.cfg.claims)
		rc = add_claims(&b);
	if (!rc && (!font_dir || !(b.fonts = ms_fontset_new(font_dir, d)) ||
		    !(b.cfonts = ms_cairo_fonts_new(b.fonts, d))))
		rc = -1;
	if (!rc)
		rc = dump_model(&b) || make_charts(&b) || render_documents(&b) || write_outputs(&b) ? -1 : 0;
	for (size_t i = 0; i < b.nout; i++) {
		free(b.out[i].name);
		ms_buf_release(&b.out[i].data);
	}
	for (int i = 0; i < NCHARTS; i++) {
		ms_chart_free(b.chart[i]);
		ms_buf_release(&b.svg[i]);
	}
	free(b.scratch);
	ms_cairo_fonts_free(b.cfonts);
	ms_fontset_free(b.fonts);
	json_decref(b.model);
	ms_sources_free(b.ds, b.nds);
	if (b.have_cfg)
		ms_config_release(&b.cfg);
	free(font_dir);
	return rc;
}
