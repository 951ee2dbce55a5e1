/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * http_body.c - the body of an HTTP/1.x response as a WARC response
 * record holds it, made the bytes of the page (http.h).
 *
 *  1. Transfer-Encoding: chunked is undone: "SIZE[;ext]" lines in hex,
 *     each followed by that many bytes and a line end, up to a chunk of
 *     size 0 (its trailers are ignored).  A body whose first line is not
 *     a chunk size was dechunked by the crawler that kept the header: it
 *     is taken as it is.  A body that ends inside a chunk was cut by the
 *     crawler (WARC-Truncated): what came is kept.
 *  2. Content-Encoding gzip (and x-gzip), deflate (zlib-wrapped, or raw
 *     as some servers send it), br (libbrotlidec) and zstd are decoded.
 *     A body that does not start as its coding says but starts with
 *     '<' after white space was decoded by the crawler that kept the
 *     header: it is taken as it is.  Data that ends early is kept as
 *     far as it decoded (a cut body); data that is corrupt is refused.
 *     A whole gzip member or zlib stream is decoded by libdeflate at
 *     once, anything else (cut, several members, raw deflate) by zlib.
 *  3. The decoded size is bounded: past max bytes the record is refused
 *     (a gzip bomb costs max bytes of memory, not its expansion).
 *
 * Known weaknesses: a Content-Encoding that lists several codings
 * ("gzip, br") is not undone (http.c reads it as another coding); a
 * chunked body that is also content-encoded is dechunked into a copy
 * before it is decoded.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <brotli/decode.h>
#include <libdeflate.h>
#include <zlib.h>
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include "http.h"

/* Decoded output grows by this much at a time, past what the input
 * suggests: a step of inflate() per 64 KiB is 1% of its time. */
#define GROW ((size_t)64 << 10)

/* What the decoders below return besides a wn_status: the data is not
 * of its coding (no message written yet: http_body() decides). */
#define CORRUPT (-1)

struct http_decoder {
	struct wn_buf chunks;  /* the body dechunked */
	struct wn_buf decoded; /* the body decoded */
	z_stream z;
	int z_ready;
	ZSTD_DCtx *zstd;
	struct libdeflate_decompressor *deflate;
};

struct http_decoder *
http_decoder_new(void)
{
	return calloc(1, sizeof(struct http_decoder));
}

void
http_decoder_free(struct http_decoder *d)
{
	if (d == NULL)
		return;
	wn_buf_free(&d->chunks);
	wn_buf_free(&d->decoded);
	if (d->z_ready)
		inflateEnd(&d->z);
	ZSTD_freeDCtx(d->zstd);
	libdeflate_free_decompressor(d->deflate);
	free(d);
}

static int
hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Step 1.  Returns WN_OK with *out the body (p itself when it is not
 * chunked after all), WN_EDATA or WN_ENOMEM. */
static enum wn_status
dechunk(struct http_decoder *d, const char *p, size_t n, size_t max,
    struct wn_span *out, struct wn_error *e)
{
	size_t i = 0;
	int first = 1;

	d->chunks.len = 0;
	while (i < n) {
		size_t size = 0, digits = 0;

		while (i < n && hex((unsigned char)p[i]) >= 0) {
			if (size > (SIZE_MAX >> 5))
				return wn_fail(e, WN_EDATA,
				    "chunked body: a chunk size too large");
			size = size * 16 + (size_t)hex((unsigned char)p[i]);
			digits++;
			i++;
		}
		/* the size line: white space or ";ext" up to its line end */
		if (digits > 0 && i < n && p[i] != '\r' && p[i] != '\n' &&
		    p[i] != ';' && p[i] != ' ' && p[i] != '\t')
			digits = 0;
		if (digits == 0) {
			if (first) {
				*out = (struct wn_span){ p, n };
				return WN_OK;
			}
			return wn_fail(e, WN_EDATA,
			    "chunked body: no chunk size at byte %zu", i + 1);
		}
		first = 0;
		{
			const char *nl = memchr(p + i, '\n', n - i);

			if (nl == NULL)
				break; /* cut inside a size line */
			i = (size_t)(nl - p) + 1;
		}
		if (size == 0)
			break; /* the last chunk; trailers follow */
		if (size > n - i)
			size = n - i; /* cut inside a chunk */
		if (d->chunks.len + size > max)
			return wn_fail(e, WN_EDATA,
			    "decoded body longer than --max-record=%zu bytes",
			    max);
		if (wn_buf_append(&d->chunks, p + i, size) != WN_OK)
			return WN_ENOMEM;
		i += size;
		if (i < n && p[i] == '\r')
			i++;
		if (i < n && p[i] == '\n')
			i++;
		else if (i < n)
			return wn_fail(e, WN_EDATA,
			    "chunked body: no line end after a chunk at byte "
			    "%zu",
			    i + 1);
	}
	*out = (struct wn_span){ d->chunks.data ? d->chunks.data : "",
		d->chunks.len };
	return WN_OK;
}

/* Room for at least GROW more decoded bytes, never past max + 1 (one
 * byte over says the body is too long). */
