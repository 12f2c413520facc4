#include "report.h"
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cache.h"
#include "chart.h"
#include "charts.h"
#include "claims.h"
#include "config.h"
#include "doc.h"
#include "draw_cairo.h"
#include "draw_svg.h"
#include "editorial.h"
#include "fmt.h"
#include "fsutil.h"
#include "memwatch.h"
#include "figures.h"
#include "model.h"
#include "model_fig.h"
#include "outset.h"
#include "site.h"
#include "sources.h"
#include "tmpl.h"
#include "update.h"
#include "utc.h"
#include "week_deltas.h"


/* A template that calls itself can double its output at every level: the
 * report's Markdown and page stop at this size (a real one is under 2 MB). */
#define MAX_RENDERED ((size_t)256 << 20)

typedef struct outfile {
	char *name;          /* owned; relative to the output directory */
	ms_buf data;
} outfile;

struct ms_built {
	const ms_build_opts *o;
	ms_diag *d;
	ms_config cfg;
	int have_cfg;
	ms_dataset *ds;          /* the point-in-time views */
	size_t nds;
	ms_notes left_out;       /* sources left out at this date, until the figures take them */
	ms_figures fig;
	ms_fund_flows funds;     /* the ETF flows fund by fund (fig.funds borrows it) */
	json_t *model;
	ms_fontset *fonts;
	ms_chartset charts;
	ms_chartset phone;       /* the same charts laid out for a phone (inline in the page) */
	ms_buf phone_svg[MS_MAX_CHARTS];
	size_t phone_svg_at[MS_MAX_CHARTS];
	ms_buf *svg[MS_MAX_CHARTS], *png[MS_MAX_CHARTS];   /* output slots, per chart */
	size_t svg_at[MS_MAX_CHARTS];                     /* where each SVG's <svg> starts */
	ms_doc_chart doc_charts[MS_MAX_CHARTS];
	ms_buf *md, *pdf, *layout;                        /* output slots (layout: NULL unless asked) */
	char *md_path;       /* owned; the Markdown template, for messages */
	ms_doc *doc;
	ms_theme theme;
	ms_doc_meta meta;
	char as_of[11];
	outfile out[3 * MS_MAX_CHARTS + 8];
	char *out_dir;       /* owned; where the files go (a site's dated folder) */
	char *cache;         /* owned; the download cache */
	size_t nout;
};

static ms_buf *add_output(ms_built *b, const char *name)
{
	if (b->nout == sizeof b->out / sizeof b->out[0])
		MS_BUG("more outputs than the %zu slots: %s", sizeof b->out / sizeof b->out[0], name);
	outfile *f = &b->out[b->nout];
	if (!(f->name = strdup(name)))
		return NULL;
	ms_buf_init(&f->data, 0);
	b->nout++;
	return &f->data;
}

static char *home_path(const ms_built *b, const char *rel)
{
	return ms_path_join(b->o->home, rel);
}

static int load_inputs(ms_built *b)
{
	char *path = b->o->config ? strdup(b->o->config) : home_path(b, "data/default.ini");
	int rc = !path ? ms_error(b->d, NULL, 0, 0, "out of memory") :
		 ms_config_load(path, b->o->as_of, b->o->fallback_as_of, &b->cfg, b->d);
	b->have_cfg = 1;
	free(path);
	if (!rc && b->o->weekly >= 0)
		b->cfg.weekly = b->o->weekly;
	for (size_t i = 0; !rc && i < b->o->nsources; i++)
		rc = ms_config_set_url(&b->cfg, b->o->sources[i], b->d);
	if (!rc && !(b->cache = ms_cache_dir(b->o->cache)))
		rc = ms_error(b->d, NULL, 0, 0, "out of memory");
	b->cfg.cache = b->cache;
	int has_url = 0;
	for (size_t i = 0; !rc && i < b->cfg.nsource; i++)
		has_url |= b->cfg.source[i].url != NULL;
	if (!rc && has_url && !b->o->offline) {
		ms_update_result r;
		ms_update_sources(&b->cfg, b->cache, &b->o->fetch, MS_UPDATE_WARN_ONLY, NULL, &r, b->d);
	}
	/* the cache is read under a shared lock: a fetch storing a body and its
	 * record holds it exclusively, so the two are never read half-updated */
	struct stat st;
	int lock = !rc && has_url && stat(b->cache, &st) == 0 ? ms_dir_lock(b->cache, 0, MS_LOCK_WAIT_S, b->d) : -2;
	if (lock == -1)
		rc = -1;
	rc = rc || ms_sources_load(&b->cfg, &b->ds, &b->nds, &b->left_out, b->d) ? -1 : 0;
	ms_dir_unlock(lock);
	return rc;
}

