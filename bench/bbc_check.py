#!/usr/bin/env python3
"""Check winnow's document drops on the BBC corpus (issue 2's criterion).

usage: bbc_check.py LIST OUTPUT.jsonl
LIST holds the input paths in the order winnow read them; OUTPUT is
winnow's uncompressed JSONL.  Every file byte-identical to an earlier one
must be dropped; every other dropped document must have each of its
paragraphs (lines) occur earlier in the stream, compared under an
independent normalization (NFKC, casefold, letters and digits only), so
this does not trust winnow's own key.  Prints the figures, exits 1 on a
violation.
"""
import json
import sys
import unicodedata


def key(line):
    s = unicodedata.normalize("NFKC", line).casefold()
    return "".join(c for c in s if c.isalnum())


def main():
    paths = [p.strip() for p in open(sys.argv[1]) if p.strip()]
    kept = set()
    for line in open(sys.argv[2], encoding="utf-8"):
        kept.add(json.loads(line)["id"].rsplit(":", 1)[0])
    first = {}
    identical = []
    seen = set()
    bad = []
    others = []
    for p in paths:
        data = open(p, "rb").read()
        is_copy = data in first
        first.setdefault(data, p)
        keys = [key(l) for l in data.decode("utf-8", "replace").splitlines()]
        keys = [k for k in keys if k]
        if is_copy:
            identical.append(p)
            if p in kept:
                bad.append("byte-identical copy kept: " + p)
        elif p not in kept:
            others.append(p)
            local = set()
            for k in keys:
                if k not in seen and k not in local:
                    bad.append("dropped with a new paragraph: " + p)
                    break
                local.add(k)
        seen.update(keys)
    print("documents: %d, written: %d, dropped: %d" %
          (len(paths), len(kept), len(paths) - len(kept)))
    print("byte-identical to an earlier file: %d, all dropped: %s" %
          (len(identical), "yes" if not any(b.startswith("byte") for b in bad) else "NO"))
    print("other dropped documents: %d, each with every paragraph earlier: %s" %
          (len(others), "yes" if not any(b.startswith("dropped") for b in bad) else "NO"))
    for p in others:
        print("  other dropped: " + p)
    for b in bad:
        print("VIOLATION: " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
