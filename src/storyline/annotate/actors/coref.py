"""Pronouns, descriptions, unnamed sources and groups resolved to the actors of one article.

A salience model in the manner of Lappin and Leass (1994), over the parse: every mention
resolved so far adds to its actor's salience a weight for its grammatical role (subject
above object above the rest), and salience halves with every sentence back. A pronoun
(``PRON``) goes to the most salient actor within ``WINDOW_SENTENCES`` that agrees with it
in number (``they``: a group, an unnamed source in the plural, an organisation) and gender
(``he``: a person not known to be a woman; gender from given names, honorifics, gendered
role nouns and the pronouns already resolved to the person), and that is not the subject
of the verb the pronoun is the object of. A relative pronoun takes the noun its clause
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
from dataclasses import dataclass, field, replace

from ...records import Actor, Mention, stable_id
from ...text.paragraphs import paragraph_bounds, paragraph_index
from ..mentions.lexicon import (
    ANONYMOUS_HEADS,
    DOCUMENT_NOUNS,
    FAMILIAR,
    GENDERED_NOUNS,
    GIVEN_NAMES,
    HONORIFIC_GENDER,
    ORG_NOUNS,
    PERSON_NOUNS,
    PRONOUNS,
    RELATIVE_PRONOUNS,
)
from ..parse import doc_text
from ..quotes.lexicon import REPORTING_LEMMAS
from ..quotes.marks import find_quote_spans
from .countries import country_named, country_of_demonym
from .lexicon import TITLE_ABBREVIATIONS, UNIQUE_TITLES
from .places import government_name

#: How many sentences back a pronoun or description looks for its actor.
WINDOW_SENTENCES = 6
#: Salience weights of a mention's grammatical role (Lappin and Leass 1994).
ROLE_WEIGHTS = {"nsubj": 80, "nsubjpass": 70, "dobj": 50, "dative": 40, "appos": 60,
                "poss": 30, "pobj": 30}
OTHER_WEIGHT = 20
#: Added for a subject of a reporting verb: a pronoun after a quote is most often its
#: speaker ("... ," he said).
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
#: How well "the president" fits a person the article gives no title at all.
UNTITLED_FIT = 0.5
HOLDER_LEAD = 2
_OBJECT_DEPS = frozenset({"dobj", "dative", "iobj"})
_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "one", "some"})
_DEFINITE_WORDS = frozenset({"the", "this", "that", "these", "those", "its"})
#: Organisation nouns that stand for a state's institution, never for the organisation
#: most in view ("the government" is no company named before).
GOVERNMENT_NOUNS = frozenset({"government", "administration", "regime", "cabinet",
                              "parliament", "congress", "senate", "court", "police", "army",
                              "military", "ministry", "kremlin", "embassy"})


@dataclass(slots=True)
class _Entity:
    """What agreement needs to know of an actor."""

    actor: Actor
    gender: str | None = None
    plural: bool = False
    heads: set[str] = field(default_factory=set)  # nouns and role words it was called by


@dataclass(slots=True)
class _State:
    """The article as the resolver walks it."""

    doc: object
    article_id: str
    entities: dict[str, _Entity]
    sentence: list[int]  # token index -> sentence number
    paragraph: list[int]  # sentence number -> paragraph number
    history: list[tuple[str, int, float, object]] = field(default_factory=list)
    at_token: dict[int, str] = field(default_factory=dict)  # token index -> actor id
    new: dict[str, Actor] = field(default_factory=dict)
    quoted: list[tuple[int, int]] = field(default_factory=list)  # direct quotes' spans
    named_at: dict[int, str] = field(default_factory=dict)  # token -> actor of its name
    documents: dict[str, str] = field(default_factory=dict)  # document noun -> author


def _sentence_index(doc) -> tuple[list[int], list[int]]:
    sentence = [0] * len(doc)
    starts = []
    for number, sent in enumerate(doc.sents):
        starts.append(sent.start_char)
        for i in range(sent.start, sent.end):
            sentence[i] = number
    bounds = paragraph_bounds(doc_text(doc))
    return sentence, [paragraph_index(bounds, start) for start in starts]


def _root(doc, mention: Mention):
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _role_words(actor: Actor) -> set[str]:
    found = set()
    for role in (*actor.roles, *(actor.aliases if actor.kind == "anonymous" else ())):
        for word in role.replace("-", " ").split():
            low = word.casefold().rstrip(".,")
            found.add(TITLE_ABBREVIATIONS.get(low, low))
    return found


def _given_gender(actor: Actor) -> str | None:
    first = actor.name.split()[0].casefold() if actor.name.split() else ""
    gender = GIVEN_NAMES.get(first)
    for role in _role_words(actor):
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
    for mention in mentions:
        if not mention.actor_id or mention.label != "PERSON":
            continue
        token = _root(doc, mention)
        if token is None or token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        for after in doc[token.i + 1:min(token.sent.end, token.i + 15)]:
            if after.lower_ in PRONOUNS and PRONOUNS[after.lower_][0] in "mf":
                votes.setdefault(mention.actor_id, []).append(PRONOUNS[after.lower_][0])
                break
    found = {}
    for actor_id, said in votes.items():
        male, female = said.count("m"), said.count("f")
        if male >= 2 * female + 1 or female >= 2 * male + 1:
            found[actor_id] = "m" if male > female else "f"
    return found


def _entities(doc, actors: Sequence[Actor], mentions: Sequence[Mention]) -> dict[str, _Entity]:
    honorifics = _honorific_genders(doc, mentions)
    pronouns = _pronoun_genders(doc, mentions)
    entities = {}
    for actor in actors:
        given = _given_gender(actor) if actor.kind == "person" else None
        gender = honorifics.get(actor.id) or given or pronouns.get(actor.id)
        plural = actor.kind == "group"
        entities[actor.id] = _Entity(actor, gender, plural, _role_words(actor))
    return entities


def _weight(token) -> float:
    if token is None:
        return OTHER_WEIGHT
    weight = ROLE_WEIGHTS.get(token.dep_, OTHER_WEIGHT)
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in REPORTING_LEMMAS:
        weight += SPEAKER_WEIGHT
    return weight


def _record(state: _State, actor_id: str, token) -> None:
    if token is None:
        return
    weight = _weight(token)
    if any(lo <= token.idx < hi for lo, hi in state.quoted):
        weight *= QUOTED_SHARE
    state.history.append((actor_id, state.sentence[token.i], weight, token))
    state.at_token.setdefault(token.i, actor_id)


def _salience(state: _State, token, bound: set[int]) -> dict[str, float]:
    """Each actor's salience at ``token``, from the mentions in the window before it."""
    here = state.sentence[token.i]
    scores: dict[str, float] = {}
    for actor_id, sent, weight, where in reversed(state.history):
        if here - sent > WINDOW_SENTENCES:
            break
        if where.i >= token.i or where.i in bound:
            continue
        decay = SENTENCE_DECAY ** (here - sent)
        if state.paragraph[sent] != state.paragraph[here]:
            decay *= PARAGRAPH_DECAY
        scores[actor_id] = scores.get(actor_id, 0.0) + weight * decay
    return scores


