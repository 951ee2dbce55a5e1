/*
 * seen.c - an in-memory set of 64-bit keys.
 *
 * Open addressing with linear probing over a power-of-two array of keys;
 * 0 marks an empty slot, so key 0 is stored as 1 (a 2^-64 collision).
 * The keys are XXH3 values, uniform already, so the low bits index the
 * table directly.  The table doubles when it is half full: linear probing
 * at load 0.5 averages 1.5 probes for a hit and 2.5 for a miss (Knuth,
 * TAOCP 6.4), so a lookup is about one cache miss.
 *
 * Known weakness: at load 0.5 a key costs 16 bytes on average between
 * doublings (8 to 32); the near-duplicate issue bounds this with a cap.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "seen.h"

#define SEEN_MIN_SLOTS 256

struct seen {
	uint64_t *slot;
	size_t mask;		/* slots - 1 */
	size_t count;
};

static int
seen_alloc(struct seen *s, size_t slots)
{
	uint64_t *p = calloc(slots, sizeof(*p));

	if (p == NULL)
		return -1;
	s->slot = p;
	s->mask = slots - 1;
	s->count = 0;
	return 0;
}

struct seen *
seen_new(void)
{
	struct seen *s = calloc(1, sizeof(*s));

	if (s == NULL || seen_alloc(s, SEEN_MIN_SLOTS) != 0) {
		free(s);
		return NULL;
	}
	return s;
}

void
seen_free(struct seen *s)
{
	if (s == NULL)
		return;
	free(s->slot);
	free(s);
}

static int
seen_grow(struct seen *s)
{
	struct seen bigger;
	size_t i;

	if (seen_alloc(&bigger, (s->mask + 1) * 2) != 0)
		return -1;
	for (i = 0; i <= s->mask; i++) {
		uint64_t k = s->slot[i];
		size_t j;

		if (k == 0)
			continue;
		for (j = k & bigger.mask; bigger.slot[j] != 0;
		    j = (j + 1) & bigger.mask)
			;
		bigger.slot[j] = k;
	}
	bigger.count = s->count;
	free(s->slot);
	*s = bigger;
	return 0;
}

int
seen_insert(struct seen *s, uint64_t key)
{
	size_t j;

	if (key == 0)
		key = 1;
	for (j = key & s->mask; s->slot[j] != 0; j = (j + 1) & s->mask)
		if (s->slot[j] == key)
			return 1;
	if ((s->count + 1) * 2 > s->mask + 1) {
		if (seen_grow(s) != 0)
			return -1;
		for (j = key & s->mask; s->slot[j] != 0; j = (j + 1) & s->mask)
			;
	}
	s->slot[j] = key;
	s->count++;
	return 0;
}

int
seen_contains(const struct seen *s, uint64_t key)
{
	size_t j;

	if (key == 0)
		key = 1;
	for (j = key & s->mask; s->slot[j] != 0; j = (j + 1) & s->mask)
		if (s->slot[j] == key)
			return 1;
	return 0;
}

void
seen_clear(struct seen *s)
{
	/* A document that grew the table to millions of slots must not make
	 * every later document pay for clearing them: shrink instead. */
	if (s->mask + 1 > 4096 && s->count * 8 < s->mask + 1) {
		uint64_t *p = calloc(SEEN_MIN_SLOTS, sizeof(*p));

		if (p != NULL) {
			free(s->slot);
			s->slot = p;
			s->mask = SEEN_MIN_SLOTS - 1;
			s->count = 0;
			return;
		}
	}
	memset(s->slot, 0, (s->mask + 1) * sizeof(*s->slot));
	s->count = 0;
}

size_t
seen_count(const struct seen *s)
{
	return s->count;
}

size_t
seen_bytes(const struct seen *s)
{
	return (s->mask + 1) * sizeof(*s->slot);
}
