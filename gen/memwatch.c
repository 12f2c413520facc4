#include "memwatch.h"
#include <jansson.h>
#include <stdatomic.h>
#include <stdlib.h>

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
