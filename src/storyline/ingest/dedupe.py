"""Link exact and near-duplicate articles; never drop one.

Exact duplicates share a content hash. Near duplicates are found with MinHash LSH over word
shingles (``shingle_size`` words): two articles are candidates when one of their LSH bands
is equal (datasketch's band layout for the threshold and ``num_perm``), and are linked when
the MinHash Jaccard estimate reaches ``near_duplicate_threshold``. Linking is transitive.
Within a group of linked articles the original is the earliest published (undated last),
ties broken by the smallest id; every other member maps to it.

``find_duplicates`` links a list in memory. The store keeps every article's signature and
band keys (``signature_of``), so that linking one new article costs a few indexed look-ups
whatever the store holds: see ``services.link_duplicates``.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..config import IngestSettings
from ..records import Article

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Signature:
    """An article's MinHash values (uint32, little endian) and its LSH band keys."""

    values: bytes
    band_keys: tuple[str, ...]


def shingles(text: str, size: int) -> set[str]:
    """Word n-grams of ``text`` (case-folded); a short text is one shingle."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def _minhash(text: str, settings: IngestSettings) -> MinHash:
    signature = MinHash(num_perm=settings.num_perm, seed=1)
    signature.update_batch([s.encode("utf-8") for s in sorted(shingles(text,
                                                                      settings.shingle_size))])
    return signature


@lru_cache(maxsize=16)
def band_ranges(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    """The (start, end) hash-value ranges of the LSH bands datasketch picks for these."""
    lsh = MinHashLSH(threshold=min(max(threshold, 0.0), 1.0), num_perm=num_perm)
    return tuple((i * lsh.r, (i + 1) * lsh.r) for i in range(lsh.b))


def params_key(settings: IngestSettings) -> str:
    """The settings a stored signature depends on; another value means: compute again."""
    return f"v1/{settings.num_perm}/{settings.shingle_size}/{settings.near_duplicate_threshold}"


def signature_of(text: str, settings: IngestSettings) -> Signature:
    values = _minhash(text, settings).hashvalues.astype("<u4")
    keys = []
    for index, (start, end) in enumerate(band_ranges(settings.near_duplicate_threshold,
                                                     settings.num_perm)):
        digest = hashlib.blake2b(values[start:end].tobytes(), digest_size=10).hexdigest()
        keys.append(f"{index}:{digest}")
    return Signature(values.tobytes(), tuple(keys))


def similarity(a: bytes, b: bytes) -> float:
    """The MinHash Jaccard estimate: the share of equal hash values."""
    left, right = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    if len(left) != len(right) or not len(left):
        return 0.0
    return float(np.count_nonzero(left == right)) / len(left)


def original_key(article_id: str, published: str | None) -> tuple[bool, str, str]:
    """Sort key of a group's original: dated before undated, earliest first, then id."""
    return (published is None, published or "", article_id)


class _Groups:
    """Union-find over ids."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, item: str) -> str:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article to link: its id, content hash and signature."""

    id: str
    content_hash: str
    signature: Signature


@dataclass(frozen=True, slots=True)
class Indexed:
    """What the store knows of the already indexed articles near a batch of new ones.

    Indexed articles are seen by duplicate group (a group is named by its original's id):
    ``by_key`` gives, for each band key, the groups holding it and one member holding it;
    ``members`` lists all the members of a group holding any of some keys (asked only when
    no such representative is near enough)."""

    by_key: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    by_hash: Mapping[str, Sequence[str]] = field(default_factory=dict)  # hash -> groups
    signatures: Callable[[Sequence[str]], Mapping[str, bytes]] = lambda _ids: {}
    members: Callable[[str, Sequence[str]], Sequence[str]] = lambda _group, _keys: ()


SIGNATURE_BATCH = 256


def _close(article: NewArticle, values: bytes | None, threshold: float) -> bool:
    return values is not None and similarity(article.signature.values, values) >= threshold


def _any_close(article: NewArticle, ids: Sequence[str], indexed: Indexed,
               threshold: float) -> bool:
    for start in range(0, len(ids), SIGNATURE_BATCH):
        chunk = ids[start:start + SIGNATURE_BATCH]
        values = indexed.signatures(chunk)
        if any(_close(article, values.get(i), threshold) for i in chunk):
            return True
    return False


def _near_group(article: NewArticle, group: str, indexed: Indexed, threshold: float) -> bool:
    """Whether ``article`` is near a member of ``group`` that shares one of its band keys:
    the group's representatives of those keys first, then (only when none is near enough)
    every member holding one of them."""
    keys = article.signature.band_keys
    tried = sorted({indexed.by_key[k][group] for k in keys if group in indexed.by_key.get(k, {})})
    if _any_close(article, tried, indexed, threshold):
        return True
    others = [m for m in indexed.members(group, keys) if m not in set(tried)]
    return _any_close(article, others, indexed, threshold)


