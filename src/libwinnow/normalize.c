/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * normalize.c - output text normalization and matching keys (normalize.h).
 *
 * normalize_text(), in passes, each skipped when it has nothing to do:
 *  1. UTF-8 repair: each maximal invalid subpart becomes U+FFFD (skipped
 *     when the text is valid, which pass 3 checks as it maps: the passes
 *     run again, this one first, when it is not).
 *  2. HTML character references (&amp; &#8217; &#x2019; &nbsp; and every
 *     HTML5 name ending in ';') are decoded (skipped when there is no '&').
 *     Numeric references to 0, surrogates or above U+10FFFF become U+FFFD;
 *     0x80..0x9F are read as windows-1252, as browsers do.
 *  3. Character mapping, one scan: CRLF and CR -> LF; VT, FF, NEL, U+2028
 *     and U+2029 -> LF; other C0/C1 controls, U+200B and U+FEFF dropped;
 *     NBSP and the other Unicode spaces -> ' '; runs of spaces collapsed;
 *     spaces and tabs trimmed at both ends of every line.
 *  4. NFC through utf8proc, skipped when every character is one NFC never
 *     changes (ASCII, Latin-1, Latin Extended, Cyrillic, punctuation, kana,
 *     CJK ideographs, Hangul syllables, the letters of Greek, Hebrew,
 *     Arabic...: normalize_nfc_stable()).  A run of more than 30
 *     non-starters gets U+034F after each 30 first (UAX #15's Stream-Safe
 *     Text Format), so that NFC stays linear; real text has no such run,
 *     so the keys of real text are what they were and NORMALIZE_VERSION
 *     stays.
 *
 * normalize_key(): NFKC + case folding through utf8proc (ASCII: a table
 * lookup per byte), then every code point that is a letter, mark, number
 * or math/currency/other symbol is kept, everything else ends the word.
 *
 * Known weaknesses: entity decoding runs once, so a double-encoded
 * "&amp;amp;" keeps one level; mojibake (UTF-8 read as windows-1252) is not
 * repaired here; the key drops all punctuation, so "3.5" and "35" collide.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
/* x86-64 with GCC or clang: key_words_ssse3(), for processors that have
 * SSSE3 and POPCNT (asked at run time) */
#if defined(__GNUC__) && defined(__x86_64__) && defined(__SSE2__)
#define KEY_SSSE3 1
#include <tmmintrin.h>
#endif

#include <utf8proc.h>

#include "normalize.h"
#include "utf8.h"

#include "entity_table.h"

/* A key's segments folded by utf8proc (NFKC and case folding), kept by
 * their bytes: text repeats its non-ASCII words (names, places), and
 * utf8proc_map() costs some 2,000 instructions and an allocation per
 * segment.  Direct-mapped; a segment or its folded form longer than a
 * slot is not kept. */
#define FOLD_BITS 10
#define FOLD_SLOTS (1 << FOLD_BITS)
#define FOLD_IN 30
#define FOLD_OUT 32
struct fold_slot {
	uint8_t in_len; /* 0: empty */
	uint8_t out_len;
	char in[FOLD_IN];
	char out[FOLD_OUT];
};

/*
 * Folding without utf8proc.  For each character of Latin-1 (from
 * U+00A0), Latin Extended A and B, IPA, Greek, Cyrillic, Armenian, Latin
 * Extended Additional, Greek Extended, general punctuation, currency
 * signs, letterlike symbols and the fullwidth and halfwidth forms: what
 * utf8proc folds it to alone (NFKC and case folding, up to 7 bytes),
 * kept when that is also what it folds to within any segment of ASCII,
 * such characters and fold-stable ones (normalize_fold_stable(), which
 * fold to themselves).  It is when its decomposition (case folded,
 * compatibility) starts with ASCII or a normalize_nfc_stable()
 * character: a starter that no character before composes with, which
 * ends any reordering; so decomposing, reordering and composing the
 * segment does each character apart.  A segment of only such
 * characters and ASCII is then folded character by character (ASCII: A-Z
 * to lower case).  Computed once from the utf8proc linked
 * (simple_fold_init(), pthread_once()), and only read after.
 */
static const struct simple_range {
	uint32_t lo, hi; /* [lo, hi) */
	uint32_t base;   /* its first entry in simple_fold[] */
} simple_range[] = {
	{ 0xA0, 0x590, 0 },
	{ 0x1E00, 0x2150, 0x590 - 0xA0 },
	{ 0xFF01, 0xFFEF, (0x590 - 0xA0) + (0x2150 - 0x1E00) },
};
#define SF_ENTRIES ((0x590 - 0xA0) + (0x2150 - 0x1E00) + (0xFFEF - 0xFF01))
struct simple_fold {
	uint8_t len;  /* 0: not folded this way */
	uint8_t keep; /* bit i: key_scan() keeps s[i] (or its character) */
	char s[6];
};
static struct simple_fold simple_fold[SF_ENTRIES];
static pthread_once_t simple_fold_once = PTHREAD_ONCE_INIT;

/*
 * What normalize_key() may do with a non-ASCII character on its own,
 * without key_fold() or key_scan() of its segment, and what map_chars()
 * does with it: for U+0080..U+2FFF from a table made once
 * (key_class_init(), with simple_fold[]), above that from
 * normalize_fold_stable() and the category.
 */
#define KEY_FOLD_STABLE 1u /* normalize_fold_stable() */
#define KEY_KEPT 2u        /* ... and kept by its category */
#define KEY_SIMPLE 4u      /* simple_fold[] has it, SF_FAST */
/* and for map_chars(): */
#define KEY_TEXT_COPY 16u  /* copied as it is: no space, line end, control */
#define KEY_NFC_STABLE 32u /* normalize_nfc_stable() */
#define KEY_CLASS_END 0x3000
#define KEY_KNOWN 128u /* the entry is made */
static uint8_t key_class[KEY_CLASS_END];
static unsigned key_class_make(uint32_t cp);

/* key_class[cp] (cp < KEY_CLASS_END), made the first time it is asked
 * for: making all 12,000 at once was 2.5 million instructions at every
 * start, and a text meets a few hundred of them. */
static inline unsigned
char_class(uint32_t cp)
{
	unsigned c = __atomic_load_n(&key_class[cp], __ATOMIC_RELAXED);

	return c & KEY_KNOWN ? c : key_class_make(cp);
}

/* The length of the valid UTF-8 character at p[0] >= 0x80 (n > 0 bytes
 * there), with its code point in *cp; 0 when utf8_decode() would find it
 * invalid. */
static inline size_t
key_char(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned c = p[0];
	uint32_t v;

	if (c >= 0xC2 && c <= 0xDF) {
		if (n < 2 || (p[1] & 0xC0) != 0x80)
			return 0;
		*cp = (uint32_t)(c & 0x1F) << 6 | (p[1] & 0x3F);
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		v = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 |
		    (p[2] & 0x3F);
		if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))
			return 0;
		*cp = v;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
		    (p[3] & 0xC0) != 0x80)
			return 0;
		v = (uint32_t)(c & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
		    (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
		if (v < 0x10000 || v > 0x10FFFF)
			return 0;
		*cp = v;
		return 4;
	}
	return 0;
}

struct normalizer {
	struct wn_buf a; /* pass outputs, reused */
	struct wn_buf b;
	struct wn_buf c; /* nfc_segments()'s */
	struct wn_buf d; /* key_fold()'s */
	struct wn_buf e; /* stream_safe()'s */
	int simple;      /* key_fold() may use simple_fold[] */
	struct fold_slot fold[FOLD_SLOTS];
#ifdef KEY_SSSE3
	int ssse3; /* key_words_ssse3() runs here */
	/* for each set of 8 bytes (a bit each), their offsets in order: a
	 * shuffle that packs them to the front */
	uint8_t pack[256][8];
#endif
};

