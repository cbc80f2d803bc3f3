"""Ingest: read, clean, store and link articles; bad inputs become rejections."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..config import Settings
from ..errors import TooLarge, UsageError
from ..records import Article, Rejected
from ..store import SqlStore
from .common import Progress, tick

log = logging.getLogger(__name__)
BATCH = 25



@dataclass(frozen=True, slots=True)
class IngestReport:
    articles_added: int = 0
    articles_updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    rejected: tuple[Rejected, ...] = ()
    article_ids: tuple[str, ...] = ()


def _clean_all(docs, sidecar, settings: Settings, rename):
    from ..ingest.clean import clean_document
    from .annotate import too_large

    for doc in docs:
        if isinstance(doc, Rejected):
            yield rename(doc)
            continue
        item = clean_document(doc, sidecar, settings.ingest)
        if isinstance(item, Article):
            item = too_large(item, settings.annotate) or item
        yield rename(item)


def _store_batches(store: SqlStore, items: Iterable, progress: Progress | None, total: int):
    added = updated = unchanged = 0
    rejected: list[Rejected] = []
    ids: list[str] = []
    batch: list[Article] = []

    def flush() -> None:
        nonlocal added, updated, unchanged
        counts = store.upsert_articles(batch)
        store.clear_rejection([a.source for a in batch])
        added, updated, unchanged = (added + counts.added, updated + counts.updated,
                                     unchanged + counts.unchanged)
        batch.clear()

    for done, item in enumerate(items, 1):
        if isinstance(item, Rejected):
            rejected.append(item)
            store.record_rejections([item])
        else:
            batch.append(item)
            ids.append(item.id)
            if len(batch) >= BATCH:
                flush()
        tick(progress, done, max(total, done))
    if batch:
        flush()
    return added, updated, unchanged, rejected, ids


def link_duplicates(store: SqlStore, settings: Settings) -> int:
    """Recompute duplicate links over the whole store; returns how many are duplicates."""
    from ..ingest.dedupe import find_duplicates

    articles = list(store.iter_articles())
    links = find_duplicates(articles, settings.ingest)
    changes = {a.id: links.get(a.id) for a in articles if a.duplicate_of != links.get(a.id)}
    if changes:
        store.set_duplicates(changes)
    return len(links)


def _ingest(store, items, settings, progress, total) -> IngestReport:
    added, updated, unchanged, rejected, ids = _store_batches(store, items, progress, total)
    duplicates = link_duplicates(store, settings)
    return IngestReport(added, updated, unchanged, duplicates, tuple(rejected), tuple(ids))


def count_inputs(paths: Sequence[str]) -> int:
    """How many input files ``paths`` name (for the progress bar's total)."""
    from ..ingest.sources import expand_paths

    return len(list(expand_paths(list(paths))))


def ingest_paths(store: SqlStore, paths: Sequence[str], settings: Settings, *,
                 metadata: str | None = None, progress: Progress | None = None) -> IngestReport:
    """Read, clean, store and link every article under ``paths``; bad files become rejections."""
    from ..ingest.metadata import load_sidecar
    from ..ingest.sources import iter_documents

    if not paths:
        raise UsageError("no input paths given", hint="storyline ingest FOLDER_OR_FILE ...")
    sidecar = load_sidecar(metadata) if metadata else None
    docs = iter_documents(list(paths), settings.ingest)
    items = _clean_all(docs, sidecar, settings, lambda x: x)
    return _ingest(store, items, settings, progress, count_inputs(paths))


def _safe_name(name: str) -> str:
    base = os.path.basename(name.replace("\\", "/")) or "upload.txt"
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in base)[:120]
    return safe if safe.strip(".") else "upload.txt"


def ingest_uploads(store: SqlStore, files: Sequence[tuple[str, bytes]], settings: Settings,
                   *, metadata: bytes | None = None) -> IngestReport:
    """Ingest uploaded files (name, bytes); sources are recorded as ``upload/<name>``."""
    from ..ingest.metadata import load_sidecar
    from ..ingest.sources import iter_documents

    total = sum(len(data) for _, data in files)
    if total > settings.web.max_upload_bytes:
        raise TooLarge(f"upload of {total} bytes is over the limit of "
                       f"{settings.web.max_upload_bytes}", hint="send fewer or smaller files")
    with tempfile.TemporaryDirectory(prefix="storyline-upload-") as tmp:
        paths = []
        for index, (name, data) in enumerate(files):
            target = Path(tmp) / f"{index:04d}" / _safe_name(name)
            target.parent.mkdir()
            target.write_bytes(data)
            paths.append(str(target))
        sidecar = None
        if metadata:
            meta_path = Path(tmp) / "metadata.jsonl"
            meta_path.write_bytes(metadata)
            sidecar = {_safe_name(k): v for k, v in load_sidecar(str(meta_path)).items()}

        def rename(item):
            source = item.source.replace(tmp + os.sep, "", 1)
            source = "upload/" + source.split(os.sep, 1)[-1]
            return replace(item, source=source)

        items = _clean_all(iter_documents(paths, settings.ingest), sidecar, settings, rename)
        return _ingest(store, items, settings, None, len(paths))


