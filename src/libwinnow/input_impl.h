/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * input_impl.h - what the format readers share (not a public header).
 */
#ifndef WN_INPUT_IMPL_H
#define WN_INPUT_IMPL_H

#include "html.h"
#include "http.h"
#include "input.h"

struct input {
	enum input_format format;
	const char *name;
	struct input_options opt;
	struct wn_buf buf; /* pending input; [pos, buf.len) unread */
	size_t pos;
	size_t scan;        /* format-specific: scanned up to here */
	size_t searched;    /* text: no newline in [scan, searched) */
	int finished;       /* no more input will be pushed */
	int skipping;       /* discarding an over-long record */
	int stopped;        /* a bad record stopped it */
	uint64_t line;      /* line number at pos */
	uint64_t scan_line; /* line number at scan */
	uint64_t number;    /* records returned so far */
	uint64_t skip[INPUT_SKIP_N];
	uint64_t resync;
	struct wn_buf text; /* decoded text, id, url of a record */
	struct wn_buf id;
	struct wn_buf url;
	struct wn_buf body; /* a record's page or text, decoded */
	/* JSONL: records without the text field (input_jsonl_next()) */
	struct wn_buf missing_keys; /* the keys of the last one */
	struct wn_buf first_keys;   /* the keys of the first held back */
	uint64_t missing;           /* held back, not yet reported */
	uint64_t missing_first, missing_last; /* their lines */
	uint64_t missing_records;             /* all of them so far */
	uint64_t error_records; /* records the last error stands for */
	int missing_now;        /* the last line lacked the field */
	int had_field;          /* a record had it */
	struct html_doc html;
	struct http_decoder *http; /* made on first use */
};

enum wn_status input_text_next(
    struct input *in, struct record *rec, struct wn_error *e);
enum wn_status input_jsonl_next(
    struct input *in, struct record *rec, struct wn_error *e);
enum wn_status input_warc_next(
    struct input *in, struct record *rec, struct wn_error *e);
enum wn_status input_html_next(
    struct input *in, struct record *rec, struct wn_error *e);

/* Count the newlines in p[0..n). */
uint64_t input_count_lines(const char *p, size_t n);

/* Set in->id to "NAME:N" (the input's name, a number) and rec->id to it.
 * Returns WN_OK or WN_ENOMEM. */
enum wn_status input_name_id(struct input *in, struct record *rec, uint64_t n);

#endif
