#include <string.h>
#include "test.h"
#include "theme.h"

static void letter_and_millimetres(void)
{
	capture cap;
	capture_start(&cap);
	ms_theme t;
	ms_theme_defaults(&t);
	const char *ini = "[page]\nsize = Letter\nmargin_left = 25.4mm\nmargin_top = 1in\n[text]\nsize = 11\n"
			  "[color]\naccent = #ff8000\n";
	CHECK(ms_theme_parse(&t, "theme.ini", ini, strlen(ini), &cap.d) == 0);
	CHECK(t.page_w == 612 && t.page_h == 792);
	CHECK_NEAR(t.margin_left, 72, 1e-12);
	CHECK(t.margin_top == 72 && t.body_size == 11);
	CHECK_NEAR(t.accent.r, 1, 1e-12);
	CHECK_NEAR(t.accent.g, 128 / 255.0, 1e-12);
	capture_end(&cap);
}

static void theme_errors(void)
{
	static const struct { const char *ini, *msg; } cases[] = {
		{ "[page]\nsize = A5\n", "theme.ini:2:1: error: size: 'A5' is neither A4 nor Letter" },
		{ "[page]\nmargin_lft = 10\n", "theme.ini:2:1: error: unknown key 'margin_lft' (did you mean 'margin_left'?)" },
		{ "[color]\ntext = red\n", "theme.ini:2:1: error: text: 'red' is not a colour" },
		{ "[page]\nmargin_left = -5\n", "theme.ini:2:1: error: margin_left: '-5' is not a length" },
		{ "[page]\nmargin_left = 280\nmargin_right = 280\n", "theme.ini: error: the margins leave less than 2 inches" },
		{ "[paper]\n", "theme.ini:1:1: error: unknown section [paper]" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		capture cap;
		capture_start(&cap);
		ms_theme t;
		ms_theme_defaults(&t);
		CHECK(ms_theme_parse(&t, "theme.ini", cases[i].ini, strlen(cases[i].ini), &cap.d) == -1);
		check_message(&cap, cases[i].msg);
		capture_end(&cap);
	}
}

const ms_test theme_tests[] = {
	{ "theme/letter_and_millimetres", letter_and_millimetres },
	{ "theme/theme_errors", theme_errors },
};
const size_t theme_ntests = sizeof theme_tests / sizeof theme_tests[0];
