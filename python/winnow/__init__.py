# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
"""winnow: clean scraped text (normalize it, remove web boilerplate, drop
repeated and nearly repeated paragraphs) with libwinnow, from Python.

    import winnow

    with winnow.Cleaner(state="/data/winnow.state") as c:
        for rec in c.process(records):      # dicts: text or html, id, url
            write(rec)                      # the kept ones, in order

    winnow.Cleaner().clean("One paragraph.\\nAnother one.")

The module is ctypes over libwinnow.so (winnow.h); it makes the same
decisions as the winnow command on the same input.  The library is
looked up in $WINNOW_LIBRARY, then in the build tree this module sits
in (python/ beside src/.libs/), then where make install put it, then
by its soname on the loader's path.
"""

import ctypes
import datetime
import json
import os

__all__ = [
    "Cleaner",
    "Error",
    "UsageError",
    "DataError",
    "LockedError",
    "library_version",
    "languages",
]

# --- the library ---------------------------------------------------------

_SONAME = "libwinnow.so.0"


def _candidates():
    env = os.environ.get("WINNOW_LIBRARY")
    if env:
        return [env]
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        from . import _config  # written by make install
    except ImportError:
        _config = None
    if _config is None:
        # a build tree: python/winnow/ beside src/.libs/
        return [os.path.join(here, "..", "..", "src", ".libs", _SONAME), _SONAME]
    soname = getattr(_config, "SONAME", "") or _SONAME
    out = []
    if getattr(_config, "LIBDIR", ""):
        out.append(os.path.join(_config.LIBDIR, soname))
    out.append(soname)
    return out


def _load():
    tried = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            tried.append(path + " (not there)")
            continue
        try:
            return ctypes.CDLL(path)
        except OSError as err:
            tried.append(str(err))
    raise ImportError("winnow: cannot load libwinnow: " + "; ".join(tried))


_lib = _load()
_libc = ctypes.CDLL(None)
_libc.free.argtypes = [ctypes.c_void_p]
_libc.free.restype = None

# --- winnow.h, as ctypes (tests/python/layout.c checks the layout) --------

# enum wn_status
OK, AGAIN, END, EDATA, ENOMEM, EIO, EUSAGE, ENOINPUT, ECREATE, ELOCKED = range(10)
_STATUS_NAMES = {
    OK: "ok",
    EDATA: "bad data",
    ENOMEM: "out of memory",
    EIO: "I/O error",
    EUSAGE: "usage",
    ENOINPUT: "no input",
    ECREATE: "cannot create",
    ELOCKED: "locked",
}
_FROM = {"auto": 0, "text": 1, "jsonl": 2, "warc": 3, "html": 4}
_BOILERPLATE = {"off": 0, "loose": 1, "normal": 2, "strict": 3}
_SHINGLE_MAX = 32  # WN_SHINGLE_MAX
_WINDOW_MAX = 64  # WN_WINDOW_MAX
_NLANG = 18  # WN_NLANG


class _Error(ctypes.Structure):
    _fields_ = [
        ("msg", ctypes.c_char * 256),
        ("name", ctypes.c_char_p),
        ("line", ctypes.c_uint64),
        ("err", ctypes.c_int),
    ]


class _Options(ctypes.Structure):
    _fields_ = [
        ("from_", ctypes.c_int),
        ("text_field", ctypes.c_char_p),
        ("id_field", ctypes.c_char_p),
        ("html_field", ctypes.c_char_p),
        ("max_record", ctypes.c_size_t),
        ("zstd_window_log", ctypes.c_uint),
        ("on_error_fail", ctypes.c_int),
        ("invalid_utf8", ctypes.c_int),
        ("near", ctypes.c_double),
        ("doc_near", ctypes.c_double),
        ("shingle", ctypes.c_uint),
        ("window", ctypes.c_uint),
        ("memory", ctypes.c_size_t),
        ("boilerplate", ctypes.c_int),
        ("lang", ctypes.c_int),
        ("template_pages", ctypes.c_uint),
        ("tune", ctypes.c_char_p),
        ("to", ctypes.c_int),
        ("compress", ctypes.c_int),
        ("level", ctypes.c_int),
        ("threads", ctypes.c_int),
        ("source", ctypes.c_char_p),
        ("state", ctypes.c_char_p),
        ("lock_timeout", ctypes.c_double),
        ("max_age", ctypes.c_uint),
        ("today", ctypes.c_long),
        ("prior", ctypes.POINTER(ctypes.c_char_p)),
        ("nprior", ctypes.c_size_t),
        ("scan", ctypes.c_char_p),
        ("scan_hosts", ctypes.c_int),
    ]


