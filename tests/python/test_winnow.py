# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# The Python module: its ctypes layout against winnow.h, the same
# decisions as the winnow command on the seeds, the test fixtures and a
# generated corpus, the state, explain, streaming, errors.
import glob
import json
import os
import subprocess
import sys

import pytest

import winnow
from conftest import SRCDIR, jsonl

SEEDS = sorted(glob.glob(os.path.join(SRCDIR, "seeds", "*.txt")))
PAGE = os.path.join(SRCDIR, "tests", "data", "page.html")
WET = os.path.join(SRCDIR, "tests", "data", "good-whirlwind.warc.wet")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def rel(path):
    return os.path.relpath(path, SRCDIR)


# --- the module itself -------------------------------------------------------


def test_layout_matches_winnow_h():
    layout = os.environ.get("LAYOUT")
    if not layout or not os.access(layout, os.X_OK):
        pytest.skip("LAYOUT does not name tests/python/layout")
    got = json.loads(subprocess.run([layout], capture_output=True, check=True).stdout)
    types = {
        "wn_error": winnow._Error,
        "wn_options": winnow._Options,
        "wn_sink": winnow._Sink,
        "wn_sinks": winnow._Sinks,
        "wn_report": winnow._Report,
        "wn_document": winnow._Document,
    }
    import ctypes

    for name, t in types.items():
        c = got["structs"][name]
        assert ctypes.sizeof(t) == c["size"], name
        fields = [(f[0].rstrip("_"), f[0]) for f in t._fields_]
        assert [f[0] for f in fields] == [f[0] for f in c["fields"]], name
        for (cname, off, size), (_, pyname) in zip(c["fields"], fields):
            d = getattr(t, pyname)
            assert (d.offset, d.size) == (off, size), name + "." + cname
    assert got["enum_size"] == ctypes.sizeof(ctypes.c_int)
    k = got["constants"]
    assert (k["WN_EDATA"], k["WN_EUSAGE"], k["WN_ELOCKED"]) == (
        winnow.EDATA,
        winnow.EUSAGE,
        winnow.ELOCKED,
    )
    assert k["WN_FROM_HTML"] == winnow._FROM["html"]
    for mode in ("off", "loose", "normal", "strict"):
        assert k["WN_BOILERPLATE_" + mode.upper()] == winnow._BOILERPLATE[mode]
    assert k["WN_NLANG"] == winnow._NLANG == len(winnow.languages())
    assert k["WN_SHINGLE_MAX"] == winnow._SHINGLE_MAX
    assert k["WN_WINDOW_MAX"] == winnow._WINDOW_MAX


def test_loaded_from_where_expected():
    """Against an installed copy (tests/install/run.sh), the module and
    the library must be the installed ones, not the build tree's."""
    want = os.environ.get("WINNOW_EXPECT_MODULE")
    if want:
        assert os.path.abspath(winnow.__file__).startswith(os.path.abspath(want))
    lib = os.environ.get("WINNOW_EXPECT_LIBRARY")
    if lib:
        # the file the loader mapped (the module may have named a soname)
        with open("/proc/self/maps") as f:
            paths = {ln.split()[-1] for ln in f if "libwinnow.so" in ln}
        assert paths, "no libwinnow.so mapped"
        want = os.path.realpath(lib)
        assert all(os.path.realpath(p).startswith(want) for p in paths), paths


def test_version():
    assert winnow.__version__ == winnow.library_version().split()[1]
    assert winnow.library_version().startswith("winnow ")
    assert "en" in winnow.languages() and "ja" in winnow.languages()


# --- the same decisions as the command -------------------------------------


