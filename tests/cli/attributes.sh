#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# --attributes (issue 21): dolma attribute spans of the removed
# paragraphs, a line per record read, with the records' ids; cutting the
# spans out of each record's text as it was read leaves the lines winnow
# kept (as dolma mix's span_replacement would cut them).
. "${srcdir:-.}/tests/cli/lib.sh"
need python3

# JSON Lines with CRLF, CR, U+2028 and NEL line ends, leading spaces,
# non-ASCII text, a repeat, a near duplicate, a document dropped whole,
# one without an id; then the bench corpus (with URLs: site templates)
python3 - > small.jsonl <<'PY'
import json
docs = [
    {"id": "d1", "text": "  The council met on Monday to discuss the bridge over the river and its repairs.\r\nMenu\r\n\r\nThe mayor said the town would keep the footpath open while the work went on."},
    {"id": 2, "text": "Résumé: the mayor said the town would keep the footpath open while the work went on.\u2028A different paragraph about the weather, which was cold and wet all week long.\rThe council met on Monday to discuss the bridge over the river and its repairs.\x85Last words of a document that end it for good, said the clerk of the council."},
    {"text": "The council met on Monday to discuss the bridge over the river and its repairs."},
    {"id": "d4", "text": "Bullets follow.\n\u2022\n* * *\nA different paragraph about the weather, which was cold and wet all week long, again and again.\n\nThe end of a paragraph that was never seen before anywhere in this input."},
]
for d in docs:
    print(json.dumps(d))
PY
corpus bench.jsonl 3 0.3
cat small.jsonl bench.jsonl > in.jsonl
"$WINNOW" -n --date=2026-11-05 --attributes=attr.jsonl --stats=st.json in.jsonl > out.jsonl ||
    fail "exit $?"
python3 - in.jsonl out.jsonl attr.jsonl <<'PY' || fail "spans do not give winnow's text"
import json, re, sys, unicodedata
ins = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
outs = {json.dumps(o["id"]): o for o in map(json.loads, open(sys.argv[2], encoding="utf-8"))}
attrs = [json.loads(l) for l in open(sys.argv[3], encoding="utf-8")]
assert len(attrs) == len(ins), (len(attrs), len(ins))
BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")
def lines(t):
    t = unicodedata.normalize("NFC", t)
    return [re.sub(r"\s+", " ", l).strip() for l in BREAK.split(t) if l.strip()]
checked = spans = 0
for i, (d, a) in enumerate(zip(ins, attrs)):
    want_id = d.get("id", "in.jsonl:%d" % (i + 1))
    assert a["id"] == want_id, (a["id"], want_id)
    assert a["source"] == d.get("source", "in.jsonl"), a["source"]
    at = a["attributes"]
    assert set(at) == {"winnow__paragraphs__" + r for r in ("repeated_in_document", "duplicate", "near_repeated_in_document", "near_duplicate", "boilerplate", "site_template")} | {"winnow__document__dropped"}, at.keys()
    cuts = sorted(s for k, v in at.items() if k.startswith("winnow__paragraphs__") for s in v)
    text, kept, pos = d["text"], [], 0
    for s, e, score in cuts:
        assert pos <= s < e <= len(text), (s, e, pos, len(text))
        assert 0 < score <= 1
        kept.append(text[pos:s])
        pos = e
    kept.append(text[pos:])
    spans += len(cuts)
    o = outs.get(json.dumps(want_id))
    if at["winnow__document__dropped"]:
        assert at["winnow__document__dropped"] == [[0, len(text), 1]]
        assert o is None, want_id
        continue
    got = lines("".join(kept))
    assert got == lines(o["text"]), (want_id, got, lines(o["text"]))
    checked += 1
assert checked > 20 and spans > 100, (checked, spans)
print("%d records, %d spans" % (checked, spans))
PY
grep -qF '"attributes_unmapped":0' st.json || fail "unmapped: $(cat st.json)"
# the first records' spans, as dolma's character offsets
sed -n 1,4p attr.jsonl > small.attr
python3 - small.attr <<'PY' || fail "small spans: $(cat small.attr)"
import json, sys
a = [json.loads(l)["attributes"] for l in open(sys.argv[1])]
assert not any(a[0].values()), a[0]
# its first line and U+2028 (a near duplicate of d1's last line), its
# third and NEL; the CR between is one character, as in Python
assert a[1]["winnow__paragraphs__near_duplicate"] == [[0, 85, 1.0]], a[1]
assert a[1]["winnow__paragraphs__duplicate"] == [[164, 244, 1]], a[1]
assert a[2]["winnow__paragraphs__duplicate"] == [[0, 79, 1]], a[2]
assert a[2]["winnow__document__dropped"] == [[0, 79, 1]], a[2]
assert a[3]["winnow__paragraphs__boilerplate"] == [[0, 16, 1], [16, 18, 1], [18, 24, 1]], a[3]
PY
# the same lines whatever the threads, and a byte at a time
"$WINNOW" -n --date=2026-11-05 --threads=1 --attributes=attr1.jsonl in.jsonl > /dev/null ||
    fail "threads=1"
same attr.jsonl attr1.jsonl
"$TRICKLE" 1 < in.jsonl | "$WINNOW" -n --date=2026-11-05 --attributes=attr2.jsonl > /dev/null ||
    fail "a byte at a time"
sed 's/"stdin/"in.jsonl/g' attr2.jsonl > attr2n.jsonl
same attr.jsonl attr2n.jsonl
# an entity that makes a line break: its paragraph spans are not written,
# and counted
printf '{"id":"e","text":"One line with a break&#10;inside it, long enough to be a paragraph of text."}\n' > ent.jsonl
"$WINNOW" -n --attributes=ent.attr --stats=ent.json ent.jsonl > /dev/null || fail "entity: exit $?"
grep -qF '"attributes_unmapped":1' ent.json || fail "unmapped not counted: $(cat ent.json)"
# not with a scan; an output that cannot be made
"$WINNOW" --scan=s.scan --attributes=x.attr in.jsonl 2> scan.err
[ $? -eq 64 ] || fail "--scan with --attributes: exit 64 expected"
"$WINNOW" -n --attributes=no/such/dir/a.jsonl in.jsonl > /dev/null 2> mk.err
[ $? -eq 73 ] || fail "--attributes in a missing directory: exit 73 expected"
# a run that did not complete puts no attributes in place
"$WINNOW" -n --attributes=part.attr in.jsonl missing.jsonl > /dev/null 2>&1
[ -e part.attr ] && fail "attributes of an incomplete run"
exit 0
