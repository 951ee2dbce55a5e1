/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * cmd_shard.c - winnow shard merge (winnow(1), MORE THAN ONE MACHINE).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cmd.h"
#include "exitcode.h"
#include "message.h"

static void
usage(int status)
{
	if (status != EX_OK) {
		fprintf(stderr,
		    "Try 'winnow shard --help' for more "
		    "information.\n");
		exit(status);
	}
	/* clang-format off */
	printf(
"Usage: winnow shard merge [--state=FILE] [--next=FILE] [--suffix=S]\n"
"                          [--part=I/M] [--max-age=DAYS] [--date=D] SCAN...\n"
"Join the scans of a sharded run (see winnow(1), MORE THAN ONE MACHINE).\n"
"\n"
"Each SCAN is what 'winnow --scan-hosts' or 'winnow --scan' wrote for one\n"
"shard; give them in input order.  For each, write SCAN.prior: what the\n"
"state and the shards before it saw of what the shard holds.  Run the\n"
"shard again with --prior=SCAN.prior, and it decides as one run over all\n"
"the shards would.\n"
"\n"
"      --state=FILE   the state the run starts from (read, not changed)\n"
"      --next=FILE    also write the state one run over all the shards\n"
"                     would leave; move it over --state's FILE once every\n"
"                     shard's output is safe\n"
"      --suffix=S     write SCAN S instead of SCAN.prior\n"
"      --part=I/M     only the I-th of M parts of the values (1 <= I <= M):\n"
"                     M merges can run apart; a shard takes every part's\n"
"                     prior, and 'winnow state merge' joins the --next files\n"
"                     (default suffix .prior.I)\n"
"      --max-age=DAYS, --date=YYYY-MM-DD  as for the run\n"
"\n"
"Exit status: 0 ok; 64 usage error; 65 a scan or the state is corrupt or\n"
"does not match; 66 a scan does not exist; 74 I/O error.\n");
	exit(status);
	/* clang-format on */
}

int
cmd_shard(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "max-age", required_argument, NULL, 'a' },
		{ "next", required_argument, NULL, 'x' },
		{ "part", required_argument, NULL, 'p' },
		{ "state", required_argument, NULL, 's' },
		{ "suffix", required_argument, NULL, 'u' }, { NULL, 0, NULL, 0 }
	};
	struct wn_shard_merge_options o;
	struct wn_error e;
	enum wn_status st;
	char suffix[32];
	long day = -1;
	int c;

	if (argc < 2)
		usage(EX_USAGE);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		usage(EX_OK);
	if (strcmp(argv[1], "merge") != 0) {
		fprintf(
		    stderr, "winnow: shard: unknown command '%s'\n", argv[1]);
		usage(EX_USAGE);
	}
	memset(&o, 0, sizeof(o));
	o.parts = 1;
	argc--;
	argv++;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			day = cmd_date(optarg, usage);
			break;
		case 'a':
			o.max_age = args_parse_days("max-age", optarg);
			break;
		case 'x':
			o.next = optarg;
			break;
		case 's':
			o.state = optarg;
			break;
		case 'u':
			o.suffix = optarg;
			break;
		case 'p': {
			unsigned i, m;
			int end = 0;

			if (sscanf(optarg, "%u/%u%n", &i, &m, &end) != 2 ||
			    optarg[end] != '\0' || m < 1 || m > 4096 || i < 1 ||
			    i > m) {
				fprintf(stderr,
				    "winnow: invalid value '%s' for "
				    "--part: expected I/M with 1 <= I <= M <= "
				    "4096\n",
				    optarg);
				usage(EX_USAGE);
			}
			o.part = i - 1;
			o.parts = m;
			break;
		}
		case 'h':
			usage(EX_OK);
			break;
		default:
			usage(EX_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		fprintf(stderr, "winnow: shard merge: no SCAN given\n");
		usage(EX_USAGE);
	}
	o.today = (uint16_t)(day < 0 ? (long)cmd_today() : day);
	if (o.suffix == NULL) {
		if (o.parts > 1)
			snprintf(
			    suffix, sizeof(suffix), ".prior.%u", o.part + 1);
		else
			snprintf(suffix, sizeof(suffix), ".prior");
		o.suffix = suffix;
	}
	memset(&e, 0, sizeof(e));
	if ((st = wn_shard_merge(
	         &o, (const char *const *)argv, (size_t)argc, &e)) != WN_OK) {
		fprintf(stderr, "winnow: shard merge: %s\n", e.msg);
		return message_exit(st);
	}
	return EX_OK;
}
