/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * input.h - record readers: plain text, JSON Lines, WARC/WET and HTML.
 *
 * A reader is fed bytes in chunks of any size (input_push) and yields
 * complete records (input_next).  The records do not depend on how the
 * input was chunked: a reader buffers until a record is complete.
 */
#ifndef WN_INPUT_H
#define WN_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "record.h"
#include "wn.h"

struct input_options {
	const char *text_field;   /* JSONL field holding the text */
	const char *id_field;     /* JSONL field holding the id */
	size_t max_record;        /* a longer record is skipped, not buffered */
	int on_error_fail;        /* a bad record stops the input */
	int invalid_utf8;         /* text that is not UTF-8: 0 repaired later,
				   1 its record skipped (WN_EDATA), 2 that
				   and the input stops */
	const char *html_field;   /* JSONL field holding a page's HTML, whose
				   article is the text; NULL: none */
	unsigned zstd_window_log; /* a zstd-encoded WARC body's largest
				   window (0: 27) */
};

struct input;

/* Returns a reader of format fmt (not INPUT_AUTO) for the input called
 * name (borrowed; used in record ids), or NULL when out of memory.  opt
 * is copied; its strings are borrowed. */
struct input *input_new(
    enum input_format fmt, const char *name, const struct input_options *opt);
/* Frees in; accepts NULL. */
void input_free(struct input *in);

/* Append n bytes of input.  Returns WN_OK or WN_ENOMEM. */
enum wn_status input_push(struct input *in, const char *p, size_t n);
/* Or read into the reader's own buffer: *p gets room for n bytes at its
 * end, valid until the next call on in; input_commit() then appends the
 * first got of them (got <= n).  Returns WN_OK or WN_ENOMEM. */
enum wn_status input_space(struct input *in, size_t n, char **p);
void input_commit(struct input *in, size_t got);
/* Say that no more input follows. */
void input_finish(struct input *in);

/* Fill *rec with the next record (record.h: borrowed from in until the
 * next call on it).  Returns WN_OK; WN_AGAIN when more input is needed;
 * WN_END after the last record; WN_EDATA when a bad record was skipped
 * (e says why and where; call again for the next, unless
 * input_stopped()); WN_ENOMEM.  The options' policies apply here: a
 * record whose text is not valid UTF-8 is skipped under invalid_utf8,
 * and a bad record stops the input under on_error_fail or invalid_utf8
 * = 2. */
enum wn_status input_next(
    struct input *in, struct record *rec, struct wn_error *e);

/* Did a bad record stop the input (the options' policies)?  Then
 * input_next() returns WN_END. */
int input_stopped(const struct input *in);

/* Bytes pushed and not yet returned in a record (a record in progress). */
size_t input_pending(const struct input *in);

/* Why a record held no document and was skipped without an error. */
enum input_skip {
	INPUT_SKIP_REQUEST,    /* WARC request */
	INPUT_SKIP_METADATA,   /* WARC metadata */
	INPUT_SKIP_REVISIT,    /* WARC revisit */
	INPUT_SKIP_WARCINFO,   /* WARC warcinfo */
	INPUT_SKIP_OTHER_TYPE, /* continuation, or a type WARC 1.1 lacks */
	INPUT_SKIP_STATUS,     /* a response whose status is not 2xx */
	INPUT_SKIP_NOT_TEXT,   /* a response, resource or conversion whose
				   media type is no page or text */
	INPUT_SKIP_CODING,     /* a response whose Content-Encoding is none
				   winnow decodes */
	INPUT_SKIP_N
};

/* Records skipped for reason r so far; all of them (the records that held
 * no text); WARC records whose Content-Length was wrong. */
uint64_t input_skipped(const struct input *in, enum input_skip r);
uint64_t input_records_other(const struct input *in);
uint64_t input_resyncs(const struct input *in);

/* The records the last WN_EDATA of input_next() stands for: 1, or, for
 * the one message about JSON Lines records without the text (or HTML)
 * field, how many there were.  And all such records so far. */
uint64_t input_error_records(const struct input *in);
uint64_t input_no_field(const struct input *in);

/* Guess the format from the first n bytes of a (decompressed) input:
 * "WARC/1." -> INPUT_WARC; first non-blank byte '{' -> INPUT_JSONL;
 * a doctype, <html>, <head>, <body>, <meta> or a comment -> INPUT_HTML;
 * else INPUT_TEXT. */
enum input_format input_sniff(const char *p, size_t n);

/* Parse a --from value ("auto", "text", "jsonl", "warc", "html"); returns 0 and
 * sets *fmt, or -1 for an unknown name. */
int input_format_parse(const char *s, enum input_format *fmt);

#endif
