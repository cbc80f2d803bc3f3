"""The salience model the reference resolver (``actors.coref``) walks an article with.

In the manner of Lappin and Leass (1994): every mention resolved so far adds to its
actor's salience a weight for its grammatical role (subject above object above the rest),
and salience halves with every sentence back; a subject of a reporting verb counts more
only for a pronoun that is one too ("he said"), and the nearest fitting subject of the
pronoun's own sentence comes first (Hobbs 1978). An actor is an :class:`Entity` (what
agreement needs: gender, number, the nouns it was called by); :class:`State` is the
article as the resolver walks it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ...records import Actor, Mention, stable_id
from ...text.paragraphs import paragraph_bounds, paragraph_index
from ..mentions.lexicon import (
    GENDERED_NOUNS,
    GIVEN_NAMES,
    HONORIFIC_GENDER,
    PRONOUNS,
)
from ..parse import char_span, children_of, doc_sentences, doc_text, sentence_of, token_column
from ..quotes.lexicon import REPORTING_LEMMAS
from .lexicon import OBJECT_DEPS, TITLE_ABBREVIATIONS

#: How many sentences back a pronoun or description looks for its actor.
WINDOW_SENTENCES = 6


#: Salience weights of a mention's grammatical role (Lappin and Leass 1994).
ROLE_WEIGHTS = {"nsubj": 80, "nsubjpass": 70, "dobj": 50, "dative": 40, "appos": 60,
                "poss": 30, "pobj": 30}


OTHER_WEIGHT = 20


#: Added for a subject of a reporting verb when the pronoun or description being resolved
#: is one too: "... ," he said continues the speaker in view, while "he fell" is not drawn
#: to whoever spoke last (a police spokesman quoted on a climber's fall).
SPEAKER_WEIGHT = 100


#: Share of its weight a mention inside quote marks adds: a "he said" after a quote is
#: rarely someone the quote itself names.
QUOTED_SHARE = 0.1


#: Salience kept from one sentence to the next, and across a paragraph break.
SENTENCE_DECAY = 0.5


PARAGRAPH_DECAY = 0.6


#: A plural pronoun takes an organisation at this share of its salience ("the campaign
#: ... they said").
ORG_AS_PLURAL = 0.5


@dataclass(slots=True)
class Entity:
    """What agreement needs to know of an actor."""

    actor: Actor
    gender: str | None = None
    plural: bool = False
    heads: set[str] = field(default_factory=set)  # nouns and role words it was called by
    doubtful: bool = False  # a "person" whose one name is a common word


@dataclass(slots=True)
class State:
    """The article as the resolver walks it."""

    doc: object
    article_id: str
    entities: dict[str, Entity]
    sentence: list[int]  # token index -> sentence number
    paragraph: list[int]  # sentence number -> paragraph number
    history: list[tuple[str, int, float, object]] = field(default_factory=list)
    at_token: dict[int, str] = field(default_factory=dict)  # token index -> actor id
    new: dict[str, Actor] = field(default_factory=dict)
    quoted: list[tuple[int, int]] = field(default_factory=list)  # direct quotes' spans
    named_at: dict[int, str] = field(default_factory=dict)  # token -> actor of its name
    documents: dict[str, str] = field(default_factory=dict)  # document noun -> author
    quote_at: dict[int, int] = field(default_factory=dict)  # token -> its quote, or -1


def sentence_index(doc) -> tuple[list[int], list[int]]:
    sentence = [0] * len(doc)
    starts = []
    for number, sent in enumerate(doc_sentences(doc)):
        starts.append(sent.start_char)
        for i in range(sent.start, sent.end):
            sentence[i] = number
    bounds = paragraph_bounds(doc_text(doc))
    return sentence, [paragraph_index(bounds, start) for start in starts]


def root_token(doc, mention: Mention):
    span = char_span(doc, mention.start, mention.end)
    return span.root if span is not None and len(span) else None


def role_words(actor: Actor) -> set[str]:
    found = set()
    for role in (*actor.roles, *(actor.aliases if actor.kind == "anonymous" else ())):
        for word in role.replace("-", " ").split():
            low = word.casefold().rstrip(".,")
            found.add(TITLE_ABBREVIATIONS.get(low, low))
    return found


def _given_gender(actor: Actor) -> str | None:
    first = actor.name.split()[0].casefold() if actor.name.split() else ""
    gender = GIVEN_NAMES.get(first)
    for role in role_words(actor):
        gender = GENDERED_NOUNS.get(role, gender)
    return gender


def _honorific_genders(doc, mentions: Sequence[Mention]) -> dict[str, str]:
    found = {}
    text = doc_text(doc)
    for mention in mentions:
        if mention.actor_id and mention.label == "PERSON":
            before = text[max(0, mention.start - 6):mention.start].split()
            gender = HONORIFIC_GENDER.get(before[-1].casefold()) if before else None
            if gender:
                found.setdefault(mention.actor_id, gender)
    return found


def _pronoun_genders(doc, mentions: Sequence[Mention]) -> dict[str, str]:
    """Gender from the first he/she after a person's subject mentions in their sentences,
    when the votes agree by two to one."""
    votes: dict[str, list[str]] = {}
    lowered = token_column(doc, "lower_")
    for mention in mentions:
        if not mention.actor_id or mention.label != "PERSON":
            continue
        token = root_token(doc, mention)
        if token is None or token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        for after in lowered[token.i + 1:min(sentence_of(token).end, token.i + 15)]:
            if after in PRONOUNS and PRONOUNS[after][0] in "mf":
                votes.setdefault(mention.actor_id, []).append(PRONOUNS[after][0])
                break
    found = {}
    for actor_id, said in votes.items():
        male, female = said.count("m"), said.count("f")
        if male >= 2 * female + 1 or female >= 2 * male + 1:
            found[actor_id] = "m" if male > female else "f"
    return found


def entities_of(doc, actors: Sequence[Actor], mentions: Sequence[Mention]) -> dict[str, Entity]:
    honorifics = _honorific_genders(doc, mentions)
    pronouns = _pronoun_genders(doc, mentions)
    entities = {}
    lowered = _lower_words(doc_text(doc))
    for actor in actors:
        given = _given_gender(actor) if actor.kind == "person" else None
        gender = honorifics.get(actor.id) or given or pronouns.get(actor.id)
        plural = actor.kind == "group"
        entities[actor.id] = Entity(actor, gender, plural, role_words(actor),
                                    actor.kind == "person" and _common_word(actor, lowered))
    return entities


_ADDRESS_LINE = re.compile(r"https?\b|www\b|\.s?html?\b|/", re.IGNORECASE)


def _lower_words(text: str) -> set[str]:
    """The lower-case words of the article's lines of text (not its web addresses)."""
    return {w for line in text.splitlines() if not _ADDRESS_LINE.search(line)
            for w in re.findall(r"\b[a-z]+\b", line)}


