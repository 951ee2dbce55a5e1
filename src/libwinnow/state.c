/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * state.c - the persistent state file (state.h; format in winnow(5)).
 *
 *  1. Layout, all little-endian: a 128-byte header (magic "WNSTATE\0",
 *     version, header size, hash name "XXH3-64", key seed, normalizer
 *     version, shingle and window, the number of sets and each set's
 *     count, the day of the run that wrote it, the time, the XXH3-64 of
 *     the body, the XXH3-64 of the header before it), then per set its
 *     values (8 or 4 bytes each) and their days (2 bytes each, days since
 *     1970), sorted by home slot (seen_order()): a load writes the table
 *     in one sweep, not at random (0.3 s instead of 0.8 for 10^7 keys),
 *     and two runs that saw the same things write the same bytes.  A
 *     state larger than the memory cap is loaded oldest day first, so
 *     the cap forgets the oldest.
 *  2. Reading verifies everything before inserting anything: the header
 *     first (magic, version, header checksum, parameters), then the file's
 *     size against the size its counts give, and only then is the body
 *     mapped and its checksum computed: a sparse or huge file is refused
 *     before a byte of it is read.  A state that fails is refused, never
 *     taken as empty; so is anything but a regular file (a FIFO would
 *     block the run in open() while it holds the lock).
 *  3. Writing (doc/design.md §4): a temporary file in the same directory,
 *     written, fsync'ed and closed, renamed over FILE, then the directory
 *     fsync'ed.  A kill at any moment leaves FILE old or new, never
 *     partial.  Under the lock (FILE.lock, a separate file never renamed,
 *     so the lock survives the rename) the temporary file is FILE.tmp, and
 *     the next run removes one that a killed run left; without it (scans,
 *     shard priors) its name ends in a random suffix.  Either way it is
 *     created with O_CREAT | O_EXCL | O_NOFOLLOW: winnow runs as root from
 *     cron, and a symbolic link planted under that name must not make it
 *     write where the link points.  The lock is opened with O_NOFOLLOW for
 *     the same reason.  A replaced FILE keeps its mode and (as root) its
 *     owner; a symbolic link to a state is resolved (state_resolve()), so
 *     that the state is replaced where it lies and the link stays; a
 *     link another user (not root) owns, in the name or on the way, is
 *     refused (wn_path_resolve(), path.c).
 *  4. Version 2 stores fingerprints whole (64 bits): version 1 kept 32,
 *     and with 10^9 of them stored a new fingerprint matched one by chance
 *     in four lookups (seen.c).  Version 1 files are refused with a
 *     pointer to state_upgrade(), which keeps their keys and site lines.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <xxhash.h>

#include "state.h"

const char *const state_set_name[STATE_NSETS] = {
	"paragraph keys",
	"fingerprints",
	"site lines on one page",
	"site lines on two pages",
};
const unsigned state_width[STATE_NSETS] = { 8, 8, 8, 8 };

unsigned
state_file_width(uint32_t version, int set)
{
	return version == 1 && set == STATE_FINGERPRINTS ? 4 : state_width[set];
}
const unsigned state_age_bound[STATE_AGES] = { 0, 1, 7, 30, 90, 365, 65535 };

static const char magic[8] = "WNSTATE"; /* and its NUL */

/* 64 KiB of encoded entries per write(2). */
#define CHUNK (64 * 1024)

static void
put_u16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void
put_u32(unsigned char *p, uint32_t v)
{
	put_u16(p, (uint16_t)v);
	put_u16(p + 2, (uint16_t)(v >> 16));
}

static void
put_u64(unsigned char *p, uint64_t v)
{
	put_u32(p, (uint32_t)v);
	put_u32(p + 4, (uint32_t)(v >> 32));
}

static uint16_t
get_u16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t
get_u32(const unsigned char *p)
{
	return get_u16(p) | (uint32_t)get_u16(p + 2) << 16;
}

static uint64_t
get_u64(const unsigned char *p)
{
	return get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
}

