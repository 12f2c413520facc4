/* An output folder replaced as a whole: the new set of files is written
 * into a fresh sibling folder and exchanged with the old one by one rename,
 * so a reader, a crash or a second run sees the old set or the new one,
 * never a mix. */
#ifndef MS_OUTSET_H
#define MS_OUTSET_H
#include <stddef.h>
#include "diag.h"

typedef struct ms_out_file {
	const char *name;       /* relative: "report.pdf", "charts/price.svg" */
	const void *data;
	size_t len;
} ms_out_file;

/* Writes the files as the whole content of dir (created if missing).
 * Entries of dir that the set does not name at its top level (a reader's
 * own files) are carried over as hard links; the set's folders ("charts")
 * are replaced whole. Holds dir's lock throughout, and first sweeps the
 * folders of runs that died before their switch. */
int ms_outset_write(const char *dir, const ms_out_file *files, size_t n, ms_diag *d);

#endif