/* The entry of simple_fold[] for cp, or NULL. */
static inline const struct simple_fold *
simple_fold_of(uint32_t cp)
{
	size_t i;

	for (i = 0; i < sizeof(simple_range) / sizeof(simple_range[0]); i++)
		if (cp >= simple_range[i].lo && cp < simple_range[i].hi)
			return &simple_fold[simple_range[i].base +
			    (cp - simple_range[i].lo)];
	return NULL;
}

static void key_class_init(void);

/* What utf8proc_map() of the code point cp with options makes, into
 * out[0..cap) (utf8proc_map()'s own steps, without its allocations);
 * returns its length in bytes, or -1 (an error, or too long). */
static utf8proc_ssize_t
map_one(uint32_t cp, utf8proc_option_t options, char *out, size_t cap)
{
	utf8proc_uint8_t in[4];
	utf8proc_int32_t buf[32];
	utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, in), r;

	r = utf8proc_decompose(in, n, buf, 32, options);
	if (r < 0 || r > 32)
		return -1;
	r = utf8proc_reencode(buf, r, options);
	if (r < 0 || (size_t)r > cap)
		return -1;
	memcpy(out, buf, (size_t)r);
	return r;
}

static void key_class_init(void);

static void
simple_fold_init(void)
{
	size_t k;

	for (k = 0; k < sizeof(simple_range) / sizeof(simple_range[0]); k++) {
		uint32_t cp;

		for (cp = simple_range[k].lo; cp < simple_range[k].hi; cp++) {
			struct simple_fold *f =
			    &simple_fold[simple_range[k].base +
			        (cp - simple_range[k].lo)];
			char out[sizeof(f->s)];
			utf8proc_int32_t dec1[32], d1 = -1;
			utf8proc_ssize_t rd, ro;
			int bound = 0;
			const utf8proc_property_t *pr =
			    utf8proc_get_property((utf8proc_int32_t)cp);

			if (pr->decomp_seqindex == UINT16_MAX &&
			    pr->casefold_seqindex == UINT16_MAX) {
				/* no mapping: it folds to itself, and is its
				 * own decomposition (what map_one() finds for
				 * it, for a tenth of the instructions) */
				if (normalize_nfc_stable(cp))
					f->len = (uint8_t)utf8proc_encode_char(
					    (utf8proc_int32_t)cp,
					    (utf8proc_uint8_t *)f->s);
				continue;
			}
			/* the first code point of its decomposition, as
			 * utf8proc_map() would give it (the ordering that
			 * follows moves no starter) */
			rd = utf8proc_decompose_char((utf8proc_int32_t)cp, dec1,
			    32,
			    UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
			        UTF8PROC_COMPAT | UTF8PROC_CASEFOLD,
			    &bound);
			ro = map_one(cp,
			    UTF8PROC_STABLE | UTF8PROC_COMPOSE |
			        UTF8PROC_COMPAT | UTF8PROC_CASEFOLD,
			    out, sizeof(out));
			if (rd > 0 && rd <= 32)
				d1 = dec1[0];
			if (ro > 0 && d1 >= 0 &&
			    (d1 < 0x80 || normalize_nfc_stable((uint32_t)d1))) {
				f->len = (uint8_t)ro;
				memcpy(f->s, out, (size_t)ro);
			}
		}
	}
	key_class_init();
}

struct normalizer *
normalize_new(void)
{
	/* one for each preparing thread */
	struct normalizer *n = wn_calloc_lines(sizeof(struct normalizer));

	/* the table: 2M instructions, once per process */
	if (n == NULL ||
	    pthread_once(&simple_fold_once, simple_fold_init) != 0) {
		free(n);
		return NULL;
	}
	n->simple = 1;

#ifdef KEY_SSSE3
	if (n != NULL) {
		unsigned m, i, k;

		for (m = 0; m < 256; m++)
			for (i = k = 0; i < 8; i++)
				if (m >> i & 1)
					n->pack[m][k++] = (uint8_t)i;
		__builtin_cpu_init();
		normalize_use_ssse3(n, 1);
	}
#endif
	return n;
}

int
normalize_use_simple_fold(struct normalizer *n, int on)
{
	n->simple = on;
	return on;
}

int
normalize_use_ssse3(struct normalizer *n, int on)
{
#ifdef KEY_SSSE3
	n->ssse3 = on && __builtin_cpu_supports("ssse3") &&
	    __builtin_cpu_supports("popcnt");
	return n->ssse3;
#else
	(void)n;
	(void)on;
	return 0;
#endif
}

void
normalize_free(struct normalizer *n)
{
	if (n == NULL)
		return;
	wn_buf_free(&n->a);
	wn_buf_free(&n->b);
	wn_buf_free(&n->c);
	wn_buf_free(&n->d);
	wn_buf_free(&n->e);
	free(n);
}

void
normalize_key_free(struct normalize_key *key)
{
	wn_buf_free(&key->text);
	free(key->word_end);
	key->word_end = NULL;
	key->nwords = key->cap = 0;
}

/* windows-1252 meaning of 0x80..0x9F, which HTML maps numeric references
 * in that range to (0 = undefined there, decoded as U+FFFD). */
static const uint16_t cp1252_c1[32] = {
	0x20AC,
	0,
	0x201A,
	0x0192,
	0x201E,
	0x2026,
	0x2020,
	0x2021,
	0x02C6,
	0x2030,
	0x0160,
	0x2039,
	0x0152,
	0,
	0x017D,
	0,
	0,
	0x2018,
	0x2019,
	0x201C,
	0x201D,
	0x2022,
	0x2013,
	0x2014,
	0x02DC,
	0x2122,
	0x0161,
	0x203A,
	0x0153,
	0,
	0x017E,
	0x0178,
};

static int
entity_cmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct entity *)e)->name);
}

static int
is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') ||
	    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Try to decode a reference at s[0] == '&'.  On success store up to two
 * code points and return the length consumed; return 0 if it is not a
 * complete reference. */
static size_t
entity_parse(const char *s, size_t n, uint32_t cp[2])
{
	size_t i;

	cp[1] = 0;
	if (n >= 4 && s[1] == '#') {
		uint32_t v = 0;
		int hex = (s[2] == 'x' || s[2] == 'X');
		size_t start = hex ? 3 : 2, digits = 0;

		for (i = start; i < n && digits < 9; i++, digits++) {
			unsigned char c = (unsigned char)s[i];
			int d;

			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
				d = (c | 0x20) - 'a' + 10;
			else
				break;
			v = v * (hex ? 16 : 10) + (uint32_t)d;
		}
		if (digits == 0 || i >= n || s[i] != ';')
			return 0;
		if (v >= 0x80 && v <= 0x9F)
			v = cp1252_c1[v - 0x80] ? cp1252_c1[v - 0x80] :
			                          UTF8_REPLACEMENT;
		else if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			v = UTF8_REPLACEMENT;
		cp[0] = v;
		return i + 1;
	}
	for (i = 1;
	     i < n && i <= ENTITY_MAX_NAME && is_alnum((unsigned char)s[i]);
	     i++)
		;
	if (i == 1 || i >= n || s[i] != ';')
		return 0;
	{
		char name[ENTITY_MAX_NAME + 1];
		const struct entity *e;

		memcpy(name, s + 1, i - 1);
		name[i - 1] = '\0';
		e = bsearch(name, entity_table,
		    sizeof(entity_table) / sizeof(entity_table[0]),
		    sizeof(entity_table[0]), entity_cmp);
		if (e == NULL)
			return 0;
		cp[0] = e->cp[0];
		cp[1] = e->cp[1];
	}
	return i + 1;
}