/* Every chart the data allows, laid out (drawn later), with its output
 * files: a standalone SVG, whose <svg> element the page inlines, and a 2x PNG. */
static int lay_out_charts(ms_built *b)
{
	if (ms_charts_build(&b->fig, b->fonts, MS_LAYOUT_PAGE, &b->charts, b->d) ||
	    ms_charts_build(&b->fig, b->fonts, MS_LAYOUT_PHONE, &b->phone, b->d))
		return -1;
	if (b->phone.n != b->charts.n)
		MS_BUG("%zu charts for the page, %zu for a phone", b->charts.n, b->phone.n);
	for (size_t i = 0; i < b->charts.n; i++) {
		const ms_chart *c = b->charts.chart[i];
		char name[64];
		snprintf(name, sizeof name, "charts/%s.svg", c->id);
		b->svg[i] = add_output(b, name);
		snprintf(name, sizeof name, "charts/%s.png", c->id);
		b->png[i] = add_output(b, name);
		ms_buf *txt = NULL;
		if (b->o->dump_charts) {
			snprintf(name, sizeof name, "charts/%s.txt", c->id);
			if ((txt = add_output(b, name)))
				ms_chart_dump(c, txt);
		}
		if (!b->svg[i] || !b->png[i] || (b->o->dump_charts && !txt))
			return ms_error(b->d, NULL, 0, 0, "out of memory");
	}
	return 0;
}

/* The model learns which charts exist ("charts": {"price": true, …}), and
 * each crash day its candlestick chart, so templates show only what was drawn. */
static int note_charts(ms_built *b)
{
	json_t *ids = json_object();
	for (size_t i = 0; ms_chart_ids[i]; i++)
		json_object_set_new(ids, ms_chart_ids[i], json_false());
	for (size_t i = 0; i < b->charts.n; i++)
		json_object_set_new(ids, b->charts.chart[i]->id, json_true());
	json_t *days = json_object_get(b->model, "crash_days");
	for (size_t k = 0; k < json_array_size(days); k++) {
		char id[16];
		ms_crash_chart_id(id, sizeof id, k);
		if (json_object_get(ids, id))
			json_object_set_new(json_array_get(days, k), "chart", json_string(id));
	}
	if (json_object_set_new(b->model, "charts", ids))
		return ms_error(b->d, NULL, 0, 0, "out of memory");
	return 0;
}

/* A file of the templates directory: --templates, else the home's. */
static char *template_path(const ms_built *b, const char *name)
{
	if (b->o->templates)
		return ms_path_join(b->o->templates, name);
	char *dir = home_path(b, "templates");
	char *p = dir ? ms_path_join(dir, name) : NULL;
	free(dir);
	return p;
}

static int read_template(const ms_built *b, const char *name, ms_buf *text, char **path)
{
	*path = template_path(b, name);
	if (!*path)
		return ms_error(b->d, NULL, 0, 0, "out of memory");
	return ms_read_file(*path, text, 4u << 20, b->d);
}

/* Every ![…](chart:ID) the template writes must name a chart: reported at
 * the template's own line and column (the rendered Markdown's differ). */