def _common_word(actor: Actor, words: set[str]) -> bool:
    """A "person" named only by one word the article also writes in lower case ("Jury",
    "Chaos", "Man" of a headline) or by a lower-case word: the recognizer's mistake, no
    one a pronoun refers to."""
    names = {a for a in (actor.name, *actor.aliases) if a}
    return all(" " not in n and (n.islower() or n.casefold() in words) for n in names)


def reports(token) -> bool:
    """Whether ``token`` is the subject of a reporting verb ("he said")."""
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in REPORTING_LEMMAS


def _weight(token) -> float:
    if token is None:
        return OTHER_WEIGHT
    weight = ROLE_WEIGHTS.get(token.dep_, OTHER_WEIGHT)
    return weight


def quote_of(state: State, token) -> int:
    """The index of the direct quote holding ``token``, or -1 (once per token)."""
    found = state.quote_at.get(token.i)
    if found is None:
        found = next((n for n, (lo, hi) in enumerate(state.quoted) if lo <= token.idx < hi), -1)
        state.quote_at[token.i] = found
    return found


def quote_speakers(state: State, token) -> set[str]:
    """The actors speaking the direct quote that holds ``token``: subjects of a reporting
    verb outside quote marks in the sentences the quote spans ("'She has completed her
    course,' Holley said": Holley speaks, so "she" is someone else)."""
    quote = quote_of(state, token)
    if quote < 0:
        return set()
    lo, hi = state.quoted[quote]
    found = set()
    for sent in doc_sentences(state.doc):
        if sent.end_char < lo or sent.start_char > hi:
            continue
        for word in sent:
            if reports(word) and not _quoted(state, word):
                actor = state.at_token.get(word.i) or state.named_at.get(word.i)
                if actor:
                    found.add(actor)
    return found


def _quoted(state: State, token) -> bool:
    return quote_of(state, token) >= 0


def record(state: State, actor_id: str, token) -> None:
    if token is None:
        return
    state.history.append((actor_id, state.sentence[token.i], _weight(token), token))
    state.at_token.setdefault(token.i, actor_id)


def salience(state: State, token, bound: set[int]) -> dict[str, float]:
    """Each actor's salience at ``token``, from the mentions in the window before it."""
    here = state.sentence[token.i]
    speaking = reports(token)
    scores: dict[str, float] = {}
    for actor_id, sent, weight, where in reversed(state.history):
        if here - sent > WINDOW_SENTENCES:
            break
        if where.i >= token.i or where.i in bound:
            continue
        decay = SENTENCE_DECAY ** (here - sent)
        if state.paragraph[sent] != state.paragraph[here]:
            decay *= PARAGRAPH_DECAY
        if speaking and reports(where):
            weight += SPEAKER_WEIGHT
        if quote_of(state, where) >= 0:
            weight *= QUOTED_SHARE
        scores[actor_id] = scores.get(actor_id, 0.0) + weight * decay
    return scores


