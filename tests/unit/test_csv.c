#include <string.h>
#include "csv.h"
#include "test.h"

static int field_is(const ms_csv *c, size_t i, const char *s)
{
	return ms_csv_field_is(c, i, s);
}

static void quoted_fields(void)
{
	capture cap;
	capture_start(&cap);
	const char *text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\n1,,3";
	ms_csv c;
	CHECK(ms_csv_open(&c, "t.csv", text, strlen(text), 0, &cap.d) == 0);
	CHECK(c.delim == ',');
	CHECK(ms_csv_next(&c, &cap.d) == 1);
	CHECK(c.nfield == 3 && field_is(&c, 0, "a") && field_is(&c, 2, "c"));
	CHECK(ms_csv_next(&c, &cap.d) == 1);
	CHECK(c.rec_line == 2);
	CHECK(field_is(&c, 0, "x, y"));
	CHECK(field_is(&c, 1, "say \"hi\""));
	CHECK(field_is(&c, 2, "two\nlines"));
	CHECK(ms_csv_next(&c, &cap.d) == 1);
	CHECK(c.rec_line == 5);            /* the blank line is skipped, lines still counted */
	CHECK(c.nfield == 3 && c.field[1].len == 0 && field_is(&c, 2, "3"));
	CHECK(c.field[2].col == 4);
	CHECK(ms_csv_next(&c, &cap.d) == 0);
	ms_csv_release(&c);
	CHECK(cap.d.count[MS_ERROR] == 0);
	capture_end(&cap);
}

static void bom_and_semicolon(void)
{
	capture cap;
	capture_start(&cap);
	const char *text = "\xEF\xBB\xBFtimeOpen;open\n\"2026-01-01\";1.5\n";
	ms_csv c;
	CHECK(ms_csv_open(&c, "t.csv", text, strlen(text), 0, &cap.d) == 0);
	CHECK(c.delim == ';');
	CHECK(ms_csv_next(&c, &cap.d) == 1);
	CHECK(field_is(&c, 0, "timeOpen"));   /* the BOM is not part of the first name */
	CHECK(ms_csv_next(&c, &cap.d) == 1);
	CHECK(field_is(&c, 0, "2026-01-01") && field_is(&c, 1, "1.5"));
	ms_csv_release(&c);
	capture_end(&cap);
}

static void errors_name_line(void)
{
	capture cap;
	ms_csv c;
	capture_start(&cap);
	const char *open_quote = "a,b\n1,2\n3,\"4\n";
	CHECK(ms_csv_open(&c, "q.csv", open_quote, strlen(open_quote), 0, &cap.d) == 0);
	CHECK(ms_csv_next(&c, &cap.d) == 1);
	CHECK(ms_csv_next(&c, &cap.d) == 1);
	CHECK(ms_csv_next(&c, &cap.d) == -1);
	CHECK(strstr(capture_text(&cap), "q.csv:3: error: unterminated quoted field") != NULL);
	ms_csv_release(&c);
	capture_end(&cap);

	capture_start(&cap);
	const char *stray = "a,b\n1,x\"y\n";
	CHECK(ms_csv_open(&c, "s.csv", stray, strlen(stray), 0, &cap.d) == 0);
	CHECK(ms_csv_next(&c, &cap.d) == 1);
	CHECK(ms_csv_next(&c, &cap.d) == -1);
	CHECK(strstr(capture_text(&cap), "s.csv:2:4: error: quote inside an unquoted field") != NULL);
	ms_csv_release(&c);
	capture_end(&cap);

	capture_start(&cap);
	const char *utf16 = "\xFF\xFE" "a\0,\0";
	CHECK(ms_csv_open(&c, "u.csv", utf16, 6, 0, &cap.d) == -1);
	CHECK(strstr(capture_text(&cap), "UTF-16") != NULL);
	ms_csv_release(&c);
	capture_end(&cap);

	capture_start(&cap);
	const char bin[] = { 'P', 'K', 3, 4, 0, 0, 'x' };
	CHECK(ms_csv_open(&c, "b.csv", bin, sizeof bin, 0, &cap.d) == -1);
	CHECK(strstr(capture_text(&cap), "b.csv: error: holds NUL bytes") != NULL);
	ms_csv_release(&c);
	capture_end(&cap);
}

const ms_test csv_tests[] = {
	{ "csv/quoted_fields", quoted_fields },
	{ "csv/bom_and_semicolon", bom_and_semicolon },
	{ "csv/errors_name_line", errors_name_line },
};
const size_t csv_ntests = sizeof csv_tests / sizeof csv_tests[0];
