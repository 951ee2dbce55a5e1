/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * shard.h - exact sharded runs (doc/design.md §5): from what each shard's
 * scan saw, what the shards before it (and the state) saw of it.
 */
#ifndef WN_SHARD_H
#define WN_SHARD_H

#include <stddef.h>
#include <stdint.h>

#include "wn.h"

struct shard_merge_options {
	const char *state;    /* the run's state (read only), or NULL */
	const char *next;     /* write the state after the run, or NULL */
	const char *suffix;   /* each prior is written to SCAN SUFFIX */
	uint16_t today;       /* the run's day */
	unsigned max_age;     /* as --max-age */
	unsigned part, parts; /* handle only the values of part (0-based)
				   of parts by hash (1 part: all) */
};

/* scan[0..n-1] are the scans (winnow --scan or --scan-hosts, state
 * files) of the shards in input order.  For each, write SCAN SUFFIX, a
 * state file holding exactly those of its entries that the state or an
 * earlier scan holds (for host counts: the pages counted before the
 * shard), so that a run of the shard with it as --prior decides as one
 * run over every shard would; with o->next, also write that run's next
 * state.  Every file is written atomically (state_save()).  Returns
 * WN_OK, WN_ENOINPUT (a scan is missing), WN_EDATA (a file is corrupt or
 * its parameters differ), WN_EIO or WN_ENOMEM; e says which file. */
enum wn_status shard_merge(const struct shard_merge_options *o,
    const char *const *scan, size_t n, struct wn_error *e);

/* Is the value v of a set of width bytes in part of parts? */
int shard_in_part(unsigned width, uint64_t v, unsigned part, unsigned parts);

#endif
