"""Word senses that decide whether, and as what, an ambiguous trigger is an event.

A few verbs and nouns are events only in some readings: "attacked her opponent" is a verbal
attack (ACCUSE) where "attacked the ship" is an ASSAULT; "derogatory comments" accuse where
"comments" alone do not; "raised questions about" and "faced scrutiny" accuse; "called
Machado on Friday" is a call (CONSULT); "demonstrated her skill" is no protest; "pushed
doctors to ask" is a request and "forced us to" coercion. The words live in
annotate.events.lexicon.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from ...records import Mention
from ..parse import children_of, lemma_lower_column, token_column
from .lexicon import (
    ADJECTIVES,
    BARE_SPEECH,
    DOUBT_NOUNS,
    INTRANSITIVE_ONLY,
    LIGHT_VERBS,
    MANDATIVE,
    NEGATIVE_WORDS,
    OBJECT_VERBS,
    PARTICLE_VERBS,
    PRESSURE_VERBS,
    RECEPTIVE_VERBS,
    REFLEXIVES,
    SPEECH_NOUNS,
    SUPPORT_PREPS,
    TARGETED_VERBS,
    VERBAL_ATTACKS,
    VERBS,
    WEAPON_TESTS,
    WEAPONS,
)

COMPLEMENTS = frozenset({"dobj", "xcomp", "ccomp", "prep", "dative", "nsubjpass", "prt",
                         "advcl"})
KNOWN_VERBS = frozenset(VERBS) | frozenset(OBJECT_VERBS) | frozenset(
    verb for verb, _ in PARTICLE_VERBS)
#: Every lemma some verb reading below or in ``find`` gives a type to; any other verb is
#: no trigger, whatever its complements.
CODED_VERBS = KNOWN_VERBS | frozenset(INTRANSITIVE_ONLY) | frozenset(PRESSURE_VERBS) | frozenset(
    MANDATIVE) | frozenset(TARGETED_VERBS) | frozenset({"call", "warn", "charge", "remove", "hold"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "i", "me", "my", "you",
                             "your", "who", "whom"})


def verb_lemma(token) -> str:
    """The verb's lemma; where the tagger's lemma is no known verb ("shaming" -> "sham",
    "fined" -> "fin"), the form with its inflection undone that is one."""
    doc, i = token.doc, token.i
    return _verb_lemma(lemma_lower_column(doc)[i], token_column(doc, "lower_")[i])


@functools.lru_cache(maxsize=8192)
def _verb_lemma(lemma: str, low: str) -> str:
    """:func:`verb_lemma` of a token with the lower-cased lemma ``lemma`` and form
    ``low``, worked out once per pair."""
    if lemma in KNOWN_VERBS:
        return lemma
    for suffix, endings in (("ing", ("", "e")), ("ed", ("", "e")), ("d", ("",)),
                            ("es", ("",)), ("s", ("",))):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            stem = low[: -len(suffix)]
            for candidate in (*(stem + e for e in endings), stem[:-1]):
                if candidate in KNOWN_VERBS:
                    return candidate
    return lemma


#: Every word (lower case) :func:`licensed_noun` can give a type to; any other noun is
#: none of its triggers. Keep it in step with the function.
LICENSED_NOUNS = (SPEECH_NOUNS.words | {"case"} | WEAPON_TESTS.words
                  | frozenset(DOUBT_NOUNS.entries))


def licensed_noun(token) -> str | None:
    """ACCUSE for a negative comment or a misgiving under a light verb, else None."""
    low = token.lower_
    if low in SPEECH_NOUNS and any(c.dep_ in ("amod", "compound") and c.lower_ in NEGATIVE_WORDS
                                   for c in children_of(token)):
        return "ACCUSE"
    if low == "case" and token.dep_ == "dobj" and _light_head(token):
        for child in children_of(token):  # "made the case for her", "a case against him"
            if child.dep_ == "prep" and child.lower_ in ("for", "against"):
                return "SUPPORT" if child.lower_ == "for" else "ACCUSE"
    if low in WEAPON_TESTS and any(c.lower_ in WEAPONS for c in children_of(token)
                                   if c.dep_ in ("amod", "compound", "nmod")):
        return "MOBILIZE"  # "the nuclear test", "a missile launch"
    if low in DOUBT_NOUNS and token.dep_ in ("dobj", "conj") and _light_head(token):
        return DOUBT_NOUNS[low]
    return None


def _light_head(noun) -> bool:
    head = noun.head
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    lemma = head.lemma_.lower()
    return lemma in LIGHT_VERBS or lemma in RECEPTIVE_VERBS


def receptive(noun) -> bool:
    """"faced questions", "drew criticism": the verb's subject is acted upon."""
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in RECEPTIVE_VERBS


