/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * args.h - the command line of winnow (CLI only).
 */
#ifndef WN_ARGS_H
#define WN_ARGS_H

#include "winnow.h"

struct args {
	struct wn_options wn;            /* what the pipeline is given */
	const char *prior[WN_MAX_PRIOR]; /* --prior=FILE, in order */
	const char *output;              /* -o FILE, or NULL for stdout */
	int force;                       /* --force: -o may replace a file */
	int stats;                       /* --stats given */
	const char *stats_path;          /* its FILE, or NULL for stderr */
	const char *explain;             /* --explain=FILE, or NULL */
	const char *rejects;             /* --rejects=FILE, or NULL */
	int progress; /* -1 auto (stderr is a terminal), 0, 1 */
	char **files; /* FILE operands; "-" = stdin */
	int nfiles;
	const char *files_from; /* --files-from=FILE, or NULL */
	int null;               /* --null: its names end in NUL */
	const char *attributes; /* --attributes=FILE, or NULL */
};

/* Parse argv into *a.  Prints and exits for --help, --version (0) and
 * usage errors (64). */
void args_parse(int argc, char **argv, struct args *a);

/* Parse a --date value (YYYY-MM-DD) into days since 1970; -1 if bad. */
long args_parse_date(const char *s);
/* The day SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds
 * convention) names, in days since 1970, or -1 when it is not set or
 * not a number. */
long args_source_date(void);
/* Parse --max-age, --memory for the state subcommands (exit 64 when
 * bad). */
unsigned args_parse_days(const char *opt, const char *v);
size_t args_parse_size(const char *opt, const char *v);

#endif