static int check_chart_refs(const ms_built *b, const char *path, const ms_buf *tmpl)
{
	static const char mark[] = "](chart:";
	const char *text = ms_buf_str(tmpl);
	int rc = 0;
	for (const char *p = strstr(text, mark); p; p = strstr(p + 1, mark)) {
		const char *id = p + strlen(mark);
		size_t n = strcspn(id, ") \n");
		int known = 0;
		/* any chart mstress draws, whether or not this data allows it: the
		 * rendered document is checked again for the ones it shows */
		for (size_t i = 0; ms_chart_ids[i]; i++)
			known |= strlen(ms_chart_ids[i]) == n && !strncmp(ms_chart_ids[i], id, n);
		for (size_t i = 0; i < b->charts.n; i++)
			known |= strlen(b->charts.chart[i]->id) == n && !strncmp(b->charts.chart[i]->id, id, n);
		/* an id the template computes ({{…}}) is checked once rendered */
		if (known || (n >= 2 && !strncmp(id, "{{", 2)))
			continue;
		long line = 1, col = 1;
		for (const char *q = text; q < id; q++) {
			col = *q == '\n' ? 1 : col + 1;
			line += *q == '\n';
		}
		rc = ms_error(b->d, path, line, col, "unknown chart id '%.*s'", (int)(n > 60 ? 60 : n), id);
	}
	return rc;
}

/* Partials and parents: {{>name}} and {{<name}} read templates/name.md (a
 * missing one is reported by the template engine, with its line). */
static int read_partial(void *ctx, const char *name, char **text, char **file)
{
	const ms_built *b = ctx;
	char rel[300];
	if (strchr(name, '/') || !*name || strlen(name) > 200)
		return -1;
	snprintf(rel, sizeof rel, "%s.md", name);
	ms_buf t;
	ms_buf_init(&t, 0);
	ms_diag quiet;
	ms_diag_init(&quiet, NULL);
	*text = NULL;
	if ((*file = template_path(b, rel)) && ms_read_file(*file, &t, 4u << 20, &quiet) == 0)
		*text = ms_buf_detach(&t, NULL);
	ms_buf_release(&t);
	if (*text)
		return 0;
	free(*file);
	*file = NULL;
	return -1;
}

/* The report's Markdown from its template, parsed into the document tree
 * that both the PDF and the page are made from. */
static int render_markdown(ms_built *b)
{
	ms_buf tmpl;
	ms_buf_init(&tmpl, 0);
	b->md = add_output(b, "report.md");
	if (!b->md) {
		ms_buf_release(&tmpl);
		return ms_error(b->d, NULL, 0, 0, "out of memory");
	}
	b->md->max = MAX_RENDERED;
	/* the weekly newsletter is a template that extends the report's */
	ms_tmpl_opts opts = { ms_escape_markdown, read_partial, (void *)b, 1 };
	int rc = read_template(b, b->cfg.weekly ? "weekly.md" : "report.md", &tmpl, &b->md_path) ||
		 ms_tmpl_render(b->md_path, tmpl.data, tmpl.len, b->model, &opts, b->md, b->d) ||
		 check_chart_refs(b, b->md_path, &tmpl) ||
		 !(b->doc = ms_doc_parse(b->md_path, b->md->data, b->md->len, b->d));
	ms_buf_release(&tmpl);
	return rc ? -1 : 0;
}

/* The PDF's look (theme.ini) and metadata, read before the typesetting
 * starts beside the drawing. */
static int prepare_pdf(ms_built *b)
{
	ms_theme_defaults(&b->theme);
	ms_fmt_date(b->cfg.as_of, b->as_of);
	int y, m, dd;
	ms_civil_from_days(b->cfg.as_of / MS_DAY, &y, &m, &dd);
	const char *title = json_string_value(json_object_get(json_object_get(b->model, "report"), "title"));
	b->meta = (ms_doc_meta){ title, b->cfg.author,
				 b->cfg.subtitle[0] ? b->cfg.subtitle : "Market stress report", b->as_of, y, m, dd };
	ms_buf text;
	char *path = NULL;
	ms_buf_init(&text, 0);
	if (b->o->dump_layout && !(b->layout = add_output(b, "layout.txt")))
		return ms_error(b->d, NULL, 0, 0, "out of memory");
	int rc = !(b->pdf = add_output(b, "report.pdf")) ? ms_error(b->d, NULL, 0, 0, "out of memory") :
		 read_template(b, "theme.ini", &text, &path) ||
		 ms_theme_parse(&b->theme, path, text.data, text.len, b->d);
	ms_buf_release(&text);
	free(path);
	return rc ? -1 : 0;
}

