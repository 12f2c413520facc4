#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "fsutil.h"
#include "ini.h"
#include "src_csv.h"
#include "text.h"
#include "tz.h"
#include "utc.h"
#include "grow.h"

static const char *const report_keys[] = {
	"title", "subtitle", "author", "as_of", "window_start", "period_high", "period_label",
	"primary", "regime", "regime_label", "crash_days", "top_drawdowns", "claims", "period",
	"max_stale_days", NULL
};
static const char *const source_keys[] = { "format", "path", "url", "asset", "venue", "metric",
					     "value_column", "time_column", "open_column", "high_column",
					     "low_column", "close_column", "volume_column", "api_key_env", "bad_rows",
					     "timezone", "dates", NULL };
static const char *const publisher_keys[] = { "name", "url", "contact", "disclaimer", "colophon", "from",
						"reply_to", "unsubscribe", NULL };
/* the column keys, in the order of ms_source_cfg.column */
static const char *const column_keys[] = { "time_column", "open_column", "high_column", "low_column",
					   "close_column", "volume_column" };

static int set_string(char **dst, const char *v, ms_diag *d, const char *file, long line)
{
	char *p = strdup(v);
	if (!p)
		return ms_error(d, file, line, 0, "out of memory");
	free(*dst);
	*dst = p;
	return 0;
}

static int parse_day(const char *v, int64_t *t, ms_diag *d, const char *file, long line,
		     const char *key)
{
	if (ms_parse_date(v, t))
		return ms_error(d, file, line, 1, "%s: '%s' is not a date (YYYY-MM-DD)", key, v);
	return 0;
}

/* A period: YYYY-MM (a calendar month) or YYYY-MM-DD..YYYY-MM-DD (inclusive),
 * as the half-open range [from, to). */
static int parse_range(const char *v, int64_t *from, int64_t *to)
{
	char a[11], b[11];
	if (strlen(v) == 7) {
		snprintf(a, sizeof a, "%.7s-01", v);
		if (ms_parse_date(a, from))
			return -1;
		int y, m, day;
		ms_civil_from_days(*from / MS_DAY, &y, &m, &day);
		*to = ms_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) * MS_DAY;
		return 0;
	}
	if (strlen(v) != 22 || v[10] != '.' || v[11] != '.')
		return -1;
	memcpy(a, v, 10);
	a[10] = '\0';
	memcpy(b, v + 12, 10);
	b[10] = '\0';
	if (ms_parse_date(a, from) || ms_parse_date(b, to) || *to < *from)
		return -1;
	*to += MS_DAY;
	return 0;
}

static int set_range(ms_config *cfg, const char *key, const char *v, int64_t *from, int64_t *to,
		     ms_diag *d, long line)
{
	if (parse_range(v, from, to))
		return ms_error(d, cfg->file, line, 1,
				"%s: '%s' is neither YYYY-MM nor YYYY-MM-DD..YYYY-MM-DD", key, v);
	return 0;
}

/* crash_days = YYYY-MM-DD, YYYY-MM-DD, … */
static int set_crash_days(ms_config *cfg, const char *v, ms_diag *d, long line)
{
	size_t max = sizeof cfg->crash_day / sizeof cfg->crash_day[0];
	cfg->ncrash = 0;
	while (*v) {
		while (*v == ' ' || *v == ',')
			v++;
		if (!*v)
			break;
		char day[11];
		size_t n = strcspn(v, ", ");
		if (n != 10 || cfg->ncrash == max)
			return ms_error(d, cfg->file, line, 1, "crash_days: a list of at most %zu dates "
					"(YYYY-MM-DD, comma-separated)", max);
		memcpy(day, v, 10);
		day[10] = '\0';
		if (ms_parse_date(day, &cfg->crash_day[cfg->ncrash++]))
			return ms_error(d, cfg->file, line, 1, "crash_days: '%s' is not a date", day);
		v += n;
	}
	return 0;
}

