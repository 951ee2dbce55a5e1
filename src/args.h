/*
 * args.h - the command line of winnow (CLI only).
 */
#ifndef WN_ARGS_H
#define WN_ARGS_H

#include "clean.h"
#include "input.h"
#include "source.h"
#include "writer.h"

struct args {
	enum input_format from;
	struct input_options in;
	struct source_options src;
	struct writer_options out;
	struct clean_options clean;
	const char *output;	/* -o FILE, or NULL for stdout */
	int stats;		/* --stats given */
	const char *stats_path;	/* its FILE, or NULL for stderr */
	const char *explain;	/* --explain=FILE, or NULL */
	const char *rejects;	/* --rejects=FILE, or NULL */
	int progress;		/* -1 auto (stderr is a terminal), 0, 1 */
	int on_error_fail;	/* --on-error=fail: stop at a bad record */
	int invalid_utf8;	/* --invalid-utf8: 0 replace, 1 skip, 2 fail */
	const char *state;	/* --state=FILE, or NULL */
	double lock_timeout;	/* --lock-timeout seconds */
	unsigned max_age;	/* --max-age days, 0 = never */
	long today;		/* --date as days since 1970, -1 = today */
#define ARGS_MAX_PRIOR 64
	const char *prior[ARGS_MAX_PRIOR];	/* --prior=FILE, in order */
	int nprior;
	const char *scan;	/* --scan=FILE or --scan-hosts=FILE, or NULL */
	int scan_hosts;		/* it was --scan-hosts */
	int threads;		/* --threads, at least 1 */
	char **files;		/* FILE operands; "-" = stdin */
	int nfiles;
};

/* Parse argv into *a.  Prints and exits for --help, --version (0) and
 * usage errors (64). */
void args_parse(int argc, char **argv, struct args *a);

/* Parse a --date value (YYYY-MM-DD) into days since 1970; -1 if bad. */
long args_parse_date(const char *s);
/* Parse --max-age, --memory for the state subcommands (exit 64 when
 * bad). */
unsigned args_parse_days(const char *opt, const char *v);
size_t args_parse_size(const char *opt, const char *v);

#endif
