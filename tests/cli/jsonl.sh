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
# (dolma's "added", the run's day, first: the records have none)
grep -qF '{"added":"'"$(date -u -d @"$SOURCE_DATE_EPOCH" +%F)"'","id":"b","metadata":{"winnow":{"paragraphs_in":2,"paragraphs_out":1,"removed":{"duplicate":1}},"k":"v"},"text":"Second paragraph."}' out.jsonl ||
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
grep -qF '"raw_content":"x y","doc_id":7,"metadata":{' rc.out || fail "raw_content: $(cat rc.out)"
expect_status 65 "$WINNOW" --no-compress rc.jsonl > /dev/null 2>&1

# a truncated last line (no newline) is still read
printf '{"text":"no newline"}' | "$WINNOW" --no-compress --keep-boilerplate > t.out || fail "truncated last line"
grep -q "no newline" t.out || fail "last line lost"

# --html-field (issue 21): pages stored in a JSONL field give the text
# --from=html gives of the same files; every other field passes through,
# the page's title and canonical URL go into metadata
need python3
cp "$DATA/page.html" h1.html
sed 's/bridge/ferry/g; s/courier.example/gazette.example/g' "$DATA/page.html" > h2.html
printf '<html><head><title>Plain</title></head><body><p>Only one paragraph here, which is long enough to be kept as the text of the page.</p></body></html>\n' > h3.html
python3 - h1.html h2.html h3.html > pages.jsonl <<'PY' || fail "making pages.jsonl"
import json, sys
for i, name in enumerate(sys.argv[1:]):
    page = open(name, encoding="utf-8").read()
    rec = {"n": 1e2, "html": page, "crawl": {"at": i}}
    if i == 1:
        rec["text"] = "the old text"
    if i == 2:
        rec["metadata"] = {"title": "kept", "k": [1]}
    # a float the JSON encoder writes as 100.0: passed through as written
    print(json.dumps(rec, ensure_ascii=False, separators=(",", ":")).replace("100.0", "1e2"))
PY
"$WINNOW" --from=html --to=text -n h1.html h2.html h3.html > hf-html.txt || fail "--from=html: $?"
"$WINNOW" --html-field=html --to=text -n pages.jsonl > hf-field.txt || fail "--html-field: $?"
same hf-html.txt hf-field.txt
"$WINNOW" --html-field=html -n --date=2026-11-05 pages.jsonl > hf.jsonl || fail "--html-field jsonl: $?"
python3 - hf.jsonl pages.jsonl <<'PY' || fail "--html-field records: $(head -c 600 hf.jsonl)"
import json, sys
out = [json.loads(l) for l in open(sys.argv[1])]
src = [json.loads(l) for l in open(sys.argv[2])]
raw = open(sys.argv[1]).read()
assert len(out) == 3, len(out)
for o, s in zip(out, src):
    assert o["html"] == s["html"] and o["crawl"] == s["crawl"], "fields changed"
assert raw.count('"n":1e2,') == 3, "1e2 rewritten"
assert out[0]["metadata"]["title"] == "River town votes to rebuild its old bridge"
assert out[0]["metadata"]["url"] == "https://courier.example/2026/11/bridge-vote"
assert out[0]["text"].startswith("Residents of the river town")
assert out[1]["text"].startswith("Residents of the river town voted on Sunday to rebuild the stone ferry")
assert out[2]["metadata"]["title"] == "kept" and out[2]["metadata"]["k"] == [1]
assert out[2]["id"] == "pages.jsonl:3" and out[2]["added"] == "2026-11-05"
PY
# --from=auto does not guess it: without --html-field the markup is no
# text field
"$WINNOW" -n pages.jsonl > /dev/null 2> nohf.err
[ $? -eq 65 ] || fail "records without a text field: exit 65 expected"
# a record whose HTML field is missing or not a string
printf '{"html":"<p>Good page text that is long enough to be kept by the cleaner.</p>"}\n{"url":"x"}\n{"html":null}\n' > hbad.jsonl
"$WINNOW" --html-field=html --keep-boilerplate -n hbad.jsonl > hbad.out 2> hbad.err
[ $? -eq 65 ] || fail "bad --html-field records: exit 65 expected"
grep -qF 'winnow: hbad.jsonl:2: no "html" field (its keys: "url")' hbad.err || fail "missing: $(cat hbad.err)"
grep -qF 'winnow: hbad.jsonl:3: field "html" is not a string' hbad.err || fail "not a string: $(cat hbad.err)"
[ "$(wc -l < hbad.out)" -eq 1 ] || fail "the good record: $(cat hbad.out)"
"$WINNOW" --html-field=id -n pages.jsonl > /dev/null 2> same.err
[ $? -eq 64 ] || fail "--html-field=id: exit 64 expected"
grep -qF "winnow: --html-field and --id-field name the same field 'id'" same.err || fail "$(cat same.err)"

# a text field missing from every record (--text-field forgotten): one
# message with the keys the first record has, every record counted
python3 -c '
for i in range(100000):
    print("{\"raw_content\":\"Text number %d.\",\"url\":\"https://e.test/%d\"}" % (i, i))
' > nofield.jsonl
"$WINNOW" -n --stats=nf.json nofield.jsonl > nf.out 2> nf.err
[ $? -eq 65 ] || fail "no text field: exit 65 expected"
echo 'winnow: nofield.jsonl:1: no record has a "text" field (100000 records; the first'"'"'s keys: "raw_content", "url"): skipped; --text-field or --html-field names the field' > nf.want
same nf.want nf.err
[ -s nf.out ] && fail "records written: $(head -c 200 nf.out)"
grep -qF '"documents_bad_input":100000,"documents_no_text_field":100000' nf.json || fail "counts: $(cat nf.json)"
# some without it before one with it: one message for them, then each
printf '{"a":1}\n{"a":2}\n\n{"a":3}\n{"text":"Here it is, a record with its text field."}\n{"b":1}\n{"text":"And one more record with its text."}\n' > some.jsonl
"$TRICKLE" 1 < some.jsonl | "$WINNOW" -n --keep-boilerplate > some.out 2> some.err
[ $? -eq 65 ] || fail "some without a text field: exit 65 expected"
cat > some.want <<'ERR'
winnow: stdin:1: 3 records from line 1 to 4 have no "text" field (the first's keys: "a"): skipped
winnow: stdin:6: no "text" field (its keys: "b")
ERR
same some.want some.err
[ "$(wc -l < some.out)" -eq 2 ] || fail "the two good records: $(cat some.out)"
exit 0
