/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_input.c - the text, JSONL and WARC readers, and that their
 * records do not depend on how the input is chunked. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "suites.h"

static const struct input_options opts = { "text", "id", 1 << 20, 0, 0, NULL,
	0 };

/* Everything a reader produced, flattened for comparison: one line per
 * record or error. */
static char *
read_all(enum input_format fmt, const char *data, size_t n,
    const size_t *chunks, size_t nchunks, size_t max_record)
{
	struct input_options o = opts;
	struct input *in;
	struct wn_buf log = { NULL, 0, 0 };
	size_t off = 0, c = 0;
	int finished = 0;

	o.max_record = max_record;
	in = input_new(fmt, "t", &o);
	ck_assert_ptr_nonnull(in);
	for (;;) {
		struct record rec;
		struct wn_error e;
		enum wn_status st;
		char head[64];

		memset(&e, 0, sizeof(e));
		st = input_next(in, &rec, &e);
		if (st == WN_OK) {
			snprintf(head, sizeof(head),
			    "R%llu@%llu id=", (unsigned long long)rec.number,
			    (unsigned long long)rec.line);
			wn_buf_append(&log, head, strlen(head));
			wn_buf_append(&log, rec.id.p, rec.id.n);
			wn_buf_append(&log, " url=", 5);
			wn_buf_append(&log, rec.url.p, rec.url.n);
			wn_buf_append(&log, " [", 2);
			wn_buf_append(&log, rec.text.p, rec.text.n);
			wn_buf_append(&log, "]\n", 2);
			continue;
		}
		if (st == WN_EDATA) {
			snprintf(head, sizeof(head), "E@%llu ",
			    (unsigned long long)e.line);
			wn_buf_append(&log, head, strlen(head));
			wn_buf_append(&log, e.msg, strlen(e.msg));
			wn_buf_putc(&log, '\n');
			continue;
		}
		if (st == WN_END)
			break;
		ck_assert_int_eq(st, WN_AGAIN);
		ck_assert(!finished);
		if (off >= n) {
			input_finish(in);
			finished = 1;
			continue;
		}
		{
			size_t k = nchunks ? chunks[c++ % nchunks] : n - off;

			if (k > n - off)
				k = n - off;
			if (c % 2 == 0) {
				ck_assert_int_eq(
				    input_push(in, data + off, k), WN_OK);
			} else {
				/* every other chunk read into the reader's
				 * buffer, into more room than it fills */
				char *p;

				ck_assert_int_eq(
				    input_space(in, k + 5, &p), WN_OK);
				memcpy(p, data + off, k);
				memset(p + k, 'Z', 5);
				input_commit(in, k);
			}
			off += k;
		}
	}
	input_free(in);
	wn_buf_putc(&log, '\0');
	return log.data;
}

/* The same log for whole input, 1-byte chunks and irregular chunks. */
static char *
read_invariant(enum input_format fmt, const char *data, size_t max_record)
{
	static const size_t one[] = { 1 };
	static const size_t odd[] = { 7, 1, 13, 2, 64, 3, 5, 11 };
	size_t n = strlen(data);
	char *whole = read_all(fmt, data, n, NULL, 0, max_record);
	char *a = read_all(fmt, data, n, one, 1, max_record);
	char *b = read_all(fmt, data, n, odd, 8, max_record);

	ck_assert_str_eq(a, whole);
	ck_assert_str_eq(b, whole);
	free(a);
	free(b);
	return whole;
}

START_TEST(test_empty_pushes)
{
	/* nothing pushed, or room for nothing asked, into a reader that has
	 * no buffer yet (UBSan: no pointer made from NULL) */
	struct input *in = input_new(INPUT_TEXT, "t", &opts);
	struct record rec;
	struct wn_error e;
	char *p;

	ck_assert_ptr_nonnull(in);
	ck_assert_int_eq(input_push(in, "", 0), WN_OK);
	ck_assert_int_eq(input_space(in, 0, &p), WN_OK);
	ck_assert_ptr_nonnull(p);
	input_commit(in, 0);
	input_finish(in);
	memset(&e, 0, sizeof(e));
	ck_assert_int_eq(input_next(in, &rec, &e), WN_END);
	input_free(in);
}
END_TEST

