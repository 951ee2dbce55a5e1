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

#include "wn.h"

#define UTF8_REPLACEMENT 0xFFFDu
#define UTF8_INVALID 0xFFFFFFFFu

/* Decode the code point at s (n > 0 bytes available).  Returns the number
 * of bytes consumed (1..4, never 0) and stores the code point in *cp, or
 * UTF8_INVALID when those bytes are a maximal invalid subpart. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Encode cp (<= 0x10FFFF, not a surrogate) into out.  Returns 1..4. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* Length of the longest valid UTF-8 prefix of s. */
size_t utf8_valid_prefix(const char *s, size_t n);

/* Append s to out with every invalid subpart replaced by U+FFFD; adds the
 * number of replacements to *replaced.  Returns WN_OK or WN_ENOMEM. */
enum wn_status utf8_repair(const char *s, size_t n, struct wn_buf *out,
    uint64_t *replaced);

#endif
