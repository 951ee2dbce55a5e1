#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# The environment around the input (issue 20): closed descriptors,
# outputs that are inputs, files that exist, symbolic links and FIFOs
# where the state and its temporary files go, modes, control bytes in
# names, and the cron contract: nothing is committed (state or -o) unless
# every input was read and every output written.  Each case failed on
# 749286c.
. "${srcdir:-.}/tests/cli/lib.sh"
need zstd
W="$WINNOW --no-compress --keep-boilerplate"
cases=0
case_() { cases=$((cases + 1)); }

printf 'First article, a sentence of its own here.\n' > a.txt
printf 'Second article, with other words in it.\n' > b.txt
printf '{"id":1,"text":"one record"}\n' > in.jsonl
cp in.jsonl in.keep

# --- closed standard descriptors --------------------------------------
# stdout closed with --state: the lock must not take fd 1 (records went
# into FILE.lock, exit 0, the state updated)
case_
$W --state=s1 a.txt >&- 2> err
st=$?
[ $st -eq 73 ] || fail "stdout closed: exit $st"
grep -q "standard output is closed" err || fail "stdout closed: $(cat err)"
[ -e s1 ] && fail "stdout closed: the state was written"
[ -s s1.lock ] && fail "stdout closed: records went into the lock file"
# ... but with -o, stdout is not needed
case_
$W -o o1.jsonl a.txt >&- || fail "stdout closed with -o: exit $?"
grep -q "First article" o1.jsonl || fail "stdout closed with -o: no records"
# stdin closed: the lock must not be read as input
case_
$W --state=s2 <&- > out 2> err
st=$?
[ $st -eq 66 ] || fail "stdin closed: exit $st"
[ -e s2 ] && fail "stdin closed: the state was written"
case_
$W --state=s2b a.txt <&- > out || fail "stdin closed, a FILE given: exit $?"
# stderr closed: messages must not land in the output
if [ "${WINNOW_VALGRIND:-0}" != 1 ]; then	# valgrind needs stderr
	case_
	"$WINNOW" -o o2.zst --state=s3 a.txt missing.txt 2>&-
	st=$?
	[ $st -eq 64 ] || fail "stderr closed: exit $st"
	[ -e o2.zst ] && fail "stderr closed: output made"
fi

# --- outputs that destroy inputs ---------------------------------------
# any of many inputs (a directory of 300 files), the last one included
case_
mkdir many
for i in $(seq 100 399); do printf 'Text of file %s, a line.\n' $i > many/f$i.txt; done
cp many/f399.txt f399.keep
expect_status 64 $W --force -o many/f399.txt many 2> err
cmp -s many/f399.txt f399.keep || fail "-o over the 300th input: it was changed"
grep -q "is also" err || fail "-o over the 300th input: $(cat err)"
case_
expect_status 64 $W -o in.jsonl in.jsonl 2> err
cmp -s in.jsonl in.keep || fail "-o in in: the input was changed"
grep -q "in.jsonl: is also in.jsonl" err || fail "-o in in: $(cat err)"
case_
ln -s in.jsonl link.jsonl
expect_status 64 $W -o link.jsonl in.jsonl 2> /dev/null
cmp -s in.jsonl in.keep || fail "-o link-to-input: the input was changed"
case_
$W --state=st4 a.txt > /dev/null || fail "state st4"
cp st4 st4.keep
expect_status 64 $W --state=st4 -o st4 b.txt 2> /dev/null
cmp -s st4 st4.keep || fail "-o STATE: the state was changed"
case_
expect_status 64 $W --explain=in.jsonl in.jsonl 2> /dev/null
expect_status 64 $W --stats=in.jsonl in.jsonl 2> /dev/null
cmp -s in.jsonl in.keep || fail "--explain/--stats over the input"
case_
# a side file's name that hit a file of other content: not replaced
# without --force ("--explain keep.txt" with the input on stdin); an
# earlier run's own file, or an empty one, is
for opt in --explain --rejects --attributes --stats; do
	cp a.txt keep.txt
	expect_status 73 $W $opt=keep.txt < b.txt > /dev/null 2> err
	cmp -s keep.txt a.txt || fail "$opt keep.txt replaced a text file"
	grep -q "use --force" err || fail "$opt keep.txt: $(cat err)"
	rm -f side.out
	$W $opt=side.out a.txt > /dev/null || fail "$opt: first run"
	$W $opt=side.out b.txt > /dev/null || fail "$opt: an earlier run's file"
	: > side.out
	$W $opt=side.out a.txt > /dev/null || fail "$opt: an empty file"
	$W --force $opt=keep.txt < b.txt > /dev/null || fail "$opt --force"
	cmp -s keep.txt a.txt && fail "$opt --force: not replaced"
