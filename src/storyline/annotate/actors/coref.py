"""Pronouns, descriptions, unnamed sources and groups resolved to the actors of one article.

A salience model in the manner of Lappin and Leass (1994), over the parse: every mention
resolved so far adds to its actor's salience a weight for its grammatical role (subject
above object above the rest), and salience halves with every sentence back. A pronoun
(``PRON``) goes to the most salient actor within ``WINDOW_SENTENCES`` that agrees with it
in number (``they``: a group, an unnamed source in the plural, an organisation) and gender
(``he``: a person not known to be a woman; gender from given names, honorifics, gendered
role nouns and the pronouns already resolved to the person), and that is not the subject
of the verb the pronoun is the object of, nor the speaker of the direct quote the pronoun
is in ("'She has completed her course,' Holley said"). A reflexive takes its clause's
subject. A relative pronoun takes the noun its clause
hangs on.

A description (``NOM``) in apposition to a name is that name. Otherwise it goes to the
most salient actor whose roles hold its head noun ("the president": the person the
article calls President; "the senior official": the last unnamed official); an
organisation noun with a named owner is that organisation ("the Clinton campaign",
"Ukraine's government": the Ukrainian government), linked to the owner. A person noun
("the actress", "the man") and a title held by one person at a time ("the president") fall
back to the most salient person that agrees in gender.

An unnamed source (``ANON``) is an actor of kind ``anonymous`` of its own, named by its
description and linked to the institutions its words name ("a senior US official": the
United States); a group (``GROUP``) is an actor of kind ``group`` named by its words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ...records import Actor, Mention
from ..mentions.lexicon import (
    PRONOUNS,
    RELATIVE_PRONOUNS,
)
from ..parse import char_span, doc_text
from ..quotes.marks import find_quote_spans
from .descriptions import affiliations, apposed, description_name, resolve_description
from .lexicon import RELATIVE_SUBJECTS
from .salience import (
    PRONOUN_PROMINENCE,
    SUBJECT_BONUS,
    State,
    actor_at,
    agrees,
    best,
    coarguments,
    enclosing,
    entities_of,
    nearest_subject,
    new_actor,
    prominent,
    quote_speakers,
    record,
    root_token,
    salience,
    sentence_index,
    without,
)


def _resolve_pronoun(state: State, token) -> str | None:
    low = token.lower_
    if low in RELATIVE_PRONOUNS or low in RELATIVE_SUBJECTS:
        head = token.head.head if token.head.dep_ == "relcl" else None
        return actor_at(state, head.i) if head is not None else None
    gender, number = PRONOUNS.get(low, "n sg").split()
    plural = number == "pl"
    reflexive = low.endswith(("self", "selves"))
    fits = lambda a: agrees(state.entities[a], gender, plural)
    if reflexive:
        found = _clause_subject(state, token)
        if found is not None and fits(found) > 0:
            return found
    bound = set() if reflexive or token.dep_ == "poss" else coarguments(token)
    scores = without(salience(state, token, bound), enclosing(state, token))
    if gender != "n":  # "'She has completed her course,' Holley said": not Holley
        scores = without(scores, quote_speakers(state, token))
    subject = nearest_subject(state, token, bound, fits)
    if subject is not None and subject in scores:
        scores[subject] += SUBJECT_BONUS
    found = best(prominent(state, scores, PRONOUN_PROMINENCE), fits)
    if found is not None and not plural:
        entity = state.entities[found]
        entity.gender = entity.gender or gender
    return found


def _clause_subject(state: State, token) -> str | None:
    """The actor of the subject of the clause a reflexive pronoun is in ("she checked out
    and committed herself": she), climbing from a conjoined or controlled verb."""
    verb = token.head
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i < token.i:
                return actor_at(state, child.i)
        if verb.dep_ not in ("conj", "xcomp", "advcl", "prep", "pcomp") or verb.head is verb:
            return None
        verb = verb.head
    return None


def _group(state: State, token, mention: Mention) -> str:
    return new_actor(state, description_name(token, mention), "group", mention,
                      affiliations(state, token))


def _resolve(state: State, mention: Mention, token) -> tuple[str | None, str]:
    if mention.label == "PRON":
        return _resolve_pronoun(state, token), "pronoun"
    if mention.label == "NOM":
        return resolve_description(state, token, mention), "description"
    if mention.label == "ANON":
        found = apposed(state, token)
        if found is not None:  # "an attorney for Pagliano, Mark MacDougall": his role
            state.entities[found].heads.add(token.lemma_.lower())
            return found, "description"
        return new_actor(state, description_name(token, mention), "anonymous", mention,
                          affiliations(state, token)), "anonymous"
    if mention.label == "GROUP":
        return _group(state, token, mention), "group"
    return None, ""


def _named_tokens(doc, mentions: Sequence[Mention]) -> dict[int, str]:
    """Token index -> actor of the named mention holding it."""
    found: dict[int, str] = {}
    for mention in mentions:
        if not mention.actor_id:
            continue
        span = char_span(doc, mention.start, mention.end)
        for i in range(span.start, span.end) if span is not None else ():
            found.setdefault(i, mention.actor_id)
    return found


def resolve_references(doc, actors: Sequence[Actor], mentions: Sequence[Mention],
                       article_id: str) -> tuple[list[Actor], list[Mention]]:
    """Actor ids for the pronoun, description, unnamed-source and group mentions, and the
    actors they add; named mentions keep theirs."""
    if len(doc) == 0:
        return list(actors), list(mentions)
    sentence, paragraph = sentence_index(doc)
    state = State(doc, article_id, entities_of(doc, actors, mentions), sentence, paragraph,
                   quoted=[(q.outer_start, q.outer_end) for q in find_quote_spans(doc_text(doc))])
    out = list(mentions)
    roots = [root_token(doc, m) for m in mentions]
    state.named_at = _named_tokens(doc, mentions)
    order = sorted((i for i in range(len(mentions)) if roots[i] is not None),
                   key=lambda i: (roots[i].i, mentions[i].end - mentions[i].start))
    _apposed_roles(state, [(mentions[i], roots[i]) for i in order])
    for index in order:
        mention, token = out[index], roots[index]
        if mention.actor_id:
            record(state, mention.actor_id, token)
            continue
        actor_id, _ = _resolve(state, mention, token)
        if actor_id:
            out[index] = replace(mention, actor_id=actor_id)
            record(state, actor_id, token)
    return _counted(list(actors) + list(state.new.values()), out), out


def _apposed_roles(state: State, mentions: Sequence[tuple[Mention, object]]) -> None:
    """Role nouns written in apposition to a name anywhere in the article ("an attorney
    for Pagliano, Mark MacDougall,"), known before the walk: "his attorney" written
    before the name is that person."""
    for mention, token in mentions:
        if mention.label in ("NOM", "ANON") and not mention.actor_id:
            found = apposed(state, token)
            if found is not None and state.entities[found].actor.kind == "person":
                state.entities[found].heads.add(token.lemma_.lower())


def _counted(actors: list[Actor], mentions: Sequence[Mention]) -> list[Actor]:
    """Actors with their mention counts (pronouns and descriptions included)."""
    counts: dict[str, int] = {}
    for mention in mentions:
        if mention.actor_id:
            counts[mention.actor_id] = counts.get(mention.actor_id, 0) + 1
    return [a if a.mention_count == counts.get(a.id, 0) else replace(
        a, mention_count=counts.get(a.id, 0)) for a in actors]
