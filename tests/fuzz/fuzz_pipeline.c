/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* fuzz_pipeline.c - the whole pipeline through winnow.h alone: sniff,
 * read, clean (boilerplate, duplicates), write JSON Lines; every line
 * written is a JSON object of valid UTF-8. */
#define _GNU_SOURCE
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "json.h"
#include "utf8.h"
#include "winnow.h"

static void
check_output(int fd)
{
	static const char *const names[] = { "text" };
	struct json_value v[1];
	struct wn_error e;
	off_t n = lseek(fd, 0, SEEK_END);
	char *b, *p, *nl;
	size_t close_at;

	if (n < 0 || (b = malloc((size_t)n + 1)) == NULL)
		abort();
	if (pread(fd, b, (size_t)n, 0) != n)
		abort();
	if (utf8_valid_prefix(b, (size_t)n) != (size_t)n)
		abort();
	for (p = b; p < b + n; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(b + n - p))) == NULL)
			abort(); /* every record ends its line */
		if (json_scan_object(p, (size_t)(nl - p), names, 1, v,
		        &close_at, &e) != WN_OK ||
		    v[0].type != JSON_STRING)
			abort();
	}
	free(b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wn_options o;
	struct wn_sink out = { "fuzz", -1, NULL, NULL };
	struct wn_sinks sinks = { &out, NULL, NULL, NULL };
	struct wn_pipeline *p;
	struct wn_error e;
	size_t half = size > 0 ? data[0] % (size + 1) : 0;
	int fd = memfd_create("fuzz", 0);

	if (fd < 0)
		abort();
	out.fd = fd;
	wn_options_default(&o);
	o.compress = 0;
	o.threads = 1;
	o.max_record = 1 << 20;
	o.memory = 16 << 20;
	if (wn_pipeline_new(&o, &sinks, NULL, &p, &e) != WN_OK)
		abort();
	/* in two pieces, cut where the first byte says */
	if (wn_pipeline_begin(p, "fuzz") != WN_OK ||
	    wn_pipeline_push(p, data, half) != WN_OK ||
	    wn_pipeline_push(p, data + half, size - half) != WN_OK ||
	    wn_pipeline_end(p) != WN_OK || wn_pipeline_finish(p) != WN_OK)
		abort();
	check_output(fd);
	wn_pipeline_free(p);
	close(fd);
	return 0;
}
