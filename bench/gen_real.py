#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
"""Generate a scraped-news corpus of real text with known duplicate ground truth.

usage: gen_real.py [--shared DIR] [--seed N] [--mb SIZE]
                   [--format jsonl|text|wet|html] [--urls] [--summary FILE]
                   OUT IDEAL
       gen_real.py [--shared DIR] --describe

The same events and the same ideal output as gen.py (read its docstring):
new story, syndication on another site with typographic, entity,
word-edit and mojibake variants, update with a replaced paragraph,
doubled body, exact copy, quoted phrases of earlier stories; IDEAL holds
every document's paragraphs whose unit did not occur earlier.  What
differs is the text, all of it read at run time from ../shared (never
copied into the project):

  pages       article-extraction-benchmark (its 91 dev pages),
              trafilatura-eval (495, mostly German) and WCXB's article
              pages (645 of its 1,109: the others are shops, forums,
              documentation), each with its w3m text dump.
  stories     English: the BBC News corpus (data/bbc, title on the first
              line, byte-identical files skipped).  Other languages: the
              ground-truth text of the non-English pages of
              article-extraction-benchmark and WCXB (gt/<id>.txt) and the
              article lines of trafilatura-eval's pages (see below), the
              page's <title> as headline.  A story's language is drawn
              with the proportions of those languages among the pages.
              Each real article is published once; when a language has
              none left, a new story is derived from a random real one of
              it by replacing 40% of its words with words drawn by their
              frequency in that language's text (a unigram table), so that
              it is a new unit but reads like the language.  A line of a
              real article that is a near copy of an earlier line (40% of
              5-word shingles shared, either way) is left out: winnow would
              rightly remove it, but it would be a unit of its own here.
  templates   each of 40 sites takes the boilerplate lines of one real
              page of its language (w3m text dumps): the lines before the
              article (navigation, cookie notices, up to 2,500 bytes),
              the lines inside it that are not article text (up to 1,000
              bytes, put at the same relative place in every body) and the
              lines after it (related lists, footer, up to 2,500 bytes).
              A line is boilerplate when the page's ground truth does not
              contain it: for article-extraction-benchmark and WCXB (its
              article pages), a line of fewer than 4 words that is no line
              of gt/<id>.txt, or a longer one sharing under 20% of its
              4-word shingles with it (20-50%: unsure, not used).  For
              trafilatura-eval, which only has snippets: the article is
              the lines from the first to the last line holding a "with"
              snippet, widened over the adjacent lines of 6 words or more;
              a line is boilerplate when it holds a "without" snippet, or
              lies before the last "without" line above the article or
              after the first one below it, or is a line of fewer than 8
              words outside the article and more than 2 lines from it.
              Sites get languages by the pages' proportions (every
              language with 3 pages or more gets one site).  Bylines are
              real "By/Von/Par..." lines of the pages.  Related links are
              headlines of earlier stories of the same language.

--format html writes each document as a page: the template's lines in a
header's navigation and a footer, the story in an article, the inner
lines in ad boxes, the related links in an aside.

Quoted phrases go into paragraphs of 20 words or more (gen.py's have 16
to 96), so that the paragraph stays mostly new.

A unit is identified by its text's matching key (NFKC, case-folded,
letters and digits only, as winnow's key drops punctuation and spaces):
two real lines with the same key are one unit, as winnow would see them.

--describe prints what was read (pages, languages, template sizes) and
exits.  --summary writes the counts of events, stories and bytes (story
text and template, by site language) and the CPU seconds (reading shared/,
generating, each 25 MB of output) as JSON.
"""
import argparse
import bisect
import collections
import glob
import hashlib
import html
import json
import os
import random
import re
import sys
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared"))

KEYRE = re.compile(r"[^\W_]+")
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD = re.compile(r"[^\W\d_]+")
WORD_CJK = re.compile("[%s]|[^\\W\\d_]+" % CJK)
SENT = re.compile(r"(?<=[.!?])\s+|(?<=[\u3002\uff01\uff1f])")

# a few stop words per language, for telling the pages' languages apart
STOP = {
    "en": "the of and to in is that for it was on with as are be this by at from have not",
    "de": "der die und den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass",
    "fr": "le la les de des et un une du est que pour dans qui pas sur au par plus ce avec il sont",
    "es": "el la de que y en los del las un por con no una para es se al lo como más",
    "it": "il di che la e un per non una sono del della le si con da al dei gli",
    "pt": "o de que e do da em um para com não uma os no se na por mais as dos",
    "nl": "de het een van en is dat op te zijn voor met niet aan er ook",
    "pl": "i w nie na się z do to że jest o jak po co ale za od tak",
    "sv": "och att det som en på är av för med till den har de inte om ett",
    "fi": "ja on ei että se oli hän mutta kun myös ovat tai joka sen",
    "tr": "ve bir bu da için ile olarak çok daha gibi olan",
}
STOPMAP = collections.defaultdict(list)
for _lang, _words in sorted(STOP.items()):
    for _w in _words.split():
        STOPMAP[_w].append(_lang)
