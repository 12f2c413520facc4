/* Downloads with libcurl multi: transfers in parallel (at most two per
 * host, a pause between requests to the same host), connect and total
 * timeouts, a low-speed limit (a stall ends an attempt), one deadline for
 * the whole phase (retries and Retry-After included), a size cap, gzip, the environment's proxy, TLS verification
 * always on, a User-Agent naming mstress; retries with exponential backoff
 * and jitter on timeouts, 429 and 5xx, honouring Retry-After; conditional
 * GET (ETag, Last-Modified). */
#ifndef MS_FETCH_H
#define MS_FETCH_H
#include <stddef.h>
#include "buf.h"
#include "diag.h"

typedef struct ms_fetch_opts {
	long connect_timeout, timeout;    /* seconds */
	long stall;                       /* an attempt under 1 byte/s this long ends, seconds */
	long deadline;                    /* the whole phase, retries included, seconds */
	int retries;                      /* attempts after the first */
	double backoff;                   /* first wait, seconds; doubled each time */
	double host_delay;                /* between requests to one host, seconds */
	size_t max_bytes;
} ms_fetch_opts;

typedef struct ms_fetch {
	const char *name, *url;           /* borrowed */
	const char *etag, *last_modified; /* borrowed validators, or NULL */
	const char *auth;                 /* borrowed "Header: key" line, or NULL; never printed */
	/* results */
	long status;                      /* HTTP status (0 for file:// or no answer) */
	int not_modified;                 /* 304: the cached copy stands */
	int ok;
	ms_buf body;                      /* owned */
	char *new_etag, *new_last_modified;   /* owned */
	char error[256];
	int attempts;
} ms_fetch;

void ms_fetch_defaults(ms_fetch_opts *o);
/* Runs every transfer; each one's outcome is in its struct. */
void ms_fetch_all(ms_fetch *f, size_t n, const ms_fetch_opts *o, ms_diag *d);
void ms_fetch_release(ms_fetch *f);

#endif
