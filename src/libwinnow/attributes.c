/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * attributes.c - the --attributes lines: winnow's decisions as dolma
 * attribute spans, for `dolma mix` to apply to the documents as they
 * were read (attributes.h).
 *
 * dolma keeps what its taggers and its deduper find apart from the
 * documents: one line per document, in the documents' order, holding the
 * document's "id" and "source" and an "attributes" object whose keys are
 * EXPERIMENT__TAGGER__NAME and whose values are lists of [start, end,
 * score] spans, start and end character (code point) offsets into the
 * document's "text" (allenai/dolma docs/data-format.md and taggers.md;
 * the mixer's span_replacement cuts those spans out of the text).  Its
 * paragraph deduper tags a paragraph with a span that takes in the
 * newline after it (src/deduper.rs).  winnow does the same:
 *
 *  1. The text the spans index is the record's text as read: a JSON
 *     Lines record's text field (decoded), a text document, a WET
 *     block; for a page (HTML, a WARC response, --html-field) the blocks
 *     winnow extracted, a line each, which it does not write.  Bytes
 *     that are not UTF-8 count as one character per maximal bad
 *     sequence, as a decoder that replaces them (Python's
 *     errors="replace") counts them.
 *  2. winnow cleans a normalized copy of that text (normalize.c), whose
 *     lines are the original's: normalization changes characters within
 *     lines, never which line a character is on.  Line ends are LF, CR,
 *     CRLF, VT, FF, NEL, U+2028 and U+2029, as normalize.c reads them.
 *     So a paragraph, which clean.c reports by its first line and its
 *     lines, maps to the original's lines exactly.
 *  3. A removed paragraph's span runs from the start of its first line
 *     to the end of its last, its line end included: cutting the spans
 *     out leaves the kept paragraphs on their lines, as winnow's own
 *     output has them.  The score is 1, or for a near duplicate the
 *     share of its fingerprints seen before.
 *  4. A document winnow drops whole (no paragraph kept, no letters left,
 *     --doc-near) also gets one span over all of it under
 *     winnow__document__dropped, so that a mixer filter can drop it.
 *
 * Known weakness: an HTML character reference that decodes to a line
 * break (&#10;) in a text that is not HTML makes the normalized text a
 * line longer than the original; such a document's paragraph spans are
 * not written (counted as attributes_unmapped), its dropped span is.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attributes.h"
#include "json.h"
#include "normalize.h"
#include "utf8.h"

/* One line of the original text, in characters. */
struct line {
	uint64_t start, end, next; /* its first, after its last, after its
					   line end */
};

struct attributes {
	const char *source; /* --source, or NULL */
	struct line *line;
	size_t nline, line_cap;
	struct wn_buf fixed; /* the text made valid UTF-8 */
	struct wn_buf ent;   /* its entities decoded (the check of step 2) */
	uint64_t unmapped;
};

struct attributes *
attributes_new(const char *source)
{
	struct attributes *a = calloc(1, sizeof(*a));

	if (a != NULL)
		a->source = source;
	return a;
}

void
attributes_free(struct attributes *a)
{
	if (a == NULL)
		return;
	free(a->line);
	wn_buf_free(&a->fixed);
	wn_buf_free(&a->ent);
	free(a);
}

uint64_t
attributes_unmapped(const struct attributes *a)
{
	return a->unmapped;
}

/* The length of the line end at s[i..n), or 0 (step 2). */
static size_t
line_end(const unsigned char *s, size_t i, size_t n)
{
	switch (s[i]) {
	case '\n':
	case 0x0B:
	case 0x0C:
		return 1;
	case '\r':
		return i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
	case 0xC2:
		return i + 1 < n && s[i + 1] == 0x85 ? 2 : 0;
	case 0xE2:
		return i + 2 < n && s[i + 1] == 0x80 &&
		        (s[i + 2] == 0xA8 || s[i + 2] == 0xA9) ?
		    3 :
		    0;
	default:
		return 0;
	}
}

/* The lines of the valid UTF-8 s[0..n) into a->line (when keep), and
 * their number.  Returns the number, or (size_t)-1 when out of
 * memory. */
static size_t
split_lines(struct attributes *a, const char *p, size_t n, int keep)
{
	const unsigned char *s = (const unsigned char *)p;
	uint64_t ch = 0, start = 0;
	size_t i = 0, lines = 0;

	if (keep)
		a->nline = 0;
	while (i < n) {
		size_t k = line_end(s, i, n);

		if (k == 0) {
			/* a character: count its lead byte */
			ch += (s[i] & 0xC0) != 0x80;
			i++;
			continue;
		}
		if (keep) {
			if (wn_grow(&a->line, &a->line_cap, a->nline,
			        sizeof(*a->line)) != WN_OK)
				return (size_t)-1;
			a->line[a->nline++] = (struct line){ start, ch,
				ch + (k == 2 && s[i] == '\r' ? 2 : 1) };
		}
		lines++;
		ch += k == 2 && s[i] == '\r' ? 2 : 1;
		start = ch;
		i += k;
	}
	/* the last line, when something follows the last line end */
	if (i > 0 && line_end(s, n - 1, n) == 0) {
		if (keep) {
			if (wn_grow(&a->line, &a->line_cap, a->nline,
			        sizeof(*a->line)) != WN_OK)
				return (size_t)-1;
			a->line[a->nline++] = (struct line){ start, ch, ch };
		}
		lines++;
	}
	return lines;
}

/* The newlines in p[0..n): a paragraph's lines, less one. */
static size_t
newlines(const char *p, size_t n)
{
	size_t k = 0;
	const char *end = p + n;

	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		k++;
		p++;
	}
	return k;
}

