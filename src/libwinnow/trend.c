/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * trend.c - winnow report STATS...: the --stats of daily runs as one
 * HTML page of charts (winnow.h, wn_trend_*; winnow(1) REPORTS).
 *
 *  1. Each line of each file is one run's --stats object, scanned by
 *     json.c (strictly: a file that is not winnow's stats is refused
 *     whole, with the line at fault).  Its date is its "date"; stats
 *     written before winnow had this page have none (nor the state's
 *     size and age), and their runs take the first YYYY-MM-DD in the
 *     file's name (the cron recipe names them so), else the day the
 *     file was last modified (UTC).
 *  2. The runs are sorted by date, then by file and line (stable).
 *  3. For each measure, a run is a jump when it differs from the median
 *     of the (up to) JUMP_RUNS runs before it, once there are at least
 *     JUMP_MIN of them: a count by half that median or more (and by
 *     JUMP_COUNT or more), a share by JUMP_POINTS percentage points or
 *     more, or by JUMP_POINTS_LOW and at least twice or at most half the
 *     median.  Jumps are listed at the top and ringed in red on the
 *     charts.
 *  4. The page: the jumps, one inline SVG chart per measure (a line per
 *     series, y from 0 to a round number, dates along x), and a table of
 *     the last TABLE_RUNS runs.  It loads nothing and runs no script;
 *     file names are escaped.
 *
 * Known weaknesses: runs are spaced evenly along x whatever the days
 * between them; a day without a run shows only in the table.  A state
 * still filling (its first week or two) grows by half or more a day,
 * and its entries and ages are listed as jumps every day until it
 * settles.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h> /* NAN, isnan(): no libm */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json.h"
#include "report.h"
#include "sink.h"
#include "stats.h"
#include "winnow.h"

#define JUMP_RUNS 7
#define JUMP_MIN 3
#define JUMP_COUNT 5.0
#define JUMP_POINTS 10.0
#define JUMP_POINTS_LOW 3.0
#define TABLE_RUNS 90
/* A stats file is a line a run, some 1.3 KB: 64 MB is 50,000 runs. */
#define FILE_MAX ((size_t)64 << 20)

enum date_from { DATE_STATS, DATE_NAME, DATE_MTIME };

/* The measures of a run, in the order of measure_name[]. */
enum {
	M_DOCS_IN,
	M_DOCS_OUT,
	M_PARAS_IN,
	M_PARAS_OUT,
	M_REMOVED, /* + enum clean_reason, as a share of paragraphs in */
	M_BAD = M_REMOVED + 6,
	M_MBPS,
	M_STATE_ENTRIES,
	M_STATE_MB,
	M_AGE, /* + 5 age classes, as shares of the entries */
	M_N = M_AGE + 5
};

static const char *const measure_name[M_N] = {
	"documents in",
	"documents out",
	"paragraphs in",
	"paragraphs out",
	"repeated in the document",
	"duplicate",
	"near repeat in the document",
	"near duplicate",
	"boilerplate",
	"site template",
	"bad records",
	"MB/s",
	"state entries",
	"state MB",
	"seen today",
	"seen 1 day ago",
	"seen 2-7 days ago",
	"seen 8-30 days ago",
	"seen over 30 days ago",
};

/* 0: no jumps looked for, 1: a count, 2: a share in percent */
static const int measure_kind[M_N] = { 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 1, 0, 1, 1,
	2, 2, 2, 2, 2 };

struct run {
	long day;
	enum date_from from;
	size_t file; /* in wn_trend.file */
	uint64_t line;
	size_t order;
	double v[M_N]; /* NAN: not known */
	double seconds;
	int jump; /* some measure jumped */
};

struct wn_trend {
	struct run *run;
	size_t n, cap;
	char **file;
	size_t nfile;
};

enum wn_status
wn_trend_new(struct wn_trend **out)
{
	*out = calloc(1, sizeof(**out));
	return *out == NULL ? WN_ENOMEM : WN_OK;
}

void
wn_trend_free(struct wn_trend *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nfile; i++)
		free(t->file[i]);
	free(t->file);
	free(t->run);
	free(t);
}

size_t
wn_trend_runs(const struct wn_trend *t)
{
	return t->n;
}

