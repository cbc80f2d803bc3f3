"""Descriptions and documents resolved to actors (``actors.coref``).

A description in apposition to a name is that name. Otherwise it goes to the most salient
actor whose roles hold its head noun (a role written in apposition to a name anywhere in
the article counts: "his attorney" before "an attorney for him, Jan Kos,"); an
organisation noun with a named owner is that organisation, one with a proper-noun modifier
the organisation whose name holds it and ends in the noun ("a House panel": the House
Oversight Committee); a title held by one person at a time goes to its holder, before a
person the article gives another role; a document ("the poll") goes to the author its
phrase names (coordinated documents of two authors to both), to the author of the last
such document, or, written without an author ("video surfaced showing"), to an unnamed
source.

A description agrees with the actor it goes to: in kind (an organisation noun in
apposition to a person's name is no person), in nationality (a demonym before the noun),
and, falling back on the person in view, in role (a person the article gives another role
fits at ``OTHER_ROLE_FIT``) and weighed by how often the article names each person. An
indefinite person noun that is no predicate ("a drunk driver") introduces an unnamed person
of its own.
"""

from __future__ import annotations

from ...records import Mention
from ..mentions.lexicon import (
    ANONYMOUS_HEADS,
    DOCUMENT_NOUNS,
    FAMILIAR,
    GENDERED_NOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    ROLE_NOUNS,
)
from ..parse import children_of, subtree_of
from .countries import country_named, country_of_demonym
from .lexicon import (
    AUTHOR_PREPOSITIONS,
    CAMPAIGN_NOUNS,
    CORE_TITLES,
    DEFINITE_WORDS,
    DETERMINERS,
    GOVERNMENT_NOUNS,
    ORG_SYNONYMS,
    OWNER_ADJECTIVE_DEPS,
    PERSONAL_DOCUMENTS,
    ROLE_SYNONYMS,
    UNIQUE_TITLES,
)
from .places import government_name
from .salience import (
    Entity,
    State,
    agrees,
    best,
    enclosing,
    new_actor,
    prominent,
    salience,
    without,
)

#: How well "the president" fits a person the article gives no title at all.
UNTITLED_FIT = 0.5
#: How well it fits a person the article gives another role ("economist", "spokesman").
OTHER_ROLE_FIT = 0.2


HOLDER_LEAD = 2


def _owner_actor(state: State, token) -> str | None:
    """A named owner of a noun: its possessor or a compound name before it, or the
    country a demonym before it names ("the Saudi government")."""
    for child in children_of(token):
        if child.dep_ in ("poss", "compound") and child.i < token.i and \
                child.i in state.at_token:
            return state.at_token[child.i]
    if token.lemma_.lower() not in GOVERNMENT_NOUNS:
        return None
    for child in token.children:
        if child.dep_ in OWNER_ADJECTIVE_DEPS and child.i < token.i:
            found = state.at_token.get(child.i) or state.named_at.get(child.i)
            if found and state.entities[found].actor.kind == "place":
                return found
    return None


def _organisation(state: State, token, mention: Mention) -> str | None:
    """``the Clinton campaign``, ``Ukraine's government``: the owner's organisation."""
    owner_id = _owner_actor(state, token)
    if owner_id is None:
        return None
    owner_actor = state.entities[owner_id].actor
    lemma = token.lemma_.lower()
    if owner_actor.kind == "org":
        return owner_id  # "the NATO alliance" is NATO
    employer = _employer(state, owner_actor) if owner_actor.kind == "person" and \
        lemma not in CAMPAIGN_NOUNS else None
    if employer is not None:
        return employer  # "Wells Fargo CEO John Stumpf ... his bank": Wells Fargo
    country = country_named(owner_actor.name) if owner_actor.kind == "place" else None
    if country is not None and lemma in ("government", "administration", "regime"):
        name = government_name(country)
    else:
        owner_name = owner_actor.name.split()[-1] if owner_actor.kind == "person" else \
            owner_actor.name
        noun = "campaign" if lemma in CAMPAIGN_NOUNS and owner_actor.kind == "person" else \
            token.text.lower()
        name = f"{owner_name} {noun}"
    return new_actor(state, name, "org", mention, (owner_id,), shared=True)


def _named_organisation(state: State, token) -> str | None:
    """``a House panel``, ``the Senate committee``: an organisation of the article whose
    name holds every proper-noun modifier of the description and ends in its noun or
    another noun for it ("House Oversight Committee"); of several, the one named last
    before a definite description, next after an indefinite one ("A House panel voted":
    the committee the next sentence names), else the other way."""
    modifiers = {c.lower_ for c in children_of(token) if c.dep_ == "compound"
                 and c.pos_ == "PROPN" and c.i < token.i}
    if not modifiers:
        return None
    nouns = {token.lemma_.lower(), ORG_SYNONYMS.get(token.lemma_.lower(), "")}
    fitting = {a for a, e in state.entities.items() if e.actor.kind == "org"
               and _name_noun(e.actor.name) in nouns
               and modifiers <= {w.casefold() for w in e.actor.name.split()}}
    named = sorted((i, a) for i, a in state.named_at.items() if a in fitting)
    after = [a for i, a in named if i > token.i][:1]
    before = [a for i, a in named if i < token.i][-1:]
    found = before + after if _definite(token) else after + before
    return found[0] if found else None


