/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_fingerprint.c - rolling hash and the winnowing guarantee. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "fingerprint.h"
#include "normalize.h"
#include "suites.h"

static uint64_t rng = 88172645463325252ull;

static unsigned
next(unsigned bound)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % bound);
}

/* n random words "w123 w45 ..." from a vocabulary of vocab words. */
static void
random_words(struct wn_buf *b, size_t n, unsigned vocab)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char w[16];
		int k =
		    snprintf(w, sizeof(w), "%sw%u", i ? " " : "", next(vocab));

		wn_buf_append(b, w, (size_t)k);
	}
}

static void
fingerprints(struct normalizer *nz, const struct wn_buf *text, unsigned n,
    unsigned w, struct fingerprint_list *out)
{
	struct normalize_key key = { { NULL, 0, 0 }, NULL, 0, 0, NULL, 0, 0 };

	out->n = 0;
	ck_assert_int_eq(normalize_key(nz, text->data, text->len, &key), WN_OK);
	ck_assert_int_eq(fingerprint_compute(&key, n, w, out), WN_OK);
	normalize_key_free(&key);
}

/* fingerprint_words (XXH3's short path inline) gives what
 * fingerprint_word gives, for every length around the paths' edges, and
 * the word hash is XXH3 with its seed (keys in state files depend on
 * it) */
START_TEST(test_words_equal_word)
{
	char text[2048];
	uint32_t end[64];
	uint64_t h[64];
	size_t n = 0, len = 0, k;
	uint64_t x = 88172645463325252ull;

	for (k = 0; k <= 40; k++) { /* words of 0..40 bytes */
		size_t i;

		for (i = 0; i < k; i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			text[len++] = (char)('a' + x % 26);
		}
		end[n++] = (uint32_t)len;
	}
	fingerprint_words(text, end, n, h);
	for (k = 0, len = 0; k < n; k++) {
		ck_assert_uint_eq(
		    h[k], fingerprint_word(text + len, end[k] - len));
		len = end[k];
	}
	/* the seed in src/fingerprint.c ("winnow1") */
	ck_assert_uint_eq(fingerprint_word("news", 4),
	    XXH3_64bits_withSeed("news", 4, 0x77696e6e6f7731ull));
}
END_TEST

START_TEST(test_rolling_equals_scratch)
{
	struct normalizer *nz = normalize_new();
	struct normalize_key key = { { NULL, 0, 0 }, NULL, 0, 0, NULL, 0, 0 };
	struct fingerprint_list fp = { NULL, 0, 0 };
	struct wn_buf t = { NULL, 0, 0 };
	uint64_t wh[200];
	size_t i, start = 0;
	unsigned n;

	random_words(&t, 200, 50); /* repeated words too */
	ck_assert_int_eq(normalize_key(nz, t.data, t.len, &key), WN_OK);
	ck_assert_uint_eq(key.nwords, 200);
	for (i = 0; i < 200; i++) {
		wh[i] = fingerprint_word(
		    key.text.data + start, key.word_end[i] - start);
		start = key.word_end[i];
	}
	for (n = 1; n <= 9; n += 4) {
		/* w = 1 selects every shingle: the rolled values themselves */
		fp.n = 0;
		ck_assert_int_eq(fingerprint_compute(&key, n, 1, &fp), WN_OK);
		ck_assert_uint_eq(fp.n, 200 - n + 1);
		for (i = 0; i < fp.n; i++)
			ck_assert_msg(fp.v[i] == fingerprint_shingle(wh + i, n),
			    "n=%u shingle %zu", n, i);
	}
	fingerprint_list_free(&fp);
	normalize_key_free(&key);
	wn_buf_free(&t);
	normalize_free(nz);
}
END_TEST

/* The winnowing, against its definition computed naively: each window
 * of w shingle hashes selects its rightmost minimum, each selected
 * position recorded once; fewer than w shingles, their one minimum.  A
 * vocabulary of three words makes equal shingles, so ties are tested. */
START_TEST(test_winnow_reference)
{
	static const unsigned ws[] = { 1, 2, 3, 4, 8, 13, 64 };
	struct normalizer *nz = normalize_new();
	struct normalize_key key = { { NULL, 0, 0 }, NULL, 0, 0, NULL, 0, 0 };
	struct fingerprint_list fp = { NULL, 0, 0 };
	uint64_t wh[300], sh[300], want[300];
	size_t len, i, k, nwant;
	unsigned n, wi, vocab;

	for (vocab = 3; vocab <= 3000; vocab *= 1000) {
		for (len = 0; len <= 300; len += len < 20 ? 1 : 41) {
			struct wn_buf t = { NULL, 0, 0 };
			size_t start = 0;

			random_words(&t, len, vocab);
			ck_assert_int_eq(
			    normalize_key(nz, t.data, t.len, &key), WN_OK);
			ck_assert_uint_eq(key.nwords, len);
			for (i = 0; i < len; i++) {
				wh[i] = fingerprint_word(key.text.data + start,
				    key.word_end[i] - start);
				start = key.word_end[i];
			}
			for (n = 1; n <= 6; n++) {
				size_t ns = len >= n ? len - n + 1 : 0;

				for (i = 0; i < ns; i++)
					sh[i] = fingerprint_shingle(wh + i, n);
				for (wi = 0; wi < sizeof(ws) / sizeof(ws[0]);
				     wi++) {
					unsigned w = ws[wi];
					size_t lastpos = (size_t)-1, e;

					nwant = 0;
					/* windows [e + 1 - w, e], or one of all */
					for (e = ns < w ? ns - 1 : w - 1;
					     ns > 0 && e < ns; e++) {
						size_t a = e + 1 >= w ?
						    e + 1 - w :
						    0,
						       pos = a;

						for (k = a; k <= e; k++)
							if (sh[k] <= sh[pos])
								pos = k;
						if (pos != lastpos)
							want[nwant++] = sh[pos];
						lastpos = pos;
					}
					fp.n = 0;
					ck_assert_int_eq(fingerprint_compute(
					                     &key, n, w, &fp),
					    WN_OK);
					ck_assert_msg(fp.n == nwant,
					    "len %zu n %u w %u: %zu, want %zu",
					    len, n, w, fp.n, nwant);
					for (k = 0; k < nwant; k++)
						ck_assert_uint_eq(
						    fp.v[k], want[k]);
					/* with the word hashes given, the same */
					key.word_hash = wh;
					fp.n = 0;
					ck_assert_int_eq(fingerprint_compute(
					                     &key, n, w, &fp),
					    WN_OK);
					key.word_hash = NULL;
					ck_assert_uint_eq(fp.n, nwant);
					for (k = 0; k < nwant; k++)
						ck_assert_uint_eq(
						    fp.v[k], want[k]);
				}
			}
			wn_buf_free(&t);
		}
	}
	fingerprint_list_free(&fp);
	normalize_key_free(&key);
	normalize_free(nz);
}
END_TEST

