/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* fuzz_html.c - the HTML reader: blocks, one per line, a hint per line,
 * boxes that nest. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "html.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct html_doc d;
	size_t i, lines = 0;

	memset(&d, 0, sizeof(d));
	html_sniff((const char *)data, size);
	if (html_extract((const char *)data, size, NULL, &d) != WN_OK)
		abort();
	for (i = 0; i < d.text.len; i++)
		lines += d.text.data[i] == '\n';
	if (lines != d.nblock)
		abort(); /* a block broke its line */
	for (i = 0; i < d.nblock; i++)
		if (d.block[i].role > BLOCK_CELL ||
		    !(d.block[i].link_density >= 0 &&
		        d.block[i].link_density <= 1) ||
		    d.block[i].box > d.nbox)
			abort();
	for (i = 0; i < d.nbox; i++)
		if (d.box[i].enter > d.box[i].exit || d.box[i].parent > i)
			abort();
	html_doc_free(&d);
	fuzz_reader(INPUT_HTML, data, size);
	return 0;
}
