"""Merge the mentions of one article into canonical actors.

Rules: titles and roles before a personal name ("Secretary of State", "White House press
secretary") become ``Actor.roles``, not part of the name; a surname alone links to the
unique full name of the article that ends with it; the kind is voted across mentions; a
small alias table folds the most common country and alliance forms ("US", "the U.S.",
"America") into one actor. ``Actor.id`` depends only on kind and normalized canonical name,
so the same person gets the same id in every article.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ...records import Actor, Mention, stable_id
from ..mentions.lexicon import GIVEN_NAMES, HONORIFIC_GENDER
from .coref import resolve_references
from .countries import countries
from .labels import acronym, personal_names, said_of_people, taken_for_other, team_like
from .lexicon import ORGANISATION_ALIASES
from .named_after import named_after_links
from .places import Reading, read_mention
from .roles import (
    is_role_fragment,
    parse_mention,
    role_spans,
    role_words_before,
)


def _words(text: str) -> frozenset[str]:
    """A set of the whitespace-separated words of ``text`` (keeps word lists readable)."""
    return frozenset(text.split())


KIND_OF_LABEL = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place",
                 "FAC": "place", "NORP": "group"}
KIND_PRIORITY = ("person", "org", "place", "group")
#: Joins a surname and the gender its honorific gives in a group key ("obama#f").
GENDER_MARK = "#"
CONNECTORS = frozenset({"of", "the", "for", "and", "on", "to"})


def _alias_table() -> dict[str, tuple[str, str]]:
    """Normalized names of countries and international organisations -> (name, kind)."""
    table = {normalize_name(form): (name, "place" if name == "Soviet Union" else "org")
             for form, name in ORGANISATION_ALIASES.items()}
    for country in countries():
        for form in country.names:
            table.setdefault(normalize_name(form), (country.name, "place"))
    return table


#: Abbreviations written for the first word of a place or a name before another word
#: ("Mt Cook", "St Louis", "Ft Worth"): normalized to the full word.
ABBREVIATIONS = {"mt": "mount", "st": "saint", "ste": "sainte", "ft": "fort", "pt": "point",
                 "gen": "general", "mtn": "mountain"}
#: Generation suffixes that do not change which person a name means for linking.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@functools.lru_cache(maxsize=16384)
def normalize_name(name: str) -> str:
    """Lower case, no accents, no dots, plain apostrophes, one space between words, and a
    leading abbreviation spelled out ("Mt. Cook" -> "mount cook"); once per name form."""
    folded = unicodedata.normalize("NFKD", name.replace("’", "'"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    folded = re.sub(r"^the\s+", "", folded.replace(".", ""))
    words = folded.split()
    if len(words) > 1 and words[0] in ABBREVIATIONS:
        words[0] = ABBREVIATIONS[words[0]]
    return " ".join(words)


#: Normalized country and organisation names -> (canonical name, kind).
ALIASES = _alias_table()


@dataclass(slots=True)
class _Group:
    """Mentions believed to name one actor (mutable while resolving)."""

    key: str
    indexes: list[int] = field(default_factory=list)
    names: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    surfaces: list[str] = field(default_factory=list)
    alias: tuple[str, str] | None = None
    person_link: bool = False
    tokens: list[str] = field(default_factory=list)  # set when linking starts
    kind: str = ""
    countries: set[str] = field(default_factory=set)  # ISO codes it is linked to
    owners: list[int] = field(default_factory=list)  # mentions its roles belong to
    gender: str | None = None  # from an honorific ("Mr. Obama")

    def absorb(self, other: _Group) -> None:
        self.countries |= other.countries
        self.owners += other.owners
        self.indexes += other.indexes
        self.names.update(other.names)
        self.labels.update(other.labels)
        self.roles += other.roles
        self.surfaces += other.surfaces


def _group_key(name: str, label: str) -> tuple[str, tuple[str, str] | None]:
    norm = normalize_name(name)
    alias = ALIASES.get(norm)
    if alias is not None and label not in ("NORP", "PERSON"):
        return normalize_name(alias[0]), alias
    if label == "NORP" and norm.endswith("ns"):
        norm = norm[:-1]  # "Russians" and "Russian" are one group
    return norm, None


def _owner(mentions: Sequence[Mention], index: int, text: str) -> int | None:
    """The named mention a personal name's role belongs to: "Putin's adviser Yuri
    Ushakov", "Stein spokeswoman Jane Roe" (a name inside or just before the role)."""
    mention = mentions[index]
    words = role_words_before(text, mention.start)
    lo = text.rfind(words[0], 0, mention.start) if words else mention.start
    for other in range(index - 1, max(-1, index - 4), -1):
        owner = mentions[other]
        if owner.end > mention.start or owner.label not in KIND_OF_LABEL:
            continue
        gap = text[owner.end:lo]
        if owner.start >= lo or (gap in ("'s ", "’s ", "' ", "’ ") and lo - owner.end <= 3):
            return other
        break
    return None


