"""Per-date extractive summaries: TF-IDF centroid ranking with a redundancy check.

The candidate sentences of a date are ranked by cosine similarity to the centroid of all
sentences about that date, plus ``timeline_topic_weight`` times their similarity to the
centroid of the whole story (a day's most typical sentence may be about a side matter; what
the story is about keeps its summary on the story), and an article's first sentences, which
news writes to carry the news, weigh up to ``1 + timeline_lead_weight`` times more; in the
spirit of the centroid summarizers used for timeline summarization (Radev et al. 2004;
Ghalandari & Ifrim 2020). An aside (a sentence in the first person singular, a question, a
dateline, a photo caption or a page prompt: ``timeline_lexicon``) counts
``timeline_aside_weight`` times its score: the entry tells the day's event, not a reader's
view. Two reporting weights then favour the plain report of the day: a sentence from an
article published on its day or at most ``timeline_fresh_days`` after it (the news as first
reported, not a recap written later) counts ``timeline_fresh_weight`` times more, and a
sentence that quotes someone (``timeline_lexicon.QUOTE_MARK``) ``timeline_quoted_weight``
times its score: an entry
narrates the event rather than repeating what was said of it. They shape only the wording
of an entry (``reporting``); the brief reads the sentences the day's content alone ranks
first (``story.brief``). A sentence whose cosine with one already chosen, for this date or
an earlier one, exceeds ``timeline_redundancy`` is skipped, so no two entries of a day (nor
of two days) say the same thing. Vectors are the text toolkit's (``storyline.text.vectors``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date as Date
from typing import TYPE_CHECKING

import numpy as np

from ..text.vectors import centroid, tfidf
from ..text.words import terms
from . import timeline_lexicon

if TYPE_CHECKING:
    from .timeline import DatedSentence

Key = tuple[str, int, int]
SHORT_WORD_SHARE = 0.45  # above this share of 1-2 letter words a sentence is no prose


def aside(text: str) -> bool:
    """Whether a sentence speaks in the first person singular, asks a question
    (``timeline_lexicon.VOICE``) or is a dateline or a caption (``FURNITURE``): no report
    of an event."""
    rules = timeline_lexicon.VOICE + timeline_lexicon.FURNITURE
    return any(rule.search(text) for rule in rules)


def fresh(sentence: DatedSentence, days: int = 1) -> bool:
    """Whether a sentence's article was published on its day or at most ``days`` after
    it (``timeline_fresh_days``): the day's news as first reported, not a recap."""
    if not sentence.published or sentence.granularity != "day":
        return False
    try:
        gap = Date.fromisoformat(sentence.published[:10]) - Date.fromisoformat(sentence.date)
    except ValueError:
        return False
    return 0 <= gap.days <= days


def quotes(text: str) -> bool:
    """Whether a sentence carries someone's quoted words (``timeline_lexicon.QUOTE_MARK``)."""
    return timeline_lexicon.QUOTE_MARK.search(text) is not None


def reporting_weight(sentence: DatedSentence, settings) -> float:
    """How much a sentence's summary score counts as the report of its day: more for the
    news as first reported (:func:`fresh`), less for quoted words (:func:`quotes`)."""
    return ((settings.timeline_fresh_weight
             if fresh(sentence, settings.timeline_fresh_days) else 1.0)
            * (settings.timeline_quoted_weight if quotes(sentence.text) else 1.0))


def sentence_key(sentence: DatedSentence) -> Key:
    return (sentence.article_id, sentence.start, sentence.end)


def readable(text: str) -> bool:
    """Whether a sentence reads as prose: not mostly one- and two-letter fragments (text
    in a broken encoding, a table of initials)."""
    words = text.split()
    short = sum(1 for w in words if len(w) <= 2 and w.isalpha())
    return bool(words) and short <= SHORT_WORD_SHARE * len(words)


class SentenceVectors:
    """Unit-length TF-IDF rows of every distinct sentence (IDF over those sentences)."""

    def __init__(self, sentences: Iterable[DatedSentence]) -> None:
        texts: dict[Key, str] = {}
        for sentence in sentences:
            texts.setdefault(sentence_key(sentence), sentence.text)
        self.row = {key: i for i, key in enumerate(texts)}
        self.matrix = tfidf(list(texts.values()))
        self.lengths = np.diff(self.matrix.indptr)  # distinct terms per sentence
        words = [len(terms(text)) if readable(text) else 0 for text in texts.values()]
        self.words = np.asarray(words, dtype=np.int32)  # content words per sentence
        self.center = centroid(self.matrix)  # what the whole story is about

    def index(self, sentence: DatedSentence) -> int:
        return self.row[sentence_key(sentence)]

    def similarity(self, i: int, others: Sequence[int]) -> float:
        """The highest cosine between row ``i`` and any of ``others``."""
        if not others:
            return 0.0
        values = self.matrix[list(others)] @ self.matrix[i].T
        return float(values.max()) if values.nnz else 0.0


def summarize_date(candidates: Sequence[DatedSentence], vectors: SentenceVectors,
                   count: int, chosen_before: list[int], settings,
                   reporting: bool = True) -> list[DatedSentence]:
    """Up to ``count`` central, non-redundant sentences among ``candidates``; the rows of
    the chosen ones are added to ``chosen_before``. ``reporting``: apply the reporting
    weights (:func:`reporting_weight`); without them the ranking is the day's content's."""
    unique = list({sentence_key(s): s for s in candidates}.values())
    rows = [vectors.index(s) for s in unique]
    center = centroid(vectors.matrix[rows])
    topical = np.asarray(vectors.matrix[rows] @ vectors.center).ravel()
    scores = (np.asarray(vectors.matrix[rows] @ center).ravel()
              + settings.timeline_topic_weight * topical) * np.asarray(
        [(1.0 + settings.timeline_lead_weight / (1.0 + s.position))
         * (1.0 if s.mentioned else settings.timeline_undated_weight)
         * (settings.timeline_aside_weight if aside(s.text) else 1.0)
         * (reporting_weight(s, settings) if reporting else 1.0) for s in unique])
    fitting = [i for i, row in enumerate(rows)
               if settings.timeline_min_words <= vectors.words[row] <= settings.timeline_max_words
               and vectors.lengths[row] > 0]
    pool = fitting or [i for i, row in enumerate(rows) if vectors.lengths[row] > 0]
    ranked = sorted(pool, key=lambda i: (-scores[i], sentence_key(unique[i])))
    picked: list[DatedSentence] = []
    for i in ranked:
        if vectors.similarity(rows[i], chosen_before) > settings.timeline_redundancy:
            continue
        picked.append(unique[i])
        chosen_before.append(rows[i])
        if len(picked) >= count:
            break
    return picked
