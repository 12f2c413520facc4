/* `mstress build`: one report, or several configs at once (--jobs), and
 * the static site (--site). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cli.h"
#include "fsutil.h"
#include "report.h"
#include "site.h"
#include "utc.h"

enum { MAX_CONFIGS = 256 };

static const char usage[] =
	"usage: mstress build [--config FILE]... [--as-of YYYY-MM-DD] [--period all|week]\n"
	"                     [--out DIR | --site DIR [--site-url URL]] [--templates DIR]\n"
	"                     [--jobs N] [--dump-charts] [--dump-layout] [--offline] [--cache DIR]\n"
	"                     [--source NAME=URL]... [-q | -v]\n"
	"\n"
	"Builds the report into DIR (default out/): stats.json, report.md,\n"
	"report.html, report.pdf and charts/*.png|svg. With no --config it uses\n"
	"the embedded data (data/default.ini). Files are replaced only when the\n"
	"whole build succeeded.\n"
	"\n"
	"  -c, --config FILE     the report configuration (INI); several build\n"
	"                        several reports, each into DIR/NAME/ (NAME: the\n"
	"                        config's file name without .ini)\n"
	"  -a, --as-of DATE      the report's date (UTC, inclusive); default: the\n"
	"                        config's as_of, else SOURCE_DATE_EPOCH\n"
	"  -p, --period PERIOD   all (the report) or week (the weekly newsletter:\n"
	"                        templates/weekly.md, with the week's figures)\n"
	"  -o, --out DIR         output directory (default: out)\n"
	"  -s, --site DIR        publish into a static site: DIR/AS_OF/ gets the\n"
	"                        report; DIR/index.html (the latest), archive.html\n"
	"                        and feed.atom are rewritten, and the issues\n"
	"                        either side link to the new one\n"
	"  -u, --site-url URL    the site's address, for absolute links in the feed\n"
	"  -t, --templates DIR   use the templates in DIR (report.md, page.html, …)\n"
	"      --offline         no downloads: build from the cache and the snapshots\n"
	"      --cache DIR       the download cache (default ~/.cache/mstress)\n"
	"      --source N=URL    fetch source N from URL (see mstress fetch --help)\n"
	"      --timeout S, --stall S, --deadline S, --retries N, --max-bytes N\n"
	"                        as for fetch\n"
	"  -j, --jobs N          build up to N configs at once (default 1)\n"
	"      --dump-charts     also write charts/ID.txt, each chart's display list\n"
	"                        as text (what the golden tests compare)\n"
	"      --dump-layout     also write layout.txt, the PDF's pagination block by\n"
	"                        block (what the layout goldens compare)\n"
	"  -q, --quiet           errors only\n"
	"  -v, --verbose         notes too (what was written where)\n"
	"  -h, --help            this help\n";

/* "reports/btc.ini" -> "btc" */
static void stem(const char *path, char *out, size_t n)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t len = strcspn(base, ".");
	snprintf(out, n, "%.*s", (int)(len ? len : strlen(base)), base);
}

/* Each config in a child process, at most jobs at a time: builds are pure
 * functions of their inputs and share nothing. */
static int build_many(ms_build_opts *o, const char *const *configs, int n, int jobs, ms_diag *d)
{
	int running = 0, worst = 0;
	for (int i = 0; i < n || running; ) {
		if (i < n && running < jobs) {
			char name[256];
			stem(configs[i], name, sizeof name);
			char *dir = ms_path_join(o->out_dir, name);
			if (!dir)
				return MS_EXIT_DATA;
			fflush(NULL);
			pid_t pid = fork();
			if (pid == 0) {
				o->config = configs[i];
				o->out_dir = dir;
				int rc = ms_build(o, d);
				_exit(ms_cli_status(d, rc));
			}
			free(dir);
			if (pid < 0) {
				ms_error(d, configs[i], 0, 0, "cannot start a build process");
				worst = worst > MS_EXIT_DATA ? worst : MS_EXIT_DATA;
			} else {
				running++;
			}
			i++;
			continue;
		}
		int status;
		if (wait(&status) < 0)
			break;
		running--;
		int code = WIFEXITED(status) ? WEXITSTATUS(status) : MS_EXIT_DATA;
		worst = code > worst ? code : worst;
	}
	return worst;
}