@pytest.mark.parametrize("threads", [1, 2])
def test_seeds_as_cli(cli, threads):
    st, out, err = cli(
        ["--no-compress", "--threads=%d" % threads] + [rel(s) for s in SEEDS],
        cwd=SRCDIR,
    )
    assert st == 0, err
    want = {r["id"]: r["text"] for r in jsonl(out)}
    with winnow.Cleaner(threads=threads) as c:
        got = {rel(s) + ":1": c.clean(read(s)) for s in SEEDS}
    assert {k: v for k, v in got.items() if v is not None} == want
    # the seeds give every kind of removal: each document kept, some
    # paragraphs not (boilerplate, a near repeat)
    assert len(want) == len(SEEDS)


def test_seeds_twice_dropped(cli):
    """The seeds given twice: the second copy of each is dropped."""
    with winnow.Cleaner() as c:
        first = [c.clean(read(s)) for s in SEEDS]
        again = [c.clean(read(s)) for s in SEEDS]
    assert all(t for t in first) and again == [None] * len(SEEDS)


def seed_records():
    recs = []
    for i, s in enumerate(SEEDS):
        recs.append(
            {
                "id": "seed-%d" % i,
                "text": read(s).decode(),
                "url": "https://news.example/%d.html" % i,
                "source": "seeds",
                "added": "2024-01-0%dT00:00:00Z" % (i + 1),
                "metadata": {"file": os.path.basename(s)},
            }
        )
    # a second copy of a story, and a record with no metadata
    recs.append(dict(recs[3], id="seed-3-copy"))
    recs.append({"id": 99, "text": "Too short.", "lang": "en"})
    return recs


def cli_jsonl(cli, tmp_path, recs, *opts):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs))
    st, out, err = cli(["--no-compress"] + list(opts) + [str(path)])
    assert st == 0, err
    return jsonl(out)


def test_process_as_cli_jsonl(cli, tmp_path):
    recs = seed_records()
    want = cli_jsonl(cli, tmp_path, recs)
    dropped = []
    with winnow.Cleaner() as c:
        got = list(c.process(recs, on_drop=dropped.append))
    assert got == want
    assert [r["id"] for r in dropped] == ["seed-3-copy", 99]
    # every key passed through, the winnow report in metadata
    assert got[0]["added"] == recs[0]["added"]
    assert got[0]["metadata"]["file"] == os.path.basename(SEEDS[0])
    assert "paragraphs_in" in got[0]["metadata"]["winnow"]


def test_generated_corpus_as_cli(cli, tmp_path, srcdir):
    """1 MB of generated scraped news with URLs on six sites (site
    templates, wire copies, near duplicates), in small batches."""
    gen = os.path.join(srcdir, "bench", "gen.py")
    if not os.path.exists(gen):
        pytest.skip("bench/gen.py is not there")
    path = tmp_path / "corpus.jsonl"
    subprocess.run(
        [sys.executable, gen, "--urls", "--seed", "7", "--mb", "1", "--format",
         "jsonl", str(path), os.devnull],
        check=True,
    )
    recs = [json.loads(line) for line in path.read_text().splitlines()]
    want = cli_jsonl(cli, tmp_path, recs)
    with winnow.Cleaner(flush_every=37) as c:
        got = list(c.process(recs))
        stats = c.stats
    assert got == want
    assert stats["documents_in"] == len(recs)
    assert stats["dropped"]["paragraphs_site_template"] > 0
    assert stats["dropped"]["paragraphs_near_duplicate"] > 0


def test_html_fixture_as_cli(cli):
    st, out, err = cli(["--no-compress", PAGE])
    assert st == 0, err
    (want,) = jsonl(out)
    with winnow.Cleaner() as c:
        assert c.clean_html(read(PAGE)) == want["text"]
        # and given as a str, and through process()
    with winnow.Cleaner() as c:
        (got,) = c.process([{"html": read(PAGE).decode(), "id": "p"}])
    assert got["text"] == want["text"] and "html" not in got
    assert got["metadata"]["title"] == want["metadata"]["title"]
    assert got["metadata"]["url"] == want["metadata"]["url"]