def _employer(state: State, person) -> str | None:
    """The one organisation a person's roles belong to ("Wells Fargo CEO John Stumpf")."""
    orgs = [a for a in person.affiliations
            if a in state.entities and state.entities[a].actor.kind == "org"]
    return orgs[0] if len(orgs) == 1 else None


def _fits_description(entity: Entity, token, gender: str | None) -> float:
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
    shared = sum(1 for c in children_of(token) if c.dep_ in ("amod", "compound")
                 and c.lower_ in entity.heads)
    if lemma in entity.heads or _synonym_in(lemma, entity.heads):
        return 1.0 + 0.5 * shared
    if entity.actor.kind == "org" and _name_noun(entity.actor.name) in (
            lemma, ORG_SYNONYMS.get(lemma)):
        return 1.0  # "the committee": the House Intelligence Committee
    if lemma in UNIQUE_TITLES and entity.actor.kind == "person":
        if entity.heads & UNIQUE_TITLES.words:
            return 0.5 * shared
        # "the GOP candidate" is not the economist the article just quoted
        other_role = bool(entity.heads & CORE_TITLES.words)
        return 0.5 * shared + (OTHER_ROLE_FIT if other_role else UNTITLED_FIT)
    return 0.0


def _role_fit(entity: Entity, lemma: str) -> float:
    """``OTHER_ROLE_FIT`` for a person the article gives another role than the one a
    description names ("the actress" is not the attorney just quoted), else 1."""
    if lemma not in CORE_TITLES.words or lemma in entity.heads or \
            _synonym_in(lemma, entity.heads):
        return 1.0
    return OTHER_ROLE_FIT if entity.heads & CORE_TITLES.words else 1.0


def _name_noun(name: str) -> str:
    """The last word of an organisation's name, lower-cased: the noun it is ("House
    Intelligence Committee": committee)."""
    words = name.split()
    return words[-1].casefold() if len(words) > 1 else ""


def _synonym_in(lemma: str, heads: set[str]) -> bool:
    """Whether ``heads`` hold another noun for the same role ("lawyer", "attorney")."""
    role = ROLE_SYNONYMS.get(lemma)
    return role is not None and any(ROLE_SYNONYMS.get(h) == role for h in heads)


def _sole_holder(state: State, token, lemma: str) -> str | None:
    """The one person of the article called by this noun or another for the same role,
    wherever it was ("Pagliano's lawyer": the person named as his attorney)."""
    excluded = enclosing(state, token) | _possessors(state, token)
    holders = [a for a, e in state.entities.items() if e.actor.kind == "person"
               and a not in excluded and (lemma in e.heads or _synonym_in(lemma, e.heads))]
    return holders[0] if len(holders) == 1 else None


def _possessors(state: State, token) -> set[str]:
    """Actors of a description's possessor: "his attorney", "Pagliano's lawyer" is never
    the person who has them."""
    return {state.at_token[c.i] for c in token.children
            if c.dep_ == "poss" and c.i in state.at_token}


def _title_holder(state: State, token, lemma: str) -> str | None:
    """``the president`` with no modifier: the person of the article whose name was written
    with that title ("President Obama"), wherever it was; of several, the one named at
    least ``HOLDER_LEAD`` times as often as any other (the story's president)."""
    if any(c.dep_ in ("amod", "compound", "poss") for c in children_of(token)):
        return None
    inside = enclosing(state, token)
    holders = sorted(((e.actor.mention_count, a) for a, e in state.entities.items()
                      if e.actor.kind == "person" and lemma in e.heads and a not in inside),
                     reverse=True)
    if not holders or len(holders) > 1 and holders[0][0] < HOLDER_LEAD * holders[1][0]:
        return None
    return holders[0][1]


def _plural_token(token) -> bool:
    return token.tag_ in ("NNS", "NNPS")


def apposed(state: State, token) -> str | None:
    """The named actor in apposition to a description ("Abby Martin, another host";
    "another host, Abby Martin,")."""
    if token.dep_ == "appos":
        found = state.at_token.get(token.head.i) or state.named_at.get(token.head.i)
        if found:
            return found
    for child in children_of(token):
        if child.dep_ == "appos":
            found = state.at_token.get(child.i) or state.named_at.get(child.i)
            if found:
                return found
    for name in _name_after_owner(token):  # "an attorney for Pagliano, Mark MacDougall,"
        found = state.named_at.get(name.i)
        if found:
            return found
    return None


