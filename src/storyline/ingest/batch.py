"""Read and clean input files one at a time, each under the watchdog.

Reading a file (with parsing) and cleaning each of its documents get ``max_seconds`` each;
past that the file or the document is rejected as ``timeout`` and the batch goes on. The
results of a file are complete before they are handed on, so no caller's work (a store
write) ever runs while the watchdog is armed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence

from ..config import IngestSettings
from ..records import Article, RawDocument, Rejected, RejectReason
from .clean import clean_document
from .guard import Timeout, deadline
from .sources import InputFile, read_file, shown

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


def _clean(doc: RawDocument, sidecar: Sidecar, settings: IngestSettings) -> list[Item]:
    return _guarded(doc.source, lambda: _timed(
        doc.source, settings.max_seconds, lambda: [clean_document(doc, sidecar, settings)]))


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
        else:
            yield from ingest_file(item, settings, sidecar)