def _coarguments(token) -> set[int]:
    """Token indexes a non-reflexive object pronoun cannot refer to: its verb's subject."""
    if token.dep_ not in _OBJECT_DEPS and not (token.dep_ == "pobj" and token.head.head.pos_
                                                in ("VERB", "AUX")):
        return set()
    verb = token.head if token.dep_ != "pobj" else token.head.head
    return {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}


def _agrees(entity: _Entity, gender: str, plural: bool) -> float:
    """How well an actor fits a pronoun: 1, a share for an organisation as 'they', or 0."""
    kind = entity.actor.kind
    if gender == "n":
        return 1.0 if kind in ("org", "place") else 0.0
    if plural:
        if kind == "group" or kind == "anonymous" and entity.plural:
            return 1.0
        return ORG_AS_PLURAL if kind == "org" else 0.0
    if kind not in ("person", "anonymous") or entity.plural:
        return 0.0
    return 1.0 if entity.gender in (None, gender) else 0.0


def _best(scores: dict[str, float], fit) -> str | None:
    ranked = [(score * fit(actor_id), actor_id) for actor_id, score in scores.items()]
    ranked = [item for item in ranked if item[0] > 0]
    return max(ranked)[1] if ranked else None


def _resolve_pronoun(state: _State, token) -> str | None:
    low = token.lower_
    if low in RELATIVE_PRONOUNS or low in _RELATIVE_SUBJECTS:
        head = token.head.head if token.head.dep_ == "relcl" else None
        return _actor_at(state, head.i) if head is not None else None
    gender, number = PRONOUNS.get(low, "n sg").split()
    plural = number == "pl"
    reflexive = low.endswith(("self", "selves"))
    bound = set() if reflexive or token.dep_ == "poss" else _coarguments(token)
    scores = _without(_salience(state, token, bound), _enclosing(state, token))
    found = _best(scores, lambda a: _agrees(state.entities[a], gender, plural))
    if found is not None and not plural:
        entity = state.entities[found]
        entity.gender = entity.gender or gender
    return found


