/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * boilerplate.h - tell a document's main text from the page around it:
 * navigation, link lists, share and subscribe lines, photo credits,
 * comment sections, footers.
 *
 * Two steps per document.  boilerplate_measure() takes one paragraph and
 * fills its features; the caller adds what only it knows (the paragraph
 * repeats within the document, it is a site template, HTML link density
 * and page structure).  boilerplate_classify() then decides every
 * paragraph of the document at once, since the decision of one depends on
 * its neighbours.  Both are pure functions of the document: the same
 * record gives the same decisions wherever it occurs in the stream.
 */
#ifndef WN_BOILERPLATE_H
#define WN_BOILERPLATE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "normalize.h"
#include "record.h"

#define BOILERPLATE_NLANG 18 /* the 17 stop lists and Japanese */

/* How much is removed: the presets of --boilerplate. */
enum boilerplate_mode {
	BOILERPLATE_OFF, /* nothing: --keep-boilerplate */
	BOILERPLATE_LOOSE,
	BOILERPLATE_NORMAL,
	BOILERPLATE_STRICT
};

/* Why a paragraph was removed, or BOILERPLATE_KEPT. */
enum boilerplate_rule {
	BOILERPLATE_KEPT,
	BOILERPLATE_PHRASE,      /* starts with a known boilerplate phrase */
	BOILERPLATE_PLACEHOLDER, /* "[image]": a placeholder a renderer left */
	BOILERPLATE_TEMPLATE,    /* recurs on many pages of its host */
	BOILERPLATE_STRUCTURE,   /* HTML nav, header, footer, aside... */
	BOILERPLATE_LINKS,       /* HTML: mostly link text */
	BOILERPLATE_OUTSIDE,     /* outside the document's main text */
	BOILERPLATE_COMMENTS,    /* after a comment-section heading */
	BOILERPLATE_FRAGMENT,    /* a line in the text that leads nowhere */
	BOILERPLATE_NO_TEXT,     /* the document has no prose at all */
	BOILERPLATE_NRULES
};

/* What a short line says of a comment section (boilerplate_para). */
enum boilerplate_comments {
	COMMENTS_NAMED = 1,   /* names one: "Comments", "Leave a reply" */
	COMMENTS_COUNTED = 2, /* opens with a count of them: "167 comments" */
	COMMENTS_ZERO = 3     /* ... of none: "0 comments" */
};

struct boilerplate_para {
	/* filled by boilerplate_measure() */
	uint32_t words; /* words of the key; CJK: characters / 3 */
	uint32_t chars; /* characters of the text */
	uint16_t hits[BOILERPLATE_NLANG]; /* stop words of each language */
	int16_t phrase;                   /* the phrase it starts with, or -1 */
	uint8_t ends_sentence; /* ends in . ! ? : ; a quote or bracket */
	uint8_t ends_comma;    /* ends in , (a line that goes on) */
	uint8_t list;          /* starts with a list marker */
	uint8_t placeholder;   /* the whole line is in [brackets] */
	uint8_t comments;      /* short and names a comment section:
				  enum boilerplate_comments, or 0 */
	uint8_t cjk;           /* mostly CJK characters */
	uint8_t credit;        /* ends in a photo credit: a caption */
	uint8_t titles;        /* titles glued into one line: a list */
	/* filled by the caller; zero when unknown */
	uint8_t repeated;    /* its key occurs twice or more in the
				   document: 1 first occurrence, 2 a later one */
	uint8_t is_template; /* a template of its site (clean.c) */
	uint8_t role;        /* enum block_role (HTML) */
	uint8_t has_pos;     /* HTML: pos is set */
	uint8_t anchors;     /* HTML: its links all lead within the page */
	uint8_t tag_chrome;  /* HTML: in chrome by a tag other than <header>,
				by a landmark role or by hiding */
	float link_density;  /* HTML: share of its characters in links */
	uint32_t pos;        /* HTML: where it lies among the boxes */
	uint32_t box;        /* HTML: its innermost box + 1, or 0 */
	uint32_t chrome;     /* HTML: its innermost chrome element, or 0 */
	uint8_t in_list;     /* HTML: in an item of the page's list */
	/* filled by boilerplate_classify() */
	uint8_t prose;      /* looks like running text */
	uint8_t rule;       /* enum boilerplate_rule */
	float stop_density; /* share of words on the document's stop list */
	float score;        /* weight in the main-text search */
	float cum;          /* scratch of boilerplate_classify() */
	float chrome_words; /* HTML: running text in its chrome element,
				   when the page's chrome is not trusted */
};

/* Zero *p, no phrase.  (In two halves: GCC clears each with vector
 * stores, but the whole with "rep stos", slow to start: 7% of
 * boilerplate_measure()'s samples.) */
static inline void
boilerplate_para_clear(struct boilerplate_para *p)
{
	memset(p, 0, sizeof(*p) / 2);
	memset((char *)p + sizeof(*p) / 2, 0, sizeof(*p) - sizeof(*p) / 2);
	p->phrase = -1;
}

struct boilerplate_options {
	enum boilerplate_mode mode;
	int lang;         /* stop list to use; -1: pick per document */
	const char *tune; /* "name=value,..." over the measured constants
			     (the evaluation's; boilerplate_tune()), or NULL */
};

/* Apply tune ("name=value,...": the constants make eval's
 * cross-validation chooses, bench/eval.py) to preset (a struct preset of
 * boilerplate.c, or NULL only to check).  Returns 0, or -1 with the bad
 * item in bad[0..badlen) (an unknown name or a bad value). */
int boilerplate_tune(const char *tune, void *preset, char *bad, size_t badlen);

struct boilerplate;

/* Returns a classifier, or NULL when out of memory or when opt is
 * invalid.  Free with boilerplate_free(). */
struct boilerplate *boilerplate_new(const struct boilerplate_options *opt);
void boilerplate_free(struct boilerplate *b);

/* Fill the measured fields of *p (and zero the others) from a paragraph's
 * text s[0..len) (output of normalize_text()) and its key, which
 * normalize_key() made of that same text. */
void boilerplate_measure(const struct boilerplate *b, const char *s, size_t len,
    const struct normalize_key *key, struct boilerplate_para *p);

/* Decide the n paragraphs of one document, in order: sets rule, prose,
 * stop_density and score of each.  box[0..nbox) are the page's grouping
 * elements (HTML; else NULL, 0); thread: the page is a forum thread or a
 * Q&A page (its replies are its text: no comment section ends it); and
 * score[0..nbox) the classifier's
 * scratch for them.  Returns the stop-list language used, or -1 when no
 * stop list fits (then stop words are not required). */
int boilerplate_classify(const struct boilerplate *b,
    struct boilerplate_para *v, size_t n, const struct record_box *box,
    size_t nbox, int thread, float *score);

/* HTML: a line of at most this many words that repeats inside its page
 * is kept (clean.c): the page's structure, not a repeat. */
unsigned boilerplate_repeat_words(const struct boilerplate *b);

/* Does every word of the lists that plain_word() lets past fold()
 * fold to itself (and are there more than 1,000)?  For the tests. */
int boilerplate_plain_ok(void);

/* Names of rules and languages, for output and --lang. */
extern const char *const boilerplate_rule_name[BOILERPLATE_NRULES];
const char *boilerplate_lang_name(int lang);
/* Returns the index of language code name, or -1. */
int boilerplate_lang_find(const char *name);
/* The phrase p->phrase names. */
const char *boilerplate_phrase(int i);

#endif
