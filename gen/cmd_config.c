/* `mstress config --print`: the configuration a build would use, with the
 * defaults, the file and the command line merged. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "config.h"
#include "fsutil.h"
#include "sources.h"
#include "utc.h"
#include "metric.h"

static const char usage[] =
	"usage: mstress config --print [--config FILE] [--as-of YYYY-MM-DD] [--period all|week]\n"
	"\n"
	"Prints the effective configuration as INI: the defaults, the config file\n"
	"and the command line merged, paths resolved; values of keys that hold\n"
	"secrets (key, token, password, secret) are masked.\n"
	"\n"
	"  -c, --config FILE     the report configuration (default: the embedded data)\n"
	"  -a, --as-of DATE      as for build\n"
	"  -p, --period PERIOD   as for build\n"
	"  -h, --help            this help\n";

/* Secrets never reach a terminal or a CI log. */
static void kv(const char *key, const char *value)
{
	static const char *const secret[] = { "key", "token", "password", "secret" };
	int mask = 0;
	for (size_t i = 0; i < sizeof secret / sizeof secret[0]; i++)
		mask |= strstr(key, secret[i]) != NULL;
	size_t n = strlen(key);
	if (n > 4 && !strcmp(key + n - 4, "_env"))
		mask = 0;     /* the name of a variable, not its value */
	printf("%s = %s\n", key, mask && *value ? "********" : value);
}

static void range(const char *key, int64_t from, int64_t to)
{
	char a[11], b[11], v[32];
	if (!to)
		return;
	ms_fmt_date(from, a);
	ms_fmt_date(to - MS_DAY, b);
	snprintf(v, sizeof v, "%s..%s", a, b);
	kv(key, v);
}

static void print_config(const ms_config *c)
{
	char day[11], num[32];
	printf("# the effective configuration (from %s)\n\n[report]\n", c->file);
	if (c->title)      /* without one, the report's headline is its title */
		kv("title", c->title);
	kv("subtitle", c->subtitle);
	kv("author", c->author);
	ms_fmt_date(c->as_of, day);
	kv("as_of", day);
	ms_fmt_date(c->window_start, day);
	kv("window_start", day);
	range("period_high", c->period_from, c->period_to);
	kv("period_label", c->period_label);
	kv("primary", c->primary);
	range("regime", c->regime_from, c->regime_to);
	kv("regime_label", c->regime_label);
	char days[8 * 12 + 1] = "";
	for (size_t i = 0; i < c->ncrash; i++) {
		ms_fmt_date(c->crash_day[i], day);
		snprintf(days + strlen(days), sizeof days - strlen(days), "%s%s", i ? ", " : "", day);
	}
	kv("crash_days", days);
	snprintf(num, sizeof num, "%d", c->top_drawdowns);
	kv("top_drawdowns", num);
	kv("claims", c->claims ? c->claims : "");
	kv("period", c->weekly ? "week" : "all");
	const ms_publisher *pb = &c->publisher;
	printf("\n[publisher]\n");
	kv("name", pb->name);
	kv("url", pb->url);
	kv("contact", pb->contact);
	kv("disclaimer", pb->disclaimer);
	kv("colophon", pb->colophon);
	kv("from", pb->from);
	kv("reply_to", pb->reply_to);
	kv("unsubscribe", pb->unsubscribe);
	for (size_t i = 0; i < c->nsource; i++) {
		const ms_source_cfg *s = &c->source[i];
		printf("\n[source.%s]\n", s->name);
		kv("format", s->format);
		if (s->path)
			kv("path", s->path);
		if (s->url)
			kv("url", s->url_shown);     /* secrets in a URL are masked too */
		kv("asset", s->asset);
		kv("venue", s->venue);
		kv("metric", ms_metric_name(s->metric));
		if (s->value_column)
			kv("value_column", s->value_column);
		static const char *const ck[] = { "time_column", "open_column", "high_column", "low_column",
						  "close_column", "volume_column" };
		for (int k = 0; k < 6; k++)
			if (s->column[k])
				kv(ck[k], s->column[k]);
		if (s->api_key_env)
			kv("api_key_env", s->api_key_env);    /* the variable's name, never the key */
		kv("bad_rows", s->skip_bad_rows ? "skip" : "error");
		if (s->timezone)
			kv("timezone", s->timezone);
		if (s->dates_name_day)
			kv("dates", "day");
	}
}

int ms_cmd_config(int argc, char **argv, ms_diag *d)
{
	static const struct option opts[] = {
		{ "print", no_argument, NULL, 'P' }, { "config", required_argument, NULL, 'c' },
		{ "as-of", required_argument, NULL, 'a' }, { "period", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	const char *config = NULL;
	int print = 0, weekly = -1, c;
	int64_t as_of = -1;
	optind = 1;
	opterr = 0;     /* ms_cli_bad_option says it, through the diagnostics */
	while ((c = getopt_long(argc, argv, "c:a:p:h", opts, NULL)) != -1) {
		switch (c) {
		case 'P': print = 1; break;
		case 'c': config = optarg; break;
		case 'h': fputs(usage, stdout); return MS_EXIT_OK;
		case 'a':
			if (ms_cli_date(d, "config", optarg, &as_of))
				return MS_EXIT_USAGE;
			break;
		case 'p':
			if (strcmp(optarg, "week") && strcmp(optarg, "all")) {
				return ms_cli_usage(d, "config", NULL, "--period must be all or week");
			}
			weekly = !strcmp(optarg, "week");
			break;
		default: return ms_cli_bad_option(d, "config", usage, argv);
		}
	}
	if (!print || optind < argc)
		return ms_cli_usage(d, "config", usage, optind < argc ? "unexpected argument '%s'" : "give --print",
				    optind < argc ? argv[optind] : "");
	int64_t fallback_as_of = ms_cli_source_date_epoch(d, "config");
	if (fallback_as_of == -2)
		return MS_EXIT_USAGE;
	char home[4096];
	char *path = config ? strdup(config) : ms_default_config(home, sizeof home, d);
	ms_config cfg;
	int rc = !path ? -1 : ms_config_load(path, as_of, fallback_as_of, &cfg, d);
	if (!rc) {
		if (weekly >= 0)
			cfg.weekly = weekly;
		print_config(&cfg);
	}
	if (path)
		ms_config_release(&cfg);
	free(path);
	return ms_cli_status(d, rc);
}
