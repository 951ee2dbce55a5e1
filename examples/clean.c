/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/* clean.c - clean standard input to standard output as JSON Lines with
 * libwinnow (winnow.h's example):
 *	cc clean.c $(pkg-config --cflags --libs winnow) -o clean */
#include <err.h>
#include <winnow.h>

int
main(void)
{
	struct wn_sink out = { "standard output", 1, NULL, NULL };
	struct wn_sinks sinks = { &out, NULL, NULL, NULL };
	struct wn_options o;
	struct wn_pipeline *p;
	struct wn_error e;
	enum wn_status status;

	wn_options_default(&o);
	o.compress = 0;
	if (wn_pipeline_new(&o, &sinks, NULL, &p, &e) != WN_OK)
		errx(1, "%s", e.msg);
	wn_pipeline_file(p, "-");
	wn_pipeline_finish(p);
	status = wn_pipeline_status(p); /* bad records: WN_EDATA */
	wn_pipeline_free(p);
	return status == WN_OK ? 0 : status == WN_EDATA ? 65 : 1;
}
