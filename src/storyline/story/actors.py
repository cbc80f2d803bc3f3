"""Merge the actors of several articles into the actors of one story.

Per-article actors with the same id are one story actor. Near-identical spellings of the
same kind ("Zelensky"/"Zelenskyy", "Klitschko"/"Klistchko"), or names that differ by initials or a clipped given
name ("W. Mark Felt"/"William Mark Felt"), are merged. A surname-only or partial name links
to the unique full personal name whose last word matches, to one that has five times
the mentions of all other candidates together, or to the one an article also wrote with
the same title ("Deputy Ortiz"). A short given name joins the story's one person with the
full one ("Mo Cheeks"/"Maurice Cheeks", "Katie"/"Kathryn"), a long given name misspelled
joins ("Jerymayne"/"Jermayne"), a nickname clipping a given name and a surname joins that
person ("LiLo"/"Lindsay Lohan"), and an actor joins the one other actor of its kind whose
longer name an article wrote for it ("Kansas City Chiefs" for "Kansas City"). Short forms of places and organizations link
to the unique longer name: final words ("Red Sox", "Saints" of "New Orleans Saints"),
initials ("AP"), the part before "of" ("Academy"), the name without a generic last word
("Qeshm" of "Qeshm Island"). Story actor ids are
computed like per-article ids (kind + normalized canonical name), so "Vladimir Putin" has the
same id in an article and in the story.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from ..annotate.actors.resolve import (
    ALIASES,
    KIND_PRIORITY,
    acronym_of,
    actor_id,
    compatible_names,
    last_word_of,
    name_tokens,
    normalize_name,
    partial_name_of,
    person_name_rank,
    suffix_of,
    unique,
)
from ..annotate.mentions.lexicon import GIVEN_NAMES, HONORIFIC_GENDER
from ..pipeline import Stage
from ..records import Actor, Annotation
from .actor_lexicon import GENERIC_TAILS, GROUP_WORD, PLACE_HEADS, SHORT_GIVEN_NAMES
from .nicknames import clipped_parts, clips

#: Two single-word names at least this similar (rapidfuzz ratio, 0-100) are one actor.
SINGLE_WORD_RATIO = 90.0
#: Words less similar than this are never two spellings of one word, swapped letters or not.
NEAR_RATIO = 75.0
#: Two multi-word personal names with the same first word and last words at least this
#: similar are one actor.
LAST_WORD_RATIO = 88.0
#: Two multi-word names of a place or organization that share their first or last word
#: and are at least this similar ("Gulf of Aden"/"Gulf of Eden") are one actor.
MULTI_WORD_RATIO = 90.0
#: A given name of at least this many letters may be misspelled ("Jerymayne"); shorter
#: ones that look alike are often other names ("Mark"/"Mary").
LONG_GIVEN_NAME = 7
#: A non-person short name is trusted as a mislabeled surname up to this many mentions.
MISLABELED_SURNAME_MAX = 2
#: A short name that fits several longer names joins the one with at least this many times
#: the mentions of all the others together ("Felt" to "Mark Felt", not to his daughter).
DOMINANT_SHARE = 5


def head_of(short_name: str, full_name: str) -> bool:
    """True when ``short_name`` is what a name with "of" is called for short: the words
    before "of" ("Academy" of "Academy of Arts"), or the name after a place word ("Palmer"
    of "City of Palmer")."""
    short, full = normalize_name(short_name), normalize_name(full_name)
    head, of, tail = full.partition(" of ")
    if not of or not short or short == full:
        return False
    return short == head or (head in PLACE_HEADS and short == tail)




def generic_tail_of(short: Sequence[str], full: Sequence[str]) -> bool:
    """True when ``full`` is ``short`` and one generic last word ("Qeshm Island")."""
    return len(full) == len(short) + 1 and list(full[:-1]) == list(short) and (
        full[-1] in GENERIC_TAILS)


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
    affiliations: list[str] = field(default_factory=list)
    kind: str = ""
    tokens: list[str] = field(default_factory=list)
    norm: str = ""
    forms: frozenset[str] = frozenset()  # every name an article wrote for it, normalized

    def add(self, actor: Actor) -> None:
        weight = max(actor.mention_count, 1)
        self.kinds[actor.kind] += weight
        self.names[actor.name] += weight
        self.aliases += actor.aliases
        self.roles += actor.roles
        self.mention_count += actor.mention_count
        self.article_ids += actor.article_ids
        self.affiliations += actor.affiliations

    def finish(self) -> None:
        """Fix the voted kind and the name's words once every actor was added."""
        self.kind = _vote(self.kinds)
        self.tokens = name_tokens(self.name)
        self.norm = normalize_name(self.name)
        self.forms = frozenset(normalize_name(a) for a in self.aliases)


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
        return min(len(ta[0]), len(tb[0])) >= 6 and near_spelling(ta[0], tb[0])
    if kind != "person":
        same_end = ta[0] == tb[0] or ta[-1] == tb[-1]
        return same_end and fuzz.ratio(normalize_name(a), normalize_name(b)) >= MULTI_WORD_RATIO
    if compatible_names(ta, tb):
        return True
    if ta[:-1] == tb[:-1] and fuzz.ratio(ta[-1], tb[-1]) >= LAST_WORD_RATIO:
        return True
    return ta[1:] == tb[1:] and same_long_word(ta[0], tb[0])


