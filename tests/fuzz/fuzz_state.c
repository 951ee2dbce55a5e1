/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* fuzz_state.c - the state loader on any bytes: refused or loaded, never
 * a crash; what loads, loads whole. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "state.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	static const struct state_params p = { 0x77696e6e6f77ull, 1, 5, 8 };
	struct seen *set[STATE_NSETS];
	struct state_info info;
	struct wn_error e;
	enum wn_status st;
	FILE *f;
	int i, found;

	if (path[0] == '\0')
		snprintf(
		    path, sizeof(path), "/tmp/fuzz-state.%d", (int)getpid());
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	for (i = 0; i < STATE_NSETS; i++)
		if ((set[i] = seen_new(state_width[i], 1 << 20)) == NULL ||
		    seen_stamp(set[i], 100) != 0)
			abort();
	memset(&e, 0, sizeof(e));
	st = state_load(path, &p, set, 100, 30, &found, &info, &e);
	if (st != WN_OK && st != WN_EDATA)
		abort();
	if (st == WN_EDATA && e.msg[0] == '\0')
		abort();
	if (st == WN_OK)
		for (i = 0; i < STATE_NSETS; i++)
			if (seen_count(set[i]) > info.count[i])
				abort();
	for (i = 0; i < STATE_NSETS; i++)
		seen_free(set[i]);
	unlink(path);
	return 0;
}
