/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * cmd_report.c - winnow report STATS...: the --stats files of daily runs
 * as one HTML page of charts (winnow(1), REPORTS).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "exitcode.h"
#include "message.h"
#include "outfile.h"

static void
usage(int status)
{
	if (status != EX_OK) {
		fprintf(stderr,
		    "Try 'winnow report --help' for more "
		    "information.\n");
		exit(status);
	}
	/* clang-format off */
	printf(
"Usage: winnow report [-o FILE] [--force] STATS...\n"
"Make one HTML page of the --stats files of many runs (a daily cron job's):\n"
"a chart per measure over the days (documents in and out, the share of\n"
"paragraphs removed by each reason, bad records, the state's size and age,\n"
"throughput), the runs that jumped away from the days before listed and\n"
"ringed, and a table of the runs.  Each line of a STATS file is one run;\n"
"runs are ordered by their date (the stats' \"date\"; for older stats, a\n"
"YYYY-MM-DD in the file name, else the file's modification day).\n"
"\n"
"  -o, --output=FILE  write the page to FILE instead of standard output\n"
"                     (put in place when it is complete)\n"
"      --force        let -o replace an existing FILE\n"
"\n"
"A STATS file that cannot be read or is not winnow's stats is reported\n"
"and left out.\n"
"Exit status: 0 ok; 64 usage error; 65 a STATS file was not winnow's\n"
"stats (the page has the others); 66 a STATS file does not exist;\n"
"73 FILE cannot be created; 74 I/O error.\n");
	/* clang-format on */
	exit(status);
}

int
cmd_report(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "output", required_argument, NULL, 'o' }, { NULL, 0, NULL, 0 }
	};
	struct outfile_avoid avoid;
	struct outfile out;
	struct wn_sink sink = { "standard output", STDOUT_FILENO, NULL, NULL };
	struct wn_trend *t = NULL;
	struct wn_error e;
	const char *output = NULL;
	int c, i, force = 0, status = EX_OK, st;

	optind = 1;
	while ((c = getopt_long(argc, argv, "fho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			force = 1;
			break;
		case 'h':
			usage(EX_OK);
			break;
		case 'o':
			output = optarg;
			break;
		default:
			usage(EX_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		fprintf(stderr, "winnow: report: no STATS file given\n");
		usage(EX_USAGE);
	}
	memset(&out, 0, sizeof(out));
	out.fd = -1;
	outfile_signals();
	if (output != NULL && strcmp(output, "-") != 0) {
		memset(&avoid, 0, sizeof(avoid));
		for (i = 0; i < argc; i++)
			if (outfile_avoid_add(&avoid, argv[i]) != 0) {
				outfile_avoid_free(&avoid);
				message(NULL, "out of memory");
				return EX_IOERR;
			}
		st = outfile_open(&out, output, force, &avoid);
		outfile_avoid_free(&avoid);
		if (st != 0)
			return st;
		sink.name = output;
		sink.fd = out.fd;
	}
	if (wn_trend_new(&t) != WN_OK) {
		message(NULL, "out of memory");
		outfile_abort(&out);
		return EX_IOERR;
	}
	for (i = 0; i < argc; i++) {
		memset(&e, 0, sizeof(e));
		if ((st = wn_trend_add(t, argv[i], &e)) != WN_OK) {
			message_error(&e);
			status = message_worse(status, message_exit(st));
		}
	}
	if (wn_trend_runs(t) == 0) {
		message(NULL, "report: no run in the STATS files given");
		wn_trend_free(t);
		outfile_abort(&out);
		return message_worse(status, EX_DATAERR);
	}
	/* as a run's -o: the page is put in place only when every file was
	 * read (or some were refused as not stats, and said so) */
	if (status == EX_OK || status == EX_DATAERR) {
		memset(&e, 0, sizeof(e));
		if ((st = wn_trend_write(t, &sink, &e)) != WN_OK) {
			message_error(&e);
			status = message_worse(status, EX_IOERR);
		}
		status = message_worse(status, outfile_close(&out));
		if (status == EX_OK || status == EX_DATAERR)
			status = message_worse(status, outfile_commit(&out));
	}
	wn_trend_free(t);
	outfile_abort(&out);
	if (output == NULL && close(STDOUT_FILENO) != 0) {
		message("standard output", "write error");
		status = message_worse(status, EX_IOERR);
	}
	return status;
}
