/* The official Mustache specification (tests/spec/mustache, copied unchanged
 * from the spec repository): every test of every module must pass, the
 * optional ~inheritance module's included. */
#include <stdlib.h>
#include <string.h>
#include "test.h"
#include "tmpl.h"

static int spec_partial(void *ctx, const char *name, char **text, char **file)
{
	json_t *partials = ctx;
	const char *s = json_string_value(json_object_get(partials, name));
	if (!s)
		return -1;
	*text = strdup(s);
	*file = strdup(name);
	return *text && *file ? 0 : -1;
}

static void run_module(const char *module)
{
	char path[256];
	snprintf(path, sizeof path, "tests/spec/mustache/%s.json", module);
	json_error_t err;
	json_t *spec = json_load_file(path, 0, &err);
	CHECK(spec != NULL);
	if (!spec) {
		fprintf(stderr, "  %s: %s\n", path, err.text);
		return;
	}
	json_t *tests = json_object_get(spec, "tests"), *t;
	size_t i, passed = 0;
	json_array_foreach(tests, i, t) {
		json_t *partials = json_object_get(t, "partials");
		ms_tmpl_opts o = { ms_escape_html, spec_partial, partials, 0 };
		const char *tmpl = json_string_value(json_object_get(t, "template"));
		const char *expected = json_string_value(json_object_get(t, "expected"));
		ms_buf out;
		ms_buf_init(&out, 0);
		ms_diag d;
		ms_diag_init(&d, NULL);
		int rc = ms_tmpl_render(module, tmpl, strlen(tmpl), json_object_get(t, "data"), &o, &out, &d);
		if (!rc && !strcmp(ms_buf_str(&out), expected)) {
			passed++;
		} else {
			ms_test_failures++;
			fprintf(stderr, "  spec %s / %s: got \"%s\", want \"%s\"\n", module,
				json_string_value(json_object_get(t, "name")), rc ? "<error>" : ms_buf_str(&out),
				expected);
		}
		ms_buf_release(&out);
	}
	printf("spec: %s %zu/%zu passed\n", module, passed, json_array_size(tests));
	json_decref(spec);
}

static void comments(void) { run_module("comments"); }
static void delimiters(void) { run_module("delimiters"); }
static void interpolation(void) { run_module("interpolation"); }
static void inverted(void) { run_module("inverted"); }
static void partials(void) { run_module("partials"); }
static void sections(void) { run_module("sections"); }
static void inheritance(void) { run_module("~inheritance"); }

const ms_test spec_tests[] = {
	{ "spec/comments", comments }, { "spec/delimiters", delimiters },
	{ "spec/interpolation", interpolation }, { "spec/inverted", inverted },
	{ "spec/partials", partials }, { "spec/sections", sections },
	{ "spec/inheritance", inheritance },
};
const size_t spec_ntests = sizeof spec_tests / sizeof spec_tests[0];
