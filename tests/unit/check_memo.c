/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_memo.c - a memo finds what was added under the same key (not
 * under another key of the same hash), keeps what is used across
 * rotations, forgets what is not, refuses entries too big, and never
 * holds more than it was given; memo_prefetch() before each lookup. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "memo.h"
#include "suites.h"

static void
put(struct memo *m, uint64_t h, const char *key, int value)
{
	int *v = memo_add(m, h, key, strlen(key), sizeof(int));

	ck_assert_ptr_nonnull(v);
	*v = value;
}

/* The value under key, or -1. */
static int
get(struct memo *m, uint64_t h, const char *key)
{
	size_t n = 0;
	const int *v;

	/* asked for first, as clean.c does: it changes nothing found */
	memo_prefetch(m, h, 0);
	memo_prefetch(m, h, 1);
	v = memo_find(m, h, key, strlen(key), &n);

	if (v == NULL)
		return -1;
	ck_assert_uint_eq(n, sizeof(int));
	return *v;
}

START_TEST(test_find)
{
	struct memo *m = memo_new(0);

	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(get(m, 1, "a"), -1);
	put(m, 1, "a", 10);
	put(m, 2, "bb", 20);
	ck_assert_int_eq(get(m, 1, "a"), 10);
	ck_assert_int_eq(get(m, 2, "bb"), 20);
	/* the same hash, another key: a miss, not the other's value */
	ck_assert_int_eq(get(m, 1, "b"), -1);
	ck_assert_int_eq(get(m, 1, "aa"), -1);
	/* replaced */
	put(m, 1, "a", 11);
	ck_assert_int_eq(get(m, 1, "a"), 11);
	/* an empty key */
	put(m, 3, "", 30);
	ck_assert_int_eq(get(m, 3, ""), 30);
	memo_free(m);
	memo_free(NULL);
}
END_TEST

/* the hashes of the others: even, never the slot of 7 */
#define H(i) (((uint64_t)(i)*0x9E3779B97F4A7C15ull) & ~(uint64_t)1)

START_TEST(test_rotation)
{
	struct memo *m = memo_new(0);
	char key[32];
	int i, kept = 0, forgotten = 0;

	put(m, 7, "used", 7);
	/* far more than the memo holds; "used" is asked for all along */
	for (i = 0; i < 100000; i++) {
		snprintf(key, sizeof(key), "key %d", i);
		put(m, H(i), key, i);
		if (i % 100 == 0)
			ck_assert_int_eq(get(m, 7, "used"), 7);
	}
	/* the last one is there */
	snprintf(key, sizeof(key), "key %d", 99999);
	ck_assert_int_eq(get(m, H(99999), key), 99999);
	/* the last 64 (newest first: a find in the older generation
	 * would copy), most of them; none of the first 1,000 */
	for (i = 99999; i >= 100000 - 64; i--) {
		snprintf(key, sizeof(key), "key %d", i);
		kept += get(m, H(i), key) == i;
	}
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "key %d", i);
		forgotten += get(m, H(i), key) == -1;
	}
	ck_assert_int_gt(kept, 40);
	ck_assert_int_eq(forgotten, 1000);
	ck_assert_uint_le(memo_bytes(m), (size_t)64 << 10);
	memo_free(m);
}
END_TEST

START_TEST(test_big)
{
	struct memo *m = memo_new((size_t)1 << 20);
	static char big[200000];

	memset(big, 'x', sizeof(big));
	ck_assert_ptr_null(memo_add(m, 5, big, sizeof(big), 8));
	ck_assert_ptr_null(memo_add(m, 5, "k", 1, sizeof(big)));
	ck_assert_ptr_nonnull(memo_add(m, 5, big, 1000, 8));
	ck_assert_uint_le(memo_bytes(m), (size_t)1 << 20);
	memo_free(m);
}
END_TEST

Suite *
memo_suite(void)
{
	Suite *s = suite_create("memo");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_find);
	tcase_add_test(tc, test_rotation);
	tcase_add_test(tc, test_big);
	suite_add_tcase(s, tc);
	return s;
}
