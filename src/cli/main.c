/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * main.c - winnow: read records, clean them, write them (winnow(1)).
 *
 * The pipeline is libwinnow's (winnow.h); run.c runs it over the inputs
 * into the outputs; cmd_state.c, cmd_shard.c and cmd_report.c are the
 * subcommands.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "cmd.h"
#include "exitcode.h"
#include "message.h"
#include "run.h"

/* Standard input, output and error must be open: a file opened later
 * would take a closed one's number, and records would go into the
 * state's lock file (as xz and coreutils guard).  A closed one is filled
 * with /dev/null; the run is refused if it would use it. */
static int
closed_fds(void)
{
	int fd, closed = 0;

	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
			closed |= 1 << fd;
			if (open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) !=
			    fd)
				_exit(EX_IOERR);
		}
	return closed;
}

static int
uses_stdin(const struct args *a)
{
	int i;

	for (i = 0; i < a->nfiles; i++)
		if (strcmp(a->files[i], "-") == 0)
			return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	struct args a;
	int closed = closed_fds();

	/* A closed pipe must be an error we report, not a silent death:
	 * winnow has to know that its output was not delivered. */
	signal(SIGPIPE, SIG_IGN);
	if (closed & 4) /* nothing could say why it failed */
		return EX_USAGE;
	/* getopt's messages name the program as users call it */
	argv[0] = (char *)"winnow";
	if (argc > 1 && strcmp(argv[1], "state") == 0)
		return cmd_state(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "shard") == 0)
		return cmd_shard(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "report") == 0)
		return cmd_report(argc - 1, argv + 1);
	args_parse(argc, argv, &a);
	if ((closed & 1) && uses_stdin(&a)) {
		message(NULL, "standard input is closed");
		return EX_NOINPUT;
	}
	if ((closed & 2) && a.wn.scan == NULL &&
	    (a.output == NULL || strcmp(a.output, "-") == 0)) {
		message(NULL, "standard output is closed");
		return EX_CANTCREAT;
	}
	return run(&a);
}
