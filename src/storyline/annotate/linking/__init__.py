"""Linking: the speaker of every quote and the claimant of every claim, as actors of the
article. The one place these links are made; story building maps them to story actors."""

from __future__ import annotations

from ...pipeline import Stage
from .link import link_items

VERSION = "linking-4"

STAGE = Stage("linking", VERSION, requires=("quotes", "claims", "mentions", "actors", "doc"),
              produces=("links",), run=link_items,
              doc="quote speakers (the mention at the head of the speaker words, pronouns "
                  "and descriptions resolved) and claimants linked to the article's actors")

__all__ = ["STAGE", "link_items"]
