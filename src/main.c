/*
 * main.c - winnow: read records, clean them, write them.
 *
 * The whole pipeline is run_input() below: source (decompress) -> input
 * (records) -> clean (normalize, paragraphs, duplicates) -> writer.
 * Everything but the command line, messages and exit codes lives in
 * libwinnow.a.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "clean.h"
#include "exitcode.h"
#include "input.h"
#include "json.h"
#include "pool.h"
#include "source.h"
#include "shard.h"
#include "state.h"
#include "utf8.h"
#include "stats.h"
#include "writer.h"

/* 256 KiB, the size of one source read (source.c). */
#define CHUNK_SIZE (256 * 1024)
/* Bytes the format is sniffed from: a doctype after a BOM and blank
 * lines, "WARC/1.", a first '{' after white space. */
#define SNIFF_BYTES 4096

/* A record copied out of its reader, and what clean_prepare() made of
 * it. */
struct job {
	struct record rec;		/* its spans point into arena */
	struct wn_buf arena;
	struct boilerplate_hint *hint;
	size_t hint_cap;
	struct boilerplate_box *box;
	size_t box_cap;
	struct clean_input ci;
	struct clean_prep *prep;
	const char *name;		/* its input's name (argv or "stdin") */
	enum wn_status st;		/* of clean_prepare() */
};

struct batch {
	struct job *job;
	size_t n, cap;
	size_t bytes;			/* text in it */
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

struct run {
	const struct args *args;
	struct clean *clean;
	struct clean_doc doc;
	struct writer *writer;
	struct wn_stats stats;
	char *chunk;
	int status;		/* exit status so far */
	int fatal;		/* output failed: stop */
	FILE *explain;
	FILE *rejects;
	struct wn_buf explain_buf;
	double start;
	double last_progress;
	int progress_shown;
	int lock;		/* --state: the lock's fd, or -1 */
	int aborted;		/* a bad record stopped the run */
	uint16_t today;		/* days since 1970 */
	/* --threads > 1: records are copied into a batch; while the pool's
	 * threads (and this one, when it is free) prepare one batch, this
	 * thread decides and writes the one before, in input order */
	struct pool *pool;
	struct clean_worker **worker;	/* one per thread, 0 this one */
	struct batch *filling;		/* being read into */
	struct batch *inflight;		/* being prepared, or NULL */
	struct batch batches[2];
};



static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Keep the most severe status: I/O over missing input over bad data. */
static void
set_status(struct run *r, int status)
{
	static const int rank[] = { EX_OK, EX_DATAERR, EX_NOINPUT,
	    EX_CANTCREAT, EX_IOERR };
	int a = 0, b = 0;
	size_t i;

	for (i = 0; i < sizeof(rank) / sizeof(rank[0]); i++) {
		if (rank[i] == r->status)
			a = (int)i;
		if (rank[i] == status)
			b = (int)i;
	}
	if (b > a)
		r->status = status;
}

static void
clear_progress(struct run *r)
{
	if (r->progress_shown) {
		fputs("\r\033[K", stderr);
		r->progress_shown = 0;
	}
}

/* "winnow: NAME:LINE: message" (LINE left out when unknown). */
static void
message(struct run *r, const char *name, const struct wn_error *e)
{
	clear_progress(r);
	if (name != NULL && e->line > 0)
		fprintf(stderr, "winnow: %s:%llu: %s\n", name,
		    (unsigned long long)e->line, e->msg);
	else if (name != NULL)
		fprintf(stderr, "winnow: %s: %s\n", name, e->msg);
	else
		fprintf(stderr, "winnow: %s\n", e->msg);
}

static void
progress(struct run *r, const char *name)
{
	double t = now(), mb;

	if (r->args->progress == 0 ||
	    (r->args->progress < 0 && !isatty(STDERR_FILENO)))
		return;
	if (t - r->last_progress < 0.5)
		return;
	r->last_progress = t;
	mb = r->stats.bytes_in / 1e6;
	fprintf(stderr, "\r\033[Kwinnow: %s: %.1f MB read, %llu documents, "
	    "%llu kept, %.1f MB/s", name, mb,
	    (unsigned long long)r->stats.records_in,
	    (unsigned long long)r->stats.records_out,
	    t > r->start ? mb / (t - r->start) : 0.0);
	r->progress_shown = 1;
}

static const char *const role_name[] = {
	"", "chrome", "heading", "item", "caption"
};

/* Write b to f; -1 on error. */
static int
put(FILE *f, const struct wn_buf *b)
{
	return fwrite(b->data, 1, b->len, f) == b->len ? 0 : -1;
}

/* The record's id as JSON: a JSON Lines record's own value as it is (so
 * that --explain and --rejects join with the output), any other id as a
 * string. */
static enum wn_status
put_id(const struct record *rec, struct wn_buf *b)
{
	if (rec->format == INPUT_JSONL && rec->id.p != NULL)
		return wn_buf_append(b, rec->id.p, rec->id.n);
	return json_string_encode(rec->id.p ? rec->id.p : "", rec->id.n, b);
}

/* --explain: one JSON line per paragraph of the document, with every
 * feature; --rejects: one per removed paragraph, with its reason. */
static int
explain(struct run *r, const struct record *rec)
{
	const struct clean_doc *d = &r->doc;
	struct wn_buf *b = &r->explain_buf;
	size_t i;

	for (i = 0; i < d->ninfo; i++) {
		const struct clean_paragraph_info *p = &d->info[i];
		const struct boilerplate_para *f = &p->bp;
		const char *reason = p->reason < 0 ? "" :
		    clean_reason_name[p->reason];
		const char *rule = boilerplate_rule_name[f->rule];
		char num[768];
		int n;

		if (r->explain != NULL) {
			b->len = 0;
			n = snprintf(num, sizeof(num), ",\"paragraph\":%zu,"
			    "\"decision\":\"%s\",\"reason\":\"%s\","
			    "\"rule\":\"%s\",\"lang\":\"%s\",\"words\":%zu,"
			    "\"chars\":%u,\"stop_density\":%.3f,"
			    "\"prose\":%s,\"score\":%.1f,"
			    "\"ends_sentence\":%s,\"list\":%s,"
			    "\"placeholder\":%s,\"comments_heading\":%s,"
			    "\"credit\":%s,\"repeated\":%s,\"site_template\":%s,"
			    "\"phrase\":\"%s\",\"role\":\"%s\","
			    "\"link_density\":%.3f,"
			    "\"fingerprints\":%zu,\"matched\":%zu,"
			    "\"overlap\":%.3f,\"document_dropped\":%s,"
			    "\"text\":", i + 1,
			    p->reason < 0 ? "kept" : "removed", reason, rule,
			    boilerplate_lang_name(d->lang), p->words, f->chars,
			    f->stop_density, f->prose ? "true" : "false",
			    f->score, f->ends_sentence ? "true" : "false",
			    f->list ? "true" : "false",
			    f->placeholder ? "true" : "false",
			    f->comments ? "true" : "false",
			    f->credit ? "true" : "false",
			    f->repeated ? "true" : "false",
			    f->is_template ? "true" : "false",
			    boilerplate_phrase(f->phrase), role_name[f->role],
			    f->link_density, p->fingerprints, p->matched,
			    p->fingerprints ? (double)p->matched /
			    (double)p->fingerprints : 0.0,
			    d->dropped ? "true" : "false");
			if (n < 0 || (size_t)n >= sizeof(num) ||
			    wn_buf_append(b, "{\"id\":", 6) != WN_OK ||
			    put_id(rec, b) != WN_OK ||
			    wn_buf_append(b, num, (size_t)n) != WN_OK ||
			    json_string_encode(d->explain_text.data + p->off,
			    p->len, b) || wn_buf_append(b, "}\n", 2) != WN_OK ||
			    put(r->explain, b) != 0)
				return -1;
		}
		if (r->rejects != NULL && p->reason >= 0) {
			b->len = 0;
			n = snprintf(num, sizeof(num), ",\"paragraph\":%zu,"
			    "\"reason\":\"%s\",\"rule\":\"%s\",\"text\":",
			    i + 1, reason, p->reason == CLEAN_BOILERPLATE ?
			    rule : "");
			if (n < 0 || (size_t)n >= sizeof(num) ||
			    wn_buf_append(b, "{\"id\":", 6) != WN_OK ||
			    put_id(rec, b) != WN_OK ||
			    wn_buf_append(b, num, (size_t)n) != WN_OK ||
			    json_string_encode(d->explain_text.data + p->off,
			    p->len, b) || wn_buf_append(b, "}\n", 2) != WN_OK ||
			    put(r->rejects, b) != 0)
				return -1;
		}
	}
	return 0;
}

/* --on-error=fail, --invalid-utf8=fail: stop reading; what was written
 * stays, the state is not updated. */
static enum wn_status
abort_run(struct run *r, const char *name)
{
	struct wn_error e;

	memset(&e, 0, sizeof(e));
	snprintf(e.msg, sizeof(e.msg), "stopping at the first bad record "
	    "(--on-error=fail or --invalid-utf8=fail)");
	message(r, name, &e);
	r->aborted = 1;
	return WN_END;
}

/* Clean one record, explain it and write it (in input order). */
static enum wn_status
decide(struct run *r, const struct record *rec, const struct clean_input *ci,
    struct clean_prep *prep, const char *name)
{
	struct wn_error e;
	enum wn_status st;

