/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* fuzz_text.c - the text reader: no crash, no hang, records independent
 * of how the input was chunked. */
#include "config.h"

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader(INPUT_TEXT, data, size);
	return 0;
}
