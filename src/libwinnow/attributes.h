/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * attributes.h - winnow's decisions as dolma attribute spans
 * (--attributes): a JSON line per record, its removed paragraphs as
 * [start, end, score] character spans of the text as it was read.
 */
#ifndef WN_ATTRIBUTES_H
#define WN_ATTRIBUTES_H

#include <stdint.h>

#include "clean.h"
#include "record.h"
#include "sink.h"
#include "wn.h"

struct attributes;

/* A writer of attribute lines whose "source" is source (borrowed; NULL:
 * a record's own, as the record writer gives it), or NULL when out of
 * memory.  Free with attributes_free(), which accepts NULL. */
struct attributes *attributes_new(const char *source);
void attributes_free(struct attributes *a);

/* Write rec's line into s: rec as read (its text is what the spans
 * index), input its input's name, d the cleaned result, cleaned with
 * clean_explain() on (every paragraph's decision and line).  Written for
 * every record, dropped or not, so that the lines are the records read,
 * in order.  Returns WN_OK, WN_EIO (the sink's write failed: e says so)
 * or WN_ENOMEM. */
enum wn_status attributes_record(struct attributes *a, struct sink *s,
    const struct record *rec, const char *input, const struct clean_doc *d,
    struct wn_error *e);

/* Documents whose paragraph spans could not be written (attributes.c,
 * known weakness), so far. */
uint64_t attributes_unmapped(const struct attributes *a);

#endif
