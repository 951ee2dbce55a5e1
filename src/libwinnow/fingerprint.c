/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
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

_Static_assert(FINGERPRINT_MAX_W <= 64, "fingerprint_compute()'s ring");

/* x rotated left by r (0..63): one instruction, for any r */
static inline uint64_t
rotl(uint64_t x, unsigned r)
{
	r &= 63;
	return (x << r) | (x >> ((64 - r) & 63));
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
fingerprint_words(const char *text, const uint32_t *end, size_t n, uint64_t *h)
{
	size_t k, a = 0;

	for (k = 0; k < n; k++) {
		size_t len = end[k] - a;

#if defined(XXH_VERSION_NUMBER) && XXH_VERSION_NUMBER >= 800
		/* most words: XXH3's own short-input path, inline (what
		 * XXH3_64bits_withSeed() does for them, without the call
		 * and the other lengths' branches) */
		if (len <= 16)
			h[k] = XXH3_len_0to16_64b((const xxh_u8 *)text + a, len,
			    XXH3_kSecret, FINGERPRINT_SEED);
		else
#endif
			h[k] = XXH3_64bits_withSeed(
			    text + a, len, FINGERPRINT_SEED);
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

/*
 * The shingle hashes are rolled over the word hashes, and each goes into a
 * ring of the last 64 (w <= 64: a window's are all there, at s & 63).
 * The window's rightmost minimum is kept as shingles come in: a new one at
 * or below it is the new one; else it stays, unless it has left the
 * window, and only then is the window scanned again, oldest first.  Room
 * for every fingerprint the paragraph can give is made once.
 */
enum wn_status
fingerprint_compute(const struct normalize_key *key, unsigned n, unsigned w,
    struct fingerprint_list *out)
{
	uint64_t win[64]; /* a power of two, and w <= 64 */
	uint64_t *own = NULL, *ov, r = 0, best = 0;
	const uint64_t *h = key->word_hash;
	size_t i, s, ns, on, off = 0, last = (size_t)-1;

	if (n < 1 || n > FINGERPRINT_MAX_N || w < 1 || w > FINGERPRINT_MAX_W)
		return WN_EUSAGE;
	if (key->nwords < n)
		return WN_OK;
	ns = key->nwords - n + 1;
	if (wn_grow(&out->v, &out->cap, out->n + ns, sizeof(*out->v)) != WN_OK)
		return WN_ENOMEM;
	if (h == NULL) {
		if ((own = malloc(key->nwords * sizeof(*own))) == NULL)
			return WN_ENOMEM;
		fingerprint_words(
		    key->text.data, key->word_end, key->nwords, own);
		h = own;
	}
	for (i = 0; i < n; i++)
		r ^= rotl(h[i], n - 1 - (unsigned)i);
	best = mix(r);
	win[0] = best;
	/* in locals: stores through ov could alias *out */
	ov = out->v;
	on = out->n;
	for (s = 0; s < ns; s++) {
		uint64_t v;
		int take;

		/* shingle s is words s..s+n-1 */
		if (s > 0) {
			r = rotl(r, 1) ^ rotl(h[s - 1], n) ^ h[s + n - 1];
			v = mix(r);
			win[s & 63] = v;
			/* a new minimum: about one shingle in w, at random,
			 * so chosen without a branch */
			take = v <= best;
			best = take ? v : best;
			off ^= (off ^ s) & (0 - (size_t)take);
			/* (not after a new one: then off == s) */
			if (off + w <= s) {
				size_t t;

				off = s + 1 - w;
				best = win[off & 63];
				/* without a branch: which of the w is the
				 * minimum is random, and a branch on it was
				 * mispredicted about twice per scan */
				for (t = off + 1; t <= s; t++) {
					uint64_t x = win[t & 63];
					int le = x <= best;

					best = le ? x : best;
					off = le ? t : off;
				}
			}
		}
		/* the first window ends at shingle w - 1 (or at the last,
		 * when there are fewer) */
		if (s + 1 < w && s + 1 < ns)
			continue;
		/* kept once per position (stored always, counted when
		 * new: again no branch to guess) */
		ov[on] = best;
		on += off != last;
		last = off;
	}
	out->n = on;
	free(own);
	return WN_OK;
}

void
fingerprint_list_free(struct fingerprint_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
