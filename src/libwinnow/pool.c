/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * pool.c - a round of jobs shared by a few threads (pool.h).
 *
 * One mutex guards the round: the next job to take and the jobs done.
 * Jobs are documents (tens of microseconds and more), so taking the lock
 * once per job costs nothing that shows.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>

#include "pool.h"

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t work;  /* a round started, a task came, or quit */
	pthread_cond_t ended; /* the round's last job is done */
	pthread_t *t;
	int threads;
	pool_fn fn;
	void *ctx;
	size_t n, next, done;
	int quit;
	void (*task)(void *); /* pool_task()'s, not yet taken */
	void *task_arg;
};

struct arg {
	struct pool *p;
	int t;
};

/* Take and run jobs while there are; called and returns with p->mu held. */
static void
run_jobs(struct pool *p, int t)
{
	while (p->next < p->n) {
		size_t i = p->next++;

		pthread_mutex_unlock(&p->mu);
		p->fn(p->ctx, t, i);
		pthread_mutex_lock(&p->mu);
		if (++p->done == p->n)
			pthread_cond_broadcast(&p->ended);
	}
}

/* Take and run the task, if there is one; called and returns with
 * p->mu held. */
static int
run_task(struct pool *p)
{
	void (*fn)(void *) = p->task;
	void *arg = p->task_arg;

	if (fn == NULL)
		return 0;
	p->task = NULL;
	pthread_mutex_unlock(&p->mu);
	fn(arg);
	pthread_mutex_lock(&p->mu);
	return 1;
}

/* The pool's threads: the task first, then one job at a time (a task
 * that comes meanwhile waits for one job, not for the round). */
static void *
worker(void *v)
{
	struct arg a = *(struct arg *)v;
	struct pool *p = a.p;

	free(v);
	pthread_mutex_lock(&p->mu);
	for (;;) {
		size_t i;

		while (!p->quit && p->task == NULL && p->next >= p->n)
			pthread_cond_wait(&p->work, &p->mu);
		if (run_task(p))
			continue;
		if (p->next >= p->n) /* quit, and nothing left */
			break;
		i = p->next++;
		pthread_mutex_unlock(&p->mu);
		p->fn(p->ctx, a.t, i);
		pthread_mutex_lock(&p->mu);
		if (++p->done == p->n)
			pthread_cond_broadcast(&p->ended);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

struct pool *
pool_new(int threads, pool_fn fn, void *ctx)
{
	struct pool *p = calloc(1, sizeof(*p));
	int i;

	if (p == NULL)
		return NULL;
	if ((p->t = calloc((size_t)threads, sizeof(*p->t))) == NULL) {
		free(p);
		return NULL;
	}
	p->fn = fn;
	p->ctx = ctx;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->ended, NULL);
	for (i = 0; i < threads; i++) {
		struct arg *a = malloc(sizeof(*a));

		if (a == NULL)
			break;
		a->p = p;
		a->t = i + 1;
		if (pthread_create(&p->t[i], NULL, worker, a) != 0) {
			free(a);
			break;
		}
		p->threads++;
	}
	if (p->threads < threads) {
		pool_free(p);
		return NULL;
	}
	return p;
}

void
pool_free(struct pool *p)
{
	int i;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->quit = 1;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < p->threads; i++)
		pthread_join(p->t[i], NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->ended);
	free(p->t);
	free(p);
}

void
pool_start(struct pool *p, size_t n)
{
	pthread_mutex_lock(&p->mu);
	p->n = n;
	p->next = 0;
	p->done = 0;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
}

void
pool_help(struct pool *p)
{
	pthread_mutex_lock(&p->mu);
	run_jobs(p, 0);
	pthread_mutex_unlock(&p->mu);
}

void
pool_task(struct pool *p, void (*fn)(void *), void *arg)
{
	pthread_mutex_lock(&p->mu);
	p->task = fn;
	p->task_arg = arg;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
}

void
pool_wait(struct pool *p)
{
	pthread_mutex_lock(&p->mu);
	run_jobs(p, 0); /* the jobs nobody has taken yet */
	while (p->done < p->n)
		pthread_cond_wait(&p->ended, &p->mu);
	pthread_mutex_unlock(&p->mu);
}
