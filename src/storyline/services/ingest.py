"""Ingest: read, clean, store and link articles; bad inputs become rejections."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
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


def _store_batches(store: SqlStore, items: Iterable, progress: Progress | None, total: int):
    added = updated = unchanged = 0
    rejected: list[Rejected] = []
    ids: list[str] = []
    batch: list[Article] = []
    pending: list[Rejected] = []

    def flush() -> None:
        nonlocal added, updated, unchanged
        if pending:
            store.record_rejections(pending)
            pending.clear()
        if not batch:
            return
        counts = store.upsert_articles(batch)
        store.clear_rejection([a.source for a in batch])
        added, updated, unchanged = (added + counts.added, updated + counts.updated,
                                     unchanged + counts.unchanged)
        batch.clear()

    for done, item in enumerate(items, 1):
        if isinstance(item, Rejected):
            rejected.append(item)
            pending.append(item)
        else:
            batch.append(item)
            ids.append(item.id)
        if len(batch) >= BATCH or len(pending) >= BATCH:
            flush()
        tick(progress, done, max(total, done))
    flush()
    return added, updated, unchanged, rejected, ids


LINK_CHUNK = 200  # new articles linked per round of look-ups


def _indexed_near(store: SqlStore, new: Sequence, params: str):
    """The store's view of the indexed articles near ``new`` (dedupe.Indexed)."""
    from ..ingest.dedupe import Indexed, current_groups

    recorded = store.band_groups([k for a in new for k in a.signature.band_keys])
    same = store.same_hash_articles([a.content_hash for a in new], params)
    info = store.duplicate_info({i for ids in same.values() for i in ids}
                                | {g for groups in recorded.values() for g in groups})
    group_of = {i: m.duplicate_of or m.id for i, m in info.items()}
    by_hash = {h: sorted({group_of[i] for i in ids if i in group_of}) for h, ids in same.items()}
    cache: dict[str, bytes] = {}

    def signatures(ids: Sequence[str]) -> Mapping[str, bytes]:
        missing = [i for i in ids if i not in cache]
        if missing:
            cache.update(store.get_signatures(missing, params))
        return {i: cache[i] for i in ids if i in cache}

    return Indexed(current_groups(recorded, group_of), by_hash, signatures,
                   store.group_members_with)


def _link_chunk(store: SqlStore, ids: Sequence[str], settings: Settings, params: str) -> None:
    """Index and link a chunk of new articles: a few indexed look-ups for the whole chunk
    (the groups holding its band keys and content hashes), one write transaction. A group's
    members are not read: joining it compares with its original only, and moving it to an
    earlier original is one update."""
    from ..ingest.dedupe import NewArticle, join_groups, plan_links, signature_of
    from ..store.base import SignatureRow

    inputs = store.index_inputs(ids)
    new = [NewArticle(a.id, a.content_hash, signature_of(a.text, settings.ingest))
           for a in inputs]
    published = {a.id: a.published for a in inputs}
    found = join_groups(new, _indexed_near(store, new, params),
                        settings.ingest.near_duplicate_threshold)
    heads = store.duplicate_info({g for group in found for g in group if g not in published})
    links, repoint = plan_links(found, published, {g: m.published for g, m in heads.items()})
    group_bands = [(key, links[a.id] or a.id, a.id) for a in new for key in a.signature.band_keys]
    store.save_dedupe([SignatureRow(a.id, params, a.signature.values, a.signature.band_keys)
                       for a in new], links, repoint, group_bands)


def _refresh_originals(store: SqlStore, article_ids: Iterable[str]) -> None:
    """Pick again the original of the groups of ``article_ids`` (a date may have changed)."""
    from ..ingest.dedupe import refresh_links

    changes = refresh_links((m.id, m.published, m.duplicate_of)
                            for m in store.duplicate_groups(article_ids))
    if changes:
        store.set_duplicates(changes)


def _unsigned(store: SqlStore, params: str, article_ids: Iterable[str]) -> list[str]:
    """The articles to index: those of ``article_ids`` not indexed yet, or every article not
    indexed when the counts show others (a store older than the index, other settings, an
    interrupted run)."""
    fresh = store.unsigned_among(article_ids, params)
    if store.count_articles() == store.count_signatures(params) + len(fresh):
        return fresh
    return store.unsigned_articles(params)


def link_duplicates(store: SqlStore, settings: Settings, article_ids: Iterable[str] = ()
                    ) -> int:
    """Link every article missing from the near-duplicate index (the new ones) to its exact
    and near duplicates through indexed look-ups, and pick again the original of the groups
    of ``article_ids``. Returns how many stored articles are linked as duplicates.

    Each new article costs the same whatever the store holds (it reads only the articles
    that share one of its band keys or its content hash, and their groups); an article
    indexed under other settings (num_perm, shingle_size, threshold) is linked again."""
    from ..ingest.dedupe import params_key

    params, article_ids = params_key(settings.ingest), set(article_ids)
    unsigned = _unsigned(store, params, article_ids)
    store.clear_duplicates(unsigned)
    for start in range(0, len(unsigned), LINK_CHUNK):
        _link_chunk(store, unsigned[start:start + LINK_CHUNK], settings, params)
    _refresh_originals(store, article_ids - set(unsigned))
    return store.count_duplicates()


def _ingest(store, items, settings, progress, total) -> IngestReport:
    added, updated, unchanged, rejected, ids = _store_batches(store, items, progress, total)
    duplicates = link_duplicates(store, settings, ids)
    return IngestReport(added, updated, unchanged, duplicates, tuple(rejected), tuple(ids))


def count_inputs(paths: Sequence[str]) -> int:
    """How many input files ``paths`` name (for the progress bar's total)."""
    from ..ingest.sources import expand_paths

    return len(list(expand_paths(list(paths))))


def ingest_paths(store: SqlStore, paths: Sequence[str], settings: Settings, *,
                 metadata: str | None = None, progress: Progress | None = None) -> IngestReport:
    """Read, clean, store and link every article under ``paths``; bad files become rejections."""
    from ..ingest.batch import iter_ingested
    from ..ingest.metadata import load_sidecar
    from ..ingest.sources import expand_paths

    if not paths:
        raise UsageError("no input paths given", hint="storyline ingest FOLDER_OR_FILE ...")
    sidecar = load_sidecar(metadata) if metadata else None
    inputs = expand_paths(list(paths))
    items = iter_ingested(inputs, settings.ingest, sidecar)
    return _ingest(store, items, settings, progress, len(inputs))


def _safe_name(name: str) -> str:
    base = os.path.basename(name.replace("\\", "/")) or "upload.txt"
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in base)[:120]
    return safe if safe.strip(".") else "upload.txt"


def ingest_uploads(store: SqlStore, files: Sequence[tuple[str, bytes]], settings: Settings,
                   *, metadata: bytes | None = None) -> IngestReport:
    """Ingest uploaded files (name, bytes); sources are recorded as ``upload/<name>``."""
    from ..ingest.batch import iter_ingested
    from ..ingest.metadata import load_sidecar
    from ..ingest.sources import expand_paths

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

        items = map(rename, iter_ingested(expand_paths(paths), settings.ingest, sidecar))
        return _ingest(store, items, settings, None, len(paths))
