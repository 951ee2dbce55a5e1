/*
 * writer.h - write cleaned records as JSONL or text, zstd-compressed on
 * another thread or plain.
 */
#ifndef WN_WRITER_H
#define WN_WRITER_H

#include <stdint.h>

#include "clean.h"
#include "input.h"
#include "wn.h"

enum writer_format { WRITER_JSONL, WRITER_TEXT };

struct writer_options {
	enum writer_format format;
	int compress;		/* 1: one zstd frame with checksum */
	int level;		/* zstd level, 1..ZSTD_maxCLevel() */
	const char *text_field;	/* output key of the text (JSONL) */
	const char *id_field;	/* output key of the id (JSONL) */
};

struct writer;

/* Create a writer to fd (borrowed, not closed).  Returns WN_OK and sets
 * *out, or WN_ENOMEM / WN_EUSAGE (bad level) with e filled. */
enum wn_status writer_new(int fd, const struct writer_options *opt,
    struct writer **out, struct wn_error *e);

/* Write one record: rec is the record as read, source its input's name
 * (used when the record has no url), doc the cleaned result (not
 * written when doc->dropped).  Returns WN_OK, WN_EIO (errno in e->err;
 * EPIPE when the reader went away) or WN_ENOMEM. */
enum wn_status writer_record(struct writer *w, const struct record *rec,
    const char *source, const struct clean_doc *doc, struct wn_error *e);

/* A way to run fn(arg) on another thread soon (pool_task()). */
typedef void (*writer_spawn_fn)(void *ctx, void (*fn)(void *), void *arg);

/* From now on, compress each full buffer in a task given to spawn
 * instead of on the writer's own thread (which ends); with spawn NULL,
 * on the caller's thread, in writer_record().  Either way it waits for
 * the buffer being compressed first, so spawn may be taken away before
 * its threads stop.  Output is the same bytes whichever thread
 * compresses: one zstd stream, fed in order. */
void writer_share(struct writer *w, writer_spawn_fn spawn, void *ctx);

/* Flush everything, end the zstd frame and stop the worker.  After it,
 * only writer_free() may be called.  Returns WN_OK or the first error of
 * the run. */
enum wn_status writer_close(struct writer *w, struct wn_error *e);

/* Bytes written before compression and as stored. */
uint64_t writer_bytes_in(const struct writer *w);
uint64_t writer_bytes_out(const struct writer *w);

/* Frees w, stopping its worker if writer_close() was not called; accepts
 * NULL. */
void writer_free(struct writer *w);

#endif
