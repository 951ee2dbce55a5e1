/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * charset.c - character encodings of web pages (charset.h).
 *
 *  1. Labels are what the WHATWG Encoding Standard says they are: a page
 *     that declares "latin1" or "us-ascii" is windows-1252, "gb2312" is
 *     GBK, "iso-8859-9" windows-1254, and a label the standard does not
 *     list ("utf-7", "x-foo") names no encoding at all, so it is ignored.
 *     UTF-7 in particular is not an encoding of the web: obeyed, it turns
 *     "+ADw-script+AD4-" into markup.
 *  2. Decoding goes through iconv(3) under the name glibc gives each
 *     encoding; a byte it cannot decode becomes U+FFFD.  The
 *     "replacement" encoding (ISO-2022-KR, HZ and others the standard
 *     retires because they can hide markup) decodes to one U+FFFD.
 *  3. Detection, for a page that declares nothing and is not UTF-8:
 *     libuchardet (Mozilla's detector) names a charset from the bytes;
 *     its name is taken as a label, so its answers go through the same
 *     table; when it names nothing, windows-1252 (what browsers assume).
 *     Two kinds of its answers are checked against the bytes, each a miss
 *     measured on the shared dev pages transcoded to their script's
 *     legacy charset (bench/RESULTS.md, issue 21): ISO-8859-7 and
 *     ISO-8859-15 where a byte
 *     is in 0x80-0x9F, which those encodings leave to C1 controls and
 *     windows-1253 and windows-1252 use for dashes and quotes (English
 *     pages with a few dashes came out as Greek ISO-8859-7, their dashes
 *     lost); and a multi-byte encoding (Shift_JIS, EUC, GBK, Big5) in
 *     which more than one high byte in 20 does not decode (a Spanish
 *     page came out as Shift_JIS): windows-1252 instead.
 *
 * Known weaknesses: short pages give uchardet little to go on (it may
 * call a Latin-1 page with a few accents windows-1250); the ISO-2022-JP
 * decoder is glibc's, which is stricter than the standard's.
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <uchardet.h>

#include "charset.h"

/* The WHATWG Encoding Standard's labels (encoding.spec.whatwg.org,
 * "Encodings"), each with its encoding, and the encodings' iconv names. */
struct encoding {
	const char *name;   /* the standard's name */
	const char *iconv;  /* glibc's, or NULL (UTF-8, replacement) */
	const char *labels; /* NUL-separated, ending in an empty one */
};

static const struct encoding encodings[] = {
	{ "UTF-8", NULL,
	    "unicode-1-1-utf-8\0unicode11utf8\0unicode20utf8\0"
	    "utf-8\0utf8\0x-unicode20utf8\0" },
	{ "IBM866", "IBM866", "866\0cp866\0csibm866\0ibm866\0" },
	{ "ISO-8859-2", "ISO-8859-2",
	    "csisolatin2\0iso-8859-2\0iso-ir-101\0"
	    "iso8859-2\0iso88592\0iso_8859-2\0iso_8859-2:1987\0l2\0latin2\0" },
	{ "ISO-8859-3", "ISO-8859-3",
	    "csisolatin3\0iso-8859-3\0iso-ir-109\0"
	    "iso8859-3\0iso88593\0iso_8859-3\0iso_8859-3:1988\0l3\0latin3\0" },
	{ "ISO-8859-4", "ISO-8859-4",
	    "csisolatin4\0iso-8859-4\0iso-ir-110\0"
	    "iso8859-4\0iso88594\0iso_8859-4\0iso_8859-4:1988\0l4\0latin4\0" },
	{ "ISO-8859-5", "ISO-8859-5",
	    "csisolatincyrillic\0cyrillic\0"
	    "iso-8859-5\0iso-ir-144\0iso8859-5\0iso88595\0iso_8859-5\0"
	    "iso_8859-5:1988\0" },
	{ "ISO-8859-6", "ISO-8859-6",
	    "arabic\0asmo-708\0csiso88596e\0"
	    "csiso88596i\0csisolatinarabic\0ecma-114\0iso-8859-6\0"
	    "iso-8859-6-e\0iso-8859-6-i\0iso-ir-127\0iso8859-6\0iso88596\0"
	    "iso_8859-6\0iso_8859-6:1987\0" },
	{ "ISO-8859-7", "ISO-8859-7",
	    "csisolatingreek\0ecma-118\0elot_928\0"
	    "greek\0greek8\0iso-8859-7\0iso-ir-126\0iso8859-7\0iso88597\0"
	    "iso_8859-7\0iso_8859-7:1987\0sun_eu_greek\0" },
	{ "ISO-8859-8", "ISO-8859-8",
	    "csiso88598e\0csisolatinhebrew\0hebrew\0"
	    "iso-8859-8\0iso-8859-8-e\0iso-ir-138\0iso8859-8\0iso88598\0"
	    "iso_8859-8\0iso_8859-8:1988\0visual\0" },
	{ "ISO-8859-8-I", "ISO-8859-8",
	    "csiso88598i\0iso-8859-8-i\0"
	    "logical\0" },
	{ "ISO-8859-10", "ISO-8859-10",
	    "csisolatin6\0iso-8859-10\0"
	    "iso-ir-157\0iso8859-10\0iso885910\0l6\0latin6\0" },
	{ "ISO-8859-13", "ISO-8859-13",
	    "iso-8859-13\0iso8859-13\0"
	    "iso885913\0" },
	{ "ISO-8859-14", "ISO-8859-14",
	    "iso-8859-14\0iso8859-14\0"
	    "iso885914\0" },
	{ "ISO-8859-15", "ISO-8859-15",
	    "csisolatin9\0iso-8859-15\0"
	    "iso8859-15\0iso885915\0iso_8859-15\0l9\0" },
	{ "ISO-8859-16", "ISO-8859-16", "iso-8859-16\0" },
	{ "KOI8-R", "KOI8-R", "cskoi8r\0koi\0koi8\0koi8-r\0koi8_r\0" },
	{ "KOI8-U", "KOI8-U", "koi8-ru\0koi8-u\0" },
	{ "macintosh", "MACINTOSH",
	    "csmacintosh\0mac\0macintosh\0"
	    "x-mac-roman\0" },
	{ "windows-874", "WINDOWS-874",
	    "dos-874\0iso-8859-11\0iso8859-11\0"
	    "iso885911\0tis-620\0windows-874\0" },
	{ "windows-1250", "WINDOWS-1250", "cp1250\0windows-1250\0x-cp1250\0" },
	{ "windows-1251", "WINDOWS-1251", "cp1251\0windows-1251\0x-cp1251\0" },
	{ "windows-1252", "WINDOWS-1252",
	    "ansi_x3.4-1968\0ascii\0cp1252\0"
	    "cp819\0csisolatin1\0ibm819\0iso-8859-1\0iso-ir-100\0iso8859-1\0"
	    "iso88591\0iso_8859-1\0iso_8859-1:1987\0l1\0latin1\0us-ascii\0"
	    "windows-1252\0x-cp1252\0" },
	{ "windows-1253", "WINDOWS-1253", "cp1253\0windows-1253\0x-cp1253\0" },
	{ "windows-1254", "WINDOWS-1254",
	    "cp1254\0csisolatin5\0iso-8859-9\0"
	    "iso-ir-148\0iso8859-9\0iso88599\0iso_8859-9\0iso_8859-9:1989\0"
	    "l5\0latin5\0windows-1254\0x-cp1254\0" },
	{ "windows-1255", "WINDOWS-1255", "cp1255\0windows-1255\0x-cp1255\0" },
	{ "windows-1256", "WINDOWS-1256", "cp1256\0windows-1256\0x-cp1256\0" },
	{ "windows-1257", "WINDOWS-1257", "cp1257\0windows-1257\0x-cp1257\0" },
	{ "windows-1258", "WINDOWS-1258", "cp1258\0windows-1258\0x-cp1258\0" },
	{ "x-mac-cyrillic", "MAC-CYRILLIC",
	    "x-mac-cyrillic\0"
	    "x-mac-ukrainian\0" },
	/* GBK's decoder is gb18030's */
	{ "GBK", "GB18030",
	    "chinese\0csgb2312\0csiso58gb231280\0gb2312\0"
	    "gb_2312\0gb_2312-80\0gbk\0iso-ir-58\0x-gbk\0" },
	{ "gb18030", "GB18030", "gb18030\0" },
	{ "Big5", "BIG5-HKSCS",
	    "big5\0big5-hkscs\0cn-big5\0csbig5\0"
	    "x-x-big5\0" },
	{ "EUC-JP", "EUC-JP", "cseucpkdfmtjapanese\0euc-jp\0x-euc-jp\0" },
	{ "ISO-2022-JP", "ISO-2022-JP", "csiso2022jp\0iso-2022-jp\0" },
	{ "Shift_JIS", "WINDOWS-31J",
	    "csshiftjis\0ms932\0ms_kanji\0"
	    "shift-jis\0shift_jis\0sjis\0windows-31j\0x-sjis\0" },
	{ "EUC-KR", "CP949",
	    "cseuckr\0csksc56011987\0euc-kr\0iso-ir-149\0"
	    "korean\0ks_c_5601-1987\0ks_c_5601-1989\0ksc5601\0ksc_5601\0"
	    "windows-949\0" },
	{ "replacement", NULL,
	    "csiso2022kr\0hz-gb-2312\0iso-2022-cn\0"
	    "iso-2022-cn-ext\0iso-2022-kr\0replacement\0" },
	{ "UTF-16BE", "UTF-16BE", "unicodefffe\0utf-16be\0" },
	{ "UTF-16LE", "UTF-16LE",
	    "csunicode\0iso-10646-ucs-2\0ucs-2\0"
	    "unicode\0unicodefeff\0utf-16\0utf-16le\0" },
	{ "x-user-defined", "WINDOWS-1252", "x-user-defined\0" },
};

#define NENCODINGS (sizeof(encodings) / sizeof(encodings[0]))

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int
is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

const char *
charset_from_label(const char *label, size_t n)
{
	size_t i;

	while (n > 0 && is_ws((unsigned char)label[0])) {
		label++;
		n--;
	}
	while (n > 0 && is_ws((unsigned char)label[n - 1]))
		n--;
	if (n == 0 || n > 24)
		return NULL;
	for (i = 0; i < NENCODINGS; i++) {
		const char *l;

		for (l = encodings[i].labels; *l != '\0'; l += strlen(l) + 1) {
			size_t k;

			if (strlen(l) != n)
				continue;
			for (k = 0;
			     k < n && lower((unsigned char)label[k]) == l[k];
			     k++)
				;
			if (k == n)
				return encodings[i].name;
		}
	}
	return NULL;
}

static const struct encoding *
find(const char *name)
{
	size_t i;

	for (i = 0; i < NENCODINGS; i++)
		if (strcmp(encodings[i].name, name) == 0)
			return &encodings[i];
	return NULL;
}

enum wn_status
charset_decode(const char *enc, const char *p, size_t n, struct wn_buf *out)
{
	const struct encoding *x = find(enc);
	char *in = (char *)(uintptr_t)p;
	size_t left = n;
	iconv_t cd;

	out->len = 0;
	if (x == NULL || strcmp(x->name, "UTF-8") == 0)
		return wn_buf_append(out, p, n);
	if (x->iconv == NULL) /* replacement */
		return n > 0 ? wn_buf_append(out, "\xEF\xBF\xBD", 3) : WN_OK;
	if ((cd = iconv_open("UTF-8", x->iconv)) == (iconv_t)-1)
		return wn_buf_append(out, p, n);
	while (left > 0) {
		char *o;
		size_t room, r;

		if (wn_buf_reserve(out, left * 2 + 16) != WN_OK) {
			iconv_close(cd);
			return WN_ENOMEM;
		}
		o = out->data + out->len;
		room = out->cap - out->len;
		r = iconv(cd, &in, &left, &o, &room);
		out->len = (size_t)(o - out->data);
		if (r == (size_t)-1 && errno != E2BIG) {
			/* EILSEQ or EINVAL: one byte becomes U+FFFD */
			if (wn_buf_append(out, "\xEF\xBF\xBD", 3) != WN_OK) {
				iconv_close(cd);
				return WN_ENOMEM;
			}
			in++;
			left--;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
	iconv_close(cd);
	return WN_OK;
}

const char *
charset_bom(const char *p, size_t n, size_t *len)
{
	const unsigned char *b = (const unsigned char *)p;

	*len = 0;
	if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
		*len = 3;
		return "UTF-8";
	}
	if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
		*len = 2;
		return "UTF-16BE";
	}
	if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
		*len = 2;
		return "UTF-16LE";
	}
	return NULL;
}

