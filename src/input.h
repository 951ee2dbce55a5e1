/*
 * input.h - record readers: plain text, JSON Lines and WARC/WET.
 *
 * A reader is fed bytes in chunks of any size (input_push) and yields
 * complete records (input_next).  The records do not depend on how the
 * input was chunked: a reader buffers until a record is complete.
 */
#ifndef WN_INPUT_H
#define WN_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "boilerplate.h"
#include "json.h"
#include "wn.h"

enum input_format {
	INPUT_AUTO,	/* decided by input_sniff() on the first bytes */
	INPUT_TEXT,
	INPUT_JSONL,
	INPUT_WARC,
	INPUT_HTML
};

struct input_options {
	const char *text_field;	/* JSONL field holding the text */
	const char *id_field;	/* JSONL field holding the id */
	size_t max_record;	/* a longer record is skipped, not buffered */
};

/* One record.  Every span is borrowed from the reader and valid until the
 * next input_next() or input_push() call on it. */
struct record {
	enum input_format format;
	uint64_t number;	/* 1-based record number within this input */
	uint64_t line;		/* line of the input where it starts */
	struct wn_span text;	/* the document text (decoded for JSONL) */
	struct wn_span id;	/* text: "NAME:N"; WARC: WARC-Record-ID;
				   JSONL: the raw JSON value, or empty */
	struct wn_span url;	/* WARC-Target-URI, or JSONL "url" string */
	struct wn_span date;	/* WARC-Date */
	struct wn_span lang;	/* WARC-Identified-Content-Language */
	uint64_t bad_escapes;	/* JSONL: lone surrogate escapes in the text,
				   decoded as U+FFFD */
	/* JSONL only: the record's line (without its newline) and where the
	 * text, id and metadata values, a "winnow" value inside metadata (left
	 * by an earlier run) and the closing brace lie in it. */
	struct wn_span json;
	struct json_value text_value;
	struct json_value id_value;
	struct json_value metadata_value;
	struct json_value winnow_value;	/* "winnow" inside metadata */
	size_t close;
	/* HTML only: text is one block per line, hint[] says what the page
	 * says of each line, box[] are its grouping elements; title is
	 * <title>, url the canonical link. */
	const struct boilerplate_hint *hint;
	size_t lines;
	struct boilerplate_box *box;
	size_t nbox;
	struct wn_span title;
};

struct input;

/* Returns a reader of format fmt (not INPUT_AUTO) for the input called
 * name (borrowed; used in record ids), or NULL when out of memory.  opt
 * is copied; its strings are borrowed. */
struct input *input_new(enum input_format fmt, const char *name,
    const struct input_options *opt);
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

/* Fill *rec with the next record.  Returns WN_OK; WN_AGAIN when more
 * input is needed; WN_END after the last record; WN_EDATA when a bad
 * record was skipped (e says why and where; call again for the next);
 * WN_ENOMEM. */
enum wn_status input_next(struct input *in, struct record *rec,
    struct wn_error *e);

/* Bytes pushed and not yet returned in a record (a record in progress). */
size_t input_pending(const struct input *in);

/* Records that held no text (WARC request, metadata...) and WARC records
 * whose Content-Length was wrong, so far. */
uint64_t input_records_other(const struct input *in);
uint64_t input_resyncs(const struct input *in);

/* Guess the format from the first n bytes of a (decompressed) input:
 * "WARC/1." -> INPUT_WARC; first non-blank byte '{' -> INPUT_JSONL;
 * a doctype, <html>, <head>, <body>, <meta> or a comment -> INPUT_HTML;
 * else INPUT_TEXT. */
enum input_format input_sniff(const char *p, size_t n);

/* Parse a --from value ("auto", "text", "jsonl", "warc", "html"); returns 0 and
 * sets *fmt, or -1 for an unknown name. */
int input_format_parse(const char *s, enum input_format *fmt);

#endif
