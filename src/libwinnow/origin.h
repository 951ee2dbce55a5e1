/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * origin.h - which document (and paragraph) first had a hash: a
 * paragraph key or a fingerprint.  For --report only, which names the
 * earlier document a duplicate matched; the seen sets (seen.h) know that
 * a hash occurred, not where.  The table is bounded: past its size the
 * oldest holders are forgotten, and a duplicate's origin is then
 * unknown.
 */
#ifndef WN_ORIGIN_H
#define WN_ORIGIN_H

#include <stddef.h>
#include <stdint.h>

struct origin;

/* Where a hash was first seen: doc is the document's number in the run
 * (1-based), para its paragraph's (1-based); doc 0: not known. */
struct origin_hit {
	uint64_t doc;
	uint32_t para;
};

/* A table of about slots hashes (rounded up to a power of two, at least
 * 64), 16 bytes each, allocated now (its pages are touched as it
 * fills).  Returns NULL when out of memory.  Free with origin_free(). */
struct origin *origin_new(size_t slots);
/* Frees o; accepts NULL. */
void origin_free(struct origin *o);

/* Look hash up, filling *hit with its first holder before this call
 * (doc 0: none), and, when it is not there, enter it as held by doc's
 * paragraph para (a full bucket forgets its oldest document's entry).
 * A doc over UINT32_MAX is not entered. */
void origin_note(struct origin *o, uint64_t hash, uint64_t doc, uint32_t para,
    struct origin_hit *hit);

/* Whether any entry was forgotten (or not entered): when not, a hash
 * that is not in the table did not occur in this run. */
int origin_forgot(const struct origin *o);

/* The bytes the table holds. */
size_t origin_bytes(const struct origin *o);

#endif