START_TEST(test_guarantee)
{
	/* any shared run of w+n-1 words gives a shared fingerprint */
	struct normalizer *nz = normalize_new();
	struct fingerprint_list fa = { NULL, 0, 0 }, fb = { NULL, 0, 0 };
	unsigned n = FINGERPRINT_DEFAULT_N, w = FINGERPRINT_DEFAULT_W;
	int trial;

	for (trial = 0; trial < 500; trial++) {
		struct wn_buf a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
		struct wn_buf run = { NULL, 0, 0 };
		size_t i, j;
		int shared = 0;

		random_words(&run, w + n - 1, 100000);
		random_words(&a, next(30), 100000);
		wn_buf_append(&a, " ", 1);
		wn_buf_append(&a, run.data, run.len);
		wn_buf_append(&a, " ", 1);
		random_words(&a, next(30) + 1, 100000);
		random_words(&b, next(30) + 1, 100000);
		wn_buf_append(&b, " ", 1);
		wn_buf_append(&b, run.data, run.len);
		fingerprints(nz, &a, n, w, &fa);
		fingerprints(nz, &b, n, w, &fb);
		for (i = 0; i < fa.n && !shared; i++)
			for (j = 0; j < fb.n; j++)
				if (fa.v[i] == fb.v[j])
					shared = 1;
		ck_assert_msg(shared, "trial %d: no shared fingerprint", trial);
		wn_buf_free(&a);
		wn_buf_free(&b);
		wn_buf_free(&run);
	}
	fingerprint_list_free(&fa);
	fingerprint_list_free(&fb);
	normalize_free(nz);
}
END_TEST

START_TEST(test_density_and_short)
{
	struct normalizer *nz = normalize_new();
	struct fingerprint_list fp = { NULL, 0, 0 };
	struct wn_buf t = { NULL, 0, 0 };
	double d;

	random_words(&t, 20000, 1000000);
	fingerprints(nz, &t, 5, 8, &fp);
	d = (double)fp.n / (20000 - 4);
	/* expected 2/(w+1) = 0.222 */
	ck_assert_msg(d > 0.20 && d < 0.245, "density %f", d);
	t.len = 0;
	random_words(&t, 4, 1000);
	fingerprints(nz, &t, 5, 8, &fp);
	ck_assert_uint_eq(fp.n, 0); /* fewer than n words */
	t.len = 0;
	random_words(&t, 7, 1000);
	fingerprints(nz, &t, 5, 8, &fp);
	ck_assert_uint_eq(fp.n, 1); /* fewer than w shingles */
	fingerprint_list_free(&fp);
	wn_buf_free(&t);
	normalize_free(nz);
}
END_TEST

START_TEST(test_variants_share_fingerprints)
{
	/* typographic variants have the same key, hence fingerprints */
	struct normalizer *nz = normalize_new();
	struct fingerprint_list fa = { NULL, 0, 0 }, fb = { NULL, 0, 0 };
	struct wn_buf a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	static const char ta[] =
	    "\xE2\x80\x9CWe won\xE2\x80\x99t stop \xE2\x80\x94 "
	    "not now, not ever,\xE2\x80\x9D the minister said on Tuesday in "
	    "Geneva.";
	static const char tb[] = "\"We won't stop - not now, not ever,\" the "
	                         "Minister said on Tuesday in GENEVA";

	wn_buf_append(&a, ta, sizeof(ta) - 1);
	wn_buf_append(&b, tb, sizeof(tb) - 1);
	fingerprints(nz, &a, 5, 8, &fa);
	fingerprints(nz, &b, 5, 8, &fb);
	ck_assert_uint_gt(fa.n, 0);
	ck_assert_uint_eq(fa.n, fb.n);
	ck_assert(memcmp(fa.v, fb.v, fa.n * sizeof(uint64_t)) == 0);
	fingerprint_list_free(&fa);
	fingerprint_list_free(&fb);
	wn_buf_free(&a);
	wn_buf_free(&b);
	normalize_free(nz);
}
END_TEST

Suite *
fingerprint_suite(void)
{
	Suite *s = suite_create("fingerprint");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_words_equal_word);
	tcase_add_test(tc, test_rolling_equals_scratch);
	tcase_add_test(tc, test_winnow_reference);
	tcase_add_test(tc, test_guarantee);
	tcase_add_test(tc, test_density_and_short);
	tcase_add_test(tc, test_variants_share_fingerprints);
	suite_add_tcase(s, tc);
	return s;
}
