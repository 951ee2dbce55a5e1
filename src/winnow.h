/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * winnow.h - the public interface of libwinnow: clean scraped text in a
 * stream (normalize it, remove web boilerplate, drop repeated and nearly
 * repeated paragraphs), optionally remembering earlier runs in a state
 * file.  The winnow command, the fuzzers and the Python module use only
 * what is declared here.
 *
 * A ten-line program that cleans standard input to standard output as
 * JSON Lines (examples/clean.c has it whole):
 *
 *	struct wn_sink out = { "standard output", 1, NULL, NULL };
 *	struct wn_sinks sinks = { &out, NULL, NULL, NULL };
 *	struct wn_options o;
 *	struct wn_pipeline *p;
 *	struct wn_error e;
 *
 *	wn_options_default(&o);
 *	o.compress = 0;
 *	if (wn_pipeline_new(&o, &sinks, NULL, &p, &e) != WN_OK)
 *		errx(1, "%s", e.msg);
 *	wn_pipeline_file(p, "-");
 *	wn_pipeline_finish(p);
 *	status = wn_pipeline_status(p);	(bad records: WN_EDATA)
 *	wn_pipeline_free(p);
 *
 * Conventions.  Every call that can fail returns an enum wn_status and,
 * when it is not WN_OK, fills the struct wn_error the caller passed (or,
 * for a pipeline, reports it through the wn_report callbacks).  The
 * library never prints, never exits and keeps no state between objects
 * but one read-only table computed on first use.  A _free() accepts
 * NULL.  Strings passed in are borrowed for the call unless said
 * otherwise; a pipeline keeps the options' strings until it is freed.
 * Output never depends on how input arrives (chunk sizes), on the number
 * of threads, or on sharding (winnow(1), MORE THAN ONE MACHINE).
 */
#ifndef WINNOW_H
#define WINNOW_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WN_VERSION "0.2.0"

/* ------------------------------------------------------------------ */
/* Status and errors                                                  */

enum wn_status {
	WN_OK = 0,
	WN_AGAIN,    /* (internal) a pull found no complete item */
	WN_END,      /* (internal) no more items */
	WN_EDATA,    /* bad input data: a record (or a state) was refused */
	WN_ENOMEM,   /* allocation failed or a cap was reached */
	WN_EIO,      /* read or write error; errno is in wn_error.err */
	WN_EUSAGE,   /* a caller passed a bad option value */
	WN_ENOINPUT, /* an input could not be opened */
	WN_ECREATE,  /* an output could not be created */
	WN_ELOCKED   /* the state file is locked by another run */
};

/* Where and why something failed.  msg is a sentence fragment without
 * the "winnow: FILE:LINE:" prefix, which the caller adds from name and
 * line (line 0: unknown). */
struct wn_error {
	char msg[256];
	const char *name; /* borrowed input or output name, or NULL */
	uint64_t line;    /* 1-based line of the input, 0 if unknown */
	int err;          /* errno for WN_EIO, else 0 */
};

/* ------------------------------------------------------------------ */
/* Options                                                            */

enum wn_from {
	WN_FROM_AUTO,
	WN_FROM_TEXT,
	WN_FROM_JSONL,
	WN_FROM_WARC,
	WN_FROM_HTML
};
enum wn_to { WN_TO_JSONL, WN_TO_TEXT };
enum wn_boilerplate {
	WN_BOILERPLATE_OFF,
	WN_BOILERPLATE_LOOSE,
	WN_BOILERPLATE_NORMAL,
	WN_BOILERPLATE_STRICT
};
enum wn_invalid_utf8 { WN_UTF8_REPLACE, WN_UTF8_SKIP, WN_UTF8_FAIL };

#define WN_SHINGLE_MAX 32 /* words per shingle */
#define WN_WINDOW_MAX 64  /* winnowing window */
#define WN_NLANG 18       /* stop lists: wn_lang_name() */
#define WN_MAX_PRIOR 64

