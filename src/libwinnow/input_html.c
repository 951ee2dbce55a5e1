/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * input_html.c - the HTML reader: each input is one page.
 *
 * The page is buffered until the input ends (a page must be whole to be
 * judged), then turned into text blocks by html_extract().  A page saved
 * with its HTTP response head (curl -i) is read from its body, in the
 * head's charset.  A page longer
 * than max_record is reported once and discarded while streaming through
 * it.
 */
#include "config.h"

#include <string.h>

#include "http.h"
#include "input_impl.h"

enum wn_status
input_html_next(struct input *in, struct record *rec, struct wn_error *e)
{
	size_t len = in->buf.len - in->pos;

	if (in->skipping || len > in->opt.max_record) {
		int first = !in->skipping;

		in->pos = in->scan = in->buf.len;
		in->skipping = 1;
		if (first) {
			e->line = in->line;
			return wn_fail(e, WN_EDATA,
			    "page longer than --max-record=%zu bytes: skipped",
			    in->opt.max_record);
		}
		return in->finished ? WN_END : WN_AGAIN;
	}
	if (!in->finished)
		return WN_AGAIN;
	if (in->number > 0)
		return WN_END; /* one page per input */
	{
		/* a response saved with its head (curl -i): the page is its
		 * body, and its charset is the head's */
		const char *page = len ? in->buf.data + in->pos : "";
		struct http_response r;
		size_t body = http_skip_heads(page, len, &r);
		char cs[64];

		cs[0] = '\0';
		if (body > 0 && r.charset.n > 0 && r.charset.n < sizeof(cs)) {
			memcpy(cs, r.charset.p, r.charset.n);
			cs[r.charset.n] = '\0';
		}
		/* (an empty input has no buffer: no offset on a null
		 * pointer) */
		if (html_extract(page + body, len - body, cs[0] ? cs : NULL,
		        &in->html) != WN_OK)
			return WN_ENOMEM;
	}
	in->pos = in->scan = in->buf.len;
	in->id.len = 0;
	if (wn_buf_append(&in->id, in->name, strlen(in->name)) != WN_OK ||
	    wn_buf_putc(&in->id, ':') != WN_OK ||
	    wn_buf_put_u64(&in->id, in->number + 1) != WN_OK)
		return WN_ENOMEM;
	html_to_record(&in->html, rec);
	rec->id.p = in->id.data;
	rec->id.n = in->id.len;
	rec->line = 1;
	rec->url.p = in->html.canonical.data;
	rec->url.n = in->html.canonical.len;
	return WN_OK;
}
