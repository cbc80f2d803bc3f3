"""Story clustering over a whole archive: Timeline17 topics streamed as one shuffled feed.

Every input document of every topic folder becomes a dated article (the folder's date,
the outlet from the folder name); all of them are shuffled into one stream (a fixed
seed) and arrive in batches, as a backfill of an archive would: each batch is stored in a
throw-away SQLite store and clustered by the same service code as ``storyline analyze``
(stored profiles, neighbours in time, merges). Articles are profiled without a parse, as
in ``storyline eval clusters``. Gold: the topic, outlets merged (``bpoil_bbc`` and
``bpoil_guardian`` are one story). Reports B-cubed precision, recall and F1 (Bagga and
Baldwin, 1998), the Adjusted Rand Index, the number of stories and of merges; rows per
topic give how many stories hold it and its share in its largest one.

    storyline eval archive --data ../shared/benchmarks/timeline17-dev
"""

from __future__ import annotations

import logging
import random
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..config import Settings
from ..errors import DataError
from ..records import Article, DateSource, stable_id
from .clusters import adjusted_rand_index, bcubed
from .report import EvalReport, run_main

log = logging.getLogger(__name__)

SEED = 13
ARRIVAL = 200  # articles per arriving batch

# Measured on timeline17-dev (4 topics, 2,286 documents, 200 per batch): P 0.995, R 0.8977,
# F1 0.9438, ARI 0.9534, 57 stories (39 of one article), 1 merge.
FLOORS: dict[str, float] = {"bcubed_f1": 0.92, "bcubed_p": 0.97, "bcubed_r": 0.87}


@dataclass(frozen=True, slots=True)
class ArchiveDoc:
    article: Article
    topic: str


def read_archive(data_dir: Path) -> list[ArchiveDoc]:
    """Every input document of every topic folder (``<topic>_<outlet>/InputDocs/<day>/``)."""
    paths = sorted(Path(data_dir).glob("*/InputDocs/*/*"))
    docs = []
    for path in paths:
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        folder = path.parents[2].name
        topic, _, outlet = folder.partition("_")
        if not text:
            continue
        name = f"{folder}/{path.parent.name}/{path.name}"
        article = Article(id=stable_id("archive", name), source=name, text=text,
                          title=text.split("\n", 1)[0][:120], outlet=outlet or folder,
                          published=path.parent.name, published_from=DateSource.METADATA,
                          content_hash=stable_id("text", text))
        docs.append(ArchiveDoc(article, topic))
    if not docs:
        raise DataError(f"no Timeline17 input documents under {data_dir}",
                        hint="pass the folder that holds <topic>/InputDocs/<date>/ folders")
    return docs


def cluster_archive(docs: Sequence[ArchiveDoc], settings: Settings, arrival: int = ARRIVAL,
                    progress: Callable[[int, int], None] | None = None
                    ) -> tuple[dict[str, str], int]:
    """Stream ``docs`` (in the given order) through a throw-away store in batches of
    ``arrival``; article id -> story id at the end, and the number of merges."""
    from ..services.stories import cluster_pending
    from ..store import open_store

    merges = 0
    with tempfile.TemporaryDirectory(prefix="storyline-archive-") as tmp:
        store = open_store(str(Path(tmp) / "archive.db"))
        try:
            for start in range(0, len(docs), arrival):
                store.upsert_articles([d.article for d in docs[start:start + arrival]])
                merges += len(cluster_pending(store, settings).merges)
                if progress:
                    progress(min(start + arrival, len(docs)), len(docs))
            members = store.story_memberships()
        finally:
            store.close()
    return members, merges


def _topic_rows(docs: Sequence[ArchiveDoc], predicted: dict[str, str]) -> list[dict]:
    rows = []
    for topic in sorted({d.topic for d in docs}):
        stories = Counter(predicted[d.article.id] for d in docs if d.topic == topic)
        size = sum(stories.values())
        rows.append({"topic": topic, "documents": size, "stories": len(stories),
                     "largest_share": round(stories.most_common(1)[0][1] / size, 4)})
    return rows


def score(data_dir: Path, *, progress: Callable[[int, int], None] | None = None,
          limit: int | None = None, settings: Settings | None = None) -> EvalReport:
    """Cluster the shuffled archive of ``data_dir`` and score it against the topics."""
    settings = settings or Settings()
    docs = read_archive(Path(data_dir))
    random.Random(SEED).shuffle(docs)
    docs = docs[:limit] if limit else docs
    predicted, merges = cluster_archive(docs, settings, progress=progress)
    gold = [d.topic for d in docs]
    labels = [predicted[d.article.id] for d in docs]
    precision, recall, f1 = bcubed(gold, labels)
    sizes = Counter(labels)
    metrics = {"bcubed_p": round(precision, 4), "bcubed_r": round(recall, 4),
               "bcubed_f1": round(f1, 4), "ari": round(adjusted_rand_index(gold, labels), 4),
               "stories": float(len(sizes)),
               "single_article_stories": float(sum(1 for n in sizes.values() if n == 1)),
               "merges": float(merges)}
    notes = ((f"{len(docs)} articles of {len(set(gold))} topics, shuffled (seed {SEED}), "
             f"arriving {ARRIVAL} at a time"),)
    return EvalReport(name="archive", metrics=metrics, rows=tuple(_topic_rows(docs, predicted)),
                      notes=notes, floors=FLOORS)


def with_story(settings: Settings, **changes) -> Settings:
    """``settings`` with story settings changed (for tuning runs)."""
    return replace(settings, story=replace(settings.story, **changes))


def main(argv: Sequence[str]) -> int:
    return run_main(score, argv, "python -m storyline.eval.archive DATA_DIR", log)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
