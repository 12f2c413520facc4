#define _GNU_SOURCE     /* memmem */
#include "site.h"
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <libxml/xmlwriter.h>
#include "buf.h"
#include "fsutil.h"
#include "tmpl.h"
#include "grow.h"
#include "utc.h"

/* The feed carries the newest reports; the archive lists every one. */
enum { FEED_ENTRIES = 100 };

typedef struct entry {
	char date[11];
	char *title, *summary;    /* the issue's headline and its lead sentence */
	char *publisher, *publisher_url;
} entry;

static int newest_first(const void *a, const void *b)
{
	return strcmp(((const entry *)b)->date, ((const entry *)a)->date);
}

static int is_report_dir(const char *dir, const char *name)
{
	int64_t t;
	if (strlen(name) != 10 || ms_parse_date(name, &t))
		return 0;
	char path[4200];
	snprintf(path, sizeof path, "%s/%s/report.html", dir, name);
	FILE *f = fopen(path, "rb");
	if (f)
		fclose(f);
	return f != NULL;
}

static void free_entries(entry *e, size_t n)
{
	for (size_t i = 0; e && i < n; i++) {
		free(e[i].title);
		free(e[i].summary);
		free(e[i].publisher);
		free(e[i].publisher_url);
	}
	free(e);
}

/* The reports under dir, newest first; *n of them. */
static entry *scan(const char *dir, size_t *n, ms_diag *d)
{
	DIR *dh = opendir(dir);
	*n = 0;
	if (!dh) {
		ms_io_error(d, dir, "cannot list the site directory");
		return NULL;
	}
	size_t cap = 64;
	entry *e = malloc(cap * sizeof *e);
	struct dirent *de;
	while (e && (de = readdir(dh))) {
		if (!is_report_dir(dir, de->d_name))
			continue;
		if (MS_GROW(e, *n, cap)) {
			free_entries(e, *n);
			e = NULL;
			*n = 0;
			break;
		}
		entry *x = &e[(*n)++];
		memcpy(x->date, de->d_name, 11);
		char path[4200];
		snprintf(path, sizeof path, "%s/%s/stats.json", dir, de->d_name);
		json_t *st = json_load_file(path, 0, NULL);
		json_t *rep = json_object_get(st, "report"), *pub = json_object_get(st, "publisher");
		const char *title = json_string_value(json_object_get(rep, "title"));
		const char *lead = json_string_value(json_object_get(json_object_get(st, "editorial"), "lead"));
		const char *sub = json_string_value(json_object_get(rep, "subtitle"));
		const char *name = json_string_value(json_object_get(pub, "name"));
		const char *url = json_string_value(json_object_get(pub, "url"));
		x->title = strdup(title ? title : "Market stress report");
		x->summary = strdup(lead ? lead : sub ? sub : "");
		x->publisher = strdup(name ? name : "mstress");
		x->publisher_url = strdup(url ? url : "");
		json_decref(st);
		if (!x->title || !x->summary || !x->publisher || !x->publisher_url) {
			free_entries(e, *n);
			e = NULL;
			*n = 0;
		}
	}
	closedir(dh);
	if (!e)
		ms_error(d, dir, 0, 0, "out of memory");
	else
		qsort(e, *n, sizeof *e, newest_first);
	return e;
}

static void html_text(ms_buf *b, const char *s)
{
	ms_escape_html(b, s, strlen(s));
}

static int write_archive(const char *dir, const entry *e, size_t n, ms_diag *d)
{
	ms_buf b;
	ms_buf_init(&b, 0);
	const char *who = n ? e[0].publisher : "mstress";
	ms_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	html_text(&b, who);
	ms_buf_puts(&b, ": every report</title>\n"
		    "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"feed.atom\" title=\"Reports feed\">\n"
		    "<style>body{font:17px/1.6 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}"
		    "li{margin:.6rem 0}.d{color:#555;font-variant-numeric:tabular-nums}"
		    "@media (prefers-color-scheme:dark){body{background:#141414;color:#e8e8e8}a{color:#7cc0ff}.d{color:#b0b0b0}}"
		    "</style>\n</head>\n<body>\n<main>\n<h1>");
	html_text(&b, who);
	ms_buf_puts(&b, ": every report</h1>\n"
		    "<p><a href=\"index.html\">The latest report</a> \xC2\xB7 <a href=\"feed.atom\">Atom feed</a></p>\n<ul>\n");
	for (size_t i = 0; i < n; i++) {
		ms_buf_printf(&b, "<li><span class=\"d\">%s</span> <a href=\"%s/report.html\">", e[i].date, e[i].date);
		html_text(&b, e[i].title);
		ms_buf_printf(&b, "</a> (<a href=\"%s/report.pdf\">PDF</a>)</li>\n", e[i].date);
	}
	ms_buf_puts(&b, "</ul>\n</main>\n</body>\n</html>\n");
	char *path = ms_path_join(dir, "archive.html");
	int rc = !path || ms_buf_failed(&b) ? ms_error(d, dir, 0, 0, "out of memory") :
		 ms_write_file_atomic(path, b.data, b.len, d);
	free(path);
	ms_buf_release(&b);
	return rc;
}

