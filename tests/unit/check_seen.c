/* check_seen.c - the in-memory key set. */
#include "config.h"

#include "seen.h"
#include "suites.h"

static uint64_t
mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	return x;
}

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
	seen_clear(s);		/* it was well used: kept */
	ck_assert_uint_eq(seen_count(s), 0);
	ck_assert_uint_ge(seen_bytes(s), 50000 * 8);
	seen_insert(s, mix(1));
	seen_clear(s);		/* nearly empty and big: shrunk */
	ck_assert_int_eq(seen_contains(s, 0), 0);
	ck_assert_int_eq(seen_contains(s, mix(7)), 0);
	/* a cleared big table shrinks */
	ck_assert_uint_le(seen_bytes(s), 4096 * 8);
	ck_assert_int_eq(seen_insert(s, mix(7)), 0);
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

Suite *
seen_suite(void)
{
	Suite *s = suite_create("seen");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_insert_contains);
	tcase_add_test(tc, test_zero_and_clear);
	tcase_add_test(tc, test_compact_and_capped);
	tcase_add_test(tc, test_refresh_keeps_recent);
	suite_add_tcase(s, tc);
	return s;
}
