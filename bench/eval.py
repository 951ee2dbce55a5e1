#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
"""make eval: how well winnow finds the main text of real pages, in a
way that cannot be overfit to them.

usage: eval.py --shared DIR --winnow BIN [--dir DIR] [--folds 5]
               [--jobs 2] [--no-cv] [--sets aeb,traf,wcxb] [--quick]

1. The dev pages of ../shared: article-extraction-benchmark (91 pages,
   ground-truth text), trafilatura-eval (495, "with"/"without" snippets),
   WCXB (1,109 of seven page types, ground-truth text), each read by
   winnow one process per page, as HTML and as its w3m text dump
   (--boilerplate=normal, --to=text).  Scores: the AEB metric of
   ../shared/tools/score.py (4-gram F1 of means of per-page P and R) and
   trafilatura's pooled snippet F1.  Pages whose output is empty while
   their ground truth is not are counted.
2. Cross-validation by site.  Every constant winnow tunes on these pages
   is listed in TUNABLES below with the values it is chosen from (winnow
   takes them from WINNOW_TUNE, bench/eval.py's hook); the pages are cut
   into --folds folds by their URL's host (a host's pages in one fold,
   across all three sets), and for each fold every tunable's value is the
   one that does best on the other folds (the mean of the five figures
   below, one tunable at a time, the others at their defaults or
   --tune's values); the fold's pages are then run with the values
   chosen so.  The
   cross-validated figure of a set is the metric over those held-out
   runs; beside it the figure with winnow's built-in values.  A figure
   much above its twin is one tuned to these pages.  With --margin M a
   value other than the built-in one is chosen only when it beats it by
   more than M (the built-in values were chosen on all the pages; a gain
   smaller than the noise of one page is no evidence; M < 0 is refused).
   make eval runs with 0 (any gain counts, as before the option).  With
   --tune the variations are made on its values, not the built-in ones.
3. Also printed: the w3m dump scored as it is (nothing removed), per set
   and page type: the floor every page type must stay above.

The objective (step 2): the mean of F1 on AEB HTML, AEB text, trafilatura
HTML, WCXB HTML (all types) and WCXB text.
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import subprocess
import sys
import zlib
from urllib.parse import urlsplit

# name: the values the cross-validation chooses from (the first is the
# built-in one).  winnow refuses an unknown name (WINNOW_TUNE).
TUNABLES = {
    "link_max": [0.5, 0.4, 0.6],
    "chrome_small": [0.1, 0.05, 0.2],
    "chrome_min_text": [50, 25, 100],
    "box_max_share": [1.01, 0.9, 0.8],
    "chrome_big": [0.5, 0.3, 0.7],
    "neutral": [1, 0],
    "link_summary_words": [15, 10, 25],
    "content_bonus": [1.5, 1.25, 2.0],
    "comments_after": [40, 20, 80],
    "comment_words": [12, 5, 8],
    "comment_share": [1.0, 2.0, 100000],
    "item_weight": [0.5, 0.25, 1.0],
    "lead_gap": [3, 2, 5],
    "min_words": [5, 7, 10],
    "min_stop": [0.1, 0.15, 0.2],
    "list_prose": [200, 100, 400],
    "bad_min": [3, 2, 5],
    "fallback_words": [50, 25, 100],
    "fallback_share": [0.1, 0.05, 0.2],
    "thread_cost": [0.5, 0.25, 1.0],
    "repeat_words": [12, 6, 0],
    "teaser_words": [25, 15, 0],
}


def host(url):
    h = urlsplit(url or "").hostname or ""
    return h[4:] if h.startswith("www.") else h


class Page:
    def __init__(self, set_, id_, html, text, gt=None, snippets=None,
                 url="", type_=None):
        self.set, self.id, self.html, self.text = set_, id_, html, text
        self.gt, self.snippets, self.url = gt, snippets, url
        self.host = host(url) or ("?" + id_)
        self.type = type_


def load(shared, sets):
    pages = []
    d = os.path.join(shared, "data")
    if "aeb" in sets:
        a = os.path.join(d, "article-extraction-benchmark")
        meta = {}
        for line in open(os.path.join(a, "meta.jsonl")):
            m = json.loads(line)
            meta[m["id"]] = m
        for i in open(os.path.join(a, "splits", "dev.txt")).read().split():
            pages.append(Page("aeb", i, os.path.join(a, "html", i + ".html"),
                              os.path.join(a, "text-w3m", i + ".txt"),
                              gt=os.path.join(a, "gt", i + ".txt"),
                              url=meta.get(i, {}).get("url", "")))
    if "traf" in sets:
        t = os.path.join(d, "trafilatura-eval")
        for i in open(os.path.join(t, "splits", "dev.txt")).read().split():
            sn = json.load(open(os.path.join(t, "snippets", i + ".json")))
            pages.append(Page("traf", i, os.path.join(t, "html", i + ".html"),
                              os.path.join(t, "text-w3m", i + ".txt"),
                              snippets=sn, url=sn.get("url", "")))
    if "wcxb" in sets:
        w = os.path.join(d, "wcxb-dev")
        for line in open(os.path.join(w, "meta.jsonl")):
            m = json.loads(line)
            i = m["id"]
            pages.append(Page("wcxb", i, os.path.join(w, "html", i + ".html"),
                              os.path.join(w, "text-w3m", i + ".txt"),
                              gt=os.path.join(w, "gt", i + ".txt"),
                              url=m.get("url", ""), type_=m.get("page_type")))
    return pages


def tune_string(cfg):
    return ",".join("%s=%s" % (k, v) for k, v in sorted(cfg.items()))


class Runner:
    """winnow on pages, with outputs cached by (input kind, config)."""

    def __init__(self, winnow, cache, jobs):
        self.winnow, self.cache, self.jobs = winnow, cache, jobs

    def one(self, page, kind, tune):
        key = hashlib.sha1((kind + "|" + tune).encode()).hexdigest()[:12]
        d = os.path.join(self.cache, key)
        out = os.path.join(d, page.set + "-" + page.id + ".txt")
        if not os.path.exists(out):
            os.makedirs(d, exist_ok=True)
            env = dict(os.environ)
            env["WINNOW_TUNE"] = tune
            src = page.html if kind == "html" else page.text
            with open(out + ".tmp", "wb") as f:
                subprocess.run([self.winnow, "--from=" + kind, "--to=text",
                                "--no-compress", "--threads=1", src],
                               stdout=f, stderr=subprocess.DEVNULL, env=env)
            os.replace(out + ".tmp", out)
        return open(out, "rb").read().decode("utf-8", "replace")

    def run(self, pages, kind, tune):
        with concurrent.futures.ThreadPoolExecutor(self.jobs) as ex:
            return dict(zip([(p.set, p.id) for p in pages],
                            ex.map(lambda p: self.one(p, kind, tune), pages)))


def load_score(shared):
    sys.path.insert(0, os.path.join(shared, "tools"))
    import score
    return score


class Scorer:
    def __init__(self, score):
        self.s = score
        self.gt_tokens = {}

    def page(self, p, pred):
        """Per page: ('full', normalised (tp, fp, fn)) or ('snip', counts)."""
        s = self.s
        if p.snippets is not None:
            pn = s.wsnorm(pred)
            a = sum(1 for w in p.snippets["with"] if s.wsnorm(w) in pn)
            b = sum(1 for w in p.snippets["without"] if s.wsnorm(w) in pn)
            return ("snip", (a, len(p.snippets["with"]) - a, b,
                             len(p.snippets["without"]) - b), pred.strip() == "")
        if p.gt not in self.gt_tokens:
            self.gt_tokens[p.gt] = s.tokenize(s.read_text(p.gt) or "")
        g = self.gt_tokens[p.gt]
        pt = s.tokenize(pred)
        return ("full", s.norm3(s.tp_fp_fn(g, pt, 4)), len(g) > 0 and len(pt) == 0)

    def has_truth(self, p):
        """Is p's ground truth not empty (snippet pages always have text)?"""
        if p.snippets is not None:
            return True
        if p.gt not in self.gt_tokens:
            self.gt_tokens[p.gt] = self.s.tokenize(self.s.read_text(p.gt) or "")
        return len(self.gt_tokens[p.gt]) > 0

    def metric(self, rows):
        """(F1, P, R, empties) over rows of page()."""
        if not rows:
            return (0.0, 0.0, 0.0, 0)
        empty = sum(1 for r in rows if r[2])
        if rows[0][0] == "snip":
            tp = sum(r[1][0] for r in rows)
            fn = sum(r[1][1] for r in rows)
            fp = sum(r[1][2] for r in rows)
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            return (2 * p * r / (p + r) if p + r else 0.0, p, r, empty)
        p, r, f = self.s.aeb_metrics([x[1] for x in rows])
        return (f, p, r, empty)


