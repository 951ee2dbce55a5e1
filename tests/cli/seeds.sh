#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# The five seed articles: duplicates inside and across them are removed,
# every unique paragraph survives, and the output is exactly the
# expected file (decompressed, as zstd's golden tests do).
. "${srcdir:-.}/tests/cli/lib.sh"
need zstd

"$WINNOW" "$SEEDS"/0*.txt > out.zst || fail "winnow exited $?"
zstd -q -t out.zst || fail "output is not a valid zstd frame"
zstd -dc out.zst > out.jsonl
[ "$(wc -l < out.jsonl)" -eq 5 ] || fail "expected 5 records"
if command -v jq >/dev/null 2>&1; then
	jq -c . out.jsonl > /dev/null || fail "a line is not JSON"
fi
"$WINNOW" --to=text --no-compress "$SEEDS"/0*.txt > out.txt || fail "text run"
same "$EXPECTED/seeds.txt" out.txt

# seed 004: its article is pasted again after the first copy; the
# repeated lines appear once
n=$(grep -c "Kerry was seeking a new path to peace" out.txt)
[ "$n" -eq 1 ] || fail "seed 004's repeated paragraph appears $n times"
# and its slightly different first line ("Although European countries...")
# is a near repeat of the first copy's
n=$(grep -c "European countries were not represented" out.txt)
[ "$n" -eq 1 ] || fail "seed 004's first paragraph appears $n times"
# with near matching off, exact matching keeps the variant line once
"$WINNOW" --near=0 --to=text --no-compress "$SEEDS"/004*.txt > exact.txt
n=$(grep -c "^Although European countries were not represented" exact.txt)
[ "$n" -eq 1 ] || fail "--near=0: the 'Although...' line appears $n times"
# the boilerplate is gone: seed 002's link-list headings, seed 003's
# photo credit and agency line, seed 004's comment widget
# seed 002's "Latest news" block, twenty headlines glued into one line,
# many cut short with "...", goes too
grep -q "Cultural Stairway" out.txt && fail "seed 002's glued headline list kept"
for line in "You might also like" "Latest news" "Photo by: AP (Archive )" \
    "TRTWorld and agencies" "No comments:" "Post a Comment"; do
	grep -qxF "$line" out.txt && fail "boilerplate kept: $line"
done
# with --keep-boilerplate, seed 003's doubled caption appears once
"$WINNOW" --keep-boilerplate --to=text --no-compress "$SEEDS"/003*.txt > keep.txt
n=$(grep -c "^Photo by: AP (Archive )$" keep.txt)
[ "$n" -eq 1 ] || fail "seed 003's caption appears $n times"

# --explain says why: seed 004's variant line is a near repeat
"$WINNOW" --no-compress --explain=explain.jsonl "$SEEDS"/004*.txt > /dev/null ||
    fail "--explain run"
grep -q '"decision":"removed","reason":"near_repeated_in_document".*"text":"Although European' explain.jsonl ||
    fail "--explain: $(head -c 300 explain.jsonl)"
[ "$(grep -c '"decision":"kept"' explain.jsonl)" -eq 7 ] || fail "--explain: 7 kept paragraphs expected"
grep -q '"reason":"boilerplate","rule":"boilerplate_phrase".*"phrase":"post a comment".*"text":"Post a Comment"' explain.jsonl ||
    fail "--explain: no phrase rule for 'Post a Comment'"
# --rejects lists exactly the removed paragraphs
"$WINNOW" --no-compress --rejects=rejects.jsonl "$SEEDS"/004*.txt > /dev/null ||
    fail "--rejects run"
[ "$(wc -l < rejects.jsonl)" -eq "$(grep -c '"decision":"removed"' explain.jsonl)" ] ||
    fail "--rejects and --explain disagree"
grep -q '"reason":"boilerplate","rule":"boilerplate_phrase","text":"No comments:"' rejects.jsonl ||
    fail "--rejects: $(head -c 300 rejects.jsonl)"

# nothing unique is lost: every line that occurs once in the seeds (after
# turning NBSP and runs of spaces into one space) is in the output of
# --keep-boilerplate, but for seed 004's near repeat; and every such line
# that is a sentence of article text (8 words or more, ending like a
# sentence, not titles cut short and glued together) is in the default
# output too.  A headline is in metadata.title, out of the text.
"$WINNOW" --keep-boilerplate --to=text --no-compress "$SEEDS"/0*.txt > keep.txt
"$WINNOW" --keep-boilerplate --no-compress "$SEEDS"/0*.txt |
    sed -n 's/.*"metadata":{"title":"\([^"]*\)".*/\1/p' > titles.txt
[ "$(wc -l < titles.txt)" -eq 2 ] || fail "two seeds start with a headline: $(cat titles.txt)"
cat titles.txt >> keep.txt
for f in "$SEEDS"/0*.txt; do
	sed 's/\xc2\xa0/ /g; s/  */ /g; s/^ //; s/ $//' "$f"
	echo
done | grep -v '^$' | sort | uniq -u > unique.txt
[ -s unique.txt ] || fail "no unique lines found in the seeds"
missing=$(grep -vxF -f keep.txt unique.txt | grep -v "^Although European countries" | head -5)
[ -z "$missing" ] || fail "unique lines lost: $missing"
grep -E '([^ ]+ +){7}.*[.!?"”]$' unique.txt |
    grep -vE '(\.\.\.|…) [A-Z].*(\.\.\.|…) [A-Z].*(\.\.\.|…) [A-Z]' > sentences.txt
[ "$(wc -l < sentences.txt)" -ge 35 ] || fail "too few article sentences found"
missing=$(grep -vxF -f out.txt sentences.txt | grep -v "^Although European countries" | head -5)
[ -z "$missing" ] || fail "article sentences lost: $missing"
exit 0
