/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * sink.c - bytes out: buffered, zstd-compressed on another thread or
 * plain, to a file descriptor or a callback (sink.h).
 *
 * Output is formatted into a 1 MiB buffer.  With compression, a full
 * buffer is handed over to be compressed (ZSTD_compressStream2()) and
 * written while the formatting thread fills the next: two buffers, one
 * mutex, one condition variable.  Who compresses: the sink's own thread,
 * or after sink_share() a task on another thread (a pool's, between its
 * jobs; on two processors a third busy thread cost more than it gave),
 * or the caller.  The zstd frame carries a content checksum and a window
 * of at most 2^27 (what zstdcat accepts without --long).  Compressed
 * output is a function of the uncompressed bytes only (a single-threaded
 * zstd context fed in order), never of timing.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zstd.h>

#include "sink.h"

/* 1 MiB: large enough that the hand-off (one lock, one wake-up) is noise
 * against compressing it (~5 ms at level 3), small enough that the two
 * buffers stay in L2/L3. */
#define SINK_BUF_SIZE (1024 * 1024)

struct sink {
	struct wn_sink to;
	struct wn_buf buf; /* being filled by the caller */
	uint64_t bytes_in;
	uint64_t bytes_out;
	/* when compressing: who compresses a full buffer */
	enum {
		BY_THREAD, /* the sink's own thread */
		BY_SPAWN,  /* a task given to spawn() */
		BY_CALLER  /* the caller, in sink_wrote() */
	} by;
	int locks; /* mu and cv are made (and not closed) */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct wn_buf pending; /* handed over */
	int has_pending;
	int finish; /* no more input: end the frame */
	int stop;   /* the own thread is to end */
	int closed;
	sink_spawn_fn spawn;
	void *spawn_ctx;
	enum wn_status status; /* the compressor's first error */
	int err;
	ZSTD_CCtx *cctx;
	char *zout;
	size_t zout_size;
};