def groups(pages):
    """Named groups of pages a figure is given for."""
    g = [("aeb", "AEB", lambda p: p.set == "aeb"),
         ("traf", "trafilatura-eval", lambda p: p.set == "traf"),
         ("wcxb", "WCXB, all types", lambda p: p.set == "wcxb")]
    types = sorted({p.type for p in pages if p.set == "wcxb"})
    for t in types:
        g.append(("wcxb:" + t, "WCXB " + t, lambda p, t=t: p.set == "wcxb" and p.type == t))
    return g


OBJECTIVE = [("aeb", "html"), ("aeb", "text"), ("traf", "html"),
             ("wcxb", "html"), ("wcxb", "text")]


def fold_of(p, k):
    return zlib.crc32(p.host.encode()) % k


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--winnow", required=True)
    ap.add_argument("--dir", default="bench/out/eval")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sets", default="aeb,traf,wcxb")
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--kinds", default="html,text")
    ap.add_argument("--tune", default="",
                    help="WINNOW_TUNE for the built-in figures (to try a "
                         "value); the cross-validation varies each tunable "
                         "from these values")
    ap.add_argument("--margin", type=float, default=0.0,
                    help="choose a tunable's other value only when it beats "
                         "the built-in one (or --tune's) by more than this on "
                         "the training folds (mean F1 of the objective; 0: "
                         "any gain)")
    ap.add_argument("--tunables", default="",
                    help="cross-validate only these (comma-separated names "
                         "of TUNABLES; the others keep their built-in values)")
    a = ap.parse_args()
    if not a.margin >= 0:  # also refuses nan
        ap.error("--margin must be 0 or more")
    # --tune is the base every variation of the cross-validation is made on
    items = [kv.split("=", 1) for kv in a.tune.split(",") if kv]
    if any(len(kv) != 2 for kv in items):
        ap.error("--tune takes name=value,...")
    base_cfg = dict(items)
    a.tune = tune_string(base_cfg)
    if a.tunables:
        names = a.tunables.split(",")
        unknown = [n for n in names if n not in TUNABLES]
        if unknown:
            ap.error("unknown tunable: " + ", ".join(unknown))
        for n in list(TUNABLES):
            if n not in names:
                del TUNABLES[n]
    score = load_score(a.shared)
    sc = Scorer(score)
    pages = load(a.shared, a.sets.split(","))
    kinds = a.kinds.split(",")
    # a fresh cache per binary: its outputs are only valid for it
    st = os.stat(a.winnow)
    cache = os.path.join(a.dir, "%x-%x" % (st.st_mtime_ns, st.st_size))
    runner = Runner(os.path.abspath(a.winnow), cache, a.jobs)
    by = {(p.set, p.id): p for p in pages}

    def scores(kind, tune, subset=None):
        ps = subset if subset is not None else pages
        out = runner.run(ps, kind, tune)
        return {k: sc.page(by[k], v) for k, v in out.items()}

    base = {k: scores(k, a.tune) for k in kinds}
    cv = None
    if not a.no_cv and TUNABLES:
        # every one-tunable variation, on every page
        # each tunable's other values than the base's (--tune's, else the
        # built-in one)
        var, others = {}, {}
        for name, vals in TUNABLES.items():
            others[name] = [v for v in vals
                            if str(v) != base_cfg.get(name, str(vals[0]))]
            for v in others[name]:
                var[(name, v)] = {k: scores(k, tune_string(dict(base_cfg, **{name: v})))
                                  for k in kinds}

        def objective(s, keep):
            fs = []
            for set_, kind in OBJECTIVE:
                if kind not in s:
                    continue
                rows = [r for key, r in s[kind].items()
                        if by[key].set == set_ and keep(by[key])]
                if rows:
                    fs.append(sc.metric(rows)[0])
            return sum(fs) / len(fs) if fs else 0.0

        cv = {k: {} for k in kinds}
        chosen = []
        for f in range(a.folds):
            train = lambda p, f=f: fold_of(p, a.folds) != f
            cfg = {}
            for name in TUNABLES:
                best, bv = objective(base, train) + a.margin, None
                for v in others[name]:
                    o = objective(var[(name, v)], train)
                    if o > best + 1e-9:
                        best, bv = o, v
                if bv is not None:
                    cfg[name] = bv
            chosen.append(cfg)
            held = [p for p in pages if fold_of(p, a.folds) == f]
            for k in kinds:
                cv[k].update(scores(k, tune_string(dict(base_cfg, **cfg)), held))
        print("cross-validation: %d folds by site (%d hosts); values chosen per fold"
              " from %s, another value only when it gains more than %g mean F1"
              " on the training folds:" % (a.folds, len({p.host for p in pages}),
                                          ", ".join(TUNABLES), a.margin))
        for f, cfg in enumerate(chosen):
            print("  fold %d (%d pages): %s" % (f, sum(1 for p in pages if fold_of(p, a.folds) == f),
                                              tune_string(cfg) or ("--tune's values" if a.tune
                                                                     else "the built-in values")))
    # w3m dumps as they are
    floor = {(p.set, p.id): sc.page(p, open(p.text, "rb").read().decode("utf-8", "replace"))
             for p in pages}
    print()
    print("| set | input | pages | F1 (P, R) | cross-validated F1 (P, R) | empty outputs | w3m dump, nothing removed |")
    print("|---|---|---|---|---|---|---|")
    total_empty = total_nonempty = 0
    for name, label, sel in groups(pages):
        ps = [p for p in pages if sel(p)]
        if not ps:
            continue
        for k in kinds:
            rows = [base[k][(p.set, p.id)] for p in ps]
            f, pr, rc, empty = sc.metric(rows)
            if ":" not in name:
                total_empty += empty
                total_nonempty += sum(1 for p in ps if sc.has_truth(p))
            c = "-"
            if cv is not None:
                cf, cp, cr, _ = sc.metric([cv[k][(p.set, p.id)] for p in ps])
                c = "%.3f (%.3f, %.3f)" % (cf, cp, cr)
            fl = sc.metric([floor[(p.set, p.id)] for p in ps])[0]
            print("| %s | %s | %d | %.3f (%.3f, %.3f) | %s | %d | %.3f |"
                  % (label, k, len(ps), f, pr, rc, c, empty, fl))
    print()
    print("empty outputs where the ground truth is not empty: %d of %d page runs (%.2f%%)"
          % (total_empty, total_nonempty,
             100.0 * total_empty / max(1, total_nonempty)))


if __name__ == "__main__":
    main()
