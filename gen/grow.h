/* Growing arrays, one way everywhere: MS_GROW(arr, n, cap) makes room for
 * element n of arr (doubling cap, from 8), MS_RESIZE(arr, cap) sets the
 * room of an array that shares its capacity with others. Both check the
 * size for overflow and leave arr as it was when memory runs out (-1). */
#ifndef MS_GROW_H
#define MS_GROW_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* arrp points to the array's pointer (any object type); memcpy moves the
 * pointer in and out so the types need not be void ** */
static inline int ms_resize_array(void *arrp, size_t cap, size_t size)
{
	if (size && cap > SIZE_MAX / size)
		return -1;
	size_t bytes = cap * size;
	void *old, *grown;
	memcpy(&old, arrp, sizeof old);
	if (!(grown = realloc(old, bytes ? bytes : 1)))
		return -1;
	memcpy(arrp, &grown, sizeof grown);
	return 0;
}

static inline int ms_grow_array(void *arrp, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return 0;
	size_t c = *cap ? *cap : 8;
	while (c <= n) {
		if (c > SIZE_MAX / 2)
			return -1;
		c *= 2;
	}
	if (ms_resize_array(arrp, c, size))
		return -1;
	*cap = c;
	return 0;
}

#define MS_GROW(arr, n, cap) ms_grow_array(&(arr), (n), &(cap), sizeof *(arr))
#define MS_RESIZE(arr, cap) ms_resize_array(&(arr), (cap), sizeof *(arr))

#endif
