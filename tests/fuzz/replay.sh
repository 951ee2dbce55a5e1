#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# Replay every fuzz target's seed corpus and regression inputs (the
# inputs that once crashed it) through the target's checks.
: "${srcdir:=.}"
: "${builddir:=.}"
status=0
for t in text jsonl warc html normalize state pipeline; do
	dirs="$srcdir/tests/fuzz/corpus/$t"
	[ -d "$srcdir/tests/fuzz/regress/$t" ] && dirs="$dirs $srcdir/tests/fuzz/regress/$t"
	"$builddir/tests/fuzz/replay_$t" $dirs || status=1
done
exit $status
