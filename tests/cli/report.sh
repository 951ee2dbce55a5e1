#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# --report=FILE.html and winnow report STATS...: the pages' structure.
# On the seeds, seed 004's second copy is struck through (its changed
# first line as a near repeat of its first paragraph), seed 002's link
# list as boilerplate, each removed paragraph with its reason; across
# documents a duplicate names the earlier document's id; every reason
# shows on a run that has them all; the page loads nothing and escapes
# the input.  The trend page over a week of daily runs has one chart per
# measure, the days in order, undated stats ordered by their file's
# date, and a broken day listed as a jump.  (The pages as a browser
# draws them: report_screenshot.sh.)
. "${srcdir:-.}/tests/cli/lib.sh"
need python3

# section FILE WORD: the <section> of the document whose heading holds WORD
section() {
	awk -v w="$2" '/^<section class="doc/ { on = index($0, w) > 0 }
	    on { print } /<\/section>/ { on = 0 }' "$1"
}

# loads_nothing FILE: no script, stylesheet, frame, image or font to
# fetch; every link within the page
loads_nothing() {
	grep -Eiq '<(script|link|iframe|img|object|embed|base)[ >/]' "$1" &&
	    fail "$1: an element that loads or runs something"
	# (the input's text is escaped: a "<" in the page starts a tag)
	grep -Eiq '<[^>]*[[:space:]](src|srcset|poster|data|action|formaction)=' "$1" &&
	    fail "$1: an attribute that loads something"
	sed -n '/<style>/,/<\/style>/p' "$1" | grep -Eiq '@import|url\(' &&
	    fail "$1: CSS that fetches"
	grep -Eiq '<style[^>]*>.*(@import|url\()' "$1" && fail "$1: CSS that fetches"
	grep -Eiq '<[^>]*style="[^"]*(url\(|image-set)' "$1" && fail "$1: a style that fetches"
	grep -Eo 'href="[^"]*"' "$1" | grep -v '^href="#' | head -1 | grep -q . &&
	    fail "$1: a link out of the page: $(grep -Eo 'href="[^"#][^"]*"' "$1" | head -1)"
	grep -q "Content-Security-Policy\" content=\"default-src 'none'" "$1" ||
	    fail "$1: no Content-Security-Policy forbidding fetches"
}

# --- the seeds --------------------------------------------------------
"$WINNOW" --no-compress --report=seeds.html "$SEEDS"/0*.txt > with.jsonl ||
    fail "seeds --report run exited $?"
"$WINNOW" --no-compress "$SEEDS"/0*.txt > plain.jsonl || fail "seeds run"
same plain.jsonl with.jsonl
[ -s seeds.html ] || fail "no report written"
head -c 15 seeds.html | grep -q '^<!DOCTYPE html>' || fail "not an HTML page"
tail -c 20 seeds.html | grep -q '</html>' || fail "the page is cut short"
loads_nothing seeds.html
# the summary: five documents in, the counts of --stats
"$WINNOW" --no-compress --stats=seeds.stats "$SEEDS"/0*.txt > /dev/null
pin=$(grep -o '"paragraphs_in":[0-9]*' seeds.stats | cut -d: -f2)
pout=$(grep -o '"paragraphs_out":[0-9]*' seeds.stats | cut -d: -f2)
grep -q "<b>5</b><span>documents in</span>" seeds.html || fail "summary: documents in"
grep -q "<b>$pin</b><span>paragraphs in</span>" seeds.html || fail "summary: paragraphs in"
grep -q "<b>$pout</b><span>paragraphs out</span>" seeds.html || fail "summary: paragraphs out"
# every reason has its bar, with its count
for r in repeated_in_document duplicate near_repeated_in_document \
    near_duplicate boilerplate site_template; do
	grep -q "<code>$r</code>" seeds.html || fail "summary: no bar for $r"
done
nb=$(grep -o '"paragraphs_boilerplate":[0-9]*' seeds.stats | cut -d: -f2)
grep -q "<code>boilerplate</code></td><td class=\"n\">$nb</td>" seeds.html ||
    fail "summary: boilerplate is not $nb"
