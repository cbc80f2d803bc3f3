"""Claim groups: claims about one quantity, across articles and dates.

Two claims are one quantity only when they measure the same concept of the same owner
with the same kind of figure: the same unit family (a count, one currency, a share, a
length ...), the same counted head (after a small synonym map: troops, soldiers and
forces are one count; "service members killed" are deaths) or most of the same concept
words, owners that do not clash ("Russian" and "Russia" agree, "U.S." does not), figures
within ``claim_max_ratio`` of each other, and never two different firm figures from one
article for one date (the answers of a poll, 58% against and 27% for, are two series). A
count and a projection of the same troops are one group; the chart draws them as two
series. Only quantities claimed at least twice form a group. The status (consistent,
updated, conflicting) is decided in ``story.claim_status``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..config import StorySettings
from ..pipeline import Stage
from ..records import Article, Claim, ClaimGroup, stable_id
from .claim_lexicon import CASUALTY_HEADS, DEMONYMS, HEAD_SYNONYMS, STOPWORDS
from .claim_status import (
    agree,
    claim_kind,
    day_of,
    is_firm,
    state_group,
    status_of,
    status_phrase,
)

#: shares of one population answer different questions: they group by their concept words
SHARE_FAMILIES = frozenset({"percent", "percentage point", "point"})


@dataclass(frozen=True, slots=True)
class QuantityKey:
    """What a claim measures: unit family, counted head, concept words and owner."""

    family: str
    head: str
    words: frozenset[str]
    owner: str

    @property
    def text(self) -> str:
        return "|".join(part for part in (self.family, self.head, self.owner) if part)


def _lemma(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _words(text: str | None) -> list[str]:
    return [w for w in re.findall(r"[a-z][a-z\-]*", (text or "").lower()) if w not in STOPWORDS]


def unit_family(claim: Claim) -> str:
    """count, percent, points, a currency code or a measure's dimension."""
    if claim.dimension == "count" or not claim.unit:
        return "count"
    if claim.dimension in {"currency", "rate"}:
        return claim.unit
    if claim.dimension in {"percent", "points"}:
        return claim.unit
    return claim.dimension


_AFTER_HEAD = re.compile(r"\b(?:near|along|at|on|in|around|within|from|to|over|of|who|that|"
                        r"which|across|inside|outside)\b", re.IGNORECASE)


def _head(claim: Claim) -> str:
    concept = _words(claim.concept)
    if concept and concept[-1] in CASUALTY_HEADS:
        return CASUALTY_HEADS[concept[-1]]
    noun_phrase = _AFTER_HEAD.split(claim.subject or claim.concept or "")[0]
    words = _words(noun_phrase) or concept
    if not words:
        return ""
    last_two = " ".join(words[-2:])
    if last_two in HEAD_SYNONYMS:
        return HEAD_SYNONYMS[last_two]
    if words[-1] in HEAD_SYNONYMS:
        return HEAD_SYNONYMS[words[-1]]
    return _lemma(words[-1])


def owner_key(claim: Claim) -> str:
    """The owner as one key: 'Russian', 'Russia' and 'Moscow' are all 'russia'."""
    text = (claim.owner or "").strip().lower()
    if not text:
        for word in re.findall(r"[A-Z][A-Za-z.]*", claim.concept or claim.subject or ""):
            if word.lower().strip(".") in DEMONYMS or word.lower() in DEMONYMS:
                text = word.lower()
                break
    text = text.removeprefix("the ")
    return DEMONYMS.get(text, DEMONYMS.get(text.replace(".", ""), text.replace(".", "")))


def quantity_key(claim: Claim) -> QuantityKey:
    words = frozenset(_lemma(w) for w in _words(claim.concept or claim.subject))
    return QuantityKey(unit_family(claim), _head(claim), words, owner_key(claim))


def _same_head(first: str, second: str) -> bool:
    """'dockworker' and 'worker' count the same people: one head ends the other."""
    short, long = sorted((first, second), key=len)
    return short == long or (len(short) >= 5 and long.endswith(short))


def _same_quantity(a: QuantityKey, b: QuantityKey, overlap: float) -> bool:
    if a.family != b.family or not a.head or not b.head:
        return False
    if a.owner and b.owner and a.owner != b.owner:
        return False
    if a.family == "count":
        return _same_head(a.head, b.head)
    if a.head == b.head and a.family not in SHARE_FAMILIES:
        return True
    union = a.words | b.words
    return bool(union) and len(a.words & b.words) / len(union) >= overlap


def _fits(member: tuple[Claim, QuantityKey], bucket: list[tuple[Claim, QuantityKey]],
          articles: Mapping[str, Article], settings: StorySettings) -> bool:
    """Same quantity as the bucket's first member, and no clash with any member."""
    claim, key = member
    if not _same_quantity(key, bucket[0][1], settings.claim_concept_overlap):
        return False
    for other, other_key in bucket:
        if key.owner and other_key.owner and key.owner != other_key.owner:
            return False
        low, high = sorted((abs(claim.value), abs(other.value)))
        if high > 0 and (low == 0 or high / low > settings.claim_max_ratio):
            return False
        if other.article_id == claim.article_id and is_firm(claim) and is_firm(other) and \
                day_of(claim, articles) == day_of(other, articles) and \
                not agree(claim, other, settings):
            return False  # one article gives two figures: two series (a poll's answers)
    return True


def _subject_label(bucket: list[tuple[Claim, QuantityKey]]) -> str:
    """The fullest concept among the members ('Russian troops along the border')."""
    concepts = [c.concept or c.subject or "" for c, _ in bucket]
    heads = [k.head for _, k in bucket]
    best = max(concepts, key=lambda text: (len(_words(text)), -concepts.index(text)))
    return best or heads[0] or bucket[0][0].text


def group_claims(claims: Sequence[Claim], articles: Mapping[str, Article],
                 settings: StorySettings | None = None) -> tuple[ClaimGroup, ...]:
    """Group claims about the same quantity (two claims at least) and give each a status."""
    settings = settings or StorySettings()
    buckets: list[list[tuple[Claim, QuantityKey]]] = []
    for claim in sorted(claims, key=lambda c: (day_of(c, articles), c.article_id, c.start)):
        if claim.modality == "hypothetical":
            continue  # an 'if' scenario is no figure of the quantity it imagines
        member = (claim, quantity_key(claim))
        for bucket in buckets:
            if _fits(member, bucket, articles, settings):
                bucket.append(member)
                break
        else:
            buckets.append([member])
    groups = []
    for bucket in buckets:
        if len(bucket) < 2:
            continue
        members = [c for c, _ in bucket]
        key = bucket[0][1]
        groups.append(ClaimGroup(
            id=stable_id("claimgroup", key.text, members[0].id), subject=_subject_label(bucket),
            claim_ids=tuple(c.id for c in members),
            status=status_of(members, articles, settings), key=key.text,
            unit=members[0].unit))
    return tuple(groups)


def group_story_claims(claims: Sequence[Claim], members: Sequence[Article],
                       settings: StorySettings | None = None) -> tuple[ClaimGroup, ...]:
    return group_claims(claims, {a.id: a for a in members}, settings)


STAGE = Stage("claim_groups", "claim-groups-2", requires=("claims", "members"),
              produces=("claim_groups",), run=group_story_claims, settings="story",
              lexicon="storyline.story.claim_lexicon",
              doc="claims about one quantity grouped, each group with a status")

__all__ = ["STAGE", "QuantityKey", "claim_kind", "group_claims", "quantity_key",
           "state_group", "status_of", "status_phrase", "unit_family"]
