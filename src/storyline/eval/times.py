"""TempEval-3 style scorer for annotate.times on TimeML documents (TBAQ-cleaned).

Each document's TEXT is stripped of tags (offsets kept), ``find_times`` runs on it with the
creation time as reference, and the result is compared with the gold TIMEX3 spans (the
creation-time TIMEX3 sits outside TEXT and is never scored). Metrics: strict detection
F1 (exact span), relaxed detection F1 (any overlap, one-to-one), value accuracy (share of
relaxed-matched gold timexes whose normalized value equals gold) and value F1 (relaxed F1 x
value accuracy, TempEval-3's "value F1").
"""

from __future__ import annotations

import logging
import re
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..annotate.times import find_times
from .report import EvalReport, Progress
from .timeml import GoldTimex, TimeMLDocument, iter_tml_paths, read_tml

log = logging.getLogger(__name__)

FLOORS: dict[str, float] = {"relaxed_f1": 0.925, "value_accuracy": 0.838, "strict_f1": 0.86,
                           "value_f1": 0.788}

Span = tuple[int, int]


def normalize_value(value: str | None) -> str:
    """Compare-friendly form of a TimeML value: upper case, no seconds, two-digit weeks
    ("2000-W7" -> "2000-W07"), no trailing X on decades ("196X" -> "196")."""
    if not value:
        return ""
    text = value.strip().upper()
    text = re.sub(r"(T\d\d:\d\d):00$", r"\1", text)
    text = re.sub(r"(T\d\d)$", r"\1:00", text)
    text = re.sub(r"-W(\d)(?!\d)", r"-W0\1", text)
    if re.fullmatch(r"\d{2,3}X+", text):
        text = text.rstrip("X")
    return text


def _relaxed_pairs(gold: Sequence[Span], system: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one overlap matching: each gold span pairs with the first free system span."""
    pairs, used = [], set()
    for g_index, (g_start, g_end) in enumerate(gold):
        for s_index, (s_start, s_end) in enumerate(system):
            if s_index not in used and s_start < g_end and g_start < s_end:
                pairs.append((g_index, s_index))
                used.add(s_index)
                break
    return pairs


def _f1(matched: int, n_gold: int, n_system: int) -> tuple[float, float, float]:
    precision = matched / n_system if n_system else 0.0
    recall = matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_document(doc: TimeMLDocument, nlp=None) -> dict[str, object]:
    """Counts for one document (gold, system, strict, relaxed, value matches).

    With ``nlp`` (a spaCy pipeline) the text is parsed first, so verb tense comes from the
    parse instead of the word-pattern heuristic.
    """
    parsed = nlp(doc.text) if nlp is not None else None
    found = find_times(doc.text, doc.dct, article_id=doc.doc_id, doc=parsed)
    gold: list[GoldTimex] = sorted(doc.timexes, key=lambda t: t.start)
    gold_spans = [(t.start, t.end) for t in gold]
    system_spans = [(t.start, t.end) for t in found]
    strict = len(set(gold_spans) & set(system_spans))
    pairs = _relaxed_pairs(gold_spans, system_spans)
    value_ok = sum(1 for g, s in pairs
                   if normalize_value(gold[g].value) == normalize_value(found[s].value))
    misses = [f"{gold[g].text!r} gold={gold[g].value} got={found[s].value}"
              for g, s in pairs
              if normalize_value(gold[g].value) != normalize_value(found[s].value)]
    return {"doc": doc.doc_id, "gold": len(gold), "system": len(found), "strict": strict,
            "relaxed": len(pairs), "value": value_ok, "value_errors": misses,
            "missed": [t.text for i, t in enumerate(gold) if i not in {g for g, _ in pairs}],
            "spurious": [t.text for i, t in enumerate(found) if i not in {s for _, s in pairs}]}


def _metrics(rows: Iterable[dict[str, object]]) -> dict[str, float]:
    totals = {"gold": 0, "system": 0, "strict": 0, "relaxed": 0, "value": 0}
    for row in rows:
        for key in totals:
            totals[key] += int(row[key])  # type: ignore[arg-type]
    strict_p, strict_r, strict_f = _f1(totals["strict"], totals["gold"], totals["system"])
    relaxed_p, relaxed_r, relaxed_f = _f1(totals["relaxed"], totals["gold"], totals["system"])
    accuracy = totals["value"] / totals["relaxed"] if totals["relaxed"] else 0.0
    return {"strict_precision": strict_p, "strict_recall": strict_r, "strict_f1": strict_f,
            "relaxed_precision": relaxed_p, "relaxed_recall": relaxed_r,
            "relaxed_f1": relaxed_f, "value_accuracy": accuracy,
            "value_f1": relaxed_f * accuracy, "gold_timexes": float(totals["gold"]),
            "system_timexes": float(totals["system"])}


def score(data_dir: Path, *, progress: Progress | None = None,
          limit: int | None = None, with_parser: bool = False) -> EvalReport:
    """Score find_times on every TimeML document under ``data_dir``.

    ``with_parser`` runs the spaCy pipeline (annotate.models) on each document and gives
    find_times the Doc, as the annotate stage does; slower (about a minute on the dev set).
    """
    nlp = None
    if with_parser:
        from ..annotate.models import load_nlp

        nlp = load_nlp()
    paths = iter_tml_paths(Path(data_dir))[:limit] if limit else iter_tml_paths(Path(data_dir))
    rows = []
    began = time.process_time()
    words = 0
    for done, path in enumerate(paths, start=1):
        document = read_tml(path)
        words += len(document.text.split())
        rows.append(score_document(document, nlp))
        if progress is not None:
            progress(done, len(paths))
    seconds = time.process_time() - began
    metrics = _metrics(rows)
    metrics["words_per_second"] = words / seconds if seconds else 0.0
    notes = (f"{len(rows)} documents, {words} words, {seconds:.1f} CPU s (reading and scoring "
             "included)"
             + (" (with the spaCy parse)" if with_parser else ""),)
    table = tuple({k: v for k, v in row.items() if k not in ("value_errors", "missed",
                                                             "spurious")} for row in rows)
    log.info("times: %s", metrics)
    return EvalReport(name="times", metrics=metrics, rows=table, notes=notes, floors=FLOORS)


def error_lines(data_dir: Path, limit: int | None = None) -> list[str]:
    """Readable misses, spurious spans and wrong values, for tuning."""
    lines = []
    for path in iter_tml_paths(Path(data_dir))[:limit]:
        row = score_document(read_tml(path))
        for kind, key in (("MISS", "missed"), ("SPUR", "spurious"), ("VAL ", "value_errors")):
            lines += [f"{kind} {row['doc']}: {item}" for item in row[key]]  # type: ignore
    return lines


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not argv:
        log.error("usage: python -m storyline.eval.times DATA_DIR [--errors | --parser]")
        return 2
    if "--errors" in argv:
        for line in error_lines(Path(argv[0])):
            sys.stdout.write(line + "\n")
        return 0
    report = score(Path(argv[0]), with_parser="--parser" in argv)
    for name, value in report.metrics.items():
        log.info("%-20s %.4f", name, value)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