/* Paths in a config are relative to the config file. */
static int set_path(ms_config *cfg, char **dst, const char *v, ms_diag *d, long line)
{
	char *dir = ms_dirname(cfg->file);
	char *p = dir ? ms_path_join(dir, v) : NULL;
	free(dir);
	if (!p)
		return ms_error(d, cfg->file, line, 0, "out of memory");
	free(*dst);
	*dst = p;
	return 0;
}

/* A key of two words: *dst is 0 for the first, 1 for the second. */
static int set_choice(int *dst, const char *k, const char *v, const char *no, const char *yes, ms_diag *d,
		      const char *file, long line)
{
	if (strcmp(v, no) && strcmp(v, yes))
		return ms_error(d, file, line, 1, "%s: '%s' is neither %s nor %s", k, v, no, yes);
	*dst = !strcmp(v, yes);
	return 0;
}

/* Text a reader sees (a title, a label, a venue): fit to show (text.h), and
 * short enough for a page's running header and a feed entry. */
#define MAX_TEXT 300
static int set_text(char **dst, const char *k, const char *v, ms_diag *d, const char *file, long line)
{
	char why[80];
	if (ms_text_problem(v, why))
		return ms_error(d, file, line, 1, "%s: %s", k, why);
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		chars += (*p & 0xC0) != 0x80;
	if (chars > MAX_TEXT)
		return ms_error(d, file, line, 1, "%s: %zu characters, more than the %d a title or label may have", k,
				chars, MAX_TEXT);
	return set_string(dst, v, d, file, line);
}

static int set_report_key(ms_config *cfg, const char *k, const char *v, ms_diag *d, long line)
{
	const char *f = cfg->file;
	if (!strcmp(k, "title"))
		return set_text(&cfg->title, k, v, d, f, line);
	if (!strcmp(k, "subtitle"))
		return set_text(&cfg->subtitle, k, v, d, f, line);
	if (!strcmp(k, "author"))
		return set_text(&cfg->author, k, v, d, f, line);
	if (!strcmp(k, "as_of"))
		return parse_day(v, &cfg->as_of, d, f, line, k);
	if (!strcmp(k, "window_start")) {
		cfg->window_start_line = line;
		return parse_day(v, &cfg->window_start, d, f, line, k);
	}
	if (!strcmp(k, "period_high")) {
		cfg->period_line = line;
		return set_range(cfg, k, v, &cfg->period_from, &cfg->period_to, d, line);
	}
	if (!strcmp(k, "regime")) {
		cfg->regime_line = line;
		return set_range(cfg, k, v, &cfg->regime_from, &cfg->regime_to, d, line);
	}
	if (!strcmp(k, "regime_label"))
		return set_text(&cfg->regime_label, k, v, d, f, line);
	if (!strcmp(k, "crash_days")) {
		cfg->crash_line = line;
		return set_crash_days(cfg, v, d, line);
	}
	if (!strcmp(k, "max_stale_days")) {
		char *end;
		long n = strtol(v, &end, 10);
		cfg->max_stale_line = line;
		if (!*v || *end || n < 0 || n > 36500)
			return ms_error(d, f, line, 1, "max_stale_days: a whole number of days from 0 to 36500");
		cfg->max_stale_days = (int)n;
		return 0;
	}
	if (!strcmp(k, "claims"))
		return set_path(cfg, &cfg->claims, v, d, line);
	if (!strcmp(k, "period"))
		return set_choice(&cfg->weekly, k, v, "all", "week", d, f, line);
	if (!strcmp(k, "top_drawdowns")) {
		char *end;
		long n = strtol(v, &end, 10);
		if (*end || n < 1 || n > 50)
			return ms_error(d, f, line, 1, "top_drawdowns: a whole number from 1 to 50");
		cfg->top_drawdowns = (int)n;
		return 0;
	}
	if (!strcmp(k, "period_label"))
		return set_text(&cfg->period_label, k, v, d, f, line);
	if (!strcmp(k, "primary")) {
		cfg->primary_line = line;
		return set_string(&cfg->primary, v, d, f, line);
	}
	return ms_ini_unknown_key(d, f, line, k, report_keys);
}

