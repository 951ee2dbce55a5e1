/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * input.c - what every record reader shares: the pending-bytes buffer,
 * format sniffing and the dispatch to input_{text,jsonl,warc,html}.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "http.h"
#include "input_impl.h"
#include "utf8.h"

struct input *
input_new(
    enum input_format fmt, const char *name, const struct input_options *opt)
{
	struct input *in = calloc(1, sizeof(*in));

	if (in == NULL)
		return NULL;
	in->format = fmt;
	in->name = name;
	in->opt = *opt;
	in->line = in->scan_line = 1;
	return in;
}

void
input_free(struct input *in)
{
	if (in == NULL)
		return;
	wn_buf_free(&in->buf);
	wn_buf_free(&in->text);
	wn_buf_free(&in->id);
	wn_buf_free(&in->url);
	wn_buf_free(&in->body);
	wn_buf_free(&in->missing_keys);
	wn_buf_free(&in->first_keys);
	html_doc_free(&in->html);
	http_decoder_free(in->http);
	free(in);
}

enum wn_status
input_space(struct input *in, size_t n, char **p)
{
	/* Drop what was consumed once it is at least half the buffer, so
	 * the memmove costs no more than the bytes that were parsed. */
	if (in->pos > 0 && in->pos >= in->buf.len / 2) {
		memmove(in->buf.data, in->buf.data + in->pos,
		    in->buf.len - in->pos);
		in->buf.len -= in->pos;
		in->scan -= in->pos;
		in->searched =
		    in->searched > in->pos ? in->searched - in->pos : 0;
		in->pos = 0;
	}
	/* at least a byte: *p is never made from a buffer not yet there */
	if (wn_buf_reserve(&in->buf, n > 0 ? n : 1) != WN_OK)
		return WN_ENOMEM;
	*p = in->buf.data + in->buf.len;
	return WN_OK;
}

void
input_commit(struct input *in, size_t got)
{
	in->buf.len += got;
}

enum wn_status
input_push(struct input *in, const char *p, size_t n)
{
	char *q;

	if (n == 0)
		return WN_OK;
	if (input_space(in, n, &q) != WN_OK)
		return WN_ENOMEM;
	memcpy(q, p, n);
	input_commit(in, n);
	return WN_OK;
}

void
input_finish(struct input *in)
{
	in->finished = 1;
}

enum wn_status
input_next(struct input *in, struct record *rec, struct wn_error *e)
{
	enum wn_status st;

	memset(rec, 0, sizeof(*rec));
	rec->format = in->format;
	if (in->stopped)
		return WN_END;
	switch (in->format) {
	case INPUT_TEXT:
		st = input_text_next(in, rec, e);
		break;
	case INPUT_JSONL:
		st = input_jsonl_next(in, rec, e);
		break;
	case INPUT_WARC:
		st = input_warc_next(in, rec, e);
		break;
	case INPUT_HTML:
		st = input_html_next(in, rec, e);
		break;
	default:
		return wn_fail(e, WN_EUSAGE, "no input format chosen");
	}
	if (st == WN_OK)
		rec->number = ++in->number;
	if (st == WN_OK && in->opt.invalid_utf8 &&
	    (rec->bad_escapes > 0 ||
	        utf8_valid_prefix(rec->text.p, rec->text.n) != rec->text.n)) {
		e->line = rec->line;
		wn_fail(e, WN_EDATA, "record %llu: %s%s",
		    (unsigned long long)rec->number,
		    rec->bad_escapes ? "a lone surrogate escape in the text" :
		                       "invalid UTF-8 in the text",
		    in->opt.invalid_utf8 == 1 ?
		        ": skipped (--invalid-utf8=skip)" :
		        " (--invalid-utf8=fail)");
		st = WN_EDATA;
		if (in->opt.invalid_utf8 == 2)
			in->stopped = 1;
	} else if (st == WN_EDATA && in->opt.on_error_fail) {
		in->stopped = 1;
	}
	if (e != NULL && st != WN_OK)
		e->name = in->name;
	return st;
}

int
input_stopped(const struct input *in)
{
	return in->stopped;
}

size_t
input_pending(const struct input *in)
{
	return in->skipping ? 0 : in->buf.len - in->pos;
}

uint64_t
input_skipped(const struct input *in, enum input_skip r)
{
	return r < INPUT_SKIP_N ? in->skip[r] : 0;
}

