/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * message.h - what winnow says on standard error, and its exit status:
 * the one map from a library status to a sysexits value.
 */
#ifndef WN_MESSAGE_H
#define WN_MESSAGE_H

#include <stdarg.h>

#include "winnow.h"

/* The exit status of a status (winnow(1), EXIT STATUS). */
int message_exit(enum wn_status st);
/* The more severe of two exit statuses: I/O over cannot create over
 * missing input over bad data over OK. */
int message_worse(int a, int b);

/* "winnow: NAME: LINE: msg" from a library error (name and line left out
 * when unknown); a name with control bytes is quoted. */
void message_error(const struct wn_error *e);
/* "winnow: NAME: " and the formatted rest (no NAME when NULL). */
void message(const char *name, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* name as it may be printed: as it is when it holds nothing a terminal
 * would act on, else quoted as a shell would ('a'$'\n''b'), as coreutils
 * quotes file names.  Static storage, valid until the next call. */
const char *message_quote(const char *name);

/* The progress line: shown on a terminal (mode -1) or always (1), at
 * most twice a second; message() and message_error() clear it first. */
void message_progress(int mode, const char *name, const struct wn_stats *st);
void message_progress_clear(void);

#endif
