"""Claim scorer on a gold folder of invented articles: claim modality, group purity and
status accuracy.

The folder holds plain-text articles, a ``metadata.jsonl`` sidecar (outlet, date) and a
``gold.json``: every claim by its article and the words of its figure, with its value,
modality and the quantity (group) it belongs to, each group's status, and quantities that
must not become claims. The articles run through the product path (ingest, annotate,
story), and the story's claims are matched with the gold ones (a predicted claim overlaps
the gold figure's words and has its value).

Metrics: ``claim_recall`` and ``claim_precision``, ``modality_accuracy`` (over matched
claims), ``group_purity`` (the share of grouped claims that sit with claims of their own
gold group), ``group_completeness`` (the share of each gold group found in one predicted
group), ``status_accuracy`` (gold groups whose predicted group has their status),
``junk_groups`` (predicted groups holding no gold group) and ``junk_claims``.

Run: ``python -m storyline.eval.claims DIR`` (``tests/data/claims-gold``).
"""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..annotate import annotate_article
from ..annotate.models import load_nlp, model_version
from ..config import Settings
from ..errors import DataError
from ..ingest.clean import clean_document
from ..ingest.metadata import load_sidecar
from ..ingest.sources import iter_documents
from ..records import Article, Claim, Story
from ..story.build import build_story
from .report import EvalReport, Progress, run_main

log = logging.getLogger(__name__)

NAME = "claims"
FLOORS: dict[str, float] = {"claim_recall": 1.0, "modality_accuracy": 0.95,
                            "group_purity": 1.0, "group_completeness": 1.0,
                            "status_accuracy": 1.0}
CEILINGS: dict[str, float] = {"junk_groups": 0.0, "junk_claims": 0.0}


@dataclass(frozen=True, slots=True)
class GoldClaim:
    file: str
    figure: str
    value: float
    modality: str
    group: str | None


@dataclass(frozen=True, slots=True)
class ClaimGold:
    claims: tuple[GoldClaim, ...]
    statuses: Mapping[str, str]
    not_claims: tuple[tuple[str, str], ...]


def read_gold(data_dir: Path) -> ClaimGold:
    path = Path(data_dir) / "gold.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError(f"cannot read {path}: {exc}",
                        hint="--data must be a claim gold folder with gold.json") from exc
    claims = tuple(GoldClaim(c["file"], c["figure"], float(c["value"]), c["modality"],
                             c.get("group")) for c in data["claims"])
    return ClaimGold(claims, {g["id"]: g["status"] for g in data["groups"]},
                     tuple((n["file"], n["figure"]) for n in data.get("not_claims", [])))


def build_gold_story(data_dir: Path, nlp, settings: Settings | None = None
                     ) -> tuple[Story, dict[str, Article]]:
    """The story of the folder's articles, built through ingest, annotate and story."""
    settings = settings or Settings()
    data_dir = Path(data_dir)
    sidecar = load_sidecar(data_dir / "metadata.jsonl")
    paths = [str(p) for p in sorted(data_dir.glob("*.txt"))]
    if not paths:
        raise DataError(f"no articles in {data_dir}", hint="the gold folder holds *.txt files")
    articles = [a for raw in iter_documents(paths, settings.ingest) if not hasattr(raw, "reason")
                for a in [clean_document(raw, sidecar, settings.ingest)] if isinstance(a, Article)]
    version = model_version(nlp)
    annotations = {a.id: annotate_article(a, doc, version)
                   for a, doc in zip(articles, nlp.pipe(a.text for a in articles))}
    story = build_story("claims-gold", articles, annotations, settings)
    return story, {Path(a.source).name: a for a in articles}


def _span(article: Article, figure: str) -> tuple[int, int]:
    start = article.text.find(figure)
    if start < 0:
        raise DataError(f"{figure!r} is not in {article.source}", hint="fix gold.json")
    return start, start + len(figure)


