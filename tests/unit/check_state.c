/* check_state.c - the state file: round trip, days and expiry, every
 * corrupted byte refused, the same bytes for the same sets, the lock. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "state.h"
#include "suites.h"

static char dir[64], path[96];
static struct seen *set[STATE_NSETS];
static const struct state_params params = { 0x77696e6e6f77ull, 1, 5, 8 };

static void
new_sets(uint16_t today)
{
	int i;

	for (i = 0; i < STATE_NSETS; i++) {
		set[i] = seen_new(state_width[i], 0);
		ck_assert_ptr_nonnull(set[i]);
		ck_assert_int_eq(seen_stamp(set[i], today), 0);
	}
}

static void
free_sets(void)
{
	int i;

	for (i = 0; i < STATE_NSETS; i++) {
		seen_free(set[i]);
		set[i] = NULL;
	}
}

static void
setup(void)
{
	strcpy(dir, "/tmp/check-state.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/s", dir);
}

static void
teardown(void)
{
	char p[128];

	free_sets();
	unlink(path);
	snprintf(p, sizeof(p), "%s.lock", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s.tmp", path);
	unlink(p);
	rmdir(dir);
}

static enum wn_status
load(uint16_t today, unsigned max_age, int *found, struct wn_error *e)
{
	struct state_info info;

	return state_load(path, &params, set, today, max_age, found, &info, e);
}

START_TEST(test_round_trip)
{
	struct wn_error e;
	struct state_info info;
	int found, i;
	uint64_t k;

	memset(&e, 0, sizeof(e));
	new_sets(100);
	for (k = 1; k <= 1000; k++) {
		seen_insert(set[STATE_KEYS], k * 0x9E3779B97F4A7C15ull);
		seen_insert(set[STATE_FINGERPRINTS], k * 7919);
	}
	seen_insert_day(set[STATE_HOST1], 42, 90);
	ck_assert_int_eq(state_save(path, &params, set, 100, 0, &e), WN_OK);
	free_sets();

	new_sets(101);
	ck_assert_int_eq(load(101, 0, &found, &e), WN_OK);
	ck_assert_int_eq(found, 1);
	ck_assert_uint_eq(seen_count(set[STATE_KEYS]), 1000);
	ck_assert_uint_eq(seen_count(set[STATE_FINGERPRINTS]), 1000);
	ck_assert_uint_eq(seen_count(set[STATE_HOST1]), 1);
	for (k = 1; k <= 1000; k++) {
		ck_assert(seen_contains(set[STATE_KEYS], k * 0x9E3779B97F4A7C15ull));
		ck_assert(seen_contains(set[STATE_FINGERPRINTS], k * 7919));
	}
	/* expiry: day 90 is 11 days before 101 */
	free_sets();
	new_sets(101);
	ck_assert_int_eq(load(101, 10, &found, &e), WN_OK);
	ck_assert_uint_eq(seen_count(set[STATE_HOST1]), 0);
	ck_assert_uint_eq(seen_count(set[STATE_KEYS]), 1000);
	free_sets();
	new_sets(101);
	ck_assert_int_eq(load(101, 11, &found, &e), WN_OK);
	ck_assert_uint_eq(seen_count(set[STATE_HOST1]), 1);
	/* the header */
	{
		uint64_t hist[STATE_NSETS][STATE_AGES];

		ck_assert_int_eq(state_inspect(path, 101, &info, hist, &e),
		    WN_OK);
		ck_assert_uint_eq(info.count[STATE_KEYS], 1000);
		ck_assert_uint_eq(info.day, 100);
		ck_assert_uint_eq(info.p.shingle, 5);
		ck_assert_uint_eq(info.bytes, STATE_HEADER_SIZE + 1000 * 10 +
		    1000 * 6 + 10);
		ck_assert_uint_eq(hist[STATE_KEYS][1], 1000);	/* 1 day */
		ck_assert_uint_eq(hist[STATE_HOST1][3], 1);	/* 8-30 */
	}
	for (i = 0; i < STATE_NSETS; i++)
		ck_assert_uint_eq(seen_evicted(set[i]), 0);
}
END_TEST

START_TEST(test_missing_and_mismatch)
{
	struct wn_error e;
	struct state_params other = params;
	struct state_info info;
	int found;

	memset(&e, 0, sizeof(e));
	new_sets(5);
	ck_assert_int_eq(load(5, 0, &found, &e), WN_OK);
	ck_assert_int_eq(found, 0);
	ck_assert_int_eq(state_save(path, &params, set, 5, 0, &e), WN_OK);
	other.shingle = 7;
	ck_assert_int_eq(state_load(path, &other, set, 5, 0, &found, &info,
	    &e), WN_EDATA);
	ck_assert_ptr_nonnull(strstr(e.msg, "--shingle=5"));
	other = params;
	other.normalize_version = 2;
	ck_assert_int_eq(state_load(path, &other, set, 5, 0, &found, &info,
	    &e), WN_EDATA);
	ck_assert_ptr_nonnull(strstr(e.msg, "normalizer"));
}
END_TEST