/* Open path for writing as a new file (O_EXCL | O_NOFOLLOW: never an
 * existing file, never through a link), with the mode and owner of the
 * file it is to replace, if any. */
static int
create_new(const char *path, const struct stat *like)
{
	int fd = open(
	    path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);

	if (fd >= 0 && like != NULL) {
		/* as root, the owner too; as another user only the mode */
		if (fchown(fd, like->st_uid, like->st_gid) != 0 &&
		    geteuid() == 0) {
			int err = errno;

			close(fd);
			unlink(path);
			errno = err;
			return -1;
		}
		(void)fchmod(fd, like->st_mode & 07777);
	}
	return fd;
}

int
state_sets_new(size_t memory, uint16_t today, struct seen *set[STATE_NSETS])
{
	int i;

	if (memory == 0)
		memory = (size_t)4 << 30;
	/* a quarter of the cap for paragraph keys (~10x fewer than
	 * fingerprints), an eighth for host templates, the rest for
	 * fingerprints; all 8 bytes each (seen.c: 32-bit fingerprints
	 * matched by chance at scale) */
	set[STATE_KEYS] = seen_new(8, memory / 4);
	set[STATE_FINGERPRINTS] = seen_new(8, memory - memory / 4 - memory / 8);
	set[STATE_HOST1] = seen_new(8, memory / 16);
	set[STATE_HOST2] = seen_new(8, memory / 16);
	for (i = 0; i < STATE_NSETS; i++)
		if (set[i] == NULL ||
		    (today > 0 && seen_stamp(set[i], today) != 0))
			break;
	if (i == STATE_NSETS)
		return 0;
	for (i = 0; i < STATE_NSETS; i++) {
		seen_free(set[i]);
		set[i] = NULL;
	}
	return -1;
}

enum wn_status
state_resolve(const char *path, char **real, struct wn_error *e)
{
	struct stat sb;

	*real = NULL;
	if (lstat(path, &sb) != 0) {
		if (errno != ENOENT) {
			e->err = errno;
			return wn_fail(e, WN_EIO, "%s", strerror(errno));
		}
	} else if (S_ISLNK(sb.st_mode)) {
		/* a link to a state: the state is where it points */
		if (stat(path, &sb) != 0)
			return wn_fail(e, WN_EDATA,
			    "a symbolic link to a file "
			    "that does not exist (%s); refusing to create a "
			    "state where it points",
			    strerror(errno));
		if (!S_ISREG(sb.st_mode))
			return wn_fail(e, WN_EDATA,
			    "a symbolic link to "
			    "something that is not a regular file");
	} else if (!S_ISREG(sb.st_mode)) {
		return wn_fail(e, WN_EDATA, "not a regular file");
	}
	/* through links only its user or root could have made (path.c) */
	return wn_path_resolve(path, real, e);
}

enum wn_status
state_lock(const char *path, double timeout, int *fd, struct wn_error *e)
{
	char *lock = wn_join(path, ".lock"), *tmp;
	struct timespec pause = { 0, 100 * 1000 * 1000 };
	struct stat sb;
	double waited = 0;
	int f;

	if (lock == NULL)
		return wn_fail(e, WN_ENOMEM, "out of memory");
	/* never through a link (a dangling one would make root create a
	 * file where it points), and never blocking (a FIFO) */
	f = open(
	    lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0666);
	if (f < 0) {
		e->err = errno;
		wn_fail(e, WN_ECREATE, "%s: %s", lock,
		    errno == ELOOP ? "a symbolic link: refusing to follow it" :
		                     strerror(errno));
		free(lock);
		return WN_ECREATE;
	}
	if (fstat(f, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		wn_fail(e, WN_ECREATE, "%s: not a regular file", lock);
		close(f);
		free(lock);
		return WN_ECREATE;
	}
	while (flock(f, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			e->err = errno;
			wn_fail(e, WN_ECREATE, "%s: %s", lock, strerror(errno));
			close(f);
			free(lock);
			return WN_ECREATE;
		}
		if (waited >= timeout) {
			wn_fail(
			    e, WN_ELOCKED, "locked by another run (%s)", lock);
			close(f);
			free(lock);
			return WN_ELOCKED;
		}
		nanosleep(&pause, NULL);
		waited += 0.1;
	}
	free(lock);
	/* a temporary file of a killed run: ours to remove now (unlink()
	 * removes a link, not what it points to) */
	if ((tmp = wn_join(path, ".tmp")) != NULL) {
		unlink(tmp);
		free(tmp);
	}
	*fd = f;
	return WN_OK;
}

void
state_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* releases the flock */
}

