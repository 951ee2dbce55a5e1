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

#include <stdio.h>
#include <string.h>

#include "input_impl.h"
#include "utf8.h"

/* The fields located; the HTML field last, scanned only when asked
 * for. */
enum {
	F_TEXT,
	F_ID,
	F_METADATA,
	F_URL,
	F_WINNOW,
	F_SOURCE,
	F_ADDED,
	F_TITLE,
	F_HTML,
	F_COUNT
};

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
	int html = in->opt.html_field != NULL;
	int src = html ? F_HTML : F_TEXT; /* the field the text is made of */

	names[F_TEXT] = in->opt.text_field;
	names[F_ID] = in->opt.id_field;
	names[F_METADATA] = "metadata";
	names[F_URL] = "url";
	names[F_WINNOW] = "winnow";
	names[F_SOURCE] = "source";
	names[F_ADDED] = "added";
	names[F_TITLE] = "title";
	names[F_HTML] = in->opt.html_field;
	if (n > in->opt.max_record)
		return wn_fail(e, WN_EDATA,
		    "record longer than --max-record=%zu bytes: skipped",
		    in->opt.max_record);
	/* a byte order mark may start the first line */
	if (rec->line == 1 && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3;
		n -= 3;
	}
	if (json_scan_object(
	        p, n, names, html ? F_COUNT : F_HTML, v, &close, e) != WN_OK)
		return WN_EDATA;
	if (v[src].type == JSON_NONE) {
		/* input_jsonl_next() decides how it is reported */
		in->missing_now = 1;
		in->missing_keys.len = 0;
		if (json_keys(p, n, 8, &in->missing_keys) != WN_OK)
			return WN_ENOMEM;
		return wn_fail(e, WN_EDATA, "no \"%s\" field", names[src]);
	}
	if (v[src].type != JSON_STRING)
		return wn_fail(
		    e, WN_EDATA, "field \"%s\" is not a string", names[src]);
	/* Every byte passed through must be valid UTF-8; the text itself
	 * is repaired by normalization (a page's HTML, passed through, is
	 * not the text unless it is in the text field) */
	if (v[F_TEXT].type == JSON_STRING) {
		ok = utf8_valid_prefix(p, v[F_TEXT].off);
		if (ok == v[F_TEXT].off)
			ok = v[F_TEXT].end +
			    utf8_valid_prefix(
			        p + v[F_TEXT].end, n - v[F_TEXT].end);
	} else {
		ok = utf8_valid_prefix(p, n);
	}
	if (ok != n)
		return wn_fail(e, WN_EDATA,
		    "invalid UTF-8 outside field \"%s\" at byte %zu",
		    names[F_TEXT], ok + 1);
	in->text.len = 0;
	if (json_string_decode(p + v[src].off, v[src].end - v[src].off,
	        html ? &in->body : &in->text, &lone) != WN_OK)
		return WN_ENOMEM;
	in->url.len = 0;
	if (v[F_URL].type == JSON_STRING &&
	    json_string_decode(p + v[F_URL].off, v[F_URL].end - v[F_URL].off,
	        &in->url, &lone) != WN_OK)
		return WN_ENOMEM;
	if (html) {
		/* the page's article is the text; its canonical URL and title
		 * go into metadata (the record's own url, when it has one, is
		 * the one its site is judged by) */
		if (html_extract(in->body.len ? in->body.data : "",
		        in->body.len, NULL, &in->html) != WN_OK)
			return WN_ENOMEM;
		in->body.len = 0;
		html_to_record(&in->html, rec);
		rec->canonical.p = in->html.canonical.data;
		rec->canonical.n = in->html.canonical.len;
		if (in->url.len == 0) {
			rec->url = rec->canonical;
		} else {
			rec->url.p = in->url.data;
			rec->url.n = in->url.len;
		}
	} else {
		rec->bad_escapes = lone;
		rec->text.p = in->text.data;
		rec->text.n = in->text.len;
		rec->url.p = in->url.data;
		rec->url.n = in->url.len;
	}
	if (v[F_ID].type != JSON_NONE) {
		rec->id.p = p + v[F_ID].off;
		rec->id.n = v[F_ID].end - v[F_ID].off;
	} else if (input_name_id(in, rec, rec->line) != WN_OK) {
		/* dolma needs an id: NAME:LINE, which a rerun gives again */
		return WN_ENOMEM;
	}
	rec->jsonl.line.p = p;
	rec->jsonl.line.n = n;
	rec->jsonl.text = v[F_TEXT];
	rec->jsonl.id = v[F_ID];
	rec->jsonl.metadata = v[F_METADATA];
	rec->jsonl.source = v[F_SOURCE];
	rec->jsonl.added = v[F_ADDED];
	rec->jsonl.title = v[F_TITLE];
	if (html)
		rec->jsonl.html = v[F_HTML];
	{
		const char *brace = memchr(p, '{', n); /* validated: there */

		rec->jsonl.open = brace != NULL ? (size_t)(brace - p) : 0;
	}
	rec->jsonl.close = close;
	if (v[F_METADATA].type == JSON_OBJECT) {
		static const char *const meta[] = { "winnow", "title", "url" };
		struct json_value w[3];
		size_t inner;

		if (json_scan_object(p + v[F_METADATA].off,
		        v[F_METADATA].end - v[F_METADATA].off, meta, 3, w,
		        &inner, e) != WN_OK)
			return WN_EDATA; /* cannot happen: validated */
		rec->jsonl.winnow = w[0];
		rec->jsonl.winnow.off += v[F_METADATA].off;
		rec->jsonl.winnow.end += v[F_METADATA].off;
		rec->jsonl.meta_title = w[1].type != JSON_NONE;
		rec->jsonl.meta_url = w[2].type != JSON_NONE;
	} else if (v[F_METADATA].type != JSON_NONE) {
		/* metadata that is not an object: the report is a top-level
		 * "winnow", which an earlier run may have left */
		rec->jsonl.winnow = v[F_WINNOW];
	}
	return WN_OK;
}