struct wn_options {
	/* input */
	enum wn_from from;        /* per input (WN_FROM_AUTO: sniffed) */
	const char *text_field;   /* JSON Lines: "text" */
	const char *id_field;     /* JSON Lines: "id" */
	const char *html_field;   /* JSON Lines: a field holding a page's
					   HTML, whose article becomes the text
					   (in text_field); NULL: none */
	size_t max_record;        /* a longer record is skipped: 256 MiB,
					   at most 4 GiB - 1 */
	unsigned zstd_window_log; /* zstd input's largest window, as a
					   power of 2 (10..31); 0: 27 */
	int on_error_fail;        /* a bad record stops the run */
	enum wn_invalid_utf8 invalid_utf8;
	/* cleaning */
	double near;      /* share of fingerprints seen that makes
					   a near duplicate: 0.5; 0: exact only */
	double doc_near;  /* drop a document this much seen: 0 */
	unsigned shingle; /* words per shingle: 5 */
	unsigned window;  /* winnowing window: 8 */
	size_t memory;    /* cap on what is remembered: 4 GiB */
	enum wn_boilerplate boilerplate;
	int lang;                /* stop list (wn_lang_find()); -1: per
					   document */
	unsigned template_pages; /* a line on this many pages of a site
					   is its template: 3; 0: never */
	const char *tune;        /* NULL; for the evaluation only
				    (bench/eval.py): "name=value,..." over
				    the classifier's measured constants */
	/* output */
	enum wn_to to;
	int compress;       /* one zstd frame with a checksum: 1 */
	int level;          /* zstd level: 3 */
	int threads;        /* preparing threads, >= 1: the
					   processors, up to 8 */
	const char *source; /* dolma's "source" field of every record
					   written; NULL: a new record's url or
					   input name, a JSONL record's own */
	int html_report;    /* collect what wn_pipeline_html_report()
			    writes: 0 (it costs about 25 MiB,
			    beyond memory) */
	/* state (winnow(5)) */
	const char *state;        /* load it, and write it at commit */
	double lock_timeout;      /* seconds to wait for its lock: 0 */
	unsigned max_age;         /* forget after this many days: 0,
					   never */
	long today;               /* the run's day, days since 1970; -1:
					   today (UTC) */
	const char *const *prior; /* states taken as seen, not written */
	size_t nprior;
	const char *scan; /* a sharded run's scan: no records
					   written; what was seen written to
					   this file at commit */
	int scan_hosts;   /* the scan counts site lines only */
};

/* Fill *o with the defaults given above. */
void wn_options_default(struct wn_options *o);

/* Parse an input format name ("auto", "text", "jsonl", "warc", "wet",
 * "html") into *from.  Returns 0, or -1 for an unknown name. */
int wn_from_parse(const char *name, enum wn_from *from);
/* The stop lists' language codes, 0 <= i < WN_NLANG ("en", ...), and the
 * index of a code, or -1. */
const char *wn_lang_name(int i);
int wn_lang_find(const char *code);
/* The highest zstd level. */
int wn_level_max(void);
/* The versions of winnow and the libraries it was built with, one line
 * ("winnow 0.2.0 (zstd 1.5.4, xxHash 0.8.1, ...)"); static storage. */
const char *wn_version_string(void);

/* ------------------------------------------------------------------ */
/* Where output goes                                                  */

/* A write callback: write p[0..n) entirely; return 0, or -1 with errno
 * set (the pipeline then stops with WN_EIO). */
typedef int (*wn_write_fn)(void *ctx, const void *p, size_t n);

/* An output: a file descriptor (borrowed, never closed), or, with fd < 0,
 * a function called with the output in order, in pieces of any size.
 * name is used in messages (a file name, "standard output"). */
struct wn_sink {
	const char *name;
	int fd;
	wn_write_fn write;
	void *ctx;
};

/* The sinks of a pipeline: the records (required unless options.scan),
 * and, when not NULL, --explain lines (every paragraph's decision and
 * features, one JSON object a line), --rejects lines (every removed
 * paragraph with its reason) and --attributes lines (dolma attribute
 * spans of the removed paragraphs, a line per record read, winnow(5)).
 * Copied by wn_pipeline_new(). */
struct wn_sinks {
	const struct wn_sink *records;
	const struct wn_sink *explain;
	const struct wn_sink *rejects;
	const struct wn_sink *attributes;
};

/* What a pipeline tells its caller while it runs.  problem() is called
 * for every bad record, unreadable input and failed output (status says
 * which, e says where: e->name, e->line), in order, on the thread that
 * called into the pipeline; progress() after each read, with the
 * counters so far.  Either may be NULL. */
struct wn_stats;
struct wn_report {
	void (*problem)(void *ctx, enum wn_status st, const struct wn_error *e);
	void (*progress)(
	    void *ctx, const char *input, const struct wn_stats *st);
	void *ctx;
};

/* ------------------------------------------------------------------ */
/* The pipeline                                                       */

struct wn_pipeline;

