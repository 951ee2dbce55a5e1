/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_clean.c - one document through normalization, paragraphs and
 * exact duplicate removal. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "suites.h"

struct fixture {
	struct clean *c;
	struct clean_doc doc;
};

static void
clean(struct fixture *f, const char *text)
{
	struct record in;

	memset(&in, 0, sizeof(in));
	in.text.p = text;
	in.text.n = strlen(text);
	ck_assert_int_eq(clean_document(f->c, &in, &f->doc), WN_OK);
	wn_buf_putc(&f->doc.text, '\0');
	f->doc.text.len--;
}

static void
setup(struct fixture *f)
{
	struct clean_options o;

	memset(f, 0, sizeof(*f));
	clean_options_default(&o);
	o.boilerplate = BOILERPLATE_OFF; /* duplicates only here */
	f->c = clean_new(&o);
	ck_assert_ptr_nonnull(f->c);
}

static void
teardown(struct fixture *f)
{
	clean_doc_free(&f->doc);
	clean_free(f->c);
}

START_TEST(test_repeat_within_document)
{
	struct fixture f;

	setup(&f);
	clean(&f,
	    "Title\n\nPhoto by: AP\nPhoto by: AP\n\nBody text.\n"
	    "Body text.\n");
	ck_assert_str_eq(
	    f.doc.text.data, "Title\n\nPhoto by: AP\n\nBody text.");
	ck_assert_uint_eq(f.doc.paragraphs_in, 5);
	ck_assert_uint_eq(f.doc.paragraphs_out, 3);
	ck_assert_uint_eq(f.doc.removed[CLEAN_REPEAT], 2);
	ck_assert_uint_eq(f.doc.removed[CLEAN_DUPLICATE], 0);
	ck_assert_int_eq(f.doc.dropped, 0);
	teardown(&f);
}
END_TEST

START_TEST(test_duplicate_across_documents)
{
	struct fixture f;

	setup(&f);
	clean(&f, "Shared paragraph.\nFirst only.");
	ck_assert_str_eq(f.doc.text.data, "Shared paragraph.\nFirst only.");
	/* typographic variant of the shared paragraph */
	clean(
	    &f, "\xE2\x80\x9CSecond\xE2\x80\x9D only.\n\nSHARED   paragraph!");
	ck_assert_str_eq(
	    f.doc.text.data, "\xE2\x80\x9CSecond\xE2\x80\x9D only.");
	ck_assert_uint_eq(f.doc.removed[CLEAN_DUPLICATE], 1);
	/* everything seen: the document is dropped */
	clean(&f, "First only.\n\n\"Second\" only.");
	ck_assert_int_eq(f.doc.dropped, 1);
	ck_assert_uint_eq(clean_counts(f.c)->documents_duplicate, 1);
	ck_assert_uint_eq(clean_counts(f.c)->paragraphs_in, 6);
	ck_assert_uint_eq(clean_counts(f.c)->paragraphs_out, 3);
	ck_assert_uint_eq(clean_counts(f.c)->paragraphs_duplicate, 3);
	teardown(&f);
}
END_TEST

START_TEST(test_dropped_paragraph_still_seen)
{
	/* "seen" means "occurred earlier", whether it was kept or not */
	struct fixture f;

	setup(&f);
	clean(&f, "A.\nB.");
	clean(&f, "B.\nC.");
	ck_assert_str_eq(f.doc.text.data, "C.");
	clean(&f, "C.\nD.");
	ck_assert_str_eq(f.doc.text.data, "D.");
	teardown(&f);
}
END_TEST

START_TEST(test_separators_kept)
{
	struct fixture f;

	setup(&f);
	clean(&f, "x1\ny1");
	clean(&f, "head\n\nx1\ny1\nz\n\nw");
	/* the gap x1,y1 had a blank line before it: keep it */
	ck_assert_str_eq(f.doc.text.data, "head\n\nz\n\nw");
	clean(&f, "p\nq\n\nr\nheadline");
	ck_assert_str_eq(f.doc.text.data, "p\nq\n\nr\nheadline");
	teardown(&f);
}
END_TEST