done
# the mistake itself: the option takes the input's name as its argument
cp a.txt keep.txt
expect_status 73 $W --explain keep.txt < b.txt > /dev/null 2> /dev/null
cmp -s keep.txt a.txt || fail "--explain keep.txt replaced the text file"
case_
cp in.jsonl app.jsonl
$W app.jsonl >> app.jsonl 2> err
st=$?
[ $st -eq 64 ] || fail "stdout appended to the input: exit $st"
cmp -s app.jsonl in.keep || fail "stdout appended to the input: changed"
# -o is not replaced without --force, is left alone by a run that
# refuses to start, and appears only when the run completes
case_
echo old > out.jsonl
expect_status 73 $W -o out.jsonl a.txt 2> err
grep -q "use --force" err || fail "existing -o: $(cat err)"
[ "$(cat out.jsonl)" = old ] || fail "existing -o was changed"
$W --force -o out.jsonl a.txt || fail "--force"
grep -q "First article" out.jsonl || fail "--force: not replaced"
case_
$W --state=lk a.txt > /dev/null
python3 -c '
import fcntl, os, sys, time
fd = os.open("lk.lock", os.O_RDWR)
fcntl.flock(fd, fcntl.LOCK_EX)
open("locked", "w").close()
time.sleep(3)' &
lockpid=$!
while [ ! -e locked ]; do sleep 0.05; done
echo old > o3.jsonl
expect_status 75 $W --force --state=lk -o o3.jsonl --stats=o3.stats b.txt 2> /dev/null
[ "$(cat o3.jsonl)" = old ] || fail "a run that refused to start changed -o"
[ -e o3.stats ] && fail "a run that refused to start made --stats"
kill $lockpid 2> /dev/null; wait $lockpid 2> /dev/null
ls -a | grep -q '^\.o3\.jsonl\.' && fail "a temporary file was left"
case_
expect_status 66 $W -o o4.jsonl a.txt missing.txt 2> /dev/null
[ -e o4.jsonl ] && fail "-o made by a run with a missing input"
ls -a | grep -q '^\.o4\.jsonl\.' && fail "a temporary file was left"
case_
$W -o - a.txt > dash.jsonl || fail "-o -"
grep -q "First article" dash.jsonl || fail "-o -: not standard output"
[ -e ./- ] && fail "-o -: a file named -"
case_
$W -o /dev/null a.txt || fail "-o /dev/null: exit $?"
[ -c /dev/null ] || fail "-o /dev/null replaced /dev/null"

# /dev/stdin, /dev/stdout and /dev/stderr are links (into /proc) that
# name a pipe, not a path: they are opened as the system follows them
case_
cat a.txt | $W /dev/stdin | grep -q "First article" || fail "/dev/stdin as an input"
$W --explain=/dev/stdout a.txt | grep -q '"decision"' || fail "--explain=/dev/stdout"
$W --stats=/dev/stderr a.txt 2>&1 > /dev/null | grep -q '"inputs"' ||
    fail "--stats=/dev/stderr"

