/*
 * seen.h - an in-memory set of 64-bit keys (paragraph hashes).
 */
#ifndef WN_SEEN_H
#define WN_SEEN_H

#include <stddef.h>
#include <stdint.h>

#include "wn.h"

struct seen;

/* Returns an empty set, or NULL when out of memory.  Free with
 * seen_free(). */
struct seen *seen_new(void);
/* Frees s; accepts NULL. */
void seen_free(struct seen *s);

/* Insert key.  Returns 1 when key was already present, 0 when it was
 * added, -1 when the set could not grow (out of memory; key not added). */
int seen_insert(struct seen *s, uint64_t key);
/* Returns 1 when key is present, else 0. */
int seen_contains(const struct seen *s, uint64_t key);
/* Remove every key; keeps a small table. */
void seen_clear(struct seen *s);
/* Number of keys stored. */
size_t seen_count(const struct seen *s);
/* Bytes of memory held by the table. */
size_t seen_bytes(const struct seen *s);

#endif
