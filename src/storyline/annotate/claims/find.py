"""Numeric claims: quantities, what they count, how hedged, as of when and said by whom.

A regular expression finds number phrases ("150,000", "Thirteen", "half a dozen", "tens of
thousands", "$1.5 billion", "49%"); the spaCy parse of the same ``Doc`` supplies the noun
they count, the sentence, named entities (to drop dates, times, ordinals and numbers that
are part of a name) and the attribution ("X said", "according to X").

Conventions: ``value`` is a float. Vague plural magnitudes take their lower bound as value
and keep the vague words as qualifier: "tens of thousands" -> 10000 with qualifier
"tens of", "thousands" -> 1000 with "thousands of", "dozens" -> 12 with "dozens of".
``unit`` is "percent", "percentage points", an ISO currency code ("USD") or a measure
("km"), and None for plain counts. ``Claim.text`` covers qualifier, number, unit and the
counted noun when it follows the number. The word lists, the regular expressions and the
reading of a number phrase from the text alone live in annotate.claims_lexicon.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from ...records import Claim, Quote, TimeExpression, stable_id
from ..parse import doc_text
from .lexicon import (
    COLLECTIVE_NOUNS,
    CURRENCY_WORDS,
    FIRST_PERSON,
    HEADING_NOUNS,
    MEASURE_UNITS,
    MEASURES,
    NO_HEAD_UNITS,
    NUMBER_RE,
    SAY_LEMMAS,
    SHARE_NOUNS,
    SKIP_ENTITY_LABELS,
    SUBJECT_MODIFIERS,
    TIME_UNITS,
    VAGUE,
    NumberPhrase,
    excluded_by_context,
    parse_number,
    phone_spans,
)


def _tokens(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


class _Sentences:
    """The sentences of a ``Doc``, found by token index (``Token.sent`` rescans the doc)."""

    def __init__(self, doc) -> None:
        self.spans = list(doc.sents)
        self.starts = [span.start for span in self.spans]

    def of(self, token):
        return self.spans[bisect.bisect_right(self.starts, token.i) - 1]


def _excluded_by_parse(tokens, number: NumberPhrase, sent) -> bool:
    if not tokens:
        return True
    for token in tokens:
        if token.ent_type_ in SKIP_ENTITY_LABELS and not number.unit:
            return True
    return not any(t.pos_ in {"VERB", "AUX"} for t in sent)


def _of_object(token, depth: int = 0):
    """The noun after "of" hanging from ``token`` ("49% of voters", "tens of thousands of")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    if pobj.lower_ in VAGUE and depth < 3:
                        return _of_object(pobj, depth + 1) or pobj
                    return pobj
    return None


def _modifiers_only(doc, start: int, stop: int) -> bool:
    """True when the tokens between a number and its noun can all modify that noun."""
    return all(t.tag_ != "POS" and (t.pos_ in {"ADJ", "NOUN", "PROPN", "NUM"} or t.text == "-")
               for t in doc[start:stop])


def _head_noun(last):
    """The noun the number token modifies, found by climbing the parse."""
    inside, head = last.i, last
    for _ in range(3):
        if head.head.i == head.i:
            return None
        head = head.head
        if head.i > inside and head.pos_ in {"NOUN", "PROPN"}:
            return head if _modifiers_only(last.doc, inside + 1, head.i) else None
        if head.i != inside and not head.like_num and head.dep_ not in {"quantmod", "nummod"}:
            return None
    return None


def _next_noun(last, sent_end: int):
    """The first noun after the number, past adjectives and names only."""
    for token in last.doc[last.i + 1:min(last.i + 5, sent_end)]:
        if token.pos_ == "NOUN":
            return token
        if token.pos_ not in {"ADJ", "PROPN"} or token.tag_ == "POS":
            return None
    return None


def _counted_noun(tokens, number: NumberPhrase, sent_end: int):
    """The noun the number counts, from the parse, or None."""
    last = tokens[-1]
    of_noun = _of_object(last)
    if of_noun is not None or number.unit in NO_HEAD_UNITS or number.unit in MEASURE_UNITS:
        return of_noun
    head = _head_noun(last)
    if head is not None and head.lower_ == "worth":
        return _of_object(head)  # "$2 billion worth of goods"
    if head is not None or number.unit is not None:
        return head
    return _next_noun(last, sent_end)


