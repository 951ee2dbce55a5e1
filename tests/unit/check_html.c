/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_html.c - HTML to text blocks: markup, entities, charsets, page
 * roles, link density, boxes, malformed and hostile input. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "html.h"
#include "suites.h"

static struct html_doc d;

static void
extract_n(const char *s, size_t n, const char *transport)
{
	ck_assert_int_eq(html_extract(s, n, transport, &d), WN_OK);
	wn_buf_putc(&d.text, '\0');
	d.text.len--;
}

static void
extract(const char *s)
{
	extract_n(s, strlen(s), NULL);
}

static void
setup(void)
{
	memset(&d, 0, sizeof(d));
}

static void
teardown(void)
{
	html_doc_free(&d);
}

START_TEST(test_blocks)
{
	extract("<html><head><title> A  page </title><style>p{x:1}</style>"
	        "<script>var s = \"</p>\";</script></head><body>"
	        "<p>One <b>two</b>\n  three</p><p>Four<br>five</p>"
	        "<!-- <p>hidden</p> --><div>Six<div>seven</div>eight</div>"
	        "<pre>a  b\nc</pre><noscript><p>fallback</p></noscript>nine"
	        "<template><p>tpl</p></template></body></html>");
	/* noscript is parsed (what a reader without scripts sees) */
	ck_assert_str_eq(d.text.data,
	    "One two three\nFour\nfive\nSix\nseven\n"
	    "eight\na b\nc\nfallback\nnine\n");
	ck_assert_uint_eq(d.nblock, 10);
	wn_buf_putc(&d.title, '\0');
	ck_assert_str_eq(d.title.data, "A page");
}
END_TEST

START_TEST(test_ruby_and_self_closing)
{
	/* ruby annotations (readings) are dropped, the base text stays;
	 * <rt> ends at any end tag or the next <rt>/<rp> */
	extract("<p><ruby>\xE6\xBC\xA2<rt>kan</rt>\xE5\xAD\x97<rt>ji</ruby>"
	        "<ruby>A<rp>(</rp><rt>a<rp>)</rp></ruby>B</p><p>x<rt>y</p>"
	        "<p>after</p>");
	ck_assert_str_eq(d.text.data,
	    "\xE6\xBC\xA2\xE5\xAD\x97"
	    "AB\nx\n"
	    "after\n");
	/* "/>" closes svg and math; <script/> runs to </script> as in a
	 * browser; no text after either is lost */
	extract("<p>a<svg/>b<script/>var c;</script>d<math/>e</p>");
	ck_assert_str_eq(d.text.data, "abde\n");
}
END_TEST

START_TEST(test_entities_once)
{
	/* decoded once here; &#10; and U+2028 must not break the line */
	extract("<p>caf&eacute; &amp;lt; &#10;x\xE2\x80\xA8y &nosuch;</p>");
	ck_assert_str_eq(d.text.data, "caf\xC3\xA9 &lt; x y &nosuch;\n");
	ck_assert_uint_eq(d.nblock, 1);
}
END_TEST

START_TEST(test_roles_and_links)
{
	/* a <header> is chrome, but not surely: HTML gives every section
	 * one, and page builders wrap a whole post in one */
	extract("<header><p>A post</p></header><footer><p>foot</p></footer>"
	        "<header hidden><p>popup</p></header>");
	ck_assert_uint_eq(d.block[0].role, BLOCK_CHROME);
	ck_assert_uint_eq(d.block[0].tag_chrome, 0);
	ck_assert_uint_eq(d.block[1].role, BLOCK_CHROME);
	ck_assert_uint_eq(d.block[1].tag_chrome, 1);
	/* hidden, a <header> is surely chrome */
	ck_assert_uint_eq(d.block[2].tag_chrome, 1);
	extract(
	    "<nav><a href=/>Home</a></nav>"
	    "<div class=\"share-buttons\">Share</div>"
	    "<div class=\"entry-content\"><h2>Sub</h2>"
	    "<p><a href=\"/x\">abc</a> def</p><ul><li>item</li></ul>"
	    "<figure><figcaption>cap</figcaption></figure>"
	    "<p aria-hidden=\"true\">gone</p><p style=\"display: none\">x</p>"
	    "<div role=\"navigation\">menu</div><p>plain</p></div>"
	    "<footer>foot</footer><a name=\"n\">anchor</a>");
	ck_assert_str_eq(d.text.data,
	    "Home\nShare\nSub\nabc def\nitem\ncap\n"
	    "gone\nx\nmenu\nplain\nfoot\nanchor\n");
	ck_assert_uint_eq(d.block[0].role, BLOCK_CHROME);
	ck_assert_float_eq(d.block[0].link_density, 1.0f);
	ck_assert_uint_eq(d.block[1].role, BLOCK_CHROME);
	ck_assert_uint_eq(d.block[2].role, BLOCK_HEADING);
	ck_assert_uint_eq(d.block[3].role, BLOCK_NONE);
	/* "abc" of "abc def": 3 of 7 characters */
	ck_assert_float_eq_tol(d.block[3].link_density, 3.0f / 7, 1e-6);
	ck_assert_uint_eq(d.block[4].role, BLOCK_ITEM);
	ck_assert_uint_eq(d.block[5].role, BLOCK_CAPTION);
	ck_assert_uint_eq(d.block[6].role, BLOCK_CHROME);
	ck_assert_uint_eq(d.block[7].role, BLOCK_CHROME);
	ck_assert_uint_eq(d.block[8].role, BLOCK_CHROME);
	ck_assert_uint_eq(d.block[9].role, BLOCK_NONE);
	ck_assert_uint_eq(d.block[10].role, BLOCK_CHROME);
	/* <a> without href is no link */
	ck_assert_float_eq(d.block[11].link_density, 0.0f);
	/* chrome by tag (nav, footer), landmark role or hiding is sure, by
	 * a class name is not */
	ck_assert_uint_eq(d.block[0].tag_chrome, 1);
	ck_assert_uint_eq(d.block[1].tag_chrome, 0);
	ck_assert_uint_eq(d.block[6].tag_chrome, 1);
	ck_assert_uint_eq(d.block[8].tag_chrome, 1);
	ck_assert_uint_eq(d.block[10].tag_chrome, 1);
	/* the chrome elements are numbered in the order they open; an
	 * element hidden only (aria-hidden, display: none) gets no number */
	ck_assert_uint_eq(d.block[0].chrome, 1); /* nav */
	ck_assert_uint_eq(d.block[1].chrome, 2); /* share-buttons */
	ck_assert_uint_eq(d.block[3].chrome, 0);
	ck_assert_uint_eq(d.block[6].chrome, 0);
	ck_assert_uint_eq(d.block[7].chrome, 0);
	ck_assert_uint_eq(d.block[8].chrome, 3);  /* role=navigation */
	ck_assert_uint_eq(d.block[10].chrome, 4); /* footer */
}
END_TEST

