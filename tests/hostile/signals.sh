#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# Signals and the commit (issue 20): a signal while the run reads ends it
# with the signal and commits nothing (no -o file, no temporary file, the
# old state); one that comes while the state and the output are put in
# place waits, and the run's exit status says it is complete.  On
# 749286c the second case died with 143 with the new state in place.
. "${srcdir:-.}/tests/cli/lib.sh"
need python3
[ "${WINNOW_VALGRIND:-0}" = 1 ] && skip "signals are timed, not for valgrind"
W="$WINNOW --no-compress --keep-boilerplate"
cases=0

printf 'Yesterday this paragraph was news to everyone here.\n' > old.txt
printf 'Today this one is, and it must be delivered once.\n' > new.txt
$W --state=s old.txt > /dev/null || fail "the first day"
cp s s.keep

# SIGTERM and SIGHUP while reading a slow pipe: ended by the signal
for sig in TERM:15 HUP:1; do
	num=${sig#*:}
	sig=${sig%:*}
	cases=$((cases + 1))
	rm -f out.jsonl
	( cat new.txt; sleep 3 ) | $W --state=s -o out.jsonl - &
	pid=$!
	sleep 0.5
	kill -$sig $pid
	wait $pid
	st=$?
	want=$((128 + num))
	[ $st -eq $want ] || fail "SIG$sig while reading: exit $st, expected $want"
	[ -e out.jsonl ] && fail "SIG$sig while reading: -o was made"
	ls -a | grep -q '^\.out\.jsonl\.' && fail "SIG$sig: a temporary file was left"
	cmp -s s s.keep || fail "SIG$sig while reading: the state changed"
done

# SIGTERM while the state is renamed into place (the run stopped for 5 s
# right after the rename, long enough for a loaded machine to send the
# signal inside it): the run completes and says so, exit 0
if command -v strace > /dev/null 2>&1 && strace -o /dev/null true 2> /dev/null; then
	cases=$((cases + 1))
	rm -f out.jsonl
	# (LeakSanitizer cannot run under ptrace: off for this run)
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    strace -f -o /dev/null -e trace=rename \
	    -e inject=rename:delay_exit=5000000:when=2 \
	    $W --state=s -o out.jsonl new.txt 2> err &
	spid=$!
	wpid=
	for i in $(seq 50); do
		wpid=$(pgrep -P $spid) && break
		sleep 0.05
	done
	[ -n "$wpid" ] || fail "no winnow under strace"
	# wait for the first rename (the output) to have happened
	for i in $(seq 100); do
		[ -e out.jsonl ] && break
		sleep 0.05
	done
	sleep 0.3
	kill -TERM $wpid
	wait $spid
	st=$?
	[ $st -eq 0 ] || fail "SIGTERM at the commit: exit $st: $(cat err)"
	grep -q "came while the run was committing" err || fail "no message: $(cat err)"
	grep -q "delivered once" out.jsonl || fail "SIGTERM at the commit: output"
	cmp -s s s.keep && fail "SIGTERM at the commit: the state was not committed"
	# and the state is the new day's: the record is not emitted again
	$W --state=s new.txt > again.jsonl || fail "after the commit"
	[ -s again.jsonl ] && fail "the committed day was emitted again"
else
	echo "strace cannot trace here: the commit case is skipped" >&2
fi
echo "signal cases: $cases passed"
exit 0
