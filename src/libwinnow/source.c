/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * source.c - read an input, decompressing it and decoding UTF-16
 * (source.h).
 *
 *  1. The first read fills the raw buffer; its first bytes decide the
 *     codec: 28 B5 2F FD is a zstd frame and 5? 2A 4D 18 a zstd skippable
 *     frame (what pzstd writes first), 1F 8B a gzip member, FD 37 7A 58 5A
 *     00 an xz stream, "BZh1".."BZh9" and a block or end magic a bzip2
 *     stream.  Other compressors' magic numbers (lz4, lzip, compress, 7z,
 *     zip, rar, lzop, snappy) are refused with their name: their bytes
 *     must never be read as text.  Anything else is read as it is.
 *  2. Several frames, members or streams in a row (as `cat a.gz b.gz`
 *     makes, and as WET files are stored) are read as one stream.  After
 *     the last gzip member, NUL bytes up to the end are padding (gzip -d
 *     accepts them, and tape and block devices write them); other
 *     trailing bytes end the input as gzip -d does, with a warning
 *     (source_trailing_garbage()), and what came before them is kept.
 *  3. The decompressed bytes that start with a UTF-16 byte order mark
 *     (FF FE, FE FF) are decoded to UTF-8 (an unpaired surrogate becomes
 *     U+FFFD), so every reader after this one sees UTF-8 or bytes that
 *     claim to be it.
 *
 * Known weaknesses: UTF-16 without a byte order mark and UTF-32 are read
 * as bytes; a zstd frame's window over the limit is refused as zstd -d
 * refuses it, and --long raises the limit.
 */
#include "config.h"

#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <lzma.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libdeflate.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "iosize.h"
#include "source.h"
#include "utf8.h"

/* raw reads of compressed input are WN_READ_SIZE; the magic is seen in
 * the first WN_SNIFF_SIZE, so that a plain input's bytes after it are
 * read straight into the caller's buffer */
#define SOURCE_RAW_SIZE WN_READ_SIZE
#define SOURCE_PEEK WN_SNIFF_SIZE
/* Bytes a magic number is recognised from (xz's is 6, snappy's 10). */
#define MAGIC_BYTES 10

struct source {
	int fd;
	int own_fd;
	enum source_codec codec;
	struct source_options opt;
	char *raw;
	size_t raw_len; /* bytes in raw */
	size_t raw_pos; /* bytes of raw consumed */
	int raw_eof;
	ZSTD_DCtx *zstd;
	size_t zstd_last; /* last ZSTD_decompressStream() hint */
	z_stream gz;
	int gz_init;
	int gz_member_done;
	int gz_fresh; /* at a member's start, nothing given to zlib */
	struct libdeflate_decompressor *deflate;
	char *member; /* a member libdeflate decoded whole */
	size_t member_cap, member_len, member_pos;
	lzma_stream xz;
	int xz_init;
	bz_stream bz;
	int bz_init;
	int bz_stream_done;
	int garbage; /* trailing garbage ended the input */
	/* UTF-16 */
	int bom;      /* 0 not looked yet, 1 none, 2 LE, 3 BE */
	char head[4]; /* decoded bytes read to look for it */
	size_t head_len, head_pos;
	char *u16;              /* UTF-16 bytes read, to be converted */
	unsigned char carry[2]; /* an odd byte left over */
	size_t ncarry;
	uint32_t high; /* a high surrogate waiting for its pair */
};

/* One read(2) of up to cap bytes into buf; at the end, raw_eof. */
static enum wn_status
read_some(
    struct source *s, char *buf, size_t cap, size_t *got, struct wn_error *e)
{
	ssize_t r;

	do {
		r = read(s->fd, buf, cap);
	} while (r < 0 && errno == EINTR);
	if (r < 0) {
		e->err = errno;
		return wn_fail(e, WN_EIO, "read error: %s", strerror(errno));
	}
	if (r == 0)
		s->raw_eof = 1;
	*got = (size_t)r;
	return WN_OK;
}

