#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# make eval: quality figures on the real data in ../shared (never
# committed): duplicates on the BBC corpus, extraction on the dev pages
# (bench/eval.py), speed on them.  usage: eval.sh SHARED_DIR WINNOW
set -eu
shared=$1
winnow=$2
here=$(cd "$(dirname "$0")" && pwd)
t=$(mktemp -d "${TMPDIR:-/tmp}/winnow-eval.XXXXXX")
trap 'rm -rf "$t"' EXIT

ls "$shared"/data/bbc/*/*.txt | LC_ALL=C sort > "$t/bbc.list"
# duplicates only: the checker knows nothing of boilerplate
for mode in exact near; do
	echo "== BBC corpus, $mode duplicates: document drops"
	opt=--keep-boilerplate; check=
	[ $mode = exact ] && opt="$opt --near=0"
	[ $mode = near ] && check=--near
	# shellcheck disable=SC2046
	"$winnow" $opt --no-compress --stats="$t/bbc.stats" $(cat "$t/bbc.list") > "$t/bbc.jsonl"
	python3 "$here/bbc_check.py" $check "$t/bbc.list" "$t/bbc.jsonl"
	python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); d=s["dropped"]; print("paragraphs in %d, out %d (exact %d, near %d removed), seconds %.3f" % (s["paragraphs_in"], s["paragraphs_out"], d["paragraphs_duplicate"]+d["paragraphs_repeated_in_document"], d["paragraphs_near_duplicate"]+d["paragraphs_near_repeat"], s["seconds"]))' "$t/bbc.stats"
done

# extraction: every dev set, HTML and text dumps, with the figures under
# cross-validation by site beside them (bench/eval.py; EVAL_OPTS=--no-cv
# for the built-in figures alone, in a minute instead of about 25)
echo "== extraction: article-extraction-benchmark, trafilatura-eval, WCXB (dev pages)"
# shellcheck disable=SC2086
python3 "$here/eval.py" --shared "$shared" --winnow "$winnow" \
    --dir "${EVAL_DIR:-$t/eval}" ${EVAL_OPTS:-}

# speed FORMAT FILES...: MB/s of one process on one thread over all of them,
# median of three runs, from --stats (plain output, so no zstd in the figure)
speed() {
	fmt=$1
	shift
	for r in 1 2 3; do
		"$winnow" --from=$fmt --threads=1 --no-compress --stats="$t/s.json" "$@" > /dev/null 2>&1
		python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("%.1f %.1f" % (s["bytes_in"]/1e6/s["seconds"], s["bytes_in"]/1e6))' "$t/s.json"
	done | sort -n | sed -n 2p | awk -v f=$fmt '{printf "%s: %.1f MB in one process, one thread: %.1f MB/s (median of 3)\n", f, $2, $1}'
}

echo "== speed on the dev pages"
aeb="$shared/data/article-extraction-benchmark"
tra="$shared/data/trafilatura-eval"
wcx="$shared/data/wcxb-dev"
ls "$aeb"/html/*.html "$tra"/html/*.html "$wcx"/html/*.html 2>/dev/null | LC_ALL=C sort > "$t/html.list"
ls "$aeb"/text-w3m/*.txt "$tra"/text-w3m/*.txt "$wcx"/text-w3m/*.txt 2>/dev/null | LC_ALL=C sort > "$t/text.list"
# shellcheck disable=SC2046
[ -s "$t/html.list" ] && speed html $(cat "$t/html.list")
# shellcheck disable=SC2046
[ -s "$t/text.list" ] && speed text $(cat "$t/text.list")

# WARC (issue 21): every dev page wrapped as a crawler stores it (a gzip
# member per record, bodies in turn as they are, chunked, gzip-encoded,
# gzip-encoded and chunked, deflate-encoded) gives, page by page, the
# text --from=html gives of the file; MB/s of page bytes both ways, runs
# interleaved, median of 5, one thread and the default
ls "$shared"/data/*/html/*.html 2>/dev/null | LC_ALL=C sort > "$t/pages.list"
if [ -s "$t/pages.list" ]; then
	echo "== WARC responses against --from=html, the dev pages"
	# shellcheck disable=SC2046
	python3 "$here/../tests/cli/mkwarc.py" --codings=identity,chunked,gzip,gzip+chunked,deflate \
	    "$t/pages.warc.gz" $(cat "$t/pages.list")
	"$winnow" --from=html -n --template-pages=0 --files-from="$t/pages.list" > "$t/pages-html.jsonl"
	"$winnow" -n --template-pages=0 "$t/pages.warc.gz" > "$t/pages-warc.jsonl"
	python3 - "$t/pages-html.jsonl" "$t/pages-warc.jsonl" "$(wc -l < "$t/pages.list")" <<'PY'
import json, sys
h = [json.loads(l)["text"] for l in open(sys.argv[1])]
w = [json.loads(l)["text"] for l in open(sys.argv[2])]
same = sum(a == b for a, b in zip(h, w))
print("WARC: %d pages; %d records written each way; %d of them the same text, page by page%s"
      % (int(sys.argv[3]), len(h), same, "" if len(h) == len(w) else " (counts differ: %d)" % len(w)))
PY
	for th in 1 0; do
		topt=--threads=$th
		[ $th = 0 ] && topt=
		for r in 1 2 3 4 5; do
			"$winnow" --from=html -n --template-pages=0 $topt --stats="$t/h.json" --files-from="$t/pages.list" > /dev/null
			"$winnow" -n --template-pages=0 $topt --stats="$t/w.json" "$t/pages.warc.gz" > /dev/null
			python3 -c 'import json,sys; h=json.load(open(sys.argv[1])); w=json.load(open(sys.argv[2])); print("%.1f %.1f %.3f" % (h["bytes_in"]/1e6/h["seconds"], h["bytes_in"]/1e6/w["seconds"], h["seconds"]/w["seconds"]))' "$t/h.json" "$t/w.json"
		done > "$t/speed.txt"
		python3 - "$t/speed.txt" "${topt:-default threads}" "$(du -m "$t/pages.warc.gz" | cut -f1)" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
h, w, r = (statistics.median(c) for c in zip(*rows))
print("WARC speed, %s: --from=html %.1f MB/s, WARC %.1f MB/s of the same page bytes (%s MB of .warc.gz): %.0f%% (median of 5 interleaved runs; ratio of the run pairs' medians %.0f%%)"
      % (sys.argv[2], h, w, sys.argv[3], 100 * w / h, 100 * r))
PY
	done
	python3 "$here/charset_eval.py" "$winnow" $(cat "$t/pages.list")
fi
