#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# Good data read as what it is (issue 20): compressed inputs as zstd,
# gzip, xz and bzip2 read them, other compressors refused, never their
# bytes as text; UTF-16, hostile charsets, XHTML and curl -i pages; junk
# records; ids and reports that join.  Each case failed on 749286c.
. "${srcdir:-.}/tests/cli/lib.sh"
need zstd
need gzip
need jq
need python3
W="$WINNOW --no-compress --keep-boilerplate"
cases=0

printf 'The first document of the set, in plain words.\n\f\nThe second and last document, also plain.\n' > ab.txt

# zstd with a skippable frame first (pzstd writes one)
cases=$((cases + 1))
{ printf '\120\052\115\030\004\000\000\000abcd'; zstd -q -c ab.txt; } > skip.zst
$W skip.zst > out || fail "skippable frame: exit $?"
[ "$(wc -l < out)" -eq 2 ] || fail "skippable frame: $(cat out)"
# gzip padded with NULs (gzip -d accepts it): the last document stays
cases=$((cases + 1))
{ gzip -c ab.txt; head -c 1000 /dev/zero; } > pad.gz
$W pad.gz > out || fail "gzip NUL padding: exit $?"
grep -q "second and last" out || fail "gzip NUL padding: the last document was lost"
# trailing garbage: a warning (65), what came before kept
cases=$((cases + 1))
{ gzip -c ab.txt; echo junk; } > garbage.gz
expect_status 65 $W garbage.gz > out 2> err
grep -q "second and last" out || fail "gzip garbage: the last document was lost"
grep -q "trailing garbage" err || fail "gzip garbage: $(cat err)"
# xz and bzip2, whole and concatenated
for c in xz bzip2; do
	command -v $c > /dev/null 2>&1 || continue
	cases=$((cases + 1))
	$c -c ab.txt > ab.$c
	cat ab.$c ab.$c > abab.$c
	$W ab.$c > out || fail "$c: exit $?"
	[ "$(wc -l < out)" -eq 2 ] || fail "$c: $(head -c 200 out)"
	grep -q "second and last" out || fail "$c: text"
	$W --near=0 abab.$c > out || fail "$c twice: exit $?"
	[ "$(wc -l < out)" -eq 2 ] || fail "$c twice: the repeat was not read as text"
done
# other compressors: refused by name, never read as text
for m in '\004\042\115\030' 'LZIP' '\037\235' 'PK\003\004' '7z\274\257\047\034'; do
	cases=$((cases + 1))
	{ printf "$m"; head -c 200 /dev/urandom; } > packed.bin
	expect_status 65 $W packed.bin ab.txt > out 2> err
	grep -q "compressed with" err || fail "magic $m: $(cat err)"
	[ "$(wc -l < out)" -eq 2 ] || fail "magic $m: the next input was not read"
done
# a zstd frame whose window is over 128 MiB: said so, and --long allows it
cases=$((cases + 1))
printf '\050\265\057\375\000\250\011\000\000x' > w31.zst
expect_status 65 $W w31.zst > /dev/null 2> err
grep -q "allow it with --long=31" err || fail "window: $(cat err)"
$W --long=31 w31.zst > out || fail "--long=31: exit $?"
jq -e '.text == "x"' out > /dev/null || fail "--long=31: $(cat out)"

# UTF-16 with a byte order mark, as text and as HTML
cases=$((cases + 1))
printf '\377\376' > u16.txt
printf 'Grüße aus Köln, ein Satz.\n' | iconv -f UTF-8 -t UTF-16LE >> u16.txt
$W u16.txt > out || fail "UTF-16 text: exit $?"
jq -e '.text == "Grüße aus Köln, ein Satz."' out > /dev/null || fail "UTF-16 text: $(cat out)"
cases=$((cases + 1))
printf '<!DOCTYPE html><html><body><p>Der Bürgermeister sagte am Dienstag, dass die Brücke über den Fluss im Sommer repariert wird.</p></body></html>' |
    iconv -f UTF-8 -t UTF-16 > u16.html
