/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * clean.h - clean one document: normalize it, split it into paragraphs,
 * drop the paragraphs already seen, and assemble what is left.
 */
#ifndef WN_CLEAN_H
#define WN_CLEAN_H

#include <stddef.h>
#include <stdint.h>

#include "boilerplate.h"
#include "record.h"
#include "state.h"
#include "wn.h"

/* Why a paragraph was removed. */
enum clean_reason {
	CLEAN_REPEAT,         /* repeats a paragraph of the same document */
	CLEAN_DUPLICATE,      /* occurred earlier in the stream */
	CLEAN_NEAR_REPEAT,    /* nearly repeats one of the same document */
	CLEAN_NEAR_DUPLICATE, /* nearly repeats an earlier one */
	CLEAN_BOILERPLATE,    /* not the document's main text */
	CLEAN_TEMPLATE,       /* recurs on many pages of its site */
	CLEAN_NREASONS
};

/* What a cleaner does; clean_options_default() gives the defaults. */
struct clean_options {
	double near;      /* share of fingerprints seen that makes a
				   near duplicate; 0 = exact matches only */
	double doc_near;  /* share of a document's words already seen
				   that drops it whole; 0 = never */
	unsigned shingle; /* words per shingle (n) */
	unsigned window;  /* winnowing window (w) */
	size_t memory;    /* cap on the seen sets' bytes; 0 = none */
	enum boilerplate_mode boilerplate;
	int lang;                /* stop list; -1: per document */
	const char *tune;        /* boilerplate_tune()'s, or NULL */
	unsigned template_pages; /* a paragraph on this many pages of one
				   host is a template; 0 = never */
};

void clean_options_default(struct clean_options *o);

/* What a paragraph decision was based on (for --explain). */
struct clean_paragraph_info {
	int reason; /* enum clean_reason, or -1: kept */
	size_t words;
	size_t fingerprints;
	size_t matched;             /* fingerprints seen before */
	size_t off, len;            /* its text in clean_doc.explain_text */
	size_t line;                /* 0-based line of the normalized
				       document it starts on */
	struct boilerplate_para bp; /* features and boilerplate rule */
	uint64_t hash;              /* its key's hash; 0: an empty key */
	/* with clean_origins() on, for a repeat, duplicate, near repeat
	 * or near duplicate: the document (clean_doc.number) and paragraph
	 * that had it first, or, for near ones, most of its fingerprints;
	 * origin_doc 0: not known, and then origin_before says whether it
	 * is known to come from before the run (the state or a prior) */
	uint64_t origin_doc;
	uint32_t origin_para;
	int origin_before;
};

/* Names used in output metadata and --stats, indexed by clean_reason. */
extern const char *const clean_reason_name[CLEAN_NREASONS];

/* The result of cleaning one document; reused across calls. */
struct clean_doc {
	uint64_t number;    /* 1-based, in the order documents are decided */
	struct wn_buf text; /* cleaned text, no final newline */
	uint64_t paragraphs_in;
	uint64_t paragraphs_out;
	uint64_t removed[CLEAN_NREASONS];
	int dropped;        /* do not write it */
	int near_duplicate; /* dropped by --doc-near */
	double seen_share;  /* share of its words seen before */
	int lang;           /* stop list used, -1: none */
	/* per paragraph, in order, when clean_explain() turned it on:
	 * the decision and where its text lies in explain_text */
	struct clean_paragraph_info *info;
	size_t ninfo;
	size_t info_cap;
	struct wn_buf explain_text;
};

struct clean;

/* Returns a cleaner with empty seen sets, or NULL when out of memory or
 * when opt is invalid.  opt is copied.  Free with clean_free(). */
struct clean *clean_new(const struct clean_options *opt);
/* Frees c; accepts NULL. */
void clean_free(struct clean *c);

/* What the cleaner counted so far (owned by the cleaner). */
struct clean_counts {
	uint64_t text_bytes_in; /* document text before cleaning */
	uint64_t invalid_utf8, entities, controls; /* repaired */
	uint64_t paragraphs_in, paragraphs_out;
	uint64_t paragraphs_repeat, paragraphs_duplicate;
	uint64_t paragraphs_near_repeat, paragraphs_near_duplicate;
	uint64_t paragraphs_boilerplate, paragraphs_template;
	uint64_t paragraphs_unjudged;   /* empty key: kept, never matched */
	uint64_t paragraphs_short;      /* too short for near matching */
	uint64_t paragraphs_short_kept; /* short lines another site had */
	uint64_t documents_empty, documents_duplicate;
	uint64_t documents_boilerplate, documents_near_duplicate;
	uint64_t documents_no_letters;
};
const struct clean_counts *clean_counts(const struct clean *c);