/* The Atom feed, through libxml2's writer (escaping and well-formedness
 * are its job). */
static int write_feed(const char *dir, const char *base, const entry *e, size_t n, ms_diag *d)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	int rc = -1;
	char when[32], link[4300], id[4300];
	if (!w)
		goto done;
	const char *b = base ? base : "";
	/* ids: the site's URL, else a tag: URI of the publisher's domain (RFC
	 * 4151), so two publishers' feeds never share one; its date is fixed
	 * (the year mstress began), so an issue added later never changes it */
	char domain[256] = "", tag[400];
	const char *who = n ? e[0].publisher : "mstress";
	if (n && strstr(e[0].publisher_url, "://"))
		snprintf(domain, sizeof domain, "%.*s", (int)strcspn(strstr(e[0].publisher_url, "://") + 3, "/:?#"),
			 strstr(e[0].publisher_url, "://") + 3);
	snprintf(tag, sizeof tag, "tag:%s,2024:", *domain ? domain : "mstress.invalid");
	char title[400];
	snprintf(title, sizeof title, "%s: market stress reports", who);
	xmlTextWriterSetIndent(w, 1);
	int ok = xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) >= 0 &&
		 xmlTextWriterStartElement(w, BAD_CAST "feed") >= 0 &&
		 xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST "http://www.w3.org/2005/Atom") >= 0 &&
		 xmlTextWriterWriteElement(w, BAD_CAST "title", BAD_CAST title) >= 0;
	if (base)
		snprintf(id, sizeof id, "%s", base);
	else
		snprintf(id, sizeof id, "%sreports", tag);
	snprintf(when, sizeof when, "%sT00:00:00Z", n ? e[0].date : "1970-01-01");
	ok = ok && xmlTextWriterWriteElement(w, BAD_CAST "id", BAD_CAST id) >= 0 &&
	     xmlTextWriterWriteElement(w, BAD_CAST "updated", BAD_CAST when) >= 0 &&
	     xmlTextWriterStartElement(w, BAD_CAST "author") >= 0 &&
	     xmlTextWriterWriteElement(w, BAD_CAST "name", BAD_CAST who) >= 0 &&
	     xmlTextWriterEndElement(w) >= 0;
	snprintf(link, sizeof link, "%sarchive.html", b);
	ok = ok && xmlTextWriterStartElement(w, BAD_CAST "link") >= 0 &&
	     xmlTextWriterWriteAttribute(w, BAD_CAST "href", BAD_CAST link) >= 0 &&
	     xmlTextWriterEndElement(w) >= 0;
	for (size_t i = 0; ok && i < n && i < FEED_ENTRIES; i++) {
		snprintf(link, sizeof link, "%s%s/report.html", b, e[i].date);
		if (base)
			snprintf(id, sizeof id, "%s", link);
		else
			snprintf(id, sizeof id, "%sreport/%s", tag, e[i].date);
		snprintf(when, sizeof when, "%sT00:00:00Z", e[i].date);
		ok = xmlTextWriterStartElement(w, BAD_CAST "entry") >= 0 &&
		     xmlTextWriterWriteElement(w, BAD_CAST "title", BAD_CAST e[i].title) >= 0 &&
		     xmlTextWriterWriteElement(w, BAD_CAST "id", BAD_CAST id) >= 0 &&
		     xmlTextWriterWriteElement(w, BAD_CAST "updated", BAD_CAST when) >= 0 &&
		     xmlTextWriterStartElement(w, BAD_CAST "link") >= 0 &&
		     xmlTextWriterWriteAttribute(w, BAD_CAST "href", BAD_CAST link) >= 0 &&
		     xmlTextWriterEndElement(w) >= 0 &&
		     xmlTextWriterWriteElement(w, BAD_CAST "summary", BAD_CAST e[i].summary) >= 0 &&
		     xmlTextWriterEndElement(w) >= 0;
	}
	ok = ok && xmlTextWriterEndDocument(w) >= 0;
	xmlFreeTextWriter(w);
	w = NULL;
	if (ok) {
		char *path = ms_path_join(dir, "feed.atom");
		rc = path ? ms_write_file_atomic(path, xmlBufferContent(buf), (size_t)xmlBufferLength(buf), d) : -1;
		free(path);
	}
done:
	if (w)
		xmlFreeTextWriter(w);
	if (buf)
		xmlBufferFree(buf);
	if (rc && !d->count[MS_ERROR])
		ms_error(d, dir, 0, 0, "cannot write the Atom feed");
	return rc;
}

/* The home page is the latest issue's page, its links (written for the
 * issue's folder) resolved from there: <base href="DATE/"> after <head>. */
