/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * run.c - one run of winnow over its inputs: the outputs made first
 * (outfile.c), the pipeline (winnow.h), and the commit: the output files
 * and the state put in place together, only when the run read every
 * input and wrote every output (winnow(1), CRON).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exitcode.h"
#include "files.h"
#include "message.h"
#include "outfile.h"
#include "run.h"

/* How winnow begins each line of --explain, --rejects and --attributes
 * (writer.c, attributes.c) and a --stats file (wn_pipeline_stats_json()),
 * and so an earlier run's such file, which a run may replace without
 * --force (outfile_open_own()). */
#define ID_LINE "{\"id\":"
#define STATS_START "{\"inputs\":"

struct run {
	struct args a;
	struct files in; /* the inputs, directories walked */
	struct outfile out, explain, rejects, attributes, stats, report;
	struct wn_sink sink[4];
	int progress;
	int status;
};

static void
on_problem(void *ctx, enum wn_status st, const struct wn_error *e)
{
	struct run *r = ctx;

	r->status = message_worse(r->status, message_exit(st));
	message_error(e);
}

static void
on_progress(void *ctx, const char *name, const struct wn_stats *st)
{
	message_progress(((struct run *)ctx)->progress, name, st);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Every output made before the first record is read (or nothing is). */
static int
open_outputs(struct run *r)
{
	struct args *a = &r->a;
	struct outfile_avoid av = { NULL, 0, 0 }, *avoid = &av;
	size_t i;
	int st = 0, nomem = 0;

	/* every input is checked, however many (a directory's files) */
	for (i = 0; i < r->in.n; i++)
		nomem |= outfile_avoid_add(avoid, r->in.v[i]);
	if (a->wn.state != NULL)
		nomem |= outfile_avoid_add(avoid, a->wn.state);
	for (i = 0; i < a->wn.nprior; i++)
		nomem |= outfile_avoid_add(avoid, a->prior[i]);
	if (nomem) {
		outfile_avoid_free(avoid);
		message(NULL, "out of memory");
		return EX_IOERR;
	}
	r->sink[0] =
	    (struct wn_sink){ "standard output", STDOUT_FILENO, NULL, NULL };
	if (a->wn.scan != NULL) {
		/* no records */
	} else if (a->output != NULL && strcmp(a->output, "-") != 0) {
		if ((st = outfile_open(&r->out, a->output, a->force, avoid)) ==
		    0)
			r->sink[0] = (struct wn_sink){ a->output, r->out.fd,
				NULL, NULL };
	} else if (a->wn.compress && isatty(STDOUT_FILENO)) {
		message(NULL,
		    "refusing to write compressed data to a "
		    "terminal; use --no-compress or redirect the output");
		fprintf(stderr, "Try 'winnow --help' for more information.\n");
		st = EX_USAGE;
	} else {
		/* standard output written over one of the inputs (winnow in
		 * >> in) would never end */
		size_t n = avoid->n;

		if (outfile_avoid_add(avoid, "/dev/stdout") != 0) {
			message(NULL, "out of memory");
			st = EX_IOERR;
		}
		for (i = 0; avoid->n > n && i < n; i++)
			if (avoid->v[i].dev == avoid->v[n].dev &&
			    avoid->v[i].ino == avoid->v[n].ino) {
				message(NULL,
				    "standard output is also %s; "
				    "refusing to write over it",
				    message_quote(avoid->v[i].name));
				st = EX_USAGE;
				break;
			}
		avoid->n = n;
	}
	if (st == 0 && a->explain != NULL &&
	    (st = outfile_open_own(
	         &r->explain, a->explain, a->force, ID_LINE, avoid)) == 0)
		r->sink[1] =
		    (struct wn_sink){ a->explain, r->explain.fd, NULL, NULL };
	if (st == 0 && a->rejects != NULL &&
	    (st = outfile_open_own(
	         &r->rejects, a->rejects, a->force, ID_LINE, avoid)) == 0)
		r->sink[2] =
		    (struct wn_sink){ a->rejects, r->rejects.fd, NULL, NULL };
	if (st == 0 && a->attributes != NULL &&
	    (st = outfile_open_own(
	         &r->attributes, a->attributes, a->force, ID_LINE, avoid)) == 0)
		r->sink[3] = (struct wn_sink){ a->attributes, r->attributes.fd,
			NULL, NULL };
	if (st == 0 && a->stats_path != NULL && strcmp(a->stats_path, "-") != 0)
		st = outfile_open_own(
		    &r->stats, a->stats_path, a->force, STATS_START, avoid);
	/* a page people keep, as -o: replaced only with --force */
	if (st == 0 && a->report != NULL)
		st = outfile_open(&r->report, a->report, a->force, avoid);
	outfile_avoid_free(avoid);
	return st;
}

/* --stats: the counters, into their file (or standard error). */
static int
write_stats(struct run *r, struct wn_pipeline *p, double start)
{
	char *json = wn_pipeline_stats_json(p, now() - start);
	int fd = r->stats.fd >= 0 ? r->stats.fd : STDERR_FILENO;
	size_t n, off = 0;
	int st = 0;

	if (json == NULL) {
		message(NULL, "out of memory");
		return EX_IOERR;
	}
	n = strlen(json);
	json[n++] = '\n'; /* over its NUL */
	while (off < n) {
		ssize_t w = write(fd, json + off, n - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			message(r->a.stats_path ? r->a.stats_path : "stderr",
			    "write error: %s", strerror(errno));
			st = EX_IOERR;
			break;
		}
		off += (size_t)w;
	}
	free(json);
	if (r->stats.fd >= 0 && outfile_close(&r->stats) != 0)
		st = EX_IOERR;
	return st;
}

/* The command line as a shell would read it back (arguments quoted
 * when they hold anything but letters, digits and _./=:,+-@%), cut at
 * 4000 bytes: for the report. */
static char *
command_line(const struct args *a)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyz"
	                            "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                            "0123456789_./=:,+-@%";
	size_t cap = 4096, n = 0;
	char *b = malloc(cap);
	int i;

	if (b == NULL)
		return NULL;
	for (i = 0; i < a->argc && n < cap - 8; i++) {
		const char *s = a->argv[i];
		int quote = *s == '\0' || strspn(s, plain) != strlen(s);

		if (i > 0)
			b[n++] = ' ';
		if (quote)
			b[n++] = '\'';
		for (; *s != '\0' && n < cap - 8; s++) {
			if (*s == '\'') {
				memcpy(b + n, "'\\''", 4);
				n += 4;
			} else {
				b[n++] = *s;
			}
		}
		if (quote)
			b[n++] = '\'';
	}
	if (i < a->argc) {
		memcpy(b + n, " ...", 4);
		n += 4;
	}
	b[n] = '\0';
	return b;
}

