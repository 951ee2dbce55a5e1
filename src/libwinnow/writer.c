/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * writer.c - format cleaned records, and the --explain and --rejects
 * lines, into sinks (writer.h).
 *
 * JSONL records read from JSONL are the original line with the text
 * value replaced and winnow's report spliced into "metadata" (added when
 * absent); every other byte is passed through.  Records of other formats
 * become new JSON objects: the id, the text, the source, and metadata
 * with what the reader found (url, date, language, title) and the
 * report.  Text output is each document's text, documents separated by
 * a line holding only a form feed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "utf8.h"
#include "writer.h"

struct writer {
	struct writer_options opt;
	int first_text;        /* no text record written yet */
	struct wn_buf scratch; /* metadata JSON */
};

enum wn_status
writer_new(const struct writer_options *opt, struct writer **out)
{
	struct writer *w = calloc(1, sizeof(*w));

	*out = w;
	if (w == NULL)
		return WN_ENOMEM;
	w->opt = *opt;
	w->first_text = 1;
	return WN_OK;
}

void
writer_free(struct writer *w)
{
	if (w == NULL)
		return;
	wn_buf_free(&w->scratch);
	free(w);
}

static enum wn_status
winnow_metadata(const struct clean_doc *doc, struct wn_buf *o)
{
	static const char in[] = "\"winnow\":{\"paragraphs_in\":";
	static const char out[] = ",\"paragraphs_out\":";
	static const char removed[] = ",\"removed\":{";
	int any = 0;
	size_t i;

	if (wn_buf_append(o, in, sizeof(in) - 1) != WN_OK ||
	    wn_buf_put_u64(o, doc->paragraphs_in) != WN_OK ||
	    wn_buf_append(o, out, sizeof(out) - 1) != WN_OK ||
	    wn_buf_put_u64(o, doc->paragraphs_out) != WN_OK ||
	    wn_buf_append(o, removed, sizeof(removed) - 1) != WN_OK)
		return WN_ENOMEM;
	for (i = 0; i < CLEAN_NREASONS; i++) {
		const char *name = clean_reason_name[i];

		if (doc->removed[i] == 0)
			continue;
		if ((any && wn_buf_putc(o, ',') != WN_OK) ||
		    wn_buf_putc(o, '"') != WN_OK ||
		    wn_buf_append(o, name, strlen(name)) != WN_OK ||
		    wn_buf_append(o, "\":", 2) != WN_OK ||
		    wn_buf_put_u64(o, doc->removed[i]) != WN_OK)
			return WN_ENOMEM;
		any = 1;
	}
	return wn_buf_append(o, "}}", 2);
}

/* "key":"value".  Header values of WARC records and file names are any
 * bytes; output is always valid UTF-8, so they are repaired (U+FFFD). */
static enum wn_status
put_field(struct wn_buf *o, const char *key, struct wn_span v, int comma)
{
	struct wn_buf fixed = { NULL, 0, 0 };
	uint64_t bad = 0;
	enum wn_status st = WN_OK;

	if (v.p == NULL)
		v.p = "";
	if (utf8_valid_prefix(v.p, v.n) != v.n) {
		if (utf8_repair(v.p, v.n, &fixed, &bad) != WN_OK)
			return WN_ENOMEM;
		v.p = fixed.data;
		v.n = fixed.len;
	}
	if ((comma && wn_buf_putc(o, ',') != WN_OK) ||
	    json_string_encode(key, strlen(key), o) != WN_OK ||
	    wn_buf_putc(o, ':') != WN_OK ||
	    json_string_encode(v.p, v.n, o) != WN_OK)
		st = WN_ENOMEM;
	wn_buf_free(&fixed);
	return st;
}

/* A record read from JSONL is its original bytes with a few edits,
 * applied in the order they occur:
 *  - the text value is replaced (or, when the record had no text field
 *    and its text came from --html-field, the field is added last);
 *  - winnow's report is put in "metadata": over the "winnow" value an
 *    earlier run left there, else first in the object, else as a new
 *    "metadata" before the closing brace (or a top-level "winnow" when
 *    "metadata" is not an object); a page's title and canonical URL go
 *    first in metadata with it (--html-field), unless it has them;
 *  - dolma's fields the record lacks go first in the object: "id"
 *    (NAME:LINE), "source" (--source) and "added" (the run's day); with
 *    --source, a "source" it has is replaced. */
enum edit_kind {
	ED_FRONT,       /* id, source, added the record lacks */
	ED_SOURCE,      /* --source over the record's own */
	ED_META_PREFIX, /* title and url before an earlier report */
	ED_REPORT,
	ED_TEXT,
	ED_TEXT_ADD
};

