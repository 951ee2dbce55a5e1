#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# The man pages are clean mdoc and document every option --help lists.
. "${srcdir:-.}/tests/cli/lib.sh"
need groff

for page in "$srcdir/man/winnow.1" "$srcdir/man/winnow.5"; do
	warnings=$(groff -mdoc -ww -z "$page" 2>&1)
	[ -z "$warnings" ] || fail "$page: $warnings"
done
"$WINNOW" --help | grep -o -- '--[a-z][a-z-]*' | sort -u > opts.txt
while read -r opt; do
	name=${opt#--}
	grep -q "^\.It Fl \(.* Fl \)\?-$name\b\|Fl -$name" "$srcdir/man/winnow.1" ||
	    fail "winnow.1 does not document $opt"
done < opts.txt
for code in 0 64 65 66 73 74; do
	grep -q "^\.It $code\b\|^\.It Li $code\b" "$srcdir/man/winnow.1" ||
	    fail "winnow.1 does not list exit status $code"
done
exit 0