START_TEST(test_empty_and_unjudged)
{
	struct fixture f;

	setup(&f);
	clean(&f, " \n\t\n\r\n");
	ck_assert_int_eq(f.doc.dropped, 1);
	ck_assert_uint_eq(clean_counts(f.c)->documents_empty, 1);
	/* punctuation-only paragraphs have no key: never matched */
	clean(&f, "* * *\nText.\n* * *");
	ck_assert_str_eq(f.doc.text.data, "* * *\nText.\n* * *");
	ck_assert_uint_eq(clean_counts(f.c)->paragraphs_unjudged, 2);
	/* but a document of nothing else is no text: dropped, counted */
	clean(&f, "\xE2\x80\xA2\n* * *\n\xE2\x98\x85\xE2\x98\x85");
	ck_assert_int_eq(f.doc.dropped, 1);
	ck_assert_uint_eq(clean_counts(f.c)->documents_no_letters, 1);
	/* a letter or digit anywhere keeps it: Cyrillic, a number */
	clean(&f, "\xE2\x80\xA2\n\xD0\x96");
	ck_assert_int_eq(f.doc.dropped, 0);
	clean(&f, "* 42 *");
	ck_assert_int_eq(f.doc.dropped, 0);
	teardown(&f);
}
END_TEST

/* A short line is a cross-document duplicate only when its site had it
 * before: "Background" on another site's page is that page's own. */
static int
reason_of(const struct clean_doc *doc, const char *text)
{
	size_t i;

	for (i = 0; i < doc->ninfo; i++)
		if (doc->info[i].len == strlen(text) &&
		    memcmp(doc->explain_text.data + doc->info[i].off, text,
		        doc->info[i].len) == 0)
			return doc->info[i].reason;
	ck_abort_msg("no paragraph '%s'", text);
	return -2;
}

START_TEST(test_short_lines_by_site)
{
	static const char body1[] =
	    "The council voted on Tuesday to close "
	    "the old bridge for repairs that will take most of the year.";
	static const char body2[] =
	    "Farmers in the valley said the late "
	    "frost had cost them a third of the apple harvest this spring.";
	static const char body3[] =
	    "The museum will reopen its east wing "
	    "next month after two years of work on the roof and windows.";
	char doc[512];
	struct fixture f;
	struct clean_options o;
	struct record in;
	const char *url[] = { "https://a.example/1", "https://b.example/2",
		"https://www.a.example/3", NULL };
	const char *body[] = { body1, body2, body3, body2 };
	int i, r[4];

	memset(&f, 0, sizeof(f));
	clean_options_default(&o);
	f.c = clean_new(&o);
	ck_assert_ptr_nonnull(f.c);
	clean_explain(f.c, 1);
	for (i = 0; i < 4; i++) {
		snprintf(doc, sizeof(doc), "%s\nBackground\n%s %s", body[i],
		    body[i], body[i]);
		memset(&in, 0, sizeof(in));
		in.text.p = doc;
		in.text.n = strlen(doc);
		in.url.p = url[i];
		in.url.n = url[i] ? strlen(url[i]) : 0;
		ck_assert_int_eq(clean_document(f.c, &in, &f.doc), WN_OK);
		r[i] = reason_of(&f.doc, "Background");
	}
	ck_assert_int_ne(r[0], CLEAN_DUPLICATE); /* first seen */
	ck_assert_int_ne(r[1], CLEAN_DUPLICATE); /* another site */
	ck_assert_int_eq(r[2], CLEAN_DUPLICATE); /* a's again */
	ck_assert_int_eq(r[3], CLEAN_DUPLICATE); /* no URL: as before */
	ck_assert_uint_eq(clean_counts(f.c)->paragraphs_short_kept, 1);
	teardown(&f);
}
END_TEST

START_TEST(test_normalized_output)
{
	struct fixture f;

	setup(&f);
	clean(&f, "caf\xE9 &amp; bar\r\n  two  spaces\xC2\xA0here ");
	ck_assert_str_eq(
	    f.doc.text.data, "caf\xEF\xBF\xBD & bar\ntwo spaces here");
	ck_assert_uint_eq(clean_counts(f.c)->invalid_utf8, 1);
	ck_assert_uint_eq(clean_counts(f.c)->entities, 1);
	teardown(&f);
}
END_TEST

