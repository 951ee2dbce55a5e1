/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_json.c - the strict scanner, string decoding and encoding. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "suites.h"

static const char *const names[] = { "text", "id", "metadata" };

START_TEST(test_scan_fields)
{
	static const char line[] =
	    " {\"n\":1e2,\"id\":123456789012345678901234567890,"
	    "\"text\":\"caf\\u00e9\",\"metadata\":{\"a\":[1,{\"b\":null}]},"
	    "\"t\":true} ";
	struct json_value v[3];
	struct wn_error e = { "", NULL, 0, 0 };
	size_t close;

	ck_assert_int_eq(
	    json_scan_object(line, sizeof(line) - 1, names, 3, v, &close, &e),
	    WN_OK);
	ck_assert_int_eq(v[0].type, JSON_STRING);
	ck_assert(memcmp(line + v[0].off, "\"caf\\u00e9\"",
	              v[0].end - v[0].off) == 0);
	ck_assert_int_eq(v[1].type, JSON_NUMBER);
	ck_assert_uint_eq(v[1].end - v[1].off, 30);
	ck_assert_int_eq(v[2].type, JSON_OBJECT);
	ck_assert_int_eq(line[v[2].off], '{');
	ck_assert_int_eq(line[v[2].end - 1], '}');
	ck_assert_int_eq(line[close], '}');
	ck_assert_uint_eq(close, sizeof(line) - 3);
}
END_TEST

START_TEST(test_escaped_key)
{
	static const char line[] = "{\"te\\u0078t\":\"x\"}";
	struct json_value v[3];
	struct wn_error e;
	size_t close;

	ck_assert_int_eq(
	    json_scan_object(line, sizeof(line) - 1, names, 3, v, &close, &e),
	    WN_OK);
	ck_assert_int_eq(v[0].type, JSON_STRING);
	ck_assert_int_eq(v[1].type, JSON_NONE);
}
END_TEST

static const char *const bad_lines[] = {
	"",
	"[1,2]",
	"{\"text\":\"x\"} garbage",
	"{\"text\":\"x\",}",
	"{\"text\":01}",
	"{\"text\":1.}",
	"{\"text\":-}",
	"{\"text\":1e}",
	"{\"text\":\"unterminated}",
	"{\"text\":\"tab\there\"}",
	"{\"text\":\"bad \\x escape\"}",
	"{\"text\":\"bad \\u12G4\"}",
	"{\"text\":tru}",
	"{\"text\":\"a\",\"text\":\"b\"}",
	"{text:1}",
	"{\"a\" 1}",
	"{\"a\":[1 2]}",
};

START_TEST(test_scan_rejects)
{
	struct json_value v[3];
	struct wn_error e;
	size_t close;
	const char *l = bad_lines[_i];

	memset(&e, 0, sizeof(e));
	ck_assert_int_eq(
	    json_scan_object(l, strlen(l), names, 3, v, &close, &e), WN_EDATA);
	ck_assert_msg(e.msg[0] != '\0', "no message for '%s'", l);
}
END_TEST

START_TEST(test_depth_cap)
{
	size_t depth = 100000, i, n = 0;
	char *s = malloc(2 * depth + 16);
	struct json_value v[3];
	struct wn_error e;
	size_t close;

	n += (size_t)sprintf(s, "{\"a\":");
	for (i = 0; i < depth; i++)
		s[n++] = '[';
	for (i = 0; i < depth; i++)
		s[n++] = ']';
	s[n++] = '}';
	memset(&e, 0, sizeof(e));
	ck_assert_int_eq(
	    json_scan_object(s, n, names, 3, v, &close, &e), WN_EDATA);
	ck_assert(strstr(e.msg, "too deep") != NULL);
	free(s);
}
END_TEST

START_TEST(test_decode)
{
	static const char in[] =
	    "\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\\ud800x\\udc00"
	    "\\b\\f\\r\\u0041\\u20ac\\u0000!\"";
	static const char want[] =
	    "a\"b\\c/d\n\t\xC3\xA9\xF0\x9F\x98\x80"
	    "\xEF\xBF\xBDx\xEF\xBF\xBD\b\f\rA\xE2\x82\xAC\0!";
	struct wn_buf out = { NULL, 0, 0 };
	uint64_t bad = 0;

	ck_assert_int_eq(
	    json_string_decode(in, sizeof(in) - 1, &out, &bad), WN_OK);
	ck_assert_uint_eq(out.len, sizeof(want) - 1);
	ck_assert(memcmp(out.data, want, out.len) == 0);
	ck_assert_uint_eq(bad, 2);
	/* appended after what out holds; escapes only and plain only */
	out.len = 1;
	ck_assert_int_eq(
	    json_string_decode("\"\\n\\n\"", 6, &out, &bad), WN_OK);
	ck_assert_int_eq(json_string_decode("\"xy\"", 4, &out, &bad), WN_OK);
	ck_assert_uint_eq(out.len, 5);
	ck_assert(memcmp(out.data, "a\n\nxy", 5) == 0);
	wn_buf_free(&out);
}
END_TEST

