/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* fuzz_common.c - the reader check shared by the reader targets. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "utf8.h"
#include "wn.h"

/* The records of one read, flattened: each text and id with lengths. */
static void
read_all(enum input_format fmt, const uint8_t *data, size_t size, size_t split,
    struct wn_buf *out, size_t *nrec)
{
	struct input_options o = { "text", "id", 1 << 20, 0, 0 };
	struct input *in = input_new(fmt, "fuzz", &o);
	struct record rec;
	struct wn_error e;
	enum wn_status st;
	size_t pos = 0, part;
	int finished = 0;

	if (in == NULL)
		abort();
	*nrec = 0;
	out->len = 0;
	for (;;) {
		memset(&e, 0, sizeof(e));
		st = input_next(in, &rec, &e);
		if (st == WN_OK) {
			/* every span lies in memory ASan watches; a
			 * record's text is what the writer will see */
			wn_buf_append(out, &rec.text.n, sizeof(rec.text.n));
			wn_buf_append(out, rec.text.p, rec.text.n);
			wn_buf_append(out, &rec.id.n, sizeof(rec.id.n));
			wn_buf_append(out, rec.id.p, rec.id.n);
			wn_buf_append(out, rec.url.p, rec.url.n);
			(*nrec)++;
			continue;
		}
		if (st == WN_EDATA) {
			if (e.msg[0] == '\0')
				abort(); /* an error must say why */
			wn_buf_append(out, "E", 1);
			continue;
		}
		if (st == WN_END)
			break;
		if (st != WN_AGAIN)
			abort();
		if (finished)
			abort(); /* AGAIN after the end: a hang */
		part = pos < split ? split - pos : size - pos;
		if (part == 0) {
			input_finish(in);
			finished = 1;
			continue;
		}
		if (input_push(in, (const char *)data + pos, part) != WN_OK)
			abort();
		pos += part;
	}
	input_free(in);
}

void
fuzz_reader(enum input_format fmt, const uint8_t *data, size_t size)
{
	struct wn_buf a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	size_t na, nb, split = size ? data[0] % (size + 1) : 0;

	read_all(fmt, data, size, size, &a, &na);
	read_all(fmt, data, size, split, &b, &nb);
	if (na != nb || a.len != b.len ||
	    (a.len > 0 && memcmp(a.data, b.data, a.len) != 0))
		abort(); /* the records depend on the chunking */
	wn_buf_free(&a);
	wn_buf_free(&b);
}