/* A state file's bytes, mapped (or read when it cannot be). */
struct mapped {
	const unsigned char *b;
	size_t len;
	int is_mapped;
};

static void
unmap(struct mapped *m)
{
	if (m->b == NULL)
		return;
	if (m->is_mapped)
		munmap((void *)(uintptr_t)m->b, m->len);
	else
		free((void *)(uintptr_t)m->b);
	m->b = NULL;
}

/* Check the header hd (STATE_HEADER_SIZE bytes) of a file of len bytes
 * and fill *info; p, when given, must match.  Version 1 is taken only
 * with v1_ok (state_upgrade()).  Nothing of the body is read. */
static enum wn_status
verify_header(const unsigned char *b, size_t len, const struct state_params *p,
    int v1_ok, struct state_info *info, struct wn_error *e)
{
	uint64_t body = 0;
	int i;

	memset(info, 0, sizeof(*info));
	info->bytes = len;
	if (len < STATE_HEADER_SIZE || memcmp(b, magic, 8) != 0)
		return wn_fail(e, WN_EDATA,
		    len < STATE_HEADER_SIZE &&
		            (len < 8 || memcmp(b, magic, 8) == 0) ?
		        "truncated state file (%zu bytes)" :
		        "not a winnow state file",
		    len);
	info->version = get_u32(b + 8);
	if (info->version == 1 && !v1_ok)
		return wn_fail(e, WN_EDATA,
		    "state format version 1 (32-bit "
		    "fingerprints); this winnow reads version %u: 'winnow "
		    "state upgrade FILE' converts it, keeping its paragraph "
		    "keys and site lines (not its fingerprints)",
		    STATE_VERSION);
	if ((info->version != STATE_VERSION && info->version != 1) ||
	    get_u32(b + 12) != STATE_HEADER_SIZE)
		return wn_fail(e, WN_EDATA,
		    "state format version %u; this "
		    "winnow reads version %u",
		    info->version, STATE_VERSION);
	if (get_u64(b + 112) != XXH3_64bits(b, 112) || get_u64(b + 120) != 0)
		return wn_fail(e, WN_EDATA,
		    "state header checksum mismatch: "
		    "the file is corrupt");
	if (memcmp(b + 16, STATE_HASH_NAME, sizeof(STATE_HASH_NAME)) != 0)
		return wn_fail(e, WN_EDATA,
		    "state made with hash %.15s, not " STATE_HASH_NAME,
		    (const char *)b + 16);
	info->p.seed = get_u64(b + 32);
	info->p.normalize_version = get_u32(b + 40);
	info->p.shingle = get_u32(b + 44);
	info->p.window = get_u32(b + 48);
	if (get_u32(b + 52) != STATE_NSETS)
		return wn_fail(e, WN_EDATA, "state has %u sets, not %d",
		    get_u32(b + 52), STATE_NSETS);
	for (i = 0; i < STATE_NSETS; i++) {
		info->count[i] = get_u64(b + 56 + 8 * i);
		if (info->count[i] > len)
			return wn_fail(e, WN_EDATA, "truncated state file");
		body +=
		    info->count[i] * (state_file_width(info->version, i) + 2);
	}
	info->day = get_u16(b + 88);
	info->written = (int64_t)get_u64(b + 96);
	if (p != NULL) {
		if (info->p.seed != p->seed)
			return wn_fail(e, WN_EDATA,
			    "state made with key seed "
			    "%#llx, this winnow uses %#llx",
			    (unsigned long long)info->p.seed,
			    (unsigned long long)p->seed);
		if (info->p.normalize_version != p->normalize_version)
			return wn_fail(e, WN_EDATA,
			    "state made with "
			    "normalizer version %u, this winnow has %u: its "
			    "keys would not match",
			    info->p.normalize_version, p->normalize_version);
		if (info->p.shingle != p->shingle ||
		    info->p.window != p->window)
			return wn_fail(e, WN_EDATA,
			    "state made with "
			    "--shingle=%u --window=%u, this run uses "
			    "--shingle=%u --window=%u",
			    info->p.shingle, info->p.window, p->shingle,
			    p->window);
	}
	if (len - STATE_HEADER_SIZE != body)
		return wn_fail(e, WN_EDATA,
		    "%s state file: %zu bytes of "
		    "entries, the header says %llu",
		    len - STATE_HEADER_SIZE < body ? "truncated" : "corrupt",
		    len - STATE_HEADER_SIZE, (unsigned long long)body);
	return WN_OK;
}