def _honorific_gender(text: str, mention: Mention) -> str | None:
    """"m" or "f" when an honorific stands before or opens a personal name."""
    if mention.label != "PERSON":
        return None
    words = text[max(0, mention.start - 6):mention.start].split()[-1:] + mention.text.split()[:1]
    for word in words:
        gender = HONORIFIC_GENDER.get(word.casefold())
        if gender:
            return gender
    return None


def _titled(text: str, mention: Mention) -> str | None:
    """"Mr. Obama" for a surname written after an honorific (an alias that keeps the
    person's gender for the story)."""
    before = text[max(0, mention.start - 6):mention.start].split()[-1:]
    if before and HONORIFIC_GENDER.get(before[0].casefold()):
        return f"{before[0]} {mention.text}"
    return None


def _reading(mention: Mention, doc) -> Reading:
    found = read_mention(mention, doc)
    return found if found is not None else Reading(mention.text, mention.label)


def _build_groups(mentions: Sequence[Mention], text: str, doc=None
                  ) -> tuple[dict[str, _Group], list]:
    spans = role_spans(mentions, text)
    surnames, alone = personal_names(mentions)
    people = said_of_people(mentions, doc, lambda name: normalize_name(name) in ALIASES)
    groups: dict[str, _Group] = {}
    keys: list[str | None] = []
    for index, mention in enumerate(mentions):
        name, roles = parse_mention(mention, text)
        if taken_for_other(mention, surnames, alone) or mention.text in people:
            mention = replace(mention, label="PERSON")
        elif mention.label == "PERSON" and (acronym(mention.text) or team_like(
                mention.text, text)):
            mention = replace(mention, label="ORG")  # "TMZ reported": no one's name
        reading = _reading(mention, doc) if mention.label != "PERSON" else Reading(
            name, mention.label)
        fragment = mention.text not in surnames and reading.country is None and \
            is_role_fragment(mention, spans)
        if mention.label not in KIND_OF_LABEL or fragment:
            keys.append(None)
            continue
        key, alias = _group_key(reading.name, reading.label)
        if not key or reading.attribute and reading.country is None:
            keys.append(None)
            continue
        gender = _honorific_gender(text, mention)
        if gender and " " not in key:
            key = f"{key}{GENDER_MARK}{gender}"  # "Mr. Obama" and "Mrs. Obama" are two people
            titled = _titled(text, mention)
            if titled:
                groups.setdefault(key, _Group(key, alias=alias)).surfaces.append(titled)
        group = groups.setdefault(key, _Group(key, alias=alias))
        group.indexes.append(index)
        group.names[reading.name if mention.label != "PERSON" else name] += 1
        group.labels[reading.label] += 1
        group.roles += roles
        group.surfaces.append(mention.text)
        if reading.country:
            group.countries.add(reading.country)
        group.gender = group.gender or _honorific_gender(text, mention)
        owner = _owner(mentions, index, text) if roles else None
        if owner is not None:
            group.owners.append(owner)
        keys.append(key)
    return groups, keys


def vote_kind(labels: Counter) -> str:
    """The kind most mentions agree on; ties go to person, then org, place, group."""
    votes: Counter = Counter()
    for label, count in labels.items():
        votes[KIND_OF_LABEL.get(label, label)] += count
    return max(votes, key=lambda kind: (votes[kind], -_priority(kind)))


def _priority(kind: str) -> int:
    return KIND_PRIORITY.index(kind) if kind in KIND_PRIORITY else len(KIND_PRIORITY)


def name_tokens(name: str) -> list[str]:
    """The words of a normalized name without connectors or a final "Jr"/"III"."""
    tokens = [tok for tok in normalize_name(name).split() if tok not in CONNECTORS]
    if len(tokens) > 2 and tokens[-1] in NAME_SUFFIXES:
        tokens.pop()
    return tokens


