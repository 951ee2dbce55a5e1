/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* check_normalize.c - output normalization and matching keys. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "normalize.h"
#include "utf8.h"
#include "suites.h"

static const struct {
	const char *in;
	const char *out;
} text_cases[] = {
	{ "plain", "plain" },
	{ "a\r\nb\rc\nd", "a\nb\nc\nd" },
	{ "  lead and trail  \n  x  ", "lead and trail\nx" },
	{ "many     spaces\there", "many spaces\there" },
	{ "nbsp\xC2\xA0"
	  "and\xE2\x80\x83"
	  "em\xE3\x80\x80"
	  "ideo",
	    "nbsp and em ideo" },
	{ "ctl\x01\x02\x7F"
	  "x\xC2\x85"
	  "y",
	    "ctlx\ny" }, /* C0, DEL, NEL */
	{ "c1\xC2\x80\xC2\x9F"
	  "end",
	    "c1end" },
	{ "zw\xE2\x80\x8B"
	  "sp\xEF\xBB\xBF"
	  "bom",
	    "zwspbom" },
	{ "&amp; &lt;b&gt; &quot;q&quot; &#39;", "& <b> \"q\" '" },
	{ "it&#8217;s &#x2019;x&#X2019;",
	    "it\xE2\x80\x99s \xE2\x80\x99x\xE2\x80\x99" },
	{ "a&nbsp;b&nbsp;&nbsp;c", "a b c" },
	{ "&eacute;t&eacute; &hellip;", "\xC3\xA9t\xC3\xA9 \xE2\x80\xA6" },
	{ "AT&T &amp &bogus; &; &#; &#xZZ;",
	    "AT&T &amp &bogus; &; &#; &#xZZ;" },
	{ "&#0;&#xD800;&#x110000;", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" },
	{ "&#150;&#153;", "\xE2\x80\x93\xE2\x84\xA2" }, /* windows-1252 */
	{ "e\xCC\x81", "\xC3\xA9" },                    /* NFC */
	{ "\xC2\xA9 caf\xC3\xA9 e\xCC\x81", "\xC2\xA9 caf\xC3\xA9 \xC3\xA9" },
	{ "\xE2\x84\xA6", "\xCE\xA9" }, /* OHM -> OMEGA */
	{ "bad\xFF"
	  "byte",
	    "bad\xEF\xBF\xBD"
	    "byte" },
	{ "line\n\n\nline", "line\n\n\nline" }, /* blank lines kept */
	{ "\v\f", "\n\n" },
	{ "", "" },
};

START_TEST(test_text)
{
	struct normalizer *n = normalize_new();
	struct normalize_stats st = { 0, 0, 0 };
	struct wn_buf out = { NULL, 0, 0 };
	const char *in = text_cases[_i].in;

	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(normalize_text(n, in, strlen(in), &out, &st), WN_OK);
	ck_assert_msg(out.len == strlen(text_cases[_i].out) &&
	        (out.len == 0 ||
	            memcmp(out.data, text_cases[_i].out, out.len) == 0),
	    "case %d: got '%.*s'", _i, (int)out.len, out.data ? out.data : "");
	wn_buf_free(&out);
	normalize_free(n);
}
END_TEST

/* Each of these inside a line of letters, at every offset: what the
 * line's run of printable ASCII becomes around it (the block scans stop
 * at it, or go on past a line feed, whatever its alignment). */
static const struct {
	const char *in;
	const char *out;
} text_inserts[] = {
	{ "  ", " " },
	{ "   ", " " },
	{ " ", " " },
	{ "\x01", "" },
	{ "\x7F", "" },
	{ " \t", " \t" },
	{ "\xC3\xA9", "\xC3\xA9" },
	{ "\xC2\xA0", " " },
	{ " \xC2\xA0 ", " " },
	{ "\n", "\n" },
	{ "\x1F ", " " },
	/* line feeds inside a run, and what the line after one starts
	 * with: a tab or space there goes, one later on the line stays */
	{ "\n\t", "\n" },
	{ "\n ", "\n" },
	{ " \n", "\n" },
	{ "\n\n", "\n\n" },
	{ "\r\n", "\n" },
	{ "\n\x01\t", "\n" },
	{ "\nab\t", "\nab\t" },
	{ "\nab \t", "\nab \t" },
	{ "\na\nb\n\t", "\na\nb\n" },
	/* characters a run copies, beside those it leaves to the rest */
	{ "\xC3\xBC \n", "\xC3\xBC\n" },
	{ "\xE2\x80\x99\n\t", "\xE2\x80\x99\n" },
	{ "\xC3\xA9\xC2\xA0", "\xC3\xA9 " },
	{ "\xC2\xA0\xC3\xA9", " \xC3\xA9" },
	{ "\xC5\x93\xE2\x80\xA6", "\xC5\x93\xE2\x80\xA6" },
	{ "\xE2\x80\xA8", "\n" },
	{ "\xE2\x80\xAF", " " },
	{ "\xE2\x80\x82", " " },
	{ "\xE2\x80\x8B", "" },
	{ "\xC2\x85", "\n" },
	{ "\xC2\x9F", "" },
	{ "\xC3\xA9\xCC\x81", "\xC3\xA9\xCC\x81" },
	{ "e\xCC\x81", "\xC3\xA9" },
	/* runs that start at a non-ASCII character a run copies, and go on
	 * past a space or line feed before one */
	{ " \xE2\x94\x81\xE2\x94\x81 ", " \xE2\x94\x81\xE2\x94\x81 " },
	{ "\n\xE2\x80\xA2 ", "\n\xE2\x80\xA2 " },
	{ "\n \xE2\x80\xA2", "\n\xE2\x80\xA2" },
	{ "\xE2\x94\x81 \n", "\xE2\x94\x81\n" },
	{ "\xE2\x94\x81\t\n", "\xE2\x94\x81\n" },
	{ " \xC3\xA9\xCC\x81", " \xC3\xA9\xCC\x81" },
	{ " e\xCC\x81 ", " \xC3\xA9 " },
	{ "  \xE2\x80\x9C", " \xE2\x80\x9C" },
	{ " \xC2\xA0\xE2\x80\x9C", " \xE2\x80\x9C" },
	{ "\n\xC2\xA0\xC3\xA9", "\n\xC3\xA9" },
	{ "\xC3\xA9\n\n\xC3\xA9", "\xC3\xA9\n\n\xC3\xA9" },
	{ "\xD0\xB0 \xD0\xB1\n\xD0\xB2\x01", "\xD0\xB0 \xD0\xB1\n\xD0\xB2" },
};

START_TEST(test_text_positions)
{
	struct normalizer *n = normalize_new();
	struct normalize_stats st = { 0, 0, 0 };
	struct wn_buf out = { NULL, 0, 0 };
	const char *ins = text_inserts[_i].in, *rep = text_inserts[_i].out;
	char in[128], want[128];
	size_t len, at;

	ck_assert_ptr_nonnull(n);
	for (len = 2; len <= 72; len++) {
		for (at = 1; at < len; at++) {
			/* letters with a space every 7 bytes, from byte 3,
			 * away from the insertion */
			size_t k, il = strlen(ins), rl = strlen(rep);

			for (k = 0; k < len; k++)
				in[k] = (k % 7 == 3 && k + 1 != at && k != at &&
				            k + 1 != len) ?
				    ' ' :
				    (char)('a' + k % 26);
			memcpy(want, in, at);
			memcpy(want + at, rep, rl);
			memcpy(want + at + rl, in + at, len - at);
			memmove(in + at + il, in + at, len - at);
			memcpy(in + at, ins, il);
			out.len = 0;
			ck_assert_int_eq(
			    normalize_text(n, in, len + il, &out, &st), WN_OK);
			ck_assert_msg(out.len == len + rl &&
			        memcmp(out.data, want, out.len) == 0,
			    "insert %d at %zu of %zu: got '%.*s'", _i, at, len,
			    (int)out.len, out.data);
		}
	}
	wn_buf_free(&out);
	normalize_free(n);
}
END_TEST

/* Lines that start with non-ASCII characters a run copies: spaces and
 * tabs before and after them go, single spaces inside stay. */
START_TEST(test_text_nonascii_lines)
{
	struct normalizer *n = normalize_new();
	struct normalize_stats st = { 0, 0, 0 };
	struct wn_buf out = { NULL, 0, 0 };
	static const char in[] =
	    "\xE2\x94\x81\xE2\x94\x81 \xE2\x94\x81  \n"
	    "  \xE2\x80\xA2 item\xC2\xA0one \t\n"
	    "\t\xE2\x80\x9Cq\xE2\x80\x9D \xE2\x80\x94 \xD0\xB4\xD0\xB0\n"
	    "\xC3\xA9\xCC\x81  x";
	static const char want[] =
	    "\xE2\x94\x81\xE2\x94\x81 \xE2\x94\x81\n"
	    "\xE2\x80\xA2 item one\n"
	    "\xE2\x80\x9Cq\xE2\x80\x9D \xE2\x80\x94 \xD0\xB4\xD0\xB0\n"
	    "\xC3\xA9\xCC\x81 x";

	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(
	    normalize_text(n, in, sizeof(in) - 1, &out, &st), WN_OK);
	ck_assert_msg(
	    out.len == sizeof(want) - 1 && memcmp(out.data, want, out.len) == 0,
	    "got '%.*s'", (int)out.len, out.data);
	wn_buf_free(&out);
	normalize_free(n);
}
END_TEST

START_TEST(test_text_counts)
{
	struct normalizer *n = normalize_new();
	struct normalize_stats st = { 0, 0, 0 };
	struct wn_buf out = { NULL, 0, 0 };
	static const char in[] = "\xFF&amp;\x01\xC0&#8217;";

	ck_assert_int_eq(
	    normalize_text(n, in, sizeof(in) - 1, &out, &st), WN_OK);
	ck_assert_uint_eq(st.invalid_utf8, 2);
	ck_assert_uint_eq(st.entities, 2);
	ck_assert_uint_eq(st.controls, 1);
	wn_buf_free(&out);
	normalize_free(n);
}
END_TEST

/* Invalid UTF-8 is found by the mapping pass, after references are
 * decoded: the text of pieces (valid and invalid bytes, references
 * that decode to non-ASCII, controls, spaces) in every order of four
 * comes out as the repaired text does, with the same counts, the
 * invalid subparts counted once. */
START_TEST(test_text_invalid_anywhere)
{
	static const char *piece[] = { "ab", " ", "&amp;", "&#x80;", "\xC3\xA9",
		"\xE2\x82", "\x80", "\xFF", "\n", "\x01", "&eacute;" };
	const size_t np = sizeof(piece) / sizeof(piece[0]);
	struct normalizer *n = normalize_new();
	struct wn_buf out = { NULL, 0, 0 }, fixed = { NULL, 0, 0 },
	              want = { NULL, 0, 0 };
	size_t a, b, c, d;

	ck_assert_ptr_nonnull(n);
	for (a = 0; a < np; a++)
		for (b = 0; b < np; b++)
			for (c = 0; c < np; c++)
				for (d = 0; d < np; d++) {
					struct normalize_stats st = { 0, 0, 0 },
					                       sw = { 0, 0, 0 };
					uint64_t bad = 0;
					char in[64];

					snprintf(in, sizeof(in), "%s%s%s%s",
					    piece[a], piece[b], piece[c],
					    piece[d]);
					out.len = fixed.len = want.len = 0;
					ck_assert_int_eq(
					    normalize_text(
					        n, in, strlen(in), &out, &st),
					    WN_OK);
					ck_assert_int_eq(
					    utf8_repair(
					        in, strlen(in), &fixed, &bad),
					    WN_OK);
					ck_assert_int_eq(
					    normalize_text(n, fixed.data,
					        fixed.len, &want, &sw),
					    WN_OK);
					ck_assert_msg(out.len == want.len &&
					        memcmp(out.data, want.data,
					            out.len) == 0,
					    "'%s': '%.*s', repaired first "
					    "'%.*s'",
					    in, (int)out.len, out.data,
					    (int)want.len, want.data);
					ck_assert_uint_eq(st.invalid_utf8, bad);
					ck_assert_uint_eq(sw.invalid_utf8, 0);
					ck_assert_uint_eq(
					    st.entities, sw.entities);
					ck_assert_uint_eq(
					    st.controls, sw.controls);
				}
	wn_buf_free(&out);
	wn_buf_free(&fixed);
	wn_buf_free(&want);
	normalize_free(n);
}
END_TEST

/* Text of ASCII and general punctuation (nothing to fold), with words of
 * every length across the 16- and 64-byte blocks, against the key by its
 * definition: each kept ASCII byte lower-cased, anything else a word
 * end.  In a third of the texts an E with an acute accent, upper or
 * lower case, now and then: a letter of the key, folded to lower case. */
START_TEST(test_key_ascii_words)
{
	static const char *const sep[] = { " ", ",", ".", "'", "\"", "-", "\n",
		"\t", "_", "@", "[", "`", "{", "\x7F", "\xE2\x80\x94",
		"\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\xA6" };
	static const char kept[] = "aZqM09$+<=>|~";
	struct normalizer *n = normalize_new();
	struct normalize_key k = { { NULL, 0, 0 }, NULL, 0, 0, NULL, 0, 0 };
	uint32_t rnd = 12345, we[400];
	char in[800], want[800];
	size_t round;

	ck_assert_ptr_nonnull(n);
	/* the SSSE3 code where the processor has it, and the other */
	normalize_use_ssse3(n, _i);
	for (round = 0; round < 3000; round++) {
		size_t len = 0, wl = 0, nw = 0, ws = 0, target;

		rnd = rnd * 1103515245u + 12345u;
		target = (rnd >> 8) % 300;
		while (len < target) {
			size_t run, j;

			rnd = rnd * 1103515245u + 12345u;
			/* a word: mostly short, some long */
			run = (rnd >> 20) % 8 == 0 ? (rnd >> 8) % 90 :
			                             (rnd >> 8) % 12;
			for (j = 0; j < run; j++) {
				char c;

				rnd = rnd * 1103515245u + 12345u;
				if (round % 3 == 0 && (rnd >> 12) % 97 == 0) {
					/* a letter to fold, after any number
					 * of ASCII blocks: the key is the same */
					memcpy(in + len,
					    (rnd >> 16) & 1 ? "\xC3\x89" :
					                      "\xC3\xA9",
					    2);
					len += 2;
					memcpy(want + wl, "\xC3\xA9", 2);
					wl += 2;
					continue;
				}
				c = (rnd >> 16) % 4 == 0 ?
				    kept[(rnd >> 8) % (sizeof(kept) - 1)] :
				    (char)(((rnd >> 16) & 32 ? 'A' : 'a') +
				        (rnd >> 8) % 26);
				in[len++] = c;
				want[wl++] =
				    (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			}
			if (wl != ws) {
				we[nw++] = (uint32_t)wl;
				ws = wl;
			}
			/* one or more word ends */
			do {
				const char *x;

				rnd = rnd * 1103515245u + 12345u;
				x = sep[(rnd >> 8) %
				    (sizeof(sep) / sizeof(sep[0]))];
				memcpy(in + len, x, strlen(x));
				len += strlen(x);
			} while ((rnd >> 20) % 3 == 0);
		}
		ck_assert_int_eq(normalize_key(n, in, len, &k), WN_OK);
		ck_assert_msg(
		    k.text.len == wl && memcmp(k.text.data, want, wl) == 0,
		    "round %zu: key '%.*s'", round, (int)k.text.len,
		    k.text.data);
		ck_assert_uint_eq(k.nwords, nw);
		ck_assert(
		    nw == 0 || memcmp(k.word_end, we, nw * sizeof(*we)) == 0);
		/* counting the words only: the same key and count */
		k.count_only = 1;
		ck_assert_int_eq(normalize_key(n, in, len, &k), WN_OK);
		k.count_only = 0;
		ck_assert(
		    k.text.len == wl && memcmp(k.text.data, want, wl) == 0);
		ck_assert_uint_eq(k.nwords, nw);
		/* and with the last separator cut off (every text ends in
		 * one: three bytes or one): the word ends the text */
		if (len > 0)
			len -= (unsigned char)in[len - 1] >= 0x80 ? 3 : 1;
		ck_assert_int_eq(normalize_key(n, in, len, &k), WN_OK);
		ck_assert_uint_eq(k.text.len, wl);
		ck_assert_uint_eq(k.nwords, nw);
	}
	normalize_key_free(&k);
	normalize_free(n);
}
END_TEST

/* Each of these inside a word of mixed-case letters, at every offset of
 * words of every length up to 40: its bytes in the key (NULL: a word
 * end).  The block scans commit the letters before it, whatever its
 * alignment. */
static const struct {
	const char *in;
	const char *key;
} key_inserts[] = {
	{ " ", NULL },
	{ ",", NULL },
	{ "-", NULL },
	{ "$", "$" },
	{ "9", "9" },
	{ "\xC3\xA9", "\xC3\xA9" },
	{ "\xC3\x89", "\xC3\xA9" },
	{ "\xE2\x80\x94", NULL },
	{ "\xE2\x80\x99", NULL },
	{ "\xD0\x96", "\xD0\xB6" },
};

START_TEST(test_key_positions)
{
	struct normalizer *n = normalize_new();
	struct normalize_key k = { { NULL, 0, 0 }, NULL, 0, 0, NULL, 0, 0 };
	const char *ins = key_inserts[_i].in, *rep = key_inserts[_i].key;
	size_t il = strlen(ins), rl = rep ? strlen(rep) : 0, len, at, j;
	char in[64], want[64];

	ck_assert_ptr_nonnull(n);
	for (len = 0; len <= 40; len++) {
		for (at = 0; at <= len; at++) {
			for (j = 0; j < len; j++) {
				in[j] =
				    (char)((j % 3 == 0 ? 'A' : 'a') + j % 26);
				want[j < at ? j : j + rl] =
				    (char)('a' + j % 26);
			}
			if (rep != NULL)
				memcpy(want + at, rep, rl);
			memmove(in + at + il, in + at, len - at);
			memcpy(in + at, ins, il);
			ck_assert_int_eq(
			    normalize_key(n, in, len + il, &k), WN_OK);
			ck_assert_msg(k.text.len == len + rl &&
			        memcmp(k.text.data, want, k.text.len) == 0,
			    "insert %d at %zu of %zu: got '%.*s'", _i, at, len,
			    (int)k.text.len, k.text.data);
			if (rep != NULL || at == 0 || at == len) {
				/* one word, or none */
				ck_assert_uint_eq(k.nwords, len + rl > 0);
				if (len + rl > 0)
					ck_assert_uint_eq(
					    k.word_end[0], len + rl);
			} else {
				ck_assert_uint_eq(k.nwords, 2);
				ck_assert_uint_eq(k.word_end[0], at);
				ck_assert_uint_eq(k.word_end[1], len);
			}
		}
	}
	normalize_key_free(&k);
	normalize_free(n);
}
END_TEST

/* Pairs of paragraphs that must get the same key, then pairs that must
 * not. */
static const struct {
	const char *a;
	const char *b;
	int same;
} key_cases[] = {
	{ "Hello, World!", "hello world", 1 },
	{ "\xE2\x80\x9CQuoted\xE2\x80\x9D it\xE2\x80\x99s", "\"Quoted\" it's",
	    1 },
	{ "a \xE2\x80\x94 b", "a - b", 1 },
	{ "\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3", "abc", 1 }, /* fullwidth */
	{ "STRASSE",
	    "stra\xC3\x9F"
	    "e",
	    1 }, /* case fold */
	{ "caf\xC3\xA9", "cafe\xCC\x81", 1 },
	{ "no  space", "no space", 1 },
	{ "price $5", "price 5", 0 },
	{ "one two", "one three", 0 },
	{ "caf\xC3\xA9", "cafe", 0 },
};

START_TEST(test_key)
{
	struct normalizer *n = normalize_new();
	struct normalize_key ka = { { NULL, 0, 0 }, NULL, 0, 0, NULL, 0, 0 };
	struct normalize_key kb = { { NULL, 0, 0 }, NULL, 0, 0, NULL, 0, 0 };
	struct normalize_stats st = { 0, 0, 0 };
	struct wn_buf a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	int same;

	normalize_text(n, key_cases[_i].a, strlen(key_cases[_i].a), &a, &st);
	normalize_text(n, key_cases[_i].b, strlen(key_cases[_i].b), &b, &st);
	ck_assert_int_eq(normalize_key(n, a.data, a.len, &ka), WN_OK);
	ck_assert_int_eq(normalize_key(n, b.data, b.len, &kb), WN_OK);
	same = ka.text.len == kb.text.len &&
	    memcmp(ka.text.data, kb.text.data, ka.text.len) == 0;
	ck_assert_msg(same == key_cases[_i].same, "case %d: '%.*s' vs '%.*s'",
	    _i, (int)ka.text.len, ka.text.data, (int)kb.text.len, kb.text.data);
	normalize_key_free(&ka);
	normalize_key_free(&kb);
	wn_buf_free(&a);
	wn_buf_free(&b);
	normalize_free(n);
}
END_TEST

START_TEST(test_key_words)
{
	struct normalizer *n = normalize_new();
	struct normalize_key k = { { NULL, 0, 0 }, NULL, 0, 0, NULL, 0, 0 };
	static const char in[] =
	    "U.S. officials -- said: \xE2\x80\x9Cno\xE2\x80\x9D";

	ck_assert_int_eq(normalize_key(n, in, sizeof(in) - 1, &k), WN_OK);
	ck_assert_uint_eq(k.text.len, strlen("usofficialssaidno"));
	ck_assert(memcmp(k.text.data, "usofficialssaidno", k.text.len) == 0);
	ck_assert_uint_eq(k.nwords, 5); /* u s officials said no */
	ck_assert_uint_eq(k.word_end[0], 1);
	ck_assert_uint_eq(k.word_end[2], 11);
	ck_assert_uint_eq(k.word_end[4], 17);
	/* punctuation only: empty key */
	ck_assert_int_eq(normalize_key(n, "* * * --", 8, &k), WN_OK);
	ck_assert_uint_eq(k.text.len, 0);
	ck_assert_uint_eq(k.nwords, 0);
	normalize_key_free(&k);
	normalize_free(n);
}
END_TEST

/* cp through utf8proc with options: is it left as it is? */
static int
unchanged(uint32_t cp, utf8proc_option_t options)
{
	utf8proc_uint8_t in[4], *out = NULL;
	utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, in);
	utf8proc_ssize_t r = utf8proc_map(in, n, &out, options);
	int same = r == n && memcmp(in, out, (size_t)n) == 0;

	free(out);
	return same;
}

/* What normalize.h promises of the characters that skip utf8proc, checked
 * against the utf8proc this is built with, for every code point: alone
 * it is left as it is by NFC (and, for the CJK ones, by the key's NFKC
 * and case folding), its combining class is 0, and it is no later
 * character of any canonical decomposition (so it composes with nothing
 * before it). */
START_TEST(test_stable_characters)
{
	uint32_t cp;
	size_t nstable = 0, ncjk = 0;

	for (cp = 0; cp <= 0x10FFFF; cp++) {
		utf8proc_int32_t d[32];
		int last;
		utf8proc_ssize_t k, n;

		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		if (normalize_nfc_stable(cp)) {
			nstable++;
			ck_assert_msg(
			    unchanged(cp, UTF8PROC_STABLE | UTF8PROC_COMPOSE),
			    "U+%04X changes under NFC", cp);
			ck_assert_msg(
			    utf8proc_get_property((utf8proc_int32_t)cp)
			            ->combining_class == 0,
			    "U+%04X combines", cp);
		}
		if (normalize_fold_stable(cp)) {
			ncjk++;
			ck_assert(normalize_nfc_stable(cp));
			ck_assert_msg(
			    unchanged(cp,
			        UTF8PROC_STABLE | UTF8PROC_COMPOSE |
			            UTF8PROC_COMPAT | UTF8PROC_CASEFOLD),
			    "U+%04X folds", cp);
		}
		/* its canonical decomposition: none but the first of it may
		 * be stable */
		n = utf8proc_decompose_char(
		    (utf8proc_int32_t)cp, d, 32, UTF8PROC_DECOMPOSE, &last);
		ck_assert_int_ge(n, 1);
		for (k = 1; k < n && k < 32; k++)
			ck_assert_msg(!normalize_nfc_stable((uint32_t)d[k]),
			    "U+%04X is the second of U+%04X", (unsigned)d[k],
			    cp);
	}
	/* the checks saw the sets (a mutation emptying one must fail) */
	ck_assert_uint_gt(nstable, 33000);
	ck_assert_uint_gt(ncjk, 32000);
	/* and they matter: voicing marks and trailing jamo compose */
	ck_assert(!normalize_nfc_stable(0x3099));
	ck_assert(!normalize_nfc_stable(0x11A8));
}
END_TEST

/* CJK text keeps its characters in the key, with or without a folded
 * character elsewhere in the paragraph. */
START_TEST(test_key_cjk)
{
	struct normalizer *n = normalize_new();
	struct normalize_key k;
	/* 東京、ひらがな。カタカナー 한국 */
	static const char in[] =
	    "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x80\x81"
	    "\xE3\x81\xB2\xE3\x82\x89\xE3\x81\x8C\xE3\x81\xAA\xE3\x80\x82"
	    "\xE3\x82\xAB\xE3\x82\xBF\xE3\x82\xAB\xE3\x83\x8A\xE3\x83\xBC "
	    "\xED\x95\x9C\xEA\xB5\xAD";
	/* the same, then "Ａ" (fullwidth A, folded to "a") */
	static const char in2[] =
	    "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x80\x81"
	    "\xE3\x81\xB2\xE3\x82\x89\xE3\x81\x8C\xE3\x81\xAA\xE3\x80\x82"
	    "\xE3\x82\xAB\xE3\x82\xBF\xE3\x82\xAB\xE3\x83\x8A\xE3\x83\xBC "
	    "\xED\x95\x9C\xEA\xB5\xAD \xEF\xBC\xA1";
	char first[64];
	size_t len;

	memset(&k, 0, sizeof(k));
	ck_assert_int_eq(normalize_key(n, in, sizeof(in) - 1, &k), WN_OK);
	/* 東京 | ひらがな | カタカナー | 한국: 、。 and the space end words */
	ck_assert_uint_eq(k.nwords, 4);
	ck_assert_uint_eq(k.word_end[0], 6);
	ck_assert_uint_eq(k.word_end[1], 18);
	ck_assert_uint_eq(k.word_end[2], 33);
	ck_assert_uint_eq(k.text.len, 39);
	len = k.text.len;
	memcpy(first, k.text.data, len);
	ck_assert_int_eq(normalize_key(n, in2, sizeof(in2) - 1, &k), WN_OK);
	ck_assert_uint_eq(k.nwords, 5);
	ck_assert_uint_eq(k.text.len, len + 1);
	ck_assert(memcmp(k.text.data, first, len) == 0);
	ck_assert_int_eq(k.text.data[len], 'a');
	/* a paragraph with something to fold folds its punctuation as it
	 * always did, CJK around it or not: 東京‾大阪, where U+203E OVERLINE
	 * folds to a space and U+0305, a mark the key keeps */
	ck_assert_int_eq(normalize_key(n,
	                     "\xE6\x9D\xB1\xE4\xBA\xAC"
	                     "\xE2\x80\xBE\xE5\xA4\xA7\xE9\x98\xAA",
	                     15, &k),
	    WN_OK);
	ck_assert_uint_eq(k.nwords, 2);
	ck_assert_uint_eq(k.word_end[0], 6);
	ck_assert_uint_eq(k.text.len, 14);
	ck_assert(memcmp(k.text.data + 6, "\xCC\x85", 2) == 0);
	normalize_key_free(&k);
	normalize_free(n);
}
END_TEST

/* The fold cache (normalize.c) is a memo: the key of text whose
 * segments are folded is the same from a normalizer that has folded
 * thousands of others (hits, and different segments of one length in
 * one slot) as from a fresh one. */
START_TEST(test_key_fold_cache)
{
	static const char *const parts[] = { "a", "B", "\xC3\x89", "\xC3\x9C",
		"\xC3\x9F", "\xEF\xAC\x81", "\xC3\x85", "z", "Q", "\xC3\xA9" };
	struct normalizer *warm = normalize_new();
	struct normalize_key kw = { { NULL, 0, 0 }, NULL, 0, 0, NULL, 0, 0 };
	struct normalize_key kc = { { NULL, 0, 0 }, NULL, 0, 0, NULL, 0, 0 };
	char words[600][40], text[128];
	uint32_t x = 12345;
	int i, r, four = 0;

	for (i = 0; i < 600; i++) {
		int k, n;

		x = x * 1103515245u + 12345u;
		n = 1 + (int)(x >> 16) % 8;
		words[i][0] = '\0';
		for (k = 0; k < n; k++) {
			x = x * 1103515245u + 12345u;
			strcat(words[i], parts[(x >> 16) % 10]);
		}
		/* a letter that folding changes: never a fold-stable run */
		strcat(words[i], "\xC3\x89");
	}
	for (r = 0; r < 3000; r++) {
		struct normalizer *cold = normalize_new();
		size_t len;

		x = x * 1103515245u + 12345u;
		len = (size_t)snprintf(text, sizeof(text), "The %s, and %s.",
		    words[(x >> 16) % 600], words[(x >> 8) % 600]);
		ck_assert_int_eq(normalize_key(warm, text, len, &kw), WN_OK);
		ck_assert_int_eq(normalize_key(cold, text, len, &kc), WN_OK);
		ck_assert_msg(kw.text.len == kc.text.len &&
		        memcmp(kw.text.data, kc.text.data, kw.text.len) == 0,
		    "round %d: '%s': '%.*s' vs '%.*s'", r, text,
		    (int)kw.text.len, kw.text.data, (int)kc.text.len,
		    kc.text.data);
		ck_assert_uint_eq(kw.nwords, kc.nwords);
		ck_assert(memcmp(kw.word_end, kc.word_end,
		              kw.nwords * sizeof(*kw.word_end)) == 0);
		four += kw.nwords == 4;
		normalize_free(cold);
	}
	ck_assert_int_eq(four, 3000); /* the, word, and, word */
	normalize_key_free(&kw);
	normalize_key_free(&kc);
	normalize_free(warm);
}
END_TEST

/* Append to buf[0..len) one of v[0..nv), chosen by the next step of the
 * generator *x; returns the new length. */
static size_t
append_pick(char *buf, size_t len, const char *const *v, size_t nv, uint32_t *x)
{
	const char *q;

	*x = *x * 1103515245u + 12345u;
	q = v[(*x >> 16) % nv];
	memcpy(buf + len, q, strlen(q));
	return len + strlen(q);
}

/* NFC by segments (normalize.c's nfc_segments()) against utf8proc's NFC
 * of the whole text: random words of ASCII, combining marks (which
 * reorder and compose), precomposed letters they compose onto, Hangul
 * jamo and syllables, a singleton, a composition exclusion, Greek,
 * Arabic, CJK and stable punctuation, single spaces between them. */
START_TEST(test_text_nfc_segments)
{
	static const char *const parts[] = { "e", "a", "K", "1", ".",
		"\xCC\x81", "\xCC\x80", "\xCC\xA3", "\xCC\xA7", "\xCC\x88",
		"\xC3\xA9", "\xC3\xA0", "\xE1\xBA\xB9", "\xC3\x85",
		"\xE1\x84\x80", "\xE1\x85\xA1", "\xE1\x86\xA8", "\xEA\xB0\x80",
		"\xE2\x84\xAB", "\xE0\xA5\x98", "\xCE\x91", "\xD9\x80",
		"\xD8\xA7", "\xE2\x81\xA3", "\xE4\xB8\xAD", "\xE2\x80\x9C",
		"\xEF\xB8\x8F", "\xE0\xAD\x87", "\xE0\xAC\xBE" };
	struct normalizer *n = normalize_new();
	struct normalize_stats st = { 0, 0, 0 };
	struct wn_buf out = { NULL, 0, 0 };
	char text[512];
	uint32_t x = 777;
	int r, changed = 0;

	for (r = 0; r < 20000; r++) {
		utf8proc_uint8_t *want = NULL;
		utf8proc_ssize_t wl;
		size_t len = 0;
		int w, nw, k, nk;

		x = x * 1103515245u + 12345u;
		nw = 1 + (int)(x >> 16) % 6;
		for (w = 0; w < nw; w++) {
			if (w > 0)
				text[len++] = ' ';
			x = x * 1103515245u + 12345u;
			nk = 1 + (int)(x >> 16) % 6;
			for (k = 0; k < nk; k++)
				len = append_pick(text, len, parts,
				    sizeof(parts) / sizeof(parts[0]), &x);
		}
		out.len = 0;
		ck_assert_int_eq(
		    normalize_text(n, text, len, &out, &st), WN_OK);
		wl = utf8proc_map((const utf8proc_uint8_t *)text,
		    (utf8proc_ssize_t)len, &want,
		    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		ck_assert_int_ge(wl, 0);
		ck_assert_msg(out.len == (size_t)wl &&
		        memcmp(out.data, want, out.len) == 0,
		    "round %d: '%.*s' -> '%.*s', want '%s'", r, (int)len, text,
		    (int)out.len, out.data, (const char *)want);
		changed += (size_t)wl != len || memcmp(want, text, len) != 0;
		free(want);
	}
	ck_assert_int_gt(changed, 5000); /* NFC had work to do */
	wn_buf_free(&out);
	normalize_free(n);
}
END_TEST

/* More than 30 non-starters in a row (UAX #15's Stream-Safe Text Format)
 * get U+034F COMBINING GRAPHEME JOINER after each 30, so that NFC's
 * reordering stays linear; 30 in a row are left as they are. */
static size_t
count_cgj(const struct wn_buf *b)
{
	size_t i, n = 0;

	for (i = 0; i + 1 < b->len; i++)
		n += (unsigned char)b->data[i] == 0xCD &&
		    (unsigned char)b->data[i + 1] == 0x8F;
	return n;
}

START_TEST(test_text_stream_safe)
{
	struct normalizer *n = normalize_new();
	struct normalize_stats st = { 0, 0, 0 };
	struct wn_buf out = { NULL, 0, 0 }, in = { NULL, 0, 0 },
	              safe = { NULL, 0, 0 };
	utf8proc_uint8_t *want = NULL;
	static const int runs[] = { 29, 30, 31, 60, 61, 100 };
	utf8proc_ssize_t wl;
	int i, marks;
	size_t r;

	for (r = 0; r < sizeof(runs) / sizeof(runs[0]); r++) {
		marks = runs[r];
		in.len = safe.len = out.len = 0;
		wn_buf_append(&in, "x a", 3);
		wn_buf_append(&safe, "x a", 3);
		for (i = 0; i < marks; i++) {
			/* ccc 230 and 220 alternating: every pair reorders */
			const char *m = i % 2 ? "\xCC\x96" : "\xCC\x81";

			if (i > 0 && i % 30 == 0)
				wn_buf_append(&safe, "\xCD\x8F", 2);
			wn_buf_append(&in, m, 2);
			wn_buf_append(&safe, m, 2);
		}
		wn_buf_append(&in, " b", 2);
		wn_buf_append(&safe, " b", 2);
		ck_assert_int_eq(
		    normalize_text(n, in.data, in.len, &out, &st), WN_OK);
		ck_assert_uint_eq(count_cgj(&out), (size_t)(marks - 1) / 30);
		wl = utf8proc_map((const utf8proc_uint8_t *)safe.data,
		    (utf8proc_ssize_t)safe.len, &want,
		    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		ck_assert_int_ge(wl, 0);
		ck_assert_msg(out.len == (size_t)wl &&
		        memcmp(out.data, want, out.len) == 0,
		    "%d marks", marks);
		free(want);
		want = NULL;
	}
	wn_buf_free(&out);
	wn_buf_free(&in);
	wn_buf_free(&safe);
	normalize_free(n);
}
END_TEST

/* Keys with and without the letter-by-letter folding (simple_fold[] in
 * normalize.c): random text of ASCII, any character of the ranges it
 * covers (U+00A0..U+058F, U+1E00..U+214F, U+FF01..U+FFEE, simple or
 * not), fold-stable characters it goes with (CJK, kana, a box, an emoji)
 * and what it must leave to utf8proc (combining marks, the kana voicing
 * marks, a trailing jamo, a ligature) first, last or alone in a word. */
START_TEST(test_key_simple_fold)
{
	static const char *const other[] = { "\xC2\xA9", "\xC2\xB0", "\xCC\x81",
		"\xCC\x88", "\xEF\xAC\x81", "\xE4\xB8\xAD", "\xE2\x84\xAB", "A",
		"z", "7", " ", "-", "'", ".", "\xC3\x9F", "\xCF\x82",
		"\xE3\x80\x82", "\xE3\x82\x99", "\xEF\xBE\x9E", "\xE2\x96\xA1",
		"\xF0\x9F\x98\x80", "\xE3\x82\xAB", "\xEA\xB0\x80",
		"\xE1\x86\xA8" };
	struct normalizer *a = normalize_new(), *b = normalize_new();
	struct normalize_key ka = { { NULL, 0, 0 }, NULL, 0, 0, NULL, 0, 0 };
	struct normalize_key kb = { { NULL, 0, 0 }, NULL, 0, 0, NULL, 0, 0 };
	uint32_t x = 4242;
	int r;

	normalize_use_simple_fold(a, 1);
	normalize_use_simple_fold(b, 0);
	for (r = 0; r < 20000; r++) {
		char text[256];
		size_t len = 0;
		int k, nk;

		x = x * 1103515245u + 12345u;
		nk = 1 + (int)(x >> 16) % 10;
		for (k = 0; k < nk; k++) {
			x = x * 1103515245u + 12345u;
			if ((x >> 16) % 3 == 0) {
				const char *q = other[(x >> 18) %
				    (sizeof(other) / sizeof(other[0]))];

				memcpy(text + len, q, strlen(q));
				len += strlen(q);
			} else {
				/* from the three ranges of simple_fold[] */
				uint32_t cp = (x >> 18) % 3 == 0 ?
				    0xA0 + (x >> 20) % (0x590 - 0xA0) :
				    (x >> 18) % 3 == 1 ?
				    0x1E00 + (x >> 20) % (0x2150 - 0x1E00) :
				    0xFF01 + (x >> 20) % (0xFFEF - 0xFF01);

				len += (size_t)utf8proc_encode_char(
				    (utf8proc_int32_t)cp,
				    (utf8proc_uint8_t *)text + len);
			}
		}
		ck_assert_int_eq(normalize_key(a, text, len, &ka), WN_OK);
		ck_assert_int_eq(normalize_key(b, text, len, &kb), WN_OK);
		ck_assert_msg(ka.text.len == kb.text.len &&
		        memcmp(ka.text.data, kb.text.data, ka.text.len) == 0 &&
		        ka.nwords == kb.nwords &&
		        memcmp(ka.word_end, kb.word_end,
		            ka.nwords * sizeof(*ka.word_end)) == 0,
		    "round %d: '%.*s': '%.*s' (%zu words) vs '%.*s' (%zu)", r,
		    (int)len, text, (int)ka.text.len, ka.text.data, ka.nwords,
		    (int)kb.text.len, kb.text.data, kb.nwords);
	}
	normalize_key_free(&ka);
	normalize_key_free(&kb);
	normalize_free(a);
	normalize_free(b);
}
END_TEST

Suite *
normalize_suite(void)
{
	Suite *s = suite_create("normalize");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(
	    tc, test_text, 0, sizeof(text_cases) / sizeof(text_cases[0]));
	tcase_add_test(tc, test_text_nonascii_lines);
	tcase_add_test(tc, test_text_counts);
	tcase_add_test(tc, test_text_invalid_anywhere);
	tcase_add_loop_test(tc, test_text_positions, 0,
	    sizeof(text_inserts) / sizeof(text_inserts[0]));
	tcase_add_loop_test(
	    tc, test_key, 0, sizeof(key_cases) / sizeof(key_cases[0]));
	tcase_add_test(tc, test_key_words);
	tcase_add_loop_test(tc, test_key_ascii_words, 0, 2);
	tcase_add_loop_test(tc, test_key_positions, 0,
	    sizeof(key_inserts) / sizeof(key_inserts[0]));
	tcase_add_test(tc, test_key_cjk);
	tcase_add_test(tc, test_key_fold_cache);
	tcase_add_test(tc, test_text_nfc_segments);
	tcase_add_test(tc, test_text_stream_safe);
	tcase_add_test(tc, test_key_simple_fold);
	suite_add_tcase(s, tc);
	/* every code point through utf8proc: 2 s here, and 9 s
	 * under ThreadSanitizer, past Check's default of 4 */
	tc = tcase_create("every code point");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_stable_characters);
	suite_add_tcase(s, tc);
	return s;
}
