#include "jsonmem.h"
#include <jansson.h>
#include <stdatomic.h>
#include <stdlib.h>

static atomic_int failed;

static void *watched_malloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		atomic_store(&failed, 1);
	return p;
}

static void watched_free(void *p)
{
	free(p);
}

void ms_jsonmem_init(void)
{
	json_set_alloc_funcs(watched_malloc, watched_free);
}

int ms_jsonmem_failed(void)
{
	return atomic_load(&failed);
}
