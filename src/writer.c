/*
 * writer.c - output records (writer.h).
 *
 * Records are formatted into a 1 MiB buffer.  With compression, a full
 * buffer is handed over to be compressed (ZSTD_compressStream2()) and
 * written while the main thread formats the next buffer: two buffers, one
 * mutex, one condition variable.  Who compresses: the writer's own
 * thread, or after writer_share() a task on another thread (a pool's,
 * between its jobs; on two processors a third busy thread cost more
 * than it gave), or the caller.  The zstd frame carries a content
 * checksum and a window of at most 2^27 (what zstdcat accepts without
 * --long).  Compressed output is a function of the uncompressed bytes
 * only (a single-threaded zstd context fed in order), never of timing.
 *
 * JSONL records read from JSONL are the original line with the text
 * value replaced and winnow's report spliced into "metadata" (added when
 * absent); every other byte is passed through.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zstd.h>

#include "json.h"
#include "utf8.h"
#include "writer.h"

/* 1 MiB: large enough that the hand-off (one lock, one wake-up) is noise
 * against compressing it (~5 ms at level 3), small enough that the two
 * buffers stay in L2/L3. */
#define WRITER_BUF_SIZE (1024 * 1024)

struct writer {
	int fd;
	struct writer_options opt;
	struct wn_buf buf;		/* being filled by the main thread */
	uint64_t bytes_in;
	uint64_t bytes_out;
	int first_text;			/* no text record written yet */
	/* when compressing: who compresses a full buffer */
	enum {
		BY_THREAD,		/* the writer's own thread */
		BY_SPAWN,		/* a task given to spawn() */
		BY_CALLER		/* the caller, in writer_record() */
	} by;
	int locks;			/* mu and cv are made (and not closed) */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct wn_buf pending;		/* handed over */
	int has_pending;
	int finish;			/* no more input: end the frame */
	int stop;			/* the own thread is to end */
	int closed;
	writer_spawn_fn spawn;
	void *spawn_ctx;
	enum wn_status status;		/* the worker's first error */
	int err;
	ZSTD_CCtx *cctx;
	char *zout;
	size_t zout_size;
	struct wn_buf scratch;		/* metadata JSON */
};

static enum wn_status
write_all(int fd, const char *p, size_t n, int *err)
{
	while (n > 0) {
		ssize_t r = write(fd, p, n);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			*err = errno;
			return WN_EIO;
		}
		p += r;
		n -= (size_t)r;
	}
	return WN_OK;
}

/* Compress in[0..n) (mode ZSTD_e_continue or ZSTD_e_end) and write. */
static enum wn_status
compress_write(struct writer *w, const char *in, size_t n,
    ZSTD_EndDirective mode, int *err)
{
	ZSTD_inBuffer ib = { in, n, 0 };
	size_t left;

	do {
		ZSTD_outBuffer ob = { w->zout, w->zout_size, 0 };

		left = ZSTD_compressStream2(w->cctx, &ob, &ib, mode);
		if (ZSTD_isError(left)) {
			*err = 0;
			return WN_ENOMEM;
		}
		if (write_all(w->fd, w->zout, ob.pos, err) != WN_OK)
			return WN_EIO;
		w->bytes_out += ob.pos;
	} while (mode == ZSTD_e_end ? left != 0 : ib.pos < ib.size);
	return WN_OK;
}

/* Compress the pending buffer of the writer arg (no lock held) and say
 * it is done; also spawn()'s task. */
