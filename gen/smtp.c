/* SMTP delivery with libcurl: the only network code mstress has so far. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <curl/curl.h>
#include "mail.h"

typedef struct reader {
	const char *data;
	size_t len, pos;
	time_t start, sent_at;   /* sent_at: when the last byte was handed over, or 0 */
	long final_wait_s;
} reader;

static size_t feed(char *buf, size_t size, size_t nmemb, void *arg)
{
	reader *r = arg;
	size_t n = size * nmemb, left = r->len - r->pos;
	if (n > left)
		n = left;
	memcpy(buf, r->data + r->pos, n);
	r->pos += n;
	if (!n && !r->sent_at)
		r->sent_at = time(NULL);
	return n;
}

/* Until the message is handed over, the session has MS_SMTP_SESSION_S; then
 * the final reply has its own wait (RFC 5321 4.5.3.2.6 asks for 10 minutes):
 * ending it early is what sends a message twice. */
static int watch_time(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	(void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
	const reader *r = arg;
	time_t now = time(NULL);
	return r->sent_at ? now - r->sent_at > r->final_wait_s : now - r->start > MS_SMTP_SESSION_S;
}

ms_delivery ms_smtp_send(const ms_smtp *s, const char *rcpt, const char *msg, size_t len, char why[256])
{
	CURL *c = curl_easy_init();
	if (!c) {
		snprintf(why, 256, "libcurl failed to start");
		return MS_NOT_DELIVERED;
	}
	char from[320], to[320], err[CURL_ERROR_SIZE] = "";
	snprintf(from, sizeof from, "<%s>", s->from_email);
	snprintf(to, sizeof to, "<%s>", rcpt);
	struct curl_slist *rcpts = curl_slist_append(NULL, to);
	reader r = { msg, len, 0, time(NULL), 0, s->final_wait_s };
	const char *user = getenv("MSTRESS_SMTP_USER"), *pass = getenv("MSTRESS_SMTP_PASSWORD");
	curl_easy_setopt(c, CURLOPT_URL, s->url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, feed);
	curl_easy_setopt(c, CURLOPT_READDATA, &r);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_SERVER_RESPONSE_TIMEOUT, s->final_wait_s > MS_SMTP_SESSION_S ?
			 s->final_wait_s : (long)MS_SMTP_SESSION_S);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, watch_time);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, &r);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	/* smtp:// must upgrade to TLS unless the user said otherwise; smtps:// is TLS */
	curl_easy_setopt(c, CURLOPT_USE_SSL, s->insecure ? (long)CURLUSESSL_NONE : (long)CURLUSESSL_ALL);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
	if (user && *user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, user);
		if (pass)
			curl_easy_setopt(c, CURLOPT_PASSWORD, pass);
	}
	CURLcode rc = curl_easy_perform(c);
	long code = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	ms_delivery fate = MS_DELIVERED;
	if (rc != CURLE_OK) {
		/* the whole message handed over and no refusal read back: the
		 * server may have taken it */
		fate = r.sent_at && code < 400 ? MS_FATE_UNKNOWN : MS_NOT_DELIVERED;
		const char *what = rc == CURLE_ABORTED_BY_CALLBACK ?
			(r.sent_at ? "no answer to the end of the message in time" : "the session took too long") :
			*err ? err : curl_easy_strerror(rc);
		if (code >= 400)     /* a refusal: its code says why */
			snprintf(why, 256, "%.200s (the server answered %ld)", what, code);
		else
			snprintf(why, 256, "%.200s", what);
	}
	curl_slist_free_all(rcpts);
	curl_easy_cleanup(c);
	return fate;
}
