#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# WET/WARC: the real Common Crawl page; a wrong Content-Length
# resynchronises; gzip members are read in a row; WARC response records
# of pages written for this test give --from=html's text; bad responses
# are reported and skipped.
. "${srcdir:-.}/tests/cli/lib.sh"
need gzip

W="$DATA/good-whirlwind.warc.wet"
"$WINNOW" --no-compress --keep-boilerplate --stats=stats.json "$W" > out.jsonl ||
    fail "exit $?"
[ "$(wc -l < out.jsonl)" -eq 1 ] || fail "one conversion record expected"
grep -qF '"id":"<urn:uuid:ba729a40-ff84-4085-8d48-0a5b2ee0c42d>"' out.jsonl || fail "id"
grep -qF '"source":"https://an.wikipedia.org/wiki/Escopete"' out.jsonl || fail "source"
grep -qF '"language":"spa"' out.jsonl || fail "language"
grep -qF '"text":"Ir al contenido\nMenú principal\nmover' out.jsonl ||
    fail "text (the repeated 'Menú principal' line must go; the title line is the headline)"
grep -qF '"title":"Escopete"' out.jsonl || fail "headline: the WET record's first line less the site name"
grep -qF '"warc_records_without_text":1' stats.json || fail "warcinfo not counted: $(cat stats.json)"

# by default the wiki's menus, language list and footer go, its article
# stays (Aragonese, judged by the Spanish stop list)
"$WINNOW" --no-compress --to=text --explain=ex.jsonl "$W" > page.txt || fail "default run"
head -1 page.txt | grep -q "^Escopete ye un municipio d'a provincia de Guadalachara" ||
    fail "article start: $(head -1 page.txt)"
grep -q "Felipe II de Castiella en 1578" page.txt || fail "article body lost"
grep -q "Menú principal\|Ir al contenido\|^Euskara$" page.txt && fail "menus kept"
grep -q '"rule":"outside_main_text","lang":"es"' ex.jsonl || fail "explain: $(head -c 300 ex.jsonl)"

# a first read of five bytes still sniffs WARC
{ head -c 5 "$W"; sleep 0.3; tail -c +6 "$W"; } |
    "$WINNOW" --no-compress --keep-boilerplate > slow.jsonl || fail "slow start"
same out.jsonl slow.jsonl

# Content-Length off by 2 (as in CC-MAIN-2018-34): the same text
sed 's/^Content-Length: 4456/Content-Length: 4454/' "$W" > short.wet
"$WINNOW" --no-compress --keep-boilerplate --stats=s2.json short.wet > short.jsonl || fail "short exit $?"
same out.jsonl short.jsonl
grep -qF '"warc_resynchronised":1' s2.json || fail "resync not counted"
# two pages, gzip-compressed one member each, concatenated
gzip -c "$W" > a.gz
sed 's/ba729a40/cafe0000/; s/Escopete/Escopeta/g' "$W" | gzip -c > b.gz
cat a.gz b.gz > ab.wet.gz
"$WINNOW" --no-compress --keep-boilerplate ab.wet.gz > ab.jsonl || fail "gzip members"
[ "$(wc -l < ab.jsonl)" -eq 2 ] || fail "both members must be read"

# --- WARC responses (issue 21): pages written for this test, wrapped as
# a crawler stores them (tests/cli/mkwarc.py: a gzip member per record,
# some bodies chunked, gzip-, deflate- or zstd-encoded), give the text
# --from=html gives of the same files, page by page
need python3
need zstd
MKWARC="$srcdir/tests/cli/mkwarc.py"
cp "$DATA/page.html" p1.html
cat > p2.html <<'HTML'
<!DOCTYPE html><html><head><title>Harvest report</title></head><body>
<nav><a href="/">Home</a> <a href="/farm">Farm</a></nav>
<article><h1>A late harvest in the valley</h1>
<p>The farmers of the upper valley began to bring in the wheat this week, almost a month later than usual, after a cold and wet spring.</p>
<p>Most of them said that the grain was good, but that the rain had kept the machines out of the fields for days at a time.</p>
</article><footer>Copyright The Valley Courier</footer></body></html>
HTML
# windows-1251, declared in a meta
python3 -c '
import sys
page = ("<html><head><meta charset=\"windows-1251\"><title>Новости</title></head><body><p>"
        "В городе открыли новый мост через реку, и по нему уже идут люди и машины.</p></body></html>\n")
sys.stdout.buffer.write(page.encode("cp1251"))
' > p3.html
for i in 4 5 6 7; do sed "s/bridge/bridge $i/g; s/river/river $i/g" "$DATA/page.html" > p$i.html; done
python3 "$MKWARC" --extra --zstd crawl.warc.gz p1.html p2.html p3.html p4.html p5.html p6.html p7.html ||
    fail "mkwarc.py"