static void
compress_pending(void *arg)
{
	struct writer *w = arg;
	enum wn_status st = WN_OK;
	int err = 0;

	if (w->status == WN_OK)	/* written only by whoever compresses */
		st = compress_write(w, w->pending.data, w->pending.len,
		    ZSTD_e_continue, &err);
	pthread_mutex_lock(&w->mu);
	if (st != WN_OK && w->status == WN_OK) {
		w->status = st;
		w->err = err;
	}
	w->pending.len = 0;
	w->has_pending = 0;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

/* End the frame (no lock held; nothing pending). */
static void
compress_end(struct writer *w)
{
	int err = 0;
	enum wn_status st;

	if (w->status != WN_OK)
		return;
	st = compress_write(w, NULL, 0, ZSTD_e_end, &err);
	pthread_mutex_lock(&w->mu);
	if (st != WN_OK) {
		w->status = st;
		w->err = err;
	}
	pthread_mutex_unlock(&w->mu);
}

static void *
worker(void *arg)
{
	struct writer *w = arg;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->has_pending && !w->finish && !w->stop)
			pthread_cond_wait(&w->cv, &w->mu);
		if (w->has_pending) {
			pthread_mutex_unlock(&w->mu);
			compress_pending(w);
			pthread_mutex_lock(&w->mu);
			continue;
		}
		if (w->finish) {	/* and nothing pending */
			pthread_mutex_unlock(&w->mu);
			compress_end(w);
			pthread_mutex_lock(&w->mu);
		}
		break;
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

/* Wait until nothing is pending. */
static void
wait_pending(struct writer *w)
{
	pthread_mutex_lock(&w->mu);
	while (w->has_pending)
		pthread_cond_wait(&w->cv, &w->mu);
	pthread_mutex_unlock(&w->mu);
}

/* End the own thread, after what is pending: finish, or just stop. */
static void
end_thread(struct writer *w, int finish)
{
	pthread_mutex_lock(&w->mu);
	if (finish)
		w->finish = 1;
	else
		w->stop = 1;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
}

void
writer_share(struct writer *w, writer_spawn_fn spawn, void *ctx)
{
	if (w == NULL || w->cctx == NULL || w->closed)
		return;
	if (w->by == BY_THREAD)
		end_thread(w, 0);
	wait_pending(w);
	w->spawn = spawn;
	w->spawn_ctx = ctx;
	w->by = spawn != NULL ? BY_SPAWN : BY_CALLER;
}

enum wn_status
writer_new(int fd, const struct writer_options *opt, struct writer **out,
    struct wn_error *e)
{
	struct writer *w;

	*out = NULL;
	if (opt->compress && (opt->level < 1 || opt->level > ZSTD_maxCLevel()))
		return wn_fail(e, WN_EUSAGE,
		    "compression level must be 1..%d", ZSTD_maxCLevel());
	if ((w = calloc(1, sizeof(*w))) == NULL)
		return wn_fail(e, WN_ENOMEM, "out of memory");
	w->fd = fd;
	w->opt = *opt;
	w->first_text = 1;
	if (wn_buf_reserve(&w->buf, WRITER_BUF_SIZE) != WN_OK)
		goto nomem;
	if (opt->compress) {
		w->cctx = ZSTD_createCCtx();
		w->zout_size = ZSTD_CStreamOutSize();
		w->zout = malloc(w->zout_size);
		if (w->cctx == NULL || w->zout == NULL)
			goto nomem;
		ZSTD_CCtx_setParameter(w->cctx, ZSTD_c_compressionLevel,
		    opt->level);
		ZSTD_CCtx_setParameter(w->cctx, ZSTD_c_checksumFlag, 1);
		/* Every level's window, for input of unknown size, is at
		 * most 2^27 (level 22's), the decoders' default limit; the
		 * tests decode level 22 output with zstd -dc. */
		if (pthread_mutex_init(&w->mu, NULL) != 0)
			goto nomem;
		if (pthread_cond_init(&w->cv, NULL) != 0) {
			pthread_mutex_destroy(&w->mu);
			goto nomem;
		}
		if (pthread_create(&w->thread, NULL, worker, w) != 0) {
			pthread_cond_destroy(&w->cv);
			pthread_mutex_destroy(&w->mu);
			goto nomem;
		}
		w->locks = 1;
		w->by = BY_THREAD;
	}
	*out = w;
	return WN_OK;
nomem:
	writer_free(w);
	return wn_fail(e, WN_ENOMEM, "out of memory");
}

static enum wn_status
report(struct writer *w, enum wn_status st, int err, struct wn_error *e)
{
	if (st == WN_EIO) {
		e->err = err;
		return wn_fail(e, WN_EIO, "write error: %s", strerror(err));
	}
	return wn_fail(e, st, "compression failed: out of memory");
}

/* Hand the filled buffer on: to the worker, or straight to fd. */
static enum wn_status
flush(struct writer *w, struct wn_error *e)
{
	enum wn_status st;
	int err = 0;
	struct wn_buf t;

	if (w->buf.len == 0)
		return WN_OK;
	w->bytes_in += w->buf.len;
	if (w->cctx == NULL) {
		st = write_all(w->fd, w->buf.data, w->buf.len, &err);
		w->bytes_out += w->buf.len;
		w->buf.len = 0;
		return st == WN_OK ? WN_OK : report(w, st, err, e);
	}
	if (w->by == BY_CALLER) {
		if (w->status == WN_OK)
			w->status = compress_write(w, w->buf.data, w->buf.len,
			    ZSTD_e_continue, &w->err);
		w->buf.len = 0;
		return w->status == WN_OK ? WN_OK : report(w, w->status,
		    w->err, e);
	}
	pthread_mutex_lock(&w->mu);
	while (w->has_pending)
		pthread_cond_wait(&w->cv, &w->mu);
	st = w->status;
	err = w->err;
	if (st == WN_OK) {
		t = w->pending;
		w->pending = w->buf;
		w->buf = t;
		w->buf.len = 0;
		w->has_pending = 1;
		pthread_cond_broadcast(&w->cv);
	}
	pthread_mutex_unlock(&w->mu);
	if (st != WN_OK)
		return report(w, st, err, e);
	if (w->by == BY_SPAWN)
		w->spawn(w->spawn_ctx, compress_pending, w);
	if (wn_buf_reserve(&w->buf, WRITER_BUF_SIZE) != WN_OK)
		return wn_fail(e, WN_ENOMEM, "out of memory");
	return WN_OK;
}

static enum wn_status
winnow_metadata(const struct clean_doc *doc, struct wn_buf *o)
{
	static const char in[] = "\"winnow\":{\"paragraphs_in\":";
	static const char out[] = ",\"paragraphs_out\":";
	static const char removed[] = ",\"removed\":{";
	int any = 0;
	size_t i;

	if (wn_buf_append(o, in, sizeof(in) - 1) != WN_OK ||
	    wn_buf_put_u64(o, doc->paragraphs_in) != WN_OK ||
	    wn_buf_append(o, out, sizeof(out) - 1) != WN_OK ||
	    wn_buf_put_u64(o, doc->paragraphs_out) != WN_OK ||
	    wn_buf_append(o, removed, sizeof(removed) - 1) != WN_OK)
		return WN_ENOMEM;
	for (i = 0; i < CLEAN_NREASONS; i++) {
		const char *name = clean_reason_name[i];

		if (doc->removed[i] == 0)
			continue;
		if ((any && wn_buf_putc(o, ',') != WN_OK) ||
		    wn_buf_putc(o, '"') != WN_OK ||
		    wn_buf_append(o, name, strlen(name)) != WN_OK ||
		    wn_buf_append(o, "\":", 2) != WN_OK ||
		    wn_buf_put_u64(o, doc->removed[i]) != WN_OK)
			return WN_ENOMEM;
		any = 1;
	}
	return wn_buf_append(o, "}}", 2);
}

/* "key":"value".  Header values of WARC records and file names are any
 * bytes; output is always valid UTF-8, so they are repaired (U+FFFD). */
static enum wn_status
put_field(struct wn_buf *o, const char *key, struct wn_span v, int comma)
{
	struct wn_buf fixed = { NULL, 0, 0 };
	uint64_t bad = 0;
	enum wn_status st = WN_OK;

	if (v.p == NULL)
		v.p = "";
	if (utf8_valid_prefix(v.p, v.n) != v.n) {
		if (utf8_repair(v.p, v.n, &fixed, &bad) != WN_OK)
			return WN_ENOMEM;
		v.p = fixed.data;
		v.n = fixed.len;
	}
	if ((comma && wn_buf_putc(o, ',') != WN_OK) ||
	    json_string_encode(key, strlen(key), o) != WN_OK ||
	    wn_buf_putc(o, ':') != WN_OK ||
	    json_string_encode(v.p, v.n, o) != WN_OK)
		st = WN_ENOMEM;
	wn_buf_free(&fixed);
	return st;
}

/* A record read from JSONL is its original bytes with two edits, applied
 * in the order they occur: the text value is replaced, and winnow's
 * report is put in "metadata": over the "winnow" value an earlier run
 * left there, else first in the object, else as a new "metadata" before
 * the closing brace (or a top-level "winnow" when "metadata" is not an
 * object). */
struct edit {
	size_t off, end;	/* bytes of the line replaced */
	int what;		/* 0 text, 1 report */
};

static enum wn_status
put_edit(struct writer *w, const struct record *rec,
    const struct clean_doc *doc, const struct edit *ed, struct wn_buf *o)
{
	const char *p = rec->json.p;
	const struct wn_buf *r = &w->scratch;

	if (ed->what == 0)
		return json_string_encode(doc->text.data ? doc->text.data : "",
		    doc->text.len, o);
	if (rec->winnow_value.type != JSON_NONE)	/* "winnow":{...} */
		return wn_buf_append(o, r->data + 9, r->len - 9);
	if (rec->metadata_value.type == JSON_OBJECT) {
		size_t i = ed->off;

		while (strchr(" \t\r\n", p[i]) != NULL)
			i++;
		return wn_buf_append(o, r->data, r->len) ||
		    (p[i] != '}' && wn_buf_putc(o, ',')) ? WN_ENOMEM : WN_OK;
	}
	if (rec->metadata_value.type == JSON_NONE)
		return wn_buf_append(o, ",\"metadata\":{", 13) ||
		    wn_buf_append(o, r->data, r->len) ||
		    wn_buf_putc(o, '}') ? WN_ENOMEM : WN_OK;
	return wn_buf_putc(o, ',') || wn_buf_append(o, r->data, r->len) ?
	    WN_ENOMEM : WN_OK;
}

static enum wn_status
jsonl_splice(struct writer *w, const struct record *rec,
    const struct clean_doc *doc)
{
	struct edit ed[2];
	size_t pos = 0, i;

	ed[0].off = rec->text_value.off;
	ed[0].end = rec->text_value.end;
	ed[0].what = 0;
	if (rec->winnow_value.type != JSON_NONE) {
		ed[1].off = rec->winnow_value.off;
		ed[1].end = rec->winnow_value.end;
	} else {
		ed[1].off = ed[1].end = rec->metadata_value.type == JSON_OBJECT ?
		    rec->metadata_value.off + 1 : rec->close;
	}
	ed[1].what = 1;
	if (ed[1].off < ed[0].off) {
		struct edit t = ed[0];

		ed[0] = ed[1];
		ed[1] = t;
	}
	w->scratch.len = 0;
	if (winnow_metadata(doc, &w->scratch) != WN_OK)
		return WN_ENOMEM;
	for (i = 0; i < 2; i++) {
		if (wn_buf_append(&w->buf, rec->json.p + pos, ed[i].off - pos) ||
		    put_edit(w, rec, doc, &ed[i], &w->buf))
			return WN_ENOMEM;
		pos = ed[i].end;
	}
	if (wn_buf_append(&w->buf, rec->json.p + pos, rec->close + 1 - pos))
		return WN_ENOMEM;
	return wn_buf_putc(&w->buf, '\n');
}

static enum wn_status
jsonl_new(struct writer *w, const struct record *rec, const char *source,
    const struct clean_doc *doc)
{
	struct wn_buf *o = &w->buf;
	struct wn_span src = rec->url.n ? rec->url :
	    (struct wn_span){ source, strlen(source) };

	if (wn_buf_putc(o, '{') != WN_OK ||
	    put_field(o, w->opt.id_field, rec->id, 0) != WN_OK ||
	    put_field(o, w->opt.text_field,
	    (struct wn_span){ doc->text.data, doc->text.len }, 1) != WN_OK ||
	    put_field(o, "source", src, 1) != WN_OK ||
	    wn_buf_append(o, ",\"metadata\":{", 13) != WN_OK)
		return WN_ENOMEM;
	{
		static const char *const names[] = { "url", "date", "language",
		    "title" };
		const struct wn_span *v[] = { &rec->url, &rec->date, &rec->lang,
		    &rec->title };
		int n = 0;
		size_t i;

		for (i = 0; i < 4; i++)
			if (v[i]->n && put_field(o, names[i], *v[i], n++ > 0) != WN_OK)
				return WN_ENOMEM;
		if (n > 0 && wn_buf_putc(o, ',') != WN_OK)
			return WN_ENOMEM;
	}
	if (winnow_metadata(doc, o) != WN_OK ||
	    wn_buf_append(o, "}}\n", 3) != WN_OK)
		return WN_ENOMEM;
	return WN_OK;
}

enum wn_status
writer_record(struct writer *w, const struct record *rec,
    const char *source, const struct clean_doc *doc, struct wn_error *e)
{
	enum wn_status st = WN_OK;
	size_t before = w->buf.len;

	if (doc->dropped)
		return WN_OK;
	if (w->opt.format == WRITER_TEXT) {
		if ((!w->first_text && wn_buf_append(&w->buf, "\f\n", 2)) ||
		    wn_buf_append(&w->buf, doc->text.data, doc->text.len) ||
		    wn_buf_putc(&w->buf, '\n'))
			st = WN_ENOMEM;
		w->first_text = 0;
	} else if (rec->format == INPUT_JSONL) {
		st = jsonl_splice(w, rec, doc);
	} else {
		st = jsonl_new(w, rec, source, doc);
	}
	if (st != WN_OK) {
		w->buf.len = before;
		return wn_fail(e, WN_ENOMEM, "out of memory");
	}
	if (w->buf.len >= WRITER_BUF_SIZE)
		return flush(w, e);
	return WN_OK;
}

enum wn_status
writer_close(struct writer *w, struct wn_error *e)
{
	enum wn_status st;
	int err;

	if (w->closed)
		return WN_OK;
	st = flush(w, e);
	w->closed = 1;
	if (w->cctx == NULL)
		return st;
	if (w->by == BY_THREAD) {
		end_thread(w, 1);
	} else {
		wait_pending(w);
		compress_end(w);
	}
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
	if (st != WN_OK)
		return st;
	err = w->err;
	return w->status == WN_OK ? WN_OK : report(w, w->status, err, e);
}

uint64_t
writer_bytes_in(const struct writer *w)
{
	return w->bytes_in;
}

uint64_t
writer_bytes_out(const struct writer *w)
{
	return w->bytes_out;
}

void
writer_free(struct writer *w)
{
	if (w == NULL)
		return;
	if (w->locks && !w->closed) {
		/* no frame end: the output is not whole */
		if (w->by == BY_THREAD)
			end_thread(w, 0);
		wait_pending(w);
		pthread_cond_destroy(&w->cv);
		pthread_mutex_destroy(&w->mu);
	}
	ZSTD_freeCCtx(w->cctx);
	free(w->zout);
	wn_buf_free(&w->buf);
	wn_buf_free(&w->pending);
	wn_buf_free(&w->scratch);
	free(w);
}
