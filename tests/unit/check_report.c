/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_report.c - the report's escaping of what comes from the input,
 * and wn_buf_printf(), which the report and trend pages write with. */
#include "config.h"

#include <string.h>

#include "report.h"
#include "suites.h"

static void
expect(const char *in, size_t n, size_t max, const char *want)
{
	struct wn_buf b = { NULL, 0, 0 };

	ck_assert_int_eq(report_escape(&b, in, n, max), WN_OK);
	ck_assert_uint_eq(b.len, strlen(want));
	ck_assert_mem_eq(b.data, want, b.len);
	wn_buf_free(&b);
}

START_TEST(test_markup)
{
	const char *s = "<a href='x' title=\"y\">&amp;</a>";

	expect(s, strlen(s), 0,
	    "&lt;a href=&#39;x&#39; "
	    "title=&quot;y&quot;&gt;&amp;amp;&lt;/a&gt;");
	expect("plain text", 10, 0, "plain text");
}
END_TEST

START_TEST(test_controls_and_utf8)
{
	/* tab and newline stay; other controls, DEL and invalid UTF-8
	 * become U+FFFD */
	expect("a\tb\nc\x01"
	       "d\x7f",
	    8, 0,
	    "a\tb\nc\xEF\xBF\xBD"
	    "d\xEF\xBF\xBD");
	expect("x\xff"
	       "y",
	    3, 0, "x\xEF\xBF\xBDy");
	expect("\xC3\xA9t\xC3\xA9", 5, 0, "\xC3\xA9t\xC3\xA9");
}
END_TEST

START_TEST(test_cut)
{
	/* cut at a character boundary, with an ellipsis; max 0: no cut */
	expect("h\xC3\xA9llo", 6, 2, "h\xE2\x80\xA6");
	expect("h\xC3\xA9llo", 6, 3, "h\xC3\xA9\xE2\x80\xA6");
	expect("hello", 5, 5, "hello");
	expect("<<<<", 4, 2, "&lt;&lt;\xE2\x80\xA6");
}
END_TEST

/* wn_buf_printf() appends whatever the length: past its first guess of
 * 256 bytes and past the 512 the pages' own buffers once cut at. */
START_TEST(test_buf_printf)
{
	struct wn_buf b = { NULL, 0, 0 };
	char want[2100];
	size_t i;

	ck_assert_int_eq(wn_buf_printf(&b, "<p>%d</p>", 7), WN_OK);
	for (i = 0; i < 2000; i++)
		want[i] = (char)('a' + i % 26);
	want[2000] = '\0';
	ck_assert_int_eq(wn_buf_printf(&b, "[%s]", want), WN_OK);
	ck_assert_uint_eq(b.len, 8 + 2002);
	ck_assert_int_eq(memcmp(b.data, "<p>7</p>[", 9), 0);
	ck_assert_int_eq(memcmp(b.data + 9, want, 2000), 0);
	ck_assert_int_eq(b.data[2009], ']');
	wn_buf_free(&b);
}
END_TEST

Suite *
report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_markup);
	tcase_add_test(tc, test_controls_and_utf8);
	tcase_add_test(tc, test_cut);
	tcase_add_test(tc, test_buf_printf);
	suite_add_tcase(s, tc);
	return s;
}