/* Days since 1970 of y-m-d, or -1 when it is no date. */
static long
civil_days(int y, int m, int d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	long era, yoe, doy, doe;

	if (y < 1970 || y > 2149 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] ||
	    (m == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 && y % 400))))
		return -1;
	/* Howard Hinnant's days_from_civil */
	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The day of "YYYY-MM-DD" at s (at least 10 bytes), or -1. */
static long
parse_date(const char *s)
{
	int i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return -1;
	return civil_days(atoi(s), atoi(s + 5), atoi(s + 8));
}

/* The first date in the file name of path, or -1. */
static long
name_date(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t i, n;

	base = base != NULL ? base + 1 : path;
	n = strlen(base);
	for (i = 0; i + 10 <= n; i++) {
		long d = parse_date(base + i);

		if (d >= 0 &&
		    (i == 0 || base[i - 1] < '0' || base[i - 1] > '9') &&
		    (i + 10 == n || base[i + 10] < '0' || base[i + 10] > '9'))
			return d;
	}
	return -1;
}

/* The number value v of s, or NAN when it is not a number. */
static double
number(const char *s, const struct json_value *v)
{
	char b[64];
	size_t n = v->end - v->off;

	if (v->type != JSON_NUMBER || n >= sizeof(b))
		return NAN;
	memcpy(b, s + v->off, n);
	b[n] = '\0';
	return strtod(b, NULL);
}

/* Scan the object value v of s for names[0..n). */
static enum wn_status
sub_object(const char *s, const struct json_value *v, const char *const names[],
    size_t n, struct json_value vals[], struct wn_error *e)
{
	size_t close;

	if (v->type != JSON_OBJECT) {
		size_t i;

		for (i = 0; i < n; i++)
			vals[i].type = JSON_NONE;
		return WN_OK;
	}
	return json_scan_object(
	    s + v->off, v->end - v->off, names, n, vals, &close, e);
}

/* One line's run into *r. */
static enum wn_status
parse_run(const char *s, size_t n, struct run *r, struct wn_error *e)
{
	static const char *const top[] = { "documents_in", "documents_out",
		"paragraphs_in", "paragraphs_out", "dropped", "bytes_in",
		"seconds", "date", "state" };
	static const char *const dropped[] = {
		"paragraphs_repeated_in_document", "paragraphs_duplicate",
		"paragraphs_near_repeat", "paragraphs_near_duplicate",
		"paragraphs_boilerplate", "paragraphs_site_template",
		"documents_bad_input"
	};
	static const char *const state[] = { "entries", "bytes", "age_days" };
	static const char *const age[] = { "today", "1", "2-7", "8-30", "31-90",
		"91-365", "older" };
	struct json_value v[9], d[7], st[3], a[7];
	size_t close;
	int i;
	enum wn_status rs;

	if ((rs = json_scan_object(s, n, top, 9, v, &close, e)) != WN_OK)
		return rs;
	for (i = 0; i < 4; i++)
		if (v[i].type != JSON_NUMBER)
			return wn_fail(e, WN_EDATA,
			    "not the --stats of winnow: no "
			    "number \"%s\"",
			    top[i]);
	if (v[4].type != JSON_OBJECT)
		return wn_fail(e, WN_EDATA,
		    "not the --stats of winnow: no "
		    "object \"dropped\"");
	if (sub_object(s, &v[4], dropped, 7, d, e) != WN_OK ||
	    sub_object(s, &v[8], state, 3, st, e) != WN_OK ||
	    sub_object(v[8].type == JSON_OBJECT ? s + v[8].off : s, &st[2], age,
	        7, a, e) != WN_OK)
		return WN_EDATA;
	for (i = 0; i < M_N; i++)
		r->v[i] = NAN;
	for (i = 0; i < 4; i++)
		r->v[M_DOCS_IN + i] = number(s, &v[i]);
	for (i = 0; i < 6; i++)
		r->v[M_REMOVED + i] = r->v[M_PARAS_IN] > 0 ?
		    100.0 * number(s + v[4].off, &d[i]) / r->v[M_PARAS_IN] :
		    NAN;
	r->v[M_BAD] = number(s + v[4].off, &d[6]);
	r->seconds = number(s, &v[6]);
	if (r->seconds > 0)
		r->v[M_MBPS] = number(s, &v[5]) / 1e6 / r->seconds;
	if (v[8].type == JSON_OBJECT) {
		const char *ss = s + v[8].off;
		double total = number(ss, &st[0]), by[7];

		r->v[M_STATE_ENTRIES] = total;
		r->v[M_STATE_MB] = number(ss, &st[1]) / 1e6;
		for (i = 0; i < 7; i++)
			by[i] = number(ss + st[2].off, &a[i]);
		if (total > 0) {
			for (i = 0; i < 4; i++)
				r->v[M_AGE + i] = 100.0 * by[i] / total;
			r->v[M_AGE + 4] =
			    100.0 * (by[4] + by[5] + by[6]) / total;
		}
	}
	if (v[7].type == JSON_STRING && v[7].end - v[7].off == 12) {
		r->day = parse_date(s + v[7].off + 1);
		if (r->day < 0)
			return wn_fail(e, WN_EDATA,
			    "\"date\" is not a date "
			    "such as 2026-11-23");
		r->from = DATE_STATS;
	} else if (v[7].type != JSON_NONE) {
		return wn_fail(
		    e, WN_EDATA, "\"date\" is not a date such as 2026-11-23");
	} else {
		r->day = -1;
	}
	return WN_OK;
}

