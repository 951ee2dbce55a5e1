/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * memo.c - a bounded memo of byte strings (memo.h).
 *
 *  1. Two generations, each a direct-mapped table of 2^k slots and an
 *     arena that entries are appended to: an entry is its key's and
 *     value's lengths, the key and the value (8-byte aligned): the key
 *     first, so that a lookup compares it in the line it reads first.  A slot
 *     holds the key's 64-bit hash and where its entry is; a key whose
 *     slot is taken by another replaces it (the other's entry stays in
 *     the arena, unreachable, until the arena is reset).
 *  2. A lookup probes the newer generation, then the older; a key found
 *     only in the older one is copied into the newer one, so what is
 *     used again survives the next rotation.  A found key is compared
 *     whole, so a hash collision is only a miss.
 *  3. When an entry does not fit in the newer arena, the generations
 *     rotate: the older one is emptied and becomes the newer one.  What
 *     is forgotten is what was not used in the last generation or two.
 *
 * Memory is fixed when made: the two tables and arenas take the
 * memo_new() size, and nothing grows.
 *
 * Known weakness: direct mapping loses an entry to any later key of the
 * same slot; with a slot for every 64 bytes of arena, and entries that
 * are larger (clean.c's are some 200 bytes), few slots are shared.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "memo.h"

struct slot {
	uint64_t hash;
	uint32_t at; /* entry offset / 8 + 1 in the arena; 0: empty */
	uint32_t len;
};

struct entry {
	uint32_t len;  /* the key's */
	uint32_t vlen; /* the value's */
	               /* the key, then the value (8-byte aligned) */
};

struct gen {
	struct slot *slot;
	uint64_t *arena;
	size_t used; /* of the arena, in 8-byte words */
};

struct memo {
	struct gen gen[2]; /* [0] the newer */
	unsigned bits;     /* 2^bits slots a generation */
	size_t words;      /* arena size, in 8-byte words */
};

/* A slot for every 64 bytes of arena (see the head of the file): chosen
 * from clean.c's entry size (some 200 bytes, so some three slots an
 * entry), not measured against other shares. */
#define SLOT_SHARE 64

static size_t
words_of(size_t bytes)
{
	return (bytes + 7) / 8;
}

struct memo *
memo_new(size_t bytes)
{
	struct memo *m = calloc(1, sizeof(*m));
	size_t per, slots;
	int g;

	if (m == NULL)
		return NULL;
	if (bytes < (size_t)64 << 10)
		bytes = (size_t)64 << 10;
	/* per generation: an arena, and a slot (16 bytes) per SLOT_SHARE
	 * bytes of it */
	per = bytes / 2;
	m->bits = 4;
	while (
	    ((size_t)2 << m->bits) * (SLOT_SHARE + sizeof(struct slot)) <= per)
		m->bits++;
	slots = (size_t)1 << m->bits;
	m->words = (per - slots * sizeof(struct slot)) / 8;
	for (g = 0; g < 2; g++) {
		m->gen[g].slot = calloc(slots, sizeof(struct slot));
		m->gen[g].arena = malloc(m->words * 8);
		if (m->gen[g].slot == NULL || m->gen[g].arena == NULL) {
			memo_free(m);
			return NULL;
		}
	}
	return m;
}

void
memo_free(struct memo *m)
{
	int g;

	if (m == NULL)
		return;
	for (g = 0; g < 2; g++) {
		free(m->gen[g].slot);
		free(m->gen[g].arena);
	}
	free(m);
}

size_t
memo_bytes(const struct memo *m)
{
	return 2 *
	    (((size_t)1 << m->bits) * sizeof(struct slot) + m->words * 8);
}

/* Where e's value is: after its key, 8-byte aligned. */
static void *
value_of(struct entry *e)
{
	return (char *)(e + 1) + words_of(e->len) * 8;
}

/* The entry of key in generation g, or NULL. */
static struct entry *
find_in(const struct memo *m, int g, uint64_t h, const void *key, size_t len)
{
	const struct slot *s =
	    &m->gen[g].slot[h & (((size_t)1 << m->bits) - 1)];
	struct entry *e;

	if (s->at == 0 || s->hash != h || s->len != len)
		return NULL;
	e = (struct entry *)(void *)(m->gen[g].arena + (s->at - 1));
	if (memcmp(e + 1, key, len) != 0)
		return NULL;
	return e;
}

void *
memo_add(struct memo *m, uint64_t h, const void *key, size_t len, size_t vlen)
{
	size_t need = 1 + words_of(vlen) + words_of(len);
	struct gen *g = &m->gen[0];
	struct slot *s;
	struct entry *e;

	if (need > m->words / 4 || len > UINT32_MAX || vlen > UINT32_MAX)
		return NULL;
	if (g->used + need > m->words) {
		/* rotate: the older generation is emptied, made the newer */
		struct gen t = m->gen[1];

		m->gen[1] = m->gen[0];
		m->gen[0] = t;
		g = &m->gen[0];
		memset(g->slot, 0, ((size_t)1 << m->bits) * sizeof(*g->slot));
		g->used = 0;
	}
	e = (struct entry *)(void *)(g->arena + g->used);
	e->len = (uint32_t)len;
	e->vlen = (uint32_t)vlen;
	memcpy(e + 1, key, len);
	s = &g->slot[h & (((size_t)1 << m->bits) - 1)];
	s->hash = h;
	s->len = (uint32_t)len;
	s->at = (uint32_t)(g->used + 1);
	g->used += need;
	return value_of(e);
}

void
memo_prefetch(const struct memo *m, uint64_t h, int phase)
{
#if defined(__GNUC__)
	size_t i = h & (((size_t)1 << m->bits) - 1);

	if (phase == 0) {
		__builtin_prefetch(&m->gen[0].slot[i]);
		__builtin_prefetch(&m->gen[1].slot[i]);
	} else if (m->gen[0].slot[i].at != 0 && m->gen[0].slot[i].hash == h) {
		__builtin_prefetch(
		    m->gen[0].arena + (m->gen[0].slot[i].at - 1));
	}
#else
	(void)m;
	(void)h;
	(void)phase;
#endif
}

const void *
memo_find(struct memo *m, uint64_t h, const void *key, size_t len, size_t *vlen)
{
	struct entry *e = find_in(m, 0, h, key, len);
	void *v;

	if (e != NULL) {
		*vlen = e->vlen;
		return value_of(e);
	}
	if ((e = find_in(m, 1, h, key, len)) == NULL)
		return NULL;
	/* into the newer generation (a rotation there empties the older
	 * one, whose entry is copied first) */
	{
		size_t n = e->vlen;
		const void *from = value_of(e);

		if (m->gen[0].used + 1 + words_of(n) + words_of(len) >
		    m->words) {
			*vlen = n;
			return from; /* the next add rotates: keep it there */
		}
		if ((v = memo_add(m, h, key, len, n)) == NULL)
			return NULL;
		memcpy(v, from, n);
		*vlen = n;
		return v;
	}
}
