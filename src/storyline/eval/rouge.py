"""ROUGE-N counts and the timeline metrics of Martschat & Markert (2017), written from the paper.

The token pipeline is the text toolkit's (``storyline.text.words.terms``), which follows
ROUGE-1.5.5 as the tilse toolkit runs it for timeline summarization (options ``-m -s``):
lowercase, every character outside ``[a-z0-9]`` becomes a space, stopwords are dropped,
words longer than three characters are Porter-stemmed, and n-grams are taken within each
sentence. Both steps can be switched off (``TokenConfig``).

Alignment-based ROUGE ("align+ m:1"): every predicted date is aligned to the reference date
of lowest cost ``(1 - 1/(|d1-d2|+1)) * (1 - approx_rouge1_f(pred, ref))``; precision sums
``hits / (|d1-d2|+1)`` over predicted dates divided by their n-gram counts; recall does the
same from the reference side (each reference date aligned to its cheapest predicted date).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..text.words import stem as _stem
from ..text.words import terms

Timeline = Mapping[date, Sequence[str]]  # date -> sentences (whitespace-tokenized text)


@dataclass(frozen=True, slots=True)
class TokenConfig:
    stem: bool = True
    drop_stopwords: bool = True


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float


def f_score(precision: float, recall: float) -> float:
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def porter_stem(word: str) -> str:
    """The Porter (1980) stem of a lowercase word of four or more characters (the toolkit's
    stemmer; shorter words are kept as ROUGE-1.5.5 keeps them)."""
    return _stem(word)


# ---------------------------------------------------------------- ROUGE-N counts


def tokens(sentence: str, config: TokenConfig = TokenConfig()) -> list[str]:
    """The ROUGE tokens of one sentence."""
    return terms(sentence, stemmed=config.stem, drop_stop_words=config.drop_stopwords)


def ngram_counts(sentences: Sequence[str], n: int,
                 config: TokenConfig = TokenConfig()) -> Counter[tuple[str, ...]]:
    counts: Counter[tuple[str, ...]] = Counter()
    for sentence in sentences:
        words = tokens(sentence, config)
        counts.update(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
    return counts


def rouge_counts(predicted: Sequence[str], reference: Sequence[str], n: int,
                 config: TokenConfig = TokenConfig()) -> tuple[int, int, int]:
    """``(hits, predicted n-grams, reference n-grams)`` for one summary pair."""
    pred = ngram_counts(predicted, n, config)
    ref = ngram_counts(reference, n, config)
    hits = sum(min(count, ref[gram]) for gram, count in pred.items())
    return hits, sum(pred.values()), sum(ref.values())


# ---------------------------------------------------------------- timeline metrics


def approx_rouge1_f(predicted: Sequence[str], reference: Sequence[str]) -> float:
    """tilse's cheap ROUGE-1 F1 on whitespace tokens, used only to price an alignment."""
    pred = Counter(word for sentence in predicted for word in sentence.split())
    ref = Counter(word for sentence in reference for word in sentence.split())
    match = sum(min(count, ref[word]) for word, count in pred.items())
    pred_total, ref_total = sum(pred.values()), sum(ref.values())
    precision = match / pred_total if pred_total else 0.0
    recall = match / ref_total if ref_total else 0.0
    return f_score(precision, recall)


def _date_weight(a: date, b: date) -> float:
    return 1.0 / (abs(a.toordinal() - b.toordinal()) + 1)


def _align(source: Timeline, target: Timeline, source_is_pred: bool) -> dict[date, date]:
    """Many-to-one: each source date to the target date of lowest date*content cost."""
    target_dates = sorted(target)
    alignment = {}
    for s_date in sorted(source):
        best, best_cost = None, float("inf")
        for t_date in target_dates:
            pred, ref = (source[s_date], target[t_date]) if source_is_pred else \
                (target[t_date], source[s_date])
            cost = (1 - _date_weight(s_date, t_date)) * (1 - approx_rouge1_f(pred, ref))
            if cost < best_cost:
                best, best_cost = t_date, cost
        if best is not None:
            alignment[s_date] = best
    return alignment


def align_rouge(predicted: Timeline, reference: Timeline, n: int,
                config: TokenConfig = TokenConfig()) -> PRF:
    """Alignment-based ROUGE-N (tilse ``align_date_content_costs_many_to_one``)."""
    p_num = p_den = r_num = r_den = 0.0
    to_ref = _align(predicted, reference, source_is_pred=True)
    for p_date, sentences in predicted.items():
        r_date = to_ref.get(p_date)
        hits, p_count, _ = rouge_counts(sentences, reference[r_date] if r_date else [], n,
                                        config)
        p_num += hits * (_date_weight(p_date, r_date) if r_date else 0.0)
        p_den += p_count
    to_pred = _align(reference, predicted, source_is_pred=False)
    for r_date, sentences in reference.items():
        p_date = to_pred.get(r_date)
        hits, _, r_count = rouge_counts(predicted[p_date] if p_date else [], sentences, n,
                                        config)
        r_num += hits * (_date_weight(p_date, r_date) if p_date else 0.0)
        r_den += r_count
    precision = p_num / p_den if p_den else 0.0
    recall = r_num / r_den if r_den else 0.0
    return PRF(precision, recall, f_score(precision, recall))


def date_prf(predicted: Sequence[date], reference: Sequence[date]) -> PRF:
    """Precision/recall/F1 of the predicted date set against the reference date set."""
    pred, ref = set(predicted), set(reference)
    common = len(pred & ref)
    precision = common / len(pred) if pred else 0.0
    recall = common / len(ref) if ref else 0.0
    return PRF(precision, recall, f_score(precision, recall))
