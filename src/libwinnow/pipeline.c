/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * pipeline.c - the whole pipeline, behind winnow.h.
 *
 * A record's way, on one screen:
 *
 *   wn_pipeline_file()   source (decompress) -> input (records)    run_input()
 *     -> drain()         each record read whole
 *     -> take()          into a batch (record_copy()), or, one thread or a
 *                        big record, cleaned now
 *     -> batch_step()    the pool's threads clean_prepare() the batch
 *                        (what depends on the document alone) while this
 *                        thread decides the batch before, in input order
 *     -> decide()        clean_decide() (what depends on the documents
 *                        before), writer_explain(), writer_record() into
 *                        the records sink, which compresses on a thread
 *
 * and at the end wn_pipeline_finish() (the last batches, the sinks'
 * ends), wn_pipeline_save()/_commit() (the state: what the run saw,
 * written only when the caller says the run's output is safe).  Counters
 * are kept by each stage (input, clean, sink) and by this file, and
 * summed by wn_pipeline_stats().
 *
 * Known weakness: records are decided in batches, so output arrives
 * after its input by up to two batches (wn_pipeline_flush() for callers
 * that interleave).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xxhash.h>
#include <zstd.h>
#include <lzma.h>
#include <uchardet.h>
#include <utf8proc.h>
#include <zlib.h>

#include "attributes.h"
#include "boilerplate.h"
#include "clean.h"
#include "fingerprint.h"
#include "html.h"
#include "input.h"
#include "iosize.h"
#include "pool.h"
#include "readahead.h"
#include "record.h"
#include "report.h"
#include "shard.h"
#include "sink.h"
#include "source.h"
#include "state.h"
#include "stats.h"
#include "title.h"
#include "writer.h"

/* A record copied out of its reader, and what clean_prepare() made of
 * it. */
struct job {
	struct record rec; /* its spans point into arena */
	struct wn_buf arena;
	struct clean_prep *prep;
	const char *name;  /* its input's name */
	enum wn_status st; /* of clean_prepare() */
};

struct batch {
	struct job *job;
	size_t n, cap;
	size_t bytes; /* text in it */
};

/* A batch is this many records or this much text; a record over
 * BIG_RECORD bytes is not copied: the batches are finished first and it
 * is cleaned on this thread alone.  A job slot keeps its buffers for the
 * next record unless they passed KEEP_BYTES, so that what the batches
 * hold stays near what they are used for (news articles are 2-50 KB).
 * Two batches are in use at once, each record's copy and what was
 * prepared of it about 15 KB: 32 records keep that near a core's L2
 * cache (64 used 5% more CPU on the bench JSONL, 2% on its text). */
#define BATCH_RECORDS 32
#define BATCH_BYTES ((size_t)1 << 20)
#define BIG_RECORD ((size_t)16 << 20)
#define KEEP_BYTES ((size_t)256 << 10)

/* An input given by wn_pipeline_begin()/_push()/_end(). */
struct stream {
	const char *name;
	struct input *in;
	char sniff[WN_SNIFF_SIZE];
	size_t nsniff;
	uint64_t documents; /* wn_pipeline_document()s */
};

struct wn_pipeline {
	struct wn_options opt;
	struct input_options in_opt;
	struct source_options src_opt;
	struct wn_report report;
	struct clean *clean;
	struct clean_doc doc;
	struct writer *writer;
	struct sink *out, *explain, *rejects, *attributes_out;
	struct attributes *attributes;
	struct wn_stats own;                  /* what this file counts */
	struct wn_stats sum;                  /* wn_pipeline_stats()'s */
	uint64_t inputs_other, inputs_resync; /* of finished inputs */
	uint64_t inputs_skip[INPUT_SKIP_N];
	uint64_t inputs_no_field;
	char *chunk;
	enum wn_status status; /* the most severe problem */
	int fatal;             /* an output failed, or out of memory */
	int aborted;           /* a bad record stopped the run */
	int finished;
	uint16_t today; /* days since 1970 */
	/* the state session */
	char *state;                    /* the state, resolved */
	int lock;                       /* its lock's fd, or -1 */
	struct state_pending *saved;    /* written, not renamed */
	struct state_summary state_sum; /* what it holds */
	int state_written;              /* state_sum is set */
	struct report *page;            /* --report, or NULL */
	struct stream stream;
	struct html_doc html; /* wn_pipeline_document()'s */
	struct wn_buf title;  /* take()'s: a headline found in the text */
	/* threads > 1: records are copied into a batch; while the pool's
	 * threads (and this one, when it is free) prepare one batch, this
	 * thread decides and writes the one before, in input order */
	struct pool *pool;
	struct clean_worker **worker; /* one per thread, 0 this one */
	struct batch *filling;        /* being read into */
	struct batch *inflight;       /* being prepared, or NULL */
	struct batch batches[2];
};

void
wn_options_default(struct wn_options *o)
{
	struct clean_options c;
	long n;

	memset(o, 0, sizeof(*o));
	o->from = WN_FROM_AUTO;
	o->text_field = "text";
	o->id_field = "id";
	o->max_record = (size_t)256 << 20;
	clean_options_default(&c);
	o->near = c.near;
	o->doc_near = c.doc_near;
	o->shingle = c.shingle;
	o->window = c.window;
	o->memory = c.memory;
	o->boilerplate = (enum wn_boilerplate)c.boilerplate;
	o->lang = c.lang;
	o->template_pages = c.template_pages;
	o->to = WN_TO_JSONL;
	o->compress = 1;
	o->level = 3;
	/* every processor, up to 8: past that the thread that decides in
	 * input order is the limit */
	n = sysconf(_SC_NPROCESSORS_ONLN);
	o->threads = n < 1 ? 1 : n > 8 ? 8 : (int)n;
	o->today = -1;
}

int
wn_from_parse(const char *name, enum wn_from *from)
{
	enum input_format f;

	if (input_format_parse(name, &f) != 0)
		return -1;
	*from = (enum wn_from)f;
	return 0;
}

const char *
wn_lang_name(int i)
{
	return boilerplate_lang_name(i);
}

int
wn_lang_find(const char *code)
{
	return boilerplate_lang_find(code);
}

int
wn_level_max(void)
{
	return ZSTD_maxCLevel();
}

const char *
wn_version_string(void)
{
	static char b[160];

	if (b[0] == '\0')
		snprintf(b, sizeof(b),
		    "winnow %s (zstd %s, xxHash %u.%u.%u, "
		    "utf8proc %s, zlib %s, liblzma %s)",
		    WN_VERSION, ZSTD_versionString(), XXH_VERSION_MAJOR,
		    XXH_VERSION_MINOR, XXH_VERSION_RELEASE, utf8proc_version(),
		    zlibVersion(), lzma_version_string());
	return b;
}

/* The order of severity: bad data, missing input, output that cannot be
 * made, I/O errors (and memory). */
static int
rank(enum wn_status st)
{
	switch (st) {
	case WN_OK:
		return 0;
	case WN_EDATA:
		return 1;
	case WN_ENOINPUT:
		return 2;
	case WN_ECREATE:
		return 3;
	default:
		return 4;
	}
}

/* A problem: to the caller, and into the status. */
static void
problem(struct wn_pipeline *p, enum wn_status st, const struct wn_error *e)
{
	if (rank(st) > rank(p->status))
		p->status = st;
	if (p->report.problem != NULL)
		p->report.problem(p->report.ctx, st, e);
}

static void
problem_msg(
    struct wn_pipeline *p, enum wn_status st, const char *name, const char *msg)
{
	struct wn_error e;

	memset(&e, 0, sizeof(e));
	e.name = name;
	snprintf(e.msg, sizeof(e.msg), "%s", msg);
	problem(p, st, &e);
}

/* Clean one record, explain it and write it (in input order). */
static enum wn_status
decide(struct wn_pipeline *p, const struct record *rec, struct clean_prep *prep,
    const char *name)
{
	struct wn_error e;
	enum wn_status st;

	memset(&e, 0, sizeof(e));
	st = prep != NULL ? clean_decide(p->clean, prep, rec, &p->doc) :
	                    clean_document(p->clean, rec, &p->doc);
	if (st != WN_OK)
		return WN_ENOMEM;
	if ((p->explain != NULL || p->rejects != NULL) &&
	    (st = writer_explain(p->explain, p->rejects, rec, &p->doc, &e)) !=
	        WN_OK) {
		problem(p, st, &e);
		return st;
	}
	if (p->page != NULL &&
	    report_document(p->page, rec, name, &p->doc) != WN_OK)
		return WN_ENOMEM;
	if (p->out != NULL &&
	    (st = writer_record(p->writer, p->out, rec, name, &p->doc, &e)) !=
	        WN_OK) {
		problem(p, st, &e);
		return st;
	}
	if (p->attributes_out != NULL &&
	    (st = attributes_record(p->attributes, p->attributes_out, rec, name,
	         &p->doc, &e)) != WN_OK) {
		problem(p, st, &e);
		return st;
	}
	if (!p->doc.dropped) {
		p->own.records_out++;
		p->own.text_bytes_out += p->doc.text.len;
	}
	return WN_OK;
}

/* sink_spawn_fn: the sink's compression, on a thread of the pool. */
static void
spawn_on_pool(void *ctx, void (*fn)(void *), void *arg)
{
	pool_task(ctx, fn, arg);
}

/* pool_fn: prepare job i of the batch in flight. */
static void
prepare_job(void *ctx, int t, size_t i)
{
	struct wn_pipeline *p = ctx;
	struct job *j = &p->inflight->job[i];

	j->st = clean_prepare(p->clean, p->worker[t], &j->rec, j->prep);
}

/* Copy rec into the filling batch. */
static enum wn_status
batch_add(struct wn_pipeline *p, const struct record *rec, const char *name)
{
	struct batch *b = p->filling;
	struct job *j;

	if (b->n == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 64;
		struct job *v = realloc(b->job, cap * sizeof(*v));

		if (v == NULL)
			return WN_ENOMEM;
		memset(v + b->cap, 0, (cap - b->cap) * sizeof(*v));
		b->job = v;
		b->cap = cap;
	}
	j = &b->job[b->n];
	if (j->prep == NULL && (j->prep = clean_prep_new()) == NULL)
		return WN_ENOMEM;
	j->arena.len = 0;
	if (wn_buf_reserve(&j->arena, record_copy_size(rec)) != WN_OK)
		return WN_ENOMEM;
	record_copy(&j->rec, rec, &j->arena);
	j->name = name;
	b->n++;
	b->bytes += rec->text.n;
	return WN_OK;
}

/* Decide and write every job of b, in order. */
static enum wn_status
batch_decide(struct wn_pipeline *p, struct batch *b)
{
	enum wn_status st = WN_OK;
	size_t i;

	for (i = 0; i < b->n; i++) {
		struct job *j = &b->job[i];

		if (st == WN_OK)
			st = j->st != WN_OK ?
			    WN_ENOMEM :
			    decide(p, &j->rec, j->prep, j->name);
		if (j->arena.cap > KEEP_BYTES)
			wn_buf_free(&j->arena);
		if (clean_prep_bytes(j->prep) > KEEP_BYTES) {
			clean_prep_free(j->prep);
			j->prep = NULL;
		}
	}
	b->n = 0;
	b->bytes = 0;
	return st;
}

/* One step of the pipeline: the batch in flight, once prepared, is
 * decided and written while the filled one is prepared.  This thread
 * then goes on to read the next batch and helps with the jobs only when
 * it waits for them (pool_wait()): helping right away left the pool's
 * threads nothing to do while it read. */
static enum wn_status
batch_step(struct wn_pipeline *p)
{
	struct batch *ready = p->inflight;
	enum wn_status st = WN_OK;

	if (ready != NULL)
		pool_wait(p->pool);
	p->inflight = p->filling;
	pool_start(p->pool, p->inflight->n);
	if (ready != NULL) {
		st = batch_decide(p, ready);
		p->filling = ready;
	} else {
		p->filling = p->filling == &p->batches[0] ? &p->batches[1] :
		                                            &p->batches[0];
	}
	return st;
}

/* Decide and write everything read so far. */
static enum wn_status
batch_flush(struct wn_pipeline *p)
{
	enum wn_status st = WN_OK;

	if (p->pool == NULL)
		return WN_OK;
	if (p->filling->n > 0)
		st = batch_step(p);
	if (p->inflight != NULL) {
		pool_wait(p->pool);
		if (st == WN_OK)
			st = batch_decide(p, p->inflight);
		p->inflight->n = 0;
		p->inflight->bytes = 0;
		p->filling = p->inflight;
		p->inflight = NULL;
	}
	return st;
}

/* A record read whole: into a batch, or (one thread, or a big record)
 * cleaned now. */
static enum wn_status
take(struct wn_pipeline *p, const struct record *in, const char *name)
{
	struct record r = *in, *rec = &r;
	enum wn_status st;

	if (title_find(rec, &p->title) != WN_OK)
		return WN_ENOMEM;
	if (p->pool != NULL && rec->text.n + rec->jsonl.line.n <= BIG_RECORD) {
		if (batch_add(p, rec, name) != WN_OK)
			return WN_ENOMEM;
		if (p->filling->n >= BATCH_RECORDS ||
		    p->filling->bytes >= BATCH_BYTES)
			return batch_step(p);
		return WN_OK;
	}
	if ((st = batch_flush(p)) != WN_OK)
		return st;
	return decide(p, rec, NULL, name);
}

/* The run stops: a bad record under --on-error=fail or
 * --invalid-utf8=fail. */
static void
stop_at_bad_record(struct wn_pipeline *p, const char *name)
{
	problem_msg(p, WN_EDATA, name,
	    "stopping at the first bad record "
	    "(--on-error=fail or --invalid-utf8=fail)");
	p->aborted = 1;
}

/* Pull every complete record out of in.  Returns WN_AGAIN or WN_END, or
 * an error that stops the run (out of memory, output failed). */
static enum wn_status
drain(struct wn_pipeline *p, struct input *in, const char *name)
{
	struct record rec;
	struct wn_error e;
	enum wn_status st;

	for (;;) {
		memset(&e, 0, sizeof(e));
		st = input_next(in, &rec, &e);
		if (st == WN_EDATA) {
			/* a record refused for its text was read (it has a
			 * number); one that did not parse was not */
			if (rec.number > 0)
				p->own.records_in++;
			p->own.records_bad += input_error_records(in);
			problem(p, WN_EDATA, &e);
			if (input_stopped(in)) {
				stop_at_bad_record(p, name);
				return WN_END;
			}
			continue;
		}
		if (st != WN_OK)
			return st;
		p->own.records_in++;
		if ((st = take(p, &rec, name)) != WN_OK)
			return st;
	}
}

/* Out of memory, or an output failed: stop. */
static void
fatal(struct wn_pipeline *p, enum wn_status st, const char *name)
{
	if (st == WN_ENOMEM)
		problem_msg(p, WN_ENOMEM, name, "out of memory");
	else if (rank(st) > rank(p->status))
		p->status = st; /* reported where it happened */
	p->fatal = 1;
}

static void
end_input(struct wn_pipeline *p, struct input *in)
{
	if (in != NULL) {
		int i;

		p->inputs_other += input_records_other(in);
		p->inputs_resync += input_resyncs(in);
		p->inputs_no_field += input_no_field(in);
		for (i = 0; i < INPUT_SKIP_N; i++)
			p->inputs_skip[i] +=
			    input_skipped(in, (enum input_skip)i);
	}
	input_free(in);
}

static void
progress(struct wn_pipeline *p, const char *name)
{
	if (p->report.progress != NULL)
		p->report.progress(p->report.ctx, name, wn_pipeline_stats(p));
}

/* Read one input through the pipeline. */
static void
run_input(struct wn_pipeline *p, const char *path)
{
	const char *name = strcmp(path, "-") == 0 ? "stdin" : path;
	struct source *src = NULL;
	struct input *in = NULL;
	struct wn_error e;
	enum wn_status st;
	size_t got;
	int done = 0, eof_pending = 0, failed;
	struct wn_error re; /* a read's error */
	enum wn_status rst;
	struct readahead *ra = NULL;
	int ra_tried = 0;

	memset(&e, 0, sizeof(e));
	if ((st = source_open(path, &p->src_opt, &src, &e)) != WN_OK) {
		e.name = name;
		problem(
		    p, st == WN_ENOINPUT || st == WN_EDATA ? st : WN_EIO, &e);
		if (st == WN_EDATA)
			p->own.records_bad++;
		return;
	}
	p->own.inputs++;
	if (p->page != NULL && report_input(p->page, name) != WN_OK)
		goto nomem;
	while (!done) {
		/* once the format is known, read into the reader's buffer */
		char *buf = p->chunk;

		memset(&re, 0, sizeof(re));
		/* with threads to spare, a compressed input is decoded one
		 * read ahead on a thread of its own (readahead.c) */
		if (in != NULL && !ra_tried && p->pool != NULL &&
		    source_codec(src) != SOURCE_PLAIN) {
			ra_tried = 1;
			ra = readahead_start(src, WN_READ_SIZE);
		}
		if (ra != NULL) {
			const char *rp;

			st = rst = readahead_take(ra, &rp, &got, &re);
			if (got > 0 && input_push(in, rp, got) != WN_OK)
				goto nomem;
			readahead_done(ra);
			buf = NULL;
		} else if (in != NULL &&
		    input_space(in, WN_READ_SIZE, &buf) != WN_OK) {
			goto nomem;
		}
		/* the format is sniffed from the first WN_SNIFF_SIZE (or all
		 * there is), however few bytes the first read brought; only
		 * they are read into the chunk and copied, the rest straight
		 * into the reader's buffer (a page is often one read) */
		if (ra == NULL)
			st = rst = source_read(src, buf,
			    in == NULL ? WN_SNIFF_SIZE : WN_READ_SIZE, &got,
			    &re);
		while (st == WN_OK && in == NULL && got > 0 &&
		    got < WN_SNIFF_SIZE) {
			size_t more;

			st = rst = source_read(src, p->chunk + got,
			    WN_SNIFF_SIZE - got, &more, &re);
			if (st != WN_OK || more == 0) {
				if (st == WN_OK)
					eof_pending = 1;
				break;
			}
			got += more;
		}
		failed = st != WN_OK;
		if (in == NULL) {
			enum input_format f = (enum input_format)p->opt.from;

			if (f == INPUT_AUTO)
				f = input_sniff(p->chunk, got);
			if ((in = input_new(f, name, &p->in_opt)) == NULL)
				goto nomem;
		}
		p->own.bytes_in += got;
		if (ra != NULL)
			; /* pushed above */
		else if (buf != p->chunk)
			input_commit(in, got);
		else if (got > 0 && input_push(in, p->chunk, got) != WN_OK)
			goto nomem;
		if (!failed && (got == 0 || eof_pending)) {
			input_finish(in);
			done = 1;
			if (source_trailing_garbage(src)) {
				/* as gzip -d: what came before is kept */
				problem_msg(p, WN_EDATA, name,
				    "trailing garbage "
				    "after the compressed data: ignored");
			}
		}
		st = drain(p, in, name);
		if (st == WN_ENOMEM)
			goto nomem;
		if (failed) {
			/* every record read whole so far is kept; the one the
			 * error cut is not: it is not known to be whole */
			re.name = name;
			problem(p, rst == WN_EDATA ? WN_EDATA : WN_EIO, &re);
			if (input_pending(in) > 0) {
				char msg[96];

				snprintf(msg, sizeof(msg),
				    "the unfinished last "
				    "record (%zu bytes) was dropped",
				    input_pending(in));
				problem_msg(p,
				    rst == WN_EDATA ? WN_EDATA : WN_EIO, name,
				    msg);
			}
			break;
		}
		if (p->aborted)
			break;
		if (st != WN_AGAIN && st != WN_END) {
			fatal(p, st, name);
			break;
		}
		progress(p, name);
	}
	readahead_stop(ra);
	end_input(p, in);
	source_close(src);
	return;
nomem:
	fatal(p, WN_ENOMEM, name);
	readahead_stop(ra);
	end_input(p, in);
	source_close(src);
}

enum wn_status
wn_pipeline_file(struct wn_pipeline *p, const char *path)
{
	if (wn_pipeline_stopped(p) || p->finished)
		return p->finished ? WN_EUSAGE : p->status;
	run_input(p, path);
	return wn_pipeline_stopped(p) ?
	    (p->status != WN_OK ? p->status : WN_EIO) :
	    WN_OK;
}

/* --- inputs in memory -------------------------------------------- */

enum wn_status
wn_pipeline_begin(struct wn_pipeline *p, const char *name)
{
	if (p->finished || p->stream.name != NULL)
		return WN_EUSAGE;
	memset(&p->stream, 0, sizeof(p->stream));
	p->stream.name = name != NULL ? name : "input";
	p->own.inputs++;
	if (p->page != NULL && report_input(p->page, p->stream.name) != WN_OK) {
		fatal(p, WN_ENOMEM, p->stream.name);
		return WN_ENOMEM;
	}
	return WN_OK;
}

/* The reader of the stream, once its format is known (or forced). */
static enum wn_status
stream_reader(struct wn_pipeline *p)
{
	struct stream *s = &p->stream;
	enum input_format f = (enum input_format)p->opt.from;

	if (s->in != NULL)
		return WN_OK;
	if (f == INPUT_AUTO)
		f = input_sniff(s->sniff, s->nsniff);
	if ((s->in = input_new(f, s->name, &p->in_opt)) == NULL ||
	    input_push(s->in, s->sniff, s->nsniff) != WN_OK)
		return WN_ENOMEM;
	return WN_OK;
}

static enum wn_status
stream_drain(struct wn_pipeline *p)
{
	enum wn_status st = drain(p, p->stream.in, p->stream.name);

	if (st == WN_AGAIN || st == WN_END)
		return WN_OK;
	fatal(p, st, p->stream.name);
	return st;
}

enum wn_status
wn_pipeline_push(struct wn_pipeline *p, const void *data, size_t n)
{
	struct stream *s = &p->stream;
	const char *d = data;

	if (s->name == NULL || p->finished)
		return WN_EUSAGE;
	if (wn_pipeline_stopped(p))
		return p->status;
	p->own.bytes_in += n;
	if (s->in == NULL) {
		size_t k = WN_SNIFF_SIZE - s->nsniff;

		if (k > n)
			k = n;
		memcpy(s->sniff + s->nsniff, d, k);
		s->nsniff += k;
		d += k;
		n -= k;
		if (s->nsniff < WN_SNIFF_SIZE)
			return WN_OK;
		if (stream_reader(p) != WN_OK) {
			fatal(p, WN_ENOMEM, s->name);
			return WN_ENOMEM;
		}
	}
	if (n > 0 && input_push(s->in, d, n) != WN_OK) {
		fatal(p, WN_ENOMEM, s->name);
		return WN_ENOMEM;
	}
	return stream_drain(p);
}

enum wn_status
wn_pipeline_end(struct wn_pipeline *p)
{
	struct stream *s = &p->stream;
	enum wn_status st = WN_OK;

	if (s->name == NULL)
		return WN_EUSAGE;
	if (!wn_pipeline_stopped(p) && s->nsniff > 0 &&
	    stream_reader(p) != WN_OK) {
		fatal(p, WN_ENOMEM, s->name);
		st = WN_ENOMEM;
	}
	if (!wn_pipeline_stopped(p) && s->in != NULL) {
		input_finish(s->in);
		st = stream_drain(p);
		if (st == WN_OK && input_pending(s->in) > 0)
			problem_msg(p, WN_EDATA, s->name,
			    "the input ended "
			    "inside a record: dropped");
	}
	end_input(p, s->in);
	s->in = NULL;
	s->name = NULL;
	return wn_pipeline_stopped(p) ?
	    (p->status != WN_OK ? p->status : WN_EIO) :
	    st;
}

enum wn_status
wn_pipeline_document(struct wn_pipeline *p, const struct wn_document *d)
{
	struct record rec;
	struct wn_buf id = { NULL, 0, 0 };
	const char *name = p->stream.name != NULL ? p->stream.name : "document";
	enum wn_status st;

	if (p->finished)
		return WN_EUSAGE;
	if (wn_pipeline_stopped(p))
		return p->status;
	memset(&rec, 0, sizeof(rec));
	rec.number = ++p->stream.documents;
	rec.line = 1;
	if (d->html) {
		rec.format = INPUT_HTML;
		if (html_extract(d->text_len ? d->text : "", d->text_len, NULL,
		        &p->html) != WN_OK)
			goto nomem;
		html_to_record(&p->html, &rec);
		rec.url.p = p->html.canonical.data;
		rec.url.n = p->html.canonical.len;
	} else {
		rec.format = INPUT_TEXT;
		rec.text.p = d->text;
		rec.text.n = d->text_len;
		rec.titled = d->titled;
	}
	if (d->url != NULL) {
		rec.url.p = d->url;
		rec.url.n = d->url_len;
	}
	if (d->id != NULL) {
		rec.id.p = d->id;
		rec.id.n = d->id_len;
	} else {
		if (wn_buf_append(&id, name, strlen(name)) != WN_OK ||
		    wn_buf_putc(&id, ':') != WN_OK ||
		    wn_buf_put_u64(&id, rec.number) != WN_OK)
			goto nomem;
		rec.id.p = id.data;
		rec.id.n = id.len;
	}
	p->own.records_in++;
	p->own.bytes_in += d->text_len;
	st = take(p, &rec, name);
	wn_buf_free(&id);
	if (st != WN_OK)
		fatal(p, st, name);
	return st;
nomem:
	wn_buf_free(&id);
	fatal(p, WN_ENOMEM, name);
	return WN_ENOMEM;
}

/* --- the end ------------------------------------------------------ */

/* Stop the threads and free the batches. */
static void
stop_threads(struct wn_pipeline *p)
{
	size_t i, k;

	if (p->pool != NULL && p->inflight != NULL)
		pool_wait(p->pool);
	if (p->pool != NULL) /* what is left is compressed here */
		sink_share(p->out, NULL, NULL);
	pool_free(p->pool);
	p->pool = NULL;
	for (i = 0; p->worker != NULL && i < (size_t)p->opt.threads; i++)
		clean_worker_free(p->worker[i]);
	free(p->worker);
	p->worker = NULL;
	for (k = 0; k < 2; k++) {
		struct batch *b = &p->batches[k];

		for (i = 0; i < b->cap; i++) {
			wn_buf_free(&b->job[i].arena);
			clean_prep_free(b->job[i].prep);
		}
		free(b->job);
		memset(b, 0, sizeof(*b));
	}
}

/* A sink's end: report its error once. */
static void
close_sink(struct wn_pipeline *p, struct sink *s)
{
	struct wn_error e;

	memset(&e, 0, sizeof(e));
	if (s != NULL && sink_close(s, &e) != WN_OK) {
		if (!p->fatal)
			problem(p, WN_EIO, &e);
		else if (rank(WN_EIO) > rank(p->status))
			p->status = WN_EIO;
		p->fatal = 1;
	}
}

enum wn_status
wn_pipeline_flush(struct wn_pipeline *p)
{
	struct wn_error e;
	enum wn_status st;
	struct sink *s[4];
	int i;

	if (p->finished)
		return WN_EUSAGE;
	if (wn_pipeline_stopped(p))
		return p->status;
	if ((st = batch_flush(p)) != WN_OK) {
		fatal(p, st, NULL);
		return st;
	}
	s[0] = p->out;
	s[1] = p->explain;
	s[2] = p->rejects;
	s[3] = p->attributes_out;
	for (i = 0; i < 4; i++) {
		memset(&e, 0, sizeof(e));
		if (s[i] != NULL && (st = sink_flush(s[i], &e)) != WN_OK) {
			problem(p, st, &e);
			p->fatal = 1;
			return st;
		}
	}
	return WN_OK;
}

enum wn_status
wn_pipeline_finish(struct wn_pipeline *p)
{
	enum wn_status st;

	if (p->finished)
		return WN_OK;
	if (p->stream.name != NULL)
		wn_pipeline_end(p);
	/* what the threads hold: written, unless the output failed */
	if (p->pool != NULL && !p->fatal && (st = batch_flush(p)) != WN_OK)
		fatal(p, st, NULL);
	stop_threads(p);
	close_sink(p, p->out);
	close_sink(p, p->explain);
	close_sink(p, p->rejects);
	close_sink(p, p->attributes_out);
	p->finished = 1;
	return rank(p->status) >= rank(WN_EIO) ? p->status : WN_OK;
}

enum wn_status
wn_pipeline_status(const struct wn_pipeline *p)
{
	return p->status;
}

int
wn_pipeline_stopped(const struct wn_pipeline *p)
{
	return p->fatal || p->aborted;
}

const struct wn_stats *
wn_pipeline_stats(const struct wn_pipeline *pc)
{
	struct wn_pipeline *p = (struct wn_pipeline *)(uintptr_t)pc;
	const struct clean_counts *c = clean_counts(p->clean);
	struct wn_stats *s = &p->sum;

	*s = p->own;
	s->records_other = p->inputs_other;
	s->warc_resync = p->inputs_resync;
	s->records_no_field = p->inputs_no_field;
	s->attributes_unmapped =
	    p->attributes != NULL ? attributes_unmapped(p->attributes) : 0;
	s->warc_request = p->inputs_skip[INPUT_SKIP_REQUEST];
	s->warc_metadata = p->inputs_skip[INPUT_SKIP_METADATA];
	s->warc_revisit = p->inputs_skip[INPUT_SKIP_REVISIT];
	s->warc_warcinfo = p->inputs_skip[INPUT_SKIP_WARCINFO];
	s->warc_other_type = p->inputs_skip[INPUT_SKIP_OTHER_TYPE];
	s->warc_status = p->inputs_skip[INPUT_SKIP_STATUS];
	s->warc_not_text = p->inputs_skip[INPUT_SKIP_NOT_TEXT];
	s->warc_coding = p->inputs_skip[INPUT_SKIP_CODING];
	s->text_bytes_in = c->text_bytes_in;
	s->invalid_utf8 = c->invalid_utf8;
	s->entities = c->entities;
	s->controls = c->controls;
	s->paragraphs_in = c->paragraphs_in;
	s->paragraphs_out = c->paragraphs_out;
	s->paragraphs_repeat = c->paragraphs_repeat;
	s->paragraphs_duplicate = c->paragraphs_duplicate;
	s->paragraphs_near_repeat = c->paragraphs_near_repeat;
	s->paragraphs_near_duplicate = c->paragraphs_near_duplicate;
	s->paragraphs_boilerplate = c->paragraphs_boilerplate;
	s->paragraphs_template = c->paragraphs_template;
	s->paragraphs_unjudged = c->paragraphs_unjudged;
	s->paragraphs_short = c->paragraphs_short;
	s->paragraphs_short_kept = c->paragraphs_short_kept;
	s->documents_empty = c->documents_empty;
	s->documents_duplicate = c->documents_duplicate;
	s->documents_boilerplate = c->documents_boilerplate;
	s->documents_near_duplicate = c->documents_near_duplicate;
	s->documents_no_letters = c->documents_no_letters;
	s->fingerprints_evicted = clean_evicted(p->clean);
	s->seen_bytes = clean_seen_bytes(p->clean);
	s->seen_fingerprints = clean_seen_fingerprints(p->clean);
	s->fingerprint_bytes = clean_fingerprint_bytes(p->clean);
	s->bytes_out = p->out != NULL ? sink_bytes_in(p->out) : 0;
	s->bytes_written = p->out != NULL ? sink_bytes_out(p->out) : 0;
	return s;
}

char *
wn_pipeline_stats_json(const struct wn_pipeline *p, double seconds)
{
	struct wn_buf b = { NULL, 0, 0 };
	struct stats_run run;

	run.day = p->today;
	run.state = p->state_written ? &p->state_sum : NULL;
	if (stats_json(wn_pipeline_stats(p), seconds, &run, &b) != WN_OK ||
	    wn_buf_putc(&b, '\0') != WN_OK) {
		wn_buf_free(&b);
		return NULL;
	}
	return b.data;
}

/* --- the state session -------------------------------------------- */

/* Today, UTC, in days since 1970. */
static uint16_t
today(void)
{
	return (uint16_t)(time(NULL) / 86400);
}

/* --state: resolve, lock, stamp, load. */
static enum wn_status
open_state(struct wn_pipeline *p, struct wn_error *e)
{
	struct seen *set[STATE_NSETS];
	struct state_params sp;
	struct state_info info;
	enum wn_status st;
	int found;

	e->name = p->opt.state;
	if ((st = state_resolve(p->opt.state, &p->state, e)) != WN_OK)
		return st;
	if ((st = state_lock(p->state, p->opt.lock_timeout, &p->lock, e)) !=
	    WN_OK)
		return st;
	clean_state_sets(p->clean, set);
	clean_state_params(p->clean, &sp);
	if (clean_stamp(p->clean, p->today) != WN_OK)
		return wn_fail(e, WN_ENOMEM, "out of memory");
	st = state_load(
	    p->state, &sp, set, p->today, p->opt.max_age, &found, &info, e);
	if (st == WN_EDATA) {
		size_t n = strlen(e->msg);

		snprintf(e->msg + n, sizeof(e->msg) - n,
		    " (refused; use "
		    "another --state file, or remove this one to start "
		    "afresh)");
	}
	if (st != WN_OK) {
		state_unlock(p->lock);
		p->lock = -1;
	}
	return st;
}

/* --prior: load each FILE as seen (a scan takes only the host counts:
 * its keys and fingerprints must be its own). */
static enum wn_status
open_priors(struct wn_pipeline *p, struct wn_error *e)
{
	struct seen *set[STATE_NSETS];
	struct state_params sp;
	struct state_info info;
	enum wn_status st;
	size_t i;
	int found;

	clean_state_sets(p->clean, set);
	clean_state_params(p->clean, &sp);
	if (p->opt.scan != NULL)
		set[STATE_KEYS] = set[STATE_FINGERPRINTS] = NULL;
	for (i = 0; i < p->opt.nprior; i++) {
		e->name = p->opt.prior[i];
		st = state_load(p->opt.prior[i], &sp, set, p->today,
		    p->opt.max_age, &found, &info, e);
		if (st == WN_OK && !found)
			st = wn_fail(
			    e, WN_ENOINPUT, "No such file or directory");
		if (st != WN_OK)
			return st;
	}
	return WN_OK;
}

enum wn_status
wn_pipeline_save(struct wn_pipeline *p, struct wn_error *e)
{
	struct seen *set[STATE_NSETS];
	struct state_params sp;
	const char *path = p->opt.scan != NULL ? p->opt.scan : p->state;
	enum wn_status st;

	if (path == NULL || p->saved != NULL)
		return WN_OK;
	if (p->opt.scan != NULL)
		clean_scan_sets(p->clean, set);
	else
		clean_state_sets(p->clean, set);
	clean_state_params(p->clean, &sp);
	e->name = p->opt.scan != NULL ? p->opt.scan : p->opt.state;
	st = state_write(path, &sp, set, p->today,
	    p->opt.scan != NULL ? 0 : p->opt.max_age,
	    p->opt.scan != NULL ? 0 : STATE_LOCKED, &p->saved, e);
	if (st == WN_OK && p->opt.scan == NULL) {
		state_pending_summary(p->saved, &p->state_sum);
		p->state_written = 1;
	}
	return st;
}

enum wn_status
wn_pipeline_html_report(struct wn_pipeline *p, const struct wn_sink *out,
    double seconds, const char *command, struct wn_error *e)
{
	struct report_end x;
	struct sink *s = NULL;
	enum wn_status st;

	if (p->page == NULL || !p->finished)
		return wn_fail(e, WN_EUSAGE,
		    "no report was collected, or the run "
		    "is not finished");
	x.stats = wn_pipeline_stats(p);
	x.seconds = seconds;
	x.command = command;
	x.status = p->status;
	x.stopped = wn_pipeline_stopped(p);
	x.state = p->state_written ? &p->state_sum : NULL;
	x.origin_bytes = clean_origin_bytes(p->clean);
	if ((st = sink_new(out, 0, 0, &s, e)) != WN_OK)
		return st;
	st = report_write(p->page, &x, s, e);
	if (st == WN_OK)
		st = sink_close(s, e);
	sink_free(s);
	return st;
}

enum wn_status
wn_pipeline_commit(struct wn_pipeline *p, struct wn_error *e)
{
	struct state_pending *t = p->saved;

	if (t == NULL)
		return WN_OK;
	p->saved = NULL;
	e->name = p->opt.scan != NULL ? p->opt.scan : p->opt.state;
	return state_commit(t, e);
}

/* --- making and freeing ------------------------------------------- */

static enum wn_status
check_options(const struct wn_options *o, const struct wn_sinks *sinks,
    struct wn_error *e)
{
	if (o->text_field == NULL || o->id_field == NULL ||
	    *o->text_field == '\0' || *o->id_field == '\0')
		return wn_fail(e, WN_EUSAGE,
		    "a text and an id field are "
		    "needed");
	if (strcmp(o->text_field, o->id_field) == 0)
		return wn_fail(e, WN_EUSAGE,
		    "the text and id fields are the "
		    "same field '%s'",
		    o->text_field);
	if (o->html_field != NULL &&
	    (*o->html_field == '\0' || strcmp(o->html_field, o->id_field) == 0))
		return wn_fail(e, WN_EUSAGE,
		    "the HTML field must be named, and not be the id field");
	if (o->source != NULL && *o->source == '\0')
		return wn_fail(e, WN_EUSAGE, "an empty source name");
	if (o->max_record == 0 || o->max_record > UINT32_MAX)
		return wn_fail(e, WN_EUSAGE,
		    "the record size limit must be "
		    "1 to 4G - 1 bytes");
	if (o->zstd_window_log != 0 &&
	    (o->zstd_window_log < 10 || o->zstd_window_log > 31))
		return wn_fail(e, WN_EUSAGE,
		    "the zstd window log must be "
		    "10 to 31");
	if (o->threads < 1 || o->threads > 64)
		return wn_fail(e, WN_EUSAGE, "1 to 64 threads");
	if (o->nprior > WN_MAX_PRIOR)
		return wn_fail(e, WN_EUSAGE, "at most %d priors", WN_MAX_PRIOR);
	if (o->nprior > 0 && o->state != NULL)
		return wn_fail(e, WN_EUSAGE,
		    "a prior does not go with a "
		    "state");
	if (o->scan != NULL && o->state != NULL)
		return wn_fail(e, WN_EUSAGE,
		    "a scan does not go with a "
		    "state");
	if (o->scan == NULL && (sinks == NULL || sinks->records == NULL))
		return wn_fail(e, WN_EUSAGE, "no output for the records");
	if (o->tune != NULL) {
		char bad[64];

		if (boilerplate_tune(o->tune, NULL, bad, sizeof(bad)) != 0)
			return wn_fail(e, WN_EUSAGE,
			    "WINNOW_TUNE: unknown name "
			    "or bad value '%s'",
			    bad);
	}
	if (o->today >= 65535)
		return wn_fail(e, WN_EUSAGE, "the day is out of range");
	if (o->scan != NULL && o->html_report)
		return wn_fail(e, WN_EUSAGE,
		    "a scan writes no records: it makes no "
		    "report");
	return WN_OK;
}

enum wn_status
wn_pipeline_new(const struct wn_options *opt, const struct wn_sinks *sinks,
    const struct wn_report *report, struct wn_pipeline **out,
    struct wn_error *e)
{
	struct wn_pipeline *p;
	struct clean_options co;
	struct writer_options wo;
	enum wn_status st;
	int i;

	*out = NULL;
	if ((st = check_options(opt, sinks, e)) != WN_OK)
		return st;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return wn_fail(e, WN_ENOMEM, "out of memory");
	p->opt = *opt;
	p->lock = -1;
	if (report != NULL)
		p->report = *report;
	p->today = opt->today >= 0 ? (uint16_t)opt->today : today();
	p->in_opt.text_field = opt->text_field;
	p->in_opt.id_field = opt->id_field;
	p->in_opt.html_field = opt->html_field;
	p->in_opt.max_record = opt->max_record;
	p->in_opt.zstd_window_log = opt->zstd_window_log;
	p->in_opt.on_error_fail = opt->on_error_fail;
	p->in_opt.invalid_utf8 = (int)opt->invalid_utf8;
	p->src_opt.window_log_max = opt->zstd_window_log;
	clean_options_default(&co);
	co.near = opt->near;
	co.doc_near = opt->doc_near;
	co.shingle = opt->shingle;
	co.window = opt->window;
	co.memory = opt->memory;
	co.boilerplate = (enum boilerplate_mode)opt->boilerplate;
	co.lang = opt->lang;
	co.template_pages = opt->template_pages;
	co.tune = opt->tune;
	if ((p->clean = clean_new(&co)) == NULL) {
		st = wn_fail(e, WN_EUSAGE,
		    "bad cleaning options, or out of "
		    "memory");
		goto fail;
	}
	/* the state first: a locked or bad state must stop the run before
	 * any output is made */
	if (opt->state != NULL && (st = open_state(p, e)) != WN_OK)
		goto fail;
	e->name = NULL;
	if ((opt->nprior > 0 || opt->scan != NULL) && opt->state == NULL &&
	    clean_stamp(p->clean, p->today) != WN_OK)
		goto nomem;
	if (opt->scan != NULL && clean_scan(p->clean, opt->scan_hosts) != WN_OK)
		goto nomem;
	if (opt->nprior > 0 && (st = open_priors(p, e)) != WN_OK)
		goto fail;
	e->name = NULL;
	wo.format = opt->to == WN_TO_TEXT ? WRITER_TEXT : WRITER_JSONL;
	wo.text_field = opt->text_field;
	wo.id_field = opt->id_field;
	wo.source = opt->source;
	{
		/* dolma's "added": the day the run counts as */
		time_t t = (time_t)p->today * 86400;
		struct tm tm;

		if (gmtime_r(&t, &tm) == NULL ||
		    strftime(wo.added, sizeof(wo.added), "%Y-%m-%d", &tm) == 0)
			wo.added[0] = '\0';
	}
	if (writer_new(&wo, &p->writer) != WN_OK)
		goto nomem;
	if (opt->scan == NULL &&
	    (st = sink_new(sinks->records, opt->compress, opt->level, &p->out,
	         e)) != WN_OK)
		goto fail;
	if (opt->scan == NULL && sinks->explain != NULL &&
	    (st = sink_new(sinks->explain, 0, 0, &p->explain, e)) != WN_OK)
		goto fail;
	if (opt->scan == NULL && sinks->rejects != NULL &&
	    (st = sink_new(sinks->rejects, 0, 0, &p->rejects, e)) != WN_OK)
		goto fail;
	if (opt->scan == NULL && sinks->attributes != NULL &&
	    ((st = sink_new(sinks->attributes, 0, 0, &p->attributes_out, e)) !=
	            WN_OK ||
	        (p->attributes = attributes_new(opt->source)) == NULL)) {
		if (st == WN_OK)
			goto nomem;
		goto fail;
	}
	if (p->explain != NULL || p->rejects != NULL || p->attributes != NULL)
		clean_explain(p->clean, 1);
	if (opt->html_report &&
	    ((p->page = report_new(opt, p->today)) == NULL ||
	        clean_origins(p->clean) != WN_OK))
		goto nomem;
	if ((p->chunk = malloc(WN_READ_SIZE)) == NULL)
		goto nomem;
	if (opt->threads > 1) {
		if ((p->worker = calloc(
		         (size_t)opt->threads, sizeof(*p->worker))) == NULL)
			goto nomem;
		for (i = 0; i < opt->threads; i++)
			if ((p->worker[i] = clean_worker_new()) == NULL)
				goto nomem;
		if ((p->pool = pool_new(opt->threads - 1, prepare_job, p)) ==
		    NULL) {
			st = wn_fail(e, WN_EIO,
			    "cannot start %d threads; try "
			    "--threads=1",
			    opt->threads - 1);
			goto fail;
		}
		p->filling = &p->batches[0];
		/* the pool's threads compress too, between jobs: one thread
		 * fewer to share the processors with */
		sink_share(p->out, spawn_on_pool, p->pool);
	}
	*out = p;
	return WN_OK;
nomem:
	st = wn_fail(e, WN_ENOMEM, "out of memory");
fail:
	wn_pipeline_free(p);
	return st;
}

void
wn_pipeline_free(struct wn_pipeline *p)
{
	if (p == NULL)
		return;
	if (p->stream.name != NULL)
		end_input(p, p->stream.in);
	stop_threads(p);
	sink_free(p->out);
	sink_free(p->explain);
	sink_free(p->rejects);
	sink_free(p->attributes_out);
	attributes_free(p->attributes);
	writer_free(p->writer);
	report_free(p->page);
	state_discard(p->saved);
	state_unlock(p->lock);
	free(p->state);
	clean_free(p->clean);
	clean_doc_free(&p->doc);
	html_doc_free(&p->html);
	wn_buf_free(&p->title);
	free(p->chunk);
	free(p);
}

/* --- state files -------------------------------------------------- */

const char *
wn_state_set_name(int i)
{
	return i >= 0 && i < STATE_NSETS ? state_set_name[i] : "";
}

const char *
wn_state_age_name(int k)
{
	static const char *const age[STATE_AGES] = { "today", "1 day", "2-7",
		"8-30", "31-90", "91-365", "older" };

	return k >= 0 && k < STATE_AGES ? age[k] : "";
}

enum wn_status
wn_state_info(const char *path, uint16_t day, struct wn_state_info *info,
    struct wn_error *e)
{
	uint64_t hist[STATE_NSETS][STATE_AGES];
	struct state_info si;
	enum wn_status st;
	int i, k;

	memset(info, 0, sizeof(*info));
	e->name = path;
	if ((st = state_inspect(path, day, &si, hist, e)) != WN_OK)
		return st;
	info->version = si.version;
	info->seed = si.p.seed;
	info->normalize_version = si.p.normalize_version;
	info->shingle = si.p.shingle;
	info->window = si.p.window;
	info->day = si.day;
	info->written = si.written;
	info->bytes = si.bytes;
	for (i = 0; i < STATE_NSETS; i++) {
		info->count[i] = si.count[i];
		for (k = 0; k < STATE_AGES; k++)
			info->age[i][k] = hist[i][k];
	}
	return WN_OK;
}

static void
free_sets(struct seen *set[STATE_NSETS])
{
	int i;

	for (i = 0; i < STATE_NSETS; i++) {
		seen_free(set[i]);
		set[i] = NULL;
	}
}

enum wn_status
wn_state_merge(const char *out, const char *const *in, size_t n, uint16_t day,
    unsigned max_age, size_t memory, struct wn_error *e)
{
	struct seen *set[STATE_NSETS] = { NULL };
	struct state_params p;
	struct state_info info;
	char *real = NULL;
	enum wn_status st;
	size_t i;
	int lock = -1, found;

	e->name = out;
	if ((st = state_resolve(out, &real, e)) != WN_OK ||
	    (st = state_lock(real, 0, &lock, e)) != WN_OK)
		goto done;
	for (i = 0; i < n; i++) {
		e->name = in[i];
		if (set[0] == NULL) {
			/* the first state gives the parameters, the others
			 * must have them too */
			uint64_t hist[STATE_NSETS][STATE_AGES];

			if ((st = state_inspect(in[i], day, &info, hist, e)) !=
			    WN_OK)
				goto done;
			p = info.p;
			if (state_sets_new(memory, day, set) != 0) {
				st = wn_fail(e, WN_ENOMEM, "out of memory");
				goto done;
			}
		}
		st = state_load(strcmp(in[i], out) == 0 ? real : in[i], &p, set,
		    day, max_age, &found, &info, e);
		if (st == WN_OK && !found)
			st = wn_fail(
			    e, WN_ENOINPUT, "No such file or directory");
		if (st != WN_OK)
			goto done;
	}
	e->name = out;
	if (n == 0)
		st = wn_fail(e, WN_EUSAGE, "no state to merge");
	else
		st = state_save(real, &p, set, day, max_age, STATE_LOCKED, e);
done:
	free_sets(set);
	state_unlock(lock);
	free(real);
	return st;
}

enum wn_status
wn_state_upgrade(
    const char *path, uint16_t day, int *upgraded, struct wn_error *e)
{
	struct seen *set[STATE_NSETS] = { NULL };
	struct state_params p;
	char *real = NULL;
	enum wn_status st;
	int lock = -1;

	*upgraded = 0;
	e->name = path;
	if ((st = state_resolve(path, &real, e)) != WN_OK ||
	    (st = state_lock(real, 0, &lock, e)) != WN_OK)
		goto done;
	if (state_sets_new(0, day, set) != 0) {
		st = wn_fail(e, WN_ENOMEM, "out of memory");
		goto done;
	}
	st = state_upgrade(real, set, day, &p, upgraded, e);
done:
	free_sets(set);
	state_unlock(lock);
	free(real);
	return st;
}

enum wn_status
wn_shard_merge(const struct wn_shard_merge_options *o, const char *const *scan,
    size_t n, struct wn_error *e)
{
	struct shard_merge_options so;

	so.state = o->state;
	so.next = o->next;
	so.suffix = o->suffix;
	so.today = o->today;
	so.max_age = o->max_age;
	so.part = o->part;
	so.parts = o->parts;
	return shard_merge(&so, scan, n, e);
}