def swapped_letters(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with two neighbouring letters swapped ("Klistchko")."""
    return OSA.distance(a, b) == 1 and Levenshtein.distance(a, b) == 2


def near_spelling(a: str, b: str) -> bool:
    """Two spellings of one word: the same first letter and a ratio of at least
    ``SINGLE_WORD_RATIO``, or two neighbouring letters swapped."""
    return a[:1] == b[:1] and (fuzz.ratio(a, b) >= SINGLE_WORD_RATIO or swapped_letters(a, b))


def same_long_word(a: str, b: str) -> bool:
    """True for two spellings of one long given name ("Jermayne"/"Jerymayne")."""
    return (min(len(a), len(b)) >= LONG_GIVEN_NAME and a[0] == b[0]
            and fuzz.ratio(a, b) >= SINGLE_WORD_RATIO)


def _spelling_keys(node: _Node) -> list[tuple]:
    """Buckets in which a near-identical spelling of ``node`` can only lie."""
    tokens, kind = node.tokens, node.kind
    if not tokens:
        return []
    if len(tokens) == 1:
        return [(kind, 1, tokens[0][:1])]
    if kind == "person":
        return [(kind, len(tokens), tuple(tokens[:-1])), (kind, len(tokens), "last", tokens[-1])]
    return [(kind, len(tokens), "first", tokens[0]), (kind, len(tokens), "last", tokens[-1])]


def _merge_spellings(nodes: dict[str, _Node], sets: _UnionFind) -> None:
    """Union actors with the same name under another kind, or a near-identical spelling."""
    items = sorted(nodes.values(), key=lambda n: n.id)
    by_name: dict[str, str] = {}
    buckets: dict[tuple, list[_Node]] = {}
    for node in items:
        if node.kind == "anonymous":
            continue  # an unnamed source is nobody else, however it is described
        if node.kind != "group":
            sets.union(by_name.setdefault(node.norm, node.id), node.id)
        for key in _spelling_keys(node):
            buckets.setdefault(key, []).append(node)
    for bucket in buckets.values():
        for i, first in enumerate(bucket):
            for second in bucket[i + 1:]:
                if same_spelling(first.name, second.name, first.kind):
                    sets.union(first.id, second.id)


def given_name_forms(word: str) -> frozenset[str]:
    """The given name ``word`` and the full names it is a short form of ("mo": maurice)."""
    return frozenset({word, *SHORT_GIVEN_NAMES.get(word, "").split()})


def short_given_name_of(a: Sequence[str], b: Sequence[str]) -> bool:
    """True when two personal names differ only in a given name that is a short form of the
    other ("Mo Cheeks"/"Maurice Cheeks") or that both stand for ("Betty"/"Bettie")."""
    if len(a) != len(b) or len(a) < 2 or list(a[1:]) != list(b[1:]) or a[0] == b[0]:
        return False
    return bool(given_name_forms(a[0]) & given_name_forms(b[0]))


def _link_short_given_names(nodes: dict[str, _Node], sets: _UnionFind) -> None:
    """Union a personal name with the story's one person whose given name it writes in
    another form; several such people leave it alone ("Kate" of Katherine or Kathleen).
    A name with a short given name taken for a place or an organization ("Mo Cheeks") joins
    too when it is rare, or rarer than that person."""
    people: dict[tuple[int, str], list[_Node]] = {}
    for node in nodes.values():
        if node.kind == "person" and len(node.tokens) >= 2:
            people.setdefault((len(node.tokens), node.tokens[-1]), []).append(node)
    for node in sorted(nodes.values(), key=lambda n: n.id):
        group = people.get((len(node.tokens), node.tokens[-1] if node.tokens else ""), [])
        if not group or node.tokens[0] not in SHORT_GIVEN_NAMES or node.kind not in {
                "person", "org", "place"}:
            continue  # only the short form looks for its full name, never the other way
        roots = {sets.find(p.id) for p in group
                 if short_given_name_of(node.tokens, p.tokens)} - {sets.find(node.id)}
        if len(roots) != 1:
            continue
        root = roots.pop()
        rare = node.mention_count <= MISLABELED_SURNAME_MAX or (
            2 * node.mention_count < sets.weight(root))
        if node.kind == "person" or rare:
            sets.union(root, node.id)


def _link_clipped_names(nodes: dict[str, _Node], sets: _UnionFind) -> None:
    """Union a one-word nickname with the story's one person whose given name and surname
    it clips ("LiLo": Lindsay Lohan)."""
    people = [n for n in nodes.values() if n.kind == "person" and len(n.tokens) == 2]
    for node in sorted(nodes.values(), key=lambda n: n.id):
        if node.kind in {"anonymous", "group"} or " " in node.name:
            continue
        parts = clipped_parts(node.name)  # once per name: most names clip nothing
        if parts is None:
            continue
        roots = {sets.find(p.id) for p in people if clips(parts, p.tokens)}
        if len(roots) == 1:
            sets.union(roots.pop(), node.id)


def _link_written_names(nodes: dict[str, _Node], sets: _UnionFind) -> None:
    """Union an actor with the one other actor of its kind whose name of two words or more
    an article wrote for it ("Kansas City Chiefs" among the forms of "Kansas City")."""
    by_name: dict[tuple[str, str], list[_Node]] = {}
    for node in nodes.values():
        if node.kind not in {"anonymous", "group"} and len(node.tokens) >= 2:
            by_name.setdefault((node.kind, node.norm), []).append(node)
    for node in sorted(nodes.values(), key=lambda n: n.id):
        if node.kind in {"anonymous", "group"}:
            continue
        written = node.forms - {node.norm}
        roots = {sets.find(other.id) for name in written
                 for other in by_name.get((node.kind, name), [])} - {sets.find(node.id)}
        if len(roots) == 1:
            sets.union(roots.pop(), node.id)


class _Index:
    """Lookups of longer names by their last word, first word and initials."""

    def __init__(self, nodes: Sequence[_Node]) -> None:
        self.by_last: dict[str, list[_Node]] = {}
        self.by_first: dict[str, list[_Node]] = {}
        self.orgs: dict[tuple[str, str], list[_Node]] = {}
        self.named: dict[str, list[_Node]] = {}
        self.with_of: dict[tuple[str, str], list[_Node]] = {}
        self.with_tail: dict[str, list[_Node]] = {}
        for node in nodes:
            if len(node.tokens) < 2 or node.kind == "anonymous":
                continue
            if node.kind == "person":
                self.by_last.setdefault(node.tokens[-1], []).append(node)
                self.by_first.setdefault(node.tokens[0], []).append(node)
            else:
                initials = "".join(w[0] for w in node.tokens if w != "a")
                self.orgs.setdefault((node.kind, node.tokens[-1]), []).append(node)
                self.orgs.setdefault((node.kind, "#" + initials), []).append(node)
                self.named.setdefault(node.tokens[-1], []).append(node)
                if node.tokens[-1] in GENERIC_TAILS:
                    self.with_tail.setdefault(" ".join(node.tokens[:-1]), []).append(node)
                head, of, tail = node.norm.partition(" of ")
                for part in (head, tail) if of else ():
                    self.with_of.setdefault((node.kind, part), []).append(node)
        self.last_words = sorted(self.by_last)

    def people(self, node: _Node) -> list[_Node]:
        """Longer personal names ``node`` may be a short form of."""
        short = node.tokens
        found = [p for p in self.by_last.get(short[-1], []) if partial_name_of(short, p.tokens)]
        if not found and len(short) == 1 and node.kind == "person":
            found = list(self.by_first.get(short[0], []))
        if not found and len(short) == 1 and len(short[0]) >= 6:
            near = process.extract(short[0], self.last_words, scorer=fuzz.ratio, limit=None,
                                   score_cutoff=NEAR_RATIO)
            found = [p for word, _, _ in near if len(word) >= 6
                     and near_spelling(short[0], word) for p in self.by_last[word]]
        return found

    def organizations(self, node: _Node) -> list[_Node]:
        """Longer names of the same kind that ``node`` abbreviates or ends."""
        suffixes = [n for n in self.orgs.get((node.kind, node.tokens[-1]), [])
                    if suffix_of(node.tokens, n.tokens)]
        acronyms = [n for n in self.orgs.get((node.kind, "#" + node.norm), [])
                    if acronym_of(node.name, n.tokens)]
        heads = [n for n in self.with_of.get((node.kind, node.norm), [])
                 if head_of(node.name, n.name)]
        return suffixes + acronyms + heads + self.tails(node, node.kind) + self.teams(node)

    def tails(self, node: _Node, kind: str) -> list[_Node]:
        """Names of ``kind`` that are ``node``'s name and a generic last word."""
        return [n for n in self.with_tail.get(" ".join(node.tokens), [])
                if n.kind == kind and generic_tail_of(node.tokens, n.tokens)]

    def teams(self, node: _Node) -> list[_Node]:
        """Longer organization names ending in the one word ``node`` ("Saints" of "New
        Orleans Saints"); a plural word taken for a person or a group may be a team name
        (never a place: "Texas" is no short form of "West Texas")."""
        plural_name = node.kind in {"person", "group"} and node.norm.endswith("s")
        if len(node.tokens) != 1 or not (node.kind == "org" or plural_name):
            return []
        kinds = {"org"} if node.kind == "org" else {"org", "place"}
        return [n for n in self.named.get(node.tokens[0], [])
                if n.kind in kinds and last_word_of(node.tokens, n.name)]

    def surname_of(self, node: _Node) -> list[_Node]:
        """Longer personal names whose last word is exactly ``node``'s one word."""
        if len(node.tokens) != 1:
            return []
        return list(self.by_last.get(node.tokens[0], []))


def _may_be_person_form(node: _Node) -> bool:
    """Not a country alias nor a word for a people; a surname spaCy tagged as a group
    ("Klitschko" as NORP) still may be one."""
    if node.norm in ALIASES:
        return False
    return not node.kinds["group"] or not (GROUP_WORD.search(node.norm) or " " in node.norm)


def _honorific(node: _Node) -> str | None:
    """The gender an alias with an honorific gives ("Mr. Obama": m), if any."""
    for alias in node.aliases:
        first = alias.split()[0].casefold() if alias.split() else ""
        if first in HONORIFIC_GENDER and len(alias.split()) == 2:
            return HONORIFIC_GENDER[first]
    return None


def _same_gender(short: _Node, full: _Node) -> bool:
    """A surname with an honorific joins no full name of the other gender."""
    gender = _honorific(short)
    given = GIVEN_NAMES.get(full.tokens[0]) if full.tokens else None
    return gender is None or given in (None, gender)


def _candidates(node: _Node, index: _Index, sets: _UnionFind) -> tuple[list[_Node], bool]:
    """Longer names ``node`` is a short form of, and whether they are people. A short name
    voted a place or an organization joins a person only when it is rare, or rarer than
    that person; one voted a group ("Klitschko" taken for a people) may always join, and
    even a word that looks like a people's name when it is rare and a surname matches."""
    if _may_be_person_form(node):
        found = [p for p in index.people(node) if _same_gender(node, p)]
        if node.kind in {"org", "place"} and node.mention_count > MISLABELED_SURNAME_MAX:
            found = [p for p in found if 2 * node.mention_count < sets.weight(p.id)]
        if found:
            return found, True
    if node.norm in ALIASES:
        return [], False
    if node.kind == "group" and node.mention_count <= MISLABELED_SURNAME_MAX:
        found = index.surname_of(node)  # a rare "Ketsoyan" taken for a people
        if found:
            return found, True
    if node.kind in {"org", "place"}:
        return index.organizations(node), False
    if node.kind == "group":
        return index.teams(node) + index.tails(node, "place"), False
    # a one-word name taken for a person that fits no person: "Vellcorp" of "Vellcorp Inc."
    return index.teams(node) + index.tails(node, "org") + index.tails(node, "place"), False


def _link_surnames(nodes: dict[str, _Node], sets: _UnionFind) -> set[str]:
    """Union each short form with the unique longer name it belongs to; return the roots
    that a personal short form joined (those are people)."""
    ordered = sorted(nodes.values(), key=lambda n: (-len(n.tokens), n.id))
    index = _Index(ordered)
    person_roots: set[str] = set()
    called = _called_by_one_word(ordered)
    for node in ordered:
        if not node.tokens or node.kind == "anonymous":
            continue
        found, is_person = _candidates(node, index, sets)
        roots = {sets.find(f.id) for f in found if f.id != node.id} - {sets.find(node.id)}
        same_surname = is_person and all(f.tokens[-1] == node.tokens[-1] for f in found)
        root = None
        if same_surname:
            root = (_dominant(roots, sets) or _titled_alike(node, found, sets)
                    or _called_by_surname(node, roots, sets, called))
        if len(roots) == 1 or root:
            root = root or roots.pop()
            sets.union(root, node.id)
            if is_person:
                person_roots.add(root)
    return {sets.find(r) for r in person_roots}


def _called_by_one_word(nodes: Sequence[_Node]) -> dict[str, list[tuple[_Node, int]]]:
    """Per one-word form: the actors an article wrote with it, and in how many articles."""
    called: dict[str, list[tuple[_Node, int]]] = {}
    for node in nodes:
        if node.kind == "anonymous":
            continue
        forms = Counter(normalize_name(a) for a in node.aliases)
        for form, articles in forms.items():
            if form and " " not in form:
                called.setdefault(form, []).append((node, articles))
    return called


def _called_by_surname(node: _Node, roots: set[str], sets: _UnionFind,
                       called: dict[str, list[tuple[_Node, int]]]) -> str | None:
    """Of several people with ``node``'s one word as surname, the one that articles call by
    the surname alone ``DOMINANT_SHARE`` times as often as all others together (and in two
    articles at least): "Gigante" is the brother the story calls "Gigante"."""
    if len(node.tokens) != 1 or len(roots) < 2:
        return None
    articles: Counter = Counter()
    for other, count in called.get(node.norm, []):
        root = sets.find(other.id)
        if root in roots:
            articles[root] += count
    best = max(sorted(roots), key=lambda r: articles[r])
    rest = sum(articles[r] for r in roots if r != best)
    return best if articles[best] >= max(2, DOMINANT_SHARE * rest) else None


def _titled_alike(node: _Node, found: Sequence[_Node], sets: _UnionFind) -> str | None:
    """The root of the one longer name that an article also wrote as ``node`` is written
    with a title ("Deputy Ortiz" in both articles), if exactly one."""
    written = {a for a in node.forms - {node.norm} if len(a.split()) >= 2}
    roots = {sets.find(f.id) for f in found if written & f.forms} - {sets.find(node.id)}
    return roots.pop() if len(roots) == 1 else None


def _dominant(roots: set[str], sets: _UnionFind) -> str | None:
    """The root with ``DOMINANT_SHARE`` times the mentions of all other roots, if any."""
    if len(roots) < 2:
        return None
    best = max(sorted(roots), key=sets.weight)
    rest = sum(sets.weight(r) for r in roots if r != best)
    return best if sets.weight(best) >= DOMINANT_SHARE * rest else None


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
    own_id = members[0].id if kind == "anonymous" else actor_id(kind, name)
    return Actor(
        id=own_id,
        name=name,
        kind=kind,
        aliases=unique([name, *(a for node in members for a in node.aliases)]),
        roles=unique(r for node in members for r in node.roles) if kind == "person" else (),
        mention_count=sum(node.mention_count for node in members),
        article_ids=unique(a for node in members for a in node.article_ids),
        affiliations=unique(a for node in members for a in node.affiliations),
    )


def merge_actors(
    per_article: Sequence[tuple[Actor, ...]],
) -> tuple[tuple[Actor, ...], dict[str, str]]:
    """Story actors, and a map from every per-article actor id to its story actor id.
    An actor's affiliations point at story actors too."""
    nodes = _collect(per_article)
    sets = _UnionFind({node_id: node.mention_count for node_id, node in nodes.items()})
    _merge_spellings(nodes, sets)
    _link_short_given_names(nodes, sets)
    _link_clipped_names(nodes, sets)
    _link_written_names(nodes, sets)
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
    actors = [replace(a, affiliations=unique(story_ids.get(x, x) for x in a.affiliations
                                             if story_ids.get(x, x) != a.id)) for a in actors]
    actors.sort(key=lambda a: (-a.mention_count, a.name))
    return tuple(actors), story_ids


#: Weights of what an actor does in a story, for its salience: each quote or claim it is
#: given, each event it is the source of, each it is the target of, each mention.
SAID_WEIGHT = 3.0
DID_WEIGHT = 2.0
TARGET_WEIGHT = 1.0
MENTION_WEIGHT = 1.0


def _activity(sources: Sequence[Annotation]) -> Counter:
    """Per article actor id: how much it says and does (see the weights)."""
    score: Counter = Counter()
    for annotation in sources:
        for link in annotation.links:
            if link.actor_id:
                score[link.actor_id] += SAID_WEIGHT
        for event in annotation.events:
            if event.source_actor_id:
                score[event.source_actor_id] += DID_WEIGHT
            if event.target_actor_id:
                score[event.target_actor_id] += TARGET_WEIGHT
    return score


def rank_actors(actors: Sequence[Actor], actor_map: dict[str, str],
                activity: Counter) -> tuple[Actor, ...]:
    """Actors with their salience (mentions, quotes and claims, events), most salient
    first: the order a reader would list them in."""
    story_score: Counter = Counter()
    for article_actor, score in activity.items():
        story_score[actor_map.get(article_actor, article_actor)] += score
    ranked = [replace(a, salience=round(MENTION_WEIGHT * a.mention_count + story_score[a.id], 2))
              for a in actors]
    return tuple(sorted(ranked, key=lambda a: (-a.salience, -a.mention_count, a.name)))


def merge_story_actors(sources: Sequence[Annotation]) -> tuple[tuple[Actor, ...], dict[str, str]]:
    actors, actor_map = merge_actors([a.actors for a in sources])
    return rank_actors(actors, actor_map, _activity(sources)), actor_map


STAGE = Stage("actors", "story-actors-5", requires=("sources",),
              produces=("actors", "actor_map"), run=merge_story_actors,
              lexicon="storyline.story.actor_lexicon",
              doc="per-article actors merged into story actors (spellings, surnames; unnamed "
                  "sources never merged), ranked by how much each does and says")