_WRITE_FN = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t
)
_PROBLEM_FN = ctypes.CFUNCTYPE(
    None, ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(_Error)
)


class _Sink(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("fd", ctypes.c_int),
        ("write", _WRITE_FN),
        ("ctx", ctypes.c_void_p),
    ]


class _Sinks(ctypes.Structure):
    _fields_ = [
        ("records", ctypes.POINTER(_Sink)),
        ("explain", ctypes.POINTER(_Sink)),
        ("rejects", ctypes.POINTER(_Sink)),
        ("attributes", ctypes.POINTER(_Sink)),
    ]


class _Report(ctypes.Structure):
    _fields_ = [
        ("problem", _PROBLEM_FN),
        ("progress", ctypes.c_void_p),
        ("ctx", ctypes.c_void_p),
    ]


class _Document(ctypes.Structure):
    _fields_ = [
        ("text", ctypes.c_char_p),
        ("text_len", ctypes.c_size_t),
        ("html", ctypes.c_int),
        ("id", ctypes.c_char_p),
        ("id_len", ctypes.c_size_t),
        ("url", ctypes.c_char_p),
        ("url_len", ctypes.c_size_t),
        ("titled", ctypes.c_int),
    ]


_P = ctypes.c_void_p  # struct wn_pipeline *


