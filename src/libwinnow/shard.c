/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * shard.c - exact sharded runs (shard.h).
 *
 * One run over shards 1..K in order decides a paragraph by what was seen
 * before it: in the state, in an earlier shard, or earlier in its own
 * shard (doc/design.md §5: seen means occurred earlier, whatever was kept).
 * A shard replays its own part in order, so all it lacks is the first:
 * which of the values it will look up the state and the earlier shards
 * hold.  That is its "prior", the intersection of its scan with the
 * union of the state and the earlier scans.  A key's "first position
 * (shard, record, paragraph)" thus reduces to its first shard: within
 * the shard the replay finds the rest.
 *
 *  1. Keys and fingerprints: a set U starts as the state; for shard k,
 *     each value of its scan is inserted into U, and the ones U already
 *     held go into prior k.  U, stamped with today, is the next state.
 *  2. Site templates count the pages of a host+key, up to two: "on one
 *     earlier page" (host1) and "on two" (host2).  For each host+key of
 *     scan k (a page count c_k of 1 or 2), prior k gets the count before
 *     the shard, c = [U.host1] + [U.host2]; then U counts c + c_k.  The
 *     days follow what one run's insertions would stamp: host1 today
 *     when the shard has a page of it, host2 today when c + c_k >= 2.
 *  3. A scan holds only what its shard looked up, so a prior is at most
 *     the size of its scan, whatever the size of the state.
 *
 * Split by value (part/parts), the parts are independent: a shard loads
 * each part's prior, and 'winnow state merge' joins the next states.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "seen.h"
#include "shard.h"
#include "state.h"

int
shard_in_part(unsigned width, uint64_t v, unsigned part, unsigned parts)
{
	uint64_t o;

	if (parts <= 1)
		return 1;
	o = seen_order(width, width == 8 ? v : (uint32_t)v);
	if (width == 8)
		o >>= 32;
	return (unsigned)((o * parts) >> 32) == part;
}

static void
sets_free(struct seen *set[STATE_NSETS])
{
	int i;

	for (i = 0; i < STATE_NSETS; i++) {
		seen_free(set[i]);
		set[i] = NULL;
	}
}

static int
sets_new(struct seen *set[STATE_NSETS], uint16_t day)
{
	int i;

	for (i = 0; i < STATE_NSETS; i++)
		set[i] = NULL;
	for (i = 0; i < STATE_NSETS; i++)
		if ((set[i] = seen_new(state_width[i], 0)) == NULL ||
		    seen_stamp(set[i], day) != 0) {
			sets_free(set);
			return -1;
		}
	return 0;
}

/* Make room in each set of to for as many values as like's. */
static int
reserve_like(struct seen *to[STATE_NSETS], struct seen *like[STATE_NSETS])
{
	int i;

	for (i = 0; i < STATE_NSETS; i++)
		if (seen_reserve(to[i], seen_count(like[i])) != 0)
			return -1;
	return 0;
}

/* The values (and days) of a set, in part. */
struct values {
	uint64_t *v;
	uint16_t *d;
	size_t n;
};

static int
values_of(const struct seen *s, unsigned width,
    const struct shard_merge_options *o, struct values *x)
{
	size_t n = seen_count(s), k, j;

	x->v = malloc((n ? n : 1) * sizeof(*x->v));
	x->d = malloc((n ? n : 1) * sizeof(*x->d));
	if (x->v == NULL || x->d == NULL) {
		free(x->v);
		free(x->d);
		return -1;
	}
	n = seen_export(s, x->v, x->d);
	for (k = j = 0; k < n; k++)
		if (shard_in_part(width, x->v[k], o->part, o->parts)) {
			x->v[j] = x->v[k];
			x->d[j++] = x->d[k];
		}
	x->n = j;
	return 0;
}

/* Put "path: " before e's message. */
static void
name_it(struct wn_error *e, const char *path)
{
	size_t n = strlen(path), m = strlen(e->msg), cap = sizeof(e->msg) - 1;

	/* the path first, then as much of the message as fits */
	if (n + 2 > cap)
		n = cap - 2;
	if (m > cap - n - 2)
		m = cap - n - 2;
	memmove(e->msg + n + 2, e->msg, m);
	memcpy(e->msg, path, n);
	memcpy(e->msg + n, ": ", 2);
	e->msg[n + 2 + m] = '\0';
}

/* Load the state into u (only the part's values). */
static enum wn_status
load_state(const struct shard_merge_options *o, const struct state_params *p,
    struct seen *u[STATE_NSETS], struct wn_error *e)
{
	struct seen *all[STATE_NSETS];
	struct state_info info;
	enum wn_status st;
	int i, found;

	if (o->parts <= 1)
		return state_load(
		    o->state, p, u, o->today, o->max_age, &found, &info, e);
	if (sets_new(all, o->today) != 0)
		return wn_fail(e, WN_ENOMEM, "out of memory");
	st = state_load(
	    o->state, p, all, o->today, o->max_age, &found, &info, e);
	if (st == WN_OK && reserve_like(u, all) != 0)
		st = wn_fail(e, WN_ENOMEM, "out of memory");
	for (i = 0; i < STATE_NSETS && st == WN_OK; i++) {
		struct values x;
		size_t k;

		if (values_of(all[i], state_width[i], o, &x) != 0) {
			st = wn_fail(e, WN_ENOMEM, "out of memory");
			break;
		}
		for (k = 0; k < x.n; k++)
			if (seen_insert_day(u[i], x.v[k], x.d[k]) < 0) {
				st = wn_fail(e, WN_ENOMEM, "out of memory");
				break;
			}
		free(x.v);
		free(x.d);
	}
	sets_free(all);
	return st;
}

