#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# Compressed input is detected by magic; corrupt or truncated input is an
# error (exit 65) that keeps every record read before it; output frames
# decode with zstd at every level.
. "${srcdir:-.}/tests/cli/lib.sh"
need zstd
need gzip

for f in "$SEEDS"/0*.txt; do cat "$f"; printf '\n\f\n'; done > s.txt
"$WINNOW" --no-compress --to=text s.txt > plain.out
zstd -q -c s.txt > s.zst
gzip -c s.txt > s.gz
for c in s.zst s.gz; do
	"$WINNOW" --no-compress --to=text $c > c.out || fail "$c exit $?"
	same plain.out c.out
	"$WINNOW" --no-compress --to=text < $c > c.out || fail "$c stdin"
	same plain.out c.out
done
# JSONL inside zstd is sniffed after decompression
"$WINNOW" s.txt > j.zst
"$WINNOW" --no-compress j.zst > j2.out || fail "jsonl.zst"
"$WINNOW" --no-compress s.txt > j1.out
# a second pass over winnow's own output keeps the texts and ids and
# replaces (does not repeat) the "winnow" report
[ "$(wc -l < j2.out)" -eq "$(wc -l < j1.out)" ] || fail "second pass lost records"
awk '{ n = gsub(/"winnow":/, "&"); if (n != 1) exit 1 }' j2.out ||
    fail "a record holds more than one winnow report"
if command -v jq >/dev/null 2>&1; then
	jq -c '[.id, .text]' j1.out > a.ids
	jq -c '[.id, .text]' j2.out > b.ids
	same a.ids b.ids
fi

# truncated and corrupt input
size=$(wc -c < s.zst)
head -c $((size - 20)) s.zst > t.zst
"$WINNOW" --no-compress t.zst > t.out 2> err
[ $? -eq 65 ] || fail "truncated zstd must exit 65"
grep -q "^winnow: t.zst: truncated zstd input" err || fail "message: $(cat err)"
head -c 200 s.gz > t.gz
"$WINNOW" --no-compress t.gz > t.out 2> err
[ $? -eq 65 ] || fail "truncated gzip must exit 65"
grep -q "truncated gzip input" err || fail "message: $(cat err)"
printf '\050\265\057\375garbage garbage garbage' > bad.zst
"$WINNOW" --no-compress bad.zst 2> err > /dev/null
grep -q "corrupt zstd input" err || fail "corrupt zstd: $(cat err)"

# levels: the frame decodes with plain zstd -d (window within 2^27)
for level in 1 19 22; do
	"$WINNOW" --level=$level s.txt > l.zst || fail "level $level"
	zstd -q -t l.zst || fail "level $level frame"
	zstd -dc l.zst | cmp -s - j1.out || fail "level $level content"
done

# gzip members decoded whole (libdeflate) or streamed (zlib): an empty
# member, one that decodes to 3 MiB (past the first buffer), small ones,
# NUL padding after them; the same as the plain input
awk 'BEGIN { for (i = 0; i < 40000; i++) printf "Line %d of a long document that is one gzip member.\n", i }' > big.txt
printf 'A small document.\n' > small.txt
: > empty.txt
for f in empty small big small; do gzip -c $f.txt; done > members.gz
head -c 100 /dev/zero >> members.gz
cat empty.txt small.txt big.txt small.txt > members.txt
"$WINNOW" --from=text --to=text -n --keep-boilerplate members.gz > members.out || fail "members: exit $?"
"$WINNOW" --from=text --to=text -n --keep-boilerplate members.txt > members.want || fail "plain: exit $?"
same members.want members.out
# a member cut short, and one corrupt: what zlib says, as before
head -c 3000 members.gz > cut.gz
"$WINNOW" --from=text -n cut.gz > /dev/null 2> cut.err
[ $? -eq 65 ] || fail "cut member: exit 65 expected"
grep -q "truncated gzip input" cut.err || fail "cut: $(cat cut.err)"
exit 0
