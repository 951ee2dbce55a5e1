/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * readahead.h - a source read on a thread of its own, one read ahead of
 * its reader: a compressed input's decoding overlaps the parsing of what
 * was decoded before (a WARC file's gzip members, a .jsonl.zst).
 */
#ifndef WN_READAHEAD_H
#define WN_READAHEAD_H

#include <stddef.h>

#include "source.h"
#include "wn.h"

struct readahead;

/* Start reading src (borrowed until readahead_stop()) on a new thread,
 * in reads of up to size bytes, two buffers of them.  Returns the
 * reader, or NULL when the thread or its buffers cannot be made (the
 * caller then reads src itself). */
struct readahead *readahead_start(struct source *src, size_t size);

/* The next read, in order: *p its bytes (valid until readahead_done()),
 * *got their count (0 at the end); the status and error source_read()
 * gave it.  Blocks until it is there. */
enum wn_status readahead_take(
    struct readahead *r, const char **p, size_t *got, struct wn_error *e);
/* The bytes readahead_take() gave are no longer used. */
void readahead_done(struct readahead *r);

/* Stop the thread (after the read it is in, if any) and free r; accepts
 * NULL.  The source may then be read or closed. */
void readahead_stop(struct readahead *r);

#endif