def wet_records(path):
    """The conversion records of a WET file: (record id, url, text)."""
    data = read(path)
    out = []
    pos = 0
    while True:
        start = data.find(b"WARC/1.0\r\n", pos)
        sep = b"\r\n"
        if start < 0:
            start = data.find(b"WARC/1.0\n", pos)
            sep = b"\n"
        if start < 0:
            return out
        head_end = data.index(sep + sep, start)
        head = {}
        for line in data[start:head_end].split(sep)[1:]:
            k, _, v = line.decode().partition(":")
            head[k.strip().lower()] = v.strip()
        body_start = head_end + 2 * len(sep)
        n = int(head["content-length"])
        if head.get("warc-type") == "conversion":
            out.append(
                (head["warc-record-id"], head.get("warc-target-uri"),
                 data[body_start:body_start + n])
            )
        pos = body_start + n


def test_wet_fixture_as_cli(cli):
    st, out, err = cli(["--no-compress", WET])
    assert st == 0, err
    want = {r["id"]: r["text"] for r in jsonl(out)}
    recs = wet_records(WET)
    assert recs
    with winnow.Cleaner() as c:
        got = {rid: c.clean(text, url=url) for rid, url, text in recs}
    assert got == want


@pytest.mark.parametrize("mode", ["strict", "loose", "off"])
def test_options_as_cli(cli, tmp_path, mode):
    recs = seed_records()
    want = cli_jsonl(cli, tmp_path, recs, "--boilerplate=" + mode, "--near=0.3",
                     "--lang=en")
    with winnow.Cleaner(boilerplate=mode, near=0.3, lang="en") as c:
        assert list(c.process(recs)) == want


def test_explain_as_cli(cli, tmp_path):
    ex = tmp_path / "explain.jsonl"
    st, out, err = cli(["--no-compress", "--explain=" + str(ex)]
                       + [rel(s) for s in SEEDS], cwd=SRCDIR)
    assert st == 0, err
    want = {}
    for line in ex.read_text().splitlines():
        r = json.loads(line)
        want.setdefault(r.pop("id"), []).append(r)
    with winnow.Cleaner(explain=True) as c:
        for s in SEEDS:
            c.clean(read(s))
            assert c.explain == want[rel(s) + ":1"]
            c.clean(read(s), id="again")
            assert c.explain and all(ln["id"] == "again" for ln in c.explain)
            assert all(ln["document_dropped"] for ln in c.explain)


# --- the state ----------------------------------------------------------------


def test_state_as_cli(cli, tmp_path):
    """Two days with a state: the second day's output and the state's
    contents are the command's."""
    recs = seed_records()
    day1, day2 = recs[:3], recs[2:]
    cstate, pstate = tmp_path / "cli.state", tmp_path / "py.state"
    want1 = cli_jsonl(cli, tmp_path, day1, "--state=%s" % cstate, "--date=2024-05-01")
    want2 = cli_jsonl(cli, tmp_path, day2, "--state=%s" % cstate, "--date=2024-05-02")
    with winnow.Cleaner(state=pstate, date="2024-05-01") as c:
        assert list(c.process(day1)) == want1
    assert pstate.exists()
    with winnow.Cleaner(state=str(pstate), date="2024-05-02") as c:
        assert list(c.process(day2)) == want2
    info = []
    for s in (cstate, pstate):
        st, out, err = cli(["state", "info", "--date=2024-05-02", str(s)])
        assert st == 0, err
        info.append([ln for ln in out.decode().splitlines()
                     if "written" not in ln and str(s) not in ln])
    assert info[0] == info[1]


def test_state_not_committed_on_exception(tmp_path):
    state = tmp_path / "s.state"
    with pytest.raises(RuntimeError):
        with winnow.Cleaner(state=state) as c:
            c.clean(read(SEEDS[0]))
            raise RuntimeError("the consumer failed")
    assert not state.exists()
    c = winnow.Cleaner(state=state)
    c.clean(read(SEEDS[0]))
    c.abort()
    assert not state.exists()
    c = winnow.Cleaner(state=state)
    c.clean(read(SEEDS[0]))
    c.close()
    assert state.exists()
    with winnow.Cleaner(state=state) as c:
        assert c.clean(read(SEEDS[0])) is None