/* A URL fit to show: "user:password@" and the values of query keys that
 * look secret (key, token, secret, password, auth, signature…) as ***. */
static char *url_redacted(const char *url)
{
	static const char *const secret[] = { "key", "token", "secret", "pass", "auth", "sig", "credential", NULL };
	size_t n = strlen(url);
	char *out = malloc(n + 8), *o = out;
	if (!out)
		return NULL;
	const char *p = url, *scheme = strstr(url, "://");
	if (scheme) {
		const char *host = scheme + 3, *end = host + strcspn(host, "/?#"), *at = memchr(host, '@', (size_t)(end - host));
		memcpy(o, url, (size_t)(host - url));
		o += host - url;
		if (at) {
			memcpy(o, "***", 3);
			o += 3;
			host = at;
		}
		p = host;
	}
	while (*p) {
		*o++ = *p;
		if (*p != '?' && *p != '&') {
			p++;
			continue;
		}
		const char *name = ++p, *eq = name + strcspn(name, "=&#");
		int hide = 0;
		for (size_t i = 0; secret[i] && *eq == '='; i++)
			for (const char *q = name; q + strlen(secret[i]) <= eq && !hide; q++)
				hide = !strncasecmp(q, secret[i], strlen(secret[i]));
		memcpy(o, name, (size_t)(eq - name));
		o += eq - name;
		p = eq;
		if (hide) {
			memcpy(o, "=***", 4);
			o += 4;
			p = eq + 1 + strcspn(eq + 1, "&#");
		}
	}
	*o = 0;
	return out;
}

/* A source's URL, and the form of it that may be shown. */
static int set_url(ms_source_cfg *s, const char *url, ms_diag *d, const char *file, long line)
{
	char *shown = url_redacted(url);
	if (!shown)
		return ms_error(d, file, line, 0, "out of memory");
	if (strncmp(url, "http://", 7) && strncmp(url, "https://", 8) && strncmp(url, "file://", 7)) {
		ms_error(d, file, line, 1, "url of source '%s': '%s' is not an http, https or file URL", s->name, shown);
		free(shown);
		return -1;
	}
	free(s->url_shown);
	s->url_shown = shown;
	return set_string(&s->url, url, d, file, line);
}

static int set_source_key(ms_config *cfg, ms_source_cfg *s, const char *k, const char *v,
			  ms_diag *d, long line)
{
	const char *f = cfg->file;
	if (!strcmp(k, "format")) {
		if (!ms_csv_format_find(v))
			return ms_error(d, f, line, 1, "unknown format '%s' (known: %s)", v,
					ms_csv_format_names());
		return set_string(&s->format, v, d, f, line);
	}
	if (!strcmp(k, "path"))
		return set_path(cfg, &s->path, v, d, line);
	if (!strcmp(k, "url")) {
		return set_url(s, v, d, f, line);
	}
	if (!strcmp(k, "asset"))
		return set_string(&s->asset, v, d, f, line);
	if (!strcmp(k, "bad_rows"))
		return set_choice(&s->skip_bad_rows, k, v, "error", "skip", d, f, line);
	if (!strcmp(k, "dates"))
		return set_choice(&s->dates_name_day, k, v, "snapshot", "day", d, f, line);
	if (!strcmp(k, "timezone")) {
		s->timezone_line = line;
		return set_string(&s->timezone, v, d, f, line);
	}
	if (!strcmp(k, "venue"))
		return set_text(&s->venue, k, v, d, f, line);
	if (!strcmp(k, "metric")) {
		if ((s->metric = ms_metric_parse(v)) != MS_METRIC_NONE)
			return 0;
		return ms_error(d, f, line, 1, "unknown metric '%s' (known: price, long_liquidations, "
				"short_liquidations, market_cap, etf_flows, fear_greed, open_interest, funding)", v);
	}
	if (!strcmp(k, "value_column"))
		return set_string(&s->value_column, v, d, f, line);
	if (!strcmp(k, "api_key_env"))
		return set_string(&s->api_key_env, v, d, f, line);
	for (int i = 0; i < 6; i++)
		if (!strcmp(k, column_keys[i]))
			return set_string(&s->column[i], v, d, f, line);
	return ms_ini_unknown_key(d, f, line, k, source_keys);
}