# per language: related-links heading, the quote sentence, words put in
# front of a paragraph (variants, the doubled body), the byline prefix
LOCALE = {
    "en": ("Related stories", "He said: \"%s\".", ["However,", "Meanwhile,", "Although", "And", "But"], "By"),
    "de": ("Mehr zum Thema", "Er sagte: \u201e%s\u201c.", ["Aber", "Und", "Doch", "Allerdings", "Inzwischen"], "Von"),
    "fr": ("\u00c0 lire aussi", "Il a d\u00e9clar\u00e9 : \u00ab %s \u00bb.", ["Mais", "Et", "Cependant,", "Pourtant,", "Entre-temps,"], "Par"),
    "es": ("Noticias relacionadas", "Dijo: \u00ab%s\u00bb.", ["Pero", "Y", "Sin embargo,", "Mientras tanto,", "Aunque"], "Por"),
    "it": ("Articoli correlati", "Ha detto: \u00ab%s\u00bb.", ["Ma", "E", "Tuttavia,", "Intanto,", "Anche se"], "Di"),
    "pt": ("Not\u00edcias relacionadas", "Ele disse: \"%s\".", ["Mas", "E", "No entanto,", "Entretanto,", "Embora"], "Por"),
    "nl": ("Gerelateerd", "Hij zei: \"%s\".", ["Maar", "En", "Echter,", "Intussen,"], "Door"),
    "pl": ("Zobacz te\u017c", "Powiedzia\u0142: \u201e%s\u201d.", ["Ale", "I", "Jednak", "Tymczasem", "Chocia\u017c"], "Autor:"),
    "ru": ("\u0427\u0438\u0442\u0430\u0439\u0442\u0435 \u0442\u0430\u043a\u0436\u0435", "\u041e\u043d \u0441\u043a\u0430\u0437\u0430\u043b: \u00ab%s\u00bb.", ["\u041d\u043e", "\u0418", "\u041e\u0434\u043d\u0430\u043a\u043e,"], "\u0410\u0432\u0442\u043e\u0440:"),
    "ja": ("\u95a2\u9023\u8a18\u4e8b", "\u5f7c\u306f\u300c%s\u300d\u3068\u8ff0\u3079\u305f\u3002", ["\u3057\u304b\u3057\u3001", "\u307e\u305f\u3001", "\u4e00\u65b9\u3001"], "\u6587\uff1a"),
    "zh": ("\u76f8\u5173\u6587\u7ae0", "\u4ed6\u8bf4\uff1a\u201c%s\u201d\u3002", ["\u4f46\u662f\uff0c", "\u540c\u65f6\uff0c", "\u800c\u4e14\uff0c"], "\u4f5c\u8005\uff1a"),
}
NOSPACE = ("ja", "zh")


def in_front(word, text, lang):
    """text with word put in front (lower-casing its first letter but in
    German, whose nouns keep their capital)."""
    if lang in NOSPACE:
        return word + text
    return word + " " + (text if lang == "de" else text[0].lower() + text[1:])


def key(t):
    """The matching key of a line: NFKC, case-folded, letters and digits."""
    if not t.isascii():
        t = unicodedata.normalize("NFKC", t)
    return "".join(KEYRE.findall(t.casefold()))


def key_words(t):
    return KEYRE.findall(unicodedata.normalize("NFKC", t).casefold())


def shingles(w):
    """The 4-word shingles of a list of words."""
    return set(zip(w, w[1:], w[2:], w[3:]))


SCRIPTS = [(name, re.compile(rx)) for name, rx in [
    ("kana", "[\u3040-\u30ff]"), ("han", "[\u4e00-\u9fff]"), ("hangul", "[\uac00-\ud7af]"),
    ("cyrillic", "[\u0400-\u052f]"), ("arabic", "[\u0600-\u06ff]"), ("latin", "[A-Za-z\u00c0-\u024f]")]]


def language(text):
    """Script first (kana/han, Hangul, Cyrillic, Arabic), then stop words;
    None when neither tells."""
    text = text[:5000]
    n = {name: rx.subn("", text)[1] for name, rx in SCRIPTS}
    cjk = n["kana"] + n["han"]
    m = max(cjk, n["hangul"], n["cyrillic"], n["arabic"], n["latin"])
    if m == 0:
        return None
    if m > n["latin"]:
        if m == cjk:
            return "ja" if n["kana"] > 0.1 * n["han"] else "zh"
        return {n["hangul"]: "ko", n["cyrillic"]: "ru", n["arabic"]: "ar"}[m]
    c = collections.Counter()
    for w in WORD.findall(text.lower()):
        for k in STOPMAP.get(w, ()):
            c[k] += 1
    if not c:
        return None
    return max(sorted(c), key=lambda k: c[k])