static uint64_t
chars(const char *p, size_t n)
{
	uint64_t c = 0;
	size_t i;

	for (i = 0; i < n; i++)
		c += ((unsigned char)p[i] & 0xC0) != 0x80;
	return c;
}

/* "KEY":[[s,e,score],...] for the removed paragraphs of reason r. */
static enum wn_status
put_spans(struct attributes *a, const struct clean_doc *d, int r, int mapped,
    struct wn_buf *o)
{
	const char *name = clean_reason_name[r];
	size_t i;
	int any = 0;

	if (wn_buf_append(o, "\"winnow__paragraphs__", 21) != WN_OK ||
	    wn_buf_append(o, name, strlen(name)) != WN_OK ||
	    wn_buf_append(o, "\":[", 3) != WN_OK)
		return WN_ENOMEM;
	for (i = 0; mapped && i < d->ninfo; i++) {
		const struct clean_paragraph_info *p = &d->info[i];
		size_t last;
		char b[96];
		int n;

		if (p->reason != r)
			continue;
		last =
		    p->line + newlines(d->explain_text.data + p->off, p->len);
		if (last >= a->nline)
			continue; /* cannot be (the check of step 2) */
		if (r == CLEAN_NEAR_DUPLICATE || r == CLEAN_NEAR_REPEAT)
			n = snprintf(b, sizeof(b), "%s[%llu,%llu,%.3f]",
			    any ? "," : "",
			    (unsigned long long)a->line[p->line].start,
			    (unsigned long long)a->line[last].next,
			    p->fingerprints ?
			        (double)p->matched / (double)p->fingerprints :
			        1.0);
		else
			n = snprintf(b, sizeof(b), "%s[%llu,%llu,1]",
			    any ? "," : "",
			    (unsigned long long)a->line[p->line].start,
			    (unsigned long long)a->line[last].next);
		if (wn_buf_append(o, b, (size_t)n) != WN_OK)
			return WN_ENOMEM;
		any = 1;
	}
	return wn_buf_putc(o, ']');
}

