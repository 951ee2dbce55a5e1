/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_boilerplate.c - each boilerplate feature and rule on small
 * documents, and site templates through clean_document(). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "boilerplate.h"
#include "clean.h"
#include "normalize.h"
#include "paragraph.h"
#include "suites.h"

#define MAXP 64

/* A document's lines through normalization, measure and classify. */
struct doc {
	struct boilerplate *b;
	struct normalizer *n;
	struct boilerplate_para v[MAXP];
	size_t np;
	int lang;
};

static void
doc_open(struct doc *d, enum boilerplate_mode mode, int lang)
{
	struct boilerplate_options o = { mode, lang };

	memset(d, 0, sizeof(*d));
	d->b = boilerplate_new(&o);
	d->n = normalize_new();
	ck_assert_ptr_nonnull(d->b);
	ck_assert_ptr_nonnull(d->n);
}

static void
doc_close(struct doc *d)
{
	boilerplate_free(d->b);
	normalize_free(d->n);
}

/* Measure one line (already normalized text) into d->v[d->np++]. */
static struct boilerplate_para *
measure(struct doc *d, const char *line)
{
	struct normalize_key key;

	memset(&key, 0, sizeof(key));
	ck_assert_uint_lt(d->np, MAXP);
	ck_assert_int_eq(normalize_key(d->n, line, strlen(line), &key), WN_OK);
	boilerplate_measure(d->b, line, strlen(line), &key, &d->v[d->np]);
	normalize_key_free(&key);
	return &d->v[d->np++];
}

static void
classify(struct doc *d)
{
	d->lang = boilerplate_classify(d->b, d->v, d->np, NULL, 0, 0, NULL);
}

#define ART1                                                                   \
	"The minister said on Tuesday that the talks had failed, and "         \
	"that a new round would begin in Geneva next month."
#define ART2                                                                   \
	"Both sides blamed each other for the deadlock, while aid "            \
	"groups warned that the situation in the city was getting worse."
#define ART3                                                                   \
	"He added that there was no military solution to the conflict "        \
	"and that only a political process could end the war."
/* two replies in a comment section */
#define REPLY1                                                                 \
	"I think that the minister is wrong about all of this, and that the "  \
	"talks were never going to work anyway."
#define REPLY2                                                                 \
	"Nobody in the region believes a word of what they say, and the "      \
	"people who live there are the ones who pay for it."

