/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * stats.h - the JSON form of a run's counters (struct wn_stats, in
 * winnow.h; --stats).
 */
#ifndef WN_STATS_H
#define WN_STATS_H

#include "wn.h"

/* Append the JSON object of st (one line, no newline) to out.  seconds
 * is the wall time of the run.  Returns WN_OK or WN_ENOMEM. */
enum wn_status stats_json(
    const struct wn_stats *st, double seconds, struct wn_buf *out);

#endif