/* Step 1 and 2 for one scan: fill prior from scan, and count it in u. */
static int
merge_one(const struct shard_merge_options *o, struct seen *u[STATE_NSETS],
    struct seen *scan[STATE_NSETS], struct seen *prior[STATE_NSETS])
{
	struct values x;
	size_t k;
	int i;

	for (i = STATE_KEYS; i <= STATE_FINGERPRINTS; i++) {
		if (values_of(scan[i], state_width[i], o, &x) != 0)
			return -1;
		for (k = 0; k < x.n; k++) {
			int had = seen_insert(u[i], x.v[k]);

			if (had < 0 ||
			    (had && seen_insert(prior[i], x.v[k]) < 0))
				break;
		}
		free(x.v);
		free(x.d);
		if (k < x.n)
			return -1;
	}
	if (values_of(scan[STATE_HOST1], 8, o, &x) != 0)
		return -1;
	for (k = 0; k < x.n; k++) {
		uint64_t v = x.v[k];
		int before = seen_contains(u[STATE_HOST1], v) +
		    seen_contains(u[STATE_HOST2], v);
		int own = 1 + seen_contains(scan[STATE_HOST2], v);

		if ((before >= 1 && seen_insert(prior[STATE_HOST1], v) < 0) ||
		    (before >= 2 && seen_insert(prior[STATE_HOST2], v) < 0) ||
		    seen_insert(u[STATE_HOST1], v) < 0 ||
		    (before + own >= 2 && seen_insert(u[STATE_HOST2], v) < 0))
			break;
	}
	free(x.v);
	free(x.d);
	return k < x.n ? -1 : 0;
}

enum wn_status
shard_merge(const struct shard_merge_options *o, const char *const *scan,
    size_t n, struct wn_error *e)
{
	struct seen *u[STATE_NSETS], *s[STATE_NSETS], *pr[STATE_NSETS];
	uint64_t hist[STATE_NSETS][STATE_AGES];
	struct state_params p;
	struct state_info info;
	uint64_t total[STATE_NSETS] = { 0, 0, 0, 0 };
	enum wn_status st;
	size_t k;
	int found;

	if (n == 0)
		return wn_fail(e, WN_EUSAGE, "no scan to merge");
	/* the first scan gives the parameters; the others and the state
	 * must have the same */
	if ((st = state_inspect(scan[0], o->today, &info, hist, e)) != WN_OK) {
		name_it(e, scan[0]);
		return st;
	}
	p = info.p;
	if (sets_new(u, o->today) != 0)
		return wn_fail(e, WN_ENOMEM, "out of memory");
	if (o->state != NULL && (st = load_state(o, &p, u, e)) != WN_OK) {
		name_it(e, o->state);
		sets_free(u);
		return st;
	}
	/* Values come out of a set in the order of their home slots, and a
	 * table filled in that order while it is small piles them into one
	 * cluster (each insertion probing past all before it): so every
	 * table is made its final size first, for at most every value. */
	for (k = 0; k < n; k++) {
		int i;

		if ((st = state_inspect(scan[k], o->today, &info, hist, e)) !=
		    WN_OK) {
			name_it(e, scan[k]);
			sets_free(u);
			return st;
		}
		for (i = 0; i < STATE_NSETS; i++)
			total[i] += info.count[i];
	}
	for (k = 0; k < STATE_NSETS; k++)
		if (seen_reserve(u[k], (size_t)total[k] + seen_count(u[k])) !=
		    0) {
			sets_free(u);
			return wn_fail(e, WN_ENOMEM, "out of memory");
		}
	for (k = 0; k < n; k++) {
		char *out;

		if (sets_new(s, o->today) != 0) {
			sets_free(u);
			return wn_fail(e, WN_ENOMEM, "out of memory");
		}
		if (sets_new(pr, o->today) != 0) {
			sets_free(s);
			sets_free(u);
			return wn_fail(e, WN_ENOMEM, "out of memory");
		}
		st = state_load(scan[k], &p, s, o->today, 0, &found, &info, e);
		if (st == WN_OK && found && reserve_like(pr, s) != 0)
			st = wn_fail(e, WN_ENOMEM, "out of memory");
		if (st == WN_OK && !found)
			st = wn_fail(e, WN_ENOINPUT,
			    "%s: No such file or "
			    "directory",
			    scan[k]);
		else if (st != WN_OK)
			name_it(e, scan[k]);
		if (st == WN_OK && merge_one(o, u, s, pr) != 0)
			st = wn_fail(e, WN_ENOMEM, "out of memory");
		if (st == WN_OK && (out = wn_join(scan[k], o->suffix)) == NULL)
			st = wn_fail(e, WN_ENOMEM, "out of memory");
		else if (st == WN_OK) {
			st = state_save(out, &p, pr, o->today, 0, 0, e);
			free(out);
		}
		sets_free(s);
		sets_free(pr);
		if (st != WN_OK) {
			sets_free(u);
			return st;
		}
	}
	st = o->next != NULL ?
	    state_save(o->next, &p, u, o->today, o->max_age, 0, e) :
	    WN_OK;
	sets_free(u);
	return st;
}
