/* `mstress mail`: the report by email, one message per recipient, never
 * sent twice without saying so: each send is logged before it starts and
 * after it ends, and one whose end was never answered is not repeated
 * unless asked. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <jansson.h>
#include "cli.h"
#include "fsutil.h"
#include "mail.h"
#include "report.h"
#include "tmpl.h"
#include "utc.h"
#include "grow.h"

static const char usage[] =
	"usage: mstress mail --to RECIPIENTS.csv (--dry-run | --smtp URL) [--from ADDR] [--from-name NAME]\n"
	"                    [--smtp-insecure] [--pause SECONDS] [--final-reply-wait SECONDS]\n"
	"                    [--resend-unknown] [--config FILE] [--as-of DATE] [--out DIR]\n"
	"                    [--templates DIR] [-q | -v]\n"
	"\n"
	"Builds the report, then mails it: one message per recipient of RECIPIENTS.csv\n"
	"(columns email,name), a plain-text and an HTML part (templates/email.txt and\n"
	"email.html) with the charts email.html names (cid:ID.png@mstress), and the PDF\n"
	"attached. A log in DIR/mail/ records each send: a rerun after a failure sends\n"
	"only to those not yet served. A message sent whole but never answered (a server\n"
	"that went silent, a killed run) may have arrived: it is not sent again unless\n"
	"--resend-unknown says so.\n"
	"Credentials come from MSTRESS_SMTP_USER and MSTRESS_SMTP_PASSWORD or ~/.netrc.\n"
	"\n"
	"  -t, --to FILE         the recipients (required)\n"
	"  -n, --dry-run         write DIR/mail/NN-ADDRESS.eml, the bytes that would be sent\n"
	"  -s, --smtp URL        smtp://host:port (STARTTLS required) or smtps://host:port\n"
	"      --smtp-insecure   allow smtp:// without TLS (a local relay)\n"
	"  -f, --from ADDR       the sender's address (default: [publisher] from)\n"
	"      --from-name NAME  the sender's name (default: [publisher] name)\n"
	"      --pause SECONDS   between messages (default 1)\n"
	"      --final-reply-wait SECONDS\n"
	"                        how long to wait for the answer to a message's end\n"
	"                        (default 600, as RFC 5321 asks; 1 to 3600)\n"
	"      --resend-unknown  send again the messages of unknown fate\n"
	"  -c, --config FILE     as for build\n"
	"  -a, --as-of DATE      as for build\n"
	"  -o, --out DIR         where the report is built (default: out)\n"
	"      --templates DIR   as for build\n"
	"  -q, --quiet           errors only\n"
	"  -v, --verbose         notes too\n"
	"  -h, --help            this help\n";

/* DIR/mail/sent.log: a line per step of a send, "MESSAGE-ID TAB ADDRESS TAB
 * STATE", the last line of a message deciding. "sending" with nothing after
 * it is a run that died mid-send: of unknown fate, like "unknown". (A line
 * without a state, from earlier versions, is a delivery.) */
typedef enum send_state { NEVER_SENT, SENDING, DELIVERED, NOT_DELIVERED, UNKNOWN } send_state;
static const char *const state_names[] = { "", "sending", "delivered", "not-delivered", "unknown" };

typedef struct sendlog {
	char **ids;              /* Message-IDs, in the order of their lines */
	send_state *state;
	size_t n, cap;
} sendlog;

static void read_log(const char *path, sendlog *l)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	l->ids = NULL;
	l->state = NULL;
	l->n = l->cap = 0;
	while (f && fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		char *tab = strchr(line, '\t'), *tab2 = tab ? strchr(tab + 1, '\t') : NULL;
		if (!tab)
			continue;
		*tab = '\0';
		send_state st = DELIVERED;
		for (int k = SENDING; tab2 && k <= UNKNOWN; k++)
			if (!strcmp(tab2 + 1, state_names[k]))
				st = (send_state)k;
		if (l->n == l->cap) {
			size_t cap = l->cap ? 2 * l->cap : 64;
			if (MS_RESIZE(l->ids, cap) || MS_RESIZE(l->state, cap))
				break;
			l->cap = cap;
		}
		if ((l->ids[l->n] = strdup(line)))
			l->state[l->n++] = st;
	}
	if (f)
		fclose(f);
}

