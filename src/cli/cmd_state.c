/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * cmd_state.c - winnow state info|merge|prune|upgrade (winnow(1), STATE
 * FILES).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "args.h"
#include "cmd.h"
#include "exitcode.h"
#include "message.h"

unsigned
cmd_today(void)
{
	long day = args_source_date();

	return day >= 0 ? (unsigned)day : (unsigned)(time(NULL) / 86400);
}

long
cmd_date(const char *v, void (*usage)(int))
{
	long day = args_parse_date(v);

	if (day < 0) {
		fprintf(stderr,
		    "winnow: invalid value '%s' for --date: "
		    "expected a date such as 2026-11-23\n",
		    v);
		usage(EX_USAGE);
	}
	return day;
}

static void
usage(int status)
{
	FILE *f = status == EX_OK ? stdout : stderr;

	/* clang-format off */
	fprintf(f,
"Usage: winnow state info [--date=YYYY-MM-DD] FILE...\n"
"       winnow state merge [--max-age=DAYS] [--memory=SIZE] OUT IN...\n"
"       winnow state prune [--max-age=DAYS] [--memory=SIZE] [--date=D] FILE\n"
"       winnow state upgrade FILE\n"
"Inspect, merge, prune or upgrade winnow state files (--state).\n"
"\n"
"  info     verify each FILE and print its parameters, counts, size and\n"
"           the age of its entries\n"
"  merge    write OUT as the union of the IN states (parallel shards);\n"
"           states made with other parameters are refused\n"
"  prune    drop the entries older than --max-age days, then the oldest\n"
"           beyond --memory, and write FILE back\n"
"  upgrade  convert FILE from state format 1 (32-bit fingerprints) to the\n"
"           current one, keeping its paragraph keys and site lines\n"
"\n"
"Exit status: 0 ok; 64 usage error; 65 a state is corrupt or does not\n"
"match; 66 a state does not exist; 74 I/O error; 75 locked.\n");
	exit(status);
	/* clang-format on */
}

static int
info_print(const char *path, uint16_t day)
{
	struct wn_state_info info;
	struct wn_error e;
	enum wn_status st;
	uint64_t total = 0;
	char when[32];
	time_t t;
	struct tm tm;
	int i, k;

	memset(&e, 0, sizeof(e));
	if ((st = wn_state_info(path, day, &info, &e)) != WN_OK) {
		e.name = path;
		message_error(&e);
		return message_exit(st);
	}
	t = (time_t)info.written;
	strftime(
	    when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", gmtime_r(&t, &tm));
	printf("%s: winnow state, format %u, checksums verified\n", path,
	    info.version);
	t = (time_t)info.day * 86400;
	gmtime_r(&t, &tm);
	printf("written: %s, by a run dated %04d-%02d-%02d\n", when,
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	printf("parameters: hash XXH3-64 seed %#llx, normalizer %u, "
	       "--shingle=%u --window=%u\n",
	    (unsigned long long)info.seed, info.normalize_version, info.shingle,
	    info.window);
	for (i = 0; i < WN_STATE_NSETS; i++)
		total += info.count[i];
	printf("size: %llu bytes, %llu entries (%.2f bytes per entry)\n",
	    (unsigned long long)info.bytes, (unsigned long long)total,
	    total ? (double)(info.bytes - 128) / (double)total : 0.0);
	printf("%-24s %11s", "age in days:", "entries");
	for (k = 0; k < WN_STATE_AGES; k++)
		printf(" %9s", wn_state_age_name(k));
	printf("\n");
	for (i = 0; i < WN_STATE_NSETS; i++) {
		printf("%-24s %11llu", wn_state_set_name(i),
		    (unsigned long long)info.count[i]);
		for (k = 0; k < WN_STATE_AGES; k++)
			printf(" %9llu", (unsigned long long)info.age[i][k]);
		printf("\n");
	}
	if (info.version == 1)
		printf("%s: format 1: 'winnow state upgrade %s' converts it\n",
		    path, path);
	return EX_OK;
}

int
cmd_state(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "max-age", required_argument, NULL, 'a' },
		{ "memory", required_argument, NULL, 'm' }, { NULL, 0, NULL, 0 }
	};
	const char *cmd;
	unsigned max_age = 0;
	size_t memory = 0;
	long day = -1;
	int c, status = EX_OK;
	struct wn_error e;
	enum wn_status st;

	if (argc < 2)
		usage(EX_USAGE);
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0)
		usage(EX_OK);
	argc--;
	argv++;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			day = cmd_date(optarg, usage);
			break;
		case 'a':
			max_age = args_parse_days("max-age", optarg);
			break;
		case 'm':
			memory = args_parse_size("memory", optarg);
			break;
		case 'h':
			usage(EX_OK);
			break;
		default:
			usage(EX_USAGE);
		}
	}
	if (day < 0)
		day = (long)cmd_today();
	argc -= optind;
	argv += optind;
	memset(&e, 0, sizeof(e));
	if (strcmp(cmd, "info") == 0) {
		int i;

		if (argc < 1)
			usage(EX_USAGE);
		for (i = 0; i < argc; i++)
			status = message_worse(
			    status, info_print(argv[i], (uint16_t)day));
		return status;
	}
	if (strcmp(cmd, "merge") == 0 || strcmp(cmd, "prune") == 0) {
		int merge = cmd[0] == 'm';

		if ((merge && argc < 2) || (!merge && argc != 1))
			usage(EX_USAGE);
		st = wn_state_merge(argv[0],
		    (const char *const *)argv + (merge ? 1 : 0),
		    (size_t)(merge ? argc - 1 : 1), (uint16_t)day, max_age,
		    memory, &e);
		if (st != WN_OK) {
			message_error(&e);
			return message_exit(st);
		}
		return EX_OK;
	}
	if (strcmp(cmd, "upgrade") == 0) {
		int upgraded;

		if (argc != 1)
			usage(EX_USAGE);
		st = wn_state_upgrade(argv[0], (uint16_t)day, &upgraded, &e);
		if (st != WN_OK) {
			message_error(&e);
			return message_exit(st);
		}
		message(argv[0],
		    upgraded ? "upgraded to the current state "
		               "format; its fingerprints were left out" :
		               "already of "
		               "the current state format");
		return EX_OK;
	}
	fprintf(stderr, "winnow: state: unknown command '%s'\n", cmd);
	usage(EX_USAGE);
	return EX_USAGE;
}
