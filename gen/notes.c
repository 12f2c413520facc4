#include "notes.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "memwatch.h"
#include "grow.h"

int ms_notes_add(ms_notes *notes, const char *fmt, ...)
{
	char text[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	if (MS_GROW(notes->text, notes->n, notes->cap)) {
		ms_nomem();
		return -1;
	}
	char *copy = malloc(strlen(text) + 1);
	if (!copy) {
		ms_nomem();
		return -1;
	}
	memcpy(copy, text, strlen(text) + 1);
	notes->text[notes->n++] = copy;
	return 0;
}

void ms_notes_release(ms_notes *notes)
{
	for (size_t i = 0; i < notes->n; i++)
		free(notes->text[i]);
	free(notes->text);
	notes->text = NULL;
	notes->n = notes->cap = 0;
}