static send_state state_of(const sendlog *l, const char *id)
{
	for (size_t i = l->n; i-- > 0;)
		if (!strcmp(l->ids[i], id))
			return l->state[i] == SENDING ? UNKNOWN : l->state[i];
	return NEVER_SENT;
}

/* One line per step, on disk before the next step. */
static int append_log(const char *path, const char *id, const char *email, send_state st, ms_diag *d)
{
	FILE *f = fopen(path, "a");
	if (!f || fprintf(f, "%s\t%s\t%s\n", id, email, state_names[st]) < 0 || fflush(f) || fsync(fileno(f))) {
		if (f)
			fclose(f);
		return ms_io_error(d, path, "cannot record a send: %s", strerror(errno));
	}
	return fclose(f) ? ms_io_error(d, path, "cannot record a send: %s", strerror(errno)) : 0;
}

/* The images an email names: each "cid:ID.png@mstress" in its HTML is the
 * report's chart ID laid out for the email (ID-phone: for a phone), so the
 * template alone says which charts go. Each is drawn once, for the first
 * message that shows it. */
enum { MAX_IMAGES = 16 };
typedef struct images {
	char cid[MAX_IMAGES][80];        /* the charts drawn so far, by content id */
	ms_buf png[MAX_IMAGES];
	size_t ndrawn;
	ms_attachment att[MAX_IMAGES];   /* the message's */
	size_t n;
} images;

static void images_release(images *im)
{
	for (size_t i = 0; i < im->ndrawn; i++)
		ms_buf_release(&im->png[i]);
	im->ndrawn = 0;
}

/* The drawn chart of content id cid (len bytes, before "@mstress"), drawn now if need be. */
static const ms_buf *image(const ms_built *r, images *im, const char *cid, size_t len, const char *tmpl, ms_diag *d)
{
	for (size_t k = 0; k < im->ndrawn; k++)
		if (!strncmp(im->cid[k], cid, len) && im->cid[k][len] == '@')
			return &im->png[k];
	if (len < 5 || strncmp(cid + len - 4, ".png", 4)) {
		ms_error(d, tmpl, 0, 0, "the email shows cid:%.*s@mstress: a chart's reads cid:CHART.png@mstress", (int)len, cid);
		return NULL;
	}
	char id[80];
	snprintf(id, sizeof id, "%.*s", (int)len - 4, cid);
	if (im->ndrawn == MAX_IMAGES) {
		ms_error(d, tmpl, 0, 0, "the email shows more than %d charts", MAX_IMAGES);
		return NULL;
	}
	ms_buf *png = &im->png[im->ndrawn];
	ms_buf_init(png, 0);
	int rc = ms_build_email_chart(r, id, png, d);
	if (rc) {
		if (rc > 0)
			ms_error(d, tmpl, 0, 0, "the email shows the chart '%s', which this report does not draw", id);
		ms_buf_release(png);
		return NULL;
	}
	snprintf(im->cid[im->ndrawn++], sizeof im->cid[0], "%.*s@mstress", (int)len, cid);
	return png;
}

