/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * stats.h - the JSON form of a run's counters (struct wn_stats, in
 * winnow.h; --stats).
 */
#ifndef WN_STATS_H
#define WN_STATS_H

#include "state.h"
#include "wn.h"

/* What a run's counters do not hold: its day (days since 1970: the
 * --date, or today) and, when it wrote a state, what the state holds
 * (else NULL). */
struct stats_run {
	uint16_t day;
	const struct state_summary *state;
};

/* Append the JSON object of st (one line, no newline) to out.  seconds
 * is the wall time of the run.  Returns WN_OK or WN_ENOMEM. */
enum wn_status stats_json(const struct wn_stats *st, double seconds,
    const struct stats_run *run, struct wn_buf *out);

/* The day (days since 1970) as YYYY-MM-DD in b. */
void stats_date(uint16_t day, char b[16]);

#endif