def read_text(path):
    b = open(path, "rb").read()
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("cp1252", errors="replace")


def html_title(path):
    with open(path, "rb") as f:
        t = f.read(300000).decode("utf-8", errors="replace")
    m = re.search(r"<title[^>]*>(.*?)</title>", t, re.S | re.I)
    if not m:
        return None
    t = " ".join(html.unescape(m.group(1)).split())
    parts = [p.strip() for p in re.split(r" [-|\u2013\u2014:]+ ", t) if p.strip()]
    if not parts:
        return None
    if len(parts[0].split()) >= 3 or (parts[0] and not parts[0].isascii()):
        return parts[0]
    return max(parts, key=len)


# --- the pages: boilerplate lines and article lines ----------------------
class Page:
    def __init__(self, dataset, pid, url):
        self.dataset, self.id, self.url = dataset, pid, url
        self.host = re.sub(r"^https?://", "", url).split("/")[0].lower()
        self.head, self.inner, self.foot = [], [], []    # boilerplate
        self.content = []                               # article lines
        self.inner_at = []      # relative place of each inner line
        self.lang = None
        self.title = None


def split_page(page, lines, cls):
    """Boilerplate lines before, inside and after the article's span."""
    c = [j for j, x in enumerate(cls) if x == "c"]
    if not c:
        return
    a, b = c[0], c[-1]
    for j, (l, x) in enumerate(zip(lines, cls)):
        if x != "b":
            continue
        if j < a:
            page.head.append(l)
        elif j > b:
            page.foot.append(l)
        else:
            page.inner.append(l)
            page.inner_at.append((j - a) / max(1, b - a))


def classify_gt(lines, gt_lines):
    gtkeys = {key(x) for x in gt_lines}
    g4 = set()
    for x in gt_lines:
        g4 |= shingles(key_words(x))
    cls = []
    for l in lines:
        if not l:
            cls.append(None)
            continue
        w = key_words(l)
        if len(w) < 4:
            cls.append("c" if key(l) in gtkeys else "b")
            continue
        s = shingles(w)
        f = len(s & g4) / len(s)
        cls.append("c" if f >= 0.5 else "b" if f < 0.2 else "?")
    return cls


def classify_snippets(lines, snip):
    wk = [k for k in (key(s) for s in snip.get("with", [])) if k]
    ok = [k for k in (key(s) for s in snip.get("without", [])) if k]
    lk = [key(l) for l in lines]
    nonblank = [j for j, l in enumerate(lines) if l]
    has_with = [j for j in nonblank if any(s in lk[j] for s in wk)]
    has_without = [j for j in nonblank if any(s in lk[j] for s in ok) and j not in has_with]
    cls = [None if not l else "?" for l in lines]
    if not has_with:
        return cls
    pos = {j: n for n, j in enumerate(nonblank)}
    a, b = pos[has_with[0]], pos[has_with[-1]]
    # widen the article over adjacent lines of running text
    while a > 0 and len(key_words(lines[nonblank[a - 1]])) >= 6 and nonblank[a - 1] not in has_without:
        a -= 1
    while b + 1 < len(nonblank) and len(key_words(lines[nonblank[b + 1]])) >= 6 and nonblank[b + 1] not in has_without:
        b += 1
    above = [pos[j] for j in has_without if pos[j] < a]
    below = [pos[j] for j in has_without if pos[j] > b]
    top = max(above) if above else -1
    bottom = min(below) if below else len(nonblank)
    for n, j in enumerate(nonblank):
        if j in has_without:
            cls[j] = "b"
        elif a <= n <= b:
            cls[j] = "c"
        elif n <= top or n >= bottom:
            cls[j] = "b"
        elif (n < a - 2 or n > b + 2) and len(key_words(lines[j])) < 8:
            cls[j] = "b"
    return cls


def load_pages(shared):
    d = os.path.join(shared, "data")
    pages = []
    sets = [("article-extraction-benchmark", os.path.join(d, "article-extraction-benchmark", "splits", "dev.txt")),
            ("wcxb-dev", os.path.join(d, "wcxb-dev", "ids", "type-article.txt")),
            ("trafilatura-eval", None)]
    for name, ids_file in sets:
        base = os.path.join(d, name)
        if not os.path.isdir(base):
            continue
        urls = {}
        for line in open(os.path.join(base, "meta.jsonl"), encoding="utf-8"):
            o = json.loads(line)
            urls[o["id"]] = o["url"]
        if ids_file:
            ids = [l.strip() for l in open(ids_file) if l.strip()]
        else:
            ids = sorted(urls)
        for pid in ids:
            tp = os.path.join(base, "text-w3m", pid + ".txt")
            if not os.path.exists(tp):
                continue
            lines = [" ".join(l.split()) for l in read_text(tp).split("\n")]
            p = Page(name, pid, urls.get(pid, "http://unknown.example/"))
            gt = os.path.join(base, "gt", pid + ".txt")
            if os.path.exists(gt):
                p.content = [" ".join(l.split()) for l in read_text(gt).split("\n") if l.strip()]
                cls = classify_gt(lines, p.content)
            else:
                sp = os.path.join(base, "snippets", pid + ".json")
                cls = classify_snippets(lines, json.load(open(sp, encoding="utf-8")))
                p.content = [l for l, x in zip(lines, cls) if x == "c"]
            split_page(p, lines, cls)
            p.lang = language("\n".join(p.content))
            p.html = os.path.join(base, "html", pid + ".html")
            pages.append(p)
    return pages