START_TEST(test_measure_features)
{
	struct doc d;
	struct boilerplate_para *p;

	/* the words of the lists taken as they are fold to themselves */
	ck_assert_int_eq(boilerplate_plain_ok(), 1);
	doc_open(&d, BOILERPLATE_NORMAL, -1);
	p = measure(&d, ART1);
	ck_assert_uint_eq(p->words, 21);
	/* the, that, the, had, and, that, a, would, in (en) */
	ck_assert_uint_ge(p->hits[boilerplate_lang_find("en")], 8);
	ck_assert(p->ends_sentence);
	ck_assert(!p->list && !p->placeholder && !p->comments);
	ck_assert_int_eq(p->phrase, -1);
	/* list markers, placeholders */
	ck_assert(measure(&d, "\xE2\x80\xA2 Home")->list);
	ck_assert(measure(&d, "- Sport")->list);
	ck_assert(measure(&d, "[gettyimages-1186543739]")->placeholder);
	ck_assert(!measure(&d, "[1] A footnote.")->placeholder);
	/* phrases: folded, at a word boundary, with a little slack */
	p = measure(&d, "Share this: Facebook Twitter");
	ck_assert_str_eq(boilerplate_phrase(p->phrase), "share this");
	ck_assert_str_eq(
	    boilerplate_phrase(
	        measure(&d, "PHOTO: Damian Dovarganes, AP")->phrase),
	    "photo");
	ck_assert_int_eq(measure(&d,
	                     "Photographers gathered outside the "
	                     "court.")
	                     ->phrase,
	    -1);
	ck_assert_str_eq(
	    boilerplate_phrase(
	        measure(&d, "Lesen Sie auch: Die Bahn streikt wieder")->phrase),
	    "lesen sie auch");
	/* Polish phrases */
	ck_assert_str_eq(
	    boilerplate_phrase(
	        measure(&d, "Zobacz także: Nowy rząd zaprzysiężony")->phrase),
	    "zobacz także");
	ck_assert_str_eq(
	    boilerplate_phrase(measure(&d, "Weiterlesen:")->phrase),
	    "weiterlesen");
	/* a long sentence starting like a phrase is not one */
	ck_assert_int_eq(measure(&d,
	                     "Related to the strike, the union said "
	                     "that its members would stay away from work for "
	                     "the rest of the "
	                     "week.")
	                     ->phrase,
	    -1);
	/* cookie notices anywhere */
	ck_assert_str_eq(boilerplate_phrase(measure(&d,
	                     "This website uses "
	                     "cookies to improve your experience.")
	                                        ->phrase),
	    "cookie notice");
	ck_assert_int_eq(measure(&d,
	                     "She baked cookies for the whole "
	                     "village.")
	                     ->phrase,
	    -1);
	/* rights notices: a copyright sign in a paragraph of at most
	 * RIGHTS_MAX_WORDS words, anywhere in it; not in a longer one, not
	 * the registered sign, not a lone 0xC2 byte's neighbour */
	ck_assert_str_eq(boilerplate_phrase(measure(&d,
	                     "\xC2\xA9 2022, The Paper. This article is the "
	                     "copyrighted property of The Paper.")
	                                        ->phrase),
	    "rights notice");
	ck_assert_str_eq(
	    boilerplate_phrase(
	        measure(&d, "Photos: \xC2\xA9 Ann Lee, Reuters")->phrase),
	    "rights notice");
	ck_assert_int_eq(
	    measure(&d, "The Widget\xC2\xAE costs \xC2\xA3 5.")->phrase, -1);
	/* mojibake: "é" read as Latin-1 is "Ã©", which holds the sign's
	 * bytes after a non-ASCII character; and a sign glued to a word */
	ck_assert_int_eq(measure(&d,
	                     "Le caf\xC3\x83\xC2\xA9 de la gare a "
	                     "ferm\xC3\x83\xC2\xA9 hier soir.")
	                     ->phrase,
	    -1);
	ck_assert_int_eq(measure(&d, "Brand\xC2\xA9 is a name.")->phrase, -1);
	ck_assert_int_eq(measure(&d, "2022\xC2\xA9 The Paper")->phrase, -1);
	/* before a lower-case word: a credit ("(c) dpa"), not a sentence
	 * that names the sign */
	ck_assert_str_eq(
	    boilerplate_phrase(
	        measure(&d, "Stau \xC2\xA9 aremac / Clipdealer")->phrase),
	    "rights notice");
	ck_assert_int_eq(measure(&d,
	                     "Under the new law, adding the \xC2\xA9 symbol is "
	                     "no longer needed.")
	                     ->phrase,
	    -1);
	/* the limit: RIGHTS_MAX_WORDS words, not one more */
	{
		char line[1024], *q = line;
		int k;

		for (k = 0; k < 58; k++)
			q += sprintf(q, "word ");
		sprintf(q, "\xC2\xA9 Paper");
		ck_assert_uint_eq(measure(&d, line)->words, 60);
		ck_assert_str_eq(boilerplate_phrase(measure(&d, line)->phrase),
		    "rights notice");
		memmove(line + 5, line, strlen(line) + 1);
		memcpy(line, "word ", 5);
		ck_assert_int_eq(measure(&d, line)->phrase, -1);
	}
	/* CJK: the limit is on the paragraph's weight (characters / 3) */
	{
		char cjk[2048], *q = cjk;
		int k;

		for (k = 0; k < 30; k++)
			q += sprintf(q,
			    "\xE6\x96\xB0\xE5\x8D\x8E\xE7\xA4\xBE"
			    "\xE6\x8A\xA5\xE9\x81\x93\xE4\xBA\x86"
			    "\xE6\xB6\x88\xE6\x81\xAF\xE3\x80\x82");
		sprintf(q, "(\xC2\xA9 \xE6\x96\xB0\xE5\x8D\x8E\xE7\xA4\xBE)");
		ck_assert_int_eq(measure(&d, cjk)->phrase, -1);
		ck_assert_str_eq(boilerplate_phrase(measure(&d, q)->phrase),
		    "rights notice");
	}
	{
		char longp[1024], *q = longp;
		int k;

		for (k = 0; k < 12; k++)
			q += sprintf(q, "The five words go on. ");
		sprintf(q, "\xC2\xA9 The Paper");
		ck_assert_int_eq(measure(&d, longp)->phrase, -1);
	}
	/* comment headings: short, not a sentence */
	ck_assert(measure(&d, "34 Comments")->comments);
	ck_assert(measure(&d, "Kommentare (12)")->comments);
	ck_assert(
	    !measure(&d, "A spokesperson declined to comment.")->comments);
	/* ... and those that count the comments (2), a zero count (3) */
	ck_assert_uint_eq(measure(&d, "34 Comments")->comments, 2);
	ck_assert_uint_eq(measure(&d, "[ 167 comments ]")->comments, 2);
	ck_assert_uint_eq(measure(&d, "Kommentare (12)")->comments, 2);
	ck_assert_uint_eq(
	    measure(&d, "34 responses to \"The talks\"")->comments, 2);
	ck_assert_uint_eq(measure(&d, "0 comments")->comments, 3);
	ck_assert_uint_eq(measure(&d, "Comments")->comments, 1);
	ck_assert_uint_eq(measure(&d, "76 Replies")->comments, 1);
	ck_assert_uint_eq(measure(&d, "By Ann Lee | 6 comments")->comments, 1);
	ck_assert_uint_eq(
	    measure(&d, "2. Comment engagement score")->comments, 1);
	/* a field labelled by a comment word names no comment section */
	ck_assert_uint_eq(
	    measure(&d, "Comments: 35 pages, 4 figures")->comments, 0);
	ck_assert_uint_eq(measure(&d, "Comments: 12")->comments, 2);
	/* nor a line of code or a sentence leading into a list that
	 * mentions them (documentation of an API) */
	ck_assert_uint_eq(
	    measure(&d, ">>> print(issue['comments'])")->comments, 0);
	ck_assert_uint_eq(
	    measure(&d, "for (const response of responses) {")->comments, 0);
	ck_assert_uint_eq(
	    measure(&d, "comment = Frohike Backups")->comments, 0);
	ck_assert_uint_eq(
	    measure(&d, "v1 -> v2: addressed review comments")->comments, 0);
	ck_assert_uint_eq(measure(&d,
	                      "Responses have a type that is one of "
	                      "these:")
	                      ->comments,
	    0);
	ck_assert_uint_eq(measure(&d, "Leave a comment:")->comments, 1);
	ck_assert_uint_eq(measure(&d, "Comments (12)")->comments, 2);
	/* placeholders: a line of them, a shortcode; not bracketed fields
	 * with text between them */
	ck_assert(measure(&d, "[gettyimages-1234]")->placeholder);
	ck_assert(measure(&d, "[Social-Fac] [Social-Twi]")->placeholder);
	ck_assert(measure(&d, "[button link=x] Send us a review[/button]")
	              ->placeholder);
	ck_assert(
	    !measure(&d, "[1] arXiv:2501.01234 [pdf, html]")->placeholder);
	/* closing quotes and CJK full stops end sentences; CJK is counted */
	ck_assert(
	    measure(&d, "He said \xE2\x80\x9Cno.\xE2\x80\x9D")->ends_sentence);
	p = measure(&d,
	    "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE"
	    "\xE6\x96\x87\xE3\x80\x82");
	ck_assert(p->cjk && p->ends_sentence);
	doc_close(&d);
}
END_TEST

/* A key that says its text was all ASCII lets boilerplate_measure() skip
 * its own scan of the bytes: every field comes out as with a key that
 * does not say so, on ASCII lines of every length around the scan's 16-
 * and 32-byte steps and on lines with other characters. */