#define LONG_A                                                                 \
	"Kerry and Lavrov were joined in Lausanne by Staffan de Mistura, "     \
	"the UN Syria envoy, along with the top diplomats of Turkey, Saudi "   \
	"Arabia and Qatar, all backers of Syrian opposition forces."

START_TEST(test_near_duplicate)
{
	struct fixture f;

	setup(&f);
	clean(&f, LONG_A "\nFirst document only.");
	/* one word added in front, one changed: a near duplicate */
	clean(&f,
	    "Second document only.\nMeanwhile Kerry and Lavrov were "
	    "joined in Lausanne by Staffan de Mistura, the UN Syria envoy, "
	    "along with the top diplomats of Turkey, Saudi Arabia and Qatar, "
	    "all supporters of Syrian opposition forces.");
	ck_assert_str_eq(f.doc.text.data, "Second document only.");
	ck_assert_uint_eq(f.doc.removed[CLEAN_NEAR_DUPLICATE], 1);
	/* within one document: a near repeat */
	clean(&f,
	    "The foreign ministers of nine nations met for more than "
	    "four hours in the Swiss city without any joint statement.\n"
	    "Although the foreign ministers of nine nations met for more "
	    "than four hours in the Swiss city without any joint statement.");
	ck_assert_uint_eq(f.doc.paragraphs_out, 1);
	ck_assert_uint_eq(f.doc.removed[CLEAN_NEAR_REPEAT], 1);
	teardown(&f);
}
END_TEST

START_TEST(test_near_not_for_shared_phrase)
{
	/* two different paragraphs sharing a quoted phrase are both kept */
	struct fixture f;

	setup(&f);
	clean(&f,
	    "The minister said that \"there is no military solution to "
	    "the conflict in Syria\" and left the meeting early on Monday "
	    "evening after the talks with his counterparts had collapsed.");
	clean(&f,
	    "Protesters in the capital carried banners reading \"there "
	    "is no military solution to the conflict in Syria\" as police "
	    "watched from a distance and traffic was diverted for hours.");
	ck_assert_uint_eq(f.doc.paragraphs_out, 1);
	ck_assert_int_eq(f.doc.dropped, 0);
	teardown(&f);
}
END_TEST

START_TEST(test_never_removed_because_of_itself)
{
	/* a paragraph repeating a phrase within itself, and a document that
	 * states one sentence twice in different paragraphs' halves */
	struct fixture f;

	setup(&f);
	clean(&f,
	    "Talks were constructive, talks were constructive, talks "
	    "were constructive, talks were constructive, said the envoy to "
	    "reporters, talks were constructive, talks were constructive.");
	ck_assert_uint_eq(f.doc.paragraphs_out, 1);
	teardown(&f);
}
END_TEST

START_TEST(test_doc_near)
{
	struct clean_options o;
	struct fixture f;

	memset(&f, 0, sizeof(f));
	clean_options_default(&o);
	o.boilerplate = BOILERPLATE_OFF;
	o.doc_near = 0.8;
	f.c = clean_new(&o);
	clean(&f,
	    LONG_A "\nA second paragraph with enough words of its own to be "
	           "judged on its fingerprints by the cleaner.");
	clean(&f,
	    LONG_A "\nA second paragraph with enough words of its own to be "
	           "judged on its fingerprints by the cleaner.\nNew.");
	ck_assert_int_eq(f.doc.dropped, 1);
	ck_assert_int_eq(f.doc.near_duplicate, 1);
	ck_assert_uint_eq(clean_counts(f.c)->documents_near_duplicate, 1);
	teardown(&f);
	/* invalid options are refused */
	o.near = 1.5;
	ck_assert_ptr_null(clean_new(&o));
}
END_TEST

/* A document of more paragraphs than a section holds (65536) is cleaned
 * in sections: its repeats across sections still go, and what it keeps
 * is what one pass keeps. */
