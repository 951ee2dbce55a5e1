/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * sort.c - sorting 64-bit hashes (sort.h).
 *
 *  1. Up to SORT_SMALL values: insertion sort.
 *  2. More: most-significant-digit radix sort, a byte a digit.  The
 *     values are counted by their top byte, scattered in that order into
 *     tmp (stably: equal values keep their order) and copied back; a
 *     bucket of more than SORT_SMALL values is sorted the same way on the
 *     next byte down, and one insertion-sort pass over the whole then
 *     orders each small bucket (it moves no value out of its bucket).
 *  3. Pairs (a key and its index) are sorted by the key and then the
 *     index: the digits are the key's, and the final pass compares both.
 *
 * The values sorted here are hashes (XXH3 of a key, mixed shingle
 * hashes), uniform in their top bits, so a document's few hundred keys
 * fall one or two to a bucket and the whole costs some 25 instructions
 * a value; glibc's qsort(), a merge sort calling a comparison function,
 * cost about 110 on the real-text bench corpus (make profile: 5.8% of
 * all instructions).  A bucket of equal or crafted values costs at most
 * eight passes: the work stays linear, whatever the input.
 *
 * Known weakness: 256 counters are cleared and summed for every bucket
 * sorted by a digit, which does not pay below some 40 values (hence
 * SORT_SMALL, and insertion sort's quadratic worst case stays within
 * 32 values).  SORT_SMALL's 32 is that estimate (a digit pass's fixed
 * cost of 256 counters against insertion sort's n^2/4 moves), not a
 * measured sweep: only 32 was profiled (make profile 102.6 -> 97.6
 * instructions per input byte against qsort()).
 */
#include "config.h"

#include <string.h>

#include "sort.h"

/* Insertion sort of the n values of v, each of `width` words (1 or 2),
 * by their words in order. */
static inline void
insertion(uint64_t *v, size_t n, unsigned width)
{
	size_t i, k;

	if (width == 1) {
		for (i = 1; i < n; i++) {
			uint64_t x = v[i];

			for (k = i; k > 0 && v[k - 1] > x; k--)
				v[k] = v[k - 1];
			v[k] = x;
		}
		return;
	}
	for (i = 1; i < n; i++) {
		uint64_t h = v[2 * i], x = v[2 * i + 1];

		for (k = i; k > 0 &&
		     (v[2 * k - 2] > h ||
		         (v[2 * k - 2] == h && v[2 * k - 1] > x));
		     k--) {
			v[2 * k] = v[2 * k - 2];
			v[2 * k + 1] = v[2 * k - 1];
		}
		v[2 * k] = h;
		v[2 * k + 1] = x;
	}
}

/* Step 2 on the byte of the key at shift, for the buckets; the final
 * insertion pass is the caller's. */
static void
radix(uint64_t *v, size_t n, uint64_t *tmp, unsigned shift, unsigned width)
{
	size_t count[256], start[256], i, at;

	memset(count, 0, sizeof(count));
	for (i = 0; i < n; i++)
		count[(v[width * i] >> shift) & 0xFF]++;
	for (i = 0, at = 0; i < 256; i++) {
		start[i] = at;
		at += count[i];
	}
	if (width == 1) {
		for (i = 0; i < n; i++)
			tmp[start[(v[i] >> shift) & 0xFF]++] = v[i];
	} else {
		for (i = 0; i < n; i++) {
			size_t d = start[(v[2 * i] >> shift) & 0xFF]++;

			tmp[2 * d] = v[2 * i];
			tmp[2 * d + 1] = v[2 * i + 1];
		}
	}
	memcpy(v, tmp, n * width * sizeof(*v));
	if (shift == 0)
		return;
	for (i = 0, at = 0; i < 256; at += count[i], i++)
		if (count[i] > SORT_SMALL)
			radix(v + width * at, count[i], tmp, shift - 8, width);
}

void
sort_u64(uint64_t *v, size_t n, uint64_t *tmp)
{
	if (n > SORT_SMALL)
		radix(v, n, tmp, 56, 1);
	insertion(v, n, 1);
}

void
sort_u64_pairs(uint64_t *v, size_t n, uint64_t *tmp)
{
	if (n > SORT_SMALL)
		radix(v, n, tmp, 56, 2);
	insertion(v, n, 2);
}
