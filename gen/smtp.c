/* SMTP delivery with libcurl: the only network code mstress has so far. */
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>
#include "mail.h"

typedef struct reader {
	const char *data;
	size_t len, pos;
} reader;

static size_t feed(char *buf, size_t size, size_t nmemb, void *arg)
{
	reader *r = arg;
	size_t n = size * nmemb, left = r->len - r->pos;
	if (n > left)
		n = left;
	memcpy(buf, r->data + r->pos, n);
	r->pos += n;
	return n;
}

int ms_smtp_send(const ms_smtp *s, const char *rcpt, const char *msg, size_t len, char why[256])
{
	CURL *c = curl_easy_init();
	if (!c) {
		snprintf(why, 256, "libcurl failed to start");
		return -1;
	}
	char from[320], to[320], err[CURL_ERROR_SIZE] = "";
	snprintf(from, sizeof from, "<%s>", s->from_email);
	snprintf(to, sizeof to, "<%s>", rcpt);
	struct curl_slist *rcpts = curl_slist_append(NULL, to);
	reader r = { msg, len, 0 };
	const char *user = getenv("MSTRESS_SMTP_USER"), *pass = getenv("MSTRESS_SMTP_PASSWORD");
	curl_easy_setopt(c, CURLOPT_URL, s->url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, feed);
	curl_easy_setopt(c, CURLOPT_READDATA, &r);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
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
	if (rc != CURLE_OK) {
		long code = 0;
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
		if (code)
			snprintf(why, 256, "%s (the server answered %ld)", *err ? err : curl_easy_strerror(rc), code);
		else
			snprintf(why, 256, "%s", *err ? err : curl_easy_strerror(rc));
	}
	curl_slist_free_all(rcpts);
	curl_easy_cleanup(c);
	return rc == CURLE_OK ? 0 : -1;
}