enum wn_status
wn_trend_add(struct wn_trend *t, const char *path, struct wn_error *e)
{
	struct stat sb;
	struct wn_buf in = { NULL, 0, 0 };
	char *buf, **files;
	size_t len, pos = 0, first = t->n;
	uint64_t line = 0;
	enum wn_status st = WN_OK;
	long undated;
	int fd;

	e->name = path;
	e->line = 0;
	/* through links only its user or root made, as every input */
	if ((st = wn_path_resolve(path, NULL, e)) != WN_OK)
		return st == WN_EDATA ? WN_ENOINPUT : st;
	e->name = path;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		e->err = errno;
		return wn_fail(e, errno == ENOENT ? WN_ENOINPUT : WN_EIO, "%s",
		    strerror(errno));
	}
	if (fstat(fd, &sb) != 0 || S_ISDIR(sb.st_mode)) {
		int err = S_ISDIR(sb.st_mode) ? EISDIR : errno;

		close(fd);
		e->err = err;
		return wn_fail(e, WN_EIO, "%s", strerror(err));
	}
	while (in.len <= FILE_MAX) {
		ssize_t r;

		if (wn_buf_reserve(&in, (size_t)64 << 10) != WN_OK) {
			st = wn_fail(e, WN_ENOMEM, "out of memory");
			break;
		}
		r = read(fd, in.data + in.len, in.cap - in.len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e->err = errno;
			st = wn_fail(e, WN_EIO, "%s", strerror(errno));
			break;
		}
		if (r == 0)
			break;
		in.len += (size_t)r;
	}
	close(fd);
	buf = in.data;
	len = in.len;
	if (st == WN_OK && len > FILE_MAX)
		st = wn_fail(e, WN_EDATA,
		    "larger than %zu MB: not the --stats "
		    "of winnow",
		    FILE_MAX >> 20);
	undated = name_date(path);
	if (undated < 0)
		undated = (long)(sb.st_mtime / 86400);
	while (st == WN_OK && pos < len) {
		char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl != NULL ? (size_t)(nl - buf) : len, k = pos;
		struct run *r;

		line++;
		while (k < end && strchr(" \t\r", buf[k]) != NULL)
			k++;
		if (k == end) {
			pos = end + 1;
			continue;
		}
		if (wn_grow(&t->run, &t->cap, t->n, sizeof(*t->run)) != WN_OK) {
			st = wn_fail(e, WN_ENOMEM, "out of memory");
			break;
		}
		r = &t->run[t->n];
		memset(r, 0, sizeof(*r));
		if ((st = parse_run(buf + pos, end - pos, r, e)) != WN_OK) {
			e->line = line;
			break;
		}
		if (r->day < 0) {
			r->day = undated;
			r->from = name_date(path) >= 0 ? DATE_NAME : DATE_MTIME;
		}
		r->file = t->nfile;
		r->line = line;
		r->order = t->n;
		t->n++;
		pos = end + 1;
	}
	if (st == WN_OK && t->n == first)
		st = wn_fail(e, WN_EDATA, "empty: no run in it");
	if (st == WN_OK) {
		files = realloc(t->file, (t->nfile + 1) * sizeof(*files));
		if (files == NULL || (files[t->nfile] = strdup(path)) == NULL) {
			if (files != NULL)
				t->file = files;
			st = wn_fail(e, WN_ENOMEM, "out of memory");
		} else {
			t->file = files;
			t->nfile++;
		}
	}
	if (st != WN_OK)
		t->n = first;
	wn_buf_free(&in);
	return st;
}

