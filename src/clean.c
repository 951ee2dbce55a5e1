/*
 * clean.c - clean one document (clean.h).
 *
 *  1. normalize_text() the whole document (normalize.c).
 *  2. paragraph_split() it (paragraph.c).
 *  3. Exact: each paragraph's key is XXH3-64 of normalize_key().  A key
 *     already in the document's own set is a repeat; in the stream's set,
 *     a duplicate.  A paragraph whose key is empty (only punctuation or
 *     symbols the key drops) is kept and never matched.
 *  4. Near (when --near > 0): the paragraph's distinct winnowed
 *     fingerprints (fingerprint.c) are inserted into the document's and
 *     the stream's fingerprint sets; being distinct, each one found was
 *     there before this paragraph, so a paragraph never matches itself.  If the share found is at least --near, the
 *     paragraph is a near repeat (enough found in this document alone) or
 *     a near duplicate.  A paragraph of fewer than n+w-1 words (winnowing's
 *     guaranteed length) is too short to judge: only an exact match
 *     removes it, and at least 2 fingerprints must match, so one chance
 *     32-bit collision never decides.
 *  5. Every paragraph's key and fingerprints then enter the sets, kept or
 *     removed, so "seen" means "occurred earlier in the input" and does
 *     not depend on other decisions (DESIGN-NOTES 5).
 *  6. The kept paragraphs are joined with the separator the document
 *     used: a blank line where any blank line stood between two kept
 *     paragraphs, else a newline.
 *  7. A document with no kept paragraph is dropped; with --doc-near, so is
 *     one whose words were at least that share seen before (removed
 *     paragraphs count whole, kept ones by their matched share).
 *
 * Known weaknesses: a one-word paragraph ("Advertisement") is removed on
 * its second occurrence anywhere in the stream, which is right for
 * boilerplate and wrong for a short reply in an interview; near matching
 * compares a paragraph with the union of everything seen, so a paragraph
 * stitched from two earlier ones is a near duplicate of neither alone but
 * is removed.
 */
#include "config.h"

#include <stdlib.h>

#include <xxhash.h>

#include "clean.h"
#include "fingerprint.h"
#include "normalize.h"
#include "paragraph.h"
#include "seen.h"

const char *const clean_reason_name[CLEAN_NREASONS] = {
	"repeated_in_document",
	"duplicate",
	"near_repeated_in_document",
	"near_duplicate",
};

struct clean {
	struct clean_options opt;
	int explain;
	struct normalizer *norm;
	struct seen *stream;		/* every key of the run */
	struct seen *doc;		/* keys of the current document */
	struct seen *stream_fp;		/* every fingerprint of the run */
	struct seen *doc_fp;		/* fingerprints of the document */
	struct wn_buf text;		/* normalized document */
	struct paragraph_list paras;
	struct normalize_key key;
	struct fingerprint_list fps;
};

void
clean_options_default(struct clean_options *o)
{
	/* Both thresholds measured on bench/gen.py's corpus (RESULTS.md). */
	o->near = 0.5;
	o->doc_near = 0;
	o->shingle = FINGERPRINT_DEFAULT_N;
	o->window = FINGERPRINT_DEFAULT_W;
	o->memory = (size_t)4 << 30;
}

