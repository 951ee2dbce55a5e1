#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
"""make bench: quality and speed of winnow on generated corpora.

usage: bench.py --winnow PATH [--mb 100] [--runs 5] [--seed 1] [--dir DIR]
                [--shared DIR] [--corpora real,synthetic]

Two corpora, each benchmarked whole in turn (the real-text one first):
real, written by gen_real.py from the real text in --shared (BBC
articles, the evaluation pages' boilerplate lines as site templates and
their non-English article text; in DIR/real), and synthetic, written by
gen.py (syllable words, a fixed template list; in DIR, where
shard_bench.py finds it).  Without --shared's data the real corpus is
left out, and that is said.  For each:

1. The generator writes a deterministic scraped-news corpus (JSONL, and
   the same documents as text and WET, and a quarter of the size as HTML
   pages) with its ideal output.
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

With both corpora a last table puts their figures side by side.
"""
import argparse
import glob
import hashlib
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


def cell(label):
    """A table cell: a command's | would end it."""
    return label.replace("|", "\\|")


def generate(gen, name, d, mb, seed, stamp_text, summary=None):
    """The corpus of one generator in d: JSONL with its ideal output, the
    same documents as text and as WET, and a quarter of the size as HTML
    pages; kept while d's stamp says the same size, seed and generator."""
    corpus = os.path.join(d, "corpus.jsonl")
    stamp = os.path.join(d, "corpus.mb")
    if os.path.exists(stamp) and open(stamp).read().strip() == stamp_text:
        return
    print("generating %.0f MB (seed %d, %s) as JSONL, text and WET, and %.0f MB of HTML pages..."
          % (mb, seed, name, mb / 4), flush=True)
    gen = gen + ["--seed", str(seed)]
    t = time.monotonic()
    subprocess.run(gen + ["--mb", str(mb)] + (["--summary", summary] if summary else [])
                   + [corpus, os.path.join(d, "ideal.jsonl")], check=True)
    print("(JSONL and its ideal output in %.1f s)" % (time.monotonic() - t), flush=True)
    subprocess.run(gen + ["--mb", str(mb), "--format", "text", os.path.join(d, "corpus.txt"), os.devnull],
                   check=True)
    subprocess.run(gen + ["--mb", str(mb), "--format", "wet", os.path.join(d, "corpus.wet"), os.devnull],
                   check=True)
    pages = os.path.join(d, "pages")
    shutil.rmtree(pages, ignore_errors=True)
    subprocess.run(gen + ["--mb", str(mb / 4), "--format", "html", pages, os.devnull], check=True)
    with open(stamp, "w") as f:
        f.write(stamp_text + "\n")


def describe_real(summary):
    """A few lines on the real-text corpus from gen_real.py --summary."""
    if not os.path.exists(summary):
        return
    s = json.load(open(summary))
    ev = ["%s %d" % (k, s.get(k, 0)) for k in
          ("new story", "syndication", "update", "doubled body", "exact copy")]
    langs = sorted(((k[len("bytes_lang_"):], v) for k, v in s.items() if k.startswith("bytes_lang_")),
                   key=lambda x: -x[1])
    tot = sum(v for _, v in langs) or 1
    print("real-text corpus: %d documents (%s), %d stories (%d real, %d derived), %d quoted phrases; "
          "story text %.0f%%, site templates %.0f%% of the bytes; by site language: %s; "
          "generated in %.1f CPU s (%.1f s reading ../shared)"
          % (s["documents"], ", ".join(ev), s["stories"], s.get("stories_real", 0),
             s.get("stories_derived", 0), s.get("quotes", 0),
             100 * s.get("bytes_story", 0) / tot, 100 * s.get("bytes_template", 0) / tot,
             ", ".join("%s %.1f%%" % (l, 100 * v / tot) for l, v in langs),
             s.get("cpu_seconds_read", 0) + s.get("cpu_seconds_generate", 0), s.get("cpu_seconds_read", 0)))


