# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
"""A datatrove pipeline step that runs winnow over the documents.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from winnow_datatrove import WinnowStep

    LocalPipelineExecutor(pipeline=[
        JsonlReader("crawl/"),
        WinnowStep(state="state/winnow-{rank:05d}.state"),
        JsonlWriter("clean/"),
    ], tasks=4).run()

It has the shape of datatrove's PipelineStep (datatrove.pipeline.base):
run(data, rank=0, world_size=1) is a generator over documents with text,
id and metadata, and calling the step runs it; when datatrove is
installed it is a PipelineStep, so its stats go into datatrove's logs.
Without datatrove it needs only the winnow module.

Each document's text is cleaned (with html=True it is an HTML page and
its article is extracted, as WarcReader's documents hold); a document
that winnow drops (empty, boilerplate only, or every paragraph seen
before) is not yielded and goes to exclusion_writer when one is given,
as datatrove's filters do.  metadata["url"] (as datatrove's readers set
it) makes a site's template lines count.  metadata["winnow"] is winnow's
report on the document.

A datatrove task is one rank, and each rank runs its own winnow: what
one rank saw is not known to another (as with datatrove's own
deduplication within a task).  A state whose name holds {rank} is one
state per rank, remembering that rank's earlier runs; one state across
ranks would need them to run one after another.  For output that does
not depend on the number of tasks, run winnow itself (contrib/
winnow-parallel: README, MORE THAN ONE MACHINE).
"""

import contextlib

import winnow

try:  # a real PipelineStep when datatrove is there
    from datatrove.pipeline.base import PipelineStep as _Base
except ImportError:  # the same shape without it

    class _Base:
        name = None
        type = None

        def __init__(self):
            self.stats = {}

        def stat_update(self, *labels, value=1, unit=None):
            for label in labels:
                self.stats[label] = self.stats.get(label, 0) + value

        def update_doc_stats(self, document):
            self.stat_update("doc_len", value=len(document.text))

        def __repr__(self):
            return "%s: %s" % (self.type, self.name)

        def __call__(self, data=None, rank=0, world_size=1):
            return self.run(data, rank, world_size)


class WinnowStep(_Base):
    """Clean documents with winnow: normalize, remove boilerplate, drop
    repeated and nearly repeated paragraphs (and documents left empty).

    state: a winnow state file ("{rank}" and "{world_size}" are
    replaced), committed when the rank's input was read to its end and
    every kept document was taken by the next step.  html: each
    document's text is an HTML page.  exclusion_writer: a datatrove
    writer for the dropped documents.  The other keyword arguments are
    winnow.Cleaner's (near, boilerplate, lang, doc_near, template_pages,
    memory, threads, max_age, ...)."""

    name = "winnow"
    type = "🔻 - FILTER"

    def __init__(self, state=None, html=False, exclusion_writer=None, **options):
        super().__init__()
        self.state = state
        self.html = html
        self.exclusion_writer = exclusion_writer
        self.options = options
        winnow.Cleaner(**options).abort()  # bad options fail here, not in a task
        self.winnow_stats = None  # the last run's winnow --stats

    def run(self, data, rank=0, world_size=1):
        if data is None:
            return
        state = None
        if self.state is not None:
            state = str(self.state).format(rank=rank, world_size=world_size)
        field = "html" if self.html else "text"

        def records():
            for doc in data:
                self.stat_update("total")
                meta = doc.metadata or {}
                yield {field: doc.text, "id": doc.id, "url": meta.get("url"), "doc": doc}

        with winnow.Cleaner(state=state, **self.options) as cleaner:
            with self.exclusion_writer or contextlib.nullcontext() as writer:

                def dropped(rec):
                    self.stat_update("dropped")
                    if writer is not None:
                        writer.write(rec["doc"], rank)

                for rec in cleaner.process(records(), on_drop=dropped):
                    doc = rec["doc"]
                    doc.text = rec["text"]
                    if doc.metadata is None:
                        doc.metadata = {}
                    for k, v in rec["metadata"].items():
                        if k == "winnow" or k not in doc.metadata:
                            doc.metadata[k] = v
                    self.stat_update("forwarded")
                    self.update_doc_stats(doc)
                    yield doc
            self.winnow_stats = cleaner.stats
