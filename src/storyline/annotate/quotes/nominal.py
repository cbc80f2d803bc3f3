"""Nominal fallback candidates: a stance or a speech act named by a noun with a preposition.

``X is a staunch opponent of Y``, ``X remains a fierce critic of Y`` (the noun predicated
of the subject: ``attr``) and ``X made allegations against Y``, ``X offered praise for Y``
(the noun the verb's object: ``nobj``): Y is the content, X the source. PolNeAR annotates
many of these as attributions, yet most nouns with a preposition are none (``X is a
member of Y``, ``X made a trip to Y``), so, like every fallback form (``quotes_fallback``),
the candidates are only proposed here and the learned model keeps those it rates likely;
the pair of noun and preposition is the form's key (``attr|opponent of``,
``nobj|allegation against``). Only a noun that names something said or a stance voiced
(``said_by_noun``: the lexicon's claim, topic and stance nouns) proposes one: fitted on
every noun, the model let through ``decide the great issues of nations with the US`` as
the speaker's words, and the other nouns added nothing on dev. A possessed noun (``X's endorsement of Y``) is left out:
it adds right contents on train, but its possessor is not always the source (``his role
in the scheme``, said of the accused, is the accuser's attribution).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..parse import quoted_tokens, tokens_with_pos
from .fallback import _ADJ_HEADS, Candidate, _preps, _source
from .lexicon import NOUN_LEMMAS, NOUN_TOPIC_LEMMAS, STANCE_NOUNS


def candidates(doc, outers: Sequence[tuple[int, int]], taken: frozenset[int]
               ) -> Iterator[Candidate]:
    """The nominal candidates of ``doc`` whose noun is outside the quotes ``outers`` and
    does not start at a character offset in ``taken`` (the cues already used)."""
    quoted = quoted_tokens(doc, tuple(outers))
    for noun in tokens_with_pos(doc, "NOUN"):
        if noun.i in quoted or noun.idx in taken:
            continue
        form = _form(noun)
        if form is None:
            continue
        source = _source(noun.head)
        if source is None:
            continue
        lemma = noun.lemma_.lower()
        if not said_by_noun(lemma):
            continue
        for prep, found in _preps(noun):
            yield Candidate(found[0], found[1], f"{form}|{lemma} {prep}", noun, source,
                            found[2])


def _form(noun) -> str | None:
    """``attr`` for a noun predicated of the subject (``is a critic of``), ``nobj`` for a
    verb's object (``made allegations against``), else None."""
    head = noun.head
    if noun.dep_ == "attr" and head.lemma_.lower() in _ADJ_HEADS and head.i < noun.i:
        return "attr"
    if noun.dep_ == "dobj" and head.pos_ == "VERB" and head.i < noun.i:
        return "nobj"
    return None



def said_by_noun(lemma: str) -> bool:
    """Whether a noun names something said or a stance voiced (``lexicon``): ``the great
    issues of nations`` or ``the release of Y`` attribute nothing to anyone."""
    return lemma in NOUN_LEMMAS or lemma in NOUN_TOPIC_LEMMAS or lemma in STANCE_NOUNS
