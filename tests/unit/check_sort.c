/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_sort.c - sort_u64() and sort_u64_pairs() order as qsort() does,
 * on random values, values sharing their top bytes, equal values and
 * every size around the thresholds. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sort.h"
#include "suites.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static int
cmp_pair(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	if (x[0] != y[0])
		return (x[0] > y[0]) - (x[0] < y[0]);
	return (x[1] > y[1]) - (x[1] < y[1]);
}

/* A value of kind k: random, its top 7 bytes shared, one of 3 values,
 * its low byte only random, or all the same. */
static uint64_t
value(int k)
{
	switch (k) {
	case 0:
		return next();
	case 1:
		return 0xABCDEF0123456700ull | (next() & 0xFF);
	case 2:
		return next() % 3;
	case 3:
		return (next() & 0xFF) << 56 | (next() & 0xF);
	default:
		return 42;
	}
}

static void
check_one(size_t n, int kind)
{
	uint64_t *v = malloc((2 * n + 1) * sizeof(*v));
	uint64_t *w = malloc((2 * n + 1) * sizeof(*w));
	uint64_t *tmp = malloc((2 * n + 1) * sizeof(*tmp));
	size_t i;

	ck_assert_ptr_nonnull(v);
	ck_assert_ptr_nonnull(w);
	ck_assert_ptr_nonnull(tmp);
	for (i = 0; i < n; i++)
		v[i] = w[i] = value(kind);
	sort_u64(v, n, tmp);
	qsort(w, n, sizeof(*w), cmp_u64);
	ck_assert(n == 0 || memcmp(v, w, n * sizeof(*v)) == 0);
	for (i = 0; i < n; i++) {
		v[2 * i] = w[2 * i] = value(kind);
		v[2 * i + 1] = w[2 * i + 1] = i;
	}
	sort_u64_pairs(v, n, tmp);
	qsort(w, n, 2 * sizeof(*w), cmp_pair);
	ck_assert(n == 0 || memcmp(v, w, 2 * n * sizeof(*v)) == 0);
	free(v);
	free(w);
	free(tmp);
}

START_TEST(test_sizes)
{
	size_t n;
	int k;

	for (k = 0; k < 5; k++)
		for (n = 0; n < 300; n++)
			check_one(n, k);
}
END_TEST

START_TEST(test_large)
{
	int k;

	for (k = 0; k < 5; k++) {
		check_one(5000, k);
		check_one(70000, k);
	}
}
END_TEST

Suite *
sort_suite(void)
{
	Suite *s = suite_create("sort");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_sizes);
	tcase_add_test(tc, test_large);
	suite_add_tcase(s, tc);
	return s;
}
