#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# JSONL: fields other than the text pass through byte for byte; bad lines
# are reported with their line number and skipped, the rest survives.
. "${srcdir:-.}/tests/cli/lib.sh"

cat > in.jsonl <<'JSON'
{"id":"a","text":"First paragraph.\nShared paragraph.","n":1e2,"big":123456789012345678901234567890,"name":"caf\u00e9","nested":{"deep":[1,{"x":null}],"f":-0.5E-3}}
{"id":"b","metadata":{"k":"v"},"text":"Shared paragraph.\nSecond paragraph."}
{"id":"c","text":"broken"
{"id":"d","text":17}

  {"id":"e", "text" : "Shared paragraph." , "z":true}
{"id":"f","text":"Last one."}
JSON
# (--keep-boilerplate: these one-line records have no prose to judge)
"$WINNOW" --no-compress --keep-boilerplate in.jsonl > out.jsonl 2> err.txt
status=$?
[ $status -eq 65 ] || fail "bad lines must give exit 65, got $status"
grep -q "^winnow: in.jsonl:3: invalid JSON" err.txt || fail "no message for line 3: $(cat err.txt)"
grep -q "^winnow: in.jsonl:4: field \"text\" is not a string" err.txt || fail "no message for line 4"
[ "$(wc -l < err.txt)" -eq 2 ] || fail "expected two messages: $(cat err.txt)"
[ "$(wc -l < out.jsonl)" -eq 3 ] || fail "expected 3 records (e is all duplicate)"

# byte-for-byte pass-through of the other fields
grep -qF '"n":1e2,"big":123456789012345678901234567890,"name":"caf\u00e9","nested":{"deep":[1,{"x":null}],"f":-0.5E-3}' out.jsonl ||
    fail "fields of a were not passed through: $(head -1 out.jsonl)"
grep -qF '{"id":"b","metadata":{"winnow":{"paragraphs_in":2,"paragraphs_out":1,"removed":{"duplicate":1}},"k":"v"},"text":"Second paragraph."}' out.jsonl ||
    fail "record b: $(sed -n 2p out.jsonl)"
grep -qF '"text":"First paragraph.\nShared paragraph."' out.jsonl || fail "record a text"
if command -v jq >/dev/null 2>&1; then
	jq -c . out.jsonl > /dev/null || fail "output is not JSON"
	[ "$(jq -r .id out.jsonl | tr '\n' ' ')" = "a b f " ] || fail "ids"
fi

# other field names
printf '{"raw_content":"x y","doc_id":7}\n' > rc.jsonl
"$WINNOW" --no-compress --keep-boilerplate --text-field=raw_content --id-field=doc_id rc.jsonl > rc.out ||
    fail "--text-field run"
grep -qF '{"raw_content":"x y","doc_id":7,"metadata":{' rc.out || fail "raw_content: $(cat rc.out)"
expect_status 65 "$WINNOW" --no-compress rc.jsonl > /dev/null 2>&1

# a truncated last line (no newline) is still read
printf '{"text":"no newline"}' | "$WINNOW" --no-compress --keep-boilerplate > t.out || fail "truncated last line"
grep -q "no newline" t.out || fail "last line lost"
exit 0
