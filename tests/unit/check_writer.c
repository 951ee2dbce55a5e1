/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_writer.c - JSONL and text records (writer.c), and the sinks they
 * go into: zstd framing, the compressing thread, callbacks (sink.c). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>

#include <zstd.h>

#include "pool.h"
#include "sink.h"
#include "suites.h"
#include "writer.h"

/* a writer's and its sink's options together */
struct wopt {
	enum writer_format format;
	int compress;
	int level;
	const char *text_field;
	const char *id_field;
};

static void
open_pair(const struct wopt *o, int fd, struct writer **w, struct sink **s)
{
	struct writer_options wo = { o->format, o->text_field, o->id_field,
		NULL, "" };
	struct wn_sink to = { "test", fd, NULL, NULL };
	struct wn_error e;

	ck_assert_int_eq(writer_new(&wo, w), WN_OK);
	ck_assert_int_eq(sink_new(&to, o->compress, o->level, s, &e), WN_OK);
}

/* Run the writer into a temporary file; return what it holds,
 * decompressed when compress is set. */
static char *
write_records(const struct wopt *o, const struct record *recs,
    const struct clean_doc *docs, size_t n, size_t *len)
{
	FILE *f = tmpfile();
	struct writer *w;
	struct sink *sk;
	struct wn_error e;
	size_t i;
	long size;
	char *raw;

	ck_assert_ptr_nonnull(f);
	open_pair(o, fileno(f), &w, &sk);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(
		    writer_record(w, sk, &recs[i], "src", &docs[i], &e), WN_OK);
	ck_assert_int_eq(sink_close(sk, &e), WN_OK);
	sink_free(sk);
	writer_free(w);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	raw = malloc((size_t)size + 1);
	ck_assert_uint_eq(fread(raw, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	if (!o->compress) {
		raw[size] = '\0';
		*len = (size_t)size;
		return raw;
	}
	{
		ZSTD_DCtx *d = ZSTD_createDCtx();
		ZSTD_inBuffer ib = { raw, (size_t)size, 0 };
		struct wn_buf ob = { NULL, 0, 0 };
		size_t r;

		do {
			ZSTD_outBuffer zb;

			ck_assert_int_eq(wn_buf_reserve(&ob, 1 << 16), WN_OK);
			zb.dst = ob.data + ob.len;
			zb.size = ob.cap - ob.len;
			zb.pos = 0;
			r = ZSTD_decompressStream(d, &zb, &ib);
			ck_assert_msg(
			    !ZSTD_isError(r), "%s", ZSTD_getErrorName(r));
			ob.len += zb.pos;
		} while (r != 0);
		ck_assert_uint_eq(ib.pos, ib.size); /* one frame only */
		ZSTD_freeDCtx(d);
		/* the frame has a checksum: bit 2 of the descriptor */
		ck_assert(((unsigned char)raw[4] & 0x04) != 0);
		free(raw);
		wn_buf_putc(&ob, '\0');
		*len = ob.len - 1;
		return ob.data;
	}
}

static struct clean_doc
doc_of(const char *text)
{
	struct clean_doc d;

	memset(&d, 0, sizeof(d));
	wn_buf_append(&d.text, text, strlen(text));
	d.paragraphs_in = 3;
	d.paragraphs_out = 2;
	d.removed[CLEAN_DUPLICATE] = 1;
	return d;
}

static struct record
jsonl_record(const char *line, size_t text_off, size_t text_end,
    size_t meta_off, size_t meta_end, int meta_type, size_t close)
{
	struct record r;

	memset(&r, 0, sizeof(r));
	r.format = INPUT_JSONL;
	r.jsonl.line.p = line;
	r.jsonl.line.n = strlen(line);
	r.jsonl.text.type = JSON_STRING;
	r.jsonl.text.off = text_off;
	r.jsonl.text.end = text_end;
	r.jsonl.metadata.type = meta_type;
	r.jsonl.metadata.off = meta_off;
	r.jsonl.metadata.end = meta_end;
	r.jsonl.close = close;
	/* as if it had an id and dolma's "added": nothing put first (a
	 * record that lacks them: test_jsonl_dolma_fields) */
	r.jsonl.id.type = JSON_STRING;
	r.jsonl.added.type = JSON_STRING;
	return r;
}

START_TEST(test_jsonl_splice)
{
	static const char l1[] = "{\"n\":1e2,\"text\":\"old\",\"big\":"
	                         "123456789012345678901234567890}";
	static const char l2[] =
	    "{\"metadata\":{\"k\":\"\\u00e9\"},\"text\":\"old\"}";
	static const char l3[] = "{\"text\":\"old\",\"metadata\":{ }}";
	static const char l4[] = "{\"metadata\":null,\"text\":\"old\"}";
	struct record r[4];
	struct clean_doc d[4];
	struct wopt o = { WRITER_JSONL, 0, 3, "text", "id" };
	size_t len, i;
	char *out;

	r[0] = jsonl_record(l1, 16, 21, 0, 0, JSON_NONE, sizeof(l1) - 2);
	r[1] = jsonl_record(l2, 34, 39, 12, 26, JSON_OBJECT, sizeof(l2) - 2);
	r[2] = jsonl_record(l3, 8, 13, 25, 28, JSON_OBJECT, sizeof(l3) - 2);
	r[3] = jsonl_record(l4, 24, 29, 12, 16, JSON_NULL, sizeof(l4) - 2);
	for (i = 0; i < 4; i++)
		d[i] = doc_of("new \"text\"\nline");
	out = write_records(&o, r, d, 4, &len);
	ck_assert_str_eq(out,
	    "{\"n\":1e2,\"text\":\"new "
	    "\\\"text\\\"\\nline\",\"big\":123456789012345678901234567890"
	    ",\"metadata\":{\"winnow\":{\"paragraphs_in\":3,\"paragraphs_out\":"
	    "2,\"removed\":{\"duplicate\":1}}}}\n"
	    "{\"metadata\":{\"winnow\":{\"paragraphs_in\":3,\"paragraphs_out\":"
	    "2,\"removed\":{\"duplicate\":1}},"
	    "\"k\":\"\\u00e9\"},\"text\":\"new \\\"text\\\"\\nline\"}\n"
	    "{\"text\":\"new "
	    "\\\"text\\\"\\nline\",\"metadata\":{\"winnow\":{\"paragraphs_in\":"
	    "3,\"paragraphs_out\":2,\"removed\":{\"duplicate\":1}} }}\n"
	    "{\"metadata\":null,\"text\":\"new "
	    "\\\"text\\\"\\nline\",\"winnow\":{\"paragraphs_in\":3,"
	    "\"paragraphs_out\":2,\"removed\":{\"duplicate\":1}}}\n");
	free(out);
	for (i = 0; i < 4; i++)
		clean_doc_free(&d[i]);
}
END_TEST

START_TEST(test_jsonl_dolma_fields)
{
	/* a record without an id gets NAME:LINE first, and the run's day
	 * as "added"; --source replaces a "source" or comes first; one that
	 * has an "added" keeps it */
	static const char l1[] = " {\"text\":\"old\"}";
	static const char l2[] = "{\"source\":\"x\",\"id\":7,\"added\":"
	                         "\"2020\",\"text\":\"old\"}";
	struct record r[2];
	struct clean_doc d[2];
	struct writer_options wo = { WRITER_JSONL, "text", "id", "news",
		"2026-11-05" };
	struct wn_sink to = { "test", -1, NULL, NULL };
	struct writer *w;
	struct sink *sk;
	struct wn_error e;
	FILE *f = tmpfile();
	char out[1024];
	size_t n, i;

	ck_assert_ptr_nonnull(f);
	to.fd = fileno(f);
	memset(r, 0, sizeof(r));
	r[0] = jsonl_record(l1, 9, 14, 0, 0, JSON_NONE, sizeof(l1) - 2);
	r[0].jsonl.id.type = JSON_NONE;
	r[0].jsonl.added.type = JSON_NONE;
	r[0].jsonl.open = 1;
	r[0].id = WN_SPAN_LIT("in.jsonl:3");
	r[1] = jsonl_record(l2, 43, 48, 0, 0, JSON_NONE, sizeof(l2) - 2);
	r[1].jsonl.source = (struct json_value){ JSON_STRING, 10, 13 };
	r[1].id = WN_SPAN_LIT("7");
	for (i = 0; i < 2; i++)
		d[i] = doc_of("new");
	ck_assert_int_eq(writer_new(&wo, &w), WN_OK);
	ck_assert_int_eq(sink_new(&to, 0, 3, &sk, &e), WN_OK);
	for (i = 0; i < 2; i++)
		ck_assert_int_eq(
		    writer_record(w, sk, &r[i], "in.jsonl", &d[i], &e), WN_OK);
	ck_assert_int_eq(sink_close(sk, &e), WN_OK);
	sink_free(sk);
	writer_free(w);
	rewind(f);
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	fclose(f);
	ck_assert_str_eq(out,
	    " {\"id\":\"in.jsonl:3\",\"source\":\"news\",\"added\":"
	    "\"2026-11-05\",\"text\":\"new\",\"metadata\":{\"winnow\":{"
	    "\"paragraphs_in\":3,\"paragraphs_out\":2,\"removed\":{"
	    "\"duplicate\":1}}}}\n"
	    "{\"source\":\"news\",\"id\":7,\"added\":\"2020\",\"text\":"
	    "\"new\",\"metadata\":{\"winnow\":{\"paragraphs_in\":3,"
	    "\"paragraphs_out\":2,\"removed\":{\"duplicate\":1}}}}\n");
	for (i = 0; i < 2; i++)
		clean_doc_free(&d[i]);
}
END_TEST

START_TEST(test_jsonl_new_and_text)
{
	struct record r[2];
	struct clean_doc d[2];
	struct wopt o = { WRITER_JSONL, 1, 3, "raw", "doc" };
	size_t len;
	char *out;

	memset(r, 0, sizeof(r));
	r[0].format = INPUT_TEXT;
	r[0].id = WN_SPAN_LIT("f.txt:1");
	r[1].format = INPUT_WARC;
	r[1].id = WN_SPAN_LIT("<urn:x>");
	r[1].url = WN_SPAN_LIT("http://a/");
	r[1].lang = WN_SPAN_LIT("e\xFFn"); /* header bytes: repaired */
	r[1].date = WN_SPAN_LIT("2024-01-01");
	d[0] = doc_of("one");
	d[1] = doc_of("two");
	r[0].date = WN_SPAN_LIT("d"); /* no url: no stray comma */
	out = write_records(&o, r, d, 2, &len);
	ck_assert_str_eq(out,
	    "{\"doc\":\"f.txt:1\",\"raw\":\"one\",\"source\":\"src\","
	    "\"created\":\"d\",\"metadata\":{"
	    "\"date\":\"d\",\"winnow\":{\"paragraphs_in\":3,\"paragraphs_out\":"
	    "2,\"removed\":{\"duplicate\":1}}}}\n"
	    "{\"doc\":\"<urn:x>\",\"raw\":\"two\",\"source\":\"http://a/"
	    "\",\"created\":\"2024-01-01\",\"metadata\":{"
	    "\"url\":\"http://a/"
	    "\",\"date\":\"2024-01-01\",\"language\":\"e\xEF\xBF\xBDn\","
	    "\"winnow\":{\"paragraphs_in\":3,\"paragraphs_out\":2,\"removed\":{"
	    "\"duplicate\":1}}}}\n");
	free(out);
	o.format = WRITER_TEXT;
	d[0].dropped = 1;
	out = write_records(&o, r, d, 2, &len);
	ck_assert_str_eq(out, "two\n");
	free(out);
	d[0].dropped = 0;
	out = write_records(&o, r, d, 2, &len);
	ck_assert_str_eq(out, "one\n\f\ntwo\n");
	free(out);
	clean_doc_free(&d[0]);
	clean_doc_free(&d[1]);
}
END_TEST

START_TEST(test_large_output_spans_buffers)
{
	/* more than two 1 MiB buffers through the worker thread */
	enum { N = 3000 };
	struct record *r = calloc(N, sizeof(*r));
	struct clean_doc *d = calloc(N, sizeof(*d));
	struct wopt o = { WRITER_TEXT, 1, 1, "text", "id" };
	char body[1000];
	size_t len, i;
	char *out;

	memset(body, 'x', sizeof(body) - 1);
	body[sizeof(body) - 1] = '\0';
	for (i = 0; i < N; i++) {
		r[i].format = INPUT_TEXT;
		d[i] = doc_of(body);
	}
	out = write_records(&o, r, d, N, &len);
	ck_assert_uint_eq(len, N * 1000 + (N - 1) * 2);
	for (i = 0; i < N; i++)
		clean_doc_free(&d[i]);
	free(out);
	free(r);
	free(d);
}
END_TEST

/* sink_spawn_fn on a pool */
static void
on_pool(void *ctx, void (*fn)(void *), void *arg)
{
	pool_task(ctx, fn, arg);
}

static void
no_job(void *ctx, int t, size_t i)
{
	(void)ctx;
	(void)t;
	(void)i;
}

/* The compressed bytes of n records: by the writer's own thread (how
 * 0), by a pool's thread and then, from record n/2, by the caller (1),
 * or by the caller throughout (2). */
static char *
compressed(int how, const struct record *r, const struct clean_doc *d, size_t n,
    long *size)
{
	struct wopt o = { WRITER_JSONL, 1, 3, "text", "id" };
	struct pool *p = pool_new(2, no_job, NULL);
	FILE *f = tmpfile();
	struct writer *w;
	struct sink *sk;
	struct wn_error e;
	char *raw;
	size_t i;

	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(f);
	open_pair(&o, fileno(f), &w, &sk);
	if (how == 1)
		sink_share(sk, on_pool, p);
	else if (how == 2)
		sink_share(sk, NULL, NULL);
	for (i = 0; i < n; i++) {
		if (how == 1 && i == n / 2) {
			sink_share(sk, NULL, NULL);
			pool_free(p);
			p = NULL;
		}
		ck_assert_int_eq(
		    writer_record(w, sk, &r[i], "src", &d[i], &e), WN_OK);
	}
	ck_assert_int_eq(sink_close(sk, &e), WN_OK);
	sink_free(sk);
	writer_free(w);
	pool_free(p);
	fseek(f, 0, SEEK_END);
	*size = ftell(f);
	rewind(f);
	raw = malloc((size_t)*size);
	ck_assert_uint_eq(fread(raw, 1, (size_t)*size, f), (size_t)*size);
	fclose(f);
	return raw;
}

START_TEST(test_compression_shared)
{
	/* the same bytes whichever thread compresses each buffer */
	enum { N = 3000 };
	struct record *r = calloc(N, sizeof(*r));
	struct clean_doc *d = calloc(N, sizeof(*d));
	char body[1000];
	char *a, *b, *c;
	long na, nb, nc;
	size_t i;

	uint64_t x = 88172645463325252ull;

	for (i = 0; i < N; i++) {
		size_t k;

		for (k = 0; k < sizeof(body) - 1; k++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			body[k] = (char)('a' + x % 26);
		}
		body[sizeof(body) - 1] = '\0';
		r[i].format = INPUT_TEXT;
		d[i] = doc_of(body);
	}
	a = compressed(0, r, d, N, &na);
	b = compressed(1, r, d, N, &nb);
	c = compressed(2, r, d, N, &nc);
	ck_assert_int_gt(na, 1 << 20); /* buffers compressed by each */
	ck_assert(na == nb && memcmp(a, b, (size_t)na) == 0);
	ck_assert(na == nc && memcmp(a, c, (size_t)na) == 0);
	for (i = 0; i < N; i++)
		clean_doc_free(&d[i]);
	free(a);
	free(b);
	free(c);
	free(r);
	free(d);
}
END_TEST

START_TEST(test_bad_level)
{
	struct wn_sink to = { "test", 1, NULL, NULL },
	               none = { "x", -1, NULL, NULL };
	struct sink *s;
	struct wn_error e;

	ck_assert_int_eq(sink_new(&to, 1, 0, &s, &e), WN_EUSAGE);
	ck_assert_int_eq(
	    sink_new(&to, 1, ZSTD_maxCLevel() + 1, &s, &e), WN_EUSAGE);
	ck_assert_int_eq(sink_new(&none, 0, 3, &s, &e), WN_EUSAGE);
}
END_TEST

/* A callback sink gets every byte, in order; sink_flush() hands out
 * what is buffered (a zstd frame so far decodes to it); a failing
 * callback is a write error with the sink's name. */
struct collect {
	struct wn_buf b;
	int fail_after; /* calls before failing; -1: never */
};

static int
collect(void *ctx, const void *p, size_t n)
{
	struct collect *c = ctx;

	if (c->fail_after == 0) {
		errno = ENOSPC;
		return -1;
	}
	if (c->fail_after > 0)
		c->fail_after--;
	return wn_buf_append(&c->b, p, n) == WN_OK ? 0 : -1;
}

START_TEST(test_callback_sink)
{
	struct collect c = { { NULL, 0, 0 }, -1 };
	struct wn_sink to = { "cb", -1, collect, &c };
	struct sink *s;
	struct wn_error e;
	char out[64];
	size_t n;
	int z;

	for (z = 0; z < 2; z++) {
		c.b.len = 0;
		ck_assert_int_eq(sink_new(&to, z, 3, &s, &e), WN_OK);
		wn_buf_append(sink_buf(s), "first ", 6);
		ck_assert_int_eq(sink_wrote(s, &e), WN_OK);
		ck_assert_int_eq(sink_flush(s, &e), WN_OK);
		if (!z) {
			ck_assert_uint_eq(c.b.len, 6);
		} else {
			ZSTD_DCtx *d = ZSTD_createDCtx();
			ZSTD_inBuffer ib = { c.b.data, c.b.len, 0 };
			ZSTD_outBuffer ob = { out, sizeof(out), 0 };

			ZSTD_decompressStream(d, &ob, &ib);
			ck_assert_uint_eq(ob.pos, 6);
			ck_assert(memcmp(out, "first ", 6) == 0);
			ZSTD_freeDCtx(d);
		}
		wn_buf_append(sink_buf(s), "second", 6);
		ck_assert_int_eq(sink_close(s, &e), WN_OK);
		ck_assert_uint_eq(sink_bytes_in(s), 12);
		n = (size_t)sink_bytes_out(s);
		ck_assert_uint_eq(n, c.b.len);
		sink_free(s);
	}
	c.fail_after = 0;
	ck_assert_int_eq(sink_new(&to, 0, 3, &s, &e), WN_OK);
	wn_buf_append(sink_buf(s), "lost", 4);
	memset(&e, 0, sizeof(e));
	ck_assert_int_eq(sink_close(s, &e), WN_EIO);
	ck_assert_str_eq(e.name, "cb");
	ck_assert_ptr_nonnull(strstr(e.msg, "No space left"));
	sink_free(s);
	wn_buf_free(&c.b);
}
END_TEST

START_TEST(test_write_error)
{
	int fds[2];
	struct wopt o = { WRITER_TEXT, 0, 3, "text", "id" };
	struct writer *w;
	struct sink *sk;
	struct wn_error e;
	struct record r;
	struct clean_doc d = doc_of("lost");
	enum wn_status st;

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(pipe(fds), 0);
	close(fds[0]); /* nobody reads: EPIPE (SIGPIPE ignored) */
	signal(SIGPIPE, SIG_IGN);
	open_pair(&o, fds[1], &w, &sk);
	ck_assert_int_eq(writer_record(w, sk, &r, "src", &d, &e), WN_OK);
	memset(&e, 0, sizeof(e));
	st = sink_close(sk, &e);
	ck_assert_int_eq(st, WN_EIO);
	ck_assert(strstr(e.msg, "write error") != NULL);
	sink_free(sk);
	writer_free(w);
	close(fds[1]);
	clean_doc_free(&d);
}
END_TEST

/* wn_buf_put_u64() against printf's PRIu64: every power of ten and its
 * neighbours, the extremes, and pseudo-random values of every size,
 * each appended after what the buffer holds. */
START_TEST(test_put_u64)
{
	struct wn_buf b = { NULL, 0, 0 };
	char want[64];
	uint64_t v[80], x = 0x9E3779B97F4A7C15u, p = 1;
	size_t n = 0, i;

	v[n++] = 0;
	v[n++] = UINT64_MAX;
	for (i = 0; i < 20; i++, p *= 10) {
		v[n++] = p - 1;
		v[n++] = p;
	}
	while (n < sizeof(v) / sizeof(v[0])) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		v[n] = x >> (n % 64);
		n++;
	}
	for (i = 0; i < n; i++) {
		int k = snprintf(want, sizeof(want), "<%" PRIu64, v[i]);

		b.len = 0;
		ck_assert_int_eq(wn_buf_putc(&b, '<'), WN_OK);
		ck_assert_int_eq(wn_buf_put_u64(&b, v[i]), WN_OK);
		ck_assert_uint_eq(b.len, (size_t)k);
		ck_assert(memcmp(b.data, want, b.len) == 0);
	}
	wn_buf_free(&b);
}
END_TEST

/* The report with several reasons (in their order, comma between) and
 * counts of every size. */
START_TEST(test_report_counts)
{
	struct record r;
	struct clean_doc d = doc_of("t");
	struct wopt o = { WRITER_JSONL, 0, 3, "text", "id" };
	size_t len;
	char *out;

	memset(&r, 0, sizeof(r));
	r.format = INPUT_TEXT;
	r.id = WN_SPAN_LIT("a:1");
	d.paragraphs_in = UINT64_MAX;
	d.paragraphs_out = 0;
	d.removed[CLEAN_REPEAT] = 10;
	d.removed[CLEAN_DUPLICATE] = 0;
	d.removed[CLEAN_NEAR_DUPLICATE] = 1234567890123;
	d.removed[CLEAN_NREASONS - 1] = 9;
	out = write_records(&o, &r, &d, 1, &len);
	ck_assert_str_eq(out,
	    "{\"id\":\"a:1\",\"text\":\"t\",\"source\":\"src\",\"metadata\":{"
	    "\"winnow\":{\"paragraphs_in\":18446744073709551615,"
	    "\"paragraphs_out\":0,\"removed\":{\"repeated_in_document\":10,"
	    "\"near_duplicate\":1234567890123,\"site_template\":9}}}}\n");
	free(out);
	clean_doc_free(&d);
}
END_TEST

Suite *
writer_suite(void)
{
	Suite *s = suite_create("writer");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_jsonl_splice);
	tcase_add_test(tc, test_jsonl_new_and_text);
	tcase_add_test(tc, test_jsonl_dolma_fields);
	tcase_add_test(tc, test_put_u64);
	tcase_add_test(tc, test_report_counts);
	tcase_add_test(tc, test_large_output_spans_buffers);
	tcase_add_test(tc, test_compression_shared);
	tcase_add_test(tc, test_bad_level);
	tcase_add_test(tc, test_write_error);
	tcase_add_test(tc, test_callback_sink);
	suite_add_tcase(s, tc);
	return s;
}
