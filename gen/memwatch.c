#include "memwatch.h"
#include <jansson.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

static atomic_int failed;

void ms_nomem(void)
{
	atomic_store(&failed, 1);
}

int ms_nomem_seen(void)
{
	return atomic_load(&failed);
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
