/* check_paragraph.c - paragraph splitting. */
#include "config.h"

#include <string.h>

#include "paragraph.h"
#include "suites.h"

static void
expect(const char *doc, int block_mode, const char *const *paras,
    const int *blank, size_t n)
{
	struct paragraph_list l = { NULL, 0, 0, 0 };
	size_t i;

	ck_assert_int_eq(paragraph_split(doc, strlen(doc), 0, &l), WN_OK);
	ck_assert_int_eq(l.block_mode, block_mode);
	ck_assert_uint_eq(l.n, n);
	for (i = 0; i < n; i++) {
		ck_assert_uint_eq(l.v[i].len, strlen(paras[i]));
		ck_assert(memcmp(doc + l.v[i].off, paras[i], l.v[i].len) == 0);
		ck_assert_int_eq(l.v[i].blank_before, blank[i]);
	}
	paragraph_list_free(&l);
}

START_TEST(test_lines)
{
	static const char *const p[] = { "One.", "Two.", "Three." };
	static const int b[] = { 0, 0, 1 };

	expect("One.\nTwo.\n\n\nThree.\n", 0, p, b, 3);
}
END_TEST

START_TEST(test_caption_block_is_lines)
{
	/* seed 003: a doubled caption inside one blank-line block */
	static const char *const p[] = { "Title", "Photo by: AP (Archive )",
	    "Photo by: AP (Archive )", "Body." };
	static const int b[] = { 0, 1, 0, 1 };

	expect("Title\n\nPhoto by: AP (Archive )\nPhoto by: AP (Archive )\n\n"
	    "Body.", 0, p, b, 4);
}
END_TEST

START_TEST(test_wrapped_blocks)
{
	static const char doc[] =
	    "This is a paragraph of hard-wrapped prose that continues\n"
	    "on the next line because a mail client wrapped it at a\n"
	    "fixed width.\n"
	    "\n"
	    "A second paragraph, also wrapped by the client at about\n"
	    "seventy columns, which is what fmt does to text by default\n"
	    "as well.\n";
	static const char *const p[] = {
	    "This is a paragraph of hard-wrapped prose that continues\n"
	    "on the next line because a mail client wrapped it at a\n"
	    "fixed width.",
	    "A second paragraph, also wrapped by the client at about\n"
	    "seventy columns, which is what fmt does to text by default\n"
	    "as well." };
	static const int b[] = { 0, 1 };

	expect(doc, 1, p, b, 2);
}
END_TEST

START_TEST(test_menu_block_is_lines)
{
	static const char *const p[] = { "Home", "World news", "Sport",
	    "A story." };
	static const int b[] = { 0, 0, 0, 1 };

	expect("Home\nWorld news\nSport\n\nA story.", 0, p, b, 4);
}
END_TEST

START_TEST(test_empty)
{
	expect("", 0, NULL, NULL, 0);
	expect("\n\n\n", 0, NULL, NULL, 0);
}
END_TEST

Suite *
paragraph_suite(void)
{
	Suite *s = suite_create("paragraph");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_lines);
	tcase_add_test(tc, test_caption_block_is_lines);
	tcase_add_test(tc, test_wrapped_blocks);
	tcase_add_test(tc, test_menu_block_is_lines);
	tcase_add_test(tc, test_empty);
	suite_add_tcase(s, tc);
	return s;
}
