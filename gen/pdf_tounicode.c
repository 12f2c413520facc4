/* libharu 2.3 gives each UTF-8 TrueType font a /ToUnicode stream that holds
 * an encoding CMap ("begincidrange <0000> <FFFF> 0"), which is not a valid
 * ToUnicode map: readers reject it, and copying or searching text in the
 * PDF then rests on each reader's guess from the embedded font. The codes
 * libharu writes for these fonts are the text's Unicode code points (BMP,
 * Identity-H), so the right map is the identity: it replaces the stream's
 * content in place, keeping libharu's object. */
#include <stdio.h>
#include <string.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include "pdf_backend.h"

enum { RANGES_PER_SECTION = 100 };   /* the CMap limit per beginbfrange */

/* One range per high byte (a bfrange may not cross one), surrogates left out. */
static size_t identity_cmap(char *out, size_t cap)
{
	size_t n = (size_t)snprintf(out, cap,
				    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
				    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
				    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
				    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	int hi[256], nhi = 0;
	for (int h = 0; h < 256; h++)
		if (h < 0xD8 || h > 0xDF)
			hi[nhi++] = h;
	for (int i = 0; i < nhi; i += RANGES_PER_SECTION) {
		int end = i + RANGES_PER_SECTION < nhi ? i + RANGES_PER_SECTION : nhi;
		n += (size_t)snprintf(out + n, cap - n, "%d beginbfrange\n", end - i);
		for (int k = i; k < end; k++)
			n += (size_t)snprintf(out + n, cap - n, "<%02X00> <%02XFF> <%02X00>\n", hi[k], hi[k], hi[k]);
		n += (size_t)snprintf(out + n, cap - n, "endbfrange\n");
	}
	n += (size_t)snprintf(out + n, cap - n,
			      "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	return n;
}

int ms_pdf_fix_to_unicode(HPDF_Font font)
{
	HPDF_Dict map = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	if (!map || !map->stream)
		return 0;                 /* a libharu that writes none: nothing to mend */
	/* the keys of an encoding CMap, which a ToUnicode stream has no use for */
	static const char *const encoding_keys[] = { "Type", "CMapName", "CIDSystemInfo", "WMode" };
	for (size_t i = 0; i < sizeof encoding_keys / sizeof *encoding_keys; i++)
		HPDF_Dict_RemoveElement(map, encoding_keys[i]);
	char text[8192];
	size_t len = identity_cmap(text, sizeof text);
	HPDF_MemStream_FreeData(map->stream);
	return HPDF_Stream_Write(map->stream, (const HPDF_BYTE *)text, (HPDF_UINT)len) == HPDF_OK ? 0 : -1;
}