/* The rest is independent work: each chart's SVG and PNG, and the PDF (which
 * draws the charts from their display lists). Two threads take the tasks in
 * turn, the PDF, the longest, first; each draws with fonts of its own
 * (FreeType faces are not to be shared between threads) and keeps its own
 * message counts, merged after. */
typedef struct worker {
	ms_built *b;
	pthread_mutex_t *lock;
	size_t *next;            /* the next task: 0 is the PDF, 1 + i chart i */
	ms_diag diag;
	int rc;
} worker;

static int draw_chart(ms_built *b, size_t i, ms_cairo_fonts **cf, ms_fontset **fonts, ms_diag *d)
{
	if (!*cf) {
		char *dir = home_path(b, "fonts");
		if (!dir)
			return ms_error(d, NULL, 0, 0, "out of memory");
		*fonts = ms_fontset_new(dir, d);
		*cf = *fonts ? ms_cairo_fonts_new(*fonts, d) : NULL;
		free(dir);
		if (!*cf)
			return -1;
	}
	const ms_chart *c = b->charts.chart[i];
	return ms_draw_svg(c, *fonts, b->svg[i], &b->svg_at[i], d) || ms_draw_png(c, *cf, 2.0, b->png[i], d) ||
	       ms_draw_svg(b->phone.chart[i], *fonts, &b->phone_svg[i], &b->phone_svg_at[i], d) ? -1 : 0;
}

static void *work(void *arg)
{
	worker *w = arg;
	ms_built *b = w->b;
	ms_cairo_fonts *cf = NULL;
	ms_fontset *fonts = NULL;
	for (;;) {
		pthread_mutex_lock(w->lock);
		size_t task = (*w->next)++;
		pthread_mutex_unlock(w->lock);
		if (task > b->charts.n || w->rc)
			break;
		if (task == 0)
			w->rc = ms_doc_pdf(b->doc, b->doc_charts, b->charts.n, b->fonts, &b->theme, &b->meta, b->pdf, b->layout,
					   &w->diag);
		else
			w->rc = draw_chart(b, task - 1, &cf, &fonts, &w->diag);
	}
	ms_cairo_fonts_free(cf);
	ms_fontset_free(fonts);
	ms_nomem_collect(&w->diag);
	return NULL;
}

static int draw_and_typeset(ms_built *b)
{
	for (size_t i = 0; i < b->charts.n; i++)
		b->doc_charts[i] = (ms_doc_chart){ b->charts.chart[i], NULL, NULL };
	pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	size_t next = 0;
	worker w[2];
	for (int k = 0; k < 2; k++) {
		w[k] = (worker){ b, &lock, &next, *b->d, 0 };
		w[k].diag.count[0] = w[k].diag.count[1] = w[k].diag.count[2] = 0;
		w[k].diag.io_errors = w[k].diag.nomem = 0;
	}
	pthread_t tid;
	int threaded = pthread_create(&tid, NULL, work, &w[1]) == 0;
	work(&w[0]);
	if (threaded)
		pthread_join(tid, NULL);
	for (int k = 0; k < 2; k++) {
		for (int l = 0; l < 3; l++)
			b->d->count[l] += w[k].diag.count[l];
		b->d->io_errors += w[k].diag.io_errors;
		b->d->nomem += w[k].diag.nomem;
	}
	return w[0].rc || w[1].rc ? -1 : 0;
}

/* The standalone page: the document as HTML, charts inline, inside the
 * page template (which sees the model plus the rendered body). */
