/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_utf8.c - UTF-8 decoding, validation and repair. */
#include "config.h"

#include <string.h>

#include "suites.h"
#include "utf8.h"

static const struct {
	const char *in;
	size_t len; /* bytes consumed */
	uint32_t cp;
} decode_cases[] = {
	{ "A", 1, 'A' },
	{ "\xC3\xA9", 2, 0xE9 },
	{ "\xE2\x80\x99", 3, 0x2019 },
	{ "\xF0\x9F\x98\x80", 4, 0x1F600 },
	{ "\xF4\x8F\xBF\xBF", 4, 0x10FFFF },
	{ "\xC0\x80", 1, UTF8_INVALID }, /* overlong NUL */
	{ "\xC1\xBF", 1, UTF8_INVALID },
	{ "\xE0\x80\x80", 1, UTF8_INVALID },     /* overlong */
	{ "\xED\xA0\x80", 1, UTF8_INVALID },     /* surrogate D800 */
	{ "\xF4\x90\x80\x80", 1, UTF8_INVALID }, /* above 10FFFF */
	{ "\xF5\x80", 1, UTF8_INVALID },
	{ "\x80", 1, UTF8_INVALID },     /* lone continuation */
	{ "\xE2\x80", 2, UTF8_INVALID }, /* truncated: one subpart */
	{ "\xE2\x80"
	  "A",
	    2, UTF8_INVALID },
	{ "\xF0\x9F\x98", 3, UTF8_INVALID },
};

START_TEST(test_decode)
{
	const char *in = decode_cases[_i].in;
	uint32_t cp = 0;
	size_t k = utf8_decode((const unsigned char *)in, strlen(in), &cp);

	ck_assert_uint_eq(k, decode_cases[_i].len);
	ck_assert_uint_eq(cp, decode_cases[_i].cp);
}
END_TEST

START_TEST(test_encode_roundtrip)
{
	static const uint32_t cps[] = { 0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFD,
		0xFFFF, 0x10000, 0x10FFFF };
	size_t i;

	for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		char b[4];
		uint32_t back;
		size_t n = utf8_encode(cps[i], b);

		ck_assert_uint_eq(utf8_decode((unsigned char *)b, n, &back), n);
		ck_assert_uint_eq(back, cps[i]);
	}
}
END_TEST

static const struct {
	const char *in;
	const char *out;
	uint64_t replaced;
} repair_cases[] = {
	{ "plain ascii text", "plain ascii text", 0 },
	{ "caf\xC3\xA9", "caf\xC3\xA9", 0 },
	{ "caf\xE9!", "caf\xEF\xBF\xBD!", 1 }, /* latin-1 */
	{ "a\xE2\x80"
	  "b",
	    "a\xEF\xBF\xBD"
	    "b",
	    1 }, /* truncated */
	{ "\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3 },
	{ "\xC0\xAF/", "\xEF\xBF\xBD\xEF\xBF\xBD/", 2 }, /* overlong */
	{ "0123456789\xFF"
	  "0123456789",
	    "0123456789\xEF\xBF\xBD"
	    "0123456789",
	    1 },
};

START_TEST(test_repair)
{
	struct wn_buf out = { NULL, 0, 0 };
	uint64_t n = 0;
	const char *in = repair_cases[_i].in;

	ck_assert_int_eq(utf8_repair(in, strlen(in), &out, &n), WN_OK);
	ck_assert_uint_eq(out.len, strlen(repair_cases[_i].out));
	ck_assert(memcmp(out.data, repair_cases[_i].out, out.len) == 0);
	ck_assert_uint_eq(n, repair_cases[_i].replaced);
	ck_assert_uint_eq(utf8_valid_prefix(out.data, out.len), out.len);
	wn_buf_free(&out);
}
END_TEST

START_TEST(test_valid_prefix)
{
	/* the fast path must stop exactly at the first bad byte */
	char b[72];
	size_t i;

	for (i = 0; i < sizeof(b); i++) {
		memset(b, 'x', sizeof(b));
		b[i] = (char)0xFF;
		ck_assert_uint_eq(utf8_valid_prefix(b, sizeof(b)), i);
		/* after a valid two-byte character */
		if (i >= 2) {
			b[i - 2] = (char)0xC3;
			b[i - 1] = (char)0xA9;
			ck_assert_uint_eq(utf8_valid_prefix(b, sizeof(b)), i);
		}
	}
}
END_TEST

START_TEST(test_ascii_end)
{
	/* every block size and tail of utf8_ascii_end(): a byte of 0x80 or
	 * more at each position of each length, from each of four starts */
	unsigned char b[80];
	size_t n, at, from;

	for (n = 0; n <= sizeof(b); n++) {
		for (at = 0; at <= n; at++) {
			memset(b, 'x', sizeof(b));
			if (at < n)
				b[at] = (unsigned char)(0x80 + (at & 0x7F));
			for (from = 0; from < 4 && from <= n; from++)
				ck_assert_uint_eq(utf8_ascii_end(b, from, n),
				    at >= from ? at : n);
		}
	}
	/* the byte 0x7F is ASCII */
	memset(b, 0x7F, sizeof(b));
	ck_assert_uint_eq(utf8_ascii_end(b, 0, sizeof(b)), sizeof(b));
}
END_TEST

Suite *
utf8_suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(
	    tc, test_decode, 0, sizeof(decode_cases) / sizeof(decode_cases[0]));
	tcase_add_test(tc, test_encode_roundtrip);
	tcase_add_loop_test(
	    tc, test_repair, 0, sizeof(repair_cases) / sizeof(repair_cases[0]));
	tcase_add_test(tc, test_valid_prefix);
	tcase_add_test(tc, test_ascii_end);
	suite_add_tcase(s, tc);
	return s;
}
