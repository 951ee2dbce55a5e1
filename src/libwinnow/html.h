/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * html.h - turn an HTML page into text blocks, one per line, with what
 * each block says about its place on the page.
 */
#ifndef WN_HTML_H
#define WN_HTML_H

#include <stddef.h>
#include <stdint.h>

#include "record.h"
#include "wn.h"

struct html_item;

struct html_doc {
	/* the page's text blocks, each on one line ending in '\n': UTF-8
	 * (maybe invalid, as the page was), entities decoded, white space
	 * collapsed, no line-breaking character inside a block */
	struct wn_buf text;
	/* per line: its role, link density and position */
	struct record_block *block;
	size_t nblock;
	size_t block_cap;
	/* the grouping elements */
	struct record_box *box;
	size_t nbox, box_cap;
	struct wn_buf title;       /* <title>, collapsed */
	struct wn_buf og_title;    /* <meta property="og:title">, collapsed */
	struct wn_buf description; /* og:description, else the <meta
				      name="description">, collapsed */
	int description_og;        /* description is og:description */
	struct wn_buf headline;    /* the headline (title.c, step 1); its
				   heading block is not in text */
	struct wn_buf canonical;   /* <link rel="canonical" href> */
	int thread;                /* a forum thread or Q&A page: its URL
				   or its schema.org type says so */
	char charset[40];          /* the encoding decoded from (its
					   WHATWG name), or "": UTF-8 */
	/* scratch, kept from page to page */
	struct wn_buf conv;
	struct wn_buf ent;
	struct wn_buf line;
	struct html_item *item; /* the known elements (html.c, lists) */
	size_t item_cap;
	uint32_t *tree; /* their first children, next siblings, counts */
	size_t tree_cap;
	uint64_t *words; /* words of the blocks before each block */
	size_t words_cap;
};

/* Replace *d with the blocks of the page p[0..n) (any bytes).  A byte
 * order mark decides the encoding; else bytes that are not valid UTF-8
 * are decoded from transport (the charset an HTTP header gave, or NULL),
 * the <meta> charset or the detected one (html.c, step 1).  Returns WN_OK
 * or WN_ENOMEM. */
/* Point rec's text, blocks, boxes, thread flag and headline at doc's
 * (doc keeps owning them): the one way every reader makes a page's
 * record.  rec->html.block is never NULL (a page without blocks is still
 * a page); id, url and line are the caller's. */
void html_to_record(const struct html_doc *doc, struct record *rec);

enum wn_status html_extract(
    const char *p, size_t n, const char *transport, struct html_doc *d);

/* Frees the storage of d (not d itself). */
void html_doc_free(struct html_doc *d);

/* Does p[0..n), the start of an input, look like HTML (a doctype, <html>,
 * <head>, <body>, <meta> or a comment first, maybe after an XML
 * declaration: XHTML)? */
int html_sniff(const char *p, size_t n);

/* 1 when the name lists html.c looks words up in by bsearch (tags, class
 * and role words) are sorted, as they must be; for the unit tests. */
int html_tables_sorted(void);
/* 1 when the hash table of tag names finds every tag by its name (and
 * not by the name less its last letter) and a few other names as
 * bsearch() does; for the unit tests.  0 also when out of memory. */
int html_tag_table_ok(void);

#endif
