/* `mstress render`: a Mustache template with JSON data, to standard output. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "buf.h"
#include "cli.h"
#include "fsutil.h"
#include "tmpl.h"

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

int ms_cmd_render(int argc, char **argv, ms_diag *d)
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
	optind = 1;
	opterr = 0;     /* ms_cli_bad_option says it, through the diagnostics */
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
				return ms_cli_usage(d, "render", NULL, "--escape must be html, markdown or none");
			}
			break;
		default: return ms_cli_bad_option(d, "render", usage_render, argv);
		}
	}
	if (optind + 1 != argc || !data_path)
		return ms_cli_usage(d, "render", usage_render, "give one TEMPLATE and --data FILE");
	const char *tmpl_path = argv[optind];
	json_error_t jerr;
	json_t *data = json_load_file(data_path, JSON_DECODE_ANY, &jerr);
	if (!data) {
		ms_error(d, data_path, jerr.line, jerr.column, "%s", jerr.text);
		return MS_EXIT_DATA;
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
	return ms_cli_status(d, rc);
}
