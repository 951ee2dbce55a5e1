#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# Pathological sizes (issue 20), each under a CPU-time and an address-
# space limit ten times what it needs, so that quadratic time or memory
# per paragraph fails it: a long run of combining marks, one long line,
# a document of a million tiny paragraphs, a sparse state file.  On
# 749286c they took 73 s, 8.7 s, 207 MiB and 1 GiB of memory.
. "${srcdir:-.}/tests/cli/lib.sh"
need python3
if [ "${WINNOW_VALGRIND:-0}" = 1 ] || grep -q __asan_init "$WINNOW" 2> /dev/null ||
    grep -q __tsan_init "$WINNOW" 2> /dev/null; then
	skip "limits of time and memory are not for valgrind or sanitizers"
fi
W="$WINNOW --no-compress"
cases=0

# limited CPU_SECONDS KIB -- COMMAND...: run under the limits; fail on a
# signal (time) or on a refusal to allocate (memory)
limited() {
	secs=$1 kib=$2
	shift 3
	cases=$((cases + 1))
	sh -c "ulimit -t $secs; ulimit -v $kib; exec \"\$@\"" sh "$@" > out 2> err
	st=$?
	[ $st -lt 128 ] || fail "$*: killed by signal $((st - 128)) (over $secs s of CPU?)"
	return $st
}

# 160,000 alternating combining marks (320 KB) in one word: 0.03 s now
python3 -c "import sys; sys.stdout.write('a' + '\u0301\u0316' * 80000 + '\n')" > marks.txt
limited 3 1048576 -- $W --keep-boilerplate marks.txt || fail "marks: exit $?"
python3 -c "import sys; sys.stdout.write('<p>x' + '\u0301\u0316' * 80000 + '</p>\n')" > marks.html
limited 3 1048576 -- $W marks.html || fail "marks.html: exit $?"

# one 100 MB line: 0.5 s of CPU now (7.4 s on 749286c for 200 MB)
head -c 100000000 /dev/zero | tr '\0' 'a' > line.txt
limited 10 2097152 -- $W --keep-boilerplate line.txt || fail "line: exit $?"
rm -f line.txt

# a million 8-byte paragraphs in one document (8 MB): 30 MiB now, so
# 256 MiB of address space is ample (207 MiB of RSS on 749286c)
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "w%06d\n", i }' > tiny.txt
limited 20 262144 -- $W --threads=1 tiny.txt || fail "tiny paragraphs: exit $?"
limited 20 393216 -- $W --threads=1 --keep-boilerplate tiny.txt ||
    fail "tiny paragraphs, boilerplate kept: exit $?"
[ "$(wc -l < out)" -eq 1 ] || fail "tiny paragraphs: one record expected"

# a state file of 1 GiB (sparse) whose header counts one entry: refused
# before it is read (256 MiB of address space could not map it)
$W --keep-boilerplate --state=big.state marks.txt > /dev/null || fail "state"
truncate -s 1G big.state
limited 5 262144 -- $W --state=big.state marks.txt
st=$?
[ $st -eq 65 ] || fail "sparse state: exit $st: $(cat err)"
grep -q "corrupt state file" err || fail "sparse state: $(cat err)"
echo "size cases: $cases passed"
exit 0
