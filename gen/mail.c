#include "mail.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gmime/gmime.h>
#include "csv.h"
#include "fsutil.h"
#include "text.h"
#include "utc.h"
#include "grow.h"

static int header_safe(const char *s)
{
	return !strpbrk(s, "\r\n");
}

/* a@b.c, nothing that could end a header or an address */
static int plausible_address(const char *s)
{
	const char *at = strchr(s, '@');
	return at && at != s && at[1] && !strchr(at + 1, '@') && strchr(at, '.') &&
	       !strpbrk(s, " \t\r\n<>(),;:\"[]\\");
}

int ms_recipients_load(const char *path, ms_recipient **out, size_t *n, ms_diag *d)
{
	ms_file_bytes f;
	ms_csv c;
	*out = NULL;
	*n = 0;
	if (ms_map_file(path, &f, 16u << 20, d))
		return -1;
	int rc = -1;
	size_t cap = 0;
	long ie = -1, in = -1;
	if (ms_csv_open(&c, path, f.data, f.len, ',', d))
		goto done;
	int r = ms_csv_next(&c, d);
	for (size_t i = 0; r > 0 && i < c.nfield; i++) {
		if (ms_csv_field_is(&c, i, "email"))
			ie = (long)i;
		if (ms_csv_field_is(&c, i, "name"))
			in = (long)i;
	}
	if (r <= 0 || ie < 0 || in < 0) {
		if (r >= 0)
			ms_error(d, path, 1, 0, "the header must name the columns email and name");
		goto done;
	}
	while ((r = ms_csv_next(&c, d)) > 0) {
		if (c.nfield == 1 && c.field[0].len == 0)
			continue;
		if ((size_t)ie >= c.nfield || (size_t)in >= c.nfield) {
			ms_error(d, path, c.rec_line, 0, "%zu fields: email and name are needed", c.nfield);
			goto done;
		}
		if (MS_GROW(*out, *n, cap)) {
			ms_error(d, path, c.rec_line, 0, "out of memory");
			goto done;
		}
		ms_recipient *arr = *out;
		char *email = strndup(c.field[ie].p, c.field[ie].len), *name = strndup(c.field[in].p, c.field[in].len);
		if (!email || !name) {
			free(email);
			free(name);
			ms_error(d, path, c.rec_line, 0, "out of memory");
			goto done;
		}
		/* every recipient is checked before anything is sent: a bad line
		 * found halfway would leave the list half mailed */
		char why[80];
		const char *problem = !g_utf8_validate(email, -1, NULL) || !g_utf8_validate(name, -1, NULL) ?
			"not UTF-8 (save the file as UTF-8)" :
			!header_safe(email) || !header_safe(name) ?
			"a line break in a recipient's address or name: it would make a header of its own" :
			ms_text_problem(name, why) ? why :
			strlen(email) > 254 ? "an address longer than the 254 bytes SMTP carries" :
			g_utf8_strlen(name, -1) > 200 ? "a name longer than 200 characters" :
			!plausible_address(email) ? "not an email address" : NULL;
		for (size_t k = 0; !problem && k < *n; k++)
			if (!strcmp(arr[k].email, email))
				problem = "listed twice";
		if (problem) {
			ms_error(d, path, c.rec_line, c.field[ie].col, "'%.60s%s': %s",
				 header_safe(email) && g_utf8_validate(email, -1, NULL) ? email : "?",
				 strlen(email) > 60 ? "…" : "", problem);
			free(email);
			free(name);
			goto done;
		}
		arr[(*n)++] = (ms_recipient){ email, name, c.rec_line };
	}
	if (r < 0)
		goto done;
	if (!*n) {
		ms_error(d, path, 0, 0, "no recipients");
		goto done;
	}
	rc = 0;
done:
	if (ms_file_check_whole(&f, path, d))
		rc = -1;
	ms_csv_release(&c);
	ms_unmap_file(&f);
	if (rc) {
		ms_recipients_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void ms_recipients_free(ms_recipient *r, size_t n)
{
	for (size_t i = 0; r && i < n; i++) {
		free(r[i].email);
		free(r[i].name);
	}
	free(r);
}

static GMimePart *data_part(const char *type, const char *subtype, const char *data, size_t len)
{
	GMimePart *p = g_mime_part_new_with_type(type, subtype);
	GMimeStream *st = g_mime_stream_mem_new_with_buffer(data, len);
	GMimeDataWrapper *dw = g_mime_data_wrapper_new_with_stream(st, GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(p, dw);
	g_mime_part_set_content_encoding(p, GMIME_CONTENT_ENCODING_BASE64);
	g_object_unref(dw);
	g_object_unref(st);
	return p;
}

static GMimeTextPart *text_part(const char *subtype, const char *text)
{
	GMimeTextPart *t = g_mime_text_part_new_with_subtype(subtype);
	g_mime_text_part_set_charset(t, "utf-8");
	g_mime_text_part_set_text(t, text);
	g_mime_part_set_content_encoding(GMIME_PART(t), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
	return t;
}

int ms_mail_compose(const ms_mail_parts *p, const ms_recipient *to, ms_buf *out, char message_id[128],
		    ms_diag *d)
{
	g_mime_init();        /* counts its calls: cheap after the first */
	if (!header_safe(p->subject) || !header_safe(p->from_name) || !header_safe(p->from_email) ||
	    !header_safe(to->name) || !header_safe(to->email) || (p->reply_to && !header_safe(p->reply_to)) ||
	    (p->unsubscribe && !header_safe(p->unsubscribe)))
		return ms_error(d, NULL, 0, 0, "a line break in a header value");
	/* stable and unique: a hash of the report and the address */
	char *seed = g_strdup_printf("%s|%s", p->id_seed, to->email);
	char *hash = g_compute_checksum_for_string(G_CHECKSUM_SHA256, seed, -1);
	const char *domain = strchr(p->from_email, '@');
	snprintf(message_id, 128, "%.32s@%s", hash, domain ? domain + 1 : "mstress.invalid");
	GMimeMessage *msg = g_mime_message_new(TRUE);
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_FROM, p->from_name, p->from_email);
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_TO, to->name, to->email);
	if (p->reply_to)
		g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_REPLY_TO, NULL, p->reply_to);
	if (p->unsubscribe) {
		char *list = g_strdup_printf("<%s>", p->unsubscribe);
		g_mime_object_set_header(GMIME_OBJECT(msg), "List-Unsubscribe", list, NULL);
		g_free(list);
		/* one click (RFC 8058) needs an https address to POST to */
		if (!strncmp(p->unsubscribe, "https://", 8))
			g_mime_object_set_header(GMIME_OBJECT(msg), "List-Unsubscribe-Post", "List-Unsubscribe=One-Click",
						 NULL);
	}
	g_mime_message_set_subject(msg, p->subject, "utf-8");
	GDateTime *date = g_date_time_new_from_unix_utc(p->date);
	g_mime_message_set_date(msg, date);
	g_date_time_unref(date);
	g_mime_message_set_message_id(msg, message_id);
	/* boundaries from the hash too: random ones would change every run */
	char boundary[96];
	GMimeMultipart *mixed = g_mime_multipart_new_with_subtype("mixed");
	GMimeMultipart *alt = g_mime_multipart_new_with_subtype("alternative");
	GMimeMultipart *rel = g_mime_multipart_new_with_subtype("related");
	snprintf(boundary, sizeof boundary, "=_mstress_%.16s_mixed", hash);
	g_mime_multipart_set_boundary(mixed, boundary);
	snprintf(boundary, sizeof boundary, "=_mstress_%.16s_alt", hash);
	g_mime_multipart_set_boundary(alt, boundary);
	snprintf(boundary, sizeof boundary, "=_mstress_%.16s_rel", hash);
	g_mime_multipart_set_boundary(rel, boundary);
	g_mime_object_set_content_type_parameter(GMIME_OBJECT(rel), "type", "text/html");
	GMimeTextPart *text = text_part("plain", p->text), *html = text_part("html", p->html);
	g_mime_multipart_add(alt, GMIME_OBJECT(text));
	g_mime_multipart_add(rel, GMIME_OBJECT(html));
	for (size_t i = 0; i < p->nimages; i++) {
		const ms_attachment *a = &p->images[i];
		GMimePart *img = data_part(a->type, a->subtype, a->data, a->len);
		g_mime_part_set_content_id(img, a->content_id);
		g_mime_object_set_disposition(GMIME_OBJECT(img), "inline");
		g_mime_multipart_add(rel, GMIME_OBJECT(img));
		g_object_unref(img);
	}
	g_mime_multipart_add(alt, GMIME_OBJECT(rel));
	g_mime_multipart_add(mixed, GMIME_OBJECT(alt));
	if (p->pdf) {
		GMimePart *pdf = data_part(p->pdf->type, p->pdf->subtype, p->pdf->data, p->pdf->len);
		g_mime_part_set_filename(pdf, p->pdf->filename);
		g_mime_multipart_add(mixed, GMIME_OBJECT(pdf));
		g_object_unref(pdf);
	}
	g_mime_message_set_mime_part(msg, GMIME_OBJECT(mixed));
	GMimeFormatOptions *fo = g_mime_format_options_new();
	g_mime_format_options_set_newline_format(fo, GMIME_NEWLINE_FORMAT_DOS);
	GMimeStream *st = g_mime_stream_mem_new();
	int rc = g_mime_object_write_to_stream(GMIME_OBJECT(msg), fo, st) < 0 ? -1 : 0;
	GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(st));
	if (!rc)
		ms_buf_append(out, bytes->data, bytes->len);
	g_object_unref(st);
	g_mime_format_options_free(fo);
	g_object_unref(text);
	g_object_unref(html);
	g_object_unref(rel);
	g_object_unref(alt);
	g_object_unref(mixed);
	g_object_unref(msg);
	g_free(hash);
	g_free(seed);
	if (rc || ms_buf_failed(out))
		return ms_error(d, NULL, 0, 0, "cannot write the message for %s", to->email);
	return 0;
}