static int render_html(ms_built *b)
{
	for (size_t i = 0; i < b->charts.n; i++) {
		b->doc_charts[i].svg = b->svg[i]->data + b->svg_at[i];
		b->doc_charts[i].svg_phone = b->phone_svg[i].data + b->phone_svg_at[i];
	}
	ms_buf body, toc, tmpl;
	ms_buf_init(&body, 0);
	ms_buf_init(&toc, 0);
	ms_buf_init(&tmpl, 0);
	char *path = NULL;
	json_t *page = NULL;
	ms_buf *html = add_output(b, "report.html");
	if (html)
		html->max = MAX_RENDERED;
	int rc = !html ? ms_error(b->d, NULL, 0, 0, "out of memory") :
		 ms_doc_html(b->doc, b->doc_charts, b->charts.n, &body, &toc, b->d);
	if (!rc && (!(page = json_deep_copy(b->model)) ||
		    json_object_set_new(page, "body", json_stringn(body.data, body.len)) ||
		    json_object_set_new(page, "contents", json_stringn(toc.data ? toc.data : "", toc.len))))
		rc = ms_error(b->d, NULL, 0, 0, "out of memory");
	ms_tmpl_opts opts = { ms_escape_html, NULL, NULL, 1 };
	if (!rc)
		rc = read_template(b, "page.html", &tmpl, &path) ||
		     ms_tmpl_render(path, tmpl.data, tmpl.len, page, &opts, html, b->d);
	json_decref(page);
	ms_buf_release(&body);
	ms_buf_release(&toc);
	ms_buf_release(&tmpl);
	free(path);
	return rc ? -1 : 0;
}

/* The set lands whole: written beside the output folder and switched in
 * by one rename, so a full disk, a crash or a second run never mixes two. */
static int write_outputs(const ms_built *b, ms_diag *d)
{
	ms_out_file *f = calloc(b->nout ? b->nout : 1, sizeof *f);
	int rc = !f ? ms_error(d, NULL, 0, 0, "out of memory") : 0;
	for (size_t i = 0; !rc && i < b->nout; i++) {
		if (ms_buf_failed(&b->out[i].data))
			rc = ms_error(d, b->out[i].name, 0, 0, "out of memory");
		f[i] = (ms_out_file){ b->out[i].name, b->out[i].data.data, b->out[i].data.len };
	}
	if (!rc)
		rc = ms_outset_write(b->out_dir, f, b->nout, d);
	free(f);
	return rc;
}

/* The article check: the claims' verdicts join the model as "claims". */
static int add_claims(ms_built *b)
{
	ms_claims *cl = ms_claims_load(b->cfg.claims, b->d);
	json_t *r = cl ? ms_claims_check(cl, &b->cfg, b->ds, b->nds) : NULL;
	ms_claims_free(cl);
	if (!r)
		return cl ? ms_error(b->d, b->cfg.claims, 0, 0, "out of memory") : -1;
	json_object_set_new(b->model, "claims", r);
	return 0;
}

/* The links a reader follows from the page: the PDF beside it, and in a
 * site the latest issue, the archive, the feed and the issues before and
 * after (the next is added to an issue's page when it is published). */
static int add_links(ms_built *b)
{
	json_t *l = json_object();
	int rc = !l || json_object_set_new(l, "pdf", json_string("report.pdf")) ? -1 : 0;
	if (!rc && b->o->site) {
		char day[11], prev[11], next[11], link[40];
		ms_fmt_date(b->cfg.as_of, day);
		json_object_set_new(l, "in_site", json_true());
		json_object_set_new(l, "latest", json_string("../index.html"));
		json_object_set_new(l, "archive", json_string("../archive.html"));
		json_object_set_new(l, "feed", json_string("../feed.atom"));
		ms_site_neighbours(b->o->site, day, prev, next);
		const char *side[] = { prev, next }, *key[] = { "previous", "next" }, *day_key[] = { "previous_day", "next_day" };
		for (int k = 0; k < 2; k++) {
			int64_t t = 0;
			int has = side[k][0] && !ms_parse_date(side[k], &t);
			snprintf(link, sizeof link, "../%s/report.html", side[k]);
			json_object_set_new(l, key[k], has ? json_string(link) : json_null());
			ms_json_set_day(l, day_key[k], has, t);
		}
	} else if (!rc) {
		json_object_set_new(l, "in_site", json_false());
	}
	if (rc)
		json_decref(l);
	/* json_object_set_new takes l, even when it fails */
	if (rc || json_object_set_new(b->model, "links", l))
		return ms_error(b->d, NULL, 0, 0, "out of memory");
	return 0;
}

