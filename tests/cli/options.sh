#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# The command line: --help, --version, usage errors, exit codes and the
# error message format of winnow(1).
. "${srcdir:-.}/tests/cli/lib.sh"

"$WINNOW" --help > help.txt 2> err.txt || fail "--help exited $?"
grep -q "^Usage: winnow \[OPTION\]... \[FILE\]..." help.txt || fail "--help text"
[ -s err.txt ] && fail "--help wrote to stderr"
"$WINNOW" --version > v.txt || fail "--version"
grep -q "^winnow [0-9]" v.txt || fail "--version text"

for bad in --bogus "--from=xml" "--to=csv" "--level=0" "--level=99" \
    "--max-record=0" "--max-record=12Q" "--text-field=" "--id-field=text"; do
	"$WINNOW" $bad < /dev/null > out 2> err
	s=$?
	[ $s -eq 64 ] || fail "$bad exited $s, expected 64"
	grep -q "Try 'winnow --help'" err || fail "$bad: no hint: $(cat err)"
done

# missing input: message with the name, exit 66, other inputs still read
echo "This is the kept text of a short test document, in one sentence." > good.txt
"$WINNOW" --no-compress nonexistent good.txt > out 2> err
s=$?
[ $s -eq 66 ] || fail "missing file exited $s"
grep -q "^winnow: nonexistent: No such file or directory$" err || fail "message: $(cat err)"
grep -q "kept text" out || fail "the good input was not written"
# a directory stands for the files under it (tests/cli/files.sh)
mkdir adir
cp good.txt adir/
"$WINNOW" --no-compress adir > dir.out 2>&1 || fail "directory: exit $?"
grep -q "kept text" dir.out || fail "the file in the directory was not read"

# output errors: exit 74
if [ -w /dev/full ]; then
	"$WINNOW" --no-compress good.txt > /dev/full 2> err
	s=$?
	[ $s -eq 74 ] || fail "/dev/full exited $s"
	grep -q "write error: No space left on device" err || fail "$(cat err)"
	"$WINNOW" good.txt > /dev/full 2> err
	[ $? -eq 74 ] || fail "/dev/full (compressed) must exit 74"
fi
# a reader that goes away: exit 74, not a silent death
yes "A line of text that keeps coming, number" | head -n 200000 | nl > many.txt
"$WINNOW" --no-compress many.txt 2> err | head -c 100 > /dev/null
# (the pipeline's status is head's; run again to read winnow's)
( "$WINNOW" --no-compress many.txt 2> err; echo $? > status ) | head -c 100 > /dev/null
[ "$(cat status)" -eq 74 ] || fail "broken pipe exited $(cat status)"
grep -q "Broken pipe" err || fail "broken pipe message: $(cat err)"

# -o: output to a file; a directory that cannot hold it: exit 73
"$WINNOW" -o o.zst good.txt || fail "-o"
"$WINNOW" --no-compress < o.zst | grep -q "kept text" || fail "-o content"
expect_status 73 "$WINNOW" -o nodir/x.zst good.txt 2> /dev/null

# --stats: one JSON object with the counters
"$WINNOW" --no-compress --stats good.txt good.txt > /dev/null 2> stats.json || fail stats
grep -q '"documents_in":2,"documents_out":1' stats.json || fail "stats: $(cat stats.json)"
grep -q '"documents_all_duplicate":1' stats.json || fail "stats reason"
if command -v jq >/dev/null 2>&1; then
	jq -e '.paragraphs_in == 2 and .paragraphs_out == 1' stats.json > /dev/null ||
	    fail "stats values"
fi
expect_status 73 "$WINNOW" --no-compress --stats=nodir/s.json good.txt > /dev/null 2>&1

# compressed output is never written to a terminal
if command -v script >/dev/null 2>&1; then
	script -qec "$WINNOW good.txt" /dev/null > tty.txt 2>&1
	grep -q "refusing to write compressed data to a terminal" tty.txt ||
	    fail "terminal refusal: $(cat tty.txt)"
fi
exit 0
