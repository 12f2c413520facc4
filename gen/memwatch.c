#include "memwatch.h"
#include <jansson.h>
#include <stdlib.h>
#include <unistd.h>

/* per thread, so each build (and each thread of one) counts its own */
static _Thread_local int failed;

void ms_nomem(void)
{
	failed++;
}

int ms_nomem_collect(ms_diag *d)
{
	d->nomem += failed;
	failed = 0;
	return d->nomem;
}

static void *watched_malloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		ms_nomem();
	return p;
}

static void watched_free(void *p)
{
	free(p);
}

void ms_memwatch_init(void)
{
	json_set_alloc_funcs(watched_malloc, watched_free);
}

void *ms_malloc_or_exit(size_t n)
{
	void *p = malloc(n);
	if (!p) {
		static const char msg[] = "mstress: error: out of memory (in libharu, which cannot recover from it)\n";
		ssize_t said = write(2, msg, sizeof msg - 1);
		(void)said;
		_exit(1);
	}
	return p;
}
