#!/bin/sh
# make eval: quality figures on the real data in ../shared (never
# committed).  usage: eval.sh SHARED_DIR WINNOW
set -eu
shared=$1
winnow=$2
here=$(cd "$(dirname "$0")" && pwd)
t=$(mktemp -d "${TMPDIR:-/tmp}/winnow-eval.XXXXXX")
trap 'rm -rf "$t"' EXIT

echo "== BBC corpus: document drops (issue 2)"
ls "$shared"/data/bbc/*/*.txt | LC_ALL=C sort > "$t/bbc.list"
# shellcheck disable=SC2046
"$winnow" --no-compress --stats="$t/bbc.stats" $(cat "$t/bbc.list") > "$t/bbc.jsonl"
python3 "$here/bbc_check.py" "$t/bbc.list" "$t/bbc.jsonl"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("paragraphs in %d, out %d, seconds %.3f" % (s["paragraphs_in"], s["paragraphs_out"], s["seconds"]))' "$t/bbc.stats"

aeb="$shared/data/article-extraction-benchmark"
if [ -d "$aeb" ]; then
	echo "== article-extraction-benchmark, text input (dev split)"
	mkdir -p "$t/aeb"
	for id in $(cat "$aeb/splits/dev.txt"); do
		"$winnow" --from=text --to=text --no-compress "$aeb/text-w3m/$id.txt" > "$t/aeb/$id.txt" || true
	done
	python3 "$shared/tools/score.py" "$t/aeb" "$aeb/gt" --ids "$aeb/splits/dev.txt"
fi