START_TEST(test_text_separators)
{
	char *log = read_invariant(INPUT_TEXT,
	    "first doc\nline 2\n\f\nsecond\n\f\r\nthird\n\f\n", 1 << 20);

	ck_assert_str_eq(log,
	    "R1@1 id=t:1 url= [first doc\nline 2\n]\n"
	    "R2@4 id=t:2 url= [second\n]\n"
	    "R3@6 id=t:3 url= [third\n]\n");
	free(log);
}
END_TEST

START_TEST(test_text_nul_and_no_final_newline)
{
	static const char data[] = "a\n\0\nb";
	char *log =
	    read_all(INPUT_TEXT, data, sizeof(data) - 1, NULL, 0, 1 << 20);

	ck_assert_str_eq(log, "R1@1 id=t:1 url= [a\n]\nR2@3 id=t:2 url= [b]\n");
	free(log);
}
END_TEST

START_TEST(test_text_formfeed_inside_line_is_text)
{
	char *log = read_invariant(INPUT_TEXT, "a\fb\n\f x\n", 1 << 20);

	ck_assert_str_eq(log, "R1@1 id=t:1 url= [a\fb\n\f x\n]\n");
	free(log);
}
END_TEST

START_TEST(test_text_max_record)
{
	char *log = read_invariant(INPUT_TEXT,
	    "short\n\f\nthis document is far too long\nfor the cap\n\f\nok\n",
	    16);

	ck_assert_str_eq(log,
	    "R1@1 id=t:1 url= [short\n]\n"
	    "E@3 document longer than --max-record=16 bytes: skipped\n"
	    "R2@6 id=t:2 url= [ok\n]\n");
	free(log);
}
END_TEST

START_TEST(test_jsonl)
{
	char *log = read_invariant(INPUT_JSONL,
	    "{\"id\":\"a\",\"text\":\"one\\ntwo\",\"url\":\"http://x/\"}\n"
	    "\n"
	    "{\"id\":2,\"text\":5}\n"
	    "not json\n"
	    "{\"text\":\"last\"}",
	    1 << 20);

	ck_assert_str_eq(log,
	    "R1@1 id=\"a\" url=http://x/ [one\ntwo]\n"
	    "E@3 field \"text\" is not a string\n"
	    "E@4 invalid JSON: a record must be an object at byte 1\n"
	    "R2@5 id=t:5 url= [last]\n");
	free(log);
}
END_TEST

START_TEST(test_jsonl_max_record_and_crlf)
{
	char *log = read_invariant(INPUT_JSONL,
	    "{\"text\":\"a\"}\r\n"
	    "{\"text\":\"this one is much too long\"}\n"
	    "{\"text\":\"b\"}\n",
	    20);

	ck_assert_str_eq(log,
	    "R1@1 id=t:1 url= [a]\n"
	    "E@2 record longer than --max-record=20 bytes: skipped\n"
	    "R2@3 id=t:3 url= [b]\n");
	free(log);
}
END_TEST

START_TEST(test_jsonl_invalid_utf8_outside_text)
{
	char *log = read_invariant(INPUT_JSONL,
	    "{\"text\":\"ok \xFF\",\"x\":\"\xFF\"}\n{\"text\":\"\xFF\"}\n",
	    1 << 20);

	ck_assert_str_eq(log,
	    "E@1 invalid UTF-8 outside field \"text\" at byte 21\n"
	    "R1@2 id=t:2 url= [\xFF]\n");
	free(log);
}
END_TEST

#define WARC_REC(type, len, body)                                              \
	"WARC/1.0\r\nWARC-Type: " type "\r\nWARC-Record-ID: <urn:" type        \
	">\r\n"                                                                \
	"WARC-Target-URI: http://e.x/" type "\r\nContent-Length: " len         \
	"\r\n\r\n" body "\r\n\r\n"

