#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# The hostile-input battery (issue 7): each case makes its input, runs
# winnow, and checks the exit status, that the output is valid UTF-8 (and
# valid JSON for JSON Lines), and what must survive.  The large cases run
# under a 1 GiB address-space limit (not in sanitizer builds, whose shadow
# memory needs more), so memory must stay bounded while winnow streams
# through them.  Every input is generated here; none is stored.
. "${srcdir:-.}/tests/cli/lib.sh"
need jq
need zstd
need gzip
need iconv

limit=
if [ "${WINNOW_VALGRIND:-0}" != 1 ] && ! grep -q __asan_init "$WINNOW" 2> /dev/null; then
	limit="ulimit -v 1048576;"
fi
cases=0

# check NAME WANT_STATUS OUT_FORMAT -- COMMAND...: run COMMAND with the
# memory limit, output in out.NAME; checks status and validity.
check() {
	name=$1 want=$2 fmt=$3
	shift 4
	cases=$((cases + 1))
	sh -c "$limit exec \"\$@\"" sh "$@" > "out.$name" 2> "err.$name"
	got=$?
	[ "$got" -eq "$want" ] ||
	    fail "$name: exit $got, expected $want: $(head -c 300 "err.$name")"
	if [ "$fmt" = jsonl ]; then
		iconv -f UTF-8 -t UTF-8 "out.$name" > /dev/null 2>&1 ||
		    fail "$name: output is not valid UTF-8"
	fi
	if [ "$fmt" = jsonl ] && [ -s "out.$name" ]; then
		jq -c . "out.$name" > /dev/null 2>&1 || fail "$name: output is not JSON Lines"
	fi
	if [ "$want" -ne 0 ]; then
		grep -q "^winnow: " "err.$name" || fail "$name: no message: $(cat "err.$name")"
	fi
}

W="$WINNOW --no-compress --keep-boilerplate"

# invalid and overlong UTF-8, raw surrogates, truncated sequences
printf 'bad \377 byte\noverlong \300\257 slash\nsurrogate \355\240\200 raw\ncut \342\202\n' > utf8.txt
check utf8 0 jsonl -- $W utf8.txt
[ "$(jq -r .text out.utf8 | grep -c "$(printf '\357\277\275')")" -eq 4 ] ||
    fail "utf8: each bad line must hold U+FFFD: $(cat out.utf8)"
check utf8-skip 65 jsonl -- $W --invalid-utf8=skip utf8.txt
[ -s out.utf8-skip ] && fail "utf8-skip: the record was written"

# lone surrogates as JSON escapes; good records around them survive
printf '{"id":1,"text":"before"}\n{"id":2,"text":"lone \\ud800 high"}\n{"id":3,"text":"lone \\udc00 low \\ud800\\u0041"}\n{"id":4,"text":"after"}\n' > sur.jsonl
check surrogates 0 jsonl -- $W sur.jsonl
[ "$(jq -r .id out.surrogates | tr '\n' ' ')" = "1 2 3 4 " ] || fail "surrogates: ids"
check surrogates-skip 65 jsonl -- $W --invalid-utf8=skip sur.jsonl
[ "$(jq -r .id out.surrogates-skip | tr '\n' ' ')" = "1 4 " ] || fail "surrogates-skip: ids"
check surrogates-fail 65 jsonl -- $W --invalid-utf8=fail sur.jsonl
[ "$(jq -r .id out.surrogates-fail | tr '\n' ' ')" = "1 " ] || fail "surrogates-fail: ids"

# NUL bytes: inside a line they are removed; alone on a line they
# separate documents; as an escape in JSON they are removed
printf 'one\000two\n\000\nthird doc\n' > nul.txt
check nul 0 jsonl -- $W nul.txt
[ "$(wc -l < out.nul)" -eq 2 ] || fail "nul: two documents expected"
jq -r .text out.nul | head -1 | grep -qx onetwo || fail "nul: $(head -1 out.nul)"
printf '{"text":"a\\u0000b"}\n' > nul.jsonl
check nul-escape 0 jsonl -- $W nul.jsonl
jq -r .text out.nul-escape | grep -qx ab || fail "nul-escape: $(cat out.nul-escape)"

