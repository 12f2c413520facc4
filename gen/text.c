#include "text.h"
#include <stdio.h>

int ms_text_problem(const char *s, char why[80])
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7F) {
			snprintf(why, 80, "a control character (0x%02X) in the text", *p);
			return -1;
		}
		/* U+202A..U+202E (E2 80 AA..AE) and U+2066..U+2069 (E2 81 A6..A9) */
		if (p[0] == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
				     (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9))) {
			unsigned cp = 0x2000u | (unsigned)(p[1] & 0x3F) << 6 | (unsigned)(p[2] & 0x3F);
			snprintf(why, 80, "a bidirectional control (U+%04X) in the text", cp);
			return -1;
		}
	}
	return 0;
}
