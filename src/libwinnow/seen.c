/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * seen.c - in-memory sets of hashes (seen.h).
 *
 *  1. A table is a power-of-two array of W-byte slots (W = 8 or 4) with
 *     open addressing and linear probing; 0 marks an empty slot (a stored
 *     value of 0 is kept as 1).  The stored value v is the low 8W bits of
 *     the 64-bit hash (the low bits: winnowing's minima lean towards 0 in
 *     the high ones), and its home slot is the top k bits of v times an
 *     odd constant (2^k slots), so a table can double by re-reading its
 *     own entries.
 *  2. Load is kept at most 3/4 while the table may still double: linear
 *     probing then averages 2.5 probes for a hit and 8.5 for a miss
 *     (Knuth, TAOCP 6.4), all in one or two cache lines.
 *  3. With a cap, once doubling would pass half the cap, the table is
 *     filled to 9/10 and then becomes the older generation; a new table
 *     of the same size takes new entries, and when it is full in turn the
 *     older generation is freed (its entries counted as evicted).  Lookups
 *     look in both.  So memory never passes the cap, and what is forgotten
 *     is always the oldest half.
 *
 * A 4-byte value is a 32-bit hash: among 10^9 stored values a new one
 * matches by chance with probability 10^9 / 2^32 = 23%, so winnow stores
 * paragraph keys and fingerprints whole (8 bytes): then the chance is
 * 5.4 * 10^-11 a lookup (bench/falsematch.c measures what that means for
 * paragraphs), and doc/design.md §4 gives 2.7% for one false duplicate
 * among 10^9 keys.  Width 4 stays for tests and smaller sets.
 *
 *  4. For the state file (state.c), a set can be stamped: each slot then
 *     also holds the day it was last inserted (2 bytes, counted in its
 *     memory), and the entries can be exported with their days.
 *
 * Known weakness: doubling copies the table once (peak 1.5x).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "seen.h"

#define SEEN_MIN_BITS 8

/* insert_w() is written once and compiled for each width where it is
 * called with a constant one */
#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

struct table {
	void *slot;
	uint16_t *day; /* stamped sets: per slot */
	unsigned bits; /* 2^bits slots */
	size_t count;
};

struct seen {
	unsigned width;
	int stamped;
	uint16_t today; /* the stamp of new insertions */
	size_t max_bytes;
	struct table cur;
	struct table old; /* older generation, bits == 0 if none */
	int capped;       /* cur reached its final size */
	size_t limit;     /* cur has room while count < limit */
	uint64_t evicted;
};

static void set_limit(struct seen *s);

static inline uint64_t
value_of(const struct seen *s, uint64_t hash)
{
	uint64_t v = s->width == 8 ? hash : (uint32_t)hash;

	return v ? v : 1;
}

uint64_t
seen_order(unsigned width, uint64_t v)
{
	if (width == 8)
		return v * 0x9E3779B97F4A7C15ull;
	return (uint32_t)((uint32_t)v * 0x9E3779B1u);
}

/* The home slot: the top bits of v times an odd constant (a bijection,
 * so it can be recomputed from v when the table doubles).  v itself is
 * not uniform: winnowing stores the minimum hash of each window, whose
 * top bits lean towards 0. */
static inline size_t
home_w(unsigned width, const struct table *t, uint64_t v)
{
	if (width == 8)
		return (size_t)((v * 0x9E3779B97F4A7C15ull) >> (64 - t->bits));
	return (size_t)((uint32_t)(v * 0x9E3779B1u) >> (32 - t->bits));
}

static inline size_t
home(const struct seen *s, const struct table *t, uint64_t v)
{
	return home_w(s->width, t, v);
}

static inline uint64_t
get_w(unsigned width, const struct table *t, size_t i)
{
	return width == 8 ? ((const uint64_t *)t->slot)[i] :
	                    ((const uint32_t *)t->slot)[i];
}

static inline uint64_t
get(const struct seen *s, const struct table *t, size_t i)
{
	return get_w(s->width, t, i);
}