enum wn_status
normalize_entities(
    const char *s, size_t len, struct wn_buf *out, uint64_t *count)
{
	size_t i = 0;

	while (i < len) {
		const char *amp = memchr(s + i, '&', len - i);
		uint32_t cp[2];
		size_t k;

		if (amp == NULL) {
			return wn_buf_append(out, s + i, len - i);
		}
		if (wn_buf_append(out, s + i, (size_t)(amp - (s + i))) != WN_OK)
			return WN_ENOMEM;
		i = (size_t)(amp - s);
		k = entity_parse(s + i, len - i, cp);
		if (k == 0) {
			if (wn_buf_putc(out, '&') != WN_OK)
				return WN_ENOMEM;
			i++;
			continue;
		}
		for (int j = 0; j < 2 && cp[j]; j++) {
			char u[4];

			if (wn_buf_append(out, u, utf8_encode(cp[j], u)) !=
			    WN_OK)
				return WN_ENOMEM;
		}
		(*count)++;
		i += k;
	}
	return WN_OK;
}

/* normalize.h says what these two promise; check_normalize.c checks it
 * against utf8proc for every code point.  Text made only of such
 * characters (and ASCII) skips utf8proc, which costs about 100 ns per
 * character. */
int
normalize_fold_stable(uint32_t cp)
{
	return (cp >= 0x3041 && cp <= 0x3096) ||              /* hiragana */
	    (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC || /* katakana */
	    (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* unified ideographs */
	    (cp >= 0xAC00 && cp <= 0xD7A3) ||   /* Hangul syllables */
	    (cp >= 0x3001 && cp <= 0x3029) ||   /* 、。々「」〒〜... */
	    (cp >= 0x30FB && cp <= 0x30FE) ||   /* ・ヽヾ (ー above) */
	    (cp >= 0x2190 && cp <= 0x21FF) ||   /* arrows */
	    (cp >= 0x2500 && cp <= 0x27BF) ||   /* box drawing to dingbats */
	    (cp >= 0x1F300 && cp <= 0x1FAFF) || /* pictographs, emoji */
	    (cp >= 0x03AC && cp <= 0x03C1) ||   /* Greek small letters */
	    (cp >= 0x03C3 && cp <= 0x03CE) ||   /* (not final sigma) */
	    (cp >= 0x0561 && cp <= 0x0586) ||   /* Armenian small letters */
	    (cp >= 0x05D0 && cp <= 0x05EA) ||   /* Hebrew letters */
	    (cp >= 0x0621 && cp <= 0x063A) ||   /* Arabic letters */
	    (cp >= 0x0641 && cp <= 0x064A) ||
	    (cp >= 0x0660 && cp <= 0x0669) || /* Arabic-Indic digits */
	    (cp >= 0x0904 && cp <= 0x0939) || /* Devanagari letters */
	    (cp >= 0x0966 && cp <= 0x096F) || /* and digits */
	    (cp >= 0x0E01 && cp <= 0x0E30) || /* Thai consonants, vowels */
	    (cp >= 0x0E40 && cp <= 0x0E46) ||
	    (cp >= 0x0E50 && cp <= 0x0E59) || /* Thai digits */
	    (cp >= 0x10D0 && cp <= 0x10FA);   /* Georgian letters */
}

int
normalize_nfc_stable(uint32_t cp)
{
	return (cp >= 0xA0 && cp <= 0x2FF) || (cp >= 0x400 && cp <= 0x482) ||
	    (cp >= 0x48A && cp <= 0x52F) || (cp >= 0x2010 && cp <= 0x205E) ||
	    (cp >= 0x20A0 && cp <= 0x20BF) || cp == 0x2122 || cp == 0xFFFD ||
	    normalize_fold_stable(cp) ||
	    (cp >= 0x2460 && cp <= 0x24FF) || /* ①ⓒ (compatibility) */
	    (cp >= 0x0386 && cp <= 0x03AB && cp != 0x0387) || /* Greek */
	    (cp >= 0x0531 && cp <= 0x0556) || /* Armenian capitals */
	    (cp >= 0xFF01 && cp <= 0xFF5E);   /* fullwidth ASCII */
}

/* The end of the run of printable ASCII (0x21..0x7E) and single spaces
 * or line feeds between such characters that starts at p[j] (printable,
 * or a space or line feed after one), or an earlier end at a space or
 * line feed (the caller goes on past a single one): 16 bytes at a time
 * (SSE2) up to the first other control, DEL, non-ASCII byte or space or
 * line feed not followed by a printable byte; else 8 at a time while
 * there are none of these, no line feed, adjacent spaces or a space
 * last, then up to the first byte that is not printable (a space
 * included). */
static size_t
printable_run(const unsigned char *p, size_t j, size_t len)
{
#ifdef __SSE2__
	const __m128i space = _mm_set1_epi8(' '), del = _mm_set1_epi8(0x7F),
	              lf = _mm_set1_epi8('\n');

	while (j + 16 <= len) {
		__m128i x =
		    _mm_loadu_si128((const __m128i *)(const void *)(p + j));
		__m128i nl = _mm_cmpeq_epi8(x, lf);
		/* signed: the bytes from 0x80 are below ' ' too */
		unsigned bad = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(nl,
		    _mm_or_si128(
		        _mm_cmplt_epi8(x, space), _mm_cmpeq_epi8(x, del))));
		unsigned sp = (unsigned)_mm_movemask_epi8(
		    _mm_or_si128(_mm_cmpeq_epi8(x, space), nl));
		/* is the next byte printable: the block's own, and for the
		 * last one the byte after the block */
		unsigned next = (~(bad | sp) & 0xFFFF) >> 1;
		unsigned stop;

		if (j + 16 < len && p[j + 16] > 0x20 && p[j + 16] < 0x7F)
			next |= 0x8000;
		stop = bad | (sp & ~next);
		if (stop != 0)
			return j + (size_t)__builtin_ctz(stop);
		j += 16;
	}
#else
	const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80,
	               low7 = ones * 0x7F;

	while (j + 8 <= len) {
		uint64_t x, y, sp, del;

		memcpy(&x, p + j, 8);
		/* zero bytes of y, exactly: high bit of each */
		y = x ^ (ones * ' ');
		sp = ~(((y & low7) + low7) | y | low7);
		y = x ^ (ones * 0x7F);
		del = ~(((y & low7) + low7) | y | low7);
		if ((x & high) || ((x - ones * 0x20) & ~x & high) || del ||
		    (sp & (sp >> 8)) || (sp >> 63))
			break;
		j += 8;
	}
#endif
	while (j < len && p[j] > 0x20 && p[j] < 0x7F)
		j++;
	return j;
}

/* Does map_chars() copy cp (from 0x80, valid) as it is?  Every code
 * point but the spaces, line ends and controls of its switch. */
static int
text_copies(uint32_t cp)
{
	if (cp <= 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
	    cp == 0x3000 || cp == 0xFEFF)
		return 0;
	return 1;
}

/* Does map_chars() copy cp (from 0x80, valid) as it is, a character NFC
 * leaves alone whatever surrounds it? */
static inline int
copies_stable(uint32_t cp)
{
	const unsigned both = KEY_TEXT_COPY | KEY_NFC_STABLE;

	return cp < KEY_CLASS_END ? (char_class(cp) & both) == both :
	                            text_copies(cp) && normalize_nfc_stable(cp);
}

/* Pass 3 (see the top of the file).  Appends to out; sets *nonascii when
 * the result holds a character that NFC may change.  Checks pass 1 as it
 * goes: at the first invalid UTF-8 it stops and sets *invalid (out then
 * holds part of the text). */
static enum wn_status
map_chars(const char *s, size_t len, struct wn_buf *out,
    struct normalize_stats *st, int *nonascii, int *invalid)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, line_start;
	int space = 0; /* a space is pending before the next char */

	if (wn_buf_reserve(out, len) != WN_OK)
		return WN_ENOMEM;
	line_start = out->len;
	*nonascii = 0;
	*invalid = 0;
	while (i < len) {
		unsigned c = p[i];
		uint32_t cp;
		size_t k;

		/* k: the length of a valid character from 0xC2, else 0 */
		k = c >= 0xC2 ? key_char(p + i, len - i, &cp) : 0;
		if ((c > 0x20 && c < 0x7F) || (k != 0 && copies_stable(cp))) {
			/* a run of printable ASCII and of the non-ASCII
			 * characters copied as they are that NFC leaves alone
			 * (what the rest of the loop would do with them,
			 * nonascii left alone), with single spaces and line
			 * feeds inside, copied at once (nothing in it changes);
			 * the output is never longer than the input, which was
			 * reserved.  The run ends at such a character, never at
			 * a space.  line_start stays before a line feed copied
			 * so: the line after it holds such a character, which
			 * ends every trim before it, and the tests of
			 * out->len > line_start are true either way until the
			 * next line feed sets it. */
			size_t j = i + (c < 0x80 ? 1 : k);

			for (;;) {
				j = printable_run(p, j, len);
				if (j + 1 < len &&
				    (p[j] == ' ' || p[j] == '\n')) {
					if (p[j + 1] > 0x20 &&
					    p[j + 1] < 0x7F) {
						j += 2;
						continue;
					}
					if (p[j + 1] >= 0xC2 &&
					    (k = key_char(p + j + 1,
					         len - j - 1, &cp)) != 0 &&
					    copies_stable(cp)) {
						j += 1 + k;
						continue;
					}
					break;
				}
				if (j < len && p[j] >= 0xC2 &&
				    (k = key_char(p + j, len - j, &cp)) != 0 &&
				    copies_stable(cp)) {
					j += k;
					continue;
				}
				break;
			}
			if (space && out->len > line_start)
				out->data[out->len++] = ' ';
			space = 0;
			memcpy(out->data + out->len, p + i, j - i);
			out->len += j - i;
			i = j;
			continue;
		}
		if (k != 0 &&
		    (cp < KEY_CLASS_END ?
		            (char_class(cp) & KEY_TEXT_COPY) != 0 :
		            text_copies(cp))) {
			/* most non-ASCII characters: copied as they are */
			if (space && out->len > line_start)
				out->data[out->len++] = ' ';
			space = 0;
			out->data[out->len] = (char)c;
			out->data[out->len + 1] = (char)p[i + 1];
			if (k > 2)
				out->data[out->len + 2] = (char)p[i + 2];
			if (k > 3)
				out->data[out->len + 3] = (char)p[i + 3];
			out->len += k;
			if (!(cp < KEY_CLASS_END ?
			            (char_class(cp) & KEY_NFC_STABLE) != 0 :
			            normalize_nfc_stable(cp)))
				*nonascii = 1;
			i += k;
			continue;
		}
		if (c < 0x80) {
			cp = c;
			k = 1;
		} else {
			k = utf8_decode(p + i, len - i, &cp);
			if (cp == UTF8_INVALID) {
				*invalid = 1;
				return WN_OK;
			}
		}
		switch (cp) {
		case ' ':
		case 0xA0:
		case 0x1680:
		case 0x2000:
		case 0x2001:
		case 0x2002:
		case 0x2003:
		case 0x2004:
		case 0x2005:
		case 0x2006:
		case 0x2007:
		case 0x2008:
		case 0x2009:
		case 0x200A:
		case 0x202F:
		case 0x205F:
		case 0x3000:
			space = 1;
			break;
		case '\t':
			if (space && out->len > line_start &&
			    wn_buf_putc(out, ' ') != WN_OK)
				return WN_ENOMEM;
			space = 0;
			if (out->len > line_start &&
			    wn_buf_putc(out, '\t') != WN_OK)
				return WN_ENOMEM;
			break;
		case '\r':
			if (i + 1 < len && p[i + 1] == '\n')
				break; /* the LF ends the line */
			               /* FALLTHROUGH */
		case '\n':
		case '\v':
		case '\f':
		case 0x85:
		case 0x2028:
		case 0x2029:
			while (out->len > line_start &&
			    (out->data[out->len - 1] == ' ' ||
			        out->data[out->len - 1] == '\t'))
				out->len--;
			if (wn_buf_putc(out, '\n') != WN_OK)
				return WN_ENOMEM;
			line_start = out->len;
			space = 0;
			break;
		case 0x200B:
		case 0xFEFF:
			st->controls++;
			break;
		default:
			if (cp < 0x20 || cp == 0x7F ||
			    (cp >= 0x80 && cp <= 0x9F)) {
				st->controls++;
				break;
			}
			if (space && out->len > line_start &&
			    wn_buf_putc(out, ' ') != WN_OK)
				return WN_ENOMEM;
			space = 0;
			if (wn_buf_append(out, s + i, k) != WN_OK)
				return WN_ENOMEM;
			if (!normalize_nfc_stable(cp))
				*nonascii = 1;
			break;
		}
		i += k;
	}
	while (out->len > line_start &&
	    (out->data[out->len - 1] == ' ' || out->data[out->len - 1] == '\t'))
		out->len--;
	return WN_OK;
}

