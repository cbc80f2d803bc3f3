"""Train ``annotate/quotes/fallback_model.json`` on the PolNeAR train split.

For every train article the rules' attributions are found (``rule_attributions``), then
every fallback candidate that overlaps none of them (``annotate.quotes.fallback``). A
candidate is right when its content matches (``eval.quotes.overlap_ratio`` >= 30%) a gold
content that no rule attribution matches: what keeping it would add. A logistic regression
(scikit-learn, L2, ``C``) over the candidates' features (``fallback.features``) gives the
weights; the threshold, the probability a candidate needs, is chosen by two-fold
cross-validation on train (articles split by the SHA-256 of their name) as the lowest
where the kept candidates were right ``TARGET_PRECISION`` of the time (thresholds in
steps of 0.01). The dev split is never read.

Usage: ``python -m storyline.eval.quotes_fallback DATA_DIR [OUT]`` (OUT defaults to the
package's model file).
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..annotate.models import load_nlp
from ..annotate.parse import doc_text
from ..annotate.quotes import fallback
from ..annotate.quotes.find import fallback_candidates, rule_attributions
from ..annotate.quotes.marks import find_quote_spans
from ..text.spans import SpanSet
from .polnear import PolnearDoc, read_polnear
from .quotes import OVERLAP, overlap_ratio

log = logging.getLogger(__name__)

SPLIT = "train"
C = 1.0
#: The share of kept candidates that must be right in cross-validation.
TARGET_PRECISION = 0.72
_THRESHOLDS = tuple(round(0.5 + 0.01 * i, 2) for i in range(31))
#: A feature enters the model when at least this many train candidates have it.
MIN_SEEN = 3
_MIN_WEIGHT = 0.01


def _unmatched(doc: PolnearDoc, contents: Sequence[tuple[int, int]]) -> list:
    return [g for g in doc.attributions
            if not any(overlap_ratio(g.content, ((s, e),)) >= OVERLAP for s, e in contents)]


def examples(docs: Sequence[PolnearDoc], parsed: Iterable
             ) -> tuple[list[list[str]], list[int], list[int]]:
    """The features of every fallback candidate of ``docs``, whether it is right, and the
    cross-validation half of its article."""
    rows, labels, folds = [], [], []
    for doc, parse in zip(docs, parsed):
        found = rule_attributions(parse)
        spans = [(a.start, a.end) for a in found]
        outers = [(s.outer_start, s.outer_end) for s in find_quote_spans(doc_text(parse))]
        open_gold = _unmatched(doc, spans)
        for cand in fallback_candidates(parse, outers, found):
            rows.append(fallback.features(cand, doc.text, SpanSet(spans)))
            folds.append(_fold(doc.name))
            labels.append(int(any(overlap_ratio(g.content, ((cand.start, cand.end),)) >= OVERLAP
                                  for g in open_gold)))
    return rows, labels, folds


def _fold(name: str) -> int:
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % 2


def _threshold(matrix, labels: Sequence[int], folds: Sequence[int]) -> float:
    """The lowest threshold whose kept candidates were right ``TARGET_PRECISION`` of the
    time when each half of the articles is scored by a model fitted on the other."""
    from sklearn.linear_model import LogisticRegression

    kept = {t: [0, 0] for t in _THRESHOLDS}
    for held in (0, 1):
        fit_rows = [i for i, f in enumerate(folds) if f != held]
        test_rows = [i for i, f in enumerate(folds) if f == held]
        fitted = LogisticRegression(C=C, max_iter=2000).fit(
            matrix[fit_rows], [labels[i] for i in fit_rows])
        for p, i in zip(fitted.predict_proba(matrix[test_rows])[:, 1], test_rows):
            for t in _THRESHOLDS:
                if p >= t:
                    kept[t][0] += labels[i]
                    kept[t][1] += 1
    for t in _THRESHOLDS:
        right, total = kept[t]
        log.info("threshold %.2f: %d of %d right in cross-validation", t, right, total)
    return next((t for t in _THRESHOLDS if kept[t][1] and
                 kept[t][0] >= TARGET_PRECISION * kept[t][1]), _THRESHOLDS[-1])


def train(rows: Sequence[Sequence[str]], labels: Sequence[int], folds: Sequence[int],
          documents: int) -> dict:
    """Fit the model and return it as the package's JSON structure."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen = Counter(name for row in rows for name in row)
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([{name: 1 for name in row if seen[name] >= MIN_SEEN}
                                       for row in rows])
    threshold = _threshold(matrix, labels, folds)
    fitted = LogisticRegression(C=C, max_iter=2000).fit(matrix, labels)
    weights = {name: round(float(w), 4) for name, w in
               zip(vectorizer.get_feature_names_out(), fitted.coef_[0]) if abs(w) >= _MIN_WEIGHT}
    return {"source": f"PolNeAR {SPLIT} split, {documents} articles, {len(rows)} candidates, "
                      f"{sum(labels)} right (python -m storyline.eval.quotes_fallback)",
            "C": C, "threshold": threshold, "bias": round(float(fitted.intercept_[0]), 4),
            "weights": dict(sorted(weights.items()))}


def _main(argv: Sequence[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not argv:
        log.error("usage: python -m storyline.eval.quotes_fallback DATA_DIR [OUT]")
        return 2
    out = Path(argv[1]) if len(argv) > 1 else \
        Path(fallback.__file__).with_name(fallback.MODEL)
    docs = read_polnear(Path(argv[0]), SPLIT)
    nlp = load_nlp()
    rows, labels, folds = examples(docs, nlp.pipe((d.text for d in docs), batch_size=16))
    data = train(rows, labels, folds, len(docs))
    out.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
    log.info("%s; %d weights, written to %s", data["source"], len(data["weights"]), out)
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
