/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * readahead.c - a source read one read ahead, on its own thread
 * (readahead.h).
 *
 *  1. Two buffers: the thread fills one while the reader takes the
 *     other, in turn, so the reads come in their order.
 *  2. The thread stops after the end (a read of 0 bytes) or an error,
 *     which the reader takes in its turn, or when told to.
 *
 * What it is for, measured on the shared dev pages wrapped as a WARC (a
 * gzip member per record, 45 MB, 240 MB of pages): decoding the members
 * took a fifth of reading the file on the thread that also splits and
 * extracts the records.  Known weakness: stopping waits for the read in
 * progress, which on a pipe waits for its writer.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "readahead.h"

struct readahead {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct source *src;
	size_t size;
	char *buf[2];
	size_t got[2];
	enum wn_status st[2];
	struct wn_error err[2];
	int full[2];
	int fill, take; /* the buffer each side is at */
	int quit;
};

static void *
readahead_main(void *arg)
{
	struct readahead *r = arg;

	for (;;) {
		int k, stop;
		size_t got = 0;
		struct wn_error e;
		enum wn_status st;

		pthread_mutex_lock(&r->mu);
		while (r->full[r->fill] && !r->quit)
			pthread_cond_wait(&r->cv, &r->mu);
		if (r->quit) {
			pthread_mutex_unlock(&r->mu);
			break;
		}
		k = r->fill;
		pthread_mutex_unlock(&r->mu);
		memset(&e, 0, sizeof(e));
		st = source_read(r->src, r->buf[k], r->size, &got, &e);
		pthread_mutex_lock(&r->mu);
		r->got[k] = got;
		r->st[k] = st;
		r->err[k] = e;
		r->full[k] = 1;
		r->fill = !k;
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
		stop = st != WN_OK || got == 0;
		if (stop)
			break;
	}
	return NULL;
}

struct readahead *
readahead_start(struct source *src, size_t size)
{
	struct readahead *r = calloc(1, sizeof(*r));

	if (r == NULL)
		return NULL;
	r->src = src;
	r->size = size;
	r->buf[0] = malloc(size);
	r->buf[1] = malloc(size);
	if (r->buf[0] == NULL || r->buf[1] == NULL)
		goto fail;
	if (pthread_mutex_init(&r->mu, NULL) != 0)
		goto fail;
	if (pthread_cond_init(&r->cv, NULL) != 0) {
		pthread_mutex_destroy(&r->mu);
		goto fail;
	}
	if (pthread_create(&r->thread, NULL, readahead_main, r) != 0) {
		pthread_cond_destroy(&r->cv);
		pthread_mutex_destroy(&r->mu);
		goto fail;
	}
	return r;
fail:
	free(r->buf[0]);
	free(r->buf[1]);
	free(r);
	return NULL;
}

enum wn_status
readahead_take(
    struct readahead *r, const char **p, size_t *got, struct wn_error *e)
{
	enum wn_status st;
	int k;

	pthread_mutex_lock(&r->mu);
	k = r->take;
	while (!r->full[k])
		pthread_cond_wait(&r->cv, &r->mu);
	*p = r->buf[k];
	*got = r->got[k];
	*e = r->err[k];
	st = r->st[k];
	pthread_mutex_unlock(&r->mu);
	return st;
}

void
readahead_done(struct readahead *r)
{
	pthread_mutex_lock(&r->mu);
	r->full[r->take] = 0;
	r->take = !r->take;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

void
readahead_stop(struct readahead *r)
{
	if (r == NULL)
		return;
	pthread_mutex_lock(&r->mu);
	r->quit = 1;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	pthread_join(r->thread, NULL);
	pthread_cond_destroy(&r->cv);
	pthread_mutex_destroy(&r->mu);
	free(r->buf[0]);
	free(r->buf[1]);
	free(r);
}