struct edit {
	size_t off, end; /* bytes of the line replaced */
	int seq;         /* order among edits at one offset */
	enum edit_kind what;
};

/* metadata's headline (title.c: a page's from --html-field, or a first
 * line title_find() took out of the text) and, for a page, its canonical
 * URL, those metadata lacks, each followed by a comma. */
static enum wn_status
page_meta(const struct record *rec, struct wn_buf *o)
{
	if (rec->title.n > 0 && !rec->jsonl.meta_title &&
	    (put_field(o, "title", rec->title, 0) != WN_OK ||
	        wn_buf_putc(o, ',') != WN_OK))
		return WN_ENOMEM;
	if (rec->jsonl.html.type != JSON_NONE && rec->canonical.n > 0 &&
	    !rec->jsonl.meta_url &&
	    (put_field(o, "url", rec->canonical, 0) != WN_OK ||
	        wn_buf_putc(o, ',') != WN_OK))
		return WN_ENOMEM;
	return WN_OK;
}

static enum wn_status
put_edit(struct writer *w, const struct record *rec,
    const struct clean_doc *doc, const struct edit *ed, struct wn_buf *o)
{
	const char *p = rec->jsonl.line.p;
	const struct wn_buf *r = &w->scratch;
	struct wn_span text = { doc->text.data ? doc->text.data : "",
		doc->text.len };

	switch (ed->what) {
	case ED_TEXT:
		return json_string_encode(text.p, text.n, o);
	case ED_TEXT_ADD:
		return put_field(o, w->opt.text_field, text, 1);
	case ED_SOURCE:
		return json_string_encode(
		    w->opt.source, strlen(w->opt.source), o);
	case ED_META_PREFIX:
		return page_meta(rec, o);
	case ED_FRONT:
		if (rec->jsonl.id.type == JSON_NONE &&
		    (put_field(o, w->opt.id_field, rec->id, 0) != WN_OK ||
		        wn_buf_putc(o, ',') != WN_OK))
			return WN_ENOMEM;
		if (w->opt.source != NULL &&
		    rec->jsonl.source.type == JSON_NONE &&
		    (put_field(o, "source",
		         (struct wn_span){
		             w->opt.source, strlen(w->opt.source) },
		         0) != WN_OK ||
		        wn_buf_putc(o, ',') != WN_OK))
			return WN_ENOMEM;
		if (rec->jsonl.added.type == JSON_NONE && w->opt.added[0] &&
		    (put_field(o, "added",
		         (struct wn_span){ w->opt.added, strlen(w->opt.added) },
		         0) != WN_OK ||
		        wn_buf_putc(o, ',') != WN_OK))
			return WN_ENOMEM;
		return WN_OK;
	case ED_REPORT:
		break;
	}
	if (rec->jsonl.winnow.type != JSON_NONE) /* "winnow":{...} */
		return wn_buf_append(o, r->data + 9, r->len - 9);
	if (rec->jsonl.metadata.type == JSON_OBJECT) {
		size_t i = ed->off;

		while (strchr(" \t\r\n", p[i]) != NULL)
			i++;
		return page_meta(rec, o) || wn_buf_append(o, r->data, r->len) ||
		        (p[i] != '}' && wn_buf_putc(o, ',')) ?
		    WN_ENOMEM :
		    WN_OK;
	}
	if (rec->jsonl.metadata.type == JSON_NONE)
		return wn_buf_append(o, ",\"metadata\":{", 13) ||
		        page_meta(rec, o) ||
		        wn_buf_append(o, r->data, r->len) ||
		        wn_buf_putc(o, '}') ?
		    WN_ENOMEM :
		    WN_OK;
	return wn_buf_putc(o, ',') || wn_buf_append(o, r->data, r->len) ?
	    WN_ENOMEM :
	    WN_OK;
}