START_TEST(test_nested_chrome)
{
	/* a block gets its innermost chrome element, and the outer one
	 * again after the inner one closed */
	extract("<div class=\"sidebar\"><p>a</p><div class=\"newsletter\">"
	        "<p>b</p><p hidden>c</p></div><p>d</p></div><p>e</p>");
	ck_assert_str_eq(d.text.data, "a\nb\nc\nd\ne\n");
	ck_assert_uint_eq(d.block[0].chrome, 1);
	ck_assert_uint_eq(d.block[1].chrome, 2);
	ck_assert_uint_eq(d.block[2].chrome, 2);
	ck_assert_uint_eq(d.block[3].chrome, 1);
	ck_assert_uint_eq(d.block[4].chrome, 0);
	ck_assert_uint_eq(d.block[4].role, BLOCK_NONE);
}
END_TEST

START_TEST(test_class_words)
{
	/* the lists are searched by bsearch: they must be sorted */
	ck_assert_int_eq(html_tables_sorted(), 1);
	ck_assert_int_eq(html_tag_table_ok(), 1);
	/* the first and last chrome words, among many others, and a word
	 * that only starts like one */
	extract("<div class=\"flex mt-4 px-2 text-sm ad\"><p>a</p></div>"
	        "<div class=\"w-full grid gap-2 trending\"><p>b</p></div>"
	        "<div class=\"adjacent\"><p>c</p></div>"
	        "<nav-x role=\"search\"><p>d</p></nav-x>");
	ck_assert_str_eq(d.text.data, "a\nb\nc\nd\n");
	ck_assert_uint_ne(d.block[0].chrome, 0);
	ck_assert_uint_ne(d.block[1].chrome, 0);
	ck_assert_uint_eq(d.block[2].chrome, 0);
	ck_assert_uint_ne(d.block[3].chrome, 0);
}
END_TEST

/* How a class name is read (chrome_name()): a utility class names
 * nothing, a chrome word after a relation word is no name, a name with
 * a content word names content, "widget" and "banner" are no chrome
 * words, and the author's box ("author", "bio") and the byline are
 * chrome. */
START_TEST(test_class_names)
{
	static const char *const content[] = {
		"[--sidebar-width:18rem] lg:w-1/3",
		"with-sidebar",
		"has-ads",
		"under-menu",
		"post-and-ads-container",
		"body-ad-wrapper",
		"sidebar-content",
		"elementor-widget elementor-widget-text",
		"page-main-nav-area",
		"hero-banner",
	};
	static const char *const chrome[] = { "sidebar", "share-buttons",
		"x lg:w-1/3 footer", "menu-under", "site-nav", "widget ad",
		"author-bio", "about-the-author", "post-byline", "post-bio" };
	char page[256];
	size_t i;

	for (i = 0; i < sizeof(content) / sizeof(content[0]); i++) {
		snprintf(page, sizeof(page), "<div class=\"%s\"><p>t</p></div>",
		    content[i]);
		extract(page);
		ck_assert_msg(
		    d.block[0].chrome == 0 && d.block[0].role != BLOCK_CHROME,
		    "'%s' taken for chrome", content[i]);
	}
	for (i = 0; i < sizeof(chrome) / sizeof(chrome[0]); i++) {
		snprintf(page, sizeof(page), "<div id=\"%s\"><p>t</p></div>",
		    chrome[i]);
		extract(page);
		ck_assert_msg(d.block[0].role == BLOCK_CHROME,
		    "'%s' not taken for chrome", chrome[i]);
	}
	/* the site's header is a landmark role, not a class word */
	extract("<div role=\"banner\"><p>t</p></div>");
	ck_assert_uint_eq(d.block[0].role, BLOCK_CHROME);
}
END_TEST

/* Skipped elements end where a browser ends them: an unclosed <svg> at
 * the first HTML element that breaks out of foreign content, anything
 * inside <noscript> at its end tag. */
START_TEST(test_skipped_ends)
{
	extract("<svg><path d=\"M0\"><div><p>after svg</p></div>");
	ck_assert_str_eq(d.text.data, "after svg\n");
	extract("<svg><text>label</text></svg><p>closed svg</p>");
	ck_assert_str_eq(d.text.data, "closed svg\n");
	extract("<math><mi>x</mi><p>after math</p>");
	ck_assert_str_eq(d.text.data, "after math\n");
	extract("<noscript><iframe src=x/></noscript><p>after noscript</p>");
	ck_assert_str_eq(d.text.data, "after noscript\n");
	extract("<noscript><p>fallback</p></noscript><p>text</p>");
	ck_assert_str_eq(d.text.data, "fallback\ntext\n");
	/* a script's end tag is still needed outside noscript */
	extract("<script>var a = '<div>';</script><p>after script</p>");
	ck_assert_str_eq(d.text.data, "after script\n");
}
END_TEST

/* A hidden element is chrome, but the folded panel of a tab, accordion
 * or FAQ is the page's text. */
