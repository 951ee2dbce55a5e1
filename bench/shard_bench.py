#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
"""make bench-shard: a sharded run (contrib/winnow-parallel, 2 workers)
against one winnow process on the bench corpus, in the same invocation and
alternating; checks that both wrote the same bytes (decompressed).

usage: shard_bench.py --winnow W --parallel P --dir DIR [--mb N] [--runs N]

The corpus is bench/gen.py's JSONL (no URLs: the template pass reads
only framing), and the same records with a URL on one of six sites (the
template pass normalizes every record).
"""
import argparse, os, statistics, subprocess, sys, time

def run(cmd, out):
    t = time.monotonic()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - t

def decompressed(path):
    return subprocess.run(["zstd", "-dc", path], check=True,
                          stdout=subprocess.PIPE).stdout

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--winnow", required=True)
    ap.add_argument("--parallel", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--mb", type=float, default=200)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    plain = os.path.join(a.dir, "corpus.jsonl")
    # bench.py's corpus, when it made one of this size (its stamp says
    # "MB SEED"; gen.py's default seed is 1); else this script's own,
    # stamped apart so that bench.py does not take it for its whole set
    def stamped(name, want):
        path = os.path.join(a.dir, name)
        return os.path.exists(path) and open(path).read().strip() == want
    if not (os.path.exists(plain) and
            (stamped("corpus.mb", "%g 1" % a.mb) or
             stamped("corpus-jsonl.mb", "%g" % a.mb))):
        subprocess.run([sys.executable, os.path.join(here, "gen.py"), "--mb",
                        str(a.mb), plain, os.devnull], check=True)
        if os.path.exists(os.path.join(a.dir, "corpus.mb")):
            os.remove(os.path.join(a.dir, "corpus.mb"))
        open(os.path.join(a.dir, "corpus-jsonl.mb"), "w").write("%g\n" % a.mb)
    urls = os.path.join(a.dir, "corpus-urls.jsonl")
    if not os.path.exists(urls) or os.path.getmtime(urls) < os.path.getmtime(plain):
        subprocess.run([sys.executable, os.path.join(here, "gen.py"), "--urls",
                        "--mb", str(a.mb), urls, os.devnull], check=True)
    w = os.path.abspath(a.winnow)
    print("sharded run: %s -j 2 -n 2 against one winnow; %d runs each, "
          "alternating; median wall time" % (os.path.basename(a.parallel), a.runs))
    print("| input | MB | one process s | 2 workers s | ratio | same bytes |")
    print("|---|---|---|---|---|---|")
    for name, path in (("JSONL", plain), ("JSONL with URLs", urls)):
        one, two = [], []
        o1 = os.path.join(a.dir, "one.zst")
        o2 = os.path.join(a.dir, "two.zst")
        for _ in range(a.runs):
            # -o refuses an existing file without --force
            for o in (o1, o2):
                if os.path.exists(o):
                    os.remove(o)
            one.append(run([w, "--date=2026-11-05", "-o", o1, path], None))
            two.append(run([a.parallel, "-j", "2", "-n", "2", "--winnow=" + w,
                            "--date=2026-11-05", "-o", o2, path], None))
        same = decompressed(o1) == decompressed(o2)
        m1, m2 = statistics.median(one), statistics.median(two)
        print("| %s | %.0f | %.2f | %.2f | %.2fx | %s |" % (
            name, os.path.getsize(path) / 1e6, m1, m2, m2 / m1,
            "yes" if same else "NO"))
        os.remove(o1)
        os.remove(o2)
        if not same:
            sys.exit(1)

if __name__ == "__main__":
    main()