struct clean *
clean_new(const struct clean_options *opt)
{
	struct clean *c;

	if (opt->shingle < 1 || opt->shingle > FINGERPRINT_MAX_N ||
	    opt->window < 1 || opt->window > FINGERPRINT_MAX_W ||
	    !(opt->near >= 0 && opt->near <= 1) ||
	    !(opt->doc_near >= 0 && opt->doc_near <= 1))
		return NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->opt = *opt;
	c->norm = normalize_new();
	/* a quarter of the cap for paragraph keys (8 bytes each, ~10x fewer
	 * than fingerprints), the rest for fingerprints (4 bytes each) */
	c->stream = seen_new(8, opt->memory / 4);
	c->doc = seen_new(8, 0);
	c->stream_fp = seen_new(4, opt->memory - opt->memory / 4);
	c->doc_fp = seen_new(4, 0);
	if (c->norm == NULL || c->stream == NULL || c->doc == NULL ||
	    c->stream_fp == NULL || c->doc_fp == NULL) {
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
	seen_free(c->stream_fp);
	seen_free(c->doc_fp);
	wn_buf_free(&c->text);
	paragraph_list_free(&c->paras);
	normalize_key_free(&c->key);
	fingerprint_list_free(&c->fps);
	free(c);
}

void
clean_doc_free(struct clean_doc *doc)
{
	wn_buf_free(&doc->text);
	wn_buf_free(&doc->explain_text);
	free(doc->info);
	doc->info = NULL;
	doc->ninfo = doc->info_cap = 0;
}

void
clean_explain(struct clean *c, int on)
{
	c->explain = on;
}

static enum wn_status
explain_push(struct clean_doc *doc, const struct clean_paragraph_info *in,
    const char *s, size_t len)
{
	if (wn_grow(&doc->info, &doc->info_cap, doc->ninfo,
	    sizeof(*doc->info)) != WN_OK)
		return WN_ENOMEM;
	doc->info[doc->ninfo] = *in;
	doc->info[doc->ninfo].off = doc->explain_text.len;
	doc->info[doc->ninfo].len = len;
	doc->ninfo++;
	return wn_buf_append(&doc->explain_text, s, len);
}

uint64_t
clean_evicted(const struct clean *c)
{
	return seen_evicted(c->stream_fp) + seen_evicted(c->stream);
}

size_t
clean_seen_bytes(const struct clean *c)
{
	return seen_bytes(c->stream) + seen_bytes(c->stream_fp);
}

size_t
clean_fingerprint_bytes(const struct clean *c)
{
	return seen_bytes(c->stream_fp);
}

size_t
clean_seen_fingerprints(const struct clean *c)
{
	return seen_count(c->stream_fp);
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Steps 4 and 5 for one paragraph whose exact key was not matched (or
 * was: then only the insertion).  Fills *info. */
static enum wn_status
near_match(struct clean *c, int exact, struct clean_paragraph_info *info)
{
	size_t i, k, in_doc = 0, found = 0;
	unsigned n = c->opt.shingle, w = c->opt.window;

	c->fps.n = 0;
	if (fingerprint_compute(&c->key, n, w, &c->fps) != WN_OK)
		return WN_ENOMEM;
	/* Distinct fingerprints only: then each insertion's answer is
	 * "seen before this paragraph", and one probe per set does both the
	 * lookup and the insertion. */
	if (c->fps.n > 1)
		qsort(c->fps.v, c->fps.n, sizeof(*c->fps.v), cmp_u64);
	for (i = k = 0; i < c->fps.n; i++)
		if (k == 0 || c->fps.v[i] != c->fps.v[k - 1])
			c->fps.v[k++] = c->fps.v[i];
	c->fps.n = k;
	info->fingerprints = k;
	for (i = 0; i < k; i++) {
		int d = seen_insert(c->doc_fp, c->fps.v[i]);
		int s = seen_insert(c->stream_fp, c->fps.v[i]);

		if (d < 0 || s < 0)
			return WN_ENOMEM;
		if (d)
			in_doc++;
		if (d || s)
			found++;
	}
	info->matched = exact ? k : found;
	if (exact || c->opt.near <= 0 || info->words < n + w - 1 ||
	    found < 2 || (double)found < c->opt.near * (double)k)
		return WN_OK;
	info->reason = (double)in_doc >= c->opt.near * (double)k ?
	    CLEAN_NEAR_REPEAT : CLEAN_NEAR_DUPLICATE;
	return WN_OK;
}

enum wn_status
clean_document(struct clean *c, const char *text, size_t len,
    struct clean_doc *doc, struct wn_stats *st)
{
	struct normalize_stats ns = { 0, 0, 0 };
	int blank_pending = 0;
	size_t i;
	double words = 0, seen_words = 0;

	doc->text.len = 0;
	doc->paragraphs_in = doc->paragraphs_out = 0;
	for (i = 0; i < CLEAN_NREASONS; i++)
		doc->removed[i] = 0;
	doc->dropped = doc->near_duplicate = 0;
	doc->seen_share = 0;
	doc->ninfo = 0;
	doc->explain_text.len = 0;
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
	seen_clear(c->doc_fp);
	for (i = 0; i < c->paras.n; i++) {
		const struct paragraph *p = &c->paras.v[i];
		const char *s = c->text.data + p->off;
		struct clean_paragraph_info info = { -1, 0, 0, 0, 0, 0 };

		blank_pending |= p->blank_before;
		if (normalize_key(c->norm, s, p->len, &c->key) != WN_OK)
			return WN_ENOMEM;
		info.words = c->key.nwords;
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
				info.reason = CLEAN_REPEAT;
			else if (in_stream)
				info.reason = CLEAN_DUPLICATE;
			if (near_match(c, info.reason >= 0, &info) != WN_OK)
				return WN_ENOMEM;
			if (info.reason < 0 &&
			    info.words < c->opt.shingle + c->opt.window - 1)
				st->paragraphs_short++;
		}
		words += (double)info.words;
		if (c->explain && explain_push(doc, &info, s, p->len) != WN_OK)
			return WN_ENOMEM;
		if (info.reason >= 0) {
			seen_words += (double)info.words;
			doc->removed[info.reason]++;
			continue;
		}
		if (info.fingerprints > 0)
			seen_words += (double)info.words * (double)info.matched /
			    (double)info.fingerprints;
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
	doc->seen_share = words > 0 ? seen_words / words : 0;
	st->paragraphs_in += doc->paragraphs_in;
	st->paragraphs_out += doc->paragraphs_out;
	st->paragraphs_repeat += doc->removed[CLEAN_REPEAT];
	st->paragraphs_duplicate += doc->removed[CLEAN_DUPLICATE];
	st->paragraphs_near_repeat += doc->removed[CLEAN_NEAR_REPEAT];
	st->paragraphs_near_duplicate += doc->removed[CLEAN_NEAR_DUPLICATE];
	if (doc->paragraphs_out == 0) {
		doc->dropped = 1;
		if (doc->paragraphs_in == 0)
			st->documents_empty++;
		else
			st->documents_duplicate++;
	} else if (c->opt.doc_near > 0 && doc->seen_share >= c->opt.doc_near) {
		doc->dropped = 1;
		doc->near_duplicate = 1;
		st->documents_near_duplicate++;
	}
	return WN_OK;
}
