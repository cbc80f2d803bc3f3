"""Claim groups: numeric claims about the same quantity, across articles and dates.

Two claims are about the same quantity when their units belong to the same family and
their subjects share a head noun (after a small synonym map: troops, soldiers and forces
are one quantity) or most of their content words, with no clash of owners ("U.S." vs
"Russian") or of scale. A group is ``conflicting`` when different sources give different
figures for the latest date, ``updated`` when a later date gives a different figure (it
supersedes an earlier same-day disagreement), ``consistent`` otherwise. Projections ("could be involved",
"as many as", "projected") and vague figures ("tens of thousands") stay in the group,
marked by their qualifier, but do not count as a changed or disputed figure.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..pipeline import Stage
from ..records import Article, Claim, ClaimGroup, stable_id

RELATIVE_TOLERANCE = 0.02  # "about 40,000" and "40,500" are one figure
MAX_RATIO = 20.0  # figures further apart than this are not the same quantity
MIN_WORD_OVERLAP = 0.5

HEAD_SYNONYMS: dict[str, str] = {
    **dict.fromkeys(("troop", "troops", "soldier", "soldiers", "force", "forces",
                     "servicemen", "serviceman", "personnel", "service member",
                     "service members", "military personnel", "army"), "troops"),
    **dict.fromkeys(("people", "person", "persons", "civilian", "civilians", "resident",
                     "residents", "individual", "individuals"), "people"),
    **dict.fromkeys(("death", "deaths", "dead", "fatality", "fatalities", "killed"), "deaths"),
    **dict.fromkeys(("injury", "injuries", "injured", "wounded"), "injured"),
    **dict.fromkeys(("refugee", "refugees", "displaced", "evacuee", "evacuees"), "refugees"),
    **dict.fromkeys(("vote", "votes", "voter", "voters", "ballot", "ballots"), "voters"),
}

UNIT_FAMILIES: dict[str, str] = {
    **dict.fromkeys(("%", "percent", "per cent", "pct", "percentage", "percentage points"),
                    "percent"),
    **dict.fromkeys(("$", "usd", "dollar", "dollars", "€", "eur", "euro", "euros", "£", "gbp",
                     "pound", "pounds", "rouble", "roubles", "ruble", "rubles", "yen",
                     "money", "currency"), "money"),
    **dict.fromkeys(("km", "kilometer", "kilometers", "kilometre", "kilometres", "mile",
                     "miles", "m", "meter", "meters", "metre", "metres"), "distance"),
    **dict.fromkeys(("kg", "ton", "tons", "tonne", "tonnes", "barrel", "barrels"), "mass"),
    **dict.fromkeys(("day", "days", "week", "weeks", "month", "months", "year", "years",
                     "hour", "hours"), "duration"),
}

PROJECTION_WORDS = ("project", "could", "might", "may ", "would", "as many as", "up to",
                    "expected", "expect", "potential", "plan", "forecast", "possible",
                    "estimated to reach", "will ")
# after the figure: "175,000 troops could be involved", "... would be deployed"
PROJECTION_AFTER = re.compile(r"^[^.;!?]{0,40}?\b(could|might|may|would|will|is expected to|"
                              r"are expected to|is projected to|are projected to)\b", re.IGNORECASE)

VAGUE_WORDS = ("tens of", "thousands of", "hundreds of", "dozens of", "millions of", "several")
OWNER = re.compile(r"\b[A-Z][A-Za-z.]*")
STOPWORDS = frozenset({"the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "for",
                       "by", "with", "from", "some", "about", "nearly", "around", "more",
                       "than", "over", "least", "up", "as", "many", "its", "their", "his",
                       "her", "new", "other", "additional", "extra", "total"})


@dataclass(frozen=True, slots=True)
class _Key:
    family: str
    head: str
    words: frozenset[str]
    owners: frozenset[str]  # capitalized modifiers: "Russian", "U.S."


@dataclass(frozen=True, slots=True)
class _Dated:
    claim: Claim
    date: str
    source: str
    projection: bool


def group_claims(claims: Sequence[Claim],
                 articles: Mapping[str, Article]) -> tuple[ClaimGroup, ...]:
    """Group numeric claims about the same quantity and give each group a status."""
    buckets: list[list[tuple[Claim, _Key]]] = []
    for claim in sorted(claims, key=lambda c: (_date(c, articles), c.article_id, c.start)):
        member = (claim, _quantity_key(claim))
        for bucket in buckets:
            if _fits(member, bucket):
                bucket.append(member)
                break
        else:
            buckets.append([member])
    return tuple(_group([c for c, _ in bucket], bucket[0][1], articles) for bucket in buckets)


def is_projection(claim: Claim, after: str = "") -> bool:
    """A future or hypothetical figure ("could be involved", "as many as", "projected").

    ``after`` is the article text right after the claim, where "could be involved" sits.
    """
    qualifier = (claim.qualifier or "").lower() + " "
    if any(word in qualifier for word in PROJECTION_WORDS):
        return True
    return bool(after) and PROJECTION_AFTER.search(after) is not None


def status_of(claims: Sequence[Claim], articles: Mapping[str, Article]) -> str:
    """consistent | updated | conflicting, for claims already known to be one quantity.

    The status describes the latest state: sources that disagree on the latest date make
    the group ``conflicting``; otherwise a figure that changed from an earlier date makes
    it ``updated`` (the later figure supersedes an earlier disagreement); projections
    never count.
    """
    dated = [_Dated(c, _date(c, articles), _source(c, articles),
                    is_projection(c, _after(c, articles)) or _vague(c)) for c in claims]
    by_date: dict[str, list[_Dated]] = {}
    for item in dated:
        if not item.projection:
            by_date.setdefault(item.date, []).append(item)
    if not by_date:
        return "consistent"
    dates = sorted(by_date)
    if _disagree(by_date[dates[-1]]):
        return "conflicting"
    for earlier, later in itertools.pairwise(dates):
        if any(_differs(a.claim.value, b.claim.value)
               for a in by_date[earlier] for b in by_date[later]):
            return "updated"
    return "consistent"


def _vague(claim: Claim) -> bool:
    """"tens of thousands": an order of magnitude, not a figure that can change or clash."""
    qualifier = (claim.qualifier or "").lower()
    return any(word in qualifier for word in VAGUE_WORDS)


def _after(claim: Claim, articles: Mapping[str, Article]) -> str:
    article = articles.get(claim.article_id)
    if article is None or article.text[claim.start:claim.end] != claim.text:
        return ""
    return article.text[claim.end:claim.end + 60]


def _group(bucket: list[Claim], key, articles: Mapping[str, Article]) -> ClaimGroup:
    subject = _subject_label(bucket, key)
    return ClaimGroup(id=stable_id("claimgroup", subject, bucket[0].id), subject=subject,
                      claim_ids=tuple(c.id for c in bucket),
                      status=status_of(bucket, articles))


def _disagree(items: list[_Dated]) -> bool:
    for i, first in enumerate(items):
        for second in items[i + 1:]:
            if first.source != second.source and _differs(first.claim.value,
                                                          second.claim.value):
                return True
    return False


def _differs(a: float, b: float) -> bool:
    scale = max(abs(a), abs(b))
    return scale > 0 and abs(a - b) / scale > RELATIVE_TOLERANCE


def _date(claim: Claim, articles: Mapping[str, Article]) -> str:
    if claim.as_of:
        return claim.as_of[:10]
    article = articles.get(claim.article_id)
    return (article.published or "")[:10] if article else ""


def _source(claim: Claim, articles: Mapping[str, Article]) -> str:
    article = articles.get(claim.article_id)
    outlet = (article.outlet or article.source) if article else claim.article_id
    speaker = claim.claimed_by_actor_id or (claim.claimed_by_text or "").lower()
    return f"{outlet}|{speaker}"


# ---------------------------------------------------------------- quantity keys


def _words(text: str | None) -> list[str]:
    return [w for w in re.findall(r"[a-z][a-z\-]*", (text or "").lower()) if w not in STOPWORDS]


def _lemma(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _head(words: list[str]) -> str:
    if not words:
        return ""
    last_two = " ".join(words[-2:])
    if last_two in HEAD_SYNONYMS:
        return HEAD_SYNONYMS[last_two]
    for word in reversed(words):  # the last synonym-mapped word, else the last word
        if word in HEAD_SYNONYMS:
            return HEAD_SYNONYMS[word]
    return _lemma(words[-1])


def unit_family(unit: str | None) -> str:
    """The family of a unit (percent, money, distance, ...); counts are ``count``."""
    if not unit:
        return "count"
    text = unit.strip().lower()
    return UNIT_FAMILIES.get(text, UNIT_FAMILIES.get(_lemma(text), text))


def _quantity_key(claim: Claim) -> _Key:
    words = _words(claim.subject)
    owners = frozenset(w.lower().replace(".", "") for w in OWNER.findall(claim.subject or ""))
    return _Key(unit_family(claim.unit), _head(words), frozenset(_lemma(w) for w in words),
                owners)


def _fits(member: tuple[Claim, _Key], bucket: list[tuple[Claim, _Key]]) -> bool:
    """Same quantity as some member, and no member with another owner or scale."""
    claim, key = member
    if not any(_same_quantity(key, other) for _, other in bucket):
        return False
    for other_claim, other in bucket:
        if key.owners and other.owners and not key.owners & other.owners:
            return False  # "U.S. service members" are not "Russian troops"
        low, high = sorted((abs(claim.value), abs(other_claim.value)))
        if high > 0 and (low == 0 or high / low > MAX_RATIO):
            return False
    return True


def _same_quantity(a: _Key, b: _Key) -> bool:
    if a.family != b.family or not a.head or not b.head:
        return False
    if a.head == b.head:
        return True
    union = a.words | b.words
    return bool(union) and len(a.words & b.words) / len(union) >= MIN_WORD_OVERLAP


def _subject_label(bucket: list[Claim], key: _Key) -> str:
    if key.head:
        return key.head
    return (bucket[0].subject or bucket[0].text).strip().lower()


def group_story_claims(claims: Sequence[Claim], members: Sequence[Article]
                       ) -> tuple[ClaimGroup, ...]:
    return group_claims(claims, {a.id: a for a in members})


STAGE = Stage("claim_groups", "claim-groups-1", requires=("claims", "members"),
              produces=("claim_groups",), run=group_story_claims,
              doc="claims about one quantity grouped, each group with a status")
