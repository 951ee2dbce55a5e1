/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * json.h - a strict JSON (RFC 8259) scanner that locates fields without
 * building a tree, and the string decoder and encoder.
 *
 * winnow splices its new text into the original bytes of a JSONL record,
 * so every field it does not own is passed through byte for byte
 * (doc/design.md §1: a DOM round trip rewrites 1e2 and big integers).
 */
#ifndef WN_JSON_H
#define WN_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "wn.h"

#define JSON_MAX_DEPTH 1000

enum json_type {
	JSON_NONE = 0, /* field absent */
	JSON_STRING,
	JSON_NUMBER,
	JSON_OBJECT,
	JSON_ARRAY,
	JSON_TRUE,
	JSON_FALSE,
	JSON_NULL
};

/* Where a value lies in the scanned text: [off, end). */
struct json_value {
	enum json_type type;
	size_t off;
	size_t end;
};

/* Scan s[0..n), which must hold one JSON object with optional white
 * space around it.  For each names[i] found among the object's top-level
 * keys, fill vals[i]; absent names get type JSON_NONE.  *close receives
 * the offset of the object's closing brace.  Returns WN_OK, or WN_EDATA
 * with e->msg saying what is wrong and at which byte. */
enum wn_status json_scan_object(const char *s, size_t n,
    const char *const names[], size_t nnames, struct json_value vals[],
    size_t *close, struct wn_error *e);

/* Append the top-level keys of the JSON object s[0..n) to out as they are
 * written (with their quotes), separated by ", ", at most max of them
 * (then ", ..."); stops quietly where s is not JSON.  For messages.
 * Returns WN_OK or WN_ENOMEM. */
enum wn_status json_keys(
    const char *s, size_t n, size_t max, struct wn_buf *out);

/* Decode the JSON string value at s[0..n) (with its quotes, already
 * validated by json_scan_object) and append its UTF-8 bytes to out.  A
 * lone surrogate escape becomes U+FFFD and is counted in *bad.  Returns
 * WN_OK or WN_ENOMEM. */
enum wn_status json_string_decode(
    const char *s, size_t n, struct wn_buf *out, uint64_t *bad);

/* Append s[0..n) (valid UTF-8) as a quoted JSON string to out, escaping
 * '"', '\\', controls, U+2028 and U+2029.  Returns WN_OK or WN_ENOMEM. */
enum wn_status json_string_encode(const char *s, size_t n, struct wn_buf *out);

#endif
