/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* suites.h - one Check suite per library module, run by check_main.c. */
#ifndef WN_SUITES_H
#define WN_SUITES_H

#include <stdint.h>

#include <check.h>

/* Distinct, well-spread 64-bit values from a counter (murmur3's
 * finalizer, half of it): the tests' hashes and fingerprints. */
static inline uint64_t
mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	return x;
}

Suite *utf8_suite(void);
Suite *normalize_suite(void);
Suite *paragraph_suite(void);
Suite *seen_suite(void);
Suite *sort_suite(void);
Suite *memo_suite(void);
Suite *fingerprint_suite(void);
Suite *json_suite(void);
Suite *input_suite(void);
Suite *http_suite(void);
Suite *boilerplate_suite(void);
Suite *html_suite(void);
Suite *state_suite(void);
Suite *path_suite(void);
Suite *clean_suite(void);
Suite *writer_suite(void);
Suite *shard_suite(void);
Suite *pool_suite(void);
Suite *origin_suite(void);
Suite *report_suite(void);
Suite *pipeline_suite(void);
Suite *title_suite(void);

#endif
