#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
"""Generate a scraped-news corpus with known duplicate ground truth.

usage: gen.py [--seed N] [--mb SIZE] [--format jsonl|text|wet|html] OUT IDEAL
(html: OUT is a directory that receives one page per document)

Deterministic for a seed.  Writes the corpus to OUT and, to IDEAL, one
JSON line per document: {"id": ..., "text": ...} holding the ideal
cleaned text: every paragraph whose *unit* occurred earlier in the stream
removed, every other kept.  A unit is one piece of content: a story
paragraph, a headline, a site's template line, a byline.  Documents are
produced by these events, in random order:

  new story      a site publishes a story (new units), wrapped in the
                 site's template (navigation, footer, related links to
                 earlier headlines)
  syndication    another site publishes an earlier story in its own
                 template; each paragraph may carry typographic variants
                 (curly/straight quotes, dashes, NBSP, entities, case),
                 a changed word, an added first word, or mojibake
  update         the same site re-scrapes a story with one paragraph
                 replaced by a new one and small edits elsewhere
  doubled body   a new story whose body the scraper pasted twice, the
                 second copy's first paragraph starting with a new word
  exact copy     a document repeated byte for byte

New stories also quote a phrase (8 to 10 words) of an earlier story now
and then: those paragraphs are new and must be kept.
"""
import argparse
import html
import json
import os
import random
import zlib