def test_state_locked(tmp_path):
    state = tmp_path / "s.state"
    with winnow.Cleaner(state=state):
        with pytest.raises(winnow.LockedError) as e:
            winnow.Cleaner(state=state)
        assert e.value.status == "locked"
        assert str(state) in str(e.value)


def test_state_refused_as_cli(cli, tmp_path):
    state = tmp_path / "bad.state"
    state.write_bytes(b"this is not a winnow state\n" * 10)
    st, out, err = cli(["--no-compress", "--state=%s" % state, SEEDS[0]])
    assert st == 65
    with pytest.raises(winnow.DataError) as e:
        winnow.Cleaner(state=state)
    assert "winnow: " + str(e.value) in err.splitlines()


def test_early_stop_does_not_commit(tmp_path):
    state = tmp_path / "s.state"
    recs = seed_records()
    c = winnow.Cleaner(state=state, flush_every=1)
    for r in c.process(recs):
        break
    with pytest.raises(winnow.Error) as e:
        c.close()
    assert "not committed" in str(e.value)
    assert not state.exists()


# --- streaming, errors --------------------------------------------------------


def test_process_streams():
    """Records come out while the input is still being read: after at
    most flush_every documents."""
    taken = []

    def endless():
        i = 0
        while True:
            i += 1
            taken.append(i)
            yield {"id": i, "text": "Story number %d: the council of the "
                   "town met on a Tuesday and voted on item %d of its "
                   "agenda, as it does." % (i, i * 7919)}

    c = winnow.Cleaner(flush_every=10, near=0)
    out = []
    for r in c.process(endless()):
        out.append(r)
        if len(out) == 25:
            break
    assert [r["id"] for r in out] == list(range(1, 26))
    assert len(taken) <= 30
    c.abort()


def test_clean_text_kinds():
    with winnow.Cleaner() as c:
        text = "Caf\u00e9 owners in the old town said on Monday that the new rules would help them."
        assert c.clean(text) == text
        # invalid UTF-8 (bytes, or a str with a lone surrogate) is repaired
        got = c.clean(b"Bytes \xff that are not UTF-8 are repaired in the text of a document here.")
        assert "\ufffd" in got
        got = c.clean("A lone \ud800 surrogate is repaired as well, in the text of this document.")
        assert "\ufffd" in got
        assert c.clean("") is None
        assert c.last is None


@pytest.mark.parametrize(
    "kw",
    [
        {"near": 2},
        {"near": -0.1},
        {"doc_near": 1.5},
        {"boilerplate": "some"},
        {"lang": "xx"},
        {"template_pages": 1},
        {"shingle": 0},
        {"window": 65},
        {"threads": 0},
        {"memory": "lots"},
        {"date": "yesterday"},
    ],
)
def test_bad_options(kw):
    with pytest.raises(ValueError) as e:
        winnow.Cleaner(**kw)
    assert isinstance(e.value, winnow.UsageError)
    assert list(kw)[0] in str(e.value)


def test_library_refuses_options(tmp_path):
    """An option only the library checks comes back with its message."""
    with pytest.raises(winnow.UsageError) as e:
        winnow.Cleaner(state=tmp_path / "s", prior=[tmp_path / "p"])
    assert "prior does not go with a state" in str(e.value)
    with pytest.raises(winnow.Error) as e:
        winnow.Cleaner(prior=[tmp_path / "missing.state"])
    assert "missing.state" in str(e.value)


def test_closed():
    c = winnow.Cleaner()
    c.close()
    c.close()
    with pytest.raises(winnow.Error):
        c.clean("text")
    assert c.stats["documents_in"] == 0
