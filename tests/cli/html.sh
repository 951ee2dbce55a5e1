#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# HTML input: a page written for this test (tests/data/page.html) loses
# its header, navigation, share bar, caption, newsletter box, related
# links, comments and footer, and keeps its article; auto-detection,
# charsets, metadata, chunking and --max-record.
. "${srcdir:-.}/tests/cli/lib.sh"
P="$DATA/page.html"

cat > want.txt <<'TXT'
Residents of the river town voted on Sunday to rebuild the stone bridge that has carried traffic across the water since 1870, after a campaign that lasted most of the year.
The council had proposed a new concrete crossing further downstream, but the plan was rejected by a clear majority of the people who took part in the vote.
What happens next
Engineers will now survey the old piers, and the work is expected to begin in the spring, when the water level in the river is at its lowest.
The mayor said that the town would keep the footpath open for as long as it was safe to do so, and that a ferry would run while the bridge was closed.
TXT
"$WINNOW" --from=html --to=text --no-compress "$P" > got.txt || fail "exit $?"
same want.txt got.txt
# auto-detected from the doctype
"$WINNOW" --to=text --no-compress < "$P" > auto.txt || fail "auto exit $?"
same want.txt auto.txt
# the same bytes fed one at a time
"$TRICKLE" 1 < "$P" | "$WINNOW" --to=text --no-compress > t1.txt || fail trickle
same want.txt t1.txt
# a first read of five bytes still sees the doctype (the format is
# sniffed from the first 4 KiB, not from the first read)
{ head -c 5 "$P"; sleep 0.3; tail -c +6 "$P"; } | "$WINNOW" --to=text --no-compress > slow.txt ||
    fail "slow start"
same want.txt slow.txt

# JSONL record: canonical URL and headline as metadata (<title> less the
# site's name); the <h1> that is the headline leaves the text
"$WINNOW" --no-compress "$P" > page.jsonl || fail "jsonl exit $?"
grep -qF '"url":"https://courier.example/2026/11/bridge-vote"' page.jsonl || fail "url: $(cat page.jsonl)"
grep -qF '"title":"River town votes to rebuild its old bridge",' page.jsonl ||
    fail "title: $(cat page.jsonl)"
grep -qF '"text":"River town votes' page.jsonl && fail "headline left in the text"

# every removal has its rule
"$WINNOW" --no-compress --rejects=rejects.jsonl "$P" > /dev/null || fail "rejects run"
# (the <h1> is the headline: not a paragraph of the text)
[ "$(wc -l < rejects.jsonl)" -eq 16 ] || fail "16 rejects expected: $(wc -l < rejects.jsonl)"
for r in page_structure fragment; do
	grep -q "\"rule\":\"$r\"" rejects.jsonl || fail "no $r in rejects"
done
# the byline is chrome by its class name; named otherwise, the same line
# is outside the main text (the article's box, entry-content)
grep -q '"rule":"page_structure","text":"By A. Reporter' rejects.jsonl ||
    fail "the byline is not removed as page structure"
sed 's/class="byline"/class="dateline"/' "$P" > dateline.html
"$WINNOW" --no-compress --rejects=rejects2.jsonl dateline.html > /dev/null ||
    fail "rejects run (dateline)"
grep -q '"rule":"outside_main_text","text":"By A. Reporter' rejects2.jsonl ||
    fail "the dateline is not removed as outside the main text"
grep -q '"rule":"page_structure","text":"I walked across that bridge' rejects.jsonl ||
    fail "the comment is not removed as page structure"
# --keep-boilerplate keeps every block (but the headline, in metadata)
"$WINNOW" --keep-boilerplate --from=html --to=text --no-compress "$P" > all.txt
[ "$(wc -l < all.txt)" -eq 21 ] || fail "21 blocks expected: $(wc -l < all.txt)"
grep -q "<p>not text</p>" all.txt && fail "script text leaked"

# ISO-8859-1, declared in <meta>: decoded
sed 's/charset="utf-8"/charset="iso-8859-1"/; s/the stone bridge/the stone bridge, très ancien,/; s/&copy;//' "$P" |
    iconv -f UTF-8 -t ISO-8859-1 > latin1.html || skip "no iconv"
"$WINNOW" --from=html --to=text --no-compress latin1.html > latin1.txt || fail "latin1 exit"
grep -q "the stone bridge, très ancien, that" latin1.txt || fail "latin1: $(head -1 latin1.txt)"

# a page over --max-record is reported and skipped, exit 65
"$WINNOW" --from=html --no-compress --max-record=1K "$P" > big.out 2> err
s=$?
[ $s -eq 65 ] || fail "--max-record exit $s"
grep -q "page longer than --max-record" err || fail "message: $(cat err)"
[ -s big.out ] && fail "output from a skipped page"
exit 0
