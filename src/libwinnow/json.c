/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * json.c - strict JSON scanning, string decoding and encoding (json.h).
 *
 * The scanner is a recursive descent over RFC 8259's grammar that only
 * records offsets; it checks everything a strict parser checks (number
 * syntax, escapes, raw control characters in strings, trailing garbage)
 * and caps nesting at JSON_MAX_DEPTH so hostile input cannot exhaust the
 * stack.  UTF-8 validity is checked by the caller (the text field may be
 * repaired, the other bytes must be valid).
 */
#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "json.h"
#include "utf8.h"

struct scan {
	const char *s;
	size_t n;
	size_t i;
	struct wn_error *e;
};

static enum wn_status value(struct scan *sc, int depth, enum json_type *t);

static enum wn_status
bad(struct scan *sc, const char *what)
{
	return wn_fail(
	    sc->e, WN_EDATA, "invalid JSON: %s at byte %zu", what, sc->i + 1);
}

static void
ws(struct scan *sc)
{
	while (sc->i < sc->n) {
		char c = sc->s[sc->i];

		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		sc->i++;
	}
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The first i' >= i with s[i'] a quote, a backslash, a control
 * character or (with e2) the byte 0xE2, or n: 16 bytes at a time with
 * SSE2, then eight at a time
 * (Mycroft's has-zero-byte test, on the bytes xor the one sought, and
 * the has-less-than test for controls). */
static inline size_t
plain_run(const unsigned char *s, size_t i, size_t n, int e2)
{
	const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
#ifdef __SSE2__
	/* 16 bytes at a time: a byte is a control when min(x, 0x1F) == x,
	 * unsigned */
	const __m128i quote = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\'),
	              c1f = _mm_set1_epi8(0x1F),
	              ee2 = _mm_set1_epi8(e2 ? (char)0xE2 : '"');

	while (i + 16 <= n) {
		__m128i x =
		    _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote),
		                             _mm_cmpeq_epi8(x, bs)),
		    _mm_or_si128(_mm_cmpeq_epi8(x, ee2),
		        _mm_cmpeq_epi8(_mm_min_epu8(x, c1f), x)));
		unsigned mm = (unsigned)_mm_movemask_epi8(m);

		if (mm != 0) /* where the byte loop below would stop */
			return i + (size_t)__builtin_ctz(mm);
		i += 16;
	}
#endif
	while (i + 8 <= n) {
		uint64_t x, q, b, c, e;

		memcpy(&x, s + i, 8);
		q = x ^ (ones * '"');
		b = x ^ (ones * '\\');
		e = e2 ? x ^ (ones * 0xE2) : ~(uint64_t)0;
		c = ((q - ones) & ~q) | ((b - ones) & ~b) | ((e - ones) & ~e) |
		    ((x - ones * 0x20) & ~x);
		if (c & high)
			break;
		i += 8;
	}
	for (; i < n; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\' || c < 0x20 || (e2 && c == 0xE2))
			break;
	}
	return i;
}

/* sc->i at the opening quote; on success sc->i is past the closing one. */
static enum wn_status
string(struct scan *sc, int *has_escape)
{
	const char *s = sc->s;
	size_t i = sc->i + 1;

	*has_escape = 0;
	for (;;) {
		/* skip the plain bytes quickly */
		i = plain_run((const unsigned char *)s, i, sc->n, 0);
		if (i >= sc->n) {
			sc->i = i;
			return bad(sc, "unterminated string");
		}
		if (s[i] == '"')
			break;
		if ((unsigned char)s[i] < 0x20) {
			sc->i = i;
			return bad(sc, "control character in string");
		}
		*has_escape = 1;
		if (i + 1 >= sc->n) {
			sc->i = i;
			return bad(sc, "unterminated string");
		}
		switch (s[i + 1]) {
		case '"':
		case '\\':
		case '/':
		case 'b':
		case 'f':
		case 'n':
		case 'r':
		case 't':
			i += 2;
			break;
		case 'u':
			if (i + 6 > sc->n || hexval(s[i + 2]) < 0 ||
			    hexval(s[i + 3]) < 0 || hexval(s[i + 4]) < 0 ||
			    hexval(s[i + 5]) < 0) {
				sc->i = i;
				return bad(sc, "bad \\u escape");
			}
			i += 6;
			break;
		default:
			sc->i = i;
			return bad(sc, "bad escape");
		}
	}
	sc->i = i + 1;
	return WN_OK;
}

static enum wn_status
number(struct scan *sc)
{
	const char *s = sc->s;
	size_t i = sc->i, n = sc->n, d;

	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0') {
		i++;
	} else {
		for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return bad(sc, "bad number");
	}
	if (i < n && s[i] == '.') {
		for (d = ++i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return bad(sc, "bad number");
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return bad(sc, "bad number");
	}
	sc->i = i;
	return WN_OK;
}

static enum wn_status
literal(struct scan *sc, const char *word)
{
	size_t k = strlen(word);

	if (sc->n - sc->i < k || memcmp(sc->s + sc->i, word, k) != 0)
		return bad(sc, "unexpected character");
	sc->i += k;
	return WN_OK;
}

