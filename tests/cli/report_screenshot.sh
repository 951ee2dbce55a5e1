#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# The --report page and the trend page as a browser draws them: headless
# Chromium (Debian's chromium) takes a 1200x1600 screenshot of each, and
# pngstat.py (python3, no modules beyond its standard library) reads the
# pixels.  Each page is not blank (many colours, much not white), its
# summary is drawn (the navy header band with its title's light text,
# which a copy of the page with the summary hidden does not have), the
# report's reason bars and struck-through paragraphs have their colours,
# and the trend's chart lines theirs.  Skipped (77) when chromium is not
# installed.
. "${srcdir:-.}/tests/cli/lib.sh"
need python3
command -v chromium >/dev/null 2>&1 ||
    skip "chromium is not installed (apt-get install chromium): no screenshot"
PNGSTAT="$srcdir/tests/cli/pngstat.py"

# shot PNG PAGE [RRGGBB...]: the screenshot of PAGE (a file in $T), and
# what pngstat.py sees in it (PNG.txt)
shot() {
	png=$1 page=$2
	shift 2
	rm -f "$png"
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$T/chrome" --hide-scrollbars \
	    --screenshot="$T/$png" --window-size=1200,1600 "file://$T/$page" \
	    > chrome.log 2>&1
	[ -s "$png" ] || fail "no screenshot of $page: $(tail -3 chrome.log)"
	python3 "$PNGSTAT" "$png" "$@" > "$png.txt" 2> "$png.err" ||
	    fail "$png: $(cat "$png.err")"
}
# stat PNG NAME: a value pngstat.py printed (NAME a colour's hex: its pixels)
stat() {
	awk -v k="$2" '$1 == k { print int($2) }' "$1.txt"
}
# at_least PNG NAME MIN WHAT
at_least() {
	v=$(stat "$1" "$2")
	[ -n "$v" ] && [ "$v" -ge "$3" ] || fail "$1: $4 ($2 is ${v:-none}, below $3)"
}
# hide PAGE OUT CSS: a copy of PAGE with CSS added
hide() {
	sed "s|</head>|<style>$3</style></head>|" "$1" > "$2"
	grep -q "<style>$3</style>" "$2" || fail "could not make $2"
}

# the detector sees a blank page as blank
printf '<!DOCTYPE html><html><head><title>x</title></head><body></body></html>\n' > blank.html
shot blank.png blank.html
[ "$(stat blank.png colours)" -le 2 ] || fail "a blank page has $(stat blank.png colours) colours"
[ "$(stat blank.png nonwhite)" -eq 0 ] || fail "a blank page is not white"

# --- the report of the seeds ----------------------------------------------
"$WINNOW" --no-compress --report=seeds.html "$SEEDS"/0*.txt > /dev/null ||
    fail "--report run exited $?"
# kept bar, boilerplate bar
shot seeds.png seeds.html 22c55e 64748b
grep -q '^size 1200x1600$' seeds.png.txt ||
    fail "seeds.png: $(grep size seeds.png.txt)"
at_least seeds.png colours 50 "the page is blank or nearly"
at_least seeds.png nonwhite 5 "the page is mostly white"
at_least seeds.png header 80 "no summary header at the top"
at_least seeds.png headertext 200 "no title in the summary header"
at_least seeds.png 22c55e 500 "no 'kept' bar drawn"
at_least seeds.png 64748b 200 "no 'boilerplate' bar drawn"
# the same page with its summary hidden: no header band, another top
hide seeds.html nosum.html 'header,.cards{visibility:hidden}'
shot nosum.png nosum.html
[ "$(stat nosum.png header)" -lt 5 ] || fail "the hidden summary still shows"
[ "$(stat nosum.png headertext)" -eq 0 ] || fail "the hidden summary's title still shows"
[ "$(awk '$1 == "top" { print $2 }' nosum.png.txt)" != \
    "$(awk '$1 == "top" { print $2 }' seeds.png.txt)" ] ||
    fail "the top of the page is the same with the summary hidden"
# the documents alone (seed 004 and 002): struck-through paragraphs on
# their reasons' colours: boilerplate grey, near repeat yellow
hide seeds.html docs.html 'header,main>:not(section.doc),section.doc:not(#d5):not(#d3){display:none}'
shot docs.png docs.html e2e8f0 fef9c3 a16207
at_least docs.png nonwhite 10 "the documents are not drawn"
at_least docs.png e2e8f0 20000 "no paragraph on the boilerplate colour"
at_least docs.png fef9c3 5000 "no paragraph on the near repeat colour"
at_least docs.png a16207 300 "no near repeat text in its colour"

# --- the trend over a week ------------------------------------------------
for d in 1 2 3 4 5 6 7; do
	corpus day$d.jsonl $((30 + d)) 0.15
	"$WINNOW" --no-compress --state=w.state --date=2026-11-0$d \
	    --stats=day$d.json day$d.jsonl > /dev/null || fail "day $d"
done
"$WINNOW" report -o trend.html day*.json || fail "winnow report exited $?"
# the first two series' colours: documents in, documents out
shot trend.png trend.html 2563eb 16a34a
at_least trend.png colours 50 "the trend page is blank or nearly"
at_least trend.png nonwhite 5 "the trend page is mostly white"
at_least trend.png header 80 "no summary header on the trend page"
at_least trend.png headertext 200 "no title in the trend page's header"
at_least trend.png 2563eb 500 "no 'documents in' line drawn"
at_least trend.png 16a34a 500 "no 'documents out' line drawn"
hide trend.html trendnosum.html 'header{visibility:hidden}'
shot trendnosum.png trendnosum.html
[ "$(stat trendnosum.png header)" -lt 5 ] || fail "the trend's hidden summary still shows"
# without their SVG, the charts' colours are left only in their keys
hide trend.html nochart.html 'svg{display:none}'
shot nochart.png nochart.html 2563eb 16a34a
for c in 2563eb 16a34a; do
	[ "$(stat nochart.png $c)" -le "$(($(stat trend.png $c) - 400))" ] ||
	    fail "the $c pixels are not the charts' lines"
done
exit 0
