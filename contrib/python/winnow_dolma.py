#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
"""winnow_dolma.py - clean a dolma dataset's documents with winnow.

usage: winnow_dolma.py [--state FILE] [--near T] [--boilerplate MODE]
                       [--lang CODE] [--html] SRC DST

SRC is a dolma documents directory (dolma's docs/data-format.md: gzipped
JSON Lines, one document a line, with id, text, source and optionally
added, created, metadata).  Every *.jsonl.gz, *.json.gz and *.jsonl file
under it goes through one winnow run, in the order of their paths, so a
paragraph is removed when it occurred earlier in any file (or, with
--state, in an earlier run); each file is written to DST under the same
relative path, with the documents winnow kept, in order, every field as
it was but the text, and winnow's report in metadata.winnow.  The ids
stay as they were, so a cleaned document can be traced to its source.

The outputs are written beside their place (.tmp) and put in place
together at the end; the state is committed only after that.  A failed
run leaves no output file and the old state.
"""

import argparse
import gzip
import json
import os
import sys

import winnow

SUFFIXES = (".jsonl.gz", ".json.gz", ".jsonl", ".json")


def documents(src):
    files = []
    for root, dirs, names in os.walk(src):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(SUFFIXES):
                files.append(os.path.relpath(os.path.join(root, name), src))
    return sorted(files)


def open_any(path, mode, gz=None):
    if path.endswith(".gz") if gz is None else gz:
        return gzip.open(path, mode + "t", encoding="utf-8")
    return open(path, mode, encoding="utf-8")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--state", help="winnow state file (remembers earlier runs)")
    ap.add_argument("--near", type=float, default=0.5)
    ap.add_argument("--boilerplate", default="normal")
    ap.add_argument("--lang", default=None)
    ap.add_argument("--html", action="store_true", help="the text fields are HTML pages")
    ap.add_argument("src")
    ap.add_argument("dst")
    a = ap.parse_args(argv)
    files = documents(a.src)
    if not files:
        print("winnow_dolma.py: %s: no documents (*.jsonl.gz)" % a.src, file=sys.stderr)
        return 66
    tmp = []
    c = winnow.Cleaner(state=a.state, near=a.near, boilerplate=a.boilerplate, lang=a.lang)
    try:
        for rel in files:
            out = os.path.join(a.dst, rel)
            os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
            tmp.append((out + ".tmp", out))
            with open_any(os.path.join(a.src, rel), "r") as f, open_any(out + ".tmp", "w", out.endswith(".gz")) as g:
                recs = (json.loads(line) for line in f if line.strip())
                if a.html:
                    recs = ({**r, "html": r.pop("text")} for r in recs)
                for r in c.process(recs):
                    g.write(json.dumps(r, ensure_ascii=False) + "\n")

        def put_in_place():
            # the state is saved; the outputs go in place before it does
            for t, out in tmp:
                os.replace(t, out)
            tmp.clear()

        c.close(before_commit=put_in_place)
        return 0
    except winnow.Error as e:
        print("winnow_dolma.py: %s" % e, file=sys.stderr)
        return 1
    finally:
        c.abort()
        for t, _ in tmp:
            if os.path.exists(t):
                os.unlink(t)

if __name__ == "__main__":
    sys.exit(main())
