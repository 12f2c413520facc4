#include <stdlib.h>
#include <string.h>
#include "test.h"
#include "tmpl.h"

/* Renders t with the JSON data; returns the output (static) or "<error>". */
static const char *render(const char *t, const char *json, const ms_tmpl_opts *o, capture *cap)
{
	static char out[4096];
	json_error_t err;
	json_t *data = json_loads(json, JSON_DECODE_ANY, &err);
	ms_buf b;
	ms_buf_init(&b, 0);
	int rc = ms_tmpl_render("t.md", t, strlen(t), data, o, &b, &cap->d);
	snprintf(out, sizeof out, "%s", rc ? "<error>" : ms_buf_str(&b));
	ms_buf_release(&b);
	json_decref(data);
	return out;
}

static void variables_and_sections(void)
{
	capture cap;
	capture_start(&cap);
	CHECK_STR(render("{{a}} {{{a}}} {{&a}}", "{\"a\":\"<b>&\"}", NULL, &cap),
		  "&lt;b&gt;&amp; <b>& <b>&");
	CHECK_STR(render("{{#xs}}[{{.}}]{{/xs}}", "{\"xs\":[1,2.5,\"c\"]}", NULL, &cap), "[1][2.5][c]");
	CHECK_STR(render("{{#o}}{{k}}{{/o}}{{^o}}none{{/o}}", "{\"o\":{\"k\":\"v\"}}", NULL, &cap), "v");
	CHECK_STR(render("{{#o}}x{{/o}}{{^o}}none{{/o}}", "{\"o\":[]}", NULL, &cap), "none");
	CHECK_STR(render("{{a.b.c}}|{{#a}}{{b.c}}{{/a}}", "{\"a\":{\"b\":{\"c\":3}}}", NULL, &cap), "3|3");
	CHECK_STR(render("{{! note }}x{{=<% %>=}}<%a%>", "{\"a\":1}", NULL, &cap), "x1");
	/* standalone section lines vanish with their newline */
	CHECK_STR(render("a\n{{#t}}\nb\n{{/t}}\nc\n", "{\"t\":true}", NULL, &cap), "a\nb\nc\n");
	CHECK(cap.d.count[MS_ERROR] == 0);
	capture_end(&cap);
}

static void markdown_escaping(void)
{
	capture cap;
	capture_start(&cap);
	ms_tmpl_opts md = { ms_escape_markdown, NULL, NULL, 0 };
	CHECK_STR(render("{{v}}", "{\"v\":\"*x* | <script> [a](b)\\nnext\"}", &md, &cap),
		  "\\*x\\* \\| \\<script\\> \\[a\\]\\(b\\) next");
	capture_end(&cap);
}

static void errors_locate(void)
{
	capture cap;
	capture_start(&cap);
	CHECK_STR(render("ok\n  {{#open}}\nno end", "{}", NULL, &cap), "<error>");
	CHECK(strstr(capture_text(&cap), "t.md:2:3: error: section 'open' is never closed"));
	capture_end(&cap);
	capture_start(&cap);
	CHECK_STR(render("{{#a}}\n{{/b}}", "{}", NULL, &cap), "<error>");
	CHECK(strstr(capture_text(&cap), "t.md:2:1: error: closing tag 'b' does not match the open section 'a'"));
	capture_end(&cap);
	capture_start(&cap);
	CHECK_STR(render("x {{oops", "{}", NULL, &cap), "<error>");
	CHECK(strstr(capture_text(&cap), "t.md:1:3: error: tag is never closed"));
	capture_end(&cap);
	capture_start(&cap);
	ms_tmpl_opts strict = { NULL, NULL, NULL, 1 };
	CHECK_STR(render("a\n{{missing.value}}", "{}", &strict, &cap), "<error>");
	CHECK(strstr(capture_text(&cap), "t.md:2:1: error: no value for 'missing.value'"));
	CHECK_STR(render("{{>nope}}", "{}", &strict, &cap), "<error>");
	CHECK(strstr(capture_text(&cap), "error: no such partial 'nope'"));
	capture_end(&cap);
}

/* Partial pN is "{{>pN+1}}{{>pN+1}}" down to p40, "x": 2^40 bytes of
 * output within the depth limit. A capped buffer ends it, with a message. */
static int doubling(void *ctx, const char *name, char **text, char **file)
{
	(void)ctx;
	int level = atoi(name + 1);
	char t[64];
	if (level < 40)
		snprintf(t, sizeof t, "{{>p%d}}{{>p%d}}", level + 1, level + 1);
	else
		snprintf(t, sizeof t, "x");
	*text = strdup(t);
	*file = strdup("p.md");
	return *text && *file ? 0 : -1;
}

static void runaway_partials_stop_at_the_cap(void)
{
	capture cap;
	capture_start(&cap);
	ms_tmpl_opts o = { NULL, doubling, NULL, 1 };
	ms_buf b;
	ms_buf_init(&b, (size_t)1 << 20);
	json_t *data = json_object();
	CHECK(ms_tmpl_render("t.md", "{{>p0}}", 7, data, &o, &b, &cap.d) == -1);
	check_message(&cap, "t.md: error: the rendered template outgrew 1 MB");
	CHECK(b.len <= (size_t)1 << 20);
	json_decref(data);
	ms_buf_release(&b);
	/* the same through a block, whose text is rendered aside first */
	ms_buf_init(&b, (size_t)1 << 20);
	data = json_object();
	CHECK(ms_tmpl_render("t.md", "{{$b}}{{>p0}}{{/b}}", 19, data, &o, &b, &cap.d) == -1);
	CHECK(b.len <= (size_t)1 << 20);
	json_decref(data);
	ms_buf_release(&b);
	capture_end(&cap);
}

const ms_test tmpl_tests[] = {
	{ "tmpl/runaway_partials_stop_at_the_cap", runaway_partials_stop_at_the_cap },
	{ "tmpl/variables_and_sections", variables_and_sections },
	{ "tmpl/markdown_escaping", markdown_escaping },
	{ "tmpl/errors_locate", errors_locate },
};
const size_t tmpl_ntests = sizeof tmpl_tests / sizeof tmpl_tests[0];
