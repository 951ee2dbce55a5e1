/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * files.c - the inputs of a run: the FILE operands, the names
 * --files-from lists, and the files under each directory among them
 * (files.h).
 *
 *  1. The operands first, then the list's names in its order (one a
 *     line, or NUL-separated with --null; empty names skipped).
 *  2. A name that is a directory (a symbolic link to one, given by name,
 *     too) is replaced by the files under it: its entries in byte order
 *     of their names (strcmp(), whatever the locale), each directory's
 *     files in its place, depth first.  So the run's order is a function
 *     of the tree alone, as `LC_ALL=C ls` would list it level by level.
 *  3. Under a directory, symbolic links to directories are not followed
 *     (no cycles), and what is neither a regular file nor a link to one
 *     (FIFOs, sockets, devices) is left out: reading a FIFO found by a
 *     walk could wait for ever.  A name given as such is read whatever
 *     it is, as before.
 *
 * Every name is kept until the run ends (the pipeline's batches borrow
 * them): some 60 bytes a file.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exitcode.h"
#include "files.h"
#include "message.h"
#include "winnow.h"

static int
add(struct files *f, char *name)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 256;
		char **v = realloc(f->v, cap * sizeof(*v));

		if (v == NULL) {
			free(name);
			return -1;
		}
		f->v = v;
		f->cap = cap;
	}
	f->v[f->n++] = name;
	return 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Step 2 for the directory dir: its files, in order, into f.  Returns 0,
 * or -1 when out of memory; an unreadable directory is reported and
 * makes f->status 66. */
static int
walk(struct files *f, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i, len = strlen(dir);
	int st = 0;

	if (d == NULL) {
		message(dir, "cannot read the directory: %s", strerror(errno));
		f->status = message_worse(f->status, EX_NOINPUT);
		return 0;
	}
	while ((errno = 0, de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			size_t c = cap ? 2 * cap : 64;
			char **v = realloc(names, c * sizeof(*v));

			if (v == NULL)
				goto nomem;
			names = v;
			cap = c;
		}
		if ((names[n] = strdup(de->d_name)) == NULL)
			goto nomem;
		n++;
	}
	if (errno != 0) {
		message(dir, "cannot read the directory: %s", strerror(errno));
		f->status = message_worse(f->status, EX_NOINPUT);
	}
	closedir(d);
	d = NULL;
	if (n > 1)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n && st == 0; i++) {
		size_t k = strlen(names[i]);
		int slash = len > 0 && dir[len - 1] != '/';
		char *path = malloc(len + slash + k + 1);
		struct stat sb;

		if (path == NULL)
			goto nomem;
		memcpy(path, dir, len);
		if (slash)
			path[len] = '/';
		memcpy(path + len + slash, names[i], k + 1);
		if (lstat(path, &sb) != 0) {
			/* gone since it was listed: the pipeline says so */
			st = add(f, path);
			continue;
		}
		if (S_ISDIR(sb.st_mode)) {
			st = walk(f, path);
			free(path);
		} else if (S_ISREG(sb.st_mode) ||
		    (S_ISLNK(sb.st_mode) && stat(path, &sb) == 0 &&
		        S_ISREG(sb.st_mode))) {
			st = add(f, path);
		} else {
			free(path); /* not a file: left out (step 3) */
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return st;
nomem:
	if (d != NULL)
		closedir(d);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return -1;
}

/* One name given: a directory is walked, anything else taken as is. */
static int
name(struct files *f, const char *s)
{
	struct stat sb;
	char *copy;

	if (strcmp(s, "-") != 0 && stat(s, &sb) == 0 && S_ISDIR(sb.st_mode))
		return walk(f, s);
	if ((copy = strdup(s)) == NULL)
		return -1;
	return add(f, copy);
}

/* Read all of fd into a new NUL-terminated buffer in *out (its length
 * in *len).  Returns 0, or -1 with errno set. */
static int
slurp(int fd, char **out, size_t *len)
{
	size_t n = 0, cap = 1 << 16;
	char *b = malloc(cap);

	if (b == NULL)
		return -1;
	for (;;) {
		ssize_t r;

		if (cap - n < 2) {
			char *c = realloc(b, cap * 2);

			if (c == NULL) {
				free(b);
				return -1;
			}
			b = c;
			cap *= 2;
		}
		r = read(fd, b + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int err = errno;

			free(b);
			errno = err;
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	b[n] = '\0';
	*out = b;
	*len = n;
	return 0;
}

int
files_collect(
    struct files *f, char *const *operands, int n, const char *list, int null)
{
	int i;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < n; i++)
		if (name(f, operands[i]) != 0)
			goto nomem;
	if (list != NULL) {
		int fd;
		char *b, *p, *end;
		size_t len;
		char sep = null ? '\0' : '\n';
		struct wn_error e;

		/* through links only its user or root could have made, as
		 * every input (a root cron job's list in a shared directory) */
		memset(&e, 0, sizeof(e));
		if (strcmp(list, "-") != 0) {
			enum wn_status st = wn_path_resolve(list, NULL, &e);

			if (st != WN_OK) {
				message(list,
				    "cannot read the list of files: %s", e.msg);
				files_free(f);
				return st == WN_EDATA ? EX_NOINPUT :
				                        message_exit(st);
			}
		}
		fd = strcmp(list, "-") == 0 ? STDIN_FILENO :
		                              open(list, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || slurp(fd, &b, &len) != 0) {
			message(strcmp(list, "-") == 0 ? "stdin" : list,
			    "cannot read the list of files: %s",
			    strerror(errno));
			if (fd > STDIN_FILENO)
				close(fd);
			files_free(f);
			return EX_NOINPUT;
		}
		if (fd > STDIN_FILENO)
			close(fd);
		for (p = b, end = b + len; p < end;) {
			char *q = memchr(p, sep, (size_t)(end - p));

			if (q == NULL)
				q = end;
			*q = '\0';
			if (q > p && name(f, p) != 0) {
				free(b);
				goto nomem;
			}
			p = q + 1;
		}
		free(b);
	}
	return 0;
nomem:
	message(NULL, "out of memory");
	files_free(f);
	return EX_IOERR;
}

void
files_free(struct files *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
	memset(f, 0, sizeof(*f));
}