static enum wn_status
write_all(const struct wn_sink *to, const char *p, size_t n, int *err)
{
	if (n == 0)
		return WN_OK;
	if (to->fd < 0) {
		if (to->write(to->ctx, p, n) == 0)
			return WN_OK;
		*err = errno ? errno : EIO;
		return WN_EIO;
	}
	while (n > 0) {
		ssize_t r = write(to->fd, p, n);

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

/* Compress in[0..n) (mode ZSTD_e_continue, _flush or _end) and write. */
static enum wn_status
compress_write(
    struct sink *s, const char *in, size_t n, ZSTD_EndDirective mode, int *err)
{
	ZSTD_inBuffer ib = { in, n, 0 };
	size_t left;

	do {
		ZSTD_outBuffer ob = { s->zout, s->zout_size, 0 };

		left = ZSTD_compressStream2(s->cctx, &ob, &ib, mode);
		if (ZSTD_isError(left)) {
			*err = 0;
			return WN_ENOMEM;
		}
		if (write_all(&s->to, s->zout, ob.pos, err) != WN_OK)
			return WN_EIO;
		/* read by sink_bytes_out() on the pipeline's thread */
		pthread_mutex_lock(&s->mu);
		s->bytes_out += ob.pos;
		pthread_mutex_unlock(&s->mu);
	} while (mode != ZSTD_e_continue ? left != 0 : ib.pos < ib.size);
	return WN_OK;
}

/* Compress the pending buffer of the sink arg (no lock held) and say it
 * is done; also spawn()'s task. */
static void
compress_pending(void *arg)
{
	struct sink *s = arg;
	enum wn_status st = WN_OK;
	int err = 0;

	if (s->status == WN_OK) /* written only by whoever compresses */
		st = compress_write(
		    s, s->pending.data, s->pending.len, ZSTD_e_continue, &err);
	pthread_mutex_lock(&s->mu);
	if (st != WN_OK && s->status == WN_OK) {
		s->status = st;
		s->err = err;
	}
	s->pending.len = 0;
	s->has_pending = 0;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

/* End (or flush) the frame (no lock held; nothing pending). */
static void
compress_end(struct sink *s, ZSTD_EndDirective mode)
{
	int err = 0;
	enum wn_status st;

	if (s->status != WN_OK)
		return;
	st = compress_write(s, NULL, 0, mode, &err);
	pthread_mutex_lock(&s->mu);
	if (st != WN_OK) {
		s->status = st;
		s->err = err;
	}
	pthread_mutex_unlock(&s->mu);
}

static void *
worker(void *arg)
{
	struct sink *s = arg;

	pthread_mutex_lock(&s->mu);
	for (;;) {
		while (!s->has_pending && !s->finish && !s->stop)
			pthread_cond_wait(&s->cv, &s->mu);
		if (s->has_pending) {
			pthread_mutex_unlock(&s->mu);
			compress_pending(s);
			pthread_mutex_lock(&s->mu);
			continue;
		}
		if (s->finish) { /* and nothing pending */
			pthread_mutex_unlock(&s->mu);
			compress_end(s, ZSTD_e_end);
			pthread_mutex_lock(&s->mu);
		}
		break;
	}
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

/* Wait until nothing is pending. */
static void
wait_pending(struct sink *s)
{
	pthread_mutex_lock(&s->mu);
	while (s->has_pending)
		pthread_cond_wait(&s->cv, &s->mu);
	pthread_mutex_unlock(&s->mu);
}

/* End the own thread, after what is pending: finish, or just stop. */
static void
end_thread(struct sink *s, int finish)
{
	pthread_mutex_lock(&s->mu);
	if (finish)
		s->finish = 1;
	else
		s->stop = 1;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	pthread_join(s->thread, NULL);
}

void
sink_share(struct sink *s, sink_spawn_fn spawn, void *ctx)
{
	if (s == NULL || s->cctx == NULL || s->closed)
		return;
	if (s->by == BY_THREAD)
		end_thread(s, 0);
	wait_pending(s);
	s->spawn = spawn;
	s->spawn_ctx = ctx;
	s->by = spawn != NULL ? BY_SPAWN : BY_CALLER;
}

enum wn_status
sink_new(const struct wn_sink *to, int compress, int level, struct sink **out,
    struct wn_error *e)
{
	struct sink *s;

	*out = NULL;
	if (to->fd < 0 && to->write == NULL)
		return wn_fail(e, WN_EUSAGE,
		    "an output needs a descriptor "
		    "or a write function");
	if (compress && (level < 1 || level > ZSTD_maxCLevel()))
		return wn_fail(e, WN_EUSAGE, "compression level must be 1..%d",
		    ZSTD_maxCLevel());
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return wn_fail(e, WN_ENOMEM, "out of memory");
	s->to = *to;
	if (wn_buf_reserve(&s->buf, SINK_BUF_SIZE) != WN_OK)
		goto nomem;
	if (compress) {
		s->cctx = ZSTD_createCCtx();
		s->zout_size = ZSTD_CStreamOutSize();
		s->zout = malloc(s->zout_size);
		if (s->cctx == NULL || s->zout == NULL)
			goto nomem;
		ZSTD_CCtx_setParameter(s->cctx, ZSTD_c_compressionLevel, level);
		ZSTD_CCtx_setParameter(s->cctx, ZSTD_c_checksumFlag, 1);
		/* Every level's window, for input of unknown size, is at
		 * most 2^27 (level 22's), the decoders' default limit; the
		 * tests decode level 22 output with zstd -dc. */
		if (pthread_mutex_init(&s->mu, NULL) != 0)
			goto nomem;
		if (pthread_cond_init(&s->cv, NULL) != 0) {
			pthread_mutex_destroy(&s->mu);
			goto nomem;
		}
		if (pthread_create(&s->thread, NULL, worker, s) != 0) {
			pthread_cond_destroy(&s->cv);
			pthread_mutex_destroy(&s->mu);
			goto nomem;
		}
		s->locks = 1;
		s->by = BY_THREAD;
	}
	*out = s;
	return WN_OK;
nomem:
	sink_free(s);
	return wn_fail(e, WN_ENOMEM, "out of memory");
}

static enum wn_status
report(struct sink *s, enum wn_status st, int err, struct wn_error *e)
{
	e->name = s->to.name;
	if (st == WN_EIO) {
		e->err = err;
		return wn_fail(e, WN_EIO, "write error: %s", strerror(err));
	}
	return wn_fail(e, st, "compression failed: out of memory");
}

/* Hand the filled buffer on: to the compressor, or straight out. */
static enum wn_status
hand_over(struct sink *s, struct wn_error *e)
{
	enum wn_status st;
	int err = 0;
	struct wn_buf t;

	if (s->buf.len == 0)
		return WN_OK;
	s->bytes_in += s->buf.len;
	if (s->cctx == NULL) {
		st = write_all(&s->to, s->buf.data, s->buf.len, &err);
		s->bytes_out += s->buf.len;
		s->buf.len = 0;
		return st == WN_OK ? WN_OK : report(s, st, err, e);
	}
	if (s->by == BY_CALLER) {
		if (s->status == WN_OK)
			s->status = compress_write(s, s->buf.data, s->buf.len,
			    ZSTD_e_continue, &s->err);
		s->buf.len = 0;
		return s->status == WN_OK ? WN_OK :
		                            report(s, s->status, s->err, e);
	}
	pthread_mutex_lock(&s->mu);
	while (s->has_pending)
		pthread_cond_wait(&s->cv, &s->mu);
	st = s->status;
	err = s->err;
	if (st == WN_OK) {
		t = s->pending;
		s->pending = s->buf;
		s->buf = t;
		s->buf.len = 0;
		s->has_pending = 1;
		pthread_cond_broadcast(&s->cv);
	}
	pthread_mutex_unlock(&s->mu);
	if (st != WN_OK)
		return report(s, st, err, e);
	if (s->by == BY_SPAWN)
		s->spawn(s->spawn_ctx, compress_pending, s);
	if (wn_buf_reserve(&s->buf, SINK_BUF_SIZE) != WN_OK)
		return wn_fail(e, WN_ENOMEM, "out of memory");
	return WN_OK;
}

struct wn_buf *
sink_buf(struct sink *s)
{
	return &s->buf;
}

enum wn_status
sink_wrote(struct sink *s, struct wn_error *e)
{
	if (s->buf.len >= SINK_BUF_SIZE)
		return hand_over(s, e);
	return WN_OK;
}

enum wn_status
sink_flush(struct sink *s, struct wn_error *e)
{
	enum wn_status st = hand_over(s, e);

	if (st != WN_OK || s->cctx == NULL)
		return st;
	if (s->by != BY_CALLER)
		wait_pending(s);
	/* what the compressor holds, out to a block boundary */
	compress_end(s, ZSTD_e_flush);
	return s->status == WN_OK ? WN_OK : report(s, s->status, s->err, e);
}

enum wn_status
sink_close(struct sink *s, struct wn_error *e)
{
	enum wn_status st;
	int err;

	if (s->closed)
		return WN_OK;
	st = hand_over(s, e);
	s->closed = 1;
	if (s->cctx == NULL)
		return st;
	if (s->by == BY_THREAD) {
		end_thread(s, 1);
	} else {
		wait_pending(s);
		compress_end(s, ZSTD_e_end);
	}
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	s->locks = 0;
	if (st != WN_OK)
		return st;
	err = s->err;
	return s->status == WN_OK ? WN_OK : report(s, s->status, err, e);
}

uint64_t
sink_bytes_in(const struct sink *s)
{
	return s->bytes_in;
}

uint64_t
sink_bytes_out(const struct sink *s)
{
	uint64_t n;

	if (!s->locks)
		return s->bytes_out;
	/* compress_write() adds to it on the compressing thread */
	pthread_mutex_lock((pthread_mutex_t *)&s->mu);
	n = s->bytes_out;
	pthread_mutex_unlock((pthread_mutex_t *)&s->mu);
	return n;
}

void
sink_free(struct sink *s)
{
	if (s == NULL)
		return;
	if (s->locks && !s->closed) {
		/* no frame end: the output is not whole */
		if (s->by == BY_THREAD)
			end_thread(s, 0);
		wait_pending(s);
		pthread_cond_destroy(&s->cv);
		pthread_mutex_destroy(&s->mu);
	}
	ZSTD_freeCCtx(s->cctx);
	free(s->zout);
	wn_buf_free(&s->buf);
	wn_buf_free(&s->pending);
	free(s);
}
