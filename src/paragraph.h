/*
 * paragraph.h - split a normalized document into paragraphs.
 */
#ifndef WN_PARAGRAPH_H
#define WN_PARAGRAPH_H

#include <stddef.h>

#include "wn.h"

struct paragraph {
	size_t off;		/* first byte in the document */
	size_t len;		/* bytes, without the final newline */
	int blank_before;	/* a blank line separates it from the previous */
	size_t line;		/* 0-based line of the document it starts on */
};

struct paragraph_list {
	struct paragraph *v;
	size_t n;
	size_t cap;
	int block_mode;		/* 1: blank-line blocks, 0: lines */
};

/* Split s[0..len), the output of normalize_text() (LF line ends, lines
 * trimmed), into paragraphs, replacing the contents of *out.  Blank lines
 * are never paragraphs.  With lines_only, each line is one paragraph
 * (HTML input, where the reader made the lines).  Returns WN_OK or
 * WN_ENOMEM. */
enum wn_status paragraph_split(const char *s, size_t len, int lines_only,
    struct paragraph_list *out);

/* Frees the storage of l (not l itself). */
void paragraph_list_free(struct paragraph_list *l);

#endif
