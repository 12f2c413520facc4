/* mstress: command line. Exit status: 0 success, 1 the run failed (bad
 * data, template, config), 2 the command line itself is wrong. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "buf.h"
#include "claims.h"
#include "diag.h"
#include "fsutil.h"
#include "report.h"
#include "sources.h"
#include "tmpl.h"
#include "utc.h"

enum { EXIT_RUN = 1, EXIT_USAGE = 2 };

static const char usage_main[] =
	"usage: mstress [--version] [--help] COMMAND [ARGS]\n"
	"\n"
	"Commands:\n"
	"  build    build the report (stats.json, charts, report.html, report.pdf)\n"
	"  check    recompute an article's claims from the data and give verdicts\n"
	"  render   render a Mustache template with JSON data to standard output\n"
	"\n"
	"Run 'mstress COMMAND --help' for a command's options.\n";

static const char usage_build[] =
	"usage: mstress build [--config FILE] [--as-of YYYY-MM-DD] [--period all|week] [--out DIR]\n"
	"                     [--dump-charts] [-q]\n"
	"\n"
	"Builds the report into DIR (default out/): stats.json, report.md,\n"
	"report.html, report.pdf and charts/*.png|svg. With no --config it uses\n"
	"the embedded data (data/default.ini). Files are replaced only when the\n"
	"whole build succeeded.\n"
	"\n"
	"  -c, --config FILE     the report configuration (INI)\n"
	"  -a, --as-of DATE      the report's date (UTC, inclusive); default: the\n"
	"                        config's as_of, else SOURCE_DATE_EPOCH\n"
	"  -p, --period PERIOD   all (the report) or week (the weekly newsletter:\n"
	"                        templates/weekly.md, with the week's figures)\n"
	"  -o, --out DIR         output directory (default: out)\n"
	"      --dump-charts     also write charts/ID.txt, each chart's display list\n"
	"                        as text (what the golden tests compare)\n"
	"  -q, --quiet           errors only\n"
	"  -h, --help            this help\n";

static const char usage_check[] =
	"usage: mstress check [--config FILE] [--claims FILE] [--as-of YYYY-MM-DD] [--format text|json]\n"
	"\n"
	"Recomputes every claim of an article's claims file from the report's data\n"
	"and prints each with a verdict: confirmed, differs, inconsistent (the\n"
	"article's own figures disagree) or unverifiable (the data is not loaded).\n"
	"Exits 0 when the check ran, whatever the verdicts.\n"
	"\n"
	"  -c, --config FILE     the report configuration (default: the embedded data)\n"
	"  -C, --claims FILE     the claims file (default: the config's claims)\n"
	"  -a, --as-of DATE      the report's date (UTC, inclusive)\n"
	"  -f, --format FORMAT   text (default) or json\n"
	"  -q, --quiet           errors only\n"
	"  -h, --help            this help\n";

static const char usage_render[] =
	"usage: mstress render TEMPLATE --data FILE.json [--partials DIR] [--escape html|markdown|none]\n"
	"\n"
	"Renders a Mustache template with the JSON data to standard output, the way\n"
	"the report's templates are rendered. Partials {{>name}} are read from\n"
	"DIR/name, else DIR/name.mustache. Values are HTML-escaped by default.\n"
	"\n"
	"  -d, --data FILE       the JSON data (required)\n"
	"  -p, --partials DIR    where partials live\n"
	"  -e, --escape MODE     html (default), markdown or none\n"
	"  -s, --strict          a missing name or partial is an error\n"
	"  -h, --help            this help\n";

static const char *home_dir(void)
{
	const char *h = getenv("MSTRESS_HOME");
	return h && *h ? h : MS_HOME;
}

static int cmd_build(int argc, char **argv, ms_diag *d)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' }, { "as-of", required_argument, NULL, 'a' },
		{ "out", required_argument, NULL, 'o' }, { "quiet", no_argument, NULL, 'q' },
		{ "period", required_argument, NULL, 'p' }, { "help", no_argument, NULL, 'h' },
		{ "dump-charts", no_argument, NULL, 'D' }, { NULL, 0, NULL, 0 }
	};
	ms_build_opts o = { NULL, "out", home_dir(), -1, -1, 0 };
	int c;
	while ((c = getopt_long(argc, argv, "c:a:o:p:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'c': o.config = optarg; break;
		case 'D': o.dump_charts = 1; break;
		case 'p':
			if (strcmp(optarg, "week") && strcmp(optarg, "all")) {
				fprintf(stderr, "mstress build: --period must be all or week\n");
				return EXIT_USAGE;
			}
			o.weekly = !strcmp(optarg, "week");
			break;
		case 'o': o.out_dir = optarg; break;
		case 'q': d->quiet = 1; break;
		case 'h': fputs(usage_build, stdout); return 0;
		case 'a':
			if (ms_parse_date(optarg, &o.as_of)) {
				fprintf(stderr, "mstress build: --as-of '%s' is not a date (YYYY-MM-DD)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		default: fputs(usage_build, stderr); return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "mstress build: unexpected argument '%s'\n%s", argv[optind], usage_build);
		return EXIT_USAGE;
	}
	if (o.as_of < 0 && getenv("SOURCE_DATE_EPOCH")) {
		char *end;
		long long sde = strtoll(getenv("SOURCE_DATE_EPOCH"), &end, 10);
		if (*end || sde < 0) {
			fprintf(stderr, "mstress build: SOURCE_DATE_EPOCH is not a number of seconds\n");
			return EXIT_USAGE;
		}
		o.as_of = ms_day_floor(sde);
	}
	return ms_build(&o, d) ? EXIT_RUN : 0;
}

static int cmd_check(int argc, char **argv, ms_diag *d)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' }, { "claims", required_argument, NULL, 'C' },
		{ "as-of", required_argument, NULL, 'a' }, { "format", required_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	const char *config = NULL, *claims = NULL;
	int64_t as_of = -1;
	int json = 0, c;
	while ((c = getopt_long(argc, argv, "c:C:a:f:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'c': config = optarg; break;
		case 'C': claims = optarg; break;
		case 'q': d->quiet = 1; break;
		case 'h': fputs(usage_check, stdout); return 0;
		case 'a':
			if (ms_parse_date(optarg, &as_of)) {
				fprintf(stderr, "mstress check: --as-of '%s' is not a date (YYYY-MM-DD)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'f':
			if (strcmp(optarg, "text") && strcmp(optarg, "json")) {
				fprintf(stderr, "mstress check: --format must be text or json\n");
				return EXIT_USAGE;
			}
			json = !strcmp(optarg, "json");
			break;
		default: fputs(usage_check, stderr); return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "mstress check: unexpected argument '%s'\n%s", argv[optind], usage_check);
		return EXIT_USAGE;
	}
	char *default_config = config ? NULL : ms_path_join(home_dir(), "data/default.ini");
	ms_config cfg;
	ms_dataset *ds = NULL;
	size_t nds = 0;
	ms_claims *cl = NULL;
	json_t *result = NULL;
	int rc = EXIT_RUN;
	if (ms_config_load(config ? config : default_config, as_of, &cfg, d) == 0 &&
	    ms_sources_load(&cfg, &ds, &nds, d) == 0) {
		const char *path = claims ? claims : cfg.claims;
		if (!path)
			ms_error(d, cfg.file, 0, 0, "no claims file: pass --claims or set claims in [report]");
		else if ((cl = ms_claims_load(path, d)) && !(result = ms_claims_check(cl, &cfg, ds, nds)))
			ms_error(d, path, 0, 0, "out of memory");
	}
	if (result) {
		char *s = json ? json_dumps(json_object_get(result, "items"), JSON_INDENT(2) | JSON_REAL_PRECISION(15)) : NULL;
		ms_buf table;
		ms_buf_init(&table, 0);
		if (!json)
			ms_claims_table(result, &table);
		if ((json && s) || (!json && !ms_buf_failed(&table))) {
			fputs(json ? s : ms_buf_str(&table), stdout);
			if (json)
				fputc('\n', stdout);
			rc = 0;
		}
		free(s);
		ms_buf_release(&table);
	}
	json_decref(result);
	ms_claims_free(cl);
	ms_sources_free(ds, nds);
	ms_config_release(&cfg);
	free(default_config);
	return rc;
}

typedef struct partial_dir {
	const char *dir;
} partial_dir;

static int read_partial(void *ctx, const char *name, char **text, char **file)
{
	const partial_dir *pd = ctx;
	static const char *const suffixes[] = { "", ".mustache" };
	if (!pd->dir || strchr(name, '/') || !strcmp(name, "..") || !*name)
		return -1;
	for (int i = 0; i < 2; i++) {
		size_t n = strlen(pd->dir) + strlen(name) + strlen(suffixes[i]) + 2;
		char *path = malloc(n);
		if (!path)
			return -1;
		snprintf(path, n, "%s/%s%s", pd->dir, name, suffixes[i]);
		ms_buf b;
		ms_buf_init(&b, 0);
		ms_diag quiet;
		ms_diag_init(&quiet, NULL);
		if (ms_read_file(path, &b, 4u << 20, &quiet) == 0) {
			*text = ms_buf_detach(&b, NULL);
			*file = path;
			return *text ? 0 : -1;
		}
		ms_buf_release(&b);
		free(path);
	}
	return -1;
}

static int cmd_render(int argc, char **argv, ms_diag *d)
{
	static const struct option opts[] = {
		{ "data", required_argument, NULL, 'd' }, { "partials", required_argument, NULL, 'p' },
		{ "escape", required_argument, NULL, 'e' }, { "strict", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	const char *data_path = NULL;
	partial_dir pd = { NULL };
	ms_tmpl_opts to = { ms_escape_html, read_partial, &pd, 0 };
	int c;
	while ((c = getopt_long(argc, argv, "d:p:e:sh", opts, NULL)) != -1) {
		switch (c) {
		case 'd': data_path = optarg; break;
		case 'p': pd.dir = optarg; break;
		case 's': to.strict = 1; break;
		case 'h': fputs(usage_render, stdout); return 0;
		case 'e':
			if (!strcmp(optarg, "html"))
				to.escape = ms_escape_html;
			else if (!strcmp(optarg, "markdown"))
				to.escape = ms_escape_markdown;
			else if (!strcmp(optarg, "none"))
				to.escape = ms_escape_none;
			else {
				fprintf(stderr, "mstress render: --escape must be html, markdown or none\n");
				return EXIT_USAGE;
			}
			break;
		default: fputs(usage_render, stderr); return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc || !data_path) {
		fputs(usage_render, stderr);
		return EXIT_USAGE;
	}
	const char *tmpl_path = argv[optind];
	json_error_t jerr;
	json_t *data = json_load_file(data_path, JSON_DECODE_ANY, &jerr);
	if (!data) {
		ms_error(d, data_path, jerr.line, jerr.column, "%s", jerr.text);
		return EXIT_RUN;
	}
	ms_buf text, out;
	ms_buf_init(&text, 0);
	ms_buf_init(&out, 0);
	int rc = ms_read_file(tmpl_path, &text, 16u << 20, d) ||
		 ms_tmpl_render(tmpl_path, text.data, text.len, data, &to, &out, d);
	if (!rc)
		fwrite(out.data ? out.data : "", 1, out.len, stdout);
	ms_buf_release(&text);
	ms_buf_release(&out);
	json_decref(data);
	return rc ? EXIT_RUN : 0;
}

int main(int argc, char **argv)
{
	ms_diag d;
	ms_diag_init(&d, stderr);
	if (argc < 2) {
		fputs(usage_main, stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(usage_main, stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("mstress %s\n", MS_VERSION);
		return 0;
	}
	int rc;
	if (!strcmp(cmd, "build"))
		rc = cmd_build(argc - 1, argv + 1, &d);
	else if (!strcmp(cmd, "check"))
		rc = cmd_check(argc - 1, argv + 1, &d);
	else if (!strcmp(cmd, "render"))
		rc = cmd_render(argc - 1, argv + 1, &d);
	else {
		fprintf(stderr, "mstress: unknown command '%s'\n%s", cmd, usage_main);
		return EXIT_USAGE;
	}
	if (fflush(stdout) != 0 && !rc) {
		fprintf(stderr, "mstress: cannot write to standard output\n");
		rc = EXIT_RUN;
	}
	return rc;
}
