"""Story clustering scorer on ECB+ (each topic: articles about two different events).

For each topic the documents become undated articles, are profiled without annotation and
clustered online with :func:`storyline.story.cluster.assign_stories` in file-name order;
the predicted stories are scored against the gold split (``*ecb.xml`` vs ``*ecbplus.xml``)
with B-cubed precision/recall/F1 (Bagga and Baldwin, 1998) and the Adjusted Rand Index
(Hubert and Arabie, 1985). Headline metrics are means over topics; ``mixed_*`` metrics
cluster all documents of all topics as one collection (gold: topic and split).

    python -m storyline.eval.clusters /work/shared/benchmarks/ecbplus-dev
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from itertools import zip_longest
from pathlib import Path

from ..config import StorySettings
from ..story.cluster import assign_stories, profile_article
from .ecbplus import EcbDocument, read_topic, topic_dirs
from .report import EvalReport, run_main

log = logging.getLogger(__name__)

# Measured on ecbplus-dev (33 topics, 837 documents, 2026-11-23): per topic P 0.8303,
# R 0.8974, F1 0.8413, ARI 0.5636; all topics mixed F1 0.8214, ARI 0.746.
FLOORS: dict[str, float] = {"bcubed_p": 0.81, "bcubed_r": 0.88, "bcubed_f1": 0.83, "ari": 0.55,
                            "mixed_bcubed_f1": 0.80, "mixed_ari": 0.73}


def bcubed(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a predicted clustering against gold labels.

    For each item: precision = |same predicted & same gold| / |same predicted|, recall =
    the same over |same gold|; both averaged over items, F1 their harmonic mean.
    """
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted must label the same items")
    if not gold:
        return 0.0, 0.0, 0.0
    pairs = Counter(zip(gold, predicted))
    gold_sizes, pred_sizes = Counter(gold), Counter(predicted)
    precision = sum(pairs[(g, p)] / pred_sizes[p] for g, p in zip(gold, predicted)) / len(gold)
    recall = sum(pairs[(g, p)] / gold_sizes[g] for g, p in zip(gold, predicted)) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _pairs(n: int) -> float:
    return n * (n - 1) / 2.0


def adjusted_rand_index(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """ARI: (index - expected) / (max - expected) over the contingency table of pairs.

    Returns 1.0 when both clusterings are identical trivial partitions (no pair variance).
    """
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted must label the same items")
    index = sum(_pairs(c) for c in Counter(zip(gold, predicted)).values())
    sum_gold = sum(_pairs(c) for c in Counter(gold).values())
    sum_pred = sum(_pairs(c) for c in Counter(predicted).values())
    total = _pairs(len(gold))
    if total == 0:
        return 1.0
    expected = sum_gold * sum_pred / total
    maximum = (sum_gold + sum_pred) / 2.0
    if maximum == expected:
        return 1.0 if index == expected else 0.0
    return (index - expected) / (maximum - expected)


def _cluster(documents: Sequence[EcbDocument], settings: StorySettings) -> list[str]:
    profiles = [profile_article(d.article, None) for d in documents]
    assigned = assign_stories(profiles, {}, settings)
    return [assigned[d.article.id] for d in documents]


def score_topic(name: str, documents: Sequence[EcbDocument],
                settings: StorySettings) -> dict[str, object]:
    """Cluster one topic's documents (in file-name order) and score them; one row."""
    gold = [d.gold for d in documents]
    predicted = _cluster(documents, settings)
    precision, recall, f1 = bcubed(gold, predicted)
    return {"topic": name, "documents": len(documents),
            "gold_clusters": len(set(gold)), "predicted_clusters": len(set(predicted)),
            "bcubed_p": round(precision, 4), "bcubed_r": round(recall, 4),
            "bcubed_f1": round(f1, 4), "ari": round(adjusted_rand_index(gold, predicted), 4)}


def score_mixed(topics: Mapping[str, Sequence[EcbDocument]],
                settings: StorySettings) -> dict[str, float]:
    """All topics as ONE collection, interleaved round-robin like a feed of concurrent
    stories; gold = (topic, split). Checks that clustering also works when IDF comes
    from a varied collection."""
    queues = [list(docs) for docs in topics.values()]
    order = [d for group in zip_longest(*queues) for d in group if d is not None]
    topic_of = {d.article.id: name for name, docs in topics.items() for d in docs}
    gold = [(topic_of[d.article.id], d.gold) for d in order]
    predicted = _cluster(order, settings)
    _, _, f1 = bcubed(gold, predicted)
    return {"mixed_bcubed_f1": round(f1, 4),
            "mixed_ari": round(adjusted_rand_index(gold, predicted), 4),
            "mixed_predicted_clusters": float(len(set(predicted)))}


def recommended_settings() -> StorySettings:
    """The default story settings: the scorer measures what users get."""
    return StorySettings()


def _mean(rows: Sequence[Mapping[str, object]], key: str) -> float:
    return round(sum(float(r[key]) for r in rows) / len(rows), 4) if rows else 0.0


def score(data_dir: Path, *, progress: Callable[[int, int], None] | None = None,
          limit: int | None = None, settings: StorySettings | None = None) -> EvalReport:
    """Score online clustering over the ECB+ topics under ``data_dir``."""
    settings = settings or recommended_settings()
    topics = {p.name: read_topic(p) for p in topic_dirs(Path(data_dir))[:limit]}
    rows = []
    for done, (name, documents) in enumerate(topics.items(), start=1):
        rows.append(score_topic(name, documents, settings))
        if progress:
            progress(done, len(topics) + 1)
    metrics = {key: _mean(rows, key) for key in ("bcubed_p", "bcubed_r", "bcubed_f1", "ari")}
    metrics["predicted_clusters"] = _mean(rows, "predicted_clusters")
    metrics.update(score_mixed(topics, settings))
    if progress:
        progress(len(topics) + 1, len(topics) + 1)
    notes = ((f"{len(rows)} topics, {sum(int(r['documents']) for r in rows)} documents; "
             f"threshold {settings.cluster_threshold}"),)
    return EvalReport(name="clusters", metrics=metrics, rows=tuple(rows), notes=notes,
                      floors=FLOORS)


def main(argv: Sequence[str]) -> int:
    return run_main(score, argv, "python -m storyline.eval.clusters DATA_DIR", log)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
