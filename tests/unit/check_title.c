/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_title.c - headlines: the site suffix, the shape of a headline,
 * the first line of text, JSON Lines and WET records, the HTML headline
 * (og:title, <h1>, <title>) and its block out of the text, and
 * metadata.title in the output of a pipeline. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "suites.h"
#include "title.h"
#include "winnow.h"

static size_t
site_less(const char *s)
{
	return title_site_less(s, strlen(s));
}

START_TEST(test_site_less)
{
	ck_assert_uint_eq(site_less("Floods close roads | The Herald"), 18);
	ck_assert_uint_eq(site_less("Floods close roads - The Herald  "), 18);
	/* the last separator; an en dash, a middle dot */
	ck_assert_uint_eq(
	    site_less("Vote - Round two \xE2\x80\x93 BBC News"), 16);
	ck_assert_uint_eq(site_less("Recipes \xC2\xB7 Kitchen"), 7);
	/* more than 5 words after it: a headline in two parts */
	ck_assert_uint_eq(
	    site_less("Storm - the town that lost its only bridge road"), 47);
	/* nothing before it, no separator, a hyphen in a word */
	ck_assert_uint_eq(site_less(" - Herald"), 9);
	ck_assert_uint_eq(site_less("Well-known bakery reopens"), 25);
	ck_assert_uint_eq(site_less(""), 0);
}
END_TEST

static int
shaped(const char *s)
{
	return title_shaped(s, strlen(s));
}

START_TEST(test_shaped)
{
	ck_assert(shaped("Ad sales boost Time Warner profit"));
	ck_assert(shaped("iTunes now selling Band Aid song"));
	ck_assert(shaped("$1m payoff for former Shell boss"));
	ck_assert(shaped("Is the bridge safe?"));
	ck_assert(shaped("\xC3\x89lections : le second tour"));
	ck_assert(shaped("\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xAE\xE5\xA4\xA9"
	                 "\xE6\xB0\x97")); /* five CJK characters */
	ck_assert(!shaped("The council met on Tuesday."));
	ck_assert(!shaped("and then the council met, and"));
	ck_assert(!shaped("Rivals of the new phone\xE2\x80\xA6"));
	ck_assert(!shaped("Read more at https://x.example/a"));
	ck_assert(!shaped("Word"));
	ck_assert(!shaped("- Home - News"));
	ck_assert(!shaped("One two three four five six seven eight nine ten "
	                  "eleven twelve thirteen fourteen fifteen sixteen "
	                  "seventeen eighteen nineteen twenty twentyone"));
}
END_TEST

START_TEST(test_key)
{
	char a[64], b[64];
	size_t na = title_key("Floods: close, ROADS!", 21, a, sizeof(a)),
	       nb = title_key("floods close roads", 18, b, sizeof(b));

	ck_assert_uint_eq(na, nb);
	ck_assert(memcmp(a, b, na) == 0);
	ck_assert_uint_eq(title_key("abcdef", 6, a, 3), 3);
}
END_TEST

static const char body[] =
    "The river rose overnight and several roads in the town centre were "
    "closed by the police this morning after the heaviest rain in years.\n";

static struct record
text_record(enum input_format f, const char *text)
{
	struct record r;

	memset(&r, 0, sizeof(r));
	r.format = f;
	r.text.p = text;
	r.text.n = strlen(text);
	return r;
}

START_TEST(test_find_text)
{
	char text[512];
	struct wn_buf b = { NULL, 0, 0 };
	struct record r;

	/* a headline line, then the body: taken out */
	snprintf(text, sizeof(text), "\nFloods close roads\n\n%s", body);
	r = text_record(INPUT_TEXT, text);
	ck_assert_int_eq(title_find(&r, &b), WN_OK);
	ck_assert_uint_eq(r.title.n, 18);
	ck_assert(memcmp(r.title.p, "Floods close roads", 18) == 0);
	ck_assert_uint_eq(r.text.n, strlen(body) + 1);
	/* a sentence first: nothing */
	r = text_record(INPUT_TEXT, body);
	ck_assert_int_eq(title_find(&r, &b), WN_OK);
	ck_assert_uint_eq(r.title.n, 0);
	ck_assert_uint_eq(r.text.n, strlen(body));
	/* too little body after it */
	r = text_record(INPUT_TEXT, "Floods close roads\nThe river rose.\n");
	ck_assert_int_eq(title_find(&r, &b), WN_OK);
	ck_assert_uint_eq(r.title.n, 0);
	/* WET: the first line, less its site, though not headline-shaped */
	snprintf(text, sizeof(text), "floods close roads - Herald\n%s", body);
	r = text_record(INPUT_WARC, text);
	ck_assert_int_eq(title_find(&r, &b), WN_OK);
	ck_assert_uint_eq(r.title.n, 18);
	ck_assert(r.text.p == text + 28);
	/* JSON Lines with a title of its own, or a report: left alone */
	snprintf(text, sizeof(text), "Floods close roads\n%s", body);
	r = text_record(INPUT_JSONL, text);
	r.jsonl.meta_title = 1;
	ck_assert_int_eq(title_find(&r, &b), WN_OK);
	ck_assert_uint_eq(r.title.n, 0);
	r = text_record(INPUT_JSONL, text);
	r.jsonl.winnow.type = JSON_OBJECT;
	ck_assert_int_eq(title_find(&r, &b), WN_OK);
	ck_assert_uint_eq(r.title.n, 0);
	r = text_record(INPUT_JSONL, text);
	ck_assert_int_eq(title_find(&r, &b), WN_OK);
	ck_assert_uint_eq(r.title.n, 18);
	wn_buf_free(&b);
}
END_TEST

