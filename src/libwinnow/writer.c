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

/* A record read from JSONL is its original bytes with two edits, applied
 * in the order they occur: the text value is replaced, and winnow's
 * report is put in "metadata": over the "winnow" value an earlier run
 * left there, else first in the object, else as a new "metadata" before
 * the closing brace (or a top-level "winnow" when "metadata" is not an
 * object). */
struct edit {
	size_t off, end; /* bytes of the line replaced */
	int what;        /* 0 text, 1 report */
};

static enum wn_status
put_edit(struct writer *w, const struct record *rec,
    const struct clean_doc *doc, const struct edit *ed, struct wn_buf *o)
{
	const char *p = rec->jsonl.line.p;
	const struct wn_buf *r = &w->scratch;

	if (ed->what == 0)
		return json_string_encode(
		    doc->text.data ? doc->text.data : "", doc->text.len, o);
	if (rec->jsonl.winnow.type != JSON_NONE) /* "winnow":{...} */
		return wn_buf_append(o, r->data + 9, r->len - 9);
	/* the headline title.c found in the text goes before the report (it
	 * finds none when the record has a "title" or a report, or metadata
	 * that is not an object) */
	if (rec->jsonl.metadata.type == JSON_OBJECT) {
		size_t i = ed->off;

		while (strchr(" \t\r\n", p[i]) != NULL)
			i++;
		return (rec->title.n > 0 &&
		           (put_field(o, "title", rec->title, 0) != WN_OK ||
		               wn_buf_putc(o, ',') != WN_OK)) ||
		        wn_buf_append(o, r->data, r->len) ||
		        (p[i] != '}' && wn_buf_putc(o, ',')) ?
		    WN_ENOMEM :
		    WN_OK;
	}
	if (rec->jsonl.metadata.type == JSON_NONE)
		return wn_buf_append(o, ",\"metadata\":{", 13) ||
		        (rec->title.n > 0 &&
		            (put_field(o, "title", rec->title, 0) != WN_OK ||
		                wn_buf_putc(o, ',') != WN_OK)) ||
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
	struct edit ed[2];
	size_t pos = 0, i;

	ed[0].off = rec->jsonl.text.off;
	ed[0].end = rec->jsonl.text.end;
	ed[0].what = 0;
	if (rec->jsonl.winnow.type != JSON_NONE) {
		ed[1].off = rec->jsonl.winnow.off;
		ed[1].end = rec->jsonl.winnow.end;
	} else {
		ed[1].off = ed[1].end =
		    rec->jsonl.metadata.type == JSON_OBJECT ?
		    rec->jsonl.metadata.off + 1 :
		    rec->jsonl.close;
	}
	ed[1].what = 1;
	if (ed[1].off < ed[0].off) {
		struct edit t = ed[0];

		ed[0] = ed[1];
		ed[1] = t;
	}
	w->scratch.len = 0;
	if (winnow_metadata(doc, &w->scratch) != WN_OK)
		return WN_ENOMEM;
	for (i = 0; i < 2; i++) {
		if (wn_buf_append(
		        o, rec->jsonl.line.p + pos, ed[i].off - pos) ||
		    put_edit(w, rec, doc, &ed[i], o))
			return WN_ENOMEM;
		pos = ed[i].end;
	}
	if (wn_buf_append(
	        o, rec->jsonl.line.p + pos, rec->jsonl.close + 1 - pos))
		return WN_ENOMEM;
	return wn_buf_putc(o, '\n');
}

static enum wn_status
jsonl_new(struct writer *w, const struct record *rec, const char *source,
    const struct clean_doc *doc, struct wn_buf *o)
{
	struct wn_span src =
	    rec->url.n ? rec->url : (struct wn_span){ source, strlen(source) };

	if (wn_buf_putc(o, '{') != WN_OK ||
	    put_field(o, w->opt.id_field, rec->id, 0) != WN_OK ||
	    put_field(o, w->opt.text_field,
	        (struct wn_span){ doc->text.data, doc->text.len },
	        1) != WN_OK ||
	    put_field(o, "source", src, 1) != WN_OK ||
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
	"caption" };

/* The record's id as JSON: a JSON Lines record's own value as it is (so
 * that --explain and --rejects join with the output), any other id as a
 * string. */
static enum wn_status
put_id(const struct record *rec, struct wn_buf *b)
{
	if (rec->format == INPUT_JSONL && rec->id.p != NULL)
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
