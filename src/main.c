/*
 * main.c - winnow: read records, clean them, write them.
 *
 * The whole pipeline is run_input() below: source (decompress) -> input
 * (records) -> clean (normalize, paragraphs, duplicates) -> writer.
 * Everything but the command line, messages and exit codes lives in
 * libwinnow.a.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "clean.h"
#include "exitcode.h"
#include "input.h"
#include "json.h"
#include "source.h"
#include "stats.h"
#include "writer.h"

/* 256 KiB, the size of one source read (source.c). */
#define CHUNK_SIZE (256 * 1024)

struct run {
	const struct args *args;
	struct clean *clean;
	struct clean_doc doc;
	struct writer *writer;
	struct wn_stats stats;
	char *chunk;
	int status;		/* exit status so far */
	int fatal;		/* output failed: stop */
	FILE *explain;
	FILE *rejects;
	struct wn_buf explain_buf;
	double start;
	double last_progress;
	int progress_shown;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Keep the most severe status: I/O over missing input over bad data. */
static void
set_status(struct run *r, int status)
{
	static const int rank[] = { EX_OK, EX_DATAERR, EX_NOINPUT,
	    EX_CANTCREAT, EX_IOERR };
	int a = 0, b = 0;
	size_t i;

	for (i = 0; i < sizeof(rank) / sizeof(rank[0]); i++) {
		if (rank[i] == r->status)
			a = (int)i;
		if (rank[i] == status)
			b = (int)i;
	}
	if (b > a)
		r->status = status;
}

static void
clear_progress(struct run *r)
{
	if (r->progress_shown) {
		fputs("\r\033[K", stderr);
		r->progress_shown = 0;
	}
}

/* "winnow: NAME:LINE: message" (LINE left out when unknown). */
static void
message(struct run *r, const char *name, const struct wn_error *e)
{
	clear_progress(r);
	if (name != NULL && e->line > 0)
		fprintf(stderr, "winnow: %s:%llu: %s\n", name,
		    (unsigned long long)e->line, e->msg);
	else if (name != NULL)
		fprintf(stderr, "winnow: %s: %s\n", name, e->msg);
	else
		fprintf(stderr, "winnow: %s\n", e->msg);
}

static void
progress(struct run *r, const char *name)
{
	double t = now(), mb;

	if (r->args->progress == 0 ||
	    (r->args->progress < 0 && !isatty(STDERR_FILENO)))
		return;
	if (t - r->last_progress < 0.5)
		return;
	r->last_progress = t;
	mb = r->stats.bytes_in / 1e6;
	fprintf(stderr, "\r\033[Kwinnow: %s: %.1f MB read, %llu documents, "
	    "%llu kept, %.1f MB/s", name, mb,
	    (unsigned long long)r->stats.records_in,
	    (unsigned long long)r->stats.records_out,
	    t > r->start ? mb / (t - r->start) : 0.0);
	r->progress_shown = 1;
}

static const char *const role_name[] = {
	"", "chrome", "heading", "item", "caption"
};

/* Write b to f; -1 on error. */
static int
put(FILE *f, const struct wn_buf *b)
{
	return fwrite(b->data, 1, b->len, f) == b->len ? 0 : -1;
}

/* --explain: one JSON line per paragraph of the document, with every
 * feature; --rejects: one per removed paragraph, with its reason. */
static int
explain(struct run *r, const struct record *rec)
{
	const struct clean_doc *d = &r->doc;
	struct wn_buf *b = &r->explain_buf;
	size_t i;

	for (i = 0; i < d->ninfo; i++) {
		const struct clean_paragraph_info *p = &d->info[i];
		const struct boilerplate_para *f = &p->bp;
		const char *reason = p->reason < 0 ? "" :
		    clean_reason_name[p->reason];
		const char *rule = boilerplate_rule_name[f->rule];
		char num[768];
		int n;

		if (r->explain != NULL) {
			b->len = 0;
			n = snprintf(num, sizeof(num), ",\"paragraph\":%zu,"
			    "\"decision\":\"%s\",\"reason\":\"%s\","
			    "\"rule\":\"%s\",\"lang\":\"%s\",\"words\":%zu,"
			    "\"chars\":%u,\"stop_density\":%.3f,"
			    "\"prose\":%s,\"score\":%.1f,"
			    "\"ends_sentence\":%s,\"list\":%s,"
			    "\"placeholder\":%s,\"comments_heading\":%s,"
			    "\"repeated\":%s,\"site_template\":%s,"
			    "\"phrase\":\"%s\",\"role\":\"%s\","
			    "\"link_density\":%.3f,"
			    "\"fingerprints\":%zu,\"matched\":%zu,"
			    "\"overlap\":%.3f,\"document_dropped\":%s,"
			    "\"text\":", i + 1,
			    p->reason < 0 ? "kept" : "removed", reason, rule,
			    boilerplate_lang_name(d->lang), p->words, f->chars,
			    f->stop_density, f->prose ? "true" : "false",
			    f->score, f->ends_sentence ? "true" : "false",
			    f->list ? "true" : "false",
			    f->placeholder ? "true" : "false",
			    f->comments ? "true" : "false",
			    f->repeated ? "true" : "false",
			    f->is_template ? "true" : "false",
			    boilerplate_phrase(f->phrase), role_name[f->role],
			    f->link_density, p->fingerprints, p->matched,
			    p->fingerprints ? (double)p->matched /
			    (double)p->fingerprints : 0.0,
			    d->dropped ? "true" : "false");
			if (n < 0 || (size_t)n >= sizeof(num) ||
			    wn_buf_append(b, "{\"id\":", 6) != WN_OK ||
			    json_string_encode(rec->id.p ? rec->id.p : "",
			    rec->id.n, b) ||
			    wn_buf_append(b, num, (size_t)n) != WN_OK ||
			    json_string_encode(d->explain_text.data + p->off,
			    p->len, b) || wn_buf_append(b, "}\n", 2) != WN_OK ||
			    put(r->explain, b) != 0)
				return -1;
		}
		if (r->rejects != NULL && p->reason >= 0) {
			b->len = 0;
			n = snprintf(num, sizeof(num), ",\"paragraph\":%zu,"
			    "\"reason\":\"%s\",\"rule\":\"%s\",\"text\":",
			    i + 1, reason, p->reason == CLEAN_BOILERPLATE ?
			    rule : "");
			if (n < 0 || (size_t)n >= sizeof(num) ||
			    wn_buf_append(b, "{\"id\":", 6) != WN_OK ||
			    json_string_encode(rec->id.p ? rec->id.p : "",
			    rec->id.n, b) ||
			    wn_buf_append(b, num, (size_t)n) != WN_OK ||
			    json_string_encode(d->explain_text.data + p->off,
			    p->len, b) || wn_buf_append(b, "}\n", 2) != WN_OK ||
			    put(r->rejects, b) != 0)
				return -1;
		}
	}
	return 0;
}

/* Pull every complete record out of in.  Returns WN_AGAIN or WN_END, or
 * an error that stops the run (out of memory, output failed). */
static enum wn_status
drain(struct run *r, struct input *in, const char *name)
{
	struct record rec;
	struct clean_input ci;
	struct wn_error e;
	enum wn_status st;

	for (;;) {
		memset(&e, 0, sizeof(e));
		st = input_next(in, &rec, &e);
		if (st == WN_EDATA) {
			message(r, name, &e);
			r->stats.records_bad++;
			set_status(r, EX_DATAERR);
			continue;
		}
		if (st != WN_OK)
			return st;
		r->stats.records_in++;
		memset(&ci, 0, sizeof(ci));
		ci.text = rec.text.p;
		ci.len = rec.text.n;
		ci.url = rec.url.p;
		ci.url_len = rec.url.n;
		ci.hint = rec.hint;
		ci.lines = rec.lines;
		ci.box = rec.box;
		ci.nbox = rec.nbox;
		if (clean_document(r->clean, &ci, &r->doc, &r->stats) != WN_OK)
			return WN_ENOMEM;
		if ((r->explain != NULL || r->rejects != NULL) &&
		    explain(r, &rec) != 0) {
			snprintf(e.msg, sizeof(e.msg), "write error: %s",
			    strerror(errno));
			message(r, r->explain != NULL && ferror(r->explain) ?
			    r->args->explain : r->args->rejects, &e);
			return WN_EIO;
		}
		st = writer_record(r->writer, &rec, name, &r->doc, &e);
		if (st != WN_OK) {
			message(r, NULL, &e);
			return st;
		}
		if (!r->doc.dropped) {
			r->stats.records_out++;
			r->stats.text_bytes_out += r->doc.text.len;
		}
	}
}

/* Read one input through the pipeline. */
static void
run_input(struct run *r, const char *path)
{
	const char *name = strcmp(path, "-") == 0 ? "stdin" : path;
	struct source *src = NULL;
	struct input *in = NULL;
	struct wn_error e;
	enum wn_status st;
	size_t got;
	int done = 0;

	memset(&e, 0, sizeof(e));
	if ((st = source_open(path, &src, &e)) != WN_OK) {
		message(r, name, &e);
		set_status(r, st == WN_ENOINPUT ? EX_NOINPUT : EX_IOERR);
		return;
	}
	r->stats.inputs++;
	while (!done) {
		memset(&e, 0, sizeof(e));
		st = source_read(src, r->chunk, CHUNK_SIZE, &got, &e);
		if (st != WN_OK) {
			/* keep every record read so far, then report */
			message(r, name, &e);
			set_status(r, st == WN_EDATA ? EX_DATAERR : EX_IOERR);
			got = 0;
		}
		if (in == NULL) {
			enum input_format f = r->args->from;

			if (f == INPUT_AUTO)
				f = input_sniff(r->chunk, got);
			if ((in = input_new(f, name, &r->args->in)) == NULL)
				goto nomem;
		}
		r->stats.bytes_in += got;
		if (got == 0) {
			input_finish(in);
			done = 1;
		} else if (input_push(in, r->chunk, got) != WN_OK) {
			goto nomem;
		}
		st = drain(r, in, name);
		if (st == WN_ENOMEM)
			goto nomem;
		if (st != WN_AGAIN && st != WN_END) {
			r->fatal = 1;
			set_status(r, EX_IOERR);
			break;
		}
		progress(r, name);
	}
	if (in != NULL) {
		r->stats.records_other += input_records_other(in);
		r->stats.warc_resync += input_resyncs(in);
	}
	input_free(in);
	source_close(src);
	return;
nomem:
	snprintf(e.msg, sizeof(e.msg), "out of memory");
	e.line = 0;
	message(r, name, &e);
	set_status(r, EX_IOERR);
	r->fatal = 1;
	input_free(in);
	source_close(src);
}

static int
write_stats(struct run *r)
{
	struct wn_buf b = { NULL, 0, 0 };
	FILE *f = stderr;
	int ok;

	if (stats_json(&r->stats, now() - r->start, &b) != WN_OK ||
	    wn_buf_putc(&b, '\n') != WN_OK) {
		wn_buf_free(&b);
		return EX_IOERR;
	}
	if (r->args->stats_path != NULL &&
	    strcmp(r->args->stats_path, "-") != 0 &&
	    (f = fopen(r->args->stats_path, "w")) == NULL) {
		fprintf(stderr, "winnow: %s: %s\n", r->args->stats_path,
		    strerror(errno));
		wn_buf_free(&b);
		return EX_CANTCREAT;
	}
	ok = fwrite(b.data, 1, b.len, f) == b.len;
	if (f != stderr)
		ok = (fclose(f) == 0) && ok;
	wn_buf_free(&b);
	if (!ok) {
		fprintf(stderr, "winnow: %s: write error\n",
		    r->args->stats_path ? r->args->stats_path : "stderr");
		return EX_IOERR;
	}
	return EX_OK;
}

int
main(int argc, char **argv)
{
	struct args args;
	struct run r;
	struct wn_error e;
	int fd = STDOUT_FILENO, i;

	/* A closed pipe must be an error we report, not a silent death:
	 * winnow has to know that its output was not delivered. */
	signal(SIGPIPE, SIG_IGN);
	args_parse(argc, argv, &args);
	memset(&r, 0, sizeof(r));
	memset(&e, 0, sizeof(e));
	r.args = &args;
	r.start = r.last_progress = now();

	if (args.output != NULL) {
		fd = open(args.output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		    0666);
		if (fd < 0) {
			fprintf(stderr, "winnow: %s: %s\n", args.output,
			    strerror(errno));
			return EX_CANTCREAT;
		}
	} else if (args.out.compress && isatty(fd)) {
		fprintf(stderr, "winnow: refusing to write compressed data to a "
		    "terminal; use --no-compress or redirect the output\n");
		fprintf(stderr, "Try 'winnow --help' for more information.\n");
		return EX_USAGE;
	}
	if (writer_new(fd, &args.out, &r.writer, &e) != WN_OK) {
		message(&r, NULL, &e);
		return e.err ? EX_IOERR : EX_USAGE;
	}
	r.clean = clean_new(&args.clean);
	if (args.explain != NULL) {
		if ((r.explain = fopen(args.explain, "w")) == NULL) {
			fprintf(stderr, "winnow: %s: %s\n", args.explain,
			    strerror(errno));
			return EX_CANTCREAT;
		}
	}
	if (args.rejects != NULL &&
	    (r.rejects = fopen(args.rejects, "w")) == NULL) {
		fprintf(stderr, "winnow: %s: %s\n", args.rejects,
		    strerror(errno));
		return EX_CANTCREAT;
	}
	if (r.clean != NULL && (r.explain != NULL || r.rejects != NULL))
		clean_explain(r.clean, 1);
	r.chunk = malloc(CHUNK_SIZE);
	if (r.clean == NULL || r.chunk == NULL) {
		fprintf(stderr, "winnow: out of memory\n");
		return EX_IOERR;
	}
	for (i = 0; i < args.nfiles && !r.fatal; i++)
		run_input(&r, args.files[i]);

	memset(&e, 0, sizeof(e));
	if (writer_close(r.writer, &e) != WN_OK) {
		if (!r.fatal)
			message(&r, args.output, &e);
		set_status(&r, EX_IOERR);
	}
	r.stats.bytes_out = writer_bytes_in(r.writer);
	r.stats.fingerprints_evicted = clean_evicted(r.clean);
	r.stats.seen_bytes = clean_seen_bytes(r.clean);
	r.stats.seen_fingerprints = clean_seen_fingerprints(r.clean);
	r.stats.fingerprint_bytes = clean_fingerprint_bytes(r.clean);
	r.stats.bytes_written = writer_bytes_out(r.writer);
	if (args.output != NULL && close(fd) != 0) {
		fprintf(stderr, "winnow: %s: %s\n", args.output, strerror(errno));
		set_status(&r, EX_IOERR);
	}
	if (r.explain != NULL && fclose(r.explain) != 0) {
		fprintf(stderr, "winnow: %s: %s\n", args.explain, strerror(errno));
		set_status(&r, EX_IOERR);
	}
	if (r.rejects != NULL && fclose(r.rejects) != 0) {
		fprintf(stderr, "winnow: %s: %s\n", args.rejects, strerror(errno));
		set_status(&r, EX_IOERR);
	}
	wn_buf_free(&r.explain_buf);
	clear_progress(&r);
	if (args.stats) {
		int s = write_stats(&r);

		if (s != EX_OK)
			set_status(&r, s);
	}
	writer_free(r.writer);
	clean_free(r.clean);
	clean_doc_free(&r.doc);
	free(r.chunk);
	return r.status;
}
