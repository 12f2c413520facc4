/* The PDF's fonts: each face is embedded when a page first uses it (an
 * unused face would cost its glyphs in the file and libharu's set-up of
 * its 65,536-entry map, some 4 ms), with a valid ToUnicode map. */
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

/* libharu 2.3 gives each UTF-8 TrueType font a /ToUnicode stream that holds
 * an encoding CMap ("begincidrange <0000> <FFFF> 0"), which is not a valid
 * ToUnicode map: readers reject it, and copying or searching text in the
 * PDF then rests on each reader's guess from the embedded font. The codes
 * libharu writes for these fonts are the text's Unicode code points (BMP,
 * Identity-H), so the right map is the identity: it replaces the stream's
 * content in place, keeping libharu's object. */
static int mend_to_unicode(HPDF_Font font)
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

HPDF_Font ms_pdf_font(ms_pdf *p, enum ms_face face)
{
	if (p->font[face] || p->failed)
		return p->font[face];
	const char *path = ms_font_path(p->fonts, face);
	const char *name = HPDF_LoadTTFontFromFile(p->doc, path, HPDF_TRUE);
	HPDF_Font font = name ? HPDF_GetFont(p->doc, name, "UTF-8") : NULL;
	if (font && mend_to_unicode(font))
		font = NULL;
	if (!font && !p->failed) {
		ms_error(p->d, path, 0, 0, "libharu cannot load this font");
		p->failed = 1;
		p->page = NULL;
	}
	return p->font[face] = font;
}