static ms_source_cfg *add_source(ms_config *cfg, const char *name, long line, ms_diag *d)
{
	if (ms_config_source(cfg, name)) {
		ms_error(d, cfg->file, line, 1, "source '%s' is defined twice", name);
		return NULL;
	}
	if (MS_GROW(cfg->source, cfg->nsource, cfg->source_cap)) {
		ms_error(d, cfg->file, line, 0, "out of memory");
		return NULL;
	}
	ms_source_cfg *s = &cfg->source[cfg->nsource];
	memset(s, 0, sizeof *s);
	s->line = line;
	if (!(s->name = strdup(name)) || !(s->asset = strdup("")) || !(s->venue = strdup(name))) {
		ms_error(d, cfg->file, line, 0, "out of memory");
		free(s->name);
		free(s->asset);
		return NULL;
	}
	cfg->nsource++;
	return s;
}

static int check_complete(ms_config *cfg, ms_diag *d)
{
	for (size_t i = 0; i < cfg->nsource; i++) {
		ms_source_cfg *s = &cfg->source[i];
		if (!s->format || (!s->path && !s->url))
			return ms_error(d, cfg->file, s->line, 1, "source '%s' needs a 'format', and a 'path' or a 'url'",
					s->name);
		ms_csv_format fmtv = ms_source_format(s);
		const ms_csv_format *fmt = &fmtv;
		if (!fmt->parse && !fmt->time_column)
			return ms_error(d, cfg->file, s->line, 1,
					"source '%s': format %s needs 'time_column' (the header of the times)",
					s->name, s->format);
		if (!fmt->column[MS_VALUE] && !fmt->column[MS_CLOSE])
			return ms_error(d, cfg->file, s->line, 1,
					"source '%s': format %s needs 'value_column', or 'close_column' and the "
					"other price columns", s->name, s->format);
		int nohlc = !!fmt->column[MS_OPEN] + !!fmt->column[MS_HIGH] + !!fmt->column[MS_LOW] + !!fmt->column[MS_CLOSE];
		/* bars, or closes alone (CoinGecko): nothing in between */
		if (nohlc && nohlc < 4 && !(nohlc == 1 && fmt->column[MS_CLOSE]))
			return ms_error(d, cfg->file, s->line, 1, "source '%s': open, high, low and close columns go "
					"together (or close alone)", s->name);
		if (s->timezone && strcmp(s->timezone, "UTC")) {
			ms_tz *z = ms_tz_load(s->timezone, cfg->file, s->timezone_line, d);
			if (!z)
				return -1;
			ms_tz_free(z);
		}
		if (!s->metric && !fmt->metric && fmt->column[MS_CLOSE])
			s->metric = MS_METRIC_PRICE;
		if (!s->metric && !fmt->metric)
			return ms_error(d, cfg->file, s->line, 1, "source '%s': format %s needs 'metric' "
					"(what the values measure)", s->name, s->format);
		if (!s->metric)
			s->metric = fmt->metric;
	}
	if (!cfg->primary)
		return ms_error(d, cfg->file, 0, 0, "[report] needs 'primary', the source the charts use");
	const ms_source_cfg *p = ms_config_source(cfg, cfg->primary);
	if (!p)
		return ms_error(d, cfg->file, cfg->primary_line, 1, "primary = %s: no such source", cfg->primary);
	ms_csv_format pfv = ms_source_format(p);
	const ms_csv_format *pf = &pfv;
	if (!pf->column[MS_CLOSE] || !pf->column[MS_HIGH] || !pf->column[MS_LOW])
		return ms_error(d, cfg->file, p->line, 1,
				"primary source '%s' must be price bars (high, low, close)", p->name);
	if (!cfg->period_to)
		return ms_error(d, cfg->file, 0, 0, "[report] needs 'period_high' (e.g. 2026-01)");

	return 0;
}