START_TEST(test_hidden_panels)
{
	extract("<div hidden><p>a popup</p></div>"
	        "<div class=\"faq-answer\" hidden><p>an answer</p></div>"
	        "<div role=tabpanel style=\"display:none\"><p>tab</p></div>"
	        "<div aria-labelledby=q1 aria-hidden=true><p>shown by q1</p>"
	        "</div><div class=modal style=\"display: none\"><p>m</p>"
	        "</div>");
	ck_assert_uint_eq(d.block[0].role, BLOCK_CHROME);
	ck_assert_uint_ne(d.block[1].role, BLOCK_CHROME);
	ck_assert_uint_ne(d.block[2].role, BLOCK_CHROME);
	ck_assert_uint_ne(d.block[3].role, BLOCK_CHROME);
	ck_assert_uint_eq(d.block[4].role, BLOCK_CHROME);
}
END_TEST

/* d's text is text and its first blocks have the roles role[0..n). */
static void
roles_are(const char *text, const int *role, size_t n)
{
	size_t i;

	ck_assert_str_eq(d.text.data, text);
	for (i = 0; i < n; i++)
		ck_assert_msg(d.block[i].role == role[i],
		    "block %zu has role %u, not %d", i, d.block[i].role,
		    role[i]);
}

#define ROLES(text, ...)                                                       \
	roles_are(text, (const int[]){ __VA_ARGS__ },                          \
	    sizeof((const int[]){ __VA_ARGS__ }) / sizeof(int))

/* An unknown element's end tag closes it (HTML's "any other end tag"),
 * unless a block is open inside it; class and id words mark blocks and
 * custom elements, not inline elements. */
START_TEST(test_unknown_ends)
{
	/* an <i class="icon"> or a <span class="hljs-comment"> is no
	 * chrome, and the text after it in its block is plain */
	extract("<p><span class=\"hljs-comment\">// a</span> b</p>"
	        "<p><a class=\"external-popup\" href=/x>c</a> d</p>"
	        "<li><i class=\"sidebar-icon\" aria-hidden=true></i>e</li>");
	ROLES("// a b\nc d\ne\n", BLOCK_NONE, BLOCK_NONE, BLOCK_ITEM);
	/* a custom element named as chrome ends at its end tag */
	extract("<devsite-header role=banner><p>menu</p></devsite-header>"
	        "<x-box class=sidebar><p>side</p></x-box><p>text</p>");
	ROLES("menu\nside\ntext\n", BLOCK_CHROME, BLOCK_CHROME, BLOCK_NONE);
	/* an end tag with a block open inside its element is ignored; the
	 * element ends with the block around it */
	extract("<div><x-note hidden><p>a</p></x-note></div><p>b</p>"
	        "<div><x-note hidden><div>c</x-note><p>d</p></div></div>"
	        "<p>e</p>");
	ROLES("a\nb\nc\nd\ne\n", BLOCK_CHROME, BLOCK_NONE, BLOCK_CHROME,
	    BLOCK_CHROME, BLOCK_NONE);
}
END_TEST

/* Past MAX_DEPTH an unknown end tag still ends the innermost element,
 * so that a chrome element opened before the deep part ends at its own
 * end tag. */
START_TEST(test_unknown_ends_deep)
{
	char *page = malloc(20000), *q = page;
	int i;

	ck_assert_ptr_nonnull(page);
	q += sprintf(q, "<div><x-menu class=menu><p>m</p>");
	for (i = 0; i < 600; i++)
		q += sprintf(q, "<span>");
	for (i = 0; i < 600; i++)
		q += sprintf(q, "</span>");
	sprintf(q, "</x-menu><p>text</p></div>");
	extract(page);
	free(page);
	ROLES("m\ntext\n", BLOCK_CHROME, BLOCK_NONE);
}
END_TEST

/* A block named as a caption or credit is a caption; a chrome word wins
 * over a caption word, a relation word ("has-caption") describes a
 * layout, and an inline element's name marks nothing. */
START_TEST(test_caption_names)
{
	extract("<div class=\"wp-caption\"><p class=\"wp-caption-text\">"
	        "The bridge at night</p></div><p id=photo-credit>Photo: A. "
	        "Smith</p><div class=\"caption share\">Share this</div>"
	        "<div class=has-caption><p>Body text</p></div>"
	        "<p>More <span class=credit>A. Smith</span> text</p>");
	ROLES("The bridge at night\nPhoto: A. Smith\nShare this\nBody text\n"
	      "More A. Smith text\n",
	    BLOCK_CAPTION, BLOCK_CAPTION, BLOCK_CHROME, BLOCK_NONE, BLOCK_NONE);
	/* the same value again (the memo's answer), a chrome id against a
	 * caption class, and a heading inside a caption (a hero's title) */
	extract("<p class=wp-caption-text>One</p><p class=wp-caption-text>"
	        "Two</p><p class=caption id=sidebar>Side</p><div "
	        "class=hero-caption><h1>Title</h1><p>Lead</p></div>");
	ROLES("One\nTwo\nSide\nTitle\nLead\n", BLOCK_CAPTION, BLOCK_CAPTION,
	    BLOCK_CHROME, BLOCK_HEADING, BLOCK_CAPTION);
	/* a wrapper so named that holds more than CAPTION_MAX_CHARS is no
	 * caption ("credit-cards-guide" around an article) */
	{
		char page[4096], *q = page;
		int k;

		q += sprintf(q, "<div class=credit-cards-guide>");
		for (k = 0; k < 20; k++)
			q += sprintf(q,
			    "<p>The cards of the banks in town were "
			    "compared by the paper's staff.</p>");
		sprintf(q,
		    "</div><div class=credit><p>Photo: B. Jones</p>"
		    "</div>");
		extract(page);
		ck_assert_uint_eq(d.block[0].role, BLOCK_NONE);
		ck_assert_uint_eq(d.block[19].role, BLOCK_NONE);
		ck_assert_uint_eq(d.block[20].role, BLOCK_CAPTION);
		/* ... but a small one inside it is (its own entry of
		 * caption_open[], not the wrapper's) */
		sprintf(q,
		    "<div class=credit><p>Photo: B. Jones</p></div>"
		    "</div>");
		extract(page);
		ck_assert_uint_eq(d.block[19].role, BLOCK_NONE);
		ck_assert_uint_eq(d.block[20].role, BLOCK_CAPTION);
	}
	/* chrome inside a caption stays chrome */
	extract("<div class=caption><nav><p>Menu</p></nav><p>Photo</p></div>");
	ROLES("Menu\nPhoto\n", BLOCK_CHROME, BLOCK_CAPTION);
}
END_TEST

