/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * input_warc.c - the WARC/WET reader.
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
 *     counted as resynchronised.
 *  4. conversion and resource records with a text/... or missing content
 *     type are documents; a response record is a document when its HTTP
 *     Content-Type is text/plain (its HTTP header is stripped).  Other
 *     records are counted and skipped.
 *
 * Known weakness: a block that itself holds a line starting "WARC/1."
 * is cut there when its Content-Length is wrong.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input_impl.h"

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

static int
is_text_type(struct wn_span t)
{
	return t.n == 0 || (t.n >= 5 && strncasecmp(t.p, "text/", 5) == 0);
}

/* For a response record: strip the HTTP header, return 0 unless the
 * body is text/plain. */
static int
http_text_body(struct wn_span *block)
{
	const char *p = block->p, *end = p + block->n, *hend;
	struct wn_span ctype = { NULL, 0 };

	if (block->n < 5 || memcmp(p, "HTTP/", 5) != 0)
		return 0;
	for (hend = p; hend < end;) {
		const char *nl = memchr(hend, '\n', (size_t)(end - hend));
		size_t n;

		if (nl == NULL)
			return 0;
		n = (size_t)(nl - hend);
		if (n == 0 || (n == 1 && hend[0] == '\r')) {
			hend = nl + 1;
			break;
		}
		if (n > 13 && strncasecmp(hend, "Content-Type:", 13) == 0)
			ctype = trim(hend + 13, n - 13);
		hend = nl + 1;
	}
	if (ctype.n < 10 || strncasecmp(ctype.p, "text/plain", 10) != 0)
		return 0;
	block->p = hend;
	block->n = (size_t)(end - hend);
	return 1;
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
			if (!is_text_type(h.ctype)) {
				in->other++;
				continue;
			}
		} else if (name_is(h.type.p, h.type.n, "response")) {
			if (!http_text_body(&block)) {
				in->other++;
				continue;
			}
		} else {
			in->other++;
			continue;
		}
		rec->text = block;
		rec->id = h.id;
		rec->url = h.uri;
		rec->date = h.date;
		rec->lang = h.lang;
		return WN_OK;
	}
}
