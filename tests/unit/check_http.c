/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_http.c - response bodies (http_body.c): chunked transfer, the
 * content codings, cut and corrupt data, and the size bound. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <brotli/encode.h>
#include <zlib.h>
#include <zstd.h>

#include "http.h"
#include "suites.h"

static const char page[] =
    "<html><head><title>A page</title></head><body><p>Some text of a page "
    "that is long enough to be worth compressing, with words repeated, "
    "words repeated, words repeated.</p></body></html>";

/* Decode body[0..n) as head says; returns the status, the body in out. */
static enum wn_status
decode(const char *head, const char *body, size_t n, size_t max,
    struct wn_buf *out, struct wn_error *e)
{
	struct http_decoder *d = http_decoder_new();
	struct http_response r;
	struct wn_buf all = { NULL, 0, 0 };
	struct wn_span b;
	enum wn_status st;

	ck_assert_ptr_nonnull(d);
	wn_buf_append(&all, head, strlen(head));
	wn_buf_append(&all, body, n);
	ck_assert_int_eq(http_parse(all.data, all.len, &r), 1);
	memset(e, 0, sizeof(*e));
	out->len = 0;
	st = http_body(
	    d, &r, all.data + r.head, all.len - r.head, max, 0, &b, e);
	if (st == WN_OK)
		wn_buf_append(out, b.p, b.n);
	http_decoder_free(d);
	wn_buf_free(&all);
	return st;
}

/* zlib's deflate of p[0..n) with window bits wbits (31: gzip, 15: zlib,
 * -15: raw) into out. */
static void
zlib_encode(const char *p, size_t n, int wbits, struct wn_buf *out)
{
	z_stream z;

	memset(&z, 0, sizeof(z));
	ck_assert_int_eq(
	    deflateInit2(&z, 6, Z_DEFLATED, wbits, 8, Z_DEFAULT_STRATEGY),
	    Z_OK);
	out->len = 0;
	wn_buf_reserve(out, deflateBound(&z, n) + 32);
	z.next_in = (Bytef *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)out->data;
	z.avail_out = (uInt)out->cap;
	ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
	out->len = out->cap - z.avail_out;
	deflateEnd(&z);
}

START_TEST(test_identity_and_chunked)
{
	struct wn_buf out = { NULL, 0, 0 };
	struct wn_error e;
	static const char ch[] = "5\r\nhello\r\n6;name=v\r\n world\r\n"
	                         "0\r\nTrailer: x\r\n\r\n";
	static const char lf[] = "5\nhello\n1\n!\n0\n\n";

	ck_assert_int_eq(
	    decode("HTTP/1.1 200 OK\r\n\r\n", "as it is", 8, 100, &out, &e),
	    WN_OK);
	ck_assert_int_eq(out.len, 8);
	ck_assert_int_eq(decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: "
	                        "chunked\r\n\r\n",
	                     ch, sizeof(ch) - 1, 100, &out, &e),
	    WN_OK);
	ck_assert_int_eq(out.len, 11);
	ck_assert(memcmp(out.data, "hello world", 11) == 0);
	ck_assert_int_eq(decode("HTTP/1.1 200 OK\nTransfer-Encoding: "
	                        "chunked\n\n",
	                     lf, sizeof(lf) - 1, 100, &out, &e),
	    WN_OK);
	ck_assert(out.len == 6 && memcmp(out.data, "hello!", 6) == 0);
	/* a crawler dechunked it and kept the header */
	ck_assert_int_eq(decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: "
	                        "chunked\r\n\r\n",
	                     "<html>x", 7, 100, &out, &e),
	    WN_OK);
	ck_assert(out.len == 7 && memcmp(out.data, "<html>x", 7) == 0);
	/* cut inside a chunk: what came is kept */
	ck_assert_int_eq(decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: "
	                        "chunked\r\n\r\n",
	                     "a\r\nhello", 8, 100, &out, &e),
	    WN_OK);
	ck_assert(out.len == 5 && memcmp(out.data, "hello", 5) == 0);
	/* broken framing after a good start */
	ck_assert_int_eq(decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: "
	                        "chunked\r\n\r\n",
	                     "5\r\nhelloXX", 10, 100, &out, &e),
	    WN_EDATA);
	ck_assert_ptr_nonnull(strstr(e.msg, "no line end after a chunk"));
	ck_assert_int_eq(decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: "
	                        "chunked\r\n\r\n",
	                     "5\r\nhello\r\nzz\r\n", 14, 100, &out, &e),
	    WN_EDATA);
	ck_assert_ptr_nonnull(strstr(e.msg, "no chunk size"));
	/* over the bound */
	ck_assert_int_eq(
	    decode("HTTP/1.1 200 OK\r\n\r\n", "123456789", 9, 8, &out, &e),
	    WN_EDATA);
	ck_assert_ptr_nonnull(strstr(e.msg, "longer than --max-record=8"));
	wn_buf_free(&out);
}
END_TEST

