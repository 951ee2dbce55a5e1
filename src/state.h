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
	STATE_KEYS,		/* paragraph keys, 8 bytes */
	STATE_FINGERPRINTS,	/* near-duplicate fingerprints, 4 bytes */
	STATE_HOST1,		/* host + key seen on one page, 8 bytes */
	STATE_HOST2,		/* ... on two pages, 8 bytes */
	STATE_NSETS
};

extern const char *const state_set_name[STATE_NSETS];
extern const unsigned state_width[STATE_NSETS];

#define STATE_VERSION 1
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
	uint16_t day;		/* the day of the run that wrote it */
	int64_t written;	/* when, in seconds since 1970 */
	uint64_t bytes;		/* file size */
};

/* Take the lock FILE.lock (created if needed, never replaced), waiting
 * up to timeout seconds (0: not at all).  On WN_OK *fd holds it until
 * state_unlock(), and a FILE.tmp left by a killed run is removed.
 * Returns WN_OK, WN_ELOCKED (busy), or WN_ECREATE. */
enum wn_status state_lock(const char *path, double timeout, int *fd,
    struct wn_error *e);
void state_unlock(int fd);

/* Load FILE into the (stamped) sets (a NULL set skips its entries), oldest entries first, dropping those
 * more than max_age days (0: none) older than today.  Its parameters
 * must match *p.  A missing file is an empty state (*found = 0).  Returns WN_OK, WN_EDATA (corrupt,
 * truncated, foreign or other parameters: e says which), WN_EIO or
 * WN_ENOMEM. */
enum wn_status state_load(const char *path, const struct state_params *p,
    struct seen *const set[STATE_NSETS], uint16_t today, unsigned max_age,
    int *found, struct state_info *info, struct wn_error *e);

/* Write the sets to FILE atomically: FILE.tmp in the same directory,
 * fsync, rename over FILE, fsync the directory; entries more than max_age
 * days older than today are left out.  The caller holds the lock.
 * Returns WN_OK or WN_EIO (FILE untouched, FILE.tmp removed) or
 * WN_ENOMEM. */
enum wn_status state_save(const char *path, const struct state_params *p,
    struct seen *const set[STATE_NSETS], uint16_t today, unsigned max_age,
    struct wn_error *e);

/* Read and verify FILE's header and checksum, and count its entries by
 * age in days before today into hist[] (bounds in state_age_bound[]).
 * Returns as state_load(), WN_ENOINPUT when FILE does not exist. */
#define STATE_AGES 7
extern const unsigned state_age_bound[STATE_AGES];
enum wn_status state_inspect(const char *path, uint16_t today,
    struct state_info *info, uint64_t hist[STATE_NSETS][STATE_AGES],
    struct wn_error *e);

#endif