START_TEST(test_measure_ascii_key)
{
	static const char *const lines[] = {
		"Photo: Jane Doe/Reuters",
		"The minister said on Tuesday that the plan would go ahead.",
		"- Home",
		"Read more: cookies, privacy and the rest of it",
		"[Advertisement]",
		"Post a Comment",
		"Caf\xC3\xA9 society returns to the old town square.",
		"\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xB2\xE3\x82\x89 news",
	};
	const size_t nl = sizeof(lines) / sizeof(lines[0]);
	struct boilerplate_options o = { BOILERPLATE_NORMAL, -1 };
	struct boilerplate *b = boilerplate_new(&o);
	struct normalizer *n = normalize_new();
	struct normalize_key key;
	char buf[80];
	size_t i, k, len, flagged = 0;

	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_nonnull(n);
	memset(&key, 0, sizeof(key));
	for (i = 0; i < nl + 70; i++) {
		struct boilerplate_para with, without;
		const char *s = buf;

		if (i < nl) {
			s = lines[i];
		} else {
			/* "a c e ..." of every length 0..69, ending "." */
			for (k = 0; k < i - nl; k++)
				buf[k] = k % 2 ? ' ' : (char)('a' + k % 26);
			if (k > 0)
				buf[k - 1] = '.';
			buf[k] = '\0';
		}
		len = strlen(s);
		ck_assert_int_eq(normalize_key(n, s, len, &key), WN_OK);
		flagged += key.ascii;
		boilerplate_measure(b, s, len, &key, &with);
		key.ascii = 0;
		boilerplate_measure(b, s, len, &key, &without);
		ck_assert_msg(memcmp(&with, &without, sizeof(with)) == 0,
		    "line %zu measured differently", i);
	}
	/* where the key's SSSE3 code runs, it said so of the 76 ASCII lines
	 * and of no other */
	if (normalize_use_ssse3(n, 1))
		ck_assert_uint_eq(flagged, 76);
	normalize_key_free(&key);
	normalize_free(n);
	boilerplate_free(b);
}
END_TEST

/* Prose needs min_words (5) words and a stop density of min_stop (0.10)
 * where a list fits; where none does, the shape alone decides. */
START_TEST(test_prose_bounds)
{
	struct doc d;

	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d, "The talks in Geneva failed.");
	measure(&d, "Talks in Geneva.");
	measure(&d, "Geneva Lausanne Zurich Basel Bern Lugano Chur.");
	measure(&d, ART1);
	measure(&d, ART2);
	classify(&d);
	ck_assert(d.v[0].prose);  /* 5 words */
	ck_assert(!d.v[1].prose); /* 3 */
	ck_assert(!d.v[2].prose); /* no stop word */
	doc_close(&d);
	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d, "Zorbu flimak tarvo melk dunor.");
	measure(&d,
	    "Kadru vemit solar piktu mavran osvet lurik danmo "
	    "fetra gulan moski trevan.");
	classify(&d);
	ck_assert_int_eq(d.lang, -1);
	ck_assert(d.v[0].prose); /* 5 words, no list: by its shape */
	doc_close(&d);
}
END_TEST

START_TEST(test_main_text_run)
{
	struct doc d;
	size_t i;

	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d, "Home");
	measure(&d, "\xE2\x80\xA2 World");
	measure(&d, "\xE2\x80\xA2 Business");
	measure(&d, "Talks on the war fail again"); /* headline */
	measure(&d, ART1);
	measure(&d, "[gettyimages-1234]");
	measure(&d, "Trucks at the border."); /* caption: under min_words */
	measure(&d, "Photo: Reuters");
	measure(&d, ART2);
	measure(&d, "What comes next"); /* subheading */
	measure(&d, ART3);
	measure(&d, "Share this article");
	measure(&d, "\xE2\x80\xA2 Privacy");
	measure(&d, "\xC2\xA9 2019 The Daily Example");
	classify(&d);
	ck_assert_int_eq(d.lang, boilerplate_lang_find("en"));
	ck_assert_uint_eq(d.v[0].rule, BOILERPLATE_OUTSIDE);
	ck_assert_uint_eq(d.v[1].rule, BOILERPLATE_OUTSIDE);
	ck_assert_uint_eq(d.v[3].rule, BOILERPLATE_OUTSIDE);
	ck_assert_uint_eq(d.v[4].rule, BOILERPLATE_KEPT);
	ck_assert_uint_eq(d.v[5].rule, BOILERPLATE_PLACEHOLDER);
	ck_assert_uint_eq(d.v[6].rule, BOILERPLATE_FRAGMENT);
	ck_assert_uint_eq(d.v[7].rule, BOILERPLATE_PHRASE);
	ck_assert_uint_eq(d.v[8].rule, BOILERPLATE_KEPT);
	ck_assert_uint_eq(d.v[9].rule, BOILERPLATE_KEPT); /* leads in */
	ck_assert_uint_eq(d.v[10].rule, BOILERPLATE_KEPT);
	ck_assert_uint_eq(d.v[11].rule, BOILERPLATE_PHRASE);
	ck_assert_uint_eq(d.v[12].rule, BOILERPLATE_OUTSIDE);
	ck_assert_uint_eq(d.v[13].rule, BOILERPLATE_PHRASE);
	for (i = 0; i < d.np; i++)
		ck_assert(d.v[i].prose == (i == 4 || i == 8 || i == 10));
	doc_close(&d);

	/* strict drops the subheading, loose keeps the caption */
	doc_open(&d, BOILERPLATE_STRICT, -1);
	measure(&d, ART1);
	measure(&d, "Aid trucks at the border.");
	measure(&d, ART2);
	measure(&d, "What comes next");
	measure(&d, ART3);
	classify(&d);
	ck_assert_uint_eq(d.v[1].rule, BOILERPLATE_FRAGMENT);
	ck_assert_uint_eq(d.v[3].rule, BOILERPLATE_FRAGMENT);
	doc_close(&d);
	doc_open(&d, BOILERPLATE_LOOSE, -1);
	measure(&d, ART1);
	measure(&d, "Aid trucks at the border.");
	measure(&d, ART2);
	classify(&d);
	ck_assert_uint_eq(d.v[1].rule, BOILERPLATE_KEPT);
	doc_close(&d);
}
END_TEST

