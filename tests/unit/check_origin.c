/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_origin.c - the first holder of each hash, for --report. */
#include "config.h"

#include "origin.h"
#include "suites.h"

START_TEST(test_first_holder)
{
	struct origin *o = origin_new(64);
	struct origin_hit h;

	ck_assert_ptr_nonnull(o);
	origin_note(o, 42, 1, 2, &h);
	ck_assert_uint_eq(h.doc, 0);
	/* documents 5 and 9 had it after 1: 12 is told 1's paragraph 2 */
	origin_note(o, 42, 5, 1, &h);
	ck_assert_uint_eq(h.doc, 1);
	ck_assert_uint_eq(h.para, 2);
	origin_note(o, 42, 9, 7, &h);
	origin_note(o, 42, 12, 3, &h);
	ck_assert_uint_eq(h.doc, 1);
	ck_assert_uint_eq(h.para, 2);
	/* hash 0 is a hash like another */
	origin_note(o, 0, 3, 4, &h);
	ck_assert_uint_eq(h.doc, 0);
	origin_note(o, 0, 4, 1, &h);
	ck_assert_uint_eq(h.doc, 3);
	ck_assert_uint_eq(h.para, 4);
	ck_assert_int_eq(origin_forgot(o), 0);
	origin_free(o);
}
END_TEST

START_TEST(test_bounded)
{
	struct origin *o = origin_new(64);
	struct origin_hit h;
	uint64_t i, found = 0;
	size_t bytes = origin_bytes(o);

	ck_assert_ptr_nonnull(o);
	/* ten times what it holds: it forgets, and says so, and its size
	 * does not grow */
	for (i = 1; i <= 640; i++)
		origin_note(o, mix(i), i, 1, &h);
	ck_assert_int_eq(origin_forgot(o), 1);
	ck_assert_uint_eq(origin_bytes(o), bytes);
	/* the oldest go first: the last 4 documents are still known,
	 * whichever buckets they fell in */
	for (i = 637; i <= 640; i++) {
		origin_note(o, mix(i), 1000, 1, &h);
		found += h.doc == i;
	}
	ck_assert_uint_eq(found, 4);
	origin_note(o, mix(1), 1001, 1, &h);
	ck_assert_uint_ne(h.doc, 1);
	origin_free(o);
}
END_TEST

START_TEST(test_not_entered)
{
	struct origin *o = origin_new(64);
	struct origin_hit h;

	ck_assert_ptr_nonnull(o);
	/* a document number past 32 bits cannot be held */
	origin_note(o, 7, (uint64_t)1 << 33, 1, &h);
	ck_assert_int_eq(origin_forgot(o), 1);
	origin_note(o, 7, 2, 1, &h);
	ck_assert_uint_eq(h.doc, 0);
	origin_free(o);
}
END_TEST

Suite *
origin_suite(void)
{
	Suite *s = suite_create("origin");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_first_holder);
	tcase_add_test(tc, test_bounded);
	tcase_add_test(tc, test_not_entered);
	suite_add_tcase(s, tc);
	return s;
}