/*
 * NFC of out[start..), in place, where only the segments that hold a
 * character NFC may change (not normalize_nfc_stable()) go through
 * utf8proc.  A segment runs from the last ASCII byte before such a
 * character (a starter it may compose with) up to the next ASCII byte.
 * Nothing of NFC reaches across the point before an ASCII byte: that
 * byte is a starter (no reordering across it) and no canonical
 * composition has an ASCII character second.  So NFC of the whole is
 * NFC of each segment with what lies between them, which is ASCII and
 * characters NFC leaves as they are whatever surrounds them.  (The whole
 * text through utf8proc cost some 3M instructions for a page with one
 * such character, an Arabic tatweel or an invisible separator.)
 */
/* UAX #15's Stream-Safe Text Format: no more than this many non-starters
 * in a row; a longer run gets U+034F COMBINING GRAPHEME JOINER (a
 * starter that changes no rendering) after each 30.  Real text never
 * has such runs; without the cap, utf8proc's canonical reordering (a
 * bubble sort) made 320 KB of alternating marks take 73 s. */
#define SAFE_NONSTARTERS 30

/* Does p[0..n) hold a run of more than SAFE_NONSTARTERS non-starters? */
static int
needs_stream_safe(const unsigned char *p, size_t n)
{
	size_t i = 0, run = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = p[i] < 0x80 ? 1 : utf8_decode(p + i, n - i, &cp);

		if (p[i] >= 0x80 &&
		    utf8proc_get_property((utf8proc_int32_t)cp)
		            ->combining_class != 0) {
			if (++run > SAFE_NONSTARTERS)
				return 1;
		} else {
			run = 0;
		}
		i += k;
	}
	return 0;
}

/* p[0..n) into out with a CGJ after each SAFE_NONSTARTERS non-starters
 * in a row. */
static enum wn_status
stream_safe(const unsigned char *p, size_t n, struct wn_buf *out)
{
	size_t i = 0, run = 0;

	out->len = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = p[i] < 0x80 ? 1 : utf8_decode(p + i, n - i, &cp);

		if (p[i] >= 0x80 &&
		    utf8proc_get_property((utf8proc_int32_t)cp)
		            ->combining_class != 0) {
			if (run == SAFE_NONSTARTERS) {
				if (wn_buf_append(out, "\xCD\x8F", 2) != WN_OK)
					return WN_ENOMEM;
				run = 0;
			}
			run++;
		} else {
			run = 0;
		}
		if (wn_buf_append(out, p + i, k) != WN_OK)
			return WN_ENOMEM;
		i += k;
	}
	return WN_OK;
}

