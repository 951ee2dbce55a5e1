#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# The same output whether the input arrives whole, one byte at a time or
# in random pieces, for every reader (doc/design.md §4).
. "${srcdir:-.}/tests/cli/lib.sh"
: "${TRICKLE:?}"

# a stream of documents separated by form-feed lines
for f in "$SEEDS"/0*.txt; do cat "$f"; printf '\n\f\n'; done > stream.txt
"$WINNOW" --no-compress --to=text "$SEEDS"/0*.txt > files.txt
"$WINNOW" --no-compress --to=text < stream.txt > whole.txt || fail whole
cmp -s files.txt whole.txt || fail "a form-feed stream differs from separate files"
for mode in 1 7 12345 99; do
	"$TRICKLE" $mode < stream.txt | "$WINNOW" --no-compress --to=text > t$mode.txt ||
	    fail "trickle $mode"
	same whole.txt t$mode.txt
done

# JSONL and WARC, through the same three feeds
"$WINNOW" --no-compress < stream.txt > stream.jsonl
cp "$DATA/good-whirlwind.warc.wet" page.wet
for input in stream.jsonl page.wet; do
	"$WINNOW" --no-compress < $input > w.out || fail "$input whole"
	for mode in 1 4242; do
		"$TRICKLE" $mode < $input | "$WINNOW" --no-compress > t.out ||
		    fail "$input trickle $mode"
		same w.out t.out
	done
done
# compressed input, trickled
"$WINNOW" < stream.txt > s.zst
"$TRICKLE" 1 < s.zst | "$WINNOW" --no-compress > z.out
"$WINNOW" --no-compress < s.zst > z1.out
same z1.out z.out
exit 0
