/* libFuzzer: the report configuration, the theme and a claims file. */
#include <stdint.h>
#include "claims.h"
#include "config.h"
#include "theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ms_diag d;
	ms_diag_init(&d, NULL);
	ms_config cfg;
	if (ms_config_parse(&cfg, "fuzz.ini", (const char *)data, size, &d) == 0 || cfg.file)
		ms_config_release(&cfg);
	ms_theme t;
	ms_theme_defaults(&t);
	ms_theme_parse(&t, "theme.ini", (const char *)data, size, &d);
	ms_claims_free(ms_claims_parse("claims.ini", (const char *)data, size, &d));
	return 0;
}