static inline void
put_w(unsigned width, struct table *t, size_t i, uint64_t v)
{
	if (width == 8)
		((uint64_t *)t->slot)[i] = v;
	else
		((uint32_t *)t->slot)[i] = (uint32_t)v;
}

static inline void
put(const struct seen *s, struct table *t, size_t i, uint64_t v)
{
	put_w(s->width, t, i, v);
}

static int
table_alloc(const struct seen *s, struct table *t, unsigned bits)
{
	size_t n = (size_t)1 << bits;
	void *p = wn_table_alloc(n * s->width);
	uint16_t *d = NULL;

	if (p == NULL)
		return -1;
	if (s->stamped && (d = wn_table_alloc(n * sizeof(*d))) == NULL) {
		wn_table_free(p, n * s->width);
		return -1;
	}
	t->slot = p;
	t->day = d;
	t->bits = bits;
	t->count = 0;
	return 0;
}

static void
table_free(const struct seen *s, struct table *t)
{
	size_t n = (size_t)1 << t->bits;

	wn_table_free(t->slot, n * s->width);
	wn_table_free(t->day, n * sizeof(*t->day));
	memset(t, 0, sizeof(*t));
}

static size_t
table_bytes(const struct seen *s, const struct table *t)
{
	return t->slot ? ((size_t)1 << t->bits) *
	        (s->width + (s->stamped ? sizeof(*t->day) : 0)) :
	                 0;
}

/* Find v in t: return 1 and its slot, or 0 and the empty slot to use.
 * (width is s->width, given apart so that callers that know it get
 * code for it alone.) */
static ALWAYS_INLINE int
table_find_w(unsigned width, const struct table *t, uint64_t v, size_t *where)
{
	size_t mask = ((size_t)1 << t->bits) - 1, i = home_w(width, t, v);
	uint64_t x;

	while ((x = get_w(width, t, i)) != 0) {
		if (x == v) {
			*where = i;
			return 1;
		}
		i = (i + 1) & mask;
	}
	*where = i;
	return 0;
}

static inline int
table_find(
    const struct seen *s, const struct table *t, uint64_t v, size_t *where)
{
	return table_find_w(s->width, t, v, where);
}

/* The entries of from into to (bigger and empty), for a width known
 * where it is called: from's slots in order, which is nearly the order of
 * their home slots in to, so the probes walk to's memory forward. */
static ALWAYS_INLINE void
table_copy_w(const struct seen *s, const struct table *from, struct table *to,
    unsigned width)
{
	size_t i, n = (size_t)1 << from->bits;

	for (i = 0; i < n; i++) {
		uint64_t v = get_w(width, from, i);
		size_t j;

		if (v == 0)
			continue;
		table_find_w(width, to, v, &j);
		put_w(width, to, j, v);
		if (s->stamped)
			to->day[j] = from->day[i];
	}
}

static int
table_grow(struct seen *s)
{
	struct table bigger;

	if (table_alloc(s, &bigger, s->cur.bits + 1) != 0)
		return -1;
	if (s->width == 8)
		table_copy_w(s, &s->cur, &bigger, 8);
	else
		table_copy_w(s, &s->cur, &bigger, 4);
	bigger.count = s->cur.count;
	table_free(s, &s->cur);
	s->cur = bigger;
	set_limit(s);
	return 0;
}

struct seen *
seen_new(unsigned width, size_t max_bytes)
{
	struct seen *s = calloc(1, sizeof(*s));

	if (s == NULL)
		return NULL;
	s->width = width == 4 ? 4 : 8;
	s->max_bytes = max_bytes;
	if (table_alloc(s, &s->cur, SEEN_MIN_BITS) != 0) {
		free(s);
		return NULL;
	}
	set_limit(s);
	return s;
}

void
seen_free(struct seen *s)
{
	if (s == NULL)
		return;
	table_free(s, &s->cur);
	table_free(s, &s->old);
	free(s);
}

int
seen_stamp(struct seen *s, uint16_t today)
{
	if (!s->stamped) {
		size_t n = (size_t)1 << s->cur.bits;

		if (s->cur.count > 0 || s->old.slot != NULL)
			return -1; /* only an empty set */
		if ((s->cur.day = wn_table_alloc(n * sizeof(*s->cur.day))) ==
		    NULL)
			return -1;
		s->stamped = 1;
	}
	s->today = today;
	return 0;
}

