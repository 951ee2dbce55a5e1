/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * input_text.c - the plain text reader.
 *
 * Each input is one document, except that a line holding only a form
 * feed or only a NUL (optionally followed by CR) separates documents
 * within it.  A document longer than max_record is reported once and
 * discarded while streaming through it, never buffered whole.
 */
#include "config.h"

#include <string.h>

#include "input_impl.h"

static int
is_separator(const char *p, size_t n)
{
	if (n == 2 && p[1] == '\r')
		n = 1;
	return n == 1 && (p[0] == '\f' || p[0] == '\0');
}

static enum wn_status
emit(struct input *in, struct record *rec, size_t off, size_t len,
    uint64_t line, struct wn_error *e)
{
	if (len > in->opt.max_record) {
		e->line = line;
		return wn_fail(e, WN_EDATA,
		    "document longer than --max-record=%zu bytes: skipped",
		    in->opt.max_record);
	}
	in->id.len = 0;
	if (wn_buf_append(&in->id, in->name, strlen(in->name)) != WN_OK ||
	    wn_buf_putc(&in->id, ':') != WN_OK ||
	    wn_buf_put_u64(&in->id, in->number + 1) != WN_OK)
		return WN_ENOMEM;
	rec->text.p = in->buf.data + off;
	rec->text.n = len;
	rec->id.p = in->id.data;
	rec->id.n = in->id.len;
	rec->line = line;
	return WN_OK;
}

enum wn_status
input_text_next(struct input *in, struct record *rec, struct wn_error *e)
{
	const char *b = in->buf.data;
	size_t end = in->buf.len;

	if (in->skipping == 2) { /* inside a discarded line */
		const char *nl = memchr(b + in->scan, '\n', end - in->scan);

		if (nl == NULL) {
			in->pos = in->scan = end;
			return in->finished ? WN_END : WN_AGAIN;
		}
		in->pos = in->scan = (size_t)(nl - b) + 1;
		in->scan_line++;
		in->skipping = 1;
	}
	while (in->scan < end) {
		/* a long line is searched once, not from its start after
		 * every read */
		size_t from = in->searched > in->scan ? in->searched : in->scan;
		const char *nl = memchr(b + from, '\n', end - from);
		size_t ls = in->scan, le, off;
		uint64_t line;
		int was_skipping;

		if (nl == NULL) {
			in->searched = end;
			break;
		}
		le = (size_t)(nl - b);
		in->scan = le + 1;
		in->scan_line++;
		if (!is_separator(b + ls, le - ls))
			continue;
		off = in->pos;
		line = in->line;
		was_skipping = in->skipping;
		in->pos = in->scan;
		in->line = in->scan_line;
		in->skipping = 0;
		if (!was_skipping)
			return emit(in, rec, off, ls - off, line, e);
	}
	if (in->finished) {
		size_t off = in->pos, len = end - in->pos;

		/* a separator on the last line, without its newline */
		if (in->scan < end &&
		    is_separator(b + in->scan, end - in->scan))
			len = in->scan - off;
		in->pos = in->scan = end;
		if (in->skipping || (len == 0 && off == end)) {
			in->skipping = 0;
			return WN_END;
		}
		if (len == 0 && in->number > 0)
			return WN_END; /* nothing after the last separator */
		return emit(in, rec, off, len, in->line, e);
	}
	if (end - in->pos > in->opt.max_record || in->skipping) {
		int first = !in->skipping;
		size_t partial = end - in->scan;
		uint64_t line = in->line;

		/* Keep a partial line that may still become a separator;
		 * discard everything else. */
		if (partial <= 2 &&
		    (partial == 0 || b[in->scan] == '\f' ||
		        b[in->scan] == '\0')) {
			in->pos = in->scan;
			in->skipping = 1;
		} else {
			in->pos = in->scan = end;
			in->skipping = 2;
		}
		if (first) {
			e->line = line;
			return wn_fail(e, WN_EDATA,
			    "document longer than --max-record=%zu bytes: "
			    "skipped",
			    in->opt.max_record);
		}
	}
	return WN_AGAIN;
}