static enum wn_status
nfc_segments(struct normalizer *n, struct wn_buf *out, size_t start)
{
	const unsigned char *p = (const unsigned char *)out->data;
	size_t end = out->len, i = start, done = start, from = start;
	struct wn_buf *t = &n->c;

	t->len = 0;
	while (i < end) {
		utf8proc_uint8_t *nfc = NULL;
		utf8proc_ssize_t r;
		const unsigned char *seg;
		size_t seglen;
		uint32_t cp;
		size_t k, b;

		if (p[i] < 0x80) {
			from = i++;
			continue;
		}
		k = utf8_decode(p + i, end - i, &cp);
		if (normalize_nfc_stable(cp)) {
			i += k;
			continue;
		}
		for (b = i + k; b < end && p[b] >= 0x80; b++)
			;
		seg = p + from;
		seglen = b - from;
		if (seglen > SAFE_NONSTARTERS * 2 &&
		    needs_stream_safe(seg, seglen)) {
			if (stream_safe(seg, seglen, &n->e) != WN_OK)
				return WN_ENOMEM;
			seg = (const unsigned char *)n->e.data;
			seglen = n->e.len;
		}
		r = utf8proc_map(seg, (utf8proc_ssize_t)seglen, &nfc,
		    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (r < 0)
			return WN_ENOMEM; /* input is valid: only ENOMEM remains */
		if (wn_buf_append(t, p + done, from - done) != WN_OK ||
		    wn_buf_append(t, nfc, (size_t)r) != WN_OK) {
			free(nfc);
			return WN_ENOMEM;
		}
		free(nfc);
		done = from = i = b;
	}
	if (done == start)
		return WN_OK;
	if (wn_buf_append(t, p + done, end - done) != WN_OK)
		return WN_ENOMEM;
	out->len = start;
	return wn_buf_append(out, t->data, t->len);
}

enum wn_status
normalize_text(struct normalizer *n, const char *s, size_t len,
    struct wn_buf *out, struct normalize_stats *st)
{
	return normalize_text_flags(n, s, len, out, st, 0);
}

/* Passes 2 (when entities is set) and 3 of s[0..len) onto out. */
static enum wn_status
decode_and_map(struct normalizer *n, const char *s, size_t len, int entities,
    struct wn_buf *out, struct normalize_stats *st, int *nonascii, int *invalid)
{
	if (entities) {
		n->b.len = 0;
		if (normalize_entities(s, len, &n->b, &st->entities) != WN_OK)
			return WN_ENOMEM;
		s = n->b.data;
		len = n->b.len;
	}
	return map_chars(s, len, out, st, nonascii, invalid);
}

enum wn_status
normalize_text_flags(struct normalizer *n, const char *s, size_t len,
    struct wn_buf *out, struct normalize_stats *st, unsigned flags)
{
	size_t start = out->len;
	struct normalize_stats before = *st;
	int nonascii, invalid;
	int entities = !(flags & NORMALIZE_NO_ENTITIES) && len > 0 &&
	    memchr(s, '&', len) != NULL;

	/* Pass 1 is checked by pass 3 as it maps (a utf8_valid_prefix()
	 * first was 3.4% of the instructions on the real-text bench corpus):
	 * pass 2 leaves every byte from 0x80 as it is and puts whole
	 * characters where ASCII was, so its output is valid exactly when
	 * its input is.  Invalid text is mapped again, repaired first. */
	if (decode_and_map(n, s, len, entities, out, st, &nonascii, &invalid) !=
	    WN_OK)
		return WN_ENOMEM;
	if (invalid) {
		out->len = start;
		*st = before;
		n->a.len = 0;
		if (utf8_repair(s, len, &n->a, &st->invalid_utf8) != WN_OK ||
		    decode_and_map(n, n->a.data, n->a.len, entities, out, st,
		        &nonascii, &invalid) != WN_OK)
			return WN_ENOMEM;
	}
	return nonascii ? nfc_segments(n, out, start) : WN_OK;
}

int
normalize_has_alnum(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		uint32_t cp;

		if (p[i] < 0x80) {
			unsigned char c = p[i] | 0x20;

			if ((c >= 'a' && c <= 'z') ||
			    (p[i] >= '0' && p[i] <= '9'))
				return 1;
			i++;
			continue;
		}
		i += utf8_decode(p + i, len - i, &cp);
		switch (utf8proc_category((utf8proc_int32_t)cp)) {
		case UTF8PROC_CATEGORY_LU:
		case UTF8PROC_CATEGORY_LL:
		case UTF8PROC_CATEGORY_LT:
		case UTF8PROC_CATEGORY_LM:
		case UTF8PROC_CATEGORY_LO:
		case UTF8PROC_CATEGORY_ND:
		case UTF8PROC_CATEGORY_NL:
		case UTF8PROC_CATEGORY_NO:
			return 1;
		default:
			break;
		}
	}
	return 0;
}

static inline enum wn_status
key_end_word(struct normalize_key *key, size_t *word_start)
{
	if (key->text.len == *word_start)
		return WN_OK;
	if (key->nwords >= key->cap &&
	    wn_grow(&key->word_end, &key->cap, key->nwords,
	        sizeof(*key->word_end)) != WN_OK)
		return WN_ENOMEM;
	key->word_end[key->nwords++] = (uint32_t)key->text.len;
	*word_start = key->text.len;
	return WN_OK;
}

/* General punctuation (U+2010..U+205E) that is punctuation by category:
 * a word end in the key, whatever NFKC would make of it (U+2026 ... or
 * U+203C !!, punctuation too). */
static int
key_punctuation(uint32_t cp)
{
	if (cp < 0x2010 || cp > 0x205E)
		return 0;
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_PC:
	case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI:
	case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO:
		return 1;
	default:
		return 0;
	}
}

/* Does a code point of this category belong in the key? */
static int
key_keeps(utf8proc_category_t c)
{
	switch (c) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
	case UTF8PROC_CATEGORY_SM:
	case UTF8PROC_CATEGORY_SC:
	case UTF8PROC_CATEGORY_SO:
		return 1;
	default:
		return 0;
	}
}

/* The key of an ASCII byte: itself for digits, lower-case letters and the
 * symbols that are kept ($ + < = > | ~, Sc and Sm as for non-ASCII), the
 * lower-case letter for an upper-case one, 0 for a word end. */
static const unsigned char key_ascii[128] = {
	['$'] = '$',
	['+'] = '+',
	['<'] = '<',
	['='] = '=',
	['>'] = '>',
	['|'] = '|',
	['~'] = '~',
	['0'] = '0',
	['1'] = '1',
	['2'] = '2',
	['3'] = '3',
	['4'] = '4',
	['5'] = '5',
	['6'] = '6',
	['7'] = '7',
	['8'] = '8',
	['9'] = '9',
#define L(c) [c] = c, [c - 32] = c
	L('a'),
	L('b'),
	L('c'),
	L('d'),
	L('e'),
	L('f'),
	L('g'),
	L('h'),
	L('i'),
	L('j'),
	L('k'),
	L('l'),
	L('m'),
	L('n'),
	L('o'),
	L('p'),
	L('q'),
	L('r'),
	L('s'),
	L('t'),
	L('u'),
	L('v'),
	L('w'),
	L('x'),
	L('y'),
	L('z'),
#undef L
};

/* The letters and digits among the bytes of x (all ASCII): the high bit
 * of each (bytewise range tests; no carry crosses a byte, as every byte
 * is below 0x80).  The other bytes key_ascii[] keeps, the symbols, are
 * rare: the caller looks them up. */
static inline uint64_t
key_alnum_mask(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ull;
#define KEY_IN(v, lo, hi)                                                      \
	(((v) + ones * (0x80 - (lo))) & ~((v) + ones * (0x7F - (hi))))
	uint64_t l = x | ones * 0x20;

	return (KEY_IN(l, 'a', 'z') | KEY_IN(x, '0', '9')) & ones * 0x80;
#undef KEY_IN
}

static inline int
key_separator(unsigned char c)
{
	return c < 0x80 && key_ascii[c] == 0;
}

/* Bit 7 of simple_fold[].keep: normalize_key() may copy the fold's kept
 * bytes as they are (each kept ASCII byte of it is its own key byte). */
#define SF_FAST 0x80u

