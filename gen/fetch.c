#include "fetch.h"
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <curl/curl.h>

enum { PER_HOST = 2 };

typedef struct xfer {
	ms_fetch *f;
	CURL *h;
	struct curl_slist *headers;
	char host[256];
	double not_before;        /* monotonic seconds */
	double retry_after;       /* from the last answer, seconds (-1: none) */
	int running, done, too_big;
	size_t max;
	char why[CURL_ERROR_SIZE];    /* libcurl's own words for a failure */
} xfer;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void ms_fetch_defaults(ms_fetch_opts *o)
{
	o->connect_timeout = 15;
	o->timeout = 120;
	o->stall = 30;
	o->deadline = 300;
	o->retries = 3;
	o->backoff = 1.0;
	o->host_delay = 0.5;
	o->max_bytes = (size_t)256 << 20;
}

void ms_fetch_release(ms_fetch *f)
{
	ms_buf_release(&f->body);
	free(f->new_etag);
	free(f->new_last_modified);
	f->new_etag = f->new_last_modified = NULL;
}

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
	xfer *x = arg;
	size_t len = size * n;
	if (x->f->body.len + len > x->max) {
		x->too_big = 1;
		return 0;         /* aborts the transfer */
	}
	ms_buf_append(&x->f->body, p, len);
	return ms_buf_failed(&x->f->body) ? 0 : len;
}

static char *header_value(const char *line, size_t len, const char *name)
{
	size_t n = strlen(name);
	if (len <= n || strncasecmp(line, name, n) || line[n] != ':')
		return NULL;
	const char *v = line + n + 1, *end = line + len;
	while (v < end && isspace((unsigned char)*v))
		v++;
	while (end > v && isspace((unsigned char)end[-1]))
		end--;
	return strndup(v, (size_t)(end - v));
}

static size_t on_header(char *p, size_t size, size_t n, void *arg)
{
	xfer *x = arg;
	size_t len = size * n;
	char *v;
	if (len > 5 && !strncmp(p, "HTTP/", 5)) {      /* a new answer: forget the last one's */
		free(x->f->new_etag);
		free(x->f->new_last_modified);
		x->f->new_etag = x->f->new_last_modified = NULL;
		x->retry_after = -1;
	} else if ((v = header_value(p, len, "ETag"))) {
		free(x->f->new_etag);
		x->f->new_etag = v;
	} else if ((v = header_value(p, len, "Last-Modified"))) {
		free(x->f->new_last_modified);
		x->f->new_last_modified = v;
	} else if ((v = header_value(p, len, "Retry-After"))) {
		char *end;
		double s = strtod(v, &end);
		if (end != v && !*end && isfinite(s) && s >= 0)
			x->retry_after = s > 300 ? 300 : s;
		free(v);
	}
	return len;
}

static void host_of(const char *url, char *out, size_t n)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	size_t len = strcspn(p, "/:?#");
	snprintf(out, n, "%.*s", (int)(len < n ? len : n - 1), p);
}

static CURL *make_handle(xfer *x, const ms_fetch_opts *o, double left_s)
{
	CURL *h = curl_easy_init();
	if (!h)
		return NULL;
	ms_fetch *f = x->f;
	curl_easy_setopt(h, CURLOPT_URL, f->url);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(h, CURLOPT_PRIVATE, x);
	x->why[0] = 0;
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->why);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "mstress/" MS_VERSION " (market-stress reports)");
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");          /* gzip, deflate, … */
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https,file");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, o->connect_timeout);
	/* an attempt ends at its own limit or at the phase's deadline */
	double limit = left_s < (double)o->timeout ? left_s : (double)o->timeout;
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)(limit * 1000) + 1);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, o->stall);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_bytes);
	curl_easy_setopt(h, CURLOPT_FAILONERROR, 0L);
	/* the proxy comes from the environment (http_proxy, https_proxy, no_proxy): libcurl's default */
	curl_slist_free_all(x->headers);
	x->headers = NULL;
	char line[600];
	if (f->etag) {
		snprintf(line, sizeof line, "If-None-Match: %s", f->etag);
		x->headers = curl_slist_append(x->headers, line);
	}
	if (f->last_modified) {
		snprintf(line, sizeof line, "If-Modified-Since: %s", f->last_modified);
		x->headers = curl_slist_append(x->headers, line);
	}
	if (f->auth) {
		x->headers = curl_slist_append(x->headers, f->auth);
		/* libcurl would send the key on to wherever a redirect points */
		curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	}
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, x->headers);
	return h;
}

static int transient(CURLcode rc, long status)
{
	return rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_COULDNT_CONNECT || rc == CURLE_PARTIAL_FILE ||
	       rc == CURLE_RECV_ERROR || rc == CURLE_SEND_ERROR || rc == CURLE_GOT_NOTHING ||
	       (rc == CURLE_OK && (status == 429 || status >= 500));
}

static const char *failure(const xfer *x, CURLcode rc)
{
	return x->why[0] ? x->why : curl_easy_strerror(rc);
}

/* Decides what a finished attempt means: done (ok or not), or try again
 * (not past the deadline: a wait that would end after it ends the source). */
