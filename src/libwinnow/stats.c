/* SPDX-License-Identifier: BSD-2-Clause; see LICENSE. */
/*
 * stats.c - the JSON form of the run counters (stats.h).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "stats.h"

enum wn_status
stats_json(const struct wn_stats *st, double seconds, struct wn_buf *out)
{
	char b[2048];
	int n;

	n = snprintf(b, sizeof(b),
	    "{\"inputs\":%" PRIu64 ",\"bytes_in\":%" PRIu64
	    ",\"bytes_out\":%" PRIu64 ",\"bytes_written\":%" PRIu64
	    ",\"documents_in\":%" PRIu64 ",\"documents_out\":%" PRIu64
	    ",\"paragraphs_in\":%" PRIu64 ",\"paragraphs_out\":%" PRIu64
	    ",\"dropped\":{\"documents_bad_input\":%" PRIu64
	    ",\"documents_no_text_field\":%" PRIu64
	    ",\"documents_empty\":%" PRIu64
	    ",\"documents_all_duplicate\":%" PRIu64
	    ",\"paragraphs_repeated_in_document\":%" PRIu64
	    ",\"paragraphs_duplicate\":%" PRIu64
	    ",\"paragraphs_near_repeat\":%" PRIu64
	    ",\"paragraphs_near_duplicate\":%" PRIu64
	    ",\"documents_near_duplicate\":%" PRIu64
	    ",\"paragraphs_boilerplate\":%" PRIu64
	    ",\"paragraphs_site_template\":%" PRIu64
	    ",\"documents_no_main_text\":%" PRIu64
	    ",\"documents_no_letters\":%" PRIu64 "}"
	    ",\"paragraphs_unjudged\":%" PRIu64
	    ",\"paragraphs_too_short_for_near\":%" PRIu64
	    ",\"paragraphs_short_kept_from_other_sites\":%" PRIu64
	    ",\"fingerprints_held\":%" PRIu64 ",\"fingerprint_bytes\":%" PRIu64
	    ",\"fingerprints_evicted\":%" PRIu64 ",\"seen_bytes\":%" PRIu64
	    ",\"warc_records_without_text\":%" PRIu64
	    ",\"warc_skipped\":{\"request\":%" PRIu64 ",\"metadata\":%" PRIu64
	    ",\"revisit\":%" PRIu64 ",\"warcinfo\":%" PRIu64
	    ",\"other_type\":%" PRIu64 ",\"status_not_2xx\":%" PRIu64
	    ",\"not_text\":%" PRIu64 ",\"content_encoding\":%" PRIu64 "}"
	    ",\"warc_resynchronised\":%" PRIu64
	    ",\"attributes_unmapped\":%" PRIu64 ",\"text_bytes_in\":%" PRIu64
	    ",\"text_bytes_out\":%" PRIu64 ",\"invalid_utf8_repaired\":%" PRIu64
	    ",\"entities_decoded\":%" PRIu64 ",\"controls_removed\":%" PRIu64
	    ",\"seconds\":%.3f}",
	    st->inputs, st->bytes_in, st->bytes_out, st->bytes_written,
	    st->records_in, st->records_out, st->paragraphs_in,
	    st->paragraphs_out, st->records_bad, st->records_no_field,
	    st->documents_empty, st->documents_duplicate, st->paragraphs_repeat,
	    st->paragraphs_duplicate, st->paragraphs_near_repeat,
	    st->paragraphs_near_duplicate, st->documents_near_duplicate,
	    st->paragraphs_boilerplate, st->paragraphs_template,
	    st->documents_boilerplate, st->documents_no_letters,
	    st->paragraphs_unjudged, st->paragraphs_short,
	    st->paragraphs_short_kept, st->seen_fingerprints,
	    st->fingerprint_bytes, st->fingerprints_evicted, st->seen_bytes,
	    st->records_other, st->warc_request, st->warc_metadata,
	    st->warc_revisit, st->warc_warcinfo, st->warc_other_type,
	    st->warc_status, st->warc_not_text, st->warc_coding,
	    st->warc_resync, st->attributes_unmapped, st->text_bytes_in,
	    st->text_bytes_out, st->invalid_utf8, st->entities, st->controls,
	    seconds);
	if (n < 0 || (size_t)n >= sizeof(b))
		return WN_ENOMEM;
	return wn_buf_append(out, b, (size_t)n);
}