static void
key_class_init(void)
{
	size_t e;

	for (e = 0; e < SF_ENTRIES; e++) {
		struct simple_fold *f = &simple_fold[e];
		size_t i = 0;
		unsigned keep = 0, fast = SF_FAST;

		while (i < f->len) {
			const unsigned char *u =
			    (const unsigned char *)f->s + i;
			uint32_t x;
			size_t k;

			if (u[0] < 0x80) {
				if (key_ascii[u[0]] != 0)
					keep |= 1u << i;
				if (key_ascii[u[0]] != 0 &&
				    key_ascii[u[0]] != u[0])
					fast = 0;
				i++;
				continue;
			}
			k = utf8_decode(u, f->len - i, &x);
			if (x == UTF8_INVALID)
				fast = 0;
			else if (key_keeps(
			             utf8proc_category((utf8proc_int32_t)x)))
				keep |= ((1u << k) - 1) << i;
			i += k;
		}
		f->keep = (uint8_t)(keep | fast);
	}
}

/* key_class[cp] made (a function of cp alone: threads that make one at
 * once store the same byte). */
static unsigned
key_class_make(uint32_t cp)
{
	const struct simple_fold *f = simple_fold_of(cp);
	unsigned c = KEY_KNOWN;

	if (cp >= 0xD800 && cp <= 0xDFFF)
		return c;
	if (normalize_nfc_stable(cp))
		c |= KEY_NFC_STABLE;
	if (text_copies(cp))
		c |= KEY_TEXT_COPY;
	if (normalize_fold_stable(cp)) {
		c |= KEY_FOLD_STABLE;
		if (key_keeps(utf8proc_category((utf8proc_int32_t)cp)))
			c |= KEY_KEPT;
	}
	if (f != NULL && f->len > 0 && (f->keep & SF_FAST))
		c |= KEY_SIMPLE;
	__atomic_store_n(&key_class[cp], (uint8_t)c, __ATOMIC_RELAXED);
	return c;
}

static inline unsigned
key_class_of(uint32_t cp)
{
	const struct simple_fold *f;

	if (cp < KEY_CLASS_END)
		return char_class(cp);
	if (normalize_fold_stable(cp))
		return KEY_FOLD_STABLE |
		    (key_keeps(utf8proc_category((utf8proc_int32_t)cp)) ?
		            KEY_KEPT :
		            0);
	f = simple_fold_of(cp);
	return f != NULL && f->len > 0 && (f->keep & SF_FAST) ? KEY_SIMPLE : 0;
}

/* The slot of segment p[0..len) in the fold cache. */
static struct fold_slot *
fold_slot(struct normalizer *n, const unsigned char *p, size_t len)
{
	uint32_t h = (uint32_t)len;
	size_t i;

	for (i = 0; i < len; i++)
		h = h * 31 + p[i];
	return &n->fold[(h * 0x9E3779B1u) >> (32 - FOLD_BITS)];
}

/* Append p[0..len) (folded, or needing no folding) to the key: ASCII by
 * key_ascii[], other characters kept by category, the rest word ends. */
static enum wn_status
key_scan(struct normalize_key *key, const unsigned char *p, size_t len,
    size_t *word_start)
{
	size_t i;

	if (wn_buf_reserve(&key->text, len) != WN_OK)
		return WN_ENOMEM;
	for (i = 0; i < len;) {
		unsigned c = p[i];

		if (c < 0x80) {
			if (key_ascii[c] != 0)
				key->text.data[key->text.len++] =
				    (char)key_ascii[c];
			else if (key_end_word(key, word_start) != WN_OK)
				return WN_ENOMEM;
			i++;
		} else {
			uint32_t cp;
			size_t k = utf8_decode(p + i, len - i, &cp);

			if (cp != UTF8_INVALID &&
			    key_keeps(
			        utf8proc_category((utf8proc_int32_t)cp))) {
				memcpy(
				    key->text.data + key->text.len, p + i, k);
				key->text.len += k;
			} else if (key_end_word(key, word_start) != WN_OK) {
				return WN_ENOMEM;
			}
			i += k;
		}
	}
	return WN_OK;
}

/* key_scan() of segment p[0..len) folded (NFKC, case folding), from the
 * fold cache when it is there. */
static enum wn_status
key_fold(struct normalizer *n, struct normalize_key *key,
    const unsigned char *p, size_t len, size_t *word_start)
{
	struct fold_slot *fs = len <= FOLD_IN ? fold_slot(n, p, len) : NULL;
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t r;
	enum wn_status st;

	if (n->simple) {
		/* letter by letter, when every one is in simple_fold[] */
		struct wn_buf *o = &n->d;
		size_t i = 0;

		o->len = 0;
		if (wn_buf_reserve(o, len * 7) != WN_OK)
			return WN_ENOMEM;
		while (i < len) {
			const struct simple_fold *f;
			uint32_t cp;
			size_t k;

			if (p[i] < 0x80) {
				o->data[o->len++] =
				    (char)(p[i] >= 'A' && p[i] <= 'Z' ?
				            p[i] + 32 :
				            p[i]);
				i++;
				continue;
			}
			k = utf8_decode(p + i, len - i, &cp);
			if ((f = simple_fold_of(cp)) == NULL || f->len == 0)
				break;
			memcpy(o->data + o->len, f->s, f->len);
			o->len += f->len;
			i += k;
		}
		if (i == len)
			return key_scan(key, (const unsigned char *)o->data,
			    o->len, word_start);
	}
	if (fs != NULL && fs->in_len == len && memcmp(fs->in, p, len) == 0)
		return key_scan(key, (const unsigned char *)fs->out,
		    fs->out_len, word_start);
	r = utf8proc_map(p, (utf8proc_ssize_t)len, &folded,
	    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
	        UTF8PROC_CASEFOLD);
	if (r < 0)
		return WN_ENOMEM;
	if (fs != NULL && r <= FOLD_OUT) {
		fs->in_len = (uint8_t)len;
		fs->out_len = (uint8_t)r;
		memcpy(fs->in, p, len);
		memcpy(fs->out, folded, (size_t)r);
	}
	st = key_scan(key, folded, (size_t)r, word_start);
	free(folded);
	return st;
}

/* Are the non-ASCII characters of p[0..len) all ones that folding leaves
 * as they are (normalize_fold_stable())?  Then folding the key's segment
 * would change nothing, and utf8proc is skipped.  (General punctuation is
 * not among them: folded, U+203E OVERLINE becomes a space and a mark.) */
static int
fold_stable_run(const unsigned char *p, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;

		if (p[i] < 0x80) {
			i++;
			continue;
		}
		i += utf8_decode(p + i, len - i, &cp);
		if (!normalize_fold_stable(cp))
			return 0;
	}
	return 1;
}

#ifdef __SSE2__
/* The bytes of v that key_ascii[] keeps: letters, digits and the symbols
 * $ + < = > | ~ (signed compares: bytes from 0x80 are none of them). */
static inline unsigned
key_keep_mask16(__m128i v)
{
	/* x in lo..hi: x - lo, shifted to the bottom of the signed range,
	 * below -128 + (hi - lo + 1); one add and one compare */
#define IN_RANGE(x, lo, hi)                                                    \
	_mm_cmplt_epi8(_mm_add_epi8((x), _mm_set1_epi8((char)(0x80 - (lo)))),  \
	    _mm_set1_epi8((char)(0x80 + (hi) - (lo) + 1)))
	__m128i az = IN_RANGE(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z');
	__m128i d = IN_RANGE(v, '0', '9');
	__m128i lt = IN_RANGE(v, '<', '>');
#undef IN_RANGE
	__m128i sym =
	    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('$')),
	                     _mm_cmpeq_epi8(v, _mm_set1_epi8('+'))),
	        _mm_or_si128(lt,
	            _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(2)),
	                _mm_set1_epi8('~')))); /* | or ~ */

	return (unsigned)_mm_movemask_epi8(
	    _mm_or_si128(_mm_or_si128(az, d), sym));
}

