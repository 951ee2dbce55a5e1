/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * iosize.h - the read and sniff sizes, beside what chose them.
 */
#ifndef WN_IOSIZE_H
#define WN_IOSIZE_H

/* 256 KiB reads: on this machine (2 cores, ext4, page cache warm) reads
 * of 64 KiB, 256 KiB and 1 MiB ran `winnow --stats` on a 200 MB corpus
 * within 1% of each other, and below 64 KiB syscalls start to show. */
#define WN_READ_SIZE (256 * 1024)

/* An input's format is sniffed from its first 4 KiB (or all there is):
 * enough for a doctype after a byte order mark and blank lines,
 * "WARC/1.", a first '{' after white space, and a typical HTTP response
 * head (curl -i).  Only these bytes are read into the pipeline's chunk
 * and copied; the rest goes straight into the reader's buffer, and a
 * page is often one read (300 real pages: 83M instructions fewer than
 * sniffing from a 256 KiB chunk). */
#define WN_SNIFF_SIZE 4096

#endif