def load_bbc(shared):
    arts = []
    seen = set()
    for path in sorted(glob.glob(os.path.join(shared, "data", "bbc", "*", "*.txt"))):
        b = open(path, "rb").read()
        if b in seen:
            continue
        seen.add(b)
        lines = [" ".join(l.split()) for l in read_text(path).split("\n")]
        lines = [l for l in lines if l]
        if len(lines) >= 2:
            arts.append((lines[0], lines[1:]))
    return arts


def prune_near(articles, n=5, limit=0.4):
    """Take out of the real articles each line that shares 40% of its
    5-word shingles with an earlier line (or 40% of an earlier line's own
    shingles with it), an article when it keeps fewer than 2 lines: the
    corpora hold near-copies of one story (the BBC's same article under
    two topics, a site's author box), which winnow rightly removes as near
    duplicates, but which would be distinct units here.  Lines with the
    same key stay: they are one unit.  Returns the count of lines taken."""
    post = collections.defaultdict(list)     # shingle -> earlier lines
    size = []
    keys = set()
    taken = 0
    for lang in sorted(articles):
        kept_arts = []
        for title, paras in articles[lang]:
            kept = []
            for t in [title] + paras:
                k = key(t)
                if k in keys:
                    kept.append(t)
                    continue
                w = key_words(t)
                sh = set(zip(*[w[i:] for i in range(n)])) if len(w) >= n else set()
                shared = collections.Counter()
                for x in sh:
                    for j in post.get(x, ()):
                        shared[j] += 1
                if sh and any(c >= limit * len(sh) or c >= limit * size[j] for j, c in shared.items()):
                    taken += 1
                    if not kept:        # the title: the article goes
                        break
                    continue
                keys.add(k)
                for x in sh:
                    post[x].append(len(size))
                size.append(len(sh))
                kept.append(t)
            if len(kept) >= 3:
                kept_arts.append((kept[0], kept[1:]))
        articles[lang] = kept_arts
    return taken


BYLINE = re.compile(r"^(?:By|Von|Par|Por|Di|Door|Av|Af|Autor:?|Texto:)(?:\s+[A-Z\u00c0-\u00de][\w.'\u2019-]*){2,3}$")


class Table:
    """Words of one language with their frequencies, drawn by frequency."""

    def __init__(self, texts, cjk):
        self.re = WORD_CJK if cjk else WORD
        count = collections.Counter()
        forms = collections.defaultdict(collections.Counter)
        for t in texts:
            for w in self.re.findall(t):
                lw = w.lower()
                count[lw] += 1
                forms[lw][w] += 1
        order = sorted(count, key=lambda w: (-count[w], w))
        # each word as it is mostly written (a German noun, a name: capitals)
        self.words = [max(sorted(forms[w]), key=lambda f: forms[w][f]) for w in order]
        self.cum = []
        total = 0
        for w in order:
            total += count[w]
            self.cum.append(total)
        self.total = total

    def draw(self, r):
        return self.words[bisect.bisect(self.cum, r.random() * self.total)]


class Pool:
    """Everything read from shared/: per language the real articles, the
    word table and the pages that can give a site its template."""

    def __init__(self, shared):
        self.pages = load_pages(shared)
        self.bbc = load_bbc(shared)
        if not self.bbc:
            sys.exit("gen_real.py: no BBC articles under %s/data/bbc" % shared)
        self.page_langs = collections.Counter(p.lang for p in self.pages if p.lang)
        self.articles = collections.defaultdict(list)
        self.articles["en"] = list(self.bbc)
        for p in self.pages:
            if p.lang and p.lang != "en" and len(p.content) >= 3:
                title = html_title(p.html) if os.path.exists(p.html) else None
                self.articles[p.lang].append((title or p.content[0], p.content[:40]))
        self.pruned = prune_near(self.articles)
        self.bylines = collections.defaultdict(list)
        for p in self.pages:
            for l in p.head + p.inner + p.foot + p.content:
                if len(l) < 60 and BYLINE.match(l) and l not in self.bylines[p.lang]:
                    self.bylines[p.lang].append(l)
        # languages that get sites: 3 pages or more, and articles to publish
        self.langs = sorted((l for l, n in self.page_langs.items() if n >= 3 and self.articles.get(l)),
                            key=lambda l: (-self.page_langs[l], l))
        self.tables = {}
        for l in self.langs:
            texts = []
            for title, paras in self.articles[l]:
                texts.append(title)
                texts.extend(paras)
            self.tables[l] = Table(texts, l in NOSPACE)

    def template_pages(self, lang):
        ps = [p for p in self.pages if p.lang == lang and len(p.head) + len(p.foot) >= 8]
        if not ps:
            ps = [p for p in self.pages if p.lang == lang and p.head + p.foot]
        return ps

    def site_langs(self, nsites):
        """Sites per language: the pages' proportions by largest remainder,
        one site at least for each language."""
        total = sum(self.page_langs[l] for l in self.langs)
        quota = {l: self.page_langs[l] / total * nsites for l in self.langs}
        seats = {l: max(1, int(quota[l])) for l in self.langs}
        while sum(seats.values()) < nsites:
            l = min(self.langs, key=lambda l: (seats[l] - quota[l], l))
            seats[l] += 1
        while sum(seats.values()) > nsites:
            l = max((l for l in self.langs if seats[l] > 1), key=lambda l: (seats[l] - quota[l], l))
            seats[l] -= 1
        return seats


