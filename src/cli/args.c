/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * args.c - parse the command line (getopt_long), --help and --version.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "exitcode.h"

static char stdin_name[] = "-";
static char *stdin_files[] = { stdin_name };

/* The stop-list languages, comma-separated. */
static const char *
langs(void)
{
	static char b[192];
	int i;

	b[0] = '\0';
	for (i = 0; i < WN_NLANG; i++) {
		if (i > 0)
			strcat(b,
			    i % 8 == 0 ? ",\n                        " : ",");
		strcat(b, wn_lang_name(i));
	}
	return b;
}

static void
usage(int status)
{
	if (status != EX_OK) {
		fprintf(stderr, "Try 'winnow --help' for more information.\n");
		exit(status);
	}
	/* clang-format off */
	printf(
"Usage: winnow [OPTION]... [FILE]...\n"
"Clean scraped text: normalize it, remove web boilerplate and drop\n"
"duplicated paragraphs.\n"
"Reads each FILE (or standard input when there is none, or for '-'),\n"
"zstd-, gzip-, xz- or bzip2-compressed or not, and writes cleaned\n"
"records to standard\n"
"output, as zstd-compressed JSON Lines by default.\n"
"\n"
"Input:\n"
"      --files-from=FILE read the names of the inputs from FILE ('-':\n"
"                        standard input), one a line, after the FILEs;\n"
"                        a FILE that is a directory stands for the files\n"
"                        under it, in byte order of their names\n"
"      --null            the names --files-from reads end in NUL, not a\n"
"                        newline (find -print0)\n"
"  -f, --from=FORMAT     auto (default), text, jsonl, warc (also WET) or\n"
"                        html (one page per FILE); auto decides per FILE\n"
"                        from its first bytes\n"
"      --text-field=NAME JSONL field holding the text (default: text)\n"
"      --id-field=NAME   JSONL field holding the id (default: id)\n"
"      --html-field=NAME JSONL field holding a page's HTML: its article\n"
"                        becomes the record's text (in --text-field)\n"
"      --long[=WLOG]     accept zstd input whose window is up to 2^WLOG\n"
"                        bytes (10..31; default 27, as zstd -d), such as\n"
"                        what zstd --long=31 made\n"
"      --max-record=SIZE skip (and report) records longer than SIZE bytes;\n"
"                        K, M, G suffixes (default: 256M)\n"
"      --on-error=POLICY a bad record is reported and skipped (skip, the\n"
"                        default), or stops the run (fail); exit 65\n"
"      --invalid-utf8=POLICY  text that is not valid UTF-8 is repaired with\n"
"                        U+FFFD (replace, the default), or its record is\n"
"                        reported and skipped (skip) or stops the run (fail)\n"
"\n"
"Output:\n"
"  -t, --to=FORMAT       jsonl (default) or text (documents separated by\n"
"                        a form feed line)\n"
"  -n, --no-compress     write plain output instead of a zstd frame\n"
"  -l, --level=N         zstd level, 1..%d (default: 3)\n"
"  -o, --output=FILE     write to FILE ('-': standard output); it is\n"
"                        written to a temporary file and put in place\n"
"                        only when the run completes (exit 0 or 65)\n"
"      --force           let -o replace an existing FILE (and the files\n"
"                        below replace one that is not an earlier run's)\n"
"      --source=NAME     dolma's \"source\" field of every record (default: a\n"
"                        new record's URL or file name; a JSONL record's\n"
"                        own)\n"
"\n"
"Boilerplate:\n"
"      --boilerplate=MODE  how much of the page around the main text to\n"
"                        remove: normal (default), strict, loose or off\n"
"      --keep-boilerplate  the same as --boilerplate=off: duplicates only\n"
"      --lang=CODE       stop-word list to judge text by: auto (default,\n"
"                        per document) or one of %s\n"
"      --template-pages=N  a paragraph found on N pages of one site (by\n"
"                        the record's URL) is a site template (default 3;\n"
"                        0: never)\n"
"\n"
"Duplicates:\n"
"      --near=T          remove a paragraph when at least this share of its\n"
"                        fingerprints was seen before (0..1; default 0.5;\n"
"                        0: exact matches only)\n"
"      --doc-near=T      drop a document when at least this share of its\n"
"                        words was seen before (0..1; default 0: never)\n"
"      --shingle=N       words per shingle (1..32; default 5)\n"
"      --window=W        winnowing window in shingles (1..64; default 8)\n"
"      --memory=SIZE     cap on the memory of what was seen; at the cap the\n"
"                        oldest half is forgotten (default 4G)\n"
"      --threads=N       threads that prepare documents (1..64; default:\n"
"                        the processors, up to 8); the output is the same\n"
"                        for any N\n"
"\n"
"State (remember what earlier runs saw; see winnow(1), CRON):\n"
"      --state=FILE      load what earlier runs saw from FILE and write the\n"
"                        updated state back after the output was complete\n"
"      --lock-timeout=S  wait up to S seconds for another run's lock on\n"
"                        FILE (default 0: exit 75 at once)\n"
"      --max-age=DAYS    forget what was last seen more than DAYS days ago\n"
"                        (default 0: never; --memory bounds the state)\n"
"      --date=YYYY-MM-DD the day this run counts as (default: today, UTC,\n"
"                        or SOURCE_DATE_EPOCH's day when it is set)\n"
"      --prior=FILE      treat what the state FILE holds as seen, without\n"
"                        writing it back (repeatable)\n"
"  winnow state info|merge|prune ...  inspect, merge or prune state files\n"
"\n"
"Sharded runs (see winnow(1), MORE THAN ONE MACHINE):\n"
"      --scan-hosts=FILE write no records; write the site-template counts\n"
"                        of this shard to FILE\n"
"      --scan=FILE       write no records; write what this shard saw to\n"
"                        FILE (run with the --prior that 'winnow shard\n"
"                        merge' made of the --scan-hosts files)\n"
"  winnow shard merge ...  what each shard's earlier shards saw\n"
"\n"
"Reporting:\n"
"      --explain=FILE    write every paragraph's decision, its reason, the\n"
"                        boilerplate rule and features and the fingerprint\n"
"                        overlap to FILE as JSON Lines\n"
"      --rejects=FILE    write every removed paragraph with its reason to\n"
"                        FILE as JSON Lines\n"
"      --attributes=FILE write dolma attribute spans of every removed\n"
"                        paragraph, a JSON line per record read, to FILE,\n"
"                        for dolma mix to apply to the records as read\n"
"      --report=FILE     write an HTML page of the run to FILE: the\n"
"                        summary, each removal reason, the documents that\n"
"                        lost the most, site templates, and documents with\n"
"                        their removed paragraphs struck through and why\n"
"                        (an existing FILE is replaced only with --force)\n"
"      --stats[=FILE]    print run statistics as one JSON object to\n"
"                        standard error, or to FILE\n"
"      --progress        show a progress line on standard error\n"
"      --no-progress     never show it (default: shown on a terminal)\n"
"  -h, --help            display this help and exit\n"
"  -V, --version         output version information and exit\n"
"  winnow report [-o FILE] STATS...  an HTML page of the --stats of daily\n"
"                        runs, a chart per measure over the days\n"
"\n"
"Exit status: 0 ok; 64 usage error; 65 a record was bad and skipped, or\n"
"the state file was refused;\n"
"66 an input could not be opened; 73 an output could not be created;\n"
"74 read or write error; 75 the state is locked by another run.\n"
"See winnow(1).\n",
	    wn_level_max(), langs());
	/* clang-format on */
	exit(EX_OK);
}

