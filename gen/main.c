/* mstress: the command line. Exit statuses are in cli.h and mstress(1). */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "diag.h"
#include "fsutil.h"
#include "memwatch.h"

static const char usage[] =
	"usage: mstress [--version] [--help] COMMAND [ARGS]\n"
	"\n"
	"Commands:\n"
	"  build    build the report (stats.json, charts, report.html, report.pdf)\n"
	"  fetch    download the sources that have a URL into the cache\n"
	"  check    recompute an article's claims from the data and give verdicts\n"
	"  render   render a Mustache template with JSON data to standard output\n"
	"  config   print the effective configuration\n"
	"  mail     email the report to investors (or write the messages)\n"
	"\n"
	"Run 'mstress COMMAND --help' for a command's options, 'man mstress' for all.\n";

int main(int argc, char **argv)
{
	static const struct { const char *name; int (*fn)(int, char **, ms_diag *); } cmds[] = {
		{ "build", ms_cmd_build }, { "check", ms_cmd_check }, { "render", ms_cmd_render },
		{ "config", ms_cmd_config }, { "mail", ms_cmd_mail }, { "fetch", ms_cmd_fetch },
	};
	ms_diag d;
	ms_diag_init(&d, stderr);
	ms_fs_guard_signals();
	ms_memwatch_init();
	if (argc < 2)
		return ms_cli_usage(&d, NULL, usage, NULL);
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(usage, stdout);
		return MS_EXIT_OK;
	}
	if (!strcmp(cmd, "--version")) {
		printf("mstress %s\n", MS_VERSION);
		return MS_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		if (strcmp(cmd, cmds[i].name))
			continue;
		/* getopt names the program from argv[0]: "mstress build: …" */
		char name[32];
		snprintf(name, sizeof name, "mstress %s", cmds[i].name);
		argv[1] = name;
		int rc = cmds[i].fn(argc - 1, argv + 1, &d);
		/* the last net: a command that went on without some memory has not succeeded */
		if (ms_nomem_collect(&d) && rc == MS_EXIT_OK) {
			ms_error(&d, NULL, 0, 0, "out of memory: a result would be incomplete");
			rc = MS_EXIT_DATA;
		}
		if (fflush(stdout) != 0 && rc == MS_EXIT_OK) {
			ms_io_error(&d, NULL, "cannot write to standard output");
			rc = MS_EXIT_IO;
		}
		return rc;
	}
	return ms_cli_usage(&d, NULL, usage, "unknown command '%s'", cmd);
}