def _link_indexed(article: NewArticle, indexed: Indexed, groups: _Groups,
                  threshold: float) -> None:
    """Join ``article`` to the indexed groups it duplicates; a group already joined is not
    compared again, so a large group costs one comparison."""
    for group in indexed.by_hash.get(article.content_hash, ()):
        groups.union(article.id, group)
    shared = Counter(g for key in article.signature.band_keys
                     for g in indexed.by_key.get(key, {}))
    for group in sorted(shared, key=lambda g: (-shared[g], g)):
        if groups.find(group) != groups.find(article.id) and \
                _near_group(article, group, indexed, threshold):
            groups.union(article.id, group)


def join_groups(new: Sequence[NewArticle], indexed: Indexed, threshold: float
                ) -> list[set[str]]:
    """The duplicate groups the ``new`` articles form with each other and with the indexed
    groups: sets of new ids and indexed groups' original ids. Two articles are linked when
    their content hashes are equal, or when they share a band key and their signatures
    agree on at least ``threshold``; linking is transitive."""
    known = {g for found in indexed.by_key.values() for g in found}
    known |= {g for found in indexed.by_hash.values() for g in found}
    groups = _Groups([a.id for a in new] + sorted(known))
    buckets: dict[str, list[NewArticle]] = {}
    first_by_hash: dict[str, str] = {}
    for article in new:
        _link_indexed(article, indexed, groups, threshold)
        groups.union(article.id, first_by_hash.setdefault(article.content_hash, article.id))
        local = {o.id: o for key in article.signature.band_keys for o in buckets.get(key, ())}
        for other in sorted(local):
            if groups.find(other) != groups.find(article.id) and \
                    _close(article, local[other].signature.values, threshold):
                groups.union(article.id, other)
        for key in article.signature.band_keys:
            buckets.setdefault(key, []).append(article)
    found: dict[str, set[str]] = {groups.find(a.id): set() for a in new}
    for node in groups.parent:
        if groups.find(node) in found:
            found[groups.find(node)].add(node)
    return list(found.values())


def links_for_group(members: Iterable[tuple[str, str | None, str | None]]
                    ) -> dict[str, str | None]:
    """The ``duplicate_of`` changes that make one group of (id, published, duplicate_of)
    point at its original."""
    members = list(members)
    original = min(members, key=lambda m: original_key(m[0], m[1]))[0]
    changes: dict[str, str | None] = {}
    for article_id, _, current in members:
        wanted = None if article_id == original else original
        if current != wanted:
            changes[article_id] = wanted
    return changes


def current_groups(recorded: Mapping[str, Mapping[str, str]], current: Mapping[str, str]
                   ) -> dict[str, dict[str, str]]:
    """Band key -> {group: member} with every recorded group named by its current original
    (``current``: recorded group id -> that original); groups that merged keep the smallest
    member."""
    by_key: dict[str, dict[str, str]] = {}
    for key, groups in recorded.items():
        for group_id, member in sorted(groups.items()):
            if group_id in current:
                named = by_key.setdefault(key, {})
                group = current[group_id]
                named[group] = min(member, named.get(group, member))
    return by_key


def plan_links(found: Iterable[set[str]], new_dates: Mapping[str, str | None],
               group_dates: Mapping[str, str | None]
               ) -> tuple[dict[str, str | None], dict[str, str]]:
    """For each group of ``join_groups``: its original (earliest of the new articles and of
    the joined groups' originals), the ``duplicate_of`` of each new article, and each joined
    group that must move to another original (old original -> new original)."""
    links: dict[str, str | None] = {}
    repoint: dict[str, str] = {}
    for group in found:
        dates = {i: new_dates[i] if i in new_dates else group_dates[i] for i in group}
        original = min(group, key=lambda i: original_key(i, dates[i]))
        links.update({i: (None if i == original else original) for i in group if i in new_dates})
        repoint.update({g: original for g in group if g not in new_dates and g != original})
    return links, repoint


def refresh_links(members: Iterable[tuple[str, str | None, str | None]]
                  ) -> dict[str, str | None]:
    """The ``duplicate_of`` changes that give every group among ``members`` (id, published,
    duplicate_of) its earliest article as original again."""
    groups: dict[str, list[tuple[str, str | None, str | None]]] = {}
    for member in members:
        groups.setdefault(member[2] or member[0], []).append(member)
    changes: dict[str, str | None] = {}
    for group in groups.values():
        if len(group) > 1:
            changes.update(links_for_group(group))
    return changes


def find_duplicates(articles: Sequence[Article], settings: IngestSettings) -> dict[str, str]:
    """Map each duplicate's id to the id of the article it duplicates (all in memory)."""
    unique = list({a.id: a for a in articles}.values())
    new = [NewArticle(a.id, a.content_hash, signature_of(a.text, settings)) for a in unique]
    published = {a.id: a.published for a in unique}
    links: dict[str, str] = {}
    for group in join_groups(new, Indexed(), settings.near_duplicate_threshold):
        found = links_for_group((i, published[i], None) for i in group)
        links.update({k: v for k, v in found.items() if v is not None})
    return links