START_TEST(test_credits)
{
	struct doc d;
	size_t i;

	doc_open(&d, BOILERPLATE_NORMAL, -1);
	/* a credit word and a colon starting the text, a sentence or the
	 * closing parenthesis; a stock agency in the closing parenthesis */
	ck_assert(measure(&d,
	    "The talks went on late into the night. "
	    "(Foto: Andina)")
	              ->credit);
	ck_assert(measure(&d, "Titelbild: Geyres Christophe/ABACA")->credit);
	ck_assert(measure(&d, "Delegates arrive. Photo: AP")->credit);
	ck_assert(measure(&d,
	    "A stoat in its winter coat. "
	    "(mlharing / iStock.com)")
	              ->credit);
	ck_assert(measure(&d, "Roman Prymula (Getty Images)")->credit);
	/* not credits: no colon, inside a sentence, an agency outside the
	 * closing parenthesis, too long */
	ck_assert(!measure(&d, "The photo was taken in Geneva.")->credit);
	ck_assert(!measure(&d,
	    "He showed us the photo: a crowd in the "
	    "square.")
	               ->credit);
	ck_assert(!measure(&d,
	    "Reuters reported the talks had failed "
	    "(again).")
	               ->credit);
	ck_assert(!measure(&d,
	    "The fix came in a later release "
	    "(dpatch 2.1)")
	               ->credit);
	ck_assert(!measure(&d, ART1 " " ART2 " (Foto: Andina)")->credit);
	doc_close(&d);

	/* inside the article a caption with a credit is removed, the text
	 * around it stays */
	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d, ART1);
	measure(&d,
	    "Delegates leave the talks in Geneva on Tuesday evening "
	    "after the session. (Reuters)");
	measure(&d, ART2);
	measure(&d, ART3);
	classify(&d);
	ck_assert(d.v[1].credit);
	ck_assert(!d.v[1].prose);
	ck_assert_uint_eq(d.v[1].rule, BOILERPLATE_FRAGMENT);
	for (i = 0; i < 4; i += 1 + (i == 0))
		ck_assert_uint_eq(d.v[i].rule, BOILERPLATE_KEPT);
	doc_close(&d);
}
END_TEST

/* HTML: when the page's chrome marks as a whole are not trusted (the
 * article sits in a chrome element), a small chrome element inside or
 * beside it still is. */
START_TEST(test_small_chrome)
{
	struct doc d;
	size_t i;

	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d, ART1);
	measure(&d, ART2);
	measure(&d,
	    "Sign up to our weekly letter and never miss the best "
	    "stories of the week.");
	measure(&d, ART3);
	for (i = 0; i < 3; i++) { /* 250 words of text in all */
		measure(&d, ART1 " " ART2);
		measure(&d, ART3);
	}
	for (i = 0; i < d.np; i++) {
		d.v[i].role = BLOCK_CHROME;
		d.v[i].chrome = i == 2 ? 2 : 1; /* 2 is nested in 1 */
	}
	classify(&d);
	for (i = 0; i < d.np; i++)
		ck_assert_uint_eq(d.v[i].rule,
		    (i == 2 ? BOILERPLATE_STRUCTURE : BOILERPLATE_KEPT));
	/* an element holding much of the text is not trusted */
	d.v[0].chrome = d.v[1].chrome = 3;
	classify(&d);
	ck_assert_uint_eq(d.v[0].rule, BOILERPLATE_KEPT);
	ck_assert_uint_eq(d.v[1].rule, BOILERPLATE_KEPT);
	ck_assert_uint_eq(d.v[2].rule, BOILERPLATE_STRUCTURE);
	/* nor one without a number (hidden only) */
	d.v[2].chrome = 0;
	classify(&d);
	ck_assert_uint_eq(d.v[2].rule, BOILERPLATE_KEPT);
	doc_close(&d);
}
END_TEST

/* HTML: sentence-shaped <li> items count half their words towards the
 * main text (a recipe's steps), link-list items and text-dump markers do
 * not. */
START_TEST(test_sentence_items)
{
	struct doc d;
	size_t i, first, n;
	const char *step[] = {
		"Put the flour and the butter in a bowl and mix them well.",
		"Roll out the dough on a floured board until it is thin.",
		"Cut out the biscuits and lay them on a baking tray.",
		"Bake them in the middle of the oven for fifteen minutes.",
		"Let them cool on a rack before you eat any of them.",
	};

	for (int html = 0; html < 2; html++) {
		doc_open(&d, BOILERPLATE_NORMAL, -1);
		measure(&d, "Home");
		measure(&d,
		    "A simple recipe for butter biscuits that the whole "
		    "family will love.");
		first = d.np;
		for (i = 0; i < 5; i++) {
			char line[128];

			snprintf(line, sizeof(line), "%s%s", html ? "" : "- ",
			    step[i]);
			measure(&d, line)->role =
			    html ? BLOCK_ITEM : BLOCK_NONE;
		}
		for (i = 0; i < 10; i++)
			measure(&d, "Menu");
		measure(&d,
		    "We use this text to tell you about the people who "
		    "write for this blog and what they like to bake.");
		n = d.np;
		classify(&d);
		for (i = first; i < first + 5; i++)
			ck_assert_uint_eq(d.v[i].rule,
			    (html ? BOILERPLATE_KEPT : BOILERPLATE_OUTSIDE));
		ck_assert_uint_eq(d.v[n - 1].rule,
		    (html ? BOILERPLATE_OUTSIDE : BOILERPLATE_KEPT));
		doc_close(&d);
	}
}
END_TEST

/* HTML: captions are not text, unless they are all the text there is (a
 * slideshow) */