static enum wn_status
jsonl_splice(struct writer *w, const struct record *rec,
    const struct clean_doc *doc, struct wn_buf *o)
{
	const struct record_jsonl *j = &rec->jsonl;
	struct edit ed[6];
	size_t pos = 0, i, k, n = 0;

	if (j->text.type != JSON_NONE)
		ed[n++] = (struct edit){ j->text.off, j->text.end, 0, ED_TEXT };
	else
		ed[n++] = (struct edit){ j->close, j->close, 0, ED_TEXT_ADD };
	if (j->winnow.type != JSON_NONE) {
		ed[n++] =
		    (struct edit){ j->winnow.off, j->winnow.end, 0, ED_REPORT };
		if (j->metadata.type == JSON_OBJECT)
			ed[n++] = (struct edit){ j->metadata.off + 1,
				j->metadata.off + 1, 0, ED_META_PREFIX };
	} else {
		size_t at = j->metadata.type == JSON_OBJECT ?
		    j->metadata.off + 1 :
		    j->close;

		ed[n++] = (struct edit){ at, at, 1, ED_REPORT };
	}
	if (w->opt.source != NULL && j->source.type != JSON_NONE)
		ed[n++] =
		    (struct edit){ j->source.off, j->source.end, 0, ED_SOURCE };
	ed[n++] = (struct edit){ j->open + 1, j->open + 1, 0, ED_FRONT };
	/* in the order they occur (insertion sort: at most six) */
	for (i = 1; i < n; i++)
		for (k = i; k > 0 &&
		     (ed[k].off < ed[k - 1].off ||
		         (ed[k].off == ed[k - 1].off &&
		             ed[k].seq < ed[k - 1].seq));
		     k--) {
			struct edit t = ed[k];

			ed[k] = ed[k - 1];
			ed[k - 1] = t;
		}
	w->scratch.len = 0;
	if (winnow_metadata(doc, &w->scratch) != WN_OK)
		return WN_ENOMEM;
	for (i = 0; i < n; i++) {
		if (wn_buf_append(o, j->line.p + pos, ed[i].off - pos) ||
		    put_edit(w, rec, doc, &ed[i], o))
			return WN_ENOMEM;
		pos = ed[i].end;
	}
	if (wn_buf_append(o, j->line.p + pos, j->close + 1 - pos))
		return WN_ENOMEM;
	return wn_buf_putc(o, '\n');
}

static enum wn_status
jsonl_new(struct writer *w, const struct record *rec, const char *source,
    const struct clean_doc *doc, struct wn_buf *o)
{
	struct wn_span src = w->opt.source != NULL ?
	    (struct wn_span){ w->opt.source, strlen(w->opt.source) } :
	    rec->url.n ? rec->url :
	                 (struct wn_span){ source, strlen(source) };

	if (wn_buf_putc(o, '{') != WN_OK ||
	    put_field(o, w->opt.id_field, rec->id, 0) != WN_OK ||
	    put_field(o, w->opt.text_field,
	        (struct wn_span){ doc->text.data, doc->text.len },
	        1) != WN_OK ||
	    put_field(o, "source", src, 1) != WN_OK ||
	    (w->opt.added[0] &&
	        put_field(o, "added",
	            (struct wn_span){ w->opt.added, strlen(w->opt.added) },
	            1) != WN_OK) ||
	    (rec->date.n > 0 &&
	        put_field(o, "created", rec->date, 1) != WN_OK) ||
	    wn_buf_append(o, ",\"metadata\":{", 13) != WN_OK)
		return WN_ENOMEM;
	{
		static const char *const names[] = { "url", "date", "language",
			"title" };
		const struct wn_span *v[] = { &rec->url, &rec->date, &rec->lang,
			&rec->title };
		int n = 0;
		size_t i;

		for (i = 0; i < 4; i++)
			if (v[i]->n &&
			    put_field(o, names[i], *v[i], n++ > 0) != WN_OK)
				return WN_ENOMEM;
		if (n > 0 && wn_buf_putc(o, ',') != WN_OK)
			return WN_ENOMEM;
	}
	if (winnow_metadata(doc, o) != WN_OK ||
	    wn_buf_append(o, "}}\n", 3) != WN_OK)
		return WN_ENOMEM;
	return WN_OK;
}

enum wn_status
writer_record(struct writer *w, struct sink *s, const struct record *rec,
    const char *source, const struct clean_doc *doc, struct wn_error *e)
{
	struct wn_buf *o = sink_buf(s);
	enum wn_status st = WN_OK;
	size_t before = o->len;

	if (doc->dropped)
		return WN_OK;
	if (w->opt.format == WRITER_TEXT) {
		if ((!w->first_text && wn_buf_append(o, "\f\n", 2)) ||
		    wn_buf_append(o, doc->text.data, doc->text.len) ||
		    wn_buf_putc(o, '\n'))
			st = WN_ENOMEM;
		w->first_text = 0;
	} else if (rec->format == INPUT_JSONL) {
		st = jsonl_splice(w, rec, doc, o);
	} else {
		st = jsonl_new(w, rec, source, doc, o);
	}
	if (st != WN_OK) {
		o->len = before;
		return wn_fail(e, WN_ENOMEM, "out of memory");
	}
	return sink_wrote(s, e);
}