static void finish(xfer *x, CURLcode rc, const ms_fetch_opts *o, double deadline, unsigned *seed)
{
	ms_fetch *f = x->f;
	long status = 0;
	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &status);
	f->status = status;
	f->attempts++;
	if (x->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
		snprintf(f->error, sizeof f->error, "the response is larger than the %zu-byte limit", o->max_bytes);
	} else if (rc == CURLE_OK && status == 304) {
		f->not_modified = f->ok = 1;
	} else if (rc == CURLE_OK && (status == 0 || (status >= 200 && status < 300))) {
		f->ok = 1;
	} else if (rc == CURLE_OPERATION_TIMEDOUT && now() >= deadline - 0.05) {
		snprintf(f->error, sizeof f->error, "the fetch's %ld s deadline passed", o->deadline);
	} else if (transient(rc, status) && f->attempts <= o->retries) {
		/* exponential backoff with up to 25 % jitter, or what the server asked */
		double wait = o->backoff * pow(2, f->attempts - 1) * (1 + (rand_r(seed) % 1000) / 4000.0);
		/* what the server asked, but never longer than one attempt may take */
		if (x->retry_after >= 0)
			wait = x->retry_after < (double)o->timeout ? x->retry_after : (double)o->timeout;
		if (now() + wait < deadline) {
			x->not_before = now() + wait;
			ms_buf_release(&f->body);
			return;
		}
		char what[160];
		if (rc != CURLE_OK)
			snprintf(what, sizeof what, "%.150s", failure(x, rc));
		else
			snprintf(what, sizeof what, "HTTP %ld", status);
		snprintf(f->error, sizeof f->error, "%s; no time left for a retry within the %ld s deadline", what,
			 o->deadline);
	} else if (rc != CURLE_OK) {
		snprintf(f->error, sizeof f->error, "%s", failure(x, rc));
	} else {
		snprintf(f->error, sizeof f->error, "HTTP %ld", status);
	}
	if (!f->ok && f->attempts > 1) {
		size_t l = strlen(f->error);
		snprintf(f->error + l, sizeof f->error - l, " (after %d attempts)", f->attempts);
	}
	x->done = 1;
}

/* "fetching btc_price 1.2 MB, fear_greed 35 kB (3 of 7 done)": the bytes
 * received so far by the running transfers. */
static void show_progress(const xfer *x, size_t n, size_t left, ms_diag *d)
{
	char line[160];
	size_t len = 0;
	for (size_t i = 0; i < n && len < sizeof line - 40; i++) {
		if (!x[i].running)
			continue;
		double b = (double)x[i].f->body.len;
		len += (size_t)snprintf(line + len, sizeof line - len, "%s%.24s %.1f %s", len ? ", " : "",
					x[i].f->name, b >= 1e6 ? b / 1e6 : b / 1e3, b >= 1e6 ? "MB" : "kB");
	}
	if (len)
		ms_progress(d, "mstress: fetching %s (%zu of %zu done)", line, n - left, n);
}

void ms_fetch_all(ms_fetch *f, size_t n, const ms_fetch_opts *o, ms_diag *d)
{
	xfer *x = calloc(n ? n : 1, sizeof *x);
	CURLM *m = curl_multi_init();
	unsigned seed = (unsigned)time(NULL);
	if (!x || !m) {
		for (size_t i = 0; i < n; i++)
			snprintf(f[i].error, sizeof f[i].error, "out of memory");
		free(x);
		if (m)
			curl_multi_cleanup(m);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		x[i].f = &f[i];
		x[i].max = o->max_bytes;
		x[i].retry_after = -1;
		ms_buf_init(&f[i].body, 0);
		host_of(f[i].url, x[i].host, sizeof x[i].host);
	}
	size_t left = n;
	double deadline = now() + (double)o->deadline;
	while (left) {
		double t = now();
		for (size_t i = 0; i < n; i++) {
			if (x[i].done || x[i].running || x[i].not_before > t)
				continue;
			if (t >= deadline) {       /* waiting for a host's turn past the deadline */
				snprintf(f[i].error, sizeof f[i].error, "the fetch's %ld s deadline passed", o->deadline);
				x[i].done = 1;
				left--;
				continue;
			}
			/* politeness: a few at once per host, spaced out */
			int busy = 0;
			double last = -1e9;
			for (size_t k = 0; k < n; k++)
				if (!strcmp(x[k].host, x[i].host)) {
					busy += x[k].running;
					if (x[k].running || x[k].done)
						last = last > x[k].not_before ? last : x[k].not_before;
				}
			if (busy >= PER_HOST || (busy && t < last + o->host_delay))
				continue;
			if (x[i].h)
				curl_easy_cleanup(x[i].h);
			x[i].h = make_handle(&x[i], o, deadline - t);
			x[i].too_big = 0;
			if (!x[i].h || curl_multi_add_handle(m, x[i].h) != CURLM_OK) {
				snprintf(f[i].error, sizeof f[i].error, "cannot start the transfer");
				x[i].done = 1;
				left--;
				continue;
			}
			x[i].running = 1;
			x[i].not_before = t;
		}
		int still;
		curl_multi_perform(m, &still);
		curl_multi_poll(m, NULL, 0, 100, NULL);
		if (d->progress)
			show_progress(x, n, left, d);
		CURLMsg *msg;
		int q;
		while ((msg = curl_multi_info_read(m, &q))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			xfer *xx;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&xx);
			CURLcode rc = msg->data.result;
			curl_multi_remove_handle(m, xx->h);
			xx->running = 0;
			finish(xx, rc, o, deadline, &seed);
			if (xx->done)
				left--;
		}
	}
	ms_progress_done(d);
	for (size_t i = 0; i < n; i++) {
		if (x[i].h)
			curl_easy_cleanup(x[i].h);
		curl_slist_free_all(x[i].headers);
	}
	curl_multi_cleanup(m);
	free(x);
}
