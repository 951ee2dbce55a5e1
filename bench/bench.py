#!/usr/bin/env python3
"""make bench: quality and speed of winnow on a generated corpus.

usage: bench.py --winnow PATH [--mb 100] [--runs 5] [--seed 1] [--dir DIR]

1. gen.py writes a deterministic scraped-news corpus (JSONL and the same
   documents as text) with its ideal output.
2. Quality: kept-token P/R/F1 (score_dedup.py) of winnow's duplicate
   removal (--keep-boilerplate: the ideal output knows duplicates, not
   boilerplate), of exact matching only (--near=0), of exact line dedup
   (what `awk '!seen[$0]++'` keeps, simulated per document), and of the
   default mode with boilerplate removal, for reference.
3. Speed, in one run, alternating the commands: the median wall time of
   --runs runs of winnow (default, --near=0) on the text corpus, of
   `mawk '!seen[$0]++' | zstd -3` and of `zstd -3` alone, as MB/s of
   input and as ratios to the mawk baseline; the peak RSS of each winnow
   run; bytes per stored fingerprint from --stats.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, shell=False):
    """Wall seconds and the peak RSS (KiB) of the children it started."""
    t = time.monotonic()
    subprocess.run(cmd, shell=shell, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - t


def peak_rss(cmd):
    out = subprocess.run([sys.executable, "-c",
                          "import resource,subprocess,sys;"
                          "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,check=True);"
                          "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"] + cmd,
                         check=True, capture_output=True, text=True)
    return int(out.stdout.strip())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--winnow", required=True)
    ap.add_argument("--mb", type=float, default=100)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", default="bench/out")
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    w = os.path.abspath(a.winnow)
    corpus = os.path.join(a.dir, "corpus.jsonl")
    text = os.path.join(a.dir, "corpus.txt")
    ideal = os.path.join(a.dir, "ideal.jsonl")
    if not os.path.exists(corpus):
        print("generating %.0f MB (seed %d)..." % (a.mb, a.seed), flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), "--seed", str(a.seed),
                        "--mb", str(a.mb), corpus, ideal], check=True)
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), "--seed", str(a.seed),
                        "--mb", str(a.mb), "--format", "text", text, os.devnull], check=True)
    size = os.path.getsize(text)
    print("corpus: %s, %.1f MB as text, %.1f MB as JSONL" % (a.dir, size / 1e6, os.path.getsize(corpus) / 1e6))

    print("\n## Quality (kept-token F1 against the ideal output)")
    outs = {}
    for label, opts in [("winnow --keep-boilerplate", ["--keep-boilerplate"]),
                        ("winnow --keep-boilerplate --near=0", ["--keep-boilerplate", "--near=0"]),
                        ("winnow (default, with boilerplate)", [])]:
        o = os.path.join(a.dir, "out-%d.jsonl" % len(outs))
        st = os.path.join(a.dir, "stats-%d.json" % len(outs))
        with open(o, "w") as f:
            subprocess.run([w, "--no-compress", "--stats=" + st] + opts + [corpus], check=True, stdout=f)
        outs[label] = (o, json.load(open(st)))
    lines = os.path.join(a.dir, "out-lines.jsonl")
    seen = set()
    with open(lines, "w") as o:
        for line in open(corpus, encoding="utf-8"):
            d = json.loads(line)
            keep = []
            for l in d["text"].split("\n"):
                if l not in seen:
                    seen.add(l)
                    keep.append(l)
            o.write(json.dumps({"id": d["id"], "text": "\n".join(keep)}) + "\n")
    outs["exact lines (awk '!seen[$0]++')"] = (lines, None)
    for label, (o, _) in outs.items():
        subprocess.run([sys.executable, os.path.join(HERE, "score_dedup.py"), ideal, o, label], check=True)
    st = outs["winnow --keep-boilerplate"][1]
    if st["fingerprints_held"]:
        print("fingerprints held %d in %d bytes: %.2f bytes per fingerprint (at exit; load between 3/8 and 3/4 before the cap)"
              % (st["fingerprints_held"], st["fingerprint_bytes"], st["fingerprint_bytes"] / st["fingerprints_held"]))

    print("\n## Speed (%d runs each, alternating; median wall time)" % a.runs)
    cmds = [
        ("winnow (default)", [w, text], False),
        ("winnow --near=0", [w, "--near=0", text], False),
        ("winnow --from=jsonl (default)", [w, corpus], False),
        ("mawk '!seen[$0]++' | zstd -3", "mawk '!seen[$0]++' %s | zstd -3 -q -c" % text, True),
        ("zstd -3", ["zstd", "-3", "-q", "-c", text], False),
    ]
    times = {c[0]: [] for c in cmds}
    for _ in range(a.runs):
        for label, cmd, shell in cmds:
            times[label].append(run(cmd, shell))
    base = statistics.median(times["mawk '!seen[$0]++' | zstd -3"])
    print("| command | median s | MB/s | vs mawk+zstd |")
    print("|---|---|---|---|")
    for label, cmd, shell in cmds:
        m = statistics.median(times[label])
        print("| %s | %.3f | %.1f | %.2fx |" % (label, m, size / 1e6 / m, base / m))
    d = statistics.median(times["winnow (default)"])
    e = statistics.median(times["winnow --near=0"])
    print("near-duplicate cost over exact-only: %.1f%% of throughput" % (100 * (1 - e / d)))
    for label, cmd in [("winnow (default)", [w, text]), ("winnow --near=0", [w, "--near=0", text])]:
        print("peak RSS %s: %.1f MiB" % (label, peak_rss(cmd) / 1024))


if __name__ == "__main__":
    main()
