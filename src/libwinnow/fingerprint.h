/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * fingerprint.h - word shingles, a rolling hash and winnowing: the
 * fingerprints by which near-duplicate paragraphs are found.
 */
#ifndef WN_FINGERPRINT_H
#define WN_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

#include "normalize.h"
#include "wn.h"

/* Shingle and window sizes chosen by measurement (fingerprint.c). */
#define FINGERPRINT_DEFAULT_N 5
#define FINGERPRINT_DEFAULT_W 8
#define FINGERPRINT_MAX_N 32
#define FINGERPRINT_MAX_W 64

struct fingerprint_list {
	uint64_t *v;
	size_t n;
	size_t cap;
};

/* Append to out the winnowed fingerprints of key's words: the rolling
 * hash of every n consecutive words, and the minimum of each window of w
 * consecutive such hashes (each selected position once).  A paragraph of
 * fewer than n words has none; one with fewer than w shingles gives its
 * single minimum.  Returns WN_OK or WN_ENOMEM. */
enum wn_status fingerprint_compute(const struct normalize_key *key, unsigned n,
    unsigned w, struct fingerprint_list *out);

/* Hash of one word (exposed for tests). */
uint64_t fingerprint_word(const char *p, size_t len);

/* fingerprint_word() of each of n words of text, word k ending at
 * end[k] (and starting at end[k - 1], or 0), into h[0..n). */
void fingerprint_words(
    const char *text, const uint32_t *end, size_t n, uint64_t *h);

/* The mixed shingle hash of the n word hashes h[0..n), computed from
 * scratch (exposed so tests can check the rolled values). */
uint64_t fingerprint_shingle(const uint64_t *h, unsigned n);

/* Frees the storage of l (not l itself). */
void fingerprint_list_free(struct fingerprint_list *l);

#endif
