/*
 * fingerprint.c - rolling hash and winnowing (fingerprint.h).
 *
 *  1. Each word of the matching key (normalize.c: case-folded, NFKC,
 *     punctuation removed) is hashed with XXH3-64.
 *  2. A shingle is n consecutive words.  Its rolling hash is the buzhash
 *     R = rotl(h[i],n-1) ^ rotl(h[i+1],n-2) ^ ... ^ h[i+n-1]; the next
 *     one is rotl(R,1) ^ rotl(h[i],n) ^ h[i+n], one step per word.  The
 *     value is then mixed (the 64-bit finalizer of MurmurHash3), because
 *     the XOR of rotations keeps patterns that winnowing's minimum and the
 *     table's top-bit index would see.
 *  3. Winnowing (Schleimer, Wilkerson, Aiken, SIGMOD 2003): in each window
 *     of w consecutive shingle hashes select the minimum, the rightmost
 *     on ties, and record it once per position.  Any run of w+n-1 words
 *     shared by two paragraphs contains a full window, whose selection is
 *     the same in both: they share a fingerprint.  About 2/(w+1) of the
 *     shingles are selected.
 *  4. Fewer than w shingles: the one minimum ("robust winnowing" for short
 *     texts); fewer than n words: no fingerprint.
 *
 * n = 5, w = 8 (guaranteed detection of a shared run of 12 words, 22% of
 * shingles stored), chosen on bench/gen.py's corpus: see bench/RESULTS.md.
 * Known weaknesses: a change every few words (a paraphrase) leaves no
 * shared run; word order matters within a shingle only.
 */
#include "config.h"

#include <stdlib.h>

/* inlined: most of what is hashed is one word, and a call through the
 * library costs more than hashing it */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "fingerprint.h"

#define FINGERPRINT_SEED 0x77696e6e6f7731ull

static inline uint64_t
rotl(uint64_t x, unsigned r)
{
	r &= 63;
	return r ? (x << r) | (x >> (64 - r)) : x;
}

static inline uint64_t
mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	x ^= x >> 33;
	return x;
}

uint64_t
fingerprint_word(const char *p, size_t len)
{
	return XXH3_64bits_withSeed(p, len, FINGERPRINT_SEED);
}

void
fingerprint_words(const char *text, const uint32_t *end, size_t n,
    uint64_t *h)
{
	size_t k, a = 0;

	for (k = 0; k < n; k++) {
		size_t len = end[k] - a;

#if defined(XXH_VERSION_NUMBER) && XXH_VERSION_NUMBER >= 800
		/* most words: XXH3's own short-input path, inline (what
		 * XXH3_64bits_withSeed() does for them, without the call
		 * and the other lengths' branches) */
		if (len <= 16)
			h[k] = XXH3_len_0to16_64b((const xxh_u8 *)text + a,
			    len, XXH3_kSecret, FINGERPRINT_SEED);
		else
#endif
			h[k] = XXH3_64bits_withSeed(text + a, len,
			    FINGERPRINT_SEED);
		a = end[k];
	}
}

uint64_t
fingerprint_shingle(const uint64_t *h, unsigned n)
{
	uint64_t r = 0;
	unsigned i;

	for (i = 0; i < n; i++)
		r ^= rotl(h[i], n - 1 - i);
	return mix(r);
}

static enum wn_status
push(struct fingerprint_list *l, uint64_t v)
{
	if (wn_grow(&l->v, &l->cap, l->n, sizeof(*l->v)) != WN_OK)
		return WN_ENOMEM;
	l->v[l->n++] = v;
	return WN_OK;
}

enum wn_status
fingerprint_compute(const struct normalize_key *key, unsigned n, unsigned w,
    struct fingerprint_list *out)
{
	uint64_t word[FINGERPRINT_MAX_N + 1];	/* ring of word hashes */
	uint64_t win[FINGERPRINT_MAX_W];	/* ring of shingle hashes */
	size_t i, nshingles, last = (size_t)-1, start = 0;
	/* ring positions, kept without division: wi of word i (mod n+1),
	 * wp of shingle s (mod w) */
	size_t wi = 0, wp = 0;
	uint64_t r = 0;
	uint64_t best = 0;	/* the window's rightmost minimum */
	size_t off = 0;		/* and its shingle index */

	if (n < 1 || n > FINGERPRINT_MAX_N || w < 1 || w > FINGERPRINT_MAX_W)
		return WN_EUSAGE;
	if (key->nwords < n)
		return WN_OK;
	nshingles = key->nwords - n + 1;
	for (i = 0; i < key->nwords; i++) {
		size_t end = key->word_end[i];
		uint64_t h = key->word_hash ? key->word_hash[i] :
		    fingerprint_word(key->text.data + start, end - start);
		size_t s, p, t;		/* s: the shingle ending at word i */
		uint64_t v;

		start = end;
		word[wi] = h;
		/* word i-n sits where word i+1 will: (i - n) = (i + 1) mod n+1 */
		t = wi + 1 == n + 1 ? 0 : wi + 1;
		wi = t;
		if (i + 1 < n) {
			r ^= rotl(h, n - 1 - (unsigned)i);
			continue;
		}
		if (i + 1 == n)
			r ^= h;
		else
			r = rotl(r, 1) ^ rotl(word[t], n) ^ h;
		s = i + 1 - n;
		v = mix(r);
		win[wp] = v;
		/* the window's rightmost minimum, kept as shingles come in:
		 * a new one at or below it is the new one; else it stays,
		 * unless it has left the window, and only then is the
		 * window scanned again (oldest first, from ring position
		 * wp + 1) */
		if (s == 0 || v <= best) {
			best = v;
			off = s;
		} else if (s >= w && off < s + 1 - w) {
			p = wp + 1 == w ? 0 : wp + 1;
			best = win[p];
			off = s + 1 - w;
			for (t = 1; t < w; t++) {
				p = p + 1 == w ? 0 : p + 1;
				if (win[p] <= best) {
					best = win[p];
					off = s + 1 - w + t;
				}
			}
		}
		if (s + 1 < w && s + 1 < nshingles) {
			wp = wp + 1 == w ? 0 : wp + 1;
			continue;
		}
		if (off != last) {
			if (push(out, best) != WN_OK)
				return WN_ENOMEM;
			last = off;
		}
		wp = wp + 1 == w ? 0 : wp + 1;
	}
	return WN_OK;
}

void
fingerprint_list_free(struct fingerprint_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