int
seen_fits(const struct seen *s, size_t n)
{
	size_t entry = table_bytes(s, &s->cur) >> s->cur.bits, slots;

	if (s->max_bytes == 0)
		return 1;
	if (s->capped)
		slots = (size_t)1 << s->cur.bits;
	else /* as make_room() grows: up to half the cap per table */
		for (slots = (size_t)1 << s->cur.bits;
		     slots * 2 * entry <= s->max_bytes / 2; slots *= 2)
			;
	return s->cur.count + n <= slots / 10 * 9;
}

int
seen_reserve(struct seen *s, size_t n)
{
	while (!s->capped && (n * 4 > ((size_t)1 << s->cur.bits) * 3) &&
	    (s->max_bytes == 0 ||
	        table_bytes(s, &s->cur) * 2 <= s->max_bytes / 2))
		if (table_grow(s) != 0)
			return -1;
	return 0;
}

/* Is there room for one more entry in cur: below 3/4 full while the
 * table may grow, 9/10 once it has its final size (set_limit())? */
static inline int
has_room(const struct seen *s)
{
	return s->cur.count < s->limit;
}

/* What has_room() asks, after cur or capped changed. */
static void
set_limit(struct seen *s)
{
	size_t slots = (size_t)1 << s->cur.bits;

	s->limit =
	    s->capped ? slots / 10 * 9 + slots % 10 * 9 / 10 : slots / 4 * 3;
}

/* Make room for one more entry in cur.  Returns 0 or -1.  insert()
 * calls it only when has_room() says no (inline: nearly every insertion
 * has room). */
static int
make_room(struct seen *s)
{
	if (has_room(s))
		return 0;
	if (!s->capped) {
		if (s->max_bytes == 0 ||
		    table_bytes(s, &s->cur) * 2 <= s->max_bytes / 2)
			return table_grow(s);
		s->capped = 1; /* final size: fill to 9/10 from now on */
		set_limit(s);
		if (has_room(s))
			return 0;
	}
	/* rotate the generations */
	s->evicted += s->old.count;
	table_free(s, &s->old);
	s->old = s->cur;
	if (table_alloc(s, &s->cur, s->old.bits) != 0) {
		s->cur = s->old;
		memset(&s->old, 0, sizeof(s->old));
		return -1;
	}
	return 0;
}

/* v is at slot j of cur: keep the later day. */
static inline void
refresh(struct seen *s, size_t j, uint16_t day)
{
	if (s->stamped && s->cur.day[j] < day)
		s->cur.day[j] = day;
}

/* Store v stamped day in the free slot j of cur. */
static ALWAYS_INLINE void
add_w(struct seen *s, size_t j, uint64_t v, uint16_t day, unsigned width)
{
	put_w(width, &s->cur, j, v);
	if (s->stamped)
		s->cur.day[j] = day;
	s->cur.count++;
}

/* Insert v stamped day (the later of its days when present); width is
 * s->width (see table_find_w()). */
static ALWAYS_INLINE int
insert_w(struct seen *s, uint64_t v, uint16_t day, unsigned width)
{
	size_t j, k;
	int in_old;

	/* room first, so that one probe finds v or its slot (a rotation
	 * moves v, when present, into the older generation) */
	if (!has_room(s) && make_room(s) != 0)
		return -1;
	if (table_find_w(width, &s->cur, v, &j)) {
		refresh(s, j, day);
		return 1;
	}
	in_old = s->old.slot != NULL && table_find_w(width, &s->old, v, &k);
	if (in_old && s->stamped && s->old.day[k] > day)
		day = s->old.day[k];
	add_w(s, j, v, day, width);
	return in_old;
}

/* insert_w() out of line: what insert() leaves to it */
static int
insert_slow(struct seen *s, uint64_t v, uint16_t day)
{
	return s->width == 8 ? insert_w(s, v, day, 8) : insert_w(s, v, day, 4);
}