/* Make a pipeline: check the options, take the state's lock and load
 * it (and the priors), and start the threads.  On WN_OK *out is the
 * pipeline (free it with wn_pipeline_free()); otherwise *out is NULL and
 * e says why: WN_EUSAGE (a bad option or sink), WN_ELOCKED (the state is
 * locked by another run), WN_EDATA (the state or a prior was refused:
 * corrupt, of other parameters or of another format), WN_ENOINPUT (a
 * prior does not exist), WN_ECREATE (the lock cannot be made), WN_EIO,
 * WN_ENOMEM.  report may be NULL. */
enum wn_status wn_pipeline_new(const struct wn_options *opt,
    const struct wn_sinks *sinks, const struct wn_report *report,
    struct wn_pipeline **out, struct wn_error *e);

/* Read the input at path ("-": standard input) through the pipeline:
 * decompressed, split into records, cleaned, written (possibly later:
 * records are prepared in batches).  Returns WN_OK when the pipeline may
 * go on (even when the input was missing or held bad records: those
 * were reported and count in wn_pipeline_status()), or the status that
 * stopped it (an output failed, out of memory, --on-error=fail). */
enum wn_status wn_pipeline_file(struct wn_pipeline *p, const char *path);

/* The same for an input in memory, given in pieces of any size: begin
 * one named input, push its bytes, end it.  The name is borrowed until
 * wn_pipeline_finish(). */
enum wn_status wn_pipeline_begin(struct wn_pipeline *p, const char *name);
enum wn_status wn_pipeline_push(
    struct wn_pipeline *p, const void *data, size_t n);
enum wn_status wn_pipeline_end(struct wn_pipeline *p);

/* One document given whole: its text (or, with html set, the page whose
 * article is cleaned), its id and url (any may be NULL).  Between
 * wn_pipeline_begin() and _end() calls only. */
struct wn_document {
	const char *text;
	size_t text_len;
	int html; /* text is an HTML page */
	const char *id;
	size_t id_len;
	const char *url;
	size_t url_len;
	int titled; /* text only: the caller holds the document's headline
		       (a title field), so its first line is never taken as
		       one (as a JSON Lines record with a "title") */
};
enum wn_status wn_pipeline_document(
    struct wn_pipeline *p, const struct wn_document *d);

/* Decide and write everything read so far: after it, every record read
 * is in the sinks (compressed output is flushed to a zstd block
 * boundary).  For callers that interleave input and output. */
enum wn_status wn_pipeline_flush(struct wn_pipeline *p);

/* End the run: decide and write what is left, end the zstd frame, stop
 * the threads.  Returns WN_OK or the first output error.  After it only
 * _status, _stats, _stats_json, _commit and _free may be called. */
enum wn_status wn_pipeline_finish(struct wn_pipeline *p);

/* The most severe problem reported so far (WN_OK, WN_EDATA, WN_ENOINPUT,
 * WN_ECREATE, WN_EIO, in that order), and whether the run stopped early
 * (an output failed, out of memory, or --on-error=fail / --invalid-utf8=
 * fail at a bad record): then its input was not read whole. */
enum wn_status wn_pipeline_status(const struct wn_pipeline *p);
int wn_pipeline_stopped(const struct wn_pipeline *p);