static int find_images(const ms_built *r, const char *html, const char *tmpl, images *im, ms_diag *d)
{
	static const char suffix[] = "@mstress";
	im->n = 0;
	for (const char *p = strstr(html, "cid:"); p; p = strstr(p, "cid:")) {
		p += 4;
		size_t len = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");
		if (len == 0 || len >= sizeof im->cid[0] - sizeof suffix || strncmp(p + len, suffix, strlen(suffix)))
			return ms_error(d, tmpl, 0, 0, "a cid: reference must read cid:CHART.png@mstress");
		int seen = 0;
		for (size_t k = 0; k < im->n; k++)
			seen |= !strncmp(im->att[k].content_id, p, len) && im->att[k].content_id[len] == '@';
		if (seen)
			continue;
		const ms_buf *png = image(r, im, p, len, tmpl, d);
		if (!png)
			return -1;
		if (im->n == MAX_IMAGES)
			return ms_error(d, tmpl, 0, 0, "the email shows more than %d charts", MAX_IMAGES);
		const char *id = im->cid[png - im->png];
		im->att[im->n++] = (ms_attachment){ id, NULL, "image", "png", png->data, png->len };
	}
	return 0;
}

static int render(const char *dir, const char *name, json_t *data, ms_escape_fn esc, ms_buf *out, ms_diag *d)
{
	ms_buf t;
	ms_buf_init(&t, 0);
	char *p = ms_path_join(dir, name);
	ms_tmpl_opts o = { esc, NULL, NULL, 1 };
	int rc = !p || ms_read_file(p, &t, 4u << 20, d) || ms_tmpl_render(p, t.data, t.len, data, &o, out, d) ? -1 : 0;
	free(p);
	ms_buf_release(&t);
	return rc;
}