/* A caption-named element whose line is still open when it ends (a
 * custom element's end tag flushes nothing) or that the page leaves
 * open is a caption all the same; a line that began before it is not. */
START_TEST(test_caption_open_lines)
{
	extract("<p>Body one</p><x-photo class=credit>Photo: C. Lee</x-photo>"
	        "<p>Body two <x-by class=credit>D. Kim</x-by> goes on</p>");
	ROLES("Body one\nPhoto: C. Lee\nBody two D. Kim goes on\n", BLOCK_NONE,
	    BLOCK_CAPTION, BLOCK_NONE);
	/* left open: the page ends inside the caption, with its line open
	 * and after a line it flushed */
	extract("<p>Body</p><div class=caption><p>Photo: E. Ray</p>Credit");
	ROLES("Body\nPhoto: E. Ray\nCredit\n", BLOCK_NONE, BLOCK_CAPTION,
	    BLOCK_CAPTION);
	extract("<p>Body</p><x-credit class=credit>F. Sol");
	ROLES("Body\nF. Sol\n", BLOCK_NONE, BLOCK_CAPTION);
	/* a heading inside the caption stays one, and so does a heading
	 * or chrome whose open line the caption ends in */
	extract("<x-cap class=caption><h2>Title</h2></x-cap><p>Body</p>"
	        "<h2><x-cap class=caption>Head</x-cap></h2><nav><x-cap "
	        "class=caption>Menu</x-cap></nav>");
	ROLES("Title\nBody\nHead\nMenu\n", BLOCK_HEADING, BLOCK_NONE,
	    BLOCK_HEADING, BLOCK_CHROME);
	/* a small caption element leading a paragraph leaves it text: the
	 * line goes on after it */
	extract("<p><x-tip class=legend>Note:</x-tip> Officials said the plan "
	        "would take effect next year.</p>");
	ROLES("Note: Officials said the plan would take effect next year.\n",
	    BLOCK_NONE);
	/* a line open where the element began is not its; a line begun
	 * inside it (after its <br>) is */
	extract("<p>Long body text of the story <x-c class=credit>AP<br>"
	        "Reuters</x-c></p>");
	ROLES("Long body text of the story AP\nReuters\n", BLOCK_NONE,
	    BLOCK_CAPTION);
	/* an open line counts towards CAPTION_MAX_CHARS */
	{
		char page[2048], *q = page;
		int k;

		q += sprintf(q, "<p>Body</p><x-c class=caption>");
		for (k = 0; k < 30; k++)
			q += sprintf(
			    q, "A long line of forty characters, more. ");
		sprintf(q, "</x-c><p>End</p>");
		extract(page);
		ck_assert_uint_eq(d.block[1].role, BLOCK_NONE);
	}
}
END_TEST

/* A block whose links all lead within the page ("#...") is marked
 * anchors: not a link to a page elsewhere with a fragment, nor a block
 * with other links or text outside its links, nor a script's "#" or
 * "#!/route" (a card's title that a script opens). */
START_TEST(test_anchors)
{
	extract("<h2><a href=\"#one\">One</a></h2>"
	        "<h2><a href=\"/two#x\">Two</a></h2>"
	        "<h2><a href=\"#t\">Th</a> <a href=/p>ree</a></h2>"
	        "<p>Text</p><h3><a href=\"#\">Card</a></h3>"
	        "<h3><a href=\"#!/story/1\">Route</a></h3>");
	ROLES("One\nTwo\nTh ree\nText\nCard\nRoute\n", BLOCK_HEADING,
	    BLOCK_HEADING, BLOCK_HEADING, BLOCK_NONE, BLOCK_HEADING,
	    BLOCK_HEADING);
	ck_assert_uint_eq(d.block[0].anchors, 1);
	ck_assert_uint_eq(d.block[1].anchors, 0);
	ck_assert_uint_eq(d.block[2].anchors, 0);
	ck_assert_uint_eq(d.block[3].anchors, 0);
	ck_assert_uint_eq(d.block[4].anchors, 0);
	ck_assert_uint_eq(d.block[5].anchors, 0);
	ck_assert(d.block[4].link_density > 0.99);
}
END_TEST

/* Table cells are told apart (a cell that mentions comments heads no
 * comment section), and React's streamed segments are the page's text. */
START_TEST(test_cells_and_segments)
{
	extract("<table><tr><th>Comments</th><td>many</td></tr></table>"
	        "<div hidden id=\"S:1f\"><p>streamed</p></div>"
	        "<div hidden id=\"S:x\"><p>popup</p></div>");
	ROLES("Comments\nmany\nstreamed\npopup\n", BLOCK_CELL, BLOCK_CELL,
	    BLOCK_NONE, BLOCK_CHROME);
}
END_TEST

/* The page's list: four children or more of one tag and class word,
 * a tenth at most over LIST_MAX_ITEM words; its blocks in chrome by tag
 * are not in it; three items are no list. */
