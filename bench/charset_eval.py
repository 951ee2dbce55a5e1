#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
"""Charset detection on real pages (make eval).

usage: charset_eval.py WINNOW PAGE...

1. Each page with its <meta charset> and <meta http-equiv="Content-Type">
   tags removed against the page as it is: the same text or not.  Pages
   that are valid UTF-8 decode the same by construction (UTF-8 is taken
   first), so the figure that measures detection (libuchardet, then
   windows-1252) is the one for the pages that are not UTF-8.
2. Since few real pages are in a legacy charset, each UTF-8 page is also
   transcoded to the legacy charset of its script (windows-1251 for
   Cyrillic, GB18030 for Chinese, Shift_JIS for Japanese, EUC-KR for
   Korean, windows-1252 for Latin; pages that charset cannot hold are
   left out), its declarations stripped, and its text compared with the
   UTF-8 page's.

winnow runs with --from=html --to=text --keep-boilerplate, one process
per page, so that no page's text depends on another.
"""
import collections
import os
import re
import subprocess
import sys
import tempfile

META = re.compile(rb"<meta\s[^>]*(?:charset|http-equiv\s*=\s*[\"']?content-type)[^>]*>",
                  re.I)
LABEL = re.compile(rb"charset\s*=\s*[\"']?([A-Za-z0-9_:.-]+)", re.I)


def text(winnow, path):
    r = subprocess.run([winnow, "--from=html", "--to=text", "--no-compress",
                        "--keep-boilerplate", "--threads=1", path],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return r.stdout


def legacy(s):
    """The legacy charset of the page's script (Python's codec name)."""
    if re.search("[\u3040-\u30ff]", s):
        return "shift_jis"
    if re.search("[\uac00-\ud7af]", s):
        return "euc_kr"
    if re.search("[\u4e00-\u9fff]", s):
        return "gb18030"
    if re.search("[\u0400-\u04ff]", s):
        return "cp1251"
    return "cp1252"


def main():
    winnow, pages = sys.argv[1], sys.argv[2:]
    same = other = other_same = 0
    by, by_same = collections.Counter(), collections.Counter()
    tr, tr_same = collections.Counter(), collections.Counter()
    misses = []
    with tempfile.TemporaryDirectory() as t:
        stripped = os.path.join(t, "page.html")
        for p in pages:
            raw = open(p, "rb").read()
            labels = [LABEL.search(m.group(0)) for m in META.finditer(raw)]
            labels = [m.group(1).decode("ascii", "replace").lower()
                      for m in labels if m]
            with open(stripped, "wb") as f:
                f.write(META.sub(b"", raw))
            a, b = text(winnow, p), text(winnow, stripped)
            same += a == b
            try:
                page = raw.decode("utf-8")
            except UnicodeDecodeError:
                label = labels[0] if labels else "-"
                other += 1
                other_same += a == b
                by[label] += 1
                by_same[label] += a == b
                if a != b:
                    misses.append("%s (%s)" % (os.path.basename(p), label))
                continue
            enc = legacy(page)
            try:
                body = META.sub(b"", page.encode(enc))
            except UnicodeEncodeError:
                continue
            if body == META.sub(b"", raw):
                continue  # ASCII: nothing to detect
            with open(stripped, "wb") as f:
                f.write(body)
            c = text(winnow, stripped)
            tr[enc] += 1
            tr_same[enc] += a == c
            if a != c:
                misses.append("%s (as %s)" % (os.path.basename(p), enc))
    print("charset: %d of %d pages give the same text with their charset "
          "declarations stripped; of the %d not in UTF-8, %d (%s)" %
          (same, len(pages), other, other_same,
           ", ".join("%s %d/%d" % (k, by_same[k], by[k])
                     for k, _ in by.most_common())))
    print("charset: UTF-8 pages transcoded to their script's legacy charset, "
          "declarations stripped: %d of %d give the same text (%s)" %
          (sum(tr_same.values()), sum(tr.values()),
           ", ".join("%s %d/%d" % (k, tr_same[k], tr[k])
                     for k, _ in tr.most_common())))
    if misses:
        print("charset: different: " + ", ".join(misses[:12]) +
              (" ..." if len(misses) > 12 else ""))


if __name__ == "__main__":
    main()