static enum wn_status
object_or_array(struct scan *sc, int depth, int is_object)
{
	char close = is_object ? '}' : ']';
	enum json_type t;
	int esc;

	if (depth >= JSON_MAX_DEPTH)
		return bad(sc, "nesting too deep");
	sc->i++;
	ws(sc);
	if (sc->i < sc->n && sc->s[sc->i] == close) {
		sc->i++;
		return WN_OK;
	}
	for (;;) {
		if (is_object) {
			if (sc->i >= sc->n || sc->s[sc->i] != '"')
				return bad(sc, "expected a key");
			if (string(sc, &esc) != WN_OK)
				return WN_EDATA;
			ws(sc);
			if (sc->i >= sc->n || sc->s[sc->i] != ':')
				return bad(sc, "expected ':'");
			sc->i++;
			ws(sc);
		}
		if (value(sc, depth + 1, &t) != WN_OK)
			return WN_EDATA;
		ws(sc);
		if (sc->i < sc->n && sc->s[sc->i] == ',') {
			sc->i++;
			ws(sc);
			continue;
		}
		if (sc->i < sc->n && sc->s[sc->i] == close) {
			sc->i++;
			return WN_OK;
		}
		return bad(sc,
		    is_object ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static enum wn_status
value(struct scan *sc, int depth, enum json_type *t)
{
	int esc;

	if (sc->i >= sc->n)
		return bad(sc, "unexpected end");
	switch (sc->s[sc->i]) {
	case '{':
		*t = JSON_OBJECT;
		return object_or_array(sc, depth, 1);
	case '[':
		*t = JSON_ARRAY;
		return object_or_array(sc, depth, 0);
	case '"':
		*t = JSON_STRING;
		return string(sc, &esc);
	case 't':
		*t = JSON_TRUE;
		return literal(sc, "true");
	case 'f':
		*t = JSON_FALSE;
		return literal(sc, "false");
	case 'n':
		*t = JSON_NULL;
		return literal(sc, "null");
	default:
		*t = JSON_NUMBER;
		return number(sc);
	}
}

/* Does the key at s[off..end) (with quotes) equal name? */
static int
key_is(const char *s, size_t off, size_t end, int esc, const char *name)
{
	size_t klen = end - off - 2, nlen = strlen(name);

	if (!esc)
		return klen == nlen && memcmp(s + off + 1, name, nlen) == 0;
	{
		struct wn_buf b = { NULL, 0, 0 };
		uint64_t ignored = 0;
		int same;

		/* a key longer than 6x the name cannot decode to it */
		if (klen > nlen * 6 + 6)
			return 0;
		same = json_string_decode(s + off, end - off, &b, &ignored) ==
		        WN_OK &&
		    b.len == nlen && memcmp(b.data, name, nlen) == 0;
		wn_buf_free(&b);
		return same;
	}
}

enum wn_status
json_keys(const char *s, size_t n, size_t max, struct wn_buf *out)
{
	struct wn_error e;
	struct scan sc = { s, n, 0, &e };
	size_t k = 0;

	ws(&sc);
	if (sc.i >= n || s[sc.i] != '{')
		return WN_OK;
	sc.i++;
	ws(&sc);
	while (sc.i < n && s[sc.i] == '"') {
		size_t koff = sc.i;
		int esc;
		enum json_type t;

		if (string(&sc, &esc) != WN_OK)
			return WN_OK;
		if (k == max)
			return wn_buf_append(out, ", ...", 5);
		if ((k > 0 && wn_buf_append(out, ", ", 2) != WN_OK) ||
		    wn_buf_append(out, s + koff, sc.i - koff) != WN_OK)
			return WN_ENOMEM;
		k++;
		ws(&sc);
		if (sc.i >= n || s[sc.i] != ':')
			return WN_OK;
		sc.i++;
		ws(&sc);
		if (value(&sc, 1, &t) != WN_OK)
			return WN_OK;
		ws(&sc);
		if (sc.i >= n || s[sc.i] != ',')
			return WN_OK;
		sc.i++;
		ws(&sc);
	}
	return WN_OK;
}

enum wn_status
json_scan_object(const char *s, size_t n, const char *const names[],
    size_t nnames, struct json_value vals[], size_t *close, struct wn_error *e)
{
	struct scan sc = { s, n, 0, e };
	size_t k;

	for (k = 0; k < nnames; k++)
		vals[k].type = JSON_NONE;
	ws(&sc);
	if (sc.i >= n || s[sc.i] != '{')
		return bad(&sc, "a record must be an object");
	sc.i++;
	ws(&sc);
	if (sc.i < n && s[sc.i] == '}') {
		*close = sc.i++;
		goto trailer;
	}
	for (;;) {
		size_t koff, kend;
		int esc;
		struct json_value v;

		if (sc.i >= n || s[sc.i] != '"')
			return bad(&sc, "expected a key");
		koff = sc.i;
		if (string(&sc, &esc) != WN_OK)
			return WN_EDATA;
		kend = sc.i;
		ws(&sc);
		if (sc.i >= n || s[sc.i] != ':')
			return bad(&sc, "expected ':'");
		sc.i++;
		ws(&sc);
		v.off = sc.i;
		if (value(&sc, 1, &v.type) != WN_OK)
			return WN_EDATA;
		v.end = sc.i;
		for (k = 0; k < nnames; k++) {
			if (!key_is(s, koff, kend, esc, names[k]))
				continue;
			if (vals[k].type != JSON_NONE) {
				sc.i = koff;
				return wn_fail(e, WN_EDATA,
				    "duplicate key \"%s\" at byte %zu",
				    names[k], koff + 1);
			}
			vals[k] = v;
		}
		ws(&sc);
		if (sc.i < n && s[sc.i] == ',') {
			sc.i++;
			ws(&sc);
			continue;
		}
		if (sc.i < n && s[sc.i] == '}') {
			*close = sc.i++;
			break;
		}
		return bad(&sc, "expected ',' or '}'");
	}
trailer:
	ws(&sc);
	if (sc.i != n)
		return bad(&sc, "garbage after the object");
	return WN_OK;
}

enum wn_status
json_string_decode(
    const char *s, size_t n, struct wn_buf *out, uint64_t *badcount)
{
	size_t i = 1, end = n - 1; /* inside the quotes */
	char *o;

	/* every escape is longer than what it stands for (at most 3 bytes
	 * for \uXXXX, 4 for a pair of 12): n bytes are room enough, and
	 * the bytes are written in place */
	if (wn_buf_reserve(out, n) != WN_OK)
		return WN_ENOMEM;
	o = out->data + out->len;
	while (i < end) {
		const char *bs = memchr(s + i, '\\', end - i);
		size_t plain = bs ? (size_t)(bs - (s + i)) : end - i;
		uint32_t cp;

		memcpy(o, s + i, plain);
		o += plain;
		i += plain;
		if (i >= end)
			break;
		switch (s[i + 1]) {
		case 'b':
			*o++ = '\b';
			i += 2;
			continue;
		case 'f':
			*o++ = '\f';
			i += 2;
			continue;
		case 'n':
			*o++ = '\n';
			i += 2;
			continue;
		case 'r':
			*o++ = '\r';
			i += 2;
			continue;
		case 't':
			*o++ = '\t';
			i += 2;
			continue;
		case 'u':
			break;
		default: /* \" \\ \/ (the scan let no other through) */
			*o++ = s[i + 1];
			i += 2;
			continue;
		}
		cp = (uint32_t)(hexval(s[i + 2]) << 12 | hexval(s[i + 3]) << 8 |
		    hexval(s[i + 4]) << 4 | hexval(s[i + 5]));
		if (cp >= 0xD800 && cp <= 0xDBFF && i + 12 <= end &&
		    s[i + 6] == '\\' && s[i + 7] == 'u') {
			uint32_t lo = (uint32_t)(hexval(s[i + 8]) << 12 |
			    hexval(s[i + 9]) << 8 | hexval(s[i + 10]) << 4 |
			    hexval(s[i + 11]));

			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				    (lo - 0xDC00);
				i += 6;
			}
		}
		if (cp >= 0xD800 && cp <= 0xDFFF) {
			cp = UTF8_REPLACEMENT;
			(*badcount)++;
		}
		i += 6;
		o += utf8_encode(cp, o);
	}
	out->len = (size_t)(o - out->data);
	return WN_OK;
}

enum wn_status
json_string_encode(const char *s, size_t n, struct wn_buf *out)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, run;

	if (wn_buf_reserve(out, n + 2) != WN_OK || wn_buf_putc(out, '"'))
		return WN_ENOMEM;
	while (i < n) {
		const unsigned char *p = (const unsigned char *)s;
		char esc[6];
		size_t k = 2;

		for (run = i; (run = plain_run(p, run, n, 1)) < n; run++) {
			if (p[run] != 0xE2 ||
			    (run + 2 < n && p[run + 1] == 0x80 &&
			        (p[run + 2] == 0xA8 || p[run + 2] == 0xA9)))
				break;
		}
		if (wn_buf_append(out, s + i, run - i) != WN_OK)
			return WN_ENOMEM;
		i = run;
		if (i >= n)
			break;
		esc[0] = '\\';
		switch (p[i]) {
		case '"':
			esc[1] = '"';
			break;
		case '\\':
			esc[1] = '\\';
			break;
		case '\n':
			esc[1] = 'n';
			break;
		case '\t':
			esc[1] = 't';
			break;
		case '\r':
			esc[1] = 'r';
			break;
		case '\b':
			esc[1] = 'b';
			break;
		case '\f':
			esc[1] = 'f';
			break;
		case 0xE2: /* U+2028 or U+2029: break JavaScript */
			memcpy(
			    esc, p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
			k = 6;
			i += 2;
			break;
		default:
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = hex[p[i] >> 4];
			esc[5] = hex[p[i] & 15];
			k = 6;
			break;
		}
		if (wn_buf_append(out, esc, k) != WN_OK)
			return WN_ENOMEM;
		i++;
	}
	return wn_buf_putc(out, '"');
}