START_TEST(test_list)
{
	char page[8192], *q;
	int i, n;

	/* one large item of ten (a featured card) leaves it a list; one of
	 * four does not */
	for (n = 10; n >= 4; n -= 6) {
		q = page + sprintf(page, "<ul>");
		for (i = 0; i < n; i++) {
			int w = i == 1 ? 160 : 4;

			q += sprintf(q, "<li class=job><a href=/j%d>", i);
			while (w-- > 0)
				q += sprintf(q, "word ");
			q += sprintf(q, "</a></li>");
		}
		sprintf(q, "</ul>");
		extract(page);
		ck_assert_uint_eq(d.block[0].in_list, (unsigned)(n == 10));
		ck_assert_uint_eq(d.block[1].in_list, (unsigned)(n == 10));
	}
	extract("<p>intro</p><ul class=x><li class=\"item odd\"><a href=/a>"
	        "First one</a> a b</li><li class=item>Second one a b</li>"
	        "<li class=item>Third one a b<div><button>Buy "
	        "now</button></div></li>"
	        "<li class=\"item even\">Fourth one a b</li></ul>"
	        "<p>after</p>");
	ck_assert_str_eq(d.text.data,
	    "intro\nFirst one a b\nSecond one a b\nThird one a b\n"
	    "Buy now\nFourth one a b\nafter\n");
	ck_assert_uint_eq(d.block[0].in_list, 0);
	ck_assert_uint_eq(d.block[1].in_list, 1);
	ck_assert_uint_eq(d.block[3].in_list, 1);
	ck_assert_uint_eq(d.block[4].in_list, 0); /* the button */
	ck_assert_uint_eq(d.block[4].tag_chrome, 1);
	ck_assert_uint_eq(d.block[5].in_list, 1);
	ck_assert_uint_eq(d.block[6].in_list, 0);
	extract("<ul><li class=a>One a b c</li><li class=a>Two a b c</li>"
	        "<li class=a>Three a b c</li><li class=b>Four a b c</li></ul>");
	ck_assert_uint_eq(d.block[0].in_list, 0);
	/* a class word given twice counts once; a list in a streamed
	 * (hidden but content) segment is a list */
	extract("<ul><li class=x>One a b c</li><li class=x>Two a b c</li>"
	        "<li class=x>Three a b c</li><li class=x>Four a b c</li>"
	        "<li class=\"y y\">e f g h</li><li class=\"y y\">e f g h</li>"
	        "<li class=\"y y\">e f g h</li></ul>");
	ck_assert_uint_eq(d.block[0].in_list, 1);
	ck_assert_uint_eq(d.block[4].in_list, 0);
	extract("<div hidden id=\"S:1\"><ul><li>One a b c</li><li>Two a b "
	        "c</li><li>Three a b c</li><li>Four a b c</li></ul></div>");
	ck_assert_uint_eq(d.block[0].in_list, 1);
	ck_assert_uint_eq(d.block[0].tag_chrome, 0);
	/* items in a chrome element are no list */
	extract("<nav><ul><li>One a b c</li><li>Two a b c</li><li>Three a b "
	        "c</li><li>Four a b c</li></ul></nav>");
	ck_assert_uint_eq(d.block[0].in_list, 0);
}
END_TEST

/* A <form> is chrome, but on a forum thread it holds the posts (the
 * moderation tools' form around them). */
START_TEST(test_thread_form)
{
	extract("<html><head><link rel=canonical href=\"https://f.example/"
	        "topic/12-a-question/\"></head><body><form><p>The post.</p>"
	        "</form></body></html>");
	ck_assert_int_eq(d.thread, 1);
	ck_assert_uint_ne(d.block[0].role, BLOCK_CHROME);
	extract("<html><body><form><p>Sign up.</p></form></body></html>");
	ck_assert_uint_eq(d.block[0].role, BLOCK_CHROME);
}
END_TEST

/* A class value's answer is remembered for the page (chrome_name()'s
 * memo), but not across the point where the page turns out a thread:
 * the same "comments" is chrome before it and the posts after it. */
START_TEST(test_thread_names)
{
	extract("<html><body><div class=\"comments\"><p>Before.</p></div>"
	        "<div itemtype=\"https://schema.org/QAPage\">"
	        "<div class=\"comments\"><p>After.</p></div>"
	        "<div class=\"comments\"><p>Again.</p></div></div>"
	        "</body></html>");
	ck_assert_int_eq(d.thread, 1);
	ck_assert_uint_ge(d.nblock, 3);
	ck_assert_uint_eq(d.block[0].role, BLOCK_CHROME);
	ck_assert_uint_ne(d.block[1].role, BLOCK_CHROME);
	ck_assert_uint_ne(d.block[2].role, BLOCK_CHROME);
}
END_TEST

/* A page with these head and body, a thread by its canonical link. */
static void
extract_thread(const char *head, const char *body)
{
	char page[512];

	snprintf(page, sizeof(page),
	    "<html><head>%s<link rel=canonical href=\"https://f.example/topic/"
	    "12-a-question/\"></head><body>%s</body></html>",
	    head, body);
	extract(page);
}

/* A thread rendered by script, its body empty, is its description (the
 * opening post): og:description before name="description"; a page that
 * is no thread, or has text, is left as it is. */
START_TEST(test_thread_description)
{
	extract_thread("<meta name=\"description\" content=\"Short\">"
	               "<meta property=\"og:description\" content=\"How do I "
	               "start &amp; what  to buy?\">",
	    "<div id=app></div><script>render()</script>");
	ck_assert_uint_eq(d.nblock, 1);
	ck_assert_str_eq(d.text.data, "How do I start & what to buy?\n");
	extract_thread("<meta name=\"description\" content=\"The first "
	               "post\">",
	    "");
	ck_assert_str_eq(d.text.data, "The first post\n");
	/* og:description is not replaced by a later description */
	extract_thread("<meta property=\"og:description\" content=\"The "
	               "question\"><meta name=\"description\" "
	               "content=\"Short\">",
	    "");
	ck_assert_str_eq(d.text.data, "The question\n");
	ck_assert_uint_ne(d.block[0].tag_chrome, 1);
	/* a body of chrome alone holds no text of its own */
	extract_thread("<meta name=\"description\" content=\"The first "
	               "post\">",
	    "<nav><a href=/>Home</a></nav>");
	ck_assert_str_eq(d.text.data, "Home\nThe first post\n");
	ck_assert_uint_eq(d.block[1].tag_chrome, 0);
	extract("<html><head><meta property=\"og:description\" content=\"A "
	        "shop.\"></head><body><div id=app></div></body></html>");
	ck_assert_uint_eq(d.nblock, 0);
	extract_thread("<meta property=\"og:description\" content=\"A "
	               "post.\">",
	    "<p>The post itself.</p>");
	ck_assert_str_eq(d.text.data, "The post itself.\n");
}
END_TEST