START_TEST(test_slideshow)
{
	struct doc d;
	size_t i;

	for (int article = 0; article < 2; article++) {
		doc_open(&d, BOILERPLATE_NORMAL, -1);
		measure(&d, "Gallery");
		measure(&d, ART1)->role = BLOCK_CAPTION;
		measure(&d, "Next");
		measure(&d, ART2)->role = BLOCK_CAPTION;
		if (article)
			measure(&d, ART3 " " ART1);
		classify(&d);
		for (i = 1; i < 4; i += 2)
			ck_assert_uint_eq(d.v[i].rule,
			    (article ? BOILERPLATE_OUTSIDE : BOILERPLATE_KEPT));
		ck_assert_uint_eq(d.v[0].rule, BOILERPLATE_OUTSIDE);
		doc_close(&d);
	}
}
END_TEST

START_TEST(test_lists_in_text)
{
	struct doc d;

	/* list items inside the article stay; a link list outside goes */
	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d, ART1);
	measure(&d, "The plan has three parts:");
	measure(&d, "\xE2\x80\xA2 a ceasefire in the north of the country");
	measure(&d, "\xE2\x80\xA2 aid convoys into the city every week");
	measure(&d, ART2);
	measure(&d, "Latest news");
	measure(&d, "\xE2\x80\xA2 Floods in the south");
	measure(&d, "\xE2\x80\xA2 Election date set");
	classify(&d);
	ck_assert_uint_eq(d.v[1].rule, BOILERPLATE_KEPT);
	ck_assert_uint_eq(d.v[2].rule, BOILERPLATE_KEPT);
	ck_assert_uint_eq(d.v[3].rule, BOILERPLATE_KEPT);
	ck_assert_uint_eq(d.v[5].rule, BOILERPLATE_PHRASE);
	ck_assert_uint_eq(d.v[6].rule, BOILERPLATE_OUTSIDE);
	ck_assert_uint_eq(d.v[7].rule, BOILERPLATE_OUTSIDE);
	doc_close(&d);
}
END_TEST

/* Titles glued into one line (a headline list rendered without its
 * breaks), cut short with ellipses, are no prose; a comment with
 * ellipses in lower case is. */
START_TEST(test_glued_titles)
{
	struct doc d;

	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d, ART1);
	measure(&d, ART2);
	measure(&d,
	    "Minister Meets Delegation From Jordan to Discuss Trade "
	    "And Energy Cooperation In Damascu... Chamber of Commerce "
	    "Welcomes Lifting of Sanctions as Positive Step Toward "
	    "Rebuilding Bridge... Syria and Jordan Sign Agreement to "
	    "Establish Council Press Conference for Foreign "
	    "Minister and His Jordanian Count... UN and Saudi Arabia "
	    "Sign Deal");
	measure(&d,
	    "Wow, what a great post... I have tried it twice and... "
	    "it worked for me, and my neighbour says... it is the best "
	    "way to do it that she has seen in years of trying.");
	classify(&d);
	ck_assert(d.v[2].titles);
	ck_assert(!d.v[2].prose);
	ck_assert_uint_ne(d.v[2].rule, BOILERPLATE_KEPT);
	ck_assert(!d.v[3].titles);
	doc_close(&d);
}
END_TEST

START_TEST(test_comments_section)
{
	struct doc d;

	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d, ART1);
	measure(&d, ART2);
	measure(&d, ART3);
	measure(&d, "12 Comments");
	measure(&d, "joe says:");
	measure(&d, REPLY1);
	measure(&d, "ann says:");
	measure(&d, REPLY2);
	classify(&d);
	ck_assert_uint_eq(d.v[0].rule, BOILERPLATE_KEPT);
	ck_assert_uint_eq(d.v[2].rule, BOILERPLATE_KEPT);
	ck_assert_uint_eq(d.v[3].rule, BOILERPLATE_COMMENTS);
	ck_assert_uint_eq(d.v[5].rule, BOILERPLATE_COMMENTS);
	ck_assert_uint_eq(d.v[7].rule, BOILERPLATE_COMMENTS);
	doc_close(&d);

	/* a thread: what follows "Replies" is longer than what came before
	 * it (the opening post), so it is not a comment section to cut */
	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d, ART1);
	measure(&d, ART2);
	measure(&d, "3 Replies");
	measure(&d, ART3);
	measure(&d, REPLY1);
	measure(&d, REPLY2);
	classify(&d);
	ck_assert_uint_ne(d.v[3].rule, BOILERPLATE_COMMENTS);
	ck_assert_uint_eq(d.v[5].rule, BOILERPLATE_KEPT);
	doc_close(&d);
	/* a heading naming responses followed by two sections of the
	 * article (headings leading into prose) is a section itself; with
	 * one it ends the article */
	for (int sections = 1; sections <= 2; sections++) {
		doc_open(&d, BOILERPLATE_NORMAL, -1);
		measure(&d, ART1);
		measure(&d, ART2);
		measure(&d, ART3);
		measure(&d, "About Responses")->role = BLOCK_HEADING;
		measure(&d, "The value that a view returns is made into one.");
		measure(&d, "Sessions")->role = BLOCK_HEADING;
		measure(
		    &d, "The session is stored in a cookie that is signed.");
		if (sections == 2) {
			measure(&d, "Logging")->role = BLOCK_HEADING;
			measure(
			    &d, "The logger is there to be used by the app.");
		}
		classify(&d);
		ck_assert_uint_eq(d.v[4].rule,
		    sections == 2 ? BOILERPLATE_KEPT : BOILERPLATE_COMMENTS);
		doc_close(&d);
	}
	/* nor is a line that goes on, or a link */
	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d, ART1);
	measure(&d, ART2);
	measure(&d, ART3);
	measure(&d, "pub reply: bool,");
	measure(&d, REPLY1);
	classify(&d);
	ck_assert_uint_ne(d.v[4].rule, BOILERPLATE_COMMENTS);
	doc_close(&d);

	/* a heading that counts the comments ends the article even when
	 * they run longer than it; without the count they are text */
	for (int count = 0; count < 2; count++) {
		doc_open(&d, BOILERPLATE_NORMAL, -1);
		measure(&d, ART1);
		measure(&d, ART2);
		measure(&d, count ? "[ 167 comments ]" : "Comments");
		for (int k = 0; k < 3; k++) {
			measure(&d, "joe says:");
			measure(&d,
			    "I think that the minister is wrong about all of "
			    "this, and that the talks were never going to "
			    "work anyway, whatever he says now.");
		}
		classify(&d);
		ck_assert_uint_eq(d.v[0].rule, BOILERPLATE_KEPT);
		ck_assert_uint_eq(d.v[1].rule, BOILERPLATE_KEPT);
		if (count)
			ck_assert_uint_eq(d.v[4].rule, BOILERPLATE_COMMENTS);
		else
			ck_assert_uint_eq(d.v[4].rule, BOILERPLATE_KEPT);
		doc_close(&d);
	}
	/* a listing whose teasers each count their comments: the count
	 * after a teaser is followed by a teaser, not by comments longer
	 * than what came before */
	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d, ART1);
	measure(&d, ART2);
	measure(&d, ART3);
	for (int k = 0; k < 4; k++) {
		measure(&d, k % 2 ? "0 comments" : "14 comments");
		measure(&d, ART1);
		measure(&d, ART2);
	}
	classify(&d);
	ck_assert_uint_eq(d.v[4].rule, BOILERPLATE_KEPT);
	ck_assert_uint_eq(d.v[5].rule, BOILERPLATE_KEPT);
	doc_close(&d);

	/* nor does a table cell that mentions comments */
	for (int cell = 0; cell < 2; cell++) {
		doc_open(&d, BOILERPLATE_NORMAL, -1);
		measure(&d, ART1);
		measure(&d, ART2);
		measure(&d, "Replies to comments")->role =
		    cell ? BLOCK_CELL : BLOCK_NONE;
		measure(&d, ART3);
		classify(&d);
		ck_assert_uint_eq(d.v[3].rule,
		    cell ? BOILERPLATE_KEPT : BOILERPLATE_COMMENTS);
		doc_close(&d);
	}

	/* a "Comments" menu link before the article ends nothing */
	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d, "Comments");
	measure(&d, ART1);
	measure(&d, ART2);
	classify(&d);
	ck_assert_uint_eq(d.v[1].rule, BOILERPLATE_KEPT);
	ck_assert_uint_eq(d.v[2].rule, BOILERPLATE_KEPT);
	doc_close(&d);
}
END_TEST