static void
bad_value(const char *opt, const char *v, const char *why)
{
	fprintf(
	    stderr, "winnow: invalid value '%s' for --%s: %s\n", v, opt, why);
	usage(EX_USAGE);
}

static double
parse_share(const char *opt, const char *v)
{
	char *end;
	double x;

	errno = 0;
	x = strtod(v, &end);
	if (*v == '\0' || *end != '\0' || errno != 0 || !(x >= 0 && x <= 1))
		bad_value(opt, v, "expected a number from 0 to 1");
	return x;
}

static unsigned
parse_count(const char *opt, const char *v, unsigned max)
{
	char *end;
	long x;

	errno = 0;
	x = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || errno != 0 || x < 1 ||
	    x > (long)max) {
		char why[64];

		snprintf(why, sizeof(why),
		    "expected a whole number from 1 to %u", max);
		bad_value(opt, v, why);
	}
	return (unsigned)x;
}

static size_t
parse_size(const char *opt, const char *v)
{
	char *end;
	unsigned long long x;
	unsigned shift = 0;

	errno = 0;
	if (v[0] < '0' || v[0] > '9')
		bad_value(opt, v, "expected a size such as 512K, 64M or 1G");
	x = strtoull(v, &end, 10);
	switch (*end) {
	case 'k':
	case 'K':
		shift = 10;
		end++;
		break;
	case 'm':
	case 'M':
		shift = 20;
		end++;
		break;
	case 'g':
	case 'G':
		shift = 30;
		end++;
		break;
	default:
		break;
	}
	if (*end == 'i' && shift)
		end++;
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end != '\0' || errno != 0 || x == 0 ||
	    x > (SIZE_MAX >> 2 >> shift))
		bad_value(opt, v, "expected a size such as 512K, 64M or 1G");
	return (size_t)x << shift;
}