START_TEST(test_boxes)
{
	size_t k;

	extract(
	    "<body><div id=\"a\"><article><p>one</p><div><p>two</p></div>"
	    "</article></div><div class=\"sidebar\"><p>three</p></div></body>");
	ck_assert_uint_eq(d.nblock, 3);
	/* body, div#a, article, div, div.sidebar */
	ck_assert_uint_eq(d.nbox, 5);
	ck_assert_uint_eq(d.box[0].parent, 0);
	ck_assert_uint_eq(d.box[1].parent, 1);
	ck_assert_uint_eq(d.box[2].parent, 2);
	ck_assert_uint_eq(d.box[3].parent, 3);
	ck_assert_uint_eq(d.box[4].parent, 1);
	ck_assert(d.box[2].content); /* <article> */
	ck_assert(!d.box[4].content);
	/* "one" and "two" lie inside the article box, "three" not */
	for (k = 0; k < 2; k++)
		ck_assert(d.block[k].pos >= d.box[2].enter &&
		    d.block[k].pos < d.box[2].exit);
	ck_assert(!(d.block[2].pos >= d.box[2].enter &&
	    d.block[2].pos < d.box[2].exit));
	ck_assert_uint_eq(d.block[0].box, 3); /* innermost: article */
	ck_assert_uint_eq(d.block[1].box, 4);
	ck_assert_uint_eq(d.block[2].box, 5);
}
END_TEST

START_TEST(test_implied_ends)
{
	/* <p> closed by a block, <li> by the next <li>, <td> by <td>: the
	 * roles end with their elements */
	extract("<ul><li>a<li>b</ul><p>c<div>d</div>"
	        "<table><tr><td>e<td>f<tr><td>g</table><p>h");
	ck_assert_str_eq(d.text.data, "a\nb\nc\nd\ne\nf\ng\nh\n");
	ck_assert_uint_eq(d.block[1].role, BLOCK_ITEM);
	ck_assert_uint_eq(d.block[2].role, BLOCK_NONE);
	ck_assert_uint_eq(d.block[7].role, BLOCK_NONE);
}
END_TEST

START_TEST(test_charsets)
{
	/* declared ISO-8859-1 */
	extract("<meta charset=\"iso-8859-1\"><p>caf\xE9</p>");
	ck_assert_str_eq(d.text.data, "caf\xC3\xA9\n");
	/* the Encoding Standard's name for the label */
	ck_assert_str_eq(d.charset, "windows-1252");
	/* declared in http-equiv: KOI8-R */
	extract("<meta http-equiv=\"Content-Type\" content=\"text/html; "
	        "charset=koi8-r\"><p>\xDA\xC1</p>");
	ck_assert_str_eq(d.text.data, "\xD0\xB7\xD0\xB0\n");
	/* undeclared and not UTF-8: windows-1252, curly quotes */
	extract("<p>\x93quoted\x94</p>");
	ck_assert_str_eq(d.text.data, "\xE2\x80\x9Cquoted\xE2\x80\x9D\n");
	ck_assert_str_eq(d.charset, "windows-1252");
	/* valid UTF-8 is taken as it is, whatever is declared */
	extract("<meta charset=\"iso-8859-1\"><p>caf\xC3\xA9</p>");
	ck_assert_str_eq(d.text.data, "caf\xC3\xA9\n");
	ck_assert_str_eq(d.charset, "");
	/* an unknown charset falls back to windows-1252 */
	extract("<meta charset=\"x-no-such\"><p>\xE9</p>");
	ck_assert_str_eq(d.text.data, "\xC3\xA9\n");
	/* ... and a later meta with a known one is taken */
	extract("<meta charset=\"x-no-such\"><meta charset=koi8-r>"
	        "<p>\xDA\xC1</p>");
	ck_assert_str_eq(d.text.data, "\xD0\xB7\xD0\xB0\n");
}
END_TEST

/* Hostile declarations (WHATWG encoding rules): UTF-7 is never obeyed,
 * a meta naming UTF-16 on an 8-bit page means UTF-8, a byte order mark
 * wins, and a transport charset comes before the meta. */
START_TEST(test_hostile_charsets)
{
	static const char u16[] = "\xFF\xFE<\0p\0>\0h\0\xE9\0<\0/\0p\0>\0";
	static const char u16be[] = "\xFE\xFF\0<\0p\0>\0h\0\xE9\0<\0/\0p\0>";

	extract("<meta charset=utf-7><p>+ADw-script+AD4-alert(1)+ADw-/script"
	        "+AD4- \xE9</p>");
	ck_assert_str_eq(d.text.data,
	    "+ADw-script+AD4-alert(1)+ADw-/script"
	    "+AD4- \xC3\xA9\n");
	extract("<meta charset=utf-16><p>caf\xE9 et cr\xE8me</p>");
	ck_assert_str_eq(d.charset, "UTF-8");
	ck_assert_ptr_nonnull(strstr(d.text.data, "caf"));
	ck_assert_ptr_null(strstr(d.text.data, "\xE6")); /* no CJK */
	extract_n(u16, sizeof(u16) - 1, NULL);
	ck_assert_str_eq(d.text.data, "h\xC3\xA9\n");
	ck_assert_str_eq(d.charset, "UTF-16LE");
	extract_n(u16be, sizeof(u16be) - 1, NULL);
	ck_assert_str_eq(d.text.data, "h\xC3\xA9\n");
	/* a UTF-8 byte order mark: UTF-8 whatever the meta says */
	extract("\xEF\xBB\xBF<meta charset=koi8-r><p>\xDA\xC1</p>");
	ck_assert_str_eq(d.charset, "UTF-8");
	extract_n("<meta charset=koi8-r><p>\xE9</p>", 29, "windows-1251");
	ck_assert_str_eq(d.charset, "windows-1251");
	ck_assert_str_eq(d.text.data, "\xD0\xB9\n");
}
END_TEST