START_TEST(test_repeats_and_no_text)
{
	struct doc d;
	size_t i;

	/* an article pasted twice keeps its first copy as text; the later
	 * copy is left to duplicate removal */
	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d, ART1)->repeated = 1;
	measure(&d, ART2)->repeated = 1;
	measure(&d, ART1)->repeated = 2;
	measure(&d, ART2)->repeated = 2;
	classify(&d);
	ck_assert(d.v[0].prose && d.v[1].prose);
	ck_assert(!d.v[2].prose && !d.v[3].prose);
	ck_assert_uint_eq(d.v[0].rule, BOILERPLATE_KEPT);
	ck_assert_uint_eq(d.v[1].rule, BOILERPLATE_KEPT);
	doc_close(&d);

	/* a page of menus has no main text */
	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d, "Home");
	measure(&d, "About us");
	measure(&d, "Contact");
	classify(&d);
	ck_assert_uint_eq(d.v[0].rule, BOILERPLATE_NO_TEXT);
	ck_assert_uint_eq(d.v[2].rule, BOILERPLATE_NO_TEXT);
	doc_close(&d);

	/* a text page whose only prose is a line above a list of headlines
	 * is no article: its lines are kept, as the HTML path keeps a
	 * listing; a short record with a paragraph keeps its menu out */
	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d,
	    "Here are the latest stories from our newsroom, as they "
	    "were published today.");
	for (i = 0; i < 30; i++)
		measure(&d,
		    i % 2 ? "Council votes on the new bridge plan" :
		            "Storm closes schools across the region");
	classify(&d);
	ck_assert_uint_eq(d.v[0].rule, BOILERPLATE_KEPT);
	for (i = 1; i <= 30; i++)
		ck_assert_uint_eq(d.v[i].rule, BOILERPLATE_KEPT);
	doc_close(&d);
	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d, "Weather");
	measure(&d, "Sport and culture today");
	measure(&d, ART1);
	classify(&d);
	ck_assert_uint_eq(d.v[2].rule, BOILERPLATE_KEPT);
	ck_assert_uint_ne(d.v[0].rule, BOILERPLATE_KEPT);
	ck_assert_uint_ne(d.v[1].rule, BOILERPLATE_KEPT);
	doc_close(&d);

	/* off keeps everything */
	doc_open(&d, BOILERPLATE_OFF, -1);
	measure(&d, "Home");
	measure(&d, "Share this");
	classify(&d);
	ck_assert_uint_eq(d.v[0].rule, BOILERPLATE_KEPT);
	ck_assert_uint_eq(d.v[1].rule, BOILERPLATE_KEPT);
	doc_close(&d);
}
END_TEST