#: Relative subjects that refer to the noun their clause hangs on ("the group, which said").
_RELATIVE_SUBJECTS = frozenset({"which", "that"})


def _actor_at(state: _State, index: int) -> str | None:
    return state.at_token.get(index) or state.named_at.get(index)


def _enclosing(state: _State, token) -> set[str]:
    """Actors of the noun phrases that hold ``token`` (up to its clause): a noun phrase
    never refers to one that contains it ("Rhodes, one of the president's aides": the
    president is not Rhodes; "Smith, one of his aides": he is not Smith)."""
    found: set[str] = set()
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            break
        actor = _actor_at(state, current.i)
        if actor:
            found.add(actor)
    return found


def _without(scores: dict[str, float], excluded: set[str]) -> dict[str, float]:
    return {a: v for a, v in scores.items() if a not in excluded} if excluded else scores


def _owner_actor(state: _State, token) -> str | None:
    """A named owner of a noun: its possessor or a compound name before it."""
    for child in token.children:
        if child.dep_ in ("poss", "compound") and child.i < token.i and \
                child.i in state.at_token:
            return state.at_token[child.i]
    return None


def _organisation(state: _State, token, mention: Mention) -> str | None:
    """``the Clinton campaign``, ``Ukraine's government``: the owner's organisation."""
    owner_id = _owner_actor(state, token)
    if owner_id is None:
        return None
    owner_actor = state.entities[owner_id].actor
    lemma = token.lemma_.lower()
    if owner_actor.kind == "org":
        return owner_id  # "the NATO alliance" is NATO
    country = country_named(owner_actor.name) if owner_actor.kind == "place" else None
    if country is not None and lemma in ("government", "administration", "regime"):
        name = government_name(country)
    else:
        owner_name = owner_actor.name.split()[-1] if owner_actor.kind == "person" else \
            owner_actor.name
        name = f"{owner_name} {token.text.lower()}"
    return _new_actor(state, name, "org", mention, (owner_id,), shared=True)


def _fits_description(entity: _Entity, token, gender: str | None) -> float:
    """How well a description fits an actor: its head noun among the actor's role words
    (or a title held by one person at a time), more for each modifier they share ("the
    senior official", "the Russian leader"); never against gender or number."""
    if entity.actor.kind not in ("person", "anonymous", "org"):
        return 0.0
    if gender and entity.gender not in (None, gender):
        return 0.0
    if entity.plural != _plural_token(token) and entity.actor.kind != "org":
        return 0.0
    lemma = token.lemma_.lower()
    shared = sum(1 for c in token.children if c.dep_ in ("amod", "compound")
                 and c.lower_ in entity.heads)
    if lemma in entity.heads:
        return 1.0 + 0.5 * shared
    if lemma in UNIQUE_TITLES and entity.actor.kind == "person":
        untitled = not entity.heads & UNIQUE_TITLES.words
        return 0.5 * shared + (UNTITLED_FIT if untitled else 0.0)
    return 0.0


def _title_holder(state: _State, token, lemma: str) -> str | None:
    """``the president`` with no modifier: the person of the article whose name was written
    with that title ("President Obama"), wherever it was; of several, the one named at
    least ``HOLDER_LEAD`` times as often as any other (the story's president)."""
    if any(c.dep_ in ("amod", "compound", "poss") for c in token.children):
        return None
    enclosing = _enclosing(state, token)
    holders = sorted(((e.actor.mention_count, a) for a, e in state.entities.items()
                      if e.actor.kind == "person" and lemma in e.heads and a not in enclosing),
                     reverse=True)
    if not holders or len(holders) > 1 and holders[0][0] < HOLDER_LEAD * holders[1][0]:
        return None
    return holders[0][1]


def _plural_token(token) -> bool:
    return token.tag_ in ("NNS", "NNPS")