START_TEST(test_warc)
{
	char *log = read_invariant(INPUT_WARC,
	    WARC_REC("warcinfo", "5", "info!") WARC_REC(
	        "conversion", "11", "Title\nBody.") WARC_REC("request", "3",
	        "GET") WARC_REC("response", "55",
	        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nplain body")
	        WARC_REC("resource", "4", "last"),
	    1 << 20);

	ck_assert_str_eq(log,
	    "R1@9 id=<urn:conversion> url=http://e.x/conversion "
	    "[Title\nBody.]\n"
	    "R2@26 id=<urn:response> url=http://e.x/response [plain body]\n"
	    "R3@37 id=<urn:resource> url=http://e.x/resource [last]\n");
	free(log);
}
END_TEST

/* Append a WARC/1.1 record of type whose block is the C string block
 * (its Content-Length counted) to b. */
static void
warc_rec(struct wn_buf *b, const char *type, const char *id, const char *block)
{
	char head[256];

	snprintf(head, sizeof(head),
	    "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:%s>\r\n"
	    "Content-Type: application/http; msgtype=response\r\n"
	    "WARC-Target-URI: http://e.x/%s\r\nWARC-Date: "
	    "2024-01-02T03:04:05Z\r\nContent-Length: %zu\r\n\r\n",
	    type, id, id, strlen(block));
	wn_buf_append(b, head, strlen(head));
	wn_buf_append(b, block, strlen(block));
	wn_buf_append(b, "\r\n\r\n", 5); /* with the NUL, not counted */
	b->len--;
}

START_TEST(test_warc_responses)
{
	/* a page, a page in the charset its Content-Type names, chunked
	 * text; then what is skipped and counted: not 2xx, an image, no
	 * type and no markup, an unknown coding, a revisit and a request;
	 * and a bad record */
	struct wn_buf b = { NULL, 0, 0 };
	char *log;

	warc_rec(&b, "response", "a",
	    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
	    "<html><p>Hello page</p>");
	warc_rec(&b, "response", "b",
	    "HTTP/1.1 200 OK\r\nContent-Type: text/html; "
	    "charset=windows-1251\r\n\r\n<p>\xcf\xf0\xe8\xe2\xe5\xf2</p>");
	warc_rec(&b, "response", "c",
	    "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n4\r\nplai\r\n"
	    "1\r\nn\r\n0\r\n\r\n");
	warc_rec(&b, "response", "d",
	    "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n"
	    "<p>gone</p>");
	warc_rec(&b, "response", "e",
	    "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG");
	warc_rec(&b, "response", "f", "HTTP/1.1 200 OK\r\n\r\n\x01\x02\x03");
	warc_rec(&b, "response", "g",
	    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
	    "Content-Encoding: compress\r\n\r\n\x1f\x9d");
	warc_rec(&b, "revisit", "h", "HTTP/1.1 200 OK\r\n\r\n");
	warc_rec(&b, "request", "i", "GET / HTTP/1.1\r\n");
	warc_rec(&b, "response", "j", "not an HTTP response");
	wn_buf_putc(&b, '\0');
	log = read_invariant(INPUT_WARC, b.data, 1 << 20);
	ck_assert_str_eq(log,
	    "R1@1 id=<urn:a> url=http://e.x/a [Hello page\n]\n"
	    "R2@14 id=<urn:b> url=http://e.x/b "
	    "[\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82\n]\n"
	    "R3@27 id=<urn:c> url=http://e.x/c [plain]\n"
	    "E@122 response record without an HTTP status line: skipped\n");
	free(log);
	wn_buf_free(&b);
}
END_TEST

START_TEST(test_warc_skip_counts)
{
	struct wn_buf b = { NULL, 0, 0 };
	struct input *in = input_new(INPUT_WARC, "t", &opts);
	struct record rec;
	struct wn_error e;

	warc_rec(&b, "response", "d",
	    "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n"
	    "<p>gone</p>");
	warc_rec(&b, "revisit", "h", "HTTP/1.1 200 OK\r\n\r\n");
	warc_rec(&b, "request", "i", "GET / HTTP/1.1\r\n");
	warc_rec(&b, "metadata", "k", "x: y");
	warc_rec(&b, "warcinfo", "l", "x: y");
	warc_rec(&b, "continuation", "m", "zz");
	warc_rec(&b, "response", "e",
	    "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG");
	warc_rec(&b, "response", "g",
	    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
	    "Content-Encoding: compress\r\n\r\n\x1f\x9d");
	ck_assert_ptr_nonnull(in);
	ck_assert_int_eq(input_push(in, b.data, b.len), WN_OK);
	input_finish(in);
	memset(&e, 0, sizeof(e));
	ck_assert_int_eq(input_next(in, &rec, &e), WN_END);
	ck_assert_int_eq(input_skipped(in, INPUT_SKIP_STATUS), 1);
	ck_assert_int_eq(input_skipped(in, INPUT_SKIP_REVISIT), 1);
	ck_assert_int_eq(input_skipped(in, INPUT_SKIP_REQUEST), 1);
	ck_assert_int_eq(input_skipped(in, INPUT_SKIP_METADATA), 1);
	ck_assert_int_eq(input_skipped(in, INPUT_SKIP_WARCINFO), 1);
	ck_assert_int_eq(input_skipped(in, INPUT_SKIP_OTHER_TYPE), 1);
	ck_assert_int_eq(input_skipped(in, INPUT_SKIP_NOT_TEXT), 1);
	ck_assert_int_eq(input_skipped(in, INPUT_SKIP_CODING), 1);
	ck_assert_int_eq(input_records_other(in), 8);
	input_free(in);
	wn_buf_free(&b);
}
END_TEST

START_TEST(test_warc_wrong_length)
{
	/* Content-Length off by 2 either way, and missing: resynchronise */
	char *log = read_invariant(INPUT_WARC,
	    WARC_REC("conversion", "9", "too short") /* 9 of 9: right */
	    WARC_REC("conversion", "5", "short by 2!")
	        WARC_REC("conversion", "6",
	            "long") "WARC/1.0\r\nWARC-Type: conversion\r\n\r\nno "
	                    "length\r\n\r\n" WARC_REC("conversion", "3", "end"),
	    1 << 20);

	ck_assert_str_eq(log,
	    "R1@1 id=<urn:conversion> url=http://e.x/conversion [too short]\n"
	    "R2@9 id=<urn:conversion> url=http://e.x/conversion [short by 2!]\n"
	    "R3@17 id=<urn:conversion> url=http://e.x/conversion [long]\n"
	    "R4@25 id=t:25 url= [no length]\n"
	    "R5@30 id=<urn:conversion> url=http://e.x/conversion [end]\n");
	free(log);
}
END_TEST

START_TEST(test_warc_garbage)
{
	char *log = read_invariant(INPUT_WARC,
	    "junk line\n" WARC_REC("conversion", "2", "ok"), 1 << 20);

	ck_assert_str_eq(log,
	    "E@1 not a WARC record: skipped 10 bytes to the next one\n"
	    "R1@2 id=<urn:conversion> url=http://e.x/conversion [ok]\n");
	free(log);
}
END_TEST

/* An input that ends well inside the last block's Content-Length was
 * cut: that record is reported and dropped, the ones before it read; a
 * last block a few bytes short (Content-Length off by 2) is taken. */
START_TEST(test_warc_cut_short)
{
	char *log = read_invariant(INPUT_WARC,
	    WARC_REC("conversion", "2", "ok") "WARC/1.0\r\nWARC-Type: "
	                                      "conversion\r\nContent-Length: "
	                                      "500\r\n\r\nthe first bytes",
	    1 << 20);

	ck_assert_str_eq(log,
	    "R1@1 id=<urn:conversion> url=http://e.x/conversion [ok]\n"
	    "E@9 the last record is cut short (15 of its 500 bytes; a "
	    "truncated file?): dropped\n");
	free(log);
	log = read_invariant(INPUT_WARC,
	    "WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: "
	    "14\r\n\r\nnearly whole",
	    1 << 20);
	ck_assert_str_eq(log, "R1@1 id=t:1 url= [nearly whole]\n");
	free(log);
}
END_TEST

START_TEST(test_warc_fixture)
{
	const char *dir = getenv("srcdir");
	char path[4096];
	FILE *f;
	char *data, *log;
	long n;

	snprintf(path, sizeof(path), "%s/tests/data/good-whirlwind.warc.wet",
	    dir ? dir : ".");
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	data = malloc((size_t)n + 1);
	ck_assert_uint_eq(fread(data, 1, (size_t)n, f), (size_t)n);
	data[n] = '\0';
	fclose(f);
	log = read_invariant(INPUT_WARC, data, 1 << 20);
	ck_assert(strncmp(log, "R1@", 3) == 0);
	ck_assert(strstr(log,
	              "id=<urn:uuid:ba729a40-ff84-4085-8d48-0a5b2ee0c42d>"
	              " url=https://an.wikipedia.org/wiki/Escopete [Escopete - "
	              "Biquipedia") != NULL);
	ck_assert(strstr(log, "R2@") == NULL); /* one page */
	ck_assert(strstr(log, "E@") == NULL);
	free(log);
	free(data);
}
END_TEST

START_TEST(test_sniff)
{
	ck_assert_int_eq(input_sniff("WARC/1.0\r\n", 10), INPUT_WARC);
	ck_assert_int_eq(input_sniff("  \n{\"a\":1}", 10), INPUT_JSONL);
	ck_assert_int_eq(input_sniff("\xEF\xBB\xBF{", 4), INPUT_JSONL);
	ck_assert_int_eq(input_sniff("Hello {", 7), INPUT_TEXT);
	ck_assert_int_eq(input_sniff("", 0), INPUT_TEXT);
}
END_TEST

/* A junk first record does not make JSON Lines text: half or more of
 * the non-blank lines start with '{'; text with one such line is text. */
#define SNIFF(s) input_sniff((s), sizeof(s) - 1)
START_TEST(test_sniff_junk_first)
{
	ck_assert_int_eq(
	    SNIFF("[{\"text\":\"a\"}]\n{\"text\":\"b\"}\n"), INPUT_JSONL);
	ck_assert_int_eq(
	    SNIFF("garbage\r\n\n  {\"text\":\"b\"}\n{\"text\":\"c\"}"),
	    INPUT_JSONL);
	/* the last line cut off by the sniff window still counts */
	ck_assert_int_eq(
	    SNIFF("junk\n{\"text\":\"a very long rec"), INPUT_JSONL);
	ck_assert_int_eq(
	    SNIFF("A headline\nA {braced} line.\nProse here.\n"), INPUT_TEXT);
	ck_assert_int_eq(SNIFF("One line then\n{"), INPUT_JSONL);
	ck_assert_int_eq(SNIFF("Two lines\nof text\n{x}\n"), INPUT_TEXT);
	ck_assert_int_eq(SNIFF("one line only, no brace"), INPUT_TEXT);
	ck_assert_int_eq(SNIFF("<!DOCTYPE html>\n{a}\n{b}\n"), INPUT_HTML);
}
END_TEST

/* XHTML after an XML declaration, and pages saved with their HTTP head
 * (curl -i, -L), are HTML; other XML and other responses are not. */
START_TEST(test_sniff_xml_http)
{
	ck_assert_int_eq(
	    SNIFF("<?xml version=\"1.0\"?>\n<!DOCTYPE html "
	          "PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" \"x\"><html>"),
	    INPUT_HTML);
	ck_assert_int_eq(
	    SNIFF("<?xml version=\"1.0\"?><html xmlns=\"x\">"), INPUT_HTML);
	ck_assert_int_eq(
	    SNIFF("<?xml version=\"1.0\"?><rss version=\"2.0\">"), INPUT_TEXT);
	ck_assert_int_eq(SNIFF("HTTP/1.1 200 OK\r\nServer: x\r\n\r\n"
	                       "<!DOCTYPE html><p>"),
	    INPUT_HTML);
	ck_assert_int_eq(
	    SNIFF("HTTP/1.1 301 Moved\r\nLocation: /\r\n\r\n"
	          "HTTP/2 200\r\ncontent-type: text/html\r\n\r\n<p>x"),
	    INPUT_HTML);
	/* a head cut short by the sniffed bytes: its Content-Type */
	ck_assert_int_eq(SNIFF("HTTP/1.1 200 OK\nContent-Type: text/html; "
	                       "charset=utf-8\nSet-Cookie: aaaa"),
	    INPUT_HTML);
	ck_assert_int_eq(SNIFF("HTTP/1.1 200 OK\r\nContent-Type: "
	                       "application/json\r\n\r\n{\"a\":1}"),
	    INPUT_TEXT);
	ck_assert_int_eq(SNIFF("HTTP/ is a protocol"), INPUT_TEXT);
}
END_TEST

Suite *
input_suite(void)
{
	Suite *s = suite_create("input");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_empty_pushes);
	tcase_add_test(tc, test_text_separators);
	tcase_add_test(tc, test_text_nul_and_no_final_newline);
	tcase_add_test(tc, test_text_formfeed_inside_line_is_text);
	tcase_add_test(tc, test_text_max_record);
	tcase_add_test(tc, test_jsonl);
	tcase_add_test(tc, test_jsonl_max_record_and_crlf);
	tcase_add_test(tc, test_jsonl_invalid_utf8_outside_text);
	tcase_add_test(tc, test_warc);
	tcase_add_test(tc, test_warc_responses);
	tcase_add_test(tc, test_warc_skip_counts);
	tcase_add_test(tc, test_warc_wrong_length);
	tcase_add_test(tc, test_warc_garbage);
	tcase_add_test(tc, test_warc_cut_short);
	tcase_add_test(tc, test_warc_fixture);
	tcase_add_test(tc, test_sniff);
	tcase_add_test(tc, test_sniff_junk_first);
	tcase_add_test(tc, test_sniff_xml_http);
	suite_add_tcase(s, tc);
	return s;
}
