/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_shard.c - shard_merge(): each prior holds exactly the shard's
 * values seen by the state or an earlier shard, host counts add up to two
 * with one run's days, the parts split the values without overlap. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shard.h"
#include "state.h"
#include "suites.h"

static char dir[64];
static const struct state_params params = { 0x77696e6e6f77ull, 1, 5, 8 };
#define OLD 20000
#define TODAY 20010

static void
setup(void)
{
	strcpy(dir, "/tmp/check-shard.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void
sets_new(struct seen *s[STATE_NSETS], uint16_t day)
{
	int i;

	for (i = 0; i < STATE_NSETS; i++) {
		ck_assert_ptr_nonnull(s[i] = seen_new(state_width[i], 0));
		ck_assert_int_eq(seen_stamp(s[i], day), 0);
	}
}

static void
sets_free(struct seen *s[STATE_NSETS])
{
	int i;

	for (i = 0; i < STATE_NSETS; i++)
		seen_free(s[i]);
}

/* write a file NAME in dir holding the given values per set */
static void
write_file(const char *name, uint16_t day, const uint64_t *keys, size_t nk,
    const uint64_t *h1, size_t n1, const uint64_t *h2, size_t n2)
{
	struct seen *s[STATE_NSETS];
	struct wn_error e;
	char path[128];
	size_t i;

	memset(&e, 0, sizeof(e));
	sets_new(s, day);
	for (i = 0; i < nk; i++) {
		ck_assert_int_eq(seen_insert(s[STATE_KEYS], keys[i]), 0);
		ck_assert_int_eq(
		    seen_insert(s[STATE_FINGERPRINTS], keys[i]), 0);
	}
	for (i = 0; i < n1; i++)
		ck_assert_int_eq(seen_insert(s[STATE_HOST1], h1[i]), 0);
	for (i = 0; i < n2; i++)
		ck_assert_int_eq(seen_insert(s[STATE_HOST2], h2[i]), 0);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	ck_assert_int_eq(state_save(path, &params, s, day, 0, 0, &e), WN_OK);
	sets_free(s);
}

static void
load(const char *name, struct seen *s[STATE_NSETS])
{
	struct state_info info;
	struct wn_error e;
	char path[128];
	int found;

	memset(&e, 0, sizeof(e));
	sets_new(s, TODAY);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	ck_assert_int_eq(
	    state_load(path, &params, s, TODAY, 0, &found, &info, &e), WN_OK);
	ck_assert_int_eq(found, 1);
}

/* the day of v in set i of s, or -1 when absent */
static long
day_of(struct seen *s[STATE_NSETS], int i, uint64_t v)
{
	size_t n = seen_count(s[i]), k;
	uint64_t *val = malloc((n + 1) * sizeof(*val));
	uint16_t *day = malloc((n + 1) * sizeof(*day));
	long d = -1;
	uint64_t want = state_width[i] == 8 ? v : (uint32_t)v;

	n = seen_export(s[i], val, day);
	for (k = 0; k < n; k++)
		if (val[k] == want)
			d = day[k];
	free(val);
	free(day);
	return d;
}

START_TEST(test_keys_and_hosts)
{
	/* state: key 1; host 100 on one page, 101 on two, 102 on one */
	static const uint64_t sk[] = { 1 }, sh1[] = { 100, 101, 102 },
	                      sh2[] = { 101 };
	/* shard 1: keys 1 2 3; hosts 100 (one page), 103 (two pages) */
	static const uint64_t k1[] = { 1, 2, 3 }, a1[] = { 100, 103 },
	                      a2[] = { 103 };
	/* shard 2: keys 3 4; hosts 103, 104, 100 (one page each) */
	static const uint64_t k2[] = { 3, 4 }, b1[] = { 103, 104, 100 };
	struct shard_merge_options o;
	struct seen *p[STATE_NSETS], *n[STATE_NSETS];
	const char *scan[2];
	char s1[96], s2[96], st[96], next[96];
	struct wn_error e;

	write_file("state", OLD, sk, 1, sh1, 3, sh2, 1);
	write_file("1.scan", TODAY, k1, 3, a1, 2, a2, 1);
	write_file("2.scan", TODAY, k2, 2, b1, 3, NULL, 0);
	snprintf(s1, sizeof(s1), "%s/1.scan", dir);
	snprintf(s2, sizeof(s2), "%s/2.scan", dir);
	snprintf(st, sizeof(st), "%s/state", dir);
	snprintf(next, sizeof(next), "%s/next", dir);
	scan[0] = s1;
	scan[1] = s2;
	memset(&o, 0, sizeof(o));
	memset(&e, 0, sizeof(e));
	o.state = st;
	o.next = next;
	o.suffix = ".prior";
	o.today = TODAY;
	o.parts = 1;
	ck_assert_int_eq(shard_merge(&o, scan, 2, &e), WN_OK);

	/* shard 1 saw key 1 in the state, host 100 once before */
	load("1.scan.prior", p);
	ck_assert_uint_eq(seen_count(p[STATE_KEYS]), 1);
	ck_assert(seen_contains(p[STATE_KEYS], 1));
	ck_assert_uint_eq(seen_count(p[STATE_FINGERPRINTS]), 1);
	ck_assert_uint_eq(seen_count(p[STATE_HOST1]), 1);
	ck_assert(seen_contains(p[STATE_HOST1], 100));
	ck_assert_uint_eq(seen_count(p[STATE_HOST2]), 0);
	sets_free(p);
	/* shard 2: key 3 from shard 1; 103 on two pages before, 100 on two
	 * (state + shard 1), 104 never */
	load("2.scan.prior", p);
	ck_assert_uint_eq(seen_count(p[STATE_KEYS]), 1);
	ck_assert(seen_contains(p[STATE_KEYS], 3));
	ck_assert(seen_contains(p[STATE_HOST1], 103));
	ck_assert(seen_contains(p[STATE_HOST2], 103));
	ck_assert(seen_contains(p[STATE_HOST1], 100));
	ck_assert(seen_contains(p[STATE_HOST2], 100));
	ck_assert(!seen_contains(p[STATE_HOST1], 104));
	ck_assert_uint_eq(seen_count(p[STATE_HOST1]), 2);
	sets_free(p);

	/* the next state: keys 1-4 today; hosts with one run's days */
	load("next", n);
	ck_assert_uint_eq(seen_count(n[STATE_KEYS]), 4);
	ck_assert_int_eq(day_of(n, STATE_KEYS, 1), TODAY);
	ck_assert_int_eq(day_of(n, STATE_HOST1, 100), TODAY);
	ck_assert_int_eq(day_of(n, STATE_HOST2, 100), TODAY);
	/* 101: not in the run, keeps its days; 102 likewise, on one page */
	ck_assert_int_eq(day_of(n, STATE_HOST1, 101), OLD);
	ck_assert_int_eq(day_of(n, STATE_HOST2, 101), OLD);
	ck_assert_int_eq(day_of(n, STATE_HOST1, 102), OLD);
	ck_assert_int_eq(day_of(n, STATE_HOST2, 102), -1);
	ck_assert_int_eq(day_of(n, STATE_HOST2, 103), TODAY);
	ck_assert_int_eq(day_of(n, STATE_HOST1, 104), TODAY);
	ck_assert_int_eq(day_of(n, STATE_HOST2, 104), -1);
	sets_free(n);

	/* a missing scan */
	snprintf(s2, sizeof(s2), "%s/none", dir);
	scan[1] = s2;
	ck_assert_int_eq(shard_merge(&o, scan, 2, &e), WN_ENOINPUT);
	ck_assert_ptr_nonnull(strstr(e.msg, "none"));
}
END_TEST

START_TEST(test_parts)
{
	unsigned parts, part, w;
	uint64_t v;

	/* every value in exactly one part, and the parts not empty */
	for (parts = 1; parts <= 7; parts++)
		for (w = 4; w <= 8; w += 4) {
			unsigned count[7] = { 0 };

			for (v = 1; v <= 7000; v++) {
				unsigned in = 0;

				for (part = 0; part < parts; part++)
					if (shard_in_part(w,
					        v * 0x9E3779B97F4A7C15ull, part,
					        parts)) {
						in++;
						count[part]++;
					}
				ck_assert_uint_eq(in, 1);
			}
			for (part = 0; part < parts; part++)
				ck_assert_uint_gt(
				    count[part], 7000 / parts / 2);
		}
}
END_TEST

Suite *
shard_suite(void)
{
	Suite *s = suite_create("shard");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_keys_and_hosts);
	tcase_add_test(tc, test_parts);
	suite_add_tcase(s, tc);
	return s;
}
