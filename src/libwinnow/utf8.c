/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * utf8.c - UTF-8 decoding, encoding, validation and repair (see utf8.h).
 *
 * The hot path is ASCII: utf8_valid_prefix() skips runs of bytes below
 * 0x80 with utf8_ascii_end() (utf8.h), 16 or 32 bytes a step.
 */
#include "config.h"

#include <string.h>

#include "utf8.h"

size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned c = s[0];
	unsigned lo = 0x80, hi = 0xBF;
	size_t len, i;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xC2 || c > 0xF4) {
		*cp = UTF8_INVALID;
		return 1;
	}
	if (c < 0xE0) {
		len = 2;
		v = c & 0x1F;
	} else if (c < 0xF0) {
		len = 3;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0; /* overlong */
		else if (c == 0xED)
			hi = 0x9F; /* surrogates */
	} else {
		len = 4;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90; /* overlong */
		else if (c == 0xF4)
			hi = 0x8F; /* above U+10FFFF */
	}
	for (i = 1; i < len; i++) {
		unsigned b;

		if (i >= n) {
			*cp = UTF8_INVALID;
			return i;
		}
		b = s[i];
		if (b < lo || b > hi) {
			*cp = UTF8_INVALID;
			return i;
		}
		lo = 0x80;
		hi = 0xBF;
		v = (v << 6) | (b & 0x3F);
	}
	*cp = v;
	return len;
}

size_t
utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t
utf8_valid_prefix(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	uint32_t cp;

	while ((i = utf8_ascii_end(p, i, n)) < n) {
		/* the run of non-ASCII characters here: the common two- and
		 * three-byte forms checked inline (a call per character was
		 * 3% of the instructions on the real-text bench corpus) */
		do {
			unsigned c = p[i];
			size_t k;

			if (c >= 0xC2 && c <= 0xDF && i + 1 < n &&
			    (p[i + 1] & 0xC0) == 0x80) {
				i += 2;
				continue;
			}
			if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < n &&
			    (p[i + 1] & 0xC0) == 0x80 &&
			    (p[i + 2] & 0xC0) == 0x80) {
				i += 3;
				continue;
			}
			k = utf8_decode(p + i, n - i, &cp);
			if (cp == UTF8_INVALID)
				return i;
			i += k;
		} while (i < n && p[i] >= 0x80);
	}
	return i;
}

enum wn_status
utf8_repair(const char *s, size_t n, struct wn_buf *out, uint64_t *replaced)
{
	static const char fffd[3] = { (char)0xEF, (char)0xBF, (char)0xBD };
	size_t i = 0;

	while (i < n) {
		size_t ok = utf8_valid_prefix(s + i, n - i);
		uint32_t cp;

		if (wn_buf_append(out, s + i, ok) != WN_OK)
			return WN_ENOMEM;
		i += ok;
		if (i >= n)
			break;
		i += utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (wn_buf_append(out, fffd, 3) != WN_OK)
			return WN_ENOMEM;
		(*replaced)++;
	}
	return WN_OK;
}
