/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * falsematch.c - how often a new paragraph is removed as a near
 * duplicate by chance when N fingerprints are stored (issue 20, item 7).
 *
 * usage: falsematch COUNTS [PARAGRAPHS]
 * COUNTS holds the fingerprint counts of real paragraphs of 12 words or
 * more, one a line (winnow --explain, "fingerprints").  For N = 10^7,
 * 10^8 and 10^9 stored fingerprints:
 *
 *  1. 32 bits, simulated: N random 32-bit values go into a bitmap of
 *     2^32 bits (what a set of 32-bit values can tell apart); PARAGRAPHS
 *     (default 10^6) new paragraphs, each with a count drawn from COUNTS
 *     and that many fresh random fingerprints, are looked up; one is
 *     removed when at least 2 of its k fingerprints, and at least half,
 *     are found (winnow's --near=0.5 rule, clean.c).
 *  2. 64 bits, exact: a fresh fingerprint is found with probability
 *     p = N / 2^64; the removal rate is the mean, over COUNTS, of the
 *     binomial tail P(found >= max(2, ceil(k / 2))).  (No simulation can
 *     see a rate of 10^-20; the same formula with p = N / 2^32 is printed
 *     beside the 32-bit simulation to show that it predicts it.)
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t
next(void)
{
	/* splitmix64 */
	uint64_t z = (rng += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static unsigned
need(unsigned k)
{
	unsigned half = (k + 1) / 2;

	return half < 2 ? 2 : half;
}

/* P(X >= m), X binomial(k, p), summed in logs. */
static double
tail(unsigned k, unsigned m, double p)
{
	double s = 0;
	unsigned i;

	for (i = m; i <= k; i++)
		s += exp(lgamma(k + 1.0) - lgamma(i + 1.0) -
		    lgamma(k - i + 1.0) + i * log(p) + (k - i) * log1p(-p));
	return s;
}

static double
expected(const unsigned *c, size_t n, double p)
{
	double s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (c[i] >= 2)
			s += tail(c[i], need(c[i]), p);
	return s / (double)n;
}

int
main(int argc, char **argv)
{
	static const double stored[] = { 1e7, 1e8, 1e9 };
	unsigned *c = NULL, x;
	size_t n = 0, cap = 0, i, t;
	unsigned long long paras =
	    argc > 2 ? strtoull(argv[2], NULL, 10) : 1000000;
	uint64_t *bits;
	FILE *f;

	if (argc < 2 || (f = fopen(argv[1], "r")) == NULL) {
		fprintf(stderr, "usage: falsematch COUNTS [PARAGRAPHS]\n");
		return 64;
	}
	while (fscanf(f, "%u", &x) == 1) {
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			c = realloc(c, cap * sizeof(*c));
		}
		c[n++] = x;
	}
	fclose(f);
	if (n == 0 || (bits = calloc((size_t)1 << 26, 8)) == NULL)
		return 65;
	printf("%zu paragraphs' fingerprint counts; %llu new paragraphs per "
	       "measure\n",
	    n, paras);
	printf("| stored | 32-bit lookup hit | 32-bit removed, simulated | "
	       "32-bit, formula | 64-bit removed, formula |\n");
	printf("|---|---|---|---|---|\n");
	for (t = 0; t < sizeof(stored) / sizeof(stored[0]); t++) {
		unsigned long long removed = 0, k;
		uint64_t filled = 0, target = (uint64_t)stored[t];

		memset(bits, 0, (size_t)1 << 29);
		for (k = 0; k < target; k++) {
			uint32_t v = (uint32_t)next();

			filled += !(bits[v >> 6] >> (v & 63) & 1);
			bits[v >> 6] |= 1ull << (v & 63);
		}
		for (k = 0; k < paras; k++) {
			unsigned fc = c[next() % n], found = 0, j;

			for (j = 0; j < fc; j++) {
				uint32_t v = (uint32_t)next();

				found += bits[v >> 6] >> (v & 63) & 1;
			}
			removed += fc >= 2 && found >= need(fc);
		}
		printf("| %.0e | %.4f | %.2e (%llu of %llu) | %.2e | %.2e |\n",
		    stored[t], (double)filled / 4294967296.0,
		    (double)removed / (double)paras, removed, paras,
		    expected(c, n, (double)filled / 4294967296.0),
		    expected(c, n, stored[t] / 18446744073709551616.0));
	}
	free(bits);
	free(c);
	return 0;
}
