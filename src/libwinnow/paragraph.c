/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * paragraph.c - split a normalized document into paragraphs.
 *
 * A document uses one of two conventions, and the unit is whichever it
 * uses:
 *  1. Scan the lines.  A blank line ends a block; a block of one line is
 *     a lone line.
 *  2. Count "wrapped" lines: a line of at least WRAP_MIN_BYTES that is
 *     followed by another line of the same block and does not end like a
 *     sentence or a heading (. ! ? : ; quote or bracket).  Such lines are
 *     what hard-wrapped prose (mail, Project Gutenberg, fmt(1) output)
 *     looks like.
 *  3. When at least WRAP_MIN_LINES lines are wrapped and they are at least
 *     half of the lines that are followed within their block, the document
 *     is hard-wrapped: each blank-line block is one paragraph.  Otherwise
 *     each line is one paragraph (scraped text puts a paragraph on one
 *     line; its blocks of short lines are menus, captions and lists, whose
 *     lines are units of their own: seed 003 doubles a caption line
 *     inside one block).
 *  4. Each paragraph remembers whether a blank line preceded it, so that
 *     the writer can keep the document's separators.
 *
 * Known weaknesses: a hard-wrapped document with very short lines (poetry,
 * a narrow column) is taken line by line; a document mixing both
 * conventions is taken by its majority.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "paragraph.h"

/* 40 bytes: below that a line is as likely a menu item or a heading as a
 * wrapped line; fmt(1) and mail clients wrap at 65..78 columns. */
#define WRAP_MIN_BYTES 40
/* Three wrapped lines: one or two long lines without final punctuation
 * are common in scraped text (a headline followed by a dateline). */
#define WRAP_MIN_LINES 3

void
paragraph_list_free(struct paragraph_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static enum wn_status
push(struct paragraph_list *l, size_t off, size_t len, int blank_before,
    size_t line)
{
	if (wn_grow(&l->v, &l->cap, l->n, sizeof(*l->v)) != WN_OK)
		return WN_ENOMEM;
	l->v[l->n].off = (uint32_t)off;
	l->v[l->n].len = (uint32_t)len;
	l->v[l->n].blank_before = (uint8_t)blank_before;
	l->v[l->n].line = (uint32_t)line;
	l->n++;
	return WN_OK;
}

static int
ends_sentence(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[len - 1];

	switch (c) {
	case '.':
	case '!':
	case '?':
	case ':':
	case ';':
	case '"':
	case '\'':
	case ')':
	case ']':
		return 1;
	}
	/* closing quotes U+2019, U+201D and the ellipsis U+2026 */
	if (len >= 3 && (unsigned char)s[len - 3] == 0xE2 &&
	    (unsigned char)s[len - 2] == 0x80 &&
	    (c == 0x99 || c == 0x9D || c == 0xA6))
		return 1;
	return 0;
}

/*
 * One pass over the lines takes each line as a paragraph (what nearly
 * every document turns out to be) and counts the wrapped ones on the way;
 * only a document found hard-wrapped is split again, by blocks.
 */
static int
is_wrapped(size_t wrapped, size_t followed)
{
	return wrapped >= WRAP_MIN_LINES && wrapped * 2 >= followed;
}

static enum wn_status
split_blocks(const char *s, size_t len, struct paragraph_list *out)
{
	struct paragraph_iter it;

	it.s = s;
	it.len = len;
	it.pos = it.line = 0;
	it.block_mode = 1;
	it.blank = it.any = 0;
	return paragraph_iter_next(&it, 0, out);
}

enum wn_status
paragraph_split(const char *s, size_t len, int lines_only, size_t max,
    struct paragraph_list *out)
{
	size_t i = 0, line = 0, wrapped = 0, followed = 0;
	size_t prev_off = 0, prev_len = 0;
	int blank = 0, have_prev = 0;

	out->n = 0;
	out->block_mode = 0;
	while (i <= len) {
		const char *nl = i < len ? memchr(s + i, '\n', len - i) : NULL;
		size_t end = nl ? (size_t)(nl - s) : len;

		if (end == i) {
			have_prev = 0; /* blank line: block ends */
			if (out->n > 0)
				blank = 1;
		} else {
			if (have_prev) {
				followed++;
				if (prev_len >= WRAP_MIN_BYTES &&
				    !ends_sentence(s + prev_off, prev_len))
					wrapped++;
			}
			have_prev = 1;
			prev_off = i;
			prev_len = end - i;
			if (max > 0 && out->n == max)
				return WN_AGAIN;
			if (push(out, i, end - i, blank, line) != WN_OK)
				return WN_ENOMEM;
			blank = 0;
		}
		if (nl == NULL)
			break;
		i = end + 1;
		line++;
	}
	if (lines_only || !is_wrapped(wrapped, followed))
		return WN_OK;
	/* hard-wrapped: each blank-line block is one paragraph */
	return split_blocks(s, len, out);
}

void
paragraph_iter_start(
    struct paragraph_iter *it, const char *s, size_t len, int lines_only)
{
	size_t i = 0, wrapped = 0, followed = 0, prev_off = 0, prev_len = 0;
	int have_prev = 0;

	it->s = s;
	it->len = len;
	it->pos = it->line = 0;
	it->blank = it->any = 0;
	it->block_mode = 0;
	if (lines_only)
		return;
	/* paragraph_split()'s count, without its paragraphs */
	while (i <= len) {
		const char *nl = i < len ? memchr(s + i, '\n', len - i) : NULL;
		size_t end = nl ? (size_t)(nl - s) : len;

		if (end == i) {
			have_prev = 0;
		} else {
			if (have_prev) {
				followed++;
				if (prev_len >= WRAP_MIN_BYTES &&
				    !ends_sentence(s + prev_off, prev_len))
					wrapped++;
			}
			have_prev = 1;
			prev_off = i;
			prev_len = end - i;
		}
		if (nl == NULL)
			break;
		i = end + 1;
	}
	it->block_mode = is_wrapped(wrapped, followed);
}

enum wn_status
paragraph_iter_next(
    struct paragraph_iter *it, size_t max, struct paragraph_list *out)
{
	const char *s = it->s;
	size_t len = it->len;
	size_t block_off = 0, block_end = 0, block_line = 0;
	int in_block = 0;

	out->n = 0;
	out->block_mode = it->block_mode;
	while (it->pos <= len && (max == 0 || out->n < max)) {
		size_t i = it->pos;
		const char *nl = i < len ? memchr(s + i, '\n', len - i) : NULL;
		size_t end = nl ? (size_t)(nl - s) : len;

		if (end == i) {
			if (in_block) {
				if (push(out, block_off, block_end - block_off,
				        it->blank, block_line) != WN_OK)
					return WN_ENOMEM;
				it->any = 1;
				it->blank = 0;
				in_block = 0;
			}
			if (it->any)
				it->blank = 1;
		} else if (it->block_mode) {
			if (!in_block) {
				block_off = i;
				block_line = it->line;
				in_block = 1;
			}
			block_end = end;
		} else {
			if (push(out, i, end - i, it->blank, it->line) != WN_OK)
				return WN_ENOMEM;
			it->any = 1;
			it->blank = 0;
		}
		if (nl == NULL) {
			it->pos = len + 1;
			break;
		}
		it->pos = end + 1;
		it->line++;
	}
	if (in_block) {
		/* the last block of the document (a block ends at a blank
		 * line or the end: the loop stops only after one ended) */
		if (push(out, block_off, block_end - block_off, it->blank,
		        block_line) != WN_OK)
			return WN_ENOMEM;
		it->any = 1;
		it->blank = 0;
	}
	return WN_OK;
}
