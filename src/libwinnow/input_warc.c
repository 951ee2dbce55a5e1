/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * input_warc.c - the WARC/WET reader: WET text, and the pages of WARC
 * response and resource records.
 *
 *  1. Skip blank lines; a record starts with a "WARC/1." line.  Bytes
 *     that are neither are skipped up to the next line starting
 *     "WARC/1." (counted as a resynchronisation).
 *  2. Read the header up to its empty line; take WARC-Type,
 *     WARC-Record-ID, WARC-Target-URI, WARC-Date,
 *     WARC-Identified-Content-Language, Content-Type and Content-Length.
 *  3. The block is Content-Length bytes.  It must be followed by line
 *     ends and then "WARC/1." or the end of input.  If not, or if
 *     Content-Length is missing, the length is wrong (one Common Crawl
 *     crawl is off by 2): the block is taken to end at the next line
 *     starting "WARC/1." (trailing line ends trimmed) and the record is
 *     counted as resynchronised.  When the input ends more than
 *     CUT_SLACK bytes short of the block's Content-Length, the file was
 *     cut (a download or a copy that stopped): that last record is
 *     reported and dropped, as an unfinished last JSON Lines record is,
 *     not taken as a whole page.
 *  4. Which records hold documents:
 *     - conversion records (WET) and resource records of a text/... or
 *       missing media type are text, decoded from the charset their
 *       Content-Type names when they are not UTF-8; a resource record of
 *       an HTML type (text/html, application/xhtml+xml) is a page;
 *     - a response record's block is an HTTP response (http.c): it is a
 *       document when its status is 2xx and its media type is HTML or
 *       text/plain (none: when its body looks like HTML).  Its chunked
 *       transfer and gzip, deflate, br or zstd content coding are undone
 *       (http_body.c), decoded size at most max_record; a page's
 *       article is extracted as html.c does for an HTML file, with the
 *       Content-Type's charset as the transport's;
 *     - request, metadata, revisit and warcinfo records and every other
 *       response are counted by reason (input_skipped()) and skipped.
 *     The record's id is its WARC-Record-ID (NAME:LINE without one), its
 *     url WARC-Target-URI, its date WARC-Date.
 *
 * Known weaknesses: a block that itself holds a line starting "WARC/1."
 * is cut there when its Content-Length is wrong; a response's record is
 * held whole (up to max_record) while its page is decoded and
 * extracted; WARC-Identified-Payload-Type (Common Crawl's own guess of
 * the media type) is not read, so a page served with a wrong
 * Content-Type is skipped.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "input_impl.h"
#include "utf8.h"

/* How many bytes short of its Content-Length a last block may end and
 * still be taken: a few line ends (one Common Crawl crawl's lengths are
 * 2 too long, step 3); 16 leaves room for that and nothing more. */
#define CUT_SLACK 16

struct header {
	struct wn_span type, id, uri, date, lang, ctype;
	int has_length;
	size_t length;
};

/* Find "\nWARC/1." at or after from; return the offset of the 'W', or
 * (size_t)-1. */
static size_t
find_record(const char *b, size_t from, size_t end)
{
	while (from < end) {
		const char *nl = memchr(b + from, '\n', end - from);
		size_t w;

		if (nl == NULL)
			return (size_t)-1;
		w = (size_t)(nl - b) + 1;
		if (end - w < 7)
			return (size_t)-1;
		if (memcmp(b + w, "WARC/1.", 7) == 0)
			return w;
		from = w;
	}
	return (size_t)-1;
}