def _fn(name, restype, *argtypes):
    f = getattr(_lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


_options_default = _fn("wn_options_default", None, ctypes.POINTER(_Options))
_pipeline_new = _fn(
    "wn_pipeline_new",
    ctypes.c_int,
    ctypes.POINTER(_Options),
    ctypes.POINTER(_Sinks),
    ctypes.POINTER(_Report),
    ctypes.POINTER(_P),
    ctypes.POINTER(_Error),
)
_pipeline_begin = _fn("wn_pipeline_begin", ctypes.c_int, _P, ctypes.c_char_p)
_pipeline_end = _fn("wn_pipeline_end", ctypes.c_int, _P)
_pipeline_document = _fn(
    "wn_pipeline_document", ctypes.c_int, _P, ctypes.POINTER(_Document)
)
_pipeline_flush = _fn("wn_pipeline_flush", ctypes.c_int, _P)
_pipeline_finish = _fn("wn_pipeline_finish", ctypes.c_int, _P)
_pipeline_status = _fn("wn_pipeline_status", ctypes.c_int, _P)
_pipeline_stopped = _fn("wn_pipeline_stopped", ctypes.c_int, _P)
_pipeline_stats_json = _fn(
    "wn_pipeline_stats_json", ctypes.c_void_p, _P, ctypes.c_double
)
_pipeline_save = _fn("wn_pipeline_save", ctypes.c_int, _P, ctypes.POINTER(_Error))
_pipeline_commit = _fn(
    "wn_pipeline_commit", ctypes.c_int, _P, ctypes.POINTER(_Error)
)
_pipeline_free = _fn("wn_pipeline_free", None, _P)
_lang_name = _fn("wn_lang_name", ctypes.c_char_p, ctypes.c_int)
_lang_find = _fn("wn_lang_find", ctypes.c_int, ctypes.c_char_p)
_version_string = _fn("wn_version_string", ctypes.c_char_p)

# --- errors ----------------------------------------------------------------


class Error(Exception):
    """A failure the library reported: str(e) is its message; e.status
    the wn_status name ("bad data", "I/O error", ...)."""

    def __init__(self, message, status=EIO, name=None, line=0):
        self.status = _STATUS_NAMES.get(status, str(status))
        self.code = status
        self.name = name
        self.line = line
        where = ""
        if name:
            where = name + (":%d" % line if line else "") + ": "
        super().__init__(where + message)


class UsageError(Error, ValueError):
    """A bad option value (WN_EUSAGE)."""


class DataError(Error):
    """A state or a record was refused (WN_EDATA)."""


class LockedError(Error):
    """The state is locked by another run (WN_ELOCKED)."""


def _error(status, message, name=None, line=0):
    cls = {EUSAGE: UsageError, EDATA: DataError, ELOCKED: LockedError}.get(
        status, Error
    )
    return cls(message, status, name, line)


def _from_wn_error(status, e):
    name = e.name.decode("utf-8", "replace") if e.name else None
    msg = e.msg.decode("utf-8", "replace") or _STATUS_NAMES.get(status, "failed")
    return _error(status, msg, name, e.line)


def library_version():
    """The versions of winnow and the libraries it was built with."""
    return _version_string().decode()


def languages():
    """The stop lists' language codes ("en", "de", ...)."""
    return [_lang_name(i).decode() for i in range(_NLANG)]


__version__ = library_version().split()[1]

# --- the cleaner -------------------------------------------------------------


def _size(name, v):
    if isinstance(v, int):
        if v <= 0:
            raise UsageError("%s: expected a positive size" % name, EUSAGE)
        return v
    s = str(v).strip()
    shift = {"k": 10, "m": 20, "g": 30}
    num = s.rstrip("bB").rstrip("i")
    k = 0
    if num and num[-1].lower() in shift:
        k = shift[num[-1].lower()]
        num = num[:-1]
    if not num.isdigit() or int(num) == 0:
        raise UsageError(
            "%s: '%s': expected a size such as 512K, 64M or 1G" % (name, v), EUSAGE
        )
    return int(num) << k


def _share(name, v):
    x = float(v)
    if not 0 <= x <= 1:
        raise UsageError(
            "%s: '%s': expected a number from 0 to 1" % (name, v), EUSAGE
        )
    return x


def _count(name, v, lo, hi):
    if not isinstance(v, int) or not lo <= v <= hi:
        raise UsageError(
            "%s: '%s': expected a whole number from %d to %d" % (name, v, lo, hi),
            EUSAGE,
        )
    return v


def _day(v):
    if v is None:
        return -1
    if isinstance(v, str):
        try:
            v = datetime.date.fromisoformat(v)
        except ValueError:
            raise UsageError("date: '%s': expected YYYY-MM-DD" % v, EUSAGE)
    if isinstance(v, datetime.datetime):
        v = v.date()
    return (v - datetime.date(1970, 1, 1)).days


def _choice(name, v, table):
    if v not in table:
        raise UsageError(
            "%s: '%s': expected one of %s" % (name, v, ", ".join(table)), EUSAGE
        )
    return table[v]


def _utf8(s):
    if s is None:
        return None
    if isinstance(s, (bytes, bytearray, memoryview)):
        return bytes(s)
    # lone surrogates become invalid UTF-8, which the library repairs
    return str(s).encode("utf-8", "surrogatepass")


def _titled(rec):
    """Does a record hold its own headline (a "title", in metadata or at
    the top level, or an earlier run's report, or a metadata that is not
    an object)?  Then, as the command does for such a JSON Lines record,
    its first line stays text."""
    meta = rec.get("metadata")
    return (
        "title" in rec
        or "winnow" in rec
        or (meta is not None and not isinstance(meta, dict))
        or (isinstance(meta, dict) and ("title" in meta or "winnow" in meta))
    )


class Cleaner:
    """One run of winnow over documents given one at a time.

    Options are the command's (winnow(1)): state, near, doc_near,
    boilerplate ("normal", "strict", "loose", "off"), lang (None: per
    document), template_pages, shingle, window, memory (bytes or "4G"),
    threads (None: the processors, up to 8), max_age, lock_timeout, date
    (the run's day, "YYYY-MM-DD"), prior (states taken as seen).  Text
    that is not valid UTF-8 is repaired (U+FFFD), as the command does by
    default.  explain=True keeps every paragraph's decision
    (winnow --explain) of the last record in .explain.  flush_every and
    flush_bytes bound how many documents process() holds before it
    yields what was decided.

    close() ends the run and commits the state; leaving a with block
    does it, unless an exception is on its way out (then nothing is
    committed, as for a run of winnow that did not complete).
    """

    def __init__(
        self,
        state=None,
        near=0.5,
        boilerplate="normal",
        *,
        doc_near=0.0,
        lang=None,
        template_pages=3,
        shingle=5,
        window=8,
        memory=None,
        threads=None,
        max_age=0,
        lock_timeout=0.0,
        date=None,
        prior=(),
        explain=False,
        flush_every=1024,
        flush_bytes=32 << 20,
    ):
        self._p = None
        o = _Options()
        _options_default(ctypes.byref(o))
        o.compress = 0
        o.to = 0
        o.near = _share("near", near)
        o.doc_near = _share("doc_near", doc_near)
        o.boilerplate = _choice("boilerplate", boilerplate, _BOILERPLATE)
        if lang is None or lang == "auto":
            o.lang = -1
        else:
            o.lang = _lang_find(str(lang).encode())
            if o.lang < 0:
                raise UsageError(
                    "lang: '%s': expected auto or one of %s"
                    % (lang, ",".join(languages())),
                    EUSAGE,
                )
        if template_pages == 1:
            raise UsageError(
                "template_pages: 0 (never) or at least 2 is needed", EUSAGE
            )
        o.template_pages = _count("template_pages", template_pages, 0, 1000000)
        o.shingle = _count("shingle", shingle, 1, _SHINGLE_MAX)
        o.window = _count("window", window, 1, _WINDOW_MAX)
        if memory is not None:
            o.memory = _size("memory", memory)
        if threads is not None:
            o.threads = _count("threads", threads, 1, 64)
        o.max_age = _count("max_age", max_age, 0, 65535)
        o.lock_timeout = float(lock_timeout)
        o.today = _day(date)
        self._keep = []  # what the options point to
        if state is not None:
            o.state = self._hold(os.fsencode(state))
        prior = [os.fsencode(p) for p in prior]
        if prior:
            arr = (ctypes.c_char_p * len(prior))(*prior)
            self._keep.append(arr)
            o.prior = arr
            o.nprior = len(prior)
        self._opt = o
        self._out = []
        self._explain_out = []
        self.explain = None
        self.problems = []  # the Errors the library reported, in order
        self._flush_every = max(1, int(flush_every))
        self._flush_bytes = max(1, int(flush_bytes))
        self._seq = 0
        self._open_generators = 0
        self._undelivered = False
        self._failed = None
        self._closed = False
        self._final_stats = {}
        self.last = None

        # callbacks: only append, so that nothing can raise inside them
        def write(ctx, p, n):
            self._out.append(ctypes.string_at(p, n))
            return 0

        def write_explain(ctx, p, n):
            self._explain_out.append(ctypes.string_at(p, n))
            return 0

        def problem(ctx, st, e):
            self.problems.append(_from_wn_error(st, e.contents))

        self._cb = (_WRITE_FN(write), _WRITE_FN(write_explain), _PROBLEM_FN(problem))
        self._sink = _Sink(b"python", -1, self._cb[0], None)
        self._exsink = _Sink(b"python explain", -1, self._cb[1], None)
        self._sinks = _Sinks(
            ctypes.pointer(self._sink),
            ctypes.pointer(self._exsink) if explain else None,
            None,
        )
        self._report = _Report(self._cb[2], None, None)
        self._explain = bool(explain)
        e = _Error()
        p = _P()
        st = _pipeline_new(
            ctypes.byref(o),
            ctypes.byref(self._sinks),
            ctypes.byref(self._report),
            ctypes.byref(p),
            ctypes.byref(e),
        )
        if st != OK:
            raise _from_wn_error(st, e)
        self._p = p
        self._started = datetime.datetime.now()
        st = _pipeline_begin(self._p, b"python")
        if st != OK:
            self._fail(st)

    def _hold(self, b):
        self._keep.append(b)
        return b

    # --- plumbing ---

    def _check(self):
        if self._closed:
            raise Error("the cleaner is closed", EUSAGE)
        if self._failed is not None:
            raise self._failed

    def _fail(self, st, since=None):
        """Raise the error that stopped the pipeline: the last problem
        reported since problems[since], else one of the status."""
        if since is not None and len(self.problems) > since:
            self._failed = self.problems[-1]
        else:
            self._failed = _error(st, _STATUS_NAMES.get(st, "failed"))
        raise self._failed

    def _give(self, text, html, id_, url, titled=False):
        d = _Document()
        d.text = text
        d.text_len = len(text)
        d.html = 1 if html else 0
        d.id = id_
        d.id_len = len(id_)
        d.titled = 1 if titled else 0
        if url is not None:
            d.url = url
            d.url_len = len(url)
        since = len(self.problems)
        st = _pipeline_document(self._p, ctypes.byref(d))
        if st != OK:
            self._fail(st, since)

    def _flush(self):
        """Decide everything given: returns {id: output record} and
        {id: [explain lines]}."""
        since = len(self.problems)
        st = _pipeline_flush(self._p)
        if st != OK:
            self._fail(st, since)
        out = {}
        data = b"".join(self._out)
        self._out.clear()
        for line in data.split(b"\n"):
            if line:
                r = json.loads(line)
                out[r["id"]] = r
        ex = {}
        if self._explain:
            data = b"".join(self._explain_out)
            self._explain_out.clear()
            for line in data.split(b"\n"):
                if line:
                    r = json.loads(line)
                    ex.setdefault(r["id"], []).append(r)
        return out, ex

    def _next_id(self):
        self._seq += 1
        return str(self._seq)

    # --- one document ---

    def clean(self, text, url=None, id=None):
        """The cleaned text of one document (str or bytes), or None when
        it is dropped (empty, boilerplate only, or every paragraph seen
        before).  id is only for .explain's lines.  A first line shaped
        like a headline is taken out of the text as the command takes it
        (winnow(5)): it is .last["metadata"]["title"]."""
        return self._one(text, False, url, id)

    def clean_html(self, html, url=None, id=None):
        """The cleaned article of one HTML page (str, or bytes in any
        charset the page declares), or None when it is dropped."""
        return self._one(html, True, url, id)

    def _one(self, text, html, url, id_):
        self._check()
        key = self._next_id()
        self._give(_utf8(text), html, key.encode(), _utf8(url))
        out, ex = self._flush()
        rec = out.get(key)
        if self._explain:
            self.explain = self._explain_lines(ex.get(key, []), id_)
        self.last = rec
        return None if rec is None else rec["text"]

    @staticmethod
    def _explain_lines(lines, id_):
        for ln in lines:
            if id_ is None:
                del ln["id"]
            else:
                ln["id"] = id_
        return lines

    # --- many ---

    def process(self, records, on_drop=None):
        """Clean an iterable of dicts, yielding the kept ones in order as
        they are decided (at most flush_every documents or flush_bytes
        of text after they were given).

        A record's text is in "text", or an HTML page in "html"; "url"
        (for site templates) and "id" are used when present; every other
        key passes through.  A yielded record is a new dict: "text" is
        the cleaned text ("html" is left out), metadata["winnow"] is
        winnow's report on it (as the command writes it), and a page's
        url and title found in it are metadata["url"] and ["title"] when
        the record's metadata has none.  on_drop(record)
        is called for every dropped record, in order; with explain=True,
        .explain holds the yielded (or dropped) record's decisions."""
        self._check()
        pending = []
        nbytes = 0
        self._open_generators += 1
        done = False
        try:
            for rec in records:
                if "html" in rec and rec["html"] is not None:
                    body, html = _utf8(rec["html"]), True
                else:
                    body, html = _utf8(rec.get("text", "")), False
                url = rec.get("url")
                key = self._next_id()
                titled = not html and _titled(rec)
                self._give(body, html, key.encode(), _utf8(url) if url else None, titled)
                pending.append((key, rec, html))
                nbytes += len(body)
                if len(pending) >= self._flush_every or nbytes >= self._flush_bytes:
                    yield from self._deliver(pending, on_drop)
                    pending = []
                    nbytes = 0
            if pending:
                yield from self._deliver(pending, on_drop)
                pending = []
            done = True
        finally:
            self._open_generators -= 1
            if not done:
                # the consumer stopped early (or an error): what was given
                # was not all delivered, so the state must not say so
                self._undelivered = True

    def _deliver(self, pending, on_drop):
        out, ex = self._flush()
        for key, rec, html in pending:
            r = out.get(key)
            if self._explain:
                self.explain = self._explain_lines(ex.get(key, []), rec.get("id"))
            if r is None:
                if on_drop is not None:
                    on_drop(rec)
                continue
            res = dict(rec)
            res.pop("html", None)
            res["text"] = r["text"]
            # dolma's "added" (the run's day) when the record has none, as
            # the command adds it to a JSON Lines record
            if "added" not in rec and "added" in r:
                res["added"] = r["added"]
            # the report, and what the library found in a page (its url
            # and title), go into metadata
            meta = rec.get("metadata")
            meta = dict(meta) if isinstance(meta, dict) else {}
            for k, v in (r.get("metadata") or {}).items():
                if k == "winnow" or (k not in meta and (html or k == "title")):
                    meta[k] = v
            res["metadata"] = meta
            yield res

    # --- the end ---

    @property
    def stats(self):
        """The counters so far (winnow --stats), as a dict."""
        if self._p is None:
            return dict(self._final_stats)
        secs = (datetime.datetime.now() - self._started).total_seconds()
        p = _pipeline_stats_json(self._p, secs)
        if not p:
            raise MemoryError("winnow: out of memory")
        try:
            return json.loads(ctypes.string_at(p).decode())
        finally:
            _libc.free(p)

    def close(self, before_commit=None):
        """End the run and commit the state (when there is one): what the
        run saw counts as seen from now on.  Raises Error when the run
        failed or a process() was left before its end; then the old state
        is kept.  before_commit() is called once the new state is written
        and before it is put in place (where the command puts its output
        file in place); when it raises, nothing is committed."""
        if self._closed:
            return
        try:
            failed = self._failed
            if failed is None and self._undelivered:
                failed = Error(
                    "a process() generator was left before its end: "
                    "the state was not committed",
                    EUSAGE,
                )
            since = len(self.problems)
            _pipeline_end(self._p)
            st = _pipeline_finish(self._p)
            self._final_stats = self.stats
            # complete: every document read and written (bad records
            # skipped, as the command's exit 65, still complete)
            if failed is None and (
                st != OK
                or _pipeline_stopped(self._p)
                or _pipeline_status(self._p) not in (OK, EDATA)
            ):
                try:
                    self._fail(st if st != OK else _pipeline_status(self._p), since)
                except Error as err:
                    failed = err
            if failed is None:
                e = _Error()
                st = _pipeline_save(self._p, ctypes.byref(e))
                if st == OK and before_commit is not None:
                    before_commit()
                if st == OK:
                    st = _pipeline_commit(self._p, ctypes.byref(e))
                if st != OK:
                    failed = _from_wn_error(st, e)
            if failed is not None:
                raise failed
        finally:
            self._closed = True
            _pipeline_free(self._p)
            self._p = None

    def abort(self):
        """End the run without committing anything."""
        if self._closed:
            return
        self._closed = True
        _pipeline_free(self._p)
        self._p = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.close()
        else:
            self.abort()
        return False

    def __del__(self):
        if getattr(self, "_p", None) is not None:
            self.abort()