enum wn_status
attributes_record(struct attributes *a, struct sink *s,
    const struct record *rec, const char *input, const struct clean_doc *d,
    struct wn_error *e)
{
	struct wn_buf *o = sink_buf(s);
	size_t before = o->len;
	struct wn_span t = rec->text;
	int mapped = 1, r;
	uint64_t total;

	/* step 1: the original text, valid UTF-8 */
	if (t.n > 0 && utf8_valid_prefix(t.p, t.n) != t.n) {
		uint64_t bad = 0;

		a->fixed.len = 0;
		if (utf8_repair(t.p, t.n, &a->fixed, &bad) != WN_OK)
			goto nomem;
		t.p = a->fixed.data;
		t.n = a->fixed.len;
	}
	if (split_lines(a, t.p ? t.p : "", t.n, 1) == (size_t)-1)
		goto nomem;
	total = chars(t.p ? t.p : "", t.n);
	/* step 2's check: entities that would make line breaks */
	if (rec->html.block == NULL && t.n > 0 && memchr(t.p, '&', t.n)) {
		uint64_t count = 0;
		size_t n;

		a->ent.len = 0;
		if (normalize_entities(t.p, t.n, &a->ent, &count) != WN_OK ||
		    (n = split_lines(a, a->ent.data ? a->ent.data : "",
		         a->ent.len, 0)) == (size_t)-1)
			goto nomem;
		if (n != a->nline) {
			mapped = 0;
			a->unmapped++;
		}
	}
	if (wn_buf_append(o, "{\"id\":", 6) != WN_OK)
		goto nomem;
	if (rec->format == INPUT_JSONL && rec->jsonl.id.type != JSON_NONE) {
		if (wn_buf_append(o, rec->id.p, rec->id.n) != WN_OK)
			goto nomem;
	} else if (json_string_encode(
	               rec->id.p ? rec->id.p : "", rec->id.n, o) != WN_OK) {
		goto nomem;
	}
	if (wn_buf_append(o, ",\"source\":", 10) != WN_OK)
		goto nomem;
	if (a->source != NULL) {
		if (json_string_encode(a->source, strlen(a->source), o) !=
		    WN_OK)
			goto nomem;
	} else if (rec->format == INPUT_JSONL &&
	    rec->jsonl.source.type != JSON_NONE) {
		const struct json_value *v = &rec->jsonl.source;

		if (wn_buf_append(o, rec->jsonl.line.p + v->off,
		        v->end - v->off) != WN_OK)
			goto nomem;
	} else {
		struct wn_span src = rec->format != INPUT_JSONL && rec->url.n ?
		    rec->url :
		    (struct wn_span){ input, strlen(input) };
		struct wn_buf fixed = { NULL, 0, 0 };
		uint64_t bad = 0;
		enum wn_status st;

		if (utf8_valid_prefix(src.p, src.n) != src.n) {
			if (utf8_repair(src.p, src.n, &fixed, &bad) != WN_OK)
				goto nomem;
			src.p = fixed.data;
			src.n = fixed.len;
		}
		st = json_string_encode(src.p, src.n, o);
		wn_buf_free(&fixed);
		if (st != WN_OK)
			goto nomem;
	}
	if (wn_buf_append(o, ",\"attributes\":{", 15) != WN_OK)
		goto nomem;
	for (r = 0; r < CLEAN_NREASONS; r++)
		if (put_spans(a, d, r, mapped, o) != WN_OK ||
		    wn_buf_putc(o, ',') != WN_OK)
			goto nomem;
	{
		char b[80];
		int n = d->dropped ?
		    snprintf(b, sizeof(b),
		        "\"winnow__document__dropped\":[[0,%llu,1]]}}\n",
		        (unsigned long long)total) :
		    snprintf(
		        b, sizeof(b), "\"winnow__document__dropped\":[]}}\n");

		if (wn_buf_append(o, b, (size_t)n) != WN_OK)
			goto nomem;
	}
	return sink_wrote(s, e);
nomem:
	o->len = before;
	return wn_fail(e, WN_ENOMEM, "out of memory");
}
