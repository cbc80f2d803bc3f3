"""When claims about one quantity agree, dispute or revise each other, and how to say it.

Only firm figures count: reported counts and estimates. Projections, targets and
hypothetical figures, and vague ranges ("tens of thousands"), never make a group
``updated`` or ``conflicting``. Two firm figures agree when they are within the
tolerance, when one is a range holding the other, or when a bound ("more than 150,000")
holds the other figure. A group is ``conflicting`` when figures of different sources for
the same period (the same as-of day, or ``claim_period_days`` apart) disagree, ``updated``
when a later period's figure differs from an earlier one, ``consistent`` otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..config import StorySettings
from ..records import Article, Claim, ClaimGroup
from .claim_lexicon import PROJECTED, STATUS_PHRASES

CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
CHANGE_WORDS = {">": "more than ", "<": "fewer than ", "~": "about "}


@dataclass(frozen=True, slots=True)
class Dated:
    """A claim with its day, its source (outlet and claimant) and its outlet."""

    claim: Claim
    day: str
    source: str
    outlet: str


def claim_kind(claim: Claim) -> str:
    """count (a firm figure), projection (projected, targeted or hypothetical) or range (a
    vague magnitude or a stated range)."""
    if claim.modality in PROJECTED:
        return "projection"
    if claim.vague or claim.high is not None:
        return "range"
    return "count"


def is_firm(claim: Claim) -> bool:
    """A reported figure or an estimate, not a projection or a vague magnitude."""
    return claim.modality not in PROJECTED and not claim.vague


def outlet_of(claim: Claim, articles: Mapping[str, Article]) -> str:
    article = articles.get(claim.article_id)
    return (article.outlet or article.source) if article else claim.article_id


def day_of(claim: Claim, articles: Mapping[str, Article]) -> str:
    if claim.as_of:
        return claim.as_of[:10]
    article = articles.get(claim.article_id)
    return (article.published or "")[:10] if article else ""


def dated(claims: Sequence[Claim], articles: Mapping[str, Article]) -> list[Dated]:
    out = []
    for claim in claims:
        outlet = outlet_of(claim, articles)
        speaker = claim.claimed_by_actor_id or (claim.claimed_by_text or "").lower()
        out.append(Dated(claim, day_of(claim, articles), f"{outlet}|{speaker}", outlet))
    return out


def _close(a: float, b: float, tolerance: float) -> bool:
    scale = max(abs(a), abs(b))
    return scale == 0 or abs(a - b) / scale <= tolerance


def _holds(bound: Claim, value: float, tolerance: float) -> bool:
    """Whether a range or a bound ("more than 150,000") holds ``value``."""
    if bound.low is not None and bound.high is not None:
        low, high = sorted((bound.low, bound.high))
        return low * (1 - tolerance) <= value <= high * (1 + tolerance)
    if bound.change == ">":
        return value >= bound.value * (1 - tolerance)
    if bound.change == "<":
        return value <= bound.value * (1 + tolerance)
    return False


def agree(first: Claim, second: Claim, settings: StorySettings) -> bool:
    """True when two figures can describe the same quantity at the same time."""
    approximate = "~" in {first.change, second.change}
    tolerance = settings.claim_approx_tolerance if approximate else settings.claim_tolerance
    if _holds(first, second.value, tolerance) or _holds(second, first.value, tolerance):
        return True
    if first.high is not None or second.high is not None:
        return False
    if first.change in {">", "<"} or second.change in {">", "<"}:
        return False
    return _close(first.value, second.value, tolerance)


def _days_apart(first: str, second: str) -> int | None:
    try:
        return abs((date.fromisoformat(first) - date.fromisoformat(second)).days)
    except ValueError:
        return None if first != second else 0


def same_period(first: str, second: str, settings: StorySettings) -> bool:
    apart = _days_apart(first, second)
    return apart is not None and apart <= settings.claim_period_days


def disputes(items: Sequence[Dated], settings: StorySettings) -> list[tuple[Dated, Dated]]:
    """Pairs of firm figures from different sources for one period that disagree."""
    firm = [d for d in items if is_firm(d.claim)]
    return [(a, b) for i, a in enumerate(firm) for b in firm[i + 1:]
            if a.source != b.source and same_period(a.day, b.day, settings)
            and not agree(a.claim, b.claim, settings)]


def revisions(items: Sequence[Dated], settings: StorySettings) -> list[tuple[Dated, Dated]]:
    """Pairs (earlier, later) of firm figures of different periods that differ."""
    firm = sorted((d for d in items if is_firm(d.claim)), key=lambda d: d.day)
    return [(a, b) for i, a in enumerate(firm) for b in firm[i + 1:]
            if a.day and b.day and not same_period(a.day, b.day, settings)
            and not agree(a.claim, b.claim, settings)]


def status_of(claims: Sequence[Claim], articles: Mapping[str, Article],
              settings: StorySettings | None = None) -> str:
    """conflicting | updated | consistent for claims known to measure one quantity."""
    settings = settings or StorySettings()
    items = dated(claims, articles)
    if disputes(items, settings):
        return "conflicting"
    if revisions(items, settings):
        return "updated"
    return "consistent"


def status_phrase(status: str) -> str:
    """'sources disagree', 'figure revised', 'sources agree'."""
    return STATUS_PHRASES.get(status, status)


def format_value(value: float) -> str:
    if abs(value) >= 1e9 and value % 1e7 == 0:
        return f"{value / 1e9:g} billion"
    if abs(value) >= 1e6 and value % 1e4 == 0:
        return f"{value / 1e6:g} million"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def format_figure(claim: Claim, hedge: bool = True) -> str:
    """A claim's figure in words: 'nearly 100,000', '$2.5 billion', '58%',
    '10,000 to 100,000'."""
    if claim.low is not None and claim.high is not None:
        number = f"{format_value(claim.low)} to {format_value(claim.high)}"
    else:
        number = format_value(claim.value)
    if claim.unit in CURRENCY_SIGNS:
        number = CURRENCY_SIGNS[claim.unit] + number
    elif claim.unit == "percent":
        number += "%"
    elif claim.unit:
        number += f" {claim.unit}"
    if not hedge or claim.high is not None:
        return number
    words = claim.qualifier if claim.qualifier and not claim.vague else \
        CHANGE_WORDS.get(claim.change, "").strip()
    return f"{words} {number}".strip()


def _by_outlet(items: Sequence[Dated]) -> list[str]:
    """'CNN nearly 100,000': one figure per outlet, in order."""
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.outlet, format_figure(item.claim))
    return [f"{outlet} {figure}" for outlet, figure in seen.items()]


def _others(items: Sequence[Dated]) -> str:
    """What the projections and vague ranges add ('projected: as many as 175,000 (CNN)')."""
    parts = []
    for kind, label in (("projection", "projected"), ("range", "also described as")):
        mine = [d for d in items if claim_kind(d.claim) == kind and (
            kind == "projection" or d.claim.vague)]
        figures: dict[str, list[str]] = {}
        for item in mine:
            figure = format_figure(item.claim, hedge=kind == "range")
            outlets = figures.setdefault(figure, [])
            if item.outlet not in outlets:
                outlets.append(item.outlet)
        parts += [f"{label} {figure} ({', '.join(outlets)})" for figure, outlets in
                  figures.items()]
    return ("; " + "; ".join(parts)) if parts else ""


def state_group(group: ClaimGroup, claims: Sequence[Claim], articles: Mapping[str, Article],
                settings: StorySettings | None = None) -> str:
    """The group in words, with who said which: 'Sources disagree on Russian troops near
    the border: CNN nearly 100,000, Newsweek about 70,000 (2021-12-06)'."""
    settings = settings or StorySettings()
    members = [c for c in claims if c.id in set(group.claim_ids)]
    items = sorted(dated(members, articles), key=lambda d: (d.day, d.claim.start))
    firm = [d for d in items if is_firm(d.claim)]
    found = disputes(items, settings)
    if found:
        day = found[0][0].day
        period = [d for d in firm if same_period(d.day, day, settings)]
        text = f"Sources disagree on {group.subject}: {', '.join(_by_outlet(period))} ({day})"
    elif revisions(items, settings):
        first, last = firm[0], firm[-1]
        text = (f"The figure for {group.subject} was revised: {format_figure(first.claim)} "
                f"({first.outlet}, {first.day}), then {format_figure(last.claim)} "
                f"({last.outlet}, {last.day})")
    elif firm:
        outlets = ", ".join(dict.fromkeys(d.outlet for d in firm))
        verb = "Sources agree on" if len({d.outlet for d in firm}) > 1 else "Figure for"
        text = f"{verb} {group.subject}: {format_figure(firm[-1].claim)} ({outlets}, " \
               f"{firm[-1].day})"
    else:
        text = f"No firm figure for {group.subject}"
    return text + _others(items) + "."