# CR-only and mixed line ends become LF
printf 'one\rtwo\r\nthree\nfour' > cr.txt
check cr 0 jsonl -- $W cr.txt
[ "$(jq -r .text out.cr)" = "$(printf 'one\ntwo\nthree\nfour')" ] || fail "cr: $(cat out.cr)"

# a byte order mark, in text and in JSON Lines
printf '\357\273\277BOM first\n' > bom.txt
check bom 0 jsonl -- $W bom.txt
jq -r .text out.bom | grep -qx "BOM first" || fail "bom: $(cat out.bom)"
printf '\357\273\277{"text":"bom json"}\n' > bom.jsonl
check bom-jsonl 0 jsonl -- $W bom.jsonl
jq -r .text out.bom-jsonl | grep -qx "bom json" || fail "bom-jsonl"

# empty input: nothing out; compressed, a valid empty stream
: > empty.txt
check empty 0 jsonl -- $W empty.txt
[ -s out.empty ] && fail "empty: output"
check empty-zst 0 none -- "$WINNOW" empty.txt
zstd -q -t < out.empty-zst || fail "empty-zst: not a zstd stream"

# duplicate keys and 100,000-deep nesting are refused; huge numbers pass
awk 'BEGIN { s = ""; for (i = 0; i < 100000; i++) s = s "["; t = s; gsub(/\[/, "]", t);
	print "{\"text\":\"deep\",\"a\":" s t "}" }' > deep.jsonl
printf '{"text":"a","text":"b"}\n{"text":"kept","n":1e999999,"m":123456789012345678901234567890123456789,"f":-0.000000000000000000001e-999}\n' >> deep.jsonl
check json 65 jsonl -- $W deep.jsonl
[ "$(wc -l < out.json)" -eq 1 ] || fail "json: one record expected"
grep -qF '"n":1e999999,"m":123456789012345678901234567890123456789,"f":-0.000000000000000000001e-999' out.json ||
    fail "json: numbers not passed through"
grep -q "nesting too deep" err.json || fail "json: $(cat err.json)"
grep -q "duplicate key" err.json || fail "json: $(cat err.json)"

# a truncated last line is still a record
printf '{"text":"whole"}\n{"text":"no newline"}' > trunc.jsonl
check truncated-line 0 jsonl -- $W trunc.jsonl
[ "$(wc -l < out.truncated-line)" -eq 2 ] || fail "truncated-line"
# a line cut inside the JSON is reported, the one before is kept
printf '{"text":"whole"}\n{"text":"cut' > cut.jsonl
check cut-line 65 jsonl -- $W cut.jsonl
[ "$(wc -l < out.cut-line)" -eq 1 ] || fail "cut-line"

# truncated and corrupt zstd and gzip: what was whole is written
printf 'Alpha document.\n\f\nBeta document.\n' > ab.txt
zstd -q -c ab.txt > ab.zst
gzip -c ab.txt > ab.gz
head -c $(($(wc -c < ab.zst) - 3)) ab.zst > cut.zst
head -c $(($(wc -c < ab.gz) - 3)) ab.gz > cut.gz
check zst-truncated 65 jsonl -- $W cut.zst
check gz-truncated 65 jsonl -- $W cut.gz
head -c 20 ab.zst > bad.zst
head -c 2000 /dev/zero | tr '\0' 'x' >> bad.zst
check zst-corrupt 65 jsonl -- $W bad.zst