int ms_cmd_build(int argc, char **argv, ms_diag *d)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' }, { "as-of", required_argument, NULL, 'a' },
		{ "out", required_argument, NULL, 'o' }, { "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' }, { "period", required_argument, NULL, 'p' },
		{ "site", required_argument, NULL, 's' }, { "site-url", required_argument, NULL, 'u' },
		{ "templates", required_argument, NULL, 't' }, { "jobs", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' }, { "dump-charts", no_argument, NULL, 'D' },
		{ "dump-layout", no_argument, NULL, 'Y' },
		{ "offline", no_argument, NULL, 'O' }, { "cache", required_argument, NULL, 'C' },
		{ "source", required_argument, NULL, 'S' }, { "timeout", required_argument, NULL, 'T' },
		{ "deadline", required_argument, NULL, 'L' }, { "retries", required_argument, NULL, 'R' },
		{ "max-bytes", required_argument, NULL, 'M' }, { "stall", required_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 }
	};
	const char *sources[64];
	char home[4096];
	const char *configs[MAX_CONFIGS];
	int nconfigs = 0, jobs = 1, c;
	const char *site_url = NULL;
	ms_build_opts o = { .out_dir = "out", .as_of = -1, .fallback_as_of = -1, .weekly = -1, .sources = sources };
	ms_fetch_defaults(&o.fetch);
	optind = 1;
	opterr = 0;     /* ms_cli_bad_option says it, through the diagnostics */
	while ((c = getopt_long(argc, argv, "c:a:o:p:s:u:t:j:qvh", opts, NULL)) != -1) {
		int fr = ms_fetch_options(c, optarg, &o.fetch);
		if (fr < 0) {
			return ms_cli_usage(d, "build", NULL, "bad value '%s'", optarg);
		}
		if (fr)
			continue;
		switch (c) {
		case 'O': o.offline = 1; break;
		case 'C': o.cache = optarg; break;
		case 'S':
			if (o.nsources == 64)
				return MS_EXIT_USAGE;
			sources[o.nsources++] = optarg;
			break;
		case 'c':
			if (nconfigs == MAX_CONFIGS) {
				return ms_cli_usage(d, "build", NULL, "at most %d configs", MAX_CONFIGS);
			}
			configs[nconfigs++] = optarg;
			break;
		case 'o': o.out_dir = optarg; break;
		case 's': o.site = optarg; break;
		case 'u': site_url = optarg; break;
		case 't': o.templates = optarg; break;
		case 'D': o.dump_charts = 1; break;
		case 'Y': o.dump_layout = 1; break;
		case 'q': d->quiet = 1; break;
		case 'v': d->verbose = 1; break;
		case 'h': fputs(usage, stdout); return MS_EXIT_OK;
		case 'a':
			if (ms_cli_date(d, "build", optarg, &o.as_of))
				return MS_EXIT_USAGE;
			break;
		case 'p':
			if (strcmp(optarg, "week") && strcmp(optarg, "all")) {
				return ms_cli_usage(d, "build", NULL, "--period must be all or week");
			}
			o.weekly = !strcmp(optarg, "week");
			break;
		case 'j': {
			char *end;
			long j = strtol(optarg, &end, 10);
			if (*end || j < 1 || j > 64) {
				return ms_cli_usage(d, "build", NULL, "--jobs takes a number from 1 to 64");
			}
			jobs = (int)j;
			break;
		}
		default: return ms_cli_bad_option(d, "build", usage, argv);
		}
	}
	if (optind < argc)
		return ms_cli_usage(d, "build", usage, "unexpected argument '%s'", argv[optind]);
	if (o.site && nconfigs > 1)
		return ms_cli_usage(d, "build", NULL, "--site takes one config at a time");
	if ((o.fallback_as_of = ms_cli_source_date_epoch(d, "build")) == -2)
		return MS_EXIT_USAGE;
	if (!(o.home = ms_cli_home(home, sizeof home, d)))
		return MS_EXIT_IO;
	ms_cli_terminal(d);
	/* each config's report goes to OUT/STEM: two with one stem would mix */
	for (int i = 0; i < nconfigs; i++)
		for (int k = 0; k < i; k++) {
			char a[256], b[256];
			stem(configs[i], a, sizeof a);
			stem(configs[k], b, sizeof b);
			if (!strcmp(a, b)) {
				return ms_cli_usage(d, "build", NULL, "%s and %s would both write to %s/%s: give one another "
					"name", configs[k], configs[i], o.out_dir, a);
			}
		}
	if (nconfigs > 1) {
		d->progress = 0;      /* several processes share the terminal */
		return build_many(&o, configs, nconfigs, jobs, d);
	}
	o.config = nconfigs ? configs[0] : NULL;
	int64_t as_of_used = -1;
	o.as_of_used = &as_of_used;
	int errors = d->count[MS_ERROR];
	int rc = ms_build(&o, d);
	/* every failure names its cause, but an allocation deep in a library
	 * may fail with no word: never exit silently */
	if (rc && d->count[MS_ERROR] == errors)
		ms_error(d, NULL, 0, 0, "out of memory");
	if (!rc && o.site) {
		char day[11];
		ms_fmt_date(as_of_used, day);
		rc = ms_site_publish(o.site, site_url, day, d);
	}
	return ms_cli_status(d, rc);
}