def same_given_name(short: str, full: str) -> bool:
    """True when ``short`` may write the given name ``full``: the same word, its initial,
    or a clipped form of at least three letters ("Fred" of "Frederick")."""
    if short == full:
        return True
    if len(short) == 1:
        return full.startswith(short)
    return len(short) >= 3 and len(full) > len(short) and full.startswith(short)


def compatible_names(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two personal names of equal length that differ only by initials or clipped given
    names ("W Mark Felt" / "William Mark Felt"); the last word must be equal."""
    if len(a) != len(b) or len(a) < 2 or a[-1] != b[-1] or list(a) == list(b):
        return False
    return all(same_given_name(x, y) or same_given_name(y, x) for x, y in zip(a[:-1], b[:-1]))


def partial_name_of(short: Sequence[str], full: Sequence[str]) -> bool:
    """True when ``short`` is a shorter form of the personal name ``full``: the surname
    ("Putin"), or first and last name without the middle ("Mark Heller" of "Mark Jay
    Heller"), or an initial and the surname ("J Heller")."""
    if not short or len(short) >= len(full) or short[-1] != full[-1]:
        return False
    if len(short) == 1 or list(full[-len(short):]) == list(short):
        return True  # "Putin"; "Ellen Vane" of "Comedian Ellen Vane"
    return same_given_name(short[0], full[0])


def acronym_of(short_name: str, full: Sequence[str]) -> bool:
    """True for "AP" of "Associated Press": an upper-case word of the full name's initials."""
    letters = short_name.replace(".", "")
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return False
    initials = "".join(word[0] for word in full if word not in CONNECTORS and word != "a")
    return len(full) >= 2 and initials == letters.casefold()


def suffix_of(short: Sequence[str], full: Sequence[str]) -> bool:
    """True for "Red Sox" of "Boston Red Sox": two or more final words of a longer name."""
    return 2 <= len(short) < len(full) and list(full[-len(short):]) == list(short)


def last_word_of(short: Sequence[str], full_name: str) -> bool:
    """True for "Saints" of "New Orleans Saints": the one word ending a longer name with no
    connector in it ("Ruritania" is no short form of "University of Ruritania")."""
    words = normalize_name(full_name).split()
    if len(short) != 1 or len(words) < 2 or any(w in CONNECTORS for w in words):
        return False
    return words[-1] == short[0] and len(short[0]) >= 3


_GROUP_WORD = re.compile(r"(?:an|ans|ese|ish|ic|i|ch|s)$")


def _may_be_person_form(group: _Group) -> bool:
    if group.alias is not None:
        return False
    if group.labels["NORP"] and (_GROUP_WORD.search(group.key) or " " in group.key):
        return False  # a people ("Kurds", "Russian"), not a surname spaCy took for one
    others = sum(group.labels.values()) - group.labels["PERSON"]
    # spaCy's small model often tags a surname as ORG; a GPE-tagged word is trusted less
    return group.labels["PERSON"] > 0 or vote_kind(group.labels) == "org" or others <= 2


@dataclass(frozen=True, slots=True)
class _Pools:
    """The groups each test of :func:`_link_candidates` may take, in linking order (read
    once per article: a group's labels and alias do not change while linking)."""

    people: tuple[_Group, ...]  # named as a person, no alias
    marked: tuple[_Group, ...]  # with an honorific's gender in the key
    plain: tuple[_Group, ...]  # no alias, never a people's name

    @classmethod
    def of(cls, ordered: Sequence[_Group]) -> _Pools:
        return cls(tuple(g for g in ordered if g.labels["PERSON"] and g.alias is None),
                   tuple(g for g in ordered if GENDER_MARK in g.key),
                   tuple(g for g in ordered if g.alias is None and not g.labels["NORP"]))


def _link_candidates(group: _Group, pools: _Pools) -> tuple[list[_Group], bool]:
    """Longer groups ``group`` may be a short form of, and whether they are people."""
    tokens = group.tokens
    if _may_be_person_form(group):
        people = [g for g in pools.people if g is not group and len(g.tokens) > len(tokens)]
        found = [g for g in people if partial_name_of(tokens, g.tokens)]
        if not found and len(tokens) == 1 and group.labels["PERSON"]:
            found = [g for g in people if g.tokens[0] == tokens[0]]
        if GENDER_MARK not in group.key:  # "Obama" may be the "Mr. Obama" of the article
            found += [g for g in pools.marked if g.key.startswith(group.key + GENDER_MARK)]
        if found:
            return found, True
    if group.alias is not None or group.labels["PERSON"] or group.labels["NORP"]:
        return [], False
    name = max(group.names, key=group.names.__getitem__)
    return [g for g in pools.plain if g is not group
            and g.kind == group.kind and len(g.tokens) > len(tokens)
            and (acronym_of(name, g.tokens) or suffix_of(tokens, g.tokens)
                 or (g.kind == "org" and last_word_of(tokens, g.key)))], False


def _link_surnames(groups: dict[str, _Group]) -> dict[str, str]:
    """Map the key of each short-form group to the unique longer group it belongs to."""
    links: dict[str, str] = {}
    for group in groups.values():
        group.tokens = name_tokens(group.key.split(GENDER_MARK)[0])
        group.kind = vote_kind(group.labels)
    ordered = sorted(groups.values(), key=lambda g: (-len(g.tokens), g.key))
    pools = _Pools.of(ordered)
    for group in ordered:
        candidates, is_person = _link_candidates(group, pools)
        targets = {_follow(links, c.key) for c in candidates}
        targets.discard(group.key)
        if len(targets) > 1 or group.gender:
            targets = _likeliest(group, targets, groups)
        if len(targets) == 1:
            target = targets.pop()
            links[group.key] = target
            groups[target].person_link |= is_person
    return links


#: A surname fitting several full names joins the one with this many times the mentions
#: of the next ("Trump" of Donald Trump, not of Ivanka Trump, in a story about him).
ARTICLE_DOMINANCE = 2


def _likeliest(group: _Group, targets: set[str], groups: dict[str, _Group]) -> set[str]:
    """Among several full names a short name fits, those written before it (the first
    one written when the short name comes first), of the gender an honorific gives ("Mr.
    Obama"), then the one mentioned far more than the others."""
    first = min(group.indexes, default=0)
    before = {t for t in targets if min(groups[t].indexes, default=first) < first}
    if not before and len(targets) > 1:  # the short name comes first ("Trump" in a headline):
        before = {min(targets, key=lambda t: min(groups[t].indexes, default=first))}
    targets = before or targets
    if group.gender:  # "Mr. Obama" is never Michelle Obama
        targets = {t for t in targets if GIVEN_NAMES.get(
            groups[t].key.split()[0]) in (None, group.gender)}
    if len(targets) < 2:
        return targets
    ranked = sorted(targets, key=lambda t: -len(groups[t].indexes))
    most, second = (len(groups[t].indexes) for t in ranked[:2])
    return {ranked[0]} if most >= ARTICLE_DOMINANCE * max(second, 1) else targets


def _follow(links: dict[str, str], key: str) -> str:
    seen = set()
    while key in links and key not in seen:
        seen.add(key)
        key = links[key]
    return key


_PLAIN_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*[^\W\d_])?\.?")


def person_name_rank(name: str, count: int) -> tuple:
    """Sort key of a personal name for canonical use: plain names (words only, none
    repeated) first, then the longest, then the most frequent."""
    words = name.split()
    plain = all(_PLAIN_WORD.fullmatch(w) for w in words) and len(set(words)) == len(words)
    return plain, len(name_tokens(name)), count, len(name), name


def _canonical_name(group: _Group, kind: str) -> str:
    if group.alias:
        return group.alias[0]
    if kind == "person":
        return max(group.names, key=lambda n: person_name_rank(n, group.names[n]))
    sign = -1 if kind == "group" else 1  # "Russian" over "Russians", "NATO" over "Nato"
    return max(group.names, key=lambda n: (group.names[n], sign * len(n), n))


def unique(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def actor_id(kind: str, name: str) -> str:
    return stable_id("actor", kind, normalize_name(name))


def _make_actor(group: _Group, article_id: str) -> Actor:
    kind = group.alias[1] if group.alias else vote_kind(group.labels)
    if group.person_link:
        kind = "person"
    name = _canonical_name(group, kind)
    return Actor(
        id=actor_id(kind, name),
        name=name,
        kind=kind,
        aliases=unique([name, *group.names, *group.surfaces]),
        roles=unique(group.roles) if kind == "person" else (),
        mention_count=len(group.indexes),
        article_ids=(article_id,),
    )


def _add_countries(groups: dict[str, _Group]) -> None:
    """A group for every country a mention is linked to, though no mention names it."""
    by_code = {country.code: country for country in countries()}
    for code in sorted({c for g in list(groups.values()) for c in g.countries}):
        country = by_code[code]
        key = normalize_name(country.name)
        if key not in groups:
            groups[key] = _Group(key, names=Counter({country.name: 0}),
                                 labels=Counter({"GPE": 0}), alias=(country.name, "place"))


def _affiliations(group: _Group, own: str, keys: Sequence[str | None],
                  final: dict[str, str], ids: dict[str, str]) -> tuple[str, ...]:
    """Actor ids a group is linked to: its countries and the owners of its roles."""
    found = [ids[final[normalize_name(c.name)]] for c in countries()
             if c.code in group.countries] if group.countries else []
    found += [ids[final[keys[i]]] for i in group.owners if keys[i] is not None]
    return unique(a for a in found if a != own)


def _merge_links(groups: dict[str, _Group], links: dict[str, str]) -> dict[str, str]:
    """Fold linked groups into their targets; return key -> final key."""
    final = {key: _follow(links, key) for key in groups}
    for key, target in final.items():
        if key != target:
            groups[target].absorb(groups[key])
    return final


def _fold_same_actor(groups: dict[str, _Group], final: dict[str, str], article_id: str
                     ) -> tuple[dict[str, str], dict[str, Actor]]:
    """Fold final groups that come out as one actor (the same kind and canonical name,
    hence the same id) into the first of them in key order, so that an article lists each
    actor once whatever the order of its groups; return key -> final key and the actor of
    each final key."""
    made: dict[str, Actor] = {}
    first_of: dict[str, str] = {}
    into: dict[str, str] = {}
    for key in sorted(set(final.values())):
        actor = _make_actor(groups[key], article_id)
        if actor.id in first_of:
            groups[first_of[actor.id]].absorb(groups[key])
            into[key] = first_of[actor.id]
        else:
            first_of[actor.id] = key
            made[key] = actor
    for key in set(into.values()):  # a group that absorbed another: made again
        made[key] = _make_actor(groups[key], article_id)
    return {key: into.get(target, target) for key, target in final.items()}, made


def resolve_actors(
    mentions: Sequence[Mention], text: str, article_id: str, doc=None
) -> tuple[tuple[Actor, ...], tuple[Mention, ...]]:
    """Canonical actors of one article and its mentions with ``actor_id`` set.

    Mentions that name no actor (a bare title, "State" in "Secretary of State", a named
    event or law, a demonym of no country) keep ``actor_id=None``. With the parse
    ``doc``, names are read where they stand (``actors.places``) and pronouns,
    descriptions, unnamed sources and groups are resolved too (``actors.coref``).
    """
    groups, keys = _build_groups(mentions, text, doc)
    _add_countries(groups)
    links = _link_surnames(groups)
    named_after = named_after_links(groups, mentions, doc)
    for key, target in named_after.items():
        links.setdefault(key, target)
    # "Betty Ford" standing for the Betty Ford Center leaves the clinic its kind
    kinds = {target: Counter(groups[target].labels) for target in named_after.values()}
    merged = _merge_links(groups, links)
    for target, labels in kinds.items():
        groups[target].labels = labels
    final, made = _fold_same_actor(groups, merged, article_id)
    ids = {key: actor.id for key, actor in made.items()}
    actor_of_key = {key: replace(actor, affiliations=_affiliations(
        groups[key], actor.id, keys, final, ids)) for key, actor in made.items()}
    resolved = []
    for mention, key in zip(mentions, keys):
        actor = actor_of_key[final[key]] if key is not None else None
        actor_id = actor.id if actor else None
        # a mention already holding that id is kept as it is (no copy made)
        resolved.append(mention if mention.actor_id == actor_id else replace(
            mention, actor_id=actor_id))
    actors = list(actor_of_key.values())
    if doc is not None:
        actors, resolved = resolve_references(doc, actors, resolved, article_id)
    actors.sort(key=lambda a: (-a.mention_count, a.name, a.id))
    return tuple(actors), tuple(resolved)
