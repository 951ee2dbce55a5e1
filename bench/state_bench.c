/*
 * state_bench.c - how long a large state takes to write and to load.
 *
 * usage: state_bench FILE [KEYS [FINGERPRINTS]]
 * Fills a state with KEYS paragraph keys (default 10^7) and FINGERPRINTS
 * fingerprints (default 0) spread over 30 days, writes it to FILE, then
 * loads it into fresh sets three times and prints the median load time,
 * the size and the bytes per entry.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "clean.h"
#include "state.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t
mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	return x ^ (x >> 33);
}

static struct clean *
cleaner(uint16_t day, struct seen *set[STATE_NSETS])
{
	struct clean_options o;
	struct clean *c;

	clean_options_default(&o);
	o.memory = (size_t)16 << 30;	/* no eviction in this measure */
	if ((c = clean_new(&o)) == NULL || clean_stamp(c, day) != WN_OK) {
		fprintf(stderr, "state_bench: out of memory\n");
		exit(1);
	}
	clean_state_sets(c, set);
	return c;
}

int
main(int argc, char **argv)
{
	struct seen *set[STATE_NSETS];
	struct state_params p;
	struct state_info info;
	struct wn_error e;
	struct clean *c;
	uint64_t keys = argc > 2 ? strtoull(argv[2], NULL, 10) : 10000000;
	uint64_t fps = argc > 3 ? strtoull(argv[3], NULL, 10) : 0, k;
	double t0, t[3], tmp;
	int i, found;

	if (argc < 2) {
		fprintf(stderr, "usage: state_bench FILE [KEYS [FINGERPRINTS]]\n");
		return 64;
	}
	c = cleaner(20000, set);
	clean_state_params(c, &p);
	for (k = 0; k < keys; k++)
		seen_insert_day(set[STATE_KEYS], mix(k + 1),
		    (uint16_t)(20000 + k % 30));
	for (k = 0; k < fps; k++)
		seen_insert_day(set[STATE_FINGERPRINTS], mix(~k),
		    (uint16_t)(20000 + k % 30));
	t0 = now();
	if (state_save(argv[1], &p, set, 20030, 0, 0, &e) != WN_OK) {
		fprintf(stderr, "state_bench: %s: %s\n", argv[1], e.msg);
		return 74;
	}
	printf("write: %.3f s\n", now() - t0);
	clean_free(c);
	for (i = 0; i < 3; i++) {
		c = cleaner(20030, set);
		t0 = now();
		if (state_load(argv[1], &p, set, 20030, 0, &found, &info, &e) !=
		    WN_OK) {
			fprintf(stderr, "state_bench: %s: %s\n", argv[1], e.msg);
			return 65;
		}
		t[i] = now() - t0;
		clean_free(c);
	}
	if (t[0] > t[1]) { tmp = t[0]; t[0] = t[1]; t[1] = tmp; }
	if (t[1] > t[2]) { tmp = t[1]; t[1] = t[2]; t[2] = tmp; }
	if (t[0] > t[1]) { tmp = t[0]; t[0] = t[1]; t[1] = tmp; }
	printf("load: %.3f s (median of 3; %.3f..%.3f) for %llu keys and "
	    "%llu fingerprints\n", t[1], t[0], t[2],
	    (unsigned long long)info.count[STATE_KEYS],
	    (unsigned long long)info.count[STATE_FINGERPRINTS]);
	printf("size: %llu bytes, %.2f bytes per entry\n",
	    (unsigned long long)info.bytes,
	    (double)(info.bytes - STATE_HEADER_SIZE) /
	    (double)(info.count[STATE_KEYS] + info.count[STATE_FINGERPRINTS]));
	return 0;
}