NAV = ["Home", "World", "Politics", "Business", "Sport", "Culture",
       "Opinion", "Science", "Video", "Weather", "Travel", "Health"]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        r = self.r
        syll = ["ka", "ro", "mi", "ten", "sa", "lo", "ver", "an", "dis",
                "po", "re", "tur", "gal", "ne", "is", "or", "qua", "bel",
                "fi", "mon", "ut", "ex", "pra", "dun", "se", "ly", "cor"]
        words = set()
        while len(words) < 30000:
            words.add("".join(r.choice(syll) for _ in range(r.randint(1, 4))))
        self.words = sorted(words)
        r.shuffle(self.words)
        # Zipf-like weights: common words are very common
        self.cum = []
        total = 0.0
        for i in range(len(self.words)):
            total += 1.0 / (i + 1) ** 1.05
            self.cum.append(total)
        self.total = total
        self.unit = 0
        self.shared = {}    # template text used by many sites: one unit
        self.sites = []
        for s in range(40):
            name = self.word().capitalize() + " " + r.choice(["News", "Times", "Post", "Herald", "Daily"])
            nav = r.sample(NAV, r.randint(5, 9))
            footer = ["\u00a9 2024 %s. All rights reserved." % name,
                      "Privacy policy | Terms of use | Contact %s" % name.split()[0]]
            self.sites.append({"name": name,
                               "nav": [(self.shared_unit(n), n) for n in nav],
                               "footer": [(self.new_unit(), f) for f in footer],
                               "authors": [(self.new_unit(), "By %s %s" % (self.word().capitalize(), self.word().capitalize())) for _ in range(5)]})
        self.stories = []

    def shared_unit(self, text):
        if text not in self.shared:
            self.shared[text] = self.new_unit()
        return self.shared[text]

    def new_unit(self):
        self.unit += 1
        return self.unit

    def word(self):
        import bisect
        return self.words[bisect.bisect(self.cum, self.r.random() * self.total)]

    def sentence(self):
        r = self.r
        n = r.randint(8, 24)
        w = [self.word() for _ in range(n)]
        w[0] = w[0].capitalize()
        if r.random() < 0.3:
            w[r.randrange(1, n)] = self.word().capitalize()
        if r.random() < 0.15:
            i = r.randrange(1, n - 2)
            w[i] = "\"" + w[i]
            w[i + 1] = w[i + 1] + ",\""
        if r.random() < 0.2:
            w[r.randrange(1, n)] = "%d" % r.randint(2, 2025)
        if r.random() < 0.15:
            w[r.randrange(1, n)] += "'s"
        if r.random() < 0.2:
            w.insert(r.randrange(2, n), "-")
        return " ".join(w) + r.choice([".", ".", ".", "?", "!"])

    def paragraph(self, quote=None):
        r = self.r
        s = [self.sentence() for _ in range(r.randint(2, 4))]
        if quote:
            s.insert(r.randrange(len(s) + 1), "He said: \"%s\"." % quote)
        return " ".join(s)

    def new_story(self):
        r = self.r
        paras = []
        for _ in range(r.randint(5, 12)):
            quote = None
            if self.stories and r.random() < 0.08:
                src = r.choice(r.choice(self.stories)["paras"])[1].split()
                k = r.randint(8, 10)
                if len(src) > k + 1:
                    i = r.randrange(len(src) - k)
                    quote = " ".join(src[i:i + k])
            paras.append((self.new_unit(), self.paragraph(quote)))
        head = (self.new_unit(), " ".join(self.word().capitalize() for _ in range(r.randint(5, 10))))
        st = {"head": head, "paras": paras, "site": r.randrange(len(self.sites))}
        self.stories.append(st)
        return st

    # --- variants: same unit, different bytes ---------------------------
    def variant(self, text):
        r = self.r
        k = r.random()
        if k < 0.25:
            return text
        if k < 0.45:    # typography
            t = text.replace("\"", r.choice(["\u201c", "\u201d", "\""]))
            t = t.replace("'s", r.choice(["\u2019s", "&#8217;s", "'s"]))
            t = t.replace(" - ", r.choice([" \u2014 ", " \u2013 ", " - ", " &mdash; "]))
            if r.random() < 0.5:
                t = t.replace(" ", "\u00a0", 3)
            return t
        if k < 0.60:    # one word changed
            w = text.split(" ")
            i = r.randrange(len(w))
            w[i] = self.word()
            return " ".join(w)
        if k < 0.72:    # a word added in front
            return r.choice(["However,", "Meanwhile,", "Although", "And", "But"]) + " " + text[0].lower() + text[1:]
        if k < 0.82:    # mojibake of the punctuation, UTF-8 read as cp1252
            t = text.replace("\"", "\u201c").replace("'s", "\u2019s").replace(" - ", " \u2014 ")
            return t.encode("utf-8").decode("cp1252", errors="replace")
        if k < 0.90:    # white space and case
            return "  " + text.replace(". ", ".  ") + " "
        if k < 0.95:    # a sentence dropped (the rest is a near copy)
            s = text.split(". ")
            if len(s) > 2:
                del s[r.randrange(len(s))]
            return ". ".join(s)
        return text.upper() if len(text) < 80 else text

    def page(self, site, story, variants, replace=None):
        """One document: list of (unit, text)."""
        r = self.r
        s = self.sites[site]
        out = list(s["nav"])
        out.append((story["head"][0], self.variant(story["head"][1]) if variants else story["head"][1]))
        out.append(r.choice(s["authors"]))
        for i, (u, t) in enumerate(story["paras"]):
            if replace is not None and i == replace[0]:
                out.append(replace[1])
                continue
            out.append((u, self.variant(t) if variants else t))
        if len(self.stories) > 3:
            out.append((self.shared_unit("Related stories"), "Related stories"))
            # indices, not a copy of the list (quadratic in the corpus):
            # sample() draws from len(population) alone, so the same picks
            for i in r.sample(range(len(self.stories) - 1), 3):
                out.append(self.stories[i]["head"])
        out.extend(s["footer"])
        return out


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>%s</title>
<link rel="stylesheet" href="/static/site.css">
<style>body{font-family:Georgia,serif;margin:0}nav ul{display:flex;list-style:none}
.share-bar a{padding:4px}.related li{margin:2px 0}footer{color:#666;font-size:small}</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}
gtag('js',new Date());gtag('config','G-XXXXXXX',{'anonymize_ip':true,'page':location.pathname});
(function(w,d,s){var f=d.getElementsByTagName(s)[0],j=d.createElement(s);j.async=true;
j.src='https://ads.example/tag.js?site=1&amp;slot=top';f.parentNode.insertBefore(j,f);})(window,document,'script');</script>
</head><body class="single-post">
<header class="site-header"><a class="logo" href="/">Home</a>
<nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/business">Business</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<main><article><div class="share-bar"><a href="#">Share</a> <a href="#">Tweet</a></div>
<div class="entry-content">
%s</div></article></main>
<footer><p>&copy; 2026 Example News. All rights reserved.</p>
<script>document.querySelectorAll('a').forEach(function(a){a.rel='noopener'});</script></footer>
</body></html>
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mb", type=float, default=100)
    ap.add_argument("--format", default="jsonl", choices=["jsonl", "text", "wet", "html"])
    ap.add_argument("--urls", action="store_true",
                    help="jsonl: give each record a url on one of six sites "
                    "(by its page's menu line), so that site templates count")
    ap.add_argument("out")
    ap.add_argument("ideal")
    a = ap.parse_args()
    g = Gen(a.seed)
    r = g.r
    seen = set()
    size = 0
    n = 0
    docs = []
    if a.format == "html":
        os.makedirs(a.out, exist_ok=True)
    with open(a.out if a.format != "html" else os.devnull, "w", encoding="utf-8", newline="") as out, \
            open(a.ideal, "w", encoding="utf-8") as ideal:
        while size < a.mb * 1e6:
            k = r.random()
            if k < 0.45 or len(g.stories) < 5:
                st = g.new_story()
                units = g.page(st["site"], st, False)
            elif k < 0.70:
                st = r.choice(g.stories)
                units = g.page(r.randrange(len(g.sites)), st, True)
            elif k < 0.85:
                st = r.choice(g.stories)
                i = r.randrange(len(st["paras"]))
                units = g.page(st["site"], st, True, (i, (g.new_unit(), g.paragraph())))
            elif k < 0.90:
                st = g.new_story()
                units = g.page(st["site"], st, False)
                body = [(u, t) for (u, t) in units if any(u == p[0] for p in st["paras"])]
                first = body[0]
                body[0] = (first[0], r.choice(["Although", "And", "So"]) + " " + first[1][0].lower() + first[1][1:])
                at = units.index(st["paras"][-1]) + 1
                units = units[:at] + body + units[at:]
            else:
                units = r.choice(docs) if docs else None
                if units is None:
                    continue
            docs.append(units)
            if len(docs) > 2000:
                docs.pop(r.randrange(len(docs)))
            n += 1
            doc_id = "doc%07d" % n
            text = "\n".join(t for _, t in units)
            keep = []
            for u, t in units:
                if u not in seen:
                    keep.append(t)
                    seen.add(u)
            if a.format == "jsonl":
                rec = {"id": doc_id, "text": text, "source": "gen"}
                if a.urls:
                    rec["url"] = "https://www.site%d.example/%s" % (
                        zlib.crc32(text.split("\n", 1)[0].encode()) % 6, doc_id)
                line = json.dumps(rec, ensure_ascii=False) + "\n"
            elif a.format == "text":
                line = text + "\n\f\n"
            elif a.format == "html":
                # a page as CMS templates write one: head with styles and
                # scripts, navigation, the units as paragraphs, a footer
                paras = "".join("<p>%s</p>\n" % html.escape(t) for _, t in units)
                line = HTML_PAGE % (html.escape(units[0][1]), paras)
                with open(os.path.join(a.out, doc_id + ".html"), "w", encoding="utf-8") as f:
                    f.write(line)
            else:
                body = text.encode("utf-8")
                hdr = ("WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: http://site%d.example/%s\r\n"
                       "WARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n"
                       % (0, doc_id, doc_id, len(body)))
                line = hdr + text + "\r\n\r\n"
            if a.format != "html":
                out.write(line)
            size += len(line.encode("utf-8"))
            ideal.write(json.dumps({"id": doc_id if a.format != "wet" else "<urn:uuid:%s>" % doc_id,
                                    "text": "\n".join(keep)}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
