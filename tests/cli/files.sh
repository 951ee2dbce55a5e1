#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# Many files (issue 21): directories as FILE, walked in byte order of
# their names; --files-from, one name a line or NUL-separated (--null),
# from a file or standard input; a run over 60,000 files is one stream
# (one dedup), however its inputs were named.
. "${srcdir:-.}/tests/cli/lib.sh"

# the order: entries by their bytes, each directory in its place; a
# FIFO and a link to a directory under a walked directory are left out
mkdir -p tree/a tree/sub/deeper
n=0
for f in tree/b.txt tree/a/x.txt tree/a.txt tree/B.txt tree/sub/deeper/y.txt tree/_.txt; do
	n=$((n + 1))
	echo "Document number $n, from one of the files under the tree." > "$f"
done
mkfifo tree/fifo
ln -s ../tree tree/a/loop
"$WINNOW" --to=text -n --keep-boilerplate tree > order.txt || fail "tree: exit $?"
first=1
for k in 4 6 2 3 1 5; do
	[ -n "$first" ] || printf '\f\n'
	first=
	echo "Document number $k, from one of the files under the tree."
done > order.want
same order.want order.txt
# the same names listed, given as operands, from standard input, NUL-separated
printf 'tree/B.txt\ntree/_.txt\ntree/a/x.txt\n\ntree/a.txt\ntree/b.txt\ntree/sub\n' > list.txt
"$WINNOW" --to=text -n --keep-boilerplate --files-from=list.txt > l1.txt || fail "list: exit $?"
same order.want l1.txt
"$WINNOW" --to=text -n --keep-boilerplate --files-from=- < list.txt > l2.txt || fail "stdin list: exit $?"
same order.want l2.txt
tr '\n' '\0' < list.txt | "$WINNOW" --to=text -n --keep-boilerplate --files-from=- --null > l3.txt ||
    fail "--null: exit $?"
same order.want l3.txt
# operands first, then the list
printf 'tree/sub\n' > sub.list
"$WINNOW" --to=text -n --keep-boilerplate --files-from=sub.list tree/B.txt tree/_.txt tree/a tree/a.txt tree/b.txt > l4.txt ||
    fail "operands and list: exit $?"
same order.want l4.txt

# a name in the list that is missing: 66, the others read
printf 'tree/B.txt\nnot-there.txt\n' > miss.list
"$WINNOW" --to=text -n --files-from=miss.list > miss.txt 2> miss.err
[ $? -eq 66 ] || fail "missing listed file: exit 66 expected"
grep -qF "winnow: not-there.txt: No such file or directory" miss.err || fail "$(cat miss.err)"
grep -q "Document number 4" miss.txt || fail "the file before it was not read"
# the list itself missing: 66, nothing read or written
"$WINNOW" -n --files-from=no.list -o out.jsonl > /dev/null 2> nolist.err
[ $? -eq 66 ] || fail "missing list: exit 66 expected"
grep -qF "winnow: no.list: cannot read the list of files: No such file or directory" nolist.err ||
    fail "$(cat nolist.err)"
[ -e out.jsonl ] && fail "output made without a list"
# usage: --null alone, standard input twice
"$WINNOW" --null tree 2> u1.err
[ $? -eq 64 ] || fail "--null alone: exit 64 expected"
grep -qF "winnow: --null goes with --files-from" u1.err || fail "$(cat u1.err)"
"$WINNOW" --files-from=- - < list.txt 2> u2.err
[ $? -eq 64 ] || fail "stdin twice: exit 64 expected"
grep -qF "standard input cannot be both --files-from=- and an input" u2.err || fail "$(cat u2.err)"
# an unreadable directory (not as root: root reads it anyway)
if [ "$(id -u)" != 0 ]; then
	mkdir locked && chmod 000 locked
	"$WINNOW" -n tree/B.txt locked > /dev/null 2> locked.err
	[ $? -eq 66 ] || fail "unreadable directory: exit 66 expected"
	grep -qF "winnow: locked: cannot read the directory: Permission denied" locked.err || fail "$(cat locked.err)"
	chmod 755 locked
fi

# 60,000 files (more than an argument list holds), fewer under valgrind:
# one stream, so the paragraph every file ends with is kept once
count=60000
[ "${WINNOW_VALGRIND:-0}" = 1 ] && count=2000
mkdir many
awk -v n=$count 'BEGIN { for (i = 0; i < n; i++) printf "Page %d says something of its own today, in its own words.\nThe same closing paragraph is on every one of these pages.\n", i }' > many.txt
(cd many && split -l 2 -a 5 -d ../many.txt p.) || fail "split"
rm many.txt
start=$(date +%s)
"$WINNOW" --to=text -n --keep-boilerplate --stats=many.json many > many.out || fail "many: exit $?"
echo "$count files: $(($(date +%s) - start)) s"
grep -qF "\"inputs\":$count," many.json || fail "inputs: $(cat many.json)"
grep -qF "\"documents_in\":$count," many.json || fail "documents: $(cat many.json)"
[ "$(grep -c 'same closing paragraph' many.out)" -eq 1 ] || fail "the shared paragraph must be kept once"
head -1 many.out | grep -q "^Page 0 says" || fail "first: $(head -1 many.out)"
# the same files listed in another order give that order
(cd many && ls) | sort -r | sed 's|^|many/|' > many.list
"$WINNOW" --to=text -n --keep-boilerplate --files-from=many.list > many-r.out || fail "many list: exit $?"
head -1 many-r.out | grep -q "^Page $((count - 1)) says" || fail "listed order: $(head -1 many-r.out)"
exit 0
