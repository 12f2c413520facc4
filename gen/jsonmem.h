/* jansson reports a failed allocation only as a NULL, which
 * json_object_set_new() and its kind swallow: the model would silently lack
 * a figure, and a template section would silently vanish. Its allocations
 * go through here instead, and any failure is remembered. */
#ifndef MS_JSONMEM_H
#define MS_JSONMEM_H

/* Routes jansson's allocations through the watch (once, at start). */
void ms_jsonmem_init(void);
/* Whether an allocation of jansson's has failed since the start. */
int ms_jsonmem_failed(void);

#endif