def capped(lines, limit, from_end=False):
    out, n = [], 0
    for l in (reversed(lines) if from_end else lines):
        if n + len(l) + 1 > limit:
            break
        out.append(l)
        n += len(l) + 1
    return out[::-1] if from_end else out


class Gen:
    def __init__(self, seed, pool, nsites=40):
        self.r = random.Random(seed)
        r = self.r
        self.pool = pool
        self.unit = 0
        self.keys = {}
        self.langs = pool.langs
        seats = pool.site_langs(nsites)
        self.sites = []
        self.sites_of = collections.defaultdict(list)
        used_hosts = set()
        for l in self.langs:
            cands = sorted(pool.template_pages(l), key=lambda p: (p.dataset, p.id))
            r.shuffle(cands)
            chosen = []
            for p in cands:
                if p.host not in used_hosts:
                    chosen.append(p)
                    used_hosts.add(p.host)
                if len(chosen) == seats[l]:
                    break
            for p in chosen:
                self.sites_of[l].append(len(self.sites))
                self.sites.append(self.make_site(p, l))
        # a language no page of which has a template has no site
        self.langs = [l for l in self.langs if self.sites_of[l]]
        self.lang_weight = [pool.page_langs[l] for l in self.langs]
        # the real articles of each language, in a random order, each
        # published once before any derived one
        self.fresh = {}
        for l in self.langs:
            a = list(pool.articles[l])
            r.shuffle(a)
            self.fresh[l] = a
        self.stories = []
        self.by_lang = collections.defaultdict(list)
        self.counts = collections.Counter()

    # --- units -------------------------------------------------------------
    def new_unit(self):
        self.unit += 1
        return self.unit

    def unit_of(self, text):
        """One unit per matching key: texts winnow cannot tell apart are one."""
        h = hashlib.blake2b(key(text).encode("utf-8"), digest_size=8).digest()
        u = self.keys.get(h)
        if u is None:
            u = self.keys[h] = self.new_unit()
        return u

    def make_site(self, p, lang):
        r = self.r
        loc = LOCALE.get(lang, LOCALE["en"])
        head = capped(p.head, 2500)
        foot = capped(p.foot, 2500, from_end=True)
        inner = []
        n = 0
        for at, l in zip(p.inner_at, p.inner):
            if n + len(l) + 1 > 1000:
                break
            inner.append((at, (self.unit_of(l), l)))
            n += len(l) + 1
        names = self.pool.bylines.get(lang) or []
        if len(names) < 5:
            prefix = loc[3]
            names = names + [prefix + " " + b.split(None, 1)[1]
                             for b in sorted(self.pool.bylines.get("en", []))]
        if not names:
            names = ["%s %s" % (loc[3], p.host)]
        authors = [r.choice(sorted(names)) for _ in range(5)]
        return {"lang": lang, "host": p.host, "source": "%s/%s" % (p.dataset, p.id),
                "head": [(self.unit_of(l), l) for l in head],
                "inner": inner,
                "foot": [(self.unit_of(l), l) for l in foot],
                "authors": [(self.unit_of(a), a) for a in authors],
                "related": (self.unit_of(loc[0]), loc[0])}

    # --- text --------------------------------------------------------------
    def derive(self, text, lang, rate=0.4):
        """text with about rate of its words replaced by words drawn by
        their frequency in the language."""
        tab = self.pool.tables[lang]
        r = self.r

        def rep(m):
            if r.random() >= rate:
                return m.group()
            o = m.group()
            w = tab.draw(r)
            if o[0].isupper() and not w[0].isupper():
                w = w.upper() if o.isupper() and len(o) > 1 else w[0].upper() + w[1:]
            return w
        return tab.re.sub(rep, text)

    def quote(self, lang):
        """8 to 10 words of a paragraph of an earlier story of the language."""
        r = self.r
        st = self.stories[r.choice(self.by_lang[lang])]
        t = r.choice(st["paras"])[1]
        ms = list(self.pool.tables[lang].re.finditer(t))
        k = r.randint(8, 10)
        if len(ms) <= k + 1:
            return None
        i = r.randrange(len(ms) - k)
        return t[ms[i].start():ms[i + k - 1].end()]

    def with_quote(self, text, q, lang):
        s = [x for x in SENT.split(text) if x]
        loc = LOCALE.get(lang, LOCALE["en"])
        s.insert(self.r.randrange(len(s) + 1), loc[1] % q)
        return ("" if lang in NOSPACE else " ").join(s)

    def new_story(self, site=None):
        r = self.r
        if site is None:
            lang = r.choices(self.langs, self.lang_weight)[0]
            site = r.choice(self.sites_of[lang])
        lang = self.sites[site]["lang"]
        if self.fresh[lang]:
            title, paras = self.fresh[lang].pop()
            self.counts["stories_real"] += 1
        else:
            title, paras = r.choice(self.pool.articles[lang])
            title = self.derive(title, lang)
            paras = [self.derive(p, lang) for p in paras]
            self.counts["stories_derived"] += 1
        self.counts["stories_" + lang] += 1
        out = []
        tab = self.pool.tables[lang]
        for t in paras:
            # a quote goes in a paragraph of 20 words or more, so that the
            # paragraph stays mostly new (gen.py's have 16 to 96 words)
            if self.by_lang[lang] and r.random() < 0.08 and len(tab.re.findall(t)) >= 20:
                q = self.quote(lang)
                if q:
                    t = self.with_quote(t, q, lang)
                    self.counts["quotes"] += 1
            out.append((self.unit_of(t), t))
        st = {"head": (self.unit_of(title), title), "paras": out, "site": site,
              "lang": lang, "lpos": len(self.by_lang[lang])}
        self.by_lang[lang].append(len(self.stories))
        self.stories.append(st)
        return st

    def new_paragraph(self, lang):
        """A paragraph of no story yet: a derived one."""
        r = self.r
        t = r.choice(r.choice(self.pool.articles[lang])[1])
        t = self.derive(t, lang)
        return (self.unit_of(t), t)

    # --- variants: same unit, different bytes ------------------------------
    def variant(self, text, lang):
        r = self.r
        k = r.random()
        if k < 0.25:
            return text
        if k < 0.45:    # typography
            t = text.replace("\"", r.choice(["\u201c", "\u201d", "\""]))
            t = t.replace("\u2019", r.choice(["'", "&#8217;", "\u2019"]))
            t = t.replace("'s", r.choice(["\u2019s", "&#8217;s", "'s"]))
            t = t.replace(" - ", r.choice([" \u2014 ", " \u2013 ", " - ", " &mdash; "]))
            t = t.replace(" \u2013 ", r.choice([" \u2014 ", " - ", " \u2013 ", " &ndash; "]))
            t = t.replace("&", "&amp;", 1) if r.random() < 0.1 and "&" in t else t
            if r.random() < 0.5:
                t = t.replace(" ", "\u00a0", 3)
            return t
        if k < 0.60:    # one word changed
            ms = list(self.pool.tables[lang].re.finditer(text))
            if not ms:
                return text
            m = ms[r.randrange(len(ms))]
            return text[:m.start()] + self.pool.tables[lang].draw(r) + text[m.end():]
        if k < 0.72:    # a word added in front
            return in_front(r.choice(LOCALE.get(lang, LOCALE["en"])[2]), text, lang)
        if k < 0.82:    # mojibake, UTF-8 read as cp1252
            t = text.replace("\"", "\u201c").replace("'s", "\u2019s").replace(" - ", " \u2014 ")
            return t.encode("utf-8").decode("cp1252", errors="replace")
        if k < 0.90:    # white space
            return "  " + text.replace(". ", ".  ") + " "
        if k < 0.95:    # a sentence dropped (the rest is a near copy)
            s = [x for x in SENT.split(text) if x]
            if len(s) > 2:
                del s[r.randrange(len(s))]
            return ("" if lang in NOSPACE else " ").join(s)
        return text.upper() if len(text) < 80 else text

    def page(self, site, story, variants, replace=None, double=None):
        """One document: list of (unit, text)."""
        r = self.r
        s = self.sites[site]
        lang = story["lang"]
        out = list(s["head"])
        h = story["head"]
        out.append((h[0], self.variant(h[1], lang) if variants else h[1]))
        out.append(r.choice(s["authors"]))
        body = []
        for i, (u, t) in enumerate(story["paras"]):
            if replace is not None and i == replace[0]:
                body.append(replace[1])
                continue
            body.append((u, self.variant(t, lang) if variants else t))
        if double:
            first = body[0]
            again = [(first[0], in_front(double, first[1], lang))] + body[1:]
            body = body + again
        n = len(body)
        inner = collections.defaultdict(list)
        for at, ut in s["inner"]:
            inner[min(n - 1, int(at * n))].append(ut)
        story_at = len(out)
        for i, ut in enumerate(body):
            out.append(ut)
            out.extend(inner.get(i, ()))
        story_end = len(out)
        pool = self.by_lang[lang]
        if len(pool) > 4:
            out.append(s["related"])
            for j in r.sample(range(len(pool) - 1), 3):
                out.append(self.stories[pool[j + (j >= story["lpos"])]]["head"])
        out.extend(s["foot"])
        # bytes of the story (headline, byline, body) and of the rest
        nb = len("\n".join(t for _, t in out).encode("utf-8")) + 1
        sb = len("\n".join(t for _, t in out[len(s["head"]):story_at] + body).encode("utf-8")) + 1
        self.roles = (sb, nb - sb)
        return out

    def other_site(self, story):
        """A site of the story's language other than its own, if there is one."""
        r = self.r
        same = [i for i in self.sites_of[story["lang"]] if i != story["site"]]
        if same:
            return r.choice(same)
        return r.choice([i for i in range(len(self.sites)) if i != story["site"]])