static void
extract(struct html_doc *d, const char *page)
{
	ck_assert_int_eq(html_extract(page, strlen(page), NULL, d), WN_OK);
	wn_buf_putc(&d->headline, '\0');
	d->headline.len--;
	wn_buf_putc(&d->text, '\0');
	d->text.len--;
}

START_TEST(test_html)
{
	struct html_doc d;

	memset(&d, 0, sizeof(d));
	/* og:title (entities decoded) wins; the <h1> equal to it leaves */
	extract(&d,
	    "<title>Floods close roads | The Herald</title>"
	    "<meta property=\"og:title\" content=\"Floods close &amp; roads\">"
	    "<h1>Floods close &amp; roads</h1><p>The river rose.</p>");
	ck_assert_str_eq(d.headline.data, "Floods close & roads");
	ck_assert_str_eq(d.text.data, "The river rose.\n");
	ck_assert_uint_eq(d.nblock, 1);
	/* no og:title: the <h1> sharing the title's words */
	extract(&d,
	    "<title>Floods close all the roads - Herald</title>"
	    "<h1>Herald</h1><h1>Floods close the roads</h1>"
	    "<p>The river rose.</p>");
	ck_assert_str_eq(d.headline.data, "Floods close the roads");
	ck_assert_str_eq(d.text.data, "Herald\nThe river rose.\n");
	/* an <h1> that is the site's name: <title> less its suffix, and the
	 * <h1> stays */
	extract(&d,
	    "<title>Floods close roads - Herald</title>"
	    "<h1>The Herald Daily</h1><p>The river rose.</p>");
	ck_assert_str_eq(d.headline.data, "Floods close roads");
	ck_assert_str_eq(d.text.data, "The Herald Daily\nThe river rose.\n");
	/* an <h1> in a <nav> is chrome, not the headline */
	extract(&d,
	    "<title>Floods close roads</title>"
	    "<nav><h1>Floods close roads</h1></nav><p>The river rose.</p>");
	ck_assert_str_eq(d.headline.data, "Floods close roads");
	ck_assert_uint_eq(d.nblock, 2);
	/* og:title inside a paragraph leaves the paragraph whole */
	extract(&d,
	    "<p>The river <meta property=\"og:title\" content=\"X Y\">rose "
	    "overnight.</p>");
	ck_assert_str_eq(d.headline.data, "X Y");
	ck_assert_str_eq(d.text.data, "The river rose overnight.\n");
	/* none */
	extract(&d, "<p>The river rose.</p>");
	ck_assert_uint_eq(d.headline.len, 0);
	html_doc_free(&d);
}
END_TEST

static int
collect(void *ctx, const void *p, size_t n)
{
	struct wn_buf *b = ctx;

	return wn_buf_append(b, p, n) == WN_OK ? 0 : -1;
}

/* metadata.title in JSON Lines output: a new metadata object, first in
 * an existing one, none when the record has a title. */
START_TEST(test_pipeline)
{
	static const char in[] =
	    "{\"id\":1,\"text\":\"Floods close roads\\nThe river rose "
	    "overnight and several roads in the town centre were closed by "
	    "the police this morning after the heaviest rain.\"}\n"
	    "{\"id\":2,\"text\":\"Bridge vote delayed\\nThe council did not "
	    "vote on Tuesday on the repair of the stone bridge because two of "
	    "its members were ill and one was away.\",\"metadata\":{\"a\":1}}\n"
	    "{\"id\":3,\"title\":\"T\",\"text\":\"School opens early\\nThe new "
	    "school on the hill opened its doors a week early, as the builders "
	    "finished the roof and the hall before the deadline.\"}\n";
	struct wn_buf out = { NULL, 0, 0 };
	struct wn_sink sink = { "memory", -1, collect, &out };
	struct wn_sinks sinks = { &sink, NULL, NULL };
	struct wn_options o;
	struct wn_pipeline *p;
	struct wn_error e;

	wn_options_default(&o);
	o.compress = 0;
	o.threads = 1;
	ck_assert_int_eq(wn_pipeline_new(&o, &sinks, NULL, &p, &e), WN_OK);
	ck_assert_int_eq(wn_pipeline_begin(p, "mem"), WN_OK);
	ck_assert_int_eq(wn_pipeline_push(p, in, sizeof(in) - 1), WN_OK);
	ck_assert_int_eq(wn_pipeline_end(p), WN_OK);
	ck_assert_int_eq(wn_pipeline_finish(p), WN_OK);
	wn_pipeline_free(p);
	wn_buf_putc(&out, '\0');
	ck_assert_ptr_nonnull(
	    strstr(out.data, "\"text\":\"The river rose overnight"));
	ck_assert_ptr_nonnull(strstr(out.data,
	    "heaviest rain.\",\"metadata\":{\"title\":\"Floods close "
	    "roads\",\"winnow\":"));
	ck_assert_ptr_nonnull(strstr(out.data,
	    "\"metadata\":{\"title\":\"Bridge vote delayed\",\"winnow\":"));
	ck_assert_ptr_nonnull(strstr(out.data, "\"a\":1}"));
	/* record 3 has a title: its first line is judged as text (and goes
	 * as boilerplate), no metadata.title */
	ck_assert_ptr_nonnull(
	    strstr(out.data, "the deadline.\",\"metadata\":{\"winnow\":"));
	ck_assert_ptr_null(strstr(out.data, "\"title\":\"School"));
	free(out.data);
}
END_TEST

Suite *
title_suite(void)
{
	Suite *s = suite_create("title");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_site_less);
	tcase_add_test(tc, test_shaped);
	tcase_add_test(tc, test_key);
	tcase_add_test(tc, test_find_text);
	tcase_add_test(tc, test_html);
	tcase_add_test(tc, test_pipeline);
	suite_add_tcase(s, tc);
	return s;
}
