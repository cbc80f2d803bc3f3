"""Every quantity of a parsed article: the readings of the text (``reading``) checked and
completed against the spaCy parse of the same ``Doc``.

The parse drops bare years ("in 2016", "the 2019 Rich List") and numbers inside names
("S&P 500", "iPhone 11", "Game 2"), finds the noun a bare figure counts (which becomes
its unit: "135 unicorn startups" counts ``startup``), reads ages ("under the age of 5")
and the concept each figure measures.
"""

from __future__ import annotations

import bisect

from ...records import Quantity, stable_id
from ..parse import char_span, doc_sentences, doc_text
from .lexicon import ONE_EXCLUDED_AFTER, ONE_EXCLUDED_BEFORE, PRONOUNS_AFTER_OF
from .nouns import count_concept, counted_noun, measure_concept, noun_phrase
from .reading import Reading, age_before, readings
from .units import Unit, normalize

_FUNCTION_POS = frozenset({"DET", "ADP", "PRON", "AUX", "CCONJ", "SCONJ", "PART", "PUNCT"})
_NAME_ENTITIES = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC"})


class Sentences:
    """The sentences of a ``Doc``, found by token index (``Token.sent`` rescans the doc)."""

    def __init__(self, doc) -> None:
        self.spans = list(doc_sentences(doc))
        self.starts = [span.start for span in self.spans]

    def of(self, token):
        return self.spans[bisect.bisect_right(self.starts, token.i) - 1]


def _tokens(doc, start: int, end: int):
    span = char_span(doc, start, end)
    return list(span) if span is not None else []


def _number_tokens(doc, reading: Reading):
    """The tokens of the figure itself (no unit words)."""
    phrase = reading.phrase
    tokens = _tokens(doc, phrase.start, phrase.end)
    if reading.ranged:
        tokens = _tokens(doc, reading.start, reading.end)
        numeric = [t for t in tokens if t.like_num]
        return numeric[-1:] or tokens
    return tokens


def _year_like(value: float | None) -> bool:
    return value is not None and float(value).is_integer() and 1000 <= value <= 2100


def _is_year(reading: Reading, tokens) -> bool:
    """A bare 4-digit figure that dates something rather than counting it."""
    if reading.unit is not None or not reading.phrase.plain:
        return False
    if reading.ranged and not (_year_like(reading.low) and _year_like(reading.high)):
        return False
    if not _year_like(reading.value):
        return False
    if any(t.ent_type_ == "DATE" for t in tokens):
        return True
    following = tokens[-1].nbor(1) if tokens[-1].i + 1 < len(tokens[-1].doc) else None
    return following is None or following.tag_ not in {"NNS", "NNPS"}


def _in_name(reading: Reading, tokens) -> bool:
    """'S&P 500', 'Stoxx 50', 'iPhone 11', 'Galaxy Note 20': a bare figure after a name."""
    if reading.unit is not None or reading.phrase.form != "digits" or not reading.phrase.plain:
        return False
    first = tokens[0]
    if any(t.ent_type_ in _NAME_ENTITIES and t.ent_iob_ == "I" for t in tokens):
        return True
    if first.i == 0:
        return False
    before = first.nbor(-1)
    if before.pos_ in _FUNCTION_POS or before.is_punct or before.like_num:
        return False
    capital = before.text[:1].isupper() or any(c.isupper() for c in before.text[1:])
    return capital and (before.pos_ == "PROPN" or not before.is_sent_start)


def _one_is_a_count(reading: Reading, tokens, noun) -> bool:
    """'one of the best speakers', 'one man' count one; 'no one', 'one another' do not."""
    if reading.phrase.form != "words" or reading.value != 1 or reading.unit is not None:
        return True
    first, last = tokens[0], tokens[-1]
    before = first.nbor(-1).lower_ if first.i > 0 else ""
    after = last.nbor(1) if last.i + 1 < len(last.doc) else None
    if before in ONE_EXCLUDED_BEFORE or after is None or after.lower_ in ONE_EXCLUDED_AFTER:
        return False
    if after.lower_ == "of":
        following = after.nbor(1) if after.i + 1 < len(after.doc) else None
        return following is not None and following.lower_ not in PRONOUNS_AFTER_OF \
            and noun is not None
    return noun is not None and noun.i == last.i + 1 or (noun is not None and after.pos_ == "ADJ")


def _singular(noun) -> str:
    lemma = noun.lemma_.lower() if noun.lemma_ else noun.lower_
    return lemma if lemma != "-PRON-" else noun.lower_


def _count_unit(reading: Reading, tokens, sentence) -> tuple[Unit | None, str | None, object]:
    """The counted noun as a unit ('students'), or an age ('under the age of 5')."""
    doc = tokens[0].doc
    if age_before(doc_text(doc), reading.start):
        return Unit("year", "age", reading.end), None, None
    noun = counted_noun(tokens[-1], sentence.end)
    if noun is None:
        return None, None, None
    normal = normalize(noun.lower_) if noun.pos_ == "NOUN" else None
    if normal is not None and normal[1] == "duration":
        return Unit(normal[0], normal[1], noun.idx + len(noun.text), noun.text), None, noun
    first, stop = noun_phrase(noun, tokens[-1].i)
    return Unit(_singular(noun), "count", reading.end, noun.text), doc[first:stop].text, noun


def _quantity(doc, reading: Reading, article_id: str, sentences: Sentences) -> Quantity | None:
    tokens = _number_tokens(doc, reading)
    if not tokens or _is_year(reading, tokens) or _in_name(reading, tokens):
        return None
    sentence = sentences.of(tokens[0])
    unit, noun_text, noun = reading.unit, None, None
    if unit is None:
        unit, noun_text, noun = _count_unit(reading, tokens, sentence)
    if not _one_is_a_count(reading, tokens, noun):
        return None
    end = unit.end if unit is not None and unit.dimension != "count" else reading.end
    text = doc_text(doc)
    if noun is not None and unit is not None and unit.dimension == "count":
        concept = count_concept(noun, tokens[-1].i)
    else:
        concept = measure_concept(_tokens(doc, reading.start, end) or tokens)
    return Quantity(
        id=stable_id(article_id, reading.start, end, "quantity"), article_id=article_id,
        start=reading.start, end=end, text=text[reading.start:end], value=reading.value,
        low=reading.low, high=reading.high, unit=unit.unit if unit else None,
        dimension=unit.dimension if unit else ("fraction" if reading.phrase.form == "fraction"
                                               else "number"),
        unit_text=unit.text or None if unit else None, scale=reading.phrase.scale,
        change=reading.change, vague=reading.phrase.vague, noun=noun_text, concept=concept)


def find_quantities(doc, article_id: str) -> tuple[Quantity, ...]:
    """Every quantity of one parsed article, in text order."""
    text = doc_text(doc)
    sentences = Sentences(doc)
    found = []
    for reading in readings(text):
        quantity = _quantity(doc, reading, article_id, sentences)
        if quantity is not None:
            found.append(quantity)
    return tuple(found)


__all__ = ["Sentences", "find_quantities"]
