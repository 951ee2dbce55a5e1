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
   --runs runs of winnow's default pipeline on the text, JSONL and WET
   forms, of its exact-only mode, of --from=html on generated pages, of
   `mawk '!seen[$0]++' | zstd -3` on the text and on the JSONL, of `zstd
   -3` alone and of `zstd -3 -T2` compressing winnow's own output; MB/s
   and ratios to the mawk baseline on the text (and, for the JSONL, on
   the JSONL too), both as the ratio of the medians and as the median of
   each round's ratio; the median CPU time (user + system) of each; peak RSS, and
   peak RSS as the input grows from 100 MB to 1 GB of distinct text; instructions per input byte under callgrind on a
   5 MB slice (repeatable where time is not); bytes per stored
   fingerprint from --stats.
"""
import argparse
import glob
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, shell=False):
    """Wall seconds, and CPU seconds (user + system) of the processes it
    started: on two cores shared with other tenants the CPU time says
    what a pipeline costs when the wall time says how it was scheduled."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.monotonic()
    subprocess.run(cmd, shell=shell, check=True, stdout=subprocess.DEVNULL)
    wall = time.monotonic() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def peak_rss(cmd):
    out = subprocess.run([sys.executable, "-c",
                          "import resource,subprocess,sys;"
                          "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,check=True);"
                          "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"] + cmd,
                         check=True, capture_output=True, text=True)
    return int(out.stdout.strip())