HTML_HEAD = """<!DOCTYPE html>
<html lang="%s"><head><meta charset="utf-8"><title>%s</title>
<link rel="stylesheet" href="/static/site.css">
<style>body{font-family:Georgia,serif;margin:0}nav ul{display:flex;list-style:none}
.related li{margin:2px 0}footer{color:#666;font-size:small}</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}
gtag('js',new Date());gtag('config','G-XXXXXXX',{'anonymize_ip':true});</script>
</head><body class="single-post">
"""


def html_page(g, site, units, lang):
    """A page as CMS templates write one: the template's lines in header,
    navigation and footer, the story in an article."""
    s = g.sites[site]
    e = html.escape
    inner_u = {u for _, (u, _) in s["inner"]}
    i = len(s["head"])
    end = len(units) - len(s["foot"])
    out = [HTML_HEAD % (lang, e(units[i][1])), "<header class=\"site-header\"><nav><ul>\n"]
    for j, (_, t) in enumerate(units[:i]):
        out.append("<li><a href=\"/%d\">%s</a></li>\n" % (j, e(t)) if len(t) < 40 else "</ul><p>%s</p><ul>\n" % e(t))
    out.append("</ul></nav></header>\n<main><article>\n<h1>%s</h1>\n" % e(units[i][1]))
    i += 1
    related = False
    for u, t in units[i:end]:
        if u == s["related"][0]:
            out.append("</article><aside class=\"related\"><h2>%s</h2><ul>\n" % e(t))
            related = True
        elif related:
            out.append("<li><a href=\"/story\">%s</a></li>\n" % e(t))
        elif u in inner_u:
            out.append("<div class=\"ad\"><p>%s</p></div>\n" % e(t))
        else:
            out.append("<p>%s</p>\n" % e(t))
    out.append("</ul></aside>" if related else "</article>")
    out.append("</main>\n<footer>\n")
    out.extend("<p>%s</p>\n" % e(t) for _, t in units[end:])
    out.append("</footer></body></html>\n")
    return "".join(out)