def _apposed(state: _State, token) -> str | None:
    """The named actor in apposition to a description ("Abby Martin, another host";
    "another host, Abby Martin,")."""
    if token.dep_ == "appos":
        found = state.at_token.get(token.head.i) or state.named_at.get(token.head.i)
        if found:
            return found
    for child in token.children:
        if child.dep_ == "appos":
            found = state.at_token.get(child.i) or state.named_at.get(child.i)
            if found:
                return found
    return None


def _resolve_description(state: _State, token, mention: Mention) -> str | None:
    lemma = token.lemma_.lower()
    found = _apposed(state, token)
    if found is not None:
        state.entities[found].heads.add(lemma)  # "the network" later means it too
        return found
    if lemma in DOCUMENT_NOUNS:
        return _resolve_document(state, token, lemma)
    if lemma in ORG_NOUNS:
        found = _organisation(state, token, mention)
        if found is not None:
            return found
    gender = GENDERED_NOUNS.get(lemma)
    scores = _without(_salience(state, token, set()), _enclosing(state, token))
    found = _best(scores, lambda a: _fits_description(state.entities[a], token, gender))
    if lemma in UNIQUE_TITLES and (found is None or lemma not in state.entities[found].heads):
        found = _title_holder(state, token, lemma) or found  # the title's holder first
    if found is not None:
        return found
    if lemma in ORG_NOUNS and lemma not in GOVERNMENT_NOUNS and _definite(token):
        return _best(scores, lambda a: float(state.entities[a].actor.kind == "org"))
    if lemma in ANONYMOUS_HEADS or token.lower_ in ANONYMOUS_HEADS:
        return _new_actor(state, _description_name(token, mention), "anonymous", mention,
                          _affiliations(state, token))
    if country_of_demonym(token.text) is not None or token.ent_type_ == "NORP":
        # "the American", "the Republican": the person in view
        return _best(scores, lambda a: float(state.entities[a].actor.kind == "person"
                                             and not state.entities[a].plural))
    if lemma in PERSON_NOUNS or lemma in UNIQUE_TITLES:
        want = gender
        return _best(scores, lambda a: _agrees(state.entities[a], want or "-", False)
                     if want else float(state.entities[a].actor.kind == "person"))
    return None


#: Documents a person writes ("the book", "her letter"); the others are an organisation's.
PERSONAL_DOCUMENTS = frozenset({"book", "letter", "memo", "tweet", "post", "memoir",
                                "account", "article", "paper"})
_AUTHOR_PREPOSITIONS = frozenset({"by", "from", "of", "in", "on", "at"})


def _author_tokens(token) -> list:
    """Where a document's author may be named in its own phrase: a compound or possessor
    before it ("a Bloomberg poll", "the party's bylaws"), the object of "by", "from",
    "of", "in" or "on" after it, directly or under a participle ("a report released by
    the agency", "data from the survey", "a document on the campaign's website")."""
    found = [c for c in token.children if c.dep_ in ("compound", "poss") and c.i < token.i]
    heads = [token] + [c for c in token.children if c.dep_ in ("acl", "relcl")]
    for head in heads:
        for prep in head.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ in _AUTHOR_PREPOSITIONS:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        found.append(obj)
                        found += [c for c in obj.children if c.dep_ in ("poss", "compound")]
    return found


def _resolve_document(state: _State, token, lemma: str) -> str | None:
    """A poll, a report, a study: the actor its phrase names as author; else, for "the
    poll", the author of the last such document, or the organisation most in view."""
    for inner in _author_tokens(token):
        actor_id = state.named_at.get(inner.i) or state.at_token.get(inner.i)
        if actor_id and state.entities[actor_id].actor.kind in ("org", "person", "place"):
            state.documents[lemma] = actor_id
            return actor_id
    if not _definite(token):
        return None
    found = state.documents.get(lemma)
    if found is None:
        kinds = ("org", "person") if lemma in PERSONAL_DOCUMENTS else ("org",)
        scores = _salience(state, token, set())
        found = _best(scores, lambda a: float(state.entities[a].actor.kind in kinds))
    return found


def _definite(token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE_WORDS
               for c in token.children)


def _description_name(token, mention: Mention) -> str:
    """The words of an unnamed source or a group without the determiner: "senior
    administration official", "people familiar with the discussions"."""
    words = mention.text.split()
    while len(words) > 1 and words[0].lower() in _DETERMINERS:
        words = words[1:]
    tail = [c for c in token.children if c.i > token.i and c.lower_ in FAMILIAR]
    if tail:
        extra = [t.text for t in tail[0].subtree][:6]
        words += extra
    return " ".join(words)


