/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * report.c - the HTML report of a run (report.h, winnow(1) REPORTS).
 *
 *  1. Every document decided is seen once, in input order, with its
 *     paragraphs' decisions (clean_explain()) and, for a duplicate, the
 *     document and paragraph it matched (clean_origins()).  The id and
 *     URL of the last REPORT_NAMES documents are kept in a ring, so that
 *     a duplicate can name what it matched.
 *  2. A document is made into its piece of page (a fragment) only when
 *     the page may show it: it is in the sample, or among the
 *     REPORT_TOP that lost the most text so far.  The sample holds the
 *     documents whose id hashes to 0 in its low `level` bits; while it
 *     has more than REPORT_DOCS documents or REPORT_SAMPLE_BYTES of
 *     fragments, level goes up by one and the documents that no longer
 *     match leave.  So every document is shown up to REPORT_DOCS, and
 *     past that a uniform sample that depends on the input alone (not
 *     on threads or timing), and the same id is sampled on any day.
 *  3. Lines removed as site templates are counted by site and text in a
 *     table of REPORT_LINES; when it is full the less frequent half is
 *     forgotten (the counts shown are then lower bounds, and said so).
 *  4. At the end the page is written in one go: the summary, the removal
 *     reasons as bars, the documents that lost the most (links down to
 *     them), the sites' template lines, the options, then the documents
 *     in input order.  A link to a document the page does not show is
 *     written as plain text.
 *
 * Everything that comes from the input (text, ids, URLs, file names) is
 * escaped by report_escape(); the page has no script, loads nothing (its
 * Content-Security-Policy forbids every fetch) and links only to itself.
 *
 * Known weaknesses: a sampled document that is also among the top is
 * shown once, where input order puts it; a document's fragment is made
 * again each time it enters the top, so a run whose losses grow steadily
 * makes some REPORT_TOP * log(documents) fragments.
 */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "boilerplate.h"
#include "json.h"
#include "report.h"
#include "stats.h"
#include "utf8.h"

/* An id or URL longer than this is cut where the page shows it. */
#define ID_MAX 200
#define URL_MAX 300
/* A site or template line longer than this is cut in the sites' table. */
#define HOST_SHOWN 64
#define LINE_SHOWN 160

/* Human names and CSS classes of clean_reason, in its order. */
static const char *const reason_label[CLEAN_NREASONS] = {
	"repeated in the document",
	"duplicate",
	"near repeat in the document",
	"near duplicate",
	"boilerplate",
	"site template",
};

/* What each boilerplate rule means. */
static const char *const rule_label[BOILERPLATE_NRULES] = {
	"kept",
	"a known boilerplate phrase",
	"a placeholder a renderer left",
	"a line of its site's template",
	"page structure (navigation, header, footer, aside)",
	"mostly link text",
	"outside the main text",
	"in the comment section",
	"a fragment that leads nowhere",
	"the document has no main text",
};

static const char *const role_label[] = { "", "chrome", "heading", "list item",
	"caption", "table cell" };

/* The id and URL of a recent document (step 1). */
struct name {
	uint64_t doc; /* 0: empty */
	uint64_t off; /* in the arena's stream of bytes */
	uint16_t id_len, url_len;
};

/* A site-template line and how often it was removed (step 3). */
struct tline {
	uint64_t key;
	uint64_t count;
	uint16_t host_len, text_len;
	char host[HOST_SHOWN];
	char text[LINE_SHOWN];
};

/* One document's piece of the page (step 2). */
struct frag {
	uint64_t doc;
	uint64_t hash;  /* of its id */
	uint64_t lost;  /* bytes of text removed (all, when dropped) */
	uint64_t bytes; /* bytes of text */
	uint64_t paras, removed;
	int reason; /* what removed most of it, or -1 */
	int sample, top;
	char *html;
	size_t len;
	char *label; /* its id, escaped, cut short */
	size_t label_len;
};

struct report {
	struct wn_options opt;
	uint16_t day;
	/* the inputs' names: the first few, and how many */
	char *input[10];
	uint64_t ninputs;
	/* step 1 */
	struct name *names;
	char *arena;
	uint64_t arena_pos;
	/* step 2 */
	struct frag *sample[REPORT_DOCS + 1];
	size_t nsample;
	size_t sample_bytes;
	unsigned level;
	struct frag *top[REPORT_TOP];
	size_t ntop;
	uint64_t documents;
	/* step 3 */
	struct tline *line;
	size_t nline;
	uint32_t *index; /* 2 * REPORT_LINES slots: line + 1, 0 empty */
	int lines_lossy;
	/* scratch */
	struct wn_buf id, url, tmp;
};

/* --- writing HTML ------------------------------------------------ */

/* Where HTML goes: a buffer, or a sink (flushed now and then); a
 * failure sticks, and later calls do nothing. */
struct html {
	struct wn_buf *b;
	struct sink *s;
	enum wn_status st;
	struct wn_error *e;
};

static void
h_put(struct html *h, const char *p, size_t n)
{
	if (h->st == WN_OK && wn_buf_append(h->b, p, n) != WN_OK)
		h->st = WN_ENOMEM;
}

static void
h_str(struct html *h, const char *s)
{
	h_put(h, s, strlen(s));
}

static void h_fmt(struct html *h, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void
h_fmt(struct html *h, const char *fmt, ...)
{
	va_list ap;

	if (h->st != WN_OK)
		return;
	va_start(ap, fmt);
	h->st = wn_buf_vprintf(h->b, fmt, ap);
	va_end(ap);
}

static void
h_esc(struct html *h, const char *s, size_t n, size_t max)
{
	if (h->st == WN_OK && report_escape(h->b, s, n, max) != WN_OK)
		h->st = WN_ENOMEM;
}

static void
h_escs(struct html *h, const char *s)
{
	h_esc(h, s, strlen(s), 0);
}

/* A count with thousands separated: 1,234,567. */
static void
h_num(struct html *h, uint64_t v)
{
	char d[32], b[40];
	int n = snprintf(d, sizeof(d), "%" PRIu64, v), i, k = 0;

	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			b[k++] = ',';
		b[k++] = d[i];
	}
	h_put(h, b, (size_t)k);
}

/* A size in bytes as people read it: 812 bytes, 3.4 KB, 12.0 MB. */
static void
h_size(struct html *h, double v)
{
	if (v < 1000)
		h_fmt(h, "%.0f bytes", v);
	else if (v < 1e6)
		h_fmt(h, "%.1f KB", v / 1e3);
	else if (v < 1e9)
		h_fmt(h, "%.1f MB", v / 1e6);
	else
		h_fmt(h, "%.2f GB", v / 1e9);
}

