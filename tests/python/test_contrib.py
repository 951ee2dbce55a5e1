# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# contrib/python: the datatrove-shaped step (without datatrove) and the
# dolma recipe, each against the winnow command on the same input.
import dataclasses
import glob
import gzip
import json
import os
import sys

import pytest

from conftest import SRCDIR, jsonl

sys.path.insert(0, os.path.join(SRCDIR, "contrib", "python"))
import winnow  # noqa: E402
import winnow_datatrove  # noqa: E402
import winnow_dolma  # noqa: E402

SEEDS = sorted(glob.glob(os.path.join(SRCDIR, "seeds", "*.txt")))
PAGE = os.path.join(SRCDIR, "tests", "data", "page.html")


@dataclasses.dataclass
class Document:
    """datatrove.data.Document's fields."""

    text: str
    id: str
    media: list = dataclasses.field(default_factory=list)
    metadata: dict = dataclasses.field(default_factory=dict)


class Writer:
    """A datatrove writer's shape: a context manager with write(doc, rank)."""

    def __init__(self):
        self.docs, self.entered, self.exited = [], 0, 0

    def __enter__(self):
        self.entered += 1
        return self

    def __exit__(self, *exc):
        self.exited += 1

    def write(self, doc, rank=0):
        self.docs.append((doc.id, rank))


def docs():
    out = []
    for i, s in enumerate(SEEDS):
        with open(s, encoding="utf-8") as f:
            out.append(Document(f.read(), "doc-%d" % i,
                                metadata={"url": "https://news.example/%d" % i, "n": i}))
    out.append(Document(out[1].text, "doc-1-again", metadata={"n": 99}))
    return out


def test_no_datatrove_needed():
    try:
        import datatrove  # noqa: F401
    except ImportError:
        assert "datatrove" not in sys.modules
        assert winnow_datatrove._Base.__module__ == "winnow_datatrove"


def test_step_as_cleaner():
    step = winnow_datatrove.WinnowStep()
    ex = Writer()
    step.exclusion_writer = ex
    data = docs()
    got = list(step(iter(data), rank=3, world_size=4))
    with winnow.Cleaner() as c:
        want = [(d.id, c.clean(d.text, url=d.metadata.get("url"))) for d in docs()]
    assert [(d.id, d.text) for d in got] == [w for w in want if w[1] is not None]
    # the documents themselves, changed in place; metadata kept
    assert got[0] is data[0] and got[0].metadata["n"] == 0
    assert got[0].metadata["winnow"]["paragraphs_in"] >= got[0].metadata["winnow"]["paragraphs_out"]
    assert ex.docs == [("doc-1-again", 3)] and ex.entered == ex.exited == 1
    assert step.stats["total"] == len(data)
    assert step.stats["dropped"] == 1
    assert step.stats["forwarded"] == len(data) - 1
    assert step.winnow_stats["documents_in"] == len(data)
    assert step.run(None) is not None and list(step.run(None)) == []


def test_step_html(cli):
    st, out, err = cli(["--no-compress", PAGE])
    assert st == 0, err
    (want,) = jsonl(out)
    with open(PAGE, encoding="utf-8") as f:
        doc = Document(f.read(), "page")
    (got,) = winnow_datatrove.WinnowStep(html=True).run([doc])
    assert got.text == want["text"]
    assert got.metadata["title"] == want["metadata"]["title"]


def test_step_state_per_rank(tmp_path):
    step = winnow_datatrove.WinnowStep(state=str(tmp_path / "w-{rank:02d}.state"))
    assert len(list(step.run(docs(), rank=1, world_size=2))) == len(SEEDS)
    assert (tmp_path / "w-01.state").exists()
    # the next run of rank 1 remembers; rank 0 does not
    assert list(step.run(docs(), rank=1, world_size=2)) == []
    assert len(list(step.run(docs(), rank=0, world_size=2))) == len(SEEDS)
    # a consumer that stops early commits nothing
    it = step.run(docs(), rank=5, world_size=8)
    next(it)
    it.close()
    assert not (tmp_path / "w-05.state").exists()


def test_step_bad_options():
    with pytest.raises(ValueError):
        winnow_datatrove.WinnowStep(near=3)


def dolma_tree(root, recs_by_file):
    for rel, recs in recs_by_file.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(path, "wt", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r) + "\n")


def read_gz(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_dolma_recipe_as_cli(cli, tmp_path):
    recs = []
    for i, s in enumerate(SEEDS):
        with open(s, encoding="utf-8") as f:
            recs.append({"id": str(i), "text": f.read(), "source": "seeds",
                         "added": "2024-05-01T00:00:00.000Z",
                         "created": "2017-04-0%dT00:00:00.000Z" % (i + 1),
                         "metadata": {"file": os.path.basename(s)}})
    files = {
        "2019-09/0933_en_all.jsonl.gz": recs[:3],
        "2019-10/0106_en_all.jsonl.gz": recs[3:] + [dict(recs[0], id="0-again")],
    }
    src, dst = tmp_path / "v0" / "documents", tmp_path / "v1" / "documents"
    dolma_tree(src, files)
    state = tmp_path / "dolma.state"
    assert winnow_dolma.main(["--state", str(state), str(src), str(dst)]) == 0
    assert state.exists()
    got = [read_gz(dst / rel) for rel in sorted(files)]
    st, out, err = cli(["--no-compress"] + [str(src / rel) for rel in sorted(files)])
    assert st == 0, err
    assert got[0] + got[1] == jsonl(out)
    assert [r["id"] for r in got[1]] == ["3", "4"]  # 0-again dropped
    assert got[0][0]["created"] == recs[0]["created"]
    assert "winnow" in got[0][0]["metadata"] and got[0][0]["metadata"]["file"]
    assert not list(dst.rglob("*.tmp"))
    # the next run with the state: everything was seen
    dst2 = tmp_path / "v2" / "documents"
    assert winnow_dolma.main(["--state", str(state), str(src), str(dst2)]) == 0
    assert [read_gz(dst2 / rel) for rel in sorted(files)] == [[], []]


def test_dolma_recipe_failure_leaves_nothing(tmp_path):
    src, dst = tmp_path / "documents", tmp_path / "out"
    dolma_tree(src, {"a.jsonl.gz": [{"id": "1", "text": "Some text of a story.", "source": "s"}]})
    (src / "b.jsonl").write_text('{"id": "2", "text": "more"}\nnot json\n')
    state = tmp_path / "s.state"
    with pytest.raises(json.JSONDecodeError):
        winnow_dolma.main(["--state", str(state), str(src), str(dst)])
    assert not state.exists()
    assert not [p for p in dst.rglob("*") if p.is_file()]
