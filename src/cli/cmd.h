/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * cmd.h - winnow's subcommands: "state", "shard" and "report" (CLI
 * only).
 */
#ifndef WN_CMD_H
#define WN_CMD_H

/* winnow state info|merge|prune|upgrade ...; returns the exit status. */
int cmd_state(int argc, char **argv);
/* winnow shard merge ...; returns the exit status. */
int cmd_shard(int argc, char **argv);
/* winnow report STATS...; returns the exit status. */
int cmd_report(int argc, char **argv);

/* Today, UTC, in days since 1970. */
unsigned cmd_today(void);
/* A subcommand's --date value in days since 1970; exits 64 when bad,
 * after usage(64). */
long cmd_date(const char *v, void (*usage)(int));

#endif
