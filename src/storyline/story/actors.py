"""Merge the actors of several articles into the actors of one story.

Per-article actors with the same id are one story actor. Near-identical spellings of the
same kind ("Zelensky"/"Zelenskyy") are merged with rapidfuzz. A surname-only or partial
name links to the unique full personal name whose last word matches. Story actor ids are
computed like per-article ids (kind + normalized canonical name), so "Vladimir Putin" has the
same id in an article and in the story.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ..annotate.actors import (
    ALIASES,
    KIND_PRIORITY,
    acronym_of,
    actor_id,
    name_tokens,
    normalize_name,
    partial_name_of,
    person_name_rank,
    suffix_of,
    unique,
)
from ..records import Actor

#: Two single-word names at least this similar (rapidfuzz ratio, 0-100) are one actor.
SINGLE_WORD_RATIO = 90.0
#: Two multi-word personal names with the same first word and last words at least this
#: similar are one actor.
LAST_WORD_RATIO = 88.0
#: Two multi-word names of a place or organization that share their first or last word
#: and are at least this similar ("Gulf of Aden"/"Gulf of Eden") are one actor.
MULTI_WORD_RATIO = 90.0
#: A non-person short name is trusted as a mislabeled surname up to this many mentions.
MISLABELED_SURNAME_MAX = 2


@dataclass(slots=True)
class _Node:
    """All per-article actors that share one id."""

    id: str
    name: str
    kinds: Counter = field(default_factory=Counter)
    names: Counter = field(default_factory=Counter)
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mention_count: int = 0
    article_ids: list[str] = field(default_factory=list)
    kind: str = ""
    tokens: list[str] = field(default_factory=list)
    norm: str = ""

    def add(self, actor: Actor) -> None:
        weight = max(actor.mention_count, 1)
        self.kinds[actor.kind] += weight
        self.names[actor.name] += weight
        self.aliases += actor.aliases
        self.roles += actor.roles
        self.mention_count += actor.mention_count
        self.article_ids += actor.article_ids

    def finish(self) -> None:
        """Fix the voted kind and the name's words once every actor was added."""
        self.kind = _vote(self.kinds)
        self.tokens = name_tokens(self.name)
        self.norm = normalize_name(self.name)


def _vote(kinds: Counter) -> str:
    def rank(kind: str) -> tuple[int, int]:
        priority = KIND_PRIORITY.index(kind) if kind in KIND_PRIORITY else len(KIND_PRIORITY)
        return kinds[kind], -priority

    return max(kinds, key=rank)


class _UnionFind:
    def __init__(self, weights: dict[str, int]) -> None:
        self.parent = {i: i for i in weights}
        self.weights = dict(weights)

    def weight(self, item: str) -> int:
        """Total mentions of everything merged with ``item`` so far."""
        return self.weights[self.find(item)]

    def find(self, item: str) -> str:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.weights[ra] += self.weights.pop(rb)


def _collect(per_article: Sequence[tuple[Actor, ...]]) -> dict[str, _Node]:
    nodes: dict[str, _Node] = {}
    for actors in per_article:
        for actor in actors:
            nodes.setdefault(actor.id, _Node(actor.id, actor.name)).add(actor)
    for node in nodes.values():
        node.finish()
    return nodes


