/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * source.h - an input file (or stdin) as a stream of bytes, transparently
 * decompressed when it starts with zstd, gzip, xz or bzip2 magic, and
 * decoded to UTF-8 when it starts with a UTF-16 byte order mark.
 */
#ifndef WN_SOURCE_H
#define WN_SOURCE_H

#include <stddef.h>

#include "wn.h"

enum source_codec {
	SOURCE_PLAIN,
	SOURCE_ZSTD,
	SOURCE_GZIP,
	SOURCE_XZ,
	SOURCE_BZIP2
};

struct source_options {
	unsigned window_log_max; /* zstd: the largest window accepted,
					   as a power of 2 (10..31); 0: zstd's
					   default, 2^27 */
};

struct source;

/* Open path ("-" = standard input) and sniff its compression; opt may be
 * NULL (the defaults).  On success store a new source in *out (free with
 * source_close()).  Returns WN_OK, WN_ENOINPUT (missing, unreadable or a
 * directory), WN_EDATA (compressed by a program winnow does not read: e
 * names it), WN_ENOMEM or WN_EIO. */
enum wn_status source_open(const char *path, const struct source_options *opt,
    struct source **out, struct wn_error *e);

/* Read up to cap decompressed bytes into buf; *got = 0 at the end.
 * Returns WN_OK, WN_EIO (read error, errno in e->err), WN_EDATA
 * (corrupt or truncated compressed data) or WN_ENOMEM. */
enum wn_status source_read(
    struct source *s, char *buf, size_t cap, size_t *got, struct wn_error *e);

/* The codec sniffed at open. */
enum source_codec source_codec(const struct source *s);

/* After the end (*got = 0): 1 when bytes that were neither another
 * member nor padding followed the compressed data (gzip -d warns of
 * "trailing garbage" and keeps what came before; so does this), else 0. */
int source_trailing_garbage(const struct source *s);

/* Closes the file (not standard input) and frees s; accepts NULL. */
void source_close(struct source *s);

#endif
