/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * pool.h - a few threads that share out the jobs of a round: the caller
 * starts a round of n jobs, does other work, helps with the jobs left,
 * and waits for the round to end.  Which thread ran which job never
 * changes a result: each job writes only its own slot.  Between jobs the
 * threads also run a task given to them (the writer's compression).
 */
#ifndef WN_POOL_H
#define WN_POOL_H

#include <stddef.h>

/* Run job i of the current round on thread t (0 is the caller's,
 * 1..threads the pool's). */
typedef void (*pool_fn)(void *ctx, int t, size_t i);

struct pool;

/* Start threads more threads.  Returns NULL when they cannot be made. */
struct pool *pool_new(int threads, pool_fn fn, void *ctx);
/* Stops the threads (after the current round) and frees p; accepts NULL. */
void pool_free(struct pool *p);
/* A new round of jobs 0..n-1; the last one must have ended. */
void pool_start(struct pool *p, size_t n);
/* Run jobs of the round on the caller's thread until none is left to
 * take. */
void pool_help(struct pool *p);
/* Run the jobs of the round nobody has taken on the caller's thread,
 * then wait until every job of the round has been run. */
void pool_wait(struct pool *p);
/* Have one of the pool's threads run fn(arg), before its next job.  One
 * task at a time: the caller waits for it to end (by its own means)
 * before it gives another.  pool_free() runs a task not yet taken. */
void pool_task(struct pool *p, void (*fn)(void *), void *arg);

#endif