const char *
charset_check(const char *name, const char *p, size_t n)
{
	if (strcmp(name, "ISO-8859-7") == 0 ||
	    strcmp(name, "ISO-8859-15") == 0) {
		size_t i;

		for (i = 0; i < n; i++)
			if ((unsigned char)p[i] >= 0x80 &&
			    (unsigned char)p[i] <= 0x9F)
				return name[9] == '7' ? "windows-1253" :
				                        "windows-1252";
		return name;
	}
	if (strcmp(name, "Shift_JIS") == 0 || strcmp(name, "EUC-JP") == 0 ||
	    strcmp(name, "EUC-KR") == 0 || strcmp(name, "GBK") == 0 ||
	    strcmp(name, "gb18030") == 0 || strcmp(name, "Big5") == 0) {
		struct wn_buf out = { NULL, 0, 0 };
		size_t high = 0, bad = 0, i;

		for (i = 0; i < n; i++)
			high += (unsigned char)p[i] >= 0x80;
		if (charset_decode(name, p, n, &out) == WN_OK) {
			for (i = 0; i + 2 < out.len; i++)
				if (memcmp(out.data + i, "\xEF\xBF\xBD", 3) ==
				    0)
					bad++;
		}
		wn_buf_free(&out);
		if (bad * 20 > high)
			return "windows-1252";
	}
	return name;
}

const char *
charset_detect(const char *p, size_t n)
{
	uchardet_t ud = uchardet_new();
	const char *name = NULL, *got;

	if (ud == NULL)
		return "windows-1252";
	if (uchardet_handle_data(ud, p, n) == 0) {
		uchardet_data_end(ud);
		got = uchardet_get_charset(ud);
		/* uchardet's own names for two the standard calls otherwise */
		if (got != NULL && strcmp(got, "MAC-CYRILLIC") == 0)
			got = "x-mac-cyrillic";
		else if (got != NULL && strcmp(got, "UHC") == 0)
			got = "euc-kr";
		if (got != NULL && *got != '\0')
			name = charset_from_label(got, strlen(got));
	}
	uchardet_delete(ud);
	/* ASCII is windows-1252's subset; UTF-16 without a mark is not
	 * what a page that failed UTF-8 is (UTF-8 may be: a few stray
	 * bytes in a UTF-8 page, repaired as U+FFFD) */
	if (name == NULL || strncmp(name, "UTF-16", 6) == 0 ||
	    strcmp(name, "replacement") == 0)
		return "windows-1252";
	return charset_check(name, p, n);
}
