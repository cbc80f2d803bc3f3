"""Link exact and near-duplicate articles; never drop one.

Exact duplicates share a content hash. Near duplicates are found with MinHash LSH over word
shingles (``shingle_size`` words) and confirmed by the MinHash Jaccard estimate. Within a
group of linked articles the original is the earliest published (undated last), ties
broken by the smallest id; every other member maps to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from datasketch import MinHash, MinHashLSH

from ..config import IngestSettings
from ..records import Article

_WORD = re.compile(r"\w+")


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


class _Groups:
    """Union-find over article ids."""

    def __init__(self, ids: Sequence[str]) -> None:
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


def _link_exact(articles: Sequence[Article], groups: _Groups) -> None:
    first_by_hash: dict[str, str] = {}
    for article in articles:
        key = article.content_hash
        if key in first_by_hash:
            groups.union(first_by_hash[key], article.id)
        else:
            first_by_hash[key] = article.id


def _link_near(articles: Sequence[Article], settings: IngestSettings, groups: _Groups) -> None:
    lsh = MinHashLSH(threshold=settings.near_duplicate_threshold, num_perm=settings.num_perm)
    signatures: dict[str, MinHash] = {}
    for article in articles:
        if article.id in signatures:
            continue
        signature = _minhash(article.text, settings)
        for other in lsh.query(signature):
            if signature.jaccard(signatures[other]) >= settings.near_duplicate_threshold:
                groups.union(other, article.id)
        signatures[article.id] = signature
        lsh.insert(article.id, signature)


def _original(members: list[Article]) -> Article:
    return min(members, key=lambda a: (a.published is None, a.published or "", a.id))


def find_duplicates(articles: Sequence[Article], settings: IngestSettings) -> dict[str, str]:
    """Map each duplicate's id to the id of the article it duplicates."""
    unique = list({a.id: a for a in articles}.values())
    groups = _Groups([a.id for a in unique])
    _link_exact(unique, groups)
    _link_near(unique, settings, groups)
    members: dict[str, list[Article]] = {}
    for article in unique:
        members.setdefault(groups.find(article.id), []).append(article)
    links: dict[str, str] = {}
    for group in members.values():
        original = _original(group)
        links.update({a.id: original.id for a in group if a.id != original.id})
    return links
