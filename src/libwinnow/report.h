/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * report.h - the HTML report of a run (--report, winnow(1) REPORTS): one
 * self-contained page saying what was removed and why, of bounded size,
 * made from the documents as they are decided.
 */
#ifndef WN_REPORT_H
#define WN_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "clean.h"
#include "record.h"
#include "sink.h"
#include "state.h"
#include "wn.h"

/* What the page shows at most (each is stated in it): every document up
 * to REPORT_DOCS, then a sample of REPORT_DOCS/2 to REPORT_DOCS of them
 * chosen by a hash of their id, whose pieces of page hold at most
 * REPORT_SAMPLE_BYTES; besides those, the REPORT_TOP documents that lost
 * the most text.  Of a document, the first REPORT_PARAS paragraphs and
 * REPORT_DOC_BYTES of page, of a paragraph REPORT_TEXT bytes of text.
 * The site-template lines of REPORT_HOSTS sites, REPORT_HOST_LINES a
 * site, counted among REPORT_LINES lines.  So the page stays under 4 MB
 * however long the run (REPORT_SAMPLE_BYTES + REPORT_TOP *
 * REPORT_DOC_BYTES + the sites' lines escaped), a few hundred KB on the
 * seeds or a day of news. */
#define REPORT_DOCS 200
#define REPORT_SAMPLE_BYTES ((size_t)2 << 20)
#define REPORT_TOP 20
#define REPORT_PARAS 150
#define REPORT_DOC_BYTES ((size_t)64 << 10)
#define REPORT_TEXT 800
#define REPORT_HOSTS 30
#define REPORT_HOST_LINES 10
#define REPORT_LINES 8192
/* The ids and URLs of the last REPORT_NAMES documents are kept (in at
 * most REPORT_NAME_BYTES), so that a duplicate can name the document it
 * matched. */
#define REPORT_NAMES 65536
#define REPORT_NAME_BYTES ((size_t)4 << 20)

struct report;

/* A report of a run with options opt (copied; its strings borrowed
 * until report_free()), dated day (days since 1970).  Returns NULL when
 * out of memory. */
struct report *report_new(const struct wn_options *opt, uint16_t day);
/* Frees r; accepts NULL. */
void report_free(struct report *r);

/* An input is read (name borrowed for the call).  Returns WN_OK or
 * WN_ENOMEM. */
enum wn_status report_input(struct report *r, const char *name);

/* One document, as decided (in input order): rec as read, source its
 * input's name, doc cleaned with clean_origins() on.  Returns WN_OK or
 * WN_ENOMEM. */
enum wn_status report_document(struct report *r, const struct record *rec,
    const char *source, const struct clean_doc *doc);

/* How the run ended, for the page. */
struct report_end {
	const struct wn_stats *stats;
	double seconds;
	const char *command;               /* the command line, or NULL */
	enum wn_status status;             /* wn_pipeline_status() */
	int stopped;                       /* wn_pipeline_stopped() */
	const struct state_summary *state; /* written, or NULL */
	size_t origin_bytes;               /* clean_origin_bytes() */
};

/* Write the page into s.  Returns WN_OK, WN_EIO (the sink failed: e
 * says why) or WN_ENOMEM. */
enum wn_status report_write(struct report *r, const struct report_end *end,
    struct sink *s, struct wn_error *e);

/* The bytes r holds now (its sample, its tables). */
size_t report_bytes(const struct report *r);

/* Append s[0..n) to b escaped for HTML text and attribute values (& < >
 * " '), invalid UTF-8 repaired, control characters but tab and newline
 * made U+FFFD, cut to at most max bytes of s at a character boundary
 * with an ellipsis (max 0: no limit).  Returns WN_OK or WN_ENOMEM. */
enum wn_status report_escape(
    struct wn_buf *b, const char *s, size_t n, size_t max);

#endif
