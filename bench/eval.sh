#!/bin/sh
# make eval: quality figures on the real data in ../shared (never
# committed).  usage: eval.sh SHARED_DIR WINNOW
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

aeb="$shared/data/article-extraction-benchmark"
if [ -d "$aeb" ]; then
	ids="$aeb/splits/dev.txt"
	for mode in normal strict loose off; do
		echo "== article-extraction-benchmark, text input (dev split), --boilerplate=$mode"
		rm -rf "$t/aeb" && mkdir -p "$t/aeb"
		start=$(date +%s.%N)
		for id in $(cat "$ids"); do
			"$winnow" --from=text --to=text --no-compress \
			    --boilerplate=$mode "$aeb/text-w3m/$id.txt" > "$t/aeb/$id.txt" || true
		done
		end=$(date +%s.%N)
		python3 "$shared/tools/score.py" "$t/aeb" "$aeb/gt" --ids "$ids"
		bytes=$(cat $(sed "s|.*|$aeb/text-w3m/&.txt|" "$ids") | wc -c)
		echo "$bytes" "$start" "$end" | awk '{printf "%d pages, %.1f MB, %.2f s with one process per page\n", 0, $1/1e6, $3-$2}' |
		    sed "s/^0 pages/$(wc -l < "$ids") pages/"
	done
	echo "== article-extraction-benchmark, text records as one JSONL stream: throughput"
	cat "$aeb/records-w3m.jsonl" "$aeb/records-w3m.jsonl" "$aeb/records-w3m.jsonl" \
	    "$aeb/records-w3m.jsonl" "$aeb/records-w3m.jsonl" > "$t/aeb5.jsonl"
	"$winnow" --no-compress --stats="$t/aeb.stats" "$t/aeb5.jsonl" > /dev/null
	python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("%.1f MB in %.3f s: %.1f MB/s (5 copies of the records, so 4/5 are duplicates)" % (s["bytes_in"]/1e6, s["seconds"], s["bytes_in"]/1e6/s["seconds"]))' "$t/aeb.stats"
fi