def _subject_span(noun, lower_bound: int) -> tuple[int, int]:
    """Token range of the noun with its compound/amod children after ``lower_bound``."""
    first = noun.i
    for child in sorted(noun.lefts, key=lambda t: -t.i):
        if child.dep_ in SUBJECT_MODIFIERS and child.i > lower_bound and child.i == first - 1:
            first = child.left_edge.i if child.left_edge.i > lower_bound else child.i
    return first, noun.i + 1


def _speaker_text(subject_token) -> tuple[str, int, int]:
    """A speaker's words: a named entity inside the phrase, else the short phrase itself."""
    span = subject_token.doc[subject_token.left_edge.i:subject_token.right_edge.i + 1]
    ranked = sorted((e for e in span.ents if e.label_ in {"PERSON", "ORG", "GPE", "NORP"}),
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
        subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if token.dep_ == "relcl" or any(c.dep_ == "nsubjpass" for c in subjects):
            return []
        return subjects
    if token.lower_ == "according":
        return [g for c in token.children if c.lower_ == "to"
                for g in c.children if g.dep_ == "pobj"]
    return []


def _usable_speaker(candidate, claim_start: int, claim_end: int) -> str | None:
    if candidate.pos_ not in {"NOUN", "PROPN", "PRON"}:
        return None
    text, start, end = _speaker_text(candidate)
    if text.lower() in FIRST_PERSON or re.search(r"\d|%", text) or not text[:1].isalnum():
        return None
    return text if end <= claim_start or start >= claim_end else None


def _attribution(tokens, sent, claim_start: int, claim_end: int) -> str | None:
    """Who the sentence attributes the claim to: first a saying verb that governs the
    number ("X said"), then any saying verb or "according to X" in the sentence."""
    governing = [t for t in tokens[-1].ancestors]
    for token in [*governing, *sent]:
        for candidate in _speakers_of(token):
            speaker = _usable_speaker(candidate, claim_start, claim_end)
            if speaker:
                return speaker
    return None


def _claimed_by(tokens, sent, start: int, end: int, quotes: Sequence[Quote]) -> str | None:
    """The speaker of a direct quote around the claim, else the attribution in the
    sentence, else the speaker of an indirect quote around it."""
    around = sorted((q for q in quotes if q.start <= start and end <= q.end and q.speaker_text
                     and not re.search(r"\d|%", q.speaker_text)),
                    key=lambda q: (not q.direct, q.end - q.start))
    if around and around[0].direct:
        return around[0].speaker_text
    return _attribution(tokens, sent, start, end) or (
        around[0].speaker_text if around else None
    )


def _as_of(sent, start: int, times: Sequence[TimeExpression], reference: str | None):
    """The value of the time expression in the claim's sentence nearest to it."""
    dated = [t for t in times if t.value and sent.start_char <= t.start and t.end <= sent.end_char
             and t.granularity in {"day", "month", "year", "week"}
             and not _after(t.value, reference)]
    if not dated:
        return reference
    return _calendar_value(min(dated, key=lambda t: abs(t.start - start)).value)


_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")


def _calendar_value(value: str) -> str:
    """A week value as a day (ISO week "2024-W10" -> its Monday; "-WE" -> its Saturday)."""
    match = _WEEK.match(value)
    if not match:
        return value
    try:
        day = date.fromisocalendar(int(match[1]), int(match[2]), 6 if match[3] else 1)
    except ValueError:
        return value
    return day.isoformat()


def _after(value: str, reference: str | None) -> bool:
    """True when an ISO date lies after the reference date (a forecast, not an as-of)."""
    if not reference or not re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", value):
        return False
    size = min(len(value), len(reference), 10)
    return value[:size] > reference[:size]


def _is_year(number: NumberPhrase, tokens, noun) -> bool:
    """A bare 1900-2100 integer that does not count a plural noun right after it."""
    if not number.plain_digits or not (1900 <= number.value <= 2100):
        return False
    return noun is None or noun.tag_ != "NNS" or noun.i > tokens[-1].i + 3


def _counts_something(noun) -> bool:
    """A plain count needs a plural noun that is not a span of time ("360 days")."""
    if noun.lemma_.lower() in TIME_UNITS or noun.lower_ in HEADING_NOUNS:
        return False
    plural = noun.tag_ in {"NNS", "NNPS"} or noun.lower_ in COLLECTIVE_NOUNS
    return plural or noun.lemma_.lower() != noun.lower_


def _claim_end(number: NumberPhrase, noun, tokens) -> int:
    end = number.unit_end
    if noun is None and tokens[-1].i + 2 < len(tokens[-1].doc):
        after = tokens[-1].doc[tokens[-1].i + 1:tokens[-1].i + 3]
        if after[0].lower_ == "of" and after[1].lower_ in CURRENCY_WORDS:
            end = after[1].idx + len(after[1].text)
    if noun is not None and noun.i > tokens[-1].i:
        end = max(end, noun.idx + len(noun.text))
    return end


def _claim_from_match(doc, match: re.Match, article_id: str, context: dict) -> Claim | None:
    text = context["text"]  # ``Doc.text`` joins every token again on each access
    number = parse_number(match, text)
    if number is None or excluded_by_context(text, number, match):
        return None
    tokens = _tokens(doc, match.start("num"), number.unit_end)
    sent = context["sentences"].of(tokens[0]) if tokens else None
    if _excluded_by_parse(tokens, number, sent):
        return None
    noun = _counted_noun(tokens, number, sent.end)
    if _is_year(number, tokens, noun):
        return None
    if noun is not None and noun.lower_ in MEASURES:
        noun = None  # "4 meters": the unit, not what is counted
    unit = number.unit
    if unit is None and noun is not None and noun.lower_ in CURRENCY_WORDS:
        unit, noun = CURRENCY_WORDS[noun.lower_], None  # "billions of dollars"
    if unit is None and (noun is None or not _counts_something(noun)):
        return None
    subject = doc[_subject_span(noun, tokens[-1].i)[0]:noun.i + 1].text if noun else None
    end = _claim_end(number, noun, tokens)
    return Claim(
        id=stable_id(article_id, number.start, end, "claim"),
        article_id=article_id, start=number.start, end=end, text=text[number.start:end],
        value=number.value, unit=unit, qualifier=number.qualifier, subject=subject,
        as_of=_as_of(sent, number.start, context["times"], context["reference"]),
        claimed_by_text=_claimed_by(tokens, sent, number.start, end, context["quotes"]),
    )


def _share_subject(sent) -> str | None:
    """The population of "a majority of people" in a sentence, for a bare percentage."""
    for token in sent:
        if token.lemma_ in SHARE_NOUNS:
            noun = _of_object(token)
            if noun is not None:
                first, stop = _subject_span(noun, token.i)
                return noun.doc[first:stop].text
    return None


def _inherit_percent_subjects(claims: list[Claim], doc, sentences: _Sentences) -> list[Claim]:
    """A bare percentage takes the subject of another percentage in its sentence, or the
    population of a "majority of ..." phrase there."""
    out = []
    for claim in claims:
        if claim.unit == "percent" and claim.subject is None:
            first = doc.char_span(claim.start, claim.end, alignment_mode="expand")[0]
            sent = sentences.of(first)
            siblings = [c.subject for c in claims if c.unit == "percent" and c.subject
                        and sent.start_char <= c.start < sent.end_char]
            subject = siblings[0] if siblings else _share_subject(sent)
            claim = replace(claim, subject=subject)
        out.append(claim)
    return out



def find_claims(
    doc,
    article_id: str,
    *,
    quotes: Sequence[Quote] = (),
    times: Sequence[TimeExpression] = (),
    reference: str | None = None,
) -> tuple[Claim, ...]:
    """Numeric claims of one parsed article, in text order."""
    text = doc_text(doc)
    masked = phone_spans(text)
    sentences = _Sentences(doc)
    context = {"quotes": tuple(quotes), "times": tuple(times), "reference": reference,
               "sentences": sentences, "text": text}
    claims: list[Claim] = []
    for match in NUMBER_RE.finditer(text):
        if any(s <= match.start() < e for s, e in masked):
            continue
        claim = _claim_from_match(doc, match, article_id, context)
        if claim is not None and (not claims or claim.start >= claims[-1].end):
            claims.append(claim)
    return tuple(_inherit_percent_subjects(claims, doc, sentences))
