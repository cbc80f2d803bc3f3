"""Resolving a pronoun or nominal speaker ("she", "the president") to a named person.

PERSON mentions (given, or the parse's own entities) preceding the speaker are the
candidates; see ``resolve_speaker`` for the rules. Pure: no I/O, no model loading.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...records import Mention
from ...text.paragraphs import paragraph_index
from .speakers import Candidate, choose_candidate, needs_resolution, same_person

CROSS_PARAGRAPHS = 2


def person_spans(doc, mentions: Sequence[Mention]) -> list[tuple[int, int, str]]:
    """``(start, end, text)`` of the PERSON mentions given, else of the doc's entities."""
    if mentions:
        return [(m.start, m.end, m.text) for m in mentions if m.label == "PERSON"]
    return [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "PERSON"]


def resolve_speaker(doc, speaker: tuple[int, int], candidates: Sequence[Candidate],
                    paragraphs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span of the PERSON a pronoun or nominal speaker refers to, or None.

    ``candidates`` are PERSON mentions outside direct quotes (a name inside a quote is
    rarely its speaker). Those before the speaker in its own paragraph come first: the
    last one named as a subject that fits wins, else the nearest that fits. A pronoun fits
    unless the person's gender, seen from ``Mr.``/``Ms.`` or a following he/she, differs;
    a nominal fits when its head noun titles that person somewhere in the text ("the
    president" fits "President Jane Roe"); a bare ``the president`` with no such person
    takes the last person named as a subject. Only when the paragraph has no candidate at
    all is the nearest earlier paragraph with candidates (up to two back) used, and only if
    every candidate there names the same person: never across a paragraph break when
    another candidate exists.
    """
    start, end = speaker
    surface = doc.char_span(start, end, alignment_mode="expand")
    kind = needs_resolution(doc, surface.start, surface.end) if surface is not None else None
    if kind is None:
        return None
    para = paragraph_index(paragraphs, start)
    own_lo = paragraphs[para][0]
    own = [c for c in candidates if own_lo <= c.start and c.end <= start]
    if own:
        return _span_of(choose_candidate(own, kind, surface))
    for back in range(para - 1, max(-1, para - 1 - CROSS_PARAGRAPHS), -1):
        lo, hi = paragraphs[back]
        earlier = [c for c in candidates if lo <= c.start and c.end <= hi]
        if earlier:
            return _span_of(choose_candidate(earlier, kind, surface)) if same_person(earlier) else None
    return None


def _span_of(candidate: Candidate | None) -> tuple[int, int] | None:
    return (candidate.start, candidate.end) if candidate is not None else None


def previous_speaker(doc, speaker: tuple[int, int], named: Sequence[Candidate],
                     paragraphs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """``Jane Roe says ... She says ...``: a pronoun speaker is the person named as the
    speaker of the quote just before it in the same paragraph, when the gender fits."""
    start, end = speaker
    surface = doc.char_span(start, end, alignment_mode="expand")
    if surface is None or needs_resolution(doc, surface.start, surface.end) != "pronoun":
        return None
    lo = paragraphs[paragraph_index(paragraphs, start)][0]
    before = [c for c in named if lo <= c.start and c.end <= start]
    if not before:
        return None
    last = before[-1]
    fits = choose_candidate([last], "pronoun", surface) is not None
    return (last.start, last.end) if fits else None