def memory_growth(w, text, d):
    """Peak RSS as the input grows: the first 100 MB of the text, then 5
    copies of it made distinct (each non-blank line starts with the copy's
    number, so every key is new), about 1 GB, fed on standard input.  What
    is not the seen sets (--stats seen_bytes: the stream's keys and
    fingerprints) should stay the same."""
    if not shutil.which("mawk"):
        return
    stats = os.path.join(d, "growth-stats.json")
    feeds = [("100 MB", "head -c 100000000 %s" % text),
             ("5 distinct copies", "for i in 1 2 3 4 5; do mawk -v c=$i "
              "'{ if (length($0) > 0 && $0 != \"\\f\") print \"c\" c \" \" $0; else print }' "
              "%s; done" % text)]
    print("\n## Memory as the input grows (default mode, standard input)")
    print("| input | MB | peak RSS MiB | seen sets MiB | the rest MiB |")
    print("|---|---|---|---|---|")
    for label, feed in feeds:
        cmd = ("%s | %s -c 'import resource,subprocess,sys;"
               "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,check=True);"
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "
               "%s --stats=%s -" % (feed, sys.executable, w, stats))
        out = subprocess.run(cmd, shell=True, check=True, capture_output=True, text=True)
        rss = int(out.stdout.strip()) / 1024
        with open(stats) as f:
            st = json.load(f)
        seen = st["seen_bytes"] / 1048576
        print("| %s | %.0f | %.1f | %.1f | %.1f |" % (label, st["bytes_in"] / 1e6, rss, seen, rss - seen))
    print("(the rest: buffers, per-document sets and, at the peak, the old copy of a set "
          "that was doubling: up to half of the largest set)")


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
    wet = os.path.join(a.dir, "corpus.wet")
    pages = os.path.join(a.dir, "pages")
    ideal = os.path.join(a.dir, "ideal.jsonl")
    stamp = os.path.join(a.dir, "corpus.mb")
    if not os.path.exists(stamp) or open(stamp).read().strip() != "%g %d" % (a.mb, a.seed):
        print("generating %.0f MB (seed %d) as JSONL, text and WET, and %.0f MB of HTML pages..."
              % (a.mb, a.seed, a.mb / 4), flush=True)
        gen = [sys.executable, os.path.join(HERE, "gen.py"), "--seed", str(a.seed)]
        subprocess.run(gen + ["--mb", str(a.mb), corpus, ideal], check=True)
        subprocess.run(gen + ["--mb", str(a.mb), "--format", "text", text, os.devnull], check=True)
        subprocess.run(gen + ["--mb", str(a.mb), "--format", "wet", wet, os.devnull], check=True)
        shutil.rmtree(pages, ignore_errors=True)
        subprocess.run(gen + ["--mb", str(a.mb / 4), "--format", "html", pages, os.devnull], check=True)
        with open(stamp, "w") as f:
            f.write("%g %d\n" % (a.mb, a.seed))
    size = os.path.getsize(text)
    page_files = sorted(glob.glob(os.path.join(pages, "*.html")))
    page_bytes = sum(os.path.getsize(f) for f in page_files)
    print("corpus: %s, %.1f MB as text, %.1f MB as JSONL, %.1f MB as WET; %d HTML pages, %.1f MB"
          % (a.dir, size / 1e6, os.path.getsize(corpus) / 1e6, os.path.getsize(wet) / 1e6,
             len(page_files), page_bytes / 1e6))

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

    print("\n## Speed (%d runs each, alternating; median wall time; %d processors, so "
          "winnow's default is --threads=%d)" % (a.runs, os.cpu_count(), min(os.cpu_count(), 8)))
    # winnow's own output, uncompressed, for the zstd -T2 comparison
    plain = os.path.join(a.dir, "out-plain.jsonl")
    with open(plain, "w") as f:
        subprocess.run([w, "--no-compress", text], check=True, stdout=f)
    pagelist = os.path.join(a.dir, "pages.list")
    with open(pagelist, "w") as f:
        f.write("\n".join(page_files) + "\n")
    # each command's last field: the baseline its time is compared with.
    # The targets are ratios to the baseline on the text, for the
    # text and the JSONL (1.7x of it is kpu dedupe's 220 MB/s); mawk on the
    # JSONL is printed too, a harder baseline (a line is a whole document)
    MT = "mawk '!seen[$0]++' | zstd -3"
    MJ = "mawk '!seen[$0]++' | zstd -3, JSONL"
    cmds = [
        ("winnow (default), text", [w, text], False, size, MT),
        ("winnow --threads=1, text", [w, "--threads=1", text], False, size, MT),
        ("winnow (default), JSONL", [w, corpus], False, os.path.getsize(corpus), MT),
        ("winnow (default), WET", [w, wet], False, os.path.getsize(wet), None),
        ("winnow exact-only (--near=0 --keep-boilerplate), text",
         [w, "--near=0", "--keep-boilerplate", text], False, size, MT),
        ("winnow --from=html, pages", "xargs %s --from=html < %s" % (w, pagelist), True, page_bytes, None),
        (MT, "mawk '!seen[$0]++' %s | zstd -3 -q -c" % text, True, size, MT),
        (MJ, "mawk '!seen[$0]++' %s | zstd -3 -q -c" % corpus, True, os.path.getsize(corpus), MT),
        ("zstd -3", ["zstd", "-3", "-q", "-c", text], False, size, MT),
        ("zstd -3 -T2 of winnow's output", ["zstd", "-3", "-T2", "-q", "-c", plain], False, size, None),
    ]
    times = {c[0]: [] for c in cmds}
    cpu = {c[0]: [] for c in cmds}
    for _ in range(a.runs):
        for label, cmd, shell, _n, _b in cmds:
            wall, c = run(cmd, shell)
            times[label].append(wall)
            cpu[label].append(c)
    def paired(a, b):
        """The median over the rounds of a's time / b's time in the same
        round: on a shared machine whose speed drifts between rounds, a
        steadier figure than the ratio of the two medians."""
        return statistics.median(x / y for x, y in zip(times[a], times[b]))

    print("| command | median s | MB/s of its input | vs mawk+zstd on the text (time) "
          "| same, median of the rounds' ratios | median CPU s |")
    print("|---|---|---|---|---|---|")
    for label, cmd, shell, n, b in cmds:
        m = statistics.median(times[label])
        ratio = "%.2fx" % (statistics.median(times[b]) / m) if b else "-"
        pr = "%.2fx" % paired(b, label) if b else "-"
        print("| %s | %.3f | %.1f | %s | %s | %.2f |" % (label, m, n / 1e6 / m, ratio, pr,
                                                      statistics.median(cpu[label])))
    print("winnow (default) on the JSONL vs mawk+zstd on the same JSONL: %.2fx (rounds: %.2fx)"
          % (statistics.median(times[MJ]) / statistics.median(times["winnow (default), JSONL"]),
             paired(MJ, "winnow (default), JSONL")))
    d = statistics.median(times["winnow (default), text"])
    z2 = statistics.median(times["zstd -3 -T2 of winnow's output"])
    print("default pipeline wall time / zstd -3 -T2 of its output: %.2f (rounds: %.2f)"
          % (d / z2, paired("winnow (default), text", "zstd -3 -T2 of winnow's output")))
    print()
    for label, cmd in [("winnow (default), text", [w, text]),
                       ("winnow exact-only, text", [w, "--near=0", "--keep-boilerplate", text]),
                       ("winnow (default), WET", [w, wet])]:
        print("peak RSS %s: %.1f MiB" % (label, peak_rss(cmd) / 1024))
    memory_growth(w, text, a.dir)
    # instructions per input byte: repeatable where wall time is not
    if shutil.which("valgrind"):
        part = os.path.join(a.dir, "slice.txt")
        with open(text, "rb") as f, open(part, "wb") as o:
            o.write(f.read(5 * 1000 * 1000))
        for label, opts in [("default", []), ("exact-only", ["--near=0", "--keep-boilerplate"])]:
            r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                                w, "--no-compress", "--threads=1"] + opts + [part],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            ir = [l for l in r.stderr.splitlines() if "Collected" in l]
            if ir:
                n = int(ir[-1].split(":")[-1].strip())
                print("callgrind, %s, 5 MB of text, no compression: %.0f instructions per input byte"
                      % (label, n / os.path.getsize(part)))


if __name__ == "__main__":
    main()