/* The weekly's changes since the last issue: the figures as of a week
 * earlier, computed from the same data cut at that day. A week before the
 * data begins gives none, which is no error. */
static int add_week_deltas(ms_built *b)
{
	ms_config before_cfg = b->cfg;      /* shallow: borrows every string */
	before_cfg.as_of = b->cfg.as_of - 7 * MS_DAY;
	ms_views v;
	if (ms_views_at(b->ds, b->nds, before_cfg.window_start, before_cfg.as_of + MS_DAY, &v))
		return ms_error(b->d, NULL, 0, 0, "out of memory");
	ms_figures f;
	ms_notes none;
	memset(&none, 0, sizeof none);
	ms_diag quiet;          /* what cannot be said a week earlier is simply not compared */
	ms_diag_init(&quiet, NULL);
	json_t *before = ms_figures_compute(&before_cfg, v.ds, v.n, &none, &f, &quiet) ? NULL :
			 ms_model_build(&f, &quiet);
	b->d->nomem += quiet.nomem;     /* a comparison left out for want of memory is no answer */
	int rc = before && ms_week_deltas(b->model, before) ? ms_error(b->d, NULL, 0, 0, "out of memory") : 0;
	if (!before)
		json_object_set_new(json_object_get(b->model, "week"), "has_deltas", json_false());
	json_decref(before);
	ms_figures_release(&f);
	ms_views_release(&v);
	return rc;
}

/* The output directory: --out, or for a site its folder for the as-of date. */
static int choose_out_dir(ms_built *b)
{
	if (!b->o->site) {
		b->out_dir = strdup(b->o->out_dir);
	} else {
		char day[11];
		ms_fmt_date(b->cfg.as_of, day);
		b->out_dir = ms_path_join(b->o->site, day);
	}
	return b->out_dir ? 0 : ms_error(b->d, NULL, 0, 0, "out of memory");
}

static int dump_model(ms_built *b)
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

/* The stress index's daily history, every part beside it, when there is one. */
static int dump_stress(ms_built *b)
{
	if (b->fig.stress.first >= b->fig.stress.n)
		return 0;
	ms_buf *out = add_output(b, "stress_index.csv");
	if (!out)
		return ms_error(b->d, NULL, 0, 0, "out of memory");
	ms_stress_csv(&b->fig.stress, out);
	return ms_buf_failed(out) ? ms_error(b->d, NULL, 0, 0, "out of memory") : 0;
}

/* Something went without memory (memwatch.h): asked once the model is
 * whole (before the long work) and again before anything is written. */
static int check_model(ms_built *b)
{
	return ms_nomem_collect(b->d) ? ms_error(b->d, NULL, 0, 0, "out of memory: the report would be incomplete") : 0;
}

static void report_release(ms_built *b)
{
	for (size_t i = 0; i < b->nout; i++) {
		free(b->out[i].name);
		ms_buf_release(&b->out[i].data);
	}
	ms_doc_free(b->doc);
	free(b->md_path);
	for (size_t i = 0; i < b->phone.n; i++)
		ms_buf_release(&b->phone_svg[i]);
	ms_charts_release(&b->phone);
	ms_charts_release(&b->charts);
	ms_fontset_free(b->fonts);
	json_decref(b->model);
	ms_figures_release(&b->fig);
	ms_fund_flows_release(&b->funds);
	ms_notes_release(&b->left_out);
	ms_sources_free(b->ds, b->nds);
	if (b->have_cfg)
		ms_config_release(&b->cfg);
	free(b->out_dir);
	free(b->cache);
}