/* --report: the page, into its file. */
static int
write_report(struct run *r, struct wn_pipeline *p, double start)
{
	struct wn_sink sink = { r->a.report, r->report.fd, NULL, NULL };
	char *cmd = command_line(&r->a);
	struct wn_error e;
	int st = 0;

	memset(&e, 0, sizeof(e));
	if (wn_pipeline_html_report(p, &sink, now() - start, cmd, &e) !=
	    WN_OK) {
		message_error(&e);
		st = EX_IOERR;
	}
	free(cmd);
	if (outfile_close(&r->report) != 0)
		st = EX_IOERR;
	return st;
}

/* The end of a run that started: every output closed; the outputs and
 * the state (or scan) committed together when the run is complete. */
static void
finish(struct run *r, struct wn_pipeline *p, double start)
{
	struct args *a = &r->a;
	const char *what = a->wn.scan != NULL ? a->wn.scan : a->wn.state;
	struct wn_error e;
	int complete, sig, saved = 1;

	memset(&e, 0, sizeof(e));
	wn_pipeline_finish(p);
	r->status =
	    message_worse(r->status, message_exit(wn_pipeline_status(p)));
	r->status = message_worse(r->status, outfile_close(&r->out));
	r->status = message_worse(r->status, outfile_close(&r->explain));
	r->status = message_worse(r->status, outfile_close(&r->rejects));
	r->status = message_worse(r->status, outfile_close(&r->attributes));
	if (r->out.fd < 0 && a->output == NULL && a->wn.scan == NULL &&
	    close(STDOUT_FILENO) != 0 && errno != EBADF) {
		message("standard output", "%s", strerror(errno));
		r->status = message_worse(r->status, EX_IOERR);
	}
	message_progress_clear();
	/* complete: every input read, every output written */
	complete = !wn_pipeline_stopped(p) &&
	    (r->status == EX_OK || r->status == EX_DATAERR);
	outfile_hold();
	if (complete && what != NULL && wn_pipeline_save(p, &e) != WN_OK) {
		message_error(&e);
		r->status = message_worse(r->status, EX_IOERR);
		complete = 0;
		saved = 0;
	}
	if (a->stats) {
		int s = write_stats(r, p, start);

		r->status = message_worse(r->status, s);
		complete = complete && s == 0;
	}
	if (a->report != NULL) {
		int s = write_report(r, p, start);

		r->status = message_worse(r->status, s);
		complete = complete && s == 0;
	}
	if (complete)
		r->status = message_worse(r->status, outfile_commit(&r->out));
	/* the attributes line up with the records read: put in place only
	 * with the output, when the run is complete */
	if (complete && (r->status == EX_OK || r->status == EX_DATAERR))
		r->status =
		    message_worse(r->status, outfile_commit(&r->attributes));
	complete = complete && (r->status == EX_OK || r->status == EX_DATAERR);
	r->status = message_worse(r->status, outfile_commit(&r->explain));
	r->status = message_worse(r->status, outfile_commit(&r->rejects));
	r->status = message_worse(r->status, outfile_commit(&r->stats));
	r->status = message_worse(r->status, outfile_commit(&r->report));
	if (complete && what != NULL && wn_pipeline_commit(p, &e) != WN_OK) {
		message_error(&e);
		r->status = message_worse(r->status, EX_IOERR);
		saved = 0;
		complete = 0;
	}
	if (!complete && what != NULL) {
		const char *why = !saved ? "it could not be written" :
		    wn_pipeline_stopped(p) && r->status == EX_DATAERR ?
		                           "the run stopped at a bad record" :
		    a->wn.scan ? "the input was not read whole" :
		                 "the output was not complete";

		if (a->wn.scan)
			message(what, "not written: %s", why);
		else
			message(what, "not updated: %s; %s", why,
			    access(what, F_OK) == 0 ? "the old state is kept" :
			                              "there is none now");
	}
	if ((sig = outfile_release()) != 0)
		message(NULL,
		    "%s came while the run was committing: the run "
		    "is complete",
		    strsignal(sig));
}

