/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * state_bench.c - how long a large state takes to write and to load,
 * through winnow.h alone.
 *
 * usage: state_bench FILE [PARAGRAPHS [WORDS]]
 * Runs PARAGRAPHS distinct paragraphs (default 10^7) of WORDS random
 * words (default 20: about 3 fingerprints each) through a pipeline with
 * --state=FILE (boilerplate kept, so every paragraph enters the state),
 * commits the state and prints the time the commit took; then makes a
 * new pipeline on FILE three times (taking the lock and loading the
 * state) and prints the median load time, the size and the bytes per
 * entry.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "winnow.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
discard(void *ctx, const void *p, size_t n)
{
	(void)ctx;
	(void)p;
	(void)n;
	return 0;
}

static struct wn_pipeline *
pipeline(const char *state, int quiet)
{
	struct wn_sink out = { "null", -1, discard, NULL };
	struct wn_sinks sinks = { &out, NULL, NULL, NULL };
	struct wn_options o;
	struct wn_pipeline *p;
	struct wn_error e;

	wn_options_default(&o);
	o.compress = 0;
	o.boilerplate = WN_BOILERPLATE_OFF;
	o.memory = (size_t)16 << 30; /* no eviction in this measure */
	o.state = state;
	o.today = 20030;
	if (wn_pipeline_new(&o, &sinks, NULL, &p, &e) != WN_OK) {
		fprintf(stderr, "state_bench: %s: %s\n", state, e.msg);
		exit(quiet ? 65 : 74);
	}
	return p;
}

int
main(int argc, char **argv)
{
	unsigned long long n = argc > 2 ? strtoull(argv[2], NULL, 10) :
	                                  10000000,
	                   k;
	unsigned words = argc > 3 ? (unsigned)atoi(argv[3]) : 20, w;
	static const char *const syl[] = { "ka", "ro", "mi", "ten", "sa", "lo",
		"ver", "an", "dis", "po", "re", "tur", "gal", "ne", "is",
		"or" };
	struct wn_state_info info;
	struct wn_pipeline *p;
	struct wn_error e;
	uint64_t x = 88172645463325252ull, total = 0;
	double t0, t[3], tmp;
	char *doc;
	size_t len = 0, cap = 1 << 20;
	int i;

	if (argc < 2) {
		fprintf(
		    stderr, "usage: state_bench FILE [PARAGRAPHS [WORDS]]\n");
		return 64;
	}
	unlink(argv[1]);
	p = pipeline(argv[1], 0);
	if ((doc = malloc(cap)) == NULL)
		return 74;
	wn_pipeline_begin(p, "bench");
	for (k = 0; k < n; k++) {
		/* a paragraph of random syllable words, 1000 to a document */
		for (w = 0; w < words; w++) {
			int s;

			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			for (s = 0; s < 3; s++)
				len += (size_t)snprintf(doc + len, cap - len,
				    "%s", syl[(x >> (4 * s)) & 15]);
			if (w + 1 == words)
				doc[len++] = '.';
			doc[len++] = w + 1 < words ? ' ' : '\n';
		}
		if ((k + 1) % 1000 == 0 || k + 1 == n) {
			struct wn_document d = { doc, len, 0, NULL, 0, NULL, 0,
				0 };

			if (wn_pipeline_document(p, &d) != WN_OK)
				return 74;
			len = 0;
		}
	}
	wn_pipeline_end(p);
	wn_pipeline_finish(p);
	free(doc);
	t0 = now();
	if (wn_pipeline_save(p, &e) != WN_OK ||
	    wn_pipeline_commit(p, &e) != WN_OK) {
		fprintf(stderr, "state_bench: %s: %s\n", argv[1], e.msg);
		return 74;
	}
	printf("write: %.3f s\n", now() - t0);
	wn_pipeline_free(p);
	for (i = 0; i < 3; i++) {
		t0 = now();
		p = pipeline(argv[1], 1);
		t[i] = now() - t0;
		wn_pipeline_free(p);
	}
	if (t[0] > t[1]) {
		tmp = t[0];
		t[0] = t[1];
		t[1] = tmp;
	}
	if (t[1] > t[2]) {
		tmp = t[1];
		t[1] = t[2];
		t[2] = tmp;
	}
	if (t[0] > t[1]) {
		tmp = t[0];
		t[0] = t[1];
		t[1] = tmp;
	}
	if (wn_state_info(argv[1], 20030, &info, &e) != WN_OK) {
		fprintf(stderr, "state_bench: %s: %s\n", argv[1], e.msg);
		return 65;
	}
	for (i = 0; i < WN_STATE_NSETS; i++)
		total += info.count[i];
	printf("load: %.3f s (median of 3; %.3f..%.3f, with the pipeline's "
	       "start) for %llu keys and %llu fingerprints\n",
	    t[1], t[0], t[2], (unsigned long long)info.count[0],
	    (unsigned long long)info.count[1]);
	printf("size: %llu bytes, %.2f bytes per entry\n",
	    (unsigned long long)info.bytes,
	    (double)(info.bytes - 128) / (double)(total ? total : 1));
	return 0;
}