def _holds(claim: Claim, value: float) -> bool:
    if abs(claim.value - value) <= 1e-6 * max(1.0, abs(value)):
        return True
    return claim.low is not None and claim.high is not None and \
        min(claim.low, claim.high) <= value <= max(claim.low, claim.high) and claim.low == value


def _find(claims: Sequence[Claim], article: Article, figure: str,
          value: float | None) -> Claim | None:
    start, end = _span(article, figure)
    for claim in claims:
        if claim.article_id == article.id and claim.start < end and start < claim.end and (
                value is None or _holds(claim, value)):
            return claim
    return None


def _purity(labels_by_group: Sequence[Sequence[str]]) -> float:
    total = sum(len(labels) for labels in labels_by_group)
    kept = sum(Counter(labels).most_common(1)[0][1] for labels in labels_by_group if labels)
    return round(kept / total, 4) if total else 1.0


def _group_metrics(gold: ClaimGold, story: Story, matched: Mapping[str, GoldClaim]
                   ) -> dict[str, float]:
    def label(claim_id: str) -> str:
        found = matched.get(claim_id)
        return found.group if found is not None and found.group else f"single:{claim_id}"

    groups = [[label(c) for c in g.claim_ids] for g in story.claim_groups]
    junk = sum(1 for labels in groups if all(lab.startswith("single:") for lab in labels))
    right = complete = total = 0
    for name, status in gold.statuses.items():
        members = [cid for cid, g in matched.items() if g.group == name]
        counts = Counter(g.id for g in story.claim_groups for cid in g.claim_ids
                         if cid in members)
        size = sum(1 for c in gold.claims if c.group == name)
        total += size
        if not counts:
            continue
        best_id, best = counts.most_common(1)[0]
        complete += best
        best_group = next(g for g in story.claim_groups if g.id == best_id)
        right += best_group.status == status
    return {"group_purity": _purity(groups),
            "group_completeness": round(complete / total, 4) if total else 1.0,
            "status_accuracy": round(right / len(gold.statuses), 4) if gold.statuses else 1.0,
            "junk_groups": float(junk), "groups": float(len(story.claim_groups))}


def score(data_dir: Path, *, progress: Progress | None = None, nlp=None,
          settings: Settings | None = None) -> EvalReport:
    """Build the story of the gold folder and score its claims and claim groups."""
    gold = read_gold(Path(data_dir))
    story, by_file = build_gold_story(Path(data_dir), nlp or load_nlp(), settings)
    matched: dict[str, GoldClaim] = {}
    rows = []
    for index, item in enumerate(gold.claims):
        article = by_file.get(item.file)
        if article is None:
            raise DataError(f"gold names {item.file}, which is not in the folder",
                            hint="fix gold.json")
        found = _find(story.claims, article, item.figure, item.value)
        if found is not None:
            matched[found.id] = item
        rows.append({"file": item.file, "figure": item.figure, "found": found is not None,
                     "modality": found.modality if found else None, "gold_modality": item.modality,
                     "group": item.group})
        if progress:
            progress(index + 1, len(gold.claims))
    junk_claims = sum(_find(story.claims, by_file[f], figure, None) is not None
                      for f, figure in gold.not_claims)
    right = sum(1 for r in rows if r["found"] and r["modality"] == r["gold_modality"])
    metrics = {"claim_recall": round(len(matched) / len(gold.claims), 4),
               "claim_precision": round(len(matched) / len(story.claims), 4)
               if story.claims else 0.0,
               "modality_accuracy": round(right / len(matched), 4) if matched else 0.0,
               **_group_metrics(gold, story, matched), "junk_claims": float(junk_claims)}
    notes = tuple(f"{g.subject}: {g.status} ({len(g.claim_ids)} claims)"
                  for g in story.claim_groups)
    return EvalReport(NAME, metrics, tuple(rows), notes, FLOORS)


def main(argv: list[str]) -> int:
    return run_main(score, argv, "python -m storyline.eval.claims DIR", log)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