def same_spelling(a: str, b: str, kind: str) -> bool:
    """True when two names of one kind are near-identical spellings of the same name."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb or len(ta) != len(tb) or normalize_name(a) in ALIASES:
        return False
    if len(ta) == 1:
        return (min(len(ta[0]), len(tb[0])) >= 6 and ta[0][0] == tb[0][0]
                and fuzz.ratio(ta[0], tb[0]) >= SINGLE_WORD_RATIO)
    if kind != "person":
        same_end = ta[0] == tb[0] or ta[-1] == tb[-1]
        return same_end and fuzz.ratio(normalize_name(a), normalize_name(b)) >= MULTI_WORD_RATIO
    return ta[:-1] == tb[:-1] and fuzz.ratio(ta[-1], tb[-1]) >= LAST_WORD_RATIO


def _spelling_keys(node: _Node) -> list[tuple]:
    """Buckets in which a near-identical spelling of ``node`` can only lie."""
    tokens, kind = node.tokens, node.kind
    if len(tokens) == 1:
        return [(kind, 1, tokens[0][:1])]
    if kind == "person":
        return [(kind, len(tokens), tuple(tokens[:-1]))]
    return [(kind, len(tokens), "first", tokens[0]), (kind, len(tokens), "last", tokens[-1])]


def _merge_spellings(nodes: dict[str, _Node], sets: _UnionFind) -> None:
    """Union actors with the same name under another kind, or a near-identical spelling."""
    items = sorted(nodes.values(), key=lambda n: n.id)
    by_name: dict[str, str] = {}
    buckets: dict[tuple, list[_Node]] = {}
    for node in items:
        if node.kind != "group":
            sets.union(by_name.setdefault(node.norm, node.id), node.id)
        for key in _spelling_keys(node):
            buckets.setdefault(key, []).append(node)
    for bucket in buckets.values():
        for i, first in enumerate(bucket):
            for second in bucket[i + 1:]:
                if same_spelling(first.name, second.name, first.kind):
                    sets.union(first.id, second.id)


class _Index:
    """Lookups of longer names by their last word, first word and initials."""

    def __init__(self, nodes: Sequence[_Node]) -> None:
        self.by_last: dict[str, list[_Node]] = {}
        self.by_first: dict[str, list[_Node]] = {}
        self.orgs: dict[tuple[str, str], list[_Node]] = {}
        for node in nodes:
            if len(node.tokens) < 2:
                continue
            if node.kind == "person":
                self.by_last.setdefault(node.tokens[-1], []).append(node)
                self.by_first.setdefault(node.tokens[0], []).append(node)
            else:
                initials = "".join(w[0] for w in node.tokens if w != "a")
                self.orgs.setdefault((node.kind, node.tokens[-1]), []).append(node)
                self.orgs.setdefault((node.kind, "#" + initials), []).append(node)
        self.last_words = sorted(self.by_last)

    def people(self, node: _Node) -> list[_Node]:
        """Longer personal names ``node`` may be a short form of."""
        short = node.tokens
        found = [p for p in self.by_last.get(short[-1], []) if partial_name_of(short, p.tokens)]
        if not found and len(short) == 1 and node.kind == "person":
            found = list(self.by_first.get(short[0], []))
        if not found and len(short) == 1 and len(short[0]) >= 6:
            near = process.extract(short[0], self.last_words, scorer=fuzz.ratio, limit=None,
                                   score_cutoff=SINGLE_WORD_RATIO)
            found = [p for word, _, _ in near if len(word) >= 6 for p in self.by_last[word]]
        return found

    def organizations(self, node: _Node) -> list[_Node]:
        """Longer names of the same kind that ``node`` abbreviates or ends."""
        suffixes = [n for n in self.orgs.get((node.kind, node.tokens[-1]), [])
                    if suffix_of(node.tokens, n.tokens)]
        acronyms = [n for n in self.orgs.get((node.kind, "#" + node.norm), [])
                    if acronym_of(node.name, n.tokens)]
        return suffixes + acronyms


def _may_be_person_form(node: _Node) -> bool:
    return node.norm not in ALIASES and not node.kinds["group"]


def _candidates(node: _Node, index: _Index, sets: _UnionFind) -> tuple[list[_Node], bool]:
    """Longer names ``node`` is a short form of, and whether they are people. A short name
    voted another kind joins a person only when it is rare, or rarer than that person."""
    if _may_be_person_form(node):
        found = index.people(node)
        if node.kind != "person" and node.mention_count > MISLABELED_SURNAME_MAX:
            found = [p for p in found if 2 * node.mention_count < sets.weight(p.id)]
        if found:
            return found, True
    if node.kind in {"org", "place"} and node.norm not in ALIASES:
        return index.organizations(node), False
    return [], False


def _link_surnames(nodes: dict[str, _Node], sets: _UnionFind) -> set[str]:
    """Union each short form with the unique longer name it belongs to; return the roots
    that a personal short form joined (those are people)."""
    ordered = sorted(nodes.values(), key=lambda n: (-len(n.tokens), n.id))
    index = _Index(ordered)
    person_roots: set[str] = set()
    for node in ordered:
        if not node.tokens:
            continue
        found, is_person = _candidates(node, index, sets)
        roots = {sets.find(f.id) for f in found if f.id != node.id} - {sets.find(node.id)}
        if len(roots) == 1:
            root = roots.pop()
            sets.union(root, node.id)
            if is_person:
                person_roots.add(root)
    return {sets.find(r) for r in person_roots}


def _story_actor(members: list[_Node], is_person: bool) -> Actor:
    kinds: Counter = Counter()
    names: Counter = Counter()
    for node in members:
        kinds.update(node.kinds)
        names.update(node.names)
    kind = "person" if is_person else _vote(kinds)
    if kind == "person":
        name = max(names, key=lambda n: person_name_rank(n, names[n]))
    else:
        name = max(names, key=lambda n: (names[n], len(n), n))
    return Actor(
        id=actor_id(kind, name),
        name=name,
        kind=kind,
        aliases=unique([name, *(a for node in members for a in node.aliases)]),
        roles=unique(r for node in members for r in node.roles) if kind == "person" else (),
        mention_count=sum(node.mention_count for node in members),
        article_ids=unique(a for node in members for a in node.article_ids),
    )


def merge_actors(
    per_article: Sequence[tuple[Actor, ...]],
) -> tuple[tuple[Actor, ...], dict[str, str]]:
    """Story actors, and a map from every per-article actor id to its story actor id."""
    nodes = _collect(per_article)
    sets = _UnionFind({node_id: node.mention_count for node_id, node in nodes.items()})
    _merge_spellings(nodes, sets)
    person_roots = _link_surnames(nodes, sets)
    members: dict[str, list[_Node]] = {}
    for node_id, node in nodes.items():
        members.setdefault(sets.find(node_id), []).append(node)
    story_ids: dict[str, str] = {}
    actors = []
    for root, group in members.items():
        actor = _story_actor(group, root in person_roots)
        actors.append(actor)
        for node in group:
            story_ids[node.id] = actor.id
    actors.sort(key=lambda a: (-a.mention_count, a.name))
    return tuple(actors), story_ids
