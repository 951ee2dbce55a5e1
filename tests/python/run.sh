#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# The Python module's tests (tests/python/test_*.py) with pytest, against
# the build tree's module and libwinnow.so; skipped without python3 or
# pytest (the Debian package python3-pytest).
. "${srcdir:-.}/tests/cli/lib.sh"
. "$srcdir/tests/python/env.sh"
python_env "$builddir/src/libwinnow.la"
if [ "$(cd "$srcdir" && pwd -P)" != "$(cd "$builddir" && pwd -P)" ]; then
	# a build beside the sources: python/winnow cannot see src/.libs
	WINNOW_LIBRARY=$WINNOW_SO
	export WINNOW_LIBRARY
fi
WINNOW_EXPECT_MODULE=$srcdir/python/winnow
WINNOW_EXPECT_LIBRARY=$builddir/src/.libs
PYTHONPATH=$srcdir/python:$srcdir/tests/python
export WINNOW_EXPECT_MODULE WINNOW_EXPECT_LIBRARY PYTHONPATH
run_pytest "$srcdir/tests/python"
