/* fuzz_pipeline.c - the whole pipeline: sniff, read, clean (boilerplate,
 * duplicates), write JSON Lines; every line written is a JSON object of
 * valid UTF-8. */
#define _GNU_SOURCE
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "clean.h"
#include "fuzz.h"
#include "json.h"
#include "utf8.h"
#include "writer.h"

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
			abort();	/* every record ends its line */
		if (json_scan_object(p, (size_t)(nl - p), names, 1, v,
		    &close_at, &e) != WN_OK || v[0].type != JSON_STRING)
			abort();
	}
	free(b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input_options io = { "text", "id", 1 << 20 };
	struct writer_options wo = { WRITER_JSONL, 0, 3, "text", "id" };
	struct clean_options co;
	struct clean_doc doc;
	struct wn_stats st;
	struct clean *c;
	struct writer *w;
	struct input *in;
	struct record rec;
	struct wn_error e;
	enum wn_status s;
	int fd = memfd_create("fuzz", 0);

	if (fd < 0)
		abort();
	memset(&doc, 0, sizeof(doc));
	memset(&st, 0, sizeof(st));
	memset(&e, 0, sizeof(e));
	clean_options_default(&co);
	co.memory = 16 << 20;
	if ((c = clean_new(&co)) == NULL ||
	    (in = input_new(input_sniff((const char *)data, size), "fuzz",
	    &io)) == NULL || writer_new(fd, &wo, &w, &e) != WN_OK)
		abort();
	if (input_push(in, (const char *)data, size) != WN_OK)
		abort();
	input_finish(in);
	while ((s = input_next(in, &rec, &e)) == WN_OK || s == WN_EDATA) {
		struct clean_input ci;

		if (s == WN_EDATA)
			continue;
		clean_input_of(&ci, &rec);
		if (clean_document(c, &ci, &doc, &st) != WN_OK ||
		    writer_record(w, &rec, "fuzz", &doc, &e) != WN_OK)
			abort();
	}
	if (s != WN_END || writer_close(w, &e) != WN_OK)
		abort();
	check_output(fd);
	writer_free(w);
	input_free(in);
	clean_doc_free(&doc);
	clean_free(c);
	close(fd);
	return 0;
}
