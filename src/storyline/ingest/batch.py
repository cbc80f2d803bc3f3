"""Read and clean input files one at a time, each under the watchdog.

Reading a file (with parsing) and cleaning each of its documents get ``max_seconds`` each;
past that the file or the document is rejected as ``timeout`` and the batch goes on. The
results of a file are complete before they are handed on, so no caller's work (a store
write) ever runs while the watchdog is armed. A WARC file is read one page at a time, each
read under the watchdog. Every article gets its detected language.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from ..config import IngestSettings
from ..records import Article, RawDocument, Rejected, RejectReason
from .clean import clean_document
from .guard import Timeout, deadline
from .language import with_language
from .sources import InputFile, read_file, shown
from .warc import is_warc, iter_warc

logger = logging.getLogger(__name__)

Item = Article | Rejected
Sidecar = Mapping[str, Mapping[str, str]] | None


def _timed(source: str, seconds: float, work: Callable[[], list]) -> list:
    """``work()`` under the watchdog; a Rejected(TIMEOUT) for ``source`` when it runs over.

    Outside the main thread nothing interrupts the work, but a result that came too late
    is rejected all the same, so that the outcome does not depend on the thread."""
    try:
        with deadline(seconds) as check:
            result = work()
            check()
            return result
    except Timeout:
        return [Rejected(shown(source), RejectReason.TIMEOUT,
                         f"gave up after {seconds:g} s (ingest.max_seconds)")]


def _guarded(source: str, work: Callable[[], list]) -> list:
    """A parser bug on hostile bytes must not end the batch: it becomes a rejection."""
    try:
        return work()
    except Exception as exc:  # the last line of defence (RecursionError, MemoryError too)
        logger.debug("reading %s failed", shown(source), exc_info=True)
        return [Rejected(shown(source), RejectReason.MALFORMED,
                         f"could not be parsed ({type(exc).__name__}: {exc})"[:500])]


def _clean_one(doc: RawDocument, sidecar: Sidecar, settings: IngestSettings) -> list[Item]:
    item = clean_document(doc, sidecar, settings)
    return [with_language(item, settings) if isinstance(item, Article) else item]


def _clean(doc: RawDocument, sidecar: Sidecar, settings: IngestSettings) -> list[Item]:
    return _guarded(doc.source, lambda: _timed(
        doc.source, settings.max_seconds, lambda: _clean_one(doc, sidecar, settings)))


def clean_documents(docs: Iterable[RawDocument | Rejected], settings: IngestSettings,
                    sidecar: Sidecar = None) -> Iterator[Item]:
    """Documents read elsewhere (fetched pages) cleaned one at a time under the watchdog."""
    for doc in docs:
        yield from ([doc] if isinstance(doc, Rejected) else _clean(doc, sidecar, settings))


def _one_at_a_time(source: str, seconds: float, docs: Iterator) -> Iterator:
    """The items of ``docs``, each produced under the watchdog; a timeout or a parser bug
    ends the file (the generator is then finished) with a rejection."""

    def step() -> list:
        found = next(docs, None)
        return [] if found is None else [found]

    while found := _guarded(source, lambda: _timed(source, seconds, step)):
        yield found[0]


def ingest_warc(item: InputFile, settings: IngestSettings, sidecar: Sidecar = None
                ) -> Iterator[Item]:
    """The articles of a WARC file, page after page."""
    docs = iter_warc(item, settings)
    return clean_documents(_one_at_a_time(item.source, settings.max_seconds, docs),
                           settings, sidecar)


def ingest_file(item: InputFile, settings: IngestSettings, sidecar: Sidecar = None
                ) -> list[Item]:
    """Every article of one input file, or the rejections that explain what is missing."""
    docs = _guarded(item.source, lambda: _timed(
        item.source, settings.max_seconds, lambda: read_file(item, settings)))
    out: list[Item] = []
    for doc in docs:
        out.extend([doc] if isinstance(doc, Rejected) else _clean(doc, sidecar, settings))
    return out


def iter_ingested(inputs: Sequence[InputFile | Rejected], settings: IngestSettings,
                  sidecar: Sidecar = None) -> Iterator[Item]:
    """Articles and rejections of every input (from ``expand_paths``), file after file."""
    for item in inputs:
        if isinstance(item, Rejected):
            yield item
        elif is_warc(item.source):
            yield from ingest_warc(item, settings, sidecar)
        else:
            yield from ingest_file(item, settings, sidecar)
