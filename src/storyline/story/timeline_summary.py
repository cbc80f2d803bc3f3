"""Per-date extractive summaries: TF-IDF centroid ranking with a redundancy check.

The candidate sentences of a date are ranked by cosine similarity to the centroid of all
sentences about that date (sentences that mention the date count fully, sentences dated only
by their publication date count less), in the spirit of the centroid summarizers used for
timeline summarization (Radev et al. 2004; Ghalandari & Ifrim 2020). A sentence too similar
to one already chosen, for this date or an earlier one, is skipped.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .timeline import DatedSentence

Vector = dict[str, float]
Key = tuple[str, int, int]

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STOP_WORDS = """a about after again against all also am an and any are as at be because
been before being between both but by can could did do does doing down during each few for
from further had has have having he her here hers him his how i if in into is it its itself
just me more most my no nor not now of off on once only or other our out over own s said
same says she should so some such t than that the their them then there these they this
those through to too under until up us very was we were what when where which while who
whom why will with would you your"""
_STOP = frozenset(_STOP_WORDS.split())

MIN_WORDS = 6
MAX_WORDS = 45
REDUNDANT = 0.5
PUB_ONLY_WEIGHT = 1.0


def content_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1]


def sentence_key(sentence: DatedSentence) -> Key:
    return (sentence.article_id, sentence.start, sentence.end)


class SentenceVectors:
    """Unit-length TF-IDF vectors of every distinct sentence (IDF over those sentences)."""

    def __init__(self, sentences: Iterable[DatedSentence]) -> None:
        words: dict[Key, list[str]] = {}
        for sentence in sentences:
            key = sentence_key(sentence)
            if key not in words:
                words[key] = content_words(sentence.text)
        df = Counter(w for ws in words.values() for w in set(ws))
        total = max(len(words), 1)
        idf = {w: math.log((1 + total) / (1 + n)) + 1 for w, n in df.items()}
        self.lengths = {key: len(ws) for key, ws in words.items()}
        self.vectors = {key: _unit({w: c * idf[w] for w, c in Counter(ws).items()})
                        for key, ws in words.items()}

    def get(self, sentence: DatedSentence) -> Vector:
        return self.vectors.get(sentence_key(sentence), {})

    def length(self, sentence: DatedSentence) -> int:
        return self.lengths.get(sentence_key(sentence), 0)


def _unit(vector: Vector) -> Vector:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {w: v / norm for w, v in vector.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def centroid(sentences: Sequence[DatedSentence], vectors: SentenceVectors) -> Vector:
    total: dict[str, float] = {}
    for sentence in sentences:
        weight = 1.0 if sentence.mentioned else PUB_ONLY_WEIGHT
        for w, v in vectors.get(sentence).items():
            total[w] = total.get(w, 0.0) + weight * v
    return _unit(total)


def summarize_date(candidates: Sequence[DatedSentence], vectors: SentenceVectors,
                   count: int, chosen_before: list[Vector]) -> list[DatedSentence]:
    """Up to ``count`` central, non-redundant sentences among ``candidates``."""
    unique = list({sentence_key(s): s for s in candidates}.values())
    center = centroid(unique, vectors)
    fitting = [s for s in unique if MIN_WORDS <= vectors.length(s) <= MAX_WORDS]
    pool = fitting or [s for s in unique if vectors.length(s) > 0]
    ranked = sorted(pool, key=lambda s: (-_centrality(s, center, vectors), sentence_key(s)))
    picked: list[DatedSentence] = []
    for sentence in ranked:
        vector = vectors.get(sentence)
        if any(cosine(vector, other) > REDUNDANT for other in chosen_before):
            continue
        picked.append(sentence)
        chosen_before.append(vector)
        if len(picked) >= count:
            break
    return picked


def _centrality(sentence: DatedSentence, center: Vector, vectors: SentenceVectors) -> float:
    bonus = 1.0 if sentence.mentioned else PUB_ONLY_WEIGHT
    return cosine(vectors.get(sentence), center) * bonus