def describe(pool):
    print("pages read: %d (%s)" % (len(pool.pages), ", ".join(
        "%s %d" % (d, n) for d, n in sorted(collections.Counter(p.dataset for p in pool.pages).items()))))
    tot = sum(pool.page_langs.values())
    print("languages of the pages: " + ", ".join("%s %d (%.1f%%)" % (l, n, 100 * n / tot)
                                               for l, n in pool.page_langs.most_common()))
    print("languages with sites and stories: " + ", ".join(pool.langs))
    print("BBC articles (distinct files): %d, %.1f MB" % (
        len(pool.bbc), sum(len(t) + sum(len(p) + 1 for p in ps) for t, ps in pool.bbc) / 1e6))
    for l in pool.langs:
        a = pool.articles[l]
        print("  %s: %d articles, %d paragraphs, %.2f MB; %d words in the table; %d bylines"
              % (l, len(a), sum(len(p) for _, p in a), sum(len(t) + sum(len(x) + 1 for x in p) for t, p in a) / 1e6,
                 len(pool.tables[l].words), len(pool.bylines.get(l, []))))
    b = collections.Counter()
    for p in pool.pages:
        b["head"] += sum(len(l) + 1 for l in p.head)
        b["inner"] += sum(len(l) + 1 for l in p.inner)
        b["foot"] += sum(len(l) + 1 for l in p.foot)
        b["lines"] += len(p.head) + len(p.inner) + len(p.foot)
    print("boilerplate lines: %d; bytes before the article %.1f MB, inside %.1f MB, after %.1f MB"
          % (b["lines"], b["head"] / 1e6, b["inner"] / 1e6, b["foot"] / 1e6))
    print("sites: %s" % ", ".join("%s %d" % (l, n) for l, n in sorted(pool.site_langs(40).items(), key=lambda x: -x[1])))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=DEFAULT_SHARED)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mb", type=float, default=100)
    ap.add_argument("--format", default="jsonl", choices=["jsonl", "text", "wet", "html"])
    ap.add_argument("--urls", action="store_true",
                    help="jsonl: give each record a url on its site's host")
    ap.add_argument("--summary", help="write the counts of events and stories here (JSON)")
    ap.add_argument("--describe", action="store_true", help="print what was read from shared/ and exit")
    ap.add_argument("out", nargs="?")
    ap.add_argument("ideal", nargs="?")
    a = ap.parse_args()
    if not os.path.isdir(os.path.join(a.shared, "data")):
        sys.exit("gen_real.py: %s/data not found (give --shared)" % a.shared)
    t0 = time.process_time()
    pool = Pool(a.shared)
    t_read = time.process_time() - t0
    if a.describe:
        describe(pool)
        return
    if not a.out or not a.ideal:
        ap.error("OUT and IDEAL are needed")
    g = Gen(a.seed, pool)
    r = g.r
    seen = set()
    size = 0
    n = 0
    docs = []
    ev = g.counts
    chunks = []
    if a.format == "html":
        os.makedirs(a.out, exist_ok=True)
    with open(a.out if a.format != "html" else os.devnull, "w", encoding="utf-8", newline="") as out, \
            open(a.ideal, "w", encoding="utf-8") as ideal:
        while size < a.mb * 1e6:
            k = r.random()
            if k < 0.45 or len(g.stories) < 5:
                st = g.new_story()
                site = st["site"]
                units = g.page(site, st, False)
                ev["new story"] += 1
            elif k < 0.70:
                st = g.stories[r.randrange(len(g.stories))]
                site = g.other_site(st)
                units = g.page(site, st, True)
                ev["syndication"] += 1
            elif k < 0.85:
                st = g.stories[r.randrange(len(g.stories))]
                site = st["site"]
                i = r.randrange(len(st["paras"]))
                units = g.page(site, st, True, (i, g.new_paragraph(st["lang"])))
                ev["update"] += 1
            elif k < 0.90:
                st = g.new_story()
                site = st["site"]
                w = r.choice(LOCALE.get(st["lang"], LOCALE["en"])[2][:3])
                units = g.page(site, st, False, double=w)
                ev["doubled body"] += 1
            else:
                if not docs:
                    continue
                site, units, g.roles = docs[r.randrange(len(docs))]
                ev["exact copy"] += 1
            docs.append((site, units, g.roles))
            ev["bytes_story"] += g.roles[0]
            ev["bytes_template"] += g.roles[1]
            ev["bytes_lang_" + g.sites[site]["lang"]] += g.roles[0] + g.roles[1]
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
            host = g.sites[site]["host"]
            if a.format == "jsonl":
                rec = {"id": doc_id, "text": text, "source": "gen_real"}
                if a.urls:
                    rec["url"] = "https://%s/%s" % (host, doc_id)
                line = json.dumps(rec, ensure_ascii=False) + "\n"
            elif a.format == "text":
                line = text + "\n\f\n"
            elif a.format == "html":
                line = html_page(g, site, units, g.sites[site]["lang"])
                with open(os.path.join(a.out, doc_id + ".html"), "w", encoding="utf-8") as f:
                    f.write(line)
            else:
                body = text.encode("utf-8")
                hdr = ("WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: http://%s/%s\r\n"
                       "WARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n"
                       % (host, doc_id, doc_id, len(body)))
                line = hdr + text + "\r\n\r\n"
            if a.format != "html":
                out.write(line)
            size += len(line.encode("utf-8"))
            if size >= len(chunks) * 25e6 + 25e6:     # linearity: CPU time per 25 MB
                chunks.append(round(time.process_time() - t0 - t_read - sum(chunks), 2))
            ideal.write(json.dumps({"id": doc_id if a.format != "wet" else "<urn:uuid:%s>" % doc_id,
                                    "text": "\n".join(keep)}, ensure_ascii=False) + "\n")
    if a.summary:
        s = {"documents": n, "bytes": size, "units": g.unit, "stories": len(g.stories),
             "cpu_seconds_read": round(t_read, 2),
             "cpu_seconds_generate": round(time.process_time() - t0 - t_read, 2),
             "cpu_seconds_per_25mb": chunks,
             "sites": [{"lang": x["lang"], "host": x["host"], "source": x["source"],
                        "template_lines": len(x["head"]) + len(x["inner"]) + len(x["foot"])} for x in g.sites]}
        s.update(sorted(ev.items()))
        with open(a.summary, "w") as f:
            json.dump(s, f, indent=1, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main()
