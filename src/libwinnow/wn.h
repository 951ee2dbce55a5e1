/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * wn.h - types shared by every winnow module: status codes, the error
 * record a library call fills in, and a growable byte buffer.
 *
 * Library code never prints and never exits.  A function that can fail
 * returns a wn_status and, when it is not WN_OK, fills a struct wn_error
 * supplied by the caller; only the CLI turns that into a message and an
 * exit code (its message.c holds the one map of statuses to exit
 * codes).
 */
#ifndef WN_H
#define WN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* enum wn_status, struct wn_error and struct wn_sink are public: the
 * library's callers see them too. */
#include "winnow.h"

/* Fill e with a printf-style message and return status s, so that a
 * failure path reads: return wn_fail(e, WN_EDATA, "bad thing %d", x). */
enum wn_status wn_fail(
    struct wn_error *e, enum wn_status s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* A growable byte buffer.  data is owned by the buffer; len <= cap. */
struct wn_buf {
	char *data;
	size_t len;
	size_t cap;
};

/* The calls below are inline where there is room (nearly always: they
 * are made per paragraph and per record) and call these when there is
 * not: they grow the storage (doubling) or fail with WN_ENOMEM. */
enum wn_status wn_buf_grow(struct wn_buf *b, size_t extra);
/* Append printf-style text to b, whatever its length.  Returns WN_OK or
 * WN_ENOMEM (b->len is then as it was). */
enum wn_status wn_buf_printf(struct wn_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
enum wn_status wn_buf_vprintf(struct wn_buf *b, const char *fmt, va_list ap);
enum wn_status wn_grow_array(void *v, size_t *cap, size_t n, size_t elem);

/* Make room for at least extra more bytes.  Returns WN_OK or WN_ENOMEM. */
static inline enum wn_status
wn_buf_reserve(struct wn_buf *b, size_t extra)
{
	return extra <= b->cap - b->len ? WN_OK : wn_buf_grow(b, extra);
}

/* Append n bytes.  Returns WN_OK or WN_ENOMEM. */
static inline enum wn_status
wn_buf_append(struct wn_buf *b, const void *p, size_t n)
{
	if (n == 0)
		return WN_OK;
	if (wn_buf_reserve(b, n) != WN_OK)
		return WN_ENOMEM;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return WN_OK;
}

/* Append one byte.  Returns WN_OK or WN_ENOMEM. */
static inline enum wn_status
wn_buf_putc(struct wn_buf *b, int c)
{
	if (b->len == b->cap && wn_buf_grow(b, 1) != WN_OK)
		return WN_ENOMEM;
	b->data[b->len++] = (char)c;
	return WN_OK;
}

/* Append v in decimal (what printf's PRIu64 gives, without its cost per
 * call: it is done for every record).  Returns WN_OK or WN_ENOMEM. */
enum wn_status wn_buf_put_u64(struct wn_buf *b, uint64_t v);
/* Release the storage; the buffer may be reused after (empty). */
void wn_buf_free(struct wn_buf *b);

/* Make room in the array *v (elements of elem bytes, *cap allocated) for
 * element n, doubling from 64.  Returns WN_OK or WN_ENOMEM (*v kept). */
static inline enum wn_status
wn_grow(void *v, size_t *cap, size_t n, size_t elem)
{
	return n < *cap ? WN_OK : wn_grow_array(v, cap, n, elem);
}

/* n zeroed bytes for a hash table, or NULL; release with
 * wn_table_free(p, n).  A large table is mapped with all its pages
 * present (MAP_POPULATE): probes touch every page of it at random, and
 * faulting them in one by one, read before written, costs more. */
void *wn_table_alloc(size_t n);
void wn_table_free(void *p, size_t n);

/* n zeroed bytes on cache lines of their own (aligned to WN_LINE bytes
 * and padded to a multiple), or NULL; free() them.  For what one thread
 * writes often while another thread works beside it: sharing a line
 * would move it between their caches on every write. */
#define WN_LINE 128 /* two 64-byte lines: x86 prefetches them in pairs */
void *wn_calloc_lines(size_t n);

/* a followed by b in a new string (free() it), or NULL when out of
 * memory. */
char *wn_join(const char *a, const char *b);

/* A borrowed byte span. */
struct wn_span {
	const char *p;
	size_t n;
};

#define WN_SPAN_LIT(s) ((struct wn_span){ (s), sizeof(s) - 1 })

#endif
