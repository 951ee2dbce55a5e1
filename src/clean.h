/*
 * clean.h - clean one document: normalize it, split it into paragraphs,
 * drop the paragraphs already seen, and assemble what is left.
 */
#ifndef WN_CLEAN_H
#define WN_CLEAN_H

#include <stddef.h>
#include <stdint.h>

#include "stats.h"
#include "wn.h"

/* Why a paragraph was removed. */
enum clean_reason {
	CLEAN_REPEAT,		/* repeats a paragraph of the same document */
	CLEAN_DUPLICATE,	/* occurred earlier in the stream */
	CLEAN_NREASONS
};

/* Names used in output metadata and --stats, indexed by clean_reason. */
extern const char *const clean_reason_name[CLEAN_NREASONS];

/* The result of cleaning one document; reused across calls. */
struct clean_doc {
	struct wn_buf text;		/* cleaned text, no final newline */
	uint64_t paragraphs_in;
	uint64_t paragraphs_out;
	uint64_t removed[CLEAN_NREASONS];
	int dropped;			/* nothing left: do not write it */
};

struct clean;

/* Returns a cleaner with an empty seen set, or NULL when out of memory.
 * Free with clean_free(). */
struct clean *clean_new(void);
/* Frees c; accepts NULL. */
void clean_free(struct clean *c);

/* Clean text[0..len) (any bytes) into *doc, updating *st.  Every
 * paragraph's key enters the seen set, kept or not, so "seen" means
 * "occurred earlier in the input".  Returns WN_OK or WN_ENOMEM. */
enum wn_status clean_document(struct clean *c, const char *text, size_t len,
    struct clean_doc *doc, struct wn_stats *st);

/* Frees the storage of doc (not doc itself). */
void clean_doc_free(struct clean_doc *doc);

/* The seed of the XXH3 paragraph keys; stored in state files. */
#define CLEAN_HASH_SEED 0x77696e6e6f77ull	/* "winnow" */

#endif
