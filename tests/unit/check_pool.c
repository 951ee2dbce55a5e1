/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_pool.c - every job of a round runs once, on some thread, and a
 * round ends when its last job does; empty rounds and many rounds. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"
#include "suites.h"

#define JOBS 1000

struct ctx {
	int ran[JOBS];
	int thread_seen[8];
	unsigned long long sum[JOBS];
	/* when set, a job on a pool thread waits until the caller (thread
	 * 0) has run one: then the caller must take a job for the round to
	 * end, whatever the scheduling */
	int hold;
	int caller_ran; /* atomic */
};

static void
job(void *v, int t, size_t i)
{
	struct ctx *c = v;
	unsigned long long s = 0, k;

	/* some work, so that the threads overlap */
	for (k = 0; k < 2000 + i; k++)
		s += k * i;
	c->sum[i] = s;
	c->ran[i]++;
	if (t >= 0 && t < 8)
		c->thread_seen[t] = 1;
	if (t == 0)
		__atomic_store_n(&c->caller_ran, 1, __ATOMIC_RELEASE);
	else if (c->hold)
		while (!__atomic_load_n(&c->caller_ran, __ATOMIC_ACQUIRE))
			;
}

START_TEST(test_rounds)
{
	struct ctx *c = calloc(1, sizeof(*c));
	struct pool *p;
	size_t i, round;

	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_nonnull(p = pool_new(3, job, c));
	for (round = 0; round < 20; round++) {
		size_t n = round == 5 ? 0 : (round * 97) % JOBS + 1;

		memset(c->ran, 0, sizeof(c->ran));
		pool_start(p, n);
		pool_help(p);
		pool_wait(p);
		for (i = 0; i < JOBS; i++) {
			unsigned long long s = 0, k;

			ck_assert_int_eq(c->ran[i], i < n ? 1 : 0);
			if (i >= n)
				continue;
			for (k = 0; k < 2000 + i; k++)
				s += k * i;
			ck_assert(c->sum[i] == s);
		}
	}
	/* the caller is thread 0 and takes jobs too: with the pool's three
	 * threads held until it has, a round of 8 ends only if it does */
	c->hold = 1;
	memset(c->ran, 0, sizeof(c->ran));
	pool_start(p, 8);
	pool_help(p);
	pool_wait(p);
	c->hold = 0;
	ck_assert_int_eq(c->thread_seen[0], 1);
	for (i = 0; i < 8; i++)
		ck_assert_int_eq(c->ran[i], 1);
	pool_free(p);
	/* no threads: the caller does it all */
	ck_assert_ptr_nonnull(p = pool_new(0, job, c));
	memset(c->ran, 0, sizeof(c->ran));
	pool_start(p, 10);
	pool_help(p);
	pool_wait(p);
	for (i = 0; i < 10; i++)
		ck_assert_int_eq(c->ran[i], 1);
	pool_free(p);
	pool_free(NULL);
	free(c);
}
END_TEST

struct tally {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int ran;
};

static void
task(void *v)
{
	struct tally *t = v;

	pthread_mutex_lock(&t->mu);
	t->ran++;
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
}

START_TEST(test_tasks)
{
	/* tasks run on the pool's threads while rounds go on, one at a
	 * time; pool_free() runs one not yet taken */
	struct ctx *c = calloc(1, sizeof(*c));
	struct tally t;
	struct pool *p;
	int k;

	ck_assert_ptr_nonnull(c);
	pthread_mutex_init(&t.mu, NULL);
	pthread_cond_init(&t.cv, NULL);
	t.ran = 0;
	ck_assert_ptr_nonnull(p = pool_new(1, job, c));
	for (k = 0; k < 50; k++) {
		size_t i;

		memset(c->ran, 0, sizeof(c->ran));
		pool_start(p, JOBS);
		pool_task(p, task, &t);
		pool_wait(p);
		for (i = 0; i < JOBS; i++)
			ck_assert_int_eq(c->ran[i], 1);
		pthread_mutex_lock(&t.mu);
		while (t.ran < k + 1)
			pthread_cond_wait(&t.cv, &t.mu);
		ck_assert_int_eq(t.ran, k + 1);
		pthread_mutex_unlock(&t.mu);
	}
	pool_task(p, task, &t);
	pool_free(p);
	ck_assert_int_eq(t.ran, 51);
	pthread_cond_destroy(&t.cv);
	pthread_mutex_destroy(&t.mu);
	free(c);
}
END_TEST

Suite *
pool_suite(void)
{
	Suite *s = suite_create("pool");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_rounds);
	tcase_add_test(tc, test_tasks);
	suite_add_tcase(s, tc);
	return s;
}