START_TEST(test_metadata)
{
	extract("<head><title>T &amp; U</title><link rel=\"canonical\" "
	        "href=\"https://example.com/a\"><title>second</title></head>"
	        "<p>x</p>");
	wn_buf_putc(&d.title, '\0');
	ck_assert_str_eq(d.title.data, "T & U");
	ck_assert_uint_eq(d.canonical.len, strlen("https://example.com/a"));
	ck_assert(memcmp(d.canonical.data, "https://example.com/a",
	              d.canonical.len) == 0);
	ck_assert_str_eq(d.text.data, "x\n");
}
END_TEST

START_TEST(test_malformed)
{
	/* an unclosed tag, comment or script runs to the end; stray end
	 * tags and a lone '<' are harmless */
	extract("</p></div>a < b<p>c");
	ck_assert_str_eq(d.text.data, "a < b\nc\n");
	extract("<p>x<!-- never closed <p>y");
	ck_assert_str_eq(d.text.data, "x\n");
	extract("<p>x<script>never closed");
	ck_assert_str_eq(d.text.data, "x\n");
	extract("<p title='unclosed>x");
	ck_assert_str_eq(d.text.data, "");
	extract("");
	ck_assert_uint_eq(d.nblock, 0);
	extract("<");
	ck_assert_str_eq(d.text.data, "<\n");
}
END_TEST

START_TEST(test_deep_nesting)
{
	size_t n = 100000, i;
	char *s = malloc(n * 5 + 16);

	ck_assert_ptr_nonnull(s);
	for (i = 0; i < n; i++)
		memcpy(s + i * 5, "<div>", 5);
	strcpy(s + n * 5, "deep");
	ck_assert_int_eq(html_extract(s, strlen(s), NULL, &d), WN_OK);
	ck_assert_uint_eq(d.nblock, 1);
	free(s);
}
END_TEST

START_TEST(test_sniff)
{
	ck_assert(html_sniff("<!DOCTYPE html>", 15));
	ck_assert(html_sniff("\xEF\xBB\xBF \n<HTML lang=en>", 18));
	ck_assert(html_sniff("<!-- x -->", 10));
	ck_assert(!html_sniff("<p>plain", 8));
	ck_assert(!html_sniff("Text", 4));
}
END_TEST

/* White space in text: random text of words (ASCII, UTF-8, a no-break
 * space, a control byte) and white space (spaces, tabs, line breaks,
 * U+0085, U+2028, U+2029) in a link and after it, against a byte-by-byte
 * model: runs of white space are one space, none at either end; a
 * character counts as link text when it lies in the link, and a space
 * when the text after it does.  A tenth of the rounds are long (about
 * 1.5 KB a part, runs of text up to about 120 bytes between white
 * space; test_long_run has a run past count_bytes()'s 255 steps). */
START_TEST(test_text_spaces)
{
	static const char *const words[] = { "a", "bc", "Z\xC3\xBCrich",
		"x\x01y", "\xC2\xA0", "\xC2\xA9", "\xE2\x80\x94", "longerword",
		"0123456789abcdefghij" };
	static const char *const spaces[] = { " ", "  ", "\t", "\n", " \n ",
		"\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9", "\r\n" };
	uint32_t x = 99;
	int r;

	for (r = 0; r < 3000; r++) {
		char part[2][9000], html[18100], want[18100];
		size_t plen[2] = { 0, 0 }, wl = 0, chars = 0, link = 0, i;
		int k, pending = 0;

		for (k = 0; k < 2; k++) {
			int t, nt;

			x = x * 1103515245u + 12345u;
			/* every tenth round a long text */
			nt = r % 10 == 9 ? 400 : (int)(x >> 16) % 12;
			for (t = 0; t < nt; t++) {
				const char *q;

				x = x * 1103515245u + 12345u;
				q = (x >> 16) & 1 ? words[(x >> 17) % 9] :
				                    spaces[(x >> 17) % 9];
				memcpy(part[k] + plen[k], q, strlen(q));
				plen[k] += strlen(q);
			}
			for (i = 0; i < plen[k]; i++) {
				const unsigned char *u =
				    (const unsigned char *)part[k];
				size_t ws = strchr(" \t\n\v\f\r", u[i]) &&
				        u[i] != '\0' ?
				    1 :
				    0;

				if (u[i] == 0xC2 && i + 1 < plen[k] &&
				    u[i + 1] == 0x85)
					ws = 2;
				if (u[i] == 0xE2 && i + 2 < plen[k] &&
				    u[i + 1] == 0x80 &&
				    (u[i + 2] == 0xA8 || u[i + 2] == 0xA9))
					ws = 3;
				if (ws) {
					pending = wl > 0;
					i += ws - 1;
					continue;
				}
				if (pending) {
					want[wl++] = ' ';
					chars++;
					link += k == 0;
					pending = 0;
				}
				want[wl++] = (char)u[i];
				if ((u[i] & 0xC0) != 0x80) {
					chars++;
					link += k == 0;
				}
			}
		}
		if (wl > 0)
			want[wl++] = '\n';
		want[wl] = '\0';
		snprintf(html, sizeof(html), "<p><a href=/x>%.*s</a>%.*s</p>",
		    (int)plen[0], part[0], (int)plen[1], part[1]);
		html_doc_free(&d);
		memset(&d, 0, sizeof(d));
		extract(html);
		ck_assert_msg(strcmp(d.text.data, want) == 0,
		    "round %d: '%s' -> '%s', want '%s'", r, html, d.text.data,
		    want);
		if (wl > 0)
			ck_assert_float_eq_tol(d.block[0].link_density,
			    (float)link / (float)chars, 1e-6);
	}
}
END_TEST

