/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_pipeline.c - the public API (winnow.h): a pipeline fed from
 * memory and documents into callback sinks, in order, whatever the
 * pieces and the threads; flush; problems reported; counters; the state
 * session's save and commit; the version. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suites.h"
#include "wn.h"

static int
collect(void *ctx, const void *p, size_t n)
{
	struct wn_buf *b = ctx;

	return wn_buf_append(b, p, n) == WN_OK ? 0 : -1;
}

struct problems {
	int n;
	enum wn_status last;
	uint64_t line;
};

static void
on_problem(void *ctx, enum wn_status st, const struct wn_error *e)
{
	struct problems *p = ctx;

	p->n++;
	p->last = st;
	p->line = e->line;
}

static const char input[] =
    "{\"id\":1,\"text\":\"The first record of the stream, kept as it is.\"}\n"
    "not json at all\n"
    "{\"id\":2,\"text\":\"The second record, with another sentence.\"}\n"
    "{\"id\":3,\"text\":\"The first record of the stream, kept as it is.\"}\n";

/* Push input in pieces of size piece through a pipeline of threads. */
static char *
run(size_t piece, int threads, struct problems *pr, uint64_t *out_records)
{
	struct wn_buf out = { NULL, 0, 0 };
	struct wn_sink sink = { "memory", -1, collect, &out };
	struct wn_sinks sinks = { &sink, NULL, NULL, NULL };
	struct wn_report rep = { on_problem, NULL, pr };
	struct wn_options o;
	struct wn_pipeline *p;
	struct wn_error e;
	size_t i;

	wn_options_default(&o);
	o.compress = 0;
	o.threads = threads;
	o.boilerplate = WN_BOILERPLATE_OFF;
	ck_assert_int_eq(wn_pipeline_new(&o, &sinks, &rep, &p, &e), WN_OK);
	ck_assert_int_eq(wn_pipeline_begin(p, "mem"), WN_OK);
	for (i = 0; i < sizeof(input) - 1; i += piece)
		ck_assert_int_eq(
		    wn_pipeline_push(p, input + i,
		        i + piece < sizeof(input) - 1 ? piece :
		                                        sizeof(input) - 1 - i),
		    WN_OK);
	ck_assert_int_eq(wn_pipeline_end(p), WN_OK);
	ck_assert_int_eq(wn_pipeline_finish(p), WN_OK);
	ck_assert_int_eq(wn_pipeline_status(p), WN_EDATA);
	ck_assert(!wn_pipeline_stopped(p));
	*out_records = wn_pipeline_stats(p)->records_out;
	wn_pipeline_free(p);
	wn_buf_putc(&out, '\0');
	return out.data;
}

START_TEST(test_memory_input)
{
	struct problems pr = { 0, WN_OK, 0 };
	uint64_t n;
	char *whole = run(4096, 1, &pr, &n), *other;
	static const size_t pieces[] = { 1, 7, 100 };
	size_t i;

	ck_assert_uint_eq(n, 2); /* record 3 repeats record 1 */
	ck_assert_int_eq(pr.n, 1);
	ck_assert_int_eq(pr.last, WN_EDATA);
	ck_assert_uint_eq(pr.line, 2);
	ck_assert_ptr_nonnull(strstr(whole, "\"id\":2"));
	ck_assert_ptr_null(strstr(whole, "\"id\":3"));
	for (i = 0; i < 3; i++) {
		other = run(pieces[i], 1 + (int)i % 2, &pr, &n);
		ck_assert_str_eq(other, whole);
		free(other);
	}
	free(whole);
}
END_TEST

/* Documents given whole, text and HTML; flush() puts what was given in
 * the sink at once; the explain sink gets a line a paragraph. */
