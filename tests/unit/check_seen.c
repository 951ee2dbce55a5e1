/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_seen.c - the in-memory key set. */
#include "config.h"

#include <stdlib.h>

#include "seen.h"
#include "suites.h"

START_TEST(test_insert_contains)
{
	struct seen *s = seen_new(8, 0);
	uint64_t i;

	ck_assert_ptr_nonnull(s);
	for (i = 1; i <= 100000; i++)
		ck_assert_int_eq(seen_insert(s, mix(i)), 0);
	ck_assert_uint_eq(seen_count(s), 100000);
	for (i = 1; i <= 100000; i++) {
		ck_assert_int_eq(seen_contains(s, mix(i)), 1);
		ck_assert_int_eq(seen_insert(s, mix(i)), 1);
	}
	for (i = 100001; i <= 200000; i++)
		ck_assert_int_eq(seen_contains(s, mix(i)), 0);
	ck_assert_uint_eq(seen_count(s), 100000);
	/* load stays at most 1/2 */
	ck_assert_uint_ge(seen_bytes(s) / 8, 2 * seen_count(s));
	seen_free(s);
}
END_TEST

START_TEST(test_zero_and_clear)
{
	struct seen *s = seen_new(8, 0);
	uint64_t i;

	ck_assert_int_eq(seen_insert(s, 0), 0);
	ck_assert_int_eq(seen_contains(s, 0), 1);
	ck_assert_int_eq(seen_insert(s, 0), 1);
	for (i = 1; i < 50000; i++)
		seen_insert(s, mix(i));
	seen_clear(s); /* it was well used: kept */
	ck_assert_uint_eq(seen_count(s), 0);
	ck_assert_uint_ge(seen_bytes(s), 50000 * 8);
	seen_insert(s, mix(1));
	seen_clear(s); /* nearly empty and big: shrunk */
	ck_assert_int_eq(seen_contains(s, 0), 0);
	ck_assert_int_eq(seen_contains(s, mix(7)), 0);
	/* a cleared big table shrinks */
	ck_assert_uint_le(seen_bytes(s), 4096 * 8);
	ck_assert_int_eq(seen_insert(s, mix(7)), 0);
	/* so does one of a few hundred slots, cleared nearly empty (a
	 * document's table, after a longer document) */
	for (i = 1; i < 600; i++)
		seen_insert(s, mix(i));
	ck_assert_uint_ge(seen_bytes(s), 1024 * 8);
	seen_clear(s);
	seen_insert(s, mix(1));
	seen_clear(s);
	ck_assert_uint_le(seen_bytes(s), 256 * 8);
	seen_free(s);
	seen_free(NULL);
}
END_TEST

START_TEST(test_compact_and_capped)
{
	/* 4-byte values; a 64 KiB cap: two generations of 8192 slots */
	struct seen *s = seen_new(4, 64 * 1024);
	uint64_t i;

	ck_assert_ptr_nonnull(s);
	for (i = 1; i <= 100000; i++) {
		ck_assert_int_ge(seen_insert(s, mix(i)), 0);
		ck_assert_uint_le(seen_bytes(s), 64 * 1024);
	}
	ck_assert_uint_gt(seen_evicted(s), 0);
	ck_assert_uint_eq(seen_count(s) + seen_evicted(s), 100000);
	/* the newest are still there, the oldest are forgotten */
	for (i = 100000 - 1000; i <= 100000; i++)
		ck_assert_int_eq(seen_contains(s, mix(i)), 1);
	for (i = 1; i <= 1000; i++)
		ck_assert_int_eq(seen_contains(s, mix(i)), 0);
	/* at the cap, a full generation holds 9/10 of its slots: <= 4.5
	 * bytes per entry when both are full */
	ck_assert_uint_le(seen_bytes(s) * 10, seen_count(s) * 4 * 10 * 2);
	seen_free(s);
}
END_TEST

START_TEST(test_refresh_keeps_recent)
{
	/* a hash seen again moves into the newer generation */
	struct seen *s = seen_new(8, 64 * 1024);
	uint64_t i;

	for (i = 1; i <= 50000; i++) {
		ck_assert_int_ge(seen_insert(s, mix(i)), 0);
		ck_assert_int_eq(seen_insert(s, mix(0xabc)), i > 1 ? 1 : 0);
	}
	ck_assert_int_eq(seen_contains(s, mix(0xabc)), 1);
	seen_free(s);
}
END_TEST

/* Stamped sets: days survive growth and generations, the later day
 * wins, and export gives every value once. */
START_TEST(test_stamp_export)
{
	struct seen *s = seen_new(8, 64 * 1024);
	uint64_t *v, k, n;
	uint16_t *d;
	size_t got, i;

	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(seen_stamp(s, 10), 0);
	n = 20000; /* past the 64 KiB cap: two generations */
	for (k = 1; k <= n; k++)
		ck_assert_int_ge(seen_insert(s, k * 0x9E3779B97F4A7C15ull), 0);
	ck_assert_uint_gt(seen_evicted(s), 0);
	/* the latest entries seen again on day 12, one of them with an
	 * older day given: the later day stays */
	ck_assert_int_eq(seen_stamp(s, 12), 0);
	ck_assert_int_eq(seen_insert(s, n * 0x9E3779B97F4A7C15ull), 1);
	ck_assert_int_eq(
	    seen_insert_day(s, (n - 1) * 0x9E3779B97F4A7C15ull, 3), 1);
	v = malloc(seen_count(s) * sizeof(*v));
	d = malloc(seen_count(s) * sizeof(*d));
	got = seen_export(s, v, d);
	ck_assert_uint_le(got, seen_count(s));
	ck_assert_uint_eq(got + seen_evicted(s), n);
	for (i = 0; i < got; i++) {
		size_t j;

		ck_assert(d[i] == 10 || d[i] == 12);
		if (v[i] == n * 0x9E3779B97F4A7C15ull)
			ck_assert_uint_eq(d[i], 12);
		if (v[i] == (n - 1) * 0x9E3779B97F4A7C15ull)
			ck_assert_uint_eq(d[i], 10);
		for (j = i + 1; j < got && j < i + 50; j++)
			ck_assert(v[i] != v[j]);
	}
	free(v);
	free(d);
	/* a set with entries cannot start stamping */
	{
		struct seen *t = seen_new(4, 0);

		seen_insert(t, 5);
		ck_assert_int_eq(seen_stamp(t, 1), -1);
		seen_free(t);
	}
	seen_free(s);
}
END_TEST

Suite *
seen_suite(void)
{
	Suite *s = suite_create("seen");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_insert_contains);
	tcase_add_test(tc, test_zero_and_clear);
	tcase_add_test(tc, test_compact_and_capped);
	tcase_add_test(tc, test_refresh_keeps_recent);
	tcase_add_test(tc, test_stamp_export);
	suite_add_tcase(s, tc);
	return s;
}
