/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * record.h - one record as a reader makes it: what every later stage
 * (cleaning, writing) reads, and none of them changes.
 *
 * A record is borrowed from the reader that made it (input.h) and valid
 * until the reader's next call, or owned by a copy (record_copy()) whose
 * storage the caller gives.  Format-specific parts are in sub-structs:
 * zero where the format has none.
 */
#ifndef WN_RECORD_H
#define WN_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "json.h"
#include "wn.h"

enum input_format {
	INPUT_AUTO, /* decided by input_sniff() on the first bytes */
	INPUT_TEXT,
	INPUT_JSONL,
	INPUT_WARC,
	INPUT_HTML
};

/* What an HTML page says of one of its blocks (a line of the record's
 * text). */
enum block_role {
	BLOCK_NONE,
	BLOCK_CHROME,  /* nav, header, footer, aside, form, or a class/id
			   like "share" */
	BLOCK_HEADING, /* h1..h6 */
	BLOCK_ITEM,    /* li, dd, dt */
	BLOCK_CAPTION, /* figcaption, caption, or a small element whose
			  class or id names a caption or credit */
	BLOCK_CELL     /* td, th (none of the above) */
};

struct record_block {
	uint8_t role;       /* enum block_role */
	uint8_t level;      /* BLOCK_HEADING: 1..6 (h1..h6), else 0 */
	float link_density; /* share of its characters inside links */
	uint32_t pos;       /* where it lies among the boxes */
	uint32_t box;       /* its innermost box + 1, or 0 */
	uint32_t chrome;    /* chrome: its innermost chrome element, numbered
				   from 1 in the order they open */
	uint8_t anchors;    /* its links all lead within the page ("#name") */
	uint8_t tag_chrome; /* inside chrome by a tag other than <header>,
			       by a landmark role or by hiding */
	uint8_t in_list;    /* in an item of the page's list, not in chrome by
			       tag (html.c) */
};

/* A grouping element of an HTML page (div, section, article, td...): the
 * blocks with enter <= pos < exit are inside it. */
struct record_box {
	uint32_t enter, exit;
	uint32_t parent; /* the box it is in + 1, or 0 */
	uint8_t content; /* named as the main content (class, id,
				   itemprop, <article>, <main>) */
};

struct record {
	enum input_format format;
	uint64_t number;          /* 1-based record number within this input */
	uint64_t line;            /* line of the input where it starts */
	struct wn_span text;      /* the document text (decoded for JSONL; the
				   page's blocks, a line each, for HTML) */
	struct wn_span id;        /* text, HTML: "NAME:N"; WARC: WARC-Record-ID;
				   JSONL: the raw JSON value, or empty */
	struct wn_span url;       /* WARC-Target-URI, JSONL "url", HTML
				   canonical link */
	struct wn_span date;      /* WARC-Date */
	struct wn_span lang;      /* WARC-Identified-Content-Language */
	struct wn_span title;     /* the headline (title.h), or empty */
	int titled;               /* the caller holds the headline (a
				   document's title field): title_find()
				   leaves the first line in the text */
	struct wn_span canonical; /* JSONL --html-field: the page's canonical
				   link (an HTML file's is its url) */
	uint64_t bad_escapes;     /* JSONL: lone surrogate escapes in the text,
				   decoded as U+FFFD */
	/* JSON Lines: the record's line (without its newline) and where its
	 * values lie in it: the text, the id, metadata, a "winnow" report
	 * an earlier run left (inside metadata, or top-level when metadata
	 * is not an object) and the closing brace.  The bytes of the text
	 * value are what text was decoded from: a copy leaves them out
	 * (record_copy()), and nothing reads them.  title and meta_title:
	 * a "title" at the top level and in metadata (title.c reads only
	 * whether there is one). */
	struct record_jsonl {
		struct wn_span line;
		struct json_value text, id, metadata, winnow;
		struct json_value source, added; /* dolma's fields, or NONE */
		struct json_value html;          /* --html-field's, or NONE */
		struct json_value title;         /* a top-level "title" */
		size_t open, close;              /* the object's braces */
		int meta_title, meta_url; /* metadata has "title", "url" */
	} jsonl;
	/* HTML: per line of text, what the page says of it; the page's
	 * grouping elements.  block is not NULL for any HTML record. */
	struct record_html {
		const struct record_block *block;
		size_t nblock;
		const struct record_box *box;
		size_t nbox;
		int thread; /* a forum thread or Q&A page (html.c): its
			       replies are its text */
	} html;
};

/* The bytes record_copy() needs for rec (the spans, the blocks and boxes
 * with their alignment). */
size_t record_copy_size(const struct record *rec);

/* Copy rec into *dst, every span and array into arena, which must hold
 * record_copy_size(rec) bytes free (arena->len grows by what is used).
 * dst then owns nothing: it is valid while arena's bytes are. */
void record_copy(
    struct record *dst, const struct record *rec, struct wn_buf *arena);

#endif
