/* `mstress check`: an article's claims against the data. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "claims.h"
#include "cli.h"
#include "fsutil.h"
#include "sources.h"

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
	"  -v, --verbose         notes too\n"
	"  -h, --help            this help\n";

int ms_cmd_check(int argc, char **argv, ms_diag *d)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' }, { "claims", required_argument, NULL, 'C' },
		{ "as-of", required_argument, NULL, 'a' }, { "format", required_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' }, { "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	const char *config = NULL, *claims = NULL;
	int64_t as_of = -1;
	int json = 0, c;
	char home[4096];
	optind = 1;
	opterr = 0;     /* ms_cli_bad_option says it, through the diagnostics */
	while ((c = getopt_long(argc, argv, "c:C:a:f:qvh", opts, NULL)) != -1) {
		switch (c) {
		case 'c': config = optarg; break;
		case 'C': claims = optarg; break;
		case 'q': d->quiet = 1; break;
		case 'v': d->verbose = 1; break;
		case 'h': fputs(usage_check, stdout); return 0;
		case 'a':
			if (ms_cli_date(d, "check", optarg, &as_of))
				return MS_EXIT_USAGE;
			break;
		case 'f':
			if (strcmp(optarg, "text") && strcmp(optarg, "json")) {
				return ms_cli_usage(d, "check", NULL, "--format must be text or json");
			}
			json = !strcmp(optarg, "json");
			break;
		default: return ms_cli_bad_option(d, "check", usage_check, argv);
		}
	}
	if (optind < argc) {
		return ms_cli_usage(d, "check", usage_check, "unexpected argument '%s'", argv[optind]);
	}
	char *default_config = config ? NULL : ms_default_config(home, sizeof home, d);
	ms_config cfg;
	ms_dataset *ds = NULL;
	size_t nds = 0;
	ms_notes left_out = { 0 };
	ms_claims *cl = NULL;
	json_t *result = NULL;
	int failed = 1;
	memset(&cfg, 0, sizeof cfg);
	if ((config || default_config) && ms_config_load(config ? config : default_config, as_of, -1, &cfg, d) == 0 &&
	    ms_sources_load(&cfg, &ds, &nds, &left_out, d) == 0) {
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
			failed = 0;
		}
		free(s);
		ms_buf_release(&table);
	}
	json_decref(result);
	ms_claims_free(cl);
	ms_sources_free(ds, nds);
	ms_notes_release(&left_out);
	ms_config_release(&cfg);
	free(default_config);
	return ms_cli_status(d, failed);
}