START_TEST(test_languages)
{
	struct doc d;

	ck_assert_int_eq(boilerplate_lang_find("de"), 1);
	ck_assert_int_eq(boilerplate_lang_find("xx"), -1);
	ck_assert_str_eq(boilerplate_lang_name(-1), "none");
	/* German text is judged by the German list */
	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d, "Startseite");
	measure(&d,
	    "Die Regierung hat am Dienstag beschlossen, dass die "
	    "neuen Regeln erst im kommenden Jahr gelten sollen.");
	measure(&d,
	    "Das sei nach Angaben der Ministerin auch deshalb "
	    "notwendig, weil viele Betriebe noch keine Zeit hatten.");
	classify(&d);
	ck_assert_str_eq(boilerplate_lang_name(d.lang), "de");
	ck_assert_uint_eq(d.v[0].rule, BOILERPLATE_PHRASE);
	ck_assert(d.v[1].prose && d.v[2].prose);
	doc_close(&d);
	/* forced to English, the same text has under 10% English stop
	 * words: no list fits, and it is judged by its shape */
	doc_open(&d, BOILERPLATE_NORMAL, boilerplate_lang_find("en"));
	measure(&d,
	    "Die Regierung hat am Dienstag beschlossen, dass die "
	    "neuen Regeln erst im kommenden Jahr gelten sollen.");
	classify(&d);
	ck_assert_int_eq(d.lang, -1);
	ck_assert(d.v[0].prose);
	doc_close(&d);
	/* Turkish has its list (from postgresql-15's tsearch data) */
	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d,
	    "Bu konuda daha fazla bilgi almak için her iki taraf da "
	    "yeni bir toplantı ile görüşmelere devam edecek.");
	classify(&d);
	ck_assert_str_eq(boilerplate_lang_name(d.lang), "tr");
	ck_assert(d.v[0].prose);
	doc_close(&d);
	/* Polish has its list (gen_stopwords_pl.py); a Polish teaser
	 * without function words is not prose */
	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d,
	    "Rz\xC4\x85"
	    "d przyj\xC4\x85\xC5\x82 we wtorek projekt, "
	    "kt\xC3\xB3ry ma wej\xC5\x9B\xC4\x87 w \xC5\xBCycie jeszcze "
	    "przed ko\xC5\x84"
	    "cem roku, ale nie wszyscy s\xC4\x85 z "
	    "tego zadowoleni.");
	measure(&d,
	    "Pierogi dyniowe, sos sza\xC5\x82wiowy, mas\xC5\x82o "
	    "klarowane, parmezan tarty, pieprz czarny mielony.");
	classify(&d);
	ck_assert_str_eq(boilerplate_lang_name(d.lang), "pl");
	ck_assert(d.v[0].prose);
	ck_assert(d.v[0].stop_density >= 0.25f);
	ck_assert(!d.v[1].prose);
	doc_close(&d);
	/* Japanese: the share of hiragana stands in for stop words (no
	 * spaces, so no word list can match); a katakana menu line has
	 * none */
	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d,
	    "\xE3\x83\x8B\xE3\x83\xA5\xE3\x83\xBC\xE3\x82\xB9\xE4\xB8"
	    "\x80\xE8\xA6\xA7");
	measure(&d,
	    "\xE6\x94\xBF\xE5\xBA\x9C\xE3\x81\xAF\xE7\x81\xAB\xE6\x9B"
	    "\x9C\xE6\x97\xA5\xE3\x81\xAB\xE6\x96\xB0\xE3\x81\x97\xE3"
	    "\x81\x84\xE8\xA6\x8F\xE5\x89\x87\xE3\x82\x92\xE6\xB1\xBA"
	    "\xE3\x82\x81\xE3\x81\xBE\xE3\x81\x97\xE3\x81\x9F\xE3\x81"
	    "\x8C\xE3\x80\x81\xE5\xAE\x9F\xE9\x9A\x9B\xE3\x81\xAB\xE4"
	    "\xBD\xBF\xE3\x82\x8F\xE3\x82\x8C\xE3\x82\x8B\xE3\x81\xAE"
	    "\xE3\x81\xAF\xE6\x9D\xA5\xE5\xB9\xB4\xE3\x81\x8B\xE3\x82"
	    "\x89\xE3\x81\xAB\xE3\x81\xAA\xE3\x82\x8B\xE3\x81\xA8\xE8"
	    "\xAA\xAC\xE6\x98\x8E\xE3\x81\x97\xE3\x81\xBE\xE3\x81\x97"
	    "\xE3\x81\x9F\xE3\x80\x82");
	/* an address line in kanji, shaped like a sentence: no hiragana */
	measure(&d,
	    "\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x83\xBD\xE6\x96\xB0\xE5\xAE"
	    "\xBF\xE5\x8C\xBA\xE8\xA5\xBF\xE6\x96\xB0\xE5\xAE\xBF\xE4"
	    "\xBA\x8C\xE4\xB8\x81\xE7\x9B\xAE\xE5\x85\xAB\xE7\x95\xAA"
	    "\xE4\xB8\x80\xE5\x8F\xB7\xE6\xA0\xAA\xE5\xBC\x8F\xE4\xBC"
	    "\x9A\xE7\xA4\xBE\xE7\xB7\x8F\xE5\x90\x88\xE6\x8A\x80\xE8"
	    "\xA1\x93\xE7\xA0\x94\xE7\xA9\xB6\xE6\x89\x80\xE6\x9C\xAC"
	    "\xE7\xA4\xBE\xE3\x83\x93\xE3\x83\xAB\xE3\x80\x82");
	classify(&d);
	ck_assert_str_eq(boilerplate_lang_name(d.lang), "ja");
	ck_assert(!d.v[2].prose);
	ck_assert_int_eq(boilerplate_lang_find("ja"), d.lang);
	ck_assert(d.v[1].prose);
	ck_assert(d.v[1].stop_density >= 0.25f);
	ck_assert(d.v[0].stop_density == 0);
	doc_close(&d);
	/* Chinese has no hiragana: no list, judged by shape */
	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d,
	    "\xE6\x94\xBF\xE5\xBA\x9C\xE6\x98\x9F\xE6\x9C\x9F\xE4\xBA"
	    "\x8C\xE5\x86\xB3\xE5\xAE\x9A\xE4\xBA\x86\xE6\x96\xB0\xE7"
	    "\x9A\x84\xE8\xA7\x84\xE5\x88\x99\xEF\xBC\x8C\xE4\xBD\x86"
	    "\xE5\xAE\x9E\xE9\x99\x85\xE4\xBD\xBF\xE7\x94\xA8\xE8\xA6"
	    "\x81\xE7\xAD\x89\xE5\x88\xB0\xE6\x98\x8E\xE5\xB9\xB4\xE6"
	    "\x89\x8D\xE5\xBC\x80\xE5\xA7\x8B\xE3\x80\x82");
	classify(&d);
	ck_assert_int_eq(d.lang, -1);
	ck_assert(d.v[0].prose);
	doc_close(&d);
	/* a forced list that fits is used */
	doc_open(&d, BOILERPLATE_NORMAL, boilerplate_lang_find("de"));
	measure(&d,
	    "Das sei nach Angaben der Ministerin auch deshalb "
	    "notwendig, weil viele Betriebe noch keine Zeit hatten.");
	classify(&d);
	ck_assert_str_eq(boilerplate_lang_name(d.lang), "de");
	ck_assert(d.v[0].prose);
	doc_close(&d);
	/* Korean: no stop list, sentences by shape */
	doc_open(&d, BOILERPLATE_NORMAL, -1);
	measure(&d, "\xED\x99\x88"); /* a one-syllable menu item */
	measure(&d,
	    "\xEA\xB7\xB8\xEB\x9F\xAC\xEB\x82\x98 \xEC\x9D\xB4 "
	    "\xEB\xAC\xB8\xEC\xA0\x9C\xEB\x8A\x94 \xEC\x89\xBD\xEA\xB2\x8C "
	    "\xED\x95\xB4\xEA\xB2\xB0\xEB\x90\x98\xEC\xA7\x80 "
	    "\xEC\x95\x8A\xEC\x9D\x84 \xEA\xB2\x83\xEC\x9C\xBC\xEB\xA1\x9C "
	    "\xEB\xB3\xB4\xEC\x9D\xB8\xEB\x8B\xA4. \xEC\xA0\x95\xEB\xB6\x80"
	    "\xEB\x8A\x94 \xEC\x95\x84\xEC\xA7\x81 \xEC\x95\x84\xEB\xAC\xB4"
	    " \xEB\x8C\x80\xEC\xB1\x85\xEB\x8F\x84 \xEB\x82\xB4\xEB\x86\x93"
	    "\xEC\xA7\x80 \xEC\x95\x8A\xEC\x95\x98\xEB\x8B\xA4.");
	classify(&d);
	ck_assert_int_eq(d.lang, -1);
	ck_assert_uint_eq(d.v[0].rule, BOILERPLATE_OUTSIDE);
	ck_assert(d.v[1].prose);
	ck_assert_uint_eq(d.v[1].rule, BOILERPLATE_KEPT);
	doc_close(&d);
}
END_TEST