/* Open path, check its header against its size, then map it and check
 * the body's checksum.  Returns WN_OK, WN_ENOINPUT (no file), WN_EDATA,
 * WN_EIO or WN_ENOMEM. */
static enum wn_status
map_state(const char *path, const struct state_params *p, int v1_ok,
    struct mapped *m, struct state_info *info, struct wn_error *e)
{
	unsigned char head[STATE_HEADER_SIZE];
	struct stat sb;
	enum wn_status st;
	size_t got = 0, len;
	int fd;

	memset(m, 0, sizeof(*m));
	memset(info, 0, sizeof(*info));
	/* O_NONBLOCK: a FIFO named as a state must not hang the run */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0) {
		e->err = errno;
		return wn_fail(e, errno == ENOENT ? WN_ENOINPUT : WN_EIO, "%s",
		    strerror(errno));
	}
	if (fstat(fd, &sb) != 0) {
		e->err = errno;
		close(fd);
		return wn_fail(e, WN_EIO, "%s", strerror(e->err));
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		return wn_fail(e, WN_EDATA, "not a regular file");
	}
	len = (size_t)sb.st_size;
	info->bytes = len;
	while (got < sizeof(head) && got < len) {
		ssize_t r =
		    pread(fd, head + got, sizeof(head) - got, (off_t)got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			e->err = r < 0 ? errno : 0;
			close(fd);
			return wn_fail(e, WN_EIO, "read error: %s",
			    r < 0 ? strerror(errno) : "file shrank");
		}
		got += (size_t)r;
	}
	if ((st = verify_header(head, len, p, v1_ok, info, e)) != WN_OK) {
		close(fd);
		return st;
	}
	m->len = len;
	m->b = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (m->b != MAP_FAILED) {
		m->is_mapped = 1;
		(void)madvise((void *)(uintptr_t)m->b, len, MADV_SEQUENTIAL);
	} else {
		/* a file system that cannot map: read it (its size is now
		 * known to be what its header says) */
		unsigned char *q = malloc(len);

		m->b = NULL;
		if (q == NULL) {
			close(fd);
			return wn_fail(e, WN_ENOMEM, "out of memory");
		}
		for (got = 0; got < len;) {
			ssize_t r = pread(fd, q + got, len - got, (off_t)got);

			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				e->err = r < 0 ? errno : 0;
				free(q);
				close(fd);
				return wn_fail(e, WN_EIO, "read error: %s",
				    r < 0 ? strerror(errno) : "file shrank");
			}
			got += (size_t)r;
		}
		m->b = q;
	}
	close(fd);
	if (get_u64(m->b + 104) !=
	    XXH3_64bits(m->b + STATE_HEADER_SIZE, len - STATE_HEADER_SIZE)) {
		unmap(m);
		return wn_fail(e, WN_EDATA,
		    "state checksum mismatch: the "
		    "file is corrupt");
	}
	return WN_OK;
}

