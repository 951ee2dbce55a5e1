/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * message.c - messages, the progress line and exit statuses (message.h).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exitcode.h"
#include "message.h"

static int progress_shown;
static double progress_last, progress_start;

int
message_exit(enum wn_status st)
{
	switch (st) {
	case WN_OK:
		return EX_OK;
	case WN_EDATA:
		return EX_DATAERR;
	case WN_ENOINPUT:
		return EX_NOINPUT;
	case WN_ECREATE:
		return EX_CANTCREAT;
	case WN_ELOCKED:
		return EX_TEMPFAIL;
	case WN_EUSAGE:
		return EX_USAGE;
	default:
		return EX_IOERR;
	}
}

int
message_worse(int a, int b)
{
	static const int rank[] = { EX_OK, EX_DATAERR, EX_NOINPUT, EX_CANTCREAT,
		EX_IOERR };
	size_t i, ra = 0, rb = 0;

	for (i = 0; i < sizeof(rank) / sizeof(rank[0]); i++) {
		if (rank[i] == a)
			ra = i;
		if (rank[i] == b)
			rb = i;
	}
	return rb > ra ? b : a;
}

const char *
message_quote(const char *name)
{
	static char b[1024];
	const unsigned char *p = (const unsigned char *)name;
	size_t i, n = 0;
	int plain = 1, open = 0;

	for (i = 0; p[i] != '\0'; i++)
		if (p[i] < 0x20 || p[i] == 0x7F)
			plain = 0;
	if (plain)
		return name;
	/* 'abc'$'\n''def': printable runs in single quotes, the rest as
	 * $'\ooo' (a single quote inside a run as '\'') */
	for (i = 0; p[i] != '\0' && n + 12 < sizeof(b); i++) {
		if (p[i] < 0x20 || p[i] == 0x7F) {
			const char *esc = p[i] == '\n' ? "\\n" :
			    p[i] == '\t'               ? "\\t" :
			    p[i] == '\r'               ? "\\r" :
			                                 NULL;

			if (open) {
				b[n++] = '\'';
				open = 0;
			}
			if (esc != NULL)
				n += (size_t)snprintf(
				    b + n, sizeof(b) - n, "$'%s'", esc);
			else
				n += (size_t)snprintf(
				    b + n, sizeof(b) - n, "$'\\%03o'", p[i]);
			continue;
		}
		if (!open) {
			b[n++] = '\'';
			open = 1;
		}
		if (p[i] == '\'') {
			memcpy(b + n, "'\\''", 4);
			n += 4;
			continue;
		}
		b[n++] = (char)p[i];
	}
	if (open)
		b[n++] = '\'';
	b[n] = '\0';
	return b;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void
message_progress_clear(void)
{
	if (progress_shown) {
		fputs("\r\033[K", stderr);
		progress_shown = 0;
	}
}

void
message_error(const struct wn_error *e)
{
	message_progress_clear();
	if (e->name != NULL && e->line > 0)
		fprintf(stderr, "winnow: %s:%llu: %s\n", message_quote(e->name),
		    (unsigned long long)e->line, e->msg);
	else if (e->name != NULL)
		fprintf(
		    stderr, "winnow: %s: %s\n", message_quote(e->name), e->msg);
	else
		fprintf(stderr, "winnow: %s\n", e->msg);
}

void
message(const char *name, const char *fmt, ...)
{
	va_list ap;

	message_progress_clear();
	if (name != NULL)
		fprintf(stderr, "winnow: %s: ", message_quote(name));
	else
		fputs("winnow: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
message_progress(int mode, const char *name, const struct wn_stats *st)
{
	double t = now(), mb;

	if (progress_start == 0)
		progress_start = progress_last = t;
	if (mode == 0 || (mode < 0 && !isatty(STDERR_FILENO)))
		return;
	if (t - progress_last < 0.5)
		return;
	progress_last = t;
	mb = st->bytes_in / 1e6;
	fprintf(stderr,
	    "\r\033[Kwinnow: %s: %.1f MB read, %llu documents, "
	    "%llu kept, %.1f MB/s",
	    message_quote(name), mb, (unsigned long long)st->records_in,
	    (unsigned long long)st->records_out,
	    t > progress_start ? mb / (t - progress_start) : 0.0);
	progress_shown = 1;
}