long
args_parse_date(const char *s)
{
	int y, m, d, n = 0;
	long days;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || s[n] != '\0' ||
	    y < 1970 || y > 2149 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	/* days from civil (Howard Hinnant's algorithm) */
	y -= m <= 2;
	{
		long era = y / 400, yoe = y - era * 400;
		long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
		long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

		days = era * 146097 + doe - 719468;
	}
	if (days < 0 || days >= 65535)
		return -1;
	{
		/* 2026-02-31 is no date: the day must come back the same */
		time_t t = (time_t)days * 86400;
		struct tm tm;

		if (gmtime_r(&t, &tm) == NULL || tm.tm_mday != d ||
		    tm.tm_mon + 1 != m)
			return -1;
	}
	return days;
}

long
args_source_date(void)
{
	const char *v = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long x;

	if (v == NULL || *v == '\0')
		return -1;
	errno = 0;
	x = strtoll(v, &end, 10);
	if (*end != '\0' || errno != 0 || x < 0 || x / 86400 >= 65535)
		return -1;
	return (long)(x / 86400);
}

unsigned
args_parse_days(const char *opt, const char *v)
{
	char *end;
	long x;

	errno = 0;
	x = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || errno != 0 || x < 0 || x > 65535)
		bad_value(opt, v, "expected days, 0 to 65535 (0: never)");
	return (unsigned)x;
}

size_t
args_parse_size(const char *opt, const char *v)
{
	return parse_size(opt, v);
}