/*
 * The key of text with nothing to fold: its kept ASCII bytes, each word
 * (a run of them) ended by anything else, non-ASCII bytes included (in
 * such text every non-ASCII character is general punctuation, a word
 * end).  The runs are found from a mask of 64 bytes at a time, so one
 * word does not wait for the one before it to be scanned; each is copied
 * 16 bytes at a time, | 0x20 (lower-case for a letter; digits and the
 * kept symbols have that bit already).  o has room for len + 16 bytes,
 * we for len / 2 + 1 word ends.  Returns the key's length.
 */
static size_t
key_words_ascii(
    const unsigned char *p, size_t len, char *o, uint32_t *we, size_t *nwords)
{
	const __m128i low = _mm_set1_epi8(0x20);
	size_t base, ol = 0, ws = 0, nw = 0;

	for (base = 0; base < len; base += 64) {
		size_t n = len - base < 64 ? len - base : 64, j;
		uint64_t m = 0;

		for (j = 0; j + 16 <= n; j += 16)
			m |= (uint64_t)key_keep_mask16(_mm_loadu_si128(
			         (const __m128i *)(const void *)(p + base + j)))
			    << j;
		for (; j < n; j++)
			m |= (uint64_t)(p[base + j] < 0x80 &&
			         key_ascii[p[base + j]] != 0)
			    << j;
		/* a word that reached the last chunk's end ends here,
		 * unless it goes on */
		if (!(m & 1) && ol != ws) {
			we[nw++] = (uint32_t)ol;
			ws = ol;
		}
		while (m != 0) {
			unsigned a = (unsigned)__builtin_ctzll(m);
			uint64_t rest = ~(m >> a);
			unsigned e = rest != 0 ?
			    a + (unsigned)__builtin_ctzll(rest) :
			    64;
			size_t k;

			for (k = base + a; k < base + e; k += 16) {
				if (k + 16 <= len) {
					_mm_storeu_si128(
					    (__m128i *)(void *)(o + ol +
					        (k - base - a)),
					    _mm_or_si128(
					        _mm_loadu_si128(
					            (const __m128i *)(const void
					                    *)(p + k)),
					        low));
				} else {
					size_t t;

					for (t = k; t < base + e; t++)
						o[ol + (t - base - a)] =
						    (char)(p[t] | 0x20);
				}
			}
			ol += e - a;
			if (e == 64)
				break;
			we[nw++] = (uint32_t)ol;
			ws = ol;
			m &= ~(uint64_t)0 << e;
		}
	}
	if (ol != ws)
		we[nw++] = (uint32_t)ol;
	*nwords = nw;
	return ol;
}
#endif

#ifdef KEY_SSSE3
/*
 * key_words_ascii() with SSSE3: the kept bytes of each 8 are packed to
 * the front with one shuffle (n->pack[]) and stored at once, and the word
 * ends come from the mask of 64 bytes: a kept byte followed by one that
 * is not ends a word, at the key offset that counts the kept bytes up to
 * it.  It starts at from (0, or where it stopped: a word may go on
 * there), with the key's length and word count so far in *olp and
 * *nwords, and updates them;
 * count_only: the words are counted, we is left as it is.  With stop, it
 * stops before the first 64 bytes that hold a non-ASCII byte and returns
 * where they start; else (or at the end) it returns len.
 */
__attribute__((target("ssse3,popcnt"))) static size_t
key_words_ssse3(const struct normalizer *nz, const unsigned char *p,
    size_t from, size_t len, char *o, uint32_t *we, int count_only, int stop,
    size_t *olp, size_t *nwords)
{
	/* from tail + 16 - r: a shuffle that moves the last r bytes of 16
	 * to the front and zeroes the others (index 0x80) */
	static const unsigned char tail[32] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
		10, 11, 12, 13, 14, 15, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
		0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80 };
	const __m128i low = _mm_set1_epi8(0x20);
	size_t base, ol = *olp, nw = *nwords;

	for (base = from; base < len; base += 64) {
		size_t n = len - base < 64 ? len - base : 64, j, ol0 = ol;
		uint64_t m = 0, ends;
		unsigned high = 0;

		/* the last r < 16 bytes: the 16 that end with them, shifted
		 * down (zero bytes are neither kept nor high); byte by byte
		 * only in text shorter than 16 */
		for (j = 0; j + 16 <= n || (j < n && len >= 16); j += 16) {
			__m128i v = j + 16 <= n ?
			    _mm_loadu_si128(
			        (const __m128i *)(const void *)(p + base + j)) :
			    _mm_shuffle_epi8(
			        _mm_loadu_si128(
			            (const __m128i *)(const void *)(p + len -
			                16)),
			        _mm_loadu_si128(
			            (const __m128i *)(const void *)(tail + 16 -
			                (n - j))));
			unsigned mb = key_keep_mask16(v), lo = mb & 0xFF,
			         hi = mb >> 8;
			__m128i l = _mm_or_si128(v, low);

			high |= (unsigned)_mm_movemask_epi8(v);
			_mm_storel_epi64((__m128i *)(void *)(o + ol),
			    _mm_shuffle_epi8(l,
			        _mm_loadl_epi64((const __m128i *)(const void *)
			                            nz->pack[lo])));
			ol += (size_t)__builtin_popcount(lo);
			_mm_storel_epi64((__m128i *)(void *)(o + ol),
			    _mm_shuffle_epi8(_mm_srli_si128(l, 8),
			        _mm_loadl_epi64((const __m128i *)(const void *)
			                            nz->pack[hi])));
			ol += (size_t)__builtin_popcount(hi);
			m |= (uint64_t)mb << j;
		}
		for (; j < n; j++) {
			unsigned c = p[base + j];

			high |= c & 0x80;
			if (c < 0x80 && key_ascii[c] != 0) {
				o[ol++] = (char)(c | 0x20);
				m |= (uint64_t)1 << j;
			}
		}
		if (stop && high != 0) {
			/* not known to be punctuation: the caller looks */
			*olp = ol0;
			*nwords = nw;
			return base;
		}
		/* a kept byte before one that is not (or the end) */
		ends = m & ~(m >> 1);
		if (base + 64 < len && p[base + 64] < 0x80 &&
		    key_ascii[p[base + 64]] != 0)
			ends &= ~((uint64_t)1 << 63); /* the word goes on */
		if (count_only) {
			nw += (size_t)__builtin_popcountll(ends);
			continue;
		}
		while (ends != 0) {
			unsigned i = (unsigned)__builtin_ctzll(ends);

			we[nw++] = (uint32_t)(ol0 +
			    (size_t)__builtin_popcountll(
			        m & (((uint64_t)2 << i) - 1)));
			ends &= ends - 1;
		}
	}
	*olp = ol;
	*nwords = nw;
	return len;
}
#endif

/*
 * ASCII goes through key_ascii[] byte by byte.  A non-ASCII character is
 * handled with its segment, the run between two ASCII word ends: only
 * letters, digits and symbols need NFKC and case folding, so in text
 * whose non-ASCII characters are all general punctuation (curly quotes,
 * dashes, ellipsis: word ends in the key) nothing is folded, and in any
 * other text each segment with a non-ASCII character goes through
 * utf8proc.  Folding segment by segment gives what folding the whole
 * text would (and did, before): an ASCII word end is a starter that no
 * character composes with (only letters and < = > do, which are not word
 * ends), canonical reordering stops at a starter, and case folding is per
 * character.
 */
enum wn_status
normalize_key(
    struct normalizer *n, const char *s, size_t len, struct normalize_key *key)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, word_start = 0;
#ifdef KEY_SSSE3
	size_t at = 0;