static const char *const role_name[] = { "", "chrome", "heading", "item",
	"caption", "cell" };

/* The record's id as JSON: a JSON Lines record's own value as it is (so
 * that --explain and --rejects join with the output), any other id as a
 * string. */
static enum wn_status
put_id(const struct record *rec, struct wn_buf *b)
{
	if (rec->format == INPUT_JSONL && rec->jsonl.id.type != JSON_NONE)
		return wn_buf_append(b, rec->id.p, rec->id.n);
	return json_string_encode(rec->id.p ? rec->id.p : "", rec->id.n, b);
}

enum wn_status
writer_explain(struct sink *explain, struct sink *rejects,
    const struct record *rec, const struct clean_doc *d, struct wn_error *e)
{
	size_t i;
	enum wn_status st;

	for (i = 0; i < d->ninfo; i++) {
		const struct clean_paragraph_info *p = &d->info[i];
		const struct boilerplate_para *f = &p->bp;
		const char *reason =
		    p->reason < 0 ? "" : clean_reason_name[p->reason];
		const char *rule = boilerplate_rule_name[f->rule];
		char num[768];
		int n;

		if (explain != NULL) {
			struct wn_buf *b = sink_buf(explain);

			n = snprintf(num, sizeof(num),
			    ",\"paragraph\":%zu,"
			    "\"decision\":\"%s\",\"reason\":\"%s\","
			    "\"rule\":\"%s\",\"lang\":\"%s\",\"words\":%zu,"
			    "\"chars\":%u,\"stop_density\":%.3f,"
			    "\"prose\":%s,\"score\":%.1f,"
			    "\"ends_sentence\":%s,\"list\":%s,"
			    "\"placeholder\":%s,\"comments_heading\":%s,"
			    "\"credit\":%s,\"repeated\":%s,\"site_template\":%"
			    "s,"
			    "\"phrase\":\"%s\",\"role\":\"%s\","
			    "\"link_density\":%.3f,"
			    "\"fingerprints\":%zu,\"matched\":%zu,"
			    "\"overlap\":%.3f,\"document_dropped\":%s,"
			    "\"text\":",
			    i + 1, p->reason < 0 ? "kept" : "removed", reason,
			    rule, boilerplate_lang_name(d->lang), p->words,
			    f->chars, f->stop_density,
			    f->prose ? "true" : "false", f->score,
			    f->ends_sentence ? "true" : "false",
			    f->list ? "true" : "false",
			    f->placeholder ? "true" : "false",
			    f->comments ? "true" : "false",
			    f->credit ? "true" : "false",
			    f->repeated ? "true" : "false",
			    f->is_template ? "true" : "false",
			    boilerplate_phrase(f->phrase), role_name[f->role],
			    f->link_density, p->fingerprints, p->matched,
			    p->fingerprints ?
			        (double)p->matched / (double)p->fingerprints :
			        0.0,
			    d->dropped ? "true" : "false");
			if (n < 0 || (size_t)n >= sizeof(num) ||
			    wn_buf_append(b, "{\"id\":", 6) != WN_OK ||
			    put_id(rec, b) != WN_OK ||
			    wn_buf_append(b, num, (size_t)n) != WN_OK ||
			    json_string_encode(
			        d->explain_text.data + p->off, p->len, b) ||
			    wn_buf_append(b, "}\n", 2) != WN_OK)
				return wn_fail(e, WN_ENOMEM, "out of memory");
			if ((st = sink_wrote(explain, e)) != WN_OK)
				return st;
		}
		if (rejects != NULL && p->reason >= 0) {
			struct wn_buf *b = sink_buf(rejects);

			n = snprintf(num, sizeof(num),
			    ",\"paragraph\":%zu,"
			    "\"reason\":\"%s\",\"rule\":\"%s\",\"text\":",
			    i + 1, reason,
			    p->reason == CLEAN_BOILERPLATE ? rule : "");
			if (n < 0 || (size_t)n >= sizeof(num) ||
			    wn_buf_append(b, "{\"id\":", 6) != WN_OK ||
			    put_id(rec, b) != WN_OK ||
			    wn_buf_append(b, num, (size_t)n) != WN_OK ||
			    json_string_encode(
			        d->explain_text.data + p->off, p->len, b) ||
			    wn_buf_append(b, "}\n", 2) != WN_OK)
				return wn_fail(e, WN_ENOMEM, "out of memory");
			if ((st = sink_wrote(rejects, e)) != WN_OK)
				return st;
		}
	}
	return WN_OK;
}