uint64_t
input_records_other(const struct input *in)
{
	uint64_t n = 0;
	int i;

	for (i = 0; i < INPUT_SKIP_N; i++)
		n += in->skip[i];
	return n;
}

uint64_t
input_error_records(const struct input *in)
{
	return in->error_records > 0 ? in->error_records : 1;
}

uint64_t
input_no_field(const struct input *in)
{
	return in->missing_records;
}

uint64_t
input_resyncs(const struct input *in)
{
	return in->resync;
}

uint64_t
input_count_lines(const char *p, size_t n)
{
	uint64_t lines = 0;
	size_t i = 0;

#ifdef __SSE2__
	/* 16 bytes a step: a WARC record's page has a newline every 50 to
	 * 100 bytes, where a memchr() per line cost 5% of reading it */
	const __m128i nl = _mm_set1_epi8('\n');

	for (; i + 16 <= n; i += 16) {
		__m128i v =
		    _mm_loadu_si128((const __m128i *)(const void *)(p + i));

		lines += (uint64_t)__builtin_popcount(
		    (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)));
	}
#endif
	for (; i < n; i++)
		lines += p[i] == '\n';
	return lines;
}

enum wn_status
input_name_id(struct input *in, struct record *rec, uint64_t n)
{
	in->id.len = 0;
	if (wn_buf_append(&in->id, in->name, strlen(in->name)) != WN_OK ||
	    wn_buf_putc(&in->id, ':') != WN_OK ||
	    wn_buf_put_u64(&in->id, n) != WN_OK)
		return WN_ENOMEM;
	rec->id.p = in->id.data;
	rec->id.n = in->id.len;
	return WN_OK;
}

/* Do at least half of the non-blank lines of p (two or more; the last
 * may be cut off) start with '{'?  Then it is JSON Lines whose first
 * record is junk (an array, a line of garbage, a record cut in two by a
 * crawler): read as text, its good records would be lost as one
 * paragraph each of JSON.  A text file has no such lines. */
static int
braced_lines(const char *p, size_t n)
{
	size_t i = 0, lines = 0, braced = 0;

	while (i < n) {
		const char *nl;

		while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r'))
			i++;
		if (i < n && p[i] != '\n') {
			lines++;
			braced += p[i] == '{';
		}
		nl = memchr(p + i, '\n', n - i);
		i = nl != NULL ? (size_t)(nl - p) + 1 : n;
	}
	return lines >= 2 && braced * 2 >= lines;
}

enum input_format
input_sniff(const char *p, size_t n)
{
	size_t i = 0;

	if (n >= 7 && memcmp(p, "WARC/1.", 7) == 0)
		return INPUT_WARC;
	if (n >= 5 && memcmp(p, "HTTP/", 5) == 0) {
		/* a response saved with its head (curl -i): HTML when it says
		 * so or its body looks it */
		struct http_response r;
		size_t body = http_skip_heads(p, n, &r);
		static const char html[] = "text/html",
		                  xhtml[] = "application/xhtml+xml";

		if (body == 0 && http_parse(p, n, &r) == 0)
			return INPUT_TEXT;
		if ((r.type.n == sizeof(html) - 1 &&
		        strncasecmp(r.type.p, html, r.type.n) == 0) ||
		    (r.type.n == sizeof(xhtml) - 1 &&
		        strncasecmp(r.type.p, xhtml, r.type.n) == 0) ||
		    (body > 0 && html_sniff(p + body, n - body)))
			return INPUT_HTML;
		return INPUT_TEXT;
	}
	/* a UTF-8 byte order mark does not decide anything */
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n &&
	    (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r'))
		i++;
	if (i < n && p[i] == '{')
		return INPUT_JSONL;
	if (html_sniff(p, n))
		return INPUT_HTML;
	if (braced_lines(p + i, n - i))
		return INPUT_JSONL;
	return INPUT_TEXT;
}

int
input_format_parse(const char *s, enum input_format *fmt)
{
	static const struct {
		const char *name;
		enum input_format fmt;
	} names[] = {
		{ "auto", INPUT_AUTO },
		{ "text", INPUT_TEXT },
		{ "jsonl", INPUT_JSONL },
		{ "warc", INPUT_WARC },
		{ "wet", INPUT_WARC },
		{ "html", INPUT_HTML },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(s, names[i].name) == 0) {
			*fmt = names[i].fmt;
			return 0;
		}
	}
	return -1;
}
