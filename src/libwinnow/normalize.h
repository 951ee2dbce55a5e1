/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * normalize.h - the two normalizations of winnow.
 *
 * normalize_text() makes the text that is written out: valid UTF-8 (bad
 * bytes become U+FFFD), HTML entities decoded, NFC, no C0/C1 controls but
 * tab and newline, Unicode spaces as ' ', runs of spaces collapsed, lines
 * trimmed, CRLF and CR as LF.
 *
 * normalize_key() makes the matching key of a paragraph, far more
 * aggressive, so that typographic variants of one paragraph collide:
 * NFKC, case-folded, punctuation (quotes, dashes, apostrophes...),
 * modifier symbols, controls and whitespace removed.  Punctuation and
 * whitespace also end a word; the key keeps the word boundaries so that
 * the near-duplicate stage can shingle it.
 */
#ifndef WN_NORMALIZE_H
#define WN_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "wn.h"

/* Bumped whenever either normalization changes its output: keys stored
 * in a state file are only comparable under the same version. */
#define NORMALIZE_VERSION 1

struct normalize_stats {
	uint64_t invalid_utf8; /* maximal invalid subparts replaced */
	uint64_t entities;     /* HTML entities decoded */
	uint64_t controls;     /* control characters removed */
};

/* A paragraph's matching key: the folded characters of every word,
 * concatenated without separators, and where each word ends. */
struct normalize_key {
	struct wn_buf text;
	uint32_t *word_end; /* word i is text[word_end[i-1]..word_end[i]) */
	size_t nwords;
	size_t cap;
	/* fingerprint_word() of each word, when a caller made them once for
	 * the boilerplate and fingerprint passes; NULL otherwise (borrowed;
	 * normalize_key() sets it NULL) */
	const uint64_t *word_hash;
	/* set by the caller: only the words are counted, word_end[] may be
	 * left unfilled (a key that is only hashed whole) */
	int count_only;
	/* set by normalize_key(): 1 when the text given was all ASCII (0
	 * when it was not, or when the code that ran did not look) */
	int ascii;
};

struct normalizer;

/* Returns a normalizer (scratch buffers for the calls below), or NULL
 * when out of memory.  Free with normalize_free(). */
struct normalizer *normalize_new(void);
/* Frees n; accepts NULL. */
void normalize_free(struct normalizer *n);
/* Whether normalize_key() may use its SSSE3 code, where the processor
 * has it (the default); the keys are the same either way (for tests,
 * which check both).  Returns whether it will. */
int normalize_use_ssse3(struct normalizer *n, int on);
/* Whether normalize_key() may fold the letters of the common cased
 * scripts one by one from a table, without utf8proc (the default); the
 * keys are the same either way (for tests).  Returns on. */
int normalize_use_simple_fold(struct normalizer *n, int on);

/* Append the output form of s[0..len) to out and add what was repaired to
 * *st.  s may hold any bytes.  Returns WN_OK or WN_ENOMEM. */
enum wn_status normalize_text(struct normalizer *n, const char *s, size_t len,
    struct wn_buf *out, struct normalize_stats *st);
/* The same, with flags: NORMALIZE_NO_ENTITIES leaves '&' sequences alone
 * (text whose entities were already decoded, such as HTML's). */
#define NORMALIZE_NO_ENTITIES 1u
enum wn_status normalize_text_flags(struct normalizer *n, const char *s,
    size_t len, struct wn_buf *out, struct normalize_stats *st, unsigned flags);

/* Replace *key with the matching key of s[0..len), which must already be
 * the output of normalize_text().  Returns WN_OK or WN_ENOMEM. */
enum wn_status normalize_key(
    struct normalizer *n, const char *s, size_t len, struct normalize_key *key);

/* Does s[0..len) (valid UTF-8) hold a letter or a digit (a character of
 * Unicode's categories L or N)?  A paragraph of bullets, stars or
 * dashes does not. */
int normalize_has_alnum(const char *s, size_t len);

/* Frees the storage of key (not key itself). */
void normalize_key_free(struct normalize_key *key);

/* Is cp left as it is by NFC whatever surrounds it: combining class 0,
 * never the second of a canonical composition, no singleton or
 * exclusion?  (Latin-1 and Latin Extended, IPA, Cyrillic but its marks,
 * general punctuation, currency signs, U+FFFD, enclosed alphanumerics,
 * fullwidth ASCII, Greek and Armenian capitals, and the characters
 * below.) */
int normalize_nfc_stable(uint32_t cp);
/* As normalize_nfc_stable(), and left as it is by the key's NFKC and case
 * folding too: kana, the unified ideographs, Hangul syllables, CJK
 * punctuation, arrows, box drawing, shapes, dingbats, emoji, and the
 * letters and digits of Greek (small, but final sigma), Armenian (small),
 * Hebrew, Arabic, Devanagari, Thai and Georgian.  Combining marks, kana
 * voicing marks and Hangul's trailing jamo, which compose, are not. */
int normalize_fold_stable(uint32_t cp);

/* Decode the HTML character references of s[0..len) into out (exposed
 * for tests).  Adds the number decoded to *count.  Returns WN_OK or
 * WN_ENOMEM. */
enum wn_status normalize_entities(
    const char *s, size_t len, struct wn_buf *out, uint64_t *count);

#endif
