/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * input_jsonl.c - the JSON Lines reader.
 *
 * One JSON object per line.  The line is scanned, not parsed into a tree
 * (json.h): the text field is decoded, the id, url and metadata values
 * are located, and the writer later splices the cleaned text back into
 * the original bytes.  A bad line (not strict JSON, no string text field,
 * invalid UTF-8 outside the text) is reported with its line number and
 * skipped; blank lines are skipped silently.  A line longer than
 * max_record is reported once and discarded while streaming through it.
 */
#include "config.h"

#include <string.h>

#include "input_impl.h"
#include "utf8.h"

enum { F_TEXT, F_ID, F_METADATA, F_URL, F_WINNOW, F_TITLE, F_COUNT };

static int
is_blank(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return 0;
	return 1;
}

static enum wn_status
parse_line(struct input *in, struct record *rec, const char *p, size_t n,
    struct wn_error *e)
{
	const char *names[F_COUNT];
	struct json_value v[F_COUNT];
	uint64_t lone = 0;
	size_t close, ok;

	names[F_TEXT] = in->opt.text_field;
	names[F_ID] = in->opt.id_field;
	names[F_METADATA] = "metadata";
	names[F_URL] = "url";
	names[F_WINNOW] = "winnow";
	names[F_TITLE] = "title";
	if (n > in->opt.max_record)
		return wn_fail(e, WN_EDATA,
		    "record longer than --max-record=%zu bytes: skipped",
		    in->opt.max_record);
	/* a byte order mark may start the first line */
	if (rec->line == 1 && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3;
		n -= 3;
	}
	if (json_scan_object(p, n, names, F_COUNT, v, &close, e) != WN_OK)
		return WN_EDATA;
	if (v[F_TEXT].type == JSON_NONE)
		return wn_fail(e, WN_EDATA, "no \"%s\" field", names[F_TEXT]);
	if (v[F_TEXT].type != JSON_STRING)
		return wn_fail(
		    e, WN_EDATA, "field \"%s\" is not a string", names[F_TEXT]);
	/* Every byte passed through must be valid UTF-8; the text itself
	 * is repaired by normalization. */
	ok = utf8_valid_prefix(p, v[F_TEXT].off);
	if (ok == v[F_TEXT].off)
		ok = v[F_TEXT].end +
		    utf8_valid_prefix(p + v[F_TEXT].end, n - v[F_TEXT].end);
	if (ok != n)
		return wn_fail(e, WN_EDATA,
		    "invalid UTF-8 outside field \"%s\" at byte %zu",
		    names[F_TEXT], ok + 1);
	in->text.len = 0;
	if (json_string_decode(p + v[F_TEXT].off, v[F_TEXT].end - v[F_TEXT].off,
	        &in->text, &lone) != WN_OK)
		return WN_ENOMEM;
	rec->bad_escapes = lone;
	in->url.len = 0;
	if (v[F_URL].type == JSON_STRING &&
	    json_string_decode(p + v[F_URL].off, v[F_URL].end - v[F_URL].off,
	        &in->url, &lone) != WN_OK)
		return WN_ENOMEM;
	rec->text.p = in->text.data;
	rec->text.n = in->text.len;
	rec->url.p = in->url.data;
	rec->url.n = in->url.len;
	if (v[F_ID].type != JSON_NONE) {
		rec->id.p = p + v[F_ID].off;
		rec->id.n = v[F_ID].end - v[F_ID].off;
	}
	rec->jsonl.line.p = p;
	rec->jsonl.line.n = n;
	rec->jsonl.text = v[F_TEXT];
	rec->jsonl.id = v[F_ID];
	rec->jsonl.metadata = v[F_METADATA];
	rec->jsonl.title = v[F_TITLE];
	rec->jsonl.meta_title.type = JSON_NONE;
	rec->jsonl.close = close;
	if (v[F_METADATA].type == JSON_OBJECT) {
		static const char *const inner_names[] = { "winnow", "title" };
		struct json_value w[2];
		size_t inner;

		if (json_scan_object(p + v[F_METADATA].off,
		        v[F_METADATA].end - v[F_METADATA].off, inner_names, 2,
		        w, &inner, e) != WN_OK)
			return WN_EDATA; /* cannot happen: validated */
		w[0].off += v[F_METADATA].off;
		w[0].end += v[F_METADATA].off;
		rec->jsonl.winnow = w[0];
		rec->jsonl.meta_title = w[1];
	} else if (v[F_METADATA].type != JSON_NONE) {
		/* metadata that is not an object: the report is a top-level
		 * "winnow", which an earlier run may have left */
		rec->jsonl.winnow = v[F_WINNOW];
	}
	return WN_OK;
}

enum wn_status
input_jsonl_next(struct input *in, struct record *rec, struct wn_error *e)
{
	const char *b = in->buf.data;
	size_t end = in->buf.len;

	for (;;) {
		const char *nl = in->pos < end ?
		    memchr(b + in->scan, '\n', end - in->scan) :
		    NULL;
		size_t ls = in->pos, le;
		uint64_t line = in->line;
		enum wn_status st;

		if (nl == NULL) {
			if (!in->finished) {
				in->scan = end;
				if (end - in->pos <= in->opt.max_record &&
				    !in->skipping)
					return WN_AGAIN;
				/* over-long line: discard it as it streams */
				in->pos = in->scan = end;
				if (in->skipping)
					return WN_AGAIN;
				in->skipping = 1;
				e->line = line;
				return wn_fail(e, WN_EDATA,
				    "record longer than --max-record=%zu "
				    "bytes: skipped",
				    in->opt.max_record);
			}
			if (in->pos >= end || in->skipping) {
				in->pos = in->scan = end;
				return WN_END;
			}
			le = end; /* a last line without its newline */
			in->pos = in->scan = end;
		} else {
			le = (size_t)(nl - b);
			in->pos = in->scan = le + 1;
			in->line++;
			if (in->skipping) {
				in->skipping = 0;
				continue;
			}
		}
		if (le > ls && b[le - 1] == '\r')
			le--;
		if (is_blank(b + ls, le - ls))
			continue;
		rec->line = line;
		st = parse_line(in, rec, b + ls, le - ls, e);
		if (st != WN_OK)
			e->line = line;
		return st;
	}
}
