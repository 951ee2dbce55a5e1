/*
 * source.h - an input file (or stdin) as a stream of bytes, transparently
 * decompressed when it starts with zstd or gzip magic.
 */
#ifndef WN_SOURCE_H
#define WN_SOURCE_H

#include <stddef.h>

#include "wn.h"

enum source_codec { SOURCE_PLAIN, SOURCE_ZSTD, SOURCE_GZIP };

struct source;

/* Open path ("-" = standard input) and sniff its compression.  On
 * success store a new source in *out (free with source_close()).
 * Returns WN_OK, WN_ENOINPUT (missing, unreadable or a directory),
 * WN_ENOMEM or WN_EIO. */
enum wn_status source_open(const char *path, struct source **out,
    struct wn_error *e);

/* Read up to cap decompressed bytes into buf; *got = 0 at the end.
 * Returns WN_OK, WN_EIO (read error, errno in e->err), WN_EDATA
 * (corrupt or truncated compressed data) or WN_ENOMEM. */
enum wn_status source_read(struct source *s, char *buf, size_t cap,
    size_t *got, struct wn_error *e);

/* The codec sniffed at open. */
enum source_codec source_codec(const struct source *s);

/* Closes the file (not standard input) and frees s; accepts NULL. */
void source_close(struct source *s);

#endif
