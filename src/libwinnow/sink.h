/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * sink.h - bytes out: buffered, zstd-compressed on another thread or
 * plain, to a file descriptor or a callback (a struct wn_sink).
 */
#ifndef WN_SINK_H
#define WN_SINK_H

#include <stdint.h>

#include "wn.h"

struct sink;

/* A sink writing to *to (copied; its fd is borrowed, never closed),
 * compressing at level when compress is set (one zstd frame with a
 * checksum, compressed on a thread of its own until sink_share()).
 * Returns WN_OK and sets *out, or WN_EUSAGE (no fd nor write function,
 * a bad level) or WN_ENOMEM with e filled. */
enum wn_status sink_new(const struct wn_sink *to, int compress, int level,
    struct sink **out, struct wn_error *e);

/* The buffer output is formatted into: append to it, then call
 * sink_wrote(), which hands it on when it is full.  Valid until the next
 * sink_wrote(), sink_flush() or sink_close().  Returns WN_OK, WN_EIO
 * (errno in e->err; EPIPE when the reader went away) or WN_ENOMEM. */
struct wn_buf *sink_buf(struct sink *s);
enum wn_status sink_wrote(struct sink *s, struct wn_error *e);

/* Everything appended so far out now (compressed: to the end of a zstd
 * block).  Returns as sink_wrote(). */
enum wn_status sink_flush(struct sink *s, struct wn_error *e);

/* A way to run fn(arg) on another thread soon (pool_task()). */
typedef void (*sink_spawn_fn)(void *ctx, void (*fn)(void *), void *arg);

/* From now on, compress each full buffer in a task given to spawn
 * instead of on the sink's own thread (which ends); with spawn NULL, on
 * the caller's thread, in sink_wrote().  Either way it waits for the
 * buffer being compressed first, so spawn may be taken away before its
 * threads stop.  The output is the same bytes whichever thread
 * compresses: one zstd stream, fed in order. */
void sink_share(struct sink *s, sink_spawn_fn spawn, void *ctx);

/* Write what is left, end the zstd frame and stop the thread.  After it
 * only sink_bytes_*() and sink_free() may be called.  Returns WN_OK or
 * the first error of the sink. */
enum wn_status sink_close(struct sink *s, struct wn_error *e);

/* Bytes given, and as written. */
uint64_t sink_bytes_in(const struct sink *s);
uint64_t sink_bytes_out(const struct sink *s);

/* Frees s, stopping its thread if sink_close() was not called (the
 * frame is then not ended); accepts NULL. */
void sink_free(struct sink *s);

#endif
