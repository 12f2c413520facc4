/* libFuzzer: a Mustache template (with itself as every partial) over a
 * fixed data tree, escaped for Markdown and for HTML. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "tmpl.h"

typedef struct self {
	const char *text;
	size_t len;
} self;

static int partial(void *ctx, const char *name, char **text, char **file)
{
	const self *s = ctx;
	(void)name;
	*text = strndup(s->text, s->len);
	*file = strdup("partial");
	return *text && *file ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t *model;
	if (!model)
		model = json_loads("{\"a\":{\"b\":[1,2,{\"c\":\"<x>&\"}]},\"t\":true,\"f\":false,\"s\":\"text\","
				   "\"n\":3.25,\"list\":[\"x\",\"y\"],\"empty\":[]}", 0, NULL);
	ms_diag d;
	ms_diag_init(&d, NULL);
	self s = { (const char *)data, size };
	for (int k = 0; k < 2; k++) {
		ms_tmpl_opts o = { k ? ms_escape_html : ms_escape_markdown, partial, &s, k };
		ms_buf out;
		ms_buf_init(&out, 1u << 20);
		ms_tmpl_render("fuzz.mustache", (const char *)data, size, model, &o, &out, &d);
		ms_buf_release(&out);
	}
	return 0;
}