/* Site templates: a line on the third page of a host is removed. */
START_TEST(test_site_template)
{
	struct clean_options o;
	struct clean *c;
	struct clean_doc doc;
	struct record in;
	const char *urls[] = {
		"https://www.example.com/a",
		"http://example.com/b?x=1",
		"https://other.org/c",
		"https://EXAMPLE.com:443/d",
	};
	const char *bodies[] = { ART1, ART2, ART2, ART3 };
	char text[1024];
	int i;

	memset(&doc, 0, sizeof(doc));
	clean_options_default(&o);
	o.near = 0;
	ck_assert_ptr_nonnull(c = clean_new(&o));
	for (i = 0; i < 4; i++) {
		snprintf(text, sizeof(text),
		    "%s\nThe Daily Example is an "
		    "independent newspaper founded in 1901 by readers.",
		    bodies[i]);
		memset(&in, 0, sizeof(in));
		in.text.p = text;
		in.text.n = strlen(text);
		in.url.p = urls[i];
		in.url.n = strlen(urls[i]);
		ck_assert_int_eq(clean_document(c, &in, &doc), WN_OK);
		if (i == 2) /* another host: its own first sighting */
			ck_assert_uint_eq(doc.removed[CLEAN_TEMPLATE], 0);
	}
	/* the fourth page is example.com's third: the blurb is a template */
	ck_assert_uint_eq(doc.removed[CLEAN_TEMPLATE], 1);
	ck_assert_uint_eq(clean_counts(c)->paragraphs_template, 1);
	wn_buf_putc(&doc.text, '\0');
	ck_assert_str_eq(doc.text.data, ART3);
	clean_doc_free(&doc);
	clean_free(c);
}
END_TEST

/* A paragraph removed as boilerplate is no duplicate's original: the
 * teaser of one page does not remove the article it quotes. */
START_TEST(test_boilerplate_not_seen)
{
	struct clean_options o;
	struct clean *c;
	struct clean_doc doc;
	struct record in;
	/* page 1: ART1 as the main text, ART3 in a link list after a
	 * long run of menu lines (outside the main text) */
	const char *page1 = ART1 "\n" ART2 "\nHome\nNews\nSport\nWeather\n"
	                         "Opinion\nVideo\nMore\n" ART3;
	const char *page2 = ART3;

	memset(&doc, 0, sizeof(doc));
	clean_options_default(&o);
	ck_assert_ptr_nonnull(c = clean_new(&o));
	memset(&in, 0, sizeof(in));
	in.text.p = page1;
	in.text.n = strlen(page1);
	ck_assert_int_eq(clean_document(c, &in, &doc), WN_OK);
	ck_assert_uint_eq(doc.removed[CLEAN_BOILERPLATE], 8);
	in.text.p = page2;
	in.text.n = strlen(page2);
	ck_assert_int_eq(clean_document(c, &in, &doc), WN_OK);
	ck_assert_uint_eq(doc.removed[CLEAN_DUPLICATE], 0);
	ck_assert_uint_eq(doc.paragraphs_out, 1);
	clean_doc_free(&doc);
	clean_free(c);
}
END_TEST

Suite *
boilerplate_suite(void)
{
	Suite *s = suite_create("boilerplate");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_measure_features);
	tcase_add_test(tc, test_measure_ascii_key);
	tcase_add_test(tc, test_main_text_run);
	tcase_add_test(tc, test_prose_bounds);
	tcase_add_test(tc, test_credits);
	tcase_add_test(tc, test_small_chrome);
	tcase_add_test(tc, test_sentence_items);
	tcase_add_test(tc, test_slideshow);
	tcase_add_test(tc, test_lists_in_text);
	tcase_add_test(tc, test_comments_section);
	tcase_add_test(tc, test_glued_titles);
	tcase_add_test(tc, test_repeats_and_no_text);
	tcase_add_test(tc, test_languages);
	tcase_add_test(tc, test_site_template);
	tcase_add_test(tc, test_boilerplate_not_seen);
	suite_add_tcase(s, tc);
	return s;
}