START_TEST(test_encode_roundtrip)
{
	static const char in[] = "q\"b\\\n\t\r\x01\x1f\x7f \xC3\xA9 "
	                         "\xE2\x80\xA8 \xE2\x80\xA9 \xE2\x80\x99";
	struct wn_buf enc = { NULL, 0, 0 }, dec = { NULL, 0, 0 };
	struct json_value v[1];
	static const char *const one[] = { "k" };
	struct wn_buf obj = { NULL, 0, 0 };
	struct wn_error e;
	size_t close;
	uint64_t bad = 0;

	ck_assert_int_eq(json_string_encode(in, sizeof(in) - 1, &enc), WN_OK);
	ck_assert(memchr(enc.data, '\n', enc.len) == NULL);
	ck_assert(memmem(enc.data, enc.len, "\\u2028", 6) != NULL);
	ck_assert(memmem(enc.data, enc.len, "\\u0001", 6) != NULL);
	/* the encoding is valid JSON and decodes back */
	wn_buf_append(&obj, "{\"k\":", 5);
	wn_buf_append(&obj, enc.data, enc.len);
	wn_buf_putc(&obj, '}');
	ck_assert_int_eq(
	    json_scan_object(obj.data, obj.len, one, 1, v, &close, &e), WN_OK);
	ck_assert_int_eq(
	    json_string_decode(enc.data, enc.len, &dec, &bad), WN_OK);
	ck_assert_uint_eq(dec.len, sizeof(in) - 1);
	ck_assert(memcmp(dec.data, in, dec.len) == 0);
	ck_assert_uint_eq(bad, 0);
	wn_buf_free(&enc);
	wn_buf_free(&dec);
	wn_buf_free(&obj);
}
END_TEST

/* A byte to escape (or not) at every offset of strings of every length
 * up to 48: the block scans stop at it, whatever its alignment; and the
 * encoding decodes back. */
static const struct {
	const char *in;
	const char *out;
} encode_inserts[] = {
	{ "\"", "\\\"" },
	{ "\\", "\\\\" },
	{ "\x01", "\\u0001" },
	{ "\x1F", "\\u001f" },
	{ "\n", "\\n" },
	{ "\x7F", "\x7F" },
	{ " ", " " },
	{ "\xE2\x80\xA8", "\\u2028" },
	{ "\xE2\x80\x99", "\xE2\x80\x99" },
	{ "\xC3\xA9", "\xC3\xA9" },
};

START_TEST(test_encode_positions)
{
	const char *ins = encode_inserts[_i].in, *rep = encode_inserts[_i].out;
	size_t il = strlen(ins), rl = strlen(rep), len, at, k;
	struct wn_buf enc = { NULL, 0, 0 }, dec = { NULL, 0, 0 };
	char in[64], want[80];
	uint64_t bad = 0;
	struct wn_buf obj = { NULL, 0, 0 };
	static const char *const one[] = { "k" };
	struct json_value v[1];
	struct wn_error e;
	size_t close;

	for (len = 0; len <= 48; len++) {
		for (at = 0; at <= len; at++) {
			for (k = 0; k < len; k++)
				in[k] = (char)('a' + k % 26);
			want[0] = '"';
			memcpy(want + 1, in, at);
			memcpy(want + 1 + at, rep, rl);
			memcpy(want + 1 + at + rl, in + at, len - at);
			want[1 + len + rl] = '"';
			memmove(in + at + il, in + at, len - at);
			memcpy(in + at, ins, il);
			enc.len = dec.len = 0;
			ck_assert_int_eq(
			    json_string_encode(in, len + il, &enc), WN_OK);
			ck_assert_msg(enc.len == len + rl + 2 &&
			        memcmp(enc.data, want, enc.len) == 0,
			    "insert %d at %zu of %zu: got %.*s", _i, at, len,
			    (int)enc.len, enc.data);
			ck_assert_int_eq(
			    json_string_decode(enc.data, enc.len, &dec, &bad),
			    WN_OK);
			ck_assert(dec.len == len + il &&
			    memcmp(dec.data, in, dec.len) == 0);
			/* the scanner finds the string's end */
			obj.len = 0;
			wn_buf_append(&obj, "{\"k\":", 5);
			wn_buf_append(&obj, enc.data, enc.len);
			wn_buf_append(&obj, ",\"z\":1}", 7);
			ck_assert_int_eq(json_scan_object(obj.data, obj.len,
			                     one, 1, v, &close, &e),
			    WN_OK);
			ck_assert_uint_eq(close, obj.len - 1);
			ck_assert_uint_eq(v[0].off, 5);
			ck_assert_uint_eq(v[0].end, 5 + enc.len);
		}
	}
	ck_assert_uint_eq(bad, 0);
	wn_buf_free(&enc);
	wn_buf_free(&dec);
	wn_buf_free(&obj);
}
END_TEST

Suite *
json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_scan_fields);
	tcase_add_test(tc, test_escaped_key);
	tcase_add_loop_test(
	    tc, test_scan_rejects, 0, sizeof(bad_lines) / sizeof(bad_lines[0]));
	tcase_add_test(tc, test_depth_cap);
	tcase_add_test(tc, test_decode);
	tcase_add_test(tc, test_encode_roundtrip);
	tcase_add_loop_test(tc, test_encode_positions, 0,
	    sizeof(encode_inserts) / sizeof(encode_inserts[0]));
	suite_add_tcase(s, tc);
	return s;
}