# --- the cron contract -------------------------------------------------
# a missing input, an unwritable or a full --stats file: no state commit
case_
$W --state=c1 a.txt > /dev/null
cp c1 c1.keep
expect_status 66 $W --state=c1 b.txt missing.txt > /dev/null 2>&1
cmp -s c1 c1.keep || fail "state committed after a missing input (66)"
expect_status 73 $W --state=c1 --stats=nodir/s.json b.txt > /dev/null 2>&1
cmp -s c1 c1.keep || fail "state committed with --stats unwritable (73)"
if [ -w /dev/full ]; then
	expect_status 74 $W --state=c1 --stats=/dev/full b.txt > /dev/null 2>&1
	cmp -s c1 c1.keep || fail "state committed with --stats full (74)"
	expect_status 74 $W --state=c1 --explain=/dev/full b.txt > /dev/null 2>&1
	cmp -s c1 c1.keep || fail "state committed with --explain full (74)"
fi
$W --state=c1 b.txt > /dev/null || fail "the rerun"
cmp -s c1 c1.keep && fail "the rerun did not commit"

# --- symbolic links and FIFOs (winnow runs as root from cron) ----------
case_
echo precious > victim
$W --state=sl a.txt > /dev/null
ln -s "$T/victim" sl.tmp
$W --state=sl b.txt > /dev/null || fail "state with a planted FILE.tmp link"
[ "$(cat victim)" = precious ] || fail "the state's FILE.tmp link was followed"
case_
ln -s "$T/newfile" sl2.lock
expect_status 73 $W --state=sl2 a.txt > /dev/null 2> err
[ -e newfile ] && fail "a dangling FILE.lock link created its target"
grep -q "symbolic link" err || fail "FILE.lock link: $(cat err)"
case_
$W --state=real.state a.txt > /dev/null
ln -s real.state alias.state
$W --state=alias.state b.txt > /dev/null || fail "a state that is a link"
[ -L alias.state ] || fail "the state link was replaced by a regular file"
"$WINNOW" state info real.state > /dev/null || fail "the linked state"
case_
ln -s "$T/nothing-here" dangling.state
expect_status 65 $W --state=dangling.state a.txt > /dev/null 2> /dev/null
[ -e nothing-here ] && fail "a dangling state link created its target"
case_
# --scan and shard merge write through no planted FILE.tmp
ln -s "$T/victim" sc.scan.tmp
$W --scan=sc.scan a.txt || fail "--scan"
ln -s "$T/victim" sc.scan.prior.tmp
"$WINNOW" shard merge sc.scan || fail "shard merge"
[ "$(cat victim)" = precious ] || fail "--scan or shard merge wrote through a link"
[ -f sc.scan.prior ] && [ ! -L sc.scan.prior ] || fail "shard merge: no prior"
# a link another user planted (a scraper's directory, a shared /tmp) is
# never followed, for writing or reading: root's cron job would write
# where it points or publish what it points to.  Making a link owned by
# someone else needs root; as anyone else these cases are counted out.
if [ "$(id -u)" -eq 0 ]; then
	# their link as an output, a state, an input, a directory on the way
	case_
	ln -s "$T/victim" theirs.out
	ln -s "$T/victim" theirs.state
	ln -s "$T/victim" theirs.txt
	mkdir -p realdir && cp a.txt realdir/a.txt
	ln -s "$T/realdir" theirdir
	chown -h 4242:4242 theirs.out theirs.state theirs.txt theirdir
	for opt in --stats= --explain= --rejects= "-o "; do
		# shellcheck disable=SC2086
		expect_status 73 $W --force $opt"theirs.out" a.txt > /dev/null 2> err
		grep -q "owned by uid 4242" err || fail "$opt to their link: $(cat err)"
	done
	expect_status 65 $W --state=theirs.state a.txt > /dev/null 2> err
	grep -q "owned by uid 4242" err || fail "state their link: $(cat err)"
	[ "$(cat victim)" = precious ] || fail "wrote through another user's link"
	case_
	# read: the good input is still cleaned, the link is an input
	# that could not be opened (66) and nothing of victim is output
	expect_status 66 $W a.txt theirs.txt > out 2> err
	grep -q "First article" out || fail "their link cost the good input"
	grep -q precious out && fail "read through another user's link"
	grep -q "theirs.txt: a symbolic link owned by uid 4242" err ||
	    fail "input their link: $(cat err)"
	expect_status 66 $W theirdir/a.txt > out 2> err
	grep -q "theirdir is a symbolic link owned by uid 4242" err ||
	    fail "their directory link: $(cat err)"
	# a list of inputs through their link: not read
	printf '%s\n' "$T/a.txt" > biglist
	ln -s "$T/biglist" theirs.list
	chown -h 4242:4242 theirs.list
	expect_status 66 $W --files-from=theirs.list > out 2> err
	grep -q "theirs.list: cannot read the list of files: a symbolic link owned by uid 4242" err ||
	    fail "--files-from through their link: $(cat err)"
	[ -s out ] && fail "--files-from read through their link"
	$W --files-from=biglist > out || fail "--files-from of root's own file"
	grep -q "First article" out || fail "--files-from lost its input"
	# winnow report's stats files: the same
	$W --stats=good.stats a.txt > /dev/null || fail "stats for report"
	ln -s "$T/good.stats" theirs.stats
	chown -h 4242:4242 theirs.stats
	expect_status 66 $WINNOW report theirs.stats > out 2> err
	grep -q "theirs.stats: a symbolic link owned by uid 4242" err ||
	    fail "report through their link: $(cat err)"
	$WINNOW report good.stats > out || fail "report of root's own stats"
	case_
	# root's own links and the user's own are followed as before
	ln -s "$T/victim" rootlink.txt
	$W rootlink.txt > out || fail "root's own link as an input"
	grep -q precious out || fail "root's own link was not read"