def verb_sense(token, lemma: str) -> tuple[bool, str | None]:
    """(decided, type) for verbs whose reading depends on their complements."""
    children = list(children_of(token))
    if any(c.dep_ in ("dobj", "pobj", "dative") and c.lower_ in REFLEXIVES for c in children):
        return True, None  # "shot himself", "defended herself"
    if lemma in BARE_SPEECH and not any(c.dep_ in COMPLEMENTS for c in children):
        return True, None  # "Vitter demanded."
    if lemma in INTRANSITIVE_ONLY:
        if any(c.dep_ == "prep" and c.lower_ in SUPPORT_PREPS for c in children):
            return True, "SUPPORT"  # "rally behind her"
        if any(c.dep_ in ("dobj", "ccomp") for c in children):
            return True, None  # "demonstrated her skill", "rallied supporters"
    if lemma in PRESSURE_VERBS and any(_pressed_for(c) for c in children):
        return True, PRESSURE_VERBS[lemma]  # "pushed doctors to ask", "forced us to"
    if lemma in MANDATIVE and any(c.dep_ == "ccomp" and c.tag_ == "VB" for c in children):
        return True, "REQUEST"  # "insisted that Pyongyang stop"
    if lemma == "charge" and any(c.dep_ == "ccomp" or (c.dep_ == "prep" and c.lower_ == "with")
                                 for c in children):
        return True, "ACCUSE"  # "charged with a crime", "Trump charges that ..."
    if lemma == "remove" and any(c.dep_ in ("dobj", "nsubjpass") and (
            c.ent_type_ == "PERSON" or c.lower_ in PERSON_PRONOUNS) for c in children):
        return True, "COERCE"  # "police removed Stein"
    if lemma in TARGETED_VERBS and lemma not in VERBS:
        return True, "ACCUSE"  # an actor target is required (find._actors)
    if lemma == "call" and _calls_someone(children):
        return True, "CONSULT"  # "called Machado on Friday"
    if lemma == "hold" and any(c.dep_ in ("acomp", "oprd", "xcomp")
                               and c.lower_ == "accountable" for c in children):
        return True, "SANCTION"  # "held accountable"
    return False, None


def _pressed_for(clause) -> bool:
    """"to release his records" after "pushed him": a to-clause, not "how to vote"."""
    if clause.dep_ not in ("xcomp", "advcl") or any(g.tag_ in ("WRB", "WP")
                                                    for g in children_of(clause)):
        return False
    return clause.dep_ == "xcomp" or any(g.dep_ == "aux" and g.lower_ == "to"
                                         for g in children_of(clause))


def _calls_someone(children: Iterable) -> bool:
    """A phone call: a person object, and no name, clause or particle said of it."""
    objects = [c for c in children if c.dep_ == "dobj"]
    if not objects or any(c.dep_ in ("oprd", "xcomp", "attr", "ccomp", "prt")
                          or (c.dep_ == "prep" and c.lower_ in ("on", "for", "out", "off")
                              and not _dated(c)) for c in children):
        return False
    return all(o.ent_type_ == "PERSON" or o.lower_ in PERSON_PRONOUNS for o in objects)


def adjective_sense(token) -> str | None:
    """The type of a stance adjective with its preposition ("opposed to the test")."""
    kind, prep = ADJECTIVES.get(token.lower_, (None, None))
    if kind is None or not any(c.dep_ == "prep" and c.lower_ == prep for c in children_of(token)):
        return None
    return kind


def _dated(prep) -> bool:
    return any(o.ent_type_ in ("DATE", "TIME") for o in children_of(prep))


def person_actors(mentions: Iterable[Mention]) -> frozenset[str]:
    """Actor ids that some mention shows to be a person."""
    return frozenset(m.actor_id for m in mentions if m.actor_id and (
        m.label == "PERSON" or (m.label == "PRON" and m.text.lower() in PERSON_PRONOUNS)))


def retype(kind: str, token, source: Mention | None, target: Mention | None,
           persons: frozenset[str]) -> str:
    """A physical-attack word aimed at a person is a verbal attack (ACCUSE)."""
    if kind != "ASSAULT" or token.lemma_.lower() not in VERBAL_ATTACKS:
        return kind
    if target is not None:
        return "ACCUSE" if _person(target, persons) else kind
    return "ACCUSE" if source is not None and _person(source, persons) else kind


def _person(mention: Mention, persons: frozenset[str]) -> bool:
    return mention.label == "PERSON" or (mention.actor_id in persons)


def has_object(token) -> bool:
    """Whether the trigger acts on something named by a noun ("fired the employees",
    "purges of voter rolls"), an actor or not."""
    preps = ("of", "on", "against", "for", "to") if token.pos_ in ("NOUN", "PROPN") else (
        "to", "for", "against", "on")
    nodes = [c for c in children_of(token) if c.dep_ in ("dobj", "nsubjpass", "dative")] + [
        p for c in children_of(token) if c.dep_ == "prep" and c.lower_ in preps
        for p in children_of(c) if p.dep_ == "pobj"]
    if (token.dep_ == "acl" and token.tag_ == "VBN") or (
            token.dep_ == "relcl" and not any(c.dep_ == "dobj" for c in children_of(token))):
        nodes.append(token.head)  # "officers shot by", "policies she supported"
    return any(n.pos_ in ("NOUN", "PROPN", "PRON") and n.lower_ not in REFLEXIVES
               and n.tag_ not in ("WP", "WDT", "CD") and not _own(n) for n in nodes)


def _own(noun) -> bool:
    """"defending his tweets", "promoting her plans": one's own things are no target."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in children_of(noun))
