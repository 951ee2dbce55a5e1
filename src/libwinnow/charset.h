/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * charset.h - character encodings of web pages: WHATWG labels, decoding
 * to UTF-8, and detection when a page declares none.
 */
#ifndef WN_CHARSET_H
#define WN_CHARSET_H

#include <stddef.h>

#include "wn.h"

/* The WHATWG Encoding Standard's name of the encoding label[0..n) names
 * (ASCII case-insensitive, white space around it ignored), such as
 * "windows-1252" for "Latin1", or NULL when the standard lists no such
 * label ("utf-7"). */
const char *charset_from_label(const char *label, size_t n);

/* The encoding of a byte order mark at the start of p[0..n) ("UTF-8",
 * "UTF-16BE", "UTF-16LE") with its length in *len, or NULL. */
const char *charset_bom(const char *p, size_t n, size_t *len);

/* Replace out's contents with p[0..n) decoded from encoding enc (a name
 * charset_from_label() returns) to UTF-8; bytes that are not valid in
 * enc become U+FFFD, and UTF-8 is copied as it is (repaired later, by
 * normalization).  Returns WN_OK or WN_ENOMEM. */
enum wn_status charset_decode(
    const char *enc, const char *p, size_t n, struct wn_buf *out);

/* The encoding libuchardet reads p[0..n) as, or "windows-1252" when it
 * names none the standard knows (for pages that are not UTF-8 and
 * declare nothing). */
const char *charset_detect(const char *p, size_t n);

/* What charset_detect() makes of a name libuchardet gave for p[0..n)
 * (a standard name): the name, or the encoding the bytes show it is
 * instead (charset.c, step 3).  Exposed for the tests. */
const char *charset_check(const char *name, const char *p, size_t n);

#endif