fi
case_
# the state's directory removed while the run reads: the message says
# there is no old state left, not that it is kept
mkdir gone
$W --state=gone/s a.txt > /dev/null
rm -f gone/s.lock
( cat b.txt; sleep 2 ) | $W --state=gone/s - > /dev/null 2> err &
pid=$!
# once the run has made the state's lock (valgrind starts slowly)
for i in $(seq 100); do
	[ -e gone/s.lock ] && break
	sleep 0.05
done
sleep 0.2
rm -rf gone
wait $pid
st=$?
[ $st -eq 74 ] || fail "state directory removed: exit $st"
grep -q "there is none now" err || fail "state directory removed: $(cat err)"
grep -q "old one is kept" err && fail "state directory removed: said kept"
case_
mkfifo fifo.state
timeout 10 $W --state=fifo.state a.txt > /dev/null 2> err
st=$?
[ $st -eq 124 ] && fail "a FIFO as the state blocked the run"
[ $st -eq 65 ] || fail "a FIFO as the state: exit $st"
grep -q "regular file" err || fail "FIFO: $(cat err)"
case_
$W --state=mode.state a.txt > /dev/null
chmod 600 mode.state
(umask 022; $W --state=mode.state b.txt > /dev/null)
[ "$(stat -c %a mode.state)" = 600 ] || fail "the state's mode became $(stat -c %a mode.state)"

# --- control bytes in file names reach the terminal quoted -------------
case_
$W "$(printf 'bad\033[31mname\n.txt')" > /dev/null 2> err
grep -q "$(printf '\033')" err && fail "an escape byte reached stderr raw"
cat > want <<'EOF2'
winnow: 'bad'$'\033''[31mname'$'\n''.txt': No such file or directory
EOF2
grep -qxFf want err || fail "quoting: $(cat -v err)"

echo "environment cases: $cases passed"
exit 0
