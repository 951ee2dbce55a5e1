/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * outfile.h - the files winnow writes (-o, --explain, --rejects,
 * --stats): each written to a new temporary file beside it and renamed
 * over it only when the run says so, never through a symbolic link,
 * never over one of the run's inputs or its state; and the signals that
 * must not leave a temporary file behind (CLI only).
 */
#ifndef WN_OUTFILE_H
#define WN_OUTFILE_H

#include <sys/types.h>

/* The files a run must not write over: its inputs, its state, its
 * priors (device and inode). */
struct outfile_avoid {
	struct outfile_avoid_file {
		dev_t dev;
		ino_t ino;
		const char *name;
	} * v;
	size_t n, cap;
};

/* Add the file at path (standard input for "-") to *a, when it is a
 * regular file.  Returns 0, or -1 when out of memory. */
int outfile_avoid_add(struct outfile_avoid *a, const char *path);
/* Frees a's list (not a). */
void outfile_avoid_free(struct outfile_avoid *a);

struct outfile {
	const char *path; /* as given */
	char *target;     /* where it goes: path, or a link's target */
	char *tmp;        /* the temporary file, or NULL: written in
				   place (a device, a FIFO) */
	int fd;
	int done; /* renamed, or removed */
};

/* Make the temporary file for path.  replace: an existing file may be
 * replaced (else it is refused: -o without --force); avoid: refused
 * when path is one of them.  Returns 0, or the exit status after saying
 * why (73, or 64 for an output that is an input). */
int outfile_open(struct outfile *o, const char *path, int replace,
    const struct outfile_avoid *avoid);
/* The same for a side file: without replace, an existing file is
 * replaced only when it is empty or begins with own (the bytes winnow
 * begins that kind of file with). */
int outfile_open_own(struct outfile *o, const char *path, int replace,
    const char *own, const struct outfile_avoid *avoid);

/* Flush (fsync) and close the file; 0, or 74 after saying why. */
int outfile_close(struct outfile *o);
/* Rename the temporary file over the file; 0, or 74 after saying why.
 * The directory is synced after it. */
int outfile_commit(struct outfile *o);
/* Remove the temporary file (if not committed); accepts o->fd open. */
void outfile_abort(struct outfile *o);

/* Signals: SIGINT, SIGTERM and SIGHUP remove every temporary file that
 * outfile_open() made and not yet committed or aborted, then end the
 * process as the signal does (its exit status says so).  Between
 * outfile_hold() and outfile_release() (the commit) they wait; one that
 * came meanwhile does not end the run, which is then complete, and
 * outfile_release() returns its number (0 if none). */
void outfile_signals(void);
void outfile_hold(void);
int outfile_release(void);

/* The process's umask, read once at start (outfile_signals()). */
mode_t outfile_umask(void);

#endif
