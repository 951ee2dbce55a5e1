# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# env.sh - sourced by tests/python/run.sh and tests/install/run.sh after
# tests/cli/lib.sh: find python3 and pytest, and make a library built
# with sanitizers loadable into Python.

# python_env LA: set PYTEST (the command that runs pytest, or empty when
# there is none) and WINNOW_SO (the library LA names, in its .libs);
# skip without python3
python_env() {
	case ${PYTHON:-:} in
	:) skip "no python3 (configure found none)" ;;
	esac
	PYTEST=
	if "$PYTHON" -c 'import pytest' 2>/dev/null; then
		PYTEST="$PYTHON -m pytest"
	elif command -v pytest-3 >/dev/null 2>&1; then
		PYTEST=pytest-3
	fi
	soname=$(sed -n "s/^dlname='\(.*\)'$/\1/p" "$1")
	[ -n "$soname" ] || skip "no shared library was built ($1)"
	WINNOW_SO=$(dirname "$1")/.libs/$soname
	[ -f "$WINNOW_SO" ] || WINNOW_SO=$(dirname "$1")/$soname
	# an ASan build's library needs its runtime loaded first, and Python
	# leaks by design at exit
	if objdump -p "$WINNOW_SO" 2>/dev/null | grep -q 'NEEDED.*libasan'; then
		rt=$(${CC:-cc} -print-file-name=libasan.so)
		[ -f "$rt" ] || skip "the library needs libasan, not found"
		LD_PRELOAD=$rt
		ASAN_OPTIONS=detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}
		export LD_PRELOAD ASAN_OPTIONS
	elif nm -D "$WINNOW_SO" 2>/dev/null | grep -q ' U __asan_'; then
		rt=$(${CC:-cc} -print-file-name=libclang_rt.asan-x86_64.so)
		[ -f "$rt" ] || skip "the library is built with clang's ASan, whose shared runtime is not found"
		LD_PRELOAD=$rt
		ASAN_OPTIONS=detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}
		export LD_PRELOAD ASAN_OPTIONS
	fi
	PYTHONDONTWRITEBYTECODE=1
	export PYTHONDONTWRITEBYTECODE
}

# run_pytest DIR: the tests in DIR, quietly, no cache in the sources;
# skip without pytest
run_pytest() {
	[ -n "$PYTEST" ] || skip "pytest is not installed (the Debian package python3-pytest)"
	$PYTEST -q -p no:cacheprovider "$1" || fail "pytest: some tests failed"
}
