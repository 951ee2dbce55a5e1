/*
 * clean.c - clean one document (clean.h).
 *
 *  1. normalize_text() the whole document (normalize.c).
 *  2. paragraph_split() it (paragraph.c).
 *  3. For each paragraph, its key is XXH3-64 of normalize_key(); a
 *     paragraph whose key is empty (only punctuation or symbols that the
 *     key drops) is kept and never matched.  A key already in the
 *     document's own set is a repeat; a key in the stream's set is a
 *     duplicate; either way the paragraph is removed.  The key is then
 *     added to both sets.
 *  4. The kept paragraphs are joined with the separator the document
 *     used: a blank line where any blank line stood between the two kept
 *     paragraphs, else a newline.
 *  5. A document with no kept paragraph is dropped.
 *
 * Known weaknesses: exact keys only; a one-word paragraph ("Advertisement")
 * is removed on its second occurrence anywhere in the stream, which is
 * right for boilerplate and wrong for a short reply in an interview.
 */
#include "config.h"

#include <stdlib.h>

#include <xxhash.h>

#include "clean.h"
#include "normalize.h"
#include "paragraph.h"
#include "seen.h"

const char *const clean_reason_name[CLEAN_NREASONS] = {
	"repeated_in_document",
	"duplicate",
};

struct clean {
	struct normalizer *norm;
	struct seen *stream;		/* every key of the run */
	struct seen *doc;		/* keys of the current document */
	struct wn_buf text;		/* normalized document */
	struct paragraph_list paras;
	struct normalize_key key;
};

struct clean *
clean_new(void)
{
	struct clean *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->norm = normalize_new();
	c->stream = seen_new();
	c->doc = seen_new();
	if (c->norm == NULL || c->stream == NULL || c->doc == NULL) {
		clean_free(c);
		return NULL;
	}
	return c;
}

void
clean_free(struct clean *c)
{
	if (c == NULL)
		return;
	normalize_free(c->norm);
	seen_free(c->stream);
	seen_free(c->doc);
	wn_buf_free(&c->text);
	paragraph_list_free(&c->paras);
	normalize_key_free(&c->key);
	free(c);
}

void
clean_doc_free(struct clean_doc *doc)
{
	wn_buf_free(&doc->text);
}

enum wn_status
clean_document(struct clean *c, const char *text, size_t len,
    struct clean_doc *doc, struct wn_stats *st)
{
	struct normalize_stats ns = { 0, 0, 0 };
	int blank_pending = 0;
	size_t i;

	doc->text.len = 0;
	doc->paragraphs_in = doc->paragraphs_out = 0;
	for (i = 0; i < CLEAN_NREASONS; i++)
		doc->removed[i] = 0;
	doc->dropped = 0;
	st->text_bytes_in += len;

	c->text.len = 0;
	if (normalize_text(c->norm, text, len, &c->text, &ns) != WN_OK)
		return WN_ENOMEM;
	st->invalid_utf8 += ns.invalid_utf8;
	st->entities += ns.entities;
	st->controls += ns.controls;
	if (paragraph_split(c->text.data, c->text.len, &c->paras) != WN_OK)
		return WN_ENOMEM;

	seen_clear(c->doc);
	for (i = 0; i < c->paras.n; i++) {
		const struct paragraph *p = &c->paras.v[i];
		const char *s = c->text.data + p->off;
		int reason = -1;

		blank_pending |= p->blank_before;
		if (normalize_key(c->norm, s, p->len, &c->key) != WN_OK)
			return WN_ENOMEM;
		if (c->key.text.len == 0) {
			st->paragraphs_unjudged++;
		} else {
			uint64_t h = XXH3_64bits_withSeed(c->key.text.data,
			    c->key.text.len, CLEAN_HASH_SEED);
			int in_doc = seen_insert(c->doc, h);
			int in_stream = seen_insert(c->stream, h);

			if (in_doc < 0 || in_stream < 0)
				return WN_ENOMEM;
			if (in_doc)
				reason = CLEAN_REPEAT;
			else if (in_stream)
				reason = CLEAN_DUPLICATE;
		}
		if (reason >= 0) {
			doc->removed[reason]++;
			continue;
		}
		if (doc->paragraphs_out > 0 &&
		    wn_buf_append(&doc->text, blank_pending ? "\n\n" : "\n",
		    blank_pending ? 2 : 1) != WN_OK)
			return WN_ENOMEM;
		if (wn_buf_append(&doc->text, s, p->len) != WN_OK)
			return WN_ENOMEM;
		doc->paragraphs_out++;
		blank_pending = 0;
	}
	doc->paragraphs_in = c->paras.n;
	st->paragraphs_in += doc->paragraphs_in;
	st->paragraphs_out += doc->paragraphs_out;
	st->paragraphs_repeat += doc->removed[CLEAN_REPEAT];
	st->paragraphs_duplicate += doc->removed[CLEAN_DUPLICATE];
	if (doc->paragraphs_out == 0) {
		doc->dropped = 1;
		if (doc->paragraphs_in == 0)
			st->documents_empty++;
		else
			st->documents_duplicate++;
	}
	return WN_OK;
}