static int
expired(uint16_t day, uint16_t today, unsigned max_age)
{
	return max_age > 0 && day < today && (unsigned)(today - day) > max_age;
}

/* Insert the n entries of one set at p (values, then days) into s: in
 * file order (home-slot order, one sweep of the table) when they all
 * fit, else oldest day first, so that the cap forgets the oldest.
 * Returns 0 or -1 (out of memory). */
static int
load_set(struct seen *s, const unsigned char *p, size_t n, unsigned w,
    uint16_t today, unsigned max_age)
{
	const unsigned char *days = p + n * w;
	uint32_t *order = NULL;
	size_t k;

	if (!seen_fits(s, n)) {
		size_t *count = calloc(65537, sizeof(*count));

		if (count == NULL ||
		    (order = malloc((n ? n : 1) * sizeof(*order))) == NULL) {
			free(count);
			return -1;
		}
		for (k = 0; k < n; k++)
			count[1 + get_u16(days + 2 * k)]++;
		for (k = 1; k < 65537; k++)
			count[k] += count[k - 1];
		for (k = 0; k < n; k++)
			order[count[get_u16(days + 2 * k)]++] = (uint32_t)k;
		free(count);
	}
	for (k = 0; k < n; k++) {
		size_t x = order ? order[k] : k;
		uint16_t day = get_u16(days + 2 * x);
		uint64_t v = w == 8 ? get_u64(p + 8 * x) : get_u32(p + 4 * x);

		if (expired(day, today, max_age))
			continue;
		if (seen_insert_day(s, v, day) < 0) {
			free(order);
			return -1;
		}
	}
	free(order);
	return 0;
}

/* Load the sets of a mapped, verified state of version info->version
 * into set[] (a NULL set, or a set a version 1 file does not hold in a
 * form this winnow reads, skips its entries). */
static enum wn_status
load_sets(const struct mapped *m, const struct state_info *info,
    struct seen *const set[STATE_NSETS], uint16_t today, unsigned max_age,
    struct wn_error *e)
{
	size_t off = STATE_HEADER_SIZE;
	int i;

	for (i = 0; i < STATE_NSETS; i++) {
		uint64_t n = info->count[i];
		unsigned w = state_file_width(info->version, i);

		if (set[i] != NULL && w == state_width[i] &&
		    (seen_reserve(set[i], (size_t)n) != 0 ||
		        load_set(set[i], m->b + off, (size_t)n, w, today,
		            max_age) != 0))
			return wn_fail(e, WN_ENOMEM, "out of memory");
		off += n * (w + 2);
	}
	return WN_OK;
}

enum wn_status
state_load(const char *path, const struct state_params *p,
    struct seen *const set[STATE_NSETS], uint16_t today, unsigned max_age,
    int *found, struct state_info *info, struct wn_error *e)
{
	struct mapped m;
	enum wn_status st;

	*found = 0;
	if ((st = map_state(path, p, 0, &m, info, e)) != WN_OK)
		return st == WN_ENOINPUT ? WN_OK : st;
	*found = 1;
	st = load_sets(&m, info, set, today, max_age, e);
	unmap(&m);
	return st;
}

/* Entries of one set, to sort and write. */
struct entries {
	uint64_t *v, *tv;
	uint16_t *d, *td;
	size_t n;
};

static inline unsigned
digit(const struct entries *x, size_t i, int by_day, unsigned shift,
    unsigned width)
{
	uint64_t v = by_day ? (uint64_t)x->d[i] : seen_order(width, x->v[i]);

	return (unsigned)((v >> shift) & 0xFF);
}

/* Sort by the order of the values' home slots (seen.h), so that a load
 * fills the table from start to end instead of at random: LSD radix, a
 * byte at a time. */
