#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# The output does not depend on --threads: JSON Lines with site templates
# and near duplicates, JSON Lines of varied shapes, a text stream, WET, HTML pages, --explain,
# --rejects, the state written, and a record too big to be batched
# between small ones.
. "${srcdir:-.}/tests/cli/lib.sh"
need zstd
corpus c.jsonl 41 3
# a text stream and HTML pages: every document of the corpus, in turn
python3 - <<'PY' || fail "making the inputs"
import json
docs = [json.loads(l)["text"] for l in open("c.jsonl")]
with open("s.txt", "w") as f:
    f.write("\n\f\n".join(docs))
for i, d in enumerate(docs[:40]):
    with open("p%02d.html" % i, "w") as f:
        f.write("<!DOCTYPE html><html><head><title>t%d</title></head><body>"
                "<nav><a href=/>Home</a> <a href=/n>News</a></nav><article>" % i)
        for para in d.split("\n"):
            f.write("<p>%s</p>" % para.replace("&", "&amp;").replace("<", "&lt;"))
        f.write("</article><footer>Copyright</footer></body></html>")
# JSON Lines of other shapes: the writer splices the line around the text
# value, which a batch holds apart (metadata before or after it, a report
# of an earlier run, escapes, spaces, a text that is not a string)
with open("shapes.jsonl", "w") as f:
    for i, d in enumerate(docs):
        t = json.dumps(d)
        k = i % 5
        if k == 0:
            f.write('{"metadata": {"winnow": {"x": 1}, "a": "b"}, "text": %s, "id": %d}\n' % (t, i))
        elif k == 1:
            f.write('{ "id" : %d , "text" :  %s  , "metadata":{ } }\n' % (i, t))
        elif k == 2:
            f.write('{"text":%s,"metadata":{"src":"x\\u00e9"},"z":[1,2]}\n' % json.dumps(d, ensure_ascii=False))
        elif k == 3:
            f.write('{"id": %d, "text": 17, "other": %s}\n' % (i, t))
        else:
            f.write('{"metadata": 3, "text": %s}\n' % t)
PY
run() {
	t=$1
	shift
	"$WINNOW" --threads="$t" --date=2026-11-05 "$@"
}
for t in 1 2 3 8; do
	run $t --explain=ex.$t --rejects=rj.$t --stats=st.$t c.jsonl |
	    zstd -dc > out.$t || fail "jsonl, --threads=$t"
	run $t --no-compress shapes.jsonl > shp.$t 2> shperr.$t
	echo $? >> shperr.$t
	run $t --to=text --no-compress s.txt > txt.$t || fail "text, --threads=$t"
	run $t --no-compress "$DATA/good-whirlwind.warc.wet" > wet.$t ||
	    fail "wet, --threads=$t"
	run $t --no-compress --explain=hx.$t p*.html "$DATA/page.html" > html.$t ||
	    fail "html, --threads=$t"
	rm -f state.$t
	run $t --state=state.$t c.jsonl > /dev/null || fail "state, --threads=$t"
	tail -c +129 state.$t > body.$t
	# the statistics but their time
	sed 's/"seconds":[0-9.e+-]*//' st.$t > stats.$t
done
for t in 2 3 8; do
	for f in out ex rj txt wet html hx body stats; do
		same $f.1 $f.$t
	done
done
[ -s out.1 ] && [ -s shp.1 ] && [ -s txt.1 ] && [ -s wet.1 ] && [ -s html.1 ] ||
    fail "an output is empty"

# a record over the batch limit (16 MB) is cleaned alone, in its place
if [ "${WINNOW_VALGRIND:-0}" != 1 ]; then
	python3 - <<'PY' || fail "making big.jsonl"
import json
lines = open("c.jsonl").readlines()
big = {"id": "big", "text": "\n".join(
    "Paragraph %d of a very long record that goes on and on for a while." % i
    for i in range(260000))}
with open("big.jsonl", "w") as f:
    f.writelines(lines[:50])
    f.write(json.dumps(big) + "\n")
    f.writelines(lines[50:100])
PY
	for t in 1 4; do
		run $t --no-compress big.jsonl > big.$t || fail "big, --threads=$t"
	done
	same big.1 big.4
	grep -q '"id": "big"' big.4 || fail "the big record is missing"
fi
expect_status 64 "$WINNOW" --threads=0 c.jsonl
expect_status 64 "$WINNOW" --threads=65 c.jsonl
exit 0
