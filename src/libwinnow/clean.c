/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * clean.c - clean one document (clean.h).
 *
 *  1. normalize_text() the whole document (normalize.c).
 *  2. paragraph_split() it (paragraph.c).
 *  3. Boilerplate (boilerplate.c), before any duplicate is looked up: each
 *     paragraph's key is made once and kept for the steps below; a key
 *     that occurs twice in the document marks both as repeated; with a
 *     URL, a key found on template_pages - 1 earlier pages of the same
 *     host is a site template (counted once per page, in two seen sets:
 *     "on one earlier page" and "on two"); then the document is
 *     classified as a whole.  A paragraph removed as boilerplate does
 *     not enter the seen sets below: a teaser on one page that quotes
 *     another page's lead, or a page's description repeated above its
 *     article, must not make the article's own paragraph a duplicate.
 *     (Boilerplate is a function of the document and, for templates, of
 *     the host's earlier pages, so the duplicate decisions stay a
 *     function of the input order.)
 *  4. Exact: each paragraph's key is XXH3-64 of normalize_key().  A key
 *     already in the document's own set is a repeat; in the stream's set,
 *     a duplicate, except that a line of fewer than SHORT_WORDS words on
 *     a page with a URL (when site templates are counted) is one only
 *     when its site had it on an earlier page.  A paragraph whose key is
 *     empty (only punctuation or symbols the key drops) is kept and never
 *     matched.
 *  5. Near (when --near > 0): the paragraph's distinct winnowed
 *     fingerprints (fingerprint.c) are inserted into the document's and
 *     the stream's fingerprint sets; being distinct, each one found was
 *     there before this paragraph, so a paragraph never matches itself.
 *     If the share found is at least --near, the paragraph is a near
 *     repeat (enough found in this document alone) or a near duplicate.
 *     A paragraph of fewer than n+w-1 words (winnowing's guaranteed
 *     length) is too short to judge: only an exact match removes it, and
 *     at least 2 fingerprints must match.
 *  6. Every paragraph's key and fingerprints then enter the sets, kept or
 *     removed as a duplicate, so "seen" means "occurred earlier in the
 *     input's text" and does not depend on the duplicate decisions
 *     (doc/design.md §5).
 *  7. The kept paragraphs are joined with the separator the document
 *     used: a blank line where any blank line stood between two kept
 *     paragraphs, else a newline.
 *  8. A document with no kept paragraph is dropped, and so is one whose
 *     kept paragraphs hold no letter or digit (a lone bullet or a row of
 *     stars is no text); with --doc-near, so is one whose words were at
 *     least that share seen before (removed paragraphs count whole, kept
 *     ones by their matched share).
 *
 * What steps 3 to 5 make of a paragraph before any set is asked (its
 * key, the key's hash, its boilerplate features, its fingerprints) is a
 * function of its text and the options: each preparing thread keeps it
 * in a memo (memo.c) by the text, and a paragraph met again (a site's
 * template lines, a syndicated article) is not made again.
 *
 * A document of more than SECTION_PARAS paragraphs is normalized whole and
 * then split, judged and decided in sections of that many (its repeats
 * across sections are still found: the document's sets span them), so
 * that its memory is its text's a few times over plus a bound.
 *
 * Known weaknesses: a one-word paragraph ("Advertisement") is removed on
 * its second occurrence anywhere in the stream, which is right for
 * boilerplate and wrong for a short reply in an interview; near matching
 * compares a paragraph with the union of everything seen, so a paragraph
 * stitched from two earlier ones is a near duplicate of neither alone but
 * is removed; in a document cut into sections, each section is a page of
 * its site for template counting, and is classified apart.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

/* inlined: most of what is hashed is one word, and a call through the
 * library costs more than hashing it */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "clean.h"
#include "fingerprint.h"
#include "memo.h"
#include "normalize.h"
#include "origin.h"
#include "paragraph.h"
#include "seen.h"
#include "sort.h"

const char *const clean_reason_name[CLEAN_NREASONS] = {
	"repeated_in_document",
	"duplicate",
	"near_repeated_in_document",
	"near_duplicate",
	"boilerplate",
	"site_template",
};

/* One paragraph between the boilerplate and the duplicate passes (24
 * bytes: a document of tiny paragraphs holds one per 2 bytes of text). */
struct para {
	uint64_t hash;   /* XXH3 of the key; 0 with an empty key */
	uint32_t nwords; /* 0: an empty key */
	uint32_t nfp;    /* its distinct fingerprints in prep.fp */
	uint32_t foff;
	uint8_t on_host; /* its host had it on an earlier page */
};

/* A line of fewer words than this is removed as a duplicate of another
 * document only when its site (the URL's host) had it before: "Home",
 * "Background", a table's header cells or a figure recur on unrelated
 * sites as text of their own.  Measured on the 736 article-extraction-
 * benchmark and WCXB dev pages run as one stream with their URLs: of
 * the cross-document duplicates of 1 to 5 words, 1,742 were in the
 * pages' ground truth and 318 not; of 6 to 11 words, 25 and 10; 12 and
 * more, 45 and 92. */
#define SHORT_WORDS 6

/* A document of more paragraphs than this is cleaned in sections of
 * this many, each prepared, judged and decided in turn on the deciding
 * thread, so that what it holds per paragraph is bounded: 65536
 * paragraphs take some 10 MB.  No page of ../shared has more than
 * 3,000 blocks; a 10 MB book taken line by line has some 200,000. */
#define SECTION_PARAS 65536
/* The document's own sets (repeats within it) forget their oldest half
 * past this: a repeat then counts as a duplicate of the stream, and is
 * removed all the same. */
#define DOC_SET_BYTES ((size_t)32 << 20)

/* Each preparing thread's memo of the paragraphs it prepared (keys,
 * features, fingerprints, by their text): 91% of the lines of the
 * real-text bench corpus (bench/gen_real.py) occurred before, most of
 * them a site's template lines.  Simulated on its first 40 MB (two
 * generations, as memo.c keeps them; a script outside the tree, not
 * kept): 1 MB finds 72% of the paragraphs (43% of their bytes), 2 MB 85%
 * (52%), 4 MB 90% (57%), 8 MB 92% (61%).  Only 4 MB was profiled: make
 * profile 90.8 -> 58.6 instructions per input byte. */
#define MEMO_BYTES ((size_t)4 << 20)

/* What clean_prepare() makes of a document: everything that depends on
 * the document alone. */
struct clean_prep {
	int skip;      /* --scan-hosts: nothing to count */
	int sectioned; /* over SECTION_PARAS paragraphs: only
					   normalized; clean_decide() does the
					   rest in sections */
	struct normalize_stats ns;
	struct wn_buf text; /* normalized document */
	struct paragraph_list paras;
	struct para *para;
	size_t para_cap;
	struct boilerplate_para *bpv; /* measured; classified by decide */
	size_t bpv_cap;
	uint64_t *order; /* hash and index, to find repeats */
	size_t order_cap;
	uint64_t *fp; /* the fingerprints, sorted per paragraph */
	size_t nfp, fp_cap;
	uint64_t host; /* the URL's host, hashed, when its pages are
			  counted (order[] is then sorted); else 0 */
};

/* A preparing thread's scratch. */
struct clean_worker {
	struct normalizer *norm;
	struct normalize_key key;
	uint64_t *whash; /* the key's words' hashes */
	size_t whash_cap;
	struct fingerprint_list fps;
	uint64_t *sort_tmp; /* sort.c's scratch */
	size_t sort_tmp_cap;
	/* mark_repeats()'s table: key, then generation << 32 | first index
	 * + 1; an entry of another generation is empty */
	uint64_t *rep;
	size_t rep_cap, rep_slots;
	uint32_t rep_gen;
	/* what this thread prepared of paragraphs it met before, by their
	 * text (made at the first document; for memo_owner's options) */
	struct memo *memo;
	const struct clean *memo_owner;
};

struct clean {
	struct clean_options opt;
	int explain;
	struct seen *stream;    /* every key of the run */
	struct seen *doc;       /* keys of the current document */
	struct seen *stream_fp; /* every fingerprint of the run */
	struct seen *doc_fp;    /* fingerprints of the document */
	struct boilerplate *bp;
	struct seen *host1; /* host+key on one earlier page */
	struct seen *host2; /* ... on two */
	/* --scan: this run's own host+key pages, apart from those loaded
	 * (clean_scan()); NULL otherwise */
	struct seen *own1, *own2;
	int hosts_only;         /* --scan-hosts: nothing else */
	struct clean_worker *w; /* clean_document()'s own */
	struct clean_prep *prep;
	float *box_score; /* the classifier's scratch */
	size_t box_score_cap;
	struct clean_counts counts;
	uint64_t documents; /* decided so far */
	/* clean_origins(): who had each key and fingerprint first */
	struct origin *origin, *origin_fp;
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
	o->boilerplate = BOILERPLATE_NORMAL;
	o->lang = -1;
	/* a line on 3 pages of one site: twice is chance (two articles
	 * quoting one sentence), three times a site's own text */
	o->template_pages = 3;
	o->tune = NULL;
}

struct clean *
clean_new(const struct clean_options *opt)
{
	struct clean *c;
	struct boilerplate_options bo;
	struct seen *set[STATE_NSETS];

	if (opt->shingle < 1 || opt->shingle > FINGERPRINT_MAX_N ||
	    opt->window < 1 || opt->window > FINGERPRINT_MAX_W ||
	    !(opt->near >= 0 && opt->near <= 1) ||
	    !(opt->doc_near >= 0 && opt->doc_near <= 1))
		return NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->opt = *opt;
	c->w = clean_worker_new();
	c->prep = clean_prep_new();
	/* the stream's sets, split as a state's (state_sets_new()) */
	if (state_sets_new(opt->memory, 0, set) == 0) {
		c->stream = set[STATE_KEYS];
		c->stream_fp = set[STATE_FINGERPRINTS];
		c->host1 = set[STATE_HOST1];
		c->host2 = set[STATE_HOST2];
	}
	c->doc = seen_new(8, DOC_SET_BYTES);
	c->doc_fp = seen_new(8, DOC_SET_BYTES);
	bo.mode = opt->boilerplate;
	bo.lang = opt->lang;
	bo.tune = opt->tune;
	c->bp = boilerplate_new(&bo);
	if (c->w == NULL || c->prep == NULL || c->stream == NULL ||
	    c->doc == NULL || c->stream_fp == NULL || c->doc_fp == NULL ||
	    c->host1 == NULL || c->host2 == NULL || c->bp == NULL) {
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
	clean_worker_free(c->w);
	clean_prep_free(c->prep);
	seen_free(c->stream);
	seen_free(c->doc);
	seen_free(c->stream_fp);
	seen_free(c->doc_fp);
	boilerplate_free(c->bp);
	seen_free(c->host1);
	seen_free(c->host2);
	seen_free(c->own1);
	seen_free(c->own2);
	origin_free(c->origin);
	origin_free(c->origin_fp);
	free(c->box_score);
	free(c);
}

struct clean_worker *
clean_worker_new(void)
{
	/* its scratch is written for every paragraph, by its thread */
	struct clean_worker *w = wn_calloc_lines(sizeof(*w));

	if (w != NULL && (w->norm = normalize_new()) == NULL) {
		free(w);
		w = NULL;
	}
	return w;
}

void
clean_worker_free(struct clean_worker *w)
{
	if (w == NULL)
		return;
	normalize_free(w->norm);
	normalize_key_free(&w->key);
	free(w->whash);
	fingerprint_list_free(&w->fps);
	free(w->sort_tmp);
	free(w->rep);
	memo_free(w->memo);
	free(w);
}

struct clean_prep *
clean_prep_new(void)
{
	/* the jobs of a batch, prepared side by side on two threads */
	return wn_calloc_lines(sizeof(struct clean_prep));
}

void
clean_prep_free(struct clean_prep *p)
{
	if (p == NULL)
		return;
	wn_buf_free(&p->text);
	paragraph_list_free(&p->paras);
	free(p->para);
	free(p->bpv);
	free(p->order);
	free(p->fp);
	free(p);
}

size_t
clean_prep_bytes(const struct clean_prep *p)
{
	return p->text.cap + p->para_cap * sizeof(*p->para) +
	    p->bpv_cap * sizeof(*p->bpv) + p->order_cap * sizeof(*p->order) +
	    p->fp_cap * sizeof(*p->fp);
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

enum wn_status
clean_origins(struct clean *c)
{
	c->explain = 1;
	if (c->origin == NULL &&
	    (c->origin = origin_new(CLEAN_ORIGIN_KEYS)) == NULL)
		return WN_ENOMEM;
	if (c->origin_fp == NULL &&
	    (c->origin_fp = origin_new(CLEAN_ORIGIN_FINGERPRINTS)) == NULL)
		return WN_ENOMEM;
	return WN_OK;
}

size_t
clean_origin_bytes(const struct clean *c)
{
	return c->origin == NULL ?
	    0 :
	    origin_bytes(c->origin) + origin_bytes(c->origin_fp);
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

const struct clean_counts *
clean_counts(const struct clean *c)
{
	return &c->counts;
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

void
clean_state_sets(struct clean *c, struct seen *set[STATE_NSETS])
{
	set[STATE_KEYS] = c->stream;
	set[STATE_FINGERPRINTS] = c->stream_fp;
	set[STATE_HOST1] = c->host1;
	set[STATE_HOST2] = c->host2;
}

void
clean_state_params(const struct clean *c, struct state_params *p)
{
	p->seed = CLEAN_HASH_SEED;
	p->normalize_version = NORMALIZE_VERSION;
	p->shingle = c->opt.shingle;
	p->window = c->opt.window;
}

enum wn_status
clean_stamp(struct clean *c, uint16_t today)
{
	struct seen *set[STATE_NSETS];
	int i;

	clean_state_sets(c, set);
	for (i = 0; i < STATE_NSETS; i++)
		if (seen_stamp(set[i], today) != 0)
			return WN_ENOMEM;
	return WN_OK;
}

enum wn_status
clean_scan(struct clean *c, int hosts_only)
{
	if (c->own1 == NULL) {
		c->own1 = seen_new(8, 0);
		c->own2 = seen_new(8, 0);
		if (c->own1 == NULL || c->own2 == NULL)
			return WN_ENOMEM;
	}
	c->hosts_only = hosts_only;
	return WN_OK;
}

void
clean_scan_sets(struct clean *c, struct seen *set[STATE_NSETS])
{
	set[STATE_KEYS] = c->stream;
	set[STATE_FINGERPRINTS] = c->stream_fp;
	set[STATE_HOST1] = c->own1;
	set[STATE_HOST2] = c->own2;
}

size_t
clean_host(const char *url, size_t len, char host[CLEAN_HOST_MAX])
{
	size_t i = 0, n = 0;
	const char *p;

	if (url == NULL || len == 0)
		return 0;
	if ((p = memchr(url, ':', len)) != NULL &&
	    (size_t)(p - url) + 3 <= len && p[1] == '/' && p[2] == '/')
		i = (size_t)(p - url) + 3;
	for (; i < len && n < CLEAN_HOST_MAX; i++) {
		char ch = url[i];

		if (ch == '/' || ch == ':' || ch == '?' || ch == '#')
			break;
		if (ch == '@') { /* user info */
			n = 0;
			continue;
		}
		host[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
	}
	if (n > 4 && memcmp(host, "www.", 4) == 0) {
		memmove(host, host + 4, n - 4);
		n -= 4;
	}
	return n;
}

/* The host of url, hashed; 0 without one. */
static uint64_t
host_hash(const char *url, size_t len)
{
	char host[CLEAN_HOST_MAX];
	size_t n = clean_host(url, len, host);

	return n == 0 ? 0 : XXH3_64bits_withSeed(host, n, CLEAN_HASH_SEED ^ 1);
}

/* The fingerprints of one paragraph's key into p->fp, distinct and
 * sorted: then each insertion's answer is "seen before this paragraph",
 * and one probe per set does both the lookup and the insertion. */
static enum wn_status
prepare_fingerprints(const struct clean *c, struct clean_worker *w,
    const struct normalize_key *key, struct clean_prep *p, struct para *q)
{
	size_t i;

	w->fps.n = 0;
	if (fingerprint_compute(key, c->opt.shingle, c->opt.window, &w->fps) !=
	    WN_OK)
		return WN_ENOMEM;
	if (w->fps.n > SORT_SMALL &&
	    wn_grow(&w->sort_tmp, &w->sort_tmp_cap, w->fps.n,
	        sizeof(*w->sort_tmp)) != WN_OK)
		return WN_ENOMEM;
	sort_u64(w->fps.v, w->fps.n, w->sort_tmp);
	if (wn_grow(&p->fp, &p->fp_cap, p->nfp + w->fps.n, sizeof(*p->fp)) !=
	    WN_OK)
		return WN_ENOMEM;
	q->foff = (uint32_t)p->nfp;
	for (i = 0; i < w->fps.n; i++)
		if (i == 0 || w->fps.v[i] != w->fps.v[i - 1])
			p->fp[p->nfp++] = w->fps.v[i];
	q->nfp = p->nfp - q->foff;
	return WN_OK;
}

/* One paragraph's key, its hash, its boilerplate features and its
 * fingerprints (appended to p->fp), from its text s[0..len): a function
 * of the text alone, for the options fps and measure. */
static enum wn_status
prepare_one(const struct clean *c, struct clean_worker *w, const char *s,
    size_t len, int fps, int measure, struct clean_prep *p, struct para *q,
    struct boilerplate_para *bp)
{
	struct normalize_key *key = &w->key;

	/* only hashed whole: exact matching, boilerplate kept */
	key->count_only = !fps && !measure;
	if (normalize_key(w->norm, s, len, key) != WN_OK)
		return WN_ENOMEM;
	q->nwords = key->text.len == 0 ? 0 : (uint32_t)key->nwords;
	q->foff = 0;
	q->nfp = 0;
	q->hash = key->text.len == 0 ? 0 :
	                               XXH3_64bits_withSeed(key->text.data,
	                                   key->text.len, CLEAN_HASH_SEED);
	/* each word hashed once, for the stop lists and the fingerprints */
	if (q->nwords > 0 && (fps || measure)) {
		if (wn_grow(&w->whash, &w->whash_cap, q->nwords,
		        sizeof(*w->whash)) != WN_OK)
			return WN_ENOMEM;
		fingerprint_words(
		    key->text.data, key->word_end, q->nwords, w->whash);
		key->word_hash = w->whash;
	}
	if (c->hosts_only)
		return WN_OK;
	if (!measure)
		boilerplate_para_clear(bp);
	else
		boilerplate_measure(c->bp, s, len, key, bp);
	/* every paragraph with a key: the decisions (later) say which of
	 * them are looked up */
	if (fps && q->nwords > 0 &&
	    prepare_fingerprints(c, w, key, p, q) != WN_OK)
		return WN_ENOMEM;
	return WN_OK;
}

/* What prepare_one() made of a paragraph, as the memo keeps it: the
 * fingerprints follow. */
struct memo_para {
	uint64_t hash;
	uint32_t nwords;
	uint32_t nfp;
	uint8_t fps, measure; /* prepare_one()'s options */
	struct boilerplate_para bp;
};

/* A memo entry back into the paragraph's place. */
static enum wn_status
from_memo(const struct memo_para *mp, struct clean_prep *p, struct para *q,
    struct boilerplate_para *bp)
{
	q->hash = mp->hash;
	q->nwords = mp->nwords;
	q->foff = 0;
	q->nfp = 0;
	*bp = mp->bp;
	if (mp->fps && mp->nwords > 0) {
		if (wn_grow(&p->fp, &p->fp_cap, p->nfp + mp->nfp,
		        sizeof(*p->fp)) != WN_OK)
			return WN_ENOMEM;
		q->foff = (uint32_t)p->nfp;
		if (mp->nfp > 0) /* p->fp may be NULL then */
			memcpy(
			    p->fp + p->nfp, mp + 1, mp->nfp * sizeof(*p->fp));
		p->nfp += mp->nfp;
		q->nfp = mp->nfp;
	}
	return WN_OK;
}

/* The paragraph just prepared into the memo (when its entry fits). */
static enum wn_status
to_memo(struct memo *m, uint64_t th, const char *s, size_t len, int fps,
    int measure, const struct clean_prep *p, const struct para *q,
    const struct boilerplate_para *bp)
{
	struct memo_para *mp =
	    memo_add(m, th, s, len, sizeof(*mp) + q->nfp * sizeof(*p->fp));

	if (mp == NULL)
		return WN_OK;
	mp->hash = q->hash;
	mp->nwords = q->nwords;
	mp->nfp = q->nfp;
	mp->fps = (uint8_t)fps;
	mp->measure = (uint8_t)measure;
	mp->bp = *bp;
	if (q->nfp > 0) /* p->fp may be NULL then */
		memcpy(mp + 1, p->fp + q->foff, q->nfp * sizeof(*p->fp));
	return WN_OK;
}

/* The repeated keys of p's paragraphs (hash, index in p->order): 1 on
 * the first of each, 2 on every later one.  An open-addressed table of the first index of each key,
 * at most half full, emptied by a new generation number (cleared only
 * when it grows or the number wraps).  Sorting for this alone cost 3% of
 * the instructions on the real-text bench corpus (make profile). */
static enum wn_status
mark_repeats(struct clean_worker *w, struct clean_prep *p)
{
	size_t i, n = p->paras.n, slots = 16;
	uint64_t gen;

	while (slots < 2 * n)
		slots *= 2;
	if (slots > w->rep_slots) {
		if (wn_grow(&w->rep, &w->rep_cap, 2 * slots, sizeof(*w->rep)) !=
		    WN_OK)
			return WN_ENOMEM;
		w->rep_slots = slots;
		w->rep_gen = 0;
	}
	if (w->rep_gen == 0 || w->rep_gen == UINT32_MAX) {
		memset(w->rep, 0, 2 * w->rep_slots * sizeof(*w->rep));
		w->rep_gen = 0;
	}
	gen = (uint64_t)++w->rep_gen << 32;
	for (i = 0; i < n; i++) {
		uint64_t h = p->order[2 * i], *e;
		size_t j = (size_t)h & (slots - 1);

		if (h == 0)
			continue;
		while ((w->rep[2 * j + 1] & ~(uint64_t)UINT32_MAX) == gen &&
		    w->rep[2 * j] != h)
			j = (j + 1) & (slots - 1);
		e = &w->rep[2 * j];
		if ((e[1] & ~(uint64_t)UINT32_MAX) != gen) {
			e[0] = h;
			e[1] = gen | (i + 1);
			continue;
		}
		p->bpv[(e[1] & UINT32_MAX) - 1].repeated = 1;
		p->bpv[i].repeated = 2;
	}
	return WN_OK;
}

/* Paragraphs ahead whose memo entries are asked for: the memo (4 MB a
 * worker) misses the cache on most lookups.  16, with entries at 8: a
 * guess at the latency, not tuned; on the real-text bench corpus (200
 * MB, one thread, perf) memo.c's find_in() went from 6.3% of the
 * samples to 2.5%, and the memo's work (find_in, memo_find, the hash,
 * prepare_paragraphs itself) from 12.9% to 11.0%. */
#define MEMO_AHEAD 16

/* Paragraph i's memo hash into order[2 * i + 1], its slots asked for. */
static void
memo_ahead(const struct memo *m, struct clean_prep *p, size_t i)
{
	const struct paragraph *g = &p->paras.v[i];
	/* unseeded: a seed makes XXH3 derive its secret again for every
	 * text over 240 bytes (the memo lives in memory only, so any hash
	 * will do); with the seed, hashing for the memo was 3.2% of the
	 * instructions on the real-text bench corpus */
	uint64_t h = XXH3_64bits(p->text.data + g->off, g->len);

	p->order[2 * i + 1] = h;
	memo_prefetch(m, h, 0);
}

/* Everything of clean_prepare() after the split, for the paragraphs in
 * p->paras (the whole document, or a section of it). */
static enum wn_status
prepare_paragraphs(const struct clean *c, struct clean_worker *w,
    const struct record *in, struct clean_prep *p)
{
	size_t i, n = p->paras.n;
	int fps = !c->hosts_only && (c->opt.near > 0 || c->opt.doc_near > 0);
	/* with --keep-boilerplate the features are needed only to explain */
	int measure = !c->hosts_only &&
	    (c->opt.boilerplate != BOILERPLATE_OFF || c->explain);

	p->nfp = 0;
	if (wn_grow(&p->para, &p->para_cap, n, sizeof(*p->para)) != WN_OK ||
	    wn_grow(&p->bpv, &p->bpv_cap, n, sizeof(*p->bpv)) != WN_OK ||
	    wn_grow(&p->order, &p->order_cap, 2 * n, sizeof(*p->order)) !=
	        WN_OK)
		return WN_ENOMEM;
	if (!c->hosts_only && w->memo_owner != c) {
		/* a worker serves one cleaner; but what it prepared for another
		 * (other options) must not be found here */
		memo_free(w->memo);
		w->memo = memo_new(MEMO_BYTES);
		w->memo_owner = w->memo != NULL ? c : NULL;
	}
	/* the memo's hashes are made MEMO_AHEAD paragraphs ahead, kept in
	 * order[] (whose pair for a paragraph is written after), their slots
	 * asked for then and their entries half way */
	if (!c->hosts_only && w->memo != NULL)
		for (i = 0; i < n && i < MEMO_AHEAD; i++)
			memo_ahead(w->memo, p, i);
	for (i = 0; i < n; i++) {
		const struct paragraph *g = &p->paras.v[i];
		const char *text = p->text.data + g->off;
		struct para *q = &p->para[i];
		uint64_t th = 0;
		int memo = !c->hosts_only && w->memo != NULL;

		q->on_host = 0;
		if (memo) {
			const struct memo_para *mp;
			size_t vlen;

			if (i + MEMO_AHEAD < n)
				memo_ahead(w->memo, p, i + MEMO_AHEAD);
			if (i + MEMO_AHEAD / 2 < n)
				memo_prefetch(w->memo,
				    p->order[2 * (i + MEMO_AHEAD / 2) + 1], 1);
			th = p->order[2 * i + 1];
			mp = memo_find(w->memo, th, text, g->len, &vlen);
			if (mp != NULL && mp->fps == fps &&
			    mp->measure == measure) {
				if (from_memo(mp, p, q, &p->bpv[i]) != WN_OK)
					return WN_ENOMEM;
				goto prepared;
			}
		}
		if (prepare_one(c, w, text, g->len, fps, measure, p, q,
		        &p->bpv[i]) != WN_OK)
			return WN_ENOMEM;
		if (memo &&
		    to_memo(w->memo, th, text, g->len, fps, measure, p, q,
		        &p->bpv[i]) != WN_OK)
			return WN_ENOMEM;
	prepared:
		p->order[2 * i] = q->hash;
		p->order[2 * i + 1] = i;
		if (c->hosts_only)
			continue;
		if (in->html.block != NULL && g->line < in->html.nblock) {
			p->bpv[i].role = in->html.block[g->line].role;
			p->bpv[i].link_density =
			    in->html.block[g->line].link_density;
			p->bpv[i].pos = in->html.block[g->line].pos;
			p->bpv[i].box = in->html.block[g->line].box;
			p->bpv[i].chrome = in->html.block[g->line].chrome;
			p->bpv[i].in_list = in->html.block[g->line].in_list;
			p->bpv[i].anchors = in->html.block[g->line].anchors;
			p->bpv[i].tag_chrome =
			    in->html.block[g->line].tag_chrome;
			p->bpv[i].has_pos = 1;
		}
	}
	if (!c->hosts_only && mark_repeats(w, p) != WN_OK)
		return WN_ENOMEM;
	if (p->host == 0)
		return WN_OK;
	/* for judge_boilerplate(): equal keys together */
	if (n > SORT_SMALL &&
	    wn_grow(&w->sort_tmp, &w->sort_tmp_cap, 2 * n,
	        sizeof(*w->sort_tmp)) != WN_OK)
		return WN_ENOMEM;
	sort_u64_pairs(p->order, n, w->sort_tmp);
	return WN_OK;
}

enum wn_status
clean_prepare(const struct clean *c, struct clean_worker *w,
    const struct record *in, struct clean_prep *p)
{
	enum wn_status st;

	p->skip = 0;
	p->sectioned = 0;
	p->ns.invalid_utf8 = p->ns.entities = p->ns.controls = 0;
	p->text.len = 0;
	p->paras.n = 0;
	/* judge_boilerplate() counts the page's keys on its host, in the
	 * order prepare_paragraphs() sorts them in */
	p->host = c->opt.template_pages >= 2 &&
	        c->opt.boilerplate != BOILERPLATE_OFF ?
	    host_hash(in->url.p, in->url.n) :
	    0;
	if (c->hosts_only && p->host == 0) {
		/* nothing to count: no need to read the text */
		p->skip = 1;
		return WN_OK;
	}
	/* HTML: the reader decoded the entities; decoding again would turn
	 * "&amp;lt;" into "<" */
	if (normalize_text_flags(w->norm, in->text.p, in->text.n, &p->text,
	        &p->ns,
	        in->html.block != NULL ? NORMALIZE_NO_ENTITIES : 0) != WN_OK)
		return WN_ENOMEM;
	st = paragraph_split(p->text.data, p->text.len, in->html.block != NULL,
	    SECTION_PARAS, &p->paras);
	if (st == WN_AGAIN) {
		/* too many paragraphs to hold at once: in sections, later */
		p->sectioned = 1;
		p->paras.n = 0;
		return WN_OK;
	}
	if (st != WN_OK)
		return WN_ENOMEM;
	return prepare_paragraphs(c, w, in, p);
}

/* Step 3's part that depends on the pages before: site templates, then
 * the boilerplate decisions. */
static enum wn_status
judge_boilerplate(
    struct clean *c, const struct record *in, struct clean_prep *p, int *lang)
{
	size_t i, n = p->paras.n;
	uint64_t host = p->host; /* prepare_paragraphs() sorted the keys */

	/* templates: each distinct key once per page (the first of equal
	 * keys in the sorted order) */
	if (host != 0) {
		for (i = 0; i < n; i++) {
			uint64_t h = p->order[2 * i], hk;
			int one, two;

			if (h == 0 || (i > 0 && p->order[2 * (i - 1)] == h))
				continue;
			hk = XXH3_64bits_withSeed(&h, sizeof(h), host);
			if ((one = seen_insert(c->host1, hk)) < 0)
				return WN_ENOMEM;
			two = one ? seen_insert(c->host2, hk) : 0;
			if (two < 0)
				return WN_ENOMEM;
			if (one) {
				size_t j;

				for (j = i; j < n && p->order[2 * j] == h; j++)
					p->para[p->order[2 * j + 1]].on_host =
					    1;
			}
			if (c->own1 != NULL) {
				/* a scan counts its own pages (up to two),
				 * whatever --prior said */
				int own = seen_insert(c->own1, hk);

				if (own < 0 ||
				    (own && seen_insert(c->own2, hk) < 0))
					return WN_ENOMEM;
			}
			if (!c->hosts_only &&
			    (two || (one && c->opt.template_pages <= 2))) {
				size_t j;

				for (j = i; j < n && p->order[2 * j] == h; j++)
					p->bpv[p->order[2 * j + 1]]
					    .is_template = 1;
			}
		}
	}
	if (c->hosts_only)
		return WN_OK;
	if (in->html.nbox > 0 &&
	    wn_grow(&c->box_score, &c->box_score_cap, in->html.nbox,
	        sizeof(*c->box_score)) != WN_OK)
		return WN_ENOMEM;
	*lang = boilerplate_classify(c->bp, p->bpv, n, in->html.box,
	    in->html.nbox, in->html.thread, c->box_score);
	return WN_OK;
}

/* Steps 5 and 6 for one paragraph whose exact key was not matched (or
 * was: then only the insertion).  Fills *info. */
static enum wn_status
near_match(struct clean *c, const struct clean_prep *p, const struct para *q,
    int exact, struct clean_paragraph_info *info)
{
	size_t i, k = q->nfp, in_doc = 0, found = 0;
	const uint64_t *fp = p->fp + q->foff;
	unsigned n = c->opt.shingle, w = c->opt.window;

	/* exact matching only: no fingerprint is needed, none is made (a
	 * state written so holds no fingerprints) */
	if (c->opt.near <= 0 && c->opt.doc_near <= 0)
		return WN_OK;
	info->fingerprints = k;
	for (i = 0; i < k; i++) {
		int d = seen_insert(c->doc_fp, fp[i]);
		int s = seen_insert(c->stream_fp, fp[i]);

		if (d < 0 || s < 0)
			return WN_ENOMEM;
		if (d)
			in_doc++;
		if (d || s)
			found++;
	}
	info->matched = exact ? k : found;
	if (exact || c->opt.near <= 0 || info->words < n + w - 1 || found < 2 ||
	    (double)found < c->opt.near * (double)k)
		return WN_OK;
	info->reason = (double)in_doc >= c->opt.near * (double)k ?
	    CLEAN_NEAR_REPEAT :
	    CLEAN_NEAR_DUPLICATE;
	return WN_OK;
}

/* clean_origins(): enter paragraph q (number para of document doc) as
 * the holder of its key and fingerprints where they are new, and, when
 * it was removed as a duplicate, say in *info who had it first: its
 * key's holder, or the document that holds most of its fingerprints (in
 * this document for a near repeat, before it for a near duplicate). */
static void
note_origin(struct clean *c, const struct clean_prep *p, const struct para *q,
    uint64_t doc, uint32_t para, struct clean_paragraph_info *info)
{
	struct {
		uint64_t doc;
		uint32_t para, votes;
	} cand[8];
	struct origin_hit h;
	size_t ncand = 0, i, k, best = 0;
	int near = info->reason == CLEAN_NEAR_REPEAT ||
	    info->reason == CLEAN_NEAR_DUPLICATE;
	int any = 0;

	origin_note(c->origin, q->hash, doc, para, &h);
	if (info->reason == CLEAN_REPEAT || info->reason == CLEAN_DUPLICATE) {
		info->origin_doc = h.doc;
		info->origin_para = h.para;
		info->origin_before = h.doc == 0 && !origin_forgot(c->origin);
	}
	if (c->opt.near <= 0 && c->opt.doc_near <= 0)
		return;
	for (i = 0; i < q->nfp; i++) {
		origin_note(c->origin_fp, p->fp[q->foff + i], doc, para, &h);
		if (!near || h.doc == 0)
			continue;
		any = 1;
		if ((info->reason == CLEAN_NEAR_REPEAT) != (h.doc == doc))
			continue;
		for (k = 0; k < ncand && cand[k].doc != h.doc; k++)
			continue;
		if (k == ncand) {
			if (ncand == sizeof(cand) / sizeof(cand[0]))
				continue;
			cand[ncand].doc = h.doc;
			cand[ncand].para = h.para;
			cand[ncand++].votes = 0;
		}
		cand[k].votes++;
	}
	if (!near)
		return;
	for (k = 1; k < ncand; k++)
		if (cand[k].votes > cand[best].votes ||
		    (cand[k].votes == cand[best].votes &&
		        cand[k].doc < cand[best].doc))
			best = k;
	if (ncand > 0) {
		info->origin_doc = cand[best].doc;
		info->origin_para = cand[best].para;
	} else {
		info->origin_before = !any && !origin_forgot(c->origin_fp);
	}
}

/* Start loading the slots paragraph i will probe in the stream's sets,
 * PREFETCH_AHEAD paragraph before it gets there: those sets outgrow the
 * caches, and a probe that waits for memory costs more than the rest of
 * the paragraph's work (perf: 29% of the deciding thread on the 200 MB
 * bench corpus before this). */
#define PREFETCH_AHEAD 1
static void
prefetch(const struct clean *c, const struct clean_prep *prep, size_t i)
{
	const struct para *q = &prep->para[i];

	if (prep->bpv[i].rule != BOILERPLATE_KEPT || q->nwords == 0)
		return;
	seen_prefetch(c->stream, &q->hash, 1);
	if (c->opt.near > 0 || c->opt.doc_near > 0)
		seen_prefetch(c->stream_fp, prep->fp + q->foff, q->nfp);
}

/* What one document's paragraphs add up to across its sections. */
struct tally {
	int blank_pending;
	double words, seen_words;
};

/* Judge and decide the paragraphs in prep->paras (the document, or one
 * section of it), appending what is kept to doc. */
static enum wn_status
decide_paragraphs(struct clean *c, struct clean_prep *prep,
    const struct record *in, struct clean_doc *doc, struct tally *t)
{
	int lang = -1;
	size_t i;

	if (judge_boilerplate(c, in, prep, &lang) != WN_OK)
		return WN_ENOMEM;
	if (doc->lang < 0)
		doc->lang = lang;
	if (c->hosts_only) {
		doc->paragraphs_in += prep->paras.n;
		return WN_OK;
	}
	for (i = 0; i < PREFETCH_AHEAD && i < prep->paras.n; i++)
		prefetch(c, prep, i);
	for (i = 0; i < prep->paras.n; i++) {
		const struct paragraph *p = &prep->paras.v[i];
		const struct para *q = &prep->para[i];
		const struct boilerplate_para *bp = &prep->bpv[i];
		const char *s = prep->text.data + p->off;
		struct clean_paragraph_info info;

		if (i + PREFETCH_AHEAD < prep->paras.n)
			prefetch(c, prep, i + PREFETCH_AHEAD);
		/* field by field: a memset() of the whole was a slow "rep
		 * stos", and bp is copied over it anyway */
		info.reason = -1;
		info.words = info.fingerprints = info.matched = 0;
		info.off = info.len = 0;
		info.line = p->line;
		if (c->explain)
			info.bp = *bp; /* only explain_push() reads it */
		info.hash = q->hash;
		info.origin_doc = 0;
		info.origin_para = 0;
		info.origin_before = 0;
		t->blank_pending |= p->blank_before;
		info.words = q->nwords;
		if (bp->rule != BOILERPLATE_KEPT) {
			/* not text: it neither is nor makes a duplicate */
		} else if (q->nwords == 0) {
			c->counts.paragraphs_unjudged++;
		} else {
			int in_doc = seen_insert(c->doc, q->hash);
			int in_stream = seen_insert(c->stream, q->hash);

			if (in_doc < 0 || in_stream < 0)
				return WN_ENOMEM;
			/* HTML: a short line that repeats inside the page is
			 * its structure (a table's cells, a recipe's steps,
			 * the questions of an FAQ): kept */
			if (in_doc &&
			    !(in->html.block != NULL &&
			        q->nwords <= boilerplate_repeat_words(c->bp)))
				info.reason = CLEAN_REPEAT;
			else if (in_doc)
				; /* kept, and not a duplicate of itself */
			else if (in_stream &&
			    (prep->host == 0 || q->nwords >= SHORT_WORDS ||
			        q->on_host))
				info.reason = CLEAN_DUPLICATE;
			else if (in_stream)
				c->counts.paragraphs_short_kept++;
			if (near_match(c, prep, q, info.reason >= 0, &info) !=
			    WN_OK)
				return WN_ENOMEM;
			if (c->origin != NULL) {
				uint64_t k = doc->paragraphs_in + i + 1;

				note_origin(c, prep, q, doc->number,
				    k > UINT32_MAX ? UINT32_MAX : (uint32_t)k,
				    &info);
			}
			if (info.reason < 0 &&
			    info.words < c->opt.shingle + c->opt.window - 1)
				c->counts.paragraphs_short++;
		}
		if (bp->rule == BOILERPLATE_TEMPLATE)
			info.reason = CLEAN_TEMPLATE;
		else if (bp->rule != BOILERPLATE_KEPT)
			info.reason = CLEAN_BOILERPLATE;
		t->words += (double)info.words;
		if (c->explain && explain_push(doc, &info, s, p->len) != WN_OK)
			return WN_ENOMEM;
		if (info.reason >= 0) {
			t->seen_words += (double)info.words;
			doc->removed[info.reason]++;
			continue;
		}
		if (info.fingerprints > 0)
			t->seen_words += (double)info.words *
			    (double)info.matched / (double)info.fingerprints;
		if (doc->paragraphs_out > 0 &&
		    wn_buf_append(&doc->text, t->blank_pending ? "\n\n" : "\n",
		        t->blank_pending ? 2 : 1) != WN_OK)
			return WN_ENOMEM;
		if (wn_buf_append(&doc->text, s, p->len) != WN_OK)
			return WN_ENOMEM;
		doc->paragraphs_out++;
		t->blank_pending = 0;
	}
	doc->paragraphs_in += prep->paras.n;
	return WN_OK;
}

/* A document over SECTION_PARAS paragraphs, section by section on this
 * thread with the cleaner's own worker. */
static enum wn_status
decide_sections(struct clean *c, struct clean_prep *prep,
    const struct record *in, struct clean_doc *doc, struct tally *t)
{
	struct paragraph_iter it;

	paragraph_iter_start(
	    &it, prep->text.data, prep->text.len, in->html.block != NULL);
	for (;;) {
		if (paragraph_iter_next(&it, SECTION_PARAS, &prep->paras) !=
		    WN_OK)
			return WN_ENOMEM;
		if (prep->paras.n == 0)
			return WN_OK;
		if (prepare_paragraphs(c, c->w, in, prep) != WN_OK ||
		    decide_paragraphs(c, prep, in, doc, t) != WN_OK)
			return WN_ENOMEM;
	}
}

enum wn_status
clean_decide(struct clean *c, struct clean_prep *prep, const struct record *in,
    struct clean_doc *doc)
{
	struct tally t = { 0, 0, 0 };
	enum wn_status r;
	size_t i;

	doc->number = ++c->documents;
	doc->text.len = 0;
	doc->paragraphs_in = doc->paragraphs_out = 0;
	for (i = 0; i < CLEAN_NREASONS; i++)
		doc->removed[i] = 0;
	doc->dropped = doc->near_duplicate = 0;
	doc->seen_share = 0;
	doc->ninfo = 0;
	doc->explain_text.len = 0;
	doc->lang = -1;
	c->counts.text_bytes_in += in->text.n;
	if (prep->skip) {
		doc->dropped = 1;
		return WN_OK;
	}
	c->counts.invalid_utf8 += prep->ns.invalid_utf8;
	c->counts.entities += prep->ns.entities;
	c->counts.controls += prep->ns.controls;
	if (!c->hosts_only) {
		seen_clear(c->doc);
		seen_clear(c->doc_fp);
	}
	r = prep->sectioned ? decide_sections(c, prep, in, doc, &t) :
	                      decide_paragraphs(c, prep, in, doc, &t);
	if (r != WN_OK)
		return WN_ENOMEM;
	if (c->hosts_only) {
		doc->dropped = 1;
		return WN_OK;
	}
	doc->seen_share = t.words > 0 ? t.seen_words / t.words : 0;
	c->counts.paragraphs_in += doc->paragraphs_in;
	c->counts.paragraphs_out += doc->paragraphs_out;
	c->counts.paragraphs_repeat += doc->removed[CLEAN_REPEAT];
	c->counts.paragraphs_duplicate += doc->removed[CLEAN_DUPLICATE];
	c->counts.paragraphs_near_repeat += doc->removed[CLEAN_NEAR_REPEAT];
	c->counts.paragraphs_near_duplicate +=
	    doc->removed[CLEAN_NEAR_DUPLICATE];
	c->counts.paragraphs_boilerplate += doc->removed[CLEAN_BOILERPLATE];
	c->counts.paragraphs_template += doc->removed[CLEAN_TEMPLATE];
	if (doc->paragraphs_out > 0 &&
	    !normalize_has_alnum(doc->text.data, doc->text.len)) {
		/* what is left is bullets, stars or rules: nothing to keep */
		doc->dropped = 1;
		c->counts.documents_no_letters++;
	} else if (doc->paragraphs_out == 0) {
		doc->dropped = 1;
		if (doc->paragraphs_in == 0)
			c->counts.documents_empty++;
		else if (doc->removed[CLEAN_BOILERPLATE] +
		        doc->removed[CLEAN_TEMPLATE] >
		    0)
			c->counts.documents_boilerplate++;
		else
			c->counts.documents_duplicate++;
	} else if (c->opt.doc_near > 0 && doc->seen_share >= c->opt.doc_near) {
		doc->dropped = 1;
		doc->near_duplicate = 1;
		c->counts.documents_near_duplicate++;
	}
	return WN_OK;
}

enum wn_status
clean_document(struct clean *c, const struct record *in, struct clean_doc *doc)
{
	if (clean_prepare(c, c->w, in, c->prep) != WN_OK)
		return WN_ENOMEM;
	return clean_decide(c, c->prep, in, doc);
}