static void
sort_entries(struct entries *x, unsigned width)
{
	unsigned pass, passes = width;
	size_t i;

	for (pass = 0; pass < passes; pass++) {
		size_t count[257] = { 0 };
		unsigned shift = pass < width ? 8 * pass : 8 * (pass - width);
		int by_day = pass >= width;

		for (i = 0; i < x->n; i++)
			count[1 + digit(x, i, by_day, shift, width)]++;
		for (i = 1; i < 257; i++)
			count[i] += count[i - 1];
		for (i = 0; i < x->n; i++) {
			size_t j = count[digit(x, i, by_day, shift, width)]++;

			x->tv[j] = x->v[i];
			x->td[j] = x->d[i];
		}
		{
			uint64_t *tv = x->v;
			uint16_t *td = x->d;

			x->v = x->tv;
			x->d = x->td;
			x->tv = tv;
			x->td = td;
		}
	}
}

static void
entries_free(struct entries *x)
{
	free(x->v);
	free(x->tv);
	free(x->d);
	free(x->td);
}

/* Write n bytes, counting them into the checksum. */
static int
put(int fd, XXH3_state_t *h, const unsigned char *p, size_t n)
{
	if (h != NULL)
		XXH3_64bits_update(h, p, n);
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int
write_set(int fd, XXH3_state_t *h, const struct entries *x, unsigned w,
    unsigned char *chunk)
{
	size_t i, k = 0;

	for (i = 0; i < x->n; i++) {
		if (k + 8 > CHUNK) {
			if (put(fd, h, chunk, k) != 0)
				return -1;
			k = 0;
		}
		if (w == 8)
			put_u64(chunk + k, x->v[i]);
		else
			put_u32(chunk + k, (uint32_t)x->v[i]);
		k += w;
	}
	for (i = 0; i < x->n; i++) {
		if (k + 2 > CHUNK) {
			if (put(fd, h, chunk, k) != 0)
				return -1;
			k = 0;
		}
		put_u16(chunk + k, x->d[i]);
		k += 2;
	}
	return k > 0 ? put(fd, h, chunk, k) : 0;
}

/* The directory of path, for fsync. */
static int
open_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd;

	if (slash == NULL)
		return open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if ((dir = strndup(path, slash == path ? 1 : (size_t)(slash - path))) ==
	    NULL)
		return -1;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	return fd;
}

struct state_pending {
	char *tmp;  /* written, fsync'ed, closed */
	char *path; /* what it is renamed to */
	struct state_summary sum;
};

/* The entries of x by age in days before today. */
static void
count_ages(const struct entries *x, uint16_t today, uint64_t hist[STATE_AGES])
{
	size_t k;

	for (k = 0; k < x->n; k++) {
		uint16_t d = x->d[k];
		unsigned age = d < today ? (unsigned)(today - d) : 0;
		int a = 0;

		while (a < STATE_AGES - 1 && age > state_age_bound[a])
			a++;
		hist[a]++;
	}
}

void
state_pending_summary(const struct state_pending *t, struct state_summary *sum)
{
	*sum = t->sum;
}

/* A new temporary file beside path, in *tmp (free() it): FILE.tmp when
 * the caller holds the lock (a killed run's is removed first), else
 * FILE.tmp. and a random suffix.  Returns the descriptor, or -1 with
 * errno set. */
