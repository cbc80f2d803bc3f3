"""Main-text extraction scorer on the article-extraction benchmark (dev split).

The data folder holds ``html/<id>.html.gz`` pages and ``ground-truth.json`` mapping each id
to ``{"articleBody": ...}``. Our text is what ``clean_document`` keeps of an HTML page
(``ingest.clean.html_main_text``). Scoring follows the benchmark's own method: tokens are
``\\w+`` runs, a page is compared by 4-token shingles (multiset), its tp/fp/fn are
normalized to sum to one, precision and recall are averaged over the pages, and F1 is the
harmonic mean of those two averages. ``f1_pages`` is the mean of the per-page F1 instead.

Run: ``python -m storyline.eval.extract DIR [--limit N]``.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

from ..errors import DataError
from ..ingest.clean import html_main_text
from .report import EvalReport, Progress

logger = logging.getLogger(__name__)

NAME = "extract"
SHINGLE = 4
FLOORS: dict[str, float] = {"f1": 0.96, "precision": 0.955, "recall": 0.965}
_TOKEN = re.compile(r"\w+")


def shingle_counts(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token shingles; a text shorter than ``size`` is one shingle."""
    tokens = _TOKEN.findall(text or "")
    last = max(1, len(tokens) - size + 1)
    return Counter(tuple(tokens[i:i + size]) for i in range(last) if tokens[i:i + size])


def match_counts(truth: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles, normalized to sum to 1 so every page weighs the same."""
    true, pred = shingle_counts(truth), shingle_counts(predicted)
    tp = float(sum((true & pred).values()))
    fp = float(sum((pred - true).values()))
    fn = float(sum((true - pred).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def page_precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def page_recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def load_truth(data_dir: Path) -> dict[str, str]:
    path = data_dir / "ground-truth.json"
    try:
        truth = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError(f"cannot read {path}: {exc}",
                        hint="--data must be the article-extraction-dev folder") from exc
    return {key: (value or {}).get("articleBody", "") for key, value in truth.items()}


def _page_html(data_dir: Path, key: str) -> str:
    path = data_dir / "html" / f"{key}.html.gz"
    try:
        return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    except (OSError, EOFError) as exc:
        raise DataError(f"cannot read page {path}: {exc}",
                        hint="the html/ folder must hold <id>.html.gz for every id") from exc


def score_page(key: str, truth: str, html: str) -> dict[str, object]:
    tp, fp, fn = match_counts(truth, html_main_text(html))
    precision, recall = page_precision(tp, fp, fn), page_recall(tp, fp, fn)
    return {"id": key, "tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(_f1(precision, recall), 4)}


def summarize(rows: list[dict[str, object]]) -> dict[str, float]:
    """The benchmark's headline figures from per-page rows."""
    counts = [(float(r["tp"]), float(r["fp"]), float(r["fn"])) for r in rows]
    precisions = [page_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [page_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    return {"f1": round(_f1(precision, recall), 4), "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1_pages": round(statistics.mean(float(r["f1"]) for r in rows), 4) if rows else 0.0,
            "pages": float(len(rows))}


def score(data_dir: Path, *, progress: Progress | None = None,
          limit: int | None = None) -> EvalReport:
    """Score main-text extraction on every page of ``data_dir`` (the first ``limit``)."""
    data_dir = Path(data_dir)
    truth = load_truth(data_dir)
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    rows = []
    for done, key in enumerate(keys, 1):
        rows.append(score_page(key, truth[key], _page_html(data_dir, key)))
        if progress is not None:
            progress(done, len(keys))
    notes = (("F1 = harmonic mean of mean precision and mean recall over pages, 4-token "
              "shingles (the benchmark's evaluate.py method); f1_pages = mean per-page F1"),)
    return EvalReport(NAME, summarize(rows), tuple(rows), notes, FLOORS)


def main(argv: list[str]) -> int:
    if not argv:
        sys.stderr.write("usage: python -m storyline.eval.extract DIR [--limit N]\n")
        return 2
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else None
    report = score(Path(argv[0]), limit=limit)
    for metric, value in report.metrics.items():
        floor = report.floors.get(metric)
        sys.stdout.write(f"{metric:10} {value:.4f}" + (f"  (floor {floor})" if floor else "") +
                         "\n")
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    raise SystemExit(main(sys.argv[1:]))
