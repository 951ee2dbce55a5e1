# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# lib.sh - shared by the CLI test scripts (sourced).  Each script runs
# winnow ($WINNOW) in a fresh temporary directory and calls fail() on the
# first broken expectation; automake's test driver reads the exit status
# (0 pass, 1 fail, 77 skip).
set -u
: "${WINNOW:?WINNOW must name the winnow binary}"
: "${srcdir:=.}"
SEEDS="$srcdir/seeds"
DATA="$srcdir/tests/data"
EXPECTED="$srcdir/tests/cli/expected"
# the day winnow counts as (its "added" field, the state's day): the
# day this script started, so that runs on either side of midnight agree
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date +%s)}
export SOURCE_DATE_EPOCH
T=$(mktemp -d "${TMPDIR:-/tmp}/winnow-test.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1

# WINNOW_VALGRIND=1: every winnow run goes through valgrind, and any
# memory error or leak makes it exit 99 (so the script fails)
if [ "${WINNOW_VALGRIND:-0}" = 1 ]; then
	cat > "$T/winnow-valgrind" <<VG
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full \\
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \\
    "$WINNOW" "\$@"
VG
	chmod +x "$T/winnow-valgrind"
	WINNOW="$T/winnow-valgrind"
fi

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

skip() {
	echo "SKIP: $*" >&2
	exit 77
}

# expect_status WANT COMMAND...: run COMMAND, check its exit status.
expect_status() {
	want=$1
	shift
	"$@"
	got=$?
	[ "$got" -eq "$want" ] || fail "'$*' exited $got, expected $want"
}

# same FILE1 FILE2: byte-identical, else show a diff.
same() {
	cmp -s "$1" "$2" || { diff -u "$1" "$2" | head -40 >&2; fail "$1 and $2 differ"; }
}

need() {
	command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed"
}

# corpus OUT SEED MB: JSON Lines of generated scraped news (bench/gen.py)
# with a url per record on one of six sites, so that site templates count
corpus() {
	need python3
	python3 "$srcdir/bench/gen.py" --urls --seed "$2" --mb "$3" \
	    --format jsonl "$1" /dev/null || fail "bench/gen.py failed"
}
