/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * run.h - one run of winnow over its inputs (CLI only).
 */
#ifndef WN_RUN_H
#define WN_RUN_H

#include "args.h"

/* Make the outputs, run the pipeline over a->files, commit; returns the
 * exit status (winnow(1), EXIT STATUS).  *a is copied. */
int run(struct args *a);

#endif
