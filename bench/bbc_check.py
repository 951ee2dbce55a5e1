#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
"""Check winnow's document drops on the BBC corpus (issue 2's criterion).

usage: bbc_check.py [--near] LIST OUTPUT.jsonl
LIST holds the input paths in the order winnow read them; OUTPUT is
winnow's uncompressed JSONL.  Every file byte-identical to an earlier one
must be dropped; every other dropped document must have each of its
paragraphs (lines) occur earlier in the stream, compared under an
independent normalization (NFKC, casefold, letters and digits only), so
this does not trust winnow's own key.  A file's first line is its
headline (the BBC corpus's format), which winnow puts in metadata.title,
out of the text: a document whose body all occurred earlier is dropped
whatever its headline, so the headline is not checked.  With --near (for winnow's default
near-duplicate mode) a paragraph also counts as earlier when at least
half of its 5-word shingles occurred earlier.  Prints the figures, exits
1 on a violation.
"""
import json
import sys
import unicodedata


def key(line):
    s = unicodedata.normalize("NFKC", line).casefold()
    return "".join(c for c in s if c.isalnum())


def words(line):
    s = unicodedata.normalize("NFKC", line).casefold()
    return "".join(c if c.isalnum() else " " for c in s).split()


def shingles(line):
    w = words(line)
    return {" ".join(w[i:i + 5]) for i in range(len(w) - 4)}


def main():
    args = sys.argv[1:]
    near = args[0] == "--near"
    if near:
        args = args[1:]
    paths = [p.strip() for p in open(args[0]) if p.strip()]
    kept = set()
    seen_shingles = set()
    for line in open(args[1], encoding="utf-8"):
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
        lines = [l for l in data.decode("utf-8", "replace").splitlines() if key(l)]
        lines = lines[1:]  # the headline
        keys = [key(l) for l in lines]
        if is_copy:
            identical.append(p)
            if p in kept:
                bad.append("byte-identical copy kept: " + p)
        elif p not in kept:
            others.append(p)
            local = set()
            local_sh = set()
            for k, l in zip(keys, lines):
                sh = shingles(l)
                earlier = k in seen or k in local
                if not earlier and near and sh:
                    hit = sum(1 for x in sh if x in seen_shingles or x in local_sh)
                    earlier = 2 * hit >= len(sh)
                if not earlier:
                    bad.append("dropped with a new paragraph: " + p)
                    break
                local.add(k)
                local_sh |= sh
        seen.update(keys)
        if near:
            for l in lines:
                seen_shingles |= shingles(l)
    print("documents: %d, written: %d, dropped: %d" %
          (len(paths), len(kept), len(paths) - len(kept)))
    print("byte-identical to an earlier file: %d, all dropped: %s" %
          (len(identical), "yes" if not any(b.startswith("byte") for b in bad) else "NO"))
    print("other dropped documents: %d, each with every paragraph earlier%s: %s" %
          (len(others), " (or half its 5-word shingles)" if near else "", "yes" if not any(b.startswith("dropped") for b in bad) else "NO"))
    for p in others:
        print("  other dropped: " + p)
    for b in bad:
        print("VIOLATION: " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
