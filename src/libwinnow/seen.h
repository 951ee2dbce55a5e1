/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * seen.h - in-memory sets of hashes: paragraph keys and fingerprints.
 */
#ifndef WN_SEEN_H
#define WN_SEEN_H

#include <stddef.h>
#include <stdint.h>

#include "wn.h"

struct seen;

/* Returns an empty set, or NULL when out of memory.  width is the bytes
 * stored per hash: 8 keeps the whole 64-bit hash (paragraph keys, where
 * a false match removes a paragraph), 4 keeps its top 32 bits
 * (fingerprints, where a decision needs many matches).  max_bytes caps
 * the table memory (0 = no cap): at the cap the set keeps two
 * generations and forgets the older one when the newer is full.  Free
 * with seen_free(). */
struct seen *seen_new(unsigned width, size_t max_bytes);
/* Frees s; accepts NULL. */
void seen_free(struct seen *s);

/* Stamp the set: from now on every slot also keeps the day (any 16-bit
 * count; state.c uses days since 1970) it was last inserted, new
 * insertions are stamped today, and the memory per slot grows by 2 bytes.
 * Only an empty set can start stamping.  Returns 0, or -1 (out of memory,
 * or not empty). */
int seen_stamp(struct seen *s, uint16_t today);
/* Can n more entries come in without forgetting any? */
int seen_fits(const struct seen *s, size_t n);
/* Grow the table (within the cap) for n entries.  Returns 0 or -1. */
int seen_reserve(struct seen *s, size_t n);
/* Insert hash stamped day (keeping the later day when it is present).
 * Returns as seen_insert(). */
int seen_insert_day(struct seen *s, uint64_t hash, uint16_t day);
/* Write every stored value (as stored: 8 or 4 bytes of the hash, 0 made
 * 1) and its day (0 unstamped) to value[] and day[], which must hold
 * seen_count() entries.  Returns how many were written: each value once. */
size_t seen_export(const struct seen *s, uint64_t *value, uint16_t *day);

/* The order of the home slots: a set of width filled in increasing
 * seen_order() of its values writes its table from start to end, at any
 * table size (state.c stores entries in this order to load fast). */
uint64_t seen_order(unsigned width, uint64_t v);

/* Insert hash.  Returns 1 when it was present (an entry only in the older
 * generation is copied into the newer, so what is still being seen stays),
 * 0 when it was added, -1 when out of memory (not added). */
int seen_insert(struct seen *s, uint64_t hash);
/* Returns 1 when hash is present, else 0. */
int seen_contains(const struct seen *s, uint64_t hash);

/* A hint: hash[0..n) will be looked up soon, so start loading their
 * slots into the cache (a large set misses them on nearly every lookup).
 * Changes nothing. */
void seen_prefetch(const struct seen *s, const uint64_t *hash, size_t n);
/* Remove every hash; keeps a small table. */
void seen_clear(struct seen *s);
/* Hashes stored, bytes of memory held, hashes forgotten at the cap. */
size_t seen_count(const struct seen *s);
size_t seen_bytes(const struct seen *s);
uint64_t seen_evicted(const struct seen *s);

#endif
