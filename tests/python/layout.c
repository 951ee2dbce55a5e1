/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* layout.c - the sizes and field offsets of winnow.h's structures and
 * the values of its constants, as JSON, for tests/python/test_winnow.py
 * to compare with the ctypes declarations of the Python module. */
#include <stddef.h>
#include <stdio.h>

#include "winnow.h"

static int first;

static void
begin(const char *name, size_t size)
{
	printf("%s\"%s\":{\"size\":%zu,\"fields\":[", first ? "" : ",", name,
	    size);
	first = 0;
}

#define FIELD(type, f, sep)                                                    \
	printf("%s[\"%s\",%zu,%zu]", sep, #f, offsetof(type, f),               \
	    sizeof(((type *)0)->f))
#define CONST(name) printf(",\"%s\":%ld", #name, (long)(name))

int
main(void)
{
	printf("{\"structs\":{");
	first = 1;
	begin("wn_error", sizeof(struct wn_error));
	FIELD(struct wn_error, msg, "");
	FIELD(struct wn_error, name, ",");
	FIELD(struct wn_error, line, ",");
	FIELD(struct wn_error, err, ",");
	printf("]}");
	begin("wn_options", sizeof(struct wn_options));
	FIELD(struct wn_options, from, "");
	FIELD(struct wn_options, text_field, ",");
	FIELD(struct wn_options, id_field, ",");
	FIELD(struct wn_options, html_field, ",");
	FIELD(struct wn_options, max_record, ",");
	FIELD(struct wn_options, zstd_window_log, ",");
	FIELD(struct wn_options, on_error_fail, ",");
	FIELD(struct wn_options, invalid_utf8, ",");
	FIELD(struct wn_options, near, ",");
	FIELD(struct wn_options, doc_near, ",");
	FIELD(struct wn_options, shingle, ",");
	FIELD(struct wn_options, window, ",");
	FIELD(struct wn_options, memory, ",");
	FIELD(struct wn_options, boilerplate, ",");
	FIELD(struct wn_options, lang, ",");
	FIELD(struct wn_options, template_pages, ",");
	FIELD(struct wn_options, tune, ",");
	FIELD(struct wn_options, to, ",");
	FIELD(struct wn_options, compress, ",");
	FIELD(struct wn_options, level, ",");
	FIELD(struct wn_options, threads, ",");
	FIELD(struct wn_options, source, ",");
	FIELD(struct wn_options, state, ",");
	FIELD(struct wn_options, lock_timeout, ",");
	FIELD(struct wn_options, max_age, ",");
	FIELD(struct wn_options, today, ",");
	FIELD(struct wn_options, prior, ",");
	FIELD(struct wn_options, nprior, ",");
	FIELD(struct wn_options, scan, ",");
	FIELD(struct wn_options, scan_hosts, ",");
	printf("]}");
	begin("wn_sink", sizeof(struct wn_sink));
	FIELD(struct wn_sink, name, "");
	FIELD(struct wn_sink, fd, ",");
	FIELD(struct wn_sink, write, ",");
	FIELD(struct wn_sink, ctx, ",");
	printf("]}");
	begin("wn_sinks", sizeof(struct wn_sinks));
	FIELD(struct wn_sinks, records, "");
	FIELD(struct wn_sinks, explain, ",");
	FIELD(struct wn_sinks, rejects, ",");
	FIELD(struct wn_sinks, attributes, ",");
	printf("]}");
	begin("wn_report", sizeof(struct wn_report));
	FIELD(struct wn_report, problem, "");
	FIELD(struct wn_report, progress, ",");
	FIELD(struct wn_report, ctx, ",");
	printf("]}");
	begin("wn_document", sizeof(struct wn_document));
	FIELD(struct wn_document, text, "");
	FIELD(struct wn_document, text_len, ",");
	FIELD(struct wn_document, html, ",");
	FIELD(struct wn_document, id, ",");
	FIELD(struct wn_document, id_len, ",");
	FIELD(struct wn_document, url, ",");
	FIELD(struct wn_document, url_len, ",");
	FIELD(struct wn_document, titled, ",");
	printf("]}},\"enum_size\":%zu,\"constants\":{\"WN_OK\":%d",
	    sizeof(enum wn_status), WN_OK);
	CONST(WN_EDATA);
	CONST(WN_ENOMEM);
	CONST(WN_EIO);
	CONST(WN_EUSAGE);
	CONST(WN_ENOINPUT);
	CONST(WN_ECREATE);
	CONST(WN_ELOCKED);
	CONST(WN_FROM_AUTO);
	CONST(WN_FROM_HTML);
	CONST(WN_TO_JSONL);
	CONST(WN_BOILERPLATE_OFF);
	CONST(WN_BOILERPLATE_LOOSE);
	CONST(WN_BOILERPLATE_NORMAL);
	CONST(WN_BOILERPLATE_STRICT);
	CONST(WN_SHINGLE_MAX);
	CONST(WN_WINDOW_MAX);
	CONST(WN_NLANG);
	printf("}}\n");
	return 0;
}
