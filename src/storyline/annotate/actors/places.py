"""What a country-, capital- or institution-like name stands for where it is written.

A reader lists actors, not words: a demonym adjective ("Russian troops") is an attribute
pointing at its country; a noun for a people ("the Russians", "Americans") is a group of
that country; a government building ("the Kremlin", "the White House") is the institution,
linked to its country; a capital acting as a subject or possessor ("Moscow warned",
"Washington's insistence") is that country's government, elsewhere the city; a name
after a locative preposition ("in Crimea", "annexation of Crimea") is a place. Country
names in any of their forms become the country's one name.

:func:`read_mention` gives a :class:`Reading` (the name and label to resolve the mention
with) or None when the mention is read as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...records import Mention
from ..parse import char_span, children_of
from .countries import Country, country_named, country_of_capital, country_of_demonym, fold
from .lexicon import (
    AGENT_DEPS,
    GOVERNMENT_NAMES,
    INSTITUTIONS,
    PLACE_HEADS,
    PLACE_PREPOSITIONS,
    SEATS,
)

_PLURAL_PEOPLE = re.compile(r"(?:s|men|women)$")


@dataclass(frozen=True, slots=True)
class Reading:
    """How one mention is resolved: under ``name`` with ``label``; ``country`` is the ISO
    code it is linked to; ``attribute``: it points at the country without naming an actor
    (a demonym adjective)."""

    name: str
    label: str
    country: str | None = None
    attribute: bool = False


def government_name(country: Country) -> str:
    """The institution a capital stands for: its seat ("Kremlin") or "<demonym> government"."""
    seat = SEATS.get(country.code)
    if seat:
        return seat
    named = GOVERNMENT_NAMES.get(country.code)
    if named:
        return named
    adjective = country.adjectives[0] if country.adjectives else country.name
    return f"{adjective} government"


def _root(doc, mention: Mention):
    if doc is None:
        return None
    span = char_span(doc, mention.start, mention.end)
    return span.root if span is not None else None


def acts(token) -> bool:
    """The name is a subject, an agent, a possessor, or the source of ``according to``."""
    if token is None:
        return False
    if token.dep_ in AGENT_DEPS:
        return True
    if token.dep_ == "conj" and token.head.dep_ in AGENT_DEPS:
        return True
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


def located(token) -> bool:
    """The name is where something is: after a locative preposition or a place noun."""
    if token is None or token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ in PLACE_PREPOSITIONS:
        return True
    return prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_HEADS


def _people_noun(token, text: str) -> bool:
    """"Russians", "the French", "Britons": a noun for a people, not an adjective."""
    if token is None:
        return bool(_PLURAL_PEOPLE.search(text))
    if token.dep_ in ("amod", "compound") or token.tag_ == "JJ" and token.dep_ != "nsubj":
        return False
    return token.tag_ in ("NNPS", "NNS") or bool(_PLURAL_PEOPLE.search(text)) or (
        token.dep_ in AGENT_DEPS | {"dobj", "pobj"} and any(
            c.lower_ == "the" for c in children_of(token)))


def _demonym(mention: Mention, root) -> Reading | None:
    country = country_of_demonym(mention.text)
    if mention.label not in ("NORP", "GPE", "LOC") and country is None:
        return None
    if mention.label != "NORP" and country is None:
        return None
    if _people_noun(root, mention.text):
        if country is not None and mention.text in country.adjectives:
            return Reading(country.name, "GPE", country.code)  # "the French": France
        return Reading(mention.text, "NORP", country.code if country else None)
    if country is None:
        return Reading(mention.text, "NORP", attribute=True)
    return Reading(country.name, "GPE", country.code, attribute=True)


def read_mention(mention: Mention, doc=None) -> Reading | None:
    """What ``mention`` stands for where it is written (see the module docstring)."""
    if mention.label == "PERSON":
        return None
    key = fold(mention.text)
    institution = INSTITUTIONS.get(key)
    if institution is not None:
        return Reading(institution[0], "ORG", institution[1])
    root = _root(doc, mention)
    if mention.label == "NORP" or country_of_demonym(mention.text) and not country_named(
            mention.text):
        return _demonym(mention, root)
    capital = country_of_capital(mention.text)
    if capital is not None and mention.label in ("GPE", "ORG", "LOC", "FAC"):
        if acts(root):
            return Reading(government_name(capital), "ORG", capital.code)
        return Reading(mention.text, "GPE", capital.code)
    country = country_named(mention.text)
    if country is not None and mention.label in ("GPE", "ORG", "LOC", "NORP"):
        return Reading(country.name, "GPE", country.code)
    if mention.label == "ORG" and located(root) and not mention.text.isupper():
        return Reading(mention.text, "LOC")
    return None