/* a@b.c with nothing that could end a header or an address */
static int plausible_email(const char *s)
{
	const char *at = strchr(s, '@');
	return at && at != s && at[1] && !strchr(at + 1, '@') && strchr(at, '.') && strlen(s) <= 254 &&
	       !strpbrk(s, " \t\r\n<>(),;:\"[]\\");
}

static int set_publisher_key(ms_config *cfg, const char *k, const char *v, ms_diag *d, long line)
{
	ms_publisher *p = &cfg->publisher;
	const char *f = cfg->file;
	if (!strcmp(k, "name") || !strcmp(k, "contact"))
		return set_text(!strcmp(k, "name") ? &p->name : &p->contact, k, v, d, f, line);
	if (!strcmp(k, "disclaimer") || !strcmp(k, "colophon")) {
		char why[80];
		if (ms_text_problem(v, why))
			return ms_error(d, f, line, 1, "%s: %s", k, why);
		return set_string(!strcmp(k, "disclaimer") ? &p->disclaimer : &p->colophon, v, d, f, line);
	}
	if (!strcmp(k, "url")) {
		if (strncmp(v, "https://", 8) && strncmp(v, "http://", 7))
			return ms_error(d, f, line, 1, "url: '%s' is not an http or https address", v);
		return set_text(&p->url, k, v, d, f, line);
	}
	if (!strcmp(k, "from") || !strcmp(k, "reply_to")) {
		if (!plausible_email(v))
			return ms_error(d, f, line, 1, "%s: '%s' is not an email address", k, v);
		return set_string(!strcmp(k, "from") ? &p->from : &p->reply_to, v, d, f, line);
	}
	if (!strcmp(k, "unsubscribe")) {
		if ((strncmp(v, "https://", 8) && strncmp(v, "mailto:", 7)) || strpbrk(v, " <>\r\n,"))
			return ms_error(d, f, line, 1, "unsubscribe: '%s' is neither an https address nor a mailto: "
					"(List-Unsubscribe takes one of them)", v);
		return set_string(&p->unsubscribe, v, d, f, line);
	}
	return ms_ini_unknown_key(d, f, line, k, publisher_keys);
}

typedef struct parse_state {
	ms_config *cfg;
	ms_source_cfg *source;   /* the [source.NAME] being read, or NULL */
	int in_report, in_publisher;
	ms_diag *d;
} parse_state;

static int on_pair(void *ctx, const char *section, const char *k, const char *v, long line)
{
	parse_state *st = ctx;
	if (!k) {                /* a new section */
		st->in_report = !strcmp(section, "report");
		st->in_publisher = !strcmp(section, "publisher");
		st->source = NULL;
		if (st->in_report || st->in_publisher)
			return 0;
		if (!strncmp(section, "source.", 7) && section[7])
			return (st->source = add_source(st->cfg, section + 7, line, st->d)) ? 0 : -1;
		return ms_error(st->d, st->cfg->file, line, 1,
				"unknown section [%s] (sections: [report], [publisher], [source.NAME])", section);
	}
	if (st->in_report)
		return set_report_key(st->cfg, k, v, st->d, line);
	if (st->in_publisher)
		return set_publisher_key(st->cfg, k, v, st->d, line);
	return set_source_key(st->cfg, st->source, k, v, st->d, line);
}

