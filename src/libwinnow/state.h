/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * state.h - the persistent state file: what earlier runs saw, so that a
 * daily run does not emit what yesterday's emitted (winnow(5)).
 */
#ifndef WN_STATE_H
#define WN_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "seen.h"
#include "wn.h"

/* The sets a state holds, in file order. */
enum state_set {
	STATE_KEYS,         /* paragraph keys, 8 bytes */
	STATE_FINGERPRINTS, /* near-duplicate fingerprints, 8 bytes
				   (version 1: 4) */
	STATE_HOST1,        /* host + key seen on one page, 8 bytes */
	STATE_HOST2,        /* ... on two pages, 8 bytes */
	STATE_NSETS
};

extern const char *const state_set_name[STATE_NSETS];
extern const unsigned state_width[STATE_NSETS];
/* The bytes of one value of set in a file of format version. */
unsigned state_file_width(uint32_t version, int set);

#define STATE_VERSION 2
#define STATE_HEADER_SIZE 128
#define STATE_HASH_NAME "XXH3-64"

/* What must match for two states (or a state and a run) to agree. */
struct state_params {
	uint64_t seed;
	uint32_t normalize_version;
	uint32_t shingle;
	uint32_t window;
};

/* What a state file's header says. */
struct state_info {
	struct state_params p;
	uint32_t version;
	uint64_t count[STATE_NSETS];
	uint16_t day;    /* the day of the run that wrote it */
	int64_t written; /* when, in seconds since 1970 */
	uint64_t bytes;  /* file size */
};

/* New sets for a state's entries, in state order, within memory bytes
 * (0: the default, 4 GiB), split as a run splits them: a quarter for the
 * paragraph keys, an eighth for the two sets of site lines, the rest for
 * the fingerprints; stamped with today when today > 0.  Returns 0, or -1
 * (out of memory: nothing is left allocated). */
int state_sets_new(
    size_t memory, uint16_t today, struct seen *set[STATE_NSETS]);

/* The file the state path names, in *real (free() it): path itself, or,
 * when path is a symbolic link to a regular file, that file, so that it
 * is replaced where it lies and the link stays.  Returns WN_OK, WN_EDATA
 * (a link to nothing or to something not a regular file, or path is not
 * a regular file: refused), WN_EIO or WN_ENOMEM. */
enum wn_status state_resolve(const char *path, char **real, struct wn_error *e);

/* Take the lock FILE.lock (created if needed, never replaced, never
 * through a symbolic link), waiting up to timeout seconds (0: not at
 * all).  On WN_OK *fd holds it until state_unlock(), and a FILE.tmp left
 * by a killed run is removed.  Returns WN_OK, WN_ELOCKED (busy), or
 * WN_ECREATE. */
enum wn_status state_lock(
    const char *path, double timeout, int *fd, struct wn_error *e);
void state_unlock(int fd);

/* Load FILE into the (stamped) sets (a NULL set skips its entries),
 * oldest entries first, dropping those more than max_age days (0: none)
 * older than today.  Its parameters must match *p.  A missing file is an
 * empty state (*found = 0).  Its header is checked against its size
 * before anything else is read.  Returns WN_OK, WN_EDATA (corrupt,
 * truncated, foreign, of version 1, of other parameters, or not a
 * regular file: e says which), WN_EIO or WN_ENOMEM. */
enum wn_status state_load(const char *path, const struct state_params *p,
    struct seen *const set[STATE_NSETS], uint16_t today, unsigned max_age,
    int *found, struct state_info *info, struct wn_error *e);

/* Write the sets to FILE atomically: a new temporary file in the same
 * directory (FILE.tmp with STATE_LOCKED, when the caller holds FILE's
 * lock; else FILE.tmp. and a random suffix), created with O_EXCL and
 * O_NOFOLLOW and given the mode and owner of the FILE it replaces,
 * fsync'ed, renamed over FILE, then the directory fsync'ed; entries more
 * than max_age days older than today are left out.  Returns WN_OK or
 * WN_EIO (FILE untouched, the temporary file removed) or WN_ENOMEM. */
#define STATE_LOCKED 1u
enum wn_status state_save(const char *path, const struct state_params *p,
    struct seen *const set[STATE_NSETS], uint16_t today, unsigned max_age,
    unsigned flags, struct wn_error *e);

/* state_save() in two steps, so that a run can write everything first
 * and commit it all at the end: state_write() writes and fsyncs the
 * temporary file (*out, on WN_OK), state_commit() renames it over FILE
 * and frees *out (WN_OK or WN_EIO, then the temporary file is removed),
 * state_discard() removes it instead (accepts NULL). */
struct state_pending;
enum wn_status state_write(const char *path, const struct state_params *p,
    struct seen *const set[STATE_NSETS], uint16_t today, unsigned max_age,
    unsigned flags, struct state_pending **out, struct wn_error *e);
enum wn_status state_commit(struct state_pending *t, struct wn_error *e);
void state_discard(struct state_pending *t);

/* What a state written by state_write() holds: its entries per set, by
 * age in days before the run's day (classes of state_age_bound[]), and
 * its size in bytes. */
#define STATE_AGES 7
struct state_summary {
	uint64_t count[STATE_NSETS];
	uint64_t age[STATE_NSETS][STATE_AGES];
	uint64_t bytes;
};
void state_pending_summary(
    const struct state_pending *t, struct state_summary *sum);

/* Convert FILE, of format version 1, to the current version in place
 * (the caller holds the lock): its keys and site lines are kept, its
 * 32-bit fingerprints cannot be and are left out.  set[] are empty
 * stamped sets for the state's parameters, returned in *p (a file of the
 * current version is left as it is: *upgraded = 0).  Returns as
 * state_load(), WN_ENOINPUT when FILE does not exist. */
enum wn_status state_upgrade(const char *path,
    struct seen *const set[STATE_NSETS], uint16_t today, struct state_params *p,
    int *upgraded, struct wn_error *e);

/* Read and verify FILE's header and checksum, and count its entries by
 * age in days before today into hist[] (bounds in state_age_bound[]).
 * Returns as state_load(), WN_ENOINPUT when FILE does not exist. */
extern const unsigned state_age_bound[STATE_AGES];
enum wn_status state_inspect(const char *path, uint16_t today,
    struct state_info *info, uint64_t hist[STATE_NSETS][STATE_AGES],
    struct wn_error *e);

#endif