static enum wn_status
room(struct wn_buf *b, size_t max, size_t *avail)
{
	size_t want = GROW;

	if (b->len > max)
		return WN_EDATA;
	if (want > max + 1 - b->len)
		want = max + 1 - b->len;
	if (wn_buf_reserve(b, want) != WN_OK)
		return WN_ENOMEM;
	*avail = b->cap - b->len;
	if (*avail > max + 1 - b->len)
		*avail = max + 1 - b->len;
	return WN_OK;
}

/* Does p[0..n) start with '<' after white space (markup a crawler left
 * decoded under its Content-Encoding header)? */
static int
starts_markup(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n &&
	    (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	return i < n && p[i] == '<';
}

static enum wn_status
too_long(struct wn_error *e, size_t max)
{
	return wn_fail(e, WN_EDATA,
	    "decoded body longer than --max-record=%zu bytes", max);
}

/* A whole gzip member, or zlib stream, decoded at once by libdeflate
 * (twice zlib's speed), into d->decoded: a gzip member's size is in its
 * last 4 bytes, a zlib stream's is guessed (8 times its size: HTML
 * compresses 4 to 6 times).  Returns 1 when it was; 0 when it was not
 * (cut short, several members, larger than the guess, corrupt): zlib
 * then reads it as it reads any, and says what is wrong. */
static int
whole_body(
    struct http_decoder *d, const char *p, size_t n, size_t max, int gzip)
{
	struct wn_buf *o = &d->decoded;
	size_t out, in_used = 0, got = 0;
	enum libdeflate_result r;

	if (gzip) {
		const unsigned char *t = (const unsigned char *)p + n - 4;

		if (n < 18)
			return 0;
		out = (size_t)t[0] | (size_t)t[1] << 8 | (size_t)t[2] << 16 |
		    (size_t)t[3] << 24;
	} else {
		out = n < max / 8 ? 8 * n + 4096 : max;
	}
	if (out > max)
		return 0;
	if (d->deflate == NULL &&
	    (d->deflate = libdeflate_alloc_decompressor()) == NULL)
		return 0;
	o->len = 0;
	for (;;) {
		if (wn_buf_reserve(o, out + 1) != WN_OK)
			return 0;
		r = gzip ? libdeflate_gzip_decompress_ex(
		               d->deflate, p, n, o->data, out, &in_used, &got) :
		           libdeflate_zlib_decompress_ex(
		               d->deflate, p, n, o->data, out, &in_used, &got);
		/* the guess was short: twice as much, up to max */
		if (r != LIBDEFLATE_INSUFFICIENT_SPACE || gzip || out >= max)
			break;
		out = out > max / 2 ? max : 2 * out;
	}
	if (r != LIBDEFLATE_SUCCESS || in_used != n)
		return 0;
	o->len = got;
	return 1;
}

/* gzip or deflate: zlib, with its header detected (gzip or zlib), or
 * raw deflate when wbits says so. */
static int
inflate_body(struct http_decoder *d, const char *p, size_t n, size_t max,
    int wbits, struct wn_error *e)
{
	struct wn_buf *o = &d->decoded;
	enum wn_status st;
	int r;

	if (!d->z_ready) {
		memset(&d->z, 0, sizeof(d->z));
		if (inflateInit2(&d->z, wbits) != Z_OK)
			return WN_ENOMEM;
		d->z_ready = 1;
	} else if (inflateReset2(&d->z, wbits) != Z_OK) {
		return WN_ENOMEM;
	}
	d->z.next_in = (Bytef *)(uintptr_t)p;
	d->z.avail_in = 0;
	for (;;) {
		size_t avail;

		if (d->z.avail_in == 0) {
			/* zlib counts in 32 bits: feed at most 1 GiB a step */
			size_t left =
			    n - (size_t)((const char *)d->z.next_in - p);

			if (left == 0)
				return WN_OK; /* ended early: a cut body */
			d->z.avail_in =
			    (uInt)(left > ((size_t)1 << 30) ? (size_t)1 << 30 :
			                                      left);
		}
		if ((st = room(o, max, &avail)) != WN_OK)
			return st == WN_EDATA ? too_long(e, max) : st;
		if (avail > ((size_t)1 << 30))
			avail = (size_t)1 << 30;
		d->z.next_out = (Bytef *)(o->data + o->len);
		d->z.avail_out = (uInt)avail;
		r = inflate(&d->z, Z_NO_FLUSH);
		o->len += avail - d->z.avail_out;
		if (o->len > max)
			return too_long(e, max);
		if (r == Z_STREAM_END) {
			size_t used = (size_t)((const char *)d->z.next_in - p);

			/* another gzip member may follow */
			if (n - used >= 2 && (unsigned char)p[used] == 0x1f &&
			    (unsigned char)p[used + 1] == 0x8b) {
				if (inflateReset(&d->z) != Z_OK)
					return WN_ENOMEM;
				continue;
			}
			return WN_OK;
		}
		if (r == Z_MEM_ERROR)
			return WN_ENOMEM;
		if (r != Z_OK && r != Z_BUF_ERROR)
			return CORRUPT;
	}
}

static int
brotli_body(struct http_decoder *d, const char *p, size_t n, size_t max,
    struct wn_error *e)
{
	struct wn_buf *o = &d->decoded;
	BrotliDecoderState *s = BrotliDecoderCreateInstance(NULL, NULL, NULL);
	const uint8_t *in = (const uint8_t *)p;
	size_t in_left = n;
	int st = WN_OK;

	if (s == NULL)
		return WN_ENOMEM;
	for (;;) {
		size_t avail;
		uint8_t *out;
		BrotliDecoderResult r;

		if ((st = room(o, max, &avail)) != WN_OK) {
			if (st == WN_EDATA)
				st = too_long(e, max);
			break;
		}
		out = (uint8_t *)(o->data + o->len);
		{
			size_t before = avail;

			r = BrotliDecoderDecompressStream(
			    s, &in_left, &in, &avail, &out, NULL);
			o->len += before - avail;
		}
		if (o->len > max) {
			st = too_long(e, max);
			break;
		}
		if (r == BROTLI_DECODER_RESULT_SUCCESS ||
		    r == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT)
			break; /* done, or a cut body */
		if (r == BROTLI_DECODER_RESULT_ERROR) {
			st = CORRUPT;
			break;
		}
	}
	BrotliDecoderDestroyInstance(s);
	return st;
}

static int
zstd_body(struct http_decoder *d, const char *p, size_t n, size_t max,
    unsigned window_log, struct wn_error *e)
{
	struct wn_buf *o = &d->decoded;
	ZSTD_inBuffer in = { p, n, 0 };
	enum wn_status st;

	if (d->zstd == NULL && (d->zstd = ZSTD_createDCtx()) == NULL)
		return WN_ENOMEM;
	ZSTD_DCtx_reset(d->zstd, ZSTD_reset_session_only);
	if (ZSTD_isError(ZSTD_DCtx_setParameter(d->zstd, ZSTD_d_windowLogMax,
	        window_log ? (int)window_log : 27)))
		return WN_ENOMEM;
	while (in.pos < in.size) {
		size_t avail, r;
		ZSTD_outBuffer out;

		if ((st = room(o, max, &avail)) != WN_OK)
			return st == WN_EDATA ? too_long(e, max) : st;
		out.dst = o->data + o->len;
		out.size = avail;
		out.pos = 0;
		r = ZSTD_decompressStream(d->zstd, &out, &in);
		o->len += out.pos;
		if (o->len > max)
			return too_long(e, max);
		if (ZSTD_isError(r))
			return CORRUPT;
		if (r == 0 && in.pos < in.size &&
		    ZSTD_isFrame(
		        (const char *)in.src + in.pos, in.size - in.pos) == 0)
			break; /* bytes after the last frame: ignored */
	}
	return WN_OK;
}

enum wn_status
http_body(struct http_decoder *d, const struct http_response *r, const char *p,
    size_t n, size_t max, unsigned zstd_window_log, struct wn_span *body,
    struct wn_error *e)
{
	static const char *const name[] = { "identity", "gzip", "deflate", "br",
		"zstd", "unknown" };
	struct wn_span b = { p, n };
	enum wn_status ds;
	int st = WN_OK;

	if (r->chunked && (ds = dechunk(d, p, n, max, &b, e)) != WN_OK)
		return ds;
	if (r->coding == HTTP_IDENTITY) {
		if (b.n > max)
			return too_long(e, max);
		*body = b;
		return WN_OK;
	}
	d->decoded.len = 0;
	switch (r->coding) {
	case HTTP_GZIP:
		if (whole_body(d, b.p, b.n, max, 1))
			break;
		d->decoded.len = 0;
		st = inflate_body(d, b.p, b.n, max, 15 + 32, e);
		break;
	case HTTP_DEFLATE:
		/* zlib-wrapped as the standard says, or raw as some servers
		 * send it */
		if (whole_body(d, b.p, b.n, max, 0))
			break;
		d->decoded.len = 0;
		st = inflate_body(d, b.p, b.n, max, 15, e);
		if (st == CORRUPT && d->decoded.len == 0)
			st = inflate_body(d, b.p, b.n, max, -15, e);
		break;
	case HTTP_BR:
		st = brotli_body(d, b.p, b.n, max, e);
		break;
	case HTTP_ZSTD:
		st = zstd_body(d, b.p, b.n, max, zstd_window_log, e);
		break;
	default:
		return wn_fail(e, WN_EDATA, "unknown Content-Encoding");
	}
	if (st == CORRUPT) {
		/* corrupt: unless nothing decoded and the body is markup the
		 * crawler already decoded */
		if (d->decoded.len == 0 && starts_markup(b.p, b.n) &&
		    b.n <= max) {
			*body = b;
			return WN_OK;
		}
		return wn_fail(e, WN_EDATA, "corrupt %s Content-Encoding",
		    name[r->coding]);
	}
	if (st != WN_OK)
		return (enum wn_status)st;
	*body = (struct wn_span){ d->decoded.data ? d->decoded.data : "",
		d->decoded.len };
	return WN_OK;
}
