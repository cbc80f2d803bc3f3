"""Score the product's coded events against the PLOVER gold over PolNeAR dev articles.

Each article of the gold is read from ``<polnear>/data/dev/text/`` (UTF-8, newlines kept,
so the gold offsets hold), annotated by the product's annotate path through
:func:`annotate_for_eval` (the one place to repoint when that path changes), and its
events are turned into :class:`~storyline.eval.plover.PredictedEvent` records: the event's
citations of that article, its type and modality, and the names and aliases of its source
and target actors. :mod:`storyline.eval.plover` matches them to the gold and computes the
metrics. The publication date, when ``data/metadata.tsv`` gives one, is the article's
reference date.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from ..errors import DataError
from ..records import Annotation, Article
from .plover import (
    GoldEvent,
    PredictedEvent,
    event_metrics,
    file_rows,
    match,
    modality_rows,
    read_aliases,
    read_gold,
    type_rows,
)
from .polnear import split_dir
from .product import annotate_all
from .report import EvalReport, Progress, run_main

log = logging.getLogger(__name__)

GOLD_SPLIT = "dev"
# Pinned just below what this scorer measured with events-8 on the 383 gold events
# (precision 0.8864, recall 0.6110, F1 0.7233, type accuracy 0.9444, typed P/R/F1
# 0.8371/0.5770/0.6832, source 0.7051, target 0.5983, modality 0.8504; events-3 had
# 0.9196 / 0.2689 / 0.4162). Raise them as the coder improves; never lower them. A floor
# stays at or below its target (precision and recall stay at theirs, 0.85 and 0.60).
FLOORS: dict[str, float] = {
    "precision": 0.85, "recall": 0.60, "f1": 0.72, "type_accuracy": 0.94,
    "typed_precision": 0.83, "typed_recall": 0.57, "typed_f1": 0.68,
    "source_accuracy": 0.70, "target_accuracy": 0.59, "modality_accuracy": 0.85,
}
# What the event coder must reach on this gold.
TARGETS: dict[str, float] = {"precision": 0.85, "recall": 0.60, "modality_accuracy": 0.85}


# With --folds 2 (halves by file-name hash: 13 articles / 250 events and 8 / 133), each
# half on its own; measured with events-8: half 0 P 0.8556 R 0.6160 modality 0.8506, half 1
# P 0.9524 R 0.6015 modality 0.8500. The rules were written looking at half 0's misses
# first; half 1 went from R 0.316 (events-3) to 0.579 (events-7) before any of its misses
# were read, and to 0.602 after.
FOLD_FLOORS: dict[int, dict[str, float]] = {2: {
    "fold0_precision": 0.85, "fold0_recall": 0.60, "fold0_modality_accuracy": 0.85,
    "fold1_precision": 0.85, "fold1_recall": 0.60, "fold1_modality_accuracy": 0.85,
}}


def fold_of(file: str, folds: int) -> int:
    """The fold of a gold article: the SHA-256 of its file name as a number, modulo
    ``folds`` (the rule the extraction scorer uses for pages; no name lists)."""
    return int(hashlib.sha256(file.encode("utf-8")).hexdigest(), 16) % folds


def is_polnear_layout(data_dir: Path, split: str = GOLD_SPLIT) -> bool:
    """Whether ``data_dir`` is a PolNeAR corpus (root, ``data`` or split folder)."""
    try:
        split_dir(Path(data_dir), split)
    except DataError:
        return False
    return True


def annotate_for_eval(articles: Sequence[Article]) -> dict[str, Annotation]:
    """The product's annotate path for the articles (parses cached, ``eval.product``): the
    only call the scorer makes into it."""
    return annotate_all(articles)


def predicted_events(annotation: Annotation, file: str) -> list[PredictedEvent]:
    """The annotation's events in the gold's terms (citations of this article only)."""
    actors = {actor.id: (actor.name, *actor.aliases) for actor in annotation.actors}
    out = []
    for event in annotation.events:
        spans = tuple((c.start, c.end) for c in event.citations
                      if c.article_id == annotation.article_id)
        out.append(PredictedEvent(
            file=file, spans=spans, type=event.type, modality=event.modality,
            source=actors.get(event.source_actor_id or "", ()),
            target=actors.get(event.target_actor_id or "", ())))
    return out


def _published(base: Path) -> dict[str, str]:
    """File stem -> publication date from the corpus ``metadata.tsv``, when there is one."""
    for candidate in (base.parent / "metadata.tsv", base / "metadata.tsv"):
        if candidate.is_file():
            with candidate.open(encoding="utf-8", newline="") as handle:
                return {row["filename"]: row["publication_date"]
                        for row in csv.DictReader(handle, delimiter="\t")
                        if row.get("filename") and row.get("publication_date")}
    return {}


def read_article(base: Path, file: str, published: dict[str, str]) -> Article:
    path = base / "text" / file
    if not path.is_file():
        raise DataError(f"the gold article {file} is not in {base / 'text'}",
                        hint="point --data at the PolNeAR folder the gold was written for")
    with path.open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    stem = Path(file).stem
    return Article(id=stem, source=str(path), text=text, published=published.get(stem))


def score(data_dir: Path, *, progress: Progress | None = None, limit: int | None = None,
          split: str | None = None, gold: Sequence[GoldEvent] | None = None,
          folds: int | None = None) -> EvalReport:
    """Annotate every gold article of ``data_dir`` and score its events against the gold;
    with ``folds`` also each fold of the articles (split by a hash of the file name)."""
    if folds is not None and folds < 2:
        raise DataError(f"--folds {folds}: the articles split into at least 2 folds",
                        hint="use --folds 2 (halves) or more")
    if (split or GOLD_SPLIT) != GOLD_SPLIT:
        raise DataError(f"the PLOVER event gold covers the {GOLD_SPLIT} split only",
                        hint=f"run with --split {GOLD_SPLIT} or without --split")
    base = split_dir(Path(data_dir), GOLD_SPLIT)
    gold_events = tuple(gold if gold is not None else read_gold())
    files = sorted({g.file for g in gold_events})[:limit]
    gold_events = tuple(g for g in gold_events if g.file in files)
    published = _published(base)
    articles = [read_article(base, file, published) for file in files]
    predicted: list[PredictedEvent] = []
    started = time.perf_counter()
    annotations = annotate_for_eval(articles)
    for done, (file, article) in enumerate(zip(files, articles), start=1):
        predicted.extend(predicted_events(annotations[article.id], file))
        if progress is not None:
            progress(done, len(files))
    return _report(gold_events, predicted, len(files), time.perf_counter() - started, folds)


def _report(gold: Sequence[GoldEvent], predicted: Sequence[PredictedEvent], n_files: int,
            seconds: float, folds: int | None = None) -> EvalReport:
    aliases = read_aliases()
    matches = match(gold, predicted, aliases)
    metrics = event_metrics(len(gold), len(predicted), matches)
    metrics["articles"] = float(n_files)
    rows = [*file_rows(gold, predicted, matches), *type_rows(gold, predicted, matches),
            *modality_rows(matches)]
    floors = dict(FLOORS)
    if folds is not None:
        fold_metrics, fold_rows = _fold_figures(gold, predicted, aliases, folds)
        metrics.update(fold_metrics)
        rows.extend(fold_rows)
        floors.update(FOLD_FLOORS.get(folds, {}))
    targets = ", ".join(f"{name} >= {value}" for name, value in TARGETS.items())
    summary = (f"{len(gold)} gold events in {n_files} PolNeAR dev articles, "
               f"{len(predicted)} predicted, {len(matches)} matched, {seconds:.1f}s")
    notes = (summary, f"targets: {targets}")
    return EvalReport(name="events", metrics=metrics, rows=tuple(rows), notes=notes,
                      floors=floors)


FOLD_METRICS = ("precision", "recall", "f1", "type_accuracy", "source_accuracy",
                "target_accuracy", "modality_accuracy")


def _fold_figures(gold: Sequence[GoldEvent], predicted: Sequence[PredictedEvent],
                  aliases, folds: int) -> tuple[dict[str, float], list[dict[str, object]]]:
    """Each fold's figures: the articles whose file name hashes to it (``fold_of``)."""
    metrics: dict[str, float] = {}
    rows: list[dict[str, object]] = []
    for fold in range(folds):
        part_gold = [g for g in gold if fold_of(g.file, folds) == fold]
        part_pred = [p for p in predicted if fold_of(p.file, folds) == fold]
        found = event_metrics(len(part_gold), len(part_pred),
                              match(part_gold, part_pred, aliases))
        metrics.update({f"fold{fold}_{name}": found[name] for name in FOLD_METRICS})
        rows.append({"item": f"fold {fold}", "gold": len(part_gold),
                     "predicted": len(part_pred), "matched": int(found["matched_events"]),
                     "note": f"{len({g.file for g in part_gold})} articles; P "
                             f"{found['precision']:.3f} R {found['recall']:.3f} modality "
                             f"{found['modality_accuracy']:.3f}"})
    return metrics, rows


def _main(argv: Sequence[str]) -> int:
    return run_main(score, argv, "python -m storyline.eval.polnear_events POLNEAR_DIR", log)


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