"$WINNOW" --from=html --to=text -n --template-pages=0 p1.html p2.html p3.html p4.html p5.html p6.html p7.html > html.txt ||
    fail "--from=html exit $?"
"$WINNOW" --to=text -n --template-pages=0 --stats=ws.json crawl.warc.gz > warc.txt || fail "WARC exit $?"
same html.txt warc.txt
grep -q "В городе открыли новый мост" warc.txt || fail "windows-1251 page: $(cat warc.txt)"
for k in '"documents_in":7' '"warc_records_without_text":19' '"request":7' '"metadata":7' \
    '"revisit":1' '"warcinfo":1' '"status_not_2xx":1' '"not_text":1' '"content_encoding":1'; do
	grep -qF "$k" ws.json || fail "stats: $k not in $(cat ws.json)"
done
# page by page, in JSON Lines: id, url and crawl date from the WARC head
"$WINNOW" -n --template-pages=0 --date=2026-11-05 crawl.warc.gz > warc.jsonl || fail "WARC jsonl"
grep -qF '"id":"<urn:uuid:00000000-0000-0000-0000-000000000002>"' warc.jsonl || fail "id: $(head -c 300 warc.jsonl)"
grep -qF '"url":"https://site.test/2.html"' warc.jsonl || fail "url"
grep -qF '"date":"2024-05-03T10:00:00Z"' warc.jsonl || fail "date"
grep -qF '"title":"Harvest report"' warc.jsonl || fail "title"
# WARC/1.1, records not compressed, and fed a byte at a time: the same
python3 "$MKWARC" --plain --version=1.1 --zstd crawl11.warc p1.html p2.html p3.html p4.html p5.html p6.html p7.html ||
    fail "mkwarc.py 1.1"
"$TRICKLE" 1 < crawl11.warc | "$WINNOW" --to=text -n --template-pages=0 > warc11.txt || fail "1.1 exit $?"
same html.txt warc11.txt
# --threads does not change it
"$WINNOW" --to=text -n --template-pages=0 --threads=1 crawl.warc.gz > warc1.txt || fail "1 thread"
same html.txt warc1.txt

# bad records: the message and exit 65, the records around kept
python3 - <<'PY' || fail "making bad.warc"
def rec(n, block, wtype=b"response"):
    return (b"WARC/1.0\r\nWARC-Type: " + wtype + b"\r\nWARC-Record-ID: <urn:%d>\r\n" % n +
            b"Content-Type: application/http; msgtype=response\r\n" +
            b"Content-Length: %d\r\n\r\n" % len(block) + block + b"\r\n\r\n")
ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>A good page between bad ones, with enough words to be kept as text.</p>"
with open("bad.warc", "wb") as f:
    f.write(rec(1, ok))
    f.write(rec(2, b"garbage, not a response"))
    f.write(rec(3, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xff\xff\xff\xff"))
    f.write(rec(4, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX5\r\nworld\r\n0\r\n\r\n"))
    f.write(rec(5, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 9"))
    f.write(rec(6, ok.replace(b"A good", b"Another good")))
PY
"$WINNOW" --to=text -n bad.warc > bad.txt 2> bad.err
[ $? -eq 65 ] || fail "bad records: exit 65 expected"
cat > bad.want <<'ERR'
winnow: bad.warc:12: response record without an HTTP status line: skipped
winnow: bad.warc:20: response record: corrupt gzip Content-Encoding: skipped
winnow: bad.warc:32: response record: chunked body: no line end after a chunk at byte 9: skipped
winnow: bad.warc:49: response record whose HTTP head has no end: skipped
ERR
same bad.want bad.err
[ "$(grep -c 'good page between bad ones' bad.txt)" -eq 2 ] || fail "good records lost: $(cat bad.txt)"
# a body that decodes past --max-record is refused, not held
python3 -c '
import gzip, sys
body = gzip.compress(b"<p>" + b"a" * 3000000 + b"</p>")
block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + body
sys.stdout.buffer.write(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: %d\r\n\r\n" % len(block) + block + b"\r\n\r\n")
' > bomb.warc
"$WINNOW" --to=text -n --max-record=1M bomb.warc > /dev/null 2> bomb.err
[ $? -eq 65 ] || fail "bomb: exit 65 expected"
grep -qF "bomb.warc:1: response record: decoded body longer than --max-record=1048576 bytes: skipped" bomb.err ||
    fail "bomb: $(cat bomb.err)"
exit 0
