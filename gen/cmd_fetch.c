/* `mstress fetch`: brings the cache of every source with a URL up to date. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cache.h"
#include "cli.h"
#include "fsutil.h"
#include "sources.h"
#include "update.h"
#include "utc.h"

static const char usage[] =
	"usage: mstress fetch [--config FILE] [--cache DIR] [--source NAME=URL]... [--as-of DATE]\n"
	"                     [--timeout S] [--retries N] [--max-bytes N] [--force] [-q | -v]\n"
	"\n"
	"Downloads every source of the configuration that has a url (in parallel,\n"
	"politely, with retries), checks each response by parsing it, and only then\n"
	"keeps it in the cache. A failed or invalid download never replaces the last\n"
	"good copy, nor does one that is worse than it (no rows in the report's\n"
	"window, ending earlier, or fewer rows in it); builds use the copy and say\n"
	"the source is stale.\n"
	"\n"
	"  -c, --config FILE     the report configuration (default: the embedded data's)\n"
	"  -C, --cache DIR       the cache (default $XDG_CACHE_HOME/mstress, else ~/.cache/mstress)\n"
	"  -s, --source N=URL    fetch source N from URL (http, https or file)\n"
	"  -a, --as-of DATE      paged sources are asked for data up to this day\n"
	"                        (default: today, UTC; the config's as_of is for builds)\n"
	"      --timeout S       a transfer's time limit (default 120)\n"
	"      --stall S         a transfer that receives under a byte a second for S\n"
	"                        seconds ends (default 30)\n"
	"      --deadline S      the whole fetch's limit, retries included (default 300)\n"
	"      --retries N       retries on timeouts, 429 and 5xx (default 3)\n"
	"      --max-bytes N     the largest response kept, bytes or with K, M, G (default 256M)\n"
	"      --force           keep a valid answer even when it is worse than the cached copy\n"
	"  -q, --quiet           errors only\n"
	"  -v, --verbose         notes too\n"
	"  -h, --help            this help\n";

int ms_fetch_options(int c, const char *arg, ms_fetch_opts *o)
{
	long long v;
	switch (c) {
	case 'T':
		if (ms_cli_integer(arg, 1, 3600, &v))
			return -1;
		o->timeout = (long)v;
		o->connect_timeout = o->connect_timeout < o->timeout ? o->connect_timeout : o->timeout;
		return 1;
	case 'W':
		if (ms_cli_integer(arg, 1, 3600, &v))
			return -1;
		o->stall = (long)v;
		return 1;
	case 'L':
		if (ms_cli_integer(arg, 1, 86400, &v))
			return -1;
		o->deadline = (long)v;
		return 1;
	case 'R':
		if (ms_cli_integer(arg, 0, 10, &v))
			return -1;
		o->retries = (int)v;
		return 1;
	case 'M': {
		/* bytes, or with a binary suffix: 64K, 256M, 1G (at most 16G) */
		char num[32];
		size_t n = strlen(arg);
		long long scale = 1;
		if (n && strchr("KMG", arg[n - 1])) {
			scale = arg[n - 1] == 'K' ? 1LL << 10 : arg[n - 1] == 'M' ? 1LL << 20 : 1LL << 30;
			n--;
		}
		if (n >= sizeof num)
			return -1;
		memcpy(num, arg, n);
		num[n] = 0;
		if (ms_cli_integer(num, 1, (16LL << 30) / scale, &v))
			return -1;
		o->max_bytes = (size_t)(v * scale);
		return 1;
	}
	}
	return 0;
}

int ms_cmd_fetch(int argc, char **argv, ms_diag *d)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' }, { "cache", required_argument, NULL, 'C' },
		{ "source", required_argument, NULL, 's' }, { "as-of", required_argument, NULL, 'a' },
		{ "timeout", required_argument, NULL, 'T' }, { "deadline", required_argument, NULL, 'L' },
		{ "stall", required_argument, NULL, 'W' },
		{ "retries", required_argument, NULL, 'R' }, { "max-bytes", required_argument, NULL, 'M' },
		{ "force", no_argument, NULL, 'F' },
		{ "quiet", no_argument, NULL, 'q' }, { "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	const char *config = NULL, *cache = NULL, *sources[64];
	int nsrc = 0, c, force = 0;
	int64_t as_of = (int64_t)time(NULL) / MS_DAY * MS_DAY;
	ms_fetch_opts fo;
	ms_fetch_defaults(&fo);
	optind = 1;
	opterr = 0;     /* ms_cli_bad_option says it, through the diagnostics */
	while ((c = getopt_long(argc, argv, "c:C:s:a:qvh", opts, NULL)) != -1) {
		int r = ms_fetch_options(c, optarg, &fo);
		if (r < 0) {
			return ms_cli_usage(d, "fetch", NULL, "bad value '%s'", optarg);
		}
		if (r)
			continue;
		switch (c) {
		case 'c': config = optarg; break;
		case 'C': cache = optarg; break;
		case 'F': force = 1; break;
		case 'a':
			if (ms_cli_date(d, "fetch", optarg, &as_of))
				return MS_EXIT_USAGE;
			break;
		case 's':
			if (nsrc == 64) {
				return ms_cli_usage(d, "fetch", NULL, "at most 64 --source options");
			}
			sources[nsrc++] = optarg;
			break;
		case 'q': d->quiet = 1; break;
		case 'v': d->verbose = 1; break;
		case 'h': fputs(usage, stdout); return MS_EXIT_OK;
		default: return ms_cli_bad_option(d, "fetch", usage, argv);
		}
	}
	if (optind < argc)
		return ms_cli_usage(d, "fetch", usage, "unexpected argument '%s'", argv[optind]);
	ms_cli_terminal(d);
	char home[4096];
	char *path = config ? strdup(config) : ms_default_config(home, sizeof home, d);
	char *dir = ms_cache_dir(cache);
	ms_config cfg;
	ms_update_result r = { 0, 0, 0, 0, 0 };
	int rc = !path || !dir ? -1 : ms_config_load(path, as_of, -1, &cfg, d);
	for (int i = 0; !rc && i < nsrc; i++)
		rc = ms_config_set_url(&cfg, sources[i], d);
	if (!rc) {
		ms_update_sources(&cfg, dir, &fo, force ? MS_UPDATE_FORCE : 0, d->quiet ? NULL : stdout, &r, d);
		printf("%d fetched, %d unchanged, %d failed to download, %d not valid", r.fetched, r.unchanged,
		       r.failed_network, r.failed_data);
		if (r.failed_store)
			printf(", %d not stored (the cache could not be written)", r.failed_store);
		putchar('\n');
	}
	if (path)
		ms_config_release(&cfg);
	free(path);
	free(dir);
	if (!rc && r.failed_store)
		return MS_EXIT_IO;
	if (!rc && r.failed_data)
		return MS_EXIT_DATA;
	if (!rc && r.failed_network)
		return MS_EXIT_NETWORK;
	return ms_cli_status(d, rc);
}