void
args_parse(int argc, char **argv, struct args *a)
{
	enum {
		OPT_TEXT_FIELD = 256,
		OPT_ID_FIELD,
		OPT_STATS,
		OPT_MAX_RECORD,
		OPT_PROGRESS,
		OPT_NO_PROGRESS,
		OPT_NEAR,
		OPT_DOC_NEAR,
		OPT_SHINGLE,
		OPT_WINDOW,
		OPT_MEMORY,
		OPT_EXPLAIN,
		OPT_BOILERPLATE,
		OPT_KEEP_BOILERPLATE,
		OPT_LANG,
		OPT_TEMPLATE_PAGES,
		OPT_REJECTS,
		OPT_STATE,
		OPT_LOCK_TIMEOUT,
		OPT_MAX_AGE,
		OPT_DATE,
		OPT_ON_ERROR,
		OPT_INVALID_UTF8,
		OPT_PRIOR,
		OPT_SCAN,
		OPT_SCAN_HOSTS,
		OPT_THREADS,
		OPT_LONG,
		OPT_FORCE,
		OPT_HTML_FIELD,
		OPT_SOURCE,
		OPT_FILES_FROM,
		OPT_NULL,
		OPT_ATTRIBUTES,
		OPT_REPORT
	};
	static const struct option longopts[] = {
		{ "attributes", required_argument, NULL, OPT_ATTRIBUTES },
		{ "boilerplate", required_argument, NULL, OPT_BOILERPLATE },
		{ "date", required_argument, NULL, OPT_DATE },
		{ "doc-near", required_argument, NULL, OPT_DOC_NEAR },
		{ "explain", required_argument, NULL, OPT_EXPLAIN },
		{ "files-from", required_argument, NULL, OPT_FILES_FROM },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "from", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "html-field", required_argument, NULL, OPT_HTML_FIELD },
		{ "id-field", required_argument, NULL, OPT_ID_FIELD },
		{ "invalid-utf8", required_argument, NULL, OPT_INVALID_UTF8 },
		{ "keep-boilerplate", no_argument, NULL, OPT_KEEP_BOILERPLATE },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "level", required_argument, NULL, 'l' },
		{ "lock-timeout", required_argument, NULL, OPT_LOCK_TIMEOUT },
		{ "long", optional_argument, NULL, OPT_LONG },
		{ "max-age", required_argument, NULL, OPT_MAX_AGE },
		{ "max-record", required_argument, NULL, OPT_MAX_RECORD },
		{ "memory", required_argument, NULL, OPT_MEMORY },
		{ "near", required_argument, NULL, OPT_NEAR },
		{ "no-compress", no_argument, NULL, 'n' },
		{ "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
		{ "null", no_argument, NULL, OPT_NULL },
		{ "on-error", required_argument, NULL, OPT_ON_ERROR },
		{ "output", required_argument, NULL, 'o' },
		{ "prior", required_argument, NULL, OPT_PRIOR },
		{ "progress", no_argument, NULL, OPT_PROGRESS },
		{ "rejects", required_argument, NULL, OPT_REJECTS },
		{ "report", required_argument, NULL, OPT_REPORT },
		{ "scan", required_argument, NULL, OPT_SCAN },
		{ "scan-hosts", required_argument, NULL, OPT_SCAN_HOSTS },
		{ "shingle", required_argument, NULL, OPT_SHINGLE },
		{ "source", required_argument, NULL, OPT_SOURCE },
		{ "state", required_argument, NULL, OPT_STATE },
		{ "stats", optional_argument, NULL, OPT_STATS },
		{ "template-pages", required_argument, NULL,
		    OPT_TEMPLATE_PAGES },
		{ "text-field", required_argument, NULL, OPT_TEXT_FIELD },
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "to", required_argument, NULL, 't' },
		{ "version", no_argument, NULL, 'V' },
		{ "window", required_argument, NULL, OPT_WINDOW },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(a, 0, sizeof(*a));
	a->argc = argc;
	a->argv = argv;
	wn_options_default(&a->wn);
	a->wn.today = args_source_date();
	a->wn.prior = a->prior;
	/* make eval's cross-validation sets the measured constants */
	a->wn.tune = getenv("WINNOW_TUNE");
	if (a->wn.tune != NULL && *a->wn.tune == '\0')
		a->wn.tune = NULL;
	a->progress = -1;

	while ((c = getopt_long(argc, argv, "f:hl:no:t:V", longopts, NULL)) !=
	    -1) {
		switch (c) {
		case 'f':
			if (wn_from_parse(optarg, &a->wn.from) != 0)
				bad_value("from", optarg,
				    "expected auto, text, jsonl, warc or html");
			break;
		case 'h':
			usage(EX_OK);
			break;
		case 'l': {
			char *end;
			long v;

			errno = 0;
			v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno != 0 ||
			    v < 1 || v > wn_level_max())
				bad_value("level", optarg,
				    "expected a zstd level from 1 to 19 "
				    "(20..22 are ultra)");
			a->wn.level = (int)v;
			break;
		}
		case 'n':
			a->wn.compress = 0;
			break;
		case 'o':
			a->output = optarg;
			break;
		case OPT_FORCE:
			a->force = 1;
			break;
		case 't':
			if (strcmp(optarg, "jsonl") == 0)
				a->wn.to = WN_TO_JSONL;
			else if (strcmp(optarg, "text") == 0)
				a->wn.to = WN_TO_TEXT;
			else
				bad_value(
				    "to", optarg, "expected jsonl or text");
			break;
		case 'V':
			printf("%s\n", wn_version_string());
			exit(EX_OK);
		case OPT_ID_FIELD:
		case OPT_TEXT_FIELD:
			if (*optarg == '\0')
				bad_value(c == OPT_ID_FIELD ? "id-field" :
				                              "text-field",
				    optarg, "a field name is needed");
			if (c == OPT_ID_FIELD)
				a->wn.id_field = optarg;
			else
				a->wn.text_field = optarg;
			break;
		case OPT_HTML_FIELD:
			if (*optarg == '\0')
				bad_value("html-field", optarg,
				    "a field name is needed");
			a->wn.html_field = optarg;
			break;
		case OPT_FILES_FROM:
			if (*optarg == '\0')
				bad_value("files-from", optarg,
				    "a file name is needed");
			a->files_from = optarg;
			break;
		case OPT_NULL:
			a->null = 1;
			break;
		case OPT_ATTRIBUTES:
			if (*optarg == '\0')
				bad_value("attributes", optarg,
				    "a file name is needed");
			a->attributes = optarg;
			break;
		case OPT_SOURCE:
			if (*optarg == '\0')
				bad_value("source", optarg, "a name is needed");
			a->wn.source = optarg;
			break;
		case OPT_LONG:
			/* as zstd -d --long[=WLOG]: 27 without it, 27 with
			 * no value (zstd's default for --long), up to 31 */
			a->wn.zstd_window_log = optarg == NULL ?
			    27 :
			    parse_count("long", optarg, 31);
			if (a->wn.zstd_window_log < 10)
				bad_value("long", optarg,
				    "expected a window "
				    "log from 10 to 31");
			break;
		case OPT_MAX_RECORD:
			a->wn.max_record = parse_size("max-record", optarg);
			/* paragraph offsets are 32 bits (paragraph.h) */
			if (a->wn.max_record > UINT32_MAX)
				bad_value("max-record", optarg,
				    "at most 4G - 1 bytes");
			break;
		case OPT_NEAR:
			a->wn.near = parse_share("near", optarg);
			break;
		case OPT_DOC_NEAR:
			a->wn.doc_near = parse_share("doc-near", optarg);
			break;
		case OPT_SHINGLE:
			a->wn.shingle =
			    parse_count("shingle", optarg, WN_SHINGLE_MAX);
			break;
		case OPT_WINDOW:
			a->wn.window =
			    parse_count("window", optarg, WN_WINDOW_MAX);
			break;
		case OPT_MEMORY:
			a->wn.memory = parse_size("memory", optarg);
			if (a->wn.memory < ((size_t)1 << 20))
				bad_value(
				    "memory", optarg, "at least 1M is needed");
			break;
		case OPT_EXPLAIN:
			a->explain = optarg;
			break;
		case OPT_REJECTS:
			a->rejects = optarg;
			break;
		case OPT_REPORT:
			if (*optarg == '\0' || strcmp(optarg, "-") == 0)
				bad_value("report", optarg,
				    "a file name is needed (standard output "
				    "holds the records)");
			a->report = optarg;
			a->wn.html_report = 1;
			break;
		case OPT_ON_ERROR:
			if (strcmp(optarg, "skip") == 0)
				a->wn.on_error_fail = 0;
			else if (strcmp(optarg, "fail") == 0)
				a->wn.on_error_fail = 1;
			else
				bad_value("on-error", optarg,
				    "expected skip or fail");
			break;
		case OPT_INVALID_UTF8:
			if (strcmp(optarg, "replace") == 0)
				a->wn.invalid_utf8 = WN_UTF8_REPLACE;
			else if (strcmp(optarg, "skip") == 0)
				a->wn.invalid_utf8 = WN_UTF8_SKIP;
			else if (strcmp(optarg, "fail") == 0)
				a->wn.invalid_utf8 = WN_UTF8_FAIL;
			else
				bad_value("invalid-utf8", optarg,
				    "expected replace, skip or fail");
			break;
		case OPT_STATE:
			if (*optarg == '\0')
				bad_value(
				    "state", optarg, "a file name is needed");
			a->wn.state = optarg;
			break;
		case OPT_THREADS:
			a->wn.threads = (int)parse_count("threads", optarg, 64);
			break;
		case OPT_PRIOR:
			if (*optarg == '\0')
				bad_value(
				    "prior", optarg, "a file name is needed");
			if (a->wn.nprior == WN_MAX_PRIOR)
				bad_value("prior", optarg,
				    "at most 64 --prior "
				    "files; merge them with 'winnow state "
				    "merge'");
			a->prior[a->wn.nprior++] = optarg;
			break;
		case OPT_SCAN:
		case OPT_SCAN_HOSTS:
			if (*optarg == '\0')
				bad_value(c == OPT_SCAN ? "scan" : "scan-hosts",
				    optarg, "a file name is needed");
			if (a->wn.scan != NULL) {
				fprintf(stderr,
				    "winnow: --scan and --scan-hosts "
				    "are given once, and not together\n");
				usage(EX_USAGE);
			}
			a->wn.scan = optarg;
			a->wn.scan_hosts = c == OPT_SCAN_HOSTS;
			break;
		case OPT_LOCK_TIMEOUT: {
			char *end;

			errno = 0;
			a->wn.lock_timeout = strtod(optarg, &end);
			if (*optarg == '\0' || *end != '\0' || errno != 0 ||
			    !(a->wn.lock_timeout >= 0 &&
			        a->wn.lock_timeout <= 1e6))
				bad_value("lock-timeout", optarg,
				    "expected seconds, 0 to 1000000");
			break;
		}
		case OPT_MAX_AGE:
			a->wn.max_age = args_parse_days("max-age", optarg);
			break;
		case OPT_DATE:
			if ((a->wn.today = args_parse_date(optarg)) < 0)
				bad_value("date", optarg,
				    "expected a date such as 2026-11-23");
			break;
		case OPT_BOILERPLATE:
			if (strcmp(optarg, "normal") == 0)
				a->wn.boilerplate = WN_BOILERPLATE_NORMAL;
			else if (strcmp(optarg, "strict") == 0)
				a->wn.boilerplate = WN_BOILERPLATE_STRICT;
			else if (strcmp(optarg, "loose") == 0)
				a->wn.boilerplate = WN_BOILERPLATE_LOOSE;
			else if (strcmp(optarg, "off") == 0)
				a->wn.boilerplate = WN_BOILERPLATE_OFF;
			else
				bad_value("boilerplate", optarg,
				    "expected normal, strict, loose or off");
			break;
		case OPT_KEEP_BOILERPLATE:
			a->wn.boilerplate = WN_BOILERPLATE_OFF;
			break;
		case OPT_LANG:
			if (strcmp(optarg, "auto") == 0) {
				a->wn.lang = -1;
			} else if ((a->wn.lang = wn_lang_find(optarg)) < 0) {
				char why[160];

				snprintf(why, sizeof(why),
				    "expected auto or "
				    "one of %s",
				    langs());
				bad_value("lang", optarg, why);
			}
			break;
		case OPT_TEMPLATE_PAGES:
			a->wn.template_pages = strcmp(optarg, "0") == 0 ?
			    0 :
			    parse_count("template-pages", optarg, 1000000);
			if (a->wn.template_pages == 1)
				bad_value("template-pages", optarg,
				    "0 (never) or at least 2 is needed");
			break;
		case OPT_PROGRESS:
			a->progress = 1;
			break;
		case OPT_NO_PROGRESS:
			a->progress = 0;
			break;
		case OPT_STATS:
			a->stats = 1;
			a->stats_path = optarg;
			break;
		default:
			usage(EX_USAGE);
		}
	}
	if (strcmp(a->wn.text_field, a->wn.id_field) == 0) {
		fprintf(stderr,
		    "winnow: --text-field and --id-field name the same field "
		    "'%s'\n",
		    a->wn.text_field);
		usage(EX_USAGE);
	}
	if (a->wn.html_field != NULL &&
	    strcmp(a->wn.html_field, a->wn.id_field) == 0) {
		fprintf(stderr,
		    "winnow: --html-field and --id-field name the same field "
		    "'%s'\n",
		    a->wn.html_field);
		usage(EX_USAGE);
	}
	if (a->wn.nprior > 0 && a->wn.state != NULL) {
		fprintf(stderr,
		    "winnow: --prior does not go with --state (the "
		    "state would take in what the prior holds); use 'winnow "
		    "state merge' to combine them\n");
		usage(EX_USAGE);
	}
	if (a->wn.scan != NULL &&
	    (a->wn.state != NULL || a->output != NULL || a->explain != NULL ||
	        a->rejects != NULL || a->attributes != NULL ||
	        a->report != NULL)) {
		fprintf(stderr,
		    "winnow: --%s writes no records: it does not go "
		    "with --state, -o, --explain, --rejects, --attributes or "
		    "--report\n",
		    a->wn.scan_hosts ? "scan-hosts" : "scan");
		usage(EX_USAGE);
	}
	if (a->null && a->files_from == NULL) {
		fprintf(stderr, "winnow: --null goes with --files-from\n");
		usage(EX_USAGE);
	}
	if (optind < argc) {
		a->files = argv + optind;
		a->nfiles = argc - optind;
		if (a->files_from != NULL && strcmp(a->files_from, "-") == 0) {
			int i;

			for (i = 0; i < a->nfiles; i++)
				if (strcmp(a->files[i], "-") == 0) {
					fprintf(stderr,
					    "winnow: standard input cannot be "
					    "both --files-from=- and an "
					    "input\n");
					usage(EX_USAGE);
				}
		}
	} else if (a->files_from != NULL) {
		a->files = NULL;
		a->nfiles = 0;
	} else {
		a->files = stdin_files;
		a->nfiles = 1;
	}
}
