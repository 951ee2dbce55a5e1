/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * http.h - the head of an HTTP/1.x response: what a WARC response record
 * and `curl -i` output put before a page.
 */
#ifndef WN_HTTP_H
#define WN_HTTP_H

#include <stddef.h>

#include "wn.h"

enum http_coding {
	HTTP_IDENTITY,
	HTTP_GZIP,
	HTTP_DEFLATE,
	HTTP_BR,
	HTTP_ZSTD,
	HTTP_OTHER_CODING
};

struct http_response {
	int status;              /* 200 */
	struct wn_span type;     /* media type, without parameters */
	struct wn_span charset;  /* Content-Type's charset, or empty */
	int chunked;             /* Transfer-Encoding: chunked */
	enum http_coding coding; /* Content-Encoding */
	int has_length;
	size_t length; /* Content-Length */
	size_t head;   /* bytes of the status line, the headers
					   and the blank line */
};

/* Parse the response head at the start of p[0..n): "HTTP/x.y NNN ..."
 * lines, headers, and a blank line (CRLF or LF).  Returns 1 and fills *r
 * when a whole head is there, -1 when it is cut short (*r holds what was
 * read), 0 when p does not start with a status line; the spans in *r
 * point into p. */
int http_parse(const char *p, size_t n, struct http_response *r);

/* Where the body starts after every response head at the start of
 * p[0..n) (`curl -i -L` prints one per redirect, and a 100 Continue
 * before the last): 0 when p does not start with one.  *last, when not
 * NULL, gets the last head. */
size_t http_skip_heads(const char *p, size_t n, struct http_response *last);

/* Is the media type s[0..n) one whose body is text a page's reader can
 * take (any text type, HTML, XHTML, XML, JSON)? */
int http_textual(struct wn_span type);

#endif
