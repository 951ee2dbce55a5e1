/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * paragraph.h - split a normalized document into paragraphs.
 */
#ifndef WN_PARAGRAPH_H
#define WN_PARAGRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "wn.h"

/* 16 bytes: documents are at most 4 GiB (--max-record) */
struct paragraph {
	uint32_t off;         /* first byte in the document */
	uint32_t len;         /* bytes, without the final newline */
	uint32_t line;        /* 0-based line of the document it starts on */
	uint8_t blank_before; /* a blank line separates it from the previous */
};

struct paragraph_list {
	struct paragraph *v;
	size_t n;
	size_t cap;
	int block_mode; /* 1: blank-line blocks, 0: lines */
};

/* Split s[0..len), the output of normalize_text() (LF line ends, lines
 * trimmed, at most 4 GiB), into paragraphs, replacing the contents of
 * *out.  Blank lines are never paragraphs.  With lines_only, each line is
 * one paragraph (HTML input, where the reader made the lines).  With max
 * > 0, at most max paragraphs are made: WN_AGAIN says there were more
 * (then *out is not the split; use paragraph_iter).  Returns WN_OK,
 * WN_AGAIN or WN_ENOMEM. */
enum wn_status paragraph_split(const char *s, size_t len, int lines_only,
    size_t max, struct paragraph_list *out);

/* The same split in pieces, for a document too long to hold all its
 * paragraphs at once: paragraph_iter_start() decides how the document is
 * split (one pass, nothing stored), each paragraph_iter_next() replaces
 * *out with the next at most max paragraphs (none at the end), with the
 * same offsets, lines and blank_before as paragraph_split() gives.
 * Returns WN_OK or WN_ENOMEM. */
struct paragraph_iter {
	const char *s;
	size_t len, pos, line;
	int block_mode;
	int blank; /* a blank line since the last paragraph */
	int any;   /* a paragraph was made */
};
void paragraph_iter_start(
    struct paragraph_iter *it, const char *s, size_t len, int lines_only);
enum wn_status paragraph_iter_next(
    struct paragraph_iter *it, size_t max, struct paragraph_list *out);

/* Frees the storage of l (not l itself). */
void paragraph_list_free(struct paragraph_list *l);

#endif