/* The next record or error of in, one line each. */
static enum wn_status
next_line(struct input *in, struct record *rec, struct wn_error *e)
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

/* The name of the field the text is made of. */
static const char *
source_field(const struct input *in)
{
	return in->opt.html_field != NULL ? in->opt.html_field :
	                                    in->opt.text_field;
}

/* The message for the records without the field held back so far: one
 * message however many there were (issue 21: one per record buried the
 * cause), with the keys the first of them has. */
static enum wn_status
missing_summary(struct input *in, struct wn_error *e, int at_end)
{
	const char *f = source_field(in);
	struct wn_buf *k = &in->first_keys;
	int keys = (int)(k->len < 160 ? k->len : 160);
	uint64_t n = in->missing;

	in->missing = 0;
	in->error_records = n;
	e->line = in->missing_first;
	if (n == 1)
		return wn_fail(e, WN_EDATA, "no \"%s\" field (its keys: %.*s)",
		    f, keys, k->data ? k->data : "");
	if (at_end && !in->had_field)
		return wn_fail(e, WN_EDATA,
		    "no record has a \"%s\" field (%llu records; the "
		    "first's keys: %.*s): skipped; --text-field or "
		    "--html-field names the field",
		    f, (unsigned long long)n, keys, k->data ? k->data : "");
	return wn_fail(e, WN_EDATA,
	    "%llu records from line %llu to %llu have no \"%s\" field (the "
	    "first's keys: %.*s): skipped",
	    (unsigned long long)n, (unsigned long long)in->missing_first,
	    (unsigned long long)in->missing_last, f, keys,
	    k->data ? k->data : "");
}

/*
 * The records of a file without the text (or HTML) field are held back
 * while no record before them had it, and reported in one message when
 * a record of another kind comes (which is then read again) or the
 * input ends; once a record had the field, each one without it is
 * reported as it comes, with its keys.  --on-error=fail stops at the
 * first.
 */
enum wn_status
input_jsonl_next(struct input *in, struct record *rec, struct wn_error *e)
{
	for (;;) {
		size_t pos = in->pos, scan = in->scan;
		uint64_t line = in->line;
		int skipping = in->skipping;
		enum wn_status st;

		in->missing_now = 0;
		in->error_records = 1;
		st = next_line(in, rec, e);
		if (st == WN_AGAIN || st == WN_ENOMEM)
			return st;
		if (st == WN_EDATA && in->missing_now && !in->had_field &&
		    !in->opt.on_error_fail) {
			if (in->missing++ == 0) {
				struct wn_buf t = in->first_keys;

				in->first_keys = in->missing_keys;
				in->missing_keys = t;
				in->missing_first = e->line;
			}
			in->missing_last = e->line;
			in->missing_records++;
			continue;
		}
		if (in->missing > 0) {
			/* this one is read again after the message */
			if (st != WN_END) {
				in->pos = pos;
				in->scan = scan;
				in->line = line;
				in->skipping = skipping;
			}
			return missing_summary(in, e, st == WN_END);
		}
		if (st == WN_OK)
			in->had_field = 1;
		if (st == WN_EDATA && in->missing_now) {
			size_t n = strlen(e->msg);

			in->missing_records++;
			snprintf(e->msg + n, sizeof(e->msg) - n,
			    " (its keys: %.*s)",
			    (int)(in->missing_keys.len < 160 ?
			            in->missing_keys.len :
			            160),
			    in->missing_keys.data ? in->missing_keys.data : "");
		}
		return st;
	}
}
