/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * http.c - the head of an HTTP/1.x response (http.h).
 *
 *  1. The status line: "HTTP/", a version, a space, three digits.
 *  2. Header lines up to an empty one, each "Name: value"; a line that
 *     starts with white space continues the one before (obsolete, still
 *     seen).  Names are compared case-insensitively.  Of the headers only
 *     Content-Type (its media type and charset parameter),
 *     Transfer-Encoding, Content-Encoding and Content-Length are read.
 *  3. Lines end in CRLF or LF: crawlers store both.
 *
 * Known weaknesses: a Content-Encoding of several codings ("gzip, br")
 * is taken as OTHER; header values are not unfolded into one.
 */
#include "config.h"

#include <string.h>

#include "http.h"

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int
ieq(const char *p, size_t n, const char *s)
{
	size_t i;

	if (strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower((unsigned char)p[i]) != s[i])
			return 0;
	return 1;
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

void
http_content_type(struct wn_span v, struct wn_span *type, struct wn_span *cs)
{
	const char *semi = v.n ? memchr(v.p, ';', v.n) : NULL;
	size_t i;

	*type = trim(v.p, semi ? (size_t)(semi - v.p) : v.n);
	*cs = (struct wn_span){ NULL, 0 };
	for (i = 0; semi != NULL && i + 8 <= v.n; i++) {
		if (!ieq(v.p + i, 8, "charset="))
			continue;
		{
			const char *c = v.p + i + 8;
			size_t k = 0, m = v.n - i - 8;

			if (m > 0 && (*c == '"' || *c == '\'')) {
				c++;
				m--;
			}
			while (k < m && c[k] != ';' && c[k] != '"' &&
			    c[k] != '\'' && c[k] != ' ' && c[k] != '\t' &&
			    c[k] != '\r')
				k++;
			*cs = (struct wn_span){ c, k };
		}
		break;
	}
}

static enum http_coding
coding(struct wn_span v)
{
	if (v.n == 0 || ieq(v.p, v.n, "identity"))
		return HTTP_IDENTITY;
	if (ieq(v.p, v.n, "gzip") || ieq(v.p, v.n, "x-gzip"))
		return HTTP_GZIP;
	if (ieq(v.p, v.n, "deflate"))
		return HTTP_DEFLATE;
	if (ieq(v.p, v.n, "br"))
		return HTTP_BR;
	if (ieq(v.p, v.n, "zstd"))
		return HTTP_ZSTD;
	return HTTP_OTHER_CODING;
}

int
http_parse(const char *p, size_t n, struct http_response *r)
{
	size_t i = 5, line;

	memset(r, 0, sizeof(*r));
	if (n < 12 || memcmp(p, "HTTP/", 5) != 0)
		return 0;
	while (i < n && (p[i] == '.' || (p[i] >= '0' && p[i] <= '9')))
		i++;
	if (i == 5 || i + 4 > n || p[i] != ' ' || p[i + 1] < '1' ||
	    p[i + 1] > '9' || p[i + 2] < '0' || p[i + 2] > '9' ||
	    p[i + 3] < '0' || p[i + 3] > '9')
		return 0;
	r->status =
	    (p[i + 1] - '0') * 100 + (p[i + 2] - '0') * 10 + (p[i + 3] - '0');
	for (line = i; line < n;) {
		const char *nl = memchr(p + line, '\n', n - line);
		size_t end, colon;

		if (nl == NULL)
			return -1; /* cut short: *r so far */
		end = (size_t)(nl - p);
		if (line > i &&
		    (end == line || (end == line + 1 && p[line] == '\r'))) {
			r->head = end + 1;
			return 1;
		}
		if (line > i) {
			const char *c = memchr(p + line, ':', end - line);
			struct wn_span name, v;

			if (c != NULL) {
				colon = (size_t)(c - p);
				name = trim(p + line, colon - line);
				v = trim(c + 1, end - colon - 1);
				if (ieq(name.p, name.n, "content-type"))
					http_content_type(
					    v, &r->type, &r->charset);
				else if (ieq(name.p, name.n,
				             "transfer-encoding"))
					r->chunked = v.n >= 7 &&
					    ieq(v.p + v.n - 7, 7, "chunked");
				else if (ieq(name.p, name.n,
				             "content-encoding"))
					r->coding = coding(v);
				else if (ieq(name.p, name.n,
				             "content-length")) {
					size_t k, x = 0;

					for (k = 0; k < v.n && v.p[k] >= '0' &&
					     v.p[k] <= '9' &&
					     x < ((size_t)1 << 60);
					     k++)
						x = x * 10 +
						    (size_t)(v.p[k] - '0');
					r->has_length = k == v.n && k > 0;
					r->length = x;
				}
			}
		}
		line = end + 1;
	}
	return -1;
}

size_t
http_skip_heads(const char *p, size_t n, struct http_response *last)
{
	struct http_response r;
	size_t at = 0;

	while (http_parse(p + at, n - at, &r) == 1) {
		at += r.head;
		if (last != NULL)
			*last = r;
		/* a redirect or 100 Continue is followed by the next head,
		 * maybe after a body of its own that curl prints */
		if (at < n && (n - at < 5 || memcmp(p + at, "HTTP/", 5) != 0))
			break;
	}
	return at;
}

int
http_is_html(struct wn_span t)
{
	return ieq(t.p, t.n, "text/html") ||
	    ieq(t.p, t.n, "application/xhtml+xml");
}

int
http_is_plain(struct wn_span t)
{
	return ieq(t.p, t.n, "text/plain");
}

int
http_textual(struct wn_span t)
{
	if (t.n == 0)
		return 1; /* undeclared: look at it */
	if (t.n >= 5 && ieq(t.p, 5, "text/"))
		return 1;
	return ieq(t.p, t.n, "application/xhtml+xml") ||
	    ieq(t.p, t.n, "application/xml") ||
	    ieq(t.p, t.n, "application/json") ||
	    ieq(t.p, t.n, "application/ld+json");
}