def _name_after_owner(token) -> list:
    """A personal name the parse put in apposition to the person a description is "for"
    or "of": a name is no apposition to another name, so it is the description's."""
    return [app for prep in token.children if prep.dep_ == "prep"
            for obj in prep.children if obj.dep_ == "pobj" and obj.ent_type_ == "PERSON"
            for app in obj.children if app.dep_ == "appos" and app.ent_type_ == "PERSON"]


def _kind_fits(entity: Entity, lemma: str) -> bool:
    """Whether a description's noun can name an actor of this kind: an organisation noun
    never a person ("a spokeswoman for the FBI, the organization that ..."), a person
    noun never an organisation or a place."""
    kind = entity.actor.kind
    if lemma in ORG_NOUNS:
        return kind != "person"
    if lemma in PERSON_NOUNS or lemma in ROLE_NOUNS:
        return kind in ("person", "anonymous")
    return True


def _nationalities(token) -> set[str]:
    """The countries of the demonyms before a description's noun ("the Ukrainian
    champion": UA)."""
    return {c.code for c in (country_of_demonym(m.text) for m in children_of(token)
                             if m.dep_ in ("amod", "compound") and m.i < token.i) if c}


def _nationality_fits(state: State, entity: Entity, wanted: set[str]) -> bool:
    """The nationalities a description asks for (``_nationalities``) agree with what is
    known of the actor: never a person whose role words hold another people's name
    ("American boxer Tony Roe") or who is affiliated with another country."""
    if not wanted:
        return True
    called = {c.code for c in (country_of_demonym(h) for h in entity.heads) if c}
    called |= {c.code for c in (country_named(state.entities[a].actor.name)
                                for a in entity.actor.affiliations if a in state.entities) if c}
    return not called or bool(called & wanted)


def resolve_description(state: State, token, mention: Mention) -> str | None:
    lemma = token.lemma_.lower()
    found = apposed(state, token)
    if found is not None and not _kind_fits(state.entities[found], lemma):
        found = None
    if found is not None:
        state.entities[found].heads.add(lemma)  # "the network" later means it too
        return found
    if lemma in DOCUMENT_NOUNS:
        return _resolve_document(state, token, lemma, mention)
    if lemma in PERSON_NOUNS and _introduces(token):
        return _newcomer(state, token, mention, lemma)
    if lemma in ORG_NOUNS:
        found = _named_organisation(state, token) or _organisation(state, token, mention)
        if found is not None:
            return found
    gender = GENDERED_NOUNS.get(lemma)
    scores = without(salience(state, token, set()),
                     enclosing(state, token) | _possessors(state, token))
    wanted = _nationalities(token)
    scores = {a: v for a, v in scores.items()
              if _nationality_fits(state, state.entities[a], wanted)}
    found = best(scores, lambda a: _fits_description(state.entities[a], token, gender))
    if lemma in UNIQUE_TITLES and (found is None or lemma not in state.entities[found].heads):
        found = _title_holder(state, token, lemma) or found  # the title's holder first
    if found is None and lemma in PERSON_NOUNS:
        found = _sole_holder(state, token, lemma)
    if found is not None:
        return found
    if lemma in ORG_NOUNS and lemma not in GOVERNMENT_NOUNS and _definite(token):
        return best(scores, lambda a: float(state.entities[a].actor.kind == "org"))
    if lemma in ANONYMOUS_HEADS or token.lower_ in ANONYMOUS_HEADS:
        return new_actor(state, description_name(token, mention), "anonymous", mention,
                          affiliations(state, token))
    if country_of_demonym(token.text) is not None or token.ent_type_ == "NORP":
        # "the American", "the Republican": the person in view
        return best(scores, lambda a: float(state.entities[a].actor.kind == "person"
                                             and not state.entities[a].plural))
    if lemma in PERSON_NOUNS or lemma in UNIQUE_TITLES or lemma in ROLE_NOUNS and \
            _definite(token) and not any(c.dep_ == "poss" for c in token.children):
        # "the former secretary of state": the person in view; "the president's press
        # secretary" is someone else's aide, left to the roles the story knows
        want = gender
        return best(prominent(state, scores, 1.0), lambda a: (agrees(
            state.entities[a], want or "-", False) if want else float(
            state.entities[a].actor.kind == "person")) * _role_fit(state.entities[a], lemma))
    return None


