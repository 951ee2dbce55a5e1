/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * outfile.c - the files winnow writes, and the signals that must not
 * leave one half-made (outfile.h).
 *
 *  1. Before the first record is read, each output is checked and its
 *     temporary file made in the output's directory (".NAME.XXXXXX",
 *     O_EXCL, so never through a planted link): an output that is one of
 *     the run's inputs, its state or a prior (same device and inode) is
 *     refused, and -o refuses an existing file without --force; a side
 *     file (--stats, --explain, --rejects, --attributes) replaces one
 *     without it only when that file is empty or starts as winnow
 *     starts such a file (an earlier run's: a daily job writes the same
 *     name again), never a file of other content that the name happened
 *     to hit ("--explain in.txt" with the input on standard input).  So a
 *     run that refuses to start (a locked state, a bad option) leaves
 *     every file as it was.  A symbolic link is written through to where
 *     it points (as a shell's > does) and stays a link, when it belongs
 *     to the user running winnow or to root (wn_path_resolve(): one
 *     another user planted is refused); a device or a FIFO (/dev/null,
 *     a pipe) is written in place.
 *  2. The output is written to the temporary file, fsync'ed, and renamed
 *     over the file at the end only when the run completed (main.c says
 *     when); otherwise it is removed, as zstd and xz remove theirs.  A
 *     replaced file's mode is kept; a new file gets 0666 less the umask.
 *  3. SIGINT, SIGTERM and SIGHUP remove the temporary files and end the
 *     process as the signal would; during the commit they wait, and the
 *     run's exit status then tells what was committed.
 *
 * Known weakness: SIGKILL leaves a temporary file (.NAME.XXXXXX); the
 * state's own temporary file is removed by the next run that takes its
 * lock.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exitcode.h"
#include "message.h"
#include "outfile.h"
#include "winnow.h"

/* the temporary files a signal removes */
#define MAX_TMP 8
static char *volatile tmps[MAX_TMP];
static volatile sig_atomic_t holding, held_signal;
static mode_t the_umask;

static void
on_signal(int sig)
{
	int i;

	if (holding) {
		held_signal = sig;
		return;
	}
	for (i = 0; i < MAX_TMP; i++)
		if (tmps[i] != NULL)
			unlink(tmps[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

void
outfile_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t i;

	the_umask = umask(0);
	umask(the_umask);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	sa.sa_flags = SA_RESTART;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;

		/* a signal ignored by whoever started us stays ignored */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

mode_t
outfile_umask(void)
{
	return the_umask;
}

void
outfile_hold(void)
{
	holding = 1;
}

int
outfile_release(void)
{
	holding = 0;
	return held_signal;
}

static void
track(char *tmp, int on)
{
	int i;

	for (i = 0; i < MAX_TMP; i++) {
		if (on && tmps[i] == NULL) {
			tmps[i] = tmp;
			return;
		}
		if (!on && tmps[i] == tmp) {
			tmps[i] = NULL;
			return;
		}
	}
}

int
outfile_avoid_add(struct outfile_avoid *a, const char *path)
{
	struct stat sb;
	int r =
	    strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, &sb) : stat(path, &sb);

	if (r != 0 || !S_ISREG(sb.st_mode))
		return 0;
	if (a->n == a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 64;
		struct outfile_avoid_file *v = realloc(a->v, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n].dev = sb.st_dev;
	a->v[a->n].ino = sb.st_ino;
	a->v[a->n].name = path;
	a->n++;
	return 0;
}

void
outfile_avoid_free(struct outfile_avoid *a)
{
	free(a->v);
	a->v = NULL;
	a->n = a->cap = 0;
}

/* A new temporary file in the directory of target, with mode. */
static int
make_tmp(const char *target, mode_t mode, char **tmp)
{
	const char *slash = strrchr(target, '/');
	size_t dirlen = slash ? (size_t)(slash - target) + 1 : 0;
	const char *base = slash ? slash + 1 : target;
	int fd;

	if ((*tmp = malloc(strlen(target) + 16)) == NULL)
		return -1;
	snprintf(*tmp, strlen(target) + 16, "%.*s.%s.XXXXXX", (int)dirlen,
	    target, base);
	if ((fd = mkostemp(*tmp, O_CLOEXEC)) < 0) {
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	(void)fchmod(fd, mode);
	return fd;
}

/* Does the regular file at path hold nothing, or begin with own (what
 * winnow writes there: an earlier run's file of that kind)? */
static int
holds_own(const char *path, const char *own)
{
	char b[32];
	size_t n = strlen(own);
	ssize_t got;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || n > sizeof(b))
		return 0;
	do
		got = read(fd, b, n);
	while (got < 0 && errno == EINTR);
	close(fd);
	return got == 0 || ((size_t)got == n && memcmp(b, own, n) == 0);
}

int
outfile_open(struct outfile *o, const char *path, int replace,
    const struct outfile_avoid *avoid)
{
	return outfile_open_own(o, path, replace, NULL, avoid);
}

int
outfile_open_own(struct outfile *o, const char *path, int replace,
    const char *own, const struct outfile_avoid *avoid)
{
	struct stat sb, lsb;
	struct wn_error e;
	mode_t mode = 0666 & ~the_umask;
	char *real = NULL;
	size_t i;

	memset(o, 0, sizeof(*o));
	o->path = path;
	o->fd = -1;
	if (lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode) &&
	    stat(path, &sb) != 0 && errno == ENOENT) {
		message(path,
		    "a symbolic link to nothing; refusing to "
		    "create a file where it points");
		return EX_CANTCREAT;
	}
	/* step 1: where it lies, through links only its user or root
	 * could have made; a link is written through and stays */
	memset(&e, 0, sizeof(e));
	if (wn_path_resolve(path, &real, &e) != WN_OK) {
		message(path, "%s", e.msg);
		return EX_CANTCREAT;
	}
	/* the name as the system follows it: a link in /proc (/dev/stdout)
	 * names a pipe or a terminal, not a path, and is opened as it is */
	if (stat(path, &sb) == 0) {
		for (i = 0; avoid != NULL && i < avoid->n; i++)
			if (sb.st_dev == avoid->v[i].dev &&
			    sb.st_ino == avoid->v[i].ino) {
				message(path,
				    "is also %s%s; refusing to "
				    "overwrite it",
				    strcmp(avoid->v[i].name, "-") == 0 ?
				        "standard input" :
				        "",
				    strcmp(avoid->v[i].name, "-") == 0 ?
				        "" :
				        message_quote(avoid->v[i].name));
				free(real);
				return EX_USAGE;
			}
		if (S_ISDIR(sb.st_mode)) {
			message(path, "%s", strerror(EISDIR));
			free(real);
			return EX_CANTCREAT;
		}
		if (!S_ISREG(sb.st_mode)) {
			/* a device or a FIFO: written in place */
			o->fd = open(path, O_WRONLY | O_CLOEXEC);
			free(real);
			if (o->fd < 0) {
				message(path, "%s", strerror(errno));
				return EX_CANTCREAT;
			}
			o->done = 1;
			return 0;
		}
		if (!replace && (own == NULL || !holds_own(real, own))) {
			message(path, "exists%s; use --force to replace it",
			    own != NULL ? " and is not a file of this kind "
			                  "that winnow wrote" :
			                  "");
			free(real);
			return EX_CANTCREAT;
		}
		mode = sb.st_mode & 07777;
	} else if (errno != ENOENT) {
		message(path, "%s", strerror(errno));
		free(real);
		return EX_CANTCREAT;
	}
	o->target = real;
	if ((o->fd = make_tmp(o->target, mode, &o->tmp)) < 0) {
		message(path, "%s", strerror(errno));
		free(o->target);
		o->target = NULL;
		return EX_CANTCREAT;
	}
	track(o->tmp, 1);
	return 0;
}

int
outfile_close(struct outfile *o)
{
	int st = 0;

	if (o->fd < 0)
		return 0;
	if (o->tmp != NULL && fsync(o->fd) != 0) {
		message(o->path, "%s", strerror(errno));
		st = EX_IOERR;
	}
	if (close(o->fd) != 0 && st == 0) {
		message(o->path, "%s", strerror(errno));
		st = EX_IOERR;
	}
	o->fd = -1;
	return st;
}

/* Sync the directory of path: the rename is durable once it is. */
static void
sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd;

	if (slash == NULL)
		dir = strdup(".");
	else
		dir = strndup(path, slash == path ? 1 : (size_t)(slash - path));
	if (dir == NULL)
		return;
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

int
outfile_commit(struct outfile *o)
{
	if (o->done || o->tmp == NULL)
		return 0;
	o->done = 1;
	if (rename(o->tmp, o->target) != 0) {
		message(o->path, "%s", strerror(errno));
		unlink(o->tmp);
		track(o->tmp, 0);
		return EX_IOERR;
	}
	track(o->tmp, 0);
	sync_dir(o->target);
	return 0;
}

void
outfile_abort(struct outfile *o)
{
	if (o->fd >= 0) {
		close(o->fd);
		o->fd = -1;
	}
	if (!o->done && o->tmp != NULL) {
		unlink(o->tmp);
		track(o->tmp, 0);
	}
	o->done = 1;
	free(o->tmp);
	free(o->target);
	o->tmp = o->target = NULL;
}