"$WINNOW" --no-compress u16.html > out || fail "UTF-16 HTML: exit $?"
grep -q "Bürgermeister" out || fail "UTF-16 HTML: $(head -c 300 out)"
# <meta charset=utf-7> is not obeyed (it turns +ADw-script+AD4- into markup)
cases=$((cases + 1))
printf '<html><head><meta charset="utf-7"></head><body><p>+ADw-script+AD4-alert(1)+ADw-/script+AD4- caf\351 and a sentence long enough to be kept as the text.</p></body></html>' > utf7.html
$W --from=html utf7.html > out || fail "utf-7: exit $?"
grep -q '+ADw-script+AD4-' out || fail "utf-7 was obeyed: $(cat out)"
grep -q "<script" out && fail "utf-7 made markup"
# <meta charset=utf-16> on an 8-bit page: UTF-8, not CJK mojibake
cases=$((cases + 1))
printf '<html><head><meta charset="utf-16"></head><body><p>Plain words of an ordinary page, with one odd byte \351 here.</p></body></html>' > m16.html
$W --from=html m16.html > out || fail "meta utf-16: exit $?"
grep -q "Plain words of an ordinary page" out || fail "meta utf-16: $(cat out)"
# XHTML and a page saved with its HTTP head (curl -i) are HTML
cases=$((cases + 1))
printf '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x">\n<html xmlns="http://www.w3.org/1999/xhtml"><body><nav><a href="/">Home</a></nav><p>The article of this page is this sentence, which goes on long enough.</p></body></html>\n' > page.xhtml
"$WINNOW" --no-compress page.xhtml > out || fail "XHTML: exit $?"
grep -q "<nav>\|Home" out && fail "XHTML read as text: $(cat out)"
grep -q "The article of this page" out || fail "XHTML: $(cat out)"
cases=$((cases + 1))
printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1251\r\n\r\n<!DOCTYPE html><html><body><p>\317\360\350\342\345\362, \375\362\356 \362\345\352\361\362 \356 \344\356\354\345 \350 \356 \362\356\354, \352\340\352 \354\373 \346\350\342\270\354 \347\344\345\361\374.</p></body></html>' > curl.html
"$WINNOW" --no-compress curl.html > out || fail "curl -i: exit $?"
grep -q "HTTP/1.1" out && fail "curl -i: the head was read as text"
grep -q "Привет, это текст" out || fail "curl -i: $(cat out)"

# junk records: nothing but symbols is dropped, and counted
cases=$((cases + 1))
printf '\342\200\242\n\f\n* * *\n\f\nA real document with words in it.\n' > junk.txt
$W --stats=s.json junk.txt > out || fail "junk: exit $?"
[ "$(wc -l < out)" -eq 1 ] || fail "junk: $(cat out)"
jq -e '.dropped.documents_no_letters == 2' s.json > /dev/null || fail "junk: $(cat s.json)"
# ids: --explain and --rejects carry a JSONL record's own id value
cases=$((cases + 1))
printf '{"id":"abc","text":"Same line.\\nSame line."}\n{"id":7,"text":"x"}\n' > ids.jsonl
$W --explain=ex.jsonl --rejects=rj.jsonl ids.jsonl > out || fail "ids: exit $?"
[ "$(jq -c .id ex.jsonl | sort -u | tr '\n' ' ')" = '"abc" 7 ' ] || fail "explain ids: $(cat ex.jsonl)"
[ "$(jq -c .id rj.jsonl)" = '"abc"' ] || fail "rejects id: $(cat rj.jsonl)"
# metadata that is not an object: one top-level "winnow" key, pass after pass
cases=$((cases + 1))
printf '{"text":"A line of text.","metadata":"m","winnow":{"old":1}}\n' > md.jsonl
$W md.jsonl > p1.jsonl && $W p1.jsonl > p2.jsonl || fail "metadata: exit $?"
[ "$(grep -o '"winnow"' p2.jsonl | wc -l)" -eq 1 ] || fail "metadata: $(cat p2.jsonl)"
jq -e . p2.jsonl > /dev/null || fail "metadata: not JSON"

# short lines: another site's "Background" is its own
cases=$((cases + 1))
for s in a b a; do
	n=$((${n:-0} + 1))
	printf '<html><head><link rel="canonical" href="https://%s.example/%d"></head><body><article><p>Story %d: the council met on Tuesday to talk about the bridge and the road.</p><h2>Background</h2><p>The bridge was built in %d and has been closed twice since then for repairs.</p></article></body></html>' $s $n $n $((1900 + n)) > p$n.html
done
"$WINNOW" --no-compress --to=text --rejects=rj2.jsonl p1.html p2.html p3.html > out || fail "short lines: exit $?"
[ "$(grep -c '^Background$' out)" -eq 2 ] || fail "short lines: $(cat out)"
jq -e 'select(.reason == "duplicate") | .id | test("p3")' rj2.jsonl > /dev/null ||
    fail "short lines: the same site's repeat was kept: $(cat rj2.jsonl)"
# a JSON Lines file whose first record is junk (an array) is still read
# as JSON Lines: the junk reported with its line, the good records kept
# (read as text, they were one paragraph of JSON each: all removed)
cases=$((cases + 1))
printf '[{"text":"an array is not a record"}]\n{"text":"The good record after it, with words enough."}\n{"text":"And one more good record here, plain words."}\n' > junk1.jsonl
expect_status 65 $W junk1.jsonl > out 2> err
[ "$(jq -r .text out | wc -l)" -eq 2 ] || fail "junk first record: $(cat out)"
grep -q 'junk1.jsonl:1: .*must be an object' err || fail "junk first record: $(cat err)"
# a WET file cut inside its last record: the record before it is kept,
# the cut one reported with its line and dropped (it was read as a whole
# page, without a word)
cases=$((cases + 1))
b='A good converted page with a sentence or two of words in it.'
printf 'WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n' ${#b} "$b" > cut.wet
printf 'WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 900\r\n\r\nThe start of a page that the copy cut off after these words.' >> cut.wet
expect_status 65 $W cut.wet > out 2> err
[ "$(jq -r .text out)" = "$b" ] || fail "cut WET: $(cat out)"
grep -q 'cut.wet:7: the last record is cut short' err || fail "cut WET: $(cat err)"
echo "format cases: $cases passed"
exit 0