/* The counters of the run (owned by p). */
struct wn_stats {
	uint64_t inputs;           /* files (or stdin) read */
	uint64_t bytes_in;         /* bytes read, after decompression */
	uint64_t records_in;       /* documents read */
	uint64_t records_out;      /* documents written */
	uint64_t records_bad;      /* records skipped as bad input */
	uint64_t records_no_field; /* of them: JSON Lines without the text
					   (or HTML) field */
	uint64_t records_other;    /* WARC records not holding text */
	uint64_t warc_resync;      /* WARC Content-Length was wrong */
	/* the WARC records not holding text, by reason: their types */
	uint64_t warc_request, warc_metadata, warc_revisit, warc_warcinfo;
	uint64_t warc_other_type;     /* continuation, or unknown */
	uint64_t warc_status;         /* a response whose status is not 2xx */
	uint64_t warc_not_text;       /* media type of no page or text */
	uint64_t warc_coding;         /* Content-Encoding not decoded */
	uint64_t attributes_unmapped; /* --attributes: documents whose spans
					   could not be mapped */
	uint64_t documents_empty;     /* dropped: no text at all */
	uint64_t documents_duplicate; /* dropped: every paragraph removed */
	uint64_t paragraphs_in;
	uint64_t paragraphs_out;
	uint64_t paragraphs_repeat;      /* repeated earlier in the document */
	uint64_t paragraphs_duplicate;   /* seen earlier in the stream */
	uint64_t paragraphs_near_repeat; /* nearly repeated in the document */
	uint64_t paragraphs_near_duplicate; /* nearly seen earlier */
	uint64_t documents_near_duplicate;  /* dropped by --doc-near */
	uint64_t paragraphs_boilerplate;    /* not the main text */
	uint64_t paragraphs_template;       /* a template of their site */
	uint64_t documents_boilerplate;     /* dropped: no main text left */
	uint64_t documents_no_letters;      /* dropped: what was left had no
					   letter or digit */
	uint64_t paragraphs_short_kept; /* short lines another site had, kept */
	uint64_t paragraphs_unjudged;   /* empty key: kept, never matched */
	uint64_t paragraphs_short;      /* too short for near matching */
	uint64_t fingerprints_evicted;  /* forgotten at the memory cap */
	uint64_t seen_bytes;            /* memory of the seen sets at exit */
	uint64_t seen_fingerprints;     /* fingerprints held at exit */
	uint64_t fingerprint_bytes;     /* memory of the fingerprint set */
	uint64_t text_bytes_in;         /* document text before cleaning */
	uint64_t text_bytes_out;        /* document text written */
	uint64_t bytes_out;             /* bytes written, uncompressed */
	uint64_t bytes_written;         /* bytes written, as stored */
	uint64_t invalid_utf8;          /* invalid UTF-8 subparts replaced */
	uint64_t entities;              /* HTML entities decoded */
	uint64_t controls;              /* control characters removed */
};
const struct wn_stats *wn_pipeline_stats(const struct wn_pipeline *p);

/* The counters as one JSON object (--stats; winnow(1) lists the keys),
 * without a newline, in a new string (free() it), or NULL when out of
 * memory.  seconds is the wall time of the run. */
char *wn_pipeline_stats_json(const struct wn_pipeline *p, double seconds);

/* After wn_pipeline_finish(), with options.html_report set: write the
 * run's report to out, one self-contained HTML page (no script, nothing
 * loaded; everything from the input escaped) of bounded size: a
 * summary, the removal reasons, the documents that lost the most, the
 * sites' template lines, the options and the documents (all of them up
 * to 200, then a sample chosen by a hash of their id), their
 * paragraphs kept, or struck through with the reason and, for a
 * duplicate, the earlier document it matched (winnow(1), --report).
 * seconds is the run's wall time, command its command line to show (or
 * NULL).  Call it after wn_pipeline_save() to have the state written in
 * the page.  Returns WN_OK, WN_EUSAGE (not collected, or not finished),
 * WN_EIO (out failed: errno in e->err) or WN_ENOMEM. */
enum wn_status wn_pipeline_html_report(struct wn_pipeline *p,
    const struct wn_sink *out, double seconds, const char *command,
    struct wn_error *e);

/* Commit what the run saw, in two steps: wn_pipeline_save() writes the
 * new state (or the scan) to a temporary file beside it and syncs it;
 * wn_pipeline_commit() renames it into place (atomically, then syncs the
 * directory).  The caller commits only a run that read every input and
 * wrote every output: a state marks what it holds as delivered.  Without
 * a state or scan both do nothing.  Returns WN_OK, WN_EIO or WN_ENOMEM
 * (the old state is then as it was).  A saved state not committed is
 * removed by wn_pipeline_free(). */
enum wn_status wn_pipeline_save(struct wn_pipeline *p, struct wn_error *e);
enum wn_status wn_pipeline_commit(struct wn_pipeline *p, struct wn_error *e);

/* Stop the threads, release the state's lock, free p; accepts NULL. */
void wn_pipeline_free(struct wn_pipeline *p);

/* ------------------------------------------------------------------ */
/* State files (winnow(5))                                            */

#define WN_STATE_NSETS 4 /* keys, fingerprints, site lines x2 */
#define WN_STATE_AGES                                                          \
	7 /* today, 1 day, 2-7, 8-30, 31-90, 91-365,
				   older */

struct wn_state_info {
	unsigned version;
	uint64_t seed;
	unsigned normalize_version, shingle, window;
	uint64_t count[WN_STATE_NSETS];
	uint64_t age[WN_STATE_NSETS][WN_STATE_AGES]; /* entries by age */
	uint16_t day;    /* of the run that wrote it */
	int64_t written; /* seconds since 1970 */
	uint64_t bytes;  /* file size */
};
/* The names of the sets and of the age classes. */
const char *wn_state_set_name(int i);
const char *wn_state_age_name(int k);