#endif
	int fold_any = 0;

	key->text.len = 0;
	key->nwords = 0;
	key->word_hash = NULL;
	key->ascii = 0;
	if (len > UINT32_MAX)
		return WN_ENOMEM;
	/* 16 bytes may be stored past the key's end (then cut back); a
	 * word takes a byte and its end another, so there are at most
	 * (len + 1) / 2 word ends until a segment is folded (which may
	 * lengthen it: key_scan() grows the array itself) */
	if (wn_buf_reserve(&key->text, len + 16) != WN_OK ||
	    (len / 2 + 1 > key->cap &&
	        wn_grow(&key->word_end, &key->cap, len / 2 + 1,
	            sizeof(*key->word_end)) != WN_OK))
		return WN_ENOMEM;
	i = 0;
#ifdef KEY_SSSE3
	if (n->ssse3) {
		/* ASCII is taken as it comes, up to the first 64 bytes
		 * with a non-ASCII byte: there the text is looked at as
		 * below (from i: before it, all is ASCII) */
		size_t ol = 0, nw = 0;

		at = i = key_words_ssse3(n, p, 0, len, key->text.data,
		    key->word_end, key->count_only, 1, &ol, &nw);
		key->text.len = ol;
		key->nwords = nw;
		if (at == len) {
			key->ascii = 1;
			return WN_OK;
		}
	}
#endif
	/* is there a character other than general punctuation to fold? (If
	 * not, none is folded: NFKC would make spaces and combining marks of
	 * some punctuation, U+203E OVERLINE, which the key has always taken
	 * as a word end in such text; keys must not change within a
	 * NORMALIZE_VERSION.) */
	for (; !fold_any && (i = utf8_ascii_end(p, i, len)) < len;) {
		uint32_t cp;

		i += utf8_decode(p + i, len - i, &cp);
		fold_any = !key_punctuation(cp);
	}
#ifdef KEY_SSSE3
	if (n->ssse3) {
		if (!fold_any) {
			/* on from where it stopped */
			size_t ol = key->text.len, nw = key->nwords;

			key_words_ssse3(n, p, at, len, key->text.data,
			    key->word_end, key->count_only, 0, &ol, &nw);
			key->text.len = ol;
			key->nwords = nw;
			return WN_OK;
		}
		key->text.len = 0; /* folding: from the start, below */
		key->nwords = 0;
	}
#endif
#ifdef __SSE2__
	if (!fold_any) {
		key->text.len = key_words_ascii(
		    p, len, key->text.data, key->word_end, &key->nwords);
		return WN_OK;
	}
#endif
	/* the loop keeps the key's end and word count in locals (stores
	 * through the char pointer could alias the struct, and the compiler
	 * would reload them on every byte); key_scan() works on the struct,
	 * so they are written back around it */
	i = 0;
	{
		char *o = key->text.data;
		uint32_t *we = key->word_end;
		size_t ol = 0, nw = 0, ws = 0, room = key->text.cap;
		/* the segment being read (see above): where it started in the
		 * text, and the key's length, word count and word start
		 * there */
		size_t sa = 0, sol = 0, snw = 0, sws = 0;

#define KEY_END_WORD()                                                         \
	do {                                                                   \
		if (ol != ws) {                                                \
			we[nw++] = (uint32_t)ol;                               \
			ws = ol;                                               \
		}                                                              \
	} while (0)
		while (i < len) {
			unsigned c, cls;
			size_t a, b, k;
			enum wn_status st;
			uint32_t cp;
			uint64_t x, keep;

#ifdef __SSE2__
			if (i + 16 <= len) {
				/* sixteen bytes: the ones key_ascii[] keeps
				 * before the first other byte, ASCII or not,
				 * go in at once, | 0x20 (lower-case for a
				 * letter; digits and the kept symbols have
				 * that bit) */
				__m128i v = _mm_loadu_si128(
				    (const __m128i *)(const void *)(p + i));
				unsigned m = key_keep_mask16(v);

				_mm_storeu_si128((__m128i *)(void *)(o + ol),
				    _mm_or_si128(v, _mm_set1_epi8(0x20)));
				if (m == 0xFFFF) {
					ol += 16;
					i += 16;
					continue;
				}
				k = (size_t)__builtin_ctz(~m);
				ol += k;
				i += k;
			} else
#endif
			    if (i + 8 <= len &&
			        (memcpy(&x, p + i, 8),
			            (x & 0x8080808080808080ull) == 0)) {
				/* eight ASCII bytes: the letters and digits
				 * before the first other byte go in at once,
				 * lower-cased (| 0x20 makes letters small,
				 * leaves digits) */
				keep = key_alnum_mask(x);
				x |= 0x2020202020202020ull;
				memcpy(o + ol, &x, 8);
				if (keep == 0x8080808080808080ull) {
					ol += 8;
					i += 8;
					continue;
				}
				k = (size_t)__builtin_ctzll(
				        ~keep & 0x8080808080808080ull) /
				    8;
				ol += k;
				i += k;
			}
			c = p[i];
			if (c < 0x80) {
				if (key_ascii[c] != 0) {
					o[ol++] = (char)key_ascii[c];
				} else {
					/* a word end, and a new segment */
					KEY_END_WORD();
					sa = i + 1;
					sol = ol;
					snw = nw;
					sws = ws;
				}
				i++;
				continue;
			}
			/* a character of the segment: taken here when what
			 * key_fold() or key_scan() would make of it is its
			 * own (key_class[]) */
			k = key_char(p + i, len - i, &cp);
			if (!fold_any) {
				/* general punctuation: a word end */
				KEY_END_WORD();
				i += k != 0 ? k :
				              utf8_decode(p + i, len - i, &cp);
				continue;
			}
			cls = k == 0 ? 0 : key_class_of(cp);
			if (cls & KEY_FOLD_STABLE) {
				if (cls & KEY_KEPT) {
					o[ol] = (char)p[i];
					o[ol + 1] = (char)p[i + 1];
					if (k > 2)
						o[ol + 2] = (char)p[i + 2];
					if (k > 3)
						o[ol + 3] = (char)p[i + 3];
					ol += k;
				} else {
					KEY_END_WORD();
				}
				i += k;
				continue;
			}
			if ((cls & KEY_SIMPLE) && n->simple) {
				const struct simple_fold *f =
				    simple_fold_of(cp);
				unsigned fk = f->keep & ~SF_FAST, t;

				if (f->len > k &&
				    ol + f->len + (len - i - k) + 16 > room)
					goto slow; /* no room: rare */
				if (fk == (1u << f->len) - 1) {
					memcpy(o + ol, f->s, sizeof(f->s));
					ol += f->len;
				} else {
					for (t = 0; t < f->len; t++) {
						if (fk >> t & 1)
							o[ol++] = f->s[t];
						else
							KEY_END_WORD();
					}
				}
				i += k;
				continue;
			}
		slow:
			/* the segment, from its start (what it gave the key
			 * so far is taken back) up to the next word end, as
			 * it always was */
			a = sa;
			ol = sol;
			nw = snw;
			ws = sws;
			for (b = i; b < len && !key_separator(p[b]); b++)
				;
			key->text.len = ol;
			key->nwords = nw;
			word_start = ws;
			if (!fold_stable_run(p + a, b - a))
				st =
				    key_fold(n, key, p + a, b - a, &word_start);
			else
				st = key_scan(key, p + a, b - a, &word_start);
			if (st != WN_OK)
				return st;
			/* the rest of the input fits as before: what is left
			 * of it, and its word ends, are counted from here */
			if (wn_buf_reserve(&key->text, len - b + 16) != WN_OK ||
			    (key->nwords + (len - b) / 2 + 1 > key->cap &&
			        wn_grow(&key->word_end, &key->cap,
			            key->nwords + (len - b) / 2 + 1,
			            sizeof(*key->word_end)) != WN_OK))
				return WN_ENOMEM;
			o = key->text.data;
			we = key->word_end;
			room = key->text.cap;
			ol = key->text.len;
			nw = key->nwords;
			ws = word_start;
			/* b is a word end or the end: the next segment
			 * starts after it */
			i = b;
		}
#undef KEY_END_WORD
		key->text.len = ol;
		key->nwords = nw;
		word_start = ws;
	}
	return key_end_word(key, &word_start);
}
