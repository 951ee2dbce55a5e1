/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * memo.h - a bounded memo from byte strings to values: what a pure
 * function made of a string it met before, found again by the string.
 */
#ifndef WN_MEMO_H
#define WN_MEMO_H

#include <stddef.h>
#include <stdint.h>

struct memo;

/* Returns a memo that holds at most about `bytes` bytes (its tables and
 * entries; at least 64 KB), or NULL when out of memory.  Free with
 * memo_free(), which accepts NULL. */
struct memo *memo_new(size_t bytes);
void memo_free(struct memo *m);

/* The value stored under key[0..len), whose hash (any 64-bit hash of
 * the key, the same for every call) is h; NULL when there is none, and
 * then *vlen is untouched.  The value is borrowed until the next
 * memo_add() or memo_find() (an entry found in the older half is moved
 * into the newer one). */
const void *memo_find(
    struct memo *m, uint64_t h, const void *key, size_t len, size_t *vlen);

/* Room for a value of vlen bytes under key[0..len) (hash h), aligned for
 * any scalar, for the caller to fill before the next call; NULL when the
 * entry would not fit in a quarter of the memo (nothing is stored).  A
 * key stored before is replaced. */
void *memo_add(
    struct memo *m, uint64_t h, const void *key, size_t len, size_t vlen);

/* Asks the processor for what memo_find() of hash h will read first
 * (the slots of h; then, when phase is 1, the newer generation's entry
 * that its slot points to), so that lookups made some keys later find
 * them in the cache.  Changes nothing. */
void memo_prefetch(const struct memo *m, uint64_t h, int phase);

/* Bytes the memo holds. */
size_t memo_bytes(const struct memo *m);

#endif
