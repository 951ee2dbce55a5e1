#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# Every C file is as clang-format (.clang-format) writes it.
. "${srcdir:-.}/tests/cli/lib.sh"
need clang-format
cd "$srcdir" || fail "no source directory"
bad=
for f in src/winnow.h src/libwinnow/*.[ch] src/cli/*.[ch] tests/*.c tests/python/*.c \
    tests/unit/*.[ch] tests/fuzz/*.[ch] bench/*.c examples/*.c; do
	[ -f "$f" ] || continue
	clang-format --style=file "$f" | cmp -s "$f" - || bad="$bad $f"
done
[ -z "$bad" ] || fail "not formatted (clang-format -i them):$bad"
exit 0