/* --- the page ------------------------------------------------------ */

struct page {
	struct sink *s;
	struct wn_error *e;
	enum wn_status st;
};

static void
put(struct page *g, const char *p, size_t n)
{
	struct wn_buf *b;

	if (g->st != WN_OK)
		return;
	b = sink_buf(g->s);
	if (wn_buf_append(b, p, n) != WN_OK) {
		g->st = WN_ENOMEM;
		return;
	}
	if (b->len >= ((size_t)64 << 10))
		g->st = sink_wrote(g->s, g->e);
}

static void
puts_(struct page *g, const char *s)
{
	put(g, s, strlen(s));
}

static void fmt(struct page *g, const char *f, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void
fmt(struct page *g, const char *f, ...)
{
	struct wn_buf *b;
	va_list ap;

	if (g->st != WN_OK)
		return;
	b = sink_buf(g->s);
	va_start(ap, f);
	g->st = wn_buf_vprintf(b, f, ap);
	va_end(ap);
	if (g->st == WN_OK && b->len >= ((size_t)64 << 10))
		g->st = sink_wrote(g->s, g->e);
}

static void
esc(struct page *g, const char *s)
{
	struct wn_buf b = { NULL, 0, 0 };

	if (g->st != WN_OK)
		return;
	if (report_escape(&b, s, strlen(s), 300) != WN_OK)
		g->st = WN_ENOMEM;
	else
		put(g, b.data != NULL ? b.data : "", b.len);
	wn_buf_free(&b);
}

static int
cmp_run(const void *a, const void *b)
{
	const struct run *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Whether run i's measure m jumped (step 3); *base gets the median. */
static int
jumped(const struct wn_trend *t, size_t i, int m, double *base)
{
	double prev[JUMP_RUNS], v = t->run[i].v[m], dv;
	size_t k, n = 0;

	if (measure_kind[m] == 0 || isnan(v))
		return 0;
	for (k = i; k > 0 && n < JUMP_RUNS; k--)
		if (!isnan(t->run[k - 1].v[m]))
			prev[n++] = t->run[k - 1].v[m];
	if (n < JUMP_MIN)
		return 0;
	qsort(prev, n, sizeof(*prev), cmp_double);
	*base = n % 2 ? prev[n / 2] : (prev[n / 2 - 1] + prev[n / 2]) / 2;
	dv = v > *base ? v - *base : *base - v;
	if (measure_kind[m] == 1)
		return dv >= JUMP_COUNT && dv >= 0.5 * *base;
	return dv >= JUMP_POINTS ||
	    (dv >= JUMP_POINTS_LOW && (v >= 2 * *base || v <= *base / 2));
}

/* v as people read it: a whole number without an exponent (a count,
 * a big value), else four significant digits. */
static const char *
shown(double v, char b[40])
{
	if (v >= 1000 || v <= -1000 || v == (double)(long long)v)
		snprintf(b, 40, "%.0f", v);
	else
		snprintf(b, 40, "%.4g", v);
	return b;
}

/* A round number at or above v: 1, 2 or 5 times a power of ten. */
static double
nice_max(double v)
{
	double p = 1e-6;

	if (!(v > 0))
		return 1;
	while (p * 10 < v && p < 1e300)
		p *= 10;
	if (v <= p)
		return p;
	if (v <= 2 * p)
		return 2 * p;
	if (v <= 5 * p)
		return 5 * p;
	return 10 * p;
}

static void
h_date(struct page *g, long day)
{
	char b[16];

	stats_date((uint16_t)day, b);
	puts_(g, b);
}

static const char *const color[] = { "#2563eb", "#16a34a", "#dc2626", "#9333ea",
	"#ea580c", "#0d9488", "#64748b" };

/* A chart of measures m[0..nm) over the runs (step 4). */
static void
chart(struct page *g, const struct wn_trend *t, const char *title,
    const char *unit, const int *m, int nm)
{
	/* R leaves room for half of the last date, centred under its run */
	const double W = 960, H = 230, L = 70, R = 44, T = 14, B = 36;
	double pw = W - L - R, ph = H - T - B, ymax = 0;
	char nb[40];
	size_t i, step, n = t->n;
	int k, any = 0;

	for (k = 0; k < nm; k++)
		for (i = 0; i < n; i++)
			if (!isnan(t->run[i].v[m[k]])) {
				any = 1;
				if (t->run[i].v[m[k]] > ymax)
					ymax = t->run[i].v[m[k]];
			}
	fmt(g, "<figure><figcaption><b>%s</b>", title);
	if (unit[0] != '\0')
		fmt(g, " <small>(%s)</small>", unit);
	for (k = 0; k < nm; k++)
		fmt(g,
		    " <span class=\"key\"><i style=\"background:%s\"></i>%s"
		    "</span>",
		    color[k % 7], measure_name[m[k]]);
	puts_(g, "</figcaption>\n");
	if (!any) {
		puts_(g,
		    "<p class=\"none\">Not in these stats files (only "
		    "runs with --state record the state, and only since "
		    "winnow has 'winnow report').</p></figure>\n");
		return;
	}
	ymax = nice_max(ymax);
	fmt(g,
	    "<svg viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
	    "role=\"img\" aria-label=\"%s\">\n",
	    W, H, W, H, title);
	for (k = 0; k <= 4; k++) {
		double y = T + ph - ph * k / 4, v = ymax * k / 4;

		fmt(g,
		    "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" "
		    "class=\"g\"/><text x=\"%.0f\" y=\"%.1f\" class=\"y\">"
		    "%s</text>\n",
		    L, W - R, y, y, L - 6, y + 4, shown(v, nb));
	}
	step = n <= 8 ? 1 : (n + 7) / 8;
	for (i = 0; i < n; i += step) {
		double x = n == 1 ? L + pw / 2 : L + pw * (double)i / (n - 1);

		fmt(g, "<text x=\"%.1f\" y=\"%.0f\" class=\"x\">", x, H - 12);
		h_date(g, t->run[i].day);
		puts_(g, "</text>\n");
	}
	for (k = 0; k < nm; k++) {
		int open = 0;

		for (i = 0; i < n; i++) {
			double v = t->run[i].v[m[k]];
			double x =
			    n == 1 ? L + pw / 2 : L + pw * (double)i / (n - 1);

			if (isnan(v)) {
				if (open)
					puts_(g, "\"/>\n");
				open = 0;
				continue;
			}
			if (!open)
				fmt(g,
				    "<polyline fill=\"none\" stroke=\"%s\" "
				    "stroke-width=\"2\" points=\"",
				    color[k % 7]);
			fmt(g, "%s%.1f,%.1f", open ? " " : "", x,
			    T + ph - ph * v / ymax);
			open = 1;
		}
		if (open)
			puts_(g, "\"/>\n");
		for (i = 0; i < n; i++) {
			double v = t->run[i].v[m[k]], base;
			double x =
			    n == 1 ? L + pw / 2 : L + pw * (double)i / (n - 1);
			int j = jumped(t, i, m[k], &base);

			if (isnan(v) || (n > 60 && !j))
				continue;
			fmt(g,
			    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" "
			    "fill=\"%s\"%s><title>",
			    x, T + ph - ph * v / ymax, j ? 6 : 3,
			    j ? "none" : color[k % 7],
			    j ? " stroke=\"#dc2626\" stroke-width=\"3\"" : "");
			h_date(g, t->run[i].day);
			fmt(g, ": %s %s%s</title></circle>\n",
			    measure_name[m[k]], shown(v, nb),
			    j ? " (a jump)" : "");
		}
	}
	puts_(g, "</svg></figure>\n");
}

/* clang-format off */
static const char style[] =
"<style>\n"
"body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
"margin:0;color:#1e293b;background:#fff}\n"
"main{max-width:1000px;margin:0 auto;padding:0 1.2em 3em}\n"
"header{background:#0f172a;color:#f8fafc;padding:1em 1.2em}\n"
"header h1{margin:0;font-size:1.6em}header p{margin:.3em 0 0;color:#cbd5e1}\n"
"h2{margin:1.6em 0 .5em;border-bottom:2px solid #e2e8f0}\n"
"figure{margin:1.2em 0;border:1px solid #e2e8f0;border-radius:8px;"
"padding:.5em .8em}\n"
"svg{max-width:100%;height:auto}\n"
"svg .g{stroke:#e2e8f0}svg text{font-size:12px;fill:#475569}\n"
"svg .y{text-anchor:end}svg .x{text-anchor:middle}\n"
".key{margin-left:1em;font-size:.9em}.key i{display:inline-block;"
"width:.9em;height:.9em;margin-right:.3em;border-radius:2px;"
"vertical-align:-.1em}\n"
".none{color:#64748b}.jump{color:#b91c1c;font-weight:600}\n"
"table{border-collapse:collapse;font-size:.92em}td,th{padding:.15em .6em;"
"text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
"tr:nth-child(even){background:#f8fafc}\n"
"footer{color:#64748b;font-size:.85em;margin-top:3em}\n"
"</style>\n";
/* clang-format on */

enum wn_status
wn_trend_write(
    struct wn_trend *t, const struct wn_sink *out, struct wn_error *e)
{
	static const int docs[] = { M_DOCS_IN, M_DOCS_OUT };
	static const int paras[] = { M_PARAS_IN, M_PARAS_OUT };
	static const int removed[] = { M_REMOVED, M_REMOVED + 1, M_REMOVED + 2,
		M_REMOVED + 3, M_REMOVED + 4, M_REMOVED + 5 };
	static const int bad[] = { M_BAD };
	static const int speed[] = { M_MBPS };
	static const int entries[] = { M_STATE_ENTRIES };
	static const int mb[] = { M_STATE_MB };
	static const int ages[] = { M_AGE, M_AGE + 1, M_AGE + 2, M_AGE + 3,
		M_AGE + 4 };
	static const char *const from[] = { "", " (from its file name)",
		" (from its file's time)" };
	struct page g = { NULL, e, WN_OK };
	size_t i, njump = 0;
	int m;

	if ((g.st = sink_new(out, 0, 0, &g.s, e)) != WN_OK)
		return g.st;
	qsort(t->run, t->n, sizeof(*t->run), cmp_run);
	puts_(&g,
	    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
	    "charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-"
	    "Policy\" content=\"default-src 'none'; style-src "
	    "'unsafe-inline'\">\n<meta name=\"viewport\" content=\"width="
	    "device-width, initial-scale=1\">\n<title>winnow trend");
	if (t->n > 0) {
		puts_(&g, ", ");
		h_date(&g, t->run[0].day);
		puts_(&g, " to ");
		h_date(&g, t->run[t->n - 1].day);
	}
	puts_(&g, "</title>\n");
	put(&g, style, sizeof(style) - 1);
	puts_(&g,
	    "</head>\n<body>\n<header id=\"summary\"><h1>winnow "
	    "trend</h1><p>");
	fmt(&g, "%zu runs from %zu stats files", t->n, t->nfile);
	if (t->n > 0) {
		puts_(&g, ", ");
		h_date(&g, t->run[0].day);
		puts_(&g, " to ");
		h_date(&g, t->run[t->n - 1].day);
	}
	puts_(&g, "</p></header>\n<main>\n<h2 id=\"jumps\">Jumps</h2>\n");
	for (i = 0; i < t->n; i++)
		for (m = 0; m < M_N; m++) {
			double base;
			char nv[40], nbase[40];

			if (!jumped(t, i, m, &base))
				continue;
			if (njump++ == 0)
				puts_(&g, "<ul>\n");
			t->run[i].jump = 1;
			puts_(&g, "<li class=\"jump\">");
			h_date(&g, t->run[i].day);
			fmt(&g, ": %s %s%s, where the %d runs before had %s%s",
			    measure_name[m], shown(t->run[i].v[m], nv),
			    measure_kind[m] == 2 ? "%" : "",
			    (int)(i < JUMP_RUNS ? i : JUMP_RUNS),
			    shown(base, nbase),
			    measure_kind[m] == 2 ? "%" : "");
			puts_(&g, " <small>(");
			esc(&g, t->file[t->run[i].file]);
			puts_(&g, ")</small></li>\n");
		}
	if (njump == 0)
		fmt(&g,
		    "<p>None: no run differs much from the median of the "
		    "%d runs before it.</p>\n",
		    JUMP_RUNS);
	else
		puts_(&g, "</ul>\n");
	fmt(&g,
	    "<p><small>A run is a jump when a count differs from the "
	    "median of the %d runs before it by half of it (and by %.0f "
	    "or more), or a share by %.0f percentage points (or by %.0f "
	    "and twice or half of it).</small></p>\n",
	    JUMP_RUNS, JUMP_COUNT, JUMP_POINTS, JUMP_POINTS_LOW);
	puts_(&g, "<h2>Charts</h2>\n");
	chart(&g, t, "Documents in and out", "", docs, 2);
	chart(&g, t, "Paragraphs in and out", "", paras, 2);
	chart(&g, t, "Paragraphs removed, by reason", "% of paragraphs in",
	    removed, 6);
	chart(&g, t, "Bad records skipped", "", bad, 1);
	chart(&g, t, "State entries", "", entries, 1);
	chart(&g, t, "State file size", "MB", mb, 1);
	chart(&g, t, "State age", "% of entries, by when last seen", ages, 5);
	chart(&g, t, "Throughput", "MB read per second", speed, 1);
	fmt(&g, "<h2 id=\"runs\">Runs</h2>\n");
	if (t->n > TABLE_RUNS)
		fmt(&g, "<p>The last %d of %zu.</p>\n", TABLE_RUNS, t->n);
	puts_(&g,
	    "<table><tr><th>date</th><th>documents in</th><th>out</th>"
	    "<th>paragraphs in</th><th>out</th><th>state entries</th>"
	    "<th>seconds</th><th>file</th></tr>\n");
	for (i = t->n > TABLE_RUNS ? t->n - TABLE_RUNS : 0; i < t->n; i++) {
		const struct run *r = &t->run[i];
		long gap = i > 0 ? r->day - t->run[i - 1].day : 0;

		fmt(&g, "<tr%s><td>", r->jump ? " class=\"jump\"" : "");
		h_date(&g, r->day);
		fmt(&g, "%s", from[r->from]);
		if (gap > 1)
			fmt(&g,
			    " <small>(%ld days without a run before "
			    "it)</small>",
			    gap - 1);
		fmt(&g,
		    "</td><td class=\"n\">%.0f</td><td class=\"n\">%.0f</td>"
		    "<td class=\"n\">%.0f</td><td class=\"n\">%.0f</td>",
		    r->v[M_DOCS_IN], r->v[M_DOCS_OUT], r->v[M_PARAS_IN],
		    r->v[M_PARAS_OUT]);
		if (isnan(r->v[M_STATE_ENTRIES]))
			puts_(&g, "<td></td>");
		else
			fmt(&g, "<td class=\"n\">%.0f</td>",
			    r->v[M_STATE_ENTRIES]);
		fmt(&g, "<td class=\"n\">%.2f</td><td>", r->seconds);
		esc(&g, t->file[r->file]);
		if (r->line > 1)
			fmt(&g, ":%" PRIu64, r->line);
		puts_(&g, "</td></tr>\n");
	}
	fmt(&g,
	    "</table>\n<footer>Made by winnow %s from --stats files. "
	    "This page loads nothing and runs no script.</footer>\n"
	    "</main>\n</body></html>\n",
	    WN_VERSION);
	if (g.st == WN_ENOMEM)
		wn_fail(e, WN_ENOMEM, "out of memory");
	if (g.st == WN_OK)
		g.st = sink_close(g.s, e);
	sink_free(g.s);
	return g.st;
}