static int set_base(ms_buf *page, const char *date, const char *src, ms_diag *d)
{
	const char *head = page->data ? strstr(ms_buf_str(page), "<head>") : NULL;
	if (!head)
		return ms_error(d, src, 0, 0, "the page has no <head>");
	size_t at = (size_t)(head - page->data) + 6;
	ms_buf out;
	ms_buf_init(&out, 0);
	ms_buf_append(&out, page->data, at);
	ms_buf_printf(&out, "\n<base href=\"%s/\">", date);
	ms_buf_append(&out, page->data + at, page->len - at);
	if (ms_buf_failed(&out)) {
		ms_buf_release(&out);
		return ms_error(d, src, 0, 0, "out of memory");
	}
	ms_buf_release(page);
	*page = out;
	return 0;
}

int ms_site_neighbours(const char *dir, const char *day, char prev[11], char next[11])
{
	DIR *dh = opendir(dir);
	prev[0] = next[0] = 0;
	for (struct dirent *de; dh && (de = readdir(dh));) {
		if (strcmp(de->d_name, day) < 0 && strcmp(de->d_name, prev) > 0 && is_report_dir(dir, de->d_name))
			memcpy(prev, de->d_name, 11);
		if (strcmp(de->d_name, day) > 0 && (!next[0] || strcmp(de->d_name, next) < 0) &&
		    is_report_dir(dir, de->d_name))
			memcpy(next, de->d_name, 11);
	}
	if (dh)
		closedir(dh);
	return 0;
}

/* A newly published issue's neighbours link to it: the issue before gets
 * its "next issue" link, the one after (when an issue is published between
 * two) its "previous issue". Each page's nav holds the link between two
 * markers (templates/page.html) and only that span is rewritten; a page
 * without the markers is left as it is. */
static int relink(const char *dir, const char *page_day, const char *which, const char *label, const char *day,
		  ms_diag *d)
{
	char path[4200], text[40], open_mark[40], close_mark[40];
	int64_t t;
	if (ms_parse_date(day, &t))
		return 0;
	ms_fmt_day_text(t, text, sizeof text);
	snprintf(path, sizeof path, "%s/%s/report.html", dir, page_day);
	snprintf(open_mark, sizeof open_mark, "<!--%s-issue-->", which);
	snprintf(close_mark, sizeof close_mark, "<!--/%s-issue-->", which);
	ms_buf page, out;
	ms_buf_init(&page, 0);
	ms_buf_init(&out, 0);
	if (ms_read_file(path, &page, 64u << 20, d))
		return -1;
	char *a = memmem(page.data, page.len, open_mark, strlen(open_mark));
	char *b = a ? memmem(a, page.len - (size_t)(a - page.data), close_mark, strlen(close_mark)) : NULL;
	int rc = 0;
	if (b) {
		size_t head = (size_t)(a - page.data) + strlen(open_mark);
		ms_buf_append(&out, page.data, head);
		ms_buf_printf(&out, "<a href=\"../%s/report.html\">%s (%s)</a>", day, label, text);
		ms_buf_append(&out, b, page.len - (size_t)(b - page.data));
		if (ms_buf_failed(&out))
			rc = ms_error(d, path, 0, 0, "out of memory");
		else if (out.len != page.len || memcmp(out.data, page.data, out.len))
			rc = ms_write_file_atomic(path, out.data, out.len, d);
	}
	ms_buf_release(&page);
	ms_buf_release(&out);
	return rc;
}

int ms_site_publish(const char *dir, const char *base_url, const char *day, ms_diag *d)
{
	/* one publisher at a time: the index, archive and feed of one scan */
	int lock = ms_dir_lock(dir, 1, MS_LOCK_WAIT_S, d);
	if (lock < 0)
		return -1;
	size_t n;
	entry *e = scan(dir, &n, d);
	if (!e) {
		ms_dir_unlock(lock);
		return -1;
	}
	/* the issues either side of the new one link to it (newest first) */
	int rc = 0;
	for (size_t i = 0; day && i < n && !rc; i++) {
		if (strcmp(e[i].date, day))
			continue;
		if (i + 1 < n)
			rc = relink(dir, e[i + 1].date, "next", "Next issue", day, d);
		if (!rc && i > 0)
			rc = relink(dir, e[i - 1].date, "previous", "Previous issue", day, d);
	}
	if (!rc && n) {
		/* the latest report is the home page, as it is: standalone */
		char src[4200], *dst = ms_path_join(dir, "index.html");
		ms_buf page;
		ms_buf_init(&page, 0);
		snprintf(src, sizeof src, "%s/%s/report.html", dir, e[0].date);
		rc = !dst || ms_read_file(src, &page, 64u << 20, d) || set_base(&page, e[0].date, src, d) ||
		     ms_write_file_atomic(dst, page.data, page.len, d) ? -1 : 0;
		ms_buf_release(&page);
		free(dst);
	}
	if (!rc)
		rc = write_archive(dir, e, n, d) || write_feed(dir, base_url, e, n, d) ? -1 : 0;
	if (!rc)
		ms_note(d, "site %s: %zu report(s), the latest of %s", dir, n, n ? e[0].date : "none");
	free_entries(e, n);
	ms_dir_unlock(lock);
	return rc;
}
