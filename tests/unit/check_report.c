/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_report.c - the report's escaping of what comes from the input. */
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

Suite *
report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_markup);
	tcase_add_test(tc, test_controls_and_utf8);
	tcase_add_test(tc, test_cut);
	suite_add_tcase(s, tc);
	return s;
}
