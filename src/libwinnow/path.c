/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * path.c - where a file name leads, and whether winnow may follow it
 * there (wn_path_resolve(), winnow.h).
 *
 * winnow runs from cron, often as root, over directories other users
 * fill (a scraper's output, a shared /tmp).  A symbolic link planted
 * there by one of them would make it write its output, explain file or
 * state where the link points (/etc/passwd), or read what the link
 * points to (/etc/shadow) into an output others can read.  Linux guards
 * the same case with fs.protected_symlinks, but only for links in
 * sticky world-writable directories, only where it is switched on (it
 * is off in many containers), and not at all for a program that
 * resolves a link by reading it, as realpath(3) does.
 *
 *  1. The name is walked one component at a time, as realpath(3) walks
 *     it: "." is skipped, ".." drops the component before it (which is
 *     never a link, so this is the physical parent), anything else is
 *     lstat()ed.
 *  2. A symbolic link is followed only when it belongs to the user
 *     running winnow (the effective uid) or to root: no other user can
 *     point it.  Any other link, anywhere in the name or in what links
 *     point to, is refused with its owner named, before a byte is read
 *     or written.  A user who means it names the file the link points
 *     to.
 *  3. At most LINK_HOPS links are followed (ELOOP beyond, as the kernel
 *     counts).
 *  4. A component that does not exist (a new output) or cannot be
 *     looked at ends the walk: the rest of the name is appended as it
 *     is, and opening it fails or succeeds as the system decides.
 *
 * The result has no link in it: an output's temporary file and the
 * rename over it go where the file lies, and the link stays.
 *
 * Known weaknesses: this is a check before use, not a walk with
 * O_NOFOLLOW file descriptors: a user who can write a directory of the
 * name can still swap a component between the check and the open (a
 * race, where the check closes the standing trap).  A hard link to a
 * file the user could not write (fs.protected_hardlinks off) is not a
 * link to this walk.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wn.h"

/* Links followed at most, as Linux's MAXSYMLINKS. */
#define LINK_HOPS 40

/* Append the n bytes of s to the NUL-terminated *b (capacity *cap),
 * with a '/' before it unless *b is empty or ends in one. */
static int
append(char **b, size_t *cap, const char *s, size_t n)
{
	size_t len = strlen(*b);
	int slash = len > 0 && (*b)[len - 1] != '/';

	if (len + slash + n + 1 > *cap) {
		size_t c = (len + slash + n + 1) * 2;
		char *nb = realloc(*b, c);

		if (nb == NULL)
			return -1;
		*b = nb;
		*cap = c;
	}
	if (slash)
		(*b)[len++] = '/';
	memcpy(*b + len, s, n);
	(*b)[len + n] = '\0';
	return 0;
}

/* Drop *b's last component ("a/b" -> "a", "/a" -> "/"); one that is
 * ".." or an empty (relative) *b gets "/.." appended instead. */
static int
parent(char **b, size_t *cap)
{
	char *s = *b, *slash = strrchr(s, '/');
	const char *last = slash != NULL ? slash + 1 : s;

	if (s[0] == '\0' || strcmp(last, "..") == 0)
		return append(b, cap, "..", 2);
	if (slash == NULL)
		s[0] = '\0';
	else if (slash == s)
		s[1] = '\0';
	else
		*slash = '\0';
	return 0;
}

enum wn_status
wn_path_resolve(const char *path, char **out, struct wn_error *e)
{
	char *done = NULL, *rest = NULL;
	size_t dcap = 64, hops = 0;
	const char *r;
	uid_t me = geteuid();
	enum wn_status st = WN_OK;

	if (out != NULL)
		*out = NULL;
	if (path[0] == '\0')
		return wn_fail(e, WN_EUSAGE, "an empty file name");
	if ((done = malloc(dcap)) == NULL || (rest = strdup(path)) == NULL)
		goto nomem;
	strcpy(done, path[0] == '/' ? "/" : "");
	r = rest;
	while (*r != '\0') {
		const char *end;
		size_t n;
		struct stat sb;

		while (*r == '/')
			r++;
		if (*r == '\0')
			break;
		end = strchr(r, '/');
		n = end != NULL ? (size_t)(end - r) : strlen(r);
		if (n == 1 && r[0] == '.') {
			r += n;
			continue;
		}
		if (n == 2 && r[0] == '.' && r[1] == '.') {
			if (parent(&done, &dcap) != 0)
				goto nomem;
			r += n;
			continue;
		}
		if (append(&done, &dcap, r, n) != 0)
			goto nomem;
		r += n;
		if (lstat(done, &sb) != 0) {
			/* step 4: the rest as it is */
			if (*r != '\0' &&
			    append(&done, &dcap, r + 1, strlen(r + 1)) != 0)
				goto nomem;
			break;
		}
		if (!S_ISLNK(sb.st_mode))
			continue;
		/* step 2 */
		if (sb.st_uid != me && sb.st_uid != 0) {
			int self = strcmp(done, path) == 0;

			st = wn_fail(e, WN_EDATA,
			    "%s%sa symbolic link owned by uid %lu, who is "
			    "neither the user running winnow (uid %lu) nor "
			    "root; refusing to follow it (name the file it "
			    "points to)",
			    self ? "" : done, self ? "" : " is ",
			    (unsigned long)sb.st_uid, (unsigned long)me);
			goto fail;
		}
		if (++hops > LINK_HOPS) {
			e->err = ELOOP;
			st = wn_fail(e, WN_EIO, "%s", strerror(ELOOP));
			goto fail;
		}
		{
			/* the link's target, then what was left of the name,
			 * read into one buffer */
			size_t tail = strlen(r),
			       lcap = sb.st_size > 0 ? (size_t)sb.st_size + 1 :
			                               PATH_MAX;
			char *nrest = malloc(lcap + tail + 1);
			ssize_t k;

			if (nrest == NULL)
				goto nomem;
			k = readlink(done, nrest, lcap);
			if (k < 0 || (size_t)k >= lcap) {
				e->err = k < 0 ? errno : ENAMETOOLONG;
				free(nrest);
				st = wn_fail(e, WN_EIO, "%s: %s", done,
				    strerror(e->err));
				goto fail;
			}
			memcpy(nrest + k, r, tail + 1);
			/* the link itself leaves done */
			if (parent(&done, &dcap) != 0) {
				free(nrest);
				goto nomem;
			}
			if (nrest[0] == '/')
				strcpy(done, "/");
			free(rest);
			rest = nrest;
			r = rest;
		}
	}
	if (done[0] == '\0')
		strcpy(done, ".");
	free(rest);
	if (out != NULL)
		*out = done;
	else
		free(done);
	return WN_OK;
nomem:
	st = wn_fail(e, WN_ENOMEM, "out of memory");
fail:
	free(done);
	free(rest);
	return st;
}