static enum wn_status
fill(struct source *s, struct wn_error *e)
{
	if (s->raw_pos < s->raw_len || s->raw_eof)
		return WN_OK;
	s->raw_pos = s->raw_len = 0;
	return read_some(s, s->raw, SOURCE_RAW_SIZE, &s->raw_len, e);
}

/* Compressors winnow does not read: their bytes are not text. */
static const struct {
	const char *name;
	const char *magic;
	size_t len;
	const char *tool;
} refused[] = {
	{ "lz4", "\x04\x22\x4D\x18", 4, "lz4 -dc" },
	{ "lz4 (legacy)", "\x02\x21\x4C\x18", 4, "lz4 -dc" },
	{ "lzip", "LZIP", 4, "lzip -dc" },
	{ "compress (.Z)", "\x1F\x9D", 2, "gzip -dc" },
	{ "7-Zip", "7z\xBC\xAF\x27\x1C", 6, "7z x -so" },
	{ "zip", "PK\x03\x04", 4, "unzip -p" },
	{ "rar", "Rar!\x1A\x07", 6, "unrar p -inul" },
	{ "lzop", "\x89LZO\x00\x0D\x0A\x1A\x0A", 9, "lzop -dc" },
	{ "snappy (framed)", "\xFF\x06\x00\x00sNaPpY", 10, "a snappy tool" },
};

static int
is_bzip2(const unsigned char *p, size_t n)
{
	return n >= 10 && p[0] == 'B' && p[1] == 'Z' && p[2] == 'h' &&
	    p[3] >= '1' && p[3] <= '9' &&
	    (memcmp(p + 4, "\x31\x41\x59\x26\x53\x59", 6) == 0 ||
	        memcmp(p + 4, "\x17\x72\x45\x38\x50\x90", 6) == 0);
}

enum wn_status
source_open(const char *path, const struct source_options *opt,
    struct source **out, struct wn_error *e)
{
	const unsigned char *m;
	struct source *s;
	struct stat sb;
	enum wn_status st;
	size_t i;