def quality(w, d, corpus, ideal):
    """Kept-token F1 of winnow's modes and of exact line dedup; returns
    winnow --keep-boilerplate's --stats and the F1 of each."""
    print("\n## Quality (kept-token F1 against the ideal output)")
    outs = {}
    for label, opts in [("winnow --keep-boilerplate", ["--keep-boilerplate"]),
                        ("winnow --keep-boilerplate --near=0", ["--keep-boilerplate", "--near=0"]),
                        ("winnow (default, with boilerplate)", [])]:
        o = os.path.join(d, "out-%d.jsonl" % len(outs))
        st = os.path.join(d, "stats-%d.json" % len(outs))
        with open(o, "w") as f:
            subprocess.run([w, "--no-compress", "--stats=" + st] + opts + [corpus], check=True, stdout=f)
        outs[label] = (o, json.load(open(st)))
    lines = os.path.join(d, "out-lines.jsonl")
    seen = set()
    with open(lines, "w") as o:
        for line in open(corpus, encoding="utf-8"):
            doc = json.loads(line)
            keep = []
            for l in doc["text"].split("\n"):
                if l not in seen:
                    seen.add(l)
                    keep.append(l)
            o.write(json.dumps({"id": doc["id"], "text": "\n".join(keep)}) + "\n")
    outs["exact lines (awk '!seen[$0]++')"] = (lines, None)
    f1 = {}
    for label, (o, _) in outs.items():
        r = subprocess.run([sys.executable, os.path.join(HERE, "score_dedup.py"), ideal, o, label],
                           check=True, capture_output=True, text=True)
        sys.stdout.write(r.stdout)
        f1[label] = r.stdout.strip().rsplit("F1=", 1)[-1]
    st = outs["winnow --keep-boilerplate"][1]
    if st["fingerprints_held"]:
        print("fingerprints held %d in %d bytes: %.2f bytes per fingerprint (at exit; load between 3/8 and 3/4 before the cap)"
              % (st["fingerprints_held"], st["fingerprint_bytes"], st["fingerprint_bytes"] / st["fingerprints_held"]))
    return f1


def speed(w, d, runs):
    """The speed table; returns {label: (MB/s, ratio to mawk on the text)}."""
    corpus = os.path.join(d, "corpus.jsonl")
    text = os.path.join(d, "corpus.txt")
    wet = os.path.join(d, "corpus.wet")
    size = os.path.getsize(text)
    page_files = sorted(glob.glob(os.path.join(d, "pages", "*.html")))
    page_bytes = sum(os.path.getsize(f) for f in page_files)
    print("\n## Speed (%d runs each, alternating; median wall time; %d processors, so "
          "winnow's default is --threads=%d)" % (runs, os.cpu_count(), min(os.cpu_count(), 8)))
    # winnow's own output, uncompressed, for the zstd -T2 comparison
    plain = os.path.join(d, "out-plain.jsonl")
    with open(plain, "w") as f:
        subprocess.run([w, "--no-compress", text], check=True, stdout=f)
    pagelist = os.path.join(d, "pages.list")
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
    for _ in range(runs):
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
    fig = {}
    for label, cmd, shell, n, b in cmds:
        m = statistics.median(times[label])
        ratio = "%.2fx" % (statistics.median(times[b]) / m) if b else "-"
        pr = "%.2fx" % paired(b, label) if b else "-"
        fig[label] = (n / 1e6 / m, ratio)
        print("| %s | %.3f | %.1f | %s | %s | %.2f |" % (cell(label), m, n / 1e6 / m, ratio, pr,
                                                      statistics.median(cpu[label])))
    print("winnow (default) on the JSONL vs mawk+zstd on the same JSONL: %.2fx (rounds: %.2fx)"
          % (statistics.median(times[MJ]) / statistics.median(times["winnow (default), JSONL"]),
             paired(MJ, "winnow (default), JSONL")))
    dt = statistics.median(times["winnow (default), text"])
    z2 = statistics.median(times["zstd -3 -T2 of winnow's output"])
    fig["default / zstd -T2"] = (None, "%.2f" % (dt / z2))
    print("default pipeline wall time / zstd -3 -T2 of its output: %.2f (rounds: %.2f)"
          % (dt / z2, paired("winnow (default), text", "zstd -3 -T2 of winnow's output")))
    print()
    for label, cmd in [("winnow (default), text", [w, text]),
                       ("winnow exact-only, text", [w, "--near=0", "--keep-boilerplate", text]),
                       ("winnow (default), WET", [w, wet])]:
        rss = peak_rss(cmd) / 1024
        fig["peak RSS " + label] = (None, "%.1f MiB" % rss)
        print("peak RSS %s: %.1f MiB" % (label, rss))
    return fig


def callgrind(w, d):
    """Instructions per input byte on the text's first 5 MB: repeatable
    where time is not."""
    fig = {}
    if not shutil.which("valgrind"):
        return fig
    text = os.path.join(d, "corpus.txt")
    part = os.path.join(d, "slice.txt")
    with open(text, "rb") as f, open(part, "wb") as o:
        o.write(f.read(5 * 1000 * 1000))
    for label, opts in [("default", []), ("exact-only", ["--near=0", "--keep-boilerplate"])]:
        r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                            w, "--no-compress", "--threads=1"] + opts + [part],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        ir = [l for l in r.stderr.splitlines() if "Collected" in l]
        if ir:
            n = int(ir[-1].split(":")[-1].strip())
            fig[label] = n / os.path.getsize(part)
            print("callgrind, %s, 5 MB of text, no compression: %.0f instructions per input byte"
                  % (label, n / os.path.getsize(part)))
    return fig