START_TEST(test_gzip_deflate)
{
	struct wn_buf enc = { NULL, 0, 0 }, out = { NULL, 0, 0 },
	              ch = { NULL, 0, 0 };
	struct wn_error e;
	size_t n = sizeof(page) - 1;
	char size[32];

	zlib_encode(page, n, 31, &enc);
	ck_assert_int_eq(decode("HTTP/1.1 200 OK\r\nContent-Encoding: "
	                        "gzip\r\n\r\n",
	                     enc.data, enc.len, 1 << 20, &out, &e),
	    WN_OK);
	ck_assert(out.len == n && memcmp(out.data, page, n) == 0);
	/* and chunked in two */
	snprintf(size, sizeof(size), "%zx\r\n", enc.len / 2);
	wn_buf_append(&ch, size, strlen(size));
	wn_buf_append(&ch, enc.data, enc.len / 2);
	snprintf(size, sizeof(size), "\r\n%zx\r\n", enc.len - enc.len / 2);
	wn_buf_append(&ch, size, strlen(size));
	wn_buf_append(&ch, enc.data + enc.len / 2, enc.len - enc.len / 2);
	wn_buf_append(&ch, "\r\n0\r\n\r\n", 7);
	ck_assert_int_eq(decode("HTTP/1.1 200 OK\r\nContent-Encoding: "
	                        "x-gzip\r\nTransfer-Encoding: chunked\r\n\r\n",
	                     ch.data, ch.len, 1 << 20, &out, &e),
	    WN_OK);
	ck_assert(out.len == n && memcmp(out.data, page, n) == 0);
	/* cut short: a prefix of the page */
	ck_assert_int_eq(decode("HTTP/1.1 200 OK\r\nContent-Encoding: "
	                        "gzip\r\n\r\n",
	                     enc.data, enc.len - 12, 1 << 20, &out, &e),
	    WN_OK);
	ck_assert(out.len > 0 && out.len <= n);
	ck_assert(memcmp(out.data, page, out.len) == 0);
	/* corrupt after its header */
	memset(enc.data + 12, 0xff, 8);
	ck_assert_int_eq(decode("HTTP/1.1 200 OK\r\nContent-Encoding: "
	                        "gzip\r\n\r\n",
	                     enc.data, enc.len, 1 << 20, &out, &e),
	    WN_EDATA);
	ck_assert_str_eq(e.msg, "corrupt gzip Content-Encoding");
	/* the header, and a page already decoded */
	ck_assert_int_eq(decode("HTTP/1.1 200 OK\r\nContent-Encoding: "
	                        "gzip\r\n\r\n",
	                     page, n, 1 << 20, &out, &e),
	    WN_OK);
	ck_assert(out.len == n && memcmp(out.data, page, n) == 0);
	/* binary that is not gzip is no page */
	ck_assert_int_eq(decode("HTTP/1.1 200 OK\r\nContent-Encoding: "
	                        "gzip\r\n\r\n",
	                     "\x01\x02\x03\x04garbage", 11, 1 << 20, &out, &e),
	    WN_EDATA);
	/* deflate: zlib-wrapped, and raw */
	zlib_encode(page, n, 15, &enc);
	ck_assert_int_eq(decode("HTTP/1.1 200 OK\r\nContent-Encoding: "
	                        "deflate\r\n\r\n",
	                     enc.data, enc.len, 1 << 20, &out, &e),
	    WN_OK);
	ck_assert(out.len == n && memcmp(out.data, page, n) == 0);
	zlib_encode(page, n, -15, &enc);
	ck_assert_int_eq(decode("HTTP/1.1 200 OK\r\nContent-Encoding: "
	                        "deflate\r\n\r\n",
	                     enc.data, enc.len, 1 << 20, &out, &e),
	    WN_OK);
	ck_assert(out.len == n && memcmp(out.data, page, n) == 0);
	wn_buf_free(&enc);
	wn_buf_free(&out);
	wn_buf_free(&ch);
}
END_TEST

