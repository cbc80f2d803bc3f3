"""Names that stand for something named after them in the same article.

* A city acting as a subject or possessor, and never written as where something is,
  stands for the team or club named after it in the article ("Indianapolis beat Kansas City" where "Indianapolis Colts" is named: the
  Colts), never for a newspaper ("New York" is not "The New York Times").
* A person's name after "at", "into", "to" or another place preposition, and never
  acting, stands for the facility named after that person in the article ("checked into Betty Ford" where "Betty
  Ford Center" is named: the clinic).

The thing named after keeps its own kind: the person-tagged mentions folded into it do not
vote ("Betty Ford" makes no person of the Betty Ford Center).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ...records import Mention
from ..parse import char_span
from .lexicon import FACILITY_WORDS, PUBLICATION_WORDS
from .places import acts, located

_TOWARDS = frozenset({"to", "at", "into"})


def _root(doc, mention: Mention):
    span = char_span(doc, mention.start, mention.end)
    return span.root if span is not None and len(span) else None


def _roles(doc, mentions: Sequence[Mention], indexes: Sequence[int]) -> tuple[bool, bool, bool]:
    """Whether any mention of a group acts, any is placed (after a place preposition,
    "to" or "at"), any is located (after a place preposition)."""
    roots = [r for r in (_root(doc, mentions[i]) for i in indexes) if r is not None]
    return (any(acts(r) for r in roots), any(_placed(r) for r in roots),
            any(located(r) for r in roots))


def _placed(token) -> bool:
    return located(token) or (token.dep_ == "pobj" and token.head.lower_ in _TOWARDS)


def _team_of(group, groups) -> list:
    size = len(group.tokens)
    return [g for g in groups if g.kind == "org" and len(g.tokens) > size
            and g.tokens[:size] == group.tokens and g.tokens[-1].endswith("s")
            and g.tokens[-1] not in PUBLICATION_WORDS]


def _facility_of(group, groups) -> list:
    size = len(group.tokens)
    return [g for g in groups if g.kind in ("org", "place") and len(g.tokens) == size + 1
            and g.tokens[:size] == group.tokens and g.tokens[-1] in FACILITY_WORDS]


def named_after_links(groups: Mapping[str, object], mentions: Sequence[Mention], doc
                      ) -> dict[str, str]:
    """Group key -> the key of the group it stands for (see the module docstring); the
    groups' ``tokens`` and ``kind`` must be set."""
    if doc is None:
        return {}
    links: dict[str, str] = {}
    others = list(groups.values())
    for group in others:
        if not group.tokens or group.alias is not None:
            continue
        found = []
        acting, placed, where = _roles(doc, mentions, group.indexes)
        if group.kind == "place" and acting and not where:
            found = _team_of(group, others)
        elif group.kind == "person" and placed and not acting:
            found = _facility_of(group, others)
        if len(found) == 1:
            links[group.key] = found[0].key
    return links