/* A run of text without white space longer than count_bytes() sums in
 * its byte lanes (255 steps of 16 bytes): 3,000 "é" in a link and 1,000
 * after it, 8,000 bytes, half of them continuation bytes. */
START_TEST(test_long_run)
{
	static char html[8100];
	size_t n = 0, i;

	n += (size_t)snprintf(html + n, sizeof(html) - n, "<p><a href=/x>");
	for (i = 0; i < 4000; i++) {
		if (i == 3000)
			n += (size_t)snprintf(
			    html + n, sizeof(html) - n, "</a>");
		html[n++] = (char)0xC3;
		html[n++] = (char)0xA9;
	}
	snprintf(html + n, sizeof(html) - n, "</p>");
	extract(html);
	ck_assert_uint_eq(d.nblock, 1);
	ck_assert_uint_eq(strlen(d.text.data), 8001);
	ck_assert_float_eq_tol(d.block[0].link_density, 0.75f, 1e-6);
}
END_TEST

/* Pages that declare nothing and are not UTF-8: what charset_detect()
 * names decodes them (issue 21's misses: an English page whose dashes
 * made uchardet say ISO-8859-7, a Spanish one it called Shift_JIS). */
static void
add(struct wn_buf *b, const char *s)
{
	wn_buf_append(b, s, strlen(s));
}

static int
detects(const char *p, const char *want)
{
	struct wn_buf out = { NULL, 0, 0 };
	int ok;

	ck_assert_int_eq(
	    charset_decode(charset_detect(p, strlen(p)), p, strlen(p), &out),
	    WN_OK);
	wn_buf_putc(&out, '\0');
	ok = strstr(out.data, want) != NULL;
	wn_buf_free(&out);
	return ok;
}

START_TEST(test_charset_detect)
{
	struct wn_buf b = { NULL, 0, 0 };
	int i;

	for (i = 0; i < 40; i++)
		add(&b,
		    "The council met on Monday \x97 for the third time \x97 "
		    "and "
		    "the mayor said it was \x93"
		    "a good day\x94 for the town. ");
	wn_buf_putc(&b, '\0');
	ck_assert(detects(b.data, "Monday \xe2\x80\x94 for"));
	b.len = 0;
	for (i = 0; i < 20; i++)
		add(&b,
		    "Si ya est\xe1 suscrito, ingrese aqu\xed"
		    ": la p\xe1"
		    "gina de "
		    "inicio. ");
	wn_buf_putc(&b, '\0');
	ck_assert(detects(b.data, "est\xc3\xa1 suscrito"));
	b.len = 0;
	for (i = 0; i < 20; i++)
		add(&b,
		    "\xc2 \xe3\xee\xf0\xee\xe4\xe5 "
		    "\xee\xf2\xea\xf0\xfb\xeb\xe8 "
		    "\xed\xee\xe2\xfb\xe9 \xec\xee\xf1\xf2"
		    ". ");
	wn_buf_putc(&b, '\0');
	ck_assert(detects(b.data, "\xd0\xbd\xd0\xbe\xd0\xb2\xd1\x8b\xd0\xb9"));
	wn_buf_free(&b);
	/* the answers checked against the bytes: a dash at 0x97 is no C1
	 * control; Spanish is no Shift_JIS; Japanese is */
	ck_assert_str_eq(
	    charset_check("ISO-8859-7", "a \x97 b", 5), "windows-1253");
	ck_assert_str_eq(charset_check("ISO-8859-15",
	                     "a \x93"
	                     "b\x94",
	                     5),
	    "windows-1252");
	ck_assert_str_eq(
	    charset_check("ISO-8859-7", "\xe1\xe2", 2), "ISO-8859-7");
	ck_assert_str_eq(charset_check("Shift_JIS",
	                     "Si ya est\xe1 suscrito, ingrese aqu\xed: "
	                     "la p\xe1"
	                     "gina",
	                     44),
	    "windows-1252");
	ck_assert_str_eq(charset_check("Shift_JIS",
	                     "\x93\xfa\x96\x7b\x8c\xea\x82\xcc\x95\xb6", 10),
	    "Shift_JIS");
}
END_TEST

Suite *
html_suite(void)
{
	Suite *s = suite_create("html");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_charset_detect);
	tcase_add_test(tc, test_blocks);
	tcase_add_test(tc, test_entities_once);
	tcase_add_test(tc, test_roles_and_links);
	tcase_add_test(tc, test_nested_chrome);
	tcase_add_test(tc, test_class_words);
	tcase_add_test(tc, test_class_names);
	tcase_add_test(tc, test_skipped_ends);
	tcase_add_test(tc, test_hidden_panels);
	tcase_add_test(tc, test_ruby_and_self_closing);
	tcase_add_test(tc, test_unknown_ends);
	tcase_add_test(tc, test_unknown_ends_deep);
	tcase_add_test(tc, test_cells_and_segments);
	tcase_add_test(tc, test_caption_names);
	tcase_add_test(tc, test_caption_open_lines);
	tcase_add_test(tc, test_anchors);
	tcase_add_test(tc, test_list);
	tcase_add_test(tc, test_thread_form);
	tcase_add_test(tc, test_thread_names);
	tcase_add_test(tc, test_thread_description);
	tcase_add_test(tc, test_boxes);
	tcase_add_test(tc, test_implied_ends);
	tcase_add_test(tc, test_charsets);
	tcase_add_test(tc, test_hostile_charsets);
	tcase_add_test(tc, test_metadata);
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_deep_nesting);
	tcase_add_test(tc, test_sniff);
	tcase_add_test(tc, test_text_spaces);
	tcase_add_test(tc, test_long_run);
	suite_add_tcase(s, tc);
	return s;
}
