"""Claims: the quantities worth tracking, with their hedge, modality, as-of date, owner
and claimant.

A quantity (annotate.quantities) is a claim when it is a count of something, money, a
share or a measure; ages, durations, bare numbers, ratios, "one of the ..." and "the two
men" stay quantities. ``Claim.text`` covers the hedge ("nearly"), the figure, its unit and
the counted noun ("nearly 40,000 sailors", "About 14 percent of the farmers"). ``value``
is the figure (a range's first bound; ``low``/``high`` hold a range, and a vague magnitude
like "tens of thousands" is the range 10,000 to 100,000). ``unit`` is the quantity's
normalized unit (None for a count, whose noun is the ``subject``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ...records import Claim, Quantity, Quote, TimeExpression, stable_id
from ..parse import char_span, doc_text, span_tokens
from ..quantities import find_quantities
from ..quantities.find import Sentences
from .attribution import claimed_by
from .lexicon import (
    ATTRIBUTE_MEASURE,
    CASUALTY_VERBS,
    CLAIM_DIMENSIONS,
    COLLECTIVE_NOUNS,
    DETERMINERS,
    HEADING_NOUNS,
    QUALIFIER_BEFORE,
    QUALIFIERS,
    SHARE_NOUNS,
    TIME_NOUNS,
    VAGUE_QUALIFIERS,
)
from .modality import modality, owner, stance
from .when import as_of


def _counts_something(quantity: Quantity) -> bool:
    """A count needs a plural noun that is neither a span of time nor a heading word."""
    noun = (quantity.noun or "").split()
    if not noun or quantity.unit in TIME_NOUNS or noun[-1].lower() in HEADING_NOUNS:
        return False
    head = noun[-1].lower()
    return head != (quantity.unit or "") or head in COLLECTIVE_NOUNS


def _is_claim(quantity: Quantity, text: str) -> bool:
    if quantity.dimension not in CLAIM_DIMENSIONS:
        return False
    written = text[quantity.start:quantity.end].lower()
    if ATTRIBUTE_MEASURE.match(written) or ATTRIBUTE_MEASURE.match(
            "0" + text[quantity.end:quantity.end + 2]):
        return False
    if quantity.dimension == "count":
        if not _counts_something(quantity) or written in {"one", "a", "an"}:
            return False
        previous = text[max(0, quantity.start - 12):quantity.start].split()[-1:]
        definite = previous and previous[0].lower() in DETERMINERS
        if definite and quantity.value < 100 and not quantity.vague:
            return False  # "the two men", "its 11 members"
    return True


def _qualifier(quantity: Quantity, text: str) -> tuple[str | None, int]:
    """The hedge before the figure, normalized, and where it starts."""
    if quantity.vague:
        first = text[quantity.start:quantity.end].split()[0].lower()
        return VAGUE_QUALIFIERS.get(first), quantity.start
    line_start = text.rfind("\n", 0, quantity.start) + 1
    window = text[max(line_start, quantity.start - 30):quantity.start]
    found = QUALIFIER_BEFORE.search(window)
    if not found:
        return None, quantity.start
    key = " ".join(found["q"].lower().split())
    return QUALIFIERS.get(key), quantity.start - len(window) + found.start()


def _noun_end(quantity: Quantity, text: str, sentence_end: int) -> int:
    """Where the counted noun or the 'of' population after the figure ends."""
    words = quantity.noun if quantity.dimension == "count" else quantity.concept
    if not words:
        return quantity.end
    gap = text[quantity.end:min(sentence_end, quantity.end + 60)]
    at = gap.find(words)
    if at < 0 or (quantity.dimension != "count" and not re.match(
            r"\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?$", gap[:at])):
        return quantity.end
    if re.search(r"[.;:!?]", gap[:at]):
        return quantity.end
    return quantity.end + at + len(words)


def _subject(quantity: Quantity, end: int) -> str | None:
    if quantity.dimension == "count":
        return quantity.noun
    return quantity.concept if end > quantity.end else None


def _casualty(tokens) -> str | None:
    """'Thirteen U.S. service members were killed': deaths, not a count of troops."""
    last = tokens[-1]
    for token in [last, *list(last.ancestors)[:3]]:
        lemma = token.lemma_.lower()
        if token.pos_ in {"VERB", "ADJ"} and lemma in CASUALTY_VERBS:
            return token.lower_
    return None


def _claim(quantity: Quantity, doc, context: dict) -> Claim | None:
    text = context["text"]
    if not _is_claim(quantity, text):
        return None
    span = char_span(doc, quantity.start, quantity.end)
    if span is None or not len(span):
        return None
    sent = context["sentences"].of(span[0])
    qualifier, start = _qualifier(quantity, text)
    end = max(quantity.end, _noun_end(quantity, text, sent.end_char))
    claim_span = char_span(doc, quantity.end, end)
    noun_tokens = list(claim_span) if claim_span is not None else []
    last = noun_tokens[-1] if noun_tokens else span[-1]
    concept = quantity.concept
    casualty = _casualty(noun_tokens or list(span)) if quantity.dimension == "count" else None
    if casualty and concept:
        concept = f"{concept} {casualty}"
    if quantity.dimension in {"percent", "points"}:
        concept = _share_concept(quantity, end, span, sent)
    return Claim(
        id=stable_id(context["article_id"], start, end, "claim"),
        article_id=context["article_id"], start=start, end=end, text=text[start:end],
        value=quantity.value, unit=None if quantity.dimension == "count" else quantity.unit,
        qualifier=qualifier, subject=_subject(quantity, end),
        as_of=as_of(last, sent, context["times"], context["reference"]),
        claimed_by_text=claimed_by(last, sent, start, end, context["quotes"]),
        modality=modality(quantity, last, sent, text), low=quantity.low, high=quantity.high,
        change=quantity.change, dimension=quantity.dimension, concept=concept,
        owner=owner(noun_tokens, last, sent, quantity.dimension == "count"),
        quantity_id=quantity.id, vague=quantity.vague,
    )


def _share_concept(quantity: Quantity, end: int, span, sent) -> str | None:
    """A share's population and what it does: 'voters back the deal', 'people opposed
    going to war' (the answers of one poll are different quantities)."""
    population = quantity.concept if end > quantity.end else None
    population = population or _share_subject(sent)
    does = stance(list(span), sent, SHARE_NOUNS)
    return " ".join(part for part in (population, does) if part) or None


