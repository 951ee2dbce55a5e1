#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# The data-driven command-line cases of tests/cli/cases/ (its README):
# each NAME.cmd run with NAME.in on standard input, its standard output,
# standard error and exit status compared with NAME.out, NAME.err and
# NAME.exit.  With --update NAME..., write those files instead.
. "${srcdir:-.}/tests/cli/lib.sh"
CASES="$srcdir/tests/cli/cases"
update=
if [ "${1:-}" = --update ]; then
	update=1
	shift
fi
mkdir bin
ln -s "$WINNOW" bin/winnow
n=0
for cmd in "$CASES"/*.cmd; do
	name=$(basename "$cmd" .cmd)
	if [ -n "$update" ] && [ $# -gt 0 ]; then
		case " $* " in *" $name "*) ;; *) continue ;; esac
	fi
	in=/dev/null
	[ -f "$CASES/$name.in" ] && in="$CASES/$name.in"
	DATA="$DATA" SEEDS="$SEEDS" PATH="$T/bin:$PATH" \
	    sh -c "$(cat "$cmd")" < "$in" > "$name.out" 2> "$name.err"
	echo $? > "$name.exit"
	n=$((n + 1))
	if [ -n "$update" ]; then
		cp "$name.out" "$CASES/$name.out"
		[ -s "$name.err" ] && cp "$name.err" "$CASES/$name.err"
		[ "$(cat "$name.exit")" != 0 ] && cp "$name.exit" "$CASES/$name.exit"
		continue
	fi
	want=0
	[ -f "$CASES/$name.exit" ] && want=$(cat "$CASES/$name.exit")
	[ "$(cat "$name.exit")" = "$want" ] ||
	    fail "$name: exit $(cat "$name.exit"), expected $want: $(head -c 300 "$name.err")"
	for k in out err; do
		[ -f "$CASES/$name.$k" ] || continue
		same "$CASES/$name.$k" "$name.$k"
	done
done
[ $n -gt 0 ] || fail "no cases in $CASES"
echo "$n cases"
exit 0