/* A share as a percentage, 0 when there is no whole. */
static double
pct(uint64_t part, uint64_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

/* Into the sink what is buffered, now that there is much of it. */
static void
h_flush(struct html *h, int force)
{
	if (h->s == NULL || h->st != WN_OK)
		return;
	if (force || h->b->len >= ((size_t)64 << 10)) {
		if ((h->st = sink_wrote(h->s, h->e)) == WN_OK)
			h->b = sink_buf(h->s);
	}
}

/* The longest prefix of s[0..n) of at most max bytes that ends at a
 * character boundary (max 0: n). */
static size_t
cut_at(const char *s, size_t n, size_t max)
{
	if (max == 0 || n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

enum wn_status
report_escape(struct wn_buf *b, const char *s, size_t n, size_t max)
{
	static const char ellipsis[] = "\xE2\x80\xA6";
	static const char fffd[] = "\xEF\xBF\xBD";
	struct wn_buf fixed = { NULL, 0, 0 };
	size_t m, i, run = 0;
	enum wn_status st = WN_OK;
	uint64_t bad = 0;
	int cut;

	if (s == NULL)
		return WN_OK;
	m = cut_at(s, n, max);
	cut = m < n;
	if (utf8_valid_prefix(s, m) != m) {
		if (utf8_repair(s, m, &fixed, &bad) != WN_OK)
			return WN_ENOMEM;
		s = fixed.data;
		m = fixed.len;
	}
	for (i = 0; i < m && st == WN_OK; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *r;

		switch (c) {
		case '&':
			r = "&amp;";
			break;
		case '<':
			r = "&lt;";
			break;
		case '>':
			r = "&gt;";
			break;
		case '"':
			r = "&quot;";
			break;
		case '\'':
			r = "&#39;";
			break;
		default:
			r = (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F ?
			    fffd :
			    NULL;
		}
		if (r == NULL)
			continue;
		if (wn_buf_append(b, s + run, i - run) != WN_OK ||
		    wn_buf_append(b, r, strlen(r)) != WN_OK)
			st = WN_ENOMEM;
		run = i + 1;
	}
	if (st == WN_OK && wn_buf_append(b, s + run, m - run) != WN_OK)
		st = WN_ENOMEM;
	if (st == WN_OK && cut &&
	    wn_buf_append(b, ellipsis, sizeof(ellipsis) - 1) != WN_OK)
		st = WN_ENOMEM;
	wn_buf_free(&fixed);
	return st;
}

/* --- making and freeing ------------------------------------------ */

struct report *
report_new(const struct wn_options *opt, uint16_t day)
{
	struct report *r = calloc(1, sizeof(*r));

	if (r == NULL)
		return NULL;
	r->opt = *opt;
	r->day = day;
	r->names = calloc(REPORT_NAMES, sizeof(*r->names));
	r->arena = malloc(REPORT_NAME_BYTES);
	r->index = calloc(2 * REPORT_LINES, sizeof(*r->index));
	if (r->names == NULL || r->arena == NULL || r->index == NULL) {
		report_free(r);
		return NULL;
	}
	return r;
}

static void
frag_release(struct frag *f)
{
	if (f == NULL || f->sample || f->top)
		return;
	free(f->html);
	free(f->label);
	free(f);
}

void
report_free(struct report *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < sizeof(r->input) / sizeof(r->input[0]); i++)
		free(r->input[i]);
	for (i = 0; i < r->nsample; i++) {
		r->sample[i]->sample = 0;
		frag_release(r->sample[i]);
	}
	for (i = 0; i < r->ntop; i++) {
		r->top[i]->top = 0;
		frag_release(r->top[i]);
	}
	free(r->names);
	free(r->arena);
	free(r->line);
	free(r->index);
	wn_buf_free(&r->id);
	wn_buf_free(&r->url);
	wn_buf_free(&r->tmp);
	free(r);
}

size_t
report_bytes(const struct report *r)
{
	size_t n = sizeof(*r) + REPORT_NAMES * sizeof(*r->names) +
	    REPORT_NAME_BYTES + 2 * REPORT_LINES * sizeof(*r->index) +
	    r->nline * sizeof(*r->line) + r->sample_bytes;
	size_t i;

	for (i = 0; i < r->ntop; i++)
		if (!r->top[i]->sample)
			n += r->top[i]->len;
	return n;
}

enum wn_status
report_input(struct report *r, const char *name)
{
	size_t i = (size_t)r->ninputs;

	r->ninputs++;
	if (i < sizeof(r->input) / sizeof(r->input[0]) &&
	    (r->input[i] = strdup(name)) == NULL)
		return WN_ENOMEM;
	return WN_OK;
}

/* --- step 1: the names of recent documents ------------------------ */

/* The id as people read it: a JSON Lines string decoded, else as it
 * is; cut to ID_MAX. */
static enum wn_status
display_id(struct report *r, const struct record *rec)
{
	uint64_t bad = 0;

	r->id.len = 0;
	if (rec->format == INPUT_JSONL && rec->id.n >= 2 && rec->id.p[0] == '"')
		return json_string_decode(rec->id.p, rec->id.n, &r->id, &bad);
	return wn_buf_append(&r->id, rec->id.p, rec->id.n);
}

static void
ring_put(struct report *r, const char *p, size_t n)
{
	size_t at = (size_t)(r->arena_pos % REPORT_NAME_BYTES);
	size_t k = n < REPORT_NAME_BYTES - at ? n : REPORT_NAME_BYTES - at;

	if (n == 0) /* p may be NULL: no id, no URL */
		return;
	memcpy(r->arena + at, p, k);
	memcpy(r->arena, p + k, n - k);
	r->arena_pos += n;
}

static void
ring_get(const struct report *r, uint64_t off, size_t n, struct wn_buf *b)
{
	size_t at = (size_t)(off % REPORT_NAME_BYTES);
	size_t k = n < REPORT_NAME_BYTES - at ? n : REPORT_NAME_BYTES - at;

	b->len = 0;
	/* the buffer was reserved by the caller */
	memcpy(b->data, r->arena + at, k);
	memcpy(b->data + k, r->arena, n - k);
	b->len = n;
}

static void
names_put(struct report *r, uint64_t doc, const struct wn_span *url)
{
	struct name *s = &r->names[doc % REPORT_NAMES];
	size_t id = cut_at(r->id.data, r->id.len, ID_MAX);
	size_t u = cut_at(url->p, url->n, URL_MAX);

	s->doc = doc;
	s->off = r->arena_pos;
	s->id_len = (uint16_t)id;
	s->url_len = (uint16_t)u;
	ring_put(r, r->id.data, id);
	ring_put(r, url->p, u);
}

/* The id and URL of document doc into r->tmp (id first, *id_len of
 * it); returns 0, or -1 when it is no longer held. */
static int
names_get(struct report *r, uint64_t doc, size_t *id_len)
{
	const struct name *s = &r->names[doc % REPORT_NAMES];
	size_t n = (size_t)s->id_len + s->url_len;

	if (s->doc != doc || r->arena_pos - s->off > REPORT_NAME_BYTES)
		return -1;
	r->tmp.len = 0;
	if (wn_buf_reserve(&r->tmp, n + 1) != WN_OK)
		return -1;
	ring_get(r, s->off, n, &r->tmp);
	*id_len = s->id_len;
	return 0;
}

/* --- step 3: the sites' template lines --------------------------- */

static int
cmp_line(const void *a, const void *b)
{
	const struct tline *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return (x->key > y->key) - (x->key < y->key);
}

static void
lines_index(struct report *r)
{
	size_t i, mask = 2 * REPORT_LINES - 1;

	memset(r->index, 0, 2 * REPORT_LINES * sizeof(*r->index));
	for (i = 0; i < r->nline; i++) {
		size_t k = (size_t)r->line[i].key & mask;

		while (r->index[k] != 0)
			k = (k + 1) & mask;
		r->index[k] = (uint32_t)i + 1;
	}
}

static enum wn_status
line_count(struct report *r, const char *host, size_t host_len,
    const char *text, size_t text_len, uint64_t hash)
{
	size_t mask = 2 * REPORT_LINES - 1, k;
	uint64_t key = XXH3_64bits_withSeed(host, host_len, hash);
	struct tline *t;

	for (k = (size_t)key & mask; r->index[k] != 0; k = (k + 1) & mask)
		if (r->line[r->index[k] - 1].key == key) {
			r->line[r->index[k] - 1].count++;
			return WN_OK;
		}
	if (r->line == NULL &&
	    (r->line = malloc(REPORT_LINES * sizeof(*r->line))) == NULL)
		return WN_ENOMEM;
	if (r->nline == REPORT_LINES) {
		/* keep the more frequent half */
		qsort(r->line, r->nline, sizeof(*r->line), cmp_line);
		r->nline = REPORT_LINES / 2;
		r->lines_lossy = 1;
		lines_index(r);
		for (k = (size_t)key & mask; r->index[k] != 0;
		     k = (k + 1) & mask)
			continue;
	}
	t = &r->line[r->nline];
	t->key = key;
	t->count = 1;
	t->host_len = (uint16_t)cut_at(host, host_len, HOST_SHOWN);
	memcpy(t->host, host, t->host_len);
	t->text_len = (uint16_t)cut_at(text, text_len, LINE_SHOWN);
	memcpy(t->text, text, t->text_len);
	r->index[k] = (uint32_t)++r->nline;
	return WN_OK;
}

/* --- step 2: a document's fragment --------------------------------- */

/* "#N id" of document doc as a link (written plain at the end when the
 * page does not show doc), or what is known of it. */
static void
h_doc_ref(struct html *h, struct report *r, uint64_t doc, uint32_t para)
{
	size_t id_len;

	h_fmt(h, "<a href=\"#d%" PRIu64 "\">#%" PRIu64 "</a>", doc, doc);
	if (names_get(r, doc, &id_len) == 0) {
		h_str(h, " <q>");
		h_esc(h, r->tmp.data, id_len, 0);
		h_str(h, "</q>");
		if (r->tmp.len > id_len) {
			h_str(h, " (");
			h_esc(h, r->tmp.data + id_len, r->tmp.len - id_len, 0);
			h_str(h, ")");
		}
	}
	if (para > 0)
		h_fmt(h, ", \xC2\xB6%" PRIu32, para);
}

/* The detail line of a removed paragraph: its rule and features, or
 * what it matched. */
static void
h_detail(struct html *h, struct report *r, const struct clean_doc *d,
    const struct clean_paragraph_info *p, const char *host, size_t host_len)
{
	const struct boilerplate_para *f = &p->bp;

	h_str(h, "<small>");
	h_str(h, reason_label[p->reason]);
	switch (p->reason) {
	case CLEAN_BOILERPLATE:
		h_fmt(h,
		    ": %s (%s); %zu words, stop words %.0f%%, %s, score %.1f",
		    rule_label[f->rule], boilerplate_rule_name[f->rule],
		    p->words, 100.0 * f->stop_density,
		    f->prose ? "prose" : "not prose", f->score);
		if (f->phrase >= 0) {
			h_str(h, ", phrase <q>");
			h_escs(h, boilerplate_phrase(f->phrase));
			h_str(h, "</q>");
		}
		if (f->has_pos && f->link_density > 0)
			h_fmt(h, ", link text %.0f%%", 100.0 * f->link_density);
		if (f->role > 0 &&
		    f->role < sizeof(role_label) / sizeof(role_label[0]))
			h_fmt(h, ", %s", role_label[f->role]);
		if (f->list)
			h_str(h, ", a list item");
		if (f->credit)
			h_str(h, ", a photo credit");
		if (f->comments)
			h_str(h, ", a comment heading");
		if (f->repeated)
			h_str(h, ", repeated in the page");
		break;
	case CLEAN_TEMPLATE:
		h_fmt(h, ": on %u or more pages of ", r->opt.template_pages);
		h_esc(h, host, host_len, 0);
		break;
	case CLEAN_REPEAT:
	case CLEAN_NEAR_REPEAT:
		if (p->reason == CLEAN_NEAR_REPEAT)
			h_fmt(h, ": %zu of %zu fingerprints seen (%.0f%%)",
			    p->matched, p->fingerprints,
			    pct(p->matched, p->fingerprints));
		if (p->origin_doc == d->number && p->origin_para > 0)
			h_fmt(h, "; %s \xC2\xB6%" PRIu32,
			    p->reason == CLEAN_REPEAT ? "repeats" :
			                                "nearly repeats",
			    p->origin_para);
		else if (p->origin_doc > 0) {
			h_str(h, "; first in ");
			h_doc_ref(h, r, p->origin_doc, p->origin_para);
		}
		break;
	case CLEAN_DUPLICATE:
	case CLEAN_NEAR_DUPLICATE:
		if (p->reason == CLEAN_NEAR_DUPLICATE)
			h_fmt(h, ": %zu of %zu fingerprints seen (%.0f%%)",
			    p->matched, p->fingerprints,
			    pct(p->matched, p->fingerprints));
		if (p->origin_doc > 0) {
			h_str(h,
			    p->reason == CLEAN_DUPLICATE ? "; first in " :
			                                   "; like ");
			h_doc_ref(h, r, p->origin_doc, p->origin_para);
		} else if (p->origin_before) {
			h_str(h,
			    "; seen before this run (the state or a "
			    "prior)");
		} else {
			h_str(h,
			    "; seen earlier, where is no longer "
			    "remembered");
		}
		break;
	default:
		break;
	}
	h_str(h, "</small>");
}

/* The fragment of document d into b. */
static enum wn_status
render(struct report *r, const struct record *rec, const char *source,
    const struct clean_doc *d, const char *host, size_t host_len,
    struct wn_buf *b)
{
	struct html h = { b, NULL, WN_OK, NULL };
	uint64_t more_kept = 0, more_removed = 0;
	size_t i;
	int any = 0;

	h_fmt(&h,
	    "<section class=\"doc%s\" id=\"d%" PRIu64 "\"><h3><a "
	    "href=\"#d%" PRIu64 "\">#%" PRIu64 "</a> ",
	    d->dropped ? " gone" : "", d->number, d->number, d->number);
	h_esc(&h, r->id.data, r->id.len, ID_MAX);
	h_str(&h, "</h3>\n<p class=\"dm\">");
	if (rec->url.n > 0) {
		h_esc(&h, rec->url.p, rec->url.n, URL_MAX);
		h_str(&h, " \xC2\xB7 ");
	}
	h_str(&h, "from ");
	h_esc(&h, source, strlen(source), URL_MAX);
	h_str(&h, " \xC2\xB7 ");
	h_num(&h, d->paragraphs_in);
	h_str(&h, d->paragraphs_in == 1 ? " paragraph, " : " paragraphs, ");
	h_num(&h, d->paragraphs_out);
	h_str(&h, " kept");
	for (i = 0; i < CLEAN_NREASONS; i++) {
		if (d->removed[i] == 0)
			continue;
		h_fmt(&h, "%s<span class=\"t%zu\">",
		    any ? ", " : "; removed: ", i);
		h_num(&h, d->removed[i]);
		h_fmt(&h, " %s</span>", reason_label[i]);
		any = 1;
	}
	if (d->lang >= 0)
		h_fmt(&h, " \xC2\xB7 stop words: %s",
		    boilerplate_lang_name(d->lang));
	if (d->dropped) {
		h_str(&h, " \xC2\xB7 <b>not written: ");
		if (d->paragraphs_in == 0)
			h_str(&h, "no text");
		else if (d->paragraphs_out == 0)
			h_str(&h, "every paragraph removed");
		else if (d->near_duplicate)
			h_fmt(&h,
			    "%.0f%% of its words seen before (--doc-near)",
			    100.0 * d->seen_share);
		else
			h_str(&h, "no letter or digit left");
		h_str(&h, "</b>");
	}
	h_str(&h, "</p>\n<ol>\n");
	for (i = 0; i < d->ninfo; i++) {
		const struct clean_paragraph_info *p = &d->info[i];
		const char *s = d->explain_text.data + p->off;

		if (i >= REPORT_PARAS || b->len >= REPORT_DOC_BYTES) {
			if (p->reason < 0)
				more_kept++;
			else
				more_removed++;
			continue;
		}
		if (p->reason < 0) {
			h_str(&h, "<li>");
			h_esc(&h, s, p->len, REPORT_TEXT);
			h_str(&h, "</li>\n");
			continue;
		}
		h_fmt(&h, "<li class=\"r%d\"><del>", p->reason);
		h_esc(&h, s, p->len, REPORT_TEXT);
		h_str(&h, "</del>");
		h_detail(&h, r, d, p, host, host_len);
		h_str(&h, "</li>\n");
	}
	h_str(&h, "</ol>");
	if (more_kept + more_removed > 0) {
		h_str(&h, "<p class=\"dm\">\xE2\x80\xA6 ");
		h_num(&h, more_kept + more_removed);
		h_str(&h, " more paragraphs not shown (");
		h_num(&h, more_kept);
		h_str(&h, " kept, ");
		h_num(&h, more_removed);
		h_fmt(&h,
		    " removed): a document shows at most %d paragraphs "
		    "and %zu KB",
		    REPORT_PARAS, REPORT_DOC_BYTES >> 10);
		h_str(&h, "</p>");
	}
	h_str(&h, "</section>\n");
	return h.st;
}

static void
sample_evict(struct report *r)
{
	while ((r->nsample > REPORT_DOCS ||
	           r->sample_bytes > REPORT_SAMPLE_BYTES) &&
	    r->level < 63) {
		uint64_t mask;
		size_t i, k = 0;

		r->level++;
		mask = ((uint64_t)1 << r->level) - 1;
		for (i = 0; i < r->nsample; i++) {
			struct frag *f = r->sample[i];

			if ((f->hash & mask) == 0) {
				r->sample[k++] = f;
				continue;
			}
			r->sample_bytes -= f->len;
			f->sample = 0;
			frag_release(f);
		}
		r->nsample = k;
	}
}

enum wn_status
report_document(struct report *r, const struct record *rec, const char *source,
    const struct clean_doc *d)
{
	uint64_t lost = 0, bytes = 0, hash, most = 0;
	char host[CLEAN_HOST_MAX];
	size_t host_len = clean_host(rec->url.p, rec->url.n, host), i;
	size_t min = 0;
	int in_sample, in_top, reason = -1;
	struct wn_buf b = { NULL, 0, 0 };
	struct frag *f;

	r->documents++;
	if (display_id(r, rec) != WN_OK)
		return WN_ENOMEM;
	names_put(r, d->number, &rec->url);
	for (i = 0; i < d->ninfo; i++) {
		const struct clean_paragraph_info *p = &d->info[i];

		bytes += p->len;
		if (p->reason < 0)
			continue;
		lost += p->len;
		if (p->reason == CLEAN_TEMPLATE && host_len > 0 &&
		    line_count(r, host, host_len, d->explain_text.data + p->off,
		        p->len, p->hash) != WN_OK)
			return WN_ENOMEM;
	}
	if (d->dropped)
		lost = bytes;
	for (i = 0; i < CLEAN_NREASONS; i++)
		if (d->removed[i] > most) {
			most = d->removed[i];
			reason = (int)i;
		}
	hash = r->id.len > 0 ? XXH3_64bits(r->id.data, r->id.len) :
	                       XXH3_64bits(&d->number, sizeof(d->number));
	in_sample = (hash & (((uint64_t)1 << r->level) - 1)) == 0;
	for (i = 1; i < r->ntop; i++)
		if (r->top[i]->lost < r->top[min]->lost)
			min = i;
	in_top = lost > 0 && (r->ntop < REPORT_TOP || lost > r->top[min]->lost);
	if (!in_sample && !in_top)
		return WN_OK;
	if ((f = calloc(1, sizeof(*f))) == NULL)
		return WN_ENOMEM;
	if (render(r, rec, source, d, host, host_len, &b) != WN_OK) {
		wn_buf_free(&b);
		free(f);
		return WN_ENOMEM;
	}
	f->doc = d->number;
	f->hash = hash;
	f->lost = lost;
	f->bytes = bytes;
	f->paras = d->paragraphs_in;
	f->removed = d->paragraphs_in - d->paragraphs_out;
	f->reason = reason;
	f->html = b.data;
	f->len = b.len;
	b.data = NULL;
	b.len = b.cap = 0;
	if (report_escape(&b, r->id.data, r->id.len, 120) != WN_OK) {
		free(f->html);
		free(f);
		return WN_ENOMEM;
	}
	f->label = b.data;
	f->label_len = b.len;
	if (in_top) {
		f->top = 1;
		if (r->ntop < REPORT_TOP) {
			r->top[r->ntop++] = f;
		} else {
			struct frag *old = r->top[min];

			r->top[min] = f;
			old->top = 0;
			frag_release(old);
		}
	}
	if (in_sample) {
		f->sample = 1;
		r->sample[r->nsample++] = f;
		r->sample_bytes += f->len;
		sample_evict(r);
	}
	return WN_OK;
}

/* --- step 4: the page ---------------------------------------------- */

/* clang-format off */
static const char style[] =
"<style>\n"
"body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
"margin:0;color:#1e293b;background:#fff}\n"
"main{max-width:1100px;margin:0 auto;padding:0 1.2em 3em}\n"
"header{background:#0f172a;color:#f8fafc;padding:1em 1.2em}\n"
"header h1{margin:0;font-size:1.6em}header p{margin:.3em 0 0;color:#cbd5e1}\n"
"h2{margin:1.6em 0 .5em;border-bottom:2px solid #e2e8f0;padding-bottom:.2em}\n"
"table{border-collapse:collapse}td,th{padding:.2em .7em;text-align:left;"
"vertical-align:top}th{color:#475569;font-weight:600}\n"
"td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
"table.grid tr:nth-child(even){background:#f8fafc}\n"
".cards{display:flex;flex-wrap:wrap;gap:.8em;margin-top:1em}\n"
".card{border:1px solid #e2e8f0;border-radius:8px;padding:.6em 1em;"
"min-width:12em;background:#f8fafc}\n"
".card b{display:block;font-size:1.5em;color:#0f172a}"
".card span{color:#475569}\n"
".bar{background:#f1f5f9;width:22em;height:1em;border-radius:3px;"
"overflow:hidden}.bar i{display:block;height:100%;min-width:2px}\n"
".ok{color:#15803d}.warn{color:#b45309;font-weight:600}\n"
".set{font-weight:700}\n"
"section.doc{border:1px solid #e2e8f0;border-radius:8px;margin:1em 0;"
"padding:.3em 1em .6em}\n"
"section.doc.gone{border-color:#fca5a5}\n"
"section.doc h3{margin:.4em 0 .1em;font-size:1.05em;overflow-wrap:anywhere}\n"
".dm{color:#64748b;font-size:.88em;margin:.1em 0 .5em;overflow-wrap:anywhere}\n"
"ol{padding-left:2.6em;margin:.3em 0}li{margin:.25em 0;white-space:pre-wrap;"
"overflow-wrap:anywhere}\n"
"li[class]{border-radius:4px;padding:0 .3em}\n"
"del{text-decoration-thickness:1px}\n"
"li small{display:block;white-space:normal;font-size:.82em;color:#334155}\n"
"code{background:#f1f5f9;padding:0 .2em}\n"
"q{quotes:'\\201C' '\\201D'}\n"
".r0,.b0{background:#ffedd5}.r0 del,.t0{color:#c2410c}i.b0{background:#f97316}\n"
".r1,.b1{background:#fee2e2}.r1 del,.t1{color:#b91c1c}i.b1{background:#dc2626}\n"
".r2,.b2{background:#fef9c3}.r2 del,.t2{color:#a16207}i.b2{background:#eab308}\n"
".r3,.b3{background:#f3e8ff}.r3 del,.t3{color:#7e22ce}i.b3{background:#a855f7}\n"
".r4,.b4{background:#e2e8f0}.r4 del,.t4{color:#475569}i.b4{background:#64748b}\n"
".r5,.b5{background:#ccfbf1}.r5 del,.t5{color:#0f766e}i.b5{background:#14b8a6}\n"
"i.bk{background:#22c55e}i.bd{background:#94a3b8}\n"
".legend span{display:inline-block;padding:0 .5em;margin:0 .3em .3em 0;"
"border-radius:4px}\n"
"footer{color:#64748b;font-size:.85em;margin-top:3em}\n"
"</style>\n";
/* clang-format on */

static void
h_card(struct html *h, uint64_t v, const char *what)
{
	h_str(h, "<div class=\"card\"><b>");
	h_num(h, v);
	h_str(h, "</b><span>");
	h_str(h, what);
	h_str(h, "</span></div>");
}

/* A row of the reasons' table: a name, a count, its share of whole and a
 * bar of class cls. */
static void
h_bar_row(struct html *h, const char *cls, const char *name, uint64_t n,
    uint64_t whole)
{
	double p = pct(n, whole);

	h_fmt(h, "<tr><td>%s</td><td class=\"n\">", name);
	h_num(h, n);
	h_fmt(h,
	    "</td><td class=\"n\">%.1f%%</td><td><div class=\"bar\"><i "
	    "class=\"%s\" style=\"width:%.2f%%\"></i></div></td></tr>\n",
	    p, cls, p);
}

static void
h_summary(struct html *h, struct report *r, const struct report_end *x)
{
	const struct wn_stats *s = x->stats;
	uint64_t para_removed[CLEAN_NREASONS];
	char day[16];
	size_t i;

	para_removed[CLEAN_REPEAT] = s->paragraphs_repeat;
	para_removed[CLEAN_DUPLICATE] = s->paragraphs_duplicate;
	para_removed[CLEAN_NEAR_REPEAT] = s->paragraphs_near_repeat;
	para_removed[CLEAN_NEAR_DUPLICATE] = s->paragraphs_near_duplicate;
	para_removed[CLEAN_BOILERPLATE] = s->paragraphs_boilerplate;
	para_removed[CLEAN_TEMPLATE] = s->paragraphs_template;
	stats_date(r->day, day);
	h_fmt(h,
	    "<header id=\"summary\"><h1>winnow report</h1><p>a run dated "
	    "%s \xC2\xB7 winnow %s \xC2\xB7 ",
	    day, WN_VERSION);
	if (x->stopped)
		h_str(h,
		    "<span class=\"warn\">the run stopped early: its "
		    "input was not read whole</span>");
	else if (x->status != WN_OK)
		h_str(h,
		    "<span class=\"warn\">complete, with problems (see "
		    "its messages)</span>");
	else
		h_str(h, "complete");
	h_str(h, "</p></header>\n<main>\n<div class=\"cards\">");
	h_card(h, s->records_in, "documents in");
	h_card(h, s->records_out, "documents out");
	h_card(h, s->paragraphs_in, "paragraphs in");
	h_card(h, s->paragraphs_out, "paragraphs out");
	h_str(h, "</div>\n<h2>The run</h2>\n<table>");
	h_str(h, "<tr><th>text</th><td>");
	h_size(h, (double)s->text_bytes_in);
	h_str(h, " in, ");
	h_size(h, (double)s->text_bytes_out);
	h_fmt(h, " out (%.1f%% kept)</td></tr>",
	    pct(s->text_bytes_out, s->text_bytes_in));
	h_str(h, "<tr><th>bytes</th><td>");
	h_size(h, (double)s->bytes_in);
	h_str(h, " read from ");
	h_num(h, s->inputs);
	h_str(h, s->inputs == 1 ? " input, " : " inputs, ");
	h_size(h, (double)s->bytes_out);
	h_str(h, " of records written");
	if (s->bytes_written != s->bytes_out) {
		h_str(h, " (");
		h_size(h, (double)s->bytes_written);
		h_str(h, " compressed)");
	}
	h_str(h, "</td></tr>");
	h_fmt(h, "<tr><th>time</th><td>%.2f s", x->seconds);
	if (x->seconds > 0)
		h_fmt(h, ", %.1f MB/s, %.0f documents/s",
		    (double)s->bytes_in / 1e6 / x->seconds,
		    (double)s->records_in / x->seconds);
	h_str(h, "</td></tr>");
	if (s->records_bad > 0) {
		h_str(h, "<tr><th>bad records</th><td class=\"warn\">");
		h_num(h, s->records_bad);
		h_str(h, " skipped</td></tr>");
	}
	if (x->state != NULL) {
		uint64_t n = 0;
		int k;

		for (i = 0; i < STATE_NSETS; i++)
			for (k = 0; k < STATE_AGES; k++)
				n += x->state->age[i][k];
		h_str(h, "<tr><th>state written</th><td>");
		h_num(h, n);
		h_str(h, " entries, ");
		h_size(h, (double)x->state->bytes);
		h_str(h, "</td></tr>");
	}
	h_str(h,
	    "</table>\n<h2 id=\"reasons\">Paragraphs removed, by "
	    "reason</h2>\n<table class=\"grid\"><tr><th>reason</th>"
	    "<th>paragraphs</th><th>of all</th><th></th></tr>\n");
	h_bar_row(h, "bk", "kept", s->paragraphs_out, s->paragraphs_in);
	for (i = 0; i < CLEAN_NREASONS; i++) {
		char cls[8], name[96];

		snprintf(cls, sizeof(cls), "b%zu", i);
		snprintf(name, sizeof(name),
		    "<span class=\"t%zu\">%s</span> <code>%s</code>", i,
		    reason_label[i], clean_reason_name[i]);
		h_bar_row(h, cls, name, para_removed[i], s->paragraphs_in);
	}
	h_str(h,
	    "</table>\n<h2>Documents not written</h2>\n<table "
	    "class=\"grid\"><tr><th>why</th><th>documents</th><th>of "
	    "all</th><th></th></tr>\n");
	h_bar_row(h, "bk", "written", s->records_out, s->records_in);
	h_bar_row(h, "b1", "every paragraph a duplicate",
	    s->documents_duplicate, s->records_in);
	h_bar_row(h, "b4", "no main text left", s->documents_boilerplate,
	    s->records_in);
	h_bar_row(h, "b3", "mostly seen before (--doc-near)",
	    s->documents_near_duplicate, s->records_in);
	h_bar_row(h, "bd", "no text", s->documents_empty, s->records_in);
	h_bar_row(h, "bd", "no letter or digit left", s->documents_no_letters,
	    s->records_in);
	h_bar_row(h, "b0", "bad records", s->records_bad, s->records_in);
	h_str(h, "</table>\n");
}

static int
cmp_frag_lost(const void *a, const void *b)
{
	const struct frag *x = *(const struct frag *const *)a;
	const struct frag *y = *(const struct frag *const *)b;

	if (x->lost != y->lost)
		return x->lost < y->lost ? 1 : -1;
	return (x->doc > y->doc) - (x->doc < y->doc);
}

static void
h_top(struct html *h, struct report *r)
{
	struct frag *v[REPORT_TOP];
	size_t i;

	h_fmt(h, "<h2 id=\"lost\">The documents that lost the most</h2>\n");
	if (r->ntop == 0) {
		h_str(h, "<p>No document lost any text.</p>\n");
		return;
	}
	memcpy(v, r->top, r->ntop * sizeof(*v));
	qsort(v, r->ntop, sizeof(*v), cmp_frag_lost);
	h_str(h,
	    "<table class=\"grid\"><tr><th>document</th><th>id</th>"
	    "<th>paragraphs removed</th><th>text removed</th><th>mostly"
	    "</th></tr>\n");
	for (i = 0; i < r->ntop; i++) {
		const struct frag *f = v[i];

		h_fmt(h,
		    "<tr><td><a href=\"#d%" PRIu64 "\">#%" PRIu64
		    "</a></td><td>",
		    f->doc, f->doc);
		h_put(h, f->label, f->label_len);
		h_str(h, "</td><td class=\"n\">");
		h_num(h, f->removed);
		h_str(h, " of ");
		h_num(h, f->paras);
		h_str(h, "</td><td class=\"n\">");
		h_size(h, (double)f->lost);
		h_fmt(h, " (%.0f%%)</td><td>", pct(f->lost, f->bytes));
		if (f->reason >= 0)
			h_fmt(h, "<span class=\"t%d\">%s</span>", f->reason,
			    reason_label[f->reason]);
		h_str(h, "</td></tr>\n");
	}
	h_str(h, "</table>\n");
}

static int
cmp_line_host(const void *a, const void *b)
{
	const struct tline *x = a, *y = b;
	size_t n = x->host_len < y->host_len ? x->host_len : y->host_len;
	int c = memcmp(x->host, y->host, n);

	if (c != 0)
		return c;
	if (x->host_len != y->host_len)
		return x->host_len < y->host_len ? -1 : 1;
	return cmp_line(a, b);
}

struct host_total {
	size_t first, n; /* its lines in the sorted table */
	uint64_t total;
};

static int
cmp_host_total(const void *a, const void *b)
{
	const struct host_total *x = a, *y = b;

	if (x->total != y->total)
		return x->total < y->total ? 1 : -1;
	return (x->first > y->first) - (x->first < y->first);
}

static enum wn_status
h_sites(struct html *h, struct report *r)
{
	struct host_total *t = NULL;
	size_t i, nt = 0, k;

	h_str(h,
	    "<h2 id=\"sites\">Site templates: the lines removed most "
	    "often, by site</h2>\n");
	if (r->nline == 0) {
		h_fmt(h,
		    "<p>No paragraph was removed as a site template (a "
		    "line on %u pages of one site; the records need "
		    "URLs).</p>\n",
		    r->opt.template_pages);
		return WN_OK;
	}
	qsort(r->line, r->nline, sizeof(*r->line), cmp_line_host);
	if ((t = malloc(r->nline * sizeof(*t))) == NULL)
		return WN_ENOMEM;
	for (i = 0; i < r->nline; i++) {
		if (i == 0 || r->line[i - 1].host_len != r->line[i].host_len ||
		    memcmp(r->line[i - 1].host, r->line[i].host,
		        r->line[i].host_len) != 0) {
			t[nt].first = i;
			t[nt].n = 0;
			t[nt++].total = 0;
		}
		t[nt - 1].n++;
		t[nt - 1].total += r->line[i].count;
	}
	qsort(t, nt, sizeof(*t), cmp_host_total);
	if (r->lines_lossy)
		h_fmt(h,
		    "<p>More distinct lines were removed than the %d this "
		    "report counts: the rarer were forgotten, and the "
		    "counts are lower bounds.</p>\n",
		    REPORT_LINES);
	if (nt > REPORT_HOSTS)
		h_fmt(h, "<p>The %d sites with the most, of %zu.</p>\n",
		    REPORT_HOSTS, nt);
	h_str(h,
	    "<table class=\"grid\"><tr><th>site</th><th>times</th><th>"
	    "line</th></tr>\n");
	for (i = 0; i < nt && i < REPORT_HOSTS; i++) {
		for (k = 0; k < t[i].n && k < REPORT_HOST_LINES; k++) {
			const struct tline *l = &r->line[t[i].first + k];

			h_str(h, "<tr><td>");
			if (k == 0) {
				h_esc(h, l->host, l->host_len, 0);
				h_str(h, " <small>(");
				h_num(h, t[i].total);
				h_str(h, " removed)</small>");
			}
			h_str(h, "</td><td class=\"n\">");
			h_num(h, l->count);
			h_str(h, "</td><td>");
			h_esc(h, l->text, l->text_len, 0);
			if (l->text_len == LINE_SHOWN)
				h_str(h, "\xE2\x80\xA6");
			h_str(h, "</td></tr>\n");
		}
		if (t[i].n > REPORT_HOST_LINES) {
			h_str(h, "<tr><td></td><td></td><td><small>and ");
			h_num(h, t[i].n - REPORT_HOST_LINES);
			h_str(h, " more lines</small></td></tr>\n");
		}
	}
	h_str(h, "</table>\n");
	free(t);
	return WN_OK;
}

/* One row of the options' table, bold when not the default. */
static void h_option(
    struct html *h, const char *name, int set, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void
h_option(struct html *h, const char *name, int set, const char *fmt, ...)
{
	char b[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b, sizeof(b), fmt, ap);
	va_end(ap);
	h_fmt(h, "<tr%s><th>%s</th><td>", set ? " class=\"set\"" : "", name);
	h_escs(h, b);
	h_str(h, "</td></tr>\n");
}

static void
h_options(struct html *h, struct report *r, const struct report_end *x)
{
	static const char *const from[] = { "auto", "text", "jsonl", "warc",
		"html" };
	static const char *const mode[] = { "off", "loose", "normal",
		"strict" };
	static const char *const utf8[] = { "replace", "skip", "fail" };
	const struct wn_options *o = &r->opt;
	struct wn_options d;
	char day[16];
	size_t i;

	wn_options_default(&d);
	stats_date(r->day, day);
	h_str(h,
	    "<h2 id=\"options\">Options</h2>\n<p>In bold: not the "
	    "default.</p>\n<table class=\"grid\">\n");
	if (x->command != NULL) {
		h_str(h, "<tr><th>command</th><td><code>");
		h_esc(h, x->command, strlen(x->command), 2000);
		h_str(h, "</code></td></tr>\n");
	}
	h_str(h, "<tr><th>inputs</th><td>");
	h_num(h, r->ninputs);
	for (i = 0; i < r->ninputs && i < sizeof(r->input) / sizeof(*r->input);
	     i++) {
		h_str(h, i == 0 ? ": " : ", ");
		h_escs(h, r->input[i]);
	}
	if (r->ninputs > sizeof(r->input) / sizeof(*r->input))
		h_str(h, ", \xE2\x80\xA6");
	h_str(h, "</td></tr>\n");
	h_option(h, "--from", o->from != d.from, "%s", from[o->from % 5]);
	h_option(h, "--boilerplate", o->boilerplate != d.boilerplate, "%s",
	    mode[o->boilerplate % 4]);
	h_option(h, "--lang", o->lang != d.lang, "%s",
	    o->lang < 0 ? "auto (per document)" : wn_lang_name(o->lang));
	h_option(h, "--template-pages", o->template_pages != d.template_pages,
	    "%u%s", o->template_pages, o->template_pages ? "" : " (never)");
	h_option(h, "--near", o->near != d.near, "%g%s", o->near,
	    o->near > 0 ? "" : " (exact matches only)");
	h_option(h, "--doc-near", o->doc_near != d.doc_near, "%g%s",
	    o->doc_near, o->doc_near > 0 ? "" : " (never)");
	h_option(h, "--shingle, --window",
	    o->shingle != d.shingle || o->window != d.window, "%u words, %u",
	    o->shingle, o->window);
	h_option(
	    h, "--memory", o->memory != d.memory, "%zu MiB", o->memory >> 20);
	h_option(h, "--threads", 0, "%d", o->threads);
	h_option(h, "--text-field, --id-field",
	    strcmp(o->text_field, d.text_field) != 0 ||
	        strcmp(o->id_field, d.id_field) != 0,
	    "%s, %s", o->text_field, o->id_field);
	h_option(h, "--to", o->to != d.to || o->compress != d.compress,
	    "%s, %s", o->to == WN_TO_TEXT ? "text" : "jsonl",
	    o->compress ? "zstd" : "not compressed");
	h_option(h, "--on-error, --invalid-utf8",
	    o->on_error_fail != d.on_error_fail ||
	        o->invalid_utf8 != d.invalid_utf8,
	    "%s, %s", o->on_error_fail ? "fail" : "skip",
	    utf8[o->invalid_utf8 % 3]);
	h_option(h, "--state", o->state != NULL, "%s",
	    o->state != NULL ? o->state : "none");
	if (o->state != NULL)
		h_option(h, "--max-age", o->max_age != d.max_age, "%u%s",
		    o->max_age, o->max_age ? " days" : " (never forget)");
	if (o->nprior > 0)
		h_option(h, "--prior", 1, "%zu files", o->nprior);
	h_option(h, "--date", o->today >= 0, "%s", day);
	h_str(h, "</table>\n");
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* f's HTML, its links to documents the page does not show made plain. */
static void
h_frag(
    struct html *h, const struct frag *f, const uint64_t *shown, size_t nshown)
{
	static const char link[] = "<a href=\"#d";
	const char *p = f->html, *end = f->html + f->len;

	while (p < end) {
		const char *a = memmem(p, (size_t)(end - p), link, 11);
		uint64_t doc = 0;
		const char *q;

		if (a == NULL) {
			h_put(h, p, (size_t)(end - p));
			return;
		}
		h_put(h, p, (size_t)(a - p));
		for (q = a + 11; q < end && *q >= '0' && *q <= '9'; q++)
			doc = doc * 10 + (uint64_t)(*q - '0');
		q += 2; /* "> */
		if (bsearch(&doc, shown, nshown, sizeof(*shown), cmp_u64) !=
		    NULL)
			h_put(h, a, (size_t)(q - a));
		else
			h_str(h, "<a>");
		p = q;
	}
}

static void
h_documents(struct html *h, struct report *r)
{
	uint64_t *shown;
	struct frag **v;
	size_t n = 0, i, k;

	h_str(h, "<h2 id=\"documents\">Documents</h2>\n<p>");
	if (r->level == 0) {
		h_str(h, "All ");
		h_num(h, r->documents);
		h_fmt(h,
		    " documents are shown (a report shows every document "
		    "up to %d).",
		    REPORT_DOCS);
	} else {
		h_num(h, r->documents);
		h_fmt(h,
		    " documents were read: more than a report shows (%d, "
		    "in %zu MB), so %zu are shown, a sample of 1 in %" PRIu64
		    " chosen by a hash of their id (the same on every run),",
		    REPORT_DOCS, REPORT_SAMPLE_BYTES >> 20, r->nsample,
		    (uint64_t)1 << r->level);
		h_fmt(h, " and the %d that lost the most.", REPORT_TOP);
	}
	h_fmt(h,
	    " Removed paragraphs are struck through and coloured by "
	    "reason; a paragraph shows at most %d bytes of its text.</p>"
	    "\n<p class=\"legend\">",
	    REPORT_TEXT);
	for (i = 0; i < CLEAN_NREASONS; i++)
		h_fmt(h, "<span class=\"r%zu\"><del>%s</del></span>", i,
		    reason_label[i]);
	h_str(h, "</p>\n");
	if ((v = malloc((r->nsample + r->ntop + 1) * sizeof(*v))) == NULL ||
	    (shown = malloc((r->nsample + r->ntop + 1) * sizeof(*shown))) ==
	        NULL) {
		free(v);
		h->st = WN_ENOMEM;
		return;
	}
	for (i = 0; i < r->nsample; i++)
		v[n++] = r->sample[i];
	for (i = 0; i < r->ntop; i++)
		if (!r->top[i]->sample)
			v[n++] = r->top[i];
	for (i = 1; i < n; i++) {
		struct frag *f = v[i];

		for (k = i; k > 0 && v[k - 1]->doc > f->doc; k--)
			v[k] = v[k - 1];
		v[k] = f;
	}
	for (i = 0; i < n; i++)
		shown[i] = v[i]->doc;
	for (i = 0; i < n && h->st == WN_OK; i++) {
		h_frag(h, v[i], shown, n);
		h_flush(h, 0);
	}
	free(v);
	free(shown);
}

enum wn_status
report_write(struct report *r, const struct report_end *x, struct sink *s,
    struct wn_error *e)
{
	struct html h = { sink_buf(s), s, WN_OK, e };
	char day[16];

	stats_date(r->day, day);
	h_str(&h,
	    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
	    "charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-"
	    "Policy\" content=\"default-src 'none'; style-src "
	    "'unsafe-inline'\">\n<meta name=\"viewport\" content=\"width="
	    "device-width, initial-scale=1\">\n");
	h_fmt(&h, "<title>winnow report, %s</title>\n", day);
	h_put(&h, style, sizeof(style) - 1);
	h_str(&h, "</head>\n<body>\n");
	h_summary(&h, r, x);
	h_top(&h, r);
	h_flush(&h, 0);
	if (h.st == WN_OK && h_sites(&h, r) != WN_OK)
		h.st = WN_ENOMEM;
	h_options(&h, r, x);
	h_flush(&h, 0);
	h_documents(&h, r);
	h_fmt(&h,
	    "<footer>Made by winnow %s. This page loads nothing and "
	    "runs no script; what came from the input is escaped. The "
	    "report's tables and sample held ",
	    WN_VERSION);
	h_size(&h, (double)(report_bytes(r) + x->origin_bytes));
	h_str(&h,
	    " of memory at the end of the run.</footer>\n</main>\n"
	    "</body></html>\n");
	h_flush(&h, 1);
	if (h.st == WN_ENOMEM)
		return wn_fail(e, WN_ENOMEM, "out of memory");
	return h.st;
}