int ms_config_parse(ms_config *cfg, const char *file, const char *text, size_t len, ms_diag *d)
{
	memset(cfg, 0, sizeof *cfg);
	if (!(cfg->file = strdup(file)))
		return ms_error(d, file, 0, 0, "out of memory");
	/* an example publisher until the config names one (example.org is reserved for this) */
	ms_publisher *p = &cfg->publisher;
	if (set_string(&p->name, "Market Stress Research", d, file, 0) ||
	    set_string(&p->url, "https://example.org/", d, file, 0) ||
	    set_string(&p->contact, "research@example.org", d, file, 0) ||
	    set_string(&p->disclaimer, "For information only: not investment advice.", d, file, 0) ||
	    set_string(&p->colophon, "", d, file, 0) ||
	    set_string(&p->from, "reports@example.org", d, file, 0) ||
	    set_string(&p->reply_to, "research@example.org", d, file, 0) ||
	    set_string(&p->unsubscribe, "mailto:unsubscribe@example.org?subject=unsubscribe", d, file, 0) ||
	    set_string(&cfg->subtitle, "", d, file, 0) ||
	    set_string(&cfg->author, "mstress", d, file, 0) ||
	    set_string(&cfg->period_label, "period", d, file, 0) ||
	    set_string(&cfg->regime_label, "the quiet period", d, file, 0))
		return -1;
	cfg->top_drawdowns = 5;
	cfg->max_stale_days = -1;
	parse_state st = { cfg, NULL, 0, 0, d };
	if (ms_ini_parse(file, text, len, on_pair, &st, d))
		return -1;
	return check_complete(cfg, d);
}

void ms_config_release(ms_config *cfg)
{
	for (size_t i = 0; i < cfg->nsource; i++) {
		ms_source_cfg *s = &cfg->source[i];
		free(s->name);
		free(s->format);
		free(s->path);
		free(s->url);
		free(s->asset);
		free(s->venue);
		free(s->value_column);
		free(s->url_shown);
		free(s->timezone);
		free(s->api_key_env);
		for (int k = 0; k < 6; k++)
			free(s->column[k]);
	}
	free(cfg->source);
	free(cfg->file);
	free(cfg->title);
	free(cfg->subtitle);
	free(cfg->author);
	free(cfg->period_label);
	free(cfg->primary);
	free(cfg->regime_label);
	free(cfg->claims);
	ms_publisher *p = &cfg->publisher;
	char **owned[] = { &p->name, &p->url, &p->contact, &p->disclaimer, &p->colophon, &p->from, &p->reply_to,
			   &p->unsubscribe };
	for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++)
		free(*owned[i]);
	memset(cfg, 0, sizeof *cfg);
}

const ms_source_cfg *ms_config_source(const ms_config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->nsource; i++)
		if (!strcmp(cfg->source[i].name, name))
			return &cfg->source[i];
	return NULL;
}

int ms_config_set_url(ms_config *cfg, const char *assignment, ms_diag *d)
{
	const char *eq = strchr(assignment, '=');
	if (!eq || eq == assignment)
		return ms_error(d, NULL, 0, 0, "--source takes NAME=URL, not '%s'", assignment);
	char name[128];
	snprintf(name, sizeof name, "%.*s", (int)(eq - assignment > 127 ? 127 : eq - assignment), assignment);
	const char *url = eq + 1;
	for (size_t i = 0; i < cfg->nsource; i++) {
		ms_source_cfg *s = &cfg->source[i];
		if (strcmp(s->name, name))
			continue;
		return set_url(s, url, d, NULL, 0);
	}
	return ms_error(d, cfg->file, 0, 0, "--source %s: no such source in the configuration", name);
}

ms_csv_format ms_source_format(const ms_source_cfg *s)
{
	ms_csv_format f = *ms_csv_format_find(s->format);
	if (s->column[0])
		f.time_column = s->column[0];
	for (int k = 1; k < 6; k++)
		if (s->column[k])
			f.column[k - 1] = s->column[k];     /* open, high, low, close, volume */
	if (s->value_column)
		f.column[MS_VALUE] = s->value_column;
	f.skip_bad_rows = s->skip_bad_rows;
	if (s->dates_name_day && f.time_shift) {
		f.time_shift = 0;     /* an export whose dates already name the value's day */
		f.convention = "an export whose dates name the day of each value (dates = day), US$";
	}
	f.timezone = s->timezone;
	return f;
}