/* insert_w() when there is room and no older generation (always, until
 * a set reaches its cap), which needs no register the caller keeps: the
 * rest is a jump to insert_slow().  (A probe per fingerprint per set:
 * the saving and restoring of registers was 1.6% of the instructions.) */
static ALWAYS_INLINE int
insert_fast_w(struct seen *s, uint64_t v, uint16_t day, unsigned width)
{
	size_t j;

	if (!has_room(s) || s->old.slot != NULL)
		return insert_slow(s, v, day);
	if (table_find_w(width, &s->cur, v, &j)) {
		refresh(s, j, day);
		return 1;
	}
	add_w(s, j, v, day, width);
	return 0;
}

static ALWAYS_INLINE int
insert(struct seen *s, uint64_t v, uint16_t day)
{
	return s->width == 8 ? insert_fast_w(s, v, day, 8) :
	                       insert_fast_w(s, v, day, 4);
}

int
seen_insert(struct seen *s, uint64_t hash)
{
	return insert(s, value_of(s, hash), s->today);
}

int
seen_insert_day(struct seen *s, uint64_t hash, uint16_t day)
{
	return insert(s, value_of(s, hash), day);
}

size_t
seen_export(const struct seen *s, uint64_t *value, uint16_t *day)
{
	size_t n = 0, i, j, slots;

	slots = (size_t)1 << s->cur.bits;
	for (i = 0; i < slots; i++) {
		uint64_t v = get(s, &s->cur, i);

		if (v == 0)
			continue;
		value[n] = v;
		day[n] = s->stamped ? s->cur.day[i] : 0;
		n++;
	}
	if (s->old.slot == NULL)
		return n;
	slots = (size_t)1 << s->old.bits;
	for (i = 0; i < slots; i++) {
		uint64_t v = get(s, &s->old, i);

		/* an entry seen again was copied into cur */
		if (v == 0 || table_find(s, &s->cur, v, &j))
			continue;
		value[n] = v;
		day[n] = s->stamped ? s->old.day[i] : 0;
		n++;
	}
	return n;
}

int
seen_contains(const struct seen *s, uint64_t hash)
{
	uint64_t v = value_of(s, hash);
	size_t j;

	return table_find(s, &s->cur, v, &j) ||
	    (s->old.slot != NULL && table_find(s, &s->old, v, &j));
}

void
seen_prefetch(const struct seen *s, const uint64_t *hash, size_t n)
{
#if defined(__GNUC__)
	size_t i;

	for (i = 0; i < n; i++) {
		uint64_t v = value_of(s, hash[i]);

		__builtin_prefetch(
		    (const char *)s->cur.slot + home(s, &s->cur, v) * s->width);
		if (s->old.slot != NULL)
			__builtin_prefetch((const char *)s->old.slot +
			    home(s, &s->old, v) * s->width);
	}
#else
	(void)s;
	(void)hash;
	(void)n;
#endif
}

void
seen_clear(struct seen *s)
{
	size_t slots = (size_t)1 << s->cur.bits;

	table_free(s, &s->old);
	s->capped = 0;
	set_limit(s);
	/* A document that grew the table must not make every later
	 * document pay for clearing it: shrink when it was mostly empty,
	 * down to the least size (the per-document tables: clearing 4,096
	 * slots for each document was 1.7% of the instructions on the real
	 * bench slice, bench/profile.sh: 45.3 -> 44.7 per byte). */
	if (s->cur.bits > SEEN_MIN_BITS && s->cur.count * 8 < slots) {
		struct table t;

		if (table_alloc(s, &t, SEEN_MIN_BITS) == 0) {
			table_free(s, &s->cur);
			s->cur = t;
			set_limit(s);
			return;
		}
	}
	memset(s->cur.slot, 0, slots * s->width);
	if (s->stamped)
		memset(s->cur.day, 0, slots * sizeof(*s->cur.day));
	s->cur.count = 0;
}

size_t
seen_count(const struct seen *s)
{
	return s->cur.count + s->old.count;
}

size_t
seen_bytes(const struct seen *s)
{
	return table_bytes(s, &s->cur) + table_bytes(s, &s->old);
}

uint64_t
seen_evicted(const struct seen *s)
{
	return s->evicted;
}
