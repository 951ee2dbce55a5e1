/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * trickle.c - copy standard input to standard output in chunks of chosen
 * sizes, so that the CLI tests can show winnow's output does not depend
 * on how its input arrives.
 *
 * usage: trickle 1         one byte per write
 *        trickle SEED      pseudo-random sizes 1..4096 from SEED (> 1)
 *        trickle 0         everything in one write
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int
put(const char *p, size_t n)
{
	while (n > 0) {
		ssize_t r = write(STDOUT_FILENO, p, n);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned long seed = argc > 1 ? strtoul(argv[1], NULL, 10) : 0;
	size_t cap = 1 << 16, len = 0, off = 0;
	char *buf = malloc(cap);
	ssize_t r;

	if (buf == NULL)
		return 1;
	while ((r = read(STDIN_FILENO, buf + len, cap - len)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		len += (size_t)r;
		if (len == cap && (buf = realloc(buf, cap *= 2)) == NULL)
			return 1;
	}
	while (off < len) {
		size_t k = len - off;

		if (seed == 1)
			k = 1;
		else if (seed > 1) {
			seed = seed * 6364136223846793005ul +
			    1442695040888963407ul;
			k = 1 + (seed >> 33) % 4096;
			if (k > len - off)
				k = len - off;
		}
		if (put(buf + off, k) != 0)
			return 1;
		off += k;
	}
	free(buf);
	return 0;
}