START_TEST(test_sections)
{
	struct fixture f;
	size_t n = 200000, i, len = 0, kept = 0;
	char *doc = malloc(n * 12), *p;

	setup(&f);
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(doc + len, "w%zu\n", i % 70001);
	clean(&f, doc);
	ck_assert_uint_eq(f.doc.paragraphs_in, n);
	ck_assert_uint_eq(f.doc.paragraphs_out, 70001);
	ck_assert_uint_eq(f.doc.removed[CLEAN_REPEAT], n - 70001);
	for (p = f.doc.text.data; p != NULL; p = strchr(p + 1, '\n')) {
		char want[16];

		snprintf(want, sizeof(want), "w%zu", kept++);
		ck_assert(strncmp(p + (p != f.doc.text.data), want,
		              strlen(want)) == 0);
	}
	ck_assert_uint_eq(kept, 70001);
	teardown(&f);
	free(doc);
}
END_TEST

/* Repeats within a document are marked the same way whether its keys
 * are sorted (a page with a host, for the template counts) or not:
 * 1 on the first paragraph of each repeated key, 2 on the later ones,
 * 0 on the rest, through documents of growing and shrinking size. */
START_TEST(test_repeat_marks)
{
	static const size_t sizes[] = { 5, 40, 300, 12, 1000, 3, 64 };
	struct clean_options o;
	struct clean *c[2];
	struct clean_doc d;
	char *text = malloc(1000 * 40);
	int *id = malloc(1000 * sizeof(*id));
	size_t k, i, j;
	uint32_t x = 12345;

	clean_options_default(&o);
	for (k = 0; k < 2; k++) {
		c[k] = clean_new(&o);
		ck_assert_ptr_nonnull(c[k]);
		clean_explain(c[k], 1);
	}
	memset(&d, 0, sizeof(d));
	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		size_t n = sizes[k], len = 0;
		struct record in;
		char url[64];
		int v;

		for (i = 0; i < n; i++) {
			x = x * 1103515245u + 12345u;
			id[i] = (int)((x >> 8) % (n / 3 + 1));
			len += (size_t)sprintf(text + len,
			    "Line %d of the page, %zu.\n", id[i], k);
		}
		snprintf(url, sizeof(url), "https://example.com/%zu", k);
		for (v = 0; v < 2; v++) {
			memset(&in, 0, sizeof(in));
			in.text.p = text;
			in.text.n = len;
			if (v == 1) {
				in.url.p = url;
				in.url.n = strlen(url);
			}
			ck_assert_int_eq(clean_document(c[v], &in, &d), WN_OK);
			ck_assert_uint_eq(d.ninfo, n);
			for (i = 0; i < n; i++) {
				int first = 1, later = 0, want;

				for (j = 0; j < n; j++) {
					if (id[j] != id[i] || j == i)
						continue;
					if (j < i)
						first = 0;
					later = 1;
				}
				want = !later ? 0 : first ? 1 : 2;
				ck_assert_msg(d.info[i].bp.repeated == want,
				    "size %zu, %s, paragraph %zu: %d, not %d",
				    n, v ? "with a host" : "no host", i,
				    d.info[i].bp.repeated, want);
			}
		}
	}
	clean_doc_free(&d);
	clean_free(c[0]);
	clean_free(c[1]);
	free(text);
	free(id);
}
END_TEST

Suite *
clean_suite(void)
{
	Suite *s = suite_create("clean");
	TCase *tc = tcase_create("core");

	/* test_sections cleans 200,000 paragraphs: slow under ASan */
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_repeat_within_document);
	tcase_add_test(tc, test_repeat_marks);
	tcase_add_test(tc, test_duplicate_across_documents);
	tcase_add_test(tc, test_dropped_paragraph_still_seen);
	tcase_add_test(tc, test_separators_kept);
	tcase_add_test(tc, test_empty_and_unjudged);
	tcase_add_test(tc, test_normalized_output);
	tcase_add_test(tc, test_near_duplicate);
	tcase_add_test(tc, test_near_not_for_shared_phrase);
	tcase_add_test(tc, test_never_removed_because_of_itself);
	tcase_add_test(tc, test_doc_near);
	tcase_add_test(tc, test_sections);
	tcase_add_test(tc, test_short_lines_by_site);
	suite_add_tcase(s, tc);
	return s;
}
