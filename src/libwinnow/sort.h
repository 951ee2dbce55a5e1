/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * sort.h - sorting 64-bit hashes in place, without a comparison callback:
 * a paragraph's fingerprints, a document's keys with their indices.
 */
#ifndef WN_SORT_H
#define WN_SORT_H

#include <stddef.h>
#include <stdint.h>

/* Sort v[0..n) in ascending order.  tmp has room for n values (scratch,
 * used only when n > SORT_SMALL). */
void sort_u64(uint64_t *v, size_t n, uint64_t *tmp);

/* Sort the n pairs v[2i], v[2i+1] by the first and then the second
 * value.  tmp has room for 2n values (scratch, as above). */
void sort_u64_pairs(uint64_t *v, size_t n, uint64_t *tmp);

/* Up to this many, insertion sort alone. */
#define SORT_SMALL 32

#endif
