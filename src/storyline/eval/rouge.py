"""ROUGE-N counts and the timeline metrics of Martschat & Markert (2017), written from the paper.

The token pipeline follows ROUGE-1.5.5 as the tilse toolkit runs it for timeline
summarization (options ``-m -s``): lowercase, every character outside ``[a-z0-9]`` becomes a
space, stopwords are dropped, words longer than three characters are Porter-stemmed, and
n-grams are taken within each sentence. Both steps can be switched off (``TokenConfig``).
The stopword list is spaCy's English list, a close stand-in for ROUGE's SMART list.

Alignment-based ROUGE ("align+ m:1"): every predicted date is aligned to the reference date
of lowest cost ``(1 - 1/(|d1-d2|+1)) * (1 - approx_rouge1_f(pred, ref))``; precision sums
``hits / (|d1-d2|+1)`` over predicted dates divided by their n-gram counts; recall does the
same from the reference side (each reference date aligned to its cheapest predicted date).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

Timeline = Mapping[date, Sequence[str]]  # date -> sentences (whitespace-tokenized text)

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


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


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    words = {_NON_ALNUM.sub(" ", word.lower()).strip() for word in STOP_WORDS}
    return frozenset(word for word in words if word and " " not in word)


# ---------------------------------------------------------------- Porter stemmer (1980)

_VOWELS = frozenset("aeiou")


def _is_consonant(word: str, i: int) -> bool:
    char = word[i]
    if char in _VOWELS:
        return False
    if char == "y":
        return i == 0 or not _is_consonant(word, i - 1)
    return True


def _measure(stem: str) -> int:
    """Porter's m: the number of vowel-consonant sequences in ``stem``."""
    count, previous_vowel = 0, False
    for i in range(len(stem)):
        consonant = _is_consonant(stem, i)
        if consonant and previous_vowel:
            count += 1
        previous_vowel = not consonant
    return count


def _has_vowel(stem: str) -> bool:
    return any(not _is_consonant(stem, i) for i in range(len(stem)))


def _ends_double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _is_consonant(word, len(word) - 1)


def _ends_cvc(word: str) -> bool:
    if len(word) < 3:
        return False
    n = len(word)
    return (_is_consonant(word, n - 3) and not _is_consonant(word, n - 2)
            and _is_consonant(word, n - 1) and word[-1] not in "wxy")


def _replace(word: str, rules: Sequence[tuple[str, str]], min_measure: int) -> str:
    for suffix, replacement in rules:
        if word.endswith(suffix):
            stem = word[: len(word) - len(suffix)]
            return stem + replacement if _measure(stem) > min_measure else word
    return word


def _step1ab(word: str) -> str:
    if word.endswith(("sses", "ies")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if word.endswith("eed"):
        return word[:-1] if _measure(word[:-3]) > 0 else word
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and _has_vowel(word[: -len(suffix)]):
            word = word[: -len(suffix)]
            if word.endswith(("at", "bl", "iz")):
                return word + "e"
            if _ends_double_consonant(word) and word[-1] not in "lsz":
                return word[:-1]
            if _measure(word) == 1 and _ends_cvc(word):
                return word + "e"
            return word
    return word


_STEP2 = (("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"),
          ("izer", "ize"), ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"),
          ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"), ("ator", "ate"),
          ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"),
          ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"))
_STEP3 = (("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"),
          ("ful", ""), ("ness", ""))
_STEP4 = ("al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
          "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize")


def _longest_suffix(word: str, rules: Sequence[tuple[str, str]]) -> str:
    matches = [rule for rule in rules if word.endswith(rule[0])]
    if not matches:
        return word
    return _replace(word, [max(matches, key=lambda rule: len(rule[0]))], 0)


def _step4(word: str) -> str:
    matches = [suffix for suffix in _STEP4 if word.endswith(suffix)]
    if not matches:
        return word
    suffix = max(matches, key=len)
    stem = word[: -len(suffix)]
    if suffix == "ion" and not stem.endswith(("s", "t")):
        return word
    return stem if _measure(stem) > 1 else word


def _step5(word: str) -> str:
    if word.endswith("e"):
        stem = word[:-1]
        m = _measure(stem)
        if m > 1 or (m == 1 and not _ends_cvc(stem)):
            word = stem
    if word.endswith("ll") and _measure(word) > 1:
        word = word[:-1]
    return word


@lru_cache(maxsize=200_000)
def porter_stem(word: str) -> str:
    """The Porter (1980) stem of a lowercase word."""
    if len(word) <= 2:
        return word
    word = _step1ab(word)
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    word = _longest_suffix(word, _STEP2)
    word = _longest_suffix(word, _STEP3)
    return _step5(_step4(word))


# ---------------------------------------------------------------- ROUGE-N counts


def tokens(sentence: str, config: TokenConfig = TokenConfig()) -> list[str]:
    """The ROUGE tokens of one sentence."""
    words = _NON_ALNUM.sub(" ", sentence.lower()).split()
    if config.drop_stopwords:
        stop = _stopwords()
        words = [word for word in words if word not in stop]
    if config.stem:
        words = [porter_stem(word) if len(word) > 3 else word for word in words]
    return words


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
