/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_paragraph.c - paragraph splitting. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "paragraph.h"
#include "suites.h"

static void
expect(const char *doc, int block_mode, const char *const *paras,
    const int *blank, size_t n)
{
	struct paragraph_list l = { NULL, 0, 0, 0 };
	size_t i;

	ck_assert_int_eq(paragraph_split(doc, strlen(doc), 0, 0, &l), WN_OK);
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
	       "Body.",
	    0, p, b, 4);
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
		"as well."
	};
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

/* paragraph_iter gives, piece by piece, what paragraph_split() gives
 * whole, for random documents of short and long lines, blank runs, in
 * both modes, whatever the pieces' size; and paragraph_split() with a
 * max says when there were more. */
START_TEST(test_iter_equals_split)
{
	static const char *const lines[] = { "Short line.", "menu", "",
		"This line is long enough to count as wrapped when it goes on",
		"and it carries on here without ending its sentence at all",
		"" };
	struct paragraph_list whole = { NULL, 0, 0, 0 },
	                      piece = { NULL, 0, 0, 0 };
	char doc[4096];
	uint32_t x = 99;
	int r;

	for (r = 0; r < 3000; r++) {
		struct paragraph_iter it;
		size_t len = 0, k = 0, max, i;
		int nl, lines_only = r % 5 == 0;

		x = x * 1103515245u + 12345u;
		nl = (int)(x >> 16) % 40;
		for (i = 0; i < (size_t)nl; i++) {
			const char *l;

			x = x * 1103515245u + 12345u;
			l = lines[(x >> 16) % 6];
			memcpy(doc + len, l, strlen(l));
			len += strlen(l);
			doc[len++] = '\n';
		}
		if (len > 0 && (x & 1))
			len--; /* no final newline */
		ck_assert_int_eq(
		    paragraph_split(doc, len, lines_only, 0, &whole), WN_OK);
		x = x * 1103515245u + 12345u;
		max = 1 + (x >> 16) % 5;
		paragraph_iter_start(&it, doc, len, lines_only);
		ck_assert_int_eq(it.block_mode, whole.block_mode);
		for (;;) {
			ck_assert_int_eq(
			    paragraph_iter_next(&it, max, &piece), WN_OK);
			if (piece.n == 0)
				break;
			ck_assert_uint_le(piece.n, max);
			for (i = 0; i < piece.n; i++, k++) {
				ck_assert_uint_lt(k, whole.n);
				ck_assert_uint_eq(
				    piece.v[i].off, whole.v[k].off);
				ck_assert_uint_eq(
				    piece.v[i].len, whole.v[k].len);
				ck_assert_uint_eq(
				    piece.v[i].line, whole.v[k].line);
				ck_assert_uint_eq(piece.v[i].blank_before,
				    whole.v[k].blank_before);
			}
		}
		ck_assert_uint_eq(k, whole.n);
		if (!whole.block_mode && whole.n > 1) {
			ck_assert_int_eq(paragraph_split(doc, len, lines_only,
			                     whole.n - 1, &piece),
			    WN_AGAIN);
			ck_assert_int_eq(paragraph_split(doc, len, lines_only,
			                     whole.n, &piece),
			    WN_OK);
		}
	}
	paragraph_list_free(&whole);
	paragraph_list_free(&piece);
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
	tcase_add_test(tc, test_iter_equals_split);
	suite_add_tcase(s, tc);
	return s;
}