static int
create_tmp(
    const char *path, unsigned flags, const struct stat *like, char **tmp)
{
	size_t n = strlen(path);
	int fd = -1, tries;

	if ((*tmp = malloc(n + 16)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	if (flags & STATE_LOCKED) {
		snprintf(*tmp, n + 16, "%s.tmp", path);
		unlink(*tmp);
		return create_new(*tmp, like);
	}
	for (tries = 0; tries < 100; tries++) {
		struct timespec ts;
		uint64_t r;

		clock_gettime(CLOCK_REALTIME, &ts);
		r = XXH3_64bits_withSeed(&ts, sizeof(ts),
		    (uint64_t)getpid() << 32 ^ (uint64_t)tries ^
		        (uint64_t)(uintptr_t)tmp);
		snprintf(*tmp, n + 16, "%s.tmp.%06llx", path,
		    (unsigned long long)(r & 0xFFFFFF));
		if ((fd = create_new(*tmp, like)) >= 0 || errno != EEXIST)
			break;
	}
	return fd;
}

enum wn_status
state_write(const char *path, const struct state_params *p,
    struct seen *const set[STATE_NSETS], uint16_t today, unsigned max_age,
    unsigned flags, struct state_pending **out, struct wn_error *e)
{
	struct entries x[STATE_NSETS];
	unsigned char head[STATE_HEADER_SIZE], *chunk = NULL;
	XXH3_state_t *h = NULL;
	struct state_pending *t = NULL;
	struct stat old;
	char *tmp = NULL;
	enum wn_status st = WN_ENOMEM;
	int fd = -1, i, have_old;

	*out = NULL;
	memset(x, 0, sizeof(x));
	for (i = 0; i < STATE_NSETS; i++) {
		size_t n = seen_count(set[i]), k, j;

		x[i].v = malloc((n ? n : 1) * sizeof(*x[i].v));
		x[i].tv = malloc((n ? n : 1) * sizeof(*x[i].tv));
		x[i].d = malloc((n ? n : 1) * sizeof(*x[i].d));
		x[i].td = malloc((n ? n : 1) * sizeof(*x[i].td));
		if (!x[i].v || !x[i].tv || !x[i].d || !x[i].td)
			goto out;
		n = seen_export(set[i], x[i].v, x[i].d);
		for (k = j = 0; k < n; k++)
			if (!expired(x[i].d[k], today, max_age)) {
				x[i].v[j] = x[i].v[k];
				x[i].d[j++] = x[i].d[k];
			}
		x[i].n = j;
		sort_entries(&x[i], state_width[i]);
	}
	if ((chunk = malloc(CHUNK)) == NULL ||
	    (h = XXH3_createState()) == NULL ||
	    (t = calloc(1, sizeof(*t))) == NULL ||
	    (t->path = strdup(path)) == NULL)
		goto out;
	t->sum.bytes = STATE_HEADER_SIZE;
	for (i = 0; i < STATE_NSETS; i++) {
		t->sum.count[i] = x[i].n;
		t->sum.bytes += x[i].n * (state_width[i] + 2);
		count_ages(&x[i], today, t->sum.age[i]);
	}
	XXH3_64bits_reset(h);
	st = WN_EIO;
	/* what it replaces keeps its mode and owner */
	have_old = stat(path, &old) == 0 && S_ISREG(old.st_mode);
	if ((fd = create_tmp(path, flags, have_old ? &old : NULL, &tmp)) < 0) {
		e->err = errno;
		if (tmp == NULL)
			st = WN_ENOMEM;
		else
			wn_fail(e, WN_EIO, "%s: %s", tmp,
			    errno == EEXIST || errno == ELOOP ?
			        "exists (a symbolic link?): "
			        "refusing to write through it" :
			        strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	memset(head, 0, sizeof(head));
	if (put(fd, NULL, head, sizeof(head)) != 0)
		goto write_error;
	for (i = 0; i < STATE_NSETS; i++)
		if (write_set(fd, h, &x[i], state_width[i], chunk) != 0)
			goto write_error;
	memcpy(head, magic, 8);
	put_u32(head + 8, STATE_VERSION);
	put_u32(head + 12, STATE_HEADER_SIZE);
	memcpy(head + 16, STATE_HASH_NAME, sizeof(STATE_HASH_NAME));
	put_u64(head + 32, p->seed);
	put_u32(head + 40, p->normalize_version);
	put_u32(head + 44, p->shingle);
	put_u32(head + 48, p->window);
	put_u32(head + 52, STATE_NSETS);
	for (i = 0; i < STATE_NSETS; i++)
		put_u64(head + 56 + 8 * i, x[i].n);
	put_u16(head + 88, today);
	put_u64(head + 96, (uint64_t)time(NULL));
	put_u64(head + 104, XXH3_64bits_digest(h));
	put_u64(head + 112, XXH3_64bits(head, 112));
	if (lseek(fd, 0, SEEK_SET) != 0 ||
	    put(fd, NULL, head, sizeof(head)) != 0 || fsync(fd) != 0)
		goto write_error;
	if (close(fd) != 0) {
		fd = -1;
		goto write_error;
	}
	fd = -1;
	t->tmp = tmp;
	tmp = NULL;
	*out = t;
	t = NULL;
	st = WN_OK;
	goto out;
write_error:
	e->err = errno;
	wn_fail(e, WN_EIO, "writing the state: %s", strerror(errno));
	if (fd >= 0)
		close(fd);
	fd = -1;
	unlink(tmp);
out:
	if (st == WN_ENOMEM)
		wn_fail(e, WN_ENOMEM, "out of memory");
	if (fd >= 0)
		close(fd);
	for (i = 0; i < STATE_NSETS; i++)
		entries_free(&x[i]);
	free(chunk);
	free(tmp);
	if (t != NULL) {
		free(t->path);
		free(t);
	}
	if (h != NULL)
		XXH3_freeState(h);
	return st;
}

enum wn_status
state_commit(struct state_pending *t, struct wn_error *e)
{
	enum wn_status st = WN_OK;
	int dfd;

	if (rename(t->tmp, t->path) != 0) {
		e->err = errno;
		st = wn_fail(
		    e, WN_EIO, "writing the state: %s", strerror(errno));
		unlink(t->tmp);
	} else if ((dfd = open_dir(t->path)) >= 0) {
		/* the rename is durable once the directory is */
		fsync(dfd);
		close(dfd);
	}
	free(t->tmp);
	free(t->path);
	free(t);
	return st;
}

void
state_discard(struct state_pending *t)
{
	if (t == NULL)
		return;
	unlink(t->tmp);
	free(t->tmp);
	free(t->path);
	free(t);
}

enum wn_status
state_save(const char *path, const struct state_params *p,
    struct seen *const set[STATE_NSETS], uint16_t today, unsigned max_age,
    unsigned flags, struct wn_error *e)
{
	struct state_pending *t;
	enum wn_status st;

	if ((st = state_write(path, p, set, today, max_age, flags, &t, e)) !=
	    WN_OK)
		return st;
	return state_commit(t, e);
}

enum wn_status
state_inspect(const char *path, uint16_t today, struct state_info *info,
    uint64_t hist[STATE_NSETS][STATE_AGES], struct wn_error *e)
{
	struct mapped m;
	size_t off = STATE_HEADER_SIZE;
	enum wn_status st;
	int i;

	memset(hist, 0, sizeof(uint64_t) * STATE_NSETS * STATE_AGES);
	if ((st = map_state(path, NULL, 1, &m, info, e)) != WN_OK)
		return st;
	for (i = 0; i < STATE_NSETS; i++) {
		uint64_t k, n = info->count[i];
		unsigned w = state_file_width(info->version, i);
		const unsigned char *days = m.b + off + n * w;

		for (k = 0; k < n; k++) {
			uint16_t d = get_u16(days + 2 * k);
			unsigned age = d < today ? (unsigned)(today - d) : 0;
			int a = 0;

			while (a < STATE_AGES - 1 && age > state_age_bound[a])
				a++;
			hist[i][a]++;
		}
		off += n * (w + 2);
	}
	unmap(&m);
	return WN_OK;
}

enum wn_status
state_upgrade(const char *path, struct seen *const set[STATE_NSETS],
    uint16_t today, struct state_params *p, int *upgraded, struct wn_error *e)
{
	struct state_info info;
	struct mapped m;
	enum wn_status st;

	*upgraded = 0;
	if ((st = map_state(path, NULL, 1, &m, &info, e)) != WN_OK)
		return st;
	*p = info.p;
	if (info.version == STATE_VERSION) {
		unmap(&m);
		return WN_OK;
	}
	/* version 1's 32-bit fingerprints are skipped by load_sets() */
	st = load_sets(&m, &info, set, today, 0, e);
	unmap(&m);
	if (st == WN_OK &&
	    (st = state_save(path, p, set, info.day, 0, STATE_LOCKED, e)) ==
	        WN_OK)
		*upgraded = 1;
	return st;
}
