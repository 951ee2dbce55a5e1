#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
"""Kept-token F1 of a deduplicator's output against gen.py's ideal.

usage: score_dedup.py IDEAL.jsonl OUTPUT.jsonl [LABEL]
Tokens are \\w+ runs (as the article-extraction benchmark counts them);
per document the multiset overlap of output and ideal tokens is taken
(a document missing from the output contributes no tokens), and the
counts are summed over the corpus: P = tp/(tp+fp), R = tp/(tp+fn).
"""
import collections
import json
import re
import sys

TOK = re.compile(r"\w+")


def load(path):
    d = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            o = json.loads(line)
            d[o["id"]] = o["text"]
    return d


def main():
    ideal = load(sys.argv[1])
    out = load(sys.argv[2])
    tp = fp = fn = 0
    for k, t in ideal.items():
        a = collections.Counter(TOK.findall(t))
        b = collections.Counter(TOK.findall(out.get(k, "")))
        common = sum((a & b).values())
        tp += common
        fp += sum(b.values()) - common
        fn += sum(a.values()) - common
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    label = sys.argv[3] if len(sys.argv) > 3 else sys.argv[2]
    print("%-28s P=%.4f R=%.4f F1=%.4f" % (label, p, r, f1))


if __name__ == "__main__":
    main()