	memset(&e, 0, sizeof(e));
	st = prep != NULL ? clean_decide(r->clean, prep, ci, &r->doc, &r->stats) :
	    clean_document(r->clean, ci, &r->doc, &r->stats);
	if (st != WN_OK)
		return WN_ENOMEM;
	if ((r->explain != NULL || r->rejects != NULL) &&
	    explain(r, rec) != 0) {
		snprintf(e.msg, sizeof(e.msg), "write error: %s",
		    strerror(errno));
		message(r, r->explain != NULL && ferror(r->explain) ?
		    r->args->explain : r->args->rejects, &e);
		return WN_EIO;
	}
	st = r->writer == NULL ? WN_OK :
	    writer_record(r->writer, rec, name, &r->doc, &e);
	if (st != WN_OK) {
		message(r, NULL, &e);
		return st;
	}
	if (!r->doc.dropped) {
		r->stats.records_out++;
		r->stats.text_bytes_out += r->doc.text.len;
	}
	return WN_OK;
}

/* writer_spawn_fn: the writer's compression, on a thread of the pool. */
static void
spawn_on_pool(void *ctx, void (*fn)(void *), void *arg)
{
	pool_task(ctx, fn, arg);
}

/* pool_fn: prepare job i of the batch in flight. */
static void
prepare_job(void *ctx, int t, size_t i)
{
	struct run *r = ctx;
	struct job *j = &r->inflight->job[i];

	j->st = clean_prepare(r->clean, r->worker[t], &j->ci, j->prep);
}

static struct wn_span
copy_span(struct wn_buf *arena, struct wn_span x)
{
	struct wn_span y = { NULL, x.n };

	if (x.p != NULL) {
		y.p = arena->data + arena->len;
		memcpy(arena->data + arena->len, x.p, x.n);
		arena->len += x.n;
	}
	return y;
}

static const struct boilerplate_hint no_hint;
static struct boilerplate_box no_box;

/* Copy rec into the filling batch. */
static enum wn_status
batch_add(struct run *r, const struct record *rec, const char *name)
{
	struct batch *b = r->filling;
	struct job *j;
	size_t total;

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
	total = rec->text.n + rec->id.n + rec->url.n + rec->date.n +
	    rec->lang.n + rec->json.n + rec->title.n;
	j->arena.len = 0;
	if (wn_buf_reserve(&j->arena, total + 1) != WN_OK ||
	    (rec->lines > 0 && wn_grow(&j->hint, &j->hint_cap, rec->lines,
	    sizeof(*j->hint)) != WN_OK) ||
	    (rec->nbox > 0 && wn_grow(&j->box, &j->box_cap, rec->nbox,
	    sizeof(*j->box)) != WN_OK))
		return WN_ENOMEM;
	j->rec = *rec;
	j->rec.text = copy_span(&j->arena, rec->text);
	j->rec.id = copy_span(&j->arena, rec->id);
	j->rec.url = copy_span(&j->arena, rec->url);
	j->rec.date = copy_span(&j->arena, rec->date);
	j->rec.lang = copy_span(&j->arena, rec->lang);
	if (rec->json.p != NULL && rec->text_value.type == JSON_STRING &&
	    rec->text_value.off <= rec->text_value.end &&
	    rec->text_value.end <= rec->json.n) {
		/* the line around its text value, which the writer replaces
		 * and never reads: half of a JSONL record's bytes, not
		 * copied (the gap keeps its room, so offsets hold) */
		const struct json_value *v = &rec->text_value;

		j->rec.json.p = j->arena.data + j->arena.len;
		j->rec.json.n = rec->json.n;
		memcpy(j->arena.data + j->arena.len, rec->json.p, v->off);
		memcpy(j->arena.data + j->arena.len + v->end,
		    rec->json.p + v->end, rec->json.n - v->end);
		j->arena.len += rec->json.n;
	} else {
		j->rec.json = copy_span(&j->arena, rec->json);
	}
	j->rec.title = copy_span(&j->arena, rec->title);
	/* an HTML page without blocks keeps a hint array (it says "HTML"),
	 * but not the reader's */
	if (rec->hint != NULL) {
		if (rec->lines > 0)
			memcpy(j->hint, rec->hint, rec->lines *
			    sizeof(*j->hint));
		j->rec.hint = rec->lines > 0 ? j->hint : &no_hint;
	}
	if (rec->box != NULL) {
		if (rec->nbox > 0)
			memcpy(j->box, rec->box, rec->nbox * sizeof(*j->box));
		j->rec.box = rec->nbox > 0 ? j->box : &no_box;
	}
	clean_input_of(&j->ci, &j->rec);
	j->name = name;
	b->n++;
	b->bytes += rec->text.n;
	return WN_OK;
}

/* Decide and write every job of b, in order. */
static enum wn_status
batch_decide(struct run *r, struct batch *b)
{
	enum wn_status st = WN_OK;
	size_t i;

	for (i = 0; i < b->n; i++) {
		struct job *j = &b->job[i];

		if (st == WN_OK)
			st = j->st != WN_OK ? WN_ENOMEM : decide(r, &j->rec,
			    &j->ci, j->prep, j->name);
		if (j->arena.cap > KEEP_BYTES)
			wn_buf_free(&j->arena);
		if (j->hint_cap * sizeof(*j->hint) > KEEP_BYTES) {
			free(j->hint);
			j->hint = NULL;
			j->hint_cap = 0;
		}
		if (j->box_cap * sizeof(*j->box) > KEEP_BYTES) {
			free(j->box);
			j->box = NULL;
			j->box_cap = 0;
		}
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
batch_step(struct run *r)
{
	struct batch *ready = r->inflight;
	enum wn_status st = WN_OK;

	if (ready != NULL)
		pool_wait(r->pool);
	r->inflight = r->filling;
	pool_start(r->pool, r->inflight->n);
	if (ready != NULL) {
		st = batch_decide(r, ready);
		r->filling = ready;
	} else {
		r->filling = r->filling == &r->batches[0] ? &r->batches[1] :
		    &r->batches[0];
	}
	return st;
}

/* Decide and write everything read so far. */
static enum wn_status
batch_flush(struct run *r)
{
	enum wn_status st = WN_OK;

	if (r->pool == NULL)
		return WN_OK;
	if (r->filling->n > 0)
		st = batch_step(r);
	if (r->inflight != NULL) {
		pool_wait(r->pool);
		if (st == WN_OK)
			st = batch_decide(r, r->inflight);
		r->inflight->n = 0;
		r->inflight->bytes = 0;
		r->filling = r->inflight;
		r->inflight = NULL;
	}
	return st;
}

/* A record read whole: into a batch, or (one thread, or a big record)
 * cleaned now. */
static enum wn_status
take(struct run *r, const struct record *rec, const char *name)
{
	struct clean_input ci;
	enum wn_status st;

	if (r->pool != NULL && rec->text.n + rec->json.n <= BIG_RECORD) {
		if (batch_add(r, rec, name) != WN_OK)
			return WN_ENOMEM;
		if (r->filling->n >= BATCH_RECORDS ||
		    r->filling->bytes >= BATCH_BYTES)
			return batch_step(r);
		return WN_OK;
	}
	if ((st = batch_flush(r)) != WN_OK)
		return st;
	clean_input_of(&ci, rec);
	return decide(r, rec, &ci, NULL, name);
}

/* Pull every complete record out of in.  Returns WN_AGAIN or WN_END, or
 * an error that stops the run (out of memory, output failed). */
static enum wn_status
drain(struct run *r, struct input *in, const char *name)
{
	struct record rec;
	struct wn_error e;
	enum wn_status st;

	for (;;) {
		memset(&e, 0, sizeof(e));
		st = input_next(in, &rec, &e);
		if (st == WN_EDATA) {
			message(r, name, &e);
			r->stats.records_bad++;
			set_status(r, EX_DATAERR);
			if (r->args->on_error_fail)
				return abort_run(r, name);
			continue;
		}
		if (st != WN_OK)
			return st;
		r->stats.records_in++;
		if (r->args->invalid_utf8 && (rec.bad_escapes > 0 ||
		    utf8_valid_prefix(rec.text.p, rec.text.n) != rec.text.n)) {
			e.line = rec.line;
			snprintf(e.msg, sizeof(e.msg), "record %llu: %s%s",
			    (unsigned long long)rec.number, rec.bad_escapes ?
			    "a lone surrogate escape in the text" :
			    "invalid UTF-8 in the text",
			    r->args->invalid_utf8 == 1 ?
			    ": skipped (--invalid-utf8=skip)" :
			    " (--invalid-utf8=fail)");
			message(r, name, &e);
			r->stats.records_bad++;
			set_status(r, EX_DATAERR);
			if (r->args->invalid_utf8 == 2)
				return abort_run(r, name);
			continue;
		}
		if ((st = take(r, &rec, name)) != WN_OK)
			return st;
	}
}

/* Read one input through the pipeline. */
static void
run_input(struct run *r, const char *path)
{
	const char *name = strcmp(path, "-") == 0 ? "stdin" : path;
	struct source *src = NULL;
	struct input *in = NULL;
	struct wn_error e;
	enum wn_status st;
	size_t got;
	int done = 0, eof_pending = 0, failed;
	struct wn_error re;	/* a read's error */
	enum wn_status rst;

	memset(&e, 0, sizeof(e));
	if ((st = source_open(path, &r->args->src, &src, &e)) != WN_OK) {
		message(r, name, &e);
		set_status(r, st == WN_ENOINPUT ? EX_NOINPUT : st == WN_EDATA ?
		    EX_DATAERR : EX_IOERR);
		if (st == WN_EDATA)
			r->stats.records_bad++;
		return;
	}
	r->stats.inputs++;
	while (!done) {
		/* once the format is known, read into the reader's buffer */
		char *buf = r->chunk;

		memset(&re, 0, sizeof(re));
		if (in != NULL && input_space(in, CHUNK_SIZE, &buf) != WN_OK)
			goto nomem;
		/* the format is sniffed from the first SNIFF_BYTES (or all
		 * there is), however few bytes the first read brought; only
		 * they are read into the chunk and copied, the rest straight
		 * into the reader's buffer (a page is often one read) */
		st = rst = source_read(src, buf, in == NULL ? SNIFF_BYTES :
		    CHUNK_SIZE, &got, &re);
		while (st == WN_OK && in == NULL && got > 0 &&
		    got < SNIFF_BYTES) {
			size_t more;

			st = rst = source_read(src, r->chunk + got,
			    SNIFF_BYTES - got, &more, &re);
			if (st != WN_OK || more == 0) {
				if (st == WN_OK)
					eof_pending = 1;
				break;
			}
			got += more;
		}
		failed = st != WN_OK;
		if (in == NULL) {
			enum input_format f = r->args->from;

			if (f == INPUT_AUTO)
				f = input_sniff(r->chunk, got);
			if ((in = input_new(f, name, &r->args->in)) == NULL)
				goto nomem;
		}
		r->stats.bytes_in += got;
		if (buf != r->chunk)
			input_commit(in, got);
		else if (got > 0 && input_push(in, r->chunk, got) != WN_OK)
			goto nomem;
		if (!failed && (got == 0 || eof_pending)) {
			input_finish(in);
			done = 1;
			if (source_trailing_garbage(src)) {
				/* as gzip -d: what came before is kept */
				snprintf(re.msg, sizeof(re.msg), "trailing "
				    "garbage after the compressed data: "
				    "ignored");
				re.line = 0;
				message(r, name, &re);
				set_status(r, EX_DATAERR);
			}
		}
		st = drain(r, in, name);
		if (st == WN_ENOMEM)
			goto nomem;
		if (failed) {
			/* every record read whole so far is kept; the one the
			 * error cut is not: it is not known to be whole */
			message(r, name, &re);
			set_status(r, rst == WN_EDATA ? EX_DATAERR : EX_IOERR);
			if (input_pending(in) > 0) {
				snprintf(re.msg, sizeof(re.msg), "the unfinished "
				    "last record (%zu bytes) was dropped",
				    input_pending(in));
				re.line = 0;
				message(r, name, &re);
			}
			break;
		}
		if (r->aborted)
			break;
		if (st != WN_AGAIN && st != WN_END) {
			r->fatal = 1;
			set_status(r, EX_IOERR);
			break;
		}
		progress(r, name);
	}
	if (in != NULL) {
		r->stats.records_other += input_records_other(in);
		r->stats.warc_resync += input_resyncs(in);
	}
	input_free(in);
	source_close(src);
	return;
nomem:
	snprintf(e.msg, sizeof(e.msg), "out of memory");
	e.line = 0;
	message(r, name, &e);
	set_status(r, EX_IOERR);
	r->fatal = 1;
	input_free(in);
	source_close(src);
}

static int
write_stats(struct run *r)
{
	struct wn_buf b = { NULL, 0, 0 };
	FILE *f = stderr;
	int ok;

	if (stats_json(&r->stats, now() - r->start, &b) != WN_OK ||
	    wn_buf_putc(&b, '\n') != WN_OK) {
		wn_buf_free(&b);
		return EX_IOERR;
	}
	if (r->args->stats_path != NULL &&
	    strcmp(r->args->stats_path, "-") != 0 &&
	    (f = fopen(r->args->stats_path, "w")) == NULL) {
		fprintf(stderr, "winnow: %s: %s\n", r->args->stats_path,
		    strerror(errno));
		wn_buf_free(&b);
		return EX_CANTCREAT;
	}
	ok = fwrite(b.data, 1, b.len, f) == b.len;
	if (f != stderr)
		ok = (fclose(f) == 0) && ok;
	wn_buf_free(&b);
	if (!ok) {
		fprintf(stderr, "winnow: %s: write error\n",
		    r->args->stats_path ? r->args->stats_path : "stderr");
		return EX_IOERR;
	}
	return EX_OK;
}

/* Today, UTC, in days since 1970. */
static uint16_t
today(void)
{
	return (uint16_t)(time(NULL) / 86400);
}

static int
exit_code(enum wn_status st)
{
	switch (st) {
	case WN_OK:
		return EX_OK;
	case WN_EDATA:
		return EX_DATAERR;
	case WN_ENOINPUT:
		return EX_NOINPUT;
	case WN_ECREATE:
		return EX_CANTCREAT;
	case WN_ELOCKED:
		return EX_TEMPFAIL;
	case WN_EUSAGE:
		return EX_USAGE;
	default:
		return EX_IOERR;
	}
}

/* --state: lock, stamp, load.  Returns an exit code. */
static int
open_state(struct run *r)
{
	const struct args *a = r->args;
	struct seen *set[STATE_NSETS];
	struct state_params p;
	struct state_info info;
	struct wn_error e;
	enum wn_status st;
	int found;

	memset(&e, 0, sizeof(e));
	if ((st = state_lock(a->state, a->lock_timeout, &r->lock, &e)) !=
	    WN_OK) {
		fprintf(stderr, "winnow: %s: %s\n", a->state, e.msg);
		return exit_code(st);
	}
	clean_state_sets(r->clean, set);
	clean_state_params(r->clean, &p);
	if (clean_stamp(r->clean, r->today) != WN_OK) {
		fprintf(stderr, "winnow: out of memory\n");
		return EX_IOERR;
	}
	st = state_load(a->state, &p, set, r->today, a->max_age, &found,
	    &info, &e);
	if (st != WN_OK) {
		fprintf(stderr, "winnow: %s: %s%s\n", a->state, e.msg,
		    st == WN_EDATA ? " (refused; use another --state file, "
		    "or remove this one to start afresh)" : "");
		state_unlock(r->lock);
		r->lock = -1;
		return exit_code(st);
	}
	return EX_OK;
}

/* --prior: load each FILE as seen (a scan takes only the host counts:
 * its keys and fingerprints must be its own). */
static int
open_priors(struct run *r)
{
	const struct args *a = r->args;
	struct seen *set[STATE_NSETS];
	struct state_params p;
	struct state_info info;
	struct wn_error e;
	enum wn_status st;
	int i, found;

	clean_state_sets(r->clean, set);
	clean_state_params(r->clean, &p);
	if (a->scan != NULL)
		set[STATE_KEYS] = set[STATE_FINGERPRINTS] = NULL;
	for (i = 0; i < a->nprior; i++) {
		memset(&e, 0, sizeof(e));
		st = state_load(a->prior[i], &p, set, r->today, a->max_age,
		    &found, &info, &e);
		if (st == WN_OK && !found)
			st = wn_fail(&e, WN_ENOINPUT, "No such file or directory");
		if (st != WN_OK) {
			fprintf(stderr, "winnow: %s: %s\n", a->prior[i], e.msg);
			return exit_code(st);
		}
	}
	return EX_OK;
}

/* --scan, --scan-hosts: write what the run saw. */
static void
write_scan(struct run *r)
{
	struct seen *set[STATE_NSETS];
	struct state_params p;
	struct wn_error e;

	memset(&e, 0, sizeof(e));
	clean_scan_sets(r->clean, set);
	clean_state_params(r->clean, &p);
	if (state_save(r->args->scan, &p, set, r->today, 0, 0, &e) != WN_OK) {
		fprintf(stderr, "winnow: %s: %s\n", r->args->scan, e.msg);
		set_status(r, EX_IOERR);
	}
}

/* --state: write the updated state. */
static void
commit_state(struct run *r)
{
	struct seen *set[STATE_NSETS];
	struct state_params p;
	struct wn_error e;
	sigset_t block, old;

	memset(&e, 0, sizeof(e));
	clean_state_sets(r->clean, set);
	clean_state_params(r->clean, &p);
	/* an interrupt waits for the rename: the state is old or new */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	if (state_save(r->args->state, &p, set, r->today, r->args->max_age,
	    STATE_LOCKED, &e) != WN_OK) {
		fprintf(stderr, "winnow: %s: %s; the old state is kept\n",
		    r->args->state, e.msg);
		set_status(r, EX_IOERR);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* A subcommand's --date value in days since 1970; exits 64 when bad. */
static long
subcommand_date(const char *v, void (*usage)(int))
{
	long day = args_parse_date(v);

	if (day < 0) {
		fprintf(stderr, "winnow: invalid value '%s' for --date: "
		    "expected a date such as 2026-11-23\n", v);
		usage(EX_USAGE);
	}
	return day;
}

static void
state_usage(int status)
{
	FILE *f = status == EX_OK ? stdout : stderr;

	fprintf(f,
"Usage: winnow state info [--date=YYYY-MM-DD] FILE...\n"
"       winnow state merge [--max-age=DAYS] [--memory=SIZE] OUT IN...\n"
"       winnow state prune [--max-age=DAYS] [--memory=SIZE] [--date=D] FILE\n"
"Inspect, merge or prune winnow state files (--state).\n"
"\n"
"  info    verify each FILE and print its parameters, counts, size and\n"
"          the age of its entries\n"
"  merge   write OUT as the union of the IN states (parallel shards);\n"
"          states made with other parameters are refused\n"
"  prune   drop the entries older than --max-age days, then the oldest\n"
"          beyond --memory, and write FILE back\n"
"\n"
"Exit status: 0 ok; 64 usage error; 65 a state is corrupt or does not\n"
"match; 66 a state does not exist; 74 I/O error; 75 locked.\n");
	exit(status);
}

/* A cleaner with the parameters of a state (for its sets' memory
 * split). */
static struct clean *
state_cleaner(const struct state_params *p, size_t memory, uint16_t day)
{
	struct clean_options o;
	struct clean *c;

	clean_options_default(&o);
	o.shingle = p->shingle;
	o.window = p->window;
	if (memory > 0)
		o.memory = memory;
	if ((c = clean_new(&o)) != NULL && clean_stamp(c, day) != WN_OK) {
		clean_free(c);
		c = NULL;
	}
	return c;
}

static int
state_info_print(const char *path, uint16_t day)
{
	static const char *const age[STATE_AGES] = {
		"today", "1 day", "2-7", "8-30", "31-90", "91-365", "older"
	};
	uint64_t hist[STATE_NSETS][STATE_AGES], total = 0;
	struct state_info info;
	struct wn_error e;
	enum wn_status st;
	char when[32];
	time_t t;
	struct tm tm;
	int i, k;

	memset(&e, 0, sizeof(e));
	if ((st = state_inspect(path, day, &info, hist, &e)) != WN_OK) {
		fprintf(stderr, "winnow: %s: %s\n", path, e.msg);
		return exit_code(st);
	}
	t = (time_t)info.written;
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC",
	    gmtime_r(&t, &tm));
	printf("%s: winnow state, format %u, checksums verified\n", path,
	    info.version);
	t = (time_t)info.day * 86400;
	gmtime_r(&t, &tm);
	printf("written: %s, by a run dated %04d-%02d-%02d\n", when,
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	printf("parameters: hash %s seed %#llx, normalizer %u, --shingle=%u "
	    "--window=%u\n", STATE_HASH_NAME,
	    (unsigned long long)info.p.seed, info.p.normalize_version,
	    info.p.shingle, info.p.window);
	for (i = 0; i < STATE_NSETS; i++)
		total += info.count[i];
	printf("size: %llu bytes, %llu entries (%.2f bytes per entry)\n",
	    (unsigned long long)info.bytes, (unsigned long long)total,
	    total ? (double)(info.bytes - STATE_HEADER_SIZE) / (double)total :
	    0.0);
	printf("%-24s %11s", "age in days:", "entries");
	for (k = 0; k < STATE_AGES; k++)
		printf(" %9s", age[k]);
	printf("\n");
	for (i = 0; i < STATE_NSETS; i++) {
		printf("%-24s %11llu", state_set_name[i],
		    (unsigned long long)info.count[i]);
		for (k = 0; k < STATE_AGES; k++)
			printf(" %9llu", (unsigned long long)hist[i][k]);
		printf("\n");
	}
	return EX_OK;
}

static int
state_command(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "max-age", required_argument, NULL, 'a' },
		{ "memory", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd;
	unsigned max_age = 0;
	size_t memory = 0;
	long day = -1;
	int c, status = EX_OK;

	if (argc < 2)
		state_usage(EX_USAGE);
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0)
		state_usage(EX_OK);
	argc--;
	argv++;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			day = subcommand_date(optarg, state_usage);
			break;
		case 'a':
			max_age = args_parse_days("max-age", optarg);
			break;
		case 'm':
			memory = args_parse_size("memory", optarg);
			break;
		case 'h':
			state_usage(EX_OK);
			break;
		default:
			state_usage(EX_USAGE);
		}
	}
	if (day < 0)
		day = today();
	argc -= optind;
	argv += optind;
	if (strcmp(cmd, "info") == 0) {
		int i;

		if (argc < 1)
			state_usage(EX_USAGE);
		for (i = 0; i < argc; i++) {
			int s = state_info_print(argv[i], (uint16_t)day);

			if (s > status)
				status = s;
		}
		return status;
	}
	if (strcmp(cmd, "merge") == 0 || strcmp(cmd, "prune") == 0) {
		int merge = cmd[0] == 'm', lock = -1, i, found;
		const char *out = argv[0];
		struct state_params p;
		struct state_info info;
		struct seen *set[STATE_NSETS];
		struct clean *cl = NULL;
		struct wn_error e;
		enum wn_status st;

		if ((merge && argc < 2) || (!merge && argc != 1))
			state_usage(EX_USAGE);
		memset(&e, 0, sizeof(e));
		if ((st = state_lock(out, 0, &lock, &e)) != WN_OK) {
			fprintf(stderr, "winnow: %s: %s\n", out, e.msg);
			return exit_code(st);
		}
		for (i = merge ? 1 : 0; i < argc; i++) {
			/* the first state gives the parameters, the others
			 * must have them too */
			st = WN_OK;
			if (cl == NULL) {
				uint64_t hist[STATE_NSETS][STATE_AGES];

				st = state_inspect(argv[i], (uint16_t)day,
				    &info, hist, &e);
				if (st == WN_OK) {
					p = info.p;
					if ((cl = state_cleaner(&p, memory,
					    (uint16_t)day)) == NULL)
						st = wn_fail(&e, WN_ENOMEM,
						    "out of memory");
					else
						clean_state_sets(cl, set);
				}
			}
			if (st == WN_OK)
				st = state_load(argv[i], &p, set,
				    (uint16_t)day, max_age, &found, &info, &e);
			if (st == WN_OK && !found)
				st = wn_fail(&e, WN_ENOINPUT,
				    "No such file or directory");
			if (st != WN_OK) {
				fprintf(stderr, "winnow: %s: %s\n", argv[i],
				    e.msg);
				clean_free(cl);
				state_unlock(lock);
				return exit_code(st);
			}
		}
		st = state_save(out, &p, set, (uint16_t)day, max_age,
		    STATE_LOCKED, &e);
		if (st != WN_OK) {
			fprintf(stderr, "winnow: %s: %s\n", out, e.msg);
			status = exit_code(st);
		}
		clean_free(cl);
		state_unlock(lock);
		return status;
	}
	fprintf(stderr, "winnow: state: unknown command '%s'\n", cmd);
	state_usage(EX_USAGE);
	return EX_USAGE;
}

static void
shard_usage(int status)
{
	if (status != EX_OK) {
		fprintf(stderr, "Try 'winnow shard --help' for more "
		    "information.\n");
		exit(status);
	}
	printf(
"Usage: winnow shard merge [--state=FILE] [--next=FILE] [--suffix=S]\n"
"                          [--part=I/M] [--max-age=DAYS] [--date=D] SCAN...\n"
"Join the scans of a sharded run (see winnow(1), MORE THAN ONE MACHINE).\n"
"\n"
"Each SCAN is what 'winnow --scan-hosts' or 'winnow --scan' wrote for one\n"
"shard; give them in input order.  For each, write SCAN.prior: what the\n"
"state and the shards before it saw of what the shard holds.  Run the\n"
"shard again with --prior=SCAN.prior, and it decides as one run over all\n"
"the shards would.\n"
"\n"
"      --state=FILE   the state the run starts from (read, not changed)\n"
"      --next=FILE    also write the state one run over all the shards\n"
"                     would leave; move it over --state's FILE once every\n"
"                     shard's output is safe\n"
"      --suffix=S     write SCAN S instead of SCAN.prior\n"
"      --part=I/M     only the I-th of M parts of the values (1 <= I <= M):\n"
"                     M merges can run apart; a shard takes every part's\n"
"                     prior, and 'winnow state merge' joins the --next files\n"
"                     (default suffix .prior.I)\n"
"      --max-age=DAYS, --date=YYYY-MM-DD  as for the run\n"
"\n"
"Exit status: 0 ok; 64 usage error; 65 a scan or the state is corrupt or\n"
"does not match; 66 a scan does not exist; 74 I/O error.\n");
	exit(status);
}

static int
shard_command(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "max-age", required_argument, NULL, 'a' },
		{ "next", required_argument, NULL, 'x' },
		{ "part", required_argument, NULL, 'p' },
		{ "state", required_argument, NULL, 's' },
		{ "suffix", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	struct shard_merge_options o;
	struct wn_error e;
	enum wn_status st;
	char suffix[32];
	long day = -1;
	int c;

	if (argc < 2)
		shard_usage(EX_USAGE);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		shard_usage(EX_OK);
	if (strcmp(argv[1], "merge") != 0) {
		fprintf(stderr, "winnow: shard: unknown command '%s'\n",
		    argv[1]);
		shard_usage(EX_USAGE);
	}
	memset(&o, 0, sizeof(o));
	o.parts = 1;
	argc--;
	argv++;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			day = subcommand_date(optarg, shard_usage);
			break;
		case 'a':
			o.max_age = args_parse_days("max-age", optarg);
			break;
		case 'x':
			o.next = optarg;
			break;
		case 's':
			o.state = optarg;
			break;
		case 'u':
			o.suffix = optarg;
			break;
		case 'p': {
			unsigned i, m;
			int end = 0;

			if (sscanf(optarg, "%u/%u%n", &i, &m, &end) != 2 ||
			    optarg[end] != '\0' || m < 1 || m > 4096 ||
			    i < 1 || i > m) {
				fprintf(stderr, "winnow: invalid value '%s' for "
				    "--part: expected I/M with 1 <= I <= M <= "
				    "4096\n", optarg);
				shard_usage(EX_USAGE);
			}
			o.part = i - 1;
			o.parts = m;
			break;
		}
		case 'h':
			shard_usage(EX_OK);
			break;
		default:
			shard_usage(EX_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		fprintf(stderr, "winnow: shard merge: no SCAN given\n");
		shard_usage(EX_USAGE);
	}
	o.today = (uint16_t)(day < 0 ? today() : day);
	if (o.suffix == NULL) {
		if (o.parts > 1)
			snprintf(suffix, sizeof(suffix), ".prior.%u",
			    o.part + 1);
		else
			snprintf(suffix, sizeof(suffix), ".prior");
		o.suffix = suffix;
	}
	memset(&e, 0, sizeof(e));
	if ((st = shard_merge(&o, (const char *const *)argv, (size_t)argc,
	    &e)) != WN_OK) {
		fprintf(stderr, "winnow: shard merge: %s\n", e.msg);
		return exit_code(st);
	}
	return EX_OK;
}

/* Everything before the first record: the cleaner and the state, the
 * output, the report files.  Returns an exit code; what it made is in
 * *r either way. */
static int
start_run(struct run *r, int *fd)
{
	const struct args *args = r->args;
	struct wn_error e;
	int i;

	memset(&e, 0, sizeof(e));
	r->clean = clean_new(&args->clean);
	if (r->clean == NULL) {
		fprintf(stderr, "winnow: out of memory\n");
		return EX_IOERR;
	}
	if (args->state != NULL && (i = open_state(r)) != EX_OK)
		return i;
	if ((args->nprior > 0 || args->scan != NULL) && args->state == NULL &&
	    clean_stamp(r->clean, r->today) != WN_OK) {
		fprintf(stderr, "winnow: out of memory\n");
		return EX_IOERR;
	}
	if (args->scan != NULL && clean_scan(r->clean, args->scan_hosts) !=
	    WN_OK) {
		fprintf(stderr, "winnow: out of memory\n");
		return EX_IOERR;
	}
	if (args->nprior > 0 && (i = open_priors(r)) != EX_OK)
		return i;
	if (args->scan != NULL) {
		/* no records: no output */
	} else if (args->output != NULL) {
		*fd = open(args->output,
		    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (*fd < 0) {
			fprintf(stderr, "winnow: %s: %s\n", args->output,
			    strerror(errno));
			return EX_CANTCREAT;
		}
	} else if (args->out.compress && isatty(*fd)) {
		fprintf(stderr, "winnow: refusing to write compressed data to a "
		    "terminal; use --no-compress or redirect the output\n");
		fprintf(stderr, "Try 'winnow --help' for more information.\n");
		return EX_USAGE;
	}
	if (args->scan == NULL &&
	    writer_new(*fd, &args->out, &r->writer, &e) != WN_OK) {
		message(r, NULL, &e);
		return e.err ? EX_IOERR : EX_USAGE;
	}
	if (args->explain != NULL &&
	    (r->explain = fopen(args->explain, "w")) == NULL) {
		fprintf(stderr, "winnow: %s: %s\n", args->explain,
		    strerror(errno));
		return EX_CANTCREAT;
	}
	if (args->rejects != NULL &&
	    (r->rejects = fopen(args->rejects, "w")) == NULL) {
		fprintf(stderr, "winnow: %s: %s\n", args->rejects,
		    strerror(errno));
		return EX_CANTCREAT;
	}
	if (r->explain != NULL || r->rejects != NULL)
		clean_explain(r->clean, 1);
	if ((r->chunk = malloc(CHUNK_SIZE)) == NULL) {
		fprintf(stderr, "winnow: out of memory\n");
		return EX_IOERR;
	}
	if (args->threads > 1) {
		if ((r->worker = calloc((size_t)args->threads,
		    sizeof(*r->worker))) == NULL)
			goto nomem;
		for (i = 0; i < args->threads; i++)
			if ((r->worker[i] = clean_worker_new()) == NULL)
				goto nomem;
		if ((r->pool = pool_new(args->threads - 1, prepare_job, r)) ==
		    NULL) {
			fprintf(stderr, "winnow: cannot start %d threads; "
			    "try --threads=1\n", args->threads - 1);
			return EX_IOERR;
		}
		r->filling = &r->batches[0];
		/* the pool's threads compress too, between jobs: one thread
		 * fewer to share the processors with */
		writer_share(r->writer, spawn_on_pool, r->pool);
	}
	return EX_OK;
nomem:
	fprintf(stderr, "winnow: out of memory\n");
	return EX_IOERR;
}

/* The threads and the batches. */
static void
stop_threads(struct run *r)
{
	size_t i, k;

	if (r->pool != NULL)	/* what is left is compressed here */
		writer_share(r->writer, NULL, NULL);
	pool_free(r->pool);
	r->pool = NULL;
	for (i = 0; r->worker != NULL && i < (size_t)r->args->threads; i++)
		clean_worker_free(r->worker[i]);
	free(r->worker);
	r->worker = NULL;
	for (k = 0; k < 2; k++) {
		struct batch *b = &r->batches[k];

		for (i = 0; i < b->cap; i++) {
			wn_buf_free(&b->job[i].arena);
			free(b->job[i].hint);
			free(b->job[i].box);
			clean_prep_free(b->job[i].prep);
		}
		free(b->job);
		memset(b, 0, sizeof(*b));
	}
}

int
main(int argc, char **argv)
{
	struct args args;
	struct run r;
	struct wn_error e;
	int fd = STDOUT_FILENO, i;

	/* A closed pipe must be an error we report, not a silent death:
	 * winnow has to know that its output was not delivered. */
	signal(SIGPIPE, SIG_IGN);
	if (argc > 1 && strcmp(argv[1], "state") == 0)
		return state_command(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "shard") == 0)
		return shard_command(argc - 1, argv + 1);
	args_parse(argc, argv, &args);
	memset(&r, 0, sizeof(r));
	memset(&e, 0, sizeof(e));
	r.args = &args;
	r.start = r.last_progress = now();
	r.lock = -1;
	r.today = args.today >= 0 ? (uint16_t)args.today : today();

	/* the state first: a locked or bad state must stop the run before
	 * any output is made */
	if ((i = start_run(&r, &fd)) != EX_OK) {
		if (r.explain != NULL)
			fclose(r.explain);
		if (r.rejects != NULL)
			fclose(r.rejects);
		stop_threads(&r);
		writer_free(r.writer);
		clean_free(r.clean);
		state_unlock(r.lock);
		return i;
	}
	for (i = 0; i < args.nfiles && !r.fatal && !r.aborted; i++)
		run_input(&r, args.files[i]);
	/* what the threads hold: written, unless the output failed */
	if (r.pool != NULL && !r.fatal) {
		enum wn_status st = batch_flush(&r);

		if (st == WN_ENOMEM)
			fprintf(stderr, "winnow: out of memory\n");
		if (st != WN_OK) {
			r.fatal = 1;
			set_status(&r, EX_IOERR);
		}
	}
	if (r.pool != NULL && r.inflight != NULL)
		pool_wait(r.pool);
	stop_threads(&r);

	memset(&e, 0, sizeof(e));
	if (r.writer != NULL && writer_close(r.writer, &e) != WN_OK) {
		if (!r.fatal)
			message(&r, args.output, &e);
		set_status(&r, EX_IOERR);
	}
	r.stats.bytes_out = r.writer ? writer_bytes_in(r.writer) : 0;
	r.stats.fingerprints_evicted = clean_evicted(r.clean);
	r.stats.seen_bytes = clean_seen_bytes(r.clean);
	r.stats.seen_fingerprints = clean_seen_fingerprints(r.clean);
	r.stats.fingerprint_bytes = clean_fingerprint_bytes(r.clean);
	r.stats.bytes_written = r.writer ? writer_bytes_out(r.writer) : 0;
	if (args.scan == NULL && close(fd) != 0 && (args.output != NULL || errno != EBADF)) {
		fprintf(stderr, "winnow: %s: %s\n", args.output ? args.output :
		    "standard output", strerror(errno));
		set_status(&r, EX_IOERR);
	}
	if (r.explain != NULL && fclose(r.explain) != 0) {
		fprintf(stderr, "winnow: %s: %s\n", args.explain, strerror(errno));
		set_status(&r, EX_IOERR);
	}
	if (r.rejects != NULL && fclose(r.rejects) != 0) {
		fprintf(stderr, "winnow: %s: %s\n", args.rejects, strerror(errno));
		set_status(&r, EX_IOERR);
	}
	wn_buf_free(&r.explain_buf);
	clear_progress(&r);
	if (args.state != NULL) {
		/* only when every output was written and closed: a broken pipe
		 * or a full disk must not mark undelivered text as seen */
		if (!r.fatal && !r.aborted && r.status != EX_IOERR &&
		    r.status != EX_CANTCREAT)
			commit_state(&r);
		else
			fprintf(stderr, "winnow: %s: not updated: %s\n",
			    args.state, r.aborted ? "the run stopped at a bad "
			    "record" : "the output was not complete");
		state_unlock(r.lock);
	}
	if (args.scan != NULL) {
		if (!r.fatal && !r.aborted && r.status != EX_IOERR)
			write_scan(&r);
		else
			fprintf(stderr, "winnow: %s: not written: %s\n",
			    args.scan, r.aborted ? "the run stopped at a bad "
			    "record" : "the input was not read whole");
	}
	if (args.stats) {
		int s = write_stats(&r);

		if (s != EX_OK)
			set_status(&r, s);
	}
	writer_free(r.writer);
	clean_free(r.clean);
	clean_doc_free(&r.doc);
	free(r.chunk);
	return r.status;
}