int ms_build_make(const ms_build_opts *o, ms_built **out, ms_diag *d)
{
	*out = NULL;
	ms_built *b = calloc(1, sizeof *b);
	if (!b)
		return ms_error(d, NULL, 0, 0, "out of memory");
	b->o = o;
	b->d = d;
	char *font_dir = home_path(b, "fonts");
	int rc = load_inputs(b) || choose_out_dir(b);
	if (!rc && o->as_of_used)
		*o->as_of_used = b->cfg.as_of;
	if (!rc)
		rc = ms_figures_compute(&b->cfg, b->ds, b->nds, &b->left_out, &b->fig, d);
	/* the flows fund by fund, from the flows source's own file */
	if (!rc && (ms_fund_flows_load(b->fig.etf.ds, b->cfg.as_of + MS_DAY, &b->funds, d) ||
		    (ms_fund_figures(&b->fig, &b->funds) && ms_error(d, NULL, 0, 0, "out of memory"))))
		rc = -1;
	if (!rc && !(b->model = ms_model_build(&b->fig, d)))
		rc = -1;
	if (!rc && b->cfg.claims)
		rc = add_claims(b);
	else if (!rc)
		json_object_set_new(b->model, "claims", json_null());    /* no article to check */
	if (!rc && b->cfg.weekly)
		rc = add_week_deltas(b);
	if (!rc)
		rc = ms_editorial_add(b->model, d) || add_links(b);
	if (!rc)
		ms_progress(d, "mstress: %zu sources loaded; laying out the charts", b->nds);
	if (!rc && !font_dir)
		rc = ms_error(d, NULL, 0, 0, "out of memory");
	if (!rc && !(b->fonts = ms_fontset_new(font_dir, d)))
		rc = -1;
	if (!rc)
		rc = lay_out_charts(b) || note_charts(b) || dump_model(b) || dump_stress(b) || check_model(b) ||
		     render_markdown(b) || check_model(b) || prepare_pdf(b) ||
		     (ms_progress(d, "mstress: drawing %zu charts; typesetting the PDF", b->charts.n), 0) ||
		     draw_and_typeset(b) || render_html(b) || check_model(b) ? -1 : 0;
	ms_progress_done(d);
	free(font_dir);
	if (rc) {
		ms_build_free(b);
		return -1;
	}
	*out = b;
	return 0;
}

int ms_build_write(const ms_built *r, ms_diag *d)
{
	if (write_outputs(r, d))
		return -1;
	ms_note(d, "wrote %zu files to %s", r->nout, r->out_dir);
	return 0;
}

const json_t *ms_build_model(const ms_built *r)
{
	return r->model;
}

const ms_buf *ms_build_output(const ms_built *r, const char *name)
{
	for (size_t i = 0; i < r->nout; i++)
		if (!strcmp(r->out[i].name, name))
			return &r->out[i].data;
	return NULL;
}

int ms_build_email_chart(const ms_built *r, const char *id, ms_buf *out, ms_diag *d)
{
	size_t len = strlen(id), sl = strlen(MS_LAYOUT_PHONE.id_suffix);
	int phone = len > sl && !strcmp(id + len - sl, MS_LAYOUT_PHONE.id_suffix);
	ms_chartset cs;
	if (ms_charts_build(&r->fig, r->fonts, phone ? MS_LAYOUT_PHONE : MS_LAYOUT_EMAIL, &cs, d))
		return -1;
	const ms_chart *c = NULL;
	for (size_t i = 0; i < cs.n && !c; i++)
		if (!strcmp(cs.chart[i]->id, id))
			c = cs.chart[i];
	ms_cairo_fonts *cf = c ? ms_cairo_fonts_new(r->fonts, d) : NULL;
	int rc = !c ? 1 : !cf || ms_draw_png(c, cf, 2.0, out, d) ? -1 : 0;
	ms_cairo_fonts_free(cf);
	ms_charts_release(&cs);
	return rc;
}

const char *ms_build_out_dir(const ms_built *r)
{
	return r->out_dir;
}

int64_t ms_build_as_of(const ms_built *r)
{
	return r->cfg.as_of;
}

void ms_build_free(ms_built *r)
{
	if (!r)
		return;
	report_release(r);
	free(r);
}

int ms_build(const ms_build_opts *o, ms_diag *d)
{
	ms_built *r;
	int rc = ms_build_make(o, &r, d) || ms_build_write(r, d) ? -1 : 0;
	ms_build_free(r);
	return rc;
}
