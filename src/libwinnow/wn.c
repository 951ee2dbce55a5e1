/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * wn.c - the error helper, the growable buffer and the table memory
 * declared in wn.h.
 */
#include "config.h"

#include <sys/mman.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wn.h"

enum wn_status
wn_fail(struct wn_error *e, enum wn_status s, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return s;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return s;
}

enum wn_status
wn_buf_vprintf(struct wn_buf *b, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	if (wn_buf_grow(b, 256) != WN_OK)
		return WN_ENOMEM;
	va_copy(again, ap);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	if (n >= 0 && (size_t)n >= b->cap - b->len) {
		if (wn_buf_grow(b, (size_t)n + 1) != WN_OK) {
			va_end(again);
			return WN_ENOMEM;
		}
		n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, again);
	}
	va_end(again);
	if (n < 0)
		return WN_ENOMEM;
	b->len += (size_t)n;
	return WN_OK;
}

enum wn_status
wn_buf_printf(struct wn_buf *b, const char *fmt, ...)
{
	va_list ap;
	enum wn_status st;

	va_start(ap, fmt);
	st = wn_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return st;
}

enum wn_status
wn_buf_grow(struct wn_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra <= b->cap - b->len)
		return WN_OK;
	if (extra > SIZE_MAX / 2 - b->len)
		return WN_ENOMEM;
	need = b->len + extra;
	cap = b->cap ? b->cap : 4096;
	while (cap < need)
		cap *= 2;
	if ((p = realloc(b->data, cap)) == NULL)
		return WN_ENOMEM;
	b->data = p;
	b->cap = cap;
	return WN_OK;
}

enum wn_status
wn_buf_put_u64(struct wn_buf *b, uint64_t v)
{
	char d[20]; /* 2^64 - 1 has 20 digits */
	size_t n = sizeof(d);

	do {
		d[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	return wn_buf_append(b, d + n, sizeof(d) - n);
}

void
wn_buf_free(struct wn_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

enum wn_status
wn_grow_array(void *v, size_t *cap, size_t n, size_t elem)
{
	void **pv = v;
	size_t c = *cap ? *cap : 64;
	void *p;

	if (n < *cap)
		return WN_OK;
	while (c <= n) {
		if (c > SIZE_MAX / 2 / elem)
			return WN_ENOMEM;
		c *= 2;
	}
	if ((p = realloc(*pv, c * elem)) == NULL)
		return WN_ENOMEM;
	*pv = p;
	*cap = c;
	return WN_OK;
}

/* Tables from this size up are mapped by wn_table_alloc(). */
#define WN_TABLE_MAP ((size_t)1 << 20)

void *
wn_table_alloc(size_t n)
{
#if defined(MAP_ANONYMOUS) && defined(MAP_POPULATE)
	if (n >= WN_TABLE_MAP) {
		/* every page mapped writable now: a table's first probe
		 * reads a slot before anything is written there, and a read
		 * maps the shared zero page, which the first write must then
		 * replace, with a TLB flush on every CPU that runs one of
		 * our threads (perf: 4% of a run in those flushes) */
		void *p = mmap(NULL, n, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

		return p != MAP_FAILED ? p : NULL;
	}
#endif
	return calloc(n > 0 ? n : 1, 1);
}

void
wn_table_free(void *p, size_t n)
{
	if (p == NULL)
		return;
#if defined(MAP_ANONYMOUS) && defined(MAP_POPULATE)
	if (n >= WN_TABLE_MAP) {
		munmap(p, n);
		return;
	}
#endif
	free(p);
}

void *
wn_calloc_lines(size_t n)
{
	size_t size = (n + WN_LINE - 1) / WN_LINE * WN_LINE;
	void *p;

	if (size < n ||
	    (p = aligned_alloc(WN_LINE, size > 0 ? size : WN_LINE)) == NULL)
		return NULL;
	memset(p, 0, size > 0 ? size : WN_LINE);
	return p;
}

char *
wn_join(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	char *s = malloc(n + m + 1);

	if (s != NULL) {
		memcpy(s, a, n);
		memcpy(s + n, b, m + 1);
	}
	return s;
}