START_TEST(test_br_zstd)
{
	struct wn_buf out = { NULL, 0, 0 };
	struct wn_error e;
	size_t n = sizeof(page) - 1, m = 4096;
	uint8_t enc[4096];

	ck_assert(BrotliEncoderCompress(
	    5, 22, BROTLI_MODE_TEXT, n, (const uint8_t *)page, &m, enc));
	ck_assert_int_eq(decode("HTTP/1.1 200 OK\r\nContent-Encoding: "
	                        "br\r\n\r\n",
	                     (const char *)enc, m, 1 << 20, &out, &e),
	    WN_OK);
	ck_assert(out.len == n && memcmp(out.data, page, n) == 0);
	enc[m / 2] ^= 0x55;
	enc[m / 2 + 1] ^= 0xaa;
	ck_assert_int_eq(decode("HTTP/1.1 200 OK\r\nContent-Encoding: "
	                        "br\r\n\r\n",
	                     (const char *)enc, m, 1 << 20, &out, &e),
	    WN_EDATA);
	ck_assert_str_eq(e.msg, "corrupt br Content-Encoding");
	m = ZSTD_compress(enc, sizeof(enc), page, n, 3);
	ck_assert(!ZSTD_isError(m));
	ck_assert_int_eq(decode("HTTP/1.1 200 OK\r\nContent-Encoding: "
	                        "zstd\r\n\r\n",
	                     (const char *)enc, m, 1 << 20, &out, &e),
	    WN_OK);
	ck_assert(out.len == n && memcmp(out.data, page, n) == 0);
	wn_buf_free(&out);
}
END_TEST

START_TEST(test_bomb)
{
	/* 16 MiB of zeros in some 16 KiB: refused at the bound, having
	 * decoded no more than it */
	size_t n = (size_t)16 << 20;
	char *zeros = calloc(1, n);
	struct wn_buf enc = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	struct wn_error e;

	ck_assert_ptr_nonnull(zeros);
	zlib_encode(zeros, n, 31, &enc);
	ck_assert_int_lt(enc.len, 64 << 10);
	ck_assert_int_eq(decode("HTTP/1.1 200 OK\r\nContent-Encoding: "
	                        "gzip\r\n\r\n",
	                     enc.data, enc.len, 1 << 20, &out, &e),
	    WN_EDATA);
	ck_assert_ptr_nonnull(
	    strstr(e.msg, "decoded body longer than --max-record=1048576"));
	free(zeros);
	wn_buf_free(&enc);
	wn_buf_free(&out);
}
END_TEST

START_TEST(test_content_type)
{
	struct wn_span t, cs;
	static const char v[] = "Text/HTML ; Charset=\"windows-1251\"";

	http_content_type((struct wn_span){ v, sizeof(v) - 1 }, &t, &cs);
	ck_assert(t.n == 9 && memcmp(t.p, "Text/HTML", 9) == 0);
	ck_assert(cs.n == 12 && memcmp(cs.p, "windows-1251", 12) == 0);
	ck_assert(http_is_html(t));
	ck_assert(!http_is_plain(t));
	http_content_type(WN_SPAN_LIT("application/xhtml+xml"), &t, &cs);
	ck_assert(http_is_html(t) && cs.n == 0);
}
END_TEST

Suite *
http_suite(void)
{
	Suite *s = suite_create("http");
	TCase *tc = tcase_create("body");

	tcase_add_test(tc, test_identity_and_chunked);
	tcase_add_test(tc, test_gzip_deflate);
	tcase_add_test(tc, test_br_zstd);
	tcase_add_test(tc, test_bomb);
	tcase_add_test(tc, test_content_type);
	suite_add_tcase(s, tc);
	return s;
}