# WARC: a Content-Length far off, or missing
W1='WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Length: %s\r\n\r\nFirst page text.\r\n\r\n'
W2='WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Record-ID: <urn:uuid:2>\r\nContent-Length: 18\r\n\r\nSecond page text.\n\r\n\r\n'
{ printf "$W1" 999999; printf "$W2"; } > long.warc
check warc-long 0 jsonl -- $W long.warc
{ printf 'WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Record-ID: <urn:uuid:1>\r\n\r\nNo length at all.\r\n\r\n'; printf "$W2"; } > nolen.warc
check warc-nolength 0 jsonl -- $W nolen.warc
grep -q "Second page text" out.warc-long out.warc-nolength || fail "warc: the second record was lost"
[ "$(grep -c "Second page text" out.warc-long)" -eq 1 ] &&
    [ "$(grep -c "Second page text" out.warc-nolength)" -eq 1 ] || fail "warc: second record"

# binary garbage: whatever it is read as, the output is valid
awk 'BEGIN { srand(7); for (i = 0; i < 200000; i++) printf "%c", int(rand() * 256) }' > garbage.bin
check garbage-text 0 jsonl -- $W --from=text garbage.bin
set +e
sh -c "$limit exec \"\$@\"" sh $W garbage.bin > out.garbage 2> err.garbage
st=$?
[ $st -eq 0 ] || [ $st -eq 65 ] || fail "garbage (auto): exit $st"
iconv -f UTF-8 -t UTF-8 out.garbage > /dev/null 2>&1 || fail "garbage: invalid UTF-8 out"
check garbage-html 0 jsonl -- $W --from=html garbage.bin
check garbage-jsonl 65 jsonl -- $W --from=jsonl garbage.bin
cases=$((cases + 1))

# an empty directory (it stands for the files under it: none), a
# missing file and (not as root) an unreadable one
mkdir adir
check directory 0 jsonl -- $W adir ab.txt
[ "$(wc -l < out.directory)" -eq 2 ] || fail "directory: ab.txt must still be read"
check missing 66 jsonl -- $W no-such-file.txt ab.txt
[ "$(wc -l < out.missing)" -eq 2 ] || fail "missing: ab.txt must still be read"
if [ "$(id -u)" -ne 0 ]; then
	printf 'secret\n' > locked.txt
	chmod 000 locked.txt
	check unreadable 66 jsonl -- $W locked.txt ab.txt
	[ "$(wc -l < out.unreadable)" -eq 2 ] || fail "unreadable: ab.txt must still be read"
fi

# large inputs, streamed in bounded memory: a 1 GiB line without a
# newline (skipped past --max-record), a 500 MB JSONL record between two
# good ones (skipped), 300 MB of short documents (all read)
if [ "${WINNOW_HOSTILE_LARGE:-1}" = 1 ]; then
	{ printf 'small first document\n\f\n'; head -c 1073741824 /dev/zero | tr '\0' 'a'; } > line.txt
	check line-1g 65 jsonl -- $W line.txt
	[ "$(wc -l < out.line-1g)" -eq 1 ] || fail "line-1g: the small document must stay"
	grep -q "longer than --max-record" err.line-1g || fail "line-1g: $(cat err.line-1g)"
	rm -f line.txt
	{ printf '{"id":"a","text":"before the big one"}\n{"id":"big","text":"'
	  head -c 524288000 /dev/zero | tr '\0' 'b'
	  printf '"}\n{"id":"c","text":"after the big one"}\n'; } > big.jsonl
	check record-500m 65 jsonl -- $W big.jsonl
	[ "$(jq -r .id out.record-500m | tr '\n' ' ')" = "a c " ] || fail "record-500m: $(cat out.record-500m | head -c 300)"
	rm -f big.jsonl
	awk 'BEGIN { for (i = 0; i < 3000000; i++) printf "document number %d of many.\n\f\n", i }' > many.txt
	check many-docs 0 none -- "$WINNOW" --keep-boilerplate many.txt
	[ "$(zstd -dc out.many-docs | wc -l)" -eq 3000000 ] || fail "many-docs: records lost"
	rm -f many.txt
fi
echo "hostile cases: $cases passed"
exit 0
