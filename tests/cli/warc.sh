#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# WET/WARC: the real Common Crawl page; a wrong Content-Length
# resynchronises; gzip members are read in a row.
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
exit 0
