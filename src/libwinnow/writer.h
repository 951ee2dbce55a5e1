/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * writer.h - format cleaned records as JSON Lines or text, and the
 * --explain and --rejects lines, into sinks.
 */
#ifndef WN_WRITER_H
#define WN_WRITER_H

#include "clean.h"
#include "record.h"
#include "sink.h"
#include "wn.h"

enum writer_format { WRITER_JSONL, WRITER_TEXT };

struct writer_options {
	enum writer_format format;
	const char *text_field; /* output key of the text (JSONL) */
	const char *id_field;   /* output key of the id (JSONL) */
	const char *source;     /* dolma's "source" of every record, or
				   NULL: a new record's url or input name,
				   a JSONL record's own */
	char added[16];         /* dolma's "added": the run's day,
				   YYYY-MM-DD */
};

struct writer;

/* A writer with options opt (copied; its strings borrowed) in *out.
 * Returns WN_OK or WN_ENOMEM. */
enum wn_status writer_new(
    const struct writer_options *opt, struct writer **out);
/* Frees w; accepts NULL. */
void writer_free(struct writer *w);

/* Format one record into s: rec is the record as read, source its
 * input's name (used when the record has no url), doc the cleaned result
 * (nothing is written when doc->dropped).  Returns WN_OK, WN_EIO (the
 * sink's write failed: errno in e->err, e->name the sink's) or
 * WN_ENOMEM. */
enum wn_status writer_record(struct writer *w, struct sink *s,
    const struct record *rec, const char *source, const struct clean_doc *doc,
    struct wn_error *e);

/* --explain: a JSON line per paragraph of doc (its decision, reason,
 * rule and features) into explain; --rejects: a line per removed
 * paragraph with its reason into rejects; either may be NULL.  doc must
 * have been cleaned with clean_explain() on.  Returns as
 * writer_record(). */
enum wn_status writer_explain(struct sink *explain, struct sink *rejects,
    const struct record *rec, const struct clean_doc *doc, struct wn_error *e);

#endif