/* Clean the text of one record (read-only, as a reader made it) into
 * *doc.  Every paragraph's key and fingerprints enter the seen sets,
 * kept or removed as a duplicate, so "seen" means "occurred earlier in
 * the input's text"; a paragraph removed as boilerplate does not.
 * Returns WN_OK or WN_ENOMEM. */
enum wn_status clean_document(
    struct clean *c, const struct record *rec, struct clean_doc *doc);

/* clean_document() in two steps, so that threads can share the work:
 * clean_prepare() does what depends on the document alone (normalizing,
 * splitting, keys, boilerplate features, fingerprints) and only reads c,
 * so any number of threads may run it at once, each with its own worker
 * and prep; clean_decide() then does, in input order, what depends on
 * the documents before (site templates, the boilerplate decision, the
 * duplicates).  The decisions are the same whatever the threads.  A
 * worker serves one cleaner (it keeps a memo of what it prepared, made
 * again when it meets another). */
struct clean_worker;
struct clean_prep;
struct clean_worker *clean_worker_new(void);
void clean_worker_free(struct clean_worker *w);
struct clean_prep *clean_prep_new(void);
void clean_prep_free(struct clean_prep *p);
/* Bytes a prep holds (it keeps its buffers for the next document). */
size_t clean_prep_bytes(const struct clean_prep *p);
/* Returns WN_OK or WN_ENOMEM.  rec must stay valid until clean_decide(). */
enum wn_status clean_prepare(const struct clean *c, struct clean_worker *w,
    const struct record *rec, struct clean_prep *p);
/* As clean_document(), from what clean_prepare() made of rec. */
enum wn_status clean_decide(struct clean *c, struct clean_prep *p,
    const struct record *rec, struct clean_doc *doc);

/* Record every paragraph's decision in the clean_doc (off by default). */
void clean_explain(struct clean *c, int on);
/* Also find where each duplicate came from (clean_paragraph_info's
 * origin_*), in bounded tables of CLEAN_ORIGIN_KEYS paragraph keys and
 * CLEAN_ORIGIN_FINGERPRINTS fingerprints, 16 bytes each (--report); the
 * decisions do not change.  Call before the first document; turns
 * clean_explain() on.  Returns WN_OK or WN_ENOMEM. */
#define CLEAN_ORIGIN_KEYS ((size_t)1 << 18)
#define CLEAN_ORIGIN_FINGERPRINTS ((size_t)1 << 20)
enum wn_status clean_origins(struct clean *c);
/* The bytes those tables hold (0 when off). */
size_t clean_origin_bytes(const struct clean *c);

/* Frees the storage of doc (not doc itself). */
void clean_doc_free(struct clean_doc *doc);

/* Fingerprints forgotten at the memory cap, and the bytes and entries
 * held by the stream's seen sets. */
uint64_t clean_evicted(const struct clean *c);
size_t clean_seen_bytes(const struct clean *c);
size_t clean_seen_fingerprints(const struct clean *c);
size_t clean_fingerprint_bytes(const struct clean *c);

/* The run's sets in state order (state.h), and what a state file must
 * agree on with this cleaner. */
void clean_state_sets(struct clean *c, struct seen *set[STATE_NSETS]);
void clean_state_params(const struct clean *c, struct state_params *p);
/* Stamp what the run sees with today (days since 1970) for a state
 * file; call before the first document.  Returns WN_OK or WN_ENOMEM. */
enum wn_status clean_stamp(struct clean *c, uint16_t today);

/* Sharded runs (doc/design.md §5, winnow(1) MORE THAN ONE MACHINE): make
 * c a scan, which also counts the pages of each host+key it meets itself
 * (up to two), apart from what was loaded into its sets; with hosts_only
 * it does nothing else (no boilerplate, no duplicates, every document
 * dropped), and reads the text of only the records with a URL.  Returns
 * WN_OK or WN_ENOMEM. */
enum wn_status clean_scan(struct clean *c, int hosts_only);
/* What a scan saw, in state order: its keys and fingerprints (the sets
 * of clean_state_sets(), which a scan loads no keys or fingerprints
 * into) and its own host pages. */
void clean_scan_sets(struct clean *c, struct seen *set[STATE_NSETS]);

/* The host of url[0..len) as site templates count it (lower-cased,
 * without user, port and a leading "www."), in host; returns its length
 * (0: none). */
#define CLEAN_HOST_MAX 256
size_t clean_host(const char *url, size_t len, char host[CLEAN_HOST_MAX]);

/* The seed of the XXH3 paragraph keys; stored in state files. */
#define CLEAN_HASH_SEED 0x77696e6e6f77ull /* "winnow" */

#endif
