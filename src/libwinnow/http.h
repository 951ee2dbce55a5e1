/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * http.h - an HTTP/1.x response: its head (http.c), what a WARC response
 * record and `curl -i` output put before a page, and its body made the
 * page's bytes (http_body.c).
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

/* The body of a response, made the page's bytes (http_body.c): the
 * decoders' states and buffers, kept from one record to the next.
 * Returns a decoder, or NULL when out of memory; free it with
 * http_decoder_free(), which accepts NULL. */
struct http_decoder;
struct http_decoder *http_decoder_new(void);
void http_decoder_free(struct http_decoder *d);

/* Undo the transfer coding (chunked) and the content coding (gzip,
 * deflate, br, zstd) that r, the response's head, names for its body
 * p[0..n).  *body gets the decoded body: p itself when there was nothing
 * to undo, else bytes owned by d, valid until its next call.  A body cut
 * short (a crawler's size limit) is kept as far as it decoded.  Returns
 * WN_OK; WN_EDATA (e says why: bad chunk framing, corrupt data, an
 * unknown coding, or a decoded body longer than max bytes); WN_ENOMEM.
 * zstd_window_log bounds a zstd body's window (0: 27). */
enum wn_status http_body(struct http_decoder *d, const struct http_response *r,
    const char *p, size_t n, size_t max, unsigned zstd_window_log,
    struct wn_span *body, struct wn_error *e);

/* The media type of a Content-Type value v (without its parameters) in
 * *type, its charset parameter (without quotes) in *charset, or empty;
 * both point into v. */
void http_content_type(
    struct wn_span v, struct wn_span *type, struct wn_span *charset);

/* Is the media type t an HTML page's (text/html, application/xhtml+xml),
 * plain text's (text/plain)?  ASCII case-insensitive. */
int http_is_html(struct wn_span t);
int http_is_plain(struct wn_span t);

/* Is the media type s[0..n) one whose body is text a page's reader can
 * take (any text type, HTML, XHTML, XML, JSON)? */
int http_textual(struct wn_span type);

#endif