def _share_subject(sent) -> str | None:
    """The population of "a majority of people" in a sentence, for a bare percentage."""
    from ..quantities.nouns import noun_phrase, of_object

    for token in span_tokens(sent):
        if token.lemma_ in SHARE_NOUNS:
            noun = of_object(token)
            if noun is not None:
                first, stop = noun_phrase(noun, token.i)
                return noun.doc[first:stop].text
    return None


def _inherit_percent_subjects(claims: list[Claim], doc, sentences: Sentences) -> list[Claim]:
    """A bare percentage takes the subject of another percentage in its sentence, or the
    population of a "majority of ..." phrase there."""
    out = []
    for claim in claims:
        if claim.unit == "percent" and claim.subject is None:
            first = char_span(doc, claim.start, claim.end)[0]
            sent = sentences.of(first)
            siblings = [c.subject for c in claims if c.unit == "percent" and c.subject
                        and sent.start_char <= c.start < sent.end_char]
            subject = siblings[0] if siblings else _share_subject(sent)
            concept = claim.concept if claim.concept and subject and subject in claim.concept \
                else " ".join(p for p in (subject, claim.concept) if p) or None
            claim = replace(claim, subject=subject, concept=concept)
        out.append(claim)
    return out


def find_claims(
    doc,
    article_id: str,
    *,
    quantities: Sequence[Quantity] | None = None,
    quotes: Sequence[Quote] = (),
    times: Sequence[TimeExpression] = (),
    reference: str | None = None,
) -> tuple[Claim, ...]:
    """The claims of one parsed article, in text order (its quantities are found when not
    given)."""
    if quantities is None:
        quantities = find_quantities(doc, article_id)
    sentences = Sentences(doc)
    context = {"quotes": tuple(quotes), "times": tuple(times), "reference": reference,
               "sentences": sentences, "text": doc_text(doc), "article_id": article_id}
    claims: list[Claim] = []
    for quantity in quantities:
        claim = _claim(quantity, doc, context)
        if claim is not None and (not claims or claim.start >= claims[-1].end):
            claims.append(claim)
    return tuple(_inherit_percent_subjects(claims, doc, sentences))
