#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# make install into a DESTDIR: the library (only winnow.h's functions
# exported, a versioned soname), the header, winnow.pc, the command and
# the Python module are where configure said; examples/clean.c builds
# against the installed copy with pkg-config (shared, and static from
# Libs.private and Requires.private) and cleans like the command; the
# Python tests pass against the installed module and library.
. "${srcdir:-.}/tests/cli/lib.sh"
need pkg-config
need nm
: "${MAKE:=make}" "${CC:=cc}"
D=$T/root
# (a make of its own: not the jobs of the make check that runs this)
env -u MAKEFLAGS -u MFLAGS $MAKE -C "$builddir" install DESTDIR="$D" > install.log 2>&1 ||
    { tail -n 30 install.log >&2; fail "make install DESTDIR=$D failed"; }
lib=$D$DESTDIR_libdir
for f in "$lib/libwinnow.so" "$lib/libwinnow.a" "$lib/libwinnow.so.0" \
    "$D$DESTDIR_includedir/winnow.h" "$D$DESTDIR_pkgconfigdir/winnow.pc" \
    "$D$DESTDIR_bindir/winnow"; do
	[ -e "$f" ] || fail "make install did not install $f"
done
[ ! -e "$lib/libwinnow-core.a" ] || fail "the convenience library was installed"
objdump -p "$lib/libwinnow.so.0" | grep -q 'SONAME *libwinnow\.so\.0$' ||
    fail "the soname is not libwinnow.so.0"

# exported: exactly the functions the installed winnow.h declares
nm -D --defined-only "$lib/libwinnow.so.0" | awk '$2 ~ /^[TWDBR]$/ { print $3 }' |
    sort > exported.txt
grep -o '\<wn_[a-z0-9_]* *(' "$D$DESTDIR_includedir/winnow.h" | sed 's/ *($//' |
    sort -u > declared.txt
same declared.txt exported.txt
nm "$lib/libwinnow.a" | grep -q ' T wn_pipeline_new$' || fail "libwinnow.a lacks wn_pipeline_new"

# examples/clean.c against the installed copy
PKG_CONFIG_PATH=$D$DESTDIR_pkgconfigdir
PKG_CONFIG_SYSROOT_DIR=$D
export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR
pkg-config --exists winnow || fail "pkg-config does not find winnow.pc"
cflags=$(pkg-config --cflags winnow)
libs=$(pkg-config --libs winnow)
case "$libs" in *"-L$lib "*) ;; *) fail "pkg-config --libs: $libs" ;; esac
# (an ASan build's library needs the program built with it too)
$CC -std=c11 -Wall -Wextra -Werror $WN_TEST_CFLAGS -o clean "$srcdir/examples/clean.c" \
    $cflags $libs $WN_TEST_LDFLAGS 2> cc.log || { cat cc.log >&2; fail "examples/clean.c does not build against the installed copy"; }
LD_LIBRARY_PATH=$lib ldd ./clean | grep -q "libwinnow.so.0 => $lib/" ||
    fail "./clean does not load the installed libwinnow.so.0"
for s in "$SEEDS"/*.txt; do
	cat "$s"
	printf '\n\f\n'
done > input.txt
LD_LIBRARY_PATH=$lib ./clean < input.txt > clean.jsonl || fail "./clean failed"
"$WINNOW" --no-compress < input.txt > winnow.jsonl || fail "winnow failed"
same winnow.jsonl clean.jsonl
[ "$(wc -l < clean.jsonl)" -ge 5 ] || fail "./clean wrote too little"
# linked statically: Libs.private and Requires.private name every library
$CC $WN_TEST_CFLAGS -o clean-static "$srcdir/examples/clean.c" $cflags "$lib/libwinnow.a" \
    $(pkg-config --static --libs winnow | sed 's/-lwinnow\>//') $WN_TEST_LDFLAGS 2> cc.log ||
    { cat cc.log >&2; fail "examples/clean.c does not link with libwinnow.a and pkg-config --static"; }
ldd ./clean-static | grep -q libwinnow && fail "clean-static loads libwinnow.so"
./clean-static < input.txt > static.jsonl || fail "./clean-static failed"
same winnow.jsonl static.jsonl

# the Python module, installed
case ${PYTHON:-:} in
:) echo "no python3: the Python module was not installed" >&2; exit 0 ;;
esac
py=$D$DESTDIR_pythondir/winnow
[ -f "$py/__init__.py" ] && [ -f "$py/_config.py" ] || fail "the Python module is not in $py"
grep -q "^LIBDIR = '$WINNOW_PY_LIBDIR'$" "$py/_config.py" || fail "_config.py: $(cat "$py/_config.py")"
# (an ASan build's runtime preloaded)
. "$srcdir/tests/python/env.sh"
python_env "$builddir/src/libwinnow.la"
# by the soname on the loader's path (the LIBDIR of _config.py is not in
# the DESTDIR)
PYTHONPATH=$D$DESTDIR_pythondir LD_LIBRARY_PATH=$lib "$PYTHON" -c '
import os, sys, winnow
assert winnow.__file__.startswith(sys.argv[1]), winnow.__file__
print(winnow.Cleaner().clean("The river town voted on Sunday to rebuild the stone bridge that has carried traffic since 1870."))
' "$D" > py.txt || fail "the installed module does not load"
grep -q "stone bridge" py.txt || fail "the installed module did not clean"
# the whole Python test suite against the installed module, library and
# command
WINNOW=$D$DESTDIR_bindir/winnow
WINNOW_LIBRARY=$lib/libwinnow.so.0
WINNOW_EXPECT_MODULE=$py
WINNOW_EXPECT_LIBRARY=$lib
PYTHONPATH=$D$DESTDIR_pythondir:$srcdir/tests/python
export WINNOW WINNOW_LIBRARY WINNOW_EXPECT_MODULE WINNOW_EXPECT_LIBRARY PYTHONPATH
if [ -z "$PYTEST" ]; then
	echo "pytest is not installed: the Python tests did not run against the installed copy" >&2
	exit 0
fi
run_pytest "$srcdir/tests/python"
exit 0