/* Every single corrupted byte, and every truncation, is refused. */
START_TEST(test_every_byte)
{
	struct wn_error e;
	unsigned char *b;
	long n, i;
	int found;
	FILE *f;

	memset(&e, 0, sizeof(e));
	new_sets(7);
	seen_insert(set[STATE_KEYS], 1234567);
	seen_insert(set[STATE_FINGERPRINTS], 89);
	ck_assert_int_eq(state_save(path, &params, set, 7, 0, &e), WN_OK);
	free_sets();
	ck_assert_ptr_nonnull(f = fopen(path, "rb"));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	b = malloc((size_t)n);
	ck_assert_uint_eq(fread(b, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	for (i = 0; i < n + n; i++) {
		long at = i < n ? i : i - n;

		ck_assert_ptr_nonnull(f = fopen(path, "wb"));
		if (i < n) {	/* flip one bit of byte i */
			b[at] ^= 0x10;
			fwrite(b, 1, (size_t)n, f);
			b[at] ^= 0x10;
		} else {	/* keep the first at bytes */
			fwrite(b, 1, (size_t)at, f);
		}
		fclose(f);
		new_sets(7);
		/* bytes 96..103 (the time) and the header's padding are
		 * covered by the header checksum too */
		ck_assert_msg(load(7, 0, &found, &e) == WN_EDATA,
		    "%s at byte %ld accepted", i < n ? "bit flip" : "truncation",
		    at);
		free_sets();
	}
	free(b);
}
END_TEST

/* The same entries give the same body, whatever order they came in. */
START_TEST(test_deterministic)
{
	struct wn_error e;
	unsigned char a[4096], c[4096];
	size_t na, nc;
	uint64_t k;
	FILE *f;

	memset(&e, 0, sizeof(e));
	new_sets(3);
	for (k = 0; k < 300; k++)
		seen_insert_day(set[STATE_KEYS], k * 31 + 1, (uint16_t)(k % 3));
	ck_assert_int_eq(state_save(path, &params, set, 3, 0, &e), WN_OK);
	free_sets();
	ck_assert_ptr_nonnull(f = fopen(path, "rb"));
	na = fread(a, 1, sizeof(a), f);
	fclose(f);
	new_sets(3);
	for (k = 300; k-- > 0;)
		seen_insert_day(set[STATE_KEYS], k * 31 + 1, (uint16_t)(k % 3));
	ck_assert_int_eq(state_save(path, &params, set, 3, 0, &e), WN_OK);
	ck_assert_ptr_nonnull(f = fopen(path, "rb"));
	nc = fread(c, 1, sizeof(c), f);
	fclose(f);
	ck_assert_uint_eq(na, nc);
	ck_assert(memcmp(a + STATE_HEADER_SIZE, c + STATE_HEADER_SIZE,
	    na - STATE_HEADER_SIZE) == 0);
	/* in home-slot order, for a load in one sweep */
	for (k = 1; k < 300; k++) {
		const unsigned char *p = a + STATE_HEADER_SIZE + 8 * k;
		uint64_t x = 0, y = 0;
		int b;

		for (b = 7; b >= 0; b--) {
			x = x << 8 | p[b - 8];
			y = y << 8 | p[b];
		}
		ck_assert(seen_order(8, x) <= seen_order(8, y));
	}
}
END_TEST

/* A state larger than the memory cap keeps its newest entries. */
START_TEST(test_over_cap_oldest_go)
{
	struct wn_error e;
	uint64_t k, n = 40000, kept_new = 0, kept_old = 0;
	int found, i;

	memset(&e, 0, sizeof(e));
	new_sets(200);
	for (k = 0; k < n; k++)	/* day 100 for the first half, 200 after */
		seen_insert_day(set[STATE_KEYS], k * 0x9E3779B97F4A7C15ull + 1,
		    k < n / 2 ? 100 : 200);
	ck_assert_int_eq(state_save(path, &params, set, 200, 0, &e), WN_OK);
	free_sets();
	for (i = 0; i < STATE_NSETS; i++) {
		/* 512 KiB: tables of 16384 slots, two generations hold
		 * under 30000 of the 40000 keys */
		set[i] = seen_new(state_width[i], 512 * 1024);
		ck_assert_int_eq(seen_stamp(set[i], 200), 0);
	}
	ck_assert_int_eq(load(200, 0, &found, &e), WN_OK);
	ck_assert_uint_gt(seen_evicted(set[STATE_KEYS]), 0);
	for (k = 0; k < n; k++) {
		int in = seen_contains(set[STATE_KEYS],
		    k * 0x9E3779B97F4A7C15ull + 1);

		if (k < n / 2)
			kept_old += in;
		else
			kept_new += in;
	}
	ck_assert_uint_eq(kept_new, n / 2);
	ck_assert_uint_lt(kept_old, n / 4);
}
END_TEST

START_TEST(test_lock)
{
	struct wn_error e;
	int fd1 = -1, fd2 = -1;
	char tmp[128];
	FILE *f;

	memset(&e, 0, sizeof(e));
	/* a FILE.tmp of a killed run is removed by the next lock */
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	ck_assert_ptr_nonnull(f = fopen(tmp, "w"));
	fclose(f);
	ck_assert_int_eq(state_lock(path, 0, &fd1, &e), WN_OK);
	ck_assert_int_eq(access(tmp, F_OK), -1);
	/* flock locks belong to the open file: a second open is refused */
	ck_assert_int_eq(state_lock(path, 0.2, &fd2, &e), WN_ELOCKED);
	ck_assert_ptr_nonnull(strstr(e.msg, "locked by another run"));
	state_unlock(fd1);
	ck_assert_int_eq(state_lock(path, 0, &fd2, &e), WN_OK);
	state_unlock(fd2);
}
END_TEST

Suite *
state_suite(void)
{
	Suite *s = suite_create("state");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_missing_and_mismatch);
	tcase_add_test(tc, test_every_byte);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_over_cap_oldest_go);
	tcase_add_test(tc, test_lock);
	suite_add_tcase(s, tc);
	return s;
}
