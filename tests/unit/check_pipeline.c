/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_pipeline.c - the public API (winnow.h): a pipeline fed from
 * memory and documents into callback sinks, in order, whatever the
 * pieces and the threads; flush; problems reported; counters; the state
 * session's save and commit; the version. */
#include "config.h"

#include <stdarg.h>
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

/* A text document's first line shaped like a headline becomes its
 * title, out of the text; with titled set (the caller holds one) it
 * stays text. */
START_TEST(test_document_titled)
{
	struct wn_buf out = { NULL, 0, 0 };
	struct wn_sink sink = { "memory", -1, collect, &out };
	struct wn_sinks sinks = { &sink, NULL, NULL, NULL };
	static const char text[] =
	    "Council votes to repair the old bridge\n\n"
	    "The town council met on Tuesday evening and voted, after a long "
	    "debate about the cost, to repair the old stone bridge over the "
	    "river before the first frost of the coming winter.";
	struct wn_document d = { text, sizeof(text) - 1, 0, "d1", 2, NULL, 0,
		0 };
	struct wn_options o;
	struct wn_pipeline *p;
	struct wn_error e;
	int titled;

	for (titled = 0; titled <= 1; titled++) {
		wn_options_default(&o);
		o.compress = 0;
		o.boilerplate = WN_BOILERPLATE_OFF; /* the short line stays */
		out.len = 0;
		d.titled = titled;
		ck_assert_int_eq(
		    wn_pipeline_new(&o, &sinks, NULL, &p, &e), WN_OK);
		ck_assert_int_eq(wn_pipeline_document(p, &d), WN_OK);
		ck_assert_int_eq(wn_pipeline_finish(p), WN_OK);
		wn_buf_putc(&out, '\0');
		if (titled) {
			ck_assert_ptr_null(strstr(out.data, "\"title\""));
			ck_assert_ptr_nonnull(strstr(
			    out.data, "\"text\":\"Council votes to repair"));
		} else {
			ck_assert_ptr_nonnull(strstr(out.data,
			    "\"title\":\"Council votes to repair the old "
			    "bridge\""));
			ck_assert_ptr_nonnull(
			    strstr(out.data, "\"text\":\"The town council"));
		}
		wn_pipeline_free(p);
	}
	wn_buf_free(&out);
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

/* The text of an HTML page through the public API (HTML document). */
static char *
page_text(const char *page)
{
	struct wn_buf out = { NULL, 0, 0 };
	struct wn_sink sink = { "memory", -1, collect, &out };
	struct wn_sinks sinks = { &sink, NULL, NULL };
	struct wn_document d = { page, strlen(page), 1, NULL, 0, NULL, 0 };
	struct wn_options o;
	struct wn_pipeline *p;
	struct wn_error e;

	wn_options_default(&o);
	o.compress = 0;
	o.to = WN_TO_TEXT;
	ck_assert_int_eq(wn_pipeline_new(&o, &sinks, NULL, &p, &e), WN_OK);
	ck_assert_int_eq(wn_pipeline_document(p, &d), WN_OK);
	ck_assert_int_eq(wn_pipeline_finish(p), WN_OK);
	wn_pipeline_free(p);
	wn_buf_putc(&out, '\0');
	return out.data;
}

/* page_text() of the page printf() makes of fmt and its arguments. */
static char *
page_textf(const char *fmt, ...)
{
	char page[8192];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(page, sizeof(page), fmt, ap);
	va_end(ap);
	ck_assert(n >= 0 && (size_t)n < sizeof(page));
	return page_text(page);
}

/* Is needle in the text t exactly when kept says it should be? */
static void
kept_iff(const char *t, const char *needle, int kept)
{
	ck_assert_msg((strstr(t, needle) != NULL) == (kept != 0), "\"%s\" %s",
	    needle, kept ? "was removed" : "was kept");
}

static const char *const para[] = {
	"<p>The council met on Tuesday evening to talk about the bridge and "
	"decided to wait for the report before it votes.</p>",
	"<p>Farmers in the valley said the late frost had cost them a third of "
	"the apple harvest this spring, and prices rose.</p>",
	"<p>The museum will reopen its east wing next month after two years "
	"of work on the roof, the windows and the old stairs.</p>",
	"<p>Teachers at the school asked for smaller classes, saying that "
	"thirty children in one room is too many to teach well.</p>",
	"<p>A new bus line will link the station with the hospital from June, "
	"running every ten minutes during the day.</p>",
	"<p>The river rose by two metres overnight after heavy rain, and the "
	"road along the bank was closed until Friday.</p>",
	"<p>Shops in the old town will stay open later on Thursdays, the "
	"traders said, hoping to bring back evening visitors.</p>",
};

/* Rules that judge the page's structure by its text: a chrome-named
 * wrapper holding most of the text is not chrome; in the main box a
 * link whose text is a sentence-shaped summary is kept, a short link
 * is not. */
START_TEST(test_html_rules)
{
	char page[4096], *t;
	int k;

	/* three paragraphs outside any chrome make chrome marks trusted;
	 * the wrapper named footer holds four: more than half the text, so
	 * its name is a mistake, and so is a <header>'s (HTML gives one to
	 * every section); a <footer> is chrome however much it holds */
	for (k = 0; k < 3; k++) {
		static const char *const open[] = {
			"<div class=\"site-footer-area\">", "<header>",
			"<footer>"
		};
		static const char *const close[] = { "</div>", "</header>",
			"</footer>" };

		t = page_textf(
		    "<html><body><div>%s%s%s</div>%s%s%s%s%s%s<footer><p>"
		    "Copyright 2026 The Paper</p></footer></body></html>",
		    para[4], para[5], para[6], open[k], para[0], para[1],
		    para[2], para[3], close[k]);
		ck_assert_ptr_nonnull(strstr(t, "every ten minutes"));
		kept_iff(t, "the bridge", k < 2);
		kept_iff(t, "too many to teach", k < 2);
		ck_assert_ptr_null(strstr(t, "Copyright"));
		free(t);
	}
	t = page_textf(
	    "<html><body><article>%s%s<ul><li><a href=/a>The mayor said on "
	    "Monday that the new library will open in the spring after two "
	    "years of work on its roof.</a></li><li><a href=/b>More news</a>"
	    "</li></ul>%s</article></body></html>",
	    para[0], para[1], para[2]);
	ck_assert_ptr_nonnull(strstr(t, "new library will open"));
	ck_assert_ptr_null(strstr(t, "More news"));
	free(t);
	/* between the article's paragraphs, a heading that is a link and
	 * leads into text is a section's title; headings that are links
	 * one after another are teasers */
	t = page_textf(
	    "<html><body><article>%s<h2><a href=/s>The station plan</a></h2>"
	    "%s<h3><a href=/t1>Mayor opens the fair</a></h3><h3><a href=/t2>"
	    "Rain closes the road</a></h3>%s%s</article></body></html>",
	    para[0], para[1], para[2], para[3]);
	ck_assert_ptr_nonnull(strstr(t, "The station plan"));
	ck_assert_ptr_null(strstr(t, "Mayor opens"));
	ck_assert_ptr_null(strstr(t, "Rain closes"));
	free(t);
	/* cards after the article, each a linked title over a summary of
	 * sentences, are teasers: their summaries count nothing, and the
	 * text ends with the article; with titles that are no links, or
	 * links to the place in the page (a section's own anchor), the same
	 * boxes are sections of the text */
	for (k = 0; k < 3; k++) {
		static const char *const card =
		    "<div class=card><h3>%s%s%s</h3><p>%s</p></div>";
		static const char *const open[] = { "<a href=/n/1>", "",
			"<a href=\"#late\">" };
		const char *a = open[k], *z = k == 1 ? "" : "</a>";
		size_t n;

		n = (size_t)snprintf(page, sizeof(page),
		    "<html><body><main><div class=wrap><article>%s%s%s%s"
		    "</article><div class=grid>",
		    para[0], para[1], para[2], para[3]);
		n += (size_t)snprintf(page + n, sizeof(page) - n, card, a,
		    "Late opening in the old town", z,
		    "Shops in the old town will stay open later on Thursdays, "
		    "the traders said, hoping to bring back the evening "
		    "visitors who went to the new mall on the edge of town.");
		n += (size_t)snprintf(page + n, sizeof(page) - n, card, a,
		    "River closes the bank road", z,
		    "The river rose by two metres overnight after heavy rain, "
		    "and the road along the bank was closed until Friday while "
		    "workers checked the old walls for any damage.");
		snprintf(page + n, sizeof(page) - n,
		    "</div></div></main></body></html>");
		t = page_text(page);
		ck_assert_ptr_nonnull(strstr(t, "too many to teach"));
		kept_iff(t, "stay open later", k != 0);
		kept_iff(t, "closed until Friday", k != 0);
		free(t);
	}
	/* a heading that heads nothing kept (the title of a link list
	 * removed under it) goes, inside the text or at its end; a section's
	 * heading over its subsection's stays */
	t = page_textf(
	    "<html><body><article><h2>The plan</h2><h3>The money</h3>%s%s"
	    "<h2>Elsewhere in town</h2><ul><li><a href=/r1>Fair</a></li><li><a "
	    "href=/r2>Road</a></li><li><a href=/r3>Vote</a></li></ul>"
	    "<h2>The vote</h2>%s%s<h2>The week ahead</h2><ul><li><a href=/s1>"
	    "Mayor opens the fair</a></li><li><a href=/s2>Rain closes the "
	    "road</a></li></ul></article></body></html>",
	    para[0], para[1], para[2], para[3]);
	kept_iff(t, "The plan", 1);
	kept_iff(t, "The money", 1);
	kept_iff(t, "The vote", 1);
	kept_iff(t, "too many to teach", 1);
	kept_iff(t, "Elsewhere in town", 0);
	kept_iff(t, "The week ahead", 0);
	kept_iff(t, "Mayor opens", 0);
	free(t);
	/* a heading removed (a phrase) between a section's heading and its
	 * text ends no section */
	t = page_textf(
	    "<html><body><article><h2>What critics say</h2><h3>Advertisement"
	    "</h3>%s%s%s</article></body></html>",
	    para[0], para[1], para[2]);
	kept_iff(t, "What critics say", 1);
	kept_iff(t, "Advertisement", 0);
	free(t);
	/* the main box's tail: past the share bar after the last paragraph,
	 * a line that is not prose and leads into nothing goes; the sign-off
	 * right under the paragraph stays */
	t = page_textf(
	    "<html><body><article>%s%s%s<p>Yours, Ann</p><ul><li><a href=/f>"
	    "Facebook</a></li><li><a href=/x>X</a></li><li><a href=/m>Mail"
	    "</a></li></ul><p>Filed in: Town</p><p>7 May 2026</p></article>"
	    "</body></html>",
	    para[0], para[1], para[2]);
	kept_iff(t, "the old stairs", 1);
	kept_iff(t, "Yours, Ann", 1);
	kept_iff(t, "Filed in: Town", 0);
	kept_iff(t, "7 May 2026", 0);
	free(t);
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

/* A page whose text is all links (a listing of teasers, each a short
 * sentence): the first pass keeps nothing, the second, without the link
 * and chrome rules, keeps the teasers; a page whose links are a menu
 * stays empty. */
START_TEST(test_html_fallback)
{
	static const char *const teaser[] = { "Council delays the vote on the "
		                              "old bridge again.",
		"Farmers count the cost of a late spring frost.",
		"The museum reopens its east wing next month.",
		"Teachers ask the town for smaller classes soon.",
		"A new bus line will link station and hospital.",
		"River rises two metres after a night of rain." };
	char page[4096], *t;
	size_t i, n = 0;

	n += (size_t)snprintf(
	    page + n, sizeof(page) - n, "<html><body><div class=\"grid\"><ul>");
	for (i = 0; i < 6; i++)
		n += (size_t)snprintf(page + n, sizeof(page) - n,
		    "<li><a href=\"/n/%zu\">%s</a></li>", i, teaser[i]);
	snprintf(page + n, sizeof(page) - n, "</ul></div></body></html>");
	t = page_text(page);
	ck_assert_ptr_nonnull(strstr(t, "smaller classes"));
	ck_assert_ptr_nonnull(strstr(t, "night of rain"));
	free(t);
	t = page_text("<html><body><ul><li><a href=/>Home</a></li><li><a "
	              "href=/n>News</a></li><li><a href=/s>Sport</a></li>"
	              "</ul></body></html>");
	ck_assert_str_eq(t, "");
	free(t);
}
END_TEST

/* A page's list (four items or more of one kind: a tag and a class
 * word) is its text when the text around it is no article: a shop's
 * product cards, their linked titles and prices; beside an article the
 * same cards stay out. */
START_TEST(test_html_list)
{
	static const char *const item[] = { "Linen shirt", "Wool scarf",
		"Canvas bag", "Leather belt", "Cotton socks" };
	char page[8192], *t;
	size_t i, n = 0, k;

	for (k = 0; k < 2; k++) {
		n = (size_t)snprintf(page, sizeof(page),
		    "<html><body><main><h1>Summer sale</h1>%s%s"
		    "<div class=\"grid products\">",
		    k ? para[0] : "<p>Our picks for the warm days ahead.</p>",
		    k ? para[1] : "");
		for (i = 0; i < 5; i++)
			n += (size_t)snprintf(page + n, sizeof(page) - n,
			    "<div class=\"product-card\"><h3><a href=/p/%zu>%s"
			    "</a></h3><p class=price>$%zu.00</p><button>Add to "
			    "cart</button></div>",
			    i, item[i], 20 + i);
		snprintf(page + n, sizeof(page) - n,
		    "</div>%s%s</main><footer><p>Copyright 2026 The Shop</p>"
		    "</footer></body></html>",
		    k ? para[2] : "", k ? para[3] : "");
		t = page_text(page);
		if (k == 0) {
			ck_assert_ptr_nonnull(strstr(t, "Linen shirt"));
			ck_assert_ptr_nonnull(strstr(t, "$24.00"));
		} else {
			ck_assert_ptr_nonnull(strstr(t, "too many to teach"));
			ck_assert_ptr_null(strstr(t, "Linen shirt"));
		}
		ck_assert_ptr_null(strstr(t, "Add to cart"));
		ck_assert_ptr_null(strstr(t, "Copyright"));
		free(t);
	}
}
END_TEST

/* A forum thread (its canonical URL, or schema.org's
 * DiscussionForumPosting) is its posts: replies in elements named
 * "comment", after a "Replies" heading, are its text; the same page as
 * an article loses them. */
START_TEST(test_html_thread)
{
	static const char *const head[] = {
		"<link rel=canonical "
		"href=\"https://f.example/threads/bridge.12/\">",
		"<script type=\"application/ld+json\">{\"@type\":"
		"\"DiscussionForumPosting\"}</script>",
		"<link rel=canonical href=\"https://news.example/2026/bridge\">"
	};
	char *t;
	size_t k;

	for (k = 0; k < 3; k++) {
		t = page_textf(
		    "<html><head>%s</head><body><article>%s%s%s%s</article>"
		    "<h3>Replies</h3>"
		    "<div class=\"comment\"><span>ann</span>%s</div>"
		    "<div class=\"comment\"><span>bob</span>%s</div>"
		    "</body></html>",
		    head[k], para[0], para[1], para[2], para[3], para[4],
		    para[5]);
		ck_assert_ptr_nonnull(strstr(t, "the bridge"));
		kept_iff(t, "every ten minutes", k < 2);
		kept_iff(t, "two metres", k < 2);
		free(t);
	}
}
END_TEST

static size_t
count(const char *s, const char *sub)
{
	size_t n = 0;

	while ((s = strstr(s, sub)) != NULL) {
		n++;
		s++;
	}
	return n;
}

/* In HTML a short line that repeats inside the page (a table's cells) is
 * kept; a long one, or a short one in plain text, goes as a repeat. */
START_TEST(test_html_short_repeats)
{
	static const char row[] =
	    "<tr><td>%s</td><td>Step-free access at the platform</td></tr>";
	char rows[1024], *t;
	struct wn_buf out = { NULL, 0, 0 };
	struct wn_sink sink = { "memory", -1, collect, &out };
	struct wn_sinks sinks = { &sink, NULL, NULL };
	struct wn_document d;
	struct wn_options o;
	struct wn_pipeline *p;
	struct wn_error e;
	static const char text[] =
	    "The council met on Tuesday evening to talk about the bridge.\n"
	    "Step-free access at the platform\n"
	    "Farmers in the valley said the late frost had cost them a lot.\n"
	    "Step-free access at the platform\n";
	size_t n;

	n = (size_t)snprintf(rows, sizeof(rows), row, "Station");
	snprintf(rows + n, sizeof(rows) - n, row, "Hospital");
	t = page_textf(
	    "<html><body><article>%s%s<table>%s</table>%s%s</article>"
	    "</body></html>",
	    para[0], para[1], rows, para[2], para[2]);
	ck_assert_uint_eq(count(t, "Step-free access"), 2);
	ck_assert_uint_eq(count(t, "east wing"), 1);
	free(t);
	wn_options_default(&o);
	o.compress = 0;
	o.to = WN_TO_TEXT;
	o.boilerplate = WN_BOILERPLATE_OFF; /* repeats alone */
	ck_assert_int_eq(wn_pipeline_new(&o, &sinks, NULL, &p, &e), WN_OK);
	memset(&d, 0, sizeof(d));
	d.text = text;
	d.text_len = sizeof(text) - 1;
	ck_assert_int_eq(wn_pipeline_document(p, &d), WN_OK);
	ck_assert_int_eq(wn_pipeline_finish(p), WN_OK);
	wn_pipeline_free(p);
	wn_buf_putc(&out, '\0');
	ck_assert_uint_eq(count(out.data, "Step-free access"), 1);
	free(out.data);
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
	tcase_add_test(tc, test_document_titled);
	tcase_add_test(tc, test_state_session);
	tcase_add_test(tc, test_options_and_version);
	tcase_add_test(tc, test_html_rules);
	tcase_add_test(tc, test_html_fallback);
	tcase_add_test(tc, test_html_list);
	tcase_add_test(tc, test_html_thread);
	tcase_add_test(tc, test_html_short_repeats);
	suite_add_tcase(s, tc);
	return s;
}
