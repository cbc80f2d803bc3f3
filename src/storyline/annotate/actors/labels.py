"""Names the entity recognizer labelled as something else (``actors.resolve`` reads them
with the label they should have): a surname of a full name of the article tagged as a
people, a given name and a surname tagged as a place, a one-word name the article follows
with "he" or "she" as it follows a person's, initials tagged as a person, and a plural
name the article writes after "the" tagged as a person ("the Colts").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from ...records import Mention
from ..mentions.lexicon import GIVEN_NAMES
from ..parse import char_span
from .countries import country_named, country_of_demonym


def personal_names(mentions: Sequence[Mention]) -> tuple[set[str], set[str]]:
    """The surnames of the article's full personal names, and the personal names written
    alone ("Cheeks said")."""
    surnames = {m.text.split()[-1] for m in mentions
                if m.label == "PERSON" and len(m.text.split()) > 1}
    alone = {m.text for m in mentions if m.label == "PERSON" and " " not in m.text}
    return surnames, alone


def taken_for_other(mention: Mention, surnames: set[str], alone: set[str]) -> bool:
    """A personal name the recognizer tagged as something else: a surname of a full name
    of the article tagged as a people ("Klitschko" as NORP beside "Wladimir Klitschko"),
    or a given name and a surname the article also writes alone as a person tagged as a
    place or an organisation ("Maurice Cheeks" as GPE beside "Cheeks said")."""
    words = mention.text.split()
    if mention.label == "NORP":
        return len(words) == 1 and mention.text in surnames and \
            country_of_demonym(mention.text) is None
    return mention.label in ("GPE", "ORG", "FAC") and len(words) == 2 and \
        GIVEN_NAMES.get(words[0].casefold()) is not None and words[1] in alone and \
        not any(country_named(w) for w in words)


#: How many times a one-word name tagged as a place or an organisation must be a subject
#: followed by "he" or "she" in its sentence to be taken for a person's name.
PERSONAL_VOTES = 2
_PERSONAL = frozenset({"he", "she", "him", "her", "his", "himself", "herself"})
_IMPERSONAL = frozenset({"it", "its", "itself"})


def said_of_people(mentions: Sequence[Mention], doc, is_alias: Callable[[str], bool]
                   ) -> set[str]:
    """One-word names tagged as places or organisations that the article follows with "he"
    or "she" as it follows a person's name ("Lohan caused a stir after she checked out"),
    never with "it"; ``is_alias`` tells a country's or an alliance's name, never one."""
    votes: Counter = Counter()
    impersonal: set[str] = set()
    for mention in mentions:
        if mention.label not in ("GPE", "ORG", "FAC", "NORP", "LOC") or " " in mention.text \
                or is_alias(mention.text) or doc is None:
            continue
        span = char_span(doc, mention.start, mention.end)
        token = span.root if span is not None and len(span) else None
        if token is None or token.dep_ not in ("nsubj", "nsubjpass", "poss"):
            continue
        for after in token.doc[token.i + 1:min(token.sent.end, token.i + 15)]:
            low = after.lower_
            if low in _PERSONAL or low in _IMPERSONAL:
                (votes.update if low in _PERSONAL else impersonal.update)((mention.text,))
                break
    return {name for name, count in votes.items()
            if count >= PERSONAL_VOTES and name not in impersonal}


def acronym(name: str) -> bool:
    """A name of two to five capitals and nothing else ("TMZ", "ESPN"): initials, never a
    person's name."""
    return 2 <= len(name) <= 5 and name.isalpha() and name.isupper()


def team_like(name: str, text: str) -> bool:
    """A one-word plural name the article writes after "the" ("the Colts", "the Saints"):
    a team or a company, never one person, whatever the recognizer says."""
    return " " not in name and name.endswith("s") and not name.endswith("ss") and \
        f"the {name}" in text

