"""Main-text extraction scorer on the article-extraction benchmark (dev split).

The data folder holds ``html/<id>.html.gz`` pages and ``ground-truth.json`` mapping each id
to ``{"articleBody": ...}``. Our text is what ``clean_document`` keeps of an HTML page
(``ingest.clean.html_main_text``). Scoring follows the benchmark's own method: tokens are
``\\w+`` runs, a page is compared by 4-token shingles (multiset), its tp/fp/fn are
normalized to sum to one, precision and recall are averaged over the pages, and F1 is the
harmonic mean of those two averages. ``f1_pages`` is the mean of the per-page F1 instead.

With ``folds`` the pages are split by a hash of their id (``fold_of``) and every choice the
extractor makes (trafilatura's mode, which repairs and block rules run: ``VARIANTS``) is
chosen on the other folds and reported on each fold, beside trafilatura's own output on the
same pages (its defaults, ``favor_precision``, ``favor_recall``) and the pages per second of
both.

Run: ``python -m storyline.eval.extract DIR [--limit N] [--folds K]``.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import logging
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path

import trafilatura

from ..errors import DataError
from ..ingest.clean import clean_html_body, html_main_text
from ..ingest.html import DEFAULT_OPTIONS, ExtractOptions, extract_blocks, page_extract
from ..ingest.htmlbody import BLOCK_RULES, REPAIRS, kept_text
from .report import EvalReport, Progress

logger = logging.getLogger(__name__)

NAME = "extract"
SHINGLE = 4
FLOORS: dict[str, float] = {"f1": 0.975, "precision": 0.968, "recall": 0.98}
# per fold count: each fold's cross-validated figures (chosen on the other fold)
FOLD_FLOORS: dict[int, dict[str, float]] = {2: {
    "fold0_f1": 0.97, "fold0_precision": 0.965, "fold0_recall": 0.974,
    "fold1_f1": 0.979, "fold1_precision": 0.974, "fold1_recall": 0.985,
}}
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


def f1_of(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def load_truth(data_dir: Path) -> dict[str, str]:
    path = data_dir / "ground-truth.json"
    try:
        truth = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError(f"cannot read {path}: {exc}",
                        hint="--data must be the article-extraction-dev folder") from exc
    return {key: (value or {}).get("articleBody", "") for key, value in truth.items()}


def page_html(data_dir: Path, key: str) -> str:
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
            "recall": round(recall, 4), "f1": round(f1_of(precision, recall), 4)}


def summarize(rows: list[dict[str, object]]) -> dict[str, float]:
    """The benchmark's headline figures from per-page rows."""
    counts = [(float(r["tp"]), float(r["fp"]), float(r["fn"])) for r in rows]
    precisions = [page_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [page_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    return {"f1": round(f1_of(precision, recall), 4), "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1_pages": round(statistics.mean(float(r["f1"]) for r in rows), 4) if rows else 0.0,
            "pages": float(len(rows))}


def score(data_dir: Path, *, progress: Progress | None = None,
          limit: int | None = None, folds: int | None = None) -> EvalReport:
    """Score main-text extraction on every page of ``data_dir`` (the first ``limit``).

    ``folds`` (2 or more) adds the cross-validated figures of each fold (``score_folds``).
    """
    data_dir = Path(data_dir)
    truth = load_truth(data_dir)
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    if folds is not None:
        return score_folds(data_dir, truth, keys, folds, progress)
    rows = []
    for done, key in enumerate(keys, 1):
        rows.append(score_page(key, truth[key], page_html(data_dir, key)))
        if progress is not None:
            progress(done, len(keys))
    notes = (("F1 = harmonic mean of mean precision and mean recall over pages, 4-token "
              "shingles (the benchmark's evaluate.py method); f1_pages = mean per-page F1"),)
    return EvalReport(NAME, summarize(rows), tuple(rows), notes, FLOORS)


# --- cross-validation: choices made on the other folds, figures of each fold --------------

BASELINES: dict[str, Callable[[str], str | None]] = {
    "trafilatura": trafilatura.extract,
    "trafilatura_precision": lambda html: trafilatura.extract(html, favor_precision=True),
    "trafilatura_recall": lambda html: trafilatura.extract(html, favor_recall=True),
}


# trafilatura's modes the extractor may choose; favor_recall is scored as its own baseline
VARIANT_FAVORS = ("precision", "balanced")


def fold_of(key: str, folds: int) -> int:
    """The fold of page ``key``: its SHA-256 as a number, modulo ``folds`` (no name lists)."""
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest(), 16) % folds


def _subsets(names: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [c for n in range(len(names) + 1) for c in itertools.combinations(names, n)]


def variants() -> list[ExtractOptions]:
    """Every choice the extractor can make, fewest rules first (ties go to the simpler)."""
    rules = tuple(dict.fromkeys(r.name for r in BLOCK_RULES))
    found = [ExtractOptions(favor, repairs, block_rules) for block_rules in _subsets(rules)
             for repairs in _subsets(tuple(REPAIRS)) for favor in VARIANT_FAVORS]
    return sorted(found, key=lambda o: len(o.repairs) + len(o.block_rules))


def _variant_counts(truth: str, html: str, options: list[ExtractOptions]
                    ) -> tuple[dict[str, tuple[float, float, float]], float]:
    """Counts of every variant on one page (one extraction per mode and repairs) and the
    seconds the shipped options took."""
    out: dict[str, tuple[float, float, float]] = {}
    seconds = 0.0
    extractions = {(o.favor, o.repairs) for o in options}
    for favor, repairs in sorted(extractions):
        started = time.perf_counter()
        doc, blocks = extract_blocks(html, options=ExtractOptions(favor, repairs, ()))
        extracted = time.perf_counter()
        for option in (o for o in options if (o.favor, o.repairs) == (favor, repairs)):
            kept = time.perf_counter()
            page = page_extract(html, doc, kept_text(blocks, option.block_rules))
            text = clean_html_body(page.text, page.title).text
            if option == DEFAULT_OPTIONS:
                seconds = extracted - started + time.perf_counter() - kept
            out[option.label] = match_counts(truth, text)
    return out, seconds


def _baseline_counts(truth: str, html: str) -> tuple[dict[str, tuple[float, float, float]],
                                                     float]:
    out, seconds = {}, 0.0
    for name, extract in BASELINES.items():
        started = time.perf_counter()
        out[name] = match_counts(truth, extract(html) or "")
        if name == "trafilatura":
            seconds = time.perf_counter() - started
    return out, seconds


def _figures(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    rows = [{"tp": tp, "fp": fp, "fn": fn, "f1": 0.0} for tp, fp, fn in counts]
    metrics = summarize(rows)
    return {k: metrics[k] for k in ("f1", "precision", "recall")}


def choose(per_page: Mapping[str, Mapping[str, tuple[float, float, float]]],
           keys: list[str], labels: list[str]) -> str:
    """The variant with the best F1 on ``keys``; the first of ``labels`` wins a tie."""
    return max(labels, key=lambda lab: (_figures([per_page[k][lab] for k in keys])["f1"],
                                        -labels.index(lab)))


def _fold_metrics(fold: int, test: list[str], chosen: str,
                  per_page: Mapping[str, Mapping[str, tuple[float, float, float]]]
                  ) -> dict[str, float]:
    metrics: dict[str, float] = {f"fold{fold}_pages": float(len(test))}
    names = {"": chosen, "_shipped": DEFAULT_OPTIONS.label, **{f"_{b}": b for b in BASELINES}}
    for suffix, label in names.items():
        figures = _figures([per_page[k][label] for k in test])
        metrics.update({f"fold{fold}{suffix}_{m}": v for m, v in figures.items()})
    return metrics


def score_folds(data_dir: Path, truth: Mapping[str, str], keys: list[str], folds: int,
                progress: Progress | None = None) -> EvalReport:
    """Each fold's figures with every choice made on the other folds, beside trafilatura."""
    if folds < 2:
        raise DataError(f"--folds {folds}: cross-validation needs at least 2 folds",
                        hint="use --folds 2 (halves) or more")
    options = variants()
    labels = [o.label for o in options]
    per_page: dict[str, dict[str, tuple[float, float, float]]] = {}
    ours_s = theirs_s = 0.0
    for done, key in enumerate(keys, 1):
        html = page_html(data_dir, key)
        per_page[key], seconds = _variant_counts(truth[key], html, options)
        baselines, their_seconds = _baseline_counts(truth[key], html)
        per_page[key].update(baselines)
        ours_s, theirs_s = ours_s + seconds, theirs_s + their_seconds
        if progress is not None:
            progress(done, len(keys))
    rows, metrics = _shipped_rows(keys, per_page, folds), {}
    metrics.update(summarize(rows))
    notes = []
    for fold in range(folds):
        test = [k for k in keys if fold_of(k, folds) == fold]
        train = [k for k in keys if fold_of(k, folds) != fold]
        chosen = choose(per_page, train, labels)
        metrics.update(_fold_metrics(fold, test, chosen, per_page))
        notes.append(f"fold {fold}: {len(test)} pages; chosen on the other folds: {chosen}")
    notes.extend(_variant_lines(per_page, keys, labels, folds))
    metrics["pages_per_s"] = round(len(keys) / ours_s, 2) if ours_s else 0.0
    metrics["trafilatura_pages_per_s"] = round(len(keys) / theirs_s, 2) if theirs_s else 0.0
    notes.append(f"shipped: {DEFAULT_OPTIONS.label}; pages/s: ours (repairs, extraction, "
                 "block rules, cleaning) vs trafilatura.extract with its defaults, same run")
    floors = {**FLOORS, **FOLD_FLOORS.get(folds, {})}
    return EvalReport(NAME, metrics, tuple(rows), tuple(notes), floors)


def _variant_lines(per_page: Mapping[str, Mapping[str, tuple]], keys: list[str],
                   labels: list[str], folds: int) -> list[str]:
    """One line per variant: its F1 on each fold."""
    lines = []
    for label in labels:
        f1s = [_figures([per_page[k][label] for k in keys if fold_of(k, folds) == fold])["f1"]
               for fold in range(folds)]
        lines.append(f"  {label}: " + " ".join(f"fold{i} {v:.4f}" for i, v in enumerate(f1s)))
    return lines


def _shipped_rows(keys: list[str], per_page: Mapping[str, Mapping[str, tuple]], folds: int
                  ) -> list[dict[str, object]]:
    rows = []
    for key in keys:
        tp, fp, fn = per_page[key][DEFAULT_OPTIONS.label]
        precision, recall = page_precision(tp, fp, fn), page_recall(tp, fp, fn)
        theirs = per_page[key]["trafilatura"]
        rows.append({"id": key, "fold": fold_of(key, folds), "tp": tp, "fp": fp, "fn": fn,
                     "precision": round(precision, 4), "recall": round(recall, 4),
                     "f1": round(f1_of(precision, recall), 4),
                     "trafilatura_f1": round(f1_of(page_precision(*theirs),
                                                   page_recall(*theirs)), 4)})
    return rows


def main(argv: list[str]) -> int:
    if not argv:
        sys.stderr.write("usage: python -m storyline.eval.extract DIR [--limit N] [--folds K]\n")
        return 2
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else None
    folds = int(argv[argv.index("--folds") + 1]) if "--folds" in argv else None
    report = score(Path(argv[0]), limit=limit, folds=folds)
    for metric, value in report.metrics.items():
        floor = report.floors.get(metric)
        sys.stdout.write(f"{metric:10} {value:.4f}" + (f"  (floor {floor})" if floor else "") +
                         "\n")
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    raise SystemExit(main(sys.argv[1:]))
