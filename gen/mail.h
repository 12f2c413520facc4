/* The report as an email: a MIME message per recipient, built with GMime
 * (multipart/mixed: a multipart/alternative of a plain-text part and a
 * multipart/related HTML part whose charts are CID-referenced PNGs, plus the
 * PDF attached), and its delivery over SMTP with libcurl. */
#ifndef MS_MAIL_H
#define MS_MAIL_H
#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "diag.h"

typedef struct ms_recipient {
	char *email, *name;      /* owned */
	long line;               /* in the recipients file */
} ms_recipient;

/* Reads RECIPIENTS.csv (header email,name; quoted fields allowed). An
 * address that is not one, or a CR or LF anywhere, is an error naming the
 * line: no value can become a header of its own. */
int ms_recipients_load(const char *path, ms_recipient **out, size_t *n, ms_diag *d);
void ms_recipients_free(ms_recipient *r, size_t n);

typedef struct ms_attachment {
	const char *content_id;  /* for images: referenced as cid: from the HTML */
	const char *filename;    /* for the PDF */
	const char *type, *subtype;
	const char *data;
	size_t len;
} ms_attachment;

typedef struct ms_mail_parts {
	const char *from_name, *from_email;
	const char *reply_to;    /* or NULL */
	const char *unsubscribe; /* List-Unsubscribe: an https URL (one-click, RFC 8058) or a mailto: */
	const char *subject;
	int64_t date;            /* Date: the time of sending, or the as-of day (a dry run) */
	const char *text, *html; /* this recipient's bodies (UTF-8) */
	const ms_attachment *images;
	size_t nimages;
	const ms_attachment *pdf;
	const char *id_seed;     /* with the address, makes the Message-ID */
} ms_mail_parts;

/* The message for one recipient, with CRLF line ends, appended to out. The
 * Message-ID is stable across reruns and unique per recipient. Writes the
 * Message-ID (without <>) to message_id. */
int ms_mail_compose(const ms_mail_parts *p, const ms_recipient *to, ms_buf *out, char message_id[128],
		    ms_diag *d);

typedef struct ms_smtp {
	const char *url;         /* smtp://host:port or smtps://host:port */
	int insecure;            /* allow smtp:// without STARTTLS */
	const char *from_email;
	long final_wait_s;       /* for the answer to the message's end */
} ms_smtp;

/* The session up to the message's end: 5 minutes (RFC 5321's longest wait
 * before the data); the answer to the end gets its own wait, 10 minutes by
 * default (MS_SMTP_FINAL_WAIT_S, the RFC's). */
#define MS_SMTP_SESSION_S 300
#define MS_SMTP_FINAL_WAIT_S 600

typedef enum ms_delivery {
	MS_DELIVERED,
	MS_NOT_DELIVERED,        /* refused, or the message never fully sent */
	MS_FATE_UNKNOWN,         /* sent whole, but no answer came back */
} ms_delivery;

/* Delivers one message to one recipient. Credentials come from
 * MSTRESS_SMTP_USER / MSTRESS_SMTP_PASSWORD or ~/.netrc, never from
 * arguments, and are never printed. Otherwise than delivered, the reason
 * is in why (the server's answer or libcurl's). */
ms_delivery ms_smtp_send(const ms_smtp *s, const char *rcpt, const char *msg, size_t len, char why[256]);

#endif
