/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * origin.c - the first holder of each hash, in a bounded table
 * (origin.h).
 *
 *  1. The table is an array of buckets of 4 slots (64 bytes, one cache
 *     line); a hash's bucket is its top bits after a multiplication, so
 *     that keys and fingerprints, whose low bits are already uniform,
 *     spread as well as any other value.
 *  2. A slot holds the whole 64-bit hash (0 is stored as 1, 0 marks an
 *     empty slot), the holder's document number (32 bits) and paragraph
 *     number.  A hash found keeps its first holder: a paragraph seen in
 *     documents 5 and 9 is, in document 12, a duplicate of 5's.
 *  3. A hash not found takes an empty slot of its bucket, or the slot of
 *     the oldest document there: what a report needs most is where the
 *     recent duplicates came from (a wire story copied within the day).
 *
 * Known weakness: once a bucket has forgotten, a hash held in it before
 * may be named as first held by a later document that had it again.
 */
#include "config.h"

#include <stdlib.h>

#include "origin.h"

#define WAYS 4

struct slot {
	uint64_t hash;
	uint32_t doc; /* 0: empty */
	uint32_t para;
};

struct origin {
	struct slot *slot;
	unsigned bits; /* log2 of the buckets */
	int forgot;
};

struct origin *
origin_new(size_t slots)
{
	struct origin *o = calloc(1, sizeof(*o));
	unsigned bits = 4; /* 16 buckets, 64 slots */

	if (o == NULL)
		return NULL;
	while (bits < 40 && ((size_t)WAYS << bits) < slots)
		bits++;
	o->bits = bits;
	/* calloc's pages are mapped as the table fills: a short run does
	 * not pay for the whole */
	if ((o->slot = calloc((size_t)WAYS << bits, sizeof(*o->slot))) ==
	    NULL) {
		free(o);
		return NULL;
	}
	return o;
}

void
origin_free(struct origin *o)
{
	if (o == NULL)
		return;
	free(o->slot);
	free(o);
}

void
origin_note(struct origin *o, uint64_t hash, uint64_t doc, uint32_t para,
    struct origin_hit *hit)
{
	struct slot *b;
	size_t i, oldest = 0;

	if (hash == 0)
		hash = 1;
	b = o->slot +
	    WAYS * (size_t)((hash * 0x9E3779B97F4A7C15ull) >> (64 - o->bits));
	hit->doc = 0;
	hit->para = 0;
	for (i = 0; i < WAYS; i++) {
		if (b[i].doc != 0 && b[i].hash == hash) {
			hit->doc = b[i].doc;
			hit->para = b[i].para;
			return;
		}
		if (b[i].doc < b[oldest].doc)
			oldest = i;
	}
	if (doc == 0 || doc > UINT32_MAX) {
		o->forgot = 1;
		return;
	}
	if (b[oldest].doc != 0)
		o->forgot = 1;
	b[oldest].hash = hash;
	b[oldest].doc = (uint32_t)doc;
	b[oldest].para = para;
}

int
origin_forgot(const struct origin *o)
{
	return o->forgot;
}

size_t
origin_bytes(const struct origin *o)
{
	return ((size_t)WAYS << o->bits) * sizeof(*o->slot) + sizeof(*o);
}