START_TEST(test_documents_and_flush)
{
	struct wn_buf out = { NULL, 0, 0 }, ex = { NULL, 0, 0 };
	struct wn_sink sink = { "memory", -1, collect, &out };
	struct wn_sink exs = { "explain", -1, collect, &ex };
	struct wn_sinks sinks = { &sink, &exs, NULL, NULL };
	static const char page[] =
	    "<html><head><title>T</title></head>"
	    "<body><nav><a href=/>Home</a></nav><p>The council met on "
	    "Tuesday and voted to repair the old bridge before winter.</p>"
	    "</body></html>";
	struct wn_document d = { "A plain text document, one line of it.", 38,
		0, "doc-1", 5, "https://x.example/1", 19 };
	struct wn_options o;
	struct wn_pipeline *p;
	struct wn_error e;

	wn_options_default(&o);
	o.compress = 0;
	o.threads = 2;
	ck_assert_int_eq(wn_pipeline_new(&o, &sinks, NULL, &p, &e), WN_OK);
	ck_assert_int_eq(wn_pipeline_document(p, &d), WN_OK);
	ck_assert_int_eq(wn_pipeline_flush(p), WN_OK);
	wn_buf_putc(&out, '\0');
	ck_assert_ptr_nonnull(strstr(out.data, "\"id\":\"doc-1\""));
	ck_assert_ptr_nonnull(strstr(out.data, "x.example"));
	out.len = 0;
	d.text = page;
	d.text_len = sizeof(page) - 1;
	d.html = 1;
	d.id = NULL;
	d.url = NULL;
	ck_assert_int_eq(wn_pipeline_document(p, &d), WN_OK);
	ck_assert_int_eq(wn_pipeline_finish(p), WN_OK);
	wn_buf_putc(&out, '\0');
	ck_assert_ptr_nonnull(strstr(out.data, "voted to repair"));
	ck_assert_ptr_null(strstr(out.data, "Home"));
	ck_assert_ptr_nonnull(strstr(out.data, "\"title\":\"T\""));
	wn_buf_putc(&ex, '\0');
	ck_assert_ptr_nonnull(strstr(ex.data, "\"text\":\"Home\""));
	wn_pipeline_free(p);
	wn_buf_free(&out);
	wn_buf_free(&ex);
}
END_TEST

/* The state: saved and committed only when asked; a second pipeline on
 * it emits nothing of what the first did. */
START_TEST(test_state_session)
{
	char dir[] = "/tmp/check-pipeline.XXXXXX", path[64], lock[72];
	struct wn_buf out = { NULL, 0, 0 };
	struct wn_sink sink = { "memory", -1, collect, &out };
	struct wn_sinks sinks = { &sink, NULL, NULL, NULL };
	struct wn_document d = { "A sentence that only the first run may "
		                 "emit, once.",
		50, 0, NULL, 0, NULL, 0 };
	struct wn_options o;
	struct wn_pipeline *p;
	struct wn_error e;
	int k;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/s", dir);
	snprintf(lock, sizeof(lock), "%s.lock", path);
	wn_options_default(&o);
	o.compress = 0;
	o.boilerplate = WN_BOILERPLATE_OFF;
	o.state = path;
	for (k = 0; k < 3; k++) {
		out.len = 0;
		ck_assert_int_eq(
		    wn_pipeline_new(&o, &sinks, NULL, &p, &e), WN_OK);
		ck_assert_int_eq(wn_pipeline_document(p, &d), WN_OK);
		ck_assert_int_eq(wn_pipeline_finish(p), WN_OK);
		if (k == 0) {
			/* saved but not committed: freed, it is gone */
			ck_assert_int_eq(wn_pipeline_save(p, &e), WN_OK);
			wn_pipeline_free(p);
			ck_assert_int_eq(access(path, F_OK), -1);
			continue;
		}
		ck_assert_int_eq(wn_pipeline_save(p, &e), WN_OK);
		ck_assert_int_eq(wn_pipeline_commit(p, &e), WN_OK);
		ck_assert_uint_eq(
		    wn_pipeline_stats(p)->records_out, k == 1 ? 1 : 0);
		wn_pipeline_free(p);
	}
	ck_assert_int_eq(access(path, F_OK), 0);
	unlink(path);
	unlink(lock);
	rmdir(dir);
	wn_buf_free(&out);
}
END_TEST

START_TEST(test_options_and_version)
{
	struct wn_sink sink = { "x", 1, NULL, NULL };
	struct wn_sinks sinks = { &sink, NULL, NULL, NULL };
	struct wn_options o;
	struct wn_pipeline *p = (struct wn_pipeline *)&sink;
	struct wn_error e;
	enum wn_from f;

	ck_assert_str_eq(WN_VERSION, PACKAGE_VERSION);
	ck_assert_ptr_nonnull(strstr(wn_version_string(), WN_VERSION));
	wn_options_default(&o);
	o.text_field = o.id_field = "same";
	ck_assert_int_eq(wn_pipeline_new(&o, &sinks, NULL, &p, &e), WN_EUSAGE);
	ck_assert_ptr_null(p);
	wn_options_default(&o);
	ck_assert_int_eq(wn_pipeline_new(&o, NULL, NULL, &p, &e), WN_EUSAGE);
	ck_assert_int_eq(wn_from_parse("wet", &f), 0);
	ck_assert_int_eq(f, WN_FROM_WARC);
	ck_assert_int_eq(wn_from_parse("pdf", &f), -1);
	ck_assert_int_eq(wn_lang_find(wn_lang_name(3)), 3);
	wn_pipeline_free(NULL);
}
END_TEST

Suite *
pipeline_suite(void)
{
	Suite *s = suite_create("pipeline");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_memory_input);
	tcase_add_test(tc, test_documents_and_flush);
	tcase_add_test(tc, test_state_session);
	tcase_add_test(tc, test_options_and_version);
	suite_add_tcase(s, tc);
	return s;
}
