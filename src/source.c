/*
 * source.c - read an input, decompressing zstd or gzip (source.h).
 *
 * The first read fills the raw buffer; its first bytes decide the codec:
 * 28 B5 2F FD is a zstd frame, 1F 8B a gzip member, anything else is read
 * as it is.  Several zstd frames or gzip members in a row (as `cat a.gz
 * b.gz` makes, and as WET files are stored) are read as one stream.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>
#include <zstd.h>

#include "source.h"

/* 256 KiB reads: on this machine (2 cores, ext4, page cache warm) reads
 * of 64 KiB, 256 KiB and 1 MiB ran `winnow --stats` on a 200 MB corpus
 * within 1% of each other, and below 64 KiB syscalls start to show. */
#define SOURCE_RAW_SIZE (256 * 1024)
/* What source_open() reads to see the magic: little, so that a plain
 * input's bytes after it are read straight into the caller's buffer */
#define SOURCE_PEEK 4096

struct source {
	int fd;
	int own_fd;
	enum source_codec codec;
	char *raw;
	size_t raw_len;		/* bytes in raw */
	size_t raw_pos;		/* bytes of raw consumed */
	int raw_eof;
	ZSTD_DCtx *zstd;
	size_t zstd_last;	/* last ZSTD_decompressStream() hint */
	z_stream gz;
	int gz_init;
	int gz_member_done;
};

/* One read(2) of up to cap bytes into buf; at the end, raw_eof. */
static enum wn_status
read_some(struct source *s, char *buf, size_t cap, size_t *got,
    struct wn_error *e)
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

enum wn_status
source_open(const char *path, struct source **out, struct wn_error *e)
{
	struct source *s;
	struct stat sb;
	enum wn_status st;

	*out = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->raw = malloc(SOURCE_RAW_SIZE)) == NULL) {
		if (s != NULL)
			free(s);
		return wn_fail(e, WN_ENOMEM, "out of memory");
	}
	if (strcmp(path, "-") == 0) {
		s->fd = STDIN_FILENO;
	} else {
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
	/* Fill until 4 bytes are known (a pipe may deliver fewer). */
	while (!s->raw_eof && s->raw_len < 4) {
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
	if (s->raw_len >= 4 && memcmp(s->raw, "\x28\xB5\x2F\xFD", 4) == 0) {
		s->codec = SOURCE_ZSTD;
		if ((s->zstd = ZSTD_createDCtx()) == NULL) {
			st = wn_fail(e, WN_ENOMEM, "out of memory");
			goto fail;
		}
	} else if (s->raw_len >= 2 && (unsigned char)s->raw[0] == 0x1F &&
	    (unsigned char)s->raw[1] == 0x8B) {
		s->codec = SOURCE_GZIP;
		if (inflateInit2(&s->gz, 16 + MAX_WBITS) != Z_OK) {
			st = wn_fail(e, WN_ENOMEM, "out of memory");
			goto fail;
		}
		s->gz_init = 1;
	}
	*out = s;
	return WN_OK;
fail:
	source_close(s);
	return st;
}

static enum wn_status
read_zstd(struct source *s, char *buf, size_t cap, size_t *got,
    struct wn_error *e)
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
				return wn_fail(e, WN_EDATA,
				    "truncated zstd input");
			break;
		}
		ib.src = s->raw;
		ib.size = s->raw_len;
		ib.pos = s->raw_pos;
		r = ZSTD_decompressStream(s->zstd, &ob, &ib);
		s->raw_pos = ib.pos;
		if (ZSTD_isError(r))
			return wn_fail(e, WN_EDATA, "corrupt zstd input: %s",
			    ZSTD_getErrorName(r));
		s->zstd_last = r;
	}
	*got = ob.pos;
	return WN_OK;
}

static enum wn_status
read_gzip(struct source *s, char *buf, size_t cap, size_t *got,
    struct wn_error *e)
{
	s->gz.next_out = (Bytef *)buf;
	s->gz.avail_out = (uInt)(cap > UINT32_MAX ? UINT32_MAX : cap);
	while (s->gz.avail_out == cap) {
		enum wn_status st;
		int r;

		if ((st = fill(s, e)) != WN_OK)
			return st;
		if (s->raw_pos == s->raw_len && s->raw_eof) {
			if (!s->gz_member_done)
				return wn_fail(e, WN_EDATA,
				    "truncated gzip input");
			break;
		}
		if (s->gz_member_done) {
			/* another member follows, or garbage */
			if ((unsigned char)s->raw[s->raw_pos] != 0x1F)
				return wn_fail(e, WN_EDATA,
				    "trailing garbage after gzip data");
			inflateReset(&s->gz);
			s->gz_member_done = 0;
		}
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

enum wn_status
source_read(struct source *s, char *buf, size_t cap, size_t *got,
    struct wn_error *e)
{
	enum wn_status st;
	size_t n;

	*got = 0;
	switch (s->codec) {
	case SOURCE_ZSTD:
		return read_zstd(s, buf, cap, got, e);
	case SOURCE_GZIP:
		return read_gzip(s, buf, cap, got, e);
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

enum source_codec
source_codec(const struct source *s)
{
	return s->codec;
}

void
source_close(struct source *s)
{
	if (s == NULL)
		return;
	if (s->own_fd && s->fd >= 0)
		close(s->fd);
	ZSTD_freeDCtx(s->zstd);
	if (s->gz_init)
		inflateEnd(&s->gz);
	free(s->raw);
	free(s);
}