static struct wn_span
trim(const char *p, size_t n)
{
	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (
	    n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
		n--;
	return (struct wn_span){ p, n };
}

static int
name_is(const char *p, size_t n, const char *name)
{
	return strlen(name) == n && strncasecmp(p, name, n) == 0;
}

/* Parse header lines in b[from..to) (after the "WARC/1.x" line). */
static void
parse_header(const char *b, size_t from, size_t to, struct header *h)
{
	memset(h, 0, sizeof(*h));
	while (from < to) {
		const char *nl = memchr(b + from, '\n', to - from);
		size_t le = nl ? (size_t)(nl - b) : to;
		const char *colon = memchr(b + from, ':', le - from);

		if (colon != NULL) {
			size_t nlen = (size_t)(colon - (b + from));
			const char *name = b + from;
			struct wn_span v =
			    trim(colon + 1, (size_t)(b + le - colon - 1));

			if (name_is(name, nlen, "WARC-Type"))
				h->type = v;
			else if (name_is(name, nlen, "WARC-Record-ID"))
				h->id = v;
			else if (name_is(name, nlen, "WARC-Target-URI"))
				h->uri = v;
			else if (name_is(name, nlen, "WARC-Date"))
				h->date = v;
			else if (name_is(name, nlen,
			             "WARC-Identified-Content-Language"))
				h->lang = v;
			else if (name_is(name, nlen, "Content-Type"))
				h->ctype = v;
			else if (name_is(name, nlen, "Content-Length")) {
				char tmp[24];
				char *endp;

				if (v.n > 0 && v.n < sizeof(tmp)) {
					unsigned long long x;

					memcpy(tmp, v.p, v.n);
					tmp[v.n] = '\0';
					x = strtoull(tmp, &endp, 10);
					if (*endp == '\0' && tmp[0] >= '0' &&
					    tmp[0] <= '9' &&
					    x <= SIZE_MAX / 2) {
						h->has_length = 1;
						h->length = (size_t)x;
					}
				}
			}
		}
		from = le + 1;
	}
}

/* The skip reason of a WARC type that holds no document. */
static enum input_skip
skip_reason(struct wn_span t)
{
	if (name_is(t.p, t.n, "request"))
		return INPUT_SKIP_REQUEST;
	if (name_is(t.p, t.n, "metadata"))
		return INPUT_SKIP_METADATA;
	if (name_is(t.p, t.n, "revisit"))
		return INPUT_SKIP_REVISIT;
	if (name_is(t.p, t.n, "warcinfo"))
		return INPUT_SKIP_WARCINFO;
	return INPUT_SKIP_OTHER_TYPE;
}

/* A charset label as a C string in cs (empty when there is none or it
 * does not fit). */
static void
charset_string(struct wn_span label, char cs[64])
{
	cs[0] = '\0';
	if (label.n > 0 && label.n < 64) {
		memcpy(cs, label.p, label.n);
		cs[label.n] = '\0';
	}
}

/* The page body[0..n) as the record's text: its article's blocks
 * (html.c), in the charset the transport named when the page names
 * none. */
static enum wn_status
html_record(struct input *in, struct record *rec, struct wn_span body,
    struct wn_span charset)
{
	char cs[64];

	charset_string(charset, cs);
	if (html_extract(body.n ? body.p : "", body.n, cs[0] ? cs : NULL,
	        &in->html) != WN_OK)
		return WN_ENOMEM;
	html_to_record(&in->html, rec);
	return WN_OK;
}

/* Plain text body[0..n): UTF-8 as it is (repaired later), or decoded
 * from the charset its transport names. */
static enum wn_status
text_record(struct input *in, struct record *rec, struct wn_span body,
    struct wn_span charset)
{
	const char *enc =
	    charset.n ? charset_from_label(charset.p, charset.n) : NULL;

	rec->text = body;
	if (enc != NULL && strcmp(enc, "UTF-8") != 0 &&
	    strncmp(enc, "UTF-16", 6) != 0 &&
	    utf8_valid_prefix(body.p, body.n) != body.n) {
		if (charset_decode(enc, body.p, body.n, &in->body) != WN_OK)
			return WN_ENOMEM;
		rec->text.p = in->body.data ? in->body.data : "";
		rec->text.n = in->body.len;
	}
	return WN_OK;
}

/* A response record's block: an HTTP response.  Returns WN_OK with rec
 * filled; WN_AGAIN when it holds no document (counted); WN_EDATA;
 * WN_ENOMEM. */
static enum wn_status
response_record(struct input *in, const struct header *h, struct wn_span block,
    struct record *rec, struct wn_error *e)
{
	struct http_response r;
	struct wn_span wtype, wcs, body;
	enum wn_status st;
	int html, got;

	http_content_type(h->ctype, &wtype, &wcs);
	got = http_parse(block.p, block.n, &r);
	if (got == 0) {
		/* dns: records and other non-HTTP responses are no pages;
		 * one that says it is HTTP and is not is a bad record */
		if (wtype.n >= 16 &&
		    strncasecmp(wtype.p, "application/http", 16) == 0)
			return wn_fail(e, WN_EDATA,
			    "response record without an HTTP status line: "
			    "skipped");
		in->skip[INPUT_SKIP_NOT_TEXT]++;
		return WN_AGAIN;
	}
	if (got < 0)
		return wn_fail(e, WN_EDATA,
		    "response record whose HTTP head has no end: skipped");
	if (r.status < 200 || r.status > 299) {
		in->skip[INPUT_SKIP_STATUS]++;
		return WN_AGAIN;
	}
	html = http_is_html(r.type);
	if (!html && !http_is_plain(r.type) && r.type.n > 0) {
		in->skip[INPUT_SKIP_NOT_TEXT]++;
		return WN_AGAIN;
	}
	if (r.coding == HTTP_OTHER_CODING) {
		in->skip[INPUT_SKIP_CODING]++;
		return WN_AGAIN;
	}
	if (in->http == NULL && (in->http = http_decoder_new()) == NULL)
		return WN_ENOMEM;
	st = http_body(in->http, &r, block.p + r.head, block.n - r.head,
	    in->opt.max_record, in->opt.zstd_window_log, &body, e);
	if (st == WN_EDATA) {
		char why[sizeof(e->msg)];

		snprintf(why, sizeof(why), "%s", e->msg);
		return wn_fail(
		    e, WN_EDATA, "response record: %s: skipped", why);
	}
	if (st != WN_OK)
		return st;
	if (r.type.n == 0) {
		/* no media type: a page when it looks like one, else
		 * nothing read as text */
		if (!html_sniff(body.p, body.n)) {
			in->skip[INPUT_SKIP_NOT_TEXT]++;
			return WN_AGAIN;
		}
		html = 1;
	}
	return html ? html_record(in, rec, body, r.charset) :
	              text_record(in, rec, body, r.charset);
}

enum wn_status
input_warc_next(struct input *in, struct record *rec, struct wn_error *e)
{
	for (;;) {
		const char *b = in->buf.data;
		size_t end = in->buf.len, p = in->pos, hstart, hend, bstart;
		size_t bend, after;
		struct header h;
		struct wn_span block;
		const char *eoh;
		int resync = 0;

		/* 1. blank lines between records */
		while (p < end && (b[p] == '\r' || b[p] == '\n')) {
			if (b[p] == '\n')
				in->line++;
			p++;
		}
		in->pos = p;
		if (p >= end)
			return in->finished ? WN_END : WN_AGAIN;
		if (end - p < 7 && !in->finished)
			return WN_AGAIN;
		if (end - p < 7 || memcmp(b + p, "WARC/1.", 7) != 0) {
			size_t w = find_record(b, p, end);
			uint64_t line = in->line;

			if (w == (size_t)-1) {
				if (!in->finished) {
					if (end - p > in->opt.max_record) {
						/* keep a possible partial "\nWARC/1." */
						in->line += input_count_lines(
						    b + p, end - p - 8);
						in->pos = end - 8;
					}
					return WN_AGAIN;
				}
				w = end;
			}
			in->line += input_count_lines(b + p, w - p);
			in->pos = w;
			in->resync++;
			e->line = line;
			return wn_fail(e, WN_EDATA,
			    "not a WARC record: skipped %zu bytes to the next "
			    "one",
			    w - p);
		}
		/* 2. the header */
		hstart = p;
		eoh = NULL;
		{
			size_t i = p;

			while (i < end) {
				const char *nl = memchr(b + i, '\n', end - i);

				if (nl == NULL)
					break;
				i = (size_t)(nl - b) + 1;
				if (i < end && b[i] == '\n') {
					eoh = b + i + 1;
					break;
				}
				if (i + 1 < end && b[i] == '\r' &&
				    b[i + 1] == '\n') {
					eoh = b + i + 2;
					break;
				}
			}
		}
		if (eoh == NULL) {
			if (!in->finished && end - p <= in->opt.max_record)
				return WN_AGAIN;
			e->line = in->line;
			in->line += input_count_lines(b + p, end - p);
			in->pos = end;
			return wn_fail(e, WN_EDATA, "truncated WARC header");
		}
		hend = (size_t)(eoh - b);
		parse_header(b, hstart, hend, &h);
		bstart = hend;
		/* 3. the block */
		if (h.has_length && h.length <= end - bstart) {
			bend = bstart + h.length;
			after = bend;
			while (after < end && after - bend < 4 &&
			    (b[after] == '\r' || b[after] == '\n'))
				after++;
			if (after == end && !in->finished &&
			    after - bend < 4 + 7)
				return WN_AGAIN;
			if (!(after == end && in->finished) &&
			    (end - after < 7 ||
			        memcmp(b + after, "WARC/1.", 7) != 0)) {
				if (end - after < 7 && !in->finished)
					return WN_AGAIN;
				resync = 1;
			}
		} else if (h.has_length && !in->finished &&
		    h.length - (end - bstart) <= in->opt.max_record) {
			return WN_AGAIN;
		} else {
			resync = 1;
		}
		if (resync) {
			size_t w =
			    find_record(b, bstart > 0 ? bstart - 1 : 0, end);

			if (w == (size_t)-1) {
				if (!in->finished) {
					if (end - bstart <= in->opt.max_record)
						return WN_AGAIN;
					e->line = in->line;
					in->line += input_count_lines(
					    b + p, end - p - 8);
					in->pos = end - 8;
					return wn_fail(e, WN_EDATA,
					    "WARC record longer than "
					    "--max-record=%zu bytes: skipped",
					    in->opt.max_record);
				}
				if (h.has_length &&
				    h.length > end - bstart + CUT_SLACK) {
					/* the input ends inside the block */
					e->line = in->line;
					in->line +=
					    input_count_lines(b + p, end - p);
					in->pos = end;
					return wn_fail(e, WN_EDATA,
					    "the last record is cut short "
					    "(%zu of its %zu bytes; a "
					    "truncated file?): dropped",
					    end - bstart, (size_t)h.length);
				}
				w = end;
			}
			bend = w;
			while (bend > bstart &&
			    (b[bend - 1] == '\n' || b[bend - 1] == '\r'))
				bend--;
			after = w;
			in->resync++;
		}
		rec->line = in->line;
		in->line += input_count_lines(b + p, after - p);
		in->pos = in->scan = after;
		if (bend - bstart > in->opt.max_record) {
			e->line = rec->line;
			return wn_fail(e, WN_EDATA,
			    "WARC record longer than --max-record=%zu bytes: "
			    "skipped",
			    in->opt.max_record);
		}
		/* 4. which records hold documents; line ends that close a
		 * block are not text (a Content-Length a few bytes too long
		 * takes in the record's closing CRLFs) */
		while (bend > bstart &&
		    (b[bend - 1] == '\n' || b[bend - 1] == '\r'))
			bend--;
		block.p = b + bstart;
		block.n = bend - bstart;
		if (name_is(h.type.p, h.type.n, "conversion") ||
		    name_is(h.type.p, h.type.n, "resource")) {
			struct wn_span type, cs;
			enum wn_status st;

			http_content_type(h.ctype, &type, &cs);
			if (http_is_html(type) &&
			    name_is(h.type.p, h.type.n, "resource"))
				st = html_record(in, rec, block, cs);
			else if (type.n == 0 ||
			    (type.n >= 5 &&
			        strncasecmp(type.p, "text/", 5) == 0))
				st = text_record(in, rec, block, cs);
			else {
				in->skip[INPUT_SKIP_NOT_TEXT]++;
				continue;
			}
			if (st != WN_OK)
				return st;
		} else if (name_is(h.type.p, h.type.n, "response")) {
			enum wn_status st =
			    response_record(in, &h, block, rec, e);

			if (st == WN_AGAIN)
				continue;
			if (st != WN_OK) {
				e->line = rec->line;
				return st;
			}
		} else {
			in->skip[skip_reason(h.type)]++;
			continue;
		}
		rec->id = h.id;
		if (h.id.n == 0 && input_name_id(in, rec, rec->line) != WN_OK)
			return WN_ENOMEM;
		rec->url = h.uri;
		rec->date = h.date;
		rec->lang = h.lang;
		return WN_OK;
	}
}