# the documents that lost the most link down to them
grep -q '<h2 id="lost">' seeds.html || fail "no 'lost the most' table"
for d in $(sed -n '/<h2 id="lost">/,/<\/table>/p' seeds.html |
    grep -o 'href="#d[0-9]*"' | cut -d'#' -f2 | tr -d '"'); do
	grep -q "<section class=\"doc[^\"]*\" id=\"$d\">" seeds.html ||
	    fail "the link to $d leads nowhere"
done
sed -n '/<h2 id="lost">/,/<\/table>/p' seeds.html | grep -q 'href="#d5".*004_' ||
    fail "seed 004, which lost the most, is not linked from the summary"
# every document, in input order
[ "$(grep -c '^<section class="doc' seeds.html)" -eq 5 ] || fail "5 documents expected"
[ "$(grep -o '^<section class="doc[^>]*><h3><a href="#d[0-9]*">#[0-9]*</a> [^<]*' seeds.html |
    sed 's/.*seeds\///' | cut -c1-3 | tr '\n' ' ')" = "000 001 002 003 004 " ] ||
    fail "documents not in input order"
# each removed paragraph is struck through with its reason
n=$(grep -c '^<li class="r[0-9]"><del>' seeds.html)
[ "$n" -eq $((pin - pout)) ] || fail "$n paragraphs struck through, $((pin - pout)) removed"
[ "$(grep '^<li class="r[0-9]"><del>' seeds.html | grep -vc '</del><small>[a-z]')" -eq 0 ] ||
    fail "a struck paragraph without its reason"
[ "$(grep -c '^<li>' seeds.html)" -eq "$pout" ] || fail "kept paragraphs are not $pout"
# seed 004: its first copy kept (7 paragraphs), then the second copy
# struck through: its changed first line a near repeat of paragraph 1
section seeds.html 004_ > s004
[ "$(grep -c '^<li>' s004)" -eq 7 ] || fail "seed 004: 7 kept paragraphs expected"
grep -q '^<li class="r2"><del>Although European countries were not represented.*</del><small>near repeat in the document: .*nearly repeats ¶1</small>' s004 ||
    fail "seed 004's second copy: no near repeat of ¶1: $(grep Although s004 | head -1)"
awk '/^<li class="r2"><del>Although/ { on = 1 } on && /^<li>/ { bad = 1 }
    END { exit !on || bad }' s004 || fail "seed 004: a paragraph after its second copy began is kept"
grep -q '^<li class="r4"><del>Kerry was seeking a new path to peace' s004 ||
    fail "seed 004: the second copy's 'Kerry was seeking' is not struck through"
grep -q '^<li>Kerry was seeking a new path to peace' s004 ||
    fail "seed 004: the first copy's 'Kerry was seeking' is not kept"
grep -q '^<li class="r4"><del>Post a Comment</del><small>boilerplate: a known boilerplate phrase (boilerplate_phrase)' s004 ||
    fail "seed 004: 'Post a Comment' without its rule"
# seed 002: its link list struck through as boilerplate, the glued
# headlines with it, its article kept
section seeds.html 002_ > s002
for l in 'You might also like' 'Latest news'; do
	grep -q "^<li class=\"r4\"><del>$l</del><small>boilerplate: a known boilerplate phrase (boilerplate_phrase).*phrase <q>$(echo "$l" | tr A-Z a-z)</q>" s002 ||
	    fail "seed 002: '$l' not struck through as boilerplate"
done
grep -q '^<li class="r4"><del>Muslim World League.*Cultural Stairway.*</del><small>boilerplate: ' s002 ||
    fail "seed 002: the glued headline list not struck through"
[ "$(grep -c '^<li>' s002)" -eq 3 ] || fail "seed 002: 3 kept paragraphs expected"

# an existing page is replaced only with --force
expect_status 73 "$WINNOW" --no-compress --report=seeds.html "$SEEDS"/000*.txt > /dev/null 2> err
grep -q "use --force" err || fail "refusal: $(cat err)"
[ "$(grep -c '^<section class="doc' seeds.html)" -eq 5 ] || fail "the refused page changed"
expect_status 0 "$WINNOW" --no-compress --force --report=seeds.html "$SEEDS"/000*.txt > /dev/null
[ "$(grep -c '^<section class="doc' seeds.html)" -eq 1 ] || fail "--force did not replace it"
expect_status 64 "$WINNOW" --report= "$SEEDS"/000*.txt 2> /dev/null
expect_status 64 "$WINNOW" --report=- "$SEEDS"/000*.txt 2> /dev/null
expect_status 64 "$WINNOW" --scan=x.scan --report=r.html "$SEEDS"/000*.txt 2> /dev/null
"$WINNOW" --help | grep -q -- '--report=FILE' || fail "--help does not list --report"

# --- across documents, every reason, escaping ----------------------------
# the seeds as JSON Lines with ids and URLs, then: seed 000 again (a
# duplicate of the first record), seed 001 with a word changed in each
# paragraph (a near duplicate), one whose id and text hold markup, and a
# generated corpus whose six sites have templates; a line repeated in its
# document is boilerplate (a fragment) unless that is off, so the repeat
# is a run of its own with --keep-boilerplate
corpus gen.jsonl 7 0.5
python3 - "$SEEDS" > mixed.jsonl <<'EOF' || fail "making mixed.jsonl"
import glob, json, sys
seeds = sorted(glob.glob(sys.argv[1] + "/0*.txt"))
text = [open(f, encoding="utf-8").read() for f in seeds]
def rec(i, t):
    print(json.dumps({"id": i, "url": "https://seeds.example/" + i, "text": t}))
for k, t in enumerate(text):
    rec("seed-%03d" % k, t)
rec("copy-of-000", text[0])
near = "\n".join(" ".join(w if j != 3 else "Zanzibar" for j, w in
                          enumerate(p.split())) for p in text[1].split("\n"))
rec("near-001", near)
rec("<script>alert(1)</script>", "<b>bold</b> & <i>markup</i> in a line of text")
EOF
cat gen.jsonl >> mixed.jsonl
"$WINNOW" --no-compress --report=mixed.html mixed.jsonl > mixed.out 2> mixed.err ||
    fail "mixed run exited $?: $(cat mixed.err)"
loads_nothing mixed.html
grep -q '<p>All [0-9]* documents are shown' mixed.html || fail "mixed: not every document shown"
for r in 1 2 3 4 5; do
	grep -q "^<li class=\"r$r\"><del>" mixed.html || fail "no paragraph struck through as reason $r"
done
# the duplicate names the earlier document, its id and URL
section mixed.html copy-of-000 > copy
grep -q '^<li class="r1"><del>.*</del><small>duplicate; first in <a href="#d1">#1</a> <q>seed-000</q> (https://seeds.example/seed-000), ¶1</small>' copy ||
    fail "the duplicate does not name seed-000: $(grep '<small>' copy | head -1)"
[ "$(grep -c '^<li class="r1">' copy)" -eq "$(grep -c '^<li' copy)" ] ||
    fail "copy-of-000: a paragraph not struck through as a duplicate"
grep -q '<b>not written: every paragraph removed</b>' copy || fail "copy-of-000: not said dropped"
section mixed.html near-001 > near
grep -q '^<li class="r3"><del>.*Zanzibar.*</del><small>near duplicate: [0-9]* of [0-9]* fingerprints seen ([0-9]*%); like <a href="#d2">#2</a> <q>seed-001</q>' near ||
    fail "the near duplicate does not name seed-001: $(grep '<small>' near | head -1)"
l="The council met on Tuesday to vote on the new bridge over the river."
printf '{"id":"twice","text":"%s\\nA line of its own, about the market and the rain.\\n%s"}\n' "$l" "$l" > twice.jsonl
"$WINNOW" --no-compress --keep-boilerplate --report=twice.html twice.jsonl > /dev/null ||
    fail "the repeat's run"
grep -q '^<li class="r0"><del>The council met.*</del><small>repeated in the document; repeats ¶1</small>' twice.html ||
    fail "the repeat does not name its paragraph: $(grep '^<li' twice.html)"
grep -q '<tr class="set"><th>--boilerplate</th><td>off</td></tr>' twice.html ||
    fail "the options do not show --keep-boilerplate"
# site templates: by host, with counts; a struck line names its site
sed -n '/<h2 id="sites">/,/<\/table>/p' mixed.html > sites
grep -q '<td class="n">[0-9]' sites || fail "no site template lines counted"
grep -q '^<li class="r5"><del>.*</del><small>site template: on 3 or more pages of [a-z0-9.-]*</small>' mixed.html ||
    fail "a site-template paragraph does not name its site"
# markup from the input is escaped, in the id and the text
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' mixed.html || fail "the id is not escaped"
grep -q '&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;markup' mixed.html || fail "the text is not escaped"
# the report leaves the output as it is, with threads or not
"$WINNOW" --no-compress mixed.jsonl > mixed.plain
same mixed.plain mixed.out
"$WINNOW" --no-compress --threads=1 --force --report=mixed1.html mixed.jsonl > /dev/null
[ "$(grep -c '^<section class="doc' mixed1.html)" -eq "$(grep -c '^<section class="doc' mixed.html)" ] ||
    fail "--threads=1 shows other documents"

# --- a bigger run: a sample, the page bounded ----------------------------
corpus big.jsonl 3 12
"$WINNOW" --no-compress --report=big.html big.jsonl > /dev/null || fail "big run"
size=$(wc -c < big.html)
[ "$size" -lt 4500000 ] || fail "the page of a 12 MB run is $size bytes"
docs=$(grep -c '^<section class="doc' big.html)
[ "$docs" -le 220 ] && [ "$docs" -ge 100 ] || fail "$docs documents shown of a big run"
grep -q 'documents were read: more than a report shows (200' big.html ||
    fail "the page does not say it shows a sample"
# the sample depends on the input alone
"$WINNOW" --no-compress --threads=1 --report=big1.html big.jsonl > /dev/null
grep -o '^<section class="doc[^>]*>' big.html > ids
grep -o '^<section class="doc[^>]*>' big1.html > ids1
same ids ids1

# --- the trend: a week of daily runs --------------------------------------
# days 1-6 about the same size; day 7's scrape is broken (a tenth of it)
for d in 1 2 3 4 5 6 7; do
	mb=0.4
	[ $d -eq 7 ] && mb=0.04
	corpus day$d.jsonl $((20 + d)) $mb
	"$WINNOW" --no-compress --state=w.state --date=2026-11-0$d \
	    --stats=day$d.json day$d.jsonl > /dev/null || fail "day $d"
	grep -q "\"date\":\"2026-11-0$d\"" day$d.json || fail "day $d: no date in its stats"
	grep -q '"state":{"bytes":[0-9]*,"entries":[0-9]*' day$d.json ||
	    fail "day $d: no state in its stats"
done
# given out of order, the runs are put in order of their date
"$WINNOW" report -o trend.html day5.json day2.json day7.json day1.json \
    day4.json day6.json day3.json || fail "winnow report exited $?"
loads_nothing trend.html
grep -q '<p>7 runs from 7 stats files, 2026-11-01 to 2026-11-07</p>' trend.html ||
    fail "trend summary: $(grep -o '<p>[0-9]* runs[^<]*' trend.html)"
# one chart per measure, each over the seven days in order
for c in "Documents in and out" "Paragraphs in and out" \
    "Paragraphs removed, by reason" "Bad records skipped" "State entries" \
    "State file size" "State age" "Throughput"; do
	[ "$(grep -c "<svg [^>]*aria-label=\"$c\"" trend.html)" -eq 1 ] ||
	    fail "not one chart '$c'"
done
[ "$(grep -c '<svg ' trend.html)" -eq 8 ] || fail "not 8 charts"
week="2026-11-01 2026-11-02 2026-11-03 2026-11-04 2026-11-05 2026-11-06 2026-11-07 "
awk '/<svg / { n++ } /class="x">/ { sub(/.*class="x">/, ""); sub(/<.*/, "");
    d[n] = d[n] $0 " " } END { for (i = 1; i <= n; i++) print d[i] }' trend.html > xdays
[ "$(wc -l < xdays)" -eq 8 ] || fail "charts without dates"
[ "$(sort -u xdays)" = "$week" ] || fail "a chart's days: $(sort -u xdays | head -2)"
# the documents-in line has a point a day, with that day's count
for d in 1 2 3 4 5 6 7; do
	n=$(grep -o '"documents_in":[0-9]*' day$d.json | cut -d: -f2)
	grep -q "<title>2026-11-0$d: documents in $n</title>" trend.html ||
	grep -q "<title>2026-11-0$d: documents in $n (a jump)</title>" trend.html ||
	    fail "day $d: no point of its $n documents in"
done
# the runs' table in order; day 7's drop is a jump
[ "$(sed -n '/<h2 id="runs">/,/<\/table>/p' trend.html | grep -o '<td>2026-11-0[0-9]' |
    cut -c5- | tr '\n' ' ')" = "$week" ] || fail "the runs' table is not in date order"
grep -q '<li class="jump">2026-11-07: documents in [0-9]*, where the 6 runs before had' trend.html ||
    fail "day 7's drop is not a jump"
grep '<li class="jump">' trend.html | grep -q '2026-11-0[1-3]: documents' &&
    fail "a jump in documents before day 7"
# the state's age: day 1's entries were all seen that day
grep -q '<title>2026-11-01: seen today 100</title>' trend.html || fail "day 1's state age"

# stats of an earlier winnow have no date (nor state): dated by a
# YYYY-MM-DD in their name, else by their file's time
for d in 1 2 3 4 5 6 7; do
	sed -e 's/,"date":"[^"]*"//' -e 's/,"state":{[^}]*}[^}]*}//' day$d.json > old-2026-11-1$d.json
	grep -q '"date"\|"state"' old-2026-11-1$d.json && fail "could not make undated stats"
	cp old-2026-11-1$d.json mtime$d.json
	touch -d "2026-10-2$d 12:00 UTC" mtime$d.json
done
"$WINNOW" report -o old.html old-2026-11-17.json old-2026-11-13.json \
    old-2026-11-11.json old-2026-11-16.json old-2026-11-12.json \
    old-2026-11-15.json old-2026-11-14.json || fail "report of undated stats"
[ "$(sed -n '/<h2 id="runs">/,/<\/table>/p' old.html | grep -o '<td>2026-11-1[0-9] (from its file name)' |
    cut -c5-14 | tr '\n' ' ')" = "$(echo "$week" | sed 's/-0/-1/g')" ] ||
    fail "undated stats not ordered by their names' dates"
grep -q 'aria-label="State entries"' old.html && fail "a state chart without state"
"$WINNOW" report -o mtime.html mtime3.json mtime7.json mtime1.json mtime5.json \
    mtime2.json mtime6.json mtime4.json || fail "report of stats dated by file time"
[ "$(sed -n '/<h2 id="runs">/,/<\/table>/p' mtime.html | grep -o '<td>2026-10-2[0-9] (from its file&#39;s time)\|<td>2026-10-2[0-9] (from its file.s time)' |
    cut -c5-14 | tr '\n' ' ')" = "$(echo "$week" | sed 's/-11-0/-10-2/g')" ] ||
    fail "undated stats not ordered by their run (file) dates: $(grep -o '<td>2026-1[0-9-]*[^<]*' mtime.html | head -3)"
# a file that is not stats is named, left out, and the status says so
echo '{"hello":1}' > notstats.json
expect_status 65 "$WINNOW" report -o part.html day1.json notstats.json 2> err
grep -q 'notstats.json' err || fail "the refused file is not named: $(cat err)"
grep -q '<p>1 runs from 1 stats files' part.html || fail "the page of the others"
expect_status 66 "$WINNOW" report -o none.html nosuch.json 2> /dev/null
[ -e none.html ] && fail "a page made of nothing"
expect_status 64 "$WINNOW" report 2> /dev/null
expect_status 73 "$WINNOW" report -o trend.html day1.json 2> /dev/null
"$WINNOW" report day1.json day2.json > stdout.html || fail "report to standard output"
grep -q '<p>2 runs from 2 stats files' stdout.html || fail "the page on standard output"
exit 0
