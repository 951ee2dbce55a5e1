/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * title.h - the headline of a record (metadata.title): what shape a
 * headline has, a page title less its site's name, and the first line of
 * a text record taken out of its body when it is a headline.
 */
#ifndef WN_TITLE_H
#define WN_TITLE_H

#include <stddef.h>

#include "record.h"
#include "wn.h"

/* The part of the page title s[0..n) before its site suffix ("Floods
 * close roads | The Herald" -> "Floods close roads"): *len bytes from s.
 * The title is cut at its last separator (" | ", " - ", " – ", " — ",
 * " :: ", " · ", " » ") when what follows is at most 5 words and
 * something comes before; else it is all of s (white space around
 * trimmed either way). */
size_t title_site_less(const char *s, size_t n);

/* Is s[0..n), one line, shaped like a headline: 2 to 20 words, at most
 * 200 bytes, starting with a capital letter, a digit, a quote, '$', '&',
 * '(', a lower-case letter before a capital ("iTunes") or any non-ASCII
 * letter, and not ending like a sentence or a clause (. , ; : or an
 * ellipsis) or holding a URL? */
int title_shaped(const char *s, size_t n);

/* Fold s[0..n) into out for comparing titles: ASCII letters lower case,
 * other ASCII bytes dropped, the rest kept.  Returns the bytes written
 * (at most cap; a longer title is compared by its first cap bytes). */
size_t title_key(const char *s, size_t n, char *out, size_t cap);

/* Find the headline of a text, JSON Lines or WARC record that has none
 * (HTML records get theirs from html.c): for WARC conversion records
 * the first line (the page title, as Common Crawl writes it) less its
 * site suffix; for text and JSON Lines the first line when it is
 * title_shaped() and a body of at least 20 words (and twice its own)
 * follows.  A JSON Lines record whose object or metadata already holds a
 * "title", or which an earlier run reported on, is left alone.  When
 * found, the headline is copied into *buf, rec->title points at it and
 * rec->text starts after its line.  Returns WN_OK or WN_ENOMEM. */
enum wn_status title_find(struct record *rec, struct wn_buf *buf);

#endif