	*out = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->raw = malloc(SOURCE_RAW_SIZE)) == NULL) {
		if (s != NULL)
			free(s);
		return wn_fail(e, WN_ENOMEM, "out of memory");
	}
	if (opt != NULL)
		s->opt = *opt;
	if (strcmp(path, "-") == 0) {
		s->fd = STDIN_FILENO;
	} else {
		/* through links only its user or root could have made; the
		 * name itself is opened (/dev/stdin's link in /proc names a
		 * pipe, not a path) */
		if ((st = wn_path_resolve(path, NULL, e)) != WN_OK) {
			if (st == WN_EDATA)
				st = WN_ENOINPUT;
			goto fail;
		}
		s->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (s->fd < 0) {
			e->err = errno;
			st = wn_fail(e, WN_ENOINPUT, "%s", strerror(errno));
			goto fail;
		}
		s->own_fd = 1;
	}
	if (fstat(s->fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		e->err = EISDIR;
		st = wn_fail(e, WN_ENOINPUT, "%s", strerror(EISDIR));
		goto fail;
	}
	/* Fill until the magic is known (a pipe may deliver fewer). */
	while (!s->raw_eof && s->raw_len < MAGIC_BYTES) {
		ssize_t r;

		do {
			r = read(s->fd, s->raw + s->raw_len,
			    SOURCE_PEEK - s->raw_len);
		} while (r < 0 && errno == EINTR);
		if (r < 0) {
			e->err = errno;
			st = wn_fail(e, errno == EISDIR ? WN_ENOINPUT : WN_EIO,
			    "read error: %s", strerror(errno));
			goto fail;
		}
		if (r == 0)
			s->raw_eof = 1;
		s->raw_len += (size_t)r;
	}
	m = (const unsigned char *)s->raw;
	if (s->raw_len >= 4 &&
	    ((m[0] == 0x28 && m[1] == 0xB5 && m[2] == 0x2F && m[3] == 0xFD) ||
	        ((m[0] & 0xF0) == 0x50 && m[1] == 0x2A && m[2] == 0x4D &&
	            m[3] == 0x18))) {
		s->codec = SOURCE_ZSTD;
		if ((s->zstd = ZSTD_createDCtx()) == NULL) {
			st = wn_fail(e, WN_ENOMEM, "out of memory");
			goto fail;
		}
		if (s->opt.window_log_max > 0)
			ZSTD_DCtx_setParameter(s->zstd, ZSTD_d_windowLogMax,
			    (int)s->opt.window_log_max);
	} else if (s->raw_len >= 2 && m[0] == 0x1F && m[1] == 0x8B) {
		s->codec = SOURCE_GZIP;
		if (inflateInit2(&s->gz, 16 + MAX_WBITS) != Z_OK) {
			st = wn_fail(e, WN_ENOMEM, "out of memory");
			goto fail;
		}
		s->gz_init = 1;
		s->gz_fresh = 1;
	} else if (s->raw_len >= 6 &&
	    memcmp(m,
	        "\xFD"
	        "7zXZ\x00",
	        6) == 0) {
		s->codec = SOURCE_XZ;
		if (lzma_stream_decoder(
		        &s->xz, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
			st = wn_fail(e, WN_ENOMEM, "out of memory");
			goto fail;
		}
		s->xz_init = 1;
	} else if (is_bzip2(m, s->raw_len)) {
		s->codec = SOURCE_BZIP2;
		if (BZ2_bzDecompressInit(&s->bz, 0, 0) != BZ_OK) {
			st = wn_fail(e, WN_ENOMEM, "out of memory");
			goto fail;
		}
		s->bz_init = 1;
	} else {
		for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
			if (s->raw_len >= refused[i].len &&
			    memcmp(m, refused[i].magic, refused[i].len) == 0) {
				st = wn_fail(e, WN_EDATA,
				    "compressed with %s, "
				    "which winnow does not read: decompress "
				    "it first ('%s FILE | winnow -')",
				    refused[i].name, refused[i].tool);
				goto fail;
			}
	}
	*out = s;
	return WN_OK;
fail:
	source_close(s);
	return st;
}

static enum wn_status
read_zstd(
    struct source *s, char *buf, size_t cap, size_t *got, struct wn_error *e)
{
	ZSTD_outBuffer ob = { buf, cap, 0 };

	while (ob.pos == 0) {
		ZSTD_inBuffer ib;
		size_t r;
		enum wn_status st;

		if ((st = fill(s, e)) != WN_OK)
			return st;
		if (s->raw_pos == s->raw_len && s->raw_eof) {
			if (s->zstd_last != 0)
				return wn_fail(
				    e, WN_EDATA, "truncated zstd input");
			break;
		}
		ib.src = s->raw;
		ib.size = s->raw_len;
		ib.pos = s->raw_pos;
		r = ZSTD_decompressStream(s->zstd, &ob, &ib);
		s->raw_pos = ib.pos;
		if (ZSTD_isError(r) &&
		    ZSTD_getErrorCode(r) ==
		        ZSTD_error_frameParameter_windowTooLarge)
			return wn_fail(e, WN_EDATA,
			    "the zstd data needs a "
			    "window over the %u MiB allowed (it was made with "
			    "zstd --long or a high level): allow it with "
			    "--long=31",
			    1u << ((s->opt.window_log_max ?
			                   s->opt.window_log_max :
			                   27) -
			        20));
		if (ZSTD_isError(r))
			return wn_fail(e, WN_EDATA, "corrupt zstd input: %s",
			    ZSTD_getErrorName(r));
		s->zstd_last = r;
	}
	*got = ob.pos;
	return WN_OK;
}

/* After a gzip member: another member, NUL padding to the end, or
 * garbage.  Returns 1 when another member starts at raw_pos, 0 at the
 * end of the input (garbage set when it was not padding). */
static int
gzip_next_member(struct source *s, struct wn_error *e, enum wn_status *st)
{
	*st = WN_OK;
	for (;;) {
		while (s->raw_pos < s->raw_len) {
			unsigned char c = (unsigned char)s->raw[s->raw_pos];

			if (c == 0x1F && s->raw_pos + 1 >= s->raw_len &&
			    !s->raw_eof) {
				/* the magic's second byte is in the next read:
				 * keep this one */
				memmove(s->raw, s->raw + s->raw_pos, 1);
				s->raw_len = 1;
				s->raw_pos = 0;
				break;
			}
			if (c == 0x1F && s->raw_pos + 1 < s->raw_len &&
			    (unsigned char)s->raw[s->raw_pos + 1] == 0x8B)
				return 1;
			if (c != 0) {
				s->garbage = 1;
				s->raw_pos = s->raw_len;
				s->raw_eof = 1;
				return 0;
			}
			s->raw_pos++; /* padding */
		}
		if (s->raw_eof)
			return 0;
		if (s->raw_pos == s->raw_len)
			s->raw_pos = s->raw_len = 0;
		{
			size_t got;

			*st = read_some(s, s->raw + s->raw_len,
			    SOURCE_RAW_SIZE - s->raw_len, &got, e);
			if (*st != WN_OK)
				return 0;
			s->raw_len += got;
		}
	}
}

/* A whole gzip member's decoded bytes are kept in memory up to this
 * size: past it, the member is read by zlib as it streams (a .jsonl.gz
 * is one member of gigabytes; a WARC's record is one of 10-60 KB that
 * decodes to 20-400 KB). */
#define MEMBER_MAX ((size_t)64 << 20)

/* A whole gzip member at raw_pos, decoded at once by libdeflate (twice
 * zlib's speed: Common Crawl's WARC and WET files are a member per
 * record) into s->member.  Returns 1 when it was, raw_pos after it; 0
 * when it is not there whole in the raw buffer, decodes past
 * MEMBER_MAX, or is corrupt: zlib then reads it as it always did, and
 * says what is wrong. */
static int
gzip_member_whole(struct source *s, struct wn_error *e)
{
	size_t in_used = 0, out_len = 0;
	enum libdeflate_result r;
	int refilled = 0;

	if (s->deflate == NULL &&
	    (s->deflate = libdeflate_alloc_decompressor()) == NULL)
		return 0;
	if (s->member == NULL) {
		s->member_cap = (size_t)1 << 20;
		if ((s->member = malloc(s->member_cap)) == NULL)
			return 0;
	}
	for (;;) {
		r = libdeflate_gzip_decompress_ex(s->deflate,
		    s->raw + s->raw_pos, s->raw_len - s->raw_pos, s->member,
		    s->member_cap, &in_used, &out_len);
		if (r == LIBDEFLATE_INSUFFICIENT_SPACE &&
		    s->member_cap < MEMBER_MAX) {
			char *m = realloc(s->member, 2 * s->member_cap);

			if (m == NULL)
				return 0;
			s->member = m;
			s->member_cap *= 2;
			continue;
		}
		if (r != LIBDEFLATE_BAD_DATA || s->raw_eof || refilled)
			break;
		/* maybe cut by the buffer's end: the member's bytes to the
		 * front, as many more as one read brings, and once more */
		refilled = 1;
		memmove(s->raw, s->raw + s->raw_pos, s->raw_len - s->raw_pos);
		s->raw_len -= s->raw_pos;
		s->raw_pos = 0;
		{
			size_t more;

			if (s->raw_len == SOURCE_RAW_SIZE ||
			    read_some(s, s->raw + s->raw_len,
			        SOURCE_RAW_SIZE - s->raw_len, &more,
			        e) != WN_OK)
				return 0; /* zlib's read says it again */
			s->raw_len += more;
		}
	}
	if (r != LIBDEFLATE_SUCCESS)
		return 0;
	s->raw_pos += in_used;
	s->member_len = out_len;
	s->member_pos = 0;
	return 1;
}

static enum wn_status
read_gzip(
    struct source *s, char *buf, size_t cap, size_t *got, struct wn_error *e)
{
	while (s->member_pos == s->member_len) {
		if (s->gz_member_done) {
			enum wn_status st;

			if (!gzip_next_member(s, e, &st)) {
				*got = 0;
				return st;
			}
			inflateReset(&s->gz);
			s->gz_member_done = 0;
			s->gz_fresh = 1;
		}
		if (!s->gz_fresh)
			break;
		s->gz_fresh = 0;
		if (!gzip_member_whole(s, e))
			break;
		s->gz_member_done = 1;
	}
	if (s->member_pos < s->member_len) {
		size_t n = s->member_len - s->member_pos;

		if (n > cap)
			n = cap;
		memcpy(buf, s->member + s->member_pos, n);
		s->member_pos += n;
		*got = n;
		return WN_OK;
	}
	s->gz.next_out = (Bytef *)buf;
	s->gz.avail_out = (uInt)(cap > UINT32_MAX ? UINT32_MAX : cap);
	while (s->gz.avail_out == cap) {
		enum wn_status st;
		int r;

		if (s->gz_member_done) {
			if (!gzip_next_member(s, e, &st)) {
				if (st != WN_OK)
					return st;
				break;
			}
			inflateReset(&s->gz);
			s->gz_member_done = 0;
		}
		s->gz_fresh = 0;
		if ((st = fill(s, e)) != WN_OK)
			return st;
		if (s->raw_pos == s->raw_len && s->raw_eof)
			return wn_fail(e, WN_EDATA, "truncated gzip input");
		s->gz.next_in = (Bytef *)s->raw + s->raw_pos;
		s->gz.avail_in = (uInt)(s->raw_len - s->raw_pos);
		r = inflate(&s->gz, Z_NO_FLUSH);
		s->raw_pos = s->raw_len - s->gz.avail_in;
		if (r == Z_STREAM_END) {
			s->gz_member_done = 1;
		} else if (r == Z_MEM_ERROR) {
			return wn_fail(e, WN_ENOMEM, "out of memory");
		} else if (r != Z_OK && r != Z_BUF_ERROR) {
			return wn_fail(e, WN_EDATA, "corrupt gzip input: %s",
			    s->gz.msg ? s->gz.msg : "bad data");
		}
	}
	*got = cap - s->gz.avail_out;
	return WN_OK;
}

static enum wn_status
read_xz(
    struct source *s, char *buf, size_t cap, size_t *got, struct wn_error *e)
{
	s->xz.next_out = (uint8_t *)buf;
	s->xz.avail_out = cap;
	while (s->xz.avail_out == cap) {
		enum wn_status st;
		lzma_ret r;

		if ((st = fill(s, e)) != WN_OK)
			return st;
		s->xz.next_in = (const uint8_t *)s->raw + s->raw_pos;
		s->xz.avail_in = s->raw_len - s->raw_pos;
		r = lzma_code(&s->xz,
		    s->raw_eof && s->raw_pos == s->raw_len ? LZMA_FINISH :
		                                             LZMA_RUN);
		s->raw_pos = s->raw_len - s->xz.avail_in;
		if (r == LZMA_STREAM_END)
			break;
		if (r == LZMA_MEM_ERROR)
			return wn_fail(e, WN_ENOMEM, "out of memory");
		if (r == LZMA_BUF_ERROR && s->raw_eof)
			return wn_fail(e, WN_EDATA, "truncated xz input");
		if (r != LZMA_OK && r != LZMA_BUF_ERROR)
			return wn_fail(e, WN_EDATA, "corrupt xz input (%s)",
			    r == LZMA_DATA_ERROR       ? "data error" :
			        r == LZMA_FORMAT_ERROR ? "not xz after all" :
			                                 "bad data");
	}
	*got = cap - s->xz.avail_out;
	return WN_OK;
}

static enum wn_status
read_bzip2(
    struct source *s, char *buf, size_t cap, size_t *got, struct wn_error *e)
{
	unsigned chunk = cap > UINT32_MAX ? UINT32_MAX : (unsigned)cap;

	s->bz.next_out = buf;
	s->bz.avail_out = chunk;
	while (s->bz.avail_out == chunk) {
		enum wn_status st;
		int r;

		if ((st = fill(s, e)) != WN_OK)
			return st;
		if (s->bz_stream_done) {
			/* another stream follows (pbzip2, cat a.bz2 b.bz2),
			 * or the end */
			if (s->raw_pos == s->raw_len && s->raw_eof)
				break;
			if (s->raw_len - s->raw_pos < 10 && !s->raw_eof) {
				size_t left = s->raw_len - s->raw_pos, more;

				memmove(s->raw, s->raw + s->raw_pos, left);
				s->raw_pos = 0;
				s->raw_len = left;
				if ((st = read_some(s, s->raw + left,
				         SOURCE_RAW_SIZE - left, &more, e)) !=
				    WN_OK)
					return st;
				s->raw_len += more;
				continue;
			}
			if (!is_bzip2(
			        (const unsigned char *)s->raw + s->raw_pos,
			        s->raw_len - s->raw_pos)) {
				s->garbage = 1;
				s->raw_pos = s->raw_len;
				s->raw_eof = 1;
				break;
			}
			{
				char *next = s->bz.next_out;
				unsigned room = s->bz.avail_out;

				BZ2_bzDecompressEnd(&s->bz);
				memset(&s->bz, 0, sizeof(s->bz));
				s->bz_init = 0;
				if (BZ2_bzDecompressInit(&s->bz, 0, 0) != BZ_OK)
					return wn_fail(
					    e, WN_ENOMEM, "out of memory");
				s->bz_init = 1;
				s->bz_stream_done = 0;
				s->bz.next_out = next;
				s->bz.avail_out = room;
			}
		}
		if (s->raw_pos == s->raw_len && s->raw_eof)
			return wn_fail(e, WN_EDATA, "truncated bzip2 input");
		s->bz.next_in = s->raw + s->raw_pos;
		s->bz.avail_in = (unsigned)(s->raw_len - s->raw_pos);
		r = BZ2_bzDecompress(&s->bz);
		s->raw_pos = s->raw_len - s->bz.avail_in;
		if (r == BZ_STREAM_END)
			s->bz_stream_done = 1;
		else if (r == BZ_MEM_ERROR)
			return wn_fail(e, WN_ENOMEM, "out of memory");
		else if (r != BZ_OK)
			return wn_fail(e, WN_EDATA, "corrupt bzip2 input");
	}
	*got = chunk - s->bz.avail_out;
	return WN_OK;
}

/* The decompressed bytes. */
static enum wn_status
read_decoded(
    struct source *s, char *buf, size_t cap, size_t *got, struct wn_error *e)
{
	enum wn_status st;
	size_t n;

	*got = 0;
	switch (s->codec) {
	case SOURCE_ZSTD:
		return read_zstd(s, buf, cap, got, e);
	case SOURCE_GZIP:
		return read_gzip(s, buf, cap, got, e);
	case SOURCE_XZ:
		return read_xz(s, buf, cap, got, e);
	case SOURCE_BZIP2:
		return read_bzip2(s, buf, cap, got, e);
	default:
		break;
	}
	/* nothing held: read straight into buf, not through raw */
	if (s->raw_pos == s->raw_len && !s->raw_eof)
		return read_some(s, buf, cap, got, e);
	if ((st = fill(s, e)) != WN_OK)
		return st;
	n = s->raw_len - s->raw_pos;
	if (n > cap)
		n = cap;
	memcpy(buf, s->raw + s->raw_pos, n);
	s->raw_pos += n;
	*got = n;
	return WN_OK;
}

/* UTF-16 bytes p[0..n) (after any carry) as UTF-8 into out, which has
 * room for 3 bytes per 2 read, plus 3. */
static size_t
utf16_convert(struct source *s, const unsigned char *p, size_t n, char *out)
{
	unsigned char *o = (unsigned char *)out;
	size_t i = 0;

	for (;;) {
		unsigned a, b;
		uint32_t u;

		if (s->ncarry == 1 && i < n) {
			s->carry[1] = p[i++];
			s->ncarry = 2;
		}
		if (s->ncarry == 2) {
			a = s->carry[0];
			b = s->carry[1];
			s->ncarry = 0;
		} else if (i + 1 < n) {
			a = p[i];
			b = p[i + 1];
			i += 2;
		} else {
			if (i < n) {
				s->carry[0] = p[i];
				s->ncarry = 1;
			}
			break;
		}
		u = s->bom == 2 ? (uint32_t)(a | b << 8) :
		                  (uint32_t)(a << 8 | b);
		if (s->high != 0) {
			uint32_t h = s->high;

			s->high = 0;
			if (u >= 0xDC00 && u <= 0xDFFF) {
				o += utf8_encode(0x10000 +
				        ((h - 0xD800) << 10) + (u - 0xDC00),
				    (char *)o);
				continue;
			}
			o += utf8_encode(0xFFFD, (char *)o);
		}
		if (u >= 0xD800 && u <= 0xDBFF) {
			s->high = u;
			continue;
		}
		if (u >= 0xDC00 && u <= 0xDFFF)
			u = 0xFFFD;
		o += utf8_encode(u, (char *)o);
	}
	return (size_t)(o - (unsigned char *)out);
}

enum wn_status
source_read(
    struct source *s, char *buf, size_t cap, size_t *got, struct wn_error *e)
{
	enum wn_status st;
	size_t n;

	*got = 0;
	if (s->bom == 0) {
		/* the first two decoded bytes: a UTF-16 byte order mark? */
		while (s->head_len < 2) {
			if ((st = read_decoded(s, s->head + s->head_len,
			         2 - s->head_len, &n, e)) != WN_OK)
				return st;
			if (n == 0)
				break;
			s->head_len += n;
		}
		s->bom = 1;
		if (s->head_len == 2 && (unsigned char)s->head[0] == 0xFF &&
		    (unsigned char)s->head[1] == 0xFE)
			s->bom = 2;
		else if (s->head_len == 2 &&
		    (unsigned char)s->head[0] == 0xFE &&
		    (unsigned char)s->head[1] == 0xFF)
			s->bom = 3;
		if (s->bom != 1) {
			s->head_len = 0; /* the mark itself is dropped */
			if ((s->u16 = malloc(SOURCE_RAW_SIZE)) == NULL)
				return wn_fail(e, WN_ENOMEM, "out of memory");
		}
	}
	if (s->head_pos < s->head_len) {
		n = s->head_len - s->head_pos;
		if (n > cap)
			n = cap;
		memcpy(buf, s->head + s->head_pos, n);
		s->head_pos += n;
		*got = n;
		return WN_OK;
	}
	if (s->bom == 1)
		return read_decoded(s, buf, cap, got, e);
	if (cap < 16)
		return wn_fail(e, WN_EUSAGE, "read buffer too small");
	/* UTF-16: 2 bytes make at most 3, and a carried surrogate 3 more */
	n = (cap - 8) / 3 * 2;
	if (n > SOURCE_RAW_SIZE)
		n = SOURCE_RAW_SIZE;
	for (;;) {
		size_t k;

		if ((st = read_decoded(s, s->u16, n, &k, e)) != WN_OK)
			return st;
		if (k == 0) {
			/* the end: what is left over is not a character */
			if (s->ncarry > 0 || s->high != 0) {
				s->ncarry = 0;
				s->high = 0;
				*got = (size_t)utf8_encode(0xFFFD, buf);
			}
			return WN_OK;
		}
		*got = utf16_convert(s, (const unsigned char *)s->u16, k, buf);
		if (*got > 0)
			return WN_OK;
	}
}

enum source_codec
source_codec(const struct source *s)
{
	return s->codec;
}

int
source_trailing_garbage(const struct source *s)
{
	return s->garbage;
}

void
source_close(struct source *s)
{
	if (s == NULL)
		return;
	if (s->own_fd && s->fd >= 0)
		close(s->fd);
	ZSTD_freeDCtx(s->zstd);
	libdeflate_free_decompressor(s->deflate);
	free(s->member);
	if (s->gz_init)
		inflateEnd(&s->gz);
	if (s->xz_init)
		lzma_end(&s->xz);
	if (s->bz_init)
		BZ2_bzDecompressEnd(&s->bz);
	free(s->u16);
	free(s->raw);
	free(s);
}
