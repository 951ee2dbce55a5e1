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
for mode in exact near; do
	echo "== BBC corpus, $mode duplicates: document drops"
	opt=; check=
	[ $mode = exact ] && opt=--near=0
	[ $mode = near ] && check=--near
	# shellcheck disable=SC2046
	"$winnow" $opt --no-compress --stats="$t/bbc.stats" $(cat "$t/bbc.list") > "$t/bbc.jsonl"
	python3 "$here/bbc_check.py" $check "$t/bbc.list" "$t/bbc.jsonl"
	python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); d=s["dropped"]; print("paragraphs in %d, out %d (exact %d, near %d removed), seconds %.3f" % (s["paragraphs_in"], s["paragraphs_out"], d["paragraphs_duplicate"]+d["paragraphs_repeated_in_document"], d["paragraphs_near_duplicate"]+d["paragraphs_near_repeat"], s["seconds"]))' "$t/bbc.stats"
done

aeb="$shared/data/article-extraction-benchmark"
if [ -d "$aeb" ]; then
	echo "== article-extraction-benchmark, text input (dev split)"
	mkdir -p "$t/aeb"
	for id in $(cat "$aeb/splits/dev.txt"); do
		"$winnow" --from=text --to=text --no-compress "$aeb/text-w3m/$id.txt" > "$t/aeb/$id.txt" || true
	done
	python3 "$shared/tools/score.py" "$t/aeb" "$aeb/gt" --ids "$aeb/splits/dev.txt"
fi
