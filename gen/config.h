/* The report configuration: an INI file with a [report] section and one
 * [source.NAME] section per data source. Unknown sections and keys are
 * errors (with a suggestion), so a typo never silently changes a report. */
#ifndef MS_CONFIG_H
#define MS_CONFIG_H
#include <stddef.h>
#include <stdint.h>
#include "diag.h"
#include "metric.h"

typedef struct ms_source_cfg {
	char *name;        /* owned; the NAME of [source.NAME] */
	char *format;      /* owned; a built-in format name (src_csv.h) */
	char *path;        /* owned; the snapshot, resolved against the config file's directory (or NULL) */
	char *url;         /* owned; where to fetch it (http, https or file), or NULL */
	char *url_shown;   /* owned; the URL as messages, the cache record and stats.json show it:
	                      userinfo and secret-looking query values replaced by *** */
	char *asset;       /* owned; "BTC", "ETH", or "" for market-wide data */
	char *venue;       /* owned; where the figures come from, for tables */
	ms_metric metric;  /* what the values measure: MS_METRIC_PRICE for bars */
	char *value_column;/* owned; overrides the format's value column, or NULL */
	char *api_key_env; /* owned; the environment variable holding the API key, or NULL
	                      for the format's default */
	char *column[6];   /* owned; time, open, high, low, close, volume column names
	                      for the generic csv format (or to override a format's) */
	int skip_bad_rows; /* bad_rows = skip: a malformed row is dropped with a warning, not fatal */
	int dates_name_day;/* dates = day: the times name the value's day (not a next-day snapshot) */
	char *timezone;    /* owned; the zone of naive local times ("America/New_York"), or NULL */
	long timezone_line;
	long line;         /* where the section starts, for diagnostics */
} ms_source_cfg;

/* Who publishes the report: every output names them ([publisher]). */
typedef struct ms_publisher {
	char *name, *url, *contact;        /* owned; url: the site's address (http or https) */
	char *disclaimer, *colophon;       /* owned; "" for none */
	char *from, *reply_to;             /* owned; the email's sender and where replies go */
	char *unsubscribe;                 /* owned; an https URL or a mailto: (List-Unsubscribe) */
} ms_publisher;

typedef struct ms_config {
	char *file;        /* owned; the config's path */
	char *title, *subtitle, *author;     /* owned */
	int64_t as_of;           /* UTC day; the report uses bars that end by its end */
	int64_t window_start;    /* UTC day */
	int64_t period_from, period_to;      /* "period high" range [from, to) */
	char *period_label;      /* owned; "January 2026" */
	char *primary;           /* owned; name of the source the charts use */
	int64_t regime_from, regime_to;      /* a quiet period to describe, [from, to) */
	char *regime_label;      /* owned */
	int64_t crash_day[8];    /* days whose intraday falls the report measures */
	size_t ncrash;
	int top_drawdowns;       /* rows of the drawdown table */
	char *claims;            /* owned; an article's claims file to check, or NULL */
	ms_publisher publisher;
	int weekly;              /* period = week: the newsletter's "this week" figures */
	int max_stale_days;      /* a source further behind the as-of date is an error; -1: no limit */
	/* where keys whose value may not apply at the as-of date were set, for messages */
	long window_start_line, period_line, primary_line, regime_line, crash_line, max_stale_line;
	const char *cache;       /* borrowed, set by the command: where fetched sources are kept */
	ms_source_cfg *source;   /* owned array */
	size_t nsource, source_cap;
} ms_config;

/* Reads the INI text (len bytes of the file named file) into cfg. */
int ms_config_parse(ms_config *cfg, const char *file, const char *text, size_t len, ms_diag *d);
void ms_config_release(ms_config *cfg);
const ms_source_cfg *ms_config_source(const ms_config *cfg, const char *name);
struct ms_csv_format;
/* The source's format with the config's column names applied. */
struct ms_csv_format ms_source_format(const ms_source_cfg *s);

/* --source NAME=URL: sets a source's URL (an unknown name is an error). */
int ms_config_set_url(ms_config *cfg, const char *assignment, ms_diag *d);

#endif