int ms_cmd_mail(int argc, char **argv, ms_diag *d)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' }, { "dry-run", no_argument, NULL, 'n' },
		{ "smtp", required_argument, NULL, 's' }, { "smtp-insecure", no_argument, NULL, 'I' },
		{ "from", required_argument, NULL, 'f' }, { "from-name", required_argument, NULL, 'F' },
		{ "pause", required_argument, NULL, 'P' }, { "final-reply-wait", required_argument, NULL, 'W' },
		{ "resend-unknown", no_argument, NULL, 'R' }, { "config", required_argument, NULL, 'c' },
		{ "as-of", required_argument, NULL, 'a' }, { "out", required_argument, NULL, 'o' },
		{ "templates", required_argument, NULL, 'T' }, { "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	char home[4096];
	const char *to = NULL, *from = NULL, *from_name = NULL;
	ms_smtp smtp = { NULL, 0, NULL, MS_SMTP_FINAL_WAIT_S };
	int dry = 0, resend_unknown = 0, c;
	double pause = 1;
	ms_build_opts o = { .out_dir = "out", .as_of = -1, .fallback_as_of = -1, .weekly = -1 };
	ms_fetch_defaults(&o.fetch);
	optind = 1;
	opterr = 0;     /* ms_cli_bad_option says it, through the diagnostics */
	while ((c = getopt_long(argc, argv, "t:ns:f:c:a:o:qvh", opts, NULL)) != -1) {
		switch (c) {
		case 't': to = optarg; break;
		case 'n': dry = 1; break;
		case 's': smtp.url = optarg; break;
		case 'I': smtp.insecure = 1; break;
		case 'f': from = optarg; break;
		case 'F': from_name = optarg; break;
		case 'R': resend_unknown = 1; break;
		case 'c': o.config = optarg; break;
		case 'o': o.out_dir = optarg; break;
		case 'T': o.templates = optarg; break;
		case 'q': d->quiet = 1; break;
		case 'v': d->verbose = 1; break;
		case 'h': fputs(usage, stdout); return MS_EXIT_OK;
		case 'a':
			if (ms_cli_date(d, "mail", optarg, &o.as_of))
				return MS_EXIT_USAGE;
			break;
		case 'P': {
			char *end;
			pause = strtod(optarg, &end);
			if (end == optarg || *end || !isfinite(pause) || pause < 0 || pause > 3600) {
				return ms_cli_usage(d, "mail", NULL, "--pause takes seconds, 0 to 3600");
			}
			break;
		}
		case 'W': {
			long long v;
			if (ms_cli_integer(optarg, 1, 3600, &v)) {
				return ms_cli_usage(d, "mail", NULL, "--final-reply-wait takes whole seconds, 1 to 3600");
			}
			smtp.final_wait_s = (long)v;
			break;
		}
		default: return ms_cli_bad_option(d, "mail", usage, argv);
		}
	}
	if (optind < argc || !to || dry == (smtp.url != NULL))
		return ms_cli_usage(d, "mail", usage, "give --to and one of --dry-run or --smtp");
	if (smtp.url && strncmp(smtp.url, "smtp://", 7) && strncmp(smtp.url, "smtps://", 8))
		return ms_cli_usage(d, "mail", NULL, "--smtp must be an smtp:// or smtps:// URL");
	if ((o.fallback_as_of = ms_cli_source_date_epoch(d, "mail")) == -2)
		return MS_EXIT_USAGE;
	if (!(o.home = ms_cli_home(home, sizeof home, d)))
		return MS_EXIT_IO;
	ms_cli_terminal(d);

	ms_recipient *rcpt = NULL;
	size_t nr = 0;
	ms_buf html, text;
	ms_buf_init(&html, 0);
	ms_buf_init(&text, 0);
	ms_built *report = NULL;
	images im = { .ndrawn = 0 };
	char *mail_dir = NULL, *log_path = NULL, *tdir = NULL, *html_path = NULL;
	sendlog log = { NULL, NULL, 0, 0 };
	size_t sent = 0, skipped = 0, failed = 0, unknown = 0;
	int rc = -1;
	if (ms_recipients_load(to, &rcpt, &nr, d) || ms_build_make(&o, &report, d) || ms_build_write(report, d))
		goto done;
	const json_t *model = ms_build_model(report);
	const ms_buf *pdf = ms_build_output(report, "report.pdf");
	mail_dir = ms_path_join(ms_build_out_dir(report), "mail");
	log_path = mail_dir ? ms_path_join(mail_dir, "sent.log") : NULL;
	tdir = o.templates ? strdup(o.templates) : ms_path_join(o.home, "templates");
	html_path = tdir ? ms_path_join(tdir, "email.html") : NULL;
	if (!pdf || !log_path || !html_path) {
		ms_error(d, NULL, 0, 0, "out of memory");
		goto done;
	}
	if (ms_mkdirs(mail_dir, d))
		goto done;
	read_log(log_path, &log);
	const json_t *rep = json_object_get(model, "report"), *pub = json_object_get(model, "publisher");
	char seed[512], pdf_name[200];
	const char *as_of = json_string_value(json_object_get(rep, "as_of"));
	const char *title = json_string_value(json_object_get(rep, "title"));
	const char *subject = json_string_value(json_object_get(json_object_get(model, "editorial"), "subject"));
	const char *slug = json_string_value(json_object_get(pub, "slug"));
	if (!from)
		from = json_string_value(json_object_get(pub, "from"));
	if (!from_name)
		from_name = json_string_value(json_object_get(pub, "name"));
	smtp.from_email = from;
	snprintf(seed, sizeof seed, "%s|%s", as_of, title);
	snprintf(pdf_name, sizeof pdf_name, "%.180s-%s.pdf", slug, as_of);
	ms_attachment att = { NULL, pdf_name, "application", "pdf", pdf->data, pdf->len };
	rc = 0;
	for (size_t i = 0; i < nr && !rc; i++) {
		json_t *data = json_deep_copy(model);
		json_t *who = json_pack("{s:s, s:s}", "name", rcpt[i].name, "email", rcpt[i].email);
		html.len = text.len = 0;
		if (!data || !who || json_object_set_new(data, "recipient", who) ||
		    render(tdir, "email.html", data, ms_escape_html, &html, d) ||
		    render(tdir, "email.txt", data, ms_escape_none, &text, d) ||
		    find_images(report, ms_buf_str(&html), html_path, &im, d)) {
			json_decref(data);
			rc = -1;
			break;
		}
		json_decref(data);
		/* sent: dated when it goes; a dry run keeps the as-of day, so its bytes stay the same */
		ms_mail_parts parts = { from_name, from, json_string_value(json_object_get(pub, "reply_to")),
					json_string_value(json_object_get(pub, "unsubscribe")), subject,
					dry ? ms_build_as_of(report) : (int64_t)time(NULL), ms_buf_str(&text),
					ms_buf_str(&html), im.att, im.n,
					&att, seed };
		ms_buf msg;
		ms_buf_init(&msg, 0);
		char id[128], why[256], name[400];
		if (ms_mail_compose(&parts, &rcpt[i], &msg, id, d)) {
			ms_buf_release(&msg);
			rc = -1;
			break;
		}
		if (dry) {
			snprintf(name, sizeof name, "%02zu-%s.eml", i + 1, rcpt[i].email);
			for (char *p = name; *p; p++)
				if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@._-", *p))
					*p = '_';
			char *path = ms_path_join(mail_dir, name);
			rc = !path || ms_write_file_atomic(path, msg.data, msg.len, d) ? -1 : 0;
			if (!rc)
				ms_note(d, "wrote %s", path);
			free(path);
		} else if (state_of(&log, id) == DELIVERED) {
			printf("already delivered: %s\n", rcpt[i].email);
			skipped++;
		} else if (state_of(&log, id) == UNKNOWN && !resend_unknown) {
			ms_error(d, log_path, 0, 0, "an earlier run sent the message to %s whole and got no answer: it may "
				 "have arrived; not sent again (--resend-unknown sends it)", rcpt[i].email);
			printf("fate unknown: %s\n", rcpt[i].email);
			unknown++;
		} else {
			if (sent + failed + unknown && pause > 0) {
				struct timespec ts = { (time_t)pause, (long)((pause - (double)(time_t)pause) * 1e9) };
				nanosleep(&ts, NULL);
			}
			ms_progress(d, "mstress: sending to %s (%zu of %zu)", rcpt[i].email, i + 1, nr);
			if ((rc = append_log(log_path, id, rcpt[i].email, SENDING, d)))
				break;
			ms_delivery fate = ms_smtp_send(&smtp, rcpt[i].email, msg.data, msg.len, why);
			ms_progress_done(d);
			rc = append_log(log_path, id, rcpt[i].email,
					fate == MS_DELIVERED ? DELIVERED : fate == MS_FATE_UNKNOWN ? UNKNOWN : NOT_DELIVERED, d);
			if (fate == MS_DELIVERED) {
				printf("delivered: %s\n", rcpt[i].email);
				sent++;
			} else if (fate == MS_FATE_UNKNOWN) {
				ms_error(d, to, rcpt[i].line, 0, "sent to %s, but %s: it may have arrived; not sent again "
					 "without --resend-unknown", rcpt[i].email, why);
				printf("fate unknown: %s\n", rcpt[i].email);
				unknown++;
			} else {
				ms_error(d, to, rcpt[i].line, 0, "not delivered to %s: %s", rcpt[i].email, why);
				printf("not delivered: %s\n", rcpt[i].email);
				failed++;
			}
		}
		ms_buf_release(&msg);
	}
	ms_progress_done(d);
	if (!dry && !rc)
		printf("%zu delivered, %zu already delivered before, %zu not delivered, %zu of unknown fate\n", sent,
		       skipped, failed, unknown);
done:
	for (size_t i = 0; i < log.n; i++)
		free(log.ids[i]);
	free(log.ids);
	free(log.state);
	images_release(&im);
	ms_build_free(report);
	ms_recipients_free(rcpt, nr);
	ms_buf_release(&html);
	ms_buf_release(&text);
	free(mail_dir);
	free(log_path);
	free(tdir);
	free(html_path);
	if (!rc && (failed || unknown))
		return MS_EXIT_NETWORK;
	return ms_cli_status(d, rc);
}
