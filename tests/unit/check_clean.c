/* check_clean.c - one document through normalization, paragraphs and
 * exact duplicate removal. */
#include "config.h"

#include <string.h>

#include "clean.h"
#include "suites.h"

struct fixture {
	struct clean *c;
	struct clean_doc doc;
	struct wn_stats st;
};

static void
clean(struct fixture *f, const char *text)
{
	ck_assert_int_eq(clean_document(f->c, text, strlen(text), &f->doc,
	    &f->st), WN_OK);
	wn_buf_putc(&f->doc.text, '\0');
	f->doc.text.len--;
}

static void
setup(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	f->c = clean_new();
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
	clean(&f, "Title\n\nPhoto by: AP\nPhoto by: AP\n\nBody text.\n"
	    "Body text.\n");
	ck_assert_str_eq(f.doc.text.data, "Title\n\nPhoto by: AP\n\nBody text.");
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
	clean(&f, "\xE2\x80\x9CSecond\xE2\x80\x9D only.\n\nSHARED   paragraph!");
	ck_assert_str_eq(f.doc.text.data, "\xE2\x80\x9CSecond\xE2\x80\x9D only.");
	ck_assert_uint_eq(f.doc.removed[CLEAN_DUPLICATE], 1);
	/* everything seen: the document is dropped */
	clean(&f, "First only.\n\n\"Second\" only.");
	ck_assert_int_eq(f.doc.dropped, 1);
	ck_assert_uint_eq(f.st.documents_duplicate, 1);
	ck_assert_uint_eq(f.st.paragraphs_in, 6);
	ck_assert_uint_eq(f.st.paragraphs_out, 3);
	ck_assert_uint_eq(f.st.paragraphs_duplicate, 3);
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
	ck_assert_uint_eq(f.st.documents_empty, 1);
	/* punctuation-only paragraphs have no key: never matched */
	clean(&f, "* * *\nText.\n* * *");
	ck_assert_str_eq(f.doc.text.data, "* * *\nText.\n* * *");
	ck_assert_uint_eq(f.st.paragraphs_unjudged, 2);
	teardown(&f);
}
END_TEST

START_TEST(test_normalized_output)
{
	struct fixture f;

	setup(&f);
	clean(&f, "caf\xE9 &amp; bar\r\n  two  spaces\xC2\xA0here ");
	ck_assert_str_eq(f.doc.text.data,
	    "caf\xEF\xBF\xBD & bar\ntwo spaces here");
	ck_assert_uint_eq(f.st.invalid_utf8, 1);
	ck_assert_uint_eq(f.st.entities, 1);
	teardown(&f);
}
END_TEST

Suite *
clean_suite(void)
{
	Suite *s = suite_create("clean");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_repeat_within_document);
	tcase_add_test(tc, test_duplicate_across_documents);
	tcase_add_test(tc, test_dropped_paragraph_still_seen);
	tcase_add_test(tc, test_separators_kept);
	tcase_add_test(tc, test_empty_and_unjudged);
	tcase_add_test(tc, test_normalized_output);
	suite_add_tcase(s, tc);
	return s;
}