def _affiliations(state: _State, token) -> tuple[str, ...]:
    """Actors named inside an unnamed source's words ("a senior US official", "officials
    at the agency", "Russian government officials")."""
    found = []
    for inner in token.subtree:
        actor_id = state.at_token.get(inner.i)
        if inner.i != token.i and actor_id and actor_id not in found:
            found.append(actor_id)
    return tuple(found[:2])


def _new_actor(state: _State, name: str, kind: str, mention: Mention,
               affiliations: tuple[str, ...], shared: bool = False) -> str:
    """A new actor of this article; an anonymous one is never shared with another mention
    by its name (each unnamed source is someone of its own)."""
    key = stable_id("actor", kind, name.casefold()) if shared or kind == "group" else \
        stable_id("actor", kind, state.article_id, mention.start)
    actor = state.new.get(key)
    if actor is None:
        actor = Actor(id=key, name=name, kind=kind, aliases=(name,),
                      article_ids=(state.article_id,), affiliations=affiliations)
        state.new[key] = actor
        plural = kind == "group" or mention.text.split()[-1].lower().endswith("s")
        state.entities[key] = _Entity(actor, None, plural and kind != "org", _role_words(actor)
                                      | {token_lemma(mention)})
    return key


def token_lemma(mention: Mention) -> str:
    """The head word of a description in the singular ("officials" -> "official")."""
    last = mention.text.split()[-1].lower()
    return last[:-1] if last.endswith("s") and not last.endswith("ss") else last


def _group(state: _State, token, mention: Mention) -> str:
    return _new_actor(state, _description_name(token, mention), "group", mention,
                      _affiliations(state, token))


def _resolve(state: _State, mention: Mention, token) -> tuple[str | None, str]:
    if mention.label == "PRON":
        return _resolve_pronoun(state, token), "pronoun"
    if mention.label == "NOM":
        return _resolve_description(state, token, mention), "description"
    if mention.label == "ANON":
        found = _apposed(state, token)
        if found is not None:
            return found, "description"
        return _new_actor(state, _description_name(token, mention), "anonymous", mention,
                          _affiliations(state, token)), "anonymous"
    if mention.label == "GROUP":
        return _group(state, token, mention), "group"
    return None, ""


def _named_tokens(doc, mentions: Sequence[Mention]) -> dict[int, str]:
    """Token index -> actor of the named mention holding it."""
    found: dict[int, str] = {}
    for mention in mentions:
        if not mention.actor_id:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        for i in range(span.start, span.end) if span is not None else ():
            found.setdefault(i, mention.actor_id)
    return found


def resolve_references(doc, actors: Sequence[Actor], mentions: Sequence[Mention],
                       article_id: str) -> tuple[list[Actor], list[Mention]]:
    """Actor ids for the pronoun, description, unnamed-source and group mentions, and the
    actors they add; named mentions keep theirs."""
    if len(doc) == 0:
        return list(actors), list(mentions)
    sentence, paragraph = _sentence_index(doc)
    state = _State(doc, article_id, _entities(doc, actors, mentions), sentence, paragraph,
                   quoted=[(q.outer_start, q.outer_end) for q in find_quote_spans(doc_text(doc))])
    out = list(mentions)
    roots = [_root(doc, m) for m in mentions]
    state.named_at = _named_tokens(doc, mentions)
    order = sorted((i for i in range(len(mentions)) if roots[i] is not None),
                   key=lambda i: (roots[i].i, mentions[i].end - mentions[i].start))
    for index in order:
        mention, token = out[index], roots[index]
        if mention.actor_id:
            _record(state, mention.actor_id, token)
            continue
        actor_id, _ = _resolve(state, mention, token)
        if actor_id:
            out[index] = replace(mention, actor_id=actor_id)
            _record(state, actor_id, token)
    return _counted(list(actors) + list(state.new.values()), out), out


def _counted(actors: list[Actor], mentions: Sequence[Mention]) -> list[Actor]:
    """Actors with their mention counts (pronouns and descriptions included)."""
    counts: dict[str, int] = {}
    for mention in mentions:
        if mention.actor_id:
            counts[mention.actor_id] = counts.get(mention.actor_id, 0) + 1
    return [replace(a, mention_count=counts.get(a.id, 0)) for a in actors]
