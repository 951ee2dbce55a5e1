/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_state.c - the state file: round trip, days and expiry, every
 * corrupted byte refused, the same bytes for the same sets, the lock. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xxhash.h>

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
	snprintf(p, sizeof(p), "%s/victim", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/link", dir);
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
	ck_assert_int_eq(state_save(path, &params, set, 100, 0, 0, &e), WN_OK);
	free_sets();

	new_sets(101);
	ck_assert_int_eq(load(101, 0, &found, &e), WN_OK);
	ck_assert_int_eq(found, 1);
	ck_assert_uint_eq(seen_count(set[STATE_KEYS]), 1000);
	ck_assert_uint_eq(seen_count(set[STATE_FINGERPRINTS]), 1000);
	ck_assert_uint_eq(seen_count(set[STATE_HOST1]), 1);
	for (k = 1; k <= 1000; k++) {
		ck_assert(
		    seen_contains(set[STATE_KEYS], k * 0x9E3779B97F4A7C15ull));
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

		ck_assert_int_eq(
		    state_inspect(path, 101, &info, hist, &e), WN_OK);
		ck_assert_uint_eq(info.count[STATE_KEYS], 1000);
		ck_assert_uint_eq(info.day, 100);
		ck_assert_uint_eq(info.p.shingle, 5);
		ck_assert_uint_eq(
		    info.bytes, STATE_HEADER_SIZE + 1000 * 10 + 1000 * 10 + 10);
		ck_assert_uint_eq(hist[STATE_KEYS][1], 1000); /* 1 day */
		ck_assert_uint_eq(hist[STATE_HOST1][3], 1);   /* 8-30 */
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
	ck_assert_int_eq(state_save(path, &params, set, 5, 0, 0, &e), WN_OK);
	other.shingle = 7;
	ck_assert_int_eq(
	    state_load(path, &other, set, 5, 0, &found, &info, &e), WN_EDATA);
	ck_assert_ptr_nonnull(strstr(e.msg, "--shingle=5"));
	other = params;
	other.normalize_version = 2;
	ck_assert_int_eq(
	    state_load(path, &other, set, 5, 0, &found, &info, &e), WN_EDATA);
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
	ck_assert_int_eq(state_save(path, &params, set, 7, 0, 0, &e), WN_OK);
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
		if (i < n) { /* flip one bit of byte i */
			b[at] ^= 0x10;
			fwrite(b, 1, (size_t)n, f);
			b[at] ^= 0x10;
		} else { /* keep the first at bytes */
			fwrite(b, 1, (size_t)at, f);
		}
		fclose(f);
		new_sets(7);
		/* bytes 96..103 (the time) and the header's padding are
		 * covered by the header checksum too */
		ck_assert_msg(load(7, 0, &found, &e) == WN_EDATA,
		    "%s at byte %ld accepted",
		    i < n ? "bit flip" : "truncation", at);
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
	ck_assert_int_eq(state_save(path, &params, set, 3, 0, 0, &e), WN_OK);
	free_sets();
	ck_assert_ptr_nonnull(f = fopen(path, "rb"));
	na = fread(a, 1, sizeof(a), f);
	fclose(f);
	new_sets(3);
	for (k = 300; k-- > 0;)
		seen_insert_day(set[STATE_KEYS], k * 31 + 1, (uint16_t)(k % 3));
	ck_assert_int_eq(state_save(path, &params, set, 3, 0, 0, &e), WN_OK);
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
	for (k = 0; k < n; k++) /* day 100 for the first half, 200 after */
		seen_insert_day(set[STATE_KEYS], k * 0x9E3779B97F4A7C15ull + 1,
		    k < n / 2 ? 100 : 200);
	ck_assert_int_eq(state_save(path, &params, set, 200, 0, 0, &e), WN_OK);
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
		int in = seen_contains(
		    set[STATE_KEYS], k * 0x9E3779B97F4A7C15ull + 1);

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

/* winnow runs as root from cron: nothing it writes may go through a
 * symbolic link someone planted in the state's directory. */
START_TEST(test_symlinks)
{
	struct wn_error e;
	char victim[128], lnk[128], tmp[128], buf[16], *real = NULL;
	struct stat sb;
	int fd = -1, found;
	FILE *f;

	memset(&e, 0, sizeof(e));
	snprintf(victim, sizeof(victim), "%s/victim", dir);
	snprintf(lnk, sizeof(lnk), "%s/link", dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	ck_assert_ptr_nonnull(f = fopen(victim, "w"));
	fputs("precious", f);
	fclose(f);
	/* FILE.lock as a link (dangling or not) is refused */
	snprintf(buf, sizeof(buf), ".lock");
	{
		char lock[128];

		snprintf(lock, sizeof(lock), "%s.lock", path);
		ck_assert_int_eq(symlink(victim, lock), 0);
		ck_assert_int_eq(state_lock(path, 0, &fd, &e), WN_ECREATE);
		ck_assert_ptr_nonnull(strstr(e.msg, "symbolic link"));
		unlink(lock);
	}
	/* FILE.tmp as a link: replaced, never written through */
	ck_assert_int_eq(symlink(victim, tmp), 0);
	new_sets(9);
	seen_insert(set[STATE_KEYS], 77);
	ck_assert_int_eq(
	    state_save(path, &params, set, 9, 0, STATE_LOCKED, &e), WN_OK);
	ck_assert_int_eq(lstat(path, &sb), 0);
	ck_assert(S_ISREG(sb.st_mode));
	ck_assert_ptr_nonnull(f = fopen(victim, "r"));
	ck_assert_ptr_nonnull(fgets(buf, sizeof(buf), f));
	fclose(f);
	ck_assert_str_eq(buf, "precious");
	/* a link to a state is resolved: the state is replaced where it
	 * lies, and the link stays a link */
	ck_assert_int_eq(symlink(path, lnk), 0);
	ck_assert_int_eq(state_resolve(lnk, &real, &e), WN_OK);
	ck_assert_int_eq(
	    state_save(real, &params, set, 9, 0, STATE_LOCKED, &e), WN_OK);
	free(real);
	ck_assert_int_eq(lstat(lnk, &sb), 0);
	ck_assert(S_ISLNK(sb.st_mode));
	free_sets();
	new_sets(9);
	ck_assert_int_eq(load(9, 0, &found, &e), WN_OK);
	ck_assert(seen_contains(set[STATE_KEYS], 77));
	/* a dangling link is refused, not created where it points */
	unlink(lnk);
	ck_assert_int_eq(symlink("/nonexistent/winnow-state", lnk), 0);
	ck_assert_int_eq(state_resolve(lnk, &real, &e), WN_EDATA);
	ck_assert_ptr_null(real);
}
END_TEST

/* A replaced state keeps its mode (and owner); a FIFO is refused at
 * once, not opened and waited on. */
START_TEST(test_mode_and_fifo)
{
	struct wn_error e;
	struct state_info info;
	struct stat sb;
	mode_t old = umask(022);
	char *real = NULL;
	int found;

	memset(&e, 0, sizeof(e));
	new_sets(4);
	ck_assert_int_eq(
	    state_save(path, &params, set, 4, 0, STATE_LOCKED, &e), WN_OK);
	ck_assert_int_eq(chmod(path, 0600), 0);
	ck_assert_int_eq(
	    state_save(path, &params, set, 4, 0, STATE_LOCKED, &e), WN_OK);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 07777, 0600);
	ck_assert_int_eq(chmod(path, 0640), 0);
	ck_assert_int_eq(state_save(path, &params, set, 4, 0, 0, &e), WN_OK);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 07777, 0640);
	unlink(path);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_int_eq(state_resolve(path, &real, &e), WN_EDATA);
	ck_assert_ptr_nonnull(strstr(e.msg, "regular file"));
	ck_assert_int_eq(
	    state_load(path, &params, set, 4, 0, &found, &info, &e), WN_EDATA);
	ck_assert_ptr_nonnull(strstr(e.msg, "regular file"));
	umask(old);
}
END_TEST

static void
put_le(unsigned char *p, uint64_t v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* A version 1 file (32-bit fingerprints) is refused with the way out,
 * and state_upgrade() keeps its keys and site lines. */
START_TEST(test_version_1)
{
	/* 2 keys, 3 fingerprints, 1 host line, 0 */
	unsigned char b[128 + 2 * 10 + 3 * 6 + 1 * 10];
	unsigned char *q = b + 128;
	struct wn_error e;
	struct state_params p;
	int found, up, i;
	FILE *f;

	memset(&e, 0, sizeof(e));
	memset(b, 0, sizeof(b));
	memcpy(b, "WNSTATE", 8);
	put_le(b + 8, 1, 4);
	put_le(b + 12, 128, 4);
	memcpy(b + 16, "XXH3-64", 8);
	put_le(b + 32, params.seed, 8);
	put_le(b + 40, params.normalize_version, 4);
	put_le(b + 44, params.shingle, 4);
	put_le(b + 48, params.window, 4);
	put_le(b + 52, 4, 4);
	put_le(b + 56, 2, 8);
	put_le(b + 64, 3, 8);
	put_le(b + 72, 1, 8);
	put_le(b + 88, 50, 2);
	put_le(q, 1111, 8), put_le(q + 8, 2222, 8), q += 16;
	put_le(q, 50, 2), put_le(q + 2, 50, 2), q += 4;
	for (i = 0; i < 3; i++)
		put_le(q + 4 * i, 333 + i, 4);
	q += 12;
	for (i = 0; i < 3; i++)
		put_le(q + 2 * i, 50, 2);
	q += 6;
	put_le(q, 4444, 8), put_le(q + 8, 49, 2);
	put_le(b + 104, XXH3_64bits(b + 128, sizeof(b) - 128), 8);
	put_le(b + 112, XXH3_64bits(b, 112), 8);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	ck_assert_uint_eq(fwrite(b, 1, sizeof(b), f), sizeof(b));
	fclose(f);
	new_sets(51);
	ck_assert_int_eq(load(51, 0, &found, &e), WN_EDATA);
	ck_assert_ptr_nonnull(strstr(e.msg, "version 1"));
	ck_assert_ptr_nonnull(strstr(e.msg, "winnow state upgrade"));
	ck_assert_int_eq(state_upgrade(path, set, 51, &p, &up, &e), WN_OK);
	ck_assert_int_eq(up, 1);
	ck_assert_uint_eq(p.shingle, params.shingle);
	free_sets();
	new_sets(51);
	ck_assert_int_eq(load(51, 0, &found, &e), WN_OK);
	ck_assert(seen_contains(set[STATE_KEYS], 1111));
	ck_assert(seen_contains(set[STATE_KEYS], 2222));
	ck_assert(seen_contains(set[STATE_HOST1], 4444));
	ck_assert_uint_eq(seen_count(set[STATE_FINGERPRINTS]), 0);
	/* a second upgrade leaves it as it is */
	free_sets();
	new_sets(51);
	ck_assert_int_eq(state_upgrade(path, set, 51, &p, &up, &e), WN_OK);
	ck_assert_int_eq(up, 0);
}
END_TEST

/* The header is checked against the file's size before the body is
 * read: a sparse 1 GiB file whose header counts a few entries is
 * refused as corrupt, not read whole. */
START_TEST(test_size_first)
{
	struct wn_error e;
	int found, fd;

	memset(&e, 0, sizeof(e));
	new_sets(6);
	seen_insert(set[STATE_KEYS], 5);
	ck_assert_int_eq(state_save(path, &params, set, 6, 0, 0, &e), WN_OK);
	ck_assert_int_ge(fd = open(path, O_WRONLY), 0);
	ck_assert_int_eq(ftruncate(fd, (off_t)1 << 30), 0);
	close(fd);
	free_sets();
	new_sets(6);
	ck_assert_int_eq(load(6, 0, &found, &e), WN_EDATA);
	ck_assert_ptr_nonnull(strstr(e.msg, "corrupt state file"));
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
	tcase_add_test(tc, test_symlinks);
	tcase_add_test(tc, test_mode_and_fifo);
	tcase_add_test(tc, test_version_1);
	tcase_add_test(tc, test_size_first);
	suite_add_tcase(s, tc);
	return s;
}