def _resolve_document(state: State, token, lemma: str, mention: Mention) -> str | None:
    """A poll, a report, a study: the actor its phrase names as author (two authors
    before it, "a Times/CBS News poll", or of coordinated documents, "a complaint by the
    SEC and a complaint by Vermont", are a group of both); else, for "the poll", the
    author of the last such document, or the organisation most in view; "a video" whose
    phrase could name no author is an unnamed source."""
    joint = _joint_authors(state, token) or _coordinated_authors(state, token)
    if len(joint) > 1:
        names = " and ".join(state.entities[a].actor.name for a in joint)
        return new_actor(state, names, "group", mention, tuple(joint))
    authors = author_tokens(token)
    for inner in authors:
        actor_id = state.named_at.get(inner.i) or state.at_token.get(inner.i)
        if actor_id and state.entities[actor_id].actor.kind in ("org", "person", "place"):
            state.documents[lemma] = actor_id
            return actor_id
    if not _definite(token):
        if authors:
            return None  # "a document on the campaign's website": its author, once known
        # "video surfaced showing", "a report found": a document whose words name no
        # author speaks for an unnamed source
        return new_actor(state, description_name(token, mention), "anonymous", mention, ())
    found = state.documents.get(lemma)
    if found is None:
        kinds = ("org", "person") if lemma in PERSONAL_DOCUMENTS else ("org",)
        scores = salience(state, token, set())
        found = best(scores, lambda a: float(state.entities[a].actor.kind in kinds))
    return found


def _joint_authors(state: State, token) -> list[str]:
    """The distinct organisations named before a document noun ("a Times/CBS News poll")."""
    found: list[str] = []
    for child in token.children:
        actor_id = state.named_at.get(child.i) or state.at_token.get(child.i)
        if child.dep_ == "compound" and child.i < token.i and actor_id and \
                state.entities[actor_id].actor.kind == "org" and actor_id not in found:
            found.append(actor_id)
    return found


def _coordinated_authors(state: State, token) -> list[str]:
    """The authors of coordinated documents ("a complaint filed by the SEC and a complaint
    by Vermont"), when they differ: the documents speak for them together."""
    found: list[str] = []
    for document in (token, *(c for c in children_of(token) if c.dep_ == "conj"
                              and c.lemma_.lower() in DOCUMENT_NOUNS)):
        for inner in author_tokens(document):
            actor_id = state.named_at.get(inner.i) or state.at_token.get(inner.i)
            if actor_id and state.entities[actor_id].actor.kind in ("org", "person", "place"):
                if actor_id not in found:
                    found.append(actor_id)
                break
    return found


def author_tokens(token) -> list:
    """Where a document's author may be named in its own phrase: a compound or possessor
    before it ("a Bloomberg poll", "the party's bylaws"), the object of "by", "from",
    "of", "in" or "on" after it, directly or under a participle ("a report released by
    the agency", "data from the survey", "a document on the campaign's website")."""
    found = [c for c in children_of(token) if c.dep_ in ("compound", "poss") and c.i < token.i]
    heads = [token] + [c for c in children_of(token) if c.dep_ in ("acl", "relcl")]
    for head in heads:
        for prep in children_of(head):
            if prep.dep_ in ("prep", "agent") and prep.lower_ in AUTHOR_PREPOSITIONS:
                for obj in children_of(prep):
                    if obj.dep_ == "pobj":
                        found.append(obj)
                        found += [c for c in children_of(obj) if c.dep_ in ("poss", "compound")]
    return found


def _introduces(token) -> bool:
    """"a drunk driver", "A 36-year-old climber": an indefinite person noun that is no
    predicate ("Rait was a climber") introduces someone new."""
    return token.dep_ not in ("attr", "appos", "conj") and not _plural_token(token) and any(
        c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in children_of(token))


def _newcomer(state: State, token, mention: Mention, lemma: str) -> str:
    """An unnamed person of the article, of the gender its noun gives ("a man")."""
    found = new_actor(state, description_name(token, mention), "anonymous", mention,
                      affiliations(state, token))
    state.entities[found].gender = GENDERED_NOUNS.get(lemma)
    return found


def _definite(token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE_WORDS
               for c in children_of(token))


def description_name(token, mention: Mention) -> str:
    """The words of an unnamed source or a group without the determiner: "senior
    administration official", "people familiar with the discussions"."""
    words = mention.text.split()
    while len(words) > 1 and words[0].lower() in DETERMINERS:
        words = words[1:]
    tail = [c for c in children_of(token) if c.i > token.i and c.lower_ in FAMILIAR]
    if tail:
        extra = [t.text for t in subtree_of(tail[0])][:6]
        words += extra
    return " ".join(words)


def affiliations(state: State, token) -> tuple[str, ...]:
    """Actors named inside an unnamed source's words ("a senior US official", "officials
    at the agency", "Russian government officials")."""
    found = []
    for inner in subtree_of(token):
        actor_id = state.at_token.get(inner.i)
        if inner.i != token.i and actor_id and actor_id not in found:
            found.append(actor_id)
    return tuple(found[:2])