def bench_corpus(w, d, runs):
    """Quality, speed, memory and instructions on the corpus in d."""
    text = os.path.join(d, "corpus.txt")
    corpus = os.path.join(d, "corpus.jsonl")
    page_files = glob.glob(os.path.join(d, "pages", "*.html"))
    print("corpus: %s, %.1f MB as text, %.1f MB as JSONL, %.1f MB as WET; %d HTML pages, %.1f MB"
          % (d, os.path.getsize(text) / 1e6, os.path.getsize(corpus) / 1e6,
             os.path.getsize(os.path.join(d, "corpus.wet")) / 1e6, len(page_files),
             sum(os.path.getsize(f) for f in page_files) / 1e6))
    f1 = quality(w, d, corpus, os.path.join(d, "ideal.jsonl"))
    fig = speed(w, d, runs)
    memory_growth(w, text, d)
    ins = callgrind(w, d)
    return f1, fig, ins


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--winnow", required=True)
    ap.add_argument("--mb", type=float, default=100)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", default="bench/out")
    ap.add_argument("--shared", default=os.path.normpath(os.path.join(HERE, "..", "..", "shared")),
                    help="the shared data (default: ../shared beside the source tree)")
    ap.add_argument("--corpora", default="real,synthetic",
                    help="which corpora, in order: real (gen_real.py, needs --shared), synthetic (gen.py)")
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    w = os.path.abspath(a.winnow)
    corpora = [c for c in a.corpora.split(",") if c]
    if "real" in corpora and not os.path.isdir(os.path.join(a.shared, "data", "bbc")):
        print("%s/data not found: no real-text corpus, fell back to the synthetic corpus (gen.py)"
              % a.shared)
        corpora = [c for c in corpora if c != "real"] or ["synthetic"]
    results = {}
    for c in corpora:
        if c == "real":
            d = os.path.join(a.dir, "real")
            os.makedirs(d, exist_ok=True)
            gen_file = os.path.join(HERE, "gen_real.py")
            sig = hashlib.sha1(open(gen_file, "rb").read()).hexdigest()[:12]
            summary = os.path.join(d, "summary.json")
            generate([sys.executable, gen_file, "--shared", a.shared], "gen_real.py", d, a.mb, a.seed,
                     "%g %d %s %s" % (a.mb, a.seed, sig, os.path.abspath(a.shared)), summary)
            print("\n# Real-text corpus (gen_real.py: BBC articles, the pages' real boilerplate "
                  "and non-English article text from %s)" % a.shared)
            describe_real(summary)
        elif c == "synthetic":
            d = a.dir
            # the stamp's form is shard_bench.py's too: it reuses corpus.jsonl
            generate([sys.executable, os.path.join(HERE, "gen.py")], "gen.py", d, a.mb, a.seed,
                     "%g %d" % (a.mb, a.seed))
            print("\n# Synthetic corpus (gen.py: syllable words, a fixed template list)")
        else:
            sys.exit("bench.py: unknown corpus %r" % c)
        results[c] = bench_corpus(w, d, a.runs)
    if len(results) > 1:
        names = list(results)
        print("\n## The corpora side by side (MB/s; ratio to mawk '!seen[$0]++' | zstd -3 "
              "on the same corpus's text)")
        print("| | " + " | ".join(names) + " |")
        print("|---|" + "---|" * len(names))
        rows = [("F1, " + k, lambda r, k=k: r[0].get(k, "-")) for k in
                ("winnow --keep-boilerplate", "winnow --keep-boilerplate --near=0",
                 "winnow (default, with boilerplate)", "exact lines (awk '!seen[$0]++')")]
        for label in results[names[0]][1]:
            def fig(r, label=label):
                mbs, ratio = r[1].get(label, (None, "-"))
                if mbs is None:
                    return ratio
                return "%.1f MB/s%s" % (mbs, "" if ratio == "-" else ", " + ratio)
            rows.append((label, fig))
        for k in ("default", "exact-only"):
            rows.append(("callgrind instructions per input byte, " + k,
                         lambda r, k=k: "%.0f" % r[2][k] if k in r[2] else "-"))
        for label, f in rows:
            print("| %s | %s |" % (cell(label), " | ".join(cell(f(results[n])) for n in names)))


if __name__ == "__main__":
    main()
