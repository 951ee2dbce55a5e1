/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_main.c - the Check runner: every module's suite in one binary. */
#include "config.h"

#include <stdlib.h>

#include "suites.h"

int
main(void)
{
	SRunner *sr = srunner_create(utf8_suite());
	int failed;

	srunner_add_suite(sr, normalize_suite());
	srunner_add_suite(sr, paragraph_suite());
	srunner_add_suite(sr, seen_suite());
	srunner_add_suite(sr, sort_suite());
	srunner_add_suite(sr, memo_suite());
	srunner_add_suite(sr, fingerprint_suite());
	srunner_add_suite(sr, json_suite());
	srunner_add_suite(sr, input_suite());
	srunner_add_suite(sr, http_suite());
	srunner_add_suite(sr, boilerplate_suite());
	srunner_add_suite(sr, html_suite());
	srunner_add_suite(sr, state_suite());
	srunner_add_suite(sr, path_suite());
	srunner_add_suite(sr, clean_suite());
	srunner_add_suite(sr, writer_suite());
	srunner_add_suite(sr, shard_suite());
	srunner_add_suite(sr, pool_suite());
	srunner_add_suite(sr, origin_suite());
	srunner_add_suite(sr, report_suite());
	srunner_add_suite(sr, pipeline_suite());
	srunner_add_suite(sr, title_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
