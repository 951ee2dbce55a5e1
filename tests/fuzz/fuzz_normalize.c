/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* fuzz_normalize.c - both normalizations: valid UTF-8 out, no control
 * characters but tab and newline, keys whose words add up; JSON strings
 * survive an encode and decode. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "json.h"
#include "normalize.h"
#include "utf8.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct normalizer *n;
	struct normalize_stats ns = { 0, 0, 0 };
	struct normalize_key key;
	struct wn_buf out = { NULL, 0, 0 }, j = { NULL, 0, 0 },
	              back = { NULL, 0, 0 };
	uint64_t bad = 0;
	size_t i;

	if (n == NULL && (n = normalize_new()) == NULL)
		abort();
	memset(&key, 0, sizeof(key));
	if (normalize_text(n, (const char *)data, size, &out, &ns) != WN_OK)
		abort();
	if (utf8_valid_prefix(out.data, out.len) != out.len)
		abort();
	for (i = 0; i < out.len; i++) {
		unsigned char c = (unsigned char)out.data[i];

		if (c < 0x20 && c != '\n' && c != '\t')
			abort();
	}
	if (normalize_key(n, out.data, out.len, &key) != WN_OK)
		abort();
	for (i = 1; i < key.nwords; i++)
		if (key.word_end[i] <= key.word_end[i - 1])
			abort();
	if (key.nwords > 0 && key.word_end[key.nwords - 1] != key.text.len)
		abort();
	/* JSON: encode the valid text, decode it back */
	if (json_string_encode(out.data, out.len, &j) != WN_OK ||
	    json_string_decode(j.data, j.len, &back, &bad) != WN_OK ||
	    bad != 0 || back.len != out.len ||
	    (out.len > 0 && memcmp(back.data, out.data, out.len) != 0))
		abort();
	wn_buf_free(&out);
	wn_buf_free(&j);
	wn_buf_free(&back);
	normalize_key_free(&key);
	return 0;
}
