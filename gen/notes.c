#include "notes.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "memwatch.h"

int ms_notes_add(ms_notes *notes, const char *fmt, ...)
{
	char text[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	if (notes->n == notes->cap) {
		size_t cap = notes->cap ? notes->cap * 2 : 8;
		char **t = realloc(notes->text, cap * sizeof *t);
		if (!t) {
			ms_nomem();
			return -1;
		}
		notes->text = t;
		notes->cap = cap;
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
