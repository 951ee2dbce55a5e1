/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * exitcode.h - winnow's exit statuses (sysexits values, doc/design.md §4).
 */
#ifndef WN_EXITCODE_H
#define WN_EXITCODE_H

#define EX_OK 0
#define EX_USAGE 64     /* bad command line */
#define EX_DATAERR 65   /* a record was bad and skipped */
#define EX_NOINPUT 66   /* an input could not be opened */
#define EX_CANTCREAT 73 /* an output could not be created */
#define EX_IOERR 74     /* read or write error */
#define EX_TEMPFAIL 75  /* state locked by another run */

#endif