/* Verify path and describe it (ages counted back from today, days since
 * 1970).  Returns WN_OK, WN_ENOINPUT, WN_EDATA (corrupt, or not a state),
 * WN_EIO or WN_ENOMEM. */
enum wn_status wn_state_info(const char *path, uint16_t today,
    struct wn_state_info *info, struct wn_error *e);

/* Write out as the union of the states in[0..n) (their parameters must
 * agree), dropping entries older than max_age days (0: none) and then
 * the oldest beyond memory bytes (0: the default cap), under out's lock;
 * out may be one of in (prune).  Returns WN_OK, WN_ENOINPUT (an input
 * is missing), WN_EDATA, WN_ELOCKED, WN_ECREATE, WN_EIO or WN_ENOMEM; e
 * names the file. */
enum wn_status wn_state_merge(const char *out, const char *const *in, size_t n,
    uint16_t today, unsigned max_age, size_t memory, struct wn_error *e);

/* Convert a state of format version 1 in place, under its lock: its
 * paragraph keys and site lines are kept, its 32-bit fingerprints cannot
 * be.  *upgraded is 0 when path already had the current version.
 * Returns as wn_state_merge(). */
enum wn_status wn_state_upgrade(
    const char *path, uint16_t today, int *upgraded, struct wn_error *e);

/* Files: where path leads, with every symbolic link in it resolved,
 * into *out (malloc'ed; the caller frees it; with out NULL only the
 * links are checked, for a name then opened as it is).  A link is
 * followed only when it belongs to the effective user or to root: one
 * planted by another user (winnow run as root from cron over
 * directories others write) is refused with WN_EDATA, before anything
 * is opened.  A
 * component that does not exist ends the walk, the rest appended as
 * it is (a new output).  The CLI passes every input, output and state
 * name through it; the pipeline does the same for the names it opens. */
enum wn_status wn_path_resolve(
    const char *path, char **out, struct wn_error *e);

/* Sharded runs: from the scans of the shards (in input order), write
 * each shard's prior (SCAN SUFFIX) and, with next, the state one run
 * over all shards would leave.  Returns WN_OK, WN_ENOINPUT, WN_EDATA,
 * WN_EIO or WN_ENOMEM; e names the file. */
struct wn_shard_merge_options {
	const char *state;  /* the run's state (read only), or NULL */
	const char *next;   /* write the state after the run, or NULL */
	const char *suffix; /* each prior is written to SCAN SUFFIX */
	uint16_t today;
	unsigned max_age;
	unsigned part, parts; /* only part (0-based) of parts, by hash */
};
enum wn_status wn_shard_merge(const struct wn_shard_merge_options *o,
    const char *const *scan, size_t n, struct wn_error *e);

/* ------------------------------------------------------------------ */
/* Trends over daily runs                                             */

/* The --stats files of many runs made into one HTML page with a chart
 * per measure over the days (documents in and out, the share removed
 * by each reason, the state's size and age), its jumps marked
 * (winnow(1), REPORTS).  Runs are ordered by their date: the "date" of
 * the stats, or for a file of an earlier winnow, which has none, a
 * YYYY-MM-DD in its name, else the day it was last modified. */
struct wn_trend;

/* A new, empty trend in *out.  Returns WN_OK or WN_ENOMEM. */
enum wn_status wn_trend_new(struct wn_trend **out);
/* Read the runs in the --stats file at path (one JSON object a line).
 * Returns WN_OK, WN_ENOINPUT (no such file), WN_EIO (unreadable: errno
 * in e->err), WN_EDATA (not the --stats of winnow: e->line says where)
 * or WN_ENOMEM; e->name is path.  A file refused adds no run. */
enum wn_status wn_trend_add(
    struct wn_trend *t, const char *path, struct wn_error *e);
/* The runs read so far. */
size_t wn_trend_runs(const struct wn_trend *t);
/* Write the page to out.  Returns WN_OK, WN_EIO (errno in e->err) or
 * WN_ENOMEM. */
enum wn_status wn_trend_write(
    struct wn_trend *t, const struct wn_sink *out, struct wn_error *e);
/* Frees t; accepts NULL. */
void wn_trend_free(struct wn_trend *t);

#ifdef __cplusplus
}
#endif

#endif
