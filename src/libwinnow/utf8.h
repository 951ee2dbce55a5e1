/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * utf8.h - UTF-8 decoding, encoding, validation and repair.
 *
 * Validation follows RFC 3629: overlong forms, surrogates (U+D800..DFFF)
 * and values above U+10FFFF are invalid.  Repair replaces each maximal
 * invalid subpart (the Unicode "substitution of maximal subparts"
 * practice, also WHATWG's) with U+FFFD.
 */
#ifndef WN_UTF8_H
#define WN_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "wn.h"

#define UTF8_REPLACEMENT 0xFFFDu
#define UTF8_INVALID 0xFFFFFFFFu

/* Decode the code point at s (n > 0 bytes available).  Returns the number
 * of bytes consumed (1..4, never 0) and stores the code point in *cp, or
 * UTF8_INVALID when those bytes are a maximal invalid subpart. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Encode cp (<= 0x10FFFF, not a surrogate) into out.  Returns 1..4. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* The first i' >= i with s[i'] >= 0x80, or n: with SSE2 (every x86-64)
 * 32 and 16 bytes at a time, one load and a byte mask each; elsewhere 8
 * bytes at a time.  Inline: every pass over text starts with it, and
 * most runs it ends are a few dozen bytes. */
static inline size_t
utf8_ascii_end(const unsigned char *s, size_t i, size_t n)
{
#ifdef __SSE2__
	while (i + 32 <= n) {
		__m128i a =
		    _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i b = _mm_loadu_si128(
		    (const __m128i *)(const void *)(s + i + 16));
		unsigned m = (unsigned)_mm_movemask_epi8(a) |
		    (unsigned)_mm_movemask_epi8(b) << 16;

		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
		i += 32;
	}
	if (i + 16 <= n) {
		unsigned m = (unsigned)_mm_movemask_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)(s + i)));

		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
#else
	while (i + 8 <= n) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ull)
			break;
		i += 8;
	}
#endif
	while (i < n && s[i] < 0x80)
		i++;
	return i;
}

/* Length of the longest valid UTF-8 prefix of s. */
size_t utf8_valid_prefix(const char *s, size_t n);

/* Append s to out with every invalid subpart replaced by U+FFFD; adds the
 * number of replacements to *replaced.  Returns WN_OK or WN_ENOMEM. */
enum wn_status utf8_repair(
    const char *s, size_t n, struct wn_buf *out, uint64_t *replaced);

#endif
