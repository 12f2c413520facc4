#include <string.h>
#include "config.h"
#include "test.h"
#include "utc.h"

static const char *good =
	"# comment\n[report]\nas_of = 2026-02-06\nwindow_start = 2024-01-01\n"
	"period_high = 2026-01\nprimary = p\n\n[source.p]\nformat = cryptoquant_ohlcv\n"
	"path = prices/x.csv\nasset = BTC\n";

static void parses_and_resolves(void)
{
	capture cap;
	capture_start(&cap);
	ms_config cfg;
	CHECK(ms_config_parse(&cfg, "conf/r.ini", good, strlen(good), &cap.d) == 0);
	CHECK(cfg.as_of == ms_days_from_civil(2026, 2, 6) * MS_DAY);
	CHECK(cfg.period_from == ms_days_from_civil(2026, 1, 1) * MS_DAY);
	CHECK(cfg.period_to == ms_days_from_civil(2026, 2, 1) * MS_DAY);
	CHECK(cfg.nsource == 1);
	CHECK_STR(cfg.source[0].path, "conf/prices/x.csv");
	ms_config_release(&cfg);
	capture_end(&cap);
}

static void expect_error(const char *text, const char *msg)
{
	capture cap;
	capture_start(&cap);
	ms_config cfg;
	CHECK(ms_config_parse(&cfg, "r.ini", text, strlen(text), &cap.d) == -1);
	check_message(&cap, msg);
	ms_config_release(&cfg);
	capture_end(&cap);
}

static void wrong_keys_are_errors(void)
{
	expect_error("[report]\nas_off = 2026-02-06\n", "r.ini:2:1: error: unknown key 'as_off' (did you mean 'as_of'?)");
	expect_error("[report]\nas_of = 6/2/2026\n", "r.ini:2:1: error: as_of: '6/2/2026' is not a date");
	expect_error("[reprt]\n", "r.ini:1:1: error: unknown section [reprt]");
	expect_error("[source.a]\nformat = excel\n", "r.ini:2:1: error: unknown format 'excel'");
	expect_error("title = x\n", "r.ini:1:1: error: key 'title' outside any section");
	expect_error("[report]\nperiod_high = 2026-01\n", "r.ini: error: [report] needs 'primary'");
	expect_error("[report]\nperiod_high = January\n", "r.ini:2:1: error: period_high: 'January'");
}

const ms_test config_tests[] = {
	{ "config/parses_and_resolves", parses_and_resolves },
	{ "config/wrong_keys_are_errors", wrong_keys_are_errors },
};
const size_t config_ntests = sizeof config_tests / sizeof config_tests[0];