int
run(struct args *args)
{
	struct run r;
	struct wn_pipeline *p = NULL;
	struct wn_sinks sinks;
	struct wn_report rep;
	struct wn_error e;
	double start = now();
	enum wn_status st;
	size_t i;
	int ost;

	memset(&r, 0, sizeof(r));
	r.a = *args;
	r.a.wn.prior = r.a.prior;
	r.out.fd = r.explain.fd = r.rejects.fd = r.attributes.fd = r.stats.fd =
	    r.report.fd = -1;
	r.progress = r.a.progress;
	outfile_signals();
	if ((r.status = files_collect(
	         &r.in, r.a.files, r.a.nfiles, r.a.files_from, r.a.null)) != 0)
		return r.status;
	/* a directory that could not be read: reported, and the run says
	 * so at its end (it is not complete) */
	r.status = r.in.status;
	if ((ost = open_outputs(&r)) != 0)
		r.status = ost;
	if (ost == 0) {
		sinks.records = &r.sink[0];
		sinks.explain = r.a.explain != NULL ? &r.sink[1] : NULL;
		sinks.rejects = r.a.rejects != NULL ? &r.sink[2] : NULL;
		sinks.attributes = r.a.attributes != NULL ? &r.sink[3] : NULL;
		rep.problem = on_problem;
		rep.progress = on_progress;
		rep.ctx = &r;
		memset(&e, 0, sizeof(e));
		if ((st = wn_pipeline_new(&r.a.wn, &sinks, &rep, &p, &e)) !=
		    WN_OK) {
			message_error(&e);
			r.status = message_exit(st);
		}
	}
	if (p != NULL) {
		for (i = 0; i < r.in.n && !wn_pipeline_stopped(p); i++)
			wn_pipeline_file(p, r.in.v[i]);
		finish(&r, p, start);
	}
	wn_pipeline_free(p);
	outfile_abort(&r.out);
	outfile_abort(&r.explain);
	outfile_abort(&r.rejects);
	outfile_abort(&r.attributes);
	outfile_abort(&r.stats);
	outfile_abort(&r.report);
	files_free(&r.in);
	return r.status;
}
