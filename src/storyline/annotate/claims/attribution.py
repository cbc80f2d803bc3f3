"""Who a figure is attributed to: the speaker of a direct quote around it, a saying verb
that governs it ("X said"), "according to X", or the speaker of an indirect quote."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...records import Quote
from ..parse import children_of, entities_within, span_tokens
from .lexicon import FIRST_PERSON, SAY_LEMMAS

_SPEAKER_MODIFIERS = frozenset({"compound", "amod", "nmod", "nummod"})


def _subject_span(noun, lower_bound: int) -> tuple[int, int]:
    """Token range of the noun with its compound/amod children after ``lower_bound``."""
    first = noun.i
    for child in sorted(noun.lefts, key=lambda t: -t.i):
        if child.dep_ in _SPEAKER_MODIFIERS and child.i > lower_bound and child.i == first - 1:
            first = child.left_edge.i if child.left_edge.i > lower_bound else child.i
    return first, noun.i + 1


def _speaker_text(subject_token) -> tuple[str, int, int]:
    """A speaker's words: a named entity inside the phrase, else the short phrase itself."""
    span = subject_token.doc[subject_token.left_edge.i:subject_token.right_edge.i + 1]
    ranked = sorted((e for e in entities_within(span.doc, span.start, span.end)
                     if e.label_ in {"PERSON", "ORG", "GPE", "NORP"}),
                    key=lambda e: e.label_ != "PERSON")
    if ranked and (ranked[0].label_ == "PERSON" or len(span) > 6):
        return ranked[0].text, ranked[0].start_char, ranked[0].end_char
    if len(span) > 6:
        first, stop = _subject_span(subject_token, span.start - 1)
        span = subject_token.doc[first:stop]
    return span.text, span.start_char, span.end_char


def _speakers_of(token) -> list:
    """Subjects of a saying verb, or the object of "according to"."""
    if token.lemma_ in SAY_LEMMAS and token.pos_ == "VERB":
        subjects = [c for c in children_of(token) if c.dep_ in {"nsubj", "nsubjpass"}]
        if token.dep_ == "relcl" or any(c.dep_ == "nsubjpass" for c in subjects):
            return []
        return subjects
    if token.lower_ == "according":
        return [g for c in children_of(token) if c.lower_ == "to"
                for g in children_of(c) if g.dep_ == "pobj"]
    return []


def _usable_speaker(candidate, claim_start: int, claim_end: int) -> str | None:
    if candidate.pos_ not in {"NOUN", "PROPN", "PRON"}:
        return None
    text, start, end = _speaker_text(candidate)
    if text.lower() in FIRST_PERSON or re.search(r"\d|%", text) or not text[:1].isalnum():
        return None
    return text if end <= claim_start or start >= claim_end else None


def _attribution(last, sent, claim_start: int, claim_end: int) -> str | None:
    """First a saying verb that governs the number ("X said"), then any saying verb or
    "according to X" in the sentence."""
    for token in [*last.ancestors, *span_tokens(sent)]:
        for candidate in _speakers_of(token):
            speaker = _usable_speaker(candidate, claim_start, claim_end)
            if speaker:
                return speaker
    return None


def claimed_by(last, sent, start: int, end: int, quotes: Sequence[Quote]) -> str | None:
    """The speaker of a direct quote around the claim, else the attribution in the
    sentence, else the speaker of an indirect quote around it."""
    around = sorted((q for q in quotes if q.start <= start and end <= q.end and q.speaker_text
                     and not re.search(r"\d|%", q.speaker_text)),
                    key=lambda q: (not q.direct, q.end - q.start))
    if around and around[0].direct:
        return around[0].speaker_text
    return _attribution(last, sent, start, end) or (
        around[0].speaker_text if around else None
    )