#: Added for the last fitting subject before a pronoun in its own sentence (Hobbs 1978:
#: the nearest subject is the likeliest antecedent: "Lyons said Comeaux used a
#: wheelchair; he claimed ...").
SUBJECT_BONUS = 200.0


def nearest_subject(state: State, token, bound: set[int], fits) -> str | None:
    """The actor of the last subject before ``token`` in its own sentence that fits it
    (Hobbs 1978: the nearest subject is the likeliest antecedent)."""
    speaking = reports(token)
    here = state.sentence[token.i]
    for actor_id, sent, _, where in reversed(state.history):
        if sent != here:
            break
        if where.i >= token.i or where.i in bound or where.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if speaking and where.head.dep_ != "ROOT":
            continue  # "X said Y was right when he said": he may be X, said the words
        if _quoted(state, where) and not _quoted(state, token):
            continue  # '"Thompson was hard to hit," he said': not Thompson
        if fits(actor_id) > 0:
            return actor_id
    return None


#: How much the number of times the article names an actor weighs beside its salience
#: (a power of one plus the count): for a pronoun, and for a description no role fits
#: ("the actress" in an article about her is the person it names most, not the lawyer
#: just quoted).
PRONOUN_PROMINENCE = 0.5


def prominent(state: State, scores: dict[str, float], power: float) -> dict[str, float]:
    """Salience scaled by how often the article names each actor."""
    return {a: v * (1 + state.entities[a].actor.mention_count) ** power
            for a, v in scores.items()}


def coarguments(token) -> set[int]:
    """Token indexes a non-reflexive object pronoun cannot refer to: its verb's subject."""
    if token.dep_ not in OBJECT_DEPS and not (token.dep_ == "pobj" and token.head.head.pos_
                                                in ("VERB", "AUX")):
        return set()
    verb = token.head if token.dep_ != "pobj" else token.head.head
    return {c.i for c in children_of(verb) if c.dep_ in ("nsubj", "nsubjpass")}


def agrees(entity: Entity, gender: str, plural: bool) -> float:
    """How well an actor fits a pronoun: 1, a share for an organisation as 'they', or 0."""
    kind = entity.actor.kind
    if gender == "n":
        return 1.0 if kind in ("org", "place") else 0.0
    if plural:
        if kind == "group" or kind == "anonymous" and entity.plural:
            return 1.0
        return ORG_AS_PLURAL if kind == "org" else 0.0
    if kind not in ("person", "anonymous") or entity.plural or entity.doubtful:
        return 0.0
    return 1.0 if entity.gender in (None, gender) else 0.0


def best(scores: dict[str, float], fit) -> str | None:
    ranked = [(score * fit(actor_id), actor_id) for actor_id, score in scores.items()]
    ranked = [item for item in ranked if item[0] > 0]
    return max(ranked)[1] if ranked else None


def actor_at(state: State, index: int) -> str | None:
    return state.at_token.get(index) or state.named_at.get(index)


def enclosing(state: State, token) -> set[str]:
    """Actors of the noun phrases that hold ``token`` (up to its clause): a noun phrase
    never refers to one that contains it ("Rhodes, one of the president's aides": the
    president is not Rhodes; "Smith, one of his aides": he is not Smith)."""
    found: set[str] = set()
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            break
        actor = actor_at(state, current.i)
        if actor:
            found.add(actor)
    return found


def without(scores: dict[str, float], excluded: set[str]) -> dict[str, float]:
    return {a: v for a, v in scores.items() if a not in excluded} if excluded else scores


def new_actor(state: State, name: str, kind: str, mention: Mention,
               affiliations: tuple[str, ...], shared: bool = False) -> str:
    """A new actor of this article; an anonymous one is never shared with another mention
    by its name (each unnamed source is someone of its own)."""
    key = stable_id("actor", kind, name.casefold()) if shared or kind == "group" else \
        stable_id("actor", kind, state.article_id, mention.start)
    if key in state.entities and key not in state.new:
        return key  # a named actor of the article already has this name ("the White House")
    actor = state.new.get(key)
    if actor is None:
        actor = Actor(id=key, name=name, kind=kind, aliases=(name,),
                      article_ids=(state.article_id,), affiliations=affiliations)
        state.new[key] = actor
        plural = kind == "group" or mention.text.split()[-1].lower().endswith("s")
        state.entities[key] = Entity(actor, None, plural and kind != "org", role_words(actor)
                                      | {token_lemma(mention)})
    return key


def token_lemma(mention: Mention) -> str:
    """The head word of a description in the singular ("officials" -> "official")."""
    last = mention.text.split()[-1].lower()
    return last[:-1] if last.endswith("s") and not last.endswith("ss") else last
