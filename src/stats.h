/*
 * stats.h - the counters of one run, and their JSON form (--stats).
 */
#ifndef WN_STATS_H
#define WN_STATS_H

#include <stdint.h>

#include "wn.h"

struct wn_stats {
	uint64_t inputs;		/* files (or stdin) read */
	uint64_t bytes_in;		/* bytes read, after decompression */
	uint64_t records_in;		/* documents read */
	uint64_t records_out;		/* documents written */
	uint64_t records_bad;		/* records skipped as bad input */
	uint64_t records_other;		/* WARC records not holding text */
	uint64_t warc_resync;		/* WARC Content-Length was wrong */
	uint64_t documents_empty;	/* dropped: no text at all */
	uint64_t documents_duplicate;	/* dropped: every paragraph removed */
	uint64_t paragraphs_in;
	uint64_t paragraphs_out;
	uint64_t paragraphs_repeat;	/* repeated earlier in the document */
	uint64_t paragraphs_duplicate;	/* seen earlier in the stream */
	uint64_t paragraphs_near_repeat;	/* nearly repeated in the document */
	uint64_t paragraphs_near_duplicate;	/* nearly seen earlier */
	uint64_t documents_near_duplicate;	/* dropped by --doc-near */
	uint64_t paragraphs_boilerplate;	/* not the main text */
	uint64_t paragraphs_template;	/* a template of their site */
	uint64_t documents_boilerplate;	/* dropped: no main text left */
	uint64_t documents_no_letters;	/* dropped: what was left had no
					   letter or digit */
	uint64_t paragraphs_short_kept;	/* short lines another site had,
					   kept (clean.c, step 3) */
	uint64_t paragraphs_unjudged;	/* empty key: kept, never matched */
	uint64_t paragraphs_short;	/* too short for near matching */
	uint64_t fingerprints_evicted;	/* forgotten at the memory cap */
	uint64_t seen_bytes;		/* memory of the seen sets at exit */
	uint64_t seen_fingerprints;	/* fingerprints held at exit */
	uint64_t fingerprint_bytes;	/* memory of the fingerprint set */
	uint64_t text_bytes_in;		/* document text before cleaning */
	uint64_t text_bytes_out;	/* document text written */
	uint64_t bytes_out;		/* bytes written, uncompressed */
	uint64_t bytes_written;		/* bytes written, as stored */
	uint64_t invalid_utf8;		/* invalid UTF-8 subparts replaced */
	uint64_t entities;		/* HTML entities decoded */
	uint64_t controls;		/* control characters removed */
};

/* Append the JSON object of st (one line, no newline) to out.  seconds
 * is the wall time of the run.  Returns WN_OK or WN_ENOMEM. */
enum wn_status stats_json(const struct wn_stats *st, double seconds,
    struct wn_buf *out);

#endif
