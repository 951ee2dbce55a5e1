/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * record.c - copies of records (record.h): a batch keeps the records it
 * prepares after their reader has moved on.
 */
#include "config.h"

#include <string.h>

#include "record.h"

/* An HTML page's blocks and boxes go after the spans, aligned. */
#define ALIGN 8

static size_t
align_up(size_t n)
{
	return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

static struct wn_span
copy_span(struct wn_buf *arena, struct wn_span x)
{
	struct wn_span y = { NULL, x.n };

	if (x.p != NULL) {
		y.p = arena->data + arena->len;
		memcpy(arena->data + arena->len, x.p, x.n);
		arena->len += x.n;
	}
	return y;
}

static const struct record_block no_block;

size_t
record_copy_size(const struct record *rec)
{
	return rec->text.n + rec->id.n + rec->url.n + rec->date.n +
	    rec->lang.n + rec->title.n + rec->canonical.n + rec->jsonl.line.n +
	    2 * ALIGN + rec->html.nblock * sizeof(struct record_block) +
	    rec->html.nbox * sizeof(struct record_box) + 1;
}

void
record_copy(struct record *dst, const struct record *rec, struct wn_buf *arena)
{
	const struct record_jsonl *j = &rec->jsonl;

	*dst = *rec;
	dst->text = copy_span(arena, rec->text);
	dst->id = copy_span(arena, rec->id);
	dst->url = copy_span(arena, rec->url);
	dst->date = copy_span(arena, rec->date);
	dst->lang = copy_span(arena, rec->lang);
	dst->title = copy_span(arena, rec->title);
	dst->canonical = copy_span(arena, rec->canonical);
	if (j->line.p != NULL && j->text.type == JSON_STRING &&
	    j->text.off <= j->text.end && j->text.end <= j->line.n) {
		/* the line around its text value, which nothing reads once
		 * it was decoded: half of a JSONL record's bytes, not
		 * copied (the gap keeps its room, so the offsets hold) */
		dst->jsonl.line.p = arena->data + arena->len;
		memcpy(arena->data + arena->len, j->line.p, j->text.off);
		memcpy(arena->data + arena->len + j->text.end,
		    j->line.p + j->text.end, j->line.n - j->text.end);
		arena->len += j->line.n;
	} else {
		dst->jsonl.line = copy_span(arena, j->line);
	}
	if (rec->html.block != NULL) {
		/* an HTML page without blocks keeps a block array (it says
		 * "HTML"), but not the reader's */
		if (rec->html.nblock > 0) {
			arena->len = align_up(arena->len);
			memcpy(arena->data + arena->len, rec->html.block,
			    rec->html.nblock * sizeof(*rec->html.block));
			dst->html.block = (const struct record_block
			        *)(const void *)(arena->data + arena->len);
			arena->len +=
			    rec->html.nblock * sizeof(*rec->html.block);
		} else {
			dst->html.block = &no_block;
		}
	}
	if (rec->html.nbox > 0) {
		arena->len = align_up(arena->len);
		memcpy(arena->data + arena->len, rec->html.box,
		    rec->html.nbox * sizeof(*rec->html.box));
		dst->html.box =
		    (const struct record_box *)(const void *)(arena->data +
		        arena->len);
		arena->len += rec->html.nbox * sizeof(*rec->html.box);
	} else {
		dst->html.box = NULL;
	}
}
